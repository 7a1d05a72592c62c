"""Fact precision: the anchor of "time after X", time zones and laws as organizations
(made-up sentences)."""

from __future__ import annotations

import pytest

from newsbrief.compare import compare
from newsbrief.model import Article


def art(text: str) -> Article:
    return Article.create(text, title="", url=f"https://example.org/{abs(hash(text))}")


def durations(text: str) -> list[str]:
    facts, _ = compare([art(text)], reference_year=2018)
    return [f.measure for f in facts if f.kind == "duration"]


def organizations(text: str) -> list[str]:
    facts, _ = compare([art(text)], reference_year=2018)
    return [f.value for f in facts if f.kind == "organization"]


# --- the anchor of "time after X" must be a noun -----------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "measure"),
    [
        ("Rescuers arrived 11 days after the volcano erupted.", "time after volcano"),
        ("He died two weeks after the attack.", "time after attack"),
        ("Ships left 11 days after the Cumbre volcano erupted.", "time after volcano"),
        ("Shares rose three days after the ministry published the files.", "time after ministry"),
        # an adjective, a modifier of the next noun or an abbreviation cut at its dot: no anchor
        ("The merger closed two days after a federal judge approved it.", "duration"),
        ("It came one day after her grueling interview with police.", "duration"),
        ("The deal closed two days after U.S. District Judge Leon ruled.", "duration"),
        ("It came about 20 months after telecom giant Acme announced the deal.", "duration"),
    ],
)
def test_time_after_anchor_is_a_noun(sentence: str, measure: str) -> None:
    assert durations(sentence) == [measure]


# --- time zones and laws are no organizations --------------------------------------------------


def test_time_zones_are_no_organizations() -> None:
    text = "The talks began at 1.30 p.m. BST on Monday and at 8 a.m. ET in Boston."
    assert organizations(text) == []
    assert organizations("Polls closed at 18:00 GMT, the NATO office said.") == ["NATO"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Critics of the FOSTA law and the SESTA bill spoke on Monday.",
        "The Stop Online Theft Act (SOTA) passed the Senate on Monday.",
    ],
)
def test_laws_are_no_organizations(sentence: str) -> None:
    assert [o for o in organizations(sentence) if o.isupper()] == []


def test_an_acronym_before_other_words_stays_an_organization() -> None:
    assert "UNICEF" in organizations("The UNICEF report was published on Monday.")


# --- hedges: "near" before a number -----------------------------------------------------------


def test_near_keeps_its_hedge() -> None:
    facts, _ = compare([art("The bank holds near $3 trillion in bonds.")], reference_year=2018)
    assert [(f.normalized, f.relation) for f in facts if f.kind == "money"] == [
        ("3000000000000", "~")
    ]
