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
_SPACES = re.compile(r"\s{2,}")
_SPACE_BEFORE_MARK = re.compile(r"\s+([,.;:!?])")
# white space before white space or a mark: where :data:`_SPACES` or
# :data:`_SPACE_BEFORE_MARK` finds something, this does
_LOOSE = re.compile(r"\s[\s,.;:!?]")
_ENDS = re.compile(r"[.!?][\"'”’)\]]*$")


def compress(text: str, min_words: int = 6) -> str:
    """The sentence without attributions, weekday adjuncts and short parentheticals."""
    if not text or len(text) < 20 or not _may_trigger(text) or not _TRIGGER.search(text):
        return text
    quoted = text.lstrip()[:1] in "\"“‘'"
    # protect quotations: cut only in the text between them
    # every quotation opens with one of these (speed: most sentences hold none)
    has_quote = '"' in text or "“" in text or "‘" in text
    spans = [(m.start(), m.end()) for m in _QUOTED.finditer(text)] if has_quote else []
    out = _outside(text, spans, _compress_plain)
    if not quoted and not spans:
        # each pattern's matches hold what its test asks for (speed: most sentences lack it)
        if "," in out:
            out = _sub_checked(_TRAILING_ATTRIBUTION, out)
            if "according" in out:
                out = _sub_checked(_ACCORDING_TO, out)
            out = _sub_checked(_MID_ATTRIBUTION, out, mid=True)
        if out.startswith("According"):
            out = _sub_checked(_OPENING_ACCORDING, out, opening=True)
    # both substitutions leave a text without this alone (speed: one search, most have none)
    if _LOOSE.search(out):
        out = _SPACE_BEFORE_MARK.sub(r"\1", _SPACES.sub(" ", out))
    out = out.strip()
    if out[:1].islower() and text.lstrip()[:1].isupper():
        out = out[0].upper() + out[1:]
    if out == text.strip():
        return text
    if len(out.split()) < min_words or not _ENDS.search(out):
        return text
    return out


def _may_trigger(text: str) -> bool:
    """False only where :data:`_TRIGGER` finds nothing: it finds one of these words (speed:
    a substring test is a fast scan, the pattern's alternatives are tried at every
    character)."""
    return (
        "day" in text
        or "(" in text
        or "said" in text
        or "says" in text
        or "told" in text
        or "reported" in text
        or "stated" in text
        or "announced" in text
        or "confirmed" in text
        or "added" in text
        or "ccording" in text
    )


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
    if "day" not in part:  # every weekday ends so (speed: most parts name none)
        return _PARENTHETICAL.sub("", part) if "(" in part else part
    if at_start:
        part = _OPENING_WEEKDAY.sub("", part)
    part = _WEEKDAY_ADJUNCT.sub(lambda m: _weekday(m, part), part)
    # every parenthetical holds "(" (speed: the pattern is slow to search, at every space)
    return _PARENTHETICAL.sub("", part) if "(" in part else part


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


# ----------------------------------------------------------------- shorter variants
#
# :func:`shorter` goes further than :func:`compress`: it lists the sentences that can be
# made from one by deleting whole low-value constituents, so that a brief can fit a
# second sentence into the words its headline leaves. Every variant keeps the
# original's words in their order and ends with its final stop.

# a trailing clause a sentence can end without, after a comma: ", which ...",
# ", after ...", ", killing 298 people", ", according to ...", ", the first since ..."
_TRAIL_COMMA = re.compile(
    r",\s+(?=(?:which|who|whose|where|after|as|while|when|amid|despite|following|"
    r"including|according|with|without|but|although|though|before|until|because|"
    r"in\s+(?:a|an|what|which|the\s+wake)|the\s+(?:first|latest|second|third|last|"
    r"biggest|largest|worst|deadliest|highest|lowest)|(?!(?:thing|something|nothing|"
    r"everything|anything|king|spring|string|morning|evening|during|bring)\b)"
    r"[a-z]{2,}ing)\b)"
)
# a trailing adjunct without a comma: "... arrested after a raid."
_TRAIL_BARE = re.compile(
    r"\s+(?=(?:after|amid|following|because|despite|while|as\s+part\s+of|"
    r"in\s+response\s+to|in\s+a\s+bid|in\s+an\s+attempt)\b)"
)
# deletable inner spans; ``keep`` is a word that may not precede the span
_INNER = (
    # a non-restrictive relative clause: "The man, who was 45, died."
    re.compile(r",\s+(?:who|which)\s+[^,;:\"“”()]{1,80}?,(?=\s+[a-z])"),
    # an appositive after a name: "Sturgeon, the first minister, said"
    re.compile(
        r",\s+(?:a|an|the|its|his|her|their)\s+[^,;:\"“”()]{1,70}?,"
        r"(?=\s+[a-z])"
    ),
    # an age after a name: "John Smith, 45, was"
    re.compile(r",\s+\d{1,3},(?=\s+[a-z])"),
    # a date: "on March 5", "on 5 March 2019", "last week", "earlier this month"
    re.compile(
        r"\s+(?:on\s+)?(?:(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?|January|"
        r"February|March|April|May|June|July|August|September|October|November|December)"
        r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?(?=[\s,.;:!?])"
        r"|\s+(?:on\s+)?\d{1,2}\s+(?:January|February|March|April|May|June|July|August|"
        r"September|October|November|December)(?:\s+\d{4})?(?=[\s,.;:!?])"
        r"|\s+(?:(?:earlier|later|late|early)\s+)?(?:this|last)\s+(?:week|month|weekend)"
        r"(?=[\s,.;:!?])"
    ),
)
_SPAN_KEEP_AFTER = frozenset(
    "since until till by from to through before after of between than the a and or for as".split()
)
# an opening adverbial up to a comma: "In a statement, ...", "On March 5, ..."
_OPENING_PHRASE = re.compile(
    r"^(?:In|On|At|During|After|Earlier|Later|Last|Late|Early|Following|Amid)\b"
    r"[^,;:\"“”()]{0,45}?,\s+(?=[A-Za-z])"
)
_MAX_SUBSETS = 4
_SAID_WORDS = frozenset("said says told reported added stated announced".split())
_RELATIVE = re.compile(r"(?:who|which|whose|where)\b")


