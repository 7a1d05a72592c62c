"""Figures whose noun is not written after them, read from what stands around them
(stop 27, helper unread): "a city of almost 20 million" (its population), "a crowd of
300,000", "some 4,000 who had been told to leave", "crashed with 189 on board" (people),
"won a majority of 80" (the majority), "cut output by 500k barrels a day, while Iraq will
cut by 200,000" (the barrels of the clause before)."""

from __future__ import annotations

from newsbrief.compare.context import _context, _word
from newsbrief.compare.lexicon import _UNIT_INFO
from newsbrief.compare.mentions import _Mention, _Sent
from newsbrief.compare.numbers import _Num, _Tok

#: places a figure "of" counts the people of: "a city of almost 20 million"
_SETTLEMENTS = frozenset(
    "city cities town towns village villages country countries nation nations island "
    "islands province provinces region state metropolis capital community communities "
    "settlement settlements municipality district".split()
)
#: groups a figure "of" counts the members of: "a crowd of more than 22,000"
_GROUPS = frozenset("crowd crowds audience family families".split())
#: words that open the clause of a figure after the one before (its noun is the other's)
_LINKS = frozenset(("and", ",", ";", "while", "whereas", "but", "further", "another"))


def group_of(toks: list[_Tok], hstart: int) -> str:
    """The noun a bare figure counts when it is "of" a place or a group ("a city of almost
    20 million": "population"; "a crowd of 300,000": "crowd"), or the majority it is ("a
    majority of 80", in any sentence: the seats or votes above half), else ""."""
    if _word(toks, hstart - 1) != "of":
        return ""
    w = _word(toks, hstart - 2)
    if w in _SETTLEMENTS:
        return "population"
    if w == "majority":
        return "majority"
    if w in _GROUPS:
        return w[:-3] + "y" if w.endswith("ies") else w.rstrip("s")
    return ""


def who_follows(toks: list[_Tok], k: int) -> bool:
    """A bare figure followed by "who" or by where people are carried counts people: "some
    4,000 who had been advised", "crashed with 189 on board", "with 157 aboard"."""
    w = _word(toks, k)
    return w in ("who", "aboard", "onboard") or (w == "on" and _word(toks, k + 1) == "board")


def same_unit(
    s: _Sent,
    si: int,
    nm: _Num,
    value: float,
    rel: str,
    start: int,
    before: int,
    prev: _Mention | None,
    index: int,
) -> _Mention | None:
    """A bare figure in a clause after a measurement of its sentence is in that measurement's
    unit: "lowering output by almost 500k barrels per day, while Iraq will cut by 200,000"
    (200,000 barrels). Only after a word that opens a clause ("and", a comma, "while"...)."""
    if prev is None or prev.kind != "measurement" or prev.sent != si or not prev.unit:
        return None
    toks = s.toks
    between = {toks[q].low for q in range(before, nm.i0)}
    if not between & _LINKS:
        return None
    return _Mention(
        article=index,
        sent=si,
        sentence=s.text,
        written=s.text[start : toks[nm.i1 - 1].end].strip(),
        value=value,
        relation=rel,
        kind="measurement",
        category="measurement",
        unit=prev.unit,
        # what the other measures is its own ("10 km from Tokyo, and 300 from Osaka")
        measure=prev.measure if not prev.noun else _UNIT_INFO.get(prev.unit, ("",))[0],
        noun="",
        context=_context(toks, nm.i0, nm.i1),
        pos=start,
        sig=nm.sig,
    )
