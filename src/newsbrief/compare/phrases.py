"""What a number counts: the counted noun phrase, the casualty word, the person an age
belongs to, the event a time is counted from, what a measurement measures (the head of
a duration is :mod:`newsbrief.compare.durations`)."""

from __future__ import annotations

import re

from newsbrief.compare import synonyms
from newsbrief.compare.context import _word
from newsbrief.compare.lexicon import (
    _AFTER_CAT,
    _BEFORE_CAT,
    _DEMONYM_ENDS,
    _DIRECTIONS,
    _IRREGULAR_PAST,
    _MEASURES,
    _MODIFIERS,
    _MONTHS,
    _NOT_NAMES,
    _NUMBER_WORDS,
    _PEOPLE_NOUNS,
    _PERSON_HEADS,
    _PLURAL_LIKE,
    _POSSESSIVE_RE,
    _STOP,
    _TIME_UNITS,
    _TITLE_WORDS,
    _TO_DEATH,
    _TRAVEL,
    _WEEKDAYS,
    _table,
)
from newsbrief.compare.mentions import _Sent
from newsbrief.compare.numbers import (
    _Tok,
)
from newsbrief.compare.persons import person_before


def _plural(word: str) -> bool:
    """Looks like a plural noun: the counted thing, so the noun phrase ends there."""
    if word in _PLURAL_LIKE:
        return True
    if word.endswith("men") and len(word) > 4:
        return word not in _NOT_MEN  # "gunmen", "policemen", "firemen"
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ous"))


#: words ending in "men" that are no plural of "-man"
_NOT_MEN = frozenset(
    "specimen abdomen regimen stamen acumen hymen yemen bitumen albumen cyclamen lumen ramen "
    "rumen semen".split()
)


def _at_time(toks: list[_Tok], j: int) -> bool:
    """Token j names a time: a weekday, a month, a part of the day, "last", "this"..."""
    w = _word(toks, j)
    return w in _WEEKDAYS or w in _MONTHS or w in _TIME_AFTER_LATE


_TIME_AFTER_LATE = frozenset("last this next on in morning afternoon evening night".split())


def _people_plural(word: str) -> bool:
    """A plural noun for people: a word for people, or an agent noun ("marchers",
    "activists", "residents")."""
    return word in _PEOPLE_NOUNS or word.endswith(("ers", "ors", "ists", "ants", "ents", "ians"))


def _is_noun(word: str) -> bool:
    """A noun of WordNet's table (synonyms.json: the nouns common in news), plural or not;
    every word when the table is missing."""
    nouns, plurals, _tagged = synonyms._table()
    if not nouns:
        return True
    w = word.lower()
    return w in plurals or synonyms.lemma(w) in nouns


def _verb_form(toks: list[_Tok], j: int) -> bool:
    """Token j is a verb, not the counted noun: a past form or an -ing form with no noun
    after it ("19,261 signed,", "17,000 admitted to hospitals", "killed 131 attending a
    wedding", "only 23 made their..."; not "three wounded soldiers", "the two remaining
    hostages")."""
    low = toks[j].low
    past = low in _IRREGULAR_PAST or (
        len(low) > 3 and low.endswith(("ed", "ing")) and not low.endswith("eed")
    )
    if not past:
        return False
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    if nxt is not None and nxt.kind == "word" and nxt.low in _AFTER_CAT:
        return True  # "Five confirmed dead", "ten reported injured"
    return nxt is None or nxt.kind != "word" or (not nxt.cap and nxt.low in _STOP)


