"""Pair features of two articles, and a learned model that scores a pair as one event.

Used by bench/fit_pairs.py only: the model was tried against the cosine rules and did not
beat them held out (see docs/grouping.md), so the package does not ship it.

Grouping finds candidate pairs by the cosine of whole-article vectors
(:func:`newsbrief.group.similarity_edges`). Siblings (two resignations of one morning, two
meetings of one cartel) share most of their words, so that one cosine cannot tell them
apart; what differs is where words stand (title and lead report the news, later paragraphs
recap sibling events) and the specific names and numbers each story has. For each
candidate pair :func:`pair_features` measures those, and a logistic regression fitted on
labelled pairs (bench/fit_pairs.py: same event = 1, different events = 0) turns them into
the pair's probability of one event, which the agglomeration averages instead of the cosine
(through the ``pair_weight`` parameter of :func:`newsbrief.group.assign`).

Every feature depends on the two articles only (never on the rest of the input), so
batch and incremental grouping score a pair alike.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import numpy as np
from scipy import sparse
from sklearn.preprocessing import normalize
from sklearn.utils import murmurhash3_32

from newsbrief.model import Article
from newsbrief.text import STOPWORDS, background_weight, zipf

__all__ = ["FEATURES", "PairModel", "article_parts", "pair_features"]

#: names of the columns :func:`pair_features` gives, in order
FEATURES = (
    "cosine",
    "title_cosine",
    "lead_cosine",
    "body_cosine",
    "no_title",
    "gap_days",
    "undated",
    "shared_numbers",
    "number_overlap",
    "shared_names",
    "name_overlap",
    "head_name_overlap",
    "head_names_missing",
    "same_outlet",
    "main_name_agree",
    "main_names_overlap",
    "subject_in_other",
    "subject_missing",
)
#: how many of an article's most named specific names are its main names
MAIN_NAMES = 3
#: characters at the start of the text that are its lead
LEAD_CHARS = 600
#: characters of an untitled article's text where its first sentence is looked for
SUBJECT_CHARS = 300
#: a capitalized word at most this common in general English (Zipf) is a specific name
NAME_ZIPF = 4.5
_COLS = 2**18
_TOKEN = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?|\d(?:[\d,.]*\d)?")
_SPACE = re.compile(r"\s")
_YEAR = re.compile(r"(19|20)\d\d")


def _split_at(text: str, n: int) -> int:
    if n >= len(text):
        return len(text)
    m = _SPACE.search(text, n)
    return m.start() if m else len(text)


@lru_cache(maxsize=500_000)
def _word(tok: str) -> tuple[str, float, int]:
    """(feature, weight, kind) of a token: kind 0 word, 1 specific name, 2 specific number."""
    if tok[0].isdigit():
        num = tok.replace(",", "").rstrip(".")
        if len(num) < 2 or _YEAR.fullmatch(num):
            return "", 0.0, 0  # digits and years recur across unrelated stories
        return "#" + num, 2.0, 2
    low = tok.lower().replace("’", "'").removesuffix("'s")
    if not low or low in STOPWORDS:
        return "", 0.0, 0
    z = zipf(low)
    kind = 1 if tok[0].isupper() and z <= NAME_ZIPF else 0
    return low, background_weight(z), kind


def _col(feature: str) -> int:
    return murmurhash3_32(feature, seed=1, positive=True) % _COLS


@dataclass
class Parts:
    """Per-article rows: L2-normalized tf-idf of title, lead and body; names and numbers."""

    title: sparse.csr_matrix
    lead: sparse.csr_matrix
    body: sparse.csr_matrix
    #: binary rows: specific names of the whole article, of its title and lead, numbers
    names: sparse.csr_matrix
    head_names: sparse.csr_matrix
    numbers: sparse.csr_matrix
    outlets: list[str]
    #: the article's most named specific names (title x3, lead x2), most named first
    main: list[tuple[int, ...]]
    #: the article's subject: the first specific name of its title (no title: of its first
    #: sentence), -1 when it names none; its column in the name rows
    subject: list[int]


def _rows(items: list[dict[int, float]], binary: bool = False) -> sparse.csr_matrix:
    indptr = np.zeros(len(items) + 1, dtype=np.int64)
    np.cumsum([len(d) for d in items], out=indptr[1:])
    cols = np.fromiter((k for d in items for k in d), dtype=np.int32, count=int(indptr[-1]))
    vals = np.fromiter((v for d in items for v in d.values()), np.float32, int(indptr[-1]))
    if binary:
        vals[:] = 1.0
    x = sparse.csr_matrix((vals, cols, indptr), shape=(len(items), _COLS))
    return x if binary else normalize(x, copy=False)


def _outlet(a: Article) -> str:
    host = urlsplit(a.url).hostname or "" if a.url else ""
    return host.removeprefix("www.") or a.source or a.origin or a.id


def article_parts(articles: Sequence[Article]) -> Parts:
    """The :class:`Parts` of each article (row k is article k)."""
    title, lead, body, names, head, numbers = ([] for _ in range(6))
    main: list[tuple[int, ...]] = []
    subject: list[int] = []
    for a in articles:
        named: dict[int, float] = {}
        cut = _split_at(a.text, LEAD_CHARS)
        per_part = []
        nm: dict[int, float] = {}
        hn: dict[int, float] = {}
        nb: dict[int, float] = {}
        for k, text in enumerate((a.title, a.text[:cut], a.text[cut:])):
            tf: dict[int, float] = {}
            for tok in _TOKEN.findall(text):
                feat, w, kind = _word(tok)
                if not feat:
                    continue
                c = _col(feat)
                tf[c] = tf.get(c, 0.0) + 1.0
                if kind == 1:
                    named[c] = named.get(c, 0.0) + (3.0, 2.0, 1.0)[k]
                    nm[c] = 1.0
                    if k < 2:
                        hn[c] = 1.0
                elif kind == 2:
                    nb[c] = 1.0
            per_part.append({c: (1.0 + math.log(n)) for c, n in tf.items()})
        title.append(per_part[0])
        lead.append(per_part[1])
        body.append(per_part[2])
        names.append(nm)
        head.append(hn)
        numbers.append(nb)
        top = sorted(named.items(), key=lambda kv: -kv[1])  # stable: first named first
        main.append(tuple(k for k, _ in top[:MAIN_NAMES]))
        subject.append(_subject(a))
    return Parts(
        _rows(title), _rows(lead), _rows(body),
        _rows(names, True), _rows(head, True), _rows(numbers, True),
        [_outlet(a) for a in articles], main, subject,
    )  # fmt: skip


_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def _subject(a: Article) -> int:
    """The column of the first specific name of the title, else of the first sentence.

    A news title or first sentence names who or what the news is about first ("David
    Davis has resigned", "Esther McVey resigns as ..."); a recap of a sibling event comes
    later. -1 when none is named there.
    """
    head = a.title.strip()
    if not head:
        m = _SENTENCE_END.search(a.text, 0, SUBJECT_CHARS)
        head = a.text[: m.start() if m else SUBJECT_CHARS]
    # a person is named by two capitalized words in a row ("Dominic Raab", "Boris
    # Johnson"): the subject is the first specific name right after a capitalized word,
    # else the first specific name at all
    first = ""
    prev_end = -1
    for m in _TOKEN.finditer(head):
        tok = m.group()
        feat, _, kind = _word(tok)
        if kind == 1:
            if prev_end >= 0 and not head[prev_end : m.start()].strip():
                return _col(feat)
            first = first or feat
        prev_end = m.end() if tok[0].isupper() else -1
    return _col(first) if first else -1


def _dots(a: sparse.csr_matrix, b: sparse.csr_matrix, r: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Row-wise dot products a[r[k]] . b[c[k]], in chunks."""
    out = np.zeros(len(r), dtype=np.float64)
    step = 100_000
    for s in range(0, len(r), step):
        e = s + step
        out[s:e] = np.asarray(a[r[s:e]].multiply(b[c[s:e]]).sum(axis=1)).ravel()
    return out


def pair_features(
    parts: Parts, days: np.ndarray, r: np.ndarray, c: np.ndarray, cosine: np.ndarray
) -> np.ndarray:
    """The :data:`FEATURES` of pairs (r[k], c[k]) as a float matrix, one row per pair.

    ``days`` are the articles' days (negative: unknown), ``cosine`` the pairs' similarity
    of whole-article vectors.
    """
    n = len(r)
    f = np.zeros((n, len(FEATURES)), dtype=np.float64)
    if not n:
        return f
    f[:, 0] = cosine
    f[:, 1] = _dots(parts.title, parts.title, r, c)
    f[:, 2] = _dots(parts.lead, parts.lead, r, c)
    f[:, 3] = _dots(parts.body, parts.body, r, c)
    has_title = np.asarray(parts.title.getnnz(axis=1) > 0)
    f[:, 4] = ~(has_title[r] & has_title[c])
    dated = (days[r] >= 0) & (days[c] >= 0)
    f[:, 5] = np.where(dated, np.log1p(np.abs(days[r] - days[c])), 0.0)
    f[:, 6] = ~dated
    nn = np.asarray(parts.numbers.getnnz(axis=1), dtype=np.float64)
    shared = _dots(parts.numbers, parts.numbers, r, c)
    f[:, 7] = np.log1p(shared)
    f[:, 8] = shared / np.maximum(1.0, np.minimum(nn[r], nn[c]))
    nm = np.asarray(parts.names.getnnz(axis=1), dtype=np.float64)
    shared = _dots(parts.names, parts.names, r, c)
    f[:, 9] = np.log1p(shared)
    f[:, 10] = shared / np.maximum(1.0, np.minimum(nm[r], nm[c]))
    hn = np.asarray(parts.head_names.getnnz(axis=1), dtype=np.float64)
    shared = _dots(parts.head_names, parts.head_names, r, c)
    f[:, 11] = shared / np.maximum(1.0, np.minimum(hn[r], hn[c]))
    # names the title and lead of one article give that the other article never names
    miss_rc = hn[r] - _dots(parts.head_names, parts.names, r, c)
    miss_cr = hn[c] - _dots(parts.head_names, parts.names, c, r)
    f[:, 12] = np.log1p(np.maximum(miss_rc, miss_cr))
    out = parts.outlets
    main = parts.main
    for k, (i, j) in enumerate(zip(r.tolist(), c.tolist(), strict=True)):
        f[k, 13] = out[i] == out[j]
        a, b = main[i], main[j]
        if a and b:
            # each article's main name among the other's main names (0, 1 or 2 ways)
            f[k, 14] = (a[0] in b) + (b[0] in a)
            f[k, 15] = len(set(a) & set(b)) / min(len(a), len(b))
        else:
            f[k, 14] = 1.0
            f[k, 15] = 0.5
    # each article's subject among the other's title-and-lead names (0, 1 or 2 ways), and
    # among all its names: a subject the other article never names is a different story
    hd = [
        set(parts.head_names.indices[a:b].tolist())
        for a, b in zip(parts.head_names.indptr[:-1], parts.head_names.indptr[1:], strict=True)
    ]
    nm_ = [set(parts.names.indices[a:b].tolist()) for a, b in
           zip(parts.names.indptr[:-1], parts.names.indptr[1:], strict=True)]  # fmt: skip
    for k, (i, j) in enumerate(zip(r.tolist(), c.tolist(), strict=True)):
        si, sj = parts.subject[i], parts.subject[j]
        if si < 0 or sj < 0:
            f[k, 16] = 1.0
            continue
        f[k, 16] = (si in hd[j]) + (sj in hd[i])
        f[k, 17] = (si not in nm_[j]) + (sj not in nm_[i])
    return f


@dataclass(frozen=True)
class PairModel:
    """A logistic regression over standardized :data:`FEATURES` (see bench/fit_pairs.py)."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    #: mean pair probability above which two groups merge
    threshold: float

    def probability(self, feats: np.ndarray) -> np.ndarray:
        z = ((feats - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))
