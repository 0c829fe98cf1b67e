"""tracker.store.views: the windowed and aggregated reads behind the dashboard (both backends)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from test_dashboard_support import seed

from tracker.model import DateSpan, EventDraft, EventFilter, EventType, Participant, Place, Precision, Status
from tracker.store import Store, views
from tracker.store.views import Granularity, Lane


def many(store: Store, n: int, first: date, *, actors: int = 3) -> None:
    drafts = [
        EventDraft(f"Event {i}", list(EventType)[i % 3], list(Status)[i % 4],
                   DateSpan(first + timedelta(days=i), first + timedelta(days=i)),
                   tuple(Participant(f"Actor {(i + k) % actors}", country_code=("RU", "IR", "CN")[(i + k) % 3])
                         for k in range(2)),
                   Place("Tehran", "IR"), external_uid=f"views-{i}")
        for i in range(n)
    ]
    store.import_events(drafts)


@pytest.mark.parametrize(("first", "last", "expected"), [
    (date(2026, 1, 1), date(2026, 1, 1), Granularity.DAY),
    (date(2026, 1, 1), date(2026, 5, 30), Granularity.DAY),
    (date(2026, 1, 1), date(2026, 6, 30), Granularity.WEEK),
    (date(2026, 1, 1), date(2029, 1, 1), Granularity.MONTH),
], ids=["one-day", "150-days", "half-year", "three-years"])
def test_granularity_keeps_a_window_to_about_150_columns(first: date, last: date, expected: Granularity) -> None:
    assert views.granularity_for(first, last) is expected


def test_buckets_are_calendar_weeks_and_months() -> None:
    assert views.bucket_of(date(2026, 1, 28), Granularity.WEEK) == (date(2026, 1, 26), date(2026, 2, 1))
    assert views.bucket_of(date(2024, 2, 10), Granularity.MONTH) == (date(2024, 2, 1), date(2024, 2, 29))
    assert views.bucket_of(date(2026, 12, 31), Granularity.MONTH) == (date(2026, 12, 1), date(2026, 12, 31))


def test_timeline_items_by_lane(store: Store) -> None:
    seed(store)
    window = (date(2026, 1, 1), date(2026, 3, 1))
    by_type = views.timeline(store, *window)
    assert not by_type.aggregated and by_type.total == 3
    assert [(i.lane, i.precision) for i in by_type.items] == [
        ("talks", Precision.WEEK), ("meeting", Precision.DAY), ("session", Precision.DAY)]
    pairs = views.timeline(store, *window, lane=Lane.COUNTRY_PAIR)
    assert sorted(i.lane for i in pairs.items) == ["IR", "IR–RU", "IR–RU"]
    actors = views.timeline(store, *window, lane=Lane.ACTOR)
    assert len(actors.items) == 5  # two per two-person event, one lane "—" for the session
    assert "—" in {i.lane for i in actors.items}
    outside = views.timeline(store, date(2025, 1, 1), date(2025, 12, 31))
    assert outside.total == 0 and outside.items == ()


def test_timeline_window_respects_the_filter(store: Store) -> None:
    seed(store)
    found = views.timeline(store, date(2026, 1, 1), date(2026, 3, 1),
                           flt=EventFilter(statuses=(Status.SCHEDULED,)))
    assert [i.type for i in found.items] == [EventType.SESSION]
    found = views.timeline(store, date(2026, 1, 1), date(2026, 3, 1), flt=EventFilter(actors=("larijani",)))
    assert [i.type for i in found.items] == [EventType.MEETING]


@pytest.mark.parametrize("lane", list(Lane), ids=[lane.name.lower() for lane in Lane])
def test_timeline_aggregates_over_the_cap_and_counts_every_event(store: Store, lane: Lane) -> None:
    many(store, 60, date(2026, 1, 1))
    found = views.timeline(store, date(2025, 12, 1), date(2026, 12, 31), lane=lane, max_items=10)
    assert found.aggregated and found.granularity is Granularity.WEEK
    assert found.items == ()
    per_event = 2 if lane is Lane.ACTOR else 1
    assert sum(b.count for b in found.buckets) == 60 * per_event
    for b in found.buckets:
        assert b.first.weekday() == 0 and (b.last - b.first).days == 6


def test_too_many_lanes_fold_into_other(store: Store) -> None:
    many(store, 80, date(2026, 1, 1), actors=40)
    found = views.timeline(store, date(2026, 1, 1), date(2026, 6, 1), lane=Lane.ACTOR)
    lanes = {i.lane for i in found.items}
    assert len(lanes) == views.MAX_LANES and views.OTHER in lanes
    dense = views.timeline(store, date(2026, 1, 1), date(2026, 6, 1), lane=Lane.ACTOR, max_items=5)
    assert len({b.lane for b in dense.buckets}) == views.MAX_LANES


def test_event_page_search_sources_confidence_and_limit(store: Store) -> None:
    uids = seed(store)
    page = views.event_page(store)
    assert page.total == 3 and [r.uid for r in page.rows][0] == uids["talks"]
    meeting = next(r for r in page.rows if r.uid == uids["meeting"])
    assert meeting.participants == ("Vladimir Putin", "Ali Larijani")
    assert meeting.countries == ("IR", "RU") and meeting.place == "Moscow"
    assert meeting.outlets == ("FAKTAGLOBAL.COM",)
    assert [r.uid for r in views.event_page(store, search="TEHRAN").rows] == [uids["session"]]  # place
    assert [r.uid for r in views.event_page(store, search="qanbari").rows] == [uids["talks"]]  # participant
    assert views.event_page(store, outlets=["Elsewhere"]).total == 0
    assert [r.uid for r in views.event_page(store, max_confidence=0.5).rows] == [uids["talks"]]
    limited = views.event_page(store, limit=1, descending=True)
    assert limited.total == 3 and [r.uid for r in limited.rows] == [uids["session"]]


def test_choices_and_range(store: Store) -> None:
    assert views.date_range(store) is None
    seed(store)
    assert views.date_range(store) == (date(2026, 1, 26), date(2026, 2, 18))
    assert views.country_codes(store) == ["IR", "RU"]
    assert views.outlets(store) == ["FAKTAGLOBAL.COM"]


def test_insights_per_month_and_pairs(store: Store) -> None:
    seed(store)
    months = {(m.month, m.type.value): m.count for m in views.events_per_month(store)}
    assert months == {(date(2026, 1, 1), "meeting"): 1, (date(2026, 1, 1), "talks"): 1,
                      (date(2026, 2, 1), "session"): 1}
    pairs = {(p.first, p.second): p.count for p in views.meeting_pairs(store)}
    assert pairs == {("Ali Larijani", "Vladimir Putin"): 1, ("Andrei Rudenko", "Hamed Qanbari"): 1}
    only_ir = views.meeting_pairs(store, EventFilter(types=(EventType.TALKS,)))
    assert [(p.first, p.second) for p in only_ir] == [("Andrei Rudenko", "Hamed Qanbari")]


def test_deleted_events_leave_every_view(store: Store) -> None:
    uids = seed(store)
    store.delete_event(uids["meeting"])
    assert views.timeline(store, date(2026, 1, 1), date(2026, 3, 1)).total == 2
    assert views.event_page(store).total == 2
    assert ("Ali Larijani", "Vladimir Putin") not in {(p.first, p.second) for p in views.meeting_pairs(store)}
