"""newsbrief: short, faithful, cited briefs of news events from many articles.

>>> import newsbrief
>>> brief = newsbrief.summarize(["examples/aleppo/"])   # doctest: +SKIP
>>> print(brief.headline)                               # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from newsbrief.errors import InputError, NewsbriefError, StoreError
from newsbrief.model import Article, Brief, BriefSentence, Disagreement, Event, Fact, Sentence
from newsbrief.settings import Settings

# The subpackage newsbrief.summarize shares its name with the function below. Import
# it first, so that the function, defined after, is what `newsbrief.summarize` names;
# a later `import newsbrief.summarize.x` no longer rebinds the attribute.
import newsbrief.summarize as _summarize_package  # noqa: E402,F401  isort: skip

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Brief",
    "BriefSentence",
    "Disagreement",
    "Event",
    "Fact",
    "InputError",
    "NewsbriefError",
    "Sentence",
    "Settings",
    "StoreError",
    "summarize",
]


def summarize(
    inputs: Iterable[str | os.PathLike[str] | Article] | str | os.PathLike[str] | Article,
    words: int = 40,
    **settings: Any,
) -> Brief:
    """Summarize articles about one event into a cited :class:`Brief`.

    ``inputs`` is a list of paths (files or folders), article texts (any string that
    names no existing path) or :class:`Article` objects. ``words`` is the brief's
    budget in words (whole sentences); other keyword arguments override
    :class:`Settings` fields. Unusable inputs are skipped with a logged warning;
    :class:`InputError` is raised when nothing usable is left.
    """
    from newsbrief import pipeline

    s = Settings.from_options(words=words, **settings)
    brief, _problems = pipeline.summarize(inputs, s)
    return brief
