"""Ordinals as a kind of fact (newsbrief.compare.ordinals): what a rank ranks, which
ordinals are read, and when two of them are a disagreement."""

from __future__ import annotations

import json
from pathlib import Path

from newsbrief.compare import compare, extract_facts, facts_for_display
from newsbrief.compare.ordinals import read_ordinals
from newsbrief.model import Article, Brief

ROOT = Path(__file__).resolve().parents[1]


def art(text: str, url: str) -> Article:
    return Article.create(text, url=url)


def ranks(text: str) -> list[tuple[str, float, str, bool]]:
    """(written, value, key phrase, strong) of each ordinal the sentence states."""
    return [(m.written, m.value, m.noun, bool(m.order)) for m in read_ordinals(text, 0, 0)]


def test_a_rank_is_keyed_by_what_it_ranks() -> None:
    assert ranks("It was the nation's second deadliest school shooting.") == [
        ("second", 2.0, "deadliest school shooting", True)
    ]
    # glued or spaced, words or digits: one ranking
    assert ranks("in the third-deadliest school shooting in U.S. history")[0][1:3] == (
        3.0,
        "deadliest school shooting",
    )
    assert ranks("Delta is the 2nd-largest U.S. airline.")[0][1:3] == (2.0, "largest u.s. airline")
    assert ranks("Izmir is the second most populous city.")[0][2] == "most populous city"
    assert ranks("The baby is fifth in line to the throne.") == [
        ("fifth", 5.0, "in line throne", True)
    ]
    # a noun or "time" is a weak key; a bare superlative too
    assert ranks("They expect their third child.") == [("third", 3.0, "child", False)]
    assert ranks("He lives on the 16th floor of a block.") == [("16th", 16.0, "floor", False)]
    assert ranks("It closed for the second time in hours.") == [("second", 2.0, "time", False)]
    assert ranks("It was the second highest since 1994.") == [("second", 2.0, "highest", False)]
    assert ranks("the thirty-seventh flight of the rocket")[0][1:3] == (37.0, "flight")


def test_what_is_no_rank_is_not_read() -> None:
    for text in (
        "It was the first time in years.",  # "first" is not read
        "They fought in the Second World War.",  # a name
        "She won a third of the vote.",  # a fraction
        "It lasted a split second.",  # a unit of time
        "He came back a second later.",
        "He faces second-degree murder charges.",  # a class, not a rank
        "They led at the end of the second half.",  # a part of a game
        "The fire burned for a third day.",  # a day counted from the news
        "Most of the dead were on the first and second floors.",  # one of a list
        "The fourth was hit by gunfire.",  # no noun
        "Mayor Jean Etchegaray, fourth left, spoke.",  # a place in a photograph
        "He was born on May 8th in Leeds.",  # no mask here, but no noun either: "in"
    ):
        assert ranks(text) == [], text


def test_two_ranks_of_one_ranking_disagree() -> None:
    a = art("It became the nation's second deadliest school shooting.", "https://a.example/1")
    b = art("It was the third-deadliest school shooting in U.S. history.", "https://b.example/2")
    _, dis = compare([a, b])
    assert len(dis) == 1
    d = dis[0]
    assert d.measure == "rank (deadliest school shooting)" and d.note == "conflict"
    assert [(f.kind, f.value, f.normalized) for f in d.facts] == [
        ("ordinal", "second", "2"),
        ("ordinal", "third", "3"),
    ]
    # the same rank agrees; another ranking is another quantity
    c = art("It was the second-deadliest school shooting.", "https://c.example/3")
    assert compare([a, c])[1] == []
    e = art("It was the third-deadliest mass shooting.", "https://e.example/5")
    assert compare([a, e])[1] == []


def test_a_weak_key_needs_nearly_the_same_sentence() -> None:
    a = art("The Duke and Duchess of Cambridge announced the birth of their third child.", "u:1")
    b = art("Princess Charlotte is the second child of the Duke and Duchess.", "u:2")
    assert compare([a, b])[1] == []  # two children, not one rank told two ways
    c = art("The Duke and Duchess of Cambridge announced the birth of their fourth child.", "u:3")
    _, dis = compare([a, c])
    assert [sorted(f.value for f in d.facts) for d in dis] == [["fourth", "third"]]


def test_a_key_one_article_gives_two_values_is_a_series() -> None:
    a = art(
        "North Korea conducted its sixth nuclear test. Its fifth nuclear test was in September.",
        "https://a.example/1",
    )
    b = art("North Korea conducted its fifth nuclear test, officials said.", "https://b.example/2")
    assert compare([a, b])[1] == []


def test_ranks_are_facts_shown_after_the_figures() -> None:
    a = art(
        "The baby is fifth in line to the throne. The couple have 3 children.",
        "https://a.example/1",
    )
    facts = extract_facts(a)
    ordinal = [f for f in facts if f.kind == "ordinal"]
    assert [(f.measure, f.value, f.normalized, f.category) for f in ordinal] == [
        ("place in line to the throne", "fifth", "5", "ordinal")
    ]
    brief = Brief("e1", "", (), (a,), 40, facts=tuple(facts))
    shown = [row["measure"] for row in facts_for_display(brief)["facts"]]
    assert shown[-1] == "place in line to the throne" and "children" in shown[0]


