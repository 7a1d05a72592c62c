"""Scanning an article: its sentences, and in each the dates, the numbers and what each
states (a mention); then the names of the whole article."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from newsbrief.compare.classify import _SITE_WORDS, _VOTE_RE, _NumberReader
from newsbrief.compare.context import (
    _after_record,
    _another_period,
    _background,
    _title_case,
    _year_of_a_later_clause,
    superlative_since,
    year_span,
)
from newsbrief.compare.context import own_years as years_of_figure
from newsbrief.compare.context import (
    title_case as _is_title_case,
)
from newsbrief.compare.dates import _date_of
from newsbrief.compare.fractions import _may_hold_quick, read_fractions
from newsbrief.compare.lexicon import (
    _DATE_RES,
    _HAS_DIGIT,
    _MASK_RES,
    _NUMBER_WORDS,
    _PEOPLE_NOUNS,
    _SUBJECT_OF,
    _TIME_UNITS,
    _WEEKDAYS,
    LATIN,
    PEOPLE_CATEGORIES,
)
from newsbrief.compare.lists import read_holders
from newsbrief.compare.mentions import _key, _Mention, _Sent
from newsbrief.compare.names import find_names
from newsbrief.compare.numbers import (
    _UNIT_WORDS,
    _UPPER,
    _VAGUE_PLURALS,
    _ascii_digits,
    _Num,
    _numbers,
    _Tok,
    _tokenize,
)
from newsbrief.compare.ordinals import (
    may_hold_lower,
    read_ordinals,
    read_storm_categories,
    storm_article,
)
from newsbrief.compare.readings import stamp_only
from newsbrief.model import Article
from newsbrief.text import split_sentences

_YEAR = re.compile(r"1[89]\d\d|20\d\d|2100").fullmatch

#: a digit, then "a" or "p" and "m" (any case, a stop and a space between allowed): what
#: every match of the clock-time patterns holds
_HOLDS_AM_PM = re.compile(r"\d(?:[:.]\d\d)?\s*[aApP]\.?\s?[mM]").search

#: what the text of any match of a mask or date pattern holds (one of these, written so;
#: or where a search finds it), by pattern: a pattern is not run on a sentence without it;
#: patterns not listed always run
_NEEDS: dict[str, tuple[str, ...] | Callable[[str], object]] = {
    r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|[@#]\w+|\bpic\.twitter\.com/\S+": (
        "@",
        "#",
        "http",
        "www.",
        "pic.twitter.com",
    ),
    r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*hrs)?": (":",),
    r"\b(?:UTC|GMT)\s*[+-]\s*\d{1,2}(?::\d{2})?": ("UTC", "GMT"),
    r"\b\d+/\d+\b": ("/",),
    r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b": re.compile(r"\d-\d\d-\d").search,
    r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})\b": ("/",),
    # patterns opening with a word boundary are slow to search (tried at every place):
    # they run only where a fast search finds what each of their matches holds (a digit,
    # then a/A or p/P and m/M: under re.I no other letter matches those; a digit, a space
    # or hyphen, a digit)
    r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?\s?m\b\.?|p\.?\s?m\b\.?)": _HOLDS_AM_PM,
    r"(?:\b1-|\+\d{1,3}[ -])?\+?\d{2,4}[ -]\d{3,4}[ -]\d{3,4}(?:[ -]\d{2,4})?": re.compile(
        r"\d[ -]\d"
    ).search,
} | {
    rx.pattern: ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    for rx in _DATE_RES
    if rx.pattern.startswith(r"\b(?P<mon>") or rx.pattern.startswith(r"\b(?P<day>")
}
#: each tuple of pieces as one search for any of them (one pass in C, not a test per
#: piece: speed); one search per distinct tuple, so _dates_in asks each once
_SEARCH_OF: dict[tuple[str, ...], Callable[[str], object]] = {}


def _searcher(
    need: tuple[str, ...] | Callable[[str], object] | None,
) -> Callable[[str], object] | None:
    if not isinstance(need, tuple):
        return need
    if need not in _SEARCH_OF:
        _SEARCH_OF[need] = re.compile("|".join(re.escape(x) for x in need)).search
    return _SEARCH_OF[need]


_MASKS = [(rx, _searcher(_NEEDS.get(rx.pattern))) for rx in _MASK_RES]
_DATES = [(rx, _searcher(_NEEDS.get(rx.pattern))) for rx in _DATE_RES]


def _masks_in(text: str) -> list[re.Pattern[str]]:
    return [rx for rx, need in _MASKS if need is None or need(text) is not None]


def _dates_in(text: str) -> list[re.Pattern[str]]:
    known: dict[object, bool] = {}  # the month names are asked once, not thrice
    out = []
    for rx, need in _DATES:
        if need is not None:
            if need not in known:
                known[need] = need(text) is not None
            if not known[need]:
                continue
        out.append(rx)
    return out


#: the tokens of a sentence with no digit: words, and each other mark but white space
_PLAIN_TOKENS_ASCII = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*(?:-[A-Za-z]+)*|\S").findall
_PLAIN_TOKENS_LATIN = re.compile(rf"[{LATIN}]+(?:['’][{LATIN}]+)*(?:-[{LATIN}]+)*|\S").findall


def _plain_token_texts(text: str) -> list[str]:
    """The tokens of a sentence with no digit, as texts (the ASCII pattern where it serves)."""
    return (_PLAIN_TOKENS_ASCII if text.isascii() else _PLAIN_TOKENS_LATIN)(text)


def _plain_tokens(text: str) -> tuple[list[str], list[str]] | None:
    """The token texts of a sentence without digits (no mask applies to it, so they are its
    words and each other mark), and the same lower-cased; None where :func:`_numbers` might
    find a number in it: a number word as a word or the first part of a hyphenated one,
    "a"/"an" before a unit of time or a unit word of measure, "-long" (a superset of what it reads)."""
    texts = _plain_token_texts(text)
    joined = " ".join(texts).lower()
    lows = joined.split(" ")  # a token holds no space, and lower-casing adds none
    if not _NUMBER_OR_VAGUE.isdisjoint(lows) or "-long" in joined:
        return None
    if "-" in joined and _HYPHENATED_NUMBER(" " + joined) is not None:
        return None
    if not _A_AN.isdisjoint(lows) and _A_TIME_UNIT(" " + joined) is not None:
        return None
    return texts, lows


#: the words that make a sentence's tokens worth reading for numbers: the number words and
#: the vague plurals ("hundreds"), as one set (speed: one test); "a" and "an"
_NUMBER_OR_VAGUE = _NUMBER_WORDS | frozenset(_VAGUE_PLURALS)
_A_AN = frozenset(("a", "an"))


def _alternatives(words: Iterable[str]) -> str:
    """The words as one alternation of a pattern, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


