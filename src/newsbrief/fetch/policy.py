"""Politeness and safety rules of the fetcher: settings, address checks, robots.txt, host gates.

- :class:`FetchSettings` holds every limit (timeouts, retries, sizes, rates).
- :func:`check_address` refuses private, loopback, link-local and other non-public
  addresses unless private addresses are allowed.
- :class:`Robots` keeps one parsed robots.txt per host (``urllib.robotparser``).
- :class:`HostGate` spaces requests to one host and caps how many run at once.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import time
from dataclasses import dataclass, replace
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.robotparser import RobotFileParser

from newsbrief import __version__
from newsbrief.errors import InputError

__all__ = [
    "AGENT",
    "FetchError",
    "FetchSettings",
    "HostGate",
    "Robots",
    "check_address",
    "is_public",
    "retry_after_seconds",
]

#: the product token robots.txt rules are matched against
AGENT = "newsbrief"


class FetchError(Exception):
    """A URL could not be fetched (or was refused); the message is one line."""

    def __init__(
        self, url: str, message: str, status: int | None = None, permanent: bool = False
    ) -> None:
        super().__init__(message)
        self.url = url
        self.status = status
        #: trying again later gives the same answer (refused, too large, 404, ...)
        self.permanent = permanent or (
            status is not None and 400 <= status < 500 and status not in (408, 429)
        )


@dataclass(frozen=True)
class FetchSettings:
    """Every limit of the fetcher. Defaults are for the open web; tests shorten them."""

    #: contact (URL or e-mail address) put in the User-Agent so site owners can reach you
    contact: str = ""
    #: seconds to connect, and between two reads of a response
    timeout: float = 10.0
    #: seconds one request may take in all (a server trickling bytes is cut off)
    total_timeout: float = 30.0
    #: retries after a 429 or 5xx answer or a network error
    retries: int = 3
    #: first wait before a retry, doubled each time (when no Retry-After is given)
    backoff: float = 1.0
    #: longest Retry-After honoured; a longer one ends the tries for this URL
    max_retry_after: float = 120.0
    #: largest body read (decompressed), in bytes
    max_bytes: int = 5 << 20
    #: redirects followed per request
    max_redirects: int = 5
    #: least seconds between the starts of two requests to one host
    delay: float = 1.0
    #: requests in flight at once to one host
    per_host: int = 2
    #: requests in flight at once in all
    concurrency: int = 16
    #: fetch private, loopback and link-local addresses too (a local test server)
    allow_private: bool = False
    #: seconds a host's robots.txt is kept before it is fetched again
    robots_ttl: float = 24 * 3600.0
    #: child sitemaps followed from one sitemap index
    max_sitemaps: int = 50

    def __post_init__(self) -> None:
        for name in ("timeout", "total_timeout", "backoff", "max_retry_after", "delay"):
            if getattr(self, name) < 0:
                raise InputError(f"{name} must be 0 or more, got {getattr(self, name)}")
        if self.timeout <= 0 or self.total_timeout <= 0:
            raise InputError("timeouts must be above 0")
        for name in ("per_host", "concurrency", "max_bytes"):
            if getattr(self, name) < 1:
                raise InputError(f"{name} must be at least 1, got {getattr(self, name)}")
        if self.retries < 0 or self.max_redirects < 0:
            raise InputError("retries and max_redirects must be 0 or more")

    @property
    def user_agent(self) -> str:
        """``newsbrief/VERSION (+CONTACT)``: names the tool and, when given, whom to contact."""
        contact = " ".join(self.contact.split())
        return f"{AGENT}/{__version__}" + (f" (+{contact})" if contact else "")

    def with_(self, **changes: Any) -> FetchSettings:
        return replace(self, **changes)


def is_public(ip: str) -> bool:
    """True when an IP address is a public (globally routable) unicast address."""
    addr = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    return not (
        addr.is_private
        or addr.is_loopback
        or addr.is_link_local
        or addr.is_multicast
        or addr.is_reserved
        or addr.is_unspecified
        or not addr.is_global
    )


async def check_address(url: str, host: str, port: int, allow_private: bool) -> None:
    """Refuse a host that is, or resolves to, a non-public address (unless allowed).

    Every address the name resolves to must be public: a name with one public and
    one private address is refused.
    """
    if allow_private:
        return
    bare = host.strip("[]")
    try:
        ipaddress.ip_address(bare.split("%", 1)[0])
        addresses = [bare]
    except ValueError:
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(bare, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as e:
            raise FetchError(url, f"cannot resolve {bare} ({e})") from None
        addresses = sorted({str(info[4][0]) for info in infos})
    for a in addresses:
        if not is_public(a):
            raise FetchError(
                url,
                f"refused: {bare} is a private, loopback or link-local address ({a}); "
                "pass --allow-private to fetch it",
                permanent=True,
            )


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds a Retry-After header asks to wait (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class Robots:
    """robots.txt of each host, parsed once and kept for ``ttl`` seconds.

    As RFC 9309 says: a robots.txt answering 4xx (none) allows everything; one that
    cannot be fetched (5xx, network error) disallows everything until fetched again.
    """

    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._parsers: dict[str, tuple[float, RobotFileParser | None, bool]] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    #: seconds an unreachable robots.txt (everything disallowed) is kept before a new try
    UNREACHABLE_TTL = 600.0

    def known(self, origin: str) -> bool:
        got = self._parsers.get(origin)
        if got is None:
            return False
        ttl = self.ttl if got[2] else min(self.ttl, self.UNREACHABLE_TTL)
        return time.monotonic() - got[0] < ttl

    def lock(self, origin: str) -> asyncio.Lock:
        return self._locks.setdefault(origin, asyncio.Lock())

    def set(self, origin: str, status: int | None, body: bytes) -> None:
        """Record the answer to ``origin/robots.txt`` (``status`` None: not reachable)."""
        now = time.monotonic()
        if status is not None and 200 <= status < 300:
            parser = RobotFileParser()
            parser.parse(body.decode("utf-8", "replace").splitlines())
            self._parsers[origin] = (now, parser, True)
        elif status is not None and 400 <= status < 500:
            self._parsers[origin] = (now, None, True)
        else:
            self._parsers[origin] = (now, None, False)

    def allowed(self, origin: str, url: str) -> bool:
        _, parser, reachable = self._parsers.get(origin, (0.0, None, True))
        if parser is None:
            return reachable
        return parser.can_fetch(AGENT, url)

    def crawl_delay(self, origin: str) -> float:
        _, parser, _ = self._parsers.get(origin, (0.0, None, True))
        if parser is None:
            return 0.0
        try:
            delay = parser.crawl_delay(AGENT)
        except (TypeError, ValueError):
            return 0.0
        return float(delay or 0.0)


class HostGate:
    """Spacing and concurrency per host: at most ``per_host`` requests at once, starts
    at least ``delay`` seconds apart (or the host's robots.txt Crawl-delay, if longer,
    capped at 60 s)."""

    def __init__(self, per_host: int, delay: float) -> None:
        self.per_host = per_host
        self.delay = delay
        self._sems: dict[str, asyncio.Semaphore] = {}
        self._next: dict[str, float] = {}

    def slot(self, host: str) -> asyncio.Semaphore:
        return self._sems.setdefault(host, asyncio.Semaphore(self.per_host))

    def _delay(self, extra_delay: float) -> float:
        return max(self.delay, min(extra_delay, 60.0))

    async def wait_free(self, host: str) -> None:
        """Sleep until this host may see the next request start (books nothing)."""
        wait = self._next.get(host, 0.0) - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)

    def book(self, host: str, extra_delay: float = 0.0) -> bool:
        """Book a request start now if the host's spacing allows it; False when it is early.

        Synchronous (no await between the check and the booking), so two tasks of one
        event loop never book the same turn.
        """
        now = time.monotonic()
        if now < self._next.get(host, 0.0):
            return False
        self._next[host] = now + self._delay(extra_delay)
        return True
