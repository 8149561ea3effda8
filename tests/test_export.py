"""Static briefing export: sizes, dpi, colours on the page, labels, errors."""

from __future__ import annotations

import re

import geopandas as gpd
import matplotlib
import numpy as np
import pytest
from PIL import Image
from shapely.geometry import Point, box

from geo import layout, mapdraw
from geo.errors import ExportError
from geo.export import blended, hex_rgb, render, render_bytes, select_events
from geo.layout import ExportOptions, page_size
from geo.style import event_color, faction_color


@pytest.fixture
def layers() -> dict[str, gpd.GeoDataFrame]:
    countries = gpd.GeoDataFrame(
        {"name": ["Syria", "Turkey"]},
        geometry=[box(35.7, 32.3, 42.3, 37.3), box(26.0, 37.3, 44.0, 42.0)], crs="EPSG:4326")
    towns = gpd.GeoDataFrame(
        {"name": ["Aleppo", "Homs", "Raqqa"], "population": [2_000_000, 800_000, 300_000]},
        geometry=[Point(37.16, 36.2), Point(36.72, 34.73), Point(39.01, 35.95)], crs="EPSG:4326")
    return {"countries": countries, "towns": towns}


@pytest.fixture
def zones() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"faction": ["government", "sdf"], "zone_type": ["control", "control"],
         "name": ["west", "north-east"], "source": ["Test zones", "Test zones"]},
        geometry=[box(36.0, 32.5, 38.0, 35.5), box(39.5, 35.5, 42.0, 37.0)], crs="EPSG:4326")


@pytest.fixture
def events() -> gpd.GeoDataFrame:
    rows = [
        ("Battles", "Tell Tamer", 40.0, 36.6, "2019-10-12", "Outlet A"),
        ("Explosions/Remote violence", "Maarat", 36.7, 35.6, "2019-10-14", "Outlet B"),
        ("Protests", "Deir", 40.1, 35.3, "2019-09-01", "Outlet A"),
    ]
    return gpd.GeoDataFrame(
        {"event_type": [r[0] for r in rows], "place": [r[1] for r in rows], "date": [r[4] for r in rows],
         "published": [r[4] for r in rows], "outlet": [r[5] for r in rows], "article": ["a.txt"] * 3},
        geometry=[Point(r[2], r[3]) for r in rows], crs="EPSG:4326")


def _opts(**kw) -> ExportOptions:
    base = dict(title="Test map", as_of="2019-10-20", date_from="2019-10-01", date_to="2019-10-20",
                bbox=(35.5, 32.0, 42.5, 37.5))
    base.update(kw)
    return ExportOptions(**base)


def _rgb(path) -> np.ndarray:
    return np.asarray(Image.open(path).convert("RGB")).astype(int)


def _has_colour(img: np.ndarray, rgb: np.ndarray, tol: int = 4, min_pixels: int = 50) -> bool:
    return int((np.abs(img - rgb).max(axis=2) <= tol).sum()) >= min_pixels


@pytest.mark.parametrize(("size", "dpi", "px"), [
    ("slide16x9", 150, (1920, 1080)),
    ("slide4x3", 300, (1440, 1080)),
    ("a4", 150, (1754, 1240)),
    ("letter", 150, (1650, 1275)),
    ("800x600", 150, (800, 600)),
])
def test_png_has_the_size_and_dpi_asked(tmp_path, events, zones, layers, size, dpi, px):
    out = tmp_path / "map.png"
    r = render(events, zones, layers, _opts(size=size, dpi=dpi), out)
    with Image.open(out) as img:
        assert img.size == px
        assert img.info["dpi"] == pytest.approx((dpi, dpi), abs=0.05)  # pHYs stores whole dots per metre
    assert (r.page.width_px, r.page.height_px) == px


@pytest.mark.parametrize(("size", "points"), [("a4", (841.89, 595.28)), ("letter", (792, 612)),
                                              ("slide16x9", (921.6, 518.4))])
def test_pdf_page_size_in_points(tmp_path, events, zones, layers, size, points):
    out = tmp_path / "map.pdf"
    render(events, zones, layers, _opts(size=size), out)
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    box_ = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert box_ is not None
    assert (float(box_.group(1)), float(box_.group(2))) == pytest.approx(points, abs=0.5)  # < 0.2 mm


def test_picture_shows_factions_and_a_marker_where_the_event_is(tmp_path, events, zones, layers):
    out = tmp_path / "map.png"
    r = render(events, zones, layers, _opts(), out)
    img = _rgb(out)
    assert img.std() > 20, "picture is blank"
    for faction in zones["faction"]:
        fill = blended(faction_color(faction), mapdraw.ZONE_ALPHA, mapdraw.SYRIA_LAND)
        assert _has_colour(img, fill), faction
    # A faction not on the map is neither drawn nor in the legend.
    absent = blended(faction_color("turkey_sna"), mapdraw.ZONE_ALPHA, mapdraw.SYRIA_LAND)
    assert not _has_colour(img, absent, tol=2, min_pixels=20)
    for _, ev in events.iterrows():
        x, y = r.project(ev.geometry.x, ev.geometry.y)
        assert 0 <= x < img.shape[1] and 0 <= y < img.shape[0]
        got = img[round(y), round(x)]
        assert np.abs(got - hex_rgb(event_color(ev.event_type))).max() <= 6, (ev.place, got)


def test_marker_pixel_moves_with_the_view(tmp_path, events, zones, layers):
    a = render(events, zones, layers, _opts(), tmp_path / "a.png").project(40.0, 36.6)
    zoomed = _opts(bbox=(38.0, 35.0, 42.0, 37.5))
    b = render(events, zones, layers, zoomed, tmp_path / "b.png").project(40.0, 36.6)
    assert a != pytest.approx(b, abs=5)


