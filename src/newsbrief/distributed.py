"""The same pipeline on Dask: digest corpora too large for one machine.

>>> from newsbrief.distributed import dask_client, run_digest
>>> with dask_client(workers=4) as client:                       # doctest: +SKIP
...     result = run_digest(["crawl/2024-*.jsonl"], "out/", client=client)
>>> result.counts["events"]                                      # doctest: +SKIP

This module only distributes the stages; each stage is the single-machine function
(see docs/distributed.md):

1. **Read and clean** (one task per partition: a byte range of a JSON Lines file, or a
   row group of a Parquet file). Records are parsed by :func:`newsbrief.read.jsonl.record_articles`
   (same field names and aliases as the readers) and cleaned by
   :func:`newsbrief.clean.clean_article`. Each task also computes, per article, the word
   5-shingles (:func:`newsbrief.dedup.article_shingles`), the MinHash signature
   (:func:`newsbrief.dedup.signature`, seed 1) cut into LSH bands, and the grouping vector
   (:func:`newsbrief.group.vectorize`). It writes them as Parquet to a work folder and
   returns only counts. Bad records (invalid JSON, no text, an invalid date, a text over
   :attr:`DaskOptions.max_text_chars`, nothing left after cleaning) are counted and written
   to ``rejects.jsonl`` with the reason, the input, the line and the partition.
2. **Near-duplicates.** The band keys are shuffled across partitions (``groupby`` band key);
   articles sharing a band bucket are candidate pairs, verified by the exact Jaccard
   similarity of their shingle sets; union-find over the verified edges (a small list,
   reduced on the client) maps every copy to the earliest article it copies, as
   :func:`newsbrief.dedup.find_duplicates` does. The same article read twice (same id) is
   kept once, as :func:`newsbrief.group.group_articles` does.
3. **Blocking for events.** Every article goes to the block of its date bucket and, near a
   bucket's start, to the block before, so every pair of articles at most
   ``Settings.group_window_days`` apart meets in one block; undated articles go to every
   block, since they are compared with every article. A block larger than
   :attr:`DaskOptions.max_block` is split by the article's strongest terms (shared rare
   terms). Inside each block :func:`newsbrief.group.similarity_edges` finds the pairs
   similar enough to ever join an event; their connected components (union-find on the
   client, over a spanning forest of each block) are independent grouping problems.
4. **Events.** Each component is grouped by :func:`newsbrief.group.group_articles`: the same
   events as grouping everything at once, since average linkage never merges articles
   with no similar pair between them. A component larger than ``max_block`` is cut into
   date chunks that overlap by the window; events of two chunks sharing an article are
   merged (a deterministic approximation, only for such components).
5. **Briefs.** Each event is briefed by :func:`newsbrief.digest.brief_event`
   (the summarizer, then facts and disagreements), as ``newsbrief digest`` does, ranked by
   distinct outlets, then recency (:func:`newsbrief.digest.rank_key`) with a distributed
   sort, and written as Parquet and JSON Lines.

Everything is deterministic: hashes are sha1/blake2b/CRC-32 (never Python's ``hash``),
rows are sorted by their position in the input wherever order matters, and a task that
is run again (a worker was lost) writes the same files.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any

import dask
import dask.dataframe as dd
import fsspec
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from fsspec.utils import read_block
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from newsbrief.clean import clean_article
from newsbrief.dedup import article_shingles, lsh_bands, signature
from newsbrief.digest import brief_event, left_out, outlets, rank_key
from newsbrief.errors import InputError, NewsbriefError
from newsbrief.group import (
    group_articles,
    make_event,
    matrix_of,
    similarity_edges,
    vectorize,
)
from newsbrief.model import Article, Event
from newsbrief.read.common import parse_date
from newsbrief.read.jsonl import DATE_KEYS, TEXT_KEYS, first_value, record_articles
from newsbrief.render import event_json
from newsbrief.settings import Settings

__all__ = [
    "DaskOptions",
    "DaskResult",
    "dask_client",
    "plan_partitions",
    "read_briefs",
    "read_events",
    "run_digest",
]

log = logging.getLogger("newsbrief")

#: file names the engine reads as JSON Lines (gzip-compressed ones are one partition each)
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
#: file names the engine reads as Parquet (one partition per row group)
PARQUET_SUFFIXES = (".parquet", ".pq")
#: what the engine writes into the output folder (removed first when re-running)
OUTPUTS = (
    "events.parquet",
    "events.jsonl",
    "briefs.parquet",
    "briefs.jsonl",
    "rejects.jsonl",
    "duplicates.jsonl",
    "summary.json",
)
_WORK = "_work"
_NO_DAY = -1
#: at most this many characters of a rejected line are kept in rejects.jsonl
_SNIPPET = 200

TaskHook = Callable[[str, int], None]


@dataclass(frozen=True)
class DaskOptions:
    """How the work is cut up; none of these changes the results (except ``max_block``, above
    which a component of similar articles is grouped in date chunks, and the rejects rules).
    """

    #: bytes of JSON Lines per partition; None: about 4 partitions per worker thread,
    #: between 1 MiB and 64 MiB
    partition_bytes: int | None = None
    #: a record whose text is longer than this many characters is rejected ("too-long");
    #: None: ``Settings.max_text_chars`` (the rule of the single-machine readers)
    max_text_chars: int | None = None
    #: reject records whose date field is present but unreadable (else they are undated)
    reject_bad_dates: bool = True
    #: articles grouped in one task at most (blocks of candidate pairs, components)
    max_block: int = 20_000
    #: a block over ``max_block`` is split by each article's this many strongest terms
    block_terms: int = 8
    #: dates per block bucket, in windows (``Settings.group_window_days``)
    bucket_windows: int = 4
    #: partitions of each shuffle; None: as many as the input has, at least 2 per thread
    shuffle_partitions: int | None = None
    #: Dask shuffle method: "p2p" (pieces spill to the workers' disks, so a shuffle may be
    #: larger than the cluster's memory) or "tasks" (every piece is a task held in memory)
    shuffle: str = "p2p"
    #: keep the intermediate Parquet files under OUTDIR/_work
    keep_work: bool = False
    #: called on the worker at the start of every partition task with (stage, partition):
    #: for instrumentation and fault-injection tests
    on_task: TaskHook | None = None

    def __post_init__(self) -> None:
        if self.partition_bytes is not None and self.partition_bytes < 1024:
            raise InputError("partition_bytes must be at least 1024")
        if (
            (self.max_text_chars is not None and self.max_text_chars < 1)
            or self.max_block < 2
            or self.block_terms < 1
        ):
            raise InputError("max_text_chars, max_block and block_terms must be positive")
        if self.bucket_windows < 1:
            raise InputError("bucket_windows must be at least 1")
        if self.shuffle not in ("tasks", "p2p"):
            raise InputError(f"unknown shuffle method {self.shuffle!r} (tasks or p2p)")


@dataclass
class DaskResult:
    """What a run wrote and counted: the output folder, counts, problems and stage timings."""

    outdir: str
    counts: dict[str, int] = field(default_factory=dict)
    rejects: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "outdir": self.outdir,
            "counts": self.counts,
            "rejects": self.rejects,
            "problems": self.problems,
            "seconds": self.seconds,
        }


# --------------------------------------------------------------------------- cluster


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A dask.distributed Client: connected to ``scheduler``, or on a local cluster of ``workers``.

    The local cluster has one single-threaded worker process per core (the stages are
    pure Python, so processes, not threads, run in parallel) unless ``workers`` says
    otherwise.
    """
    from distributed import Client, LocalCluster

    if scheduler and workers:
        raise InputError("give either a scheduler address or a number of workers, not both")
    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError, ValueError) as e:
            raise NewsbriefError(f"cannot connect to the Dask scheduler {scheduler}: {e}") from None
        try:
            yield client
        finally:
            client.close()
        return
    n = workers or os.cpu_count() or 1
    # the local scheduler and nannies run in this process: their notes are not for users
    # (with newsbrief -v, warnings still show)
    quiet = (
        logging.WARNING
        if logging.getLogger().getEffectiveLevel() <= logging.INFO
        else logging.ERROR
    )
    logging.getLogger("distributed").setLevel(quiet)
    cluster = LocalCluster(
        n_workers=n,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        scheduler_kwargs={"dashboard": False},
    )
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