#: in the lower-cased token texts, each after a space (a token holds none): a token whose
#: part before its first hyphen is a number word ("twenty-four", "six-year-old")
_HYPHENATED_NUMBER = re.compile(rf" (?:{_alternatives(_NUMBER_WORDS)})-").search
#: ... the token "a" or "an", then one whose part before its first hyphen is a unit of time
#: (opening with a space, not a choice of the start or a space: re skips ahead to " a")
_A_TIME_UNIT = re.compile(
    rf" an? (?:(?:{_alternatives(_TIME_UNITS)})(?:[- ]|$)|(?:{_alternatives(_UNIT_WORDS)})(?: |$))"
).search


#: a sentence opening that goes on in the time of the sentence before ("Then,", "At the
#: time,", "That year,"): it states no time of its own
_GOES_ON = re.compile(
    r"(?:Then|At the time|At that time|Back then|By then|That year|That same year|The same "
    r"year|Later that year|Earlier that year)\b"
).match


#: a sentence opening in a part of the place ("In Sumatra province, ..."): its figures are
#: parts (compiled once: speed, the sentences with a figure each ask)
_IN_PART_OF = re.compile(
    r"(?:In|At) [A-Z]\w+(?: [A-Z]\w+)* (?:county|province|district|region|state|city|"
    r"town|village|township|prefecture)\b"
).match


