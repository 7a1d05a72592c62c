"""Numbers as news writes them: tokens, digits and number words, intervals of hedged values."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from newsbrief.compare.lexicon import (
    _ABBREV,
    _ISO,
    _LONG_RE,
    _MEASURES,
    _NUMBER_WORDS,
    _SCALES,
    _TENS,
    _TIME_UNITS,
    _TOKEN_RE,
    _TOKEN_RE_LATIN,
    _UNITS,
    MAX_VALUE,
)


def _word_value(words: Sequence[str]) -> tuple[float, int] | None:
    """Value of the longest number-word phrase at the start of ``words``, and its length.

    Handles "nine hundred and fifty-five", "a dozen", "two million", "half a million";
    "two three" stops after "two".
    """
    total = current = 0.0
    used = 0
    last = ""  # unit, tens, hundred, scale
    n = len(words)
    i = 0
    while i < n:
        w = words[i]
        if w in ("a", "an") and not used:
            if i + 1 < n and (words[i + 1] in ("hundred", "dozen") or words[i + 1] in _SCALES):
                current, last, i, used = 1, "unit", i + 1, i + 1
                continue
            break
        if w == "half" and not used and i + 2 < n and words[i + 1] in ("a", "an"):
            if words[i + 2] in _SCALES:
                return 0.5 * _SCALES[words[i + 2]], i + 3
            if words[i + 2] == "dozen":
                return 6.0, i + 3  # "half a dozen"
            break
        if w in _UNITS:
            if last == "unit" or (last == "tens" and _UNITS[w] >= 10):
                break
            current += _UNITS[w]
            last = "unit"
        elif w in _TENS:
            if last in ("unit", "tens"):
                break
            current += _TENS[w]
            last = "tens"
        elif w == "hundred":
            if last == "hundred":
                break
            current = (current or 1) * 100
            last = "hundred"
        elif w == "dozen":
            current = (current or 1) * 12
            last = "scale"
        elif w in _SCALES:
            if not used:
                break
            total += (current or 1) * _SCALES[w]
            current = 0
            last = "scale"
        elif w == "and" and used and last in ("hundred", "scale") and i + 1 < n:
            if words[i + 1] in _UNITS or words[i + 1] in _TENS:
                i += 1
                continue
            break
        else:
            break
        i += 1
        used = i
    if not used:
        return None
    return total + current, used


def _digits_value(raw: str) -> float | None:
    """Value of a digit string with thousands separators ("34,000", "1 000", "1.5")."""
    s = raw.replace("\u00a0", " ").replace("\u202f", " ")
    if " " in s:
        parts = s.split(" ")
        if not (1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])):
            return None
        s = "".join(parts)
    if "," in s:
        head, _, tail = s.partition(".")
        groups = head.split(",")
        if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
            return None
        s = "".join(groups) + ("." + tail if tail else "")
    if s.count(".") > 1 or len(s.split(".")[0].lstrip("0")) > 16:
        return None
    try:
        v = float(s)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


class _DigitMap(dict[int, "int | str"]):
    """str.translate table mapping every Unicode decimal digit to its ASCII digit."""

    def __missing__(self, code: int) -> int | str:
        d = unicodedata.decimal(chr(code), None)
        r: int | str = str(d) if d is not None and code > 127 else code
        self[code] = r
        return r


_DIGITS = _DigitMap()


def _ascii_digits(text: str) -> str:
    """Text with digits of other scripts (Arabic-Indic, Devanagari...) made ASCII."""
    if text.isascii() or _OTHER_DIGIT(text) is None:
        return text  # (speed: most text beyond ASCII has quotes and dashes, not digits)
    return text.translate(_DIGITS)


#: a decimal digit of another script: ``\d`` matches exactly the characters that
#: ``unicodedata.decimal`` gives a value (both read the Unicode decimal property); one
#: class, "not a non-digit, nor 0-9" (speed: no look-ahead at each character)
_OTHER_DIGIT = re.compile(r"[^\D0-9]").search


def parse_number(text: str) -> float | None:
    """Parse a number written in digits and/or English words.

    "34,000", "34 thousand", "1.5 million", "7.5bn", "a dozen", "twenty-four", "Nine
    hundred and fifty-five" and "٣٤٠٠٠" (digits of any script) all parse; anything that
    is not a number as a whole, or is above :data:`MAX_VALUE`, gives None.
    """
    t = re.sub(r"\s+", " ", _ascii_digits(text).strip().lower().replace("-", " "))
    m = re.fullmatch(r"(\d{1,3}(?: \d{3})+|\d[\d,]*(?:\.\d+)?)\s*([a-z]+(?: [a-z]+)*)?", t)
    if m:
        value = _digits_value(m.group(1))
        if value is None:
            return None
        words = (m.group(2) or "").split()
        for w in words:
            if w in _SCALES:
                value *= _SCALES[w]
            elif w == "hundred":
                value *= 100
            elif w in _ABBREV and len(words) == 1:
                value *= _ABBREV[w]
            else:
                return None
        return value if value <= MAX_VALUE else None
    words = t.split()
    got = _word_value(words) if words else None
    if got is None or got[1] != len(words):
        return None
    return got[0] if got[0] <= MAX_VALUE else None


# ---------------------------------------------------------------------------------------


# Tokens and numbers
# ---------------------------------------------------------------------------------------


class _Tok:
    """One token of a sentence (a plain class with slots: sentences make many of them)."""

    __slots__ = ("kind", "text", "start", "end", "space", "low", "value", "cap", "w")

    def __init__(
        self,
        kind: str,  # num, word, sym, punct, mask
        text: str,
        start: int,
        end: int,
        space: bool,  # white space before it
        low: str = "",
        value: float | None = None,  # digits, and number words such as "twenty-four"
        cap: bool = False,  # a capitalized word
        w: str = "",  # the lower-case word ("" for every other kind: speed of _word)
    ) -> None:
        # a word's cap and w are given where words are made (_tokenize, _word_tok; speed:
        # no test of the kind here)
        self.kind = kind
        self.text = text
        self.start = start
        self.end = end
        self.space = space
        self.low = low
        self.value = value
        self.cap = cap
        self.w = w

    def __repr__(self) -> str:
        return f"_Tok({self.kind!r}, {self.text!r})"


#: the capital letters a capitalized word opens with (``cap``)
_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
#: a token and the white space before it: findall gives (space, word, num, sym, punct)
_SPACED_TOKEN = re.compile(r"(\s*)(?:" + _TOKEN_RE.pattern + ")")
_SPACED_TOKEN_LATIN = re.compile(r"(\s*)(?:" + _TOKEN_RE_LATIN.pattern + ")")


def _tokenize(
    text: str, masks: list[tuple[int, int]], takes: list[int] | None = None
) -> list[_Tok]:
    """Tokens of a sentence; each masked span (a link, a clock time...) is one token.

    ``takes``, when given, gets the indices of the tokens :func:`_numbers` may start a number
    at (see :func:`_takes`), so it need not look at every token again."""
    if takes is None:
        takes = []
    take = takes.append
    starts = _NUMBER_STARTS
    upper = _UPPER
    toks: list[_Tok] = []
    append = toks.append
    pos = 0
    spans = _merge(masks) if masks else []
    spans.append((len(text), len(text)))
    findall = (_SPACED_TOKEN if text.isascii() else _SPACED_TOKEN_LATIN).findall
    for ms, me in spans:
        end = pos
        # every character but white space is in a token, so each starts after the space
        # before it and the next begins where it ends (so a token has white space before it
        # exactly where ``space`` is not empty)
        for space, word, num, sym, punct in findall(text, pos, ms):
            start = end + len(space)
            if word:
                end = start + len(word)
                low = word.lower()
                tok = _Tok(
                    "word",
                    word,
                    start,
                    end,
                    space != "",
                    low,
                    None,
                    word[0] in upper or (word[0] > "\x7f" and word[0].isupper()),
                    low,
                )
                if "-" in word:
                    for part in _split_hyphenated(tok):
                        if part.value is not None or part.low in starts or part.low[-5:] == "-long":
                            take(len(toks))
                        append(part)
                else:
                    if low in starts:
                        take(len(toks))
                    append(tok)
            elif num:
                end = start + len(num)
                take(len(toks))
                append(_Tok("num", num, start, end, space != "", num, _digits_value(num)))
            else:
                t = sym or punct
                end = start + 1
                append(_Tok("sym" if sym else "punct", t, start, end, space != "", t.lower()))
        if me > ms:
            # (``end``: where the last token or mask before ends)
            toks.append(_Tok("mask", text[ms:me], ms, me, ms > end))
        pos = max(pos, me)
    return toks


def _word_tok(text: str, start: int, end: int, space: bool, low: str, value: float | None) -> _Tok:
    """A word token (capitalized: its first letter, A-Z, is upper case)."""
    c = text[:1]
    cap = "A" <= c <= "Z" or (c > "\x7f" and c.isupper())
    return _Tok("word", text, start, end, space, low, value, cap, low)


def _split_hyphenated(tok: _Tok) -> list[_Tok]:
    """'twenty-four' -> one number word; 'six-year-old' -> 'six' '-' 'year-old'."""
    parts = tok.text.split("-")
    k = 0
    while k < len(parts) and parts[k].lower() in _NUMBER_WORDS:
        k += 1
    got = _word_value([p.lower() for p in parts[:k]]) if k else None
    if got is None or got[1] != k:
        return [tok]
    if [p.lower() for p in parts[k : k + 3]] == ["and", "a", "half"]:
        got, k = (got[0] + 0.5, k), k + 3  # "three-and-a-half days"
    head = "-".join(parts[:k])
    first = _word_tok(head, tok.start, tok.start + len(head), tok.space, head.lower(), got[0])
    if k == len(parts):
        return [first]
    s = first.end
    rest = "-".join(parts[k:])
    return [
        first,
        _Tok("punct", "-", s, s + 1, False, "-"),
        _word_tok(rest, s + 1, tok.end, False, rest.lower(), None),
    ]


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


@dataclass
class _Num:
    i0: int  # first token of the number
    i1: int  # one past its last token (scale words included)
    value: float
    words: bool  # written in words
    weak: bool = False  # "a", "an", "one": a number only before a unit of time
    abbrev: str = ""  # "m", "bn"... written right after the digits
    sig: int = 0  # significant digits as written
    #: a vague amount ("several hundred", "dozens"): the low end of what it allows; value
    #: is then the high end (see _VAGUE_DETS, _VAGUE_PLURALS)
    low: float | None = None
    about: bool = False  # "a dozen", "half a dozen": a round word amount, read as about
    toll: bool = False  # "one person": a number only as a count of people killed, hurt...


def _takes(toks: list[_Tok]) -> list[int]:
    """The tokens a branch of :func:`_numbers` can take (not a plain word, nor a mark none
    takes): a number word, digits, "a", "an", "half", a word ending in "-long"."""
    return [
        k
        for k, t in enumerate(toks)
        if t.value is not None
        or t.kind == "num"
        or t.low in _NUMBER_STARTS
        or t.low[-5:] == "-long"
    ]


def _numbers(toks: list[_Tok], takes: list[int] | None = None) -> list[_Num]:
    """The numbers of a sentence: digits, number words, digits with scale words.

    ``takes``: :func:`_takes` of the tokens, where already known (the tokenizer lists them)."""
    out: list[_Num] = []
    n = len(toks)
    # the loop goes from one token a branch below can take to the next (speed: not a step
    # per token)
    if takes is None:
        takes = _takes(toks)
    c = 0
    i = 0
    while True:
        while c < len(takes) and takes[c] < i:
            c += 1
        if c == len(takes):
            break
        i = takes[c]
        t = toks[i]
        nw = toks[i + 1].w if i + 1 < n else ""
        if t.kind == "num" and t.value is not None:
            value = t.value
            j = i + 1
            abbrev = ""
            digits = t.text.replace(",", "").replace(" ", "").replace("\u00a0", "")
            sig = len(digits.replace(".", "").strip("0")) or 1
            if nw in _ABBREV and (not toks[j].space or nw in _SPACED_ABBREV):
                abbrev = nw  # "7.5bn", "$630 bn"
                j += 1
            elif (
                j + 1 < n
                and toks[j].text == "-"
                and not toks[j].space
                and not toks[j + 1].space
                and toks[j + 1].kind == "word"
                and toks[j + 1].low in _SCALES
            ):
                value *= _SCALES[toks[j + 1].low]  # "$1.2-billion"
                j += 2
            elif _season(toks, i):
                i += 3  # "2012-13", "2015-2016": a span of years, not two numbers
                continue
            else:
                while (
                    j < n
                    and toks[j].kind == "word"
                    and (toks[j].low in _SCALES or toks[j].low == "hundred")
                ):
                    value *= _SCALES.get(toks[j].low, 100.0)
                    j += 1
            out.append(_Num(i, j, value, False, False, abbrev, sig))
            i = j
            continue
        if t.kind != "word":
            i += 1
            continue
        if t.low in _VAGUE_PLURALS:
            vague = _vague_plural(toks, i)
            if vague is not None:
                out.append(vague)  # "hundreds of", "tens of thousands of"
                i = vague.i1
            else:
                i += 1
            continue
        if (
            t.low in ("a", "an")
            and not nw.endswith("-long")
            and (nw.split("-")[0] in _TIME_UNITS or nw in _UNIT_WORDS)
        ):
            # "about a minute", "a week-long", "about a mile" (classify keeps a unit of
            # measure only hedged: "a mile away" is no figure)
            out.append(_Num(i, i + 1, 1.0, True, True))
            i += 1
            continue
        if t.low == "half" and nw in ("a", "an") and i + 2 < n and toks[i + 2].low in _TIME_UNITS:
            out.append(_Num(i, i + 2, 0.5, True))  # "half an hour"
            i += 2
            continue
        if t.low.endswith("-long") and _LONG_RE.fullmatch(t.low):
            out.append(_Num(i, i, 1.0, True))  # "decade-long conflict": one decade
            i += 1
            continue
        if t.value is not None and t.value != int(t.value):
            out.append(_Num(i, i + 1, t.value, True))  # "three-and-a-half"
            i += 1
            continue
        if t.low in ("a", "an") and (
            i + 1 >= n
            or toks[i + 1].kind != "word"
            or toks[i + 1].value is not None
            or (nw not in ("hundred", "dozen") and nw not in _SCALES)
        ):
            # "a" or "an" reads as a number only before "hundred", "dozen" or a scale word
            # (what _word_value takes of it; speed: most are articles)
            i += 1
            continue
        if t.value is not None or t.low in _NUMBER_WORDS or t.low in ("a", "an", "half"):
            flat: list[str] = []
            owner: list[int] = []
            j = i
            while j < n and toks[j].kind == "word" and j - i < 12:
                spelled = _spell(toks[j].value) if toks[j].value is not None else toks[j].low
                for part in spelled.split():
                    flat.append(part)
                    owner.append(j)
                j += 1
            got = _word_value(flat)
            det = _vague_det(toks, i) if flat[0] in _VAGUE_HEADS else None
            unit = _word_value(["a", *flat]) if det is not None else None
            if det is not None and unit is not None:
                # "several hundred", "a few thousand": a vague amount, an interval of
                # multiples of the unit ("a thousand" as many as "thousand" makes)
                end = owner[unit[1] - 2] + 1
                lo, hi = _VAGUE_DETS[toks[det[1]].low]
                out.append(_Num(det[0], end, hi * unit[0], True, low=lo * unit[0]))
                i = end
                continue
            if got is not None and flat[0] in _VAGUE_HEADS:
                if _word_before(toks, i) in _VAGUE:
                    i = owner[got[1] - 1] + 1  # "hundreds thousand": no figure
                    continue
            if got is not None and not (t.low in ("a", "an") and got[1] == 1):
                end = owner[got[1] - 1] + 1
                weak = flat[0] == "one" and got[1] == 1
                toll = weak and end < n and toks[end].w in _ONE_HEADS
                weak = weak and not toll
                about = flat[: got[1]] in (["a", "dozen"], ["an", "dozen"], ["half", "a", "dozen"])
                out.append(_Num(i, end, got[0], True, weak, about=about, toll=toll))
                i = end
                continue
        i += 1
    return out


#: units of measure written as words of four letters or more ("mile", "metre", "acre";
#: not "m", "ft", "ton"): "a" before one is the number one
_UNIT_WORDS = frozenset(w for w in _MEASURES if w.isalpha() and len(w) >= 4)

#: singular nouns of a person after "one" that make it a number when it counts a toll ("one
#: person was killed"; not "one man said", nor "one count of fraud" beside "three counts")
_ONE_HEADS = frozenset(
    "person man woman child boy girl soldier officer policeman civilian passenger worker "
    "miner student victim resident firefighter pilgrim tourist".split()
)

#: plural words that state a vague amount, and the unit each is the plural of
_VAGUE_PLURALS = {"dozens": 12.0, "scores": 20.0, "hundreds": 100.0, "thousands": 1e3}
_VAGUE_PLURALS |= {"millions": 1e6, "billions": 1e9, "trillions": 1e12, "tens": 10.0}
#: what a plural allows, as multiples of its unit U: [U, 20 U]. At least one U ("hundreds"
#: is loosely written for 150), under twenty (from there the next order is named: "tens
#: of thousands", "thousands", "hundreds" for twenty dozen)
_PLURAL_SPAN = (1.0, 20.0)
#: words before a singular unit that make a vague amount, and what each allows as
#: multiples of the unit: "several", "a few" more than one and under ten ("several hundred"
#: is 200 to 1,000); "a couple of" about two (one to four); "many" as a plural
_VAGUE_DETS = {"several": (2.0, 10.0), "few": (2.0, 10.0), "couple": (1.0, 4.0)}
_VAGUE_DETS["many"] = _PLURAL_SPAN
#: words before "scores" that make it a noun ("test scores", "their scores")
_NOT_SCORES = frozenset(
    "the their his her its our your my these those whose test exam high higher low lower "
    "top average credit final poll approval".split()
)

#: words a number written in words can start with
_NUMBER_STARTS = _NUMBER_WORDS | {"a", "an", "half"} | frozenset(_VAGUE_PLURALS)


def _vague_det(toks: list[_Tok], i: int) -> tuple[int, int] | None:
    """The first token and the vague word of "several hundred", "a few thousand", "a
    couple of hundred" ending at the unit at token i; None when no vague word is there."""
    b = i - 1
    if b >= 1 and toks[b].w == "of" and toks[b - 1].w == "couple":
        b -= 1
    if b < 0 or toks[b].w not in _VAGUE_DETS:
        return None
    start = b - 1 if b >= 1 and toks[b].w in ("few", "couple") and toks[b - 1].w == "a" else b
    return start, b


