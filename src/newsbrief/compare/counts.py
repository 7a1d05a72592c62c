"""Counts: the number of people killed, injured, evacuated... or of any other counted thing
(the count reader, a mixin of classify._NumberReader)."""

from __future__ import annotations

import re

from newsbrief.compare.context import (
    _context,
    _hedge,
    _word,
)
from newsbrief.compare.elided import group_of, same_unit, who_follows
from newsbrief.compare.lexicon import (
    _BEFORE_CAT,
    _CAT_NOUNS,
    _IRREGULAR_PAST,
    _MODIFIERS,
    _PEOPLE_NOUNS,
    _STOP,
    _SUBJECT_OF,
    PEOPLE_CATEGORIES,
)
from newsbrief.compare.mentions import _MakeMention, _Mention, _Sent
from newsbrief.compare.numbers import (
    _Num,
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
    _plural,
)
from newsbrief.compare.readings import (
    befell_before,
    emergency_number,
    governing_verb,
    in_condition,
    opens_clause,
    own_clause_state,
    own_verb_after,
)
from newsbrief.compare.units import _UnitReader


def _number_of(toks: list[_Tok], i0: int, start: int) -> str:
    """The counted noun of "the number of X (stood at | was | rose to...) N": X's plural
    head, when the words between end in a verb of being or reaching and a preposition."""
    if 0 < start < i0 and toks[start].text == "-" and not toks[start].space:
        start = 0  # the number before is glued into a word ("two-room"): no clause of its own
    lows = [_word(toks, q) for q in range(max(start, i0 - 14), i0)]
    if not lows or lows[-1] not in ("at", "to", "was", "is", "of", "reached", "hit"):
        return ""
    # "the total settlement population is estimated at 180", "a population put at 8,000":
    # the people of the place (a population "of" N is classify's)
    q = len(lows) - 2
    while q >= 0 and lows[q] in _POPULATION_VERBS:
        q -= 1
    if q >= 0 and lows[q] == "population" and (q < len(lows) - 2 or lows[-1] in ("is", "was")):
        return "population"  # (not "the population at five sites")
    for q in range(len(lows) - 2, 0, -1):
        if lows[q - 1] in ("number", "count", "total") and lows[q] == "of":
            for w in lows[q + 1 : q + 6]:
                if _plural(w) and w not in _STOP:
                    return w
            return ""
    return ""


#: words between "population" and "at N" ("is estimated at", "now stands at")
_POPULATION_VERBS = frozenset(
    "is was are were be been being now estimated put thought believed said stands stood "
    "reckoned".split()
)

#: states a count of people remains in: the count of them, not a part ("200 remain missing")
_STILL = frozenset("missing trapped unaccounted stranded stuck underground".split())
_DASHES = ("-", "–", "—")
#: "toll" as a word, not "toll-free" (compiled once: speed)
_TOLL = re.compile(r"\btoll\b(?!-free)").search
#: nouns that count events, never people: "killed in two air attacks"
_EVENT_NOUNS = frozenset(
    "attacks airstrikes strikes blasts explosions bombings raids incidents shootings "
    "earthquakes quakes aftershocks fires crashes accidents collisions".split()
)
#: nouns of things, never people: "claimed 40 lives and destroyed 2,000 homes" counts homes,
#: whatever the verb of the sentence
_THING_NOUNS = frozenset(
    "homes houses buildings structures dwellings apartments flats residences properties "
    "shops stores businesses schools churches mosques bridges roads cars vehicles trucks "
    "lorries buses boats ships vessels planes aircraft trains hectares acres tonnes tons animals "
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


class _CountReader(_UnitReader):
    """What a count of a sentence states (a mixin of the article scanner)."""

    index: int

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
        including = "including" in (w_before, _word(toks, nm.i0 - 2))
        partial = (
            (note == "of" and verb not in _BEFORE_CAT)
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
        part_only_by_including = including and not partial
        partial = partial or including
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
            hs = _hedge(toks, nm.i0)[1]
            cat = governing_verb(toks, hs) or _cat_after(s, run_end, stop)
            if not cat and not opens_clause(toks, hs) and not own_verb_after(toks, run_end):
                # not past a clause opener ("killed when two trains collided") nor for the
                # subject of a verb of its own ("two other suspects are expected to...")
                cat = _cat_before(s, nm.i0, before)
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
        if not cat and noun not in _EVENT_NOUNS and (noun in _CAT_NOUNS or "fatal" in words):
            cat = "killed"
        if not cat and (noun in _PEOPLE_NOUNS or elided) and _TOLL(s.text.lower()) is not None:
            cat = "killed"
            if in_condition(toks, run_end):
                # "a toll of three victims and five people in critical condition": the five
                # are hurt, a part of the injured, whatever the toll of the sentence
                cat, partial = "injured", True
        if not cat and elided and prev is not None and prev.kind == "measurement" and not nm.weak:
            rel_, hs = _hedge(toks, nm.i0)
            got = same_unit(s, si, nm, nm.value, rel_, toks[hs].start, before, prev, self.index)
            if got is not None:
                return got  # "500k barrels a day, while Iraq will cut by 200,000"
        # "two died, five were in critical condition": the five are not dead too
        dead_before = state is not None and prev is not None and prev.category == "killed"
        # "365 seats, giving it a majority of 80": the figure "of" a group counts that group,
        # not the noun of the figure before
        of_group = elided and not cat and bool(group_of(toks, _hedge(toks, nm.i0)[1]))
        if (
            not cat
            and elided
            and not dead_before
            and not of_group
            and prev is not None
            and prev.kind == "quantity"
        ):
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
                # (after a hedge: "the number of users stood at about 1.4 billion")
                named = _number_of(toks, _hedge(toks, nm.i0)[1], before)
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
            if part_only_by_including and not subset and not elided:
                # "13,400 in shelters, including about 500 pets": a part of the 13,400 but
                # the whole count of the pets, unless the total counts the same noun or is
                # a toll ("15 people killed, including two lawmakers": a part of the toll)
                toll = prev is not None and prev.sent == si and prev.category in PEOPLE_CATEGORIES
                partial = toll or any(_lemma(t.low) == _lemma(noun) for t in toks[: nm.i0])
            partial = partial or subset
        if cat in ("injured", "hospitalized") and _critical(toks, nm.i1, min(len(toks), stop + 2)):
            partial = True  # "21 fighting for their lives in hospital": a part of the hurt
        m.partial = partial
        m.superseded = superseded
        m.total = aside
        return m
