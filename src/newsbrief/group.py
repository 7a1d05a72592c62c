"""Event grouping: which articles are about the same news event, in batch and incrementally.

No number of events is given in advance. The method (see docs/grouping.md):

1. **Vectors.** Each article becomes a sparse tf-idf vector over lower-case words of its
   text and title (title words count :data:`TITLE_WEIGHT` times), plus an extra feature
   for every capitalized word and every number, the named-entity-like tokens
   (``E:name``, ``#number``). Term frequency is sublinear (1 + log tf); the idf part is the
   word's rarity in general English (:func:`newsbrief.text.background_weight` of its
   wordfreq Zipf value), not document frequencies of the input. So a vector depends on
   its article only: batch and incremental grouping see the same vectors, and the store
   keeps them. Features are hashed (MurmurHash3, 2**20 columns) and rows L2-normalized.
2. **Candidate pairs, time-aware.** Cosine similarities are computed as sparse products in
   blocks of date-sorted articles; only pairs at most ``Settings.group_window_days``
   apart are compared (an article without a date is compared with every article), and
   pairs below half the threshold are dropped. Work grows with the number of articles
   per window, not with the square of the input.
3. **Average-linkage agglomeration** on that sparse graph: the two groups with the highest
   mean pairwise similarity (pairs never compared count as 0, so groups far apart in
   time rarely merge) are merged while that mean is at least ``Settings.group_threshold``,
   except two groups of three or more articles whose mean cross similarity is below 0.8
   of the lower of their mean inner similarities (sibling events: each tight, alike, but
   less alike than each is inside), and groups whose days would span more than the
   window. The merging is :mod:`newsbrief.linkage`, one component of the graph at a time.
   Syndicated copies start in one group, so they always end in the same event: two
   articles are copies, as in :mod:`newsbrief.dedup`, when the Jaccard similarity of their
   word 5-shingle sets is at least ``Settings.duplicate_threshold``; the pairs checked
   are those the step above found with a cosine of at least 0.6 (copies are far above).

Incremental assignment (:func:`assign`) runs the same agglomeration with the existing
events as fixed starting groups that may absorb new articles but never merge with each
other, so adding articles never renames or splits an event.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import chain

import numpy as np
from scipy import sparse
from sklearn.preprocessing import normalize
from sklearn.utils import murmurhash3_32

from newsbrief import linkage
from newsbrief.dating import infer_day, lead_weekday
from newsbrief.dedup import article_shingles
from newsbrief.linkage import agglomerate_parts
from newsbrief.model import Article, Event
from newsbrief.settings import Settings
from newsbrief.text import STOPWORDS, background_weight, zipf
from newsbrief.unionfind import UnionFind

__all__ = [
    "N_FEATURES",
    "VECTORIZER_VERSION",
    "Grouping",
    "article_day",
    "assign",
    "event_key",
    "features",
    "group_articles",
    "make_event",
    "matrix_of",
    "rows_of",
    "similarity_edges",
    "streamed_edges",
    "title_shape",
    "vectorize",
]

#: number of hashed feature columns of an article vector
N_FEATURES = 2**20
#: changes whenever :func:`vectorize` would give different vectors (the store re-vectorizes)
VECTORIZER_VERSION = 2
#: how many times a title word counts, relative to a word of the text
TITLE_WEIGHT = 3
#: this many articles whose titles are one template (digits aside) are grouped by text only
TEMPLATE_MIN = 5
#: characters at the start of the text that are its lead, and how many times a lead token counts
LEAD_CHARS = 600
LEAD_WEIGHT = 2
#: characters of the text read (0: all)
BODY_CHARS = 0
#: how many times a named-entity-like feature (capitalized word, number) counts
ENTITY_WEIGHT = 1
#: idf weight of a number feature (numbers are rare in general English, but years recur)
NUMBER_WEIGHT = 2.0
#: pairs of articles at least this similar (cosine) are checked for being copies
_COPY_PROBE = 0.6

_SPACE = re.compile(r"\s")
_TOKEN = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?|\d(?:[\d,.]*\d)?")
#: caches, each cleared when it reaches this many entries
_CACHE_LIMIT = 2_000_000
_token_cache: dict[str, tuple[str, ...]] = {}
_columns: dict[str, int] = {}
_weights: dict[str, float] = {}


def _token_features(tok: str) -> tuple[str, ...]:
    """The features one token adds (see :func:`features`)."""
    if tok[0].isdigit():
        return ("#" + tok.replace(",", "").rstrip("."),) * ENTITY_WEIGHT
    low = tok.lower().replace("’", "'")
    if low.endswith("'s"):
        low = low[:-2]
    if not low or low in STOPWORDS:
        return ()
    if tok[0].isupper():
        return (low,) + ("E:" + low,) * ENTITY_WEIGHT
    return (low,)


def _part_features(text: str) -> Counter[str]:
    toks = _TOKEN.findall(text)
    cache = _token_cache
    missing = set(toks).difference(cache)
    if len(cache) + len(missing) > _CACHE_LIMIT:
        cache.clear()
        missing = set(toks)
    for tok in missing:
        cache[tok] = _token_features(tok)
    return Counter(chain.from_iterable(map(cache.__getitem__, toks)))


def _split_at(text: str, n: int) -> int:
    """The first whitespace at or after character ``n`` (so no word is cut), or the end."""
    if n >= len(text):
        return len(text)
    m = _SPACE.search(text, n)
    return m.start() if m else len(text)


def features(title: str, text: str) -> Counter[str]:
    """Counts of the features of an article: words, ``E:`` capitalized words, ``#`` numbers.

    Words are lower-cased, stopwords dropped; a title token counts :data:`TITLE_WEIGHT`
    times, a token of the lead (the first :data:`LEAD_CHARS` characters of the text)
    :data:`LEAD_WEIGHT` times, and text past :data:`BODY_CHARS` is not read (background
    paragraphs recap other events); a capitalized word or a number also adds
    :data:`ENTITY_WEIGHT` counts of its ``E:`` or ``#`` feature.
    """
    if BODY_CHARS:
        text = text[: _split_at(text, BODY_CHARS)]
    cut = _split_at(text, LEAD_CHARS) if LEAD_CHARS and LEAD_WEIGHT != 1 else 0
    counts = _part_features(text[cut:])
    if cut:
        for feat, n in _part_features(text[:cut]).items():
            counts[feat] += n * LEAD_WEIGHT
    if title:
        for feat, n in _part_features(title).items():
            counts[feat] += n * TITLE_WEIGHT
    return counts


def _weight(feature: str) -> float:
    """The idf part of a feature: background rarity of the word; a fixed weight for numbers."""
    if feature[0] == "#":
        return NUMBER_WEIGHT
    return background_weight(zipf(feature.removeprefix("E:")))


def vectorize(articles: Sequence[Article]) -> sparse.csr_matrix:
    """L2-normalized hashed tf-idf rows (float32) of the articles, one row per article."""
    feats: list[str] = []
    counts: list[int] = []
    indptr = [0]
    for a in articles:
        c = features(a.title, a.text)
        feats.extend(c)
        counts.extend(c.values())
        indptr.append(len(feats))
    missing = set(feats).difference(_columns)
    if len(_columns) + len(missing) > _CACHE_LIMIT:
        _columns.clear()
        _weights.clear()
        missing = set(feats)
    for f in missing:
        _columns[f] = murmurhash3_32(f, seed=0, positive=True) % N_FEATURES
        _weights[f] = _weight(f)
    n = len(feats)
    cols = np.fromiter(map(_columns.__getitem__, feats), dtype=np.int32, count=n)
    weights = np.fromiter(map(_weights.__getitem__, feats), dtype=np.float32, count=n)
    data = (1.0 + np.log(np.asarray(counts, dtype=np.float32))) * weights
    x = sparse.csr_matrix(
        (data, cols, np.asarray(indptr, dtype=np.int64)), shape=(len(articles), N_FEATURES)
    )
    x.sum_duplicates()  # two features hashed to one column add up
    return normalize(x, copy=False) if len(articles) else x


Row = tuple[np.ndarray, np.ndarray]
#: a function from articles to L2-normalized sparse rows, one per article
Vectorizer = Callable[[Sequence[Article]], sparse.csr_matrix]
#: scores candidate pairs: (articles, days, i, j, cosine) -> (pair weights, merge threshold)
PairWeight = Callable[
    [Sequence[Article], np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    tuple[np.ndarray, float],
]


def rows_of(x: sparse.csr_matrix) -> list[Row]:
    """Each row of a vector matrix as (column indices int32, values float32), for storing."""
    x = sparse.csr_matrix(x)
    return [
        (
            x.indices[x.indptr[i] : x.indptr[i + 1]].astype(np.int32),
            x.data[x.indptr[i] : x.indptr[i + 1]].astype(np.float32),
        )
        for i in range(x.shape[0])
    ]


def matrix_of(rows: Sequence[Row]) -> sparse.csr_matrix:
    """The vector matrix of rows made by :func:`rows_of`."""
    lengths = np.fromiter((len(r[0]) for r in rows), dtype=np.int64, count=len(rows))
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    if rows:
        indices = np.concatenate([r[0] for r in rows]).astype(np.int32)
        data = np.concatenate([r[1] for r in rows]).astype(np.float32)
    else:
        indices, data = np.zeros(0, np.int32), np.zeros(0, np.float32)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), N_FEATURES))


_NO_DATE = -1


def article_day(article: Article) -> int:
    """The day grouping places an article on: its date, else the one its URL or text names.

    A proleptic Gregorian ordinal, or -1 when neither says (see :mod:`newsbrief.dating`).
    """
    if article.published:
        return article.published.toordinal()
    return infer_day(article.title, article.text, article.url).day


_DIGITS = re.compile(r"\d+")


def title_shape(title: str) -> str:
    """A title as the template rule compares titles: digits masked, case folded ("" for none)."""
    return _DIGITS.sub("#", title.strip().lower())


def _untemplated(articles: Sequence[Article]) -> list[Article]:
    """The articles, with titles shared by :data:`TEMPLATE_MIN` or more of them left out.

    Titles are compared with digits masked ("Headline number 17" and "Headline number 18"
    are one template) and case ignored. A title that many pages share (a numbering
    template, a section or outlet name) says nothing about which event a page reports;
    kept, it would weigh like the most specific words a story has and join them all.
    """
    shape = [title_shape(a.title) for a in articles]
    counts = Counter(s for s in shape if s)
    if not counts or counts.most_common(1)[0][1] < TEMPLATE_MIN:
        return list(articles)
    return [
        replace(a, title="") if s and counts[s] >= TEMPLATE_MIN else a
        for a, s in zip(articles, shape, strict=True)
    ]


def _days(articles: Sequence[Article]) -> np.ndarray:
    return np.fromiter(map(article_day, articles), dtype=np.int64, count=len(articles))


class _Edges:
    """Pairs (i < j) and their similarities, gathered a block at a time."""

    def __init__(self) -> None:
        self.rows: list[np.ndarray] = []
        self.cols: list[np.ndarray] = []
        self.sims: list[np.ndarray] = []

    def keep(self, r: np.ndarray, c: np.ndarray, s: np.ndarray) -> None:
        self.rows.append(np.minimum(r, c))
        self.cols.append(np.maximum(r, c))
        self.sims.append(s.astype(np.float32))

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if not self.rows:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros(0, dtype=np.float32)
        return np.concatenate(self.rows), np.concatenate(self.cols), np.concatenate(self.sims)


def similarity_edges(
    x: sparse.csr_matrix, days: np.ndarray, window: int, min_sim: float, block: int = 512
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs (i < j) of rows with cosine at least ``min_sim`` that may share an event.

    Dated rows are compared only with rows at most ``window`` days away; a row whose
    day is negative (no date) is compared with every row. Returns (i, j, similarity).
    """
    return _windowed_edges(days, window, min_sim, lambda idx: x[idx], block)