#: a sentence that ends in a lower-case word with no stop after it (the last of an article
#: cut short; a headline is the first sentence and never taken for one)
_CUT = re.compile(r"[a-z]$").search


#: where two sentences run together in a flattened page: a stop glued to the next capital
#: ("turned out to vote.The result", "Prime Minister in 2003.In Ankara"), or a decade's
#: stop before a capital ("mayor in the 1990s. Erdogan": split_sentences takes the "s." of
#: "1990s." for an initial). The time one sentence is about is not the next one's
_GLUED = re.compile(
    r"[.!?](?:(?<=[a-z]{2}.)|(?<=\d.))[\"”’]*(?=[A-Z][a-z])|\.(?<=\d0s\.) (?=[A-Z])"
)


def _split_glued(sents: list[str]) -> list[str]:
    """The sentences with each that runs two together (:data:`_GLUED`) split in two."""
    if _GLUED.search(" ".join(sents)) is None:  # one search (speed); a false hit costs a loop
        return sents
    out = []
    for x in sents:
        start = 0
        for m in _GLUED.finditer(x):
            out.append(x[start : m.end()].strip())
            start = m.end()
        out.append(x[start:].strip())
    return [x for x in out if x]


#: runs of characters that are no word characters (compiled once: speed)
_NON_WORDS = re.compile(r"\W+").sub


def _article_may_hold(low: str) -> tuple[bool, bool, bool]:
    """Whether an article's lower-cased text may hold an ordinal, a fraction in words and
    the site's own text: the tests each sentence would ask (ordinals._may_hold,
    fractions._may_hold_quick, the pieces of classify._SITE_WORDS), asked once."""
    return (
        may_hold_lower(low),
        _may_hold_quick(low),
        any(w in low for w in _SITE_WORDS),
    )


def _same_start(a: str, b: str) -> bool:
    na, nb = (_NON_WORDS(" ", x).strip().lower() for x in (a, b))
    return bool(na) and (na.startswith(nb) or nb.startswith(na))


