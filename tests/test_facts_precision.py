"""bench/facts_precision.py and its judgements (bench/data/dev_fact_judgements.jsonl): the
file parses and judges only the blind dev events of bench/data/dev_pair_labels.jsonl, and
the scoring and checks count right on small made-up inputs."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
JUDGEMENTS = ROOT / "bench" / "data" / "dev_fact_judgements.jsonl"
DEV_LABELS = ROOT / "bench" / "data" / "dev_pair_labels.jsonl"
TRAIN_JUDGEMENTS = ROOT / "bench" / "data" / "train_fact_judgements.jsonl"
NEW_LABELS = ROOT / "bench" / "data" / "new_pair_labels.jsonl"
PAIR_LABELS = ROOT / "bench" / "data" / "pair_labels.jsonl"


def _module():
    path = ROOT / "bench" / "facts_precision.py"
    spec = importlib.util.spec_from_file_location("facts_precision", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("facts_precision", mod)
    spec.loader.exec_module(mod)
    return sys.modules["facts_precision"]


fp = _module()


def test_judgements_parse_and_name_only_blind_dev_events() -> None:
    judgements = fp.read_judgements(JUDGEMENTS)
    blind = {json.loads(line)["event_id"] for line in DEV_LABELS.open(encoding="utf-8")}
    assert judgements
    assert {j["event"] for j in judgements} <= blind
    keys = [(j["event"], j["kind"], j["measure"], j["value"]) for j in judgements]
    assert len(keys) == len(set(keys))  # one judgement a fact
    for j in judgements:
        assert j["verdict"] in fp.VERDICTS
        assert j["why"].strip() and len(j["why"]) <= 120  # short reasons, no quoted sentences
        assert j.get("vague", False) in (True, False)
        assert not j.get("vague") or j["verdict"] == "ok"  # vague marks a right measure only


def _j(kind: str, verdict: str, vague: bool = False) -> dict:
    return {"event": "e", "kind": kind, "measure": "m", "value": "1", "verdict": verdict,
            "why": "made up", **({"vague": True} if vague else {})}  # fmt: skip


def test_precision_counts_ok_over_judged_per_kind_group_and_all() -> None:
    judgements = [
        _j("quantity", "ok"),
        _j("quantity", "ok", vague=True),
        _j("quantity", "wrong measure"),
        _j("money", "wrong value"),
        _j("date", "ok"),
        _j("place", "noise"),
    ]
    r = fp.precision(judgements)
    assert r["quantity"]["judged"] == 3 and r["quantity"]["ok"] == 2
    assert r["quantity"]["precision"] == pytest.approx(2 / 3)
    assert r["quantity"]["strict"] == pytest.approx(1 / 3)
    assert r["money"]["precision"] == 0.0
    assert r["numbers"]["judged"] == 4 and r["numbers"]["ok"] == 2
    assert r["when"]["precision"] == 1.0
    assert r["names"]["verdicts"] == {"noise": 1}
    assert r["all"]["judged"] == 6 and r["all"]["precision"] == pytest.approx(3 / 6)
    assert r["all"]["verdicts"] == {"ok": 3, "wrong measure": 1, "wrong value": 1, "noise": 1}


def test_a_judgement_with_an_unknown_verdict_or_no_reason_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "j.jsonl"
    bad.write_text(json.dumps({**_j("quantity", "ok"), "verdict": "fine"}) + "\n")
    with pytest.raises(ValueError):
        fp.read_judgements(bad)
    j = _j("quantity", "ok")
    del j["why"]
    bad.write_text(json.dumps(j) + "\n")
    with pytest.raises(ValueError):
        fp.read_judgements(bad)


def test_checks_find_unsorted_marks_and_an_article_disagreeing_with_itself() -> None:
    assert fp.unsorted_citations("a [1,2] b [3] c [2,1] d [4,4]") == ["[2,1]", "[4,4]"]
    proj = {
        "disagreements": [
            {"measure": "people killed", "values": [
                {"value": "10", "article_ids": ["a"]}, {"value": "12", "article_ids": ["a"]}]},
            {"measure": "people hurt", "values": [
                {"value": "3", "article_ids": ["a"]}, {"value": "5", "article_ids": ["b"]}]},
        ],
        "sources": [{"id": "a", "number": 2}, {"id": "b", "number": 1}],
        "facts": [{"measure": "people hurt", "value": "3", "article_ids": ["a", "b"]}],
    }  # fmt: skip
    assert fp.self_disagreements(proj) == ["people killed: 10 vs 12"]
    assert fp.json_order(proj) == ["people hurt '3' [2, 1]"]


def test_train_judgements_name_only_train_events_of_our_pair_labels() -> None:
    """The train judgements: train events of new_pair_labels.jsonl (stop 27) or of
    pair_labels.jsonl (helper judge3's blind four), none of train_facts.jsonl, so none of its
    held-out half; one judgement a fact, short reasons."""
    judgements = fp.read_judgements(TRAIN_JUDGEMENTS)
    ours = {
        json.loads(line)["event_id"]
        for path in (NEW_LABELS, PAIR_LABELS)
        for line in path.open(encoding="utf-8")
        if line.strip()
    }
    assert judgements and {j["event"] for j in judgements} <= ours
    facts_labels = ROOT.parent / "shared" / "data" / "train_facts.jsonl"
    if facts_labels.exists():
        labelled = {json.loads(line)["event_id"] for line in facts_labels.open(encoding="utf-8")}
        assert not {j["event"] for j in judgements} & labelled
    keys = [(j["event"], j["kind"], j["measure"], j["value"]) for j in judgements]
    assert len(keys) == len(set(keys))
    for j in judgements:
        assert j["why"].strip() and len(j["why"]) <= 120
        assert not j.get("vague") or j["verdict"] == "ok"
