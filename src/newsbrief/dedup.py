"""Duplicates: syndicated copies of an article and sentences repeated across articles.

Two articles are copies when the Jaccard similarity of their word 5-shingle sets is
at least ``Settings.duplicate_threshold``. Candidates come from MinHash LSH
(datasketch), so the work grows about linearly with the number of articles; every
candidate pair is then checked on the exact shingle sets, so LSH never merges two
articles that are not copies. Only articles with a copy at the threshold (found exactly
by prefix filtering, :func:`may_copy`) can merge, so only those are given a signature.
A copy is kept as a source: :func:`find_duplicates`
only says which article each copy repeats. Given the articles' tokens, it hashes the
shingles of all of them together (:func:`shingle_sets`, the same hashes as
:func:`newsbrief.text.shingles`).
"""

from __future__ import annotations

import itertools
import math
import threading
import zlib
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsbrief.model import Article
from newsbrief.settings import Settings
from newsbrief.text import shingles, tokens


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


# ---------------------------------------------------------------- batched shingles
#
# :func:`shingle_sets` gives each token list's :func:`newsbrief.text.shingles` (the CRC-32
# of every k-gram joined by spaces) without joining and hashing each k-gram in turn: CRC-32
# is affine over GF(2), so the CRC register after "w1 w2 ... wk" follows from the register
# after "w1", each next " wj" folded in as "the register run over len(" wj") zero bytes, xor
# the register " wj" alone leaves from 0". The first is a linear map of the register (four
# tables of 256 entries per length, one per byte of the register); the second is worked
# out once per distinct token. So the k-grams of all the lists are hashed together in numpy.

_MASK = 0xFFFFFFFF
#: the reflected CRC-32 table (zlib's polynomial 0xEDB88320): one byte fed to the register
_CRC_TABLE = np.zeros(256, dtype=np.uint32)
for _b in range(256):
    _c = _b
    for _ in range(8):
        _c = (_c >> 1) ^ 0xEDB88320 if _c & 1 else _c >> 1
    _CRC_TABLE[_b] = _c
del _b, _c
#: ``[n, j, b]``: the register ``b << 8 * j`` after n zero bytes, for n up to a bound that
#: grows as longer tokens are met (at most :data:`_LONGEST_TOKEN` bytes and a space)
_zero_runs = np.zeros((1, 4, 256), dtype=np.uint32)
_zero_runs[0] = np.arange(256, dtype=np.uint32)[None, :] << (
    np.arange(4, dtype=np.uint32)[:, None] * 8
)
#: longer tokens (rare) are hashed k-gram by k-gram, as :func:`newsbrief.text.shingles` does
_LONGEST_TOKEN = 255
#: per distinct token: its index, and (by index) the register " token" leaves from 0, the
#: register "token" leaves from the CRC's start (all ones), and its length in bytes + 1
_token_index: dict[str, int] = {}
_after_space = np.zeros(0, dtype=np.uint32)
_as_first = np.zeros(0, dtype=np.uint32)
_spaced_bytes = np.zeros(0, dtype=np.int64)
#: the most tokens the tables take (past it, lists with a token not there are hashed
#: k-gram by k-gram): the bound of the stem and Zipf caches of newsbrief.text
_MOST_TOKENS = 500_000
_tables_lock = threading.Lock()


def _zero_run_tables(longest: int) -> np.ndarray:
    """:data:`_zero_runs` for runs of up to ``longest`` zero bytes (extended when asked)."""
    global _zero_runs
    have = len(_zero_runs) - 1
    if longest <= have:
        return _zero_runs
    with _tables_lock:
        have = len(_zero_runs) - 1  # another thread may have grown them meanwhile
        if longest > have:
            more = np.empty((longest - have, 4, 256), dtype=np.uint32)
            reg = _zero_runs[have]
            for n in range(longest - have):
                reg = (reg >> np.uint32(8)) ^ _CRC_TABLE[reg & np.uint32(0xFF)]
                more[n] = reg
            _zero_runs = np.concatenate([_zero_runs, more])
        return _zero_runs


