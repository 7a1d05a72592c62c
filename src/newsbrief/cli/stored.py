"""Commands on a store: add, watch, events, show, serve."""

from __future__ import annotations

import argparse
import os
import sys

from newsbrief.cli.common import (
    PROG,
    _Bars,
    _group_settings,
    _paths,
    _warn,
    _why,
    _write,
)
from newsbrief.errors import InputError, NewsbriefError
from newsbrief.settings import Settings


def _open_store(path: str, create: bool):  # noqa: ANN202 - Store, imported lazily
    from newsbrief.store import Store

    return Store.open(path, create=create)


def _fetch_settings(args: argparse.Namespace):  # noqa: ANN202 - FetchSettings, lazily
    from newsbrief.fetch import FetchSettings

    options: dict[str, object] = {
        "allow_private": args.allow_private,
        "contact": args.contact
        if args.contact is not None
        else os.environ.get("NEWSBRIEF_CONTACT", ""),
    }
    for name in ("timeout", "delay", "retries"):
        if getattr(args, name, None) is not None:
            options[name] = getattr(args, name)
    if args.timeout is not None:
        options["total_timeout"] = max(args.timeout * 3, args.timeout)
    return FetchSettings(**options)  # type: ignore[arg-type]


def _fetch_urls(store, urls: list[str], args: argparse.Namespace, settings: Settings):  # noqa: ANN001, ANN202
    import asyncio

    from newsbrief.fetch import Fetcher, poll

    fetch_settings = _fetch_settings(args)

    async def run():  # noqa: ANN202
        async with Fetcher(fetch_settings) as fetcher:
            return await poll(store, fetcher, urls, settings)

    return asyncio.run(run())


def cmd_add(args: argparse.Namespace) -> int:
    from newsbrief import pipeline
    from newsbrief.fetch.urls import is_http_url

    settings = _group_settings(args)
    urls = [i for i in args.inputs if is_http_url(i)]
    paths = [i for i in args.inputs if not is_http_url(i)]
    with _open_store(args.store, create=True) as store:
        fetched = None
        if urls:
            fetched = _fetch_urls(store, urls, args, settings)
            for p in fetched.problems:
                _warn(p)
        bars = _Bars(args.quiet)
        try:
            loaded = pipeline.load(_paths(paths), settings, sys.stdin.buffer, bars)
        finally:
            bars.close()
        for p in loaded.problems:
            _warn(p)
        try:
            report = store.add(loaded.articles, settings, progress=bars)
        finally:
            bars.close()
        for p in report.problems:
            _warn(p)
        counts = store.counts()
    new, known = report.new, report.known
    created, grown = len(report.created), len(report.touched) - len(report.created)
    if fetched is not None:
        new += fetched.new
        known += fetched.known
        created += len(fetched.created)
        grown += len(fetched.updated)
    if not args.quiet:
        fetched_part = ""
        if fetched is not None:
            fetched_part = f"{fetched.fetched} page(s) fetched"
            if fetched.skipped:
                fetched_part += f", {fetched.skipped} link(s) that gave no article before skipped"
            fetched_part += "; "
        print(
            f"added {new} article(s) ({known} already stored): {fetched_part}"
            f"{created} new event(s), {grown} grown; "
            f"{len(report.summarized) + (len(fetched.summarized) if fetched else 0)} "
            "brief(s) written. "
            f"{args.store}: {counts['articles']} articles, {counts['events']} events"
        )
    if not loaded.articles and (fetched is None or not (fetched.new or fetched.known)):
        problems = loaded.problems + (fetched.problems if fetched is not None else [])
        raise InputError("no usable article in the input" + _why(problems))
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    import asyncio
    from datetime import UTC, datetime

    from newsbrief.fetch import parse_interval, read_feeds_file, watch

    every = parse_interval(args.every)
    feeds = read_feeds_file(args.feeds)
    fetch_settings = _fetch_settings(args)
    settings = _group_settings(args)

    def line(text: str) -> None:
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        print(f"{stamp} {text}", flush=True)

    with _open_store(args.store, create=True) as store:
        if not args.quiet:
            line(f"watching {len(feeds)} feed(s) every {args.every} into {args.store}")
        asyncio.run(
            watch(store, feeds, every, fetch_settings, settings, log_line=line, cycles=args.cycles)
        )
        if not args.quiet:
            line("stopped")
    return 0


def cmd_events(args: argparse.Namespace) -> int:
    import json

    from newsbrief.render import md_escape, render_digest

    with _open_store(args.store, create=False) as store:
        listed = store.events()
        if args.format == "html":
            items = [store.brief(s.event.id) for s in listed]
            _write(render_digest(items, "html"), args.output)
            return 0
    if args.format == "json":
        data = [
            {
                "id": s.event.id,
                "first": s.event.first.isoformat() if s.event.first else None,
                "last": s.event.last.isoformat() if s.event.last else None,
                "size": s.event.size,
                "outlets": s.outlets,
                "headline": s.headline,
                "pending": s.dirty,
            }
            for s in listed
        ]
        _write(json.dumps(data, ensure_ascii=False, indent=2) + "\n", args.output)
        return 0

    def when(s) -> str:  # noqa: ANN001
        e = s.event
        return (e.last or e.first).isoformat() if (e.last or e.first) else "undated"

    if args.format == "markdown":
        out = ["| event | outlets | articles | latest | headline |", "|---|---:|---:|---|---|"]
        for s in listed:
            head = md_escape(" ".join(s.headline.split()) or "(brief pending)")
            out.append(f"| `{s.event.id}` | {s.outlets} | {s.event.size} | {when(s)} | {head} |")
    else:
        out = [f"{'event':<12}  {'outlets':>7}  {'articles':>8}  {'latest':<10}  headline"]
        for s in listed:
            head = " ".join(s.headline.split()) or "(brief pending: run newsbrief add)"
            if len(head) > 100:
                head = head[:99].rsplit(" ", 1)[0] + "…"
            out.append(
                f"{s.event.id:<12}  {s.outlets:>7}  {s.event.size:>8}  {when(s):<10}  {head}"
            )
    _write("\n".join(out) + "\n", args.output)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from newsbrief.render import render_event

    with _open_store(args.store, create=False) as store:
        event, brief = store.brief(args.event, _group_settings(args))
    _write(render_event(event, brief, args.format), args.output)
    return 0


def _listen(host: str, port: int):  # noqa: ANN202 - socket.socket
    """A listening TCP socket on host:port (port 0: any free port); one-line errors."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (OSError, UnicodeError) as e:
        raise InputError(
            f"cannot listen on {host!r}: {getattr(e, 'strerror', None) or e}"
        ) from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError as e:
        sock.close()
        raise NewsbriefError(f"cannot listen on {host} port {port}: {e.strerror or e}") from None
    sock.set_inheritable(True)
    return sock


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from newsbrief.web import create_app
        from newsbrief.web.guard import DEFAULT_HOSTS, normalize_host
    except ImportError as e:
        raise InputError(
            f"the web server needs the web extra ({e.name} is missing): "
            "pip install 'newsbrief[web]'"
        ) from None
    hosts = [*DEFAULT_HOSTS, normalize_host(args.host), *(args.allow_host or [])]
    app = create_app(args.store, _group_settings(args), allowed_hosts=hosts)
    sock = _listen(args.host, args.port)
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    print(f"{PROG}: serving {args.store} at http://{shown}:{port}/ (Ctrl-C stops)", flush=True)
    config = uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=30)
    uvicorn.Server(config).run(sockets=[sock])
    return 0
