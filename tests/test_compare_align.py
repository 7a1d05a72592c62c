"""Alignment recall (helper align): which statements of one quantity the rules compare."""

from __future__ import annotations

from newsbrief.compare import compare
from newsbrief.model import Article


def art(text: str, url: str) -> Article:
    return Article.create(text, url=url)


def _magnitudes(dis: list) -> list[list[str]]:
    return [sorted(f.normalized for f in d.facts) for d in dis if d.measure == "quake magnitude"]


def test_each_agency_magnitude_an_article_quotes_is_compared() -> None:
    # the second article's first magnitude agrees with the first article; its later one,
    # another agency's figure, does not
    a = art(
        "A magnitude 6.3 earthquake struck the region on Sunday, the USGS said. "
        "Buildings shook across the border.",
        "https://a.example/1",
    )
    b = art(
        "The quake had a magnitude of 6.3, according to the USGS. "
        "Japan's weather agency measured a magnitude 6.1 tremor at the site.",
        "https://b.example/2",
    )
    assert _magnitudes(compare([a, b])[1]) == [["6.1", "6.3"]]


def test_a_magnitude_far_from_the_articles_first_is_another_quake() -> None:
    a = art(
        "A magnitude 6.0 earthquake struck the province on Monday, officials said. "
        "Roads were closed.",
        "https://a.example/1",
    )
    b = art(
        "The magnitude 6.0 quake killed two people. "
        "A magnitude 5.2 aftershock followed an hour later.",
        "https://b.example/2",
    )
    assert _magnitudes(compare([a, b])[1]) == []


def test_an_approximate_hedge_of_one_unit_allows_at_most_half_of_it() -> None:
    from newsbrief.compare import compatible

    # "nearly a week" is more than half a week, not anything above zero days
    assert not compatible((1, "~<"), (3 / 7, "="))
    assert compatible((1, "~<"), (6 / 7, "="))
    assert not compatible((1, "~"), (0.4, "="))
    # the floor of one stays for larger whole figures: "nearly six" is more than five
    assert not compatible((6, "~<"), (5, "="))
    assert compatible((6, "~<"), (5.5, "="))
    assert compatible((2, "~<"), (1.5, "="))


def test_the_span_since_a_record_is_one_quantity() -> None:
    a = art(
        "Measles cases in the U.S. reached the highest number in 25 years, health officials said.",
        "https://a.example/1",
    )
    b = art(
        "The CDC said the number of measles cases was the worst in 27 years.",
        "https://b.example/2",
    )
    dis = compare([a, b])[1]
    assert [sorted(f.normalized for f in d.facts) for d in dis] == [["P25Y", "P27Y"]]


def test_a_record_within_one_day_is_no_span_since_it() -> None:
    from newsbrief.compare import extract_facts

    a = art("Facebook had the largest loss of value in one day, analysts said.", "https://a.x/1")
    measures = [f.measure for f in extract_facts(a) if f.kind == "duration"]
    assert measures and "interval length" not in measures
