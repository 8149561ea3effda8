"""Filtering events by date, type, actor, place, article and free text."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from geo.filters import EventFilter, apply, counts, date_bounds, day_of, options

ROWS = [
    # article, date, published, type, actors, place, admin1, quote
    ("a.txt", "2019-10-09", "2019-10-10", "Battles", "Turkish army; SNA", "Tal Abyad", "Raqqa",
     "Heavy clashes"),
    ("a.txt", None, "2019-10-10", "Explosions/Remote violence", "Turkish army", "Ras al-Ayn", "Hasakah",
     "Airstrikes hit"),
    ("b.txt", "2020-02-01", "2020-02-02", "Battles", ("Syrian army", "HTS"), "Saraqib", "Idlib", "Fighting"),
    ("c.txt", None, None, "Protests", "", "Idlib", "Idlib", "Crowds gathered"),
]


@pytest.fixture
def events() -> pd.DataFrame:
    cols = ["article", "date", "published", "event_type", "actors", "place", "admin1", "quote"]
    return pd.DataFrame(ROWS, columns=cols)


def test_no_filter_keeps_everything(events) -> None:
    assert len(apply(events, EventFilter())) == 4


def test_date_range_uses_publication_date_when_event_undated(events) -> None:
    got = apply(events, EventFilter(start="2019-10-01", end="2019-10-31", include_undated=False))
    assert list(got["place"]) == ["Tal Abyad", "Ras al-Ayn"]


def test_undated_rows_follow_the_switch(events) -> None:
    f = EventFilter(start="2020-01-01", end="2020-12-31")
    assert list(apply(events, f)["place"]) == ["Saraqib", "Idlib"]
    f = EventFilter(start="2020-01-01", end="2020-12-31", include_undated=False)
    assert list(apply(events, f)["place"]) == ["Saraqib"]


@pytest.mark.parametrize(("f", "places"), [
    (EventFilter(types=("Battles",)), ["Tal Abyad", "Saraqib"]),
    (EventFilter(actors=("Turkish army",)), ["Tal Abyad", "Ras al-Ayn"]),
    (EventFilter(actors=("HTS",)), ["Saraqib"]),
    (EventFilter(places=("Saraqib", "Idlib")), ["Saraqib", "Idlib"]),
    (EventFilter(governorates=("Idlib",)), ["Saraqib", "Idlib"]),
    (EventFilter(articles=("a.txt",)), ["Tal Abyad", "Ras al-Ayn"]),
    (EventFilter(text="AIRSTRIKE"), ["Ras al-Ayn"]),
    (EventFilter(text="sna"), ["Tal Abyad"]),
    (EventFilter(text="nothing like this"), []),
    (EventFilter(types=("Battles",), governorates=("Idlib",)), ["Saraqib"]),
])
def test_filters_narrow(events, f, places) -> None:
    assert list(apply(events, f)["place"]) == places


def test_options_and_counts(events) -> None:
    opts = options(events)
    assert opts["actors"] == ["HTS", "SNA", "Syrian army", "Turkish army"]
    assert opts["governorates"] == ["Hasakah", "Idlib", "Raqqa"]
    assert counts(events) == {"Battles": 2, "Explosions/Remote violence": 1, "Protests": 1}
    assert date_bounds(events) == (dt.date(2019, 10, 9), dt.date(2020, 2, 1))


@pytest.mark.parametrize(("iso", "day"), [
    ("2019-10-09", dt.date(2019, 10, 9)), ("2019-10", dt.date(2019, 10, 1)), ("2019", dt.date(2019, 1, 1)),
    ("", None), (None, None), ("soon", None), ("2019-13-01", None),
])
def test_day_of(iso, day) -> None:
    assert day_of(iso) == day


def test_month_precision_counts_as_the_first_day(events) -> None:
    events.loc[0, "date"] = "2019-10"
    assert date_bounds(events)[0] == dt.date(2019, 10, 1)
    got = apply(events, EventFilter(start="2019-10-01", end="2019-10-01", include_undated=False))
    assert list(got["place"]) == ["Tal Abyad"]


def test_empty_frame() -> None:
    empty = pd.DataFrame(columns=["article", "date", "event_type"])
    assert apply(empty, EventFilter(text="x")).empty
    assert date_bounds(empty) is None
