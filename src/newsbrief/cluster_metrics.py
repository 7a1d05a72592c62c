"""Grouping quality: B-cubed precision, recall and F1, and the adjusted Rand index.

``newsbrief eval-groups DATA.jsonl`` pools the articles of every event of a WCEP-style
JSON Lines file (label = the event of the line), groups them with
:func:`newsbrief.group.group_articles` and compares the events found with the labels.

B-cubed (Bagga and Baldwin, 1998; Amigó et al., 2009) scores every article: precision is
the share of its predicted event that has its true label, recall the share of its true
event that it was grouped with; both are averaged over articles, and F1 is their harmonic
mean. The adjusted Rand index is scikit-learn's.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsbrief.errors import InputError
from newsbrief.model import Article
from newsbrief.settings import Settings
from newsbrief.unionfind import UnionFind

__all__ = ["GroupReport", "LabeledArticles", "bcubed", "evaluate_grouping", "read_labeled"]


def bcubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed (precision, recall, F1) of a predicted clustering against gold labels."""
    if len(predicted) != len(gold):
        raise ValueError("predicted and gold labels differ in length")
    if not gold:
        return 0.0, 0.0, 0.0
    both = Counter(zip(predicted, gold, strict=True))
    pred_size = Counter(predicted)
    gold_size = Counter(gold)
    p = sum(n * n / pred_size[c] for (c, _), n in both.items()) / len(gold)
    r = sum(n * n / gold_size[g] for (_, g), n in both.items()) / len(gold)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass
class LabeledArticles:
    """Articles with the event each belongs to, and one line per thing skipped."""

    articles: list[Article]
    labels: list[str]
    problems: list[str] = field(default_factory=list)
    #: the family of each article (pool format: its ``family``; event sets: the event)
    families: list[str] = field(default_factory=list)


def read_labeled(path: str | os.PathLike[str], settings: Settings | None = None) -> LabeledArticles:
    """Read the articles of a WCEP-style JSON Lines file, labeled with their event.

    Each line is either an event, ``{"id", "articles": [{"title", "text", "url", "date"}]}``
    (label: the event's id), or one article of a labelled pool such as groups_dev.jsonl,
    ``{"event", "family", "title", "text", "url", "date"}`` (label: ``event``; family:
    ``family``, else the part of ``event`` before a ``/``). Articles are built and cleaned
    as ``newsbrief eval`` does. An article read twice keeps its first label. Bad lines and articles are reported in ``problems``; an unreadable file is an
    :class:`InputError`.
    """
    from newsbrief.evaluate import article_from_record, cleaner, read_lines

    settings = settings or Settings()
    clean = cleaner()
    name = os.fspath(path)
    lines = read_lines(path)
    out = LabeledArticles([], [])
    seen: set[str] = set()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{name}:{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            out.problems.append(f"{where}: invalid JSON ({e.msg}), skipped")
            continue
        if isinstance(record, dict) and "articles" not in record and "event" in record:
            label = str(record.get("event") or f"line {n}")
            family = record.get("family")
            family = str(family) if family else label.split("/")[0]
            records = [record]
        else:
            records = record.get("articles") if isinstance(record, dict) else None
            if not isinstance(records, list) or not records:
                out.problems.append(f"{where}: no articles, skipped")
                continue
            label = record.get("id")
            label = str(label) if label not in (None, "") else f"line {n}"
            family = label
        for k, rec in enumerate(records, 1):
            art = article_from_record(rec, f"{where}#{k}") if isinstance(rec, dict) else None
            if art is not None and clean is not None:
                art = clean(art, settings)
            if art is None:
                out.problems.append(f"{where}: article {k} has no usable text, skipped")
                continue
            if art.id in seen:
                continue
            seen.add(art.id)
            out.articles.append(art)
            out.labels.append(label)
            out.families.append(family)
    return out


@dataclass
class GroupReport:
    """Scores of a grouping against gold events."""

    dataset: str
    articles: int
    gold_events: int
    events: int
    precision: float
    recall: float
    f1: float
    ari: float
    seconds: float
    settings: dict[str, Any]
    problems: list[str] = field(default_factory=list)
    #: per family: articles, gold events, B-cubed (P, R, F1) over its articles
    families: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: the naive baseline (word-set Jaccard single link) scored the same way
    baseline: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "articles": self.articles,
            "gold_events": self.gold_events,
            "events": self.events,
            "bcubed_precision": self.precision,
            "bcubed_recall": self.recall,
            "bcubed_f1": self.f1,
            "adjusted_rand_index": self.ari,
            "seconds": self.seconds,
            "settings": self.settings,
            "problems": self.problems,
            "families": self.families,
            "baseline": self.baseline,
        }

    def table(self) -> str:
        """A short plain-text report."""
        rows = [
            ("dataset", self.dataset),
            ("articles", str(self.articles)),
            ("gold events", str(self.gold_events)),
            ("events found", str(self.events)),
            ("B-cubed precision", f"{self.precision:.4f}"),
            ("B-cubed recall", f"{self.recall:.4f}"),
            ("B-cubed F1", f"{self.f1:.4f}"),
            ("adjusted Rand index", f"{self.ari:.4f}"),
            ("grouping time", f"{self.seconds:.2f} s"),
            (
                "settings",
                ", ".join(f"{k}={v}" for k, v in self.settings.items()),
            ),
        ]
        if self.baseline:
            b = self.baseline
            rows.append(
                (
                    "baseline B-cubed F1",
                    f"{b['f1']:.4f} (P {b['precision']:.4f}, R {b['recall']:.4f}; "
                    f"word-set Jaccard >= {BASELINE_JACCARD} single link)",
                )
            )
        width = max(len(k) for k, _ in rows)
        out = "\n".join(f"{k:<{width}}  {v}" for k, v in rows) + "\n"
        if 1 < len(self.families) < self.gold_events:
            w = max(len(f) for f in self.families)
            out += f"\n{'family':<{w}}  arts  evts      P      R     F1  base F1\n"
            for fam, d in sorted(self.families.items()):
                out += (
                    f"{fam:<{w}}  {d['articles']:4d}  {d['gold_events']:4d}  "
                    f"{d['precision']:.3f}  {d['recall']:.3f}  {d['f1']:.3f}    "
                    f"{d['baseline_f1']:.3f}\n"
                )
        return out


