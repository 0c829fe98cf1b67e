"""The seed article end to end: ingest → store → export, the three events with their exact dates."""

from __future__ import annotations

from datetime import date

import icalendar
import pytest
from click.testing import CliRunner

from tests.conftest import SEED
from tracker.cli import cli
from tracker.config import Settings
from tracker.model import EventType, Precision, Status
from tracker.store import Store


@pytest.fixture
def ingested(settings: Settings) -> Settings:
    runner = CliRunner()
    first = runner.invoke(cli, ["--database", settings.database_url, "ingest", str(SEED.parent)])
    assert first.exit_code == 0, first.output
    assert "articles: 1 new" in first.output
    again = runner.invoke(cli, ["--database", settings.database_url, "ingest", str(SEED.parent)])
    assert "articles: 0 new, 1 unchanged; events: 0 created, 0 merged" in again.output
    return settings


def by_type(store: Store) -> dict[EventType, list]:  # type: ignore[type-arg]
    out: dict[EventType, list] = {}  # type: ignore[type-arg]
    for event in store.list_events():
        out.setdefault(event.type, []).append(event)
    return out


def test_three_seed_events_stored(ingested: Settings) -> None:
    store = Store.open(ingested)
    try:
        events = by_type(store)
        (meeting,) = events[EventType.MEETING]
        assert meeting.status is Status.HELD
        assert (meeting.span.first, meeting.span.last, meeting.span.precision) == (
            date(2026, 1, 30), date(2026, 1, 30), Precision.DAY)
        names = {p.name for p in meeting.participants}
        assert {"Vladimir Putin", "Ali Larijani"} <= names
        assert meeting.place is not None and meeting.place.name in {"Moscow", "Kremlin"}

        (talks,) = events[EventType.TALKS]
        assert talks.status is Status.HELD
        assert talks.span.precision is Precision.WEEK
        assert date(2026, 1, 26) <= talks.span.first <= talks.span.last <= date(2026, 2, 1)
        assert talks.span.first != talks.span.last  # never an invented single day
        assert {"Andrei Rudenko", "Hamed Qanbari"} <= {p.name for p in talks.participants}

        (session,) = events[EventType.SESSION]
        assert session.status is Status.SCHEDULED
        assert (session.span.first, session.span.last, session.span.precision) == (
            date(2026, 2, 16), date(2026, 2, 18), Precision.DAY)
        assert session.place is not None and session.place.name == "Tehran"
        assert store.count_events() == 3  # more detail is welcome, duplicates are not
        for event in (meeting, talks, session):
            assert event.evidence, f"{event.title} has no evidence"
            assert all(e.outlet == "FAKTAGLOBAL.COM" for e in event.evidence)
    finally:
        store.close()


def test_seed_export_parsed_back_field_by_field(ingested: Settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "seed.ics"
    result = CliRunner().invoke(cli, ["--database", ingested.database_url, "export", "-o", str(out)])
    assert result.exit_code == 0, result.output
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    assert len(cal.walk("VEVENT")) == 3
    session = next(v for v in cal.walk("VEVENT") if v.decoded("DTSTART") == date(2026, 2, 16))
    assert session.decoded("DTEND") == date(2026, 2, 19)  # exclusive end of an all-day range
    assert str(session["STATUS"]) == "TENTATIVE"
    assert "Tehran" in str(session["LOCATION"])
    meeting = next(v for v in cal.walk("VEVENT") if v.decoded("DTSTART") == date(2026, 1, 30))
    assert meeting.decoded("DTEND") == date(2026, 1, 31)
    assert str(meeting["STATUS"]) == "CONFIRMED"
    talks = next(v for v in cal.walk("VEVENT") if "week" in str(v.get("DESCRIPTION", "")).lower())
    assert talks.decoded("DTSTART") >= date(2026, 1, 26)
    for v in cal.walk("VEVENT"):
        assert str(v["UID"]).endswith("@tracker")
        assert v.decoded("DTSTAMP") is not None and "SEQUENCE" in v
    categories = {str(c) for v in cal.walk("VEVENT") for c in v["CATEGORIES"].cats}
    assert {"meeting", "talks", "session"} <= categories
