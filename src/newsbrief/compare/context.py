"""Reading around a number: the words next to it, its hedge ("at least", "or more"), its
currency, the time a sentence is about and the content words around it."""

from __future__ import annotations

import re

from newsbrief.compare.lexicon import (
    _ABBREV,
    _CURRENCY_CODES,
    _CURRENCY_SYMBOLS,
    _CURRENCY_WORDS,
    _DOLLAR_PREFIX,
    _HEDGE_SKIP,
    _HEDGES,
    _HEDGES_BY_LAST,
    _NUMBER_WORDS,
    _ORDINAL_WORDS,
    _SCALES,
)
from newsbrief.compare.mentions import _Sent
from newsbrief.compare.numbers import (
    _Tok,
)
from newsbrief.text import STOPWORDS, stem

#: the most lower-case words of more than 3 letters a headline in title case holds ("with",
#: "from", "after"...): a longer sentence that is mostly capitalized is a list of names in
#: prose ("The institutions involved were: Moscow State University; ..."), not a headline
TITLE_LOWER_MAX = 3


def title_case(longer: int, caps: int) -> bool:
    """Whether a sentence with ``longer`` words of more than 3 letters, ``caps`` of them
    capitalized, is written in title case (a headline): three quarters capitalized, and
    at most :data:`TITLE_LOWER_MAX` of them not."""
    return longer >= 3 and caps >= 0.75 * longer and longer - caps <= TITLE_LOWER_MAX


def _title_case(toks: list[_Tok]) -> bool:
    words = [t.cap for t in toks if t.w and len(t.text) > 3]  # t.w: words only
    return title_case(len(words), words.count(True))


def _word(toks: list[_Tok], k: int) -> str:
    return toks[k].w if 0 <= k < len(toks) else ""


#: the most words a hedge has ("in the region of")
_HEDGE_WORDS = max(len(phrase) for phrase, _rel in _HEDGES)


def _hedge(toks: list[_Tok], i0: int) -> tuple[str, int]:
    """The hedge written before token i0 and where it starts.

    Stacked hedges are combined: all alike keep their direction, mixed ones ("nearly
    about more than 5") become "~"; a repeated word ("at at least") is ignored.
    """
    before = toks[i0 - 1].w if 0 < i0 <= len(toks) else ""
    if before not in _HEDGE_SKIP and before not in _HEDGES_BY_LAST:
        return "=", i0  # most numbers: nothing the loop below could take (speed)
    found: list[str] = []
    k = start = i0
    while True:
        j = k
        while j > 0 and _word(toks, j - 1) in _HEDGE_SKIP:
            if _word(toks, j - 1) == "a" and _word(toks, j) != "further":
                break
            j -= 1
        hit = None
        phrases = _HEDGES_BY_LAST.get(_word(toks, j - 1), ())
        # the words before j, as many as the longest hedge has (speed: one tuple, compared
        # in C with each phrase's end)
        ws = tuple([t.w for t in toks[max(0, j - _HEDGE_WORDS) : j]]) if phrases else ()
        for phrase, rel in phrases:
            size = len(phrase)
            if j >= size and ws[len(ws) - size :] == phrase:
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
    if 0 <= k < len(toks) and toks[k].w != "or" and toks[k].text not in ("+", "-"):
        return "", k  # most numbers: no branch below can take what follows (speed)
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
    if _dollar_after_sign(toks, i0):
        return _DOLLAR_PREFIX[t.low], k - 1  # "$US23 billion", "$A1.2m"
    if t.kind == "word" and t.low == "rs" or (t.text == "." and _word(toks, k - 1) == "rs"):
        return "INR", k if t.kind == "word" else k - 1
    if _rand(toks, i0):
        return "ZAR", k
    return "", i0


