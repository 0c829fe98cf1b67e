"""Review queue: low-confidence extracted events and articles without a reference date, each one click from fixed."""

from __future__ import annotations

import data
import streamlit as st
import ui

from tracker.errors import TrackerError

st.title("Review queue")

st.subheader("Events the extraction is unsure of")
threshold = st.slider("Confidence below", 0.1, 1.0, data.REVIEW_CONFIDENCE, 0.05, key="rv_threshold")
queue = data.event_page(max_confidence=threshold, limit=100)
st.caption(f"{queue.total:,} events below {threshold:.2f}" + (" · the first 100 shown" if queue.total > 100 else ""))
if not queue.rows:
    st.success("Nothing to review.")
for row in queue.rows:
    with st.container(border=True):
        text, confirm, reject = st.columns([8, 1, 1])
        with text:
            ui.event_link(row.uid, f"{ui.label(row)} · {row.type.value} · {row.status.value}")
            st.caption(f"confidence {row.confidence:.2f} · {', '.join(row.participants) or 'no participants'}"
                       + (f" · {row.place}" if row.place else "")
                       + (f" · {', '.join(row.outlets)}" if row.outlets else ""))
        if confirm.button("Confirm", key=f"rv_ok_{row.uid}", type="primary"):
            data.confirm_event(row.uid)
            st.rerun()
        if reject.button("Reject", key=f"rv_no_{row.uid}"):
            data.reject_event(row.uid)
            st.rerun()

st.subheader("Articles without a reference date")
st.caption("Their relative dates (“on Friday”, “next week”) could not be anchored. Give the date the article "
           "was written and its events are extracted again.")
missing = data.articles(without_reference=True)
if not missing:
    st.success("Every article has a reference date.")
for article in missing:
    with st.container(border=True):
        st.markdown(f"**{article.title or f'Article {article.id}'}** · {article.outlet or 'unknown outlet'} · "
                    f"language {article.language or '?'}" + (f" · {article.url}" if article.url else ""))
        left, right = st.columns([3, 2])
        day = left.date_input("Reference date", value=article.published or data.today(), key=f"rv_day_{article.id}")
        right.write("")
        if right.button("Set reference date", key=f"rv_set_{article.id}", type="primary"):
            try:
                result = data.set_reference(article.id, day)
            except TrackerError as exc:
                st.error(str(exc))
            else:
                st.success(f"Article {article.id} anchored to {day}: {len(result.created)} events created, "
                           f"{len(result.merged)} merged.")
