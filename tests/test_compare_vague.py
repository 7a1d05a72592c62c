"""Numbers a reader expects to be read (issue 14 item 2): ranges in every kind, vague
amounts as intervals, signs, and values written without a digit. Made-up sentences."""

from __future__ import annotations

from compare_util import art, numeric
from newsbrief.compare import compare, extract_facts
from newsbrief.model import Fact


def facts_of(text: str) -> list[Fact]:
    return numeric(extract_facts(art(text)))


def one(text: str) -> Fact:
    got = facts_of(text)
    assert len(got) == 1, [(f.value, f.normalized, f.relation) for f in got]
    return got[0]


def disputes(a: str, b: str) -> list[list[str]]:
    _facts, dis = compare([art(a), art(b)])
    return [[f.value for f in d.facts] for d in dis]


# ranges: one mention, relation "range", in every kind ----------------------------------


def test_duration_range_in_words_is_one_fact() -> None:
    f = one("Police arrived five to ten minutes later.")
    assert (f.value, f.relation, f.normalized) == ("five to ten minutes", "range", "PT5M-PT10M")


def test_duration_range_words_and_digits() -> None:
    f = one("He faces nine to 12 months in prison.")
    assert (f.relation, f.normalized) == ("range", "P9M-P12M")
    f = one("The fire burned for between two and three days.")
    assert (f.relation, f.normalized) == ("range", "P2D-P3D")


def test_duration_range_is_compared_by_its_interval() -> None:
    ranged = "The standoff lasted five to ten minutes."
    assert disputes(ranged, "The standoff lasted 20 minutes.") == [
        ["five to ten minutes", "20 minutes"]
    ]
    assert disputes(ranged, "The standoff lasted eight minutes.") == []
    assert disputes(ranged, "The standoff lasted ten minutes.") == []


def test_range_at_the_start_of_a_sentence_is_one_fact() -> None:
    f = one("Five to 10 people were injured in the blast.")
    assert (f.relation, f.normalized) == ("range", "5-10")
    f = one("Five to ten minutes later, the police arrived.")
    assert (f.relation, f.normalized) == ("range", "PT5M-PT10M")


def test_ranges_of_other_kinds_stay_one_fact() -> None:
    assert one("The children, aged eight to 14, were rescued.").normalized == "8-14"
    assert one("The company paid $5 million to $10 million.").normalized == "5000000-10000000"
    assert one("Shares fell 2-3% on Monday.").normalized == "2-3"
    assert one("The wall is 10 to 12 metres high.").normalized == "10-12"


def test_a_change_is_no_range() -> None:
    got = facts_of("The toll rose from five to ten people killed.")
    assert all(f.relation != "range" for f in got)


# vague amounts: intervals with the relation "vague" -----------------------------------


def test_several_hundred_is_an_interval() -> None:
    f = one("Several hundred people marched through the city.")
    assert (f.value, f.relation, f.normalized) == ("Several hundred", "vague", "200-1000")


def test_plural_scales_are_intervals() -> None:
    cases = {
        "Hundreds of people marched through the city.": ("Hundreds", "100-2000"),
        "Dozens of people were injured in the blast.": ("Dozens", "12-240"),
        "Scores of people were killed.": ("Scores", "20-400"),
        "Thousands of people were evacuated.": ("Thousands", "1000-20000"),
        "Tens of thousands of people were evacuated.": ("Tens of thousands", "10000-200000"),
        "Hundreds of thousands of people fled.": ("Hundreds of thousands", "100000-2000000"),
        "A few thousand people fled.": ("A few thousand", "2000-10000"),
        "A couple of hundred people gathered outside.": ("A couple of hundred", "100-400"),
        "Several dozen people were injured.": ("Several dozen", "24-120"),
    }
    for text, (value, normalized) in cases.items():
        f = one(text)
        assert (f.value, f.relation, f.normalized) == (value, "vague", normalized), text


def test_vague_kinds_follow_the_noun() -> None:
    f = one("The company lost hundreds of millions of dollars.")
    assert (f.kind, f.unit, f.relation) == ("money", "$", "vague")
    f = one("Dozens of people were killed in the attack.")
    assert (f.kind, f.category, f.measure) == ("quantity", "killed", "people killed")


def test_a_dozen_and_half_a_dozen() -> None:
    f = one("A dozen people were injured in the blast.")
    assert (f.normalized, f.relation) == ("12", "~")
    f = one("Half a dozen people were hurt in the blast.")
    assert (f.normalized, f.relation) == ("6", "~")
    f = one("More than a dozen people were killed.")
    assert (f.normalized, f.relation) == ("12", ">")


