"""Helpers of the fault tests: synthetic articles and a real ``newsbrief serve`` process."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
_WORDS = (
    "council river flood mayor police budget school vote storm bridge court market port "
    "train fire hospital election strike harbour factory minister museum airport union"
).split()


def article_text(i: int) -> str:
    """A distinct, plausible article text for number ``i``."""
    rng = random.Random(i)
    out = []
    for k in range(5):
        w = [rng.choice(_WORDS) for _ in range(9)]
        out.append(
            f"The {w[0]} of town {i} met the {w[1]} about the {w[2]} on day {k} while the "
            f"{w[3]}, the {w[4]} and the {w[5]} waited for news of the {w[6]}."
        )
    return " ".join(out)


def payload(numbers: range | list[int]) -> bytes:
    """A POST /api/articles body with one article per number (url https://t.example/N)."""
    arts = [
        {"text": article_text(i), "title": f"Story {i}", "url": f"https://t.example/{i}"}
        for i in numbers
    ]
    return json.dumps({"articles": arts}).encode()


class Server:
    """``newsbrief serve --port 0`` in a subprocess; ``url`` read from its startup line."""

    def __init__(self, store: Path, env: dict[str, str] | None = None) -> None:
        full = dict(os.environ)
        full.pop("NEWSBRIEF_TEST_PAUSE", None)
        full.update(env or {})
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "newsbrief.cli", "serve", "--store", str(store), "--port", "0"],
            cwd=ROOT,
            env=full,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()  # printed once the socket listens
        if "serving" not in line:
            self.proc.kill()
            raise AssertionError(f"no startup line: {line!r} {self.proc.stderr.read()!r}")
        self.url = line.split(" at ", 1)[1].split()[0].rstrip("/")

    def request(
        self, path: str, body: bytes | None = None, timeout: float = 120
    ) -> tuple[int, Any]:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        req = urllib.request.Request(self.url + path, body, headers)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, json.loads(r.read() or b"null")
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"null")

    def stop(self, sig: int = signal.SIGINT) -> str:
        """Stop the server (SIGINT: gracefully); its stderr."""
        self.proc.send_signal(sig)
        _, err = self.proc.communicate(timeout=60)
        return err

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate(timeout=30)


def wait_for(path: Path, proc: subprocess.Popen[str], limit: float = 120) -> None:
    """Wait until ``path`` exists (a test pause was reached); fail if the process ends."""
    deadline = time.monotonic() + limit
    while not path.exists():
        assert proc.poll() is None, "the server ended before the pause"
        assert time.monotonic() < deadline, "the pause was never reached"
        time.sleep(0.02)
