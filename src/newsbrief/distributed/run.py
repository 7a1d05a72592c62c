"""The run: the stages in order, with what they hand each other.

Part of the Dask engine; see :mod:`newsbrief.distributed`.
"""

from __future__ import annotations

import json
import math
import os
import time
from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import Any

import dask
import dask.dataframe as dd
import fsspec
import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from newsbrief.distributed.blocks import (
    BLOCK_EDGES_META,
    BLOCK_ROWS_META,
    block_edges,
    block_rows,
    make_block_plan,
)
from newsbrief.distributed.cluster import _nthreads
from newsbrief.distributed.copies import (
    JACCARD_META,
    PAIRS_META,
    _components,
    _only,
    band_pairs,
    verified_pairs,
)
from newsbrief.distributed.events import (
    CHUNK_META,
    EVENTS_META,
    EVENTS_STAGE,
    chunk_rows,
    group_chunks,
    summarize_events,
)
from newsbrief.distributed.options import _NO_DAY, _WORK, OUTPUTS, DaskOptions, DaskResult
from newsbrief.distributed.output import _parts_of, write_ranked
from newsbrief.distributed.partitions import _url, plan_partitions
from newsbrief.distributed.prepare import prepare_partition, untemplate_partition
from newsbrief.errors import InputError, NewsbriefError
from newsbrief.group import TEMPLATE_MIN
from newsbrief.settings import Settings


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
        self.untemplate()
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

    # 2b -----------------------------------------------------------------------------
    def untemplate(self) -> None:
        """Titles that a template gives many articles are left out of their vectors.

        As :func:`newsbrief.group.group_articles` does: a title shape (digits masked, case
        folded) that :data:`newsbrief.group.TEMPLATE_MIN` or more of the articles (each id
        once) share; the vectors of those articles are made again without the title.
        """
        shapes = dd.read_parquet(f"{self.work}/articles", columns=["seq", "shape"])
        counts = self.wait(
            shapes.map_partitions(_drop, self.repeats)["shape"].value_counts().compute
        )
        counts = counts[counts.index != 0]
        self.templates = frozenset(int(k) for k in counts[counts >= TEMPLATE_MIN].index)
        changed = 0
        if self.templates:
            fs, work_path = fsspec.core.url_to_fs(self.work)
            files = _parts_of(fs, f"{work_path}/articles", ".parquet")
            tasks = [
                dask.delayed(untemplate_partition)(_url(fs, name), self.templates, self.options)
                for name in files
            ]
            changed = sum(self.wait(lambda: dask.compute(*tasks)))
        self.result.counts.update(templated=changed)
        self.lap("templates")

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
        arts = self.articles("vidx", "vval", "shape")
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
                group_chunks,
                self.settings,
                self.options,
                self.line_offsets,
                self.templates,
                meta=CHUNK_META,
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
