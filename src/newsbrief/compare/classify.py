"""Classifying one number of a sentence: a year, percentage, money, magnitude, duration or
age, measurement, vote, or a count of people or things, as a mention."""

from __future__ import annotations

import re
from typing import Any

from newsbrief.compare.context import (
    _context,
    _currency_after,
    _currency_before,
    _dollar_after_sign,
    _hedge,
    _post_hedge,
    _rand,
    _word,
)
from newsbrief.compare.elided import group_of, same_unit, who_follows
from newsbrief.compare.lexicon import (
    _ABBREV,
    _AGE_HOLDERS,
    _BEFORE_CAT,
    _CAT_NOUNS,
    _COUNT_OF,
    _DIM_WORDS,
    _HEDGE_SKIP,
    _ID_NOUNS,
    _IRREGULAR_PAST,
    _MEASURES,
    _MODIFIERS,
    _MONEY_WORDS,
    _MONTHS,
    _NOT_NAMES,
    _PEOPLE_NOUNS,
    _PERCENT_WORDS,
    _PERSON_HEADS,
    _SCALES,
    _SPEECH,
    _STOP,
    _SUBJECT_OF,
    _TIME_UNITS,
    MAX_VALUE,
    PEOPLE_CATEGORIES,
)
from newsbrief.compare.lists import item_holder, opens_list
from newsbrief.compare.mentions import _MakeMention, _Mention, _Sent
from newsbrief.compare.names import name_word
from newsbrief.compare.numbers import (
    _Num,
    _numbers,
    _Tok,
)
from newsbrief.compare.phrases import (
    _COUNT_SYNONYMS,
    _cat_after,
    _cat_antecedent,
    _cat_before,
    _critical,
    _lemma,
    _not_yet,
    _noun_run,
    _person_before,
    _plural,
    _share_noun,
)
from newsbrief.compare.readings import (
    befell_before,
    change_money_words,
    emergency_number,
    own_clause_state,
    own_money_words,
)
from newsbrief.compare.units import _attributive, _UnitReader

#: a sentence about a vote or a decision by votes, where "322 to 306" and "8-1" are tallies
_VOTE_RE = re.compile(
    r"\bvot(?:e|es|ed|ing)\b|\bmajority\b|\bballots?\b|\bruled\b|\bruling\b|\bverdict\b"
)


def _votes_in(low: str) -> bool:
    """:data:`_VOTE_RE` in a lower-cased text, searched only where a piece each of its
    matches holds is written (speed: a sentence's numbers ask in turn, most of them none)."""
    may = "vot" in low or "majority" in low or "ballot" in low or "rul" in low
    return (may or "verdict" in low) and _VOTE_RE.search(low) is not None


def _number_of(toks: list[_Tok], i0: int, start: int) -> str:
    """The counted noun of "the number of X (stood at | was | rose to...) N": X's plural
    head, when the words between end in a verb of being or reaching and a preposition."""
    if 0 < start < i0 and toks[start].text == "-" and not toks[start].space:
        start = 0  # the number before is glued into a word ("two-room"): no clause of its own
    lows = [_word(toks, q) for q in range(max(start, i0 - 14), i0)]
    if not lows or lows[-1] not in ("at", "to", "was", "is", "of", "reached", "hit"):
        return ""
    for q in range(len(lows) - 2, 0, -1):
        if lows[q - 1] in ("number", "count", "total") and lows[q] == "of":
            for w in lows[q + 1 : q + 6]:
                if _plural(w) and w not in _STOP:
                    return w
            return ""
    return ""


