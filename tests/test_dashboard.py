"""Dashboard pages under Streamlit's AppTest, over the real test database (both backends)."""

from __future__ import annotations

from collections.abc import Iterator

import icalendar
import pytest
import streamlit as st
from dashboard_support import data, fresh_app, open_page, seed, texts

from tracker.store import Store


@pytest.fixture
def app_store(store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The test database behind the app (TRACKER_DATABASE_URL) and clean Streamlit caches."""
    monkeypatch.setenv("TRACKER_DATABASE_URL", store.settings.database_url)
    monkeypatch.setenv("TRACKER_FEED_PORT", "8765")
    monkeypatch.delenv("TRACKER_PUBLIC_BASE_URL", raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield store
    st.cache_data.clear()
    st.cache_resource.clear()


# ------------------------------------------------------------------------------------ timeline


def test_timeline_is_the_default_page_and_lists_the_stored_events(app_store: Store) -> None:
    seed(app_store)
    at = fresh_app().run()
    assert not at.exception
    assert at.title[0].value == "Timeline"
    shown = texts(at)
    assert "3 events in this window" in shown
    for title in ("Putin receives Larijani", "Rudenko–Qanbari talks", "Permanent Commission session"):
        assert title in shown
    assert "date known to the week of 26 January 2026" in shown  # week precision said, not hidden
    chart = at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    assert chart, "the timeline chart is drawn"


def test_timeline_lanes_and_empty_database(app_store: Store) -> None:
    at = fresh_app().run()
    assert "No events in this window" in texts(at)
    seed(app_store)
    at = fresh_app().run()
    for lane in ("status", "country pair", "actor"):
        at.selectbox(key="tl_lane").select(lane).run()
        assert not at.exception
        assert "3 events in this window" in texts(at)


def test_timeline_aggregates_when_the_window_is_too_dense(app_store: Store) -> None:
    seed(app_store)
    at = fresh_app()
    at.session_state["tl_max_items"] = 2
    at.run()
    assert not at.exception
    shown = texts(at)
    assert "too many to draw one by one" in shown
    assert "Putin receives Larijani" not in shown  # counts only, no single events shipped


def test_timeline_window_buttons_move_the_window(app_store: Store) -> None:
    seed(app_store)
    at = fresh_app().run()
    before = at.session_state["tl_window"]
    at.button(key="tl_➕").click().run()
    after = at.session_state["tl_window"]
    assert after[0] > before[0] and after[1] < before[1]
    at.button(key="tl_◀").click().run()
    assert at.session_state["tl_window"][0] < after[0]
    assert not at.exception


# ------------------------------------------------------------------------------------ follow-up


def test_follow_up_form_validates_and_writes_a_linked_event(app_store: Store) -> None:
    uids = seed(app_store)
    parent = uids["session"]
    at = open_page("follow_up", uid=parent)
    assert at.selectbox[0].value == parent
    assert at.text_input(key="fu_place").value == "Tehran"  # prefilled from the parent
    assert at.selectbox(key="fu_type").value == "session"

    at.text_input(key="fu_start").input("2026-02-30")
    at.text_input(key="fu_end").input("2026-02-01")
    at.form_submit_button[0].click().run()
    errors = " ".join(e.value for e in at.error)
    assert "A title is required." in errors
    assert "expected a real date" in errors
    assert app_store.follow_ups(parent) == []

    at.text_input(key="fu_title").input("Second session of the commission")
    at.text_input(key="fu_start").input("2026-05-10")
    at.text_input(key="fu_end").input("2026-05-09")
    at.form_submit_button[0].click().run()
    assert "is before the start" in " ".join(e.value for e in at.error)

    at.text_input(key="fu_end").input("2026-05-12")
    at.text_input(key="fu_more").input("Abbas Araghchi")
    at.form_submit_button[0].click().run()
    assert not at.error, [e.value for e in at.error]
    assert "as a follow-up of" in at.success[0].value
    (child,) = app_store.follow_ups(parent)
    assert child.title == "Second session of the commission"
    assert (child.span.first.isoformat(), child.span.last.isoformat()) == ("2026-05-10", "2026-05-12")
    assert child.place is not None and child.place.name == "Tehran"
    assert [p.name for p in child.participants] == ["Abbas Araghchi"]

    # At once on the timeline (the cache is keyed on the store's change marker) ...
    at.switch_page("pages/timeline.py").run()
    at.button(key="tl_⟲").click().run()
    assert "Second session of the commission" in texts(at)
    # ... and in the calendar the feed builds.
    assert child.uid in data.calendar_bytes().decode()


def test_follow_up_without_events_says_what_to_do(app_store: Store) -> None:
    at = open_page("follow_up")
    assert "No event to follow up yet" in texts(at)


# ------------------------------------------------------------------------------------ subscribe


def test_subscribe_shows_the_running_feed_and_downloads(app_store: Store) -> None:
    seed(app_store)
    at = open_page("subscribe")
    shown = texts(at)
    assert "http://127.0.0.1:8765/calendar.ics" in shown
    assert "webcal://127.0.0.1:8765/calendar.ics" in shown
    assert any(b.proto.label == "Download .ics" for b in at.get("download_button"))


def test_subscribe_adds_and_removes_saved_feeds(app_store: Store) -> None:
    seed(app_store)
    at = open_page("subscribe")
    at.text_input(key="feed_name").input("Iran scheduled")
    at.multiselect(key="feed_countries").select("IR")
    at.multiselect(key="feed_statuses").select("scheduled")
    at.form_submit_button[0].click().run()
    assert not at.error
    (feed,) = app_store.list_feeds()
    assert feed.filter.countries == ("IR",)
    assert f"/feeds/{feed.token}.ics" in texts(at)

    at.text_input(key="feed_name").input("Iran scheduled")
    at.form_submit_button[0].click().run()
    assert "already exists" in at.error[0].value

    at.button(key=f"rm_{feed.token[:8]}").click().run()
    assert app_store.list_feeds() == []


def test_ics_download_contains_the_selected_events(app_store: Store) -> None:
    uids = seed(app_store)
    open_page("subscribe")  # puts the dashboard folder on sys.path and opens the cached store
    cal = icalendar.Calendar.from_ical(data.calendar_bytes())
    assert sorted(str(e["UID"]) for e in cal.walk("VEVENT")) == sorted(uids.values())
    only = icalendar.Calendar.from_ical(data.calendar_bytes(uids=[uids["session"]]))
    (session,) = only.walk("VEVENT")
    assert session["DTSTART"].to_ical() == b"20260216"
    assert session["DTEND"].to_ical() == b"20260219"
