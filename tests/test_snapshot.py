"""Standalone HTML with inlined assets, and the headless-Chromium renderer."""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
from PIL import Image
from shapely.geometry import Point, box

from geo import ROOT
from geo.errors import ExportError
from geo.export import blended
from geo.layout import ExportOptions
from geo.mapdraw import ZONE_ALPHA
from geo.snapshot import CHROMIUM, CHROMIUM_ARGS, inline_assets, render_browser, standalone_html
from geo.style import faction_color

LEAFLET = ROOT / "static" / "leaflet" / "leaflet.js"
needs_leaflet = pytest.mark.skipif(not LEAFLET.is_file(), reason="run scripts/fetch_assets.sh")
browser = pytest.mark.browser
needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian chromium")
LAND = "#f4f1ea"  # the dashboard's country fill, under the zones


@pytest.fixture
def layers() -> dict[str, gpd.GeoDataFrame]:
    countries = gpd.GeoDataFrame({"name": ["Syria"]}, geometry=[box(35.7, 32.3, 42.3, 37.3)], crs="EPSG:4326")
    return {"countries": countries}


@pytest.fixture
def zones() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"faction": ["government", "sdf"], "zone_type": ["control", "control"], "name": ["w", "ne"],
         "valid_from": ["2019-01-01"] * 2, "valid_to": [""] * 2, "source": ["Test zones"] * 2},
        geometry=[box(36.0, 32.5, 38.0, 35.5), box(39.5, 35.5, 42.0, 37.0)], crs="EPSG:4326")


@pytest.fixture
def events() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"event_type": ["Battles", "Protests"], "place": ["Tell <Tamer>", "Deir"], "date": ["2019-10-12"] * 2,
         "published": ["2019-10-12"] * 2, "fatalities": [3, None], "actors": ["SDF", ""],
         "quote": ["<script>alert(1)</script>", "A march."], "article": ["a.txt", "b.txt"],
         "lon": [40.0, 40.1], "lat": [36.6, 35.3]},
        geometry=[Point(40.0, 36.6), Point(40.1, 35.3)], crs="EPSG:4326")


def _opts(**kw) -> ExportOptions:
    base = dict(title="<b>Bold</b> & $x$", banner="SECRET <i>", as_of="2019-10-20",
                bbox=(35.5, 32.0, 42.5, 37.5))
    base.update(kw)
    return ExportOptions(**base)


@needs_leaflet
def test_inline_assets_replaces_links_with_shipped_files():
    page = ('<head><script src="/app/static/leaflet/leaflet.js"></script>'
            '<link rel="stylesheet" href="https://cdn.example.org/npm/leaflet@1.9.4/dist/leaflet.css"/>'
            '<script src="https://code.example.org/jquery.min.js"></script></head>')
    out = inline_assets(page)
    assert not re.search(r"<script[^>]+\bsrc=", out) and "<link" not in out
    assert "L.Map" in out or "leaflet" in out.lower()
    assert "url(data:image/png;base64," in out  # layers.png from leaflet.css
    assert "jquery" not in out


def test_inline_assets_needs_leaflet(tmp_path):
    with pytest.raises(ExportError, match="fetch_assets"):
        inline_assets("<html></html>", static=tmp_path)


@needs_leaflet
def test_standalone_html_is_self_contained_and_escaped(events, zones, layers):
    page = standalone_html(events, zones, layers, _opts())
    assert not re.search(r"<script[^>]+\bsrc=", page)
    assert not re.search(r"<link[^>]+stylesheet", page)
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; $x$" in page
    assert page.count("SECRET &lt;i&gt;") == 2
    assert "<script>alert(1)</script>" not in page
    # the legend lists only what is on the map
    assert "SDF" in page and "Islamic State" not in page.split('class="gx-panel"')[1].split("</div></div>")[0]


@browser
@needs_chromium
@needs_leaflet
def test_browser_png_size_dpi_and_colours(tmp_path, events, zones, layers):
    out = render_browser(events, zones, layers, _opts(size="960x540"), tmp_path / "b.png")
    with Image.open(out) as img:
        assert img.size == (960, 540)
        assert img.info["dpi"] == pytest.approx((150, 150), abs=0.05)
        rgb = np.asarray(img.convert("RGB")).astype(int)
    assert rgb.std() > 20
    for faction in zones["faction"]:
        want = blended(faction_color(faction), ZONE_ALPHA, LAND)
        assert int((np.abs(rgb - want).max(axis=2) <= 6).sum()) > 100, faction


@browser
@needs_chromium
@needs_leaflet
def test_browser_pdf_page_size(tmp_path, events, zones, layers):
    out = render_browser(events, zones, layers, _opts(size="a4"), tmp_path / "b.pdf")
    data = out.read_bytes()
    m = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert m is not None
    assert (float(m.group(1)), float(m.group(2))) == pytest.approx((841.89, 595.28), abs=1.0)
    assert data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + data.count(b"/Type/Page") <= 2


@browser
@needs_chromium
@needs_leaflet
def test_standalone_html_opens_with_the_network_cut(tmp_path, events, zones, layers):
    from playwright.sync_api import sync_playwright

    src = tmp_path / "map.html"
    src.write_text(standalone_html(events, zones, layers, _opts()), encoding="utf-8")
    outside = []

    def guard(route):
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = b.new_page(viewport={"width": 1000, "height": 700})
            page.route("**/*", guard)
            page.goto(src.as_uri())
            page.wait_for_selector(".leaflet-overlay-pane path, .leaflet-overlay-pane canvas",
                                   state="attached", timeout=15000)
            # Markers may share one canvas, so count vector layers through Leaflet, not the DOM.
            paths = page.evaluate(
                "() => { let n = 0; for (const k of Object.keys(window)) { const m = window[k];"
                " if (m instanceof L.Map) m.eachLayer(l => { if (l instanceof L.Path) n++; }); }"
                " return n; }")
            title = page.locator(".gx-title h1").inner_text()
        finally:
            b.close()
    assert outside == []
    assert paths >= 4  # country, two zones, two markers
    assert title == "<b>Bold</b> & $x$"
