"""Domain types shared by every stage: plain frozen dataclasses and enums, no I/O.

Stage contracts: an `Article` goes in; the temporal stage gives `DateMention`s; the event stage
gives `EventDraft`s carrying `Evidence`; the store returns `Event`s. Enum values are exactly what
the database, the JSON outputs and the UI show.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum


class Precision(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class Status(StrEnum):
    HELD = "held"
    SCHEDULED = "scheduled"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"


class EventType(StrEnum):
    MEETING = "meeting"
    TALKS = "talks"
    VISIT = "visit"
    SUMMIT = "summit"
    PHONE_CALL = "phone_call"
    SESSION = "session"
    CONFERENCE = "conference"
    SIGNING = "signing"
    STATEMENT = "statement"
    OTHER = "other"


class Origin(StrEnum):
    EXTRACTED = "extracted"
    MANUAL = "manual"
    CALENDAR = "calendar"


class ReferenceSource(StrEnum):
    """Where an article's reference date came from."""

    METADATA = "metadata"
    DATELINE = "dateline"
    PERSON = "person"
    NONE = "none"


class TimexType(StrEnum):
    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class ActorKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    COUNTRY = "country"


class Role(StrEnum):
    HOST = "host"
    GUEST = "guest"
    PARTICIPANT = "participant"


class LinkKind(StrEnum):
    FOLLOW_UP_OF = "follow_up_of"
    PART_OF = "part_of"


@dataclass(frozen=True)
class DateSpan:
    """An inclusive interval of calendar days and how precisely the text fixed it.

    A week-level expression ("early this week") is a span inside that week with precision WEEK:
    the span says where the event can lie, the precision says we do not know the day.
    """

    first: date
    last: date
    precision: Precision = Precision.DAY

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"span ends ({self.last}) before it starts ({self.first})")

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def overlaps(self, other: DateSpan) -> bool:
        return self.first <= other.last and other.first <= self.last

    def describe(self) -> str:
        """The span in words, honest about its precision (used in calendars and the UI)."""
        if self.precision is Precision.DAY:
            if self.first == self.last:
                return self.first.strftime("%-d %B %Y")
            return f"{self.first.strftime('%-d %B %Y')} to {self.last.strftime('%-d %B %Y')}"
        if self.precision is Precision.WEEK:
            monday = self.first - timedelta(days=self.first.weekday())
            return f"date known to the week of {monday.strftime('%-d %B %Y')}"
        if self.precision is Precision.MONTH:
            return f"date known to the month: {self.first.strftime('%B %Y')}"
        return f"date known to the year: {self.first.year}"


