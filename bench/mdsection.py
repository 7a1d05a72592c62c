"""Replace one marked section of a Markdown file, leaving the rest as it is."""

from __future__ import annotations

import platform
import re
import sys
from datetime import date
from pathlib import Path

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
