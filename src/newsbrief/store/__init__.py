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

Modules, one per job: :mod:`~newsbrief.store.schema` (the SQL of each version, the
migrations), :mod:`~newsbrief.store.connection` (opening, transactions, migrating),
:mod:`~newsbrief.store.events` (reading events, articles and briefs),
:mod:`~newsbrief.store.search` (listing and full-text search, the index kept in step),
:mod:`~newsbrief.store.adding` (adding articles, briefing pending events),
:mod:`~newsbrief.store.check` (the consistency check) and
:mod:`~newsbrief.store.common` (stored values, SQLite errors, the test pause hook).
:class:`Store` puts them together.
"""

from __future__ import annotations

from newsbrief.store.adding import Adding, AddReport, Progress
from newsbrief.store.check import Checking
from newsbrief.store.common import damaged, store_error
from newsbrief.store.events import StoredEvent, brief_from_dict
from newsbrief.store.schema import APPLICATION_ID, DEFAULT_PATH, MIGRATIONS, SCHEMA_VERSION
from newsbrief.store.search import EventRow, Listing, fts_query

__all__ = [
    "APPLICATION_ID",
    "DEFAULT_PATH",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "AddReport",
    "EventRow",
    "Progress",
    "Store",
    "StoredEvent",
    "brief_from_dict",
    "damaged",
    "fts_query",
    "store_error",
]


class Store(Adding, Listing, Checking):
    """A newsbrief SQLite store. Open it with :meth:`open`; close it (or use ``with``)."""
