"""`newsfacts draft-corpus`: the draft of a whole news archive, mapped over a Dask cluster.

The stages, in the order a run meets them:
- plan.py          the run's options, and its inputs cut into slices (the client reads no text);
- read_jsonl.py,   one reader per input format: a slice's records, each checked by
  read_parquet.py, records.py (a text that cannot be drafted becomes an error row there);
  read_folder.py
- dask_map.py      the Dask client (a local cluster, or --scheduler) and the slices mapped over it;
- partition.py     one task: a slice cut into partitions of texts, each named by the hash of its
                   content, skipped when finished, otherwise drafted (`newsfacts.draft.draft_text`);
- writer.py        a partition's Parquet parts and its marker, each written whole or not at all;
- manifest.py      the folder claimed for the run, then described: schemas/, datapackage.json,
                   manifest.json, and what no longer belongs removed;
- tables.py        the corpus's schemas, derived from schemas/ and columns.json;
- dataset.py       reading it back (`newsfacts.load(table, root=DIR)`).
Dask is imported only by dask_map.py, and only when a run starts (the `scale` extra)."""
from __future__ import annotations

from .dask_map import INSTALL, ClusterError, MissingScale
from .run import Result, draft_corpus

__all__ = ["draft_corpus", "Result", "MissingScale", "ClusterError", "INSTALL"]
