"""The web app in a real browser: Playwright drives Debian's Chromium against uvicorn.

Skipped when Playwright, uvicorn or /usr/bin/chromium is missing. Screenshots go to
test-artifacts/ (git-ignored).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("NEWSBRIEF_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
uvicorn = pytest.importorskip("uvicorn", reason="the web extra (uvicorn) is not installed")
pytest.importorskip("fastapi", reason="the web extra (fastapi) is not installed")
if not CHROMIUM.exists():
    pytest.skip(
        f"{CHROMIUM} is missing (apt-get install chromium); browser tests skipped",
        allow_module_level=True,
    )

from newsbrief.web import create_app  # noqa: E402
from test_web import seed  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(path: Path) -> Iterator[str]:
    """Run a uvicorn server on 127.0.0.1 over the store at `path`, in a thread; yield its URL."""
    port = _free_port()
    config = uvicorn.Config(create_app(path), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(5)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A uvicorn server on 127.0.0.1 over a seeded temporary store, in a thread."""
    path = tmp_path_factory.mktemp("browser") / "store.db"
    seed(path)
    yield from _serve(path)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1000, "height": 800})  # type: ignore[attr-defined]
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    yield pg
    context.close()


def shot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def test_list_search_event_and_citation(server: str, page: object) -> None:
    pg = page
    pg.goto(server + "/")  # type: ignore[attr-defined]
    titles = pg.locator("ul.events a.title")  # type: ignore[attr-defined]
    assert titles.count() == 2
    assert "Aleppo" in titles.nth(0).inner_text()  # four outlets rank first
    shot(pg, "list")
    pg.fill("input[name=q]", "tethys")  # type: ignore[attr-defined]
    pg.click("form.search button")  # type: ignore[attr-defined]
    pg.wait_for_url("**/?q=tethys")  # type: ignore[attr-defined]
    assert titles.count() == 1 and "Tethys" in titles.nth(0).inner_text() + pg.content()  # type: ignore[attr-defined]
    shot(pg, "search")
    titles.nth(0).click()
    pg.wait_for_url("**/events/*")  # type: ignore[attr-defined]
    assert pg.locator("#disagreements").is_visible()  # type: ignore[attr-defined]
    cite = pg.locator("#brief a.cite").first  # type: ignore[attr-defined]
    target = cite.get_attribute("href")
    cite.click()
    pg.wait_for_url("**" + target)  # type: ignore[attr-defined]
    source = pg.locator(target)  # type: ignore[attr-defined]
    assert source.is_visible()
    assert source.locator("a").get_attribute("href").startswith("https://")
    shot(pg, "event")


def test_mobile_viewport_has_no_horizontal_scroll(server: str, browser: object) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 700})  # type: ignore[attr-defined]
    pg = context.new_page()
    pg.goto(server + "/")
    pg.locator("ul.events a.title").first.click()
    pg.wait_for_url("**/events/*")
    assert pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    shot(pg, "event-mobile")
    context.close()


def test_add_through_form_and_untrusted_text_does_not_run(server: str, page: object) -> None:
    pg = page
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    pg.goto(server + "/add")  # type: ignore[attr-defined]
    pg.fill("#title", "Harbour <script>window.__pwned=1;alert('t')</script> ferry")  # type: ignore[attr-defined]
    pg.fill(  # type: ignore[attr-defined]
        "#text",
        "<script>window.__pwned=1;alert('x')</script>The harbour ferry to Orla Island resumed "
        "service on Friday after a three-week strike by crews ended, the operator said. "
        "<img src=x onerror=\"window.__pwned=1;document.title='HACKED';alert('y')\"> "
        "Passengers queued from dawn at the terminal for the first crossing of the day.",
    )
    pg.fill("#url", "https://harbour.example/ferry")  # type: ignore[attr-defined]
    shot(pg, "add-form")
    pg.click("form button[type=submit]")  # type: ignore[attr-defined]
    pg.wait_for_url("**/events/*")  # type: ignore[attr-defined]
    pg.wait_for_load_state("load")  # type: ignore[attr-defined]
    body = pg.inner_text("main")  # type: ignore[attr-defined]
    assert "harbour ferry" in body
    assert "<script>" in pg.inner_text("h1")  # type: ignore[attr-defined]  # shown as text
    assert pg.evaluate("window.__pwned") is None  # type: ignore[attr-defined]
    title = pg.title()  # type: ignore[attr-defined]
    assert title != "HACKED" and title.endswith("· newsbrief")
    assert pg.locator("main script, main img").count() == 0  # type: ignore[attr-defined]
    shot(pg, "added-event")
    pg.goto(server + "/")  # type: ignore[attr-defined]
    assert pg.locator("ul.events a.title", has_text="Harbour").count() == 1  # type: ignore[attr-defined]
    pg.wait_for_timeout(200)  # type: ignore[attr-defined]  # give a (would-be) handler time
    assert pg.evaluate("window.__pwned") is None  # type: ignore[attr-defined]
    assert dialogs == []
    shot(pg, "list-after-add")


