"""Stop 29 (helper numbers2): numbers read as nothing or tagged wrongly, classes found in
bulk with bench/tag_errors.py and bench/unread_values.py --dropped (made-up sentences)."""

from __future__ import annotations

from newsbrief.compare import compare
from newsbrief.model import Article


def art(text: str, title: str = "") -> Article:
    return Article.create(text, title=title, url=f"https://example.org/{abs(hash(text))}")


def facts(text: str) -> list[tuple[str, str]]:
    found, _ = compare([art(text)], reference_year=2018)
    return [(f.measure, f.value) for f in found]


def measures(text: str, value: str) -> list[str]:
    return [m for m, v in facts(text) if v == value]


def test_ages_after_a_plural_ages_are_ages() -> None:
    text = "The fire killed two children ages 4 and 6 in Zarn."
    assert measures(text, "4") == ["age"]
    assert measures(text, "6") == ["age"]
    assert measures(text, "two") == ["children killed"]  # not "ages killed"
    text = "His wife and children, ages 7 and 9, were getting home."
    assert measures(text, "7") == ["age"] and measures(text, "9") == ["age"]


def test_n_of_m_nouns_is_a_part_of_the_total() -> None:
    text = "The Blue party won 365 of 650 seats in the assembly."
    assert measures(text, "365") == ["seats (part of a total)"]
    assert measures(text, "650") == ["seats"]
    # as "of the 650 seats" was already read
    text = "The Blue party won 365 of the 650 seats in the assembly."
    assert measures(text, "365") == ["seats (part of a total)"]
    # a year after "of" is no total
    assert measures("The court heard 12 of 2017's appeals.", "12") == []


def test_a_storm_category_alone_in_an_article_about_a_storm() -> None:
    text = (
        "Hurricane Zed hit the coast on Friday. Thousands fled to escape the Category 4 Zed. "
        "It grew from a Category 1 in the morning to a Category 4 by evening."
    )
    got = [v for m, v in facts(text) if m == "storm category"]
    assert "Category 4" in got and "Category 1" in got
    # no storm in the article: no storm category
    text = "The prisoner was held as a Category 2 inmate at the jail."
    assert [v for m, v in facts(text) if m == "storm category"] == []


def test_model_years_date_no_figure() -> None:
    text = "Owners of diesel cars of the model years 2009-2015 will receive up to $44,000."
    assert measures(text, "up to $44,000") == ["amount"]
    text = "It recalled 3,000 model-year 2015 cars."
    assert measures(text, "3,000") == ["cars"]
    text = (
        "A total of 6,160 Zeta vehicles are recalled: the Zeta Optima (2011-14) and Rho (2012-14)."
    )
    assert measures(text, "6,160") == ["vehicles"]
    # a year of the figure's own clause still dates it
    assert measures("The firm sold 2,000 cars in 2015 (a record).", "2,000") == ["cars (in 2015)"]


def test_a_year_modifying_a_noun_after_the_figure_is_that_nouns() -> None:
    text = "Four officers were injured in a raid linked to the Nov. 2015 Zarn attacks."
    assert measures(text, "Four") == ["security forces injured"]
    text = "The bank agreed a $5 billion settlement over bonds sold leading up to the 2008 crisis."
    assert measures(text, "$5 billion") == ["amount (settlement)"]
    # "in the 2015 offering": the time of the figure
    text = "The stock is below its $20 price in the company's 2015 initial public offering."
    assert measures(text, "$20") == ["amount (price) (in 2015)"]
    text = "Sales reached $5bn during the 2017 fiscal year."
    assert measures(text, "$5bn") == ["amount (revenue) (in 2017)"]
    # a year before the figure still dates it
    text = "He was sentenced for the 1984 murders of two men."
    assert measures(text, "two") == ["men (in 1984)"]
