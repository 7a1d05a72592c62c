"""Every clock-time disagreement compare reports on the events we may read, to judge.

    .venv/bin/python bench/when_reports.py            # counts per file and rule
    .venv/bin/python bench/when_reports.py --list     # and each pair with its sentences

Runs :func:`newsbrief.compare.compare` on every event of dev.jsonl, train.jsonl and
groups_dev.jsonl (train.jsonl less the held-out half of train_facts.jsonl, which is never
loaded, and less the events named with ``--skip``) and lists its disagreements of kind
``time``: the values, the articles and the sentences, and which rule of compare/clock.py
pairs them (``statement``: nearly the same sentence; ``occurrence``: the same subject and
verb of occurring). A precision judgement needs every report read, not only the labelled
ones; this prints them all.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from facts_regress import events, group_events, heldout_ids  # noqa: E402
from newsbrief.compare import _prepared, clock  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--list", action="store_true", help="print each pair and its sentences")
    ap.add_argument("--skip", nargs="*", default=[], help="event ids (train.jsonl) left out")
    args = ap.parse_args(argv)
    hidden = heldout_ids(args.data) | {f"train.jsonl:{e}" for e in args.skip}
    todo = [
        (eid, arts)
        for eid, arts in events([args.data / "dev.jsonl", args.data / "train.jsonl"])
        if eid not in hidden
    ]
    # (the multi-article events of the grouping pool)
    todo += [g for g in group_events(args.data / "groups_dev.jsonl") if len(g[1]) > 1]
    counts: Counter[tuple[str, str]] = Counter()
    for eid, arts in todo:
        arts, scans = _prepared(arts)
        times = clock._times(scans)
        for d in clock.clock_disagreements(arts, scans):
            # which rule joined them: re-test each pair of the group's times
            members = [
                t
                for t in times
                if any(
                    arts[t.article].id in f.article_ids and t.normalized == f.normalized
                    for f in d.facts
                )
            ]
            rules = set()
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    if clock._disagree(a, b):
                        gap = clock._gap(a, b)
                        if a.single and b.single and clock._same_statement(a, b):
                            rules.add("statement")
                        if clock._same_occurrence(a, b, gap):
                            rules.add("occurrence")
            rule = "+".join(sorted(rules))
            counts[(eid.split(":")[0], rule)] += 1
            if args.list:
                print(f"{eid} [{rule}]")
                for f in d.facts:
                    print(f"  {f.value} ({f.normalized}) {list(f.article_ids)}")
                    for s in f.evidence:
                        print(f"    | {s}")
        print(end="", flush=True)
    print(f"{len(todo)} events read ({len(hidden)} train events left out: held out or skipped)")
    for (part, rule), n in sorted(counts.items()):
        print(f"{part}: {rule}: {n}")
    print(f"all: {sum(counts.values())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
