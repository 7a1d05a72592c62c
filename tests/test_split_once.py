"""Every path that makes a brief with its facts splits each article into sentences once.

The summary (``summarize.prepare``) and the facts (``compare``'s scanner) both read an
article's sentences; the pipeline, digest, the store, the web app and the writer's warm-up
split each article once and hand the lists to both (``sentences=``). A counting wrapper
around the splitter, put in every module that calls it for an article, counts the calls
per article text.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsbrief import digest, pipeline
from newsbrief import text as text_module
from newsbrief.compare import scanner
from newsbrief.model import Article, Event
from newsbrief.settings import Settings
from newsbrief.store import Store
from newsbrief.summarize import features

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "aleppo"

REPORTS = (
    "The Aurora probe landed on the icy moon Tethys on Monday after a seven-year journey, "
    "the space agency said. The probe carries nine instruments to study the ice crust. "
    "Mission chief Dana Ruiz said the landing site was chosen for its flat terrain.",
    "The Aurora probe touched down on Tethys on Monday, ending a seven-year voyage, the "
    "space agency said. The probe carries eight instruments to study the moon's ice crust "
    "and the ocean beneath it. Mission chief Dana Ruiz called the landing a triumph.",
)

#: the modules that split an article's text (web.warm too: patched in its test)
SPLITTING = [pipeline, digest, features, scanner]


@pytest.fixture()
def splits(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """Counts of the splitter's calls by the text split, in every module that splits."""
    counts: Counter[str] = Counter()
    plain = text_module.split_sentences

    def counting(text: str) -> list[str]:
        counts[text] += 1
        return plain(text)

    for module in SPLITTING:
        assert module.split_sentences is plain
        monkeypatch.setattr(module, "split_sentences", counting)
    counts.counting = counting  # type: ignore[attr-defined]  # for a module to patch too
    yield counts


def articles() -> list[Article]:
    day = dt.date(2031, 3, 3)
    made = [
        Article.create(t, title="Probe lands on Tethys", source=f"outlet{k}", published=day)
        for k, t in enumerate(REPORTS)
    ]
    return pipeline.clean_articles(made, Settings())


def split_once_each(counts: Counter[str], arts: list[Article]) -> None:
    assert {a.text: counts[a.text] for a in arts} == {a.text: 1 for a in arts}


def test_the_pipeline_splits_each_article_once(splits: Counter[str]) -> None:
    arts = articles()
    brief = pipeline.brief_from_articles(arts, Settings())
    assert brief.facts and brief.sentences
    split_once_each(splits, arts)


def test_a_digest_event_is_split_once(splits: Counter[str]) -> None:
    arts = articles()
    event = Event(id="e1", article_ids=tuple(a.id for a in arts), size=len(arts))
    brief = digest.brief_event(event, arts, Settings())
    assert brief.facts
    split_once_each(splits, arts)


def test_the_stored_brief_and_a_pending_one_split_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, splits: Counter[str]
) -> None:
    with Store.open(tmp_path / "s.db") as store:
        with monkeypatch.context() as m:  # added, not yet briefed: the event is pending
            m.setattr(Store, "summarize_pending", lambda self, *args, **kwargs: [])
            store.add(articles())
        (eid,) = store.pending()
        arts = store.articles_of(eid)
        splits.clear()
        _, fresh = store.brief(eid)  # briefed afresh with its facts (digest.brief_event)
        assert fresh.facts and fresh.sentences
        split_once_each(splits, arts)
        store.summarize_pending()
        assert not store.pending()
        splits.clear()
        _, stored = store.brief(eid)  # the stored brief: only its facts split the articles
        assert stored.facts
        split_once_each(splits, arts)


def test_the_web_brief_at_a_budget_splits_once(tmp_path: Path, splits: Counter[str]) -> None:
    pytest.importorskip("fastapi")
    pytest.importorskip("multipart")
    from fastapi.testclient import TestClient

    from newsbrief.web import create_app

    path = tmp_path / "s.db"
    with Store.open(path) as store:
        store.add(articles())
        arts_of = {row.event.id: store.articles_of(row.event.id) for row in store.events()}
    client = TestClient(create_app(path), base_url="http://localhost")
    for eid, arts in arts_of.items():
        for words in (60, None):
            splits.clear()
            params = {"words": words} if words else {}
            got = client.get(f"/api/events/{eid}/brief", params=params)
            assert got.status_code == 200 and got.json()["facts"]
            split_once_each(splits, arts)


def test_the_writers_warm_up_splits_once(
    monkeypatch: pytest.MonkeyPatch, splits: Counter[str]
) -> None:
    import newsbrief.web.warm as warm  # its import warms once; count a second run

    monkeypatch.setattr(warm, "split_sentences", splits.counting, raising=False)
    splits.clear()
    warm.warm()
    assert sorted(splits.values()) == [1, 1]  # its two reports, once each
