"""Speed of compare() now against an older commit (issue 14 item 4 measures from feefd3c).

    .venv/bin/python bench/compare_speed.py                  # feefd3c against the work tree
    .venv/bin/python bench/compare_speed.py --base 46e8133 --rounds 5 --runs 10

The older commit's ``src`` is taken with ``git archive`` into a temporary folder. Each
round runs one worker process per version, in turns (old, new, then new, old in the next
round, so neither always runs first); a worker imports newsbrief from its version's
``src`` (PYTHONPATH), reads the first ``--articles`` articles of dev.jsonl as
bench/speed_core.py does (built and cleaned with that version's code, outside the
timing), makes one warm-up call, then reports the best CPU time (``time.process_time``)
of ``--runs`` calls of ``compare``, of ``newsbrief.summarize`` and of ``summarize_articles``
(the brief alone, no facts). The machine is shared:
the figure to quote is the ratio of the medians over rounds of each version's best, both
measured in the same run. ``--bytecodes`` also counts the Python bytecodes of one call of
each in each version (a figure the load does not move); ``--gc`` the garbage collector's
collections and their CPU time (``gc.callbacks``) over ten calls of each, per call (the best of
``--runs`` leaves out the calls a full collection lands in; these figures do not).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "dev.jsonl"


def bytecodes(fn: Callable[[], object]) -> int:
    """Python bytecodes one call of fn executes (``sys.settrace`` with opcode events): a
    measure the machine's load does not move, where a regular expression or any other call
    into C counts as one."""
    count = 0

    def trace(frame: FrameType, event: str, arg: object) -> Callable[..., object]:
        nonlocal count
        frame.f_trace_opcodes = True
        if event == "opcode":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count


def collections(fn: Callable[[], object], calls: int = 10) -> dict[str, float]:
    """The collector's work during ``calls`` calls of fn, per call: collections of each
    generation and the milliseconds they took (``gc.callbacks``)."""
    got = {f"gen{g} {what}": 0.0 for g in range(3) for what in ("collections", "ms")}
    started = [0.0]

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.process_time()
            return
        g = info["generation"]
        got[f"gen{g} collections"] += 1 / calls
        got[f"gen{g} ms"] += (time.process_time() - started[0]) * 1000 / calls

    gc.callbacks.append(note)
    try:
        for _ in range(calls):
            fn()
    finally:
        gc.callbacks.remove(note)
    return got


#: what each worker times: compare alone, newsbrief.summarize (clean, brief and facts) and
#: summarize_articles alone (the brief without facts, splitting included)
TIMED = ("compare", "summarize", "summarize_articles")


def worker(
    n_articles: int, runs: int, data: Path, count: bool = False, collector: bool = False
) -> dict[str, float]:
    """Best CPU times of compare, newsbrief.summarize and summarize_articles in this
    process's newsbrief."""
    sys.path.insert(0, str(ROOT / "bench"))
    import newsbrief
    from newsbrief.compare import compare
    from newsbrief.settings import Settings
    from newsbrief.summarize import summarize_articles
    from speed_core import first_articles

    articles = first_articles(data, n_articles, Settings())
    out: dict[str, float] = {"articles": float(len(articles))}
    for name, fn in (
        ("compare", lambda: compare(articles)),
        ("summarize", lambda: newsbrief.summarize(articles)),
        ("summarize_articles", lambda: summarize_articles(articles, Settings())),
    ):
        fn()
        best = float("inf")
        for _ in range(runs):
            t = time.process_time()
            fn()
            best = min(best, time.process_time() - t)
        out[name] = best
        if count:
            out[f"{name} bytecodes"] = float(bytecodes(fn))
        if collector:
            out |= {f"{name} {k}": v for k, v in collections(fn).items()}
    return out


def run_version(
    src: Path, args: argparse.Namespace, count: bool = False, collector: bool = False
) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(src), "PYTHONHASHSEED": "0"}
    cmd = [sys.executable, __file__, "--worker", "--articles", str(args.articles)]
    cmd += ["--runs", str(args.runs), "--data", str(args.data)]
    cmd += ["--bytecodes"] if count else []
    cmd += ["--gc"] if collector else []
    got = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    return json.loads(got.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="feefd3c", help="the older commit")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--runs", type=int, default=10, help="best of this many calls")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument(
        "--bytecodes",
        action="store_true",
        help="also count the bytecodes of one call of each (once per version; slow)",
    )
    parser.add_argument(
        "--gc",
        action="store_true",
        help="also count the collector's collections and time per call (ten calls, once per version)",
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.articles, args.runs, args.data, args.bytecodes, args.gc)))
        return 0
    with tempfile.TemporaryDirectory(prefix="compare-speed-") as tmp:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", args.base, "src"], capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        versions = {args.base: Path(tmp) / "src", "now": ROOT / "src"}
        times: dict[str, dict[str, list[float]]] = {v: {} for v in versions}
        for r in range(args.rounds):
            order = list(versions) if r % 2 == 0 else list(versions)[::-1]
            for v in order:
                got = run_version(versions[v], args)
                for k in TIMED:
                    times[v].setdefault(k, []).append(got[k])
                print(
                    f"round {r + 1} {v:>8}: compare {got['compare']:.4f} s, "
                    f"summarize {got['summarize']:.4f} s, summarize_articles "
                    f"{got['summarize_articles']:.4f} s ({got['articles']:.0f} articles)",
                    flush=True,
                )
        counts = {}
        if args.bytecodes:
            for v in versions:
                got = run_version(versions[v], args, count=True)
                counts[v] = (got["compare bytecodes"], got["summarize bytecodes"])
        swept = (
            {v: run_version(versions[v], args, collector=True) for v in versions} if args.gc else {}
        )
    base, now = times[args.base], times["now"]
    for k in TIMED:
        b, n = statistics.median(base[k]), statistics.median(now[k])
        print(
            f"{k}: {args.base} {b:.4f} s -> now {n:.4f} s (median of the rounds' bests): {b / n:.2f}x"
        )
    if counts:
        b, n = counts[args.base], counts["now"]
        print(
            f"bytecodes of one call: compare {b[0] / 1e6:.2f} M -> {n[0] / 1e6:.2f} M "
            f"({b[0] / n[0]:.2f}x fewer); summarize {b[1] / 1e6:.2f} M -> {n[1] / 1e6:.2f} M "
            f"({b[1] / n[1]:.2f}x fewer)"
        )
    for v, got in swept.items():
        for k in TIMED:
            parts = ", ".join(
                f"gen{g} {got[f'{k} gen{g} collections']:.1f} ({got[f'{k} gen{g} ms']:.1f} ms)"
                for g in range(3)
            )
            total = sum(got[f"{k} gen{g} ms"] for g in range(3))
            print(f"collector per call of {k}, {v}: {parts}; {total:.1f} ms in all")
    try:
        print(f"load average {os.getloadavg()[0]:.1f}")
    except OSError:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