def _vague_plural(toks: list[_Tok], i: int) -> _Num | None:
    """ "hundreds of", "dozens", "tens of thousands of", "hundreds of millions of": a vague
    amount from token i, with the "of" after it (so what follows is what is counted)."""
    n = len(toks)
    w = toks[i].w
    unit = _VAGUE_PLURALS[w]
    first = _plural_amount(toks, i)
    wider = _if_not(toks, i, *first) if first is not None else None
    if wider is not None:
        return wider
    j = i + 1
    nxt = toks[j].w if j < n else ""
    after = toks[j + 1].w if j + 1 < n else ""
    scale = 1.0
    if (
        nxt == "of"
        and w not in ("dozens", "scores")
        and (after in ("thousands", "millions", "billions", "trillions") or after in _SCALES)
    ):
        scale = _VAGUE_PLURALS.get(after) or _SCALES[after]  # "tens of thousands"
        j += 2
        nxt = toks[j].w if j < n else ""
    elif w == "tens":
        return None  # "tens" alone is no amount
    if w == "scores" and (nxt != "of" or (i > 0 and toks[i - 1].w in _NOT_SCORES)):
        return None  # "test scores", "scores of 95"
    if i > 0 and toks[i - 1].kind == "num":
        return None
    start = i - 1 if i > 0 and toks[i - 1].w in ("many", "several") else i
    if nxt == "of" and j + 1 < n and toks[j + 1].kind == "word":
        j += 1  # "hundreds of people": the noun after "of" is what is counted
    lo, hi = _PLURAL_SPAN
    return _Num(start, j, hi * unit * scale, True, low=lo * unit * scale)


