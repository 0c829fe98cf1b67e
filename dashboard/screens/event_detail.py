"""Event detail: sources with the evidence highlighted, participants, place, follow-ups, history; corrections."""

from __future__ import annotations

import html

import data
import pandas as pd
import streamlit as st
import ui

from tracker.articles import parse_day
from tracker.errors import TrackerError
from tracker.model import Event, EventType, LinkKind, Place, Precision, Status

st.title("Event detail")

uid = ui.chosen_uid()
with st.expander("Choose another event", expanded=uid is None):
    search = st.text_input("Find an event", key="ed_search", placeholder="title, participant or place")
    found = data.event_page(search=search, limit=300, descending=True)
    labels = {r.uid: ui.label(r) for r in found.rows}
    picked = st.selectbox("Event", list(labels), index=None, format_func=lambda u: labels[u], key="ed_pick",
                          placeholder="pick an event")
    if picked and picked != uid:
        ui.remember(picked)
        st.rerun()
if uid is None:
    st.info("Pick an event above, or open one from the Timeline or the Events table." if labels
            else "No events yet: ingest an article or add an event.")
    st.stop()
try:
    event = data.get_event(uid)
except TrackerError as exc:
    st.error(f"{exc}. Pick another event on the Events page.")
    st.stop()
ui.remember(event.uid)

st.header(event.title)
if event.deleted is not None:
    st.warning(f"Removed on {event.deleted:%-d %B %Y}: subscribed calendars show it as removed for a while.")
facts = st.columns(5)
facts[0].metric("Status", f"{ui.STATUS_ICONS[event.status]} {event.status.value}")
facts[1].metric("Type", event.type.value)
facts[2].metric("Confidence", f"{event.confidence:.2f}")
facts[3].metric("Origin", event.origin.value)
facts[4].metric("Sequence", event.sequence)
when = event.span.describe()
if event.start_time:
    when += f", {event.start_time:%H:%M}" + (f" ({event.timezone})" if event.timezone else "")
st.markdown(f"**When:** {when}  \n**Where:** {event.place.name if event.place else 'unknown'}  \n"
            f"**UID:** `{event.uid}`" + (f"  \n**Note:** {event.note}" if event.note else ""))

people, where = st.columns([3, 2])
with people:
    st.subheader("Participants")
    if event.participants:
        st.dataframe(pd.DataFrame([{"name": p.name, "role": p.role.value, "title": p.title or "",
                                    "country": p.country_code or "", "kind": p.kind.value}
                                   for p in event.participants]), hide_index=True, width="stretch")
    else:
        st.caption("No participants recorded.")
with where:
    st.subheader("Place")
    spot = data.coordinates(event.place)
    if spot:
        st.map(pd.DataFrame({"lat": [spot[0]], "lon": [spot[1]]}), zoom=4, height=220)
    else:
        st.caption("No coordinates for this place." if event.place else "No place recorded.")


def highlighted(text: str, start: int, end: int) -> str:
    """The article with the evidence marked; a quote whose offsets no longer fit is searched for."""
    return (html.escape(text[:start]) + "<mark style='background:#ffe082'>" + html.escape(text[start:end])
            + "</mark>" + html.escape(text[end:])).replace("\n", "<br>")


st.subheader("Sources")
sources = data.sources(event)
if not sources:
    st.caption("Added by hand or imported from a calendar: no article evidence.")
for number, source in enumerate(sources, 1):
    article = source.article
    name = (article.outlet or article.url or article.title or "article") if article else "article"
    with st.expander(f"{number}. {name} — “{source.quote[:90]}”", expanded=number == 1):
        if article:
            ref = article.reference.isoformat() if article.reference else "none"
            st.caption(f"{article.title or ''} · language {article.language or '?'} · published "
                       f"{article.published or 'unknown'} · reference date {ref} ({article.reference_source.value})"
                       + (f" · {article.url}" if article.url else "") + f" · date words: “{source.date_text or '—'}”")
        text = source.text
        start, end = source.start, source.end
        if text[start:end] != source.quote and source.quote in text:
            start = text.index(source.quote)
            end = start + len(source.quote)
        if text:
            st.markdown(f"<div style='max-height:320px;overflow:auto'>{highlighted(text, start, end)}</div>",
                        unsafe_allow_html=True)
        else:
            st.markdown(f"> {source.quote}")


def chain(event: Event) -> tuple[list[str], list[Event]]:
    parents = [link.target_uid for link in event.links if link.kind is LinkKind.FOLLOW_UP_OF]
    return parents, data.follow_ups(event.uid)


st.subheader("Follow-ups")
parents, children = chain(event)
for parent_uid in parents:
    try:
        parent = data.get_event(parent_uid)
        ui.event_link(parent.uid, f"Follows: {parent.title} — {parent.span.describe()}")
    except TrackerError:
        st.caption(f"Follows {parent_uid} (no longer stored)")
for link in event.links:
    if link.kind is LinkKind.PART_OF:
        ui.event_link(link.target_uid, f"Part of: {link.target_uid}")
for child in children:
    ui.event_link(child.uid, f"Followed by: {child.title} — {child.span.describe()} · {child.status.value}")
if not parents and not children:
    st.caption("No follow-ups yet.")
