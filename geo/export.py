"""Static briefing picture (PNG/PDF/SVG) with geopandas + matplotlib, no browser.

:func:`render` draws events, control zones and the basemap into one page:
banner (optional, top and bottom), title block, the map with scale bar and
north arrow, a locator inset, a legend of what is on the map, and the source
line. Colours come from :mod:`geo.style`, as on the dashboard. The map is
drawn in longitude/latitude with an equal-distance aspect at the view's
latitude (meridians vertical, so north is up).

The figure is built with matplotlib's object API (no ``pyplot`` state), so
renders from several Streamlit sessions do not share a figure.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from geo import layout, mapdraw
from geo.errors import ExportError
from geo.layout import ExportOptions, PageSize

log = logging.getLogger(__name__)

FORMATS = ("png", "pdf", "svg")


@dataclass(frozen=True)
class Rendered:
    """A written picture and how map coordinates land on its pixels."""

    path: Path | None
    fmt: str
    page: PageSize
    bbox: tuple[float, float, float, float]
    _transform: object  # matplotlib transform data -> display (pixels, origin bottom-left)

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        """Pixel (x right, y down from the top-left corner) where ``lon, lat`` is drawn."""
        x, y = self._transform.transform((lon, lat))  # type: ignore[attr-defined]
        return float(x), float(self.page.height_px - y)


def infer_format(out: str | Path, fmt: str | None = None) -> str:
    """The output format: ``fmt`` when given, else the file suffix."""
    fmt = (fmt or Path(out).suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise ExportError(f"{out}: format should be one of {', '.join(FORMATS)} "
                          f"(from --format or the file suffix), got {fmt or 'no suffix'!r}")
    return fmt


def check_writable(out: str | Path) -> Path:
    """Fail early, with a clear message, when the output's folder does not exist."""
    out = Path(out)
    if out.exists() and out.is_dir():
        raise ExportError(f"cannot write {out}: it is a folder, give a file name")
    if not out.parent.is_dir():
        raise ExportError(f"cannot write {out}: folder {out.parent} does not exist")
    return out


def event_dates(events: gpd.GeoDataFrame) -> pd.Series:
    """Each event's date as text: its own date, else the article's publication date."""
    day = events["date"] if "date" in events else pd.Series(None, index=events.index, dtype=object)
    if "published" in events:
        day = day.where(day.notna(), events["published"])
    return day.astype(object).where(day.notna(), None)


def select_events(events: gpd.GeoDataFrame, date_from: str | None = None, date_to: str | None = None,
                  bbox: tuple[float, float, float, float] | None = None) -> gpd.GeoDataFrame:
    """Located events within a date range and a bbox (a new frame).

    An event's date is its own, else its article's publication date; events
    with neither are kept only when no range is given. Dates compare as ISO
    text, so a month-precision "2019-10" falls within a range it starts.
    """
    if events is None or not len(events):
        return gpd.GeoDataFrame(events if events is not None else None, geometry=[], crs="EPSG:4326")
    keep = events.geometry.notna() & ~events.geometry.is_empty
    if date_from or date_to:
        lo, hi = date_from or "", date_to or "9999"
        # d[:10] <= hi and d >= lo cut to d's length: "2019-10" is within 2019-10-09..2019-10-20.
        keep &= event_dates(events).map(
            lambda d: isinstance(d, str) and d[:10] <= hi and d[:10] >= lo[: len(d[:10])]
        ).astype(bool)
    if bbox is not None:
        w, s, e, n = bbox
        x, y = events.geometry.x, events.geometry.y
        keep &= (x >= w) & (x <= e) & (y >= s) & (y <= n)
    return events[keep.fillna(False).astype(bool)].copy()


def _text(fig: Figure, x: float, y: float, s: str, **kw) -> None:
    # parse_math=False: a "$" in a title is a dollar sign, never mathtext.
    fig.text(x, y, s, parse_math=False, **kw)


