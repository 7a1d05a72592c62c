"""What each cleaning rule is worth on the extraction benchmark's TUNE half.

The reader's text before cleaning (the balanced lines the line model keeps, from
bench/fit_reader.py's feature cache and the shipped model) is cleaned once with every
rule and once without each rule in turn; the table gives the change in P, R and F1
(with the rule minus without it) on the tune half only, so that rules that do not pay
there can be found without reading the held-out half.

    .venv/bin/python bench/fit_reader.py --no-write   # makes the feature cache once
    .venv/bin/python bench/clean_ablation.py
    .venv/bin/python bench/clean_ablation.py --totals held-out   # totals only, no table
    .venv/bin/python bench/clean_ablation.py --half held-out     # the table of held-out totals

``--totals HALF`` prints, for a half, the reader with every rule, without cleaning,
without the dateline cut, and with only the rules that paid on the tune half (plus the
ones the issue requires: datelines, timestamps, bylines, credits, markup, glued junk);
:data:`OFF_SHORT` and :data:`OFF_ANY` list the others, read off this script's table.
"""

from __future__ import annotations

import pickle
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

import newsbrief.clean as C  # noqa: E402
from extraction_split import load_tool, split  # noqa: E402
from fit_reader import CACHE, mask, reader_text  # noqa: E402
from newsbrief.read.lines import keep_probabilities, load_model  # noqa: E402


@contextmanager
def patched(name: str, value: Any) -> Iterator[None]:
    old = getattr(C, name)
    setattr(C, name, value)
    try:
        yield
    finally:
        setattr(C, name, old)


@contextmanager
def without_pattern(short: bool, i: int) -> Iterator[None]:
    shorts = list(C._SHORT_LINE_PATTERNS)
    anys = list(C._ANY_LENGTH_PATTERNS)
    if short:
        del shorts[i]
    else:
        del anys[i]
    old = C._LINE_RE, C._LONG_LINE_RE
    C._LINE_RE, C._LONG_LINE_RE = C._alternation(shorts + anys), C._alternation(anys)
    try:
        yield
    finally:
        C._LINE_RE, C._LONG_LINE_RE = old


# pattern indices of clean._SHORT_LINE_PATTERNS / _ANY_LENGTH_PATTERNS that did not pay
# on the tune half and are not required (share/login/ad/related labels, promos in
# parentheses, follow-us, "more:", newsletter and subscription promos, comment forms,
# "watch", "visit", "this photo shows", punctuation-only lines)
OFF_SHORT = {8, 9, 10, 11, 12, 13, 14, 15, 16, 20, 22}
OFF_ANY = {0, 3, 5, 8, 9, 10, 11, 14, 20, 21, 22, 23, 24, 25, 26, 27, 31}


@contextmanager
def only_paying_rules() -> Iterator[None]:
    shorts = [p for i, p in enumerate(C._SHORT_LINE_PATTERNS) if i not in OFF_SHORT]
    anys = [p for i, p in enumerate(C._ANY_LENGTH_PATTERNS) if i not in OFF_ANY]
    old = C._LINE_RE, C._LONG_LINE_RE
    C._LINE_RE, C._LONG_LINE_RE = C._alternation(shorts + anys), C._alternation(anys)
    try:
        with (
            patched("_looks_like_caption", _never),
            patched("_is_site_name", _never),
            patched("_NEWSLETTER_END", C.re.compile(r"(?!x)x")),
            patched("_TWEET_BYLINE", C.re.compile(r"(?!x)x")),
        ):
            yield
    finally:
        C._LINE_RE, C._LONG_LINE_RE = old


def _never(*_a: Any, **_k: Any) -> bool:
    return False


class _Unique:
    n = 0

    def __call__(self, line: str) -> str:
        _Unique.n += 1
        return f"\0{_Unique.n}"


def ablations() -> Iterator[tuple[str, Callable[[], Any]]]:
    for i, p in enumerate(C._SHORT_LINE_PATTERNS):
        yield f"short[{i}] {p[:50]}", lambda i=i: without_pattern(True, i)
    for i, p in enumerate(C._ANY_LENGTH_PATTERNS):
        yield f"any[{i}] {p[:50]}", lambda i=i: without_pattern(False, i)
    yield "credit line (A/B)", lambda: patched("_CREDIT_LINE", C.re.compile(r"(?!x)x"))
    yield "caption (A man walks ...)", lambda: patched("_looks_like_caption", _never)
    yield "caption with credit", lambda: patched("_credit_caption", lambda s: -1)
    yield "site name line", lambda: patched("_is_site_name", _never)
    yield "repeated lines", lambda: patched("_seen_key", _Unique())
    yield "title repeated", lambda: patched("_title_keys", lambda t: set())
    yield "glued cards", lambda: patched("strip_glued_cards", lambda s: s)
    yield "glued lead junk", lambda: patched("strip_glued_lead", lambda s: s)
    yield "datelines", lambda: patched("_strip_dateline", lambda s, lead=True: (s.strip(), None))
    yield "newsletter end", lambda: patched("_NEWSLETTER_END", C.re.compile(r"(?!x)x"))
    yield "tweet byline", lambda: patched("_TWEET_BYLINE", C.re.compile(r"(?!x)x"))
    yield "flattened paragraph", lambda: patched("_paragraph_kept", lambda s: "")


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--totals", choices=("tune", "held-out"), help="totals of a half only")
    ap.add_argument("--half", choices=("tune", "held-out"), default="tune")
    args = ap.parse_args(argv)
    tool = load_tool()
    if not CACHE.exists():
        raise SystemExit("error: run bench/fit_reader.py --no-write first (feature cache)")
    data = pickle.loads(CACHE.read_bytes())
    model = load_model()
    tune = [data[k] for k in split(list(data))[args.totals or args.half]]
    keeps = [mask(keep_probabilities(pg["rows"], model), model["threshold"]) for pg in tune]

    def score() -> tuple[float, float, float]:
        rows = [
            tool.tp_fp_fn(pg["truth"], reader_text(pg, k))
            for pg, k in zip(tune, keeps, strict=True)
        ]
        return tool.prf(rows)

    if args.totals:
        for name, ctx in (
            ("every rule", lambda: patched("_NAME", C._NAME)),
            (
                "no cleaning",
                lambda: patched("_clean", lambda text, title="", site=None: (text, None)),
            ),
            (
                "no dateline cut",
                lambda: patched("_strip_dateline", lambda s, lead=True: (s.strip(), None)),
            ),
            ("only rules that paid on tune", only_paying_rules),
        ):
            with ctx():
                p1, r1, f1 = score()
            print(f"{args.totals}, {name}: F1 {f1:.4f} (P {p1:.4f} R {r1:.4f})")
        return 0
    P, R, F = score()
    print(f"{args.half}, every rule: F1 {F:.4f} (P {P:.4f} R {R:.4f})")
    with patched("_clean", lambda text, title="", site=None: (text, None)):
        p0, r0, f0 = score()
    print(f"{args.half}, no cleaning at all: F1 {f0:.4f} (P {p0:.4f} R {r0:.4f})")
    print(f"| rule | dP | dR | dF1 (rule's worth on {args.half}) |")
    print("|---|---|---|---|")
    for name, ctx in ablations():
        with ctx():
            p1, r1, f1 = score()
        if (p1, r1) == (P, R):
            continue
        print(f"| {name} | {P - p1:+.4f} | {R - r1:+.4f} | {F - f1:+.4f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