# --------------------------------------------------------------------------- partitions


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


# --------------------------------------------------------------------------- stage 1: read, clean


def _text_length(value: Any) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, list):
        return sum(len(v) for v in value if isinstance(v, str))
    return 0


Outcome = tuple[Article | None, str, str]  # (article, reject kind, reason)


def _item(item: Any, name: str, where: str, prefix: str, options: DaskOptions) -> Outcome:
    """One article record: an Article, or why it is rejected."""
    if not isinstance(item, dict):
        return None, "not-an-object", f"{prefix}not a JSON object ({type(item).__name__})"
    n = _text_length(first_value(item, TEXT_KEYS))
    if options.max_text_chars is not None and n > options.max_text_chars:
        return None, "too-long", f"{prefix}text of {n} characters (limit {options.max_text_chars})"
    raw_date = first_value(item, DATE_KEYS)
    if options.reject_bad_dates and raw_date is not None and parse_date(raw_date) is None:
        shown = str(raw_date)[:60]
        return None, "invalid-date", f"{prefix}invalid date {shown!r}"
    got = record_articles(item, name, where)
    if got.articles:
        return got.articles[0], "", ""
    why = got.problems[0].split(": ", 1)[-1] if got.problems else "no article"
    why = why.removesuffix(", skipped").removeprefix("record has ")
    return None, "no-text" if "no text" in why else "bad-record", f"{prefix}{why}"


def _record(record: Any, name: str, where: str, options: DaskOptions) -> list[Outcome]:
    """The articles of one record (an article, or an event with "articles"), as the readers see it."""
    if isinstance(record, dict) and "articles" in record and first_value(record, TEXT_KEYS) is None:
        items = record["articles"]
        if not isinstance(items, list):
            return [(None, "bad-record", '"articles" is not a list')]
        if not items:
            return [(None, "bad-record", "event has no articles")]
        return [_item(x, name, where, f"article {i}: ", options) for i, x in enumerate(items, 1)]
    return [_item(record, name, where, "", options)]


def _lines(part: Part) -> tuple[list[tuple[int, bytes]], int]:
    """(line number within the partition, bytes) of the partition's lines, and its line count."""
    fs, path = fsspec.core.url_to_fs(part.path)
    if part.kind == "jsonl.gz":
        with fs.open(path, "rb", compression="gzip") as f:
            data = f.read()
    else:
        with fs.open(path, "rb") as f:
            data = read_block(f, part.offset, part.length, delimiter=b"\n")
    count = data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
    return list(enumerate(data.split(b"\n")[:count], 1)), count


def _records(part: Part) -> tuple[list[tuple[int, Any, str, str]], int]:
    """(line or row, record or None, error, the bad line) per record of the partition; its line count."""
    out: list[tuple[int, Any, str, str]] = []
    if part.kind == "parquet":
        fs, path = fsspec.core.url_to_fs(part.path)
        with fs.open(path, "rb") as f:
            rows = pq.ParquetFile(f).read_row_group(part.offset).to_pylist()
        for i, row in enumerate(rows):
            out.append((part.first_row + i + 1, row, "", ""))
        return out, len(rows)
    lines, count = _lines(part)
    for n, raw in lines:
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            # a reject, not a guess: JSON Lines are UTF-8, and the local engine warns too
            shown = raw[: _SNIPPET * 4].decode("utf-8", errors="replace")
            out.append((n, None, "not-utf8:line is not UTF-8", shown))
            continue
        line = line.strip().lstrip("\ufeff")
        if not line:
            continue
        try:
            out.append((n, json.loads(line), "", ""))
        except json.JSONDecodeError as e:
            out.append((n, None, f"invalid-json:malformed JSON ({e.msg})", line))
        except RecursionError:
            out.append((n, None, "invalid-json:malformed JSON (nested too deeply)", line))
    return out, count


