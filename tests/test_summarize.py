"""The summarize stage on small articles written for these tests."""

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from newsbrief.errors import InputError
from newsbrief.model import Article
from newsbrief.settings import Settings
from newsbrief.summarize import Newsbrief, prepare, summarize_articles
from newsbrief.text import split_sentences, word_count

A = """A powerful earthquake struck the northern province of Kelvar on Monday, killing at least 40 people and injuring hundreds, officials said.
The quake, measured at magnitude 6.8, toppled homes in three mountain villages near the town of Ostra.
Rescue teams worked through the night to reach people trapped under the rubble.
The governor appealed for blankets and tents as temperatures dropped below freezing."""

B = """At least 40 people were killed when a strong earthquake hit Kelvar province on Monday, the regional government said.
The magnitude 6.8 tremor destroyed houses in several villages around Ostra.
Hospitals in the provincial capital treated more than 300 injured people.
The country's football league postponed its weekend matches as a mark of respect."""

C = """Emergency workers searched for survivors on Tuesday after an earthquake killed at least 40 people in Kelvar province.
Aid agencies said thousands of families had spent the night outdoors.
Neighbouring countries offered to send search-and-rescue teams and medical supplies."""


def articles(copy: bool = False) -> list[Article]:
    arts = [
        Article.create(
            A,
            title="Quake kills 40 in Kelvar",
            url="https://daily.example/quake",
            source="Daily Example",
            published=date(2024, 3, 4),
        ),
        Article.create(
            B,
            title="Kelvar earthquake toll reaches 40",
            url="https://times.example/q",
            source="Times Example",
            published=date(2024, 3, 4),
        ),
        Article.create(
            C,
            title="Search for survivors after Kelvar quake",
            url="https://post.example/k",
            source="Post Example",
            published=date(2024, 3, 5),
        ),
    ]
    if copy:
        arts.append(
            Article.create(
                A,
                title="Quake kills 40",
                url="https://copy.example/quake",
                source="Copy Example",
                published=date(2024, 3, 4),
            )
        )
    return arts


def input_sentences(arts):
    return {s for a in arts for s in split_sentences(a.text)}


def is_subsequence(short: str, long: str) -> bool:
    """Whether the words of ``short`` appear in ``long`` in order (first letter's case aside)."""
    words = iter(w.lower().strip(",.;:") for w in long.split())
    return all(w.lower().strip(",.;:") in words for w in short.split())


def test_headline_is_whole_central_sentences_within_budget():
    arts = articles()
    brief = summarize_articles(arts)
    assert brief.headline
    assert word_count(brief.headline) <= 40
    by_id = {a.id: split_sentences(a.text) for a in arts}
    for s in brief.sentences:
        # each brief sentence is its article's sentence, at most with words left out
        assert is_subsequence(s.text, by_id[s.article_id][s.position])
    # compression took the attribution and the weekday out of the lead sentence
    assert any(s.text != by_id[s.article_id][s.position] for s in brief.sentences)
    assert "officials said" not in brief.headline and "on Monday" not in brief.headline
    plain = summarize_articles(arts, extractor=Newsbrief(compress=False))
    assert all(s.text in input_sentences(arts) for s in plain.sentences)
    assert "Kelvar" in brief.headline and "40" in brief.headline
    # the football sentence is peripheral and must not lead
    assert "football" not in brief.headline


def test_every_sentence_cites_all_supporting_articles():
    arts = articles()
    brief = summarize_articles(arts)
    first = brief.sentences[0]
    assert len(first.sources) >= 2, first
    assert first.sources[0].id == first.article_id
    numbers = {a.id: i for i, a in enumerate(brief.sources, 1)}
    for s in brief.sentences:
        assert s.citations == tuple(numbers[a.id] for a in s.sources)
    assert {a.id for a in brief.sources} == {a.id for a in arts}


def test_syndicated_copy_is_a_source_but_no_sentence_repeats():
    arts = articles(copy=True)
    brief = summarize_articles(arts, Settings(words=200))
    texts = [s.text for s in brief.sentences]
    assert len(texts) == len(set(texts))
    copy_id = arts[-1].id
    assert brief.duplicates == {copy_id: arts[0].id}
    from_a = [s for s in brief.sentences if s.article_id == arts[0].id]
    assert from_a and all(copy_id in {x.id for x in s.sources} for s in from_a)


def test_longer_brief_respects_budget_and_reading_order():
    arts = articles()
    for words in (60, 100):
        brief = summarize_articles(arts, Settings(words=words))
        assert sum(word_count(s.text) for s in brief.sentences) <= words
        assert len(brief.sentences) >= 2
        keys = []
        for s in brief.sentences:
            a = next(x for x in arts if x.id == s.article_id)
            keys.append((a.published, [x.id for x in arts].index(a.id), s.position))
        # the best sentence leads; the rest follow in reading order
        assert keys[1:] == sorted(keys[1:])
    assert (
        summarize_articles(arts, Settings(words=100)).headline == summarize_articles(arts).headline
    )


