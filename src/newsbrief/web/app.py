"""FastAPI app over a newsbrief store: HTML pages (/, /events/{id}, /add) and a JSON API (/api).

Article text is untrusted: pages are rendered by Jinja2 with autoescaping, links are kept
only for http(s) URLs, and a Content-Security-Policy forbids scripts and external loads.
Uploads are read in memory; no request value becomes a filesystem path. Writes (POST)
must come from the same origin (Origin, else Referer, must match Host when present), the
Host must be one the server answers for (see :mod:`newsbrief.web.guard`), and requests
larger than ``max_body`` bytes are refused with 413.

Writes run in one writer process (:mod:`newsbrief.web.writer`), off the event loop and
off this process's GIL, so reads are answered while a large POST is being grouped and
summarized; reads use one store connection per worker thread (WAL: a reader never waits
for the writer).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import re
import threading
import zlib
from collections import OrderedDict
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import DictLoader, Environment, select_autoescape
from pydantic import BaseModel, Field, ValidationError, field_validator
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from newsbrief.compare import facts_for_display
from newsbrief.digest import brief_event
from newsbrief.errors import NewsbriefError
from newsbrief.model import Article, Brief, Event
from newsbrief.read import read_bytes
from newsbrief.render_html import event_title, safe_href
from newsbrief.settings import Settings
from newsbrief.store import EventRow, Store, StoredEvent
from newsbrief.web.apidocs import render_docs
from newsbrief.web.guard import DEFAULT_HOSTS, RequestGuard
from newsbrief.web.templates import CSS, TEMPLATES
from newsbrief.web.writer import Writer

__all__ = ["DATE_MAX", "DATE_MIN", "DEFAULT_HOSTS", "ArticleIn", "ArticlesIn", "create_app"]

log = logging.getLogger(__name__)

#: default request size limit (bytes)
MAX_BODY = 5 * 1024 * 1024
#: the uploads of one request may expand (gunzip) to at most this many times the body limit
GUNZIP_FACTOR = 20
#: publication dates accepted from clients (the readers' window: years 1900 to 2100)
DATE_MIN, DATE_MAX = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
#: events per page, in the list and in the API
PAGE_SIZE = 20
MAX_WORDS = 1000
#: the smallest word budget (as on the command line)
MIN_WORDS = 10
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class ArticleIn(BaseModel):
    """One article posted to the API."""

    text: str = Field(min_length=1, max_length=MAX_BODY)
    title: str = ""
    url: str = ""
    source: str = ""
    date: dt.date | None = None

    @field_validator("date")
    @classmethod
    def _sane_date(cls, value: dt.date | None) -> dt.date | None:
        if value is not None and not DATE_MIN <= value <= DATE_MAX:
            raise ValueError(f"date must be between {DATE_MIN} and {DATE_MAX}")
        return value


class ArticlesIn(BaseModel):
    """The body of POST /api/articles."""

    articles: list[ArticleIn] = Field(min_length=1, max_length=1000)


def safe_name(name: str | None) -> str:
    """An upload's file name reduced to a harmless label (used only to guess the format)."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = _SAFE_NAME.sub("_", base).strip("._")[:100]
    return base or "upload"


def _host_of(value: str) -> str | None:
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return parts.netloc.lower()


def same_origin(request: Request) -> bool:
    """True unless the request names (by Origin, else Referer) an origin other than its Host."""
    host = (request.headers.get("host") or "").lower()
    origin = request.headers.get("origin")
    if origin is not None:
        return _host_of(origin) == host
    referer = request.headers.get("referer")
    if referer is not None:
        return _host_of(referer) == host
    return True  # not a browser form post: browsers send Origin on every POST


def _dates(e: Event | EventRow) -> str:
    if not e.first:
        return "undated"
    if not e.last or e.last == e.first:
        return e.first.isoformat()
    return f"{e.first.isoformat()} – {e.last.isoformat()}"


