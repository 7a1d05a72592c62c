"""The SQLite store: incremental adds, crash safety, refusing foreign or newer files."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from newsbrief.cli import main
from newsbrief.errors import StoreError
from newsbrief.model import Article
from newsbrief.settings import Settings
from newsbrief.store import SCHEMA_VERSION, Store, brief_from_dict
from newsbrief.store import schema as store_mod
from newsbrief.summarize import summarize_articles
from test_group import DAY, STORIES, story_articles

ROOT = Path(__file__).resolve().parents[1]


def replicas(n: int) -> list[Article]:
    """n reworded, re-dated copies of every story article (each replica its own events)."""
    base, _ = story_articles()
    out = []
    for r in range(n):
        for a in base:
            words = a.text.split()
            text = " ".join(w for k, w in enumerate(words) if (k + r) % 5 != 0 or r == 0)
            out.append(
                Article.create(
                    text,
                    title=a.title,
                    url=f"{a.url}/{r}",
                    source=a.source,
                    published=DAY + timedelta(days=20 * r),
                )
            )
    return out


def dump(path: Path) -> dict[str, object]:
    """Everything a store holds that must not depend on how the work was split up."""
    con = sqlite3.connect(path)
    try:
        return {
            "articles": con.execute(
                "SELECT id, title, text, url, source, published, origin, outlet, vector "
                "FROM articles ORDER BY id"
            ).fetchall(),
            "events": con.execute(
                "SELECT id, first, last, size, outlets, undated, version, dirty FROM events "
                "ORDER BY id"
            ).fetchall(),
            "members": con.execute("SELECT * FROM members ORDER BY article_id").fetchall(),
            "briefs": con.execute(
                "SELECT event_id, version, headline, words, brief, error FROM briefs "
                "ORDER BY event_id"
            ).fetchall(),
        }
    finally:
        con.close()


def snapshot(path: Path) -> tuple[bytes, int, list[str]]:
    """Bytes, mtime and sibling files of a file that must stay untouched."""
    return (
        path.read_bytes(),
        path.stat().st_mtime_ns,
        sorted(p.name for p in path.parent.iterdir()),
    )


def test_add_groups_and_briefs(tmp_path: Path) -> None:
    arts, labels = story_articles()
    with Store.open(tmp_path / "s.sqlite") as st:
        report = st.add(arts, Settings())
        assert report.new == 9 and report.known == 0
        assert len(report.created) == 3 and sorted(report.summarized) == sorted(report.created)
        assert st.check() == []
        listed = st.events()
        assert [s.event.size for s in listed] == [3, 3, 3]
        assert all(s.outlets == 3 and s.headline and not s.dirty for s in listed)
        event, brief = st.brief(listed[0].event.id[:6])
        assert event.id == listed[0].event.id == brief.event_id
        assert {a.id for a in brief.sources} == set(event.article_ids)
        assert st.schema_version() == SCHEMA_VERSION


def test_adding_the_same_articles_again_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    arts, _ = story_articles()
    with Store.open(path) as st:
        st.add(arts)
    before = dump(path)
    with Store.open(path) as st:
        again = st.add(arts[::-1] + arts[:2])
        assert again.new == 0 and again.known == 9
        assert again.touched == [] and again.summarized == []
    assert dump(path) == before


def test_incremental_add_rebriefs_only_touched_events(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    arts, labels = story_articles()
    flood = [a for a, lab in zip(arts, labels, strict=True) if lab == "flood"]
    rest = [a for a, lab in zip(arts, labels, strict=True) if lab != "flood"]
    with Store.open(path) as st:
        st.add(flood[:2] + rest)
        first = dump(path)
        flood_event = next(s.event.id for s in st.events() if flood[0].id in s.event.article_ids)
        report = st.add([flood[2]])
        assert report.created == []
        assert report.touched == [flood_event] and report.summarized == [flood_event]
        assert st.check() == []
    after = dump(path)
    unchanged = [b for b in first["briefs"] if b[0] != flood_event]
    assert [b for b in after["briefs"] if b[0] != flood_event] == unchanged
    new_flood = next(b for b in after["briefs"] if b[0] == flood_event)
    assert flood[2].id in {s["id"] for s in json.loads(new_flood[4])["sources"]}


def test_store_equals_a_batch_digest(tmp_path: Path) -> None:
    from newsbrief.digest import digest_articles

    arts = replicas(2)
    with Store.open(tmp_path / "s.sqlite") as st:
        st.add(arts)
        stored = {s.event.id: set(s.event.article_ids) for s in st.events()}
        stored_briefs = {eid: st.brief(eid)[1].to_dict() for eid in stored}
    batch = digest_articles(arts)
    assert stored == {e.id: set(e.article_ids) for e, _ in batch}
    assert stored_briefs == {e.id: b.to_dict() for e, b in batch}


def test_brief_round_trips_through_json() -> None:
    arts, _ = story_articles()
    brief = summarize_articles(arts[:3], Settings(words=60), event="e1")
    again = brief_from_dict(json.loads(json.dumps(brief.to_dict())), {a.id: a for a in arts})
    assert again.to_dict() == brief.to_dict()
    assert again.sources == brief.sources


# ------------------------------------------------------------------------ crash safety

ADD_SCRIPT = """
import json, sys
from datetime import date
from newsbrief.model import Article
from newsbrief.store import Store
recs = json.load(open(sys.argv[2]))
arts = [Article(**dict(r, published=date.fromisoformat(r["published"]) if r["published"] else None))
        for r in recs]
