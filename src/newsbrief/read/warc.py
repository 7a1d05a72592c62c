"""WARC archives (plain or .warc.gz): each HTML page fetched with status 200 is an article.

Pages are extracted like HTML files; the URL is the record's WARC-Target-URI. Records
that are not responses (requests, metadata, warcinfo, revisits), responses with
another status, and non-HTML payloads (images, scripts, ...) are skipped silently.
warcio is imported on first use.
"""

from __future__ import annotations

import logging
import zlib
from typing import Any, BinaryIO

from newsbrief.errors import InputError
from newsbrief.read.common import ReadResult
from newsbrief.read.html import charset_of, decode_html, html_article, looks_like_html

__all__ = ["read_warc"]

log = logging.getLogger("newsbrief")


def _html_payload(record: Any) -> str | None:
    """The Content-Type of a record to read ("" if it has none: sniff it), or None to skip."""
    if record.rec_type == "response":
        http = record.http_headers
        if http is None or http.get_statuscode() != "200":
            return None
        ctype = http.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        ctype = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    kind = ctype.split(";", 1)[0].strip().lower()
    if kind in ("text/html", "application/xhtml+xml", ""):
        return ctype
    return None


def read_warc(stream: BinaryIO, name: str) -> ReadResult:
    """Read the HTML pages of a WARC archive from a binary stream (``name`` labels it)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    out = ReadResult()
    pages = 0
    try:
        for record in ArchiveIterator(stream):
            ctype = _html_payload(record)
            if ctype is None:
                continue
            uri = (record.rec_headers.get_header("WARC-Target-URI") or "").strip().strip("<>")
            payload = record.content_stream().read()
            where = f"{name}#{uri}" if uri else name
            label = f"{name}: {uri}" if uri else name
            try:
                html = decode_html(payload, charset_of(ctype))
            except InputError as e:
                if ctype:  # declared HTML that is no text
                    pages += 1
                    out.problems.append(f"{label}: {e}, skipped")
                continue
            if not ctype and not looks_like_html(html):
                continue
            pages += 1
            if not html.strip():
                out.problems.append(f"{label}: empty page, skipped")
                continue
            try:
                out.articles.append(html_article(html, name, url=uri, origin=where))
            except InputError as e:
                out.problems.append(f"{label}: {e}, skipped")
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error) as e:
        return _broken(out, name, str(e).strip().splitlines()[0] if str(e).strip() else "")
    except (AttributeError, TypeError, KeyError, IndexError) as e:
        # warcio parsing a malformed record (e.g. an HTTP response without a
        # WARC-Target-URI raises AttributeError); the rest of the stream cannot be trusted
        return _broken(out, name, _record_fault(e))
    if not pages:
        out.problems.append(f"{name}: no HTML pages in the WARC archive, skipped")
    return out


def _record_fault(e: Exception) -> str:
    if isinstance(e, AttributeError) and "startswith" in str(e):
        return "a record has no WARC-Target-URI"
    return f"malformed record ({type(e).__name__})"


def _broken(out: ReadResult, name: str, detail: str) -> ReadResult:
    """Add the line for an archive that could not be read to its end."""
    log.debug("WARC read failed on %s", name, exc_info=True)
    detail = detail or "unreadable"
    msg = f"{name}: not a readable WARC archive ({detail[:120]})"
    if out.articles or out.problems:
        msg = (
            f"{name}: WARC archive broken after {len(out.articles)} page(s)"
            f" ({detail[:120]}), rest skipped"
        )
    else:
        msg += ", skipped"
    out.problems.append(msg)
    return out
