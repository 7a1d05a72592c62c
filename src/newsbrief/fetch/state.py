"""Fetch state kept in the store (tables ``fetch_state`` and ``fetched_urls``).

Both tables live in the store's own schema (a migration step of
:mod:`newsbrief.store`) and every write is one ``BEGIN IMMEDIATE`` transaction, as
for articles. ``fetch_state`` has one row per feed or sitemap: the validators of its
last answer (ETag, Last-Modified) for conditional GET, when it was last fetched and
last fetched successfully, and how many fetches in a row failed. ``fetched_urls``
holds every normalized article URL fetched, with the article it gave (or why none).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from newsbrief.store import Store

__all__ = ["FeedState", "feed_states", "get_state", "known_urls", "mark_fetched", "save_state"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class FeedState:
    """The fetch state of one feed or sitemap URL."""

    url: str
    kind: str
    etag: str | None
    last_modified: str | None
    last_fetch: str | None
    last_success: str | None
    last_status: int | None
    failures: int
    last_error: str | None
    entries: int


_COLS = (
    "url, kind, etag, last_modified, last_fetch, last_success, last_status, failures, "
    "last_error, entries"
)


def get_state(store: Store, url: str) -> FeedState | None:
    """The state of ``url``, or None when it was never fetched as a feed."""
    row = store._con.execute(f"SELECT {_COLS} FROM fetch_state WHERE url = ?", (url,)).fetchone()
    return FeedState(*row) if row else None


def feed_states(store: Store) -> list[FeedState]:
    """Every feed and sitemap fetched, by URL."""
    rows = store._con.execute(f"SELECT {_COLS} FROM fetch_state ORDER BY url").fetchall()
    return [FeedState(*r) for r in rows]


def save_state(
    store: Store,
    url: str,
    kind: str,
    *,
    status: int | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    entries: int | None = None,
    error: str | None = None,
) -> None:
    """Record one fetch of a feed: a success (``error`` None) or a failure."""
    now = _now()
    with store._write() as con:
        con.execute(
            "INSERT INTO fetch_state(url, kind) VALUES (?, ?) ON CONFLICT(url) DO NOTHING",
            (url, kind),
        )
        if error is None:
            con.execute(
                "UPDATE fetch_state SET kind = ?, last_fetch = ?, last_success = ?, "
                "last_status = ?, failures = 0, last_error = NULL, "
                "etag = CASE WHEN ? = 304 THEN etag ELSE ? END, "
                "last_modified = CASE WHEN ? = 304 THEN last_modified ELSE ? END, "
                "entries = coalesce(?, entries) WHERE url = ?",
                (kind, now, now, status, status, etag, status, last_modified, entries, url),
            )
        else:
            con.execute(
                "UPDATE fetch_state SET last_fetch = ?, last_status = ?, "
                "failures = failures + 1, last_error = ? WHERE url = ?",
                (now, status, error, url),
            )


def known_urls(store: Store, urls: Sequence[str], with_failures: bool = True) -> set[str]:
    """The URLs (normalized) that are not to be fetched again.

    A URL is known when a stored article has it, or it was fetched before and gave
    an article; with ``with_failures``, also when it was fetched and gave none for a
    lasting reason (not HTML, no text, 404, refused).
    """
    found: set[str] = set()
    con = store._con
    for i in range(0, len(urls), 400):
        chunk = list(urls[i : i + 400])
        marks = ",".join("?" * len(chunk))
        found.update(
            r[0] for r in con.execute(f"SELECT url FROM articles WHERE url IN ({marks})", chunk)
        )
        cond = "" if with_failures else " AND article_id IS NOT NULL"
        found.update(
            r[0]
            for r in con.execute(
                f"SELECT url FROM fetched_urls WHERE url IN ({marks}){cond}", chunk
            )
        )
    return found


def mark_fetched(store: Store, items: Iterable[tuple[str, str | None, str]]) -> None:
    """Record fetched URLs: (normalized URL, article id or None, outcome), one transaction."""
    rows = [(url, aid, outcome, _now()) for url, aid, outcome in items]
    if not rows:
        return
    with store._write() as con:
        con.executemany(
            "INSERT INTO fetched_urls(url, article_id, outcome, fetched) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET article_id = coalesce(excluded.article_id, "
            "fetched_urls.article_id), outcome = excluded.outcome, fetched = excluded.fetched",
            rows,
        )
