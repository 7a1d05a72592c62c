"""The fill model: what a shortened sentence adds to a brief after its headline.

    .venv/bin/python bench/fit_fill.py             # does any fill beat the headline alone?

:func:`fill_rows` describes, for every event, each candidate that could fill the words
its headline leaves (:meth:`Newsbrief.fill_options`: fault-free variants of the most
relevant sentences that fit) by :data:`newsbrief.summarize.scorer.FILL_FEATURES`, with
its target: the ROUGE-1, ROUGE-2 and ROUGE-L F1 the brief gains against the event's
reference when the candidate is added (second step: after the best first candidate, when
at least six words are left). ``bench/fit_scorer.py`` fits a fill model per fold for its
"fitted fill" row (``Newsbrief(fill="model")``); none is shipped, since no fill beats
the headline alone held out. This script's own run is the evidence for that: over 5
folds by event (headlines by each fold's own scorer), it fits fill models on the other
folds and reports what the first fill each would add does to the held-out briefs' ROUGE
(mean over all events, x 100, against the headline alone), when always taken and when
taken only where the model's prediction clears a bar, beside a random candidate and the
candidate chosen by looking at the reference (the ceiling).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import numpy as np

from mdsection import machine, replace_section
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


def first_step_gains(
    pred: np.ndarray, y: np.ndarray, g: np.ndarray, firsts: np.ndarray, n_events: int, bar: float
) -> tuple[np.ndarray, int]:
    """Mean ROUGE change (R1, R2, RL) over ``n_events`` when each event's first fill is its
    best-predicted candidate, taken only where the prediction exceeds ``bar``; how many."""
    total = np.zeros(y.shape[1])
    taken = 0
    for group in firsts:
        rows = np.flatnonzero(g == group)
        best = rows[int(np.argmax(pred[rows]))]
        if pred[best] > bar:
            total += y[best]
            taken += 1
    return total / n_events, taken


def main() -> int:
    from sklearn.ensemble import GradientBoostingRegressor
    from sklearn.linear_model import LogisticRegression, Ridge

    import fit_scorer as fs

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    settings = Settings(words=40, headline_words=40)
    events, scorers, fold_of = fs.cv_setup(settings)
    x, y, e, g = fs.cached_fill_rows(events, scorers, fold_of, settings)
    n = len(events)
    firsts = np.array(sorted({int(g[np.flatnonzero(e == k)[0]]) for k in np.unique(e)}))
    lines = [
        "## Should a sentence follow the headline in the 40-word brief? (train + dev, held out)",
        "",
        "Reproduce with `python bench/fit_fill.py`. The same 125 events and 5 folds as "
        "the k-fold section (each event's headline by its fold's scorer). "
        f"{len(firsts)} of {n} events leave room (6 words or more) for a fill: "
        f"{len(y)} candidates, every fault-free shortened variant "
        "(`compress.shorter`) of the 40 most relevant sentences that fits. Fill models "
        "are fitted on the other folds' candidates; each row gives what adding the first "
        "fill the model picks (its best-predicted candidate, always or only where the "
        "prediction clears the bar) does to the held-out briefs' ROUGE-1 / ROUGE-2 / "
        "ROUGE-L F1 x 100, as a mean over all 125 events against the headline alone; "
        "p95 / p80 are the 95th / 80th percentile of all candidates' predictions.",
        "",
        "| choice of the fill | taken | R1 / R2 / RL change | events filled |",
        "| --- | --- | --- | --- |",
    ]

    changes: list[float] = []

    def show(name: str, pred: np.ndarray, bars: Sequence[float | str]) -> None:
        quantiles = dict(zip(("p80", "p95"), np.quantile(pred, [0.8, 0.95]), strict=True))
        for bar in bars:
            value = quantiles.get(bar, bar) if isinstance(bar, str) else bar
            d, taken = first_step_gains(pred, y, g, firsts, n, float(value))
            cells = " / ".join(f"{100 * v:+.2f}" for v in d)
            label = "always" if value == -np.inf else f"where > {bar}"
            lines.append(f"| {name} | {label} | {cells} | {taken} |")
            if not name.startswith("ceiling"):
                changes.append(float(d.sum()))

    show("ceiling (best by the reference)", y @ np.ones(3), [0.0])
    show("random candidate", np.random.default_rng(0).random(len(y)), [-np.inf])
    held_of = fold_of[e]
    for name, target, make in [
        ("ridge, R2+RL gain (last round's fill)", y @ np.array(FILL_TARGET), lambda: Ridge(1.0)),
        ("ridge, R1+R2+RL gain", y @ np.ones(3), lambda: Ridge(1.0)),
        (
            "boosted trees (100 x depth 2), R1+R2+RL",
            y @ np.ones(3),
            lambda: GradientBoostingRegressor(
                n_estimators=100, max_depth=2, learning_rate=0.05, subsample=0.8, random_state=0
            ),
        ),
        ("logistic, P(gain > 0)", (y @ np.ones(3) > 0).astype(int), None),
    ]:
        pred = np.zeros(len(y))
        for f in range(int(fold_of.max()) + 1):
            held = held_of == f
            if make is None:
                model = LogisticRegression(C=1.0, max_iter=3000).fit(x[~held], target[~held])
                pred[held] = model.predict_proba(x[held])[:, 1]
            else:
                pred[held] = make().fit(x[~held], target[~held]).predict(x[held])
        # p80, p95: the 80th and 95th percentile of all the candidates' predictions
        show(name, pred, [-np.inf, "p80", "p95"] if make is None else [-np.inf, 0.0, 0.01, "p95"])
    verdict = (
        "Good fills exist (the ceiling), but no model finds them: every choice lowers the "
        "held-out ROUGE, so the 40-word brief is the headline alone and no fill model is "
        'shipped (`Newsbrief(fill="model", fill_model=...)` keeps the option).'
        if max(changes) <= 0
        else "Some choice raises the held-out ROUGE (R1 + R2 + RL change "
        f"{100 * max(changes):+.2f}): worth measuring as the default in bench/fit_scorer.py."
    )
    lines += [
        "",
        verdict,
        "",
        f"Measured {machine()}.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_write:
        replace_section(fs.ROOT / "docs" / "benchmarks.md", "fill", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
