"""The ``events`` command line on temporary files: records, formats, errors and exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from geo import ROOT

FIELDS = ["article", "published", "date", "date_precision", "event_type", "sub_event_type", "actors",
          "place", "lat", "lon", "place_precision", "fatalities", "quote", "start", "end"]


def geo_cli(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "GEO_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("date 2019-10-10\nTurkish jets struck Tal Abyad on Wednesday, killing two "
                             "civilians.\n\nProtesters gathered in Qamishli on Thursday.\n", encoding="utf-8")
    (d / "b.html").write_text("<html><head><title>Deal</title><script>var s='Aleppo shelled';</script>"
                              "</head><body><p>March 5, 2020</p><p>Russia and Turkey signed a ceasefire "
                              "agreement in Moscow on Thursday covering Idlib.</p></body></html>",
                              encoding="utf-8")
    return d


def test_events_jsonl(corpus, tmp_path):
    proc = geo_cli("events", "--format", "jsonl", str(corpus), home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert rows and all(list(r) == FIELDS for r in rows)
    a = [r for r in rows if r["article"].endswith("a.txt")]
    strike = next(r for r in a if r["event_type"] == "Explosions/Remote violence")
    assert strike["place"] and abs(strike["lat"] - 36.69) < 0.2 and abs(strike["lon"] - 38.95) < 0.2
    assert strike["date"] == "2019-10-09" and strike["date_precision"] == "day"
    assert strike["fatalities"] == 2 and "Turkey" in strike["actors"]
    text = (corpus / "a.txt").read_text(encoding="utf-8")
    assert text[strike["start"]:strike["end"]] == strike["quote"]
    assert any(r["event_type"] == "Protests" for r in a)
    assert {r["published"] for r in a} == {"2019-10-10"}
    b = [r for r in rows if r["article"].endswith("b.html")]
    assert b and all(r["published"] == "2020-03-05" for r in b)
    assert all("Aleppo shelled" not in r["quote"] for r in b)


def test_events_csv_and_geojson(corpus, tmp_path):
    proc = geo_cli("events", "--format", "csv", str(corpus / "a.txt"), home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert rows and list(rows[0]) == FIELDS
    proc = geo_cli("events", "--format", "geojson", str(corpus / "a.txt"), home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    fc = json.loads(proc.stdout)
    assert fc["type"] == "FeatureCollection" and fc["features"]
    f = fc["features"][0]
    assert f["geometry"]["type"] == "Point"
    assert f["geometry"]["coordinates"] == [f["properties"]["lon"], f["properties"]["lat"]]


def test_bad_files_are_reported_and_the_rest_processed(corpus, tmp_path):
    (corpus / "empty.txt").write_text("  \n", encoding="utf-8")
    (corpus / "bad.txt").write_bytes(b"\x00\x01\x02 not text")
    proc = geo_cli("events", str(corpus), str(tmp_path / "nope.md"), home=tmp_path)
    assert proc.returncode == 1
    assert "empty.txt" in proc.stderr and "bad.txt" in proc.stderr and "nope.md" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert any(json.loads(line)["article"].endswith("a.txt") for line in proc.stdout.splitlines())


def test_nothing_readable_exits_2(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    proc = geo_cli("events", str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt"), home=tmp_path)
    assert proc.returncode == 2
    assert "empty.txt" in proc.stderr and "missing.txt" in proc.stderr
    assert proc.stdout == ""


def test_usage_error_exits_2(tmp_path):
    proc = geo_cli("events", "--format", "xml", "x.txt", home=tmp_path)
    assert proc.returncode == 2
