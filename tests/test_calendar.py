"""ICS building and reading (tracker.calendar), checked by three independent readers.

The export is parsed back by icalendar (field by field), by the strict `ical` package and by
recurring-ical-events; imports are read from real-world-shaped .ics files in tests/fixtures/ics.
The seed calendar is compared structurally with tests/golden/seed.ics; regenerate it after a
reviewed change with `TRACKER_UPDATE_GOLDEN=1 pytest tests/test_calendar.py`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from ical.calendar_stream import IcsCalendarStream

from tracker.calendar import build_calendar, event_uid, read_calendar
from tracker.errors import CalendarError
from tracker.model import (
    ActorKind,
    DateSpan,
    Event,
    EventType,
    Evidence,
    Link,
    LinkKind,
    Origin,
    Participant,
    Place,
    Precision,
    Role,
    Status,
)

FIXTURES = Path(__file__).parent / "fixtures" / "ics"
GOLDEN = Path(__file__).parent / "golden"
TODAY = date(2026, 2, 1)
CREATED = datetime(2026, 1, 31, 8, 0, tzinfo=UTC)
UPDATED = datetime(2026, 1, 31, 9, 30, tzinfo=UTC)
ARTICLE = "https://faktaglobal.com/2026/01/31/putin-larijani"


def make_event(uid: str = "e1@tracker", **changes: object) -> Event:
    base = Event(
        id=1,
        uid=uid,
        title="An event",
        type=EventType.MEETING,
        status=Status.SCHEDULED,
        span=DateSpan(date(2026, 2, 10), date(2026, 2, 10)),
        origin=Origin.EXTRACTED,
        sequence=0,
        created=CREATED,
        updated=UPDATED,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def seed_events() -> list[Event]:
    """The three seed events as the store will hold them, plus a manual follow-up."""
    quote = Evidence(
        start=0,
        end=58,
        text="Presiden Rusia Vladimir Putin menerima Ali Larijani di Kremlin pada Jumat",
        date_text="pada Jumat",
        date_value="2026-01-30",
        article_url=ARTICLE,
        outlet="FAKTAGLOBAL.COM",
    )
    meeting = make_event(
        "5f0c1a2b3c4d5e6f@tracker",
        id=1,
        title="Putin receives Ali Larijani at the Kremlin",
        type=EventType.MEETING,
        status=Status.HELD,
        span=DateSpan(date(2026, 1, 30), date(2026, 1, 30)),
        participants=(
            Participant("Vladimir Putin", role=Role.HOST, title="President of Russia", country_code="RU"),
            Participant("Ali Larijani", role=Role.GUEST, country_code="IR"),
        ),
        place=Place("Kremlin, Moscow", "RU", 55.7520, 37.6175),
        evidence=(quote,),
        confidence=0.9,
    )
    talks = make_event(
        "6a7b8c9d0e1f2a3b@tracker",
        id=2,
        title="Rudenko and Qanbari hold talks on trade and economic cooperation",
        type=EventType.TALKS,
        status=Status.HELD,
        span=DateSpan(date(2026, 1, 26), date(2026, 1, 28), Precision.WEEK),
        participants=(
            Participant("Andrei Rudenko", title="Deputy Foreign Minister", country_code="RU"),
            Participant("Hamed Qanbari", country_code="IR"),
        ),
        evidence=(replace(quote, text="awal pekan ini", date_text="awal pekan ini", date_value="2026-W05"),),
        confidence=0.7,
    )
    session = make_event(
        "7c8d9e0f1a2b3c4d@tracker",
        id=3,
        title="Russia–Iran Permanent Commission for Trade and Economic Cooperation, session",
        type=EventType.SESSION,
        status=Status.SCHEDULED,
        span=DateSpan(date(2026, 2, 16), date(2026, 2, 18)),
        place=Place("Tehran", "IR", 35.6892, 51.3890),
        participants=(Participant("Russia", kind=ActorKind.COUNTRY, country_code="RU"),),
        evidence=(replace(quote, text="16–18 Februari di Teheran", date_text="16–18 Februari"),),
        sequence=1,
    )
    follow_up = make_event(
        "8d9e0f1a2b3c4d5e@tracker",
        id=4,
        title="Follow-up: ministers' call after the commission",
        type=EventType.PHONE_CALL,
        status=Status.SCHEDULED,
        origin=Origin.MANUAL,
        span=DateSpan(date(2026, 2, 20), date(2026, 2, 20)),
        start_time=time(10, 0),
        end_time=time(10, 45),
        timezone="Asia/Tehran",
        links=(Link(LinkKind.FOLLOW_UP_OF, session.uid),),
        note="Added by hand; confirm the time.",
    )
    return [follow_up, session, talks, meeting]


def build(events: list[Event], **kwargs: object) -> bytes:
    options: dict[str, object] = {"name": "tracker: diplomatic calendar", "today": TODAY}
    options.update(kwargs)
    return build_calendar(events, **options)  # type: ignore[arg-type]


def vevents(data: bytes) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(data)
    return {str(e["UID"]): e for e in cal.events}


def unfold(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


# ----------------------------------------------------------------------------------------- golden


def structure(data: bytes) -> list[tuple[str, tuple[str, ...]]]:
    """Components with their property lines sorted: property order and folding do not matter."""
    out: list[tuple[str, tuple[str, ...]]] = []
    stack: list[tuple[str, list[str]]] = []
    for line in unfold(data):
        if not line:
            continue
        if line.startswith("BEGIN:"):
            stack.append((line[6:], []))
        elif line.startswith("END:"):
            name, props = stack.pop()
            out.append((name, tuple(sorted(props))))
        else:
            stack[-1][1].append(line)
    return sorted(out)


def test_seed_calendar_matches_the_golden_file() -> None:
    data = build(seed_events(), description="Seed events", url="http://127.0.0.1:8765/calendar.ics")
    golden = GOLDEN / "seed.ics"
    if os.environ.get("TRACKER_UPDATE_GOLDEN") or not golden.exists():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(data)
        if not os.environ.get("TRACKER_UPDATE_GOLDEN"):
            pytest.fail("golden file was missing and has been written; review and commit it")
    assert structure(data) == structure(golden.read_bytes())


def test_structural_compare_ignores_property_order_but_not_values() -> None:
    data = build(seed_events())
    lines = data.split(b"\r\n")
    i = lines.index(b"BEGIN:VEVENT")
    shuffled = b"\r\n".join([*lines[: i + 1], lines[i + 2], lines[i + 1], *lines[i + 3 :]])
    assert structure(shuffled) == structure(data)
    assert structure(data.replace(b"20260219", b"20260218")) != structure(data)


# -------------------------------------------------------------------------------- field by field


def test_seed_session_is_all_day_with_exclusive_end() -> None:
    data = build(seed_events())
    assert "DTSTART;VALUE=DATE:20260216" in unfold(data)
    assert "DTEND;VALUE=DATE:20260219" in unfold(data)
    session = vevents(data)["7c8d9e0f1a2b3c4d@tracker"]
    assert session.start == date(2026, 2, 16)
    assert session.end == date(2026, 2, 19)


def test_round_trip_field_by_field() -> None:
    events = {e.uid: e for e in seed_events()}
    parsed = vevents(build(list(events.values())))
    assert set(parsed) == set(events)

    meeting = parsed["5f0c1a2b3c4d5e6f@tracker"]
    assert meeting["SUMMARY"] == "Putin receives Ali Larijani at the Kremlin"
    assert meeting.start == date(2026, 1, 30) and meeting.end == date(2026, 1, 31)
    assert meeting["DTSTAMP"].dt == UPDATED
    assert meeting.last_modified == UPDATED
    assert meeting.created == CREATED
    assert meeting.sequence == 0
    assert meeting["STATUS"] == "CONFIRMED"
    assert meeting["TRANSP"] == "TRANSPARENT"
    assert meeting["LOCATION"] == "Kremlin, Moscow"
    assert (meeting["GEO"].latitude, meeting["GEO"].longitude) == (55.7520, 37.6175)
    assert [str(c) for c in meeting.categories] == ["meeting", "IR", "RU"]
    assert str(meeting["URL"]) == ARTICLE
    description = str(meeting["DESCRIPTION"])
    assert "- Vladimir Putin (host, President of Russia, RU)" in description
    assert "- Ali Larijani (guest, IR)" in description
    assert "“Presiden Rusia Vladimir Putin menerima Ali Larijani di Kremlin pada Jumat”" in description
    assert ARTICLE in description

    talks = parsed["6a7b8c9d0e1f2a3b@tracker"]
    assert talks.start == date(2026, 1, 26) and talks.end == date(2026, 1, 29)
    assert "Date known to the week of 26 January 2026." in str(talks["DESCRIPTION"])

    session = parsed["7c8d9e0f1a2b3c4d@tracker"]
    assert session.sequence == 1
    assert session["STATUS"] == "TENTATIVE"

    follow_up = parsed["8d9e0f1a2b3c4d5e@tracker"]
    assert follow_up.start == datetime(2026, 2, 20, 10, 0, tzinfo=ZoneInfo("Asia/Tehran"))
    assert follow_up.end == datetime(2026, 2, 20, 10, 45, tzinfo=ZoneInfo("Asia/Tehran"))
    assert follow_up["DTSTART"].params["TZID"] == "Asia/Tehran"
    related = follow_up["RELATED-TO"]
    assert str(related) == "7c8d9e0f1a2b3c4d@tracker"
    assert related.params["RELTYPE"] == "PARENT"


def test_calendar_properties() -> None:
    data = build(seed_events(), description="Seed, events; all", refresh_minutes=90, url="https://x.test/c.ics")
    lines = unfold(data)
    for expected in (
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "NAME:tracker: diplomatic calendar",
        "X-WR-CALNAME:tracker: diplomatic calendar",
        "X-WR-CALDESC:Seed\\, events\\; all",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H30M",
        "X-PUBLISHED-TTL:PT1H30M",
        "URL:https://x.test/c.ics",
    ):
        assert expected in lines
    assert any(line.startswith("PRODID:-//tracker//") for line in lines)
    cal = icalendar.Calendar.from_ical(data)
    assert cal.refresh_interval == timedelta(minutes=90)
    assert len(cal.timezones) == 1 and cal.timezones[0].tz_name == "Asia/Tehran"
    assert cal.get_missing_tzids() == set()


@pytest.mark.parametrize(
    ("status", "ics_status", "prefix"),
    [
        pytest.param(Status.HELD, "CONFIRMED", "", id="held"),
        pytest.param(Status.SCHEDULED, "TENTATIVE", "", id="scheduled"),
        pytest.param(Status.POSTPONED, "TENTATIVE", "[Postponed] ", id="postponed"),
        pytest.param(Status.CANCELLED, "TENTATIVE", "[Cancelled] ", id="cancelled-within-grace"),
    ],
)
def test_status_mapping(status: Status, ics_status: str, prefix: str) -> None:
    event = vevents(build([make_event(status=status, title="Talks")]))["e1@tracker"]
    assert event["STATUS"] == ics_status
    assert event["SUMMARY"] == prefix + "Talks"


# ------------------------------------------------------------------------ cancelled and removed


def test_cancelled_event_is_visible_for_the_grace_period_then_leaves() -> None:
    updated = datetime(2026, 2, 1, 23, tzinfo=UTC)
    cancelled = make_event(status=Status.CANCELLED, title="Summit", updated=updated)
    last_day = date(2026, 2, 1) + timedelta(days=30)
    shown = vevents(build([cancelled], today=last_day))["e1@tracker"]
    assert shown["SUMMARY"] == "[Cancelled] Summit"
    assert shown["STATUS"] == "TENTATIVE"  # never CANCELLED: Google would hide it
    assert shown["X-TRACKER-STATUS"] == "cancelled"
    assert vevents(build([cancelled], today=last_day + timedelta(days=1))) == {}
    assert vevents(build([cancelled], today=last_day, cancelled_grace_days=0)) == {}


def test_deleted_event_shows_as_removed_with_a_higher_sequence_then_leaves() -> None:
    deleted_at = datetime(2026, 2, 3, 12, tzinfo=UTC)
    event = make_event(title="Visit", status=Status.HELD, sequence=4, deleted=deleted_at)
    shown = vevents(build([event], today=date(2026, 2, 5)))["e1@tracker"]
    assert shown["SUMMARY"] == "[Removed] Visit"
    assert shown["STATUS"] == "TENTATIVE"
    assert shown.sequence == 5
    assert shown["DTSTAMP"].dt == deleted_at
    assert shown["X-TRACKER-STATUS"] == "removed"
    assert vevents(build([event], today=date(2026, 3, 6))) == {}


# ------------------------------------------------------------------------------ determinism


def test_output_is_deterministic_and_sorted() -> None:
    events = seed_events()
    first = build(events)
    assert build(list(reversed(events))) == first
    order = [str(e["UID"]) for e in icalendar.Calendar.from_ical(first).events]
    assert order == [
        "6a7b8c9d0e1f2a3b@tracker",  # 26 Jan
        "5f0c1a2b3c4d5e6f@tracker",  # 30 Jan
        "7c8d9e0f1a2b3c4d@tracker",  # 16 Feb
        "8d9e0f1a2b3c4d5e@tracker",  # 20 Feb
    ]
    assert b"DTSTAMP:2026" in first and datetime.now(UTC).strftime("%Y%m%dT%H%M").encode() not in first


def test_bytes_do_not_depend_on_hash_seed_with_several_time_zones() -> None:
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); import test_calendar as t; "
        "from datetime import time; "
        "evs = [t.make_event(f'e{i}@tracker', start_time=time(9), timezone=z) "
        "for i, z in enumerate(['Europe/Berlin', 'Asia/Tehran', 'America/New_York', 'Europe/Moscow'])]; "
        "sys.stdout.buffer.write(t.build(evs))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script, str(Path(__file__).parent)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
            capture_output=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1
    assert next(iter(outputs)).count(b"BEGIN:VTIMEZONE") == 4


def test_change_to_an_event_changes_the_bytes() -> None:
    events = seed_events()
    before = build(events)
    edited = replace(events[1], title="Session moved", sequence=2, updated=UPDATED + timedelta(hours=1))
    after = build([events[0], edited, *events[2:]])
    assert after != before
    assert vevents(after)[edited.uid].sequence == 2


# ---------------------------------------------------------------------------------- injection

NASTY = [
    pytest.param("Talks, round 2; agenda: trade \\ energy", id="comma-semicolon-backslash"),
    pytest.param("Line one\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil", id="newline-component"),
    pytest.param("CR only\rX-EVIL:1\r\nSTATUS:CANCELLED", id="carriage-returns"),
    pytest.param("Bell\x07 null\x00 escape\x1b[31m", id="control-characters"),
    pytest.param("Путин и Лариджани 🤝 — 会談 — لاریجانی", id="non-latin-and-emoji"),
    pytest.param('Quote "DQUOTE" and ;TZID=Evil:', id="quotes-and-params"),
    pytest.param("x" * 300 + " long title 🤝" * 20, id="long-folded"),
]


@pytest.mark.parametrize("text", NASTY)
def test_no_text_can_inject_properties_or_components(text: str) -> None:
    event = make_event(
        title=text,
        note=text,
        place=Place(text, "RU"),
        participants=(Participant(text, title=text),),
        evidence=(Evidence(0, 1, text, date_text=text, outlet=text, article_url="https://x.test/a\r\nX-EVIL:1"),),
        url="javascript:alert(1)",
    )
    data = build([event], name=text, description=text)
    cal = icalendar.Calendar.from_ical(data)
    assert len(cal.events) == 1
    parsed = cal.events[0]
    allowed = {
        "UID", "DTSTAMP", "SEQUENCE", "CREATED", "LAST-MODIFIED", "SUMMARY", "DTSTART", "DTEND",
        "STATUS", "TRANSP", "CATEGORIES", "DESCRIPTION", "LOCATION", "URL", "GEO",
    }  # fmt: skip
    assert set(parsed.keys()) <= allowed
    assert "URL" not in parsed  # neither the javascript: URL nor the one with a line break
    assert parsed["STATUS"] == "TENTATIVE"
    single_line = " ".join(re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text.replace("\r", "\n")).split())
    assert str(parsed["SUMMARY"]) == single_line
    assert str(parsed["LOCATION"]) == single_line
    assert f"- {single_line} (participant, {single_line})" in str(parsed["DESCRIPTION"])
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))  # octets, RFC 5545 folding
    # The strict parser agrees.
    strict = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    assert len(strict.events) == 1 and strict.events[0].summary == single_line


def test_note_keeps_its_line_breaks() -> None:
    note = "First line, with comma\nSecond; with semicolon\n\\ backslash"
    parsed = vevents(build([make_event(note=note)]))["e1@tracker"]
    assert f"Note: {note}" in str(parsed["DESCRIPTION"])


# ------------------------------------------------------------------- independent readers agree


def test_strict_ical_package_reads_the_export() -> None:
    data = build(seed_events())
    strict = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    by_uid = {e.uid: e for e in strict.events}
    assert set(by_uid) == {e.uid for e in seed_events()}
    session = by_uid["7c8d9e0f1a2b3c4d@tracker"]
    assert (session.dtstart, session.dtend) == (date(2026, 2, 16), date(2026, 2, 19))
    follow_up = by_uid["8d9e0f1a2b3c4d5e@tracker"]
    assert follow_up.dtstart == datetime(2026, 2, 20, 10, 0, tzinfo=ZoneInfo("Asia/Tehran"))
    assert follow_up.related_to[0].uid == "7c8d9e0f1a2b3c4d@tracker"
    assert follow_up.related_to[0].reltype == "PARENT"
    assert by_uid["5f0c1a2b3c4d5e6f@tracker"].status == "CONFIRMED"


def test_recurring_ical_events_sees_the_right_days() -> None:
    cal = icalendar.Calendar.from_ical(build(seed_events()))
    on_17th = recurring_ical_events.of(cal).at(date(2026, 2, 17))
    assert [str(e["UID"]) for e in on_17th] == ["7c8d9e0f1a2b3c4d@tracker"]
    assert recurring_ical_events.of(cal).at(date(2026, 2, 19)) == []  # DTEND is exclusive
    january = recurring_ical_events.of(cal).between(date(2026, 1, 1), date(2026, 2, 1))
    assert sorted(str(e["UID"]) for e in january) == ["5f0c1a2b3c4d5e6f@tracker", "6a7b8c9d0e1f2a3b@tracker"]


def test_time_without_a_known_zone_stays_all_day() -> None:
    for zone in (None, "Mars/Olympus_Mons"):
        event = make_event(start_time=time(15, 30), timezone=zone)
        parsed = vevents(build([event]))["e1@tracker"]
        assert parsed.start == date(2026, 2, 10)
        assert "Local time: 15:30" in str(parsed["DESCRIPTION"])


def test_event_uid_keeps_store_uids_and_qualifies_bare_ids() -> None:
    assert event_uid("abc@tracker") == "abc@tracker"
    assert event_uid("42").endswith("@tracker") and event_uid("42") == event_uid("42")


# ------------------------------------------------------------------------------------ reading


def test_read_google_export() -> None:
    data = (FIXTURES / "import" / "google_agenda.ics").read_bytes()
    drafts = {d.external_uid: d for d in read_calendar(data, today=date(2026, 3, 1))}
    fac = drafts["4c1d2e8a0b7f@google.com"]
    assert fac.title == "Foreign Affairs Council"
    assert fac.span == DateSpan(date(2026, 2, 23), date(2026, 2, 23))
    assert (fac.start_time, fac.end_time, fac.timezone) == (time(9, 30), time(13, 0), "Europe/Brussels")
    assert fac.status is Status.HELD
    assert fac.place is not None and fac.place.name == "Europa building, Brussels"
    assert fac.note == "Foreign Affairs Council, main items: Ukraine; Middle East.\nPublic session at 12:00."
    assert fac.url == "https://www.consilium.europa.eu/en/meetings/fac/2026/02/23/"

    summit = drafts["9f3b11aa77c2@google.com"]
    assert summit.span == DateSpan(date(2026, 3, 16), date(2026, 3, 18))  # DTEND 20260319 exclusive
    assert summit.type is EventType.SUMMIT and summit.status is Status.SCHEDULED
    assert summit.place == Place("Geneva", None, 46.2044, 6.1432)
    assert summit.start_time is None and summit.timezone is None

    assert drafts["0aa6d7c1e5f4@google.com"].status is Status.CANCELLED
    floating = drafts["floating-7d2c@google.com"]  # floating time takes X-WR-TIMEZONE
    assert (floating.start_time, floating.timezone) == (time(15, 0), "Europe/Brussels")
    weekly = drafts["weekly-coreper@google.com"]  # series once, the override ignored
    assert weekly.title == "Coreper II weekly meeting" and weekly.span.first == date(2026, 1, 5)
    assert weekly.note is not None and "first occurrence only" in weekly.note
    assert len(drafts) == 5


def test_read_outlook_windows_time_zone() -> None:
    [draft] = read_calendar((FIXTURES / "import" / "outlook_windows_tz.ics").read_bytes(), today=TODAY)
    assert draft.timezone == "Europe/Berlin"
    assert (draft.start_time, draft.end_time) == (time(15, 0), time(17, 0))
    assert draft.title == "Konsultationen mit Polen – Gespräche"
    assert draft.external_uid is not None and draft.external_uid.startswith("040000008200E000")


def test_read_apple_utc_and_non_latin() -> None:
    data = (FIXTURES / "import" / "apple_utc.ics").read_bytes()
    drafts = {d.external_uid: d for d in read_calendar(data, today=TODAY)}
    call = drafts["B2E0F9C4-3D1A-4E8B-9C77-5A1F0D2E6B3C"]
    assert call.title == "Телефонный разговор министров 📞"
    assert call.timezone == "UTC"
    assert call.span == DateSpan(date(2026, 2, 25), date(2026, 2, 26))
    assert (call.start_time, call.end_time) == (time(23, 0), time(1, 0))
    assert call.place is None
    postponed = drafts["C7A1-no-end"]
    assert postponed.status is Status.POSTPONED and postponed.title == "日本・中国 首脳会談"
    assert postponed.span == DateSpan(date(2026, 3, 1), date(2026, 3, 1))


def test_own_export_reads_back() -> None:
    events = seed_events()
    drafts = {d.external_uid: d for d in read_calendar(build(events), today=TODAY)}
    for event in events:
        draft = drafts[event.uid]
        assert draft.title == event.title
        assert (draft.span.first, draft.span.last) == (event.span.first, event.span.last)
        expected_zone = event.timezone if event.start_time else None
        assert (draft.start_time, draft.end_time, draft.timezone) == (
            event.start_time,
            event.end_time,
            expected_zone,
        )
        assert draft.type is event.type


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("truncated.ics", "ends inside VEVENT"),
        ("mismatched_end.ics", "END:VTODO does not close BEGIN:VEVENT"),
        ("bad_date.ics", "bad-date"),
        ("no_dtstart.ics", "no-start"),
        ("latin1.ics", "not UTF-8"),
        ("html_page.ics", "no BEGIN:VCALENDAR"),
        ("empty.ics", "empty"),
        ("garbage_line.ics", "not a valid iCalendar file"),
    ],
)
def test_malformed_calendars_raise_one_line_errors(name: str, message: str) -> None:
    with pytest.raises(CalendarError) as info:
        read_calendar((FIXTURES / "malformed" / name).read_bytes(), today=TODAY)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.filterwarnings("ignore::icalendar.error.GloballyUniqueTZIDGuessed")
def test_real_world_calendars_either_read_or_fail_with_a_calendar_error() -> None:
    """icalendar's own collection of real and broken calendars: never a crash, never a traceback."""
    folder = Path(icalendar.__file__).parent / "tests" / "calendars"
    files = sorted(folder.glob("*.ics"))
    assert files, f"icalendar's test calendars are missing from {folder}"
    read = 0
    for path in files:
        try:
            read_calendar(path.read_bytes(), today=TODAY)
            read += 1
        except CalendarError as exc:
            assert "\n" not in str(exc), path.name
    assert read > len(files) // 2  # most are valid calendars and must be read


