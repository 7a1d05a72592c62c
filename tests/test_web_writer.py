"""The web app's writer (newsbrief.web.writer): adds in a worker process, one at a time."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from newsbrief.errors import NewsbriefError
from newsbrief.model import Article
from newsbrief.settings import Settings
from newsbrief.store import Store
from newsbrief.web.writer import Writer


def _articles(k: int) -> list[Article]:
    return [
        Article.create(
            f"The harbour of Velmora {k} reopened on Tuesday after a storm, officials said. "
            f"Ferries to the island of Quessa {k} will run again from Wednesday morning.",
            title=f"Velmora {k} harbour reopens",
            url=f"https://t.example/{k}/{n}",
            source=f"outlet{n}",
        )
        for n in range(2)
    ]


@pytest.mark.parametrize("process", [True, False])
def test_the_writer_adds_and_reports_what_it_did(tmp_path: Path, process: bool) -> None:
    path = tmp_path / "s.sqlite"
    writer = Writer(path, Settings(), process=process)
    try:
        first = writer.submit(_articles(1)).result(timeout=300)
        again = writer.submit(_articles(1)).result(timeout=300)
        if process:
            assert writer._worker is not None and writer._worker.proc.pid != os.getpid()
    finally:
        writer.close()
    assert (first.new, first.known, len(first.events)) == (2, 0, 1)
    assert (again.new, again.known, again.events) == (0, 2, first.events)
    with Store.open(path, create=False) as st:  # committed before the result came back
        assert st.counts()["articles"] == 2 and st.pending() == []
    if process:
        assert writer._worker is None  # stopped by close()


def test_an_empty_article_is_a_problem_not_a_failure(tmp_path: Path) -> None:
    writer = Writer(tmp_path / "s.sqlite", Settings())
    try:
        added = writer.submit([Article.create("   ", source="x")]).result(timeout=300)
    finally:
        writer.close()
    assert added.new == 0 and added.events == [] and added.problems


def test_a_worker_dead_mid_write_fails_that_write_and_the_next_starts_a_new_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "paused"
    monkeypatch.setenv("NEWSBRIEF_TEST_PAUSE", "articles:1")  # the worker inherits these
    monkeypatch.setenv("NEWSBRIEF_TEST_PAUSE_FILE", str(marker))
    writer = Writer(tmp_path / "s.sqlite", Settings())
    try:
        pending = writer.submit(_articles(1))
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert time.monotonic() < deadline and not pending.done()
            time.sleep(0.02)
        old = writer._worker
        assert old is not None
        old.proc.kill()  # inside the add's first transaction
        with pytest.raises(NewsbriefError, match="nothing of this request was acknowledged"):
            pending.result(timeout=300)
        monkeypatch.delenv("NEWSBRIEF_TEST_PAUSE")
        added = writer.submit(_articles(2)).result(timeout=300)
        assert added.new == 2 and writer._worker is not old
        # a worker that died while idle is replaced before the next write: no failure
        writer._worker.proc.kill()
        writer._worker.proc.wait()
        assert writer.submit(_articles(3)).result(timeout=300).new == 2
    finally:
        writer.close()
    with Store.open(tmp_path / "s.sqlite", create=False) as st:
        assert st.counts()["articles"] == 4 and st.check() == []


def test_a_store_error_in_the_worker_reaches_the_caller(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-store.sqlite"
    bad.write_bytes(b"this is not SQLite" * 20)
    writer = Writer(bad, Settings())
    try:
        with pytest.raises(NewsbriefError, match="not a newsbrief store|not a database"):
            writer.submit(_articles(1)).result(timeout=300)
    finally:
        writer.close()
