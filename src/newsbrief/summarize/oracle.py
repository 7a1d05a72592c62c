"""The greedy extractive oracle: the ceiling of extractive systems (evaluation only).

It knows the reference summary and repeatedly adds the sentence that most raises
ROUGE-1 F1 + ROUGE-2 F1 against it, scored exactly as the evaluation scores
(rouge-score's tokenizer with Porter stemming). With a word budget it scores the
summary as the evaluation does, cut to the budget, so it stops once the budget is
filled or when no sentence raises the score any more. Plain greedy search can miss
a better pair of sentences, so it keeps the ``beam`` best partial summaries at each
step (4 by default; ``beam=1`` is the classic greedy oracle).

rouge-score is needed (``pip install 'newsbrief[eval]'``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from newsbrief.errors import NewsbriefError
from newsbrief.summarize.base import Extractor, reading_order
from newsbrief.summarize.features import Cluster

__all__ = ["Oracle", "rouge_n_f1", "rouge_tokenizer", "word_tokens"]


@lru_cache(maxsize=1)
def rouge_tokenizer() -> Any:
    """rouge-score's default tokenizer with stemming on, as the evaluation uses it."""
    try:
        from rouge_score import tokenizers
    except ImportError:
        raise NewsbriefError(
            "evaluation needs rouge-score: pip install 'newsbrief[eval]'"
        ) from None
    return tokenizers.DefaultTokenizer(use_stemmer=True)


@lru_cache(maxsize=200_000)
def _word(word: str) -> tuple[str, ...]:
    return tuple(rouge_tokenizer().tokenize(word))


def word_tokens(text: str) -> list[tuple[str, ...]]:
    """rouge-score tokens of each whitespace-separated word of ``text``.

    Concatenated, they are rouge-score's tokens of the text; cut after N words, those
    of the text cut to N words.
    """
    return [_word(w) for w in text.split()]


def _ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def rouge_n_f1(candidate: Counter[Any], reference: Counter[Any]) -> float:
    """F1 of n-gram overlap between two n-gram counts (rouge-score's ROUGE-N F1)."""
    c_total = sum(candidate.values())
    r_total = sum(reference.values())
    if not c_total or not r_total:
        return 0.0
    overlap = sum(min(k, reference[g]) for g, k in candidate.items() if g in reference)
    if not overlap:
        return 0.0
    p, r = overlap / c_total, overlap / r_total
    return 2 * p * r / (p + r)


class Oracle(Extractor):
    """Greedy (beam) ROUGE-1 + ROUGE-2 F1 oracle against a known reference.

    Build it with the reference (and the evaluation's word budget), or take a bound
    copy with :meth:`for_reference`. :meth:`rank` returns only the sentences of the
    best summary found, in the order they were added; :meth:`select` chooses whole
    sentences within a budget, without cutting.
    """

    name = "oracle"
    needs_reference = True

    def __init__(self, reference: str = "", words: int | None = None, beam: int = 4) -> None:
        self.reference = reference
        self.words = words
        self.beam = max(1, beam)

    def __repr__(self) -> str:
        return f"Oracle(words={self.words}, beam={self.beam})"

    def for_reference(self, reference: str, words: int | None = None) -> Oracle:
        """A copy of this oracle that targets ``reference`` at a ``words`` budget."""
        return type(self)(reference, words, self.beam)

    def _search(self, cluster: Cluster, words: int | None, cut: bool) -> list[int]:
        """Beam search of ``beam`` partial summaries, each step adding one sentence.

        A summary is extended only when a sentence raises its score; the best
        summary met is returned (with ``beam=1``: plain greedy).
        """
        ref = [t for w in word_tokens(self.reference) for t in w]
        ref1, ref2 = _ngrams(ref, 1), _ngrams(ref, 2)
        eligible = cluster.eligible()
        cands = {
            i: word_tokens(cluster.sentences[i].text) for i in range(cluster.size) if eligible[i]
        }
        budget = words if words is not None else 10**9

        def score(summary: list[tuple[str, ...]]) -> float:
            flat = [t for w in summary for t in w]
            return rouge_n_f1(_ngrams(flat, 1), ref1) + rouge_n_f1(_ngrams(flat, 2), ref2)

        # a state: (score, chosen sentences in order, their words)
        states: list[tuple[float, tuple[int, ...], list[tuple[str, ...]]]] = [(-1.0, (), [])]
        best = states[0]
        while states:
            grown: dict[tuple[int, ...], tuple[float, tuple[int, ...], list[tuple[str, ...]]]] = {}
            for s0, chosen, current in states:
                if len(current) >= budget:
                    continue
                taken = set(chosen)
                for i, toks in cands.items():
                    if i in taken:
                        continue
                    if cut:
                        summary = (current + toks)[:budget]
                    elif len(current) + len(toks) <= budget:
                        summary = current + toks
                    else:
                        continue
                    s = score(summary)
                    if s <= s0:
                        continue
                    key = chosen + (i,) if cut else tuple(sorted(chosen + (i,)))
                    if key not in grown or grown[key][0] < s:
                        grown[key] = (s, chosen + (i,), summary)
            states = sorted(grown.values(), key=lambda st: (-st[0], st[1]))[: self.beam]
            if states and states[0][0] > best[0]:
                best = states[0]
        return list(best[1])

    def rank(self, cluster: Cluster) -> list[int]:
        """The sentences of the best summary found, in the order added (scored cut to the budget)."""
        return self._search(cluster, self.words, cut=True)

    def select(self, cluster: Cluster, words: int) -> list[int]:
        """The best whole sentences found that fit ``words``, in reading order."""
        return reading_order(cluster, self._search(cluster, words, cut=False))
