"""benchmarks/synth.py makes corpora that stay valid at scale (the benchmarks' figures depend on it)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

from synth import PUBLISHERS, made_up_name, make_corpus  # noqa: E402


def test_names_are_letters_only_and_distinct_far_beyond_the_corpus():
    names = [made_up_name(k) for k in range(100_000)]
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"[A-Z][a-z]+", n) for n in names)  # never a digit a date reader could take for a year


def test_three_thousand_articles_build(tmp_path):
    """Above 2,000 copies the old generator glued numbers to names ("Ivanove2084") and the
    build failed on an inferred year; this corpus varies names, years and publishers."""
    import newsfacts
    from newsfacts.pipeline import build

    root = make_corpus(tmp_path / "corpus", 3000)
    result = build(root, validate=False)
    assert not result.findings
    articles = newsfacts.load("articles", root=root)
    assert len(articles) == 3000
    assert set(PUBLISHERS) <= set(articles["publisher"])
    years = set(articles["publication_date"].dt.year)
    assert len(years) >= 6  # four real years, each shifted by whole 28-year calendar cycles
    events = newsfacts.load("events", root=root)
    assert events["event_id"].is_unique and len(events) > 3000 * 5
