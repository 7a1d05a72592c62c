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
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

from newsbrief.summarize import readable
from newsbrief.summarize.base import Extractor, reading_order
from newsbrief.summarize.features import Cluster
from newsbrief.summarize.scorer import HeadlineScorer, load_scorer
from newsbrief.text import content_terms


class Newsbrief(Extractor):
    """The default multi-document extractor (see the module docstring)."""

    name = "newsbrief"

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

    def __repr__(self) -> str:
        return (
            f"Newsbrief(consensus_power={self.consensus_power}, title={self.title}, "
            f"title_power={self.title_power}, length_power={self.length_power}, lead={self.lead}, "
            f"dangling={self.dangling}, compress={self.compresses}, "
            f"scorer={'fitted' if self.scorer is not None else None}, "
            f"budget_fill={self.budget_fill})"
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

    def _gains_setup(self, cluster: Cluster) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
        presence = _presence(cluster)
        pos = np.array([s.position for s in cluster.sentences], dtype=np.float64)
        # the length prior reads the sentence as its article has it: compression only
        # trims what the brief shows, it does not make a sentence more salient
        length = np.maximum(cluster.words, 1)
        factor = (1.0 + self.lead / (1.0 + pos)) / length**self.length_power
        dangling = np.array([needs_context(s.text) for s in cluster.sentences], dtype=bool)
        factor[dangling & (pos > 0)] *= self.dangling
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
    ) -> np.ndarray:
        """How good each sentence is as the headline (higher is better).

        Untrained default: the greedy pass's first-step gain (covered term weight per
        word, with the lead bonus). A fitted scorer (:mod:`newsbrief.summarize.scorer`)
        replaces it when the extractor is built with one.
        """
        setup = setup or self._gains_setup(cluster)
        presence, factor, weights = setup
        gains = np.asarray(presence @ weights).ravel() * factor
        if self.scorer is not None and cluster.size:
            return self.scorer.predict(cluster, gains, self.texts(cluster))
        return gains

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
        state = tuple((k, id(v) if k == "scorer" else v) for k, v in sorted(vars(self).items()))
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
        scores = self.headline_scores(cluster, setup)
        texts = self.texts(cluster)
        limit = min(cluster.settings.headline_words, readable.MAX_HEADLINE_WORDS)
        fits = eligible & (self.lengths(cluster) <= limit)
        order = np.argsort(-scores, kind="stable")
        for i in order:
            if fits[i] and not cluster.faults(texts[i]):
                return int(i)
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
        setup = self._gains_setup(cluster)
        head = self.headline(cluster, setup)
        if head is None:
            return []
        left = words - int(self.lengths(cluster)[head])
        rest = self._greedy(cluster, left, setup, after=[head]) if left > 0 else []
        return reading_order(cluster, [head, *rest])


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
