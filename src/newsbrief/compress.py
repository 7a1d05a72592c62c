"""Sentence compression: drop words a brief does not need, never add any.

A news sentence carries words that a dated, cited brief repeats for nothing: who said it
("..., a Foreign Ministry spokesman said."), the weekday ("Iran on Monday released"),
short parentheticals ("(September 14)"). :func:`compress` deletes such spans by rules
that keep the sentence grammatical:

- a trailing attribution after a comma: ", police said.", ", the president of Burkina
  Faso has said.", ", according to the Ministry of Emergency Management.";
- an attribution between commas: "..., a Foreign Ministry spokesman said, a rare ...",
  and an opening one: "According to the police, ...";
- a weekday adjunct: "on Monday", "Thursday evening", "early on Friday", but not after
  a word that needs it ("since Thursday", "until Friday", "last Monday") and never a
  name ("Black Friday", "Monday's vote");
- an opening weekday adverbial: "On Tuesday, ..." (the next word is capitalized);
- a short parenthetical of at most five words: "(September 14)", "(3688ft)", "(PSLV-C35)".

Text inside quotation marks is never touched (a quote stays a quote), a sentence that
opens with a quotation keeps its attribution, and when compression would leave fewer
than ``min_words`` words or something that no longer ends like a sentence, the
sentence is returned as it was. The result's words are always the original's words in
their order (a first letter may be capitalized), so a compressed sentence states
nothing its article does not.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["compress"]

_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_SAY = (
    r"(?:said|says|told\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}|reported|stated|"
    r"announced|confirmed|added)"
)
# the speaker: up to nine words without punctuation, quotes or clause words
_SPEAKER = r"(?:(?!(?:but|and|or|so|yet|what|whether|if|which|who|that|as|when|while)\b)[\w.'’&-]+(?:\s+[\w.'’&-]+){0,8}?)"
_CLAUSE_WORDS = frozenset(
    "not never no nothing what whether if which who whom when while because as than how "
    "why where but yet although though unless until".split()
)
_TRAILING_ATTRIBUTION = re.compile(
    rf",\s+(?P<who>{_SPEAKER})\s+(?:has\s+|have\s+|had\s+)?{_SAY}"
    rf"(?:\s+(?:on\s+)?{_WEEKDAY}{_PART})?\s*(?P<end>[.!?])$"
)
_ACCORDING_TO = re.compile(r",\s+according\s+to\s+(?P<who>[^,;\"“”()]{1,70}?)\s*(?P<end>[.!?])$")
_MID_ATTRIBUTION = re.compile(
    rf",\s+(?P<who>{_SPEAKER})\s+(?:has\s+|have\s+)?"
    rf"(?:said|says|reported|stated|announced|confirmed|added)(?:\s+on\s+{_WEEKDAY})?,\s+"
)
_OPENING_ACCORDING = re.compile(r"^According\s+to\s+(?P<who>[^,;\"“”()]{1,60}?),\s+(?=\w)")
# words after which a weekday is the object of the sentence, not an adjunct
_KEEP_AFTER = frozenset(
    "since until till by from to through last next this that before after every each of "
    "between than the a and or following previous late early until on".split()
)
# words that may follow a weekday adjunct: "killed Monday in", "said Thursday it"
_BEFORE_ADJUNCT = frozenset(
    "in on at to for with after before when as that it its it's he she they we i his her "
    "their the a an and but or by from of amid while following during near into over "
    "under against without because since despite".split()
)
_WEEKDAY_ADJUNCT = re.compile(
    rf"(?P<lead>\s+)(?P<prep>(?:(?:early|late)\s+)?on\s+)?{_WEEKDAY}{_PART}(?=[\s,.;:!?])"
)
_DATE_AFTER = re.compile(
    r"\s*,?\s*(?:\(|\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)"
)
_OPENING_WEEKDAY = re.compile(
    rf"^(?:(?:Early|Late|Earlier|Later)\s+)?(?:[Oo]n\s+)?{_WEEKDAY}{_PART},\s+(?=[\w\"“])"
)
_PARENTHETICAL = re.compile(r"\s+\((?:[^()\s]+(?:\s+[^()\s]+){0,4})\)(?=[\s,.;:!?])")
# every rule needs one of these: most sentences are returned after this one test
_TRIGGER = re.compile(r"day\b|\(|said|says|told|reported|stated|announced|confirmed|added|ccording")
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]|‘[^‘’]*’(?!\w)")
_ENDS = re.compile(r"[.!?][\"'”’)\]]*$")


def compress(text: str, min_words: int = 6) -> str:
    """The sentence without attributions, weekday adjuncts and short parentheticals."""
    if not text or len(text) < 20 or not _TRIGGER.search(text):
        return text
    quoted = text.lstrip()[:1] in "\"“‘'"
    # protect quotations: cut only in the text between them
    spans = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    out = _outside(text, spans, _compress_plain)
    if not quoted and not spans:
        out = _sub_checked(_TRAILING_ATTRIBUTION, out)
        out = _sub_checked(_ACCORDING_TO, out)
        out = _sub_checked(_MID_ATTRIBUTION, out, mid=True)
        out = _sub_checked(_OPENING_ACCORDING, out, opening=True)
    out = re.sub(r"\s+([,.;:!?])", r"\1", re.sub(r"\s{2,}", " ", out)).strip()
    if out[:1].islower() and text.lstrip()[:1].isupper():
        out = out[0].upper() + out[1:]
    if out == text.strip():
        return text
    if len(out.split()) < min_words or not _ENDS.search(out):
        return text
    return out


def _sub_checked(
    pattern: re.Pattern[str], text: str, mid: bool = False, opening: bool = False
) -> str:
    """Remove the attribution ``pattern`` finds, when its speaker reads like one."""
    m = pattern.search(text)
    if m is None:
        return text
    who = m.group("who").lower().split()
    if any(w in _CLAUSE_WORDS for w in who):
        return text
    if opening:
        return text[m.end() :]
    if mid:
        return text[: m.start()] + ", " + text[m.end() :]
    return text[: m.start()] + m.group("end")


def _outside(text: str, spans: list[tuple[int, int]], fn: Callable[[str, bool], str]) -> str:
    """Apply ``fn`` to the stretches of ``text`` outside the quoted ``spans``."""
    parts: list[str] = []
    last = 0
    for a, b in spans:
        parts.append(fn(text[last:a], last == 0))
        parts.append(text[a:b])
        last = b
    parts.append(fn(text[last:], last == 0))
    return "".join(parts)


def _compress_plain(part: str, at_start: bool) -> str:
    """Weekday adjuncts and parentheticals out of unquoted text."""
    if at_start:
        part = _OPENING_WEEKDAY.sub("", part)
    part = _WEEKDAY_ADJUNCT.sub(lambda m: _weekday(m, part), part)
    return _PARENTHETICAL.sub("", part)


def _weekday(m: re.Match[str], part: str) -> str:
    if _DATE_AFTER.match(part, m.end()):
        return m.group(0)  # "on Tuesday, June 26": the weekday belongs to a date
    before = part[: m.start()].split()
    prev = before[-1].lower() if before else ""
    if m.group("prep") is None:
        # a bare weekday is an adjunct only after a lower-case word ("killed Monday in")
        # and before punctuation or a function word: "a historic Saturday sitting" keeps it
        if not prev or not prev[:1].isalpha() or prev in _KEEP_AFTER or not before[-1][0].islower():
            return m.group(0)
        after = part[m.end() :].split(maxsplit=1)
        nxt = after[0].lower().strip(",.;:!?") if after else ""
        if nxt and after[0][:1].isalpha() and nxt not in _BEFORE_ADJUNCT:
            return m.group(0)
    elif prev in _KEEP_AFTER or not prev:
        return m.group(0)
    return ""
