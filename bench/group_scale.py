"""Event grouping: quality on dev.jsonl, and time and memory from 1k to 50k articles.

    .venv/bin/python bench/group_scale.py            # what `make bench-group` runs
    .venv/bin/python bench/group_scale.py --sizes 1000 10000 --no-peer
    .venv/bin/python bench/group_scale.py --sizes 10000 50000 200000 --no-peer --trace-max 10000
    .venv/bin/python bench/group_scale.py --sizes        # the dev quality tables only

1. **Quality on ../shared/data/dev.jsonl** (30 real events, 152 articles pooled): B-cubed
   and adjusted Rand index of newsbrief's grouping at its defaults, over a range of
   thresholds, with and without dates, beside two variants (idf fitted on the input with
   scikit-learn's TfidfVectorizer; no named-entity features) and a peer: scikit-learn's
   AgglomerativeClustering (average linkage, cosine, dense distances) on TfidfVectorizer
   vectors, its threshold swept the same way.
2. **Scale.** Synthetic inputs of N articles made by replicating the dev articles with
   perturbed text and dates (see :func:`synthetic`): each replica of an event is moved
   to a random day of one year and respelled consistently (made-up names, 70% of the
   other words swapped for other dev words), so it reads as another story of the same
   shape; each article also loses 15% of its words, has its sentences partly shuffled
   and half of its numbers changed, and 2% of the articles lose their date. Each size
   is generated once and written to a temporary JSON Lines file; each version grouped
   reads it in a fresh subprocess, which reports the CPU time (the process's own, so a
   shared machine counts less) and wall time of ``group_articles``, the process's
   resident memory before grouping and its peak (ru_maxrss), and, up to ``--trace-max``
   articles, the peak memory allocated while grouping (a second run under tracemalloc).
   ``--old REV`` (default feefd3c, main before this round) groups the same input with
   the code of that git revision too (``git archive``, first on PYTHONPATH), right after
   the current code, so both share the machine's load; the table says whether both gave
   the same events. The dense peer (threshold 0.14, in its best range on dev) runs on
   the sizes its n x n distance matrix allows.

Writes docs/grouping_scale.png and the marked sections of docs/grouping.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from mdsection import machine, replace_section, run_child
from newsbrief.cluster_metrics import bcubed, read_labeled
from newsbrief.group import features, group_articles, vectorize
from newsbrief.model import Article
from newsbrief.settings import Settings
from newsbrief.text import STOPWORDS, split_sentences

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "dev.jsonl"
DOC = ROOT / "docs" / "grouping.md"
PLOT = ROOT / "docs" / "grouping_scale.png"
THRESHOLDS = (0.06, 0.08, 0.1, 0.12, 0.14, 0.16, 0.18, 0.2, 0.25, 0.3)
SPAN_DAYS = 365
#: threshold of the dense peer: the middle of its best range on dev
PEER_THRESHOLD = 0.14


# --------------------------------------------------------------------------- data


def dev_events(path: Path = DATA) -> tuple[list[Article], list[str], dict[str, date]]:
    """The dev articles (cleaned as eval-groups reads them), their event labels and event dates."""
    data = read_labeled(path)
    when: dict[str, date] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            when[str(rec.get("id"))] = date.fromisoformat(rec["date"][:10])
    return data.articles, data.labels, when


_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*\d|\d")
_SYLLABLES = "ka lo mi ren do sa vel tor an is ur bel mar nik os te ga fi lu zan".split()


def _pseudo_name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


class _Respell:
    """A consistent rewording for one replica of one event: other names, other words.

    Every capitalized word gets a made-up name and 70% of the other word types another
    word of the dev vocabulary, the same way in every article of the replica; so the
    replica reads as a different story of the same shape, and its articles still agree.
    """

    def __init__(self, rng: random.Random, vocabulary: list[str]) -> None:
        self.rng = rng
        self.vocabulary = vocabulary
        self.map: dict[str, str] = {}

    def word(self, w: str) -> str:
        low = w.lower()
        if low in STOPWORDS:
            return w
        if low not in self.map:
            if w[0].isupper():
                self.map[low] = _pseudo_name(self.rng)
            elif self.rng.random() < 0.7:
                self.map[low] = self.rng.choice(self.vocabulary)
            else:
                self.map[low] = low
        out = self.map[low]
        return out[0].upper() + out[1:] if w[0].isupper() else out

    def text(self, text: str, rng: random.Random, dropout: float = 0.15) -> str:
        """The text respelled, then perturbed: words dropped, sentences shuffled, numbers changed."""
        sentences = split_sentences(text) or [text]
        for _ in range(len(sentences) // 3):
            i, j = rng.randrange(len(sentences)), rng.randrange(len(sentences))
            sentences[i], sentences[j] = sentences[j], sentences[i]
        out = []
        for s in sentences:
            words = []
            for m in _WORD.finditer(s):
                w = m.group()
                if rng.random() < dropout:
                    continue
                if w[0].isdigit():
                    words.append(str(rng.randint(1, 999)) if rng.random() < 0.5 else w)
                else:
                    words.append(self.word(w))
            if words:
                out.append(" ".join(words) + ".")
        return "\n".join(out) or text


def synthetic(n: int, seed: int = 0) -> tuple[list[Article], list[str]]:
    """n articles: replicas of the dev events, respelled and re-dated, and their labels.

    Replica 0 is the dev data as it is, moved to a random day of the year. Replica r > 0
    of an event is respelled consistently (:class:`_Respell`: new names, 70% of the
    words changed) and moved to a random day; each of its articles also loses 15% of
    its words, has its sentences partly shuffled and half of its numbers changed, and
    2% of all articles lose their date. Label = event and replica.
    """
    arts, labels, when = dev_events()
    vocabulary = sorted(
        {t for a in arts for t in re.findall(r"\b[a-z]{3,}\b", a.text) if t not in STOPWORDS}
    )
    rng = random.Random(seed)
    start = date(2020, 1, 1)
    out: list[Article] = []
    out_labels: list[str] = []
    r = 0
    while len(out) < n:
        shift: dict[str, date] = {}
        respell: dict[str, _Respell] = {}
        for a, lab in zip(arts, labels, strict=True):
            if len(out) >= n:
                break
            base = shift.setdefault(lab, start + timedelta(days=rng.randrange(SPAN_DAYS)))
            if rng.random() < 0.02:
                day = None
            elif a.published:
                day = base + (a.published - when[lab])
            else:
                day = base + timedelta(days=rng.choice((0, 0, 1)))
            if r == 0:
                text, title = a.text, a.title
            else:
                rs = respell.setdefault(
                    lab, _Respell(random.Random(f"{seed}/{lab}/{r}"), vocabulary)
                )
                text = rs.text(a.text, rng)
                title = rs.text(a.title, rng, dropout=0.0).rstrip(".") if a.title else ""
            out.append(
                Article.create(
                    text, title=title, url=f"{a.url}#r{r}", source=a.source, published=day
                )
            )
            out_labels.append(f"{lab}#{r}")
        r += 1
    return out, out_labels


# --------------------------------------------------------------------------- variants


def corpus_idf(articles: Sequence[Article]) -> sparse.csr_matrix:
    """Same features, but idf fitted on the input (scikit-learn's TfidfVectorizer)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    def analyzer(a: Article) -> list[str]:
        return [f for f, n in features(a.title, a.text).items() for _ in range(n)]

    return TfidfVectorizer(analyzer=analyzer, sublinear_tf=True).fit_transform(articles).tocsr()


def no_entities(articles: Sequence[Article]) -> sparse.csr_matrix:
    """Background idf without the capitalized-word and number features."""
    import newsbrief.group as g

    saved = g.features

    def words_only(title: str, text: str) -> Any:
        c = saved(title, text)
        for k in [k for k in c if k.startswith(("E:", "#"))]:
            del c[k]
        return c

    g.features = words_only
    try:
        return vectorize(articles)
    finally:
        g.features = saved


def dense_peer(articles: Sequence[Article], threshold: float) -> list[int]:
    """The textbook peer: TfidfVectorizer + dense average-linkage AgglomerativeClustering."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
        [f"{a.title}\n{a.title}\n{a.text}" for a in articles]
    )
    distance = 1.0 - (x @ x.T).toarray()  # n x n, float64
    np.fill_diagonal(distance, 0.0)
    np.clip(distance, 0.0, 1.0, out=distance)
    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1 - threshold
    )
    return model.fit(distance).labels_.tolist()


def scores(predicted: Sequence[Any], gold: Sequence[str]) -> dict[str, float]:
    from sklearn.metrics import adjusted_rand_score

    p, r, f = bcubed(list(predicted), list(gold))
    return {"p": p, "r": r, "f1": f, "ari": float(adjusted_rand_score(gold, predicted))}


def ours(
    articles: Sequence[Article], settings: Settings, vectorizer: Callable[..., Any] | None = None
) -> list[str]:
    events = group_articles(articles, settings, vectorizer)
    of = {a: e.id for e in events for a in e.article_ids}
    return [of[a.id] for a in articles]


# --------------------------------------------------------------------------- quality


def quality() -> str:
    arts, labels, _ = dev_events()
    undated = [Article(a.id, a.title, a.text, a.url, a.source, None, a.origin) for a in arts]
    d = Settings()
    rows = [
        ("newsbrief (defaults)", scores(ours(arts, d), labels)),
        ("newsbrief, dates removed", scores(ours(undated, d), labels)),
        ("variant: idf fitted on the input", scores(ours(arts, d, corpus_idf), labels)),
        ("variant: no entity features", scores(ours(arts, d, no_entities), labels)),
    ]
    sweep = {
        "newsbrief": [
            scores(ours(arts, Settings(group_threshold=t)), labels)["f1"] for t in THRESHOLDS
        ],
        "newsbrief, dates removed": [
            scores(ours(undated, Settings(group_threshold=t)), labels)["f1"] for t in THRESHOLDS
        ],
        "idf fitted on the input": [
            scores(ours(arts, Settings(group_threshold=t), corpus_idf), labels)["f1"]
            for t in THRESHOLDS
        ],
        "no entity features": [
            scores(ours(arts, Settings(group_threshold=t), no_entities), labels)["f1"]
            for t in THRESHOLDS
        ],
        "peer: TfidfVectorizer + dense AgglomerativeClustering": [
            scores(dense_peer(arts, t), labels)["f1"] for t in THRESHOLDS
        ],
    }
    rows.append(
        (
            f"peer: TfidfVectorizer + dense average linkage (threshold {PEER_THRESHOLD})",
            scores(dense_peer(arts, PEER_THRESHOLD), labels),
        )
    )
    out = [
        f"Pooled {len(arts)} articles of {len(set(labels))} events of dev.jsonl "
        f"(`newsbrief eval-groups ../shared/data/dev.jsonl`); threshold {d.group_threshold}, "
        f"window {d.group_window_days} days.",
        "",
        "| grouping | B-cubed P | B-cubed R | B-cubed F1 | ARI |",
        "|---|---:|---:|---:|---:|",
    ]
    out += [
        f"| {name} | {s['p']:.3f} | {s['r']:.3f} | {s['f1']:.3f} | {s['ari']:.3f} |"
        for name, s in rows
    ]
    out += [
        "",
        "B-cubed F1 by threshold (mean cosine similarity at which groups merge):",
        "",
        "| grouping | " + " | ".join(f"{t:g}" for t in THRESHOLDS) + " |",
        "|---|" + "---:|" * len(THRESHOLDS),
    ]
    out += [
        f"| {name} | " + " | ".join(f"{v:.3f}" for v in vals) + " |" for name, vals in sweep.items()
    ]
    return "\n".join(out)


# --------------------------------------------------------------------------- scale


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def write_data(arts: Sequence[Article], labels: Sequence[str], path: Path) -> None:
    """The synthetic articles as JSON Lines, so that every code version reads the same input."""
    with path.open("w", encoding="utf-8") as f:
        for a, lab in zip(arts, labels, strict=True):
            rec = {"title": a.title, "text": a.text, "url": a.url, "source": a.source,
                   "date": a.published.isoformat() if a.published else None, "label": lab}  # fmt: skip
            f.write(json.dumps(rec) + "\n")


def read_data(path: Path) -> tuple[list[Article], list[str]]:
    arts, labels = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        day = date.fromisoformat(r["date"]) if r["date"] else None
        arts.append(Article.create(r["text"], title=r["title"], url=r["url"], source=r["source"],
                                   published=day))  # fmt: skip
        labels.append(r["label"])
    return arts, labels


def worker(data: Path, method: str, trace: bool) -> dict[str, Any]:
    """One size in this (fresh) process: time, then (a second run) peak memory of grouping.

    The newsbrief code grouped is whatever ``import newsbrief`` finds (PYTHONPATH puts an
    older version first, see :func:`old_tree`).
    """
    import hashlib
    import tracemalloc

    arts, labels = read_data(data)

    def run() -> list[Any]:
        if method == "digest":
            # the whole single-machine digest: grouping, then a brief of every event
            from newsbrief.digest import digest_articles

            of = {a: e.id for e, _ in digest_articles(arts, Settings()) for a in e.article_ids}
            return [of.get(a.id, a.id) for a in arts]
        if method.startswith("newsbrief"):
            return ours(arts, Settings())
        return dense_peer(arts, PEER_THRESHOLD)

    gc.collect()
    rss_before = _rss_mb()
    cpu, start = time.process_time(), time.perf_counter()
    predicted = run()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    rss = _rss_mb()
    peak = -1.0
    if trace:
        gc.collect()
        tracemalloc.start()
        run()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    s = scores(predicted, labels)
    members: dict[Any, list[str]] = {}
    for a, p in zip(arts, predicted, strict=True):
        members.setdefault(p, []).append(a.id)
    shape = sorted(",".join(sorted(m)) for m in members.values())
    return {
        "method": method,
        "n": len(arts),
        "seconds": seconds,
        "cpu_seconds": cpu,
        "rss_before_mb": rss_before,
        "rss_peak_mb": rss,
        "traced_peak_mb": peak,
        "events": len(set(predicted)),
        "gold_events": len(set(labels)),
        "undated": sum(a.published is None for a in arts),
        # the same events (same article ids together) give the same digest
        "events_digest": hashlib.sha1("\n".join(shape).encode()).hexdigest()[:12],
        **s,
    }


def old_tree(ref: str, into: Path) -> Path:
    """The ``src`` folder of the repository at ``ref`` (git archive), to import that version."""
    subprocess.run(f"git -C '{ROOT}' archive '{ref}' src | tar -x -C '{into}'", shell=True,
                   check=True)  # fmt: skip
    return into / "src"


def run_size(
    data: Path, method: str, timeout: float, trace: bool, pythonpath: Path | None = None
) -> dict[str, Any] | None:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", str(data), "--method", method]
    if not trace:
        cmd.append("--no-trace")
    saved = os.environ.get("PYTHONPATH")
    if pythonpath is not None:
        os.environ["PYTHONPATH"] = str(pythonpath)
    try:
        return run_child(cmd, f"{method} n={data.stem}", timeout, ROOT)
    finally:
        if pythonpath is not None:
            if saved is None:
                os.environ.pop("PYTHONPATH", None)
            else:
                os.environ["PYTHONPATH"] = saved


def plot(results: list[dict[str, Any]]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    methods = list(dict.fromkeys(r["method"] for r in results))
    for method, style in zip(methods, ("o-", "s--", "^:", "d-."), strict=False):
        rs = [r for r in results if r["method"] == method]
        ns = [r["n"] for r in rs]
        ax1.plot(ns, [r["cpu_seconds"] for r in rs], style, label=method)
        ax2.plot(ns, [r["rss_peak_mb"] for r in rs], style, label=method)
    ax1.set(xscale="log", yscale="log", xlabel="articles", ylabel="CPU seconds",
            title="Grouping time (CPU)")  # fmt: skip
    ax2.set(xscale="log", yscale="log", xlabel="articles", ylabel="MiB",
            title="Process peak resident memory")  # fmt: skip
    for ax in (ax1, ax2):
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
    fig.tight_layout()
    PLOT.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(PLOT, dpi=110)


def scale(
    sizes: Sequence[int],
    peer_sizes: Sequence[int],
    timeout: float,
    old: str | None,
    trace_max: int,
    digest_sizes: Sequence[int] = (),
) -> tuple[str, list[dict[str, Any]]]:
    results = []
    with tempfile.TemporaryDirectory(prefix="group_scale_") as tmp:
        old_src = old_tree(old, Path(tmp)) if old else None
        runs: list[tuple[str, Sequence[int], Path | None]] = [("newsbrief", sizes, None)]
        if old_src is not None:
            runs.append((f"newsbrief@{old}", sizes, old_src))
        runs.append(("dense peer", peer_sizes, None))
        runs.append(("digest", digest_sizes, None))
        for n in sorted(set(sizes) | set(peer_sizes) | set(digest_sizes)):
            data = Path(tmp) / f"{n}.jsonl"
            arts, labels = synthetic(n)
            write_data(arts, labels, data)
            del arts, labels
            # the versions one after another on the same input, so they share the load
            for method, ns, path in runs:
                if n not in ns:
                    continue
                print(f"  {method}: {n} articles ...", file=sys.stderr, flush=True)
                kind = {"dense peer": "dense"}.get(method, method)
                r = run_size(data, kind, timeout, n <= trace_max, path)
                if r is None:
                    continue
                r["method"] = method
                results.append(r)
                print(f"    CPU {r['cpu_seconds']:.1f} s (wall {r['seconds']:.1f} s), "
                      f"peak RSS {r['rss_peak_mb']:.0f} MiB, events {r['events']} "
                      f"[{r['events_digest']}], B-cubed F1 {r['f1']:.3f}",
                      file=sys.stderr, flush=True)  # fmt: skip
            data.unlink()
    base = {r["n"]: r for r in results if r["method"] == "newsbrief"}
    out = [
        f"Machine: {machine()} (shared with other work while measured: CPU seconds are the "
        f"process's own CPU time, wall seconds include waiting). Synthetic articles (dev "
        f"replicated with perturbed text and dates over {SPAN_DAYS} days; see "
        "bench/group_scale.py), the same input for every row of a size; one fresh process "
        "per row; peak allocated: a second run under tracemalloc (only up to "
        f"{trace_max:,} articles); RSS before: after reading the input, before grouping.",
        "",
        "| method | articles | CPU s | wall s | peak allocated while grouping MiB | RSS before MiB | process peak RSS MiB | events (gold) | same events as newsbrief | B-cubed F1 | CPU vs newsbrief |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|",
    ]
    for r in results:
        b = base.get(r["n"])
        ratio = f"{r['cpu_seconds'] / b['cpu_seconds']:.2f}x" if b and b is not r else ""
        same = ("yes" if r["events_digest"] == b["events_digest"] else "no") if b else ""
        traced = f"{r['traced_peak_mb']:.0f}" if r["traced_peak_mb"] >= 0 else ""
        out.append(
            f"| {r['method']} | {r['n']:,} | {r['cpu_seconds']:.1f} | {r['seconds']:.1f} | "
            f"{traced} | {r['rss_before_mb']:.0f} | {r['rss_peak_mb']:.0f} | "
            f"{r['events']:,} ({r['gold_events']:,}) | {same if b is not r else ''} "
            f"| {r['f1']:.3f} | {ratio} |"
        )
    out += ["", "![time and memory by number of articles](grouping_scale.png)"]
    return "\n".join(out), results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 2000, 5000, 10000, 20000, 50000],
                    help="sizes to measure (none: only the dev quality tables)")  # fmt: skip
    ap.add_argument("--peer-sizes", type=int, nargs="+", default=[1000, 2000, 5000])
    ap.add_argument("--no-peer", action="store_true")
    ap.add_argument("--digest-sizes", type=int, nargs="*", default=[],
                    help="also run the whole digest (grouping + briefs) at these sizes")  # fmt: skip
    ap.add_argument("--timeout", type=float, default=1200, help="seconds per size")
    ap.add_argument("--no-docs", action="store_true", help="print only, do not write docs/")
    ap.add_argument("--old", default="feefd3c",
                    help="also group with the code of this git revision ('': do not)")  # fmt: skip
    ap.add_argument(
        "--trace-max",
        type=int,
        default=50_000,
        help="measure allocations (tracemalloc, a second run) up to this size",
    )
    ap.add_argument("--no-quality", action="store_true", help="skip the dev quality tables")
    ap.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--no-trace", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--method", default="newsbrief", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.method, not args.no_trace)))
        return 0
    if not DATA.exists():
        print(f"{DATA} not found: the benchmark needs the dev data", file=sys.stderr)
        return 2
    q = ""
    if not args.no_quality:
        print("quality on dev.jsonl ...", file=sys.stderr)
        q = quality()
        print(q)
    peer = [] if args.no_peer else args.peer_sizes
    table, results = "", []
    if args.sizes or peer or args.digest_sizes:
        print("scale ...", file=sys.stderr)
        table, results = scale(args.sizes, peer, args.timeout, args.old or None, args.trace_max,
                               args.digest_sizes)  # fmt: skip
        print(table)
    if not args.no_docs:
        if q:
            replace_section(DOC, "grouping-quality", q)
        if table:
            replace_section(DOC, "grouping-scale", table)
            plot(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
