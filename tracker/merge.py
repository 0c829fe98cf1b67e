"""Merge stage: is a new draft the same real event as one already stored, and what changes if so.

Input: an `EventDraft` and candidate `Event`s (those the store found near its dates).
Output: a `MergeDecision` that says which event and why, and the field changes to apply.
Pure: no store access. Deterministic: candidates are ranked by score, then by uid.
Fields a person edited (`Event.manual_fields`) are never changed by extraction.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from anyascii import anyascii

from tracker.extract.entities import same_name
from tracker.model import DateSpan, Event, EventDraft, EventType, Origin, Participant, Precision, Status

UID_NAMESPACE = uuid.UUID("5d1b4a8e-8f0a-4c57-9d5e-7c1f1e3a9b20")
UID_DOMAIN = "tracker"

# Types a reporter may use interchangeably for one gathering.
TYPE_FAMILIES: tuple[frozenset[EventType], ...] = (
    frozenset({EventType.MEETING, EventType.TALKS, EventType.VISIT, EventType.PHONE_CALL}),
    frozenset({EventType.SESSION, EventType.CONFERENCE, EventType.SUMMIT, EventType.MEETING}),
)
PRECISION_RANK = {Precision.DAY: 0, Precision.WEEK: 1, Precision.MONTH: 2, Precision.YEAR: 3}
# How far a status has advanced: a later report may move an event forward, never back.
STATUS_RANK = {Status.SCHEDULED: 0, Status.POSTPONED: 1, Status.CANCELLED: 2, Status.HELD: 3}
MERGE_THRESHOLD = 3.0


def make_uid(origin: Origin, key: str) -> str:
    """A stable, globally unique UID: the same origin and key always give the same UID."""
    return f"{uuid.uuid5(UID_NAMESPACE, f'{origin.value}:{key}')}@{UID_DOMAIN}"


def draft_key(draft: EventDraft, article_hash: str | None) -> str:
    """What identifies an extracted draft: its article and first evidence, or its content."""
    if draft.external_uid:
        return draft.external_uid
    first = draft.evidence[0].start if draft.evidence else 0
    return f"{article_hash or ''}:{first}:{draft.type.value}:{draft.span.first.isoformat()}"


def name_key(name: str) -> str:
    """A script- and accent-independent key for a participant name (its last word)."""
    words = re.findall(r"\w+", anyascii(name).lower())
    return words[-1] if words else ""


@dataclass(frozen=True)
class MergeDecision:
    event: Event
    score: float
    reasons: tuple[str, ...]

    def explain(self) -> str:
        return "; ".join(self.reasons)


def compatible_types(a: EventType, b: EventType) -> bool:
    return a == b or any(a in fam and b in fam for fam in TYPE_FAMILIES)


def near(a: DateSpan, b: DateSpan, slack_days: int = 1) -> bool:
    return a.first - timedelta(days=slack_days) <= b.last and b.first - timedelta(days=slack_days) <= a.last


def score_pair(draft: EventDraft, event: Event) -> tuple[float, list[str]]:
    """How strongly the draft and the event look like one real event, with the reasons."""
    reasons: list[str] = []
    if not near(draft.span, event.span):
        return 0.0, ["dates do not overlap"]
    if not compatible_types(draft.type, event.type):
        return 0.0, [f"types differ ({draft.type.value} vs {event.type.value})"]
    score = 1.0
    reasons.append(f"dates overlap ({draft.span.describe()} / {event.span.describe()})")
    if draft.type == event.type:
        score += 1.0
        reasons.append(f"same type ({draft.type.value})")
    shared = sorted({name_key(p.name) for p in draft.participants if known(p.name, event.participants)})
    if shared:
        score += 1.5 * len(shared)
        reasons.append("shared participants: " + ", ".join(shared))
    elif draft.participants and event.participants:
        score -= 1.0
        reasons.append("no participant in common")
    if draft.place and event.place:
        if name_key(draft.place.name) == name_key(event.place.name):
            score += 1.0
            reasons.append(f"same place ({event.place.name})")
        elif draft.place.country_code and draft.place.country_code != event.place.country_code:
            score -= 2.0
            reasons.append("places in different countries")
    return score, reasons


def find_same_event(draft: EventDraft, candidates: Sequence[Event]) -> MergeDecision | None:
    """The stored event that this draft reports again, if any clears the threshold."""
    best: MergeDecision | None = None
    for event in sorted(candidates, key=lambda e: e.uid):
        if event.deleted is not None:
            continue
        score, reasons = score_pair(draft, event)
        if score >= MERGE_THRESHOLD and (best is None or score > best.score):
            best = MergeDecision(event, score, tuple(reasons))
    return best


def plan_update(event: Event, draft: EventDraft) -> dict[str, object]:
    """Field changes that a new report of `event` justifies; manual fields are left alone."""
    changes: dict[str, object] = {}
    if STATUS_RANK[draft.status] > STATUS_RANK[event.status]:
        changes["status"] = draft.status
    finer = PRECISION_RANK[draft.span.precision] < PRECISION_RANK[event.span.precision]
    held_now = draft.status is Status.HELD and event.status is not Status.HELD
    inside = event.span.first <= draft.span.first and draft.span.last <= event.span.last
    # "opened on Monday" dates the start of a scheduled 16–18 February session, not the whole
    # of it: a report inside the known span keeps the span; one outside it means the dates moved.
    moved = held_now and draft.span.precision is event.span.precision and not inside
    if draft.span != event.span and (finer or moved):
        changes["span"] = draft.span
    if event.place is None and draft.place is not None:
        changes["place"] = draft.place
    if draft.start_time and not event.start_time:
        changes["start_time"] = draft.start_time
        if draft.timezone:
            changes["timezone"] = draft.timezone
    if draft.confidence > event.confidence:
        changes["confidence"] = draft.confidence
    extra = tuple(p for p in draft.participants if not known(p.name, event.participants))
    if extra:
        changes["participants"] = event.participants + extra
    return {k: v for k, v in changes.items() if k not in event.manual_fields and not _covered(k, event)}


def _covered(field: str, event: Event) -> bool:
    """A span edit by a person also protects its parts."""
    return field == "span" and bool({"start", "end", "precision"} & event.manual_fields)


def known(name: str, people: Sequence[Participant]) -> bool:
    """Is `name` one of `people`, in whatever script or spelling (Путин, پوتین, Putin)?"""
    return any(p.name == name or same_name(p.name, name) for p in people)


def merge_participants(a: Sequence[Participant], b: Sequence[Participant]) -> tuple[Participant, ...]:
    return tuple(a) + tuple(p for p in b if not known(p.name, a))
