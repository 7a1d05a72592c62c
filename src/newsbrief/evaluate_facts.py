"""Scoring newsbrief.compare against hand labels (tests/data/facts_labels.json; see
docs/facts.md). Evaluation side: not used by the pipeline."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from newsbrief.compare import compare
from newsbrief.compare.lexicon import _MEASURES, _SECONDS, _UNIT_INFO, PEOPLE_CATEGORIES
from newsbrief.model import Article, Fact

# Quality against hand labels (tests/data/facts_labels.json; see docs/facts.md)
# ---------------------------------------------------------------------------------------

#: the categories scored against the labels (dates and names are not labelled)
SCORED = (
    *PEOPLE_CATEGORIES,
    "count",
    "money",
    "percent",
    "duration",
    "age",
    "measurement",
    "magnitude",
)


def _label_value(category: str, value: float, unit: str) -> float:
    """A labelled value in the scorer's unit (seconds, SI units, else as is)."""
    if category == "duration":
        return value * _SECONDS.get(unit or "year", 1.0)
    if category == "measurement" and unit in _MEASURES:
        return value * _MEASURES[unit][2]
    return float(value)


def _fact_value(f: Fact) -> float | None:
    """A Fact's value in the scorer's unit (None when it has no number)."""
    if f.kind == "duration":
        m = re.fullmatch(r"P(T?)([\d.]+)([YMWDHS])", f.normalized)
        if not m:
            return None
        code = m.group(3)
        unit = {"Y": "year", "W": "week", "D": "day", "H": "hour", "S": "second"}.get(code, "")
        unit = unit or ("minute" if m.group(1) else "month")
        return float(m.group(2)) * _SECONDS[unit]
    try:
        v = float(f.normalized)
    except ValueError:
        return None
    return v * _UNIT_INFO[f.unit][1] if f.kind == "measurement" and f.unit in _UNIT_INFO else v


def _range_ends(f: Fact) -> list[float]:
    """The values a Fact states: its value, or both ends of a range ("8-14", "P4M-P10M";
    the labels list each end as a figure). A vague amount ("hundreds") states none: the
    labels leave vague amounts out."""
    if f.relation == "vague":
        return []
    if f.relation == "range" and "-" in f.normalized.lstrip("-"):
        low, _, high = f.normalized.partition("-")
        ends = [_fact_value(replace(f, normalized=x, relation="=")) for x in (low, high)]
        return [v for v in ends if v is not None]
    v = _fact_value(f)
    return [] if v is None else [v]


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1.0)


def score_against_labels(
    events: Sequence[dict[str, Any]],
    labels: dict[str, Any],
    clean: Callable[[Article], Article | None] | None = None,
    split: str | None = None,
) -> dict[str, Any]:
    """Precision and recall of extraction and of disagreement detection against labels.

    ``events`` are dev.jsonl records, ``labels`` the parsed facts_labels.json. A fact
    matches a label with the same article URL, category and value (durations in
    seconds, measurements in SI units); relations are scored on the matches. A detected
    disagreement is correct when all its values are values of one labelled disagreement
    of its event and category, two of them at least; a labelled disagreement is found
    when a detected one matches it. ``clean`` (Article -> Article | None) is applied
    before extraction; ``split`` keeps the labelled events of one split.
    """
    by_id = {e["id"]: e for e in events}
    gold: dict[tuple[str, str, float], set[str]] = defaultdict(set)
    pred: dict[tuple[str, str, float], set[str]] = defaultdict(set)
    d_tp = d_fp = d_found = d_total = 0
    false_alarms: list[str] = []
    missed: list[str] = []
    chosen = [e for e in labels["events"] if split is None or e.get("split") == split]
    for ev in chosen:
        record = by_id.get(ev["event"])
        if record is None:
            continue
        arts = []
        for a in record["articles"]:
            art = Article.create(a["text"], title=a.get("title", ""), url=a["url"])
            arts.append((clean(art) or art) if clean else art)
        url_of = {a.id: a.url for a in arts}
        for url, items in ev["facts"].items():
            for it in items:
                v = _label_value(it["category"], it["value"], it.get("unit", ""))
                gold[(url, it["category"], round(v, 6))].add(it.get("relation", "="))
        facts, dis = compare(arts)
        for f in facts:
            # (the labels have no relation "range": each end is labelled as a plain figure)
            rel = "=" if f.relation == "range" else f.relation
            for v in _range_ends(f) if f.category in SCORED else ():
                for aid in f.article_ids:
                    pred[(url_of[aid], f.category, round(v, 6))].add(rel)
        wanted = [
            (
                d["category"],
                [_label_value(d["category"], x, d.get("unit", "")) for x in d["values"]],
            )
            for d in ev["disagreements"]
        ]
        hit = [False] * len(wanted)
        for d in dis:
            vals = [v for v in map(_fact_value, d.facts) if v is not None]
            ok = False
            for li, (cat, lvals) in enumerate(wanted):
                inside = [v for v in vals if any(_same(v, x) for x in lvals)]
                if cat == d.facts[0].category and len(inside) == len(vals):
                    if len({round(v, 6) for v in inside}) >= 2:
                        ok = hit[li] = True
            d_tp += ok
            d_fp += not ok
            if not ok:
                false_alarms.append(
                    f"{ev['event']}: {d.measure}: " + " vs ".join(f.value for f in d.facts)
                )
        d_found += sum(hit)
        d_total += len(hit)
        missed += [
            f"{ev['event']}: {lab['what']}"
            for lab, h in zip(ev["disagreements"], hit, strict=True)
            if not h
        ]
    both = set(gold) & set(pred)

    def ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    return {
        "events": len(chosen),
        "facts_labelled": len(gold),
        "facts_extracted": len(pred),
        "facts_precision": ratio(len(both), len(pred)),
        "facts_recall": ratio(len(both), len(gold)),
        "relation_accuracy": ratio(sum(1 for k in both if gold[k] & pred[k]), len(both)),
        "disagreements_labelled": d_total,
        "disagreements_detected": d_tp + d_fp,
        "disagreements_precision": ratio(d_tp, d_tp + d_fp),
        "disagreements_recall": ratio(d_found, d_total),
        "false_alarms": false_alarms,
        "missed": missed,
        "extra_facts": sorted(set(pred) - set(gold)),
        "missed_facts": sorted(set(gold) - set(pred)),
    }
