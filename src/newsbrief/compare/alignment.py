"""Alignment: which mentions of different articles are about the same quantity, and whether
their values are compatible."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from newsbrief.compare import nouns
from newsbrief.compare.lexicon import _DOLLARS, _SECONDS, _UNIT_INFO, PEOPLE_CATEGORIES
from newsbrief.compare.mentions import _key, _Mention, _strong_key
from newsbrief.compare.numbers import _interval, _overlap, _step
from newsbrief.compare.persons import same_person
from newsbrief.compare.scanner import _Scanner
from newsbrief.compare.synonyms import signature
from newsbrief.text import STOPWORDS, stem


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
    # the figures as stated decide when they can be compared; a bracketed conversion
    # ("11 km (7 miles)") is the writer's rounding and only bridges currencies
    pairs = [((a.value, a.unit), (b.value, b.unit))]
    if a.kind == "money" and not _currency_match(a.unit, b.unit):
        pairs = [(x, y) for x in _values(a) for y in _values(b)]
    for (va, ua), (vb, ub) in pairs:
        if True:
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
    if m.low is not None and v == m.value:
        f = _factor(m.kind, unit)
        return m.low * f, False, v * f, False  # a range: both ends included
    lo, lo_open, hi, hi_open = _interval(v, m.relation, m.sig if v == m.value else 0)
    if m.relation == "=" and v == m.value and m.sig >= 3:
        # decimals as written give the precision: "51.8 percent" is 51.75 to 51.85, so
        # not a rounding of 51.63 (0.5% would let it be); "531" keeps its 0.5%
        half = _half_last_decimal(m.written, v)
        if half is not None:
            lo, hi = max(lo, v - half), min(hi, v + half)
    if rounded and m.relation == "=":
        lo, hi = v - _step(v) / 2, v + _step(v) / 2
    elif m.kind == "money" and m.relation == "=" and v == m.value and _round_figure(m.written):
        # "$120 billion" is a round figure: a rounding of $119 billion, at most 5% off
        e = min(_step(v) / 2, 0.05 * v)
        lo, hi = min(lo, v - e), max(hi, v + e)
    f = _factor(m.kind, unit)
    return lo * f, lo_open, hi * f, hi_open


#: the digits of a figure as written, with a decimal part; and with one where written
#: (compiled once: speed, pairs ask for each figure)
_DECIMALS = re.compile(r"\d[\d,]*\.(\d+)").search
_DIGITS_WRITTEN = re.compile(r"\d[\d,]*(?:\.\d+)?").search


def _half_last_decimal(written: str, value: float) -> float | None:
    """Half a unit of the last decimal written, in the value's scale ("7.5bn": 0.05
    billion); None without decimals."""
    got = _DECIMALS(written)
    if not got:
        return None
    shown = float(got.group().replace(",", ""))
    if shown <= 0:
        return None
    return 0.5 * 10 ** -len(got.group(1)) * abs(value) / shown  # (abs: "-1.25%")


#: one digit and a scale word: "$5B", "$5 billion", "£3m" (not "$5.06 billion", "$15bn")
_ONE_DIGIT_SCALED = re.compile(
    r"(?<![\d.,])[1-9] ?(?:b|bn|billion|m|mn|million|trillion|tn)\b", re.IGNORECASE
).search


def _round_figure(written: str) -> bool:
    """The digits as written end in a zero before any decimal point or scale word: "120",
    "1,500" (not "5", "15", "1.20"); or one digit before a scale word, a headline's
    rounding ("$5B" of "$5.06 billion")."""
    got = _DIGITS_WRITTEN(written)
    if not got:
        return False
    if "." not in got.group() and got.group().rstrip(",").endswith("0"):
        return True
    return _ONE_DIGIT_SCALED(written) is not None


_RATIO = {"quantity": 3.0, "count": 1.5, "money": 1.25, "percent": 1.5, "duration": 2.0}
_RATIO |= {"age": 1.5, "measurement": 1.5, "magnitude": 1.3}


def _ratio_limit(a: _Mention, b: _Mention) -> float:
    """How many times apart two values of one quantity may be."""
    if a.kind == "measurement" and a.noun and a.noun == b.noun:
        return 3.0  # the same named thing measured
    return _RATIO["count"] if a.category == "count" else _RATIO.get(a.kind, 1.5)


def _close_enough(a: _Mention, b: _Mention) -> bool:
    """Values far apart are taken to be different quantities, not a disagreement."""
    limit = _ratio_limit(a, b)
    if a.kind == "money" and not _currency_match(a.unit, b.unit):
        return False
    va, vb = _si(a), _si(b)
    if va <= 0 or vb <= 0:
        return False
    ratio = max(va, vb) / min(va, vb)
    if ratio <= limit:
        return True
    # a casualty toll can grow many times over as the day goes on ("eight" soldiers killed,
    # then "at least 135"): two articles' headline statements of one toll are the same
    # quantity however far apart
    return a.category in _TOLLS and _headline(a) and _headline(b) and ratio <= _TOLL_RATIO


#: casualty tolls: the counts officials revise many times over as a disaster unfolds
#: (counts of people rescued or evacuated are often given for a part: "65 before power
#: returned")
_TOLLS = frozenset(["killed", "injured", "missing", "hospitalized"])
#: how far apart two headline tolls may be and still be one quantity
_TOLL_RATIO = 30.0
#: the first sentences of an article that state a casualty toll: its main news (page
#: furniture before the story has none, so it does not push the lead down)
_LEAD_SENTENCES = 2


def _headline(m: _Mention) -> bool:
    """A statement in the article's lead, as its own claim (not a part, background...)."""
    return m.lead and m.alignable and not m.background


