"""Sentences, tokens, stems and stopwords: the text tools every scoring stage shares.

The sentence splitter needs no downloads and is fast (a regex finds candidate
boundaries; a few rules reject the false ones): a line break always ends a
sentence; ``.``, ``!``, ``?`` and ``…`` end one when followed by white space and an
upper-case letter, a digit or an opening quote, unless the word before the period
is a known abbreviation in its place ("Dr.", "Jan. 5", "Gen.", "Calif."; see the lists
below: "the sun. WASP-39b" ends a sentence), an initial ("John F. Kennedy")
or an acronym with periods ("U.S.") that is not followed by a typical sentence
opener. Closing quotes and brackets stay with the sentence they end.
"""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Iterable

import snowballstemmer

#: month names and their usual abbreviations, lower-cased, to month numbers (shared by the
#: readers' date parsing, cleaning's dateline rules and dating of undated articles)
MONTH_NUMBERS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for name in names
}

# Words after which a period may not end a sentence (compared in lower case). Most are
# also English words ("sun", "mar", "ill", "mass", "no"), so each kind has its own test:
# an abbreviation is capitalized ("Gen.", "Calif.", "Inc."), a month abbreviation stands
# before a number ("Jan. 5"), a weekday one before a month or a number ("Sun. Nov. 3"),
# and "No.", "p.", "fig." stand before a number. "The sun. WASP-39b ..." ends a sentence.
TITLES = frozenset(
    "mr mrs ms dr prof sr jr st gen col lt sgt capt cmdr adm maj gov sen rep rev fr pres supt "
    "insp det cpl pvt hon amb atty messrs mme mlle".split()
)
_MONTH_ABBREVIATIONS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
_WEEKDAY_ABBREVIATIONS = frozenset("mon tue tues wed thu thur thurs fri sat sun".split())
# before a number only, in any case: "No. 10", "p. 3", "ca. 1500", "approx. 30"
_NUMBERED = frozenset("no nos vol vols p pp fig figs ca approx est".split())
# capitalized only: companies, places, US states ("Portland, Ore.", "Apple Inc.")
_CAPITALIZED = frozenset(
    "dept univ assn co mt ft ave blvd rd hwy sq "
    "ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont "
    "neb nev okla ore pa tenn tex va vt wash wis wyo".split()
)
# in any case (none is an English word), before anything but a typical sentence opener:
# "Smith v. Jones", "et al.", "salesforce.com, inc. (NYSE: CRM)"
_ANY_CASE = frozenset("vs v al cf e.g i.e inc ltd corp plc llc bros".split())
OTHER_ABBREVIATIONS = (
    _MONTH_ABBREVIATIONS | _WEEKDAY_ABBREVIATIONS | _NUMBERED | _CAPITALIZED | _ANY_CASE
)

# Words that typically open a sentence: after "U.S." or "a.m." they mean a new sentence.
SENTENCE_OPENERS = frozenset(
    "the a an he she it they we i you his her its their our this that these those there "
    "but and so yet in on at as after before when while however meanwhile if since "
    "although though what who why how where officials police authorities".split()
)

