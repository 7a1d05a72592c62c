"""Report: facts (agreements) and disagreements built from aligned mentions, and the form
renderers show."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from typing import Any, TypeVar

from newsbrief.compare.alignment import _si
from newsbrief.compare.lexicon import NUMERIC_KINDS
from newsbrief.compare.mentions import _Mention
from newsbrief.compare.scanner import _Scanner
from newsbrief.model import Article, Brief, Disagreement, Fact

T = TypeVar("T")


def _display_measure(m: _Mention) -> str:
    if m.superseded:
        return f"{m.measure} (earlier figure)"
    if m.partial:
        return f"{m.measure} (part of a total)"
    if m.alias:
        return f"{m.measure} (conversion)"
    if m.background:
        bg = m.background
        return f"{m.measure} (in {bg})" if bg[:1].isdigit() else f"{m.measure} ({bg})"
    return m.measure


def cited(articles: Sequence[Article], items: Sequence[Any]) -> tuple[list[str], list[str]]:
    """The ids of the articles that state these items (mentions or clock times, each with
    ``article`` and ``sentence``), each article once in the items' order, and the sentence
    of its first item."""
    ids: list[str] = []
    ev: list[str] = []
    for it in items:
        aid = articles[it.article].id
        if aid not in ids:
            ids.append(aid)
            ev.append(it.sentence)
    return ids, ev


def most_common(items: Iterable[T]) -> T:
    """The item given most often, the first of them on a tie: what
    ``Counter(items).most_common(1)[0][0]`` gives (a dict of counts and one ``max``; speed:
    a Counter costs more than the count itself for the few items of a group)."""
    counts: dict[T, int] = {}
    for x in items:
        counts[x] = counts.get(x, 0) + 1
    return max(counts, key=counts.__getitem__)


def _facts_of(articles: Sequence[Article], scans: Sequence[_Scanner]) -> list[Fact]:
    """Agreements: one Fact per measure and value, citing every article that states it."""
    numeric: dict[tuple[str, ...], list[_Mention]] = {}
    for sc in scans:
        for m in sc.mentions:
            key = (m.kind, _display_measure(m), m.normalized, m.unit, m.relation)
            numeric.setdefault(key, []).append(m)
    ranked: list[tuple[tuple[int, int, int], Fact]] = []
    for gi, (gk, ms) in enumerate(numeric.items()):
        ids, ev = cited(articles, ms)
        if len(ms) == 1:  # most groups (speed: no Counter)
            written, relation = ms[0].written, ms[0].relation
        else:
            written, relation = most_common((m.written, m.relation) for m in ms)
        first = ms[0]
        fact = Fact(
            kind=first.kind,
            measure=gk[1],
            value=written,
            normalized=first.normalized,
            relation=relation,
            unit=first.unit,
            article_ids=tuple(ids),
            evidence=tuple(ev),
            category=first.category,
        )
        background = int(first.partial or first.superseded or first.alias or bool(first.background))
        ranked.append(((background, -len(ids), gi), fact))
    other: dict[tuple[str, str], tuple[str, list[str], list[str]]] = {}
    full = _full_names(scans)
    spelled = _acronyms(scans)
    people, places = _people_and_places(scans)
    for sc in scans:
        aid = articles[sc.index].id
        items = [(w, norm, kind, si) for w, norm, kind, si in sc.dates]
        for name, kind, si in sc.names:
            if kind == "person":
                key = _name_key(name)
                if places.get(key, 0) > people.get(key, 0):
                    continue  # "Saudi Arabia", read as a person once, a place more often
                name = full.get(key, name)
            elif kind == "place":
                key = _name_key(name)
                if people.get(key, 0) >= places.get(key, 0):
                    continue  # "in Trump's ...": a person of the event at least as often
            if kind != "person":
                name = spelled.get((kind, name), name)  # "ICRC": the body's full name
            items.append((name, _name_key(name), kind, si))
        for written, norm, kind, si in items:
            _w, ids, ev = other.setdefault((kind, norm), (written, [], []))
            if aid not in ids:
                ids.append(aid)
                ev.append(sc.sentences[si])
    labels = {"date": "date", "weekday": "weekday", "time": "time of day", "person": "person named"}
    labels |= {"place": "place named", "organization": "organization named"}
    rank = {"date": 2, "weekday": 2, "time": 2, "person": 3, "place": 4, "organization": 5}
    for gi, ((kind, norm), (written, ids, ev)) in enumerate(other.items()):
        fact = Fact(
            kind=kind,
            measure=labels[kind],
            value=written,
            normalized=norm if kind in ("date", "weekday", "time") else written,
            article_ids=tuple(ids),
            evidence=tuple(ev),
            category=kind,
        )
        ranked.append(((rank[kind], -len(ids), gi), fact))
    ranked.sort(key=lambda x: x[0])
    return [f for _, f in ranked]


# (remembered, speed: a name is keyed several times a call, and the same names recur from
# call to call)
@lru_cache(maxsize=200_000)
def _name_key(name: str) -> str:
    """'Bashar al-Assad' and 'Bashar Assad' have the same key."""
    return _NAME_SPACES.sub(" ", _NAME_ARTICLE.sub("", name.lower())).strip()


_NAME_ARTICLE = re.compile(r"\b(?:al|el|ad|as|ar)-")
_NAME_SPACES = re.compile(r"[\s\-‐]+")


def _people_and_places(scans: Sequence[_Scanner]) -> tuple[Counter[str], Counter[str]]:
    """How often the event names each key as a person (a person's surname too: the last
    word of a name of two words or more) and as a place. A name read as both is the kind
    it is read as more often: "Trump" after "in" is the person the event names ("Donald
    Trump"), "Saudi Arabia" read once as a person is the place it is elsewhere."""
    people: Counter[str] = Counter()
    places: Counter[str] = Counter()
    for sc in scans:
        for n, kind, _ in sc.names:
            if kind == "person":
                key = _name_key(n)
                people[key] += 1
                if " " in key:
                    people[key.rsplit(" ", 1)[1]] += 1
            elif kind == "place":
                places[_name_key(n)] += 1
    return people, places


def _full_names(scans: Sequence[_Scanner]) -> dict[str, str]:
    """Person name keys mapped to the longest form naming the same person in the event:
    a surname alone ('Assad') or a shorter form ('Bashar Assad') maps to the full name
    when only one full name of the event ends with it."""
    # first-seen order, so a tie between two forms of one length ('Kim Il Sung' /
    # 'Kim Il-Sung') is settled the same way on every run (not by the hash seed)
    persons = list(dict.fromkeys(n for sc in scans for n, kind, _ in sc.names if kind == "person"))
    by_last: dict[str, list[str]] = defaultdict(list)
    for n in persons:
        if len(n.split()) >= 2:
            by_last[_name_key(n).split()[-1]].append(n)
    out: dict[str, str] = {}
    for n in persons:
        cands = by_last.get(_name_key(n).split()[-1], [])
        longest = max(cands, key=len) if cands else n
        if len(cands) == 1 or all(_name_key(c) == _name_key(longest) for c in cands):
            out[_name_key(n)] = longest
    return out


#: small words a body's initials leave out ("International Committee of the Red Cross": ICRC)
_NOT_INITIALS = frozenset("of the and for de du des la le on in at to".split())
#: an acronym: two to six capitals ("UN", "ICRC", "NATO"), nothing else
_ACRONYM = re.compile(r"[A-Z]{2,6}")


def _acronyms(scans: Sequence[_Scanner]) -> dict[tuple[str, str], str]:
    """(kind, acronym) -> the one name of that kind in the event whose initials it is:
    "ICRC" for "International Committee of the Red Cross", "UK" for "United Kingdom", so
    that one body is one fact citing every article that names it either way. An acronym
    that two names of the event spell is left alone."""
    names = {(kind, n) for sc in scans for n, kind, _ in sc.names if kind != "person"}
    spelled: dict[tuple[str, str], set[str]] = defaultdict(set)
    for kind, n in names:
        words = [w for w in n.replace("-", " ").split() if w.lower() not in _NOT_INITIALS]
        if len(words) >= 2 and all(w[:1].isupper() for w in words):
            spelled[(kind, "".join(w[0] for w in words))].add(n)
    out: dict[tuple[str, str], str] = {}
    for kind, n in names:
        if _ACRONYM.fullmatch(n):
            full = spelled.get((kind, n), set())
            if len(full) == 1:
                out[(kind, n)] = next(iter(full))
    return out


def _disagreements(arts: Sequence[Article], groups: list[list[_Mention]]) -> list[Disagreement]:
    """Merge overlapping groups; each becomes a Disagreement of one Fact per value."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_id: dict[int, _Mention] = {}
    for g in groups:
        for m in g:
            by_id[id(m)] = m
            parent[find(id(m))] = find(id(g[0]))
    clusters: dict[int, list[_Mention]] = defaultdict(list)
    for x, m in by_id.items():
        clusters[find(x)].append(m)
    out: list[tuple[tuple[int, int], Disagreement]] = []
    for ms in clusters.values():
        ms.sort(key=lambda m: (m.article, m.sent, m.pos))
        by_value: dict[tuple[float, str], list[_Mention]] = defaultdict(list)
        for m in ms:
            by_value[(_si(m), m.relation)].append(m)
        if len(by_value) < 2:
            continue
        if len({m.article for m in ms}) < 2 and not any(m.superseded for m in ms):
            continue  # one article is not a disagreement among the sources (unless it
            # reports the figure changed: "rose from ten to 24")
        facts = []
        earlier: list[float] = []
        for (_v, rel), vs in sorted(by_value.items(), key=lambda kv: (kv[0][0], kv[0][1])):
            earlier.append(sum(m.superseded for m in vs) / len(vs))
            ids, ev = cited(arts, vs)
            f0 = vs[0]
            facts.append(
                Fact(
                    kind=f0.kind,
                    measure=f0.measure,
                    value=f0.written,
                    normalized=f0.normalized,
                    relation=rel,
                    unit=f0.unit,
                    article_ids=tuple(ids),
                    evidence=tuple(ev),
                    category=f0.category,
                )
            )
        note, ordered = _revision_order(facts, {a.id: a.published for a in arts}, earlier)
        named = [m.measure for m in ms if not m.superseded] or [m.measure for m in ms]
        measure = most_common(named)
        out.append(
            (min((m.article, m.sent) for m in ms), Disagreement(measure, tuple(ordered), note))
        )
    out.sort(key=lambda x: x[0])
    return [d for _, d in out]


def facts_for_display(brief: Brief, limit: int = 12) -> dict[str, Any]:
    """A brief's facts and disagreements ready to show, cited by 1-based source number.

    Returns ``{"disagreements": [{"measure", "note" ("conflict" | "revision"), "line"
    (one line: "people killed: 6 (BBC, 14 Jun) -> 12 (Guardian, 15 Jun), revised"),
    "values": [{"value", "citations", "where" ("BBC, 14 Jun"), "evidence": [(number,
    sentence), ...]}]}], "facts": [{"measure", "value",
    "citations", "evidence"}], "names": {"people" | "places" | "organizations":
    [(name, citations)]}, "dates": [(value, citations)]}``. ``facts`` holds the numeric
    facts, most-cited first, at most ``limit`` of them (0: all), less those already shown
    as a value of a disagreement (the same value and unit, stated by none but that value's
    articles): a disputed figure is shown once, under the one measure name of its
    disagreement. Citation numbers and evidence are sorted by source number.
    ``brief.facts`` itself (the JSON) keeps every fact.
    """
    number = {a.id: i for i, a in enumerate(brief.sources, 1)}

    def cites(f: Fact) -> list[int]:
        return sorted({number[a] for a in f.article_ids if a in number})

    def evidence(f: Fact) -> list[tuple[int, str]]:
        pairs = [(number.get(a, 0), s) for a, s in zip(f.article_ids, f.evidence, strict=False)]
        return sorted(pairs, key=lambda p: p[0])

    by_id = {a.id: a for a in brief.sources}

    def where(f: Fact) -> str:
        """'BBC, 14 Jun': the outlets stating a value and the first date they did."""
        arts = [by_id[a] for a in f.article_ids if a in by_id]
        outlets = sorted({a.source for a in arts if a.source})
        days = [a.published for a in arts if a.published]
        when = f"{min(days).day} {min(days):%b}" if days else ""
        return ", ".join([*outlets[:3], *([when] if when else [])])

    def timeline(d: Disagreement) -> str:
        arrow = " -> " if d.note == "revision" else " vs "
        steps = arrow.join(f"{f.value} ({where(f)})" if where(f) else f.value for f in d.facts)
        label = {"revision": "revised", "conflict": "conflict"}.get(d.note, "")
        return f"{d.measure}: {steps}" + (f", {label}" if label else "")

    def row(f: Fact) -> dict[str, Any]:
        return {
            "measure": f.measure,
            "value": f.value,
            "citations": cites(f),
            "evidence": evidence(f),
        }

    disputed = [
        (v.normalized, v.unit, set(v.article_ids)) for d in brief.disagreements for v in d.facts
    ]

    def shown_above(f: Fact) -> bool:
        return any(
            f.normalized == n and f.unit == u and set(f.article_ids) <= ids
            for n, u, ids in disputed
        )

    numeric = [f for f in brief.facts if f.kind in NUMERIC_KINDS and not shown_above(f)]
    # ranks ("rank (deadliest school shooting): third") after the figures, in the slots left
    numeric += [f for f in brief.facts if f.kind == "ordinal" and not shown_above(f)]
    names: dict[str, list[tuple[str, list[int]]]] = {
        "people": [],
        "places": [],
        "organizations": [],
    }
    plural = {"person": "people", "place": "places", "organization": "organizations"}
    dates: list[tuple[str, list[int]]] = []
    for f in brief.facts:
        if f.kind in plural:
            names[plural[f.kind]].append((f.value, cites(f)))
        elif f.kind in ("date", "weekday", "time"):
            dates.append((f.value, cites(f)))
    return {
        "disagreements": [
            {
                "measure": d.measure,
                "note": d.note or "conflict",
                "line": timeline(d),
                "values": [row(f) | {"where": where(f)} for f in d.facts],
            }
            for d in brief.disagreements
        ],
        "facts": [row(f) for f in (numeric[:limit] if limit else numeric)],
        "names": names,
        "dates": dates,
    }


# ---------------------------------------------------------------------------------------


#: words saying a figure replaces an earlier one
_REVISED = re.compile(
    r"\b(?:rose|risen|rises|rising|climbed|climbs|jumped|increased|grew|mounted|revised|"
    r"updated|upgraded|raised|has reached|now stands|now at|up from|later put|rose from)\b",
    re.I,
)


#: a piece of each alternative of :data:`_REVISED`, lower-cased
_REVISED_PIECES = ("ris", "rose", "climb", "jumped", "increased", "grew", "mounted", "revised")
_REVISED_PIECES += ("updated", "upgraded", "raised", "has reached", "now ", "up from", "later put")


def _revised(text: str) -> bool:
    """:data:`_REVISED` found in the text; in plain ASCII text (where re.I reads a letter as
    its other case only) searched only where a piece of it is written (speed: the pattern
    tries a word boundary at every place)."""
    if text.isascii():
        low = text.lower()
        if not any(p in low for p in _REVISED_PIECES):
            return False
    return _REVISED.search(text) is not None


#: kinds whose values stand still within a news cycle: a war's length, an age, a distance
#: reported on two days differ because the sources differ, not because the fact changed
_STABLE_KINDS = ("duration", "age", "measurement", "ordinal")


def _revision_order(
    facts: list[Fact], published: dict[str, date | None], earlier: list[float] | None = None
) -> tuple[str, list[Fact]]:
    """("revision", the facts in the order reported) when the values were reported at
    different times (each value's articles dated, no date shared by two values; only for
    figures that move with the news: tolls, counts, magnitudes, money), when an article
    marks a figure as earlier ("rose from ten to 24", "revised from 41") or a sentence
    says a figure was revised ("rose to", "updated"); else ("conflict", facts).
    ``earlier[i]`` is the share of the mentions of value i that an article marks as an
    earlier figure: those come first."""
    earlier = earlier or [0.0] * len(facts)
    first: list[date | None] = []
    spans: list[tuple[date, date] | None] = []
    for f in facts:
        days = [d for d in (published.get(a) for a in f.article_ids) if d is not None]
        first.append(min(days) if days else None)
        spans.append((min(days), max(days)) if days else None)
    dated = [s for s in spans if s is not None]
    moving = all(f.kind not in _STABLE_KINDS for f in facts)
    apart = (
        moving
        and len(dated) == len(facts)
        and all(a[1] < b[0] or b[1] < a[0] for i, a in enumerate(dated) for b in dated[i + 1 :])
    )
    worded = any(_revised(e) for f in facts for e in f.evidence)
    if not (apart or worded or any(earlier)):
        return "conflict", facts
    if apart:
        order = sorted(range(len(facts)), key=lambda i: (-earlier[i], first[i], i))
    else:
        order = sorted(range(len(facts)), key=lambda i: (-earlier[i], i))
    return "revision", [facts[i] for i in order]
