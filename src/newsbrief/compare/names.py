"""Names: people, places and organizations, from capitalized runs and their company."""

from __future__ import annotations

import re

from newsbrief.compare.lexicon import (
    _ABBREVIATIONS,
    _CURRENCY_CODES,
    _DEMONYM_ENDS,
    _GROUP_WORDS,
    _KNOWN_ORGS,
    _LAW_WORDS,
    _MONTHS,
    _NAME_LINKS,
    _NOT_ACRONYMS,
    _NOT_NAMES,
    _ORG_SUFFIX,
    _PLACE_ACRONYMS,
    _PLACE_SUFFIX,
    _POSSESSIVE_RE,
    _SPEECH,
    _TITLE_WORDS,
    _WEEKDAYS,
)
from newsbrief.compare.mentions import _Sent
from newsbrief.compare.name_kinds import _bracketed_no_body, _modifies
from newsbrief.compare.numbers import _Tok
from newsbrief.compare.persons import NAME_PARTICLES
from newsbrief.compare.readings import credit_line
from newsbrief.text import zipf

#: the words that may join the capitalized words of one name in :func:`find_names`
_JOINS = _NAME_LINKS | NAME_PARTICLES


def _strip_possessive(text: str) -> str:
    """``text`` without a closing "'s" (what ``re.sub(r"['’]s$", "", text)`` gives; without
    a line break, where $ may also match, by a test of its end: speed)."""
    if "\n" in text:
        return _POSSESSIVE_RE.sub("", text)
    return text[:-2] if text.endswith(("'s", "’s")) else text


def _bare_run(w: _Words, caps: list[int]) -> bool:
    """The sentence is nothing but a few capitalized words, with no stop at its end: a line
    of the page (a menu item "Crypto News", a section "In Depth", a credit "Video: Reuters",
    a time stamp "06 Agustus 2018 11:59 WIB"), whose names are the page's, not the news's."""
    if w.texts[-1] in (".", "!", "?", '"', "”", "’"):
        return False
    words = [k for k in range(w.n) if w.kind(k) == "word"]
    return len(words) <= 6 and len(words) == len(caps)


#: a word glued to a small word of the next or the last sentence ("AgeThe Sydney Morning
#: Herald", "ByABC News", "Florida HighSchool ShootingA"): page text run together
_GLUED_RE = re.compile(
    r"(?<=[a-z])(?:The|By|Of|And|For|From|With|A)(?![a-z])|\b(?:By|The)(?=[A-Z]{2})"
)


def _junk_name(name: str) -> bool:
    """A capitalized word that names no one and nowhere: a weekday or month ("Thursday's"),
    a title ("Dr"), a faith or group adjective ("Muslim"), a company suffix ("LLC") or an
    abbreviation ("IE" for "i.e."); a letter alone ("U" of "in U.S. history", "S" of "S.
    Korea": an initial cut off by its dot); or a name with a word glued to a small word of
    other text (:data:`_GLUED_RE`)."""
    low = _strip_possessive(name.lower()).strip(". ")
    return (
        low in _WEEKDAYS
        or low in _MONTHS
        or low in _TITLE_WORDS
        or low in _NOT_NAMES
        or low in _GROUP_WORDS
        or low in _ORG_SUFFIX
        or low in _ABBREVIATIONS
        or name.strip(". ") in _LONE_ABBREVIATIONS
        or _GLUED_RE.search(name) is not None
        or len(low) == 1
    )


#: abbreviations that are a name's first word only ("St. Mary's Hospital", "Mt. Everest"):
#: alone, cut from the rest by their dot, they name nothing ("FT" is the Financial Times)
_LONE_ABBREVIATIONS = frozenset("St Mt Ft".split())


#: the kind of a token of a sentence read without tokenizing it (no digit, no number word:
#: its tokens are words, currency and percent signs, and single punctuation marks)
_SYMBOLS = frozenset("$£€¥₹₦%")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_OPENERS = "\"“‘'(:-–—•"