def _of_a_total(toks: list[_Tok], j: int) -> bool:
    """Token j is the total of "N of M nouns" ("won 365 of 650 seats", "12 of 15 missing
    miners"): a number in digits, not a year, with a word of lower case after it."""
    t = toks[j] if j < len(toks) else None
    if t is None or t.kind != "num" or not t.text[:1].isdigit():
        return False
    if len(t.text) == 4 and t.text[:2] in ("19", "20"):
        return False  # "10 of 2019's cases", "Law 5 of 2018": a year
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    return nxt is not None and nxt.kind == "word" and not nxt.cap and nxt.low not in _STOP


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
        elif _of_a_total(toks, j + 1):
            note = "of"  # "won 365 of 650 seats": a part of the 650, as "of the 650 seats"
            j += 2
    caps = 0
    while j < n and len(words) < 5:
        t = toks[j]
        if t.kind == "punct" and t.text in "\"“”'‘’":
            j += 1
            continue
        if t.kind != "word":
            break
        low = t.low
        if words and low in ("ages", "aged") and j + 1 < n and toks[j + 1].kind == "num":
            break  # "two children ages 4 and 6": their ages follow, the noun is "children"
        if low in ("model", "model-year") and _word(toks, j + 1) in ("year", "years", ""):
            # "500,000 model year 2009-2015 2.0 liter diesel vehicles": the model years
            # qualify the noun to come
            q = j + (1 if low == "model-year" else 2)
            while q < n and (
                toks[q].text in ("-", "\u2013")
                or toks[q].kind == "num"
                and (len(toks[q].text) == 4 or toks[q - 1].text in ("-", "\u2013"))
                and toks[q].text.isdigit()
            ):
                q += 1  # the years, "2009-2015", "2013-14"
            if q > j + 1 and q < n and toks[q].kind == "word":
                j = q
                continue
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
        if not words and not caps and _verb_form(toks, j):
            break  # "19,261 signed": the noun is elided
        if note == "of" and not words and _POSSESSIVE_RE.search(low):
            j += 1  # "two of the world's biggest makers": past the possessive
            while j < n and (
                toks[j].kind == "num" or toks[j].value is not None or toks[j].low == "top"
            ):
                j += 1  # "three of the panel's four votes", "the world's top five makers"
            continue
        if low in ("late", "early") and _at_time(toks, j + 1):
            break  # "the toll rose to at least 10 late Monday"
        if low in ("and", "but", "or") and words and _coordinated(toks, j, words[-1]):
            j += 1  # "three separate but related settlements": two adjectives, one noun
            continue
        if low in _STOP and low not in _MODIFIERS or low in _NUMBER_WORDS or len(low) < 2:
            break
        if low in _AFTER_CAT or low in _TIME_UNITS or low in _MEASURES:
            break
        if caps and not _plural(low):
            ahead = [_word(toks, q) for q in (j + 1, j + 2)]
            if not any(
                w and _plural(w) and w not in _STOP and not toks[q].cap
                for q, w in zip((j + 1, j + 2), ahead, strict=True)
                if q < n
            ):
                break  # "the 10 Freeway near..." is a name; "217 Maplin stores" is not
            caps = 0  # "three Afghan army soldiers": an adjective, then the noun
        if words and low.endswith(("ing", "ed")) and (_plural(words[-1]) or _verb_form(toks, j)):
            break  # "developers working on...", "the bomb nicknamed the..."
        words.append(low)
        j += 1
        if _plural(low) and low not in _MODIFIERS:
            nxt = toks[j] if j < n else None
            if not (
                (low in _PLURAL_LIKE or (nxt is not None and _people_plural(nxt.low)))
                and nxt is not None
                and nxt.kind == "word"
                and not nxt.cap
                and _plural(nxt.low)
                and nxt.low not in _STOP
            ):
                break  # "police cadets", "crew members", "civil rights marchers": the
                # second noun is the head
    if caps and not words:
        return [], j, "name"
    if s.cut and words and j == n:
        return [], j, "name"  # "...no impact on two nuclear re": the noun was cut off
    while words and (words[-1].endswith("ly") or words[-1] in _MODIFIERS):
        if words[-1] in ("others", "more"):
            break
        words.pop()
    return words, j, note


def _share_noun(s: _Sent, end: int) -> list[str]:
    """What a percentage is a share of: the noun phrase after "of" ("80% of riders"), or the
    noun it qualifies ("a 25 percent tariff", "30 percent burns"); no noun where the word
    after it is none ("51% owned", "60 percent higher", "25 percent unless...")."""
    if _word(s.toks, end) == "of":
        if _word(s.toks, end + 1) in ("the", "its", "their", "his", "her", "our"):
            # "40% of the homes": the homes' share; up to its last noun ("of the vote
            # countrywide", "of the vote went to him"), none for "of the entire S&P 500"
            words = _noun_run(s, end)[0]
            while words and not _is_noun(words[-1]):
                words.pop()
            return words
        return _noun_run(s, end + 1)[0]
    words = _noun_run(s, end)[0]
    return words if words and _is_noun(words[-1]) else []


