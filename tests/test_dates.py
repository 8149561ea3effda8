"""Publication dates and event dates."""

from __future__ import annotations

import pytest

from geo.dates import find_dates, iso_from_timestamp, publication_date, resolve_date


@pytest.mark.parametrize("text,expected", [
    ("date 2019-10-09\nTurkey launched its operation.", "2019-10-09"),
    (" date 2022-11-29 Talks were held in Qamishli.", "2022-11-29"),
    ("Headline about the border\nMarch 5, 2020\nA deal was reached.", "2020-03-05"),
    ("Headline\nSeptember 22, 2017Officials warned on Thursday ...", "2017-09-22"),
    ("Headline\n5 March 2020\nBody text.", "2020-03-05"),
    ("Headline\nSept. 7, 2018\nBody text.", "2018-09-07"),
    ("Headline\n2021-01-04\nBody text.", "2021-01-04"),
    ("Headline\nPublished: 12 February 2020 10:31 GMT\nBody.", "2020-02-12"),
    ("Headline\nBy Jane Roe | Dec 8, 2024\nBody.", "2024-12-08"),
    ("BEIRUT, Feb 11, 2020 (Reuters) - Rebels fought back near Saraqib.", "2020-02-11"),
    # datelines naming two cities, or a city and its country
    ("AMMAN/ANKARA, March 3, 2020 (Reuters) - Rebels fought back.", "2020-03-03"),
    ("HASAKAH, Syria, January 21, 2022 - Fighting went on at the prison.", "2022-01-21"),
    ("# Title\n\n**Beirut, 4 October 2024** - A strike cut the road.", "2024-10-04"),
    ("Headline\n\nBody text about shelling on Friday.\n\nOctober 8, 2023\n", "2023-10-08"),
    ("Headline\nUpdated: 3 June 2021\nBody.", "2021-06-03"),
])
def test_publication_date_found(text, expected):
    assert publication_date(text) == expected


@pytest.mark.parametrize("text", [
    "Headline\nTurkish troops crossed the border on Wednesday.",
    # a date inside a long body sentence is an event date, not the publication date
    "Headline\nThe long-running negotiations between the two delegations, which had stalled for "
    "weeks, finally produced a deal signed on March 5, 2020 in the Russian capital after hours.",
    "",
    "date 2020-02-30 impossible header",
    "Headline\nOn March 5, 2020, the two presidents agreed a ceasefire after talks in the Kremlin.",
    # a caption near the top that mentions a date is not a dateline
    "Headline\nA Turkish convoy passes through Idlib, Syria, on Feb. 7, 2020.\nBody",
])
def test_publication_date_never_invented(text):
    assert publication_date(text) is None


def test_publication_date_ignores_deep_body_dates():
    body = "Headline\n" + "Fighting went on for days in the countryside. " * 40 + "On 4 May 2019 talks began."
    assert publication_date(body) is None


@pytest.mark.parametrize("sentence,published,expected", [
    ("a bombing on November 13 killed six", "2022-11-29", ("2022-11-13", "day")),
    ("the blast on November 13", "2023-01-02", ("2022-11-13", "day")),  # rolled back: not in the future
    ("a convoy crossed on Feb. 7", "2020-02-12", ("2020-02-07", "day")),
    ("troops moved on 7 February", "2020-02-12", ("2020-02-07", "day")),
    ("they met on Wednesday", "2020-02-13", ("2020-02-12", "day")),  # a Thursday article
    ("jets struck on Sunday night", "2017-09-22", ("2017-09-17", "day")),
    ("the statement came on Friday", "2017-09-22", ("2017-09-22", "day")),  # same weekday: that day
    ("clashes erupted last Friday", "2017-09-22", ("2017-09-15", "day")),
    ("shelling resumed yesterday", "2021-06-10", ("2021-06-09", "day")),
    ("three days ago a drone hit a car", "2021-06-10", ("2021-06-07", "day")),
    ("fighting broke out last week", "2021-06-10", ("2021-06-03", "week")),
    ("the talks collapsed last month", "2021-06-10", ("2021-05-15", "month")),
    ("earlier this month, rebels advanced", "2021-06-10", ("2021-06-05", "month")),
    ("the offensive began in October", "2021-06-10", ("2020-10-15", "month")),
    ("the town fell in March 2018", "2021-06-10", ("2018-03-15", "month")),
    ("an offensive in Aleppo in 2016", "2022-11-29", ("2016-07-01", "year")),
    ("protests grew last year", "2021-06-10", ("2020-07-01", "year")),
    ("the base was hit on 28 January 2024", None, ("2024-01-28", "day")),
    ("the deal of 2019-10-22 was signed", None, ("2019-10-22", "day")),
    ("an offensive in Aleppo in 2016", None, ("2016-07-01", "year")),
    ("the town fell in March 2018", None, ("2018-03-15", "month")),
    ("patrols resumed on Saturday (August 24, 2024)", "2024-08-25", ("2024-08-24", "day")),
])
def test_resolve_date(sentence, published, expected):
    assert resolve_date(sentence, published) == expected


@pytest.mark.parametrize("sentence", [
    "they met on Wednesday",
    "fighting broke out last week",
    "a convoy crossed on Feb. 7",
    "earlier this year the front was quiet",
])
def test_relative_dates_need_a_publication_date(sentence):
    assert resolve_date(sentence, None) == (None, None)


@pytest.mark.parametrize("sentence", [
    "Turkey has backed the rebels since 2011.",
    "They may strike again.",  # the modal, not the month
    "Violations of the October 23 agreement were discussed.",
    "Nothing here is dated.",
    "Casualties rose by 15 percent.",
])
def test_no_event_date(sentence):
    assert resolve_date(sentence, "2020-11-20") == (None, None)


def test_month_of_publication_is_not_in_the_future():
    d, p = resolve_date("earlier this year the front was quiet", "2020-02-28")
    assert p == "year" and "2020-01-01" <= d <= "2020-02-28"


def test_find_dates_offsets():
    s = "On Monday, and again on 3 March 2020, shells fell."
    found = find_dates(s, "2020-03-04")
    assert [s[e.start:e.end] for e in found] == ["Monday", "3 March 2020"]
    assert found[1].absolute and not found[0].absolute


@pytest.mark.parametrize("value,expected", [
    ("2020-02-07T10:00:00Z", "2020-02-07"), ("2019-10-09", "2019-10-09"),
    ("not a date", None), ("2019-13-40", None), ("", None),
])
def test_iso_from_timestamp(value, expected):
    assert iso_from_timestamp(value) == expected


@pytest.mark.parametrize("text,expected", [
    ("Headline\n12.03.2020\nBody", "2020-03-12"),
    ("Headline\n14/03/2020 10:00\nBody", "2020-03-14"),
    ("Headline\n03/14/2020\nBody", "2020-03-14"),
    ("Headline\n03/04/2020\nBody", None),  # day-first or month-first: never guessed
])
def test_numeric_byline_dates(text, expected):
    assert publication_date(text) == expected


@pytest.mark.parametrize("sentence,expected", [
    ("troops entered the town late last month", ("2020-01-25", "month")),
    ("early this month, convoys arrived", ("2020-02-05", "month")),
    ("at the start of the month the talks began", ("2020-02-03", "month")),
    ("in early March the front moved", ("2019-03-05", "month")),
])
def test_parts_of_months(sentence, expected):
    assert resolve_date(sentence, "2020-02-11") == expected