def test_no_redundant_sentences_in_long_brief():
    brief = summarize_articles(articles(), Settings(words=300))
    killed = [s for s in brief.sentences if "at least 40" in s.text.lower()]
    assert len(killed) == 1
    quake = [s for s in brief.sentences if "magnitude 6.8" in s.text]
    assert len(quake) == 1


def test_prepare_merges_verbatim_sentences():
    arts = articles(copy=True)
    c = prepare(arts)
    texts = [s.text for s in c.sentences]
    assert len(texts) == len(set(texts))
    i = texts.index(split_sentences(A)[0])
    assert len(c.holders[i]) == 2


def test_single_article_and_unusable_input():
    brief = summarize_articles(articles()[:1])
    assert brief.sentences and all(s.citations == (1,) for s in brief.sentences)
    with pytest.raises(InputError):
        summarize_articles([Article.create("tiny", url="https://x.example")])


def test_extractor_is_swappable():
    class Last(Newsbrief):
        name = "last"

        def select(self, cluster, words):
            return [cluster.size - 1]

    arts = articles()
    brief = summarize_articles(arts, extractor=Last())
    assert brief.sentences[0].text == split_sentences(C)[-1]


def test_needs_context_flags_openers_that_point_back():
    from newsbrief.summarize.default import needs_context

    for text in (
        "He said the talks would resume.",
        "However, the army denied it.",
        "“They were never warned,” a resident said.",
        "Elsewhere, the central bank left rates unchanged.",
    ):
        assert needs_context(text), text
    for text in (
        "The army denied it.",
        "Hezbollah fighters joined the assault.",
        "Heavy rain fell.",
    ):
        assert not needs_context(text), text


DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev.jsonl"


@pytest.mark.skipif(not DEV.exists(), reason="../shared/data/dev.jsonl is not present")
@pytest.mark.parametrize("words", [100, 200])
def test_longer_briefs_on_real_events_stay_readable(words):
    from newsbrief.evaluate import read_dataset
    from newsbrief.summarize.default import needs_context

    settings = Settings(words=words)
    for event in read_dataset(DEV, limit=12, settings=settings).events:
        cluster = prepare(event.articles, settings)
        brief = summarize_articles(event.articles, settings)
        assert sum(word_count(s.text) for s in brief.sentences) <= words
        first = brief.sentences[0]
        # no pronoun or connective opens the brief unless it opens its article
        assert first.position == 0 or not needs_context(first.text), (event.id, first.text)
        # after the lead sentence: by date, then article, then position
        order = {a.id: k for k, a in enumerate(cluster.articles)}
        day = {a.id: (a.published.toordinal() if a.published else 10**9) for a in cluster.articles}
        keys = [(day[s.article_id], order[s.article_id], s.position) for s in brief.sentences]
        assert keys[1:] == sorted(keys[1:]), event.id
        # no fact twice: no two sentences above the redundancy threshold
        index = {(s.article_id, s.position): i for i, s in enumerate(cluster.sentences)}
        chosen = [index[(s.article_id, s.position)] for s in brief.sentences]
        for a, i in enumerate(chosen):
            for j in chosen[a + 1 :]:
                assert cluster.similarity[i, j] <= settings.redundancy_threshold + 1e-6


def test_short_brief_is_the_headline_alone_and_a_longer_one_fills_with_whole_sentences():
    arts = articles()
    brief = summarize_articles(arts, Settings(words=40))
    assert [s.text for s in brief.sentences] == [brief.headline]
    brief = summarize_articles(arts, Settings(words=100))
    assert len(brief.sentences) > 1
    assert sum(word_count(s.text) for s in brief.sentences) <= 100
    originals = [s for a in arts for s in split_sentences(a.text)]
    assert all(any(is_subsequence(s.text, o) for o in originals) for s in brief.sentences)


def test_fill_variants_use_only_shortened_sentences_of_the_articles():
    from newsbrief.summarize.scorer import FILL_FEATURES, HeadlineScorer

    arts = articles()
    originals = [s for a in arts for s in split_sentences(a.text)]
    # a fill model that predicts every candidate adds: the fitted fill in its most eager form
    eager = HeadlineScorer(1.0, 1.0, (), FILL_FEATURES, np.zeros(len(FILL_FEATURES)))
    exts = (
        Newsbrief(fill="model", fill_model=eager),
        Newsbrief(fill="coverage"),
        Newsbrief(fill="whole"),
    )
    for ext in exts:
        brief = summarize_articles(arts, Settings(words=40), extractor=ext)
        assert brief.sentences[0].text == brief.headline
        assert sum(word_count(s.text) for s in brief.sentences) <= 40
        for s in brief.sentences:
            # each shown sentence is one of the articles' sentences with words deleted
            assert any(is_subsequence(s.text, o) for o in originals), s.text
            assert s.text.rstrip()[-1] in ".!?"
    # the eager model fills where the default does not
    filled = summarize_articles(arts, Settings(words=40), extractor=exts[0])
    assert len(filled.sentences) > 1


def test_fill_is_a_choice_among_four_kinds():
    with pytest.raises(ValueError, match="fill must be"):
        Newsbrief(fill="cut")
    with pytest.raises(ValueError, match="needs a fill_model"):
        Newsbrief(fill="model")
