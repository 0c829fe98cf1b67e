"""The dashboard's entry point (`streamlit run dashboard/app.py`, or `tracker dashboard`).

One navigation for every page, a sidebar line about the database and the feed, and one error
boundary: a `TrackerError` from any page becomes one readable line, as in the CLI.
"""

from __future__ import annotations

import data
import streamlit as st

from tracker.errors import TrackerError

st.set_page_config(page_title="tracker · diplomatic calendar", page_icon="🗓️", layout="wide")

pages = {
    "Explore": [
        st.Page("screens/timeline.py", title="Timeline", icon=":material/timeline:", default=True),
        st.Page("screens/calendar_view.py", title="Calendar", icon=":material/calendar_month:"),
        st.Page("screens/events.py", title="Events", icon=":material/table_rows:"),
        st.Page("screens/event_detail.py", title="Event detail", icon=":material/article:"),
        st.Page("screens/insights.py", title="Insights", icon=":material/insights:"),
    ],
    "Work": [
        st.Page("screens/follow_up.py", title="Add a follow-up", icon=":material/add_circle:"),
        st.Page("screens/ingest.py", title="Ingest", icon=":material/upload_file:"),
        st.Page("screens/review.py", title="Review queue", icon=":material/rule:"),
        st.Page("screens/actors.py", title="Actors", icon=":material/group:"),
    ],
    "Publish": [
        st.Page("screens/subscribe.py", title="Subscribe", icon=":material/rss_feed:"),
    ],
}

page = st.navigation(pages)
try:
    with st.sidebar:
        st.caption(f"{data.event_count():,} events · feed at {data.settings().feed_url()}")
    page.run()
except TrackerError as exc:
    st.error(str(exc))
