from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

import newsfacts

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "tass-2015-10-22-ivanov"
PACKAGE_PARTS = ("datapackage.json", "data", "validation/suites", "schemas")
REPO_PARTS = PACKAGE_PARTS + ("build", "validation/custom.yaml", "README.md", "docs")


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
    """Every file and its sha256; the build lock is left out (an empty file the build keeps)."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.relative_to(folder).as_posix() != ".newsfacts/lock"}


@pytest.fixture(scope="session")
def tables():
    return newsfacts.load_all(root=ROOT)


@pytest.fixture(scope="session")
def article_texts(tables) -> dict[str, str]:
    """Every article's verbatim text, by article_id (the package holds any number of articles)."""
    return {a.article_id: (ROOT / a.text_path).read_text(encoding="utf-8") for a in tables["articles"].itertuples()}


ARTICLE_IDS = sorted(p.name for p in (ROOT / "build" / "articles").iterdir() if p.is_dir())


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """A copy of the published package (what an install holds)."""
    return copy_parts(PACKAGE_PARTS, tmp_path / "pkg")


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A copy of the repository's build inputs and outputs, for build tests."""
    return copy_parts(REPO_PARTS, tmp_path / "repo")
