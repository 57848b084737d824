"""Load the published tables as pandas DataFrames typed from the schemas."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Literal

from ._resources import DESCRIPTOR, package_dir
from .errors import DataError, NewsfactsError
from .schemas import LIST_DELIMITER, arrow_type, pandas_dtype

if TYPE_CHECKING:  # pandas is imported only when data is asked for
    import pandas as pd

Format = Literal["parquet", "csv"]
FORMATS: tuple[str, ...] = ("parquet", "csv")
PARQUET_SUFFIX = "-parquet"


def datapackage_path(root: str | Path | None = None) -> Path:
    """Path of datapackage.json (installed copy, or the checkout in development)."""
    return (Path(root) if root is not None else package_dir()) / DESCRIPTOR


_CACHE: dict[Path, tuple[tuple[int, int], dict[str, Any]]] = {}


def read_descriptor(root: str | Path | None = None) -> dict[str, Any]:
    """The parsed datapackage.json of a closed package; re-read only when the file changes
    (callers must not mutate it). A publish in progress is waited for and an interrupted
    one recovered first; a descriptor that is not JSON, names a path outside the package
    or leaves a shipped table out is a DataError naming it."""
    from .closure import closure_problems
    from .journal import wait_or_recover

    path = datapackage_path(root)
    try:
        wait_or_recover(path.parent)
    except NewsfactsError as exc:
        raise DataError(str(exc)) from None
    try:
        st = path.stat()
        stamp = (st.st_mtime_ns, st.st_size)
        hit = _CACHE.get(path)
        if hit and hit[0] == stamp:
            return hit[1]
        desc = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise DataError(f"{path}: missing; reinstall newsfacts or run `newsfacts build`") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        why = exc.strerror if isinstance(exc, OSError) else f"not valid UTF-8 JSON: {type(exc).__name__}"
        raise DataError(f"{path}: cannot be read ({why}); reinstall newsfacts or run `newsfacts build`") from None
    problems = closure_problems(path.parent, desc)
    if problems:
        where, what = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise DataError(f"{path}: {where}: {what}{more}; run `newsfacts validate` for the list, then reinstall or rebuild")
    _CACHE[path] = (stamp, desc)
    return desc


def tables(root: str | Path | None = None) -> list[str]:
    """Names of the data tables (those published in both CSV and Parquet), in the package's order."""
    return table_names(read_descriptor(root))


def table_names(descriptor: dict[str, Any]) -> list[str]:
    names = {r["name"] for r in descriptor["resources"]}
    return [r["name"] for r in descriptor["resources"]
            if r.get("format") == "csv" and r["name"] + PARQUET_SUFFIX in names]


def resource_name(table: str, format: str) -> str:
    return table + (PARQUET_SUFFIX if format == "parquet" else "")


def find_resource(descriptor: dict[str, Any], table: str, format: str) -> dict[str, Any]:
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    name = resource_name(table, format)
    for r in descriptor["resources"]:
        if r["name"] == name:
            return r
    known = ", ".join(table_names(descriptor))
    raise KeyError(f"no table {table!r} in the package; tables: {known}")


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def verify_file(path: Path, resource: dict[str, Any]) -> None:
    recorded = resource.get("hash", "")
    algo, _, digest = recorded.partition(":")
    if algo != "sha256" or not digest:
        raise DataError(f"{path}: the package records no sha256 for {resource['name']}; rebuild the package")
    actual = sha256_of(path)
    if actual != digest:
        raise DataError(
            f"{path}: sha256 is {actual}, the package records {digest}; the file is corrupted or was edited, "
            "reinstall newsfacts (or run `newsfacts build` in a checkout)"
        )


def _finish(raw: "pd.DataFrame", schema: dict[str, Any], source: Path) -> "pd.DataFrame":
    """Bring a frame read with schema dtypes to the exact schema dtypes (lists, dates, categories)."""
    import pandas as pd

    names = [f["name"] for f in schema["fields"]]
    if list(raw.columns) != names:
        raise DataError(
            f"{source}: columns {list(raw.columns)} differ from the schema's {names}; rebuild or reinstall the package"
        )
    casts = {}
    for f in schema["fields"]:
        name, want = f["name"], pandas_dtype(f)
        if f["type"] == "list":
            import pyarrow as pa
            import pyarrow.compute as pc

            # Split in Arrow, not in a Python loop over cells; a null cell is an empty list.
            parts = pc.split_pattern(pa.array(raw[name], type=pa.string(), from_pandas=True), LIST_DELIMITER).to_pylist()
            raw[name] = pd.Series([v or [] for v in parts], index=raw.index, dtype=object)
        elif raw[name].dtype != want:
            casts[name] = want
    return raw.astype(casts) if casts else raw