def _dollar_after_sign(toks: list[_Tok], i0: int) -> bool:
    """ "$US23 billion", "$A1.2m", "$NZ50,000": the country after the dollar sign, all
    glued to the amount (Australian and New Zealand outlets write it so)."""
    k = i0 - 1
    if k < 1 or toks[i0].space or toks[k].space or toks[i0].kind != "num":
        return False
    t = toks[k]
    return t.kind == "word" and t.low in _DOLLAR_PREFIX and toks[k - 1].text == "$"


def _rand(toks: list[_Tok], i0: int) -> bool:
    """ "R200 million", "R1.5bn", "R50,000": the rand, a capital R glued to an amount that
    is one (a scale word or its abbreviation after it, or thousands written with commas);
    "R2" or "R101" alone is a code or a road."""
    k = i0 - 1
    if k < 0 or toks[k].text != "R" or toks[i0].space or toks[i0].kind != "num":
        return False
    if k > 0 and not toks[k].space and toks[k - 1].kind in ("word", "num"):
        return False  # inside a code: "AR200"
    nxt = _word(toks, i0 + 1)
    return nxt in _SCALES or nxt in _ABBREV or "," in toks[i0].text


#: _CURRENCY_WORDS by their first word, in their order (speed: only those can match)
_CURRENCY_WORDS_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _words, _cur in _CURRENCY_WORDS:
    _CURRENCY_WORDS_BY_FIRST.setdefault(_words[0], []).append((tuple(_words), _cur))


def _currency_after(toks: list[_Tok], k: int) -> tuple[str, int]:
    """The currency written after an amount ("700 million Australian dollars")."""
    first = _word(toks, k)
    for words, cur in _CURRENCY_WORDS_BY_FIRST.get(first, ()):
        if all(_word(toks, k + q) == w for q, w in enumerate(words)):
            return cur, k + len(words)
    if k < len(toks) and toks[k].kind == "word" and toks[k].text in _CURRENCY_CODES:
        return _CURRENCY_CODES[toks[k].text], k + 1
    if first in _MORE_CURRENCIES:
        return _MORE_CURRENCIES[first], k + 1
    if first == "pounds" and _word(toks, k - 1) in _SCALES and _word(toks, k + 1) != "of":
        return "GBP", k + 1  # "16 million pounds" (a weight is "pounds of" something)
    if first == "u" and [t.text for t in toks[k : k + 4]] == ["U", ".", "S", "."]:
        if _word(toks, k + 4) in ("dollars", "dollar"):
            return "USD", k + 5  # "13.23 billion U.S. dollars"
    return "", k


#: currencies written after the amount beside those of the lexicon: one code where one
#: country uses the name, else the name (as "peso", "franc")
_MORE_CURRENCIES = {
    w: code
    for code, names in (
        ("dinar", "dinar dinars"),
        ("dirham", "dirham dirhams"),
        ("riyal", "riyal riyals rial rials"),
        ("krona", "krona kronor kronur krone kroner"),
        ("ILS", "shekel shekels"),
        ("THB", "baht"),
        ("MYR", "ringgit"),
        ("IDR", "rupiah"),
        ("UAH", "hryvnia hryvnias hryvnas"),
        ("PLN", "zloty zlotys"),
        ("shilling", "shilling shillings"),
    )
    for w in names.split()
}

