"""The shortcuts the fact scanner and the summarizer take for speed change no result.

The scanner skips the number reader for a sentence whose letter runs hold no number word
(and that has no digit), and the weekday check for one without a weekday name; a cluster
works out each sentence's copy-editing faults once. Each shortcut is checked here against
the full path on sentences written to be near the edges of the tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbrief.compare import extract_facts
from newsbrief.compare.lexicon import _HAS_DIGIT, _WEEKDAYS
from newsbrief.compare.numbers import _ascii_digits, _numbers, _tokenize
from newsbrief.compare.scanner import _LETTER_RUNS, _may_have_number
from newsbrief.model import Article
from newsbrief.summarize import prepare, readable
from newsbrief.summarize.default import Newsbrief
from newsbrief.text import split_sentences

SENTENCES = [
    "The talks lasted a day and ended without a deal.",
    "An hour-long meeting followed.",
    "It was a decade-long conflict, officials said.",
    "Half an hour later the road reopened.",
    "Twenty-four people were hurt; a dozen remain in hospital.",
    "She said a hundred families had fled.",
    "One of them spoke to reporters.",
    "The vote was held on Thursday’s session in Brussels.",
    "Rescuers worked through the night, and the mayor thanked them.",
    "Officials in Ostra said the bridge would reopen soon.",
    "Some seven-year-old children were evacuated.",
    "The O’Neill family left for Dublin.",
    "THURSDAY: the summit opens.",
    "A week-long strike ended.",
    "Police said the man, in his forties, was detained.",
    "The oneK network and é-one site went down.",
    "a  day later, nothing had changed.",
]


def _expected_numbers(sentence: str) -> list[tuple[int, int, float]]:
    text = _ascii_digits(sentence)
    return [(n.i0, n.i1, n.value) for n in _numbers(_tokenize(text, []))]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_number_shortcut_never_skips_a_number(sentence: str) -> None:
    text = _ascii_digits(sentence)
    runs = set(" ".join(_LETTER_RUNS(text)).lower().split())
    assert _may_have_number(text, runs) or not _expected_numbers(sentence), sentence


def test_edge_sentences_hold_numbers_and_plain_ones() -> None:
    with_numbers = [s for s in SENTENCES if _expected_numbers(s)]
    assert 8 <= len(with_numbers) < len(SENTENCES)


def test_number_shortcut_on_the_example_articles() -> None:
    folder = Path(__file__).resolve().parents[1] / "examples" / "aleppo"
    text = (folder / "levant-daily.txt").read_text(encoding="utf-8")
    sentences = split_sentences(text)
    skipped = 0
    for s in sentences:
        t = _ascii_digits(s)
        runs = set(" ".join(_LETTER_RUNS(t)).lower().split())
        may = _HAS_DIGIT(t) is not None or _may_have_number(t, runs)  # as the scanner does
        assert may or not _expected_numbers(s), s
        skipped += not may
    assert sentences and skipped < len(sentences)


def test_number_shortcut_skips_plain_sentences() -> None:
    plain = "Rescuers worked through the night, and the mayor thanked them."
    text = _ascii_digits(plain)
    assert not _may_have_number(text, set(" ".join(_LETTER_RUNS(text)).lower().split()))


@pytest.mark.parametrize("sentence", SENTENCES)
def test_weekday_shortcut_never_skips_a_weekday(sentence: str) -> None:
    toks = _tokenize(_ascii_digits(sentence), [])
    runs = set(" ".join(_LETTER_RUNS(sentence)).lower().split())
    has_weekday = any(t.cap and t.low in _WEEKDAYS for t in toks)
    assert not runs.isdisjoint(_WEEKDAYS) or not has_weekday, sentence


def test_facts_of_edge_sentences() -> None:
    """The shortcuts keep what the full path finds: durations from "a day", word numbers."""
    art = Article.create(" ".join(SENTENCES), title="", url="https://example.org/a")
    facts = extract_facts(art)
    values = {(f.category, f.normalized) for f in facts}
    assert ("duration", "PT30M") in values  # "half an hour"
    assert ("weekday", "Thursday") in values
    assert any(f.category == "person" or f.category == "place" for f in facts)


def test_cluster_faults_equal_readable_faults_and_are_copies() -> None:
    texts = [
        "Officials said today that the bridge would reopen.",
        "He said so.. Then he left",
        "The minister resigned on Tuesday after the vote.",
    ]
    arts = [
        Article.create(t, title="", url=f"https://example.org/{i}") for i, t in enumerate(texts)
    ]
    cluster = prepare(arts)
    for t in Newsbrief().texts(cluster):
        got = cluster.faults(t)
        assert got == readable.faults(t)
        got.append("changed")
        assert cluster.faults(t) == readable.faults(t)
