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

from geo.events import on_map
from geo.style import event_color

#: How many reports one aggregated marker lists in its popup.
MAX_ITEMS = 2
#: Longest quote shown in a popup, in characters (the reader has the rest).
MAX_QUOTE = 200
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
        "o": _span(rec.get("start"), rec.get("end")),
    }


def _span(start: object, end: object) -> str:
    """``"start-end"`` of the quote in its article (digits only: safe in a URL), or ""."""
    if _missing(start) or _missing(end):
        return ""
    try:
        return f"{int(start)}-{int(end)}"
    except (TypeError, ValueError):
        return ""


def locatable(events: pd.DataFrame) -> pd.DataFrame:
    """The events a map can draw (located below country level, :func:`geo.events.on_map`)."""
    if events.empty:
        return events
    return events[on_map(events)]


def popup_items(events: pd.DataFrame) -> pd.Series:
    """The escaped popup entry of every event (same index as ``events``).

    Computing these once per set of stored events, rather than on every
    slider move, is what keeps a redraw of 10k events fast.
    """
    cols = ["date", "actors", "fatalities", "quote", "article", "start", "end"]
    recs = events.reindex(columns=cols).to_dict("records")
    return pd.Series([_item(r) for r in recs], index=events.index, dtype=object)


def aggregate(events: pd.DataFrame, items: pd.Series | None = None) -> pd.DataFrame:
    """Collapse events at the same place with the same type.

    Parameters
    ----------
    events
        One row per event with at least ``lat``, ``lon``, ``event_type``,
        ``date``, ``fatalities``, ``place``, ``actors``, ``quote``, ``article``.
    items
        :func:`popup_items` of a frame that holds these events (looked up by
        index); computed here when ``None``.

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
    # Vectorised group statistics; Python only touches the few rows that end
    # up in popups. This runs on every slider move, with up to 10k events.
    df = pd.DataFrame({
        "lat": events["lat"].astype(float).round(PLACE_DECIMALS).values,
        "lon": events["lon"].astype(float).round(PLACE_DECIMALS).values,
        "event_type": events["event_type"].astype(object).fillna("").values,
        "place": events["place"].astype(object).values,
        "fatalities": pd.to_numeric(events["fatalities"], errors="coerce").astype(float).values,
        "date": events["date"].astype(object).where(events["date"].notna(), None).values,
        "_sort": events["date"].astype(object).fillna("").astype(str).values,
    })
    keys = ["lat", "lon", "event_type"]
    grouped = df.groupby(keys, sort=False)
    agg = grouped.agg(
        count=("event_type", "size"), first=("date", "min"), last=("date", "max"), place=("place", "first"),
    )
    agg["fatalities"] = grouped["fatalities"].sum(min_count=1)
    agg = agg.reset_index()
    order = df.sort_values("_sort", ascending=False, kind="stable")
    top = order.groupby(keys, sort=False).head(MAX_ITEMS)
    src = events.iloc[top.index.to_numpy()]  # df has a positional index
    entries = popup_items(src) if items is None else items.loc[src.index]
    per_group: dict[tuple, list] = {}
    top_keys = zip(top["lat"], top["lon"], top["event_type"], strict=True)
    for key, entry in zip(top_keys, entries, strict=True):
        per_group.setdefault(key, []).append(entry)
    agg["items"] = [per_group[k] for k in zip(agg["lat"], agg["lon"], agg["event_type"], strict=True)]
    agg["place"] = agg["place"].fillna("")
    return agg[cols]


def to_geojson(events: pd.DataFrame, items: pd.Series | None = None) -> dict:
    """GeoJSON FeatureCollection of aggregated markers with escaped, popup-ready properties.

    Properties: ``t`` type, ``c`` colour, ``r`` radius, ``n`` count, ``f``
    fatalities (or null), ``p`` place, ``d`` date range, ``i`` items (see
    :func:`aggregate`, which also explains ``items``). All strings are HTML-escaped.
    """
    agg = aggregate(events, items)
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