# ------------------------------------------------ full-text search, pagination, disagreement


def _many_events(n: int) -> list[object]:
    """n invented one-article events, each about its own made-up town and week."""
    import datetime as dt

    from newsbrief.model import Article

    out = []
    for i in range(n):
        town = "".join("bcdfghklmnprstvz"[int(c, 16)] for c in f"{i:03x}").capitalize() + "ville"
        out.append(
            Article.create(
                f"The {town} library reopened on Saturday after a roof repair that took "
                f"{i % 7 + 2} months, the town council of {town} said. Readers borrowed "
                f"{100 + i} books on the first day, librarian Ana Moss of {town} said.",
                title=f"{town} library reopens",
                url=f"https://local.example/{town.lower()}",
                source="local.example",
                published=dt.date(2032, 1, 1) + dt.timedelta(days=10 * i),
            )
        )
    return out


@pytest.fixture(scope="module")
def big_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over the seeded store plus 45 small events: three pages of events."""
    from newsbrief import pipeline
    from newsbrief.store import Store

    path = tmp_path_factory.mktemp("browser-big") / "store.db"
    seed(path)
    with Store.open(path) as st:
        st.add(pipeline.clean_articles(_many_events(45), pipeline.Settings()))
    yield from _serve(path)


def test_full_text_search_finds_words_of_the_articles(big_server: str, page: object) -> None:
    pg = page
    pg.goto(big_server + "/")  # type: ignore[attr-defined]
    # "engineers" is in the text of one space article only: no title or list line holds it
    assert "engineers" not in pg.inner_text("main").lower()  # type: ignore[attr-defined]
    pg.fill("input[name=q]", "Engine")  # type: ignore[attr-defined]
    pg.click("form.search button")  # type: ignore[attr-defined]
    pg.wait_for_url("**/?q=Engine")  # type: ignore[attr-defined]
    titles = pg.locator("ul.events a.title")  # type: ignore[attr-defined]
    assert titles.count() == 1
    assert "1 event(s) match" in pg.inner_text("#result-count")  # type: ignore[attr-defined]
    shot(pg, "search-fts")
    # a word of every library article: 45 matches over three pages
    pg.fill("input[name=q]", "librarian")  # type: ignore[attr-defined]
    pg.click("form.search button")  # type: ignore[attr-defined]
    pg.wait_for_url("**/?q=librarian")  # type: ignore[attr-defined]
    assert "45 event(s) match" in pg.inner_text("#result-count")  # type: ignore[attr-defined]
    assert titles.count() == 20
    # search syntax typed by a user is words, never an error page
    pg.goto(big_server + "/?q=%22library%22%20NEAR(%20*")  # type: ignore[attr-defined]
    assert pg.locator("h1").inner_text() == "Events"  # type: ignore[attr-defined]


def test_pagination_walks_every_page_and_clamps(big_server: str, page: object) -> None:
    pg = page
    pg.goto(big_server + "/")  # type: ignore[attr-defined]
    seen: list[str] = []
    for number in (1, 2, 3):
        assert f"page {number} of 3" in pg.inner_text("nav.pages")  # type: ignore[attr-defined]
        seen += pg.locator("ul.events a.title").all_inner_texts()  # type: ignore[attr-defined]
        shot(pg, f"list-page-{number}")
        if number < 3:
            pg.click("a[rel=next]")  # type: ignore[attr-defined]
            pg.wait_for_url(f"**/?page={number + 1}")  # type: ignore[attr-defined]
    assert pg.locator("a[rel=next]").count() == 0  # type: ignore[attr-defined]
    assert len(seen) == 47 and len(set(seen)) == 47  # every event once
    assert "Aleppo" in seen[0]  # four outlets rank first
    pg.goto(big_server + "/?page=99")  # type: ignore[attr-defined]
    assert "page 3 of 3" in pg.inner_text("nav.pages")  # type: ignore[attr-defined]
    pg.click("a[rel=prev]")  # type: ignore[attr-defined]
    pg.wait_for_url("**/?page=2")  # type: ignore[attr-defined]


def test_disagreement_box_cites_both_sources(big_server: str, page: object) -> None:
    pg = page
    pg.goto(big_server + "/?q=tethys")  # type: ignore[attr-defined]
    pg.locator("ul.events a.title").first.click()  # type: ignore[attr-defined]
    pg.wait_for_url("**/events/*")  # type: ignore[attr-defined]
    box = pg.locator("#disagreements")  # type: ignore[attr-defined]
    assert box.is_visible()
    text = box.inner_text().lower()
    assert "instruments" in text and "nine" in text and "eight" in text
    links = box.locator("a[href^='#source-']")
    targets = {links.nth(k).get_attribute("href") for k in range(links.count())}
    assert len(targets) == 2  # each value cites its own source
    for t in sorted(targets):
        assert pg.locator(t).is_visible()  # type: ignore[attr-defined]
    box.screenshot(path=str(ARTIFACTS / "disagreement-box.png"))
    shot(pg, "event-disagreement")
