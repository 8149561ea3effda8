"""The interactive folium map: offline basemap, control zones, events, legend.

Every Leaflet asset is served by the app itself (:func:`use_local_assets`):
folium's defaults point at CDNs and also pull jQuery, Bootstrap and
AwesomeMarkers, none of which this map needs. Without online tiles the map
draws the shipped vector basemap; tiles are an explicit opt-in because a tile
request tells a third party where the analyst is looking.

The map is split so the dashboard can keep it while the date slider moves:
:func:`base_map` is the static part, :func:`events_layer` and
:func:`zone_layers` are the feature groups that are swapped on each change.
:func:`build_map` assembles everything for a standalone page.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import folium
import geopandas as gpd
import pandas as pd
import shapely
from branca.element import Element

from geo.eventlayer import to_geojson
from geo.mapjs import CSS, EVENT_EACH, EVENT_POINT, TOWN_POINT, Legend, tip_each
from geo.style import AGREEMENT_COLOR, faction_color, faction_label

#: Syria and its neighbours' border areas (south, west, north, east).
SYRIA_BOUNDS = ((32.2, 35.5), (37.4, 42.5))
MAX_ZOOM = 14
#: Leaflet files copied from npm by scripts/fetch_assets.sh, served by Streamlit.
LOCAL_JS = (("leaflet", "leaflet/leaflet.js"),)
LOCAL_CSS = (("leaflet_css", "leaflet/leaflet.css"),)

_BASEMAP_STYLE = {
    "countries": {"color": "#8a8a8a", "weight": 1.2, "fillColor": "#f4f1ea", "fillOpacity": 1.0},
    "governorates": {"color": "#9a8f80", "weight": 0.8, "dashArray": "4 3", "fill": False},
    "rivers": {"color": "#5b9bd5", "weight": 1.6},
    "roads": {"color": "#b35a1f", "weight": 1.6, "dashArray": "6 3"},
}


def use_local_assets(prefix: str = "/app/static") -> None:
    """Point folium's Leaflet JS/CSS at the app's own static files.

    folium keeps its asset lists as class attributes, so this is a global,
    idempotent switch. jQuery, Bootstrap and AwesomeMarkers are dropped:
    nothing on this map uses them.

    Parameters
    ----------
    prefix
        URL prefix under which ``static/`` is served (Streamlit: ``/app/static``).
    """
    prefix = prefix.rstrip("/")
    folium.Map.default_js = [(name, f"{prefix}/{path}") for name, path in LOCAL_JS]
    folium.Map.default_css = [(name, f"{prefix}/{path}") for name, path in LOCAL_CSS]


def _tip_frame(gdf: gpd.GeoDataFrame, tips: pd.Series, **extra: pd.Series) -> gpd.GeoDataFrame:
    """Keep only geometry, an escaped tooltip and ``extra`` columns: less JSON, nothing unescaped."""
    cols = {"tip": tips.astype(str).map(html.escape).values}
    cols.update({k: v.astype(str).values for k, v in extra.items()})
    out = gpd.GeoDataFrame(cols, geometry=gdf.geometry.values, crs=gdf.crs)
    out = out[out.geometry.notna() & ~out.geometry.is_empty]
    # folium cannot compute bounds of a GeometryCollection: merge its parts
    # (a polygon plus a stray line from clipping, typically) or drop it.
    gc = out.geom_type == "GeometryCollection"
    if gc.any():
        out = out.copy()
        out.loc[gc, "geometry"] = [shapely.union_all(shapely.get_parts(g)) for g in out.geometry[gc]]
        out = out[out.geom_type != "GeometryCollection"]
    return out


def basemap_geojson(layers: Mapping[str, gpd.GeoDataFrame]) -> dict[str, dict]:
    """Basemap layers as the GeoJSON dicts the map embeds (names escaped as tooltips).

    :func:`base_map` accepts these in place of GeoDataFrames; a caller that
    draws the map often converts once and keeps them.
    """
    out = {}
    for key, gdf in layers.items():
        if gdf is None or not len(gdf):
            continue
        names = gdf["name"] if "name" in gdf.columns else pd.Series([""] * len(gdf), index=gdf.index)
        extra = {"rank": gdf["rank"].fillna(4).astype(int)} if "rank" in gdf.columns else {}
        frame = _tip_frame(gdf.to_crs(4326) if gdf.crs else gdf, names.fillna(""), **extra)
        out[key] = frame.__geo_interface__
    return out


def _basemap_layer(key: str, gdf: gpd.GeoDataFrame | dict) -> folium.FeatureGroup:
    fg = folium.FeatureGroup(name=f"Basemap: {key}", overlay=True, control=True, show=True)
    data = gdf if isinstance(gdf, dict) else basemap_geojson({key: gdf})[key]
    if key == "towns":
        folium.GeoJson(data, point_to_layer=TOWN_POINT, name="towns").add_to(fg)
        return fg
    style = _BASEMAP_STYLE.get(key, {"color": "#777", "weight": 1})
    folium.GeoJson(
        data, style_function=lambda _f, s=style: s, on_each_feature=tip_each(f"geo-{key}"),
        interactive=key != "countries", name=key,
    ).add_to(fg)
    return fg


def prepare_basemap(
    layers: Mapping[str, gpd.GeoDataFrame], tolerance: float = 0.005, margin: float = 4.0
) -> dict[str, gpd.GeoDataFrame]:
    """Basemap layers cut to the region around Syria and simplified for the browser.

    The shipped countries reach far beyond the map's view; clipping and a
    ~500 m simplification shrink what every page load sends several-fold
    without a visible change at the zooms an analyst uses.

    Parameters
    ----------
    layers
        ``geo.basemap.layers()``.
    tolerance
        Simplification tolerance in degrees (0 keeps every vertex).
    margin
        Degrees kept around :data:`SYRIA_BOUNDS`.
    """
    (s, w), (n, e) = SYRIA_BOUNDS
    window = shapely.box(w - margin, s - margin, e + margin, n + margin)
    out = {}
    for key, gdf in layers.items():
        gdf = gdf.to_crs(4326) if gdf.crs else gdf
        part = gdf[gdf.intersects(window)].copy()
        if not part.empty and not (part.geom_type == "Point").all():
            geoms = part.geometry.intersection(window)
            if tolerance:
                geoms = geoms.simplify(tolerance, preserve_topology=True)
            part = part.set_geometry(geoms.values)
        out[key] = part[part.geometry.notna() & ~part.geometry.is_empty]
    return out


def base_map(
    basemap_layers: Mapping[str, gpd.GeoDataFrame | dict] | None = None,
    online_tiles: bool = False,
    legend: bool = True,
) -> folium.Map:
    """The static part of the map: offline basemap, optional tiles, legend.

    Parameters
    ----------
    basemap_layers
        ``geo.basemap.layers()``: "countries", "governorates", "rivers",
        "roads", "towns" (any subset; unknown keys are drawn as thin lines),
        as GeoDataFrames or as :func:`basemap_geojson` dicts.
    online_tiles
        Add OpenStreetMap and Esri satellite tiles as base layers. Off by
        default: tiles are the only thing that would contact another host.
    legend
        Draw the colour legend.
    """
    m = folium.Map(
        location=[35.0, 38.8], zoom_start=7, tiles=None, max_zoom=MAX_ZOOM, min_zoom=4,
        control_scale=True, max_bounds=False,
    )
    m.fit_bounds([list(SYRIA_BOUNDS[0]), list(SYRIA_BOUNDS[1])])
    m.get_root().header.add_child(Element(CSS), name="geo_css")
    if online_tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)", max_zoom=MAX_ZOOM).add_to(m)
        folium.TileLayer(
            tiles="https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}",
            attr="Esri, Maxar, Earthstar Geographics", name="Satellite (online)", max_zoom=MAX_ZOOM,
            show=False,
        ).add_to(m)
    order = ["countries", "governorates", "rivers", "roads", "towns"]
    layers = dict(basemap_layers or {})
    for key in order + sorted(set(layers) - set(order)):
        gdf = layers.get(key)
        if gdf is not None and len(gdf if not isinstance(gdf, dict) else gdf.get("features", [])):
            _basemap_layer(key, gdf).add_to(m)
    if legend:
        Legend().add_to(m)
    return m


def events_layer(events: pd.DataFrame | dict, name: str = "Events") -> folium.FeatureGroup:
    """All events as ONE GeoJson layer of circle markers (aggregated, escaped).

    Parameters
    ----------
    events
        Event records (``geo.events.to_frame`` or ``Store`` rows; rows
        without coordinates are left out), or the output of
        :func:`geo.eventlayer.to_geojson` (a caller may cache it).
    """
    fg = folium.FeatureGroup(name=name, show=True)
    data = events if isinstance(events, dict) else to_geojson(events)
    folium.GeoJson(data, point_to_layer=EVENT_POINT, on_each_feature=EVENT_EACH, name="events").add_to(fg)
    return fg


def _zone_tip(zones: gpd.GeoDataFrame) -> pd.Series:
    def one(r: pd.Series) -> str:
        label = faction_label(str(r.get("faction") or ""))
        name = str(r.get("name") or "")
        span = f"{r.get('valid_from') or '?'} to {r.get('valid_to') or 'now'}"
        src = str(r.get("source") or "")
        return " \u2013 ".join(x for x in (label, name, span, src) if x)

    return zones.apply(one, axis=1) if len(zones) else pd.Series([], dtype=str)


def zone_layers(zones: gpd.GeoDataFrame | None, as_of: str = "") -> list[folium.FeatureGroup]:
    """Control zones (filled by faction) and agreement zones (outlined) as two feature groups.

    Parameters
    ----------
    zones
        ``geo.zones.zones_on(day)``: columns faction, zone_type, name,
        valid_from, valid_to, source, geometry.
    as_of
        The date shown in the layer names.
    """
    suffix = f" ({as_of})" if as_of else ""
    control = folium.FeatureGroup(name=f"Control zones{suffix}", show=True)
    agreement = folium.FeatureGroup(name=f"Agreement zones{suffix}", show=True)
    if zones is not None and len(zones):
        zones = zones.to_crs(4326) if zones.crs else zones
        for kind, fg in (("control", control), ("agreement", agreement)):
            part = zones[zones["zone_type"] == kind]
            if part.empty:
                continue
            data = _tip_frame(part, _zone_tip(part), faction=part["faction"])
            if kind == "control":
                def style(f: dict) -> dict:
                    c = faction_color(f["properties"]["faction"])
                    return {"fillColor": c, "color": c, "weight": 1, "fillOpacity": 0.35}
            else:
                def style(_f: dict) -> dict:
                    return {"color": AGREEMENT_COLOR, "weight": 2.5, "dashArray": "8 5", "fill": False}
            folium.GeoJson(data, style_function=style, on_each_feature=tip_each(f"geo-zone geo-{kind}"),
                           name=kind).add_to(fg)
    return [control, agreement]


def build_map(
    events_gdf: pd.DataFrame,
    zones_gdf: gpd.GeoDataFrame | None,
    basemap_layers: Mapping[str, gpd.GeoDataFrame] | None = None,
    online_tiles: bool = False,
    as_of: str = "",
) -> folium.Map:
    """The whole map in one folium object (for a standalone page or a test).

    Parameters
    ----------
    events_gdf
        Events to draw (see :func:`events_layer`).
    zones_gdf
        Zones valid on the chosen day (see :func:`zone_layers`).
    basemap_layers
        ``geo.basemap.layers()``.
    online_tiles
        Opt-in online base tiles.
    as_of
        The zones' date, shown in the layer control.
    """
    m = base_map(basemap_layers, online_tiles=online_tiles)
    for fg in zone_layers(zones_gdf, as_of):
        fg.add_to(m)
    events_layer(events_gdf).add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    return m
