"""Hard pools made from event sets: every event moved to one week, so siblings meet.

Used by bench/fit_pairs.py. The events of train.jsonl and dev.jsonl are years apart, so
grouping separates most of them by date alone and their pooled articles teach a pair
model little about siblings (two events of one kind in one week). :func:`collapse` moves
each event's dated articles so that its first one falls on one common day (the gaps
within an event are kept; undated articles stay undated): then every event meets every
other in time, and what keeps two floods or two summits apart is their text only, as
for the siblings of groups_dev.jsonl. The articles of one such pool give many labelled
pairs (same event or not) of similar stories one window apart, and a pool of events
never fitted on is a check of the kind groups_dev.jsonl is, on other news.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date, timedelta

from newsbrief.cluster_metrics import LabeledArticles

BASE = date(2020, 1, 6)


def collapse(data: LabeledArticles, base: date = BASE) -> LabeledArticles:
    """The articles with each event's first dated article moved to ``base`` (gaps kept)."""
    first: dict[str, date] = {}
    for a, lab in zip(data.articles, data.labels, strict=True):
        if a.published and (lab not in first or a.published < first[lab]):
            first[lab] = a.published
    arts = [
        replace(a, published=base + timedelta(days=(a.published - first[lab]).days))
        if a.published
        else a
        for a, lab in zip(data.articles, data.labels, strict=True)
    ]
    return LabeledArticles(arts, list(data.labels), families=list(data.labels))


def fold_of(label: str, k: int) -> int:
    """The fold (0 .. k-1) of an event, from a hash of its label (fixed, not chosen)."""
    return int(hashlib.sha1(label.encode()).hexdigest(), 16) % k


def subset(data: LabeledArticles, keep: list[bool]) -> LabeledArticles:
    """The articles where ``keep`` is true, with their labels and families."""
    idx = [k for k, x in enumerate(keep) if x]
    fams = data.families or data.labels
    return LabeledArticles(
        [data.articles[k] for k in idx],
        [data.labels[k] for k in idx],
        families=[fams[k] for k in idx],
    )


def join(*parts: LabeledArticles) -> LabeledArticles:
    """The articles of several sets in one (labels must not clash)."""
    out = LabeledArticles([], [], families=[])
    for p in parts:
        out.articles.extend(p.articles)
        out.labels.extend(p.labels)
        out.families.extend(p.families or p.labels)
    return out
