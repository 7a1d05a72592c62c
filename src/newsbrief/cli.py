"""The command line: ``newsbrief summarize INPUTS``.

Thin by design: parse arguments, call the pipeline, print. Errors are one line
``newsbrief: error: ...`` on stderr with exit status 2 (bad usage or input) or 1
(any other failure); never a traceback (set NEWSBRIEF_DEBUG=1 to see one).
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from newsbrief import __version__
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


def cmd_summarize(args: argparse.Namespace) -> int:
    from newsbrief import pipeline
    from newsbrief.render import render

    settings = Settings(words=args.words)
    bars = _Bars(args.quiet, steps=True)
    try:
        loaded = pipeline.load(_paths(args.inputs), settings, sys.stdin.buffer, bars)
    finally:
        bars.close()
    _warn_all(loaded.problems, nothing_left=not loaded.articles)
    if not loaded.articles:
        raise InputError("no usable article in the input" + _why(loaded.problems))
    events = _event_lines(loaded.articles)
    if len(events) > 1:
        _warn(
            f"the input holds {len(events)} events (lines of an events file such as "
            f"{events[0]}): summarize blends them into one brief; "
            "use 'newsbrief digest' for a brief per event"
        )
    try:
        brief = pipeline.brief_from_articles(loaded.articles, settings, progress=bars)
    finally:
        bars.close()
    _write(render(brief, args.format, loaded.problems), args.output)
    return 0


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
    _warn_all(data.problems, nothing_left=not data.events)
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


# ---------------------------------------------------------------- many events: digest, store


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


def cmd_digest(args: argparse.Namespace) -> int:
    from newsbrief import pipeline
    from newsbrief.digest import digest_articles
    from newsbrief.render import render_digest

    settings = _group_settings(args)
    if args.engine == "dask":
        return _digest_dask(args, settings)
    if args.scheduler or args.workers:
        raise InputError("--scheduler and --workers go with --engine dask")
    bars = _Bars(args.quiet)
    try:
        loaded = pipeline.load(_paths(args.inputs), settings, sys.stdin.buffer, bars)
    finally:
        bars.close()
    _warn_all(loaded.problems, nothing_left=not loaded.articles)
    if not loaded.articles:
        raise InputError("no usable article in the input" + _why(loaded.problems))
    problems: list[str] = []
    try:
        items = digest_articles(
            loaded.articles,
            settings,
            lambda d, t: bars("summarize", d, t),
            problems,
            group_progress=lambda d, t: bars("group", d, t),
        )
    finally:
        bars.close()
    for p in problems:
        _warn(p)
    if not items:
        raise InputError("no event of the input has a usable sentence")
    _write(render_digest(items, args.format), args.output)
    return 0


def _digest_dask(args: argparse.Namespace, settings: Settings) -> int:
    """``digest --engine dask``: the same pipeline on a Dask cluster, written to a folder."""
    if not args.output or args.output == "-":
        raise InputError(
            "--engine dask writes a folder of Parquet and JSON Lines files: name it with -o OUTDIR"
        )
    try:
        from newsbrief.distributed import dask_client, plan_partitions, run_digest
    except ImportError as e:
        raise InputError(
            f"the Dask engine needs the dask extra ({e.name} is missing): "
            "pip install 'newsbrief[dask]'"
        ) from None
    parts, problems = plan_partitions(args.inputs, 64 << 20)  # before starting a cluster
    if not parts:
        raise InputError("no readable JSON Lines or Parquet input" + _why(problems))
    with dask_client(args.scheduler, args.workers) as client:
        result = run_digest(args.inputs, args.output, settings, client=client)
    for p in result.problems:
        _warn(p)
    n = result.counts
    if n.get("rejected"):
        kinds = ", ".join(f"{k} {v}" for k, v in result.rejects.items())
        _warn(f"{n['rejected']} record(s) rejected ({kinds}): see {args.output}/rejects.jsonl")
    if not args.quiet:
        print(
            f"{n['events']} events from {n['articles']} articles "
            f"({n['rejected']} rejected, {n['duplicates']} copies) written to {args.output} "
            f"in {result.seconds.get('total', 0):.1f} s"
        )
    return 0


def _open_store(path: str, create: bool):  # noqa: ANN202 - Store, imported lazily
    from newsbrief.store import Store

    return Store.open(path, create=create)


def _fetch_settings(args: argparse.Namespace):  # noqa: ANN202 - FetchSettings, lazily
    from newsbrief.fetch import FetchSettings

    options: dict[str, object] = {
        "allow_private": args.allow_private,
        "contact": args.contact
        if args.contact is not None
        else os.environ.get("NEWSBRIEF_CONTACT", ""),
    }
    for name in ("timeout", "delay", "retries"):
        if getattr(args, name, None) is not None:
            options[name] = getattr(args, name)
    if args.timeout is not None:
        options["total_timeout"] = max(args.timeout * 3, args.timeout)
    return FetchSettings(**options)  # type: ignore[arg-type]


def _fetch_urls(store, urls: list[str], args: argparse.Namespace, settings: Settings):  # noqa: ANN001, ANN202
    import asyncio

    from newsbrief.fetch import Fetcher, poll

    fetch_settings = _fetch_settings(args)

    async def run():  # noqa: ANN202
        async with Fetcher(fetch_settings) as fetcher:
            return await poll(store, fetcher, urls, settings)

    return asyncio.run(run())


def cmd_add(args: argparse.Namespace) -> int:
    from newsbrief import pipeline
    from newsbrief.fetch.urls import is_http_url

    settings = _group_settings(args)
    urls = [i for i in args.inputs if is_http_url(i)]
    paths = [i for i in args.inputs if not is_http_url(i)]
    with _open_store(args.store, create=True) as store:
        fetched = None
        if urls:
            fetched = _fetch_urls(store, urls, args, settings)
            for p in fetched.problems:
                _warn(p)
        bars = _Bars(args.quiet)
        try:
            loaded = pipeline.load(_paths(paths), settings, sys.stdin.buffer, bars)
        finally:
            bars.close()
        for p in loaded.problems:
            _warn(p)
        try:
            report = store.add(loaded.articles, settings, progress=bars)
        finally:
            bars.close()
        for p in report.problems:
            _warn(p)
        counts = store.counts()
    new, known = report.new, report.known
    created, grown = len(report.created), len(report.touched) - len(report.created)
    if fetched is not None:
        new += fetched.new
        known += fetched.known
        created += len(fetched.created)
        grown += len(fetched.updated)
    if not args.quiet:
        fetched_part = ""
        if fetched is not None:
            fetched_part = f"{fetched.fetched} page(s) fetched"
            if fetched.skipped:
                fetched_part += f", {fetched.skipped} link(s) that gave no article before skipped"
            fetched_part += "; "
        print(
            f"added {new} article(s) ({known} already stored): {fetched_part}"
            f"{created} new event(s), {grown} grown; "
            f"{len(report.summarized) + (len(fetched.summarized) if fetched else 0)} "
            "brief(s) written. "
            f"{args.store}: {counts['articles']} articles, {counts['events']} events"
        )
    if not loaded.articles and (fetched is None or not (fetched.new or fetched.known)):
        problems = loaded.problems + (fetched.problems if fetched is not None else [])
        raise InputError("no usable article in the input" + _why(problems))
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    import asyncio
    from datetime import UTC, datetime

    from newsbrief.fetch import parse_interval, read_feeds_file, watch

    every = parse_interval(args.every)
    feeds = read_feeds_file(args.feeds)
    fetch_settings = _fetch_settings(args)
    settings = _group_settings(args)

    def line(text: str) -> None:
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        print(f"{stamp} {text}", flush=True)

    with _open_store(args.store, create=True) as store:
        if not args.quiet:
            line(f"watching {len(feeds)} feed(s) every {args.every} into {args.store}")
        asyncio.run(
            watch(store, feeds, every, fetch_settings, settings, log_line=line, cycles=args.cycles)
        )
        if not args.quiet:
            line("stopped")
    return 0


def cmd_events(args: argparse.Namespace) -> int:
    import json

    from newsbrief.render import md_escape, render_digest

    with _open_store(args.store, create=False) as store:
        listed = store.events()
        if args.format == "html":
            items = [store.brief(s.event.id) for s in listed]
            _write(render_digest(items, "html"), args.output)
            return 0
    if args.format == "json":
        data = [
            {
                "id": s.event.id,
                "first": s.event.first.isoformat() if s.event.first else None,
                "last": s.event.last.isoformat() if s.event.last else None,
                "size": s.event.size,
                "outlets": s.outlets,
                "headline": s.headline,
                "pending": s.dirty,
            }
            for s in listed
        ]
        _write(json.dumps(data, ensure_ascii=False, indent=2) + "\n", args.output)
        return 0

    def when(s) -> str:  # noqa: ANN001
        e = s.event
        return (e.last or e.first).isoformat() if (e.last or e.first) else "undated"

    if args.format == "markdown":
        out = ["| event | outlets | articles | latest | headline |", "|---|---:|---:|---|---|"]
        for s in listed:
            head = md_escape(" ".join(s.headline.split()) or "(brief pending)")
            out.append(f"| `{s.event.id}` | {s.outlets} | {s.event.size} | {when(s)} | {head} |")
    else:
        out = [f"{'event':<12}  {'outlets':>7}  {'articles':>8}  {'latest':<10}  headline"]
        for s in listed:
            head = " ".join(s.headline.split()) or "(brief pending: run newsbrief add)"
            if len(head) > 100:
                head = head[:99].rsplit(" ", 1)[0] + "…"
            out.append(
                f"{s.event.id:<12}  {s.outlets:>7}  {s.event.size:>8}  {when(s):<10}  {head}"
            )
    _write("\n".join(out) + "\n", args.output)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from newsbrief.render import render_event

    with _open_store(args.store, create=False) as store:
        event, brief = store.brief(args.event, _group_settings(args))
    _write(render_event(event, brief, args.format), args.output)
    return 0


def _listen(host: str, port: int):  # noqa: ANN202 - socket.socket
    """A listening TCP socket on host:port (port 0: any free port); one-line errors."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (OSError, UnicodeError) as e:
        raise InputError(
            f"cannot listen on {host!r}: {getattr(e, 'strerror', None) or e}"
        ) from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError as e:
        sock.close()
        raise NewsbriefError(f"cannot listen on {host} port {port}: {e.strerror or e}") from None
    sock.set_inheritable(True)
    return sock


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from newsbrief.web import create_app
        from newsbrief.web.guard import DEFAULT_HOSTS, normalize_host
    except ImportError as e:
        raise InputError(
            f"the web server needs the web extra ({e.name} is missing): "
            "pip install 'newsbrief[web]'"
        ) from None
    hosts = [*DEFAULT_HOSTS, normalize_host(args.host), *(args.allow_host or [])]
    app = create_app(args.store, _group_settings(args), allowed_hosts=hosts)
    sock = _listen(args.host, args.port)
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    print(f"{PROG}: serving {args.store} at http://{shown}:{port}/ (Ctrl-C stops)", flush=True)
    config = uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=30)
    uvicorn.Server(config).run(sockets=[sock])
    return 0


def cmd_eval_groups(args: argparse.Namespace) -> int:
    import json

    from newsbrief.cluster_metrics import evaluate_grouping, read_labeled

    settings = _group_settings(args)
    data = read_labeled(args.data, settings)
    _warn_all(data.problems, nothing_left=not data.articles)
    if not data.articles:
        raise InputError(f"no usable article in {args.data}" + _why(data.problems))
    report = evaluate_grouping(data, settings, dataset=str(args.data))
    if args.json:
        _write(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n", args.json)
    if args.json != "-":
        _write(report.table(), None)
    return 0


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
    p.add_argument("-w", "--words", type=_positive, default=40, help="word budget (default 40)")
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
