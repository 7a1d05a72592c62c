"""The shortcuts the fact scanner and the summarizer take for speed change no result.

The scanner skips the weekday check for a sentence without "day" and reads a one-word
capitalized run without the full name rules when a cheap test already rejects it; a
cluster works out each sentence's copy-editing faults once. Each is checked here against
the full path on sentences written near the edges of the rules (the dev and train events
are checked as a whole by bench/facts_regress.py).
"""

from __future__ import annotations

import re

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


#: sentences without digits near the edges of the no-number test and of the name rules
PLAIN_EDGES = [
    *SENTENCES,
    "Someone often wrote letters to the council.",  # "one", "ten" inside words
    "The one-off payment and the ten-day visit were cancelled.",
    "She spoke for a minute's silence.",
    "Officials said an hour's delay was likely.",
    "UN Special Envoy Staffan de Mistura met President Bashar al-Assad in Damascus.",
    "MOSCOW, Russia (AFP) – The Kremlin said nothing.",
    "The WHO and NATO met in Brussels, said Jens Stoltenberg.",
    "“Later,” said Mr Smith’s lawyer, “we will appeal.”",
    "Élise Dupont and Zoë Ångström spoke in Genève.",
    "Prime Minister Theresa May's office (Downing Street) declined to comment.",
    "The U.S. State Department said Kim Il-Sung Square was closed.",
    "Thousands marched; dozens were hurt.",
    "ſix and Kone were the names of the boats.",
    "A half-hearted apology followed, in Paris.",
    "Shares fell 5%, said the CEO of Acme Corp.",
    "Dr. Jane Roe, of the Mayo Clinic, and Gen. John Doe spoke.",
]


@pytest.mark.parametrize("sentence", PLAIN_EDGES)
def test_no_number_test_is_a_superset_of_what_numbers_reads(sentence: str) -> None:
    """A sentence the scanner does not tokenize has no number _numbers would find, and its
    token texts are the tokenizer's."""
    from newsbrief.compare.numbers import _numbers
    from newsbrief.compare.scanner import _plain_tokens

    text = _ascii_digits(sentence)
    toks = _tokenize(text, [])
    plain = None if re.search(r"\d", text) else _plain_tokens(text)  # asked without digits
    if plain is not None:
        assert not _numbers(toks), sentence
        assert plain[0] == [t.text for t in toks]
        assert plain[1] == [t.text.lower() for t in toks]


def test_no_number_test_sends_number_sentences_to_the_tokenizer() -> None:
    from newsbrief.compare.scanner import _plain_tokens

    for s in [
        "The one-off payment was cancelled.",
        "It lasted a week.",
        "A decade-long war ended.",
        "Twenty people came.",
        "Half an hour passed.",
        "A dozen left.",
    ]:
        assert _plain_tokens(s) is None, s
    assert _plain_tokens("Someone often wrote to Kone.") is not None


@pytest.mark.parametrize("sentence", PLAIN_EDGES)
def test_names_of_a_plain_sentence_equal_the_tokenized_path(sentence: str) -> None:
    """find_names reads the same names from the token texts as from the tokens."""
    from newsbrief.compare.context import _title_case
    from newsbrief.compare.mentions import _Sent
    from newsbrief.compare.names import find_names
    from newsbrief.compare.scanner import _plain_token_texts

    text = _ascii_digits(sentence)
    toks = _tokenize(text, [])
    if re.search(r"\d", text):
        return  # a sentence with digits is always tokenized
    texts = _plain_token_texts(text)
    tokenized = _Sent(sentence, toks, _title_case(toks), [], False)
    plain = _Sent(sentence, [], _title_case(toks), [], False, texts)
    assert find_names([plain]) == find_names([tokenized]), sentence


def test_plain_path_keeps_the_names_of_an_article() -> None:
    art = Article.create(" ".join(PLAIN_EDGES[-16:]), title="", url="https://example.org/b")
    facts = extract_facts(art)
    names = {f.value for f in facts if f.category in ("person", "place", "organization")}
    # as the tokenized path finds them (the de Mistura sentence is title case: no names)
    assert {"Theresa May", "Moscow", "Kim Il-Sung Square", "Acme Corp", "Paris"} <= names


