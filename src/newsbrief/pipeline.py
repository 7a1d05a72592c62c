"""Stage wiring: read -> clean -> (dedup, split, score inside summarize) -> brief.

Every face (CLI, web, Dask) calls these functions with one explicit
:class:`~newsbrief.settings.Settings`; nothing here prints or parses options.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from newsbrief.clean import clean_article
from newsbrief.compare import with_facts
from newsbrief.errors import InputError
from newsbrief.model import Article, Brief
from newsbrief.read import format_from_name, read_inputs
from newsbrief.settings import Settings
from newsbrief.summarize import Extractor, summarize_articles
from newsbrief.text import split_sentences

log = logging.getLogger("newsbrief")

Input = str | os.PathLike[str] | Article
#: progress callback: (stage, done, total); stages "read" (inputs), "clean" (articles),
#: "summarize" and "compare" (steps)
Progress = Callable[[str, int, int], None]


@dataclass
class Loaded:
    """Articles ready for summarizing, and one line for every input that was skipped."""

    articles: list[Article]
    problems: list[str] = field(default_factory=list)


def clean_articles(
    articles: Iterable[Article],
    settings: Settings,
    problems: list[str] | None = None,
    progress: Progress | None = None,
) -> list[Article]:
    """Clean each article; one over ``settings.max_text_chars`` or left empty by cleaning
    is reported and dropped. An article cleaned already (:attr:`Article.is_cleaned`) is
    kept as it is (see :func:`~newsbrief.clean.clean_article`)."""
    out = []
    articles = list(articles)
    for n, a in enumerate(articles):
        if progress is not None:
            progress("clean", n, len(articles))
        if len(a.text) > settings.max_text_chars:
            if problems is not None:
                problems.append(
                    f"{a.origin or a.source or a.id}: {too_long(len(a.text), settings)}"
                )
            continue
        c = clean_article(a, settings)
        if c is None:
            if problems is not None:
                problems.append(
                    f"{a.origin or a.source or a.id}: no text left after cleaning, skipped"
                )
            continue
        out.append(c)
    if progress is not None:
        progress("clean", len(articles), len(articles))
    return out


def too_long(n: int, settings: Settings) -> str:
    """The problem line's end for a text of ``n`` characters over the size limit."""
    return f"text of {n:,} characters (limit max_text_chars={settings.max_text_chars:,}), skipped"


def load(
    inputs: Iterable[Input],
    settings: Settings | None = None,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> Loaded:
    """Read and clean the inputs: paths, "-" for stdin, article texts or Article objects.

    A string names a path when such a file or folder exists (or it is "-"); a string
    that looks like a path (see :func:`looks_like_path`) but names nothing raises
    :class:`InputError` ("no such file: ..."); any other string is taken as the text
    of an article. Unusable inputs are skipped and
    reported in ``problems``; nothing else raises for a bad input. ``progress`` is called
    with ("read", inputs read, inputs) and ("clean", articles cleaned, articles).
    """
    settings = settings or Settings()
    started = time.perf_counter()
    problems: list[str] = []
    raw: list[Article] = []
    paths: list[str | os.PathLike[str]] = []
    for n, item in enumerate(inputs, 1):
        if isinstance(item, Article):
            raw.append(item)
        elif isinstance(item, os.PathLike):
            paths.append(item)
        elif isinstance(item, str):
            if item == "-" or _is_path(item):
                paths.append(item)
            elif looks_like_path(item):
                raise InputError(f"no such file: {item}")
            elif item.strip():
                raw.append(Article.create(item, origin=f"<text {n}>", source=f"text {n}", where=""))
            else:
                problems.append(f"<text {n}>: empty text, skipped")
        else:
            problems.append(f"input {n}: not a path, a text or an Article ({type(item).__name__})")
    for n, path in enumerate(paths):
        if progress is not None:
            progress("read", n, len(paths))
        result = read_inputs([path], stdin=stdin, max_text_chars=settings.max_text_chars)
        raw.extend(result.articles)
        problems.extend(result.problems)
    if progress is not None and paths:
        progress("read", len(paths), len(paths))
    read_s = time.perf_counter() - started
    skipped = len(problems)
    cleaned = clean_articles(raw, settings, problems, progress)
    log.info(
        "read %d article(s) in %.2f s (%d input(s) or record(s) skipped); cleaned in %.2f s, "
        "%d left empty and dropped: %d article(s) kept",
        len(raw), read_s, skipped, time.perf_counter() - started - read_s,
        len(problems) - skipped, len(cleaned),
    )  # fmt: skip
    return Loaded(cleaned, problems)


def looks_like_path(s: str) -> bool:
    """True when a string given as an input reads as a path rather than an article text.

    That is one line (no newline) ending in a known input extension (".txt", ".html",
    ".jsonl", ".warc.gz", ...), or one holding a path separator and no white space
    ("data/today", "~/news"), or starting with "/", "./", "../" or "~/".
    """
    s = s.strip()
    if not s or "\n" in s or len(s) > 4096:
        return False
    if format_from_name(s) is not None:
        return True
    if s.startswith(("/", "./", "../", "~/", ".\\", "..\\")):
        return True
    return ("/" in s or os.sep in s) and not any(c.isspace() for c in s)


def _is_path(s: str) -> bool:
    if "\n" in s or len(s) > 4096:
        return False
    try:
        return Path(s).exists() or Path(s).is_symlink()
    except OSError:
        return False


def brief_from_articles(
    articles: Sequence[Article],
    settings: Settings | None = None,
    extractor: Extractor | None = None,
    progress: Progress | None = None,
) -> Brief:
    """Summarize cleaned articles of one event (the summarize stage, then compare).

    ``progress`` is called with ("summarize", steps done, steps) and ("compare", 0 or 1, 1).
    """
    settings = settings or Settings()
    if not articles:
        raise InputError("no usable article in the input")
    started = time.perf_counter()
    # each article split into sentences once, for the summary and for the facts (speed;
    # both would split the same text the same way)
    sentences = [split_sentences(a.text) for a in articles]
    brief = summarize_articles(
        articles,
        settings,
        extractor,
        progress=(lambda d, t: progress("summarize", d, t)) if progress is not None else None,
        sentences=sentences,
    )
    summarized = time.perf_counter()
    if progress is not None:
        progress("compare", 0, 1)
    brief = with_facts(brief, articles, sentences=sentences)
    if progress is not None:
        progress("compare", 1, 1)
    log.info(
        "summarized %d article(s) into %d sentence(s), %d words, in %.2f s; "
        "facts compared in %.2f s",
        len(articles), len(brief.sentences), len(brief.text.split()),
        summarized - started, time.perf_counter() - summarized,
    )  # fmt: skip
    return brief


def summarize(
    inputs: Iterable[Input] | Input,
    settings: Settings | None = None,
    stdin: BinaryIO | None = None,
) -> tuple[Brief, list[str]]:
    """Read, clean and summarize inputs as one event; returns the brief and the problems."""
    if isinstance(inputs, (str, os.PathLike, Article)):
        inputs = [inputs]
    settings = settings or Settings()
    loaded = load(inputs, settings, stdin)
    for p in loaded.problems:
        log.warning("%s", p)
    if not loaded.articles:
        detail = f" ({loaded.problems[-1]})" if len(loaded.problems) == 1 else ""
        raise InputError(f"no usable article in the input{detail}")
    return brief_from_articles(loaded.articles, settings), loaded.problems
