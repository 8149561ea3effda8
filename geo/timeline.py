"""Events per week by type, for the timeline chart."""

from __future__ import annotations

import pandas as pd

from geo.filters import day_of, when
from geo.models import EVENT_TYPES


def weekly_counts(events: pd.DataFrame) -> pd.DataFrame:
    """Count events per ISO week (weeks start on Monday) and event type.

    Parameters
    ----------
    events
        Event records; undated events (no date and no publication date) are left out.

    Returns
    -------
    pandas.DataFrame
        Index: the Monday of each week (``datetime64``), every week between the
        first and the last present so gaps show as zero; one column per event
        type seen, in ACLED order.
    """
    days = when(events).map(day_of) if not events.empty else pd.Series([], dtype=object)
    frame = pd.DataFrame({"day": days, "type": events["event_type"] if not events.empty else []})
    frame = frame.dropna(subset=["day"])
    if frame.empty:
        return pd.DataFrame()
    day = pd.to_datetime(frame["day"])
    monday = day - pd.to_timedelta(day.dt.day_of_week, unit="D")
    table = pd.crosstab(monday.rename("week"), frame["type"])
    weeks = pd.date_range(table.index.min(), table.index.max(), freq="7D", name="week")
    table = table.reindex(weeks, fill_value=0)
    order = [t for t in EVENT_TYPES if t in table.columns] + sorted(set(table.columns) - set(EVENT_TYPES))
    table = table[order]
    table.columns.name = None
    return table