@pytest.mark.parametrize(
    "sentence",
    [
        "Troops fired at 6:30 p.m. on 12 March 2019, see https://x.org/a-1 or @user_1.",
        "About 1 000 people and 34,000 others (UTC+3) met; call +44 20 7946 0958.",
        "The six-year-old and twenty-four others left at 21:53, 2012-13 season.",
        "Prices rose 3.5% to $1.2-billion, a 7.5bn deal, 10-15 people, 3/4 of them.",
    ],
)
def test_tokens_lie_where_their_text_is(sentence: str) -> None:
    """Each token's start and end locate its text, and ``space`` says whether white space
    comes before it (the tokenizer works positions out from the lengths it reads)."""
    from newsbrief.compare.lexicon import _MASK_RES

    text = _ascii_digits(sentence)
    masks = [m.span() for rx in _MASK_RES for m in rx.finditer(text)]
    toks = _tokenize(text, masks)
    prev = 0
    for t in toks:
        if t.kind != "word" or "-" not in text[t.start : t.end] or t.text == text[t.start : t.end]:
            assert text[t.start : t.end] == t.text, (t, sentence)
        assert t.start >= prev
        assert t.space == (t.start > prev), (t, sentence)
        assert text[prev : t.start].strip() == ""
        prev = t.end
    assert text[prev:].strip() == ""


def test_headline_asked_twice_is_worked_out_once_and_follows_the_extractor() -> None:
    texts = [
        "Floods in the north killed 12 people on Monday, officials said.",
        "Rescuers searched for survivors as the water rose in the valley.",
        "The government promised aid to the families of the victims.",
    ]
    arts = [
        Article.create(t, title="", url=f"https://example.org/h{i}") for i, t in enumerate(texts)
    ]
    cluster = prepare(arts)
    ex = Newsbrief(scorer=None)
    first = ex.headline(cluster)
    assert ex.headline(cluster) == first == Newsbrief(scorer=None).headline(prepare(arts))
    assert cluster.headlines  # the answer is kept on the cluster
    ex.lead = 50.0  # a changed parameter is not answered from the kept headline
    assert ex.headline(cluster) == Newsbrief(scorer=None, lead=50.0).headline(prepare(arts))


@pytest.mark.parametrize(
    "text",
    [
        "Last Published: 12 May",
        "last  updated at noon",
        "LAST MODIFIED",
        "Published: today",
        "Image copyright Reuters",
        "GETTY IMAGES",
        "Click here to read",
        "Subscribe now",
        "ſubscribe now",  # the long s matches "s" case-blind
        "SUBſCRİBE",
        "Clıck here",  # dotless i
        "CLICK HERE",  # the Kelvin sign matches "k" case-blind
        "Read more",
        "Sign up",
        "He left today.",
        "YESTERDAY it rained",
        "Tonight's game",
        "tonıght",
        "Tomorrow.",
        "Nothing of the sort here.",
    ],
)
def test_readable_shortcut_runs_a_pattern_wherever_it_matches(text: str) -> None:
    """faults runs its two case-blind patterns only where their pieces are written: every
    text either pattern matches passes the test (so no fault is ever skipped)."""
    for rx in (readable._FURNITURE, readable._RELATIVE_DAY):
        if rx.search(text):
            assert readable._may_match(rx, text.lower()), (rx.pattern, text)


@pytest.mark.parametrize(
    "text",
    [
        "One sentence without a stop",
        "He left. She stayed.",
        "Line one\nLine two",
        "It cost $5. Then it rose.",
        "Dr. Smith arrived at 5 p.m. Monday.",
        "“Go!” he said. “Now.”",
        "He said: 'wait…' Then left.",
        "The U.S. Army said so.",
        "Ends with a stop.",
    ],
)
def test_faults_splits_wherever_the_splitter_would(text: str) -> None:
    """faults asks split_sentences only where a line break or a boundary is written: every
    text the splitter cuts in two holds one of them."""
    from newsbrief.text import _BOUNDARY, split_sentences

    if len(split_sentences(text.strip())) > 1:
        assert "\n" in text.strip() or _BOUNDARY.search(text.strip())
    many = len(split_sentences(text.strip())) > 1
    assert ("more than one sentence" in readable.faults(text)) >= many