_BOUNDARY = re.compile(r"""([.!?…]+)(["'”’)\]»]*)\s+(?=["'“‘(\[«]?[A-Z0-9])""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.'’-]*)$")
_ACRONYM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?$")
_NEXT_WORD = re.compile(r"""["'“‘(\[«]?([A-Za-z0-9]+)""")


#: the characters _WORD_BEFORE's run is made of
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.'’-")


def _word_before(line: str, end: int) -> re.Match[str] | None:
    """``_WORD_BEFORE.search(line, 0, end)``, searched in the last 64 characters first
    (speed: a search from 0 tries every place of a long paragraph). The match found there
    is the one from 0 when the character before it cannot extend its run; no match is
    none from 0 when the last character cannot end one."""
    start = end - 64
    if start <= 0:
        return _WORD_BEFORE.search(line, 0, end)
    m = _WORD_BEFORE.search(line, start, end)
    if m is not None and line[m.start() - 1] not in _WORD_CHARS:
        return m
    if m is None and line[end - 1] not in _WORD_CHARS:
        return None
    return _WORD_BEFORE.search(line, 0, end)


def _is_false_boundary(line: str, m: re.Match[str]) -> bool:
    """True when the period at ``m`` belongs to an abbreviation, not a sentence end."""
    if m.group(1) != "." or m.group(2):
        return False
    before = _word_before(line, m.start())
    if before is None:
        return False
    word = before.group(1).rstrip(".")
    low = word.lower()
    nxt = _NEXT_WORD.match(line, m.end())
    next_word = nxt.group(1) if nxt else ""
    capital = word[:1].isupper()
    number_next = next_word[:1].isdigit()
    if low in TITLES:
        return capital
    if low in _MONTH_ABBREVIATIONS:
        return capital and number_next
    if low in _WEEKDAY_ABBREVIATIONS:
        return capital and (number_next or next_word.lower() in MONTH_NUMBERS)
    if low in _NUMBERED:
        return number_next
    if low in _CAPITALIZED:
        return capital and next_word.lower() not in SENTENCE_OPENERS
    if low in _ANY_CASE:
        return next_word.lower() not in SENTENCE_OPENERS
    if len(word) == 1 and word.isupper():
        # an initial: "John F. Kennedy"
        return next_word.lower() not in SENTENCE_OPENERS
    if _ACRONYM.match(word + "."):
        # "U.S.", "a.m.", "U.N.": a sentence end only before a typical opener
        return next_word.lower() not in SENTENCE_OPENERS
    return False


def split_sentences(text: str) -> list[str]:
    """Split text into sentences; a line break always ends one. Empty pieces are dropped."""
    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        start = 0
        for m in _BOUNDARY.finditer(line):
            if _is_false_boundary(line, m):
                continue
            end = m.end(2)
            piece = line[start:end].strip()
            if piece:
                out.append(piece)
            start = m.end()
        piece = line[start:].strip()
        if piece:
            out.append(piece)
    return out


# A compact English stopword list (function words and reporting filler).
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are aren't as at be because
    been before being below between both but by can can't cannot could couldn't did didn't do
    does doesn't doing don't down during each few for from further had hadn't has hasn't have
    haven't having he he'd he'll he's her here here's hers herself him himself his how how's i
    i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my myself
    no nor not of off on once only or other ought our ours ourselves out over own same shan't she
    she'd she'll she's should shouldn't so some such than that that's the their theirs them
    themselves then there there's these they they'd they'll they're they've this those through
    to too under until up very was wasn't we we'd we'll we're we've were weren't what what's when
    when's where where's which while who who's whom why why's will with won't would wouldn't you
    you'd you'll you're you've your yours yourself yourselves said says say saying told tell
    according also just now new one would could may might must shall us mr mrs ms s t
    """.split()
)

_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_stemmer = snowballstemmer.stemmer("english")
_stem_cache: dict[str, str] = {}


def tokens(text: str) -> list[str]:
    """Lower-case word tokens (letters and digits; "don't" is one token)."""
    return _TOKEN.findall(text.lower())


def word_count(text: str) -> int:
    """Number of white-space separated words, as a reader counts them."""
    return len(text.split())


def stem(word: str) -> str:
    """Snowball (Porter 2) English stem of a lower-case word, cached."""
    s = _stem_cache.get(word)
    if s is None:
        s = _stemmer.stemWord(word)
        if len(_stem_cache) < 500_000:
            _stem_cache[word] = s
    return s


def content_terms(text: str) -> list[str]:
    """Stems of the non-stopword tokens of ``text``, in order: the unit of scoring."""
    return [st for _, st in content_pairs(text)]


def shingles(words: Iterable[str], k: int = 5) -> set[int]:
    """Stable 32-bit hashes (CRC-32) of the word k-grams of a token sequence.

    The whole sequence is one shingle when it is shorter than k. The hashes are the
    same in every process, so signatures computed on different machines agree.
    """
    w = list(words)
    if len(w) <= k:
        return {zlib.crc32(" ".join(w).encode())} if w else set()
    # the k-grams as zip of k shifted lists, each mapped through C functions (speed: no
    # bytecode per k-gram; the same hashes as joining w[i : i + k] for every i)
    grams = zip(*(w[j:] for j in range(k)), strict=False)  # ends with the shortest
    return set(map(zlib.crc32, map(str.encode, map(" ".join, grams))))


_freqs: dict[str, float] | None = None
#: Zipf value given to words missing from the frequency list (rare words and names)
UNKNOWN_ZIPF = 2.5


def zipf(word: str) -> float:
    """Zipf frequency of a lower-case word in general English (wordfreq's small list).

    Zipf is log10 of the frequency per billion words: about 7 for "the", 6 for
    "said", 4 for "earthquake"; words missing from the list get :data:`UNKNOWN_ZIPF`.
    """
    got = _zipf_of.get(word)
    if got is not None:
        return got
    global _freqs
    if _freqs is None:
        from wordfreq import get_frequency_dict  # the list ships inside the package

        _freqs = get_frequency_dict("en", wordlist="small")
    f = _freqs.get(word.replace("’", "'"))
    got = math.log10(f) + 9.0 if f else UNKNOWN_ZIPF
    if len(_zipf_of) < 500_000:
        _zipf_of[word] = got
    return got


#: :func:`zipf` of each word asked (speed: one dict look-up after the first)
_zipf_of: dict[str, float] = {}


def background_weight(zipf_value: float) -> float:
    """Importance of a word from its Zipf frequency: 7 - Zipf, at least 0.5.

    Frequent words weigh about 1 ("said"), rare words and names up to 4.5. This plays
    the part of idf without a corpus of our own, so terms that every article of an
    event shares still count.
    """
    return max(0.5, 7.0 - zipf_value)


def content_pairs(text: str, words: list[str] | None = None) -> list[tuple[str, str]]:
    """(surface word, stem) for each non-stopword token of ``text``, in order; ``words``,
    where given, are ``tokens(text)`` already worked out (speed)."""
    cache = _stem_cache
    out = []
    for t in _TOKEN.findall(text.lower()) if words is None else words:
        if t in STOPWORDS:
            continue
        if "’" in t:
            t = t.replace("’", "'")
        if t.endswith("'s"):
            t = t[:-2]
        s = cache.get(t)
        if s is None:
            s = stem(t)
        out.append((t, s))
    return out
