"""Which number reader for facts? newsbrief's own reader beside text2num, number-parser and
quantulum3, on the number forms issue 14 names (ranges, hyphenated money, fractions in
words, vague quantities, clock times, seasons, vote tallies, ordinals, "mile-long").

Each case is a phrase as news writes it and the quantities a fact reader must get from
it: the values (a range gives both ends; a clock time, a season, an ordinal give none,
they are not quantities). A reader passes a case when the set of quantity values it
reports equals the expected set. text2num and number-parser turn number words into
digits (their output is read back with a digit pattern); quantulum3 returns quantities
with units; newsbrief's reader is the fact scanner (``extract_facts``: its numeric facts).

    .venv/bin/python bench/number_readers.py        # table of results
    .venv/bin/python bench/number_readers.py -v     # and what each reader returned

The libraries are optional here (``pip install text2num number-parser quantulum3``); a
missing one is reported as not installed.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import time
from collections.abc import Callable

from newsbrief.compare import NUMERIC_KINDS, extract_facts
from newsbrief.model import Article

#: (sentence, expected quantity values). Intervals of vague amounts are given as their ends.
CASES: list[tuple[str, set[float]]] = [
    ("The victims were aged eight to 14, police said.", {8, 14}),
    ("The company reported a loss of $1.2-billion last year.", {1.2e9}),
    ("The search lasted three-and-a-half days before the boy was found.", {3.5}),
    ("Several hundred people gathered outside the court.", {200, 1000}),  # [200, 1000)
    ("The quake struck at 12.20am local time.", set()),
    ("The meeting ended at 2.15pm on Friday.", set()),
    ("He scored 20 goals in the 2012-13 season.", {20}),
    ("The court ruled 8-1 in favour of the state.", {8, 1}),
    ("It was the third attack on the town this year.", set()),
    ("Voters waited in a mile-long queue outside the hall.", {1}),
    ("Rescuers waited five to ten minutes for the signal.", {5, 10}),
    ("Nine hundred and fifty-five people were evacuated.", {955}),
    ("Twenty-four soldiers were killed in the raid.", {24}),
    ("The ship carried 34 thousand tonnes of grain.", {34000}),
    ("Half a million people fled the region.", {500000}),
    ("A dozen houses were destroyed.", {12}),
    ("The bank was fined $7.5bn by regulators.", {7.5e9}),
    ("The fleet returned with the 333 whales Japan hunted.", {333}),
    ("The town lies 1,300km southwest of Tokyo.", {1300}),
    ("At least 135 soldiers were killed on Friday.", {135}),
]

_NUM = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.])\d+(?:\.\d+)?")


def _digits(text: str) -> set[float]:
    return {float(m.group().replace(",", "")) for m in _NUM.finditer(text)}


def own(sentence: str, want: set[float]) -> set[float]:
    facts = extract_facts(Article.create(sentence, title="", url="https://example.org/a"))
    out: set[float] = set()
    for f in facts:
        if f.kind not in NUMERIC_KINDS:
            continue
        if f.relation in ("range", "vague") and f.kind == "duration":  # "PT5M-PT10M"
            for end in f.normalized.split("-"):
                out.add(_duration_value(dataclasses.replace(f, normalized=end), want))
        elif f.relation in ("range", "vague"):  # "10-15", "200-1000": both ends
            out.update(float(x) for x in f.normalized.split("-"))
        else:
            out.add(float(f.normalized) if f.kind != "duration" else _duration_value(f, want))
    return out


_ISO_PART = re.compile(r"(\d+(?:\.\d+)?)([YMWDHS])")
_ISO_SECONDS = {"Y": 31536000, "W": 604800, "D": 86400, "H": 3600, "S": 1}


def _duration_value(f: object, want: set[float]) -> float:
    """A duration fact's number in the unit the sentence wrote: its ISO 8601 form
    ("PT84H" for "three-and-a-half days") read in years, weeks, days, hours, minutes or
    seconds, whichever is expected (else the number as the ISO form writes it)."""
    iso = str(getattr(f, "normalized", ""))
    secs = 0.0
    for num, unit in _ISO_PART.findall(iso):
        per = 60 if unit == "M" and "T" in iso else 2592000 if unit == "M" else _ISO_SECONDS[unit]
        secs += float(num) * per
    for per in (31536000, 604800, 86400, 3600, 60, 1):
        if secs / per in want:
            return secs / per
    got = _ISO_PART.findall(iso)
    return float(got[0][0]) if got else float("nan")


def readers() -> dict[str, Callable[[str, set[float]], set[float]] | str]:
    """name -> reader, or the reason it is not available."""
    out: dict[str, Callable[[str, set[float]], set[float]] | str] = {"newsbrief (own scanner)": own}
    try:
        from text_to_num import alpha2digit

        out["text2num alpha2digit"] = lambda s, _w: _digits(alpha2digit(s, "en"))
    except ImportError:
        out["text2num alpha2digit"] = "not installed"
    try:
        from number_parser import parse as np_parse

        out["number-parser parse"] = lambda s, _w: _digits(np_parse(s))
    except ImportError:
        out["number-parser parse"] = "not installed"
    try:
        from quantulum3 import parser as q_parser

        def quantulum(s: str, _w: set[float]) -> set[float]:
            return {float(q.value) for q in q_parser.parse(s)}

        out["quantulum3 parse"] = quantulum
    except ImportError:
        out["quantulum3 parse"] = "not installed"
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="show every reading")
    args = ap.parse_args(argv)
    print("| reader | cases right | of | ms per case | wrong on |")
    print("|---|---|---|---|---|")
    for name, fn in readers().items():
        if isinstance(fn, str):
            print(f"| {name} | - | {len(CASES)} | - | {fn} |")
            continue
        fn(CASES[0][0], CASES[0][1])  # load what the reader loads once
        right, wrong, lines = 0, [], []
        t0 = time.perf_counter()
        for sentence, want in CASES:
            try:
                got = fn(sentence, {float(x) for x in want})
            except Exception as exc:  # a library failing on a phrase counts as wrong
                got = {float("nan")}
                lines.append(f"    {sentence!r}: {type(exc).__name__}")
            ok = got == {float(x) for x in want}
            right += ok
            if not ok:
                wrong.append(re.sub(r"[|]", "/", sentence.split(" ", 3)[-1][:28]))
            lines.append(f"    {'ok ' if ok else 'BAD'} {sentence!r}: got {sorted(got)}")
        ms = (time.perf_counter() - t0) * 1000 / len(CASES)
        print(f"| {name} | {right} | {len(CASES)} | {ms:.2f} | {len(wrong)} cases |")
        if args.verbose:
            print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
