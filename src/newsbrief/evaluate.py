"""ROUGE evaluation of extractive systems on WCEP-style events.

A dataset is JSON Lines, one event a line: ``{"id", "summary", "articles": [{"title",
"text", "url", "date"}]}``, ``summary`` being the human reference. Each event's
articles are built and cleaned as the command line reads them, prepared into one
:class:`~newsbrief.summarize.Cluster`, and every system summarizes that cluster by
the same procedure, as in the WCEP paper:

1. the system ranks the sentences (:meth:`Extractor.rank`, best first);
2. whole sentences are taken in that order, skipping those no brief may use
   (:meth:`Cluster.eligible`), until the budget is reached or exceeded;
3. the text is cut to exactly the budget's number of words and scored with Google's
   rouge-score (ROUGE-1, ROUGE-2, ROUGE-L F1, Porter stemming on).

Each score is reported as the mean over events with a 95% bootstrap confidence
interval (events resampled with a fixed seed; every system sees the same resamples).

>>> data = read_dataset("dev.jsonl")                       # doctest: +SKIP
>>> report = evaluate(data.events, ["newsbrief", "lead", "oracle"])   # doctest: +SKIP
>>> print(report.table())                                  # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
import shutil
import textwrap
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np

from newsbrief.errors import InputError, NewsbriefError
from newsbrief.model import Article
from newsbrief.settings import Settings
from newsbrief.summarize import systems as registry
from newsbrief.summarize.base import Extractor
from newsbrief.summarize.features import Cluster, prepare

__all__ = [
    "METRICS",
    "Dataset",
    "EvalEvent",
    "Interval",
    "Report",
    "SystemResult",
    "article_from_record",
    "bootstrap",
    "budget_summary",
    "cleaner",
    "evaluate",
    "format_worst",
    "read_dataset",
    "rouge",
]

#: rouge-score's names of the reported metrics, and how tables title them
METRICS = {"rouge1": "ROUGE-1", "rouge2": "ROUGE-2", "rougeL": "ROUGE-L"}


# --------------------------------------------------------------------------- dataset


@dataclass(frozen=True)
class EvalEvent:
    """One event of a dataset: its reference summary and its cleaned articles."""

    id: str
    reference: str
    articles: tuple[Article, ...]
    line: int = 0


@dataclass
class Dataset:
    """The usable events of a dataset file, and one line for every thing skipped."""

    events: list[EvalEvent]
    problems: list[str] = field(default_factory=list)


def _parse_date(value: Any) -> date | None:
    if not isinstance(value, str) or len(value.strip()) < 10:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _host(url: str) -> str:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def article_from_record(record: Mapping[str, Any], origin: str = "") -> Article | None:
    """Build an :class:`Article` from a ``{"title", "text", "url", "date"}`` record.

    The source is the URL's host; the date is read when it is ISO (``YYYY-MM-DD...``).
    Returns None when the record has no text.
    """
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return None
    url = record.get("url")
    url = url if isinstance(url, str) else ""
    title = record.get("title")
    return Article.create(
        text,
        title=title if isinstance(title, str) else "",
        url=url,
        source=_host(url),
        published=_parse_date(record.get("date")),
        origin=origin,
    )


def cleaner() -> Callable[[Article, Settings], Article | None] | None:
    """The cleaning stage the command line applies, when it is installed."""
    try:
        from newsbrief.clean import clean_article
    except ImportError:
        return None
    return clean_article


def read_lines(path: str | os.PathLike[str]) -> list[str]:
    """The lines of a UTF-8 JSON Lines file; an unreadable file is one-line :class:`InputError`."""
    name = os.fspath(path)
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read().splitlines()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder, not a JSON Lines file") from None
    except UnicodeDecodeError:
        raise InputError(f"{name}: not UTF-8 text") from None
    except OSError as e:
        raise InputError(f"{name}: cannot read ({e.strerror or e})") from None


def read_dataset(
    path: str | os.PathLike[str], limit: int | None = None, settings: Settings | None = None
) -> Dataset:
    """Read the events of a WCEP-style JSON Lines file, cleaning their articles.

    A line that is not valid JSON, has no ``summary`` or no usable article is skipped
    and reported with its line number in ``problems``; so is an article without text.
    ``limit`` keeps the first N usable events. A file that cannot be read is an
    :class:`InputError`.
    """
    settings = settings or Settings()
    clean = cleaner()
    name = os.fspath(path)
    lines = read_lines(path)

    events: list[EvalEvent] = []
    problems: list[str] = []
    for n, line in enumerate(lines, 1):
        if limit is not None and len(events) >= limit:
            break
        if not line.strip():
            continue
        where = f"{name}:{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"{where}: invalid JSON ({e.msg}), skipped")
            continue
        if not isinstance(record, dict):
            problems.append(f"{where}: not a JSON object, skipped")
            continue
        summary = record.get("summary")
        if not isinstance(summary, str) or not summary.strip():
            problems.append(f"{where}: no summary, skipped")
            continue
        records = record.get("articles")
        if not isinstance(records, list) or not records:
            problems.append(f"{where}: no articles, skipped")
            continue
        articles: list[Article] = []
        for k, rec in enumerate(records, 1):
            art = article_from_record(rec, f"{where}#{k}") if isinstance(rec, dict) else None
            if art is None:
                problems.append(f"{where}: article {k} has no text, skipped")
                continue
            if clean is not None:
                art = clean(art, settings)
                if art is None:
                    problems.append(f"{where}: article {k}: no text left after cleaning, skipped")
                    continue
            articles.append(art)
        if not articles:
            problems.append(f"{where}: no usable article, skipped")
            continue
        event_id = record.get("id")
        events.append(
            EvalEvent(
                id=str(event_id) if event_id not in (None, "") else f"line {n}",
                reference=summary.strip(),
                articles=tuple(articles),
                line=n,
            )
        )
    return Dataset(events, problems)


# --------------------------------------------------------------------------- scoring


@lru_cache(maxsize=1)
def _scorer() -> Any:
    try:
        from rouge_score import rouge_scorer
    except ImportError:
        raise NewsbriefError(
            "evaluation needs rouge-score: pip install 'newsbrief[eval]'"
        ) from None
    return rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)


def rouge(reference: str, summary: str) -> dict[str, float]:
    """ROUGE-1, ROUGE-2 and ROUGE-L F1 (0 to 1) of ``summary`` against ``reference``."""
    scores = _scorer().score(reference, summary)
    return {m: float(scores[m].fmeasure) for m in METRICS}


def budget_summary(
    cluster: Cluster,
    ranked: Iterable[int],
    words: int,
    texts: Sequence[str] | None = None,
) -> tuple[list[int], str]:
    """The evaluated summary: whole sentences in ``ranked`` order, cut to ``words`` words.

    Sentences a brief may not use (:meth:`Cluster.eligible`) are skipped; sentences
    are taken until the budget is reached or exceeded, then the text is cut to
    exactly ``words`` whitespace-separated words. ``texts`` are the sentences as the
    system shows them (:meth:`Extractor.texts`; by default as in their articles).
    Returns the indices taken and the text.
    """
    if texts is None:
        texts = [s.text for s in cluster.sentences]
    eligible = cluster.eligible()
    taken: list[int] = []
    seen: set[int] = set()
    used = 0
    for i in ranked:
        i = int(i)
        if i in seen or not 0 <= i < cluster.size or not eligible[i]:
            continue
        seen.add(i)
        taken.append(i)
        used += len(texts[i].split())
        if used >= words:
            break
    text = " ".join(" ".join(texts[i] for i in taken).split()[:words])
    return taken, text


@dataclass(frozen=True)
class Interval:
    """A mean with its bootstrap confidence interval."""

    mean: float
    low: float
    high: float

    def to_dict(self) -> dict[str, float]:
        return {"mean": self.mean, "low": self.low, "high": self.high}


def bootstrap(
    values: Sequence[float], seed: int = 0, samples: int = 1000, level: float = 0.95
) -> Interval:
    """Mean of ``values`` with a percentile bootstrap interval (resampling with ``seed``)."""
    v = np.asarray(values, dtype=np.float64)
    if v.size == 0:
        return Interval(0.0, 0.0, 0.0)
    rng = np.random.default_rng(seed)
    means = v[rng.integers(0, v.size, size=(samples, v.size))].mean(axis=1)
    tail = (1.0 - level) / 2.0
    low, high = np.quantile(means, [tail, 1.0 - tail])
    return Interval(float(v.mean()), float(low), float(high))


# --------------------------------------------------------------------------- running


@dataclass
class SystemResult:
    """What one system did on every event: summaries, scores, time, and the summary statistics."""

    name: str
    description: str
    summaries: list[str] = field(default_factory=list)
    scores: dict[str, list[float]] = field(default_factory=lambda: {m: [] for m in METRICS})
    seconds: list[float] = field(default_factory=list)
    intervals: dict[str, Interval] = field(default_factory=dict)

    @property
    def seconds_per_event(self) -> float:
        return float(np.mean(self.seconds)) if self.seconds else 0.0

    def objective(self, k: int) -> float:
        """ROUGE-1 F1 + ROUGE-2 F1 of event k (what the oracle maximizes)."""
        return self.scores["rouge1"][k] + self.scores["rouge2"][k]


@dataclass
class Report:
    """The result of :func:`evaluate`: per-system results over the same events."""

    events: list[EvalEvent]
    systems: dict[str, SystemResult]
    words: int
    seed: int
    samples: int
    dataset: str = ""
    problems: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: settings, per-system means and intervals, and every event's results."""
        return {
            "dataset": self.dataset,
            "words": self.words,
            "seed": self.seed,
            "bootstrap_samples": self.samples,
            "events": len(self.events),
            "skipped": list(self.problems),
            "systems": {
                name: {
                    "description": r.description,
                    **{m: r.intervals[m].to_dict() for m in METRICS},
                    "seconds_per_event": r.seconds_per_event,
                }
                for name, r in self.systems.items()
            },
            "per_event": [
                {
                    "id": e.id,
                    "line": e.line,
                    "reference": e.reference,
                    "systems": {
                        name: {
                            "summary": r.summaries[k],
                            **{m: r.scores[m][k] for m in METRICS},
                            "seconds": r.seconds[k],
                        }
                        for name, r in self.systems.items()
                    },
                }
                for k, e in enumerate(self.events)
            ],
        }

    def table(self) -> str:
        """Plain-text table: ROUGE F1 x 100, mean [95% CI], and seconds per event."""
        where = f" of {Path(self.dataset).name}" if self.dataset else ""
        head = (
            f"ROUGE F1 x 100 on {len(self.events)} events{where}, {self.words} words; "
            f"mean [95% bootstrap CI, seed {self.seed}]"
        )
        width = max([len("system"), *(len(n) for n in self.systems)])
        cols = [f"{'system':<{width}}", *(f"{t:<18}" for t in METRICS.values()), "s/event"]
        lines = [head, "  ".join(cols)]
        for name, r in self.systems.items():
            cells = [f"{name:<{width}}"]
            for m in METRICS:
                iv = r.intervals[m]
                cells.append(f"{_cell(iv):<18}")
            cells.append(f"{r.seconds_per_event:.3f}")
            lines.append("  ".join(cells))
        return "\n".join(lines) + "\n"

    def worst(
        self, n: int, ours: str = "newsbrief", oracle: str = "oracle"
    ) -> list[tuple[int, float]]:
        """Indices of the n events where ``ours`` falls furthest below ``oracle``, with the gap.

        The gap is in ROUGE-1 F1 + ROUGE-2 F1, the oracle's objective.
        """
        a, b = self.systems[ours], self.systems[oracle]
        gaps = [(k, b.objective(k) - a.objective(k)) for k in range(len(self.events))]
        gaps.sort(key=lambda kg: -kg[1])
        return gaps[:n]


