"""Publishing a build atomically, and the one-build-at-a-time lock (standard library only:
readers import this to learn whether the package they are about to read is whole).

Publishing replaces several paths (data/, validation/suites/, docs/codebook.md,
datapackage.json, README.md, LICENSE-DATA.md); no filesystem renames them all at once. So the swap is
journaled, as SQLite journals a transaction: before the first rename the journal records
what is about to move and where the old copies go; after the last rename it is marked
committed. A build killed at any instant leaves either no journal (old or new package,
complete) or a journal that the next build rolls back (not committed: the old package
comes back) or finishes (committed: the new one stays).

Only a build, holding the lock in a writable checkout, ever moves or deletes anything.
Readers (`load`, `validate`, `info`, `view`) only look: they wait for a publish in
progress, read a package that is whole (no journal, a committed one, or one killed
before its first rename) and refuse a half-published one with what to run. The journal
is read as untrusted input: it may name only the build's own folders inside the
package's `.newsfacts/`, by relative name, so a forged journal can make nothing outside
be touched.

The lock is an flock held on `.newsfacts/lock` for the build's whole life: the kernel
releases it when the build dies, so there is no stale lock to take over and no race in
taking one. The file also names the holder's pid, for messages."""
from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import shutil
import signal
import socket
import stat
import time
from pathlib import Path
from typing import Any

from .errors import NewsfactsError

# What the build owns at the repository root; everything else is left alone.
OUTPUTS = ("data", "validation/suites", "docs/codebook.md", "docs/dataset_card.md", "datapackage.json", "croissant.json",
           "README.md", "LICENSE-DATA.md")
OUTPUT_IS_DIR = {out: out in ("data", "validation/suites") for out in OUTPUTS}
WORK = ".newsfacts"  # lock, journal, staging and backups live here (git-ignored)
LOCK, JOURNAL = "lock", "journal.json"
WORK_NAME = re.compile(r"^(?:stage|backup)-[0-9]{1,10}$")  # the only names a journal may give
STATES = ("swapping", "committed")
MAX_JOURNAL_BYTES = 64_000
# Tests stop a build after publish step k (SIGKILL, as a crash would) or pause inside it.
KILL_AFTER = "NEWSFACTS_PUBLISH_KILL_AFTER"
PAUSE = "NEWSFACTS_PUBLISH_PAUSE"


class BuildLocked(NewsfactsError):
    pass


class HalfPublished(NewsfactsError):
    """A publish was interrupted between its renames; only a build can restore the package."""


class ForgedJournal(NewsfactsError):
    """The journal names something other than the build's own folders: nothing is touched."""


def _fix_journal(path: Path) -> str:
    return f"restore the outputs from git (git checkout -- {' '.join(OUTPUTS)}) and remove {path}"


# --- one build at a time -------------------------------------------------------------

def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return pid > 0
    return True


def _holder(root: Path) -> dict[str, Any]:
    """What the lock file says about its holder ({} when empty, unreadable, garbage or not a regular file)."""
    from .safeio import UnsafeFile, read_regular

    try:
        data = json.loads(read_regular(Path(root) / WORK / LOCK, 4096, "build lock").decode("utf-8"))
    except (UnsafeFile, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def build_running(root: Path) -> bool:
    """Whether a build holds the lock now (probed with a shared, non-blocking flock)."""
    path = Path(root) / WORK / LOCK
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False  # no build can hold it: a build refuses a lock that is not a regular file
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return True
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


class Lock:
    """The exclusive build lock: flock on .newsfacts/lock for the life of the build.

    A reader's brief shared probe (build_running) can make the first try fail; the build
    then retries for a few seconds unless the file names a live holder."""

    RETRY_SECONDS = 5.0

    def __init__(self, root: Path):
        self.root, self.path = Path(root), Path(root) / WORK / LOCK
        self.notes: list[str] = []
        self.fd: int | None = None

    def __enter__(self) -> "Lock":
        try:
            work = self.root / WORK
            if work.is_symlink():
                raise NewsfactsError(f"{work} is a symbolic link; remove it (the build keeps its work folder inside the checkout)")
            work.mkdir(exist_ok=True)
            # Non-blocking, no link followed, and checked on the open descriptor: a FIFO or device
            # put in its place is refused, never opened for a blocking read or write.
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
                         | getattr(os, "O_NOFOLLOW", 0), 0o644)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise NewsfactsError(f"{self.path} is a symbolic link; remove it (the build lock is a regular file "
                                     "the build creates)") from None
            raise NewsfactsError(f"cannot take the build lock {self.path}: {exc.strerror}; the checkout must be writable "
                                 "(check permissions and disk space)") from None
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            os.close(fd)
            kind = "a FIFO" if stat.S_ISFIFO(mode) else "a folder" if stat.S_ISDIR(mode) else "not a regular file"
            raise NewsfactsError(f"{self.path} is {kind}; remove it (the build lock is a regular file the build creates)")
        deadline = time.monotonic() + self.RETRY_SECONDS
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    os.close(fd)
                    raise NewsfactsError(f"cannot take the build lock {self.path}: {exc.strerror}") from None
                held = _holder(self.root)
                pid = held.get("pid")
                live = isinstance(pid, int) and held.get("host") == socket.gethostname() and _alive(pid)
                if live or time.monotonic() > deadline:
                    os.close(fd)
                    raise BuildLocked(f"another build is running (pid {pid if isinstance(pid, int) else 'unknown'}); "
                                      f"wait for it to finish (the lock is released when it ends; remove {self.path} "
                                      "only if no newsfacts process is running)") from None
                time.sleep(0.05)
        self.fd = fd
        before = _holder(self.root)
        if isinstance(before.get("pid"), int) and before["pid"] != os.getpid():
            self.notes.append(f"took over the lock of build pid {before['pid']}, which is no longer running (it was killed)")
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "started": time.time()}).encode(), 0)
        except OSError as exc:
            self._release()
            raise NewsfactsError(f"cannot write the build lock {self.path}: {exc.strerror}; check disk space") from None
        return self

    def _release(self) -> None:
        if self.fd is None:
            return
        try:
            os.ftruncate(self.fd, 0)  # never unlink: a second build may already have the file open
        except OSError:
            pass
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)
        self.fd = None

    def __exit__(self, *exc: Any) -> None:
        self._release()