#: states a count of people remains in: the count of them, not a part ("200 remain missing")
_STILL = frozenset("missing trapped unaccounted stranded stuck underground".split())
_DASHES = ("-", "–", "—")
#: nouns that count events, never people: "killed in two air attacks"
_EVENT_NOUNS = frozenset(
    "attacks airstrikes strikes blasts explosions bombings raids incidents shootings "
    "earthquakes quakes aftershocks fires crashes".split()
)
#: nouns of things, never people: "claimed 40 lives and destroyed 2,000 homes" counts homes,
#: whatever the verb of the sentence
_THING_NOUNS = frozenset(
    "homes houses buildings structures dwellings apartments flats residences properties "
    "shops stores businesses schools churches mosques bridges roads cars vehicles trucks "
    "lorries buses boats ships vessels planes aircraft hectares acres tonnes tons animals "
    "livestock cattle sheep".split()
)
#: casualty nouns that are the category of their own count
_NOUN_CAT = {
    "hospitalizations": "hospitalized",
    "hospitalisations": "hospitalized",
    "injuries": "injured",
    "arrests": "arrested",
    "evacuees": "evacuated",
    "evacuations": "evacuated",
}
_FRACTIONS = frozenset("thirds quarters fifths sixths eighths tenths".split())
#: verbs saying a figure changed: "rose to 28 from 21" makes 21 the earlier figure
_CHANGED = frozenset(
    "rose risen rises climbed climbs jumped increased grew mounted revised raised fell dropped "
    "lowered".split()
)


#: a sentence of the site speaking to its reader, not of the news: "You have two free
#: articles left this month", "Subscribe now: 12 weeks for $1" (its numbers are no facts)
_SITE_TEXT = re.compile(
    r"\bfree (?:articles?|stories|story|reads|views)\b|\b(?:articles?|stories) (?:left|remaining)\b"
    r"|\bsubscribe (?:now|today)\b|\bfree trial\b|\b(?:sign|log) in to (?:read|continue)\b"
    r"|\byou(?:'ve| have) (?:reached|used) (?:your|the)\b",
    re.I,
)
#: what every match of :data:`_SITE_TEXT` holds, lowercased
_SITE_WORDS = ("free ", " left", " remaining", "subscribe", " in to ", "you")
#: a year's digits (compiled once: speed)
_FOUR_DIGITS = re.compile(r"\d{4}").fullmatch
#: words before a count's noun that make it a part ("seven other satellites"), made once
_SUBSET_WORDS = _MODIFIERS - {"new", "same"}


#: words before "kill" / "killing" that make it what may happen, not what did
_MAY_KILL = {
    "kill": frozenset("could would might can may to".split()),
    "killing": frozenset("of".split()),
}
#: words before "to kill" and "of killing" that make it a capacity or a threat
_MAY_TO = frozenset(
    "capable able enough threatened threatening threatens threat plot plotting vowed vows vow "
    "pledged pledges promised promises planned plans planning tried trying attempted".split()
)


def _could_kill(toks: list[_Tok], i0: int) -> bool:
    """ "could kill 5,000", "capable of killing millions", "enough to kill 20": a killing
    that may happen, said right before the count (token i0, after its hedge)."""
    verb = _word(toks, i0 - 1)
    before = _word(toks, i0 - 2)
    if before not in _MAY_KILL.get(verb, ()):
        return False
    return before not in ("to", "of") or _word(toks, i0 - 3) in _MAY_TO