def _cell(iv: Interval) -> str:
    return f"{100 * iv.mean:.1f} [{100 * iv.low:.1f}, {100 * iv.high:.1f}]"


SystemSpec = str | Extractor


def resolve_systems(
    systems: Mapping[str, SystemSpec] | Sequence[SystemSpec] | None,
) -> dict[str, Extractor]:
    """Label -> extractor from names, extractors, or a mapping of labels to either.

    ``None`` means every built-in system. An unknown name is an :class:`InputError`.
    """
    if systems is None:
        systems = list(registry.BUILTIN)
    items: Iterable[tuple[str, SystemSpec]]
    if isinstance(systems, Mapping):
        items = systems.items()
    else:
        items = [(s if isinstance(s, str) else s.name, s) for s in systems]
    out: dict[str, Extractor] = {}
    for label, spec in items:
        ext = registry.get(spec) if isinstance(spec, str) else spec
        if not isinstance(ext, Extractor):
            raise InputError(f"system {label!r} is not an Extractor ({type(ext).__name__})")
        key, k = label, 2
        while key in out:
            key, k = f"{label}#{k}", k + 1
        out[key] = ext
    return out


def _bind(ext: Extractor, event: EvalEvent, words: int) -> Extractor:
    """The extractor to run on ``event``: an oracle is given the event's reference."""
    if getattr(ext, "needs_reference", False):
        return ext.for_reference(event.reference, words)  # type: ignore[attr-defined]
    return ext


