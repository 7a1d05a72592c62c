"""Ordinals: a rank of something ("the third-deadliest school shooting", "fifth in line to
the throne", "the 19th anniversary", "for the second time"), read from a sentence, and
which two ordinals of an event are a disagreement.

An ordinal's key is what it ranks:

- a **superlative** and the noun after it ("second deadliest school shooting", "the
  third-largest candy company", "second most populous city"): ``deadliest school
  shooting``; a strong key, the same ranking in two articles;
- **in line** ("fifth in line to the throne"): ``in line throne``; strong;
- a **noun** ("their third child", "the 16th floor", "the sixth nuclear test") or
  **time** ("for the second time"): weak keys, one of a series as often as not (the
  sixth test beside the fifth), so two of them are one thing only when the sentences say
  the same in mostly the same words (:func:`newsbrief.compare.alignment._similar`).

An article that gives two different ordinals for one key ("the fifth test ... the sixth")
names a series, not one rank: that key is never compared. "first" is not read (the
first time, first responders, at first: nearly never a rank in dispute), nor an ordinal
in a name ("Second World War", "Fifth Avenue": capitalized inside a sentence), a
fraction ("a third of"), a unit of time ("a split second", "per second"), a compound
that is a class ("second-degree", "third-party"), a part of a game or a year ("the
second half", "first quarter") or a day counted from the news ("a third day").

A storm's **category** ("a Category 4 hurricane", "downgraded to a category 2 storm") is a
rank on a scale too (:func:`read_storm_categories`): key ``storm category``, a weak key (a
storm's category changes over its life, "had previously been a Category 5", and an event
names other storms, "two weeks after Category 5 Hurricane Irma"), read only in a sentence
about a storm, and not after "than" (a threshold: "hurricanes greater than a Category 1").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsbrief.compare.context import _content_stem
from newsbrief.compare.lexicon import _IRREGULAR_PAST, _ORDINAL_WORDS, _STOP
from newsbrief.compare.mentions import _Mention

#: "second" .. "ninetieth", "thirty-seventh"; or digits with a suffix ("16th", "32nd")
_ORDINAL_RE = re.compile(
    r"(?<![\w-])(?:(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-)?"
    r"(?P<word>" + "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True)) + r")(?![\w])"
    r"|(?<![\w.,-])(?P<digits>\d{1,4})(?:st|nd|rd|th)(?![\w])",
    re.I,
)
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
_TENS |= {"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
#: a word, with its hyphenated parts ("third-deadliest"), or one mark
_WORD = re.compile(
    r"\d+(?:st|nd|rd|th)?(?:-[A-Za-z]+)*|[A-Za-z](?:\.[A-Za-z])+\.?"
    r"|[A-Za-z]+(?:['’][A-Za-z]+)*(?:-[A-Za-z]+)*|\S"
)
#: words ending in -est that are no superlative
_NOT_SUPERLATIVE = frozenset(
    "interest forest west rest test request protest contest guest arrest honest modest suggest "
    "digest invest harvest manifest conquest quest nest chest crest pest vest zest priest unrest "
    "behest earnest everest inquest bequest southwest northwest midwest attest detest infest "
    "wrest lest".split()
)
#: nouns after an ordinal that count a part of a game, a year or the days of the news
#: ("the second half", "first quarter", "a third day"): no rank of the event's own
_PERIODS = frozenset(
    "half halves quarter period round leg set inning innings stage phase semester trimester "
    "day days night nights week weeks month months year years weekend hour hours minute "
    "minutes".split()
)
#: words before "second" that make it a unit of time ("a split second", "per second")
_SECOND_UNIT = frozenset("split per every each one a few last that this".split())


def _superlative(word: str) -> bool:
    return len(word) > 4 and word.endswith("est") and word not in _NOT_SUPERLATIVE


def _value(m: re.Match[str]) -> int:
    if m.group("digits"):
        return int(m.group("digits"))
    base = _ORDINAL_WORDS[m.group("word").lower()]
    return base + (_TENS.get((m.group("tens") or "").lower(), 0))


def _run(words: list[str], k: int, title_case: bool = False) -> tuple[list[str], int]:
    """The noun phrase from word k: lower-case content words up to a stop word, a mark, a
    verb or adverb by its form ("-ed", "-ly", "drove") or a name after a common word (at
    most four), and where it ends."""
    out: list[str] = []
    while k < len(words) and len(out) < 4:
        w = words[k]
        low = w.lower()
        if not w[0].isalpha() or low in _STOP or _ORDINAL_RE.fullmatch(w):
            break
        if low in _IRREGULAR_PAST or low in _NOT_NOUNS or low.endswith(("ed", "ly")):
            break
        if out and w[0].isupper() and not title_case and not words[k - 1][0].isupper():
            break  # "her 110th birthday Violet"
        out.append(low)
        k += 1
    return out, k


#: words after an ordinal that are no noun of it: a place in a photograph ("third left"),
#: verbs in the present, a street ("3rd St")
_NOT_NOUNS = frozenset("left right blew drove says say st street ave avenue rd road".split())


def _context(words: list[str], i0: int, i1: int, width: int = 10) -> frozenset[str]:
    """Stems of the content words among the ``width`` words on each side (as
    context._context does for the tokens of a number)."""
    around = [w for w in words[max(0, i0 - width) : i0] if w[0].isalpha()]
    around += [w for w in words[i1 : i1 + width] if w[0].isalpha()]
    return frozenset(s for s in (_content_stem(w.lower()) for w in around) if s)


def read_ordinals(
    text: str,
    article: int,
    sent: int,
    masks: Sequence[tuple[int, int]] = (),
    title_case: bool = False,
    digits: bool = True,
) -> list[_Mention]:
    """The ordinals a sentence states, as mentions of kind "ordinal" (``noun`` is the key
    phrase, ``measure`` the name shown, ``order`` 1 for a strong key, 0 for a weak one).
    ``masks`` are spans already read as something else (dates, clock times, links);
    ``digits`` False says the sentence has no digit (the scanner knows)."""
    if not _may_hold(text, digits):
        return []  # speed: most sentences hold none, and the pattern is slow to search
    found = [m for m in _ORDINAL_RE.finditer(text) if not any(a <= m.start() < b for a, b in masks)]
    if not found:
        return []
    spans = [(w.start(), w.end(), w.group()) for w in _WORD.finditer(text)]
    words = [w for _s, _e, w in spans]
    out: list[_Mention] = []
    for m in found:
        value = _value(m)
        if value < 2:
            continue
        k = next((q for q, (s, e, _w) in enumerate(spans) if s <= m.start() < e), None)
        if k is None:
            continue
        token = words[k]
        low = token.lower()
        if m.group("word") and token[0].isupper() and k > 0 and not title_case:
            continue  # a name: "the Second World War", "Fifth Avenue"
        prev = words[k - 1].lower() if k > 0 else ""
        if prev in ("and", "or", "&"):
            continue  # "the first and second floors": one of a list
        got = _rank(words, k, low[len(m.group()) :], prev, title_case)
        if got is None:
            continue
        phrase, measure, strong, end = got
        out.append(
            _Mention(
                article=article,
                sent=sent,
                sentence=text,
                written=m.group(),
                value=float(value),
                relation="=",
                kind="ordinal",
                category="ordinal",
                measure=measure,
                noun=phrase,
                key=("ordinal", phrase, ""),
                context=_context(words, k, end),
                order=1 if strong else 0,
                pos=m.start(),
            )
        )
    return out


#: "Category 4", "category-5": a storm's category on the 1-5 scales of hurricanes, typhoons
#: and cyclones
_CATEGORY_RE = re.compile(r"\b[Cc]ategory[ -]([1-5])\b(?![.,]\d)")
#: words that make a sentence about a storm
_STORM_RE = re.compile(r"\b(?:hurricane|storm|typhoon|cyclone|tropical)s?\b", re.I)


def storm_article(text: str) -> bool:
    """Whether an article's text is about a storm (:data:`_STORM_RE`): its sentences may
    name the storm's category with no storm word of their own ("to escape the Category 4
    Harvey", "from a Category 1 early in the morning to a Category 4 by evening")."""
    return "ategory" in text and _STORM_RE.search(text) is not None


