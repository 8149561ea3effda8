"""Syria conflict map: the Streamlit dashboard.

Widgets -> ``geo`` calls -> output; no parsing, geometry or SQL here. Loaders
are cached at this boundary, keyed by the analyst's folder (``GEO_HOME``) and
the store's write counter so that any change is picked up. The map is kept
between reruns: only the events and zone layers are swapped when the slider
or a filter moves (``feature_group_to_add``).

Run with ``streamlit run app.py`` (``bash scripts/start.sh``).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo import basemap, home, mapview
from geo.errors import GeoError, StoreError
from geo.eventlayer import popup_items, to_geojson
from geo.events import on_map as events_on_map
from geo.events import to_frame
from geo.filters import EventFilter, apply, counts, date_bounds, options
from geo.gazetteer import Gazetteer, load_gazetteer, user_places_path
from geo.highlight import STYLE, highlight
from geo.ingest import ingest_sample_if_empty
from geo.store import Store
from geo.style import EVENT_COLORS
from geo.timeline import weekly_counts
from geo.zones import load_user_zones, zones_on
from ui.articles_panel import render_articles_panel
from ui.markdown import plain
from ui.review_panel import render_review_panel

logger = logging.getLogger(__name__)

st.set_page_config(page_title="Syria conflict map", page_icon=":world_map:", layout="wide")
mapview.use_local_assets("/app/static")

TABS = ["Timeline", "Events", "Reader", "Review places", "Add articles", "Export"]
TABLE_COLUMNS = ["date", "event_type", "sub_event_type", "actors", "place", "admin1", "fatalities",
                 "quote", "article", "date_precision", "place_precision", "lat", "lon"]
#: The zones' date can go anywhere in the war, whatever the stored events cover.
FIRST_DAY, LAST_DAY = dt.date(2011, 3, 15), dt.date.today()


# ----------------------------------------------------------------- loaders
def _quote_span() -> tuple[int, int] | None:
    """The ``quote=start-end`` of a popup's link: the sentence to underline in the reader."""
    match = re.fullmatch(r"(\d+)-(\d+)", st.query_params.get("quote", ""))
    return (int(match[1]), int(match[2])) if match else None


def _user_zones_path() -> Path:
    return home() / "user_zones.geojson"


def _mtime(path: Path) -> float:
    return path.stat().st_mtime if path.is_file() else 0.0


@st.cache_resource
def get_store(where: str) -> Store:
    return Store(Path(where) / "store.sqlite")


@st.cache_resource(max_entries=2)
def get_gazetteer(where: str, user_mtime: float) -> Gazetteer:
    return load_gazetteer()


def gazetteer() -> Gazetteer:
    """The gazetteer, reloaded when the analyst's own places change."""
    return get_gazetteer(str(home()), _mtime(user_places_path()))


@st.cache_resource
def get_basemap() -> dict:
    """The shipped basemap layers as they are (the export draws them at its own scale)."""
    return basemap.layers()


@st.cache_data(max_entries=2, show_spinner=False)
def load_events(where: str, version: int) -> pd.DataFrame:
    return to_frame(get_store(where).events())


@st.cache_data(max_entries=64, show_spinner=False)
def filtered(where: str, version: int, spec: EventFilter) -> pd.DataFrame:
    return apply(load_events(where, version), spec)


@st.cache_resource
def get_basemap_geojson() -> dict:
    """The basemap for the interactive map: cut to the region, simplified, converted once."""
    return mapview.basemap_geojson(mapview.prepare_basemap(get_basemap()))


@st.cache_data(max_entries=2, show_spinner=False)
def load_popups(where: str, version: int) -> pd.Series:
    return popup_items(load_events(where, version))


@st.cache_data(max_entries=64, show_spinner=False)
def markers(where: str, version: int, spec: EventFilter) -> dict:
    return to_geojson(filtered(where, version, spec), load_popups(where, version))


@st.cache_data(max_entries=64, show_spinner=False)
def zones_for(where: str, day: str, user_mtime: float) -> gpd.GeoDataFrame:
    user = load_user_zones(Path(where) / "user_zones.geojson") if user_mtime else None
    return zones_on(day, user)


# ------------------------------------------------------------- first start
where = str(home())
store = get_store(where)
try:
    if not st.session_state.get("sample_checked"):
        st.session_state["sample_checked"] = True
        if not len(store):  # the gazetteer is only needed (and loaded) to read the sample
            with st.spinner("First start: reading the sample articles ..."):
                report = ingest_sample_if_empty(gazetteer(), store)
            if report is not None:
                st.session_state["first_report"] = report
    version = store.version()