class _Scanner(_NumberReader):
    """Extract the mentions, dates and names of one article."""

    def __init__(self, article: Article, index: int = 0, ref_year: int | None = None) -> None:
        self.article = article
        self.index = index
        self.ref_year = article.published.year if article.published else ref_year
        self.mentions: list[_Mention] = []
        self.dates: list[tuple[str, str, str, int]] = []  # written, normalized, kind, sentence
        self.names: list[tuple[str, str, int]] = []  # name, kind, sentence
        self.sentences: list[str] = []
        #: the sentences read, with their tokens, while :meth:`run` reads the article (names
        #: read them last); emptied when it ends, see there
        self._sents: list[_Sent] = []
        self._skip_next = False
        self.list_items: dict[int, str] = {}
        self.list_alone: dict[int, str] = {}  # id of a count -> its holder (lists.py)
        #: the years the sentence before states (a sentence opening "Then," takes them)
        self._prev_years: list[int] = []
        self._prev_full = False
        #: whether the article may hold an ordinal, a fraction in words (see :meth:`run`)
        self._ordinals_may = self._fractions_may = True
        self._storm = False  # whether the article is about a storm (ordinals.storm_article)

    def run(self, sentences: Sequence[str] | None = None) -> _Scanner:
        # ``sentences``: split_sentences(text) already worked out (compare's keyword)
        sents = split_sentences(self.article.text or "") if sentences is None else list(sentences)
        sents = _split_glued(sents)
        title = (self.article.title or "").strip()
        if title and not (sents and _same_start(sents[0], title)):
            sents.insert(0, title)
        self.sentences = sents
        # speed: what the ordinal, fraction and site-text tests look for in each sentence,
        # looked for once in the whole article. Each sentence is a piece of the joined text,
        # and lower-casing maps each character on its own (but a final sigma, which no
        # piece holds), so a piece the article lacks is in none of its sentences; 73 of the
        # bench's 100 articles have no ordinal piece, 92 no fraction piece
        low = "\n".join(sents).lower()
        self._ordinals_may, self._fractions_may, self._site_may = _article_may_hold(low)
        self._storm = storm_article(low)  # its sentences may name a storm's category alone
        subject = "people"
        for si, sent in enumerate(sents):
            subject = self._sentence(si, sent, subject)
        self.names = find_names(self._sents)
        # speed: nothing reads the tokens once the names are found. Freed here, with the
        # article, they never outlive a young collection; kept until compare() returns, the
        # 13,000 token objects of 100 articles were promoted to the old generations and walked
        # again by every collection of them (17 ms of a 120 ms call went to the collector)
        self._sents = []
        return self

    # -- one sentence ------------------------------------------------------------------
    def _sentence(self, si: int, raw: str, subject: str) -> str:
        text = _ascii_digits(raw)
        digits = _HAS_DIGIT(text) is not None
        if not digits:
            plain = _plain_tokens(text)
            if plain is not None:
                return self._plain_sentence(si, raw, text, subject, *plain)
        masks = [m.span() for rx in _masks_in(text) for m in rx.finditer(text)] if digits else []
        if digits:
            times = _clock_times(text)
            if times and not stamp_only(text):  # not "Apr 23, 2018 | 11:00 AM"
                self.dates.extend((w, norm, "time", si) for w, norm in times)
        years: list[int] = []
        year_at: list[tuple[int, int]] = []  # (character position, year) of each year written
        full = False
        for rx in _dates_in(text) if digits else ():
            for m in rx.finditer(text):
                if any(a <= m.start() < b for a, b in masks):
                    continue
                got = _date_of(m)
                if got is None:
                    continue
                if m.groupdict().get("year"):
                    years.append(int(m.group("year")))
                    year_at.append((m.start(), int(m.group("year"))))
                full = full or (got[1] and bool(m.groupdict().get("day")))
                masks.append(m.span())
                self.dates.append((m.group().strip(), got[0], "date", si))
        takes: list[int] = []
        toks = _tokenize(text, masks, takes)
        if "day" in text.lower():  # a weekday token holds "day" whatever its case
            for t in toks:
                if t.cap and t.low in _WEEKDAYS:
                    self.dates.append((t.text, t.text.capitalize(), "weekday", si))
        found = _numbers(toks, takes)
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
        if len(nums) > 1:
            nums = _without_scores(toks, nums, text)
        for nm in nums:
            if nm.i1 == nm.i0 + 1 and _YEAR(toks[nm.i0].text) is not None:
                years.append(int(nm.value))
                year_at.append((toks[nm.i0].start, int(nm.value)))
        own_years = years
        if not years and self._prev_years and _GOES_ON(raw) is not None:
            # "In January 2016, the justices heard the case. Then, the court split 4-4": a
            # sentence that goes on from the one before is about its time
            years, full = list(self._prev_years), self._prev_full
        self._prev_years, self._prev_full = own_years, full
        s = _Sent(raw, toks, _title_case(toks), years, full)
        s.cut = si == len(self.sentences) - 1 and si > 0 and _CUT(raw) is not None
        self._sents.append(s)
        if not s.title_case:
            # a capitalized number word after a lower-case word is a name ("the pop band
            # Seventeen"): no number, so it ends no clause ("three Seventeen members still
            # missing" are three members missing)
            nums = [nm for nm in nums if not _name_number(toks, nm)]
        bg = _background(s, self.ref_year) if nums else ""
        # where the sentence's other figures start: a year or period told past one of them,
        # after a comma or dash, is that figure's (context._nearer_figure)
        figures_at = (
            [
                toks[nm.i0].start
                for nm in nums
                if _YEAR(toks[nm.i0].text) is None or nm.i1 > nm.i0 + 1
            ]
            if bg
            else []
        )
        record = superlative_since(s) if bg.startswith("since ") else None
        # a figure before "the best result since 1985" is of now, set against that span: it
        # stays apart from this event's figures as before, but names the span as a record's
        bg_now = f"record since {record[0]}" if record else bg
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
            if m is None or (nm.toll and not _one_toll(m, here)):
                continue
            if m.kind not in ("duration", "age"):
                m.background = bg_now if record and m.pos < record[1] else bg
                if record and m.pos > record[1]:
                    m.background = _after_record(s.text, record, m.pos)
                    if len(year_at) == len(years):
                        # "the greatest number since 1992 ... from the 372 cases in 2018"
                        mine = years_of_figure(text, m.pos, year_at, figures_at)
                        if mine and mine[0] != record[0] and mine[0] > record[0]:
                            m.background = _background(s, self.ref_year, mine[:1])
                mine = None
                if m.background and len(year_at) == len(years) and not record:
                    # the years of its own clause: not one told after a clause boundary
                    mine = years_of_figure(text, m.pos, year_at, figures_at)
                    if mine != years:
                        m.background = _background(s, self.ref_year, mine)
                if m.background == "another period":
                    # only a period of its own clause: "backed it by 322 to 306, ... rebels
                    # who were stripped of the whip last month" are votes of now
                    at = (m.pos, m.pos + len(m.written), figures_at)
                    if not _another_period(s.text.lower(), at):
                        m.background = _background(s, self.ref_year, mine, at)
                if m.background and _year_of_a_later_clause(
                    s.text, m.background, m.pos + len(m.written)
                ):
                    m.background = ""  # "15m, ... where Erdogan rose to power in 1994"
                if len(m.background) == 4 and m.background.isdigit():
                    # "between 2012 and 2015": the figure is of the span, not of one end
                    m.background = year_span(s.text, int(m.background)) or m.background
            if m.kind == "percent":
                _signed(m, toks, nm, s.text)
            if nm.low is not None:
                _vague(m, nm)
            elif nm.about and m.relation == "=":
                m.relation = "~"  # "a dozen": a round amount
            if (
                ni > 0
                and nm.low is None
                and nums[ni - 1].low is None
                and m.kind in _RANGE_KINDS
                and not m.noun.startswith("vote")
                and _range_link(toks, nums[ni - 1], nm)
                and (m.kind != "duration" or _same_unit_end(here, toks, nums[ni - 1], m))
            ):
                a = nums[ni - 1]
                base = toks[nm.i0].value or nm.value
                scale = nm.value / base if base and a.i1 == a.i0 + 1 and not a.abbrev else 1.0
                low = a.value * scale * (m.value / nm.value if nm.value else 1.0)  # "$10 to $15m"
                low = _elided_thousands(toks, a, nm, low, m.value)
                if 0 <= low < m.value:
                    # "10 to 15 people", "between 10 and 15", "10-15": one range, [10, 15]
                    a0 = nums[ni - 1].i0
                    if here and here[-1].pos >= (toks[a0 - 1].start if a0 > 0 else 0):
                        here.pop()  # the first end is not a figure of its own
                    first = nums[ni - 1].i0
                    first -= 1 if first > 0 and toks[first - 1].kind == "sym" else 0
                    first -= 1 if first > 0 and toks[first - 1].low == "between" else 0
                    start = min(m.pos, toks[first].start)
                    m.written = s.text[start : m.pos + len(m.written)].strip()
                    m.pos, m.low, m.relation = start, low, "range"
            m.key = _key(m)
            if prev is not None and prev.aliases and prev.kind == m.kind:
                if any(toks[q].text == "(" for q in range(before, nm.i0)):
                    m.alias = True  # "$531 million (700 million Australian dollars)"
                    if m.relation == "=":
                        m.relation = prev.relation
            m.order = sum(1 for x in here if x.category == m.category)
            here.append(m)
            if m.category in PEOPLE_CATEGORIES and not m.partial:
                subject = m.noun  # (a part, "including two lawmakers", is no subject)
            prev = m
        _shared_verb_breakdown(here, toks)
        read_holders(
            here, toks, self.list_items, self.list_alone
        )  # "76 seats, the NDP 40": compare/lists.py
        self.list_items = {}
        # a breakdown ("nine died in A and three in B") states parts, not the total
        groups: dict[tuple[str, str], list[_Mention]] = defaultdict(list)
        for m in here:
            # not "rose from 10 to 24", nor a part already ("20 people, four of them children")
            if m.category in PEOPLE_CATEGORIES and not m.superseded and not m.partial:
                groups[(m.category, m.noun)].append(m)
        for group in groups.values():
            if len(group) > 1:
                for m in group:
                    m.partial = m.partial or not m.total
        if here and _IN_PART_OF(raw) is not None:
            for m in here:
                m.partial = True
        self.mentions.extend(here)
        if self._ordinals_may:
            self.mentions.extend(read_ordinals(raw, self.index, si, masks, s.title_case, digits))
        self.mentions.extend(
            read_storm_categories(raw, self.index, si, self._storm)
        )  # "a Category 4 storm"
        if self._fractions_may:
            self.mentions.extend(read_fractions(raw, self.index, si, masks))  # "two-thirds of"
        return subject

    def _plain_sentence(
        self, si: int, raw: str, text: str, subject: str, texts: list[str], lows: list[str]
    ) -> str:
        """A sentence with no number (see :func:`_plain_tokens`) states no figure and no date
        but a weekday: what tokenizing, :func:`_numbers` and the rest of :meth:`_sentence`
        would find in it, from its token texts."""
        capped = [
            k for k, t in enumerate(texts) if t[0] in _UPPER or (t[0] > "\x7f" and t[0].isupper())
        ]
        for k in capped:
            if lows[k] in _WEEKDAYS:
                self.dates.append((texts[k], texts[k].capitalize(), "weekday", si))
        # words of more than 3 letters (a mark is one character)
        longer = len([t for t in texts if len(t) > 3])
        caps = len([k for k in capped if len(texts[k]) > 3])
        title_case = _is_title_case(longer, caps)
        self._sents.append(_Sent(raw, [], title_case, [], False, texts, lows, capped))
        self._prev_years, self._prev_full = [], False
        if self._ordinals_may:
            self.mentions.extend(read_ordinals(raw, self.index, si, (), title_case, digits=False))
        if self._fractions_may:
            self.mentions.extend(read_fractions(raw, self.index, si))  # "a quarter of the homes"
        return subject


