"""newsbrief's default extractor: cover what the outlets agree on, in few words.

Each content term (a stemmed non-stopword) gets a weight from two signals that need
no training data:

- consensus: the share of outlet groups (syndicated copies collapsed into one group)
  whose articles use the term, raised to ``consensus_power``, so what every outlet
  reports outweighs what one outlet adds;
- titles: the share of article titles using the term, raised to ``title_power`` and
  scaled by ``title``, since a title is its editor's own summary.

Sentences are then chosen greedily, as in budgeted submodular coverage: each step
takes the sentence whose not-yet-covered term weight per word (words raised to
``length_power``) is highest, with a bonus for sentences early in their article
(``lead``). A term counts once, so a sentence that repeats what is already chosen
gains little, and a sentence whose similarity to a chosen one exceeds
``Settings.redundancy_threshold`` is never taken: the redundancy control of longer
briefs.

The brief (:meth:`Newsbrief.shown`, what ``newsbrief eval`` scores) is the headline
(:meth:`Newsbrief.headline`, chosen by the fitted headline scorer); within the first 40
words nothing follows it, and past 40 words whole sentences by the greedy coverage
above. Filling the words a headline leaves under 40 lost ROUGE on held-out folds
(docs/benchmarks.md, scorer): the options ``fill="model"`` (sentences shortened by
deletion, :func:`newsbrief.compress.shorter`, each taken only while a fitted fill model
predicts it adds; ``bench/fit_fill.py``), ``fill="coverage"`` (the same candidates by
uncovered term weight) and ``fill="whole"`` (whole sentences for every word left) keep
those variants measurable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from newsbrief.summarize import readable
from newsbrief.summarize.base import Extractor, reading_order
from newsbrief.summarize.features import Cluster
from newsbrief.summarize.scorer import (
    FILL_FEATURES,
    HeadlineScorer,
    fill_features,
    load_scorer,
    sentence_features,
)
from newsbrief.text import content_terms

#: what follows the headline within the first 40 words (:meth:`Newsbrief.shown`)
FILLS = ("none", "model", "coverage", "whole")


class Newsbrief(Extractor):
    """The default multi-document extractor (see the module docstring)."""

    name = "newsbrief"
    scores_brief = True

    def __init__(
        self,
        consensus_power: float = 2.0,
        title: float = 1.0,
        title_power: float = 2.0,
        length_power: float = 0.6,
        lead: float = 0.25,
        dangling: float = 0.5,
        compress: bool = True,
        scorer: HeadlineScorer | None | str = "default",
        budget_fill: bool = True,
        fill: str = "none",
        fill_candidates: int = 40,
        fill_model: HeadlineScorer | None = None,
        fill_threshold: float = 0.0,
    ) -> None:
        self.consensus_power = consensus_power
        self.title = title
        self.title_power = title_power
        self.length_power = length_power
        self.lead = lead
        self.dangling = dangling
        self.compresses = compress
        self.scorer = load_scorer() if scorer == "default" else scorer
        self.budget_fill = budget_fill
        if fill not in FILLS:
            raise ValueError(f"fill must be one of {', '.join(FILLS)}, got {fill!r}")
        if fill == "model" and fill_model is None:
            raise ValueError("fill='model' needs a fill_model (bench/fit_fill.py fits one)")
        self.fill = fill
        self.fill_candidates = fill_candidates
        self.fill_model = fill_model if fill == "model" else None
        self.fill_threshold = fill_threshold

    def __repr__(self) -> str:
        return (
            f"Newsbrief(consensus_power={self.consensus_power}, title={self.title}, "
            f"title_power={self.title_power}, length_power={self.length_power}, lead={self.lead}, "
            f"dangling={self.dangling}, compress={self.compresses}, "
            f"scorer={'fitted' if self.scorer is not None else None}, "
            f"budget_fill={self.budget_fill}, fill={self.fill!r})"
        )

    def term_weights(self, cluster: Cluster) -> np.ndarray:
        """Weight of every vocabulary term: consensus across outlets plus title use."""
        n_terms = len(cluster.vocabulary)
        if cluster.size == 0 or n_terms == 0:
            return np.zeros(n_terms)
        presence = _presence(cluster)
        groups = cluster.group_of[cluster.article_of]
        _, group_index = np.unique(groups, return_inverse=True)
        n_groups = int(group_index.max()) + 1
        member = sparse.csr_matrix(
            (np.ones(cluster.size), (group_index, np.arange(cluster.size))),
            shape=(n_groups, cluster.size),
        )
        used = (member @ presence) > 0
        share = np.asarray(used.sum(axis=0)).ravel() / n_groups
        weights = share**self.consensus_power

        titles = {a.title for a in cluster.articles if a.title}
        if titles and self.title:
            counts = np.zeros(n_terms)
            for title in titles:
                for j in {cluster.vocabulary.get(t) for t in content_terms(title)} - {None}:
                    counts[j] += 1
            weights = weights + self.title * (counts / len(titles)) ** self.title_power
        return weights

    def _state(self) -> tuple[tuple[str, object], ...]:
        """The extractor's parameters (its scorer and fill model by identity)."""
        return tuple(
            (k, id(v) if k in ("scorer", "fill_model") else v)
            for k, v in sorted(vars(self).items())
        )

    def _gains_setup(self, cluster: Cluster) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
        """Presence matrix, gain factor and term weights; worked out once per cluster and
        extractor parameters (the headline and the brief both ask; no caller changes them)."""
        key = ("setup", id(self))
        state = self._state()
        memo = cluster.headlines.get(key)
        if memo is not None and memo[0] is self and memo[1] == state:
            return memo[2]
        got = self._new_setup(cluster)
        cluster.headlines[key] = (self, state, got)
        return got

    def _new_setup(self, cluster: Cluster) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
        presence = _presence(cluster)
        pos = np.array([s.position for s in cluster.sentences], dtype=np.float64)
        # the length prior reads the sentence as its article has it: compression only
        # trims what the brief shows, it does not make a sentence more salient
        length = np.maximum(cluster.words, 1)
        factor = (1.0 + self.lead / (1.0 + pos)) / length**self.length_power
        factor[cluster.dangling & (pos > 0)] *= self.dangling
        return presence, factor, self.term_weights(cluster)

    def _greedy(
        self,
        cluster: Cluster,
        words: int | None,
        setup: tuple[sparse.csr_matrix, np.ndarray, np.ndarray] | None = None,
        after: Sequence[int] = (),
    ) -> list[int]:
        """Greedy budgeted coverage; ``words=None`` ranks without a budget.

        ``setup`` is :meth:`_gains_setup`'s result when the caller already has it.
        ``after`` are sentences already taken (the headline): their terms count as
        covered, sentences too similar to them are never taken, and they are not
        returned; ``words`` is then the budget left after them.
        """
        setup = setup or self._gains_setup(cluster)
        presence, factor, weights = setup
        open_ = cluster.eligible().copy()
        length = self.lengths(cluster)
        remaining = weights.copy()
        budget = words if words is not None else 10**9
        if after:
            # after the headline: only sentences that also read well on their own
            open_ &= self.fill_ok(cluster)
        for i in after:
            _take(cluster, presence, open_, remaining, i)
        chosen: list[int] = []
        used = 0
        while True:
            fits = open_ & (length <= budget - used)
            if not fits.any():
                break
            gains = (presence @ remaining) * factor
            gains[~fits] = -1.0
            best = int(np.argmax(gains))
            if gains[best] <= 0 and (chosen or after):
                break
            chosen.append(best)
            used += int(length[best])
            _take(cluster, presence, open_, remaining, best)
            if words is None and used >= 400:
                break
        if not chosen and not after and words is not None:
            # nothing fits the budget: the best sentence alone, never a cut one
            chosen = self._greedy(cluster, None, setup)[:1]
        return chosen

    def _budget_fill(
        self,
        cluster: Cluster,
        setup: tuple[sparse.csr_matrix, np.ndarray, np.ndarray],
        after: list[int],
        words: int,
    ) -> list[int]:
        """Sentences after ``after`` for the ``words`` words left, judged by what fits.

        As :meth:`_greedy`, except that a sentence longer than the words left counts
        only its first words (what a budget-cut text keeps), and the length prior
        reads those words: the fill covers the most not-yet-covered weight per word
        that will actually be read.
        """
        presence, factor, weights = setup
        open_ = cluster.eligible() & self.fill_ok(cluster)
        remaining = weights.copy()
        for i in after:
            _take(cluster, presence, open_, remaining, i)
        texts = self.texts(cluster)
        length = self.lengths(cluster)
        # the gain factor without its length prior: lead bonus and dangling penalty
        prior = factor * np.maximum(cluster.words, 1) ** self.length_power
        vocab = cluster.vocabulary
        chosen: list[int] = []
        while words > 0 and open_.any():
            whole = open_ & (length <= words)
            gains = np.where(whole, (presence @ remaining) * factor, -1.0)
            for i in np.flatnonzero(open_ & ~whole):
                head = texts[i].split()[:words]
                terms = {vocab.get(t) for t in content_terms(" ".join(head))} - {None}
                cover = sum(remaining[j] for j in terms)
                gains[i] = cover * prior[i] / len(head) ** self.length_power
            best = int(np.argmax(gains))
            if gains[best] <= 0:
                break
            chosen.append(best)
            words -= int(length[best])
            _take(cluster, presence, open_, remaining, best)
        return chosen

    def fill_ok(self, cluster: Cluster) -> np.ndarray:
        """Mask of sentences a brief may show after its headline.

        The headline's rules apply sentence by sentence, save its length: no dateline,
        unbalanced quote, doubled punctuation, relative day word, glued junk or page
        furniture, and no opener that points back to a sentence the brief lacks.
        """
        texts = self.texts(cluster)
        return np.array(
            [not [f for f in cluster.faults(t) if f != "over 40 words"] for t in texts],
            dtype=bool,
        )

    def headline_scores(
        self,
        cluster: Cluster,
        setup: tuple[sparse.csr_matrix, np.ndarray, np.ndarray] | None = None,
        faults: bool = True,
    ) -> np.ndarray:
        """How good each sentence is as the headline (higher is better).

        Untrained default: the greedy pass's first-step gain (covered term weight per
        word, with the lead bonus). A fitted scorer (:mod:`newsbrief.summarize.scorer`)
        replaces it when the extractor is built with one. ``faults=False``: the scorer
        reads every sentence as fault-free, so only the scores of sentences without a
        fault are right (see :func:`scorer.sentence_features`).
        """
        setup = setup or self._gains_setup(cluster)
        presence, factor, weights = setup
        gains = np.asarray(presence @ weights).ravel() * factor
        if self.scorer is not None and cluster.size:
            return self.scorer.predict_rows(self.feature_rows(cluster, gains, faults))
        return gains

    def feature_rows(self, cluster: Cluster, gains: np.ndarray, faults: bool = True) -> np.ndarray:
        """:func:`scorer.sentence_features` of the cluster's sentences, worked out once per
        cluster and extractor (the headline and the fill both read them)."""
        key = ("rows" if faults else "rows without faults", id(self))
        memo = cluster.headlines.get(key)
        if memo is not None and memo[0] is self and np.array_equal(memo[1], gains):
            return memo[2]
        rows = sentence_features(cluster, gains, self.texts(cluster), faults)
        cluster.headlines[key] = (self, gains, rows)
        return rows

    def headline(
        self,
        cluster: Cluster,
        setup: tuple[sparse.csr_matrix, np.ndarray, np.ndarray] | None = None,
    ) -> int | None:
        """Index of the headline sentence: the best one that reads as a headline.

        Candidates are eligible sentences whose shown text (compressed) has at most
        ``min(headline_words, 40)`` words and none of :func:`readable.faults`; when no
        sentence passes, the best eligible one within the length, then the best
        eligible one. None for a cluster without an eligible sentence.
        """
        # summarize_articles asks for the headline, then select asks again: the second
        # time is answered from the cluster (the same extractor, scorer and parameters)
        state = self._state()
        memo = cluster.headlines.get(id(self))
        if memo is not None and memo[0] is self and memo[1] == state:
            return memo[2]
        got = self._headline(cluster, setup)
        cluster.headlines[id(self)] = (self, state, got)
        return got

    def _headline(
        self,
        cluster: Cluster,
        setup: tuple[sparse.csr_matrix, np.ndarray, np.ndarray] | None,
    ) -> int | None:
        eligible = cluster.eligible()
        if not eligible.any():
            return None
        texts = self.texts(cluster)
        limit = min(cluster.settings.headline_words, readable.MAX_HEADLINE_WORDS)
        fits = eligible & (self.lengths(cluster) <= limit)
        # the best fault-free sentence that fits: a sentence without a fault scores the
        # same whether or not the others' faults are counted, so the scores leave them
        # out (speed: faults are then worked out only for the best few sentences)
        if fits.any():
            scores = self.headline_scores(cluster, setup, faults=False)
            for i in np.argsort(-scores, kind="stable"):
                if fits[i] and not cluster.faults(texts[i]):
                    return int(i)
        scores = self.headline_scores(cluster, setup)
        order = np.argsort(-scores, kind="stable")
        pool = fits if fits.any() else eligible
        return int(next(i for i in order if pool[i]))

    def rank(self, cluster: Cluster) -> list[int]:
        """The headline, what fills the budget after it, greedy coverage, then the rest.

        Evaluation reads the ranking's text up to ``Settings.words`` words, cutting the
        last sentence it reaches, so the sentences after the headline are chosen for the
        words of theirs that fit (:meth:`_budget_fill`); past the budget, greedy
        coverage without one, then the remaining sentences by first-step gain.
        """
        setup = self._gains_setup(cluster)
        head = self.headline(cluster, setup)
        if head is None:
            return []
        order = [head]
        left = cluster.settings.words - int(self.lengths(cluster)[head])
        if left > 0 and self.budget_fill:
            order += self._budget_fill(cluster, setup, order, left)
        order += self._greedy(cluster, None, setup, after=order)
        presence, factor, weights = setup
        gains = (presence @ weights) * factor
        seen = set(order)
        rest = [int(i) for i in np.argsort(-gains, kind="stable") if int(i) not in seen]
        return order + rest

    def select(self, cluster: Cluster, words: int) -> list[int]:
        """The headline sentence first, then what fits after it, in reading order."""
        return [i for i, _ in self.shown(cluster, words)]

    def shown(self, cluster: Cluster, words: int) -> list[tuple[int, str]]:
        """The brief at ``words`` words: (sentence, the text shown for it), in reading order.

        The headline; within the first 40 words (:data:`readable.MAX_HEADLINE_WORDS`,
        a short brief) nothing else by default (``fill="none"``), so a short brief is its
        headline alone; a longer budget is then filled by whole sentences (greedy
        coverage). With ``fill="model"`` or ``"coverage"``, :meth:`_fill` first adds
        sentences shortened by deletion to fit the first 40 words
        (:func:`newsbrief.compress.shorter`); with ``fill="whole"`` every word left is
        filled by greedy coverage.
        """
        if type(self).select is not Newsbrief.select:
            return super().shown(cluster, words)  # a subclass chooses its own sentences
        setup = self._gains_setup(cluster)
        head = self.headline(cluster, setup)
        if head is None:
            return []
        texts = self.texts(cluster)
        picked = {head: texts[head]}
        used = int(self.lengths(cluster)[head])
        more_from = used
        if self.fill != "whole":
            more_from = max(used, readable.MAX_HEADLINE_WORDS)
        if self.fill in ("model", "coverage"):
            short = min(words, readable.MAX_HEADLINE_WORDS) - used
            if short > 0:
                picked.update(self._fill(cluster, setup, [head], short))
                used = sum(len(t.split()) for t in picked.values())
                more_from = max(used, readable.MAX_HEADLINE_WORDS)
        if words > more_from:
            more = self._greedy(cluster, words - used, setup, after=list(picked))
            picked.update((i, texts[i]) for i in more)
        return [(i, picked[i]) for i in reading_order(cluster, list(picked))]

    def _fill(
        self,
        cluster: Cluster,
        setup: tuple[sparse.csr_matrix, np.ndarray, np.ndarray],
        after: list[int],
        words: int,
    ) -> dict[int, str]:
        """Sentences for the ``words`` words left after ``after``, each shortened to fit.

        Each step weighs the candidates of :meth:`fill_options` (every variant of the
        most relevant sentences that fits the words left and reads well on its own) and
        takes the best: by the fill model (``fill="model"``; ``bench/fit_fill.py`` fits
        one that predicts what a candidate adds to the brief's ROUGE against the
        reference), else by not-yet-covered term weight per word (the length prior read
        on the variant's words). Only the variant's own terms then count as covered.
        """
        presence, factor, weights = setup
        state = self.fill_state(cluster, setup, after)
        chosen: dict[int, str] = {}
        while words >= cluster.settings.min_sentence_words:
            options, feats = self.fill_options(cluster, setup, state, words)
            if not options:
                break
            if self.fill_model is not None:
                score = self.fill_model.predict_rows(feats)
                if float(score.max()) <= self.fill_threshold:
                    break  # no candidate is predicted to add to the brief: it stays shorter
            else:
                prior = factor * np.maximum(cluster.words, 1) ** self.length_power
                score = np.array(
                    [
                        float(state.remaining[t].sum()) * prior[i] / n**self.length_power
                        for i, _, n, t in options
                    ]
                )
            i, text, n, terms = options[int(np.argmax(score))]
            chosen[i] = text
            words -= n
            state.take(cluster, i, terms)
        return chosen

    def fill_state(
        self,
        cluster: Cluster,
        setup: tuple[sparse.csr_matrix, np.ndarray, np.ndarray],
        after: list[int],
    ) -> FillState:
        """What a fill starts from: ``after`` taken, every sentence's features and relevance."""
        presence, factor, weights = setup
        gains = np.asarray(presence @ weights).ravel() * factor
        rows = self.feature_rows(cluster, gains)
        relevance = self.scorer.predict_rows(rows) if self.scorer is not None else gains
        relevance = relevance / max(float(relevance.max()), 1e-9)
        state = FillState(
            open_=cluster.eligible().copy(),
            remaining=weights.copy(),
            rows=rows,
            relevance=relevance,
            scale=max(float(gains.max()), 1e-9),
            taken=[],
        )
        for i in after:
            state.take(cluster, i, presence[i].indices)
        return state

    def fill_options(
        self,
        cluster: Cluster,
        setup: tuple[sparse.csr_matrix, np.ndarray, np.ndarray],
        state: FillState,
        words: int,
    ) -> tuple[list[tuple[int, str, int, np.ndarray]], np.ndarray]:
        """Candidates (sentence, text, words, term ids) that fit ``words`` and their
        :data:`scorer.FILL_FEATURES`: every fault-free variant of the
        ``fill_candidates`` most relevant open sentences."""
        presence, _factor, weights = setup
        texts = self.texts(cluster)
        pool = np.where(state.open_, state.relevance, -np.inf)
        options: list[tuple[int, str, int, np.ndarray]] = []
        for i in np.argsort(-pool, kind="stable")[: self.fill_candidates]:
            if not np.isfinite(pool[i]):
                break
            for text, n, terms in cluster.variants(int(i), texts[i]):
                if n <= words and not _fill_faults(cluster, text):
                    options.append((int(i), text, n, terms))
        if not options:
            return [], np.zeros((0, len(FILL_FEATURES)))
        idx = np.array([o[0] for o in options])
        total = np.array([float(weights[o[3]].sum()) for o in options])
        new = np.array([float(state.remaining[o[3]].sum()) for o in options])
        overlap = (
            cluster.similarity[np.ix_(idx, state.taken)].max(axis=1)
            if state.taken
            else np.zeros(len(idx))
        )
        feats = fill_features(
            state.rows[idx],
            state.relevance[idx],
            new / np.maximum(total, 1e-9),
            new / state.scale,
            np.array([o[2] for o in options]),
            words,
            self.lengths(cluster)[idx],
            overlap,
        )
        return options, feats