def _token_ids(words: list[str]) -> np.ndarray | None:
    """The index of each token in the per-token tables, adding the tokens not seen yet;
    None once the tables hold :data:`_MOST_TOKENS` tokens and some are not there."""
    global _after_space, _as_first, _spaced_bytes
    try:
        return np.fromiter(map(_token_index.__getitem__, words), dtype=np.int64, count=len(words))
    except KeyError:
        pass
    with _tables_lock:  # one writer; a reader only meets indices its tables hold
        new = [w for w in dict.fromkeys(words) if w not in _token_index]
        if len(_token_index) + len(new) > _MOST_TOKENS:
            return None
        encoded = [w.encode() for w in new]
        spaced = [zlib.crc32(b" " + b, _MASK) ^ _MASK for b in encoded]
        first = [zlib.crc32(b) ^ _MASK for b in encoded]
        # the tables grow first, then the index names the new rows (the old rows stay)
        _after_space = np.concatenate([_after_space, np.array(spaced, dtype=np.uint32)])
        _as_first = np.concatenate([_as_first, np.array(first, dtype=np.uint32)])
        _spaced_bytes = np.concatenate(
            [_spaced_bytes, np.array([len(b) + 1 for b in encoded], dtype=np.int64)]
        )
        _token_index.update(zip(new, itertools.count(len(_token_index))))
    return np.fromiter(map(_token_index.__getitem__, words), dtype=np.int64, count=len(words))


def shingle_sets(word_lists: Sequence[list[str]], k: int = 5) -> list[set[int]]:
    """``[shingles(words, k) for words in word_lists]``, the k-grams of all the lists hashed
    together (see the comment above; speed: no string and no call per k-gram)."""
    flat = [w for words in word_lists for w in words]
    ids = _token_ids(flat) if flat and k >= 1 else None
    lengths = _spaced_bytes[ids] if ids is not None else None
    if lengths is None or int(lengths.max()) > _LONGEST_TOKEN + 1:
        return [shingles(words, k) for words in word_lists]
    zero = _zero_run_tables(int(lengths.max())).reshape(-1)
    after_space = _after_space[ids]
    n = len(flat) - k + 1  # k-grams of the joined lists, some across two of them
    hashes: list[int] = []
    if n > 0:
        reg = _as_first[ids[:n]]
        for d in range(1, k):
            row = lengths[d : d + n] * 1024  # the tables of runs of this many zero bytes
            reg = (
                zero[row + (reg & 0xFF)]
                ^ zero[row + 256 + ((reg >> 8) & 0xFF)]
                ^ zero[row + 512 + ((reg >> 16) & 0xFF)]
                ^ zero[row + 768 + (reg >> 24)]
                ^ after_space[d : d + n]
            )
        hashes = (reg ^ np.uint32(_MASK)).tolist()
    out: list[set[int]] = []
    start = 0
    for words in word_lists:
        m = len(words)
        # a list of k tokens or fewer is one shingle, or none (text.shingles)
        out.append(set(hashes[start : start + m - k + 1]) if m > k else shingles(words, k))
        start += m
    return out


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
        sets = shingle_sets(uniq_words, 5)
    maybe = may_copy(sets, threshold)
    if not maybe:
        return {}
    num_perm = settings.minhash_permutations
    lsh = MinHashLSH(num_perm=num_perm, params=lsh_bands(threshold, num_perm))
    parent = list(range(len(uniq)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in maybe:
        s = sets[i]
        sig = signature(s, num_perm)
        for key in lsh.query(sig):
            j = int(key)
            if jaccard(s, sets[j]) >= threshold:
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
        lsh.insert(str(i), sig)
    out: dict[str, str] = {}
    for i, a in enumerate(uniq):
        r = find(i)
        if r != i:
            out[a.id] = uniq[r].id
    return out


def sentence_key(text: str) -> str:
    """Normalized form of a sentence: equal keys mean the same sentence, however punctuated."""
    return " ".join(tokens(text))
