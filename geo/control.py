"""Who held which settlement when: the dated control table an analyst edits.

The table is ``data/control/control.csv``, one row per settlement and period::

    gazetteer_id,name,lat,lon,faction,valid_from,valid_to,source,approximate

* ``gazetteer_id`` keys the settlement in the gazetteer (``gn:...``, ``cur:...``,
  ``user:...``); its coordinates come from there. When it is empty the row's
  own ``lat``/``lon`` place the anchor (desert and border points that no
  gazetteer lists).
* ``faction`` is a key of :data:`geo.style.FACTIONS`.
* A row is in force on day ``d`` when ``valid_from <= d < valid_to``:
  ``valid_to`` is the day the place passed to its next holder (empty = still
  held). So a town's next row starts on the previous row's ``valid_to``.
* ``name`` is for the reader only; ``approximate`` is ``yes`` when the dates
  or the holder are known only roughly.

Everything here is pure table work; the polygons are drawn in :mod:`geo.zones`.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import logging
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from geo import DATA
from geo.errors import GeoError, ZoneError
from geo.style import FACTIONS

log = logging.getLogger(__name__)

CONTROL_CSV: Path = DATA / "control" / "control.csv"
COLUMNS: list[str] = ["gazetteer_id", "name", "lat", "lon", "faction", "valid_from", "valid_to",
                      "source", "approximate"]
#: Far-future bound used internally for open-ended rows ("still held").
OPEN_END = "9999-12-31"
#: The shipped table was checked against the record up to this day; rows still
#: open then are carried forward unchanged.
CURATED_UNTIL = "2026-01-31"
#: Start of the span before the table's first date (see :func:`period_of`).
BEFORE_ANY = "0001-01-01"

DayLike = str | dt.date


def iso_day(day: DayLike, what: str = "date") -> str:
    """Normalise a day to ``YYYY-MM-DD``.

    Raises
    ------
    ZoneError
        When ``day`` is not a calendar date.
    """
    if isinstance(day, dt.datetime):
        return day.date().isoformat()
    if isinstance(day, dt.date):
        return day.isoformat()
    try:
        return dt.date.fromisoformat(str(day).strip()[:10]).isoformat()
    except ValueError as err:
        raise ZoneError(f"{what} should be a date YYYY-MM-DD, got {day!r} instead") from err


def _coordinate(value: str, low: float, high: float, what: str, where: str) -> float:
    try:
        number = float(value)
    except ValueError as err:
        raise ZoneError(f"{where}: {what} should be a number, got {value!r} instead") from err
    if not low <= number <= high:
        raise ZoneError(f"{where}: {what} {number} is outside [{low}, {high}]")
    return number


def _row_record(row: dict[str, str], where: str, gazetteer) -> dict:
    """Validate one CSV row and resolve its anchor coordinates."""
    gid = (row.get("gazetteer_id") or "").strip()
    name = (row.get("name") or "").strip()
    label = f"{where} ({gid or name or 'unnamed'})"
    faction = (row.get("faction") or "").strip()
    if faction not in FACTIONS:
        raise ZoneError(f"{label}: unknown faction {faction!r}; expected one of {sorted(FACTIONS)}")
    start = iso_day(row.get("valid_from") or "", f"{label}: valid_from")
    end_text = (row.get("valid_to") or "").strip()
    end = iso_day(end_text, f"{label}: valid_to") if end_text else OPEN_END
    if end <= start:
        raise ZoneError(f"{label}: valid_to {end} is not after valid_from {start}")
    if gid:
        place = gazetteer.get(gid) if gazetteer is not None else None
        if place is None:
            raise ZoneError(f"{label}: gazetteer id {gid!r} is not in the gazetteer")
        lat, lon = float(place.lat), float(place.lon)
        name = name or place.name
        key = gid
    else:
        lat_text, lon_text = (row.get("lat") or "").strip(), (row.get("lon") or "").strip()
        if not lat_text or not lon_text:
            raise ZoneError(f"{label}: needs a gazetteer_id or both lat and lon")
        lat = _coordinate(lat_text, -90, 90, "lat", label)
        lon = _coordinate(lon_text, -180, 180, "lon", label)
        key = f"pt:{lat:.4f},{lon:.4f}"
    return {"anchor": key, "gazetteer_id": gid, "name": name, "lat": lat, "lon": lon,
            "faction": faction, "valid_from": start, "valid_to": end,
            "source": (row.get("source") or "").strip(),
            "approximate": (row.get("approximate") or "").strip().lower() in {"yes", "true", "1", "y"},
            "row": where}


def read_control(path: Path | str | None = None, gazetteer=None) -> pd.DataFrame:
    """Read and validate a control table.

    Parameters
    ----------
    path : path, optional
        Default ``data/control/control.csv``.
    gazetteer : geo.gazetteer.Gazetteer, optional
        Where ``gazetteer_id`` values are looked up; the shipped gazetteer
        (plus the analyst's places) when omitted.

    Returns
    -------
    pandas.DataFrame
        One row per period: anchor, gazetteer_id, name, lat, lon, faction,
        valid_from, valid_to (``9999-12-31`` when open), source, approximate, row.

    Raises
    ------
    ZoneError
        Naming the file, the line and the settlement when a row is malformed,
        refers to an unknown gazetteer id, or overlaps another period of the
        same settlement.
    """
    path = Path(path) if path else CONTROL_CSV
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = {"gazetteer_id", "faction", "valid_from"} - set(reader.fieldnames or ())
            if missing:
                raise ZoneError(f"{path}: missing column(s) {sorted(missing)}")
            rows = list(reader)
    except OSError as err:
        raise ZoneError(f"{path}: cannot read control table: {err}") from err
    if gazetteer is None and any((r.get("gazetteer_id") or "").strip() for r in rows):
        gazetteer = _default_gazetteer()
    records = [_row_record(r, f"{path.name} line {i}", gazetteer) for i, r in enumerate(rows, start=2)]
    frame = pd.DataFrame.from_records(records, columns=[*COLUMNS[:7], "source", "approximate", "anchor",
                                                        "row"])
    _check_overlaps(frame, path)
    return frame


def _default_gazetteer():
    try:
        return shared_gazetteer()
    except GeoError as err:
        raise ZoneError(f"control table needs the gazetteer: {err}") from err


@functools.lru_cache(maxsize=2)
def _gazetteer_of(version: tuple):
    from geo.gazetteer import load_gazetteer

    return load_gazetteer()


def shared_gazetteer():
    """The shipped gazetteer plus the analyst's places, loaded once per state of those files.

    Zones and agreements share it, so a process parses ``gazetteer.csv`` once.
    """
    return _gazetteer_of(_gazetteer_version())


def _gazetteer_version() -> tuple:
    from geo.gazetteer import GAZETTEER_CSV, imported_places_path, user_places_path

    deps = [GAZETTEER_CSV, user_places_path(), imported_places_path()]
    # Absent files count as the same state wherever they would live.
    return tuple((str(p), p.stat().st_mtime_ns) if p.is_file() else None for p in deps)


def _check_overlaps(frame: pd.DataFrame, path: Path) -> None:
    """Refuse two periods of one settlement that share a day (the map would be ambiguous)."""
    ordered = frame.sort_values(["anchor", "valid_from"], kind="stable")
    same = ordered["anchor"].to_numpy()[1:] == ordered["anchor"].to_numpy()[:-1]
    clash = same & (ordered["valid_from"].to_numpy()[1:] < ordered["valid_to"].to_numpy()[:-1])
    if clash.any():
        i = int(np.flatnonzero(clash)[0])
        first, second = ordered.iloc[i], ordered.iloc[i + 1]
        raise ZoneError(f"{path}: {second['row']} ({second['name']}) overlaps {first['row']}: "
                        f"{first['valid_from']}..{first['valid_to']} and "
                        f"{second['valid_from']}..{second['valid_to']}")


@functools.lru_cache(maxsize=4)
def _cached_table(path: str, version: tuple) -> pd.DataFrame:
    return read_control(path)


def table_version(path: Path | str | None = None) -> tuple:
    """What the table's meaning depends on: its file and the gazetteer files (modification times).

    Used as a cache key, so an edited table or a corrected place position is
    picked up without restarting.
    """
    path = Path(path) if path else CONTROL_CSV
    try:
        own = path.stat().st_mtime_ns
    except OSError as err:
        raise ZoneError(f"{path}: cannot read control table: {err}") from err
    return (str(path), own, *_gazetteer_version())


def control_table(path: Path | str | None = None) -> pd.DataFrame:
    """The validated control table, cached until it or the gazetteer changes on disk."""
    version = table_version(path)
    return _cached_table(version[0], version)


def rows_on(table: pd.DataFrame, day: DayLike) -> pd.DataFrame:
    """The rows of ``table`` in force on ``day`` (one per settlement at most)."""
    day = iso_day(day)
    mask = (table["valid_from"] <= day) & (day < table["valid_to"])
    return table[mask]


def control_on(day: DayLike, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per-settlement control on ``day``: who held each anchor, since when, on what source.

    Parameters
    ----------
    day : str or datetime.date
        ``YYYY-MM-DD``.
    table : pandas.DataFrame, optional
        A table from :func:`read_control`; the shipped one by default.

    Returns
    -------
    pandas.DataFrame
        Columns gazetteer_id, name, lat, lon, faction, valid_from, valid_to
        (empty when open), source, approximate; sorted by name.
    """
    table = control_table() if table is None else table
    rows = rows_on(table, day)
    out = rows[["gazetteer_id", "name", "lat", "lon", "faction", "valid_from", "valid_to", "source",
                "approximate"]].copy()
    out["valid_to"] = out["valid_to"].where(out["valid_to"] != OPEN_END, "")
    return out.sort_values("name", kind="stable").reset_index(drop=True)


def period_of(table: pd.DataFrame, day: DayLike) -> tuple[str, str]:
    """The longest span ``[start, end)`` around ``day`` in which no row of ``table`` changes.

    Every day in that span has the same map, so the span is the cache key.
    """
    day = iso_day(day)
    bounds = _bounds(table)
    i = int(np.searchsorted(bounds, day, side="right"))
    start = bounds[i - 1] if i > 0 else BEFORE_ANY
    end = bounds[i] if i < len(bounds) else OPEN_END
    return str(start), str(end)


def _bounds(table: pd.DataFrame) -> np.ndarray:
    return np.unique(np.concatenate([table["valid_from"].to_numpy(dtype=str),
                                     table["valid_to"].to_numpy(dtype=str)]))


def changes_between(day1: DayLike, day2: DayLike, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Settlements whose holder differs between two days.

    Returns
    -------
    pandas.DataFrame
        Columns gazetteer_id, name, lat, lon, before, after (``""`` when the
        settlement has no row on that day), sorted by name.
    """
    table = control_table() if table is None else table
    a = rows_on(table, day1).set_index("anchor")
    b = rows_on(table, day2).set_index("anchor")
    keys = a.index.union(b.index)
    both = pd.concat([a.reindex(keys)[["gazetteer_id", "name", "lat", "lon"]].fillna(b.reindex(keys)),
                      a["faction"].reindex(keys).fillna("").rename("before"),
                      b["faction"].reindex(keys).fillna("").rename("after")], axis=1)
    changed = both[both["before"] != both["after"]]
    return changed.sort_values("name", kind="stable").reset_index(drop=True)


def history_of(place: str, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every period of one settlement, oldest first: who held it from when to when.

    Parameters
    ----------
    place : str
        A gazetteer id (``gn:164816``) or a name as written in the table
        (case-insensitive, e.g. ``"Saraqib"``).

    Returns
    -------
    pandas.DataFrame
        Columns gazetteer_id, name, faction, valid_from, valid_to (empty when
        open), source, approximate; empty when the table has no such place.
    """
    table = control_table() if table is None else table
    wanted = place.strip()
    mask = (table["gazetteer_id"] == wanted) | (table["name"].str.lower() == wanted.lower())
    rows = table[mask].sort_values("valid_from", kind="stable")
    out = rows[["gazetteer_id", "name", "faction", "valid_from", "valid_to", "source", "approximate"]].copy()
    out["valid_to"] = out["valid_to"].where(out["valid_to"] != OPEN_END, "")
    return out.reset_index(drop=True)


def write_control(rows: Iterable[dict[str, str]], path: Path | str) -> None:
    """Write control rows (dicts with :data:`COLUMNS` keys) as CSV, in the column order above."""
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in COLUMNS})
