"""The pairing decision: whether two mentions of different values are one quantity reported
differently (a disagreement) or two quantities.

The rules of :func:`newsbrief.compare.compare` propose pairs (the same alignment key, the
same money word, nearly the same sentence); a wider net adds the pairs of incompatible
values of one kind and category that the rules leave out. Each candidate pair is described
by a few features with a reason that holds on any news (what is counted agrees, the
words around the two numbers agree once numbers are masked, the values are close, both
are the articles' lead statements, a revision is worded, the reports are days apart...)
and a logistic regression fitted on hand-labelled events (``bench/fit_pairing.py``, which
writes ``pairing_model.json``) gives the probability that the pair is a disagreement a
reader would want shown. Pairs below the model's threshold are not reported: weak
evidence abstains.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property
from typing import Any

from newsbrief.compare.alignment import _close_enough, _mentions_compatible, _si
from newsbrief.compare.lexicon import _UNIT_INFO, PEOPLE_CATEGORIES
from newsbrief.compare.mentions import _Mention, _strong_key
from newsbrief.compare.nouns import masked_words
from newsbrief.compare.scanner import _Scanner
from newsbrief.compare.shipped import shipped_text
from newsbrief.text import stem

#: kinds that are compared at all (dates, weekdays and clock times are listed, never paired)
_PAIRED_KINDS = ("quantity", "money", "percent", "duration", "age", "measurement", "magnitude")
#: how far apart two values of a candidate may be (the model weighs the ratio itself)
_WIDE_RATIO = 5.0
_TOLL_RATIO = 30.0
_TOLLS = frozenset(["killed", "injured", "missing", "hospitalized"])
#: at most this many candidate mentions per article and bucket (its first statements)
_PER_ARTICLE = 8
_REVISED = re.compile(
    r"\b(?:rose|risen|rises|rising|climbed|climbs|jumped|increased|grew|mounted|revised|"
    r"updated|upgraded|raised|reached|now stands|now at|up from|later|earlier|initially|"
    r"previously|so far|latest|new toll|toll has)\b",
    re.I,
)

#: rule sources of a pair: the same strong key (1), a revision the article states (1b),
#: money with a shared word (2), nearly the same sentence (3)
RULES = ("key", "stated", "money", "similar")

FEATURES = (
    "rule_key",
    "rule_stated",
    "rule_money",
    "rule_similar",
    "same_key",
    "strong_key",
    "same_noun",
    "people",
    "toll",
    "count",
    "money",
    "percent",
    "duration_age",
    "measurement",
    "context_jaccard",
    "sentence_jaccard",
    "log_ratio",
    "hedged",
    "both_lead",
    "first_statements",
    "sentence_rank",
    "same_article",
    "superseded",
    "revision_words",
    "dated_apart",
    "background",
    "part_sum",
    "key_values",
    "places_disjoint",
)


@dataclass(frozen=True)
class Model:
    """A fitted logistic regression over :data:`FEATURES`, the probability at which a
    pair the rules leave out is reported (``threshold``) and the one under which a rule's
    pair is not (``veto``)."""

    weights: tuple[float, ...]
    intercept: float
    threshold: float
    veto: float = 0.0

    def probability(self, x: Sequence[float]) -> float:
        z = self.intercept + sum(w * v for w, v in zip(self.weights, x, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Model:
        names = tuple(data["features"])
        if names != FEATURES:
            raise ValueError("pairing model: features differ from newsbrief.compare.pairing")
        return cls(
            tuple(map(float, data["weights"])),
            float(data["intercept"]),
            float(data["threshold"]),
            float(data.get("veto", 0.0)),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "features": list(FEATURES),
            "weights": [round(w, 6) for w in self.weights],
            "intercept": round(self.intercept, 6),
            "threshold": round(self.threshold, 6),
            "veto": round(self.veto, 6),
        }


@cache
def shipped_model() -> Model | None:
    """The model file shipped with the package (None when absent: the rules decide)."""
    text = shipped_text("pairing_model.json")
    if text is None:
        return None
    return Model.from_json(json.loads(text))


#: the model :func:`decide` uses; bench scripts set it to fit and cross-validate
#: (``False``: the rules alone decide, None: the shipped model)
active: Model | None | bool = None


def _model() -> Model | None:
    if active is False:
        return None
    if isinstance(active, Model):
        return active
    return shipped_model()


# ---------------------------------------------------------------------------------------


def _bucket(m: _Mention) -> tuple[str, ...]:
    dim = _UNIT_INFO.get(m.unit, (m.unit, 1.0))[0] if m.kind == "measurement" else ""
    unit = m.unit if m.kind in ("money", "duration") else ""
    if m.kind == "money":
        unit = "$" if "$" in m.unit else m.unit
    if m.kind == "duration":
        unit = ""
    return (m.kind, m.category, dim, unit, m.background)


def wide_candidates(scans: Sequence[_Scanner]) -> list[tuple[_Mention, _Mention]]:
    """Pairs of incompatible values of one kind and category in two articles (or an
    earlier figure and a later one in one article), each article's first statements."""
    by_bucket: dict[tuple[str, ...], list[_Mention]] = {}
    for sc in scans:
        seen: dict[tuple[str, ...], int] = {}
        for m in sc.mentions:
            if m.kind not in _PAIRED_KINDS or m.partial or m.alias or m.relation == "vague":
                continue  # (a vague amount pairs only by a strong key or its sentence)
            b = _bucket(m)
            if seen.get(b, 0) >= _PER_ARTICLE:
                continue
            seen[b] = seen.get(b, 0) + 1
            by_bucket.setdefault(b, []).append(m)
    out = []
    for ms in by_bucket.values():
        for i, a in enumerate(ms):
            for b in ms[i + 1 :]:
                if a.article == b.article and not (a.superseded or b.superseded):
                    continue
                if _si(a) == _si(b) or _mentions_compatible(a, b) is not False:
                    continue
                va, vb = _si(a), _si(b)
                if va <= 0 or vb <= 0:
                    continue
                limit = _TOLL_RATIO if a.category in _TOLLS else _WIDE_RATIO
                if max(va, vb) / min(va, vb) > limit:
                    continue
                out.append((a, b))
    return out


