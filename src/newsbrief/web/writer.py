"""The web app's one writer: adds (cleaning, grouping, summarizing) run in another process.

Grouping and summarizing a POST's articles is CPU work in Python; on a thread of the
serving process it holds the GIL, and every read waits behind it. So the writes of one
app run in one worker process (``process=True``, the default of ``newsbrief serve``):
the serving process only awaits the result, and its reads go on. The one-writer rule is
kept (one worker, jobs run in order), and the store's own transactions and locking are
used as by any other writer (``newsbrief add`` in a shell, ``watch``).

Nothing acknowledged is lost: a POST is answered 201 only once the worker has returned,
that is after the store committed its articles. If the worker dies (killed, out of
memory), the request is answered 503 and never acknowledged, a new worker is started for
the next write, and an add the dead one left half done is finished by the next add (the
store's pending work). The worker is started from a fork server with newsbrief already
imported (a new worker starts in a fraction of a second), ignores SIGINT (Ctrl-C stops
the server, which then lets the queued writes finish) and ends within a second when the
server process is gone (even killed with SIGKILL), so it never outlives the server.

``process=False`` runs the writes on one thread of the serving process instead (as
before; no process is started).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsbrief.errors import NewsbriefError
from newsbrief.model import Article
from newsbrief.pipeline import clean_articles
from newsbrief.settings import Settings
from newsbrief.store import Store

log = logging.getLogger(__name__)

__all__ = ["Added", "Writer", "add_articles"]


@dataclass
class Added:
    """What one write did: articles new and already stored, the events now holding them."""

    new: int = 0
    known: int = 0
    events: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


#: the writer's store connections, per thread (the worker process's one thread, or the
#: writer thread of each app in thread mode) and store path
_LOCAL = threading.local()


def _stores() -> dict[str, Store]:
    stores = getattr(_LOCAL, "stores", None)
    if stores is None:
        stores = _LOCAL.stores = {}
    return stores


def _store(path: str) -> Store:
    stores = _stores()
    s = stores.get(path)
    if s is None:
        s = stores[path] = Store.open(path, create=True)
    return s


def add_articles(path: str, settings: Settings, articles: list[Article]) -> Added:
    """Clean and add articles to the store at ``path``; committed when it returns."""
    out = Added()
    cleaned = clean_articles(articles, settings, out.problems)
    if not cleaned:
        return out
    store = _store(path)
    report = store.add(cleaned, settings)
    out.problems.extend(report.problems)
    out.new, out.known = report.new, report.known
    out.events = store.events_holding(a.id for a in cleaned)
    return out


def close_store(path: str) -> None:
    """Close this process's writer connection to the store at ``path``."""
    s = _stores().pop(path, None)
    if s is not None:
        s.close()


def _alive(pid: int) -> bool:
    """True while process ``pid`` runs (a zombie, killed but not yet reaped, is not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - another user's process: it exists
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def _watch(server: int) -> None:
    while _alive(server):
        time.sleep(WATCH_SECONDS)
    # the server is gone: nobody awaits this write; stop now (an open transaction is
    # rolled back by SQLite, as after a kill; the store's pending work is finished later)
    os._exit(1)


#: how often the worker checks that the server still runs
WATCH_SECONDS = 0.5


def _worker_init(server: int) -> None:
    """In the worker: ignore Ctrl-C (the server stops it) and end when the server ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch, args=(server,), daemon=True, name="server-watch").start()


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["newsbrief.web.writer"])
        return ctx
    return multiprocessing.get_context("spawn")


class Writer:
    """One writer for one store: jobs run one at a time, in order, in a worker process."""

    def __init__(self, path: str | Path, settings: Settings, process: bool = True) -> None:
        self.path = str(path)
        self.settings = settings
        self.process = process
        self._lock = threading.Lock()
        self._pool: Executor | None = None

    def _executor(self) -> Executor:
        with self._lock:
            if self._pool is None:
                if self.process:
                    self._pool = ProcessPoolExecutor(
                        max_workers=1,
                        mp_context=_context(),
                        initializer=_worker_init,
                        initargs=(os.getpid(),),
                    )
                else:
                    self._pool = ThreadPoolExecutor(
                        max_workers=1, thread_name_prefix="newsbrief-writer"
                    )
            return self._pool

    def submit(self, articles: list[Article]) -> Future[Added]:
        """Queue an add; the future's result is the :class:`Added`, once committed."""
        return self._submit(add_articles, self.path, self.settings, articles)

    def _submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        pool = self._executor()
        try:
            inner = pool.submit(fn, *args)
        except BrokenProcessPool:
            self._drop(pool)
            inner = self._executor().submit(fn, *args)
        outer: Future[Any] = Future()

        def done(f: Future[Any]) -> None:
            try:
                outer.set_result(f.result())
            except BrokenProcessPool:
                self._drop(pool)
                log.error("the writer process stopped; the write was not acknowledged")
                outer.set_exception(
                    NewsbriefError(
                        "the writer process stopped before it finished: nothing of this "
                        "request was acknowledged; send it again"
                    )
                )
            except BaseException as e:  # noqa: BLE001 - handed to the awaiting request
                outer.set_exception(e)

        inner.add_done_callback(done)
        return outer

    def _drop(self, pool: Executor) -> None:
        """Forget a broken pool: the next write starts a new worker."""
        with self._lock:
            if self._pool is pool:
                self._pool = None
        pool.shutdown(wait=False, cancel_futures=False)

    def close(self) -> None:
        """Finish the queued writes, close the writer's connection and stop the worker."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is None:
            return
        try:
            pool.submit(close_store, self.path).result()
        except BrokenProcessPool:
            pass
        pool.shutdown(wait=True)
