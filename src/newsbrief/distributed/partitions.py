"""Planning the input: files to partitions (byte ranges of JSON Lines, Parquet row groups).

Part of the Dask engine; see :mod:`newsbrief.distributed`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq

from newsbrief.distributed.options import PARQUET_SUFFIXES


@dataclass(frozen=True)
class Part:
    """One input partition: a byte range of a JSON Lines file or a row group of a Parquet file."""

    number: int
    path: str
    name: str
    kind: str  # "jsonl", "jsonl.gz" or "parquet"
    offset: int = 0  # jsonl: first byte; parquet: row group
    length: int = 0  # jsonl: bytes
    first_row: int = 0  # parquet: rows of the file before this row group


def _local(fs: Any) -> bool:
    from fsspec.implementations.local import LocalFileSystem

    return isinstance(fs, LocalFileSystem)


def _url(fs: Any, path: str) -> str:
    """A path of a file system as a URL every worker can open (local paths stay paths)."""
    return path if _local(fs) else fs.unstrip_protocol(path)


def _kind_of(name: str) -> str | None:
    low = name.lower()
    if low.endswith(PARQUET_SUFFIXES):
        return "parquet"
    if low.endswith((".jsonl.gz", ".ndjson.gz")):
        return "jsonl.gz"
    if low.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    return None


def _files(label: str, problems: list[str]) -> list[tuple[str, str, Any]]:
    """(path, label, filesystem) of the readable files an input names: a file, a folder
    (walked sorted by name, hidden entries skipped) or a pattern (``*``, ``?``, ``[]``)."""
    try:
        fs, path = fsspec.core.url_to_fs(label)
    except (ImportError, ValueError) as e:
        problems.append(f"{label}: cannot open ({e}), skipped")
        return []
    try:
        if not fs.exists(path):
            if any(c in label for c in "*?["):  # a pattern: crawl/2024-*.jsonl
                found = sorted(fs.glob(path))
                if found:
                    return [f for m in found for f in _files(_url(fs, m), problems)]
            problems.append(f"{label}: no such file or folder, skipped")
            return []
        if not fs.isdir(path):
            if _kind_of(label) is None:
                problems.append(f"{label}: not JSON Lines (.jsonl) or Parquet (.parquet), skipped")
                return []
            return [(_url(fs, path), label, fs)]
        out: list[tuple[str, str, Any]] = []
        other: list[str] = []
        entries = sorted(fs.ls(path, detail=True), key=lambda e: e["name"].rstrip("/"))
        for e in entries:
            base = e["name"].rstrip("/").rsplit("/", 1)[-1]
            if base.startswith("."):
                continue
            sub = os.path.join(label, base) if _local(fs) else label.rstrip("/") + "/" + base
            if e["type"] == "directory":
                out.extend(_files(sub, problems))
            elif _kind_of(base) is not None:
                out.append((_url(fs, e["name"]), sub, fs))
            else:
                other.append(base)
        if other:  # never silently: the local engine would read .txt, .html, .warc ...
            shown = ", ".join(other[:3]) + (f" and {len(other) - 3} more" if len(other) > 3 else "")
            problems.append(
                f"{label}: {len(other)} file(s) skipped ({shown}): the Dask engine reads only "
                "JSON Lines (.jsonl, .jsonl.gz) and Parquet; use the local engine for the others"
            )
        return out
    except OSError as e:
        problems.append(f"{label}: cannot read ({e.strerror or e}), skipped")
        return []


def plan_partitions(
    inputs: Sequence[str | os.PathLike[str]], partition_bytes: int
) -> tuple[list[Part], list[str]]:
    """The partitions of the inputs, in input order, and one line per input that was skipped."""
    problems: list[str] = []
    parts: list[Part] = []
    for item in inputs:
        label = os.fsdecode(os.fspath(item))
        if label == "-":
            problems.append("-: the Dask engine does not read standard input, skipped")
            continue
        for path, name, fs in _files(label, problems):
            kind = _kind_of(name)
            try:
                if kind == "parquet":
                    with fsspec.open(path, "rb") as f:
                        meta = pq.ParquetFile(f).metadata
                    first = 0
                    for rg in range(meta.num_row_groups):
                        n = meta.row_group(rg).num_rows
                        parts.append(Part(len(parts), path, name, kind, rg, 0, first))
                        first += n
                    if meta.num_rows == 0:
                        problems.append(f"{name}: empty file, skipped")
                    continue
                size = fs.size(fsspec.core.url_to_fs(path)[1])
            except (OSError, pa.ArrowException) as e:
                problems.append(f"{name}: cannot read ({e}), skipped")
                continue
            if not size:
                problems.append(f"{name}: empty file, skipped")
            elif kind == "jsonl.gz":
                parts.append(Part(len(parts), path, name, kind, 0, size))
            else:
                for off in range(0, size, partition_bytes):
                    parts.append(
                        Part(len(parts), path, name, kind, off, min(partition_bytes, size - off))
                    )
    return parts, problems