_AMPM = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\b\.?", re.I)
#: _AMPM as written: every match of it holds what _HOLDS_AM_PM finds, so it runs only
#: where that does (speed; a changed pattern always runs)
_AMPM_AS_WRITTEN = r"\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\b\.?"
_HHMM = re.compile(
    r"(?:\b(?:at|around|about|by|until|till|from|before|after|since|to)\s+)(\d{1,2}):(\d{2})\b"
    r"|\b(\d{1,2}):(\d{2})(?=\s*(?:hrs\b|GMT\b|UTC\b|local\b))",
    re.I,
)


#: an am/pm time written with the sentence's stop after it ("2.15pm.")
_AMPM_STOP = re.compile(r"[0-9\s][ap]m\.$", re.I).search


def _clock_times(text: str) -> list[tuple[str, str]]:
    """Clock times a sentence states, as written and as 24-hour "HH:MM": "9:26 p.m." ->
    "21:26", "12.20am" -> "00:20", "at 21:53" -> "21:53" (a bare "h:mm" only after "at",
    "around", "by"... or before "hrs", "GMT", "local", so "John 3:16" is no time)."""
    out: list[tuple[str, str]] = []
    taken: list[tuple[int, int]] = []
    if _AMPM.pattern == _AMPM_AS_WRITTEN and _HOLDS_AM_PM(text) is None:
        found: list[re.Match[str]] = []  # no match can hold less (speed)
    else:
        found = list(_AMPM.finditer(text))
    for m in found:
        h, mi = int(m.group(1)), int(m.group(2) or 0)
        if 1 <= h <= 12 and mi < 60:
            h = h % 12 + (12 if m.group(3).lower() == "p" else 0)
            written = m.group().strip()
            if _AMPM_STOP(written) is not None:
                written = written[:-1]  # "2.15pm." at the end of a sentence
            out.append((written, f"{h:02d}:{mi:02d}"))
            taken.append(m.span())
    for m in _HHMM.finditer(text) if ":" in text else ():
        hh, mm = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        start = m.start(1) if m.group(1) else m.start(3)
        end = m.end(2) if m.group(1) else m.end(4)
        if any(a <= start < b for a, b in taken):
            continue  # the hours of "9:26 p.m."
        if int(hh) < 24 and int(mm) < 60:
            out.append((text[start:end], f"{int(hh):02d}:{mm}"))
    return out


