"""Events: a searchable, filterable table; the current selection exports to .ics and CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import data
import pandas as pd
import streamlit as st
import ui

from tracker.model import EventFilter
from tracker.store.views import EventSummary

SHOWN = 2000  # rows sent to the browser; exports take every match

st.title("Events")
flt = ui.event_filter("events")
top = st.columns([4, 2, 2, 3])
search = top[0].text_input("Search", key="ev_search", placeholder="title, participant, place or uid")
date_from = top[1].date_input("From", value=None, key="ev_from")
date_to = top[2].date_input("To", value=None, key="ev_to")
outlets = top[3].multiselect("Source", data.outlet_names(), key="ev_outlets")
flt = replace(flt, date_from=date_from or None, date_to=date_to or None)

page = data.event_page(flt, search=search, outlets=outlets, limit=SHOWN)
shown = len(page.rows)
st.caption(f"{page.total:,} events match" + (f" · showing the first {shown:,}" if page.total > shown else ""))


def frame(rows: tuple[EventSummary, ...]) -> pd.DataFrame:
    return pd.DataFrame({
        "start": [r.first for r in rows], "end": [r.last for r in rows],
        "precision": [r.precision.value for r in rows], "title": [r.title for r in rows],
        "type": [r.type.value for r in rows], "status": [r.status.value for r in rows],
        "countries": [", ".join(r.countries) for r in rows],
        "participants": ["; ".join(r.participants) for r in rows], "place": [r.place or "" for r in rows],
        "source": [", ".join(r.outlets) for r in rows], "confidence": [round(r.confidence, 2) for r in rows],
        "origin": [r.origin.value for r in rows], "uid": [r.uid for r in rows],
    })


def selection(f: EventFilter) -> list[EventSummary]:
    return list(data.event_page(f, search=search, outlets=outlets, limit=None).rows)


def as_csv() -> bytes:
    buf = io.StringIO()
    table = frame(tuple(selection(flt)))
    writer = csv.writer(buf)
    writer.writerow(table.columns)
    writer.writerows(table.astype(str).itertuples(index=False))
    return buf.getvalue().encode("utf-8")


def as_ics() -> bytes:
    return data.calendar_bytes(flt, uids=[r.uid for r in selection(flt)])


left, right, _ = st.columns([2, 2, 6])
left.download_button("Export .ics", data=as_ics, file_name="events.ics", mime="text/calendar", key="ev_ics",
                     on_click="ignore", disabled=page.total == 0)
right.download_button("Export CSV", data=as_csv, file_name="events.csv", mime="text/csv", key="ev_csv",
                      on_click="ignore", disabled=page.total == 0)

if page.total:
    picked = st.dataframe(
        frame(page.rows), hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
        key="ev_table",
        column_config={
            "confidence": st.column_config.ProgressColumn("confidence", min_value=0.0, max_value=1.0, format="%.2f"),
            "uid": st.column_config.TextColumn("uid", width="small"),
        },
    )
    rows = picked.selection.rows if picked else []
    if rows:
        row = page.rows[rows[0]]
        ui.event_link(row.uid, f"Open “{row.title}”")
    else:
        st.caption("Select a row to open the event.")
else:
    st.info("No event matches. Clear the search or the filters in the sidebar.")
