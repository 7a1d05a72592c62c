"""HTML pages: main text, title, date and site name, extracted with trafilatura.

The text is trafilatura's balanced extraction without the lines that a small fitted
model (:mod:`.lines`) judges not to be the article's body, from what trafilatura's
precision mode keeps of the page, link density, shape, place and element; every kept line is as the balanced mode wrote it. Figures:
bench/extraction_split.py, docs/benchmarks.md.

trafilatura is imported on first use, so importing newsbrief stays fast.
"""

from __future__ import annotations

import logging
import re
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
from newsbrief.read.lines import Views, kept_lines

__all__ = ["decode_html", "html_article", "looks_like_html", "read_html"]

log = logging.getLogger("newsbrief")

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)", re.I)
_HTMLISH = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|article|main|div|p|h1|h2|section|span|br|a)\b",
    re.I,
)
_WS = re.compile(r"\s+")
# browsers read these labels as windows-1252 (WHATWG Encoding Standard)
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "ascii", "us-ascii"}


def charset_of(content_type: str) -> str | None:
    """The charset parameter of a Content-Type header value, or None."""
    m = _HEADER_CHARSET.search(content_type or "")
    return m[1] if m else None


def looks_like_html(text: str) -> bool:
    """True when text starts with markup and holds an HTML tag near its start."""
    head = text.lstrip("\ufeff \t\r\n")[:2048]
    return head.startswith("<") and bool(_HTMLISH.search(head))


def decode_html(data: bytes, charset: str | None = None) -> str:
    """Decode an HTML page: byte-order mark, ``charset`` (HTTP), meta charset, then as text."""
    declared = charset or None
    if not declared:
        m = _META_CHARSET.search(data[:4096])
        declared = m[1].decode("ascii", "replace") if m else None
    if declared and declared.strip().lower() in _AS_CP1252:
        declared = "cp1252"
    return decode_text(data, declared)


def _fragment(html: str) -> str:
    """Wrap a bare fragment (no <html>, <head>, <body> or <title>) so trafilatura reads it."""
    head = html[:4096].lower()
    if any(tag in head for tag in ("<html", "<body", "<head", "<title", "<!doctype")):
        return html
    return f"<html><body>{html}</body></html>"


_quieted = False


def _quiet_libraries() -> None:
    """Silence trafilatura's own log lines (each failure is reported as a problem instead).

    Only loggers whose level the application left unset are touched.
    """
    global _quieted
    if not _quieted:
        for name in ("trafilatura", "htmldate", "courlan", "justext"):
            lg = logging.getLogger(name)
            if lg.level == logging.NOTSET:
                lg.setLevel(logging.CRITICAL)
        _quieted = True


def _line_key(line: str) -> str:
    return _WS.sub(" ", line).strip().casefold()


_BODY_TAGS = {"p": "p", "head": "head", "item": "item", "quote": "quote", "cell": "cell"}
_MIN_ANCHOR = 4  # link texts shorter than this (">", "1", "Up") say little


def _anchors(tree: Any) -> list[str]:
    """The link texts of a parsed page (case-folded, spaces normalized), longest first."""
    if tree is None:
        return []
    seen: set[str] = set()
    for a in tree.iter("a"):
        t = _line_key(a.text_content())
        if len(t) >= _MIN_ANCHOR:
            seen.add(t)
    return sorted(seen, key=len, reverse=True)


def _tags(body: Any) -> dict[str, str]:
    """The element each line of trafilatura's text came from, by line key."""
    out: dict[str, str] = {}
    if body is None:
        return out
    for el in body.iter():
        tag = _BODY_TAGS.get(el.tag if isinstance(el.tag, str) else "")
        if tag:
            out.setdefault(_line_key("".join(el.itertext())), tag)
    return out


def page_views(tree: Any, url: str, body: Any = None) -> Views:
    """What trafilatura's precision mode keeps of a parsed page (``tree``, from
    :func:`parse`), its link texts and the element of each line (the features of
    :mod:`.lines`)."""
    import trafilatura

    try:
        precise = trafilatura.bare_extraction(
            tree, url=url or None, include_comments=False, favor_precision=True
        )
    except Exception:  # the second pass is only evidence; the balanced text stands
        log.debug("trafilatura's precision pass failed", exc_info=True)
        precise = None
    return Views(
        precision=(precise.text if precise is not None else "") or "",
        anchors=_anchors(tree),
        tags=_tags(body),
    )


def parse(page: str) -> Any:
    """The page parsed once, as trafilatura parses it (each pass works on its own copy),
    or None when it cannot be parsed."""
    import trafilatura

    return trafilatura.load_html(page)


#: trafilatura's balanced pass: comments left out, and without its fallback extractors
#: (readability, jusText), which on the extraction benchmark's tune half cost precision
#: and no recall, and take about half of the pass's time (docs/benchmarks.md, extraction)
BALANCED = {"with_metadata": True, "include_comments": False, "fast": True}


def balanced_extraction(tree: Any, url: str) -> Any:
    """trafilatura's balanced extraction of a parsed page (text, body tree, metadata), or
    None."""
    import trafilatura

    return trafilatura.bare_extraction(tree, url=url or None, **BALANCED)


def _extract(html: str, url: str) -> Any:
    _quiet_libraries()
    tree = parse(_fragment(html))
    if tree is None:
        return None
    doc = balanced_extraction(tree, url)
    if doc is not None and doc.text:
        views = page_views(tree, url, doc.body)
        if views.precision.strip():  # without it the model's main evidence is missing
            doc.text = kept_lines(doc.text, views)
    return doc


def _same(a: str, b: str) -> bool:
    return _line_key(a) == _line_key(b)


def html_article(html: str, name: str, url: str = "", origin: str = "") -> Article:
    """Extract the article of an HTML page; raises :class:`InputError` if it has no text.

    The text keeps paragraph breaks as newlines; a first line that repeats the title
    (the page's <h1>) is dropped. The URL is ``url`` if given, else the page's
    canonical URL; the source is the site name, else the URL host, else ``name``.
    """
    if not html.strip():
        raise InputError("empty file")
    try:
        doc = _extract(html, url)
    except Exception as e:  # trafilatura or lxml choking on odd markup
        log.debug("trafilatura failed on %s", name, exc_info=True)
        raise InputError(f"HTML extraction failed ({type(e).__name__})") from e
    text = normalize_newlines((doc.text if doc is not None else "") or "").strip()
    if not text:
        raise InputError("no extractable text in the HTML")
    title = _WS.sub(" ", doc.title or "").strip()
    if title:
        first, _, rest = text.partition("\n")
        if _same(first, title) and rest.strip():
            text = rest.strip()
    page_url = url or (doc.url or "")
    if page_url and not page_url.startswith(("http://", "https://")):
        page_url = ""
    return Article.create(
        text=text,
        title=title,
        url=page_url,
        source=source_for(doc.sitename or "", page_url, name),
        published=parse_date(doc.date),
        origin=origin or name,
        where=page_url or (doc.sitename or "").strip(),
    )


def read_html(data: bytes, name: str, url: str = "", charset: str | None = None) -> ReadResult:
    """Read an HTML file's bytes as one article (``name`` labels it)."""
    if not data.strip():
        raise InputError("empty file")
    return ReadResult([html_article(decode_html(data, charset), name, url=url)])
