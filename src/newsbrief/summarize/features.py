"""The prepared cluster: sentences, their tf-idf vectors and similarities, computed once.

Every extractor (the default, the baselines, the oracle) selects sentences from the
same :class:`Cluster`, so they all see the same sentence splits and the same budget.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter, itemgetter

import numpy as np
from scipy import sparse

from newsbrief.compress import compress, shorter
from newsbrief.dedup import find_duplicates
from newsbrief.model import Article, Sentence
from newsbrief.settings import Settings
from newsbrief.summarize.readable import faults, tidy
from newsbrief.text import (
    _zipf_of,
    background_weight,
    content_pairs,
    content_terms,
    split_sentences,
    tokens,
    word_count,
    zipf,
)


@dataclass
class Cluster:
    """The articles of one event, split and vectorized.

    ``sentences`` holds each distinct sentence once (the first occurrence);
    ``holders[i]`` are the indices of all articles containing sentence i verbatim.
    ``vectors`` are L2-normalized rows over stemmed content words, each term weighted
    by its background rarity in English (:func:`newsbrief.text.background_weight`).
    """

    articles: list[Article]
    duplicates: dict[str, str]
    sentences: list[Sentence]
    article_of: np.ndarray  # article index of each sentence
    holders: list[tuple[int, ...]]
    words: np.ndarray  # word count of each sentence
    complete: np.ndarray  # whether each sentence ends like a sentence (., !, ?)
    vectors: sparse.csr_matrix
    vocabulary: dict[str, int]
    weights: np.ndarray  # background weight of every vocabulary term
    settings: Settings

    @property
    def size(self) -> int:
        return len(self.sentences)

    @cached_property
    def terms(self) -> list[list[str]]:
        """The content terms of each sentence (:func:`newsbrief.text.content_terms`), the
        columns of its row of :attr:`vectors`; worked out when asked (speed: prepare
        makes the rows without keeping a list per sentence)."""
        return [content_terms(s.text) for s in self.sentences]

    @cached_property
    def _faults(self) -> dict[str, list[str]]:
        return {}

    @cached_property
    def _variants(self) -> dict[tuple[int, str], list[tuple[str, int, np.ndarray]]]:
        return {}

    def variants(self, i: int, text: str) -> list[tuple[str, int, np.ndarray]]:
        """``text`` (sentence i as shown) and its shorter variants by deletion
        (:func:`newsbrief.compress.shorter`), each with its word count and the
        vocabulary indices of its terms; worked out once per cluster."""
        key = (i, text)
        got = self._variants.get(key)
        if got is None:
            got = []
            for t in [text, *shorter(text, self.settings.min_sentence_words)]:
                ids = {self.vocabulary.get(w) for w in content_terms(t)} - {None}
                got.append((t, word_count(t), np.fromiter(ids, dtype=np.int64, count=len(ids))))
            self._variants[key] = got
        return got

    @cached_property
    def headlines(self) -> dict[object, tuple[object, object, object]]:
        """Headlines extractors found for this cluster, by extractor (see Newsbrief.headline),
        and what else an extractor works out once per cluster (Newsbrief.feature_rows)."""
        return {}

    def faults(self, text: str) -> list[str]:
        """:func:`readable.faults` of ``text``, worked out once per cluster (a copy)."""
        got = self._faults.get(text)
        if got is None:
            got = self._faults[text] = faults(text)
        return list(got)

    @cached_property
    def group_of(self) -> np.ndarray:
        """Outlet group of each article: copies share the group of the article they copy."""
        index = {a.id: i for i, a in enumerate(self.articles)}
        return np.array(
            [index[self.duplicates.get(a.id, a.id)] for a in self.articles], dtype=np.int64
        )

    @cached_property
    def similarity(self) -> np.ndarray:
        """Cosine similarity of every pair of sentences (dense, float32)."""
        s = (self.vectors @ self.vectors.T).toarray().astype(np.float32)
        return s

    @cached_property
    def short(self) -> list[str]:
        """Each sentence compressed (:func:`newsbrief.compress.compress`); most are unchanged."""
        n = self.settings.min_sentence_words
        return [tidy(compress(s.text, n)) for s in self.sentences]

    @cached_property
    def short_words(self) -> np.ndarray:
        """Word count of each compressed sentence."""
        # a sentence compression left alone (most) has the count :attr:`words` holds (speed)
        return np.array(
            [
                n if t == s.text else word_count(t)
                for t, s, n in zip(self.short, self.sentences, self.words.tolist(), strict=True)
            ],
            dtype=np.int64,
        )

    @cached_property
    def dangling(self) -> np.ndarray:
        """Whether each sentence opens with a word pointing back
        (:func:`newsbrief.summarize.default.needs_context`); asked by the gains and the
        headline scorer."""
        from newsbrief.summarize.default import needs_context

        return np.array([needs_context(s.text) for s in self.sentences], dtype=bool)

    @cached_property
    def _clause_rows(self) -> tuple[np.ndarray, sparse.csr_matrix]:
        """The sentences whose main clause stands for them (ascending), and the clause
        vectors of these alone: every other sentence's clause vector is its own vector."""
        used: list[int] = []
        rows: list[int] = []
        cols: list[int] = []
        for i, s in enumerate(self.sentences):
            clause = main_clause(s.text)
            if clause == s.text:
                continue
            terms = [st for _, st in _content_pairs(tokens(clause))]  # content_terms(clause)
            if len(set(terms)) < 5:
                continue
            rows += [len(used)] * len(terms)
            cols += map(self.vocabulary.__getitem__, terms)
            used.append(i)
        vectors = _weighted_rows(rows, cols, len(used), self.weights)
        return np.array(used, dtype=np.int64), vectors

    @cached_property
    def main_clause_vectors(self) -> sparse.csr_matrix:
        """Normalized vectors of each sentence's main clause (see :func:`main_clause`).

        A sentence whose main clause has fewer than five content terms gets its full
        vector, so a short clause never stands for the sentence.
        """
        # the rows of :attr:`vectors`, the clause rows put in place (speed: the same
        # matrix as building every row from its terms, each row being worked out alone)
        used, clauses = self._clause_rows
        full = self.vectors
        if not len(used):
            return full.copy()
        # each row's entries gathered at once from the full rows followed by the clause
        # rows (speed: no slice per row; the same arrays as concatenating the rows' slices)
        starts = full.indptr[:-1].astype(np.int64)
        starts[used] = clauses.indptr[:-1] + len(full.data)
        lengths = np.diff(full.indptr).astype(np.int64)
        lengths[used] = np.diff(clauses.indptr)
        indptr = np.zeros(self.size + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        take = np.arange(indptr[-1], dtype=np.int64) + np.repeat(starts - indptr[:-1], lengths)
        data = np.concatenate([full.data, clauses.data])[take]
        indices = np.concatenate([full.indices, clauses.indices])[take]
        return sparse.csr_matrix(
            (data, indices.astype(full.indices.dtype), indptr.astype(full.indptr.dtype)),
            shape=full.shape,
        )

    @cached_property
    def support_similarity(self) -> np.ndarray:
        """Similarity used for citing: the higher of the sentences' and their main clauses'.

        "The army said it retook Aleppo on Thursday after the last rebels left, handing
        Assad his biggest victory" and "The army said it has retaken full control of
        Aleppo, marking a turning point" state the same main claim, though the full
        sentences differ in their trailing clauses.
        """
        # Two sentences whose clause vectors are their own vectors have the same clause
        # similarity as sentence similarity (the same products, summed in the same order),
        # and the higher of s and what the clause rule makes of s is s: only the rows and
        # columns of the sentences with a clause of their own are worked out (speed).
        out = self.similarity.copy()
        used = self._clause_rows[0]
        if len(used):
            m = self.main_clause_vectors
            mine = m[used]
            rows = _clause_rule((mine @ m.T).toarray().astype(np.float32))
            out[used] = np.maximum(out[used], rows, out=rows)
            cols = _clause_rule((m @ mine.T).toarray().astype(np.float32))
            out[:, used] = np.maximum(out[:, used], cols, out=cols)
        return out

    @cached_property
    def article_similarity(self) -> np.ndarray:
        """``[i, a]``: the highest support similarity of sentence i to a sentence of article a."""
        n, k = self.size, len(self.articles)
        out = np.zeros((n, k), dtype=np.float32)
        if n == 0:
            return out
        order = np.argsort(self.article_of, kind="stable")
        arts = self.article_of[order]
        starts = np.flatnonzero(np.r_[True, arts[1:] != arts[:-1]])
        support = self.support_similarity
        if (order != np.arange(n)).any():  # no copy (speed) where prepare kept them in order
            support = support[:, order]
        maxes = np.maximum.reduceat(support, starts, axis=1)
        out[:, arts[starts]] = maxes
        # verbatim repeats count as similarity 1 with every article holding them
        for i, hold in enumerate(self.holders):
            if len(hold) > 1:
                out[i, list(hold)] = 1.0
        return out

    def eligible(self) -> np.ndarray:
        """Mask of sentences usable in a brief: complete, and of a length within bounds."""
        s = self.settings
        return (
            self.complete
            & (self.words >= s.min_sentence_words)
            & (self.words <= s.max_sentence_words)
        )


# a comma and a participle or relative word, or a subordinating word between spaces
_AFTER_COMMA = (
    r"handing|giving|marking|allowing|making|sealing|ending|bringing|leaving|"
    r"prompting|forcing|raising|putting|sending|dealing|which|who|whose|where|after|as|"
    r"while|but|according|in what|amid|despite"
)
_BETWEEN_SPACES = r"after|as|while|before|because|when|amid|despite|since"
#: the plain form of :data:`_CLAUSE_BREAK`
CLAUSE_BREAK_PLAIN = rf",\s+(?:{_AFTER_COMMA})\b|\s+(?:{_BETWEEN_SPACES})\s+"
# written to open with the character it finds, a comma or a space, the look-behind then
# choosing the branch (speed: the engine skips to those characters; the same matches)
_CLAUSE_BREAK = re.compile(
    rf"[,\s](?:(?<=,)\s+(?:{_AFTER_COMMA})\b|(?<=\s)\s*(?:{_BETWEEN_SPACES})\s+)"
)


def main_clause(text: str) -> str:
    """The sentence up to its first subordinate or participle clause.

    "The army said it had retaken Aleppo on Thursday after the last rebels left" ->
    "The army said it had retaken Aleppo on Thursday". Used only to compare claims.
    """
    m = _CLAUSE_BREAK.search(text)
    return text[: m.start()] if m else text


def _clause_rule(main: np.ndarray) -> np.ndarray:
    """Main-clause similarities as support: 0.1 less, and 0 below 0.6 (in place)."""
    # main clauses are short: ask more of them (0.6 stands for 0.5 of full sentences);
    # the same float32 values as np.where(main >= 0.6, main - 0.1, 0)
    low = main < 0.6
    main -= 0.1
    main[low] = 0.0
    return main


def _weighted_rows(
    rows: list[int], cols: list[int], n: int, weights: np.ndarray
) -> sparse.csr_matrix:
    """L2-normalized term-count rows, each term scaled by its weight.

    Made with numpy, bit for bit the matrix scipy's products make (the term-count matrix
    times ``diags(weights)``, each row's norm from ``x.multiply(x).sum(axis=1)``, then
    ``diags(1 / norms) @ x``; a test compares the two; speed: scipy's conversions cost
    more than the arithmetic): the same products (count times weight, then times the
    row's inverse norm), the squares summed by the same ``np.add.reduceat`` over each
    row's columns in ascending order, the entries that come out 0 dropped.
    """
    m = len(weights)
    if not len(rows):
        return sparse.csr_matrix((n, m), dtype=np.float64)
    key, counts = np.unique(
        np.asarray(rows, dtype=np.int64) * m + np.asarray(cols, dtype=np.int64),
        return_counts=True,
    )  # sorted by row, then column: the canonical order, duplicates summed
    r, c = np.divmod(key, m)
    data = counts * np.asarray(weights, dtype=np.float64)[c]
    if not data.all():  # a zero weight: the product drops the entry
        keep = data != 0
        r, c, data = r[keep], c[keep], data[keep]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(r, minlength=n), out=indptr[1:])
    squares, starts = data * data, indptr
    if not squares.all():  # a square underflows to 0: the product drops it before the sum
        squares = squares[squares != 0]
        starts = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(r[data * data != 0], minlength=n), out=starts[1:])
    norms = np.zeros(n)
    filled = np.flatnonzero(starts[1:] > starts[:-1])
    if len(filled):
        # pairwise sums: the same terms in the same places give the same bits
        norms[filled] = np.add.reduceat(squares, starts[filled])
    norms = np.sqrt(norms)
    norms[norms == 0] = 1.0
    data = (1.0 / norms)[r] * data
    if not data.all():  # underflow to 0: dropped as the product drops it
        keep = data != 0
        r, c, data = r[keep], c[keep], data[keep]
        indptr[1:] = np.cumsum(np.bincount(r, minlength=n))
    index = np.int32 if max(m, len(data)) < 2**31 else np.int64
    return sparse.csr_matrix(
        (data, c.astype(index), indptr.astype(index)), shape=(n, m), copy=False
    )