def mark_leads(scans: Sequence[_Scanner]) -> None:
    """Mark the mentions of each article's first sentences stating a toll (``lead``)."""
    for sc in scans:
        sents: list[int] = []
        for m in sc.mentions:
            if m.category in PEOPLE_CATEGORIES and m.alignable and not m.background:
                if m.sent not in sents:
                    if len(sents) == _LEAD_SENTENCES:
                        break
                    sents.append(m.sent)
        for m in sc.mentions:
            m.lead = m.sent in sents


def _corroborates(o: _Mention, m: _Mention) -> bool:
    """o backs m: compatible, and o is a figure rather than a bound ("up to 3,000")."""
    if o.relation in (">=", ">", "<=", "<", "vague") and o.value != m.value:
        return False
    return bool(_mentions_compatible(o, m))


def _pair_ok(a: _Mention, b: _Mention) -> bool:
    """Two statements of one quantity disagree: incompatible, different, close enough."""
    if a.kind == "ordinal" or b.kind == "ordinal":
        return False  # ranks pair by their own rule (ordinal_pairs) only
    if _si(a) == _si(b) and a.unit == b.unit:
        return False  # "10" and "more than 10": too fine a difference to call
    if _mentions_compatible(a, b) is not False or not _close_enough(a, b):
        return False
    if a.category == "count":
        # a shared word around the two figures, or the same qualifier of the counted noun
        # ("three separate but related settlements" / "two related settlements")
        same_qualifier = len(a.measure.split()) > 1 and a.measure == b.measure
        # (either noun: two synonyms, "states" / "countries", share no word by being named)
        shared = (a.context & b.context) - {stem(a.noun), stem(b.noun)}
        return same_qualifier or bool(shared)
    if a.kind == "duration" and a.noun in _FRAMED:
        # a tenure or "the first time in N years" names no thing of its own: whose tenure,
        # what happened first, needs a word the two sentences share ("lost" Ankara;
        # Russia joining cuts "for the first time in 15 years" is not OPEC's first cut
        # "in eight years")
        return bool((a.context & b.context) - _FRAME_STEMS)
    if a.kind == "measurement" and a.noun.startswith("from "):
        # "11 km east of Kumamoto" locates what is named before it: the quake's epicentre
        # and a town 15 km east of Kumamoto are two distances, not one
        return bool(_located(a) & _located(b))
    return True


#: duration heads given by a verb or a frame, not a noun (durations._span_head)
_FRAMED = frozenset(("tenure", "interval"))
_FRAME_STEMS = frozenset(stem(w) for w in "first time tenure job served office power".split())


