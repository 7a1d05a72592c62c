"""Sentence compression: what it drops, what it must keep, and that it only ever drops."""

import json
import re
from pathlib import Path

import pytest

from newsbrief.compress import compress, shorter
from newsbrief.text import split_sentences

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev.jsonl"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "At least 24 soldiers were killed Monday in an attack on a military base in "
            "Koutougou, the president of Burkina Faso has said.",
            "At least 24 soldiers were killed in an attack on a military base in Koutougou.",
        ),
        (
            "A magnitude 6.0 earthquake struck Sichuan province Monday evening, killing 12 "
            "people and injuring 125, according to the Ministry of Emergency Management.",
            "A magnitude 6.0 earthquake struck Sichuan province, killing 12 people and "
            "injuring 125.",
        ),
        (
            "Iran on Monday released an academic imprisoned since June, a Foreign Ministry "
            "spokesman said, a rare reprieve for a dual national.",
            "Iran released an academic imprisoned since June, a rare reprieve for a dual national.",
        ),
        (
            "On Tuesday, emergency services struggled to contain the fire on the moor.",
            "Emergency services struggled to contain the fire on the moor.",
        ),
        (
            "Several reports are stating today (September 14) that a missile was fired.",
            "Several reports are stating today that a missile was fired.",
        ),
        (
            "The Islamic State group claimed the attack, the group's Amaq news agency reported.",
            "The Islamic State group claimed the attack.",
        ),
        (
            "According to the police, three people were arrested near the border crossing.",
            "Three people were arrested near the border crossing.",
        ),
        (
            "Government forces control all of Aleppo, the Syrian army announced, after the "
            "last convoy of buses crossed the front line.",
            "Government forces control all of Aleppo, after the last convoy of buses crossed "
            "the front line.",
        ),
        (
            "Tennessee death row inmate Edmund Zagorski was executed by electric chair "
            "Thursday evening.",
            "Tennessee death row inmate Edmund Zagorski was executed by electric chair.",
        ),
    ],
)
def test_drops_attributions_weekdays_and_short_parentheticals(text, expected):
    assert compress(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a weekday that is a name, an object or an attribute stays
        "Shoppers queued for hours outside the stores on Black Friday this year.",
        "Hundreds of miners have been trapped underground since Thursday morning.",
        "The government called a historic Saturday sitting of Parliament to vote on it.",
        "The vote on Monday's bill was delayed by the speaker of the house.",
        # a clause that only looks like an attribution stays
        "The bill passed easily, but it was unclear what the company said.",
        # quotations are never cut, and a sentence opening with one keeps its speaker
        '"We will not stop the strikes until Sunday (at the earliest)," the union said.',
        "The minister said “we met on Monday (as agreed) and talked for hours” to reporters.",
        "According to what we know, the attack was planned for many months.",
        # a weekday that belongs to a date stays
        "Strong lava fountains and flows of lava were seen on Tuesday, June 26.",
        # too little would be left
        "Police arrested him Monday, officials said.",
        # a sentence without anything to drop
        "The army retook the last rebel-held districts of the city after four years.",
    ],
)
def test_leaves_what_it_must_keep(text):
    assert compress(text) == text


def test_keeps_lower_case_start_and_weekday_after_a_preposition():
    assert compress(
        "pensions were frozen until Friday for all retired staff, the ministry said."
    ) == ("pensions were frozen until Friday for all retired staff.")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _subsequence(short: str, long: str) -> bool:
    it = iter(_words(long))
    return all(w in it for w in _words(short))


@pytest.mark.skipif(not DEV.exists(), reason="../shared/data/dev.jsonl is not present")
def test_on_real_sentences_it_only_drops_words_and_keeps_a_sentence():
    changed = 0
    total = 0
    for line in DEV.read_text(encoding="utf-8").splitlines():
        event = json.loads(line)
        for art in event["articles"]:
            for s in split_sentences(art["text"]):
                total += 1
                short = compress(s)
                if short == s:
                    continue
                changed += 1
                assert _subsequence(short, s), (s, short)
                assert len(short.split()) >= 6
                assert short.rstrip("\"'”’)]")[-1] in ".!?"
                assert len(short) < len(s)
    # it fires on a real share of news sentences, and leaves most alone
    assert 0.03 * total < changed < 0.5 * total


# ----------------------------------------------------------------- shorter variants


@pytest.mark.parametrize(
    ("text", "variant"),
    [
        (
            "Malaysia Airlines flight MH17 crashed in eastern Ukraine on July 17, killing all "
            "298 people aboard.",
            "Malaysia Airlines flight MH17 crashed in eastern Ukraine.",
        ),
        (
            "Nicola Sturgeon, the first minister of Scotland, announced a second independence "
            "referendum amid tensions over Brexit.",
            "Nicola Sturgeon announced a second independence referendum.",
        ),
        (
            "In a statement, the ministry said that John Smith, 45, who led the group, was "
            "arrested last week in Paris.",
            "The ministry said that John Smith was arrested in Paris.",
        ),
    ],
)
def test_shorter_deletes_low_value_constituents(text: str, variant: str) -> None:
    out = shorter(text)
    assert variant in out
    assert text not in out
    # longest first
    assert [len(v.split()) for v in out] == sorted((len(v.split()) for v in out), reverse=True)


@pytest.mark.parametrize(
    "text",
    [
        # an inserted clause followed by the main verb: cutting there would lose the verb
        "The parliament of the whole country, after a long debate, approved the bill.",
        # a relative clause in the middle is not a trailing one
        "John Smith, who led the group, was arrested by the police in Paris.",
        # inside a quotation nothing is cut
        'The minister said "we will win this war, after all, whatever it costs us."',
    ],
)
def test_shorter_never_cuts_what_the_sentence_needs(text: str) -> None:
    for v in shorter(text):
        assert "arrested" in v or "approved" in v or v == text, v
        assert not v.endswith("Smith.") and "whole country." not in v


@pytest.mark.skipif(not DEV.exists(), reason="../shared/data/dev.jsonl is not present")
def test_shorter_on_real_sentences_only_deletes_and_keeps_a_sentence():
    total = with_variants = 0
    for line in DEV.read_text(encoding="utf-8").splitlines():
        event = json.loads(line)
        for art in event["articles"]:
            for s in split_sentences(art["text"]):
                total += 1
                out = shorter(s)
                with_variants += bool(out)
                for v in out:
                    assert _subsequence(v, s), (s, v)
                    assert len(v.split()) >= 6
                    assert len(v) < len(s.strip())
                    assert v[-1] == s.rstrip()[-1]  # the original's own final stop
                    assert v.count('"') % 2 == 0 and v.count("(") == v.count(")")
    assert 0.1 * total < with_variants < 0.9 * total
