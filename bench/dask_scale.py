"""The Dask engine: articles per second with 1 and 2 workers beside the single-machine pipeline.

    .venv/bin/python bench/dask_scale.py                      # what `make bench-dask` runs
    .venv/bin/python bench/dask_scale.py --articles 20000     # a quicker run

One synthetic corpus of ``--articles`` articles (default 200,000) is written once as JSON
Lines under bench/out/: the dev articles replicated with perturbed text and dates by
bench/group_scale.py's :func:`synthetic` (each replica of an event respelled with made-up
names and other words and moved to a random day of one year; words dropped, sentences
shuffled, numbers changed; 2% of the articles undated). The same file then goes through
three engines, each in a fresh process:

- ``single``: the single-machine digest (``pipeline.load`` + ``digest.digest_articles``, what
  ``newsbrief digest`` runs), one process;
- ``dask-1`` and ``dask-2``: ``newsbrief.distributed.run_digest`` on a LocalCluster of 1 and
  2 single-threaded worker processes (``newsbrief digest --engine dask --workers N``).

Throughput is articles read / wall seconds from reading the file to the last output written
(the cluster's start, about 2 s, is reported apart). Peak memory is each process's peak
resident set (ru_maxrss): the single process; each Dask worker, and the client (the
process that reduces the edge lists). The events of the Dask run are compared with the
single-machine digest's (B-cubed F1 of the two groupings, share of identical events and
headlines). Writes docs/dask_scaling.png and the marked section of docs/distributed.md.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mdsection import machine, replace_section, run_child

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
DOC = ROOT / "docs" / "distributed.md"
PLOT = ROOT / "docs" / "dask_scaling.png"
ENGINES = ("single", "dask-1", "dask-2")


def corpus(n: int) -> Path:
    """The synthetic corpus of n articles as JSON Lines (made once, then reused)."""
    path = OUT / f"dask_corpus_{n}.jsonl"
    if path.exists():
        return path
    from group_scale import synthetic

    arts, _labels = synthetic(n)
    OUT.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        for a in arts:
            record = {
                "title": a.title,
                "text": a.text,
                "url": a.url,
                "source": a.source,
                "date": a.published.isoformat() if a.published else None,
            }
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    tmp.replace(path)
    return path


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _worker_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def task_summary(records: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Compute seconds of the recorded Dask tasks by their function: count, total, largest."""
    by: dict[str, list[float]] = {}
    for d in records:
        key = d["key"] if isinstance(d["key"], str) else d["key"][0]
        name = key.split("-", 1)[0]
        dur = sum(s["stop"] - s["start"] for s in d["startstops"] if s["action"] == "compute")
        by.setdefault(name, []).append(dur)
    return {
        k: {"tasks": len(v), "seconds": sum(v), "largest": max(v)}
        for k, v in sorted(by.items(), key=lambda kv: -sum(kv[1]))
        if sum(v) >= 0.5
    }


def run_engine(engine: str, path: Path, out: Path, tasks: bool = False) -> dict[str, Any]:
    """One engine on the corpus, in this (fresh) process; writes its events for comparison."""
    from newsbrief.settings import Settings

    settings = Settings()
    out.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {"engine": engine}
    if engine == "single":
        from newsbrief import pipeline
        from newsbrief.digest import digest_articles

        start = time.perf_counter()
        loaded = pipeline.load([path], settings)
        items = digest_articles(loaded.articles, settings)
        result["seconds"] = time.perf_counter() - start
        result["articles"] = len(loaded.articles)
        events = [
            {"ids": list(e.article_ids), "headline": b.headline, "id": e.id} for e, b in items
        ]
        result["peak_mb"] = {"process": _peak_mb()}
    else:
        from newsbrief.distributed import dask_client, read_events, run_digest

        workers = int(engine.split("-")[1])
        start = time.perf_counter()
        with dask_client(workers=workers) as client:
            client.wait_for_workers(workers)
            result["cluster_start_seconds"] = time.perf_counter() - start
            start = time.perf_counter()
            if tasks:
                from distributed import get_task_stream

                with get_task_stream(client) as stream:
                    r = run_digest([path], out / "dask", settings, client=client)
                result["tasks"] = task_summary(stream.data)
            else:
                r = run_digest([path], out / "dask", settings, client=client)
            result["seconds"] = time.perf_counter() - start
            peaks = client.run(_worker_peak_mb)
        result["articles"] = r.counts["articles"]
        result["counts"] = r.counts
        result["stages"] = r.seconds
        result["peak_mb"] = {
            **{f"worker {i + 1}": v for i, v in enumerate(sorted(peaks.values()))},
            "client": _peak_mb(),
        }
        events = [
            {"ids": e["article_ids"], "headline": e["headline"], "id": e["id"]}
            for e in read_events(out / "dask")
        ]
    (out / f"{engine}.events.json").write_text(json.dumps(events), encoding="utf-8")
    result["events"] = len(events)
    result["throughput"] = result["articles"] / result["seconds"]
    return result