def _located(m: _Mention) -> set[str]:
    """Stems of the content words before a distance from a place (what it locates)."""
    words = re.findall(r"[a-z][a-z'’-]*", m.sentence[: m.pos].lower())
    return {stem(w) for w in words if w not in STOPWORDS and len(w) > 2}


def _similar(a: _Mention, b: _Mention) -> bool:
    """Nearly the same words around the two numbers: the same statement, re-reported."""
    inter = len(a.context & b.context)
    union = len(a.context | b.context)
    return inter >= 3 and inter / union >= 0.5


#: the most different ranks two statements of one ranking may give (2nd and 3rd: 1.5)
_RANK_RATIO = 2.0


def ordinal_pairs(mentions: Sequence[_Mention]) -> list[tuple[_Mention, _Mention]]:
    """The pairs of ordinals of an event that disagree: the same key, each its article's
    first statement of it, different values no more than :data:`_RANK_RATIO` apart; a
    weak key (a noun, "time") also needs nearly the same sentence around both. A key some
    article gives two different values for names a series and pairs nothing."""
    by_key: dict[tuple[str, ...], dict[int, list[_Mention]]] = defaultdict(dict)
    for m in mentions:
        if m.kind == "ordinal":
            by_key[m.key].setdefault(m.article, []).append(m)
    out: list[tuple[_Mention, _Mention]] = []
    for per_article in by_key.values():
        if len(per_article) < 2:
            continue
        if any(len({m.value for m in ms}) > 1 for ms in per_article.values()):
            continue  # a series: "the fifth test ... the sixth"
        firsts = [min(ms, key=lambda m: (m.sent, m.pos)) for _a, ms in sorted(per_article.items())]
        for i, a in enumerate(firsts):
            for b in firsts[i + 1 :]:
                if a.value == b.value or max(a.value, b.value) > _RANK_RATIO * min(
                    a.value, b.value
                ):
                    continue
                if a.order or _similar(a, b):
                    out.append((a, b))
    return out


# ---------------------------------------------------------------------------------------


#: a figure stated as the new value of a changing one: "raising the death toll to 15",
#: "the toll has risen to 22", "climbed to 832" (the words up to the number)
_UPDATED_TO = re.compile(
    r"\b(?:rais(?:e|es|ed|ing)|r[io]se[ns]?|rising|climb(?:s|ed|ing)?|jump(?:s|ed|ing)?|"
    r"increas(?:e|es|ed|ing)|revis(?:e|es|ed|ing)|updat(?:e|es|ed|ing)|grew|grow(?:n|s|ing)?|"
    r"mount(?:s|ed|ing)?|swell(?:s|ed|ing)?|swollen|soar(?:s|ed|ing)?)\b[^.;:!?]{0,60}?"
    r"\bto\s+(?:(?:at\s+least|more\s+than|over|nearly|almost|about|around|some)\s+)?$",
    re.I,
)


#: the words a match of :data:`_UPDATED_TO` ends with before its white space: "to", or the
#: last word of a hedge after it
_UPDATED_TAILS = ("to", "least", "than", "over", "nearly", "almost", "about", "around", "some")


def _updated_to(m: _Mention) -> bool:
    """The article states ``m`` as the new value of a figure that changed ("raising the
    death toll to 15"): its current statement of the quantity, whatever it said first."""
    before = m.sentence[: m.pos]
    # speed: the pattern (slow to search: a word boundary at every place) runs only where
    # the words before the figure end as its matches do (casefold: as re.I, "ſome" is "some")
    if not before.rstrip()[-6:].casefold().endswith(_UPDATED_TAILS):
        return False
    return bool(_UPDATED_TO.search(before))


