"""Store stage: the relational schema as SQLAlchemy 2 typed models (the only place tables are declared)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Annotated, Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Named constraints so Alembic can drop them on SQLite (batch mode) and PostgreSQL alike.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out; SQLite stores them naive, so convert on the way."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


intpk = Annotated[int, mapped_column(Integer, primary_key=True)]
utc = Annotated[datetime, mapped_column(UTCDateTime())]
code = Annotated[str, mapped_column(String(32))]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[str]: JSON, date: Date, time: Time}


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[intpk]
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(200))
    language: Mapped[str | None] = mapped_column(String(8))
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, deferred=True)  # big: loaded only when asked
    published: Mapped[date | None]
    reference_date: Mapped[date | None]
    reference_source: Mapped[code]  # metadata | dateline | person | none
    reference_text: Mapped[str | None] = mapped_column(Text)
    source_path: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[utc]


class PlaceRow(Base):
    __tablename__ = "places"
    __table_args__ = (UniqueConstraint("name", "country_code", name="uq_places_name_country"),)

    id: Mapped[intpk]
    name: Mapped[str] = mapped_column(String(200))
    country_code: Mapped[str | None] = mapped_column(String(2))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)


class ActorRow(Base):
    __tablename__ = "actors"
    __table_args__ = (UniqueConstraint("name", "kind", name="uq_actors_name_kind"),)

    id: Mapped[intpk]
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[code]  # person | organisation | country
    country_code: Mapped[str | None] = mapped_column(String(2))
    aliases: Mapped[list[ActorAliasRow]] = relationship(
        back_populates="actor", cascade="all, delete-orphan", lazy="selectin"
    )


class ActorAliasRow(Base):
    __tablename__ = "actor_aliases"
    __table_args__ = (UniqueConstraint("actor_id", "alias", name="uq_actor_aliases_actor_alias"),)

    id: Mapped[intpk]
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(200), index=True)
    actor: Mapped[ActorRow] = relationship(back_populates="aliases")


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (Index("ix_events_dates", "start_date", "end_date"),)

    id: Mapped[intpk]
    uid: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(Text)
    type: Mapped[code]
    status: Mapped[code]
    start_date: Mapped[date]
    end_date: Mapped[date]  # inclusive
    precision: Mapped[code]
    start_time: Mapped[time | None]
    end_time: Mapped[time | None]
    timezone: Mapped[str | None] = mapped_column(String(64))
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id", ondelete="SET NULL"))
    confidence: Mapped[float] = mapped_column(Float)
    origin: Mapped[code]  # extracted | manual | calendar
    external_uid: Mapped[str | None] = mapped_column(String(300), unique=True)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    manual_fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    note: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[utc]
    updated_at: Mapped[utc]
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    place: Mapped[PlaceRow | None] = relationship(lazy="joined")
    roles: Mapped[list[EventActorRow]] = relationship(
        back_populates="event", cascade="all, delete-orphan", lazy="selectin", order_by="EventActorRow.position"
    )
    mentions: Mapped[list[MentionRow]] = relationship(
        back_populates="event", cascade="all, delete-orphan", lazy="selectin", order_by="MentionRow.id"
    )
    links: Mapped[list[EventLinkRow]] = relationship(
        foreign_keys="EventLinkRow.event_id", cascade="all, delete-orphan", lazy="selectin"
    )


class EventActorRow(Base):
    __tablename__ = "event_actors"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[code]  # host | guest | participant
    title: Mapped[str | None] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)

    event: Mapped[EventRow] = relationship(back_populates="roles")
    actor: Mapped[ActorRow] = relationship(lazy="joined")


class MentionRow(Base):
    """Evidence: where in which article the event is stated, and the date expression that dated it."""

    __tablename__ = "mentions"

    id: Mapped[intpk]
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    date_text: Mapped[str | None] = mapped_column(Text)
    date_value: Mapped[str | None] = mapped_column(String(64))
    rule: Mapped[str | None] = mapped_column(String(120))

    event: Mapped[EventRow] = relationship(back_populates="mentions")
    article: Mapped[ArticleRow] = relationship(lazy="joined")


class EventLinkRow(Base):
    __tablename__ = "event_links"
    __table_args__ = (UniqueConstraint("event_id", "target_id", "kind", name="uq_event_links_triple"),)

    id: Mapped[intpk]
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    kind: Mapped[code]  # follow_up_of | part_of

    target: Mapped[EventRow] = relationship(foreign_keys=[target_id], lazy="joined")


class FeedRow(Base):
    __tablename__ = "feeds"

    id: Mapped[intpk]
    name: Mapped[str] = mapped_column(String(200), unique=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    filter: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[utc]


class RevisionRow(Base):
    __tablename__ = "revisions"

    id: Mapped[intpk]
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(64))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    changed_at: Mapped[utc]
    changed_by: Mapped[str] = mapped_column(String(200))  # "person:<name>" or "extraction:<article>"


class StateRow(Base):
    """One row: a counter bumped by every write, so readers (feeds) can cache until it moves."""

    __tablename__ = "state"

    id: Mapped[intpk]
    changes: Mapped[int] = mapped_column(Integer, default=0)
    changed_at: Mapped[utc]