#: the patterns of :func:`_background`, compiled once
_SINCE_THEN = re.compile(r"\bsince the (?:turn|start|beginning)\b")
_ANOTHER_PERIOD = re.compile(
    r"\b(?:last|previous|past) (?:year|month|decade|week)\b|\bso far this\b|\bthis year\b"
    r"|\b(?:days|weeks?|months?) (?:ago|earlier)\b"
)
#: a figure told of another incident ("another fire that killed 29 people", "a similar
#: attack in which five died"): background, not this event's toll
_OTHER_INCIDENT = re.compile(
    r"\b(?:another|a similar|an earlier|a previous|a separate) (?:[a-z-]+ )?"
    r"(?:fire|blaze|attack|bombing|blast|explosion|earthquake|quake|crash|shooting|incident|"
    r"disaster|collapse|storm|flood|accident|stampede|strike|raid|ambush)s? "
    r"(?:that|which|in which|when|killed|kills|left)\b"
)
_OTHER_WORDS = ("another ", "similar ", "earlier ", "previous ", "separate ")
#: "The attack comes one month after the death of 40 soldiers": the news formula that
#: sets this event beside an earlier one, whose figures the sentence then gives
_COMES_AFTER = re.compile(
    r"\b(?:comes?|came|coming) (?:just |only |barely |less than |more than |nearly |about |"
    r"some )?(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|\d+) "
    r"(?:days?|weeks?|months?|years?) (?:after|since)\b"
)
_PER_YEAR = re.compile(
    r"\b(?:every|each|per) year\b|\ba year\b(?! (?:ago|earlier|before|after))|\bannually\b"
    r"|\b(?:on|an) average\b"
)
_PERIOD_WORDS = ("last", "previous", "past", "so far this", "this year", "ago", "earlier")
_CONFLICT_WORDS = ("conflict", "insurgency", "war", "uprising")
_CONFLICT = re.compile(r"\b(?:conflict|insurgency|war|uprising)\b")
_LASTING = re.compile(r"\b(?:has|have|since|decade|years|long)\b")


#: what opens another clause between a figure and a period told after it: a relative
#: word, a semicolon, a dash, or a comma before "including" or a clause word
_LATER_CLAUSE = re.compile(
    r"\b(?:who|whom|whose|which|where|when)\b|[;\u2013\u2014]| - "
    r"|, (?:including|as|while|whereas|but|although|though|because|after|before)\b"
)


#: words right before "this year" that make it a part of the year, not the news's own
#: period: "earlier this year", "already this year", "in April this year", "the first seven
#: months of this year"
_THIS_YEAR_PART = frozenset(
    "earlier already of january february march april may june july august september october "
    "november december".split()
)
#: an ordinal a few words before "this year" counts events of the year, others told of it:
#: "the second deadly tsunami to hit the country this year"
_ORDINALS = frozenset(w for w, n in _ORDINAL_WORDS.items() if n <= 10)  # second ... tenth


def _part_of_this_year(before: list[str]) -> bool:
    """Whether "this year", with the words ``before`` it, tells of a part of the year or of
    another event of it (:data:`_THIS_YEAR_PART`, an ordinal up to eight words before):
    another period. Bare "this year" or "later this year" is the news's own year ("inflation
    will peak at 3% this year", "this year four candidates ran")."""
    if before and before[-1] in _THIS_YEAR_PART:
        return True
    return any(w in _ORDINALS for w in before)


def _another_period(low: str, at: tuple[int, int, list[int]] | None = None) -> bool:
    """Whether the sentence (lower-cased) tells of another period ("last month", "so far
    this year", "two weeks ago": :data:`_ANOTHER_PERIOD`) that may be the figure's: with
    ``at`` (the figure's start and end and the other figures' starts), not one written after
    the figure past another clause's start ("backed an amendment by 322 to 306 from Sir
    Oliver, one of 21 rebels who were stripped of the whip last month": :data:`_LATER_CLAUSE`
    or a nearer figure past a comma, :func:`_nearer_figure`), and never a superlative's
    span ("$1.35 - its highest level since May last year": a record, the figure is of
    now)."""
    for m in _ANOTHER_PERIOD.finditer(low):
        before = low[max(0, m.start() - 60) : m.start()].split()[-8:]
        if m.group(0) == "this year" and not _part_of_this_year(before):
            continue
        if "since" in before[-3:] and any(
            w in _SUPERLATIVES or w.endswith("iest") for w in before[: before.index("since")]
        ):
            continue
        if at is not None:
            pos, end, figures_at = at
            if m.group(0).split()[0] in _COUNTED_PERIODS:
                # the period's own number is no nearer figure: "in Florida, two weeks ago"
                figures_at = [f for f in figures_at if _OWN_NUMBER(low, f, m.start()) is None]
            if m.start() >= end and (
                _LATER_CLAUSE.search(low, end, m.start()) is not None
                or _nearer_figure(low, pos, m.start(), figures_at)
            ):
                continue
        return True
    return False