#: plural nouns with no -s: a count of them ends at them, no qualifier ("cattle")
_UNCOUNTED_PLURALS = frozenset("cattle sheep livestock aircraft deer fish poultry".split())


def _coordinated(toks: list[_Tok], j: int, last: str) -> bool:
    """Token j ("and", "but", "or") joins two qualifiers of one noun: the word before it
    is no noun (not plural, not a word for people) and one or two lower-case words after
    it end in a plural noun ("separate but related settlements")."""
    if _plural(last) or last in _PLURAL_LIKE or last in _MODIFIERS or last in _STOP:
        return False
    if last in _UNCOUNTED_PLURALS:
        return False  # "300 cattle and destroyed crops": the noun ends there
    for q in (j + 1, j + 2):
        if q >= len(toks) or toks[q].kind != "word" or toks[q].cap:
            return False
        w = toks[q].low
        if w in _STOP or w in _NUMBER_WORDS or w in _AFTER_CAT:
            return False
        if _plural(w):
            return q == j + 2  # an adjective, then the plural noun
    return False


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
            if low == "lost" and "lives" in (_word(toks, j + 1), _word(toks, j + 2)):
                return "killed"  # "lost their lives" (not "lost their homes")
            if low == "death" and _word(toks, j - 1) == "to" and _word(toks, j - 2) in _TO_DEATH:
                return "killed"  # "two women were stabbed to death"
            continue
        if low in ("hospital", "hospitals", "surface"):
            if not {_word(toks, j - q) for q in (1, 2, 3)} & {"to", "in", "into"}:
                continue
        if low == "medical" and _word(toks, j + 1) not in ("aid", "treatment", "care"):
            continue
        if low in ("flee", "evacuate") and _word(toks, j - 1) != "to":
            continue  # "forced to flee", "ordered to evacuate"
        if low in ("fled", "flee") and _fled_site(toks, j):
            continue  # "passengers who fled the airport": out of a place, not displaced
        return cat
    return ""


#: places people run out of in an attack, not homes they are driven from: "fled the
#: airport" is no displacement ("fled their homes", "fled the fighting" are)
_SITES = frozenset(
    "airport terminal building scene stadium venue mall station club nightclub restaurant "
    "hotel school theatre theater church mosque synagogue arena concert shop store office "
    "plant factory train plane bus".split()
)


def _fled_site(toks: list[_Tok], j: int) -> bool:
    """Token j ("fled") has a site for object ("fled the airport", "fled the burning
    building")."""
    words = [_word(toks, q) for q in (j + 1, j + 2, j + 3)]
    if words[0] in ("the", "a", "an"):
        words = words[1:]
    return words[0] in _SITES or words[1] in _SITES


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
            if s.toks[j].low == "lives" and {_word(s.toks, j - q) for q in (1, 2, 3)} & {
                "claimed",
                "claiming",
                "claims",
                "took",
                "taking",
                "cost",
                "costing",
            }:
                return "killed"  # "the crash claimed the lives of 157 people"
    return ""


def _cat_antecedent(s: _Sent, k: int, start: int) -> str:
    """The casualty noun a relative clause holding token k is about: "a week of
    evacuations that the United Nations says moved about 34,000 people" (evacuated)."""
    seen = 0
    for j in range(k - 1, start - 1, -1):
        t = s.toks[j]
        if t.kind != "word":
            if t.text in (".", ";", ":"):
                break
            continue
        seen += 1
        if seen > 8:
            break
        if t.low in ("that", "which") and j > start:
            q = j - 1 if s.toks[j - 1].text != "," else j - 2
            w = s.toks[q].w if q >= start else ""
            noun = w[:-1] if w.endswith("s") and w[:-1] in _BEFORE_CAT else w
            if noun.endswith(("tion", "death", "deaths", "rescue", "arrest")):
                return _BEFORE_CAT.get(noun, "")
            break
    return ""


def _person_before(toks: list[_Tok], i0: int) -> str:
    """The capitalized name right before ", N" ("Richard Roe, 52"; particles inside it:
    persons.person_before)."""
    return person_before(toks, i0)


