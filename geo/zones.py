"""Control zones for a date, drawn from the dated settlement table.

Each settlement (anchor) in force on the day claims its Voronoi cell; cells are
dissolved by faction and clipped to Syria's land outline. So the map follows
the data: change one town's row in ``data/control/control.csv`` and its cell
changes hands. Enclaves come out by themselves (a government security square
inside SDF ground is just a government anchor surrounded by SDF anchors).

Agreement zones (:mod:`geo.agreements`) are added on top, and the analyst's own
zones (:func:`load_user_zones`) take precedence over the shipped control.
:func:`control_on`, :func:`changes_between` and :func:`history_of` (the
per-settlement table of a day, what changed between two days, and one town's
holders over time) come from :mod:`geo.control`.
"""

from __future__ import annotations

import functools
import json
import logging
import math
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import box, mapping, shape
from shapely.geometry.base import BaseGeometry

from geo import control
from geo.control import OPEN_END, DayLike, changes_between, control_on, history_of, iso_day
from geo.errors import ExportError, ZoneError
from geo.style import FACTIONS, faction_label

__all__ = ["ZONE_COLUMNS", "ZONE_TYPES", "changes_between", "control_on", "control_zones", "export_geojson",
           "history_of", "load_user_zones", "overlay_user_zones", "syria_outline", "tessellate", "to_geojson",
           "zones_on"]

log = logging.getLogger(__name__)

ZONE_COLUMNS: list[str] = ["faction", "zone_type", "name", "valid_from", "valid_to", "source"]
ZONE_TYPES: tuple[str, ...] = ("control", "agreement")
#: Voronoi is drawn in a plane where a degree of longitude is shortened by
#: cos(35 N), so cells are not stretched east-west across Syria's latitudes.
_X_SCALE = math.cos(math.radians(35.0))


def syria_outline() -> BaseGeometry:
    """Syria's land outline from the shipped basemap (the clip of every control zone)."""
    from geo.basemap import syria_outline as outline

    return outline()


def _to_plane(coords: np.ndarray) -> np.ndarray:
    return coords * np.array([_X_SCALE, 1.0])


def _from_plane(coords: np.ndarray) -> np.ndarray:
    return coords / np.array([_X_SCALE, 1.0])


