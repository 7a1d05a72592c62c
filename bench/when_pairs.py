"""Would comparing dates, weekdays and clock times find the labelled disagreements?

compare lists dates, weekdays and clock times as facts and never pairs them. This script
measures two ways of pairing them on every labelled event we may read (the tune part of
train_facts, our own labels, groups_dev, the new train labels and the dev labels, as
bench/facts_coverage.py reads them; never the held-out part), without changing compare:

- ``similar``: two values of one kind, in two articles, that differ, whose sentences
  share at least three content stems among the ten words on each side and at least
  ``--jaccard`` of their union (compare's "nearly the same sentence" rule at 0.5);
- ``lead``: each article's first weekday in its first three sentences (the day of the
  event, if the lead names it), paired across articles when the names differ.

For each rule and kind it counts the candidate pairs (distinct value pairs per event) and
those that match a labelled disagreement (the shared scorer's matching, both sides), and
which labelled date, weekday and clock-time disagreements some pair matches. ``--list``
prints each candidate with its two sentences, to judge the ones no label covers.

    .venv/bin/python bench/when_pairs.py                 # counts
    .venv/bin/python bench/when_pairs.py --jaccard 0.25 --list
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from facts_coverage import readable_labels  # noqa: E402
from facts_quality import load_event, scorer  # noqa: E402
from fit_pairing import ROOT  # noqa: E402
from newsbrief.compare import _prepared  # noqa: E402
from newsbrief.text import STOPWORDS, stem  # noqa: E402

KINDS = ("date", "weekday", "time")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SKIP = frozenset("monday tuesday wednesday thursday friday saturday sunday am pm gmt".split())


def _stems(words: list[str]) -> set[str]:
    lows = (w.lower() for w in words)
    return {stem(w) for w in lows if w not in STOPWORDS and w not in _SKIP and len(w) > 1}


def _context(sentence: str, written: str, width: int = 10) -> set[str]:
    at = max(sentence.find(written), 0)
    before = _WORD.findall(sentence[:at])[-width:]
    return _stems(before + _WORD.findall(sentence[at + len(written) :])[:width])


def _items(scans: list[Any], arts: list[Any]) -> list[dict[str, Any]]:
    """Every date, weekday and clock time of the event, as the scorer reads a fact."""
    out = []
    for sc in scans:
        for written, norm, kind, si in sc.dates:
            sent = sc.sentences[si]
            out.append(
                {
                    "value": written,
                    "normalized": norm,
                    "kind": kind,
                    "article": sc.index,
                    "sent": si,
                    "article_ids": [arts[sc.index].id],
                    "evidence": [sent],
                    "context": _context(sent, written),
                }
            )
    return out


def candidates(items: list[dict[str, Any]], rule: str, jaccard: float) -> list[tuple[Any, Any]]:
    """The pairs a rule proposes: two articles, one kind, different values."""
    if rule == "lead":
        firsts: dict[int, dict[str, Any]] = {}
        for it in items:
            if it["kind"] == "weekday" and it["sent"] <= 2:
                firsts.setdefault(it["article"], it)
        items = list(firsts.values())
    out = []
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            if a["article"] == b["article"] or a["kind"] != b["kind"]:
                continue
            if a["normalized"] == b["normalized"]:
                continue
            if rule == "similar":
                inter = len(a["context"] & b["context"])
                union = len(a["context"] | b["context"]) or 1
                if inter < 3 or inter / union < jaccard:
                    continue
            out.append((a, b))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--tools", type=Path, default=ROOT.parent / "shared" / "tools")
    ap.add_argument("--jaccard", type=float, default=0.5)
    ap.add_argument("--list", action="store_true", help="print every candidate pair")
    args = ap.parse_args(argv)
    fs = scorer(args.tools)
    events, labelled = readable_labels(args.data)
    pairs: Counter[tuple[str, str]] = Counter()
    right: Counter[tuple[str, str]] = Counter()
    found: dict[str, set[str]] = {"similar": set(), "lead": set()}
    wanted: list[str] = []
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "event.jsonl"
        for lab, part in labelled:
            ev = events[lab["event_id"]]
            arts, scans = _prepared(load_event(ev, path).articles)
            sources = [{"id": a.id, "origin": a.origin, "url": a.url} for a in arts]
            proj = fs.Project({"facts": [], "sources": sources}, ev["articles"], str(path))
            items = _items(scans, arts)
            sides = [
                (d, fs.side_spec(lab, d, "a"), fs.side_spec(lab, d, "b"))
                for d in lab["disagreements"]
            ]
            timed = [
                d
                for d, sa, sb in sides
                if any(fs.fact_hits(proj, *sa, it) for it in items if it["kind"] in KINDS)
                and any(fs.fact_hits(proj, *sb, it) for it in items if it["kind"] in KINDS)
            ]
            wanted += [f"{part} {lab['event_id']}: {d['measure']}" for d in timed]
            for rule in ("similar", "lead"):
                seen = set()
                for a, b in candidates(items, rule, args.jaccard):
                    key = (a["kind"], *sorted((a["normalized"], b["normalized"])))
                    hit = [
                        d
                        for d, sa, sb in sides
                        if (fs.fact_hits(proj, *sa, a) and fs.fact_hits(proj, *sb, b))
                        or (fs.fact_hits(proj, *sa, b) and fs.fact_hits(proj, *sb, a))
                    ]
                    for d in hit:
                        found[rule].add(f"{part} {lab['event_id']}: {d['measure']}")
                    if key in seen:
                        continue
                    seen.add(key)
                    pairs[(rule, a["kind"])] += 1
                    right[(rule, a["kind"])] += bool(hit)
                    if args.list:
                        mark = "LABELLED" if hit else "no label"
                        lines.append(
                            f"{rule} {part} {lab['event_id']} {a['kind']}: {a['value']!r} "
                            f"(art {a['article']}) vs {b['value']!r} (art {b['article']}) "
                            f"[{mark}]\n    {a['evidence'][0][:200]}\n    {b['evidence'][0][:200]}"
                        )
    print(f"rule similar: jaccard >= {args.jaccard}; rule lead: first weekday of the lead")
    print("| rule | kind | candidate pairs | matching a labelled disagreement |")
    print("|---|---|---|---|")
    for (rule, kind), n in sorted(pairs.items()):
        print(f"| {rule} | {kind} | {n} | {right[(rule, kind)]} |")
    print(f"\nlabelled disagreements between dates, weekdays or clock times: {len(wanted)}")
    for w in wanted:
        got = [r for r in ("similar", "lead") if w in found[r]]
        print(f"  {w}: found by {', '.join(got) or 'neither'}")
    if args.list:
        print()
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