def _summaries(
    event: EvalEvent, chosen: Mapping[str, Extractor], words: int, settings: Settings
) -> dict[str, str]:
    """Each system's evaluated summary of one event (untimed, unscored)."""
    cluster = prepare(event.articles, settings)
    out = {}
    for name, ext in chosen.items():
        bound = _bind(ext, event, words)
        out[name] = system_summary(bound, cluster, words)
    return out


def system_summary(ext: Extractor, cluster: Cluster, words: int) -> str:
    """The text scored for ``ext`` at ``words`` words.

    A system that shows a brief (:attr:`Extractor.scores_brief`, newsbrief's default)
    is scored on exactly that brief: its sentences as shown, never cut. Every other
    system is scored by the WCEP protocol: its ranking, cut to the budget
    (:func:`budget_summary`).
    """
    if ext.scores_brief:
        return " ".join(text for _, text in ext.shown(cluster, words))
    return budget_summary(cluster, ext.rank(cluster), words, ext.texts(cluster))[1]


def evaluate(
    events: Sequence[EvalEvent],
    systems: Mapping[str, SystemSpec] | Sequence[SystemSpec] | None = None,
    words: int = 40,
    seed: int = 0,
    settings: Settings | None = None,
    samples: int = 1000,
    share_clusters: bool = False,
    dataset: str = "",
    problems: Sequence[str] = (),
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Summarize every event with every system and score the summaries.

    ``systems`` are names (see :mod:`newsbrief.summarize.systems`), extractors, or a
    mapping of labels to either. A system's time per event is the time to prepare the
    cluster plus its ranking. With ``share_clusters`` each event's cluster is prepared
    once and reused by every system (faster for tuning; times then leave out the
    preparation). ``progress(done, total)`` is called after each event.
    """
    if words < 1:
        raise InputError("the word budget must be a positive number")
    settings = settings or Settings()
    chosen = resolve_systems(systems)
    results = {name: SystemResult(name, repr(ext)) for name, ext in chosen.items()}
    if events:
        # one untimed run on the first event pays for lazy imports and caches
        _summaries(events[0], chosen, words, settings)
    for k, event in enumerate(events):
        shared = prepare(event.articles, settings) if share_clusters else None
        for name, ext in chosen.items():
            start = time.perf_counter()
            cluster = shared if shared is not None else prepare(event.articles, settings)
            bound = _bind(ext, event, words)
            text = system_summary(bound, cluster, words)
            elapsed = time.perf_counter() - start
            r = results[name]
            r.summaries.append(text)
            r.seconds.append(elapsed)
            for m, v in rouge(event.reference, text).items():
                r.scores[m].append(v)
        if progress is not None:
            progress(k + 1, len(events))
    for r in results.values():
        r.intervals = {m: bootstrap(r.scores[m], seed, samples) for m in METRICS}
    return Report(
        events=list(events),
        systems=results,
        words=words,
        seed=seed,
        samples=samples,
        dataset=dataset,
        problems=list(problems),
    )


# --------------------------------------------------------------------------- reports


def format_worst(
    report: Report,
    n: int,
    ours: str = "newsbrief",
    oracle: str = "oracle",
    width: int | None = None,
) -> str:
    """The n events where ``ours`` falls furthest below the oracle: reference, ours, oracle.

    The three texts are printed side by side in columns fitted to ``width`` (the
    terminal's width by default).
    """
    width = width or shutil.get_terminal_size((120, 24)).columns
    col = max(20, (width - 6) // 3)
    a, b = report.systems[ours], report.systems[oracle]
    out: list[str] = []
    for rank, (k, gap) in enumerate(report.worst(n, ours, oracle), 1):
        e = report.events[k]

        def score(r: SystemResult, k: int = k) -> str:
            return " ".join(f"R{t[-1]}={100 * r.scores[m][k]:.1f}" for m, t in METRICS.items())

        out.append(
            f"#{rank} {e.id} (line {e.line}): {ours} {100 * gap:.1f} points of R1+R2 "
            f"below the {oracle}"
        )
        heads = ["reference", f"{ours}: {score(a)}", f"{oracle}: {score(b)}"]
        texts = [e.reference, a.summaries[k], b.summaries[k]]
        cols = [
            textwrap.wrap(h, col) + ["-" * min(col, 9)] + (textwrap.wrap(t, col) or ["(empty)"])
            for h, t in zip(heads, texts, strict=True)
        ]
        for row in range(max(len(c) for c in cols)):
            cells = [c[row] if row < len(c) else "" for c in cols]
            out.append("   ".join(f"{c:<{col}}" for c in cells).rstrip())
        out.append("")
    return "\n".join(out)
