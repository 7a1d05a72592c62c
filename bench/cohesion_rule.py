"""The cohesion rule tried on hard pools: siblings are each tighter than they are alike.

    .venv/bin/python bench/cohesion_rule.py [--ties-middle]

Two sibling events (two resignations of one morning) are each a tight group of articles,
and the two groups are alike, but less alike than each is inside. With
``linkage.COHESION = beta``, two groups of two or more articles merge only when their mean
cross similarity is at least ``beta`` times the lower of their mean inner similarities
(on top of the threshold). Held out as bench/subject_rule.py: for each family of
groups_dev.jsonl the (beta, threshold) best on the other families scores it; the hard
pools of bench/hard_pool.py and dev.jsonl pooled are scored with the (beta, threshold)
best on the whole of groups_dev, and with the defaults.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import newsbrief.group as g
from lofo import choose, fit_score, print_lofo, read_pools, unseen
from newsbrief import linkage
from newsbrief.cluster_metrics import LabeledArticles, bcubed, bcubed_subset
from newsbrief.settings import Settings

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
BETAS = (0.0, 0.5, 0.6, 0.7, 0.8)
SIZES = (2, 3)
THRESHOLDS = (0.14, 0.16, 0.18, 0.2)


def predict(data: LabeledArticles, beta: float, threshold: float, size: int = 2) -> list[str]:
    linkage.COHESION = beta
    linkage.COHESION_SIZE = size
    events = g.group_articles(data.articles, Settings(group_threshold=threshold))
    of = {a: e.id for e in events for a in e.article_ids}
    return [of[a.id] for a in data.articles]


def main() -> int:
    pool, fams, hard, dev = read_pools(DATA)
    runs = []
    for beta, size, t in itertools.product(BETAS, SIZES, THRESHOLDS):
        if beta == 0 and size != SIZES[0]:
            continue  # the same grouping
        pred = predict(pool, beta, t, size)
        per = {f: bcubed_subset(pred, pool.labels, idx) for f, idx in fams.items()}
        runs.append(((beta, size, t), per, bcubed(pred, pool.labels)))
        print(f"beta {beta} size {size} threshold {t}: groups_dev F1 {runs[-1][2][2]:.3f} "
              f"(may {per['may-cabinet-resignations-2018'][2]:.3f})", file=sys.stderr)  # fmt: skip

    for label, cands in (
        ("cohesion rule", runs),
        ("cosine only (beta 0)", [r for r in runs if r[0][0] == 0]),
    ):
        print_lofo(label, cands, fams, "beta, size, threshold")
    best = choose(runs, lambda r: fit_score(r, fams, None))
    (beta, size, t), _, (bp, br, bf) = best
    print(f"best on the whole of groups_dev (tuned on): beta {beta} size {size} threshold {t} "
          f"P {bp:.3f} R {br:.3f} F1 {bf:.3f}")  # fmt: skip
    d = Settings().group_threshold
    for name, (b, sz, th) in (("chosen", (beta, size, t)), ("no cohesion rule", (0.0, 2, d))):
        line = unseen(lambda x, b=b, th=th, sz=sz: predict(x, b, th, sz), hard, dev)
        print(f"{name} (beta {b}, size {sz}, threshold {th}): {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
