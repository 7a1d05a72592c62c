"""Feeds and news sitemaps: the article links they list, with title and date when given.

RSS 2.0, RSS 1.0, Atom and JSON Feed are parsed by feedparser. Sitemaps (the
sitemaps.org ``urlset`` and ``sitemapindex``, with the Google News extension's
title and publication date) are read with lxml's XML parser, set to resolve no
entities and load nothing from the network.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from newsbrief.read.common import parse_date

__all__ = ["Entry", "Listing", "looks_like_sitemap", "parse_listing"]

_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


@dataclass(frozen=True)
class Entry:
    """One article link of a feed or sitemap."""

    link: str
    title: str = ""
    published: date | None = None


@dataclass
class Listing:
    """What a feed or sitemap lists: article entries, and child sitemaps of an index."""

    kind: str  # "feed", "sitemap" or "sitemapindex"
    entries: list[Entry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    title: str = ""


def looks_like_sitemap(body: bytes) -> bool:
    """True when an XML body's root element is a sitemaps.org urlset or sitemapindex."""
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    return b"<urlset" in head or b"<sitemapindex" in head


def _struct_date(value: object) -> date | None:
    if value is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC).date()  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None


def _parse_feed(body: bytes, url: str) -> Listing:
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": url})
    if not parsed.entries and parsed.get("bozo") and not parsed.get("version"):
        reason = parsed.get("bozo_exception")
        raise ValueError(f"not a readable feed ({type(reason).__name__ if reason else 'empty'})")
    out = Listing(kind="feed", title=str(parsed.feed.get("title", "") or ""))
    for e in parsed.entries:
        link = str(e.get("link") or "")
        if not link:
            continue
        when = _struct_date(e.get("published_parsed") or e.get("updated_parsed"))
        out.entries.append(
            Entry(link=link, title=str(e.get("title") or "").strip(), published=when)
        )
    return out


def _parse_sitemap(body: bytes) -> Listing:
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as e:
        raise ValueError(f"not a readable sitemap ({e})") from None
    local = etree.QName(root).localname
    sm = f"{{{_SITEMAP_NS}}}"
    news = f"{{{_NEWS_NS}}}"
    if local == "sitemapindex":
        locs = [(el.findtext(f"{sm}loc") or "").strip() for el in root.iter(f"{sm}sitemap")]
        return Listing(kind="sitemapindex", sitemaps=[x for x in locs if x])
    if local != "urlset":
        raise ValueError(f"not a sitemap (root element {local!r})")
    out = Listing(kind="sitemap")
    for el in root.iter(f"{sm}url"):
        loc = (el.findtext(f"{sm}loc") or "").strip()
        if not loc:
            continue
        title = " ".join((el.findtext(f"{news}news/{news}title") or "").split())
        when = parse_date(
            (
                el.findtext(f"{news}news/{news}publication_date")
                or el.findtext(f"{sm}lastmod")
                or ""
            ).strip()
            or None
        )
        out.entries.append(Entry(link=loc, title=title, published=when))
    return out


def parse_listing(body: bytes, url: str) -> Listing:
    """Parse a feed or a sitemap; raises ValueError (one line) when it is neither."""
    if looks_like_sitemap(body):
        return _parse_sitemap(body)
    return _parse_feed(body, url)
