"""The map's contents on matplotlib axes: basemap, zones, events, labels, furniture.

Used by :mod:`geo.export`. Everything is drawn in longitude/latitude with the
aspect 1/cos(latitude), so distances are true at the view's middle latitude
and the scale bar can be computed in km there.
"""

from __future__ import annotations

import logging
import math
import textwrap
from collections.abc import Mapping

import geopandas as gpd
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon, Rectangle

from geo import layout
from geo.eventlayer import PLACE_DECIMALS, radius
from geo.style import AGREEMENT_COLOR, event_color, faction_color

log = logging.getLogger(__name__)

#: Zone fill opacity and basemap colours: the values geo.mapview gives Leaflet.
ZONE_ALPHA = 0.35
WATER = "#dbe7f0"
LAND = "#f4f1ea"
SYRIA_LAND = "#ffffff"
BORDER = "#8a8a8a"
RIVER = "#5b9bd5"
ROAD = "#b35a1f"
GOV_BORDER = "#9a8f80"
#: Leaflet sizes are CSS pixels (1/96 in); matplotlib's are points (1/72 in).
PT_PER_CSS_PX = 0.75
#: Region shown by the locator inset (W, S, E, N): the Levant to Iraq.
LOCATOR_BBOX = (25.0, 27.0, 52.0, 43.0)
#: Legend marker diameter in points (on a page 7.2 in high).
MARKER_PT = 6.5


Bbox = tuple[float, float, float, float]


def _in_view(gdf: gpd.GeoDataFrame | None, bbox: Bbox) -> gpd.GeoDataFrame | None:
    if gdf is None or not len(gdf):
        return None
    w, s, e, n = bbox
    part = gdf.cx[w:e, s:n]
    return part if len(part) else None


def _setup(ax, bbox: tuple[float, float, float, float], adjustable: str = "box") -> None:
    """Limits and the aspect 1/cos(latitude); the frame shrinks to fit ("box")."""
    w, s, e, n = bbox
    ax.set_xlim(w, e)
    ax.set_ylim(s, n)
    ax.set_aspect(1 / math.cos(math.radians((s + n) / 2)), adjustable=adjustable)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_facecolor(WATER)


def _finish(ax, bbox: tuple[float, float, float, float]) -> None:
    # geopandas labels the axes of a geographic CRS; a briefing map has no axis titles.
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_xlim(bbox[0], bbox[2])
    ax.set_ylim(bbox[1], bbox[3])


def draw_map(ax, events: gpd.GeoDataFrame | None, zones: gpd.GeoDataFrame | None,
             layers: Mapping[str, gpd.GeoDataFrame] | None, bbox: tuple[float, float, float, float],
             u: float) -> None:
    """Basemap, zones, events, scale bar and north arrow on ``ax`` for ``bbox``."""
    layers = layers or {}
    _setup(ax, bbox)
    for spine in ax.spines.values():
        spine.set_linewidth(0.8 * u)
        spine.set_color("#555555")

    countries = _in_view(layers.get("countries"), bbox)
    if countries is not None:
        polys = countries[countries.geom_type.isin(["Polygon", "MultiPolygon"])]
        is_syria = polys["name"].astype(str).str.contains("Syria", case=False)
        polys.plot(ax=ax, facecolor=np.where(is_syria, SYRIA_LAND, LAND), edgecolor="none", zorder=1)
    gov = _in_view(layers.get("governorates"), bbox)
    if gov is not None:
        gov.boundary.plot(ax=ax, color=GOV_BORDER, linewidth=0.8 * PT_PER_CSS_PX * u, linestyle=(0, (4, 3)),
                          zorder=2)

    if zones is not None and len(zones):
        kinds = zones["zone_type"] if "zone_type" in zones else None
        control = zones if kinds is None else zones[kinds != "agreement"]
        if len(control):
            fills = [faction_color(f) for f in control["faction"]]
            control.plot(ax=ax, color=fills, alpha=ZONE_ALPHA, edgecolor="none", zorder=3)
            control.boundary.plot(ax=ax, color=fills, linewidth=0.6 * u, zorder=3.1)
        if kinds is not None and (kinds == "agreement").any():
            agree = zones[kinds == "agreement"]
            agree.boundary.plot(ax=ax, color=AGREEMENT_COLOR, linewidth=1.3 * u,
                                linestyle=(0, (5, 3)), zorder=3.2)

    if countries is not None:
        countries.boundary.plot(ax=ax, color=BORDER, linewidth=0.9 * u, zorder=4)
    for key, colour, style in (("rivers", RIVER, "-"), ("roads", ROAD, (0, (6, 3)))):
        part = _in_view(layers.get(key), bbox)
        if part is not None:
            part.plot(ax=ax, color=colour, linewidth=1.6 * PT_PER_CSS_PX * u, linestyle=style, zorder=4.5)
    towns = _in_view(layers.get("towns"), bbox)
    if towns is not None:
        ax.scatter(towns.geometry.x, towns.geometry.y, s=(2.6 * u) ** 2, c="#333333", linewidths=0,
                   zorder=5)

    markers = marker_table(events)
    if len(markers):
        ax.scatter(markers["lon"], markers["lat"], s=(2 * markers["radius"] * PT_PER_CSS_PX * u) ** 2,
                   c=[event_color(t) for t in markers["event_type"]], edgecolors="#222222",
                   linewidths=0.8 * PT_PER_CSS_PX * u, zorder=7)

    _finish(ax, bbox)
    draw_scale_bar(ax, bbox, u)
    draw_north_arrow(ax, u)


