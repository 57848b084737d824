"""Compare-and-swap saves of coding.yaml: a hand edit made while the review saves is never lost.

No lock keeps an editor away from coding.yaml, so "check the file, then replace it" leaves a
gap in which a hand edit is overwritten (57 of 553 in a stress test). The save instead makes
the check and the swap one step no writer can slip into, and checks again what it swapped out:

1. the new text is written to a temporary file beside coding.yaml (same folder, same disk);
2. coding.yaml is opened and a write lease taken on it: the kernel grants one only when no
   other program has the file open, and while it is held any program that opens the file
   waits. Its bytes are compared with the version the reviewer loaded (different: 409);
3. still holding the lease, the two names are exchanged atomically (renameat2
   RENAME_EXCHANGE: coding.yaml never goes missing, and what is appended after the exchange
   lands in the new file); the lease is released;
4. if what was swapped out is not the file checked in 2 (an editor renamed its own file over
   coding.yaml in between) or a program tried to open it meanwhile, it is checked again once
   no program holds it open: unchanged, the save stands; changed, the exchange is undone (the
   hand edit is coding.yaml again) and the reviewer gets a conflict (HTTP 409).

Nothing is deleted unless it is the reviewer's own new text or the version the reviewer
loaded; a hand edit that cannot be put back (coding.yaml was replaced once more meanwhile) is
kept beside it as `coding.yaml.review-conflict-<time>`, and the 409 names it. Where leases are
not available the check in 4 always runs, after giving a late write SETTLE seconds; where the
exchange is not (not Linux), coding.yaml is renamed aside and the new text linked in only if
no other file appeared meanwhile. Saves of the review itself are serialised by an flock in the
checkout's .newsfacts/."""
from __future__ import annotations

import ctypes
import errno
import fcntl
import hashlib
import os
import secrets
import signal
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

LEASE_WAIT = 2.0   # seconds another program may keep coding.yaml open (an editor finishing its write)
SETTLE = 0.05      # without leases: how long a write through an already open handle is given to arrive
RECHECKS = 50      # how often a swapped-out file is looked at again while programs keep opening it
CONFLICT = ("coding.yaml changed on disk while the review saved (a hand edit?); your change was not saved and "
            "the page now shows the file as it is: make your change again")
SAVED_BUT_KEPT = ("your change was saved, but coding.yaml was edited by hand while the review saved it; "
                  "the hand edit was kept as")
OPEN_ELSEWHERE = ("coding.yaml is open in another program that may be writing it; your change was not saved: "
                  "save or close it there, then make your change again")
# A lease break is announced by a signal (SIGIO, whose default ends the process): SIGURG is
# ignored unless a program asks for it.
BREAK_SIGNAL = getattr(signal, "SIGURG", 0)


class Conflict(Exception):
    """The file changed under the save; the message says what was kept where."""


