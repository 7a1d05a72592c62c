"""The command line: ``newsbrief summarize INPUTS``.

Thin by design: parse arguments, call the pipeline, print. Errors are one line
``newsbrief: error: ...`` on stderr with exit status 2 (bad usage or input) or 1
(any other failure); never a traceback (set NEWSBRIEF_DEBUG=1 to see one).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence

from newsbrief.cli.common import MIN_WORDS, PROG, _Bars, _quiet_stdout
from newsbrief.cli.parser import build_parser
from newsbrief.errors import NewsbriefError

__all__ = ["MIN_WORDS", "_Bars", "build_parser", "main"]


def _log_setup(verbose: bool) -> None:
    """-v: the library's info lines on stderr; warnings are printed by each command itself."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(f"{PROG}: %(levelname)s: %(message)s"))
    if verbose:
        handler.addFilter(lambda r: r.levelno < logging.WARNING or r.levelno >= logging.ERROR)
    log = logging.getLogger("newsbrief")
    log.handlers[:] = [handler]
    log.propagate = False
    log.setLevel(logging.INFO if verbose else logging.ERROR)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newsbrief`` console script; returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        _log_setup(bool(getattr(args, "verbose", False)))
        func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
        if func is None:
            parser.print_help(sys.stderr)
            return 2
        return func(args)
    except NewsbriefError as e:
        print(f"{PROG}: error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print(f"{PROG}: error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (e.g. `| head -c1`): quiet, but the output is incomplete
        _quiet_stdout()
        return 1
    except Exception as e:  # noqa: BLE001 - the last line of defence: no traceback for users
        if os.environ.get("NEWSBRIEF_DEBUG"):
            raise
        print(f"{PROG}: error: internal error: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