def test_the_schema_lists_the_ordinal_kind() -> None:
    schema = json.loads((ROOT / "docs" / "brief.schema.json").read_text(encoding="utf-8"))
    kinds = schema["$defs"]["fact"]["properties"]["kind"]["enum"]
    assert "ordinal" in kinds and "time" in kinds


def test_clock_times_of_one_statement_re_reported_disagree() -> None:
    a = art(
        "Hurricane Irma made landfall at 9:10 a.m. Sunday on Cudjoe Key in the lower Florida Keys.",
        "https://a.example/1",
    )
    b = art(
        "Hurricane Irma made landfall as a category 4 hurricane Sunday morning at 8:19am "
        "over the lower Florida Keys.",
        "https://b.example/2",
    )
    _, dis = compare([a, b])
    assert [(d.measure, d.note) for d in dis] == [("time of day", "conflict")]
    assert [(f.kind, f.normalized) for f in dis[0].facts] == [("time", "08:19"), ("time", "09:10")]


def test_clock_times_left_alone() -> None:
    landfall = "Hurricane Irma made landfall at {} Sunday on Cudjoe Key in the lower Florida Keys."
    a = art(landfall.format("9:10 a.m."), "https://a.example/1")
    # a hedged time close by can be the same time
    assert compare([a, art(landfall.format("about 9 a.m."), "https://b.example/2")])[1] == []
    # another zone
    other_zone = landfall.format("13:10 GMT")
    assert compare([a, art(other_zone, "https://c.example/3")])[1] == []
    # a sentence with two times: a conversion
    both = landfall.format("9:10 a.m. (1:10 p.m. GMT)")
    assert compare([a, art(both, "https://d.example/4")])[1] == []
    # other words: another happening
    other = art("Forecasters said the storm would weaken by 3 p.m. Sunday.", "https://e.example/5")
    assert compare([a, other])[1] == []


def test_clock_times_of_one_occurrence_told_in_other_words_disagree() -> None:
    a = art("The quake struck at 4:12 a.m. near the harbour town.", "https://a.example/1")
    b = art(
        "Officials said the earthquake hit at 4:22 am (19:22 GMT) as most residents slept.",
        "https://b.example/2",
    )
    _, dis = compare([a, b])
    assert [(d.measure, d.note) for d in dis] == [("time of day", "conflict")]
    assert [(f.value, f.normalized) for f in dis[0].facts] == [
        ("4:12 a.m.", "04:12"),
        ("4:22 am", "04:22"),
    ]
    # the subject and the verb decide, not the rest of the words
    c = art("Just before dawn the quake struck at 4:12 a.m., waking the valley.", "https://c/3")
    assert len(compare([c, b])[1]) == 1


def test_clock_times_of_other_moments_are_left_alone() -> None:
    quake = art("The quake struck at 4:12 a.m. near the harbour town.", "https://a.example/1")

    def reported(text: str) -> list[str]:
        return [d.measure for d in compare([quake, art(text, "https://b.example/2")])[1]]

    # a conversion beside the local time is that time again
    assert reported("The earthquake hit at 4:12 am (19:12 GMT) as most residents slept.") == []
    # the time of a statement, not of the quake
    assert reported("The seismology office said at 4:40 a.m. that the quake hit the town.") == []
    assert reported("The quake hit the town, the office said on Friday at 4:40 a.m.") == []
    # another verb's time
    assert reported("The quake struck the town and rescuers arrived at 4:40 a.m.") == []
    # another happening, or a later one
    assert reported("An aftershock struck at 4:40 a.m. near the harbour town.") == []
    assert reported("Another quake struck at 4:40 a.m. near the harbour town.") == []
    assert reported("The blast occurred at 4:40 a.m. near the harbour town.") == []
    # a whole number of hours apart: an unwritten time zone; hours apart: another moment
    assert reported("The quake struck at 5:12 a.m. near the harbour town.") == []
    assert reported("Officials said the earthquake hit at 9:40 am as most residents slept.") == []
    # another day named on both sides
    thursday = art("The quake struck at 4:12 a.m. Thursday.", "https://c.example/3")
    friday = art("The quake struck at 4:40 a.m. Friday.", "https://d.example/4")
    assert compare([thursday, friday])[1] == []
    # a hedged time close by can be the same moment
    assert reported("The quake struck at about 4:30 a.m. near the harbour town.") == []


def test_background_years_of_a_record_are_not_compared() -> None:
    a = art("The outbreak is the worst since a record year in 1992, officials said.", "https://a/1")
    b = art("The outbreak passed the record of 963 cases set in 1994.", "https://b/2")
    assert [d for d in compare([a, b])[1] if d.measure in ("date", "time of day")] == []
