"""Store: ingest, merge, edits and revisions, follow-ups, filters, feeds, import — on every backend."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tracker.errors import NotFoundError, ValidationError
from tracker.model import (
    ActorKind,
    Article,
    DateSpan,
    EventDraft,
    EventFilter,
    EventType,
    Evidence,
    LinkKind,
    Origin,
    Participant,
    Place,
    Precision,
    Reference,
    ReferenceSource,
    Role,
    Status,
)
from tracker.store import Store

REF = Reference(date(2026, 1, 31), ReferenceSource.METADATA)
PUTIN = Participant("Vladimir Putin", ActorKind.PERSON, Role.HOST, "President", "RU")
LARIJANI = Participant("Ali Larijani", ActorKind.PERSON, Role.GUEST, "Secretary", "IR")
MOSCOW = Place("Moscow", "RU", 55.75, 37.62)


def meeting(**kw: object) -> EventDraft:
    base = EventDraft(
        title="Putin – Larijani meeting, Moscow", type=EventType.MEETING, status=Status.HELD,
        span=DateSpan(date(2026, 1, 30), date(2026, 1, 30)), participants=(PUTIN, LARIJANI), place=MOSCOW,
        confidence=0.8, evidence=(Evidence(10, 60, "Putin menerima Larijani", "pada Jumat", "2026-01-30", "t"),),
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def article(text: str = "Putin menerima Larijani di Kremlin pada Jumat.", **kw: object) -> Article:
    return Article(text=text, language="id", published=date(2026, 1, 31), outlet="Example", **kw)  # type: ignore[arg-type]


def test_ingest_is_idempotent(store: Store) -> None:
    first = store.ingest(article(), "id", REF, [meeting()])
    assert first.article_new and len(first.created) == 1
    again = store.ingest(article(), "id", REF, [meeting()])
    assert not again.article_new and again.created == () and again.merged == ()
    assert store.count_events() == 1
    # whitespace differences do not make a new article
    assert not store.ingest(article("Putin  menerima Larijani di Kremlin\npada Jumat."), "id", REF, []).article_new


def test_same_event_from_another_outlet_is_merged_with_reasons(store: Store) -> None:
    store.ingest(article(), "id", REF, [meeting()])
    other = meeting(title="Putin meets Larijani", participants=(replace(PUTIN, name="Vladimir Putin"),
                                                                  replace(LARIJANI, name="Ali Larijani")),
                    evidence=(Evidence(0, 20, "Путин принял Лариджани", "в пятницу", "2026-01-30", "ru"),))
    result = store.ingest(article("Путин принял Лариджани в пятницу.", url="https://example.ru/1"), "ru", REF, [other])
    assert result.created == () and len(result.merged) == 1
    assert "shared participants" in result.explanations[0]
    (event,) = store.list_events()
    assert len(event.evidence) == 2
    assert {e.outlet for e in event.evidence} == {"Example"}
    assert "https://example.ru/1" in {e.article_url for e in event.evidence}


def test_announcement_then_report_becomes_held_and_bumps_sequence(store: Store) -> None:
    session = EventDraft(
        title="Russia–Iran commission session, Tehran", type=EventType.SESSION, status=Status.SCHEDULED,
        span=DateSpan(date(2026, 2, 16), date(2026, 2, 18)), place=Place("Tehran", "IR"),
        evidence=(Evidence(0, 10, "dijadwalkan", "16–18 Februari", "2026-02-16", "t"),),
    )
    store.ingest(article("sidang dijadwalkan 16-18 Februari di Teheran"), "id", REF, [session])
    report = replace(session, status=Status.HELD, span=DateSpan(date(2026, 2, 16), date(2026, 2, 16)),
                     evidence=(Evidence(0, 10, "opened on Monday", "on Monday", "2026-02-16", "t"),))
    store.ingest(article("The session opened on Monday in Tehran"), "en", REF, [report])
    (event,) = store.list_events()
    assert event.status is Status.HELD
    assert event.sequence == 1
    fields = {r.field for r in store.revisions(event.uid)}
    assert "status" in fields


def test_manual_edits_win_over_later_extraction(store: Store) -> None:
    store.ingest(article(), "id", REF, [meeting(status=Status.SCHEDULED)])
    (event,) = store.list_events()
    edited = store.update_event(event.uid, {"status": "postponed", "title": "Putin–Larijani (postponed)"},
                                by="person:analyst")
    assert edited.sequence == 1 and {"status", "title"} <= edited.manual_fields
    store.ingest(article("Putin bertemu Larijani pada Jumat, kata Kremlin."), "id", REF,
                 [meeting(status=Status.HELD, title="Other title")])
    (after,) = store.list_events()
    assert after.status is Status.POSTPONED and after.title == "Putin–Larijani (postponed)"
    revs = store.revisions(event.uid)
    assert [(r.field, r.old, r.new, r.by) for r in revs if r.field == "status"] == [
        ("status", "scheduled", "postponed", "person:analyst")]


def test_edit_validation(store: Store) -> None:
    store.ingest(article(), "id", REF, [meeting()])
    (event,) = store.list_events()
    with pytest.raises(ValidationError, match="before start"):
        store.update_event(event.uid, {"start": "2026-02-10", "end": "2026-02-01"})
    with pytest.raises(ValidationError, match="title"):
        store.update_event(event.uid, {"title": "  "})
    with pytest.raises(ValidationError, match="cannot edit"):
        store.update_event(event.uid, {"uid": "x"})
    with pytest.raises(NotFoundError):
        store.update_event("nope@tracker", {"title": "x"})
    assert store.get_event(event.uid).sequence == 0


def test_follow_up_links_and_soft_delete(store: Store) -> None:
    store.ingest(article(), "id", REF, [meeting()])
    (parent,) = store.list_events()
    child = store.add_event(EventDraft(title="Follow-up talks", type=EventType.TALKS, status=Status.SCHEDULED,
                                       span=DateSpan(date(2026, 3, 2), date(2026, 3, 2))), follows=parent.uid)
    assert child.origin is Origin.MANUAL and child.links[0].kind is LinkKind.FOLLOW_UP_OF
    assert child.links[0].target_uid == parent.uid
    assert [e.uid for e in store.follow_ups(parent.uid)] == [child.uid]
    store.delete_event(child.uid)
    assert [e.uid for e in store.list_events()] == [parent.uid]
    gone = store.list_events(EventFilter(include_deleted=True))
    assert {e.uid for e in gone} == {parent.uid, child.uid}
    with pytest.raises(NotFoundError):
        store.add_event(meeting(), follows="missing@tracker")


def test_filters(store: Store) -> None:
    store.ingest(article(), "id", REF, [meeting()])
    store.add_event(EventDraft(title="Berlin conference", type=EventType.CONFERENCE, status=Status.SCHEDULED,
                               span=DateSpan(date(2026, 5, 1), date(2026, 5, 31), Precision.MONTH),
                               place=Place("Berlin", "DE"), confidence=1.0))
    store.add_alias("Ali Larijani", "Лариджани", country_code="IR")
    assert len(store.list_events(EventFilter(countries=("IR",)))) == 1
    assert len(store.list_events(EventFilter(countries=("DE",)))) == 1
    assert len(store.list_events(EventFilter(actors=("лариджани",)))) == 1
    assert len(store.list_events(EventFilter(actors=("putin",)))) == 1
    assert len(store.list_events(EventFilter(types=(EventType.CONFERENCE,)))) == 1
    assert len(store.list_events(EventFilter(statuses=(Status.HELD,)))) == 1
    assert len(store.list_events(EventFilter(date_from=date(2026, 5, 20)))) == 1  # month span overlaps
    assert len(store.list_events(EventFilter(date_to=date(2026, 2, 1)))) == 1
    assert len(store.list_events(EventFilter(min_confidence=0.9))) == 1  # the manual one
    assert store.count_events() == 2


def test_feeds(store: Store) -> None:
    flt = EventFilter(countries=("IR",), statuses=(Status.SCHEDULED,))
    feed = store.add_feed("Iran scheduled", flt)
    assert len(feed.token) >= 32
    assert store.feed_by_token(feed.token).filter == flt
    with pytest.raises(ValidationError, match="already exists"):
        store.add_feed("Iran scheduled", flt)
    with pytest.raises(NotFoundError):
        store.feed_by_token("guess")
    store.remove_feed("Iran scheduled")
    assert store.list_feeds() == []


def test_import_is_idempotent_and_all_or_nothing(store: Store) -> None:
    drafts = [EventDraft(title=f"Agenda {i}", type=EventType.MEETING, status=Status.SCHEDULED,
                         span=DateSpan(date(2026, 4, i), date(2026, 4, i)), external_uid=f"agenda-{i}@gov")
              for i in range(1, 4)]
    assert store.import_events(drafts).created == 3
    again = store.import_events(drafts)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    changed = [replace(drafts[0], title="Agenda one, moved"), *drafts[1:]]
    assert store.import_events(changed).updated == 1
    marker = store.change_marker()
    bad = [*drafts, replace(drafts[0], title="no uid", external_uid=None)]
    with pytest.raises(ValidationError):
        store.import_events([replace(d, title=d.title + "!") for d in bad])
    assert store.change_marker() == marker
    assert sorted(e.title for e in store.list_events()) == ["Agenda 2", "Agenda 3", "Agenda one, moved"]
    assert all(e.origin is Origin.CALENDAR for e in store.list_events())


def test_change_marker_moves_on_every_change(store: Store) -> None:
    m0 = store.change_marker()
    store.ingest(article(), "id", REF, [meeting()])
    m1 = store.change_marker()
    (event,) = store.list_events()
    store.update_event(event.uid, {"note": "checked"})
    m2 = store.change_marker()
    store.delete_event(event.uid)
    m3 = store.change_marker()
    assert len({m0, m1, m2, m3}) == 4


def test_unicode_round_trips(store: Store) -> None:
    title = "Встреча; \\ «Лавров» — عراقچی, 🤝\nline"
    store.ingest(article(), "id", REF, [meeting(title=title, place=Place("طهران", "IR"))])
    (event,) = store.list_events()
    assert event.title == title and event.place is not None and event.place.name == "طهران"


def test_merge_and_split_by_a_person(store: Store) -> None:
    store.ingest(article(), "id", REF, [meeting()])
    other = meeting(title="Lavrov – Araghchi talks", type=EventType.TALKS,
                    participants=(Participant("Sergey Lavrov", country_code="RU"),),
                    evidence=(Evidence(0, 12, "Lavrov bertemu", "pada Jumat", "2026-01-30", "t"),))
    store.ingest(article("Lavrov bertemu Araghchi pada Jumat."), "id", REF, [other])
    a, b = sorted(store.list_events(), key=lambda e: e.title)
    assert a.title.startswith("Lavrov") and len(store.list_events()) == 2  # not merged: no shared participant
    merged = store.merge_events(b.uid, a.uid, by="person:analyst")
    assert len(merged.evidence) == 2 and {"Sergey Lavrov", "Vladimir Putin"} <= {p.name for p in merged.participants}
    assert [e.uid for e in store.list_events()] == [b.uid]
    lavrov_mention = next(e.mention_id for e in merged.evidence if e.text.startswith("Lavrov"))
    assert lavrov_mention is not None
    split = store.split_event(b.uid, [lavrov_mention], by="person:analyst")
    assert [e.text for e in split.evidence] == ["Lavrov bertemu"]
    assert len(store.get_event(b.uid).evidence) == 1
    assert {r.field for r in store.revisions(b.uid)} >= {"merged_from", "split_into"}
    with pytest.raises(ValidationError):
        store.split_event(b.uid, [m.mention_id for m in store.get_event(b.uid).evidence if m.mention_id])