class _Words:
    """The tokens of one sentence as names read them: texts, lower-cased texts ("" for a
    mask), and their kinds, given (from the tokenizer) or worked out from the text of each
    (a sentence with no number)."""

    __slots__ = ("texts", "lows", "kinds", "n", "toks")

    def __init__(
        self,
        texts: list[str],
        lows: list[str],
        kinds: list[str] | None,
        toks: list[_Tok] | None = None,
    ) -> None:
        self.texts = texts
        self.lows = lows
        self.kinds = kinds
        self.n = len(texts)
        self.toks = toks  # the tokens, where the sentence was tokenized (it has a digit)

    def glued(self, k: int) -> bool:
        """Token k is written with no white space before it (known where the sentence was
        tokenized; a sentence read without it has no digit, so no code such as "CP24")."""
        return self.toks is not None and 0 <= k < self.n and not self.toks[k].space

    def kind(self, k: int) -> str:
        if self.kinds is not None:
            return self.kinds[k]
        t = self.texts[k]
        c = t[0]
        if c in _LETTERS or (c > "\x7f" and c.isalpha()):
            return "word"
        return "sym" if t in _SYMBOLS else "punct"

    def low(self, k: int) -> str:
        return self.lows[k]

    def word(self, k: int) -> str:
        """The lower-case word at k, or "" where k is no word (or outside the sentence)."""
        if not 0 <= k < self.n:
            return ""
        if self.kinds is None:
            return self.lows[k] if self.kind(k) == "word" else ""
        return self.lows[k] if self.kinds[k] == "word" else ""


def words_of(s: _Sent) -> tuple[_Words, list[int]]:
    """A sentence's tokens for names, and the indices of its capitalized words."""
    if s.light is not None:
        texts = s.light
        lows = s.light_lows if s.light_lows is not None else [t.lower() for t in texts]
        caps = s.light_caps
        if caps is None:
            caps = [
                k
                for k, t in enumerate(texts)
                if "A" <= t[0] <= "Z" or (t[0] > "\x7f" and t[0].isupper())
            ]
        return _Words(texts, lows, None), caps
    toks = s.toks
    return (
        _Words([t.text for t in toks], [t.low for t in toks], [t.kind for t in toks], toks),
        [k for k, t in enumerate(toks) if t.cap],
    )


def find_names(sents: list[_Sent]) -> list[tuple[str, str, int]]:
    """People, places and organizations, from capitalized words and their company:
    (name, kind, sentence index) for each, in order."""
    full_names: dict[str, str] = {}
    found: list[tuple[str, str, int]] = []
    for si, s in enumerate(sents):
        if s.text[:1] in "([" and credit_line(s.text):
            continue  # a photo credit "(Pool via AP)."
        if s.title_case and not _prose(s.text):
            continue  # a headline
        w, caps = words_of(s)
        if not caps or (w.n <= 16 and _bare_run(w, caps)):
            continue  # no name; a line of the page: "Trending News", "Video: Reuters"
        n = w.n
        lows = w.lows
        cap_set = set(caps)
        j = 0
        for i in caps:
            if i < j:
                continue  # inside the run before
            j = i
            while j < n:
                if j in cap_set:
                    j += 1
                    continue
                low = lows[j]
                if low.startswith(("al-", "el-")) or (low in _JOINS and j + 1 in cap_set):
                    j += 1
                    continue
                if j + 1 in cap_set and j - 1 in cap_set and _inner_link(w, j, cap_set, full_names):
                    j += 1  # "Justice and Development Party", "Peoples' Democratic Party"
                    continue
                if low == "of" and _of_the_link(w, j, cap_set):
                    j += 2  # "International Committee of the Red Cross"
                    continue
                break
            if j - i > 1:  # (one word, most runs: none of these)
                if w.texts[j - 1].isupper() and _code(w, j - 1):
                    j -= 1  # "Because WASP-39b": the code's letters are no word of a name
                i = _after_modifier(w, i, j)
                office = _office_holder(w, i, j)
                if office is not None:
                    full_names[w.texts[j - 1]] = office
                    found.append((office, "person", si))
                    continue
                place = _dateline(w, i, j)
                if place is not None:
                    found.append((place, "place", si))
                    continue
            if _ticker(w, i, j):
                continue
            for a, b, person in _possessive_parts(w, i, j):
                if person:
                    text = " ".join(w.texts[a:b])
                    full_names[w.texts[b - 1]] = text
                    found.append((text, "person", si))
                    continue
                got = _one_word(w, a, full_names) if b == a + 1 else _name(w, a, b, full_names)
                if got and not _junk_name(got[0]):
                    found.append((got[0], got[1], si))
    return [(full_names.get(n, n) if k == "person" else n, k, si) for n, k, si in found]


