"""Values as the store writes them, the test pause hook, and SQLite errors as newsbrief errors."""

from __future__ import annotations

import functools
import os
import sqlite3
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import ParamSpec, TypeVar

import numpy as np

from newsbrief.errors import NewsbriefError, StoreError
from newsbrief.group import Row


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _date(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def _pack(row: Row) -> bytes:
    return row[0].astype("<i4").tobytes() + row[1].astype("<f4").tobytes()


def _unpack(blob: bytes) -> Row:
    n = len(blob) // 8
    return (
        np.frombuffer(blob, dtype="<i4", count=n).astype(np.int32),
        np.frombuffer(blob, dtype="<f4", count=n, offset=4 * n).astype(np.float32),
    )


# -------------------------------------------------------------------- test hook
# NEWSBRIEF_TEST_PAUSE="articles:N" stops an add inside its first transaction after N
# article rows are written; "briefs:N" stops it after N briefs are committed. The process
# then creates NEWSBRIEF_TEST_PAUSE_FILE (if set) and sleeps, to be killed by a test; with
# NEWSBRIEF_TEST_RELEASE_FILE set, it goes on once that file exists (at most 10 minutes).


def _pause(stage: str, count: int) -> None:
    want = os.environ.get("NEWSBRIEF_TEST_PAUSE", "")
    if want != f"{stage}:{count}":
        return
    marker = os.environ.get("NEWSBRIEF_TEST_PAUSE_FILE")
    if marker:
        Path(marker).write_text(f"{stage}:{count}\n")
    print(f"newsbrief: test pause at {stage}:{count}", file=sys.stderr, flush=True)
    release = os.environ.get("NEWSBRIEF_TEST_RELEASE_FILE")
    deadline = time.monotonic() + (600 if release else 3600)
    while time.monotonic() < deadline:
        if release and Path(release).exists():
            return
        time.sleep(0.02)


# primary SQLite result codes (extended codes carry them in the low byte)
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_NOTADB = 5, 6, 11, 13, 26


def damaged(path: Path | str, e: BaseException) -> StoreError:
    """The one-line error of a store SQLite finds damaged."""
    return StoreError(
        f"the store is damaged: {path}: {e} (restore a copy; 'sqlite3 {path} .recover' may "
        "save what is left)"
    )


def store_error(path: Path | str, e: sqlite3.Error) -> NewsbriefError:
    """The user-facing error of an SQLite error on the store at ``path``."""
    code = (getattr(e, "sqlite_errorcode", None) or 0) & 0xFF
    text = str(e)
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "malformed" in text:
        return damaged(path, e)
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return NewsbriefError(f"{path}: the store stayed busy (another process writes to it): {e}")
    if code == _SQLITE_FULL:
        return NewsbriefError(f"cannot write the store {path}: the disk is full")
    return NewsbriefError(f"{path}: cannot use the store ({e})")


_P = ParamSpec("_P")
_T = TypeVar("_T")


def _guarded(method: Callable[_P, _T]) -> Callable[_P, _T]:
    """A Store method whose SQLite errors become one-line newsbrief errors."""

    @functools.wraps(method)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            return method(*args, **kwargs)
        except sqlite3.Error as e:
            store = args[0]
            raise store_error(store.path, e) from None  # type: ignore[attr-defined]

    return wrapper
