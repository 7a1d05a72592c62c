"""Starting (or joining) a Dask cluster for the engine.

Part of the Dask engine; see :mod:`newsbrief.distributed`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from newsbrief.errors import InputError, NewsbriefError


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A dask.distributed Client: connected to ``scheduler``, or on a local cluster of ``workers``.

    The local cluster has one single-threaded worker process per core (the stages are
    pure Python, so processes, not threads, run in parallel) unless ``workers`` says
    otherwise.
    """
    from distributed import Client, LocalCluster

    if scheduler and workers:
        raise InputError("give either a scheduler address or a number of workers, not both")
    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError, ValueError) as e:
            raise NewsbriefError(f"cannot connect to the Dask scheduler {scheduler}: {e}") from None
        try:
            yield client
        finally:
            client.close()
        return
    n = workers or os.cpu_count() or 1
    # the local scheduler and nannies run in this process: their notes are not for users
    # (with newsbrief -v, warnings still show)
    quiet = (
        logging.WARNING
        if logging.getLogger().getEffectiveLevel() <= logging.INFO
        else logging.ERROR
    )
    logging.getLogger("distributed").setLevel(quiet)
    cluster = LocalCluster(
        n_workers=n,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        scheduler_kwargs={"dashboard": False},
    )
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def _nthreads(client: Any) -> int:
    try:
        return max(1, sum(client.nthreads().values()))
    except Exception:  # noqa: BLE001 - a client without worker information: one thread
        return 1
