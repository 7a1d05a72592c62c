"""The fill model: what a shortened sentence adds to a brief after its headline.

    .venv/bin/python bench/fit_fill.py             # cross-validated check, newsbrief only

:func:`fill_rows` describes, for every event, each candidate that could fill the words
its headline leaves (:meth:`Newsbrief.fill_options`: fault-free variants of the most
relevant sentences that fit) by :data:`newsbrief.summarize.scorer.FILL_FEATURES`, with
its target: the ROUGE-1, ROUGE-2 and ROUGE-L F1 the brief gains against the event's
reference when the candidate is added (second step: after the best first candidate, when
at least six words are left). ``bench/fit_scorer.py`` fits the shipped model on
train.jsonl and reports it in its cross-validated table; this script's own run prints
newsbrief's pooled held-out ROUGE for a few model choices (for choosing among them).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import numpy as np

from newsbrief import evaluate as ev
from newsbrief.settings import Settings
from newsbrief.summarize.default import Newsbrief
from newsbrief.summarize.features import prepare
from newsbrief.summarize.scorer import FILL_FEATURES, HeadlineScorer

# weights of the ROUGE-1, ROUGE-2 and ROUGE-L gains in the target
FILL_TARGET = (0.0, 1.0, 1.0)
FILL_PARAMS = {"alpha": 1.0}


def fill_rows(
    events: Sequence[ev.EvalEvent],
    scorers: Sequence[HeadlineScorer | None],
    settings: Settings,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Features, ROUGE gains (R1, R2, RL), event number and group (event, step) of every
    fill candidate; ``scorers[k]`` picks event k's headline."""
    xs, ys, es, gs = [], [], [], []
    group = 0
    for k, e in enumerate(events):
        ext = Newsbrief(scorer=scorers[k], fill_model=None)
        cluster = prepare(e.articles, settings)
        setup = ext._gains_setup(cluster)
        head = ext.headline(cluster, setup)
        if head is None:
            continue
        texts = ext.texts(cluster)
        brief = texts[head]
        left = settings.words - len(brief.split())
        state = ext.fill_state(cluster, setup, [head])
        for _step in range(2):
            if left < settings.min_sentence_words:
                break
            options, feats = ext.fill_options(cluster, setup, state, left)
            if not options:
                break
            base = ev.rouge(e.reference, brief)
            gain = np.array(
                [
                    [r[m] - base[m] for m in ev.METRICS]
                    for r in (ev.rouge(e.reference, f"{brief} {o[1]}") for o in options)
                ]
            )
            xs.append(feats)
            ys.append(gain)
            es.append(np.full(len(options), k))
            gs.append(np.full(len(options), group))
            group += 1
            best = int(np.argmax(gain @ np.array(FILL_TARGET)))
            i, text, n, terms = options[best]
            brief = f"{brief} {text}"
            left -= n
            state.take(cluster, i, terms)
    return np.vstack(xs), np.vstack(ys), np.concatenate(es), np.concatenate(gs)


def normalized_gain(y: np.ndarray, g: np.ndarray) -> np.ndarray:
    """Each candidate's gain over the best gain of its group (event and step)."""
    best = np.full(int(g.max()) + 1, 1e-9)
    np.maximum.at(best, g, y)
    return y / best[g]


def ridge_dict(x: np.ndarray, y: np.ndarray, features: Sequence[str], params: dict) -> dict:
    """Ridge regression of ``y`` on ``x`` in the shipped JSON form (headline and fill models)."""
    from sklearn.linear_model import Ridge

    model = Ridge(**params).fit(x, y)
    return {
        "kind": "linear",
        "features": list(features),
        "init": float(model.intercept_),
        "coef": [float(v) for v in model.coef_],
        "params": params,
    }


def fill_dict(x: np.ndarray, y: np.ndarray, kind: str = "linear") -> dict:
    """A fitted fill model in the shipped JSON form (ridge, or gradient-boosted trees)."""
    if kind == "linear":
        return ridge_dict(x, y, FILL_FEATURES, FILL_PARAMS)
    from sklearn.ensemble import GradientBoostingRegressor

    params = {"n_estimators": 150, "max_depth": 3, "learning_rate": 0.05, "subsample": 0.8}
    gb = GradientBoostingRegressor(random_state=0, **params).fit(x, y)
    trees = []
    for est in gb.estimators_[:, 0]:
        t = est.tree_
        trees.append(
            {
                "feature": [int(v) for v in t.feature],
                "threshold": [float(v) for v in t.threshold],
                "left": [int(v) for v in t.children_left],
                "right": [int(v) for v in t.children_right],
                "value": [float(v) for v in t.value[:, 0, 0]],
            }
        )
    init = float(gb.init_.constant_[0][0]) if hasattr(gb.init_, "constant_") else float(y.mean())
    return {
        "kind": "trees",
        "features": list(FILL_FEATURES),
        "init": init,
        "rate": float(gb.learning_rate),
        "trees": trees,
        "params": params,
    }


def fill_model(x: np.ndarray, y: np.ndarray, kind: str = "linear") -> HeadlineScorer:
    return HeadlineScorer.from_dict(fill_dict(x, y, kind), FILL_FEATURES)


def main() -> int:
    import fit_scorer as fs

    settings = Settings(words=40, headline_words=40)
    events, scorers, fold_of = fs.cv_setup(settings)
    x, y, e, g = fs.cached_fill_rows(events, scorers, fold_of, settings)
    print(f"{len(y)} fill candidates in {int(g.max()) + 1} groups", file=sys.stderr)
    for name, target, kind, tau in [
        ("r2rl linear 0", (0, 1, 1), "linear", 0.0),
        ("r2rl linear 0.01", (0, 1, 1), "linear", 0.01),
        ("r2rl linear 0.02", (0, 1, 1), "linear", 0.02),
        ("r2rl linear 0.04", (0, 1, 1), "linear", 0.04),
        ("r2rl linear no fill", (0, 1, 1), "linear", 99.0),
    ]:
        yn = y @ np.array(target, dtype=float)
        pooled: dict[str, list[float]] = {m: [] for m in ev.METRICS}
        lengths: list[int] = []
        for f in range(int(fold_of.max()) + 1):
            held = np.flatnonzero(fold_of == f)
            model = fill_model(x[~np.isin(e, held)], yn[~np.isin(e, held)], kind)
            ext_scorer = scorers[held[0]]
            ext = Newsbrief(scorer=ext_scorer, fill_model=model, fill_threshold=tau)
            for k in held:
                cluster = prepare(events[k].articles, settings)
                text = ev.system_summary(ext, cluster, settings.words)
                lengths.append(len(text.split()))
                for m, v in ev.rouge(events[k].reference, text).items():
                    pooled[m].append(v)
        print(
            name,
            " ".join(f"{100 * np.mean(pooled[m]):.1f}" for m in ev.METRICS),
            f"words {np.mean(lengths):.1f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
