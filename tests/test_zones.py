"""Control zones: the dated table, the polygons drawn from it, user zones, the CLI."""

from __future__ import annotations

import csv
import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point, box, mapping

from geo import control, zones
from geo.__main__ import main
from geo.basemap import syria_outline
from geo.errors import ZoneError

#: The dates the curated table must cover (issue 3).
COVERED = ["2017-09-15", "2018-03-25", "2019-11-15", "2020-03-10", "2020-12-15", "2022-11-15",
           "2024-08-15", "2024-12-15", "2025-03-15"]

RAQQA, DAMASCUS, IDLIB, SARAQIB, ALEPPO = "gn:172955", "gn:170654", "gn:169389", "gn:164816", "gn:170063"


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_HOME", str(tmp_path / "home"))


def holder(day: str, gid: str) -> str:
    """Faction holding settlement ``gid`` on ``day`` according to the table."""
    rows = control.control_on(day)
    found = rows[rows["gazetteer_id"] == gid]
    assert len(found) == 1, f"{gid} should have exactly one row in force on {day}"
    return found["faction"].iloc[0]


def faction_at(day: str, lon: float, lat: float, frame=None) -> str:
    """Faction of the control polygon covering a point on ``day``."""
    frame = zones.zones_on(day) if frame is None else frame
    ctrl = frame[frame["zone_type"] == "control"]
    hits = [r.faction for r in ctrl.itertuples() if r.geometry.covers(Point(lon, lat))]
    assert len(hits) == 1, f"({lon}, {lat}) on {day} lies in {hits}"
    return hits[0]


def place_xy(gid: str) -> tuple[float, float]:
    rows = control.control_table()
    row = rows[rows["gazetteer_id"] == gid].iloc[0]
    return float(row["lon"]), float(row["lat"])


# --- the record ----------------------------------------------------------------
@pytest.mark.parametrize("day, expected", [("2019-09-01", "sdf"), ("2019-11-15", "turkey_sna")])
@pytest.mark.parametrize("lon, lat", [(39.3, 36.62), (39.6, 36.62), (39.9, 36.72)])
def test_peace_spring_strip_changes_hands(day, expected, lon, lat):
    assert faction_at(day, lon, lat) == expected


def test_idlib_city_held_by_the_opposition_in_march_2020():
    assert holder("2020-03-15", IDLIB) in {"hts", "opposition"}
    assert faction_at("2020-03-15", *place_xy(IDLIB)) in {"hts", "opposition"}


@pytest.mark.parametrize("day, expected", [
    ("2020-01-15", "hts"), ("2020-02-10", "government"), ("2020-02-28", "hts"), ("2020-03-10", "government"),
])
def test_saraqib_changes_hands_in_early_2020(day, expected):
    assert holder(day, SARAQIB) == expected
    assert faction_at(day, *place_xy(SARAQIB)) == expected


@pytest.mark.parametrize("day, expected", [("2016-06-01", "islamic_state"), ("2017-10-16", "islamic_state"),
                                           ("2017-10-17", "sdf"), ("2018-06-01", "sdf")])
def test_raqqa(day, expected):
    assert holder(day, RAQQA) == expected
    assert faction_at(day, *place_xy(RAQQA)) == expected


def test_damascus_changes_on_8_december_2024():
    assert holder("2024-12-07", DAMASCUS) == "government"
    assert holder("2024-12-08", DAMASCUS) == "transitional"
    assert faction_at("2024-12-08", *place_xy(DAMASCUS)) == "transitional"


@pytest.mark.parametrize("gid, day, expected", [
    (ALEPPO, "2024-11-20", "government"), (ALEPPO, "2024-12-02", "hts"),
    ("gn:174186", "2018-03-01", "sdf"), ("gn:174186", "2018-03-20", "turkey_sna"),      # Afrin
    ("gn:167357", "2024-12-01", "sdf"), ("gn:167357", "2024-12-20", "turkey_sna"),      # Manbij
    ("gn:163476", "2024-11-20", "sdf"), ("gn:163476", "2024-12-05", "turkey_sna"),      # Tal Rifaat
    ("gn:170017", "2024-12-04", "government"), ("gn:170017", "2024-12-06", "hts"),      # Hama
    ("gn:163808", "2016-06-01", "government"), ("gn:163808", "2017-01-15", "islamic_state"),  # Palmyra
    ("gn:173480", "2018-01-01", "government"), ("gn:174506", "2018-01-01", "islamic_state"),  # DeZ banks
    ("gn:174506", "2019-06-01", "sdf"),
])
def test_other_settlements_follow_the_record(gid, day, expected):
    assert holder(day, gid) == expected


