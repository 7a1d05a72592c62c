"""A fitted headline scorer: which sentence of a cluster best states the event.

:func:`sentence_features` describes every sentence of a cluster by signals that hold on
news the scorer never saw: its position in its article, how many other outlets state
the same thing (cross-outlet consensus), how much of the articles' titles it covers,
its similarity to the cluster's centroid, its length, its numbers and names, the
default extractor's coverage gain, and whether it opens in a way that points back.
Values are made relative to the cluster (a gain over the cluster's best gain), so
the model compares sentences within an event rather than events with each other.

The model is fitted by ``bench/fit_scorer.py`` on train.jsonl (target: each
sentence's ROUGE-1 + ROUGE-2 F1 against the event's reference, divided by the best
candidate's of its event) and shipped as JSON beside this module: a ridge regression's
coefficients, or a gradient-boosted ensemble's split features, thresholds and leaf
values, evaluated here with numpy, so running it needs neither scikit-learn nor a
pickle. Cross-validation chose the ridge model, and its penalty by an inner
cross-validation over the training events (see docs/benchmarks.md).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from newsbrief.summarize.features import Cluster
from newsbrief.text import content_terms

__all__ = [
    "FEATURES",
    "FILL_FEATURES",
    "HeadlineScorer",
    "fill_features",
    "load_scorer",
    "sentence_features",
]

MODEL_FILE = "headline_model.json"


FEATURES = (
    "gain_share",  # default gain / best gain of the cluster
    "gain_rank",  # rank of the gain within the cluster, 0 = best, scaled to 0..1
    "position",  # sentence position in its article (0 = lead)
    "inverse_position",  # 1 / (1 + position)
    "lead",  # position 0
    "words",  # words of the shown (compressed) text
    "consensus",  # share of other outlet groups with a sentence similar to it (>= 0.3)
    "support",  # mean best similarity to the other outlet groups
    "title_cover",  # share of the titles' content terms it uses
    "centroid",  # cosine to the cluster's centroid
    "numbers",  # numbers in it
    "names",  # capitalized words not at the start, per word
    "quote",  # it holds a quotation mark
    "points_back",  # it opens with a word that needs earlier context
    "faults",  # copy-editing faults of its shown text
    "article_share",  # its article's share of the cluster's sentences
)

#: what describes a shortened sentence that could fill a brief after its headline: the
#: sentence's own :data:`FEATURES`, then these (the candidate is one variant of it)
FILL_EXTRA = (
    "relevance",  # the headline scorer's score of the sentence, over the cluster's best
    "novelty",  # share of the variant's term weight not yet covered by the brief
    "new_cover",  # the variant's not-yet-covered weight, over the best sentence gain
    "variant_words",  # words of the variant
    "fills",  # variant words / words left in the budget
    "kept",  # variant words / words of the sentence as shown
    "whole",  # the variant is the sentence as shown
    "overlap",  # highest similarity of the sentence to one already in the brief
)
FILL_FEATURES = FEATURES + FILL_EXTRA

# a number, r"\b\d[\d,.]*\b", and a capitalized word after white space, r"(?<=\s)[A-Z][a-z]+",
# each written to open with the character it finds (speed: the engine then skips to it;
# the same matches, the look-behind testing what the boundary tested)
_NUMBER = re.compile(r"\d(?<!\w\d)[\d,.]*\b")
_NAME = re.compile(r"[A-Z](?<=\s[A-Z])[a-z]+")


def sentence_features(
    cluster: Cluster, gains: np.ndarray, texts: list[str], faults: bool = True
) -> np.ndarray:
    """The ``len(FEATURES)`` columns for every sentence of ``cluster`` (rows = sentences).

    With ``faults=False`` the "faults" column is left 0 (speed: counting every sentence's
    faults is a tenth of a summary); the rows of sentences without a fault are then the
    same, and so are their scores.
    """
    n = cluster.size
    x = np.zeros((n, len(FEATURES)), dtype=np.float64)
    if n == 0:
        return x
    best = float(gains.max()) if gains.max() > 0 else 1.0
    order = np.argsort(-gains, kind="stable")
    rank = np.empty(n)
    rank[order] = np.arange(n) / max(n - 1, 1)
    pos = np.array([s.position for s in cluster.sentences], dtype=np.float64)

    groups = cluster.group_of
    own_group = groups[cluster.article_of]
    distinct = np.unique(groups)
    sim = cluster.article_similarity  # [sentence, article]
    if len(distinct) == len(groups):  # no copies: each group is one article (speed)
        group_best = sim[:, np.argsort(groups, kind="stable")]
    else:
        group_best = np.stack([sim[:, groups == g].max(axis=1) for g in distinct], axis=1)
    other = own_group[:, None] != distinct[None, :]
    n_other = np.maximum(other.sum(axis=1), 1)
    consensus = ((group_best >= 0.3) & other).sum(axis=1) / n_other
    support = (group_best * other).sum(axis=1) / n_other

    title_terms = {t for a in cluster.articles if a.title for t in content_terms(a.title)}
    title_idx = [cluster.vocabulary[t] for t in title_terms if t in cluster.vocabulary]
    presence = cluster.vectors.copy().tocsr()
    presence.data = np.ones_like(presence.data)
    if title_idx:
        title_cover = np.asarray(presence[:, title_idx].sum(axis=1)).ravel() / len(title_idx)
    else:
        title_cover = np.zeros(n)

    centre = np.asarray(cluster.vectors.mean(axis=0)).ravel()
    norm = float(np.linalg.norm(centre)) or 1.0
    centroid = np.asarray(cluster.vectors @ (centre / norm)).ravel()

    counts = np.bincount(cluster.article_of, minlength=len(cluster.articles))
    # column by column (speed: the same values as filling the rows one at a time)
    if texts is cluster.__dict__.get("short"):  # their word counts are known (speed)
        words = np.maximum(cluster.short_words, 1)
    else:
        words = np.array([max(len(t.split()), 1) for t in texts], dtype=np.int64)
    x[:, 0] = gains / best
    x[:, 1] = rank
    x[:, 2] = pos
    x[:, 3] = 1.0 / (1.0 + pos)
    x[:, 4] = pos == 0
    x[:, 5] = words
    x[:, 6] = consensus
    x[:, 7] = support
    x[:, 8] = title_cover
    x[:, 9] = centroid
    x[:, 10] = [len(_NUMBER.findall(t)) for t in texts]
    x[:, 11] = np.array([len(_NAME.findall(t)) for t in texts], dtype=np.int64) / words
    x[:, 12] = ['"' in t or "“" in t or "”" in t for t in texts]  # any(q in t for q in '"“”')
    x[:, 13] = cluster.dangling
    if faults:
        x[:, 14] = [len(cluster.faults(t)) for t in texts]
    x[:, 15] = counts[cluster.article_of] / n
    return x


def fill_features(
    rows: np.ndarray,
    relevance: np.ndarray,
    novelty: np.ndarray,
    new_cover: np.ndarray,
    words: np.ndarray,
    left: int,
    full_words: np.ndarray,
    overlap: np.ndarray,
) -> np.ndarray:
    """:data:`FILL_FEATURES` of fill candidates: ``rows`` are their sentences' feature rows
    (:func:`sentence_features`), the other arrays one value per candidate."""
    words = words.astype(np.float64)
    extra = np.column_stack(
        [
            relevance,
            novelty,
            new_cover,
            words,
            words / max(left, 1),
            words / np.maximum(full_words, 1),
            (words == full_words).astype(np.float64),
            overlap,
        ]
    )
    return np.hstack([rows, extra])


@dataclass(frozen=True)
class HeadlineScorer:
    """A linear model or gradient-boosted regression trees read from JSON (module docstring)."""

    init: float
    rate: float
    trees: tuple[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray], ...]
    features: tuple[str, ...]
    coef: np.ndarray | None = None  # a linear model: init + x @ coef

    @classmethod
    def from_dict(
        cls, data: dict[str, Any], features: tuple[str, ...] = FEATURES
    ) -> HeadlineScorer:
        if tuple(data["features"]) != features:
            raise ValueError("the model was fitted on other features")
        if data.get("kind") == "linear":
            coef = np.asarray(data["coef"], dtype=np.float64)
            return cls(float(data["init"]), 1.0, (), tuple(data["features"]), coef)
        trees = tuple(
            (
                np.asarray(t["feature"], dtype=np.int64),
                np.asarray(t["threshold"], dtype=np.float64),
                np.asarray(t["left"], dtype=np.int64),
                np.asarray(t["right"], dtype=np.int64),
                np.asarray(t["value"], dtype=np.float64),
            )
            for t in data["trees"]
        )
        return cls(float(data["init"]), float(data["rate"]), trees, tuple(data["features"]))

    def predict_rows(self, x: np.ndarray) -> np.ndarray:
        """The model's score of every row of a feature matrix."""
        out = np.full(len(x), self.init)
        if self.coef is not None:
            return out + x @ self.coef
        rows = np.arange(len(x))
        for feature, threshold, left, right, value in self.trees:
            node = np.zeros(len(x), dtype=np.int64)
            while True:
                inner = left[node] >= 0
                if not inner.any():
                    break
                f = feature[node[inner]]
                go_left = x[rows[inner], f] <= threshold[node[inner]]
                node[inner] = np.where(go_left, left[node[inner]], right[node[inner]])
            out += self.rate * value[node]
        return out

    def predict(self, cluster: Cluster, gains: np.ndarray, texts: list[str]) -> np.ndarray:
        """Scores of the sentences of ``cluster`` shown as ``texts``, given the default gains."""
        return self.predict_rows(sentence_features(cluster, gains, texts))


@lru_cache(maxsize=1)
def load_scorer() -> HeadlineScorer | None:
    """The shipped headline model, or None when the package has none."""
    try:
        text = resources.files("newsbrief.summarize").joinpath(MODEL_FILE).read_text("utf-8")
    except (FileNotFoundError, OSError):
        return None
    return HeadlineScorer.from_dict(json.loads(text))
