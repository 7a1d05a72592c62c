"""Classifying one number of a sentence: a year, percentage, money, magnitude, duration or
age, measurement, vote, or a count of people or things, as a mention (durations, ages and
measurements: units.py; counts: counts.py)."""

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
from newsbrief.compare.counts import _DASHES, _CountReader
from newsbrief.compare.lexicon import (
    _ABBREV,
    _AGE_HOLDERS,
    _BEFORE_CAT,
    _COUNT_OF,
    _DIM_WORDS,
    _HEDGE_SKIP,
    _ID_NOUNS,
    _MEASURES,
    _MONEY_WORDS,
    _MONTHS,
    _NOT_NAMES,
    _PEOPLE_NOUNS,
    _PERCENT_WORDS,
    _PERSON_HEADS,
    _SCALES,
    _SPEECH,
    _TIME_UNITS,
    MAX_VALUE,
)
from newsbrief.compare.lists import item_holder, opens_list
from newsbrief.compare.mentions import _Mention, _Sent
from newsbrief.compare.numbers import (
    _Num,
    _numbers,
)
from newsbrief.compare.persons import name_word
from newsbrief.compare.phrases import (
    _person_before,
    _share_noun,
)
from newsbrief.compare.readings import (
    change_money_words,
    own_money_words,
)
from newsbrief.compare.units import _attributive, decade_of_life

#: a sentence about a vote or a decision by votes, where "322 to 306" and "8-1" are tallies:
#: one that says so ("voted", "ruled", "a 7-2 decision"), or a motion "passed 322 to 306"
#: ("backed the amendment by 322 to 306")
_VOTE_RE = re.compile(
    r"\bvot(?:e|es|ed|ing)\b|\bmajority\b|\bballots?\b|\bruled\b|\bruling\b|\bverdict\b"
    r"|\d[-–]\d+\)? decision\b"
    r"|\b(?:passed|backed|approved|rejected|defeated|carried)\b(?:[^.;:]{0,40}? by)? \d[\d,]* to "
    r"\d[\d,]*(?=\s*(?:[.,;:)]|$|votes?\b|in\b|on\b|and\b|with\b|after\b))"
)


#: the verbs of a motion's tally in :data:`_VOTE_RE` (a pre-check: speed)
_MOTION_VERBS = ("passed", "backed", "approved", "rejected", "defeated", "carried")


def _votes_in(low: str) -> bool:
    """:data:`_VOTE_RE` in a lower-cased text, searched only where a piece each of its
    matches holds is written (speed: a sentence's numbers ask in turn, most of them none)."""
    may = "vot" in low or "majority" in low or "ballot" in low or "rul" in low
    may = may or "verdict" in low or "decision" in low or any(w in low for w in _MOTION_VERBS)
    return may and _VOTE_RE.search(low) is not None


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


#: what a quake is called, and the verbs that give its measure ("measuring 6.1")
_QUAKE_WORDS = frozenset(
    "quake quakes earthquake earthquakes temblor tremor aftershock aftershocks".split()
)
_MEASURING = frozenset("measuring measured registering registered".split())


def _quake_measure(toks: list[Any], hstart: int, k: int) -> bool:
    """A figure after "measuring" or "registered" that a quake word shortly before says is
    a quake's ("the quake registered 6.4"), with no unit or scale word after it but the end
    of the clause."""
    if _word(toks, hstart - 1) not in _MEASURING:
        return False
    if not any(_word(toks, q) in _QUAKE_WORDS for q in range(max(0, hstart - 5), hstart - 1)):
        return False
    after = _word(toks, k)
    if after in _MEASURES or after in _TIME_UNITS or after in _SCALES:
        return False
    return not any(_word(toks, q) in ("intensity", "shindo") for q in range(k, k + 6))


class _NumberReader(_CountReader):
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
        decade = None
        if nxt is not None and nxt.kind == "word" and not nxt.space and not nm.abbrev:
            head = nxt.low.split("-")[0]
            if nxt.low in ("st", "nd", "rd", "th") or not (
                head in _TIME_UNITS
                or head in _MEASURES
                or head in _SCALES
                or nm.words
                or nxt.text == "pc"
            ):
                decade = decade_of_life(toks, i0, value)  # "a man in his 40s": an age
                if decade is None:
                    return None
        if i0 > 0 and not first.space and first.kind == "num" and decade is None:
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

        if decade is not None:
            low, high, holder, begin = decade
            m = mk("age", "age", i1 + 1, unit="year", relation="range", noun=holder)
            m.measure = f"age of the {holder}" if holder else "age"
            m.value, m.low = high, low
            m.pos = toks[begin].start
            m.written = s.text[m.pos : toks[i1].end]  # "mid-20s"
            return m
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
        # "the quake registered 6.4", "an earthquake measuring 6.1", "measuring 6.3 in
        # magnitude": a quake's measure with no unit is its magnitude (not "a 7 on Japan's
        # intensity scale", not "measuring 10 km")
        in_mag = w1 == "in" and _word(toks, k + 1) == "magnitude"
        magnitude = pw == "magnitude" or w1 in ("magnitude", "magnitudes") or hyph_mag or richter
        if magnitude or in_mag or _quake_measure(toks, hstart, k):
            if value > 10:
                return None
            end = i1
            if w1 in ("magnitude", "magnitudes"):
                end = k + 1
            elif hyph_mag or in_mag:
                end = k + 2
            elif _word(toks, i0 - 1) == "magnitude" or (
                _word(toks, i0 - 1) == "" and _word(toks, i0 - 2) == "magnitude"
            ):  # "magnitude 5.9", "magnitude-6.5": a hedge comes before the word
                rel, hstart = _hedge(toks, i0 - 1 if _word(toks, i0 - 1) else i0 - 2)
                start_char = toks[hstart].start
            # "one aftershock measuring 5.7", "a magnitude 5.8 aftershock": an aftershock's,
            # not the quake's (and one of many: mentions.weak_magnitude)
            near = range(max(0, hstart - 5), min(n, end + 2))
            after = any(_word(toks, q) in ("aftershock", "aftershocks") for q in near)
            measure = "aftershock magnitude" if after else "quake magnitude"
            return mk("magnitude", "magnitude", end, measure=measure)
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
        if pw == "age" and hstart > 2 and toks[hstart - 2].text == "," and value < 125:
            # "Stephen Roe, age 64, who is dead": the named person's age (not a toll)
            who = _person_before(toks, hstart - 1)
            if who and who.split()[-1].lower() not in _NOT_NAMES:
                return mk("age", "age", i1, unit="year", measure=f"age of {who}", noun=who)
        if (
            pw in ("aged", "ages")  # "two children, ages 10 and 12"
            or (pw == "of" and pw2 in ("age", "ages"))
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
                and (
                    len(who.split()) >= 2
                    or _word(toks, i1 + 1) not in ("", "and")
                    # "Skripal, 66, and his daughter": a person with kin (not a list of places,
                    # "Kyiv, 12, and Lviv, 8")
                    or _word(toks, i1 + 2) in ("his", "her", "their")
                )
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

    #: whether the article holds any of :data:`_SITE_WORDS` (the scanner tells, once per
    #: article; a sentence of an article without them holds none)
    _site_may = True

    def _site_text(self, text: str) -> bool:
        """Whether the sentence is the site's own text (:data:`_SITE_TEXT`); the last
        sentence asked is remembered (a sentence's numbers ask in turn)."""
        last = getattr(self, "_site_last", None)
        if last is None or last[0] is not text:
            low = text.lower()
            # speed: most sentences have none
            may = self._site_may and any(w in low for w in _SITE_WORDS)
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