def test_government_enclaves_inside_sdf_ground():
    """The Hasakah security square is a government island with SDF ground all round."""
    frame = zones.zones_on("2020-12-15")
    gov = frame[(frame.zone_type == "control") & (frame.faction == "government")].geometry.iloc[0]
    sdf = frame[(frame.zone_type == "control") & (frame.faction == "sdf")].geometry.iloc[0]
    square = Point(40.7425, 36.5035)
    island = next(g for g in shapely.get_parts(gov) if g.covers(square))
    assert island.area < 0.01  # a small pocket, not the government's main territory
    holes = [shapely.Polygon(r) for g in shapely.get_parts(sdf) for r in g.interiors]
    assert any(h.covers(square) for h in holes)


@pytest.mark.parametrize("day, lon, lat, inner, outer, km", [
    ("2017-09-15", 36.697, 35.986, "government", "hts", 6),        # al-Fu'ah and Kafriya inside Idlib
    ("2020-12-15", 41.191, 37.021, "government", "sdf", 6),        # Qamishli airport
    ("2020-12-15", 37.152, 36.225, "sdf", "government", 4),        # Sheikh Maqsoud in Aleppo
    ("2020-12-15", 38.66, 33.50, "coalition", "government", 75),   # al-Tanf
])
def test_enclaves_are_ringed_by_the_surrounding_faction(day, lon, lat, inner, outer, km):
    frame = zones.zones_on(day)
    assert faction_at(day, lon, lat, frame) == inner
    outline = syria_outline()
    for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        x, y = lon + dx * km / 91.0, lat + dy * km / 111.0
        if outline.covers(Point(x, y)):
            assert faction_at(day, x, y, frame) == outer, (dx, dy)


def test_idlib_pocket_is_separate_from_other_opposition_ground():
    frame = zones.zones_on("2020-03-10")
    hts = frame[(frame.zone_type == "control") & (frame.faction == "hts")].geometry.iloc[0]
    pocket = next(g for g in shapely.get_parts(hts) if g.covers(Point(*place_xy(IDLIB))))
    assert 3000 < pocket.area * 111 * 91 < 12000  # km², roughly the 2020 pocket


# --- geometry of a day -----------------------------------------------------------
@pytest.mark.parametrize("day", COVERED)
def test_control_partitions_syria(day):
    frame = zones.zones_on(day)
    ctrl = frame[frame["zone_type"] == "control"]
    assert set(ctrl["faction"]) <= set(zones.FACTIONS)
    assert ctrl.geometry.is_valid.all()
    assert ctrl["faction"].is_unique
    geoms = list(ctrl.geometry)
    for i, a in enumerate(geoms):
        for b in geoms[i + 1:]:
            assert a.intersection(b).area < 1e-9
    land = syria_outline().area
    assert abs(sum(g.area for g in geoms) - land) / land < 0.01
    assert (ctrl["valid_from"] <= day).all()


def test_frame_has_the_documented_columns_and_crs():
    frame = zones.zones_on("2020-03-10")
    assert list(frame.columns[:6]) == zones.ZONE_COLUMNS
    assert frame.crs.to_epsg() == 4326
    assert set(frame["zone_type"]) == {"control", "agreement"}


def test_days_of_one_period_share_the_map():
    a, b = zones.control_zones("2021-06-01"), zones.control_zones("2021-07-01")
    assert a["valid_from"].iloc[0] == b["valid_from"].iloc[0]
    assert a.geometry.iloc[0].equals(b.geometry.iloc[0])


def test_before_the_table_nothing_is_claimed():
    assert zones.control_zones("2010-01-01").empty


# --- the table is the map ----------------------------------------------------------
def _copy_table(tmp_path: Path, edit=None) -> Path:
    with control.CONTROL_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if edit:
        rows = edit(rows)
    path = tmp_path / "control.csv"
    control.write_control(rows, path)
    return path


