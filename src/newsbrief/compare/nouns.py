"""Counted nouns that name one quantity, as the news itself shows them.

Evidence that two nouns count one thing (:func:`evidence`): in one event, two articles
state the SAME value of one kind and category under the two nouns, in sentences that say
the same thing once numbers are masked ("71 passengers were on board" / "71 people were on
board"). Evidence against: one article giving the two nouns different values ("30 people
were killed, 10 children among them"): a writer uses one noun for one quantity.

``noun_pairs.json`` (made by ``bench/make_noun_pairs.py`` from the training events) lists
the pairs of noun lemmas seen so in at least two training events, more often than against.
The alignment joins two such counted nouns into one key within an event
(``alignment.unify_synonyms``), as it joins WordNet synonyms; the other conditions of a
pair still decide. The table is read once, on first use.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cache
from itertools import combinations
from pathlib import Path
from typing import Any

from newsbrief.compare.lexicon import PEOPLE_CATEGORIES
from newsbrief.compare.mentions import _strong_key
from newsbrief.compare.shipped import shipped_text
from newsbrief.compare.synonyms import lemma
from newsbrief.text import STOPWORDS, stem

#: the key kinds whose noun the table may join, with the place of the noun in the key
#: (counted nouns and the groups of people counted)
SLOT = {"count": 1, "q": 2}
#: another table file (bench scripts; then :func:`reset`), None: the shipped one
table_path: Path | None = None
#: two statements of one value are one statement re-reported when their masked sentences
#: (the two nouns left out) overlap at least this much (Jaccard of content stems)
JACCARD = 0.2


@cache
def _partners() -> dict[tuple[str, str], frozenset[str]]:
    """(key kind, noun lemma) -> the lemmas the table joins it to in keys of that kind."""
    text = shipped_text("noun_pairs.json", table_path)
    if text is None:
        return {}
    return _by_noun(json.loads(text)["pairs"])


def _by_noun(pairs: Iterable[Sequence[Any]]) -> dict[tuple[str, str], frozenset[str]]:
    """(kind, lemma) -> partners, from records ``[kind, lemma, lemma, ...counts]``."""
    out: dict[tuple[str, str], set[str]] = {}
    for kind, a, b, *_counts in pairs:
        out.setdefault((kind, a), set()).add(b)
        out.setdefault((kind, b), set()).add(a)
    return {k: frozenset(v) for k, v in out.items()}


def partners(kind: str, noun_lemma: str) -> frozenset[str]:
    """The noun lemmas the mined table says count the same thing as ``noun_lemma`` in keys
    of ``kind`` ("count": counted things; "q": groups of people killed, injured...)."""
    return _partners().get((kind, noun_lemma), frozenset())


def reset() -> None:
    """Forget the table read (after setting :data:`table_path`)."""
    _partners.cache_clear()


# ---------------------------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


def head(m: Any) -> str:
    """The lemma of a mention's counted noun (its last word), as the alignment keys it."""
    words = m.noun.replace("-", "").split()
    return lemma(words[-1]) if words else ""


@cache
def masked_words(sentence: str) -> frozenset[str]:
    """Stems of the content words of a sentence, numbers masked (words only: no digit is
    matched), possessives cut; also the sentence test of pairing's features."""
    out = set()
    for w in _WORD.findall(sentence):
        low = w.lower().replace("’", "'")
        if low.endswith("'s"):
            low = low[:-2]
        if low not in STOPWORDS and len(low) > 2:
            out.add(stem(low))
    return frozenset(out)


def _masked(sentence: str, drop: set[str]) -> frozenset[str]:
    """Stems of a sentence's content words, numbers masked, ``drop`` left out."""
    return masked_words(sentence) - drop


def _countable(m: Any) -> bool:
    """A statement whose noun the alignment may join: a strong key of a kind of
    :data:`SLOT` (not "people" counted as a plain count), the article's own claim."""
    return bool(
        m.key
        and m.key[0] in SLOT
        and _strong_key(m)
        and m.alignable
        and not m.background
        and m.relation != "vague"
        and head(m) not in ("", "them", "time")
    )


def _group(m: Any) -> tuple[str, str]:
    """What two statements of one value must share besides it: key kind and category."""
    return (m.key[0], m.category if m.category in PEOPLE_CATEGORIES else "count")


Pair = tuple[str, str, str]


def evidence(
    mentions: Iterable[Any], jaccard: float = JACCARD
) -> tuple[set[Pair], set[Pair], list[tuple[Pair, Any, Any]]]:
    """One event's noun pairs (key kind, then the two lemmas sorted) stated with one value
    in nearly the same sentence by two articles (for); stated with different values by
    one article (against); and the statements for (a list of (pair, mention, mention))."""
    ms = [m for m in mentions if _countable(m)]
    pro: set[Pair] = set()
    con: set[Pair] = set()
    seen: list[tuple[Pair, Any, Any]] = []
    same_value: dict[tuple[Any, ...], list[Any]] = defaultdict(list)
    in_article: dict[tuple[Any, ...], dict[str, set[float]]] = defaultdict(dict)
    for m in ms:
        same_value[(*_group(m), m.value, m.unit)].append(m)
        in_article[(*_group(m), m.article)].setdefault(head(m), set()).add(m.value)
    for where, per_head in in_article.items():
        for ha, hb in combinations(sorted(per_head), 2):
            va, vb = per_head[ha], per_head[hb]
            if not (len(va) == len(vb) == 1 and va == vb):
                con.add((where[0], ha, hb))
    for group in same_value.values():
        for a, b in combinations(group, 2):
            ha, hb = head(a), head(b)
            if ha == hb or a.article == b.article:
                continue
            pair = (a.key[0], min(ha, hb), max(ha, hb))
            drop = {stem(ha), stem(hb)}
            drop |= {stem(a.noun.split()[-1].lower()), stem(b.noun.split()[-1].lower())}
            wa, wb = _masked(a.sentence, drop), _masked(b.sentence, drop)
            union = len(wa | wb)
            if union and len(wa & wb) / union >= jaccard:
                pro.add(pair)
                seen.append((pair, a, b))
    return pro, con, seen


#: also join the nouns an event's own articles state so (its evidence for, none against):
#: measured by bench/noun_pairs_kfold.py --within-event
WITHIN_EVENT = False


def event_partners(scans: Sequence[Any]) -> dict[tuple[str, str], frozenset[str]]:
    """(key kind, noun lemma) -> the lemmas the table joins it to, and (with
    :data:`WITHIN_EVENT`) those the statements of the event's scans join it to."""
    table = _partners()
    if not WITHIN_EVENT:
        return table
    pro, con, _seen = evidence(m for sc in scans for m in sc.mentions)
    local = _by_noun(pro - con)
    if not local:
        return table
    return {k: table.get(k, frozenset()) | local.get(k, frozenset()) for k in table.keys() | local}
