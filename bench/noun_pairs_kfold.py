"""How the mined noun table (bench/make_noun_pairs.py) does on events it did not see: a
k-fold over the EVENTS of the readable labelled parts (bench/fit_pairing.py's
labelled_events: never the held-out half of train_facts.jsonl). For each fold the table
is mined from the train events less the held-out half and less the fold's events, and
the fold's events are scored (compare's rules, the shared scorer's matching) with that
table. Rows: no table; the k-fold (each event scored by a table mined without it); the
table mined from all mineable events (in-sample for the train parts; dev and groups_dev
are never mined). Also counts, per part, the candidate pairs with two different keys that
match a labelled disagreement, and how many of those the fold's table joins.

    .venv/bin/python bench/noun_pairs_kfold.py                       # shipped settings
    .venv/bin/python bench/noun_pairs_kfold.py --min-support 1 --jaccard 0.3 --durations
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fit_pairing as fp  # noqa: E402
import make_noun_pairs as mk  # noqa: E402
from facts_quality import scorer  # noqa: E402
from newsbrief.compare import nouns, pairing  # noqa: E402


def use_table(tab: dict[str, Any] | None, tmp: Path) -> None:
    """Make compare use ``tab`` (None: no table at all)."""
    path = tmp / "pairs.json"
    path.write_text(json.dumps(tab or {"pairs": []}), encoding="utf-8")
    nouns.table_path = path
    nouns.reset()


def score_events(
    fs: Any, items: list[tuple[dict[str, Any], dict[str, Any], str]], path: Path
) -> tuple[dict[str, dict[str, int]], Counter[tuple[str, str]]]:
    """Per part, the shared scorer's counts of compare's rules on ``items`` under the table
    in use; and per part the label-matching candidate pairs of two keys (``other``), and
    those of them whose two nouns the table joins (``joined``)."""
    out: dict[str, dict[str, int]] = {}
    pairs: Counter[tuple[str, str]] = Counter()
    for ev, lab, part in items:
        fp.COVERED.clear()
        fp.event_pairs(fs, ev, lab, path, rules_only=part == "own, rules judged")
        got = fp.score(fs, [(ev, lab)], path, False)
        out[part] = fp.add(out.get(part, {}), got)
        arts, scans, _groups, rules, *_rest = fp.PREPARED[lab["event_id"]]
        proj = fs.Project({"facts": [], "sources": _rest[0]}, ev["articles"], str(path))
        specs = [
            (fs.side_spec(lab, d, "a"), fs.side_spec(lab, d, "b")) for d in lab["disagreements"]
        ]
        joined = nouns.event_partners(scans)
        for a, b, r in pairing.candidate_pairs(scans, rules):
            if not a.noun or not b.noun or mk.head(a) == mk.head(b):
                continue
            fa, fb = fp.mention_fact(a, arts), fp.mention_fact(b, arts)
            if any(
                (fs.fact_hits(proj, va, aa, fa) and fs.fact_hits(proj, vb, ab, fb))
                or (fs.fact_hits(proj, va, aa, fb) and fs.fact_hits(proj, vb, ab, fa))
                for (va, aa), (vb, ab) in specs
            ):
                pairs[(part, "other")] += 1
                pairs[(part, "joined")] += mk.head(b) in joined.get((a.key[0], mk.head(a)), ())
                pairs[(part, "taken")] += bool(r)
    return out, pairs


def ceiling(
    fs: Any, items: list[tuple[dict[str, Any], dict[str, Any], str]], path: Path
) -> Counter[str]:
    """Per part, the labelled disagreements the rules miss that a perfect join of two
    counted nouns could reach: some candidate pair matching it has two different nouns,
    each mention is its article's own claim under its key, and the pair passes the rules'
    other tests (alignment._pair_ok: incompatible, close, a shared word for counts)."""
    from facts_quality import pair_matches
    from newsbrief.compare.alignment import _claims, _pair_ok

    out: Counter[str] = Counter()
    for ev, lab, part in items:
        fp.event_pairs(fs, ev, lab, path)
        arts, scans, _groups, rules, sources, *_rest = fp.PREPARED[lab["event_id"]]
        reported = fp.decided(lab["event_id"], False)
        proj = fs.Project(reported, ev["articles"], fp.PREPARED[lab["event_id"]][-1])
        specs = [
            (fs.side_spec(lab, d, "a"), fs.side_spec(lab, d, "b")) for d in lab["disagreements"]
        ]
        missed = [
            i
            for i, spec in enumerate(specs)
            if not any(pair_matches(fs, proj, pd, *spec) for pd in proj.disagreements)
        ]
        claims = {id(m) for ms in _claims(scans).values() for m in ms}
        reach: set[int] = set()
        seen: set[int] = set()
        for a, b, _r in pairing.candidate_pairs(scans, rules):
            if not a.noun or not b.noun or mk.head(a) == mk.head(b):
                continue
            ok = id(a) in claims and id(b) in claims and _pair_ok(a, b)
            fa, fb = fp.mention_fact(a, arts), fp.mention_fact(b, arts)
            for i in missed:
                (va, aa), (vb, ab) = specs[i]
                if (fs.fact_hits(proj, va, aa, fa) and fs.fact_hits(proj, vb, ab, fb)) or (
                    fs.fact_hits(proj, va, aa, fb) and fs.fact_hits(proj, vb, ab, fa)
                ):
                    seen.add(i)
                    if ok:
                        reach.add(i)
        out[f"{part} missed"] += len(missed)
        out[f"{part} two nouns"] += len(seen)
        out[f"{part} reachable"] += len(reach)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=mk.DATA)
    ap.add_argument("--tools", type=Path, default=mk.ROOT.parent / "shared" / "tools")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--min-support", type=int, default=mk.MIN_SUPPORT)
    ap.add_argument("--jaccard", type=float, default=mk.JACCARD)
    ap.add_argument("--durations", action="store_true", help="let the table join duration heads")
    ap.add_argument(
        "--within-event", action="store_true", help="also join the nouns an event's own articles do"
    )
    ap.add_argument(
        "--pool-groups",
        action="store_true",
        help="also mine groups_dev's events (less the fold's): a larger pool, k-fold only",
    )
    ap.add_argument(
        "--ceiling",
        action="store_true",
        help="only count the misses a perfect join of two nouns could reach, per part",
    )
    args = ap.parse_args(argv)
    nouns.WITHIN_EVENT = args.within_event
    if args.durations:
        nouns.SLOT = {**nouns.SLOT, "duration": 1}
    fs = scorer(args.tools)
    events, labelled = fp.labelled_events(args.data)
    items = [(events[lab["event_id"]], lab, part) for lab, part in labelled]
    if args.ceiling:
        with tempfile.TemporaryDirectory() as tmp:
            use_table(None, Path(tmp))
            got = ceiling(fs, items, Path(tmp) / "event.jsonl")
        print(
            "| part | labelled disagreements the rules miss | with a candidate pair of two "
            "nouns | reachable by a perfect noun join (the other rules kept) |"
        )
        print("|---|---|---|---|")
        for p in dict.fromkeys(p for _e, _l, p in items):
            print(
                f"| {p} | {got[p + ' missed']} | {got[p + ' two nouns']} "
                f"| {got[p + ' reachable']} |"
            )
        return 0
    order = list(range(len(items)))
    random.Random(27).shuffle(order)
    k = max(2, args.folds)
    rows: dict[str, dict[str, dict[str, int]]] = {}
    joins: dict[str, Counter[tuple[str, str]]] = {}
    sizes: list[int] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        path = tmpd / "event.jsonl"
        use_table(None, tmpd)
        rows["no table"], joins["no table"] = score_events(fs, items, path)
        support, contra = mk.mine(mk.mineable(args.data, groups=args.pool_groups), args.jaccard)
        full = mk.table(support, contra, args.min_support)
        use_table(full, tmpd)
        rows["mined from all (in-sample)"], joins["mined from all (in-sample)"] = score_events(
            fs, items, path
        )
        kf: dict[str, dict[str, int]] = {}
        kj: Counter[tuple[str, str]] = Counter()
        for f in range(k):
            test = [items[i] for i in order[f::k]]
            ex = {ev["id"] for ev, _lab, _p in test}
            support, contra = mk.mine(mk.mineable(args.data, ex, args.pool_groups), args.jaccard)
            tab = mk.table(support, contra, args.min_support)
            sizes.append(len(tab["pairs"]))
            use_table(tab, tmpd)
            got, pj = score_events(fs, test, path)
            for p, c in got.items():
                kf[p] = fp.add(kf.get(p, {}), c)
            kj.update(pj)
        rows[f"{k}-fold (unseen)"], joins[f"{k}-fold (unseen)"] = kf, kj
    n = Counter(p for _e, _l, p in items)
    print(
        f"min support {args.min_support}, jaccard {args.jaccard}, durations {args.durations}: "
        f"within event {args.within_event}, groups_dev mined {args.pool_groups}: "
        f"{len(full['pairs'])} pairs mined from all, per fold {sizes}"
    )
    print(
        "| part (events) | table | facts R | disagreements P | disagreements R "
        "| labelled pairs of two nouns: joined / a rule's / all |"
    )
    print("|---|---|---|---|---|---|")
    for p in n:
        for how, per in rows.items():
            if p in per:
                j = joins[how]
                print(
                    f"{fp.line(f'{p} ({n[p]})', how, per[p])} "
                    f"{j[(p, 'joined')]} / {j[(p, 'taken')]} / {j[(p, 'other')]} |"
                )
    for how, per in rows.items():
        tot: dict[str, int] = {}
        for c in per.values():
            tot = fp.add(tot, c)
        print(fp.line(f"all ({len(items)})", how, tot))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
