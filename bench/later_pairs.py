"""Which rule loses a candidate pair after it exists (issue 14 item 1), and what each
relaxation of that rule would find and add, per part of the readable labels
(bench/fit_pairing.py's labelled_events: the held-out half is never loaded).

Every candidate pair of an event (pairing.candidate_pairs: the rules' pairs and the wider
net) that the rules do not take is put in one class by the tests of step 1 it fails:
"later" (a mention is not its article's claim, alignment._claims), "shared word" (a count
whose two sentences share no context word, alignment._pair_ok), "ratio" (values further
apart than the ratio limit), or two of these ("later+word"...); a pair of two different
keys is "two keys: noun" (only the counted noun differs), "two keys: time" (only the
last slot) or "two keys: other"; "weak key" is one key too weak for step 1 ("people",
"times"); "other key" the rest. For each class (and each narrower VARIANT of one) the
table counts, per part:

- found: labelled disagreements the rules miss that some candidate of the class matches
  (the class's failing tests relaxed, nothing else);
- true / false: the candidates of the class that match / match no labelled disagreement.
  On "own, rules judged" only the rules' pairs were judged: its false count is unknown
  ("-") and left out of the total.

A candidate's false count is an upper bound on what a relaxation reports wrongly (the
part-and-total check, the grouping and the scorer's matching come after), so --relax
CLASS scores the rules with the candidates of CLASS (or of a VARIANT) taken too, as
bench/fit_pairing.py --rules-only --hide-heldout does. --show PART prints a class's
candidates (--class NAME or all; --labelled: only those matching a label) and reads only
the parts tune and own (groups_dev): the others are for counts.

    .venv/bin/python bench/later_pairs.py
    .venv/bin/python bench/later_pairs.py --relax "shared word"
    .venv/bin/python bench/later_pairs.py --show tune --show "own (groups_dev)" --class later
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fit_pairing as fp  # noqa: E402
from facts_quality import pair_matches, scorer  # noqa: E402
from newsbrief.compare import pairing  # noqa: E402
from newsbrief.compare.alignment import (  # noqa: E402
    _claims,
    _close_enough,
    _mentions_compatible,
    _similar,
)
from newsbrief.compare.mentions import _Mention, _strong_key  # noqa: E402
from newsbrief.text import stem  # noqa: E402

#: the parts whose pairs may be read while working on the rules
READABLE = ("tune", "own (groups_dev)")

#: class names in the order shown
CLASSES = (
    "later",
    "shared word",
    "ratio",
    "later+word",
    "later+ratio",
    "word+ratio",
    "two keys: noun",
    "two keys: time",
    "two keys: other",
    "weak key",
    "other key",
)


def shared_word(a: _Mention, b: _Mention) -> bool:
    """alignment._pair_ok's test for counts: a shared context word or the same qualifier."""
    if a.category != "count":
        return True
    same_qualifier = len(a.measure.split()) > 1 and a.measure == b.measure
    return same_qualifier or bool((a.context & b.context) - {stem(a.noun), stem(b.noun)})


def key_difference(x: tuple[str, ...], y: tuple[str, ...]) -> str:
    """How two keys of one bucket differ: only in the counted noun (the slot
    alignment.unify_synonyms joins), only in the time or background slot (the last), or
    otherwise."""
    if len(x) != len(y) or x[0] != y[0]:
        return "other"
    diff = [i for i, (p, q) in enumerate(zip(x, y, strict=True)) if p != q]
    slot = {"count": 1, "q": 2}.get(x[0])
    if diff == [slot]:
        return "noun"
    if diff == [len(x) - 1]:
        return "time"
    return "other"


def fails(a: _Mention, b: _Mention, claims: set[int]) -> str:
    """The class of a candidate the rules did not take: the tests of step 1 it fails."""
    if _mentions_compatible(a, b) is not False:
        return "other key"  # (the wider net takes no compatible pair)
    if a.key != b.key:
        return "two keys: " + key_difference(a.key, b.key)
    if not _strong_key(a):
        return "weak key"
    if a.article == b.article and a.key[0] not in ("q", "count", "duration", "age"):
        return "other key"
    bad = []
    if id(a) not in claims or id(b) not in claims:
        bad.append("later")
    if not shared_word(a, b):
        bad.append("word")
    if not _close_enough(a, b):
        bad.append("ratio")
    names = {
        ("later",): "later",
        ("word",): "shared word",
        ("ratio",): "ratio",
        ("later", "word"): "later+word",
        ("later", "ratio"): "later+ratio",
        ("word", "ratio"): "word+ratio",
    }
    return names.get(tuple(bad), "other key")


