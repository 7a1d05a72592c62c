"""Duplicates: syndicated copies of an article and sentences repeated across articles.

Two articles are copies when the Jaccard similarity of their word 5-shingle sets is
at least ``Settings.duplicate_threshold``. Candidates come from MinHash LSH
(datasketch), so the work grows about linearly with the number of articles; every
candidate pair is then checked on the exact shingle sets, so LSH never merges two
articles that are not copies. Only articles with a copy at the threshold (found exactly
by prefix filtering, :func:`may_copy`) can merge, so only those are given a signature.
A copy is kept as a source: :func:`find_duplicates`
only says which article each copy repeats.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsbrief.model import Article
from newsbrief.settings import Settings
from newsbrief.text import shingles, tokens
from newsbrief.unionfind import UnionFind


def _identity(x: int) -> int:
    return x


_PERMUTATIONS: dict[int, object] = {}


def signature(shingle_set: set[int], num_perm: int) -> MinHash:
    """MinHash signature of a set of 32-bit shingle hashes (seed 1, the same everywhere)."""
    perms = _PERMUTATIONS.get(num_perm)
    if perms is None:
        perms = MinHash(num_perm=num_perm, seed=1, hashfunc=_identity).permutations
        _PERMUTATIONS[num_perm] = perms
    m = MinHash(
        num_perm=num_perm, seed=1, hashfunc=_identity, permutations=perms, scheme="affine32"
    )
    if shingle_set:
        m.update_batch(np.fromiter(shingle_set, dtype=np.uint64, count=len(shingle_set)))
    return m


def jaccard(a: set[int], b: set[int]) -> float:
    """Exact Jaccard similarity of two sets (0 for two empty sets)."""
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def article_shingles(article: Article) -> set[int]:
    """The shingle set used to compare articles: word 5-grams of the text."""
    return shingles(tokens(article.text), 5)


@lru_cache(maxsize=32)
def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) of the MinHash LSH used for copies at this threshold.

    LSH finds candidate pairs above a slightly lower threshold (exact Jaccard then
    decides); datasketch's search for the best banding is computed once per setting.
    """
    lsh = MinHashLSH(threshold=max(0.05, threshold - 0.15), num_perm=num_perm)
    return lsh.b, lsh.r


def may_copy(sets: Sequence[set[int]], threshold: float) -> list[int]:
    """Indices (ascending) of the sets with another at Jaccard ``threshold`` or more.

    Only these can be merged by :func:`find_duplicates` (it checks every LSH candidate
    on the exact sets), so only these need a MinHash signature (speed: most clusters
    hold no copy). Found by prefix filtering: when J(A, B) >= t > 0, A and B share at
    least ceil(t * |A|) elements, so in any fixed order of the elements (here by value)
    the first |A| - ceil(t * |A|) + 1 of A and those of B share one; every pair sharing
    one is checked exactly. All indices when ``threshold`` is 0 (then every LSH
    candidate merges, even two sets with nothing in common).
    """
    if threshold <= 0:
        return list(range(len(sets)))
    owner: dict[int, int] = {}  # element -> the first set holding it in its prefix
    more: dict[int, list[int]] = {}  # element -> the later sets holding it in theirs
    found: set[int] = set()
    for i, s in enumerate(sets):
        if not s:
            continue  # an empty set has Jaccard 0 with every set
        prefix = _prefix(s, threshold)
        # the elements an earlier prefix holds (speed: one set operation in C; most
        # prefixes share none, and their elements are recorded in one more)
        common = owner.keys() & prefix
        if not common:
            owner.update(dict.fromkeys(prefix, i))
            continue
        seen: set[int] = set()
        for v in common:
            seen.add(owner[v])
            later = more.get(v)
            if later is None:
                more[v] = [i]
            else:
                seen.update(later)
                later.append(i)
        for v in prefix:
            if v not in common:
                owner[v] = i
        for j in seen:
            if j not in found or i not in found:
                if jaccard(s, sets[j]) >= threshold:
                    found.update((i, j))
    return sorted(found)


def _prefix(s: set[int], threshold: float) -> list[int]:
    """The ``len(s) - floor(threshold * len(s)) + 1`` smallest elements of ``s`` (any
    order; all of them where that is ``len(s)`` or more)."""
    # floor, not ceil: a prefix one longer where t * |A| is whole (or just off it)
    n = len(s)
    m = n - math.floor(threshold * n) + 1
    if m >= n:
        return list(s)
    # speed: a partial sort in numpy, not sorted(s) (shingles are 32-bit hashes)
    try:
        values = np.fromiter(s, dtype=np.int64, count=n)
    except OverflowError:  # an element past 64 bits
        return sorted(s)[:m]
    return np.partition(values, m - 1)[:m].tolist()


def find_duplicates(
    articles: Sequence[Article],
    settings: Settings | None = None,
    words: Sequence[list[str]] | None = None,
) -> dict[str, str]:
    """Map the id of each copy to the id of the article it copies (the earliest in input order).

    Articles that appear with the same id more than once are exact copies of one
    article and are mapped by the caller; here every distinct id is compared.
    ``words``, where given, are ``tokens(a.text)`` of each article, worked out already
    (speed).
    """
    settings = settings or Settings()
    threshold = settings.duplicate_threshold
    uniq: list[Article] = []
    uniq_words: list[list[str]] = []
    seen: set[str] = set()
    for k, a in enumerate(articles):
        if a.id not in seen:
            seen.add(a.id)
            uniq.append(a)
            if words is not None:
                uniq_words.append(words[k])
    if len(uniq) < 2:
        return {}
    if words is None:
        sets = [article_shingles(a) for a in uniq]
    else:
        sets = [shingles(w, 5) for w in uniq_words]
    maybe = may_copy(sets, threshold)
    if not maybe:
        return {}
    num_perm = settings.minhash_permutations
    lsh = MinHashLSH(num_perm=num_perm, params=lsh_bands(threshold, num_perm))
    copies = UnionFind(len(uniq))
    for i in maybe:
        s = sets[i]
        sig = signature(s, num_perm)
        for key in lsh.query(sig):
            j = int(key)
            if jaccard(s, sets[j]) >= threshold:
                ri, rj = copies.find(i), copies.find(j)
                copies.join(min(ri, rj), max(ri, rj))  # the earliest copy stays
        lsh.insert(str(i), sig)
    out: dict[str, str] = {}
    for i, a in enumerate(uniq):
        r = copies.find(i)
        if r != i:
            out[a.id] = uniq[r].id
    return out


def sentence_key(text: str) -> str:
    """Normalized form of a sentence: equal keys mean the same sentence, however punctuated."""
    return " ".join(tokens(text))