#: possessives that belong to the name they stand in ("People's Bank of China", "Women's
#: March", "Queen's University"): the run is not split after them
_NAME_POSSESSIVES = frozenset(
    "people women children men workers nation nations world king queen lloyd".split()
)
#: the offices of an official: "Broward Sheriff's Office", "Attorney General's Office"
_ROLE_POSSESSIVES = _TITLE_WORDS | frozenset(
    "prosecutor sheriff solicitor comptroller auditor treasurer coroner marshal".split()
)


def _possessive_parts(w: _Words, i: int, j: int) -> list[tuple[int, int, bool]]:
    """The run i..j-1 split after each possessive inside it: "Turkey's Supreme Election
    Council", "Recep Tayyip Erdogan's AKP", "Montreal's Concordia University" are a place or
    person and the name they own, not one name with the possessive glued on. A possessive of
    :data:`_NAME_POSSESSIVES` stays inside ("People's Bank of China"), and so does a title's
    before one organization word ("Prime Minister's Office"; not "the President's Justice
    and Development Party"). Each part is (start, end, person): person where the part is
    known to be a person's name (:func:`_person_of_parts`)."""
    if j == i + 1:
        return [(i, j, False)]  # one word (most runs)
    parts = []
    a = i
    texts = w.texts
    for k in range(i, j - 1):
        t = texts[k]
        if not t.endswith(("'s", "’s")):
            continue
        owner = w.lows[k][:-2]
        if owner in _NAME_POSSESSIVES:
            continue
        if owner in _ROLE_POSSESSIVES and k + 2 == j and w.lows[k + 1] in _ORG_SUFFIX:
            continue
        if texts[k - 1] in ("St", "Saint") or (texts[k - 1] == "." and texts[k - 2] == "St"):
            continue  # "St John's Wood", "St. Mary's Hospital"
        parts.append((a, k + 1, False))
        a = k + 1
    parts.append((a, j, False))
    if "of" in w.lows[i:j]:
        return [q for a, b, _p in parts for q in _person_of_parts(w, a, b)]
    return parts


def _person_of_parts(w: _Words, i: int, j: int) -> list[tuple[int, int, bool]]:
    """The run i..j-1 split at an "of" between a person's name and the body the person
    belongs to: "Dr. Dan Cass of Sunnybrook Hospital", "Professor Jane Roe of Harvard
    University", "Detective Superintendent Mark Payne of West Midlands Police", and, with no
    title, "Lester Holt of NBC News" (two or three rare words, none common, before a body's
    name). Not "Bank of England": a name word that is common ends none. The person's part
    comes back marked (a person's name), the title words before it left out."""
    lows = w.lows
    for k in range(i + 1, j - 1):
        if lows[k] != "of":
            continue
        left = list(range(i, k))
        cut = max((q for q, t in enumerate(left) if lows[t] in _TITLE_WORDS), default=-1)
        titled = cut >= 0 or _title_before(w, i)
        person = left[cut + 1 :]
        body = _strip_possessive(lows[j - 1]) in _ORG_SUFFIX
        if titled and body:
            # "Assistant Chief Fire Officer Gary Taylor": the rank's common nouns go too
            while len(person) > 2 and _rank_word(lows[person[0]]):
                person = person[1:]
        elif body and person and _plural_noun(lows[person[0]]):
            person = person[1:]  # "Moderators Martha Raddatz of ABC News"
        if not 2 <= len(person) <= 3 or any(lows[t] in _COMMON for t in person):
            return [(i, j, False)]
        if titled and (body or not any(zipf(lows[t]) >= 5 for t in person)):
            if body:
                return [(person[0], k, True), (k + 1, j, False)]
            return [(i, k, False), (k + 1, j, False)]
        if body and all(zipf(lows[t]) < 4.5 and not _common_noun(lows[t]) for t in person):
            return [(person[0], k, True), (k + 1, j, False)]
        return [(i, j, False)]
    return [(i, j, False)]


def _rank_word(low: str) -> bool:
    """A common noun of a rank or an office inside a title ("Fire", "Officer" of
    "Assistant Chief Fire Officer"): a WordNet noun, frequent, or a title word."""
    return low in _TITLE_WORDS or (_common_noun(low) and zipf(low) >= 4.5)


def _title_before(w: _Words, i: int) -> bool:
    """A title word stands right before token i, its abbreviation's dot included ("Dr. Dan")."""
    if w.word(i - 1) in _TITLE_WORDS:
        return True
    return i >= 2 and w.texts[i - 1] == "." and w.word(i - 2) in _TITLE_WORDS


