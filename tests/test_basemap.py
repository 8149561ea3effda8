"""The shipped basemap layers: readable offline, consistent with each other and with known geography."""

from __future__ import annotations

import itertools

import geopandas as gpd
import pytest
from shapely.geometry import Point

from geo import basemap

#: Metric CRS for distances (UTM 37N covers Syria well enough for "within a few km").
UTM = 32637

#: Known places (lon, lat) and the governorate they are the seat of / lie in.
PLACES = {
    "Damascus": ((36.291, 33.510), "SY-DI"),
    "Aleppo": ((37.161, 36.201), "SY-HL"),
    "Qamishli": ((41.231, 37.052), "SY-HA"),
    "Hasakah": ((40.748, 36.502), "SY-HA"),
    "Deir ez-Zor": ((40.141, 35.336), "SY-DY"),
    "Raqqa": ((39.008, 35.953), "SY-RA"),
    "Idlib": ((36.634, 35.931), "SY-ID"),
    "Latakia": ((35.791, 35.531), "SY-LA"),
    "Tartus": ((35.887, 34.889), "SY-TA"),
    "Hama": ((36.758, 35.132), "SY-HM"),
    "Homs": ((36.726, 34.724), "SY-HI"),
    "Palmyra": ((38.284, 34.562), "SY-HI"),
    "Douma": ((36.403, 33.572), "SY-RD"),
    "Daraa": ((36.102, 32.619), "SY-DR"),
    "Suwayda": ((36.570, 32.709), "SY-SU"),
    "Quneitra": ((35.825, 33.126), "SY-QU"),
}


def _km(geom_a, geom_b) -> float:
    pair = gpd.GeoSeries([geom_a, geom_b], crs=4326).to_crs(UTM)
    return pair.iloc[0].distance(pair.iloc[1]) / 1000.0


@pytest.fixture(scope="module")
def layers() -> dict[str, gpd.GeoDataFrame]:
    return basemap.layers()


def test_all_layers_load_in_wgs84_with_names(layers):
    assert list(layers) == list(basemap.LAYERS)
    for key, gdf in layers.items():
        assert gdf.crs is not None and gdf.crs.to_epsg() == 4326, key
        assert len(gdf) > 0, key
        assert "name" in gdf.columns, key
        assert gdf["name"].notna().all(), key
        assert gdf.geometry.notna().all() and not gdf.geometry.is_empty.any(), key


def test_layers_are_copies():
    first = basemap.layer("towns")
    first.loc[:, "name"] = "changed"
    assert "changed" not in set(basemap.layer("towns")["name"])


def test_unknown_layer_is_refused():
    with pytest.raises(ValueError, match="'roadz'"):
        basemap.layer("roadz")


def test_missing_file_names_the_path(tmp_path, monkeypatch):
    monkeypatch.setattr(basemap, "BASEMAP_DIR", tmp_path)
    basemap._read_layer.cache_clear()
    try:
        with pytest.raises(basemap.BasemapError, match="rivers.geojson"):
            basemap.layer("rivers")
        assert basemap.layers() == {}  # a partial basemap degrades, it does not crash
    finally:
        monkeypatch.undo()
        basemap._read_layer.cache_clear()


def test_countries_cover_syria_and_neighbours(layers):
    codes = set(layers["countries"]["iso_a2"].dropna())
    assert {"SY", "TR", "IQ", "JO", "LB", "IL"} <= codes
    assert layers["countries"].is_valid.all()


def test_syria_outline(layers):
    outline = basemap.syria_outline()
    assert outline.is_valid and outline.geom_type in ("Polygon", "MultiPolygon")
    for (lon, lat), _ in PLACES.values():
        assert outline.distance(Point(lon, lat)) < 0.02
    for lon, lat in [(35.502, 33.893), (35.945, 31.955), (43.119, 36.335), (37.383, 37.059)]:
        assert not outline.contains(Point(lon, lat))  # Beirut, Amman, Mosul, Gaziantep
    # Natural Earth draws the de facto line: Quneitra town in, Katzrin (Israeli-held Golan) out.
    assert outline.contains(Point(35.825, 33.126))
    assert not outline.contains(Point(35.690, 32.993))
    west, south, east, north = outline.bounds
    rw, rs, re_, rn = basemap.region_bounds()
    assert rw < west < east < re_ and rs < south < north < rn
    assert basemap.syria_bounds() == pytest.approx(outline.bounds)