def _compared_year(low: str, year: int) -> bool:
    """Whether the year stands in the clause after a comparison's "than", at most eight
    words on ("stronger than the fifth test in September 2016", "three times more than the
    old dam built in 1961"); not after the hedge "more than a decade" or "more than 300" (a
    number or "a" right after it), nor "rather than"."""
    for m in re.finditer(rf"(\w+) than ([^ ,;:.]+)((?: [^ ,;:.]+){{0,7}}?) {year}\b", low):
        nxt = m.group(2)
        if m.group(1) == "rather" or nxt in ("a", "an") or nxt in _NUMBER_WORDS:
            continue
        if nxt[:1].isdigit():
            continue
        return True
    return False


_RELATIVE = re.compile(r"\b(?:where|when|which|who|whose)\b")


def _year_of_a_later_clause(text: str, background: str, end: int) -> bool:
    """Whether the sentence's other year is written only after the figure ending at
    ``end``, each time in a relative clause opened after it: the clause's time, not the
    figure's ("with a population of 15m, is Turkey's largest city, as well as being where
    Erdogan began his rise to power in 1994"; "closed down 19%, which means investors
    erased the company's 2018 gains")."""
    if len(background) != 4 or not background.isdigit():
        return False
    found = [m.start() for m in re.finditer(rf"\b{background}\b", text)]
    return bool(found) and all(
        p >= end and _RELATIVE.search(text, end, p) is not None for p in found
    )


#: a span of years: "between 2012 and 2015", "from 1989 to 2014", "2009-2015", "2011-14"
_YEAR_SPAN = re.compile(
    r"\b(?:between ((?:1[89]|20)\d\d) and|from ((?:1[89]|20)\d\d) (?:to|until|through)|"
    r"((?:1[89]|20)\d\d) ?[-\u2013])"
    r" ?((?:1[89]|20)\d\d|\d\d)\b(?![-\u2013./]\d)"
)


def year_span(text: str, year: int) -> str:
    """The span of years ("2012-2015") that the year ``year`` opens or closes in the text
    ("late in reporting 53,500 transactions between 2012 and 2015", "cars of the model
    years 2009-2015", "from 1989 to 2014"), or "" where it stands alone: a figure dated by
    a span is of the whole span, not of its first or its last year."""
    for m in _YEAR_SPAN.finditer(text):
        first = int(m.group(1) or m.group(2) or m.group(3))
        last_written = m.group(4)
        last = (
            int(last_written) if len(last_written) == 4 else first // 100 * 100 + int(last_written)
        )
        if last > first and year in (first, last):
            return f"{first}-{last}"
    return ""


