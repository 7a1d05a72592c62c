"""Grouping on hard pools: leave-one-family-out choice of the weights, threshold and rule.

    .venv/bin/python bench/groups_lofo.py [--ties-middle] [--one-pool] [--weekdays-fixed]
    .venv/bin/python bench/groups_lofo.py --evidence  # + number idf 2/4, lead weight 2/3

Each configuration of the grid (title, lead and entity weights, lead and body lengths,
threshold, and the cohesion rule of bench/cohesion_rule.py: its share, 0 for off, and the
size from which it acts; the same grid as bench/cohesion_rule.py) groups the whole
pool of ../shared/data/groups_dev.jsonl once; per family B-cubed comes from that run
(clusters over all articles). It also groups the choosing pools of ``lofo.train_pools``
(the events of train.jsonl moved to one week, 5 folds: fit data only). For each family F
the configuration best on the *other* families is chosen and F is scored with it, in two
protocols: chosen on the other families alone, and on the other families plus the train
pools (every article counting once). F's labels play no part in choosing what F is
scored with. The unseen check uses validation data only (dev.jsonl moved to one week as
one pool, and dev.jsonl pooled), with the configuration chosen on the whole of
groups_dev plus the train pools.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import newsbrief.group as g
from lofo import choose, dev_hard_pool, fit_score, pools_f1, print_lofo, read_pools, train_pools
from newsbrief import linkage
from newsbrief.cluster_metrics import LabeledArticles, bcubed, bcubed_subset
from newsbrief.settings import Settings

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

#: first values first: on ties the first configuration in grid order is chosen
#: the vector weights (outer loop: each configuration's vectors are made once)
WEIGHTS: dict[str, Sequence[Any]] = {
    "TITLE_WEIGHT": (2, 3),
    "LEAD_CHARS": (0, 300, 600),
    "BODY_CHARS": (0, 1500),
    "ENTITY_WEIGHT": (1, 2),
}
if "--evidence" in sys.argv:  # also the weight of a number feature and of a lead word
    WEIGHTS = {**WEIGHTS, "NUMBER_WEIGHT": (2.0, 4.0), "LEAD_WEIGHT": (2, 3)}
#: the agglomeration's rules and threshold
RULES: dict[str, Sequence[Any]] = {
    # --weekdays-fixed: the weekday rule on as fitted on train.jsonl, not chosen here
    "WEEKDAYS": (True,) if "--weekdays-fixed" in sys.argv else (False, True),
    "COHESION": (0.0, 0.5, 0.6, 0.7, 0.8),
    "COHESION_SIZE": (2, 3),
    "threshold": (0.14, 0.18),
}
GRID = {**WEIGHTS, **RULES}
LINKAGE = ("WEEKDAYS", "COHESION", "COHESION_SIZE")
DEFAULTS = {k: getattr(linkage if k in LINKAGE else g, k) for k in GRID if k != "threshold"}


def configure(cfg: dict[str, Any], clear: bool = True) -> Settings:
    for k, v in cfg.items():
        if k in LINKAGE:
            setattr(linkage, k, v)
        elif k != "threshold":
            setattr(g, k, v)
    if clear:
        g._token_cache.clear()
        g._columns.clear()
        g._weights.clear()
    return Settings(group_threshold=cfg["threshold"])


class Cached:
    """:func:`newsbrief.group.vectorize`, each input's matrix made once (per weights)."""

    def __init__(self) -> None:
        self.made: dict[tuple[tuple[str, str], ...], Any] = {}

    def __call__(self, articles: Sequence[Any]) -> Any:
        key = tuple((a.id, a.title) for a in articles)
        if key not in self.made:
            self.made[key] = g.vectorize(articles)
        return self.made[key]


def predict(data: LabeledArticles, settings: Settings, vec: Cached | None = None) -> list[str]:
    events = g.group_articles(data.articles, settings, vectorizer=vec)
    of = {a: e.id for e in events for a in e.article_ids}
    return [of[a.id] for a in data.articles]


def main() -> int:
    pool, fams, _, dev = read_pools(DATA)
    choosing = train_pools(DATA)
    dev_hard = dev_hard_pool(DATA)
    keys = list(GRID)
    runs = []
    for weights in itertools.product(*WEIGHTS.values()):
        vec = Cached()
        g._token_cache.clear()  # the tokens' features depend on the weights
        g._columns.clear()  # and the features' idf part on NUMBER_WEIGHT (cached
        g._weights.clear()  # with the columns)
        for rules in itertools.product(*RULES.values()):
            values = weights + rules
            cfg = dict(zip(keys, values, strict=True))
            if cfg["COHESION"] == 0 and cfg["COHESION_SIZE"] != RULES["COHESION_SIZE"][0]:
                continue  # the same grouping as size 2
            settings = configure(cfg, clear=False)
            pred = predict(pool, settings, vec)
            per = {f: bcubed_subset(pred, pool.labels, idx) for f, idx in fams.items()}
            train = pools_f1(lambda x, s=settings, v=vec: predict(x, s, v), choosing)
            runs.append((tuple(values), per, bcubed(pred, pool.labels), train))
            print(f"{cfg} groups_dev F1 {runs[-1][2][2]:.3f} train pools F1 {train[0]:.4f}",
                  file=sys.stderr)  # fmt: skip
    setting = ", ".join(keys)
    print_lofo("chosen on the other families", [r[:3] for r in runs], fams, setting)
    print_lofo("chosen on the other families + train.jsonl pools", runs, fams, setting)
    best = choose(runs, lambda r: fit_score(r, fams, None))
    cfg = dict(zip(keys, best[0], strict=True))
    print(f"\nbest on the whole of groups_dev + train.jsonl pools (tuned on): {cfg}: "
          f"groups_dev F1 {best[2][2]:.3f}, train pools F1 {best[3][0]:.3f}")  # fmt: skip
    for name, c in (("chosen", cfg), ("defaults", {**DEFAULTS, "threshold": 0.18})):
        settings = configure(c)
        hp, hr, hf = bcubed(predict(dev_hard, settings), dev_hard.labels)
        dp, dr, df = bcubed(predict(dev, settings), dev.labels)
        print(f"{name} {c}, not tuned on: dev.jsonl moved to one week P {hp:.3f} R {hr:.3f} "
              f"F1 {hf:.3f}; dev.jsonl pooled P {dp:.3f} R {dr:.3f} F1 {df:.3f}")  # fmt: skip
    configure({**DEFAULTS, "threshold": 0.18})
    return 0


if __name__ == "__main__":
    sys.exit(main())
