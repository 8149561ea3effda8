"""Named zones of agreements and operations, drawn from their defining terms.

Each zone in ``data/control/agreements.json`` names a *recipe* and the places,
borders and distances its text uses; the geometry is computed here, so a better
gazetteer position or border line improves the zone without editing shapes:

``border_strip``
    a strip ``depth_km`` deep south of a border, between the meridians of two
    places (Operation Peace Spring: Tal Abyad to Ras al-Ayn, 30 km).
``road_corridor``
    ``half_width_km`` either side of a road between two places (the M4
    corridor of the Moscow protocol). The road comes from the basemap's
    ``roads`` layer when present, else from the towns it passes.
``circle``
    ``radius_km`` around a place (al-Tanf, 55 km).
``inner_band``
    a band ``depth_km`` deep inside the pocket held by ``inside`` factions on
    day ``on``, along its contact line with ``against`` factions (the Sochi
    demilitarised zone around Idlib).
``held_area``
    the ground ``inside`` factions held on day ``on`` within ``radius_km`` of a
    place (the Astana de-escalation zones of May 2017).

Distances are measured in UTM zone 37N, which spans Syria with small error.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
import shapely.ops
from shapely.geometry import LineString, Point, box
from shapely.geometry.base import BaseGeometry

from geo import DATA
from geo.control import DayLike, iso_day
from geo.errors import GeoError, ZoneError
from geo.style import FACTIONS

log = logging.getLogger(__name__)

AGREEMENTS_JSON: Path = DATA / "control" / "agreements.json"
METRIC_CRS = "EPSG:32637"
COLUMNS = ["faction", "zone_type", "name", "valid_from", "valid_to", "source", "text", "approximate"]


def _to_metric(geom: BaseGeometry) -> BaseGeometry:
    return gpd.GeoSeries([geom], crs="EPSG:4326").to_crs(METRIC_CRS).iloc[0]


def _to_lonlat(geom: BaseGeometry) -> BaseGeometry:
    return gpd.GeoSeries([geom], crs=METRIC_CRS).to_crs("EPSG:4326").iloc[0]


def _buffer_km(geom: BaseGeometry, km: float) -> BaseGeometry:
    """Buffer a lon/lat geometry by ``km`` kilometres (in UTM 37N), returned in lon/lat."""
    return _to_lonlat(_to_metric(geom).buffer(km * 1000.0, quad_segs=16))


class Context:
    """What the recipes read: gazetteer, outline, countries, roads, control polygons.

    Everything is injected so tests can hand in small stand-ins; the defaults
    read the shipped gazetteer, basemap and control table.
    """

    def __init__(self, gazetteer=None, outline: BaseGeometry | None = None,
                 countries: gpd.GeoDataFrame | None = None, roads: gpd.GeoDataFrame | None = None,
                 control: Callable[[str], gpd.GeoDataFrame] | None = None) -> None:
        self._gazetteer, self._outline, self._countries = gazetteer, outline, countries
        self._roads, self._control = roads, control

    @functools.cached_property
    def gazetteer(self):
        if self._gazetteer is not None:
            return self._gazetteer
        from geo.control import shared_gazetteer

        try:
            return shared_gazetteer()
        except GeoError as err:  # the recipes fall back on each place's own lat/lon
            log.warning("gazetteer unavailable, using the coordinates in agreements.json: %s", err)
            return None

    @functools.cached_property
    def outline(self) -> BaseGeometry:
        if self._outline is not None:
            return self._outline
        from geo.basemap import syria_outline

        return syria_outline()

    @functools.cached_property
    def countries(self) -> gpd.GeoDataFrame:
        if self._countries is not None:
            return self._countries
        from geo.basemap import layer

        return layer("countries")

    @functools.cached_property
    def roads(self) -> gpd.GeoDataFrame | None:
        if self._roads is not None:
            return self._roads
        from geo.basemap import BasemapError, layer

        try:
            return layer("roads")
        except BasemapError as err:
            log.info("no basemap roads (%s); roads are drawn through the towns they pass", err)
            return None

    def control(self, day: str) -> gpd.GeoDataFrame:
        if self._control is not None:
            return self._control(day)
        from geo.zones import control_zones

        return control_zones(day)

    def point(self, spec: dict, where: str) -> Point:
        """A place of the recipe: the gazetteer's position when it has the id, else the given lat/lon."""
        gid = spec.get("gazetteer_id")
        place = self.gazetteer.get(gid) if gid and self.gazetteer is not None else None
        if place is not None:
            return Point(float(place.lon), float(place.lat))
        if "lat" in spec and "lon" in spec:
            return Point(float(spec["lon"]), float(spec["lat"]))
        raise ZoneError(f"{where}: place {spec.get('name') or gid!r} has no gazetteer entry and no lat/lon")


