"""What goes on a briefing picture, independent of how it is drawn.

Both renderers (:mod:`geo.export`, static; :mod:`geo.snapshot`, browser) read
the same :class:`ExportOptions` and the same pure helpers here: page sizes,
the legend entries (only what is on the map), the source line, the scale bar
length, the banner colour and the default extent.

Sizes. Slide sizes and ``WxH`` are *pixel* sizes: the picture has exactly that
many pixels whatever the dpi, and the dpi only says how large it is on paper
(1920x1080 at 150 dpi is 12.8 x 7.2 in, about a 16:9 slide). Paper sizes
(A4, Letter, landscape) are physical: the pixel count follows the dpi. Every
font and line width is scaled with the page, so a picture looks the same at
150 and at 300 dpi.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from geo.errors import ExportError
from geo.style import EVENT_COLORS, FACTIONS

#: Extent of Syria (W, S, E, N), used when the basemap has no Syria outline.
SYRIA_BBOX = (35.6, 32.3, 42.4, 37.35)

#: Credits that every picture carries (data shipped with the project).
BASEMAP_CREDIT = "Basemap: Natural Earth"
GAZETTEER_CREDIT = "Places: GeoNames (CC-BY 4.0)"

DPI_CHOICES = (150, 300)

#: name -> (width, height, unit); unit "px" (fixed pixels) or "in" (physical).
SIZE_PRESETS: dict[str, tuple[float, float, str]] = {
    "slide16x9": (1920, 1080, "px"),
    "slide4x3": (1440, 1080, "px"),
    "a4": (297 / 25.4, 210 / 25.4, "in"),
    "letter": (11.0, 8.5, "in"),
}

#: Banner background by the first word(s) of the banner (common marking colours);
#: any other text gets a neutral dark bar.
_BANNER_COLORS = (
    ("TOP SECRET", "#ff8c00"),
    ("SECRET", "#c8102e"),
    ("CONFIDENTIAL", "#0033a0"),
    ("RESTRICTED", "#0033a0"),
    ("UNCLASSIFIED", "#007a33"),
    ("OFFICIAL", "#007a33"),
)
_NEUTRAL_BANNER = "#333333"


@dataclass(frozen=True)
class PageSize:
    """Output size: inches on paper and the dpi, from which pixels follow."""

    width_in: float
    height_in: float
    dpi: int

    @property
    def width_px(self) -> int:
        return int(self.width_in * self.dpi)

    @property
    def height_px(self) -> int:
        return int(self.height_in * self.dpi)

    @property
    def unit(self) -> float:
        """Scale of fonts and lines: 1.0 for a page 7.2 in high (1080 px at 150 dpi)."""
        return min(self.height_in / 7.2, self.width_in / 9.6)


def page_size(size: str, dpi: int = 150) -> PageSize:
    """Resolve a size preset name or ``WxH`` (pixels) at a dpi.

    Parameters
    ----------
    size : str
        ``slide16x9``, ``slide4x3``, ``a4``, ``letter`` or ``WIDTHxHEIGHT`` in pixels.
    dpi : int
        Dots per inch, 72 to 600 (the app and CLI offer 150 and 300).

    Raises
    ------
    ExportError
        When the size or dpi cannot be used; the message names the value.
    """
    if not isinstance(dpi, int) or not 72 <= dpi <= 600:
        raise ExportError(f"dpi should be between 72 and 600, got {dpi!r}")
    key = str(size).strip().lower().replace("-", "").replace("_", "")
    key = {"16x9": "slide16x9", "4x3": "slide4x3", "a4landscape": "a4",
           "letterlandscape": "letter"}.get(key, key)
    if key in SIZE_PRESETS:
        w, h, unit = SIZE_PRESETS[key]
        if unit == "in":
            w, h = round(w * dpi), round(h * dpi)
    else:
        m = re.fullmatch(r"(\d{2,5})\s*x\s*(\d{2,5})", key)
        if not m:
            raise ExportError(f"size should be one of {', '.join(SIZE_PRESETS)} or WIDTHxHEIGHT "
                              f"in pixels (e.g. 1920x1080), got {size!r}")
        w, h = int(m.group(1)), int(m.group(2))
        if not (200 <= w <= 10000 and 200 <= h <= 10000):
            raise ExportError(f"size should be 200 to 10000 pixels a side, got {size!r}")
    # +0.01 px: matplotlib truncates inches * dpi, and 1754 / 150 * 150 may come out as 1753.99...
    return PageSize((w + 0.01) / dpi, (h + 0.01) / dpi, dpi)


@dataclass(frozen=True)
class ExportOptions:
    """Everything the user can choose about a briefing picture.

    ``date_from``/``date_to`` only label the picture (the caller filters the
    events, see :func:`geo.export.select_events`). ``bbox`` is (W, S, E, N) in
    degrees, ``None`` for Syria plus the events. ``sources`` lists
    ``(outlet, published)`` pairs of the articles; when empty the source line
    is built from the events' own ``outlet``/``article`` and ``published``.
    """

    title: str = "Syria: situation map"
    subtitle: str = ""
    as_of: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    size: str = "slide16x9"
    dpi: int = 150
    banner: str = ""
    renderer: str = "static"
    sources: tuple[tuple[str, str | None], ...] = ()
    labels: bool = True
    extra_credits: tuple[str, ...] = field(default_factory=tuple)

    def page(self) -> PageSize:
        return page_size(self.size, self.dpi)


#: Named extents (W, S, E, N) for the views briefings ask for most.
EXTENTS: dict[str, tuple[float, float, float, float]] = {
    "syria": (35.5, 32.2, 42.5, 37.5),
    "northwest": (35.7, 35.0, 38.2, 36.8),  # Idlib, Aleppo, Latakia, northern Hama
    "northeast": (37.9, 35.3, 42.5, 37.4),  # Manbij to Qamishli, Raqqa, Hasakah
    "euphrates": (39.2, 34.2, 41.4, 36.0),  # Raqqa to Abu Kamal along the river
    "south": (35.5, 32.2, 37.4, 34.0),  # Damascus, Daraa, Quneitra, Suwayda
    "region": (33.5, 30.5, 44.5, 38.8),  # Syria and its neighbours
}


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """Parse ``W,S,E,N`` degrees or a name of :data:`EXTENTS`.

    Raise ExportError naming the value when unusable.
    """
    named = EXTENTS.get(str(text).strip().lower())
    if named:
        return named
    try:
        w, s, e, n = (float(v) for v in str(text).split(","))
    except ValueError:
        raise ExportError(f"bbox should be W,S,E,N in degrees or one of {', '.join(EXTENTS)}, "
                          f"got {text!r}") from None
    if not (-180 <= w < e <= 180 and -90 <= s < n <= 90):
        raise ExportError(f"bbox should have W < E and S < N within the globe, got {text!r}")
    return (w, s, e, n)


def banner_color(text: str) -> str:
    """Background colour of a banner, from the marking it starts with."""
    up = text.strip().upper()
    for word, colour in _BANNER_COLORS:
        if up.startswith(word):
            return colour
    return _NEUTRAL_BANNER


def date_line(as_of: str | None, date_from: str | None, date_to: str | None) -> str:
    """``As of 2019-10-20 · events 2019-10-09 to 2019-10-20`` (parts left out when unknown)."""
    parts = []
    if as_of:
        parts.append(f"As of {as_of}")
    if date_from or date_to:
        parts.append(f"events {date_from or '…'} to {date_to or '…'}")
    return " · ".join(parts)


@dataclass(frozen=True)
class LegendEntries:
    """What the legend lists: only event types and factions drawn on the map."""

    event_types: tuple[tuple[str, str], ...]  # (label, colour)
    factions: tuple[tuple[str, str], ...]  # (label, colour)
    agreements: bool


def legend_entries(events: gpd.GeoDataFrame | None, zones: gpd.GeoDataFrame | None,
                   bbox: tuple[float, float, float, float] | None = None) -> LegendEntries:
    """Event types and factions present, in the order of :mod:`geo.style`.

    With ``bbox`` (W, S, E, N), only zones that reach into the view count.
    Unknown keys (not in the style tables) are listed after the known ones,
    with the colour the map uses for them.
    """
    from shapely.geometry import box

    from geo.style import event_color, faction_color, faction_label

    if bbox is not None and zones is not None and len(zones):
        zones = zones[zones.intersects(box(*bbox))]

    types: list[tuple[str, str]] = []
    if events is not None and len(events) and "event_type" in events:
        present = set(events["event_type"].dropna())
        order = [t for t in EVENT_COLORS if t in present] + sorted(present - set(EVENT_COLORS))
        types = [(t, event_color(t)) for t in order]
    facs: list[tuple[str, str]] = []
    agreements = False
    if zones is not None and len(zones):
        kinds = zones["zone_type"] if "zone_type" in zones else pd.Series("control", index=zones.index)
        control = zones[kinds != "agreement"]
        agreements = bool((kinds == "agreement").any())
        present = set(control["faction"].dropna()) if "faction" in control else set()
        order = [f for f in FACTIONS if f in present] + sorted(present - set(FACTIONS))
        facs = [(faction_label(f), faction_color(f)) for f in order]
    return LegendEntries(tuple(types), tuple(facs), agreements)


def article_sources(events: gpd.GeoDataFrame | None) -> list[tuple[str, str | None]]:
    """``(outlet, published)`` pairs from an events frame (outlet, else the file name)."""
    if events is None or not len(events):
        return []
    out = []
    name_col = "outlet" if "outlet" in events else "article" if "article" in events else None
    if name_col is None:
        return []
    pub = events["published"] if "published" in events else pd.Series(None, index=events.index)
    for name, day in zip(events[name_col], pub, strict=True):
        if not isinstance(name, str) or not name.strip():
            continue
        if name_col == "article":
            name = re.split(r"[\\/]", name)[-1].rsplit(".", 1)[0]
        out.append((name.strip(), day if isinstance(day, str) else None))
    return out


def source_line(sources: Iterable[tuple[str, str | None]], zones: gpd.GeoDataFrame | None = None,
                extra: Iterable[str] = (), max_outlets: int = 8) -> str:
    """The credit line: articles' outlets with their dates, then data credits.

    Outlets are grouped (``Reuters 2019-10-09, 2019-10-12``); beyond
    ``max_outlets`` the rest is counted, so the line stays one line.
    """
    by_outlet: dict[str, set[str]] = {}
    for outlet, day in sources:
        by_outlet.setdefault(outlet, set())
        if day:
            by_outlet[outlet].add(day)
    items = []
    for outlet in sorted(by_outlet, key=lambda o: (-len(by_outlet[o]), o.lower()))[:max_outlets]:
        days = sorted(by_outlet[outlet])
        if len(days) > 3:
            items.append(f"{outlet} {days[0]}…{days[-1]} ({len(days)} dates)")
        else:
            items.append(" ".join([outlet, ", ".join(days)]).strip())
    more = len(by_outlet) - max_outlets
    parts = []
    if items:
        parts.append("Sources: " + "; ".join(items) + (f"; +{more} more" if more > 0 else ""))
    parts += [BASEMAP_CREDIT, GAZETTEER_CREDIT]
    if zones is not None and len(zones) and "source" in zones:
        names = sorted({s for s in zones["source"].dropna() if str(s).strip()})
        if names:
            parts.append("Control zones: " + "; ".join(names[:3]) + (" …" if len(names) > 3 else ""))
    parts += list(extra)
    return " | ".join(parts)


def credit_lines(text: str, width_in: float, u: float, max_lines: int = 2) -> list[str]:
    """The source line wrapped to the page width (7.2 pt text), at most ``max_lines`` lines.

    The width of a character is estimated (0.062 in at 7.2 pt, a little more
    than DejaVu Sans' average) so both renderers break at the same places;
    what does not fit ends with an ellipsis.
    """
    import textwrap

    per_line = max(20, int(width_in / (0.062 * u)))
    lines = textwrap.wrap(text, per_line, break_long_words=True) or [""]
    if len(lines) > max_lines:
        last = " ".join(lines[max_lines - 1:])
        lines = lines[: max_lines - 1] + [last[: per_line - 1].rstrip() + "…"]
    return lines


def km_per_degree_lon(lat: float) -> float:
    """Kilometres in one degree of longitude at a latitude (spherical earth)."""
    return 111.32 * math.cos(math.radians(lat))


def nice_scale_km(span_km: float, fraction: float = 0.25) -> float:
    """A round scale-bar length (1, 2, 5 x 10^n km) near ``fraction`` of the span."""
    target = max(span_km * fraction, 1e-3)
    base = 10 ** math.floor(math.log10(target))
    for step in (5, 2, 1):
        if step * base <= target:
            return step * base
    return base


def fit_bbox(bbox: tuple[float, float, float, float], aspect: float) -> tuple[float, float, float, float]:
    """Grow a lon/lat bbox so that it fills a frame of width/height ``aspect``.

    Longitude degrees are shrunk by cos(latitude), as the map draws them,
    so the result is what the frame shows with an equal-distance aspect.
    """
    w, s, e, n = bbox
    lat0 = (s + n) / 2
    k = math.cos(math.radians(lat0))
    width, height = (e - w) * k, n - s
    if width / height < aspect:
        half = height * aspect / k / 2
        cx = (w + e) / 2
        return (cx - half, s, cx + half, n)
    half = width / aspect / 2
    cy = (s + n) / 2
    return (w, cy - half, e, cy + half)


#: How far (degrees) beyond Syria's box an event may lie and still widen the default view.
NEAR_DEG = 4.0


def default_bbox(events: gpd.GeoDataFrame | None, layers: Mapping[str, gpd.GeoDataFrame] | None = None,
                 pad: float = 0.04) -> tuple[float, float, float, float]:
    """Extent of Syria plus the located events near it, with a small margin.

    Only events within ``NEAR_DEG`` degrees of Syria widen the view: a donor
    conference in Brussels or a bombing in Istanbul would otherwise shrink the
    country to a corner of the slide. Pass a bbox to show them.
    """
    w, s, e, n = SYRIA_BBOX
    countries = (layers or {}).get("countries")
    if countries is not None and len(countries) and "name" in countries:
        syria = countries[countries["name"].astype(str).str.contains("Syria", case=False)]
        if len(syria):
            w, s, e, n = syria.total_bounds
    if events is not None and len(events):
        pts = events[~events.geometry.is_empty & events.geometry.notna()]
        pts = pts.cx[w - NEAR_DEG:e + NEAR_DEG, s - NEAR_DEG:n + NEAR_DEG]
        if len(pts):
            ew, es, ee, en = pts.total_bounds
            w, s, e, n = min(w, ew), min(s, es), max(e, ee), max(n, en)
    dx, dy = (e - w) * pad, (n - s) * pad
    return (w - dx, s - dy, e + dx, n + dy)
