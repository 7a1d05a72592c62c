"""Load on the web server over a large store: list, search, event pages, during POSTs too.

Builds a store of --articles invented articles (two reports per event, one year of
dates; each event has its own made-up town, person and eight common English words, and
one of 40 topic words) plus the bundled Aleppo example, starts the server in its own
process (as ``newsbrief serve``: uvicorn, writes on the writer process, or a writer
thread with ``--writer thread``) and runs two phases of --seconds each over loopback:

1. reads only: --threads client threads (httpx), each round-robin over a random page of
   the list (GET /?page=N), a search (GET /?q=WORD: a town, one event; or a topic, 1/40
   of the events) and a random event page (GET /events/{id});
2. the same reads while one more client POSTs --post-articles new articles at a time,
   back to back (skip with --no-post).

Prints p50/p99 latency, requests/s and failures per endpoint as Markdown, with the
machine's load average (the figures mean little on a machine other work keeps busy).

How the store is built (--build):

- ``bulk`` (default): the rows ``Store.add`` would write for the invented events (real
  grouping vectors, the store's own search index), each with a lead-sentence brief,
  written in a few large transactions. About 20 s for 100,000 articles here.
- ``add``: the real path, one ``Store.add`` a day in date order (as a daily feed adds
  them): cleaning, grouping against the stored events of nearby days, summarizing every
  new event. 195 s for 10,000 articles on this shared 2-core machine (load average about
  8), so about half an hour or more for 100,000: too long to run here each time.

How far off the bulk store is: built through ``add``, 10,000 invented articles gave
4,997 of the 5,000 invented events exactly (one pair of events merged into one), and
``--check-grouping`` regroups the 1,918 articles of the seven busiest days of the
100,000-article store afresh: 953 of 959 events come out exactly as bulk-inserted. The
bulk briefs are shorter (lead sentences, no facts) than ``add``'s, so an event page
reads a smaller brief; the page still compares facts afresh from the articles.

    .venv/bin/python bench/web_load.py                          # 100,000 articles, bulk
    .venv/bin/python bench/web_load.py --articles 10000 --build add --store /tmp/s.db
    .venv/bin/python bench/web_load.py --store /tmp/s.db --writer thread --post-articles 100
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn
from wordfreq import top_n_list

from newsbrief import pipeline
from newsbrief.digest import outlet
from newsbrief.group import group_articles, rows_of, vectorize
from newsbrief.model import Article
from newsbrief.settings import Settings
from newsbrief.store import Store
from newsbrief.store import common as store_common
from newsbrief.store import search as store_search
from newsbrief.text import STOPWORDS
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


#: content words of the invented events: common English words (wordfreq ranks 1000-10000),
#: so that two events share little more than the frame words of their sentences
VOCAB = [
    w for w in top_n_list("en", 10_000)[1000:] if w.isalpha() and len(w) >= 5 and w not in STOPWORDS
]


def invented(i: int) -> list[Article]:
    """The two reports of invented event ``i``: the same town, person, topic and ten
    content words, in different sentences; other events share only frame words."""
    rng = random.Random(i)
    place, topic = town(i), TOPICS[i % len(TOPICS)]
    day = START + dt.timedelta(days=(i * 7919) % 365)
    w = rng.sample(VOCAB, 8)
    who = f"{town(i * 17 + 3).removesuffix('ton')}a {town(i * 31 + 7).removesuffix('ton')}son"
    n = rng.randrange(2, 90)
    texts = [
        f"The {topic} in {place} left the {w[0]} and the {w[1]} without {w[2]} on {day:%A}, "
        f"officials said. {who} said {n} {w[3]} had been sent to the {w[4]} of {place}. "
        f"The {w[5]} and the {w[6]} were to {w[7]} by the end of the week.",
        f"{who} told reporters that {n} {w[3]} reached the {w[4]} of {place}. "
        f"The {w[0]} and the {w[1]} had no {w[2]} for a day. In {place}, the {w[5]} and "
        f"the {w[6]} would {w[7]} soon after the {topic}, {who.split()[1]} said.",
    ]
    titles = [
        f"{place}: {w[0]} and {w[1]} without {w[2]}",
        f"{who} on {w[3]} for the {w[4]} of {place}",
    ]
    return [
        Article.create(
            text, title=title, url=f"https://{name}/{place.lower()}-{topic}", source=name,
            published=day,
        )
        for text, title, name in zip(texts, titles, OUTLETS, strict=True)
    ]  # fmt: skip


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


def build_bulk(path: Path, n_events: int) -> None:
    """The invented events written in bulk: the rows ``Store.add`` would write for them
    (real vectors, the store's own search index), with a lead-sentence brief."""
    with Store.open(path) as store:
        con = store._con
        now = store_common._now()
        batch = 2000
        for lo in range(0, n_events, batch):
            events = [(i, invented(i)) for i in range(lo, min(n_events, lo + batch))]
            arts = [a for _, pair in events for a in pair]
            vectors = rows_of(vectorize(arts))
            vec = {a.id: store_common._pack(v) for a, v in zip(arts, vectors, strict=True)}
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
                    store_search._index_event(con, eid)
            print(f"  built {min(n_events, lo + batch)} of {n_events} events", file=sys.stderr)
        con.execute("ANALYZE")


def build_add(path: Path, n_events: int, settings: Settings) -> None:
    """The invented events through the real path: one ``Store.add`` per day, in date order
    (as a daily feed would add them): cleaning, grouping against the stored events of the
    nearby days, summarizing every new event."""
    by_day: dict[dt.date, list[Article]] = {}
    for i in range(n_events):
        pair = invented(i)
        by_day.setdefault(pair[0].published, []).extend(pair)  # type: ignore[arg-type]
    with Store.open(path) as store:
        for k, day in enumerate(sorted(by_day), 1):
            store.add(pipeline.clean_articles(by_day[day], settings), settings)
            if k % 30 == 0 or k == len(by_day):
                print(f"  added {k} of {len(by_day)} days", file=sys.stderr)
        store._con.execute("ANALYZE")


def build(path: Path, n_articles: int, settings: Settings, how: str) -> dict[str, int]:
    """The benchmark store: the Aleppo example through ``add``, then the invented events."""
    with Store.open(path) as store:
        store.add(pipeline.load([ROOT / "examples" / "aleppo"], settings).articles, settings)
    if how == "add":
        build_add(path, n_articles // 2, settings)
    else:
        build_bulk(path, n_articles // 2)
    with Store.open(path) as store:
        return store.counts()


def grouping_check(path: Path, n_events: int, settings: Settings, days: int = 7) -> str:
    """How far the bulk store is from what grouping makes of the same articles: the
    articles of ``days`` consecutive days (the store's busiest density) grouped by
    ``group_articles``; how many invented events come out exactly as two-article events."""
    first = START + dt.timedelta(days=180)
    wanted = [
        i for i in range(n_events)
        if 0 <= ((START + dt.timedelta(days=(i * 7919) % 365)) - first).days < days
    ]  # fmt: skip
    arts = [a for i in wanted for a in invented(i)]
    t = time.perf_counter()
    events = group_articles(pipeline.clean_articles(arts, settings), settings)
    took = time.perf_counter() - t
    pairs = {frozenset(a.id for a in invented(i)) for i in wanted}
    exact = sum(frozenset(e.article_ids) in pairs for e in events)
    return (
        f"grouping check: the {len(arts)} articles of {days} days ({len(wanted)} invented "
        f"events) grouped afresh in {took:.1f} s into {len(events)} events; {exact} of "
        f"{len(wanted)} are exactly an invented event"
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))] if s else float("nan")


def serve(path: Path, port: int, writer: str) -> int:
    """The server side (run in its own process by the benchmark, as ``newsbrief serve``)."""
    app = create_app(path, Settings(), writer_process=writer == "process")
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="error")
    return 0


