"""Speed of the core summarizer, beside sumy's LexRank and TextRank in the same run.

    .venv/bin/python bench/speed_core.py           # what `make bench` runs

Times, after imports and one warm-up, the best of several runs (CPU time of this process,
``time.process_time``: the machine is shared, so wall time says more about the other
processes than about this one) of:

- summarizing the bundled example folder examples/aleppo/ (reading and cleaning included);
- summarizing the first 100 articles of dev.jsonl given as one input (Article objects
  built from the records and cleaned beforehand, as `newsbrief eval` reads them), with
  newsbrief's default and with sumy's LexRank and TextRank over the same sentences;
- the same 100 articles through ``newsbrief.summarize`` (the public call: cleaning, the
  summary and the facts compared), and the facts comparison (``compare``) alone; the
  target of issue 14 is ``newsbrief.summarize`` under 0.2 s on one core;
- for scale, splitting the same 100 texts into sentences with newsbrief's splitter and
  with pysbd (when installed).

Prints a table and replaces the "Speed" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from mdsection import machine, replace_section
from newsbrief import evaluate as ev
from newsbrief.model import Article
from newsbrief.settings import Settings
from newsbrief.summarize import prepare, summarize_articles
from newsbrief.text import split_sentences

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "dev.jsonl"
EXAMPLE = ROOT / "examples" / "aleppo"


def best_of(fn: Callable[[], object], runs: int, budget_s: float = 15.0) -> tuple[float, int]:
    """Best CPU time of up to ``runs`` calls (fewer when the calls are slow), after a warm-up."""
    start = time.process_time()
    fn()
    spent = time.process_time() - start
    times: list[float] = []
    while len(times) < runs and (not times or spent < budget_s):
        t = time.process_time()
        fn()
        d = time.process_time() - t
        times.append(d)
        spent += d
    return min(times), len(times)


def load() -> str:
    """The 1-minute load average, or "?" where the system does not say."""
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:
        return "?"


def first_articles(path: Path, n: int, settings: Settings) -> list[Article]:
    """The first n article records of a WCEP-style file, as cleaned Articles."""
    clean = ev.cleaner()
    out: list[Article] = []
    with open(path, encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            for k, rec in enumerate(json.loads(line).get("articles") or [], 1):
                a = ev.article_from_record(rec, f"{path.name}:{line_no}#{k}")
                if a is not None and clean is not None:
                    a = clean(a, settings)
                if a is not None:
                    out.append(a)
                if len(out) == n:
                    return out
    return out


def example_row(settings: Settings, runs: int) -> tuple[str, str, str]:
    """Time `newsbrief.summarize` on the example folder, or say why it was skipped."""
    if not EXAMPLE.is_dir() or not any(p.is_file() for p in EXAMPLE.rglob("*")):
        return ("newsbrief, examples/aleppo/", "-", "skipped: the folder is empty or missing")
    try:
        from newsbrief import pipeline
    except ImportError as e:
        return ("newsbrief, examples/aleppo/", "-", f"skipped: the reader is not there ({e})")
    files = sorted(p for p in EXAMPLE.rglob("*") if p.is_file())
    t, n = best_of(lambda: pipeline.summarize([str(EXAMPLE)], settings), runs)
    size = sum(p.stat().st_size for p in files)
    note = f"{len(files)} files, {size / 1024:.0f} KiB, read + clean + summarize; best of {n}"
    return ("newsbrief, examples/aleppo/", f"{t:.3f}", note)


def with_facts_rows(articles: list[Article], runs: int) -> tuple[list[tuple[str, str, str]], str]:
    """``newsbrief.summarize`` of the articles (cleaning, brief, facts) and ``compare`` alone."""
    import newsbrief
    from newsbrief.compare import compare

    whole, n = best_of(lambda: newsbrief.summarize(articles), runs)
    facts, m = best_of(lambda: compare(articles), runs)
    n_facts = len(compare(articles)[0])
    rows = [
        (
            "newsbrief.summarize with facts, same articles",
            f"{whole:.3f}",
            f"clean + brief + compare, the public call; best of {n}",
        ),
        (
            "compare (facts) alone, same articles",
            f"{facts:.3f}",
            f"{n_facts} facts; {100 * facts / whole:.0f}% of the call above; best of {m}",
        ),
    ]
    verdict = "met" if whole < 0.2 else "NOT met"
    return rows, f"newsbrief.summarize with facts: {whole:.3f} s (target < 0.2 s: {verdict})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5, help="best of this many runs")
    parser.add_argument("--doc", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--no-write", action="store_true", help="print only; write no docs")
    parser.add_argument("--no-peers", action="store_true", help="skip sumy (minutes)")
    args = parser.parse_args(argv)
    settings = Settings()

    rows: list[tuple[str, str, str]] = [example_row(settings, args.runs)]
    ratios: list[str] = []
    if not args.data.exists():
        rows.append((f"{args.articles} articles", "-", f"skipped: {args.data} not found"))
    else:
        articles = first_articles(args.data, args.articles, settings)
        texts = [a.text for a in articles]
        size = sum(len(t.encode()) for t in texts)
        what = f"{len(articles)} articles of {args.data.name} ({size / 1024:.0f} KiB)"
        n_sent = prepare(articles, settings).size
        ours, n = best_of(lambda: summarize_articles(articles, settings), args.runs)
        rows.append(
            (
                f"newsbrief, {what}",
                f"{ours:.3f}",
                f"{n_sent} distinct sentences; cited 40-word brief; best of {n}",
            )
        )
        facts_row, target = with_facts_rows(articles, args.runs)
        rows.extend(facts_row)
        ratios.append(target)
        try:
            if args.no_peers:
                raise ImportError("--no-peers")
            import peers
        except ImportError as e:
            rows.append(("sumy peers", "-", f"skipped: {e}"))
        else:
            for name in ("sumy-lexrank", "sumy-textrank"):
                p = peers.peer(name)
                t, n = best_of(
                    lambda p=p: p.select(prepare(articles, settings), settings.words), args.runs
                )
                rows.append(
                    (f"{name}, same articles", f"{t:.3f}", f"same sentences, 40 words; best of {n}")
                )
                ratios.append(
                    f"newsbrief takes {ours / t:.3g}x the time of {name} ({t / ours:.3g}x faster)"
                )
        t, n = best_of(lambda: [split_sentences(x) for x in texts], args.runs)
        rows.append(
            (
                "newsbrief splitter, same texts",
                f"{t:.3f}",
                f"{size / 1e6 / t:.1f} MB/s; best of {n}",
            )
        )
        try:
            import pysbd
        except ImportError:
            rows.append(("pysbd, same texts", "-", "skipped: pysbd is not installed"))
        else:
            seg = pysbd.Segmenter(language="en", clean=False)
            t, n = best_of(lambda: [seg.segment(x) for x in texts], min(args.runs, 3))
            rows.append(
                (
                    "pysbd splitter, same texts",
                    f"{t:.3f}",
                    f"{size / 1e6 / t:.2f} MB/s; best of {n}",
                )
            )

    width = max(len(r[0]) for r in rows)
    print(f"{'what':<{width}}  {'seconds':>8}  notes")
    for what, secs, note in rows:
        print(f"{what:<{width}}  {secs:>8}  {note}")
    for line in ratios:
        print(line)
    if args.no_write:
        return 0
    body = [
        "## Speed",
        "",
        "Reproduce with `python bench/speed_core.py` (or `make bench`). CPU time of the "
        "process (`time.process_time`, one core) after imports and one warm-up run, best of "
        "several runs: the machine is shared and loaded, and CPU time is what one core "
        "spends on the work itself.",
        "",
        "| what | seconds | notes |",
        "| --- | --- | --- |",
        *(f"| {w} | {s} | {n} |" for w, s, n in rows),
        "",
        *(f"- {r}" for r in ratios),
        "",
        f"Measured {machine()}, load average {load()}; a shared, noisy machine: compare "
        "the rows of one run, not runs with each other.",
    ]
    replace_section(args.doc, "speed", "\n".join(body))
    print(f"wrote {args.doc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
