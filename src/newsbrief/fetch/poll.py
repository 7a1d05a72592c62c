"""One poll of feeds and pages into the store, and the ``watch`` loop that repeats it.

:func:`poll` fetches every source (a feed, a sitemap or an article page), collects
the article links of feeds that changed, fetches the links not yet stored, reads
each page with the same HTML reader as files (:func:`newsbrief.read.html.read_html`),
keeps a feed entry's title and date where the page gives none, and adds the
articles to the store, which re-briefs the events they touch.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sqlite3
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from newsbrief.errors import InputError, NewsbriefError
from newsbrief.fetch.client import FEED_TYPES, HTML_TYPES, Fetcher, Response
from newsbrief.fetch.feeds import Entry, Listing, looks_like_sitemap, parse_listing
from newsbrief.fetch.policy import FetchError, FetchSettings
from newsbrief.fetch.state import get_state, known_urls, mark_fetched, save_state
from newsbrief.fetch.urls import host_key, normalize_url
from newsbrief.model import Article
from newsbrief.settings import Settings
from newsbrief.store import Store

__all__ = ["PollReport", "parse_interval", "poll", "read_feeds_file", "watch"]

log = logging.getLogger("newsbrief")


@dataclass
class PollReport:
    """What one poll did."""

    sources: int = 0
    unchanged: int = 0
    entries: int = 0
    fetched: int = 0
    new: int = 0
    known: int = 0
    #: links not fetched again: fetched before, they gave no article for a lasting reason
    skipped: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    summarized: list[str] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    stopped: bool = False

    def line(self) -> str:
        """The one-line summary a watch cycle logs."""
        errors = ", ".join(f"{h} {n}" for h, n in sorted(self.errors.items())) or "none"
        return (
            f"{self.sources} feed(s) polled ({self.unchanged} unchanged), "
            f"{self.new} new article(s), {len(self.created)} new event(s), "
            f"{len(self.updated)} updated event(s); errors by host: {errors}"
            + (" (stopped early)" if self.stopped else "")
        )


@dataclass(frozen=True)
class _Page:
    url: str  # normalized link asked for
    response: Response
    entry: Entry | None


class _Poll:
    def __init__(self, store: Store, fetcher: Fetcher, report: PollReport, track: bool) -> None:
        self.store = store
        self.fetcher = fetcher
        self.report = report
        self.track = track  # record fetch state of every source, feed or not (watch)
        self.pages: list[_Page] = []
        self.entries: dict[str, Entry] = {}
        self.marks: list[tuple[str, str | None, str]] = []

    def error(self, url: str, e: FetchError | str) -> None:
        message = str(e)
        if message == "stopped":
            self.report.stopped = True
            return
        self.report.errors[host_key(url)] += 1
        self.report.problems.append(f"{url}: {message}")

    async def guarded(self, url: str, job: Awaitable[None]) -> None:
        """Run one fetch job; an unexpected failure is one error line, never the poll's end."""
        try:
            await job
        except FetchError as e:
            self.error(url, e)
        except Exception as e:  # noqa: BLE001 - one bad URL never stops a poll
            log.debug("fetching %s failed", url, exc_info=True)
            self.error(url, f"internal error ({type(e).__name__}: {e})")

    async def source(self, url: str, depth: int = 0) -> None:
        state = get_state(self.store, url)
        kind = state.kind if state else "feed"
        try:
            r = await self.fetcher.get(
                url, state.etag if state else None, state.last_modified if state else None
            )
        except FetchError as e:
            if self.track or state is not None:
                save_state(self.store, url, kind, status=e.status, error=str(e))
            self.error(url, e)
            return
        if r.status == 304:
            self.report.unchanged += 1
            save_state(self.store, url, kind, status=304)
            return
        mt = r.media_type
        if mt in HTML_TYPES and depth == 0:
            self.pages.append(_Page(url, r, None))
            return
        if mt not in FEED_TYPES and not (mt in ("", "text/plain") and looks_like_sitemap(r.body)):
            why = f"not HTML or a feed (content type {mt or 'missing'}), skipped"
            if self.track or state is not None:
                save_state(self.store, url, kind, status=r.status, error=why)
            self.error(url, why)
            return
        try:
            listing: Listing = parse_listing(r.body, r.final_url)
        except ValueError as e:
            save_state(self.store, url, kind, status=r.status, error=str(e))
            self.error(url, str(e))
            return
        save_state(
            self.store,
            url,
            listing.kind,
            status=r.status,
            etag=r.etag,
            last_modified=r.last_modified,
            entries=len(listing.entries) + len(listing.sitemaps),
        )
        for e in listing.entries:
            try:
                link = normalize_url(e.link)
            except ValueError:
                continue
            self.entries.setdefault(link, replace(e, link=link))
        if listing.sitemaps and depth == 0:
            children = []
            for child in listing.sitemaps[: self.fetcher.settings.max_sitemaps]:
                try:
                    children.append(normalize_url(child))
                except ValueError:
                    continue
            await asyncio.gather(*(self.source(c, depth + 1) for c in children))

    async def page(self, link: str, entry: Entry) -> None:
        try:
            r = await self.fetcher.get(link)
        except FetchError as e:
            if e.permanent:
                self.marks.append((link, None, str(e)))
            self.error(link, e)
            return
        self.report.fetched += 1
        if r.media_type not in HTML_TYPES:
            why = f"not an HTML page (content type {r.media_type or 'missing'}), skipped"
            self.marks.append((link, None, why))
            self.error(link, why)
            return
        self.pages.append(_Page(link, r, entry))


