"""A local HTTP server on 127.0.0.1 for the fetch tests: routes, request log, in-flight count.

Nothing here touches the network: the server binds 127.0.0.1 on a free port.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Handler = Callable[["_Handler"], tuple[int, dict[str, str], bytes]]


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    ctype: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    etag: str | None = None
    no_length: bool = False
    handler: Handler | None = None


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    start: float
    status: int = 0


class _Handler(BaseHTTPRequestHandler):
    server: _Server  # type: ignore[assignment]
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802
        site = self.server.site
        hit = Hit(self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic())
        with site.lock:
            site.hits.append(hit)
            site.inflight += 1
            site.max_inflight = max(site.max_inflight, site.inflight)
        counted = True
        try:
            route = site.routes.get(self.path)
            if route is None:
                status, headers, body = 404, {"Content-Type": "text/plain"}, b"not found"
            elif route.handler is not None:
                status, headers, body = route.handler(self)
            else:
                if route.delay:
                    time.sleep(route.delay)
                status, body = route.status, route.body
                headers = {"Content-Type": route.ctype, **route.headers}
                if route.etag:
                    headers["ETag"] = route.etag
                    if self.headers.get("If-None-Match") == route.etag:
                        status, body = 304, b""
            hit.status = status
            with site.lock:  # counted while the request is being answered, not sent
                site.inflight -= 1
                counted = False
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            if route is not None and route.no_length:
                self.send_header("Connection", "close")
                self.close_connection = True
            else:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass
        finally:
            if counted:
                with site.lock:
                    site.inflight -= 1


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: Site

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hangs up (a timeout, a size cap) is expected here


class Site:
    """One server: ``site.routes[path] = Route(...)``; ``site.url(path)``; ``site.hits``."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        self.inflight = 0
        self.max_inflight = 0
        self.server = _Server((host, 0), _Handler)
        self.server.site = self
        self.host = host
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}"

    def paths(self) -> list[str]:
        with self.lock:
            return [h.path for h in self.hits]

    def clear(self) -> None:
        with self.lock:
            self.hits.clear()
            self.max_inflight = 0

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


_WORDS = (
    "council harbour river budget rail school clinic bridge festival market museum court "
    "ferry tunnel library stadium factory airport reservoir orchestra hospital station"
).split()


def article_html(n: int, title: str | None = "default", date: str | None = "2024-05-0") -> bytes:
    """A news page: distinct paragraphs about topic ``n``; title and date optional."""
    topic = _WORDS[n % len(_WORDS)]
    other = _WORDS[(n * 7 + 3) % len(_WORDS)]
    paras = [
        f"The city {topic} project number {n} was approved by the regional assembly on "
        f"Tuesday after a long debate about costs, schedules and the {other} plan.",
        f"Officials said the {topic} works would begin next spring and last about {n + 2} "
        f"months, with most of the money coming from the national {other} fund.",
        f"Residents near the {topic} site told reporters they welcomed the decision but "
        f"worried about noise, traffic and the closure of the old {other} for a season.",
        f"The opposition leader called the {topic} vote rushed and asked for an audit of "
        f"the {other} contracts signed last year by the previous administration.",
        f"A final report on the {topic} is expected in the autumn, the assembly said in a "
        f"statement published on its website late on Tuesday evening.",
    ]
    head = ""
    if title is not None:
        head += f"<title>{title if title != 'default' else f'{topic.title()} plan {n}'}</title>"
    if date is not None:
        day = (n % 9) + 1
        head += f'<meta property="article:published_time" content="{date}{day}">'
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>"
        f"<article>{body}</article></body></html>"
    ).encode()


def rss(items: list[tuple[str, str, str]], title: str = "Local news") -> bytes:
    """An RSS 2.0 feed of (link, title, RFC 2822 date) items."""
    parts = [
        f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate></item>"
        for link, t, d in items
    ]
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.org/</link><description>x</description>"
        + "".join(parts)
        + "</channel></rss>"
    ).encode()


def atom(items: list[tuple[str, str, str]]) -> bytes:
    """An Atom feed of (link, title, ISO date) entries."""
    parts = [
        f'<entry><title>{t}</title><link href="{link}"/><id>{link}</id>'
        f"<updated>{d}</updated></entry>"
        for link, t, d in items
    ]
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Atom news</title><id>urn:x</id><updated>2024-05-01T00:00:00Z</updated>"
        + "".join(parts)
        + "</feed>"
    ).encode()


def news_sitemap(items: list[tuple[str, str, str]]) -> bytes:
    """A Google News sitemap of (loc, title, ISO date) urls."""
    parts = [
        f"<url><loc>{loc}</loc><news:news><news:publication><news:name>X</news:name>"
        f"<news:language>en</news:language></news:publication>"
        f"<news:publication_date>{d}</news:publication_date><news:title>{t}</news:title>"
        "</news:news></url>"
        for loc, t, d in items
    ]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        + "".join(parts)
        + "</urlset>"
    ).encode()
