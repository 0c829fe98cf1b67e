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

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.model import (
    Event,
    EventFilter,
)
from tracker.store.tables import (
    ActorAliasRow,
    ActorRow,
    EventLinkRow,
    EventRow,
    MentionRow,
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
    from tracker.store.repo import filtered_query, load_selected

    if not ids:
        return []
    wanted = filtered_query(select(EventRow.id), flt).where(EventRow.id.in_(sorted(ids))).subquery()
    return load_selected(session, wanted)