def _age_head(s: _Sent, k: int) -> tuple[str, bool]:
    """After 'N-year-old': the head noun, and whether it is a person (so: an age)."""
    toks = s.toks
    words: list[str] = []
    for j in range(k, min(len(toks), k + 3)):
        if toks[j].kind != "word":
            break
        if toks[j].cap and not s.title_case:
            # "a 25-year-old Richmond Hill, Ont., man", "a 55-year-old Harvard-educated
            # former diplomat": a name or a name's adjective before the person's noun
            return _noun_after_modifier(toks, j) or _name_at(toks, j), True
        low = toks[j].low
        if low in _STOP and low != "civil":
            break
        if low.endswith("ly") or low in _IRREGULAR_PAST or (low.endswith("ed") and not words):
            break  # "the 33-year-old replied", "a 51-year-old originally from": the person
        if words and _verb_form(toks, j):
            return words[-1], True  # "the 66-year-old royal tied the knot": its subject
        words.append(low)
        if low in _PERSON_HEADS or low.rstrip("s") in _PERSON_HEADS or _agent(low):
            return low, True
    return " ".join(words), not words


def _name_at(toks: list[_Tok], j: int) -> str:
    """The capitalized name from token j, what comes up to its last title word left out:
    "Nikolas Cruz" of "the 19-year-old Nikolas Cruz", "Charles" of "the 69-year-old Prince
    Charles", "Bheema Mandavi" of "40-year-old BJP MLA Bheema Mandavi"."""
    words: list[str] = []
    for q in range(j, min(len(toks), j + 5)):
        if not (toks[q].kind == "word" and toks[q].cap):
            break
        if toks[q].low in _TITLE_WORDS:
            words = []  # "BJP MLA Bheema Mandavi": the name follows the last title word
        else:
            words.append(toks[q].text)
        if toks[q].text.endswith(("'s", "’s")):
            break
    name = " ".join(words) or toks[j].text
    return name[:-2] if name.endswith(("'s", "’s")) else name


def _noun_after_modifier(toks: list[_Tok], j: int) -> str:
    """The person noun a capitalized modifier at token j stands before ("Richmond Hill, Ont.,
    man", "Harvard-educated former diplomat"), or "" where the capitalized words are the
    person's name: capitalized words, their commas and dots, then at most two lower-case
    words ending in a noun for a person."""
    lower = 0
    for q in range(j, min(len(toks), j + 9)):
        t = toks[q]
        if t.kind == "punct" and t.text in ",.":
            if lower:
                return ""
            continue
        if t.kind != "word":
            return ""
        if t.cap and not lower:
            continue
        if t.cap or t.low in _STOP:
            return ""
        if t.low in _PERSON_HEADS or _agent(t.low):
            return t.low
        lower += 1
        if lower > 2:
            return ""
    return ""


def _agent(word: str) -> bool:
    """A noun for someone who does something: "lawyer", "striker", "activist" (a thing of
    that ending that has an age, "a 40-year-old tanker", is rare beside them)."""
    return len(word) > 5 and word.endswith(("er", "or", "ist", "ian")) and _is_noun(word)


