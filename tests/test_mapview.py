"""The folium map: local assets only, one escaped events layer, zones by faction."""

from __future__ import annotations

import json
import re

import folium
import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import LineString, Point, box

from geo import mapview
from geo.eventlayer import aggregate, radius, to_geojson
from geo.style import AGREEMENT_COLOR, EVENT_COLORS, faction_color

EVIL = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


def _events(n: int = 3, quote: str = "Shelling hit the market.") -> pd.DataFrame:
    rows = []
    for i in range(n):
        rows.append({
            "article": "news/a b&c.txt", "date": f"2020-02-0{i % 9 + 1}", "published": "2020-02-10",
            "event_type": "Battles" if i % 2 == 0 else "Protests", "actors": "Syrian army; HTS",
            "place": "Saraqib", "lat": 35.86, "lon": 36.80, "fatalities": i, "quote": quote,
            "admin1": "Idlib", "start": 0, "end": len(quote),
        })
    rows.append({**rows[0], "lat": None, "lon": None, "place": None})  # not locatable
    return pd.DataFrame(rows)


def _zones() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"faction": ["government", "sdf", "turkey_sna"], "zone_type": ["control", "control", "agreement"],
         "name": ["Damascus area", "North-east", "Peace <b>Spring</b>"], "valid_from": ["2019-01-01"] * 3,
         "valid_to": [None] * 3, "source": ["test"] * 3},
        geometry=[box(36, 33, 37, 34), box(39, 35.5, 42, 37), box(38.5, 36.4, 40.5, 37)], crs=4326,
    )


def _basemap() -> dict[str, gpd.GeoDataFrame]:
    return {
        "countries": gpd.GeoDataFrame({"name": ["Syria"]}, geometry=[box(35.7, 32.3, 42.4, 37.3)], crs=4326),
        "rivers": gpd.GeoDataFrame({"name": ["Euphrates"]},
                                   geometry=[LineString([(38, 36.5), (40.2, 35.3)])], crs=4326),
        "towns": gpd.GeoDataFrame({"name": ["Raqqa"]}, geometry=[Point(39.0, 35.95)], crs=4326),
    }


@pytest.fixture(autouse=True)
def _local_assets():
    js, css = folium.Map.default_js, folium.Map.default_css
    mapview.use_local_assets()
    yield
    folium.Map.default_js, folium.Map.default_css = js, css


def _render(m: folium.Map) -> str:
    return m.get_root().render()


def test_rendered_page_references_no_external_host() -> None:
    page = _render(mapview.build_map(_events(), _zones(), _basemap()))
    urls = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert "/app/static/leaflet/leaflet.js" in urls
    assert "/app/static/leaflet/leaflet.css" in urls
    assert not [u for u in urls if re.match(r"(https?:)?//", u)], urls
    assert "jquery" not in page.lower() and "bootstrap" not in page.lower()
    assert not re.search(r"https?://", page), "no URL at all without online tiles"


def test_online_tiles_are_opt_in() -> None:
    page = _render(mapview.build_map(_events(), _zones(), _basemap(), online_tiles=True))
    assert "tile.openstreetmap.org" in page
    assert "tile.openstreetmap.org" not in _render(mapview.build_map(_events(), _zones(), _basemap()))


def test_streamlit_folium_asset_links_are_local() -> None:
    """streamlit-folium loads every JSCSSMixin's default_js/css: all must be local."""
    m = mapview.base_map(_basemap())
    links = []

    def walk(el):
        links.extend(src for _, src in getattr(el, "default_js", []))
        links.extend(href for _, href in getattr(el, "default_css", []))
        for child in getattr(el, "_children", {}).values():
            walk(child)

    for fg in [mapview.events_layer(_events()), *mapview.zone_layers(_zones())]:
        fg.add_to(m)
    walk(m)
    assert links and all(link.startswith("/app/static/") for link in links), links


