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
import time
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsbrief.errors import InputError
from newsbrief.model import Article
from newsbrief.settings import Settings

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


def read_labeled(path: str | os.PathLike[str], settings: Settings | None = None) -> LabeledArticles:
    """Read the articles of a WCEP-style JSON Lines file, labeled with their event.

    Each line is ``{"id", "articles": [{"title", "text", "url", "date"}]}``; articles are
    built and cleaned as ``newsbrief eval`` does. An article read twice keeps its first
    label. Bad lines and articles are reported in ``problems``; an unreadable file is an
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
        records = record.get("articles") if isinstance(record, dict) else None
        if not isinstance(records, list) or not records:
            out.problems.append(f"{where}: no articles, skipped")
            continue
        label = record.get("id")
        label = str(label) if label not in (None, "") else f"line {n}"
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
        width = max(len(k) for k, _ in rows)
        return "\n".join(f"{k:<{width}}  {v}" for k, v in rows) + "\n"


def evaluate_grouping(
    data: LabeledArticles, settings: Settings | None = None, dataset: str = ""
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
    )