def _plural_amount(toks: list[_Tok], i: int) -> tuple[float, int] | None:
    """The unit of the vague plural at token i and the token after it: "hundreds" (100),
    "tens of thousands" (10,000), "hundreds of millions" (10^8); None for "tens" alone."""
    n = len(toks)
    w = toks[i].w
    unit = _VAGUE_PLURALS.get(w)
    if unit is None:
        return None
    after = toks[i + 2].w if i + 2 < n else ""
    if i + 2 < n and toks[i + 1].w == "of" and w not in ("dozens", "scores"):
        if after in ("thousands", "millions", "billions", "trillions") or after in _SCALES:
            return unit * (_VAGUE_PLURALS.get(after) or _SCALES[after]), i + 3
    return None if w == "tens" else (unit, i + 1)


def _if_not(toks: list[_Tok], i: int, unit: float, j: int) -> _Num | None:
    """ "hundreds, if not thousands, of people", "dozens if not hundreds of", "tens of
    thousands, if not hundreds of thousands, of people": a vague amount from the lower
    plural (at token i, of ``unit``, ending before token j) to the higher one (the lower is
    what is said, the higher what it may be)."""
    n = len(toks)
    j += j < n and toks[j].text == ","
    if not (j + 2 < n and toks[j].w == "if" and toks[j + 1].w == "not"):
        return None
    higher = _plural_amount(toks, j + 2)
    if higher is None or higher[0] <= unit:
        return None
    top, j = higher
    j += j < n and toks[j].text == ","
    if j >= n or toks[j].w != "of":
        return None
    lo, hi = _PLURAL_SPAN
    return _Num(i, j + 1, hi * top, True, low=lo * unit)  # past "of": the counted noun next


