"""The one interface every extractor shares, and the greedy selection under a word budget."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from newsbrief.summarize.features import Cluster


class Extractor:
    """Picks sentences of a :class:`Cluster` under a word budget.

    Subclasses implement :meth:`select`, returning sentence indices in the order they
    should be read. The default summarizer, every baseline and the oracle share this
    call, so any of them can make a brief or be evaluated.
    """

    name = "extractor"
    #: whether the brief shows sentences compressed (:attr:`Cluster.short`)
    compresses = False
    #: whether evaluation scores the brief the user sees (:meth:`shown`) rather than the
    #: ranking cut to the budget (the WCEP protocol every baseline and peer is scored by)
    scores_brief = False

    def select(self, cluster: Cluster, words: int) -> list[int]:  # pragma: no cover
        raise NotImplementedError

    def shown(self, cluster: Cluster, words: int) -> list[tuple[int, str]]:
        """The brief at ``words`` words: (sentence, the text shown for it), in reading order.

        By default :meth:`select`'s sentences as :meth:`texts` shows them.
        """
        texts = self.texts(cluster)
        return [(i, texts[i]) for i in self.select(cluster, words)]

    def headline(self, cluster: Cluster) -> int | None:
        """The sentence a brief's headline shows: by default the first one :meth:`select` picks."""
        chosen = self.select(cluster, min(cluster.settings.headline_words, 40))
        return chosen[0] if chosen else None

    def rank(self, cluster: Cluster) -> list[int]:
        """Sentence indices best first (evaluation fills a budget from this order).

        The default ranks by :meth:`select` with an unlimited budget.
        """
        return self.select(cluster, 10**9)

    def texts(self, cluster: Cluster) -> list[str]:
        """The text a brief shows for each sentence: compressed or as in its article."""
        return cluster.short if self.compresses else [s.text for s in cluster.sentences]

    def lengths(self, cluster: Cluster) -> np.ndarray:
        """Word count of each sentence as :meth:`texts` shows it."""
        return cluster.short_words if self.compresses else cluster.words

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


def greedy_fill(
    cluster: Cluster,
    ranked: Iterable[int],
    words: int,
    redundancy: float | None = None,
) -> list[int]:
    """Take sentences in ``ranked`` order while they fit the budget (whole sentences only).

    Ineligible sentences (too short, too long, incomplete) are skipped, and so is a
    sentence whose similarity to one already taken exceeds ``redundancy``. When not
    even the first eligible sentence fits, it is taken alone, so a brief is never
    empty while the cluster has an eligible sentence.
    """
    eligible = cluster.eligible()
    taken: list[int] = []
    used = 0
    first: int | None = None
    sim = cluster.similarity if redundancy is not None else None
    for i in ranked:
        if not eligible[i]:
            continue
        if first is None:
            first = i
        w = int(cluster.words[i])
        if used + w > words:
            continue
        if sim is not None and taken and float(np.max(sim[i, taken])) > redundancy:
            continue
        taken.append(i)
        used += w
        if words - used < cluster.settings.min_sentence_words:
            break
    if not taken and first is not None:
        taken.append(first)
    return taken


def reading_order(cluster: Cluster, chosen: Sequence[int]) -> list[int]:
    """Order chosen sentences (given best first) as a reader expects.

    The best sentence leads, as the top of a news story does; the others follow by
    article date, then article, then position in the article.
    """
    if not chosen:
        return []
    far = 10**9

    def key(i: int) -> tuple[int, int, int]:
        a = cluster.articles[int(cluster.article_of[i])]
        day = a.published.toordinal() if a.published else far
        return (day, int(cluster.article_of[i]), cluster.sentences[i].position)

    return [chosen[0], *sorted(chosen[1:], key=key)]
