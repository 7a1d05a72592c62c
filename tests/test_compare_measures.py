"""Facts across sources: what a measurement or a count is of, and the phrasings that say so."""

from __future__ import annotations

import pytest

from compare_util import art, find, numeric
from newsbrief.compare import compare, compatible, extract_facts
from newsbrief.model import Article

# --- what a measurement or a count is of ---------------------------------------------------


def test_attributive_unit_names_what_is_measured() -> None:
    # a unit glued to the number, or a singular unit word, qualifies the noun after it;
    # "pound" so used is a weight (money in pounds is written plural or with a sign)
    a = art("The army dropped a 21,000 pound bomb on the tunnels on Thursday.")
    b = art("The 22,000-pound bomb was dropped from the rear of a cargo plane.")
    facts, dis = compare([a, b])
    bombs = [f for f in numeric(facts) if f.kind == "measurement"]
    assert {f.measure for f in bombs} == {"bomb"} and {f.unit for f in bombs} == {"lb"}
    assert len(dis) == 1 and dis[0].measure == "bomb"
    # a class of things is not one measured thing; a unit followed by a direction is not
    # attributive; plural pounds are not read as a weight
    c = art("Owners of 2.0-liter diesel vehicles can sell them back.")
    d = art("The storm was 500 miles south of the coast. The club paid 5 million pounds.")
    measures = {f.measure for f in numeric(extract_facts(c)) + numeric(extract_facts(d))}
    assert "vehicle" not in measures and "distance from" not in " ".join(measures)
    assert not [f for f in numeric(extract_facts(d)) if f.unit == "lb"]


def test_measurement_of_a_noun_before_it() -> None:
    a = art("The missile has a range of nearly 2,500 miles, officials said.")
    c = art("The missile has an estimated range of up to 1,800 miles.")
    assert [f.measure for f in numeric(extract_facts(a))] == ["range"]
    assert [f.measure for f in numeric(extract_facts(c))] == ["range"]
    facts, dis = compare([a, c])
    assert len(dis) == 1 and dis[0].measure == "range"


def test_coordinated_qualifiers_keep_the_counted_noun() -> None:
    a = art("The carmaker reached three separate but related settlements with regulators.")
    b = art("He found three old and two new cars in the barn.")
    assert [f.measure for f in numeric(extract_facts(a))] == ["related settlements"]
    # the run does not go on through a number: "two new cars" keeps its own noun
    assert "new cars" in {f.measure for f in numeric(extract_facts(b))}


def test_ages_written_with_years_after_aged() -> None:
    facts = numeric(extract_facts(art("Two young women, aged twenty and thirty years, died.")))
    assert sorted(f.normalized for f in facts if f.kind == "age") == ["20", "30"]
    served = numeric(extract_facts(art("She served 20 years in prison.")))
    assert [f.kind for f in served] == ["duration"]


def test_number_of_reaches_past_a_number_glued_into_a_word() -> None:
    text = "Police said the number of firearms found in his two-room suite had climbed to 23."
    facts = numeric(extract_facts(art(text)))
    assert ("23", "firearms") in [(f.normalized, f.measure) for f in facts]


def test_toll_disagreement_shows_every_figure_the_sources_give() -> None:
    # the sources disagree on the toll (13 vs 15): a later figure in one article (12, "in
    # another statement") is shown too; a far-off one (3) and a part (two of them) are not
    a = art(
        "Thirteen people died after a dam collapsed at a gold mine, officials said. "
        "Rescuers searched the river banks through the night. "
        "In another statement, regional authorities said 12 people had died. "
        "Three people died in a similar collapse nearby in 2015."
    )
    b = art("Fifteen people were killed after a dam collapsed at a gold mine on Saturday.")
    _facts, dis = compare([a, b])
    killed = [d for d in dis if d.measure == "people killed"]
    assert len(killed) == 1
    assert sorted(f.normalized for f in killed[0].facts) == ["12", "13", "15"]


def test_distance_from_a_place_reads_past_a_conversion_and_needs_the_same_thing() -> None:
    a = art(
        "Damage is worst in the town of Mashiki, about 1,300 km (800 miles) southwest of Tokyo."
    )
    b = art("The quake hit hardest in Mashiki town, 900km southwest of Tokyo, the agency said.")
    _facts, dis = compare([a, b])
    assert [d.measure for d in dis] == ["distance from Tokyo"]
    # the epicentre and a town, both east of one city: two distances, not a disagreement
    c = art("The initial quake struck 11 km (7 miles) east of the city of Kumamoto, USGS said.")
    d = art("The victims are from the town of Mashiki, about 15 km east of the city of Kumamoto.")
    _facts, dis = compare([c, d])
    assert dis == []


def test_about_allows_five_percent() -> None:
    assert compatible((30, "~"), (31, "="))  # the shared README's example
    assert not compatible((130, "~"), (140, ">="))  # "about 130" vs "at least 140" injured
    assert not compatible((100e9, "~"), (119e9, "~"))
    assert compatible((12, "~"), (13, "="))  # small whole numbers: at least 1 either way


