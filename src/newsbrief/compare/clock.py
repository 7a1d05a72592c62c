"""Clock times that disagree: the same statement re-reported with another time.

Clock times are facts (kind "time", read by the scanner) and were never compared: an
event has many times (the quake, the aftershock, the statement, the press conference),
and which happening a time belongs to is rarely written in a form rules can key. One case
is safe: two articles that say the same thing in mostly the same words, the time aside
("Hurricane Irma made landfall at 9:10 a.m. Sunday on Cudjoe Key" / "Hurricane Irma made
landfall ... Sunday morning at 8:19am over the lower Florida Keys"), the rule compare
already uses for numbers in any category (alignment._similar: at least three content
words shared around the two values, and at least half of all of them). Left out: a
sentence with two times (a conversion, "6:57 a.m. (7:57 a.m. Guam time)", or a span),
two times told in different time zones ("ET" / "GMT", "local"), and hedged times within
30 minutes of each other ("about 9.30 pm" / "9:27 p.m."). bench/when_pairs.py measures
this and the other ways of comparing dates, weekdays and times (docs/facts_history.md, helper
kinds).

A second rule, for one occurrence told in different words (helper when): two articles give
the time at which the same subject did the same thing of occurring ("The quake struck at
9:26 p.m." / "the quake hit at 9:36 pm (12:36 GMT)"; "the hurricane made landfall ... at
9:10 a.m." / "Hurricane Irma made landfall ... at 8:19am"). :func:`_occurrence` reads it:
a verb of occurring (struck, hit, occurred, happened, erupted, exploded, went off, made
landfall, came ashore...) before the time in its clause, with no verb of saying and no
word that opens another clause ("and", "when", "after"...) between them ("said on Friday
at 10am" times the statement, not the happening), and its subject, the words before the
verb back to a determiner or a clause word; the two subjects must share a noun ("quake" /
"earthquake" too), the sentences may not name different days, and the times must be less
than two hours apart. A bracketed time right after another is its conversion ("9:36 pm
(12:36 GMT)"), so such a sentence holds one time, in the zone of the first.

For both rules, neither sentence may hold a word that makes its time another moment
("again", "another", "earlier", "aftershock", "revised"...), and two times a whole number
of hours apart with the same minutes are one time in two zones, one left unwritten.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from newsbrief.compare.context import _content_stem
from newsbrief.compare.lexicon import _WEEKDAYS
from newsbrief.compare.report import cited
from newsbrief.compare.scanner import _Scanner
from newsbrief.model import Article, Disagreement, Fact
from newsbrief.unionfind import UnionFind

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
#: words and the punctuation that ends a clause or opens a bracket, in order
_WORD_OR_MARK = re.compile(r"[A-Za-z][A-Za-z'’-]*|[;:(),—–]")
#: words after a time that name its zone
_ZONES = frozenset("gmt utc bst cet cest et edt est ct cdt cst pt pdt pst ist jst local".split())
#: words before a time that hedge it
_HEDGES = frozenset(
    "about around approximately roughly some nearly almost shortly just before after by "
    "until till circa".split()
)
_SKIP = frozenset("am pm monday tuesday wednesday thursday friday saturday sunday".split())
#: how far apart (minutes) two times may be and agree when either is hedged
_HEDGED_MINUTES = 30
#: verbs of occurring, as written (one word, or the last word of a phrase: the word
#: before it) -> the happening they name; a time after one is the time of the happening
_OCCURRING = {
    "struck": "occur",
    "strikes": "occur",
    "hit": "occur",
    "hits": "occur",
    "jolted": "occur",
    "rocked": "occur",
    "shook": "occur",
    "rattled": "occur",
    "occurred": "occur",
    "occurs": "occur",
    "happened": "occur",
    "erupted": "occur",
    "exploded": "occur",
    "detonated": "occur",
    "crashed": "crash",
    "landfall": "landfall",
}
_OCCURRING_PHRASES = {
    ("went", "off"): "occur",
    ("took", "place"): "occur",
    ("came", "ashore"): "landfall",
    ("took", "off"): "takeoff",
}
#: words that end a subject read backwards from its verb
_SUBJECT_STOP = frozenset(
    "the a an this that which who when where as and but or while after before since said "
    "says told reported its their his her of in on at".split()
)
#: "the center of the massive hurricane": a subject's head may follow "of"
_SUBJECT_THROUGH = frozenset({"of"})
#: verbs of saying: between the verb of occurring and the time, they make it a statement's
_SAYING = frozenset(
    "said says told announced reported confirmed stated added tweeted wrote posted declared".split()
)
#: words that open another clause: a verb of occurring before one is not the time's verb
#: ("the quake struck the city and rescuers arrived at 10 pm")
_CLAUSE_WORDS = frozenset(
    "and but when while after before until which who then where because since once".split()
)
#: words that make a time another moment of the story, or a revised one
_OTHER_MOMENT = frozenset(
    "again another earlier later previous previously initially originally first second "
    "revised corrected updated aftershock aftershocks foreshock new next last".split()
)
#: subjects that name nothing
_NO_SUBJECT = frozenset("it he she they we i you there".split())
#: the most minutes two times of one occurrence may be apart and be a conflict
_OCCURRENCE_MINUTES = 120


class _Time:
    __slots__ = (
        "article",
        "written",
        "normalized",
        "sentence",
        "context",
        "zone",
        "hedged",
        "occurrence",
        "days",
        "single",
        "other_moment",
    )

    def __init__(
        self, article: int, written: str, normalized: str, sentence: str, single: bool = True
    ) -> None:
        self.article, self.written, self.normalized = article, written, normalized
        self.sentence = sentence
        self.single = single  # the sentence's only time (not one with its conversion)
        at = max(sentence.find(written), 0)
        before = _WORD.findall(sentence[:at])
        rest = sentence[at + len(written) :]
        after = _WORD.findall(rest)
        around = [w.lower() for w in before[-10:] + after[:10]]
        self.context = frozenset(
            s for s in (_content_stem(w) for w in around if w not in _SKIP) if s
        )
        own = _WORD.findall(rest.split("(", 1)[0])  # a bracket after it is a conversion
        self.zone = next((w.lower() for w in own[:3] if w.lower() in _ZONES), "")
        self.hedged = bool(before) and before[-1].lower() in _HEDGES
        words = {w.lower() for w in _WORD.findall(sentence)}
        self.other_moment = bool(words & _OTHER_MOMENT)
        self.occurrence = None if self.other_moment else _occurrence(sentence[:at])
        self.days = frozenset(words & _WEEKDAYS)

    @property
    def minutes(self) -> int:
        h, m = self.normalized.split(":")
        return int(h) * 60 + int(m)


def _occurrence(before: str) -> tuple[str, frozenset[str]] | None:
    """(happening, subject nouns) when the time after ``before`` is the time something
    occurred: a verb of occurring in the time's clause, no verb of saying between it and
    the time, and a subject of one to four words before the verb. None otherwise, or when
    the sentence makes it another moment ("another", "earlier", "aftershock": _Time checks)."""
    toks = [t.lower() for t in _WORD_OR_MARK.findall(before)]
    while toks and toks[-1] in _HEDGES:
        toks.pop()  # the time's own hedge: "just before 4 p.m.", "shortly after 22:00"
    for k in range(len(toks) - 1, max(len(toks) - 14, -1), -1):
        t = toks[k]
        if t in ";:(—–" or t in _SAYING or t in _CLAUSE_WORDS:
            return None  # the clause ends, or the time is a statement's or another verb's
        what = _OCCURRING.get(t)
        subject_end = k
        if t in ("off", "place", "ashore") and k > 0:
            what = _OCCURRING_PHRASES.get((toks[k - 1], t))
            subject_end = k - 1
        elif t == "landfall" and k > 0 and toks[k - 1] in ("made", "makes", "make"):
            subject_end = k - 1
        if what is None:
            continue
        nouns: list[str] = []
        j = subject_end - 1
        while j >= 0 and len(nouns) < 4:
            w = toks[j]
            if w in _SUBJECT_THROUGH and nouns:
                j -= 1
                continue
            if w in _SUBJECT_STOP or not w[0].isalpha():
                if not (w in ("the", "a", "an") and j > 0 and toks[j - 1] in _SUBJECT_THROUGH):
                    break
                j -= 1
                continue
            nouns.append(w)
            j -= 1
        if not nouns or nouns[0] in _NO_SUBJECT:
            return None
        stems = frozenset(s for s in (_content_stem(w) for w in nouns) if len(s) > 2)
        return (what, stems) if stems else None
    return None


def _same_subject(a: frozenset[str], b: frozenset[str]) -> bool:
    """A noun shared by two subjects; a compound's end counts ("earthquake", "quake")."""
    return any(x == y or x.endswith(y) or y.endswith(x) for x in a for y in b)


