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
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from newsbrief.compare.context import _content_stem
from newsbrief.compare.report import cited
from newsbrief.compare.scanner import _Scanner
from newsbrief.model import Article, Disagreement, Fact
from newsbrief.unionfind import UnionFind

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
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


class _Time:
    __slots__ = ("article", "written", "normalized", "sentence", "context", "zone", "hedged")

    def __init__(self, article: int, written: str, normalized: str, sentence: str) -> None:
        self.article, self.written, self.normalized = article, written, normalized
        self.sentence = sentence
        at = max(sentence.find(written), 0)
        before = _WORD.findall(sentence[:at])
        after = _WORD.findall(sentence[at + len(written) :])
        around = [w.lower() for w in before[-10:] + after[:10]]
        self.context = frozenset(
            s for s in (_content_stem(w) for w in around if w not in _SKIP) if s
        )
        self.zone = next((w.lower() for w in after[:3] if w.lower() in _ZONES), "")
        self.hedged = bool(before) and before[-1].lower() in _HEDGES

    @property
    def minutes(self) -> int:
        h, m = self.normalized.split(":")
        return int(h) * 60 + int(m)


def _same_statement(a: _Time, b: _Time) -> bool:
    inter = len(a.context & b.context)
    return inter >= 3 and inter / len(a.context | b.context) >= 0.5


def _disagree(a: _Time, b: _Time) -> bool:
    if a.article == b.article or a.normalized == b.normalized or a.zone != b.zone:
        return False
    gap = abs(a.minutes - b.minutes)
    gap = min(gap, 24 * 60 - gap)
    if (a.hedged or b.hedged) and gap <= _HEDGED_MINUTES:
        return False  # "about 9.30 pm" and "9:27 p.m." can both be true
    return _same_statement(a, b)


def clock_disagreements(arts: Sequence[Article], scans: Sequence[_Scanner]) -> list[Disagreement]:
    """Disagreements between the clock times of nearly the same statement in two
    articles; one per group of times so paired, values in time order."""
    times: list[_Time] = []
    for sc in scans:
        per_sentence: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for written, norm, kind, si in sc.dates:
            if kind == "time":
                per_sentence[si].append((written, norm))
        for si, found in per_sentence.items():
            if len(found) == 1:
                times.append(_Time(sc.index, *found[0], sc.sentences[si]))
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