def spawn(engine: str, path: Path, timeout: float, tasks: bool = False) -> dict[str, Any] | None:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--run", engine, "--input", str(path)]
    if tasks:
        cmd.append("--tasks")
    print(f"  {engine} ...", file=sys.stderr, flush=True)
    out = run_child(cmd, engine, timeout, ROOT)
    if out is None:
        return None
    print(
        f"    {out['seconds']:.0f} s, {out['throughput']:.0f} articles/s, "
        f"peak {max(out['peak_mb'].values()):.0f} MiB",
        file=sys.stderr,
    )
    return out


def agreement(a: Path, b: Path) -> dict[str, float]:
    """How the events of two runs agree: B-cubed F1 of the groupings, identical events, headlines."""
    from newsbrief.cluster_metrics import bcubed

    ea = json.loads(a.read_text(encoding="utf-8"))
    eb = json.loads(b.read_text(encoding="utf-8"))
    la = {i: k for k, e in enumerate(ea) for i in e["ids"]}
    lb = {i: k for k, e in enumerate(eb) for i in e["ids"]}
    common = sorted(set(la) & set(lb))
    _, _, f1 = bcubed([lb[i] for i in common], [la[i] for i in common])
    sa = {frozenset(e["ids"]): e["headline"] for e in ea}
    sb = {frozenset(e["ids"]): e["headline"] for e in eb}
    same = set(sa) & set(sb)
    return {
        "bcubed_f1": f1,
        "same_events": len(same) / max(1, len(sa)),
        "same_headlines": sum(sa[k] == sb[k] for k in same) / max(1, len(same)),
        "articles_a": len(la),
        "articles_b": len(lb),
    }


def amdahl(speedup: float) -> float:
    """Serial fraction s of Amdahl's law that gives this speedup on 2 workers."""
    return min(1.0, max(0.0, 2.0 / speedup - 1.0))


def plot(results: dict[str, dict[str, Any]], serial: float) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (ax1, ax2, ax3) = plt.subplots(1, 3, figsize=(14, 4.2))
    names = [e for e in ENGINES if e in results]
    labels = {"single": "single machine", "dask-1": "Dask, 1 worker", "dask-2": "Dask, 2 workers"}
    ax1.bar(
        [labels[e].replace(", ", ",\n").replace("single ", "single\n") for e in names],
        [results[e]["throughput"] for e in names],
        color=["#777", "#4a7ebb", "#2c5aa0"][: len(names)],
    )
    ax1.set(ylabel="articles / second", title="Throughput, measured")
    if "dask-1" in results:
        base = results["dask-1"]["throughput"]
        ws = [1, 2, 4, 8, 16, 32, 64]
        ax2.plot(ws, [base * w for w in ws], ":", color="#999", label="linear")
        ax2.plot(
            ws,
            [base / (serial + (1 - serial) / w) for w in ws],
            "-",
            label=f"Amdahl fit, serial fraction {serial:.2f}",
        )
        measured = [(1, base)]
        if "dask-2" in results:
            measured.append((2, results["dask-2"]["throughput"]))
        ax2.plot(*zip(*measured, strict=True), "o", color="#2c5aa0", label="measured")
        if "single" in results:
            ax2.axhline(results["single"]["throughput"], color="#777", lw=1, label="single machine")
        ax2.set(
            xscale="log", yscale="log", xlabel="workers (one core each)", ylabel="articles / second"
        )
        ax2.set_title("Expected scaling from the measured points")
        ax2.set_xticks(ws, [str(w) for w in ws])
        ax2.grid(True, which="both", alpha=0.3)
        ax2.legend(fontsize=8)
    procs = []
    values = []
    for e in names:
        for who, mb in results[e]["peak_mb"].items():
            procs.append(f"{labels[e]}: {who}")
            values.append(mb)
    ax3.barh(procs, values, color="#4a7ebb")
    ax3.invert_yaxis()
    ax3.tick_params(axis="y", labelsize=8)
    ax3.set(xlabel="MiB", title="Peak resident memory per process")
    fig.tight_layout()
    PLOT.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(PLOT, dpi=110)


