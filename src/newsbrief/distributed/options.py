"""Options and results of a run of the Dask engine, and constants its stages share.

Part of the Dask engine; see :mod:`newsbrief.distributed`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from newsbrief.errors import InputError

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


def _hook(options: DaskOptions, stage: str, info: dict[str, Any] | None) -> None:
    if options.on_task is not None:
        options.on_task(stage, int(info["number"]) if info else -1)
