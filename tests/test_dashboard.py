"""Dashboard pages under Streamlit's AppTest, over the real test database (both backends)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest
import streamlit as st
from test_dashboard_support import data, fresh_app, open_page, seed, texts

from tracker.model import EventFilter
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
    at.button(key="tl_zoom_in").click().run()
    after = at.session_state["tl_window"]
    assert after[0] > before[0] and after[1] < before[1]
    at.button(key="tl_earlier").click().run()
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
    at.switch_page("screens/timeline.py").run()
    at.button(key="tl_everything").click().run()
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


# ------------------------------------------------------------------------------------ events


def test_events_table_searches_filters_and_exports(app_store: Store) -> None:
    uids = seed(app_store)
    at = open_page("events")
    assert "3 events match" in texts(at)
    table = at.dataframe[0].value
    assert list(table["title"])[0] == "Rudenko–Qanbari talks on trade"  # by start date
    at.text_input(key="ev_search").input("larijani").run()
    assert "1 events match" in texts(at)
    assert list(at.dataframe[0].value["uid"]) == [uids["meeting"]]
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Export .ics", "Export CSV"]

    at.text_input(key="ev_search").input("").run()
    at.multiselect(key="events_statuses").select("scheduled").run()
    assert list(at.dataframe[0].value["uid"]) == [uids["session"]]
    at.multiselect(key="ev_outlets").select("FAKTAGLOBAL.COM").run()
    assert "1 events match" in texts(at)
    at.text_input(key="ev_search").input("nothing like this").run()
    assert "No event matches" in texts(at)


def test_events_export_selection_builds_ics_and_csv(app_store: Store) -> None:
    uids = seed(app_store)
    open_page("events")
    from tracker.model import EventFilter, Status

    rows = data.event_page(EventFilter(statuses=(Status.HELD,)), limit=None).rows
    cal = icalendar.Calendar.from_ical(data.calendar_bytes(uids=[r.uid for r in rows]))
    assert sorted(str(e["UID"]) for e in cal.walk("VEVENT")) == sorted([uids["meeting"], uids["talks"]])


# ------------------------------------------------------------------------------------ event detail


def test_event_detail_shows_evidence_people_place_and_history(app_store: Store) -> None:
    uids = seed(app_store)
    at = open_page("event_detail", uid=uids["meeting"])
    shown = texts(at)
    assert "Putin receives Larijani at the Kremlin" in shown
    assert "<mark style='background:#ffe082'>Vladimir Putin menerima Ali Larijani di Kremlin pada Jumat</mark>" in shown
    people = at.dataframe[0].value
    assert list(people["name"]) == ["Vladimir Putin", "Ali Larijani"]
    assert list(people["role"]) == ["host", "guest"]
    assert at.get("deck_gl_json_chart"), "the place is on a map"
    assert "No follow-ups yet." in shown


def test_event_detail_edits_confirms_rejects_and_links(app_store: Store) -> None:
    uids = seed(app_store)
    uid = uids["talks"]
    at = open_page("event_detail", uid=uid)
    at.text_input(key="ed_title").input("Rudenko and Qanbari review trade")
    at.text_input(key="ed_end").input("2026-01-25")
    at.form_submit_button[0].click().run()
    assert "before start" in at.error[0].value
    at.text_input(key="ed_end").input("2026-01-27")
    at.selectbox(key="ed_status").select("postponed")
    at.form_submit_button[0].click().run()
    event = app_store.get_event(uid)
    assert event.title == "Rudenko and Qanbari review trade"
    assert event.span.last.isoformat() == "2026-01-27" and event.status.value == "postponed"
    assert {"title", "status", "span"} <= {r.field for r in app_store.revisions(uid)}

    at.button(key="ed_confirm").click().run()
    assert app_store.get_event(uid).confidence == 1.0
    assert "History" in texts(at)

    at.selectbox(key="ed_link_target").select(uids["meeting"])
    at.button(key="ed_link").click().run()
    assert [e.uid for e in app_store.follow_ups(uids["meeting"])] == [uid]

    at.button(key="ed_reject").click().run()
    assert app_store.get_event(uid).deleted is not None
    assert "Removed on" in texts(at)


def test_event_detail_without_a_uid_offers_a_picker(app_store: Store) -> None:
    at = open_page("event_detail")
    assert "No events yet" in texts(at)
    uids = seed(app_store)
    at = open_page("event_detail")
    at.selectbox(key="ed_pick").select(uids["session"]).run()
    assert "Russia–Iran Permanent Commission session" in texts(at)
    at = open_page("event_detail", uid="no-such-uid")
    assert "no event with uid" in at.error[0].value


# ------------------------------------------------------------------------------------ calendar


def test_calendar_month_week_and_agenda(app_store: Store) -> None:
    seed(app_store)
    at = fresh_app()
    at.session_state["cal_anchor"] = __import__("datetime").date(2026, 2, 10)
    at.run()
    at.switch_page("screens/calendar_view.py").run()
    assert not at.exception
    shown = texts(at)
    assert "February 2026" in shown
    assert "Russia–Iran Permanent Commission session" in shown
    at.button(key="cal_◀").click().run()
    shown = texts(at)
    assert "January 2026" in shown and "Putin receives Larijani" in shown
    assert "Sometime this week or month" in shown  # the week-precision talks are not pinned to a day
    at.segmented_control(key="cal_view").set_value("week").run()
    assert "Week of" in texts(at)
    at.segmented_control(key="cal_view").set_value("agenda").run()
    assert "Agenda from" in texts(at)
    assert not at.exception


# ------------------------------------------------------------------------------------ insights


def test_insights_counts_and_network(app_store: Store) -> None:
    seed(app_store)
    at = open_page("insights")
    assert len(at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")) == 2
    pairs = at.dataframe[0].value
    assert {tuple(r) for r in pairs[["actor", "met"]].itertuples(index=False)} == {
        ("Ali Larijani", "Vladimir Putin"), ("Andrei Rudenko", "Hamed Qanbari")}


def test_insights_on_an_empty_database(app_store: Store) -> None:
    at = open_page("insights")
    assert "No events yet." in texts(at)


# ------------------------------------------------------------------------------------ review


def test_review_queue_confirms_and_fixes_reference_dates(app_store: Store) -> None:
    uids = seed(app_store)
    from datetime import date

    from tracker.model import Article, Reference, ReferenceSource

    undated = Article(text="Lavrov akan bertemu Araghchi pada Jumat.", language="id", title="Undated")
    stored = app_store.ingest(undated, "id", Reference(None, ReferenceSource.NONE), ())
    at = open_page("review")
    shown = texts(at)
    assert "Rudenko–Qanbari talks on trade" in shown  # confidence 0.4
    assert "Putin receives Larijani" not in shown  # 0.9
    at.button(key=f"rv_ok_{uids['talks']}").click().run()
    assert app_store.get_event(uids["talks"]).confidence == 1.0
    assert "Nothing to review." in texts(at)

    assert "Undated" in texts(at)
    at.date_input(key=f"rv_day_{stored.article_id}").set_value(date(2026, 3, 6))
    at.button(key=f"rv_set_{stored.article_id}").click().run()
    assert not at.exception
    assert any("anchored to 2026-03-06" in s.value for s in at.success)
    assert app_store.get_article(stored.article_id).reference == date(2026, 3, 6)


# ------------------------------------------------------------------------------------ ingest


SEED_TEXT = (Path(__file__).resolve().parents[1] / "seeds" / "000_2bda8f653aab7373.md").read_text("utf-8")


def test_ingest_previews_then_saves_the_seed_article(app_store: Store) -> None:
    at = open_page("ingest")
    assert "Paste an article" in texts(at)
    at.text_area(key="in_text").input(SEED_TEXT).run()
    assert not at.error, [e.value for e in at.error]
    preview = next(b for b in at.button if b.key.startswith("in_preview_"))
    preview.click().run()
    assert not at.error, [e.value for e in at.error]
    shown = texts(at)
    assert "reference date **2026-01-31** (metadata)" in shown
    assert "<mark" in shown  # evidence highlighted in the preview
    assert app_store.count_events() == 0  # nothing stored by a preview
    save = next(b for b in at.button if b.key.startswith("in_save_"))
    save.click().run()
    assert "Saved: 3 events created" in at.success[0].value
    assert app_store.count_events() == 3
    found = {(e.type.value, e.span.first.isoformat(), e.span.last.isoformat()) for e in app_store.list_events()}
    assert ("session", "2026-02-16", "2026-02-18") in found


def test_ingest_uploads_and_reports_bad_files(app_store: Store) -> None:
    at = open_page("ingest")
    at.file_uploader(key="in_files").set_value([("empty.txt", b"", "text/plain"),
                                            ("seed.md", SEED_TEXT.encode(), "text/markdown")]).run()
    assert "empty.txt: the file is empty" in at.error[0].value
    assert "Putin dan Larijani Gelar Pembicaraan Strategis di Moskow" in texts(at)


def test_ingest_with_a_person_set_reference_date(app_store: Store) -> None:
    at = open_page("ingest")
    body = SEED_TEXT.split("---", 2)[2]  # no front matter: no publication date
    at.text_area(key="in_text").input(body).run()
    key = next(b for b in at.button if b.key.startswith("in_preview_")).key.removeprefix("in_preview_")
    assert at.checkbox(key=f"in_known_{key}").value is False
    at.checkbox(key=f"in_known_{key}").check().run()
    from datetime import date

    at.date_input(key=f"in_ref_{key}").set_value(date(2026, 1, 31)).run()
    at.button(key=f"in_preview_{key}").click().run()
    assert "(person)" in texts(at)
    at.button(key=f"in_save_{key}").click().run()
    (article,) = app_store.list_articles()
    assert article.reference == date(2026, 1, 31) and article.reference_source.value == "person"


def test_event_detail_merges_and_splits(app_store: Store) -> None:
    uids = seed(app_store)
    keep, other = uids["meeting"], uids["talks"]
    at = open_page("event_detail", uid=keep)
    assert not at.get("multiselect") or all(m.key != "ed_split_pick" for m in at.multiselect)  # one source only
    at.selectbox(key="ed_link_target").select(other)
    at.button(key="ed_merge").click().run()
    assert not at.exception and not at.error
    merged = app_store.get_event(keep)
    assert len(merged.evidence) == 2
    assert {"Andrei Rudenko", "Hamed Qanbari"} <= {p.name for p in merged.participants}
    assert app_store.get_event(other).deleted is not None

    talks_quote = next(e for e in merged.evidence if "Rudenko" in e.text)
    at.multiselect(key="ed_split_pick").select(talks_quote.mention_id).run()
    at.button(key="ed_split").click().run()
    assert "Split off" in at.success[0].value
    after = app_store.get_event(keep)
    assert [e.text for e in after.evidence] == [e.text for e in merged.evidence if e is not talks_quote]
    assert {r.field for r in app_store.revisions(keep)} >= {"merged_from", "split_into"}


def test_an_unreachable_database_is_one_readable_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/tracker")
    at = fresh_app().run(timeout=60)
    assert not at.exception
    (error,) = at.error
    assert "127.0.0.1:1" in error.value and "\n" not in error.value.strip()
    st.cache_resource.clear()


# ------------------------------------------------------------------------------------ actors


def test_actors_page_adds_a_spelling_used_by_filters(app_store: Store) -> None:
    seed(app_store)
    at = open_page("actors")
    assert "None yet" in texts(at)
    at.selectbox(key="alias_actor").set_value("Ali Larijani")
    at.text_input(key="alias_text").input("Лариджани")
    at.text_input(key="alias_country").input("ir")
    at.button[0].click().run()
    assert not at.exception
    assert "“Лариджани” now means Ali Larijani." in texts(at)
    assert ("Ali Larijani", "Лариджани") in [(n, a) for n, a, _, _ in app_store.aliases()]
    assert app_store.list_events(EventFilter(actors=("Лариджани",)))


def test_actors_page_needs_both_fields(app_store: Store) -> None:
    at = open_page("actors")
    at.button[0].click().run()
    assert "Give both the actor and the other spelling." in texts(at)
    assert app_store.aliases() == []