def border_strip(zone: dict, ctx: Context, where: str) -> BaseGeometry:
    """Land within ``depth_km`` of the border with ``zone['border']``, between two meridians."""
    iso = zone["border"]
    other = ctx.countries[ctx.countries["iso_a2"] == iso]
    if other.empty:
        raise ZoneError(f"{where}: no country {iso!r} in the basemap's countries layer")
    west, east = ctx.point(zone["west"], where), ctx.point(zone["east"], where)
    lon0, lon1 = sorted((west.x, east.x))
    band = box(lon0, -90, lon1, 90)
    # Only the stretch of border near the band matters; buffering all of it is slow.
    near = box(lon0 - 1.0, -90, lon1 + 1.0, 90)
    border = ctx.outline.boundary.intersection(other.geometry.union_all().buffer(0.01)).intersection(near)
    return ctx.outline.intersection(band).intersection(_buffer_km(border, float(zone["depth_km"])))


def _road_line(zone: dict, ctx: Context, where: str) -> BaseGeometry:
    roads = ctx.roads
    ref = zone["road"]
    if roads is not None and not roads.empty:
        labels = [c for c in ("ref", "name") if c in roads.columns]
        text = pd.Series([" ".join(str(v) for v in row if pd.notna(v)) for row in roads[labels].to_numpy()],
                         index=roads.index, dtype=object)
        mine = roads[text.str.contains(rf"\b{ref}\b", regex=True)]
        if not mine.empty:
            merged = shapely.union_all(mine.geometry.values)
            return shapely.line_merge(merged) if merged.geom_type == "MultiLineString" else merged
    points = [ctx.point(p, where) for p in zone["fallback_line"]]
    return LineString(points)


def road_corridor(zone: dict, ctx: Context, where: str) -> BaseGeometry:
    """``half_width_km`` either side of the road, cut between the ``from`` and ``to`` places."""
    line = _road_line(zone, ctx, where)
    start, end = ctx.point(zone["from"], where), ctx.point(zone["to"], where)
    if line.geom_type == "MultiLineString":  # keep the stretch that passes nearest both ends
        line = min(line.geoms, key=lambda g: g.distance(start) + g.distance(end))
    a, b = sorted((line.project(start), line.project(end)))
    piece = shapely.ops.substring(line, a, b)
    if piece.length == 0:
        raise ZoneError(f"{where}: {zone['from'].get('name')} and {zone['to'].get('name')} project onto "
                        "the same point of the road")
    return ctx.outline.intersection(_buffer_km(piece, float(zone["half_width_km"])))


def circle(zone: dict, ctx: Context, where: str) -> BaseGeometry:
    """Land within ``radius_km`` of the ``center`` place."""
    return ctx.outline.intersection(_buffer_km(ctx.point(zone["center"], where), float(zone["radius_km"])))


def inner_band(zone: dict, ctx: Context, where: str) -> BaseGeometry:
    """A band inside the pocket of ``inside`` factions along its front with ``against`` factions."""
    polys = ctx.control(iso_day(zone["on"]))
    held = polys[polys["faction"].isin(zone["inside"])].geometry.union_all()
    seed = ctx.point(zone["seed"], where)
    pockets = [g for g in shapely.get_parts(held) if g.distance(seed) < 0.05]
    if not pockets:
        raise ZoneError(f"{where}: no {zone['inside']} ground near {zone['seed'].get('name')} "
                        f"on {zone['on']}")
    pocket = pockets[0]
    enemy = polys[polys["faction"].isin(zone["against"])].geometry.union_all()
    front = pocket.boundary.intersection(enemy.buffer(0.005))
    if front.is_empty:
        raise ZoneError(f"{where}: the pocket has no front with {zone['against']} on {zone['on']}")
    return pocket.intersection(_buffer_km(front, float(zone["depth_km"])))


