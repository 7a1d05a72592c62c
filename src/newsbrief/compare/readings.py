"""Readings of counts that a sentence's casualty words would get wrong (stop 27, helper
noise): a figure that is the subject of a clause of its own ("five were in critical
condition" after "two were pronounced dead"), and what befell a count of things ("killed
300 cattle")."""

from __future__ import annotations

from newsbrief.compare.context import _word
from newsbrief.compare.lexicon import _BEFORE_CAT
from newsbrief.compare.numbers import _Tok

#: a verb of being right after an elided count: the count is the subject of its own clause
#: ("five were in critical condition"), whose predicate alone says what befell it
_BE_AFTER = frozenset("were was are is remain remained remains".split())
#: the states of hurt people in hospital: a part of the injured ("three were in serious
#: condition")
_CONDITIONS = ("critical", "serious", "stable", "grave", "fair", "satisfactory", "moderate")


def own_clause_state(toks: list[_Tok], run_end: int, stop: int) -> str | None:
    """For a count with no noun (token run_end after it): None when it opens no clause of its
    own; "injured" when its own clause puts the people in a condition ("were in critical
    condition", "remain in a serious condition"); "" when its clause says something else
    (so no casualty word before it, of another figure's clause, is its own)."""
    if _word(toks, run_end) not in _BE_AFTER:
        return None
    words = [toks[q].low for q in range(run_end + 1, min(stop, run_end + 6)) if toks[q].w]
    if "condition" in words and any(c in words for c in _CONDITIONS):
        return "injured"
    return ""


def befell_before(toks: list[_Tok], i: int) -> str:
    """What the verb right before a count of things (token i, its hedge's start) did to
    them: "killed 300 cattle" (killed), "evacuated 34 homes" (evacuated); not a verb further
    back ("killed 40 people and destroyed 300 homes": the homes were not killed)."""
    return _BEFORE_CAT.get(_word(toks, i - 1), "")


#: emergency numbers, and the words that make one of them a number to call, not a count
_EMERGENCY = frozenset(("911", "999", "112", "000"))
_CALL_WORDS = frozenset(
    "call calls caller callers dispatcher dispatchers operator operators emergency line lines "
    "centre center system".split()
)


def emergency_number(toks: list[_Tok], i0: int, i1: int) -> bool:
    """The number of tokens i0..i1-1 is an emergency line ("the 911 call", "dialled 999"),
    not a count of 911 calls."""
    if i1 != i0 + 1 or toks[i0].text not in _EMERGENCY:
        return False
    return _word(toks, i1) in _CALL_WORDS or _word(toks, i0 - 1) in ("dialed", "dialled", "call")
