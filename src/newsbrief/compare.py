"""Compare the sources: the checkable facts each article states, and where they disagree.

:func:`extract_facts` reads one article and returns its facts: quantities with what they
count (people killed, evacuated, injured...; other counted things), money with its
currency, percentages, durations and ages ("five-year", "nearly six-year-old"),
measurements, earthquake magnitudes, dates and weekdays, and the names of people,
places and organizations. Everything is found by rules: no model, no download.

:func:`compare` aligns the facts of the articles of one event that are about the same
quantity and returns the agreements (one :class:`~newsbrief.model.Fact` per value, citing
every article that states it, with the sentence as evidence) and the disagreements
(:class:`~newsbrief.model.Disagreement`: different values for the same quantity, across
articles or within one).

Hedges are kept as written and normalized with their direction (``relation``):
``=`` plain, ``>=`` at least, ``>`` more than, ``<=`` up to, ``<`` less than, ``~`` about,
``~<`` nearly (approximately, from below), ``~>`` just over (approximately, from above).
Each value becomes an interval and two values are compatible when their intervals meet:

- ``=`` X: exactly X; a figure with three or more significant digits may be rounded by
  0.5% ("$531 million" and "US$530M" agree; "30,000" and "34,000" do not);
- ``~`` X: X +- w, ``~<`` X: (X - w, X], ``~>`` X: [X, X + w), where w is 10% of X but at
  least 1 for whole numbers below 20 ("nearly six years" is more than five years and at
  most six, so it disagrees with "five years" and agrees with "six years");
- ``>=``, ``>``, ``<=``, ``<``: the half-line ("at least 34,000" agrees with 35,000).

Precision comes first, because a false alarm costs the reader's trust. Two values are
called a disagreement only when they are about the same quantity with strong evidence:
the same category and subject (people killed, soldiers killed, war length, passengers,
the height of the flames...), taken from each article's first statement of it (a later
figure in the same article counts when another outlet states it too), not a part of a
total ("nine of them", "seven other satellites", a breakdown by place), not a figure
the article marks as superseded ("earlier put the toll at 10", "rose from ten to 24"),
not about another time ("in 2008", "since 2000", "a year on average", the whole war);
or else the two sentences say the same thing in nearly the same words. The same number
hedged differently ("10" and "more than 10") is not a disagreement, and values more than
3 times apart (1.5 for plain counts, 1.25 for money) are taken to be different
quantities. See docs/facts.md.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from newsbrief.model import Article, Brief, Disagreement, Fact
from newsbrief.text import STOPWORDS, split_sentences, stem, zipf

__all__ = [
    "CATEGORIES",
    "MAX_VALUE",
    "NUMERIC_KINDS",
    "RELATIONS",
    "compare",
    "compatible",
    "extract_facts",
    "facts_for_display",
    "parse_number",
    "score_against_labels",
    "with_facts",
]

#: how a hedge bounds a value
RELATIONS = ("=", ">=", ">", "<=", "<", "~", "~<", "~>")
#: what a count of people counts
PEOPLE_CATEGORIES = (
    "killed injured missing hospitalized evacuated rescued trapped arrested displaced".split()
)
#: every category a Fact can have
CATEGORIES = (
    *PEOPLE_CATEGORIES,
    *"count money percent duration age measurement magnitude".split(),
    *"date weekday person place organization".split(),
)
#: the kinds of facts that carry a number
NUMERIC_KINDS = ("quantity", "money", "percent", "duration", "age", "measurement", "magnitude")
#: no news quantity is larger; longer figures are ids or nonsense, not facts
MAX_VALUE = 1e15


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _table(spec: str) -> dict[str, str]:
    """'killed: dead died; injured: hurt' -> {'dead': 'killed', 'died': 'killed', ...}."""
    out: dict[str, str] = {}
    for part in spec.split(";"):
        if part.strip():
            value, _, keys = part.partition(":")
            for k in keys.split():
                out[k] = value.strip()
    return out


# ---------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------

_UNITS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
    if w != "_"
}
_SCALES = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "quadrillion": 1e15,
    "quintillion": 1e18, "sextillion": 1e21, "septillion": 1e24, "octillion": 1e27,
    "nonillion": 1e30, "decillion": 1e33, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
}  # fmt: skip
# written right after digits ("7.5bn", "£15m"); m and k count only next to a currency
_ABBREV = {"bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12, "mn": 1e6, "mln": 1e6, "m": 1e6, "k": 1e3}
_NUMBER_WORDS = frozenset(_UNITS) | frozenset(_TENS) | {"hundred", "dozen"} | frozenset(_SCALES)


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
    return text if text.isascii() else text.translate(_DIGITS)


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
# Vocabularies
# ---------------------------------------------------------------------------------------

_HEDGES: list[tuple[tuple[str, ...], str]] = sorted(
    (
        (tuple(phrase.split()), rel)
        for rel, phrases in (
            (">=", "at least|no fewer than|no less than|not less than|a minimum of|minimum of"),
            (">", "more than|over|upwards of|upward of|in excess of|above|exceeding|greater than"
                  "|well over|well above"),
            ("<=", "up to|as many as|at most|no more than|not more than|a maximum of"
                   "|maximum of|as much as"),
            ("<", "less than|fewer than|under|below|well under|well below"),
            ("~", "about|around|approximately|approx|roughly|some|an estimated|estimated|circa"
                  "|close to|an approximate|in the region of"),
            ("~<", "nearly|almost|just under|just below|just shy of|a little less than"
                   "|slightly less than|not quite"),
            ("~>", "just over|just above|a little more than|slightly more than|a little over"
                   "|slightly over|just more than|a bit more than"),
        )
        for phrase in phrases.split("|")
    ),
    key=lambda x: -len(x[0]),
)  # fmt: skip
_HEDGES_BY_LAST: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
for _phrase, _rel in _HEDGES:
    _HEDGES_BY_LAST[_phrase[-1]].append((_phrase, _rel))
# words that may stand between a hedge and its number ("at least another 31")
_HEDGE_SKIP = _words("another a further additional extra all only")

_TIME_UNITS = _table(
    "year: year years yr yrs; month: month months; week: week weeks; day: day days;"
    "hour: hour hours hr hrs; minute: minute minutes min mins; second: second seconds secs;"
    "decade: decade decades; century: century centuries"
)
_SECONDS = {"second": 1.0, "minute": 60.0, "hour": 3600.0, "day": 86400.0}
_SECONDS.update({"week": 7 * 86400.0, "month": 30.436875 * 86400.0, "year": 365.2425 * 86400.0})
_SECONDS.update({"decade": 10 * _SECONDS["year"], "century": 100 * _SECONDS["year"]})
_ISO = {
    "year": "Y",
    "month": "M",
    "week": "W",
    "day": "D",
    "hour": "H",
    "minute": "M",
    "second": "S",
}

# measurement units: written form -> (canonical unit, dimension, factor to SI)
_MEASURES: dict[str, tuple[str, str, float]] = {}
for _names, _canon, _dim, _factor in (
    ("km kms kilometre kilometres kilometer kilometers", "km", "length", 1000.0),
    ("mile miles", "mile", "length", 1609.344),
    ("m metre metres meter meters", "m", "length", 1.0),
    ("cm centimetre centimetres centimeter centimeters", "cm", "length", 0.01),
    ("mm millimetre millimetres millimeter millimeters", "mm", "length", 0.001),
    ("ft feet foot", "ft", "length", 0.3048),
    ("inch inches", "in", "length", 0.0254),
    ("yard yards", "yd", "length", 0.9144),
    ("mph", "mph", "speed", 0.44704),
    ("kph kmh", "km/h", "speed", 1 / 3.6),
    ("knots knot", "kn", "speed", 0.514444),
    ("kg kgs kilogram kilograms kilogramme kilogrammes", "kg", "mass", 1.0),
    ("tonne tonnes ton tons", "t", "mass", 1000.0),
    ("hectare hectares ha", "ha", "area", 1e4),
    ("acre acres", "acre", "area", 4046.8564224),
    ("litre litres liter liters", "l", "volume", 0.001),
    ("gallon gallons gal", "gal", "volume", 0.00378541),
    ("barrel barrels", "bbl", "volume", 0.158987),
):
    for _n in _names.split():
        _MEASURES[_n] = (_canon, _dim, _factor)
_UNIT_INFO = {canon: (dim, factor) for canon, dim, factor in _MEASURES.values()}

_CURRENCY_SYMBOLS = {"$": "$", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "₦": "NGN"}
_DOLLAR_PREFIX = _table("USD: us; AUD: au a; CAD: c ca; NZD: nz; HKD: hk; SGD: s; FJD: fj")
_CURRENCY_CODES = {
    c: c for c in "USD AUD CAD NZD HKD SGD FJD GBP EUR JPY CNY INR NGN ZAR RUB CHF".split()
}
_CURRENCY_CODES.update({"RMB": "CNY"})
# currency words written after the amount (two-word forms first)
_CURRENCY_WORDS = sorted(
    (
        (tuple(k.replace("_", " ").split()), v)
        for k, v in _table(
            "USD: us_dollars us_dollar; AUD: australian_dollars australian_dollar;"
            "CAD: canadian_dollars canadian_dollar; NZD: new_zealand_dollars;"
            "HKD: hong_kong_dollars; CHF: swiss_francs; GBP: pounds_sterling sterling;"
            "$: dollars dollar; EUR: euros euro; CNY: yuan renminbi; JPY: yen; INR: rupees rupee;"
            "NGN: naira; ZAR: rand; RUB: roubles rubles; TRY: lira; peso: pesos; franc: francs"
        ).items()
    ),
    key=lambda x: -len(x[0]),
)
_DOLLARS = _words("$ USD AUD CAD NZD HKD SGD FJD")

# what a count of people counts: words after the number (participles, adjectives) ...
_AFTER_CAT = _table(
    "killed: killed dead died die dies perished fatalities deaths fatals;"
    "injured: injured wounded hurt medical; missing: missing unaccounted disappeared vanished;"
    "hospitalized: hospitalised hospitalized hospital hospitals;"
    "evacuated: evacuated; rescued: rescued hoisted resurfaced saved surface;"
    "trapped: trapped stuck stranded underground; arrested: arrested detained;"
    "displaced: displaced fled flee"
)
# ... and words before it ("killing 12", "the number of deaths, 13")
_BEFORE_CAT = _table(
    "killed: killing kill kills killed deaths death toll fatalities dead;"
    "injured: injuring injure injures injured wounding wounded injuries; missing: missing;"
    "evacuated: evacuate evacuated evacuating evacuation; rescued: rescue rescued rescuing;"
    "trapped: trapping trapped; arrested: arresting arrested arrest detained detaining;"
    "displaced: displacing displaced; hospitalized: hospitalised hospitalized"
)
_CAT_NOUNS = _words("dead fatalities fatals deaths bodies lives")
# who is counted: groups of subjects that are never mixed
_SUBJECT_OF = _table(
    "children: children kids students pupils schoolchildren babies infants minors teenagers "
    "boys girls;"
    "security forces: soldiers troops policemen policewomen officers personnel servicemen guards "
    "marines peacekeepers police gendarmes sailors airmen;"
    "attackers: militants terrorists insurgents assailants attackers gunmen rebels jihadists "
    "bombers suspects extremists fighters raiders"
)
_PEOPLE_NOUNS = _words(
    "people persons person individuals civilians residents villagers passengers workers miners "
    "mineworkers employees staff fans spectators worshippers pilgrims tourists migrants refugees "
    "victims lives others adults men women commuters patients inhabitants citizens members "
    "travellers travelers crew survivors drivers pedestrians shoppers protesters demonstrators "
    "prisoners inmates hostages families locals guests visitors customers casualties bodies"
) | frozenset(_SUBJECT_OF)
_PERSON_HEADS = _words(
    "man woman boy girl son daughter child kid baby mother father grandmother grandfather "
    "person resident student victim driver passenger wife husband brother sister teenager "
    "mum mom dad grandson granddaughter nephew niece cousin widow pensioner worker soldier "
    "officer suspect gunman bomber attacker pilot patient lady gentleman citizen survivor "
    "neighbour neighbor actor actress singer player athlete inmate prisoner"
)
# a number after these words is part of a name ("shaft 3", "flight 370")
# "anyone under 21": who an age limit applies to
_AGE_HOLDERS = _words(
    "anyone anybody people buyers customers those children adults someone persons shoppers "
    "consumers users voters drivers"
)
_ID_NOUNS = _words(
    "shaft no number flight route highway interstate chapter section article room gate platform "
    "terminal level phase grade category stage line channel page version model episode season "
    "apartment unit block lot pier ward bus train car seat row track lane exit junction "
    "district zone sector box suite building floor game week"
)
# words that end a counted noun phrase
_STOP = STOPWORDS | _words(
    "is are was were be been being am have has had having do does did will would shall should "
    "can could may might must said say says told tell according reported reportedly believed "
    "thought feared expected estimated including include includes included who which that "
    "whom whose where when while as than from in on at of to for with by into onto during after "
    "before since until via per and or but nor so yet if because although though remain "
    "remained remaining remains still only also now then there here near around across along "
    "outside inside within amid amidst among beside behind beyond despite toward towards "
    "aboard worldwide globally nationwide overnight each apiece respectively today yesterday "
    "tomorrow tonight ago later earlier"
)
_MODIFIERS = _words("more other others further additional extra new same")
_PLURAL_LIKE = _words("people children men women staff personnel police crew")
_IRREGULAR_PAST = _words(
    "began begun ended came went broke took made saw left led fell rose grew won lost ran became "
    "brought gave got held kept met paid put set stood told thought drew struck hit cut"
)
_DIM_WORDS = _words("high tall deep long wide thick")
_TRAVEL = _words("flew flown flying fly flies travelled traveled travelling traveling covered")
_DIRECTIONS = _words(
    "north south east west northeast northwest southeast southwest northern southern eastern "
    "western off away offshore inland"
)
_MONEY_WORDS = _table(
    "fine: fine fined penalty penalties; bill: bill; tax: tax vat; cost: cost costs;"
    "fee: fee fees; price: price deal acquisition acquire buy bought paying; loan: loan loans "
    "bailout; pension: pension pensions; fund: fund; salary: salary wage wages; bonus: bonus;"
    "stake: stake; valuation: valued valuation; revenue: revenue revenues sales;"
    "profit: profit profits; loss: loss losses lost; debt: debt debts; damages: damages;"
    "settlement: settlement; ransom: ransom; budget: budget; aid: aid;"
    "investment: investment invest; compensation: compensation; bail: bail; reward: reward;"
    "donation: donation; grant: grant; provision: provision"
)
_TITLE_WORDS = _words(
    "president prime minister mr mrs ms miss dr gen general chief sgt sergeant governor senator "
    "sen rep judge king queen prince princess pope sheikh commissioner deputy secretary "
    "ambassador envoy chancellor mayor lt col colonel capt captain major cmdr admiral professor "
    "prof rev father sir lord lady dame inspector superintendent spokesman spokeswoman "
    "spokesperson ceo chairman chairwoman chairperson director correspondent leader founder "
    "boss coach attorney warden activist"
)
_SPEECH = _words(
    "said says told added wrote tweeted posted explained stated declared announced insisted "
    "warned noted argued claimed confirmed urged"
)
_ORG_SUFFIX = _words(
    "ministry agency bank company co inc corp corporation group party police army forces "
    "committee council commission centre center fund office service services university union "
    "organisation organization authority court association institute administration bureau "
    "department news times post network tv television radio reserve board foundation society "
    "federation league club airlines airways railways ltd plc llc holdings partners "
    "cooperative coalition alliance assembly parliament congress senate government command "
    "guard navy brigade regiment movement front brotherhood trust hospital school college "
    "academy press journal daily herald telegraph guardian tribune observer mail express "
    "gazette review magazine channel broadcasting exchange"
)
_PLACE_SUFFIX = _words(
    "province county city region state district river sea lake bay ocean island islands "
    "mountains mountain valley street road avenue square village town township republic kingdom "
    "coast peninsula desert gulf strait canal airport port station highway freeway park "
    "prefecture territory oblast municipality borough"
)
_KNOWN_ORGS = _words(
    "Reuters AFP AP Xinhua TASS Bloomberg BBC CNN CCTV NBC CBS ABC Interfax Facebook Twitter "
    "Google Microsoft Amazon Apple YouTube Instagram NATO Hezbollah Hamas Taliban"
)
_PLACE_ACRONYMS = _words("US USA UK UAE DRC")
_NOT_ACRONYMS = _words(
    "CEO CFO COO CTO MP MPS PM PC TV GDP VAT IPO AI IT OK PR HQ ID UFO AM FM DNA HIV VIP ATM SUV "
    "FILE UPDATE UPDATED URGENT READ MORE WATCH VIDEO PHOTO BREAKING NEW LIVE"
)
_NOT_NAMES = _words(
    "the a an this that these those it its he she they we i you his her their our my your in on "
    "at as but and or for after before when while if since although though however meanwhile "
    "there here what who why how where thanks according also some many most all no not one two "
    "three yes read watch video photo picture image share advertisement update updated breaking "
    "urgent exclusive live new more other people police officials authorities witnesses state "
    "national international western eastern northern southern north south east west central "
    "latest file"
)
_NAME_LINKS = _words("de al bin van von der da di du la le of el")
_MONTHS = {
    m: i
    for i, names in enumerate(
        ["january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
         "august aug", "september sep sept", "october oct", "november nov", "december dec"],
        1,
    )
    for m in names.split()
}  # fmt: skip
_WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
_DEMONYM_ENDS = ("ian", "ese", "ish", "ean", "ians", "eans")

_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_DATE_RES = [
    # October 19, 2019 / Oct. 19 / Oct 19th 2019
    re.compile(
        rf"\b(?P<mon>{_MONTH_RE})\s+(?P<day>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?"
        rf"(?:,?\s+(?P<year>\d{{4}})\b)?"
    ),
    # 19 October 2019 / 5 February
    re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH_RE})(?![a-z])"
        rf"(?:,?\s+(?P<year>\d{{4}})\b)?"
    ),
    # July 2018
    re.compile(rf"\b(?P<mon>{_MONTH_RE})\s+(?P<year>\d{{4}})\b"),
    # 2016-10-23
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b"),
    # 23/12/2016
    re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})\b"),
]
_MASK_RES = [
    # links, e-mail addresses, handles and hashtags
    re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|[@#]\w+|\bpic\.twitter\.com/\S+"),
    # clock times: 6 am, 8:20 a.m., 10.55 pm, 21:53, 16:00hrs
    re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?\s?m\b\.?|p\.?\s?m\b\.?)", re.I),
    re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*hrs)?"),
    re.compile(r"\b(?:UTC|GMT)\s*[+-]\s*\d{1,2}(?::\d{2})?"),
    # phone numbers, fractions and scores written with a slash
    re.compile(r"\+?\d{2,4}[ -]\d{3,4}[ -]\d{3,4}(?:[ -]\d{2,4})?"),
    re.compile(r"\b\d+/\d+\b"),
]
_HAS_DIGIT = re.compile(r"\d").search
_LONG_RE = re.compile(r"(?:year|month|week|day|hour|decade)-long")
_TOKEN_RE = re.compile(
    r"(?P<num>\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]\d)|\d+(?:[.,]\d+)*)"
    r"|(?P<word>[A-Za-z]+(?:['’][A-Za-z]+)*(?:-[A-Za-z]+)*)"
    r"|(?P<sym>[$£€¥₹₦%])"
    r"|(?P<punct>\S)"
)

# ---------------------------------------------------------------------------------------
# Tokens and numbers
# ---------------------------------------------------------------------------------------


@dataclass
class _Tok:
    kind: str  # num, word, sym, punct, mask
    text: str
    start: int
    end: int
    space: bool  # white space before it
    low: str = ""
    value: float | None = None  # digits, and number words such as "twenty-four"
    cap: bool = False  # a capitalized word

    def __post_init__(self) -> None:
        self.cap = self.kind == "word" and self.text[:1].isupper()


def _tokenize(text: str, masks: list[tuple[int, int]]) -> list[_Tok]:
    """Tokens of a sentence; each masked span (a link, a clock time...) is one token."""
    toks: list[_Tok] = []
    pos = prev_end = 0
    for ms, me in [*_merge(masks), (len(text), len(text))]:
        for m in _TOKEN_RE.finditer(text, pos, ms):
            kind = m.lastgroup or "punct"
            t = m.group()
            tok = _Tok(kind, t, m.start(), m.end(), m.start() > prev_end, t.lower())
            if kind == "word" and "-" in t:
                toks.extend(_split_hyphenated(tok))
            else:
                if kind == "num":
                    tok.value = _digits_value(t)
                toks.append(tok)
            prev_end = m.end()
        if me > ms:
            toks.append(_Tok("mask", text[ms:me], ms, me, ms > prev_end))
            prev_end = me
        pos = max(pos, me)
    return toks


def _split_hyphenated(tok: _Tok) -> list[_Tok]:
    """'twenty-four' -> one number word; 'six-year-old' -> 'six' '-' 'year-old'."""
    parts = tok.text.split("-")
    k = 0
    while k < len(parts) and parts[k].lower() in _NUMBER_WORDS:
        k += 1
    got = _word_value([p.lower() for p in parts[:k]]) if k else None
    if got is None or got[1] != k:
        return [tok]
    head = "-".join(parts[:k])
    first = _Tok("word", head, tok.start, tok.start + len(head), tok.space, head.lower(), got[0])
    if k == len(parts):
        return [first]
    s = first.end
    rest = "-".join(parts[k:])
    return [
        first,
        _Tok("punct", "-", s, s + 1, False, "-"),
        _Tok("word", rest, s + 1, tok.end, False, rest.lower()),
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


def _numbers(toks: list[_Tok]) -> list[_Num]:
    """The numbers of a sentence: digits, number words, digits with scale words."""
    out: list[_Num] = []
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        nw = toks[i + 1].low if i + 1 < n and toks[i + 1].kind == "word" else ""
        if t.kind == "num" and t.value is not None:
            value = t.value
            j = i + 1
            abbrev = ""
            digits = t.text.replace(",", "").replace(" ", "").replace("\u00a0", "")
            sig = len(digits.replace(".", "").strip("0")) or 1
            if nw in _ABBREV and not toks[j].space:
                abbrev = nw
                j += 1
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
        if t.low in ("a", "an") and nw.split("-")[0] in _TIME_UNITS and not nw.endswith("-long"):
            out.append(_Num(i, i + 1, 1.0, True, True))  # "about a minute", "a week-long"
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
            if got is not None and not (t.low in ("a", "an") and got[1] == 1):
                end = owner[got[1] - 1] + 1
                weak = flat[0] == "one" and got[1] == 1
                out.append(_Num(i, end, got[0], True, weak))
                i = end
                continue
        i += 1
    return out


def _spell(v: float) -> str:
    """A hyphenated number word's value spelled back for the word parser."""
    v = int(v)
    names = {x: w for w, x in _UNITS.items()} | {x: w for w, x in _TENS.items()}
    if v in names:
        return names[v]
    return f"{names[v // 10 * 10]} {names[v % 10]}" if v < 100 else str(v)


