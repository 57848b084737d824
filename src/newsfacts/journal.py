"""Publishing a build atomically, and the one-build-at-a-time lock (standard library only:
readers import this to recover an interrupted publish before they read).

Publishing replaces several paths (data/, validation/suites/, docs/codebook.md,
datapackage.json, README.md); no filesystem renames them all at once. So the swap is
journaled, as SQLite journals a transaction: before the first rename the journal records
what is about to move and where the old copies go; after the last rename it is marked
committed. A build killed at any instant leaves either no journal (old or new package,
complete) or a journal that `recover()` rolls back (not committed: the old package comes
back) or finishes (committed: the new one stays). Every reader (`load`, `validate`,
`info`) and every build recovers first, so nobody sees a half-published package.
One build at a time: a lock file names the pid that holds it."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import time
from pathlib import Path
from typing import Any

from .errors import NewsfactsError

# What the build owns at the repository root; everything else is left alone.
OUTPUTS = ("data", "validation/suites", "docs/codebook.md", "datapackage.json", "README.md")
WORK = ".newsfacts"  # lock, journal, staging and backups live here (git-ignored)
LOCK, JOURNAL = "lock", "journal.json"
# Tests stop a build after publish step k (SIGKILL, as a crash would) or pause inside it.
KILL_AFTER = "NEWSFACTS_PUBLISH_KILL_AFTER"
PAUSE = "NEWSFACTS_PUBLISH_PAUSE"


class BuildLocked(NewsfactsError):
    pass


# --- one build at a time -------------------------------------------------------------

def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _holder(root: Path) -> dict[str, Any] | None:
    try:
        return json.loads((root / WORK / LOCK).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


class Lock:
    """An exclusive build lock: a file created with O_EXCL that names its pid."""

    def __init__(self, root: Path):
        self.root, self.path = root, root / WORK / LOCK
        self.notes: list[str] = []

    def __enter__(self) -> "Lock":
        self.path.parent.mkdir(exist_ok=True)
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                held = _holder(self.root) or {}
                pid = held.get("pid")
                if isinstance(pid, int) and held.get("host") == socket.gethostname() and not _alive(pid):
                    self.path.unlink(missing_ok=True)  # its build was killed: the lock is stale
                    self.notes.append(f"removed a stale lock left by build pid {pid}, which is no longer running")
                    continue
                raise BuildLocked(f"another build is running (pid {pid}); wait for it, or remove "
                                  f"{self.path} if it is stale") from None
            with os.fdopen(fd, "w") as fh:
                json.dump({"pid": os.getpid(), "host": socket.gethostname(), "started": time.time()}, fh)
            return self
        raise BuildLocked(f"cannot take the build lock {self.path}; remove it if no build is running")

    def __exit__(self, *exc: Any) -> None:
        held = _holder(self.root)
        if held and held.get("pid") == os.getpid():
            self.path.unlink(missing_ok=True)


# --- journaled publish -------------------------------------------------------------

def _write_json(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data), encoding="utf-8")
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _step(k: int) -> int:
    """A point between two publish actions; tests may kill the process here."""
    want = os.environ.get(KILL_AFTER)
    if want is not None and want.isdigit() and int(want) == k:
        os.kill(os.getpid(), signal.SIGKILL)
    return k + 1


def _remove(p: Path) -> None:
    if p.is_dir() and not p.is_symlink():
        shutil.rmtree(p)
    elif p.exists() or p.is_symlink():
        p.unlink()


def publish(stage: Path, root: Path) -> None:
    """Swap the staged outputs in; a crash at any point is undone or finished by recover()."""
    work = root / WORK
    backup = work / f"backup-{os.getpid()}"
    backup.mkdir(parents=True)
    journal = work / JOURNAL
    existed = [out for out in OUTPUTS if (root / out).exists()]
    _write_json(journal, {"state": "swapping", "pid": os.getpid(), "stage": str(stage.relative_to(root)),
                          "backup": str(backup.relative_to(root)), "outputs": list(OUTPUTS), "existed": existed})
    k = _step(0)
    if os.environ.get(PAUSE):
        time.sleep(float(os.environ[PAUSE]))
    for out in OUTPUTS:
        new, old, keep = stage / out, root / out, backup / out
        old.parent.mkdir(parents=True, exist_ok=True)
        keep.parent.mkdir(parents=True, exist_ok=True)
        if old.exists():
            os.rename(old, keep)
        k = _step(k)
        os.rename(new, old)
        k = _step(k)
    _write_json(journal, {"state": "committed", "pid": os.getpid(), "stage": str(stage.relative_to(root)),
                          "backup": str(backup.relative_to(root)), "outputs": list(OUTPUTS), "existed": existed})
    k = _step(k)
    _finish(root, backup, stage, journal)


def _finish(root: Path, backup: Path, stage: Path, journal: Path) -> None:
    _remove(backup)
    _remove(stage)
    journal.unlink(missing_ok=True)


def recover(root: Path) -> str | None:
    """Undo (or finish) a publish a crash interrupted; clean leftovers of killed builds.
    Returns what was done, or None when there was nothing to do."""
    work = root / WORK
    journal = work / JOURNAL
    done = None
    if journal.exists():
        try:
            j = json.loads(journal.read_text(encoding="utf-8"))
            backup, stage = root / j["backup"], root / j["stage"]
            outputs, existed = list(j["outputs"]), set(j["existed"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise NewsfactsError(f"{journal}: an interrupted build left a journal that cannot be read ({type(exc).__name__}); "
                                 "restore the outputs from git (git checkout -- data datapackage.json validation docs README.md) "
                                 f"and remove {journal}") from None
        if j.get("state") == "committed":
            done = "finished an interrupted publish (the new package was complete)"
        else:
            for out in reversed(outputs):
                keep, cur = backup / out, root / out
                if keep.exists() or keep.is_symlink():
                    if cur.exists() or cur.is_symlink():
                        _remove(cur)
                    os.rename(keep, cur)
                elif out not in existed and (cur.exists() or cur.is_symlink()) and not (stage / out).exists():
                    _remove(cur)  # it did not exist before this publish
            done = "rolled back an interrupted publish (the previous package is restored)"
        _finish(root, backup, stage, journal)
    # Staging folders and backups of builds that are no longer running.
    if work.is_dir():
        held = _holder(root) or {}
        for p in work.iterdir():
            if p.name.startswith(("stage-", "backup-")) and p.is_dir():
                pid = p.name.split("-", 1)[1].split("-")[0]
                if not (pid.isdigit() and int(pid) == held.get("pid") and _alive(int(pid))):
                    _remove(p)
                    done = (done + "; " if done else "") + f"removed {p.name} left by a killed build"
    return done


def wait_or_recover(root: Path, timeout: float = 15.0) -> None:
    """For readers: if a publish is in progress, wait for it; if one was interrupted, recover it."""
    journal = Path(root) / WORK / JOURNAL
    if not journal.exists():
        return
    deadline = time.monotonic() + timeout
    while journal.exists():
        held = _holder(Path(root)) or {}
        pid = held.get("pid")
        if not (isinstance(pid, int) and pid != os.getpid() and _alive(pid)):
            try:
                recover(Path(root))
            except OSError as exc:
                raise NewsfactsError(f"{root}: an interrupted build left the package half-published and it cannot be "
                                     f"restored here ({exc.strerror}); run `newsfacts build` in the checkout") from None
            return
        if time.monotonic() > deadline:
            raise NewsfactsError(f"{root}: a build (pid {pid}) has been publishing for {timeout:.0f} s; try again when it ends")
        time.sleep(0.05)