def report(
    n: int,
    path: Path,
    results: dict[str, dict[str, Any]],
    agree: dict[str, Any],
    engines: Sequence[str] = ENGINES,
) -> str:
    labels = {"single": "single machine", "dask-1": "Dask, 1 worker", "dask-2": "Dask, 2 workers"}
    base = results.get("single", {}).get("throughput")
    out = [
        f"Machine: {machine()}, shared with other developers while it ran. Corpus: {n:,} "
        f"synthetic articles ({path.stat().st_size / 2**20:.0f} MiB of JSON Lines): the dev "
        "articles replicated with perturbed text and dates (bench/group_scale.py `synthetic`). "
        "One fresh process per engine; seconds from reading the file to the last output.",
        "",
        "| engine | articles | events | seconds | articles/s | vs single machine | peak memory MiB |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for e in ENGINES:
        r = results.get(e)
        if r is None:
            if e in engines:
                out.append(f"| {labels[e]} | | | did not finish | | | |")
            continue
        peaks = ", ".join(f"{k} {v:.0f}" for k, v in r["peak_mb"].items())
        ratio = f"{r['throughput'] / base:.2f}x" if base else ""
        out.append(
            f"| {labels[e]} | {r['articles']:,} | {r['events']:,} | {r['seconds']:.0f} | "
            f"{r['throughput']:.0f} | {ratio} | {peaks} |"
        )
    d1, d2 = results.get("dask-1"), results.get("dask-2")
    if d1 and d2:
        speedup = d2["throughput"] / d1["throughput"]
        s = amdahl(speedup)
        out += [
            "",
            f"Speedup from 1 to 2 workers: {speedup:.2f}x, which Amdahl's law fits with a "
            f"serial fraction of {s:.2f}; expected throughput with more workers of the same "
            "speed (one core each, the same corpus per worker-core):",
            "",
            "| workers | 1 | 2 | 4 | 8 | 16 | 32 | 64 |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
            "| articles/s (Amdahl fit) | "
            + " | ".join(
                f"{d1['throughput'] / (s + (1 - s) / w):,.0f}" for w in (1, 2, 4, 8, 16, 32, 64)
            )
            + " |",
            "| articles/s (linear) | "
            + " | ".join(f"{d1['throughput'] * w:,.0f}" for w in (1, 2, 4, 8, 16, 32, 64))
            + " |",
        ]
    for e in ("dask-1", "dask-2"):
        r = results.get(e)
        if r:
            stages = ", ".join(
                f"{k} {v:.0f}" for k, v in r["stages"].items() if k not in ("total", "client")
            )
            c = r["counts"]
            out += [
                "",
                f"{labels[e]}: seconds per stage: {stages}; of these, the client alone (planning, "
                f"reducing edge lists, small files) {r['stages'].get('client', 0):.1f} s; cluster "
                f"start {r['cluster_start_seconds']:.1f} s; {c['partitions']} partitions, "
                f"{c['components']:,} components of similar articles "
                f"({c['large_components']} over the block limit, grouped in date chunks), "
                f"{c['duplicates']:,} copies, {c['rejected']} rejected records.",
            ]
            if r.get("tasks"):
                out.append(
                    "Tasks (compute seconds: count, total, largest): "
                    + "; ".join(
                        f"{k} {v['tasks']}, {v['seconds']:.1f}, {v['largest']:.1f}"
                        for k, v in list(r["tasks"].items())[:6]
                    )
                    + "."
                )
    if agree:
        out += [
            "",
            f"Dask (2 workers) against the single-machine digest on this corpus: B-cubed F1 "
            f"of the two groupings {agree['bcubed_f1']:.4f}; identical events "
            f"{100 * agree['same_events']:.1f}%, and among them identical headlines "
            f"{100 * agree['same_headlines']:.1f}%.",
        ]
    out += ["", "![throughput and memory](dask_scaling.png)"]
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--articles", type=int, default=200_000, help="corpus size (default 200,000)")
    p.add_argument("--engines", nargs="+", default=list(ENGINES), choices=ENGINES)
    p.add_argument("--timeout", type=float, default=5400, help="seconds per engine at most")
    p.add_argument("--no-doc", action="store_true", help="print the table, write no doc or plot")
    p.add_argument(
        "--tasks",
        action="store_true",
        help="record Dask's task stream: compute seconds per task function (count, total, largest)",
    )
    p.add_argument("--run", choices=ENGINES, help=argparse.SUPPRESS)
    p.add_argument("--input", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.run:
        out = OUT / f"dask_run_{Path(args.input).stem}"
        print(json.dumps(run_engine(args.run, Path(args.input), out, args.tasks)))
        return 0
    print(f"corpus of {args.articles:,} synthetic articles ...", file=sys.stderr, flush=True)
    path = corpus(args.articles)
    results: dict[str, dict[str, Any]] = {}
    for engine in args.engines:
        r = spawn(engine, path, args.timeout, args.tasks)
        if r is not None:
            results[engine] = r
    runs = OUT / f"dask_run_{path.stem}"
    agree: dict[str, Any] = {}
    if "single" in results and ("dask-2" in results or "dask-1" in results):
        other = "dask-2" if "dask-2" in results else "dask-1"
        agree = agreement(runs / "single.events.json", runs / f"{other}.events.json")
    d1, d2 = results.get("dask-1"), results.get("dask-2")
    serial = amdahl(d2["throughput"] / d1["throughput"]) if d1 and d2 else math.nan
    saved = {"articles": args.articles, "results": results, "agreement": agree}
    (OUT / f"dask_scale_{args.articles}.json").write_text(json.dumps(saved, indent=1))
    text = report(args.articles, path, results, agree, args.engines)
    print(text)
    if not args.no_doc:
        plot(results, 0.0 if math.isnan(serial) else serial)
        replace_section(DOC, "dask-scale", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
