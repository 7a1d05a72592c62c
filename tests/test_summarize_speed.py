"""The summarizer's shortcuts for speed change no result.

Each shortcut is checked against the plain computation it replaces, on small clusters
written to reach its edges (the dev and train events are checked as a whole, brief by
brief, by bench/facts_regress.py).
"""

from __future__ import annotations

from datetime import date

import numpy as np

from newsbrief.model import Article
from newsbrief.settings import Settings
from newsbrief.summarize import Newsbrief, prepare, readable
from newsbrief.summarize.scorer import FEATURES, sentence_features

A = """KELVAR — A powerful earthquake struck the northern province of Kelvar on Monday, killing at least 40 people and injuring hundreds.
The quake, measured at magnitude 6.8, toppled homes in three mountain villages near the town of Ostra.
Rescue teams worked through the night to reach people trapped under the rubble.
They said the governor appealed for blankets and tents as temperatures dropped below freezing."""

B = """At least 40 people were killed when a strong earthquake hit Kelvar province,, the regional government said.
The magnitude 6.8 tremor destroyed houses in several villages around Ostra.
Hospitals in the provincial capital treated more than 300 injured people (Click here for more).
The country's football league postponed its weekend matches as a mark of respect."""

C = """Emergency workers searched for survivors after an earthquake killed at least 40 people in Kelvar province.
Aid agencies said thousands of families had spent the night outdoors in Ostra.
"Neighbouring countries offered to send search-and-rescue teams, officials said."""

# every sentence has a fault (an opener that points back): the headline falls back
D = """They said an earthquake struck the province of Kelvar, killing at least 40 people.
They reported that the quake toppled homes in three villages near Ostra.
He said rescue teams worked through the night in the mountain villages."""


def art(text: str, n: int, day: int = 4) -> Article:
    return Article.create(
        text,
        title=f"Kelvar earthquake kills 40, report {n}",
        url=f"https://news{n}.example/quake",
        source=f"News {n}",
        published=date(2024, 3, day),
    )


def clusters() -> list:
    return [
        prepare([art(A, 1), art(B, 2), art(C, 3, 5)], Settings()),
        prepare([art(B, 2), art(A, 1), art(A + "\nA second edition.", 4)], Settings()),
        prepare([art(D, 1), art(D.replace("Kelvar", "Kelvar's north"), 2)], Settings()),
        prepare([art(D, 1)], Settings(headline_words=8)),
    ]


def reference_headline(ex: Newsbrief, cluster) -> int | None:
    """The headline as chosen before the shortcut: every sentence's faults counted."""
    eligible = cluster.eligible()
    if not eligible.any():
        return None
    scores = ex.headline_scores(cluster)
    texts = ex.texts(cluster)
    limit = min(cluster.settings.headline_words, readable.MAX_HEADLINE_WORDS)
    fits = eligible & (ex.lengths(cluster) <= limit)
    order = np.argsort(-scores, kind="stable")
    for i in order:
        if fits[i] and not readable.faults(texts[i]):
            return int(i)
    pool = fits if fits.any() else eligible
    return int(next(i for i in order if pool[i]))


def test_headline_without_counting_every_fault_is_the_same() -> None:
    skipped_a_faulty_best = fell_back = False
    for cluster in clusters():
        ex = Newsbrief()
        want = reference_headline(ex, cluster)
        assert Newsbrief().headline(cluster) == want
        texts = ex.texts(cluster)
        best = int(np.argmax(ex.headline_scores(cluster)))
        skipped_a_faulty_best |= bool(readable.faults(texts[best])) and want != best
        fell_back |= all(readable.faults(t) for t in texts)
    # the clusters reach both edges: a best sentence with a fault, and no fault-free one
    assert skipped_a_faulty_best
    assert fell_back


def test_feature_rows_without_faults_differ_only_in_the_faults_column() -> None:
    col = FEATURES.index("faults")
    for cluster in clusters():
        ex = Newsbrief()
        presence, factor, weights = ex._gains_setup(cluster)
        gains = np.asarray(presence @ weights).ravel() * factor
        texts = ex.texts(cluster)
        full = sentence_features(cluster, gains, texts)
        lean = sentence_features(cluster, gains, texts, faults=False)
        assert np.array_equal(np.delete(full, col, axis=1), np.delete(lean, col, axis=1))
        assert not lean[:, col].any()
        assert full[:, col].tolist() == [len(readable.faults(t)) for t in texts]