def test_changing_one_town_row_changes_the_map(tmp_path):
    def hand_raqqa_to_government(rows):
        for row in rows:
            if row["gazetteer_id"] == RAQQA and row["faction"] == "sdf":
                row["faction"] = "government"
        return rows

    path = _copy_table(tmp_path, hand_raqqa_to_government)
    edited = zones.zones_on("2019-01-01", control_path=path)
    shipped = zones.control_zones("2019-01-01")
    lon, lat = place_xy(RAQQA)
    assert faction_at("2019-01-01", lon, lat, edited) == "government"
    assert faction_at("2019-01-01", lon, lat, shipped) == "sdf"


def test_coordinate_rows_place_anchors_without_a_gazetteer_id(tmp_path):
    def add_desert_point(rows):
        return rows + [{"gazetteer_id": "", "name": "test outpost", "lat": "34.8", "lon": "39.0",
                        "faction": "contested", "valid_from": "2019-01-01", "valid_to": "",
                        "source": "test", "approximate": "yes"}]

    path = _copy_table(tmp_path, add_desert_point)
    assert faction_at("2019-06-01", 39.0, 34.8, zones.control_zones("2019-06-01", path=path)) == "contested"


BAD_ROWS = [
    ({"gazetteer_id": "gn:1", "faction": "sdf", "valid_from": "2019-01-01"}, "not in the gazetteer"),
    ({"gazetteer_id": "", "name": "x", "faction": "sdf", "valid_from": "2019-01-01"}, "lat and lon"),
    ({"gazetteer_id": RAQQA, "faction": "rebels", "valid_from": "2019-01-01"}, "unknown faction"),
    ({"gazetteer_id": RAQQA, "faction": "sdf", "valid_from": "2019-05-01", "valid_to": "2019-01-01"},
     "not after"),
    ({"gazetteer_id": RAQQA, "faction": "sdf", "valid_from": "2019-02-30"}, "valid_from"),
    ({"gazetteer_id": "", "lat": "95", "lon": "40", "faction": "sdf", "valid_from": "2019-01-01"}, "lat"),
]


@pytest.mark.parametrize("row, message", BAD_ROWS)
def test_bad_control_rows_are_refused_naming_the_line(tmp_path, row, message):
    path = tmp_path / "control.csv"
    control.write_control([{"gazetteer_id": DAMASCUS, "faction": "government", "valid_from": "2016-01-01"},
                           row], path)
    with pytest.raises(ZoneError, match=message) as err:
        control.read_control(path)
    assert "control.csv line 3" in str(err.value)


def test_overlapping_periods_of_one_town_are_refused(tmp_path):
    path = tmp_path / "control.csv"
    control.write_control([
        {"gazetteer_id": RAQQA, "name": "Raqqa", "faction": "islamic_state", "valid_from": "2016-01-01",
         "valid_to": "2017-11-01"},
        {"gazetteer_id": RAQQA, "name": "Raqqa", "faction": "sdf", "valid_from": "2017-10-17"},
    ], path)
    with pytest.raises(ZoneError, match="overlaps"):
        control.read_control(path)


def test_shipped_table_periods_are_contiguous():
    """Each settlement's next row starts the day the previous one ends (no gaps after 2016)."""
    table = control.control_table().sort_values(["anchor", "valid_from"])
    for _, rows in table.groupby("anchor"):
        assert list(rows["valid_from"].iloc[1:]) == list(rows["valid_to"].iloc[:-1])


def test_changes_between_lists_raqqa_in_october_2017():
    changed = control.changes_between("2017-10-01", "2017-11-01")
    row = changed[changed["gazetteer_id"] == RAQQA].iloc[0]
    assert (row["before"], row["after"]) == ("islamic_state", "sdf")


# --- the analyst's zones -----------------------------------------------------------
def _feature(geometry, **props):
    return {"type": "Feature", "properties": props, "geometry": geometry}


def _write(tmp_path, features, name="mine.geojson"):
    path = tmp_path / name
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


DESERT = mapping(box(39.0, 34.0, 39.5, 34.5))


