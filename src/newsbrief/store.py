"""The SQLite store: articles, events and their briefs, kept up to date incrementally.

>>> with Store.open("newsbrief.sqlite") as store:          # doctest: +SKIP
...     report = store.add(articles, Settings())
...     for item in store.events(): print(item.event.id, item.headline)

How it stays consistent (see docs/store.md):

- Adding is two phases. Phase 1 is **one transaction**: the new articles, the events
  they join or start, the memberships, and a ``dirty`` mark on every touched event.
  Phase 2 re-summarizes the dirty events, **one transaction per event**: the brief is
  stored and the mark cleared together. A process killed at any point leaves either
  the state before phase 1 or a state whose remaining work is exactly the dirty events;
  the next ``add`` (with or without new articles) finishes it.
- The database runs in WAL mode; every write transaction is ``BEGIN IMMEDIATE``; reads
  are plain transactions that never wait for a writer. Opening a current store writes
  nothing and takes no write lock (only a migration does).
- The file is never opened outside SQLite while this process holds a connection to it
  (closing any descriptor of a file drops every POSIX lock the process holds on it, and
  with them SQLite's protection of the WAL): the raw header check runs only before the
  process's first connection to the file.
- SQLite errors of a damaged file become ``StoreError("the store is damaged: ...")``.
- A file that is not a newsbrief database, or has a newer schema, is refused with a
  :class:`~newsbrief.errors.StoreError` before anything is written to it.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
import os
import re
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import numpy as np

from newsbrief.digest import outlet, rank_key
from newsbrief.errors import InputError, NewsbriefError, StoreError
from newsbrief.group import ASSIGN_STEPS, VECTORIZER_VERSION, Row, assign, rows_of, vectorize
from newsbrief.model import Article, Brief, BriefSentence, Disagreement, Event, Fact
from newsbrief.settings import Settings

__all__ = [
    "APPLICATION_ID",
    "DEFAULT_PATH",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "AddReport",
    "EventRow",
    "Store",
    "StoredEvent",
    "brief_from_dict",
    "fts_query",
    "damaged",
    "store_error",
]

log = logging.getLogger("newsbrief")

#: the default store file of the command line
DEFAULT_PATH = "newsbrief.sqlite"
#: SQLite ``application_id`` of a newsbrief store ("nbrf")
APPLICATION_ID = 0x6E627266
_SQLITE_MAGIC = b"SQLite format 3\x00"

_V1 = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE articles (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    id        TEXT NOT NULL UNIQUE,
    title     TEXT NOT NULL,
    text      TEXT NOT NULL,
    url       TEXT NOT NULL,
    source    TEXT NOT NULL,
    published TEXT,
    origin    TEXT NOT NULL,
    outlet    TEXT NOT NULL,
    vector    BLOB NOT NULL,
    added     TEXT NOT NULL
);
CREATE TABLE events (
    id       TEXT PRIMARY KEY,
    first    TEXT,
    last     TEXT,
    size     INTEGER NOT NULL,
    outlets  INTEGER NOT NULL,
    undated  INTEGER NOT NULL,
    version  INTEGER NOT NULL DEFAULT 1,
    dirty    INTEGER NOT NULL DEFAULT 1,
    created  TEXT NOT NULL,
    updated  TEXT NOT NULL
);
CREATE TABLE members (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    event_id   TEXT NOT NULL REFERENCES events(id)
);
CREATE INDEX members_by_event ON members(event_id);
CREATE INDEX events_by_date ON events(last, first);
CREATE INDEX events_dirty ON events(dirty) WHERE dirty = 1;
CREATE TABLE briefs (
    event_id TEXT PRIMARY KEY REFERENCES events(id),
    version  INTEGER NOT NULL,
    headline TEXT NOT NULL,
    words    INTEGER NOT NULL,
    brief    TEXT,
    error    TEXT,
    made     TEXT NOT NULL
);
"""

# fetching (newsbrief add URL, watch; issue 17): conditional-GET state of each feed or
# page URL, and every normalized URL fetched so that a stored URL is never fetched again
_FETCH_STATE = """
CREATE TABLE fetch_state (
    url           TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,
    etag          TEXT,
    last_modified TEXT,
    last_fetch    TEXT,
    last_success  TEXT,
    last_status   INTEGER,
    failures      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT,
    entries       INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE fetched_urls (
    url        TEXT PRIMARY KEY,
    article_id TEXT,
    outcome    TEXT NOT NULL,
    fetched    TEXT NOT NULL
);
CREATE INDEX articles_by_url ON articles(url)
"""


#: the events' search text: one full-text row per event (FTS5) and its listed title
_SEARCH = """
CREATE TABLE event_titles (
    n        INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE REFERENCES events(id),
    title    TEXT NOT NULL DEFAULT ''
);
CREATE VIRTUAL TABLE event_search USING fts5(
    title, headline, text, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE INDEX events_by_rank ON events(
    outlets DESC, coalesce(last, first) IS NULL, coalesce(last, first) DESC, size DESC, id
)
"""


def _migrate_search(con: sqlite3.Connection) -> None:
    """Schema step: the full-text index of events and their titles, filled from what is stored."""
    _run_sql(con, _SEARCH)
    for (eid,) in con.execute("SELECT id FROM events ORDER BY id").fetchall():
        _index_event(con, eid)