# ---------------------------------------------------------------------------------------
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
                if got:
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
# Compatibility of hedged values
# ---------------------------------------------------------------------------------------


def _interval(value: float, relation: str, sig: int = 0) -> tuple[float, bool, float, bool]:
    """(low, low_open, high, high_open): the values a hedged figure allows."""
    w = 0.1 * abs(value)
    if value == int(value) and abs(value) < 20:
        w = max(w, 1.0)
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


def _factor(kind: str, unit: str) -> float:
    if kind == "duration":
        return _SECONDS.get(unit, 1.0)
    if kind == "measurement":
        return _UNIT_INFO.get(unit, ("", 1.0))[1]
    return 1.0


def _si(m: _Mention, value: float | None = None, unit: str | None = None) -> float:
    """A value in a common unit (seconds, metres...) for comparison."""
    v = m.value if value is None else value
    return v * _factor(m.kind, m.unit if unit is None else unit)


def _values(m: _Mention) -> list[tuple[float, str]]:
    """The value and its bracketed conversions ("4,000 km (2,500 miles)"), with units."""
    return [(m.value, m.unit), *m.aliases]


def _currency_match(u1: str, u2: str) -> bool:
    return u1 == u2 or (u1 == "$" and u2 in _DOLLARS) or (u2 == "$" and u1 in _DOLLARS)


