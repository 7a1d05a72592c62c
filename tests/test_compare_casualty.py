"""Casualty figures that were misread (issue 14 item 3, no false facts): counts of things
read as a toll, phone numbers read as a toll, killings written as "stabbed to death", and
"hundreds, if not thousands". Every sentence here is written for the test."""

from __future__ import annotations

from compare_util import art, numeric
from newsbrief.compare import extract_facts


def read(text: str) -> list[tuple[str, str, str, str]]:
    """(category, measure, normalized, relation) of each figure one sentence states."""
    return [
        (f.category, f.measure, f.normalized, f.relation) for f in numeric(extract_facts(art(text)))
    ]


# -- 1. a count whose own noun is a thing is never a toll ----------------------------------


def test_a_count_of_things_is_no_toll() -> None:
    assert read("The cyclone claimed 31 lives and flattened 4,500 homes on the coast.") == [
        ("killed", "people killed", "31", "="),
        ("count", "homes", "4500", "="),
    ]
    got = read("The blaze claimed nine lives and destroyed thousands of houses near the lake.")
    assert got[0] == ("killed", "people killed", "9", "=")
    assert got[1][:2] == ("count", "houses")
    assert read("The tornado killed 6 people and wrecked 120 cars in the town.") == [
        ("killed", "people killed", "6", "="),
        ("count", "cars", "120", "="),
    ]
    # people are still counted as the toll
    assert read("The mudslide claimed 14 lives and buried 30 villagers.")[0][0] == "killed"


# -- 2. phone numbers and "toll-free" are no figures ---------------------------------------


def test_toll_free_numbers_are_no_toll() -> None:
    assert read("Relatives can call the agency toll-free at 1-800-555-0142 for news.") == []
    assert read("Donors may call 1-877-555-0190 toll-free, the charity said.") == []
    # a real toll in the same text is still read
    assert read("The death toll rose to 12, officials said.") == [
        ("killed", "people killed", "12", "=")
    ]


# -- 3. "stabbed to death" is killing ------------------------------------------------------


def test_violent_deaths_are_killed() -> None:
    assert read("Two women were stabbed to death in the market on Sunday.") == [
        ("killed", "people killed", "2", "=")
    ]
    assert read("Five prisoners were beaten to death during the riot.") == [
        ("killed", "people killed", "5", "=")
    ]
    assert read("Three hikers were burned to death when the fire turned.")[0][0] == "killed"
    assert read("Four protesters were shot to death by the guards.")[0][0] == "killed"
    # a sentence to death is no killing
    assert read("Two men were sentenced to death for the attack.")[0][0] != "killed"


# -- 4. "hundreds, if not thousands": from the lower to the higher, hedged -----------------


def test_if_not_reads_the_interval_from_the_lower() -> None:
    assert read("Hundreds, if not thousands, of people were hurt in the stampede.") == [
        ("injured", "people injured", "100-20000", "vague")
    ]
    assert read("Dozens if not hundreds of people were feared dead after the flood.") == [
        ("killed", "people killed", "12-2000", "vague")
    ]
    # the value is written as the article gives it
    facts = numeric(extract_facts(art("Hundreds, if not thousands, of people fled the town.")))
    assert [f.value for f in facts] == ["Hundreds, if not thousands"]
    # the wrong order is no interval: only the first plural is read
    assert read("Thousands, if not hundreds, of people were injured.") == [
        ("injured", "people injured", "100-2000", "vague")
    ]


def test_lost_their_homes_is_no_toll() -> None:
    assert read("About 300 families lost their homes in the flood.") == [
        ("count", "families", "300", "~")
    ]
    assert read("Twelve people lost their lives in the fire.") == [
        ("killed", "people killed", "12", "=")
    ]


def test_a_killing_that_may_happen_is_no_toll() -> None:
    assert read("Experts say the toxin is capable of killing thousands of people.") == []
    assert read("Officials warned the heat could kill 300 people this summer.") == []
    assert read("Police said they foiled a plot to kill 25 people.") == []
    # a hedged toll is still a toll
    assert read("The landslide may have killed 80 people, officials said.")[0][0] == "killed"