except StoreError as err:
    st.error(f"The store cannot be read: {plain(err)}. Move the file aside (or set GEO_HOME to another "
             "folder) and start again; the sample articles are read into a new store.")
    st.stop()
first = st.session_state.get("first_report")
if first is not None and first.errors:
    with st.expander(f"{len(first.errors)} sample file(s) could not be read", expanded=False):
        for err in first.errors:
            st.error(plain(err))

events = load_events(where, version)
bounds = date_bounds(events) or (FIRST_DAY, LAST_DAY)
lo_day, hi_day = bounds[0], max(bounds[1], bounds[0] + dt.timedelta(days=1))
zone_lo, zone_hi = min(lo_day, FIRST_DAY), max(hi_day, LAST_DAY)


# --------------------------------------------------------------- controls
def _clamp(day: dt.date) -> dt.date:
    return min(max(day, zone_lo), zone_hi)


def _step(days: int) -> None:
    """Move the event window and the zones' date by ``days`` (callback: state only)."""
    delta = dt.timedelta(days=days)
    a, b = st.session_state.get("dates", (lo_day, hi_day))
    if a + delta < lo_day:
        delta = lo_day - a
    if b + delta > hi_day:
        delta = hi_day - b
    st.session_state["dates"] = (a + delta, b + delta)
    st.session_state["asof"] = _clamp(st.session_state.get("asof", hi_day) + dt.timedelta(days=days))


opts = options(events)
by_type = counts(events)
with st.sidebar:
    st.header("Filters")
    # option labels are what the URL keeps, so they carry no counts (counts change)
    types = st.multiselect("Event type", opts["types"], key="type", bind="query-params")
    actors = st.multiselect("Actor", opts["actors"], key="actor", bind="query-params")
    places = st.multiselect("Place", opts["places"], key="place", bind="query-params")
    govs = st.multiselect("Governorate", opts["governorates"], key="gov", bind="query-params")
    arts = st.multiselect("Source article", opts["articles"], key="src", bind="query-params",
                          format_func=lambda p: Path(p).name)
    text = st.text_input("Search text (quote, place, actor ...)", key="q", bind="query-params")
    undated = st.checkbox("Keep events without any date", value=True, key="undated", bind="query-params")
    tiles = st.toggle("Online tiles (OpenStreetMap, satellite)", value=False, key="tiles",
                      help="Off by default: tiles are fetched from third-party servers, which then "
                           "learn which area you are looking at.")

st.title("Syria conflict map")
c1, c2, c3 = st.columns([8, 1, 1], vertical_alignment="bottom")
with c1:
    start, end = st.slider("Events between", min_value=lo_day, max_value=hi_day, value=(lo_day, hi_day),
                           step=dt.timedelta(days=1), format="YYYY-MM-DD", key="dates", bind="query-params")
c2.button("\u25c0 week", on_click=_step, args=(-7,), help="Move the dates one week back", width="stretch")
c3.button("week \u25b6", on_click=_step, args=(7,), help="Move the dates one week on", width="stretch")
z1, z2 = st.columns([8, 2], vertical_alignment="bottom")
with z2:
    follow = st.checkbox("Zones follow the end date", value=True, key="follow", bind="query-params")
with z1:
    as_of = st.slider("Control zones as of", min_value=zone_lo, max_value=zone_hi, value=hi_day,
                      step=dt.timedelta(days=1), format="YYYY-MM-DD", key="asof", bind="query-params",
                      disabled=follow)
if follow:
    as_of = end

spec = EventFilter(start=start.isoformat(), end=end.isoformat(), types=tuple(types), actors=tuple(actors),
                   places=tuple(places), governorates=tuple(govs), articles=tuple(arts), text=text,
                   include_undated=undated)
shown = filtered(where, version, spec)
try:
    zones = zones_for(where, as_of.isoformat(), _mtime(_user_zones_path()))
except GeoError as err:
    st.error(f"Control zones for {as_of}: {plain(err)}")
    zones = None

on_map = int(events_on_map(shown).sum()) if len(shown) else 0
m1, m2, m3, m4 = st.columns(4)
m1.metric("Events shown", f"{len(shown):,}", help=f"of {len(events):,} stored")
m2.metric("On the map", f"{on_map:,}", help="Events without coordinates, or placed only at a country,\n"
          "are only in the table")