class _Web:
    """The state of one app: the store path, settings, per-thread connections, caches."""

    def __init__(
        self, store_path: str | Path, settings: Settings, writer_process: bool = True
    ) -> None:
        self.path = Path(store_path)
        self.settings = settings
        self.local = threading.local()
        # one writer (a worker process by default): writes queue there, never on the event
        # loop or the read threads, and off this process's GIL
        self.writer = Writer(self.path, settings, process=writer_process)
        self.cache: OrderedDict[tuple[Any, ...], Brief] = OrderedDict()
        self.cache_lock = threading.Lock()
        Store.open(self.path, create=True).close()

    def store(self) -> Store:
        """This thread's connection to the store."""
        s = getattr(self.local, "store", None)
        if s is None:
            s = Store.open(self.path, create=True)
            self.local.store = s
        return s

    def find(self, store: Store, event_id: str) -> tuple[StoredEvent, EventRow]:
        """The event of this id (or unique prefix) and its listing line; 404 when there is none."""
        try:
            eid = store.resolve(event_id)
        except NewsbriefError as e:
            raise HTTPException(404, str(e).replace(str(self.path), "the store")) from None
        row = store.event_row(eid)
        event = store._event(eid)
        if row is None or event is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return StoredEvent(event, row.outlets, row.headline, row.dirty), row

    def brief(self, store: Store, listed: StoredEvent, words: int | None = None) -> Brief:
        """The event's brief (at ``words`` when given) with facts and disagreements, cached."""
        e = listed.event
        key = (e.id, e.article_ids, words, listed.dirty)
        with self.cache_lock:
            if key in self.cache:
                self.cache.move_to_end(key)
                return self.cache[key]
        try:
            if words is None:
                # with its facts and disagreements compared (Store.brief)
                _, brief = store.brief(e.id, self.settings)
            else:
                # each article split once for the brief and the facts (digest.brief_event)
                articles = store.articles_of(e.id)
                brief = brief_event(e, articles, replace(self.settings, words=words))
        except NewsbriefError as err:
            raise HTTPException(422, f"event {e.id} has no brief: {err}") from None
        with self.cache_lock:
            self.cache[key] = brief
            while len(self.cache) > 256:
                self.cache.popitem(last=False)
        return brief

    def listing(self, q: str, page: int) -> tuple[list[EventRow], int, int, int]:
        """The events matching ``q`` on ``page``: rows, total, pages and the page shown.

        Without ``q``, every event ranked as in a digest; with it, a full-text search
        (:meth:`Store.search`). Paged and counted in SQL. A page past the last shows the last.
        """
        return self.store().listing(q, page, PAGE_SIZE)

    async def add_async(
        self, articles: list[Article], problems: list[str]
    ) -> tuple[int, int, list[str]]:
        """Clean and add articles on the writer; (new, known, ids of the events now holding
        them), once committed. Awaited without blocking the event loop or the reads."""
        added = await asyncio.wrap_future(self.writer.submit(articles))
        problems.extend(added.problems)
        return added.new, added.known, added.events

    def close(self) -> None:
        """Finish the queued writes, then stop the writer."""
        self.writer.close()


def _event_summary(r: EventRow) -> dict[str, Any]:
    return {
        "id": r.id,
        "title": r.title,
        "headline": r.headline,
        "size": r.size,
        "outlets": r.outlets,
        "first": r.first.isoformat() if r.first else None,
        "last": r.last.isoformat() if r.last else None,
        "pending": r.dirty,
        "url": f"/api/events/{r.id}",
    }


#: what a source without a name is called, when its URL names no host either
UNTITLED_SOURCE = "untitled source"


def source_name(source: str, url: str) -> str:
    """The name shown for a source: its own, else its http(s) URL's host, else "untitled source"."""
    if source.strip():
        return source.strip()
    host = (urlsplit(url.strip()).hostname or "") if safe_href(url) else ""
    return host or UNTITLED_SOURCE


def _articles_from_model(body: ArticlesIn) -> list[Article]:
    return [
        Article.create(
            a.text,
            title=a.title,
            url=a.url,
            source=source_name(a.source, a.url),
            published=a.date,
            origin=f"api article {i}",
        )
        for i, a in enumerate(body.articles, 1)
    ]


