"""The head of a duration: the noun it measures ("five-year [civil war]", "four years of
[resistance]"), what lasted it ("a conflict that has lasted nearly six years"), or the
span its verb or frame tells (a tenure, "for the first time in 16 years"). Moved out of
:mod:`newsbrief.compare.phrases` at stop 29, when that module reached 800 lines."""

from __future__ import annotations

from newsbrief.compare.context import _word
from newsbrief.compare.lexicon import _IRREGULAR_PAST, _NUMBER_WORDS, _STOP, _TIME_UNITS
from newsbrief.compare.mentions import _Sent


def _duration_head(s: _Sent, k: int) -> str:
    """The noun a duration measures: 'five-year [civil war]', 'four years of [resistance]'."""
    toks = s.toks
    j = k
    # a unit glued to its number qualifies the noun after it, an -ing noun too ("a
    # seven-hour meeting"); unglued, an -ing word is a verb ("five years running")
    glued = k >= 2 and toks[k - 2].text in ("-", "–") and not toks[k - 1].space
    if _word(toks, j) == "of":
        j += 2 if _word(toks, j + 1) in ("the", "its", "their", "his", "her") else 1
    words: list[str] = []
    while j < len(toks) and toks[j].kind == "word" and len(words) < 3:
        low = toks[j].low
        if toks[j].cap and not s.title_case or low in _STOP or low in _NUMBER_WORDS:
            break
        ing = low.endswith("ing")
        if low in _TIME_UNITS or low.endswith("ly") or (not words and ing and not glued):
            break
        if words and (low.endswith("ed") or low in _IRREGULAR_PAST):
            break
        if words and ing and _word(toks, j + 1) in _WHEN_WORDS:
            break  # a participle after the noun: "a 150-hour deadline beginning today"
            # (a compound noun stays one: "a three-day campaign swing through Iowa")
        words.append(low)
        j += 1
    return " ".join(words)


#: words that open a time after a participle ("beginning on Wednesday", "starting today")
_WHEN_WORDS = frozenset("on at in from until today tomorrow tonight next this".split())
_LASTED = frozenset("lasted lasting lasts raged raging dragged".split())
_AUX = frozenset("has had have that which who now".split())


def _lasted_head(s: _Sent, i0: int) -> str:
    """What lasted the duration at token i0: "a conflict that has lasted nearly six
    years" (conflict), "the war has raged for five years" (war); else a tenure or the
    span since something last happened (:func:`_span_head`)."""
    toks = s.toks
    j = i0 - 1
    for _ in range(3):  # past a hedge and "for" ("nearly", "more than", "for")
        if j < 0 or toks[j].low in _LASTED:
            break
        j -= 1
    if j < 0 or toks[j].low not in _LASTED:
        return _span_head(s, i0)
    j -= 1
    while j >= 0 and toks[j].low in _AUX:
        j -= 1
    if j < 0 or toks[j].kind != "word" or (toks[j].cap and not s.title_case):
        return _span_head(s, i0)
    low = toks[j].low
    return "" if low in _STOP or low.endswith("ly") else low


_SERVED = frozenset("served serving serves".split())
_IN_POST = frozenset(
    "on the job|in office|in power|at the helm|in the post|in the position|in the job|"
    "in the role|in the office".split("|")
)
_DETAINED = frozenset("prison jail bars sentence custody detention".split())
#: superlatives of a record: "the highest ... in 25 years"
_SUPERLATIVES = frozenset(
    "highest lowest worst best biggest largest smallest most fewest strongest weakest "
    "deadliest longest shortest fastest slowest greatest warmest hottest coldest wettest "
    "driest heaviest sharpest steepest".split()
)
#: the units of a span since a record ("in 25 years"; not "the largest loss in one day")
_RECORD_SPANS = frozenset("years decade decades century centuries months".split())
_SPAN_HEDGES = frozenset("more than over nearly almost about some just at least".split())


def _span_head(s: _Sent, i0: int) -> str:
    """A duration told by its verb or frame rather than a noun: a tenure ("served for 28
    years", "after 28 years on the job", "nine years in office"; not "served 10 years in
    prison") or the span since a thing last happened ("for the first time in 16 years").
    Both are one quantity of the event's subject, so they get one head each."""
    toks = s.toks
    n = len(toks)
    before = [toks[q].low if toks[q].kind == "word" else "" for q in range(max(0, i0 - 6), i0)]
    for q in range(len(before) - 1, 1, -1):
        if before[q - 2 : q + 1] == ["first", "time", "in"]:
            if all(w in _SPAN_HEDGES for w in before[q + 1 :]):
                return "interval"  # "in more than 20 years": hedged
            break
        if before[q] == "in" and all(w in _SPAN_HEDGES for w in before[q + 1 :]):
            # "the highest number of cases in 25 years", "the worst in 27 years": the span
            # since a record was last set
            span = [toks[k].low for k in range(i0, min(n, i0 + 3))]
            if _SUPERLATIVES & set(before[max(0, q - 4) : q]) and _RECORD_SPANS & set(span):
                return "interval"
            break
    unit = next(
        (q for q in range(i0, min(n, i0 + 4)) if toks[q].low.split("-")[-1] in _TIME_UNITS),
        None,
    )
    if unit is None:
        return ""
    after = [_word(toks, q) for q in range(unit + 1, min(n, unit + 5))]
    if any(t.low in _DETAINED or t.low.startswith(("jail", "imprison")) for t in toks):
        return ""  # time served of a sentence, not in a post
    if " ".join(after[:2]) in _IN_POST or " ".join(after[:3]) in _IN_POST:
        return "tenure"
    if "" in before:  # punctuation between the verb and the number: another clause
        before = before[len(before) - before[::-1].index("") :]
    return "tenure" if _SERVED & set(before) else ""
