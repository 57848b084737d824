"""The installed package against its wheel: every file as released, re-hashed forgeries too.

pip records the sha256 of every file a wheel installs in the distribution's RECORD. The
package's own hashes (datapackage.json) can be recomputed by whoever edits a file; the
RECORD of the release cannot be, short of editing the installation's metadata as well.
So when `newsfacts validate` checks the installed copy, every file under
newsfacts/_package must be the released one, and no other file may be there. A checkout
has no RECORD for its data: `newsfacts validate --rebuild` compares it with a fresh build."""
from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from ..safeio import MAX_DATA_FILE_BYTES, UnsafeFile, open_regular, read_chunks
from .report import Finding

PREFIX = ("newsfacts", "_package")
FIX = "reinstall newsfacts (pip install --force-reinstall newsfacts): the installed files are not the released ones"


def _record() -> tuple[Path, dict[str, tuple[str, str] | None]] | None:
    """(installed _package folder, relative path -> (algorithm, digest)) from RECORD, or None
    when newsfacts is not installed from a wheel (a checkout or an editable install)."""
    from importlib import metadata

    try:
        dist = metadata.distribution("newsfacts")
    except metadata.PackageNotFoundError:
        return None
    entries = {}
    for f in dist.files or []:
        if tuple(f.parts[:2]) == PREFIX and len(f.parts) > 2:
            entries["/".join(f.parts[2:])] = (f.hash.mode, f.hash.value) if f.hash else None
    if not entries:
        return None
    return Path(str(dist.locate_file("/".join(PREFIX)))), entries


def is_release(root: Path) -> bool:
    """Whether `root` is the package a wheel installed (its files have a RECORD to be checked against)."""
    rec = _record()
    try:
        return rec is not None and Path(root).resolve() == rec[0].resolve()
    except OSError:
        return False


def release_problems(root: Path) -> list[Finding]:
    rec = _record()
    if rec is None:
        return []
    installed, entries = rec
    try:
        if Path(root).resolve() != installed.resolve():
            return []  # another folder: nothing says what it should hold
    except OSError:
        return []
    out = []
    for rel, h in sorted(entries.items()):
        path = installed / rel
        if h is None:
            out.append(Finding("package", rel, "release-record", "the wheel's RECORD gives no hash for this file", FIX))
            continue
        algo, want = h
        try:
            digest = hashlib.new(algo)
        except ValueError:
            digest = None
        try:
            with open_regular(path, MAX_DATA_FILE_BYTES, "package file") as fh:  # in chunks: any size, bounded memory
                for chunk in read_chunks(fh, path, MAX_DATA_FILE_BYTES, "package file"):
                    if digest is not None:
                        digest.update(chunk)
        except UnsafeFile as exc:
            out.append(Finding("package", rel, "release-missing", str(exc).split(": ", 1)[-1], FIX))
            continue
        got = base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode() if digest is not None else None
        if got != want:
            out.append(Finding("package", rel, "release-modified",
                               f"differs from the released file (its {algo} is not the one the wheel recorded)", FIX))
    for p in sorted(installed.rglob("*")):
        rel = p.relative_to(installed).as_posix()
        if not p.is_dir() and rel not in entries and "__pycache__" not in p.parts:
            out.append(Finding("package", rel, "release-extra", "is not a file of the released package", FIX))
    return out