def _article(page: _Page) -> Article:
    """Read a fetched page as files are read; fill title and date from its feed entry."""
    from newsbrief.read.html import charset_of, read_html

    r = page.response
    try:
        final = normalize_url(r.final_url)
    except ValueError:
        final = page.url
    result = read_html(r.body, page.url, url=final, charset=charset_of(r.content_type))
    article = result.articles[0]
    entry = page.entry
    if entry is not None:
        article = replace(
            article,
            title=article.title or entry.title,
            published=article.published or entry.published,
        )
    return article


async def _fetch_all(
    store: Store,
    fetcher: Fetcher,
    sources: Sequence[str],
    track: bool,
    report: PollReport,
) -> _Poll:
    run = _Poll(store, fetcher, report, track)
    report.sources = len(sources)
    await asyncio.gather(*(run.guarded(u, run.source(u)) for u in sources))
    report.entries = len(run.entries)
    links = list(run.entries)
    skip = known_urls(store, links)
    todo = [(link, e) for link, e in run.entries.items() if link not in skip]
    with_article = len(known_urls(store, links, with_failures=False))
    report.known += with_article
    report.skipped += len(skip) - with_article
    await asyncio.gather(*(run.guarded(link, run.page(link, e)) for link, e in todo))
    return run


async def poll(
    store: Store,
    fetcher: Fetcher,
    sources: Iterable[str],
    settings: Settings | None = None,
    track: bool = False,
) -> PollReport:
    """Fetch every source, then every new article they list, and add the articles.

    A source is a feed, a sitemap (index) or an article page. Sources that are
    articles already stored are not fetched. With ``track``, every source gets a
    fetch-state row (a feed that fails is recorded as failing).
    """
    from newsbrief.pipeline import clean_articles

    settings = settings or Settings()
    report = PollReport()
    wanted: list[str] = []
    for s in sources:
        try:
            wanted.append(normalize_url(s))
        except ValueError:
            report.problems.append(f"{s}: not an http(s) URL, skipped")
    wanted = list(dict.fromkeys(wanted))
    stored = known_urls(store, wanted, with_failures=False)  # article URLs given again
    report.known += len(stored)
    for u in wanted:
        if u in stored:
            report.problems.append(f"{u}: already stored, not fetched again")
    wanted = [u for u in wanted if u not in stored]
    run = await _fetch_all(store, fetcher, wanted, track, report)
    articles: list[Article] = []
    marks = list(run.marks)
    for page in run.pages:
        try:
            article = _article(page)
        except (InputError, IndexError) as e:
            marks.append((page.url, None, f"no article: {e}"))
            report.problems.append(f"{page.url}: {e}")
            continue
        except Exception as e:  # noqa: BLE001 - one bad page never stops a poll
            marks.append((page.url, None, f"no article: {type(e).__name__}"))
            report.problems.append(f"{page.url}: cannot read ({type(e).__name__})")
            continue
        problems: list[str] = []
        cleaned = clean_articles([article], settings, problems)
        report.problems.extend(problems)
        if not cleaned:
            marks.append((page.url, None, "no text left after cleaning"))
            continue
        articles.extend(cleaned)
        marks.append((page.url, cleaned[0].id, "article"))
        if cleaned[0].url and cleaned[0].url != page.url:
            marks.append((cleaned[0].url, cleaned[0].id, "article"))
    if articles:
        added = store.add(articles, settings)
        report.new += added.new
        report.known += added.known
        report.created = list(added.created)
        report.updated = [e for e in added.touched if e not in set(added.created)]
        report.summarized = list(added.summarized)
        report.problems.extend(added.problems)
    mark_fetched(store, marks)  # after the articles are stored: nothing marked is lost
    return report