class _NumberReader(_UnitReader):
    """What one number of a sentence states (a mixin of the article scanner)."""

    index: int
    dates: list[tuple[str, str, str, int]]
    _skip_next: bool
    #: the figures of lists read in the sentence being read, with their holders (id of the
    #: mention -> holder; compare/lists.py)
    list_items: dict[int, str]

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
        if self._site_text(s.text):
            return None
        nxt = toks[i1] if i1 < n else None
        value = nm.value
        if not 0 <= value <= MAX_VALUE:
            return None
        # ordinals (16th) and codes glued to letters (15Terrorist, COVID-19, FJ3.91m, G20)
        if nxt is not None and nxt.kind == "word" and not nxt.space and not nm.abbrev:
            head = nxt.low.split("-")[0]
            if nxt.low in ("st", "nd", "rd", "th") or not (
                head in _TIME_UNITS
                or head in _MEASURES
                or head in _SCALES
                or nm.words
                or nxt.text == "pc"
            ):
                return None
        if i0 > 0 and not first.space and first.kind == "num":
            p = toks[i0 - 1]
            code = p.kind == "word" and p.low != "rs" and not _rand(toks, i0)  # not "R200m"
            code = code and not _dollar_after_sign(toks, i0)  # not "$US23 billion"
            if code or p.text in (".", "/", ":", "#", "*", "^", "="):
                return None  # parts of codes and formulas: "FJ3.91m", "#42", "10**30"
            if p.text == "-" and not p.space and _word(toks, i0 - 2) not in ("", "magnitude"):
                return None  # "I-10", "Covid-19"
        if nxt is not None and not nxt.space and nxt.text in ("*", "^", "=", "/"):
            return None
        if nxt is not None and nxt.text in _DASHES and not nxt.space:
            if _word(toks, i1 + 1) in _MONTHS and not toks[i1 + 1].space:
                return None  # the day of a date: "26-Jan-2018"
        if nm.words and i0 > 0 and first.text[:1].isupper() and not s.title_case:
            p = toks[i0 - 1]
            if p.kind == "word" and not p.cap:
                return None  # a capitalized number word after a lower-case one is a name:
                # "the pop band Seventeen", "three Seventeen members"
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
            nxt = _word(toks, i1)
            # "1.5m people", "10m barrels": millions of a plural noun, not metres
            millions = nm.abbrev == "m" and (
                nxt in _PEOPLE_NOUNS
                or (_word(toks, hstart - 1) == "of" and _word(toks, hstart - 2) in _COUNT_OF)
                or (
                    len(nxt) > 3
                    and nxt.endswith("s")
                    and nxt not in _MEASURES
                    and nxt not in _DIM_WORDS
                    and not nxt.endswith("ss")
                )
            )
            # "500k barrels", "300k people": thousands of a unit of measure or a plural noun
            # (not "a 5k run")
            thousands = nm.abbrev == "k" and (
                nxt in _PEOPLE_NOUNS
                or nxt in _MEASURES
                or (len(nxt) > 3 and nxt.endswith("s") and not nxt.endswith("ss"))
            )
            if nm.abbrev in ("m", "k") and not cur and not millions and not thousands:
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
                context=kw.pop("context")
                if "context" in kw
                else _context(toks, i0, max(end_tok, i1)),
                pos=start_char,
                sig=nm.sig,
                **kw,
            )

        # a year, unless a plural noun follows ("1900 people")
        if not cur and first.kind == "num" and _FOUR_DIGITS(first.text) is not None:
            if 1800 <= value <= 2100:
                w = _word(toks, i1)
                if w not in _PEOPLE_NOUNS:  # "1984 murders" is a year; "1900 people" not
                    self.dates.append((first.text, first.text, "date", si))
                    return None
        # a percentage
        w1 = _word(toks, k)
        if k + 1 < n and toks[k].text in _DASHES and not toks[k + 1].space:
            if _word(toks, k + 1) in _PERCENT_WORDS and not toks[k].space:
                k, w1 = k + 1, _word(toks, k + 1)  # "a 300-percent tariff"
        if (
            (k < n and toks[k].text == "%")
            or w1 in _PERCENT_WORDS
            or (k < n and toks[k].text == "pc")
            or (w1 == "per" and _word(toks, k + 1) == "cent")
        ):
            end = k + (2 if w1 == "per" or _word(toks, k + 1) == "points" else 1)
            unit = "percentage points" if w1 == "percentage" else "%"
            words = _share_noun(s, end)
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
            shown = own_money_words(toks, i0, k) & m.money_words
            if not m.money_words and _word(toks, min(hstart, cstart if cur else i0) - 1) in (
                "to",
                "from",
            ):
                # "its market capitalization fell from $630 bn on Wednesday to $510 bn": a
                # change of the one thing the sentence says amounts are
                said = {
                    _MONEY_WORDS[t.low] for t in toks if t.kind == "word" and t.low in _MONEY_WORDS
                }
                if len(said) == 1:
                    m.money_words = frozenset(said)
                    shown = change_money_words(toks, i0, k) & m.money_words
            m.measure = "amount" + (f" ({', '.join(sorted(shown)[:2])})" if shown else "")
            self._aliases(s, m, k)
            return m
        # earthquake magnitude: "magnitude 5.9", "6.0-magnitude", "5 on the Richter scale"
        pw = _word(toks, i0 - 1) or (_word(toks, i0 - 2) if _word(toks, i0 - 1) == "" else "")
        hyph_mag = k + 1 < n and toks[k].text == "-" and _word(toks, k + 1) == "magnitude"
        richter = "richter" in [t.w for t in toks[max(k, 0) : k + 4]]
        if (
            _word(toks, hstart - 1) in ("of", "at", "was", "is", "to")
            and _word(toks, hstart - 2) == "magnitude"
        ):
            pw = "magnitude"  # "a magnitude of 5.5", "put the preliminary magnitude at 6.2"
        if pw == "magnitude" or w1 in ("magnitude", "magnitudes") or hyph_mag or richter:
            if value > 10:
                return None
            end = i1
            if w1 in ("magnitude", "magnitudes"):
                end = k + 1
            elif hyph_mag:
                end = k + 2
            elif _word(toks, i0 - 1) == "magnitude" or (
                _word(toks, i0 - 1) == "" and _word(toks, i0 - 2) == "magnitude"
            ):  # "magnitude 5.9", "magnitude-6.5": a hedge comes before the word
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
        if parts == ["pound"] and _attributive(s, unit_tok, unit_tok != k):
            parts = ["lb"]  # "a 22,000-pound bomb": a weight (money in pounds is plural)
        if parts and parts[0] in ("year", "years") and not cur:
            # "aged twenty and thirty years": two ages, not a span of years
            pw = _word(toks, hstart - 1)
            if pw == "aged":  # the unit after a range ends the other age, not this one
                end = i1 if unit_tok > k + 1 else unit_tok + 1
                return mk("age", "age", end, unit="year", measure="age")
            if (
                pw in ("to", "and", "or")
                and prev is not None
                and prev.kind == "age"
                and before == hstart - 1
            ):
                return mk(
                    "age", "age", unit_tok + 1, unit="year", measure=prev.measure, noun=prev.noun
                )
        if parts and parts[0] in _TIME_UNITS:
            return self._time(s, si, nm, rel, unit_tok, parts, unit_tok != k, mk)
        hedged_unit = rel != "=" and bool(parts) and parts[0] in _MEASURES
        if nm.weak and not hedged_unit:
            return None  # "a", "one": numbers only before a unit of time, or a hedged
            # measurement ("about a mile", "nearly a kilometre"; not "a mile away")
        if parts in (["square"], ["sq"]):
            # "2,000 square kilometres": an area in that unit squared
            sq = _word(toks, unit_tok + 1)
            if _MEASURES.get(sq, ("", ""))[1] == "length":
                unit_tok, parts = unit_tok + 1, [f"square {_MEASURES[sq][0]}"]
        if parts and parts[0] in _MEASURES and (len(parts) == 1 or parts[1] in _DIM_WORDS):
            if toks[unit_tok].text != "M":  # "5.5 M" is a magnitude scale, not metres
                return self._measure(s, si, nm, value, parts[0], unit_tok, rel, start_char)
        if uw in ("degrees", "degree"):
            scale = _word(toks, unit_tok + 1)
            if f"degrees {scale}" in _MEASURES:  # a temperature; other degrees are angles
                return self._measure(
                    s, si, nm, value, f"degrees {scale}", unit_tok + 1, rel, start_char
                )
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
        if (
            pw in ("to", "and")
            and prev is not None
            and prev.kind == "age"
            and before == hstart - 1
            and value < 125
            and not cur
        ):  # "aged eight to 14": the other end of an age range
            return mk("age", "age", i1, unit="year", measure=prev.measure, noun=prev.noun)
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
            and name_word(toks[i0 - 2])
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
        if (
            i0 > 1
            and toks[i0 - 1].text == ","
            and _word(toks, i0 - 2) in _PERSON_HEADS
            and nxt is not None
            and nxt.text == ","
            and 0 < value < 125
            and value == int(value)
        ):
            # "The gunman, 19, killed 17": the age of the person just named
            head = _word(toks, i0 - 2)
            return mk("age", "age", i1, unit="year", measure=f"age of the {head}", noun=head)
        # a vote: "passed by 322 to 306", "322 votes to 306", "majority 16"
        if _votes_in(s.text.lower()):
            j = k + (1 if w1 in ("votes", "vote") else 0)
            dash = j < n and toks[j].text in ("-", "–") and not toks[j].space  # "ruled 8-1"
            if (_word(toks, j) == "to" or dash) and later and later[0].i0 == j + 1:
                return mk("quantity", "count", i1, noun="vote for", measure="votes for")
            glued = i0 > 0 and toks[i0 - 1].text in ("-", "–") and not first.space
            if (pw == "to" and before >= hstart - 2 and before > 0) or (
                glued and before == i0 - 1 and before > 0
            ):
                return mk("quantity", "count", i1, noun="vote against", measure="votes against")
            if pw == "majority":
                return mk("quantity", "count", i1, noun="majority", measure="majority")
        if pw == "of" and pw2 == "population":
            return mk("quantity", "count", i1, noun="population", measure="population")
        # a figure of a list, after its holder: "76 seats, the NDP 40, the Liberals 7"
        holder = item_holder(toks, i0, k, hstart, prev, si)
        if holder and prev is not None:
            m = self._count(s, si, nm, k, before, after, prev, subject, mk)
            if m is not None and m.category == "count" and m.noun == prev.noun:
                m.measure = prev.measure
                self.list_items[id(m)] = holder
                return m
        # numbers inside names: "Interstate 10", "shaft 3"
        pt = toks[hstart - 1] if hstart > 0 else None
        if pt is not None and pt.kind == "word":
            if pt.low in _ID_NOUNS:
                return None
            if (
                pt.cap
                and not s.title_case
                and hstart > 1
                and not pt.low.endswith(("'s", "’s"))  # "Canada's 36 million residents"
                and not opens_list(
                    toks, i0, i1, later[0].i0 if later else None, later[0].i1 if later else 0
                )
                and pt.low not in _NOT_NAMES
                and pt.low not in _MONTHS
                and pt.low not in _BEFORE_CAT
                and pt.low not in _SPEECH
                and pt.low not in _HEDGE_SKIP
            ):
                return None
        return self._count(s, si, nm, k, before, after, prev, subject, mk)

    def _site_text(self, text: str) -> bool:
        """Whether the sentence is the site's own text (:data:`_SITE_TEXT`); the last
        sentence asked is remembered (a sentence's numbers ask in turn)."""
        last = getattr(self, "_site_last", None)
        if last is None or last[0] is not text:
            low = text.lower()
            may = any(w in low for w in _SITE_WORDS)  # speed: most sentences have none
            last = (text, may and _SITE_TEXT.search(text) is not None)
            self._site_last = last
        return last[1]

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
        if emergency_number(toks, nm.i0, nm.i1):
            return None  # "the 911 call": a line, not a count
        words, run_end, note = _noun_run(s, k)
        if k + 1 < len(toks) and toks[k].text == "-" and not toks[k].space and _word(toks, k + 1):
            words, run_end, note = [_word(toks, k + 1)], k + 2, ""  # "a three-drug protocol"
            if words[0] == "strong":
                # "a 7,000-strong force": the count of the force's members
                words, run_end, note = _noun_run(s, k + 2)
                words, run_end = words[:1], min(run_end, k + 3)
        if note == "name":
            # "the 333 Japan hunted": a count whose noun is elided, then a clause of its own
            # with a name for subject; counted as what the name did ("hunted by Japan")
            verb = _word(toks, run_end)
            name = " ".join(t.text for t in toks[k:run_end])
            if (
                _word(toks, _hedge(toks, nm.i0)[1] - 1) == "the"
                and (verb in _IRREGULAR_PAST or (verb.endswith("ed") and len(verb) > 4))
                and not nm.weak
            ):
                m = mk("quantity", "count", nm.i1, noun=f"{verb} by {name.lower()}")
                m.measure = f"{verb} by {name}"
                return m
            return None
        if words and words[0] in _FRACTIONS:
            return None  # "two-thirds of voters", "three quarters": a share, not a count
        w_before = _word(toks, nm.i0 - 1)
        # "four of them", "including 10 children": a part; but "killing at least 27 of them"
        # (the casualty verb right before) is the toll of that group
        verb = _word(toks, _hedge(toks, nm.i0)[1] - 1)
        partial = (note == "of" and verb not in _BEFORE_CAT) or "including" in (
            w_before,
            _word(toks, nm.i0 - 2),
        )
        partial = (
            partial
            or w_before == "only"
            or (
                _word(toks, run_end) in ("remained", "remain", "remaining")
                # "200 people remain missing" is the count of the missing, not a part,
                # and so are those who "remain to be evacuated"
                and _word(toks, run_end + 1) not in _STILL
                and _word(toks, run_end + 1) != "to"
            )
            # "four civilians were among those killed": a part of the toll (not the aside of
            # a total: "nine people, among them two officers, were killed")
            or (
                "among" in [t.w for t in toks[max(run_end, 0) : run_end + 3]]
                and not (
                    run_end < len(toks)
                    and toks[run_end].text == ","
                    and _word(toks, run_end + 1) == "among"
                )
            )
        )
        # "seven other satellites", "another 40": a part, not the total, of a plain count
        subset = _word(toks, k) in _SUBSET_WORDS
        subset = subset or w_before in ("another", "further", "additional")
        noun = words[-1] if words else ""
        elided = noun in ("", "others", "more", "other")
        # the clause after the noun ends where the next number's clause begins
        stop = after
        if after < len(toks):
            for q in range(run_end, after):
                if (
                    toks[q].low in ("and", "with", "while", "whereas", "but")
                    or toks[q].text in (";", ",")
                ) and after - q <= 4:
                    stop = q
                    break
        # "34 homes have been evacuated", "killed 300 cattle": what befell the things
        befell = ""
        if noun in _THING_NOUNS:
            befell = _cat_after(s, run_end, stop) or befell_before(toks, _hedge(toks, nm.i0)[1])
        state = own_clause_state(toks, run_end, stop) if elided else None
        if noun in _EVENT_NOUNS or noun in _THING_NOUNS:
            cat = ""  # "killed in two air attacks": a count of attacks, not of people
        elif noun in _NOUN_CAT:
            cat = _NOUN_CAT[noun]  # "400 to 500 deaths and 48,000 hospitalizations"
        elif state is not None:
            # "two were pronounced dead, five were in critical condition": in a clause of its
            # own, a count takes no death from another figure's clause (a hurt one it may)
            cat = _cat_after(s, run_end, stop)
            if not cat:
                cat = _cat_before(s, nm.i0, before)
                cat = state if cat == "killed" else cat or state
            partial = partial or state == "injured"
        else:
            cat = _cat_after(s, run_end, stop) or _cat_before(s, nm.i0, before)
        aside = False
        if (
            not cat
            and run_end < len(toks)
            and toks[run_end].text == ","
            and _word(toks, run_end + 1) in ("including", "among")
            and after < len(toks)
        ):
            # "Nine people, including four children, died": the verb after the aside
            close = next(
                (q for q in range(after, min(len(toks), after + 8)) if toks[q].text == ","), 0
            )
            cat = _cat_after(s, close + 1, min(len(toks), close + 6)) if close else ""
            aside = bool(cat)
        if not cat and run_end < len(toks) and toks[run_end].text in _DASHES and after < len(toks):
            # "Seventeen people - 14 students and three staff - died"
            close = next(
                (
                    q
                    for q in range(after, min(len(toks), after + 10))
                    if toks[q].text == toks[run_end].text
                ),
                0,
            )
            cat = _cat_after(s, close + 1, min(len(toks), close + 6)) if close else ""
            aside = bool(cat)
        if not cat and noun in _PEOPLE_NOUNS:
            cat = _cat_antecedent(s, nm.i0, before)
        if noun in _EVENT_NOUNS or noun in _THING_NOUNS:
            cat = ""
        if not cat and (noun in _CAT_NOUNS or "fatal" in words):
            cat = "killed"
        if (
            not cat
            and (noun in _PEOPLE_NOUNS or elided)
            and re.search(r"\btoll\b(?!-free)", s.text.lower())
        ):
            cat = "killed"
        if not cat and elided and prev is not None and prev.kind == "measurement" and not nm.weak:
            rel_, hs = _hedge(toks, nm.i0)
            got = same_unit(s, si, nm, nm.value, rel_, toks[hs].start, before, prev, self.index)
            if got is not None:
                return got  # "500k barrels a day, while Iraq will cut by 200,000"
        # "two died, five were in critical condition": the five are not dead too
        dead_before = state is not None and prev is not None and prev.category == "killed"
        if not cat and elided and not dead_before and prev is not None and prev.kind == "quantity":
            # "rescued 272 miners from shaft four and 64 from shaft one"
            between = {toks[q].low for q in range(before, nm.i0)}
            if not between or between & {"and", ",", "further", "another"}:
                cat, noun, elided = prev.category, prev.noun, False
        if not cat:
            if not (elided or not noun):
                cat = "count"
            elif note == "of":
                cat, noun = "count", "them"
            elif group_of(toks, _hedge(toks, nm.i0)[1]):
                # "a city of almost 20 million", "a crowd of 300,000": its people
                noun = group_of(toks, _hedge(toks, nm.i0)[1])
                cat, words = "count", [noun]
            elif who_follows(toks, k):
                cat, noun, words = "count", "people", ["people"]  # "some 4,000 who had..."
            else:
                named = _number_of(toks, nm.i0, before)
                if not named:
                    return None
                # "the number of daily active users stood at 1.47 billion"
                cat, noun, words = "count", named, [named]
        if nm.weak:
            return None
        if cat == "killed" and _could_kill(toks, _hedge(toks, nm.i0)[1]):
            return None  # "capable of killing millions", "could kill 5,000": no toll
        lo = max(0, nm.i0 - 4)  # "have yet to evacuate 689 hikers"
        if cat in ("evacuated", "rescued") and _not_yet(toks, lo, min(len(toks), stop + 2)):
            cat = "trapped"  # "689 hikers are still waiting to be evacuated": not yet out
        superseded = w_before == "from" and (
            any(_word(toks, q) == "to" for q in range(nm.i1, min(len(toks), nm.i1 + 3)))
            # "the toll rose to 28 from 21", "28 people died, up from 21"
            or _word(toks, nm.i0 - 2) in ("up", "down")
            or any(_word(toks, q) in _CHANGED for q in range(max(0, nm.i0 - 10), nm.i0 - 1))
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
            elif noun == "members" and any(toks[q].cap for q in range(k, run_end)):
                who = noun  # "three Seventeen members": a named group's, not everyone's
            elif noun in _PEOPLE_NOUNS or noun in _NOUN_CAT:
                who = "people"
            else:
                who = noun
            m = mk("quantity", cat, nm.i1, noun=who, context=_context(toks, nm.i0, run_end))
            m.measure = f"{who} {cat}"
            # "two lawmakers and 13 other people were killed": the rest, not the toll (but
            # "24 killed ... seven other soldiers wounded" is the whole count of the wounded)
            partial = partial or (
                not elided
                and _word(toks, k) in _SUBSET_WORDS
                and w_before == "and"
                and prev is not None
                and prev.sent == si
                and prev.kind == "quantity"
                and prev.category in (cat, "count")
            )
        else:
            lem = _lemma(noun)
            lem = _COUNT_SYNONYMS.get(lem, lem)
            if _word(toks, k) in ("previous", "prior", "earlier"):
                # "their two previous debates" are not the "three debates" of all, but
                # "three previous marriages" and "four previous marriages" are one count
                lem = f"previous {lem}"
            if befell:
                lem = f"{lem} {befell}"
            m = mk("quantity", "count", nm.i1, noun=lem, context=_context(toks, nm.i0, run_end))
            m.measure = " ".join(words[-2:]) if words else "count"
            if befell:
                m.measure = f"{m.measure} {befell}"
            partial = partial or subset
        if cat in ("injured", "hospitalized") and _critical(toks, nm.i1, min(len(toks), stop + 2)):
            partial = True  # "21 fighting for their lives in hospital": a part of the hurt
        m.partial = partial
        m.superseded = superseded
        m.total = aside
        return m