def _event_head(s: _Sent, k: int) -> str:
    """The event after 'since' or 'after': its noun ('the Cumbre volcano') or its name."""
    toks = s.toks
    name = ""
    for j in range(k, min(len(toks), k + 5)):
        t = toks[j]
        if t.kind != "word" or t.value is not None:
            break
        if t.cap and not s.title_case:
            # a name of two letters or more, not an abbreviation cut at its dot ("U" of
            # "U.S. District Court")
            nxt = toks[j + 1].text if j + 1 < len(toks) else ""
            name = t.text if len(t.text) > 1 and nxt != "." else ""
            if not name:
                break
            continue
        if t.low in ("the", "a", "an", "its", "their", "his", "her"):
            continue
        if t.low in _STOP or t.low.endswith(("ed", "ly")) or t.low in _IRREGULAR_PAST:
            break
        # the anchor is a noun ("the volcano"), not an adjective ("a federal judge",
        # "her grueling interview"): otherwise the measure stays a plain duration
        if not _is_noun(t.low):
            return ""
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        if nxt is not None and nxt.kind == "word" and nxt.value is None:
            w = nxt.low
            if (
                not nxt.cap
                and w not in _STOP
                and w not in ("first", "last", "again", "once", "ever", "then")
                and not w.endswith(("ed", "ly"))
                and _is_noun(w)
            ):
                return ""  # a modifier of the noun that follows ("telecom giant")
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
    for w in [*glued, _word(toks, end), _dim_after_bracket(toks, end), *reversed(before)]:
        if w in dims:
            return dims[w]
    if set(before) & _TRAVEL:
        return "distance travelled"
    q = end
    if q < len(toks) and toks[q].text == "(":
        # "about 1,300 km (800 miles) southwest of Tokyo": past the bracketed conversion
        close = next((r for r in range(q + 1, min(len(toks), q + 8)) if toks[r].text == ")"), 0)
        q = close + 1 if close else q
    while _word(toks, q).replace("-", "") in _DIRECTIONS:  # "north-east" too
        q += 1
    if _word(toks, q) in ("from", "of", "off", "outside") or (
        q > end and _word(toks, q - 1) == "off"
    ):
        r = q + 1 if _word(toks, q) in ("from", "of", "off", "outside") else q
        limit = min(len(toks), r + 4)
        while r < limit and not toks[r].cap and (toks[r].kind == "word" or _apposed(toks, r)):
            r += 1  # (not past a comma but to a name set beside the noun: "of the capital,
            # Seoul."; "within 10 km of the border, Reuters quoted" is the border's)
        if r < limit and toks[r].cap and toks[r].low.endswith(_DEMONYM_ENDS):
            nxt = _word(toks, r + 1)
            if nxt and not toks[r + 1].cap and nxt not in _STOP:
                return f"from {nxt}"  # "30 km from the Turkish border": the border
        if r < limit and toks[r].cap:
            while r + 1 < len(toks) and toks[r + 1].cap:
                r += 1
            r = _possessed_name(toks, r)
            return "from " + re.sub(r"['’]s$", "", toks[r].text).split("-")[0]
    for r in range(end, min(len(toks), end + 5)):
        t = toks[r]
        if t.kind != "word" and t.text != "-":
            break
        if not t.cap and t.low in _STOP:
            break  # "155 mph winds on Wednesday": what follows a preposition is no name
            # of the measured thing (the winds are, by the rule of the unit's noun)
        if t.low in _WEEKDAYS or t.low in _MONTHS:
            break
        if t.cap and not t.low.endswith(_DEMONYM_ENDS) and not s.title_case:
            return t.text
    return ""


def _apposed(toks: list[_Tok], r: int) -> bool:
    """Token r is a comma before a name set beside the noun before it: "the capital,
    Seoul." (the name closed by punctuation or the end, not followed by a verb)."""
    if toks[r].text != "," or r + 1 >= len(toks) or not toks[r + 1].cap:
        return False
    q = r + 1
    while q + 1 < len(toks) and toks[q + 1].cap:
        q += 1
    return q + 1 >= len(toks) or toks[q + 1].kind == "punct"


def _dim_after_bracket(toks: list[_Tok], end: int) -> str:
    """The dimension glued after a bracketed conversion or after its closing bracket: "a
    3-meter (10-foot)-high tsunami" (the dash may stand apart: "(10-foot) -high")."""
    q = end
    if q < len(toks) and toks[q].text == "(":
        close = next((r for r in range(q + 1, min(len(toks), q + 8)) if toks[r].text == ")"), 0)
        if not close:
            return ""
        q = close
    if q >= len(toks) or toks[q].text != ")":
        return ""
    if q + 1 < len(toks) and toks[q + 1].text in ("-", "–"):
        after = toks[q + 2] if q + 2 < len(toks) else None
        if after is not None and not after.space and after.kind == "word":
            return after.low.split("-")[0]
    return ""


def _possessed_name(toks: list[_Tok], r: int) -> int:
    """Past a possessive to the name it introduces: "50km north-east of Lombok's main
    city Mataram" is measured from Mataram (the island's city), not from Lombok; without
    such a name ("of Lombok's main city") the possessor stays."""
    if not _POSSESSIVE_RE.search(toks[r].text):
        return r
    q = r + 1
    while q < min(len(toks), r + 5) and toks[q].kind == "word" and not toks[q].cap:
        if toks[q].low in _STOP:
            return r
        q += 1
    if q > r + 1 and q < len(toks) and toks[q].kind == "word" and toks[q].cap:
        while q + 1 < len(toks) and toks[q + 1].cap:
            q += 1
        return q
    return r


def _lemma(word: str) -> str:
    for suf, rep in (("ies", "y"), ("ses", "s"), ("s", "")):
        if word.endswith(suf) and len(word) > len(suf) + 2 and not word.endswith("ss"):
            return word[: -len(suf)] + rep
    return word


