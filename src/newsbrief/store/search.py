"""Listing and full-text search of events in SQL, and the search index kept in step."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from newsbrief.model import Brief
from newsbrief.store.common import _date, _guarded
from newsbrief.store.connection import Connection
from newsbrief.store.events import brief_from_dict


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


class Listing(Connection):
    """The listing methods of :class:`~newsbrief.store.Store`: pages, counts, search."""

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