def test_a_toll_of_another_incident_is_background() -> None:
    a = art(
        "Thirty-seven people were killed in a hospital fire on Friday. "
        "It comes less than a month after another fire that killed 29 people in Jecheon."
    )
    b = art("Forty-one people died in the hospital fire, officials said.")
    _facts, dis = compare([a, b])
    assert [sorted(f.normalized for f in d.facts) for d in dis] == [["37", "41"]]


def test_a_hyphenated_noun_is_the_same_counted_noun() -> None:
    a = art("The attackers drove through three checkpoints before they launched the attack.")
    b = art("The Taliban breached two check-points and launched the attack on the base.")
    _facts, dis = compare([a, b])
    assert [sorted(f.normalized for f in d.facts) for d in dis] == [["2", "3"]]


def test_a_relative_clause_takes_the_category_of_what_it_is_about() -> None:
    a = art("It closed a week of evacuations that the United Nations says moved 34,000 people.")
    m = [f for f in numeric(extract_facts(a)) if f.normalized == "34000"]
    assert [f.measure for f in m] == ["people evacuated"]


def test_what_lasted_a_duration_is_its_head_and_a_conflict_is_a_war() -> None:
    a = art("It is the biggest gain in a conflict that has lasted nearly six years.")
    b = art("The army retook the city, a turning point in the five-year war.")
    assert [f.measure for f in numeric(extract_facts(a))] == ["conflict length"]
    _facts, dis = compare([a, b])
    assert len(dis) == 1 and dis[0].measure in ("war length", "conflict length")
    # a participle after a comma is about the clause, not the word before it
    c = art("The rattling started modestly and grew violent, lasting about 30 seconds.")
    assert [f.measure for f in numeric(extract_facts(c))] == ["duration"]


def test_verbs_of_losing_value_mark_a_loss() -> None:
    a = art("Facebook shares dove 19 percent, shedding about $100 billion in market value.")
    b = art("The social media giant lost about $119 billion of its value on Thursday.")
    _facts, dis = compare([a, b])
    assert [d.measure for d in dis] == ["amount (loss)"]


def test_the_same_qualifier_of_a_counted_noun_is_evidence_of_one_quantity() -> None:
    a = art("Volkswagen reached three separate but related settlements with regulators.")
    b = art("In two related settlements, the carmaker agreed to pay up to $14.7 billion.")
    _facts, dis = compare([a, b])
    assert [d.measure for d in dis] == ["related settlements"]


def test_n_other_people_after_and_is_the_rest_not_the_toll() -> None:
    a = art("At least two lawmakers and 13 other people were killed in the hotel attack.")
    got = [f for f in numeric(extract_facts(a)) if f.normalized == "13"]
    assert [f.measure for f in got] == ["people killed (part of a total)"]
    # "seven other soldiers wounded" after a death toll is the whole count of the wounded
    b = art("Gunmen killed 24 soldiers on Monday, and seven other soldiers were wounded.")
    got = [f for f in numeric(extract_facts(b)) if f.normalized == "7"]
    assert [f.measure for f in got] == ["security forces injured"]


@pytest.mark.parametrize(
    ("sentence", "category", "value"),
    [
        ("Police said 1.5m people were affected by the floods.", "count", "1500000"),
        ("Hyundai recalled 1.2M vehicles on Friday.", "count", "1200000"),
        ("The wall is 1.5m tall.", "measurement", "1.5"),
        ("Nine people, including four children, died in the fire.", "killed", "9"),
        ("Nine people, among them two officers, were killed.", "killed", "9"),
    ],
)
def test_number_forms_read_this_round(sentence: str, category: str, value: str) -> None:
    f = find(extract_facts(art(sentence)), category, value)
    assert f is not None and "part of a total" not in f.measure


def test_rose_to_n_from_m_makes_m_the_earlier_figure() -> None:
    for text in ("The death toll rose to 28 from 21.", "Twenty-eight people died, up from 21."):
        _facts, dis = compare([art(text)])
        assert [(d.note, [f.normalized for f in d.facts]) for d in dis] == [
            ("revision", ["21", "28"])
        ]


def test_the_body_states_the_figure_over_the_headline() -> None:
    a = Article.create(
        "A car bomb hit the hotel, killing 15 people, police said.",
        title="Car bomber strikes hotel, at least 15 dead",
        url="https://example.org/a",
    )
    b = art("At least 16 people were killed when a car bomb hit the hotel.")
    _facts, dis = compare([a, b])
    assert [sorted(f.value for f in d.facts) for d in dis] == [["15", "At least 16"]]
    assert dis[0].facts[0].evidence[0].startswith("A car bomb hit the hotel")


@pytest.mark.parametrize(
    ("sentence", "measure", "value"),
    [
        ("The crash claimed the lives of 157 people.", "people killed", "157"),
        ("Some 200 people remain missing after the flood.", "people missing", "200"),
        ("Seventeen people - 14 students and three staff - died.", "people killed", "17"),
        ("The gunman, 19, killed 17 people.", "age of the gunman", "19"),
    ],
)
def test_casualty_phrasings_read_this_round(sentence: str, measure: str, value: str) -> None:
    got = [f for f in numeric(extract_facts(art(sentence))) if f.normalized == value]
    assert [f.measure for f in got] == [measure]