#: scale abbreviations that read as one even after a space ("$630 bn"); "m", "b", "k" not
_SPACED_ABBREV = frozenset(["bn", "tn", "trn", "mn", "mln"])

#: words that make "hundred", "thousand"... after them a vague amount ("several hundred")
_VAGUE = frozenset("several few many couple dozens hundreds thousands".split())
_VAGUE_HEADS = frozenset(["hundred", "dozen", *_SCALES])


def _word_before(toks: list[_Tok], i: int) -> str:
    return toks[i - 1].w if i > 0 else ""


_YEAR_DIGITS = re.compile(r"(?:19|20)\d\d").fullmatch
_YEAR_END = re.compile(r"\d\d|(?:19|20)\d\d").fullmatch


def _season(toks: list[_Tok], i: int) -> bool:
    """'2012-13', '2015-2016': a year, a glued dash and the next year (a season)."""
    if i + 2 >= len(toks) or toks[i + 1].text != "-" or toks[i + 1].space or toks[i + 2].space:
        return False
    a, b = toks[i].text, toks[i + 2].text
    if not (_YEAR_DIGITS(a) and _YEAR_END(b)):
        return False
    nxt = int(b) if len(b) == 4 else int(a[:2] + b)
    return nxt == int(a) + 1


def _spell(v: float) -> str:
    """A hyphenated number word's value spelled back for the word parser."""
    v = int(v)
    names = {x: w for w, x in _UNITS.items()} | {x: w for w, x in _TENS.items()}
    if v in names:
        return names[v]
    return f"{names[v // 10 * 10]} {names[v % 10]}" if v < 100 else str(v)


