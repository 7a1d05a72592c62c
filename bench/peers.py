"""sumy's summarizers as newsbrief extractors, over the same sentences as every system.

sumy normally splits text with NLTK's punkt, whose data cannot be downloaded here.
Instead each peer builds sumy's document from the sentences of our
:class:`~newsbrief.summarize.Cluster` (one sumy paragraph per article, one sumy
sentence per cluster sentence), with :class:`ClusterTokenizer` handing sumy our
splits and word tokens. A peer's ranking is the order of sumy's own sentence ratings
(best first, ties in document order), so the evaluation fills the same budget from
it as for every other system. Stemming (Snowball) and stop words (English) are
sumy's own.

Importing this module needs sumy (``pip install -r bench/requirements.txt``);
:func:`register_peers` adds the peers to :mod:`newsbrief.summarize.systems`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from newsbrief.summarize import systems
from newsbrief.summarize.baselines import Ranker
from newsbrief.summarize.features import Cluster
from newsbrief.text import split_sentences

LANGUAGE = "english"
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


class ClusterTokenizer:
    """A sumy tokenizer that needs no NLTK data: our sentence splitter and a word regex."""

    language = LANGUAGE

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        """Sentences of a paragraph, split as newsbrief splits them."""
        return tuple(split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """Word tokens of a sentence (letters and digits, inner apostrophes kept)."""
        return tuple(_WORD.findall(sentence))


def document_from_cluster(cluster: Cluster, tokenizer: ClusterTokenizer) -> ObjectDocumentModel:
    """sumy's document for a cluster: a paragraph per article, our sentences in order."""
    paragraphs: dict[int, list[SumySentence]] = {}
    for i, s in enumerate(cluster.sentences):
        a = int(cluster.article_of[i])
        paragraphs.setdefault(a, []).append(SumySentence(s.text, tokenizer))
    return ObjectDocumentModel([Paragraph(p) for _, p in sorted(paragraphs.items())])


def _ranking_class(base: type) -> type:
    """A subclass of a sumy summarizer that records its full ranking instead of the top k."""

    class Ranking(base):  # type: ignore[misc, valid-type]
        ranking: list[int]

        def _get_best_sentences(  # type: ignore[override]
            self, sentences: Sequence[Any], count: Any, rating: Any, *args: Any, **kwargs: Any
        ) -> tuple[Any, ...]:
            if isinstance(rating, dict):
                rates = [rating[s] for s in sentences]
            else:
                rates = [rating(s, *args, **kwargs) for s in sentences]
            order = sorted(range(len(sentences)), key=lambda o: -rates[o])
            self.ranking = order
            return tuple(sentences[o] for o in order)

    Ranking.__name__ = base.__name__
    return Ranking


class SumyPeer(Ranker):
    """One sumy summarizer ranking the sentences of our cluster."""

    def __init__(self, name: str, summarizer: type) -> None:
        self.name = name
        self._summarizer = _ranking_class(summarizer)
        self._tokenizer = ClusterTokenizer()
        self._stemmer = Stemmer(LANGUAGE)
        self._stop_words = get_stop_words(LANGUAGE)

    def __repr__(self) -> str:
        return f"SumyPeer({self.name!r}, {self._summarizer.__name__})"

    def rank(self, cluster: Cluster) -> list[int]:
        if cluster.size == 0:
            return []
        doc = document_from_cluster(cluster, self._tokenizer)
        summarizer = self._summarizer(self._stemmer)
        summarizer.stop_words = self._stop_words
        summarizer(doc, cluster.size)
        # document order of sumy's sentences is the cluster's order, article by article
        order = sorted(range(cluster.size), key=lambda i: (int(cluster.article_of[i]), i))
        return [order[o] for o in summarizer.ranking]


#: name -> sumy summarizer class, for every peer
PEERS: dict[str, type] = {
    "sumy-lexrank": LexRankSummarizer,
    "sumy-textrank": TextRankSummarizer,
    "sumy-lsa": LsaSummarizer,
    "sumy-luhn": LuhnSummarizer,
    "sumy-kl": KLSummarizer,
    "sumy-sumbasic": SumBasicSummarizer,
}


def peer(name: str) -> SumyPeer:
    """A new peer by name (see :data:`PEERS`)."""
    return SumyPeer(name, PEERS[name])


def factories() -> dict[str, Callable[[], SumyPeer]]:
    """Name -> factory of every peer."""
    return {name: (lambda n=name: peer(n)) for name in PEERS}


def register_peers() -> list[str]:
    """Register every peer in :mod:`newsbrief.summarize.systems`; returns their names."""
    for name, make in factories().items():
        systems.register(name, make)
    return list(PEERS)
