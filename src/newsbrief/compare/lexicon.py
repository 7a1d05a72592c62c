"""Word lists and patterns of the comparison: number words, hedges, units, categories,
name rules. Data only, no logic beyond building the tables."""

from __future__ import annotations

import re
from collections import defaultdict

from newsbrief.text import STOPWORDS

RELATIONS = ("=", ">=", ">", "<=", "<", "~", "~<", "~>", "range", "vague")
#: what a count of people counts
PEOPLE_CATEGORIES = (
    "killed injured missing hospitalized evacuated rescued trapped arrested displaced".split()
)
#: every category a Fact can have
CATEGORIES = (
    *PEOPLE_CATEGORIES,
    *"count money percent duration age measurement magnitude ordinal".split(),
    *"date weekday time person place organization".split(),
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
#: ordinal words from "second" (compare/ordinals.py: "first" is not read as a rank)
_ORDINAL_WORDS = {
    w: i
    for i, w in enumerate(
        "_ _ second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
        "twentieth".split()
    )
    if w != "_"
} | {"thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70}
_ORDINAL_WORDS |= {"eightieth": 80, "ninetieth": 90, "hundredth": 100}


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
                  "|close to|an approximate|in the region of|near"),
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
    ("lb lbs", "lb", "mass", 0.45359237),
    ("hectare hectares ha", "ha", "area", 1e4),
    ("acre acres", "acre", "area", 4046.8564224),
    ("litre litres liter liters", "l", "volume", 0.001),
    ("gallon gallons gal", "gal", "volume", 0.00378541),
    ("barrel barrels", "bbl", "volume", 0.158987),
):
    for _n in _names.split():
        _MEASURES[_n] = (_canon, _dim, _factor)
    if _dim == "length":  # "2,000 square kilometres" (read as "square km")
        _MEASURES[f"square {_canon}"] = (f"{_canon}2", "area", _factor * _factor)
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
    "killed: killed dead died die dies perished fatalities deaths fatals slain murdered gunned "
    "massacred;"
    "injured: injured wounded hurt harmed injuries medical; missing: missing unaccounted disappeared vanished;"
    "hospitalized: hospitalised hospitalized hospital hospitals;"
    "evacuated: evacuated evacuate; rescued: rescued hoisted resurfaced saved surface;"
    "trapped: trapped stuck stranded underground; arrested: arrested detained;"
    "displaced: displaced fled flee"
)
# ... and words before it ("killing 12", "the number of deaths, 13")
_BEFORE_CAT = _table(
    "killed: killing kill kills killed deaths death toll fatalities dead slaying massacred "
    "massacring;"
    "injured: injuring injure injures injured wounding wounded injuries hurting; missing: missing;"
    "evacuated: evacuate evacuated evacuating evacuation; rescued: rescue rescued rescuing;"
    "trapped: trapping trapped; arrested: arresting arrested arrest detained detaining;"
    "displaced: displacing displaced; hospitalized: hospitalised hospitalized"
)
#: the nouns of an armed conflict: the length of "the war" and of "the conflict" in one
#: event's news is one quantity (the same class marks a toll of "the whole conflict")
_CONFLICT_HEADS = _words("war conflict insurgency uprising")
_CAT_NOUNS = _words("dead fatalities fatals deaths bodies lives")
#: verbs of a violent act that kill when "to death" follows ("stabbed to death"; not
#: "sentenced to death", "scared to death")
_TO_DEATH = _words(
    "stabbed shot beaten burned burnt bludgeoned clubbed hacked stoned strangled choked "
    "crushed trampled mauled gored kicked battered tortured starved frozen knifed"
)
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
    "travellers travelers crew survivors drivers pedestrians shoppers protesters demonstrators marchers "
    "prisoners inmates hostages families locals guests visitors customers casualties bodies"
) | frozenset(_SUBJECT_OF)
_PERSON_HEADS = _words(
    "man woman boy girl son daughter child kid baby mother father grandmother grandfather "
    "person resident student victim driver passenger wife husband brother sister teenager "
    "mum mom dad grandson granddaughter nephew niece cousin widow pensioner worker soldier "
    "officer suspect gunman bomber attacker pilot patient lady gentleman citizen survivor "
    "neighbour neighbor actor actress singer player athlete inmate prisoner "
    # roles and titles are people too: "the 59-year-old emperor", "the 34-year-old leader"
    "leader president minister premier chief official founder executive director chairman "
    "chairwoman spokesman spokeswoman lawmaker senator governor mayor king queen prince "
    "princess emperor empress monarch pope rapper star ceo owner teacher doctor nurse "
    "journalist reporter activist migrant refugee billionaire businessman businesswoman"
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
    "stake: stake; valuation: valued valuation capitalization capitalisation; revenue: revenue revenues sales;"
    "profit: profit profits; loss: loss losses lost shed shedding wiped erased knocked chopped shaved;"
    "debt: debt debts; damages: damages;"
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
    "boss coach attorney warden activist executive mp mpp mep mla md sheriff brigadier "
    "commander lieutenant detective constable corporal"
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
_PLACE_ACRONYMS = _words("US USA UK UAE DRC NZ")
# adjectives of faith and group, capitalized but no place or organization
_GROUP_WORDS = _words(
    "muslim muslims christian christians jewish jew jews hindu hindus buddhist buddhists sikh "
    "sunni sunnis shia shiite shiites catholic catholics protestant protestants islamic islamist "
    "islamists arab arabs kurd kurds kurdish"
)
# abbreviations written in capitals that are not names
_ABBREVIATIONS = _words("ie eg etc llc inc ltd plc co corp am pm")
_NOT_ACRONYMS = _words(
    "CEO CFO COO CTO MP MPS PM PC TV GDP VAT IPO AI IT OK PR HQ ID UFO AM FM DNA HIV VIP ATM SUV "
    "FILE UPDATE UPDATED URGENT READ MORE WATCH VIDEO PHOTO BREAKING NEW LIVE"
)
#: time zones, written after a clock time ("1.30 p.m. BST"): no organization
_TIME_ZONES = _words(
    "GMT UTC BST CET CEST EET EEST WET EST EDT CST CDT MST MDT PST PDT ET PT AEST AEDT "
    "ACST AWST NZST NZDT JST KST IST HKT SGT MSK"
)
_NOT_ACRONYMS = _NOT_ACRONYMS | _TIME_ZONES
#: words that make the acronym before them a law ("the FOSTA bill"), not an organization
_LAW_WORDS = _words("act acts law laws bill bills legislation")
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
    # October 19, 2019 / Oct. 19 / Oct 19th 2019 / June 1,2015 (no space after the comma:
    # a year of this era); not "June 5,000 troops" (a thousands group is no day)
    re.compile(
        rf"\b(?P<mon>{_MONTH_RE})\s+(?P<day>\d{{1,2}})(?!\d)(?!,\d{{3}}(?!\d))(?:st|nd|rd|th)?"
        rf"(?:(?:,?\s+|,(?=(?:1[89]|20)\d\d\b))(?P<year>\d{{4}})\b)?"
    ),
    # 19 October 2019 / 5 February / 1 June,2015
    re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH_RE})(?![a-z])"
        rf"(?:(?:,?\s+|,(?=(?:1[89]|20)\d\d\b))(?P<year>\d{{4}})\b)?"
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
    # ("1-800-555-0142": with its country code or trunk prefix)
    re.compile(r"(?:\b1-|\+\d{1,3}[ -])?\+?\d{2,4}[ -]\d{3,4}[ -]\d{3,4}(?:[ -]\d{2,4})?"),
    re.compile(r"\b\d+/\d+\b"),
]
_HAS_DIGIT = re.compile(r"\d").search
_LONG_RE = re.compile(
    r"(?:year|month|week|day|hour|decade|mile|kilometre|kilometer|km|metre|meter|foot|yard)-long"
)
#: the letters of a word: the Latin alphabet with its accented and extended letters ("Erdoğan",
#: "Kırklareli", "İmamoğlu", "Maçoğlu": a name is not cut at its first letter outside A-Z)
LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"


