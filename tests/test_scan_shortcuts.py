"""More shortcuts of the fact scanner and the splitter, each checked against what it
replaces (the dev and train events as a whole are checked by bench/facts_regress.py)."""

from __future__ import annotations

import gc
import importlib.util
import random
import re
import sys
import unicodedata
from pathlib import Path

import pytest

from newsbrief import text as text_mod
from newsbrief.compare.lexicon import _MASK_RES, _NUMBER_WORDS, _TIME_UNITS
from newsbrief.compare.names import find_names
from newsbrief.compare.numbers import (
    _OTHER_DIGIT,
    _ascii_digits,
    _numbers,
    _takes,
    _Tok,
    _tokenize,
)
from newsbrief.compare.scanner import _plain_token_texts, _plain_tokens, _Scanner
from newsbrief.model import Article

EDGES = [
    "The talks lasted a day and ended without a deal.",
    "An hour-long meeting followed, a year-long war, an A-list star.",
    "Twenty-four people were hurt; a dozen remain in hospital.",
    "She said a hundred families had fled and a million more might.",
    "A half-hearted apology, half a million people, half an hour.",
    "Nine hundred and fifty-five, a few hundred, several thousand.",
    "The one-off payment; a yearly fee; a days-long siege; xa year; an  hour.",
    "It is a decades-old dispute, a ten-year-old girl, the a-year mark.",
    "A, an, A year. An? a",
    "The O’Neill family left for Dublin at six-thirty.",
]


def _plain_tokens_by_loops(text: str) -> tuple[list[str], list[str]] | None:
    """_plain_tokens as it was written before its two searches: a test per token."""
    texts = _plain_token_texts(text)
    joined = " ".join(texts).lower()
    lows = joined.split(" ")
    if not _NUMBER_WORDS.isdisjoint(lows) or "-long" in joined:
        return None
    for low in lows:
        if "-" in low and low.split("-")[0] in _NUMBER_WORDS:
            return None
    for k in range(len(lows) - 1):
        if lows[k] in ("a", "an") and lows[k + 1].split("-")[0] in _TIME_UNITS:
            return None
    return texts, lows


def _random_texts(n: int, alphabet: str, seed: int) -> list[str]:
    rng = random.Random(seed)
    words = ["a", "an", "A", "year", "years-old", "day", "one", "twenty-four", "-", "x", "half"]
    words += list(alphabet)
    return [" ".join(rng.choice(words) for _ in range(rng.randint(0, 12))) for _ in range(n)]


def test_plain_tokens_searches_equal_the_loops() -> None:
    texts = EDGES + _random_texts(3000, "aA-.,'", 14)
    found = 0
    for t in texts:
        got = _plain_tokens(t)
        assert got == _plain_tokens_by_loops(t), t
        found += got is None
    assert 0 < found < len(texts)  # both answers are among the cases


@pytest.mark.parametrize("sentence", EDGES)
def test_tokenizer_lists_the_tokens_numbers_starts_from(sentence: str) -> None:
    text = _ascii_digits(sentence)
    masks = [m.span() for rx in _MASK_RES for m in rx.finditer(text)]
    takes: list[int] = []
    toks = _tokenize(text, masks, takes)
    assert takes == _takes(toks)
    assert _numbers(toks, takes) == _numbers(toks)
    for t in toks:
        assert t.cap == (t.kind == "word" and t.text[:1].isupper())
        assert t.w == (t.low if t.kind == "word" else "")


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("a hundred families", 100.0),
        ("a dozen eggs", 12.0),
        ("a million people", 1e6),
        ("an hour", 1.0),
        ("half a million", 5e5),
    ],
)
def test_a_before_a_number_word_still_reads(phrase: str, value: float) -> None:
    nums = _numbers(_tokenize(phrase, []))
    assert [n.value for n in nums] == [value], phrase