#: narrower tests proposed for a class: name -> (class, test of a candidate pair)
VARIANTS: dict[str, tuple[str, Callable[..., bool]]] = {
    "later similar": ("later", lambda a, b, scans: _similar(a, b)),
    "later ctx>=0.3": ("later", lambda a, b, scans: pairing._jaccard(a.context, b.context) >= 0.3),
    "later ctx>=0.2": ("later", lambda a, b, scans: pairing._jaccard(a.context, b.context) >= 0.2),
    "word sent>=0.2": ("shared word", lambda a, b, scans: _sent(a, b) >= 0.2),
    "word sent>=0.1": ("shared word", lambda a, b, scans: _sent(a, b) >= 0.1),
    "ratio similar": ("ratio", lambda a, b, scans: _similar(a, b)),
    "later repeats": ("later", lambda a, b, scans: repeats(a, b, scans)),
    "word large": ("shared word", lambda a, b, scans: large_whole(a, b)),
}


def large_whole(a: _Mention, b: _Mention) -> bool:
    """Both counts at least 20 and neither sentence with a part or total word: small counts
    of one noun in one event are often different groups ("the two leaders" met, "the three
    leaders" walked in; "two of the five buses"), a large one rarely."""
    return min(a.value, b.value) >= 20 and not any(_PART_WORDS.search(m.sentence) for m in (a, b))


#: words that make a figure a part or a total of another ("nine of them", "including")
_PART_WORDS = re.compile(
    r"\b(?:of them|of whom|including|among|other|others|another|total|in all|altogether|"
    r"more(?!\s+than)|further|additional)\b",
    re.I,
)


def repeats(a: _Mention, b: _Mention, scans: Any) -> bool:
    """Each later statement of the pair restates its own article's first statement of the
    key: the same context words (Jaccard >= 0.3 of the stems around the numbers, the
    counted noun and verb among them) and no part or total word in its sentence."""
    firsts: dict[tuple[int, tuple[str, ...]], _Mention] = {}
    for sc in scans:
        for m in sc.mentions:
            if m.alignable and _strong_key(m):
                firsts.setdefault((m.article, m.key), m)
    for m in (a, b):
        first = firsts.get((m.article, m.key))
        if first is None or first is m or first.sent == m.sent:
            continue
        if pairing._jaccard(m.context, first.context) < 0.3 or _PART_WORDS.search(m.sentence):
            return False
    return True


def _sent(a: _Mention, b: _Mention) -> float:
    """The masked-sentence overlap the pairing features compute (content stems, numbers
    masked)."""
    return pairing._jaccard(pairing._words_of(a.sentence), pairing._words_of(b.sentence))


def left_pairs(scans: Any, pairs: Any) -> Iterator[tuple[_Mention, _Mention, list[str]]]:
    """Each candidate pair the rules leave (of pairing.candidate_pairs with the rules'
    ``pairs``), with the names that take it: first the class of the test it fails, then
    each variant of that class that would take it."""
    claims = {id(m) for ms in _claims(scans).values() for m in ms}
    for a, b, r in pairing.candidate_pairs(scans, pairs):
        if r:
            continue
        cls = fails(a, b, claims)
        yield (
            a,
            b,
            [cls] + [v for v, (c, test) in VARIANTS.items() if c == cls and test(a, b, scans)],
        )


def relaxed(classes: list[str]) -> Callable[..., Any]:
    """compare's _rule_pairs with the candidates of ``classes`` (class or variant names)
    taken as well: the rules' pairs, plus each wide candidate whose one failing test is
    relaxed (rule name "relaxed"; it is then decided as step 3's pairs are)."""
    base = fp._rule_pairs

    def rule_pairs(scans: Any) -> Any:
        key_groups, pairs = base(scans)
        for a, b, names in left_pairs(scans, pairs):
            if any(n in classes for n in names):
                pairs[pairing._pair_id(a, b)] = (a, b, {"relaxed"})
        return key_groups, pairs

    return rule_pairs


