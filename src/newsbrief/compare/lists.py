"""Figures of a list read with their holders: "The Conservatives have 76 seats, the NDP 40,
the Liberals 7 and the Green party 1" states four counts of seats, each of its own party:
"seats (Conservatives)", "seats (NDP)", ... Only the same holder's figures are one
quantity; a list whose figures do not each have a clear holder is left as it was."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsbrief.compare.lexicon import _NOT_NAMES, _SPEECH, _STOP
from newsbrief.compare.mentions import _Mention
from newsbrief.compare.numbers import _Tok

if TYPE_CHECKING:
    from newsbrief.compare.scanner import _Scanner

#: what ends a list item after its figure ("the NDP 40, ...", "... and the Greens 2.")
_ITEM_END = frozenset(", . ; and ) :".split())
#: what opens a list item before its holder
_ITEM_OPEN = frozenset([",", "and", ";"])
#: the lower-case word a holder may end in ("the Green party 1")
_HOLDER_TAILS = frozenset("party parties".split())
#: at most this many lower-case words between a clause's subject and its figure ("the PCs
#: had won or were leading in 76 seats")
_VERB_WORDS = 6
#: a pronoun between a subject and its figure: the figure is someone else's
_OBJECTS = frozenset("them him her it us me you".split())
#: what opens a clause before its subject
_CLAUSE_OPEN = frozenset(", ; and but while whereas".split())


def _name_tok(t: _Tok) -> bool:
    return t.kind == "word" and t.cap and t.low not in _NOT_NAMES and t.low not in _STOP


def _name_run(toks: list[_Tok], end: int) -> tuple[int, str]:
    """The capitalized run ending at token ``end - 1`` (a lower-case "party" may end it),
    as (first token, text); (end, "") when there is none. At most four words."""
    k = end - 1
    if k >= 0 and toks[k].low in _HOLDER_TAILS and k > 0 and _name_tok(toks[k - 1]):
        k -= 1
    q = k
    while q >= 0 and _name_tok(toks[q]) and k - q < 4:
        q -= 1
    if q == k:
        return end, ""
    return q + 1, " ".join(t.text for t in toks[q + 1 : end])


def item_holder(
    toks: list[_Tok], i0: int, k: int, hstart: int, prev: _Mention | None, si: int
) -> str:
    """The holder of an elided list figure, "..., the NDP 40, ...": the name right before
    it, after a comma or "and" (a "the" may open it), when no noun follows the figure and
    the figure before it, in the same sentence, is a count of things. "" else."""
    if prev is None or prev.sent != si or prev.kind != "quantity" or prev.category != "count":
        return ""
    if not prev.noun or prev.noun in ("them", "time", "times"):
        return ""
    if k < len(toks) and toks[k].low not in _ITEM_END and toks[k].text not in _ITEM_END:
        return ""
    first, holder = _name_run(toks, hstart)
    if not holder:
        return ""
    q = first - 1
    if q >= 0 and toks[q].low == "the":
        q -= 1
    if q < 0 or (toks[q].low not in _ITEM_OPEN and toks[q].text not in _ITEM_OPEN):
        return ""
    return holder


def _tok_at(toks: list[_Tok], pos: int) -> int:
    return next((q for q, t in enumerate(toks) if t.start >= pos), len(toks))


def subject_holder(toks: list[_Tok], i0: int) -> str:
    """The holder of a figure stated with its noun: the name right before it ("Polls gave
    the NDP 40 seats"), else the capitalized subject of its clause with a few lower-case
    words (its verb) between ("The Conservatives have 76 seats", "the PCs had won or were
    leading in 76 seats"), not a speaker ("Reuters said 40 seats"). "" when none."""
    first, holder = _name_run(toks, i0)
    if holder and first > 0 and toks[first - 1].low == "the":
        return holder
    q = i0 - 1
    words = 0
    while q >= 0 and toks[q].kind == "word" and not toks[q].cap:
        if toks[q].low in _SPEECH or toks[q].low in _CLAUSE_OPEN or toks[q].low in _OBJECTS:
            return ""  # "Polls gave them 40 seats": the seats are not the polls'
        words += 1
        q -= 1
    if words == 0 or words > _VERB_WORDS:
        return ""
    first, holder = _name_run(toks, q + 1)
    if not holder:
        return ""
    p = first - 1
    if p >= 0 and toks[p].low == "the":
        p -= 1
    if p >= 0 and toks[p].low not in _CLAUSE_OPEN and toks[p].text not in _CLAUSE_OPEN:
        return ""  # not the opening of a clause
    if p > 0 and toks[p].text in (",", "and") and _name_tok(toks[p - 1]):
        return ""  # "Germany, Poland and France will expel four": several holders, not one
    return holder


def read_holders(
    here: list[_Mention], toks: list[_Tok], items: dict[int, str], alone: dict[int, str]
) -> None:
    """The counts of one sentence that share a counted noun and each have a holder of
    their own, all different, take it into their key and measure ("seats (NDP)"). A list
    item (``items``: id of the mention -> its holder) whose list has no holder for each
    figure is no figure: it is dropped from ``here``. A count alone of its noun in the
    sentence keeps its key; its holder, where it has one ("The NDP won 39 seats"), goes
    into ``alone`` (id -> holder) for :func:`unify_holders`."""
    groups: dict[str, list[_Mention]] = {}
    for m in here:
        if m.kind == "quantity" and m.category == "count" and m.alignable and m.noun:
            groups.setdefault(m.noun, []).append(m)
    drop: set[int] = set()
    for group in groups.values():
        listed = [m for m in group if id(m) in items]
        if len(group) < 2:
            drop.update(id(m) for m in listed)
            if not listed:
                h = subject_holder(toks, _tok_at(toks, group[0].pos))
                if h:
                    alone[id(group[0])] = h
            continue
        holders = [items.get(id(m)) or subject_holder(toks, _tok_at(toks, m.pos)) for m in group]
        if all(holders) and len(set(holders)) == len(holders):
            for m, h in zip(group, holders, strict=True):
                m.measure = f"{m.measure} ({h})"
                m.key = (*m.key, h)
        else:
            drop.update(id(m) for m in listed)
    if drop:
        here[:] = [m for m in here if id(m) not in drop]


def opens_list(toks: list[_Tok], i0: int, i1: int, later_i0: int | None, later_i1: int) -> bool:
    """The figure of tokens ``i0:i1``, right after a name that follows a verb ("gave the NDP
    40 seats"), opens a list: a noun follows it, and the next figure is an item of the
    list ("..., the Liberals 7 and ...")."""
    if later_i0 is None or i1 >= len(toks) or toks[i1].kind != "word" or toks[i1].cap:
        return False
    first, holder = _name_run(toks, i0)
    if not holder or first < 2 or toks[first - 1].low != "the":
        return False
    verb = toks[first - 2]
    if verb.kind != "word" or verb.cap:
        return False  # "gave the NDP 40 seats"; not "The Boeing 737 jets"
    if later_i1 < len(toks) and toks[later_i1].text not in _ITEM_END:
        if toks[later_i1].low not in _ITEM_END:
            return False
    first, holder = _name_run(toks, later_i0)
    if not holder:
        return False
    q = first - 1
    if q >= 0 and toks[q].low == "the":
        q -= 1
    return q >= 0 and (toks[q].low in _ITEM_OPEN or toks[q].text in _ITEM_OPEN)


def unify_holders(scans: Sequence[_Scanner]) -> None:
    """A count stated alone with its holder ("The NDP won 39 seats") takes the holder into
    its key and measure when another statement of the event lists that holder's figure of
    the same noun ("..., the NDP 40, ..."): the two are one quantity, and other holders'
    figures are not."""
    listed = {
        m.key for sc in scans for m in sc.mentions if m.key[:1] == ("count",) and len(m.key) == 4
    }
    if not listed:
        return
    for sc in scans:
        for m in sc.mentions:
            h = sc.list_alone.get(id(m))
            if h and len(m.key) == 3 and (*m.key, h) in listed:
                m.key = (*m.key, h)
                m.measure = f"{m.measure} ({h})"


def base_key(key: tuple[str, ...]) -> tuple[str, ...]:
    """The key less its holder: "seats (NDP)" is one of the article's "seats" figures."""
    return key[:3] if key[:1] == ("count",) and len(key) == 4 else key
