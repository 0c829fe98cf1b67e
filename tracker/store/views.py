"""Store stage, read side for screens: windowed and aggregated queries sized for a page.

Input: a `Store`, an `EventFilter` and a window; output: small frozen dataclasses, never the whole
events table. The dashboard reads through these so that 50,000 stored events still give a page a
few thousand rows at most: a timeline window returns its events when they fit under a cap and
per-bucket counts by lane when they do not; insights are GROUP BY queries.

Every query is portable SQL (SQLite and PostgreSQL): day-level GROUP BYs are folded into weeks and
months in Python rather than with dialect-specific date functions.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from tracker.model import EventFilter, EventType, Origin, Precision, Status
from tracker.store.repo import Store, filtered_query
from tracker.store.tables import ActorRow, ArticleRow, EventActorRow, EventRow, MentionRow, PlaceRow

MAX_LANES = 24  # more lanes than this are unreadable; the smallest fold into OTHER
OTHER = "other"
NONE = "—"
_IN_CHUNK = 900  # ids per IN (...) clause; SQLite's old limit is 999 variables


class Lane(StrEnum):
    """What a timeline row groups events by."""

    TYPE = "type"
    STATUS = "status"
    COUNTRY_PAIR = "country pair"
    ACTOR = "actor"


class Granularity(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


@dataclass(frozen=True)
class TimelineItem:
    """One event as a timeline draws it (one per lane it belongs to)."""

    uid: str
    title: str
    type: EventType
    status: Status
    first: date
    last: date
    precision: Precision
    confidence: float
    origin: Origin
    lane: str


@dataclass(frozen=True)
class TimelineBucket:
    """How many events of one status start in one lane during [first, last]."""

    lane: str
    first: date
    last: date
    status: Status
    count: int


@dataclass(frozen=True)
class Timeline:
    first: date
    last: date
    lane: Lane
    total: int  # events in the window (before the cap)
    items: tuple[TimelineItem, ...] = ()
    buckets: tuple[TimelineBucket, ...] = ()
    granularity: Granularity | None = None  # set when aggregated

    @property
    def aggregated(self) -> bool:
        return self.granularity is not None


@dataclass(frozen=True)
class EventSummary:
    """A table row: an event's fields flattened for display, export selection and calendars."""

    uid: str
    title: str
    type: EventType
    status: Status
    first: date
    last: date
    precision: Precision
    confidence: float
    origin: Origin
    place: str | None
    countries: tuple[str, ...]
    participants: tuple[str, ...]
    outlets: tuple[str, ...]


@dataclass(frozen=True)
class EventPage:
    rows: tuple[EventSummary, ...]
    total: int  # rows matching, before the limit


@dataclass(frozen=True)
class MonthCount:
    month: date  # first day of the month
    type: EventType
    count: int


@dataclass(frozen=True)
class Pair:
    """Two actors who appear in the same events, and how often."""

    first: str
    second: str
    count: int


# ------------------------------------------------------------------------------------ timeline


def granularity_for(first: date, last: date) -> Granularity:
    """Buckets that keep a window to roughly 150 columns or fewer."""
    days = (last - first).days + 1
    if days <= 150:
        return Granularity.DAY
    if days <= 7 * 150:
        return Granularity.WEEK
    return Granularity.MONTH


def bucket_of(day: date, granularity: Granularity) -> tuple[date, date]:
    """The bucket (first and last day) that holds `day`."""
    if granularity is Granularity.DAY:
        return day, day
    if granularity is Granularity.WEEK:
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    start = day.replace(day=1)
    following = (start + timedelta(days=32)).replace(day=1)
    return start, following - timedelta(days=1)


def timeline(
    store: Store,
    first: date,
    last: date,
    *,
    lane: Lane = Lane.TYPE,
    flt: EventFilter | None = None,
    max_items: int = 1500,
) -> Timeline:
    """The events overlapping [first, last], or per-bucket counts when there are more than `max_items`."""
    if last < first:
        first, last = last, first
    window = _window(flt, first, last)
    with store._tx() as session:
        total = int(session.scalar(filtered_query(select(func.count(EventRow.id)), window)) or 0)
        if total <= max_items:
            items = _timeline_items(session, window, lane)
            return Timeline(first, last, lane, total, items=items)
        granularity = granularity_for(first, last)
        buckets = _timeline_buckets(session, window, lane, first, granularity)
        return Timeline(first, last, lane, total, buckets=buckets, granularity=granularity)


