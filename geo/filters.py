"""Narrowing the event table: date range, type, actor, place, article, free text.

Pure functions on DataFrames (one row per event, columns of
``Event.to_record()``), so the dashboard, the export and the tests filter the
same way. An event without its own date is placed in time by its article's
publication date; with neither it is kept only when asked for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

#: Columns the free-text search looks into.
TEXT_COLUMNS = ("quote", "place", "actors", "article", "event_type", "sub_event_type", "admin1")


@dataclass(frozen=True)
class EventFilter:
    """What the analyst asked to see. Empty tuples mean "all"."""

    start: str | None = None  # ISO date, inclusive
    end: str | None = None  # ISO date, inclusive
    types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    governorates: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    text: str = ""
    include_undated: bool = True


def actor_list(value: object) -> list[str]:
    """Actors of one row whether stored as a list/tuple or a "; "-joined string."""
    if isinstance(value, (list, tuple)):
        return [str(a) for a in value if a]
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    return [a.strip() for a in str(value).split(";") if a.strip()]


def when(events: pd.DataFrame) -> pd.Series:
    """The date used on the time axis: the event's date, else its article's publication date."""
    if events.empty:
        return pd.Series([], dtype=object, index=events.index)
    date = events["date"] if "date" in events else pd.Series(None, index=events.index)
    pub = events["published"] if "published" in events else pd.Series(None, index=events.index)
    return date.where(date.notna() & (date.astype(str) != ""), pub)


def day_of(iso: str | None) -> dt.date | None:
    """``datetime.date`` of an ISO string (month/year precision allowed: "2019-10" -> 1 Oct)."""
    if not iso or not isinstance(iso, str):
        return None
    parts = iso[:10].split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else 1
        d = int(parts[2]) if len(parts) > 2 else 1
        return dt.date(y, m, d)
    except (ValueError, IndexError):
        return None


def date_bounds(events: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    """First and last day on the time axis, ``None`` when no event has a date."""
    days = [d for d in when(events).map(day_of) if d is not None]
    return (min(days), max(days)) if days else None


def options(events: pd.DataFrame) -> dict[str, list[str]]:
    """Sorted distinct values for each filter widget."""
    if events.empty:
        return {k: [] for k in ("types", "actors", "places", "governorates", "articles")}

    def distinct(col: str) -> list[str]:
        if col not in events:
            return []
        return sorted({str(v) for v in events[col].dropna() if str(v)})

    actors = sorted({a for v in events["actors"] for a in actor_list(v)}) if "actors" in events else []
    return {
        "types": distinct("event_type"), "actors": actors, "places": distinct("place"),
        "governorates": distinct("admin1"), "articles": distinct("article"),
    }


def apply(events: pd.DataFrame, f: EventFilter) -> pd.DataFrame:
    """The rows of ``events`` that pass every part of ``f`` (a new frame)."""
    if events.empty:
        return events.copy()
    keep = pd.Series(True, index=events.index)
    if f.start or f.end:
        # "2019-10" (month precision) counts as its first day, as on the slider's scale
        day = when(events).map(lambda s: d.isoformat() if (d := day_of(s)) else None)
        dated = day.notna()
        in_range = dated.copy()
        if f.start:
            in_range &= day.fillna("") >= f.start[:10]
        if f.end:
            in_range &= day.fillna("") <= f.end[:10]
        keep &= in_range | (~dated & f.include_undated)
    elif not f.include_undated:
        keep &= when(events).notna()
    for col, wanted in (("event_type", f.types), ("place", f.places), ("admin1", f.governorates),
                        ("article", f.articles)):
        if wanted and col in events:
            keep &= events[col].isin(wanted)
    if f.actors and "actors" in events:
        wanted = set(f.actors)
        keep &= events["actors"].map(lambda v: bool(wanted.intersection(actor_list(v))))
    if f.text.strip():
        needle = f.text.strip().casefold()
        hay = pd.Series("", index=events.index)
        for col in TEXT_COLUMNS:
            if col in events:
                hay = hay + " " + events[col].map(
                    lambda v: "; ".join(actor_list(v)) if isinstance(v, (list, tuple)) else
                    ("" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)))
        keep &= hay.str.casefold().str.contains(needle, regex=False)
    return events[keep].copy()


def counts(events: pd.DataFrame) -> dict[str, int]:
    """Events per type (for the counts next to the filters)."""
    if events.empty or "event_type" not in events:
        return {}
    return {str(k): int(v) for k, v in events["event_type"].value_counts().items()}
