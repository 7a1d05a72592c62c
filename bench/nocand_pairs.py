"""Why a missed labelled disagreement has no candidate pair at all, and what the rules
report that no label has (issue 14 items 1 and 3), per part of the readable labels
(bench/fit_pairing.py's labelled_events: the held-out half is never loaded; the blind
fact-precision events of bench/facts_regress.py are left out).

bench/later_pairs.py counts the missed labelled disagreements some candidate pair the
rules leave matches; this script takes the others. For each side of such a label it finds
the mentions the shared scorer would match to it (value and article, as fit_pairing does)
and puts the label in one class by the first reason, over every pair of a mention of side
a and one of side b, that keeps the pair out of pairing.candidate_pairs:

- "value unread": no mention of the event matches a side (the value is not read as a
  figure, or read as another value, or only in another article);
- "date fact": as "value unread", but each side unmatched by a mention matches a fact
  compare reports (a date, weekday, year or month: facts compare never pairs);
- "not paired kind": a side is read only as a kind the wide net does not pair (a date,
  an ordinal...);
- "part/total", "superseded", "alias", "vague": a side's mentions are all marked so
  (part of a total, replaced, a bracketed conversion, a vague amount);
- "kind", "category", "unit", "background": the two sides' mentions are all in different
  buckets (pairing._bucket) and differ first in that slot;
- "one article": both sides only in one article (and neither superseded);
- "compatible": the two values can both be true (alignment._mentions_compatible);
- "ratio": values further apart than the wide net's limit;
- "cap": beyond pairing._PER_ARTICLE statements of its bucket in its article;
- "candidate, other key": a candidate exists but later_pairs counts it as "other key"
  (a pair the wider net takes that the rules could not: not a missed class it relaxes).

The false reports (reported disagreements matching no label) are listed too, as "one
article" (all their values in one article) or "two or more articles".

--show PART prints the details (sentences) of a part's labels; it reads only the parts
tune, own and own (groups_dev): the others are for counts.

    .venv/bin/python bench/nocand_pairs.py
    .venv/bin/python bench/nocand_pairs.py --show tune --show "own (groups_dev)"
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fit_pairing as fp  # noqa: E402
import later_pairs as lp  # noqa: E402
from facts_quality import pair_matches, scorer  # noqa: E402
from facts_regress import BLIND_EVENTS  # noqa: E402
from newsbrief.compare import pairing  # noqa: E402
from newsbrief.compare.alignment import _mentions_compatible  # noqa: E402
from newsbrief.compare.mentions import _Mention  # noqa: E402

#: the parts whose sentences may be read while working on the rules
READABLE = ("tune", "own", "own (groups_dev)")

#: the order of the reasons (the first a pair fails is its reason)
REASONS = (
    "value unread",
    "date fact",
    "not paired kind",
    "part/total",
    "superseded",
    "alias",
    "vague",
    "kind",
    "category",
    "unit",
    "background",
    "one article",
    "compatible",
    "ratio",
    "cap",
)

_SLOTS = ("kind", "category", "unit", "unit", "background")


def side_reasons(m: _Mention) -> str | None:
    """What keeps one mention out of the wide net by itself."""
    if m.kind not in pairing._PAIRED_KINDS:
        return "not paired kind"
    if m.partial:
        return "part/total"
    if m.alias:
        return "alias"
    if m.relation == "vague":
        return "vague"
    return None


def pair_reason(a: _Mention, b: _Mention, capped: set[int]) -> str | None:
    """The first reason the pair (a, b) is not a wide candidate (None: it is one)."""
    for m in (a, b):
        r = side_reasons(m)
        if r:
            return r
    ba, bb = pairing._bucket(a), pairing._bucket(b)
    if ba != bb:
        return next(_SLOTS[i] for i, (x, y) in enumerate(zip(ba, bb, strict=True)) if x != y)
    if a.article == b.article and not (a.superseded or b.superseded):
        return "one article"
    va, vb = pairing._si(a), pairing._si(b)
    if va == vb or _mentions_compatible(a, b) is not False:
        return "compatible"
    if va <= 0 or vb <= 0:
        return "ratio"
    limit = pairing._TOLL_RATIO if a.category in pairing._TOLLS else pairing._WIDE_RATIO
    if max(va, vb) / min(va, vb) > limit:
        return "ratio"
    if id(a) in capped or id(b) in capped:
        return "cap"
    if not pairing._close_enough_wide(a, b):
        return "ratio"
    return None


def capped_mentions(scans: Any) -> set[int]:
    """The mentions beyond pairing._PER_ARTICLE statements of their bucket in their article."""
    out = set()
    for sc in scans:
        seen: Counter[tuple[str, ...]] = Counter()
        for m in sc.mentions:
            if side_reasons(m):
                continue
            b = pairing._bucket(m)
            seen[b] += 1
            if seen[b] > pairing._PER_ARTICLE:
                out.add(id(m))
    return out


def classify(
    a_side: list[_Mention], b_side: list[_Mention], capped: set[int]
) -> tuple[str, tuple[_Mention, _Mention] | None]:
    """The label's class: the latest reason (in REASONS order) over its pairs of mentions,
    i.e. the pair that gets furthest through the wide net's tests."""
    if not a_side or not b_side:
        return "value unread", None
    best, best_pair = -1, None
    for a in a_side:
        for b in b_side:
            if a is b:
                continue
            r = pair_reason(a, b, capped)
            if r is None:
                return "candidate, other key", (a, b)
            if r == "one article" and (a.superseded or b.superseded):
                r = "superseded"
            i = REASONS.index(r)
            if i > best:
                best, best_pair = i, (a, b)
    if best < 0:
        return "value unread", None
    return REASONS[best], best_pair


