"""Where the published package lives: inside the installed wheel, or in a checkout."""
from __future__ import annotations

from pathlib import Path

from .errors import DataError

DESCRIPTOR = "datapackage.json"


def package_dir() -> Path:
    """Directory holding datapackage.json, data/ and schemas/.

    A wheel carries them under newsfacts/_package; an editable install or a plain
    checkout finds them at the repository root, two levels above this file.
    """
    from importlib.resources import files  # here, not at import time: it costs ~8 ms

    installed = Path(str(files("newsfacts"))) / "_package"
    if (installed / DESCRIPTOR).is_file():
        return installed
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / DESCRIPTOR).is_file():
        return checkout
    raise DataError(
        f"no {DESCRIPTOR} found in {installed} or {checkout}; "
        "reinstall newsfacts, or run `newsfacts build` in a checkout"
    )


def shipped_schemas_dir() -> Path:
    """The schemas/ this newsfacts version ships: the reference every package is compared with
    (a package's own schemas/ folder could have been edited along with its descriptor)."""
    try:
        return package_dir() / "schemas"
    except DataError:
        return Path(__file__).resolve().parents[2] / "schemas"