_COUNT_SYNONYMS = _table("people: person individual; staff: employee staffer worker")


def _not_yet(toks: list[_Tok], k: int, stop: int) -> bool:
    """Tokens k..stop say the people are yet to have it done: "waiting to be evacuated",
    "awaiting rescue", "yet to be rescued", "remain to be evacuated", "have not been
    evacuated", "have yet to evacuate"."""
    words = [toks[q].low for q in range(k, stop) if toks[q].kind == "word"]
    if "awaiting" in words:
        return True
    for q, w in enumerate(words):
        if not w.startswith(("evacuat", "rescu", "pulled", "brought", "freed", "airlift")):
            continue
        back = words[max(0, q - 3) : q]
        if {"not", "never", "yet"} & set(back):
            return True
        if back[-2:] == ["to", "be"] and back[:1] and back[0] in _NOT_YET_BEFORE:
            return True
    return False


def _critical(toks: list[_Tok], k: int, stop: int) -> bool:
    """Tokens k..stop (to a comma) say the people are in a critical state, a part of all
    the injured or all in hospital: "fighting for their lives", "in critical condition",
    "in intensive care" (not "critically injured": often all of them are)."""
    words: list[str] = []
    for q in range(k, stop):
        if toks[q].text in (",", ";"):
            break  # "140 people were injured, some critically": an aside, not these
        if toks[q].kind == "word":
            words.append(toks[q].low)
    said = " ".join(words)
    return any(w in said for w in _CRITICAL)


_CRITICAL = (
    "fighting for their lives",
    "in critical condition",
    "in a critical condition",
    "in intensive care",
    "on life support",
)

#: words before "to be evacuated" that make it not done yet ("remain to be evacuated")
_NOT_YET_BEFORE = frozenset("waiting yet remain remains remained still left".split())


#: heads whose "N-year-old" is their length, not an age: a conflict still going on ("the
#: nearly six-year-old war" is the "five-year war" another outlet gives)
_LENGTH_HEADS = frozenset(("war", "conflict", "insurgency", "uprising"))
#: words between a thing and its "N years old": a verb of being, maybe after a verb of
#: judging ("is estimated to be", "was thought to be")
_BE = frozenset("is was are were be".split())
_JUDGED = frozenset("estimated believed thought determined found said dated".split())
_AGE_HEDGES = frozenset(
    "about around nearly almost roughly approximately some over more than".split()
)


def thing_aged(head: str) -> str:
    """The thing an "N-year-old" qualifies when it is no person and no conflict (whose
    length it is): the last noun of the head before a word that is none ("a 32,000-year-old
    deposit", "the 13-year-old male tiger" -> tiger, "bride ahead" -> bride), lemmatized;
    "" when it is a conflict or there is no noun."""
    last = ""
    for w in head.split():
        if _is_noun(w):
            last = w
        elif last:
            break
    if not last or last in _LENGTH_HEADS:
        return ""
    return _lemma(last)


def age_subject(toks: list[_Tok], i0: int) -> str:
    """The thing that "is N years old": the lower-case noun right before the verb of being
    ("the sample was 32,000 years old", "the remains are estimated to be 1,000 years old"),
    lemmatized; "" for a person, a pronoun or a subject further back."""
    q = i0 - 1
    while q >= 0 and toks[q].low in _AGE_HEDGES:
        q -= 1
    if q < 0 or toks[q].low not in _BE:
        return ""
    if toks[q].low == "be" and q >= 2 and toks[q - 1].low == "to" and toks[q - 2].low in _JUDGED:
        q -= 2
        if q >= 1 and toks[q - 1].low in _BE:
            q -= 1  # "is estimated to be"
    q -= 1
    if q < 0 or toks[q].kind != "word" or toks[q].cap:
        return ""
    w = toks[q].low
    if w in _STOP or w in _NOT_NAMES or not _is_noun(w):
        return ""
    if w in _PERSON_HEADS or w.rstrip("s") in _PERSON_HEADS or _agent(w) or w in _PEOPLE_NOUNS:
        return ""  # a person's age stays "age"
    if w in _LENGTH_HEADS:
        return ""
    if "of" in (_word(toks, q - 1), _word(toks, q - 2)):
        return ""  # "the author of the facts was about thirty years old": not the facts'
    return _lemma(w)