def held_area(zone: dict, ctx: Context, where: str) -> BaseGeometry:
    """Ground held by ``inside`` factions on day ``on`` within ``radius_km`` of the ``seed`` place."""
    polys = ctx.control(iso_day(zone["on"]))
    held = polys[polys["faction"].isin(zone["inside"])].geometry.union_all()
    area = held.intersection(_buffer_km(ctx.point(zone["seed"], where), float(zone["radius_km"])))
    if area.is_empty:
        raise ZoneError(f"{where}: no {zone['inside']} ground within {zone['radius_km']} km of "
                        f"{zone['seed'].get('name')} on {zone['on']}")
    return area


RECIPES: dict[str, Callable[[dict, Context, str], BaseGeometry]] = {
    "border_strip": border_strip, "road_corridor": road_corridor, "circle": circle, "inner_band": inner_band,
    "held_area": held_area,
}


def _check(zone: dict, where: str) -> None:
    if zone.get("recipe") not in RECIPES:
        raise ZoneError(f"{where}: recipe should be one of {sorted(RECIPES)}, got {zone.get('recipe')!r}")
    if zone.get("faction") not in FACTIONS:
        raise ZoneError(f"{where}: unknown faction {zone.get('faction')!r}")
    start = iso_day(zone.get("valid_from", ""), f"{where}: valid_from")
    if zone.get("valid_to") and iso_day(zone["valid_to"], f"{where}: valid_to") <= start:
        raise ZoneError(f"{where}: valid_to {zone['valid_to']} is not after valid_from {start}")


def build_agreements(path: Path | str | None = None, ctx: Context | None = None) -> gpd.GeoDataFrame:
    """Compute every agreement zone of the file (all dates).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns faction, zone_type (``agreement``), name, valid_from, valid_to,
        source, text, approximate, geometry (EPSG:4326).

    Raises
    ------
    ZoneError
        Naming the zone when its recipe, faction, dates or places are unusable.
    """
    path = Path(path) if path else AGREEMENTS_JSON
    ctx = ctx or Context()
    try:
        zones = json.loads(path.read_text(encoding="utf-8"))["zones"]
    except (OSError, ValueError, KeyError) as err:
        raise ZoneError(f"{path}: cannot read agreement zones: {err}") from err
    rows = []
    for i, zone in enumerate(zones):
        where = f"{path.name} zone {i} ({zone.get('name', 'unnamed')})"
        _check(zone, where)
        geom = shapely.make_valid(RECIPES[zone["recipe"]](zone, ctx, where))
        rows.append({"faction": zone["faction"], "zone_type": "agreement", "name": zone["name"],
                     "valid_from": iso_day(zone["valid_from"]), "valid_to": zone.get("valid_to") or "",
                     "source": zone.get("source", ""), "text": zone.get("text", ""),
                     "approximate": bool(zone.get("approximate")), "geometry": geom})
    return gpd.GeoDataFrame(rows, columns=[*COLUMNS, "geometry"], geometry="geometry", crs="EPSG:4326")


@functools.lru_cache(maxsize=2)
def _shipped(mtime: float) -> gpd.GeoDataFrame:
    return build_agreements()


def agreement_zones(day: DayLike | None = None) -> gpd.GeoDataFrame:
    """The shipped agreement zones in force on ``day`` (all of them when ``day`` is None).

    Computed once per process (and again if the file changes).
    """
    zones = _shipped(AGREEMENTS_JSON.stat().st_mtime)
    if day is None:
        return zones.copy()
    day = iso_day(day)
    ends = zones["valid_to"].replace("", "9999-12-31")
    return zones[(zones["valid_from"] <= day) & (pd.Series(day, index=zones.index) < ends)].copy()
