"""The events behind a map as data files: CSV, GeoJSON and KML 2.2.

Each writer takes an events GeoDataFrame (as from :func:`geo.events.to_frame`,
usually filtered with :func:`geo.export.select_events`) and returns text, so
the app can offer it for download and the command line can write it.
KML opens in Google Earth: one Placemark per located event with a name, an
HTML description (article text escaped), a TimeStamp and a style whose
colour is the event type's colour on the dashboard.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.errors import ExportError
from geo.style import EVENT_COLORS, event_color

KML_NS = "http://www.opengis.net/kml/2.2"
FORMATS = {"csv": "csv", "geojson": "geojson", "json": "geojson", "kml": "kml"}
#: Google Earth's own round icon; the viewer loads it, never this program.
KML_ICON = "https://maps.google.com/mapfiles/kml/shapes/placemark_circle.png"
#: Characters XML 1.0 forbids (control characters other than tab and newlines).
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _plain(frame: gpd.GeoDataFrame) -> pd.DataFrame:
    """Attributes with lon/lat columns, sequences joined with "; " (CSV cannot hold lists)."""
    out = pd.DataFrame(frame.drop(columns=frame.geometry.name)).copy()
    located = frame.geometry.notna() & ~frame.geometry.is_empty
    out["lon"] = frame.geometry.x.where(located)
    out["lat"] = frame.geometry.y.where(located)
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = out[col].map(lambda v: "; ".join(map(str, v)) if isinstance(v, list | tuple) else v)
    return out


def to_csv(events: gpd.GeoDataFrame) -> str:
    """Events as CSV (UTF-8 text), one row per event, ``lon``/``lat`` columns."""
    return _plain(events).to_csv(index=False)


def to_geojson(events: gpd.GeoDataFrame) -> str:
    """Events as a GeoJSON FeatureCollection in WGS84 (RFC 7946)."""
    frame = events if events.crs is None or events.crs.to_epsg() == 4326 else events.to_crs(4326)
    plain = _plain(frame).drop(columns=["lon", "lat"])
    features = []
    for (_, row), geom in zip(plain.iterrows(), frame.geometry, strict=True):
        props = {k: (None if _isna(v) else v) for k, v in row.items()}
        point = None if geom is None or geom.is_empty else {"type": "Point", "coordinates": [geom.x, geom.y]}
        features.append({"type": "Feature", "properties": props, "geometry": point})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                      default=_json_default)


def _isna(v: object) -> bool:
    return not isinstance(v, list | tuple | dict) and bool(pd.isna(v))


def _json_default(v: object) -> object:
    if hasattr(v, "item"):  # numpy scalars
        return v.item()
    return str(v)


def kml_color(hex_colour: str, alpha: int = 0xFF) -> str:
    """``#rrggbb`` -> KML's ``aabbggrr``."""
    c = hex_colour.lstrip("#").lower()
    return f"{alpha:02x}{c[4:6]}{c[2:4]}{c[0:2]}"


def _style_id(event_type: str) -> str:
    return "type-" + (re.sub(r"[^a-z0-9]+", "-", str(event_type).lower()).strip("-") or "other")


def _clean(value: object) -> str:
    if _isna(value):
        return ""
    if isinstance(value, float) and value.is_integer():  # fatalities become float beside missing values
        value = int(value)
    return _XML_BAD.sub("", str(value))


def _description(row: pd.Series) -> str:
    """HTML table of the event (values escaped: they come from article text)."""
    fields = [("Date", "date"), ("Event type", "event_type"), ("Sub-event", "sub_event_type"),
              ("Actors", "actors"), ("Fatalities", "fatalities"), ("Place", "place"),
              ("Article", "article"), ("Published", "published")]
    rows = "".join(f"<tr><th>{label}</th><td>{html.escape(_clean(row.get(col)))}</td></tr>"
                   for label, col in fields if col in row and not _isna(row.get(col)))
    quote = _clean(row.get("quote")) if "quote" in row else ""
    return f"<table>{rows}</table>" + (f"<p><i>{html.escape(quote)}</i></p>" if quote else "")


def to_kml(events: gpd.GeoDataFrame, name: str = "Syria events") -> str:
    """Events as a KML 2.2 document for Google Earth (events without a location are left out)."""
    ET.register_namespace("", KML_NS)

    def sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
        el = ET.SubElement(parent, f"{{{KML_NS}}}{tag}")
        if text is not None:
            el.text = text
        return el

    root = ET.Element(f"{{{KML_NS}}}kml")
    doc = sub(root, "Document")
    sub(doc, "name", _clean(name))
    plain = _plain(events)
    present = [t for t in plain.get("event_type", []) if isinstance(t, str)]
    types = list(dict.fromkeys(list(EVENT_COLORS) + present))
    for t in types:
        style = sub(doc, "Style")
        style.set("id", _style_id(t))
        icon_style = sub(style, "IconStyle")
        sub(icon_style, "color", kml_color(event_color(t)))
        sub(icon_style, "scale", "0.9")
        sub(sub(icon_style, "Icon"), "href", KML_ICON)
        sub(sub(style, "LabelStyle"), "scale", "0.8")
    for _, row in plain.iterrows():
        if _isna(row["lon"]) or _isna(row["lat"]):
            continue
        etype = _clean(row.get("event_type")) or "Event"
        pm = sub(doc, "Placemark")
        place = _clean(row.get("place"))
        sub(pm, "name", f"{etype}: {place}" if place else etype)
        sub(pm, "description", _description(row))
        day = _clean(row.get("date")) or _clean(row.get("published"))
        if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", day[:10]):
            sub(sub(pm, "TimeStamp"), "when", day[:10])
        sub(pm, "styleUrl", "#" + _style_id(etype))
        data = sub(pm, "ExtendedData")
        for col in ("event_type", "date", "actors", "fatalities", "article"):
            if col in row and not _isna(row[col]):
                d = sub(data, "Data")
                d.set("name", col)
                sub(d, "value", _clean(row[col]))
        sub(sub(pm, "Point"), "coordinates", f"{row['lon']:.6f},{row['lat']:.6f}")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write_events(events: gpd.GeoDataFrame, out: str | Path, fmt: str | None = None) -> Path:
    """Write events as CSV, GeoJSON or KML (format from ``fmt`` or the suffix).

    Raises
    ------
    ExportError
        Unknown format, missing folder, or a write failure; the message names the file.
    """
    from geo.export import check_writable

    out = Path(out)
    key = (fmt or out.suffix.lstrip(".")).lower()
    if key not in FORMATS:
        raise ExportError(f"{out}: data format should be csv, geojson or kml, got {key or 'no suffix'!r}")
    check_writable(out)
    text = {"csv": to_csv, "geojson": to_geojson, "kml": to_kml}[FORMATS[key]](events)
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as err:
        raise ExportError(f"cannot write {out}: {err.strerror or err}") from err
    return out
