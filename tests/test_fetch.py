"""Fetching: URL normal form, politeness and safety rules, feeds, sitemaps, polls, watch.

Every request goes to a server the tests start on 127.0.0.1 (tests/fetchserver.py);
the fetcher is given ``allow_private=True`` for it, except where refusal is tested.
"""

from __future__ import annotations

import asyncio
import gzip
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from fetchserver import Route, Site, article_html, atom, news_sitemap, rss
from newsbrief.cli import main
from newsbrief.fetch import (
    Fetcher,
    FetchError,
    FetchSettings,
    normalize_url,
    parse_interval,
    poll,
    read_feeds_file,
)
from newsbrief.fetch.feeds import parse_listing
from newsbrief.fetch.policy import is_public, retry_after_seconds
from newsbrief.fetch.state import feed_states, get_state
from newsbrief.store import Store

ROOT = Path(__file__).resolve().parents[1]
BENCH_HTML = ROOT.parent / "shared" / "data" / "extraction-benchmark" / "html"

FAST = FetchSettings(
    allow_private=True,
    timeout=0.5,
    total_timeout=2.0,
    retries=2,
    backoff=0.01,
    max_retry_after=5.0,
    delay=0.0,
    contact="ops@example.org",
)


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "s.sqlite") as st:
        yield st


def run(coro):
    return asyncio.run(coro)


async def _get(settings: FetchSettings, url: str, **kw):
    async with Fetcher(settings) as f:
        return await f.get(url, **kw)


async def _poll(store, urls, settings=FAST, fetcher=None, track=False):
    if fetcher is not None:
        return await poll(store, fetcher, urls, track=track)
    async with Fetcher(settings) as f:
        return await poll(store, f, urls, track=track)


def _pages(site: Site, n: int, prefix: str = "/news/", **kw) -> list[str]:
    urls = []
    for i in range(n):
        path = f"{prefix}{i}.html"
        site.routes[path] = Route(body=article_html(i, **kw))
        urls.append(site.url(path))
    return urls


# ------------------------------------------------------------------ URLs and addresses


def test_normalize_removes_fragment_tracking_and_default_port():
    assert (
        normalize_url("HTTPS://News.Example.COM:443/a/b?id=7&utm_source=rss&fbclid=x#comments")
        == "https://news.example.com/a/b?id=7"
    )
    assert normalize_url("http://example.com") == "http://example.com/"
    assert normalize_url("http://example.com:8080/x?b=2&a=1") == "http://example.com:8080/x?b=2&a=1"
    assert normalize_url("http://e.com/x?gclid=1&utm_medium=m&mc_eid=3") == "http://e.com/x"
    for bad in ("ftp://e.com/x", "file:///etc/passwd", "javascript:alert(1)", "/relative"):
        with pytest.raises(ValueError):
            normalize_url(bad)


def test_public_and_private_addresses():
    for ip in (
        "127.0.0.1",
        "10.1.2.3",
        "192.168.0.1",
        "172.16.5.5",
        "169.254.169.254",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "0.0.0.0",
        "100.64.0.1",
    ):
        assert not is_public(ip), ip
    for ip in ("8.8.8.8", "93.184.216.34", "2606:4700:4700::1111"):
        assert is_public(ip), ip


def test_private_address_refused_without_allow_private(site):
    site.routes["/a.html"] = Route(body=article_html(1))
    strict = FAST.with_(allow_private=False)
    with pytest.raises(FetchError, match="private, loopback or link-local"):
        run(_get(strict, site.url("/a.html")))
    with pytest.raises(FetchError, match="refused"):
        run(_get(strict, f"http://localhost:{site.port}/a.html"))
    assert site.paths() == []  # nothing was sent, not even robots.txt
    assert run(_get(FAST, site.url("/a.html"))).status == 200


def test_user_agent_names_newsbrief_and_contact(site):
    site.routes["/a.html"] = Route(body=article_html(1))
    run(_get(FAST, site.url("/a.html")))
    ua = site.hits[-1].headers["user-agent"]
    assert ua.startswith("newsbrief/") and "ops@example.org" in ua


# ------------------------------------------------------------------ robots.txt


