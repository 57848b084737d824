"""The Great Expectations layer in a second interpreter, started first and collected last.

Why: importing great_expectations takes about 3.5 s (scipy, altair, marshmallow...), as long
as the other two layers together on the real package; on two cores the second process hides
it (benchmarks/RESULTS.md). Why a fresh `python -m` and not multiprocessing: spawn re-imports
the caller's __main__, so a script without `if __name__ == "__main__":` broke the pool and a
valid package came out INVALID. A subprocess imports nothing of the caller. If the child
cannot start or answer, the layer runs in this process instead: never a false finding."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .report import Finding, layer_failed

ANSWER = "newsfacts-gx-answer:"


def worth_it() -> bool:
    """A second process only pays when a second core is free to run it."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return cores >= 2 and os.environ.get("NEWSFACTS_SERIAL") != "1"


class Pending:
    """A running child; result() waits and gives (findings, checks), or None when it failed."""

    def __init__(self, proc: subprocess.Popen[str]):
        self.proc = proc
        self.started = time.perf_counter()
        self.seconds = 0.0  # from start to answer

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def result(self) -> tuple[list[Finding], int] | None:
        try:
            out, _ = self.proc.communicate()
        except OSError:
            return None
        self.seconds = time.perf_counter() - self.started
        if self.proc.returncode != 0:
            return None
        line = next((ln for ln in reversed(out.splitlines()) if ln.startswith(ANSWER)), None)
        if line is None:
            return None
        try:
            got = json.loads(line[len(ANSWER):])
            return [Finding(**f) for f in got["findings"]], int(got["checks"])
        except (ValueError, TypeError, KeyError):
            return None


def start(root: Path, docs: Path | None, schemas: Path | None) -> Pending | None:
    package_parent = str(Path(__file__).resolve().parents[2])  # where `newsfacts` is importable from
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [package_parent, os.environ.get("PYTHONPATH")])))
    args = [sys.executable, "-m", "newsfacts.validate.gx_process", str(Path(root).resolve()),
            str(Path(docs).resolve()) if docs else "", str(Path(schemas).resolve()) if schemas else ""]
    try:
        # stderr is inherited: the child's progress lines reach the terminal like ours.
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, env=env)
    except OSError:
        return None
    return Pending(proc)


def _main(argv: list[str]) -> int:
    from ..loading import shipped_schemas
    from ..schemas import all_schemas
    from . import gx_layer

    root, docs, schemas = argv
    shipped: dict[str, Any] = all_schemas(Path(schemas)) if schemas else shipped_schemas()
    try:
        found, n = gx_layer.check(Path(root), Path(docs) if docs else None, shipped)
    except Exception as exc:  # the parent turns it into a layer-failed finding, as in-process
        found, n = [layer_failed("gx", exc)], 0
    print(ANSWER + json.dumps({"findings": [asdict(f) for f in found], "checks": n}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