#: stems of the content words of a sentence, numbers masked (one function with the noun
#: table's sentence test)
_words_of = masked_words


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


class EventFacts:
    """What the features of one event's pairs look up: each mention's rank among its
    article's statements of its bucket, publication dates, the mentions of each sentence,
    the values each article gives for each key, the places each sentence names."""

    def __init__(self, scans: Sequence[_Scanner], published: Sequence[date | None]) -> None:
        self.scans = scans
        self.published = list(published)
        self.in_sentence: dict[tuple[int, int], list[_Mention]] = {}
        for sc in scans:
            for m in sc.mentions:
                self.in_sentence.setdefault((m.article, m.sent), []).append(m)

    # the rest only when features are asked for (a model is shipped, or a bench fits one)
    @cached_property
    def first(self) -> dict[int, int]:
        return ranks(self.scans)

    @cached_property
    def key_values(self) -> dict[tuple[int, tuple[str, ...]], set[float]]:
        out: dict[tuple[int, tuple[str, ...]], set[float]] = {}
        for sc in self.scans:
            for m in sc.mentions:
                if m.alignable and not m.background:
                    out.setdefault((m.article, m.key), set()).add(_si(m))
        return out

    @cached_property
    def places(self) -> dict[tuple[int, int], frozenset[str]]:
        out: dict[tuple[int, int], frozenset[str]] = {}
        for sc in self.scans:
            per: dict[int, set[str]] = {}
            for name, kind, si in sc.names:
                if kind == "place":
                    per.setdefault(si, set()).add(name.lower())
            for si, names in per.items():
                out[(sc.index, si)] = frozenset(names)
        return out

    def part_sum(self, a: _Mention, b: _Mention) -> bool:
        """One value is the other plus a figure stated beside it ("67 passengers and four
        crew" against 71 people on board; "27 firefighters and three residents" against
        30 dead): a part and its total."""
        for x, y in ((a, b), (b, a)):
            for o in self.in_sentence.get((x.article, x.sent), []):
                if o is not x and o.kind == x.kind and o.value > 0:
                    if abs(_si(x) + _si(o) - _si(y)) < 1e-9 * max(1.0, _si(y)):
                        return True
        return False

    def values_of_key(self, m: _Mention) -> int:
        """How many different values m's article gives for m's key."""
        return len(self.key_values.get((m.article, m.key), ()))


