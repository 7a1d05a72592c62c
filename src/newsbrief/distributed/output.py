"""Writing the ranked events and briefs, and reading them back.

Part of the Dask engine; see :mod:`newsbrief.distributed`.
"""

from __future__ import annotations

import json
import os
from typing import Any

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq

from newsbrief.distributed.prepare import _write_parquet

EVENTS_OUT = pa.schema(
    [
        ("rank", pa.int64()),
        ("id", pa.string()),
        ("first", pa.string()),
        ("last", pa.string()),
        ("size", pa.int64()),
        ("outlets", pa.int64()),
        ("headline", pa.string()),
        ("article_ids", pa.list_(pa.string())),
    ]
)
BRIEFS_OUT = pa.schema(
    [
        ("rank", pa.int64()),
        ("event_id", pa.string()),
        ("headline", pa.string()),
        ("json", pa.string()),
    ]
)


def write_ranked(src: str, first_rank: int, outdir: str, number: int) -> int:
    """Write one sorted part of the events: Parquet and JSON Lines of events and of briefs."""
    fs, p = fsspec.core.url_to_fs(src)
    with fs.open(p, "rb") as f:
        table = pq.read_table(f)
    col = {name: table.column(name).to_pylist() for name in table.column_names}
    ranks = list(range(first_rank, first_rank + table.num_rows))
    ids = [json.loads(x) for x in col["article_ids"]]
    events = pa.table(
        {
            "rank": ranks,
            "id": col["event_id"],
            "first": col["first"],
            "last": col["last"],
            "size": col["size"],
            "outlets": col["outlets"],
            "headline": col["headline"],
            "article_ids": ids,
        },
        schema=EVENTS_OUT,
    )
    briefs = pa.table(
        {
            "rank": ranks,
            "event_id": col["event_id"],
            "headline": col["headline"],
            "json": col["json"],
        },
        schema=BRIEFS_OUT,
    )
    stem = f"part-{number:05d}"
    _write_parquet(events, f"{outdir}/events.parquet/{stem}.parquet")
    _write_parquet(briefs, f"{outdir}/briefs.parquet/{stem}.parquet")
    ev_lines = []
    br_lines = []
    for row, rank, aids, js in zip(events.to_pylist(), ranks, ids, col["json"], strict=True):
        ev_lines.append(json.dumps(dict(row, article_ids=aids), ensure_ascii=False))
        br_lines.append(json.dumps({"rank": rank, **json.loads(js)}, ensure_ascii=False))
    ofs, op = fsspec.core.url_to_fs(f"{outdir}/events.jsonl/{stem}.jsonl")
    with ofs.open(op, "w", encoding="utf-8") as f:
        f.write("".join(x + "\n" for x in ev_lines))
    ofs, op = fsspec.core.url_to_fs(f"{outdir}/briefs.jsonl/{stem}.jsonl")
    with ofs.open(op, "w", encoding="utf-8") as f:
        f.write("".join(x + "\n" for x in br_lines))
    return table.num_rows


def _parts_of(fs: Any, folder: str, suffix: str) -> list[str]:
    try:
        names = [n for n in fs.ls(folder, detail=False) if n.endswith(suffix)]
    except FileNotFoundError:
        return []
    return sorted(names)


def read_events(outdir: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """The events a run wrote (events.jsonl), in rank order."""
    return _read_jsonl_parts(f"{os.fspath(outdir)}/events.jsonl")


def read_briefs(outdir: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """The briefs a run wrote (briefs.jsonl: each as ``newsbrief digest --format json`` gives it), in rank order."""
    return _read_jsonl_parts(f"{os.fspath(outdir)}/briefs.jsonl")


def _read_jsonl_parts(folder: str) -> list[dict[str, Any]]:
    fs, p = fsspec.core.url_to_fs(folder)
    out = []
    for name in _parts_of(fs, p, ".jsonl"):
        with fs.open(name, "r", encoding="utf-8") as f:
            out.extend(json.loads(line) for line in f if line.strip())
    return out