m3.metric("Fatalities", f"{int(pd.to_numeric(shown.get('fatalities'), errors='coerce').sum()):,}"
          if len(shown) else "0")
m4.metric("Zones as of", as_of.isoformat())
shown_by_type = counts(shown)
st.caption(" \u00b7 ".join(f"{t}: {shown_by_type.get(t, 0):,} of {n:,}" for t, n in by_type.items())
           or "No events stored yet.")

# ------------------------------------------------------------------- map
# A fresh base map each run: its script comes out identical every time, so
# streamlit-folium keeps the browser's map and only swaps `layers`.
fmap = mapview.base_map(get_basemap_geojson(), online_tiles=tiles)
layers = [mapview.events_layer(markers(where, version, spec)),
          *mapview.zone_layers(zones, as_of.isoformat())]
st_folium(fmap, key="map", feature_group_to_add=layers, layer_control=folium.LayerControl(collapsed=True),
          returned_objects=[], use_container_width=True, height=580)

# ------------------------------------------------------------------ tabs
tab_time, tab_events, tab_reader, tab_review, tab_add, tab_export = st.tabs(
    TABS, key="tab", bind="query-params")

with tab_events:
    if tab_events.open:  # lazy: only the open tab's content runs and is sent
        cols = [c for c in TABLE_COLUMNS if c in shown.columns]
        st.dataframe(pd.DataFrame(shown[cols]), hide_index=True, width="stretch",
                     column_config={"quote": st.column_config.TextColumn(width="large")})
        st.download_button("Download these events (CSV)", pd.DataFrame(shown[cols]).to_csv(index=False),
                           file_name=f"events_{start}_{end}.csv", mime="text/csv")

with tab_time:
    if tab_time.open:  # lazy: only the open tab's content runs and is sent
        weekly = weekly_counts(shown)
        if weekly.empty:
            st.info("No dated events match the filters.")
        else:
            st.bar_chart(weekly, color=[EVENT_COLORS.get(c, "#777777") for c in weekly.columns],
                         x_label="week", y_label="events")

with tab_reader:
    if tab_reader.open:  # lazy: only the open tab's content runs and is sent
        articles = {a.path: a for a in store.articles()}
        if not articles:
            st.info("No articles yet: add some in the 'Add articles' tab.")
        else:
            # The URL keeps an option's label, so the label is the path itself (map popups link
            # to ?article=<path>); no default, or a link's ?article= would be dropped from the
            # URL when it names the first article (a bound value equal to the default is).
            path = st.selectbox("Article", list(articles), index=None, key="article", bind="query-params",
                                placeholder="Choose an article (or follow a link from a map popup)")
            if path is not None:
                art = articles[path]
                about = (f"{art.title} - {art.outlet or 'unknown outlet'}"
                         f" - published {art.published or 'date unknown'}")
                st.caption(plain(about))
                quote = _quote_span() if st.query_params.get("article") == path else None
                st.html(STYLE + highlight(art.text, store.mentions(path), quote=quote))
                own = load_events(where, version)
                own = own[own["article"] == path] if len(own) else own
                st.subheader(f"{len(own)} event(s) from this article")
                cols = [c for c in TABLE_COLUMNS if c in own.columns]
                st.dataframe(pd.DataFrame(own[cols]), hide_index=True)
                if st.button("Remove this article from the store", key="remove"):
                    store.remove(path)
                    st.rerun()


with tab_review:
    if tab_review.open:  # lazy: only the open tab's content runs and is sent
        render_review_panel(st, store, gazetteer, get_gazetteer.clear)

with tab_add:
    if tab_add.open:
        render_articles_panel(st, store, gazetteer, _user_zones_path())

# ---- BEGIN EXPORT PANEL (owned by the EXPORT engineer; edit only inside this block) ----
# Inputs ready here: `shown` (filtered events, GeoDataFrame), `zones` (GeoDataFrame for `as_of`),
# `as_of`, `start`, `end` (datetime.date), `spec` (geo.filters.EventFilter), `get_basemap()`.
with tab_export:
    from ui.export_panel import render_export_panel

    render_export_panel(st, shown, zones, get_basemap(), {
        "as_of": as_of, "date_from": start, "date_to": end,
        "sources": {a.path: (a.outlet or Path(a.path).stem, a.published) for a in store.articles()},
    })
# ---- END EXPORT PANEL ----
