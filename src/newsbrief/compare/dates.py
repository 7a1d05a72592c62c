"""Dates written in a sentence: their ISO form."""

from __future__ import annotations

import re

from newsbrief.compare.lexicon import (
    _MONTHS,
)


def _date_of(m: re.Match[str]) -> tuple[str, bool] | None:
    """ISO form of a date match ('2016-10-23', '--10-23', '2018-07'), and whether it has a year."""
    g = m.groupdict()
    year = g.get("year")
    if g.get("a"):
        a, b = int(g["a"]), int(g["b"])
        if a > 12 >= b:
            return f"{year}-{b:02d}-{a:02d}", True
        if b > 12 >= a:
            return f"{year}-{a:02d}-{b:02d}", True
        return m.group(), True
    if g.get("mnum"):
        mon, day = int(g["mnum"]), int(g["day"])
    else:
        if not g["mon"][0].isupper():
            return None
        mon = _MONTHS.get(g["mon"].rstrip(".").lower(), 0)
        day = int(g["day"]) if g.get("day") else 0
    if not 1 <= mon <= 12 or day > 31:
        return None
    if day:
        return (f"{year}-{mon:02d}-{day:02d}" if year else f"--{mon:02d}-{day:02d}"), bool(year)
    return (f"{year}-{mon:02d}" if year else f"--{mon:02d}"), bool(year)
