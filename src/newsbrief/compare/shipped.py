"""Data files shipped inside the ``newsbrief.compare`` package (the WordNet synonym table,
the mined noun table, a pairing model when one is fitted)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def shipped_text(name: str, path: Path | None = None) -> str | None:
    """The text of the package's data file ``name``, or of ``path`` when one is given (the
    tests' and the bench scripts' override); None when the file is absent."""
    try:
        if path is not None:
            return path.read_text(encoding="utf-8")
        return resources.files("newsbrief.compare").joinpath(name).read_text(encoding="utf-8")
    except OSError:
        return None
