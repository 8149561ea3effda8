"""Data exports of the filtered events: CSV, GeoJSON, KML."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point

from geo.errors import ExportError
from geo.exchange import KML_NS, kml_color, to_csv, to_geojson, to_kml, write_events
from geo.style import event_color

K = {"k": KML_NS}


@pytest.fixture
def events() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"event_type": ["Battles", "Protests", "Battles"],
         "place": ["Ras al-Ayn", "Qamishli & <Co>", None],
         "date": ["2019-10-12", "2019-10", None],
         "published": ["2019-10-13", "2019-10-20", "2019-10-21"],
         "actors": ["SDF; SNA", "", "SAA"],
         "fatalities": [4, None, 1],
         "quote": ["Clashes ]]> <script>alert(1)</script> near the town\x07.", "A march.", "Shelling."]},
        geometry=[Point(40.07, 36.85), Point(41.23, 37.05), None], crs="EPSG:4326")


def test_csv_has_one_row_per_event_with_coordinates(events):
    df = pd.read_csv(io.StringIO(to_csv(events)))
    assert len(df) == 3
    assert df.loc[0, "lon"] == pytest.approx(40.07) and df.loc[0, "lat"] == pytest.approx(36.85)
    assert pd.isna(df.loc[2, "lon"])
    assert df.loc[1, "place"] == "Qamishli & <Co>"


def test_csv_joins_sequences():
    ev = gpd.GeoDataFrame({"actors": [("SDF", "SNA")], "event_type": ["Battles"]},
                          geometry=[Point(40, 36)], crs="EPSG:4326")
    assert "SDF; SNA" in to_csv(ev)


def test_geojson_is_a_feature_collection(events):
    doc = json.loads(to_geojson(events))
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == 3
    first = doc["features"][0]
    assert first["geometry"] == {"type": "Point", "coordinates": [40.07, 36.85]}
    assert first["properties"]["fatalities"] == 4
    assert doc["features"][1]["properties"]["fatalities"] is None
    assert doc["features"][2]["geometry"] is None
    back = gpd.read_file(io.StringIO(to_geojson(events.iloc[:2])))
    assert list(back["place"]) == ["Ras al-Ayn", "Qamishli & <Co>"]


def test_kml_parses_and_has_a_placemark_per_located_event(events):
    root = ET.fromstring(to_kml(events).encode())
    assert root.tag == f"{{{KML_NS}}}kml"
    marks = root.findall(".//k:Placemark", K)
    assert len(marks) == 2  # the third event has no location
    names = [m.findtext("k:name", namespaces=K) for m in marks]
    assert names == ["Battles: Ras al-Ayn", "Protests: Qamishli & <Co>"]
    assert marks[0].findtext(".//k:coordinates", namespaces=K) == "40.070000,36.850000"
    assert marks[0].findtext(".//k:TimeStamp/k:when", namespaces=K) == "2019-10-12"
    assert marks[1].findtext(".//k:TimeStamp/k:when", namespaces=K) == "2019-10"


def test_kml_description_escapes_article_text(events):
    text = to_kml(events)
    root = ET.fromstring(text.encode())
    desc = root.find(".//k:Placemark/k:description", K).text
    assert "&lt;script&gt;" in desc and "<script>" not in desc
    assert "\x07" not in text
    assert "<table>" in desc


def test_kml_styles_use_the_dashboard_colours(events):
    root = ET.fromstring(to_kml(events).encode())
    styles = {s.get("id"): s.findtext(".//k:IconStyle/k:color", namespaces=K)
              for s in root.findall(".//k:Style", K)}
    assert styles["type-battles"] == kml_color(event_color("Battles"))
    mark = root.find(".//k:Placemark", K)
    assert mark.findtext("k:styleUrl", namespaces=K) == "#type-battles"


def test_kml_color_is_aabbggrr():
    assert kml_color("#d62728") == "ff2827d6"


@pytest.mark.parametrize("suffix", ["csv", "geojson", "kml"])
def test_write_events_by_suffix(tmp_path, events, suffix):
    out = write_events(events, tmp_path / f"e.{suffix}")
    assert out.read_text(encoding="utf-8").strip()


def test_write_events_errors(tmp_path, events):
    with pytest.raises(ExportError, match="does not exist"):
        write_events(events, tmp_path / "missing" / "e.csv")
    with pytest.raises(ExportError, match="csv, geojson or kml"):
        write_events(events, tmp_path / "e.xlsx")