with Store.open(sys.argv[1]) as st:
    st.add(arts)
"""


def _records(arts: list[Article]) -> list[dict[str, object]]:
    return [dict(a.to_dict(text=True)) for a in arts]


def _add_in_subprocess(store: Path, data: Path, pause: str | None, marker: Path) -> None:
    """Run an add in a real subprocess; with ``pause``, SIGKILL it at that point."""
    env = dict(os.environ)
    env.pop("NEWSBRIEF_TEST_PAUSE", None)
    if pause:
        env["NEWSBRIEF_TEST_PAUSE"] = pause
        env["NEWSBRIEF_TEST_PAUSE_FILE"] = str(marker)
    proc = subprocess.Popen(
        [sys.executable, "-c", ADD_SCRIPT, str(store), str(data)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    if not pause:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
        return
    deadline = time.monotonic() + 120
    while not marker.exists():
        if proc.poll() is not None:
            raise AssertionError(f"add ended before the pause: {proc.stderr.read().decode()}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("add never reached the pause")
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


@pytest.mark.parametrize("pause", ["articles:20", "briefs:4"])
def test_kill_9_during_add_leaves_a_consistent_store(tmp_path: Path, pause: str) -> None:
    arts = replicas(5)  # 45 articles, 15 events
    data = tmp_path / "articles.json"
    data.write_text(json.dumps(_records(arts)))

    clean = tmp_path / "clean.sqlite"
    _add_in_subprocess(clean, data, None, tmp_path / "unused")

    killed = tmp_path / "killed.sqlite"
    _add_in_subprocess(killed, data, pause, tmp_path / "paused")
    with Store.open(killed) as st:
        assert st.check() == []
        counts = st.counts()
    if pause.startswith("articles"):
        # killed inside the first transaction: nothing of it is there
        assert counts == {"articles": 0, "events": 0, "briefs": 0, "pending": 0}
    else:
        # killed while briefing: every article grouped, exactly the unbriefed events pending
        assert counts["articles"] == 45 and counts["events"] == 15
        assert counts["briefs"] == 4 and counts["pending"] == 11

    # the next add finishes the work, and the result is what an uninterrupted add made
    _add_in_subprocess(killed, data, None, tmp_path / "unused")
    with Store.open(killed) as st:
        assert st.check() == [] and st.pending() == []
    assert dump(killed) == dump(clean)


# ------------------------------------------------------------------------ refusing files


def test_a_foreign_sqlite_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes(x TEXT)")
    con.execute("INSERT INTO notes VALUES ('mine')")
    con.commit()
    con.close()
    before = snapshot(path)
    with pytest.raises(StoreError, match="not a newsbrief store"):
        Store.open(path)
    assert snapshot(path) == before


def test_a_foreign_wal_database_is_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE notes(x TEXT)")
    con.commit()
    con.close()
    before = snapshot(path)
    with pytest.raises(StoreError, match="not a newsbrief store"):
        Store.open(path)
    assert snapshot(path) == before


def test_random_bytes_are_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "noise.sqlite"
    path.write_bytes(os.urandom(8192))
    before = snapshot(path)
    with pytest.raises(StoreError, match="not a newsbrief store"):
        Store.open(path)
    assert snapshot(path) == before


def test_the_commands_refuse_bad_stores(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    noise = tmp_path / "noise.sqlite"
    noise.write_bytes(b"\x00garbage" * 500)
    article = tmp_path / "a.txt"
    article.write_text(STORIES["flood"][0][2])
    before = snapshot(noise)
    for argv in (
        ["add", str(article), "--store", str(noise)],
        ["events", "--store", str(noise)],
        ["show", "abc", "--store", str(noise)],
    ):
        assert main(argv) == 2
    assert snapshot(noise) == before
    missing = tmp_path / "missing.sqlite"
    assert main(["events", "--store", str(missing)]) == 2
    assert main(["show", "abc", "--store", str(missing)]) == 2
    assert not missing.exists()
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 5 and all(line.startswith("newsbrief: error: ") for line in err)
    assert "not a newsbrief store" in err[0] and "no such store" in err[3]


def test_a_newer_schema_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    with Store.open(path) as st:
        st.add(story_articles()[0][:3])
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    before = snapshot(path)
    with pytest.raises(StoreError, match="newer"):
        Store.open(path)
    assert snapshot(path) == before


def test_an_empty_file_becomes_a_store(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    path.touch()
    with Store.open(path) as st:
        assert st.counts()["articles"] == 0
        assert st.schema_version() == SCHEMA_VERSION


def test_migrations_run_in_order_and_keep_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.sqlite"
    arts, _ = story_articles()
    with Store.open(path) as st:
        st.add(arts[:3])
    before = dump(path)
    step = "ALTER TABLE events ADD COLUMN note TEXT; UPDATE events SET note = 'migrated'"
    monkeypatch.setattr(store_mod, "MIGRATIONS", [*store_mod.MIGRATIONS, step])
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with Store.open(path) as st:
        assert st.schema_version() == SCHEMA_VERSION + 1
        assert st.check() == []
    con = sqlite3.connect(path)
    assert {r[0] for r in con.execute("SELECT note FROM events")} == {"migrated"}
    con.close()
    assert dump(path) == before


# ------------------------------------------------------------------------ command line


def test_add_events_show_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    arts, _ = story_articles()
    lines = [
        json.dumps({"title": a.title, "text": a.text, "url": a.url, "date": DAY.isoformat()})
        for a in arts
    ]
    (folder / "news.jsonl").write_text("\n".join(lines) + "\n")
    db = tmp_path / "s.sqlite"
    assert main(["add", str(folder), "--store", str(db)]) == 0
    out = capsys.readouterr().out
    assert "added 9 article(s)" in out and "3 new event(s)" in out
    assert main(["add", str(folder), "--store", str(db), "--quiet"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["events", "--store", str(db), "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 3 and all(e["size"] == 3 and not e["pending"] for e in listed)
    eid = listed[0]["id"]
    for fmt in ("text", "markdown", "json", "html"):
        assert main(["show", eid[:8], "--store", str(db), "--format", fmt]) == 0
        shown = capsys.readouterr().out
        assert eid in shown
    assert main(["events", "--store", str(db)]) == 0
    assert eid in capsys.readouterr().out
    assert main(["show", "ffffffffffff", "--store", str(db)]) == 2
    assert "no event" in capsys.readouterr().err
