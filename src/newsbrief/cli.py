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
from pathlib import Path

from newsbrief import __version__
from newsbrief.errors import InputError, NewsbriefError
from newsbrief.settings import Settings

PROG = "newsbrief"


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


def _warn(message: str) -> None:
    print(f"{PROG}: warning: {message}", file=sys.stderr)


def _write(text: str, output: str | None) -> None:
    if output and output != "-":
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as e:
            raise NewsbriefError(f"cannot write {output}: {e.strerror or e}") from None
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def cmd_summarize(args: argparse.Namespace) -> int:
    from newsbrief import pipeline
    from newsbrief.render import render

    settings = Settings(words=args.words)
    loaded = pipeline.load(args.inputs, settings, stdin=sys.stdin.buffer)
    for p in loaded.problems:
        _warn(p)
    if not loaded.articles:
        raise InputError("no usable article in the input" + _why(loaded.problems))
    brief = pipeline.brief_from_articles(loaded.articles, settings)
    _write(render(brief, args.format, loaded.problems), args.output)
    return 0


def _why(problems: list[str]) -> str:
    return f" ({problems[0]})" if len(problems) == 1 else ""


def cmd_eval(args: argparse.Namespace) -> int:
    import json

    from newsbrief import evaluate
    from newsbrief.summarize import systems

    names = list(dict.fromkeys(args.system or systems.BUILTIN))
    if args.worst:
        names += [n for n in ("newsbrief", "oracle") if n not in names]
    chosen = {n: systems.get(n) for n in names}  # unknown names fail before any work
    settings = Settings(words=args.words, headline_words=args.words)
    data = evaluate.read_dataset(args.data, limit=args.limit, settings=settings)
    for p in data.problems:
        _warn(p)
    if not data.events:
        raise InputError(f"no usable event in {args.data}" + _why(data.problems))
    progress = None
    if sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=len(data.events), unit="event", file=sys.stderr, leave=False)

        def progress(done: int, total: int) -> None:
            bar.update(done - bar.n)

    report = evaluate.evaluate(
        data.events,
        chosen,
        words=args.words,
        seed=args.seed,
        settings=settings,
        dataset=str(args.data),
        problems=data.problems,
        progress=progress,
    )
    if progress is not None:
        bar.close()
    if args.json:
        _write(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n", args.json)
    if args.json != "-":
        out = report.table()
        if args.worst:
            out += "\n" + evaluate.format_worst(report, args.worst)
        _write(out, None)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Turn news articles into short, faithful, cited event briefs.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what each stage does")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser(
        "summarize",
        help="summarize articles about one event into a cited brief",
        description="Summarize articles about one event into a cited brief. INPUTS are files "
        "(.txt, .html, .json, .jsonl, .warc, .warc.gz), folders (read recursively) or - for stdin.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder or - for stdin")
    p.add_argument("-w", "--words", type=_positive, default=40, help="word budget (default 40)")
    p.add_argument(
        "-f",
        "--format",
        choices=("text", "markdown", "json"),
        default="text",
        help="output format (default text)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.set_defaults(func=cmd_summarize)

    p = sub.add_parser(
        "eval",
        help="score systems with ROUGE on WCEP-style events",
        description="Summarize every event of a WCEP-style JSON Lines file (one event a line: "
        '{"summary", "articles": [{"title", "text", "url", "date"}]}) with each system and '
        "report ROUGE-1, ROUGE-2 and ROUGE-L F1 against the reference summaries: the mean "
        "over events with a 95% bootstrap confidence interval. Each summary takes whole "
        "sentences in the system's order until the budget is reached, then is cut to it.",
    )
    p.add_argument("data", metavar="DATA.jsonl", help="events, one JSON object a line")
    p.add_argument(
        "-s",
        "--system",
        action="append",
        metavar="NAME",
        help="system to run (repeatable; default all: newsbrief, random, lead, textrank, "
        "lexrank, centroid, submodular, oracle)",
    )
    p.add_argument("-w", "--words", type=_positive, default=40, help="word budget (default 40)")
    p.add_argument("--limit", type=_positive, metavar="N", help="only the first N events")
    p.add_argument("--json", metavar="FILE", help="also write every score as JSON to FILE")
    p.add_argument(
        "--worst",
        type=_positive,
        metavar="N",
        help="show the N events where newsbrief falls furthest below the oracle",
    )
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    p.set_defaults(func=cmd_eval)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newsbrief`` console script; returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        logging.basicConfig(
            level=logging.INFO if args.verbose else logging.ERROR,
            format=f"{PROG}: %(levelname)s: %(message)s",
        )
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
        # the reader went away (e.g. `| head`): not an error of ours
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as e:  # noqa: BLE001 - the last line of defence: no traceback for users
        if os.environ.get("NEWSBRIEF_DEBUG"):
            raise
        print(f"{PROG}: error: internal error: {type(e).__name__}: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
