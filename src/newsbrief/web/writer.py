"""The web app's one writer: adds (cleaning, grouping, summarizing) run in another process.

Grouping and summarizing a POST's articles is CPU work in Python; on a thread of the
serving process it holds the GIL, and every read waits behind it. So the writes of one
app run in one worker process (``process=True``, the default of ``newsbrief serve``),
started by the app (:func:`worker_main`), fed one job at a time over a pipe. The serving process only waits on the pipe (no GIL held), and its reads go on.
The one-writer rule is kept (one worker, jobs in order), and the store's own
transactions and locking are used as by any other writer (``newsbrief add``, ``watch``).

Nothing acknowledged is lost: a POST is answered 201 only once the worker has answered,
that is after the store committed its articles. If the worker dies (killed, out of
memory), the request is answered 503 and never acknowledged, a new worker is started for
the next write, and an add the dead one left half done is finished by the next add (the
store's pending work). A worker started ahead of the first write (when the server
starts) loads, once, what an add loads lazily (word tables, models). The worker ignores
SIGINT (Ctrl-C stops the server, which then lets the queued writes finish), and ends
when the server does: at the end of its input, or within a second when the server
process is gone, even killed with SIGKILL mid-write (SQLite then
rolls the open transaction back, as after any kill).

``process=False`` runs the writes on one thread of the serving process instead (no
process is started).
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

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


#: the writer's store connections, per thread (the worker's main thread, or the writer
#: thread of each app in thread mode) and store path
_LOCAL = threading.local()


def _stores() -> dict[str, Store]:
    stores = getattr(_LOCAL, "stores", None)
    if stores is None:
        stores = _LOCAL.stores = {}
    return stores


def add_articles(path: str, settings: Settings, articles: list[Article]) -> Added:
    """Clean and add articles to the store at ``path``; committed when it returns."""
    out = Added()
    cleaned = clean_articles(articles, settings, out.problems)
    if not cleaned:
        return out
    stores = _stores()
    store = stores.get(path)
    if store is None:
        store = stores[path] = Store.open(path, create=True)
    report = store.add(cleaned, settings)
    out.problems.extend(report.problems)
    out.new, out.known = report.new, report.known
    out.events = store.events_holding(a.id for a in cleaned)
    return out


def close_stores() -> None:
    """Close this thread's writer connections."""
    stores = _stores()
    while stores:
        stores.popitem()[1].close()


# ------------------------------------------------------------------ the worker process


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


#: how often the worker checks that the server still runs
WATCH_SECONDS = 0.5


def _watch(server: int) -> None:
    while _alive(server) and os.getppid() == server:
        time.sleep(WATCH_SECONDS)
    # the server is gone: nobody awaits this write; stop now (an open transaction is
    # rolled back by SQLite, as after a kill; the store's pending work is finished later)
    os._exit(1)


#: the jobs a worker runs, by name
_JOBS = {"add": add_articles}


def _serve(jobs: IO[bytes], answers: IO[bytes]) -> int:
    """The worker's loop: one pickled (name, args) job in, one ("ok"|"error", value) out."""
    while True:
        try:
            name, args = pickle.load(jobs)
        except EOFError:
            return 0
        try:
            answer: tuple[str, Any] = ("ok", _JOBS[name](*args))
        except Exception as e:  # noqa: BLE001 - handed to the request that waits for it
            try:
                pickle.dumps(e)
                answer = ("error", e)
            except Exception:  # noqa: BLE001 - an exception that does not pickle
                answer = ("error", NewsbriefError(f"{type(e).__name__}: {e}"))
        pickle.dump(answer, answers)
        answers.flush()


def worker_main(warm: bool = True) -> int:
    """The worker process: serve the jobs of the server that started it.

    With ``warm``, first load what the first add would load lazily (the worker was
    started ahead of the first write); without, the first write loads it as it goes.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    server = os.getppid()
    threading.Thread(target=_watch, args=(server,), daemon=True, name="server-watch").start()
    if warm:
        import newsbrief.web.warm  # noqa: F401 - runs the warm-up once

    jobs, answers = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a print anywhere must not corrupt the answers
    try:
        return _serve(jobs, answers)
    finally:
        close_stores()


# ------------------------------------------------------------------ the server side


#: the worker's command (not ``-m newsbrief.web.writer``: its classes must keep their
#: module's name, for the answers to unpickle in the server)
_WORKER_MAIN = (
    "import sys; from newsbrief.web.writer import worker_main; "
    "sys.exit(worker_main(sys.argv[1] == 'warm'))"
)


class _Worker:
    """One worker process (:func:`worker_main`) and its pipes."""

    def __init__(self, warm: bool) -> None:
        src = str(Path(__file__).resolve().parents[2])  # the folder holding newsbrief/
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _WORKER_MAIN, "warm" if warm else "cold"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            close_fds=True,
        )

    def call(self, name: str, *args: Any) -> Any:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        try:
            pickle.dump((name, args), self.proc.stdin)
            self.proc.stdin.flush()
            status, value = pickle.load(self.proc.stdout)
        except (EOFError, OSError, pickle.UnpicklingError) as e:
            raise _WorkerGone(str(e)) from None
        if status == "error":
            raise value
        return value

    def stop(self) -> None:
        """End the worker once its current job is done (end of input), then wait for it."""
        try:
            if self.proc.stdin is not None:
                self.proc.stdin.close()
            self.proc.wait(timeout=600)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()


class _WorkerGone(Exception):
    pass


class Writer:
    """One writer for one store: jobs run one at a time, in order, in a worker process
    (or, with ``process=False``, on one thread)."""

    def __init__(self, path: str | Path, settings: Settings, process: bool = True) -> None:
        self.path = str(path)
        self.settings = settings
        self.process = process
        # one thread queues the jobs and waits on the worker (it holds no GIL while waiting)
        self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsbrief-writer")
        self._worker: _Worker | None = None

    def start(self) -> None:
        """Start the worker in the background (else the first write starts it)."""
        if self.process:
            self.thread.submit(self._ensure, True)

    def _ensure(self, warm: bool = False) -> _Worker:
        if self._worker is None or self._worker.proc.poll() is not None:
            self._worker = _Worker(warm)
        return self._worker

    def submit(self, articles: list[Article]) -> Future[Added]:
        """Queue an add; the future's result is the :class:`Added`, once committed."""
        return self.thread.submit(self._run, "add", self.path, self.settings, articles)

    def _run(self, name: str, *args: Any) -> Any:
        if not self.process:
            return _JOBS[name](*args)
        worker = self._ensure()
        try:
            return worker.call(name, *args)
        except _WorkerGone:
            worker.proc.kill()
            worker.proc.wait()
            self._worker = None
            log.error("the writer process stopped; the write was not acknowledged")
            raise NewsbriefError(
                "the writer process stopped before it finished: nothing of this request "
                "was acknowledged; send it again"
            ) from None

    def close(self) -> None:
        """Finish the queued writes, then stop the worker (or close the thread's store)."""

        def stop() -> None:
            if self._worker is not None:
                self._worker.stop()
                self._worker = None
            close_stores()

        self.thread.submit(stop)
        self.thread.shutdown(wait=True)