def _background(
    s: _Sent,
    ref_year: int | None,
    years: list[int] | None = None,
    at: tuple[int, int, list[int]] | None = None,
) -> str:
    """Another time a sentence is about ("2008", "since 2000", "the whole conflict"); of
    ``years`` (the nearest first: :func:`own_years`) where given, else of its years; with
    ``at`` (a figure's start and end characters and the other figures' starts) another
    period only of that figure's clause (:func:`_another_period`)."""
    low = s.text.lower()
    own = years is not None  # the figure's own years, nearest first
    years = years if own else s.years
    if "since" in low:
        for y in years:
            if re.search(rf"\bsince (?:\w+ )?{y}\b", low):
                return f"since {y}"
    if own and years and years[0] == ref_year:
        return ""  # the nearest year is the news's own: "2.7% in 2018" beside "1.3% in 2019"
    # a year in the clause after a comparison's "than" dates what the figure is set
    # against, not the figure: "five to six times stronger than the fifth test in September
    # 2016" (not the hedge "more than a decade", nor "rather than")
    other = [y for y in years if y != ref_year and not ("than " in low and _compared_year(low, y))]
    if other and not (ref_year is None and s.full_dates):
        return str(other[0])
    # each pattern runs only where what any of its matches holds is written
    if "since the " in low and _SINCE_THEN.search(low):
        return "since then"
    if any(w in low for w in _PERIOD_WORDS) and _another_period(low, at):
        return "another period"
    if (" after" in low or " since" in low) and _COMES_AFTER.search(low):
        return "another incident"
    if ("year" in low or "annually" in low or "average" in low) and _PER_YEAR.search(low):
        return "per year"
    if any(w in low for w in _OTHER_WORDS) and _OTHER_INCIDENT.search(low):
        return "another incident"
    if any(w in low for w in _CONFLICT_WORDS) and _CONFLICT.search(low) and _LASTING.search(low):
        return "the whole conflict"
    return ""


#: words that make "since YEAR" after them the span of a record ("the worst result since
#: 1935", "the deadliest attack since 2011", "the first team since the 1968 Blues")
_SUPERLATIVES = frozenset(
    "best worst most least first highest lowest biggest largest greatest strongest weakest "
    "fastest slowest smallest longest hottest coldest oldest youngest fewest latest".split()
)
_SINCE_YEAR = re.compile(r"\bsince (?:\w+ )?((?:1[89]|20)\d\d)\b")


#: what ends a figure's clause before a year told after it: a semicolon, or a comma or dash
#: before a word opening another clause ("15m, ... as well as being where he rose to power
#: in 1994", "won more than 51%, but ... has won every election since 2002"); not a bare
#: "that" ("died from a bomb that was dropped on August 6, 1945") or comma ("Hiroshima,
#: Japan")
_CLAUSE_END = re.compile(
    r";|[,\u2013\u2014] (?:as|while|whereas|where|which|who|whom|whose|when|but|particularly|"
    r"especially|with|although|though|because)\b"
)


def _clause_ends(text: str, pos: int, at: int) -> bool:
    """A clause boundary (:data:`_CLAUSE_END`) lies between characters pos and at."""
    return _CLAUSE_END.search(text, pos, at) is not None


#: a comma, dash or semicolon (not the comma of "6,000"): with another figure after it, the
#: start of that figure's phrase
_BREAK = re.compile(r"[,;](?=\s)|[\u2013\u2014]| - ")
#: "27 people and the Virginia Tech massacre in 2007": a new noun phrase joined on, whose
#: time a year after it is
_AND_THE = re.compile(r"\band (?:the|a|an)\b")


#: a number (and at most one word) right before the period it counts ("two weeks ago")
_OWN_NUMBER = re.compile(r"[\w,.-]+ (?:[\w-]+ )?").fullmatch
#: the periods of :data:`_ANOTHER_PERIOD` that a number before them counts
_COUNTED_PERIODS = frozenset("days week weeks month months".split())


def _nearer_figure(text: str, pos: int, at: int, figures_at: list[int]) -> bool:
    """Another figure lies between characters pos and at, with a break (:data:`_BREAK`)
    before it: what is written at ``at`` is told of that figure's phrase ("200 megatons of
    TNT - about 13,000 times the yield of the bomb dropped in 1945", "close to $60, up
    almost 20 percent since 2016"), not of the figure at pos ("killed 29 and injured 36 in
    2017" keeps 2017 for both: no break)."""
    for f in figures_at:
        if pos < f < at and _BREAK.search(text, pos, f) is not None:
            return True
    return False