def _snippet(record: Any) -> str:
    try:
        text = record if isinstance(record, str) else json.dumps(record, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(record)
    return text[:_SNIPPET]


ARTICLES = pa.schema(
    [
        ("seq", pa.int64()),
        ("id", pa.string()),
        ("title", pa.string()),
        ("text", pa.string()),
        ("url", pa.string()),
        ("source", pa.string()),
        ("name", pa.string()),
        ("part", pa.int64()),
        ("line", pa.int64()),
        ("day", pa.int64()),
        ("shingles", pa.binary()),
        ("vidx", pa.binary()),
        ("vval", pa.binary()),
        ("terms", pa.binary()),
    ]
)
BANDS = pa.schema([("key", pa.int64()), ("seq", pa.int64()), ("id", pa.string())])


@lru_cache(maxsize=8)
def _h64(*parts: bytes) -> int:
    """A stable signed 64-bit hash of byte strings (blake2b)."""
    h = hashlib.blake2b(digest_size=8)
    for p in parts:
        h.update(len(p).to_bytes(4, "little"))
        h.update(p)
    return int.from_bytes(h.digest(), "little", signed=True)


def _band_keys(article: Article, shingle_set: set[int], settings: Settings) -> list[int]:
    """One key per LSH band of the article's MinHash signature (equal keys: same band values)."""
    b, r = lsh_bands(settings.duplicate_threshold, settings.minhash_permutations)
    if not shingle_set:  # no words: never a copy, but the same article read twice still meets
        return [_h64(b"empty", i.to_bytes(2, "little"), article.id.encode()) for i in range(b)]
    hv = signature(shingle_set, settings.minhash_permutations).hashvalues.astype(np.uint64)
    return [_h64(i.to_bytes(2, "little"), hv[i * r : (i + 1) * r].tobytes()) for i in range(b)]


def _write_parquet(table: pa.Table, path: str) -> None:
    fs, p = fsspec.core.url_to_fs(path)
    with fs.open(p, "wb") as f:
        pq.write_table(table, f)


def prepare_partition(
    part: Part, settings: Settings, options: DaskOptions, work: str
) -> dict[str, Any]:
    """Stage 1 on one partition: read, validate, clean, shingle, sign and vectorize; write to ``work``.

    Returns the partition's counts, its rejected records and its articles per day.
    """
    if options.on_task is not None:
        options.on_task("prepare", part.number)
    if options.max_text_chars is None:
        options = replace(options, max_text_chars=settings.max_text_chars)
    records, count = _records(part)
    rejects: list[dict[str, Any]] = []
    kept: list[tuple[Article, int]] = []
    n_records = 0

    def reject(line: int, kind: str, reason: str, record: Any) -> None:
        rejects.append(
            {
                "kind": kind,
                "reason": reason,
                "input": part.name,
                "line": line,
                "partition": part.number,
                "record": _snippet(record),
            }
        )

    for line, record, error, bad in records:
        n_records += 1
        if error:
            kind, reason = error.split(":", 1)
            reject(line, kind, reason, bad)
            continue
        where = f"{part.name}:{line}"  # rewritten with the file's line number later
        for article, kind, reason in _record(record, part.name, where, options):
            if article is None:
                reject(line, kind, reason, record)
                continue
            cleaned = clean_article(article, settings)
            if cleaned is None:
                reject(line, "empty-after-cleaning", "no text left after cleaning", record)
                continue
            kept.append((cleaned, line))
    arts = [a for a, _ in kept]
    cols: dict[str, list[Any]] = {f.name: [] for f in ARTICLES}
    bands: dict[str, list[Any]] = {"key": [], "seq": [], "id": []}
    rows = vectorize(arts) if arts else None
    days: Counter[int] = Counter()
    for k, (a, line) in enumerate(kept):
        seq = (part.number << 32) | k
        sh = article_shingles(a)
        day = a.published.toordinal() if a.published else _NO_DAY
        days[day] += 1
        lo, hi = rows.indptr[k], rows.indptr[k + 1]  # type: ignore[union-attr]
        idx = rows.indices[lo:hi].astype(np.int32)  # type: ignore[union-attr]
        val = rows.data[lo:hi].astype(np.float32)  # type: ignore[union-attr]
        top = idx[np.argsort(-val, kind="stable")[: options.block_terms]]
        for name, value in (
            ("seq", seq),
            ("id", a.id),
            ("title", a.title),
            ("text", a.text),
            ("url", a.url),
            ("source", a.source),
            ("name", part.name),
            ("part", part.number),
            ("line", line),
            ("day", day),
            ("shingles", np.unique(np.fromiter(sh, np.uint32, len(sh))).tobytes()),
            ("vidx", idx.tobytes()),
            ("vval", val.tobytes()),
            ("terms", np.sort(top).astype(np.int32).tobytes()),
        ):
            cols[name].append(value)
        for key in _band_keys(a, sh, settings):
            bands["key"].append(key)
            bands["seq"].append(seq)
            bands["id"].append(a.id)
    stem = f"part-{part.number:06d}.parquet"
    _write_parquet(pa.table(cols, schema=ARTICLES), f"{work}/articles/{stem}")
    _write_parquet(pa.table(bands, schema=BANDS), f"{work}/bands/{stem}")
    return {
        "part": part.number,
        "name": part.name,
        "kind": part.kind,
        "lines": count,
        "records": n_records,
        "articles": len(kept),
        "rejects": rejects,
        "days": dict(days),
    }


# --------------------------------------------------------------------------- stage 2: copies


def _hook(options: DaskOptions, stage: str, info: dict[str, Any] | None) -> None:
    if options.on_task is not None:
        options.on_task(stage, int(info["number"]) if info else -1)


PAIRS_META = pd.DataFrame(
    {
        "a": pd.Series([], dtype="int64"),
        "b": pd.Series([], dtype="int64"),
        "ida": pd.Series([], dtype=object),
        "idb": pd.Series([], dtype=object),
    }
)


def band_pairs(
    df: pd.DataFrame, options: DaskOptions, partition_info: dict[str, Any] | None = None
) -> pd.DataFrame:
    """Candidate pairs (a < b by input position) of articles sharing an LSH band bucket."""
    _hook(options, "band-pairs", partition_info)
    out_a: list[int] = []
    out_b: list[int] = []
    ida: list[str] = []
    idb: list[str] = []
    if len(df):
        df = df.sort_values(["key", "seq"], kind="stable")
        keys = df["key"].to_numpy()
        seqs = df["seq"].to_numpy()
        ids = df["id"].to_numpy(dtype=object)
        starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
        ends = np.r_[starts[1:], len(keys)]
        for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
            if e - s < 2:
                continue
            for i in range(s, e):
                for j in range(i + 1, e):
                    out_a.append(int(seqs[i]))
                    out_b.append(int(seqs[j]))
                    ida.append(ids[i])
                    idb.append(ids[j])
    out = pd.DataFrame(
        {
            "a": np.asarray(out_a, dtype=np.int64),
            "b": np.asarray(out_b, dtype=np.int64),
            "ida": pd.Series(ida, dtype=object),
            "idb": pd.Series(idb, dtype=object),
        }
    )
    return out.drop_duplicates(["a", "b"], ignore_index=True)


def _only(df: pd.DataFrame, seqs: np.ndarray) -> pd.DataFrame:
    return df[df["seq"].isin(seqs)]


JACCARD_META = pd.DataFrame({"a": pd.Series([], dtype="int64"), "b": pd.Series([], dtype="int64")})


def verified_pairs(pairs: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """The candidate pairs whose shingle sets' exact Jaccard similarity is at least ``threshold``."""
    keep = []
    for a, b in zip(pairs["sa"].tolist(), pairs["sb"].tolist(), strict=True):
        x = np.frombuffer(a, dtype=np.uint32)
        y = np.frombuffer(b, dtype=np.uint32)
        if not x.size or not y.size:
            keep.append(False)
            continue
        inter = int(np.intersect1d(x, y, assume_unique=True).size)
        keep.append(inter / (int(x.size) + int(y.size) - inter) >= threshold)
    return pairs.loc[np.asarray(keep, dtype=bool), ["a", "b"]].astype("int64")


def _components(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Connected components of edges between int64 keys: (keys, the smallest key of each's component)."""
    keys, inv = np.unique(np.concatenate([a, b]), return_inverse=True)
    n = len(keys)
    if not n:
        return keys, keys
    m = len(a)
    graph = sparse.coo_matrix((np.ones(m, dtype=np.int8), (inv[:m], inv[m:])), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    smallest = np.full(label.max() + 1, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(smallest, label, keys)
    return keys, smallest[label]


# --------------------------------------------------------------------------- stage 3: blocks


@dataclass(frozen=True)
class BlockPlan:
    """Which date buckets are split by terms, from the number of articles per day."""

    width: int  # days per bucket
    window: int
    split: frozenset[int]  # buckets whose block is split by terms
    buckets: tuple[int, ...]  # every bucket with a dated article
    undated_split: bool


def _bucket(day: int, width: int) -> int:
    return day // width


def make_block_plan(days: Counter[int], settings: Settings, options: DaskOptions) -> BlockPlan:
    """Blocks: bucket k holds days [kW, (k+1)W + window); split by terms when over max_block."""
    window = settings.group_window_days
    width = max(1, window) * options.bucket_windows
    undated = days.get(_NO_DAY, 0)
    size: Counter[int] = Counter()
    for day, n in days.items():
        if day == _NO_DAY:
            continue
        k = _bucket(day, width)
        size[k] += n
        if day - k * width < window:
            size[k - 1] += n
    buckets = tuple(sorted(k for k in size))
    split = frozenset(k for k, n in size.items() if n + undated > options.max_block)
    return BlockPlan(width, window, split, buckets, undated > options.max_block)


_U_BLOCK = -1


def _block_key(bucket: int, term: int) -> int:
    return ((bucket + 2) << 21) | (term + 1)


BLOCK_ROWS_META = pd.DataFrame(
    {
        "block": pd.Series([], dtype="int64"),
        "seq": pd.Series([], dtype="int64"),
        "day": pd.Series([], dtype="int64"),
        "vidx": pd.Series([], dtype=object),
        "vval": pd.Series([], dtype=object),
    }
)


def block_rows(
    df: pd.DataFrame,
    plan: BlockPlan,
    drop: np.ndarray,
    options: DaskOptions,
    partition_info: dict[str, Any] | None = None,
) -> pd.DataFrame:
    """One row per (block, article): the blocks each article of the partition goes to."""
    _hook(options, "block-rows", partition_info)
    df = df[~df["seq"].isin(drop)]
    out: dict[str, list[Any]] = {"block": [], "seq": [], "day": [], "vidx": [], "vval": []}
    for seq, day, vidx, vval, terms in zip(
        df["seq"].tolist(),
        df["day"].tolist(),
        df["vidx"].tolist(),
        df["vval"].tolist(),
        df["terms"].tolist(),
        strict=True,
    ):
        own = np.frombuffer(terms, dtype=np.int32).tolist()
        if day == _NO_DAY:
            targets = [(k, k in plan.split) for k in plan.buckets]
            targets.append((_U_BLOCK, plan.undated_split))
        else:
            k = _bucket(day, plan.width)
            targets = [(k, k in plan.split)]
            if day - k * plan.width < plan.window:
                targets.append((k - 1, (k - 1) in plan.split))
        for bucket, split in targets:
            for term in own if split else [-1]:
                out["block"].append(_block_key(bucket, term))
                out["seq"].append(seq)
                out["day"].append(day)
                out["vidx"].append(vidx)
                out["vval"].append(vval)
    return pd.DataFrame(
        {
            "block": np.asarray(out["block"], dtype=np.int64),
            "seq": np.asarray(out["seq"], dtype=np.int64),
            "day": np.asarray(out["day"], dtype=np.int64),
            "vidx": pd.Series(out["vidx"], dtype=object),
            "vval": pd.Series(out["vval"], dtype=object),
        }
    )


BLOCK_EDGES_META = pd.DataFrame(
    {
        "kind": pd.Series([], dtype="int8"),
        "a": pd.Series([], dtype="int64"),
        "b": pd.Series([], dtype="int64"),
        "sim": pd.Series([], dtype="float32"),
        "day": pd.Series([], dtype="int64"),
    }
)
#: component edges are kept from a little below the grouping's own cut (threshold / 2), so
#: that rounding can never split what group_articles would join
_EDGE_MARGIN = 0.95


def block_edges(
    df: pd.DataFrame,
    settings: Settings,
    options: DaskOptions,
    partition_info: dict[str, Any] | None = None,
) -> pd.DataFrame:
    """Per block: a spanning forest of its similar pairs, and each undated article's best dated match.

    Rows of kind 0 are forest edges (a, b); rows of kind 1 say that undated article a is
    most similar (sim) to dated article b of day ``day``.
    """
    _hook(options, "block-edges", partition_info)
    kinds: list[np.ndarray] = []
    aa: list[np.ndarray] = []
    bb: list[np.ndarray] = []
    ss: list[np.ndarray] = []
    dd_: list[np.ndarray] = []
    if len(df):
        df = df.sort_values(["block", "seq"], kind="stable").drop_duplicates(["block", "seq"])
        blocks = df["block"].to_numpy()
        starts = np.flatnonzero(np.r_[True, blocks[1:] != blocks[:-1]])
        ends = np.r_[starts[1:], len(blocks)]
        min_sim = settings.group_threshold / 2 * _EDGE_MARGIN
        for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
            if e - s < 2:
                continue
            part = df.iloc[s:e]
            seqs = part["seq"].to_numpy()
            days = part["day"].to_numpy()
            x = matrix_of(
                [
                    (np.frombuffer(i, dtype=np.int32), np.frombuffer(v, dtype=np.float32))
                    for i, v in zip(part["vidx"].tolist(), part["vval"].tolist(), strict=True)
                ]
            )
            r, c, sim = similarity_edges(x, days, settings.group_window_days, min_sim)
            if not len(r):
                continue
            keys, root = _components(seqs[r], seqs[c])
            tree = keys != root
            kinds.append(np.zeros(int(tree.sum()), dtype=np.int8))
            aa.append(root[tree])
            bb.append(keys[tree])
            ss.append(np.zeros(int(tree.sum()), dtype=np.float32))
            dd_.append(np.zeros(int(tree.sum()), dtype=np.int64))
            # undated articles: their most similar dated article (ties: the earliest)
            und_r = (days[r] < 0) & (days[c] >= 0)
            und_c = (days[c] < 0) & (days[r] >= 0)
            u = np.concatenate([r[und_r], c[und_c]])
            d = np.concatenate([c[und_r], r[und_c]])
            if len(u):
                w = np.concatenate([sim[und_r], sim[und_c]])
                order = np.lexsort((seqs[d], -w, seqs[u]))
                u, d, w = u[order], d[order], w[order]
                first = np.r_[True, seqs[u][1:] != seqs[u][:-1]]
                kinds.append(np.ones(int(first.sum()), dtype=np.int8))
                aa.append(seqs[u][first])
                bb.append(seqs[d][first])
                ss.append(w[first].astype(np.float32))
                dd_.append(days[d][first])
    if not kinds:
        return BLOCK_EDGES_META.copy()
    return pd.DataFrame(
        {
            "kind": np.concatenate(kinds),
            "a": np.concatenate(aa),
            "b": np.concatenate(bb),
            "sim": np.concatenate(ss),
            "day": np.concatenate(dd_),
        }
    )


# --------------------------------------------------------------------------- stage 4-5: events


def _rebuild(row: dict[str, Any], line_offsets: dict[int, int]) -> Article:
    """The cleaned Article of a work-table row, its origin with the line number in its file."""
    day = int(row["day"])
    line = int(row["line"]) + line_offsets.get(int(row["part"]), 0)
    return Article(
        id=row["id"],
        title=row["title"],
        text=row["text"],
        url=row["url"],
        source=row["source"],
        published=date.fromordinal(day) if day != _NO_DAY else None,
        origin=f"{row['name']}:{line}",
    )


CHUNK_META = pd.DataFrame(
    {
        "chunk": pd.Series([], dtype="int64"),
        "event": pd.Series([], dtype="int64"),
        "seq": pd.Series([], dtype="int64"),
    }
)


def _chunk_key(comp: int, bucket: int) -> int:
    return _h64(
        b"chunk", comp.to_bytes(8, "little", signed=True), bucket.to_bytes(8, "little", signed=True)
    )


def chunk_rows(df: pd.DataFrame, width: int, window: int) -> pd.DataFrame:
    """The chunk(s) each article is grouped in: its whole component, or date chunks of a large one.

    In a component over ``max_block`` (``large``), an article goes to the chunk of its date
    bucket and, in the first ``window`` days of a bucket, to the chunk before, as blocks are
    made (see :func:`make_block_plan`); an undated article goes where its most similar
    dated article is (``anchor``), or to its component's chunk of undated articles.
    """
    comps = df["comp"].tolist()
    large = df["large"].to_numpy(dtype=bool)
    own = df["day"].to_numpy()
    day = np.where(own != _NO_DAY, own, df["anchor"].to_numpy())
    home = np.where(~large, -1, np.where(day == _NO_DAY, -2, day // width))
    out = [df.assign(chunk=[_chunk_key(c, h) for c, h in zip(comps, home.tolist(), strict=True)])]
    near = large & (day != _NO_DAY) & (day - home * width < window)
    if near.any():
        prev = df[near]
        keys = [
            _chunk_key(c, h - 1)
            for c, h in zip(prev["comp"].tolist(), home[near].tolist(), strict=True)
        ]
        out.append(prev.assign(chunk=keys))
    return pd.concat(out, ignore_index=True)


def _article_groups(
    df: pd.DataFrame, key: str, line_offsets: dict[int, int]
) -> Iterator[tuple[int, pd.DataFrame, list[Article]]]:
    """Each value of ``key`` in turn, with its rows and their articles, in input order."""
    df = df.sort_values([key, "seq"], kind="stable")
    for value, part in df.groupby(key, sort=True):
        yield int(value), part, [_rebuild(r, line_offsets) for r in part.to_dict("records")]


def group_chunks(
    df: pd.DataFrame,
    settings: Settings,
    options: DaskOptions,
    line_offsets: dict[int, int],
    partition_info: dict[str, Any] | None = None,
) -> pd.DataFrame:
    """group_articles on each chunk of articles: (chunk, event index, seq) rows."""
    _hook(options, "group-chunks", partition_info)
    out: dict[str, list[int]] = {"chunk": [], "event": [], "seq": []}
    if len(df):
        for chunk, part, arts in _article_groups(df, "chunk", line_offsets):
            seq_of = dict(zip((a.id for a in arts), part["seq"].tolist(), strict=True))
            # the vectors made in stage 1 (group.vectorize's rows, so the same events)
            rows = {
                a.id: (np.frombuffer(i, dtype=np.int32), np.frombuffer(v, dtype=np.float32))
                for a, i, v in zip(arts, part["vidx"].tolist(), part["vval"].tolist(), strict=True)
            }

            def stored(articles: Sequence[Article], rows: dict[str, Any] = rows) -> Any:
                return matrix_of([rows[a.id] for a in articles])

            for k, event in enumerate(group_articles(arts, settings, vectorizer=stored)):
                for aid in event.article_ids:
                    out["chunk"].append(chunk)
                    out["event"].append(k)
                    out["seq"].append(seq_of[aid])
    return pd.DataFrame({k: np.asarray(v, dtype=np.int64) for k, v in out.items()})


EVENTS_META = pd.DataFrame(
    {
        "event_id": pd.Series([], dtype=object),
        "k1": pd.Series([], dtype="int64"),
        "k2": pd.Series([], dtype="int64"),
        "k3": pd.Series([], dtype="int64"),
        "first": pd.Series([], dtype=object),
        "last": pd.Series([], dtype=object),
        "size": pd.Series([], dtype="int64"),
        "outlets": pd.Series([], dtype="int64"),
        "headline": pd.Series([], dtype=object),
        "article_ids": pd.Series([], dtype=object),
        "json": pd.Series([], dtype=object),
        "problem": pd.Series([], dtype=object),
    }
)


EVENTS_STAGE = pa.schema(
    [
        ("event_id", pa.string()),
        ("k1", pa.int64()),
        ("k2", pa.int64()),
        ("k3", pa.int64()),
        ("first", pa.string()),
        ("last", pa.string()),
        ("size", pa.int64()),
        ("outlets", pa.int64()),
        ("headline", pa.string()),
        ("article_ids", pa.string()),
        ("json", pa.string()),
        ("problem", pa.string()),
    ]
)


def _brief_row(event: Event, members: list[Article], settings: Settings) -> dict[str, Any]:
    """Summarize one event as ``newsbrief digest`` does; the row of the events table."""
    n = outlets(members)
    k1, k2, k3, _ = rank_key(event, n)
    row = {
        "event_id": event.id,
        "k1": k1,
        "k2": k2,
        "k3": k3,
        "first": event.first.isoformat() if event.first else None,
        "last": event.last.isoformat() if event.last else None,
        "size": event.size,
        "outlets": n,
        "headline": None,
        "article_ids": json.dumps(list(event.article_ids)),
        "json": None,
        "problem": None,
    }
    try:
        brief = brief_event(event, members, settings)
    except InputError as e:
        row["problem"] = left_out(event, e)
        return row
    row["headline"] = brief.headline
    row["json"] = json.dumps(event_json(event, brief), ensure_ascii=False)
    return row


def summarize_events(
    df: pd.DataFrame,
    settings: Settings,
    options: DaskOptions,
    line_offsets: dict[int, int],
    partition_info: dict[str, Any] | None = None,
) -> pd.DataFrame:
    """Per event label: the event of its articles (input order, as group_articles makes it), briefed."""
    _hook(options, "summarize", partition_info)
    rows: list[dict[str, Any]] = []
    if len(df):
        for _, _part, arts in _article_groups(df, "label", line_offsets):
            event = make_event(arts)
            by_id = {a.id: a for a in arts}
            rows.append(_brief_row(event, [by_id[a] for a in event.article_ids], settings))
    if not rows:
        return EVENTS_META.copy()
    return pd.DataFrame(rows, columns=list(EVENTS_META.columns)).astype(
        {"k1": "int64", "k2": "int64", "k3": "int64", "size": "int64", "outlets": "int64"}
    )


# --------------------------------------------------------------------------- output

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


# --------------------------------------------------------------------------- the run


def _nthreads(client: Any) -> int:
    try:
        return max(1, sum(client.nthreads().values()))
    except Exception:  # noqa: BLE001 - a client without worker information: one thread
        return 1


def run_digest(
    inputs: Sequence[str | os.PathLike[str]],
    outdir: str | os.PathLike[str],
    settings: Settings | None = None,
    options: DaskOptions | None = None,
    client: Any = None,
) -> DaskResult:
    """Digest JSON Lines / Parquet inputs on the Dask cluster of ``client`` into ``outdir``.

    Writes ``events.parquet/``, ``events.jsonl/``, ``briefs.parquet/``, ``briefs.jsonl/``
    (part files in rank order: ``part-00000`` holds the top events), ``rejects.jsonl``,
    ``duplicates.jsonl`` and ``summary.json``. Without ``client``, the current default
    Dask client is used. Raises :class:`InputError` when no input or no article is usable.
    """
    settings = settings or Settings()
    options = options or DaskOptions()
    if client is None:
        from distributed import default_client

        try:
            client = default_client()
        except ValueError:
            raise NewsbriefError("no Dask client: start one, or use dask_client()") from None
    run = _Run([os.fspath(i) for i in inputs], os.fspath(outdir), settings, options, client)
    with dask.config.set({"dataframe.convert-string": False}):
        return run()


class _Run:
    """One run of the engine: the stages in order, with what they hand each other."""

    def __init__(
        self, inputs: list[str], outdir: str, settings: Settings, options: DaskOptions, client: Any
    ) -> None:
        self.inputs = inputs
        self.outdir = outdir.rstrip("/") or outdir
        self.settings = settings
        self.options = options
        self.client = client
        self.result = DaskResult(outdir=outdir)
        self.fs, self.out_path = fsspec.core.url_to_fs(self.outdir)
        self.work = f"{self.outdir}/{_WORK}"
        self.method = options.shuffle
        self.clock = time.perf_counter()
        self.waited = 0.0

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.result.seconds[stage] = round(now - self.clock, 3)
        self.clock = now

    def wait(self, work: Callable[[], Any]) -> Any:
        """Run ``work`` (a computation on the cluster), counting the time spent waiting for it."""
        start = time.perf_counter()
        try:
            return work()
        finally:
            self.waited += time.perf_counter() - start

    def __call__(self) -> DaskResult:
        start = time.perf_counter()
        threads = _nthreads(self.client)
        self.read(threads)
        self.duplicates()
        self.blocks()
        self.group()
        self.summarize()
        self.rank()
        total = time.perf_counter() - start
        self.result.seconds["total"] = round(total, 3)
        # what only the client did (planning, reductions of edge lists, small files)
        self.result.seconds["client"] = round(total - self.waited, 3)
        self.finish()
        return self.result

    # 1 ------------------------------------------------------------------------------
    def read(self, threads: int) -> None:
        """Plan the partitions, then read, clean, sign and vectorize each one (one task each)."""
        size = self.options.partition_bytes
        if size is None:
            total = 0
            for item in self.inputs:
                with suppress(OSError, ValueError, ImportError):
                    fs, p = fsspec.core.url_to_fs(item)
                    total += fs.du(p) if fs.isdir(p) else fs.size(p)
            size = min(64 << 20, max(1 << 20, math.ceil(total / (4 * threads))))
        parts, problems = plan_partitions(self.inputs, size)
        self.result.problems.extend(problems)
        if not parts:
            detail = f" ({problems[0]})" if len(problems) == 1 else ""
            raise InputError(f"no readable JSON Lines or Parquet input{detail}")
        if self.fs.exists(self.out_path) and not self.fs.isdir(self.out_path):
            raise InputError(f"{self.outdir}: exists and is not a folder")
        for name in (*OUTPUTS, _WORK):
            with suppress(FileNotFoundError):
                self.fs.rm(f"{self.out_path}/{name}", recursive=True)
        for sub in (f"{_WORK}/articles", f"{_WORK}/bands", *OUTPUTS[:4]):
            self.fs.makedirs(f"{self.out_path}/{sub}", exist_ok=True)
        self.nparts = self.options.shuffle_partitions or max(len(parts), 2 * threads)

        tasks = [
            dask.delayed(prepare_partition)(p, self.settings, self.options, self.work)
            for p in parts
        ]
        summaries = list(self.wait(lambda: dask.compute(*tasks)))
        # line numbers: a JSON Lines partition's lines follow those of the file's earlier ones
        self.line_offsets: dict[int, int] = {}
        seen: dict[str, int] = {}
        for p, s in zip(parts, summaries, strict=True):
            if p.kind != "parquet":
                self.line_offsets[p.number] = seen.get(p.name, 0)
                seen[p.name] = seen.get(p.name, 0) + s["lines"]
        rejects = []
        self.days: Counter[int] = Counter()
        for s in summaries:
            for r in s["rejects"]:
                r["line"] += self.line_offsets.get(s["part"], 0)
                rejects.append(r)
            self.days.update({int(k): v for k, v in s["days"].items()})
        n = sum(s["articles"] for s in summaries)
        self.result.rejects = dict(sorted(Counter(r["kind"] for r in rejects).items()))
        self.result.counts.update(
            partitions=len(parts),
            records=sum(s["records"] for s in summaries),
            rejected=len(rejects),
            articles=n,
        )
        with self.fs.open(f"{self.out_path}/rejects.jsonl", "w", encoding="utf-8") as f:
            for r in rejects:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        self.lap("read-clean")
        if not n:
            self.finish()
            raise InputError("no usable article in the input" + _why(rejects, problems))

    # 2 ------------------------------------------------------------------------------
    def duplicates(self) -> None:
        """LSH band keys shuffled into buckets; candidates verified on shingles; union-find."""
        bands = dd.read_parquet(f"{self.work}/bands")
        pairs = bands.shuffle(
            on="key", npartitions=self.nparts, shuffle_method=self.method
        ).map_partitions(band_pairs, self.options, meta=PAIRS_META)
        pairs = self.wait(pairs.compute).drop_duplicates(["a", "b"])
        a = pairs["a"].to_numpy().astype(np.int64)
        b = pairs["b"].to_numpy().astype(np.int64)
        same = pairs["ida"].to_numpy() == pairs["idb"].to_numpy()
        # the same article read twice (same id): the first one is kept, as group_articles does
        keys, root = _components(a[same], b[same])
        self.repeats = np.sort(keys[keys != root])
        cand = pairs[~same & ~np.isin(a, self.repeats) & ~np.isin(b, self.repeats)][["a", "b"]]
        self.copies = JACCARD_META.copy()
        if len(cand):
            seqs = np.unique(np.concatenate([cand["a"].to_numpy(), cand["b"].to_numpy()]))
            sh = dd.read_parquet(f"{self.work}/articles", columns=["seq", "shingles"])
            sh = sh.map_partitions(_only, seqs)
            cd = dd.from_pandas(
                cand.reset_index(drop=True),
                npartitions=max(1, min(self.nparts, len(cand) // 20_000 + 1)),
                sort=False,
            )
            joined = cd.merge(
                sh.rename(columns={"seq": "a", "shingles": "sa"}),
                on="a",
                shuffle_method=self.method,
            ).merge(
                sh.rename(columns={"seq": "b", "shingles": "sb"}),
                on="b",
                shuffle_method=self.method,
            )
            verified = joined.map_partitions(
                verified_pairs, self.settings.duplicate_threshold, meta=JACCARD_META
            )
            self.copies = self.wait(verified.compute)
        ckeys, croot = _components(
            self.copies["a"].to_numpy().astype(np.int64),
            self.copies["b"].to_numpy().astype(np.int64),
        )
        id_of = dict(zip(pairs["a"].tolist(), pairs["ida"].tolist(), strict=True))
        id_of.update(zip(pairs["b"].tolist(), pairs["idb"].tolist(), strict=True))
        dups = sorted((k, r) for k, r in zip(ckeys.tolist(), croot.tolist(), strict=True) if k != r)
        with self.fs.open(f"{self.out_path}/duplicates.jsonl", "w", encoding="utf-8") as f:
            for k, r in dups:
                f.write(json.dumps({"id": id_of[k], "duplicate_of": id_of[r]}) + "\n")
        self.result.counts.update(repeated=len(self.repeats), duplicates=len(dups))
        self.lap("duplicates")

    # 3 ------------------------------------------------------------------------------
    def blocks(self) -> None:
        """Similar pairs inside date (and term) blocks; their connected components."""
        self.plan = make_block_plan(self.days, self.settings, self.options)
        vec = dd.read_parquet(
            f"{self.work}/articles", columns=["seq", "day", "vidx", "vval", "terms"]
        )
        edges = (
            vec.map_partitions(
                block_rows, self.plan, self.repeats, self.options, meta=BLOCK_ROWS_META
            )
            .shuffle(on="block", npartitions=self.nparts, shuffle_method=self.method)
            .map_partitions(block_edges, self.settings, self.options, meta=BLOCK_EDGES_META)
        )
        edges = self.wait(edges.compute)
        forest = edges[edges["kind"] == 0]
        # syndicated copies always share an event: they join one component too
        ea = np.concatenate([forest["a"].to_numpy(), self.copies["a"].to_numpy()]).astype(np.int64)
        eb = np.concatenate([forest["b"].to_numpy(), self.copies["b"].to_numpy()]).astype(np.int64)
        members, comp = _components(ea, eb)
        sizes = Counter(comp.tolist())
        self.giant = {c for c, n in sizes.items() if n > self.options.max_block}
        anchors = edges[edges["kind"] == 1].sort_values(
            ["a", "sim", "b"], ascending=[True, False, True], kind="stable"
        )
        anchors = anchors.drop_duplicates("a")
        self.anchor_day = dict(zip(anchors["a"].tolist(), anchors["day"].tolist(), strict=True))
        self.labels = pd.DataFrame({"seq": members.astype(np.int64), "comp": comp.astype(np.int64)})
        self.result.counts.update(
            blocks=len(self.plan.buckets) + 1,
            split_blocks=len(self.plan.split) + int(self.plan.undated_split),
            components=len(sizes),
            large_components=len(self.giant),
        )
        self.lap("blocks")

    def articles(self, *extra: str) -> Any:
        """The cleaned articles of the work table, without the repeated ones (a Dask DataFrame)."""
        columns = ["seq", "id", "title", "text", "url", "source", "name", "part", "line", "day"]
        arts = dd.read_parquet(f"{self.work}/articles", columns=columns + list(extra))
        return arts.map_partitions(_drop, self.repeats)

    # 4 ------------------------------------------------------------------------------
    def group(self) -> None:
        """group_articles on each component (large ones in date chunks); events as labels."""
        comp = self.labels
        large = comp["comp"].isin(list(self.giant)).to_numpy()
        anchor = [self.anchor_day.get(s, _NO_DAY) for s in comp["seq"].tolist()]
        comp = comp.assign(large=large, anchor=np.asarray(anchor, dtype=np.int64))
        arts = self.articles("vidx", "vval")
        meta = arts._meta.assign(comp=np.int64(0), large=True, anchor=np.int64(0))
        chunks = (
            arts.merge(
                dd.from_pandas(comp, npartitions=max(1, self.nparts // 2), sort=False),
                on="seq",
                how="inner",
                shuffle_method=self.method,
            )
            .map_partitions(
                chunk_rows, self.plan.width, self.plan.window, meta=meta.assign(chunk=np.int64(0))
            )
            .shuffle(on="chunk", npartitions=self.nparts, shuffle_method=self.method)
            .map_partitions(
                group_chunks, self.settings, self.options, self.line_offsets, meta=CHUNK_META
            )
        )
        chunks = self.wait(chunks.compute)
        # a graph of articles (keys >= 0) and the events of chunks (keys < 0): its components
        # are the events (a chunk event; or, in large components, chunk events sharing an
        # article, merged), each labelled by its earliest article
        nodes = chunks[["chunk", "event"]].drop_duplicates().sort_values(["chunk", "event"])
        node_of = {
            (c, e): -(i + 1)
            for i, (c, e) in enumerate(
                zip(nodes["chunk"].tolist(), nodes["event"].tolist(), strict=True)
            )
        }
        node = np.fromiter(
            (
                node_of[(c, e)]
                for c, e in zip(chunks["chunk"].tolist(), chunks["event"].tolist(), strict=True)
            ),
            dtype=np.int64,
            count=len(chunks),
        )
        keys, root = _components(chunks["seq"].to_numpy().astype(np.int64), node)
        arts_only = keys >= 0
        label = pd.Series(keys[arts_only]).groupby(root[arts_only]).transform("min").to_numpy()
        self.events_of = pd.DataFrame({"seq": keys[arts_only], "label": label.astype(np.int64)})
        self.lap("group")

    # 5 ------------------------------------------------------------------------------
    def summarize(self) -> None:
        """Brief every event (articles with no similar pair are events of their own)."""
        arts = self.articles()
        labeled = arts.merge(
            dd.from_pandas(
                self.events_of.astype({"label": "Int64"}),
                npartitions=max(1, self.nparts // 2),
                sort=False,
            ),
            on="seq",
            how="left",
            shuffle_method=self.method,
        ).map_partitions(_fill_labels, meta=arts._meta.assign(label=np.int64(0)))
        events = labeled.shuffle(
            on="label", npartitions=self.nparts, shuffle_method=self.method
        ).map_partitions(
            summarize_events, self.settings, self.options, self.line_offsets, meta=EVENTS_META
        )
        self.wait(
            lambda: events.to_parquet(f"{self.work}/events", write_index=False, schema=EVENTS_STAGE)
        )
        self.lap("summarize")

    # 6 ------------------------------------------------------------------------------
    def rank(self) -> None:
        """Sort the events by rank key (a distributed sort); write each sorted part with its ranks."""
        staged = dd.read_parquet(f"{self.work}/events")
        left = self.wait(staged[staged["problem"].notnull()][["problem"]].compute)
        self.result.problems.extend(sorted(left["problem"].tolist()))
        good = staged[staged["problem"].isnull()]
        n_events = int(self.wait(good.shape[0].compute))
        if n_events:
            ranked = good.sort_values(
                ["k1", "k2", "k3", "event_id"],
                npartitions=max(1, self.nparts // 2),
                shuffle_method=self.method,
            )
            self.wait(
                lambda: ranked.to_parquet(
                    f"{self.work}/sorted", write_index=False, schema=EVENTS_STAGE
                )
            )
        fs, work_path = fsspec.core.url_to_fs(self.work)
        files = sorted(
            _parts_of(fs, f"{work_path}/sorted", ".parquet"),
            key=lambda n: int(n.rsplit("part.", 1)[-1].split(".")[0]),
        )
        writes = []
        rank = 1
        for i, name in enumerate(files):
            with fs.open(name, "rb") as f:
                n = pq.ParquetFile(f).metadata.num_rows
            if n:
                writes.append(dask.delayed(write_ranked)(_url(fs, name), rank, self.outdir, i))
                rank += n
        self.wait(lambda: dask.compute(*writes))
        self.result.counts.update(events=n_events, left_out=len(left))
        self.lap("rank-write")

    def finish(self) -> None:
        if not self.options.keep_work:
            with suppress(FileNotFoundError):
                self.fs.rm(f"{self.out_path}/{_WORK}", recursive=True)
        with self.fs.open(f"{self.out_path}/summary.json", "w", encoding="utf-8") as f:
            json.dump(self.result.to_dict(), f, indent=2, ensure_ascii=False)
            f.write("\n")


def _drop(df: pd.DataFrame, seqs: np.ndarray) -> pd.DataFrame:
    return df[~df["seq"].isin(seqs)]


def _fill_labels(df: pd.DataFrame) -> pd.DataFrame:
    """Articles with no similar pair are an event of their own."""
    df = df.copy()
    df["label"] = df["label"].fillna(df["seq"]).astype("int64")
    return df


def _why(rejects: list[dict[str, Any]], problems: list[str]) -> str:
    if rejects:
        kinds = Counter(r["kind"] for r in rejects)
        return " (" + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) + " rejected)"
    return f" ({problems[0]})" if len(problems) == 1 else ""
