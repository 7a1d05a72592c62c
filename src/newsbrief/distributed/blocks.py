"""Stage 3: date (and term) blocks of articles, their similar pairs and components.

Part of the Dask engine; see :mod:`newsbrief.distributed`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from newsbrief.distributed.copies import _components
from newsbrief.distributed.options import _NO_DAY, DaskOptions, _hook
from newsbrief.group import (
    matrix_of,
    similarity_edges,
)
from newsbrief.settings import Settings


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