def version_of(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


# --- the atomic exchange --------------------------------------------------------------------

_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


def _renameat2():
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return fn


_EXCHANGE = _renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Swap two names atomically; False when this system or filesystem cannot."""
    if _EXCHANGE is None:
        return False
    if _EXCHANGE(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


# --- leases: knowing that no other program holds a file open -------------------------------------

def _lease(fd: int) -> bool | None:
    """Take a write lease, waiting until no other program holds the file open: True when held,
    False if one still does after LEASE_WAIT, None where leases are not available."""
    setlease = getattr(fcntl, "F_SETLEASE", None)
    if setlease is None:
        return None
    try:
        if BREAK_SIGNAL:
            fcntl.fcntl(fd, fcntl.F_SETSIG, BREAK_SIGNAL)
    except OSError:
        return None
    deadline = time.monotonic() + LEASE_WAIT
    while True:
        try:
            fcntl.fcntl(fd, setlease, fcntl.F_WRLCK)
            return True
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EBUSY):
                return None  # not here (a network filesystem, leases switched off, not our file)
            if time.monotonic() > deadline:
                return False
            time.sleep(0.005)


def _release(fd: int) -> bool:
    """Give the lease up; whether it was still whole (no program tried to open the file meanwhile)."""
    whole = fcntl.fcntl(fd, fcntl.F_GETLEASE) == fcntl.F_WRLCK
    fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_UNLCK)
    return whole


def _open(path: Path) -> int:
    # Read-only is enough for a write lease (the kernel counts every other open), and works on a
    # file the reviewer may not write (the save replaces it by name, as any editor would).
    return os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))


def _bytes(fd: int) -> bytes:
    out = b""
    while chunk := os.pread(fd, 1 << 20, len(out)):
        out += chunk
    return out


def _unchanged(path: Path, expected: str) -> tuple[bool, str]:
    """Whether a swapped-out file (under a private name, so no new program can open it) still
    holds the loaded version once nothing more can be written to it; the message if not."""
    fd = _open(path)
    try:
        for _ in range(RECHECKS):
            held = _lease(fd)
            if held is False:
                return False, OPEN_ELSEWHERE
            if held is None:
                time.sleep(SETTLE)
                return version_of(_bytes(fd)) == expected, CONFLICT
            data = _bytes(fd)  # read under the lease: no program can open the file meanwhile ...
            if _release(fd):
                return version_of(data) == expected, CONFLICT
            # ... but one tried: an open that was waiting for an earlier lease (a writer's open
            # blocked by the save's own lease wakes late on a busy machine). Let it in, and look
            # again once it is done: the next lease waits for it to close the file.
        return False, OPEN_ELSEWHERE
    finally:
        os.close(fd)


def _keep(path: Path, target: Path) -> Path:
    """Move `path` to a conflict file beside `target` (never over another file)."""
    stamp = time.strftime("%Y%m%dT%H%M%S")
    for k in range(1000):
        keep = target.with_name(f"{target.name}.review-conflict-{stamp}" + (f"-{k}" if k else ""))
        try:
            os.link(path, keep)
        except FileExistsError:
            continue
        os.unlink(path)
        return keep
    raise OSError(errno.EEXIST, "no free name for a conflict file", str(target))


# --- the save -----------------------------------------------------------------------------------

@contextmanager
def _serialised(lock: Path) -> Iterator[None]:
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _temp(target: Path, data: bytes) -> tuple[Path, int]:
    """The new text in a fresh file beside `target`, synced; and its inode."""
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.review")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0), 0o644)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
        ino = os.fstat(f.fileno()).st_ino
    try:
        os.chmod(tmp, os.stat(target).st_mode & 0o7777)  # keep the file's permissions
    except OSError:
        pass
    return tmp, ino


def save(target: Path, data: bytes, expected: str, lock: Path) -> str:
    """Replace `target` by `data` if it still holds the version `expected`; its new version.
    Conflict (with what was kept) when it changed; nothing written by anyone else is lost."""
    with _serialised(lock):
        tmp, ours = _temp(target, data)
        try:
            _swap(target, tmp, expected, ours)
        finally:
            kept = _discard(tmp, target, ours, expected)
    if kept is not None:  # the save stands, but a hand edit reached the old file as it left: say where it is
        raise Conflict(f"{SAVED_BUT_KEPT} {kept.name}; merge it into coding.yaml by hand")
    return version_of(data)


def _swap(target: Path, tmp: Path, expected: str, ours: int) -> None:
    try:
        fd = _open(target)
    except FileNotFoundError:
        raise Conflict(CONFLICT) from None
    try:
        held = _lease(fd)
        if held is False:
            raise Conflict(OPEN_ELSEWHERE)
        try:
            if version_of(_bytes(fd)) != expected:
                raise Conflict(CONFLICT)
            checked = os.fstat(fd).st_ino
            exchanged = exchange(tmp, target)
        finally:
            whole = _release(fd) if held else False
    finally:
        os.close(fd)
    if not exchanged:
        return _by_rename(target, tmp, expected)
    if whole and os.lstat(tmp).st_ino == checked:
        return  # tmp holds the version checked under the lease, which no program could open meanwhile
    ok, why = _unchanged(tmp, expected)
    if ok:
        return
    exchange(tmp, target)  # the hand edit is coding.yaml again
    if os.lstat(tmp).st_ino != ours:
        # coding.yaml was replaced once more meanwhile: that newest file goes back, and the
        # hand edit swapped out is kept beside it.
        exchange(tmp, target)
        raise Conflict(f"{why}; an earlier hand edit was kept as {_keep(tmp, target).name}")
    raise Conflict(why)


def _by_rename(target: Path, tmp: Path, expected: str) -> None:
    """Without an atomic exchange: coding.yaml goes aside, and the new text comes in only if no
    other file took its place meanwhile."""
    aside = target.with_name(f".{target.name}.{secrets.token_hex(6)}.previous")
    try:
        os.rename(target, aside)
    except FileNotFoundError:
        raise Conflict(CONFLICT) from None
    ok, why = _unchanged(aside, expected)
    try:
        os.link(tmp if ok else aside, target)
    except FileExistsError:
        # A new coding.yaml appeared while the old one was aside: it stays, and the old one is
        # kept beside it (it may hold what that new file lacks).
        raise Conflict(f"{CONFLICT}; the file as it was before was kept as {_keep(aside, target).name}") from None
    os.unlink(aside)
    if not ok:
        raise Conflict(why)


def _discard(tmp: Path, target: Path, ours: int, expected: str) -> Path | None:
    """Delete the temporary name only if it holds our own new text or the loaded version
    (whatever failed midway); anything else is someone's edit and is kept beside coding.yaml
    (the file it is kept as)."""
    try:
        st = os.lstat(tmp)
    except FileNotFoundError:
        return None
    try:
        safe = st.st_ino == ours or _unchanged(tmp, expected)[0]
    except OSError:
        safe = False
    if safe:
        tmp.unlink()
        return None
    return _keep(tmp, target)