def describe(m: _Mention) -> str:
    flags = [
        f
        for f, on in (
            ("partial", m.partial),
            ("superseded", m.superseded),
            ("alias", m.alias),
            ("total", m.total),
        )
        if on
    ]
    return (
        f"[{m.article}:{m.sent}] {m.written!r} kind={m.kind} cat={m.category} rel={m.relation} "
        f"unit={m.unit!r} bg={m.background!r} key={m.key} {' '.join(flags)}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=fp.ROOT.parent / "shared" / "data")
    ap.add_argument("--tools", type=Path, default=fp.ROOT.parent / "shared" / "tools")
    ap.add_argument("--show", action="append", default=[], help="print a part's details")
    args = ap.parse_args(argv)
    bad_show = [p for p in args.show if p not in READABLE]
    if bad_show:
        print(f"nocand_pairs: --show only reads {READABLE}, not {bad_show}", file=sys.stderr)
        return 2
    fs = scorer(args.tools)
    events, labelled = fp.labelled_events(args.data)
    labelled = [(lab, p) for lab, p in labelled if lab["event_id"] not in BLIND_EVENTS]
    label_cls: Counter[tuple[str, str]] = Counter()
    false_cls: Counter[tuple[str, str]] = Counter()
    parts: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "event.jsonl"
        for lab, part in labelled:
            if part not in parts:
                parts.append(part)
            eid = lab["event_id"]
            ev = events[eid]
            fp.event_pairs(fs, ev, lab, path)
            arts, scans, _groups, rules, *_rest = fp.PREPARED[eid]
            reported = fp.decided(eid, False)
            proj = fs.Project(reported, ev["articles"], fp.PREPARED[eid][-1])
            specs = [
                (fs.side_spec(lab, d, "a"), fs.side_spec(lab, d, "b")) for d in lab["disagreements"]
            ]
            missed = [
                i
                for i, spec in enumerate(specs)
                if not any(pair_matches(fs, proj, pd, *spec) for pd in proj.disagreements)
            ]
            reach: set[int] = set()
            for a, b, names in lp.left_pairs(scans, rules):
                if names[0] == "other key":
                    continue
                fa, fb = fp.mention_fact(a, arts), fp.mention_fact(b, arts)
                for i in missed:
                    (va, aa), (vb, ab) = specs[i]
                    if (fs.fact_hits(proj, va, aa, fa) and fs.fact_hits(proj, vb, ab, fb)) or (
                        fs.fact_hits(proj, va, aa, fb) and fs.fact_hits(proj, vb, ab, fa)
                    ):
                        reach.add(i)
            mentions = [m for sc in scans for m in sc.mentions]
            capped = capped_mentions(scans)
            show = part in args.show
            for i in missed:
                if i in reach:
                    continue
                (va, aa), (vb, ab) = specs[i]
                a_side = [
                    m for m in mentions if fs.fact_hits(proj, va, aa, fp.mention_fact(m, arts))
                ]
                b_side = [
                    m for m in mentions if fs.fact_hits(proj, vb, ab, fp.mention_fact(m, arts))
                ]
                cls, pair = classify(a_side, b_side, capped)
                if cls == "value unread":
                    facts = fp.PREPARED[eid][-2]
                    sides = [(va, aa, a_side), (vb, ab, b_side)]
                    if all(
                        got or any(fs.fact_hits(proj, v, ar, f) for f in facts)
                        for v, ar, got in sides
                    ):
                        cls = "date fact"
                label_cls[(part, cls)] += 1
                d = lab["disagreements"][i]
                print(f"MISSED {part} | {eid} | {cls} | {d['measure']!r}", end="")
                print(
                    f" {d['a']['value']!r} [{d['a']['article']}] / {d['b']['value']!r}"
                    f" [{d['b']['article']}]"
                )
                if not show:
                    continue
                print(f"   note: {d.get('note', '')!r}")
                for s in ("a", "b"):
                    print(f"   label {s}: {d[s].get('quote', '')[:240]!r}")
                for s, side in (("a", a_side), ("b", b_side)):
                    for m in side[:6]:
                        print(f"   {s} {describe(m)}")
                        print(f"        {m.sentence[:240]!r}")
                if pair:
                    print(f"   closest pair: {describe(pair[0])} / {describe(pair[1])}")
            for pd in proj.disagreements:
                if any(pair_matches(fs, proj, pd, *spec) for spec in specs):
                    continue
                vals = [(v.get("value"), sorted(proj.articles_of(v))) for v in pd["values"]]
                arts_of = {i for _v, got in vals for i in got}
                cls = "one article" if len(arts_of) == 1 else "two or more articles"
                false_cls[(part, cls)] += 1
                print(f"FALSE {part} | {eid} | {cls} | {pd.get('measure')!r} {vals}")
                if show:
                    for v in pd["values"]:
                        print(f"   {v.get('value')!r}: {(v.get('evidence') or [''])[0][:240]!r}")
    print("\nmissed labelled disagreements with no candidate the rules leave, by class:\n")
    print("| part | " + " | ".join(REASONS + ("candidate, other key",)) + " |")
    print("|---|" + "---|" * (len(REASONS) + 1))
    for p in parts:
        cells = [str(label_cls[(p, r)]) for r in REASONS + ("candidate, other key",)]
        print(f"| {p} | " + " | ".join(cells) + " |")
    print("\nfalse reports per part (all values in one article / in two or more):")
    print(
        ", ".join(
            f"{p} {false_cls[(p, 'one article')]} / {false_cls[(p, 'two or more articles')]}"
            for p in parts
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
