"""Store stage: every query lives here. Domain types in, domain types out; one transaction per call.

`Store` is what the pipeline, the CLI, the feed server and the dashboard share. A call either
completes or leaves the database as it was (each public method is one transaction).
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from enum import Enum
from typing import Any, TypeVar

from sqlalchemy import Engine, Select, and_, delete, exists, func, or_, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from tracker.config import Settings
from tracker.errors import DatabaseError, NotFoundError, ValidationError
from tracker.merge import draft_key, find_same_event, make_uid, merge_participants, plan_update
from tracker.model import (
    ActorKind,
    Article,
    DateSpan,
    Event,
    EventDraft,
    EventFilter,
    EventType,
    Evidence,
    Feed,
    Link,
    LinkKind,
    Origin,
    Participant,
    Place,
    Precision,
    Reference,
    ReferenceSource,
    Revision,
    Role,
    Status,
    StoredArticle,
)
from tracker.store.changes import ListingChanges, ListingVersion, changed_ids, listing_versions, load_events_by_ids
from tracker.store.db import first_line, open_database, redact
from tracker.store.tables import (
    ActorAliasRow,
    ActorRow,
    ArticleRow,
    EventActorRow,
    EventLinkRow,
    EventRow,
    FeedRow,
    MentionRow,
    PlaceRow,
    RevisionRow,
    StateRow,
    utcnow,
)

E = TypeVar("E", bound=Enum)

EDITABLE = frozenset(
    {"title", "type", "status", "start", "end", "precision", "span", "start_time", "end_time", "timezone",
     "place", "confidence", "note", "url", "participants"}
)


@dataclass(frozen=True)
class IngestResult:
    article_id: int
    article_new: bool
    created: tuple[str, ...] = ()
    merged: tuple[str, ...] = ()
    explanations: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


class Store:
    """The database behind tracker, opened from settings and brought to the head schema."""

    def __init__(self, engine: Engine, sessions: sessionmaker[Session], settings: Settings) -> None:
        self.engine = engine
        self._sessions = sessions
        self.settings = settings

    @classmethod
    def open(cls, settings: Settings) -> Store:
        engine, sessions = open_database(settings)
        return cls(engine, sessions, settings)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _tx(self) -> Iterator[Session]:
        """One transaction: committed if the block ends normally, rolled back on any error."""
        try:
            with self._sessions.begin() as session:
                yield session
        except OperationalError as exc:
            raise DatabaseError(
                f"database error on {redact(self.settings.database_url)}: {first_line(exc)}"
            ) from exc

    # ---------------------------------------------------------------- change tracking

    def _bump(self, session: Session) -> None:
        now = utcnow()
        done = session.execute(update(StateRow).where(StateRow.id == 1).values(
            changes=StateRow.changes + 1, changed_at=now))
        if getattr(done, "rowcount", 0) == 0:
            session.add(StateRow(id=1, changes=1, changed_at=now))

    def change_marker(self) -> str:
        """Moves whenever any event, link or feed changes; cheap enough to ask on every request."""
        with self._tx() as session:
            row = session.get(StateRow, 1)
            return f"{row.changes}-{row.changed_at.timestamp():.6f}" if row else "0"

    def last_changed(self) -> datetime | None:
        with self._tx() as session:
            row = session.get(StateRow, 1)
            return row.changed_at if row else None

    # ---------------------------------------------------------------- articles and ingest

    def find_article(self, content_hash: str) -> StoredArticle | None:
        with self._tx() as session:
            row = session.scalar(select(ArticleRow).where(ArticleRow.content_hash == content_hash))
            return _article(row) if row else None

    def get_article(self, article_id: int) -> StoredArticle:
        with self._tx() as session:
            row = session.get(ArticleRow, article_id)
            if row is None:
                raise NotFoundError(f"no article with id {article_id}")
            return _article(row)

    def list_articles(self, *, without_reference: bool = False) -> list[StoredArticle]:
        with self._tx() as session:
            query = select(ArticleRow).order_by(ArticleRow.id)
            if without_reference:
                query = query.where(ArticleRow.reference_date.is_(None))
            return [_article(r) for r in session.scalars(query)]

    def ingest(
        self, article: Article, language: str, reference: Reference, drafts: Sequence[EventDraft]
    ) -> IngestResult:
        """Store an article and its events, merging with what is stored. Idempotent by content."""
        with self._tx() as session:
            existing = session.scalar(select(ArticleRow).where(ArticleRow.content_hash == article.content_hash))
            if existing is not None:
                return IngestResult(article_id=existing.id, article_new=False)
            now = utcnow()
            row = ArticleRow(
                content_hash=article.content_hash, url=article.url, outlet=article.outlet, language=language,
                title=article.title, text=article.text, published=article.published,
                reference_date=reference.day, reference_source=reference.source.value,
                reference_text=reference.text, source_path=article.source_path, created_at=now,
            )
            session.add(row)
            session.flush()
            result = self._attach_drafts(session, row, drafts, now)
            self._bump(session)
            return result

    def _attach_drafts(
        self, session: Session, article: ArticleRow, drafts: Sequence[EventDraft], now: datetime
    ) -> IngestResult:
        created: list[str] = []
        merged: list[str] = []
        notes: list[str] = []
        by = f"extraction:article {article.id}"
        for draft in drafts:
            draft = _with_source(draft, article)
            candidates = _events(session, _near_query(draft.span))
            decision = find_same_event(draft, candidates)
            if decision is None:
                uid = make_uid(Origin.EXTRACTED, draft_key(draft, article.content_hash))
                if session.scalar(select(EventRow.id).where(EventRow.uid == uid)) is not None:
                    continue  # this very draft was stored before (re-resolution of the same article)
                event_row = self._new_event(session, draft, Origin.EXTRACTED, uid, now)
                self._add_mentions(session, event_row, article, draft)
                created.append(uid)
                continue
            event_row = _event_row(session, decision.event.uid)
            self._add_mentions(session, event_row, article, draft)
            changes = plan_update(decision.event, draft)
            self._apply(session, event_row, changes, by=by, now=now, manual=False)
            event_row.updated_at = now
            merged.append(event_row.uid)
            notes.append(f"{draft.title!r} merged into {event_row.uid}: {decision.explain()}")
        return IngestResult(article.id, True, tuple(created), tuple(merged), tuple(notes))

    def set_reference(self, article_id: int, day: date) -> StoredArticle:
        """A person fixes an article's reference date; the caller re-extracts and calls `reextract`."""
        with self._tx() as session:
            row = session.get(ArticleRow, article_id)
            if row is None:
                raise NotFoundError(f"no article with id {article_id}")
            row.reference_date = day
            row.reference_source = ReferenceSource.PERSON.value
            row.reference_text = None
            self._bump(session)
            return _article(row)

    def replace_extraction(self, article_id: int, drafts: Sequence[EventDraft]) -> IngestResult:
        """Re-attach an article's events after its reference date changed.

        Mentions of this article are dropped; extracted events left without any mention and
        never edited by a person are soft-deleted; then the new drafts are merged as on ingest.
        """
        with self._tx() as session:
            article = session.get(ArticleRow, article_id)
            if article is None:
                raise NotFoundError(f"no article with id {article_id}")
            now = utcnow()
            mentioned = select(MentionRow.event_id).where(MentionRow.article_id == article_id)
            touched = list(session.scalars(select(EventRow).where(EventRow.id.in_(mentioned))))
            session.execute(delete(MentionRow).where(MentionRow.article_id == article_id))
            session.flush()
            for ev in touched:
                session.refresh(ev)
                if not ev.mentions and ev.origin == Origin.EXTRACTED.value and not ev.manual_fields:
                    ev.deleted_at = now
                    ev.updated_at = now
                    ev.sequence += 1
            result = self._attach_drafts(session, article, drafts, now)
            self._bump(session)
            return result

    # ---------------------------------------------------------------- events

    def list_events(self, flt: EventFilter | None = None, *, limit: int | None = None) -> list[Event]:
        flt = flt or EventFilter()
        with self._tx() as session:
            return _load_events(session, flt, limit)

    def count_events(self, flt: EventFilter | None = None) -> int:
        with self._tx() as session:
            query = filtered_query(select(func.count(EventRow.id)), flt or EventFilter())
            return int(session.scalar(query) or 0)

    def get_event(self, uid: str) -> Event:
        with self._tx() as session:
            return _one(session, _event_row(session, uid).id)

    def add_event(
        self,
        draft: EventDraft,
        *,
        follows: str | None = None,
        by: str = "person",
        origin: Origin = Origin.MANUAL,
    ) -> Event:
        """A person's event (or a follow-up of `follows`); everything on it counts as hand-set."""
        _validate_draft(draft)
        with self._tx() as session:
            now = utcnow()
            parent = _event_row(session, follows) if follows else None
            row = self._new_event(session, draft, origin, make_uid(origin, uuid.uuid4().hex), now)
            if origin is Origin.MANUAL:
                row.manual_fields = sorted(EDITABLE)
            if parent is not None:
                session.add(EventLinkRow(event_id=row.id, target_id=parent.id, kind=LinkKind.FOLLOW_UP_OF.value))
            _revise(session, row, "created", None, row.title, now, by)
            self._bump(session)
            return _one(session, row.id)

    def update_event(self, uid: str, changes: dict[str, object], *, by: str = "person") -> Event:
        """Apply a person's (or a process's) edits: revisions recorded, sequence bumped."""
        unknown = set(changes) - EDITABLE
        if unknown:
            raise ValidationError(f"cannot edit {', '.join(sorted(unknown))}; editable: {', '.join(sorted(EDITABLE))}")
        with self._tx() as session:
            row = _event_row(session, uid)
            now = utcnow()
            normalised = _normalise_changes(_one(session, row.id), changes)
            if self._apply(session, row, normalised, by=by, now=now, manual=by.startswith("person")):
                row.updated_at = now
                self._bump(session)
            return _one(session, row.id)

    def delete_event(self, uid: str, *, by: str = "person") -> None:
        with self._tx() as session:
            row = _event_row(session, uid)
            if row.deleted_at is not None:
                return
            now = utcnow()
            row.deleted_at = now
            row.updated_at = now
            row.sequence += 1
            _revise(session, row, "deleted", None, now.isoformat(), now, by)
            self._bump(session)

    def link_events(self, uid: str, target_uid: str, kind: LinkKind = LinkKind.FOLLOW_UP_OF, *,
                    by: str = "person") -> None:
        with self._tx() as session:
            row, target = _event_row(session, uid), _event_row(session, target_uid)
            if row.id == target.id:
                raise ValidationError("an event cannot be linked to itself")
            exists_already = session.scalar(select(EventLinkRow.id).where(
                EventLinkRow.event_id == row.id, EventLinkRow.target_id == target.id, EventLinkRow.kind == kind.value))
            if exists_already:
                return
            now = utcnow()
            session.add(EventLinkRow(event_id=row.id, target_id=target.id, kind=kind.value))
            _revise(session, row, f"link:{kind.value}", None, target.uid, now, by)
            row.sequence += 1
            row.updated_at = now
            self._bump(session)

    def merge_events(self, keep_uid: str, other_uid: str, *, by: str = "person") -> Event:
        """A person says two events are one: `other`'s evidence and participants move to `keep`."""
        with self._tx() as session:
            keep, other = _event_row(session, keep_uid), _event_row(session, other_uid)
            if keep.id == other.id:
                raise ValidationError("cannot merge an event with itself")
            now = utcnow()
            for mention in list(other.mentions):
                mention.event = keep  # re-parent (not remove + append: that would delete the orphan)
            current = _one(session, keep.id)
            extra = merge_participants(current.participants, _one(session, other.id).participants)
            self._apply(session, keep, {"participants": extra}, by=by, now=now, manual=False)
            session.execute(update(EventLinkRow).where(EventLinkRow.target_id == other.id)
                            .values(target_id=keep.id))
            other.deleted_at = now
            other.updated_at = now
            other.sequence += 1
            keep.sequence += 1
            keep.updated_at = now
            _revise(session, other, "merged_into", None, keep.uid, now, by)
            _revise(session, keep, "merged_from", None, other.uid, now, by)
            self._bump(session)
            return _one(session, keep.id)

    def split_event(self, uid: str, mention_ids: Sequence[int], *, by: str = "person") -> Event:
        """Undo a wrong merge: the chosen evidence becomes a new event (a copy of the fields)."""
        with self._tx() as session:
            row = _event_row(session, uid)
            chosen = [m for m in row.mentions if m.id in set(mention_ids)]
            if not chosen:
                raise ValidationError("choose at least one piece of evidence of this event to split off")
            if len(chosen) == len(row.mentions):
                raise ValidationError("cannot split off all of an event's evidence")
            now = utcnow()
            source = _one(session, row.id)
            draft = EventDraft(title=source.title, type=source.type, status=source.status, span=source.span,
                               participants=source.participants, place=source.place, confidence=source.confidence,
                               start_time=source.start_time, end_time=source.end_time, timezone=source.timezone)
            new = self._new_event(session, draft, source.origin, make_uid(source.origin, uuid.uuid4().hex), now)
            for mention in chosen:
                mention.event = new
            row.sequence += 1
            row.updated_at = now
            _revise(session, row, "split_into", None, new.uid, now, by)
            _revise(session, new, "split_from", None, row.uid, now, by)
            self._bump(session)
            return _one(session, new.id)

    def revisions(self, uid: str) -> list[Revision]:
        with self._tx() as session:
            row = _event_row(session, uid)
            revs = session.scalars(select(RevisionRow).where(RevisionRow.event_id == row.id).order_by(RevisionRow.id))
            return [Revision(uid, r.field, r.old_value, r.new_value, r.changed_at, r.changed_by) for r in revs]

    def follow_ups(self, uid: str) -> list[Event]:
        with self._tx() as session:
            row = _event_row(session, uid)
            query = select(EventRow.id).join(EventLinkRow, EventLinkRow.event_id == EventRow.id).where(
                EventLinkRow.target_id == row.id, EventRow.deleted_at.is_(None)).distinct()
            return _events(session, query)

    def article_text(self, article_id: int) -> str:
        with self._tx() as session:
            text = session.scalar(select(ArticleRow.text).where(ArticleRow.id == article_id))
            if text is None:
                raise NotFoundError(f"no article with id {article_id}")
            return text

    # ---------------------------------------------------------------- calendars

    def import_events(self, drafts: Sequence[EventDraft], *, by: str = "calendar") -> ImportResult:
        """Events from an external calendar, idempotent by their UID; all or nothing."""
        created = updated = unchanged = 0
        with self._tx() as session:
            now = utcnow()
            for draft in drafts:
                if not draft.external_uid:
                    raise ValidationError(f"calendar event {draft.title!r} has no UID")
                _validate_draft(draft)
                row = session.scalar(select(EventRow).where(EventRow.external_uid == draft.external_uid))
                if row is None:
                    self._new_event(session, draft, Origin.CALENDAR, make_uid(Origin.CALENDAR, draft.external_uid), now)
                    created += 1
                    continue
                current = _one(session, row.id)
                changes = {
                    k: v for k, v in _draft_fields(draft).items()
                    if k not in current.manual_fields and getattr(current, k) != v
                }
                if self._apply(session, row, changes, by=by, now=now, manual=False):
                    row.updated_at = now
                    updated += 1
                else:
                    unchanged += 1
            if created or updated:
                self._bump(session)
        return ImportResult(created, updated, unchanged)

    def add_feed(self, name: str, flt: EventFilter) -> Feed:
        name = name.strip()
        if not name:
            raise ValidationError("a feed needs a name")
        with self._tx() as session:
            if session.scalar(select(FeedRow.id).where(FeedRow.name == name)):
                raise ValidationError(f"a feed named {name!r} already exists")
            row = FeedRow(name=name, token=secrets.token_urlsafe(24), filter=flt.to_json(), created_at=utcnow())
            session.add(row)
            self._bump(session)
            session.flush()
            return _feed(row)

    def list_feeds(self) -> list[Feed]:
        with self._tx() as session:
            return [_feed(r) for r in session.scalars(select(FeedRow).order_by(FeedRow.name))]

    def feed_by_token(self, token: str) -> Feed:
        with self._tx() as session:
            row = session.scalar(select(FeedRow).where(FeedRow.token == token))
            if row is None:
                raise NotFoundError("no such feed")
            return _feed(row)

    def remove_feed(self, name_or_token: str) -> None:
        with self._tx() as session:
            row = session.scalar(select(FeedRow).where(or_(FeedRow.name == name_or_token,
                                                             FeedRow.token == name_or_token)))
            if row is None:
                raise NotFoundError(f"no feed named {name_or_token!r}")
            session.delete(row)
            self._bump(session)

    # ---------------------------------------------------------------- actors

    def add_alias(self, name: str, alias: str, *, kind: ActorKind = ActorKind.PERSON,
                  country_code: str | None = None) -> None:
        """Teach the registry another spelling of an actor (creating the actor if new)."""
        if not name.strip() or not alias.strip():
            raise ValidationError("an alias needs both a name and an alias")
        with self._tx() as session:
            actor = _actor(session, Participant(name=name.strip(), kind=kind, country_code=country_code))
            if all(a.alias != alias.strip() for a in actor.aliases):
                actor.aliases.append(ActorAliasRow(alias=alias.strip()))
            self._bump(session)

    def aliases(self) -> list[tuple[str, str, ActorKind, str | None]]:
        """(canonical name, alias, kind, country) for every alias people added."""
        with self._tx() as session:
            rows = session.execute(select(ActorRow.name, ActorAliasRow.alias, ActorRow.kind, ActorRow.country_code)
                                   .join(ActorAliasRow)).all()
            return [(n, a, ActorKind(k), c) for n, a, k, c in rows]

    def actor_names(self) -> list[str]:
        with self._tx() as session:
            return list(session.scalars(select(ActorRow.name).order_by(ActorRow.name)))

    # ---------------------------------------------------------------- internals

    def _new_event(self, session: Session, draft: EventDraft, origin: Origin, uid: str, now: datetime) -> EventRow:
        row = EventRow(
            uid=uid, title=draft.title.strip(), type=draft.type.value, status=draft.status.value,
            start_date=draft.span.first, end_date=draft.span.last, precision=draft.span.precision.value,
            start_time=draft.start_time, end_time=draft.end_time, timezone=draft.timezone,
            place=_place(session, draft.place), confidence=draft.confidence, origin=origin.value,
            external_uid=draft.external_uid, sequence=0, manual_fields=[], note=draft.note, url=draft.url,
            created_at=now, updated_at=now,
        )
        session.add(row)
        session.flush()
        _set_participants(session, row, draft.participants)
        return row

    def _add_mentions(self, session: Session, event: EventRow, article: ArticleRow, draft: EventDraft) -> None:
        have = {(m.article_id, m.start, m.end) for m in event.mentions}
        for ev in draft.evidence:
            if (article.id, ev.start, ev.end) in have:
                continue
            have.add((article.id, ev.start, ev.end))
            event.mentions.append(MentionRow(article=article, start=ev.start, end=ev.end, quote=ev.text,
                                             date_text=ev.date_text, date_value=ev.date_value, rule=ev.rule))

    def _apply(self, session: Session, row: EventRow, changes: dict[str, object], *, by: str, now: datetime,
               manual: bool) -> bool:
        """Write field changes with one revision each; returns whether anything changed."""
        current = _one(session, row.id)
        changed = False
        for name, value in changes.items():
            old = _show(getattr(current, name))
            if name == "span":
                assert isinstance(value, DateSpan)
                row.start_date, row.end_date, row.precision = value.first, value.last, value.precision.value
            elif name == "place":
                row.place = _place(session, value if isinstance(value, Place) else None)
            elif name == "participants":
                _set_participants(session, row, tuple(value) if isinstance(value, tuple | list) else ())
            elif name in {"type", "status"}:
                setattr(row, name, str(getattr(value, "value", value)))
            else:
                setattr(row, name, value)
            new = _show(value)
            if old == new:
                continue
            changed = True
            _revise(session, row, name, old, new, now, by)
            if manual:
                row.manual_fields = sorted(set(row.manual_fields) | {name})
        if changed:
            row.sequence += 1
        return changed

    # ---------------------------------------------------------------- listing changes (the feed cache)

    def listing_changes(self, flt: EventFilter, since: ListingVersion | None = None) -> ListingChanges:
        """What changed in `list_events(flt)` since `since` (a previous answer's `version`).

        Without `since`, or when the change cannot be pinned on single events (an actor's country,
        an alias) or touches a large share of them, the answer is the whole listing (`full`).
        Versions are read before the events, so the events are at least as new as the version.
        """
        with self._tx() as session:
            version = listing_versions(session, flt)
            if since is not None and since.shared == version.shared:
                changed, removed = changed_ids(since, version)
                if len(changed) <= max(500, len(version.events) // 4):
                    events = load_events_by_ids(session, flt, changed)
                    # A changed event the filter no longer selects (a write landed in between) has left:
                    # its version is dropped too, so that the next look reads it if it comes back.
                    gone = changed - {e.id for e in events}
                    if gone:
                        kept = {i: v for i, v in version.events.items() if i not in gone}
                        version = ListingVersion(kept, version.shared)
                    return ListingChanges(version, events, removed | gone, full=False)
            events = _load_events(session, flt, None)
            # Versions only for what was read (a write may land between the two reads): an event read
            # but not versioned gets none, so the next look reads it again.
            version = ListingVersion({e.id: version.events.get(e.id) for e in events}, version.shared)
            return ListingChanges(version, events, frozenset(), full=True)


# -------------------------------------------------------------------- row ↔ domain


def _article(row: ArticleRow) -> StoredArticle:
    return StoredArticle(
        id=row.id, content_hash=row.content_hash, text="", language=row.language, published=row.published,
        reference=row.reference_date, reference_source=ReferenceSource(row.reference_source), url=row.url,
        outlet=row.outlet, title=row.title, created=row.created_at,
    )


def _member(enum: type[E], value: str) -> E:
    """Enum member by value, without Enum.__call__'s overhead (100,000 calls per 10,000 events)."""
    return enum._value2member_map_[value]  # type: ignore[return-value]


def _events(session: Session, ids: Select[Any]) -> list[Event]:
    """The events whose ids `ids` selects, read after flushing this transaction's pending writes."""
    session.flush()  # Core reads on the session's connection see only what has been flushed
    return load_selected(session, ids.subquery())


def _one(session: Session, event_id: int) -> Event:
    return _events(session, select(EventRow.id).where(EventRow.id == event_id))[0]


def _load_events(session: Session, flt: EventFilter, limit: int | None) -> list[Event]:
    """Listings (feeds, exports, tables) read plain columns in four queries, not ORM objects.

    Building ORM objects for 10,000 events with their roles, mentions and links costs seconds;
    these rows cost a tenth of that. Child rows are selected by the same filter as the events.
    """
    ids = filtered_query(select(EventRow.id), flt).order_by(EventRow.start_date, EventRow.uid)
    if limit:
        ids = ids.limit(limit)
    return load_selected(session, ids.subquery())


def load_selected(session: Session, wanted: Any) -> list[Event]:
    """The events whose ids the subquery `wanted` (one column, `id`) selects, ordered by date and uid."""
    e = EventRow.__table__.c
    pl = PlaceRow.__table__.c
    conn = session.connection()  # Core rows: the ORM's result machinery costs as much as the query
    rows = conn.execute(
        select(e.id, e.uid, e.title, e.type, e.status, e.start_date, e.end_date, e.precision, e.origin, e.sequence,
               e.created_at, e.updated_at, e.confidence, e.start_time, e.end_time, e.timezone, e.note, e.url,
               e.deleted_at, e.manual_fields, pl.name, pl.country_code, pl.latitude, pl.longitude)
        .join(wanted, wanted.c.id == e.id)
        .outerjoin(PlaceRow.__table__, pl.id == e.place_id)
        .order_by(e.start_date, e.uid)
    ).all()
    people: dict[int, list[Participant]] = {}
    for event_id, name, kind, country, role, title in conn.execute(
        select(EventActorRow.event_id, ActorRow.name, ActorRow.kind, ActorRow.country_code, EventActorRow.role,
               EventActorRow.title)
        .join(ActorRow, ActorRow.id == EventActorRow.actor_id)
        .join(wanted, wanted.c.id == EventActorRow.event_id)
        .order_by(EventActorRow.event_id, EventActorRow.position)
    ):
        people.setdefault(event_id, []).append(
            Participant(name=name, kind=_member(ActorKind, kind), role=_member(Role, role), title=title,
                        country_code=country))
    evidence: dict[int, list[Evidence]] = {}
    for m in conn.execute(
        select(MentionRow.event_id, MentionRow.id, MentionRow.start, MentionRow.end, MentionRow.quote,
               MentionRow.date_text, MentionRow.date_value, MentionRow.rule, MentionRow.article_id,
               ArticleRow.content_hash, ArticleRow.url, ArticleRow.outlet)
        .join(ArticleRow, ArticleRow.id == MentionRow.article_id)
        .join(wanted, wanted.c.id == MentionRow.event_id)
        .order_by(MentionRow.event_id, MentionRow.id)
    ):
        evidence.setdefault(m.event_id, []).append(
            Evidence(start=m.start, end=m.end, text=m.quote, date_text=m.date_text, date_value=m.date_value,
                     rule=m.rule, article_hash=m.content_hash, article_url=m.url, outlet=m.outlet,
                     article_id=m.article_id, mention_id=m.id))
    links: dict[int, list[Link]] = {}
    target = EventRow.__table__.alias("target")
    for event_id, kind, target_uid in conn.execute(
        select(EventLinkRow.event_id, EventLinkRow.kind, target.c.uid)
        .join(target, target.c.id == EventLinkRow.target_id)
        .join(wanted, wanted.c.id == EventLinkRow.event_id)
        .order_by(EventLinkRow.event_id, EventLinkRow.id)
    ):
        links.setdefault(event_id, []).append(Link(_member(LinkKind, kind), target_uid))
    out = []
    for r in rows:  # the UTCDateTime column type has already made the datetimes aware
        out.append(Event(
            id=r.id, uid=r.uid, title=r.title, type=_member(EventType, r.type), status=_member(Status, r.status),
            span=DateSpan(r.start_date, r.end_date, _member(Precision, r.precision)), origin=_member(Origin, r.origin),
            sequence=r.sequence, created=r.created_at, updated=r.updated_at, confidence=r.confidence,
            participants=tuple(people.get(r.id, ())),
            place=Place(r.name, r.country_code, r.latitude, r.longitude) if r.name is not None else None,
            evidence=tuple(evidence.get(r.id, ())), links=tuple(links.get(r.id, ())),
            start_time=r.start_time, end_time=r.end_time, timezone=r.timezone, note=r.note, url=r.url,
            deleted=r.deleted_at, manual_fields=frozenset(r.manual_fields or ()),
        ))
    return out


def _revise(session: Session, row: EventRow, field: str, old: str | None, new: str | None, at: datetime,
            by: str) -> None:
    session.add(RevisionRow(event_id=row.id, field=field, old_value=old, new_value=new, changed_at=at, changed_by=by))


def _feed(row: FeedRow) -> Feed:
    return Feed(name=row.name, token=row.token, filter=EventFilter.from_json(row.filter), created=row.created_at)


def _event_row(session: Session, uid: str | None) -> EventRow:
    row = session.scalar(select(EventRow).where(EventRow.uid == uid)) if uid else None
    if row is None:
        raise NotFoundError(f"no event with uid {uid!r}")
    return row


def _place(session: Session, place: Place | None) -> PlaceRow | None:
    if place is None:
        return None
    row = session.scalar(select(PlaceRow).where(PlaceRow.name == place.name,
                                                PlaceRow.country_code == place.country_code)
                         if place.country_code else
                         select(PlaceRow).where(PlaceRow.name == place.name, PlaceRow.country_code.is_(None)))
    if row is None:
        row = PlaceRow(name=place.name, country_code=place.country_code, latitude=place.latitude,
                       longitude=place.longitude)
        session.add(row)
    return row


def _actor(session: Session, p: Participant) -> ActorRow:
    row = session.scalar(select(ActorRow).where(ActorRow.name == p.name, ActorRow.kind == p.kind.value))
    if row is None:
        row = ActorRow(name=p.name, kind=p.kind.value, country_code=p.country_code)
        session.add(row)
        session.flush()
    elif p.country_code and not row.country_code:
        row.country_code = p.country_code
    return row


def _set_participants(session: Session, row: EventRow, participants: Iterable[Participant]) -> None:
    row.roles.clear()
    session.flush()
    seen: set[int] = set()
    for position, p in enumerate(participants):
        actor = _actor(session, p)
        if actor.id in seen:
            continue
        seen.add(actor.id)
        row.roles.append(EventActorRow(actor=actor, role=p.role.value, title=p.title, position=position))


def _with_source(draft: EventDraft, article: ArticleRow) -> EventDraft:
    evidence = tuple(replace(e, article_hash=article.content_hash, article_url=article.url, outlet=article.outlet)
                     for e in draft.evidence)
    return replace(draft, evidence=evidence)


def _near_query(span: DateSpan) -> Select[tuple[int]]:
    first, last = span.first - timedelta(days=1), span.last + timedelta(days=1)
    return select(EventRow.id).where(EventRow.deleted_at.is_(None), EventRow.start_date <= last,
                                  EventRow.end_date >= first)


def filtered_query(query: Select[Any], flt: EventFilter) -> Select[Any]:
    conds: list[Any] = []
    if not flt.include_deleted:
        conds.append(EventRow.deleted_at.is_(None))
    if flt.date_from:
        conds.append(EventRow.end_date >= flt.date_from)
    if flt.date_to:
        conds.append(EventRow.start_date <= flt.date_to)
    if flt.types:
        conds.append(EventRow.type.in_([t.value for t in flt.types]))
    if flt.statuses:
        conds.append(EventRow.status.in_([s.value for s in flt.statuses]))
    if flt.min_confidence is not None:
        conds.append(EventRow.confidence >= flt.min_confidence)
    if flt.countries:
        codes = [c.upper() for c in flt.countries]
        by_place = exists().where(PlaceRow.id == EventRow.place_id, PlaceRow.country_code.in_(codes))
        by_actor = exists().where(EventActorRow.event_id == EventRow.id, ActorRow.id == EventActorRow.actor_id,
                                  ActorRow.country_code.in_(codes))
        conds.append(or_(by_place, by_actor))
    for name in flt.actors:
        pattern = f"%{name.lower()}%"
        by_name = exists().where(EventActorRow.event_id == EventRow.id, ActorRow.id == EventActorRow.actor_id,
                                 func.lower(ActorRow.name).like(pattern))
        by_alias = exists().where(EventActorRow.event_id == EventRow.id,
                                  ActorAliasRow.actor_id == EventActorRow.actor_id,
                                  func.lower(ActorAliasRow.alias).like(pattern))
        conds.append(or_(by_name, by_alias))
    return query.where(and_(*conds)) if conds else query


def _show(value: object) -> str | None:
    """A field value as a revision records it."""
    if value is None:
        return None
    if isinstance(value, DateSpan):
        return f"{value.first.isoformat()}..{value.last.isoformat()} ({value.precision.value})"
    if isinstance(value, Place):
        return value.name
    if isinstance(value, tuple | list):
        return ", ".join(p.name if isinstance(p, Participant) else str(p) for p in value)
    if isinstance(value, date | time):
        return value.isoformat()
    return str(getattr(value, "value", value))


def _draft_fields(draft: EventDraft) -> dict[str, object]:
    return {"title": draft.title, "type": draft.type, "status": draft.status, "span": draft.span,
            "start_time": draft.start_time, "end_time": draft.end_time, "timezone": draft.timezone,
            "place": draft.place, "note": draft.note, "url": draft.url, "participants": draft.participants}


def _normalise_changes(event: Event, changes: dict[str, object]) -> dict[str, object]:
    """Turn loose edits (strings, start/end/precision separately) into typed field values, validated."""
    out: dict[str, object] = {}
    try:
        for key, value in changes.items():
            if key == "type":
                out[key] = EventType(str(getattr(value, "value", value)))
            elif key == "status":
                out[key] = Status(str(getattr(value, "value", value)))
            elif key == "title":
                if not str(value or "").strip():
                    raise ValidationError("a title cannot be empty")
                out[key] = str(value).strip()
            elif key == "confidence":
                conf = float(str(value))
                if not 0.0 <= conf <= 1.0:
                    raise ValidationError("confidence must be between 0 and 1")
                out[key] = conf
            elif key == "place":
                out[key] = value if isinstance(value, Place) or value is None else Place(str(value))
            elif key in {"start_time", "end_time"}:
                out[key] = value if isinstance(value, time) or value is None else time.fromisoformat(str(value))
            elif key in {"start", "end", "precision"}:
                continue
            else:
                out[key] = value
        if {"start", "end", "precision"} & set(changes):
            first = _as_date(changes.get("start", event.span.first))
            last = _as_date(changes.get("end", changes.get("start", event.span.last)))
            prec = Precision(str(getattr(changes.get("precision"), "value", changes.get("precision")
                                         or event.span.precision.value)))
            if last < first:
                raise ValidationError(f"end {last} is before start {first}")
            out["span"] = DateSpan(first, last, prec)
    except ValueError as exc:
        raise ValidationError(f"invalid value: {exc}") from exc
    return out


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _validate_draft(draft: EventDraft) -> None:
    if not draft.title.strip():
        raise ValidationError("an event needs a title")


__all__ = ["ImportResult", "IngestResult", "Store"]