#: a sentence opening with a participle phrase that dates its subject's start ("Founded in
#: 1985, the chain has 100 stores", "Opened in 1999, the clinic receives thousands"): the
#: year tells when the subject began, not the time of the main clause's figures
_FRONTED_START = re.compile(
    r"(?:first |originally |last )?(?:founded|opened|established|built|launched|created|formed|"
    r"set up|started|born|introduced|incorporated|valued)\b[^,;]*?\b(?:1[89]|20)\d\d\b[^,;]*,",
    re.IGNORECASE,
)


#: a year that names a product's model, not a time: "model year 2009-2015 diesel vehicles",
#: "the model years 2013-14", "2015 model-year cars"
_MODEL_YEAR_BEFORE = re.compile(
    r"\bmodel[- ]years? (?:\w+ )?(?:(?:between |from )?\d{4}(?: ?[-\u2013] ?| to | and | through ))?$",
    re.IGNORECASE,
)
_MODEL_YEAR_AFTER = re.compile(
    r"\d{4}(?: ?[-\u2013] ?\d{2,4}| to \d{4})? model[- ]years?\b", re.IGNORECASE
)
#: a span of years in brackets right after a name: its model years, life or tenure ("the
#: Kia Optima (2011-14)", "Franco (1939-75)"), never the time of a figure
_NAME_SPAN = re.compile(r"[A-Z][\w.-]* \(\d{4} ?[-\u2013] ?\d{2,4}\)")
#: "the Nov. 2015 Paris attacks", "the 2008 financial crisis": a year written as a modifier
#: of a noun after "the"
_THE_BEFORE = re.compile(r"\b([a-z]+) the (?:[A-Z][a-z]{2,8}\.? )?$")
#: the words before such a "the" that make that noun's time the figure's ("$20 in the 2015
#: offering", "during the 2008 crisis", "throughout the 2018 season")
_TIME_OF_NOUN = frozenset(
    "in during at of on over for through throughout until till by since from within".split()
)


def _model_year(text: str, at: int) -> bool:
    """The year written at character ``at`` names a model or a name's span, not a time
    (:data:`_MODEL_YEAR_BEFORE`, :data:`_MODEL_YEAR_AFTER`, :data:`_NAME_SPAN`)."""
    head = text[max(0, at - 30) : at]
    return (
        _MODEL_YEAR_BEFORE.search(head) is not None
        or _MODEL_YEAR_AFTER.match(text, at) is not None
        or any(
            m.start() < at < m.end() for m in _NAME_SPAN.finditer(text, max(0, at - 30), at + 12)
        )
    )


def _year_of_a_noun_after(text: str, at: int) -> bool:
    """The year at character ``at`` modifies a noun of a phrase written after the figure
    ("four officers were injured ... linked to the Nov. 2015 Paris attacks", "a $5 billion
    settlement over securities sold leading up to the 2008 financial crisis", "amended the
    2007 law"): that noun's time, not the figure's, unless the phrase tells when the figure
    was (:data:`_TIME_OF_NOUN`: "in the 2015 offering")."""
    m = _THE_BEFORE.search(text, max(0, at - 40), at)
    if m is None or m.group(1) in _TIME_OF_NOUN:
        return False
    digits = _FOUR_DIGITS.search(text, at)
    if digits is None:
        return False
    return _WORD_NEXT.match(text, digits.end()) is not None


#: the year's digits, and a word right after them (the noun the year modifies)
_FOUR_DIGITS = re.compile(r"\d{4}")
_WORD_NEXT = re.compile(r" [A-Za-z]")


