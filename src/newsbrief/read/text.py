"""Plain-text articles: decode, normalize newlines, take a headline-like first line as title."""

from __future__ import annotations

import re

from newsbrief.errors import InputError
from newsbrief.model import Article
from newsbrief.read.common import ReadResult, decode_text, normalize_newlines, source_for

__all__ = ["looks_like_headline", "read_text", "split_title", "text_article"]

_MAX_TITLE_WORDS = 20
_MAX_TITLE_CHARS = 160
# a line ending in one of these words was cut by hard wrapping, not a headline
_DANGLING = frozenset(
    "a an the of to in on at for from with by and or but that which as is are was were".split()
)
_TWO_SENTENCES = re.compile(r"[.!?][\"'\u201d\u2019)]?\s+[\"'\u201c\u2018(]?[A-Z]")


def looks_like_headline(line: str, next_line: str = "") -> bool:
    """True when ``line`` reads as a headline rather than the text's first sentence.

    A headline is short (at most 20 words and 160 characters), does not start in
    lower case, does not end like a sentence or a clause (., :, ;, ,, ...), holds
    no second sentence, does not end on a word like "the" or "of", and is not
    continued by the next line (a hard-wrapped paragraph whose next line starts in
    lower case).
    """
    s = line.strip()
    if not s:
        return False
    words = s.split()
    if len(words) > _MAX_TITLE_WORDS or len(s) > _MAX_TITLE_CHARS:
        return False
    if s[0].islower():
        return False
    tail = s.rstrip("\"'\u201d\u2019)]")
    if not tail or tail[-1] in ".,;:\u2026-\u2013\u2014":
        return False
    if _TWO_SENTENCES.search(s):
        return False
    if words[-1].lower().strip("\"'\u201d\u2019") in _DANGLING:
        return False
    nxt = next_line.strip()
    return not (nxt and nxt[0].islower())


def split_title(text: str) -> tuple[str, str]:
    """Split normalized text into (title, body); title is "" when the first line is no headline."""
    lines = text.split("\n")
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is None:
        return "", ""
    rest = lines[first + 1 :]
    if not any(ln.strip() for ln in rest):
        return "", lines[first].strip()
    if looks_like_headline(lines[first], rest[0]):
        return lines[first].strip(), "\n".join(rest).strip()
    return "", "\n".join(lines[first:]).strip()


def text_article(text: str, name: str, origin: str = "") -> Article:
    """Build the article of a decoded text; raises :class:`InputError` when it is empty."""
    text = normalize_newlines(text)
    text = "\n".join(ln.rstrip() for ln in text.split("\n"))
    title, body = split_title(text)
    if not body:
        raise InputError("empty file")
    return Article.create(
        text=body, title=title, source=source_for("", "", name), origin=origin or name, where=""
    )


def read_text(data: bytes, name: str) -> ReadResult:
    """Read a plain-text file's bytes as one article (``name`` labels it)."""
    if not data.strip():
        raise InputError("empty file")
    return ReadResult([text_article(decode_text(data), name)])
