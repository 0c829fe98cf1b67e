"""Timeline: the stored events in a date window, one lane per type / status / country pair / actor.

The window is chosen here and queried on the server (`tracker.store.views.timeline`): when more
events fall in it than the chart can show, the server returns per-bucket counts instead, so the
browser never receives 50,000 marks. Inside the window the chart zooms and pans by itself.
"""

from __future__ import annotations

from datetime import date, timedelta

import altair as alt
import data
import pandas as pd
import streamlit as st
import ui

from tracker.model import DateSpan
from tracker.store.views import Lane, Timeline

MAX_ITEMS = int(st.session_state.get("tl_max_items", 1500))  # tests lower it to reach the aggregate view

st.title("Timeline")
flt = ui.event_filter("timeline")
today = data.today()
span = data.date_range()


def default_window() -> tuple[date, date]:
    if span is None:
        return today - timedelta(days=60), today + timedelta(days=60)
    first, last = min(span[0], today), max(span[1], today)
    return first - timedelta(days=7), last + timedelta(days=7)


if "tl_window" not in st.session_state:
    st.session_state["tl_window"] = default_window()
first, last = st.session_state["tl_window"]

controls = st.columns([3, 4, 1, 1, 1, 1, 1])
lane = Lane(controls[0].selectbox("Lanes by", [lane.value for lane in Lane], key="tl_lane"))
picked = controls[1].date_input("Window", value=(first, last), key=f"tl_dates_{first}_{last}")
if isinstance(picked, tuple) and len(picked) == 2 and (picked[0], picked[1]) != (first, last):
    st.session_state["tl_window"] = (picked[0], picked[1])
    st.rerun()
