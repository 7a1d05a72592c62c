"""JSON and JSON Lines: WCEP-style events and flat article records.

Two record shapes are read:

- an event: ``{"summary": ..., "articles": [{"title", "text", "url", "date" or "time"}, ...]}``
  (the event's own fields are ignored: each of its articles becomes an Article);
- an article: ``{"title", "text", "url", "date" / "time" / "published", "source" / "site"}``.

A .json file holds one record or a list of them (or, if it is really JSON Lines,
one per line); a .jsonl file holds one record per line.
"""

from __future__ import annotations

import json
from typing import Any

from newsbrief.errors import InputError
from newsbrief.model import Article
from newsbrief.read.common import (
    ReadResult,
    decode_text,
    normalize_newlines,
    parse_date,
    source_for,
)

__all__ = ["first_value", "read_json", "read_jsonl", "record_articles"]

TEXT_KEYS = ("text", "content", "body", "maintext", "article")
TITLE_KEYS = ("title", "headline")
URL_KEYS = ("url", "link", "uri")
DATE_KEYS = ("date", "time", "published", "publish_date", "date_publish", "publishedAt", "pubDate")
SOURCE_KEYS = ("source", "site", "outlet", "sitename", "site_name", "publisher")

#: at most this many malformed-line messages per file; the rest are counted
MAX_LINE_PROBLEMS = 10


def first_value(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    """The first non-empty value of ``keys`` in ``record`` (None when there is none)."""
    for k in keys:
        v = record.get(k)
        if v not in (None, "", [], {}):
            return v
    return None


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n".join(value)
    return ""


def _source(value: Any) -> str:
    if isinstance(value, dict):  # e.g. NewsAPI's {"id": ..., "name": ...}
        value = value.get("name") or ""
    return value if isinstance(value, str) else ""


def _article(record: dict[str, Any], name: str, origin: str) -> Article:
    text = normalize_newlines(_as_text(first_value(record, TEXT_KEYS))).strip()
    if not text:
        raise InputError("no text")
    title = first_value(record, TITLE_KEYS)
    url = first_value(record, URL_KEYS)
    url = url.strip() if isinstance(url, str) else ""
    site = _source(first_value(record, SOURCE_KEYS))
    return Article.create(
        text=text,
        title=title if isinstance(title, str) else "",
        url=url,
        source=source_for(site, url, name),
        published=parse_date(first_value(record, DATE_KEYS)),
        origin=origin,
        where=url or site.strip(),
    )


def record_articles(record: Any, name: str, where: str) -> ReadResult:
    """The articles of one record (an event or an article); ``where`` locates it in problems.

    ``name`` is the file's label (for the fallback source); ``where`` is the record's
    label, used as origin and at the start of problem lines ("x.jsonl:3").
    """
    out = ReadResult()
    if not isinstance(record, dict):
        out.problems.append(f"{where}: not a JSON object ({type(record).__name__}), skipped")
        return out
    if "articles" in record and first_value(record, TEXT_KEYS) is None:
        items = record["articles"]
        if not isinstance(items, list):
            out.problems.append(f'{where}: "articles" is not a list, skipped')
        elif not items:
            out.problems.append(f"{where}: event has no articles, skipped")
        for i, item in enumerate(items if isinstance(items, list) else [], 1):
            if not isinstance(item, dict):
                out.problems.append(f"{where}: article {i} is not a JSON object, skipped")
                continue
            try:
                out.articles.append(_article(item, name, where))
            except InputError as e:
                out.problems.append(f"{where}: article {i} has {e}, skipped")
        return out
    try:
        out.articles.append(_article(record, name, where))
    except InputError as e:
        out.problems.append(f"{where}: record has {e}, skipped")
    return out


def read_jsonl(data: bytes, name: str, text: str | None = None) -> ReadResult:
    """Read JSON Lines: one record per line; a malformed line is reported and skipped."""
    if text is None:
        if not data.strip():
            raise InputError("empty file")
        text = decode_text(data)
    out = ReadResult()
    bad = 0
    records = 0
    for n, line in enumerate(text.split("\n"), 1):
        line = line.strip().lstrip("\ufeff")
        if not line:
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            bad += 1
            if bad <= MAX_LINE_PROBLEMS:
                out.problems.append(f"{name}:{n}: malformed JSON line ({e.msg}), skipped")
            continue
        records += 1
        out.extend(record_articles(record, name, f"{name}:{n}"))
    if bad > MAX_LINE_PROBLEMS:
        out.problems.append(f"{name}: {bad - MAX_LINE_PROBLEMS} more malformed JSON lines, skipped")
    if not records and not bad:
        raise InputError("empty file")
    return out


def read_json(data: bytes, name: str) -> ReadResult:
    """Read a .json file: one record, a list of records, or JSON Lines misnamed .json."""
    if not data.strip():
        raise InputError("empty file")
    text = normalize_newlines(decode_text(data)).strip()
    if not text:
        raise InputError("empty file")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as e:
        if e.msg == "Extra data":  # several values: JSON Lines
            return read_jsonl(data, name, text=text)
        raise InputError(f"malformed JSON ({e.msg} at line {e.lineno}, column {e.colno})") from e
    if isinstance(value, list):
        out = ReadResult()
        if not value:
            raise InputError("empty JSON list")
        for i, record in enumerate(value, 1):
            out.extend(record_articles(record, name, f"{name}#{i}"))
        return out
    return record_articles(value, name, name)