def test_hedged_vague_amounts_keep_the_hedge() -> None:
    f = one("More than several hundred people were arrested.")
    assert (f.normalized, f.relation) == ("200", ">")
    f = one("Up to several thousand people were evacuated.")
    assert (f.normalized, f.relation) == ("10000", "<=")


def test_a_vague_value_agrees_with_the_values_it_allows() -> None:
    vague = "Hundreds of people were killed in the attack."
    assert disputes(vague, "The attack killed 300 people.") == []
    assert (
        disputes("Thousands of people were evacuated.", "About 1,500 people were evacuated.") == []
    )
    assert disputes("Dozens of people were killed.", "Thirty people were killed.") == []


def test_a_vague_value_conflicts_only_with_a_strong_key() -> None:
    # people killed is a strong key: "dozens" cannot be 500
    assert disputes("Dozens of people were killed.", "The attack killed 500 people.") == [
        ["Dozens", "500"]
    ]
    # a plain count with no shared word around it pairs nothing
    assert disputes("Dozens of cars were seen.", "Police said 500 cars were counted.") == []


def test_not_vague() -> None:
    assert facts_of("Test scores of students rose.") == []
    assert facts_of("Several people were hurt.") == []
    assert facts_of("The tens column was wrong.") == []


# signs ---------------------------------------------------------------------------------


def test_minus_sign_is_read() -> None:
    assert one("Growth slowed to -0.4% in the quarter.").normalized == "-0.4"
    assert one("Growth slowed to minus 0.4% in the quarter.").normalized == "-0.4"
    assert one("Growth slowed to \u22120.4% in the quarter.").normalized == "-0.4"
    assert one("Growth was negative 0.4% in the quarter.").normalized == "-0.4"
    assert one("Growth slowed to -0.4% in the quarter.").value == "-0.4%"


def test_a_dash_between_numbers_is_no_sign() -> None:
    assert one("Shares fell 2 - 3% on Monday.").normalized != "-3"
    assert one("Prices rose 2-3% in May.").normalized == "2-3"


def test_opposite_signs_are_not_one_fact() -> None:
    facts, _dis = compare(
        [
            art("Growth slowed to -0.4% in the quarter."),
            art("The economy rose 0.40% in the quarter."),
        ]
    )
    values = sorted(f.normalized for f in numeric(facts))
    assert values == ["-0.4", "0.4"]


# values written without a digit --------------------------------------------------------


def test_a_unit_of_time_after_a_verb_of_lasting() -> None:
    f = one("The strike lasted a week.")
    assert (f.normalized, f.measure) == ("P1W", "strike length")
    assert one("He was jailed for a year.").normalized == "P1Y"
    assert one("The siege lasted half an hour.").normalized == "PT30M"


def test_a_unit_word_that_is_no_quantity() -> None:
    assert facts_of("He left a week ago.") == []
    assert facts_of("They meet once a week.") == []
    assert facts_of("The talks resume a week after the vote.") == []
    assert facts_of("The house is a mile away.") == []


# scoring against hand labels -----------------------------------------------------------


def test_label_scorer_reads_both_ends_of_a_range_and_no_vague_amount() -> None:
    from newsbrief.evaluate_facts import score_against_labels

    url = "https://example.org/range"
    text = "He faces four to 10 months in prison. Hundreds of people protested."
    events = [{"id": "e1", "articles": [{"text": text, "url": url}]}]
    month = {"category": "duration", "unit": "month", "relation": "="}
    labels = {
        "events": [
            {
                "event": "e1",
                "facts": {url: [{**month, "value": 4}, {**month, "value": 10}]},
                "disagreements": [],
            }
        ]
    }
    r = score_against_labels(events, labels)
    assert (r["facts_recall"], r["facts_precision"], r["relation_accuracy"]) == (1.0, 1.0, 1.0)


def test_one_person_killed_is_a_toll() -> None:
    f = one("At least one person was killed in the blast.")
    assert (f.category, f.normalized, f.relation) == ("killed", "1", ">=")
    assert facts_of("One man, Jay Roe, said his daughter sent him texts.") == []
    assert facts_of("He was charged with one count of murder.") == []
    # in a breakdown the one is a part: no toll of its own
    got = facts_of("Two passengers and one person waiting on the platform died.")
    assert "1" not in [f.normalized for f in got]
