"""Hard pools made from event sets: every event moved to one week, so siblings meet.

Used by bench/fit_pairs.py. The events of train.jsonl and dev.jsonl are years apart, so
grouping separates most of them by date alone and their pooled articles teach a pair
model little about siblings (two events of one kind in one week). :func:`collapse` moves
each event's articles so that its first day falls within 3 days of one common day, by
whole weeks (the gaps within an event kept, the weekdays its texts name still right;
articles with no day stay undated): then nearly every event meets every other in time, and what keeps two floods or two summits apart is their text only, as
for the siblings of groups_dev.jsonl. The articles of one such pool give many labelled
pairs (same event or not) of similar stories one window apart, and a pool of events
never fitted on is a check of the kind groups_dev.jsonl is, on other news.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date

from newsbrief.cluster_metrics import LabeledArticles
from newsbrief.group import article_day

BASE = date(2020, 1, 6)


def collapse(data: LabeledArticles, base: date = BASE, weeks: bool = True) -> LabeledArticles:
    """The articles with each event moved so that its first day falls on ``base`` (gaps
    kept). An article's day is its date, else the day grouping reads from its URL or text
    (newsbrief.group.article_day); such an article is given its moved day as its date,
    since grouping would otherwise read the unmoved day from its text (the same grouping
    as moving the text's dates). With ``weeks`` the move is a whole number of weeks (the
    first day falls within 3 days of ``base``), so the weekdays the texts name still fit
    their days; articles with no day stay undated."""
    day = [article_day(a) for a in data.articles]
    first: dict[str, int] = {}
    for d, lab in zip(day, data.labels, strict=True):
        if d >= 0 and (lab not in first or d < first[lab]):
            first[lab] = d
    out = []
    for a, d, lab in zip(data.articles, day, data.labels, strict=True):
        if d < 0:
            out.append(a)
            continue
        shift = base.toordinal() - first[lab]
        if weeks:
            shift = 7 * round(shift / 7)
        out.append(replace(a, published=date.fromordinal(d + shift)))
    return LabeledArticles(out, list(data.labels), families=list(data.labels))


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
