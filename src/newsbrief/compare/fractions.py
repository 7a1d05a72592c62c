"""Fractions written in words ("two-thirds of voters", "almost a third of Canada's
residents", "more than half of the homes"): shares, read as percentages of what they are
"of" ("voters share": 66.67 %). A fraction in words is a round figure, so a plain one is
approximate ("~": "two-thirds" agrees with 65 % and 70 %, not with 60 %); a hedge before
it gives its own direction ("almost a third": ~<).

Read only where a share is plain: the fraction, then "of" and what it is of; not "a
quarter of an hour", "a third of a mile" or "half of a million" (one thing: a length of
time, a distance, a number), not a time or a unit ("half of the year"), not a part of
something ordered ("the second half of the season", "the first quarter of 2019")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsbrief.compare.context import _context, _hedge, _word
from newsbrief.compare.lexicon import _MEASURES, _TIME_UNITS
from newsbrief.compare.mentions import _key, _Mention, _Sent
from newsbrief.compare.numbers import _tokenize
from newsbrief.compare.phrases import _share_noun

_NUMERATORS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_NUMERATORS |= {"six": 6, "seven": 7, "eight": 8, "nine": 9}
_DENOMINATORS = {"third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7}
_DENOMINATORS |= {"eighth": 8, "ninth": 9, "tenth": 10}

#: "two-thirds of", "a quarter of", "three quarters of", "half of"
_FRACTION_RE = re.compile(
    r"(?<![\w-])(?:(?P<num>"
    + "|".join(_NUMERATORS)
    + r")[ -](?P<den>"
    + "|".join(_DENOMINATORS)
    + r")s?|(?P<half>half))\s+of\s+(?P<after>[\w']+)",
    re.I,
)
#: what every match holds, lowercased: "half of", "third of", "thirds of"... (speed: most
#: sentences have none, and plain substring tests are ten times faster than a search)
_MAY_HOLD = ("half of", *(f"{d}{s} of" for d in _DENOMINATORS for s in ("", "s")))


def _may_hold_quick(low: str) -> bool:
    """A few substring tests, each of a piece of some word of :data:`_MAY_HOLD` ("fth" of
    "fifth", "enth" of "seventh" and "tenth"...): true wherever one of those is written, so
    the tests of all of them run only where this holds (speed: 8 of the 1,195 sentences of
    bench/speed_core.py pass it)."""
    return (
        "half of" in low
        or "third" in low
        or "quarter" in low
        or "fth" in low
        or "xth" in low
        or "enth" in low
        or "inth" in low
        or "hth" in low
    )


#: words before "half" that make it a part of something ordered, not a share
_ORDERED = frozenset(
    "the a first second third fourth last final latter former other back front top bottom "
    "upper lower northern southern eastern western".split()
)
#: words after "of" that make the fraction a share of one thing (a length of time, a
#: distance, a number), not a share of a group
_ONE_THING = frozenset("a an one".split())


def read_fractions(
    text: str, article: int, sent: int, masks: Sequence[tuple[int, int]] = ()
) -> list[_Mention]:
    """The shares written as fractions in words in one sentence, as mentions of kind
    "percent" (unit "%", measure "<noun> share" as for "80% of riders")."""
    low = text.lower()
    if not (_may_hold_quick(low) and any(w in low for w in _MAY_HOLD)):
        return []
    found = [
        m for m in _FRACTION_RE.finditer(text) if not any(a <= m.start() < b for a, b in masks)
    ]
    if not found:
        return []
    toks = _tokenize(text, list(masks), [])
    s = _Sent(text, toks, False, [], False)
    out: list[_Mention] = []
    for m in found:
        after = m.group("after").lower()
        if after in _ONE_THING or after in _TIME_UNITS or after in _MEASURES:
            continue
        i0 = next((q for q, t in enumerate(toks) if t.start >= m.start()), len(toks))
        of = next((q for q in range(i0, min(len(toks), i0 + 5)) if toks[q].low == "of"), None)
        if of is None:
            continue
        if m.group("half"):
            if i0 > 0 and toks[i0 - 1].low in _ORDERED:
                continue  # "the second half of the season"
            value = 50.0
        else:
            value = (
                100.0 * _NUMERATORS[m.group("num").lower()] / _DENOMINATORS[m.group("den").lower()]
            )
        words = _share_noun(s, of)
        head = words[-1] if words else _word(toks, of + 2)  # "half of the year"
        if head in _TIME_UNITS or head in _MEASURES:
            continue
        rel, hstart = _hedge(toks, i0)
        start = toks[hstart].start
        end = toks[of - 1].end
        mention = _Mention(
            article=article,
            sent=sent,
            sentence=text,
            written=text[start:end].strip(),
            value=round(value, 2),
            relation="~" if rel == "=" else rel,
            kind="percent",
            category="percent",
            unit="%",
            measure=f"{words[-1]} share" if words else "percentage",
            noun=" ".join(words),
            context=_context(toks, i0, of),
            pos=start,
        )
        mention.key = _key(mention)
        out.append(mention)
    return out