# --- the journal, read as untrusted input ----------------------------------------------

def _work(root: Path) -> Path:
    return Path(root) / WORK


def read_journal(root: Path) -> dict[str, Any] | None:
    """The journal of an interrupted or running publish, checked; None when there is none.
    ForgedJournal when it names anything but the build's own folders inside .newsfacts/."""
    path = _work(root) / JOURNAL
    if not (path.exists() or path.is_symlink()):
        return None
    from .safeio import UnsafeFile, parse_json, read_regular

    try:
        if _work(root).is_symlink() or path.is_symlink():
            raise ForgedJournal("is a symbolic link")
        j = parse_json(read_regular(path, MAX_JOURNAL_BYTES, "journal"), path, "journal")
    except (UnsafeFile, ForgedJournal) as exc:
        raise ForgedJournal(f"{path}: the journal of an interrupted build cannot be trusted ({str(exc).split(': ', 1)[-1]}); "
                            f"nothing was touched; {_fix_journal(path)}") from None
    why = None
    if not isinstance(j, dict):
        why = "it is not a JSON object"
    elif j.get("state") not in STATES:
        why = f"state {str(j.get('state'))[:20]!r} is not one of {', '.join(STATES)}"
    elif not all(isinstance(j.get(k), str) and WORK_NAME.fullmatch(j[k]) for k in ("stage", "backup")):
        why = "stage and backup must be names of the build's own folders in .newsfacts/ (stage-N, backup-N)"
    elif not isinstance(j.get("existed"), list) or not set(map(str, j["existed"])) <= set(OUTPUTS):
        why = f"existed must list outputs among {', '.join(OUTPUTS)}"
    elif "outputs" in j and j["outputs"] != list(OUTPUTS):
        why = f"outputs must be exactly {', '.join(OUTPUTS)}"
    elif not isinstance(j.get("pid"), int) or isinstance(j.get("pid"), bool):
        why = "pid is not a number"
    if why:
        raise ForgedJournal(f"{path}: the journal of an interrupted build is damaged or forged ({why}); nothing was touched; "
                            f"{_fix_journal(path)}")
    return j


def _own(root: Path, name: str) -> Path:
    """A folder of the build's own inside .newsfacts/, checked after resolving."""
    work = _work(root)
    p = work / name
    if not WORK_NAME.fullmatch(name) or p.resolve().parent != work.resolve() or p.is_symlink():
        raise ForgedJournal(f"{work / JOURNAL}: {name[:40]!r} is not a folder of the build's own; nothing was touched")
    return p


def _output(root: Path, out: str) -> Path:
    """An output path, whose parent folders must stay inside the checkout (no symlink out)."""
    p = Path(root) / out
    if not p.parent.resolve().is_relative_to(Path(root).resolve()):
        raise NewsfactsError(f"{p.parent} leads outside the checkout (a symbolic link?); make it a real folder")
    return p


def package_state(root: Path) -> str:
    """For readers: "whole" (read it), "publishing" (a live build is swapping: wait) or
    "half" (interrupted between renames: a build must restore it). Touches nothing."""
    j = read_journal(root)
    if j is None or j["state"] == "committed":
        return "whole"
    if build_running(root):
        return "publishing"
    backup, stage = _work(root) / j["backup"], _work(root) / j["stage"]
    moved = any((backup / out).exists() or (backup / out).is_symlink() for out in OUTPUTS)
    staged = all((stage / out).exists() for out in OUTPUTS)
    return "whole" if not moved and staged else "half"


