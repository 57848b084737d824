"""Where the published package lives: inside the installed wheel, or in a checkout."""
from __future__ import annotations

from pathlib import Path

from .errors import DataError

DESCRIPTOR = "datapackage.json"
ENV = "NEWSFACTS_PACKAGE"  # read another package by default (a grown copy, a colleague's build)


def package_dir() -> Path:
    """Directory holding datapackage.json, data/ and schemas/.

    NEWSFACTS_PACKAGE, when set, names it; otherwise a wheel carries them under
    newsfacts/_package and an editable install or a plain checkout finds them at the
    repository root, two levels above this file.
    """
    import os

    if os.environ.get(ENV):
        chosen = Path(os.environ[ENV])
        if not (chosen / DESCRIPTOR).is_file():
            raise DataError(f"{ENV}={chosen}: no {DESCRIPTOR} there; point it at a package folder, or unset it")
        return chosen
    return own_package_dir()


def own_package_dir() -> Path:
    """The package this newsfacts installation carries (never chosen by the environment)."""
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
        return own_package_dir() / "schemas"
    except DataError:
        return Path(__file__).resolve().parents[2] / "schemas"
