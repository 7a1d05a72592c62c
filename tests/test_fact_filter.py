"""bench/fact_filter.py: the run-time features of a fact, on invented facts, and the table's
counts on a made-up scoring."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _module():
    sys.path.insert(0, str(ROOT / "bench"))
    path = ROOT / "bench" / "fact_filter.py"
    spec = importlib.util.spec_from_file_location("fact_filter", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("fact_filter", mod)
    spec.loader.exec_module(mod)
    return sys.modules["fact_filter"]


ff = _module()

TOLL = {
    "kind": "quantity",
    "category": "killed",
    "measure": "people killed (in 2009)",
    "value": "at least 40",
    "normalized": "40",
    "relation": ">=",
    "unit": "",
    "article_ids": ["a1", "a2", "a1"],
    "evidence": ["At least 40 people died in the flood.", "The flood killed 40 in Tarnvik."],
}
TOWN = {
    "kind": "place",
    "category": "place",
    "measure": "place",
    "value": "Tarnvik",
    "normalized": "Tarnvik",
    "relation": "=",
    "unit": "",
    "article_ids": ["a2"],
    "evidence": ["The flood killed 40 in Tarnvik."],
}
SPAN = {
    "kind": "duration",
    "category": "duration",
    "measure": "duration",
    "value": "three weeks",
    "normalized": "P3W",
    "relation": "=",
    "unit": "week",
    "article_ids": ["a1"],
    "evidence": ["The river stayed high for three weeks."],
}


def test_features_of_a_hedged_toll_with_a_period_tag() -> None:
    x = ff.features(TOLL, [TOLL, TOWN, SPAN])
    assert x["kind=quantity"] == 1.0 and x["kind=place"] == 0.0
    assert x["group=numbers"] == 1.0 and x["group=names"] == 0.0
    assert x["casualty"] == 1.0 and x["count"] == 0.0
    assert x["measure_words"] == 2.0  # "people killed", the tag left out
    assert x["measure_is_kind"] == 0.0
    assert x["note=period"] == 1.0 and x["note=part"] == 0.0
    assert x["hedge"] == 1.0
    assert x["log_articles"] == math.log(3)  # two distinct articles
    assert x["several_articles"] == 1.0
    assert x["round"] == 1.0 and x["value_in_words"] == 0.0
    assert x["name_words"] == 0.0 and x["name_zipf"] == 0.0  # not a name
    assert x["log_event_facts"] == math.log(4)


def test_features_of_a_name_and_of_a_bare_duration() -> None:
    x = ff.features(TOWN, [TOLL, TOWN, SPAN])
    assert x["group=names"] == 1.0 and x["name_words"] == 1.0
    assert x["name_all_caps"] == 0.0 and x["name_lower_in_sentence"] == 0.0
    assert x["measure_is_kind"] == 1.0 and x["several_articles"] == 0.0
    assert x["round"] == 0.0  # only figures are rounded
    y = ff.features(SPAN, [SPAN])
    assert y["measure_is_kind"] == 1.0 and y["value_in_words"] == 1.0
    assert y["round"] == 0.0  # P3W has no leading number
    assert y["sentence_caps"] == 0.0  # no capitals past the first word
    assert x["sentence_caps"] == 0.25  # "Tarnvik": one of the four words past the first


def test_round_and_groups() -> None:
    assert ff._round("2000") == 1.0 and ff._round("7") == 1.0
    assert ff._round("137") == 0.0 and ff._round("2.5") == 0.0
    assert ff.group_of("weekday") == "when" and ff.group_of("ordinal") == "numbers"


def test_table_counts_hidden_wrong_and_lost_right() -> None:
    rows = [
        {"group": "numbers", "wrong": True},
        {"group": "numbers", "wrong": False},
        {"group": "numbers", "wrong": False},
        {"group": "names", "wrong": True},
    ]
    out = ff.table(rows, [0.9, 0.8, 0.1, 0.2], [0.5]).splitlines()
    numbers = next(line for line in out if " numbers " in line).split()
    # 3 facts, 1 wrong, hidden 1 wrong / 1 right, precision 0.667 -> 1/1
    assert numbers[2:5] == ["3", "1", "1/1"]
    assert numbers[-3:] == ["0.667", "->", "1.000"]
    names = next(line for line in out if " names " in line).split()
    assert names[2:5] == ["1", "1", "0/0"]
