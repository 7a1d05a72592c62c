"""Counted nouns that name one quantity, mined from the news (compare/nouns.py, helper
nouns): the evidence for and against a pair of nouns, and the join the mined table makes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from newsbrief.compare import _prepared, compare, nouns
from newsbrief.model import Article


def art(text: str, url: str) -> Article:
    return Article.create(text, url=url)


def _scans(*texts: str) -> list:
    arts = [art(t, f"https://n{i}.example/{i}") for i, t in enumerate(texts)]
    return _prepared(arts)[1]


def _mentions(*texts: str) -> list:
    return [m for sc in _scans(*texts) for m in sc.mentions]


@pytest.fixture
def table(tmp_path: Path) -> Iterator[Path]:
    """A mined table of one's own making in place of the shipped one."""
    path = tmp_path / "pairs.json"
    saved = nouns.table_path
    nouns.table_path = path
    nouns.reset()
    yield path
    nouns.table_path = saved
    nouns.reset()


def test_one_value_in_nearly_the_same_sentence_is_evidence_for() -> None:
    ms = _mentions(
        "The coast guard towed 14 boats into the harbour on Tuesday, officials said.",
        "The coast guard towed 14 vessels into the harbour on Tuesday, officials said.",
    )
    pro, con, seen = nouns.evidence(ms)
    assert pro == {("count", "boat", "vessel")}
    assert not con
    assert [(p, a.value, b.value) for p, a, b in seen] == [(("count", "boat", "vessel"), 14, 14)]


def test_the_same_value_in_unrelated_sentences_is_no_evidence() -> None:
    ms = _mentions(
        "The coast guard towed 14 boats into the harbour on Tuesday, officials said.",
        "The company owns 14 vessels, according to its annual report.",
    )
    assert nouns.evidence(ms)[0] == set()


def test_two_nouns_one_article_gives_two_values_are_evidence_against() -> None:
    ms = _mentions(
        "The coast guard towed 14 boats into the harbour, and 3 vessels sank offshore, "
        "officials said.",
    )
    pro, con, _seen = nouns.evidence(ms)
    assert not pro
    assert con == {("count", "boat", "vessel")}


def _counts(dis: list) -> list[list[str]]:
    return [sorted(f.value for f in d.facts) for d in dis]


BOMBS = (
    "Two bombs hit the crowded market on Monday, police said.",
    "Witnesses heard three explosions near the market before noon.",
)


def test_nouns_the_table_joins_are_one_quantity(table: Path) -> None:
    a, b = (art(t, f"https://b{i}.example/{i}") for i, t in enumerate(BOMBS))
    table.write_text(json.dumps({"pairs": []}), encoding="utf-8")
    nouns.reset()
    assert _counts(compare([a, b])[1]) == []
    table.write_text(json.dumps({"pairs": [["count", "bomb", "explosion", 2, 0]]}))
    nouns.reset()
    assert _counts(compare([a, b])[1]) == [["Two", "three"]]


def test_the_table_joins_only_the_kind_of_key_it_was_mined_for(table: Path) -> None:
    a, b = (art(t, f"https://b{i}.example/{i}") for i, t in enumerate(BOMBS))
    table.write_text(json.dumps({"pairs": [["q", "bomb", "explosion", 2, 0]]}))
    nouns.reset()
    assert _counts(compare([a, b])[1]) == []


def test_the_shipped_table_keeps_pairs_seen_more_often_for_than_against() -> None:
    text = resources.files("newsbrief.compare").joinpath("noun_pairs.json").read_text()
    data = json.loads(text)
    assert data["pairs"], "the shipped table is empty"
    for kind, a, b, support, contra in data["pairs"]:
        assert kind in nouns.SLOT and a < b
        assert support >= data["min_support"] and support > contra
        assert b in nouns.partners(kind, a) and a in nouns.partners(kind, b)


def test_an_events_own_evidence_joins_only_when_asked(
    table: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table.write_text(json.dumps({"pairs": []}), encoding="utf-8")
    nouns.reset()
    towed = (
        "The coast guard towed 14 boats into the harbour on Tuesday, officials said.",
        "The coast guard towed 14 vessels into the harbour on Tuesday, officials said.",
    )
    assert nouns.event_partners(_scans(*towed)) == {}
    monkeypatch.setattr(nouns, "WITHIN_EVENT", True)
    assert nouns.event_partners(_scans(*towed))[("count", "boat")] == {"vessel"}
    # an article that gives the two nouns two figures says they are two quantities
    sank = "The coast guard towed 14 boats, and 3 vessels sank offshore."
    assert ("count", "boat") not in nouns.event_partners(_scans(*towed, sank))
