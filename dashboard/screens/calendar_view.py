"""Calendar: month, week and agenda views of the stored events (read through the windowed event table)."""

from __future__ import annotations

import calendar as months
from dataclasses import replace
from datetime import date, timedelta

import data
import streamlit as st
import ui

from tracker.model import Precision
from tracker.store.views import EventSummary

MAX_ROWS = 3000

st.title("Calendar")
flt = ui.event_filter("calendar")
if "cal_anchor" not in st.session_state:
    asked = st.query_params.get("date")  # ?date=2026-02-01 opens that month
    try:
        st.session_state["cal_anchor"] = date.fromisoformat(asked) if asked else data.today()
    except ValueError:
        st.session_state["cal_anchor"] = data.today()
anchor: date = st.session_state["cal_anchor"]

top = st.columns([3, 3, 1, 1, 1])
view = top[0].segmented_control("View", ["month", "week", "agenda"], default="month", key="cal_view") or "month"
picked = top[1].date_input("Go to", value=anchor, key=f"cal_goto_{anchor}")
if picked and picked != anchor:
    st.session_state["cal_anchor"] = picked
    st.rerun()


def shift(step: int) -> date:
    if view == "month":
        y, m = divmod(anchor.year * 12 + anchor.month - 1 + step, 12)
        return date(y, m + 1, 1)
    return anchor + timedelta(days=7 * step if view == "week" else 30 * step)


for column, text, target in ((top[2], "◀", shift(-1)), (top[3], "today", data.today()), (top[4], "▶", shift(1))):
    column.write("")
    if column.button(text, key=f"cal_{text}"):
        st.session_state["cal_anchor"] = target
        st.rerun()

if view == "month":
    first = anchor.replace(day=1)
    last = first.replace(day=months.monthrange(first.year, first.month)[1])
    grid_first = first - timedelta(days=first.weekday())
    grid_last = last + timedelta(days=6 - last.weekday())
elif view == "week":
    grid_first = anchor - timedelta(days=anchor.weekday())
    grid_last = grid_first + timedelta(days=6)
    first, last = grid_first, grid_last
else:
    first, last = anchor, anchor + timedelta(days=59)
    grid_first, grid_last = first, last

page = data.event_page(replace(flt, date_from=grid_first, date_to=grid_last), limit=MAX_ROWS)
rows = list(page.rows)
if page.total > len(rows):
    st.warning(f"{page.total:,} events in this range; the first {len(rows):,} are shown. Use the filters.")


def exact(row: EventSummary) -> bool:
    return row.precision is Precision.DAY


def on(day: date) -> list[EventSummary]:
    return [r for r in rows if exact(r) and r.first <= day <= r.last]


def vague(lo: date, hi: date) -> list[EventSummary]:
    """Events known only to the week or month that may fall in [lo, hi]."""
    return [r for r in rows if not exact(r) and r.first <= hi and r.last >= lo]


def chip(row: EventSummary) -> str:
    return f"{ui.STATUS_ICONS[row.status]} {row.title}"


today = data.today()
if view in ("month", "week"):
    st.subheader(f"{first:%B %Y}" if view == "month" else f"Week of {grid_first:%-d %B %Y}")
    heads = st.columns(7)
    for i, name in enumerate(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]):
        heads[i].markdown(f"**{name}**")
    week = grid_first
    while week <= grid_last:
        unsure = vague(week, week + timedelta(days=6))
        if unsure:
            st.caption("Sometime this week or month: " + " · ".join(
                f"{chip(r)} ({ui.when(r)})" for r in unsure))
        cells = st.columns(7, border=True)
        for i in range(7):
            day = week + timedelta(days=i)
            with cells[i]:
                faded = view == "month" and day.month != first.month
                if day == today:
                    st.markdown(f":red-background[**{day.day} · today**]")
                else:
                    st.markdown(f":gray[{day.day}]" if faded else f"**{day.day}**")
                for row in on(day)[:6 if view == "month" else 30]:
                    ui.event_link(row.uid, chip(row))
                if view == "month" and len(on(day)) > 6:
                    st.caption(f"+{len(on(day)) - 6} more")
        week += timedelta(days=7)
else:
    st.subheader(f"Agenda from {first:%-d %B %Y}")
    if not rows:
        st.info("Nothing in the next 60 days. Move forward (▶) or go to another date.")
    by_day: dict[date, list[EventSummary]] = {}
    for row in rows:
        by_day.setdefault(max(row.first, first), []).append(row)
    for day in sorted(by_day):
        st.markdown(f"**{day:%A %-d %B %Y}**" + (" · today" if day == today else ""))
        for row in by_day[day]:
            ui.event_link(row.uid, f"{chip(row)} — {ui.when(row)} · {row.type.value} · {row.status.value}"
                          + (f" · {row.place}" if row.place else ""))
