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

An article without a publication date takes one from a leading "date 2016-09-26" marker,
a byline or timestamp line ("23/12/2016 14:08 by admin") or a dateline with a full date.

ftfy, the slow part, runs only on text that shows a mojibake pattern; the regular
expressions are compiled once and the costly ones are gated by cheap string tests.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from urllib.parse import urlsplit

from newsbrief.link_lists import drop_link_lists
from newsbrief.model import Article
from newsbrief.settings import Settings
from newsbrief.text import MONTH_NUMBERS

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
# a quick test first: the characters every such pattern starts with
_MOJIBAKE_LEAD = re.compile(
    "[\u0080-\u009f\u00c2\u00c3\u00c5\u00ce\u00cf\u00d0\u00d1\u00d8\u00d9\u00e2]"
)
# a lone Latin-1 letter or symbol left by broken encoding at the start of a line, before
# a capitalized word: "À President ..." (but "À la carte" stays)
_STRAY_CHARS = "\u00c0\u00c1\u00c2\u00c3\u00c4\u00c5\u00a2\u00a6\u00ac"
_STRAY_START = re.compile(rf"^[{_STRAY_CHARS}]\s+(?=[\"'“‘]?[A-Z][a-z])")
# "Â" on its own is never a word of English text
_STRAY_A_CIRC = re.compile(r"(?<![^\W\d_])\u00c2(?=\s|$)")

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
# starts with something specific, so a real sentence fails it at once. These match short
# lines only (at most 15 words); _ANY_LENGTH_PATTERNS below are tried on every line.
_SHORT_LINE_PATTERNS = [
    # bylines, datelines and timestamps: "23/12/2016 14:08 by admin", "By Jane Doe"
    rf"•?\s*{_DATE}(?:,?\s+(?:at\s+)?{_TIME})?(?:\s*\|?\s*by\s+.{{1,60}}|(?:\s+{_NAME}){{0,3}})",
    rf"{_TIME}(?:,?\s+{_DATE})?",
    rf"(?:written\s+|posted\s+|reported\s+)?by\s+{_NAMES}(?:\s*(?:,|and|&)\s*{_NAMES})*"
    rf"(?:\s*[,|/]\s*(?:{_AGENCY}|{_NAMES}|staff\s+(?:writer|reporter)|correspondent))?\.?",
    r"(?:/\s*)?(?:written\s+by|author|sources?)(?:\s*:\s*.{1,60})?",
    rf"{_AGENCY}(?:\s+(?:staff|reporter|writer))?\.?",
    # reading-time badges: "2 min read", "clock • 4 min read", "·4 min read", "clock 13
    # November 2024 • 4 min read", "Reading time: 3 minutes"
    r"(?:clock\b\s*)?(?:[^•·|]{0,30}[•·|]\s*)?[•·]?\s*\d{1,3}[\s-]*min(?:ute)?s?\.?\s+read",
    r"(?:estimated\s+)?reading\s+time\s*:?\s*\d{1,3}\s*min(?:ute)?s?\.?",
    # agency credits: "- AP inputs", "- Sydney: AFP", "- ITV Report"
    r"[-–—•]?\s*(?:\w+\s+){0,2}inputs?\.?",
    rf"[-–—]?\s*{_NAME}(?:\s+{_NAME}){{0,2}}\s*:\s*{_AGENCY}",
    rf"[-–—]?\s*{_NAME}(?:\s+{_NAME})?\s+report",
    # share / navigation / comment-form labels
    r"share(?:\s+this(?:\s+(?:article|story|page|post|video))?|\s+it|\s+on\s+\w+|\s+via\s+\w+)?"
    r"\W*|share\s+adjust\s+comment\s+print",
    r"log\s*in|sign\s*in|unlock\s+access\b.*|skip\s+(?:to\s+)?(?:main\s+)?content|skip\s+ad",
    r"advertisement|advertising|sponsored(?:\s+content)?",
    r"related(?:\s+(?:topics|articles|stories|news|coverage))?|more\s+on\s+this\s+story"
    r"|up\s+next|most\s+(?:popular|read|viewed)\b.{0,60}|trending(?:\s+now)?|live\s+now"
    r"|top\s+stories|what\s+to\s+read\s+next",
    r"expand|close|menu|print|email|whatsapp",
    r"leave\s+a\s+(?:reply|comment)|be\s+the\s+first\s+to\s+comment",
    r"this\s+article\s+is\s+more\s+than\s+\d+\s+\w+\s+old",
    r"view\s+all\s+\d+\s+updates\W*|open\s+this\s+photo\s+in\s+gallery\W*",
    r"newspapers\s+(?:in|from)\s+\w+",
    # photo credits
    r"(?:image|photo|picture|pic)\s*:\s*.{1,60}",
    r"(?:getty\s+images|shutterstock|ap\s+photo|afp\s+via\s+getty\s+images)\.?",
    r"\S+\s+via\s+(?:ap|getty(?:\s+images)?|reuters|afp)",
    # debris: gallery counters, file names, rules
    r"(?:\d+\s+of\s+\d+\s*)+",
    r"[-•]?\s*\S+\.(?:jpe?g|png|gif|webp)",
    r"[\W_]+",
]
_ANY_LENGTH_PATTERNS = [
    # site promos and editor's notes: a whole line in parentheses
    r"\(.*\b(?:members?(?:hip)?|subscri\w*|newsletters?|journalism|support\s+us|donat\w*|"
    r"not\s+been\s+edited|auto-generated|syndicated\s+feed|download\s+(?:the|our)\s+app)\b.*\)\.?",
    # "Published 3 hours ago", "Last Updated Thursday, June 7, 2018 11:17PM EDT"
    rf"•?\s*(?:last\s+)?(?:published|updated|posted|modified|first\s+published)\b\s*:?"
    rf"(?:\s*\|\s*(?:updated|modified)\s*:?)?(?:\s*(?:on|at)?\s*[^.!?]{{0,80}}?"
    rf"(?:{_DATE}|{_TIME}|ago|\d{{4}}))?(?:,?\s+{_TIME})?",
    # "(With inputs from Reuters)", "With agency inputs"
    r"\(?\s*with\s+(?:additional\s+)?(?:inputs?|reporting|agency\s+inputs?|contributions?)\b"
    r".{0,120}\)?\.?",
    # follow / subscribe / sign up / read more / click here
    r"(?:follow|like|find|join)\s+us\b.{0,100}",
    r"(?:read|see|watch)\s+(?:more|also|next)(?:\s*[:»›|–—-].{0,160}|\W*)"
    r"|read\s+(?:the\s+)?full\s+(?:story|article)\W*",
    r"more\s*:.{0,160}|more\s+from\s+.{1,60}|more\s+news\s*:.{0,160}|more\s+follows\W*",
    r"(?:click|tap)\s+here\b.*",
    r"(?:sign\s+up|subscribe)\b.{0,120}",
    # newsletter, tip-line and membership promos: "Thanks for signing up!", "Have a tip?
    # ...", "Get the latest updates right in your inbox. Subscribe to ...'s newsletters."
    r"(?:get|receive)\s+(?:the\s+)?(?:latest|day[’']s|week[’']s|top)\b.{0,80}?"
    r"\b(?:inbox|newsletters?)\b.{0,120}",
    r"thanks?\s+(?:you\s+)?for\s+(?:signing\s+up|subscribing|reading)\b.{0,120}",
    r"keep\s+an\s+eye\s+on\s+your\s+inbox\b.{0,120}",
    r"there\s+was\s+an\s+error\s+processing\s+your\s+(?:subscription|request)\b.{0,60}",
    r"have\s+a\s+(?:news\s+)?tip\s*\?.{0,200}",
    r"if\s+you\s+(?:enjoyed|liked|value)\s+(?:this|our)\s+(?:article|story|journalism)\b.{0,600}",
    r"(?:follow|listen\s+to)\s+.{1,60}?\bon\s+(?:twitter|facebook|instagram|youtube)\b.{0,80}",
    r"(?:you\s+)?(?:may|might)\s+also\s+(?:like|enjoy)\W*|don[’']t\s+miss\W*"
    r"|explore\s+further\W*|tell\s+us\s+what\s+you\s+think\W*",
    r"related\s*:.{0,160}|filed\s+under\s*:.{0,160}",
    r"additional\s+reporting\s+by\s+.{1,100}",
    # a bare address or timestamp: "https://www.example.com/news/...", "2019-11-19T08:57:40+01:00"
    r"(?:https?://|www\.)\S+",
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?",
    r"(?:you\s+have\s+)?successfully\s+subscribed\b.*",
    r"already\s+a\s+subscriber\?.*|join\s+the\s+debate\b.*",
    r"story\s+continues\s+below.*|continue\s+reading.*",
    r"comments?(?:\s+are\s+(?:now\s+)?closed\b.*)?",
    r"please\s+enter\s+your\s+\w+.*|your\s+email\s+address\s+will\s+not\s+be\s+published.*",
    r"watch\s*:?\s+(?:\w+\s+)?(?:news|live|video)|watch\s+live\b.*|watch\s+video\b.*",
    r"sorry,?\s+this\s+video\s+(?:is\s*n[o']t|is\s+no\s+longer)\s+available.*",
    r"visit\s+.{1,60}\b(?:facebook|twitter|instagram|youtube|website)\b.{0,60}",
    r"(?:copyright\s*(?:©|\(c\))?|©)\s*(?:\d{4}\b.{0,100}|[^.]{0,80})",
    # photo captions: "Image caption,", "FILE - A man walks past ..."
    r"(?:image|photo|picture|video)\s+(?:source|caption|credit|copyright)s?\b.*",
    r"file(?:\s+photo)?\s*[-:–—].*",
    r"(?:in\s+)?this\s+(?:\w+\s+){0,2}(?:photo|image|picture)\s+(?:provided|released|taken|"
    r"made\s+available|obtained|shows)\b.*",
    # markup: tags, template placeholders
    r"(?:<[^>]{0,500}>\s*)+",
    r"(?:\[[^\]]{0,80}\]\s*)+|(?:\{[^}]{0,40}\}\s*)+",
]


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\s*", re.I)


