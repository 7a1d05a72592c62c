"""The summarizer's shortcuts for speed change no result.

Each shortcut is checked against the plain computation it replaces, on small clusters
written to reach its edges (the dev and train events are checked as a whole, brief by
brief, by bench/facts_regress.py).
"""

from __future__ import annotations

from datetime import date

import numpy as np

from newsbrief import dedup
from newsbrief.dedup import find_duplicates, jaccard, may_copy
from newsbrief.model import Article
from newsbrief.settings import Settings
from newsbrief.summarize import Newsbrief, prepare, readable
from newsbrief.summarize.features import _weighted_rows, main_clause
from newsbrief.summarize.scorer import FEATURES, sentence_features
from newsbrief.text import content_terms, split_sentences, tokens

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

WIRE = (
    "Rescue teams pulled twelve survivors from the collapsed factory on Tuesday night, "
    "the regional governor told reporters at the scene. Officials said the search would "
    "continue through the weekend as heavy machinery arrived from the capital. The cause "
    "of the collapse was not yet known, but workers had complained about cracks in the "
    "walls for months before the disaster struck the industrial town."
)

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


def brute_may_copy(sets: list[set[int]], threshold: float) -> list[int]:
    return [
        i
        for i, a in enumerate(sets)
        if any(j != i and jaccard(a, b) >= threshold for j, b in enumerate(sets))
    ]


def near_copies(rng: np.random.Generator, n: int) -> list[set[int]]:
    """Sets of a few sizes, many of them edited copies of others near any threshold."""
    sets: list[set[int]] = [set()]
    for _ in range(n):
        if len(sets) > 1 and rng.random() < 0.7:
            base = sorted(sets[int(rng.integers(1, len(sets)))])
            keep = rng.random(len(base)) > rng.random() * 0.4
            s = {v for v, k in zip(base, keep, strict=True) if k}
            s.update(int(v) for v in rng.integers(0, 2**32, int(rng.integers(0, 8))))
        else:
            s = {int(v) for v in rng.integers(0, 2**32, int(rng.integers(1, 60)))}
        sets.append(s)
    return sets


def test_prefix_filter_finds_exactly_the_sets_with_a_copy() -> None:
    rng = np.random.default_rng(7)
    for trial in range(40):
        sets = near_copies(rng, 30)
        for t in (0.0, 0.05, 0.5, 0.7, 0.75, 0.8, 0.85, 0.9, 1.0, 1 / 3):
            want = list(range(len(sets))) if t == 0 else brute_may_copy(sets, t)
            assert may_copy(sets, t) == want, (trial, t)


def test_copies_found_as_when_every_article_had_a_signature(monkeypatch) -> None:
    lines = [f"Report {k} says {k * 7} homes near site {k % 5} were hit." for k in range(40)]
    rng = np.random.default_rng(3)
    arts = []
    for n in range(60):
        kept = [x for x in lines if rng.random() > rng.random() * 0.3]
        kept += [f"Outlet {n} adds note {k} of its own." for k in range(int(rng.integers(0, 4)))]
        arts.append(Article.create(" ".join(kept), url=f"https://w{n}.example/a"))
    arts.append(Article.create("A short unrelated note about the weather.", url="https://x.ex"))
    found = []
    for t in (0.5, 0.7, 0.75, 0.8, 0.85, 0.9):
        settings = Settings(duplicate_threshold=t)
        got = find_duplicates(arts, settings)
        with monkeypatch.context() as m:
            m.setattr(dedup, "may_copy", lambda sets, threshold: list(range(len(sets))))
            assert find_duplicates(arts, settings) == got
        found.append(len(got))
    # from nearly all articles merged to none: the edited copies reach every threshold
    assert found[0] > 50 and found[-1] == 0 and 0 < found[3] < 20, found