@dataclass
class FillState:
    """Where a fill stands: open sentences, uncovered term weight, what is taken."""

    open_: np.ndarray
    remaining: np.ndarray
    rows: np.ndarray  # sentence_features of every sentence
    relevance: np.ndarray  # the headline scorer's score, over the cluster's best
    scale: float  # the cluster's best first-step gain
    taken: list[int]

    def take(self, cluster: Cluster, i: int, terms: np.ndarray) -> None:
        """Sentence ``i`` is in the brief, covering ``terms``; it and its near repeats close."""
        self.open_[i] = False
        self.open_ &= cluster.similarity[i] <= cluster.settings.redundancy_threshold
        self.remaining[terms] = 0.0
        self.taken.append(i)


_CONTEXT_OPENERS = frozenset(
    "he she it they this these those that his her its their him them there such "
    "but however also meanwhile still yet instead then thus so and or nor elsewhere "
    "additionally moreover furthermore besides nevertheless nonetheless therefore hence "
    "likewise similarly otherwise".split()
)


def _take(
    cluster: Cluster,
    presence: sparse.csr_matrix,
    open_: np.ndarray,
    remaining: np.ndarray,
    i: int,
) -> None:
    """Sentence ``i`` is taken: its terms count as covered, and neither it nor a sentence
    too similar to it (which would repeat it) can be taken again (in place)."""
    open_[i] = False
    open_ &= cluster.similarity[i] <= cluster.settings.redundancy_threshold
    remaining[presence[i].indices] = 0.0


def _fill_faults(cluster: Cluster, text: str) -> list[str]:
    """The faults of ``text`` as a sentence after the headline (its length aside)."""
    return [f for f in cluster.faults(text) if f != "over 40 words"]


def needs_context(text: str) -> bool:
    """True when a sentence opens with a pronoun or connective that points back.

    "He said ...", "They were ...", "But the ...", "However, ...": out of its article
    such a sentence dangles, so it should not open a brief.
    """
    first = text.lstrip("\"'“‘(").split(maxsplit=1)
    return bool(first) and first[0].rstrip(",;:").lower() in _CONTEXT_OPENERS


def _presence(cluster: Cluster) -> sparse.csr_matrix:
    """Binary sentence x term matrix."""
    p = cluster.vectors.copy().tocsr()
    p.data = np.ones_like(p.data)
    return p