#: words after which a number opens its clause as its subject
_CLAUSE_OPENERS = frozenset("today yesterday tonight overnight and but while where when as".split())


def _shared_verb_breakdown(here: list[_Mention], toks: list[_Tok]) -> None:
    """ "At least 30 officers and four civilians were killed": two groups that share one
    casualty verb are parts of one toll. The first takes the second's category; both are
    marked parts (attackers are never a part of their victims' toll)."""
    for a, b in zip(here, here[1:], strict=False):
        if a.category != "count" or b.category not in PEOPLE_CATEGORIES or b.noun == "attackers":
            continue
        plural = a.measure.split()[-1] if a.measure else ""
        if plural not in _PEOPLE_NOUNS or _SUBJECT_OF.get(plural) == "attackers":
            continue
        between = [t.low for t in toks if a.pos + len(a.written) <= t.start < b.pos]
        if between[1:] != ["and"]:  # the counted noun, then "and"
            continue
        lead = [t for t in toks if t.end <= a.pos]
        if lead and lead[-1].kind == "word" and lead[-1].low not in _CLAUSE_OPENERS:
            continue  # "carried 30 passengers and two crew were hurt": 30 has its own verb
        who = _SUBJECT_OF.get(plural, "people")
        a.category, a.kind, a.noun, a.measure = b.category, "quantity", who, f"{who} {b.category}"
        a.key = _key(a)
        a.partial = b.partial = True