def _token_re(letters: str) -> re.Pattern[str]:
    # the word first (most tokens are words, so fewer alternatives are tried: speed); a word
    # opens with a letter and a number with a digit, so the order changes no match
    return re.compile(
        rf"(?P<word>[{letters}]+(?:['’][{letters}]+)*(?:-[{letters}]+)*)"
        r"|(?P<num>\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]\d)|\d+(?:[.,]\d+)*)"
        r"|(?P<sym>[$£€¥₹₦%])"
        r"|(?P<punct>\S)"
    )


#: the tokens of a sentence; ``_TOKEN_RE`` for a sentence all in ASCII (most: speed), the
#: same with the Latin letters outside A-Z for the others
_TOKEN_RE = _token_re("A-Za-z")
_TOKEN_RE_LATIN = _token_re(LATIN)

# ---------------------------------------------------------------------------------------

# percentages: "per cent" is read apart; "pc" only in lower case ("18pc", "5 pc"; a "PC"
# is a computer)
_PERCENT_WORDS = frozenset(("percent", "pct", "percentage"))
# temperatures: "1,430 degrees Fahrenheit (777 degrees Celsius)". The two scales are not
# a factor apart, so each is a dimension of its own: never converted, never paired
_TEMPERATURES = {
    "fahrenheit": ("°F", "temperature (°F)", 1.0),
    "celsius": ("°C", "temperature (°C)", 1.0),
    "centigrade": ("°C", "temperature (°C)", 1.0),
}
_MEASURES.update({f"degrees {name}": info for name, info in _TEMPERATURES.items()})
_UNIT_INFO.update({canon: (dim, factor) for canon, dim, factor in _TEMPERATURES.values()})
#: count nouns a figure is "of": "a population of 15m" is 15 million people, not metres
_COUNT_OF = frozenset("population populations".split())


#: a possessive's "'s" closing a word or a name ("Turkey's", "the world’s")
_POSSESSIVE_RE = re.compile(r"['’]s$")
