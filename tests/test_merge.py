"""Merge: the same real event across articles, outlets, languages and tenses — and what stays apart."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tests.conftest import ROOT, SEED
from tracker.articles import read_articles
from tracker.merge import find_same_event, plan_update
from tracker.model import (
    DateSpan,
    Event,
    EventDraft,
    EventType,
    Origin,
    Participant,
    Place,
    Precision,
    Status,
)
from tracker.pipeline import ingest_all
from tracker.store import Store

FIXTURES = ROOT / "tests" / "fixtures" / "articles"
NOW = datetime(2026, 2, 1, tzinfo=UTC)


def stored(**kw: object) -> Event:
    base: dict[str, object] = {
        "id": 1, "uid": "a@tracker", "title": "Russia–Iran commission session, Tehran", "type": EventType.SESSION,
        "status": Status.SCHEDULED, "span": DateSpan(date(2026, 2, 16), date(2026, 2, 18)), "origin": Origin.EXTRACTED,
        "sequence": 0, "created": NOW, "updated": NOW, "place": Place("Tehran", "IR"),
    }
    base.update(kw)
    return Event(**base)  # type: ignore[arg-type]


def draft(**kw: object) -> EventDraft:
    base: dict[str, object] = {
        "title": "Commission opens", "type": EventType.SESSION, "status": Status.HELD,
        "span": DateSpan(date(2026, 2, 16), date(2026, 2, 16)), "place": Place("Tehran", "IR"),
    }
    base.update(kw)
    return EventDraft(**base)  # type: ignore[arg-type]


def test_report_inside_the_scheduled_span_keeps_the_span_and_marks_held() -> None:
    decision = find_same_event(draft(), [stored()])
    assert decision is not None and "same place" in decision.explain()
    assert plan_update(stored(), draft()) == {"status": Status.HELD}


def test_report_outside_the_span_moves_the_dates() -> None:
    moved = draft(span=DateSpan(date(2026, 3, 2), date(2026, 3, 3)))
    assert find_same_event(moved, [stored()]) is None  # far apart: another event
    near = draft(span=DateSpan(date(2026, 2, 19), date(2026, 2, 19)))
    assert plan_update(stored(), near)["span"] == near.span


def test_week_precision_is_refined_by_a_day_precision_report() -> None:
    week = stored(type=EventType.TALKS, span=DateSpan(date(2026, 1, 26), date(2026, 1, 28), Precision.WEEK),
                  participants=(Participant("Andrei Rudenko"),), place=None)
    day = draft(type=EventType.TALKS, span=DateSpan(date(2026, 1, 27), date(2026, 1, 27)),
                participants=(Participant("Андрей Руденко"),), place=None)
    decision = find_same_event(day, [week])
    assert decision is not None and "rudenko" in decision.explain()
    assert plan_update(week, day)["span"] == day.span


@pytest.mark.parametrize(
    ("change", "why"),
    [
        pytest.param({"type": EventType.SIGNING}, "types differ", id="other-type"),
        pytest.param({"place": Place("Baku", "AZ"), "participants": (Participant("Someone Else"),)},
                     "different countries", id="other-country"),
        pytest.param({"span": DateSpan(date(2026, 4, 1), date(2026, 4, 1))}, "do not overlap", id="other-date"),
    ],
)
def test_different_events_stay_apart(change: dict[str, object], why: str) -> None:
    assert find_same_event(draft(**change), [stored(participants=(Participant("Mohsen Paknejad"),))]) is None


def test_manual_fields_are_never_planned() -> None:
    edited = stored(manual_fields=frozenset({"status", "span"}))
    assert plan_update(edited, draft(span=DateSpan(date(2026, 2, 19), date(2026, 2, 19)))) == {}


def test_three_outlets_two_languages_and_a_later_report(store: Store) -> None:
    articles = list(read_articles([str(SEED), str(FIXTURES)]))
    results = ingest_all(store, articles)
    assert sum(len(r.merged) for r in results) >= 3
    events = store.list_events()
    meetings = [e for e in events if e.type is EventType.MEETING]
    assert len(meetings) == 1
    sources = {e.outlet for e in meetings[0].evidence}
    assert {"FAKTAGLOBAL.COM", "Example Wire", "Пример-Новости"} <= sources
    (session,) = [e for e in events if e.type is EventType.SESSION]
    assert session.status is Status.HELD
    assert (session.span.first, session.span.last) == (date(2026, 2, 16), date(2026, 2, 18))
    assert session.sequence >= 1
    assert any(r.field == "status" and r.new == "held" for r in store.revisions(session.uid))


def test_unknown_people_match_across_scripts() -> None:
    ghana = stored(type=EventType.MEETING, place=None, participants=(Participant("Samuel Ablakwa"),),
                   span=DateSpan(date(2026, 2, 10), date(2026, 2, 10)))
    arabic = draft(type=EventType.MEETING, status=Status.HELD, place=None,
                   participants=(Participant("صامويل أبلاكوا"), Participant("Abbas Araghchi")),
                   span=DateSpan(date(2026, 2, 10), date(2026, 2, 10)))
    decision = find_same_event(arabic, [ghana])
    assert decision is not None
    assert [p.name for p in plan_update(ghana, arabic)["participants"]] == ["Samuel Ablakwa", "Abbas Araghchi"]
    stranger = draft(type=EventType.MEETING, place=None, participants=(Participant("Sergey Lavrov"),),
                     span=DateSpan(date(2026, 2, 10), date(2026, 2, 10)))
    assert find_same_event(stranger, [ghana]) is None
