"""Add a follow-up: a new event linked to an existing one, prefilled from it and validated.

Written at once with `Store.add_event(follows=parent)`, so it is on the timeline and in every
subscribed feed on their next read.
"""

from __future__ import annotations

import data
import streamlit as st
import ui

from tracker.articles import parse_day
from tracker.errors import TrackerError
from tracker.model import DateSpan, EventDraft, EventType, Participant, Place, Precision, Status

st.title("Add a follow-up")

search = st.text_input("Find the event this follows", key="fu_search", placeholder="title, participant or place")
found = data.event_page(search=search, limit=300, descending=True)
labels = {row.uid: ui.label(row) for row in found.rows}
wanted = ui.chosen_uid()
if wanted and wanted not in labels:
    try:
        parent_event = data.get_event(wanted)
        labels = {wanted: f"{parent_event.title} — {parent_event.span.describe()}", **labels}
    except TrackerError:
        wanted = None
if not labels:
    st.info("No event to follow up yet: ingest an article or add an event first.")
    st.stop()
options = list(labels)
parent_uid = st.selectbox("Parent event", options, index=options.index(wanted) if wanted in options else 0,
                          format_func=lambda uid: labels[uid], key=f"fu_parent_{wanted}")
parent = data.get_event(parent_uid)
st.caption(f"Follows **{parent.title}** ({parent.span.describe()}, {parent.type.value}, {parent.status.value})"
           + (f" at {parent.place.name}" if parent.place else ""))

names = [p.name for p in parent.participants]
types = [t.value for t in EventType]
statuses = [s.value for s in Status]
with st.form(f"fu_form_{parent_uid}"):
    title = st.text_input("Title", key="fu_title", placeholder=f"e.g. Follow-up to: {parent.title}")
    left, middle, right = st.columns(3)
    start_text = left.text_input("Start (YYYY-MM-DD)", key="fu_start", placeholder="2026-03-02")
    end_text = middle.text_input("End (YYYY-MM-DD, optional)", key="fu_end", placeholder="same as start")
    precision = right.selectbox("Date known to the", [p.value for p in Precision], key="fu_precision")
    left, right = st.columns(2)
    kind = left.selectbox("Type", types, index=types.index(parent.type.value), key="fu_type")
    status = right.selectbox("Status", statuses, index=statuses.index(Status.SCHEDULED.value), key="fu_status")
    kept = st.multiselect("Participants (from the parent event)", names, default=names, key="fu_people")
    more = st.text_input("More participants (comma-separated)", key="fu_more")
    place_name = st.text_input("Place", value=parent.place.name if parent.place else "", key="fu_place")
    note = st.text_area("Note", key="fu_note")
    submitted = st.form_submit_button("Add follow-up", type="primary")

if submitted:
    errors: list[str] = []
    if not title.strip():
        errors.append("A title is required.")
    start = end = None
    try:
        start = parse_day(start_text.strip(), "start date")
        if start is None:
            errors.append("A start date is required (YYYY-MM-DD).")
    except TrackerError as exc:
        errors.append(f"Start: {exc}.")
    try:
        end = parse_day(end_text.strip(), "end date")
    except TrackerError as exc:
        errors.append(f"End: {exc}.")
    if start and end and end < start:
        errors.append(f"The end ({end}) is before the start ({start}).")
    if errors:
        for message in errors:
            st.error(message)
    else:
        assert start is not None
        people = [p for p in parent.participants if p.name in kept]
        people += [Participant(name=n.strip()) for n in more.split(",") if n.strip() and n.strip() not in kept]
        place = (parent.place if parent.place and place_name.strip() == parent.place.name
                 else Place(place_name.strip()) if place_name.strip() else None)
        draft = EventDraft(
            title=title.strip(), type=EventType(kind), status=Status(status),
            span=DateSpan(start, end or start, Precision(precision)), participants=tuple(people), place=place,
            confidence=1.0, note=note.strip() or None,
        )
        try:
            event = data.add_follow_up(parent_uid, draft)
        except TrackerError as exc:
            st.error(str(exc))
        else:
            st.success(f"Added “{event.title}” ({event.span.describe()}) as a follow-up of “{parent.title}”. "
                       "It is on the timeline and in the subscribed feeds now.")
            ui.event_link(event.uid, "Open the new event")