def marker_table(events: gpd.GeoDataFrame | None) -> pd.DataFrame:
    """One marker per place and event type, sized as on the dashboard.

    Same grouping as :func:`geo.eventlayer.aggregate` (coordinates rounded to
    ~100 m) and the same :func:`geo.eventlayer.radius` (CSS pixels); largest
    first so that small markers stay visible on top. Markers are opaque: a
    picture on a projector needs the contrast more than the see-through.
    """
    cols = ["lon", "lat", "event_type", "count", "fatalities", "radius"]
    if events is None or not len(events):
        return pd.DataFrame(columns=cols)
    fat = pd.to_numeric(events["fatalities"], errors="coerce") if "fatalities" in events else 0.0
    df = pd.DataFrame({"lon": events.geometry.x.round(PLACE_DECIMALS).to_numpy(),
                       "lat": events.geometry.y.round(PLACE_DECIMALS).to_numpy(),
                       "event_type": events["event_type"].fillna("").to_numpy(),
                       "fatalities": np.asarray(fat, dtype=float) if np.ndim(fat) else 0.0})
    agg = df.groupby(["lon", "lat", "event_type"], sort=False).agg(
        count=("fatalities", "size"), fatalities=("fatalities", "sum")).reset_index()
    agg["radius"] = [radius(f, n) for f, n in zip(agg["fatalities"], agg["count"], strict=True)]
    return agg.sort_values("radius", ascending=False, kind="stable")[cols].reset_index(drop=True)


def draw_scale_bar(ax, bbox: tuple[float, float, float, float], u: float) -> float:
    """Scale bar at the bottom left, true in km at its latitude; returns its length in km."""
    from matplotlib.font_manager import FontProperties
    from mpl_toolkits.axes_grid1.anchored_artists import AnchoredSizeBar

    w, s, e, n = bbox
    kpd = layout.km_per_degree_lon(s + 0.05 * (n - s))  # the bar sits near the bottom edge
    km = layout.nice_scale_km((e - w) * kpd, 0.22)
    bar = AnchoredSizeBar(ax.transData, km / kpd, f"{km:g} km", loc="lower left", pad=0.35, borderpad=0.8,
                          sep=3 * u, frameon=True, size_vertical=0.008 * (n - s), color="#222222",
                          label_top=True, fontproperties=FontProperties(size=8 * u))
    bar.patch.set(facecolor="white", alpha=0.85, edgecolor="none")
    bar.set_zorder(9)
    ax.add_artist(bar)
    return km