def _window(flt: EventFilter | None, first: date, last: date) -> EventFilter:
    base = flt or EventFilter()
    lo = max(first, base.date_from) if base.date_from else first
    hi = min(last, base.date_to) if base.date_to else last
    return EventFilter(
        date_from=lo, date_to=hi, countries=base.countries, actors=base.actors, types=base.types,
        statuses=base.statuses, min_confidence=base.min_confidence, include_deleted=base.include_deleted,
    )


def _timeline_items(session: Session, flt: EventFilter, lane: Lane) -> tuple[TimelineItem, ...]:
    query = filtered_query(
        select(EventRow.id, EventRow.uid, EventRow.title, EventRow.type, EventRow.status, EventRow.start_date,
               EventRow.end_date, EventRow.precision, EventRow.confidence, EventRow.origin),
        flt,
    ).order_by(EventRow.start_date, EventRow.uid)
    rows = session.execute(query).all()
    lanes = _lanes(session, [(r.id, r.type, r.status) for r in rows], lane)
    items = [
        TimelineItem(
            uid=r.uid, title=r.title, type=EventType(r.type), status=Status(r.status), first=r.start_date,
            last=r.end_date, precision=Precision(r.precision), confidence=r.confidence, origin=Origin(r.origin),
            lane=name,
        )
        for r in rows
        for name in lanes[r.id]
    ]
    keep = _top_lanes(Counter(item.lane for item in items))
    return tuple(item if item.lane in keep else _relane(item, OTHER) for item in items)


def _relane(item: TimelineItem, lane: str) -> TimelineItem:
    return TimelineItem(item.uid, item.title, item.type, item.status, item.first, item.last, item.precision,
                        item.confidence, item.origin, lane)


def _timeline_buckets(
    session: Session, flt: EventFilter, lane: Lane, first: date, granularity: Granularity
) -> tuple[TimelineBucket, ...]:
    counts: Counter[tuple[str, date, date, str]] = Counter()

    def add(lane_name: str, start: date, status: str, n: int) -> None:
        lo, hi = bucket_of(max(start, first), granularity)
        counts[(lane_name, lo, hi, status)] += n

    if lane in (Lane.TYPE, Lane.STATUS):
        column = EventRow.type if lane is Lane.TYPE else EventRow.status
        query = filtered_query(select(EventRow.start_date, column, EventRow.status, func.count(EventRow.id)), flt)
        for start, name, status, n in session.execute(
                query.group_by(EventRow.start_date, column, EventRow.status)).all():
            add(str(name), start, status, int(n))
    elif lane is Lane.ACTOR:
        ids = filtered_query(select(EventRow.id), flt).scalar_subquery()
        query = (
            select(EventRow.start_date, ActorRow.name, EventRow.status, func.count(EventRow.id))
            .join(EventActorRow, EventActorRow.event_id == EventRow.id)
            .join(ActorRow, ActorRow.id == EventActorRow.actor_id)
            .where(EventRow.id.in_(ids))
            .group_by(EventRow.start_date, ActorRow.name, EventRow.status)
        )
        for start, name, status, n in session.execute(query).all():
            add(name, start, status, int(n))
        # Events without participants still count, in their own lane.
        lonely = filtered_query(select(EventRow.start_date, EventRow.status, func.count(EventRow.id)), flt).where(
            ~EventRow.roles.any()).group_by(EventRow.start_date, EventRow.status)
        for start, status, n in session.execute(lonely).all():
            add(NONE, start, status, int(n))
    else:
        rows = session.execute(filtered_query(select(EventRow.id, EventRow.start_date, EventRow.status), flt)).all()
        pairs = _country_lanes(session, [r.id for r in rows], flt)
        for r in rows:
            add(pairs.get(r.id, NONE), r.start_date, r.status, 1)
    per_lane: Counter[str] = Counter()
    for (name, *_), n in counts.items():
        per_lane[name] += n
    keep = _top_lanes(per_lane)
    folded: Counter[tuple[str, date, date, str]] = Counter()
    for (name, lo, hi, status), n in counts.items():
        folded[(name if name in keep else OTHER, lo, hi, status)] += n
    return tuple(
        TimelineBucket(name, lo, hi, Status(status), n)
        for (name, lo, hi, status), n in sorted(folded.items())
    )


def _top_lanes(per_lane: Counter[str]) -> set[str]:
    if len(per_lane) <= MAX_LANES:
        return set(per_lane)
    return {name for name, _ in per_lane.most_common(MAX_LANES - 1)}


