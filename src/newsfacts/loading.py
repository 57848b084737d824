"""Load the published tables as pandas DataFrames typed from the schemas."""
from __future__ import annotations

import gc
import hashlib
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Literal, TypeVar

from ._resources import DESCRIPTOR, package_dir, shipped_schemas_dir
from .errors import DataError, NewsfactsError
from .schemas import LIST_DELIMITER, all_schemas, arrow_type, enum_of

if TYPE_CHECKING:  # pandas is imported only when data is asked for
    import pandas as pd

Format = Literal["parquet", "csv"]
T = TypeVar("T")
FORMATS: tuple[str, ...] = ("parquet", "csv")
PARQUET_SUFFIX = "-parquet"
REINSTALL = "reinstall newsfacts or run `newsfacts build`"
THREADED_ROWS = 4000


def datapackage_path(root: str | Path | None = None) -> Path:
    """Path of datapackage.json (installed copy, or the checkout in development)."""
    return (Path(root) if root is not None else package_dir()) / DESCRIPTOR


_CACHE: dict[Path, tuple[tuple[int, int, int], dict[str, Any]]] = {}


@lru_cache(maxsize=1)
def shipped_schemas() -> dict[str, dict[str, Any]]:
    """The schemas of this newsfacts version: what every package's tables must have (read once
    per process: they are part of the installed version, like its code)."""
    return all_schemas(shipped_schemas_dir())