def test_similar_candidates_of_a_large_bucket_equal_the_loop() -> None:
    """The sparse count of shared context words proposes the same later mentions as the
    loop over every pair (the loose bound and the three shared words)."""
    import random

    from newsbrief.compare import _similar_later
    from newsbrief.compare.mentions import _Mention

    rng = random.Random(7)
    words = [f"w{k}" for k in range(12)]
    bucket = []
    for _ in range(90):
        m = _Mention(
            article=0,
            sent=0,
            sentence="",
            written="",
            value=1.0,
            relation="=",
            kind="quantity",
            category="count",
            context=frozenset(rng.sample(words, rng.randint(3, 9))),
            pos=0,
        )
        bucket.append(m)
    assert _similar_later(bucket, sparse_from=10) == _similar_later(bucket, sparse_from=1000)
    assert any(_similar_later(bucket))
    # the bound is loose, never tight: every pair _similar accepts is proposed
    from newsbrief.compare.alignment import _similar

    later = _similar_later(bucket, sparse_from=1000)
    for p, a in enumerate(bucket):
        for q in range(p + 1, len(bucket)):
            if _similar(a, bucket[q]):
                assert q in later[p], (p, q)


def test_content_pairs_from_given_tokens_equal_its_own() -> None:
    """prepare hands content_pairs the tokens it worked out for the sentence key: the pairs
    are the same as content_pairs finds alone, and the key is dedup.sentence_key's."""
    from newsbrief.dedup import sentence_key
    from newsbrief.text import content_pairs, tokens

    for text in [*SENTENCES, "Don’t STOP: it's 5.2% of Σ's ΟΔΟΣ, İstanbul said."]:
        assert content_pairs(text, tokens(text)) == content_pairs(text)
        assert " ".join(tokens(text)) == sentence_key(text)


@pytest.mark.parametrize(
    "text",
    [
        "at 5 p.m. Monday the talks ended.",
        "He said. « In the morning",
        'It ended." "Then it rose',
        "the sun. WASP-39b is far",
        "(JNS.org) Four Israelis were hurt.",
        "Hello.. world",
        "Yes,, no",
        "Wait., what ,. now;; this:: that!! really??",
        "the wordsGlued here",
        "NASAspacecraft launched",
        "aBcdefgh starts glued; ABCdefgh too",
        "file_name and <b> and &amp; here",
        "Nothing of the sort here.",
        "A clean sentence, with a comma (and brackets).",
    ],
)
def test_faults_prefilters_hold_wherever_their_pattern_matches(text: str) -> None:
    """faults runs _INNER_BOUNDARY, _DOUBLED and _GLUED only where a fast search finds what
    each of their matches holds: wherever a pattern matches, its prefilter holds (so no
    fault is ever skipped); the patterns are case-sensitive, as the prefilters are."""
    for rx in (readable._INNER_BOUNDARY, readable._DOUBLED, readable._GLUED):
        assert rx.pattern in readable._PREFILTERS
        assert not rx.flags & re.IGNORECASE
        if rx.search(text):
            assert readable._PREFILTERS[rx.pattern](text), (rx.pattern, text)
        assert readable._search(rx, text) == bool(rx.search(text))


