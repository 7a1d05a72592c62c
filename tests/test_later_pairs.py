"""bench/later_pairs.py (stop 27, helper later): the class it gives a candidate pair the
rules leave, by the tests of step 1 the pair fails. Every sentence is written for the test."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from newsbrief.compare import _prepared, _rule_pairs, pairing
from newsbrief.compare.alignment import _claims
from newsbrief.model import Article

ROOT = Path(__file__).resolve().parents[1]


def _module():
    path = ROOT / "bench" / "later_pairs.py"
    spec = importlib.util.spec_from_file_location("later_pairs", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("later_pairs", mod)
    spec.loader.exec_module(mod)
    return sys.modules["later_pairs"]


lp = _module()


def classes(*texts: str) -> dict[tuple[float, float], str]:
    """The class of each candidate pair the rules leave, by its two values."""
    arts = [Article.create(t, url=f"https://n{i}.example/{i}") for i, t in enumerate(texts)]
    _arts, scans = _prepared(arts)
    _groups, rules = _rule_pairs(scans)
    claims = {id(m) for ms in _claims(scans).values() for m in ms}
    out = {}
    for a, b, r in pairing.candidate_pairs(scans, rules):
        if not r:
            out[tuple(sorted((a.value, b.value)))] = lp.fails(a, b, claims)
    return out


def test_a_count_with_no_shared_word_is_class_shared_word() -> None:
    got = classes(
        "Officials said 120 aftershocks were recorded.",
        "There were 116 aftershocks overnight.",
    )
    assert got == {(116.0, 120.0): "shared word"}


def test_counts_too_far_apart_are_class_ratio() -> None:
    got = classes("The convoy carried 400 cadets.", "The convoy carried 215 cadets.")
    assert got == {(215.0, 400.0): "ratio"}


def test_a_statement_after_the_first_is_class_later() -> None:
    got = classes(
        "The storm destroyed 40 homes. The storm destroyed 60 homes in the end.",
        "Its winds destroyed 90 homes.",
    )
    assert got.get((60.0, 90.0)) == "later"


def test_keys_that_differ_only_in_the_noun() -> None:
    assert lp.key_difference(("count", "cadet", ""), ("count", "graduate", "")) == "noun"
    assert (
        lp.key_difference(("q", "killed", "people", ""), ("q", "killed", "people", "2008"))
        == "time"
    )
    assert (
        lp.key_difference(("q", "killed", "people", ""), ("q", "injured", "people", "")) == "other"
    )
