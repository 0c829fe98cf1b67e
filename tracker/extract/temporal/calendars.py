"""Calendar arithmetic for the temporal stage: spans, TIMEX3 values, anchoring, other calendars.

Pure functions over `datetime.date`; no language knowledge here.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from tracker.model import DateSpan, Precision

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def month_last(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def week_monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def week_value(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def day_span(d: date) -> DateSpan:
    return DateSpan(d, d, Precision.DAY)


def week_span(d: date) -> DateSpan:
    monday = week_monday(d)
    return DateSpan(monday, monday + timedelta(days=6), Precision.WEEK)


def weekend_span(d: date) -> DateSpan:
    saturday = week_monday(d) + timedelta(days=5)
    return DateSpan(saturday, saturday + timedelta(days=1), Precision.WEEK)


def month_span(year: int, month: int) -> DateSpan:
    return DateSpan(date(year, month, 1), month_last(year, month), Precision.MONTH)


def year_span(year: int) -> DateSpan:
    return DateSpan(date(year, 1, 1), date(year, 12, 31), Precision.YEAR)


def quarter_span(year: int, quarter: int) -> DateSpan:
    first = date(year, 3 * quarter - 2, 1)
    return DateSpan(first, month_last(year, 3 * quarter), Precision.MONTH)


def half_span(year: int, half: int) -> DateSpan:
    return DateSpan(date(year, 6 * half - 5, 1), month_last(year, 6 * half), Precision.MONTH)


def season_span(year: int, season: str) -> DateSpan:
    first_month, last_month = SEASON_MONTHS[season]
    last_year = year + 1 if last_month < first_month else year
    return DateSpan(date(year, first_month, 1), month_last(last_year, last_month), Precision.MONTH)


def decade_span(decade: int) -> DateSpan:
    return DateSpan(date(decade * 10, 1, 1), date(decade * 10 + 9, 12, 31), Precision.YEAR)


def with_mod(span: DateSpan, mod: str | None) -> DateSpan:
    """The part of `span` that "early" / "mid" / "late" leaves, keeping the precision.

    Thirds of the interval: early this week is Monday to Wednesday, early February 1-10,
    late 1998 September to December.
    """
    if mod not in {"START", "MID", "END"} or span.days < 3:
        return span
    if span.precision is Precision.WEEK and span.days == 7:
        offsets = {"START": (0, 2), "MID": (2, 4), "END": (4, 6)}[mod]
        return DateSpan(span.first + timedelta(offsets[0]), span.first + timedelta(offsets[1]), span.precision)
    if span.precision is Precision.MONTH and span.days <= 31 and span.first.day == 1:
        bounds = {"START": (1, 10), "MID": (11, 20), "END": (21, span.days)}[mod]
        return DateSpan(span.first.replace(day=bounds[0]), span.first.replace(day=bounds[1]), span.precision)
    if span.precision is Precision.YEAR and span.days >= 365:
        y = span.first.year
        months = {"START": (1, 4), "MID": (5, 8), "END": (9, 12)}[mod]
        return DateSpan(date(y, months[0], 1), month_last(y, months[1]), span.precision)
    third = span.days // 3
    if mod == "START":
        return DateSpan(span.first, span.first + timedelta(third - 1), span.precision)
    if mod == "END":
        return DateSpan(span.last - timedelta(third - 1), span.last, span.precision)
    return DateSpan(span.first + timedelta(third), span.last - timedelta(third), span.precision)


def weekday_near(reference: date, weekday: int, direction: str | None) -> date:
    """The weekday nearest `reference` in the tense's direction.

    Past (the default for news): the latest such day on or before the reference date.
    Future: the next such day on or after it.
    """
    if direction == "future":
        return reference + timedelta(days=(weekday - reference.weekday()) % 7)
    return reference - timedelta(days=(reference.weekday() - weekday) % 7)


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def year_for(reference: date, month: int, day: int | None, direction: str | None, *, strict: bool = True) -> int:
    """The year of a year-less date: the one that fits the tense and is nearest the reference."""
    best: tuple[int, int] | None = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        first = safe_date(year, month, day or 1)
        if first is None:
            continue
        last = first if day else month_last(year, month)
        distance = 0 if first <= reference <= last else min(abs((first - reference).days), abs((last - reference).days))
        if direction == "future" and last < reference:
            if strict or not day or distance > 31:
                continue  # "will", "scheduled": an explicit future never points back
            # A future cue found near a day is weaker, as a past one is: "prevista para el 3 de febrero" in a
            # March article tells of a plan for that February, not one eleven months ahead.
            distance *= 3
        if direction == "past" and first > reference:
            if strict or not day or distance > 62:
                continue
            # A past cue found near a day is weaker: "was extended to Nov. 16", "said it would ... by Dec. 15"
            # point ahead; a day within a month ahead stays there rather than jumping back a whole year.
            distance *= 3
        if first > reference and direction is None:
            distance *= 2  # news reports more than it announces: without a tense, lean to the past
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best else reference.year


def jalali_to_gregorian(year: int, month: int, day: int) -> date | None:
    import jdatetime

    try:
        g = jdatetime.date(year, month, day).togregorian()
    except ValueError:
        return None
    return date(g.year, g.month, g.day)


def hijri_to_gregorian(year: int, month: int, day: int) -> date | None:
    from hijridate import Hijri

    try:
        g = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return date(g.year, g.month, g.day)


def gregorian_year_of_jalali(reference: date) -> int:
    """The Solar Hijri year in progress on `reference`."""
    import jdatetime

    return int(jdatetime.date.fromgregorian(date=reference).year)


def hijri_year_of(reference: date) -> int:
    from hijridate import Gregorian

    return int(Gregorian(reference.year, reference.month, reference.day).to_hijri().year)


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    j = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * j) // 451
    month = (h + j - 7 * m + 114) // 31
    return date(year, month, (h + j - 7 * m + 114) % 31 + 1)


# The Chinese (lunisolar) New Year, "Imlek" in Indonesian news: no closed formula, so the days themselves.
_LUNAR_NEW_YEAR = {
    2005: (2, 9), 2006: (1, 29), 2007: (2, 18), 2008: (2, 7), 2009: (1, 26), 2010: (2, 14), 2011: (2, 3),
    2012: (1, 23), 2013: (2, 10), 2014: (1, 31), 2015: (2, 19), 2016: (2, 8), 2017: (1, 28), 2018: (2, 16),
    2019: (2, 5), 2020: (1, 25), 2021: (2, 12), 2022: (2, 1), 2023: (1, 22), 2024: (2, 10), 2025: (1, 29),
    2026: (2, 17), 2027: (2, 6), 2028: (1, 26), 2029: (2, 13), 2030: (2, 3),
}  # fmt: skip


def holiday(spec: str, year: int) -> date | None:
    """The day of a holiday in Gregorian `year`.

    Specs: "12-25" (fixed), "EASTER", "LUNAR" (Chinese New Year), "11-4-3" (the 4th Thursday of November),
    "H:10-01" (1 Shawwal, Hijri) and "J:01-01" (1 Farvardin, Solar Hijri) in the Hijri/Jalali year that
    falls in `year`; "+N" after any of them counts N days on ("11-1-0+1": the Tuesday after the first
    Monday of November).
    """
    if "+" in spec:
        spec, days = spec.rsplit("+", 1)
        d = holiday(spec, year)
        return d + timedelta(days=int(days)) if d else None
    if spec == "EASTER":
        return easter(year)
    if spec == "LUNAR":
        month_day = _LUNAR_NEW_YEAR.get(year)
        return date(year, *month_day) if month_day else None
    if spec.startswith(("H:", "J:")):
        month, day = (int(x) for x in spec[2:].split("-"))
        if spec[0] == "J":
            return jalali_to_gregorian(year - 621, month, day)
        for hijri_year in (hijri_year_of(date(year, 1, 1)), hijri_year_of(date(year, 12, 31))):
            d = hijri_to_gregorian(hijri_year, month, day)
            if d is not None and d.year == year:
                return d
        return None
    parts = [int(x) for x in spec.split("-")]
    if len(parts) == 3:
        month, nth, weekday = parts
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    return safe_date(year, parts[0], parts[1])