def _prose(text: str) -> bool:
    """A sentence in title case (most of its longer words capitalized) that is prose all
    the same, not a headline: it ends in a full stop and two words of more than three
    letters in it are lower-case ("The communique was signed by Chinese State Councilor
    Wang Yi and Foreign Minister Carlos Castaneda."). A headline in title case capitalizes
    its verbs and nouns ("Google Agrees To Buy Fitbit For $2.1B U.S."), a credit or a
    caption has no verb ("Picture by Terry Harris.")."""
    end = text.rstrip().rstrip("\"'”’)")
    if not end.endswith(".") or end.endswith(("U.S.", "U.K.", "St.")):
        return False
    lower = 0
    for word in _WORD_RE.findall(text):
        if len(word) > 3 and word[0].islower():
            lower += 1
            if lower == 2:
                return True
    return False


_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")

#: the participles that make a hyphenated word a modifier before a name ("Kurdish-led",
#: "San Francisco-based", "Time Warner-owned"): besides those in -ed
_PARTICIPLES = frozenset("run born held made built grown".split())


def _modifier_word(text: str) -> bool:
    """A hyphenated word whose last part is a lower-case participle: "Kurdish-led",
    "Francisco-based", "State-owned", "Nazi-occupied". Such a word describes the name after
    it and is no word of it ("al-Saeed", "Abdul-Hamed" end in a capitalized part)."""
    head, dash, tail = text.rpartition("-")
    if not dash or not head or not tail[:1].islower():
        return False
    return tail.endswith("ed") or tail in _PARTICIPLES


def _after_modifier(w: _Words, i: int, j: int) -> int:
    """Where the name of the run i..j-1 starts: after the last modifier word before its last
    word (:func:`_modifier_word`): "Kurdish-led Syrian Democratic Forces" is the Syrian
    Democratic Forces, "San Francisco-based Fitbit Inc" is Fitbit Inc; after a faith or
    group adjective before a second adjective of origin ("Kurdish Syrian Democratic
    Forces"); after a country's acronym before a body's name of three words or more."""
    if j - i < 2:
        return i
    texts = w.texts
    for k in range(j - 2, i - 1, -1):
        if "-" in texts[k] and _modifier_word(texts[k]):
            return k + 1
    lows = w.lows
    if j - i >= 3 and lows[i] in _GROUP_WORDS and lows[i + 1].endswith(_DEMONYM_ENDS):
        # "Kurdish Syrian Democratic Forces": two adjectives of origin in a row, the first
        # describing the body the second opens (not "Christian Democratic Union")
        if _strip_possessive(lows[j - 1]) in _ORG_SUFFIX:
            return i + 1
    if texts[i] in _PLACE_ACRONYMS and j - i > 3:
        # "the US National Aeronautics and Space Administration", "US Department of
        # Commerce": a country's acronym before a body's long name is where the body is
        # (a short one keeps it: "US Army", "UK Parliament")
        if _strip_possessive(w.lows[j - 1]) in _ORG_SUFFIX or _org_of(w.lows, i + 1, j):
            return i + 1
    return i


#: first words of a place's name of two words ("South Korea", "United States", "New
#: Zealand"): the office of :func:`_office_holder` is of two words then
_TWO_WORD_PLACE = frozenset("new north south east west united".split())


def _office_holder(w: _Words, i: int, j: int) -> str | None:
    """The person's name in a run after "<title> of": "the President of Russia Vladimir
    Putin", "Secretary of Defense Ash Carter", "Minister of Foreign Affairs Wang Yi", "the
    President of the United States Donald Trump". The run opens with the office's place or
    domain (one word, or two: "South Korea", "Foreign Affairs"), the name is the two or
    three words after it, each rare and none common; None where the run is no such name."""
    if j - i < 3:
        return None  # most runs (speed)
    lows = w.lows
    if w.word(i - 1) == "the" and w.word(i - 2) == "of" and w.word(i - 3) in _TITLE_WORDS:
        pass  # "the President of the United States Donald Trump": the run opens after "the"
    else:
        if "of" not in lows[i + 1 : j - 3]:
            return None
        k = lows.index("of", i + 1, j - 3)
        if lows[k - 1] not in _TITLE_WORDS:
            return None
        i = k + 1
    if j - i < 3:
        return None
    d = 1
    if j - i >= 4 and (lows[i] in _TWO_WORD_PLACE or _rank_word(lows[i + 1])):
        d = 2  # "South Korea Moon Jae-in", "Foreign Affairs Wang Yi"
    person = range(i + d, j)
    if not 2 <= len(person) <= 3 or _strip_possessive(lows[j - 1]).endswith(_DEMONYM_ENDS):
        return None
    for t in person:
        low = lows[t]
        if low in _COMMON or low in _NOT_NAMES or zipf(low) >= 5 or not w.texts[t][:1].isupper():
            return None
    return _strip_possessive(" ".join(w.texts[i + d : j]))