def _mentions_compatible(a: _Mention, b: _Mention) -> bool | None:
    """Whether the two values (or their conversions) can both be true; None if not comparable."""
    comparable = False
    for va, ua in _values(a):
        for vb, ub in _values(b):
            if a.kind == "money" and not _currency_match(ua, ub):
                continue
            comparable = True
            # across units ("6 km" and "four miles") a plain figure is a rounding to its
            # last digit; within one unit it stands as written
            rounded = ua != ub and a.kind in ("measurement", "duration")
            if _overlap(_bounds(a, va, ua, rounded), _bounds(b, vb, ub, rounded)):
                return True
    return False if comparable else None


def _bounds(m: _Mention, v: float, unit: str, rounded: bool) -> tuple[float, bool, float, bool]:
    """The interval a value of a mention allows, in a common unit (seconds, metres...)."""
    lo, lo_open, hi, hi_open = _interval(v, m.relation, m.sig if v == m.value else 0)
    if rounded and m.relation == "=":
        lo, hi = v - _step(v) / 2, v + _step(v) / 2
    f = _factor(m.kind, unit)
    return lo * f, lo_open, hi * f, hi_open


_RATIO = {"quantity": 3.0, "count": 1.5, "money": 1.25, "percent": 1.5, "duration": 2.0}
_RATIO |= {"age": 1.5, "measurement": 1.5, "magnitude": 1.3}