def test_clause_vectors_and_support_are_those_of_every_row_built_from_its_terms() -> None:
    texts = [
        "The army said it retook Aleppo on Thursday after the last rebels left the city.",
        "The army said it has retaken full control of Aleppo, marking a turning point.",
        "Rebels left Aleppo on Thursday as buses carried the last fighters out of the city.",
        "Government troops entered the eastern districts while residents waited for buses.",
        "Short one, which ends.",
    ]
    arts = [art(" ".join(texts[k:] + texts[:k]), k) for k in range(4)]
    for cluster in [*clusters(), prepare(arts), prepare(arts[:1])]:
        rows: list[int] = []
        cols: list[int] = []
        for i, s in enumerate(cluster.sentences):
            clause = main_clause(s.text)
            terms = content_terms(clause) if clause != s.text else []
            if len(set(terms)) < 5:
                terms = cluster.terms[i]
            for t in terms:
                rows.append(i)
                cols.append(cluster.vocabulary[t])
        want = _weighted_rows(rows, cols, cluster.size, cluster.weights)
        got = cluster.main_clause_vectors
        for part in ("data", "indices", "indptr"):
            assert np.array_equal(getattr(got, part), getattr(want, part))
        main = (want @ want.T).toarray().astype(np.float32)
        support = np.maximum(cluster.similarity, np.where(main >= 0.6, main - 0.1, 0.0))
        assert cluster.support_similarity.dtype == np.float32
        assert np.array_equal(cluster.support_similarity, support.astype(np.float32))
    assert len(prepare(arts)._clause_rows[0]) > 0  # some clauses stand for their sentence


EDGE_TEXTS = [
    "12 people died; 1,200.5 fled, 3. more at 4pm and x5 y 7x.",
    "A7 road, 2nd floor, ٣ Arabic-Indic and ５ full-width digits, _9 and é9 and 9é.",
    "(30) [40] -50 +60 €70 1.2.3. 4,,5 6..",
    "Ann met Bob in Paris\tToday\nNew York and  Édouard, O'Neil, McDonald, A B Cd.",
    "Start Capital, middle Word and\u00a0Nbsp\u2003Em then ALLCAPS and iPhone.",
    "",
    "9",
    " X",
]


def test_number_and_name_searches_find_what_their_plain_patterns_find() -> None:
    import re

    from newsbrief.summarize import scorer

    plain_number = re.compile(r"\b\d[\d,.]*\b")
    plain_name = re.compile(r"(?<=\s)[A-Z][a-z]+")
    for text in EDGE_TEXTS + [s.text for c in clusters() for s in c.sentences]:
        assert scorer._NUMBER.findall(text) == plain_number.findall(text), text
        assert scorer._NAME.findall(text) == plain_name.findall(text), text


TRICKY = [
    "İstanbul’s mayor said ΣΟΦΙΑΣ wins. Next, the U.S. team left.\r\nDr. Who’ s back",
    "Line one ends here\u2028and goes on.\u00a0Then   spaces. “Quoted.” (Aside.) 3.5 m.",
    "  \n\n It’s done.It isn't. Don’t stop!Now? Yes… Ok. a.m. Monday.\tTabbed text",
    "K\u212a (Kelvin) and ﬁ ligature. Über-Straße 12,000.5 people. x’y z'w",
]


def test_article_tokens_are_its_sentences_tokens_in_turn() -> None:
    for text in TRICKY + [A, B, C, D, WIRE]:
        assert tokens(text) == [t for s in split_sentences(text) for t in tokens(s)], text


def test_prepare_finds_the_copies_find_duplicates_finds() -> None:
    lines = [f"Report {k} says {k * 7} homes near site {k % 5} were hit." for k in range(30)]
    arts = [art(" ".join(lines) + f" {TRICKY[k % 4]}", k) for k in range(4)]
    arts += [art(" ".join(lines[k:]), 10 + k) for k in range(0, 12, 3)]
    arts.append(arts[0])  # the same article twice
    got = prepare(arts).duplicates
    assert got == find_duplicates(arts)
    assert len(got) >= 4  # the copies are found


def test_compress_shortcuts_hold_wherever_their_patterns_match() -> None:
    """compress skips the weekday rules on text without "day" and the quotation search
    on text without an opening mark: every match of those patterns holds them."""
    from newsbrief import compress as cm

    texts = TRICKY + [A, B, C, D, WIRE] + [s.text for c in clusters() for s in c.sentences]
    texts += [
        "On Monday, the army said it had won (Reuters).",
        "Early on Friday evening, rebels left, officials said on Sunday.",
        "He said “we won” and ‘they’ lost on Tuesday morning.",
        'The "deal" was signed Thursday night in Oslo.',
    ]
    weekday_hits = quote_hits = 0
    for text in texts:
        for rx in (cm._OPENING_WEEKDAY, cm._WEEKDAY_ADJUNCT):
            for m in rx.finditer(text):
                weekday_hits += 1
                assert "day" in m.group(0)
        for m in cm._QUOTED.finditer(text):
            quote_hits += 1
            assert m.group(0)[0] in '"“‘'
    assert weekday_hits >= 4 and quote_hits >= 3


