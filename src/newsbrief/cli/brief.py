"""Commands on articles: summarize, eval, digest, eval-groups."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from newsbrief.cli.common import (
    _Bars,
    _event_lines,
    _group_settings,
    _paths,
    _warn,
    _warn_all,
    _why,
    _write,
)
from newsbrief.errors import InputError
from newsbrief.settings import Settings

if TYPE_CHECKING:
    from newsbrief.pipeline import Loaded


def _load(inputs: list[str], settings: Settings, bars: _Bars) -> Loaded:
    """The articles read from the command's ``inputs``, each problem warned; an
    InputError when no article is left."""
    from newsbrief import pipeline

    try:
        loaded = pipeline.load(_paths(inputs), settings, sys.stdin.buffer, bars)
    finally:
        bars.close()
    _warn_all(loaded.problems, nothing_left=not loaded.articles)
    if not loaded.articles:
        raise InputError("no usable article in the input" + _why(loaded.problems))
    return loaded


def cmd_summarize(args: argparse.Namespace) -> int:
    from newsbrief import pipeline
    from newsbrief.render import render

    settings = Settings(words=args.words)
    bars = _Bars(args.quiet, steps=True)
    loaded = _load(args.inputs, settings, bars)
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


def cmd_digest(args: argparse.Namespace) -> int:
    from newsbrief.digest import digest_articles
    from newsbrief.render import render_digest

    settings = _group_settings(args)
    if args.engine == "dask":
        return _digest_dask(args, settings)
    if args.scheduler or args.workers:
        raise InputError("--scheduler and --workers go with --engine dask")
    bars = _Bars(args.quiet)
    loaded = _load(args.inputs, settings, bars)
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
