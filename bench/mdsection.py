"""Shared by the benchmarks: replace one marked section of a Markdown file, leaving the
rest as it is; describe the machine; run one measurement in a fresh process."""

from __future__ import annotations

import json
import platform
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

TITLE = "# Benchmarks\n"


def replace_section(path: Path, key: str, body: str) -> None:
    """Write ``body`` between ``<!-- key:begin -->`` and ``<!-- key:end -->`` in ``path``.

    The markers are appended at the end of the file when absent; the file is created
    (with a title) when missing.
    """
    begin, end = f"<!-- {key}:begin -->", f"<!-- {key}:end -->"
    block = f"{begin}\n{body.rstrip()}\n{end}\n"
    text = path.read_text(encoding="utf-8") if path.exists() else TITLE
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end) + r"\n?", re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _m: block, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + block
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def machine() -> str:
    """One line about where a benchmark ran."""
    import os

    cpus = os.cpu_count() or 0
    return (
        f"{date.today().isoformat()}, Python {sys.version.split()[0]}, "
        f"{platform.system()} {platform.machine()}, {cpus} CPU(s)"
    )


def run_child(cmd: list[str], label: str, timeout: float, cwd: Path) -> dict[str, Any] | None:
    """Run a measurement in a fresh process; the JSON object on its last stdout line.

    A run over ``timeout`` seconds or one that fails is reported on stderr under
    ``label`` and gives None.
    """
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=cwd)
    except subprocess.TimeoutExpired:
        print(f"  {label}: over {timeout:.0f} s, stopped", file=sys.stderr)
        return None
    if r.returncode != 0:
        print(f"  {label}: failed: {r.stderr.strip()[-2000:]}", file=sys.stderr)
        return None
    return json.loads(r.stdout.strip().splitlines()[-1])
