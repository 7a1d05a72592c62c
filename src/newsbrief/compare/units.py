"""Reading a number with a unit of time or of measure: a duration ("five-year war", "four
years of resistance"), an age ("aged 117", "her 97-year-old son") or a measurement ("a
depth of 16 km", "a 2,000-mile range"), with what it measures (a mixin of the number
reader in classify.py)."""

from __future__ import annotations

from newsbrief.compare.context import _context, _word
from newsbrief.compare.durations import _duration_head, _lasted_head
from newsbrief.compare.lexicon import (
    _DIM_WORDS,
    _MEASURES,
    _PERSON_HEADS,
    _SECONDS,
    _STOP,
    _TIME_UNITS,
)
from newsbrief.compare.mentions import _MakeMention, _Mention, _Sent
from newsbrief.compare.numbers import _Num, _numbers, _Tok
from newsbrief.compare.phrases import (
    _age_head,
    _event_head,
    _is_noun,
    _lemma,
    _measure_ref,
    _noun_run,
    _person_before,
    _plural,
    age_subject,
    thing_aged,
)

#: the years of a decade of life a word before it narrows it to ("in her mid-50s": 53-57)
_DECADE_PART = {"": (0, 9), "early": (0, 3), "mid": (3, 7), "late": (7, 9)}


def decade_of_life(toks: list[_Tok], i0: int, value: float) -> tuple[float, float, str, int] | None:
    """An age given as a decade of life, "a man in his 40s", "firefighters in their 20s",
    "now in her mid-50s" (the number at token i0, "s" glued after it): (lowest age, highest
    age, the person before "in" when a person's noun names them, else "", the token the
    written age starts at: "mid" of "mid-50s"); None for any other "Ns" ("the 1990s", "in
    the 80s")."""
    if not 10 <= value <= 90 or value % 10 or len(toks) <= i0 + 1 or toks[i0 + 1].text != "s":
        return None
    k = i0 - 1
    part = ""
    if k >= 0 and toks[k].text in ("-", "–") and not toks[i0].space:
        k -= 1  # "mid-20s"
    if _word(toks, k) in _DECADE_PART:
        part, k = _word(toks, k), k - 1
    if _word(toks, k) not in ("his", "her", "their") or _word(toks, k - 1) != "in":
        return None
    lo, hi = _DECADE_PART[part]
    who = _word(toks, k - 2)
    holder = who if who in _PERSON_HEADS or who.rstrip("s") in _PERSON_HEADS else ""
    return value + lo, value + hi, holder, k + 1


#: words after a unit that do not start the noun it qualifies
_NOT_QUALIFIED = frozenset(
    "per away off from of east west north south northeast northwest southeast southwest".split()
)


def _attributive(s: _Sent, unit_tok: int, glued: bool) -> bool:
    """The unit qualifies the noun after it: "a 22,000-pound bomb", "a 2,000-mile range"
    (written glued to the number, or a singular unit word: "a 21,000 pound bomb"; "500
    miles south" is not)."""
    toks = s.toks
    unit = _word(toks, unit_tok)
    if not unit or unit_tok + 1 >= len(toks):
        return False
    if not glued and (len(unit) < 4 or unit.endswith("s") or toks[unit_tok].cap):
        return False
    nxt = toks[unit_tok + 1]
    if nxt.kind != "word" or nxt.cap:
        return False
    low = nxt.low
    return not (
        low in _STOP
        or low in _DIM_WORDS
        or low in _NOT_QUALIFIED
        or low in _MEASURES
        or low.endswith("ly")
        or len(low) < 3
    )


def _measured_before(s: _Sent, i0: int) -> str:
    """The noun a measurement is "of": "a range of up to 1,800 miles", "an area of 500
    hectares" (a hedge may stand between)."""
    toks = s.toks
    for q in range(i0 - 1, max(0, i0 - 4) - 1, -1):
        if _word(toks, q) == "of":
            w = _word(toks, q - 1)
            if w and w not in _STOP and not toks[q - 1].cap and len(w) > 2:
                return _lemma(w)
            return ""
        if toks[q].kind != "word" or toks[q].cap:
            return ""
    return ""


#: verbs whose object is a length of time: "the strike lasted a week", "spent a year"
_SPANNED = frozenset(
    "lasted lasting lasts last spent spend spends spending took take takes taking".split()
)

#: the smaller unit written after a weight or length in pounds or feet, and how many make
#: one of the larger
_SUBUNITS = {"lb": (frozenset(("oz", "ounce", "ounces")), 16.0)}
_SUBUNITS["ft"] = (frozenset(("in", "inch", "inches")), 12.0)


class _UnitReader:
    """Durations, ages and measurements (a mixin of classify._NumberReader)."""

    index: int
    _skip_next: bool

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
            before = _word(toks, nm.i0 - 1)
            if before not in ("for", "within") and before not in _SPANNED and rest != ["long"]:
                return None  # "a day after" is not a fact; "more than a day", "lasted a
                # week" are
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
            thing = thing_aged(head) if is_age and not person else ""
            if thing:  # "the 42,000-year-old sample": its age, as "is 32,000 years old"
                m = mk("age", "age", end, unit=unit, noun=thing)
                m.measure = f"age of the {thing}"
                return m
            if is_age and not person:
                m = mk("duration", "duration", after, unit=unit, noun=head)
                m.measure = f"{head.split()[-1]} length" if head else "duration"
                return m  # "the six-year-old war"
        if is_age:
            who = _person_before(toks, nm.i0)
            if not who:
                head, _person = _age_head(s, end)
                who = head if head[:1].isupper() else ""
            thing = "" if who else age_subject(toks, nm.i0)  # "the sample was 32,000 years old"
            m = mk("age", "age", end, unit=unit, noun=who or thing)
            m.measure = f"age of {who}" if who else f"age of the {thing}" if thing else "age"
            return m
        head = _duration_head(s, after) if (glued or rest or w_after == "of") else ""
        head = head or _lasted_head(s, nm.i0)
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
        part = _SUBUNITS.get(canon)
        if part is not None and end + 1 < len(toks) and toks[end].kind == "num":
            # "8lbs 7oz", "5ft 10in", "6 feet 2 inches": one weight or length
            names, per = part
            if _word(toks, end + 1) in names and toks[end].value is not None:
                value += toks[end].value / per
                end += 2
                self._skip_next = True
        ref = _measure_ref(s, nm.i0, end)
        # a speed qualifies what moves, in the plural too: "155 mph winds", "with 130 mph
        # gusts" (a size of a plural noun is a class of things: "2.0-liter vehicles")
        speed = dim == "speed"
        glued = toks[unit_tok - 1].text == "-" or speed
        if not ref and _attributive(s, unit_tok, glued):
            # "a 2,000-mile range", "a 21,000 pound bomb": the one thing the unit qualifies
            # (not a class of things: "2.0-liter diesel vehicles")
            words, _end, note = _noun_run(s, end)
            if words and not note and (speed or not _plural(words[-1])) and _is_noun(words[-1]):
                # (a noun: not "2.6 feet every year")
                ref = _lemma(words[-1])
        if not ref:
            ref = _measured_before(s, nm.i0)
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
                q = end + 1 + sub[0].i1
                if q + 1 < len(toks) and toks[q].text == "-" and not toks[q].space:
                    q += 1  # "(10-foot)"
                u = _word(toks, q)
                if u in _MEASURES and _MEASURES[u][1] == dim:
                    m.aliases.append((sub[0].value, _MEASURES[u][0]))
        return m
