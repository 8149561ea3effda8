"""Writing records (dicts) as JSON lines, CSV or GeoJSON to a text stream.

Used by the command line for ``places`` and ``events``: one record per line in
JSON lines; CSV with a header row and lists joined by ``"; "``; GeoJSON as one
FeatureCollection whose features carry the record as properties and a Point
from its ``lat``/``lon`` (``null`` geometry when a record has no coordinates).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

FORMATS = ("jsonl", "csv", "geojson")


def _flat(value: object) -> object:
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return "" if value is None else value


def write_records(records: Iterable[dict], fmt: str, out: TextIO, fields: list[str] | None = None) -> int:
    """Write records to ``out`` in ``fmt``; returns how many were written.

    Parameters
    ----------
    records : iterable of dict
        The records (all with the same keys for CSV; ``fields`` fixes the columns).
    fmt : str
        One of ``jsonl``, ``csv``, ``geojson``.
    out : text stream
        Where to write (``sys.stdout`` on the command line).
    fields : list of str or None
        CSV columns; by default the keys of the first record.
    """
    if fmt not in FORMATS:
        raise ValueError(f"'fmt' should be one of {', '.join(FORMATS)}, got '{fmt}' instead")
    n = 0
    if fmt == "jsonl":
        for rec in records:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt == "csv":
        writer = None
        for rec in records:
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=fields or list(rec), extrasaction="ignore",
                                        lineterminator="\n")
                writer.writeheader()
            writer.writerow({k: _flat(v) for k, v in rec.items()})
            n += 1
        if writer is None and fields:
            csv.DictWriter(out, fieldnames=fields, lineterminator="\n").writeheader()
        return n
    out.write('{"type": "FeatureCollection", "features": [')
    for rec in records:
        lat, lon = rec.get("lat"), rec.get("lon")
        geom = ({"type": "Point", "coordinates": [lon, lat]}
                if isinstance(lat, (int, float)) and isinstance(lon, (int, float)) else None)
        feature = {"type": "Feature", "geometry": geom, "properties": rec}
        out.write(("," if n else "") + "\n" + json.dumps(feature, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n