def _code(w: _Words, i: int) -> bool:
    """The word in capitals at token i is the letters of a code written with its number:
    "WASP-39b" (a planet), "GBU-43" (a bomb), "CP24", "MH17" (the number glued on, or after
    a glued hyphen), or glued after a number ("10GB", "005380.KS", "1.JPG": a unit, a
    listing's or a file's ending), not an organization's acronym."""
    if i >= 1 and w.glued(i):
        if w.kind(i - 1) == "num":
            return True
        if w.texts[i - 1] == "." and i >= 2 and w.glued(i - 1) and w.kind(i - 2) == "num":
            return True
    if i + 1 >= w.n or not w.glued(i + 1):
        return False
    if w.kind(i + 1) == "num":
        return True
    return w.texts[i + 1] == "-" and i + 2 < w.n and w.kind(i + 2) == "num" and w.glued(i + 2)


#: stock exchanges, written before a ticker ("NYSE: GE", "NASDAQ:AAPL")
_EXCHANGES = frozenset("nyse nasdaq tsx asx lse otc hkex sgx nse bse amex tse".split())


def _ticker(w: _Words, i: int, j: int) -> bool:
    """The run i..j-1 is a stock listing, not a body of the news: an exchange before a colon
    ("NASDAQ" of "(NASDAQ: INTC)") or the ticker after one ("INTC")."""
    if w.lows[i] in _EXCHANGES and j < w.n and w.texts[j] == ":":
        return True
    return i >= 2 and w.texts[i - 1] == ":" and w.lows[i - 2] in _EXCHANGES


#: the marks after a dateline's place ("MOSCOW, Russia –", "LOMBOK •")
_DATELINE_MARKS = frozenset(",(–—-:•")


def _dateline(w: _Words, i: int, j: int) -> str | None:
    """A place of two words or more in capitals opening the sentence before a dateline's
    mark: "NEW YORK, Dec. 16" is New York (not an organization YORK), as "MOSCOW, Russia"
    is Moscow; "(NEW YORK) --" too."""
    if not 2 <= j - i <= 3 or not (i == 0 or w.texts[i - 1] in _OPENERS):
        return None
    texts = w.texts
    for k in range(i, j):
        if len(texts[k]) < 2 or not texts[k].isupper() or not texts[k].isalpha():
            return None
    if w.lows[j - 1] in _ORG_SUFFIX:
        return None  # "(NBC NEWS) –": the outlet
    nxt = texts[j] if j < w.n else ""
    if nxt == ")" and i > 0 and texts[i - 1] == "(":
        nxt = texts[j + 1] if j + 1 < w.n else ""  # "(NEW YORK) --"
        if nxt not in ("-", "–", "—"):
            return None
    if nxt in _DATELINE_MARKS:
        return " ".join(texts[i:j]).title()
    return None


#: the words an organization's name with "and" in it follows ("the Food and Drug
#: Administration", "the ruling Justice and Development Party", "Department of Health and
#: Human Services")
_BEFORE_AND_NAME = frozenset("the of ruling governing opposition".split())