def wait_until_readable(root: Path, timeout: float = 15.0) -> None:
    """For readers: return when the package is whole; wait for a live publish; refuse a half one."""
    if not (_work(root) / JOURNAL).exists():
        return
    deadline = time.monotonic() + timeout
    while True:
        state = package_state(root)
        if state == "whole":
            return
        if state == "half":
            raise HalfPublished(f"{root}: a build was interrupted while publishing, so the package is half old, half new; "
                                "run `newsfacts build` in the checkout: it restores the previous package first")
        if time.monotonic() > deadline:
            pid = _holder(Path(root)).get("pid")
            raise NewsfactsError(f"{root}: a build (pid {pid}) has been publishing for {timeout:.0f} s; try again when it ends")
        time.sleep(0.05)


def generation(root: Path) -> tuple[Any, ...]:
    """What changes whenever a publish happens (the descriptor is replaced, a journal comes
    and goes): a reader compares it before and after reading to detect a swap in between."""
    try:
        st = os.stat(Path(root) / "datapackage.json")
        desc = (st.st_ino, st.st_mtime_ns, st.st_size)
    except OSError:
        desc = None
    return desc, (_work(root) / JOURNAL).exists()


# --- journaled publish (builds only, under the lock) -------------------------------------

def _write_json(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_suffix(".tmp")
    remove(tmp)  # whatever is there (a FIFO would block the write); we hold the lock
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0), 0o644)
    with os.fdopen(fd, "wb") as fh:
        fh.write(json.dumps(data).encode("utf-8"))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _step(k: int) -> int:
    """A point between two publish actions; tests may kill the process here."""
    want = os.environ.get(KILL_AFTER)
    if want is not None and want.isdigit() and int(want) == k:
        os.kill(os.getpid(), signal.SIGKILL)
    return k + 1


def remove(p: Path) -> None:
    """Delete a file, link or folder of the build's own (no link is followed)."""
    if p.is_dir() and not p.is_symlink():
        shutil.rmtree(p)
    elif p.exists() or p.is_symlink():
        p.unlink()


def publish(stage: Path, root: Path) -> None:
    """Swap the staged outputs in; a crash at any point is undone or finished by recover().
    The caller holds the Lock; `stage` is .newsfacts/stage-<pid>."""
    work = _work(root)
    backup = work / f"backup-{os.getpid()}"
    remove(backup)
    backup.mkdir(parents=True)
    journal = work / JOURNAL
    outs = [_output(root, out) for out in OUTPUTS]
    existed = [out for out, p in zip(OUTPUTS, outs) if p.exists() or p.is_symlink()]
    entry = {"pid": os.getpid(), "stage": stage.name, "backup": backup.name, "outputs": list(OUTPUTS), "existed": existed}
    _write_json(journal, {"state": "swapping", **entry})
    k = _step(0)
    if os.environ.get(PAUSE):
        time.sleep(float(os.environ[PAUSE]))
    for out, old in zip(OUTPUTS, outs):
        new, keep = stage / out, backup / out
        old.parent.mkdir(parents=True, exist_ok=True)
        keep.parent.mkdir(parents=True, exist_ok=True)
        if old.exists() or old.is_symlink():
            os.rename(old, keep)
        k = _step(k)
        os.rename(new, old)
        k = _step(k)
    _write_json(journal, {"state": "committed", **entry})
    k = _step(k)
    _finish(backup, stage, journal)


def _finish(backup: Path, stage: Path, journal: Path) -> None:
    remove(backup)
    remove(stage)
    journal.unlink(missing_ok=True)


def recover(root: Path) -> str | None:
    """Undo (or finish) a publish a crash interrupted, and clean leftovers of killed builds.
    Only a build calls this, holding the Lock. Returns what was done, or None."""
    work = _work(root)
    done = None
    j = read_journal(root)
    if j is not None:
        backup, stage = _own(root, j["backup"]), _own(root, j["stage"])
        existed = set(j["existed"])
        if j["state"] == "committed":
            done = "finished an interrupted publish (the new package was complete)"
        else:
            for out in reversed(OUTPUTS):
                keep, cur = backup / out, _output(root, out)
                if keep.exists() or keep.is_symlink():
                    if cur.exists() or cur.is_symlink():
                        remove(cur)
                    os.rename(keep, cur)
                elif out not in existed and (cur.exists() or cur.is_symlink()) and not (stage / out).exists():
                    remove(cur)  # the new copy of an output that did not exist before this publish
            done = "rolled back an interrupted publish (the previous package is restored)"
        _finish(backup, stage, work / JOURNAL)
    # Staging folders and backups of builds that are no longer running: we hold the lock,
    # so no other build is; only folders with the build's own names, never links.
    if work.is_dir():
        for p in sorted(work.iterdir()):
            if WORK_NAME.fullmatch(p.name) and p.is_dir() and not p.is_symlink():
                remove(p)
                done = (done + "; " if done else "") + f"removed {p.name} left by a killed build"
    return done