def test_robots_disallowed_path_is_not_fetched(site):
    site.routes["/robots.txt"] = Route(
        body=b"User-agent: *\nDisallow: /private/\n", ctype="text/plain"
    )
    site.routes["/private/x.html"] = Route(body=article_html(1))
    site.routes["/public/y.html"] = Route(body=article_html(2))

    async def go():
        async with Fetcher(FAST) as f:
            with pytest.raises(FetchError, match="robots.txt"):
                await f.get(site.url("/private/x.html"))
            assert (await f.get(site.url("/public/y.html"))).status == 200
            assert (await f.get(site.url("/public/y.html"))).status == 200

    run(go())
    paths = site.paths()
    assert "/private/x.html" not in paths
    assert paths.count("/robots.txt") == 1  # parsed once per host


def test_robots_for_newsbrief_only(site):
    site.routes["/robots.txt"] = Route(
        body=b"User-agent: newsbrief\nDisallow: /\n\nUser-agent: *\nAllow: /\n",
        ctype="text/plain",
    )
    site.routes["/a.html"] = Route(body=article_html(1))
    with pytest.raises(FetchError, match="robots"):
        run(_get(FAST, site.url("/a.html")))


def test_robots_unreachable_disallows_everything(site):
    site.routes["/robots.txt"] = Route(status=503, body=b"down", ctype="text/plain")
    site.routes["/a.html"] = Route(body=article_html(1))
    with pytest.raises(FetchError, match="robots"):
        run(_get(FAST.with_(retries=0), site.url("/a.html")))
    assert "/a.html" not in site.paths()


# ------------------------------------------------------------------ timeouts, retries


def test_slow_host_times_out(site):
    site.routes["/slow.html"] = Route(body=article_html(1), delay=1.5)
    with pytest.raises(FetchError, match="timed out"):
        run(_get(FAST.with_(timeout=0.2, retries=0), site.url("/slow.html")))


def test_500_is_retried_with_backoff_then_given_up(site, monkeypatch):
    site.routes["/err.html"] = Route(status=500, body=b"boom", ctype="text/plain")
    waits: list[float] = []

    async def sleep(self, s):
        waits.append(s)

    monkeypatch.setattr(Fetcher, "sleep", sleep)
    with pytest.raises(FetchError, match="HTTP 500"):
        run(_get(FAST.with_(retries=3, backoff=0.5), site.url("/err.html")))
    assert site.paths().count("/err.html") == 4
    assert waits == [0.5, 1.0, 2.0]  # doubled each time


def test_429_retry_after_is_honoured(site, monkeypatch):
    calls = {"n": 0}

    def handler(h):
        calls["n"] += 1
        if calls["n"] == 1:
            return 429, {"Retry-After": "3", "Content-Type": "text/plain"}, b"slow down"
        return 200, {"Content-Type": "text/html"}, article_html(1)

    site.routes["/busy.html"] = Route(handler=handler)
    waits: list[float] = []

    async def sleep(self, s):
        waits.append(s)

    monkeypatch.setattr(Fetcher, "sleep", sleep)
    r = run(_get(FAST, site.url("/busy.html")))
    assert r.status == 200 and waits == [3.0]


def test_retry_after_over_the_limit_gives_up_at_once(site, monkeypatch):
    site.routes["/busy.html"] = Route(
        status=429, headers={"Retry-After": "3600"}, body=b"x", ctype="text/plain"
    )
    with pytest.raises(FetchError, match="Retry-After 3600"):
        run(_get(FAST, site.url("/busy.html")))
    assert site.paths().count("/busy.html") == 1


def test_retry_after_http_date():
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480 - 60) == 60
    assert retry_after_seconds("soon") is None


# ------------------------------------------------------------------ redirects, sizes, types


def test_redirect_loop_is_capped(site):
    site.routes["/a"] = Route(status=302, headers={"Location": "/b"})
    site.routes["/b"] = Route(status=302, headers={"Location": "/a"})
    with pytest.raises(FetchError, match="too many redirects"):
        run(_get(FAST.with_(max_redirects=4), site.url("/a")))
    assert len([p for p in site.paths() if p in ("/a", "/b")]) == 5


