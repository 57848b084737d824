"""The one place newsfacts meets Dask: a client (a local cluster of worker processes, or an
existing scheduler), the slices mapped over it, and every task's failure turned into a line.

A worker that dies is replaced and its task run again elsewhere (Dask's own retry); a task that
fails for good is reported, the others go on, and a rerun retries only what is missing."""
from __future__ import annotations

import contextlib
import logging
import os
import time
from typing import Any, Callable, Iterator

from ..errors import NewsfactsError
from .plan import Options, Slice

INSTALL = "pip install 'newsfacts[scale]'"


class MissingScale(NewsfactsError):
    """Dask is not installed."""


class ClusterError(NewsfactsError):
    """The cluster cannot be reached, has no workers, or runs another newsfacts."""


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _distributed() -> Any:
    try:
        import dask  # noqa: F401
        import distributed
    except ModuleNotFoundError:
        raise MissingScale(f"newsfacts draft-corpus needs Dask (dask.distributed), which is not installed: {INSTALL}") from None
    return distributed


@contextlib.contextmanager
def session(scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A dask.distributed Client: of a new local cluster (`workers` processes of one thread each;
    the draft is pure Python, so processes, not threads, use the cores), or of `scheduler`."""
    distributed = _distributed()
    if scheduler is not None:
        try:
            client = distributed.Client(scheduler, timeout="15s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError(f"cannot reach a Dask scheduler at {scheduler} ({type(exc).__name__}: {str(exc)[:160]}); "
                               "start one (`dask scheduler`, then `dask worker ADDRESS` on each machine) or leave out "
                               "--scheduler for a local cluster") from None
        with client:
            check_workers(client, scheduler)
            yield client
        return
    n = workers or default_workers()
    with distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=logging.ERROR) as cluster, distributed.Client(cluster) as client:
        yield client


def _worker_drafter() -> tuple[str, str]:
    from ..__about__ import __version__
    from .partition import drafter

    return __version__, drafter()


def check_workers(client: Any, where: str) -> None:
    """The cluster's workers draft exactly as this process would: same newsfacts, same files."""
    from ..__about__ import __version__
    from .partition import drafter

    if not client.scheduler_info().get("workers"):
        raise ClusterError(f"the Dask scheduler at {where} has no workers; start some (`dask worker {where}`)")
    try:
        seen = client.run(_worker_drafter)
    except Exception as exc:  # noqa: BLE001 - a worker that cannot import newsfacts fails here
        raise ClusterError(f"the workers at {where} cannot run newsfacts ({type(exc).__name__}: {str(exc)[:160]}); "
                           f"install newsfacts {__version__} with its scale extra on every worker") from None
    mine = (__version__, drafter())
    other = sorted(w for w, got in seen.items() if tuple(got) != mine)
    if other:
        got = seen[other[0]]
        raise ClusterError(f"the worker {other[0]} runs newsfacts {got[0]} with other files (drafter {got[1][:12]}, "
                           f"here {mine[1][:12]}): every worker must run the same newsfacts as this client, or the "
                           "rows would differ from `newsfacts draft`; install this version everywhere")


def map_slices(client: Any, slices: list[Slice], out: str, options: Options,
               progress: Callable[[str], None] | None = None) -> tuple[list[list[dict[str, Any]]], list[str]]:
    """Run every slice; (the partitions' summaries by slice, in order; one line per failed slice)."""
    from distributed import as_completed

    from .partition import run_slice

    futures = client.map(run_slice, slices, out=out, options=options, pure=False)
    index = {f.key: i for i, f in enumerate(futures)}
    results: list[list[dict[str, Any]]] = [[] for _ in slices]
    failures: list[tuple[int, str]] = []
    texts = drafted = finished = 0
    last = time.monotonic()
    for fut in as_completed(futures):
        i = index[fut.key]
        try:
            results[i] = fut.result()
        except Exception as exc:  # noqa: BLE001 - reported per slice; the run goes on
            failures.append((i, f"{slices[i].describe()}: {_why(exc)}"))
        fut.release()
        finished += 1
        texts += sum(p["texts"] for p in results[i])
        drafted += sum(p["drafted"] for p in results[i])
        if progress and (time.monotonic() - last > 2 or finished == len(slices)):
            last = time.monotonic()
            progress(f"{finished:,}/{len(slices):,} slices read: {texts:,} texts, {drafted:,} drafted, {texts - drafted:,} failed")
    return results, [msg for _, msg in sorted(failures)]


def _why(exc: BaseException) -> str:
    name = type(exc).__name__
    if name == "KilledWorker":
        return ("the workers running it died each time it was tried (KilledWorker); rerun to retry it, and if it fails "
                "again look for a text in it that exhausts a worker's memory")
    if name in ("CancelledError", "FutureCancelledError"):
        return "cancelled (the cluster went away); rerun to finish it"
    if isinstance(exc, NewsfactsError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"cannot be read or written ({exc.strerror or exc}); check the input and the output folder, then rerun"
    return f"failed ({name}: {str(exc)[:200]}); rerun to retry it, and report it if it fails again"
