"""The subject rule tried on hard pools: a pair whose subjects the other never names counts less.

    .venv/bin/python bench/subject_rule.py                # ties: the first in grid order
    .venv/bin/python bench/subject_rule.py --ties-middle  # ties: the middle one
    .venv/bin/python bench/subject_rule.py --cohesion 0.8 # with the cohesion rule on

A news article names who or what its news is about first (the title, else the first
sentence: "David Davis has resigned", "Esther McVey resigns"); a recap of a sibling event
comes later. :func:`pair_features.pair_features` gives, per candidate pair, in how many of
the two directions an article's subject (first specific name there) is never named by the
other article (0, 1 or 2). Here the cosine of a pair is multiplied by
``1 - alpha * missing / 2`` before the agglomeration averages it.

Held out like bench/cohesion_rule.py: for each family of groups_dev.jsonl the (alpha,
threshold) best on the other families scores it, and again chosen on the other families
plus the train.jsonl choosing pools (``lofo.train_pools``). The cohesion rule is off in
these runs (``--cohesion B`` sets ``linkage.COHESION``; its default 0.8 was chosen on
groups_dev.jsonl with the May family in it), so the subject stands in its place; the
weekday rule stays at its default (fitted on train.jsonl). The unseen check, validation
data only, with the (alpha, threshold) best on the whole of groups_dev + train pools:
dev.jsonl moved to one week as one pool, and dev.jsonl pooled with its real dates.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import newsbrief.group as g
from lofo import choose, dev_hard_pool, fit_score, pools_f1, print_lofo, read_pools, train_pools
from newsbrief import linkage
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
    linkage.COHESION = (
        float(sys.argv[sys.argv.index("--cohesion") + 1]) if "--cohesion" in sys.argv else 0.0
    )
    pool, fams, _, dev = read_pools(DATA)
    choosing = train_pools(DATA)
    dev_hard = dev_hard_pool(DATA)
    runs = []
    for alpha, t in itertools.product(ALPHAS, THRESHOLDS):
        pred = predict(pool, alpha, t)
        per = {f: bcubed_subset(pred, pool.labels, idx) for f, idx in fams.items()}
        train = pools_f1(lambda x, a=alpha, th=t: predict(x, a, th), choosing)
        runs.append(((alpha, t), per, bcubed(pred, pool.labels), train))
        print(f"alpha {alpha} threshold {t}: groups_dev F1 {runs[-1][2][2]:.3f} "
              f"train pools F1 {train[0]:.4f}", file=sys.stderr)  # fmt: skip

    cosine = [r for r in runs if r[0][0] == 0]
    for label, cands in (
        ("subject rule, chosen on the other families", [r[:3] for r in runs]),
        ("cosine only (alpha 0), chosen on the other families", [r[:3] for r in cosine]),
        ("subject rule, chosen on the other families + train.jsonl pools", runs),
        ("cosine only (alpha 0), chosen on the other families + train.jsonl pools", cosine),
    ):
        print_lofo(label, cands, fams, "alpha, threshold")
    print(f"(cohesion rule: linkage.COHESION {linkage.COHESION})")
    best = choose(runs, lambda r: fit_score(r, fams, None))
    (alpha, t), _, (bp, br, bf), (tf, _) = best
    print(f"best on the whole of groups_dev + train pools (tuned on): alpha {alpha} threshold "
          f"{t} P {bp:.3f} R {br:.3f} F1 {bf:.3f}, train pools F1 {tf:.3f}")  # fmt: skip
    for name, (a, th) in (("chosen", (alpha, t)), ("cosine", (0.0, Settings().group_threshold))):
        hp, hr, hf = bcubed(predict(dev_hard, a, th), dev_hard.labels)
        dp, dr, df = bcubed(predict(dev, a, th), dev.labels)
        print(f"{name} (alpha {a}, threshold {th}), not tuned on: dev.jsonl moved to one week "
              f"P {hp:.3f} R {hr:.3f} F1 {hf:.3f}; dev.jsonl pooled P {dp:.3f} R {dr:.3f} "
              f"F1 {df:.3f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