def read_storm_categories(
    text: str, article: int, sent: int, storm: bool = False
) -> list[_Mention]:
    """A storm's category ("a Category 4 hurricane") as mentions of kind "ordinal" with the
    weak key ``storm category`` (see the module docstring), in a sentence about a storm, or
    in any sentence of an article about one (``storm``: :func:`storm_article`)."""
    if "ategory" not in text:
        return []  # speed: nearly every sentence
    found = list(_CATEGORY_RE.finditer(text))
    if not found or not storm and _STORM_RE.search(text) is None:
        return []
    spans = [(w.start(), w.end(), w.group()) for w in _WORD.finditer(text)]
    words = [w for _s, _e, w in spans]
    out: list[_Mention] = []
    for m in found:
        k = next((q for q, (s, e, _w) in enumerate(spans) if s <= m.start() < e), None)
        if k is None:
            continue
        before = [w.lower() for w in words[max(0, k - 2) : k]]
        if "than" in before:
            continue  # "greater than a Category 1": a threshold, not this storm's category
        end = k + (1 if "-" in m.group() else 2)
        out.append(
            _Mention(
                article=article,
                sent=sent,
                sentence=text,
                written=m.group(),
                value=float(m.group(1)),
                relation="=",
                kind="ordinal",
                category="ordinal",
                measure="storm category",
                noun="storm category",
                key=("ordinal", "storm category", ""),
                context=_context(words, k, end),
                order=0,
                pos=m.start(),
            )
        )
    return out


