"""Distances on the globe, the one formula every module uses."""

from __future__ import annotations

import math

from geo.models import Place

#: Mean Earth radius (IUGG), km.
EARTH_RADIUS_KM = 6371.0088


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two WGS84 points (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def place_km(a: Place, b: Place) -> float:
    """Great-circle distance in kilometres between two places."""
    return km(a.lat, a.lon, b.lat, b.lon)
