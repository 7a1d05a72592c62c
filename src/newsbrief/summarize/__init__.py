"""Multi-document extractive summarization with cited sentences.

:func:`summarize_articles` is the stage: cleaned articles in, a :class:`Brief` out.
The brief's sentences are chosen by an :class:`Extractor` (the default
:class:`Newsbrief`), then cited: a brief sentence's ``sources`` are its own article,
every article holding the same sentence verbatim, every article with a sentence
whose support similarity to it (:attr:`Cluster.support_similarity`: the cosine of
the sentences, or of their main clauses less 0.1) is at least
``Settings.support_threshold`` (0.5 by default), and the syndicated copies of all of
these.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

from newsbrief.errors import InputError
from newsbrief.model import Article, Brief, BriefSentence
from newsbrief.settings import Settings
from newsbrief.summarize.base import Extractor, greedy_fill, reading_order
from newsbrief.summarize.default import Newsbrief
from newsbrief.summarize.features import Cluster, prepare

__all__ = [
    "Cluster",
    "Extractor",
    "Newsbrief",
    "build_brief",
    "event_id",
    "greedy_fill",
    "prepare",
    "reading_order",
    "summarize_articles",
    "supporting_articles",
]


def event_id(articles: Sequence[Article]) -> str:
    """Id of the event made of these articles: a hash of their sorted ids."""
    h = hashlib.sha1("\n".join(sorted({a.id for a in articles})).encode())
    return h.hexdigest()[:12]


def supporting_articles(cluster: Cluster, i: int) -> list[int]:
    """Indices of the articles that state the content of sentence i (its own first)."""
    threshold = cluster.settings.support_threshold
    origin = int(cluster.article_of[i])
    row = cluster.article_similarity[i]
    found = {origin, *cluster.holders[i]}
    found.update(int(a) for a in (row >= threshold).nonzero()[0])
    # syndicated copies support what the article they copy supports, and vice versa
    groups = cluster.group_of
    wanted = {int(groups[a]) for a in found}
    found.update(a for a in range(len(cluster.articles)) if int(groups[a]) in wanted)
    return [origin] + sorted(found - {origin})


def build_brief(
    cluster: Cluster,
    chosen: Sequence[int],
    headline: str,
    words: int,
    event: str | None = None,
    texts: Sequence[str] | None = None,
) -> Brief:
    """Make the cited :class:`Brief` from chosen sentence indices (in reading order).

    ``texts`` are the sentences as the brief shows them (compressed by the extractor;
    by default as in their articles). Sources are numbered in order of first
    citation; articles cited by no sentence follow, so every input article is listed.
    """
    support = [supporting_articles(cluster, i) for i in chosen]
    number: dict[int, int] = {}
    for sup in support:
        for a in sup:
            number.setdefault(a, len(number) + 1)
    for a in range(len(cluster.articles)):
        number.setdefault(a, len(number) + 1)
    sources = tuple(cluster.articles[a] for a in sorted(number, key=number.__getitem__))
    sentences = tuple(
        BriefSentence(
            text=texts[i] if texts is not None else cluster.sentences[i].text,
            article_id=cluster.sentences[i].article_id,
            position=cluster.sentences[i].position,
            sources=tuple(cluster.articles[a] for a in sup),
            citations=tuple(number[a] for a in sup),
        )
        for i, sup in zip(chosen, support, strict=True)
    )
    return Brief(
        event_id=event or event_id(cluster.articles),
        headline=headline,
        sentences=sentences,
        sources=sources,
        words=words,
        duplicates=dict(cluster.duplicates),
    )


def summarize_articles(
    articles: Sequence[Article],
    settings: Settings | None = None,
    extractor: Extractor | None = None,
    event: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    *,
    sentences: Sequence[Sequence[str]] | None = None,
) -> Brief:
    """Summarize cleaned articles of one event into a cited brief.

    The headline is one sentence (:meth:`Extractor.headline`, at most
    ``settings.headline_words`` and 40 words), the brief ``settings.words`` words. Raises :class:`InputError` when no article has a usable
    sentence. ``progress``, when given, is called as ``progress(done, total)`` after each
    of the :data:`SUMMARIZE_STEPS` steps (sentences, headline, selection, citations).
    ``sentences``, where given, are the articles' sentences already split (see
    :func:`prepare`); the brief is the same as without them.
    """
    settings = settings or Settings()
    extractor = extractor or Newsbrief()

    def step(done: int) -> None:
        if progress is not None:
            progress(done, SUMMARIZE_STEPS)

    step(0)
    cluster = prepare(articles, settings, sentences=sentences)
    if not cluster.eligible().any():
        raise InputError("no usable sentence in the input (nothing that reads as a sentence)")
    texts = extractor.texts(cluster)
    step(1)
    head = extractor.headline(cluster)
    step(2)
    shown = extractor.shown(cluster, settings.words)
    chosen = [i for i, _ in shown]
    step(3)
    if head is None:
        head = chosen[0]
    headline = texts[head]
    texts = list(texts)
    for i, text in shown:
        texts[i] = text
    brief = build_brief(cluster, chosen, headline, settings.words, event, texts)
    step(4)
    return brief


#: the steps :func:`summarize_articles` reports to its ``progress`` callback
SUMMARIZE_STEPS = 4
