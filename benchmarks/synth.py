"""Make a corpus of N synthetic articles from the real one (varied ids, names, numbers).

Used only by the benchmarks; the corpus goes to a temporary folder, never into data/.
Each copy renames the speaker and changes the missile count consistently in the
text and the coding, so every copy builds and validates like the original."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "build" / "articles" / "tass-2015-10-22-ivanov"
PARTS = ("build/codelists", "build/package.yaml", "schemas", "validation/custom.yaml", "README.md")


def make_corpus(dest: Path, n: int) -> Path:
    for part in PARTS:
        src, dst = ROOT / part, dest / part
        dst.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dst)
    text = (SEED / "article.txt").read_text(encoding="utf-8")
    coding = (SEED / "coding.yaml").read_text(encoding="utf-8")
    source = (SEED / "source.yaml").read_text(encoding="utf-8")
    # The real article stays in (the code-list rules in build/codelists/rules.yaml cite its rows).
    shutil.copytree(SEED, dest / "build" / "articles" / SEED.name)
    for k in range(1, n):
        name = f"Ivanov{chr(ord('a') + k % 26)}{k}"
        missiles = str(30 + k % 60)
        folder = dest / "build" / "articles" / f"synth-{k:05d}"
        folder.mkdir(parents=True)
        (folder / "article.txt").write_text(text.replace("Ivanov", name).replace("fired 26 Kalibr", f"fired {missiles} Kalibr"), encoding="utf-8")
        (folder / "coding.yaml").write_text(coding.replace("Ivanov", name).replace('quantity: "26"', f'quantity: "{missiles}"'), encoding="utf-8")
        (folder / "source.yaml").write_text(source, encoding="utf-8")
    return dest


if __name__ == "__main__":
    print(make_corpus(Path(sys.argv[1]), int(sys.argv[2])))