def test_shingles_are_the_hashes_of_every_k_gram() -> None:
    import zlib

    from newsbrief.text import shingles

    for text in TRICKY + [A, B, C, D, WIRE, "one", "one two three four five", ""]:
        w = tokens(text)
        for k in (1, 2, 5, 9):
            grams = [w[i : i + k] for i in range(len(w) - k + 1)] or ([w] if w else [])
            assert shingles(w, k) == {zlib.crc32(" ".join(g).encode()) for g in grams}
            assert shingles(iter(w), k) == shingles(w, k)


def _events() -> list[list[Article]]:
    """Small events: one article repeated, a headline the text does not open with (the
    scanner puts it first), a copy, an empty text."""
    ab = [art(A, 1), art(B, 2), art(C, 3, 5)]
    untitled = Article.create(WIRE, url="https://wire.example/a")
    return [ab, ab + [ab[0]], [art(A, 1), art(A + "\nA second edition.", 4), untitled]]


def test_sentences_given_change_neither_the_facts_nor_the_brief() -> None:
    from newsbrief import pipeline
    from newsbrief.compare import compare
    from newsbrief.render import brief_json
    from newsbrief.summarize import summarize_articles

    for arts in _events():
        split = [split_sentences(a.text) for a in arts]
        given = [list(s) for s in split]
        assert compare(arts, sentences=given) == compare(arts)
        assert given == split  # read, not changed (the scanner puts the title first)
        c0, c1 = prepare(arts), prepare(arts, sentences=given)
        assert c1.sentences == c0.sentences and c1.holders == c0.holders
        assert (c1.vectors != c0.vectors).nnz == 0 and c1.duplicates == c0.duplicates
        b0 = summarize_articles(arts, Settings())
        b1 = summarize_articles(arts, Settings(), sentences=given)
        assert brief_json(b1) == brief_json(b0)
        assert given == split
        # the pipeline splits once and passes the sentences to both
        whole = pipeline.brief_from_articles(arts, Settings())
        facts, disagreements = compare(arts)
        assert whole.facts == tuple(facts) and whole.disagreements == tuple(disagreements)
        assert whole.sentences == b0.sentences and whole.headline == b0.headline


def test_sentences_given_must_be_one_list_per_article() -> None:
    import pytest

    from newsbrief.compare import compare

    arts = _events()[0]
    with pytest.raises(ValueError, match="sentence lists"):
        compare(arts, sentences=[split_sentences(arts[0].text)])
    with pytest.raises(ValueError, match="sentence lists"):
        prepare(arts, sentences=[])


def test_summarize_gives_the_same_brief_for_raw_and_cleaned_articles() -> None:
    import newsbrief
    from newsbrief.clean import clean_article, clean_text
    from newsbrief.render import brief_json

    # a second cleaning pass would join the first two lines (the "Advertisement" line
    # between them gone): cleaned articles are not cleaned again
    twice = (
        "Officials said the storm destroyed more than forty homes near the coast\n"
        "Advertisement\n"
        "and damaged roads across the region on Sunday, police said.\n"
    )
    raw = [art(twice + A, 1), art(B, 2), art(C, 3, 5)]
    cleaned = [clean_article(a) for a in raw]
    assert all(c is not None and c.is_cleaned for c in cleaned)
    once = cleaned[0].text
    assert clean_text(once, cleaned[0].title, site=cleaned[0].url) != once
    assert brief_json(newsbrief.summarize(cleaned)) == brief_json(newsbrief.summarize(raw))


