"""The store's schema: the SQL of each version and the migration steps between them."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

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
    from newsbrief.store.search import _index_event  # the index as the store keeps it

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
