from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

# Hugging Face libraries read these once, at import: set before any test imports them, so
# nothing in the suite may reach the network (CI reaches only the package registries).
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import pytest

import newsfacts

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "tass-2015-10-22-ivanov"
PACKAGE_PARTS = ("datapackage.json", "croissant.json", "data", "validation/suites", "schemas")
REPO_PARTS = PACKAGE_PARTS + ("build", "validation/custom.yaml", "README.md", "LICENSE-DATA.md", "docs", "CITATION.cff")


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


GROW = Path(__file__).parent / "fixtures" / "grow"


def grow(dest: Path) -> Path:
    """A copy of the repository with the articles written for the tests added, built and validated:
    the corpus can grow without a test or a hand-written document changing."""
    from newsfacts.pipeline import build

    repo = copy_parts(REPO_PARTS, dest)
    for folder in sorted(p for p in GROW.iterdir() if p.is_dir()):
        shutil.copytree(folder, repo / "build" / "articles" / folder.name)
    result = build(repo)
    assert not result.findings, result.findings
    return repo


@pytest.fixture(scope="session")
def grown(tmp_path_factory) -> Path:
    return grow(tmp_path_factory.mktemp("grown") / "repo")


@pytest.fixture(scope="session", params=["committed", "grown"])
def pkg_root(request) -> Path:
    """The package the data, corpus, README and view tests read: the committed one, and a copy
    grown by the articles of tests/fixtures/grow/ (so no test depends on the corpus's size)."""
    return ROOT if request.param == "committed" else request.getfixturevalue("grown")


@pytest.fixture(scope="session")
def tables(pkg_root):
    return newsfacts.load_all(root=pkg_root)


@pytest.fixture(scope="session")
def article_texts(tables, pkg_root) -> dict[str, str]:
    """Every article's verbatim text, by article_id (the package holds any number of articles)."""
    return {a.article_id: newsfacts.article_text(a.article_id, root=pkg_root) for a in tables["articles"].itertuples()}


ARTICLE_IDS = sorted(p.name for p in (ROOT / "build" / "articles").iterdir() if p.is_dir())


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """A copy of the published package (what an install holds)."""
    return copy_parts(PACKAGE_PARTS, tmp_path / "pkg")


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A copy of the repository's build inputs and outputs, for build tests."""
    return copy_parts(REPO_PARTS, tmp_path / "repo")


@pytest.fixture(scope="module")
def driver():
    """Headless Chromium (tests/browser.py); on CI its absence is a failure, not a skip."""
    import os

    from . import browser

    if not browser.available():
        if os.environ.get("CI"):
            pytest.fail("Chromium and chromedriver are missing on CI: .ci/run must install chromium and chromium-driver")
        pytest.skip("Chromium is not installed (apt-get install chromium chromium-driver)")
    d = browser.chrome()
    yield d
    d.quit()
