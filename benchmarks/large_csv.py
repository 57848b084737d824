"""Memory of `newsfacts validate` on a package with one very large, re-hashed CSV (issue 33: a
1.5 GB CSV made validation peak at 17.7 GB).

    python benchmarks/large_csv.py                      # a 300 MB mentions.csv, this checkout
    python benchmarks/large_csv.py --mb 1500            # the size of the report
    python benchmarks/large_csv.py --code /tmp/before/src --mb 200   # another source tree

Two packages are made from the committed one: mentions.csv grown by renamed copies of its rows
and re-hashed, once in the CSV only (a forger's re-hashed file: not its Parquet twin) and once
in CSV and Parquet alike (a consistent one). Prints, for each, the wall seconds and the whole
process tree's peak resident memory of `newsfacts validate --only provenance` (the layer that
read files whole) and of the full `newsfacts validate`. Target: the peak does not grow with
the size of a CSV that is not its twin (within 2x of the committed package's peak)."""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def make(dest: Path, mb: int, consistent: bool) -> int:
    from tests import forge
    from tests.conftest import PACKAGE_PARTS, copy_parts

    copy_parts(PACKAGE_PARTS, dest)
    rows = forge.read_rows(dest, "mentions")
    per_copy = len(forge.csv_text(rows).encode("utf-8"))
    copies = max(1, mb * 1_000_000 // per_copy)
    if consistent:
        grown = rows + [{**r, "mention_id": f"{r['mention_id']}{k}"} for k in range(1, copies) for r in rows]
        forge.write_rows(dest, "mentions", grown)
    else:
        with open(dest / "data" / "csv" / "mentions.csv", "w", encoding="utf-8", newline="") as fh:
            fh.write(forge.csv_text(rows))
            for k in range(1, copies):
                fh.write(forge.csv_text([{**r, "mention_id": f"{r['mention_id']}{k}"} for r in rows]).split("\n", 1)[1])
    forge.rehash(dest)
    return (dest / "data" / "csv" / "mentions.csv").stat().st_size


def main() -> int:
    from run import env_for, run_tree

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=int, default=300, help="size of the grown mentions.csv in MB")
    ap.add_argument("--code", type=Path, help="the src/ folder of the newsfacts to measure (default: this checkout)")
    ap.add_argument("--full", action="store_true", help="also run the full `newsfacts validate` (frictionless reads every CSV row: slow)")
    a = ap.parse_args()
    env = env_for(a.code)
    exe = [sys.executable, "-c", "from newsfacts.cli import main; main()"]
    print(f"newsfacts from {a.code or ROOT / 'src'}")
    base = run_tree(exe + ["validate", "--path", str(ROOT), "--only", "provenance"], ROOT, env, check=False)
    print(f"{'committed package':34} {'':>12}  provenance {base['seconds']:7.1f} s {base['peak_mb']:8.0f} MB")
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for consistent in (False, True):
            pkg = Path(tmp) / ("twin" if consistent else "rehashed")
            size = make(pkg, a.mb, consistent)
            label = "CSV and Parquet grown alike" if consistent else "re-hashed CSV, not its twin"
            runs = [("provenance", ["--only", "provenance"])] + ([("full", [])] if a.full else [])
            for name, extra in runs:
                r = run_tree(exe + ["validate", "--path", str(pkg), *extra], ROOT, env, check=False)
                print(f"{label:34} {size / 1e6:9.0f} MB  {name:10} {r['seconds']:7.1f} s {r['peak_mb']:8.0f} MB")
                if not consistent and name == "provenance":
                    worst = r["peak_mb"] / max(base["peak_mb"], 1) / 2
            shutil.rmtree(pkg)
    print(f"target: the re-hashed CSV's peak within 2x of the committed package's: {'met' if worst < 1 else 'NOT MET'}")
    return 0 if worst < 1 else 1


if __name__ == "__main__":
    sys.exit(main())
