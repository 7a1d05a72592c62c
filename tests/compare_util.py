"""Small builders shared by the compare tests."""

from __future__ import annotations

from newsbrief.model import Article, Fact


def art(text: str, url: str = "", title: str = "") -> Article:
    return Article.create(text, title=title, url=url or f"https://example.org/{abs(hash(text))}")


def numeric(facts: list[Fact]) -> list[Fact]:
    return [
        f
        for f in facts
        if f.kind not in ("date", "weekday", "time", "person", "place", "organization")
    ]


def find(facts: list[Fact], category: str, normalized: str) -> Fact | None:
    return next((f for f in facts if f.category == category and f.normalized == normalized), None)
