"""Speed of compare() now against an older commit (issue 14 item 4 measures from feefd3c).

    .venv/bin/python bench/compare_speed.py                  # feefd3c against the work tree
    .venv/bin/python bench/compare_speed.py --base 46e8133 --rounds 5 --runs 10

The older commit's ``src`` is taken with ``git archive`` into a temporary folder. Each
round runs one worker process per version, in turns (old, new, then new, old in the next
round, so neither always runs first); a worker imports newsbrief from its version's
``src`` (PYTHONPATH), reads the first ``--articles`` articles of dev.jsonl as
bench/speed_core.py does (built and cleaned with that version's code, outside the
timing), makes one warm-up call, then reports the best CPU time (``time.process_time``)
of ``--runs`` calls of ``compare`` and of ``newsbrief.summarize``. The machine is shared:
the figure to quote is the ratio of the medians over rounds of each version's best, both
measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "dev.jsonl"


def worker(n_articles: int, runs: int, data: Path) -> dict[str, float]:
    """Best CPU times of compare and newsbrief.summarize in this process's newsbrief."""
    sys.path.insert(0, str(ROOT / "bench"))
    import newsbrief
    from newsbrief.compare import compare
    from newsbrief.settings import Settings
    from speed_core import first_articles

    articles = first_articles(data, n_articles, Settings())
    out: dict[str, float] = {"articles": float(len(articles))}
    for name, fn in (
        ("compare", lambda: compare(articles)),
        ("summarize", lambda: newsbrief.summarize(articles)),
    ):
        fn()
        best = float("inf")
        for _ in range(runs):
            t = time.process_time()
            fn()
            best = min(best, time.process_time() - t)
        out[name] = best
    return out


def run_version(src: Path, args: argparse.Namespace) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(src), "PYTHONHASHSEED": "0"}
    cmd = [sys.executable, __file__, "--worker", "--articles", str(args.articles)]
    cmd += ["--runs", str(args.runs), "--data", str(args.data)]
    got = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    return json.loads(got.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="feefd3c", help="the older commit")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--runs", type=int, default=10, help="best of this many calls")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.articles, args.runs, args.data)))
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
                for k in ("compare", "summarize"):
                    times[v].setdefault(k, []).append(got[k])
                print(
                    f"round {r + 1} {v:>8}: compare {got['compare']:.4f} s, "
                    f"summarize {got['summarize']:.4f} s ({got['articles']:.0f} articles)",
                    flush=True,
                )
    base, now = times[args.base], times["now"]
    for k in ("compare", "summarize"):
        b, n = statistics.median(base[k]), statistics.median(now[k])
        print(
            f"{k}: {args.base} {b:.4f} s -> now {n:.4f} s (median of the rounds' bests): {b / n:.2f}x"
        )
    try:
        print(f"load average {os.getloadavg()[0]:.1f}")
    except OSError:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