def build_figure(events: gpd.GeoDataFrame | None, zones: gpd.GeoDataFrame | None,
                 layers: Mapping[str, gpd.GeoDataFrame] | None,
                 options: ExportOptions) -> tuple[Figure, object, tuple[float, float, float, float]]:
    """Draw the whole page; return the figure, the map axes and the map's bbox."""
    page = options.page()
    u = page.unit
    fig = Figure(figsize=(page.width_in, page.height_in), dpi=page.dpi, facecolor="white")
    FigureCanvasAgg(fig)
    W, H = page.width_in, page.height_in  # noqa: N806 (page inches)

    def fy(inches: float) -> float:
        return inches / H

    def fx(inches: float) -> float:
        return inches / W

    banner_h = 0.28 * u if options.banner.strip() else 0.0
    top = 1 - fy(banner_h)
    bottom = fy(banner_h)
    if banner_h:
        colour = layout.banner_color(options.banner)
        for y0 in (0, 1 - fy(banner_h)):
            fig.patches.append(_rect(fig, 0, y0, 1, fy(banner_h), colour))
            _text(fig, 0.5, y0 + fy(banner_h) / 2, options.banner.strip(), ha="center", va="center",
                  color="white", fontsize=11 * u, fontweight="bold")

    margin = 0.14 * u
    # Title block
    y = top - fy(margin)
    _text(fig, fx(margin), y, options.title or "", ha="left", va="top", fontsize=21 * u,
          fontweight="bold", color="#111111")
    y -= fy(0.40 * u)
    if options.subtitle.strip():
        _text(fig, fx(margin), y, options.subtitle, ha="left", va="top", fontsize=12.5 * u, color="#333333")
        y -= fy(0.26 * u)
    dates = layout.date_line(options.as_of, options.date_from, options.date_to)
    if dates:
        _text(fig, fx(margin), y, dates, ha="left", va="top", fontsize=10.5 * u, color="#444444")
        y -= fy(0.24 * u)
    map_top = y - fy(0.06 * u)

    # Source line
    sources = list(options.sources) or layout.article_sources(events)
    credit = layout.credit_lines(layout.source_line(sources, zones, options.extra_credits), W - 2 * margin, u)
    credit_h = (0.10 + 0.13 * len(credit)) * u
    _text(fig, fx(margin), bottom + fy(credit_h / 2), "\n".join(credit), ha="left", va="center",
          fontsize=7.2 * u, color="#444444", linespacing=1.3)
    map_bottom = bottom + fy(credit_h)

    panel_w = min(3.0 * u, 0.32 * W)
    map_rect = (fx(margin), map_bottom, 1 - fx(panel_w + 2 * margin), map_top - map_bottom)
    ax = fig.add_axes(map_rect)
    ax_w_in, ax_h_in = map_rect[2] * W, map_rect[3] * H
    bbox = options.bbox or layout.default_bbox(events, layers)
    bbox = layout.fit_bbox(bbox, ax_w_in / ax_h_in)
    mapdraw.draw_map(ax, events, zones, layers, bbox, u)
    ax.apply_aspect()  # the frame may shrink by a pixel or two: align the side panel with it
    map_top = ax.get_position().y1

    # Right panel: locator inset, then legend
    px0 = 1 - fx(panel_w + margin)
    inset_h = min(panel_w * 0.72, (map_top - map_bottom) * H * 0.42)
    inset = fig.add_axes((px0, map_top - fy(inset_h), fx(panel_w), fy(inset_h)))
    mapdraw.draw_locator(inset, layers, bbox, u)
    entries = layout.legend_entries(events, zones, bbox)
    counts = events["event_type"].value_counts().to_dict() if events is not None and len(events) else {}
    mapdraw.draw_legend(fig, entries, counts, (px0, map_top - fy(inset_h + 0.18 * u)), u,
                        wrap=max(16, int(panel_w / (0.075 * u))))

    if options.labels:
        fig.canvas.draw()  # labels measure their extent in pixels, which needs a renderer
        mapdraw.place_labels(ax, events, layers, bbox, u)
    return fig, ax, bbox


