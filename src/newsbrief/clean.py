"""Cleaning: repair mojibake, normalize white space, drop boilerplate, strip datelines.

The stage works line by line, because boilerplate on news pages comes in lines of its
own: a site promo in parentheses, a byline with a timestamp, "- AP inputs", "Follow us
on Twitter", a photo caption or credit, the outlet's name. Each rule below names one
kind; a line is dropped only when a rule matches it *whole* (or, for a caption, when it
ends in a photo credit), so real sentences that merely mention such words survive.

A leading dateline ("BEIRUT (Reuters) -", "NEW DELHI, Sept. 26 (Xinhua) --",
"Damascus:") is cut from the start of a paragraph, since a summary sentence must not
begin with it; a line that is only a dateline ("Sriharikota:") is dropped.

Hard-wrapped lines (a line with no final punctuation whose next line starts with a
lower-case word) are joined, since the sentence splitter ends a sentence at every line
break.

ftfy, the slow part, runs only on text that shows a mojibake pattern; the regular
expressions are compiled once and the costly ones are gated by cheap string tests.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from urllib.parse import urlsplit

from newsbrief.model import Article
from newsbrief.settings import Settings

__all__ = ["clean_article", "clean_text", "is_boilerplate", "strip_dateline"]

# --------------------------------------------------------------------------- text repair

_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
# UTF-8 read as Latin-1/cp1252: "Ã©", "â€™", "Â\xa0", or raw C1 control characters
_MOJIBAKE_HINT = re.compile(
    "[\u0080-\u009f]|\u00e2\u20ac|\u00e2\u0080"
    "|[\u00c2\u00c3\u00c5\u00ce\u00cf\u00d0\u00d1\u00d8\u00d9]"
    "[\u00a0-\u00bf\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
    "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]"
)
# a lone Latin-1 letter or symbol left by broken encoding at the start of a line, before
# a capitalized word: "À President ..." (but "À la carte" stays)
_STRAY_CHARS = "\u00c0\u00c1\u00c2\u00c3\u00c4\u00c5\u00a2\u00a6\u00ac"
_STRAY_START = re.compile(rf"^[{_STRAY_CHARS}]\s+(?=[\"'“‘]?[A-Z][a-z])")
# "Â" on its own is never a word of English text
_STRAY_A_CIRC = re.compile(r"(?:(?<=\s)|^)\u00c2(?:\s+|$)")

# --------------------------------------------------------------------------- boilerplate

_NAME = r"(?-i:[A-Z][\w.'’-]*)"  # a capitalized word, case-sensitive even under re.I
_NAMES = rf"{_NAME}(?:\s+(?:(?:de|da|van|von|al|el|bin|la|le)\s+)?{_NAME}){{0,3}}"
_AGENCY = (
    r"(?:the\s+)?(?:associated\s+press|agence\s+france[- ]presse|press\s+association|"
    r"press\s+trust\s+of\s+india|reuters|afp|ap|pti|ians|ani|xinhua|dpa|efe|upi|ansa|"
    r"kyodo|yonhap|tass|ria\s+novosti|bloomberg|anadolu(?:\s+agency)?)"
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\.?"
_DATE = (
    rf"(?:(?:{_WEEKDAY},?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
    r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2})"
)
_TIME = (
    r"(?:\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)"
    r"(?:\s*\(?(?:[A-Z]{2,4}|UTC|GMT)(?:\s*[+-]\s*\d{1,2}(?::\d{2})?)?\)?)?"
)

# Lines that are boilerplate as a whole (case-insensitive, full line). Every pattern
# starts with something specific, so a real sentence fails it at once.
_LINE_PATTERNS = [
    # site promos and editor's notes: a whole line in parentheses
    r"\(.*\b(?:members?(?:hip)?|subscri\w*|newsletters?|journalism|support\s+us|donat\w*|"
    r"not\s+been\s+edited|auto-generated|syndicated\s+feed|download\s+(?:the|our)\s+app)\b.*\)\.?",
    # bylines and timestamps: "23/12/2016 14:08 by admin", "Published 3 hours ago"
    rf"•?\s*{_DATE}(?:,?\s+(?:at\s+)?{_TIME})?(?:\s*\|?\s*by\s+.{{1,60}}|(?:\s+{_NAME}){{0,3}})",
    rf"•?\s*(?:last\s+)?(?:published|updated|posted|modified|first\s+published)\b\s*:?"
    rf"(?:\s*\|\s*(?:updated|modified)\s*:?)?(?:\s*(?:on|at)?\s*[^.!?]{{0,80}}?"
    rf"(?:{_DATE}|{_TIME}|ago|\d{{4}}))?(?:,?\s+{_TIME})?",
    rf"{_TIME}(?:,?\s+{_DATE})?",
    rf"(?:written\s+|posted\s+|reported\s+)?by\s+{_NAMES}(?:\s*(?:,|and|&)\s*{_NAMES})*"
    rf"(?:\s*[,|/]\s*(?:{_AGENCY}|{_NAMES}|staff\s+(?:writer|reporter)|correspondent))?\.?",
    r"(?:/\s*)?(?:written\s+by|author|sources?)(?:\s*:\s*.{1,60})?",
    rf"{_AGENCY}(?:\s+(?:staff|reporter|writer))?\.?",
    # agency credits: "- AP inputs", "(With inputs from Reuters)", "With agency inputs"
    r"[-–—•]?\s*(?:\w+\s+){0,2}inputs?\.?",
    r"\(?\s*with\s+(?:additional\s+)?(?:inputs?|reporting|agency\s+inputs?|contributions?)\b"
    r".{0,120}\)?\.?",
    rf"[-–—]\s*{_NAME}(?:\s+{_NAME}){{0,2}}\s*:\s*{_AGENCY}",
    rf"[-–—]\s*{_NAME}(?:\s+{_NAME})?\s+report",
    # follow / share / subscribe / read more / comments
    r"(?:follow|like|find|join)\s+us\b.{0,100}",
    r"share(?:\s+this(?:\s+(?:article|story|page|post|video))?|\s+it|\s+on\s+\w+|\s+via\s+\w+)?"
    r"\W*|share\s+adjust\s+comment\s+print",
    r"(?:read|see|watch)\s+(?:more|also|next)(?:\s*[:»›|–—-].{0,160}|\W*)"
    r"|read\s+(?:the\s+)?full\s+(?:story|article)\W*|what\s+to\s+read\s+next",
    r"more\s*:.{0,160}|more\s+from\s+.{1,60}|more\s+news\s*:.{0,160}|more\s+follows\W*",
    r"(?:click|tap)\s+here\b.*",
    r"(?:sign\s+up|subscribe)\b.{0,120}",
    r"(?:you\s+have\s+)?successfully\s+subscribed\b.*",
    r"already\s+a\s+subscriber\?.*|log\s*in|sign\s*in|join\s+the\s+debate\b.*|unlock\s+access\b.*",
    r"advertisement|advertising|sponsored(?:\s+content)?|story\s+continues\s+below.*"
    r"|continue\s+reading.*|skip\s+(?:to\s+)?(?:main\s+)?content|skip\s+ad",
    r"related(?:\s+(?:topics|articles|stories|news|coverage))?|more\s+on\s+this\s+story"
    r"|up\s+next|most\s+(?:popular|read|viewed)\b.{0,60}|trending(?:\s+now)?|live\s+now"
    r"|top\s+stories",
    r"comments?(?:\s+are\s+(?:now\s+)?closed\b.*)?|expand|close|menu|print|email|whatsapp",
    r"leave\s+a\s+(?:reply|comment)|be\s+the\s+first\s+to\s+comment"
    r"|please\s+enter\s+your\s+\w+.*|your\s+email\s+address\s+will\s+not\s+be\s+published.*",
    r"this\s+article\s+is\s+more\s+than\s+\d+\s+\w+\s+old",
    r"view\s+all\s+\d+\s+updates\W*|open\s+this\s+photo\s+in\s+gallery\W*",
    r"watch\s*:?\s+(?:\w+\s+)?(?:news|live|video)|watch\s+live\b.*|watch\s+video\b.*",
    r"sorry,?\s+this\s+video\s+(?:is\s*n[o']t|is\s+no\s+longer)\s+available.*",
    r"visit\s+.{1,60}\b(?:facebook|twitter|instagram|youtube|website)\b.{0,60}",
    r"newspapers\s+(?:in|from)\s+\w+",
    r"(?:copyright\s*(?:©|\(c\))?|©)\s*(?:\d{4}\b.{0,100}|[^.]{0,80})",
    # photo captions and credits
    r"(?:image|photo|picture|video)\s+(?:source|caption|credit|copyright)s?\b.*",
    r"(?:image|photo|picture|pic)\s*:\s*.{1,60}",
    r"file(?:\s+photo)?\s*[-:–—].*",
    r"(?:getty\s+images|shutterstock|ap\s+photo|afp\s+via\s+getty\s+images)\.?",
    r"\S+\s+via\s+(?:ap|getty(?:\s+images)?|reuters|afp)",
    # markup and debris: tags, template placeholders, gallery counters, file names, rules
    r"(?:<[^>]{0,500}>\s*)+",
    r"(?:\[[^\]]{0,80}\]\s*)+|(?:\{[^}]{0,40}\}\s*)+",
    r"(?:\d+\s+of\s+\d+\s*)+",
    r"[-•]?\s*\S+\.(?:jpe?g|png|gif|webp)",
    r"[\W_]+",
]
_LINE_RE = re.compile("(?:" + "|".join(f"(?:{p})" for p in _LINE_PATTERNS) + r")\s*", re.I)
# the same kind of rule for patterns that must scan the line, behind cheap gates
_NEWSLETTER_END = re.compile(r".{0,60}\b(?:newsletters?|e-?mails?)\s*", re.I)  # short lines
_RIGHTS = re.compile(r".{0,80}\ball\s+rights\s+reserved\.?\s*", re.I)
_TWEET_BYLINE = re.compile(
    r".{0,600}[—–-]\s*[^—–]{1,60}\(@\w+\)\s+" + _MONTH + r"\s+\d{1,2},\s+\d{4}\s*", re.I
)

# Credit lines such as "SAM MIRCOVICH/REUTERS", "Reuters/Kai Pfaffenbach", "Hope Hicks / Getty"
_CREDIT_LINE = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*\s*/\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
    r"(?:\s*/\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})*"
)

# A caption ends in a photo credit. Each form is tried only where a cheap test finds its
# anchor: a final ")" or "]", a ":" or "/" near the end, or the words "image source".
_CREDIT_PAREN = re.compile(
    # "(Photo: City Fire Service)", "(Picture: AFP)", "(Photo by X/Y/AFP via Getty Images)"
    r"\((?:photos?|pictures?|images?|pics?|credits?|video|photo\s+credit)\s*(?:by|:)[^()]{0,120}\)"
    # "(Kena Betancur / AFP/Getty Images)", "(The Canadian Press/Nathan Denette)"
    r"|\((?-i:[A-Z])[\w.'’-]*(?:\s+[\w.'’-]+){0,4}\s*/\s*(?-i:[A-Z])[^()]{0,60}\)",
    re.I,
)
_CREDIT_BRACKET = re.compile(r"\[(?:file|photo|image|picture|credit)s?\s*:[^\]]{0,80}\]", re.I)
# "Photograph: Stefan Rousseau/PA", "Photo credit: X", "Credit: X/Y", "Picture by: X"
_CREDIT_COLON = re.compile(
    r"(?:^|(?<=[\s.!?)a-z]))(?:photo(?:graph)?|picture|image|photo\s+credit|credit|pic)"
    r"(?:\s+by)?\s*:\s*(?-i:[A-Z])[^.:]{0,80}\.?$",
    re.I,
)
_CREDIT_SOURCE = re.compile(r"image\s+(?:source|copyright),\s*[^.:]{1,60}\.?$", re.I)
# "... June 7.Fred Lum/The Globe and Mail", "... agreement.Cliff Owen / AP file"
_CREDIT_GLUED = re.compile(
    r"[.)]\s*[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\s*/\s*[A-Z][\w.'’&-]*"
    r"(?:\s+[\w.'’&-]+){0,4}\.?$"
)

# "date 2016-09-26" (a marker some stored excerpts carry at the start)
_DATE_MARK = re.compile(r"^\s*date\s+(\d{4})-(\d{2})(?:-(\d{2}))?\b[ \t]*")

# --------------------------------------------------------------------------- datelines

_DL_AGENCY = r"\([A-Z][A-Za-z.&'’ -]{0,30}\)"
_DL_DATE = r"(?:(?P<mon>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2})(?:,\s*(?P<year>\d{4}))?)"
_DL_REGION = r"(?:[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){0,2})"
_DL_CAPS = r"(?:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})"
_DL_DASH = r"(?:--|—|–|-|:)"
_DL_NEXT = r"(?=[\"'“‘(\[A-Z0-9])"
# "BEIRUT (Reuters) -", "NEW DELHI, Sept. 26 (Xinhua) --", "MONTREAL —", "TOKYO --",
# "NASHVILLE, Tenn. (WZTV) —", "LONDON, June 4 (Reuters) -", "REPORT:"
_DATELINE_CAPS = re.compile(
    rf"^{_DL_CAPS}(?:,\s*{_DL_REGION})??(?:,?\s*{_DL_DATE})?\s*(?:{_DL_AGENCY})?"
    rf"\s*{_DL_DASH}\s+{_DL_NEXT}"
)
# "Ouagadougou, Aug 19, 2019 (AFP) -", "London, June 4 (Reuters) -": an agency is required
_DATELINE_AGENCY = re.compile(
    rf"^{_DL_REGION}(?:,\s*{_DL_REGION})?(?:,?\s*{_DL_DATE})?\s*{_DL_AGENCY}\s*{_DL_DASH}\s+{_DL_NEXT}"
)
# "Welkom –", "Buenos Aires/Washington —": a dash, never a hyphen (first paragraphs only)
_DATELINE_TITLE = re.compile(
    r"^[A-Z][a-z]+(?:[ /][A-Z][a-z]+){0,2}(?:,\s*[A-Z][a-z]+\.?)?\s+(?:--|—|–)\s+(?=[\"'“‘A-Z0-9])"
)
# "Damascus: The army ..." (first paragraphs only)
_DATELINE_COLON = re.compile(r"^[A-Z][a-z]+(?:\s[A-Z][a-z]+)?:\s+(?=[\"'“‘A-Z])")
# a line that is only a dateline: "Sriharikota:", "NEW YORK", "AFP, SAN FRANCISCO"
_DATELINE_ONLY = re.compile(
    r"(?:(?:AFP|AP|Reuters|PTI|IANS|ANI|Xinhua),\s*)?"
    rf"{_DL_CAPS}(?:,\s*{_DL_REGION})?(?:,?\s*{_DL_DATE})?\s*(?:{_DL_AGENCY})?\s*{_DL_DASH}?"
    r"|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?:"
)
# "(UPDATED)", "[UPDATE]" tags at the start of a paragraph
_LEAD_TAG = re.compile(
    r"^(?:\((?:UPDATED?|BREAKING|WATCH|VIDEO|PHOTOS?|LIVE|EXCLUSIVE)\)"
    r"|\[(?:UPDATED?|BREAKING|WATCH|VIDEO|PHOTOS?|LIVE|EXCLUSIVE)\])\s*"
)
_BULLET = re.compile(r"^(?:[•·▪►●◦*]|[-–](?=\s))\s*(?=[\"'“‘(A-Z0-9])")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        1,
    )
    for name in names
}

# --------------------------------------------------------------------------- captions

_TERMINAL = re.compile(r"[.!?…:;,]['\"”’)\]]*$")
_CAPTION_PLURAL = frozenset(
    "two three four five six seven eight nine ten several people crowds members residents "
    "soldiers protesters demonstrators rescuers firefighters police officers supporters "
    "children women men students workers mourners refugees migrants troops fighters".split()
)
_NOT_CAPTION = frozenset(
    "will would was were has had have said says could should may might must can did "
    "do does shall".split()
)
# words that follow the verb of a caption: "places a flag", "walks past", "waves from"
_AFTER_VERB = frozenset(
    "a an the his her their its from past at on in during with as to through into outside "
    "inside after near by up down out away over under toward towards across along around "
    "amid while".split()
)
_PUNCT = str.maketrans({c: " " for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’–—…«»•·"})
_CONTINUATION = re.compile(r"[a-z][a-z'’-]*(?:[\s,;:.!?]|$)")


def _key(line: str) -> str:
    """Case-, space- and punctuation-insensitive form of a line, for comparisons."""
    return " ".join(line.lower().translate(_PUNCT).split())


def _credit(line: str) -> int:
    """Where the photo credit that ends a caption line starts, or -1."""
    n = len(line)
    if n > 1200:
        return -1
    end = line.rstrip(".").rstrip()
    if end.endswith(")"):
        i = end.rfind("(")
        if i >= 0 and _CREDIT_PAREN.fullmatch(end, i):
            return i
    elif end.endswith("]"):
        i = end.rfind("[")
        if i >= 0 and _CREDIT_BRACKET.fullmatch(end, i):
            return i
    start = max(0, n - 110)
    if line.find(":", start) >= 0:
        m = _CREDIT_COLON.search(line, start)
        if m:
            return m.start()
    if line.find("/", start) >= 0:
        m = _CREDIT_GLUED.search(line, start)
        if m:
            return m.start() + 1
    i = line.lower().rfind("image ", start)
    if i >= 0:
        m = _CREDIT_SOURCE.match(line, i)
        if m:
            return i
    return -1


def _has_quote(text: str) -> bool:
    return '"' in text or "“" in text or "”" in text


def is_boilerplate(line: str) -> bool:
    """True when the line as a whole is one of the boilerplate kinds this module knows.

    The kinds: site promos and editor's notes in parentheses; bylines, timestamps and
    dates on a line of their own; agency credits ("- AP inputs", "With agency inputs");
    follow, share, subscribe, sign-up and read-more lines; comment-form and
    advertisement labels; copyright lines; photo captions that end in a credit, and
    credit lines; embedded tweets; markup debris; lines that are only a dateline.
    """
    s = " ".join(line.split())
    if not s:
        return False
    if _LINE_RE.fullmatch(s) or _CREDIT_LINE.fullmatch(s) or _DATELINE_ONLY.fullmatch(s):
        return True
    low = s.lower()
    if len(s) <= 80 and _NEWSLETTER_END.fullmatch(s):
        return True
    if "rights reserved" in low and _RIGHTS.fullmatch(s):
        return True
    if "pic.twitter.com/" in low or ("(@" in s and _TWEET_BYLINE.fullmatch(s)):
        return True
    if low.endswith(" logo") and len(s.split()) <= 8:
        return True
    i = _credit(s)
    # a quoted paragraph an extractor glued to a credit is not a caption (_clean keeps it)
    return i >= 0 and not _has_quote(s[:i])


def _dateline_date(m: re.Match[str]) -> date | None:
    """The date a dateline carries, when it has a month, a day and a year."""
    groups = m.groupdict()
    if not groups.get("year"):
        return None
    month = _MONTHS.get(groups["mon"].lower())
    if month is None:
        return None
    try:
        return date(int(groups["year"]), month, int(groups["day"]))
    except ValueError:
        return None


def _strip_dateline(sentence: str, lead: bool = True) -> tuple[str, date | None]:
    s = sentence.strip()
    if not s[:1].isupper():
        return s, None
    head = s[:80]
    m = None
    if s[1:2].isupper() or s[1:2] in ".'’-":
        m = _DATELINE_CAPS.match(s)
    if m is None and "(" in head:
        m = _DATELINE_AGENCY.match(s)
    if m is not None:
        return s[m.end() :].strip(), _dateline_date(m)
    if lead:
        if "—" in head or "–" in head or "--" in head:
            m = _DATELINE_TITLE.match(s)
        if m is None and ":" in head:
            m = _DATELINE_COLON.match(s)
        if m is not None:
            return s[m.end() :].strip(), None
    return s, None


def strip_dateline(sentence: str, lead: bool = True) -> str:
    """Remove a leading dateline from a sentence or paragraph.

    Handles "BEIRUT (Reuters) -", "NEW DELHI, Sept. 26 (Xinhua) --", "MONTREAL —",
    "WASHINGTON (AP) —", "Ouagadougou, Aug 19, 2019 (AFP) -" and, when ``lead`` is true
    (the first paragraphs of an article), "Damascus:" and "Welkom –". Ordinary
    sentence starts ("Assad said: ...", "The U.S.-led coalition ...") are left alone.
    """
    return _strip_dateline(sentence, lead)[0]


def _looks_like_caption(line: str) -> bool:
    """A short photo description: "A Syrian army soldier places a flag during a battle".

    6-25 words and no final punctuation; it opens with "A" or "An" and has a
    present-tense verb in its first words ("places a", "walks past", "is treated"), or
    opens with a number or a word for a group of people followed by "are ...". Lines
    with an auxiliary of another tense ("will", "was", "has") are not captions. The
    caller also requires a paragraph before and after it.
    """
    if _TERMINAL.search(line):
        return False
    words = line.split()
    if not 6 <= len(words) <= 25:
        return False
    first = words[0].lower()
    singular = first in ("a", "an")
    if not singular and first not in _CAPTION_PLURAL and not first.isdigit():
        return False
    low = [w.strip("\"'“”‘’,()").lower() for w in words]
    if any(w in _NOT_CAPTION for w in low):
        return False
    for k in range(1, min(len(words) - 1, 9)):
        w, nxt = low[k], low[k + 1]
        if not (words[k][:1].islower() and words[k + 1][:1].islower()):
            continue
        if w == ("is" if singular else "are"):
            return True
        if (
            singular
            and len(w) > 3
            and w.endswith("s")
            and not w.endswith(("ss", "us", "is", "'s", "’s"))
            and nxt in _AFTER_VERB
        ):
            return True
    return False


_GENERIC_LABELS = frozenset(
    "www m amp edition com org net co uk nz au ca in ie news gov int".split()
)


def _site_keys(url: str = "", source: str = "") -> set[str]:
    """Squashed names an outlet goes by: host labels of its URL and its source name."""
    keys: set[str] = set()
    host = (urlsplit(url).hostname or "") if url else ""
    keys.update(x for x in host.lower().split(".") if x not in _GENERIC_LABELS and len(x) > 2)
    if source:
        keys.add(re.sub(r"[^a-z0-9]", "", source.lower()))
    return {k.removeprefix("the") for k in keys if k}


def _is_site_name(line: str, keys: set[str]) -> bool:
    """A line that is only the outlet's name: "Newshub.", "The Desert Sun", "- ITV Report"."""
    if not keys or len(line.split()) > 5:
        return False
    k = re.sub(r"[^a-z0-9]", "", line.lower()).removeprefix("the")
    k = re.sub(r"(?:report|news|online|staff|com|couk)$", "", k)
    return bool(k) and k in keys


