"""The argument parser of every command."""

from __future__ import annotations

import argparse

from newsbrief import __version__
from newsbrief.cli.brief import (
    cmd_digest,
    cmd_eval,
    cmd_eval_groups,
    cmd_summarize,
)
from newsbrief.cli.common import (
    PROG,
    VERBOSE_HELP,
    WORDS_HELP,
    _budget,
    _non_negative,
    _Parser,
    _port,
    _positive,
    _seconds,
    _threshold,
)
from newsbrief.cli.stored import (
    cmd_add,
    cmd_events,
    cmd_serve,
    cmd_show,
    cmd_watch,
)


def _add_store_commands(sub: argparse._SubParsersAction) -> None:
    """The digest, add, events, show and eval-groups commands."""
    from newsbrief.render import DIGEST_FORMATS
    from newsbrief.store import DEFAULT_PATH

    def window(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--window-days",
            type=_non_negative,
            metavar="N",
            help="articles more than N days apart are not compared when grouping (default 3)",
        )

    def store(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--store",
            default=DEFAULT_PATH,
            metavar="PATH",
            help=f"SQLite store file (default ./{DEFAULT_PATH})",
        )

    def fmt(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "-f",
            "--format",
            choices=DIGEST_FORMATS,
            default="text",
            help="output format (default text)",
        )
        p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")

    def fetching(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--allow-private",
            action="store_true",
            help="fetch private, loopback and link-local addresses too (refused by default)",
        )
        p.add_argument(
            "--contact",
            metavar="URL_OR_EMAIL",
            help="contact put in the User-Agent (default $NEWSBRIEF_CONTACT)",
        )
        p.add_argument(
            "--timeout", type=_seconds, metavar="S", help="seconds to connect or read (default 10)"
        )
        p.add_argument(
            "--delay",
            type=_seconds,
            metavar="S",
            help="least seconds between two requests to one host (default 1)",
        )
        p.add_argument(
            "--retries", type=_non_negative, metavar="N", help="retries on 429/5xx (default 3)"
        )

    inputs_help = "file, folder or - for stdin"
    p = sub.add_parser(
        "digest",
        help="group articles into events and brief each event",
        description="Remove duplicates, group the articles into events and write a cited brief "
        "per event (headline plus sources), ranked by number of distinct outlets, then recency. "
        "INPUTS are files, folders or - for stdin, as for summarize.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=inputs_help)
    fmt(p)
    p.add_argument("-w", "--words", type=_budget, default=40, help=WORDS_HELP)
    window(p)
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local (default), or dask: run on a Dask cluster and write Parquet and JSON Lines "
        "to the folder -o OUTDIR (inputs: JSON Lines or Parquet; --format does not apply)",
    )
    where = p.add_mutually_exclusive_group()
    where.add_argument(
        "--scheduler", metavar="ADDRESS", help="Dask scheduler to use (e.g. tcp://host:8786)"
    )
    where.add_argument(
        "--workers",
        type=_positive,
        metavar="N",
        help="start a local Dask cluster of N worker processes (default: one per core)",
    )
    p.set_defaults(func=cmd_digest)

    p = sub.add_parser(
        "add",
        help="add articles to the store: each joins an event or starts one",
        description="Add articles to the store incrementally: each new article joins an existing "
        "event or starts one, and only the touched events are summarized again. An article "
        "already stored (same content) changes nothing. Work left by an interrupted add is "
        "finished.",
    )
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="file, folder, - for stdin, or an http(s) URL of an article, feed or sitemap",
    )
    store(p)
    p.add_argument("-w", "--words", type=_budget, default=40, help=WORDS_HELP)
    window(p)
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary line")
    fetching(p)
    p.set_defaults(func=cmd_add)

    p = sub.add_parser(
        "watch",
        help="poll feeds and add their new articles until stopped",
        description="Poll every feed or sitemap of FEEDS_FILE (one URL a line, # comments) "
        "every --every, fetch the articles not yet stored, add them and re-brief the events "
        "they change; one log line per cycle. SIGINT or SIGTERM stops it between fetches.",
    )
    p.add_argument("feeds", metavar="FEEDS_FILE", help="file of feed URLs, one a line")
    store(p)
    p.add_argument(
        "--every", default="15m", metavar="INTERVAL", help="time between polls (default 15m)"
    )
    p.add_argument("--cycles", type=_positive, metavar="N", help="stop after N polls")
    p.add_argument("-w", "--words", type=_budget, default=40, help=WORDS_HELP)
    window(p)
    p.add_argument("-q", "--quiet", action="store_true", help="only the cycle lines")
    fetching(p)
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser(
        "events",
        help="list the events of the store",
        description="List the events of the store, ranked by number of outlets, then recency. "
        "--format html writes a full report of every event with its brief.",
    )
    store(p)
    fmt(p)
    p.set_defaults(func=cmd_events)

    p = sub.add_parser(
        "show",
        help="print the brief of one event of the store",
        description="Print the brief of one event of the store; EVENT_ID may be a unique prefix.",
    )
    p.add_argument("event", metavar="EVENT_ID", help="event id (or a unique prefix of it)")
    store(p)
    fmt(p)
    p.set_defaults(func=cmd_show)

    p = sub.add_parser(
        "serve",
        help="serve the store as web pages and a JSON API",
        description="Start an HTTP server over the store: event list, event pages, an add form "
        "and a JSON API (/api/events, /api/articles; schema at /openapi.json). Binds to "
        "127.0.0.1 unless --host says otherwise. Needs the web extra.",
    )
    store(p)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=_port, default=8000, help="port (default 8000; 0: any free port)")
    p.add_argument(
        "--allow-host",
        action="append",
        metavar="NAME",
        help="also answer requests for this host name (repeatable; by default only the "
        "address it listens on, localhost, 127.0.0.1 and [::1]; * allows any)",
    )
    p.add_argument("-w", "--words", type=_budget, default=40, help=WORDS_HELP)
    window(p)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser(
        "eval-groups",
        help="score event grouping on labelled events or pools (B-cubed, adjusted Rand index)",
        description="Pool the articles of every event of a WCEP-style JSON Lines file (label = "
        "the event of the line), or read a labelled pool (one article a line with its "
        '"event" and "family", as groups_dev.jsonl), group them, and report B-cubed '
        "precision, recall and F1 and the adjusted Rand index, per family where the pool "
        "names families, beside a naive baseline (word-set Jaccard single link).",
    )
    p.add_argument(
        "data", metavar="DATA.jsonl", help="events, or labelled articles, one JSON object a line"
    )
    p.add_argument(
        "--json", metavar="FILE", help="also write the scores as JSON to FILE (- for stdout)"
    )
    window(p)
    p.add_argument(
        "--threshold",
        type=_threshold,
        metavar="T",
        help="mean cosine similarity at which groups merge (default 0.18)",
    )
    p.set_defaults(func=cmd_eval_groups)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Turn news articles into short, faithful, cited event briefs.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help=VERBOSE_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser(
        "summarize",
        help="summarize articles about one event into a cited brief",
        description="Summarize articles about one event into a cited brief. INPUTS are files "
        "(.txt, .html, .json, .jsonl, .warc, .warc.gz), folders (read recursively) or - for stdin.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder or - for stdin")
    p.add_argument("-w", "--words", type=_budget, default=40, help=WORDS_HELP)
    p.add_argument(
        "-f",
        "--format",
        choices=("text", "markdown", "json"),
        default="text",
        help="output format (default text)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
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
    p.add_argument("-w", "--words", type=_budget, default=40, help=WORDS_HELP)
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
    _add_store_commands(sub)
    for command in sub.choices.values():  # -v is taken after the command too
        command.add_argument(
            "-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help=VERBOSE_HELP
        )
    return parser
