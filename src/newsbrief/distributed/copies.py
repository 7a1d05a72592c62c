"""Stage 2: near-duplicates from shuffled LSH band keys, verified on shingles.

Part of the Dask engine; see :mod:`newsbrief.distributed`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from newsbrief.distributed.options import DaskOptions, _hook

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