def _close_enough(a: _Mention, b: _Mention) -> bool:
    """Values far apart are taken to be different quantities, not a disagreement."""
    limit = _RATIO["count"] if a.category == "count" else _RATIO.get(a.kind, 1.5)
    if a.kind == "measurement" and a.noun and a.noun == b.noun:
        limit = 3.0  # the same named thing measured
    if a.kind == "money" and not _currency_match(a.unit, b.unit):
        return False
    va, vb = _si(a), _si(b)
    return va > 0 and vb > 0 and max(va, vb) / min(va, vb) <= limit


def _corroborates(o: _Mention, m: _Mention) -> bool:
    """o backs m: compatible, and o is a figure rather than a bound ("up to 3,000")."""
    if o.relation in (">=", ">", "<=", "<") and o.value != m.value:
        return False
    return bool(_mentions_compatible(o, m))


def _pair_ok(a: _Mention, b: _Mention) -> bool:
    """Two statements of one quantity disagree: incompatible, different, close enough."""
    if _si(a) == _si(b) and a.unit == b.unit:
        return False  # "10" and "more than 10": too fine a difference to call
    if _mentions_compatible(a, b) is not False or not _close_enough(a, b):
        return False
    if a.category == "count":
        return bool((a.context & b.context) - {stem(a.noun)})
    return True


