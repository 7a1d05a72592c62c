"""When an undated article was written, read from its URL and text (for event grouping).

About a third of real articles come without a publication date. Grouping compares an
undated article with everything, and one undated article similar to two sibling events
(a recap of last year's OPEC meeting in this year's story) used to chain them. Most
undated articles still say when they were written:

* a date in the URL (``/2018/07/09/``, ``2018-07-09``, ``20180709``): taken as the day;
  a year and month only (``/2018/07/``) gives no day;
* a full date in the text (``July 9, 2018``, ``9 July 2018``, ``Jul. 9, 2018``,
  ``2018-07-09``): the most often named one wins (ties: the first named), since a story
  names its own day most and a recap names the older days once;
* a month and day without a year (``May 22``) is not used: on the dated articles of
  train.jsonl the day of the year it gave was wrong (more than 3 days off) for half of
  them (a coming date, a recalled one), while a full date was right for 95%.

Datelines and relative words (``on Monday``) are not resolved (a weekday alone does not
say which week). :func:`infer_day` never replaces a publication date the input gives.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from newsbrief.text import MONTH_NUMBERS

__all__ = ["TEXT_CHARS", "Dating", "infer_day", "lead_weekday"]

#: how much of the text is read for dates (a lead names the story's day; the tail recaps)
TEXT_CHARS = 3000

_MONTHS = MONTH_NUMBERS
_MONTH = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_MDY = re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?", re.IGNORECASE)
_DMY = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?:,?\s+{_YEAR}\b)?", re.IGNORECASE)
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<day>[0-3]\d)\b")
_URL_DAY = re.compile(
    r"(?<![\w-])(?P<year>(?:19|20)\d\d)(?P<sep>[/_-]?)(?P<m>[01]\d)(?P=sep)(?P<day>[0-3]\d)"
    r"(?:(?<=/\d\d)(?=[/.?#]|$)|(?<![/]\d\d)(?!\d))"
)
_URL_MONTH = re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<m>[01]\d)/")
#: text dates before this year are not when a web page was written (birth dates, history)
FIRST_YEAR = 1995
#: a text date counts when named this often, the lead counting once more
MIN_MENTIONS = 2
#: the lead: where a story names its own day (a dateline, the first sentence)
LEAD_CHARS = 400


class Dating:
    """What an article says about its day: a full day (ordinal) and/or a day of the year.

    ``day`` is a proleptic Gregorian ordinal or -1; ``yday`` is ``month * 31 + day`` of a
    month and day named without a year, or -1.
    """

    __slots__ = ("day", "yday")

    def __init__(self, day: int = -1, yday: int = -1) -> None:
        self.day = day
        self.yday = yday

    def __repr__(self) -> str:
        return f"Dating(day={self.day}, yday={self.yday})"


def _ok(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _from_url(url: str) -> date | None:
    for m in _URL_DAY.finditer(url):
        found = _ok(int(m["year"]), int(m["m"]), int(m["day"]))
        if found is not None:
            return found
    return None


def infer_day(title: str, text: str, url: str = "") -> Dating:
    """The day an undated article names for itself (see the module docstring)."""
    from_url = _from_url(url) if url else None
    if from_url is not None:
        return Dating(from_url.toordinal())
    month = _URL_MONTH.search(url) if url else None
    in_month = (int(month["year"]), int(month["m"])) if month else None
    body = f"{title}\n{text[:TEXT_CHARS]}"
    full: Counter[date] = Counter()
    first: dict[object, int] = {}
    for pattern in (_MDY, _DMY):
        for m in pattern.finditer(body):
            mon = _MONTHS[m["mon"].lower()]
            day = int(m["day"])
            if not 1 <= day <= 31:
                continue
            if m["mon"].lower() == "may" and m["mon"][0] == "m":
                continue  # "may 3" is likelier a verb than a month
            if m["year"]:
                d = _ok(int(m["year"]), mon, day)
                if d is not None:
                    full[d] += 1
                    first.setdefault(d, m.start())
    for m in _ISO.finditer(body):
        d = _ok(int(m["year"]), int(m["m"]), int(m["day"]))
        if d is not None:
            full[d] += 1
            first.setdefault(d, m.start())
    lead = len(title) + 1 + LEAD_CHARS
    score = {
        d: n + (first[d] < lead)
        for d, n in full.items()
        if d.year >= FIRST_YEAR and (in_month is None or (d.year, d.month) == in_month)
    }
    if score:
        best = max(score, key=lambda d: (score[d], -first[d]))
        if score[best] >= MIN_MENTIONS:
            return Dating(best.toordinal())
    return Dating()


_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(
    r"(?:(?P<before>[\w’']+)\W{1,3})?\b(?P<day>" + "|".join(_WEEKDAY_NAMES) + r")\b",
    re.IGNORECASE,
)
#: capitalized words that may stand before a weekday that is a day ("On Friday", "Late
#: Monday"); after another capitalized word a weekday is part of a name ("Bloody Sunday",
#: "Super Tuesday", "Good Friday")
_BEFORE_DAY = frozenset(
    "on by since until till from last next this that early late before after every each and or".split()
)


def lead_weekday(title: str, text: str) -> int:
    """The first weekday the title and lead name as a day, as a one-bit mask (bit 0:
    Monday; 0: none).

    A news lead names the story's day first ("fired a missile on Friday"); weekdays it
    names later are often recalled ones ("after Tuesday's attack"), and a weekday after a
    capitalized word is part of a name ("Bloody Sunday"). newsbrief.linkage uses this for
    undated articles (``linkage.WEEKDAYS``).
    """
    for m in _WEEKDAY.finditer(f"{title}\n{text[:LEAD_CHARS]}"):
        before = m["before"]
        if before and before[0].isupper() and before.lower() not in _BEFORE_DAY:
            continue
        return 1 << _WEEKDAY_NAMES.index(m["day"].lower())
    return 0
