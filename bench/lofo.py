"""Leave-one-family-out choice of a rule's settings over groups_dev.jsonl, shared by the
bench scripts that try one grouping rule over a grid (cohesion_rule.py, subject_rule.py).

A run is ``(settings, per_family, whole)`` or ``(settings, per_family, whole, extra)``: the
settings tuple, each family's B-cubed ``(P, R, F1)``, the whole pool's, and optionally the
B-cubed F1 and article count of *choosing pools* (:func:`train_pools`: train.jsonl events
moved to one week, fit data). For each held-out family the settings are chosen on the
other families only, plus the choosing pools where a run has them (every article counts
once: the article-weighted mean F1 of the other families' articles and the choosing pools'
articles), and that family is scored with them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from hard_pool import collapse, fold_of, join, subset
from newsbrief.cluster_metrics import LabeledArticles, bcubed, read_labeled

#: which of several equally good settings is chosen: "first" in grid order, or "middle"
TIES = "middle" if "--ties-middle" in sys.argv else "first"

Run = tuple  # (settings, {family: (P, R, F1)}, (P, R, F1))


def choose(runs: Sequence[Run], score: Callable[[Run], float], ties: str = TIES) -> Run:
    """The run with the best score (ties: the first in grid order, or the middle one)."""
    top = max(score(r) for r in runs)
    tied = [r for r in runs if score(r) >= top - 1e-9]
    return tied[0] if ties == "first" else tied[(len(tied) - 1) // 2]


def fit_score(run: Run, fams: dict[str, list[int]], leave: str | None) -> float:
    """Article-weighted mean F1 of a run over every family but ``leave`` (and over the
    choosing pools' articles where the run has them)."""
    per = run[1]
    m = sum(len(fams[f]) for f in per if f != leave)
    total = sum(per[f][2] * len(fams[f]) for f in per if f != leave)
    if len(run) > 3 and run[3] is not None:
        f1, n = run[3]
        total += f1 * n
        m += n
    return total / m


def print_lofo(label: str, cands: Sequence[Run], fams: dict[str, list[int]], setting: str) -> None:
    """Print the held-out table of ``cands`` (one row per family) and its pooled figure."""
    print(f"\n### {label} (ties: {TIES})\n")
    print(f"| held-out family | articles | {setting} (chosen on the others) | P | R | F1 |")
    print("|---|---:|---|---:|---:|---:|")
    hp = hr = 0.0
    for f in sorted(fams):
        best = choose(cands, lambda r, f=f: fit_score(r, fams, f))
        p, r, f1 = best[1][f]
        hp += p * len(fams[f])
        hr += r * len(fams[f])
        print(f"| {f} | {len(fams[f])} | {best[0]} | {p:.3f} | {r:.3f} | {f1:.3f} |")
    n = sum(len(idx) for idx in fams.values())
    hp, hr = hp / n, hr / n
    print(f"\n{label}, leave-one-family-out (held out): P {hp:.3f} R {hr:.3f} "
          f"F1 {2 * hp * hr / (hp + hr):.3f}")  # fmt: skip


def read_pools(
    data: Path,
) -> tuple[LabeledArticles, dict[str, list[int]], LabeledArticles, LabeledArticles]:
    """groups_dev.jsonl with its families' article indexes, the hard pools (train + dev
    events moved to one week, bench/hard_pool.py) and dev.jsonl."""
    pool = read_labeled(data / "groups_dev.jsonl")
    dev = read_labeled(data / "dev.jsonl")
    hard = collapse(join(read_labeled(data / "train.jsonl"), dev))
    fams: dict[str, list[int]] = {}
    for k, f in enumerate(pool.families):
        fams.setdefault(f, []).append(k)
    return pool, fams, hard, dev


def train_pools(data: Path, folds: int = 5) -> list[LabeledArticles]:
    """Choosing pools from fit data only: the events of train.jsonl moved so that each
    starts on one day (bench/hard_pool.py), in ``folds`` fixed folds by a hash of the event
    id, each fold one pool. No dev.jsonl or groups_dev.jsonl article is in them."""
    hard = collapse(read_labeled(data / "train.jsonl"))
    fold = [fold_of(lab, folds) for lab in hard.labels]
    return [subset(hard, [x == k for x in fold]) for k in range(folds)]


def pools_f1(
    predict: Callable[[LabeledArticles], list[str]], pools: Sequence[LabeledArticles]
) -> tuple[float, int]:
    """Article-weighted B-cubed F1 of ``predict`` over ``pools`` (each grouped alone), and
    their article count."""
    n = sum(len(p.articles) for p in pools)
    return sum(bcubed(predict(p), p.labels)[2] * len(p.articles) for p in pools) / n, n


def dev_hard_pool(data: Path) -> LabeledArticles:
    """The unseen check of the siblings kind from validation data only: the 30 events of
    dev.jsonl moved so that each starts on one day, grouped as one pool."""
    return collapse(read_labeled(data / "dev.jsonl"))


def unseen(
    predict: Callable[[LabeledArticles], list[str]], hard: LabeledArticles, dev: LabeledArticles
) -> str:
    """B-cubed of ``predict`` on the hard pools (5 folds, each grouped alone; article-weighted
    P and R) and on dev.jsonl pooled, as one line; neither is used to choose settings."""
    fold = [fold_of(lab, 5) for lab in hard.labels]
    sums = np.zeros(3)
    for k in range(5):
        part = subset(hard, [x == k for x in fold])
        p, r, _ = bcubed(predict(part), part.labels)
        sums += np.array([p, r, 1.0]) * len(part.articles)
    p, r = sums[0] / sums[2], sums[1] / sums[2]
    dp, dr, df = bcubed(predict(dev), dev.labels)
    return (
        f"hard pools (5 folds, not tuned on) P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r):.3f}; "
        f"dev.jsonl pooled P {dp:.3f} R {dr:.3f} F1 {df:.3f}"
    )
