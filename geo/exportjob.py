"""One export job, shared by the command line and the app's export panel.

Gathers the events (articles run through :mod:`geo.pipeline`, or the
store), the zones and the basemap, and dispatches to the right writer: the
static renderer (:mod:`geo.export`), the browser renderer or standalone HTML
(:mod:`geo.snapshot`), or the data formats (:mod:`geo.exchange`).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd

from geo.errors import ExportError, InputError
from geo.layout import ExportOptions

log = logging.getLogger(__name__)

PICTURE_FORMATS = ("png", "pdf", "svg", "html")
DATA_FORMATS = ("csv", "geojson", "kml")


@dataclass
class Inputs:
    """Events to draw and where they were read from."""

    events: gpd.GeoDataFrame
    #: article path -> (outlet or file name, publication date)
    sources: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)


def _outlet(article) -> tuple[str, str | None]:
    name = (article.outlet or "").strip() or Path(article.path).stem
    return name, article.published


def from_articles(paths: Iterable[str | Path]) -> Inputs:
    """Run article files or folders through the extraction pipeline.

    Unreadable files are collected in ``errors``; the others go on.
    """
    from geo.events import to_frame
    from geo.gazetteer import load_gazetteer
    from geo.pipeline import run

    extractions, errors = run(list(paths), load_gazetteer())
    events = [ev for x in extractions for ev in x.events]
    return Inputs(to_frame(events), {x.article.path: _outlet(x.article) for x in extractions}, list(errors))


def from_store(store=None) -> Inputs:
    """The events already in the store (``geo.store.Store()`` by default)."""
    from geo.events import to_frame
    from geo.store import Store

    store = store if store is not None else Store()
    return Inputs(to_frame(store.events()), {a.path: _outlet(a) for a in store.articles()})


def sources_of(events: gpd.GeoDataFrame, sources: Mapping[str, tuple[str, str | None]]
               ) -> tuple[tuple[str, str | None], ...]:
    """(outlet, published) of the articles behind ``events`` (for the source line)."""
    if events is None or not len(events) or "article" not in events:
        return ()
    seen = dict.fromkeys(a for a in events["article"] if isinstance(a, str))
    return tuple(sources[a] for a in seen if a in sources)


def zones_for(day: str) -> gpd.GeoDataFrame:
    """Zones in force on ``day`` (empty, with a warning, when none can be built)."""
    from geo.errors import ZoneError
    from geo.zones import zones_on

    try:
        return zones_on(day)
    except (ZoneError, OSError) as err:
        log.warning("no control zones for %s: %s", day, err)
        return gpd.GeoDataFrame(columns=["faction", "zone_type", "geometry"], geometry="geometry",
                                crs="EPSG:4326")


def basemap_layers() -> dict[str, gpd.GeoDataFrame]:
    """The shipped basemap (missing layers are skipped by geo.basemap with a warning)."""
    from geo.basemap import layers

    return layers()


def write_picture(events: gpd.GeoDataFrame, zones: gpd.GeoDataFrame | None,
                  layers: Mapping[str, gpd.GeoDataFrame] | None, options: ExportOptions,
                  out: str | Path, fmt: str) -> Path:
    """Write a PNG/PDF (static or browser renderer, per ``options.renderer``) or standalone HTML."""
    if fmt == "html":
        from geo.snapshot import write_html

        return write_html(events, zones, layers, options, out)
    if options.renderer == "browser":
        from geo.snapshot import render_browser

        return render_browser(events, zones, layers, options, out, fmt)
    if options.renderer != "static":
        raise ExportError(f"renderer should be static or browser, got {options.renderer!r}")
    from geo.export import render

    return render(events, zones, layers, options, out, fmt).path  # type: ignore[return-value]


def picture_bytes(events: gpd.GeoDataFrame, zones: gpd.GeoDataFrame | None,
                  layers: Mapping[str, gpd.GeoDataFrame] | None, options: ExportOptions, fmt: str) -> bytes:
    """The picture (png, pdf or html) as bytes, for a download button."""
    if fmt == "html":
        from geo.snapshot import standalone_html

        return standalone_html(events, zones, layers, options).encode("utf-8")
    if options.renderer == "static":
        from geo.export import render

        buf = io.BytesIO()
        render(events, zones, layers, options, buf, fmt)
        return buf.getvalue()
    from geo.snapshot import browser_pictures

    return browser_pictures(events, zones, layers, options, (fmt,))[fmt]


def picture_set(events: gpd.GeoDataFrame, zones: gpd.GeoDataFrame | None,
                layers: Mapping[str, gpd.GeoDataFrame] | None, options: ExportOptions,
                formats: tuple[str, ...] = ("png", "pdf", "html")) -> dict[str, bytes]:
    """Several formats of one picture (the browser renderer shares one Chromium session)."""
    out: dict[str, bytes] = {}
    shots = tuple(f for f in formats if f in ("png", "pdf"))
    if options.renderer == "browser" and shots:
        from geo.snapshot import browser_pictures

        out.update(browser_pictures(events, zones, layers, options, shots))
    for fmt in formats:
        if fmt not in out:
            out[fmt] = picture_bytes(events, zones, layers, options, fmt)
    return {fmt: out[fmt] for fmt in formats}


def data_bytes(events: gpd.GeoDataFrame, fmt: str) -> bytes:
    """Events as CSV, GeoJSON or KML bytes (UTF-8)."""
    from geo import exchange

    writers = {"csv": exchange.to_csv, "geojson": exchange.to_geojson, "kml": exchange.to_kml}
    if fmt not in writers:
        raise ExportError(f"data format should be one of {', '.join(writers)}, got {fmt!r}")
    return writers[fmt](events).encode("utf-8")
