"""bench/crosskey_pairs.py (stop 28, helper crosskey): the signals it measures on the
candidate pairs read under two keys. Every sentence is written for the test."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from newsbrief.compare import _prepared, _rule_pairs
from newsbrief.model import Article

ROOT = Path(__file__).resolve().parents[1]


def _module(name: str):
    sys.path.insert(0, str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, mod)
    spec.loader.exec_module(mod)
    return sys.modules[name]


ck = _module("crosskey_pairs")

_WAVES = (
    "Waves as high as four metres struck the harbour of Tarvik at dusk.",
    "In Tarvik, 2 metres waves struck the harbour, officials said.",
    "Schools in Tarvik stay closed on Monday.",
)


def _scans(*texts: str):
    arts = [Article.create(t, url=f"https://n{i}.example/{i}") for i, t in enumerate(texts)]
    return _prepared(arts)[1]


def _left(*texts: str):
    """The candidates the rules leave, with their class, and the event's signal tables."""
    scans = _scans(*texts)
    _groups, rules = _rule_pairs(scans)
    return list(ck.lp.left_pairs(scans, rules)), ck.Event(scans)


def test_a_measure_with_no_measured_thing_is_an_empty_slot() -> None:
    left, ev = _left(*_WAVES)
    assert [names[0] for _a, _b, names in left] == ["two keys: other"]
    a, b, _names = left[0]
    got = ck.signals(a, b, ev)
    assert got["empty_slot"] == 1.0 and got["not_crossed"] == 1.0 and got["not_kept_apart"] == 1.0
    # "waves", "struck" and "harbour" are used by two of three articles; "Tarvik" by all
    assert got["local_spread"] > 0.0 and got["context_spread"] < got["context"]
    assert not ck.empty_slot(("age", "Guzman", ""), ("age", "husband", ""))
    assert ck.empty_slot(("duration", "", ""), ("duration", "debate", ""))


def test_a_word_every_article_uses_weighs_nothing() -> None:
    ev = ck.Event(_scans(*_WAVES))
    place, wave = frozenset(["tarvik"]), frozenset(["wave"])
    assert ev.overlap(place, place) == 0.0
    assert ev.overlap(wave | place, wave) == 1.0  # the place adds nothing to the union
    # in two articles, any shared word is one every article uses
    two = ck.Event(_scans(*_WAVES[:2]))
    assert two.overlap(wave, wave) == 0.0


def test_a_sentence_restated_with_two_figures_is_crossed() -> None:
    scans = _scans(
        "The storm killed 12 people and injured 40 others, the mayor said.",
        "The storm killed 12 people and injured 45 others, the mayor said.",
    )
    ev = ck.Event(scans)
    by = {(m.article, m.value): m for sc in scans for m in sc.mentions}
    assert ev.crossed(by[(0, 12)], by[(1, 45)])  # 12 is the other sentence's first slot
    assert not ev.crossed(by[(0, 40)], by[(1, 45)])


def test_the_local_context_is_a_few_words_each_side() -> None:
    scans = _scans(
        "After long talks in the capital, the council approved 300 new homes near the old port."
    )
    m = scans[0].mentions[0]
    # two content words each side ("the", "new" are stop words); the number itself masked
    assert ck.local_words(m, width=2) == {"council", "approv", "home", "near"}
    assert ck.local_words(m) == {"capit", "council", "approv", "home", "near", "old"}


def test_an_article_stating_both_keys_keeps_them_apart() -> None:
    scans = _scans(
        "The ministry said 30 soldiers were wounded in the clash. It said 12 civilians were wounded.",
        "At least 40 soldiers were wounded, a spokesman said.",
    )
    ev = ck.Event(scans)
    civilians = next(m for m in scans[0].mentions if m.value == 12)
    soldiers = next(m for m in scans[1].mentions if m.value == 40)
    assert civilians.key != soldiers.key
    assert ev.kept_apart(civilians, soldiers)  # the first article gives both groups
