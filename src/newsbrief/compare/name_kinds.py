"""What the company of a capitalized run says about its kind (helpers of
:mod:`newsbrief.compare.names`): whether a name after "in" is a label or an owner
instead of a place, and whether an acronym in brackets is no body's short form."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsbrief.compare.lexicon import _NAME_LINKS
from newsbrief.compare.persons import NAME_PARTICLES

if TYPE_CHECKING:
    from newsbrief.compare.names import _Words


def _modifies(w: _Words, j: int) -> bool:
    """The run ending before token j, after "in" or "at", describes what follows it and is
    no place where something is: a number follows ("in Game 5", "in Number 10", "at Route
    91": a label), or it is a possessive before what only a person has ("in Paddock's
    two-room suite", "in Patterson's home"; a place before the rest: "in Canada's capital").

    A lower-case noun after the name ("in Thai fishing operations") was measured as a sign
    too and dropped (stop 29): on the train events it was written from it took 7 wrong
    places off (six adjectives of origin, "Petri"), on events not read for it it took 3
    wrong ones and 2 right ones ("in SW China earthquake", "at London brokerage"), and on
    the blind fact-precision events 2 right ones and no wrong one: a place's name before a
    noun is as often where the thing is."""
    if j >= w.n:
        return False
    if w.texts[j - 1].endswith(("'s", "’s")):
        # "in Paddock's two-room suite": a person's (what they have, a word before it at most)
        for k in range(j, min(j + 4, w.n)):
            if w.word(k) in _BELONGINGS:
                return True
            if not w.word(k) and w.texts[k] != "-":
                return False
        return False
    return w.kind(j) in ("num", "mask")


#: what a person has, not a place: "a gun in Patterson's home", "in Paddock's room"
_BELONGINGS = frozenset(
    "home house apartment flat room suite bedroom car truck van vehicle pocket pockets bag "
    "backpack body hands family life mind phone computer laptop garage yard".split()
)


def _bracketed_no_body(w: _Words, i: int) -> bool:
    """The acronym at token i, in brackets after what it stands for, names no body: the
    short form of a term written in lower case ("residential mortgage-backed securities
    (RMBS)", "an unmanned underwater vehicle (UUV)"), or a stock ticker after a company's
    name of one or two words whose initials it does not spell ("Hershey (HSY)", "Broadcom
    Ltd. (AVGO)", "Qualcomm Inc., (QCOM)"; not "Kurdistan Workers' Party (PKK)") or an
    agency's credit after a dateline's or a caption's place ("DALLAS (AP)", "in Brussels
    (AP)"): the letters of no name before them, and no body the news is about."""
    if i < 2 or w.texts[i - 1] != "(" or i + 1 >= w.n or w.texts[i + 1] != ")":
        return False
    k = i - 2
    while k >= 0 and w.texts[k] in (".", ","):
        k -= 1  # "Broadcom Ltd. (AVGO)", "Qualcomm Inc., (QCOM)"
    if k < 0 or w.kind(k) != "word":
        return False
    if w.texts[k][:1].islower():
        return w.texts[k].isalpha() or "-" in w.texts[k]  # a term ("(RMBS)"), not "al-..."
    run = []
    while k >= 0 and (
        (w.kind(k) == "word" and w.texts[k][:1].isupper()) or w.texts[k] in ("'", "’")
    ):
        if w.kind(k) == "word":
            run.append(w.texts[k])  # (over the apostrophe of "Workers' Party")
        k -= 1
    q = k  # over up to two small words before the run: "Investment in the United States"
    while q >= 0 and k - q < 2 and w.lows[q] in _INNER_SMALL:
        q -= 1
    inner = q < k and q >= 0 and w.kind(q) == "word" and w.texts[q][:1].isupper()
    if len(run) > 2 or inner:
        # a longer name ("Doctors Without Borders (MSF)"), or one with a small word inside
        # ("Syrian Network for Human Rights (SNHR)")
        return False
    initials = {r[0] for r in run}
    return not set(w.texts[i]) <= initials


#: small words inside a body's long name ("Network for Human Rights", "Bank of England")
_INNER_SMALL = _NAME_LINKS | NAME_PARTICLES | frozenset("for and the on in".split())
