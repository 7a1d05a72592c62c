"""Which statements are an article's own claims, and which pairs are disagreements
(newsbrief.compare alignment and pairing rules added with the groups_dev labels)."""

from __future__ import annotations

from newsbrief.compare import compare, extract_facts
from newsbrief.model import Article


def art(text: str, url: str) -> Article:
    return Article.create(text, url=url)


def values(dis: list) -> list[list[str]]:
    return [sorted(f.value for f in d.facts) for d in dis]


def test_a_figure_stated_as_the_new_value_is_the_articles_claim() -> None:
    # the lead's "at least 10" is compatible with 16; the later "raising the death toll
    # to 15" is the article's current figure, and 15 against 16 is a disagreement
    first = art(
        "A strong earthquake killed at least 10 people on Sunday. A student died in a "
        "landslide, raising the death toll from the earthquake to 15.",
        "https://a.example/1",
    )
    later = art("The death toll from the earthquake stood at 16 on Monday.", "https://b.example/2")
    _, dis = compare([first, later])
    assert len(dis) == 1 and {"15", "16"} <= set(values(dis)[0])
    # a later figure in the same article that is not worded as a new value stays out:
    # the article's claim is its lead, compatible with 16
    plain = art(
        "A strong earthquake killed at least 10 people on Sunday. Officials said the quake "
        "killed 15 people in one village.",
        "https://a.example/1",
    )
    assert compare([plain, later])[1] == []


def test_a_capitalized_number_word_inside_a_sentence_is_a_name() -> None:
    a = art(
        "Members of the pop band Seventeen are missing after the wave hit the stage, and "
        "nearly 30 people are still missing.",
        "https://a.example/1",
    )
    got = [f.value for f in extract_facts(a) if f.kind == "quantity"]
    assert got == ["nearly 30"]
    # a headline in title case, and a sentence that starts with the word, keep the number
    b = art("Seventeen people are missing. Quake Leaves Seven Dead", "https://b.example/2")
    got = sorted(f.normalized for f in extract_facts(b) if f.kind == "quantity")
    assert got == ["17", "7"]


def test_previous_ones_are_counted_apart_from_all() -> None:
    # "their two previous debates" and "all three debates": no disagreement
    a = art("In contrast to their two previous debates, the talk covered policy.", "https://a.e/1")
    b = art("Clinton is widely believed to have won all three debates.", "https://b.e/2")
    assert compare([a, b])[1] == []
    # two counts of previous ones still disagree
    c = art("The king has had three previous marriages, the palace said.", "https://c.e/3")
    d = art("The king has had four previous marriages, the palace said.", "https://d.e/4")
    assert values(compare([c, d])[1]) == [["four", "three"]]


def test_a_speed_qualifies_the_plural_noun_after_it() -> None:
    a = art("Maria made landfall with maximum sustained winds of 150 mph.", "https://a.e/1")
    b = art("Maria roared onto the island with 155 mph winds and heavy rain.", "https://b.e/2")
    assert [f.measure for f in extract_facts(b) if f.kind == "measurement"] == ["wind"]
    assert values(compare([a, b])[1]) == [["150 mph", "155 mph"]]
    # a size before a plural noun is still a class of things, not one thing's size
    c = art("The recall covers 2.0-liter diesel vehicles.", "https://c.e/3")
    assert [f.measure for f in extract_facts(c) if f.kind == "measurement"] == ["volume"]


def test_people_waiting_to_be_evacuated_are_not_evacuated_yet() -> None:
    a = art(
        "At least 689 hikers are still waiting to be evacuated from the mountain.", "https://a.e/1"
    )
    assert [f.measure for f in extract_facts(a) if f.kind == "quantity"] == ["hikers trapped"]
    b = art("At least 689 hikers were evacuated from the mountain.", "https://b.e/2")
    assert [f.measure for f in extract_facts(b) if f.kind == "quantity"] == ["hikers evacuated"]


def durations(text: str) -> list[str]:
    return [f.measure for f in extract_facts(art(text, "https://t.e/1")) if f.kind == "duration"]


def test_a_tenure_told_by_its_verb_or_frame_is_one_quantity() -> None:
    # "served for 28 years", "after 28 years on the job" and "a 29-year tenure" are the
    # length of one tenure: a disagreement
    assert durations("Billington served for 28 years before stepping down.") == ["tenure length"]
    assert durations("He resigned in September after 28 years on the job.") == ["tenure length"]
    a = art("Smith, who served in the position for 28 years, retired.", "https://a.e/1")
    b = art("Smith retired in January after a 29-year tenure.", "https://b.e/2")
    assert values(compare([a, b])[1]) == [["28 years", "29-year"]]
    # two people's tenures share no word: not one quantity
    c = art("Jones, his deputy, spent 25 years in office.", "https://c.e/3")
    assert compare([a, c])[1] == []
    # time served of a prison sentence is no tenure, and a bare duration keeps no head
    assert durations("She was jailed and only served four weeks of it.") == ["duration"]
    assert durations("He served 10 years in prison for fraud.") == ["duration"]
    assert durations("The ceasefire held for 10 years.") == ["duration"]


