"""Copy-editing checks of a brief sentence, and deletions that mend the simple faults.

A headline is one self-contained sentence a wire editor would pass: it does not open
with a dateline, a shouted (all-capitals) lede or a word that points back to earlier
text; its quotation marks pair up; it carries no doubled punctuation, no relative day
word ("today": a brief is read on other days), no words glued together by page markup
and no page furniture ("Last Published: ..."). :func:`faults` names the faults of a
sentence; :func:`tidy` deletes what can be deleted without changing what the sentence
says (a relative day word used as an adverb, a doubled period after an abbreviation).
Nothing is ever added.
"""

from __future__ import annotations

import re

from newsbrief.text import _BOUNDARY, split_sentences

__all__ = ["faults", "readable", "tidy"]

MAX_HEADLINE_WORDS = 40

_OPENER_POINTING_BACK = re.compile(
    r"^\s*[\"“‘']?(?:He|She|It|They|This|These|Those|That|His|Her|Its|Their|Him|Them|"
    r"But|And|Or|So|Yet|However|Meanwhile|Also|Still|Instead|Then|Thus|Elsewhere|"
    r"Moreover|Furthermore|Besides|Nevertheless|Nonetheless|Therefore|Likewise|"
    r"Similarly|Otherwise|Such|There)\b"
    # "The outcome ...", "The move ...": a definite noun that only earlier text defines
    r"|^\s*[\"“‘']?The\s+(?:outcome|move|decision|incident|attack|announcement|statement|"
    r"news|deal|plan|report|ruling|vote|result|change|step|case|event|episode|"
    r"development|measure|agreement|crash|blast|fire|shooting|verdict)\b"
    # "In both states, ...": a phrase referring to places named before
    r"|^\s*(?:In|At|For|On)\s+(?:both|each|either|all|the\s+same|that|this|those|these)\b"
)
# a dateline: "LONDON ...", "SAN FRANCISCO — ...", "London, September 15 ...",
# "Damascus: ...", "Beirut — ..."
_DATELINE = re.compile(
    r"^\s*(?:[A-Z]{3,}[\s,(—–-]"
    r"|[A-Z][a-z]+,\s*[A-Z][a-z]+\s+\d{1,2}"
    r"|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s*[:—–]\s)"
)
# second sentences the splitter keeps but a stricter one ends: after "p.m." before a
# capitalized word ("at 10:55 p.m. Monday"), before a spaced guillemet ("... attack. « In"),
# after a lower-case word the splitter takes for an abbreviation ("the sun. WASP-39b"),
# after an agency tag ("(JNS.org) Four Israelis")
_INNER_BOUNDARY = re.compile(
    r"\b[a-z]\.[a-z]\.\s+[A-Z]|[.!?][\"'”’»]*\s+[«“\"]\s*[A-Z]|\b[a-z]{3,}\.\s+[A-Z]"
    r"|^\s*\([^()]{1,30}\)\s+[A-Z]"
)
_DOUBLED = re.compile(r"[^.]\.\.(?!\.)|,,|\.,|,\.|;;|::|!!|\?\?")
_RELATIVE_DAY = re.compile(r"\b(?:today|yesterday|tonight|tomorrow)\b", re.I)
_GLUED = re.compile(r"\b[a-z]{4,}[A-Z][a-z]{2,}\b|[A-Z]{3,}[a-z]{4,}|\w_\w|<[a-z/]|&[a-z]+;")
_FURNITURE = re.compile(
    r"Last\s+(?:Published|Updated|Modified)|Published:|Updated:|Image\s+copyright|"
    r"Getty\s+Images|Click\s+here|Subscribe|Read\s+more|Sign\s+up",
    re.I,
)


# Two case-blind patterns run only on text that holds, lower-cased, what each of their
# matches holds (speed; the answer is the same). Under re.I only i, s and k also match
# other letters (ı, İ, ſ, K), so the words asked for are pieces without those letters.
_FURNITURE_PIECES = (
    ("la", "publ"), ("la", "updated"), ("la", "mod"), ("publ", ":"), ("updated", ":"),
    ("mage", "copyr"), ("getty", "mage"), ("cl", "here"), ("ub", "cr", "be"),
    ("read", "more"), ("gn", "up"),
)  # fmt: skip
_RELATIVE_DAY_PIECES = (("today",), ("terday",), ("ght",), ("tomorrow",))
_GUARDED = {
    # the pieces hold only for these patterns as written; a changed pattern always runs
    r"Last\s+(?:Published|Updated|Modified)|Published:|Updated:|Image\s+copyright|"
    r"Getty\s+Images|Click\s+here|Subscribe|Read\s+more|Sign\s+up": _FURNITURE_PIECES,
    r"\b(?:today|yesterday|tonight|tomorrow)\b": _RELATIVE_DAY_PIECES,
}


#: per guarded pattern, one search for the longest piece of each group (a group holds only
#: where its longest piece is written), so most texts are passed over in one call
_KEY_PIECES = {
    pattern: re.compile("|".join(re.escape(max(group, key=len)) for group in pieces)).search
    for pattern, pieces in _GUARDED.items()
}


def _may_match(rx: re.Pattern[str], low: str) -> bool:
    """False only where ``rx`` cannot match the text whose lower case is ``low``."""
    pieces = _GUARDED.get(rx.pattern)
    if pieces is None:
        return True
    if _KEY_PIECES[rx.pattern](low) is None:
        return False
    return any(all(p in low for p in group) for group in pieces)


