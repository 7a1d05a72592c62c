"""Mentions: one value stated in one sentence (what is counted, its qualifiers, its hedge,
whether it is a part, an earlier figure or background), and the sentence it was read in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from newsbrief.compare.lexicon import (
    _CONFLICT_HEADS,
    _DOLLARS,
    _UNIT_INFO,
    PEOPLE_CATEGORIES,
)
from newsbrief.compare.numbers import (
    _fmt,
    _iso_duration,
    _Tok,
)


@dataclass
class _Mention:
    article: int
    sent: int
    sentence: str
    written: str
    value: float
    relation: str
    kind: str
    category: str
    unit: str = ""
    measure: str = ""
    noun: str = ""  # subject of a count of people, counted noun, duration head, reference
    key: tuple[str, ...] = ()
    context: frozenset[str] = frozenset()
    order: int = 0  # index among the mentions of its category in its sentence
    pos: int = 0
    sig: int = 0
    partial: bool = False  # a part of a total
    superseded: bool = False  # a figure the article says was replaced
    alias: bool = False  # a conversion in brackets of the figure before it
    background: str = ""  # another time the figure is about
    aliases: list[tuple[float, str]] = field(default_factory=list)
    money_words: frozenset[str] = frozenset()
    lead: bool = False  # in one of the article's first sentences stating a casualty toll
    low: float | None = None  # the lower end of a range ("10 to 15 people"): [low, value]
    total: bool = False  # a total its aside breaks down ("17 people - 14 students and ...")

    @property
    def normalized(self) -> str:
        if self.kind == "duration":
            if self.low is not None:  # a range: "PT5M-PT10M"
                return (
                    f"{_iso_duration(self.low, self.unit)}-{_iso_duration(self.value, self.unit)}"
                )
            return _iso_duration(self.value, self.unit)
        if self.low is not None:
            return f"{_fmt(self.low)}-{_fmt(self.value)}"  # a range
        return _fmt(self.value)

    @property
    def alignable(self) -> bool:
        return not (self.partial or self.superseded or self.alias)


@dataclass
class _Sent:
    text: str
    toks: list[_Tok]
    title_case: bool
    years: list[int]
    full_dates: bool
    #: the token texts of a sentence with no number, which is never tokenized (``toks`` is
    #: then empty): only names read it
    light: list[str] | None = None
    #: the same lower-cased, and the indices of those capitalized (A-Z first)
    light_lows: list[str] | None = None
    light_caps: list[int] | None = None
    #: the article's text ends inside this sentence, mid-word ("...on two nuclear re"): its
    #: last word may be cut short
    cut: bool = False


def _key(m: _Mention) -> tuple[str, ...]:
    """The alignment key: facts with equal keys are about the same quantity."""
    if m.category in PEOPLE_CATEGORIES:
        return ("q", m.category, m.noun, m.background)
    if m.category == "count":
        # "check-points" and "checkpoints" are one noun
        return ("count", m.noun.replace("-", ""), m.background)
    if m.kind == "money":
        return ("money", "$" if m.unit in _DOLLARS else m.unit, m.background)
    if m.kind == "duration":
        head = m.noun.split()[-1] if m.noun else ""
        return ("duration", "war" if head in _CONFLICT_HEADS else head, "")
    if m.kind == "measurement":
        return ("measurement", _UNIT_INFO.get(m.unit, (m.unit, 1.0))[0], m.noun, m.background)
    if m.kind == "age":
        return ("age", m.noun, "")
    return (m.kind, m.measure, m.background)


def _strong_key(m: _Mention) -> bool:
    """Whether the key alone is strong evidence that two facts count the same thing."""
    kind = m.key[0]
    if kind == "magnitude":
        # a quake has one magnitude; its aftershocks are many ("one aftershock measuring 5.7"
        # and another's 6.0 are two quakes)
        return m.key[1] != "aftershock magnitude"
    if kind == "q":
        return True
    if kind == "count":
        # a majority is forecast, won, held before and needed in one election's news: the
        # word alone does not tell which ("a majority of 86" in an exit poll, "of 80" won)
        return bool(m.noun) and m.noun not in ("them", "people", "time", "times", "majority")
    if kind == "duration":
        return bool(m.key[1])
    if kind == "age":
        return m.noun[:1].isupper()
    if kind == "measurement":
        return bool(m.noun)
    return False


_MakeMention = Callable[..., _Mention]