def test_the_first_time_in_n_years_is_one_span() -> None:
    a = art("The party lost Ankara for the first time in 16 years after local elections.", "u1")
    b = art("It is the first time in 25 years that the party has lost the capital.", "u2")
    assert durations(a.text) == ["interval length"]
    assert values(compare([a, b])[1]) == [["16 years", "25 years"]]
    # what happened for the first time must be the same: a shared word around the spans
    c = art("Russia will join output reductions for the first time in 15 years.", "u3")
    d = art("The producers agreed to curb production for the first time in eight years.", "u4")
    assert compare([c, d])[1] == []
    # hedged spans keep the frame; a first time without "in N years" is nothing of it
    assert durations("It was the first time in more than 20 years.") == ["interval length"]
    assert durations("For the first time, the talks lasted 3 days.") != ["interval length"]


def test_a_glued_duration_measures_the_noun_after_it_even_in_ing() -> None:
    # "a seven-hour meeting" is the meeting's length; "a 150-hour deadline beginning on
    # Wednesday" the deadline's, not the participle's
    assert durations("Following a seven-hour meeting on Tuesday, they agreed.") == [
        "meeting length"
    ]
    assert durations("He set a 150-hour deadline beginning on Wednesday.") == ["deadline length"]
    # unglued, an -ing word after the unit is a verb: no head
    assert durations("They were five years running the firm.") == ["duration"]


def numeric(text: str) -> list[tuple[str, str, str]]:
    """(kind, measure, unit) of each numeric fact of one sentence."""
    kinds = ("quantity", "percent", "measurement", "money", "duration", "age")
    fs = extract_facts(art(text, "https://t.e/1"))
    return [(f.kind, f.measure, f.unit) for f in fs if f.kind in kinds]


def test_percentages_glued_or_abbreviated_are_percentages() -> None:
    assert numeric("Regulators struck down a 300-percent tariff.") == [
        ("percent", "tariff share", "%")
    ]
    assert numeric("The offer is an 18pc premium to the share price.") == [
        ("percent", "premium share", "%")
    ]
    assert numeric("Shares rose 5 pc on Friday.") == [("percent", "percentage", "%")]


def test_temperatures_are_measurements_and_other_degrees_are_not() -> None:
    got = numeric("Its dayside is a blazing 1,430 degrees Fahrenheit (777 degrees Celsius).")
    assert [u for _k, _m, u in got] == ["°F", "°C"]
    assert numeric("The plane turned 90 degrees to the left.") == []
    # a temperature in each scale is never paired across the scales
    a = art("The dayside reaches 1,430 degrees Fahrenheit.", "https://a.e/1")
    b = art("The dayside reaches 777 degrees Celsius.", "https://b.e/2")
    assert compare([a, b])[1] == []


def test_a_day_glued_to_a_month_is_a_date_and_a_population_in_m_is_millions() -> None:
    assert numeric("The commission ruled (26-Jan-2018) against the complaint.") == []
    assert numeric("Istanbul, with a population of 15m, is the largest city.") == [
        ("quantity", "population", "")
    ]
    assert numeric("The tower is 15m tall.") == [("measurement", "height", "m")]


def test_a_range_that_leaves_its_thousands_to_the_high_end() -> None:
    def norm(text: str) -> list[str]:
        fs = extract_facts(art(text, "https://t.e/1"))
        return [f.normalized for f in fs if f.kind == "quantity"]

    assert norm("Between 20-30,000 people attended the rally.") == ["20000-30000"]
    assert norm("Some 10,000-15,000 people fled.") == ["10000-15000"]
    # a low end far under the high one is a scale of its own
    assert norm("The scale runs 1-10,000 points.") == ["1-10000"]
    # "20-30,000" agrees with 25,000, not with 25
    a = art("Between 20-30,000 people fled the town.", "https://a.e/1")
    b = art("About 25,000 people fled the town.", "https://b.e/2")
    assert compare([a, b])[1] == []


def test_decimals_written_give_a_figures_precision() -> None:
    # "51.8 percent" is 51.75 to 51.85: not a rounding of 51.63
    a = art("The alliance won 51.8 percent of the national vote.", "https://a.e/1")
    b = art("The alliance won 51.63% of the national vote.", "https://b.e/2")
    assert values(compare([a, b])[1]) == [["51.63%", "51.8 percent"]]
    # a figure that rounds to the other's decimals agrees with it
    c = art("The alliance won 51.83% of the national vote.", "https://c.e/3")
    assert compare([a, c])[1] == []


def test_a_hedged_one_before_a_unit_of_measure_is_a_measurement() -> None:
    assert numeric("The device was roughly one metre above the ground.") == [
        ("measurement", "length", "m")
    ]
    # unhedged, "one" stays a word: "one mile away" is no figure of the story
    assert numeric("The shop is one mile away.") == []