def _lanes(session: Session, rows: Sequence[tuple[int, str, str]], lane: Lane) -> dict[int, list[str]]:
    """Lane names of each event id (an event with three actors is in three actor lanes)."""
    if lane is Lane.TYPE:
        return {i: [t] for i, t, _ in rows}
    if lane is Lane.STATUS:
        return {i: [s] for i, _, s in rows}
    ids = [i for i, _, _ in rows]
    if lane is Lane.COUNTRY_PAIR:
        pairs = _country_lanes(session, ids, None)
        return {i: [pairs.get(i, NONE)] for i in ids}
    names: dict[int, list[str]] = defaultdict(list)
    for chunk in _chunks(ids):
        query = (select(EventActorRow.event_id, ActorRow.name).join(ActorRow)
                 .where(EventActorRow.event_id.in_(chunk)).order_by(EventActorRow.position))
        for event_id, name in session.execute(query).all():
            names[event_id].append(name)
    return {i: names.get(i) or [NONE] for i in ids}


def _country_lanes(session: Session, ids: Sequence[int], flt: EventFilter | None) -> dict[int, str]:
    """'IR–RU' for an event whose participants or place are in Iran and Russia."""
    codes: dict[int, set[str]] = defaultdict(set)
    if flt is not None:
        # Many ids (aggregate mode): select by the same filter instead of a huge IN list.
        event_ids = filtered_query(select(EventRow.id), flt).scalar_subquery()
        by_actor: Select[Any] = (select(EventActorRow.event_id, ActorRow.country_code).join(ActorRow)
                                 .where(EventActorRow.event_id.in_(event_ids), ActorRow.country_code.is_not(None)))
        by_place: Select[Any] = (select(EventRow.id, PlaceRow.country_code).join(PlaceRow)
                                 .where(EventRow.id.in_(event_ids), PlaceRow.country_code.is_not(None)))
        for query in (by_actor, by_place):
            for event_id, code in session.execute(query).all():
                codes[event_id].add(code)
    else:
        for chunk in _chunks(ids):
            for query in (
                select(EventActorRow.event_id, ActorRow.country_code).join(ActorRow)
                .where(EventActorRow.event_id.in_(chunk), ActorRow.country_code.is_not(None)),
                select(EventRow.id, PlaceRow.country_code).join(PlaceRow)
                .where(EventRow.id.in_(chunk), PlaceRow.country_code.is_not(None)),
            ):
                for event_id, code in session.execute(query).all():
                    codes[event_id].add(code)
    return {i: "–".join(sorted(c)) for i, c in codes.items() if c}


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), _IN_CHUNK):
        yield ids[start:start + _IN_CHUNK]


# ------------------------------------------------------------------------------------ tables


def event_page(
    store: Store,
    flt: EventFilter | None = None,
    *,
    search: str | None = None,
    outlets: Sequence[str] = (),
    max_confidence: float | None = None,
    limit: int | None = 2000,
    descending: bool = False,
) -> EventPage:
    """Events matching a filter and a free-text search (title, participant, place), flattened.

    `total` counts every match; `rows` holds at most `limit` of them, ordered by start date.
    """
    flt = flt or EventFilter()
    with store._tx() as session:
        base = _searched(filtered_query(select(EventRow.id), flt), search, outlets, max_confidence)
        total = int(session.scalar(select(func.count()).select_from(base.subquery())) or 0)
        order = (EventRow.start_date.desc(), EventRow.uid) if descending else (EventRow.start_date, EventRow.uid)
        query = _searched(
            filtered_query(select(EventRow.id, EventRow.uid, EventRow.title, EventRow.type, EventRow.status,
                             EventRow.start_date, EventRow.end_date, EventRow.precision, EventRow.confidence,
                             EventRow.origin, PlaceRow.name.label("place"), PlaceRow.country_code.label("cc"))
                      .outerjoin(PlaceRow, PlaceRow.id == EventRow.place_id), flt),
            search, outlets, max_confidence,
        ).order_by(*order)
        if limit:
            query = query.limit(limit)
        rows = session.execute(query).all()
        ids = [r.id for r in rows]
        people: dict[int, list[tuple[str, str | None]]] = defaultdict(list)
        sources: dict[int, set[str]] = defaultdict(set)
        for chunk in _chunks(ids):
            for event_id, name, code in session.execute(
                select(EventActorRow.event_id, ActorRow.name, ActorRow.country_code).join(ActorRow)
                .where(EventActorRow.event_id.in_(chunk)).order_by(EventActorRow.event_id, EventActorRow.position)
            ).all():
                people[event_id].append((name, code))
            for event_id, outlet, url in session.execute(
                select(MentionRow.event_id, ArticleRow.outlet, ArticleRow.url).join(ArticleRow)
                .where(MentionRow.event_id.in_(chunk)).distinct()
            ).all():
                sources[event_id].add(outlet or url or "")
    out = []
    for r in rows:
        who = people.get(r.id, [])
        countries = {c for _, c in who if c} | ({r.cc} if r.cc else set())
        out.append(EventSummary(
            uid=r.uid, title=r.title, type=EventType(r.type), status=Status(r.status), first=r.start_date,
            last=r.end_date, precision=Precision(r.precision), confidence=r.confidence, origin=Origin(r.origin),
            place=r.place, countries=tuple(sorted(countries)), participants=tuple(n for n, _ in who),
            outlets=tuple(sorted(sources.get(r.id, set()) - {""})),
        ))
    return EventPage(tuple(out), total)


