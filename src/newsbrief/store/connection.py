"""Opening a store: the raw header check, the connection, transactions and migrations."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

from newsbrief.errors import StoreError
from newsbrief.group import VECTORIZER_VERSION
from newsbrief.store import schema
from newsbrief.store.common import _guarded, _now, store_error
from newsbrief.store.schema import _SQLITE_MAGIC, APPLICATION_ID, DEFAULT_PATH, _run_sql

# -------------------------------------------------------------------- opening

# Store connections this process holds, by file (st_dev, st_ino). While a file has one,
# nothing may open and close it outside SQLite: a close() of any descriptor drops every
# POSIX lock the process holds on the file, another process then believes it is the
# last user, checkpoints and deletes the WAL under our connection (committed writes
# lost, file damaged). SQLite's own connections share one lock table per process and
# defer such closes, so they are safe. A count left high (a Store never closed) only
# skips the raw header check, which is the safe direction.
_OPEN_LOCK = threading.Lock()
_OPEN: dict[tuple[int, int], int] = {}


def _file_key(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _inspect(path: Path) -> None:
    """Refuse, without writing anything, a file that is not a usable newsbrief store.

    Reads the file's first bytes with a plain open(): call it only while this process
    holds no SQLite connection to the file (see ``_OPEN``).
    """
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a newsbrief store")
    try:
        with open(path, "rb") as fh:
            head = fh.read(100)
    except OSError as e:
        raise StoreError(f"{path}: cannot read ({e.strerror or e})") from None
    if not head:
        return  # an empty file: a new store
    if not head.startswith(_SQLITE_MAGIC) or len(head) < 100:
        raise StoreError(
            f"{path}: not a newsbrief store (not an SQLite database); refusing to touch it"
        )
    # the header says whose file it is (big-endian user_version at 60, application_id at 68)
    header_version = int.from_bytes(head[60:64], "big")
    header_app = int.from_bytes(head[68:72], "big")
    if header_app == APPLICATION_ID:
        if header_version > schema.SCHEMA_VERSION:
            raise _newer(path, header_version)
        return
    if header_app != 0:
        raise StoreError(
            f"{path}: not a newsbrief store (another SQLite database); refusing to touch it"
        )
    # immutable: read the main file only, creating no -wal or -shm file beside it
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as e:
        raise StoreError(f"{path}: cannot open ({e})") from None
    try:
        app = con.execute("PRAGMA application_id").fetchone()[0]
        version = con.execute("PRAGMA user_version").fetchone()[0]
        tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.Error as e:
        raise StoreError(f"{path}: not a newsbrief store ({e}); refusing to touch it") from None
    finally:
        con.close()
    if app != APPLICATION_ID:
        if app == 0 and tables == 0:
            return  # an empty SQLite database: a new store
        raise StoreError(
            f"{path}: not a newsbrief store (another SQLite database); refusing to touch it"
        )
    if version > schema.SCHEMA_VERSION:
        raise _newer(path, version)


def _newer(path: Path, version: int) -> StoreError:
    return StoreError(
        f"{path}: store schema version {version} is newer than this newsbrief reads "
        f"({schema.SCHEMA_VERSION}); upgrade newsbrief to use it"
    )


class Connection:
    """A connection to a newsbrief store: opening, closing and transactions."""

    def __init__(self, con: sqlite3.Connection, path: Path) -> None:
        self._con = con
        self.path = path
        self._key: tuple[int, int] | None = None
        self._closed = False

    # ---------------------------------------------------------------- lifecycle

    @classmethod
    def open(cls, path: str | os.PathLike[str] = DEFAULT_PATH, create: bool = True) -> Self:
        """Open (and, with ``create``, make) a store; migrate an older schema.

        Raises :class:`StoreError` for a file that is not a newsbrief store, a newer
        schema, a damaged file, or a missing file when ``create`` is false; such files
        are not modified. Opening a store of the current schema writes nothing and
        never waits for a writer.
        """
        p = Path(path)
        with _OPEN_LOCK:
            if p.exists():
                if p.is_dir():
                    raise StoreError(f"{p}: is a folder, not a newsbrief store")
                key = _file_key(p)
                if key is None or not _OPEN.get(key):
                    _inspect(p)  # safe: no connection of this process to the file
            elif not create:
                raise StoreError(f"{p}: no such store (add articles first with 'newsbrief add')")
            elif not p.parent.exists():
                raise StoreError(f"{p}: folder {p.parent} does not exist")
            try:
                con = sqlite3.connect(p, isolation_level=None, timeout=30.0)
            except sqlite3.Error as e:
                raise StoreError(f"{p}: cannot open ({e})") from None
            store = cls(con, p)
            try:
                store._setup()
            except sqlite3.Error as e:
                con.close()
                raise store_error(p, e) from None
            except BaseException:
                con.close()
                raise
            store._key = _file_key(p)
            if store._key is not None:
                _OPEN[store._key] = _OPEN.get(store._key, 0) + 1
        return store

    def _setup(self) -> None:
        con = self._con
        # a store already in WAL mode stays so without a write; a new one is switched
        if con.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            con.execute("PRAGMA journal_mode=WAL")
        # FULL: every commit (an acknowledged POST, an add) is on disk before it returns
        con.execute("PRAGMA synchronous=FULL")
        con.execute("PRAGMA foreign_keys=ON")
        app = con.execute("PRAGMA application_id").fetchone()[0]
        version = int(con.execute("PRAGMA user_version").fetchone()[0])
        if app == APPLICATION_ID and version == schema.SCHEMA_VERSION:
            return  # current: no transaction, no lock beyond this read
        if app == APPLICATION_ID and version > schema.SCHEMA_VERSION:
            raise _newer(self.path, version)
        self._migrate()

    def close(self) -> None:
        """Close the connection (again: nothing)."""
        with _OPEN_LOCK:
            if self._closed:
                return
            self._closed = True
            self._con.close()
            if self._key is not None and _OPEN.get(self._key):
                _OPEN[self._key] -= 1
                if not _OPEN[self._key]:
                    del _OPEN[self._key]

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE): committed on success, else rolled back."""
        con = self._con
        con.execute("BEGIN IMMEDIATE")
        try:
            yield con
        except BaseException:
            if con.in_transaction:
                try:
                    con.execute("ROLLBACK")
                except sqlite3.Error:
                    pass  # the first error is the one to report
            raise
        con.execute("COMMIT")

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """One read transaction: a consistent snapshot."""
        con = self._con
        con.execute("BEGIN")
        try:
            yield con
        finally:
            if con.in_transaction:
                con.execute("COMMIT")

    @_guarded
    def schema_version(self) -> int:
        """The schema version of the open store."""
        return int(self._con.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        with self._write() as con:
            version = int(con.execute("PRAGMA user_version").fetchone()[0])
            if version > schema.SCHEMA_VERSION:  # e.g. upgraded by a newer newsbrief meanwhile
                raise _newer(self.path, version)
            if version == schema.SCHEMA_VERSION:
                return
            app = con.execute("PRAGMA application_id").fetchone()[0]
            tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if app != APPLICATION_ID and tables:
                # rolled back: nothing of ours is written into another application's database
                raise StoreError(
                    f"{self.path}: not a newsbrief store (another SQLite database); "
                    "refusing to touch it"
                )
            for step in schema.MIGRATIONS[version:]:
                if callable(step):
                    step(con)
                else:
                    _run_sql(con, step)
            con.execute(f"PRAGMA application_id={APPLICATION_ID}")
            con.execute(f"PRAGMA user_version={schema.SCHEMA_VERSION}")
            con.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('application', 'newsbrief')"
            )
            con.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('created', ?)", (_now(),))
            con.execute(
                "INSERT OR IGNORE INTO meta(key, value) VALUES ('vectorizer', ?)",
                (str(VECTORIZER_VERSION),),
            )