def draw_north_arrow(ax, u: float) -> None:
    """A north arrow at the top right of the map (meridians are vertical here)."""
    x, y, hw, hh = 0.955, 0.90, 0.014, 0.06
    ax.add_patch(Polygon([(x - hw, y - hh), (x, y), (x, y - 0.7 * hh)], closed=True,
                         transform=ax.transAxes, facecolor="#222222", edgecolor="#222222",
                         linewidth=0.6 * u, zorder=9))
    ax.add_patch(Polygon([(x + hw, y - hh), (x, y), (x, y - 0.7 * hh)], closed=True,
                         transform=ax.transAxes, facecolor="white", edgecolor="#222222",
                         linewidth=0.6 * u, zorder=9))
    ax.text(x, y + 0.01, "N", transform=ax.transAxes, ha="center", va="bottom", fontsize=11 * u,
            fontweight="bold", zorder=9)


def draw_locator(ax, layers: Mapping[str, gpd.GeoDataFrame] | None,
                 bbox: tuple[float, float, float, float], u: float) -> None:
    """Small map of the region with the view's extent as a red frame."""
    w, s, e, n = bbox
    lw, ls, le, ln = LOCATOR_BBOX
    region = (min(lw, w - 1), min(ls, s - 1), max(le, e + 1), max(ln, n + 1))
    _setup(ax, region)
    countries = _in_view((layers or {}).get("countries"), region)
    if countries is not None:
        polys = countries[countries.geom_type.isin(["Polygon", "MultiPolygon"])]
        is_syria = polys["name"].astype(str).str.contains("Syria", case=False)
        polys.plot(ax=ax, facecolor=np.where(is_syria, "#c9c3b6", LAND), edgecolor=BORDER,
                   linewidth=0.4 * u)
    ax.add_patch(Rectangle((w, s), e - w, n - s, fill=False, edgecolor="#d0021b", linewidth=1.4 * u,
                           zorder=5))
    _finish(ax, region)
    for spine in ax.spines.values():
        spine.set_linewidth(0.6 * u)
        spine.set_color("#777777")


def draw_legend(fig, entries: layout.LegendEntries, counts: dict, anchor: tuple[float, float], u: float,
                wrap: int = 28) -> None:
    """Legend of event types and factions on the map, with section headings."""
    handles, labels, heads = [], [], []

    def head(text: str) -> None:
        heads.append(len(labels))
        handles.append(Patch(visible=False))
        labels.append(text)

    if entries.event_types:
        head("Events (size: fatalities)")
        for name, colour in entries.event_types:
            handles.append(Line2D([], [], marker="o", linestyle="none", markersize=MARKER_PT * u,
                                  markerfacecolor=colour, markeredgecolor="white"))
            n = counts.get(name)
            labels.append(textwrap.fill(f"{name} ({n})" if n else name, wrap))
    if entries.factions or entries.agreements:
        head("Control")
        for name, colour in entries.factions:
            handles.append(Patch(facecolor=colour, alpha=ZONE_ALPHA, edgecolor=colour))
            labels.append(textwrap.fill(name, wrap))
        if entries.agreements:
            handles.append(Patch(fill=False, edgecolor=AGREEMENT_COLOR, linestyle="--"))
            labels.append("Agreement zone")
    if not handles:
        return
    leg = fig.legend(handles, labels, loc="upper left", bbox_to_anchor=anchor, frameon=False,
                     fontsize=9 * u, handlelength=1.4, handletextpad=0.6, labelspacing=0.45,
                     borderaxespad=0)
    for i, text in enumerate(leg.get_texts()):
        text.set_parse_math(False)
        if i in heads:
            text.set_fontweight("bold")
            text.set_fontsize(10.5 * u)