# Three patterns whose alternatives open with a word boundary or a run are slow to search
# (the engine tries every alternative at every place); each runs only on text that a fast
# search for what every match of it holds finds (speed; the answer is the same):
# _INNER_BOUNDARY a stop, "!", "?" or ")" and white space after (quotes between);
# _DOUBLED two of its marks side by side; _GLUED a lower-case letter before a capital,
# three capitals before a lower-case letter, "_", "<" or "&".
_HOLDS_INNER = re.compile(r"[.!?)][\"'”’»]*\s").search
_HOLDS_DOUBLED = re.compile(r"\.[.,]|,[,.]|;;|::|!!|\?\?").search
# (a capital, then: a lower-case letter just before it, or two capitals and a lower-case
# letter after it; opening with the capital, the search skips ahead to capitals)
_HOLDS_GLUED = re.compile(r"[A-Z](?:(?<=[a-z][A-Z])|[A-Z][A-Z][a-z])").search
_PREFILTERS = {
    # what each pattern as written needs; a changed pattern always runs
    r"\b[a-z]\.[a-z]\.\s+[A-Z]|[.!?][\"'”’»]*\s+[«“\"]\s*[A-Z]|\b[a-z]{3,}\.\s+[A-Z]"
    r"|^\s*\([^()]{1,30}\)\s+[A-Z]": _HOLDS_INNER,
    r"[^.]\.\.(?!\.)|,,|\.,|,\.|;;|::|!!|\?\?": _HOLDS_DOUBLED,
    r"\b[a-z]{4,}[A-Z][a-z]{2,}\b|[A-Z]{3,}[a-z]{4,}|\w_\w|<[a-z/]|&[a-z]+;": (
        lambda text: _HOLDS_GLUED(text) or "_" in text or "<" in text or "&" in text
    ),
}


def _search(rx: re.Pattern[str], text: str) -> bool:
    """``rx.search(text)`` found a match (asked only where its prefilter finds what it needs)."""
    pre = _PREFILTERS.get(rx.pattern)
    return (pre is None or bool(pre(text))) and rx.search(text) is not None


def faults(text: str) -> list[str]:
    """The copy-editing faults of ``text`` as a headline (an empty list: none)."""
    out: list[str] = []
    if not text.strip():
        return ["empty"]
    body = text.strip()
    # split_sentences only splits at a line break or a _BOUNDARY match (speed: most
    # sentences have neither, and are one sentence to it)
    split = "\n" in body or _BOUNDARY.search(body) is not None
    if (split and len(split_sentences(body)) > 1) or _search(_INNER_BOUNDARY, body):
        out.append("more than one sentence")
    if len(body.split()) > MAX_HEADLINE_WORDS:
        out.append("over 40 words")
    if _DATELINE.match(body):
        out.append("dateline or shouting opener")
    if body.count('"') % 2 or body.count("“") != body.count("”"):
        out.append("unbalanced quotes")
    if _OPENER_POINTING_BACK.match(body):
        out.append("context-needing opener")
    if _search(_DOUBLED, body):
        out.append("doubled punctuation")
    low = body.lower()
    if _may_match(_RELATIVE_DAY, low) and _RELATIVE_DAY.search(body):
        out.append("relative day word")
    if _search(_GLUED, body):
        out.append("glued words or markup junk")
    if _may_match(_FURNITURE, low) and _FURNITURE.search(body):
        out.append("page boilerplate")
    return out


def readable(text: str) -> bool:
    """Whether ``text`` passes every check of :func:`faults`."""
    return not faults(text)


# "pleaded guilty today to ...", "said on Tuesday it ... earlier today.": an adverb of
# time between a verb and what follows, or before the final stop
_DAY_ADVERB = re.compile(
    r"\s+(?:(?:earlier|later|early|late)\s+)?(?:today|yesterday|tonight)"
    r"(?:\s+(?:morning|afternoon|evening|night))?"
    r"(?=\s+(?:to|in|on|at|for|with|after|before|that|as|and|of|by|from|against|over|"
    r"amid|when|while)\b|\s*[,.;!?])"
)
# "... at 4:30 p.m.." -> "... at 4:30 p.m."
_ABBREVIATION_STOP = re.compile(r"(\b(?:[a-zA-Z]\.){1,3})\.(?=\s|$|[\"”’)])")


def tidy(text: str) -> str:
    """``text`` with a relative day adverb and a doubled stop deleted (never words added).

    "jailed for 32 years today." -> "jailed for 32 years."; "The freeway reopened
    around 4:30 p.m.." -> "... 4:30 p.m.". "Today's vote" (a noun, not an adverb) and
    a sentence that opens with the word are left alone.
    """
    out = text
    if _may_match(_RELATIVE_DAY, out.lower()) and _RELATIVE_DAY.search(out):
        out = _DAY_ADVERB.sub(lambda m: _day_cut(m, out), out)
        out = re.sub(r"\s+([,.;!?])", r"\1", out)
        out = re.sub(r",\s*([.!?])", r"\1", out)
    if ".." in out:
        out = _ABBREVIATION_STOP.sub(r"\1", out)
    return out


def _day_cut(m: re.Match[str], text: str) -> str:
    before = text[: m.start()].rstrip()
    if not before or before[-1] in "\"“‘'(":
        return m.group(0)
    # "said today" -> "said"; but keep "until today", "since yesterday", "of today"
    last = before.split()[-1].lower().strip(",;:")
    if last in {"until", "since", "till", "of", "from", "for", "than", "by", "as"}:
        return m.group(0)
    return ""