#: words that make "A-B" around them a score of a game ("a 1-2 defeat", "lost 0-3")
_SCORE_WORDS = frozenset(
    "win wins won victory victories defeat defeats defeated beat beats loss losses lost lead "
    "led draw drew tie tied score scored scoreline odds outsider outsiders favourite favorite "
    "aggregate shootout trail trailed trailing".split()
)


def _name_number(toks: list[_Tok], nm: _Num) -> bool:
    """A number word written capitalized after a lower-case word: a name, "Seventeen"."""
    if not nm.words or nm.i0 == 0 or not toks[nm.i0].text[:1].isupper():
        return False
    p = toks[nm.i0 - 1]
    return p.kind == "word" and not p.cap


def _without_scores(toks: list[_Tok], nums: list[_Num], text: str) -> list[_Num]:
    """The numbers less the two of each score or odds ("won 2-1", "a 1-1 tie", "500-1
    odds"): digits, a dash glued to both, digits; the first not below the second (no range
    runs downward) or a word of games next to it. In a sentence about a vote they are a
    tally ("ruled 5-4") and stay."""
    drop: set[int] = set()
    for q in range(len(nums) - 1):
        a, b = nums[q], nums[q + 1]
        if b.i0 != a.i1 + 1 or a.i1 != a.i0 + 1 or b.i1 != b.i0 + 1:
            continue
        dash = toks[a.i1]
        if dash.text not in ("-", "–") or dash.space or toks[b.i0].space:
            continue
        if not (toks[a.i0].text.isdigit() and toks[b.i0].text.isdigit()):
            continue
        if _YEAR(toks[a.i0].text) is not None:
            continue  # "2011-14 Kia Optimas": model years, not a score
        near = {toks[r].low for r in (a.i0 - 2, a.i0 - 1, b.i1, b.i1 + 1) if 0 <= r < len(toks)}
        if a.value >= b.value or near & _SCORE_WORDS:
            drop.update((q, q + 1))
    if not drop or _VOTE_RE.search(text.lower()):
        return nums
    return [nm for q, nm in enumerate(nums) if q not in drop]