def _claims(scans: Sequence[_Scanner]) -> dict[tuple[str, ...], list[_Mention]]:
    """Per key, each article's statements: its first one, and a later one that differs
    from it when another article's first statement backs it or when the article states
    it as the figure's new value ("raising the toll to 15"; durations and ages: all)."""
    by_key: dict[tuple[str, ...], dict[int, list[_Mention]]] = defaultdict(dict)
    titled = {sc.index for sc in scans if (sc.article.title or "").strip()}
    for sc in scans:
        # a vague amount ("Dozens killed") is an article's own statement only when it gives
        # no figure for the quantity: after its figures
        for m in sorted(sc.mentions, key=lambda m: m.relation == "vague"):
            if m.alignable and m.kind != "money" and _strong_key(m):
                by_key[m.key].setdefault(m.article, []).append(m)
    out: dict[tuple[str, ...], list[_Mention]] = {}
    for key, per_article in by_key.items():
        leads = {a: _merge_same_value(ms, a in titled)[0] for a, ms in per_article.items()}
        claims: list[_Mention] = []
        for art, stated in per_article.items():
            ms = _merge_same_value(stated, art in titled)
            updated = {(m.value, m.unit) for m in stated if _updated_to(m)}
            claims.append(ms[0])
            for m in ms[1:]:
                if key[0] in ("duration", "age"):
                    claims.append(m)
                elif key[0] == "magnitude" and abs(m.value - ms[0].value) <= _AGENCY_SPREAD:
                    # one quake measured by several agencies (USGS 6.3, JMA 6.1): each
                    # figure an article quotes is a claim; one far off is another quake
                    claims.append(m)
                elif (m.value, m.unit) in updated or (
                    _mentions_compatible(m, ms[0]) is False
                    and any(_corroborates(o, m) for a, o in leads.items() if a != art)
                ):
                    claims.append(m)
        out[key] = claims
    return out


#: how far apart the magnitudes of one quake by different agencies may be (further:
#: an aftershock or another quake the article mentions)
_AGENCY_SPREAD = 0.5


def _merge_same_value(ms: list[_Mention], titled: bool = False) -> list[_Mention]:
    """In one article, 'twenty' and 'more than twenty' are one statement, in the place of
    the first mention: as the body states it when the other is the headline (a headline
    is written short: "15 killed" over "at least 15 people were killed", "at least 15
    dead" over "killing 15 people"), else the hedged one."""
    out: list[_Mention] = []
    for m in ms:
        for i, o in enumerate(out):
            if o.value == m.value and o.unit == m.unit:
                if titled and o.sent == 0 < m.sent:
                    out[i] = m
                elif o.relation == "=" and m.relation != "=":
                    out[i] = replace(o, relation=m.relation, written=m.written)
                break
        else:
            out.append(m)
    return out


def unify_age_holders(scans: Sequence[_Scanner]) -> None:
    """One name per person whose age is given: "Stacey", "Stacey Konwiser" and "Konwiser"
    become the longest form whose words include all of theirs, when that form is unique
    in the event (two Staceys keep their own names). Rewrites the mentions in place."""
    ages = [m for sc in scans for m in sc.mentions if m.kind == "age" and m.noun[:1].isupper()]
    holders = {m.noun for m in ages}
    if len(holders) < 2:
        return
    # one name in two spellings ("Nikolas Cruz", "Nicolas de Jesus Cruz") with an age value
    # in common: the form most used (persons.same_person)
    variant = _spelling_variants(ages)
    if variant:
        for m in ages:
            if m.noun in variant:
                m.measure = m.measure.replace(m.noun, variant[m.noun])
                m.noun = variant[m.noun]
                m.key = _key(m)
        holders = {m.noun for m in ages}
    words = {h: frozenset(h.replace("-", " ").split()) for h in holders}
    best: dict[str, str] = {}
    for h in holders:
        sup = [o for o in holders if words[h] <= words[o]]
        top = [o for o in sup if not any(words[o] < words[x] for x in sup)]
        if len(top) == 1 and top[0] != h:
            best[h] = top[0]
    for m in ages:
        if m.noun in best:
            m.measure = m.measure.replace(m.noun, best[m.noun])
            m.noun = best[m.noun]
            m.key = _key(m)