def features(a: _Mention, b: _Mention, rules: frozenset[str], ev: EventFacts) -> list[float]:
    """The features of one candidate pair, in the order of :data:`FEATURES`."""
    va, vb = _si(a), _si(b)
    ratio = max(va, vb) / min(va, vb) if min(va, vb) > 0 else 100.0
    da, db = ev.published[a.article], ev.published[b.article]
    apart = 0.0
    if da is not None and db is not None and da != db:
        apart = 1.0
    ra, rb = ev.first.get(id(a), 9), ev.first.get(id(b), 9)
    pa, pb = ev.places.get((a.article, a.sent)), ev.places.get((b.article, b.sent))
    return [
        float("key" in rules),
        float("stated" in rules),
        float("money" in rules),
        float("similar" in rules),
        float(a.key == b.key),
        float(a.key == b.key and _strong_key(a)),
        float(
            bool(a.noun) and stem(a.noun.split()[-1].lower()) == stem(b.noun.split()[-1].lower())
            if a.noun and b.noun
            else 0.0
        ),
        float(a.category in PEOPLE_CATEGORIES),
        float(a.category in _TOLLS),
        float(a.category == "count"),
        float(a.kind == "money"),
        float(a.kind == "percent"),
        float(a.kind in ("duration", "age")),
        float(a.kind in ("measurement", "magnitude")),
        _jaccard(a.context, b.context),
        _jaccard(_words_of(a.sentence), _words_of(b.sentence)),
        min(math.log(ratio), 4.0),
        float(a.relation != "=" or b.relation != "="),
        float(a.lead and b.lead),
        float(ra == 0 and rb == 0),
        min(math.log1p(ra + rb), 3.0),
        float(a.article == b.article),
        float(a.superseded or b.superseded),
        float(bool(_REVISED.search(a.sentence) or _REVISED.search(b.sentence))),
        apart,
        float(bool(a.background)),
        float(ev.part_sum(a, b)),
        float(max(ev.values_of_key(a), ev.values_of_key(b))),
        float(bool(pa) and bool(pb) and not (pa & pb)),
    ]


def ranks(scans: Sequence[_Scanner]) -> dict[int, int]:
    """id(mention) -> its rank among its article's mentions of the same bucket."""
    out: dict[int, int] = {}
    for sc in scans:
        seen: dict[tuple[str, ...], int] = {}
        for m in sc.mentions:
            b = _bucket(m)
            out[id(m)] = seen.get(b, 0)
            seen[b] = seen.get(b, 0) + 1
    return out


def candidate_pairs(
    scans: Sequence[_Scanner],
    rule_pairs: dict[tuple[int, int], tuple[_Mention, _Mention, set[str]]],
) -> list[tuple[_Mention, _Mention, frozenset[str]]]:
    """Rule pairs and wide candidates, each once, with the rules that proposed it."""
    pairs = {k: (a, b, frozenset(r)) for k, (a, b, r) in rule_pairs.items()}
    for a, b in wide_candidates(scans):
        k = _pair_id(a, b)
        if k not in pairs and _close_enough_wide(a, b):
            pairs[k] = (a, b, frozenset())
    return list(pairs.values())


def _close_enough_wide(a: _Mention, b: _Mention) -> bool:
    return _close_enough(a, b) or a.category in _TOLLS or a.kind != "money"


def _pair_id(a: _Mention, b: _Mention) -> tuple[int, int]:
    x, y = id(a), id(b)
    return (x, y) if x < y else (y, x)