def _same_statement(a: _Time, b: _Time) -> bool:
    inter = len(a.context & b.context)
    return inter >= 3 and inter / len(a.context | b.context) >= 0.5


def _same_occurrence(a: _Time, b: _Time, gap: int) -> bool:
    """The times of one occurrence told in two articles (module docstring)."""
    if a.occurrence is None or b.occurrence is None or a.occurrence[0] != b.occurrence[0]:
        return False
    if a.days and b.days and not a.days & b.days:
        return False  # another day: another happening
    if gap >= _OCCURRENCE_MINUTES:
        return False  # hours apart: more likely another moment of the story
    return _same_subject(a.occurrence[1], b.occurrence[1])


def _gap(a: _Time, b: _Time) -> int:
    """Minutes between two clock times, around midnight if shorter."""
    gap = abs(a.minutes - b.minutes)
    return min(gap, 24 * 60 - gap)


def _disagree(a: _Time, b: _Time) -> bool:
    if a.article == b.article or a.normalized == b.normalized or a.zone != b.zone:
        return False
    if a.other_moment or b.other_moment:
        return False  # "an aftershock struck at", "the time was revised to"
    gap = _gap(a, b)
    if gap % 60 == 0 and a.minutes % 60 == b.minutes % 60:
        return False  # whole hours apart, the same minutes: a time zone left unwritten
    if (a.hedged or b.hedged) and gap <= _HEDGED_MINUTES:
        return False  # "about 9.30 pm" and "9:27 p.m." can both be true
    return (a.single and b.single and _same_statement(a, b)) or _same_occurrence(a, b, gap)


