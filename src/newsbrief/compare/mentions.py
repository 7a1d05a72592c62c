"""Mentions: one value stated in one sentence, found by scanning an article (what is
counted, its qualifiers, its hedge, whether it is a part, an earlier figure or background)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from newsbrief.compare.lexicon import (
    _ABBREV,
    _ABBREVIATIONS,
    _AFTER_CAT,
    _AGE_HOLDERS,
    _BEFORE_CAT,
    _CAT_NOUNS,
    _CURRENCY_CODES,
    _CURRENCY_SYMBOLS,
    _CURRENCY_WORDS,
    _DATE_RES,
    _DEMONYM_ENDS,
    _DIM_WORDS,
    _DIRECTIONS,
    _DOLLAR_PREFIX,
    _DOLLARS,
    _GROUP_WORDS,
    _HAS_DIGIT,
    _HEDGE_SKIP,
    _HEDGES_BY_LAST,
    _ID_NOUNS,
    _IRREGULAR_PAST,
    _KNOWN_ORGS,
    _MASK_RES,
    _MEASURES,
    _MODIFIERS,
    _MONEY_WORDS,
    _MONTHS,
    _NAME_LINKS,
    _NOT_ACRONYMS,
    _NOT_NAMES,
    _NUMBER_WORDS,
    _ORG_SUFFIX,
    _PEOPLE_NOUNS,
    _PERSON_HEADS,
    _PLACE_ACRONYMS,
    _PLACE_SUFFIX,
    _PLURAL_LIKE,
    _SCALES,
    _SECONDS,
    _SPEECH,
    _STOP,
    _SUBJECT_OF,
    _TIME_UNITS,
    _TITLE_WORDS,
    _TRAVEL,
    _UNIT_INFO,
    _WEEKDAYS,
    MAX_VALUE,
    PEOPLE_CATEGORIES,
    _table,
)
from newsbrief.compare.numbers import (
    _ascii_digits,
    _fmt,
    _iso_duration,
    _Num,
    _numbers,
    _Tok,
    _tokenize,
)
from newsbrief.model import Article
from newsbrief.text import STOPWORDS, split_sentences, stem, zipf

# Mentions: one value stated in one sentence
# ---------------------------------------------------------------------------------------


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

    @property
    def normalized(self) -> str:
        return _iso_duration(self.value, self.unit) if self.kind == "duration" else _fmt(self.value)

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


def _title_case(toks: list[_Tok]) -> bool:
    words = [t for t in toks if t.kind == "word" and len(t.text) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) >= 0.75 * len(words)


def _word(toks: list[_Tok], k: int) -> str:
    return toks[k].low if 0 <= k < len(toks) and toks[k].kind == "word" else ""


def _hedge(toks: list[_Tok], i0: int) -> tuple[str, int]:
    """The hedge written before token i0 and where it starts.

    Stacked hedges are combined: all alike keep their direction, mixed ones ("nearly
    about more than 5") become "~"; a repeated word ("at at least") is ignored.
    """
    found: list[str] = []
    k = start = i0
    while True:
        j = k
        while j > 0 and _word(toks, j - 1) in _HEDGE_SKIP:
            if _word(toks, j - 1) == "a" and _word(toks, j) != "further":
                break
            j -= 1
        hit = None
        for phrase, rel in _HEDGES_BY_LAST.get(_word(toks, j - 1), ()):
            size = len(phrase)
            if j >= size and all(_word(toks, j - size + q) == phrase[q] for q in range(size)):
                hit = (size, rel)
                break
        if hit is None:
            break
        found.append(hit[1])
        k = start = j - hit[0]
    if not found:
        return "=", i0
    return (found[0] if len(set(found)) == 1 else "~"), start


def _post_hedge(toks: list[_Tok], k: int) -> tuple[str, int]:
    """Hedges written after a number: 'or more', 'or so', '-plus', '+', '-odd'."""
    w1, w2 = _word(toks, k), _word(toks, k + 1)
    if w1 == "or" and w2 in ("more", "over", "above"):
        return ">=", k + 2
    if w1 == "or" and w2 == "so":
        return "~", k + 2
    if k < len(toks) and toks[k].text == "+" and not toks[k].space:
        return ">=", k + 1
    if k < len(toks) and toks[k].text == "-" and not toks[k].space:
        if w2 == "plus":
            return ">=", k + 2
        if w2 == "odd":
            return "~>", k + 2
    return "", k


def _currency_before(toks: list[_Tok], i0: int) -> tuple[str, int]:
    """The currency written before an amount ("US$", "£", "A$", "EUR") and its token."""
    k = i0 - 1
    if k < 0:
        return "", i0
    t = toks[k]
    if t.kind == "sym" and t.text in _CURRENCY_SYMBOLS:
        cur = _CURRENCY_SYMBOLS[t.text]
        if cur == "$" and k > 0 and toks[k - 1].kind == "word" and not t.space:
            if toks[k - 1].low in _DOLLAR_PREFIX:
                return _DOLLAR_PREFIX[toks[k - 1].low], k - 1
        return cur, k
    if t.kind == "word" and t.text in _CURRENCY_CODES:
        return _CURRENCY_CODES[t.text], k
    if t.kind == "word" and t.low == "rs" or (t.text == "." and _word(toks, k - 1) == "rs"):
        return "INR", k if t.kind == "word" else k - 1
    return "", i0


def _currency_after(toks: list[_Tok], k: int) -> tuple[str, int]:
    """The currency written after an amount ("700 million Australian dollars")."""
    first = _word(toks, k)
    for words, cur in _CURRENCY_WORDS:
        if words[0] == first and all(_word(toks, k + q) == w for q, w in enumerate(words)):
            return cur, k + len(words)
    if k < len(toks) and toks[k].kind == "word" and toks[k].text in _CURRENCY_CODES:
        return _CURRENCY_CODES[toks[k].text], k + 1
    return "", k


def _plural(word: str) -> bool:
    """Looks like a plural noun: the counted thing, so the noun phrase ends there."""
    if word in _PLURAL_LIKE:
        return True
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ous"))


def _noun_run(s: _Sent, k: int) -> tuple[list[str], int, str]:
    """The counted noun phrase from token k: its words, its end, and a note.

    The note is "name" for a capitalized name with no common noun ("10 Downing
    Street"), "of" for "N of them" / "N of its 59 stores", else "".
    """
    toks = s.toks
    n = len(toks)
    words: list[str] = []
    note = ""
    j = k
    if _word(toks, j) == "of":
        w2 = _word(toks, j + 1)
        if w2 in ("them", "those", "whom", "which", "these"):
            return [], j + 2, "of"
        if w2 in ("the", "its", "their", "his", "her", "our"):
            note = "of"
            j += 2
            while j < n and (toks[j].kind == "num" or toks[j].value is not None):
                j += 1
    caps = 0
    while j < n and len(words) < 5:
        t = toks[j]
        if t.kind == "punct" and t.text in "\"“”'‘’":
            j += 1
            continue
        if t.kind != "word":
            break
        low = t.low
        if t.cap and not s.title_case:
            if words or low in _STOP or low in _NOT_NAMES or low in _MONTHS or low in _WEEKDAYS:
                break
            if _plural(low) and not (j + 1 < n and toks[j + 1].cap):
                # "125 crore Indians": a capitalized plural noun, not a name
                words.append(low)
                j += 1
                break
            caps += 1
            j += 1
            if j + 1 < n and toks[j + 1].cap and toks[j].text in ("of", "and", "&"):
                j += 1  # "House of Fraser", "Field and Stream"
            continue
        if not words and low in ("nationwide", "worldwide", "global", "overseas"):
            j += 1  # "over 600 nationwide stores"
            continue
        if low in _STOP and low not in _MODIFIERS or low in _NUMBER_WORDS or len(low) < 2:
            break
        if low in _AFTER_CAT or low in _TIME_UNITS or low in _MEASURES:
            break
        if caps and not _plural(low):
            break  # "the 10 Freeway near..." is a name; "217 Maplin stores" is not
        if words and low.endswith(("ing", "ed")) and _plural(words[-1]):
            break  # "developers working on..."
        words.append(low)
        j += 1
        if _plural(low) and low not in _MODIFIERS:
            break
    if caps and not words:
        return [], j, "name"
    while words and (words[-1].endswith("ly") or words[-1] in _MODIFIERS):
        if words[-1] in ("others", "more"):
            break
        words.pop()
    return words, j, note


def _cat_after(s: _Sent, k: int, stop: int) -> str:
    """The first casualty word in tokens k..stop (at most 9 words)."""
    toks = s.toks
    seen = 0
    for j in range(k, stop):
        if toks[j].kind != "word":
            continue
        seen += 1
        if seen > 9:
            break
        low = toks[j].low
        cat = _AFTER_CAT.get(low)
        if cat is None:
            if low == "lost" and _word(toks, j + 1) in ("their", "lives"):
                return "killed"
            continue
        if low in ("hospital", "hospitals", "surface"):
            if not {_word(toks, j - q) for q in (1, 2, 3)} & {"to", "in", "into"}:
                continue
        if low == "medical" and _word(toks, j + 1) not in ("aid", "treatment", "care"):
            continue
        if low == "flee" and _word(toks, j - 1) != "to":
            continue
        return cat
    return ""


def _cat_before(s: _Sent, k: int, start: int) -> str:
    """The nearest casualty word in the (up to 6) words before token k, from ``start``."""
    seen = 0
    for j in range(k - 1, start - 1, -1):
        if s.toks[j].kind == "word":
            seen += 1
            if seen > 6:
                break
            if s.toks[j].low in _BEFORE_CAT:
                return _BEFORE_CAT[s.toks[j].low]
    return ""


def _background(s: _Sent, ref_year: int | None) -> str:
    """Another time a sentence is about ("2008", "since 2000", "the whole conflict")."""
    low = s.text.lower()
    for y in s.years:
        if re.search(rf"\bsince (?:\w+ )?{y}\b", low):
            return f"since {y}"
    other = [y for y in s.years if y != ref_year]
    if other and not (ref_year is None and s.full_dates):
        return str(other[0])
    if re.search(r"\bsince the (?:turn|start|beginning)\b", low):
        return "since then"
    if re.search(
        r"\b(?:last|previous|past) (?:year|month|decade)\b|\bso far this\b|\bthis year\b", low
    ):
        return "another period"
    if re.search(r"\b(?:every|each|per|a) year\b|\bannually\b|\b(?:on|an) average\b", low):
        return "per year"
    if re.search(r"\b(?:conflict|insurgency|war|uprising)\b", low) and re.search(
        r"\b(?:has|have|since|decade|years|long)\b", low
    ):
        return "the whole conflict"
    return ""


def _context(toks: list[_Tok], i0: int, i1: int, width: int = 10) -> frozenset[str]:
    """Stems of the content words among the ``width`` words on each side of a number."""
    out = set()
    for rng in (range(i0 - 1, -1, -1), range(i1, len(toks))):
        seen = 0
        for j in rng:
            t = toks[j]
            if t.kind != "word":
                continue
            seen += 1
            if seen > width:
                break
            low = t.low.replace("’", "'")
            if low.endswith("'s"):
                low = low[:-2]
            if t.value is None and low not in STOPWORDS and low not in _NUMBER_WORDS:
                if len(low) > 1 and "'" not in low:
                    out.add(stem(low))
    return frozenset(out)


def _person_before(toks: list[_Tok], i0: int) -> str:
    """The capitalized name right before ", N" ("Richard Roe, 52")."""
    k = i0 - 2 if i0 > 1 and toks[i0 - 1].text == "," else -1
    names: list[str] = []
    while k >= 0 and toks[k].cap:
        names.append(toks[k].text)
        k -= 1
    return " ".join(reversed(names))


def _age_head(s: _Sent, k: int) -> tuple[str, bool]:
    """After 'N-year-old': the head noun, and whether it is a person (so: an age)."""
    toks = s.toks
    words: list[str] = []
    for j in range(k, min(len(toks), k + 3)):
        if toks[j].kind != "word":
            break
        if toks[j].cap and not s.title_case:
            return toks[j].text, True
        low = toks[j].low
        if low in _STOP and low != "civil":
            break
        words.append(low)
        if low in _PERSON_HEADS or low.rstrip("s") in _PERSON_HEADS:
            return low, True
    return " ".join(words), not words


def _duration_head(s: _Sent, k: int) -> str:
    """The noun a duration measures: 'five-year [civil war]', 'four years of [resistance]'."""
    toks = s.toks
    j = k
    if _word(toks, j) == "of":
        j += 2 if _word(toks, j + 1) in ("the", "its", "their", "his", "her") else 1
    words: list[str] = []
    while j < len(toks) and toks[j].kind == "word" and len(words) < 3:
        low = toks[j].low
        if toks[j].cap and not s.title_case or low in _STOP or low in _NUMBER_WORDS:
            break
        if low in _TIME_UNITS or low.endswith("ly") or (not words and low.endswith("ing")):
            break
        if words and (low.endswith("ed") or low in _IRREGULAR_PAST):
            break
        words.append(low)
        j += 1
    return " ".join(words)


def _event_head(s: _Sent, k: int) -> str:
    """The event after 'since' or 'after': its noun ('the Cumbre volcano') or its name."""
    toks = s.toks
    name = ""
    for j in range(k, min(len(toks), k + 5)):
        t = toks[j]
        if t.kind != "word" or t.value is not None:
            break
        if t.cap and not s.title_case:
            name = t.text
            continue
        if t.low in ("the", "a", "an", "its", "their", "his", "her"):
            continue
        if t.low in _STOP or t.low.endswith(("ed", "ly")) or t.low in _IRREGULAR_PAST:
            break
        return t.low
    return name


def _measure_ref(s: _Sent, i0: int, end: int) -> str:
    """What a measurement measures: a dimension (depth, height...), the distance
    travelled, the place it is measured from ("2,000 km east of Cape Erimo"), or the
    named thing right after it ("the 371 kg SCATSAT-1")."""
    toks = s.toks
    before = [_word(toks, q) for q in range(max(0, i0 - 4), i0)]
    dims = _table(
        "depth: depth deep; height: height high tall altitude elevation; width: width wide;"
        "length: length long"
    )
    glued = _word(toks, end - 1).split("-")[1:]
    for w in [*glued, _word(toks, end), *reversed(before)]:
        if w in dims:
            return dims[w]
    if set(before) & _TRAVEL:
        return "distance travelled"
    q = end
    while _word(toks, q) in _DIRECTIONS:
        q += 1
    if _word(toks, q) in ("from", "of", "off", "outside") or (
        q > end and _word(toks, q - 1) == "off"
    ):
        r = q + 1 if _word(toks, q) in ("from", "of", "off", "outside") else q
        limit = min(len(toks), r + 4)
        while r < limit and not toks[r].cap:
            r += 1
        if r < limit:
            while r + 1 < len(toks) and toks[r + 1].cap:
                r += 1
            return "from " + re.sub(r"['’]s$", "", toks[r].text).split("-")[0]
    for r in range(end, min(len(toks), end + 5)):
        t = toks[r]
        if t.kind != "word" and t.text != "-":
            break
        if t.cap and not t.low.endswith(_DEMONYM_ENDS) and not s.title_case:
            return t.text
    return ""


def _lemma(word: str) -> str:
    for suf, rep in (("ies", "y"), ("ses", "s"), ("s", "")):
        if word.endswith(suf) and len(word) > len(suf) + 2 and not word.endswith("ss"):
            return word[: -len(suf)] + rep
    return word


_COUNT_SYNONYMS = _table("people: person individual; staff: employee staffer worker")


def _date_of(m: re.Match[str]) -> tuple[str, bool] | None:
    """ISO form of a date match ('2016-10-23', '--10-23', '2018-07'), and whether it has a year."""
    g = m.groupdict()
    year = g.get("year")
    if g.get("a"):
        a, b = int(g["a"]), int(g["b"])
        if a > 12 >= b:
            return f"{year}-{b:02d}-{a:02d}", True
        if b > 12 >= a:
            return f"{year}-{a:02d}-{b:02d}", True
        return m.group(), True
    if g.get("mnum"):
        mon, day = int(g["mnum"]), int(g["day"])
    else:
        if not g["mon"][0].isupper():
            return None
        mon = _MONTHS.get(g["mon"].rstrip(".").lower(), 0)
        day = int(g["day"]) if g.get("day") else 0
    if not 1 <= mon <= 12 or day > 31:
        return None
    if day:
        return (f"{year}-{mon:02d}-{day:02d}" if year else f"--{mon:02d}-{day:02d}"), bool(year)
    return (f"{year}-{mon:02d}" if year else f"--{mon:02d}"), bool(year)


def _same_start(a: str, b: str) -> bool:
    na, nb = (re.sub(r"\W+", " ", x).strip().lower() for x in (a, b))
    return bool(na) and (na.startswith(nb) or nb.startswith(na))


# ---------------------------------------------------------------------------------------
# Scanning an article
# ---------------------------------------------------------------------------------------

_MakeMention = Callable[..., _Mention]


def _junk_name(name: str) -> bool:
    """A capitalized word that names no one and nowhere: a weekday or month ("Thursday's"),
    a title ("Dr"), a faith or group adjective ("Muslim"), a company suffix ("LLC") or an
    abbreviation ("IE" for "i.e.")."""
    low = re.sub(r"['’]s$", "", name.lower()).strip(". ")
    return (
        low in _WEEKDAYS
        or low in _MONTHS
        or low in _TITLE_WORDS
        or low in _NOT_NAMES
        or low in _GROUP_WORDS
        or low in _ORG_SUFFIX
        or low in _ABBREVIATIONS
    )


class _Scanner:
    """Extract the mentions, dates and names of one article."""

    def __init__(self, article: Article, index: int = 0, ref_year: int | None = None) -> None:
        self.article = article
        self.index = index
        self.ref_year = article.published.year if article.published else ref_year
        self.mentions: list[_Mention] = []
        self.dates: list[tuple[str, str, str, int]] = []  # written, normalized, kind, sentence
        self.names: list[tuple[str, str, int]] = []  # name, kind, sentence
        self.sentences: list[str] = []
        self._sents: list[_Sent] = []
        self._skip_next = False

    def run(self) -> _Scanner:
        sents = split_sentences(self.article.text or "")
        title = (self.article.title or "").strip()
        if title and not (sents and _same_start(sents[0], title)):
            sents.insert(0, title)
        self.sentences = sents
        subject = "people"
        for si, sent in enumerate(sents):
            subject = self._sentence(si, sent, subject)
        self._names()
        return self

    # -- one sentence ------------------------------------------------------------------
    def _sentence(self, si: int, raw: str, subject: str) -> str:
        text = _ascii_digits(raw)
        digits = _HAS_DIGIT(text) is not None
        masks = [m.span() for rx in _MASK_RES for m in rx.finditer(text)] if digits else []
        years: list[int] = []
        full = False
        for rx in _DATE_RES if digits else ():
            for m in rx.finditer(text):
                if any(a <= m.start() < b for a, b in masks):
                    continue
                got = _date_of(m)
                if got is None:
                    continue
                if m.groupdict().get("year"):
                    years.append(int(m.group("year")))
                full = full or (got[1] and bool(m.groupdict().get("day")))
                masks.append(m.span())
                self.dates.append((m.group().strip(), got[0], "date", si))
        toks = _tokenize(text, masks)
        for t in toks:
            if t.cap and t.low in _WEEKDAYS:
                self.dates.append((t.text, t.text.capitalize(), "weekday", si))
        found = _numbers(toks)
        # "twenty-four (24)": the figure in brackets repeats the one before
        nums = [
            nm
            for q, nm in enumerate(found)
            if not (
                q > 0
                and toks[nm.i0 - 1].text == "("
                and nm.i1 < len(toks)
                and toks[nm.i1].text == ")"
                and found[q - 1].i1 == nm.i0 - 1
                and found[q - 1].value == nm.value
            )
        ]
        for nm in nums:
            if nm.i1 == nm.i0 + 1 and re.fullmatch(r"1[89]\d\d|20\d\d|2100", toks[nm.i0].text):
                years.append(int(nm.value))
        s = _Sent(raw, toks, _title_case(toks), years, full)
        self._sents.append(s)
        bg = _background(s, self.ref_year) if nums else ""
        prev: _Mention | None = None
        here: list[_Mention] = []
        self._skip_next = False
        for ni, nm in enumerate(nums):
            if self._skip_next:
                self._skip_next = False
                continue
            before = nums[ni - 1].i1 if ni > 0 else 0
            after = nums[ni + 1].i0 if ni + 1 < len(nums) else len(toks)
            m = self._classify(s, si, nm, before, after, prev, subject, nums[ni + 1 :])
            if m is None:
                continue
            if m.kind not in ("duration", "age"):
                m.background = bg
            m.key = _key(m)
            if prev is not None and prev.aliases and prev.kind == m.kind:
                if any(toks[q].text == "(" for q in range(before, nm.i0)):
                    m.alias = True  # "$531 million (700 million Australian dollars)"
                    if m.relation == "=":
                        m.relation = prev.relation
            m.order = sum(1 for x in here if x.category == m.category)
            here.append(m)
            if m.category in PEOPLE_CATEGORIES:
                subject = m.noun
            prev = m
        # a breakdown ("nine died in A and three in B") states parts, not the total
        groups: dict[tuple[str, str], list[_Mention]] = defaultdict(list)
        for m in here:
            if m.category in PEOPLE_CATEGORIES:
                groups[(m.category, m.noun)].append(m)
        for group in groups.values():
            if len(group) > 1:
                for m in group:
                    m.partial = True
        if here and re.match(
            r"(?:In|At) [A-Z]\w+(?: [A-Z]\w+)* (?:county|province|district|region|state|city|"
            r"town|village|township|prefecture)\b",
            raw,
        ):
            for m in here:
                m.partial = True
        self.mentions.extend(here)
        return subject

    # -- one number --------------------------------------------------------------------
    def _classify(
        self,
        s: _Sent,
        si: int,
        nm: _Num,
        before: int,
        after: int,
        prev: _Mention | None,
        subject: str,
        later: list[_Num],
    ) -> _Mention | None:
        toks = s.toks
        n = len(toks)
        i0, i1 = nm.i0, nm.i1
        first = toks[i0]
        nxt = toks[i1] if i1 < n else None
        value = nm.value
        if not 0 <= value <= MAX_VALUE:
            return None
        # ordinals (16th) and codes glued to letters (15Terrorist, COVID-19, FJ3.91m, G20)
        if nxt is not None and nxt.kind == "word" and not nxt.space and not nm.abbrev:
            head = nxt.low.split("-")[0]
            if nxt.low in ("st", "nd", "rd", "th") or not (
                head in _TIME_UNITS or head in _MEASURES or head in _SCALES or nm.words
            ):
                return None
        if i0 > 0 and not first.space and first.kind == "num":
            p = toks[i0 - 1]
            if p.kind == "word" and p.low != "rs" or p.text in (".", "/", ":", "#", "*", "^", "="):
                return None  # parts of codes and formulas: "FJ3.91m", "#42", "10**30"
            if p.text == "-" and not p.space and _word(toks, i0 - 2) not in ("", "magnitude"):
                return None  # "I-10", "Covid-19"
        if nxt is not None and not nxt.space and nxt.text in ("*", "^", "=", "/"):
            return None
        rel, hstart = _hedge(toks, i0)
        cur, cstart = _currency_before(toks, i0)
        if cur:
            rel, hstart = _hedge(toks, cstart)
        k = i1
        if k + 2 < n and toks[k].text == "(" and toks[k + 2].text == ")":
            if toks[k + 1].value == value:
                k += 3  # "twenty-four (24)"
        post, k2 = _post_hedge(toks, k)
        if post:
            rel = post if rel in ("=", post) else "~"
            k = k2
        start_char = toks[hstart].start
        if nm.abbrev:
            if nm.abbrev in ("m", "k") and not cur:
                if nm.abbrev == "m":
                    return self._measure(s, si, nm, value, "m", i1 - 1, rel, start_char)
                return None
            value *= _ABBREV[nm.abbrev]
            if value > MAX_VALUE:
                return None

        def mk(kind: str, category: str, end_tok: int, **kw: Any) -> _Mention:
            end_char = toks[max(min(end_tok, n), i0 + 1) - 1].end
            return _Mention(
                article=self.index,
                sent=si,
                sentence=s.text,
                written=s.text[start_char:end_char].strip(),
                value=value,
                relation=kw.pop("relation", rel),
                kind=kind,
                category=category,
                context=_context(toks, i0, max(end_tok, i1)),
                pos=start_char,
                sig=nm.sig,
                **kw,
            )

        # a year, unless a plural noun follows ("1900 people")
        if not cur and first.kind == "num" and re.fullmatch(r"\d{4}", first.text):
            if 1800 <= value <= 2100:
                w = _word(toks, i1)
                if w not in _PEOPLE_NOUNS:  # "1984 murders" is a year; "1900 people" not
                    self.dates.append((first.text, first.text, "date", si))
                    return None
        # a percentage
        w1 = _word(toks, k)
        if (
            (k < n and toks[k].text == "%")
            or w1 in ("percent", "pct", "percentage")
            or (w1 == "per" and _word(toks, k + 1) == "cent")
        ):
            end = k + (2 if w1 == "per" or _word(toks, k + 1) == "points" else 1)
            unit = "percentage points" if w1 == "percentage" else "%"
            words, _, _ = _noun_run(s, end + (1 if _word(toks, end) == "of" else 0))
            measure = f"{words[-1]} share" if words else "percentage"
            return mk("percent", "percent", end, unit=unit, measure=measure, noun=" ".join(words))
        # money
        if not cur:
            cur, k_after = _currency_after(toks, k)
            if cur:
                k = k_after
        if cur:
            if nm.weak:
                return None
            m = mk("money", "money", max(k, i1), unit=cur)
            m.money_words = frozenset(
                _MONEY_WORDS[toks[q].low]
                for q in range(max(0, i0 - 8), min(n, k + 8))
                if toks[q].kind == "word" and toks[q].low in _MONEY_WORDS
            )
            m.measure = "amount" + (
                f" ({', '.join(sorted(m.money_words)[:2])})" if m.money_words else ""
            )
            self._aliases(s, m, k)
            return m
        # earthquake magnitude: "magnitude 5.9", "6.0-magnitude", "5 on the Richter scale"
        pw = _word(toks, i0 - 1) or (_word(toks, i0 - 2) if _word(toks, i0 - 1) == "" else "")
        hyph_mag = k + 1 < n and toks[k].text == "-" and _word(toks, k + 1) == "magnitude"
        richter = any(_word(toks, q) == "richter" for q in range(k, min(n, k + 4)))
        if pw == "of" and _word(toks, hstart - 2 if hstart < i0 else i0 - 2) == "magnitude":
            pw = "magnitude"  # "a magnitude of 5.5"
        if pw == "magnitude" or w1 in ("magnitude", "magnitudes") or hyph_mag or richter:
            if value > 10:
                return None
            end = i1
            if w1 in ("magnitude", "magnitudes"):
                end = k + 1
            elif hyph_mag:
                end = k + 2
            elif pw == "magnitude":
                rel, hstart = _hedge(toks, i0 - 1 if _word(toks, i0 - 1) else i0 - 2)
                start_char = toks[hstart].start
            return mk("magnitude", "magnitude", end, measure="quake magnitude")
        # units of time and of measure, right after the number or after "to N" in a range
        unit_tok = k + 1 if k < n and toks[k].text == "-" and not toks[k].space else k
        uw = _word(toks, unit_tok)
        if uw.split("-")[0] not in _TIME_UNITS and uw not in _MEASURES and later:
            # "four to 10 months", "between 5 and 7 km": the unit comes after the range
            nx = later[0]
            if (
                _word(toks, k) in ("to", "and", "or")
                and nx.i0 == k + 1
                or (k < n and toks[k].text in ("-", "–") and nx.i0 == k + 1)
            ):
                ru = _word(toks, nx.i1)
                if ru.split("-")[0] in _TIME_UNITS or ru in _MEASURES:
                    unit_tok, uw = nx.i1, ru
        parts = uw.split("-") if uw else []
        if parts and parts[0] in _TIME_UNITS:
            return self._time(s, si, nm, rel, unit_tok, parts, unit_tok != k, mk)
        if nm.weak:
            return None  # "a", "one": numbers only before a unit of time
        if parts and parts[0] in _MEASURES and (len(parts) == 1 or parts[1] in _DIM_WORDS):
            if toks[unit_tok].text != "M":  # "5.5 M" is a magnitude scale, not metres
                return self._measure(s, si, nm, value, parts[0], unit_tok, rel, start_char)
        if uw in ("degrees", "degree"):
            return None
        # ages: "aged 117", "at the age of 117", "Richard Roe, 52,", "died at 117"
        pw, pw2 = _word(toks, hstart - 1), _word(toks, hstart - 2)
        if (
            pw == "aged"
            or (pw == "of" and pw2 == "age")
            or (pw == "age" and pw2 == "at")
            or (pw == "at" and pw2 in ("died", "dies", "dead"))
        ):
            return mk("age", "age", i1, unit="year", measure="age")
        if value < 125 and value == int(value) and not cur:
            # "anyone under 21", "people younger than 21", "raise the minimum age ... to 21",
            # "He was 63."
            if pw == "than" and pw2 in ("younger", "older"):
                limit = "<" if pw2 == "younger" else ">"
                return mk("age", "age", i1, unit="year", measure="age limit", relation=limit)
            if rel != "=" and pw in _AGE_HOLDERS:
                return mk("age", "age", i1, unit="year", measure="age limit")
            if _word(toks, hstart - 1) in ("to", "of", "from") and any(
                _word(toks, q) == "age" for q in range(max(0, hstart - 8), hstart)
            ):
                return mk("age", "age", i1, unit="year", measure="age limit")
            if pw in ("was", "is") and pw2 in ("he", "she") and (nxt is None or nxt.text in ".,;"):
                return mk("age", "age", i1, unit="year", measure="age")
        if (
            i0 > 1
            and toks[i0 - 1].text == ","
            and toks[i0 - 2].cap
            and nxt is not None
            and nxt.text in (",", ".", ";", ")")
            and value < 125
            and value == int(value)
            and not nm.words
        ):
            who = _person_before(toks, i0)
            if (
                who
                and who.split()[-1].lower() not in _NOT_NAMES
                and (len(who.split()) >= 2 or _word(toks, i1 + 1) not in ("", "and"))
            ):
                return mk("age", "age", i1, unit="year", measure=f"age of {who}", noun=who)
        # a vote: "passed by 322 to 306", "322 votes to 306", "majority 16"
        if re.search(r"\bvot(?:e|es|ed|ing)\b|\bmajority\b|\bballots?\b", s.text.lower()):
            j = k + (1 if w1 in ("votes", "vote") else 0)
            if _word(toks, j) == "to" and later and later[0].i0 == j + 1:
                return mk("quantity", "count", i1, noun="vote for", measure="votes for")
            if pw == "to" and before >= hstart - 2 and before > 0:
                return mk("quantity", "count", i1, noun="vote against", measure="votes against")
            if pw == "majority":
                return mk("quantity", "count", i1, noun="majority", measure="majority")
        if pw == "of" and pw2 == "population":
            return mk("quantity", "count", i1, noun="population", measure="population")
        # numbers inside names: "Interstate 10", "shaft 3"
        pt = toks[hstart - 1] if hstart > 0 else None
        if pt is not None and pt.kind == "word":
            if pt.low in _ID_NOUNS:
                return None
            if (
                pt.cap
                and not s.title_case
                and hstart > 1
                and pt.low not in _NOT_NAMES
                and pt.low not in _MONTHS
                and pt.low not in _BEFORE_CAT
                and pt.low not in _SPEECH
                and pt.low not in _HEDGE_SKIP
            ):
                return None
        return self._count(s, si, nm, k, before, after, prev, subject, mk)

    def _aliases(self, s: _Sent, m: _Mention, k: int) -> None:
        """'$531 million (700 million Australian dollars)': the amount in another currency."""
        toks = s.toks
        if k < len(toks) and toks[k].text == "(":
            sub = _numbers(toks[k + 1 : k + 8])
            if sub:
                nm = sub[0]
                value = nm.value * (_ABBREV[nm.abbrev] if nm.abbrev else 1.0)
                cur, _ = _currency_before(toks, k + 1 + nm.i0)
                if not cur:
                    cur, _ = _currency_after(toks, k + 1 + nm.i1)
                if cur and value <= MAX_VALUE:
                    m.aliases.append((value, cur))

    def _time(
        self,
        s: _Sent,
        si: int,
        nm: _Num,
        rel: str,
        unit_tok: int,
        parts: list[str],
        glued: bool,
        mk: _MakeMention,
    ) -> _Mention | None:
        """A duration ("five-year war", "four years of resistance") or an age."""
        toks = s.toks
        unit = _TIME_UNITS[parts[0]]
        rest = parts[1:]
        after = unit_tok + 1
        w_after = _word(toks, after)
        if w_after == "ago":
            return None  # a time reference, not a length of time
        if nm.weak and _word(toks, nm.i0) in ("a", "an") and rel == "=":
            if _word(toks, nm.i0 - 1) not in ("for", "within") and rest != ["long"]:
                return None  # "a day after" is not a fact; "more than a day" is
        near = {toks[q].low for q in range(max(0, nm.i0 - 6), nm.i0)}
        is_age = rest == ["old"] or w_after == "old"
        end = after + (1 if w_after == "old" else 0)
        if w_after == "of" and _word(toks, after + 1) == "age":
            is_age, end = True, after + 2
        elif w_after == "and" and _word(toks, after + 2).split("-")[0] in _TIME_UNITS:
            tail = _word(toks, after + 3)
            if tail == "old" or (tail == "of" and _word(toks, after + 4) == "age"):
                is_age = True  # "117 years and 38 days old": the days are part of the age
                self._skip_next = True
            elif toks[after + 1].kind in ("num", "word") and toks[after + 1].value is not None:
                # "two hours and 15 minutes": one duration
                small = _TIME_UNITS[_word(toks, after + 2).split("-")[0]]
                if _SECONDS[small] < _SECONDS[unit]:
                    m = mk("duration", "duration", after + 3, unit=small)
                    m.value = nm.value * _SECONDS[unit] / _SECONDS[small] + (
                        toks[after + 1].value or 0
                    )
                    m.measure = "duration"
                    self._skip_next = True
                    return m
        elif _word(toks, nm.i0 - 1) == "at" and w_after in ("died", "dies"):
            is_age = True
        if is_age and near & {"article", "story", "post", "page", "photo"}:
            return None  # "This article is more than 1 year old"
        if rest == ["old"] or (is_age and w_after == "old" and not glued):
            head, person = _age_head(s, end)
            if is_age and not person:
                m = mk("duration", "duration", after, unit=unit, noun=head)
                m.measure = f"{head.split()[-1]} length" if head else "duration"
                return m  # "the six-year-old war"
        if is_age:
            who = _person_before(toks, nm.i0)
            if not who:
                head, _person = _age_head(s, end)
                who = head if head[:1].isupper() else ""
            m = mk("age", "age", end, unit=unit, noun=who)
            m.measure = f"age of {who}" if who else "age"
            return m
        head = _duration_head(s, after) if (glued or rest or w_after == "of") else ""
        if not head and w_after in ("since", "after", "before"):
            # "11 days after the Cumbre volcano erupted": time since an event
            event = _event_head(s, after + 1)
            if event:
                m = mk("duration", "duration", after, unit=unit, noun=event)
                m.measure = f"time {w_after} {event}"
                return m
        m = mk("duration", "duration", after, unit=unit, noun=head)
        m.measure = f"{head.split()[-1]} length" if head else "duration"
        return m

    def _measure(
        self,
        s: _Sent,
        si: int,
        nm: _Num,
        value: float,
        unit_word: str,
        unit_tok: int,
        rel: str,
        start_char: int,
    ) -> _Mention:
        """A length, speed, mass, area or volume, with what it measures."""
        toks = s.toks
        canon, dim, _ = _MEASURES[unit_word]
        end = unit_tok + 1
        ref = _measure_ref(s, nm.i0, end)
        measure = f"distance {ref}" if ref.startswith("from ") else (ref or dim)
        m = _Mention(
            article=self.index,
            sent=si,
            sentence=s.text,
            written=s.text[start_char : toks[end - 1].end].strip(),
            value=value,
            relation=rel,
            kind="measurement",
            category="measurement",
            unit=canon,
            measure=measure,
            noun=ref,
            context=_context(toks, nm.i0, end),
            pos=start_char,
            sig=nm.sig,
        )
        if end < len(toks) and toks[end].text == "(":
            sub = _numbers(toks[end + 1 : end + 6])
            if sub:
                u = _word(toks, end + 1 + sub[0].i1)
                if u in _MEASURES and _MEASURES[u][1] == dim:
                    m.aliases.append((sub[0].value, _MEASURES[u][0]))
        return m

    def _count(
        self,
        s: _Sent,
        si: int,
        nm: _Num,
        k: int,
        before: int,
        after: int,
        prev: _Mention | None,
        subject: str,
        mk: _MakeMention,
    ) -> _Mention | None:
        """A count: of people killed, injured... or of any other counted thing."""
        toks = s.toks
        words, run_end, note = _noun_run(s, k)
        if k + 1 < len(toks) and toks[k].text == "-" and not toks[k].space and _word(toks, k + 1):
            words, run_end, note = [_word(toks, k + 1)], k + 2, ""  # "a three-drug protocol"
        if note == "name":
            return None
        w_before = _word(toks, nm.i0 - 1)
        partial = note == "of" or "including" in (w_before, _word(toks, nm.i0 - 2))
        partial = (
            partial
            or w_before == "only"
            or _word(toks, run_end) in ("remained", "remain", "remaining")
        )
        # "seven other satellites", "another 40": a part, not the total, of a plain count
        subset = _word(toks, k) in _MODIFIERS - {"new", "same"}
        subset = subset or w_before in ("another", "further", "additional")
        noun = words[-1] if words else ""
        elided = noun in ("", "others", "more", "other")
        # the clause after the noun ends where the next number's clause begins
        stop = after
        if after < len(toks):
            for q in range(run_end, after):
                if (
                    toks[q].low in ("and", "with", "while", "whereas", "but") or toks[q].text == ";"
                ) and after - q <= 4:
                    stop = q
                    break
        cat = _cat_after(s, run_end, stop) or _cat_before(s, nm.i0, before)
        if not cat and (noun in _CAT_NOUNS or "fatal" in words):
            cat = "killed"
        if not cat and (noun in _PEOPLE_NOUNS or elided) and re.search(r"\btoll\b", s.text.lower()):
            cat = "killed"
        if not cat and elided and prev is not None and prev.kind == "quantity":
            # "rescued 272 miners from shaft four and 64 from shaft one"
            between = {toks[q].low for q in range(before, nm.i0)}
            if not between or between & {"and", ",", "further", "another"}:
                cat, noun, elided = prev.category, prev.noun, False
        if not cat:
            if not (elided or not noun):
                cat = "count"
            elif note == "of":
                cat, noun = "count", "them"
            else:
                return None
        if nm.weak:
            return None
        superseded = w_before == "from" and any(
            _word(toks, q) == "to" for q in range(nm.i1, min(len(toks), nm.i1 + 3))
        )
        near = {toks[q].low for q in range(max(0, nm.i0 - 9), nm.i0)}
        if near & {"earlier", "initially", "previously", "originally"} and "this" not in near:
            superseded = True
        if cat in PEOPLE_CATEGORIES:
            if elided or not noun:
                who = (
                    prev.noun
                    if prev is not None and prev.category in PEOPLE_CATEGORIES
                    else subject
                )
            elif noun in _SUBJECT_OF:
                who = _SUBJECT_OF[noun]
            elif noun in _PEOPLE_NOUNS:
                who = "people"
            else:
                who = noun
            m = mk("quantity", cat, nm.i1, noun=who)
            m.measure = f"{who} {cat}"
        else:
            lem = _lemma(noun)
            lem = _COUNT_SYNONYMS.get(lem, lem)
            m = mk("quantity", "count", nm.i1, noun=lem)
            m.measure = " ".join(words[-2:]) if words else "count"
            partial = partial or subset
        m.context = _context(toks, nm.i0, run_end)
        m.partial = partial
        m.superseded = superseded
        return m

    # -- names -------------------------------------------------------------------------
    def _names(self) -> None:
        """People, places and organizations, from capitalized words and their company."""
        full_names: dict[str, str] = {}
        found: list[tuple[str, str, int]] = []
        for si, s in enumerate(self._sents):
            if s.title_case:
                continue
            toks = s.toks
            i = 0
            while i < len(toks):
                if not toks[i].cap:
                    i += 1
                    continue
                j = i
                while j < len(toks) and (
                    toks[j].cap
                    or toks[j].low.startswith("al-")
                    or (toks[j].low in _NAME_LINKS and j + 1 < len(toks) and toks[j + 1].cap)
                ):
                    j += 1
                got = self._name(s, i, j, full_names)
                if got and not _junk_name(got[0]):
                    found.append((got[0], got[1], si))
                i = j
        self.names = [(full_names.get(n, n) if k == "person" else n, k, si) for n, k, si in found]

    def _name(self, s: _Sent, i: int, j: int, full: dict[str, str]) -> tuple[str, str] | None:
        """Classify the capitalized run toks[i:j] as a person, place or organization."""
        toks = s.toks
        seq = toks[i:j]
        titled = False
        # "UN Special Envoy Staffan de Mistura": the name follows the last title word
        cut = max((q for q, t in enumerate(seq) if t.low in _TITLE_WORDS), default=-1)
        if 0 <= cut < len(seq) - 1:
            titled = True
            i += cut + 1
            seq = seq[cut + 1 :]
        while seq and (
            seq[0].low in _NOT_NAMES
            or seq[0].low in _MONTHS
            or seq[0].low in _WEEKDAYS
            or seq[0].low in _NAME_LINKS
            or (len(seq) > 1 and zipf(seq[0].low) >= 5 and (i == 0 or toks[i - 1].kind == "punct"))
        ):
            i += 1
            seq = seq[1:]
        while seq and (
            seq[-1].low in _NAME_LINKS or seq[-1].low in _WEEKDAYS or seq[-1].low in _MONTHS
        ):
            seq = seq[:-1]
        if not seq:
            return None
        text = re.sub(r"['’]s$", "", " ".join(t.text for t in seq))
        last = re.sub(r"['’]s$", "", seq[-1].low)
        before = _word(toks, i - 1)
        nxt = toks[i + len(seq)] if i + len(seq) < len(toks) else None
        after = _word(toks, i + len(seq))
        if nxt is not None and nxt.text == ",":
            after = _word(toks, i + len(seq) + 1)
        initial = i == 0 or toks[i - 1].text in "\"“‘'(:-–—•"
        if initial and len(seq) == 1 and zipf(seq[0].low) >= 4.5:
            return None  # "Later", "Meanwhile": a common word opening the sentence
        if len(seq) == 1 and seq[0].text.isupper() and len(seq[0].text) >= 2:
            if initial and nxt is not None and nxt.text in ",(–—-:":
                return text.title(), "place"  # a dateline: "MOSCOW, Russia (AFP) –"
            if seq[0].text in _PLACE_ACRONYMS:
                return text, "place"
            if len(seq[0].text) <= 6 and seq[0].text not in _NOT_ACRONYMS:
                return text, "organization"
            return None
        if text in _KNOWN_ORGS:
            return text, "organization"
        if len(seq) > 1 and last in _ORG_SUFFIX:
            return text, "organization"
        if len(seq) > 1 and last in _PLACE_SUFFIX:
            return text, "place"
        common = _ORG_SUFFIX | _PLACE_SUFFIX | _TITLE_WORDS
        looks_person = not any(t.low in common for t in seq) and not last.endswith(_DEMONYM_ENDS)
        looks_person = looks_person and all(zipf(t.low) < 5 for t in seq)
        if looks_person and len(seq) == 1 and zipf(seq[0].low) >= 4.5:
            looks_person = False  # "Chief of General Staff"
        spoke = (
            after in _SPEECH and len(seq) >= 2 and before not in ("of", "at", "for", "from", "the")
        )
        if looks_person and len(seq) <= 4:
            if titled or before in _TITLE_WORDS or spoke:
                if len(seq) >= 2:
                    full[seq[-1].text] = text
                return full.get(text, text), "person"
        if before in ("in", "near", "at", "across", "outside", "inside", "throughout"):
            if len(seq) <= 3 and not initial and not last.endswith(_DEMONYM_ENDS):
                if text not in full and seq[-1].text not in full:
                    return text, "place"
        if len(seq) >= 2 and full.get(seq[-1].text) == text:
            return text, "person"
        if len(seq) == 1 and text in full:
            return full[text], "person"
        return None


def _key(m: _Mention) -> tuple[str, ...]:
    """The alignment key: facts with equal keys are about the same quantity."""
    if m.category in PEOPLE_CATEGORIES:
        return ("q", m.category, m.noun, m.background)
    if m.category == "count":
        return ("count", m.noun, m.background)
    if m.kind == "money":
        return ("money", "$" if m.unit in _DOLLARS else m.unit, m.background)
    if m.kind == "duration":
        return ("duration", m.noun.split()[-1] if m.noun else "", "")
    if m.kind == "measurement":
        return ("measurement", _UNIT_INFO.get(m.unit, (m.unit, 1.0))[0], m.noun, m.background)
    if m.kind == "age":
        return ("age", m.noun, "")
    return (m.kind, m.measure, m.background)


def _strong_key(m: _Mention) -> bool:
    """Whether the key alone is strong evidence that two facts count the same thing."""
    kind = m.key[0]
    if kind in ("q", "magnitude"):
        return True
    if kind == "count":
        return bool(m.noun) and m.noun not in ("them", "people", "time", "times")
    if kind == "duration":
        return bool(m.key[1])
    if kind == "age":
        return m.noun[:1].isupper()
    if kind == "measurement":
        return bool(m.noun)
    return False


# ---------------------------------------------------------------------------------------


def _scan(article: Article, index: int = 0, reference_year: int | None = None) -> _Scanner:
    return _Scanner(article, index, reference_year).run()
