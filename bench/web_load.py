"""Load on `newsbrief serve` over a large store: list, search, event pages and POST.

Builds a temporary store of --articles invented articles (two reports per event, one
year of dates, 40 topics in made-up towns) plus the bundled Aleppo example, starts
uvicorn on 127.0.0.1 (a free port) and runs T client threads (httpx) doing requests
round-robin over: the event list at a random page (GET /?page=N), a search
(GET /?q=WORD: a town, i.e. one event, or a topic, i.e. 1/40 of the events), an event
page (GET /events/{id}) and POST /api/articles of one new article. Bounded: at most
--requests requests and --seconds of wall time. Prints p50/p99 latency, requests/s and
failures per endpoint as Markdown.

How the store is built: the Aleppo example goes through ``Store.add`` (grouping,
summarizing); the invented events are written in bulk into the same tables, each with
real vectors and a brief made of the lead sentence of each article, and indexed by the
store's own search-index code, because grouping and summarizing 100,000 articles takes
too long on a small machine. The pages read such a store exactly as a grown one.

    .venv/bin/python bench/web_load.py                      # 100,000 articles, 8 threads
    .venv/bin/python bench/web_load.py --articles 20000     # smaller, quicker
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
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
from newsbrief import store as store_mod
from newsbrief.digest import outlet
from newsbrief.group import rows_of, vectorize
from newsbrief.model import Article
from newsbrief.settings import Settings
from newsbrief.store import Store
from newsbrief.web import create_app

ROOT = Path(__file__).resolve().parents[1]
TOPICS = [
    "bridge", "flood", "election", "strike", "festival", "wildfire", "merger", "verdict",
    "outbreak", "launch", "protest", "drought", "earthquake", "summit", "recall", "tariff",
    "blackout", "derailment", "heatwave", "landslide", "ceasefire", "budget", "scandal",
    "eruption", "cyclone", "boycott", "referendum", "lockdown", "heist", "rescue",
    "spill", "collapse", "acquittal", "walkout", "shortage", "breakthrough", "ban",
    "pardon", "raid", "reform",
]  # fmt: skip
SYLLABLES = ["or", "ve", "ma", "ti", "qu", "as", "co", "de", "ey", "fe", "ka", "lu", "no", "pi"]
OUTLETS = ("north.example", "south.example")
START = dt.date(2030, 1, 1)


def town(i: int) -> str:
    """A made-up, unique town name for event ``i`` (letters only: one search word)."""
    out = ""
    n = i
    while True:
        out += SYLLABLES[n % len(SYLLABLES)]
        n //= len(SYLLABLES)
        if n == 0:
            return out.capitalize() + "ton"


def invented(i: int) -> list[Article]:
    """The two reports of invented event ``i``."""
    place, topic = town(i), TOPICS[i % len(TOPICS)]
    day = START + dt.timedelta(days=(i * 7919) % 365)
    out = []
    for k, name in enumerate(OUTLETS):
        text = (
            f"Officials in {place} confirmed the {topic} on {day:%A} after {i % 9 + 2} days "
            f"of reports, the council of {place} said. About {1000 + 7 * i + k} residents "
            f"were affected by the {topic}. Mayor Lee Park of {place} said help would arrive "
            f"within {10 + k} hours."
        )
        out.append(
            Article.create(
                text,
                title=f"{place} {topic}: council confirms",
                url=f"https://{name}/{place.lower()}-{topic}",
                source=name,
                published=day,
            )
        )
    return out


def lead_brief(event_id: str, arts: list[Article]) -> str:
    """A brief (as stored) made of the first sentence of each article."""
    sentences = [
        {
            "text": a.text.split(". ")[0] + ".",
            "article_id": a.id,
            "position": 0,
            "sources": [a.id],
            "citations": [n],
        }
        for n, a in enumerate(arts, 1)
    ]
    sources = [
        {
            "id": a.id,
            "title": a.title,
            "url": a.url,
            "source": a.source,
            "published": a.published.isoformat() if a.published else None,
            "origin": a.origin,
            "number": n,
            "duplicate_of": None,
        }
        for n, a in enumerate(arts, 1)
    ]
    words = sum(len(s["text"].split()) for s in sentences)
    return json.dumps(
        {
            "schema_version": 1,
            "event_id": event_id,
            "headline": sentences[0]["text"],
            "words": words,
            "sentences": sentences,
            "sources": sources,
            "facts": [],
            "disagreements": [],
        }
    )


def build(path: Path, n_articles: int, settings: Settings) -> dict[str, int]:
    """The benchmark store: Aleppo through ``add``, then the invented events in bulk."""
    with Store.open(path) as store:
        store.add(pipeline.load([ROOT / "examples" / "aleppo"], settings).articles, settings)
        con = store._con
        now = store_mod._now()
        n_events = n_articles // 2
        batch = 2000
        for lo in range(0, n_events, batch):
            events = [(i, invented(i)) for i in range(lo, min(n_events, lo + batch))]
            arts = [a for _, pair in events for a in pair]
            vectors = rows_of(vectorize(arts))
            vec = {a.id: store_mod._pack(v) for a, v in zip(arts, vectors, strict=True)}
            with store._write():
                for i, pair in events:
                    eid = f"b{i:011x}"
                    day = pair[0].published.isoformat() if pair[0].published else None
                    con.execute(
                        "INSERT INTO events(id, first, last, size, outlets, undated, version, "
                        "dirty, created, updated) VALUES (?, ?, ?, 2, 2, 0, 1, 0, ?, ?)",
                        (eid, day, day, now, now),
                    )
                    for a in pair:
                        con.execute(
                            "INSERT INTO articles(id, title, text, url, source, published, "
                            "origin, outlet, vector, added) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            (a.id, a.title, a.text, a.url, a.source, day, a.origin, outlet(a),
                             vec[a.id], now),
                        )  # fmt: skip
                        con.execute(
                            "INSERT INTO members(article_id, event_id) VALUES (?, ?)", (a.id, eid)
                        )
                    brief = lead_brief(eid, pair)
                    con.execute(
                        "INSERT INTO briefs(event_id, version, headline, words, brief, error, "
                        "made) VALUES (?, 1, ?, 40, ?, NULL, ?)",
                        (eid, json.loads(brief)["headline"], brief, now),
                    )
                    store_mod._index_event(con, eid)
            print(f"  built {min(n_events, lo + batch)} of {n_events} events", file=sys.stderr)
        con.execute("ANALYZE")
        return store.counts()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))] if s else float("nan")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000, help="invented articles (2/event)")
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--requests", type=int, default=2000, help="total requests (cap)")
    ap.add_argument("--seconds", type=float, default=60.0, help="wall-time cap of the load")
    ap.add_argument("--no-post", action="store_true", help="reads only (no POST in the mix)")
    ap.add_argument("--store", type=Path, help="build (or reuse) the store at this path")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    path = args.store or Path(tmp.name) / "store.db"
    settings = Settings()
    t0 = time.perf_counter()
    if args.store and path.exists():
        with Store.open(path) as store:
            counts = store.counts()
    else:
        counts = build(path, args.articles, settings)
    built = time.perf_counter() - t0
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(path, settings), host="127.0.0.1", port=port, log_level="error")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    n_events = counts["events"]
    pages = max(1, (n_events + 19) // 20)
    rng = random.Random(0)
    invented_events = args.articles // 2

    def search_word(i: int) -> str:
        return TOPICS[i % len(TOPICS)] if i % 2 else town(rng.randrange(invented_events))

    names = [
        "GET /?page=N (list)",
        "GET /?q=WORD (search)",
        "GET /events/{id}",
        "POST /api/articles",
    ]
    if args.no_post:
        names = names[:3]
    lat: dict[str, list[float]] = {n: [] for n in names}
    failures: dict[str, int] = {n: 0 for n in names}
    errors: dict[str, int] = {}
    lock = threading.Lock()
    counter = iter(range(args.requests))
    stop = time.monotonic() + args.seconds

    def one(c: httpx.Client, name: str, i: int) -> bool:
        if name.startswith("GET /?page"):
            r = c.get("/", params={"page": rng.randrange(1, pages + 1)})
        elif name.startswith("GET /?q"):
            r = c.get("/", params={"q": search_word(i)})
        elif name.startswith("GET /events"):
            r = c.get(f"/events/b{rng.randrange(invented_events):011x}")
        else:
            r = None
        if r is not None:
            if r.status_code != 200:
                with lock:
                    key = f"{name}: HTTP {r.status_code}"
                    errors[key] = errors.get(key, 0) + 1
            return r.status_code == 200
        new = invented(invented_events + i)[0]
        body = {"articles": [{"text": new.text, "title": new.title, "url": new.url,
                              "date": new.published.isoformat() if new.published else None}]}  # fmt: skip
        return c.post("/api/articles", json=body).status_code == 201

    def client() -> None:
        with httpx.Client(base_url=base, timeout=60) as c:
            while time.monotonic() < stop:
                with lock:
                    i = next(counter, None)
                if i is None:
                    return
                name = names[i % len(names)]
                t = time.perf_counter()
                try:
                    ok = one(c, name, i)
                except httpx.HTTPError as e:
                    ok = False
                    with lock:
                        errors[f"{name}: {type(e).__name__}"] = (
                            errors.get(f"{name}: {type(e).__name__}", 0) + 1
                        )
                d = time.perf_counter() - t
                with lock:
                    lat[name].append(d)
                    failures[name] += not ok

    t1 = time.perf_counter()
    workers = [threading.Thread(target=client) for _ in range(args.threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    wall = time.perf_counter() - t1
    server.should_exit = True
    thread.join(5)
    every = [x for n in names for x in lat[n]]
    print(
        f"store: {counts['articles']} articles, {counts['events']} events (built in {built:.0f} s); "
        f"{args.threads} client threads, {len(every)} requests in {wall:.1f} s over loopback\n"
    )
    print("| endpoint | requests | req/s | p50 ms | p99 ms | failures |")
    print("|---|---:|---:|---:|---:|---:|")
    for n in names:
        v = lat[n] or [float("nan")]
        print(
            f"| {n} | {len(lat[n])} | {len(lat[n]) / wall:.0f} | {1000 * statistics.median(v):.1f} "
            f"| {1000 * pct(v, 0.99):.1f} | {failures[n]} |"
        )
    total_fail = sum(failures.values())
    for k, v in sorted(errors.items()):
        print(f"\nfailed: {k} ({v})")
    tmp.cleanup()
    return 1 if total_fail else 0


if __name__ == "__main__":
    sys.exit(main())
