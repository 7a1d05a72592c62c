"""Stage 1: read, validate, clean, shingle, sign and vectorize one partition.

Part of the Dask engine; see :mod:`newsbrief.distributed`.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

import fsspec
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from fsspec.utils import read_block

from newsbrief.clean import clean_article
from newsbrief.dedup import article_shingles, lsh_bands, signature
from newsbrief.distributed.options import _NO_DAY, _SNIPPET, DaskOptions
from newsbrief.distributed.partitions import Part
from newsbrief.group import (
    title_shape,
    vectorize,
)
from newsbrief.model import Article
from newsbrief.read.common import parse_date
from newsbrief.read.jsonl import DATE_KEYS, TEXT_KEYS, first_value, record_articles
from newsbrief.settings import Settings


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
        ("shape", pa.int64()),
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


def shape_key(title: str) -> int:
    """The title's template shape (:func:`newsbrief.group.title_shape`) as a hash; 0: no title."""
    shape = title_shape(title)
    return _h64(b"shape", shape.encode()) if shape else 0


def _vector_columns(arts: Sequence[Article], options: DaskOptions) -> list[tuple[bytes, ...]]:
    """(vidx, vval, terms) of each article: its grouping vector and its strongest terms."""
    rows = vectorize(arts)
    out = []
    for k in range(len(arts)):
        lo, hi = rows.indptr[k], rows.indptr[k + 1]
        idx = rows.indices[lo:hi].astype(np.int32)
        val = rows.data[lo:hi].astype(np.float32)
        top = idx[np.argsort(-val, kind="stable")[: options.block_terms]]
        out.append((idx.tobytes(), val.tobytes(), np.sort(top).astype(np.int32).tobytes()))
    return out


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
    vectors = _vector_columns(arts, options) if arts else []
    days: Counter[int] = Counter()
    for k, (a, line) in enumerate(kept):
        seq = (part.number << 32) | k
        sh = article_shingles(a)
        day = a.published.toordinal() if a.published else _NO_DAY
        days[day] += 1
        vidx, vval, terms = vectors[k]
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
            ("vidx", vidx),
            ("vval", vval),
            ("terms", terms),
            ("shape", shape_key(a.title)),
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


def untemplate_partition(path: str, templates: frozenset[int], options: DaskOptions) -> int:
    """Re-vectorize, without their titles, a work partition's articles whose title is a template.

    ``templates`` are the shapes (:func:`shape_key`) that :data:`newsbrief.group.TEMPLATE_MIN`
    or more articles of the whole input share, as :func:`newsbrief.group.group_articles` leaves
    such titles out of the vectors. Rewrites the file when any article changed; returns how
    many did.
    """
    fs, p = fsspec.core.url_to_fs(path)
    with fs.open(p, "rb") as f:
        shapes = pq.read_table(f, columns=["shape"])["shape"].to_numpy()
    hit = np.flatnonzero(np.isin(shapes, np.fromiter(templates, np.int64, len(templates))))
    if not len(hit):
        return 0
    with fs.open(p, "rb") as f:
        table = pq.read_table(f, schema=ARTICLES)
    cols = table.to_pydict()
    untitled = [Article(id=cols["id"][k], title="", text=cols["text"][k]) for k in hit.tolist()]
    for k, (vidx, vval, terms) in zip(
        hit.tolist(), _vector_columns(untitled, options), strict=True
    ):
        cols["vidx"][k], cols["vval"][k], cols["terms"][k] = vidx, vval, terms
    _write_parquet(pa.table(cols, schema=ARTICLES), path)
    return len(hit)
