"""Record writers shared by the places and events commands."""

from __future__ import annotations

import csv
import io
import json

import pytest

from geo.records import write_records

RECS = [{"article": "a.txt", "lat": 36.2, "lon": 37.1, "actors": ["SDF", "Turkey"],
         "quote": 'He said "go", then left'},
        {"article": "b.txt", "lat": None, "lon": None, "actors": [], "quote": "Caf\u00e9, Idlib"}]


def test_jsonl_one_record_per_line():
    out = io.StringIO()
    assert write_records(RECS, "jsonl", out) == 2
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert rows == RECS


def test_csv_joins_lists_and_quotes():
    out = io.StringIO()
    write_records(RECS, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["actors"] == "SDF; Turkey" and rows[0]["quote"] == RECS[0]["quote"]
    assert rows[1]["lat"] == "" and rows[1]["quote"] == "Caf\u00e9, Idlib"


def test_csv_header_even_without_records():
    out = io.StringIO()
    assert write_records([], "csv", out, fields=["article", "lat"]) == 0
    assert out.getvalue().strip() == "article,lat"


def test_geojson_null_geometry_without_coordinates():
    out = io.StringIO()
    write_records(RECS, "geojson", out)
    fc = json.loads(out.getvalue())
    assert fc["features"][0]["geometry"] == {"type": "Point", "coordinates": [37.1, 36.2]}
    assert fc["features"][1]["geometry"] is None
    out = io.StringIO()
    write_records([], "geojson", out)
    assert json.loads(out.getvalue()) == {"type": "FeatureCollection", "features": []}


def test_unknown_format():
    with pytest.raises(ValueError, match="got 'xml'"):
        write_records(RECS, "xml", io.StringIO())
