"""A figure after "including" is a part of the total before it, but the whole count of its
own noun when that noun is another thing than the total counts (issue 14 item 1, stop 29,
helper pairs2). Every sentence here is written for the test."""

from __future__ import annotations

from newsbrief.compare.scanner import _scan
from newsbrief.model import Article


def _partial(text: str) -> dict[str, bool]:
    """Each figure of one sentence as written -> whether it is marked a part of a total."""
    arts = Article(id="a", title="", text=text, source="s")
    return {m.written: m.partial for m in _scan(arts, 0, 2024).mentions}


def test_an_including_count_of_another_noun_is_its_whole_count() -> None:
    got = _partial("More than 2,000 are in shelters, including about 300 dogs, officials said.")
    assert got["about 300"] is False
    got = _partial("The ferry carried 412 passengers, including 12 cars, across the bay.")
    assert got["12"] is False


def test_an_including_count_of_the_same_noun_stays_a_part() -> None:
    got = _partial("The fire destroyed 40 buildings, including 12 buildings on the main road.")
    assert got["12"] is True


def test_an_including_part_of_a_toll_stays_a_part() -> None:
    got = _partial("At least 15 people, including two lawmakers, were killed in the blast.")
    assert got["two"] is True
    got = _partial("The bombing killed at least 27 people, including four civilians.")
    assert got["four"] is True


def test_other_part_words_still_mark_a_part() -> None:
    assert _partial("Two of the five buses were hit by the flood.")["Two"] is True
    got = _partial("The storm damaged 300 homes, including another 40 schools in the north.")
    assert got["40"] is True
