"""Settings: every length, threshold and backend of the pipeline, passed explicitly."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from newsbrief.errors import InputError

#: default of :attr:`Settings.max_text_chars`
MAX_TEXT_CHARS = 200_000


@dataclass(frozen=True)
class Settings:
    """All tunable values of the pipeline, with defaults that work.

    Build one with keyword overrides (``Settings(words=120)``) or from a mapping of
    user options with :meth:`from_options`, which rejects unknown names.
    """

    #: word budget of the brief (whole sentences only)
    words: int = 40
    #: word budget of the headline summary
    headline_words: int = 40
    #: Jaccard similarity of word 5-shingles above which two articles are copies
    duplicate_threshold: float = 0.8
    #: number of MinHash permutations used for near-duplicate detection
    minhash_permutations: int = 64
    #: cosine similarity (tf-idf of stemmed content words) above which another
    #: article's sentence states the same content as a brief sentence, so that
    #: article is cited as a source of it
    support_threshold: float = 0.5
    #: cosine similarity above which two candidate sentences are redundant
    redundancy_threshold: float = 0.4
    #: sentences shorter than this many words are not used in a brief
    min_sentence_words: int = 6
    #: sentences longer than this many words are not used in a brief
    max_sentence_words: int = 80
    #: articles more than this many days apart are never compared when grouping events
    #: (articles without a date or a day named in their URL or text are compared with all);
    #: also the longest span of dated articles one event may have
    group_window_days: int = 3
    #: mean tf-idf cosine similarity of two groups of articles above which they are
    #: merged into one event (average linkage)
    group_threshold: float = 0.18
    #: an article whose text is longer than this many characters is skipped with a
    #: warning (a real article is rarely over 100,000; larger inputs are dumps or noise
    #: that would take unbounded memory); the Dask engine rejects them ("too-long")
    max_text_chars: int = MAX_TEXT_CHARS

    def __post_init__(self) -> None:
        if self.words < 1 or self.headline_words < 1:
            raise InputError("the word budget must be a positive number")
        for name in ("duplicate_threshold", "support_threshold", "redundancy_threshold"):
            v = getattr(self, name)
            if not 0.0 <= v <= 1.0:
                raise InputError(f"{name} must be between 0 and 1, got {v}")
        if self.max_text_chars < 1:
            raise InputError(f"max_text_chars must be positive, got {self.max_text_chars}")
        if self.group_window_days < 0:
            raise InputError(f"group_window_days must be 0 or more, got {self.group_window_days}")
        if not 0.0 < self.group_threshold <= 1.0:
            raise InputError(
                f"group_threshold must be above 0 and at most 1, got {self.group_threshold}"
            )

    @classmethod
    def from_options(cls, base: Settings | None = None, **options: Any) -> Settings:
        """Return settings with the given overrides; unknown names are an InputError."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise InputError(
                f"unknown setting(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})"
            )
        return replace(base or cls(), **options)
