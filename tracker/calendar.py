"""ICS calendars: stored events → RFC 5545 / RFC 7986 bytes, and external calendars → event drafts.

Stage: the last step before a person's calendar app. `build_calendar` is pure (events, a name and
today's date in; bytes out, the same bytes for the same input so that ETags are stable) and
`read_calendar` is the inverse used by `tracker import-ics` (bytes in; `EventDraft`s out, or a
`CalendarError` naming the problem, never half a calendar).

How events map to VEVENTs:

- UID is `Event.uid`; DTSTAMP and LAST-MODIFIED are the event's last change (never "now"); CREATED,
  SEQUENCE from the store. Rebuilding the feed a minute later yields the same bytes.
- Day-level spans are all-day events (VALUE=DATE) with the exclusive DTEND RFC 5545 asks for:
  16..18 February is DTSTART 20260216, DTEND 20260219. Week-, month- and year-level spans are
  all-day events over the whole span the text allows, and the DESCRIPTION says in words how
  precisely the date is known ("date known to the week of 26 January 2026").
- Events with a local start time and an IANA zone are timed events with TZID and a generated
  VTIMEZONE. A time without a (valid) zone cannot be placed for subscribers in other zones, so such
  an event stays all-day and the time goes into the DESCRIPTION.
- Every event is TRANSP:TRANSPARENT: subscribers watch these events, they do not attend them, so
  a summit must not mark their day busy.
- STATUS: held → CONFIRMED, scheduled → TENTATIVE, postponed → TENTATIVE with "[Postponed] ".

Cancelled and removed events (the Google-friendly policy)
---------------------------------------------------------
Google Calendar hides a subscribed event whose STATUS is CANCELLED, and every client drops an event
that disappears from a subscribed feed, so neither tells the subscriber *what* happened. We keep
the change visible for a grace period instead:

- A cancelled event is published as "[Cancelled] <title>" with STATUS:TENTATIVE for
  `cancelled_grace_days` days after its last change (`Event.updated`), then leaves the feed.
- A deleted event (`Event.deleted` set) is published as "[Removed] <title>" with STATUS:TENTATIVE
  for `cancelled_grace_days` days after its deletion, then leaves the feed. Its SEQUENCE is one more
  than the stored one and its DTSTAMP the deletion time, so clients that honour SEQUENCE update it.
- Both carry `X-TRACKER-STATUS` (cancelled / removed) for machines, and the reason in DESCRIPTION.

The grace period is counted in whole UTC days against the `today` argument, so the output only
changes when the date does.

Text safety: every user-supplied string goes through icalendar's TEXT escaping (commas,
semicolons, backslashes, newlines); carriage returns and other control characters are normalised
first, so no title or quote can start a new property or component. URLs that are not plain
http(s) URLs are left out rather than emitted.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import re
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
from icalendar.timezone import tzids_from_tzinfo
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from tracker.errors import CalendarError
from tracker.model import (
    DateSpan,
    Event,
    EventDraft,
    EventType,
    LinkKind,
    Place,
    Precision,
    Status,
)

PRODID = "-//tracker//diplomatic calendar 1.0//EN"
UID_DOMAIN = "tracker"

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f\"<>\\^`{|}]+", re.IGNORECASE)
_STATUS_TO_ICS: dict[Status, icalendar.enums.STATUS] = {
    Status.HELD: icalendar.enums.STATUS.CONFIRMED,
    Status.SCHEDULED: icalendar.enums.STATUS.TENTATIVE,
    Status.POSTPONED: icalendar.enums.STATUS.TENTATIVE,
    Status.CANCELLED: icalendar.enums.STATUS.TENTATIVE,  # see "the Google-friendly policy" above
}
_PREFIX = {Status.POSTPONED: "[Postponed] ", Status.CANCELLED: "[Cancelled] "}
_REMOVED = "[Removed] "
_TYPE_WORDS = {
    EventType.PHONE_CALL: ("phone call", "call"),
    EventType.SUMMIT: ("summit",),
    EventType.TALKS: ("talks", "negotiation", "consultations"),
    EventType.VISIT: ("visit",),
    EventType.SESSION: ("session", "plenary", "commission"),
    EventType.CONFERENCE: ("conference", "forum", "congress"),
    EventType.SIGNING: ("signing", "signature"),
    EventType.STATEMENT: ("statement", "press conference", "briefing"),
    EventType.MEETING: ("meeting", "meets", "bilateral", "council"),
}


def event_uid(event_id_or_uid: str) -> str:
    """A globally unique ICS UID for a stored event: its uid when it already has a domain part."""
    if "@" in event_id_or_uid:
        return event_id_or_uid
    digest = hashlib.sha256(event_id_or_uid.encode("utf-8")).hexdigest()[:32]
    return f"{digest}@{UID_DOMAIN}"


# --------------------------------------------------------------------------------------- building


def build_calendar(
    events: Sequence[Event],
    *,
    name: str,
    description: str | None = None,
    refresh_minutes: int = 60,
    url: str | None = None,
    today: date,
    cancelled_grace_days: int = 30,
) -> bytes:
    """The events as an iCalendar file, following the policy in the module docstring.

    Deterministic: events are ordered by start (day, then time) and uid, VTIMEZONEs by TZID, and no
    value depends on the clock, so equal input gives equal bytes.
    """
    refresh = timedelta(minutes=max(1, refresh_minutes))
    clean_url = _safe_url(url)
    cal = icalendar.Calendar.new(
        prodid=PRODID,
        version="2.0",
        calscale="GREGORIAN",
        method="PUBLISH",
        # RFC 7986 calendar UID: stable per feed, so it must not be the library's random default.
        uid=str(uuid.uuid5(uuid.NAMESPACE_URL, clean_url or f"tracker:{name}")),
        url=clean_url,
    )
    # NAME / X-WR-CALNAME / X-WR-CALDESC are added as TEXT explicitly: icalendar 7.3 stores them on
    # VCALENDAR as unknown values and would not escape a newline in a name.
    cal.add("NAME", icalendar.vText(_clean_line(name)))
    cal.add("X-WR-CALNAME", icalendar.vText(_clean_line(name)))
    if description:
        cal.add("DESCRIPTION", icalendar.vText(_clean_text(description)))
        cal.add("X-WR-CALDESC", icalendar.vText(_clean_text(description)))
    # RFC 7986 wants the VALUE=DURATION parameter spelled out; X-PUBLISHED-TTL is Outlook's twin.
    cal.add("REFRESH-INTERVAL", icalendar.vDuration(refresh), parameters={"VALUE": "DURATION"})
    cal.add("X-PUBLISHED-TTL", icalendar.vDuration(refresh))

    shown = [(event, why) for event in events if (why := _visibility(event, today, cancelled_grace_days))]
    shown.sort(key=lambda pair: (pair[0].span.first, pair[0].start_time or time.min, pair[0].uid))
    # The VTIMEZONEs and VEVENTs are serialised one by one (and remembered), then put where the
    # calendar's own serialisation would put its subcomponents, in the same order: before
    # END:VCALENDAR. Same bytes as adding them as components.
    head = cal.to_ical()
    if not head.endswith(_END):
        raise AssertionError("icalendar did not end the calendar with END:VCALENDAR")
    zones = _timezones([event for event, _ in shown])
    return b"".join([head[: -len(_END)], *zones, *(_vevent_cached(event, why) for event, why in shown), _END])


_END = b"END:VCALENDAR\r\n"


def _vevent_cached(event: Event, shown: _Shown) -> bytes:
    try:
        return _vevent_bytes(event, shown)
    except TypeError:  # an unhashable field added to Event one day: correct, just not remembered
        return _vevent(event, shown).to_ical()


@functools.lru_cache(maxsize=32768)
def _vevent_bytes(event: Event, shown: _Shown) -> bytes:
    """One VEVENT as bytes. Remembered per (event, state): events are frozen values, so a feed
    re-rendered after one edit serialises that one event again, not all ten thousand."""
    return _vevent_text(event, shown)


def _vevent_text(event: Event, shown: _Shown) -> bytes:
    """The same bytes as `_vevent(event, shown).to_ical()`, about ten times faster.

    Building an `icalendar.Event` costs ~0.3 ms per event (typed properties, parameter objects,
    folding character by character), which made a cold 10,000-event feed take seconds. Here each
    value is still encoded by icalendar's own property types (TEXT escaping, dates, GEO,
    CATEGORIES); only the assembly is ours: icalendar's property order (its canonical ones
    first, then the rest alphabetically) and its folding rule (`_fold`). tests/test_calendar.py
    checks the equality on every kind of event, hostile text included.
    """
    removed = shown.state == "removed"
    prefix = _REMOVED if removed else _PREFIX.get(event.status, "")
    start, end = _start_end(event)
    stamp = _utc_stamp(shown.stamp)
    status = _STATUS_TO_ICS[Status.SCHEDULED] if removed else _STATUS_TO_ICS[event.status]
    lines = [
        "BEGIN:VEVENT",
        "SUMMARY:" + _text(prefix + _clean_line(event.title)),
        "DTSTART" + _dated(start),
    ]
    if end is not None:
        lines.append("DTEND" + _dated(end))
    lines += [
        "DTSTAMP:" + stamp,
        "UID:" + _text(event_uid(event.uid)),
        f"SEQUENCE:{event.sequence + (1 if removed else 0)}",
        "CATEGORIES:" + ",".join(map(_text, [event.type.value, *event.countries])),
        "CREATED:" + _utc_stamp(_utc(event.created)),
        "DESCRIPTION:" + _text(_description(event, shown)),
    ]
    if event.place and event.place.latitude is not None and event.place.longitude is not None:
        lines.append("GEO:" + _ical(icalendar.vGeo((event.place.latitude, event.place.longitude))))
    lines.append("LAST-MODIFIED:" + stamp)
    if (location := _location(event.place)) is not None:
        lines.append("LOCATION:" + _text(location))
    for link in sorted(event.links, key=lambda lk: (lk.kind.value, lk.target_uid)):
        if link.kind in (LinkKind.FOLLOW_UP_OF, LinkKind.PART_OF):
            lines.append("RELATED-TO;RELTYPE=PARENT:" + _text(event_uid(link.target_uid)))
    lines += [f"STATUS:{status.value}", f"TRANSP:{icalendar.enums.TRANSP.TRANSPARENT.value}"]
    if (url := _event_url(event)) is not None:
        lines.append("URL:" + _ical(icalendar.vUri(url)))
    if shown.state != "live":
        lines.append("X-TRACKER-STATUS:" + _text(shown.state))
    lines.append("END:VEVENT")
    return ("\r\n".join(map(_fold, lines)) + "\r\n").encode("utf-8")


def _ical(value: icalendar.vGeo | icalendar.vUri) -> str:
    encoded = value.to_ical()
    return encoded if isinstance(encoded, str) else encoded.decode("utf-8")  # vGeo gives str


def _text(value: str) -> str:
    """A TEXT value escaped as icalendar 7's vText escapes it, in the same order (`\\N` first).

    Spelled out because vText builds a parameter dictionary per value, which was a fifth of the
    cost of a VEVENT; the equality test in tests/test_calendar.py holds it to icalendar's output.
    """
    return (
        value.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _utc_stamp(moment: datetime) -> str:
    """A UTC DATE-TIME as vDatetime writes it (seconds, "Z")."""
    return f"{moment.year:04}{moment.month:02}{moment.day:02}T{moment.hour:02}{moment.minute:02}{moment.second:02}Z"


def _dated(moment: date | datetime) -> str:
    """The tail of a date property: ";VALUE=DATE:20260216", ";TZID=Europe/Moscow:20260216T100000", ":...Z"."""
    if not isinstance(moment, datetime):
        return f";VALUE=DATE:{moment.year:04}{moment.month:02}{moment.day:02}"
    prop = icalendar.vDDDTypes(moment)  # icalendar names the zone (TZID, or "Z" for UTC)
    params = prop.params.to_ical().decode("utf-8")
    return (";" + params if params else "") + ":" + prop.to_ical().decode("utf-8")


_FOLD_BYTES = 74  # icalendar folds before the character that would make a line 75 octets long


def _fold(line: str) -> str:
    """RFC 5545 folding exactly as icalendar 7 does it, a slice at a time rather than a character.

    A line is cut into the longest pieces of at most 74 UTF-8 octets, never inside a character;
    a piece that would end in a backslash or caret (the start of an escape) gives it to the next
    piece, unless it is the piece's only character.
    """
    if len(line) <= _FOLD_BYTES and (line.isascii() or len(line.encode("utf-8")) <= _FOLD_BYTES):
        return line
    pieces = []
    start, n = 0, len(line)
    while start < n:
        end = min(n, start + _FOLD_BYTES)
        if not line[start:end].isascii() and len(line[start:end].encode("utf-8")) > _FOLD_BYTES:
            low, high = start + 1, end  # the longest end that fits: at least one character always does
            while low < high:
                mid = (low + high + 1) // 2
                if len(line[start:mid].encode("utf-8")) <= _FOLD_BYTES:
                    low = mid
                else:
                    high = mid - 1
            end = low
        if end < n and end - start > 1 and line[end - 1] in "\\^":
            end -= 1
        pieces.append(line[start:end])
        start = end
    return "\r\n ".join(pieces)


@dataclass(frozen=True)
class _Shown:
    """Why an event is in the feed: "live", "cancelled" or "removed", and the stamp to use."""

    state: str
    stamp: datetime


def _visibility(event: Event, today: date, grace_days: int) -> _Shown | None:
    grace = timedelta(days=max(0, grace_days))
    if event.deleted is not None:
        deleted = _utc(event.deleted)
        if today > deleted.date() + grace:
            return None
        return _Shown("removed", max(deleted, _utc(event.updated)))
    if event.status is Status.CANCELLED:
        updated = _utc(event.updated)
        return _Shown("cancelled", updated) if today <= updated.date() + grace else None
    return _Shown("live", _utc(event.updated))


def _vevent(event: Event, shown: _Shown) -> icalendar.Event:
    removed = shown.state == "removed"
    prefix = _REMOVED if removed else _PREFIX.get(event.status, "")
    start, end = _start_end(event)
    vevent = icalendar.Event.new(
        uid=event_uid(event.uid),
        stamp=shown.stamp,
        last_modified=shown.stamp,
        created=_utc(event.created),
        sequence=event.sequence + (1 if removed else 0),
        summary=prefix + _clean_line(event.title),
        start=start,
        end=end,
        status=_STATUS_TO_ICS[Status.SCHEDULED] if removed else _STATUS_TO_ICS[event.status],
        transparency=icalendar.enums.TRANSP.TRANSPARENT,
        categories=[event.type.value, *event.countries],
        description=_description(event, shown),
        location=_location(event.place),
        url=_event_url(event),
    )
    if event.place and event.place.latitude is not None and event.place.longitude is not None:
        vevent.add("GEO", (event.place.latitude, event.place.longitude))
    for link in sorted(event.links, key=lambda lk: (lk.kind.value, lk.target_uid)):
        # A follow-up (or a part) is subordinate to the event it links to: RELTYPE=PARENT.
        if link.kind in (LinkKind.FOLLOW_UP_OF, LinkKind.PART_OF):
            vevent.add("RELATED-TO", event_uid(link.target_uid), parameters={"RELTYPE": "PARENT"})
    if shown.state != "live":
        vevent.add("X-TRACKER-STATUS", shown.state)
    return vevent


def _zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _start_end(event: Event) -> tuple[date | datetime, date | datetime | None]:
    zone = _zone(event.timezone)
    if event.start_time is None or zone is None or event.span.precision is not Precision.DAY:
        return event.span.first, event.span.last + timedelta(days=1)
    start = datetime.combine(event.span.first, event.start_time, tzinfo=zone)
    if event.end_time is None:
        # RFC 5545: a DATE-TIME DTSTART without DTEND ends where it starts; we do not invent a length.
        return start, None
    end = datetime.combine(event.span.last, event.end_time, tzinfo=zone)
    return start, end if end > start else None


def _timezones(events: Iterable[Event]) -> list[bytes]:
    """VTIMEZONEs for every TZID used, in TZID order, covering the years the events touch.

    Calendar.add_missing_timezones would do the same but in set order, which changes between
    processes; the feed's bytes must not.
    """
    years: dict[str, list[int]] = {}
    for event in events:
        if isinstance(_start_end(event)[0], datetime):
            assert event.timezone is not None
            years.setdefault(event.timezone, []).extend((event.span.first.year, event.span.last.year))
    return [_vtimezone(tzid, min(years[tzid]), max(years[tzid])) for tzid in sorted(years)]


@functools.lru_cache(maxsize=1024)
def _vtimezone(tzid: str, first_year: int, last_year: int) -> bytes:
    """One VTIMEZONE as bytes, remembered: generating its transitions costs ~20 ms a zone."""
    first, last = date(first_year, 1, 1), date(last_year, 12, 31)
    return icalendar.Timezone.from_tzid(tzid, first_date=first, last_date=last).to_ical()


def _description(event: Event, shown: _Shown) -> str:
    lines: list[str] = []
    if shown.state == "removed":
        lines.append("This event was removed from the tracker; it will leave this calendar soon.")
    elif shown.state == "cancelled":
        lines.append("This event was cancelled; it will leave this calendar soon.")
    lines.append(f"{event.type.value.replace('_', ' ').capitalize()}, {event.status.value}.")
    if event.span.precision is not Precision.DAY:
        describe = event.span.describe()
        lines.append(describe[:1].upper() + describe[1:] + ".")
    if event.start_time is not None and not isinstance(_start_end(event)[0], datetime):
        zone = _clean_line(event.timezone) if event.timezone else "time zone unknown"
        lines.append(f"Local time: {event.start_time.strftime('%H:%M')} ({zone}).")
    if event.participants:
        lines.append("")
        lines.append("Participants:")
        for p in event.participants:
            extra = ", ".join(x for x in (p.title, p.country_code) if x)
            detail = p.role.value + (", " + _clean_line(extra) if extra else "")
            lines.append(f"- {_clean_line(p.name)} ({detail})")
    if event.place:
        lines.append("")
        place = event.place.name + (f" ({event.place.country_code})" if event.place.country_code else "")
        lines.append(f"Place: {_clean_line(place)}")
    if event.note:
        lines.append("")
        lines.append(f"Note: {_clean_text(event.note)}")
    if event.evidence:
        lines.append("")
        lines.append("Evidence:")
        for ev in event.evidence:
            source = f" ({_clean_line(ev.outlet)})" if ev.outlet else ""
            when = f" [date: {_clean_line(ev.date_text)}]" if ev.date_text else ""
            lines.append(f"- “{_clean_line(ev.text)}”{source}{when}")
    sources = sorted({u for ev in event.evidence if (u := _safe_url(ev.article_url))})
    if sources:
        lines.append("")
        lines.append("Sources:")
        lines.extend(f"- {u}" for u in sources)
    lines.append("")
    lines.append(f"Confidence: {event.confidence:.2f} · origin: {event.origin.value} · id: {event.uid}")
    return "\n".join(lines)


def _location(place: Place | None) -> str | None:
    return _clean_line(place.name) if place and place.name.strip() else None


def _event_url(event: Event) -> str | None:
    for candidate in (event.url, *(ev.article_url for ev in event.evidence)):
        if url := _safe_url(candidate):
            return url
    return None


def _safe_url(url: str | None) -> str | None:
    """An absolute http(s) URL with nothing that could break a content line, or None."""
    if not url:
        return None
    url = url.strip()
    return url if _URL.fullmatch(url) else None


def _clean_text(text: str) -> str:
    """NFC text with CR/LF unified to LF and other control characters removed (escaping is icalendar's)."""
    if text.isascii() and text.isprintable():
        return text.strip()  # already NFC, no line break or control character: the common case
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


def _clean_line(text: str) -> str:
    """Single-line text: any line break becomes a space."""
    return " ".join(_clean_text(text).split())


def _utc(moment: datetime) -> datetime:
    """Stored instants are UTC-aware; a naive one (SQLite round trip) is taken as UTC."""
    if moment.tzinfo is UTC:
        return moment  # the store's case: astimezone would make the same datetime, slowly
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


# ---------------------------------------------------------------------------------------- reading


def read_calendar(data: bytes, *, today: date | None = None) -> list[EventDraft]:
    """Every VEVENT of an external calendar as an `EventDraft` (`external_uid` = its UID).

    All-day DTEND is exclusive in ICS and inclusive in `DateSpan`; timed events keep their local
    start/end time and IANA zone (UTC when the zone is not a known IANA one). A recurring event is
    imported as its first occurrence (official agendas rarely recur; the note says so). Status:
    CANCELLED → cancelled, a "[Postponed]"/"[Cancelled]" title prefix as ours writes it, otherwise
    held for an event that ended before `today` (UTC today by default) and scheduled after.

    Raises CalendarError with a one-line message for anything that is not a readable calendar, and
    then returns nothing at all.
    """
    if today is None:
        today = datetime.now(UTC).date()
    if not data or not data.strip():
        raise CalendarError("the calendar is empty")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CalendarError(f"the calendar is not UTF-8 text (byte {exc.start})") from exc
    if b"BEGIN:VCALENDAR" not in data.upper():
        raise CalendarError("not an iCalendar file: no BEGIN:VCALENDAR")
    _check_nesting(data)
    try:
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
    except Exception as exc:  # icalendar raises ValueError, KeyError, IndexError ... on bad input
        raise CalendarError(f"not a valid iCalendar file: {_one_line(exc)}") from exc
    drafts: dict[str, EventDraft] = {}
    for cal in calendars:
        default_zone = _zone(str(cal.get("X-WR-TIMEZONE", "")) or None)
        for vevent in cal.events:
            if vevent.get("RECURRENCE-ID") is not None:
                continue  # an override of one occurrence; we import the series' first one
            try:
                draft = _draft(vevent, default_zone, today)
            except (ValueError, TypeError, AttributeError, KeyError) as exc:  # whatever else is broken
                uid = str(vevent.get("UID", "")) or "without UID"
                raise CalendarError(f"event {uid!r} cannot be read: {_one_line(exc)}") from exc
            assert draft.external_uid is not None
            drafts.setdefault(draft.external_uid, draft)
    return list(drafts.values())


def _check_nesting(data: bytes) -> None:
    """BEGIN/END lines must pair up: icalendar silently drops a truncated component, we refuse it."""
    stack: list[str] = []
    for number, raw in enumerate(data.decode("utf-8").splitlines(), start=1):
        line = raw.lstrip("\ufeff").rstrip().upper()  # a folded line starts with a space: not a BEGIN
        if line.startswith("BEGIN:"):
            stack.append(line[6:])
        elif line.startswith("END:"):
            name = line[4:]
            if not stack or stack[-1] != name:
                opened = f"BEGIN:{stack[-1]}" if stack else "nothing"
                raise CalendarError(f"line {number}: END:{name} does not close {opened}")
            stack.pop()
    if stack:
        raise CalendarError(f"the calendar ends inside {stack[-1]} (truncated file?)")


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


def _draft(vevent: icalendar.Event, default_zone: ZoneInfo | None, today: date) -> EventDraft:
    raw_uid = str(vevent.get("UID", "")).strip()
    summary = _clean_line(str(vevent.get("SUMMARY", ""))) or "(untitled)"
    label = f"event {raw_uid or summary!r}"
    try:
        start = vevent.DTSTART
        end = vevent.end if vevent.get("DTEND") is not None or vevent.get("DURATION") is not None else None
    except Exception as exc:  # InvalidCalendar, ValueError ... from broken DTSTART/DTEND values
        raise CalendarError(f"{label}: unreadable start or end ({_one_line(exc)})") from exc
    if start is None:
        raise CalendarError(f"{label} has no DTSTART")
    if not raw_uid:
        # No UID: derive one from what identifies the event, so a re-import stays idempotent.
        raw_uid = "sha256-" + hashlib.sha256(f"{summary}|{start.isoformat()}".encode()).hexdigest()[:32]

    start_time: time | None = None
    end_time: time | None = None
    zone_name: str | None = None
    if isinstance(start, datetime):
        start, zone_name = _localise(start, default_zone)
        first = start.date()
        start_time = start.timetz().replace(tzinfo=None)
        last = first
        if isinstance(end, datetime):
            # A floating end shares the start's zone; an anchored one is shown in the start's zone.
            zone = start.tzinfo
            local_end = end.replace(tzinfo=zone) if end.tzinfo is None else end.astimezone(zone)
            if local_end > start:
                last = local_end.date()
                end_time = local_end.timetz().replace(tzinfo=None)
    else:
        first = start
        # DTEND of an all-day event is exclusive; a missing or non-advancing one means one day.
        # (icalendar refuses a DTEND whose type differs from DTSTART's, so `end` is a date here.)
        last = end - timedelta(days=1) if isinstance(end, date) and end > start else start
        if isinstance(last, datetime):
            last = last.date()

    status, title = _status_and_title(str(vevent.get("STATUS", "")).upper(), summary, last, today)
    categories = [c.lower() for c in _categories(vevent)]
    note = _clean_text(str(vevent.get("DESCRIPTION", ""))) or None
    if vevent.get("RRULE") is not None:
        note = ((note + "\n") if note else "") + "Recurring in the source calendar; first occurrence only."
    return EventDraft(
        title=title,
        type=_event_type(categories, title),
        status=status,
        span=DateSpan(first, last, Precision.DAY),
        place=_place(vevent),
        confidence=0.9,  # an official agenda states its own events
        start_time=start_time,
        end_time=end_time,
        timezone=zone_name,
        note=note,
        url=_safe_url(str(vevent.get("URL", "")) or None),
        external_uid=raw_uid,
    )


def _localise(moment: datetime, default_zone: ZoneInfo | None) -> tuple[datetime, str]:
    """The moment in an IANA zone we can name: its own, the calendar's X-WR-TIMEZONE, else UTC."""
    if moment.tzinfo is None:
        zone = default_zone or ZoneInfo("UTC")
        return moment.replace(tzinfo=zone), zone.key
    name = _iana_name(moment.tzinfo)
    if name is not None:
        return moment.astimezone(ZoneInfo(name)), name
    return moment.astimezone(ZoneInfo("UTC")), "UTC"


def _iana_name(tz: tzinfo) -> str | None:
    key = getattr(tz, "key", None)
    candidates = [key] if isinstance(key, str) else []
    with contextlib.suppress(Exception):  # an exotic tzinfo icalendar cannot name
        candidates += list(tzids_from_tzinfo(tz))
    for candidate in candidates:
        # Outlook names zones the Windows way ("W. Europe Standard Time"); icalendar maps them.
        windows = WINDOWS_TO_OLSON.get(candidate, candidate)
        for name in (candidate, candidate.removeprefix("custom_"), candidate.removeprefix("/"), windows):
            if _zone(name) is not None:
                return "UTC" if name in ("UTC", "Etc/UTC", "GMT", "Z") else name
    return None


def _status_and_title(ics_status: str, summary: str, last: date, today: date) -> tuple[Status, str]:
    status = Status.HELD if last < today else Status.SCHEDULED
    for prefix, marked in (("[Postponed]", Status.POSTPONED), ("[Cancelled]", Status.CANCELLED)):
        if summary.startswith(prefix):
            return marked, summary[len(prefix) :].strip() or summary
    if ics_status == "CANCELLED":
        status = Status.CANCELLED
    return status, summary


def _categories(vevent: icalendar.Event) -> list[str]:
    try:
        return [str(c) for c in vevent.categories]
    except Exception:  # a malformed CATEGORIES is not worth rejecting a calendar for
        return []


def _event_type(categories: list[str], title: str) -> EventType:
    for value in categories:
        if value in EventType._value2member_map_:
            return EventType(value)
    lowered = title.lower()
    for event_type, words in _TYPE_WORDS.items():
        if any(word in lowered for word in words):
            return event_type
    return EventType.OTHER


def _place(vevent: icalendar.Event) -> Place | None:
    name = _clean_line(str(vevent.get("LOCATION", "")))
    lat = lon = None
    geo = vevent.get("GEO")
    if geo is not None:
        try:
            lat, lon = float(geo.latitude), float(geo.longitude)
        except (AttributeError, TypeError, ValueError):
            lat = lon = None
    if not name:
        return None
    return Place(name=name, latitude=lat, longitude=lon)