_LINE_RE = _alternation(_SHORT_LINE_PATTERNS + _ANY_LENGTH_PATTERNS)
_LONG_LINE_RE = _alternation(_ANY_LENGTH_PATTERNS)
_SHORT_SPACES = 14  # a line with more spaces than this is tried on _LONG_LINE_RE only
# the same kind of rule for patterns that must scan the line, behind cheap gates
_NEWSLETTER_END = re.compile(r".{0,60}\b(?:newsletters?|e-?mails?)\s*", re.I)  # short lines
_RIGHTS = re.compile(r".{0,80}\ball\s+rights\s+reserved\.?\s*", re.I)
_TWEET_LINK = re.compile(r"\s*(?:https?://)?(?:pic\.twitter\.com|t\.co)/\w+")
# an embedded tweet's byline, "— Jane Doe (@janedoe) September 16, 2017", after its text
_TWEET_BYLINE = re.compile(
    r"(?P<text>.{0,600}?)\s*[—–-]\s*[^—–]{1,60}\(@\w+\)\s+" + _MONTH + r"\s+\d{1,2},\s+\d{4}\s*",
    re.I,
)
_TWEET_WORDS = 5  # the text before a byline is kept when it has this many words

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
# "Photograph: Stefan Rousseau/PA", "Photo credit: X", "Credit: X/Y", "Picture by: X":
# the word before the line's last colon, and the name after it
_CREDIT_WORD = re.compile(
    r"(?:^|(?<=[\s.!?)a-z]))(?:photo(?:graph)?|picture|image|photo\s+credit|credit|pic)"
    r"(?:\s+by)?\s*$",
    re.I,
)
_CREDIT_NAME = re.compile(r"\s*[A-Z][^.:]{0,80}\.?")
_CREDIT_SOURCE = re.compile(r"[Ii]mage\s+(?:source|copyright),\s*[^.:]{1,60}\.?")
# "... June 7.Fred Lum/The Globe and Mail", "... agreement.Cliff Owen / AP file"
_CREDIT_GLUED = re.compile(
    r"[.)]\s*[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\s*/\s*[A-Z][\w.'’&-]*"
    r"(?:\s+[\w.'’&-]+){0,4}(?:\s*/\s*[\w.'’&-]+(?:\s+[\w.'’&-]+){0,4})*\.?"
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
# "NASHVILLE, Tenn. (WZTV) —", "LONDON, June 4 (Reuters) -", "REPORT:", "DUBAI—Iran"
_DATELINE_CAPS = re.compile(
    rf"^{_DL_CAPS}(?:,\s*{_DL_REGION})??(?:,?\s*{_DL_DATE})?\s*(?:{_DL_AGENCY})?"
    rf"\s*(?:{_DL_DASH}\s+|(?<=[A-Z]{{4}})[—–](?=[A-Z][a-z])){_DL_NEXT}"
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
# a label before a colon at the start of a paragraph: "TRUMP:", "Smith:", "UPDATE:"; one
# that opens two or more paragraphs of a text is a speaker or section label (a transcript,
# an interview), not a dateline, which a story carries once; in such a text, labels are
# cut as datelines only from its first line
_LABEL = re.compile(r"^([A-Z][A-Za-z.'’-]*(?:\s[A-Z][A-Za-z.'’-]*){0,3})\s?:\s")
_BULLETS = "•·▪►●◦*-–"
_BULLET = re.compile(r"^(?:[•·▪►●◦*]|[-–](?=\s))\s*(?=[\"'“‘(A-Z0-9])")
_MONTHS = MONTH_NUMBERS

# --------------------------------------------------------------------------- captions

_CLOSERS = "'\"”’)]"
_TERMINALS = ".!?…:;,"
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


_SITE_SUFFIX = re.compile(r"\s+[|\-\u2013\u2014:]\s+[^|\u2013\u2014]{1,60}$")


def _title_keys(title: str) -> set[str]:
    """Keys of a page title and of the title without its site part ("... | The Blog",
    "... - SpaceNews.com"), for spotting the headline repeated in the text."""
    keys = {_key(title)} if title.strip() else set()
    m = _SITE_SUFFIX.search(title)
    if m and title[: m.start()].count(" ") >= 2:
        keys.add(_key(title[: m.start()]))
    keys.discard("")
    return keys


def _seen_key(line: str) -> str:
    """A cheap form of a line for spotting repeats: case, quote style, final period."""
    return line.lower().replace("’", "'").replace("“", '"').replace("”", '"').rstrip(". ")


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
    start = max(0, n - 100)
    j = line.rfind(":", start)
    if j > 0 and _CREDIT_NAME.fullmatch(line, j + 1):
        m = _CREDIT_WORD.search(line, max(0, j - 20), j)
        if m:
            return m.start()
    j = line.find("/", start)
    if j > 0:
        k = max(line.rfind(".", 0, j), line.rfind(")", 0, j))
        if k >= 0 and j - k < 60 and _CREDIT_GLUED.fullmatch(line, k):
            return k + 1
    i = line.find("mage ", start)
    if i > 0 and _CREDIT_SOURCE.fullmatch(line, i - 1):
        return i - 1
    return -1


_REPORTED = re.compile(r"\b(?:said|says|told|added|asked)\b")


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
    return _is_boilerplate(_normalize_line(line))


def _normalize_line(line: str) -> str:
    """White space collapsed, a leading list bullet ("•", "*", "- ") removed."""
    s = " ".join(line.split())
    if s[:1] in _BULLETS:
        s = _BULLET.sub("", s, count=1)
    return s


def _is_boilerplate(s: str, lead: bool = True) -> bool:
    """:func:`is_boilerplate` of a line whose white space is already normalized.

    A line that is only a dateline counts only when ``lead`` (among an article's first
    lines): further down, "FRANCE WINS" or "GIRLS SOCCER" is a section heading.
    """
    if not s:
        return False
    if s.count(" ") > _SHORT_SPACES:
        if _LONG_LINE_RE.fullmatch(s):
            return True
    elif (
        _LINE_RE.fullmatch(s) or _CREDIT_LINE.fullmatch(s) or (lead and _DATELINE_ONLY.fullmatch(s))
    ):
        return True
    low = s.lower()
    if len(s) <= 80 and _NEWSLETTER_END.fullmatch(s):
        return True
    if "rights reserved" in low and _RIGHTS.fullmatch(s):
        return True
    if "(@" in s and (m := _TWEET_BYLINE.fullmatch(s)) and len(m["text"].split()) < _TWEET_WORDS:
        return True
    if low.endswith(" logo") and len(s) <= 60:
        return True
    return _credit_caption(s) == 0


def _credit_caption(s: str) -> int:
    """0 when the line is a caption ending in a photo credit; where the credit starts when
    it is a quoted paragraph that an extractor glued to a credit (not a caption); -1."""
    i = _credit(s)
    if i < 0:
        return -1
    return i if i > 0 and _has_quote(s[:i]) and _REPORTED.search(s, 0, i) else 0


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


_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
_TEXT_DATE = re.compile(
    r"\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?|([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?)"
    r",?\s+(\d{4})\b"
)


# a byline or timestamp line that opens with its date or with "Published", "Updated"
_DATED_LINE = re.compile(
    rf"(?:(?:last\s+)?(?:published|updated|posted|modified)\b|(?:{_WEEKDAY},?\s+)?\d|{_MONTH}\s+\d)",
    re.I,
)


def _line_date(line: str) -> date | None:
    """The date a byline or timestamp line gives ("23/12/2016 14:08", "June 7, 2018").

    A numeric date is read only when it is unambiguous (a part above 12 tells the day).
    """
    m = _TEXT_DATE.search(line)
    if m:
        day, month = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        number = _MONTHS.get(month.lower())
        if number:
            try:
                return date(int(m.group(5)), number, int(day))
            except ValueError:
                return None
    m = _NUMERIC_DATE.search(line)
    if m:
        a, b, year = (int(x) for x in m.groups())
        if a > 12 >= b:
            a, b = b, a
        elif not b > 12 >= a:
            return None
        try:
            return date(year, a, b)
        except ValueError:
            return None
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


# page junk glued to the first word of a paragraph: a link word ("pensionsThe oldest
# ..."), an image file name ("...takeoff_9M-MRDMalaysia Airlines ..."), or a dateline
# without spaces ("London,September 15Terrorist attack ...")
_GLUED_WORD = re.compile(r"^[a-z]{3,}(?=[A-Z][a-z]+\s)")
_GLUED_FILE = re.compile(r"^\S*_\S*?[A-Z0-9](?=[A-Z][a-z]+\s)")
_GLUED_DATELINE = re.compile(
    r"^[A-Z][a-z]+(?:\s[A-Z][a-z]+)?,\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"[a-z]*\.?\s+\d{1,2}(?:,?\s*\d{4})?(?=[A-Z\"“])"
)

# an agency tag opening the first paragraph: "(JNS.org) Four Israelis were killed ..."
_AGENCY_TAG = re.compile(r"^\((?:[A-Z][\w&-]*\.(?:org|com|net|co\.uk)|[A-Z]{2,8})\)\s+(?=[A-Z])")


# a profile card glued into a sentence after a name: "Rep. Ilhan OmarIlhan OmarHillicon
# Valley: ... | ... MORE (D-Minn.)": the name, the name again with no space, the card's
# headlines, then "MORE"; the name is kept once
_CARD_WORD = r"[A-Z][a-z'’.]+(?:-[A-Z][a-z]+)?"
_GLUED_CARD = re.compile(
    rf"\b(?P<name>(?P<first>{_CARD_WORD})(?: {_CARD_WORD}){{1,2}})(?P=first)\b.{{0,800}}? MORE\b"
)


def strip_glued_cards(line: str) -> str:
    """A paragraph without the profile cards glued in after a name (see above)."""
    if " MORE" not in line:
        return line
    return _GLUED_CARD.sub(lambda m: m["name"], line)


def strip_glued_lead(line: str) -> str:
    """A paragraph without the page junk glued to its first word (see the patterns above).

    Only a lower-case word run into a capitalized one, a token holding an underscore
    (a file name) or a dateline with no space before the text is cut: "McDonald's",
    "iPhone", "PepsiCo" and "JPMorgan" are left alone.
    """
    for pattern in (_GLUED_DATELINE, _GLUED_FILE, _GLUED_WORD, _AGENCY_TAG):
        m = pattern.match(line)
        if m is not None:
            return line[m.end() :]
    return line


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
    if line.rstrip(_CLOSERS)[-1:] in _TERMINALS:
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
    if not keys or line.count(" ") > 4:
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
        ln = _normalize_line(raw)
        if not ln:
            continue
        if ln[0] in _STRAY_CHARS:
            ln = _STRAY_START.sub("", ln)
        if "\u00c2" in ln:
            ln = " ".join(_STRAY_A_CIRC.sub("", ln).split())
            if not ln:
                continue
        prev = out[-1] if out else ""
        if (
            40 <= len(prev) <= 100
            and (prev[-1].isalnum() or prev[-1] == ",")
            and _CONTINUATION.match(ln)
            and not _is_boilerplate(ln)
        ):
            out[-1] = f"{prev} {ln}"
        else:
            out.append(ln)
    return out


# a repeated line is dropped when it is prose (a pull quote, a teaser, a block the
# extractor read twice) or repeats the line just before it; headings, labels and list
# items recur in real bodies ("Meal 1", "See it now: Amazon", a recipe's line per plan)
_REPEAT_WORDS = 12
_PROSE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


def _is_prose(line: str) -> bool:
    return line.count(" ") + 1 >= _REPEAT_WORDS and bool(_PROSE_END.search(line))


_LEAD_LINES = 3  # the first kept lines, where datelines stand
_PARAGRAPH_CHARS = 500  # a line this long is a paragraph (or a whole flattened article)
_PARAGRAPH_SENTENCES = 3
_SENTENCE_GAP = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")


def _paragraph_kept(line: str) -> str:
    """The sentences of a long line that are not boilerplate, joined; "" to drop it all.

    Line rules are written for lines (a byline, a credit, an embedded tweet); a corpus
    that flattens an article into one line must not lose the whole article to one of
    them. A line of at least 500 characters and 3 sentences is judged sentence by
    sentence instead.
    """
    parts: list[str] = []
    start = 0
    for m in _SENTENCE_GAP.finditer(line):
        word = line[start : m.start() + 1].rsplit(" ", 1)[-1]
        if len(word) <= 5 and word[:1].isupper():  # "Oct.", "Tenn.", "Mr.", "U.S."
            continue
        parts.append(line[start : m.end()].strip())
        start = m.end()
    parts.append(line[start:].strip())
    if len(parts) < _PARAGRAPH_SENTENCES:
        return ""
    kept = [p for p in parts if p and not _is_boilerplate(p)]
    return " ".join(kept)


def _label(line: str) -> str:
    m = _LABEL.match(line) if ":" in line[:42] else None
    return m[1] if m else ""


def _recurring_labels(lines: list[str]) -> set[str]:
    """Labels (see :data:`_LABEL`) that open two or more of the lines: speakers, sections."""
    counts: dict[str, int] = {}
    for line in lines:
        lab = _label(line)
        if lab:
            counts[lab] = counts.get(lab, 0) + 1
    return {lab for lab, n in counts.items() if n >= 2}


def _clean(text: str, title: str = "", site: set[str] | None = None) -> tuple[str, date | None]:
    """Cleaned text and the date its "date" marker or dateline gives, if any."""
    found: date | None = None
    ascii_only = text.isascii()
    if not ascii_only and _MOJIBAKE_LEAD.search(text) and _MOJIBAKE_HINT.search(text):
        import ftfy  # the slow part: only when the text shows mojibake

        text = ftfy.fix_text(text, uncurl_quotes=False)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not ascii_only and _ZERO_WIDTH.search(text):
        text = _ZERO_WIDTH.sub("", text)
    m = _DATE_MARK.match(text)
    if m:
        try:
            found = date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
        except ValueError:
            found = None
        text = text[m.end() :]
    lines = drop_link_lists(_lines(text))  # headlines under "See also:"
    title_keys = _title_keys(title)
    keys = site or set()
    out: list[str] = []
    seen: dict[str, bool] = {}  # key of each kept line -> whether it is prose
    labels = _recurring_labels(lines)
    for k, line in enumerate(lines):
        if "twitter.com/" in line or "t.co/" in line:  # an embedded tweet: keep its words
            line = _TWEET_LINK.sub("", line).strip()
            if not line:
                continue
        if "(@" in line:  # a tweet's text and its byline on one line: keep the text
            m = _TWEET_BYLINE.fullmatch(line)
            if m and len(m["text"].split()) >= _TWEET_WORDS:
                line = m["text"].rstrip(" —–-")
        line = strip_glued_cards(line)
        key = _seen_key(line)
        if k < 5 and title_keys and len(line) <= len(title) + 12 and _key(line) in title_keys:
            continue  # the headline, repeated
        drop = _is_boilerplate(line, lead=len(out) < _LEAD_LINES) or _is_site_name(line, keys)
        if drop and len(line) >= _PARAGRAPH_CHARS:
            kept = _paragraph_kept(line)  # a flattened article: judge its sentences
            if kept:
                line, key, drop = kept, _seen_key(kept), False
        if drop:
            if found is None and k < 6 and len(line) < 80 and _DATED_LINE.match(line):
                found = _line_date(line)  # "23/12/2016 14:08 by admin"
            # a caption printed twice, the second time with its credit: drop both
            if out and len(out[-1]) > 20 and _key(line).startswith(_key(out[-1])):
                seen.pop(_seen_key(out.pop()), None)
            continue
        if out and k + 1 < len(lines) and _looks_like_caption(line):
            continue
        if key in seen and (seen[key] or _is_prose(line) or _seen_key(out[-1]) == key):
            continue  # a pull quote, a teaser, a block read twice, a line doubled
        i = _credit_caption(line) if line[-1:] in ").]" or "/" in line or ":" in line else -1
        if i > 0:  # a quoted paragraph with a credit glued on: keep the paragraph
            line = line[:i].rstrip()
        if line[0] in "([":
            line = _LEAD_TAG.sub("", line)
        if len(out) < 3:
            line = strip_glued_lead(line)
        lab = _label(line) if labels else ""
        if not lab or (not out and lab not in labels):  # a transcript's labels stay
            line, when = _strip_dateline(line, lead=len(out) < 3)
            found = found or when
        if line:
            out.append(line)
            seen[key] = _is_prose(line)
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

    Cleaning is done once: an article this function made, its text unchanged since
    (:attr:`Article.is_cleaned`), is returned as it is. (A second pass is not a no-op
    on every text: a line dropped the first time can leave two lines adjacent that it
    then joins, or move a line into the lead where other rules apply.)
    """
    if article.is_cleaned:
        return article
    text, found = _clean(article.text, article.title, _site_keys(article.url, article.source))
    if not text:
        return None
    return replace(article, text=text, published=article.published or found, cleaned_text=text)
