"""Fetch benchmark: articles fetched and stored per second from 20 local hosts, and the
time of an unchanged poll of 40 feeds.

Twenty HTTP servers on 127.0.0.1 (distinct ports: the fetcher counts each as its own
host, with its own rate limit and robots.txt) each serve two RSS feeds (with ETags)
and their share of the pages. Pages are the real HTML of
../shared/data/extraction-benchmark/ when present (181 pages), else synthetic news
pages. Nothing leaves the machine.

Measured (each with a fresh store):

1. ``add`` of the 40 feeds: every page fetched, read with the HTML reader, cleaned,
   grouped and briefed; articles stored per second, with the fetch-only part timed
   separately (same pages, no reading or storing);
2. a second poll of the same 40 feeds with the same fetcher: every feed answers 304.

Both at ``--delay 0`` (what the machine does) and at the default politeness (1 s
between requests to one host, 2 at once), which bounds the rate at 20 hosts x 1/s.

    .venv/bin/python bench/fetch_speed.py            # rewrites a section of docs/watch.md
    .venv/bin/python bench/fetch_speed.py --pages 60 --no-write
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the local test server
sys.path.insert(0, str(ROOT / "bench"))

from fetchserver import Route, Site, article_html, rss  # noqa: E402
from mdsection import machine, replace_section  # noqa: E402
from newsbrief.fetch import Fetcher, FetchSettings, poll  # noqa: E402
from newsbrief.store import Store  # noqa: E402

HTML = ROOT.parent / "shared" / "data" / "extraction-benchmark" / "html"
DOC = ROOT / "docs" / "watch.md"
HOSTS = 20
FEEDS_PER_HOST = 2
DATE = "Tue, 07 May 2024 10:00:00 GMT"


def pages(limit: int) -> tuple[list[bytes], str]:
    files = sorted(HTML.glob("*.html.gz"))[:limit] if HTML.is_dir() else []
    if files:
        return [gzip.decompress(f.read_bytes()) for f in files], "extraction-benchmark HTML"
    return [article_html(i) for i in range(limit)], "synthetic pages"


def build(sites: list[Site], bodies: list[bytes]) -> list[str]:
    """Spread the pages over the hosts; two feeds per host; returns the 40 feed URLs."""
    links: list[list[str]] = [[] for _ in sites]
    for i, body in enumerate(bodies):
        h = i % len(sites)
        path = f"/article/{i}.html"
        sites[h].routes[path] = Route(body=body)
        links[h].append(sites[h].url(path))
    feeds = []
    for h, site in enumerate(sites):
        for k in range(FEEDS_PER_HOST):
            items = [(u, f"Article {u.rsplit('/', 1)[1]}", DATE) for u in links[h][k::2]]
            path = f"/feed{k}.xml"
            site.routes[path] = Route(
                body=rss(items), ctype="application/rss+xml", etag=f'"{h}-{k}"'
            )
            feeds.append(site.url(path))
    return feeds


async def fetch_only(settings: FetchSettings, urls: list[str]) -> float:
    async with Fetcher(settings) as f:
        t = time.perf_counter()
        await asyncio.gather(*(f.get(u) for u in urls))
        return time.perf_counter() - t


async def add_then_unchanged(settings: FetchSettings, feeds: list[str], db: Path) -> dict:
    with Store.open(db) as store:
        async with Fetcher(settings) as f:
            t = time.perf_counter()
            first = await poll(store, f, feeds, track=True)
            t_add = time.perf_counter() - t
            t = time.perf_counter()
            second = await poll(store, f, feeds, track=True)
            t_same = time.perf_counter() - t
        counts = store.counts()
    return {
        "add_s": t_add,
        "new": first.new,
        "fetched": first.fetched,
        "events": counts["events"],
        "errors": sum(first.errors.values()),
        "unchanged_s": t_same,
        "unchanged": second.unchanged,
        "second_new": second.new,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=181, help="pages to serve (default 181)")
    ap.add_argument("--no-write", action="store_true", help="print only; leave docs/watch.md")
    ap.add_argument(
        "--skip-polite", action="store_true", help="only the --delay 0 run (the polite one is slow)"
    )
    args = ap.parse_args()
    bodies, kind = pages(args.pages)
    sites = [Site() for _ in range(HOSTS)]
    try:
        feeds = build(sites, bodies)
        page_urls = [s.url(p) for s in sites for p in s.routes if p.startswith("/article/")]
        rows = []
        modes = [("delay 0, 2 per host", FetchSettings(allow_private=True, delay=0.0))]
        if not args.skip_polite:
            modes.append(("default: delay 1 s, 2 per host", FetchSettings(allow_private=True)))
        for label, settings in modes:
            t_fetch = asyncio.run(fetch_only(settings, page_urls))
            with tempfile.TemporaryDirectory() as tmp:
                r = asyncio.run(add_then_unchanged(settings, feeds, Path(tmp) / "b.sqlite"))
            r.update(label=label, fetch_s=t_fetch)
            rows.append(r)
            print(label, {k: round(v, 3) if isinstance(v, float) else v for k, v in r.items()})
    finally:
        for s in sites:
            s.close()
    n = len(bodies)
    lines = [
        f"{n} {kind} over {HOSTS} local hosts (127.0.0.1, one port each), "
        f"{HOSTS * FEEDS_PER_HOST} RSS feeds with ETags; {machine()}.",
        "Command: `.venv/bin/python bench/fetch_speed.py`.",
        "",
        "| politeness | fetch only: pages/s | add (fetch, read, group, brief): articles/s "
        "| articles stored | events | unchanged poll of 40 feeds |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['label']} | {n / r['fetch_s']:.1f} | {r['new'] / r['add_s']:.1f} "
            f"({r['add_s']:.1f} s) | {r['new']} | {r['events']} | {r['unchanged_s']:.2f} s "
            f"({r['unchanged']} x 304, {r['second_new']} new) |"
        )
    table = "\n".join(lines)
    print(table)
    if not args.no_write:
        replace_section(DOC, "fetch-bench", table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
