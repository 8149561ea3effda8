"""Sketched regions for ``draft_control.py``: the fronts of each period as coarse lon/lat shapes.

An anchor without its own history (:mod:`data.control.draft_history`) takes the
history of the region it lies in; those rows are always marked approximate.
"""

from __future__ import annotations

import math

from shapely.geometry import LineString, Point, Polygon

from data.control.draft_history import h

_AFRIN_SNA = "~2018-03-10 turkey_sna"

TANF = (33.50, 38.66)

#: The Euphrates drawn between towns known to lie on each bank (Raqqa, Karamah,
#: Kasrah, Khusham, Busayrah, Dhiban, al-Kishkiyah, Abu Hamam, Hajin, Susah,
#: Baghuz on the left; Tabqa, Sabkhah, Maadan, Tibni, Deir ez-Zor, Muhasan,
#: Mayadin, al-Ashara, Subaykhan, Abu Kamal on the right).
EUPHRATES = LineString([
    (38.00, 37.10), (38.01, 36.82), (38.10, 36.70), (38.22, 36.58), (38.20, 36.38), (38.27, 36.15),
    (38.45, 35.95), (38.56, 35.87), (38.75, 35.865), (39.01, 35.93), (39.27, 35.84), (39.60, 35.775),
    (39.87, 35.59), (40.05, 35.40), (40.21, 35.32), (40.30, 35.27), (40.37, 35.19), (40.50, 35.00),
    (40.58, 34.935), (40.605, 34.835), (40.70, 34.80), (40.84, 34.665), (40.93, 34.52), (40.915, 34.468),
    (40.98, 34.445), (41.00, 34.38), (41.20, 34.20),
])

#: Everything left (north and east) of the Euphrates: the Jazira.
JAZIRA = Polygon([*EUPHRATES.coords, (43.0, 34.2), (43.0, 37.6), (38.0, 37.6)])

IDLIB_CORE = Polygon([
    (36.15, 35.83), (36.10, 35.90), (36.30, 36.13), (36.45, 36.27), (36.60, 36.31), (36.70, 36.33),
    (36.85, 36.31), (36.95, 36.21), (36.97, 36.10), (36.90, 36.00), (36.80, 35.92), (36.745, 35.86),
    (36.64, 35.72), (36.55, 35.64), (36.45, 35.63), (36.35, 35.70), (36.25, 35.75),
])

#: The larger pocket of 2016-2019 (the core plus the belt lost in 2018-2020).
IDLIB_2016 = Polygon([
    (36.10, 35.90), (36.30, 36.13), (36.45, 36.27), (36.60, 36.31), (36.70, 36.33), (36.85, 36.31),
    (37.00, 36.33), (37.12, 36.28), (37.10, 36.18), (37.05, 36.05), (37.10, 35.95), (37.15, 35.70),
    (37.10, 35.45), (36.85, 35.33), (36.75, 35.30), (36.62, 35.30), (36.50, 35.35), (36.45, 35.45),
    (36.40, 35.60), (36.30, 35.68), (36.15, 35.80),
])

AFRIN = Polygon([(36.45, 36.33), (36.97, 36.33), (36.97, 36.95), (36.45, 36.95)])

GHOUTA = Polygon([(36.31, 33.52), (36.34, 33.57), (36.40, 33.60), (36.47, 33.60), (36.53, 33.55),
                  (36.52, 33.47), (36.44, 33.45), (36.37, 33.48), (36.33, 33.50)])

QALAMOUN_EAST = Polygon([(36.60, 33.70), (36.85, 33.85), (36.95, 33.75), (36.80, 33.62), (36.66, 33.61)])

HOMS_NORTH = Polygon([(36.45, 34.80), (36.55, 34.92), (36.70, 34.99), (36.80, 34.93), (36.82, 34.83),
                      (36.70, 34.80), (36.55, 34.76)])

PALMYRA = (34.56, 38.28)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return math.hypot((a[0] - b[0]) * 111.0, (a[1] - b[1]) * 111.0 * math.cos(math.radians(a[0])))