def tessellate(points: pd.DataFrame, outline: BaseGeometry) -> gpd.GeoDataFrame:
    """Dissolved Voronoi territory of each faction, clipped to ``outline``.

    Parameters
    ----------
    points : pandas.DataFrame
        Columns lon, lat, faction (one row per anchor).
    outline : shapely geometry
        The land to share out (lon/lat).

    Returns
    -------
    geopandas.GeoDataFrame
        One row per faction present (columns faction, count, geometry), the
        polygons valid, disjoint, and together covering ``outline``.
    """
    if points.empty:
        return gpd.GeoDataFrame({"faction": [], "count": []}, geometry=[], crs="EPSG:4326")
    xy = points[["lon", "lat"]].to_numpy(dtype=float)
    # Two anchors on one spot would make Voronoi drop one silently: keep the first, say so.
    _, first = np.unique(np.round(xy, 5), axis=0, return_index=True)
    if len(first) < len(xy):
        dropped = points.drop(points.index[np.sort(first)])
        log.warning("anchors on the same spot as another, ignored: %s",
                    ", ".join(dropped["name"].astype(str)))
    keep = np.sort(first)
    xy, factions = xy[keep], points["faction"].to_numpy()[keep]
    plane = _to_plane(xy)
    frame = box(*shapely.transform(outline, _to_plane).bounds).buffer(5.0, join_style="mitre")
    if len(plane) == 1:
        cells = np.array([frame])
    else:
        cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(plane), extend_to=frame,
                                                           ordered=True))
    rows = []
    for faction in pd.unique(factions):
        mine = cells[factions == faction]
        territory = shapely.transform(shapely.union_all(mine), _from_plane)
        clipped = shapely.make_valid(shapely.intersection(territory, outline))
        clipped = _polygonal(clipped)
        if not clipped.is_empty:
            rows.append({"faction": faction, "count": int(len(mine)), "geometry": clipped})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Only the areal parts of ``geom`` (clipping can leave slivers of lines or points)."""
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    if not parts:
        return shapely.Polygon()
    return shapely.union_all(parts) if len(parts) > 1 else parts[0]


@functools.lru_cache(maxsize=64)
def _control_period(path: str, version: tuple, start: str, end: str) -> gpd.GeoDataFrame:
    """Control polygons of one unchanging period (cache key: the table's version and the period)."""
    table = control.control_table(path)
    before_any = start == control.BEFORE_ANY  # nothing is known before the first row
    rows = table.iloc[0:0] if before_any else control.rows_on(table, start)
    cells = tessellate(rows, syria_outline())
    names = [f"{faction_label(f)} ({n} places)" for f, n in zip(cells.faction, cells["count"], strict=True)]
    out = gpd.GeoDataFrame({
        "faction": cells["faction"],
        "zone_type": "control",
        "name": names,
        "valid_from": "" if before_any else start,
        "valid_to": end if end != OPEN_END else "",
        "source": f"{Path(path).name}: Voronoi cells of the settlements held on the day",
    }, geometry=cells.geometry.values, crs="EPSG:4326")
    return out


def control_zones(day: DayLike, path: Path | str | None = None) -> gpd.GeoDataFrame:
    """Territorial control polygons on ``day`` (one per faction, zone_type ``control``).

    ``valid_from``/``valid_to`` give the span in which no settlement changed
    hands, so every day of that span shares the same (cached) polygons.
    """
    path = Path(path) if path else control.CONTROL_CSV
    table = control.control_table(path)
    start, end = control.period_of(table, day)
    return _control_period(str(path), control.table_version(path), start, end).copy()


def zones_on(day: DayLike, user_zones: gpd.GeoDataFrame | None = None,
             control_path: Path | str | None = None) -> gpd.GeoDataFrame:
    """All zones in force on ``day``: control polygons, then agreement zones.

    Parameters
    ----------
    day : str or datetime.date
        ``YYYY-MM-DD``.
    user_zones : geopandas.GeoDataFrame, optional
        The analyst's zones (see :func:`load_user_zones`); those in force on
        ``day`` replace the shipped control wherever they lie.
    control_path : path, optional
        Another control table (same columns as ``data/control/control.csv``),
        e.g. an edited copy; the shipped one by default.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns faction, zone_type, name, valid_from, valid_to, source, text
        (an agreement's defining terms; empty for control), geometry
        (EPSG:4326). ``valid_to`` is empty when open-ended. Control polygons of
        one day are valid and disjoint and cover Syria's land.
    """
    from geo.agreements import agreement_zones

    day = iso_day(day)
    shipped = control_zones(day, control_path)
    if control_path is None and day > control.CURATED_UNTIL:
        # Say so on the map's own data: later changes of hands are not in the shipped table.
        note = f" (curated to {control.CURATED_UNTIL}; later changes not included)"
        shipped["source"] = shipped["source"] + note
    if user_zones is not None and not user_zones.empty:
        shipped = overlay_user_zones(shipped, user_zones, day)
    agreements = agreement_zones(day)
    frames = [f for f in (shipped, agreements) if not f.empty]
    columns = [*ZONE_COLUMNS, "text", "geometry"]
    if not frames:
        return gpd.GeoDataFrame(columns=columns, geometry="geometry", crs="EPSG:4326")
    out = pd.concat(frames, ignore_index=True)
    out["text"] = out["text"].fillna("") if "text" in out else ""
    return gpd.GeoDataFrame(out[columns], geometry="geometry", crs="EPSG:4326")


def _in_force(frame: gpd.GeoDataFrame, day: str) -> gpd.GeoDataFrame:
    ends = frame["valid_to"].fillna("").replace("", OPEN_END)
    return frame[(frame["valid_from"] <= day) & (day < ends)]


def overlay_user_zones(shipped: gpd.GeoDataFrame, user: gpd.GeoDataFrame, day: str) -> gpd.GeoDataFrame:
    """Let the analyst's zones in force on ``day`` take precedence over ``shipped``.

    User control zones are clipped to Syria and cut out of every shipped
    control polygon; a later feature of the user file wins over an earlier one
    where they overlap, so the result stays a partition. User agreement zones
    are simply added.
    """
    mine = _in_force(user, day)
    if mine.empty:
        return shipped
    outline = syria_outline()
    ctrl = mine[mine["zone_type"] == "control"]
    taken = shapely.Polygon()
    claimed = []
    for row in reversed(list(ctrl.itertuples(index=False))):  # last feature first: it wins
        geom = _polygonal(shapely.difference(shapely.intersection(row.geometry, outline), taken))
        taken = shapely.union(taken, geom)
        if not geom.is_empty:
            claimed.append({**{c: getattr(row, c) for c in [*ZONE_COLUMNS, "text"]}, "geometry": geom})
    kept = shipped.copy()
    is_ctrl = kept["zone_type"] == "control"
    kept.loc[is_ctrl, "geometry"] = [_polygonal(shapely.difference(g, taken))
                                     for g in kept.loc[is_ctrl, "geometry"]]
    kept = kept[~kept.geometry.is_empty]
    extra = mine[mine["zone_type"] != "control"]
    parts = [kept, gpd.GeoDataFrame(list(reversed(claimed)), geometry="geometry", crs="EPSG:4326")
             if claimed else None, extra[[*ZONE_COLUMNS, "text", "geometry"]] if not extra.empty else None]
    out = pd.concat([p for p in parts if p is not None], ignore_index=True)
    return gpd.GeoDataFrame(out, geometry="geometry", crs="EPSG:4326")


def _faction_key(value: object) -> str:
    """A faction key from what a user file may say: the key in any case, or the label."""
    text = str(value or "").strip()
    key = text.lower().replace(" ", "_").replace("-", "_")
    if key in FACTIONS:
        return key
    by_label = {label.lower(): k for k, (label, _) in FACTIONS.items()}
    return by_label.get(text.lower(), text)


def _user_feature(feature: dict, where: str) -> dict:
    """Validate one user GeoJSON feature; raise ZoneError naming it."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise ZoneError(f"{where}: not a GeoJSON Feature")
    props = feature.get("properties") or {}
    label = f"{where} ({props.get('name') or 'unnamed'})"
    faction = _faction_key(props.get("faction"))
    if faction not in FACTIONS:
        raise ZoneError(f"{label}: unknown faction {faction!r}; expected one of {sorted(FACTIONS)}")
    zone_type = str(props.get("zone_type") or "control").strip()
    if zone_type not in ZONE_TYPES:
        raise ZoneError(f"{label}: zone_type should be one of {list(ZONE_TYPES)}, got {zone_type!r}")
    if not props.get("valid_from"):
        raise ZoneError(f"{label}: valid_from is missing")
    start = iso_day(props["valid_from"], f"{label}: valid_from")
    end = iso_day(props["valid_to"], f"{label}: valid_to") if props.get("valid_to") else ""
    if end and end <= start:
        raise ZoneError(f"{label}: valid_to {end} is before or on valid_from {start}")
    try:
        geom = shape(feature.get("geometry"))
    except Exception as err:  # shapely raises several types on malformed input
        raise ZoneError(f"{label}: unreadable geometry: {err}") from err
    if geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
        raise ZoneError(f"{label}: geometry should be a non-empty Polygon or MultiPolygon, "
                        f"got {geom.geom_type}")
    if not geom.is_valid:
        raise ZoneError(f"{label}: invalid geometry ({shapely.is_valid_reason(geom)})")
    lon0, lat0, lon1, lat1 = geom.bounds
    if not (-180 <= lon0 <= lon1 <= 180 and -90 <= lat0 <= lat1 <= 90):
        raise ZoneError(f"{label}: coordinates are not longitude/latitude in degrees")
    return {"faction": faction, "zone_type": zone_type,
            "name": str(props.get("name") or f"{faction_label(faction)} (user zone)"),
            "valid_from": start, "valid_to": end,
            "source": str(props.get("source") or "analyst's zones file"),
            "text": str(props.get("text") or ""), "geometry": geom}


def load_user_zones(path: Path | str) -> gpd.GeoDataFrame:
    """Read the analyst's zones (GeoJSON FeatureCollection in lon/lat).

    Each feature needs properties ``faction`` (a key of
    :data:`geo.style.FACTIONS` in any case, or its label) and ``valid_from``; ``valid_to`` (exclusive,
    empty = open), ``name``, ``source`` and ``zone_type`` (control|agreement,
    default control) are optional.

    Raises
    ------
    ZoneError
        Naming the file and the feature (index and name) when the file cannot
        be read or a feature has a bad geometry, an unknown faction or a
        valid_to not after its valid_from. Nothing is loaded then.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ZoneError(f"{path}: cannot read zones file: {err}") from err
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ZoneError(f"{path}: not a GeoJSON FeatureCollection")
    records = [_user_feature(f, f"{path.name} feature {i}") for i, f in enumerate(data.get("features") or [])]
    if not records:
        return gpd.GeoDataFrame(columns=[*ZONE_COLUMNS, "text", "geometry"], geometry="geometry",
                                crs="EPSG:4326")
    return gpd.GeoDataFrame(records, geometry="geometry", crs="EPSG:4326")


def to_geojson(zones: gpd.GeoDataFrame, precision: int = 5) -> dict:
    """A GeoJSON FeatureCollection (dict) of ``zones``: the :data:`ZONE_COLUMNS` properties (and text)."""
    features = []
    names = [c for c in [*ZONE_COLUMNS, "text"] if c in zones.columns]
    for row in zones.itertuples(index=False):
        geom = shapely.set_precision(row.geometry, 10.0 ** -precision)
        props = {c: ("" if pd.isna(getattr(row, c)) else str(getattr(row, c))) for c in names}
        features.append({"type": "Feature", "properties": props, "geometry": mapping(geom)})
    return {"type": "FeatureCollection", "features": features}


def export_geojson(zones: gpd.GeoDataFrame, path: Path | str) -> Path:
    """Write ``zones`` to ``path`` as GeoJSON (readable back by :func:`load_user_zones`)."""
    path = Path(path)
    try:
        path.write_text(json.dumps(to_geojson(zones)), encoding="utf-8")
    except OSError as err:
        raise ExportError(f"{path}: cannot write zones: {err}") from err
    return path
