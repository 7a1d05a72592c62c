"""Fetching the news: article URLs, RSS and Atom feeds and news sitemaps, politely.

One module per job:

- :mod:`.urls`: the normal form of a URL (no fragment, no tracking parameters).
- :mod:`.policy`: settings, private-address refusal, robots.txt, per-host gates.
- :mod:`.client`: one bounded, polite GET with httpx (redirects, size cap, retries).
- :mod:`.feeds`: the links of a feed (feedparser) or sitemap (lxml, no entities).
- :mod:`.state`: fetch state in the store (ETag, Last-Modified, failures; fetched URLs).
- :mod:`.poll`: one poll into the store, and the ``watch`` loop.

>>> import asyncio                                        # doctest: +SKIP
>>> async def main(store):
...     async with Fetcher(FetchSettings(contact="ops@example.org")) as f:
...         return await poll(store, f, ["https://example.org/feed.xml"])
"""

from newsbrief.fetch.client import Fetcher, Response
from newsbrief.fetch.policy import FetchError, FetchSettings
from newsbrief.fetch.poll import PollReport, parse_interval, poll, read_feeds_file, watch
from newsbrief.fetch.urls import is_http_url, normalize_url

__all__ = [
    "FetchError",
    "FetchSettings",
    "Fetcher",
    "PollReport",
    "Response",
    "is_http_url",
    "normalize_url",
    "parse_interval",
    "poll",
    "read_feeds_file",
    "watch",
]