def _similar(a: _Mention, b: _Mention) -> bool:
    """Nearly the same words around the two numbers: the same statement, re-reported."""
    inter = len(a.context & b.context)
    union = len(a.context | b.context)
    return inter >= 3 and inter / union >= 0.6


# ---------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------


def _scan(article: Article, index: int = 0, reference_year: int | None = None) -> _Scanner:
    return _Scanner(article, index, reference_year).run()


def extract_facts(article: Article, *, reference_year: int | None = None) -> list[Fact]:
    """The checkable facts one article states, each with its sentence as evidence.

    ``reference_year`` is the year the article is about when it has no publication
    date; figures given for other years are marked so in their measure ("people killed
    (in 2008)") and are not compared with this year's.
    """
    return _facts_of([article], [_scan(article, 0, reference_year)])


def compare(
    articles: Sequence[Article], *, reference_year: int | None = None
) -> tuple[list[Fact], list[Disagreement]]:
    """Facts of the articles of one event, aligned: agreements and disagreements.

    Returns ``(facts, disagreements)``. ``facts`` has one :class:`Fact` per quantity and
    value (then per date and name), citing every article that states it, most-cited
    first; ``evidence[i]`` is the sentence of ``article_ids[i]``. Each
    :class:`Disagreement` lists the values given for one quantity, each a Fact with its
    articles and sentences. ``reference_year`` defaults to the most common publication
    year of the articles.
    """
    arts = list(articles)
    if reference_year is None:
        years = Counter(a.published.year for a in arts if a.published)
        reference_year = years.most_common(1)[0][0] if years else None
    scans = [_scan(a, i, reference_year) for i, a in enumerate(arts)]
    groups: list[list[_Mention]] = []
    # 1. the same key: each article's own statements of it
    for key, claims in _claims(scans).items():
        bad = [
            (a, b)
            for i, a in enumerate(claims)
            for b in claims[i + 1 :]
            if (a.article != b.article or key[0] in ("q", "count", "duration", "age"))
            and _pair_ok(a, b)
        ]
        if bad:
            core = {id(x): x for pair in bad for x in pair}
            groups.append(
                [
                    c
                    for c in claims
                    if id(c) in core
                    or any(
                        _close_enough(c, x) and _mentions_compatible(c, x) for x in core.values()
                    )
                ]
            )
    # 2. money: the same currency, a shared word for what it is, within 25%
    money = [
        m
        for sc in scans
        for m in sc.mentions
        if m.kind == "money" and m.alignable and not m.background
    ]
    for i, a in enumerate(money):
        for b in money[i + 1 :]:
            if (a.article, a.sent) != (b.article, b.sent) and a.money_words & b.money_words:
                if _pair_ok(a, b):
                    groups.append([a, b])
    # 3. nearly the same sentence around the number, in any category
    by_cat: dict[tuple[str, str], list[_Mention]] = defaultdict(list)
    for sc in scans:
        for m in sc.mentions:
            if m.alignable:
                dim = _UNIT_INFO.get(m.unit, (m.unit, 1.0))[0] if m.kind == "measurement" else ""
                by_cat[(m.category, dim)].append(m)
    for ms in by_cat.values():
        if len(ms) > 2000:
            continue
        for i, a in enumerate(ms):
            for b in ms[i + 1 :]:
                if a.order != b.order or a.background != b.background:
                    continue
                if (a.article, a.sent) != (b.article, b.sent) and _similar(a, b) and _pair_ok(a, b):
                    groups.append([a, b])
    return _facts_of(arts, scans), _disagreements(arts, groups)


