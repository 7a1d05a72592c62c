"""Readings of counts that a sentence's casualty words would get wrong (stop 27, helper
noise): a figure that is the subject of a clause of its own ("five were in critical
condition" after "two were pronounced dead"), and what befell a count of things ("killed
300 cattle")."""

from __future__ import annotations

import re

from newsbrief.compare.context import _word
from newsbrief.compare.lexicon import _BEFORE_CAT, _MONEY_WORDS
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


#: a finite verb right after a count's noun: the count is the subject of a clause of its own
#: ("two other suspects are expected to hand themselves over"), whose words alone say what
#: befell it
_FINITE_AFTER = frozenset(
    "are were is was have has had will would could can may might must remain remained "
    "remains".split()
)
#: words that open a clause whose subject is the count right after them ("killed when two
#: trains collided", "were killed after two suicide bombers targeted their convoy")
_OPENERS = frozenset(
    "after when before while because since until although though whereas once".split()
)
#: the casualty verbs (not nouns such as "deaths", "toll", nor a bare infinitive: "trying to
#: evacuate hundreds" have not been evacuated) whose object a count right after them is:
#: "injured hundreds and briefly stranded several trekkers" (injured)
_VERBS = frozenset(
    "killing kills killed slaying massacred massacring injuring injures injured "
    "wounding wounded hurting evacuated evacuating rescued rescuing trapping "
    "arresting arrested detained detaining displacing displaced hospitalised "
    "hospitalized".split()
)


def governing_verb(toks: list[_Tok], hs: int) -> str:
    """The category of the casualty verb right before a count (token hs, its hedge's
    start), of which it is the object: "killed 17 people, injured hundreds and briefly
    stranded several trekkers" gives the hundreds "injured", whatever verb follows."""
    w = _word(toks, hs - 1)
    if w not in _VERBS or (hs >= 2 and toks[hs - 2].kind == "num"):
        return ""  # "23 injured 3 dead": the participle of the figure before
    return _BEFORE_CAT.get(w, "")


def opens_clause(toks: list[_Tok], hs: int) -> bool:
    """A count (token hs, its hedge's start; a "the" before it skipped) right after a word
    that opens a clause ("after two suicide bombers targeted", "when the two trains
    collided") is that clause's subject: a casualty word before the opener is not its."""
    j = hs - 1
    if _word(toks, j) == "the":
        j -= 1
    return _word(toks, j) in _OPENERS


def own_verb_after(toks: list[_Tok], run_end: int) -> bool:
    """A finite verb right after the count's noun phrase (token run_end): the count is the
    subject of its own clause ("two other suspects are expected to...")."""
    return _word(toks, run_end) in _FINITE_AFTER


def in_condition(toks: list[_Tok], run_end: int) -> bool:
    """The count's noun phrase (ending at token run_end) is followed by a hospital
    condition ("five people in critical condition"): the count of people hurt, not dead."""
    words = [toks[q].low for q in range(run_end, min(len(toks), run_end + 5)) if toks[q].w]
    return any(w.startswith("condition") for w in words) and any(c in words for c in _CONDITIONS)


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


#: words that end the stretch of a sentence an amount's own words come from
_CLAUSE_WORDS = frozenset("that which who when while whereas but after".split())


def own_money_words(toks: list[_Tok], i0: int, k: int) -> frozenset[str]:
    """What an amount (tokens i0..k-1) is, in words of its own clause only (within 8 words,
    not past a comma, bracket or clause word; its bracketed conversion skipped): "a $531
    million fine", "losses of about £200 million"; not the budget of "an announcement in the
    budget that the cut from £100 to £2 will wait", nor the penalty of "2.4 billion dollars
    in a civil penalty, 1.8 billion dollars in relief". Only the measure's name says these:
    the pairing keeps its wider window."""
    n = len(toks)
    out = set()
    opened = next((j for j in range(i0 - 1, max(-1, i0 - 4), -1) if toks[j].text == "("), -1)
    if opened >= 0:
        # a bracketed conversion is of the amount before it: "a $531 million (700 million
        # Australian dollar) fine", "the AU$700 million (FJ$1096m) fine"
        close = next((j for j in range(k, min(n, k + 4)) if toks[j].text == ")"), k - 1)
        i0, k = opened, close + 1
    q = k
    if q < n and toks[q].text == "(":
        while q < n and toks[q].text != ")":
            q += 1
        q += 1  # "$1.9 million (AU$2.5 million) legal costs"
    for step, start, stop in ((-1, i0 - 1, max(-1, i0 - 9)), (1, q, min(n, q + 8))):
        for j in range(start, stop, step):
            t = toks[j]
            if t.kind == "punct" and t.text in ",;:()" or t.low in _CLAUSE_WORDS:
                break
            if t.kind == "word" and t.low in _MONEY_WORDS:
                out.add(_MONEY_WORDS[t.low])
    return frozenset(out)


def change_money_words(toks: list[_Tok], i0: int, k: int) -> frozenset[str]:
    """:func:`own_money_words` of an amount of a change "from X to Y", read from the
    change's "from" ("market capitalization fell from $630 bn on Wednesday to $510 bn": a
    valuation; "an announcement in the budget that the cut from £100 to £2": no budget)."""
    for q in range(i0 - 1, max(-1, i0 - 10), -1):
        if toks[q].low == "from":
            return own_money_words(toks, q, q)
    return own_money_words(toks, i0, k)


#: the words of a page's time stamp or schedule ("Apr 23, 2018 | 11:00 AM", "9:00 am 12:00 pm")
_STAMP_WORDS = re.compile(
    r"(?i)\b(?:a\.?m|p\.?m|gmt|utc|et|updated|published|posted|jan|feb|mar|apr|may|jun|jul|aug|"
    r"sep|sept|oct|nov|dec|[a-z]+day|january|february|march|april|june|july|august|september|"
    r"october|november|december)\b\.?|[^A-Za-z]+"
)


def stamp_only(text: str) -> bool:
    """The sentence is a page's time stamp or schedule, no statement of the news: past its
    dates, clock times, weekdays and stamp words no word is left (a stamp is short)."""
    return len(text) < 60 and not _STAMP_WORDS.sub(" ", text).strip()


#: a photo credit standing alone: "(Pool via AP).", "(ABC via AP)"
_CREDIT = re.compile(r"^[(\[][^()\[\]]{0,40}\bvia [A-Z][^()\[\]]{0,30}[)\]]\.?$")


def credit_line(text: str) -> bool:
    """The sentence is a photo credit, whose names are the page's, not the news's."""
    return len(text) < 80 and _CREDIT.match(text.strip()) is not None
