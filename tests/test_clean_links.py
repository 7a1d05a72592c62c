"""Headlines of other stories listed under a related-links header are not the article's
text (stop 29, helper pairs2: a "See also:" list gave a toll of another event, compared
as a disagreement). Every text here is written for the test."""

from __future__ import annotations

from newsbrief.clean import clean_text
from newsbrief.link_lists import drop_link_lists


def test_headlines_under_see_also_are_dropped() -> None:
    text = (
        "A car bomb killed 37 people in the capital on Sunday, officials said.\n\n"
        "See also:\n\n"
        "Storm Floods Coastal Towns as Rivers Rise\n\n"
        "Airstrike Kills 23 in Border Region Reports\n\n"
        "From the Web"
    )
    got = clean_text(text)
    assert "37 people" in got
    assert "23" not in got and "Storm Floods" not in got


def test_the_story_going_on_after_a_header_is_kept() -> None:
    lines = [
        "Related Coverage",
        "Aftershocks continued to rock the coastal city on Saturday.",
        "Rescue Teams Reach Remote Villages",
    ]
    assert drop_link_lists(lines) == lines  # the first line ends as a sentence: no list


def test_a_quoted_headline_is_a_link_and_a_quoted_sentence_is_not() -> None:
    lines = [
        "Related articles:",
        "Example.com: \u201cCourt adds 5 names to its list\u201d",
        "\u201cWe will appeal the ruling,\u201d the lawyer said.\u201d",
        "Next Headline Without a Stop",
    ]
    assert drop_link_lists(lines) == [lines[0], lines[2], lines[3]]


def test_no_header_no_change() -> None:
    lines = ["Officials Say 12 Dead", "The toll rose to 12 on Monday."]
    assert drop_link_lists(lines) is lines