def score_relaxed(classes: list[str]) -> int:
    """bench/fit_pairing.py --rules-only --hide-heldout with ``classes`` relaxed."""
    fp._rule_pairs = relaxed(classes)
    print(f"relaxed: {classes}")
    return fp.main(["--rules-only", "--hide-heldout"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--relax",
        action="append",
        default=[],
        help="score the rules with this class or variant taken too (fit_pairing's table)",
    )
    ap.add_argument("--data", type=Path, default=fp.ROOT.parent / "shared" / "data")
    ap.add_argument("--tools", type=Path, default=fp.ROOT.parent / "shared" / "tools")
    ap.add_argument("--show", action="append", default=[], help="print a part's candidates")
    ap.add_argument("--class", dest="cls", default="later", help="the class --show prints")
    ap.add_argument("--labelled", action="store_true", help="--show only label-matching ones")
    args = ap.parse_args(argv)
    if args.relax:
        return score_relaxed(args.relax)
    bad_show = [p for p in args.show if p not in READABLE]
    if bad_show:
        print(f"later_pairs: --show only reads {READABLE}, not {bad_show}", file=sys.stderr)
        return 2
    fs = scorer(args.tools)
    events, labelled = fp.labelled_events(args.data)
    found: Counter[tuple[str, str]] = Counter()
    true: Counter[tuple[str, str]] = Counter()
    false: Counter[tuple[str, str]] = Counter()
    missed_n: Counter[str] = Counter()
    parts: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "event.jsonl"
        for lab, part in labelled:
            if part not in parts:
                parts.append(part)
            ev = events[lab["event_id"]]
            fp.event_pairs(fs, ev, lab, path)
            arts, scans, _groups, rules, *_rest = fp.PREPARED[lab["event_id"]]
            reported = fp.decided(lab["event_id"], False)
            proj = fs.Project(reported, ev["articles"], fp.PREPARED[lab["event_id"]][-1])
            specs = [
                (fs.side_spec(lab, d, "a"), fs.side_spec(lab, d, "b")) for d in lab["disagreements"]
            ]
            missed = {
                i
                for i, spec in enumerate(specs)
                if not any(pair_matches(fs, proj, pd, *spec) for pd in proj.disagreements)
            }
            missed_n[part] += len(missed)
            reach: dict[str, set[int]] = {}
            for a, b, names in left_pairs(scans, rules):
                cls = names[0]
                fa, fb = fp.mention_fact(a, arts), fp.mention_fact(b, arts)
                hit = [
                    i
                    for i, ((va, aa), (vb, ab)) in enumerate(specs)
                    if (fs.fact_hits(proj, va, aa, fa) and fs.fact_hits(proj, vb, ab, fb))
                    or (fs.fact_hits(proj, va, aa, fb) and fs.fact_hits(proj, vb, ab, fa))
                ]
                if cls != "other key":
                    reach.setdefault("any", set()).update(i for i in hit if i in missed)
                for name in names:
                    reach.setdefault(name, set()).update(i for i in hit if i in missed)
                    if hit:
                        true[(part, name)] += 1
                    else:
                        false[(part, name)] += 1
                if part in args.show and args.cls in (cls, "all") and (hit or not args.labelled):
                    show(lab["event_id"], a, b, hit, missed, names)
            for name, got in reach.items():
                found[(part, name)] += len(got)
    names = list(CLASSES) + list(VARIANTS)
    print("missed labelled disagreements some candidate the rules leave matches (any class):")
    print(", ".join(f"{p} {found[(p, 'any')]} of {missed_n[p]}" for p in parts) + "\n")
    print("found / true / false candidates per class (found: missed labelled disagreements")
    print("a candidate of the class matches; false: candidates matching no label)\n")
    print("| part | missed | " + " | ".join(names) + " |")
    print("|---|---|" + "---|" * len(names))
    tot: Counter[tuple[str, str]] = Counter()
    for p in parts:
        cells = []
        for n in names:
            fl = "-" if p == "own, rules judged" else str(false[(p, n)])
            cells.append(f"{found[(p, n)]} / {true[(p, n)]} / {fl}")
            tot[("found", n)] += found[(p, n)]
            tot[("true", n)] += true[(p, n)]
            tot[("false", n)] += false[(p, n)] if p != "own, rules judged" else 0
        print(f"| {p} | {missed_n[p]} | " + " | ".join(cells) + " |")
    cells = [f"{tot[('found', n)]} / {tot[('true', n)]} / {tot[('false', n)]}" for n in names]
    print(f"| all | {sum(missed_n.values())} | " + " | ".join(cells) + " |")
    return 0


def show(
    event: str, a: _Mention, b: _Mention, hit: list[int], missed: set[int], names: list[str]
) -> None:
    tag = "MISSED-LABEL" if any(i in missed for i in hit) else ("label" if hit else "FALSE")
    print(f"== {event} {tag} {names} key={a.key} / {b.key}")
    for m in (a, b):
        print(f"   [{m.article}:{m.sent}] {m.written!r} {m.measure!r}: {m.sentence[:220]}")


if __name__ == "__main__":
    raise SystemExit(main())