#: word-set Jaccard similarity at which the naive baseline links two articles
BASELINE_JACCARD = 0.2
_WORD = re.compile(r"[a-z0-9]+")


def naive_baseline(articles: Sequence[Article], threshold: float = BASELINE_JACCARD) -> list[int]:
    """Single-link clusters of word-set Jaccard >= threshold on title + text (the naive peer)."""
    toks = [frozenset(_WORD.findall(f"{a.title} {a.text}".lower())) for a in articles]
    sets = UnionFind(len(articles))
    for i, a in enumerate(toks):
        for j in range(i + 1, len(toks)):
            b = toks[j]
            if a and b and len(a & b) / len(a | b) >= threshold:
                sets.join(j, i)
    return sets.roots()


def bcubed_subset(
    predicted: Sequence[Hashable], gold: Sequence[Hashable], subset: Sequence[int]
) -> tuple[float, float, float]:
    """B-cubed (P, R, F1) averaged over the items in ``subset``; clusters over all items."""
    pred_size = Counter(predicted)
    gold_size = Counter(gold)
    both = Counter(zip(predicted, gold, strict=True))
    if not subset:
        return 0.0, 0.0, 0.0
    p = sum(both[predicted[i], gold[i]] / pred_size[predicted[i]] for i in subset) / len(subset)
    r = sum(both[predicted[i], gold[i]] / gold_size[gold[i]] for i in subset) / len(subset)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate_grouping(
    data: LabeledArticles,
    settings: Settings | None = None,
    dataset: str = "",
    baseline: bool = True,
) -> GroupReport:
    """Group the pooled articles and score the events against their labels."""
    from sklearn.metrics import adjusted_rand_score

    from newsbrief.group import group_articles

    settings = settings or Settings()
    if not data.articles:
        raise InputError(f"no usable article in {dataset or 'the data'}")
    start = time.perf_counter()
    events = group_articles(data.articles, settings)
    seconds = time.perf_counter() - start
    event_of = {aid: e.id for e in events for aid in e.article_ids}
    predicted = [event_of[a.id] for a in data.articles]
    p, r, f = bcubed(predicted, data.labels)
    base = naive_baseline(data.articles) if baseline else None
    fams: dict[str, list[int]] = {}
    for k, fam in enumerate(data.families or data.labels):
        fams.setdefault(fam, []).append(k)
    per_family: dict[str, dict[str, Any]] = {}
    for fam, idx in fams.items():
        fp, fr, ff = bcubed_subset(predicted, data.labels, idx)
        per_family[fam] = {
            "articles": len(idx),
            "gold_events": len({data.labels[k] for k in idx}),
            "precision": fp,
            "recall": fr,
            "f1": ff,
            "baseline_f1": bcubed_subset(base, data.labels, idx)[2] if base else 0.0,
        }
    base_scores: dict[str, float] = {}
    if base is not None:
        bp, br, bf = bcubed(base, data.labels)
        base_scores = {"precision": bp, "recall": br, "f1": bf}
    return GroupReport(
        dataset=dataset,
        articles=len(data.articles),
        gold_events=len(set(data.labels)),
        events=len(events),
        precision=p,
        recall=r,
        f1=f,
        ari=float(adjusted_rand_score(data.labels, predicted)),
        seconds=seconds,
        settings={
            "group_threshold": settings.group_threshold,
            "group_window_days": settings.group_window_days,
        },
        problems=list(data.problems),
        families=per_family,
        baseline=base_scores,
    )
