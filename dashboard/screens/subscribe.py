"""Subscribe: the feed links of the running feed server, saved filtered feeds, and .ics downloads."""

from __future__ import annotations

import data
import streamlit as st

from tracker.errors import TrackerError
from tracker.model import EventFilter, EventType, Feed, Status

st.title("Subscribe")
cfg = data.settings()


def links(token: str | None, key: str, name: str) -> None:
    https, webcal = cfg.feed_url(token), cfg.webcal_url(token)
    st.markdown(f"Feed URL: [{https}]({https})")
    st.code(https, language=None)
    st.code(webcal, language=None)
    left, right = st.columns(2)
    left.link_button("Subscribe in a calendar app (webcal)", webcal)
    flt = None
    if token is not None:
        flt = next((f.filter for f in data.feeds() if f.token == token), EventFilter())
    right.download_button("Download .ics", data=lambda: data.calendar_bytes(flt, name=name),
                          file_name=f"{key}.ics", mime="text/calendar", key=f"dl_{key}", on_click="ignore")


st.subheader("Every event")
st.caption("Paste the https link into Google Calendar (“From URL”) or open the webcal link on a phone or in "
           "Apple Calendar / Outlook. Changes made here reach subscribers on their next refresh.")
links(None, "tracker", cfg.calendar_name)


def describe(feed: Feed) -> str:
    parts = [f"{k}: {', '.join(map(str, v)) if isinstance(v, list) else v}" for k, v in feed.filter.to_json().items()]
    return "; ".join(parts) or "every event"


with st.form("add_feed", clear_on_submit=True):
    st.markdown("**Add a saved feed**")
    name = st.text_input("Name", key="feed_name", placeholder="e.g. Iran, scheduled")
    left, right = st.columns(2)
    countries = left.multiselect("Countries", data.country_codes(), key="feed_countries")
    actors = right.multiselect("Actors", data.actor_names(), key="feed_actors")
    types = left.multiselect("Types", [t.value for t in EventType], key="feed_types")
    statuses = right.multiselect("Statuses", [s.value for s in Status], key="feed_statuses")
    confidence = st.slider("Minimum confidence", 0.0, 1.0, 0.0, 0.05, key="feed_confidence")
    if st.form_submit_button("Save feed"):
        flt = EventFilter(countries=tuple(countries), actors=tuple(actors), types=tuple(EventType(t) for t in types),
                          statuses=tuple(Status(s) for s in statuses), min_confidence=confidence or None)
        try:
            added = data.add_feed(name, flt)
        except TrackerError as exc:
            st.error(str(exc))
        else:
            st.success(f"Saved “{added.name}”: {cfg.feed_url(added.token)}")

st.subheader("Saved feeds")
saved = data.feeds()
if not saved:
    st.caption("No saved feeds yet: add one above for a filtered calendar behind its own secret link.")
for feed in saved:
    with st.container(border=True):
        st.markdown(f"**{feed.name}** — {describe(feed)}")
        links(feed.token, f"feed_{feed.token[:8]}", f"{cfg.calendar_name} · {feed.name}")
        if st.button("Remove this feed", key=f"rm_{feed.token[:8]}", help="Its URL stops working at once."):
            data.remove_feed(feed.token)
            st.toast(f"Removed {feed.name}")
            st.rerun()