def test_clause_break_finds_what_its_plain_pattern_finds() -> None:
    import re

    from newsbrief.summarize import features

    plain = re.compile(features.CLAUSE_BREAK_PLAIN)
    texts = EDGE_TEXTS + TRICKY + [s.text for c in clusters() for s in c.sentences]
    texts += [
        "The army said it retook Aleppo, handing Assad a victory",
        "It fell ,  which surprised many",
        "He left  after  the vote , as expected",
        "She spoke\u00a0as\u2003the crowd cheered",
        ", while",
        " as ",
        "Rain fell,\nwhen it",
        "Crowds gathered,after midnight, because of the news",
        "It was as if",
        "Alas, whose",
    ]
    for text in texts:
        a, b = plain.search(text), features._CLAUSE_BREAK.search(text)
        assert (a and a.span()) == (b and b.span()), text


COMPRESS_EDGES = [
    "The army said it won on Monday, officials said.",
    "The  army said it won , officials said .",
    "The army\tsaid it won\n, officials  said on Monday.",
    "According to the police, the army won the battle for the city.",
    "according to the police, the army won the battle for the city.",
    "The army won the battle for the city, according to the police .",
    "The army won the battle for the city, According to the police.",
    "Rebels left the city, a spokesman said, a rare admission of defeat.",
    "Rebels left the city\u00a0, a spokesman said\u2003, a rare admission.",
    "Rebels left (Reuters) the city  on Monday ; officials stated.",
    "Rebels left the city on Thursday evening as buses came, he added.",
    "The birthday party was held on Sunday in the town hall, she told Reuters.",
    "Rebels left the city as buses came in the night and more people fled.",
    "   On Monday, rebels left the city as buses came, they announced.  ",
]


def _compress_plain(text: str, min_words: int = 6) -> str:
    """compress as written before its shortcuts (the trigger pattern alone, every
    attribution pattern searched, both spacing substitutions run)."""
    from newsbrief import compress as cm

    if not text or len(text) < 20 or not cm._TRIGGER.search(text):
        return text
    quoted = text.lstrip()[:1] in "\"“‘'"
    spans = [(m.start(), m.end()) for m in cm._QUOTED.finditer(text)]
    out = cm._outside(text, spans, cm._compress_plain)
    if not quoted and not spans:
        out = cm._sub_checked(cm._TRAILING_ATTRIBUTION, out)
        out = cm._sub_checked(cm._ACCORDING_TO, out)
        out = cm._sub_checked(cm._MID_ATTRIBUTION, out, mid=True)
        out = cm._sub_checked(cm._OPENING_ACCORDING, out, opening=True)
    out = cm._SPACE_BEFORE_MARK.sub(r"\1", cm._SPACES.sub(" ", out)).strip()
    if out[:1].islower() and text.lstrip()[:1].isupper():
        out = out[0].upper() + out[1:]
    if out == text.strip():
        return text
    if len(out.split()) < min_words or not cm._ENDS.search(out):
        return text
    return out


def test_compress_with_its_shortcuts_is_compress_without_them() -> None:
    from newsbrief import compress as cm

    texts = COMPRESS_EDGES + EDGE_TEXTS + TRICKY + [A, B, C, D, WIRE]
    texts += [s.text for c in clusters() for s in c.sentences]
    changed = 0
    for text in texts:
        assert bool(cm._TRIGGER.search(text)) <= cm._may_trigger(text), text
        for n in (3, 6):
            got = cm.compress(text, n)
            assert got == _compress_plain(text, n), text
            changed += got != text
    assert changed >= 10  # the rules ran, not only the shortcuts


def test_content_pairs_token_by_token_are_those_of_the_sentence() -> None:
    from newsbrief.summarize import features
    from newsbrief.text import content_pairs

    for text in TRICKY + EDGE_TEXTS + COMPRESS_EDGES + [A, B, C, D, WIRE]:
        for s in split_sentences(text) + [text]:
            toks = tokens(s)
            assert features._content_pairs(toks) == content_pairs(s, toks), s
            assert features._content_pairs(toks) == content_pairs(s), s
    for cluster in clusters():
        assert cluster.terms == [content_terms(s.text) for s in cluster.sentences]
        rows = [i for i, ts in enumerate(cluster.terms) for _ in ts]
        cols = [cluster.vocabulary[t] for ts in cluster.terms for t in ts]
        assert list(cluster.vocabulary) == list(
            dict.fromkeys(t for ts in cluster.terms for t in ts)
        )
        want = _weighted_rows(rows, cols, cluster.size, cluster.weights)
        for part in ("data", "indices", "indptr"):
            assert np.array_equal(getattr(cluster.vectors, part), getattr(want, part))


