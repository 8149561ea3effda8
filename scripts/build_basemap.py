"""Build the offline basemap layers in ``data/basemap/``.

Run ``.venv/bin/python scripts/build_basemap.py`` (all layers) or name some of
them: ``... build_basemap.py countries towns``. Only the npm registry is
contacted (``npm pack world-atlas``); everything else comes from installed
packages or from the hand-written fact tables in ``data/basemap/*.csv``.
The outputs are committed; nothing here runs at application run time.
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
import tempfile
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import box, mapping

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
    geoms = shapely.set_precision(gdf.geometry.values, 10.0 ** -precision, mode="pointwise")
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


# --------------------------------------------------------------------------- main

STEPS = ("countries",)


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
        if "countries" in wanted:
            countries = build_countries(fetch_world_atlas(Path(tmp)))
            write_geojson(countries, "countries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
