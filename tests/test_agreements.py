"""Agreement zones: recipes on small made-up inputs, then the shipped zones against their terms."""

from __future__ import annotations

import json
import math

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point, box

from geo import agreements, zones
from geo.agreements import Context, agreement_zones, build_agreements
from geo.errors import ZoneError
from geo.models import Place


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_HOME", str(tmp_path / "home"))


def metric_area_km2(geom) -> float:
    return gpd.GeoSeries([geom], crs=4326).to_crs(agreements.METRIC_CRS).area.iloc[0] / 1e6


def km_between(a: Point, b: Point) -> float:
    pts = gpd.GeoSeries([a, b], crs=4326).to_crs(agreements.METRIC_CRS)
    return pts.iloc[0].distance(pts.iloc[1]) / 1000


# --- recipes on a made-up world ------------------------------------------------------
class FakeGazetteer:
    def __init__(self, **places: tuple[float, float]) -> None:
        self.places = {k: Place(k, k, lat, lon, "town", "SY", "", 0, (), "test")
                       for k, (lat, lon) in places.items()}

    def get(self, place_id):
        return self.places.get(place_id)


LAND = box(37.0, 34.0, 39.0, 36.0)
NORTH = box(37.0, 36.0, 39.0, 37.0)  # a neighbour along the whole northern edge
COUNTRIES = gpd.GeoDataFrame({"name": ["Land", "North"], "iso_a2": ["SY", "TR"]},
                             geometry=[LAND, NORTH], crs=4326)


def fake_context(**kw) -> Context:
    gaz = FakeGazetteer(west=(35.9, 37.5), east=(35.9, 38.5), mid=(35.0, 38.0), seed=(35.0, 38.0))
    return Context(gazetteer=gaz, outline=LAND, countries=COUNTRIES, **kw)


def write_zones(tmp_path, *zone_list):
    path = tmp_path / "agreements.json"
    path.write_text(json.dumps({"zones": list(zone_list)}), encoding="utf-8")
    return path


BASE = {"faction": "contested", "valid_from": "2020-01-01", "valid_to": "", "text": "t", "source": "s"}


def test_circle_has_the_radius_asked(tmp_path):
    path = write_zones(tmp_path, {**BASE, "name": "C", "recipe": "circle", "radius_km": 20,
                                  "center": {"gazetteer_id": "mid"}})
    geom = build_agreements(path, fake_context()).geometry.iloc[0]
    assert metric_area_km2(geom) == pytest.approx(math.pi * 20 ** 2, rel=0.02)
    assert geom.contains(Point(38.0, 35.0))


def test_border_strip_is_deep_and_wide_as_asked(tmp_path):
    path = write_zones(tmp_path, {**BASE, "name": "S", "recipe": "border_strip", "border": "TR",
                                  "depth_km": 30, "west": {"gazetteer_id": "west"},
                                  "east": {"gazetteer_id": "east"}})
    geom = build_agreements(path, fake_context()).geometry.iloc[0]
    lon0, lat0, lon1, lat1 = geom.bounds
    assert (lon0, lon1) == pytest.approx((37.5, 38.5))
    assert lat1 == pytest.approx(36.0)
    assert km_between(Point(38.0, lat0), Point(38.0, 36.0)) == pytest.approx(30, abs=0.5)


def test_road_corridor_follows_the_road_between_two_places(tmp_path):
    road = gpd.GeoDataFrame({"name": ["M9 test road", "other"]},
                            geometry=[LineString([(37.0, 35.0), (39.0, 35.0)]),
                                      LineString([(37.0, 34.5), (39.0, 34.5)])], crs=4326)
    path = write_zones(tmp_path, {**BASE, "name": "R", "recipe": "road_corridor", "road": "M9",
                                  "half_width_km": 6, "from": {"lat": 35.0, "lon": 37.5},
                                  "to": {"lat": 35.1, "lon": 38.5}, "fallback_line": []})
    geom = build_agreements(path, fake_context(roads=road)).geometry.iloc[0]
    assert geom.contains(Point(38.0, 35.0))
    assert not geom.contains(Point(38.0, 34.5))  # the other road
    assert not geom.contains(Point(38.8, 35.0))  # beyond the end place
    # ~1 degree of road (91 km at 35 N) x 12 km, plus the two round ends
    assert metric_area_km2(geom) == pytest.approx(12 * 91 + math.pi * 6 ** 2, rel=0.03)


def test_road_corridor_without_basemap_roads_uses_the_towns(tmp_path):
    path = write_zones(tmp_path, {**BASE, "name": "R", "recipe": "road_corridor", "road": "M9",
                                  "half_width_km": 6, "from": {"lat": 35.0, "lon": 37.5},
                                  "to": {"lat": 35.0, "lon": 38.5},
                                  "fallback_line": [{"lat": 35.0, "lon": 37.0}, {"gazetteer_id": "mid"},
                                                    {"lat": 35.0, "lon": 39.0}]})
    empty = gpd.GeoDataFrame({"name": []}, geometry=[], crs=4326)
    geom = build_agreements(path, fake_context(roads=empty)).geometry.iloc[0]
    assert geom.contains(Point(38.0, 35.03))


