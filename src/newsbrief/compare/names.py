"""Names: people, places and organizations, from capitalized runs and their company."""

from __future__ import annotations

import re

from newsbrief.compare.context import _word
from newsbrief.compare.lexicon import (
    _ABBREVIATIONS,
    _DEMONYM_ENDS,
    _GROUP_WORDS,
    _KNOWN_ORGS,
    _MONTHS,
    _NAME_LINKS,
    _NOT_ACRONYMS,
    _NOT_NAMES,
    _ORG_SUFFIX,
    _PLACE_ACRONYMS,
    _PLACE_SUFFIX,
    _SPEECH,
    _TITLE_WORDS,
    _WEEKDAYS,
)
from newsbrief.compare.mentions import _Sent
from newsbrief.text import zipf

_POSSESSIVE = re.compile(r"['’]s$").sub


def _junk_name(name: str) -> bool:
    """A capitalized word that names no one and nowhere: a weekday or month ("Thursday's"),
    a title ("Dr"), a faith or group adjective ("Muslim"), a company suffix ("LLC") or an
    abbreviation ("IE" for "i.e.")."""
    low = _POSSESSIVE("", name.lower()).strip(". ")
    return (
        low in _WEEKDAYS
        or low in _MONTHS
        or low in _TITLE_WORDS
        or low in _NOT_NAMES
        or low in _GROUP_WORDS
        or low in _ORG_SUFFIX
        or low in _ABBREVIATIONS
    )


def find_names(sents: list[_Sent]) -> list[tuple[str, str, int]]:
    """People, places and organizations, from capitalized words and their company:
    (name, kind, sentence index) for each, in order."""
    full_names: dict[str, str] = {}
    found: list[tuple[str, str, int]] = []
    for si, s in enumerate(sents):
        if s.title_case:
            continue
        toks = s.toks
        n = len(toks)
        j = 0
        for i in [k for k, t in enumerate(toks) if t.cap]:
            if i < j:
                continue  # inside the run before
            j = i
            while j < n and (
                toks[j].cap
                or toks[j].low.startswith("al-")
                or (toks[j].low in _NAME_LINKS and j + 1 < n and toks[j + 1].cap)
            ):
                j += 1
            got = _name(s, i, j, full_names)
            if got and not _junk_name(got[0]):
                found.append((got[0], got[1], si))
    return [(full_names.get(n, n) if k == "person" else n, k, si) for n, k, si in found]


def _name(s: _Sent, i: int, j: int, full: dict[str, str]) -> tuple[str, str] | None:
    """Classify the capitalized run toks[i:j] as a person, place or organization."""
    toks = s.toks
    if j == i + 1:
        # one word (most runs): what the steps below do with it, done cheaply
        low = toks[i].low
        if low in _NOT_NAMES or low in _MONTHS or low in _WEEKDAYS or low in _NAME_LINKS:
            return None
        if (i == 0 or toks[i - 1].text in "\"“‘'(:-–—•") and zipf(low) >= 4.5:
            return None
    seq = toks[i:j]
    titled = False
    # "UN Special Envoy Staffan de Mistura": the name follows the last title word
    cut = max((q for q, t in enumerate(seq) if t.low in _TITLE_WORDS), default=-1)
    if 0 <= cut < len(seq) - 1:
        titled = True
        i += cut + 1
        seq = seq[cut + 1 :]
    while seq and (
        seq[0].low in _NOT_NAMES
        or seq[0].low in _MONTHS
        or seq[0].low in _WEEKDAYS
        or seq[0].low in _NAME_LINKS
        or (len(seq) > 1 and zipf(seq[0].low) >= 5 and (i == 0 or toks[i - 1].kind == "punct"))
    ):
        i += 1
        seq = seq[1:]
    while seq and (
        seq[-1].low in _NAME_LINKS or seq[-1].low in _WEEKDAYS or seq[-1].low in _MONTHS
    ):
        seq = seq[:-1]
    if not seq:
        return None
    text = _POSSESSIVE("", " ".join(t.text for t in seq))
    last = _POSSESSIVE("", seq[-1].low)
    before = _word(toks, i - 1)
    nxt = toks[i + len(seq)] if i + len(seq) < len(toks) else None
    after = _word(toks, i + len(seq))
    if nxt is not None and nxt.text == ",":
        after = _word(toks, i + len(seq) + 1)
    initial = i == 0 or toks[i - 1].text in "\"“‘'(:-–—•"
    if initial and len(seq) == 1 and zipf(seq[0].low) >= 4.5:
        return None  # "Later", "Meanwhile": a common word opening the sentence
    if len(seq) == 1 and seq[0].text.isupper() and len(seq[0].text) >= 2:
        if initial and nxt is not None and nxt.text in ",(–—-:":
            return text.title(), "place"  # a dateline: "MOSCOW, Russia (AFP) –"
        if seq[0].text in _PLACE_ACRONYMS:
            return text, "place"
        if len(seq[0].text) <= 6 and seq[0].text not in _NOT_ACRONYMS:
            return text, "organization"
        return None
    if text in _KNOWN_ORGS:
        return text, "organization"
    if len(seq) > 1 and last in _ORG_SUFFIX:
        return text, "organization"
    if len(seq) > 1 and last in _PLACE_SUFFIX:
        return text, "place"
    common = _ORG_SUFFIX | _PLACE_SUFFIX | _TITLE_WORDS
    looks_person = not any(t.low in common for t in seq) and not last.endswith(_DEMONYM_ENDS)
    looks_person = looks_person and all(zipf(t.low) < 5 for t in seq)
    if looks_person and len(seq) == 1 and zipf(seq[0].low) >= 4.5:
        looks_person = False  # "Chief of General Staff"
    spoke = after in _SPEECH and len(seq) >= 2 and before not in ("of", "at", "for", "from", "the")
    if looks_person and len(seq) <= 4:
        if titled or before in _TITLE_WORDS or spoke:
            if len(seq) >= 2:
                full[seq[-1].text] = text
            return full.get(text, text), "person"
    if before in ("in", "near", "at", "across", "outside", "inside", "throughout"):
        if len(seq) <= 3 and not initial and not last.endswith(_DEMONYM_ENDS):
            if text not in full and seq[-1].text not in full:
                return text, "place"
    if len(seq) >= 2 and full.get(seq[-1].text) == text:
        return text, "person"
    if len(seq) == 1 and text in full:
        return full[text], "person"
    return None
