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

#: which of several equally good settings is chosen: "first" in grid order, "middle", or
#: "vote" (the one most often best when one more family is left out; :func:`vote_choice`)
TIES = "middle" if "--ties-middle" in sys.argv else "vote" if "--ties-vote" in sys.argv else "first"
#: the train.jsonl choosing pools: 5 folds of its events, or with ``--one-pool`` all 95
#: events moved into one week as one pool (every pair of similar events then meets)
FOLDS = 1 if "--one-pool" in sys.argv else 5

Run = tuple  # (settings, {family: (P, R, F1)}, (P, R, F1))


def choose(runs: Sequence[Run], score: Callable[[Run], float], ties: str = TIES) -> Run:
    """The run with the best score (ties: the first in grid order, or the middle one)."""
    tied = tied_runs(runs, score)
    return tied[0] if ties == "first" else tied[(len(tied) - 1) // 2]


def fit_score(run: Run, fams: dict[str, list[int]], leave: str | frozenset[str] | None) -> float:
    """Article-weighted mean F1 of a run over every family but ``leave`` (one family or a
    set of them; and over the choosing pools' articles where the run has them)."""
    per = run[1]
    out = {leave} if isinstance(leave, str) else set(leave or ())
    m = sum(len(fams[f]) for f in per if f not in out)
    total = sum(per[f][2] * len(fams[f]) for f in per if f not in out)
    if len(run) > 3 and run[3] is not None:
        f1, n = run[3]
        total += f1 * n
        m += n
    return total / m


def tied_runs(runs: Sequence[Run], score: Callable[[Run], float]) -> list[Run]:
    """Every run whose score equals the best one (within 1e-9), in grid order."""
    top = max(score(r) for r in runs)
    return [r for r in runs if score(r) >= top - 1e-9]


def vote_choice(cands: Sequence[Run], fams: dict[str, list[int]], leave: str) -> Run:
    """Of the settings tied best without ``leave``, the one most often best when one more
    family ``g`` is left out too (each ``g`` gives one vote, shared among its tied best);
    the first in grid order on equal votes. A setting that stays best whichever family is
    missing is the one least resting on one family; ``leave``'s labels take no part."""
    tied = tied_runs(cands, lambda r: fit_score(r, fams, leave))
    if len(tied) == 1:
        return tied[0]
    votes = [0.0] * len(tied)
    for g in fams:
        if g == leave:
            continue
        inner = tied_runs(cands, lambda r, g=g: fit_score(r, fams, frozenset((leave, g))))
        ids = {id(r) for r in inner}
        for k, r in enumerate(tied):
            if id(r) in ids:
                votes[k] += 1.0 / len(inner)
    return tied[max(range(len(tied)), key=lambda k: (votes[k], -k))]


def _pooled(pr: Sequence[tuple[float, float, int]]) -> tuple[float, float, float]:
    """Article-weighted P and R over families, and the F1 of those."""
    n = sum(m for _, _, m in pr)
    p = sum(x * m for x, _, m in pr) / n
    r = sum(y * m for _, y, m in pr) / n
    return p, r, 2 * p * r / (p + r)


def print_lofo(label: str, cands: Sequence[Run], fams: dict[str, list[int]], setting: str) -> None:
    """Print the held-out table of ``cands`` (one row per family) and its pooled figure.

    Several settings can be equally good on the choosing data; the table shows the one the
    tie rule (``TIES``) takes and how many were tied. Below it, the held-out figure under
    every tie rule: the first and the middle of the tied settings in grid order, the
    vote (:func:`vote_choice`), the mean
    over them (what a choice at random among them gives on average: no tie rule at all),
    and the worst and best of them (how much the figure rests on the tie)."""
    print(f"\n### {label} (ties: {TIES})\n")
    print(
        f"| held-out family | articles | {setting} (chosen on the others) | tied | P | R | F1 "
        "| F1 over the tied (worst-best) |"
    )
    print("|---|---:|---|---:|---:|---:|---:|---|")
    rules: dict[str, list[tuple[float, float, int]]] = {
        k: []
        for k in ("first", "middle", "vote", "mean over ties", "worst of ties", "best of ties")
    }
    for f in sorted(fams):
        tied = tied_runs(cands, lambda r, f=f: fit_score(r, fams, f))
        picks = {
            "first": tied[0],
            "middle": tied[(len(tied) - 1) // 2],
            "vote": vote_choice(cands, fams, f),
        }
        best = picks[TIES]
        p, r, f1 = best[1][f]
        m = len(fams[f])
        lo_f1 = min(t[1][f][2] for t in tied)
        hi_f1 = max(t[1][f][2] for t in tied)
        print(
            f"| {f} | {m} | {best[0]} | {len(tied)} | {p:.3f} | {r:.3f} | {f1:.3f} "
            f"| {lo_f1:.3f}-{hi_f1:.3f} |"
        )
        for k, run in picks.items():
            rules[k].append((run[1][f][0], run[1][f][1], m))
        rules["mean over ties"].append(
            (
                sum(t[1][f][0] for t in tied) / len(tied),
                sum(t[1][f][1] for t in tied) / len(tied),
                m,
            )
        )
        lo = min(tied, key=lambda t: t[1][f][2])[1][f]
        hi = max(tied, key=lambda t: t[1][f][2])[1][f]
        rules["worst of ties"].append((lo[0], lo[1], m))
        rules["best of ties"].append((hi[0], hi[1], m))
    hp, hr, hf = _pooled(rules[TIES])
    print(f"\n{label}, leave-one-family-out (held out): P {hp:.3f} R {hr:.3f} F1 {hf:.3f}")
    print("  by tie rule: " + "; ".join(
        f"{k} F1 {_pooled(v)[2]:.3f}" for k, v in rules.items()
    ))  # fmt: skip


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


def train_pools(data: Path, folds: int = FOLDS) -> list[LabeledArticles]:
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