@pytest.mark.parametrize(
    "text",
    [
        "It struck at 6 am and again at 8:20 a.m. local time.",
        "The vote closed at 10.55 PM, and results came at 12.20am.",
        "Call +44 20 7946 0958 or 555-1234-567 for help.",
        "Crime Stoppers at 1-800-555-0142 or +1 416-222-8477.",
        "Doors open at 5 a. m, 6 A.M. and 7p.m.; 8 people, 9 apples and 10 pm.",
        "The report dated 2016-05-12 was published at 9 P.M.",
        "Scores were 3-1 and 2 - 0; 5 a side.",
        "A 7 pack of 12 apples.",
        "Nothing here but 2015.",
    ],
)
def test_scanner_prefilters_hold_wherever_their_pattern_matches(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mask, date and clock-time patterns that run only where a fast search finds what
    their matches hold: wherever one matches, its prefilter holds; the clock times found
    are those of the unguarded pattern."""
    from newsbrief.compare import scanner

    for rx, need in scanner._MASKS + scanner._DATES:
        if need is not None and rx.search(text):
            assert need(text) is not None, (rx.pattern, text)
    assert scanner._AMPM.pattern == scanner._AMPM_AS_WRITTEN
    if scanner._AMPM.search(text):
        assert scanner._HOLDS_AM_PM(text)
    guarded = scanner._clock_times(text)
    monkeypatch.setattr(scanner, "_HOLDS_AM_PM", lambda _text: True)  # always run
    assert guarded == scanner._clock_times(text)


def test_strip_possessive_equals_the_pattern() -> None:
    """names strips a closing "'s" by a test of the end: the same as the pattern's sub."""
    from newsbrief.compare.names import _POSSESSIVE_RE, _strip_possessive

    for t in ["John's", "John’s", "s", "'s", "Jones", "Mary's's", "its\n", "it's\n", "a's b", ""]:
        assert _strip_possessive(t) == _POSSESSIVE_RE.sub("", t), t


def test_support_similarity_in_place_equals_the_formula() -> None:
    """support_similarity works in place: the same float32 values as the maximum of the
    sentence similarity and np.where(main >= 0.6, main - 0.1, 0) of the main clauses."""
    import numpy as np

    texts = [
        "The army said it retook Aleppo on Thursday after the last rebels left the city.",
        "The army said it has retaken full control of Aleppo, marking a turning point.",
        "Rebels left Aleppo on Thursday as buses carried the last fighters out.",
    ]
    arts = [
        Article(id=f"a{k}", title="", text=" ".join(texts[k:] + texts[:k]), source=f"s{k}")
        for k in range(3)
    ]
    c = prepare(arts)
    m = c.main_clause_vectors
    main = (m @ m.T).toarray().astype(np.float32)
    want = np.maximum(c.similarity, np.where(main >= 0.6, main - 0.1, 0.0).astype(np.float32))
    assert c.support_similarity.dtype == np.float32
    assert np.array_equal(c.support_similarity, want)
    assert c.article_similarity.shape == (c.size, 3)


@pytest.mark.parametrize(
    "text",
    [
        "On Jan 5 and 12 Dec.",
        "see www.example.org or @desk",
        "no month named",
        "May",
        "",
        "a/b at 10:30 GMT+1",
    ],
)
def test_piece_searches_equal_testing_each_piece(text: str) -> None:
    """The scanner's prefilters written as pieces are run as one search for any of them:
    it finds something exactly where one of the pieces is written."""
    from newsbrief.compare import scanner

    assert scanner._SEARCH_OF  # the month names, the link marks... are all searches now
    for pieces, search in scanner._SEARCH_OF.items():
        assert (search(text) is not None) == any(p in text for p in pieces), (pieces, text)
    for _rx, need in scanner._MASKS + scanner._DATES:
        assert need is None or callable(need)


def test_every_prefilter_names_a_pattern_the_scanner_runs() -> None:
    """Each prefilter of scanner._NEEDS is keyed by a mask or date pattern as it is written
    now: a pattern changed without its key loses its prefilter (it then runs on every
    sentence, as the phone-number mask did after its "1-" prefix was added)."""
    from newsbrief.compare import scanner

    patterns = {rx.pattern for rx in scanner._MASK_RES + scanner._DATE_RES}
    stale = [key for key in scanner._NEEDS if key not in patterns]
    assert not stale
    guarded = [rx.pattern for rx, need in scanner._MASKS + scanner._DATES if need is not None]
    assert len(guarded) == len(scanner._NEEDS)


def test_quick_fraction_test_holds_wherever_a_fraction_piece_is_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """read_fractions asks its few quick substring tests before the test of each piece a
    fraction may hold: each piece passes the quick tests (each of those tests a part of a
    piece, so any text holding a piece passes them too), and read_fractions reads the same
    shares with them as without."""
    from newsbrief.compare import fractions

    for piece in fractions._MAY_HOLD:
        assert fractions._may_hold_quick(piece), piece
        assert fractions._may_hold_quick(f"about {piece} them"), piece
    assert not fractions._may_hold_quick("the month of may, north of the city")
    text = "Almost two-thirds of voters agreed, and half of the homes lost power."
    got = fractions.read_fractions(text, 0, 0)
    assert [(m.written, m.value) for m in got] == [("Almost two-thirds", 66.67), ("half", 50.0)]
    monkeypatch.setattr(fractions, "_may_hold_quick", lambda _low: True)  # every piece tested
    assert fractions.read_fractions(text, 0, 0) == got
