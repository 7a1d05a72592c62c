"""Grouping on hard pools: leave-one-family-out choice of the feature weights.

    .venv/bin/python bench/groups_lofo.py             # grid over groups_dev.jsonl, then LOFO

Each configuration of the grid (title, lead and entity weights, lead and body lengths,
threshold) groups the whole pool of ../shared/data/groups_dev.jsonl once; per family
B-cubed comes from that run (clusters over all articles). For each family F the
configuration with the best B-cubed F1 over the *other* families is chosen and F is
scored with it: F's labels play no part in choosing what F is scored with. Since B-cubed
averages over articles, the article-weighted mean of those held-out precisions and
recalls is the held-out overall figure. dev.jsonl pooled (never used to choose) is
scored with every configuration too.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import newsbrief.group as g
from newsbrief.cluster_metrics import LabeledArticles, bcubed, bcubed_subset, read_labeled
from newsbrief.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
POOL = ROOT.parent / "shared" / "data" / "groups_dev.jsonl"
DEV = ROOT.parent / "shared" / "data" / "dev.jsonl"

GRID: dict[str, Sequence[Any]] = {
    "TITLE_WEIGHT": (2, 3),
    "LEAD_CHARS": (0, 300, 600),
    "LEAD_WEIGHT": (2,),
    "BODY_CHARS": (0, 1500),
    "ENTITY_WEIGHT": (1, 2),
    "threshold": (0.14, 0.18),
}


def configure(cfg: dict[str, Any]) -> Settings:
    for k, v in cfg.items():
        if k != "threshold":
            setattr(g, k, v)
    g._token_cache.clear()
    return Settings(group_threshold=cfg["threshold"])


def predict(data: LabeledArticles, settings: Settings) -> list[str]:
    events = g.group_articles(data.articles, settings)
    of = {a: e.id for e in events for a in e.article_ids}
    return [of[a.id] for a in data.articles]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pool", type=Path, default=POOL)
    ap.add_argument("--dev", type=Path, default=DEV)
    args = ap.parse_args()
    pool = read_labeled(args.pool)
    dev = read_labeled(args.dev)
    fams: dict[str, list[int]] = {}
    for k, f in enumerate(pool.families):
        fams.setdefault(f, []).append(k)
    keys = list(GRID)
    runs = []
    for values in itertools.product(*GRID.values()):
        cfg = dict(zip(keys, values, strict=True))
        settings = configure(cfg)
        pred = predict(pool, settings)
        per = {f: bcubed_subset(pred, pool.labels, idx) for f, idx in fams.items()}
        overall = bcubed(pred, pool.labels)
        dev_f1 = bcubed(predict(dev, settings), dev.labels)[2]
        runs.append((cfg, per, overall, dev_f1))
        print(f"{cfg} pool F1 {overall[2]:.3f} dev F1 {dev_f1:.3f}", file=sys.stderr)
    n = len(pool.articles)

    def fit_score(run: tuple[Any, ...], leave: str) -> float:
        per = run[1]
        m = sum(len(fams[f]) for f in per if f != leave)
        return sum(per[f][2] * len(fams[f]) for f in per if f != leave) / m

    print("| held-out family | articles | chosen (on the other families) | P | R | F1 |")
    print("|---|---:|---|---:|---:|---:|")
    hp = hr = 0.0
    for f in sorted(fams):
        best = max(runs, key=lambda r: fit_score(r, f))
        p, r, f1 = best[1][f]
        hp += p * len(fams[f])
        hr += r * len(fams[f])
        cfg = ", ".join(f"{k}={v}" for k, v in best[0].items())
        print(f"| {f} | {len(fams[f])} | {cfg} | {p:.3f} | {r:.3f} | {f1:.3f} |")
    hp, hr = hp / n, hr / n
    print(
        f"\nleave-one-family-out (held out): B-cubed P {hp:.3f} R {hr:.3f} "
        f"F1 {2 * hp * hr / (hp + hr):.3f}"
    )
    best = max(runs, key=lambda r: r[2][2])
    print(
        f"best on the whole pool (tuned on): {best[0]} F1 {best[2][2]:.3f}, "
        f"dev.jsonl F1 {best[3]:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