def _run_sql(con: sqlite3.Connection, script: str) -> None:
    for statement in script.split(";"):
        if statement.strip():
            con.execute(statement)


#: migrations[k] takes a store from schema version k to k + 1 (version 0: an empty file);
#: a step is SQL statements, or a function run inside the migration's transaction
MIGRATIONS: list[str | Callable[[sqlite3.Connection], None]] = [
    _V1,
    _FETCH_STATE,
    _migrate_search,
]
#: the schema version this code writes
SCHEMA_VERSION = len(MIGRATIONS)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _date(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def _pack(row: Row) -> bytes:
    return row[0].astype("<i4").tobytes() + row[1].astype("<f4").tobytes()


def _unpack(blob: bytes) -> Row:
    n = len(blob) // 8
    return (
        np.frombuffer(blob, dtype="<i4", count=n).astype(np.int32),
        np.frombuffer(blob, dtype="<f4", count=n, offset=4 * n).astype(np.float32),
    )


# -------------------------------------------------------------------- test hook
# NEWSBRIEF_TEST_PAUSE="articles:N" stops an add inside its first transaction after N
# article rows are written; "briefs:N" stops it after N briefs are committed. The process
# then creates NEWSBRIEF_TEST_PAUSE_FILE (if set) and sleeps, to be killed by a test; with
# NEWSBRIEF_TEST_RELEASE_FILE set, it goes on once that file exists (at most 10 minutes).


def _pause(stage: str, count: int) -> None:
    want = os.environ.get("NEWSBRIEF_TEST_PAUSE", "")
    if want != f"{stage}:{count}":
        return
    marker = os.environ.get("NEWSBRIEF_TEST_PAUSE_FILE")
    if marker:
        Path(marker).write_text(f"{stage}:{count}\n")
    print(f"newsbrief: test pause at {stage}:{count}", file=sys.stderr, flush=True)
    release = os.environ.get("NEWSBRIEF_TEST_RELEASE_FILE")
    deadline = time.monotonic() + (600 if release else 3600)
    while time.monotonic() < deadline:
        if release and Path(release).exists():
            return
        time.sleep(0.02)


# -------------------------------------------------------------------- opening

# Store connections this process holds, by file (st_dev, st_ino). While a file has one,
# nothing may open and close it outside SQLite: a close() of any descriptor drops every
# POSIX lock the process holds on the file, another process then believes it is the
# last user, checkpoints and deletes the WAL under our connection (committed writes
# lost, file damaged). SQLite's own connections share one lock table per process and
# defer such closes, so they are safe. A count left high (a Store never closed) only
# skips the raw header check, which is the safe direction.
_OPEN_LOCK = threading.Lock()
_OPEN: dict[tuple[int, int], int] = {}

# primary SQLite result codes (extended codes carry them in the low byte)
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_NOTADB = 5, 6, 11, 13, 26


def _file_key(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def damaged(path: Path | str, e: BaseException) -> StoreError:
    """The one-line error of a store SQLite finds damaged."""
    return StoreError(
        f"the store is damaged: {path}: {e} (restore a copy; 'sqlite3 {path} .recover' may "
        "save what is left)"
    )


def store_error(path: Path | str, e: sqlite3.Error) -> NewsbriefError:
    """The user-facing error of an SQLite error on the store at ``path``."""
    code = (getattr(e, "sqlite_errorcode", None) or 0) & 0xFF
    text = str(e)
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "malformed" in text:
        return damaged(path, e)
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return NewsbriefError(f"{path}: the store stayed busy (another process writes to it): {e}")
    if code == _SQLITE_FULL:
        return NewsbriefError(f"cannot write the store {path}: the disk is full")
    return NewsbriefError(f"{path}: cannot use the store ({e})")


_P = ParamSpec("_P")
_T = TypeVar("_T")


def _guarded(method: Callable[_P, _T]) -> Callable[_P, _T]:
    """A Store method whose SQLite errors become one-line newsbrief errors."""

    @functools.wraps(method)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            return method(*args, **kwargs)
        except sqlite3.Error as e:
            store = args[0]
            raise store_error(store.path, e) from None  # type: ignore[attr-defined]

    return wrapper


def _inspect(path: Path) -> None:
    """Refuse, without writing anything, a file that is not a usable newsbrief store.

    Reads the file's first bytes with a plain open(): call it only while this process
    holds no SQLite connection to the file (see ``_OPEN``).
    """
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a newsbrief store")
    try:
        with open(path, "rb") as fh:
            head = fh.read(100)
    except OSError as e:
        raise StoreError(f"{path}: cannot read ({e.strerror or e})") from None
    if not head:
        return  # an empty file: a new store
    if not head.startswith(_SQLITE_MAGIC) or len(head) < 100:
        raise StoreError(
            f"{path}: not a newsbrief store (not an SQLite database); refusing to touch it"
        )
    # the header says whose file it is (big-endian user_version at 60, application_id at 68)
    header_version = int.from_bytes(head[60:64], "big")
    header_app = int.from_bytes(head[68:72], "big")
    if header_app == APPLICATION_ID:
        if header_version > SCHEMA_VERSION:
            raise _newer(path, header_version)
        return
    if header_app != 0:
        raise StoreError(
            f"{path}: not a newsbrief store (another SQLite database); refusing to touch it"
        )
    # immutable: read the main file only, creating no -wal or -shm file beside it
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as e:
        raise StoreError(f"{path}: cannot open ({e})") from None
    try:
        app = con.execute("PRAGMA application_id").fetchone()[0]
        version = con.execute("PRAGMA user_version").fetchone()[0]
        tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.Error as e:
        raise StoreError(f"{path}: not a newsbrief store ({e}); refusing to touch it") from None
    finally:
        con.close()
    if app != APPLICATION_ID:
        if app == 0 and tables == 0:
            return  # an empty SQLite database: a new store
        raise StoreError(
            f"{path}: not a newsbrief store (another SQLite database); refusing to touch it"
        )
    if version > SCHEMA_VERSION:
        raise _newer(path, version)


def _newer(path: Path, version: int) -> StoreError:
    return StoreError(
        f"{path}: store schema version {version} is newer than this newsbrief reads "
        f"({SCHEMA_VERSION}); upgrade newsbrief to use it"
    )


@dataclass(frozen=True)
class StoredEvent:
    """An event of the store with what a listing shows: outlets, headline, pending work."""

    event: Event
    outlets: int
    headline: str
    dirty: bool


@dataclass(frozen=True)
class EventRow:
    """One line of an event listing, read from the store without its articles."""

    id: str
    title: str
    headline: str
    first: date | None
    last: date | None
    size: int
    outlets: int
    dirty: bool


#: the digest order of :func:`newsbrief.digest.rank_key` in SQL (index events_by_rank)
_RANK_ORDER = (
    "e.outlets DESC, coalesce(e.last, e.first) IS NULL, coalesce(e.last, e.first) DESC, "
    "e.size DESC, e.id"
)
_ROW_COLS = (
    "e.id, coalesce(t.title, ''), coalesce(b.headline, ''), e.first, e.last, e.size, "
    "e.outlets, e.dirty"
)
_ROW_JOINS = "LEFT JOIN event_titles t ON t.event_id = e.id LEFT JOIN briefs b ON b.event_id = e.id"
_WORD = re.compile(r"\w+")


def fts_query(text: str) -> str:
    """The FTS5 query of a search box: every word must start a word of the event's text.

    Words are quoted, so FTS5 operators typed by a user (AND, NEAR, ``*``, ``:``) are
    plain words. Empty when the text holds no word.
    """
    words = _WORD.findall(text.lower())[:20]
    return " ".join(f'"{w}"*' for w in words)


def _index_event(con: sqlite3.Connection, event_id: str) -> None:
    """Write the event's title and full-text row (inside the caller's transaction)."""
    from newsbrief.render_html import event_title, pending_title

    rows = con.execute(
        "SELECT a.title, a.text FROM members m JOIN articles a ON a.id = m.article_id "
        "WHERE m.event_id = ? ORDER BY a.published IS NULL, a.published, a.seq",
        (event_id,),
    ).fetchall()
    b = con.execute("SELECT headline, brief FROM briefs WHERE event_id = ?", (event_id,)).fetchone()
    headline = b[0] if b else ""
    if b and b[1]:
        title = event_title(brief_from_dict(json.loads(b[1]), {}))
    else:
        title = pending_title([r[0] for r in rows], event_id)
    con.execute(
        "INSERT INTO event_titles(event_id, title) VALUES (?, ?) "
        "ON CONFLICT(event_id) DO UPDATE SET title = excluded.title",
        (event_id, title),
    )
    n = con.execute("SELECT n FROM event_titles WHERE event_id = ?", (event_id,)).fetchone()[0]
    con.execute("DELETE FROM event_search WHERE rowid = ?", (n,))
    con.execute(
        "INSERT INTO event_search(rowid, title, headline, text) VALUES (?, ?, ?, ?)",
        (n, "\n".join(r[0] for r in rows), headline, "\n".join(r[1] for r in rows)),
    )


def _reindex_brief(con: sqlite3.Connection, event_id: str, brief: Brief | None) -> None:
    """After a brief is written: the event's title and the headline of its full-text row."""
    from newsbrief.render_html import event_title

    row = con.execute("SELECT n FROM event_titles WHERE event_id = ?", (event_id,)).fetchone()
    if row is None:
        _index_event(con, event_id)
        return
    if brief is not None:
        con.execute("UPDATE event_titles SET title = ? WHERE n = ?", (event_title(brief), row[0]))
    con.execute(
        "UPDATE event_search SET headline = ? WHERE rowid = ?",
        (brief.headline if brief else "", row[0]),
    )


@dataclass
class AddReport:
    """What an add did."""

    read: int = 0
    new: int = 0
    known: int = 0
    created: list[str] = field(default_factory=list)
    touched: list[str] = field(default_factory=list)
    summarized: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


#: progress callback: (stage, done, total); stage "group" counts steps (reading nearby events,
#: the steps of group.assign, storing), "summarize" counts events
Progress = Callable[[str, int, int], None]


class Store:
    """A newsbrief SQLite store. Open it with :meth:`open`; close it (or use ``with``)."""

    def __init__(self, con: sqlite3.Connection, path: Path) -> None:
        self._con = con
        self.path = path
        self._key: tuple[int, int] | None = None
        self._closed = False

    # ---------------------------------------------------------------- lifecycle

    @classmethod
    def open(cls, path: str | os.PathLike[str] = DEFAULT_PATH, create: bool = True) -> Store:
        """Open (and, with ``create``, make) a store; migrate an older schema.

        Raises :class:`StoreError` for a file that is not a newsbrief store, a newer
        schema, a damaged file, or a missing file when ``create`` is false; such files
        are not modified. Opening a store of the current schema writes nothing and
        never waits for a writer.
        """
        p = Path(path)
        with _OPEN_LOCK:
            if p.exists():
                if p.is_dir():
                    raise StoreError(f"{p}: is a folder, not a newsbrief store")
                key = _file_key(p)
                if key is None or not _OPEN.get(key):
                    _inspect(p)  # safe: no connection of this process to the file
            elif not create:
                raise StoreError(f"{p}: no such store (add articles first with 'newsbrief add')")
            elif not p.parent.exists():
                raise StoreError(f"{p}: folder {p.parent} does not exist")
            try:
                con = sqlite3.connect(p, isolation_level=None, timeout=30.0)
            except sqlite3.Error as e:
                raise StoreError(f"{p}: cannot open ({e})") from None
            store = cls(con, p)
            try:
                store._setup()
            except sqlite3.Error as e:
                con.close()
                raise store_error(p, e) from None
            except BaseException:
                con.close()
                raise
            store._key = _file_key(p)
            if store._key is not None:
                _OPEN[store._key] = _OPEN.get(store._key, 0) + 1
        return store

    def _setup(self) -> None:
        con = self._con
        # a store already in WAL mode stays so without a write; a new one is switched
        if con.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            con.execute("PRAGMA journal_mode=WAL")
        # FULL: every commit (an acknowledged POST, an add) is on disk before it returns
        con.execute("PRAGMA synchronous=FULL")
        con.execute("PRAGMA foreign_keys=ON")
        app = con.execute("PRAGMA application_id").fetchone()[0]
        version = int(con.execute("PRAGMA user_version").fetchone()[0])
        if app == APPLICATION_ID and version == SCHEMA_VERSION:
            return  # current: no transaction, no lock beyond this read
        if app == APPLICATION_ID and version > SCHEMA_VERSION:
            raise _newer(self.path, version)
        self._migrate()

    def close(self) -> None:
        """Close the connection (again: nothing)."""
        with _OPEN_LOCK:
            if self._closed:
                return
            self._closed = True
            self._con.close()
            if self._key is not None and _OPEN.get(self._key):
                _OPEN[self._key] -= 1
                if not _OPEN[self._key]:
                    del _OPEN[self._key]

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE): committed on success, else rolled back."""
        con = self._con
        con.execute("BEGIN IMMEDIATE")
        try:
            yield con
        except BaseException:
            if con.in_transaction:
                try:
                    con.execute("ROLLBACK")
                except sqlite3.Error:
                    pass  # the first error is the one to report
            raise
        con.execute("COMMIT")

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """One read transaction: a consistent snapshot."""
        con = self._con
        con.execute("BEGIN")
        try:
            yield con
        finally:
            if con.in_transaction:
                con.execute("COMMIT")

    @_guarded
    def schema_version(self) -> int:
        """The schema version of the open store."""
        return int(self._con.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        with self._write() as con:
            version = int(con.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:  # e.g. upgraded by a newer newsbrief meanwhile
                raise _newer(self.path, version)
            if version == SCHEMA_VERSION:
                return
            app = con.execute("PRAGMA application_id").fetchone()[0]
            tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if app != APPLICATION_ID and tables:
                # rolled back: nothing of ours is written into another application's database
                raise StoreError(
                    f"{self.path}: not a newsbrief store (another SQLite database); "
                    "refusing to touch it"
                )
            for step in MIGRATIONS[version:]:
                if callable(step):
                    step(con)
                else:
                    _run_sql(con, step)
            con.execute(f"PRAGMA application_id={APPLICATION_ID}")
            con.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            con.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('application', 'newsbrief')"
            )
            con.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('created', ?)", (_now(),))
            con.execute(
                "INSERT OR IGNORE INTO meta(key, value) VALUES ('vectorizer', ?)",
                (str(VECTORIZER_VERSION),),
            )

    # ---------------------------------------------------------------- reading

    def _article(self, row: sqlite3.Row | tuple[Any, ...]) -> Article:
        id_, title, text, url, source, published, origin = row
        return Article(
            id=id_,
            title=title,
            text=text,
            url=url,
            source=source,
            published=_date(published),
            origin=origin,
        )

    _ARTICLE_COLS = "a.id, a.title, a.text, a.url, a.source, a.published, a.origin"

    @_guarded
    def articles_of(self, event_id: str) -> list[Article]:
        """The articles of an event in reading order (by date, undated last, then as added)."""
        rows = self._con.execute(
            f"SELECT {self._ARTICLE_COLS} FROM members m JOIN articles a ON a.id = m.article_id "
            "WHERE m.event_id = ? ORDER BY a.published IS NULL, a.published, a.seq",
            (event_id,),
        ).fetchall()
        return [self._article(r) for r in rows]

    def _event(self, event_id: str) -> Event | None:
        row = self._con.execute(
            "SELECT id, first, last, size FROM events WHERE id = ?", (event_id,)
        ).fetchone()
        if row is None:
            return None
        ids = [
            r[0]
            for r in self._con.execute(
                "SELECT a.id FROM members m JOIN articles a ON a.id = m.article_id "
                "WHERE m.event_id = ? ORDER BY a.published IS NULL, a.published, a.seq",
                (event_id,),
            )
        ]
        return Event(
            id=row[0], article_ids=tuple(ids), first=_date(row[1]), last=_date(row[2]), size=row[3]
        )

    @_guarded
    def resolve(self, event_id: str) -> str:
        """The full id of the event whose id is, or starts with, ``event_id``."""
        text = event_id.strip().lower()
        if not text:
            raise InputError("empty event id")
        if self._con.execute("SELECT 1 FROM events WHERE id = ?", (text,)).fetchone():
            return text
        like = text.replace("\\", "").replace("%", "").replace("_", "")
        found = [
            r[0]
            for r in self._con.execute(
                "SELECT id FROM events WHERE id LIKE ? ORDER BY id LIMIT 6", (like + "%",)
            )
        ]
        if not found or like != text:
            raise InputError(f"no event {event_id!r} in {self.path} (see 'newsbrief events')")
        if len(found) > 1:
            raise InputError(
                f"event id {event_id!r} is ambiguous: {', '.join(found[:5])}"
                + (", ..." if len(found) > 5 else "")
            )
        return found[0]

    @_guarded
    def events(self) -> list[StoredEvent]:
        """Every event with its outlets and headline, ranked as in a digest."""
        with self._read() as con:
            rows = con.execute(
                "SELECT e.id, e.first, e.last, e.size, e.outlets, e.dirty, "
                "coalesce(b.headline, '') FROM events e LEFT JOIN briefs b ON b.event_id = e.id"
            ).fetchall()
            members: dict[str, list[str]] = {}
            for aid, eid in con.execute(
                "SELECT a.id, m.event_id FROM members m JOIN articles a ON a.id = m.article_id "
                "ORDER BY a.published IS NULL, a.published, a.seq"
            ):
                members.setdefault(eid, []).append(aid)
        out = [
            StoredEvent(
                event=Event(
                    id=r[0],
                    article_ids=tuple(members.get(r[0], ())),
                    first=_date(r[1]),
                    last=_date(r[2]),
                    size=r[3],
                ),
                outlets=r[4],
                headline=r[6],
                dirty=bool(r[5]),
            )
            for r in rows
        ]
        out.sort(key=lambda s: rank_key(s.event, s.outlets))
        return out

    def _rows(self, sql: str, params: Sequence[Any]) -> list[EventRow]:
        return [
            EventRow(
                id=r[0],
                title=r[1],
                headline=r[2],
                first=_date(r[3]),
                last=_date(r[4]),
                size=r[5],
                outlets=r[6],
                dirty=bool(r[7]),
            )
            for r in self._con.execute(sql, params)
        ]

    @_guarded
    def event_rows(self, offset: int = 0, limit: int = 20) -> list[EventRow]:
        """One page of the events, ranked as in a digest (paged in SQL, no article read)."""
        # the page's ids come from the rank index alone (covering), then the joins
        return self._rows(
            f"SELECT {_ROW_COLS} FROM (SELECT e.id FROM events e ORDER BY {_RANK_ORDER} "
            f"LIMIT ? OFFSET ?) p JOIN events e ON e.id = p.id {_ROW_JOINS} ORDER BY {_RANK_ORDER}",
            (limit, offset),
        )

    @_guarded
    def event_row(self, event_id: str) -> EventRow | None:
        """The listing line of one event (full id), or None."""
        rows = self._rows(
            f"SELECT {_ROW_COLS} FROM events e {_ROW_JOINS} WHERE e.id = ?", (event_id,)
        )
        return rows[0] if rows else None

    @_guarded
    def totals(self) -> dict[str, int]:
        """Number of articles and events, cheaply: articles are never deleted, so the
        article count is the last article number (no table scan)."""
        row = self._con.execute(
            "SELECT seq FROM sqlite_sequence WHERE name = 'articles'"
        ).fetchone()
        return {"articles": int(row[0]) if row else 0, "events": self.count_events()}

    @_guarded
    def count_events(self) -> int:
        """Number of events."""
        return int(self._con.execute("SELECT count(*) FROM events").fetchone()[0])

    @_guarded
    def listing(
        self, query: str = "", page: int = 1, size: int = 20
    ) -> tuple[list[EventRow], int, int, int]:
        """One page of the events, or of a :meth:`search` when ``query`` holds a word, read
        in one snapshot: (rows, total, pages, page shown). A page past the last is the last."""
        with self._read():
            total = self.count_matches(query) if query.strip() else self.count_events()
            pages = max(1, -(-total // size))
            page = min(max(1, page), pages)
            offset = (page - 1) * size
            if query.strip():
                rows = self.search(query, offset, size)
            else:
                rows = self.event_rows(offset, size)
        return rows, total, pages, page

    @_guarded
    def count_matches(self, text: str) -> int:
        """Number of events a :meth:`search` for ``text`` finds."""
        query = fts_query(text)
        if not query:
            return 0
        return int(
            self._con.execute(
                "SELECT count(*) FROM event_search WHERE event_search MATCH ?", (query,)
            ).fetchone()[0]
        )

    @_guarded
    def search(self, text: str, offset: int = 0, limit: int = 20) -> list[EventRow]:
        """One page of the events whose titles, headline or article text hold every word.

        Uses the full-text index (see :func:`fts_query`): best matches first (BM25, titles
        weigh most, then the headline), ties in digest rank. :meth:`count_matches` counts.
        """
        query = fts_query(text)
        if not query:
            return []
        return self._rows(
            f"SELECT {_ROW_COLS} FROM (SELECT rowid AS n, bm25(event_search, 4.0, 2.0, 1.0) "
            "AS score FROM event_search WHERE event_search MATCH ? "
            "ORDER BY score LIMIT ? OFFSET ?) s "
            "JOIN event_titles t ON t.n = s.n JOIN events e ON e.id = t.event_id "
            f"LEFT JOIN briefs b ON b.event_id = e.id ORDER BY s.score, {_RANK_ORDER}",
            (query, limit, offset),
        )

    @_guarded
    def events_holding(self, article_ids: Iterable[str]) -> list[str]:
        """Ids of the events that hold any of these articles, ranked as in a digest."""
        ids = list(dict.fromkeys(article_ids))
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                r[0]
                for r in self._con.execute(
                    f"SELECT event_id FROM members WHERE article_id IN ({marks})", chunk
                )
            )
        if not found:
            return []
        marks = ",".join("?" * len(found))
        return [
            r[0]
            for r in self._con.execute(
                f"SELECT e.id FROM events e WHERE e.id IN ({marks}) ORDER BY {_RANK_ORDER}",
                sorted(found),
            )
        ]

    @_guarded
    def brief(self, event_id: str, settings: Settings | None = None) -> tuple[Event, Brief]:
        """The event and its brief; an event with pending work is summarized afresh (not stored).

        Facts and disagreements are compared afresh from the event's articles.
        """
        from newsbrief.compare import with_facts
        from newsbrief.digest import brief_event

        with self._read() as con:
            eid = self.resolve(event_id)
            event = self._event(eid)
            assert event is not None
            dirty, version = con.execute(
                "SELECT dirty, version FROM events WHERE id = ?", (eid,)
            ).fetchone()
            row = con.execute(
                "SELECT version, brief, error FROM briefs WHERE event_id = ?", (eid,)
            ).fetchone()
            articles = self.articles_of(eid)
        if row is not None and not dirty and row[0] == version:
            if row[1] is None:
                raise InputError(f"event {eid} has no brief: {row[2]}")
            stored = brief_from_dict(json.loads(row[1]), {a.id: a for a in articles})
            return event, with_facts(stored, articles)
        return event, brief_event(event, articles, settings or Settings())

    @_guarded
    def pending(self) -> list[str]:
        """Ids of the events whose brief is missing or out of date."""
        return [
            r[0] for r in self._con.execute("SELECT id FROM events WHERE dirty = 1 ORDER BY id")
        ]

    @_guarded
    def counts(self) -> dict[str, int]:
        """Number of articles, events, briefs and pending events."""
        q = self._con.execute
        return {
            "articles": q("SELECT count(*) FROM articles").fetchone()[0],
            "events": q("SELECT count(*) FROM events").fetchone()[0],
            "briefs": q("SELECT count(*) FROM briefs WHERE brief IS NOT NULL").fetchone()[0],
            "pending": q("SELECT count(*) FROM events WHERE dirty = 1").fetchone()[0],
        }

    def check(self) -> list[str]:
        """Consistency problems of the store (an empty list when it is sound)."""
        try:
            return self._check()
        except sqlite3.DatabaseError as e:
            return [str(damaged(self.path, e))]

    def _check(self) -> list[str]:
        q = self._con.execute
        problems: list[str] = []
        result = q("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            problems.append(f"integrity check: {result}")
        for (aid,) in q("SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM members)"):
            problems.append(f"article {aid} belongs to no event")
        for (aid,) in q(
            "SELECT article_id FROM members WHERE article_id NOT IN (SELECT id FROM articles)"
        ):
            problems.append(f"membership of missing article {aid}")
        for eid, size, n, first, last, f, l_, undated, u in q(
            "SELECT e.id, e.size, count(a.id), e.first, e.last, min(a.published), "
            "max(a.published), e.undated, sum(a.published IS NULL) FROM events e "
            "LEFT JOIN members m ON m.event_id = e.id LEFT JOIN articles a ON a.id = m.article_id "
            "GROUP BY e.id"
        ):
            if n == 0:
                problems.append(f"event {eid} has no article")
            if size != n or first != f or last != l_ or undated != (u or 0):
                problems.append(f"event {eid}: stored size or dates do not match its articles")
        for (eid,) in q(
            "SELECT e.id FROM events e LEFT JOIN briefs b ON b.event_id = e.id "
            "WHERE e.dirty = 0 AND (b.event_id IS NULL OR b.version != e.version)"
        ):
            problems.append(f"event {eid} is marked done but has no current brief")
        for (eid,) in q(
            "SELECT id FROM events WHERE id NOT IN (SELECT event_id FROM event_titles)"
        ):
            problems.append(f"event {eid} is missing from the search index")
        n_rows = q("SELECT count(*) FROM event_search").fetchone()[0]
        n_titles = q("SELECT count(*) FROM event_titles").fetchone()[0]
        if n_rows != n_titles:
            problems.append(f"search index: {n_rows} rows for {n_titles} events")
        for eid, text in q("SELECT event_id, brief FROM briefs WHERE brief IS NOT NULL"):
            sources = {s["id"] for s in json.loads(text)["sources"]}
            current = {r[0] for r in q("SELECT article_id FROM members WHERE event_id = ?", (eid,))}
            dirty = q("SELECT dirty FROM events WHERE id = ?", (eid,)).fetchone()
            if dirty is None:
                problems.append(f"brief of missing event {eid}")
            elif not dirty[0] and sources != current:
                problems.append(f"brief of event {eid} does not cite its articles")
        return problems

    # ---------------------------------------------------------------- adding

    @_guarded
    def add(
        self,
        articles: Iterable[Article],
        settings: Settings | None = None,
        progress: Progress | None = None,
    ) -> AddReport:
        """Add articles: each joins an existing event or starts one; touched events are re-briefed.

        Articles already stored (same id) are skipped. Pending work left by an
        interrupted add is finished too.
        """
        settings = settings or Settings()
        report = AddReport()
        uniq: dict[str, Article] = {}
        for a in articles:
            report.read += 1
            uniq.setdefault(a.id, a)
        with self._write() as con:
            self._refresh_vectors(con)
            stored = self._known_ids(con, list(uniq))
            new = [a for aid, a in uniq.items() if aid not in stored]
            report.known = len(uniq) - len(new)
            report.new = len(new)
            if new:
                started = time.perf_counter()
                self._insert(con, new, settings, report, progress)
                log.info(
                    "grouped %d new article(s) (%d already stored) in %.2f s: %d new event(s), "
                    "%d grown",
                    report.new, report.known, time.perf_counter() - started,
                    len(report.created), len(report.touched) - len(report.created),
                )  # fmt: skip
            else:
                log.info("%d article(s) read, all already stored", report.read)
        self.summarize_pending(settings, progress, report)
        return report

    def _refresh_vectors(self, con: sqlite3.Connection) -> None:
        """Recompute stored vectors made by an older vectorizer (inside the caller's transaction)."""
        row = con.execute("SELECT value FROM meta WHERE key = 'vectorizer'").fetchone()
        if row is not None and row[0] == str(VECTORIZER_VERSION):
            return
        rows = con.execute(f"SELECT {self._ARTICLE_COLS} FROM articles a").fetchall()
        arts = [self._article(r) for r in rows]
        for a, vec in zip(arts, rows_of(vectorize(arts)), strict=True):
            con.execute("UPDATE articles SET vector = ? WHERE id = ?", (_pack(vec), a.id))
        con.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES ('vectorizer', ?)",
            (str(VECTORIZER_VERSION),),
        )

    @staticmethod
    def _known_ids(con: sqlite3.Connection, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                r[0] for r in con.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk)
            )
        return found

    def _candidates(
        self, con: sqlite3.Connection, new: Sequence[Article], window: int
    ) -> list[str]:
        """Ids of the stored events a new article could join: near in time, or undated."""
        dates = [a.published for a in new if a.published]
        if len(dates) < len(new):
            return [r[0] for r in con.execute("SELECT id FROM events ORDER BY id")]
        # clamped: a date near the ends of the calendar must not overflow
        lo = date.fromordinal(max(1, min(dates).toordinal() - window)).isoformat()
        hi = date.fromordinal(min(date.max.toordinal(), max(dates).toordinal() + window))
        hi = hi.isoformat()
        return [
            r[0]
            for r in con.execute(
                "SELECT id FROM events WHERE undated > 0 OR (first <= ? AND last >= ?) ORDER BY id",
                (hi, lo),
            )
        ]

    def _insert(
        self,
        con: sqlite3.Connection,
        new: list[Article],
        settings: Settings,
        report: AddReport,
        progress: Progress | None = None,
    ) -> None:
        # the "group" stage: reading the nearby events, the steps of assign, then storing
        steps = ASSIGN_STEPS + 2

        def step(done: int, total: int = ASSIGN_STEPS) -> None:
            if progress:
                progress("group", done + 1, steps)

        if progress:
            progress("group", 0, steps)
        existing: list[Event] = []
        known: dict[str, Article] = {}
        vectors: dict[str, Row] = {}
        for eid in self._candidates(con, new, settings.group_window_days):
            rows = con.execute(
                f"SELECT {self._ARTICLE_COLS}, a.vector FROM members m "
                "JOIN articles a ON a.id = m.article_id WHERE m.event_id = ? "
                "ORDER BY a.published IS NULL, a.published, a.seq",
                (eid,),
            ).fetchall()
            for r in rows:
                known[r[0]] = self._article(r[:7])
                vectors[r[0]] = _unpack(r[7])
            existing.append(Event(id=eid, article_ids=tuple(r[0] for r in rows)))
        step(0)
        grouping = assign(new, existing, known, settings, vectors, progress=step)
        now = _now()
        for n, a in enumerate(new, 1):
            con.execute(
                "INSERT INTO articles(id, title, text, url, source, published, origin, outlet, "
                "vector, added) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    a.id,
                    a.title,
                    a.text,
                    a.url,
                    a.source,
                    _iso(a.published),
                    a.origin,
                    outlet(a),
                    _pack(grouping.vectors[a.id]),
                    now,
                ),
            )
            _pause("articles", n)
        for event in grouping.events:
            if event.id in grouping.created:
                con.execute(
                    "INSERT INTO events(id, size, outlets, undated, created, updated) "
                    "VALUES (?, 0, 0, 0, ?, ?)",
                    (event.id, now, now),
                )
                report.created.append(event.id)
            report.touched.append(event.id)
        con.executemany(
            "INSERT INTO members(article_id, event_id) VALUES (?, ?)",
            sorted(grouping.assignment.items()),
        )
        for event in grouping.events:
            con.execute(
                "UPDATE events SET (first, last, size, outlets, undated) = ("
                "SELECT min(a.published), max(a.published), count(*), count(DISTINCT a.outlet), "
                "sum(a.published IS NULL) FROM members m JOIN articles a ON a.id = m.article_id "
                "WHERE m.event_id = events.id), version = version + 1, dirty = 1, updated = ? "
                "WHERE id = ?",
                (now, event.id),
            )
            _index_event(con, event.id)
        if progress:
            progress("group", steps, steps)

    @_guarded
    def summarize_pending(
        self,
        settings: Settings | None = None,
        progress: Progress | None = None,
        report: AddReport | None = None,
    ) -> list[str]:
        """Brief every dirty event, each in its own transaction; returns their ids."""
        from newsbrief.summarize import summarize_articles

        settings = settings or Settings()
        todo = self.pending()
        started = time.perf_counter()
        done: list[str] = []
        if progress and todo:
            progress("summarize", 0, len(todo))
        for n, eid in enumerate(todo, 1):
            with self._read() as con:
                row = con.execute("SELECT version FROM events WHERE id = ?", (eid,)).fetchone()
                articles = self.articles_of(eid)
            if row is None or not articles:
                continue
            brief: Brief | None = None
            error = None
            try:
                brief = summarize_articles(articles, settings, event=eid)
            except InputError as e:
                error = str(e)
                if report is not None:
                    report.problems.append(f"event {eid}: no brief ({error})")
            with self._write() as con:
                con.execute(
                    "INSERT OR REPLACE INTO briefs(event_id, version, headline, words, brief, "
                    "error, made) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        eid,
                        row[0],
                        brief.headline if brief else "",
                        settings.words,
                        json.dumps(brief.to_dict(), ensure_ascii=False) if brief else None,
                        error,
                        _now(),
                    ),
                )
                _reindex_brief(con, eid, brief)
                # cleared only when no add touched the event since we read it
                con.execute(
                    "UPDATE events SET dirty = 0 WHERE id = ? AND version = ?", (eid, row[0])
                )
            done.append(eid)
            if report is not None:
                report.summarized.append(eid)
            if progress:
                progress("summarize", n, len(todo))
            _pause("briefs", n)
        if todo:
            log.info("summarized %d event(s) in %.2f s", len(done), time.perf_counter() - started)
        return done


