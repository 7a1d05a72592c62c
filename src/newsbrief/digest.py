"""Digest: many stories at once. Group articles into events and brief each event.

>>> from newsbrief.digest import digest
>>> for event, brief in digest(["crawl/"]):          # doctest: +SKIP
...     print(event.size, brief.headline)

Events are ranked by the number of distinct outlets that report them, then by recency
(latest article date; undated events last), then by size.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import BinaryIO

from newsbrief.compare import with_facts
from newsbrief.errors import InputError
from newsbrief.group import group_articles
from newsbrief.model import Article, Brief, Event
from newsbrief.settings import Settings
from newsbrief.summarize import summarize_articles
from newsbrief.text import split_sentences

__all__ = ["brief_event", "digest", "digest_articles", "left_out", "outlet", "outlets", "rank_key"]


def brief_event(event: Event, members: Sequence[Article], settings: Settings) -> Brief:
    """The cited brief of one event, with its facts and disagreements (every engine's call).

    Raises :class:`InputError` when no article of the event has a usable sentence.
    """
    # each member split into sentences once, for the summary and the facts (as
    # pipeline.brief_from_articles does; both would split the same text the same way)
    sentences = [split_sentences(a.text) for a in members]
    brief = summarize_articles(members, settings, event=event.id, sentences=sentences)
    return with_facts(brief, members, sentences=sentences)


def left_out(event: Event, error: Exception) -> str:
    """The one-line report of an event that could not be briefed."""
    return f"event {event.id} ({event.size} article(s)) left out: {error}"


log = logging.getLogger("newsbrief")

#: progress callback: (done, total)
Progress = Callable[[int, int], None]


def outlet(article: Article) -> str:
    """The outlet an article counts for: its source, else where it was read from."""
    return article.source or article.origin or article.id


def outlets(articles: Iterable[Article]) -> int:
    """Number of distinct outlets among articles."""
    return len({outlet(a) for a in articles})


def rank_key(event: Event, n_outlets: int) -> tuple[int, int, int, str]:
    """Sort key of an event in a digest: most outlets, then most recent, then largest."""
    latest = event.last or event.first
    return (
        -n_outlets,
        -(latest.toordinal() if latest else date.min.toordinal()),
        -event.size,
        event.id,
    )


def digest_articles(
    articles: Sequence[Article],
    settings: Settings | None = None,
    progress: Progress | None = None,
    problems: list[str] | None = None,
    group_progress: Progress | None = None,
) -> list[tuple[Event, Brief]]:
    """Group cleaned articles into events and summarize each one, ranked (see :func:`rank_key`).

    An event none of whose articles has a usable sentence is left out and reported in
    ``problems``. ``progress`` counts the events summarized, ``group_progress`` the
    steps of grouping (:data:`newsbrief.group.ASSIGN_STEPS`).
    """
    settings = settings or Settings()
    by_id: Mapping[str, Article] = {a.id: a for a in articles}
    started = time.perf_counter()
    events = group_articles(articles, settings, progress=group_progress)
    grouped = time.perf_counter()
    log.info("grouped %d article(s) into %d event(s) in %.2f s", len(articles), len(events),
             grouped - started)  # fmt: skip
    ranked = sorted(events, key=lambda e: rank_key(e, outlets(by_id[a] for a in e.article_ids)))
    out: list[tuple[Event, Brief]] = []
    for done, event in enumerate(ranked, 1):
        members = [by_id[a] for a in event.article_ids]
        try:
            out.append((event, brief_event(event, members, settings)))
        except InputError as e:
            msg = left_out(event, e)
            log.warning("%s", msg)
            if problems is not None:
                problems.append(msg)
        if progress is not None:
            progress(done, len(ranked))
    log.info("summarized %d event(s) in %.2f s", len(out), time.perf_counter() - grouped)
    return out


def digest(
    inputs: Iterable[str | os.PathLike[str] | Article] | str | os.PathLike[str],
    settings: Settings | None = None,
    stdin: BinaryIO | None = None,
) -> list[tuple[Event, Brief]]:
    """Read and clean the inputs, group them into events and brief each event, ranked.

    Inputs are as for :func:`newsbrief.pipeline.load`; unusable ones are logged and
    skipped. Raises :class:`InputError` when no usable article is left.
    """
    from newsbrief import pipeline

    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    settings = settings or Settings()
    loaded = pipeline.load(inputs, settings, stdin)
    for p in loaded.problems:
        log.warning("%s", p)
    if not loaded.articles:
        raise InputError("no usable article in the input")
    return digest_articles(loaded.articles, settings)