def test_inner_band_runs_inside_the_pocket_along_the_front(tmp_path):
    pocket = box(37.6, 34.6, 38.4, 35.4)
    control = gpd.GeoDataFrame({"faction": ["hts", "government"]},
                               geometry=[pocket, LAND.difference(pocket)], crs=4326)
    path = write_zones(tmp_path, {**BASE, "name": "D", "recipe": "inner_band", "on": "2018-09-17",
                                  "inside": ["hts"], "against": ["government"],
                                  "seed": {"gazetteer_id": "seed"}, "depth_km": 15})
    geom = build_agreements(path, fake_context(control=lambda day: control)).geometry.iloc[0]
    assert pocket.buffer(1e-9).contains(geom)
    assert not geom.contains(Point(38.0, 35.0))        # the pocket's centre is deeper than 15 km
    assert geom.contains(Point(37.65, 35.0))           # just inside the edge


@pytest.mark.parametrize("change, message", [
    ({"recipe": "hexagon"}, "recipe"), ({"faction": "rebels"}, "unknown faction"),
    ({"valid_to": "2019-01-01"}, "not after"), ({"center": {"name": "Nowhere"}}, "Nowhere"),
])
def test_bad_zone_definitions_are_refused_naming_the_zone(tmp_path, change, message):
    zone = {**BASE, "name": "Broken zone", "recipe": "circle", "radius_km": 5,
            "center": {"gazetteer_id": "mid"}}
    path = write_zones(tmp_path, {**zone, **change})
    with pytest.raises(ZoneError, match=message) as err:
        build_agreements(path, fake_context())
    assert "Broken zone" in str(err.value)


# --- the shipped zones ---------------------------------------------------------------------
def named(day: str, name: str):
    found = agreement_zones(day)
    found = found[found["name"].str.contains(name)]
    return found.geometry.iloc[0] if len(found) else None


def test_every_shipped_zone_has_dates_text_and_source():
    all_zones = agreement_zones()
    assert len(all_zones) >= 4
    assert (all_zones["zone_type"] == "agreement").all()
    assert all_zones.geometry.is_valid.all() and not all_zones.geometry.is_empty.any()
    assert all(len(t) > 80 for t in all_zones["text"]) and all(all_zones["source"].str.len() > 10)


def test_peace_spring_zone():
    assert named("2019-09-01", "Peace Spring") is None
    geom = named("2019-11-15", "Peace Spring")
    assert geom.contains(Point(39.5, 36.6))
    lon0, _, lon1, _ = geom.bounds
    assert 38.9 < lon0 < 39.0 and 40.0 < lon1 < 40.1
    assert 2500 < metric_area_km2(geom) < 4500


def test_m4_corridor():
    assert named("2020-01-01", "M4") is None
    geom = named("2020-06-01", "M4")
    assert geom.contains(Point(36.61, 35.82))          # Ariha, on the road
    assert not geom.contains(Point(36.634, 35.931))    # Idlib city, ~12 km north
    assert named("2024-12-15", "M4") is None


def test_tanf_zone():
    geom = named("2020-06-01", "Tanf")
    assert geom.contains(Point(38.66, 33.5))
    north_50, north_60 = Point(38.66, 33.5 + 50 / 111), Point(38.66, 33.5 + 60 / 111)
    assert geom.contains(north_50) and not geom.contains(north_60)


def test_sochi_zone_is_a_band_inside_the_2018_pocket():
    assert named("2018-06-01", "Sochi") is None
    geom = named("2019-01-01", "Sochi")
    assert not geom.contains(Point(36.634, 35.931))     # Idlib city lies deeper inside
    ctrl = zones.control_zones("2018-09-17")
    held = ctrl[ctrl["faction"].isin(["hts", "opposition"])].geometry.union_all()
    assert geom.difference(held.buffer(1e-6)).area < 1e-9
    assert named("2020-06-01", "Sochi") is None


@pytest.mark.parametrize("name, seed, ended", [
    ("Idlib", (36.634, 35.931), "2019-05-01"), ("northern Homs", (36.732, 34.927), "2018-05-20"),
    ("Eastern Ghouta", (36.403, 33.572), "2018-04-20"), ("south-west", (36.039, 32.886), "2018-08-01"),
])
def test_astana_zones_cover_their_pocket_while_in_force(name, seed, ended):
    assert named("2017-05-01", f"Astana de-escalation zone: {name}") is None
    geom = named("2017-09-15", f"Astana de-escalation zone: {name}")
    assert geom.contains(Point(*seed))
    ctrl = zones.control_zones("2017-05-06")
    held = ctrl[ctrl["faction"].isin(["hts", "opposition"])].geometry.union_all()
    assert geom.difference(held.buffer(1e-6)).area < 1e-9
    assert named(ended, f"Astana de-escalation zone: {name}") is None