def test_redirect_to_non_http_scheme_refused(site):
    site.routes["/r"] = Route(status=301, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(FetchError, match="non-http"):
        run(_get(FAST, site.url("/r")))


def test_redirect_is_followed_and_final_url_kept(site, store):
    site.routes["/old"] = Route(status=301, headers={"Location": "/new.html"})
    site.routes["/new.html"] = Route(body=article_html(3))
    report = run(_poll(store, [site.url("/old")]))
    assert report.new == 1
    urls = [r[0] for r in store._con.execute("SELECT url FROM articles")]
    assert urls == [site.url("/new.html")]
    # both the link and where it led count as fetched
    again = run(_poll(store, [site.url("/old"), site.url("/new.html")]))
    assert again.new == 0 and again.fetched == 0


@pytest.mark.parametrize("no_length", [False, True])
def test_oversized_body_refused(site, no_length):
    site.routes["/big.html"] = Route(body=b"<p>" + b"x" * 50_000 + b"</p>", no_length=no_length)
    with pytest.raises(FetchError, match="too large"):
        run(_get(FAST.with_(max_bytes=10_000), site.url("/big.html")))


def test_gzip_body_capped_after_decompression(site):
    bomb = gzip.compress(b"<p>" + b"a" * 200_000 + b"</p>")
    site.routes["/bomb.html"] = Route(body=bomb, headers={"Content-Encoding": "gzip"})
    assert len(bomb) < 10_000
    with pytest.raises(FetchError, match="too large"):
        run(_get(FAST.with_(max_bytes=10_000), site.url("/bomb.html")))


def test_non_html_body_is_not_parsed(site, store):
    site.routes["/doc.pdf"] = Route(body=b"%PDF-1.4 ...", ctype="application/pdf")
    site.routes["/feed.xml"] = Route(
        body=rss([(site.url("/doc.pdf"), "A PDF", "Tue, 07 May 2024 10:00:00 GMT")]),
        ctype="application/rss+xml",
    )
    report = run(_poll(store, [site.url("/doc.pdf")]))
    assert report.new == 0 and any("not HTML or a feed" in p for p in report.problems)
    report = run(_poll(store, [site.url("/feed.xml")]))
    assert report.new == 0 and any("not an HTML page" in p for p in report.problems)
    assert store.counts()["articles"] == 0
    # a lasting refusal: the feed entry is not fetched again in the next poll
    site.clear()
    run(_poll(store, [site.url("/feed.xml")]))
    assert "/doc.pdf" not in site.paths()


# ------------------------------------------------------------------ politeness per host


def _gaps(times: list[float]) -> list[float]:
    times = sorted(times)
    return [b - a for a, b in zip(times, times[1:], strict=False)]


def test_per_host_delay_spaces_requests(site):
    urls = _pages(site, 4)

    async def go():
        async with Fetcher(FAST.with_(delay=0.15)) as f:
            await asyncio.gather(*(f.get(u) for u in urls))
            return [t for _, t in f.starts]

    starts = run(go())
    assert len(starts) == 5  # robots.txt and the 4 pages, all one host
    assert min(_gaps(starts)) >= 0.15  # when each request was let go
    # and the server saw them spread out too (network jitter aside)
    seen = sorted(h.start for h in site.hits)
    assert seen[-1] - seen[0] >= 0.4


def test_per_host_concurrency_cap(site):
    for i in range(6):
        site.routes[f"/s{i}.html"] = Route(body=article_html(i), delay=0.15)

    async def go():
        async with Fetcher(FAST.with_(per_host=2)) as f:
            await asyncio.gather(*(f.get(site.url(f"/s{i}.html")) for i in range(6)))

    run(go())
    assert site.max_inflight <= 2
    assert len([p for p in site.paths() if p.startswith("/s")]) == 6


# ------------------------------------------------------------------ feeds into the store


def test_feed_entry_title_and_date_kept_when_page_lacks_them(site, store):
    site.routes["/bare.html"] = Route(body=article_html(5, title=None, date=None))
    site.routes["/feed.xml"] = Route(
        body=rss(
            [
                (
                    site.url("/bare.html") + "?utm_source=rss#top",
                    "Harbour ferry plan approved",
                    "Tue, 07 May 2024 10:00:00 GMT",
                )
            ]
        ),
        ctype="application/rss+xml; charset=utf-8",
    )
    report = run(_poll(store, [site.url("/feed.xml")]))
    assert report.new == 1, report.problems
    title, published, url = store._con.execute(
        "SELECT title, published, url FROM articles"
    ).fetchone()
    assert title == "Harbour ferry plan approved"
    assert published == "2024-05-07"
    assert url == site.url("/bare.html")  # normalized: no tracking parameter, no fragment
    assert store.pending() == [] and store.counts()["briefs"] == 1


def test_page_title_and_date_win_over_feed(site, store):
    site.routes["/p.html"] = Route(body=article_html(6, title="The page title", date="2024-04-1"))
    site.routes["/feed.xml"] = Route(
        body=rss([(site.url("/p.html"), "Feed title", "Tue, 07 May 2024 10:00:00 GMT")]),
        ctype="application/rss+xml",
    )
    run(_poll(store, [site.url("/feed.xml")]))
    title, published = store._con.execute("SELECT title, published FROM articles").fetchone()
    assert title == "The page title" and published.startswith("2024-04-1")


def test_atom_feed_and_news_sitemap(site, store):
    a = _pages(site, 2, prefix="/atom/")
    s = _pages(site, 2, prefix="/map/")
    site.routes["/atom.xml"] = Route(
        body=atom([(u, f"Atom {i}", "2024-05-02T08:00:00Z") for i, u in enumerate(a)]),
        ctype="application/atom+xml",
    )
    site.routes["/news-sitemap.xml"] = Route(
        body=news_sitemap([(u, f"Map {i}", "2024-05-03") for i, u in enumerate(s)]),
        ctype="application/xml",
    )
    report = run(_poll(store, [site.url("/atom.xml"), site.url("/news-sitemap.xml")]))
    assert report.new == 4, report.problems
    kinds = {f.url: f.kind for f in feed_states(store)}
    assert kinds == {site.url("/atom.xml"): "feed", site.url("/news-sitemap.xml"): "sitemap"}


def test_sitemap_index_children_are_followed(site, store):
    s = _pages(site, 2, prefix="/idx/")
    site.routes["/child.xml"] = Route(
        body=news_sitemap([(u, f"Child {i}", "2024-05-03") for i, u in enumerate(s)]),
        ctype="text/xml",
    )
    site.routes["/index.xml"] = Route(
        body=(
            '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
            f'sitemap/0.9"><sitemap><loc>{site.url("/child.xml")}</loc></sitemap></sitemapindex>'
        ).encode(),
        ctype="application/xml",
    )
    assert run(_poll(store, [site.url("/index.xml")])).new == 2


def test_sitemap_entities_are_not_expanded():
    body = (
        b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>http://e.com/&x;</loc></url></urlset>"
    )
    listing = parse_listing(body, "http://e.com/s.xml")
    assert all("root:" not in e.link for e in listing.entries)


def test_unchanged_feed_costs_one_304(site, store):
    urls = _pages(site, 3)
    site.routes["/feed.xml"] = Route(
        body=rss([(u, f"T{i}", "Tue, 07 May 2024 10:00:00 GMT") for i, u in enumerate(urls)]),
        ctype="application/rss+xml",
        etag='"v1"',
    )

    async def go():
        async with Fetcher(FAST) as f:
            first = await poll(store, f, [site.url("/feed.xml")], track=True)
            site.clear()
            second = await poll(store, f, [site.url("/feed.xml")], track=True)
            return first, second

    first, second = run(go())
    assert first.new == 3 and second.new == 0 and second.unchanged == 1
    assert [(h.path, h.status) for h in site.hits] == [("/feed.xml", 304)]
    assert site.hits[0].headers["if-none-match"] == '"v1"'
    st = get_state(store, site.url("/feed.xml"))
    assert st.etag == '"v1"' and st.failures == 0 and st.last_status == 304 and st.last_success


def test_last_modified_is_sent_back(site, store):
    def handler(h):
        if h.headers.get("If-Modified-Since") == "Tue, 07 May 2024 10:00:00 GMT":
            return 304, {}, b""
        return (
            200,
            {
                "Content-Type": "application/rss+xml",
                "Last-Modified": "Tue, 07 May 2024 10:00:00 GMT",
            },
            rss([]),
        )

    site.routes["/lm.xml"] = Route(handler=handler)
    run(_poll(store, [site.url("/lm.xml")]))
    assert run(_poll(store, [site.url("/lm.xml")])).unchanged == 1


def test_stored_urls_are_never_fetched_again(site, store):
    urls = _pages(site, 2)
    run(_poll(store, urls))
    site.routes["/feed.xml"] = Route(
        body=rss(
            [
                (urls[0] + "#x", "A", "Tue, 07 May 2024 10:00:00 GMT"),
                (urls[1] + "?utm_campaign=z", "B", "Tue, 07 May 2024 10:00:00 GMT"),
            ]
        ),
        ctype="application/rss+xml",
    )
    site.clear()
    report = run(_poll(store, [site.url("/feed.xml"), urls[0]]))
    assert report.new == 0 and report.fetched == 0
    assert not [p for p in site.paths() if p.startswith("/news/")]


def test_failures_are_counted_and_reset(site, store):
    site.routes["/feed.xml"] = Route(status=500, body=b"x", ctype="text/plain")
    s = FAST.with_(retries=0)
    for _ in range(2):
        report = run(_poll(store, [site.url("/feed.xml")], settings=s, track=True))
        assert report.errors == {f"127.0.0.1:{site.port}": 1}
    st = get_state(store, site.url("/feed.xml"))
    assert st.failures == 2 and st.last_status == 500 and st.last_success is None
    site.routes["/feed.xml"] = Route(body=rss([]), ctype="application/rss+xml")
    run(_poll(store, [site.url("/feed.xml")], settings=s, track=True))
    st = get_state(store, site.url("/feed.xml"))
    assert st.failures == 0 and st.last_error is None and st.last_success


@pytest.mark.skipif(not BENCH_HTML.is_dir(), reason="shared extraction benchmark absent")
def test_real_pages_through_a_sitemap(site, store):
    files = sorted(BENCH_HTML.glob("*.html.gz"))[:3]
    locs = []
    for n, f in enumerate(files):
        site.routes[f"/real/{n}"] = Route(body=gzip.decompress(f.read_bytes()))
        locs.append((site.url(f"/real/{n}"), f"Real {n}", "2024-05-03"))
    site.routes["/sitemap.xml"] = Route(body=news_sitemap(locs), ctype="application/xml")
    report = run(_poll(store, [site.url("/sitemap.xml")]))
    assert report.fetched == 3
    assert report.new + len([p for p in report.problems if "text" in p]) >= 3
    assert report.new >= 2


# ------------------------------------------------------------------ store schema


def test_fetch_tables_come_with_a_migration(tmp_path, monkeypatch):
    import newsbrief.store.schema as store_mod  # the migrations live there

    path = tmp_path / "old.sqlite"
    monkeypatch.setattr(store_mod, "MIGRATIONS", store_mod.MIGRATIONS[:1])
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", 1)
    Store.open(path).close()
    monkeypatch.undo()
    con = sqlite3.connect(path)
    assert "fetch_state" not in {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    con.close()
    with Store.open(path) as st:
        assert st.schema_version() == store_mod.SCHEMA_VERSION
        assert feed_states(st) == []
        assert st.check() == []


# ------------------------------------------------------------------ command line


def test_cli_add_feed_and_urls(site, tmp_path, capsys):
    urls = _pages(site, 3)
    site.routes["/feed.xml"] = Route(
        body=rss([(u, f"T{i}", "Tue, 07 May 2024 10:00:00 GMT") for i, u in enumerate(urls[:2])]),
        ctype="application/rss+xml",
    )
    db = str(tmp_path / "s.sqlite")
    opts = ["--store", db, "--allow-private", "--delay", "0", "--timeout", "1", "-q"]
    assert main(["add", site.url("/feed.xml"), urls[2], *opts]) == 0
    with Store.open(db) as st:
        assert st.counts()["articles"] == 3
    capsys.readouterr()
    assert main(["add", urls[2], "--store", db, "--allow-private"]) == 0
    out = capsys.readouterr()
    assert "0 article(s) (1 already stored)" in out.out


def test_cli_add_refuses_local_address_without_flag(site, tmp_path, capsys):
    urls = _pages(site, 1)
    assert main(["add", urls[0], "--store", str(tmp_path / "s.sqlite"), "-q"]) == 2
    err = capsys.readouterr().err
    assert "--allow-private" in err and "Traceback" not in err
    assert site.paths() == []


def test_cli_watch_cycles_and_logs(site, tmp_path, capsys):
    urls = _pages(site, 2)
    site.routes["/feed.xml"] = Route(
        body=rss([(u, f"T{i}", "Tue, 07 May 2024 10:00:00 GMT") for i, u in enumerate(urls)]),
        ctype="application/rss+xml",
        etag='"e"',
    )
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# my feeds\n\n{site.url('/feed.xml')}\n{site.url('/missing.xml')}\n")
    db = str(tmp_path / "s.sqlite")
    args = ["watch", str(feeds), "--store", db, "--every", "0.05s", "--cycles", "2"]
    assert main([*args, "--allow-private", "--delay", "0", "--retries", "0", "-q"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert "cycle 1: 2 feed(s) polled (0 unchanged), 2 new article(s), " in lines[0]
    assert f"errors by host: 127.0.0.1:{site.port} 1" in lines[0]
    assert "cycle 2: 2 feed(s) polled (1 unchanged), 0 new article(s)" in lines[1]


def test_watch_stops_cleanly_on_sigterm(site, tmp_path):
    urls = _pages(site, 2)
    site.routes["/feed.xml"] = Route(
        body=rss([(u, f"T{i}", "Tue, 07 May 2024 10:00:00 GMT") for i, u in enumerate(urls)]),
        ctype="application/rss+xml",
    )
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.url("/feed.xml") + "\n")
    db = tmp_path / "s.sqlite"
    cmd = [
        sys.executable,
        "-m",
        "newsbrief.cli",
        "watch",
        str(feeds),
        "--store",
        str(db),
        "--every",
        "1h",
        "--allow-private",
        "--delay",
        "0",
    ]
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        lines = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            lines.append(line)
            if "cycle 1:" in line:
                break
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "stopped" in out and "Traceback" not in err
    with Store.open(db) as st:
        assert st.counts()["articles"] == 2 and st.check() == []


def test_interval_and_feeds_file(tmp_path):
    assert parse_interval("15m") == 900 and parse_interval("90s") == 90
    assert parse_interval("1h") == 3600 and parse_interval("600") == 600
    for bad in ("", "soon", "-5m", "0"):
        with pytest.raises(Exception, match="interval"):
            parse_interval(bad)
    f = tmp_path / "feeds.txt"
    f.write_text("http://a.example/feed\nnot a url\n")
    with pytest.raises(Exception, match="line 2"):
        read_feeds_file(str(f))
    f.write_text("# nothing\n")
    with pytest.raises(Exception, match="no feed URL"):
        read_feeds_file(str(f))


def test_cli_watch_bad_feeds_file_is_one_line(tmp_path, capsys):
    assert main(["watch", str(tmp_path / "none.txt"), "--store", str(tmp_path / "s")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("newsbrief: error:") and err.count("\n") == 1


# ------------------------------------------------------------------ web page


def test_feeds_page_shows_last_fetch(site, store, tmp_path):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from newsbrief.web import create_app

    site.routes["/feed.xml"] = Route(body=rss([]), ctype="application/rss+xml")
    run(_poll(store, [site.url("/feed.xml")]))
    client = TestClient(create_app(store.path), base_url="http://localhost")
    page = client.get("/feeds")
    assert page.status_code == 200
    st = feed_states(store)[0]
    assert st.last_fetch in page.text and site.url("/feed.xml") in page.text
    api = client.get("/api/feeds").json()
    assert api[0]["last_success"] == st.last_success and api[0]["failures"] == 0
    assert date.fromisoformat(st.last_fetch[:10])


def test_robots_crawl_delay_spaces_requests(site):
    site.routes["/robots.txt"] = Route(body=b"User-agent: *\nCrawl-delay: 1\n", ctype="text/plain")
    urls = _pages(site, 2)

    async def go():
        async with Fetcher(FAST) as f:  # delay 0: the host's Crawl-delay applies
            await asyncio.gather(*(f.get(u) for u in urls))
            return [t for _, t in f.starts]

    starts = run(go())[1:]  # after robots.txt
    assert min(_gaps(starts)) >= 1.0  # robotparser reads whole seconds only


def test_bad_urls_are_one_problem_each(site, store):
    urls = _pages(site, 1)
    report = run(_poll(store, ["http://bad host.example/x", "mailto:a@b.c", urls[0]]))
    assert report.new == 1
    assert any("bad host" in p for p in report.problems)
    assert any("mailto" in p for p in report.problems)


def test_unreachable_robots_is_tried_again_sooner():
    from newsbrief.fetch.policy import Robots

    robots = Robots(ttl=3600)
    robots.set("http://a", None, b"")
    robots.set("http://b", 404, b"")
    assert not robots.allowed("http://a", "http://a/x") and robots.allowed("http://b", "http://b/x")
    robots._parsers["http://a"] = (robots._parsers["http://a"][0] - 700, None, False)
    robots._parsers["http://b"] = (robots._parsers["http://b"][0] - 700, None, True)
    assert not robots.known("http://a") and robots.known("http://b")


def test_redirect_to_a_private_address_is_refused():
    import httpx

    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(302, headers={"Location": "http://169.254.169.254/latest/"})

    async def go():
        settings = FAST.with_(allow_private=False)
        async with Fetcher(settings, transport=httpx.MockTransport(answer)) as f:
            await f.get("http://93.184.216.34/story.html")

    with pytest.raises(FetchError, match="private"):
        run(go())
    assert seen == ["http://93.184.216.34/robots.txt", "http://93.184.216.34/story.html"]