# ---------------------------------------------------------------------------------------


def _fmt(v: float) -> str:
    """Plain decimal form: integers without a point, others with up to 6 decimals."""
    if v == int(v) and abs(v) < 1e17:
        return str(int(v))
    return f"{v:.6f}".rstrip("0").rstrip(".")


def _iso_duration(value: float, unit: str) -> str:
    """ISO 8601 duration ("P5Y", "PT30M") of value in unit (decades and centuries in years)."""
    if unit in ("decade", "century"):
        value, unit = value * (10 if unit == "decade" else 100), "year"
    smaller = {"year": ("month", 12), "month": ("day", 30), "week": ("day", 7)}
    smaller |= {"day": ("hour", 24), "hour": ("minute", 60), "minute": ("second", 60)}
    while value != int(value) and unit in smaller:
        unit, k = smaller[unit]
        value *= k
    text = _fmt(round(value, 3)) + _ISO.get(unit, "")
    return f"PT{text}" if unit in ("hour", "minute", "second") else f"P{text}"


# Compatibility of hedged values
# ---------------------------------------------------------------------------------------


def _interval(value: float, relation: str, sig: int = 0) -> tuple[float, bool, float, bool]:
    """(low, low_open, high, high_open): the values a hedged figure allows."""
    w = 0.05 * abs(value)
    if value == int(value) and abs(value) < 20:
        # "nearly six years": more than five; but never half the figure or more ("nearly
        # a week" is not three days)
        w = max(w, min(1.0, abs(value) / 2))
    if relation == "=":
        e = 0.005 * abs(value) if sig >= 3 else 0.0
        return value - e, False, value + e, False
    if relation == "~<":
        return value - w, True, value, False
    if relation == "~>":
        return value, False, value + w, True
    if relation == ">=":
        return value, False, math.inf, False
    if relation == ">":
        return value, True, math.inf, False
    if relation == "<=":
        return -math.inf, False, value, False
    if relation == "<":
        return -math.inf, False, value, True
    return value - w, False, value + w, False  # "~"


