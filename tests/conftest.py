from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

import newsfacts

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "tass-2015-10-22-ivanov"
PACKAGE_PARTS = ("datapackage.json", "data", "validation/suites")
REPO_PARTS = PACKAGE_PARTS + ("build", "schemas", "validation/custom.yaml", "README.md", "docs")


def copy_parts(parts: tuple[str, ...], dest: Path) -> Path:
    for part in parts:
        src, dst = ROOT / part, dest / part
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst)
        else:
            shutil.copy2(src, dst)
    return dest


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def tables():
    return newsfacts.load_all(root=ROOT)


@pytest.fixture(scope="session")
def article_text() -> str:
    return (ROOT / "data" / "text" / f"{ARTICLE}.txt").read_text(encoding="utf-8")


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """A copy of the published package (what an install holds)."""
    return copy_parts(PACKAGE_PARTS, tmp_path / "pkg")


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A copy of the repository's build inputs and outputs, for build tests."""
    return copy_parts(REPO_PARTS, tmp_path / "repo")
