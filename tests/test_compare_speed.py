"""The shortcuts the fact scanner and the summarizer take for speed change no result.

The scanner skips the weekday check for a sentence without "day" and reads a one-word
capitalized run without the full name rules when a cheap test already rejects it; a
cluster works out each sentence's copy-editing faults once. Each is checked here against
the full path on sentences written near the edges of the rules (the dev and train events
are checked as a whole by bench/facts_regress.py).
"""

from __future__ import annotations

import pytest

from newsbrief.compare import extract_facts
from newsbrief.compare.lexicon import _WEEKDAYS
from newsbrief.compare.numbers import _ascii_digits, _tokenize
from newsbrief.model import Article
from newsbrief.summarize import prepare, readable
from newsbrief.summarize.default import Newsbrief

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
    "The ministers meet again on Monday.",
    "A week-long strike ended.",
    "Police said the man, in his forties, was detained.",
    "The oneK network and é-one site went down.",
    "a  day later, nothing had changed.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_weekday_shortcut_never_skips_a_weekday(sentence: str) -> None:
    toks = _tokenize(_ascii_digits(sentence), [])
    has_weekday = any(t.cap and t.low in _WEEKDAYS for t in toks)
    assert "day" in sentence.lower() or not has_weekday, sentence


def test_weekday_sentences_are_among_the_edge_cases() -> None:
    found = [s for s in SENTENCES if any(t.cap and t.low in _WEEKDAYS for t in _tokenize(s, []))]
    assert len(found) == 2  # "THURSDAY", "Monday" ("Thursday’s" is one token, no weekday)


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
