"""The app's export panel, driven by Streamlit's AppTest (no browser)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from geo.layout import EXTENTS
from geo.snapshot import CHROMIUM
from ui import export_panel


def _panel_app() -> None:
    import geopandas as gpd
    import streamlit as st
    from shapely.geometry import Point, box

    from ui.export_panel import render_export_panel

    events = gpd.GeoDataFrame(
        {"event_type": ["Battles"], "place": ["Tell Tamer"], "date": ["2019-10-12"], "article": ["a.txt"],
         "published": ["2019-10-12"], "fatalities": [2], "actors": ["SDF"], "quote": ["x"],
         "lon": [40.0], "lat": [36.6]},
        geometry=[Point(40.0, 36.6)], crs="EPSG:4326")
    zones = gpd.GeoDataFrame({"faction": ["sdf"], "zone_type": ["control"], "name": ["ne"],
                              "valid_from": ["2019-01-01"], "valid_to": [""], "source": ["Test"]},
                             geometry=[box(39.5, 35.5, 42.0, 37.0)], crs="EPSG:4326")
    render_export_panel(st, events, zones, {}, {"as_of": "2019-10-20", "date_from": "2019-10-01",
                                               "date_to": "2019-10-20", "sources": {"a.txt": ("Wire", None)}})


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_function(_panel_app, default_timeout=120)
    at.run()
    assert not at.exception
    return at


def test_panel_offers_the_options(app):
    labels = [w.label for w in app.text_input]
    assert {"Title", "Subtitle"} <= set(labels)
    assert app.text_input(key="export_title").value == "Syria: situation on 2019-10-20"
    assert [o for o in app.selectbox(key="export_size").options][0].startswith("16:9")
    assert app.radio(key="export_dpi").options == ["150", "300"]


def test_panel_renders_and_offers_downloads(app):
    app.text_input(key="export_title").input("<b>Brief</b> $5")
    app.text_input(key="export_banner").input("UNCLASSIFIED")
    app.selectbox(key="export_size").select("custom")
    app.text_input(key="export_custom").input("640x360")
    app.button[0].click().run()
    assert not app.exception
    assert not app.error, [e.value for e in app.error]
    files = app.session_state["export_files"]
    assert files["files"]["png"].startswith(b"\x89PNG")
    assert files["files"]["pdf"].startswith(b"%PDF")
    assert b"&lt;b&gt;Brief&lt;/b&gt; $5" in files["files"]["html"]
    assert files["size"] == "640x360 px, 150 dpi"


def test_bad_custom_size_is_reported(app):
    app.selectbox(key="export_size").select("custom")
    app.text_input(key="export_custom").input("huge")
    app.button[0].click().run()
    assert not app.exception
    assert any("size" in e.value for e in app.error)


def test_bad_extent_is_reported(app):
    app.selectbox(key="export_area").select("custom")
    app.text_input(key="export_bbox").input("40,30")
    app.button[0].click().run()
    assert not app.exception
    assert any("bbox" in e.value for e in app.error)


def test_named_extent_frames_the_picture(app, monkeypatch):
    seen = {}
    real = export_panel.picture_set

    def spy(events, zones, layers, options, formats):
        seen["bbox"] = options.bbox
        return real(events, zones, layers, options, formats)

    monkeypatch.setattr(export_panel, "picture_set", spy)
    app.selectbox(key="export_area").select("northwest")
    app.button[0].click().run()
    assert not app.exception and not app.error
    assert seen["bbox"] == EXTENTS["northwest"]


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian chromium")
def test_panel_browser_renderer(app):
    app.selectbox(key="export_size").select("custom")
    app.text_input(key="export_custom").input("800x450")
    app.radio(key="export_renderer").set_value("browser")
    app.button[0].click().run()
    assert not app.exception and not app.error
    files = app.session_state["export_files"]["files"]
    with Image.open(io.BytesIO(files["png"])) as img:
        assert img.size == (800, 450)
    assert files["pdf"].startswith(b"%PDF")