def test_prefix_filter_takes_elements_past_64_bits() -> None:
    big = [{2**70 + k for k in range(10)}, {2**70 + k for k in range(1, 11)}, {1, 2, 3}]
    for t in (0.5, 0.8, 0.9):
        assert may_copy(big, t) == brute_may_copy(big, t)
    assert may_copy(big, 0.8) == [0, 1]


def _weighted_rows_plain(rows: list[int], cols: list[int], n: int, weights: np.ndarray):
    """The rows as scipy's products make them (features._weighted_rows before numpy)."""
    from scipy import sparse

    tf = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.float64), (rows, cols)), shape=(n, len(weights))
    )
    tf.sum_duplicates()
    x = tf @ sparse.diags(weights)
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return (sparse.diags(1.0 / norms) @ x).tocsr()


def _same_csr(got, want) -> None:
    assert got.shape == want.shape and got.dtype == want.dtype
    for part in ("data", "indices", "indptr"):
        assert np.array_equal(getattr(got, part), getattr(want, part)), part


def test_weighted_rows_are_those_of_scipys_products() -> None:
    rng = np.random.default_rng(11)
    cases = [
        ([], [], 0, np.ones(0)),
        ([], [], 3, np.ones(4)),
        ([2, 0, 2], [1, 1, 1], 4, np.ones(2)),
    ]
    for _ in range(200):
        n, m = int(rng.integers(1, 30)), int(rng.integers(1, 40))
        k = int(rng.integers(0, 400))
        rows = rng.integers(0, n, k).tolist()
        cols = rng.integers(0, m, k).tolist()
        weights = rng.choice([0.0, 0.5, 1e-200, 1e-160, 3.7, 4.5, 1e150], m) * rng.random(m)
        cases.append((rows, cols, n, weights))
    for _ in range(20):  # rows past numpy's pairwise blocks (8 and 128 terms)
        m = int(rng.integers(100, 600))
        rows = rng.integers(0, 3, 2000).tolist()
        cols = rng.integers(0, m, 2000).tolist()
        cases.append((rows, cols, 3, rng.uniform(0.5, 4.5, m)))
    for rows, cols, n, weights in cases:
        _same_csr(
            _weighted_rows(rows, cols, n, weights), _weighted_rows_plain(rows, cols, n, weights)
        )
    for cluster in clusters():
        rows = [i for i, ts in enumerate(cluster.terms) for _ in ts]
        cols = [cluster.vocabulary[t] for ts in cluster.terms for t in ts]
        _same_csr(cluster.vectors, _weighted_rows_plain(rows, cols, cluster.size, cluster.weights))


def test_stem_weights_are_those_of_the_plain_loop() -> None:
    from newsbrief import text as text_module
    from newsbrief.summarize import features
    from newsbrief.text import content_pairs

    for cluster in clusters():
        pairs = [p for s in cluster.sentences for p in content_pairs(s.text)]
        stem_of = dict(pairs)
        want = features._stem_weights_plain(stem_of, cluster.vocabulary)
        assert np.array_equal(cluster.weights, want)
        assert np.array_equal(features._stem_weights(stem_of, cluster.vocabulary), want)
    # several words to a stem (the most frequent decides), words the cache has not seen,
    # words missing from the frequency list, weights held at 0.5, and no word at all
    stem_of = {
        "killed": "kill", "kills": "kill", "killing": "kill", "the": "the", "of": "of",
        "zqxwvk": "zqxwvk", "said": "said", "say": "say", "ostra's": "ostra", "ostra": "ostra",
    }  # fmt: skip
    vocabulary = {st: k for k, st in enumerate(dict.fromkeys(stem_of.values()))}
    text_module._zipf_of.pop("zqxwvk", None)
    text_module._zipf_of.pop("killing", None)
    got = features._stem_weights(stem_of, vocabulary)
    assert np.array_equal(got, features._stem_weights_plain(stem_of, vocabulary))
    assert got.min() == 0.5 and got[vocabulary["zqxwvk"]] == 7.0 - text_module.UNKNOWN_ZIPF
    assert features._stem_weights({}, {}).shape == (0,)