#: digits and an ordinal's suffix ("16th")
_DIGITS_SUFFIX = re.compile(r"[0-9](?:st|nd|rd|th)").search


def _may_hold(text: str, digits: bool = True) -> bool:
    """Whether a match of :data:`_ORDINAL_RE` may be in the text: a piece every ordinal
    word holds, or digits with a suffix (substring searches, not the pattern: speed)."""
    return may_hold_lower(text.lower(), digits)


def may_hold_lower(low: str, digits: bool = True) -> bool:
    """:func:`_may_hold` of a text already lower-cased."""
    return (
        "second" in low
        or "third" in low
        or "fourth" in low
        or "fifth" in low
        or "sixth" in low
        or "enth" in low  # seventh, tenth, eleventh, thirteenth...
        or "ghth" in low
        or "ninth" in low
        or "lfth" in low
        or "ieth" in low  # twentieth...
        or "dredth" in low
        or (digits and _DIGITS_SUFFIX(low) is not None)
    )


def _rank(
    words: list[str], k: int, glued: str, prev: str, title_case: bool
) -> tuple[str, str, bool, int] | None:
    """What the ordinal at word k ranks: (key phrase, measure, strong, end word), or None
    when it is no rank (see the module docstring). ``glued`` is what its word holds after
    it ("-deadliest" of "third-deadliest")."""
    nxt_words = words[k + 1 :]
    if glued:
        if not glued.startswith("-"):
            return None
        part = glued[1:].split("-")[0]
        if not _superlative(part) and part not in ("most", "least"):
            return None  # "second-degree", "third-party", "second-hand"
        sup, rest = part, glued[1 + len(part) :].lstrip("-")
        j = k + 1
        if sup in ("most", "least"):
            if rest:
                sup = f"{sup} {rest.split('-')[0]}"
            elif j < len(words) and words[j][0].isalpha():
                sup, j = f"{sup} {words[j].lower()}", j + 1
            else:
                return None
        run, end = _run(words, j, title_case)
        phrase = " ".join([sup, *run])
        return phrase, f"rank ({phrase})", bool(run), end
    first = nxt_words[0].lower() if nxt_words else ""
    if not first or not first[0].isalpha():
        return None
    if first == "of":
        return None  # "a third of the vote", "the fifth of November"
    unit = words[k].lower() == "second" and prev in _SECOND_UNIT
    if unit and (prev not in ("a", "one") or first not in ("time", "times")):
        return None  # "a split second", "per second", "a second later": a unit of time
    if _superlative(first) or first in ("most", "least"):
        j = k + 2
        sup = first
        if first in ("most", "least"):
            if j >= len(words) or not words[j][0].isalpha() or words[j].lower() in _STOP:
                return None
            sup, j = f"{first} {words[j].lower()}", j + 1
        run, end = _run(words, j, title_case)
        phrase = " ".join([sup, *run])
        return phrase, f"rank ({phrase})", bool(run), end
    if first == "in" and k + 2 < len(words) and words[k + 2].lower() == "line":
        j = k + 3
        obj = ""
        if (
            j + 2 < len(words)
            and words[j].lower() in ("to", "for")
            and words[j + 1].lower() == "the"
        ):
            obj = words[j + 2].lower()
            j += 3
        phrase = "in line" + (f" {obj}" if obj else "")
        return phrase, "place in line" + (f" to the {obj}" if obj else ""), True, j
    if first in ("time", "times"):
        return "time", "which time", False, k + 2
    run, end = _run(words, k + 1, title_case)
    if not run or run[-1] in _PERIODS or run[0] in _PERIODS:
        return None
    phrase = " ".join(run)
    return phrase, f"which {phrase}", False, end
