"""Stop 27's speed shortcuts in the fact scanner and the report change no result: each is
checked here against the plain code it replaces (written out below), on token sequences
and sentences written near the edges of the rules (the dev and train events are checked
as a whole by bench/facts_regress.py)."""

from __future__ import annotations

import random
import re

from newsbrief.compare import context, report
from newsbrief.compare.lexicon import _HEDGE_SKIP, _HEDGES_BY_LAST
from newsbrief.compare.numbers import _tokenize
from newsbrief.compare.scanner import _scan
from newsbrief.model import Article


def _word(toks: list, k: int) -> str:
    return toks[k].w if 0 <= k < len(toks) else ""


def _hedge_plain(toks: list, i0: int) -> tuple[str, int]:
    """context._hedge as it was: each phrase's words tested one by one."""
    before = toks[i0 - 1].w if 0 < i0 <= len(toks) else ""
    if before not in _HEDGE_SKIP and before not in _HEDGES_BY_LAST:
        return "=", i0
    found: list[str] = []
    k = start = i0
    while True:
        j = k
        while j > 0 and _word(toks, j - 1) in _HEDGE_SKIP:
            if _word(toks, j - 1) == "a" and _word(toks, j) != "further":
                break
            j -= 1
        hit = None
        for phrase, rel in _HEDGES_BY_LAST.get(_word(toks, j - 1), ()):
            size = len(phrase)
            if j >= size and all(_word(toks, j - size + q) == phrase[q] for q in range(size)):
                hit = (size, rel)
                break
        if hit is None:
            break
        found.append(hit[1])
        k = start = j - hit[0]
    if not found:
        return "=", i0
    return (found[0] if len(set(found)) == 1 else "~"), start


def _post_hedge_plain(toks: list, k: int) -> tuple[str, int]:
    """context._post_hedge as it was: no test of the token after the number first."""
    w1, w2 = _word(toks, k), _word(toks, k + 1)
    if w1 == "or" and w2 in ("more", "over", "above"):
        return ">=", k + 2
    if w1 == "or" and w2 == "so":
        return "~", k + 2
    if k < len(toks) and toks[k].text == "+" and not toks[k].space:
        return ">=", k + 1
    if k < len(toks) and toks[k].text == "-" and not toks[k].space:
        if w2 == "plus":
            return ">=", k + 2
        if w2 == "odd":
            return "~>", k + 2
    return "", k


#: words of the hedges, their parts and their neighbours, drawn at random below
_WORDS = (
    "at least no fewer than less not a minimum of more over upwards upward in excess above "
    "up to as many at most maximum much under below well about around some an estimated "
    "close the region near nearly almost just shy little slightly quite bit another further "
    "additional extra all only Or OR or so plus odd + - 12 seven people said"
).split()


def _sentences(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        words = [rng.choice(_WORDS) for _ in range(rng.randint(1, 9))]
        out.append(" ".join(words) + rng.choice(["", " 40", " 40 or more", " 40-plus"]))
    return out


def test_hedges_equal_the_plain_loops() -> None:
    """_hedge compares each phrase with one tuple of the words before; _post_hedge returns
    at once where the token after the number opens no hedge ("or", "+", "-"): both give
    what the plain code gives, at every token of 3,000 random sentences of hedge words."""
    checked = 0
    for text in _sentences(3000, 27) + ["at least 5", "In The Region Of 40", "Or more 7"]:
        toks = _tokenize(text, [])
        for i in range(-1, len(toks) + 2):
            assert context._post_hedge(toks, i) == _post_hedge_plain(toks, i), (text, i)
            if 0 <= i <= len(toks) + 1:
                assert context._hedge(toks, i) == _hedge_plain(toks, i), (text, i)
                checked += context._hedge(toks, i)[0] != "="
    assert checked > 1000  # many of the sequences hold a hedge


def test_name_key_cache_equals_the_patterns() -> None:
    """_name_key remembers each name's key: the same key as the two substitutions give,
    asked once or again."""
    names = ["Bashar al-Assad", "Bashar Assad", "Abdel Fattah el-Sisi", "Jean-Luc  Picard"]
    names += ["AL-QAEDA", "Mohammed ar-Rashid", "Kim Il‐Sung", " Ana\tde  Souza ", "Alas-Kan"]
    for name in names * 2:
        plain = re.sub(r"\b(?:al|el|ad|as|ar)-", "", name.lower())
        assert report._name_key(name) == re.sub(r"[\s\-‐]+", " ", plain).strip(), name


def _facts(text: str) -> list[tuple[str, str, str]]:
    scan = _scan(Article(id="a", title="", text=text, source="s"), 0, 2024)
    return [(m.kind, m.measure, m.written) for m in scan.mentions]


def test_richter_and_among_read_from_the_next_tokens() -> None:
    """The Richter scale within four tokens after the number makes it a magnitude; "among"
    within three after a count's noun makes the count a part of the toll."""
    assert _facts("The quake measured 5.9 on the Richter scale.")[0][0] == "magnitude"
    assert _facts("The quake, 5.9 on the scale of the Richter type, hit.") == []
    part = _scan(
        Article(id="a", title="", text="Four civilians were among those killed.", source="s"),
        0,
        2024,
    ).mentions
    whole = _scan(
        Article(id="a", title="", text="Four civilians were killed.", source="s"), 0, 2024
    ).mentions
    assert part and whole and part[0].partial and not whole[0].partial
