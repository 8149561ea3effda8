"""The offline basemap: shipped vector layers drawn under events and zones.

The layers are GeoJSON files in ``data/basemap/`` built by
``scripts/build_basemap.py`` (sources and licences in ``data/README.md``).
Nothing here touches the network.

Natural Earth draws countries *de facto*: the Israeli-administered part of
the Golan Heights lies in Israel's polygon, so :func:`syria_outline` leaves it
out (Quneitra town itself is inside).
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

import geopandas as gpd
from shapely.geometry.base import BaseGeometry

from geo import DATA
from geo.errors import GeoError

log = logging.getLogger(__name__)

BASEMAP_DIR: Path = DATA / "basemap"

#: Layer keys in drawing order (bottom first).
LAYERS: tuple[str, ...] = ("countries", "governorates", "rivers", "roads", "towns")

#: Default view around Syria and its neighbours (lon_min, lat_min, lon_max, lat_max).
REGION_BOUNDS: tuple[float, float, float, float] = (24.0, 26.0, 52.0, 44.0)


class BasemapError(GeoError, OSError):
    """A shipped basemap file is missing or unreadable (re-run the build script)."""


@functools.lru_cache(maxsize=len(LAYERS))
def _read_layer(name: str) -> gpd.GeoDataFrame:
    path = BASEMAP_DIR / f"{name}.geojson"
    if not path.is_file():
        raise BasemapError(
            f"basemap layer {name!r} not found at {path}; rebuild it with "
            "'.venv/bin/python scripts/build_basemap.py'"
        )
    try:
        gdf = gpd.read_file(path)
    except Exception as err:  # pyogrio raises several unrelated types
        raise BasemapError(f"{path}: cannot read basemap layer: {err}") from err
    if gdf.crs is None:
        gdf = gdf.set_crs(4326)
    gdf = gdf.to_crs(4326)
    if "name" not in gdf.columns:
        raise BasemapError(f"{path}: basemap layer has no 'name' column")
    return gdf


def layer(name: str) -> gpd.GeoDataFrame:
    """One basemap layer as a GeoDataFrame in EPSG:4326.

    Parameters
    ----------
    name : str
        One of :data:`LAYERS`.

    Returns
    -------
    geopandas.GeoDataFrame
        A copy (callers may modify it freely); has a ``name`` column.

    Raises
    ------
    ValueError
        If ``name`` is not a known layer.
    BasemapError
        If the shipped file is missing or unreadable.
    """
    if name not in LAYERS:
        raise ValueError(f"basemap layer should be one of {list(LAYERS)}, got {name!r} instead")
    return _read_layer(name).copy()


def layers() -> dict[str, gpd.GeoDataFrame]:
    """All basemap layers, keyed as in :data:`LAYERS` (copies, EPSG:4326).

    Layers whose file is missing are skipped with a warning, so a partial
    basemap still draws; :func:`layer` raises instead.
    """
    out: dict[str, gpd.GeoDataFrame] = {}
    for name in LAYERS:
        try:
            out[name] = layer(name)
        except BasemapError as err:
            log.warning("%s", err)
    return out


@functools.lru_cache(maxsize=1)
def _syria() -> BaseGeometry:
    countries = _read_layer("countries")
    rows = countries[countries["iso_a2"] == "SY"]
    if rows.empty:
        raise BasemapError(f"{BASEMAP_DIR / 'countries.geojson'}: no feature with iso_a2 'SY'")
    return rows.geometry.union_all()


def syria_outline() -> BaseGeometry:
    """Syria's land outline (shapely Polygon or MultiPolygon, lon/lat WGS84).

    From Natural Earth 10m (de facto borders, see the module docstring).
    Shapely geometries are immutable, so the cached object is safe to share.
    """
    return _syria()


def region_bounds() -> tuple[float, float, float, float]:
    """The basemap's extent ``(lon_min, lat_min, lon_max, lat_max)``."""
    return REGION_BOUNDS


def syria_bounds() -> tuple[float, float, float, float]:
    """Syria's bounding box ``(lon_min, lat_min, lon_max, lat_max)``: a good default view."""
    return tuple(float(v) for v in syria_outline().bounds)  # type: ignore[return-value]