def test_user_zones_take_precedence(tmp_path):
    path = _write(tmp_path, [_feature(DESERT, faction="islamic_state", valid_from="2019-01-01",
                                      valid_to="2020-01-01", name="IS pocket (my reading)")])
    user = zones.load_user_zones(path)
    inside = zones.zones_on("2019-06-01", user_zones=user)
    assert faction_at("2019-06-01", 39.25, 34.25, inside) == "islamic_state"
    ctrl = inside[inside.zone_type == "control"]
    shipped_parts = ctrl[ctrl["name"] != "IS pocket (my reading)"]
    assert all(g.intersection(box(39.0, 34.0, 39.5, 34.5)).area < 1e-9 for g in shipped_parts.geometry)
    land = syria_outline().area
    assert abs(sum(g.area for g in ctrl.geometry) - land) / land < 0.01
    # outside its dates the user zone is not applied
    later = zones.zones_on("2021-06-01", user_zones=user)
    assert faction_at("2021-06-01", 39.25, 34.25, later) == "government"


@pytest.mark.parametrize("written, key", [
    ("SDF", "sdf"), ("Turkey_SNA", "turkey_sna"), ("Islamic State", "islamic_state"),
    ("islamic-state", "islamic_state"),
])
def test_user_factions_may_be_written_as_keys_in_any_case_or_labels(tmp_path, written, key):
    path = _write(tmp_path, [_feature(DESERT, faction=written, valid_from="2019-01-01")])
    assert list(zones.load_user_zones(path)["faction"]) == [key]


def test_later_user_feature_wins_where_two_overlap(tmp_path):
    path = _write(tmp_path, [
        _feature(DESERT, faction="islamic_state", valid_from="2019-01-01"),
        _feature(mapping(box(39.2, 34.0, 39.5, 34.5)), faction="contested", valid_from="2019-01-01"),
    ])
    frame = zones.zones_on("2019-06-01", user_zones=zones.load_user_zones(path))
    assert faction_at("2019-06-01", 39.1, 34.25, frame) == "islamic_state"
    assert faction_at("2019-06-01", 39.4, 34.25, frame) == "contested"


BOWTIE = {"type": "Polygon", "coordinates": [[[39, 34], [39.5, 34.5], [39.5, 34], [39, 34.5], [39, 34]]]}
MALFORMED = [
    (_feature(BOWTIE, faction="sdf", valid_from="2019-01-01", name="Bowtie"), "invalid geometry"),
    (_feature(DESERT, faction="rebels", valid_from="2019-01-01", name="Rebel area"), "unknown faction"),
    (_feature(DESERT, faction="sdf", valid_from="2019-05-01", valid_to="2019-01-01", name="Backwards"),
     "before or on valid_from"),
    (_feature({"type": "Point", "coordinates": [39, 34]}, faction="sdf", valid_from="2019-01-01",
              name="A point"), "Polygon"),
    (_feature({"type": "Polygon", "coordinates": "nonsense"}, faction="sdf", valid_from="2019-01-01",
              name="Garbled"), "geometry"),
    (_feature(DESERT, faction="sdf", name="Undated"), "valid_from"),
]


@pytest.mark.parametrize("bad, message", MALFORMED)
def test_malformed_user_zones_are_refused_naming_the_feature(tmp_path, bad, message):
    good = _feature(DESERT, faction="sdf", valid_from="2019-01-01", name="Fine")
    path = _write(tmp_path, [good, bad])
    with pytest.raises(ZoneError, match=message) as err:
        zones.load_user_zones(path)
    assert "mine.geojson feature 1" in str(err.value)
    assert bad["properties"]["name"] in str(err.value)
    # the shipped zones keep working
    assert not zones.zones_on("2019-06-01").empty


@pytest.mark.parametrize("text", ["not json", json.dumps({"type": "Feature"}), ""])
def test_unreadable_user_file_is_refused(tmp_path, text):
    path = tmp_path / "broken.geojson"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ZoneError, match="broken.geojson"):
        zones.load_user_zones(path)


def test_exported_zones_read_back_as_user_zones(tmp_path):
    frame = zones.zones_on("2020-03-10")
    path = zones.export_geojson(frame, tmp_path / "out.geojson")
    back = zones.load_user_zones(path)
    assert len(back) == len(frame)
    assert set(back["faction"]) == set(frame["faction"])
    assert set(back["zone_type"]) == {"control", "agreement"}