def test_square_units_are_areas() -> None:
    f = find(
        extract_facts(art("The fire burned 2,000 square kilometres of forest.")),
        "measurement",
        "2000",
    )
    assert f is not None and f.measure == "area" and f.unit == "km2"


def test_fractions_are_no_counts_and_strong_counts_the_noun_after() -> None:
    # a share (compare/fractions.py), never a count of two
    got = numeric(extract_facts(art("Two-thirds of voters agreed with the plan.")))
    assert [(f.kind, f.measure, f.normalized) for f in got] == [
        ("percent", "voters share", "66.67")
    ]
    got = numeric(extract_facts(art("Critics said the 10,000-strong force provides targets.")))
    assert [(f.measure, f.normalized) for f in got] == [("force", "10000")]


def test_a_role_after_n_year_old_is_a_person_so_an_age() -> None:
    got = numeric(extract_facts(art("The 59-year-old emperor proclaimed his enthronement.")))
    assert [(f.kind, f.normalized) for f in got] == [("age", "59")]


def test_a_comma_ends_a_count_clause_and_a_part_is_no_subject() -> None:
    got = numeric(extract_facts(art("The number of injuries is well over 400, deaths over 50.")))
    assert sorted((f.measure, f.normalized) for f in got) == [
        ("people injured", "400"),
        ("people killed", "50"),
    ]
    a = art(
        "At least 10 people, including two lawmakers, were killed in the attack. "
        "Around 40 others were injured in the assault."
    )
    got = [f for f in numeric(extract_facts(a)) if f.normalized == "40"]
    assert [f.measure for f in got] == ["people injured"]


def test_killing_n_of_them_is_the_toll_and_a_part_makes_no_breakdown() -> None:
    a = art("The Taliban attacked a convoy of police cadets, killing at least 27 of them.")
    assert [f.measure for f in numeric(extract_facts(a))] == ["people killed"]
    b = art("The blast killed 20 people, four of them children.")
    got = {f.normalized: f.measure for f in numeric(extract_facts(b))}
    assert got == {"20": "people killed", "4": "people killed (part of a total)"}


@pytest.mark.parametrize(
    ("sentence", "measure"),
    [
        ("49 worshippers were gunned down in the mosques.", "people killed"),
        ("Gunmen massacred 30 villagers overnight.", "people killed"),
        ("About 5,000 people were ordered to evacuate.", "people evacuated"),
    ],
)
def test_casualty_verbs_added_this_round(sentence: str, measure: str) -> None:
    assert [f.measure for f in numeric(extract_facts(art(sentence)))] == [measure]


def test_event_nouns_count_events_and_casualty_nouns_their_category() -> None:
    a = art("At least 20 people have been killed in two coalition air attacks in Yemen.")
    got = {f.normalized: f.measure for f in numeric(extract_facts(a))}
    assert got == {"20": "people killed", "2": "air attacks"}
    b = art("Measles caused 400 to 500 deaths and 48,000 hospitalizations a year.")
    got = {f.normalized: f.measure for f in numeric(extract_facts(b))}
    assert got["48000"].startswith("people hospitalized")


def test_a_key_listed_with_many_values_in_one_article_is_not_one_quantity() -> None:
    other = art(
        "The Conservatives won 382 seats in the election, the count showed.", "https://b.example/2"
    )
    one = art("The Conservatives won 365 seats in the election.", "https://a.example/1")
    _, dis = compare([one, other])
    assert [sorted(f.value for f in d.facts) for d in dis] == [["365", "382"]]
    listing = art(
        "The Conservatives won 365 seats in the election. A party needs 326 seats for a "
        "majority. Labour won 203 seats and the Liberal Democrats won 11 seats.",
        "https://a.example/1",
    )
    _, dis = compare([listing, other])
    assert dis == []


def test_two_figures_told_in_mostly_the_same_words_are_one_quantity() -> None:
    # more than half the words around the two numbers shared (6 of 11): one statement
    siege = art(
        "Following an 11-hour siege, armed commandos stormed the cafe early on Saturday morning.",
        "https://b.example/2",
    )
    told = art(
        "After almost 10 hours of fighting, armed commandos stormed the cafe early on "
        "Saturday and freed the hostages.",
        "https://a.example/1",
    )
    _, dis = compare([told, siege])
    assert [sorted(f.value for f in d.facts) for d in dis] == [["11-hour", "almost 10 hours"]]
    other = art("After almost 10 hours, the hostages were freed by police.", "https://a.example/1")
    assert compare([other, siege])[1] == []


def test_comes_n_months_after_sets_the_figures_in_an_earlier_incident() -> None:
    a = art("The attack comes one month after the death of 40 soldiers in two jihadist attacks.")
    got = {f.normalized: f.measure for f in numeric(extract_facts(a))}
    assert got["40"] == "security forces killed (another incident)"
    b = art("Two days after the quake, rescuers said 40 people had been killed.")
    got = {f.normalized: f.measure for f in numeric(extract_facts(b))}
    assert got["40"] == "people killed"
