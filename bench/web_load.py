"""Load on `newsbrief serve`: concurrent clients reading events and briefs over loopback.

Starts uvicorn on 127.0.0.1 (a free port) over a temporary store seeded with the bundled
Aleppo example plus N invented events, then runs T client threads (httpx), each doing
requests round-robin over: GET /api/events, GET /api/events/{id}, GET
/api/events/{id}/brief?words=80 and the HTML page /events/{id}. Bounded: at most
--requests requests in all and --seconds of wall time. Prints requests/s, p50/p99
latency and failures, for every endpoint and overall, as Markdown.

    .venv/bin/python bench/web_load.py            # defaults: 8 threads, 2000 requests, 30 s
"""

from __future__ import annotations

import argparse
import datetime as dt
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from newsbrief import pipeline
from newsbrief.model import Article
from newsbrief.settings import Settings
from newsbrief.store import Store
from newsbrief.web import create_app

ROOT = Path(__file__).resolve().parents[1]
PLACES = ["Orla", "Vesk", "Marrow", "Tiber", "Quell", "Ashby", "Corran", "Delft", "Eyre", "Fenn"]


def invented(n: int) -> list[Article]:
    """Two short reports for each of ``n`` invented events (bridge openings in made-up towns)."""
    out = []
    for i in range(n):
        town = f"{PLACES[i % len(PLACES)]}{i}"
        for k, outlet in enumerate(("north.example", "south.example")):
            text = (
                f"The new bridge in {town} opened to traffic on Monday after {i % 9 + 2} years "
                f"of work, the council of {town} said. About {1000 + 100 * i + k} cars crossed "
                f"it on the first day. Mayor Lee Park of {town} said the bridge would cut "
                f"travel times to the coast by {10 + k} minutes."
            )
            out.append(
                Article.create(
                    text,
                    title=f"{town} bridge opens",
                    url=f"https://{outlet}/{town}",
                    source=outlet,
                    published=dt.date(2030, 1, 1) + dt.timedelta(days=4 * i),
                )
            )
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))] if s else float("nan")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--requests", type=int, default=2000, help="total requests (cap)")
    ap.add_argument("--seconds", type=float, default=30.0, help="wall-time cap")
    ap.add_argument("--events", type=int, default=20, help="invented events besides Aleppo")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    path = Path(tmp.name) / "store.db"
    settings = Settings()
    with Store.open(path) as store:
        store.add(pipeline.load([ROOT / "examples" / "aleppo"], settings).articles, settings)
        store.add(pipeline.clean_articles(invented(args.events), settings), settings)
        counts = store.counts()
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(path, settings), host="127.0.0.1", port=port, log_level="error")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    ids = [e["id"] for e in httpx.get(base + "/api/events").json()["events"]]
    paths = {
        "GET /api/events": lambda i: "/api/events",
        "GET /api/events/{id}": lambda i: f"/api/events/{ids[i % len(ids)]}",
        "GET /api/events/{id}/brief?words=80": lambda i: (
            f"/api/events/{ids[i % len(ids)]}/brief?words=80"
        ),
        "GET /events/{id} (HTML)": lambda i: f"/events/{ids[i % len(ids)]}",
    }
    names = list(paths)
    lat: dict[str, list[float]] = {n: [] for n in names}
    failures: dict[str, int] = {n: 0 for n in names}
    lock = threading.Lock()
    counter = iter(range(args.requests))
    stop = time.monotonic() + args.seconds

    def client() -> None:
        with httpx.Client(base_url=base, timeout=30) as c:
            while time.monotonic() < stop:
                with lock:
                    i = next(counter, None)
                if i is None:
                    return
                name = names[i % len(names)]
                t0 = time.perf_counter()
                try:
                    ok = c.get(paths[name](i // len(names))).status_code == 200
                except httpx.HTTPError:
                    ok = False
                dt_ = time.perf_counter() - t0
                with lock:
                    lat[name].append(dt_)
                    failures[name] += not ok

    t0 = time.perf_counter()
    workers = [threading.Thread(target=client) for _ in range(args.threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    wall = time.perf_counter() - t0
    server.should_exit = True
    thread.join(5)
    every = [x for n in names for x in lat[n]]
    print(
        f"{args.threads} client threads, {len(every)} requests in {wall:.1f} s over loopback; "
        f"store: {counts['articles']} articles, {counts['events']} events\n"
    )
    print("| endpoint | requests | req/s | p50 ms | p99 ms | failures |")
    print("|---|---:|---:|---:|---:|---:|")
    for n in names:
        v = lat[n]
        print(
            f"| {n} | {len(v)} | {len(v) / wall:.0f} | {1000 * statistics.median(v):.1f} | "
            f"{1000 * pct(v, 0.99):.1f} | {failures[n]} |"
        )
    total_fail = sum(failures.values())
    print(
        f"| all | {len(every)} | {len(every) / wall:.0f} | {1000 * statistics.median(every):.1f} | "
        f"{1000 * pct(every, 0.99):.1f} | {total_fail} |"
    )
    tmp.cleanup()
    return 1 if total_fail else 0


if __name__ == "__main__":
    sys.exit(main())
