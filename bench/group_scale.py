"""Event grouping: quality on dev.jsonl, and time and memory from 1k to 50k articles.

    .venv/bin/python bench/group_scale.py            # what `make bench-group` runs
    .venv/bin/python bench/group_scale.py --sizes 1000 10000 --no-peer

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
   runs in a fresh subprocess, which reports the wall time of ``group_articles``, then
   runs it again under tracemalloc for the peak memory allocated while grouping (numpy
   and scipy arrays included), and the process's peak resident memory (ru_maxrss, data
   generation included). The dense peer (threshold 0.14, in its best range on dev) runs
   on the sizes its n x n distance matrix allows.

Writes docs/grouping_scale.png and the marked sections of docs/grouping.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import re
import resource
import sys
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


def worker(n: int, method: str) -> dict[str, Any]:
    """One size in this (fresh) process: time, then (a second run) peak memory of grouping."""
    import tracemalloc

    arts, labels = synthetic(n)

    def run() -> list[Any]:
        if method == "newsbrief":
            return ours(arts, Settings())
        return dense_peer(arts, PEER_THRESHOLD)

    gc.collect()
    start = time.perf_counter()
    predicted = run()
    seconds = time.perf_counter() - start
    rss = _rss_mb()
    gc.collect()
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    s = scores(predicted, labels)
    return {
        "method": method,
        "n": n,
        "seconds": seconds,
        "rss_peak_mb": rss,
        "traced_peak_mb": peak / 2**20,
        "events": len(set(predicted)),
        "gold_events": len(set(labels)),
        "undated": sum(a.published is None for a in arts),
        **s,
    }


def run_size(n: int, method: str, timeout: float) -> dict[str, Any] | None:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", str(n), "--method", method]
    return run_child(cmd, f"{method} n={n}", timeout, ROOT)


def plot(results: list[dict[str, Any]]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    for method, style in (("newsbrief", "o-"), ("dense peer", "s--")):
        rs = [r for r in results if r["method"] == method]
        if not rs:
            continue
        ns = [r["n"] for r in rs]
        ax1.plot(ns, [r["seconds"] for r in rs], style, label=method)
        ax2.plot(ns, [r["traced_peak_mb"] for r in rs], style, label=method)
    ax1.set(xscale="log", yscale="log", xlabel="articles", ylabel="seconds", title="Grouping time")
    ax2.set(
        xscale="log",
        yscale="log",
        xlabel="articles",
        ylabel="MiB",
        title="Peak memory allocated while grouping",
    )
    for ax in (ax1, ax2):
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
    fig.tight_layout()
    PLOT.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(PLOT, dpi=110)


def scale(
    sizes: Sequence[int], peer_sizes: Sequence[int], timeout: float
) -> tuple[str, list[dict[str, Any]]]:
    results = []
    for method, ns in (("newsbrief", sizes), ("dense peer", peer_sizes)):
        for n in ns:
            print(f"  {method}: {n} articles ...", file=sys.stderr, flush=True)
            r = run_size(n, "newsbrief" if method == "newsbrief" else "dense", timeout)
            if r is not None:
                r["method"] = method
                results.append(r)
                print(
                    f"    {r['seconds']:.1f} s, peak allocated {r['traced_peak_mb']:.0f} MiB, "
                    f"peak RSS {r['rss_peak_mb']:.0f} MiB, B-cubed F1 {r['f1']:.3f}",
                    file=sys.stderr,
                )
    base = {r["n"]: r for r in results if r["method"] == "newsbrief"}
    out = [
        f"Machine: {machine()}. Synthetic articles (dev replicated with perturbed text and "
        f"dates over {SPAN_DAYS} days; see bench/group_scale.py); one fresh process per row; "
        "seconds: one untraced run; peak allocated: a second run under tracemalloc.",
        "",
        "| method | articles | seconds | peak allocated while grouping MiB | process peak RSS MiB | events (gold) | B-cubed F1 | ARI | time vs newsbrief |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        ratio = (
            f"{r['seconds'] / base[r['n']]['seconds']:.1f}x"
            if r["method"] != "newsbrief" and r["n"] in base
            else ""
        )
        out.append(
            f"| {r['method']} | {r['n']:,} | {r['seconds']:.1f} | {r['traced_peak_mb']:.0f} | "
            f"{r['rss_peak_mb']:.0f} | {r['events']:,} ({r['gold_events']:,}) "
            f"| {r['f1']:.3f} | {r['ari']:.3f} | {ratio} |"
        )
    out += ["", "![time and memory by number of articles](grouping_scale.png)"]
    return "\n".join(out), results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 5000, 10000, 20000, 50000])
    ap.add_argument("--peer-sizes", type=int, nargs="+", default=[1000, 2000, 5000])
    ap.add_argument("--no-peer", action="store_true")
    ap.add_argument("--timeout", type=float, default=1200, help="seconds per size")
    ap.add_argument("--no-docs", action="store_true", help="print only, do not write docs/")
    ap.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--method", default="newsbrief", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.method)))
        return 0
    if not DATA.exists():
        print(f"{DATA} not found: the benchmark needs the dev data", file=sys.stderr)
        return 2
    print("quality on dev.jsonl ...", file=sys.stderr)
    q = quality()
    print(q)
    print("scale ...", file=sys.stderr)
    table, results = scale(args.sizes, [] if args.no_peer else args.peer_sizes, args.timeout)
    print(table)
    if not args.no_docs:
        replace_section(DOC, "grouping-quality", q)
        replace_section(DOC, "grouping-scale", table)
        plot(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
