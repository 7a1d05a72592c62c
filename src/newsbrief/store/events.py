"""Reading events, their articles and their briefs (and a brief's stored form)."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from newsbrief.digest import rank_key
from newsbrief.errors import InputError
from newsbrief.model import Article, Brief, BriefSentence, Disagreement, Event, Fact
from newsbrief.settings import Settings
from newsbrief.store.common import _date, _guarded
from newsbrief.store.connection import Connection


@dataclass(frozen=True)
class StoredEvent:
    """An event of the store with what a listing shows: outlets, headline, pending work."""

    event: Event
    outlets: int
    headline: str
    dirty: bool


class Reading(Connection):
    """The reading methods of :class:`~newsbrief.store.Store`: events, articles, briefs."""

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
