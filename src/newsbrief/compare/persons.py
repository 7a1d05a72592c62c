"""People's names read from tokens: the words of a person's name (with particles such as
"de" and "bin", and a glued "al-"), the name right before a figure ("Richard Roe, 52"), and
one person's name in two spellings ("Nikolas Cruz", "Nicolas de Jesus Cruz").
:mod:`newsbrief.compare.names` finds the names of a sentence; this module is what the
number readers and the alignment ask about a person."""

from __future__ import annotations

import re

from newsbrief.compare.numbers import _Tok

#: lower-case words that join the parts of one person's name when they stand between two
#: capitalized words: "Nicolas de Jesus Cruz", "Mohammed bin Salman", "Ludwig van der
#: Rohe". "of" is none ("Port of Spain", "Bank of England" name places and bodies).
NAME_PARTICLES = frozenset(
    "de da di del della dos das du van von der den ter bin ibn ben al el la le".split()
)

#: a name word with a glued Arabic article: "al-Baghdadi", "el-Sisi"
_ARTICLE_NAME_RE = re.compile(r"(?:al|el)-[A-Z]")


def name_word(tok: _Tok) -> bool:
    """A token that may be a word of a person's name: capitalized, or "al-"/"el-" glued to a
    capitalized word ("al-Baghdadi")."""
    return tok.cap or (tok.kind == "word" and _ARTICLE_NAME_RE.match(tok.text) is not None)


def person_before(toks: list[_Tok], i0: int) -> str:
    """The capitalized name right before ", N" ("Richard Roe, 52"), with the lower-case
    particles inside it ("Nicolas de Jesus Cruz, 19"): at most two particles in a row, and
    only between two name words (a particle opening the run is left out: "said de ...")."""
    k = i0 - 2 if i0 > 1 and toks[i0 - 1].text == "," else -1
    names: list[str] = []
    while k >= 0:
        t = toks[k]
        if name_word(t):
            names.append(t.text)
            k -= 1
            continue
        if names and t.kind == "word" and t.low in NAME_PARTICLES:
            q = k
            while q >= 0 and k - q < 2 and toks[q].kind == "word" and toks[q].low in NAME_PARTICLES:
                q -= 1
            if q >= 0 and name_word(toks[q]):
                names.extend(toks[p].text for p in range(k, q, -1))
                k = q
                continue
        break
    return " ".join(reversed(names))


def _one_edit(a: str, b: str) -> bool:
    """Whether a and b differ by at most one letter changed, added or dropped."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    if len(a) > len(b):
        a, b = b, a
    return any(b[:p] + b[p + 1 :] == a for p in range(len(b)))


def spelling_variant(a: str, b: str) -> bool:
    """Two first names that are one name spelled two ways ("Nicolas", "Nikolas"): the same
    first letter, five letters or more, and one letter apart. Shorter names are left apart
    ("Mark", "Mary")."""
    la, lb = a.lower(), b.lower()
    return (
        la != lb
        and la[:1] == lb[:1]
        and min(len(la), len(lb)) >= 5
        and la.isalpha()
        and lb.isalpha()
        and _one_edit(la, lb)
    )


def same_person(a: str, b: str) -> bool:
    """Two names of one person in one event, the one a spelling variant of the other: the
    same last word, first words :func:`spelling_variant`, and every other word of the
    shorter in the longer ("Nikolas Cruz" and "Nicolas de Jesus Cruz"). Names of one word,
    or equal names, are not for this (the word-subset rule joins those)."""
    wa, wb = a.replace("-", " ").split(), b.replace("-", " ").split()
    if len(wa) < 2 or len(wb) < 2 or wa[-1] != wb[-1]:
        return False
    if not spelling_variant(wa[0], wb[0]):
        return False
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return set(short[1:-1]) <= set(long[1:-1])
