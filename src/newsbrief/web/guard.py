"""ASGI middleware in front of every route: the Host allow-list and the request size limit.

Both answer before the app sees the request, with a JSON ``{"detail": ...}`` body and the
same security headers as the app's own responses.

- **Host allow-list** (against DNS rebinding: a page on ``evil.example`` whose name
  resolves to 127.0.0.1 reaches the server with ``Host: evil.example``, and its own
  ``Origin`` matches that Host): a request whose ``Host`` names another host than the
  allowed ones gets 421 on every route. The port is not compared. ``*`` allows any host.
- **Size limit**: a ``Content-Length`` over the limit gets 413 at once; a body sent
  without one (chunked) is counted as it arrives and gets 413 as soon as it passes the
  limit (the app reads bodies before it answers, so nothing has been sent yet).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

from starlette.exceptions import HTTPException

__all__ = ["DEFAULT_HOSTS", "RequestGuard", "host_name", "normalize_host"]

#: the hosts a server answers for by default (besides the address it listens on)
DEFAULT_HOSTS = ("localhost", "127.0.0.1", "[::1]")

Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


def normalize_host(name: str) -> str:
    """A host name as compared: lower case, no trailing dot, IPv6 in brackets."""
    name = name.strip().lower().rstrip(".")
    if ":" in name and not name.startswith("["):
        name = f"[{name}]"  # a bare IPv6 address
    return name


def host_name(header: str) -> str:
    """The host of a ``Host`` header value, without its port."""
    value = header.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        return value[: end + 1] if end > 0 else value
    return normalize_host(value.rsplit(":", 1)[0] if value.count(":") == 1 else value)


def security_headers(csp: str) -> list[tuple[bytes, bytes]]:
    """The headers every response carries."""
    return [
        (b"content-security-policy", csp.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
        (b"x-frame-options", b"DENY"),
    ]


async def send_json(send: Send, status: int, detail: str, csp: str) -> None:
    """Answer with ``{"detail": detail}``."""
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
                *security_headers(csp),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class RequestGuard:
    """Host allow-list, body size limit and security headers for every response."""

    def __init__(self, app: Any, hosts: Iterable[str], limit: int, csp: str) -> None:
        self.app = app
        self.hosts = frozenset(normalize_host(h) for h in hosts)
        self.any_host = "*" in self.hosts
        self.limit = limit
        self.csp = csp
        self.headers = security_headers(csp)

    def allowed(self, host: str | None) -> bool:
        """Whether a request with this ``Host`` header (None: none sent) is served."""
        if host is None or self.any_host:
            return True  # no Host: HTTP/1.0 or a script; browsers always send one
        return host_name(host) in self.hosts

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        raw_host = headers.get(b"host")
        host = raw_host.decode("latin-1") if raw_host is not None else None
        if not self.allowed(host):
            if scope["type"] == "http":
                name = host_name(host or "")[:100]
                await send_json(
                    send,
                    421,
                    f"this server does not answer for host {name!r} "
                    "(start it with --allow-host NAME to allow a name)",
                    self.csp,
                )
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = headers.get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                await send_json(send, 400, "bad Content-Length header", self.csp)
                return
            if declared > self.limit:
                await send_json(send, 413, f"request body over {self.limit} bytes", self.csp)
                return
        seen = 0

        async def limited() -> MutableMapping[str, Any]:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    # raised inside the endpoint that reads the body: the app's
                    # exception handler answers 413 (nothing was sent before)
                    raise HTTPException(413, f"request body over {self.limit} bytes")
            return message

        async def with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in have]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, limited, with_headers)
