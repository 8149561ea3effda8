"""Publication dates and event dates in news text.

Two questions, kept apart:

* :func:`publication_date` — when was the article published? Only the top of
  the article is read: a ``date YYYY-MM-DD`` header line, a dateline
  ("September 22, 2017", "22 September 2017", "Sept. 22, 2017", "2017-09-22",
  "Published: ...", "BEIRUT, Feb 7, 2020 (Reuters) -"). Dates deep in the body
  are event dates, not publication dates. Nothing found gives ``None``: a
  publication date is never invented.
* :func:`resolve_date` / :func:`find_dates` — when did the event of a sentence
  happen? Explicit dates and relative expressions ("on Wednesday",
  "last month", "Feb. 7", "earlier this year", "in 2016", "yesterday") are
  resolved against the publication date.

Precision vocabulary (``date_precision``):

========  =====================================  ===========================
precision  expressions                            ISO date stored
========  =====================================  ===========================
day        "Feb. 7, 2020", "on Sunday night",     that day
           "yesterday", "two days ago"
week       "last week", "over the weekend" (when  publication date - 7 days /
           no day is named)                       the last Saturday
month      "last month", "in October 2019"        the 15th of the month
year       "in 2016", "earlier this year"         1 July (or the middle of the
                                                  part of the year that is past)
========  =====================================  ===========================

A month or year date is the middle of the period so that its error is at most
half the period; no date lies after the publication date plus a few days (a
bare "November 13" in an article of 29 November 2022 is 2022-11-13, in an
article of 2 January 2023 it is 2022-11-13 too). Without a publication date,
relative expressions stay ``None`` but full dates ("7 February 2020") resolve.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
             "sunday": 6}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 3, "a few": 3, "few": 3}

# "May" alone is too often the modal verb: it needs a day or a year next to it (handled by
# requiring digits in every month pattern below except "in/since May").
_MON = (r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
        r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<day>[0-3]\d)(?!\d)")),
    ("mdy", re.compile(rf"\b{_MON}\s+{_DAY},?\s+{_YEAR}")),
    ("dmy", re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MON},?\s+{_YEAR}")),
    ("md", re.compile(rf"\b{_MON}\s+{_DAY}\b(?!\s*(?:,\s*)?(?:19|20)\d\d)(?![:.]\d)"
                      r"(?!\s*(?:%|percent|km|miles))")),
    ("dm", re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MON}\b(?!,?\s*(?:19|20)\d\d)")),
    ("my", re.compile(rf"\b(?:(?P<part>early|mid|late|mid-|end of|beginning of|the end of)\s*)?"
                      rf"{_MON}\s+(?:of\s+)?{_YEAR}")),
    # "on the 3rd": a day of the publication month (or the month before)
    ("dom", re.compile(r"\b(?:on|since|by) the (?P<day>[0-3]?\d)(?:st|nd|rd|th)\b(?!\s+(?:of|day|anniversary|"
                       r"floor|time|century|round|division|brigade|corps|army|armoured))")),
    ("rel_day", re.compile(
        r"\b(?P<rel>yesterday|today|tonight|this morning|this afternoon|this evening|last night|"
        r"overnight|earlier today|the day before|the previous day)\b", re.I)),
    ("ago", re.compile(
        r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few)\s+"
        r"(?P<unit>day|week|month|year)s?\s+(?:ago|earlier)\b", re.I)),
    ("weekday", re.compile(rf"\b(?P<pre>(?:on|last|this|early|late|from|since|by|until|next)\s+)?{_WD}"
                           r"(?:\s+(?:night|morning|evening|afternoon))?\b")),
    ("weekend", re.compile(r"\b(?:over|during|at|on)\s+the\s+(?P<last>last\s+)?weekend\b", re.I)),
    ("rel_period", re.compile(
        r"\b(?:(?P<part>early|late|mid-?|earlier|later|the start of|the beginning of|the end of|"
        r"the middle of)"
        r"\s*)?(?P<which>last|this|the previous|the past|past|previous)\s+(?P<unit>week|month|"
        r"year)\b", re.I)),
    ("edge", re.compile(r"\bthe (?P<part>start|beginning|end|middle) of the (?P<unit>month|year)\b", re.I)),
    ("in_month", re.compile(rf"\b(?P<pre>in|since|during|by|until|early|late|mid|mid-|end of|"
                            rf"last|this|next)\s+{_MON}\b(?!\s+[0-3]?\d)", re.I)),
    ("year", re.compile(rf"\b(?P<pre>in|since|during|by|until|of|early|late|mid|mid-|through|"
                        rf"throughout|from|summer|winter|spring|autumn|fall|the)\s+(?:of\s+)?{_YEAR}"
                        r"(?!\s*-\s*\d)", re.I)),
]

# Phrases where a date points back at something else: "since 2011", "the October 23 agreement"
_BACKGROUND_PRE = ("since", "until", "by", "next", "from", "through", "throughout")
_TYPOGRAPHIC = str.maketrans({"\u2019": "'", "\u00a0": " "})


@dataclass(frozen=True)
class DateExpr:
    """A date expression found in a sentence, resolved against a publication date."""

    start: int
    end: int
    text: str
    date: str | None
    precision: str | None
    background: bool = False  # "since 2011", "until March": a reference point, not the event's date
    absolute: bool = False  # a full written date ("7 February 2020"), trusted over relative ones


def _parse_iso(s: str | None) -> dt.date | None:
    if not s:
        return None
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        return None


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def iso_from_timestamp(value: str) -> str | None:
    """The ISO date of a machine timestamp (``2020-02-07T10:00:00Z``, ``2020-02-07``) or ``None``."""
    m = re.match(r"\s*((?:19|20)\d\d)-(\d\d)-(\d\d)", value or "")
    if not m:
        return None
    d = _safe_date(int(m[1]), int(m[2]), int(m[3]))
    return d.isoformat() if d else None


def _month(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def _full_date(m: re.Match[str], kind: str) -> dt.date | None:
    y = int(m["year"])
    mon = int(m["m"]) if kind == "iso" else _month(m["mon"])
    return _safe_date(y, mon, int(m["day"]))


# --- event dates ----------------------------------------------------------------------------
def _not_future(d: dt.date, pub: dt.date) -> dt.date:
    """Roll a year-less date back a year when it would lie well after publication."""
    if d > pub + dt.timedelta(days=7):
        return _safe_date(d.year - 1, d.month, min(d.day, 28) if d.month == 2 else d.day) or d
    return d


def _mid_month(y: int, m: int, pub: dt.date | None) -> dt.date:
    d = dt.date(y, m, 15)
    if pub and d > pub and (pub.year, pub.month) == (y, m):
        # the month is not over: the middle of its past part
        d = dt.date(y, m, max(1, (pub.day + 1) // 2))
    return d


_PART_DAY = {"early": 5, "earlier": 5, "start": 3, "beginning": 3, "mid": 15, "mid-": 15, "middle": 15,
             "late": 25, "later": 25, "end": 27}


def _part_of_month(y: int, m: int, part: str | None, pub: dt.date | None) -> dt.date:
    """A day standing for "early/mid/late <month>"; the middle when no part is named."""
    key = (part or "").lower().replace("the ", "").replace(" of", "").strip()
    if key not in _PART_DAY:
        return _mid_month(y, m, pub)
    d = dt.date(y, m, min(_PART_DAY[key], 28))
    if pub and d > pub and (pub.year, pub.month) == (y, m):
        d = pub  # the part of this month that has happened
    return d


def _mid_year(y: int, pub: dt.date | None) -> dt.date:
    d = dt.date(y, 7, 1)
    if pub and pub.year == y and d > pub:
        d = dt.date(y, 1, 1) + (pub - dt.date(y, 1, 1)) / 2
    return d


def _resolve(kind: str, m: re.Match[str], pub: dt.date | None) -> tuple[dt.date | None, str | None, bool]:
    """Resolve one match: ``(date, precision, background)``."""
    g = m.groupdict()
    pre = (g.get("pre") or "").strip().lower()
    background = pre in _BACKGROUND_PRE
    if kind in ("iso", "mdy", "dmy"):
        return _full_date(m, kind), "day", background
    if kind == "my":
        return _part_of_month(int(m["year"]), _month(m["mon"]), m["part"], pub), "month", background
    if kind == "year":  # "in 2016" needs no publication date
        return _mid_year(int(m["year"]), pub), "year", background or pre == "the"
    if pub is None:
        return None, None, background
    if kind in ("md", "dm"):
        d = _safe_date(pub.year, _month(m["mon"]), int(m["day"]))
        return (_not_future(d, pub) if d else None), "day", background
    if kind == "dom":
        day = int(m["day"])
        d = _safe_date(pub.year, pub.month, day) if day <= 31 else None
        if d is None or d > pub + dt.timedelta(days=1):
            y, mo = divmod(pub.year * 12 + pub.month - 2, 12)
            d = _safe_date(y, mo + 1, day)
        return d, ("day" if d else None), m.group(0).lower().startswith(("since", "by"))
    if kind == "rel_day":
        rel = m["rel"].lower()
        back = 1 if rel in ("yesterday", "last night", "the day before", "the previous day") else 0
        return pub - dt.timedelta(days=back), "day", False
    if kind == "ago":
        n = int(m["n"]) if m["n"].isdigit() else _NUMBERS.get(m["n"].lower(), 1)
        unit = m["unit"].lower()
        if unit == "day":
            return pub - dt.timedelta(days=n), "day", False
        if unit == "week":
            return pub - dt.timedelta(weeks=n), "week", False
        if unit == "month":
            y, mo = divmod(pub.year * 12 + pub.month - 1 - n, 12)
            return _mid_month(y, mo + 1, pub), "month", False
        return _mid_year(pub.year - n, pub), "year", False
    if kind == "weekday":
        wd = _WEEKDAYS[m["wd"].lower()]
        if pre == "next":
            return pub + dt.timedelta(days=(wd - pub.weekday()) % 7 or 7), "day", True
        back = (pub.weekday() - wd) % 7
        if pre == "last" and back == 0:
            back = 7
        return pub - dt.timedelta(days=back), "day", background
    if kind == "weekend":
        back = (pub.weekday() - 5) % 7
        if m["last"] and back < 2:
            back += 7
        return pub - dt.timedelta(days=back), "week", False
    if kind == "rel_period":
        which, unit = m["which"].lower(), m["unit"].lower()
        this = which.startswith(("this", "earlier this", "later this"))
        if unit == "week":
            return pub - dt.timedelta(days=3 if this else 7), "week", False
        if unit == "month":
            if this:
                return _part_of_month(pub.year, pub.month, m["part"], pub), "month", False
            y, mo = divmod(pub.year * 12 + pub.month - 2, 12)
            return _part_of_month(y, mo + 1, m["part"], pub), "month", False
        if this:
            return _mid_year(pub.year, pub), "year", False
        if which in ("the past", "past"):  # "the past year": a span up to publication
            return pub - dt.timedelta(days=182), "year", True
        return _mid_year(pub.year - 1, pub), "year", False
    if kind == "edge":
        if m["unit"].lower() == "month":
            return _part_of_month(pub.year, pub.month, m["part"], pub), "month", False
        return _mid_year(pub.year, pub), "year", False
    if kind == "in_month":
        mon = _month(m["mon"])
        if m["mon"].lower() == "may" and pre not in ("in", "since", "during", "early", "late", "mid",
                                                       "last", "this"):
            return None, None, False
        y = pub.year - (1 if pre == "last" else 0)
        if pre == "next":
            return None, None, True
        part = pre if pre in ("early", "late", "mid", "mid-") else None
        d = _part_of_month(y, mon, part, pub)
        if d > pub + dt.timedelta(days=7) and pre != "this":
            d = _part_of_month(y - 1, mon, part, pub)
        return d, "month", background
    return None, None, False


def find_dates(sentence: str, published: str | None) -> list[DateExpr]:
    """All date expressions of a sentence, resolved against the publication date.

    Overlapping matches keep the longest (most specific) one. Order is by position.
    """
    return list(_find_dates(sentence, published))


@lru_cache(maxsize=4096)  # a sentence is dated once per event it reports and as context
def _find_dates(sentence: str, published: str | None) -> tuple[DateExpr, ...]:
    pub = _parse_iso(published)
    s = sentence.translate(_TYPOGRAPHIC)
    found: list[DateExpr] = []
    taken: list[tuple[int, int]] = []
    # pattern order = specificity order, so earlier kinds claim their span first
    for kind, pat in _PATTERNS:
        for m in pat.finditer(s):
            if any(m.start() < e and b < m.end() for b, e in taken):
                continue
            if kind == "md" and m["mon"].lower() == "may" and not re.match(r"May\s+\d", m[0]):
                continue
            d, prec, background = _resolve(kind, m, pub)
            if kind in ("md", "dm", "in_month") and _is_modifier(s, m):
                background = True
            taken.append((m.start(), m.end()))
            found.append(DateExpr(m.start(), m.end(), m[0], d.isoformat() if d else None, prec, background,
                                  absolute=kind in ("iso", "mdy", "dmy", "my")))
    return tuple(sorted(found, key=lambda e: e.start))


def _is_modifier(s: str, m: re.Match[str]) -> bool:
    """A date used as a name ("the October 23 agreement", "the March 5 deal")."""
    before = s[max(0, m.start() - 4):m.start()].lower()
    after = s[m.end():m.end() + 30].lower()
    return before.endswith(("the ", "'s ")) and bool(
        re.match(r"\s*(?:agreement|deal|accord|memorandum|protocol|ceasefire|truce|summit|"
                 r"understanding|talks|meeting|resolution|elections?|attack|bombing)", after))


def resolve_date(sentence: str, published: str | None) -> tuple[str | None, str | None]:
    """The date of the event a sentence reports.

    Parameters
    ----------
    sentence : str
        The sentence (or any short text).
    published : str or None
        The article's ISO publication date.

    Returns
    -------
    tuple
        ``(iso_date, precision)``; the most precise date expression that is not
        a background reference ("since 2011"); among equally precise ones a
        written date beats a relative one ("on Saturday (August 24, 2024)"),
        then the first wins.
        ``(None, None)`` when the sentence dates nothing.
    """
    rank = {"day": 0, "week": 1, "month": 2, "year": 3}
    exprs = [e for e in find_dates(sentence, published) if e.date and not e.background]
    if not exprs:
        return None, None
    best = min(exprs, key=lambda e: (rank.get(e.precision or "", 9), not e.absolute, e.start))
    return best.date, best.precision



def publication_date(text: str) -> str | None:
    """The article's publication date, or ``None`` (see :func:`geo.pubdate.publication_date`)."""
    from geo.pubdate import publication_date as from_text  # its own module, which builds on this one

    return from_text(text)
