"""GET latency while a 1,000-article POST is being added, against a real `newsbrief serve`.

    .venv/bin/python bench/serve_write_latency.py [--articles 1000] [--url URL]

Without --url it starts `python -m newsbrief.cli serve --port 0` on a fresh store in a
temporary folder; with --url it uses a server already running (for an older version).
Prints the POST's duration and the latencies of GET /api/events sent one after another
while the POST was in flight. Loopback only; bounded by the POST (timeout 600 s).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "faults"))
from serving import payload  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--url")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    proc = None
    url = args.url
    if not url:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "newsbrief.cli",
                "serve",
                "--store",
                f"{tmp.name}/s.sqlite",
                "--port",
                "0",
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        url = proc.stdout.readline().split(" at ", 1)[1].split()[0].rstrip("/")
    body = payload(range(args.articles))
    done = threading.Event()
    result: dict[str, float] = {}

    def post() -> None:
        t0 = time.perf_counter()
        req = urllib.request.Request(
            url + "/api/articles", body, {"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(req, timeout=600) as r:
            result["status"] = r.status
        result["post_s"] = time.perf_counter() - t0
        done.set()

    t = threading.Thread(target=post)
    t.start()
    time.sleep(0.5)  # let the POST's body arrive first
    lat = []
    while not done.is_set():
        t0 = time.perf_counter()
        with urllib.request.urlopen(url + "/api/events", timeout=600) as r:
            r.read()
        if not done.is_set():
            lat.append(time.perf_counter() - t0)
    t.join()
    if proc:
        proc.terminate()
        proc.wait(60)
    print(
        json.dumps(
            {
                "articles": args.articles,
                "post_status": result.get("status"),
                "post_s": round(result["post_s"], 2),
                "gets_during_post": len(lat),
                "get_median_ms": round(1000 * statistics.median(lat), 1) if lat else None,
                "get_max_ms": round(1000 * max(lat), 1) if lat else None,
            }
        )
    )


if __name__ == "__main__":
    main()
