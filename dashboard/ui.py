"""Widgets several pages share: the event filter, event links and labels. Streamlit only, no data access."""

from __future__ import annotations

from collections.abc import Sequence

import data
import streamlit as st

from tracker.model import DateSpan, EventFilter, EventType, Status
from tracker.store.views import EventSummary

DETAIL_PAGE = "screens/event_detail.py"
FOLLOW_UP_PAGE = "screens/follow_up.py"
STATUS_ICONS = {Status.HELD: "●", Status.SCHEDULED: "◆", Status.POSTPONED: "▲", Status.CANCELLED: "✕"}


def event_filter(key: str) -> EventFilter:
    """Country, actor, type, status and confidence pickers (in the sidebar) → an EventFilter."""
    box = st.sidebar.expander("Filter events", expanded=False)
    with box:
        countries = st.multiselect("Country", data.country_codes(), key=f"{key}_countries")
        actors = st.multiselect("Actor", data.actor_names(), key=f"{key}_actors")
        types = st.multiselect("Type", [t.value for t in EventType], key=f"{key}_types")
        statuses = st.multiselect("Status", [s.value for s in Status], key=f"{key}_statuses")
        confidence = st.slider("Minimum confidence", 0.0, 1.0, 0.0, 0.05, key=f"{key}_confidence")
    return EventFilter(
        countries=tuple(countries), actors=tuple(actors), types=tuple(EventType(t) for t in types),
        statuses=tuple(Status(s) for s in statuses), min_confidence=confidence or None,
    )


def when(row: EventSummary) -> str:
    """The dates in words, honest about precision (as the calendars describe them)."""
    return DateSpan(row.first, row.last, row.precision).describe()


def label(row: EventSummary) -> str:
    return f"{STATUS_ICONS[row.status]} {row.title} — {when(row)}"


def event_link(uid: str, text: str) -> None:
    st.page_link(DETAIL_PAGE, label=text, query_params={"uid": uid}, icon=":material/open_in_new:")


def event_links(rows: Sequence[EventSummary]) -> None:
    for row in rows:
        event_link(row.uid, f"{label(row)} · {row.status.value}")


def chosen_uid(key: str = "uid") -> str | None:
    """The event a page was opened for: ?uid=... in the URL, else the last one picked."""
    uid = st.query_params.get(key) or st.session_state.get("event_uid")
    return str(uid) if uid else None


def remember(uid: str) -> None:
    st.session_state["event_uid"] = uid
    st.query_params["uid"] = uid
