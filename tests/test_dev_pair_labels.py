"""The blind labels of the last 9 dev events (bench/data/dev_pair_labels.jsonl) are real:
the file parses, every article index is in range and every labelled value is written in
an article it names (read from ../shared/data/dev.jsonl; skipped without it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "bench" / "data" / "dev_pair_labels.jsonl"
DEV = ROOT.parent / "shared" / "data" / "dev.jsonl"
NOTES = {"real conflict", "update over time"}


def _labels() -> list[dict]:
    with LABELS.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_label_file_parses_in_the_train_facts_format() -> None:
    labels = _labels()
    assert len(labels) == 9
    assert len({lab["event_id"] for lab in labels}) == 9
    for lab in labels:
        assert lab["judged"] == "blind"
        assert lab["why"].strip()
        for f in lab["facts"]:
            assert f["measure"].strip() and f["values"] and f["articles"]
            assert not f.get("quote")  # no article text in the repository
        for d in lab["disagreements"]:
            assert d["note"] in NOTES
            assert d["a"]["value"] != d["b"]["value"]
            assert not d["a"].get("quote") and not d["b"].get("quote")


@pytest.mark.skipif(not DEV.exists(), reason="shared dev.jsonl absent")
def test_every_value_is_written_in_an_article_it_names() -> None:
    with DEV.open(encoding="utf-8") as fh:
        events = {e["id"]: e for e in (json.loads(line) for line in fh if line.strip())}
    for lab in _labels():
        texts = [a.get("text") or "" for a in events[lab["event_id"]]["articles"]]
        for f in lab["facts"]:
            assert all(0 <= i < len(texts) for i in f["articles"]), (lab["event_id"], f)
            for v in f["values"]:  # each value written in one of the named articles
                assert any(v in texts[i] for i in f["articles"]), (lab["event_id"], v)
            for i in f["articles"]:  # each named article writes one of the values
                assert any(v in texts[i] for v in f["values"]), (lab["event_id"], f["measure"], i)
        for d in lab["disagreements"]:
            for side in (d["a"], d["b"]):
                assert 0 <= side["article"] < len(texts)
                assert side["value"] in texts[side["article"]], (lab["event_id"], side)
