"""Events per week and type."""

from __future__ import annotations

import pandas as pd

from geo.timeline import weekly_counts


def test_weekly_counts_fill_gaps_and_order_types() -> None:
    ev = pd.DataFrame({
        "date": ["2020-02-03", "2020-02-05", "2020-02-20", None],
        "published": [None, None, None, "2020-02-06"],
        "event_type": ["Protests", "Battles", "Battles", "Battles"],
    })
    table = weekly_counts(ev)
    assert [d.strftime("%Y-%m-%d") for d in table.index] == ["2020-02-03", "2020-02-10", "2020-02-17"]
    assert list(table.columns) == ["Battles", "Protests"]
    assert table["Battles"].tolist() == [2, 0, 1]
    assert table["Protests"].tolist() == [1, 0, 0]


def test_no_dates_gives_empty_table() -> None:
    assert weekly_counts(pd.DataFrame({"date": [None], "published": [None], "event_type": ["Riots"]})).empty