def _spelling_variants(ages: Sequence[_Mention]) -> dict[str, str]:
    """Holders to rename: each name that :func:`~newsbrief.compare.persons.same_person` joins to another with
    an age value in common, to the most used of the two (then the longer); a name that would
    join two others is left as it is."""
    uses: dict[str, int] = defaultdict(int)
    values: dict[str, set[float]] = defaultdict(set)
    for m in ages:
        uses[m.noun] += 1
        values[m.noun].add(m.value)
    names = sorted(uses)
    pairs: dict[str, list[str]] = defaultdict(list)
    for a in names:
        for b in names:
            if a < b and values[a] & values[b] and same_person(a, b):
                pairs[a].append(b)
                pairs[b].append(a)
    out: dict[str, str] = {}
    for a, others in pairs.items():
        if len(others) != 1 or len(pairs[others[0]]) != 1:
            continue
        b = others[0]
        best = max((a, b), key=lambda h: (uses[h], len(h.split()), h))
        if best != a:
            out[a] = best
    return out


#: the key kinds whose noun may be another word for the same thing, with the place of the
#: noun in their key: counted nouns and the groups of people counted (a duration's head
#: or a measured thing: not)
_SYNONYM_SLOT = {"count": 1, "q": 2}


def unify_synonyms(scans: Sequence[_Scanner]) -> None:
    """One key for counted nouns that are WordNet synonyms (compare/synonyms.py): "12 EU
    states" and "14 EU countries" are one quantity to the alignment, as "23 firearms" and
    "10 guns" are; everything else a pair needs (the category, the qualifiers of the noun,
    a shared word around the numbers, close values) still decides. Nouns are joined only
    within one event, only when all but their last word agree ("previous debates" is not
    "debates"); each group takes the key of its most used noun. Rewrites ``key`` in place
    (the noun and measure shown stay as written)."""
    # (the kinds the mined table may join too, compare/nouns.py: its pairs only)
    slot_of = _SYNONYM_SLOT | nouns.SLOT
    uses: dict[tuple[str, ...], int] = defaultdict(int)
    for sc in scans:
        for m in sc.mentions:
            if m.key and m.key[0] in slot_of and _strong_key(m):
                uses[m.key] += 1
    if len(uses) < 2:
        return
    # keys that may join: the same kind and slots but the noun, the same noun modifiers
    buckets: dict[tuple[object, ...], list[tuple[str, ...]]] = defaultdict(list)
    for key in uses:
        slot = slot_of[key[0]]
        words = key[slot].split()
        buckets[(*key[:slot], *key[slot + 1 :], tuple(words[:-1]))].append(key)
    parent: dict[tuple[str, ...], tuple[str, ...]] = {}
    mined = nouns.event_partners(scans)

    def root(k: tuple[str, ...]) -> tuple[str, ...]:
        while parent.get(k, k) != k:
            k = parent[k]
        return k

    for keys in buckets.values():
        if len(keys) < 2:
            continue
        # each key meets the earlier ones of its bucket sharing its lemma or a synset (or
        # a synset and a hypernym) through one index per token, not every pair
        by_lemma: dict[str, tuple[str, ...]] = {}
        by_own: dict[int, tuple[str, ...]] = {}
        by_hyper: dict[int, tuple[str, ...]] = {}
        for key in keys:
            lem, own, hyper = signature(key[slot_of[key[0]]].split()[-1])
            # nouns the mined table joins (compare/nouns.py: "passengers" / "people")
            met = [by_lemma.get(p) for p in mined.get((key[0], lem), ())] if lem else []
            if key[0] not in _SYNONYM_SLOT:
                own = hyper = frozenset()  # a kind only the mined table joins
            elif lem:
                met.append(by_lemma.get(lem))
            met += [by_own.get(i) for i in own | hyper] + [by_hyper.get(i) for i in own]
            for other in met:
                if other is not None and root(other) != root(key):
                    parent[root(key)] = root(other)
            if lem:
                by_lemma.setdefault(lem, key)
            for i in own:
                by_own.setdefault(i, key)
            for i in hyper:
                by_hyper.setdefault(i, key)
    if not parent:
        return
    # each group takes the key of its most used noun (ties: the least key)
    groups: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for key in uses:
        groups[root(key)].append(key)
    name = {}
    for members in groups.values():
        best = min(members, key=lambda k: (-uses[k], k))
        for k in members:
            name[k] = best
    for sc in scans:
        for m in sc.mentions:
            if m.key in name:
                m.key = name[m.key]