def _searched(query: Select[Any], search: str | None, outlets: Sequence[str],
              max_confidence: float | None) -> Select[Any]:
    conds: list[Any] = []
    text = (search or "").strip().lower()
    if text:
        pattern = f"%{text}%"
        by_actor = EventRow.roles.any(EventActorRow.actor.has(func.lower(ActorRow.name).like(pattern)))
        by_place = EventRow.place.has(func.lower(PlaceRow.name).like(pattern))
        conds.append(or_(func.lower(EventRow.title).like(pattern), by_actor, by_place,
                         func.lower(EventRow.uid).like(pattern)))
    if outlets:
        conds.append(EventRow.mentions.any(MentionRow.article.has(ArticleRow.outlet.in_(list(outlets)))))
    if max_confidence is not None:
        conds.append(EventRow.confidence < max_confidence)
    return query.where(and_(*conds)) if conds else query


def outlets(store: Store) -> list[str]:
    """Every outlet an article came from (for the source filter)."""
    with store._tx() as session:
        query = select(ArticleRow.outlet).where(ArticleRow.outlet.is_not(None)).distinct().order_by(ArticleRow.outlet)
        return [o for o in session.scalars(query) if o]


def country_codes(store: Store) -> list[str]:
    """Every country code on an actor or a place (for the country filter)."""
    with store._tx() as session:
        found = set(session.scalars(select(ActorRow.country_code).where(ActorRow.country_code.is_not(None))))
        found |= set(session.scalars(select(PlaceRow.country_code).where(PlaceRow.country_code.is_not(None))))
        return sorted(c for c in found if c)


def date_range(store: Store) -> tuple[date, date] | None:
    """The first start and the last end over live events, or None when there are none."""
    with store._tx() as session:
        row = session.execute(select(func.min(EventRow.start_date), func.max(EventRow.end_date))
                              .where(EventRow.deleted_at.is_(None))).one()
        return (row[0], row[1]) if row[0] is not None else None


# ------------------------------------------------------------------------------------ insights


def events_per_month(store: Store, flt: EventFilter | None = None) -> list[MonthCount]:
    """How many events start in each month, by type (GROUP BY day in SQL, folded to months here)."""
    query = filtered_query(select(EventRow.start_date, EventRow.type, func.count(EventRow.id)), flt or EventFilter())
    counts: Counter[tuple[date, str]] = Counter()
    with store._tx() as session:
        for day, kind, n in session.execute(query.group_by(EventRow.start_date, EventRow.type)).all():
            counts[(day.replace(day=1), kind)] += int(n)
    return [MonthCount(month, EventType(kind), n) for (month, kind), n in sorted(counts.items())]


def meeting_pairs(store: Store, flt: EventFilter | None = None, *, limit: int = 60) -> list[Pair]:
    """Who meets whom: pairs of actors sharing events, most frequent first."""
    a, b = aliased(EventActorRow), aliased(EventActorRow)
    actor_a, actor_b = aliased(ActorRow), aliased(ActorRow)
    ids = filtered_query(select(EventRow.id), flt or EventFilter()).scalar_subquery()
    n = func.count(a.event_id)
    query = (
        select(actor_a.name, actor_b.name, n)
        .select_from(a)
        .join(b, and_(a.event_id == b.event_id, a.actor_id < b.actor_id))
        .join(actor_a, actor_a.id == a.actor_id)
        .join(actor_b, actor_b.id == b.actor_id)
        .where(a.event_id.in_(ids))
        .group_by(actor_a.name, actor_b.name)
        .order_by(n.desc(), actor_a.name, actor_b.name)
        .limit(limit)
    )
    with store._tx() as session:
        found = session.execute(query).all()
    return [Pair(min(x, y), max(x, y), int(c)) for x, y, c in found]


__all__ = [
    "EventPage", "EventSummary", "Granularity", "Lane", "MonthCount", "Pair", "Timeline", "TimelineBucket",
    "TimelineItem", "bucket_of", "country_codes", "date_range", "event_page", "events_per_month",
    "granularity_for", "meeting_pairs", "outlets", "timeline",
]
