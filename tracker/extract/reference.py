"""Reference-date stage: article text + language + metadata date -> `Reference`.

The reference date anchors relative expressions ("on Friday", "last week"). Metadata wins; else a
dateline near the top of the text ("MOSCOW, Jan 30 (Reuters) -", "TEHRAN, Feb. 15 (MNA) -",
"February 15, 2026 - 16:37", "МОСКВА, 30 января. /ТАСС/"); else none, and the article's relative
dates stay unresolved until a person supplies one.
"""

from __future__ import annotations

import datetime as dt
import re

from tracker.model import Reference, ReferenceSource, TimexType

from .temporal import find_dates

HEAD = 400  # a dateline sits in the first lines
# What marks a date as a dateline: an agency in brackets or slashes right after it, a place in
# capitals right before it, or the date alone at the start of a line.
_AGENCY_AFTER = re.compile(r"^[\s.,]*(?:\([^()\n]{2,25}\)|/[^/\n]{2,12}/|[-–—|])")
_PLACE_BEFORE = re.compile(
    r"(?:^|\n)\s*[^\W\d_][^\W\d_ .'-]*(?:[ .'-]+[^\W\d_]+){0,3}\s*(?:\([^()\n]{2,25}\)\s*[,–—-]?|[,–—-])\s*$"
)
_LINE_START = re.compile(r"(?:^|\n)[\s•*]*(?:[^\W\d_]{2,12}\.?,?\s+)?$")
# "Jakarta (ANTARA) - Menteri ..., Jumat (30/1), ...": an agency dateline whose date follows in the lead.
_AGENCY_LINE = re.compile(r"(?:^|\n)\s*[^\W\d_][^\n()]{0,40}\([A-Z][\w./ ]{1,20}\)\s*[-–—]")


def find_reference(text: str, language: str, published: dt.date | None, *, today: dt.date | None = None) -> Reference:
    """The article's reference date and where it came from.

    A year-less dateline ("MOSCOW, Jan 30 (Reuters)") takes the year of the first full date in the
    text, else the latest such day on or before `today` (the wire's own convention: a dateline is
    the day of filing).
    """
    if published is not None:
        return Reference(published, ReferenceSource.METADATA)
    head = text[:HEAD]
    for m in find_dates(head, language, None):
        if m.type not in {TimexType.DATE, TimexType.TIME} or m.range_id is not None:
            continue
        value = m.value[:10]
        if not re.fullmatch(r"(?:\d{4}|XXXX)-\d\d-\d\d", value):
            continue
        before, after = head[max(0, m.start - 60) : m.start], head[m.end : m.end + 30]
        agency = _AGENCY_AFTER.match(after)
        lead = _AGENCY_LINE.search(head, 0, m.start)
        in_lead = lead is not None and "\n" not in head[lead.end() : m.start] and m.start - lead.end() < 250
        if not (agency or in_lead or _PLACE_BEFORE.search(before) or _LINE_START.search(before)):
            continue
        day = _day_of(value, text, language, today)
        if day is None:
            continue
        line_start = head.rfind("\n", 0, m.start) + 1
        end = m.end + (agency.end() if agency else 0)
        return Reference(day, ReferenceSource.DATELINE, head[line_start:end].strip(" -–—|"))
    return Reference(None, ReferenceSource.NONE)


def _day_of(value: str, text: str, language: str, today: dt.date | None) -> dt.date | None:
    if not value.startswith("XXXX"):
        return dt.date.fromisoformat(value)
    month, day = int(value[5:7]), int(value[8:10])
    for m in find_dates(text[:3000], language, None):
        if re.fullmatch(r"\d{4}(?:-\d\d(?:-\d\d)?)?", m.value):
            try:
                return dt.date(int(m.value[:4]), month, day)
            except ValueError:
                return None
    now = today or dt.date.today()
    for year in (now.year, now.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= now:
            return candidate
    return None
