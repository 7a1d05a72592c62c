"""The subject rule tried on hard pools: a pair whose subjects the other never names counts less.

    .venv/bin/python bench/subject_rule.py                # ties: the first in grid order
    .venv/bin/python bench/subject_rule.py --ties-middle  # ties: the middle one

A news article names who or what its news is about first (the title, else the first
sentence: "David Davis has resigned", "Esther McVey resigns"); a recap of a sibling event
comes later. :func:`pair_features.pair_features` gives, per candidate pair, in how many of
the two directions an article's subject (first specific name there) is never named by the
other article (0, 1 or 2). Here the cosine of a pair is multiplied by
``1 - alpha * missing / 2`` before the agglomeration averages it.

Held out like bench/groups_lofo.py: for each family of groups_dev.jsonl the (alpha,
threshold) best on the other families scores it. Also scored, with the (alpha, threshold)
best on the whole of groups_dev: the hard pools of bench/hard_pool.py (train.jsonl +
dev.jsonl events moved to one week, five folds; never used to choose) and dev.jsonl
pooled with its real dates.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import newsbrief.group as g
from lofo import choose, fit_score, print_lofo, read_pools, unseen
from newsbrief.cluster_metrics import LabeledArticles, bcubed, bcubed_subset
from newsbrief.settings import Settings
from pair_features import FEATURES, article_parts, pair_features

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
ALPHAS = (0.0, 0.25, 0.5, 0.75, 1.0)
THRESHOLDS = (0.14, 0.16, 0.18, 0.2)
MISSING = FEATURES.index("subject_missing")


def predict(data: LabeledArticles, alpha: float, threshold: float) -> list[str]:
    def weight(arts, days, r, c, s):  # type: ignore[no-untyped-def]  # noqa: ANN001, ANN202
        miss = pair_features(article_parts(arts), days, r, c, s)[:, MISSING]
        return s * (1.0 - alpha * miss / 2.0), threshold

    settings = Settings(group_threshold=threshold)
    events = g.group_articles(data.articles, settings, pair_weight=weight if alpha else None)
    of = {a: e.id for e in events for a in e.article_ids}
    return [of[a.id] for a in data.articles]


def main() -> int:
    pool, fams, hard, dev = read_pools(DATA)
    runs = []
    for alpha, t in itertools.product(ALPHAS, THRESHOLDS):
        pred = predict(pool, alpha, t)
        per = {f: bcubed_subset(pred, pool.labels, idx) for f, idx in fams.items()}
        runs.append(((alpha, t), per, bcubed(pred, pool.labels)))
        print(f"alpha {alpha} threshold {t}: groups_dev F1 {runs[-1][2][2]:.3f}", file=sys.stderr)

    for label, cands in (
        ("subject rule", runs),
        ("cosine only (alpha 0)", [r for r in runs if r[0][0] == 0]),
    ):
        print_lofo(label, cands, fams, "alpha, threshold")
    best = choose(runs, lambda r: fit_score(r, fams, None))
    (alpha, t), _, (bp, br, bf) = best
    print(f"best on the whole of groups_dev (tuned on): alpha {alpha} threshold {t} "
          f"P {bp:.3f} R {br:.3f} F1 {bf:.3f}")  # fmt: skip
    for name, (a, th) in (("chosen", (alpha, t)), ("rules", (0.0, Settings().group_threshold))):
        line = unseen(lambda x, a=a, th=th: predict(x, a, th), hard, dev)
        print(f"{name} (alpha {a}, threshold {th}): {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
