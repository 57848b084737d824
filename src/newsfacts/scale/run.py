"""`newsfacts draft-corpus`: plan the inputs, map the draft over them with Dask, describe the result."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .dask_map import map_slices, session
from .manifest import check_out, claimed, finish
from .plan import InputError, Options, plan


@dataclass
class Result:
    out: Path
    slices: int = 0
    partitions: int = 0          # partitions of this run's input
    skipped: int = 0             # of them, found finished and not drafted again
    texts: int = 0
    drafted: int = 0
    failed: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    months: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    duplicates: int = 0          # ids given to more than one text
    duplicate_ids: list[str] = field(default_factory=list)  # the first ten
    removed: int = 0             # part files of texts no longer given, deleted
    failures: list[str] = field(default_factory=list)  # slices that failed: the run is incomplete
    seconds: float = 0.0

    @property
    def complete(self) -> bool:
        return not self.failures


def draft_corpus(inputs: list[str | Path], out: str | Path, *, columns: dict[str, str] | None = None,
                 publisher: str | None = None, partition_size: int = 1000, workers: int | None = None,
                 scheduler: str | None = None, client: Any = None,
                 progress: Callable[[str], None] | None = None) -> Result:
    """Draft every text of `inputs` (JSON Lines, optionally gzipped; Parquet; folders of .txt with
    metadata.csv) into `out`: a hive-partitioned Parquet dataset per table with datapackage.json,
    an errors table and manifest.json. Dask maps the draft: over `client` if given, else a
    cluster at `scheduler`, else a new local cluster of `workers` processes (default: one per
    core; call this under `if __name__ == "__main__":` in a script, as any local Dask cluster
    needs). Rerun with the same inputs to resume: finished partitions are skipped.

    An input or output that cannot be used raises a NewsfactsError before anything is written;
    a text that cannot be drafted is a row of the errors table; a slice whose task fails for
    good is listed in `Result.failures` (the folder stays marked incomplete: rerun)."""
    t0 = time.monotonic()
    if partition_size < 1:
        raise InputError(f"--partition-size {partition_size}: give at least 1")
    options = Options(tuple(sorted((columns or {}).items())), publisher, partition_size)
    target = Path(out).resolve()
    check_out(target)
    slices = plan([Path(p) for p in inputs], options)
    result = Result(target, slices=len(slices))
    with claimed(target):
        if client is not None:
            summaries, result.failures = map_slices(client, slices, str(target), options, progress)
        else:
            with session(scheduler, workers) as c:
                summaries, result.failures = map_slices(c, slices, str(target), options, progress)
        parts = [p for s in summaries for p in s]
        result.partitions = len(parts)
        result.skipped = sum(1 for p in parts if p["skipped"])
        result.texts = sum(p["texts"] for p in parts)
        result.drafted = sum(p["drafted"] for p in parts)
        result.failed = sum(p["failed"] for p in parts)
        if not result.failures:
            from .partition import drafter

            m = finish(target, parts, {"columns": dict(options.columns), "publisher": publisher,
                                       "partition_size": partition_size}, [str(p) for p in inputs], drafter())
            result.texts, result.drafted, result.failed = m["texts"]["in"], m["texts"]["drafted"], m["texts"]["failed"]
            result.reasons, result.months, result.rows = m["failed_by_reason"], m["months"], m["rows"]
            result.duplicates, result.duplicate_ids = m["duplicate_ids"]["count"], m["duplicate_ids"]["first"]
            result.removed = m["removed"]
    result.seconds = time.monotonic() - t0
    return result