def _lines(text: str) -> list[str]:
    """Normalized non-empty lines, with hard-wrapped continuation lines joined.

    A line is joined to the one before when that one is 40-100 characters long and
    ends in a letter, a digit or a comma, and it starts with a lower-case word and is
    not boilerplate ("cp canadian press logo").
    """
    out: list[str] = []
    for raw in text.split("\n"):
        ln = " ".join(raw.split())
        if not ln:
            continue
        if ln[0] in _STRAY_CHARS:
            ln = _STRAY_START.sub("", ln)
        if "\u00c2" in ln:
            ln = _STRAY_A_CIRC.sub("", ln).strip()
            if not ln:
                continue
        prev = out[-1] if out else ""
        if (
            40 <= len(prev) <= 100
            and (prev[-1].isalnum() or prev[-1] == ",")
            and _CONTINUATION.match(ln)
            and not is_boilerplate(ln)
        ):
            out[-1] = f"{prev} {ln}"
        else:
            out.append(ln)
    return out


def _clean(text: str, title: str = "", site: set[str] | None = None) -> tuple[str, date | None]:
    """Cleaned text and the date its "date" marker or dateline gives, if any."""
    found: date | None = None
    if _MOJIBAKE_HINT.search(text):
        import ftfy  # the slow part: only when the text shows mojibake

        text = ftfy.fix_text(text, uncurl_quotes=False)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _ZERO_WIDTH.search(text):
        text = _ZERO_WIDTH.sub("", text)
    m = _DATE_MARK.match(text)
    if m:
        try:
            found = date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
        except ValueError:
            found = None
        text = text[m.end() :]
    lines = _lines(text)
    title_key = _key(title)
    keys = site or set()
    out: list[str] = []
    seen: set[str] = set()
    for k, line in enumerate(lines):
        key = _key(line)
        if k < 5 and title_key and key == title_key:  # the headline, repeated
            continue
        if is_boilerplate(line) or _is_site_name(line, keys):
            # a caption printed twice, the second time with its credit: drop both
            if out and len(out[-1]) > 20 and key.startswith(_key(out[-1])):
                seen.discard(_key(out.pop()))
            continue
        if out and k + 1 < len(lines) and _looks_like_caption(line):
            continue
        if key in seen:  # a line repeated (captions, pull quotes, teasers)
            continue
        i = _credit(line)
        if i > 0:  # a quoted paragraph with a credit glued on: keep the paragraph
            line = line[:i].rstrip()
        if line[0] in "([":
            line = _LEAD_TAG.sub("", line)
        line, when = _strip_dateline(line, lead=len(out) < 3)
        found = found or when
        if line and not line[0].isalnum():
            line = _BULLET.sub("", line, count=1)
        if line:
            out.append(line)
            seen.add(key)
    return "\n".join(out), found


def clean_text(text: str, title: str = "", *, site: str = "") -> str:
    """The text cleaned: mojibake repaired, spaces normalized, boilerplate lines dropped.

    ``title`` is dropped where the text repeats it in its first lines; ``site`` (the
    article's URL or its outlet's name) lets a line that is only the outlet's name go.
    """
    keys = _site_keys(url=site) if "." in site or "/" in site else _site_keys(source=site)
    return _clean(text, title, keys)[0]


def clean_article(article: Article, settings: Settings | None = None) -> Article | None:
    """The article with its text cleaned (same id), or None when no text is left.

    A leading "date YYYY-MM-DD" marker, or a dateline with a full date, becomes the
    publication date when the article has none. ``settings`` is accepted for the
    common stage interface; cleaning has no tunable values.
    """
    text, found = _clean(article.text, article.title, _site_keys(article.url, article.source))
    if not text:
        return None
    return replace(article, text=text, published=article.published or found)
