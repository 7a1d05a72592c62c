"""Adding articles: phase 1 (grouping, one transaction) and phase 2 (a brief per event)."""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from newsbrief.digest import outlet
from newsbrief.errors import InputError
from newsbrief.group import ASSIGN_STEPS, VECTORIZER_VERSION, Row, assign, rows_of, vectorize
from newsbrief.model import Article, Brief, Event
from newsbrief.settings import Settings
from newsbrief.store.common import _guarded, _iso, _now, _pack, _pause, _unpack
from newsbrief.store.events import Reading
from newsbrief.store.search import _index_event, _reindex_brief

log = logging.getLogger("newsbrief")


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


class Adding(Reading):
    """The adding methods of :class:`~newsbrief.store.Store`."""

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