def _rect(fig: Figure, x: float, y: float, w: float, h: float, colour: str):
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), w, h, transform=fig.transFigure, facecolor=colour, edgecolor="none",
                     zorder=-1)


def render(events: gpd.GeoDataFrame | None, zones: gpd.GeoDataFrame | None,
           layers: Mapping[str, gpd.GeoDataFrame] | None, options: ExportOptions,
           out: str | Path | io.IOBase, fmt: str | None = None) -> Rendered:
    """Write the briefing picture of ``events`` over ``zones`` and the basemap.

    Parameters
    ----------
    events : GeoDataFrame
        Events as from :func:`geo.events.to_frame` (already filtered: see
        :func:`select_events`); rows without geometry are skipped.
    zones : GeoDataFrame
        Zones as from :func:`geo.zones.zones_on` (may be empty or None).
    layers : mapping of str to GeoDataFrame
        Basemap layers as from :func:`geo.basemap.layers` (may be empty).
    options : ExportOptions
        Title, dates, size, dpi, banner, bbox.
    out : path or binary file
        Where to write. A path's suffix gives the format unless ``fmt`` is given.
    fmt : {"png", "pdf", "svg"}, optional
        Needed when ``out`` is a file object.

    Returns
    -------
    Rendered
        The page size and :meth:`Rendered.project` for pixel positions.

    Raises
    ------
    ExportError
        Unknown format or size, missing output folder, or a write failure.
    """
    is_path = isinstance(out, str | Path)
    if is_path:
        fmt = infer_format(out, fmt)
        out = check_writable(out)
    elif fmt not in FORMATS:
        raise ExportError(f"format should be one of {', '.join(FORMATS)}, got {fmt!r}")
    if events is not None and len(events):
        events = events[events.geometry.notna() & ~events.geometry.is_empty]
    fig, ax, bbox = build_figure(events, zones, layers, options)
    metadata = {"Title": options.title, "Creator": "geo export"} if fmt in ("pdf", "svg") else None
    try:
        fig.savefig(out, format=fmt, dpi=options.dpi, facecolor="white", metadata=metadata)
    except OSError as err:
        raise ExportError(f"cannot write {out}: {err.strerror or err}") from err
    return Rendered(out if is_path else None, fmt, options.page(), bbox, ax.transData)


def render_bytes(events: gpd.GeoDataFrame | None, zones: gpd.GeoDataFrame | None,
                 layers: Mapping[str, gpd.GeoDataFrame] | None, options: ExportOptions,
                 fmt: str = "png") -> bytes:
    """The picture as bytes (for download buttons)."""
    buf = io.BytesIO()
    render(events, zones, layers, options, buf, fmt=fmt)
    return buf.getvalue()


def locator_png(layers: Mapping[str, gpd.GeoDataFrame] | None, bbox: tuple[float, float, float, float],
                width_in: float, height_in: float, dpi: int, u: float = 1.0) -> bytes:
    """The locator inset alone as PNG (the browser renderer places it beside its map)."""
    fig = Figure(figsize=(width_in, height_in), dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.005, 0.005, 0.99, 0.99))
    mapdraw.draw_locator(ax, layers, bbox, u)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, facecolor="white")
    return buf.getvalue()


def hex_rgb(colour: str) -> np.ndarray:
    """``#rrggbb`` -> array of three 0-255 ints (tests and checks compare pixels with it)."""
    c = colour.lstrip("#")
    return np.array([int(c[i : i + 2], 16) for i in (0, 2, 4)])


def blended(colour: str, alpha: float, under: str = "#ffffff") -> np.ndarray:
    """The colour a translucent fill shows over ``under`` (0-255 RGB)."""
    return np.rint(alpha * hex_rgb(colour) + (1 - alpha) * hex_rgb(under)).astype(int)