def test_events_are_one_geojson_layer_of_circle_markers() -> None:
    fg = mapview.events_layer(_events(40))
    children = list(fg._children.values())
    assert len(children) == 1 and isinstance(children[0], folium.GeoJson)
    script = _render(mapview.build_map(_events(40), None, None))
    assert "L.circleMarker" in script
    assert "L.marker(" not in script


def test_article_text_is_escaped_in_the_page() -> None:
    ev = _events(2, quote=EVIL)
    ev["place"] = "<b>Saraqib</b>"
    page = _render(mapview.build_map(ev, _zones(), _basemap()))
    assert "<img src=x" not in page and "<script>alert(2)" not in page
    assert "<b>Saraqib" not in page and "Peace <b>Spring" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in json.dumps(to_geojson(ev))


def test_aggregation_collapses_same_place_and_type() -> None:
    agg = aggregate(_events(6))
    assert sorted(agg["count"]) == [3, 3]  # Battles x3 and Protests x3, the undated-place row dropped
    battles = agg[agg["event_type"] == "Battles"].iloc[0]
    assert battles["fatalities"] == 0 + 2 + 4
    assert (battles["first"], battles["last"]) == ("2020-02-01", "2020-02-05")
    assert battles["items"][0]["d"] == "2020-02-05"  # newest first
    assert battles["items"][0]["u"] == "news%2Fa%20b%26c.txt"
    assert battles["items"][0]["o"] == "0-24"


def test_feature_properties_carry_style() -> None:
    feats = to_geojson(_events(4))["features"]
    assert {f["properties"]["c"] for f in feats} == {EVENT_COLORS["Battles"], EVENT_COLORS["Protests"]}
    assert all(f["geometry"]["coordinates"] == [36.8, 35.86] for f in feats)


@pytest.mark.parametrize(("deaths", "count"), [(0, 1), (1, 1), (10, 1), (100, 5), (10_000, 500)])
def test_radius_grows_and_is_capped(deaths: int, count: int) -> None:
    r = radius(deaths, count)
    assert 4 <= r <= 24
    assert radius(deaths + 50, count) >= r


def test_zone_layers_colour_control_and_outline_agreements() -> None:
    control, agreement = mapview.zone_layers(_zones(), as_of="2020-01-01")
    assert "2020-01-01" in control.layer_name
    m = mapview.base_map(None)
    control.add_to(m)
    agreement.add_to(m)
    page = _render(m)
    assert faction_color("government") in page and faction_color("sdf") in page
    assert AGREEMENT_COLOR in page and '"fill": false' in page
    assert "Peace &lt;b&gt;Spring&lt;/b&gt;" in page.replace("\\u0026", "&")


def test_empty_inputs_still_give_a_map() -> None:
    page = _render(mapview.build_map(_events(1).iloc[0:0], None, {}))
    assert "leaflet" in page


def test_legend_lists_event_types_and_factions() -> None:
    page = _render(mapview.base_map(None))
    for label in ("Battles", "Violence against civilians", "SDF", "Agreement zone"):
        assert label in page


def test_precomputed_popup_items_give_the_same_layer() -> None:
    from geo.eventlayer import popup_items

    ev = _events(7, quote=EVIL)
    subset = ev.iloc[[0, 2, 3, 5]]
    assert to_geojson(subset, popup_items(ev)) == to_geojson(subset)


def test_basemap_as_geojson_dicts_draws_the_same() -> None:
    layers = _basemap()
    a = _render(mapview.base_map(layers))
    b = _render(mapview.base_map(mapview.basemap_geojson(layers)))
    strip = re.compile(r"_[0-9a-f]{32}")
    assert strip.sub("", a) == strip.sub("", b)


def test_prepare_basemap_clips_far_features() -> None:
    far = gpd.GeoDataFrame({"name": ["Syria", "Far away"]},
                           geometry=[box(35.7, 32.3, 42.4, 37.3), box(100, 10, 101, 11)], crs=4326)
    out = mapview.prepare_basemap({"countries": far})
    assert list(out["countries"]["name"]) == ["Syria"]
