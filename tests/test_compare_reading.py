"""Readings the fact scanner used to get wrong (issue 14, helper misread): what a number
measures or counts, and which numbers are no figures at all. Every sentence here is made
up for the test."""

from __future__ import annotations

from newsbrief.compare import compare, extract_facts
from newsbrief.model import Article


def art(text: str, url: str = "https://t.e/1") -> Article:
    return Article.create(text, url=url)


def numeric(text: str) -> list[tuple[str, str, str]]:
    """(kind, measure, value) of each numeric fact of a text."""
    kinds = ("quantity", "percent", "measurement", "money", "duration", "age")
    return [(f.kind, f.measure, f.value) for f in extract_facts(art(text)) if f.kind in kinds]


def test_a_weekday_or_a_preposition_after_a_measure_is_no_measured_thing() -> None:
    assert numeric("The storm reached the coast with 140 mph winds on Friday.") == [
        ("measurement", "wind", "140 mph")
    ]
    # a name right after the unit still is what is measured
    assert numeric("Engineers weighed the 410 kg LUNA-2 probe.") == [
        ("measurement", "LUNA", "410 kg")
    ]
    # "in the U.S." is where, not what
    got = numeric("The firm will fix its 1.6-liter diesel engines in the U.S. soon.")
    assert [m for _k, m, _v in got] == ["volume"]


def test_a_dimension_after_a_bracketed_conversion_is_kept() -> None:
    for text in (
        "Villages were struck by a 4-meter (13-foot)-high wave on the coast.",
        "Villages were struck by a 4-meter (13-foot) -high wave on the coast.",
    ):
        assert numeric(text) == [
            ("measurement", "height", "4-meter"),
            ("measurement", "height (conversion)", "13-foot"),
        ]


def test_a_distance_is_from_the_city_a_possessive_names() -> None:
    got = numeric("The epicentre was 40km north-east of Sumbawa's main town Bima.")
    assert got == [("measurement", "distance from Bima", "40km")]
    # no name after the possessive: the possessor stays
    got = numeric("The epicentre was 40 km east of Sumbawa's main town.")
    assert got == [("measurement", "distance from Sumbawa", "40 km")]
    # a name set beside the noun after a comma; not a speaker after the comma
    got = numeric("The town is about 300km south of the capital, Hanoi.")
    assert got == [("measurement", "distance from Hanoi", "about 300km")]
    got = numeric("Troops will stay within 15 km of the border, Interfax quoted him as saying.")
    assert got == [("measurement", "length", "15 km")]
    got = numeric("Fighters must withdraw 25 kilometres from the Lebanese border.")
    assert got == [("measurement", "distance from border", "25 kilometres")]


def test_a_sentence_opening_then_is_about_the_year_before() -> None:
    text = (
        "In March 2014, the judges heard the first appeal. Then, one judge retired and the "
        "bench split 3-3 in a ruling that left the law in place."
    )
    got = numeric(text)
    assert ("quantity", "votes for (in 2014)", "3") in got
    # this year's 4-3 ruling is not set against the 2014 tie
    a = art(text, "https://a.e/1")
    b = art("The judges ruled 4-3 against the law on Monday.", "https://b.e/2")
    assert compare([a, b])[1] == []
    # a sentence that does not go on from the one before keeps no year
    plain = numeric("In March 2014, the judges heard the appeal. The bench ruled 3-3 today.")
    assert ("quantity", "votes for", "3") in plain


def test_people_not_yet_evacuated_or_rescued_are_still_trapped() -> None:
    for text in (
        "Some 300 climbers are still waiting to be evacuated from the peak.",
        "Some 300 climbers have not been evacuated yet.",
        "Rescuers have yet to evacuate 300 climbers.",
        "About 300 climbers remain to be rescued.",
    ):
        got = numeric(text)
        assert [m for _k, m, _v in got] == ["climbers trapped"], text
    assert numeric("Some 300 climbers were evacuated on Monday.")[0][1] == "climbers evacuated"


def test_a_capitalized_number_word_is_a_name_and_ends_no_clause() -> None:
    got = numeric("Fans said four Thirteen members were still missing after the storm.")
    assert got == [("quantity", "members missing", "four")]
    # members of a named group are not everyone missing
    a = art("Fans said four Thirteen members were still missing.", "https://a.e/1")
    b = art("At least 20 people were still missing after the storm.", "https://b.e/2")
    assert compare([a, b])[1] == []


def test_the_article_a_is_one_before_a_unit_of_measure_when_hedged() -> None:
    assert numeric("The truck dragged the barrier for about a mile.") == [
        ("measurement", "length", "about a mile")
    ]
    assert numeric("The ash rose nearly a kilometre above the crater.") == [
        ("measurement", "length", "nearly a kilometre")
    ]
    assert numeric("Police built a mile-long cordon.") == [("measurement", "length", "mile-long")]
    # unhedged, "a mile away" is no figure of the story
    assert numeric("The school is a mile away from the river.") == []


