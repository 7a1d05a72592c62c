"""Counted nouns that are WordNet synonyms are one quantity to the alignment
(newsbrief.compare.synonyms and alignment.unify_synonyms)."""

from __future__ import annotations

import pytest

import newsbrief.compare
from newsbrief.compare import _prepared, compare
from newsbrief.compare.synonyms import _table, lemma, same_thing
from newsbrief.model import Article


def art(text: str, url: str) -> Article:
    return Article.create(text, url=url)


def test_the_shipped_table_loads_with_lemmas_plurals_and_tagged_senses() -> None:
    nouns, plurals, tagged = _table()
    assert len(nouns) > 5000
    assert plurals["men"] == "man"
    assert tagged["state"] >= 4  # "state" has several senses seen in tagged text
    assert all(isinstance(s, tuple) and s for s in nouns["country"])


def test_the_table_is_left_alone_by_the_collector() -> None:
    # speed: tuples of ints stop being tracked after one collection, so full collections
    # do not walk the table's 30,000 entries again (lists would stay tracked)
    import gc

    nouns, _plurals, _tagged = _table()
    gc.collect()
    assert not gc.is_tracked(nouns["country"])
    assert not any(gc.is_tracked(s) for s in nouns["country"])


def test_lemmas_of_plural_nouns() -> None:
    assert lemma("countries") == "country"
    assert lemma("Firearms") == "firearm"
    assert lemma("men") == "man"
    assert lemma("infants") == "infant"
    assert lemma("xqzwv") == "xqzwv"  # unknown: as written, lower-cased


def test_synonyms_share_a_tagged_sense() -> None:
    assert same_thing("states", "countries")  # the nation sense, tagged for both
    assert same_thing("country", "nation")
    assert same_thing("babies", "infants")
    assert same_thing("nominees", "candidates")
    # a kind of the other is not the same thing (hypernyms are not used)
    assert not same_thing("firearm", "gun")
    assert not same_thing("victory", "win")
    assert not same_thing("gust", "wind")
    # other words for one group in one story, but not synonyms
    assert not same_thing("cadet", "graduate")
    assert not same_thing("car", "vehicle")
    assert not same_thing("accomplice", "man")
    # words the table does not know join only with themselves
    assert not same_thing("xqzwv", "country")
    assert same_thing("xqzwv", "xqzwv")
    assert not same_thing("", "")


def test_two_synonyms_counted_are_one_quantity(monkeypatch: pytest.MonkeyPatch) -> None:
    # not the same sentence (the "similar" rule would pair them anyway): one shared word
    a = art(
        "Twelve EU states expelled Russian diplomats on Monday over the poisoning.",
        "https://a.example/1",
    )
    b = art(
        "In a coordinated response, officials in 14 countries said they expelled envoys.",
        "https://b.example/2",
    )
    _, dis = compare([a, b])
    assert [sorted(f.value for f in d.facts) for d in dis] == [["14", "Twelve"]]
    # without the synonym join the two counts are two quantities
    monkeypatch.setattr(newsbrief.compare, "unify_synonyms", lambda scans: None)
    assert compare([a, b])[1] == []


def test_synonyms_still_need_a_shared_word_around_the_numbers() -> None:
    # the same condition as for one noun: two counts share a word besides the noun
    a = art("Twelve states expelled Russian diplomats on Monday.", "https://a.example/1")
    b = art("Fourteen countries signed the climate accord in Paris.", "https://b.example/2")
    assert compare([a, b])[1] == []


def test_a_noun_that_is_no_synonym_keeps_its_key() -> None:
    a = art("Twelve EU states expelled Russian diplomats on Monday.", "https://a.example/1")
    b = art("Fourteen EU cities expelled Russian diplomats on Monday.", "https://b.example/2")
    _arts, scans = _prepared([a, b])
    keys = {m.key for sc in scans for m in sc.mentions if m.category == "count"}
    assert len(keys) == 2


def test_synonyms_join_under_the_most_used_noun_and_keep_their_words() -> None:
    a = art("Twelve EU countries expelled Russian diplomats on Monday.", "https://a.example/1")
    b = art("Two EU countries expelled Russian diplomats on Tuesday.", "https://b.example/2")
    c = art("Fourteen EU nations expelled Russian diplomats on Monday.", "https://c.example/3")
    _arts, scans = _prepared([a, b, c])
    counted = [m for sc in scans for m in sc.mentions if m.category == "count"]
    assert {m.key for m in counted} == {("count", "country", "")}
    assert {m.noun for m in counted} == {"country", "nation"}  # shown as written
