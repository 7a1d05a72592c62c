"""The data model: frozen dataclasses that flow through the pipeline.

Nothing here imports the rest of newsbrief. Every stage takes and returns these
objects, which is what lets the same stage run in the CLI, the web server and a
Dask partition.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

SCHEMA_VERSION = 1

_WS = re.compile(r"\s+")


_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_text(s: str) -> str:
    """``s`` with lone surrogates (undecodable bytes of a file name, a JSON "\\ud800")
    replaced by U+FFFD, so it can be printed, stored and hashed as UTF-8."""
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", s)
    return s


def content_id(text: str, where: str = "") -> str:
    """Stable 16-hex-digit id: sha1 of the case- and whitespace-normalized text.

    ``where`` (the article's URL, else the outlet's site name; "" when neither is known)
    is hashed with the text, so the same wire copy published by two outlets stays two
    articles, while the same article read twice, from any file name or from stdin,
    keeps one id. See "Article identity" in docs/store.md.
    """
    norm = _WS.sub(" ", text).strip().lower()
    return hashlib.sha1(f"{where.strip()}\n{norm}".encode("utf-8", "replace")).hexdigest()[:16]


@dataclass(frozen=True)
class Article:
    """One news article as read from a file, a record or a string.

    ``id`` is a content hash of the text and the URL or site (see :func:`content_id`), so
    the same article read twice, under any file name, is the same article. ``source`` is the outlet: the site name, else the
    URL's host, else the file name.

    ``cleaned_text`` is set by the cleaning stage (:func:`newsbrief.clean.clean_article`)
    to the text it made: the article counts as cleaned (:attr:`is_cleaned`) while its
    text is still that text, so a text replaced later is cleaned again. It is no part of
    the article's identity (not compared, not hashed, not in :meth:`to_dict`).
    """

    id: str
    title: str
    text: str = field(repr=False)
    url: str = ""
    source: str = ""
    published: date | None = None
    origin: str = ""
    cleaned_text: str | None = field(default=None, repr=False, compare=False)

    @property
    def is_cleaned(self) -> bool:
        """Whether the text is what the cleaning stage made of it (see ``cleaned_text``)."""
        # the same string object in the common case: the comparison is then immediate
        return self.cleaned_text is not None and self.cleaned_text == self.text

    @classmethod
    def create(
        cls,
        text: str,
        title: str = "",
        url: str = "",
        source: str = "",
        published: date | None = None,
        origin: str = "",
        where: str | None = None,
    ) -> Article:
        """Build an article, deriving its id from the text and ``where``.

        ``where`` is what places the article besides its text (see :func:`content_id`):
        by default ``url or source``. Readers pass ``url`` or the site name only, so a
        source that is merely a file name ("report.txt", "stdin") is no part of the id.
        Lone surrogates in any field become U+FFFD.
        """
        text, title, url, source = map(valid_text, (text, title, url, source))
        where = url or source if where is None else valid_text(where)
        return cls(
            id=content_id(text, where),
            title=title.strip(),
            text=text,
            url=url.strip(),
            source=source.strip(),
            published=published,
            origin=valid_text(origin),
        )

    def to_dict(self, *, text: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "published": self.published.isoformat() if self.published else None,
            "origin": self.origin,
        }
        if text:
            d["text"] = self.text
        return d


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article: which article, where in it (0-based), and its text."""

    article_id: str
    position: int
    text: str


@dataclass(frozen=True)
class Event:
    """A group of articles about one news event.

    ``size`` counts every article, syndicated copies included; ``article_ids`` lists
    them all in reading order.
    """

    id: str
    article_ids: tuple[str, ...]
    first: date | None = None
    last: date | None = None
    size: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_ids": list(self.article_ids),
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "size": self.size,
        }


@dataclass(frozen=True)
class Fact:
    """A checkable statement of one article: what is measured and the value it gives.

    ``value`` is as written ("at least 34,000"); ``normalized`` is a machine form
    ("34000"); ``relation`` is how the hedge bounds it (=, >=, <=, ~, ~<, ~>).
    """

    kind: str
    measure: str
    value: str
    normalized: str
    relation: str = "="
    unit: str = ""
    article_ids: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    #: what is counted, from a fixed list (killed, injured, ..., count, money, percent,
    #: duration, age, measurement, magnitude, ordinal, date, weekday, time, person, place,
    #: organization);
    #: evidence[i] is the sentence of article_ids[i]
    category: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "category": self.category,
            "measure": self.measure,
            "value": self.value,
            "normalized": self.normalized,
            "relation": self.relation,
            "unit": self.unit,
            "article_ids": list(self.article_ids),
            "evidence": list(self.evidence),
        }


@dataclass(frozen=True)
class Disagreement:
    """Different values reported for the same quantity, each with its facts (and so its articles).

    ``note`` is "conflict" (the sources state different figures) or "revision" (a later
    report, or words such as "rose to" or "revised", replace a figure); a revision's facts
    are in the order they were reported, a conflict's in increasing value.
    """

    measure: str
    facts: tuple[Fact, ...]
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"measure": self.measure, "values": [f.to_dict() for f in self.facts]}
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True)
class BriefSentence:
    """A sentence of a brief.

    ``article_id`` is the article it was taken from; ``sources`` are all the articles
    that state the same content (the origin first), as Article objects;
    ``citations`` are their 1-based numbers in ``Brief.sources``.
    """

    text: str
    article_id: str
    position: int
    sources: tuple[Article, ...]
    citations: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "article_id": self.article_id,
            "position": self.position,
            "sources": [a.id for a in self.sources],
            "citations": list(self.citations),
        }


@dataclass(frozen=True)
class Brief:
    """The summary of one event.

    ``headline`` is the short (about 40-word) summary; ``sentences`` is the brief at
    the requested length, each sentence cited; ``sources`` are the articles,
    numbered from 1 in the order the citations use; ``duplicates`` maps the id of a
    syndicated copy to the id of the article it copies.
    """

    event_id: str
    headline: str
    sentences: tuple[BriefSentence, ...]
    sources: tuple[Article, ...]
    words: int
    duplicates: dict[str, str] = field(default_factory=dict)
    facts: tuple[Fact, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()

    @property
    def text(self) -> str:
        """The brief as one paragraph, without citation marks."""
        return " ".join(s.text for s in self.sentences)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "event_id": self.event_id,
            "headline": self.headline,
            "words": self.words,
            "sentences": [s.to_dict() for s in self.sentences],
            "sources": [
                dict(a.to_dict(), number=i, duplicate_of=self.duplicates.get(a.id))
                for i, a in enumerate(self.sources, 1)
            ],
            "facts": [f.to_dict() for f in self.facts],
            "disagreements": [d.to_dict() for d in self.disagreements],
        }