#: :func:`newsbrief.text.content_pairs` of each one-token text: its (surface word, stem),
#: or () for a token it drops (a stopword)
_PAIR_OF: dict[str, tuple[str, str] | tuple[()]] = {}


def _content_pairs(toks: list[str]) -> list[tuple[str, str]]:
    """``content_pairs(text, toks)``, from one look-up per token (speed: content_pairs
    reads each token alone, so its pairs are those of the tokens one by one; a known
    token costs no new tuple)."""
    return [p for p in _pair_of_each(toks) if p]


def _pair_of_each(toks: list[str]) -> list[tuple[str, str] | tuple[()]]:
    """Each token's (surface word, stem), or () for a token ``content_pairs`` drops."""
    got = list(map(_PAIR_OF.get, toks))
    if None in got:
        for k, t in enumerate(toks):
            if got[k] is None:
                p = content_pairs(t, [t])
                got[k] = p[0] if p else ()
                if len(_PAIR_OF) < 500_000:
                    _PAIR_OF[t] = got[k]
    return got  # type: ignore[return-value]  # no None is left


def _stem_weights(stem_of: dict[str, str], vocabulary: dict[str, int]) -> np.ndarray:
    """:func:`background_weight` of each vocabulary stem's highest :func:`zipf` among the
    surface words ``stem_of`` maps to it, in vocabulary order (every stem has a word).

    The same floats as the plain loop (:func:`_stem_weights_plain`; speed: the look-ups
    in C, the maxima and weights in numpy: a maximum is the same in any order, and
    ``max(0.5, 7.0 - z)`` is one subtraction and one comparison of doubles either way).
    """
    words = list(stem_of)
    zs = list(map(_zipf_of.get, words))  # text.zipf's own cache of every word asked
    if None in zs:
        zs = [zipf(w) if z is None else z for w, z in zip(words, zs, strict=True)]
    best = np.full(len(vocabulary), -np.inf)
    columns = np.fromiter(map(vocabulary.__getitem__, stem_of.values()), np.int64, len(words))
    np.maximum.at(best, columns, np.array(zs, dtype=np.float64))
    return np.maximum(7.0 - best, 0.5)


