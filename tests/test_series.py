"""Series of pictures (every day/week/month), GIF, and the `export` command line."""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import pytest
from PIL import Image
from shapely.geometry import Point, box

from geo import series
from geo.__main__ import main
from geo.errors import ExportError
from geo.layout import ExportOptions
from geo.models import Article, Event


def _event(day: str, lon: float, lat: float, etype: str = "Battles", place: str = "Somewhere",
           article: str = "a1.txt") -> Event:
    return Event(article=article, published=day, date=day, date_precision="day", event_type=etype,
                 sub_event_type="", actors=("SDF",), place=place, lat=lat, lon=lon,
                 place_precision="sentence", fatalities=2, quote="Fighting went on.", start=0, end=10)


@dataclass
class _Extraction:
    article: Article
    mentions: list = field(default_factory=list)
    events: list = field(default_factory=list)


@pytest.fixture
def store_home(tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    from geo.store import Store

    store = Store()
    art = Article(path="a1.txt", text="x", published="2019-10-12", title="t", outlet="Test Wire")
    store.add(_Extraction(art, [], [_event("2019-10-10", 40.0, 36.6), _event("2019-10-17", 39.0, 36.0,
                                                                           "Protests", "Elsewhere")]))
    return tmp_path


def test_weekly_steps_cover_the_range():
    got = series.steps("2019-10-01", "2019-10-20", "week")
    assert [(s.start, s.end) for s in got] == [("2019-10-01", "2019-10-07"), ("2019-10-08", "2019-10-14"),
                                               ("2019-10-15", "2019-10-20")]


def test_monthly_steps_end_of_month():
    got = series.steps("2020-01-31", "2020-04-15", "month")
    assert [s.start for s in got] == ["2020-01-31", "2020-02-29", "2020-03-29"]


@pytest.mark.parametrize(("a", "b", "every"), [("2019-10-20", "2019-10-01", "week"),
                                               ("2019-13-01", "2019-10-01", "week"),
                                               ("2019-10-01", "2019-10-20", "year")])
def test_bad_series_is_an_error(a, b, every):
    with pytest.raises(ExportError):
        series.steps(a, b, every)


def test_write_series_renders_each_step_and_a_gif(tmp_path):
    events = gpd.GeoDataFrame({"event_type": ["Battles", "Protests"], "date": ["2019-10-02", "2019-10-09"]},
                              geometry=[Point(40, 36.6), Point(39, 36)], crs="EPSG:4326")
    zones = gpd.GeoDataFrame({"faction": ["sdf"], "zone_type": ["control"]},
                             geometry=[box(39, 35, 42, 37)], crs="EPSG:4326")
    seen = []

    def fake_zones(day):
        seen.append(day)
        return zones

    from geo.export import render

    def one(ev, zn, opts, path, fmt):
        render(ev, zn, {}, opts, path, fmt)

    opts = ExportOptions(size="400x300", bbox=(38, 35, 42, 37.5))
    weeks = series.steps("2019-10-01", "2019-10-14", "week")
    written, gif = series.write_series(events, fake_zones, opts, weeks, tmp_path / "brief.png", "png", one)
    assert [p.name for p in written] == ["brief_2019-10-07.png", "brief_2019-10-14.png"]
    assert seen == ["2019-10-07", "2019-10-14"]
    with Image.open(gif) as img:
        assert img.n_frames == 2 and img.size == (400, 300)


def test_cli_exports_the_store(store_home, capsys):
    out = store_home / "brief.png"
    rc = main(["export", "--date", "2019-10-20", "--size", "640x360", "--title", "T <b>", "--out", str(out)])
    assert rc == 0
    assert "2 events" in capsys.readouterr().out
    with Image.open(out) as img:
        assert img.size == (640, 360)


def test_cli_writes_kml_of_the_date_range(store_home):
    out = store_home / "ev.kml"
    assert main(["export", "--date", "2019-10-20", "--from", "2019-10-15", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.count("<Placemark>") == 1 and "Elsewhere" in text


def test_cli_missing_folder_is_a_message_not_a_traceback(store_home, capsys):
    rc = main(["export", "--date", "2019-10-20", "--out", str(store_home / "no" / "such" / "m.png")])
    err = capsys.readouterr().err
    assert rc == 2
    assert "does not exist" in err and "Traceback" not in err


@pytest.mark.parametrize("argv", [["--date", "20-10-2019"], ["--date", "2019-10-20", "--bbox", "1,2,3"],
                                  ["--date", "2019-10-20", "--size", "big"],
                                  ["--date", "2019-10-20", "--every", "week"]])
def test_cli_bad_options_exit_2(store_home, capsys, argv):
    assert main(["export", *argv, "--out", str(store_home / "m.png")]) == 2
    assert capsys.readouterr().err.startswith("error:")


def test_pdf_series_still_gets_a_gif(tmp_path):
    from geo.export import render

    events = gpd.GeoDataFrame({"event_type": ["Battles"], "date": ["2019-10-02"]},
                              geometry=[Point(40, 36.6)], crs="EPSG:4326")
    opts = ExportOptions(size="400x300", bbox=(38, 35, 42, 37.5))
    days = series.steps("2019-10-01", "2019-10-03", "day")
    written, gif = series.write_series(events, lambda day: None, opts, days, tmp_path / "b.pdf", "pdf",
                                       lambda ev, zn, o, path, fmt: render(ev, zn, {}, o, path, fmt))
    assert [p.suffix for p in written] == [".pdf"] * 3
    assert all(p.read_bytes().startswith(b"%PDF") for p in written)
    with Image.open(gif) as img:
        assert img.n_frames == 3
