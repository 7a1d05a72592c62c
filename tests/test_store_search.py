"""The store's event listing and full-text search: paged in SQL, kept in step by each add."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from newsbrief.digest import rank_key
from newsbrief.model import Article
from newsbrief.render_html import event_title
from newsbrief.store import SCHEMA_VERSION, Store, fts_query
from newsbrief.store import adding as store_adding
from newsbrief.store import schema as store_schema
from test_group import DAY, story_articles


def test_rows_are_the_digest_ranking_paged(tmp_path: Path) -> None:
    arts, _ = story_articles()
    with Store.open(tmp_path / "s.db") as st:
        st.add(arts)
        ranked = [
            s.event.id for s in sorted(st.events(), key=lambda s: rank_key(s.event, s.outlets))
        ]
        assert [r.id for r in st.event_rows(0, 1000)] == ranked
        assert [r.id for r in st.event_rows(1, 2)] == ranked[1:3]
        assert st.event_rows(len(ranked), 5) == []
        assert st.count_events() == len(ranked)


def test_titles_follow_the_one_rule(tmp_path: Path) -> None:
    arts, _ = story_articles()
    with Store.open(tmp_path / "s.db") as st:
        st.add(arts)
        for row in st.event_rows(0, 1000):
            _, brief = st.brief(row.id)
            assert row.title == event_title(brief)  # what `digest` and the event page print


def test_search_finds_text_titles_and_headlines_in_step_with_adds(tmp_path: Path) -> None:
    arts, _ = story_articles()
    with Store.open(tmp_path / "s.db") as st:
        st.add(arts[:3])
        first = st.event_rows(0, 1000)
        word = "zanzibarite"
        assert st.count_matches(word) == 0
        # an article sharing the first event's text joins it and brings a new word
        base = next(a for a in arts[:3] if st.events_holding([a.id]) == [first[0].id])
        grown = Article.create(
            base.text + f" Officials said the {word} deposit was not affected.",
            title=base.title,
            url="https://other.example/x",
            source="other.example",
            published=base.published,
        )
        st.add([grown])
        assert st.events_holding([grown.id]) == [first[0].id]
        hits = st.search(word)
        assert [h.id for h in hits] == [first[0].id] and st.count_matches(word) == 1
        # headline words and title words match too, as word prefixes, in any case
        head = st.event_row(first[0].id).headline.split()[0]
        assert first[0].id in {h.id for h in st.search(head.upper())}
        title_word = max(base.title.split(), key=len)[:4]
        assert first[0].id in {h.id for h in st.search(title_word)}
        assert st.check() == []


def test_a_failed_add_leaves_the_index_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    arts, _ = story_articles()
    with Store.open(tmp_path / "s.db") as st:
        st.add(arts[:2])
        before = st.count_matches(arts[3].title)

        def boom(stage: str, n: int) -> None:
            if stage == "articles":
                raise RuntimeError("disk on fire")

        monkeypatch.setattr(store_adding, "_pause", boom)
        later = [
            Article.create(
                a.text,
                title=a.title,
                url=a.url,
                source=a.source,
                published=DAY + timedelta(days=30),
            )
            for a in arts[3:]
        ]
        with pytest.raises(RuntimeError):
            st.add(later)
        assert st.count_matches(arts[3].title) == before
        assert st.check() == []


def test_queries_are_words_never_syntax() -> None:
    assert fts_query('Aleppo AND "rebels" NEAR(x') == '"aleppo"* "and"* "rebels"* "near"* "x"*'
    assert fts_query("!!! ***") == ""
    assert fts_query("Ünïcode café") == '"ünïcode"* "café"*'


def test_an_older_store_is_indexed_when_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    arts, _ = story_articles()
    with monkeypatch.context() as m:  # a store as the schema before the search step made it
        m.setattr(store_schema, "MIGRATIONS", store_schema.MIGRATIONS[:1])
        m.setattr(store_schema, "SCHEMA_VERSION", 1)
        m.setattr(store_adding, "_index_event", lambda con, eid: None)
        m.setattr(store_adding, "_reindex_brief", lambda con, eid, brief: None)
        with Store.open(path) as st:
            st.add(arts)
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 1
    assert not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'event_search'").fetchone()
    con.close()
    with Store.open(path) as st:
        assert st.schema_version() == SCHEMA_VERSION
        assert st.check() == []
        rows = st.event_rows(0, 1000)
        assert len(rows) == st.count_events() and all(r.title for r in rows)
        for r in rows:
            _, brief = st.brief(r.id)
            assert r.title == event_title(brief)
        assert st.count_matches(arts[0].title) >= 1
