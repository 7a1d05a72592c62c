"""The HTTP client: one polite, bounded GET (httpx), with every rule of :mod:`.policy` applied.

:meth:`Fetcher.get` checks the address, robots.txt and the host's turn, then sends
the request with the User-Agent and conditional headers, follows at most
``max_redirects`` redirects (http and https only, each hop checked again), reads at
most ``max_bytes`` of body, and retries 429 and 5xx answers and network errors with
exponential backoff, honouring Retry-After. It raises :class:`FetchError` with a
one-line message for everything that is not an answer to use.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from newsbrief.fetch.policy import (
    FetchError,
    FetchSettings,
    HostGate,
    Robots,
    check_address,
    retry_after_seconds,
)
from newsbrief.fetch.urls import host_key, is_http_url, origin_of

__all__ = ["FEED_TYPES", "HTML_TYPES", "Fetcher", "Response", "media_type"]

log = logging.getLogger("newsbrief")

#: media types read as article pages
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: media types read as feeds or sitemaps
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/x-rss+xml",
        "application/xml",
        "text/xml",
        "application/feed+json",
    }
)
_REDIRECTS = {301, 302, 303, 307, 308}


def media_type(content_type: str | None) -> str:
    """The lower-cased media type of a Content-Type value ("" when missing)."""
    return (content_type or "").split(";", 1)[0].strip().lower()


@dataclass(frozen=True)
class Response:
    """A usable answer: 200 with a body, or 304 (not modified, empty body)."""

    url: str  # the URL asked for
    final_url: str  # after redirects
    status: int
    content_type: str
    body: bytes
    etag: str | None
    last_modified: str | None

    @property
    def media_type(self) -> str:
        return media_type(self.content_type)


class Fetcher:
    """One HTTP client with its robots.txt cache and host gates; use ``async with``.

    ``sleep`` is the coroutine used to wait before retries (tests may record waits).
    """

    def __init__(
        self,
        settings: FetchSettings | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> None:
        self.settings = settings or FetchSettings()
        s = self.settings
        self.robots = Robots(s.robots_ttl)
        self.gate = HostGate(s.per_host, s.delay)
        self.should_stop = should_stop or (lambda: False)
        self._all = asyncio.Semaphore(s.concurrency)
        self._client = httpx.AsyncClient(
            headers={"User-Agent": s.user_agent},
            timeout=httpx.Timeout(s.timeout),
            follow_redirects=False,
            transport=transport,
            trust_env=False,
        )
        #: requests sent, by host (for logs and tests)
        self.requests: dict[str, int] = {}
        #: (host, monotonic time) of the latest request starts, as booked by the host gate
        self.starts: deque[tuple[str, float]] = deque(maxlen=1000)

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    # ------------------------------------------------------------ one request

    async def _send_once(
        self, url: str, headers: dict[str, str], robots: bool
    ) -> tuple[httpx.Response, bytes, str]:
        """Send GET (following redirects, each checked); return the answer, body and URL."""
        s = self.settings
        current = url
        for _hop in range(s.max_redirects + 1):
            parts = urlsplit(current)
            port = parts.port or (443 if parts.scheme == "https" else 80)
            await check_address(current, parts.hostname or "", port, s.allow_private)
            if robots:
                await self._check_robots(current)
            host = host_key(current)
            if self.should_stop():
                raise FetchError(url, "stopped")
            async with self._turn(host, self.robots.crawl_delay(origin_of(current))):
                self.requests[host] = self.requests.get(host, 0) + 1
                self.starts.append((host, time.monotonic()))
                log.debug("GET %s", current)
                async with self._client.stream("GET", current, headers=headers) as r:
                    if r.status_code in _REDIRECTS:
                        location = r.headers.get("location")
                        if not location:
                            raise FetchError(url, f"HTTP {r.status_code} without Location")
                        nxt = urljoin(current, location)
                        if not is_http_url(nxt):
                            raise FetchError(
                                url,
                                f"refused redirect to a non-http(s) URL ({nxt[:80]})",
                                permanent=True,
                            )
                        current = nxt
                        continue
                    body = await self._body(url, r) if r.status_code == 200 else b""
                    return r, body, current
        raise FetchError(url, f"too many redirects (more than {s.max_redirects})", permanent=True)

    @asynccontextmanager
    async def _turn(self, host: str, crawl_delay: float) -> AsyncIterator[None]:
        """Hold one of the host's slots and one global slot, at a start the host's spacing
        allows. The global slot is taken only once the host's turn has come, so a task
        waiting for a slow host never keeps others from fast ones."""
        async with self.gate.slot(host):
            while True:
                await self.gate.wait_free(host)
                await self._all.acquire()
                if self.gate.book(host, crawl_delay):
                    break
                self._all.release()
            try:
                yield
            finally:
                self._all.release()

    async def _body(self, url: str, r: httpx.Response) -> bytes:
        cap = self.settings.max_bytes
        declared = r.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap and "content-encoding" not in r.headers:
            raise FetchError(
                url, f"body too large ({int(declared)} bytes, limit {cap})", permanent=True
            )
        chunks: list[bytes] = []
        size = 0
        async for chunk in r.aiter_bytes():  # decoded: the cap holds after decompression
            size += len(chunk)
            if size > cap:
                raise FetchError(url, f"body too large (over {cap} bytes)", permanent=True)
            chunks.append(chunk)
        return b"".join(chunks)

    async def _check_robots(self, url: str) -> None:
        origin = origin_of(url)
        if not self.robots.known(origin):
            async with self.robots.lock(origin):
                if not self.robots.known(origin):
                    await self._load_robots(origin)
        if not self.robots.allowed(origin, url):
            raise FetchError(url, "disallowed by robots.txt", permanent=True)

    async def _load_robots(self, origin: str) -> None:
        try:
            r = await self.get(origin + "/robots.txt", robots=False, retries=0)
        except FetchError as e:
            status = e.status if e.status is not None and 400 <= e.status < 500 else None
            self.robots.set(origin, status, b"")
            return
        self.robots.set(origin, r.status, r.body)

    # ------------------------------------------------------------ with retries

    async def get(
        self,
        url: str,
        etag: str | None = None,
        last_modified: str | None = None,
        robots: bool = True,
        retries: int | None = None,
    ) -> Response:
        """GET ``url`` politely; a 200 or a 304 comes back, anything else raises FetchError."""
        s = self.settings
        if not is_http_url(url):
            raise FetchError(url, "not an http(s) URL")
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        tries = (s.retries if retries is None else retries) + 1
        for attempt in range(tries):
            wait = s.backoff * (2**attempt)
            try:
                r, body, final = await asyncio.wait_for(
                    self._send_once(url, headers, robots), s.total_timeout
                )
            except (TimeoutError, httpx.TimeoutException):
                error = FetchError(url, f"timed out (limit {s.timeout:g} s)")
            except httpx.HTTPError as e:
                error = FetchError(url, f"network error ({type(e).__name__}: {e})")
            except (httpx.InvalidURL, ValueError, UnicodeError) as e:
                raise FetchError(url, f"bad URL ({e})", permanent=True) from None
            else:
                if r.status_code in (200, 304):
                    return Response(
                        url=url,
                        final_url=final,
                        status=r.status_code,
                        content_type=r.headers.get("content-type", ""),
                        body=body,
                        etag=r.headers.get("etag"),
                        last_modified=r.headers.get("last-modified"),
                    )
                error = FetchError(url, f"HTTP {r.status_code}", r.status_code)
                if r.status_code != 429 and r.status_code < 500:
                    raise error
                asked = retry_after_seconds(r.headers.get("retry-after"))
                if asked is not None:
                    if asked > s.max_retry_after:
                        raise FetchError(
                            url,
                            f"HTTP {r.status_code}, Retry-After {asked:g} s is over the "
                            f"limit of {s.max_retry_after:g} s",
                            r.status_code,
                        ) from None
                    wait = max(wait, asked)
            if attempt + 1 >= tries or self.should_stop():
                raise error
            log.info("%s: %s, retrying in %.2f s", url, error, wait)
            await self.sleep(wait)
        raise AssertionError("unreachable")

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
