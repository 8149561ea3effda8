"""The publication date of an article: its header line or dateline, else nothing.

Only the top of the article is read (and, for pages that print it under the
story, the last lines): a ``date YYYY-MM-DD`` header line, a "Published:" or
"Posted" label, a dateline ("BEIRUT, Feb 7, 2020 (Reuters) -", "QAMISHLI,
Syria, January 15, 2024 -", "**Beirut, 4 October 2024** -"), or a short line
that is mostly a date. Dates deep in the body are event dates
(:mod:`geo.dates`). Nothing found gives ``None``: a publication date is never
invented.
"""

from __future__ import annotations

import datetime as dt
import re

from geo.dates import _PATTERNS, _TYPOGRAPHIC, _full_date, _parse_iso, _safe_date

_HEADER = re.compile(r"^\s*date\s*[:=]?\s*((?:19|20)\d\d-\d\d-\d\d)\b", re.I | re.M)
_LABEL = re.compile(r"\b(published|posted|first published|publication date|date|updated|last updated)"
                    r"\s*(?:on|:|-)?\s*", re.I)
_TOP_CHARS = 1200
_TOP_LINES = 8


def publication_date(text: str) -> str | None:
    """The article's publication date from its header or dateline, or ``None``.

    Parameters
    ----------
    text : str
        The article's visible text.

    Returns
    -------
    str or None
        ISO date. Sources in order: a ``date YYYY-MM-DD`` header line; a
        "Published:"/"Posted" label; a line near the top that is short or
        starts with the date (optionally after a place dateline such as
        "BEIRUT,"). Updated-at labels are used only when nothing else is.
    """
    top = text[:_TOP_CHARS].translate(_TYPOGRAPHIC)
    m = _HEADER.search(top)
    if m and _parse_iso(m[1]):
        return m[1]
    # Markdown emphasis around a dateline ("**Beirut, 4 October 2024** - ...") is no text
    lines = [ln.strip().lstrip("*_").strip() for ln in top.splitlines() if ln.strip("*_ \t")][:_TOP_LINES]
    updated: str | None = None
    for line in lines:
        for lab in _LABEL.finditer(line):
            found = _first_full_date(line[lab.end():lab.end() + 40], anchored=True)
            if found:
                if lab[1].lower().endswith("updated"):
                    updated = updated or found
                else:
                    return found
    for i, line in enumerate(lines):
        found = _first_full_date(line, anchored=False, start_only=True)
        if found:
            return found
        # A short line made mostly of a date is a byline or dateline ("By Jane Doe | 7 Feb 2020",
        # "Mon 12 Mar 2020 14.30 GMT"); a caption that happens to hold a date is not.
        if len(line) <= 90 and i < 6 and _date_dominates(line):
            found = _first_full_date(line, anchored=False) or _numeric_date(line)
            if found:
                return found
    return updated or _trailing_date(text)


def _trailing_date(text: str) -> str | None:
    """A page that prints its date under the story: a last line that is only a date."""
    tail = [ln.strip().strip("*_").strip() for ln in text[-400:].translate(_TYPOGRAPHIC).splitlines()]
    for line in [ln for ln in tail if ln][-2:]:
        if len(line) <= 40 and _date_dominates(line) and not line.endswith("."):
            found = _first_full_date(line, anchored=False, start_only=True)
            if found:
                return found
    return None


def _date_dominates(line: str) -> bool:
    rest = line
    for kind in ("iso", "mdy", "dmy"):
        rest = dict(_PATTERNS)[kind].sub("", rest)
    rest = _NUMERIC.sub("", rest).strip()
    if line.rstrip().endswith(".") and len(rest) > 15:
        return False  # a sentence that mentions a date
    return len(rest) <= 45


_NUMERIC = re.compile(r"(?<![\d.\/])([0-3]?\d)([./])([01]?\d)\2((?:19|20)\d\d)(?![\d.\/])")


def _numeric_date(line: str) -> str | None:
    """A byline date written in digits: 12.03.2020 is day-first; 03/12/2020 only when unambiguous."""
    m = _NUMERIC.search(line)
    if not m:
        return None
    a, b, y = int(m[1]), int(m[3]), int(m[4])
    if m[2] == "/" and a <= 12 and b <= 12 and a != b:
        return None  # 03/04/2020: March 4 or 3 April? never guess
    day, month = (b, a) if m[2] == "/" and b > 12 else (a, b)
    d = _safe_date(y, month, day)
    return d.isoformat() if d else None


# A dateline's place part: "BEIRUT, ", "BEIRUT/WASHINGTON, ", "QAMISHLI, Syria, ".
_DATELINE_PLACE = r"[A-Z][A-Za-z'.\- ]{1,30}"
_DATELINE_PREFIX = re.compile(
    rf"^(?:{_DATELINE_PLACE}(?:\s*/\s*{_DATELINE_PLACE})*(?:,\s*{_DATELINE_PLACE})?"
    r"\s*(?:,|\u2014|-|\()\s*)?"
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?")


def _first_full_date(s: str, anchored: bool, start_only: bool = False) -> str | None:
    """The first full (day, month, year) date in ``s``.

    ``anchored``: the date must start ``s`` (after a weekday). ``start_only``: the date
    must start the line, possibly after a place dateline ("BEIRUT, ") or a weekday.
    """
    best: tuple[int, dt.date] | None = None
    for kind in ("iso", "mdy", "dmy"):
        pat = dict(_PATTERNS)[kind]
        m = pat.search(s)
        if not m:
            continue
        d = _full_date(m, kind)
        if d is None:
            continue
        if anchored or start_only:
            prefix = s[:m.start()]
            if anchored and not re.fullmatch(r"\s*(?:[A-Za-z]{3,9}\.?,?\s*)?", prefix):
                continue
            if start_only and not _DATELINE_PREFIX.fullmatch(prefix):
                continue
        if best is None or m.start() < best[0]:
            best = (m.start(), d)
    return best[1].isoformat() if best else None