def _one_toll(m: _Mention, here: list[_Mention]) -> bool:
    """ "One person was killed": a toll, and the first count of its sentence (in "two
    passengers and one person died" it is a part of the three)."""
    if m.category not in PEOPLE_CATEGORIES:
        return False
    return not any(x.kind == "quantity" for x in here)


def _signed(m: _Mention, toks: list[_Tok], nm: _Num, text: str) -> None:
    """A percentage with a minus sign: "-0.4%", "−0.4%", "minus 0.4%", "negative 0.4%" (a
    dash glued to the digits after a space or at the start; not "2-3%", "2 - 3%")."""
    i = nm.i0
    if i == 0 or toks[i].kind != "num" or m.pos > toks[i].start:
        return
    p = toks[i - 1]
    if p.text in ("-", "−") and not toks[i].space and (i == 1 or p.space):
        pass
    elif p.low in ("minus", "negative") and m.pos == toks[i].start:
        pass
    else:
        return
    m.value = -m.value
    if m.pos == toks[i].start:
        m.written = text[p.start : m.pos + len(m.written)].strip()
        m.pos = p.start


def _vague(m: _Mention, nm: _Num) -> None:
    """A vague amount ("several hundred", "dozens of"): the interval it allows, relation
    "vague"; under a bound ("more than several hundred") the bound's end of it."""
    scale = m.value / nm.value if nm.value else 1.0
    assert nm.low is not None
    if m.relation in (">=", ">"):
        m.value = nm.low * scale
    elif m.relation not in ("<=", "<"):
        m.low, m.relation = nm.low * scale, "vague"
    if m.written.lower().endswith(" of"):
        m.written = m.written[:-3].rstrip(",")  # "Hundreds" (of people)


#: kinds whose ranges are read as one interval
_RANGE_KINDS = ("quantity", "money", "percent", "measurement", "age", "duration")


def _same_unit_end(here: list[_Mention], toks: list[_Tok], a: _Num, m: _Mention) -> bool:
    """The low end of a range of durations was read as a duration in the same unit ("five
    to ten minutes", "nine to 12 months"; not "three days to two weeks")."""
    start = toks[a.i0 - 1].start if a.i0 > 0 else 0
    return (
        bool(here)
        and here[-1].pos >= start
        and here[-1].kind == "duration"
        and (here[-1].unit == m.unit)
    )


def _elided_thousands(toks: list[_Tok], a: _Num, nm: _Num, low: float, high: float) -> float:
    """The low end of a range that leaves its thousands to the high end: "20-30,000
    people" is 20,000 to 30,000 (not 20 to 30,000); "1-10,000" stays a scale of 1 to
    10,000 (the low end times 1,000 would be under half the high end)."""
    written = toks[nm.i1 - 1].text
    if a.i1 != a.i0 + 1 or not toks[a.i0].text.isdigit() or not written.endswith(",000"):
        return low
    return low * 1000 if low < 1000 and high / 2 <= low * 1000 < high else low


def _range_link(toks: list[_Tok], a: _Num, b: _Num) -> bool:
    """Numbers a and b are the two ends of one range: "a to b", "a-b", "between a and b"."""
    if a.i0 > 0 and "from" in (toks[a.i0 - 1].low, toks[max(0, a.i0 - 2)].low):
        return False  # "rose from 10 to 24": a change, not a range
    between = [t.text.lower() for t in toks[a.i1 : b.i0] if t.kind != "sym"]  # "$10 to $15"
    if between in (["to"], ["–"], ["—"]) or (between == ["-"] and not toks[a.i1].space):
        return True
    k = a.i0 - 1
    if k >= 0 and toks[k].kind == "sym":
        k -= 1  # "between $1.5 billion and $2 billion"
    return between == ["and"] and k >= 0 and toks[k].low == "between"


# ---------------------------------------------------------------------------------------


def _scan(
    article: Article,
    index: int = 0,
    reference_year: int | None = None,
    sentences: Sequence[str] | None = None,
) -> _Scanner:
    return _Scanner(article, index, reference_year).run(sentences)
