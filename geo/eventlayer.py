"""Events as map features: aggregated where dense, every text field escaped.

Ten thousand single markers are slow to draw and impossible to read, so events
at the same place with the same type collapse into one marker carrying a
count, the summed fatalities and the first few reports. The result is plain
GeoJSON (a dict) that :mod:`geo.mapview` hands to one Leaflet GeoJson layer.

Every string that comes from an article is HTML-escaped *here*, once, so the
JavaScript that builds popups only concatenates safe text.
"""

from __future__ import annotations

import html
import math
from urllib.parse import quote

import pandas as pd

from geo.style import event_color

#: How many reports one aggregated marker lists in its popup.
MAX_ITEMS = 3
#: Longest quote shown in a popup, in characters (the reader has the rest).
MAX_QUOTE = 220
#: Coordinates are rounded to this many decimals (~100 m) to decide "same place".
PLACE_DECIMALS = 3


def radius(fatalities: float, count: int) -> float:
    """Marker radius in pixels: grows with the square root of deaths, a little with count.

    Square roots keep a 300-fatality massacre visible without hiding its
    neighbours; the count term lets repeated shelling of one village stand out.
    """
    r = 4.0 + 2.0 * math.sqrt(max(fatalities, 0.0)) + 1.5 * math.log2(max(count, 1))
    return round(min(r, 24.0), 1)


def _esc(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)


def _actors(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def _trim(text: str, limit: int = MAX_QUOTE) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _short_name(path: object) -> str:
    """The file name of an article path (the popup has little room)."""
    text = "" if _missing(path) else str(path)
    return text.replace("\\", "/").rsplit("/", 1)[-1]


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _item(rec: dict) -> dict:
    fat = rec.get("fatalities")
    return {
        "d": _esc(rec.get("date") or "undated"),
        "a": _esc(_actors(rec.get("actors"))),
        "f": None if _missing(fat) else int(fat),
        "q": _esc(_trim(rec.get("quote") or "")),
        # quote(safe="") leaves only [A-Za-z0-9_.~%-]: safe inside an href
        "u": quote(str(rec.get("article") or ""), safe=""),
        "s": _esc(_short_name(rec.get("article"))),
    }


def locatable(events: pd.DataFrame) -> pd.DataFrame:
    """The events that have coordinates (the others cannot be drawn)."""
    if events.empty:
        return events
    ok = events["lat"].notna() & events["lon"].notna()
    return events[ok]


def aggregate(events: pd.DataFrame) -> pd.DataFrame:
    """Collapse events at the same place with the same type.

    Parameters
    ----------
    events
        One row per event with at least ``lat``, ``lon``, ``event_type``,
        ``date``, ``fatalities``, ``place``, ``actors``, ``quote``, ``article``.

    Returns
    -------
    pandas.DataFrame
        One row per marker: lat, lon, event_type, place, count, fatalities
        (sum, NaN when none known), first, last (dates) and items (list of
        up to :data:`MAX_ITEMS` escaped reports, newest first).
    """
    cols = ["lat", "lon", "event_type", "place", "count", "fatalities", "first", "last", "items"]
    events = locatable(events)
    if events.empty:
        return pd.DataFrame(columns=cols)
    # Plain dicts: a pandas groupby with per-group Series work costs ~1 ms a
    # group, far too slow when 10k events sit at 10k distinct villages.
    groups: dict[tuple, dict] = {}
    for rec in events.to_dict("records"):
        key = (round(float(rec["lat"]), PLACE_DECIMALS), round(float(rec["lon"]), PLACE_DECIMALS),
               rec.get("event_type"))
        g = groups.get(key)
        if g is None:
            g = groups[key] = {"lat": key[0], "lon": key[1], "event_type": key[2], "place": "",
                               "count": 0, "fatalities": float("nan"), "dates": [], "recs": []}
        g["count"] += 1
        if not g["place"] and not _missing(rec.get("place")):
            g["place"] = rec["place"]
        fat = rec.get("fatalities")
        if not _missing(fat):
            g["fatalities"] = (0 if math.isnan(g["fatalities"]) else g["fatalities"]) + float(fat)
        if not _missing(rec.get("date")):
            g["dates"].append(rec["date"])
        g["recs"].append(rec)
    rows = []
    for g in groups.values():
        dates = g.pop("dates")
        recs = sorted(g.pop("recs"), key=lambda r: "" if _missing(r.get("date")) else r["date"], reverse=True)
        g["first"] = min(dates) if dates else None
        g["last"] = max(dates) if dates else None
        g["items"] = [_item(r) for r in recs[:MAX_ITEMS]]
        rows.append(g)
    return pd.DataFrame(rows, columns=cols)


def to_geojson(events: pd.DataFrame) -> dict:
    """GeoJSON FeatureCollection of aggregated markers with escaped, popup-ready properties.

    Properties: ``t`` type, ``c`` colour, ``r`` radius, ``n`` count, ``f``
    fatalities (or null), ``p`` place, ``d`` date range, ``i`` items (see
    :func:`aggregate`). All strings are HTML-escaped.
    """
    agg = aggregate(events)
    feats = []
    for row in agg.itertuples(index=False):
        fat = None if pd.isna(row.fatalities) else int(row.fatalities)
        if row.first and row.last and row.first != row.last:
            span = f"{row.first} \u2013 {row.last}"
        else:
            span = row.last or "undated"
        feats.append({
            "type": "Feature",
            "geometry": {"type": "Point",
                         "coordinates": [round(float(row.lon), 5), round(float(row.lat), 5)]},
            "properties": {
                "t": _esc(row.event_type), "c": event_color(row.event_type),
                "r": radius(fat or 0, row.count), "n": int(row.count), "f": fat,
                "p": _esc(row.place), "d": _esc(span), "i": row.items,
            },
        })
    return {"type": "FeatureCollection", "features": feats}
