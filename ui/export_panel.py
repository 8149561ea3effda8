"""The Export tab: briefing picture (PNG, PDF, standalone HTML) and event data.

Called from ``app.py`` inside its EXPORT PANEL block (DASHBOARD engineer: the
call is the only thing the tab needs)::

    from ui.export_panel import render_export_panel
    render_export_panel(st, shown, zones, get_basemap(), view_state)

Pictures are made on request (a button) because a render takes a second or
more; the data files are built only when their download button is clicked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from geo.errors import GeoError
from geo.exportjob import data_bytes, picture_set, sources_of
from geo.layout import EXTENTS, ExportOptions, page_size, parse_bbox
from geo.snapshot import CHROMIUM

log = logging.getLogger(__name__)

SIZE_LABELS = {
    "slide16x9": "16:9 slide (1920x1080)",
    "slide4x3": "4:3 slide (1440x1080)",
    "a4": "A4 landscape",
    "letter": "Letter landscape",
    "custom": "Custom (pixels)",
}
MIME = {"png": "image/png", "pdf": "application/pdf", "html": "text/html", "csv": "text/csv",
        "geojson": "application/geo+json", "kml": "application/vnd.google-earth.kml+xml"}



EXTENT_LABELS = {"auto": "Syria and the events near it", "northwest": "North-west (Idlib, Aleppo)",
                 "northeast": "North-east (Raqqa, Hasakah)", "euphrates": "Euphrates valley",
                 "south": "South (Damascus, Daraa)", "region": "Syria and neighbours",
                 "custom": "Custom (below)"}

def as_geoframe(events: pd.DataFrame) -> gpd.GeoDataFrame:
    """Events as a GeoDataFrame (built from lon/lat when the table has no geometry)."""
    if isinstance(events, gpd.GeoDataFrame):
        return events
    empty = pd.Series(dtype=float)
    geom = gpd.points_from_xy(events.get("lon", empty), events.get("lat", empty))
    return gpd.GeoDataFrame(events, geometry=geom, crs="EPSG:4326")


def _fingerprint(events: pd.DataFrame, view: Mapping[str, Any]) -> str:
    """Changes when the view or the events change: a stale picture is then flagged."""
    h = hashlib.sha1(repr((len(events), view.get("as_of"), view.get("date_from"), view.get("date_to"),
                           view.get("bbox"))).encode())
    if len(events):
        h.update(pd.util.hash_pandas_object(pd.DataFrame(events.drop(columns="geometry", errors="ignore"))
                                            .astype(str), index=False).values.tobytes())
    return h.hexdigest()


def render_export_panel(st: Any, events_gdf: pd.DataFrame, zones_gdf: gpd.GeoDataFrame | None,
                        basemap: Mapping[str, gpd.GeoDataFrame] | None,
                        view_state: Mapping[str, Any]) -> None:
    """Draw the export panel.

    Parameters
    ----------
    st : module
        ``streamlit`` (passed in so this package never imports it).
    events_gdf : DataFrame
        The events on the map (already filtered).
    zones_gdf : GeoDataFrame
        Zones in force on the map's date.
    basemap : mapping
        ``geo.basemap.layers()``.
    view_state : mapping
        ``as_of``, ``date_from``, ``date_to`` (ISO dates or dates), optional
        ``bbox`` (W, S, E, N) and ``sources`` (article path -> (outlet, published)).
    """
    view = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in view_state.items()}
    events = as_geoframe(events_gdf)
    as_of = view.get("as_of") or ""
    stem = f"syria-map-{as_of or 'export'}"

    st.markdown("**Briefing picture** of the map as it is set above (date, filters, zones).")
    with st.form("export_form"):
        c1, c2 = st.columns(2)
        title = c1.text_input("Title", value=f"Syria: situation on {as_of}" if as_of else "Syria",
                              key="export_title")
        subtitle = c2.text_input("Subtitle", value="", key="export_subtitle")
        b1, b2 = st.columns(2)
        banner = b1.text_input("Banner, top and bottom (optional)", value="", key="export_banner",
                               placeholder="e.g. UNCLASSIFIED")
        view_bbox = view.get("bbox")
        area = b2.selectbox("Extent", ["auto", *EXTENTS, "custom"], key="export_area",
                            index=len(EXTENTS) + 1 if view_bbox else 0,
                            format_func=lambda k: EXTENT_LABELS.get(k, k.capitalize()))
        extent = b2.text_input("Custom extent W,S,E,N in degrees",
                               value=",".join(f"{v:g}" for v in view_bbox) if view_bbox else "",
                               key="export_bbox", placeholder="e.g. 38.5,36.0,42.0,37.4")
        c3, c4, c5 = st.columns(3)
        size_key = c3.selectbox("Size", list(SIZE_LABELS), format_func=SIZE_LABELS.get, key="export_size")
        custom = c3.text_input("Custom size, pixels (WxH)", value="1920x1080", key="export_custom")
        dpi = c4.radio("Resolution (dpi)", [150, 300], horizontal=True, key="export_dpi")
        has_browser = Path(CHROMIUM).exists()
        renderer = c5.radio(
            "Renderer", ["static", "browser"] if has_browser else ["static"], key="export_renderer",
            format_func={"static": "Static (fast, print quality)",
                         "browser": "Browser (exactly the interactive map)"}.get)
        submitted = st.form_submit_button("Render picture", type="primary")

    if submitted:
        size = custom.strip() if size_key == "custom" else size_key
        try:
            page = page_size(size, int(dpi))
            options = ExportOptions(
                title=title, subtitle=subtitle, banner=banner, size=size, dpi=int(dpi), renderer=renderer,
                as_of=view.get("as_of"), date_from=view.get("date_from"), date_to=view.get("date_to"),
                bbox=(parse_bbox(extent) if area == "custom" and extent.strip()
                      else EXTENTS.get(area)),
                sources=sources_of(events, view.get("sources") or {}))
            with st.spinner(f"Rendering {page.width_px}x{page.height_px} px ..."):
                files = picture_set(events, zones_gdf, basemap, options, ("png", "pdf", "html"))
        except GeoError as err:
            st.error(f"Could not render: {err}")
        else:
            size_text = f"{page.width_px}x{page.height_px} px, {page.dpi} dpi"
            st.session_state["export_files"] = {"files": files, "stamp": _fingerprint(events, view),
                                                "size": size_text}

    done = st.session_state.get("export_files")
    if done:
        if done["stamp"] != _fingerprint(events, view):
            st.warning("The map has changed since this picture was rendered: render again to update it.")
        st.image(done["files"]["png"], caption=done["size"])
        d1, d2, d3 = st.columns(3)
        for col, fmt, label in ((d1, "png", "PNG"), (d2, "pdf", "PDF"), (d3, "html", "Interactive HTML")):
            col.download_button(f"Download {label}", done["files"][fmt], file_name=f"{stem}.{fmt}",
                                mime=MIME[fmt], key=f"export_dl_{fmt}", on_click="ignore")

    st.markdown(f"**Data**: the {len(events)} event(s) on the map.")
    e1, e2, e3 = st.columns(3)
    data_formats = ((e1, "csv", "CSV"), (e2, "geojson", "GeoJSON"), (e3, "kml", "KML (Google Earth)"))
    for col, fmt, label in data_formats:
        col.download_button(f"Download {label}", lambda fmt=fmt: data_bytes(events, fmt),
                            file_name=f"{stem}.{fmt}", mime=MIME[fmt], key=f"export_data_{fmt}",
                            on_click="ignore", disabled=not len(events))