def _inner_link(w: _Words, j: int, cap_set: set[int], full: dict[str, str]) -> bool:
    """Token j, between two capitalized words, joins them into one organization's name: "and"
    after a common noun ("Justice and Development Party", "Food and Drug Administration") or
    the apostrophe of a plural possessive ("Peoples' Democratic Party"), where the run after
    it ends in an organization word (Party, Administration...)."""
    texts = w.texts
    low = w.lows[j]
    before = texts[j - 1]
    lows = w.lows
    of_name = False  # the words before "and" are a body's "of" name: "Department of Work"
    if low == "and":
        blow = lows[j - 1]
        if blow in _TITLE_WORDS or blow in _NOT_NAMES or before in full or not _common_noun(blow):
            return False
        if blow in _ORG_SUFFIX:
            return False  # two bodies: "Yale College and Yale Law School"
        # the capitalized words before "and" (over an "of" inside them), up to a possessive
        r = j - 1
        while r > 0 and not texts[r - 1].endswith(("'s", "’s")):
            if r - 1 in cap_set:
                r -= 1
            elif lows[r - 1] == "of" and r - 2 in cap_set:
                of_name = of_name or lows[r - 2] in _ORG_SUFFIX
                r -= 2
            else:
                break
        start = r + 1 if lows[r] == "the" else r
        prev = texts[r - 1] if r >= 1 else ""
        opened = lows[r] == "the" or w.word(r - 1) in _BEFORE_AND_NAME
        body_of = of_name and not opened  # (with "the" before, the rules of any name)
        if not body_of and (j - start > 3 or not (opened or prev.endswith(("'s", "’s")))):
            # only "the Food and...", "the US National Aeronautics and...", "Turkey's ruling
            # Justice and...", "the Department of Work and...": not "said Trump and"
            return False
    elif low not in ("'", "’") or not before.endswith("s") or w.kind(j - 1) != "word":
        return False
    else:
        body_of = False
    k = j + 1
    while k in cap_set or (w.word(k) == "of" and k + 1 in cap_set):
        k += 1
    if _strip_possessive(lows[k - 1]) in _ORG_SUFFIX:
        return not body_of
    # "the Department of Work and Pensions": the body's word is before "and"
    return of_name and k - j - 1 <= 2 and all(_common_noun(lows[q]) for q in range(j + 1, k))


#: titles that only ever stand before a name
_HONORIFICS = frozenset("mr mrs ms miss dr sir lady lord dame".split())


def _plural_noun(low: str) -> bool:
    """A plural of a common noun ("deputies"): no one's name after a title."""
    from newsbrief.compare import synonyms

    return low.endswith("s") and synonyms.lemma(low) != low and _common_noun(low)


def _of_the_link(w: _Words, j: int, cap_set: set[int]) -> bool:
    """Tokens j, j+1 are "of the" between an organization word and a capitalized word: one
    name ("International Committee of the Red Cross", "Organization of the Petroleum
    Exporting Countries", "Bank of the Philippine Islands"), not a name cut at "of"."""
    return (
        w.lows[j] == "of"
        and j + 2 in cap_set
        and j - 1 in cap_set
        and w.word(j + 1) == "the"
        and w.lows[j - 1] in _ORG_SUFFIX
    )


def _common_noun(low: str) -> bool:
    """A WordNet noun (the table of compare/synonyms.py), so a common word, not a name."""
    from newsbrief.compare.phrases import _is_noun  # phrases imports this module

    return _is_noun(low)


def _law_acronym(w: _Words, i: int) -> bool:
    """The acronym at token i names a law, not an organization: a law word follows it
    ("the FOSTA bill"), it is what a law is "known as", "called" or "dubbed" (with the
    acronyms it is joined to by a slash: "legislation known as SESTA/FOSTA"), or it is the
    bracketed short form of an Act ("... Act (SESTA)")."""
    if w.word(i + 1) in _LAW_WORDS:
        return True
    if i >= 2 and w.texts[i - 1] == "/" and w.texts[i - 2].isupper():
        return _law_acronym(w, i - 2)  # "legislation known as SESTA/FOSTA"
    if w.word(i - 1) in ("called", "dubbed", "named") and w.word(i - 2) in _LAW_WORDS:
        return True  # "a bill dubbed FOSTA"
    if w.word(i - 1) == "as" and w.word(i - 2) == "known" and w.word(i - 3) in _LAW_WORDS:
        return True  # "legislation known as SESTA"
    return i >= 2 and w.texts[i - 1] == "(" and w.word(i - 2) in ("act", "acts")


