"""Store stage: what changed in a filtered listing since a previous look (for the feed server's cache).

`listing_versions(session, flt)` → a `ListingVersion`: for every event the filter selects, a small
version tuple (updated_at, sequence, deleted_at and aggregates of its mentions and links), plus
fingerprints of the tables whose rows show inside other events (actors, aliases). Comparing two
versions tells which events must be read again; `load_events_by_ids` reads just those.

Why versions rather than "updated_at newer than the last look": a write takes its timestamp when it
starts and commits later, so a time cut-off can miss a write that started before the last look and
committed after it, and not every write that changes how an event is shown moves its updated_at
(a merge re-points other events' links, re-extraction drops mentions, a new participant can give an
actor its country). Comparing per-event versions and global fingerprints catches all of these
without touching the write paths; whatever they cannot attribute to single events (an actor's
country, an alias) makes the caller reload everything.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from tracker.model import (
    ActorKind,
    DateSpan,
    Event,
    EventFilter,
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
from tracker.store.tables import (
    ActorAliasRow,
    ActorRow,
    ArticleRow,
    EventActorRow,
    EventLinkRow,
    EventRow,
    MentionRow,
    PlaceRow,
)

EventVersion = tuple[Any, ...]


@dataclass(frozen=True)
class ListingVersion:
    """A filtered listing's state: per-event versions by event id, and the shared tables' fingerprint."""

    events: dict[int, EventVersion | None]  # None: read without a version, read again next time
    shared: tuple[Any, ...]


@dataclass(frozen=True)
class ListingChanges:
    """What to do to a cached listing to bring it to `version`.

    `full` set: the cache cannot be patched; `events` is the whole listing. Otherwise `events` are
    the new or changed events (replace by id) and `removed` the ids that left the listing.
    """

    version: ListingVersion
    events: list[Event]
    removed: frozenset[int]
    full: bool


def listing_versions(session: Session, flt: EventFilter) -> ListingVersion:
    # Imported here: repo imports this module's loader, and filtered_query lives in repo.
    from tracker.store.repo import filtered_query

    conn = session.connection()
    e = EventRow.__table__.c
    rows = conn.execute(filtered_query(select(e.id, e.updated_at, e.sequence, e.deleted_at), flt)).all()
    m = MentionRow.__table__.c
    mentions = {
        r[0]: tuple(r[1:])
        for r in conn.execute(
            select(m.event_id, func.count(), func.max(m.id), func.sum(m.id), func.sum(m.article_id)).group_by(
                m.event_id
            )
        )
    }
    lk = EventLinkRow.__table__.c
    links = {
        r[0]: tuple(r[1:])
        for r in conn.execute(
            select(lk.event_id, func.count(), func.max(lk.id), func.sum(lk.target_id)).group_by(lk.event_id)
        )
    }
    events: dict[int, EventVersion | None] = {
        r[0]: (r[1], r[2], r[3], mentions.get(r[0]), links.get(r[0])) for r in rows
    }
    a = ActorRow.__table__.c
    al = ActorAliasRow.__table__.c
    actors = tuple(tuple(r) for r in conn.execute(select(a.id, a.name, a.kind, a.country_code).order_by(a.id)))
    aliases = tuple(tuple(r) for r in conn.execute(select(al.id, al.actor_id, al.alias).order_by(al.id)))
    return ListingVersion(events, (actors, aliases))


def changed_ids(old: ListingVersion, new: ListingVersion) -> tuple[set[int], frozenset[int]]:
    """(ids to read again, ids that left the listing) between two versions of the same filter."""
    changed = {i for i, v in new.events.items() if old.events.get(i) != v}
    removed = frozenset(old.events.keys() - new.events.keys())
    return changed, removed


def load_events_by_ids(session: Session, flt: EventFilter, ids: Collection[int]) -> list[Event]:
    """Those of these events the filter selects now, read as `Store.list_events` reads them."""
    from tracker.store.repo import filtered_query

    if not ids:
        return []
    wanted = filtered_query(select(EventRow.id), flt).where(EventRow.id.in_(sorted(ids))).subquery()
    return _load(session, wanted)


def _load(session: Session, wanted: Any) -> list[Event]:
    e = EventRow.__table__.c
    pl = PlaceRow.__table__.c
    conn = session.connection()
    rows = conn.execute(
        select(e.id, e.uid, e.title, e.type, e.status, e.start_date, e.end_date, e.precision, e.origin, e.sequence,
               e.created_at, e.updated_at, e.confidence, e.start_time, e.end_time, e.timezone, e.note, e.url,
               e.deleted_at, e.manual_fields, pl.name, pl.country_code, pl.latitude, pl.longitude)
        .join(wanted, wanted.c.id == e.id)
        .outerjoin(PlaceRow.__table__, pl.id == e.place_id)
        .order_by(e.start_date, e.uid)
    ).all()  # fmt: skip
    people: dict[int, list[Participant]] = {}
    roles: Select[Any] = (
        select(EventActorRow.event_id, ActorRow.name, ActorRow.kind, ActorRow.country_code, EventActorRow.role,
               EventActorRow.title)
        .join(ActorRow, ActorRow.id == EventActorRow.actor_id)
        .join(wanted, wanted.c.id == EventActorRow.event_id)
        .order_by(EventActorRow.event_id, EventActorRow.position)
    )  # fmt: skip
    for event_id, name, kind, country, role, title in conn.execute(roles):
        people.setdefault(event_id, []).append(
            Participant(name=name, kind=ActorKind(kind), role=Role(role), title=title, country_code=country)
        )
    evidence: dict[int, list[Evidence]] = {}
    for m in conn.execute(
        select(MentionRow.event_id, MentionRow.id, MentionRow.start, MentionRow.end, MentionRow.quote,
               MentionRow.date_text, MentionRow.date_value, MentionRow.rule, MentionRow.article_id,
               ArticleRow.content_hash, ArticleRow.url, ArticleRow.outlet)
        .join(ArticleRow, ArticleRow.id == MentionRow.article_id)
        .join(wanted, wanted.c.id == MentionRow.event_id)
        .order_by(MentionRow.event_id, MentionRow.id)
    ):  # fmt: skip
        evidence.setdefault(m.event_id, []).append(
            Evidence(start=m.start, end=m.end, text=m.quote, date_text=m.date_text, date_value=m.date_value,
                     rule=m.rule, article_hash=m.content_hash, article_url=m.url, outlet=m.outlet,
                     article_id=m.article_id, mention_id=m.id))  # fmt: skip
    links: dict[int, list[Link]] = {}
    target = EventRow.__table__.alias("target")
    for event_id, kind, target_uid in conn.execute(
        select(EventLinkRow.event_id, EventLinkRow.kind, target.c.uid)
        .join(target, target.c.id == EventLinkRow.target_id)
        .join(wanted, wanted.c.id == EventLinkRow.event_id)
        .order_by(EventLinkRow.event_id, EventLinkRow.id)
    ):
        links.setdefault(event_id, []).append(Link(LinkKind(kind), target_uid))
    return [
        Event(
            id=r.id, uid=r.uid, title=r.title, type=EventType(r.type), status=Status(r.status),
            span=DateSpan(r.start_date, r.end_date, Precision(r.precision)), origin=Origin(r.origin),
            sequence=r.sequence, created=r.created_at, updated=r.updated_at, confidence=r.confidence,
            participants=tuple(people.get(r.id, ())),
            place=Place(r.name, r.country_code, r.latitude, r.longitude) if r.name is not None else None,
            evidence=tuple(evidence.get(r.id, ())), links=tuple(links.get(r.id, ())),
            start_time=r.start_time, end_time=r.end_time, timezone=r.timezone, note=r.note, url=r.url,
            deleted=r.deleted_at, manual_fields=frozenset(r.manual_fields or ()),
        )
        for r in rows
    ]  # fmt: skip
