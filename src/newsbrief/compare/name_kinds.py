"""What the company of a capitalized run says about its kind (helpers of
:mod:`newsbrief.compare.names`): whether a name after "in" describes the noun after it
instead of being a place, and whether an acronym in brackets is no body's short form."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsbrief.compare.lexicon import _NAME_LINKS, _PLACE_SUFFIX
from newsbrief.compare.persons import NAME_PARTICLES
from newsbrief.text import zipf

if TYPE_CHECKING:
    from newsbrief.compare.names import _Words


def _common_noun(low: str) -> bool:
    """A WordNet noun (the table of compare/synonyms.py), so a common word, not a name."""
    from newsbrief.compare.phrases import _is_noun  # phrases imports names

    return _is_noun(low)


def _modifies(w: _Words, j: int) -> bool:
    """The run ending before token j, after "in" or "at", describes what follows it and is
    no place where something is: a number follows ("in Game 5", "in Number 10", "at Route
    91": a label), or a lower-case common noun that is no place word ("in Thai fishing
    operations", "in American supermarkets", "in Petri dishes", "in Yemeni wedding"; not
    "in Achin district", "in Sichuan forest": a place's own ground; not a frequent word
    such as "last" of "in London last week", not a verb's form ("at Pioltello leaving"). A
    possessive is the owner of what follows: a person, before what only a person has ("in
    Paddock's two-room suite", "in Patterson's home"), a place before the rest ("in
    Canada's capital")."""
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

    if w.kind(j) in ("num", "mask"):
        return True
    low = w.word(j)
    if not low or not w.texts[j][:1].islower():
        return False
    # the lower-case words after it, up to a place's ground or building: "at Parsons Green
    # tube station", "in Boston federal court", "at Humacao Arena refugee center"
    for k in range(j, min(j + 3, w.n)):
        kw = w.word(k)
        if not kw or not w.texts[k][:1].islower():
            break
        if kw in _PLACE_SUFFIX or kw in _GROUNDS:
            return False
    if low.endswith(("ing", "ed", "s")) and j + 1 < w.n:
        # a verb before a number or a small word ("leaving 3 dead", "killed in", "kills 13",
        # "near Kabul kills dozens", "reaches its third day"), not a noun ("Thai fishing
        # operations", "at Yemeni wedding")
        nxt = w.word(j + 1)
        if w.kind(j + 1) in ("num", "mask"):
            return False
        if nxt and (zipf(nxt) >= 6 if not low.endswith("s") else nxt in _AFTER_VERB):
            return False
    return zipf(low) < 5.5 and _common_noun(low)


#: words that follow a verb, not a noun, after a name ("near Kabul kills dozens", "near
#: Stalybridge reaches its third day")
_AFTER_VERB = frozenset(
    "the a an its his her their our at least more than dozens scores hundreds thousands "
    "several many".split()
)


#: what a person has, not a place: "a gun in Patterson's home", "in Paddock's room"
_BELONGINGS = frozenset(
    "home house apartment flat room suite bedroom car truck van vehicle pocket pockets bag "
    "backpack body hands family life mind phone computer laptop garage yard".split()
)

#: nouns of a piece of land or a building, after a place's name that says where it is
#: ("in Sichuan forest", "in Kabul suburbs", "in Tham Luang cave", "in Boston federal
#: court"): the name is a place there
_GROUNDS = frozenset(
    "forest forests area areas border borders countryside suburb suburbs outskirts hills "
    "neighborhood neighbourhood neighborhoods neighbourhoods jungle desert farmland cave ward "
    "court courthouse pier center centre hospital school church mosque temple stadium hotel "
    "prison jail market mall campus camp base".split()
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