def _one_word(w: _Words, i: int, full: dict[str, str]) -> tuple[str, str] | None:
    """:func:`_name` of a run of one word (most runs), with the steps that cannot apply to
    one word left out: no title word before a name in it, nothing to trim, no speech verb
    (that needs two words)."""
    texts = w.texts
    t = texts[i]
    low = w.lows[i]
    if low in _NOT_NAMES or low in _MONTHS or low in _WEEKDAYS or low in _NAME_LINKS:
        return None
    initial = i == 0 or texts[i - 1] in _OPENERS
    if initial and zipf(low) >= 4.5:
        return None  # "Later", "Meanwhile": a common word opening the sentence
    text = _strip_possessive(t)
    if t.isupper() and len(t) >= 2:
        if _code(w, i):
            return None  # "WASP-39b", "CP24", "GBU-43": a designation, no body
        if initial and i + 1 < w.n and texts[i + 1] in _DATELINE_MARKS:
            return text.title(), "place"  # a dateline: "MOSCOW, Russia (AFP) –", "LOMBOK •"
        if t in _PLACE_ACRONYMS:
            return text, "place"
        if t in _CURRENCY_CODES:
            return None  # "one million USD": money, no body
        if len(t) >= 4 and zipf(low) >= 5:
            return None  # a common word in capitals: "STOP", "DEAL", "NEWS"
        if len(t) <= 6 and t not in _NOT_ACRONYMS and not _law_acronym(w, i):
            if _bracketed_no_body(w, i):
                return None
            return text, "organization"
        return None
    if text in _KNOWN_ORGS:
        return text, "organization"
    last = _strip_possessive(low)
    before = w.word(i - 1)
    if before in _TITLE_WORDS and low not in _COMMON and not last.endswith(_DEMONYM_ENDS):
        if zipf(low) < 4.5 and not _plural_noun(low):  # "Chief of Staff", "Sheriff Deputies"
            return full.get(text, text), "person"
    if before in ("in", "near", "at", "across", "outside", "inside", "throughout"):
        if not initial and not last.endswith(_DEMONYM_ENDS) and not _modifies(w, i + 1):
            if text not in full and t not in full:
                return text, "place"
    if text in full:
        return full[text], "person"
    return None


def _name(w: _Words, i: int, j: int, full: dict[str, str]) -> tuple[str, str] | None:
    """Classify the capitalized run of tokens i..j-1 as a person, place or organization."""
    texts = w.texts
    n = w.n
    if j == i + 1:
        # one word (most runs): what the steps below do with it, done cheaply
        low = texts[i].lower()
        if low in _NOT_NAMES or low in _MONTHS or low in _WEEKDAYS or low in _NAME_LINKS:
            return None
        if (i == 0 or texts[i - 1] in _OPENERS) and zipf(low) >= 4.5:
            return None
    # the run is tokens i..j-1 throughout, trimmed at either end (speed: bounds, not a
    # list of its indices)
    lows = w.lows
    titled = False
    # "UN Special Envoy Staffan de Mistura": the name follows the last title word
    cut = -1
    for q in range(i, j):
        if lows[q] in _TITLE_WORDS:
            cut = q
    honorific = cut >= 0 and lows[cut].rstrip(".") in _HONORIFICS
    if i <= cut < j - 1:
        titled = True
        i = cut + 1
    while i < j and (
        (lows[i] in _NOT_NAMES and not _name_start(w, i, j))
        or lows[i] in _MONTHS
        or lows[i] in _WEEKDAYS
        or lows[i] in _NAME_LINKS
        or (
            j - i > 1
            and zipf(lows[i]) >= 5
            and (i == 0 or w.kind(i - 1) == "punct")
            and not _opener_kept(w, i, j)
        )
    ):
        i += 1
    while i < j and (
        lows[j - 1] in _NAME_LINKS or lows[j - 1] in _WEEKDAYS or lows[j - 1] in _MONTHS
    ):
        if _surname_may(w, i, j):
            break  # "Theresa May said": a surname, not the month
        j -= 1
    if i >= j:
        return None
    size = j - i
    first = texts[i]
    text = _strip_possessive(" ".join(texts[i:j]))
    if " ’ " in text or " ' " in text:
        text = text.replace(" ’ ", "’ ").replace(" ' ", "' ")  # "Peoples’ Democratic Party"
    last = _strip_possessive(lows[j - 1])
    before = w.word(i - 1)
    if before == "" and i >= 2 and texts[i - 1] == "." and w.word(i - 2) in _TITLE_WORDS:
        before = w.word(i - 2)  # "Dr. Dan Cass"
    nxt = texts[j] if j < n else None
    after = w.word(j)
    if nxt == ",":
        after = w.word(j + 1)
    initial = i == 0 or texts[i - 1] in _OPENERS
    if initial and size == 1 and zipf(lows[i]) >= 4.5:
        return None  # "Later", "Meanwhile": a common word opening the sentence
    if size == 1 and first.isupper() and len(first) >= 2:
        if initial and nxt is not None and nxt in ",(–—-:":
            return text.title(), "place"  # a dateline: "MOSCOW, Russia (AFP) –"
        if first in _PLACE_ACRONYMS:
            return text, "place"
        if len(first) <= 6 and first not in _NOT_ACRONYMS and not _law_acronym(w, i):
            return text, "organization"
        return None
    if text in _KNOWN_ORGS:
        return text, "organization"
    if text == "West Bank":
        return text, "place"  # not a bank
    if size > 1 and last in _ORG_SUFFIX:
        return text, "organization"
    if size > 2 and _org_of(lows, i, j):
        return text, "organization"  # "Bank of England", "Committee of the Red Cross"
    if size > 1 and last in _PLACE_SUFFIX:
        if last == "state" and lows[j - 2] in _GROUP_WORDS:
            return text, "organization"  # "Islamic State": a group, not a state's land
        return text, "place"
    looks_person = _COMMON.isdisjoint(lows[i:j]) and not last.endswith(_DEMONYM_ENDS)
    looks_person = looks_person and all(
        zipf(lows[k]) < 5 or (k == j - 1 and texts[k] == "May") for k in range(i, j)
    )
    plural = not honorific and _plural_noun(lows[i])  # "Mr Summers" is one
    if looks_person and size == 1 and (zipf(lows[i]) >= 4.5 or plural):
        looks_person = False  # "Chief of General Staff", "County Sheriff Deputies"
    spoke = after in _SPEECH and size >= 2 and before not in ("of", "at", "for", "from", "the")
    if looks_person and size <= 4:
        if titled or before in _TITLE_WORDS or spoke:
            if size >= 2:
                full[texts[j - 1]] = text
            return full.get(text, text), "person"
    if before in ("in", "near", "at", "across", "outside", "inside", "throughout"):
        if size <= 3 and not initial and not last.endswith(_DEMONYM_ENDS) and not _modifies(w, j):
            if text not in full and texts[j - 1] not in full:
                return text, "place"
    if size >= 2 and full.get(texts[j - 1]) == text:
        return text, "person"
    if size == 1 and text in full:
        return full[text], "person"
    return None