def with_facts(brief: Brief, articles: Sequence[Article]) -> Brief:
    """The brief with the facts and disagreements of its articles (see :func:`compare`)."""
    facts, disagreements = compare(articles)
    return replace(brief, facts=tuple(facts), disagreements=tuple(disagreements))


def _display_measure(m: _Mention) -> str:
    if m.superseded:
        return f"{m.measure} (earlier figure)"
    if m.partial:
        return f"{m.measure} (part of a total)"
    if m.alias:
        return f"{m.measure} (conversion)"
    if m.background:
        bg = m.background
        return f"{m.measure} (in {bg})" if bg[:1].isdigit() else f"{m.measure} ({bg})"
    return m.measure


def _facts_of(articles: Sequence[Article], scans: Sequence[_Scanner]) -> list[Fact]:
    """Agreements: one Fact per measure and value, citing every article that states it."""
    numeric: dict[tuple[str, ...], list[_Mention]] = {}
    for sc in scans:
        for m in sc.mentions:
            key = (m.kind, _display_measure(m), m.normalized, m.unit, m.relation)
            numeric.setdefault(key, []).append(m)
    ranked: list[tuple[tuple[int, int, int], Fact]] = []
    for gi, (gk, ms) in enumerate(numeric.items()):
        ids: list[str] = []
        ev: list[str] = []
        for m in ms:
            aid = articles[m.article].id
            if aid not in ids:
                ids.append(aid)
                ev.append(m.sentence)
        (written, relation), _ = Counter((m.written, m.relation) for m in ms).most_common(1)[0]
        first = ms[0]
        fact = Fact(
            kind=first.kind,
            measure=gk[1],
            value=written,
            normalized=first.normalized,
            relation=relation,
            unit=first.unit,
            article_ids=tuple(ids),
            evidence=tuple(ev),
            category=first.category,
        )
        background = int(first.partial or first.superseded or first.alias or bool(first.background))
        ranked.append(((background, -len(ids), gi), fact))
    other: dict[tuple[str, str], tuple[str, list[str], list[str]]] = {}
    full = _full_names(scans)
    for sc in scans:
        aid = articles[sc.index].id
        items = [(w, norm, kind, si) for w, norm, kind, si in sc.dates]
        for name, kind, si in sc.names:
            if kind == "person":
                name = full.get(_name_key(name), name)
            items.append((name, _name_key(name), kind, si))
        for written, norm, kind, si in items:
            _w, ids, ev = other.setdefault((kind, norm), (written, [], []))
            if aid not in ids:
                ids.append(aid)
                ev.append(sc.sentences[si])
    labels = {"date": "date", "weekday": "weekday", "person": "person named"}
    labels |= {"place": "place named", "organization": "organization named"}
    rank = {"date": 2, "weekday": 2, "person": 3, "place": 4, "organization": 5}
    for gi, ((kind, norm), (written, ids, ev)) in enumerate(other.items()):
        fact = Fact(
            kind=kind,
            measure=labels[kind],
            value=written,
            normalized=norm if kind in ("date", "weekday") else written,
            article_ids=tuple(ids),
            evidence=tuple(ev),
            category=kind,
        )
        ranked.append(((rank[kind], -len(ids), gi), fact))
    ranked.sort(key=lambda x: x[0])
    return [f for _, f in ranked]


def _name_key(name: str) -> str:
    """'Bashar al-Assad' and 'Bashar Assad' have the same key."""
    name = re.sub(r"\b(?:al|el|ad|as|ar)-", "", name.lower())
    return re.sub(r"[\s\-‐]+", " ", name).strip()