class Load:
    """Client threads doing requests of some kinds against the server; latencies per kind."""

    READS = ("GET /?page=N (list)", "GET /?q=WORD (search)", "GET /events/{id}")
    POST = "POST /api/articles"

    def __init__(
        self, base: str, pages: int, invented_events: int, ids: list[str], per_post: int = 1
    ) -> None:
        self.base, self.pages, self.n, self.ids = base, pages, invented_events, ids
        self.per_post = per_post
        self.posted = random.SystemRandom().randrange(10**12)  # new articles, run after run
        self.lat: dict[str, list[float]] = {}
        self.failures: dict[str, int] = {}
        self.errors: dict[str, int] = {}
        self.lock = threading.Lock()

    def _one(self, c: httpx.Client, name: str, rng: random.Random) -> bool:
        if name == self.POST:
            with self.lock:
                first = self.posted
                self.posted += self.per_post
            arts = [invented(self.n + 10_000_000 + first + j)[j % 2] for j in range(self.per_post)]
            body = {"articles": [{"text": a.text, "title": a.title, "url": a.url,
                                  "date": a.published.isoformat() if a.published else None}
                                 for a in arts]}  # fmt: skip
            return c.post("/api/articles", json=body).status_code == 201
        if name.startswith("GET /?page"):
            r = c.get("/", params={"page": rng.randrange(1, self.pages + 1)})
        elif name.startswith("GET /?q"):
            word = (
                TOPICS[rng.randrange(len(TOPICS))]
                if rng.random() < 0.5
                else town(rng.randrange(self.n))
            )
            r = c.get("/", params={"q": word})
        else:
            r = c.get(f"/events/{rng.choice(self.ids)}")
        if r.status_code != 200:
            with self.lock:
                key = f"{name}: HTTP {r.status_code}"
                self.errors[key] = self.errors.get(key, 0) + 1
        return r.status_code == 200

    def run(self, kinds: tuple[str, ...], threads: int, seconds: float, posters: int = 0) -> float:
        """``threads`` threads of reads round-robin over ``kinds``, and ``posters`` threads
        posting back to back, for ``seconds``; returns the wall time."""
        stop = time.monotonic() + seconds

        def client(seed: int, mix: tuple[str, ...]) -> None:
            rng = random.Random(seed)
            with httpx.Client(base_url=self.base, timeout=120) as c:
                k = 0
                while time.monotonic() < stop:
                    name = mix[k % len(mix)]
                    k += 1
                    t = time.perf_counter()
                    try:
                        ok = self._one(c, name, rng)
                    except httpx.HTTPError as e:
                        ok = False
                        with self.lock:
                            key = f"{name}: {type(e).__name__}"
                            self.errors[key] = self.errors.get(key, 0) + 1
                    d = time.perf_counter() - t
                    with self.lock:
                        self.lat.setdefault(name, []).append(d)
                        self.failures[name] = self.failures.get(name, 0) + (not ok)

        workers = [threading.Thread(target=client, args=(n, kinds)) for n in range(threads)]
        workers += [
            threading.Thread(target=client, args=(1000 + n, (self.POST,))) for n in range(posters)
        ]
        t = time.perf_counter()
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        return time.perf_counter() - t

    def table(self, title: str, wall: float) -> str:
        load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
        out = [f"{title} ({wall:.0f} s; load average after it {load} on {os.cpu_count()} CPUs)", "", "| endpoint | requests | req/s | p50 ms | p99 ms | failures |",
               "|---|---:|---:|---:|---:|---:|"]  # fmt: skip
        for name in (*self.READS, self.POST):
            v = self.lat.get(name)
            if not v:
                continue
            out.append(
                f"| {name} | {len(v)} | {len(v) / wall:.1f} | {1000 * statistics.median(v):.1f} "
                f"| {1000 * pct(v, 0.99):.1f} | {self.failures[name]} |"
            )
        for k, n in sorted(self.errors.items()):
            out.append(f"\nfailed: {k} ({n})")
        return "\n".join(out) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000, help="invented articles (2/event)")
    ap.add_argument("--build", choices=("bulk", "add"), default="bulk", help="how to build")
    ap.add_argument("--store", type=Path, help="build (or reuse) the store at this path")
    ap.add_argument("--threads", type=int, default=4, help="reader threads")
    ap.add_argument("--seconds", type=float, default=30.0, help="length of each phase")
    ap.add_argument("--no-post", action="store_true", help="skip the phase with POSTs")
    ap.add_argument("--writer", choices=("process", "thread"), default="process")
    ap.add_argument("--post-articles", type=int, default=1, help="new articles in each POST")
    ap.add_argument("--check-grouping", action="store_true", help="also regroup 7 days afresh")
    ap.add_argument("--serve", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        return serve(args.serve, args.port, args.writer)
    tmp = tempfile.TemporaryDirectory()
    path = args.store or Path(tmp.name) / "store.db"
    settings = Settings()
    t0 = time.perf_counter()
    if args.store and path.exists():
        with Store.open(path) as store:
            counts = store.counts()
        how = "reused"
    else:
        counts = build(path, args.articles, settings, args.build)
        how = f"built ({args.build}) in {time.perf_counter() - t0:.0f} s"
    invented_events = args.articles // 2
    with Store.open(path) as store:  # the event pages asked for: any stored event
        ids = [r[0] for r in store._con.execute("SELECT id FROM events")]
    print(
        f"store: {counts['articles']} articles, {counts['events']} events, {how}; "
        f"server: its own process, writes on a writer {args.writer}; {args.threads} reader "
        "thread(s) over loopback\n"
    )
    if args.check_grouping:
        print(grouping_check(path, invented_events, settings) + "\n")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(path), "--port", str(port),
         "--writer", args.writer],
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                httpx.get(base + "/api/events", timeout=5)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.2)
        pages = max(1, (counts["events"] + 19) // 20)
        failed = 0
        reads = Load(base, pages, invented_events, ids)
        wall = reads.run(Load.READS, args.threads, args.seconds)
        print(reads.table("reads only", wall))
        failed += sum(reads.failures.values())
        if not args.no_post:
            mixed = Load(base, pages, invented_events, ids, args.post_articles)
            wall = mixed.run(Load.READS, args.threads, args.seconds, posters=1)
            print(
                mixed.table(
                    f"reads while one client posts {args.post_articles} new article(s) a POST, "
                    "back to back",
                    wall,
                )
            )
            failed += sum(mixed.failures.values())
    finally:
        server.terminate()
        try:
            server.wait(60)
        except subprocess.TimeoutExpired:
            server.kill()
        tmp.cleanup()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