# --- command line -------------------------------------------------------------------
def _run(argv):
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(argv)
    return code, out.getvalue()


def test_cli_prints_a_feature_collection():
    code, out = _run(["zones", "--date", "2019-11-15", "--format", "geojson"])
    assert code == 0
    data = json.loads(out)
    assert data["type"] == "FeatureCollection"
    props = data["features"][0]["properties"]
    assert set(zones.ZONE_COLUMNS) <= set(props)
    names = {f["properties"]["name"] for f in data["features"]}
    assert "Operation Peace Spring zone" in names


def test_cli_applies_user_zones_and_refuses_bad_ones(tmp_path, capsys):
    good = _write(tmp_path, [_feature(DESERT, faction="contested", valid_from="2019-01-01", name="Mine")])
    code, out = _run(["zones", "--date", "2019-11-15", "--user-zones", str(good)])
    assert code == 0 and "Mine" in out
    bad = _write(tmp_path, [_feature(DESERT, faction="rebels", valid_from="2019-01-01", name="Bad one")],
                 name="bad.geojson")
    code, out = _run(["zones", "--date", "2019-11-15", "--user-zones", str(bad)])
    assert code == 1  # the file is refused, the shipped zones are still printed
    names = {f["properties"]["name"] for f in json.loads(out)["features"]}
    assert "Bad one" not in names and "Operation Peace Spring zone" in names
    assert "bad.geojson feature 0 (Bad one)" in capsys.readouterr().err


def test_cli_refuses_a_bad_date(capsys):
    code, _ = _run(["zones", "--date", "2019-02-30"])
    assert code == 2
    assert "2019-02-30" in capsys.readouterr().err


def test_a_corrected_place_position_moves_its_anchor():
    """The analyst's gazetteer correction (same id) is picked up without a restart."""
    from geo.gazetteer import save_user_place
    from geo.models import Place

    before = place_xy(RAQQA)
    save_user_place(Place(RAQQA, "Raqqa", 35.90, 39.10, "city", "SY", "Raqqa", 0, (), "test correction"))
    assert place_xy(RAQQA) == (39.10, 35.90) != before
    assert faction_at("2016-06-01", 39.10, 35.90) == "islamic_state"


def test_cli_draws_from_another_table_and_names_its_bad_line(tmp_path, capsys):
    def raqqa_contested(rows):
        return [dict(r, faction="contested") if r["gazetteer_id"] == RAQQA else r for r in rows]

    good = _copy_table(tmp_path, raqqa_contested)
    code, out = _run(["zones", "--date", "2019-01-01", "--control", str(good)])
    assert code == 0
    factions = {f["properties"]["faction"] for f in json.loads(out)["features"]}
    assert "contested" in factions
    bad = tmp_path / "bad.csv"
    control.write_control([{"gazetteer_id": RAQQA, "faction": "rebels", "valid_from": "2016-01-01"}], bad)
    code, out = _run(["zones", "--date", "2019-01-01", "--control", str(bad)])
    assert code == 2 and out == ""
    assert "bad.csv line 2" in capsys.readouterr().err


def test_dates_after_the_curated_period_say_so():
    late = zones.zones_on("2026-06-01")
    assert late[late.zone_type == "control"]["source"].str.contains("curated to").all()
    assert not zones.zones_on("2026-01-25")["source"].str.contains("curated to").any()


@pytest.mark.parametrize("gid, before, after", [
    (RAQQA, "sdf", "transitional"), ("gn:170785", "sdf", "transitional"),   # Raqqa, Deir Hafer
    ("gn:174506", "sdf", "transitional"), ("gn:173811", "sdf", "sdf"),       # Hajin, Hasakah
])
def test_january_2026_offensive(gid, before, after):
    assert holder("2026-01-01", gid) == before
    assert holder("2026-01-25", gid) == after


@pytest.mark.parametrize("key", [SARAQIB, "saraqib", "Saraqib"])
def test_history_of_a_town(key):
    rows = zones.history_of(key)
    assert list(rows["faction"][:5]) == ["hts", "government", "hts", "government", "hts"]
    assert list(rows["valid_from"][1:4]) == ["2020-02-06", "2020-02-27", "2020-03-02"]
    assert rows["valid_to"].iloc[-1] == ""
    assert zones.history_of("Nowhere at all").empty