def _to_pandas(table: Any) -> "pd.DataFrame":
    import pandas as pd
    import pyarrow as pa

    # Nullable pandas dtypes straight from Arrow: no float detour for integers with nulls.
    mapping = {pa.int64(): pd.Int64Dtype(), pa.string(): pd.StringDtype(), pa.large_string(): pd.StringDtype(),
               pa.bool_(): pd.BooleanDtype(), pa.float64(): pd.Float64Dtype()}
    return table.to_pandas(types_mapper=mapping.get, date_as_object=False)


def _read_parquet(path: Path, schema: dict[str, Any]) -> "pd.DataFrame":
    import pyarrow.parquet as pq

    return _to_pandas(pq.read_table(path))


def _read_csv(path: Path, schema: dict[str, Any]) -> "pd.DataFrame":
    """CSV through Arrow's reader with the schema's column types, so both formats share one conversion path."""
    import pyarrow.csv as pacsv

    types = {f["name"]: arrow_type(f) for f in schema["fields"]}
    table = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(
        column_types=types, null_values=[""], strings_can_be_null=True, true_values=["true"], false_values=["false"]))
    return _to_pandas(table)


def load(table: str, format: Format = "parquet", *, verify: bool = True, root: str | Path | None = None,
         articles: "Iterable[str] | None" = None) -> "pd.DataFrame":
    """One table as a DataFrame with dtypes from its schema.

    verify=True (the default) checks the file's sha256 against datapackage.json first,
    so a corrupted installed file is an error, never a silently wrong frame.
    A truncated or unreadable file is a DataError whatever `verify` says.
    articles: keep only the rows of these article ids (for event_links, links that
    touch any of them); an id the package does not hold is a KeyError.
    """
    descriptor = read_descriptor(root)
    resource = find_resource(descriptor, table, format)
    path = datapackage_path(root).parent / resource["path"]  # read_descriptor proved it stays inside
    if not path.is_file():
        raise DataError(f"{path}: missing; reinstall newsfacts or run `newsfacts build`")
    if verify:
        verify_file(path, resource)
    try:
        raw = (_read_parquet if format == "parquet" else _read_csv)(path, resource["schema"])
    except Exception as exc:  # pyarrow/pandas raise many types for a damaged file
        raise DataError(f"{path}: cannot be read as {format} ({type(exc).__name__}: {exc}); reinstall or rebuild") from None
    frame = _finish(raw, resource["schema"], path)
    return frame if articles is None else _only(frame, articles, descriptor, root)


def _only(frame: "pd.DataFrame", articles: "Iterable[str]", descriptor: dict[str, Any], root: str | Path | None) -> "pd.DataFrame":
    wanted = [articles] if isinstance(articles, str) else list(articles)
    known = set(article_ids(root))
    unknown = [a for a in wanted if a not in known]
    if unknown:
        raise KeyError(f"no article {unknown[0]!r} in the package; articles: {', '.join(sorted(known))}")
    cols = [c for c in frame.columns if c == "article_id" or c.startswith("article_id_")]
    keep = frame[cols[0]].isin(wanted)
    for c in cols[1:]:
        keep |= frame[c].isin(wanted)
    return frame[keep].reset_index(drop=True)


def article_ids(root: str | Path | None = None) -> list[str]:
    """The article ids of the package (from the articles CSV, no pandas needed)."""
    import csv

    resource = find_resource(read_descriptor(root), "articles", "csv")
    with open(datapackage_path(root).parent / resource["path"], encoding="utf-8", newline="") as fh:
        return [r["article_id"] for r in csv.DictReader(fh)]


def load_all(format: Format = "parquet", *, verify: bool = True, root: str | Path | None = None,
             articles: "Iterable[str] | None" = None) -> dict[str, "pd.DataFrame"]:
    """Every table, by name (optionally only the rows of some articles)."""
    return {t: load(t, format, verify=verify, root=root, articles=articles) for t in tables(root)}