def _full_names(scans: Sequence[_Scanner]) -> dict[str, str]:
    """Person name keys mapped to the longest form naming the same person in the event:
    a surname alone ('Assad') or a shorter form ('Bashar Assad') maps to the full name
    when only one full name of the event ends with it."""
    persons = {n for sc in scans for n, kind, _ in sc.names if kind == "person"}
    by_last: dict[str, set[str]] = defaultdict(set)
    for n in persons:
        if len(n.split()) >= 2:
            by_last[_name_key(n).split()[-1]].add(n)
    out: dict[str, str] = {}
    for n in persons:
        cands = by_last.get(_name_key(n).split()[-1], set())
        longest = max(cands, key=len) if cands else n
        if len(cands) == 1 or all(_name_key(c) == _name_key(longest) for c in cands):
            out[_name_key(n)] = longest
    return out


def _claims(scans: Sequence[_Scanner]) -> dict[tuple[str, ...], list[_Mention]]:
    """Per key, each article's statements: its first one, and a later one that differs
    from it when another article's first statement backs it (durations and ages: all)."""
    by_key: dict[tuple[str, ...], dict[int, list[_Mention]]] = defaultdict(dict)
    for sc in scans:
        for m in sc.mentions:
            if m.alignable and m.kind != "money" and _strong_key(m):
                by_key[m.key].setdefault(m.article, []).append(m)
    out: dict[tuple[str, ...], list[_Mention]] = {}
    for key, per_article in by_key.items():
        leads = {a: _merge_same_value(ms)[0] for a, ms in per_article.items()}
        claims: list[_Mention] = []
        for art, ms in per_article.items():
            ms = _merge_same_value(ms)
            claims.append(ms[0])
            for m in ms[1:]:
                if key[0] in ("duration", "age"):
                    claims.append(m)
                elif _mentions_compatible(m, ms[0]) is False and any(
                    _corroborates(o, m) for a, o in leads.items() if a != art
                ):
                    claims.append(m)
        out[key] = claims
    return out


def _merge_same_value(ms: list[_Mention]) -> list[_Mention]:
    """In one article, 'twenty' and 'more than twenty' are one statement: keep the hedged
    one, in the place of the first mention."""
    out: list[_Mention] = []
    for m in ms:
        for i, o in enumerate(out):
            if o.value == m.value and o.unit == m.unit:
                if o.relation == "=" and m.relation != "=":
                    out[i] = replace(o, relation=m.relation, written=m.written)
                break
        else:
            out.append(m)
    return out


def _disagreements(arts: Sequence[Article], groups: list[list[_Mention]]) -> list[Disagreement]:
    """Merge overlapping groups; each becomes a Disagreement of one Fact per value."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_id: dict[int, _Mention] = {}
    for g in groups:
        for m in g:
            by_id[id(m)] = m
            parent[find(id(m))] = find(id(g[0]))
    clusters: dict[int, list[_Mention]] = defaultdict(list)
    for x, m in by_id.items():
        clusters[find(x)].append(m)
    out: list[tuple[tuple[int, int], Disagreement]] = []
    for ms in clusters.values():
        ms.sort(key=lambda m: (m.article, m.sent, m.pos))
        by_value: dict[tuple[float, str], list[_Mention]] = defaultdict(list)
        for m in ms:
            by_value[(_si(m), m.relation)].append(m)
        if len(by_value) < 2:
            continue
        facts = []
        for (_v, rel), vs in sorted(by_value.items(), key=lambda kv: (kv[0][0], kv[0][1])):
            ids: list[str] = []
            ev: list[str] = []
            for m in vs:
                if arts[m.article].id not in ids:
                    ids.append(arts[m.article].id)
                    ev.append(m.sentence)
            f0 = vs[0]
            facts.append(
                Fact(
                    kind=f0.kind,
                    measure=f0.measure,
                    value=f0.written,
                    normalized=f0.normalized,
                    relation=rel,
                    unit=f0.unit,
                    article_ids=tuple(ids),
                    evidence=tuple(ev),
                    category=f0.category,
                )
            )
        measure = Counter(m.measure for m in ms).most_common(1)[0][0]
        out.append((min((m.article, m.sent) for m in ms), Disagreement(measure, tuple(facts))))
    out.sort(key=lambda x: x[0])
    return [d for _, d in out]


def facts_for_display(brief: Brief, limit: int = 12) -> dict[str, Any]:
    """A brief's facts and disagreements ready to show, cited by 1-based source number.

    Returns ``{"disagreements": [{"measure", "values": [{"value", "citations",
    "evidence": [(number, sentence), ...]}]}], "facts": [{"measure", "value",
    "citations", "evidence"}], "names": {"people" | "places" | "organizations":
    [(name, citations)]}, "dates": [(value, citations)]}``. ``facts`` holds the numeric
    facts, most-cited first, at most ``limit`` of them (0: all).
    """
    number = {a.id: i for i, a in enumerate(brief.sources, 1)}

    def cites(f: Fact) -> list[int]:
        return sorted({number[a] for a in f.article_ids if a in number})

    def evidence(f: Fact) -> list[tuple[int, str]]:
        return [(number.get(a, 0), s) for a, s in zip(f.article_ids, f.evidence, strict=False)]

    def row(f: Fact) -> dict[str, Any]:
        return {
            "measure": f.measure,
            "value": f.value,
            "citations": cites(f),
            "evidence": evidence(f),
        }

    numeric = [f for f in brief.facts if f.kind in NUMERIC_KINDS]
    names: dict[str, list[tuple[str, list[int]]]] = {
        "people": [],
        "places": [],
        "organizations": [],
    }
    plural = {"person": "people", "place": "places", "organization": "organizations"}
    dates: list[tuple[str, list[int]]] = []
    for f in brief.facts:
        if f.kind in plural:
            names[plural[f.kind]].append((f.value, cites(f)))
        elif f.kind in ("date", "weekday"):
            dates.append((f.value, cites(f)))
    return {
        "disagreements": [
            {"measure": d.measure, "values": [row(f) for f in d.facts]} for d in brief.disagreements
        ],
        "facts": [row(f) for f in (numeric[:limit] if limit else numeric)],
        "names": names,
        "dates": dates,
    }


# ---------------------------------------------------------------------------------------
# Quality against hand labels (tests/data/facts_labels.json; see docs/facts.md)
# ---------------------------------------------------------------------------------------

#: the categories scored against the labels (dates and names are not labelled)
SCORED = (
    *PEOPLE_CATEGORIES,
    "count",
    "money",
    "percent",
    "duration",
    "age",
    "measurement",
    "magnitude",
)


def _label_value(category: str, value: float, unit: str) -> float:
    """A labelled value in the scorer's unit (seconds, SI units, else as is)."""
    if category == "duration":
        return value * _SECONDS.get(unit or "year", 1.0)
    if category == "measurement" and unit in _MEASURES:
        return value * _MEASURES[unit][2]
    return float(value)