def _gunzip(data: bytes, budget: int) -> bytes:
    """Decompress a gzip upload (every member) to at most ``budget`` bytes."""
    out = bytearray()
    rest = data
    while rest[:2] == b"\x1f\x8b":
        d = zlib.decompressobj(wbits=47)
        try:
            out += d.decompress(rest, budget - len(out) + 1)
        except zlib.error:
            raise NewsbriefError("not a valid gzip file") from None
        if len(out) > budget or d.unconsumed_tail:
            raise NewsbriefError(
                f"too large once decompressed (this request may expand to {budget >> 20} MiB)"
            )
        rest = d.unused_data
    return bytes(out)


def _read_upload(data: bytes, name: str, budget: list[int], problems: list[str]) -> list[Article]:
    """The articles of one uploaded file; what goes wrong becomes a problem line.

    ``budget`` holds the bytes the request's uploads may still expand to.
    """
    try:
        if data[:2] == b"\x1f\x8b":
            data = _gunzip(data, budget[0])
            budget[0] -= len(data)
            name = name[:-3] if name.lower().endswith(".gz") else name
        result = read_bytes(data, name)
    except NewsbriefError as e:
        problems.append(f"{name}: {e}, skipped")
        return []
    except Exception as e:  # noqa: BLE001 - a reader's failure on one upload skips that upload
        log.warning("upload %s: %s: %s", name, type(e).__name__, e)
        problems.append(f"{name}: could not be read ({type(e).__name__}), skipped")
        return []
    problems.extend(result.problems)
    return result.articles


async def _read_uploads(form: Any, problems: list[str], budget: int) -> list[Article]:
    out: list[Article] = []
    left = [budget]
    for item in form.getlist("files"):
        if not isinstance(item, UploadFile):
            continue
        data = await item.read()
        if not data:
            continue
        name = safe_name(item.filename)
        out.extend(await run_in_threadpool(_read_upload, data, name, left, problems))
    return out


def _parse_json(raw: bytes) -> list[Article]:
    """The articles of a JSON body (run in a worker thread: parsing 5 MiB takes a while)."""
    try:
        data = json.loads(raw)
    except RecursionError:
        raise HTTPException(400, "body is not usable JSON: nested too deeply") from None
    except (ValueError, UnicodeDecodeError) as e:
        raise HTTPException(400, f"body is not JSON: {e}") from None
    try:
        body = ArticlesIn.model_validate(data)
    except ValidationError as e:
        raise RequestValidationError(jsonable_errors(e.errors())) from None
    except RecursionError:
        raise HTTPException(400, "body is not usable JSON: nested too deeply") from None
    return _articles_from_model(body)


