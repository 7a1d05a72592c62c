"""Names of people: particles inside a name, and one person's name in two spellings."""

from __future__ import annotations

import pytest

from newsbrief.compare import compare, extract_facts
from newsbrief.compare.numbers import _tokenize
from newsbrief.compare.persons import person_before, same_person, spelling_variant
from newsbrief.model import Article, Fact


def art(text: str) -> Article:
    return Article.create(text, title="", url=f"https://example.org/{abs(hash(text))}")


def ages(facts: list[Fact]) -> list[tuple[str, str]]:
    return sorted((f.measure, f.normalized) for f in facts if f.kind == "age")


def before_number(text: str) -> str:
    """person_before at the first number of ``text``."""
    toks = _tokenize(text, [])
    i0 = next(k for k, t in enumerate(toks) if t.kind == "num")
    return person_before(toks, i0)


# --- particles inside a name ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "measure"),
    [
        ("Nicolas de Jesus Cruz, 19, has been taken into custody.", "age of Nicolas de Jesus Cruz"),
        ("Ludwig van der Rohe, 83, died at home.", "age of Ludwig van der Rohe"),
        ("Abu Bakr al-Baghdadi, 47, was killed.", "age of Abu Bakr al-Baghdadi"),
        ("Mohammed bin Salman, 32, visited Paris.", "age of Mohammed bin Salman"),
        ("Homa Hoodfar, 65, was released.", "age of Homa Hoodfar"),
    ],
)
def test_a_particle_inside_a_name_stays_in_the_age_holder(sentence: str, measure: str) -> None:
    assert [m for m, _v in ages(extract_facts(art(sentence)))] == [measure]


@pytest.mark.parametrize(
    ("sentence", "holder"),
    [
        # "of" joins places and bodies, not the parts of a person's name
        ("The ship left Port of Spain, 12 hours late.", "Spain"),
        # a particle opening the run is not inside it
        ("The mayor said de Blasio, 56, would run again.", "Blasio"),
        ("Police named de Jesus Cruz, 19, as the suspect.", "Jesus Cruz"),
        # three particles in a row: no name reads so
        ("They met Smith de la de Cruz, 40, on Monday.", "Cruz"),
        # a comma between: two names, not one
        ("They met Smith, de Cruz, 40, on Monday.", "Cruz"),
        # a word that is no particle between two names
        ("Officers told Jones and Cruz, 40, to leave.", "Cruz"),
    ],
)
def test_what_a_particle_does_not_join(sentence: str, holder: str) -> None:
    assert before_number(sentence) == holder


def test_find_names_keeps_particles_inside_a_run() -> None:
    got = extract_facts(art("Interior Minister Ahmed ibn Rashid said the border was closed."))
    assert [f.normalized for f in got if f.kind == "person"] == ["Ahmed ibn Rashid"]
    got = extract_facts(art("President Abdel Fattah el-Sisi said the border was closed."))
    assert [f.normalized for f in got if f.kind == "person"] == ["Abdel Fattah el-Sisi"]


# --- one person, two spellings ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Nikolas Cruz", "Nicolas de Jesus Cruz"),
        ("Sergei Lavrov", "Sergey Lavrov"),
        ("Zabihullah Mujahid", "Zabiullah Mujahid"),
    ],
)
def test_spelling_variants_of_a_first_name_are_one_person(a: str, b: str) -> None:
    assert same_person(a, b) and same_person(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mark Kelly", "Mary Kelly"),  # short names one letter apart: two people
        ("Nikolas Cruz", "Zachary Cruz"),  # brothers
        ("Nikolas Cruz", "Nikolas Cruise"),  # another surname
        ("Nikolas Cruz", "Nikolas Cruz"),  # equal: nothing to join
        ("Nikolas", "Nicolas"),  # one word: the subset rule's business
        ("Nikolas Paul Cruz", "Nicolas de Jesus Cruz"),  # a middle name the other lacks
        ("Daniel Ortega", "Danielle Ortega"),  # two letters apart
    ],
)
def test_names_that_are_not_one_person(a: str, b: str) -> None:
    assert not same_person(a, b)


def test_spelling_variant_needs_the_same_first_letter() -> None:
    assert spelling_variant("Nicolas", "Nikolas")
    assert not spelling_variant("Nicolas", "Micolas")
    assert not spelling_variant("Jon", "John")


def test_one_age_holder_for_two_spellings_with_the_same_age() -> None:
    arts = [
        art("Nicolas de Jesus Cruz, 19, has been taken into police custody."),
        art("Police arrested Nikolas Cruz, 19, after the shooting at the school."),
        art("Nikolas Cruz, 19, was charged with 17 counts of murder on Thursday."),
    ]
    facts, dis = compare(arts)
    assert ages(facts) == [("age of Nikolas Cruz", "19")]
    assert set([f for f in facts if f.kind == "age"][0].article_ids) == {a.id for a in arts}
    assert dis == []


def test_two_spellings_with_other_ages_stay_apart() -> None:
    arts = [
        art("Nicolas de Jesus Cruz, 44, has been taken into police custody."),
        art("Police arrested Nikolas Cruz, 19, after the shooting at the school."),
    ]
    facts, _dis = compare(arts)
    assert ages(facts) == [("age of Nicolas de Jesus Cruz", "44"), ("age of Nikolas Cruz", "19")]


def test_a_long_mostly_capitalized_list_is_no_headline() -> None:
    # a sentence listing bodies is mostly capitalized; a headline holds few lower-case
    # words of more than three letters, this one six: its names are read (stop 28)
    text = (
        "Researchers came from these places in the study: The Institute of Soil Science; "
        "Moscow State University; the Pertsov White Sea Biological Station, part of Moscow "
        "State University; and the Higher School of Economics in Moscow."
    )
    names = {f.value for f in extract_facts(art(text)) if f.kind == "organization"}
    assert {"Moscow State University", "Higher School of Economics"} <= names
    # a headline in title case still reads as one: no name taken from its capitals alone
    head = "Storm Hits Coast As Officials Order Thousands To Leave Homes"
    assert [f for f in extract_facts(art(head)) if f.kind == "organization"] == []