width = (last - first).days
for column, (name, icon, new) in zip(controls[2:], (
    ("earlier", ":material/chevron_left:", (first - timedelta(days=width // 2), last - timedelta(days=width // 2))),
    ("zoom in", ":material/zoom_in:", (first + timedelta(days=width // 4), last - timedelta(days=width // 4))),
    ("zoom out", ":material/zoom_out:", (first - timedelta(days=width // 2), last + timedelta(days=width // 2))),
    ("later", ":material/chevron_right:", (first + timedelta(days=width // 2), last + timedelta(days=width // 2))),
    ("everything", ":material/fit_screen:", default_window()),
), strict=True):
    column.write("")
    if column.button("", icon=icon, key=f"tl_{name.replace(' ', '_')}", help=name) and new[1] > new[0]:
        st.session_state["tl_window"] = new
        st.rerun()

found: Timeline = data.timeline(first, last, lane, flt, MAX_ITEMS)
colours = alt.Scale(domain=list(data.STATUS_COLOURS), range=list(data.STATUS_COLOURS.values()))
shapes = alt.Scale(domain=list(data.STATUS_SHAPES), range=list(data.STATUS_SHAPES.values()))
x_scale = alt.Scale(domain=[pd.Timestamp(first).isoformat(), pd.Timestamp(last + timedelta(days=1)).isoformat()])
today_rule = alt.Chart(pd.DataFrame({"day": [pd.Timestamp(today)], "label": ["today"]})).mark_rule(
    color="#d32f2f", strokeDash=[6, 3], strokeWidth=2).encode(x="day:T")
today_text = alt.Chart(pd.DataFrame({"day": [pd.Timestamp(today)], "label": ["today"]})).mark_text(
    color="#d32f2f", align="right", dx=-4, dy=2, baseline="top").encode(x="day:T", y=alt.value(0), text="label")


def items_chart(found: Timeline) -> alt.LayerChart | alt.FacetChart:
    frame = pd.DataFrame([
        {
            "uid": i.uid, "title": i.title, "lane": i.lane, "status": i.status.value, "type": i.type.value,
            "precision": i.precision.value, "confidence": round(i.confidence, 2),
            "start": pd.Timestamp(i.first), "end": pd.Timestamp(i.last + timedelta(days=1)),
            "mid": pd.Timestamp(i.first) + pd.Timedelta(hours=12),
            "when": DateSpan(i.first, i.last, i.precision).describe(),
            "kind": "point" if i.first == i.last and i.precision.value == "day" else "range",
        }
        for i in found.items
    ])
    lanes = sorted(frame["lane"].unique())
    pick = alt.selection_point(name="pick", fields=["uid"], on="click")
    zoom = alt.selection_interval(name="zoom", bind="scales", encodings=["x"])
    tooltip = ["title:N", "when:N", "status:N", "type:N", "precision:N", "confidence:Q", "lane:N"]
    y = alt.Y("lane:N", title=None, sort=lanes)
    x = alt.X("start:T", title=None, scale=x_scale)
    base = alt.Chart(frame)
    # Ranges: solid when the days are known, pale and dashed when only the week/month is.
    ranges = base.transform_filter(alt.datum.kind == "range").mark_bar(height=14, cornerRadius=3).encode(
        x=x, x2="end:T", y=y,
        color=alt.Color("status:N", scale=colours, title="status"),
        stroke=alt.Stroke("status:N", scale=colours, title="status"),
        strokeDash=alt.StrokeDash("precision:N", legend=None,
                                  scale=alt.Scale(domain=["day", "week", "month", "year"],
                                                  range=[[1, 0], [5, 3], [2, 2], [1, 4]])),
        fillOpacity=alt.condition(alt.datum.precision == "day", alt.value(0.85), alt.value(0.25)),
        strokeWidth=alt.value(2), tooltip=tooltip,
    ).add_params(pick, zoom)
    # Cancelled ranges are also struck through, so status does not rest on colour alone.
    struck = base.transform_filter((alt.datum.kind == "range") & (alt.datum.status == "cancelled")).mark_rule(
        color="#424242", strokeWidth=2).encode(x=x, x2="end:T", y=y, tooltip=tooltip)
    points = base.transform_filter(alt.datum.kind == "point").mark_point(filled=True, size=140).encode(
        x=alt.X("mid:T", scale=x_scale), y=y,
        color=alt.Color("status:N", scale=colours, title="status"),
        shape=alt.Shape("status:N", scale=shapes, title="status"),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.35)), tooltip=tooltip,
    ).add_params(pick)
    return alt.layer(ranges, struck, points, today_rule, today_text).properties(height=60 + 34 * len(lanes))


def buckets_chart(found: Timeline) -> alt.LayerChart | alt.FacetChart:
    frame = pd.DataFrame([
        {"lane": b.lane, "status": b.status.value, "count": b.count, "start": pd.Timestamp(b.first),
         "end": pd.Timestamp(b.last + timedelta(days=1)),
         "when": f"{b.first:%-d %b %Y} – {b.last:%-d %b %Y}"}
        for b in found.buckets
    ])
    lanes = sorted(frame["lane"].unique())
    zoom = alt.selection_interval(name="zoom", bind="scales", encodings=["x"])
    rects = alt.Chart(frame).mark_rect(cornerRadius=2).encode(
        x=alt.X("start:T", title=None, scale=x_scale), x2="end:T",
        y=alt.Y("lane:N", title=None, sort=lanes), yOffset=alt.YOffset("status:N", sort=list(data.STATUS_COLOURS)),
        color=alt.Color("status:N", scale=colours, title="status"),
        opacity=alt.Opacity("count:Q", scale=alt.Scale(type="log", range=[0.3, 1.0]), title="events"),
        tooltip=["lane:N", "status:N", "when:N", "count:Q"],
    ).add_params(zoom)
    return alt.layer(rects, today_rule, today_text).properties(height=60 + 40 * len(lanes))


st.caption(f"{first:%-d %b %Y} – {last:%-d %b %Y} · {found.total:,} events in this window")
if found.total == 0:
    st.info("No events in this window. Zoom out, show everything, or ingest an article.")
elif found.aggregated:
    st.warning(f"{found.total:,} events are too many to draw one by one: counts per {found.granularity} "
               "are shown. Zoom in or pick a shorter window to see single events.")
    st.altair_chart(buckets_chart(found), width="stretch", key="tl_buckets")
else:
    state = st.altair_chart(items_chart(found), width="stretch", on_select="rerun", key="tl_chart",
                            selection_mode="pick")
    chosen = state.selection.get("pick") if state else None
    if chosen:
        uid = str(chosen[0].get("uid"))
        item = next((i for i in found.items if i.uid == uid), None)
        if item is not None:
            with st.container(border=True):
                st.subheader(item.title)
                st.write(f"{DateSpan(item.first, item.last, item.precision).describe()} · {item.type.value} · "
                         f"{item.status.value} · confidence {item.confidence:.2f}")
                ui.event_link(uid, "Open the event")
                st.page_link(ui.FOLLOW_UP_PAGE, label="Add a follow-up", query_params={"uid": uid},
                             icon=":material/add_circle:")
    st.caption("● held  ◆ scheduled  ▲ postponed  ✕ cancelled (struck-through bars) · pale dashed bars: date "
               "known only to the week or month · red line: today · drag to pan, scroll to zoom, click an event "
               "for details")
    if found.total <= 60:
        with st.expander(f"The {found.total} events in this window", expanded=found.total <= 12):
            seen: set[str] = set()
            for i in found.items:
                if i.uid in seen:
                    continue
                seen.add(i.uid)
                ui.event_link(i.uid, f"{ui.STATUS_ICONS[i.status]} {i.title} — "
                                     f"{DateSpan(i.first, i.last, i.precision).describe()} · {i.status.value}")