_COMMON = _ORG_SUFFIX | _PLACE_SUFFIX | _TITLE_WORDS


#: words of :data:`_NOT_NAMES` that open names of bodies and places ("New York Times",
#: "National Rifle Association", "State Department", "North Korea's Central News Agency")
_NAME_OPENERS = frozenset("new national international state north south east west central".split())


def _opener_kept(w: _Words, i: int, j: int) -> bool:
    """The frequent word opening the sentence (or following a mark) is the first word of the
    body's or place's name all the same: one of :data:`_NAME_OPENERS` (:func:`_name_start`:
    "West Midlands Police", "New York City" after "Queens,"), or a common noun before two
    words or more that end in an organization or place word ("Star Furniture Co", "Air
    Force Academy", "Energy Future Holdings Corp": not "Later Police said")."""
    if _name_start(w, i, j):
        return True
    low = w.lows[i]
    if j - i < 3 or low in _NOT_NAMES or not _common_noun(low):
        return False
    last = _strip_possessive(w.lows[j - 1])
    return last in _ORG_SUFFIX or last in _PLACE_SUFFIX


def _surname_may(w: _Words, i: int, j: int) -> bool:
    """The run i..j-1 ends in "May" that is a surname: after a first name (no month, weekday
    or title word) and before no number ("Theresa May said"; not "Monday May 3", "in May
    2019" has no word before it in the run)."""
    if w.texts[j - 1] != "May" or j - i < 2:
        return False
    before = w.lows[j - 2]
    if before in _MONTHS or before in _WEEKDAYS or before in _NAME_LINKS:
        return False
    return not (j < w.n and w.kind(j) in ("num", "mask"))


def _org_of(lows: list[str], i: int, j: int) -> bool:
    """The run i..j-1 is an organization word's "of" name: "Bank of England", "Ministry of
    Defence", "International Committee of the Red Cross"."""
    return any(lows[q] == "of" and lows[q - 1] in _ORG_SUFFIX for q in range(i + 1, j - 1))


def _name_start(w: _Words, i: int, j: int) -> bool:
    """The first word of the run i..j-1 is part of the name: one of :data:`_NAME_OPENERS`
    before a run that ends in an organization or place word, one more word at least after it
    where the sentence opens with it ("New Police figures" is none)."""
    if w.lows[i] not in _NAME_OPENERS or j - i < 2:
        return False
    last = _strip_possessive(w.lows[j - 1])
    if last not in _ORG_SUFFIX and last not in _PLACE_SUFFIX and not _org_of(w.lows, i, j):
        return False
    return j - i >= 3 or not (i == 0 or w.texts[i - 1] in _OPENERS)