def test_governorates_are_the_fourteen(layers):
    govs = layers["governorates"]
    assert len(govs) == 14
    assert govs["iso"].is_unique and govs["name"].is_unique
    assert set(govs["iso"]) == {f"SY-{c}" for c in
                                "DI RD QU DR SU HI HM TA LA ID HL RA DY HA".split()}
    assert govs["name_ar"].notna().all()


def test_governorates_tile_syria(layers):
    govs = layers["governorates"]
    outline = basemap.syria_outline()
    assert govs.is_valid.all()
    overlap = sum(a.intersection(b).area for a, b in itertools.combinations(govs.geometry, 2))
    assert overlap < 1e-4 * outline.area
    assert govs.union_all().symmetric_difference(outline).area < 0.01 * outline.area


@pytest.mark.parametrize("place", sorted(PLACES))
def test_place_falls_in_its_governorate(layers, place):
    (lon, lat), iso = PLACES[place]
    hits = layers["governorates"][layers["governorates"].contains(Point(lon, lat))]
    assert hits["iso"].tolist() == [iso]


def test_towns_table(layers):
    towns = layers["towns"]
    assert 60 <= len(towns) <= 150
    assert towns["name"].is_unique
    assert set(towns["rank"]) <= {1, 2, 3, 4}
    assert (towns["population"] >= 0).all()
    by_name = towns.set_index("name")
    assert by_name.loc["Damascus", "rank"] == 1
    seats = ["Aleppo", "Homs", "Hama", "Latakia", "Tartus", "Idlib", "Raqqa", "Deir ez-Zor",
             "Hasakah", "Daraa", "Suwayda", "Quneitra"]
    assert (by_name.loc[seats, "rank"] == 2).all()
    assert by_name.loc["Aleppo", "population"] > by_name.loc["Idlib", "population"] > 0
    # label priority: the table comes sorted by rank
    assert towns["rank"].is_monotonic_increasing


def test_syrian_towns_lie_in_their_governorate(layers):
    towns = layers["towns"][layers["towns"]["country"] == "SY"]
    govs = layers["governorates"].set_index("iso")
    assert len(towns) >= 60
    for name, iso, point in zip(towns["name"], towns["governorate"], towns.geometry, strict=True):
        # border towns sit a few hundred metres outside the 1:10m outline
        assert govs.geometry[iso].distance(point) < 0.03, name


@pytest.mark.parametrize(("river", "place", "km"), [
    ("Euphrates", "Deir ez-Zor", 5), ("Euphrates", "Raqqa", 5), ("Euphrates", "Abu Kamal", 5),
    ("Orontes", "Hama", 5), ("Orontes", "Jisr al-Shughur", 5), ("Khabur", "Hasakah", 5),
    ("Khabur", "al-Shaddadi", 5), ("Tigris", "Mosul", 8), ("Yarmouk", "Daraa", 25),
])
def test_river_passes_near(layers, river, place, km):
    rivers = layers["rivers"].set_index("name")
    towns = layers["towns"].set_index("name")
    assert _km(rivers.geometry[river], towns.geometry[place]) < km


def test_euphrates_does_not_pass_damascus(layers):
    rivers = layers["rivers"].set_index("name")
    assert _km(rivers.geometry["Euphrates"], Point(36.291, 33.510)) > 200


@pytest.mark.parametrize(("ref", "place"), [
    ("M5", "Hama"), ("M5", "Homs"), ("M5", "Damascus"), ("M5", "Maarat al-Numan"), ("M5", "Daraa"),
    ("M4", "Saraqib"), ("M4", "Jisr al-Shughur"), ("M4", "Ain Issa"), ("M4", "Qamishli"),
    ("M2", "Beirut"),
])
def test_highway_passes_through(layers, ref, place):
    roads = layers["roads"]
    towns = layers["towns"].set_index("name")
    line = roads[roads["ref"] == ref].union_all()
    assert _km(line, towns.geometry[place]) < 2


def test_m5_stays_west_of_the_euphrates(layers):
    roads = layers["roads"]
    m5 = roads[roads["ref"] == "M5"].union_all()
    assert m5.bounds[2] < 37.5
    assert _km(m5, Point(40.141, 35.336)) > 200  # Deir ez-Zor


def test_roads_are_marked_schematic(layers):
    roads = layers["roads"]
    assert roads["schematic"].astype(bool).all()
    assert {"M4", "M5"} <= set(roads["ref"].dropna())
