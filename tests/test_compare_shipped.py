"""compare.shipped: the package's data files, an override path, and absent files."""

from __future__ import annotations

import json
from pathlib import Path

from newsbrief.compare.shipped import shipped_text


def test_a_shipped_table_is_read_from_the_package() -> None:
    text = shipped_text("synonyms.json")
    assert text is not None
    assert json.loads(text)  # the WordNet table, not an empty file


def test_an_override_path_wins_and_an_absent_file_is_none(tmp_path: Path) -> None:
    own = tmp_path / "table.json"
    own.write_text('{"pairs": []}', encoding="utf-8")
    assert shipped_text("synonyms.json", own) == '{"pairs": []}'
    assert shipped_text("synonyms.json", tmp_path / "missing.json") is None
    assert shipped_text("no_such_file.json") is None
