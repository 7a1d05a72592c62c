"""Stages 4-5: grouping each component (or date chunk) into events, and briefing them.

Part of the Dask engine; see :mod:`newsbrief.distributed`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from newsbrief.digest import brief_event, left_out, outlets, rank_key
from newsbrief.distributed.options import _NO_DAY, DaskOptions, _hook
from newsbrief.distributed.prepare import _h64
from newsbrief.errors import InputError
from newsbrief.group import (
    group_articles,
    make_event,
    matrix_of,
)
from newsbrief.model import Article, Event
from newsbrief.render import event_json
from newsbrief.settings import Settings


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
    templates: frozenset[int] = frozenset(),
    partition_info: dict[str, Any] | None = None,
) -> pd.DataFrame:
    """group_articles on each chunk of articles: (chunk, event index, seq) rows.

    Articles whose title shape is one of ``templates`` (a template of the whole input, see
    :meth:`_Run.untemplate`) are grouped without their title, as on one machine.
    """
    _hook(options, "group-chunks", partition_info)
    out: dict[str, list[int]] = {"chunk": [], "event": [], "seq": []}
    if len(df):
        for chunk, part, arts in _article_groups(df, "chunk", line_offsets):
            if templates:
                arts = [
                    replace(a, title="") if s in templates else a
                    for a, s in zip(arts, part["shape"].tolist(), strict=True)
                ]
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
