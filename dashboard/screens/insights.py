"""Insights: events per month by type, and who meets whom as a network (both aggregated in the store)."""

from __future__ import annotations

import math

import altair as alt
import data
import pandas as pd
import streamlit as st
import ui

st.title("Insights")
flt = ui.event_filter("insights")

st.subheader("Events per month, by type")
months = data.events_per_month(flt)
if months:
    frame = pd.DataFrame([{"month": pd.Timestamp(m.month), "type": m.type.value, "events": m.count} for m in months])
    chart = alt.Chart(frame).mark_bar().encode(
        x=alt.X("yearmonth(month):O", title=None, axis=alt.Axis(format="%b %Y", labelAngle=-45)),
        y=alt.Y("sum(events):Q", title="events"),
        color=alt.Color("type:N", title="type"), tooltip=["yearmonth(month):T", "type:N", "sum(events):Q"],
    ).properties(height=300)
    st.altair_chart(chart, width="stretch", key="in_months")
else:
    st.info("No events yet.")

st.subheader("Who meets whom")
limit = st.slider("Strongest links", 5, 200, 40, 5, key="in_pairs")
pairs = data.meeting_pairs(flt, limit)
if pairs:
    names = sorted({p.first for p in pairs} | {p.second for p in pairs})
    weight = {n: sum(p.count for p in pairs if n in (p.first, p.second)) for n in names}
    # Actors on a circle, the busiest first; edges as lines whose width is the number of shared events.
    order = sorted(names, key=lambda n: (-weight[n], n))
    spot = {n: (math.cos(2 * math.pi * i / len(order)), math.sin(2 * math.pi * i / len(order)))
            for i, n in enumerate(order)}
    nodes = pd.DataFrame([{"actor": n, "x": spot[n][0], "y": spot[n][1], "events": weight[n]} for n in order])
    edges = pd.DataFrame([
        {"pair": f"{p.first} – {p.second}", "x": spot[p.first][0], "y": spot[p.first][1],
         "x2": spot[p.second][0], "y2": spot[p.second][1], "shared": p.count}
        for p in pairs
    ])
    axis = alt.Axis(labels=False, ticks=False, grid=False, domain=False, title=None)
    scale = alt.Scale(domain=[-1.5, 1.5])
    lines = alt.Chart(edges).mark_rule(color="#90a4ae").encode(
        x=alt.X("x:Q", axis=axis, scale=scale), y=alt.Y("y:Q", axis=axis, scale=scale), x2="x2:Q", y2="y2:Q",
        strokeWidth=alt.StrokeWidth("shared:Q", scale=alt.Scale(range=[1, 8]), legend=None),
        tooltip=["pair:N", "shared:Q"],
    )
    dots = alt.Chart(nodes).mark_circle(color="#1565c0").encode(
        x="x:Q", y="y:Q", size=alt.Size("events:Q", scale=alt.Scale(range=[60, 600]), legend=None),
        tooltip=["actor:N", "events:Q"],
    )
    words = alt.Chart(nodes).mark_text(dy=-14, fontSize=11).encode(x="x:Q", y="y:Q", text="actor:N")
    st.altair_chart(alt.layer(lines, dots, words).properties(height=520), width="stretch", key="in_network")
    st.caption("Each line joins two actors who took part in the same events; the wider, the more events.")
    st.dataframe(pd.DataFrame([{"actor": p.first, "met": p.second, "shared events": p.count} for p in pairs]),
                 hide_index=True, width="stretch")
else:
    st.info("No two actors share an event yet.")