def test_scores_and_odds_are_no_counts() -> None:
    for text in (
        "United won 3-1 at home on Saturday.",
        "The club were 1000-1 outsiders to win the league.",
        "She broke a 2-2 tie late in the game.",
        "The side suffered a 1-2 defeat in the final.",
        "Rovers beat City 4-2 in the first leg.",
    ):
        assert numeric(text) == [], text
    # a range still is one; a tally in a vote still is one
    assert numeric("Between 20-30 people were hurt.") == [
        ("quantity", "people injured", "Between 20-30")
    ]
    assert [m for _k, m, _v in numeric("The board voted 7-2 to approve it.")] == [
        "votes for",
        "votes against",
    ]


def test_pounds_and_ounces_are_one_weight_and_feet_and_inches_one_length() -> None:
    fs = [f for f in extract_facts(art("The baby girl weighed 7lbs 4oz at birth.")) if f.unit]
    assert [(f.value, f.normalized, f.unit) for f in fs] == [("7lbs 4oz", "7.25", "lb")]
    fs = [f for f in extract_facts(art("The player is 6 feet 3 inches tall.")) if f.unit]
    assert [(f.measure, f.normalized, f.unit) for f in fs] == [("height", "6.25", "ft")]


def test_the_rand_and_other_currencies_after_the_amount_are_money() -> None:
    def money(text: str) -> list[tuple[str, str]]:
        return [(f.normalized, f.unit) for f in extract_facts(art(text)) if f.kind == "money"]

    assert money("The utility owes R350 million to the city.") == [("350000000", "ZAR")]
    assert money("The deal is worth R2.5bn.") == [("2500000000", "ZAR")]
    # "R101" alone is a road or a code
    assert money("Take the R101 north of the town.") == []
    assert money("A tank of water costs 15,000 dinars.") == [("15000", "dinar")]
    assert money("The trial cost taxpayers 12 million pounds.") == [("12000000", "GBP")]
    assert money("The ship carried 12 million pounds of grain.") == []


def test_a_verb_after_a_number_is_no_counted_noun() -> None:
    assert numeric("In all, 4,210 signed, twice the number needed.") == []
    assert numeric("Only 12 made it to the shore.") == []
    got = numeric("The blast killed 40 attending a funeral.")
    assert got == [("quantity", "people killed", "40")]
    got = numeric("In total 9,000 admitted to hospitals had the fever.")
    assert got == [("quantity", "people hospitalized", "9,000")]
    # an adjective in -ed or -ing before the noun stays in the phrase
    assert [m for _k, m, _v in numeric("The convoy had three armoured vehicles.")] == [
        "armoured vehicles"
    ]
    assert [m for _k, m, _v in numeric("The league has two rising stars.")] == ["rising stars"]


def test_a_plural_before_a_noun_for_people_qualifies_it() -> None:
    got = numeric("Eleven civil rights activists were arrested.")
    assert got == [("quantity", "activists arrested", "Eleven")]


def test_what_a_percentage_qualifies_must_be_a_noun() -> None:
    assert numeric("The levy is 40% higher than the old one.") == [("percent", "percentage", "40%")]
    assert numeric("The bank is 60% owned by the state.") == [("percent", "percentage", "60%")]
    assert numeric("They imposed a 15 percent tariff.") == [
        ("percent", "tariff share", "15 percent")
    ]


def test_an_n_year_old_before_a_verb_or_an_agent_noun_is_an_age() -> None:
    assert numeric("Asked about it, the 41-year-old smiled.") == [("age", "age", "41-year-old")]
    assert numeric("The 29-year-old goalkeeper was not hurt.") == [("age", "age", "29-year-old")]
    # a thing's age stays its length
    assert numeric("It ended the nearly four-year-old war.")[0][0] == "duration"


def test_a_noun_cut_off_at_the_end_of_an_article_is_no_noun() -> None:
    text = "The storm hit the port. Officials said it damaged three cargo sh"
    assert numeric(text) == []
    assert numeric("The storm hit the port. Officials said it damaged three cargo ships.") == [
        ("quantity", "cargo ships", "three")
    ]


def test_people_fighting_for_their_lives_are_a_part_of_those_in_hospital() -> None:
    a = art("Eight died and 19 were fighting for their lives in hospital.", "https://a.e/1")
    b = art("At least 40 people were taken to hospital.", "https://b.e/2")
    assert compare([a, b])[1] == []
    # an aside after a comma does not make the whole count a part
    c = art("In all 60 people were injured, some critically.", "https://c.e/3")
    d = art("About 90 people were injured.", "https://d.e/4")
    assert len(compare([c, d])[1]) == 1


def test_a_possessive_a_time_word_or_a_participle_before_a_toll_is_no_counted_noun() -> None:
    got = numeric("Police said six confirmed dead after the fire.")
    assert got == [("quantity", "people killed", "six")]
    got = numeric("The toll climbed to at least 12 late Sunday.")
    assert got == [("quantity", "people killed", "at least 12")]
    got = numeric("Two of the city's main bridges were shut.")
    assert [m for _k, m, _v in got] == ["main bridges (part of a total)"]
    assert numeric("The 58-year-old actor tied the knot.") == [("age", "age", "58-year-old")]