def _fact(d: dict[str, Any]) -> Fact:
    names = {f.name for f in dataclasses.fields(Fact)}
    kw = {k: v for k, v in d.items() if k in names}
    for k in ("article_ids", "evidence"):
        if k in kw:
            kw[k] = tuple(kw[k])
    return Fact(**kw)


def brief_from_dict(d: dict[str, Any], articles: dict[str, Article]) -> Brief:
    """Rebuild a :class:`Brief` from :meth:`Brief.to_dict` and its articles by id."""

    def art(entry: dict[str, Any] | str) -> Article:
        aid = entry if isinstance(entry, str) else entry["id"]
        if aid in articles:
            return articles[aid]
        e = entry if isinstance(entry, dict) else {"id": aid}
        return Article(
            id=aid,
            title=e.get("title") or "",
            text="",
            url=e.get("url") or "",
            source=e.get("source") or "",
            published=_date(e.get("published")),
            origin=e.get("origin") or "",
        )

    sources = tuple(art(s) for s in d["sources"])
    by_id = {a.id: a for a in sources}
    return Brief(
        event_id=d["event_id"],
        headline=d["headline"],
        sentences=tuple(
            BriefSentence(
                text=s["text"],
                article_id=s["article_id"],
                position=s["position"],
                sources=tuple(by_id.get(x) or art(x) for x in s["sources"]),
                citations=tuple(s["citations"]),
            )
            for s in d["sentences"]
        ),
        sources=sources,
        words=d["words"],
        duplicates={s["id"]: s["duplicate_of"] for s in d["sources"] if s.get("duplicate_of")},
        facts=tuple(_fact(f) for f in d.get("facts", ())),
        disagreements=tuple(
            Disagreement(
                measure=x["measure"],
                facts=tuple(_fact(f) for f in x["values"]),
                note=x.get("note", ""),
            )
            for x in d.get("disagreements", ())
        ),
    )