def _stem_weights_plain(stem_of: dict[str, str], vocabulary: dict[str, int]) -> np.ndarray:
    """What :func:`_stem_weights` gives, one word at a time (kept for the test)."""
    best: dict[str, float] = {}
    for word, st in stem_of.items():
        z = zipf(word)
        if st not in best or z > best[st]:
            best[st] = z
    return np.array([background_weight(best[t]) for t in vocabulary], dtype=np.float64)


def _looks_like_sentence(text: str) -> bool:
    """A brief sentence must end like one (., !, ?, or a closing quote after them)."""
    t = text.rstrip("\"'”’)»] ")
    return t.endswith((".", "!", "?"))


def prepare(
    articles: Sequence[Article],
    settings: Settings | None = None,
    *,
    sentences: Sequence[Sequence[str]] | None = None,
) -> Cluster:
    """Split, deduplicate and vectorize cleaned articles into a :class:`Cluster`.

    ``sentences``, where given, holds each article's ``split_sentences(article.text)``
    already worked out (one list per article, in the order of ``articles``; speed: the
    pipeline splits once for the summary and the facts); it is read, not changed.
    """
    settings = settings or Settings()
    if sentences is not None and len(sentences) != len(articles):
        raise ValueError(f"prepare: {len(sentences)} sentence lists for {len(articles)} articles")
    uniq: list[Article] = []
    splits: list[Sequence[str]] = []
    seen: set[str] = set()
    for k, a in enumerate(articles):
        if a.id not in seen:
            seen.add(a.id)
            uniq.append(a)
            splits.append(split_sentences(a.text) if sentences is None else sentences[k])

    distinct: list[Sentence] = []
    article_of: list[int] = []
    holders: list[tuple[int, ...]] = []
    by_key: dict[str, int] = {}
    # the tokens of the distinct sentences in turn, and the row (sentence) of each: their
    # content words are looked up after the loop, all at once (speed)
    flat: list[str] = []
    flat_rows: list[int] = []
    # each article's tokens: those of its sentences, one after another (the splitter cuts
    # only at white space, which no token holds), for finding copies (speed)
    article_words: list[list[str]] = []
    for ai, a in enumerate(uniq):
        art_words: list[str] = []
        article_words.append(art_words)
        for pos, text in enumerate(splits[ai]):
            toks = tokens(text)
            key = " ".join(toks)  # dedup.sentence_key(text), from tokens asked for once
            if not key:
                continue
            art_words += toks
            j = by_key.get(key)
            if j is not None:
                if ai not in holders[j]:
                    holders[j] += (ai,)  # rare (speed: a tuple from the start)
                continue
            i = by_key[key] = len(distinct)
            distinct.append(Sentence(a.id, pos, text))
            article_of.append(ai)
            holders.append((ai,))
            flat += toks
            flat_rows += [i] * len(toks)

    # every content word's (surface word, stem) in turn, and the row of each: the pairs
    # of each sentence's tokens, content_pairs(text, toks), one sentence after another
    each = _pair_of_each(flat)
    pairs: list[tuple[str, str]] = list(filter(None, each))  # type: ignore[arg-type]
    rows = list(itertools.compress(flat_rows, each))
    duplicates = find_duplicates(uniq, settings, article_words)

    # the vocabulary in order of first use, and each term's column (speed: in C, no
    # bytecode per term)
    stems = list(map(itemgetter(1), pairs))
    vocabulary = dict(zip(dict.fromkeys(stems), itertools.count()))
    cols = list(map(vocabulary.__getitem__, stems))
    stem_of = dict(pairs)  # every surface word's stem
    n = len(distinct)
    # a stem weighs as its most frequent surface form in this cluster
    idf = _stem_weights(stem_of, vocabulary)
    x = _weighted_rows(rows, cols, n, idf)

    texts = list(map(attrgetter("text"), distinct))
    # word_count of each text (speed: in C)
    words = np.fromiter(map(len, map(str.split, texts)), dtype=np.int64, count=n)
    return Cluster(
        articles=uniq,
        duplicates=duplicates,
        sentences=distinct,
        article_of=np.array(article_of, dtype=np.int64),
        holders=holders,
        words=words,
        complete=np.fromiter(map(_looks_like_sentence, texts), dtype=bool, count=n),
        vectors=x,
        vocabulary=vocabulary,
        weights=idf,
        settings=settings,
    )