def _gov_2024(lat: float, lon: float) -> tuple[str, str, bool]:
    """Government ground and the day the November-December 2024 offensives reached it."""
    if lon < 36.25:  # the coast and its mountains: no fighting, handed over with Damascus
        return h("government"), "core", False
    if lon < 37.6 and lat >= 35.6:
        return h("government", "~2024-11-30 hts"), "offensive_2024", False
    if lon < 37.6 and lat >= 35.2:
        return h("government", "~2024-12-03 hts"), "offensive_2024", False
    if lon < 37.6 and lat >= 34.95:
        return h("government", "~2024-12-05 hts"), "offensive_2024", False
    if lon < 37.0 and lat >= 34.8:
        return h("government", "~2024-12-07 hts"), "offensive_2024", False
    return h("government"), "core", False


def region_history(lat: float, lon: float, km_to_turkey: float, admin1: str = "") -> tuple[str, str, bool]:
    """The sketched history of an anchor at ``lat``/``lon`` (always approximate)."""
    p = Point(lon, lat)
    if _km((lat, lon), TANF) < 55:
        return h("islamic_state", "~2016-03-04 coalition"), "tanf", False
    if JAZIRA.contains(p):
        if 38.93 <= lon <= 40.10 and km_to_turkey <= 31:
            return h("sdf", "~2019-10-17 turkey_sna"), "peace_spring", False
        if lat >= 36.3:
            return h("sdf"), "sdf", False
        if lon >= 40.3 and lat >= 35.95:
            return h("islamic_state", "~2016-02-19 sdf"), "sdf", False
        if lat >= 35.95:
            return h("islamic_state", "~2017-01-15 sdf"), "raqqa", False
        if lon < 39.15:
            return h("islamic_state", "~2017-06-15 sdf"), "raqqa", False
        if lon < 39.6:
            return h("islamic_state", "~2017-06-25 sdf"), "raqqa", False
        if lon >= 40.3 and lat >= 35.6:
            return h("islamic_state", "~2017-03-20 sdf"), "sdf", False
        if lat >= 34.78:
            return h("islamic_state", "~2017-11-20 sdf"), "dez", False
        return h("islamic_state", "~2018-12-20 sdf"), "dez", False
    if lat >= 36.3 and lon >= 37.78:
        if lat >= 36.62:
            return h("islamic_state", "~2016-08-30 turkey_sna"), "shield", False
        after = "~2024-12-10 contested" if lon >= 38.15 else "~2024-12-09 turkey_sna"
        return h("islamic_state", "~2016-08-12 sdf", after), "manbij", False
    if lat >= 36.3 and lon >= 37.25:
        if lat >= 36.5:
            return h("islamic_state", "~2016-10-15 turkey_sna"), "shield", False
        if lon >= 37.65:
            return h("islamic_state", "~2016-11-10 sdf", "~2024-12-09 turkey_sna"), "manbij", False
        return h("islamic_state", "~2017-02-23 turkey_sna"), "shield", False
    if AFRIN.contains(p):
        return h("sdf", _AFRIN_SNA), "afrin", False
    if lat >= 36.33 and 36.95 <= lon < 37.25:
        if lat >= 36.55 or lon >= 37.15:
            return h("opposition", "~2016-08-24 turkey_sna"), "shield", False
        return h("opposition", "~2016-02-15 sdf", "~2024-12-01 turkey_sna"), "rifaat", False
    if IDLIB_CORE.contains(p):
        return h("hts"), "idlib_core", False
    if IDLIB_2016.contains(p):
        if lon >= 36.95 and lat < 35.95:
            return h("hts", "~2018-01-20 government", "~2024-12-01 hts"), "abu_duhur", False
        if lat < 35.5:
            return h("hts", "~2019-08-23 government", "~2024-12-02 hts"), "idlib_2019", False
        if lat < 35.95:
            return h("hts", "~2020-01-30 government", "~2024-11-30 hts"), "idlib_2020", False
        return h("hts", "~2020-02-16 government", "~2024-11-28 hts"), "idlib_2020", False
    if lat >= 35.75 and 37.6 <= lon < 38.45:
        return h("islamic_state", "~2017-04-01 government", "~2024-12-01 sdf"), "aleppo_2017", False
    if lat >= 35.72 and 38.45 <= lon < 39.15:
        return h("islamic_state", "~2017-06-01 sdf"), "raqqa", False
    if _km((lat, lon), PALMYRA) < 30:
        return (h("islamic_state", "~2016-03-27 government", "~2016-12-11 islamic_state",
                   "~2017-03-02 government"), "palmyra", False)
    if lon >= 37.6:
        if lat < 33.8:
            return h("opposition", "~2017-06-15 government"), "desert_2017", False
        if lon < 38.3:
            return h("islamic_state", "~2017-05-25 government"), "desert_2017", False
        if lon < 39.3:
            return h("islamic_state", "~2017-08-15 government"), "desert_2017", False
        if lon < 40.2:
            return h("islamic_state", "~2017-09-30 government"), "dez", False
        return h("islamic_state", "~2017-11-19 government"), "dez", False
    if lon >= 37.0 and lat < 34.4:
        if lat < 33.8:
            return h("opposition", "~2017-06-15 government"), "desert_2017", False
        return h("islamic_state", "~2017-05-25 government"), "desert_2017", False
    if lon >= 37.35 and 34.8 <= lat < 35.5:
        return h("islamic_state", "~2017-09-15 government"), "desert_2017", False
    if GHOUTA.contains(p):
        return h("opposition", "~2018-04-01 government"), "ghouta", False
    if QALAMOUN_EAST.contains(p):
        return h("opposition", "~2018-04-22 government"), "qalamoun", False
    if HOMS_NORTH.contains(p):
        return h("opposition", "~2018-05-16 government", "~2024-12-06 hts"), "homs_2018", False
    suwayda = admin1 == "As-Suwayda" or (not admin1 and lat < 33.05 and lon >= 36.53)
    if suwayda:
        return h("government", "~2024-12-07 opposition"), "south_2024", True
    if lat < 33.25 and lon < 36.55 and admin1 not in ("Rif Dimashq", "Damascus"):
        if lon < 36.0 and lat < 32.86:
            return (h("islamic_state", "~2018-07-31 government", "~2024-12-06 opposition"), "south_2018",
                    False)
        if lon < 35.95:
            return h("opposition", "~2018-07-20 government", "~2024-12-06 opposition"), "south_2018", False
        return h("opposition", "~2018-07-10 government", "~2024-12-06 opposition"), "south_2018", False
    return _gov_2024(lat, lon)


#: When the January 2026 government offensive reached SDF ground (13-20 January 2026).
NES_2026_START = "2026-01-01"


def offensive_2026(lat: float, lon: float, admin1: str, held: str) -> str | None:
    """The change point, if any, for SDF-held (or contested) ground in January 2026.

    Aleppo's Kurdish quarters went first (about 10 January), then everything
    west of the Euphrates (17 January), Raqqa governorate (18 January) and the
    Deir ez-Zor east bank (19 January); Hasakah and Kobani stayed with the SDF
    under the ceasefire and integration agreements of 18 and 30 January.
    """
    if held not in ("sdf", "contested"):
        return None
    p = Point(lon, lat)
    if 36.1 < lat < 36.3 and 37.0 < lon < 37.3:
        return "~2026-01-10 transitional"
    if not JAZIRA.contains(p):
        return "~2026-01-17 transitional"
    if admin1 == "Deir ez-Zor" or (not admin1 and lat < 35.72 and lon >= 39.6):
        return "~2026-01-19 transitional"
    if admin1 == "Raqqa" or (not admin1 and 38.6 <= lon < 39.95 and lat < 36.5):
        return "~2026-01-18 transitional"
    return None
