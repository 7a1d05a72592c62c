"""Compare the sources: the checkable facts each article states, and where they disagree.

:func:`extract_facts` reads one article and returns its facts: quantities with what they
count (people killed, evacuated, injured...; other counted things), money with its
currency, percentages, durations and ages ("five-year", "nearly six-year-old"),
measurements, earthquake magnitudes, dates and weekdays, and the names of people,
places and organizations. Everything is found by rules: no model, no download.

:func:`compare` aligns the facts of the articles of one event that are about the same
quantity and returns the agreements (one :class:`~newsbrief.model.Fact` per value, citing
every article that states it, with the sentence as evidence) and the disagreements
(:class:`~newsbrief.model.Disagreement`: different values for the same quantity, across
articles or within one).

Hedges are kept as written and normalized with their direction (``relation``):
``=`` plain, ``>=`` at least, ``>`` more than, ``<=`` up to, ``<`` less than, ``~`` about,
``~<`` nearly (approximately, from below), ``~>`` just over (approximately, from above).
Each value becomes an interval and two values are compatible when their intervals meet:

- ``=`` X: exactly X; a figure with three or more significant digits may be rounded by
  0.5% ("$531 million" and "US$530M" agree; "30,000" and "34,000" do not);
- ``~`` X: X +- w, ``~<`` X: (X - w, X], ``~>`` X: [X, X + w), where w is 5% of X but at
  least 1 for whole numbers below 20, yet under half of X ("nearly six years" is more than
  five years and at most six, so it disagrees with "five years" and agrees with "six
  years"; "nearly a week" is more than half a week);
- ``>=``, ``>``, ``<=``, ``<``: the half-line ("at least 34,000" agrees with 35,000).

Precision comes first, because a false alarm costs the reader's trust. Two values are
called a disagreement only when they are about the same quantity with strong evidence:
the same category and subject (people killed, soldiers killed, war length, passengers,
the height of the flames...), taken from each article's first statement of it (a later
figure in the same article counts when another outlet states it too), not a part of a
total ("nine of them", "seven other satellites", a breakdown by place), not a figure
the article marks as superseded ("earlier put the toll at 10", "rose from ten to 24"),
not about another time ("in 2008", "since 2000", "a year on average", the whole war);
or else the two sentences say the same thing in nearly the same words. The same number
hedged differently ("10" and "more than 10") is not a disagreement, and values more than
3 times apart (1.5 for plain counts, 1.25 for money) are taken to be different
quantities. See docs/facts.md.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from scipy import sparse

from newsbrief.compare import pairing
from newsbrief.compare.alignment import (
    _claims,
    _close_enough,
    _mentions_compatible,
    _pair_ok,
    _ratio_limit,
    _si,
    _similar,
    mark_leads,
    ordinal_pairs,
    unify_age_holders,
    unify_synonyms,
)
from newsbrief.compare.clock import clock_disagreements
from newsbrief.compare.lexicon import (
    _UNIT_INFO,
    CATEGORIES,
    MAX_VALUE,
    NUMERIC_KINDS,
    PEOPLE_CATEGORIES,
    RELATIONS,
)
from newsbrief.compare.lists import base_key, unify_holders
from newsbrief.compare.mentions import _Mention, _strong_key
from newsbrief.compare.numbers import compatible, parse_number
from newsbrief.compare.report import _disagreements, _facts_of, facts_for_display
from newsbrief.compare.scanner import _scan, _Scanner
from newsbrief.model import Article, Brief, Disagreement, Fact

__all__ = [
    "CATEGORIES",
    "MAX_VALUE",
    "NUMERIC_KINDS",
    "PEOPLE_CATEGORIES",
    "RELATIONS",
    "compare",
    "compatible",
    "extract_facts",
    "facts_for_display",
    "parse_number",
    "with_facts",
]


def compare(
    articles: Sequence[Article],
    *,
    reference_year: int | None = None,
    sentences: Sequence[Sequence[str]] | None = None,
) -> tuple[list[Fact], list[Disagreement]]:
    """Facts of the articles of one event, aligned: agreements and disagreements.

    Returns ``(facts, disagreements)``. ``facts`` has one :class:`Fact` per quantity and
    value (then per date and name), citing every article that states it, most-cited
    first; ``evidence[i]`` is the sentence of ``article_ids[i]``. Each
    :class:`Disagreement` lists the values given for one quantity, each a Fact with its
    articles and sentences. ``reference_year`` defaults to the most common publication
    year of the articles. ``sentences``, where given, holds each article's
    ``split_sentences(article.text)`` already worked out (one list per article, in order;
    speed: the pipeline splits once for the summary and the facts); the result is the
    same as without it.
    """
    arts, scans = _prepared(articles, reference_year, sentences)
    disagreements = _disagreements(arts, _groups(scans, arts))
    # clock times only in nearly the same statement re-reported (compare/clock.py)
    return _facts_of(arts, scans), disagreements + clock_disagreements(arts, scans)


def _prepared(
    articles: Sequence[Article],
    reference_year: int | None = None,
    sentences: Sequence[Sequence[str]] | None = None,
) -> tuple[list[Article], list[_Scanner]]:
    """The articles and their scans, with age holders unified and leads marked."""
    arts = list(articles)
    if sentences is not None and len(sentences) != len(arts):
        raise ValueError(f"compare: {len(sentences)} sentence lists for {len(arts)} articles")
    if reference_year is None:
        years = Counter(a.published.year for a in arts if a.published)
        reference_year = years.most_common(1)[0][0] if years else None
    given = sentences if sentences is not None else [None] * len(arts)
    scans = [_scan(a, i, reference_year, given[i]) for i, a in enumerate(arts)]
    unify_age_holders(scans)
    unify_holders(scans)
    unify_synonyms(scans)
    mark_leads(scans)
    return arts, scans


def _groups(scans: Sequence[_Scanner], arts: Sequence[Article]) -> list[list[_Mention]]:
    """The groups of mentions to report as disagreements: the pairs the rules propose,
    less the parts set against their totals, and, when a pairing model is shipped, as
    the model decides (it may veto a rule's pair or accept a pair the rules leave out)."""
    key_groups, rule_pairs = _rule_pairs(scans)
    return _decide(scans, arts, key_groups, rule_pairs, pairing._model())


_RulePairs = dict[tuple[int, int], tuple[_Mention, _Mention, set[str]]]


def _rule_pairs(
    scans: Sequence[_Scanner],
) -> tuple[list[tuple[list[_Mention], list[tuple[_Mention, _Mention]]]], _RulePairs]:
    """The pairs the alignment rules propose, with the rules proposing each; and the groups
    of step 1 (a key's claims: the disagreeing pairs and the statements compatible with
    them), each with its disagreeing pairs."""
    pairs: _RulePairs = {}

    def add(a: _Mention, b: _Mention, rule: str) -> None:
        k = pairing._pair_id(a, b)
        pairs.setdefault(k, (a, b, set()))[2].add(rule)

    key_groups: list[tuple[list[_Mention], list[tuple[_Mention, _Mention]]]] = []
    # 1. the same key: each article's own statements of it
    listed = _listed_keys(scans)
    for key, claims in _claims(scans).items():
        if key in listed:
            continue  # one name for several quantities (seats won, needed, a majority...)
        bad = [
            (a, b)
            for i, a in enumerate(claims)
            for b in claims[i + 1 :]
            if (a.article != b.article or key[0] in ("q", "count", "duration", "age"))
            and _pair_ok(a, b)
        ]
        if bad:
            core = {id(x): x for pair in bad for x in pair}
            key_groups.append(
                (
                    [
                        c
                        for c in claims
                        if id(c) in core
                        or (
                            c.relation != "vague"  # "hundreds" beside 515 says nothing more
                            and any(
                                _close_enough(c, x) and _mentions_compatible(c, x)
                                for x in core.values()
                            )
                        )
                    ],
                    bad,
                )
            )
            for a, b in bad:
                add(a, b, "key")
    # 1b. a revision the article itself reports ("rose from ten to 24", "revised from an
    # earlier figure of 41"): the earlier figure and the article's own statement of it
    for a, b in _stated_revisions(scans):
        add(a, b, "stated")
    # 1c. ranks: two articles' own ordinals of one ranking ("second" / "third" deadliest)
    for a, b in ordinal_pairs([m for sc in scans for m in sc.mentions]):
        add(a, b, "ordinal")
    # 2. money: the same currency, a shared word for what it is, within 25%
    money = [
        m
        for sc in scans
        for m in sc.mentions
        if m.kind == "money" and m.alignable and not m.background
    ]
    for i, a in enumerate(money):
        for b in money[i + 1 :]:
            if (a.article, a.sent) != (b.article, b.sent) and a.money_words & b.money_words:
                if _pair_ok(a, b):
                    add(a, b, "money")
    # 3. nearly the same sentence around the number, in any category
    by_cat: dict[tuple[str, str], list[_Mention]] = defaultdict(list)
    for sc in scans:
        for m in sc.mentions:
            if m.alignable:
                dim = _UNIT_INFO.get(m.unit, (m.unit, 1.0))[0] if m.kind == "measurement" else ""
                by_cat[(m.category, dim)].append(m)
    for ms in by_cat.values():
        if len(ms) > 2000:
            continue
        # speed: only mentions of one order and background can pair, and _similar needs
        # three shared context words and sizes within half of each other; each mention meets
        # the later ones of its bucket that pass (_similar_later), in the order of ``ms``
        buckets: dict[tuple[int, str], list[_Mention]] = defaultdict(list)
        place: dict[int, int] = {}
        for m in ms:
            if len(m.context) >= 3:
                bucket = buckets[(m.order, m.background)]
                place[id(m)] = len(bucket)
                bucket.append(m)
        later = {where: _similar_later(bucket) for where, bucket in buckets.items()}
        for a in ms:
            p = place.get(id(a))
            if p is None:
                continue
            where = (a.order, a.background)
            bucket = buckets[where]
            for q in later[where][p]:
                b = bucket[q]
                if a.key == b.key and _strong_key(a):
                    continue  # step 1 compared each article's own statements of this key
                if (a.article, a.sent) != (b.article, b.sent) and _similar(a, b) and _pair_ok(a, b):
                    add(a, b, "similar")
    return key_groups, pairs


#: an article that gives this many different values under one key (other than a count of
#: people or money) lists several quantities under one name: "seats" won, needed for a
#: majority, held before and forecast by an exit poll; "length" of several things. One
#: article's own figure, a revision and a rounding make at most three.
_LISTED_VALUES = 4


def _listed_keys(scans: Sequence[_Scanner]) -> set[tuple[str, ...]]:
    """The keys (not counts of people, nor money) some article states with at least
    :data:`_LISTED_VALUES` different values: names of several quantities, not one. A
    holder's key (compare/lists.py) is never one: its holder tells its figure apart."""
    values: dict[tuple[int, tuple[str, ...]], set[float]] = defaultdict(set)
    for sc in scans:
        for m in sc.mentions:
            if m.alignable and not m.background and m.key[0] not in ("q", "money"):
                # a holder's figure is one more under the bare key ("seats (Labour)")
                values[(m.article, base_key(m.key))].add(_si(m))
    return {key for (_art, key), vs in values.items() if len(vs) >= _LISTED_VALUES}


def _similar_later(bucket: list[_Mention], sparse_from: int = 40) -> list[list[int]]:
    """For each mention of the bucket, the later ones (by place, ascending) that may be
    :func:`_similar` to it: at least three shared context words, and at least half of the
    union shared (a loose bound: _similar decides). A large bucket is counted with one
    sparse product."""
    n = len(bucket)
    if n < sparse_from:
        out: list[list[int]] = []
        for p, a in enumerate(bucket):
            ca, size_a = a.context, len(a.context)
            row = []
            for q in range(p + 1, n):
                cb = bucket[q].context
                size_b = len(cb)
                if 2 * min(size_a, size_b) < max(size_a, size_b):
                    continue  # the sizes alone rule out half of the union shared
                inter = len(ca & cb)
                if inter >= 3 and 2 * inter >= (size_a + size_b - inter):
                    row.append(q)
            out.append(row)
        return out
    # the rows of the mention-by-word matrix made directly (a context is a set: no column
    # twice in a row), and the pairs read from one nonzero (speed: not one call per row)
    vocab: dict[str, int] = {}
    cols: list[int] = []
    starts = [0]
    for m in bucket:
        cols.extend([vocab.setdefault(w, len(vocab)) for w in m.context])
        starts.append(len(cols))
    ones = np.ones(len(cols), dtype=np.int32)
    x = sparse.csr_matrix((ones, cols, starts), shape=(n, len(vocab)))
    inter = (x @ x.T).toarray()
    sizes = np.diag(inter)
    union = sizes[:, None] + sizes[None, :] - inter
    ok = np.triu((inter >= 3) & (2 * inter >= union), k=1)
    out = [[] for _ in range(n)]
    rows, later = np.nonzero(ok)  # row by row, each row's columns ascending
    for p, q in zip(rows.tolist(), later.tolist(), strict=True):
        out[p].append(q)
    return out


def _decide(
    scans: Sequence[_Scanner],
    arts: Sequence[Article],
    key_groups: list[tuple[list[_Mention], list[tuple[_Mention, _Mention]]]],
    rule_pairs: _RulePairs,
    model: pairing.Model | None,
) -> list[list[_Mention]]:
    """The groups of mentions to report: the pairs accepted (a rule's pair unless it sets
    a part against its total or the model vetoes it; another candidate pair when the
    model accepts it); a step-1 group keeps its compatible statements beside its accepted
    pairs."""
    ev = pairing.EventFacts(scans, [a.published for a in arts])
    accepted: set[tuple[int, int]] = set()
    groups: list[list[_Mention]] = []
    pairs = (
        pairing.candidate_pairs(scans, rule_pairs)
        if model is not None
        else [(a, b, frozenset(r)) for a, b, r in rule_pairs.values()]
    )
    for a, b, rules in pairs:
        if rules and "stated" not in rules and ev.part_sum(a, b):
            continue  # "67 passengers and four crew" against 71 on board: part and total
        if model is not None:
            p = model.probability(pairing.features(a, b, rules, ev))
            if p < (model.veto if rules else model.threshold):
                continue
        accepted.add(pairing._pair_id(a, b))
        if "key" not in rules:
            groups.append([a, b])
    stated = _stated_by_key(scans)
    for members, bad in key_groups:
        core = {id(x): x for a, b in bad if pairing._pair_id(a, b) in accepted for x in (a, b)}
        if core:
            group = [
                c
                for c in members
                if id(c) in core
                or (
                    c.relation != "vague"
                    and any(
                        _close_enough(c, x) and _mentions_compatible(c, x) for x in core.values()
                    )
                )
            ]
            # the sources disagree on this quantity: every figure they give for it is
            # shown, a later one in an article too ("in another statement, 12 people had
            # died" after "at least 13" in its lead), when close to a disagreeing one
            seen = {(c.article, _si(c)) for c in group}
            for m in stated.get(members[0].key, []) if members[0].key[0] == "q" else []:
                if (
                    (m.article, _si(m)) not in seen
                    and m.relation != "vague"
                    and any(
                        _near(m, x) and _mentions_compatible(m, x) is not None
                        for x in core.values()
                    )
                ):
                    group.append(m)
                    seen.add((m.article, _si(m)))
            groups.append(group)
    return groups


def _near(a: _Mention, b: _Mention) -> bool:
    """Close enough to be one quantity by the plain limits (no exception for headline
    tolls)."""
    va, vb = _si(a), _si(b)
    if va <= 0 or vb <= 0:
        return False
    return max(va, vb) / min(va, vb) <= _ratio_limit(a, b)


def _stated_by_key(scans: Sequence[_Scanner]) -> dict[tuple[str, ...], list[_Mention]]:
    """Every statement of each quantity with a strong key (not a part, an earlier figure or
    a conversion), in article and sentence order."""
    out: dict[tuple[str, ...], list[_Mention]] = defaultdict(list)
    for sc in scans:
        for m in sc.mentions:
            if m.alignable and m.kind != "money" and _strong_key(m):
                out[m.key].append(m)
    return out


def _stated_revisions(scans: Sequence[_Scanner]) -> list[list[_Mention]]:
    """Pairs (earlier figure, the figure that replaced it) within one article: a figure
    the article marks as superseded and the article's first statement of that quantity
    when it is a different number, not too far off."""
    out: list[list[_Mention]] = []
    for sc in scans:
        first: dict[tuple[str, ...], _Mention] = {}
        titled = bool((sc.article.title or "").strip())
        # the body's statement before the headline's (see alignment._merge_same_value)
        for m in sorted(sc.mentions, key=lambda x: titled and x.sent == 0):
            if m.alignable and _strong_key(m):
                first.setdefault(m.key, m)
        for m in sc.mentions:
            if not m.superseded or m.partial or m.alias or not _strong_key(m):
                continue
            now = first.get(m.key)
            if now is None or now.sent != m.sent:
                # "rose from ten to 24 soldiers": the earlier figure takes its noun from the
                # figure that replaced it, in the same sentence
                same = [
                    x
                    for x in sc.mentions
                    if x.sent == m.sent and x.category == m.category and x.alignable
                ]
                now = same[0] if same and same[0].pos > m.pos else now
            if now is not None and _si(now) != _si(m) and _close_enough(m, now):
                out.append([m, now])
    return out


def with_facts(
    brief: Brief,
    articles: Sequence[Article],
    *,
    sentences: Sequence[Sequence[str]] | None = None,
) -> Brief:
    """The brief with the facts and disagreements of its articles (see :func:`compare`;
    ``sentences`` as there)."""
    facts, disagreements = compare(articles, sentences=sentences)
    return replace(brief, facts=tuple(facts), disagreements=tuple(disagreements))


def extract_facts(article: Article, *, reference_year: int | None = None) -> list[Fact]:
    """The checkable facts one article states, each with its sentence as evidence.

    ``reference_year`` is the year the article is about when it has no publication
    date; figures given for other years are marked so in their measure ("people killed
    (in 2008)") and are not compared with this year's.
    """
    return _facts_of([article], [_scan(article, 0, reference_year)])
