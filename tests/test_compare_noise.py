"""Fact precision, stop 27 (helper noise): names with letters outside A-Z, names glued to a
possessive, organizations cut short, and other misread facts (made-up sentences)."""

from __future__ import annotations

from newsbrief.compare import compare
from newsbrief.model import Article


def art(text: str) -> Article:
    return Article.create(text, title="", url=f"https://example.org/{abs(hash(text))}")


def facts(text: str, kind: str | None = None) -> list[tuple[str, str, str]]:
    found, _ = compare([art(text)], reference_year=2018)
    return [(f.kind, f.measure, f.value) for f in found if kind is None or f.kind == kind]


def names(text: str) -> set[tuple[str, str]]:
    return {(k, v) for k, _, v in facts(text) if k in ("person", "place", "organization")}


# --- letters outside A-Z do not end a name -----------------------------------------------------


def test_accented_and_turkish_letters_stay_inside_the_name() -> None:
    got = names(
        "President Jorge Peñalosa Erdoğan admitted defeat in Kırklareli province late on the day."
    )
    assert ("person", "Jorge Peñalosa Erdoğan") in got
    assert ("place", "Kırklareli") in got
    assert not any(v in ("Jorge Pe", "K") for _, v in got)


def test_a_capital_outside_a_z_starts_a_name() -> None:
    got = names("Opposition candidate Ekrem İmamoğlu said he had won the race in the city.")
    assert ("person", "Ekrem İmamoğlu") in got
