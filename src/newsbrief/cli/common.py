"""What every command shares: argument types, warnings, output, progress bars."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from newsbrief.errors import InputError, NewsbriefError
from newsbrief.model import Article
from newsbrief.settings import Settings

PROG = "newsbrief"
VERBOSE_HELP = "log on stderr what was read, skipped and grouped, and how long each stage took"


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line and exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise InputError(f"{message} (see '{self.prog} --help')")


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {n}")
    return n


#: the smallest word budget: a brief is whole sentences, and sentences under 6 words are
#: never used, so a smaller budget could only be overrun (docs: README, "Word budgets")
MIN_WORDS = 10
WORDS_HELP = f"word budget, at least {MIN_WORDS} (default 40)"


def _budget(text: str) -> int:
    n = _positive(text)
    if n < MIN_WORDS:
        raise argparse.ArgumentTypeError(
            f"must be at least {MIN_WORDS} (a brief is made of whole sentences): {n}"
        )
    return n


def _port(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= n <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number (0 to 65535): {n}")
    return n


def _warn(message: str) -> None:
    print(f"{PROG}: warning: {message}", file=sys.stderr)


def _write(text: str, output: str | None) -> None:
    if output and output != "-":
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as e:
            raise NewsbriefError(f"cannot write {output}: {e.strerror or e}") from None
    else:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as e:  # a full disk (ENOSPC), an I/O error: one line, exit 1
            _quiet_stdout()
            raise NewsbriefError(f"cannot write the output: {e.strerror or e}") from None


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that the flush at exit writes nothing more."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


_LINE_ORIGIN = re.compile(r"^(.+\.(?:jsonl|ndjson)(?:\.gz)?):(\d+)$", re.IGNORECASE)


def _event_lines(articles: Sequence[Article]) -> list[str]:
    """The lines of JSON Lines input that each hold several articles: WCEP-style events."""
    per_line: dict[str, int] = {}
    for a in articles:
        if _LINE_ORIGIN.match(a.origin):
            per_line[a.origin] = per_line.get(a.origin, 0) + 1
    return [origin for origin, n in per_line.items() if n > 1]


def _paths(inputs: list[str]) -> list[str | Path]:
    """On the command line every input names a path (or "-"), never an article text."""
    return [a if a == "-" else Path(a) for a in inputs]


def _why(problems: list[str]) -> str:
    return f" ({problems[0]})" if len(problems) == 1 else ""


def _warn_all(problems: list[str], nothing_left: bool) -> None:
    """A warning line per skipped input; none when nothing is left and the one problem
    is said by the error line that follows (see :func:`_why`)."""
    if nothing_left and len(problems) == 1:
        return
    for p in problems:
        _warn(p)


def _non_negative(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more: {n}")
    return n


def _threshold(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 < v <= 1.0:
        raise argparse.ArgumentTypeError(f"must be above 0 and at most 1: {v}")
    return v


def _seconds(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not v >= 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more: {text}")
    return v


def _group_settings(args: argparse.Namespace) -> Settings:
    options = {"words": args.words} if getattr(args, "words", None) else {}
    if getattr(args, "window_days", None) is not None:
        options["group_window_days"] = args.window_days
    if getattr(args, "threshold", None) is not None:
        options["group_threshold"] = args.threshold
    return Settings(**options)


#: what each progress stage counts (see newsbrief.pipeline.Progress, Store.add)
_UNITS = {"read": "input", "clean": "article", "group": "step", "compare": "step"}


class _Bars:
    """tqdm progress bars on stderr, one per stage, only when it is a terminal and not --quiet.

    ``summarize`` counts events (digest, add) unless ``steps`` says it counts the steps
    of one brief (the summarize command).
    """

    def __init__(self, quiet: bool, steps: bool = False) -> None:
        self.on = not quiet and sys.stderr.isatty()
        self.units = {**_UNITS, "summarize": "step" if steps else "event"}
        self.bars: dict[str, object] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.on:
            return
        from tqdm import tqdm

        bar = self.bars.get(stage)
        if bar is None:
            bar = self.bars[stage] = tqdm(
                total=total,
                desc=stage,
                unit=self.units.get(stage, "item"),
                file=sys.stderr,
                leave=False,
            )
        bar.update(done - bar.n)  # type: ignore[attr-defined]
        if done >= total:  # a finished stage leaves the screen for the next one
            bar.close()  # type: ignore[attr-defined]

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()  # type: ignore[attr-defined]
        self.bars.clear()