def create_app(
    store_path: str | Path,
    settings: Settings | None = None,
    max_body: int = MAX_BODY,
    allowed_hosts: Iterable[str] | None = None,
    writer_process: bool = True,
) -> FastAPI:
    """The web app over the store at ``store_path`` (created when missing).

    Writes run in one worker process (see :mod:`newsbrief.web.writer`); with
    ``writer_process=False``, on one thread of this process.

    ``allowed_hosts``: the names the ``Host`` header may give (default ``localhost``,
    ``127.0.0.1``, ``[::1]``; ``*`` allows any). Uploads of one request may expand
    (gunzip) to ``GUNZIP_FACTOR`` times ``max_body``.
    """
    web = _Web(store_path, settings or Settings(), writer_process)
    env = Environment(
        loader=DictLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        web.writer.start()  # in the background: the first write finds its worker ready
        yield
        await run_in_threadpool(web.close)  # queued writes finish before the server exits

    app = FastAPI(
        title="newsbrief",
        summary="Cited event briefs over a newsbrief store",
        version="1",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.web = web
    gunzip_budget = GUNZIP_FACTOR * max_body

    def page(name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        counts = web.store().totals()
        html = env.get_template(name).render(css=CSS, counts=counts, **ctx)
        return HTMLResponse(html, status_code=status)

    def check_origin(request: Request) -> None:
        if not same_origin(request):
            raise HTTPException(403, "cross-origin request refused")

    def _error(request: Request, status: int, detail: Any) -> Response:
        if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
            return JSONResponse({"detail": detail}, status_code=status)
        message = detail if isinstance(detail, str) else "invalid request"
        try:
            return page("error.html", status=status, code=status, message=message)
        except NewsbriefError:  # the store itself is what fails
            return JSONResponse({"detail": detail}, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, exc.detail)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return _error(request, 422, jsonable_errors(exc.errors()))

    @app.exception_handler(ClientDisconnect)
    async def client_gone(request: Request, exc: ClientDisconnect) -> Response:
        # the client went away while sending its body: nobody reads this answer
        return Response(status_code=400)

    @app.exception_handler(NewsbriefError)
    async def store_failed(request: Request, exc: NewsbriefError) -> Response:
        # the store is damaged, full or busy: one line in the log, a clean 503
        log.error("%s", str(exc).replace(str(web.path), "the store"))
        detail = str(exc).replace(str(web.path), "the store")
        return JSONResponse({"detail": detail}, status_code=503)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs() -> HTMLResponse:
        return HTMLResponse(render_docs(app.openapi(), CSS))

    # ------------------------------------------------------------------ pages

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(
        q: str = Query("", max_length=200), page_no: int = Query(1, ge=1, alias="page")
    ) -> HTMLResponse:
        items, total, pages, page_no = web.listing(q, page_no)

        def url(p: int) -> str:
            return "/?" + urlencode({k: v for k, v in (("q", q), ("page", p)) if v})

        rows = [
            {
                "id": r.id,
                "title": r.title,
                "headline": r.headline,
                "outlets": r.outlets,
                "size": r.size,
                "dates": _dates(r),
                "pending": r.dirty,
            }
            for r in items
        ]
        return page(
            "index.html",
            items=rows,
            q=q,
            total=total,
            page=page_no,
            pages=pages,
            prev_url=url(page_no - 1),
            next_url=url(page_no + 1),
        )

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(event_id: str) -> HTMLResponse:
        store = web.store()
        listed, _ = web.find(store, event_id)
        brief = web.brief(store, listed)
        shown = facts_for_display(brief)
        sources = []
        for i, a in enumerate(brief.sources, 1):
            href = safe_href(a.url)
            copy_of = brief.duplicates.get(a.id)
            sources.append(
                {
                    "number": i,
                    # safe_href escapes for raw HTML; jinja2 escapes again, so unescape first
                    "href": a.url.strip() if href else None,
                    "label": a.title or a.url or a.source or a.id,
                    "outlet": source_name(a.source, a.url),
                    "date": a.published.isoformat() if a.published else "",
                    "bad_url": a.url if a.url and not href else "",
                    "copy_of": next(
                        (j for j, b in enumerate(brief.sources, 1) if b.id == copy_of), None
                    ),
                }
            )
        return page(
            "event.html",
            title=event_title(brief),
            event_id=listed.event.id,
            outlets=listed.outlets,
            size=listed.event.size,
            dates=_dates(listed.event),
            sentences=brief.sentences,
            disagreements=shown["disagreements"],
            facts=shown["facts"],
            sources=sources,
        )

    @app.get("/feeds", response_class=HTMLResponse, include_in_schema=False)
    def feeds_page() -> HTMLResponse:
        from newsbrief.fetch.state import feed_states

        return page("feeds.html", feeds=feed_states(web.store()))

    @app.get("/api/feeds", summary="Feeds and sitemaps fetched, with when and how it went")
    def api_feeds() -> list[dict[str, Any]]:
        from dataclasses import asdict

        from newsbrief.fetch.state import feed_states

        return [asdict(f) for f in feed_states(web.store())]

    @app.get("/add", response_class=HTMLResponse, include_in_schema=False)
    def add_form() -> HTMLResponse:
        return page("add.html", problems=[], form={})

    @app.post("/add", include_in_schema=False)
    async def add_submit(request: Request) -> Response:
        check_origin(request)
        ctype = request.headers.get("content-type", "")
        if not (
            ctype.startswith("multipart/form-data")
            or ctype.startswith("application/x-www-form-urlencoded")
        ):
            raise HTTPException(415, "send the form (multipart/form-data)")
        form = await request.form(max_files=100, max_fields=50)
        problems: list[str] = []
        fields = {k: str(form.get(k) or "") for k in ("title", "url", "date", "text")}
        articles = await _read_uploads(form, problems, gunzip_budget)
        if fields["text"].strip():
            try:
                published = dt.date.fromisoformat(fields["date"]) if fields["date"] else None
            except ValueError:
                problems.append(f"date {fields['date']!r} is not YYYY-MM-DD")
                return page("add.html", status=400, problems=problems, form=fields)
            if published and not DATE_MIN <= published <= DATE_MAX:
                problems.append(f"date {fields['date']!r} is not between {DATE_MIN} and {DATE_MAX}")
                return page("add.html", status=400, problems=problems, form=fields)
            url = fields["url"].strip()
            articles.append(
                Article.create(
                    fields["text"],
                    title=fields["title"],
                    url=url,
                    source=source_name("", url),
                    published=published,
                    origin="web form",
                )
            )
        if not articles:
            problems.append("paste an article's text or choose files to upload")
            return page("add.html", status=400, problems=problems, form=fields)
        new, known, events = await web.add_async(articles, problems)
        if not events:
            problems.append("no usable article in the input")
            return page("add.html", status=400, problems=problems, form=fields)
        return RedirectResponse(f"/events/{events[0]}", status_code=303)

    # ------------------------------------------------------------------ API

    @app.post(
        "/api/articles",
        status_code=201,
        summary="Add articles (JSON body or multipart upload of files)",
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": ArticlesIn.model_json_schema()},
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "files": {
                                    "type": "array",
                                    "items": {"type": "string", "format": "binary"},
                                }
                            },
                        }
                    },
                },
            }
        },
    )
    async def api_add(request: Request) -> JSONResponse:
        check_origin(request)
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        problems: list[str] = []
        if ctype == "application/json":
            raw = await request.body()
            articles = await run_in_threadpool(_parse_json, raw)
        elif ctype == "multipart/form-data":
            form = await request.form(max_files=100, max_fields=50)
            articles = await _read_uploads(form, problems, gunzip_budget)
        else:
            raise HTTPException(415, "send application/json or multipart/form-data")
        if not articles:
            raise HTTPException(400, {"message": "no article in the request", "problems": problems})
        new, known, events = await web.add_async(articles, problems)
        if not events:
            raise HTTPException(400, {"message": "no usable article", "problems": problems})
        return JSONResponse(
            {
                "added": new,
                "known": known,
                "events": [f"/api/events/{e}" for e in events],
                "event_ids": events,
                "problems": problems,
            },
            status_code=201,
        )

    @app.get("/api/events", summary="List events, biggest and newest first")
    def api_events(
        q: str = Query("", max_length=200), page: int = Query(1, ge=1)
    ) -> dict[str, Any]:
        items, total, pages, page = web.listing(q, page)
        return {
            "total": total,
            "page": page,
            "pages": pages,
            "events": [_event_summary(s) for s in items],
        }

    @app.get("/api/events/{event_id}", summary="One event with its brief and articles")
    def api_event(event_id: str) -> dict[str, Any]:
        store = web.store()
        listed, row = web.find(store, event_id)
        brief = web.brief(store, listed)
        return dict(_event_summary(row), brief=brief.to_dict())

    @app.get("/api/events/{event_id}/brief", summary="The brief of an event at N words")
    def api_brief(
        event_id: str, words: int | None = Query(None, ge=MIN_WORDS, le=MAX_WORDS)
    ) -> dict[str, Any]:
        store = web.store()
        listed, _ = web.find(store, event_id)
        return web.brief(store, listed, words).to_dict()

    hosts = DEFAULT_HOSTS if allowed_hosts is None else tuple(allowed_hosts)
    app.add_middleware(RequestGuard, hosts=hosts, limit=max_body, csp=CSP)
    return app


def jsonable_errors(errors: Any) -> list[dict[str, Any]]:
    """Validation errors without the raw input (which may be large or untrusted)."""
    out = []
    for e in errors:
        out.append({k: v for k, v in e.items() if k in ("type", "loc", "msg")})
    return out