def read_descriptor(root: str | Path | None = None, shipped: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """The parsed datapackage.json of a usable package; re-read only when the file changes
    (callers must not mutate it). A publish in progress is waited for; a half-published
    package, a descriptor that is not a regular file of JSON, one whose resources are not
    exactly those of a newsfacts package, or whose tables differ from the schemas this
    version ships (`shipped`, default: the installed ones) is a DataError naming it."""
    from .closure import descriptor_problems, own_file
    from .journal import wait_until_readable
    from .safeio import MAX_DESCRIPTOR_BYTES, UnsafeFile, parse_json, read_regular

    path = datapackage_path(root)
    try:
        wait_until_readable(path.parent)
        own_file(path.parent, DESCRIPTOR, "descriptor")
    except NewsfactsError as exc:
        raise DataError(f"{exc}; {REINSTALL}" if isinstance(exc, UnsafeFile) else str(exc)) from None
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise DataError(f"{path}: missing; {REINSTALL}") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot be read ({exc.strerror}); {REINSTALL}") from None
    stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
    hit = _CACHE.get(path)
    if hit and hit[0] == stamp and shipped is None:
        return hit[1]
    try:
        desc = parse_json(read_regular(path, MAX_DESCRIPTOR_BYTES, "descriptor"), path, "descriptor")
    except UnsafeFile as exc:
        raise DataError(f"{exc}; {REINSTALL}") from None
    problems = descriptor_problems(desc, shipped if shipped is not None else shipped_schemas())
    if problems:
        where, what = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise DataError(f"{path}: {where}: {what}{more}; run `newsfacts validate` for the list, then reinstall or rebuild")
    if shipped is None:
        _CACHE[path] = (stamp, desc)
    return desc


def tables(root: str | Path | None = None) -> list[str]:
    """Names of the data tables (those published in both CSV and Parquet), in the package's order;
    for a machine-drafted corpus (`newsfacts draft-corpus --out root`), its tables."""
    if _is_corpus(root):
        from .scale.dataset import tables as corpus_tables

        return corpus_tables(root)
    return table_names(read_descriptor(root))


def _is_corpus(root: str | Path | None) -> bool:
    return root is not None and (Path(root) / "manifest.json").is_file() and _corpus_module().is_corpus(root)


def _corpus_module() -> Any:
    from .scale import dataset

    return dataset


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


def sha256_of(path: Path, limit: int | None = None) -> str:
    """The sha256 of a regular file, read in chunks through the guarded reader (bounded memory)."""
    from .safeio import MAX_DATA_FILE_BYTES, open_regular, read_chunks

    limit = MAX_DATA_FILE_BYTES if limit is None else limit
    h = hashlib.sha256()
    with open_regular(path, limit, "data file") as fh:
        for chunk in read_chunks(fh, path, limit, "data file"):
            h.update(chunk)
    return h.hexdigest()


def verify_bytes(data: bytes, path: Path, resource: dict[str, Any]) -> None:
    digest = resource["hash"].partition(":")[2]  # read_descriptor proved it is sha256:<hex>
    actual = hashlib.sha256(data).hexdigest()
    if actual != digest:
        raise DataError(
            f"{path}: sha256 is {actual}, the package records {digest}; the file is corrupted or was edited, "
            "reinstall newsfacts (or run `newsfacts build` in a checkout)"
        )


class _Plan:
    """How one schema's columns become pandas columns: built once per schema, reused by every load."""

    def __init__(self, schema: dict[str, Any]):
        import pyarrow as pa

        self.names = [f["name"] for f in schema["fields"]]
        self.arrow = pa.schema([pa.field(f["name"], arrow_type(f)) for f in schema["fields"]])
        self.enums = {f["name"]: pa.array(enum_of(f), type=pa.string()) for f in schema["fields"]
                      if f["type"] == "string" and enum_of(f)}
        self.lists = [f["name"] for f in schema["fields"] if f["type"] == "list"]
        self.plain = [n for n in self.names if n not in self.lists]  # what pandas converts; lists are split here


_PLANS: dict[int, tuple[dict[str, Any], _Plan]] = {}


def _plan(schema: dict[str, Any]) -> _Plan:
    hit = _PLANS.get(id(schema))
    if hit is None or hit[0] is not schema:
        hit = (schema, _Plan(schema))
        _PLANS[id(schema)] = hit
    return hit[1]


def _types_mapper() -> Any:
    import pandas as pd
    import pyarrow as pa

    # Nullable pandas dtypes straight from Arrow: no float detour for integers with nulls.
    mapping = {pa.int64(): pd.Int64Dtype(), pa.string(): pd.StringDtype(), pa.large_string(): pd.StringDtype(),
               pa.bool_(): pd.BooleanDtype(), pa.float64(): pd.Float64Dtype()}
    return mapping.get


def enum_columns(table: Any, schema: dict[str, Any], source: Path) -> dict[str, Any]:
    """The table's columns and types checked against the schema, and each enum column as a
    dictionary column over exactly the schema's values; a DataError names what is wrong."""
    import pyarrow as pa
    import pyarrow.compute as pc

    plan = _plan(schema)
    if table.schema.names != plan.names:
        raise DataError(f"{source}: columns {table.schema.names} differ from the schema's {plan.names}; {REINSTALL}")
    if table.schema.types != plan.arrow.types:
        raise DataError(f"{source}: column types {[str(t) for t in table.schema.types]} differ from the schema's; {REINSTALL}")
    cols = {}
    for name, values in plan.enums.items():
        col = table[name]
        idx = pc.index_in(col, value_set=values)
        if idx.null_count != col.null_count:
            bad = pc.filter(col, pc.and_(pc.is_valid(col), pc.is_null(idx)))[0].as_py()
            raise DataError(f"{source}: column {name} holds {str(bad)[:60]!r}, which is not one of {values.to_pylist()}; {REINSTALL}")
        cols[name] = pa.chunked_array([pa.DictionaryArray.from_arrays(chunk, values) for chunk in idx.chunks],
                                      type=pa.dictionary(pa.int32(), pa.string()))
    return cols


def to_frame(table: Any, schema: dict[str, Any], source: Path) -> "pd.DataFrame":
    """An Arrow table read with the schema's types -> the DataFrame `load` returns: enums as
    categoricals with exactly the schema's categories (a value outside them is a DataError,
    never a silent NaN), lists split into Python lists, dates as datetime64[ms]."""
    import pandas as pd
    import pyarrow as pa

    plan = _plan(schema)
    cols = enum_columns(table, schema, source)
    # List columns are made below, so pandas is not asked to convert them first; one thread,
    # because starting threads costs more than converting these tables (about 2x, benchmarks/).
    table_plain = pa.table({n: cols.get(n, table[n]) for n in plan.plain}) if (cols or plan.lists) else table
    frame = table_plain.to_pandas(types_mapper=_types_mapper(), date_as_object=False, use_threads=False)
    if plan.lists:
        # Thousands of small lists of strings: none can be part of a cycle, so the cyclic garbage
        # collector, which would otherwise walk every object of the process several times over
        # while they are made, is paused (this halves the load of a table with list columns).
        paused = gc.isenabled()
        gc.disable()
        try:
            for name in plan.lists:
                cells = table[name].to_numpy(zero_copy_only=False)  # a null cell is None: an empty list
                frame.insert(plan.names.index(name), name,
                             pd.Series([s.split(LIST_DELIMITER) if s else [] for s in cells], index=frame.index, dtype=object))
        finally:
            if paused:
                gc.enable()
    return frame


def _parse(data: bytes, format: str, schema: dict[str, Any], path: Path) -> Any:
    import pyarrow as pa

    from .safeio import MAX_TABLE_ROWS

    if format == "parquet":
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(pa.BufferReader(data))
        if pf.metadata.num_rows > MAX_TABLE_ROWS:
            raise DataError(f"{path}: holds {pf.metadata.num_rows:,} rows; a table is limited to {MAX_TABLE_ROWS:,}")
        # Threads pay for themselves past a few thousand rows (2 cores: 4.5 vs 5.8 ms on 9,000
        # events); below that their start-up costs more than they save (1.7 vs 6.9 ms on a small file).
        return pf.read(use_threads=pf.metadata.num_rows > THREADED_ROWS)
    import pyarrow.csv as pacsv

    if data.count(b"\n") > MAX_TABLE_ROWS + 1:
        raise DataError(f"{path}: holds more than {MAX_TABLE_ROWS:,} rows; a table is limited to {MAX_TABLE_ROWS:,}")
    if data.startswith(b"\xef\xbb\xbf"):
        raise DataError(f"{path}: starts with a byte-order mark; {REINSTALL}")
    return pacsv.read_csv(pa.BufferReader(data), convert_options=csv_convert_options(schema),
                          read_options=pacsv.ReadOptions(use_threads=False))


def csv_convert_options(schema: dict[str, Any]) -> Any:
    """How a CSV's cells become the schema's Arrow types (`load`, and validation's streamed reads)."""
    import pyarrow.csv as pacsv

    return pacsv.ConvertOptions(column_types=_plan(schema).arrow, null_values=[""], strings_can_be_null=True,
                                true_values=["true"], false_values=["false"])


def _load_once(table: str, format: str, verify: bool, root: str | Path | None,
               shipped: dict[str, dict[str, Any]] | None) -> "pd.DataFrame":
    return to_frame(*read_arrow(table, format, verify, root, shipped))


def read_arrow(table: str, format: str, verify: bool, root: str | Path | None,
               shipped: dict[str, dict[str, Any]] | None) -> tuple[Any, dict[str, Any], Path]:
    """(Arrow table read with the schema's types, the schema, the file's path): what `load`
    turns into a DataFrame, and what validation compares CSV with Parquet on."""
    from .closure import open_resource
    from .safeio import MAX_DATA_FILE_BYTES

    descriptor = read_descriptor(root, shipped)
    resource = find_resource(descriptor, table, format)
    base = datapackage_path(root).parent
    path = base / resource["path"]
    data = open_resource(base, resource, MAX_DATA_FILE_BYTES)
    if verify:
        verify_bytes(data, path, resource)
    schema = (shipped or shipped_schemas())[table]  # read_descriptor proved the descriptor's equals it
    try:
        arrow = _parse(data, format, schema, path)
    except DataError:
        raise
    except Exception as exc:  # pyarrow raises many types for a damaged file
        raise DataError(f"{path}: cannot be read as {format} ({type(exc).__name__}: {str(exc)[:200]}); reinstall or rebuild") from None
    return arrow, schema, path


def load(table: str, format: Format = "parquet", *, verify: bool = True, root: str | Path | None = None,
         articles: "Iterable[str] | None" = None) -> "pd.DataFrame":
    """One table as a DataFrame with dtypes from its schema.

    verify=True (the default) checks the file's sha256 against datapackage.json first,
    so a corrupted installed file is an error, never a silently wrong frame.
    A truncated or unreadable file is a DataError whatever `verify` says.
    articles: keep only the rows of these article ids (for event_links, links that
    touch any of them); an id the package does not hold is a KeyError.
    A publish that swaps the files while they are read is detected and the read repeated.
    root may also be the folder of a machine-drafted corpus (`newsfacts draft-corpus --out`):
    the table's rows from every partition (Parquet only), with its `month` column.
    """
    if _is_corpus(root):
        if format != "parquet":
            raise ValueError(f"a machine-drafted corpus is Parquet only, not {format!r}")
        return _corpus_module().load(table, root, verify=verify, articles=articles)
    frame = load_with(table, format, verify, root, None)
    return frame if articles is None else _only(frame, articles, root)


def load_with(table: str, format: str, verify: bool, root: str | Path | None,
              shipped: dict[str, dict[str, Any]] | None) -> "pd.DataFrame":
    """`load` against given schemas (validation of a build's staging folder passes the build's own)."""
    from .journal import generation

    base = datapackage_path(root).parent
    for attempt in range(3):
        before = generation(base)
        try:
            frame = _load_once(table, format, verify, root, shipped)
            break
        except DataError:
            if attempt == 2 or generation(base) == before:
                raise
    return frame


def _only(frame: "pd.DataFrame", articles: "Iterable[str]", root: str | Path | None) -> "pd.DataFrame":
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


def _csv_resource(resource: dict[str, Any], root: str | Path | None, header: list[str] | None) -> list[dict[str, str]]:
    import csv
    import io

    from .closure import open_resource
    from .safeio import MAX_DATA_FILE_BYTES

    base = datapackage_path(root).parent
    path = base / resource["path"]
    data = open_resource(base, resource, MAX_DATA_FILE_BYTES)
    try:
        rows = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
        got = next(rows, [])
        if header is not None and got != header:
            raise DataError(f"{path}: its header {got[:4]}… is not the schema's columns; {REINSTALL}")
        return [dict(zip(got, r)) for r in rows]
    except (UnicodeDecodeError, csv.Error) as exc:
        raise DataError(f"{path}: cannot be read as CSV ({type(exc).__name__}); {REINSTALL}") from None


def csv_rows(table: str, root: str | Path | None = None) -> list[dict[str, str]]:
    """A table's CSV as plain rows (no pandas needed), header checked against the schema."""
    resource = find_resource(read_descriptor(root), table, "csv")
    return _csv_resource(resource, root, [f["name"] for f in shipped_schemas()[table]["fields"]])


def csv_codelist(name: str, root: str | Path | None = None) -> list[dict[str, str]]:
    """A shipped code list's rows (code, label, description, ...); [] when the package has none of that name."""
    r = next((r for r in read_descriptor(root)["resources"] if r["name"] == f"codelist-{name}"), None)
    return [] if r is None else _csv_resource(r, root, None)


def article_ids(root: str | Path | None = None) -> list[str]:
    """The article ids of the package (from the articles CSV, no pandas needed)."""
    return [r["article_id"] for r in csv_rows("articles", root)]


def article_text(article_id: str, root: str | Path | None = None, *, verify: bool = True) -> str:
    """The verbatim text of one article, the string every offset of its rows indexes.

    Read from the package's described text resource (never from a path a table row gives),
    checked against its sha256 unless verify=False."""
    from .closure import open_resource
    from .safeio import MAX_TEXT_CHARS

    desc = read_descriptor(root)
    r = next((r for r in desc["resources"] if r["name"] == f"text-{article_id}"), None)
    if r is None:
        raise KeyError(f"no article {article_id!r} in the package; articles: {', '.join(article_ids(root))}")
    base = datapackage_path(root).parent
    data = open_resource(base, r, MAX_TEXT_CHARS * 4)
    if verify:
        verify_bytes(data, base / r["path"], r)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(f"{base / r['path']}: is not UTF-8 (byte {exc.start}); {REINSTALL}") from None


def load_all(format: Format = "parquet", *, verify: bool = True, root: str | Path | None = None,
             articles: "Iterable[str] | None" = None) -> dict[str, "pd.DataFrame"]:
    """Every table, by name (optionally only the rows of some articles), all from one publish:
    a build that publishes while they are read makes the whole set be read again."""
    return snapshot(lambda: {t: load(t, format, verify=verify, root=root, articles=articles) for t in tables(root)}, root)


SNAPSHOT_TRIES = 5


def snapshot(read: "Callable[[], T]", root: str | Path | None = None) -> "T":
    """`read()` (several reads of one package) with the guarantee that all of it comes from one
    publish: the package's generation (its descriptor's identity, and whether a publish journal
    is there) is the same before and after, else it is read again. Each file is checked against
    the descriptor on its own; this makes the set consistent."""
    from .journal import generation, wait_until_readable

    base = datapackage_path(root).parent
    for attempt in range(SNAPSHOT_TRIES):
        try:
            wait_until_readable(base)  # a publish swapping the files now: read once it is done
        except NewsfactsError as exc:
            raise DataError(str(exc)) from None
        before = generation(base)
        try:
            result = read()
        except DataError:
            if attempt == SNAPSHOT_TRIES - 1 or generation(base) == before:
                raise
            continue
        if generation(base) == before:
            return result
    raise DataError(f"{base}: the package changed {SNAPSHOT_TRIES} times while it was read (builds publishing one after "
                    "another); read it again when they are done")
