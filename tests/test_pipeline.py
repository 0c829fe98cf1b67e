"""Pipeline: reference dates (metadata, dateline, a person's answer) and re-resolution."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tests.conftest import SEED
from tracker.articles import parse_article
from tracker.model import EventType, ReferenceSource
from tracker.pipeline import analyse, ingest, set_reference
from tracker.store import Store


def seed_article():  # type: ignore[no-untyped-def]
    return parse_article(SEED.read_bytes(), str(SEED))


def test_metadata_reference_is_recorded(store: Store) -> None:
    result = ingest(store, seed_article())
    stored = store.get_article(result.article_id)
    assert stored.reference == date(2026, 1, 31) and stored.reference_source is ReferenceSource.METADATA


def test_article_without_reference_is_flagged_then_resolved_by_a_person(store: Store) -> None:
    article = replace(seed_article(), published=None)
    found = analyse(article)
    assert found.needs_reference
    # absolute dates still resolve; relative ones are not guessed from today's date
    assert all(d.span.first.year == 2026 or d.span.first.year < 2026 for d in found.drafts)
    assert not any(d.type is EventType.MEETING and d.span.first == date(2026, 1, 30) for d in found.drafts)
    result = ingest(store, article)
    assert [a.id for a in store.list_articles(without_reference=True)] == [result.article_id]
    set_reference(store, result.article_id, date(2026, 1, 31))
    assert store.list_articles(without_reference=True) == []
    assert store.get_article(result.article_id).reference_source is ReferenceSource.PERSON
    events = store.list_events()
    meeting = [e for e in events if e.type is EventType.MEETING]
    assert len(meeting) == 1 and meeting[0].span.first == date(2026, 1, 30)
    assert len(events) == 3


def test_language_is_detected_when_not_given() -> None:
    article = replace(seed_article(), language=None)
    assert analyse(article).language == "id"


def test_ingest_with_a_person_given_reference(store: Store) -> None:
    article = replace(seed_article(), published=None)
    result = ingest(store, article, reference_day=date(2026, 1, 31))
    stored = store.get_article(result.article_id)
    assert stored.reference == date(2026, 1, 31) and stored.reference_source is ReferenceSource.PERSON
    assert any(e.type is EventType.MEETING and e.span.first == date(2026, 1, 30) for e in store.list_events())