@dataclass(frozen=True)
class Article:
    """One article as read: its text and what we know about where and when it appeared."""

    text: str
    language: str | None = None
    published: date | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    source_path: str | None = None

    @property
    def content_hash(self) -> str:
        """Identity of the article for idempotent ingest: the NFC text, whitespace-normalised."""
        norm = " ".join(unicodedata.normalize("NFC", self.text).split())
        return hashlib.sha256(norm.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Reference:
    """The date relative expressions are anchored to, and where it came from."""

    day: date | None
    source: ReferenceSource
    text: str | None = None  # the dateline text, when the date came from one


@dataclass(frozen=True)
class DateMention:
    """One temporal expression found in a text (TIMEX3-like).

    `start`/`end` are character offsets into the text. `value` is the TIMEX3 value ("2026-01-30",
    "2026-W05", "P3D", "PAST_REF", "2026-01-30TEV" ...); `span` is the interval of days the
    expression denotes when it denotes one (DATE and TIME), None for durations, sets and
    unresolved expressions. The two ends of a range ("16–18 February") are two mentions sharing a
    `range_id`.
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    rule: str
    mod: str | None = None
    span: DateSpan | None = None
    clock: time | None = None
    range_id: int | None = None
    resolved: bool = True

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type.value,
            "value": self.value,
        }
        if self.mod:
            out["mod"] = self.mod
        if self.range_id is not None:
            out["range"] = self.range_id  # the two ends of "16–18 February" share it
        if not self.resolved:
            out["resolved"] = False  # relative, and no reference date to anchor it
        if self.span is not None:
            out["first"] = self.span.first.isoformat()
            out["last"] = self.span.last.isoformat()
            out["precision"] = self.span.precision.value
        if self.clock is not None:
            out["clock"] = self.clock.isoformat(timespec="minutes")
        return out


@dataclass(frozen=True)
class Place:
    name: str
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class Participant:
    name: str
    kind: ActorKind = ActorKind.PERSON
    role: Role = Role.PARTICIPANT
    title: str | None = None
    country_code: str | None = None


@dataclass(frozen=True)
class Evidence:
    """Why we believe an event: a quote from an article and the date expression in it."""

    start: int
    end: int
    text: str
    date_text: str | None = None
    date_value: str | None = None
    rule: str | None = None
    article_hash: str | None = None
    article_url: str | None = None
    outlet: str | None = None
    article_id: int | None = None  # set on stored evidence
    mention_id: int | None = None  # set on stored evidence: what a person picks to split a merge


@dataclass(frozen=True)
class EventDraft:
    """An event as the extraction (or a person, or an imported calendar) states it."""

    title: str
    type: EventType
    status: Status
    span: DateSpan
    participants: tuple[Participant, ...] = ()
    place: Place | None = None
    confidence: float = 0.5
    evidence: tuple[Evidence, ...] = ()
    start_time: time | None = None
    end_time: time | None = None
    timezone: str | None = None
    note: str | None = None
    url: str | None = None
    external_uid: str | None = None  # the UID of an imported calendar's event

    def to_json(self) -> dict[str, object]:
        """The `tracker extract` contract."""
        return {
            "title": self.title,
            "type": self.type.value,
            "status": self.status.value,
            "start": self.span.first.isoformat(),
            "end": self.span.last.isoformat(),
            "precision": self.span.precision.value,
            "participants": [p.name for p in self.participants],
            "location": self.place.name if self.place else None,
            "confidence": round(self.confidence, 3),
            "evidence": [{"start": e.start, "end": e.end, "text": e.text} for e in self.evidence],
        }


@dataclass(frozen=True)
class Link:
    kind: LinkKind
    target_uid: str


@dataclass(frozen=True)
class Event:
    """An event as stored: a draft plus identity, origin and history."""

    id: int
    uid: str
    title: str
    type: EventType
    status: Status
    span: DateSpan
    origin: Origin
    sequence: int
    created: datetime
    updated: datetime
    confidence: float = 0.5
    participants: tuple[Participant, ...] = ()
    place: Place | None = None
    evidence: tuple[Evidence, ...] = ()
    links: tuple[Link, ...] = ()
    start_time: time | None = None
    end_time: time | None = None
    timezone: str | None = None
    note: str | None = None
    url: str | None = None
    deleted: datetime | None = None
    manual_fields: frozenset[str] = field(default_factory=frozenset)

    @property
    def countries(self) -> tuple[str, ...]:
        codes = {p.country_code for p in self.participants if p.country_code}
        if self.place and self.place.country_code:
            codes.add(self.place.country_code)
        return tuple(sorted(codes))

    def to_json(self) -> dict[str, object]:
        return {
            "uid": self.uid,
            "title": self.title,
            "type": self.type.value,
            "status": self.status.value,
            "start": self.span.first.isoformat(),
            "end": self.span.last.isoformat(),
            "precision": self.span.precision.value,
            "start_time": self.start_time.isoformat() if self.start_time else None,
            "end_time": self.end_time.isoformat() if self.end_time else None,
            "timezone": self.timezone,
            "participants": [
                {"name": p.name, "role": p.role.value, "title": p.title, "country": p.country_code}
                for p in self.participants
            ],
            "location": self.place.name if self.place else None,
            "country": self.place.country_code if self.place else None,
            "confidence": round(self.confidence, 3),
            "origin": self.origin.value,
            "sequence": self.sequence,
            "created": self.created.isoformat(),
            "updated": self.updated.isoformat(),
            "links": [{"kind": link.kind.value, "uid": link.target_uid} for link in self.links],
            "sources": sorted({e.article_url or e.outlet or "" for e in self.evidence} - {""}),
            "evidence": [
                {"text": e.text, "date_text": e.date_text, "url": e.article_url, "outlet": e.outlet}
                for e in self.evidence
            ],
            "note": self.note,
        }


@dataclass(frozen=True)
class EventFilter:
    """Which events a listing, an export or a feed shows. Empty fields mean 'any'."""

    date_from: date | None = None
    date_to: date | None = None
    countries: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    types: tuple[EventType, ...] = ()
    statuses: tuple[Status, ...] = ()
    min_confidence: float | None = None
    include_deleted: bool = False

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {}
        if self.date_from:
            out["from"] = self.date_from.isoformat()
        if self.date_to:
            out["to"] = self.date_to.isoformat()
        if self.countries:
            out["countries"] = list(self.countries)
        if self.actors:
            out["actors"] = list(self.actors)
        if self.types:
            out["types"] = [t.value for t in self.types]
        if self.statuses:
            out["statuses"] = [s.value for s in self.statuses]
        if self.min_confidence is not None:
            out["min_confidence"] = self.min_confidence
        return out

    @classmethod
    def from_json(cls, data: dict[str, object]) -> EventFilter:
        def seq(key: str) -> list[str]:
            value = data.get(key) or []
            return [str(v) for v in value] if isinstance(value, list) else [str(value)]

        raw_from, raw_to = data.get("from"), data.get("to")
        conf = data.get("min_confidence")
        return cls(
            date_from=date.fromisoformat(str(raw_from)) if raw_from else None,
            date_to=date.fromisoformat(str(raw_to)) if raw_to else None,
            countries=tuple(c.upper() for c in seq("countries")),
            actors=tuple(seq("actors")),
            types=tuple(EventType(t) for t in seq("types")),
            statuses=tuple(Status(s) for s in seq("statuses")),
            min_confidence=float(str(conf)) if conf is not None else None,
        )


@dataclass(frozen=True)
class Feed:
    name: str
    token: str
    filter: EventFilter
    created: datetime


@dataclass(frozen=True)
class Revision:
    event_uid: str
    field: str
    old: str | None
    new: str | None
    at: datetime
    by: str


@dataclass(frozen=True)
class StoredArticle:
    id: int
    content_hash: str
    text: str
    language: str | None
    published: date | None
    reference: date | None
    reference_source: ReferenceSource
    url: str | None
    outlet: str | None
    title: str | None
    created: datetime