def shorter(text: str, min_words: int = 6) -> list[str]:
    """Sentences made from ``text`` by deleting low-value constituents, longest first.

    The deletions are a trailing subordinate or participle clause (", which ...",
    ", after ...", ", killing ...", "... amid protests."), a non-restrictive relative
    clause or appositive between commas ("Sturgeon, the first minister, said"), an age
    after a name, a date phrase ("on March 5", "last week") and an opening adverbial
    ("In a statement, ..."), alone or together. Nothing inside quotation marks or
    parentheses is cut, each variant keeps the original's final stop, has at least
    ``min_words`` words and its quotes and brackets pair up. ``text`` itself is not
    in the list.
    """
    body = text.strip()
    end = _ENDS.search(body)
    if end is None or len(body.split()) <= min_words:
        return []
    stop = body[end.start()]
    if body[end.start() :].strip(".!?"):
        return []  # ends inside a quotation or bracket: leave it whole
    core = body[: end.start()]
    protected = _protected(core)

    def free(a: int, b: int) -> bool:
        return not any(a < y and x < b for x, y in protected)

    cuts = [len(core)]
    for pattern in (_TRAIL_COMMA, _TRAIL_BARE):
        for m in pattern.finditer(core):
            tail = core[m.end() :]
            if _RELATIVE.match(tail) and "," in tail:
                continue  # "John Smith, who led it, was arrested": not a trailing clause
            if not _runs_to_end(tail):
                continue  # "X, after a long debate, approved Y": the main verb follows
            if free(m.start(), len(core)):
                cuts.append(m.start())
    spans: list[tuple[int, int]] = []
    m = _OPENING_PHRASE.match(core)
    if m and free(0, m.end()):
        spans.append((0, m.end()))
    for k, pattern in enumerate(_INNER):
        for m in pattern.finditer(core):
            before = core[: m.start()].split()
            if before and before[-1].lower() in _SPAN_KEEP_AFTER:
                continue
            if k in (1, 2) and (len(before) < 2 or not before[-1][:1].isupper()):
                continue  # an appositive or an age follows a name, not the first word
            if free(m.start(), m.end()):
                spans.append((m.start(), m.end()))
    spans = _disjoint(spans)

    out: list[str] = []
    seen = {body}
    for cut in sorted(set(cuts), reverse=True):
        inside = [s for s in spans if s[1] <= cut][:_MAX_SUBSETS]
        for mask in range(1 << len(inside)):
            chosen = [s for k, s in enumerate(inside) if mask >> k & 1]
            cand = _assemble(core[:cut], chosen) + stop
            if cand in seen or not _well_formed(cand, min_words):
                continue
            seen.add(cand)
            out.append(cand)
    out.sort(key=lambda t: -len(t.split()))
    return out


def _runs_to_end(tail: str) -> bool:
    """Whether a clause opening ``tail`` runs to the sentence's end.

    A later comma must open another trailing clause or an attribution ("..., officials
    said"); a comma before a lower-case word that is neither ("..., after a debate,
    approved the bill") means the clause was inserted and the main clause goes on.
    """
    for m in re.finditer(r",\s+([a-z][\w'’-]*)(?:\s+([\w'’-]+))?", tail):
        if _TRAIL_COMMA.match(m.group(0)) or (m.group(2) or "") in _SAID_WORDS:
            continue
        return False
    return True


def _protected(text: str) -> list[tuple[int, int]]:
    """Spans of quotations and parentheses (nothing in them is cut)."""
    # every quotation opens with one of these (speed: most sentences hold none)
    has_quote = '"' in text or "“" in text or "‘" in text
    spans = [(m.start(), m.end()) for m in _QUOTED.finditer(text)] if has_quote else []
    spans += [(m.start(), m.end()) for m in re.finditer(r"\([^()]*\)|\[[^\[\]]*\]", text)]
    return spans


def _disjoint(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans merged: ", 45, who led the group," is one deletion."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(set(spans)):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
            continue
        out.append((a, b))
    return out


def _assemble(text: str, spans: list[tuple[int, int]]) -> str:
    parts, last = [], 0
    for a, b in spans:
        parts.append(text[last:a])
        parts.append(" ")
        last = b
    parts.append(text[last:])
    out = re.sub(r"\s{2,}", " ", "".join(parts)).strip()
    out = re.sub(r"\s+([,.;:!?])", r"\1", out).rstrip(",;: ")
    if spans and spans[0][0] == 0 and out[:1].islower():  # an opening phrase went
        out = out[0].upper() + out[1:]
    return out


def _well_formed(text: str, min_words: int) -> bool:
    if len(text.split()) < min_words:
        return False
    if text.count('"') % 2 or text.count("“") != text.count("”"):
        return False
    return text.count("(") == text.count(")")
