"""The gazetteer: shipped table, lookups, bad rows, analyst places, GeoNames dump import."""

import csv
import io
from pathlib import Path

import pytest

from geo.errors import GazetteerError
from geo.gazetteer import COLUMNS, GAZETTEER_CSV, load_gazetteer, read_places, save_user_place
from geo.gazetteer_cli import run_gazetteer_command
from geo.geonames import feature_kind, parse_dump
from geo.models import PLACE_KINDS, Place

SAMPLE_DUMP = Path(__file__).parent / "data" / "geonames_sample.txt"


@pytest.fixture(scope="module")
def gaz():
    missing = Path("/nonexistent/none.csv")
    return load_gazetteer(user_path=missing, imported_path=missing)


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_HOME", str(tmp_path))
    return tmp_path


def _write(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return path


def _row(**kw) -> dict:
    base = {"id": "cur:test", "name": "Test", "alt_names": "", "lat": "35.0", "lon": "38.0",
            "kind": "village", "country": "SY", "admin1": "", "population": "0", "source": "test"}
    base.update(kw)
    return base


def test_shipped_table_has_the_documented_columns():
    with GAZETTEER_CSV.open(encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == COLUMNS


def test_shipped_table_loads_without_problems(gaz):
    assert gaz.problems == []
    assert len(gaz) > 30_000
    assert all(p.kind in PLACE_KINDS for p in gaz.places.values())


@pytest.mark.parametrize("name, lat, lon, km", [
    ("Khirbet Ammu", 37.06, 41.31, 15), ("Al-Bara", 35.68, 36.54, 15), ("Barah", 35.68, 36.54, 15),
    ("Kafr Awid", 35.64, 36.48, 20), ("Kafr A’wid", 35.64, 36.48, 20), ("Kafr Lusin", 36.28, 36.63, 20),
    ("Talhiya", 35.87, 36.84, 40), ("Al-Bawabiya", 35.85, 36.88, 40), ("Bab al-Hawa", 36.23, 36.67, 10),
    ("Bab al-Salama", 36.64, 37.07, 10), ("Semalka", 37.10, 42.37, 15), ("Hmeimim", 35.40, 35.95, 10),
    ("T4", 34.52, 37.63, 10), ("Tiyas", 34.52, 37.63, 10), ("Shayrat", 34.49, 36.91, 10),
    ("al-Tanf", 33.50, 38.66, 20), ("Conoco field", 35.36, 40.29, 15), ("Al Udeid", 25.12, 51.32, 15),
    ("Tishreen Dam", 36.38, 38.18, 10), ("Euphrates", 35.6, 39.3, 300), ("Khabur", 36.3, 40.8, 150),
    ("Orontes", 35.4, 36.4, 150), ("M4", 35.8, 36.6, 150), ("M5", 35.3, 36.7, 150),
    ("Deir el-Zour", 35.34, 40.14, 25), ("Dayr az-Zawr", 35.34, 40.14, 25), ("Qamishlo", 37.05, 41.23, 15),
    ("Serekaniye", 36.85, 40.07, 15), ("Ras al-Ain", 36.85, 40.07, 15), ("Tell Abiad", 36.70, 38.95, 15),
    ("Kobane", 36.89, 38.35, 15), ("Ayn al-Arab", 36.89, 38.35, 15), ("Ain Issa", 36.39, 38.86, 15),
    ("Istanbul", 41.01, 28.95, 25), ("Ankara", 39.92, 32.85, 25), ("Moscow", 55.75, 37.62, 25),
    ("Sochi", 43.60, 39.73, 25), ("Brussels", 50.85, 4.35, 25), ("Doha", 25.29, 51.53, 25),
    ("Washington", 38.90, -77.04, 50), ("Palmyra", 34.56, 38.27, 15), ("Derik", 37.18, 42.14, 15),
])
def test_lookup_finds_the_place_a_syria_reader_means(gaz, name, lat, lon, km):
    from geo.geodesy import place_km

    best = gaz.lookup(name)[0]
    assert place_km(best, Place("x", "x", lat, lon, "town", "")) <= km, best


@pytest.mark.parametrize("gov", ["Aleppo", "Idlib", "Hama", "Homs", "Latakia", "Tartus", "Raqqa",
                                 "Deir ez-Zor", "Hasakah", "Damascus", "Rif Dimashq", "Quneitra", "Daraa",
                                 "Suwayda"])
def test_fourteen_governorates(gaz, gov):
    assert any(p.kind == "governorate" and p.country == "SY" for p in gaz.lookup(gov + " governorate")
               + gaz.lookup(gov))


def test_lookup_of_unknown_name_is_empty(gaz):
    assert gaz.lookup("Xyzzyville") == []
    assert gaz.get("gn:0") is None


def test_every_curated_row_names_its_source():
    with (GAZETTEER_CSV.parent / "data" / "curated_places.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 150
    assert all(r["source"].strip() for r in rows)


def test_to_frame_is_wgs84_points(gaz):
    frame = gaz.to_frame()
    assert frame.crs.to_epsg() == 4326 and len(frame) == len(gaz)
    row = frame[frame["id"] == gaz.lookup("Aleppo")[0].id].iloc[0]
    assert abs(row.geometry.x - row["lon"]) < 1e-9


@pytest.mark.parametrize("bad, why", [
    (_row(id="cur:a", lat="123"), "out of range"),
    (_row(id="cur:b", lon="east"), "not numbers"),
    (_row(id="cur:c", kind="castle"), "unknown kind"),
    (_row(id="cur:d", population="many"), "population"),
    (_row(id="", name=""), "missing id"),
])
def test_bad_rows_are_reported_with_file_and_line_and_skipped(tmp_path, bad, why):
    path = _write(tmp_path / "g.csv", [_row(id="cur:good"), bad, _row(id="cur:good2")])
    places, problems = read_places(path)
    assert [p.id for p in places] == ["cur:good", "cur:good2"]
    assert len(problems) == 1 and f"{path}:3" in problems[0] and why in problems[0]


def test_broken_csv_line_is_reported(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text(",".join(COLUMNS) + "\ncur:x,X,,35,38,village,SY,,0,s\ncur:y,Y,,35\n"
                    "cur:z,Z,,35,38,town,SY,,0,s\n", encoding="utf-8")
    places, problems = read_places(path)
    assert [p.id for p in places] == ["cur:x", "cur:z"]
    assert problems and f"{path}:3" in problems[0]


def test_missing_gazetteer_file_is_a_clear_error(tmp_path):
    with pytest.raises(GazetteerError, match="cannot read"):
        load_gazetteer(tmp_path / "nope.csv")


@pytest.fixture
def shipped(tmp_path):
    """A small stand-in for gazetteer.csv, so these tests do not load 38,000 rows each."""
    return _write(tmp_path / "shipped.csv", [_row(id="gn:170063", name="Aleppo", lat="36.2", lon="37.16",
                                                   kind="city", population="2000000")])


def test_user_place_persists_and_overrides_shipped_row(home, shipped):
    aleppo = load_gazetteer(shipped).lookup("Aleppo")[0]
    save_user_place(Place("user:umm-jloud", "Umm Jloud", 36.62, 37.80, "village", "SY",
                          alt_names=("Um Jlud",)))
    save_user_place(Place(aleppo.id, "Aleppo", 36.0, 37.0, "city", "SY", source="analyst fix"))
    again = load_gazetteer(shipped)  # a fresh load, as after a restart
    assert again.lookup("Um Jlud")[0].id == "user:umm-jloud"
    assert again.get(aleppo.id).lat == 36.0 and again.get(aleppo.id).source == "analyst fix"
    assert (home / "user_places.csv").is_file()


def test_correcting_a_user_place_replaces_it(home):
    save_user_place(Place("user:x", "X", 35.0, 38.0, "village", "SY"))
    save_user_place(Place("user:x", "X", 35.5, 38.5, "village", "SY"))
    places, _ = read_places(home / "user_places.csv")
    assert [(p.id, p.lat) for p in places] == [("user:x", 35.5)]


@pytest.mark.parametrize("place", [
    Place("user:bad", "Bad", 123.0, 38.0, "village", "SY"),
    Place("user:bad", "Bad", 35.0, 38.0, "castle", "SY"),
])
def test_invalid_user_place_is_refused_and_nothing_written(home, place):
    with pytest.raises(GazetteerError):
        save_user_place(place)
    assert not (home / "user_places.csv").exists()


def test_bad_user_row_does_not_stop_the_shipped_table(home, shipped):
    _write(home / "user_places.csv", [_row(id="user:ok", name="Okville"), _row(id="user:bad", lat="999")])
    g = load_gazetteer(shipped)
    assert g.get("user:ok") and not g.get("user:bad")
    assert any("user_places.csv:3" in p for p in g.problems)


@pytest.mark.parametrize("fclass, fcode, pop, kind", [
    ("P", "PPL", 0, "village"), ("P", "PPL", 20_000, "town"), ("P", "PPLA", 50_000, "city"),
    ("A", "ADM1", 0, "governorate"), ("H", "STM", 0, "river"), ("S", "AIRB", 0, "base"),
    ("S", "SCH", 0, None),
])
def test_feature_codes_map_to_kinds(fclass, fcode, pop, kind):
    assert feature_kind(fclass, fcode, pop) == kind


def test_parse_geonames_dump():
    places, problems = parse_dump(SAMPLE_DUMP)
    names = {p.name: p for p in places}
    assert set(names) == {"Tall Ḩamūd", "Kafr Zaytūn", "Nahr Sāfīd", "Maṭār Kharāb Zayd", "Ḩalab"}
    assert names["Nahr Sāfīd"].kind == "river" and names["Maṭār Kharāb Zayd"].kind == "base"
    assert names["Tall Ḩamūd"].admin1 == "Al-Hasakah" and names["Tall Ḩamūd"].id == "gn:9000001"
    assert "Kharab Zayd airfield" in names["Maṭār Kharāb Zayd"].alt_names
    assert not any("\u062a" in a for p in places for a in p.alt_names)  # Arabic script left out
    assert len(problems) == 2
    assert any(":6:" in p and "out of range" in p for p in problems)
    assert any(":7:" in p and "19" in p for p in problems)


def test_import_geonames_command_widens_the_gazetteer(home):
    out, err = io.StringIO(), io.StringIO()
    status = run_gazetteer_command("import-geonames", [str(SAMPLE_DUMP)], out, err)
    assert status == 1  # imported, but some lines were skipped
    assert "geonames_sample.txt:6" in err.getvalue() and "imported 5 places" in out.getvalue()
    g = load_gazetteer(GAZETTEER_CSV)
    best = g.lookup("Tell Hamoud")[0]
    assert best.id == "gn:9000001" and "geonames_sample.txt" in best.source
    # importing again replaces rather than duplicates
    run_gazetteer_command("import-geonames", [str(SAMPLE_DUMP)], io.StringIO(), io.StringIO())
    imported = read_places(home / "imported_places.csv")[0]
    assert len(imported) == 5
    # a dump row for a shipped place keeps the shipped English name and curated spellings
    aleppo = next(p for p in imported if p.id == "gn:170063")
    assert aleppo.name == "Aleppo" and "Beroea" in aleppo.alt_names


def test_add_and_show_commands(home):
    out = io.StringIO()
    assert run_gazetteer_command("add", ["--name", "Umm Batna", "--lat", "33.1", "--lon", "35.85",
                                         "--kind", "village", "--alt", "Um Batina"], out, io.StringIO()) == 0
    shown = io.StringIO()
    assert run_gazetteer_command("show", ["Um", "Batina"], shown, io.StringIO()) == 0
    assert shown.getvalue().startswith("user:umm-batna\tUmm Batna\tvillage")


def test_saving_keeps_rows_the_loader_skips(home):
    _write(home / "user_places.csv", [_row(id="user:typo", name="Typo", lat="355")])
    save_user_place(Place("user:new", "New", 35.0, 38.0, "village", "SY"))
    text = (home / "user_places.csv").read_text(encoding="utf-8")
    assert "user:typo" in text and "user:new" in text  # the analyst can still fix the typo


def test_curated_spellings_merge_only_into_the_same_country(gaz):
    assert gaz.get("gn:318668").country == "TR" and "Serekaniye" not in gaz.get("gn:318668").alt_names
    assert "Serekaniye" in gaz.get("gn:165509").alt_names
