"""Nouns that name one thing: WordNet synonyms for the alignment keys.

``synonyms.json`` (made by ``bench/make_synonyms.py`` from Princeton WordNet 3.0's noun
files) holds, for each single-word noun common in news, the synsets of its first senses
(most frequent first), each with its direct hypernyms. Two counted nouns name the same
thing when a synset of one's first senses is a synset of the other's first senses
("states" / "countries" in the sense of nations). A direct hypernym ("firearms" are a kind
of "gun") may count too, but the shipped setting leaves hypernyms out (:data:`HYPERNYMS`:
measured, they joined about six wrong pairs for each right one; docs/facts_history.md). The table
is read once, on first use.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path

from newsbrief.compare.shipped import shipped_text

#: senses of each noun compared, most frequent first; 0: the senses tagged in WordNet's
#: sense-tagged corpus (at least the first), all the shipped table holds
SENSES = 0
#: whether a direct hypernym of one noun's sense may be a sense of the other (the shipped
#: table holds none: bench/synonym_pairs.py measures them with a table of its own)
HYPERNYMS = False
#: another table file (bench scripts; then ``_table.cache_clear()``), None: the shipped one
table_path: Path | None = None


@cache
def _table() -> tuple[dict[str, tuple[tuple[int, ...], ...]], dict[str, str], dict[str, int]]:
    """(noun -> its first senses, each [synset, *direct hypernyms]; plural -> lemma;
    noun -> how many of its senses are tagged, where not 1)."""
    text = shipped_text("synonyms.json", table_path)
    if text is None:
        return {}, {}, {}
    data = json.loads(text)
    # tuples, not the lists json gives: the collector stops tracking a tuple of ints (and
    # then a dict of them) after one pass, so the 30,000 lists of the table are not walked
    # again by every full collection of the process (speed)
    nouns = {w: tuple(tuple(s) for s in senses) for w, senses in data["nouns"].items()}
    return nouns, data["plurals"], data["tagged"]


def lemma(word: str) -> str:
    """The table's lemma of a noun ("countries" -> "country", "men" -> "man"), or the
    word lower-cased when the table does not know it."""
    nouns, plurals, _tagged = _table()
    w = word.lower().replace("-", "")
    if w in plurals:  # irregular plurals first, as WordNet's morphy reads them
        return plurals[w]
    if w in nouns:
        return w
    # WordNet's rules of detachment for nouns (morphy)
    for end, repl in (("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh")):
        if w.endswith(end) and w[: -len(end)] + repl in nouns:
            return w[: -len(end)] + repl
    if w.endswith("ies") and w[:-3] + "y" in nouns:
        return w[:-3] + "y"
    if w.endswith("men") and w[:-3] + "man" in nouns:
        return w[:-3] + "man"
    if w.endswith("s") and not w.endswith("ss") and w[:-1] in nouns:
        return w[:-1]
    return w


def signature(
    word: str, senses: int | None = None, hypernyms: bool | None = None
) -> tuple[str, frozenset[int], frozenset[int]]:
    """A noun's lemma, the synsets of its first ``senses`` senses (default :data:`SENSES`)
    and, with ``hypernyms`` (default :data:`HYPERNYMS`), their direct hypernyms."""
    senses = SENSES if senses is None else senses
    hypernyms = HYPERNYMS if hypernyms is None else hypernyms
    return _signature(word, senses, hypernyms)


@lru_cache(maxsize=1 << 16)
def _signature(
    word: str, senses: int, hypernyms: bool
) -> tuple[str, frozenset[int], frozenset[int]]:
    nouns, _plurals, tagged = _table()
    w = lemma(word)
    if senses == 0:
        senses = max(1, tagged.get(w, 1))
    got = nouns.get(w, ())[:senses]
    own = frozenset(s[0] for s in got)
    hyper = frozenset(h for s in got for h in s[1:]) if hypernyms else frozenset()
    return w, own, hyper


def reset() -> None:
    """Forget the table read and the nouns looked up (after setting :data:`table_path`)."""
    _table.cache_clear()
    _signature.cache_clear()


def same_thing(a: str, b: str, senses: int | None = None, hypernyms: bool | None = None) -> bool:
    """Whether nouns ``a`` and ``b`` (one word each, their heads) name one thing by
    WordNet: equal lemmas, a shared synset among their first ``senses`` senses, or (with
    ``hypernyms``) one's sense the direct hypernym of the other's."""
    la, own_a, hyp_a = signature(a, senses, hypernyms)
    lb, own_b, hyp_b = signature(b, senses, hypernyms)
    if la == lb:
        return bool(la)
    return bool(own_a & own_b or hyp_a & own_b or own_a & hyp_b)