def own_years(
    text: str, pos: int, year_at: list[tuple[int, int]], figures_at: list[int] | None = None
) -> list[int]:
    """The years that may date the figure at character ``pos``: each after it with no clause
    boundary (:data:`_CLAUSE_END`, a joined "and the ...", or another figure past a comma
    or dash: :func:`_nearer_figure`) between, then each written before it, nearest first
    ("17 percent by 2019, 13 percent by 2020": 2019 for the 17, 2020 for the 13; "In 2008,
    a quake killed 87,587": 2008); in brackets the years before it first ("in 2020 (to 13
    percent)"); not a year of a participle phrase opening the sentence that the figure
    follows (:data:`_FRONTED_START`), nor a model's (:func:`_model_year`), nor after it one
    that dates another noun (:func:`_year_of_a_noun_after`)."""
    figures_at = figures_at or []
    fronted = _FRONTED_START.match(text)
    if fronted is not None and pos >= fronted.end():
        year_at = [(at, y) for at, y in year_at if at >= fronted.end()]
    year_at = [(at, y) for at, y in year_at if not _model_year(text, at)]
    after = sorted(
        (at, y)
        for at, y in year_at
        if at > pos
        and not _year_of_a_noun_after(text, at)
        and not _clause_ends(text, pos, at)
        and _AND_THE.search(text, pos, at) is None
        and not _nearer_figure(text, pos, at, figures_at)
    )
    before = sorted((pos - at, y) for at, y in year_at if at < pos)
    if text.rfind("(", 0, pos) > text.rfind(")", 0, pos):
        # in brackets, a figure glosses what comes before: "in 2020 (to 13 percent)"
        return [y for _d, y in before] + [y for _at, y in after]
    return [y for _at, y in after] + [y for _d, y in before]


def superlative_since(s: _Sent) -> tuple[int, int] | None:
    """The year and the character position of a "since YEAR" that closes a superlative ("368
    seats, the best result for the party since 1985"): a figure before it is of now, measured
    against the span ("record since 1985"), not a figure since then; a figure after it is of
    that time ("since 2005, when ... killing 25")."""
    low = s.text.lower()
    if "since" not in low:
        return None
    for m in _SINCE_YEAR.finditer(low):
        words = low[max(0, m.start() - 80) : m.start()].split()[-6:]
        if any(w in _SUPERLATIVES or w.endswith("iest") for w in words):
            return int(m.group(1)), m.start()
    return None


#: a clause told of the span's start: "since 2005, when a group set off bombs ... killing 25",
#: anywhere between "since" and the figure; "since 1992, which had 963 cases", right after
#: the year
_WHEN_CLAUSE = re.compile(r"\b(?:when|where|in which)\b")
_YEAR_WHICH = re.compile(r"\W*(?:\w+ )?\d{4}, which\b").match


def _after_record(text: str, record: tuple[int, int], pos: int) -> str:
    """The time tag of a figure at character ``pos`` written after a superlative's "since
    YEAR" (``record``: :func:`superlative_since`): of that year when a "when" clause opens
    between ("its worst attack since 2005, when ... bombs went off, killing at least 25": in
    2005), else none: the figure is of now ("its largest gain since 2016, rallying as much
    as 5.3%"; "cut output for the first time since 2008, pushing prices up 10 percent")."""
    year, at = record
    low = text.lower()
    if (
        _WHEN_CLAUSE.search(low, at, pos) is not None
        or _YEAR_WHICH(low[at + len("since") : pos]) is not None
    ):
        return str(year)
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
            if t.value is None:
                got = _CONTENT_STEMS.get(t.low)
                if got is None:
                    got = _content_stem(t.low)
                if got:
                    out.add(got)
    return frozenset(out)


#: :func:`_content_stem` of each word met (speed: one dict look-up per word after the first)
_CONTENT_STEMS: dict[str, str] = {}


def _content_stem(word: str) -> str:
    """The stem a context keeps of a lower-case word ("" for none: a stop word, a number
    word, one letter, a word with an apostrophe inside)."""
    low = word.replace("’", "'")
    if low.endswith("'s"):
        low = low[:-2]
    got = ""
    if low not in STOPWORDS and low not in _NUMBER_WORDS and len(low) > 1 and "'" not in low:
        got = stem(low)
    if len(_CONTENT_STEMS) < 200_000:
        _CONTENT_STEMS[word] = got
    return got