st.page_link(ui.FOLLOW_UP_PAGE, label="Add a follow-up to this event", query_params={"uid": event.uid},
             icon=":material/add_circle:")

st.subheader("Review")
left, middle, _ = st.columns([2, 2, 6])
if left.button("Confirm", key="ed_confirm", type="primary", disabled=event.deleted is not None,
               help="A person vouches for it: confidence 1.0, kept over later extraction."):
    data.confirm_event(event.uid)
    st.toast("Confirmed")
    st.rerun()
if middle.button("Reject", key="ed_reject", disabled=event.deleted is not None,
                 help="A wrong extraction: removed from the timeline; feeds show it as removed for a while."):
    data.reject_event(event.uid)
    st.toast("Rejected")
    st.rerun()

with st.form(f"ed_edit_{event.uid}"):
    st.markdown("**Edit** (what you change here is never overwritten by later extraction)")
    types, statuses, precisions = [t.value for t in EventType], [s.value for s in Status], [p.value for p in Precision]
    title = st.text_input("Title", value=event.title, key="ed_title")
    a, b, c = st.columns(3)
    start_text = a.text_input("Start", value=event.span.first.isoformat(), key="ed_start")
    end_text = b.text_input("End", value=event.span.last.isoformat(), key="ed_end")
    precision = c.selectbox("Date known to the", precisions, index=precisions.index(event.span.precision.value),
                            key="ed_precision")
    a, b, c = st.columns(3)
    kind = a.selectbox("Type", types, index=types.index(event.type.value), key="ed_type")
    status = b.selectbox("Status", statuses, index=statuses.index(event.status.value), key="ed_status")
    place = c.text_input("Place", value=event.place.name if event.place else "", key="ed_place")
    note = st.text_area("Note", value=event.note or "", key="ed_note")
    save = st.form_submit_button("Save changes")
if save:
    changes: dict[str, object] = {}
    try:
        first, last = parse_day(start_text.strip(), "start date"), parse_day(end_text.strip(), "end date")
        if first is None or last is None:
            raise TrackerError("start and end dates are required (YYYY-MM-DD)")
        if (first, last, precision) != (event.span.first, event.span.last, event.span.precision.value):
            changes.update(start=first, end=last, precision=precision)
        for key, new, old in (("title", title.strip(), event.title), ("type", kind, event.type.value),
                              ("status", status, event.status.value), ("note", note.strip() or None, event.note)):
            if new != old:
                changes[key] = new
        if place.strip() != (event.place.name if event.place else ""):
            changes["place"] = Place(place.strip()) if place.strip() else None
        if changes:
            data.update_event(event.uid, changes)
    except TrackerError as exc:
        st.error(str(exc))
    else:
        if changes:
            st.success("Saved: " + ", ".join(sorted(changes)))
            st.rerun()
        else:
            st.info("Nothing changed.")

with st.expander("Link or merge with another event"):
    search = st.text_input("Find the other event", key="ed_link_search")
    others = [r for r in data.event_page(search=search, limit=200, descending=True).rows if r.uid != event.uid]
    if others:
        labels = {r.uid: ui.label(r) for r in others}
        target = st.selectbox("Other event", list(labels), format_func=lambda u: labels[u], key="ed_link_target")
        how = st.radio("This event is", ["a follow-up of it", "part of it"], key="ed_link_kind", horizontal=True)
        link_col, merge_col, _ = st.columns([2, 3, 5])
        if link_col.button("Link", key="ed_link"):
            kind_of = LinkKind.FOLLOW_UP_OF if how.startswith("a follow-up") else LinkKind.PART_OF
            try:
                data.link_events(event.uid, target, kind_of)
            except TrackerError as exc:
                st.error(str(exc))
            else:
                st.success("Linked")
                st.rerun()
        if merge_col.button("Merge it into this event", key="ed_merge",
                            help="The same real event reported twice: its evidence and participants move here "
                                 "and it is removed (feeds show it as removed for a while)."):
            try:
                data.merge_events(event.uid, target)
            except TrackerError as exc:
                st.error(str(exc))
            else:
                st.success("Merged")
                st.rerun()
    else:
        st.caption("No other event matches.")

splittable = [s for s in sources if s.mention_id is not None]
if len(splittable) > 1:
    with st.expander("Split a wrong merge"):
        names = {s.mention_id: f"{(s.article.outlet if s.article else None) or 'article'}: “{s.quote[:80]}”"
                 for s in splittable}
        chosen = st.multiselect("Evidence that belongs to another event", list(names),
                                format_func=lambda m: names[m], key="ed_split_pick")
        if st.button("Split off as a new event", key="ed_split", disabled=not chosen):
            try:
                split_off = data.split_event(event.uid, [m for m in chosen if m is not None])
            except TrackerError as exc:
                st.error(str(exc))
            else:
                st.success(f"Split off “{split_off.title}” ({split_off.uid}); edit it to say what it really is.")
                ui.event_link(split_off.uid, "Open the new event")

st.subheader("History")
revisions = data.revisions(event.uid)
st.dataframe(pd.DataFrame([{"when": r.at.strftime("%Y-%m-%d %H:%M"), "field": r.field, "from": r.old or "",
                            "to": r.new or "", "by": r.by} for r in revisions]), hide_index=True, width="stretch")
