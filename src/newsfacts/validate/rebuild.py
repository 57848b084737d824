"""`newsfacts validate --rebuild`: a checkout's package against a fresh build of its inputs.

Every row of every table is rebuilt from build/ (articles, code lists, links) and compared
cell by cell with the published CSV, and every text with its article.txt: whatever was
edited after the build, re-hashed or not, consistent or not, is a finding naming the
table, the row's key and the column. Nothing is written."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import CodingError, NewsfactsError
from .report import Finding

FIX = "run `newsfacts build` (the build inputs are the authority), or restore the package from git"


class NotACheckout(NewsfactsError):
    pass


def check(package_dir: Path, shipped: dict[str, dict[str, Any]]) -> tuple[list[Finding], int]:
    from ..layout import text_path
    from ..loading import csv_rows
    from ..pipeline.publish import cell
    from ..pipeline.run import collect
    from ..safeio import MAX_TEXT_CHARS, UnsafeFile, read_regular

    root = Path(package_dir)
    if not ((root / "build" / "articles").is_dir() and (root / "schemas").is_dir()):
        raise NotACheckout(f"{root} is not a checkout (no build/articles/ and schemas/ beside datapackage.json): "
                           "--rebuild compares a checkout's package with a fresh build; validate an installed copy without it")
    try:
        tables, articles, _ = collect(root, draft=True)
    except CodingError as exc:
        return [Finding("rebuild", "build", "inputs-do-not-build", str(exc).split("\n")[1][:300] if "\n" in str(exc) else str(exc)[:300],
                        "fix the build inputs first (`newsfacts build` says what)")], 1
    out: list[Finding] = []
    n = 0
    for t, rows in tables.items():
        schema = shipped[t]
        key = schema["primaryKey"]
        types = {f["name"]: f["type"] for f in schema["fields"]}
        fresh = {tuple(cell(r[k], types[k]) for k in key): {c: cell(v, types[c]) for c, v in r.items()} for r in rows}
        published: dict[tuple[str, ...], tuple[int, dict[str, str]]] = {}
        for i, r in enumerate(csv_rows(t, root), start=1):
            published[tuple(r.get(k, "") for k in key)] = (i, r)
        n += 1
        for k in sorted(set(fresh) - set(published)):
            out.append(Finding("rebuild", t, "row-missing", f"row {'|'.join(k)} is in a fresh build but not in the package", FIX, value="|".join(k)))
        for k in sorted(set(published) - set(fresh)):
            out.append(Finding("rebuild", t, "row-extra", f"row {'|'.join(k)} is in the package but not in a fresh build", FIX,
                               row=published[k][0], value="|".join(k)))
        for k in sorted(set(fresh) & set(published)):
            i, got = published[k]
            for col, want in fresh[k].items():
                if got.get(col) != want:
                    out.append(Finding("rebuild", t, "cell-differs", f"{col} of {'|'.join(k)} is {got.get(col, '')[:60]!r} in the package, "
                                       f"{want[:60]!r} in a fresh build", FIX, row=i, value=got.get(col, "")[:60]))
    for a in articles:
        n += 1
        try:
            data = read_regular(root / text_path(a.article_id), MAX_TEXT_CHARS * 4, "text")
        except UnsafeFile as exc:
            out.append(Finding("rebuild", f"text-{a.article_id}", "text-differs", str(exc)[:200], FIX))
            continue
        if data != a.text.encode("utf-8"):
            out.append(Finding("rebuild", f"text-{a.article_id}", "text-differs",
                               f"{text_path(a.article_id)} is not build/articles/{a.article_id}/article.txt", FIX))
    return out, n
