"""Fact precision, stop 28 (helper years): a figure's time tag comes from its own clause, and
a casualty word from its own clause (made-up sentences; bench/tag_errors.py lists both kinds
on the readable events)."""

from __future__ import annotations

from newsbrief.compare import compare
from newsbrief.model import Article


def art(text: str) -> Article:
    return Article.create(text, title="", url=f"https://example.org/{abs(hash(text))}")


def facts(text: str) -> list[tuple[str, str]]:
    found, _ = compare([art(text)], reference_year=2018)
    return [(f.measure, f.value) for f in found if f.kind in ("quantity", "money", "percent")]


def measures(text: str, value: str) -> list[str]:
    return [m for m, v in facts(text) if v == value]


# --- time tags ---------------------------------------------------------------------------------


def test_a_period_in_a_relative_clause_after_the_figure_is_not_the_figures() -> None:
    text = "MPs backed the amendment by 280 votes to 250, helped by 12 rebels who quit the party last week."
    assert measures(text, "280") == ["votes for"]
    assert measures(text, "250") == ["votes against"]
    # a period of the figure's own clause still tags it
    text = "The firm sold 4,000 bicycles last month across the region."
    assert measures(text, "4,000") == ["bicycles (another period)"]


def test_a_period_with_its_own_number_is_still_the_figures() -> None:
    # "two weeks ago": the number of the period is no nearer figure
    text = "It follows a flood in Zarn, Ruritania, two weeks ago that killed 30 people."
    assert measures(text, "30") == ["people killed (another period)"]
    # but a figure right before "last week" past a comma is a nearer figure: the period is its
    text = "The $2bn deal is the latest of many, with a rival paying $900m last week."
    assert [m for m, v in facts(text) if v == "$2bn"] == ["amount (price)"]
    assert [m for m, v in facts(text) if v == "$900m"] == ["amount (price) (another period)"]


def test_a_year_told_past_another_figure_and_a_comma_dates_that_figure() -> None:
    text = "Oil traded near $70 a barrel, up about 25 percent since 2016, traders said."
    assert measures(text, "near $70") == ["amount"]
    text = "The blast equalled 50 kilotons, some 3,000 times the bomb tested in 1951."
    assert measures(text, "50") == ["kilotons"]
    # no comma between: both figures are of the year
    text = "The storm destroyed 400 homes and damaged 900 roads in 2015."
    assert measures(text, "400") == ["homes (in 2015)"]


def test_a_year_of_a_joined_noun_phrase_is_not_the_figures() -> None:
    # "and the flood in 2004": a new noun phrase joined on, with a time of its own
    text = "A strike in 2011 closed 14 schools and the flood in 2004 shut the rest."
    assert measures(text, "14") == ["schools (in 2011)"]


def test_after_a_superlative_since_a_figure_is_of_now_unless_a_when_clause_opens() -> None:
    text = "The index is heading for its biggest weekly rise since 2015, climbing as much as 4.2%."
    assert measures(text, "as much as 4.2%") == ["percentage"]
    text = "The town saw its worst fire since 1990, when a blaze destroyed 300 homes."
    assert measures(text, "300") == ["homes (in 1990)"]


def test_a_year_of_the_figures_own_clause_after_a_superlative_since() -> None:
    text = "It was the highest count since 1995, up from the 210 cases recorded in 2017."
    assert measures(text, "210") == ["cases (in 2017)"]


def test_a_period_that_closes_a_superlative_is_a_record_span() -> None:
    text = "The currency rose 2% to $1.40, its strongest level since June last year."
    assert measures(text, "$1.40") == ["amount"]


# --- casualty words ----------------------------------------------------------------------------


def test_a_casualty_verb_right_before_a_count_says_what_befell_it() -> None:
    text = "The quake killed 12 people, injured hundreds and briefly stranded some climbers."
    assert measures(text, "hundreds") == ["people injured"]
    # a bare infinitive is no deed done: those still waiting are trapped
    text = "Rescuers are trying to evacuate hundreds of hikers trapped on the slopes."
    assert measures(text, "hundreds") == ["hikers trapped"]
    # "23 hurt 3 dead": the participle of the figure before is not a verb over the next one
    text = "11 injured 2 dead says the county sheriff."
    assert measures(text, "2") == ["people killed"]


def test_a_count_opening_a_clause_takes_no_casualty_word_from_before() -> None:
    text = "Nine people were killed when two buses collided on the coast road."
    assert measures(text, "two") == ["buses"]
    text = "At least 20 guards were killed after two gunmen stormed the checkpoint."
    assert measures(text, "two") == ["gunmen"]
    # "as well as" opens no clause: the three are dead too
    text = "Officials said 20 were dead as well as the three attackers."
    assert measures(text, "three") == ["attackers killed"]


def test_a_count_with_a_verb_of_its_own_takes_no_casualty_word_from_before() -> None:
    text = "Four men have been arrested and two other suspects are expected to surrender."
    assert measures(text, "two") == ["other suspects (part of a total)"]


def test_people_in_critical_condition_in_a_toll_are_hurt_not_dead() -> None:
    text = "The toll stood at four victims and six people in critical condition on Monday."
    assert measures(text, "six") == ["people injured (part of a total)"]
    assert measures(text, "four") == ["people killed"]


def test_counts_of_accidents_and_trains_are_no_people() -> None:
    text = "In 2016, 20 people were killed when two trains crashed near the border."
    assert measures(text, "two") == ["trains (in 2016)"]
    text = "He has never seen a night with 11 confirmed fatal accidents on the motorway."
    assert not any(m.endswith("killed") for m in measures(text, "11"))


# --- stop 28, helper years2 ---------------------------------------------------------------------


def test_bare_this_year_is_the_news_own_period() -> None:
    text = "The central bank expects prices to rise by 4% this year."
    assert measures(text, "4%") == ["percentage"]
    text = "This year six parties entered the race."
    assert measures(text, "six") == ["parties"]
    # a part of the year, or the second event of it, is another period
    text = "Earlier this year, the lender set aside $200 million for fines."
    assert measures(text, "$200 million") == ["amount (another period)"]
    text = "It is the third big flood to hit the valley this year, after one that killed 40 people."
    assert measures(text, "40") == ["people killed (another period)"]


def test_a_figure_dated_by_a_span_of_years_is_of_the_span() -> None:
    text = "The club signed 45 players between 2009 and 2013, its records show."
    assert measures(text, "45") == ["players (in 2009-2013)"]
    text = "Rangers planted 8,000 trees from 1996 to 2004 along the river."
    assert measures(text, "8,000") == ["trees (in 1996-2004)"]
    # two years joined by a bare "and" are no span
    text = "The town built 60 bridges in 2009 and 2013."
    assert measures(text, "60") == ["bridges (in 2009)"]


def test_a_year_of_an_opening_participle_phrase_dates_the_subject_not_the_figures() -> None:
    text = "Founded in 1962, the bakery now runs 30 shops in the north."
    assert measures(text, "30") == ["shops"]
    # a figure inside the phrase keeps its year, and a preposition phrase still dates all
    text = "Valued at $5m in 2011, the studio now employs 80 people."
    assert measures(text, "$5m") == ["amount (valuation) (in 2011)"]
    text = "In 2004, a storm destroyed 300 homes on the coast."
    assert measures(text, "300") == ["homes (in 2004)"]
