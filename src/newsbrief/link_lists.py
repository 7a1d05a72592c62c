"""Lists of links to other stories under a "See also:" or "Related stories" header.

A page often ends (or breaks) its story with a header and the headlines of other stories:
"See also:" / "Russian Air Strikes Hit U.S.-backed Syrian Rebels" / "Russian Airstrike
Kills 23 in Syria Reports". The header line is boilerplate (clean.py drops it); the
headlines after it are not the article's text, and their figures are another event's
(the 23 killed in Syria, compared against the 37 of the Ankara bombing the event is
about: a false disagreement, issue 14 item 3). A headline ends without a sentence's
final stop, so the run of such lines right after the header is dropped; the first line
that ends as a sentence does ("Related Coverage" followed by the story going on) ends
the run, and nothing else is touched.
"""

from __future__ import annotations

import re

#: a line that only announces links to other stories ("Read more", which follows each
#: link on some pages rather than heading a list, is left to clean.py)
_HEADER = re.compile(
    r"(?:see\s+also|related(?:\s+(?:articles|stories|news|coverage|content|links|reading))?"
    r"|more\s+on\s+this\s+story|more\s+stories|you\s+may\s+also\s+like|recommended"
    r"(?:\s+(?:stories|articles|for\s+you))?|read\s+next|further\s+reading)\s*:?",
    re.I,
)
#: how a sentence ends: a stop, then closing quotes or brackets
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
#: a headline is short
_HEADLINE_CHARS = 160
#: at most this many headlines after one header
_MAX_LINKS = 10


def drop_link_lists(lines: list[str]) -> list[str]:
    """``lines`` without the headlines listed after a related-links header (the header
    itself is kept, for clean.py's boilerplate rule to drop)."""
    if not any(len(ln) < 40 and _HEADER.fullmatch(ln.strip()) for ln in lines):
        return lines
    out: list[str] = []
    links = -1  # headlines dropped under the current header; -1: not under one
    for ln in lines:
        s = ln.strip()
        if len(s) < 40 and _HEADER.fullmatch(s):
            out.append(ln)
            links = 0
            continue
        if 0 <= links < _MAX_LINKS and len(s) <= _HEADLINE_CHARS and not _SENTENCE_END.search(s):
            links += 1
            continue
        links = -1
        out.append(ln)
    return out