def test_markup_and_dollars_render_as_literal_text(events, zones, layers):
    title, banner = "<b>Bold?</b> costs $5 & $x$", "SECRET <i>//</i> & $y$"
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        svg = render_bytes(events, zones, layers, _opts(title=title, subtitle="a_b^c", banner=banner),
                           fmt="svg").decode()
    assert "&lt;b&gt;Bold?&lt;/b&gt; costs $5 &amp; $x$" in svg
    assert svg.count("SECRET &lt;i&gt;//&lt;/i&gt; &amp; $y$") == 2  # top and bottom banner
    assert "a_b^c" in svg


def test_banner_is_drawn_top_and_bottom(tmp_path, events, zones, layers):
    out = tmp_path / "b.png"
    render(events, zones, layers, _opts(banner="UNCLASSIFIED"), out)
    img = _rgb(out)
    green = hex_rgb(layout.banner_color("UNCLASSIFIED"))
    assert np.abs(img[2, 5] - green).max() <= 2 and np.abs(img[-3, 5] - green).max() <= 2
    out2 = tmp_path / "n.png"
    render(events, zones, layers, _opts(), out2)
    assert np.abs(_rgb(out2)[2, 5] - green).max() > 50


def test_missing_folder_is_a_clear_error(tmp_path, events, zones, layers):
    out = tmp_path / "nope" / "map.png"
    with pytest.raises(ExportError, match=r"folder .*nope.* does not exist"):
        render(events, zones, layers, _opts(), out)


def test_unknown_format_is_an_error(tmp_path, events, zones, layers):
    with pytest.raises(ExportError, match="format"):
        render(events, zones, layers, _opts(), tmp_path / "map.bmp")


@pytest.mark.parametrize("size", ["huge", "10x10", "1920x", "0x0"])
def test_bad_size_is_an_error(size):
    with pytest.raises(ExportError, match="size"):
        page_size(size, 150)


def test_bad_dpi_is_an_error():
    with pytest.raises(ExportError, match="dpi"):
        page_size("slide16x9", 5)


def test_labels_do_not_overlap(tmp_path, layers):
    rng = np.random.default_rng(0)
    n = 80
    ev = gpd.GeoDataFrame(
        {"event_type": ["Battles"] * n, "place": [f"Place number {i}" for i in range(n)]},
        geometry=[Point(x, y) for x, y in zip(rng.uniform(37, 39, n), rng.uniform(34, 36, n), strict=True)],
        crs="EPSG:4326")
    from geo.export import build_figure

    fig, ax, _ = build_figure(ev, None, layers, _opts(bbox=(36.5, 33.5, 39.5, 36.5)))
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts if t.get_text().startswith("Place")]
    assert 3 <= len(boxes) < n  # some placed, crowded ones dropped
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b)


def test_select_events_by_dates_and_bbox(events):
    got = select_events(events, "2019-10-01", "2019-10-20")
    assert sorted(got["place"]) == ["Maarat", "Tell Tamer"]
    got = select_events(events, None, None, bbox=(39.0, 35.0, 42.0, 37.0))
    assert sorted(got["place"]) == ["Deir", "Tell Tamer"]
    month = events.assign(date=["2019-10", None, None], published=[None, None, None])
    assert list(select_events(month, "2019-10-09", "2019-10-20")["place"]) == ["Tell Tamer"]
    assert len(select_events(month)) == 3  # no range: undated events stay


def test_legend_lists_only_what_is_on_the_map(events, zones):
    entries = layout.legend_entries(events.iloc[:1], zones.iloc[:1])
    assert [t for t, _ in entries.event_types] == ["Battles"]
    assert [c for _, c in entries.factions] == [faction_color("government")]
    assert layout.legend_entries(None, None).factions == ()
    # a zone outside the view is not on the map, so not in the legend
    east = layout.legend_entries(None, zones, bbox=(39.0, 35.0, 42.5, 37.5))
    assert [c for _, c in east.factions] == [faction_color("sdf")]


def test_source_line_names_outlets_dates_and_credits(events, zones):
    line = layout.source_line(layout.article_sources(events), zones)
    assert "Outlet A 2019-09-01, 2019-10-12" in line
    assert "Outlet B 2019-10-14" in line
    assert "Natural Earth" in line and "GeoNames (CC-BY 4.0)" in line and "Test zones" in line


@pytest.mark.parametrize(("span", "km"), [(600, 100), (100, 20), (1500, 200), (12, 2)])
def test_scale_bar_is_a_round_length(span, km):
    assert layout.nice_scale_km(span, 0.22) == km


def test_km_per_degree_shrinks_with_latitude():
    assert layout.km_per_degree_lon(0) == pytest.approx(111.32)
    assert layout.km_per_degree_lon(35) == pytest.approx(91.19, abs=0.05)


def test_fit_bbox_fills_the_frame_and_keeps_the_view():
    w, s, e, n = layout.fit_bbox((36, 33, 38, 37), 16 / 9)
    assert w < 36 and e > 38 and (s, n) == (33, 37)
    k = np.cos(np.radians(35))
    assert (e - w) * k / (n - s) == pytest.approx(16 / 9)


def test_renders_an_empty_map(tmp_path):
    from geo.events import to_frame

    out = tmp_path / "empty.png"
    render(to_frame([]), None, None, _opts(title="Nothing yet"), out)
    with Image.open(out) as img:
        assert img.size == (1920, 1080)


def test_credit_line_wraps_to_two_lines_at_most():
    text = "Sources: " + "; ".join(f"Outlet {i} 2019-10-{i:02d}" for i in range(1, 40))
    lines = layout.credit_lines(text, 12.5, 1.0)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert layout.credit_lines("short", 12.5, 1.0) == ["short"]