@pytest.mark.parametrize("phrase", ["a lot of people", "an apple", "a twenty-four", "a . hundred"])
def test_a_as_an_article_is_no_number(phrase: str) -> None:
    nums = _numbers(_tokenize(phrase, []))
    assert all(n.i0 > 0 for n in nums), phrase  # nothing starts at "a" / "an"


def test_other_script_digit_search_agrees_with_unicodedata() -> None:
    """_ascii_digits translates only where ``\\d`` finds a digit beyond 0-9: the two agree
    on every code point."""
    digit = re.compile(r"\d")
    other = re.compile(r"(?![0-9])\d")  # the search _OTHER_DIGIT's one class stands for
    for c in range(sys.maxunicode + 1):
        ch = chr(c)
        assert (unicodedata.decimal(ch, None) is not None) == bool(digit.match(ch)), hex(c)
        assert bool(other.match(ch)) == (_OTHER_DIGIT(ch) is not None), hex(c)
    assert _ascii_digits("٣٤٠٠٠ and “quotes” — dashes") == "34000 and “quotes” — dashes"


def test_word_before_equals_the_search_from_the_start() -> None:
    rng = random.Random(23)
    alphabet = "ab.'’- XY1,"
    lines = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300))) for _ in range(400)]
    lines += ["x" * 200 + ". Next", "." * 100 + "a", "Dr." + "-" * 90 + ".", " " * 80 + "Gen."]
    for line in lines:
        for end in range(len(line) + 1):
            a = text_mod._WORD_BEFORE.search(line, 0, end)
            b = text_mod._word_before(line, end)
            assert (a and (a.span(), a.group(1))) == (b and (b.span(), b.group(1))), (line, end)


def _reachable(root: object, limit: int = 200_000) -> list[object]:
    """Every object reachable from root through gc referents (breadth first, bounded)."""
    seen = {id(root)}
    todo = [root]
    out = []
    while todo and len(out) < limit:
        x = todo.pop()
        out.append(x)
        for y in gc.get_referents(x):
            if id(y) not in seen and not isinstance(y, type):
                seen.add(id(y))
                todo.append(y)
    return out


def test_a_scan_keeps_no_tokens_once_read() -> None:
    """The scanner lets go of the sentences' tokens when an article is read (speed: they die
    young instead of being walked by the collector until compare returns); what it found
    is the same as reading names from the kept sentences."""
    text = (
        "At least 34 people were killed in Kabul on Monday, officials said. "
        "Ashraf Ghani said 12 more were hurt. Twenty-four houses burned in Herat. "
        "The talks in Geneva went on."
    )
    article = Article.create(text, title="Kabul blast kills 34", url="https://example.org/k")
    sc = _Scanner(article, 0, 2020)
    got = sc.run()
    assert got.mentions and got.names
    assert not any(isinstance(x, _Tok) for x in _reachable(got))
    # the names are what find_names reads from the sentences when they are kept
    again = _Scanner(article, 0, 2020)
    subject = "people"
    for si, sent in enumerate(got.sentences):
        subject = again._sentence(si, sent, subject)
    assert any(isinstance(t, _Tok) for s in again._sents for t in s.toks)
    assert find_names(again._sents) == got.names
    assert again.mentions == got.mentions


def test_compare_speed_counts_the_collections_of_each_generation() -> None:
    """bench/compare_speed.py --gc: the collections a call makes, per generation and call."""
    path = Path(__file__).resolve().parents[1] / "bench" / "compare_speed.py"
    spec = importlib.util.spec_from_file_location("compare_speed_for_test", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)

    def churn() -> None:
        gc.collect(0)
        gc.collect(1)

    got = mod.collections(churn, calls=4)
    assert got["gen0 collections"] >= 1.0 - 1e-9  # (an automatic one may come on top)
    assert got["gen1 collections"] >= 1.0 - 1e-9
    assert got["gen1 ms"] >= 0.0
    assert len([cb for cb in gc.callbacks if cb.__qualname__.endswith("note")]) == 0