def streamed_edges(
    articles: Sequence[Article],
    days: np.ndarray,
    window: int,
    min_sim: float,
    vectorizer: Vectorizer,
    block: int = 512,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`similarity_edges` of ``vectorizer(articles)``, vectorizing one window at a time.

    Dated articles are vectorized in date order, ``block`` at a time, and a block's vectors
    are dropped once no later block can reach it (more than ``window`` days before); the
    vectors of undated articles are kept throughout, as they meet every article. So memory
    holds the vectors of one window (plus the undated ones), not of the whole input. The
    pairs and their similarities are those of :func:`similarity_edges` (same products of
    the same rows); only their order differs.
    """
    return _windowed_edges(
        days, window, min_sim, lambda idx: vectorizer([articles[k] for k in idx.tolist()]), block
    )


def _windowed_edges(
    days: np.ndarray,
    window: int,
    min_sim: float,
    rows_for: Callable[[np.ndarray], sparse.csr_matrix],
    block: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs of :func:`similarity_edges`, asking ``rows_for(indices)`` for the vectors
    of a block of rows at a time, in date order, and holding only those one window reaches.
    """
    edges = _Edges()
    keep = edges.keep
    dated = np.flatnonzero(days >= 0)
    order = dated[np.argsort(days[dated], kind="stable")]
    sd = days[order]
    undated = np.flatnonzero(days < 0)
    xu = rows_for(undated) if len(undated) else None
    # an undated row meets every row: fewer of them a product keep the product small
    step = max(8, min(block, 2_000_000 // max(1, len(days))))
    if xu is not None:
        for start in range(0, len(undated), step):
            s = (xu[start : start + step] @ xu.T).tocoo()
            r = s.row.astype(np.int64) + start
            ok = (s.data >= min_sim) & (s.col > r)
            keep(undated[r[ok]], undated[s.col[ok]], s.data[ok])
    chunks: list[tuple[int, sparse.csr_matrix]] = []  # (first sorted position, vectors)
    have = 0

    def vectors(lo: int, hi: int) -> sparse.csr_matrix:
        parts = [
            m[max(0, lo - at) : hi - at] for at, m in chunks if at < hi and at + m.shape[0] > lo
        ]
        return parts[0] if len(parts) == 1 else sparse.vstack(parts, format="csr")

    for start in range(0, len(order), block):
        stop = min(start + block, len(order))
        hi = int(np.searchsorted(sd, sd[stop - 1] + window, side="right"))
        while have < hi:
            end = min(have + block, len(order))
            m = rows_for(order[have:end])
            if xu is not None:
                s = (xu @ m.T).tocoo()
                ok = s.data >= min_sim
                keep(undated[s.row[ok]], order[have + s.col[ok]], s.data[ok])
            chunks.append((have, m))
            have = end
        while chunks and chunks[0][0] + chunks[0][1].shape[0] <= start:
            chunks.pop(0)
        s = (vectors(start, stop) @ vectors(start, hi).T).tocoo()
        r = s.row.astype(np.int64) + start
        c = s.col.astype(np.int64) + start
        ok = (c > r) & (s.data >= min_sim) & (np.abs(sd[r] - sd[c]) <= window)
        keep(order[r[ok]], order[c[ok]], s.data[ok])
    return edges.arrays()


def _copies(cache: dict[int, np.ndarray], arts: Sequence[Article], i: int, j: int) -> float:
    """Jaccard similarity of the shingle sets of articles i and j (as in newsbrief.dedup)."""
    sets = []
    for k in (i, j):
        v = cache.get(k)
        if v is None:
            v = np.unique(np.fromiter(article_shingles(arts[k]), dtype=np.uint32))
            cache[k] = v
        sets.append(v)
    a, b = sets
    if not a.size or not b.size:
        return 0.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    return inter / (a.size + b.size - inter)


def event_key(article: Article, index: int = 0) -> tuple[bool, date, int]:
    """Reading order of an event's articles: dated ones by date, then undated; ties by index."""
    return (article.published is None, article.published or date.min, index)


def make_event(articles: Sequence[Article], event_id: str | None = None) -> Event:
    """An :class:`Event` of these articles (reading order: by date, then as given).

    Without ``event_id`` the id is a hash of the id of the earliest article (ties: the
    smallest id), which does not depend on the input order; the store keeps an event's
    id when later articles join.
    """
    ordered = [a for _, a in sorted(((event_key(a, k), a) for k, a in enumerate(articles)))]
    dates = [a.published for a in ordered if a.published]
    founder = min(ordered, key=lambda a: (a.published is None, a.published or date.min, a.id))
    return Event(
        id=event_id or _founded_by(founder.id),
        article_ids=tuple(a.id for a in ordered),
        first=min(dates) if dates else None,
        last=max(dates) if dates else None,
        size=len(ordered),
    )


def _founded_by(article_id: str) -> str:
    return hashlib.sha1(f"event\n{article_id}".encode()).hexdigest()[:12]


@dataclass
class Grouping:
    """Result of :func:`assign`: the events that were created or grew, and where each new article went."""

    events: list[Event]
    assignment: dict[str, str] = field(default_factory=dict)
    created: set[str] = field(default_factory=set)
    #: the vector of each new article (see :func:`rows_of`), for storing
    vectors: dict[str, Row] = field(default_factory=dict)


def assign(
    new: Sequence[Article],
    existing: Sequence[Event] = (),
    known: Mapping[str, Article] | None = None,
    settings: Settings | None = None,
    vectors: Mapping[str, Row] | None = None,
    vectorizer: Vectorizer | None = None,
    progress: Callable[[int, int], None] | None = None,
    pair_weight: PairWeight | None = None,
    keep_vectors: bool = True,
) -> Grouping:
    """Group new articles, joining them to existing events where they belong.

    ``existing`` are events already made (typically those near the new articles in
    time), ``known`` maps the id of each of their articles to the article, and
    ``vectors`` optionally gives the stored vectors (:func:`rows_of`) of known articles.
    Existing events keep their ids and members and never merge with each other; new
    articles that join none start new events. A new article whose id is already known
    is ignored. Returns the touched and created events with all their members.
    ``vectorizer`` replaces :func:`vectorize` (it must give each article the same row
    whatever else is vectorized with it, or stored vectors go stale). ``pair_weight``
    replaces the cosine of candidate pairs by another score and gives the mean score at
    which groups merge (bench/fit_pairs.py tries learned pair models this way; none is
    used by default). Without ``keep_vectors``
    the new articles' vectors are not returned; then, with no ``existing`` events and the
    default vectorizer, only one time window of them is held at a time
    (:func:`streamed_edges`).
    ``progress``, when given, is called as ``progress(done, total)`` after each of the
    :data:`ASSIGN_STEPS` steps (vectors, similar pairs, copies, merging, events).
    """
    settings = settings or Settings()
    step = _stepper(progress, ASSIGN_STEPS)
    known = known or {}
    seen = set(known)
    fresh: list[Article] = []
    for a in new:
        if a.id not in seen:
            seen.add(a.id)
            fresh.append(a)
    if not fresh:
        step(ASSIGN_STEPS)
        return Grouping(events=[])
    old: list[Article] = []
    old_event: list[int] = []
    for e, ev in enumerate(existing):
        for aid in ev.article_ids:
            old.append(known[aid])
            old_event.append(e)
    arts = fresh + old
    nf = len(fresh)
    # the default vectors depend on their article only, so they can be made window by window
    streamed = vectorizer is None and not old and not keep_vectors
    vectorizer = vectorizer or vectorize
    plain = _untemplated(arts)  # vectors and copies read these; events keep the articles
    threshold = settings.group_threshold
    days = _days(arts)
    window = settings.group_window_days
    x_new: sparse.csr_matrix | None = None
    if streamed:
        # a batch: vectors one window at a time (memory of one window, not of the input)
        r, c, s = streamed_edges(plain, days, window, threshold / 2, vectorizer)
    else:
        x_new = vectorizer(plain[:nf])
        if old:
            stored = vectors or {}
            missing = [p for a, p in zip(old, plain[nf:], strict=True) if a.id not in stored]
            computed = dict(zip((a.id for a in missing), rows_of(vectorizer(missing)), strict=True))
            x_old = matrix_of([stored[a.id] if a.id in stored else computed[a.id] for a in old])
            x = sparse.vstack([x_new, x_old], format="csr")
        else:
            x = x_new
        r, c, s = similarity_edges(x, days, window, threshold / 2)
    # one order of the pairs whichever way they were found, so sums (and so ties) agree
    o = np.lexsort((c, r))
    r, c, s = r[o], c[o], s[o]
    step()  # vectors
    step()  # similar pairs

    # starting groups: one per existing event, then syndicated copies among the articles
    sets = UnionFind(len(arts))
    find = sets.find
    shingled: dict[int, np.ndarray] = {}
    first_of_event: dict[int, int] = {}
    for k, e in enumerate(old_event):
        sets.join(first_of_event.setdefault(e, nf + k), nf + k)
    is_old = np.arange(len(arts)) >= nf
    # each starting group's first and last day (-1: none), as the agglomeration keeps them
    span = settings.group_window_days
    lo: dict[int, int] = {}
    hi: dict[int, int] = {}
    for k, d in enumerate(days.tolist()):
        if d >= 0:
            root = find(k)
            lo[root] = min(lo.get(root, d), d)
            hi[root] = max(hi.get(root, d), d)
    # syndicated copies: pairs (not both known) similar enough to be copies are checked
    # on their word 5-shingles, as newsbrief.dedup defines copies; a copy joins a group
    # only where the group's days stay within the window (an undated copy never bridges)
    probe = np.flatnonzero((s >= _COPY_PROBE) & ~(is_old[r] & is_old[c]))
    for k in probe[np.lexsort((c[probe], r[probe]))]:
        i, j = int(r[k]), int(c[k])
        if _copies(shingled, arts, i, j) < settings.duplicate_threshold:
            continue
        a, b = find(i), find(j)
        if a == b or (a >= nf and b >= nf):
            continue  # already together, or two existing events: those never merge
        if a in lo and b in lo and max(hi[a], hi[b]) - min(lo[a], lo[b]) > span:
            continue
        if a >= nf:
            keep, gone = a, b
        elif b >= nf:
            keep, gone = b, a
        else:
            keep, gone = min(a, b), max(a, b)
        sets.join(keep, gone)
        if gone in lo:
            lo[keep] = min(lo.get(keep, lo[gone]), lo[gone])
            hi[keep] = max(hi.get(keep, hi[gone]), hi[gone])
    shingled.clear()
    step()
    roots = sets.roots()
    group_ids = {g: k for k, g in enumerate(dict.fromkeys(roots))}
    g = np.array([group_ids[x] for x in roots], dtype=np.int64)
    sizes = np.bincount(g, minlength=len(group_ids)).tolist()
    frozen = [False] * len(group_ids)
    for k in range(nf, len(arts)):
        frozen[g[k]] = True
    if pair_weight is not None:
        weight, threshold = pair_weight(plain, days, r, c, s)
    else:
        weight = s.astype(np.float64)
    gi, gj = np.minimum(g[r], g[c]), np.maximum(g[r], g[c])
    off = gi != gj
    summed = sparse.coo_matrix(
        (weight[off], (gi[off], gj[off])), shape=(len(sizes), len(sizes))
    ).tocsr()
    summed.sum_duplicates()
    coo = summed.tocoo()
    # each starting group's sum of the pairs inside it (copies, an existing event)
    inner = np.bincount(gi[~off], weights=weight[~off], minlength=len(sizes)).tolist()
    # the weekday each undated article names first in its title or lead, per starting group
    weekdays = [0] * len(sizes)
    if linkage.WEEKDAYS:
        for k in np.flatnonzero(days < 0).tolist():
            weekdays[g[k]] |= lead_weekday(plain[k].title, plain[k].text)
    del summed, weight, gi, gj, off, r, c, s, probe  # the pairs are summed per group now
    ng = len(sizes)
    dated = days >= 0
    first = np.full(ng, np.iinfo(np.int64).max, dtype=np.int64)
    last = np.full(ng, -1, dtype=np.int64)
    np.minimum.at(first, g[dated], days[dated])
    np.maximum.at(last, g[dated], days[dated])
    first[last < 0] = -1
    group_edges = (coo.row, coo.col, coo.data)
    del coo
    root_of = agglomerate_parts(
        sizes,
        group_edges,
        threshold,
        frozen,
        first.tolist(),
        last.tolist(),
        settings.group_window_days,
        inner=inner,
        weekdays=weekdays,
    )
    step()

    members: dict[int, list[int]] = {}
    for k in range(len(arts)):
        members.setdefault(root_of[g[k]], []).append(k)
    kept = rows_of(x_new) if x_new is not None else []
    out = Grouping(events=[], vectors=dict(zip((a.id for a in fresh), kept, strict=False)))
    for idx in members.values():
        if min(idx) >= nf:
            continue  # an existing event that gained nothing
        olds = [k for k in idx if k >= nf]
        if olds:
            ev = existing[old_event[olds[0] - nf]]
            grown = [known[a] for a in ev.article_ids] + [arts[k] for k in idx if k < nf]
            event = make_event(grown, ev.id)
        else:
            event = make_event([arts[k] for k in idx])
            out.created.add(event.id)
        for k in idx:
            if k < nf:
                out.assignment[arts[k].id] = event.id
        out.events.append(event)
    step()
    return out


#: the steps :func:`assign` reports to its ``progress`` callback
ASSIGN_STEPS = 5


def _stepper(progress: Callable[[int, int], None] | None, total: int) -> Callable[..., None]:
    """A function that reports one more finished step of ``total`` to ``progress``."""
    done = 0
    if progress is not None:
        progress(0, total)

    def step(n: int = 1) -> None:
        nonlocal done
        done = min(total, done + n)
        if progress is not None:
            progress(done, total)

    return step


def group_articles(
    articles: Sequence[Article],
    settings: Settings | None = None,
    vectorizer: Vectorizer | None = None,
    pair_weight: PairWeight | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Event]:
    """Group articles into events (no number of events given); copies share an event.

    Events come in order of their first article in the input; an article given twice
    (same id) is grouped once. ``vectorizer`` replaces :func:`vectorize` (rows must be
    L2-normalized). ``progress`` is called as :func:`assign` calls it.
    """
    if not articles:
        return []
    found = assign(
        articles,
        settings=settings,
        vectorizer=vectorizer,
        pair_weight=pair_weight,
        keep_vectors=False,
        progress=progress,
    )
    first = {}
    for k, a in enumerate(articles):
        first.setdefault(a.id, k)
    return sorted(found.events, key=lambda e: min(first[a] for a in e.article_ids))