def _label_candidates(events: gpd.GeoDataFrame | None, layers: Mapping[str, gpd.GeoDataFrame] | None,
                      bbox: tuple[float, float, float, float], max_towns: int = 80) -> list[tuple]:
    """(lon, lat, text, is_event) in priority order: event places by count, then towns by size."""
    out: list[tuple] = []
    seen: set[str] = set()
    if events is not None and len(events) and "place" in events:
        located = events[events["place"].notna()]
        if len(located):
            groups = located.groupby("place", sort=False)
            order = groups.size().sort_values(ascending=False, kind="stable")
            for place in order.index:
                g = groups.get_group(place).geometry.iloc[0]
                out.append((g.x, g.y, str(place), True))
                seen.add(str(place).lower())
    towns = _in_view((layers or {}).get("towns"), bbox)
    if towns is not None:
        if "population" in towns:
            towns = towns.sort_values("population", ascending=False, kind="stable")
        for name, g in zip(towns["name"].head(max_towns), towns.geometry.head(max_towns), strict=True):
            if isinstance(name, str) and name.lower() not in seen:
                out.append((g.x, g.y, name, False))
                seen.add(name.lower())
    return out


def place_labels(ax, events: gpd.GeoDataFrame | None, layers: Mapping[str, gpd.GeoDataFrame] | None,
                 bbox: tuple[float, float, float, float], u: float) -> int:
    """Greedy label placement: each label takes the first free spot around its point.

    Labels are tried in priority order at four positions (right, left, above,
    below); one that would overlap an earlier label, an event marker or the
    map's edge is dropped. Boxes are compared in display pixels. Returns the
    number of labels placed.
    """
    candidates = _label_candidates(events, layers, bbox)
    if not candidates:
        return 0
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    to_px = ax.transData.transform
    frame = ax.get_window_extent(renderer)
    dpi_pt = fig.dpi / 72
    markers = marker_table(events)
    boxes = np.empty((0, 4))
    centres, radii = np.empty((0, 2)), np.empty(0)
    if len(markers):
        centres = to_px(markers[["lon", "lat"]].to_numpy(dtype=float))
        radii = markers["radius"].to_numpy(dtype=float) * PT_PER_CSS_PX * u * dpi_pt
        boxes = np.column_stack([centres - radii[:, None], centres + radii[:, None]])
    placed = 0
    pad = 3.5 * u * dpi_pt
    for lon, lat, name, is_event in candidates:
        x, y = to_px((lon, lat))
        text = ax.text(lon, lat, name, fontsize=(8.5 if is_event else 7.5) * u,
                       fontweight="bold" if is_event else "normal",
                       color="#111111" if is_event else "#444444", zorder=8, parse_math=False)
        ext = text.get_window_extent(renderer)
        tw, th = ext.width, ext.height
        # Clear of the point's own markers (the largest one there), plus a small pad.
        own = radii[np.hypot(*(centres - (x, y)).T) < 1.0] if len(radii) else radii
        gap = (own.max() if len(own) else 2 * u * dpi_pt) + pad / 2
        spots = (("left", "center", x + gap, y - th / 2),
                 ("right", "center", x - gap - tw, y - th / 2),
                 ("center", "bottom", x - tw / 2, y + gap),
                 ("center", "top", x - tw / 2, y - gap - th))
        done = False
        for ha, va, x0, y0 in spots:
            box = np.array([x0 - 1, y0 - 1, x0 + tw + 1, y0 + th + 1])
            if box[0] < frame.x0 or box[2] > frame.x1 or box[1] < frame.y0 or box[3] > frame.y1:
                continue
            if len(boxes) and np.any((boxes[:, 0] < box[2]) & (boxes[:, 2] > box[0])
                                     & (boxes[:, 1] < box[3]) & (boxes[:, 3] > box[1])):
                continue
            ox = {"left": gap, "right": -gap, "center": 0}[ha]
            oy = {"center": 0, "bottom": gap, "top": -gap}[va]
            text.set_ha(ha)
            text.set_va(va)
            text.set_position(ax.transData.inverted().transform((x + ox, y + oy)))
            text.set_path_effects(_halo(u))
            boxes = np.vstack([boxes, box])
            placed += 1
            done = True
            break
        if not done:
            text.remove()
    log.debug("placed %d of %d labels", placed, len(candidates))
    return placed


def _halo(u: float) -> list:
    from matplotlib import patheffects

    return [patheffects.withStroke(linewidth=2.2 * u, foreground="white")]
