"""The candidate pairs only the wider net proposes (pairing.wide_candidates), per part:
how many match a labelled disagreement (the shared scorer's matching; a pair may match
a disagreement that another pair already finds) and how many match none. With ``--show
PART`` (repeatable) the pairs of those parts are printed one a line, with their
sentences and a few features; other parts give counts only, so the failures of the parts
kept for checking stay unread while rules are written. Never the held-out part of
train_facts.jsonl (not even prepared).

    .venv/bin/python bench/wide_pairs.py --show tune --show "own (groups_dev)"
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from facts_quality import (  # noqa: E402
    load_event,
    scorer,
)
from fit_pairing import ROOT, labelled_events, mention_fact  # noqa: E402
from newsbrief.compare import _prepared, _rule_pairs, pairing  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--tools", type=Path, default=ROOT.parent / "shared" / "tools")
    ap.add_argument("--show", action="append", default=[], help="print this part's pairs")
    args = ap.parse_args(argv)
    fs = scorer(args.tools)
    events, labelled = labelled_events(args.data)
    counts: Counter[tuple[str, str, int]] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "event.jsonl"
        for lab, part in labelled:
            ev = events[lab["event_id"]]
            arts, scans = _prepared(load_event(ev, path).articles)
            _groups, rules = _rule_pairs(scans)
            sources = [{"id": a.id, "origin": a.origin, "url": a.url} for a in arts]
            proj = fs.Project({"facts": [], "sources": sources}, ev["articles"], str(path))
            specs = [
                (fs.side_spec(lab, d, "a"), fs.side_spec(lab, d, "b")) for d in lab["disagreements"]
            ]
            facts = pairing.EventFacts(scans, [a.published for a in arts])
            for a, b, r in pairing.candidate_pairs(scans, rules):
                if r:
                    continue
                fa, fb = mention_fact(a, arts), mention_fact(b, arts)
                y = any(
                    (fs.fact_hits(proj, va, aa, fa) and fs.fact_hits(proj, vb, ab, fb))
                    or (fs.fact_hits(proj, va, aa, fb) and fs.fact_hits(proj, vb, ab, fa))
                    for (va, aa), (vb, ab) in specs
                )
                x = dict(zip(pairing.FEATURES, pairing.features(a, b, r, facts), strict=True))
                same = "same key" if a.key == b.key else "other keys"
                counts[(part, same, int(y))] += 1
                if part in args.show:
                    print(
                        f"{part[:5]} {lab['event_id'][:40]} y={int(y)} "
                        f"{a.kind}/{a.category} {a.key} {a.written!r} | {b.key} {b.written!r} "
                        f"sj={x['sentence_jaccard']:.2f} cj={x['context_jaccard']:.2f} "
                        f"rk={x['sentence_rank']:.1f} lead={int(x['both_lead'])} "
                        f"sameart={int(x['same_article'])}\n    A: {a.sentence[:160]}\n"
                        f"    B: {b.sentence[:160]}"
                    )
    print("| part | keys | matching a label | matching none |")
    print("|---|---|---|---|")
    for part, same in sorted({(p, r) for p, r, _ in counts}):
        print(f"| {part} | {same} | {counts[(part, same, 1)]} | {counts[(part, same, 0)]} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
