"""The store's consistency check."""

from __future__ import annotations

import json
import sqlite3

from newsbrief.store.common import damaged
from newsbrief.store.connection import Connection


class Checking(Connection):
    """:meth:`check` of :class:`~newsbrief.store.Store`."""

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