# ------------------------------------------------------------------------ watch


def parse_interval(text: str) -> float:
    """Seconds of an interval such as ``15m``, ``90s``, ``1h`` or ``600`` (seconds)."""
    t = text.strip().lower()
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    factor = 1
    if t and t[-1] in units:
        factor = units[t[-1]]
        t = t[:-1]
    try:
        value = float(t) * factor
    except ValueError:
        raise InputError(f"not an interval: {text!r} (use e.g. 90s, 15m, 1h)") from None
    if not value > 0:
        raise InputError(f"the interval must be above 0: {text!r}")
    return value


def read_feeds_file(path: str) -> list[str]:
    """The URLs of a feeds file: one a line; blank lines and lines starting with # skipped."""
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not a UTF-8 text file") from None
    urls: list[str] = []
    for n, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            normalize_url(line)
        except ValueError:
            raise InputError(f"{path}, line {n}: not an http(s) URL: {line[:80]!r}") from None
        urls.append(line)
    if not urls:
        raise InputError(f"{path}: no feed URL in the file")
    return urls


async def watch(
    store: Store,
    feeds: Sequence[str],
    every: float,
    fetch_settings: FetchSettings,
    settings: Settings | None = None,
    log_line: Callable[[str], None] = print,
    cycles: int | None = None,
    stop: asyncio.Event | None = None,
) -> int:
    """Poll ``feeds`` every ``every`` seconds until SIGINT or SIGTERM (or ``cycles`` polls).

    A signal stops the loop between fetches: requests in flight finish, no new one
    starts, what was fetched is stored, then the loop ends. Returns the cycles run.
    """
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    installed = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
            installed.append(sig)
        except (NotImplementedError, RuntimeError, ValueError):  # not the main thread
            pass
    done = 0
    try:
        async with Fetcher(fetch_settings, should_stop=stop.is_set) as fetcher:
            while not stop.is_set():
                done += 1
                try:
                    report = await poll(store, fetcher, feeds, settings, track=True)
                except (NewsbriefError, sqlite3.Error) as e:  # e.g. store locked: next cycle
                    log_line(f"cycle {done}: failed: {e}")
                else:
                    for p in report.problems:
                        log.info("%s", p)
                    log_line(f"cycle {done}: {report.line()}")
                if cycles is not None and done >= cycles:
                    break
                try:
                    await asyncio.wait_for(stop.wait(), every)
                except TimeoutError:
                    pass
    finally:
        for sig in installed:
            loop.remove_signal_handler(sig)
    return done