def compatible(a: tuple[float, str], b: tuple[float, str], sig_a: int = 0, sig_b: int = 0) -> bool:
    """Whether two hedged values ``(value, relation)`` can both be true.

    ``sig_a`` and ``sig_b`` are the significant digits as written: plain figures with
    three or more may be roundings of each other (0.5%).

    >>> compatible((34000, ">="), (35000, "="))
    True
    >>> compatible((6, "~<"), (5, "="))
    False
    """
    return _overlap(_interval(a[0], a[1], sig_a), _interval(b[0], b[1], sig_b))


def _overlap(i1: tuple[float, bool, float, bool], i2: tuple[float, bool, float, bool]) -> bool:
    lo1, lo1_open, hi1, hi1_open = i1
    lo2, lo2_open, hi2, hi2_open = i2
    lo, hi = max(lo1, lo2), min(hi1, hi2)
    lo_open = (lo1 == lo and lo1_open) or (lo2 == lo and lo2_open)
    hi_open = (hi1 == hi and hi1_open) or (hi2 == hi and hi2_open)
    return lo < hi or (lo == hi and not lo_open and not hi_open)


def _step(v: float) -> float:
    """Place value of the last significant digit as written: 4 -> 1, 2500 -> 100, 5.9 -> 0.1."""
    if v == int(v):
        n, step = int(abs(v)), 1.0
        while n and n % 10 == 0:
            n //= 10
            step *= 10
        return step
    return 10.0 ** -len(_fmt(v).split(".")[1])
