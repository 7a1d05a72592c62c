"""The pairing decision of compare(): parts against totals, candidate pairs, the model file
format, and our own label file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsbrief.compare import _prepared, _rule_pairs, compare, pairing
from newsbrief.model import Article

OWN = Path(__file__).resolve().parents[1] / "bench" / "data" / "pair_labels.jsonl"


def art(text: str, url: str) -> Article:
    return Article.create(text, url=url)


@pytest.fixture(autouse=True)
def rules_decide() -> object:
    """Each test sets the model it needs; the shipped one (if any) comes back after."""
    before = pairing.active
    yield
    pairing.active = before


def test_part_and_total_are_never_paired() -> None:
    pairing.active = False
    a = art("The plane was carrying 67 passengers and four crew members.", "https://a.org/1")
    b = art("The plane was carrying 71 passengers when it crashed on landing.", "https://b.org/2")
    assert compare([a, b])[1] == []
    # the same two figures without the four crew beside them are a disagreement
    c = art("The plane was carrying 67 passengers when it crashed on landing.", "https://c.org/3")
    _facts, dis = compare([c, b])
    assert len(dis) == 1 and {f.normalized for f in dis[0].facts} == {"67", "71"}


def test_event_facts_part_sum() -> None:
    a = art("The deaths included 27 firefighters and three local residents.", "https://a.org/1")
    b = art("The forest fire killed 30 people on Sunday, officials said.", "https://b.org/2")
    arts, scans = _prepared([a, b])
    ev = pairing.EventFacts(scans, [x.published for x in arts])
    m27 = next(m for m in scans[0].mentions if m.value == 27)
    m30 = next(m for m in scans[1].mentions if m.value == 30)
    assert ev.part_sum(m27, m30) and ev.part_sum(m30, m27)
    m3 = next(m for m in scans[0].mentions if m.value == 3)
    assert ev.part_sum(m3, m30)  # the three residents are a part too
    c = art("The deaths included 27 firefighters and five local residents.", "https://c.org/3")
    arts, scans = _prepared([c, b])
    ev = pairing.EventFacts(scans, [x.published for x in arts])
    m27 = next(m for m in scans[0].mentions if m.value == 27)
    m30 = next(m for m in scans[1].mentions if m.value == 30)
    assert not ev.part_sum(m27, m30)  # 27 + 5 is not 30


def _two_tolls() -> list[Article]:
    return [
        art(
            "Officials said 30,000 people were evacuated from the city on Friday.",
            "https://a.org/1",
        ),
        art("The UN said 34,000 people were evacuated from the city.", "https://b.org/2"),
    ]


def test_features_match_the_feature_names() -> None:
    arts, scans = _prepared(_two_tolls())
    _groups, rules = _rule_pairs(scans)
    pairs = pairing.candidate_pairs(scans, rules)
    assert pairs, "the two evacuation figures are a candidate pair"
    ev = pairing.EventFacts(scans, [a.published for a in arts])
    for a, b, r in pairs:
        x = pairing.features(a, b, r, ev)
        assert len(x) == len(pairing.FEATURES)
        assert all(isinstance(v, float) for v in x)
    a, b, r = pairs[0]
    named = dict(zip(pairing.FEATURES, pairing.features(a, b, r, ev), strict=True))
    assert named["rule_key"] == 1.0 and named["same_key"] == 1.0 and named["people"] == 1.0


def test_model_can_veto_or_keep_the_rules_pairs() -> None:
    n = len(pairing.FEATURES)
    pairing.active = pairing.Model((0.0,) * n, -5.0, threshold=0.9, veto=0.5)  # p ~ 0.007
    assert compare(_two_tolls())[1] == []
    pairing.active = pairing.Model((0.0,) * n, 5.0, threshold=1.01, veto=0.5)  # p ~ 0.993
    assert len(compare(_two_tolls())[1]) == 1
    pairing.active = False
    assert len(compare(_two_tolls())[1]) == 1


def test_model_json_round_trip_and_feature_check() -> None:
    n = len(pairing.FEATURES)
    m = pairing.Model(tuple(float(i) / 10 for i in range(n)), -0.5, 0.8, 0.2)
    assert pairing.Model.from_json(json.loads(json.dumps(m.to_json()))) == m
    bad = m.to_json() | {"features": ["something", "else"]}
    with pytest.raises(ValueError, match="features differ"):
        pairing.Model.from_json(bad)
    assert 0.0 < m.probability([1.0] * n) < 1.0


def test_own_labels_are_in_the_train_facts_format() -> None:
    rows = [json.loads(line) for line in OWN.read_text(encoding="utf-8").splitlines() if line]
    assert len(rows) >= 40
    ids = [r["event_id"] for r in rows]
    assert len(ids) == len(set(ids))
    for r in rows:
        assert r["judged"] in ("candidates", "rules")
        for f in r["facts"]:
            assert f["measure"] and f["values"] and all(isinstance(i, int) for i in f["articles"])
        for d in r["disagreements"]:
            assert d["note"] in ("real conflict", "update over time")
            for side in ("a", "b"):
                assert d[side]["value"] and isinstance(d[side]["article"], int)
            # every side's value is one of the event's labelled facts of that measure
            values = {v for f in r["facts"] if f["measure"] == d["measure"] for v in f["values"]}
            assert {d["a"]["value"], d["b"]["value"]} <= values