# ------------------------------------------------------------ the fast VEVENT writer equals icalendar's


def _variants() -> list[tuple[str, Event]]:
    """Every kind of event the feed writes: statuses, removed, timed (zones, UTC, no end), week and
    month precision, links, no place, hostile text, and text that folds at every offset."""
    out = [(f"seed-{e.id}", e) for e in seed_events()]
    base = seed_events()[3]
    out += [(f"status-{s.value}", replace(base, status=s)) for s in Status]
    out.append(("removed", replace(base, deleted=UPDATED + timedelta(hours=1))))
    out.append(("removed-cancelled", replace(base, status=Status.CANCELLED, deleted=UPDATED)))
    out.append(("utc-zone", replace(base, timezone="UTC")))
    out.append(("no-end-time", replace(base, end_time=None)))
    out.append(("end-before-start", replace(base, end_time=time(9, 0))))
    out.append(("unknown-zone", replace(base, timezone="Mars/Olympus")))
    out.append(("month", replace(base, span=DateSpan(date(2026, 3, 1), date(2026, 3, 31), Precision.MONTH))))
    out.append(("no-place-geo", replace(base, place=Place("Somewhere"))))
    out.append(("blank-place", replace(base, place=Place("  ", "RU", 1.5, -2.25))))
    out.append(("links", replace(base, links=(Link(LinkKind.PART_OF, "z@x"), Link(LinkKind.FOLLOW_UP_OF, "a,b;c"),
                                              Link(LinkKind.FOLLOW_UP_OF, "bare-id")))))  # fmt: skip
    out.append(("bare-uid", replace(base, uid="no-domain")))
    out.append(("url", replace(base, url="https://example.test/a,b;c?d=e")))
    out.append(("backslash-N", replace(base, title="a\\Nb \\n c", note="x\\Ny\r\nz")))
    for param in NASTY:
        text = param.values[0]
        assert isinstance(text, str)
        out.append((f"nasty-{param.id}", make_event(title=text, note=text, place=Place(text, "RU"),
                    participants=(Participant(text, title=text),),
                    evidence=(Evidence(0, 1, text, date_text=text, outlet=text, article_url=ARTICLE),))))  # fmt: skip
    # A backslash, a caret, an emoji or a two-octet letter at every position around the fold.
    for mark in ("\\", "^", "🤝", "é", "\\\\", "會"):
        for offset in range(60, 80):
            title = "x" * offset + mark + "y" * 200
            out.append((f"fold-{mark!r}-{offset}", make_event(title=title, note=mark * 90)))
    return out


def test_fast_vevent_bytes_equal_icalendars() -> None:
    from tracker.calendar import _Shown, _vevent, _vevent_text, _visibility

    for name, event in _variants():
        shown = _visibility(event, TODAY, 30) or _Shown("live", UPDATED)
        assert _vevent_text(event, shown) == _vevent(event, shown).to_ical(), name