def _fact_value(f: Fact) -> float | None:
    """A Fact's value in the scorer's unit (None when it has no number)."""
    if f.kind == "duration":
        m = re.fullmatch(r"P(T?)([\d.]+)([YMWDHS])", f.normalized)
        if not m:
            return None
        code = m.group(3)
        unit = {"Y": "year", "W": "week", "D": "day", "H": "hour", "S": "second"}.get(code, "")
        unit = unit or ("minute" if m.group(1) else "month")
        return float(m.group(2)) * _SECONDS[unit]
    try:
        v = float(f.normalized)
    except ValueError:
        return None
    return v * _UNIT_INFO[f.unit][1] if f.kind == "measurement" and f.unit in _UNIT_INFO else v


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1.0)


def score_against_labels(
    events: Sequence[dict[str, Any]],
    labels: dict[str, Any],
    clean: Callable[[Article], Article | None] | None = None,
    split: str | None = None,
) -> dict[str, Any]:
    """Precision and recall of extraction and of disagreement detection against labels.

    ``events`` are dev.jsonl records, ``labels`` the parsed facts_labels.json. A fact
    matches a label with the same article URL, category and value (durations in
    seconds, measurements in SI units); relations are scored on the matches. A detected
    disagreement is correct when all its values are values of one labelled disagreement
    of its event and category, two of them at least; a labelled disagreement is found
    when a detected one matches it. ``clean`` (Article -> Article | None) is applied
    before extraction; ``split`` keeps the labelled events of one split.
    """
    by_id = {e["id"]: e for e in events}
    gold: dict[tuple[str, str, float], set[str]] = defaultdict(set)
    pred: dict[tuple[str, str, float], set[str]] = defaultdict(set)
    d_tp = d_fp = d_found = d_total = 0
    false_alarms: list[str] = []
    missed: list[str] = []
    chosen = [e for e in labels["events"] if split is None or e.get("split") == split]
    for ev in chosen:
        record = by_id.get(ev["event"])
        if record is None:
            continue
        arts = []
        for a in record["articles"]:
            art = Article.create(a["text"], title=a.get("title", ""), url=a["url"])
            arts.append((clean(art) or art) if clean else art)
        url_of = {a.id: a.url for a in arts}
        for url, items in ev["facts"].items():
            for it in items:
                v = _label_value(it["category"], it["value"], it.get("unit", ""))
                gold[(url, it["category"], round(v, 6))].add(it.get("relation", "="))
        facts, dis = compare(arts)
        for f in facts:
            v = _fact_value(f) if f.category in SCORED else None
            if v is not None:
                for aid in f.article_ids:
                    pred[(url_of[aid], f.category, round(v, 6))].add(f.relation)
        wanted = [
            (
                d["category"],
                [_label_value(d["category"], x, d.get("unit", "")) for x in d["values"]],
            )
            for d in ev["disagreements"]
        ]
        hit = [False] * len(wanted)
        for d in dis:
            vals = [v for v in map(_fact_value, d.facts) if v is not None]
            ok = False
            for li, (cat, lvals) in enumerate(wanted):
                inside = [v for v in vals if any(_same(v, x) for x in lvals)]
                if cat == d.facts[0].category and len(inside) == len(vals):
                    if len({round(v, 6) for v in inside}) >= 2:
                        ok = hit[li] = True
            d_tp += ok
            d_fp += not ok
            if not ok:
                false_alarms.append(
                    f"{ev['event']}: {d.measure}: " + " vs ".join(f.value for f in d.facts)
                )
        d_found += sum(hit)
        d_total += len(hit)
        missed += [
            f"{ev['event']}: {lab['what']}"
            for lab, h in zip(ev["disagreements"], hit, strict=True)
            if not h
        ]
    both = set(gold) & set(pred)

    def ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    return {
        "events": len(chosen),
        "facts_labelled": len(gold),
        "facts_extracted": len(pred),
        "facts_precision": ratio(len(both), len(pred)),
        "facts_recall": ratio(len(both), len(gold)),
        "relation_accuracy": ratio(sum(1 for k in both if gold[k] & pred[k]), len(both)),
        "disagreements_labelled": d_total,
        "disagreements_detected": d_tp + d_fp,
        "disagreements_precision": ratio(d_tp, d_tp + d_fp),
        "disagreements_recall": ratio(d_found, d_total),
        "false_alarms": false_alarms,
        "missed": missed,
        "extra_facts": sorted(set(pred) - set(gold)),
        "missed_facts": sorted(set(gold) - set(pred)),
    }