def _conversion(sentence: str, first: str, second: str) -> bool:
    """The second time is the first's conversion, in brackets right after it."""
    at = sentence.find(first)
    if at < 0:
        return False
    rest = sentence[at + len(first) :].lstrip()
    return rest.startswith("(") and rest[1:].lstrip().startswith(second)


def _times(scans: Sequence[_Scanner]) -> list[_Time]:
    """The clock times of the articles that may be compared: each the only time of its
    sentence, or the first of a time and its bracketed conversion."""
    times: list[_Time] = []
    for sc in scans:
        per_sentence: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for written, norm, kind, si in sc.dates:
            if kind == "time":
                per_sentence[si].append((written, norm))
        for si, found in per_sentence.items():
            if len(found) == 1:
                times.append(_Time(sc.index, *found[0], sc.sentences[si]))
            elif len(found) == 2 and _conversion(sc.sentences[si], found[0][0], found[1][0]):
                times.append(_Time(sc.index, *found[0], sc.sentences[si], single=False))
    return times


def clock_disagreements(arts: Sequence[Article], scans: Sequence[_Scanner]) -> list[Disagreement]:
    """Disagreements between the clock times of nearly the same statement in two
    articles; one per group of times so paired, values in time order."""
    times = _times(scans)
    sets = UnionFind(len(times))
    paired = set()
    for i, a in enumerate(times):
        for j in range(i + 1, len(times)):
            if _disagree(a, times[j]):
                sets.join(i, j)
                paired |= {i, j}
    groups: dict[int, list[_Time]] = defaultdict(list)
    for i in sorted(paired):
        groups[sets.find(i)].append(times[i])
    out = []
    for members in groups.values():
        by_value: dict[str, list[_Time]] = defaultdict(list)
        for t in members:
            by_value[t.normalized].append(t)
        facts = []
        for norm, ts in sorted(by_value.items()):
            ids, ev = cited(arts, ts)
            facts.append(
                Fact(
                    kind="time",
                    measure="time of day",
                    value=ts[0].written,
                    normalized=norm,
                    article_ids=tuple(ids),
                    evidence=tuple(ev),
                    category="time",
                )
            )
        out.append(Disagreement("time of day", tuple(facts), "conflict"))
    return out
