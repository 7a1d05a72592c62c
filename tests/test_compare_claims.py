"""Which statements are an article's own claims, and which pairs are disagreements
(newsbrief.compare alignment and pairing rules added with the groups_dev labels)."""

from __future__ import annotations

from newsbrief.compare import compare
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
