"""The feed server (tracker.feeds) over a real store, on every database backend of conftest.

One test runs a real uvicorn server on a free loopback port and lets icalevents, a real
subscription client, fetch the calendar over HTTP; the rest talk to the ASGI app through httpx's
ASGITransport. Nothing here is a mock except the broken store used for the 503 test.
"""

from __future__ import annotations

import asyncio
import gzip
import socket
import threading
import time as clock
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from email.utils import format_datetime
from typing import Any

import httpx
import icalendar
import pytest
import uvicorn
from icalevents.icalevents import events as fetch_events
from starlette.applications import Starlette

from tracker.calendar import read_calendar
from tracker.config import Settings
from tracker.errors import DatabaseError
from tracker.feeds import create_app
from tracker.model import (
    ActorKind,
    DateSpan,
    Event,
    EventDraft,
    EventFilter,
    EventType,
    Participant,
    Place,
    Precision,
    Role,
    Status,
)
from tracker.store import Store

NOW = datetime(2026, 2, 1, 12, 0, tzinfo=UTC)


def seed_drafts() -> list[EventDraft]:
    return [
        EventDraft(
            title="Putin receives Ali Larijani at the Kremlin",
            type=EventType.MEETING,
            status=Status.HELD,
            span=DateSpan(date(2026, 1, 30), date(2026, 1, 30)),
            participants=(
                Participant("Vladimir Putin", role=Role.HOST, country_code="RU"),
                Participant("Ali Larijani", role=Role.GUEST, country_code="IR"),
            ),
            place=Place("Kremlin, Moscow", "RU", 55.752, 37.6175),
            confidence=0.9,
        ),
        EventDraft(
            title="Rudenko and Qanbari hold talks",
            type=EventType.TALKS,
            status=Status.HELD,
            span=DateSpan(date(2026, 1, 26), date(2026, 1, 28), Precision.WEEK),
            participants=(Participant("Andrei Rudenko", country_code="RU"),),
            confidence=0.7,
        ),
        EventDraft(
            title="Russia–Iran Permanent Commission, session",
            type=EventType.SESSION,
            status=Status.SCHEDULED,
            span=DateSpan(date(2026, 2, 16), date(2026, 2, 18)),
            place=Place("Tehran", "IR"),
            participants=(Participant("Iran", kind=ActorKind.COUNTRY, country_code="IR"),),
            confidence=0.8,
        ),
    ]


def seed(store: Store) -> dict[str, Event]:
    """The seed events, stored; keyed by the first word of their title."""
    for draft in seed_drafts():
        store.add_event(draft)
    return {e.title.split()[0]: e for e in store.list_events()}


@asynccontextmanager
async def client(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://feeds.test") as c:
        yield c


def make_app(settings: Settings, store: Store, now: list[datetime] | None = None) -> Starlette:
    moment = now if now is not None else [NOW]
    # A generous fresh_wait: these tests read their own writes even on a slow, busy machine.
    return create_app(settings, store, clock=lambda: moment[0], fresh_wait=30)


def run(coro: Any) -> Any:
    return asyncio.run(coro)


# ----------------------------------------------------------------------- a real client, real HTTP


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(app: Starlette) -> Iterator[str]:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = clock.monotonic() + 10
    while not server.started:
        if clock.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        clock.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_icalevents_subscribes_over_real_http(settings: Settings, store: Store) -> None:
    seed(store)
    feed = store.add_feed("iran", EventFilter(countries=("IR",)))
    app = create_app(settings)  # no store given: the lifespan opens and closes its own
    with running_server(app) as base:
        start, end = datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 3, 1, tzinfo=UTC)
        seen = fetch_events(url=f"{base}/calendar.ics", start=start, end=end)
        by_title = {e.summary: e for e in seen}
        assert set(by_title) == {d.title for d in seed_drafts()}
        session = by_title["Russia–Iran Permanent Commission, session"]
        assert session.all_day
        assert session.start.date() == date(2026, 2, 16)
        assert session.end.date() == date(2026, 2, 19)  # exclusive end, as the client reads it
        meeting = by_title["Putin receives Ali Larijani at the Kremlin"]
        assert (meeting.start.date(), meeting.end.date()) == (date(2026, 1, 30), date(2026, 1, 31))

        filtered = fetch_events(url=f"{base}/feeds/{feed.token}.ics", start=start, end=end)
        assert {e.summary for e in filtered} == {
            "Putin receives Ali Larijani at the Kremlin",
            "Russia–Iran Permanent Commission, session",
        }

        # The same server answers conditional and compressed requests over the wire.
        with httpx.Client(base_url=base) as http:
            first = http.get("/calendar.ics", headers={"Accept-Encoding": "gzip"})
            assert first.status_code == 200 and first.headers["content-encoding"] == "gzip"
            again = http.get("/calendar.ics", headers={"If-None-Match": first.headers["etag"]})
            assert again.status_code == 304 and again.content == b""
            head = http.head("/calendar.ics", headers={"Accept-Encoding": "identity"})
            assert head.status_code == 200 and int(head.headers["content-length"]) > 1000
            assert http.get("/healthz").json() == {"status": "ok"}


# ---------------------------------------------------------------------------- calendar routes


def test_calendar_headers_and_body(settings: Settings, store: Store) -> None:
    seed(store)

    async def go() -> None:
        async with client(make_app(settings, store)) as c:
            r = await c.get("/calendar.ics", headers={"Accept-Encoding": "identity"})
            assert r.status_code == 200
            assert r.headers["content-type"] == "text/calendar; charset=utf-8"
            assert r.headers["etag"].startswith('"') and not r.headers["etag"].startswith("W/")
            assert "content-encoding" not in r.headers
            assert r.headers["last-modified"].endswith("GMT")
            cal = icalendar.Calendar.from_ical(r.content)
            assert len(cal.events) == 3
            assert str(cal["X-WR-CALNAME"]) == settings.calendar_name
            assert str(cal["URL"]) == settings.feed_url()
            head = await c.head("/calendar.ics", headers={"Accept-Encoding": "identity"})
            assert head.status_code == 200 and head.content == b""
            assert head.headers["etag"] == r.headers["etag"]
            assert int(head.headers["content-length"]) == len(r.content)

    run(go())


def test_gzip_has_its_own_etag_and_decompresses_to_the_same_calendar(settings: Settings, store: Store) -> None:
    seed(store)

    async def go() -> None:
        async with client(make_app(settings, store)) as c:
            plain = await c.get("/calendar.ics", headers={"Accept-Encoding": "identity"})
            zipped = await c.get("/calendar.ics", headers={"Accept-Encoding": "gzip, deflate"})
            assert zipped.headers["content-encoding"] == "gzip"
            assert zipped.headers["vary"] == "Accept-Encoding"
            assert zipped.content == plain.content  # httpx decodes gzip
            assert zipped.headers["etag"] != plain.headers["etag"]
            raw = await c.get("/calendar.ics", headers={"Accept-Encoding": "gzip;q=0"})
            assert "content-encoding" not in raw.headers
            # Either validator revalidates the calendar.
            for tag in (plain.headers["etag"], zipped.headers["etag"], "W/" + plain.headers["etag"]):
                r = await c.get("/calendar.ics", headers={"If-None-Match": tag, "Accept-Encoding": "gzip"})
                assert r.status_code == 304
                assert r.headers["etag"] == zipped.headers["etag"]

    run(go())


def test_gzip_bytes_are_stable(settings: Settings, store: Store) -> None:
    seed(store)

    async def fetch() -> bytes:
        headers = {"Accept-Encoding": "gzip"}
        async with client(make_app(settings, store)) as c, c.stream("GET", "/calendar.ics", headers=headers) as r:
            return b"".join([chunk async for chunk in r.aiter_raw()])

    first, second = run(fetch()), run(fetch())  # two apps: two renders
    assert first == second
    assert gzip.decompress(first).startswith(b"BEGIN:VCALENDAR")


def test_conditional_requests(settings: Settings, store: Store) -> None:
    seed(store)

    async def go() -> None:
        async with client(make_app(settings, store)) as c:
            r = await c.get("/calendar.ics")
            etag, modified = r.headers["etag"], r.headers["last-modified"]
            later = format_datetime(datetime.now(UTC) + timedelta(days=1), usegmt=True)
            earlier = "Thu, 01 Jan 2015 00:00:00 GMT"

            assert (await c.get("/calendar.ics", headers={"If-None-Match": etag})).status_code == 304
            assert (await c.get("/calendar.ics", headers={"If-None-Match": f'"x", {etag}'})).status_code == 304
            assert (await c.get("/calendar.ics", headers={"If-None-Match": "*"})).status_code == 304
            assert (await c.get("/calendar.ics", headers={"If-Modified-Since": modified})).status_code == 304
            assert (await c.get("/calendar.ics", headers={"If-Modified-Since": later})).status_code == 304
            assert (await c.get("/calendar.ics", headers={"If-Modified-Since": earlier})).status_code == 200
            assert (await c.get("/calendar.ics", headers={"If-Modified-Since": "yesterday"})).status_code == 200
            # If-None-Match wins: a stale tag means 200 even when the date says "not modified".
            both = {"If-None-Match": '"stale"', "If-Modified-Since": later}
            assert (await c.get("/calendar.ics", headers=both)).status_code == 200
            both = {"If-None-Match": etag, "If-Modified-Since": earlier}
            not_modified = await c.get("/calendar.ics", headers=both)
            assert not_modified.status_code == 304 and not_modified.content == b""
            assert not_modified.headers["etag"] == etag

    run(go())


def test_edit_changes_etag_and_sequence_and_renders_once_per_change(settings: Settings, store: Store) -> None:
    events = seed(store)
    app = make_app(settings, store)
    server = app.state.server

    async def go() -> None:
        async with client(app) as c:
            first = await c.get("/calendar.ics")
            for _ in range(5):
                assert (
                    await c.get("/calendar.ics", headers={"If-None-Match": first.headers["etag"]})
                ).status_code == 304
                await c.get("/calendar.ics")
            assert server.renders == 1

            uid = events["Russia–Iran"].uid
            before = icalendar.Calendar.from_ical(first.content)
            old_seq = next(e for e in before.events if str(e["UID"]) == uid).sequence
            await asyncio.to_thread(store.update_event, uid, {"title": "Commission session moved"}, by="person")

            stale = await c.get("/calendar.ics", headers={"If-None-Match": first.headers["etag"]})
            assert stale.status_code == 200
            assert stale.headers["etag"] != first.headers["etag"]
            after = icalendar.Calendar.from_ical(stale.content)
            edited = next(e for e in after.events if str(e["UID"]) == uid)
            assert edited.sequence > old_seq
            assert str(edited["SUMMARY"]) == "Commission session moved"
            assert server.renders == 2

            # A new event and a deletion change the validators too.
            await asyncio.to_thread(store.add_event, seed_drafts()[0])
            added = await c.get("/calendar.ics")
            assert added.headers["etag"] != stale.headers["etag"]
            await asyncio.to_thread(store.delete_event, uid, by="person")
            removed = await c.get("/calendar.ics")
            assert removed.headers["etag"] != added.headers["etag"]
            gone = next(e for e in icalendar.Calendar.from_ical(removed.content).events if str(e["UID"]) == uid)
            assert str(gone["SUMMARY"]).startswith("[Removed] ")

    run(go())


def test_follow_up_added_through_the_store_carries_related_to(settings: Settings, store: Store) -> None:
    events = seed(store)
    parent = events["Russia–Iran"]
    follow_up = store.add_event(
        EventDraft(
            title="Ministers' call after the commission",
            type=EventType.PHONE_CALL,
            status=Status.SCHEDULED,
            span=DateSpan(date(2026, 2, 20), date(2026, 2, 20)),
            start_time=dtime(10, 0),
            end_time=dtime(10, 45),
            timezone="Asia/Tehran",
        ),
        follows=parent.uid,
    )

    async def go() -> None:
        async with client(make_app(settings, store)) as c:
            cal = icalendar.Calendar.from_ical((await c.get("/calendar.ics")).content)
            vevent = next(e for e in cal.events if str(e["UID"]) == follow_up.uid)
            assert str(vevent["RELATED-TO"]) == parent.uid
            assert vevent["RELATED-TO"].params["RELTYPE"] == "PARENT"
            assert vevent["DTSTART"].params["TZID"] == "Asia/Tehran"
            assert [tz.tz_name for tz in cal.timezones] == ["Asia/Tehran"]

    run(go())


def test_concurrent_cold_requests_share_one_render(settings: Settings, store: Store) -> None:
    seed(store)
    app = make_app(settings, store)

    async def go() -> None:
        async with client(app) as c:
            answers = await asyncio.gather(*(c.get("/calendar.ics") for _ in range(20)))
            assert {r.status_code for r in answers} == {200}
            assert len({r.headers["etag"] for r in answers}) == 1
        assert app.state.server.renders == 1

    run(go())


class GatedStore:
    """The real store, except that an armed method stops at a gate until the test opens it (a
    change_marker query after reading the marker): a request stays in flight as long as needed."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.armed: set[str] = set()
        self.gate = threading.Event()
        self.reached = threading.Event()
        self.marker_calls = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def _stop_if_armed(self, name: str) -> None:
        if name in self.armed:
            self.armed.discard(name)
            self.reached.set()
            self.gate.wait(10)

    def change_marker(self) -> str:
        self.marker_calls += 1
        marker = self._store.change_marker()
        self._stop_if_armed("change_marker")
        return marker

    def list_events(self, *args: Any, **kwargs: Any) -> list[Event]:
        self._stop_if_armed("list_events")
        return self._store.list_events(*args, **kwargs)

    def listing_changes(self, *args: Any, **kwargs: Any) -> Any:  # how the feed server reads its events
        self._stop_if_armed("list_events")
        return self._store.listing_changes(*args, **kwargs)

    def last_changed(self) -> datetime | None:
        self._stop_if_armed("last_changed")  # called by a render after it has read the events
        return self._store.last_changed()


def test_a_write_is_seen_by_every_request_made_after_it(settings: Settings, store: Store) -> None:
    """Marker queries are shared between concurrent requests, but never with a request that
    arrived after the shared query started: nobody reads a feed older than a write they saw end."""
    events = seed(store)
    gated = GatedStore(store)
    app = create_app(settings, gated, clock=lambda: NOW)  # type: ignore[arg-type]

    async def go() -> None:
        async with client(app) as c:
            warm = await c.get("/calendar.ics")  # rendered at the current marker
            gated.armed.add("change_marker")
            before = asyncio.ensure_future(c.get("/calendar.ics"))
            await asyncio.to_thread(gated.reached.wait, 10)  # its marker query has read the marker
            await asyncio.to_thread(store.update_event, events["Putin"].uid, {"title": "Edited"}, by="person")
            after = [asyncio.ensure_future(c.get("/calendar.ics")) for _ in range(5)]
            await asyncio.sleep(0.05)  # let them reach the marker query
            gated.gate.set()
            first, *later = await asyncio.gather(before, *after)
            assert first.headers["etag"] == warm.headers["etag"]  # asked before the write
            assert all("SUMMARY:Edited" in r.text for r in later)
            assert len({r.headers["etag"] for r in later}) == 1
            # warm: request + render; first: request; the five: one shared query (two if the loop was
            # too slow to bring them all in during the wait) + one render.
            assert gated.marker_calls in (5, 6)

    run(go())


def test_a_poll_never_joins_a_render_that_began_before_its_change(settings: Settings, store: Store) -> None:
    events = seed(store)
    gated = GatedStore(store)
    app = create_app(settings, gated, clock=lambda: NOW, fresh_wait=10)  # type: ignore[arg-type]
    uid = events["Putin"].uid

    async def go() -> None:
        async with client(app) as c:
            await c.get("/calendar.ics")
            await asyncio.to_thread(store.update_event, uid, {"title": "First edit"}, by="person")
            gated.armed.add("last_changed")
            first = asyncio.ensure_future(c.get("/calendar.ics"))
            await asyncio.to_thread(gated.reached.wait, 10)  # that render has read the events
            await asyncio.to_thread(store.update_event, uid, {"title": "Second edit"}, by="person")
            second = asyncio.ensure_future(c.get("/calendar.ics"))
            await asyncio.sleep(0.05)
            gated.gate.set()
            one, two = await asyncio.gather(first, second)
            assert "SUMMARY:First edit" in one.text
            assert "SUMMARY:Second edit" in two.text
            assert app.state.server.renders == 3

    run(go())


def test_polls_get_the_previous_render_while_a_slow_rerender_runs(settings: Settings, store: Store) -> None:
    events = seed(store)
    gated = GatedStore(store)
    app = create_app(settings, gated, clock=lambda: NOW, fresh_wait=3.0)  # type: ignore[arg-type]

    async def go() -> None:
        async with client(app) as c:
            old = await c.get("/calendar.ics")
            gated.armed.add("list_events")  # the next render hangs until the gate opens
            await asyncio.to_thread(store.update_event, events["Putin"].uid, {"title": "Edited"}, by="person")
            started = clock.monotonic()
            stale = await c.get("/calendar.ics", headers={"If-None-Match": old.headers["etag"]})
            waited = clock.monotonic() - started
            assert stale.status_code == 304  # the previous render, with its own validators
            assert 3.0 <= waited < 10
            # The first poll waited for the render; while it is still under way nobody else waits.
            started = clock.monotonic()
            polls = await asyncio.gather(*(c.get("/calendar.ics") for _ in range(5)))
            assert clock.monotonic() - started < 2.5  # had they waited: 3 s
            assert {r.headers["etag"] for r in polls} == {old.headers["etag"]}
            assert app.state.server.renders == 1
            gated.gate.set()
            # The render under way finishes on its own (plus one queued by the polls that did not
            # wait: they cannot tell whether it started after their marker was read).
            for _ in range(250):
                fresh = await c.get("/calendar.ics", headers={"If-None-Match": old.headers["etag"]})
                if fresh.status_code == 200:
                    break
                await asyncio.sleep(0.02)
            assert fresh.status_code == 200 and "SUMMARY:Edited" in fresh.text
            assert app.state.server.renders <= 3

    run(go())


def test_lifespan_prewarms_the_full_calendar(settings: Settings, store: Store) -> None:
    seed(store)
    app = create_app(settings)
    with running_server(app) as base:
        deadline = clock.monotonic() + 10
        while app.state.server.renders == 0 and clock.monotonic() < deadline:
            clock.sleep(0.02)
        assert app.state.server.renders == 1  # before anyone asked
        assert httpx.get(f"{base}/calendar.ics").status_code == 200
        assert app.state.server.renders == 1


def test_cancelled_event_leaves_the_feed_after_the_grace_period(settings: Settings, store: Store) -> None:
    events = seed(store)
    store.update_event(events["Russia–Iran"].uid, {"status": "cancelled"}, by="person")
    now = [datetime.now(UTC)]
    app = make_app(settings, store, now)

    async def go() -> None:
        async with client(app) as c:
            r = await c.get("/calendar.ics")
            summaries = [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(r.content).events]
            assert "[Cancelled] Russia–Iran Permanent Commission, session" in summaries
            now[0] = now[0] + timedelta(days=settings.cancelled_grace_days + 1)
            later = await c.get("/calendar.ics", headers={"If-None-Match": r.headers["etag"]})
            assert later.status_code == 200
            assert len(icalendar.Calendar.from_ical(later.content).events) == 2
            assert later.headers["last-modified"] != r.headers["last-modified"]

    run(go())


def test_feed_by_token_filters_and_unknown_tokens_reveal_nothing(settings: Settings, store: Store) -> None:
    seed(store)
    feed = store.add_feed("talks", EventFilter(types=(EventType.TALKS,)))

    async def go() -> None:
        async with client(make_app(settings, store)) as c:
            r = await c.get(f"/feeds/{feed.token}.ics")
            assert r.status_code == 200
            cal = icalendar.Calendar.from_ical(r.content)
            assert [str(e["SUMMARY"]) for e in cal.events] == ["Rudenko and Qanbari hold talks"]
            assert str(cal["URL"]) == settings.feed_url(feed.token)
            assert feed.name in str(cal["X-WR-CALNAME"])
            missing = [await c.get(f"/feeds/{t}.ics") for t in ("nope", feed.token[:-1], feed.token + "x")]
            assert {m.status_code for m in missing} == {404}
            assert {m.content for m in missing} == {b"not found\n"}
            assert all(feed.token not in m.text and "talks" not in m.text for m in missing)
            head = await c.head("/feeds/nope.ics")
            assert head.status_code == 404
            assert (await c.get("/feeds/")).status_code == 404

    run(go())


def test_changes_outside_a_feed_keep_its_validators(settings: Settings, store: Store) -> None:
    events = seed(store)
    feed = store.add_feed("talks", EventFilter(types=(EventType.TALKS,)))
    now = [NOW]
    app = make_app(settings, store, now)

    async def go() -> None:
        async with client(app) as c:
            url = f"/feeds/{feed.token}.ics"
            first = await c.get(url)
            # Sleep past a second so a moved Last-Modified would show in the HTTP date.
            await asyncio.sleep(1.1)
            await asyncio.to_thread(store.update_event, events["Putin"].uid, {"title": "Not talks"}, by="person")
            after_edit = await c.get(url, headers={"If-Modified-Since": first.headers["last-modified"]})
            assert after_edit.status_code == 304
            assert after_edit.headers["etag"] == first.headers["etag"]
            assert after_edit.headers["last-modified"] == first.headers["last-modified"]
            now[0] = NOW + timedelta(days=1)  # a new day that changes nothing in this feed
            next_day = await c.get(url, headers={"If-Modified-Since": first.headers["last-modified"]})
            assert next_day.status_code == 304
            assert app.state.server.renders == 3

    run(go())


def test_removed_feed_stops_answering(settings: Settings, store: Store) -> None:
    feed = store.add_feed("all", EventFilter())

    async def go() -> None:
        async with client(make_app(settings, store)) as c:
            assert (await c.get(f"/feeds/{feed.token}.ics")).status_code == 200
            await asyncio.to_thread(store.remove_feed, "all")
            assert (await c.get(f"/feeds/{feed.token}.ics")).status_code == 404

    run(go())


def test_exported_feed_reimports_idempotently(settings: Settings, store: Store, tmp_path: Any) -> None:
    seed(store)

    async def fetch() -> bytes:
        async with client(make_app(settings, store)) as c:
            return (await c.get("/calendar.ics")).content

    data = run(fetch())
    other = Store.open(Settings(database_url=f"sqlite:///{tmp_path}/other.sqlite3"))
    try:
        first = other.import_events(read_calendar(data, today=NOW.date()))
        second = other.import_events(read_calendar(data, today=NOW.date()))
        assert (first.created, second.created, second.updated, second.unchanged) == (3, 0, 0, 3)
        spans = {e.title: (e.span.first, e.span.last) for e in other.list_events()}
        assert spans["Russia–Iran Permanent Commission, session"] == (date(2026, 2, 16), date(2026, 2, 18))
    finally:
        other.close()


# ------------------------------------------------------------------------------------ JSON API


def test_api_lists_and_filters_events(settings: Settings, store: Store) -> None:
    events = seed(store)

    async def go() -> None:
        async with client(make_app(settings, store)) as c:
            everything = (await c.get("/api/events")).json()
            assert everything["count"] == 3
            assert [e["start"] for e in everything["events"]] == ["2026-01-26", "2026-01-30", "2026-02-16"]

            async def titles(query: str) -> list[str]:
                r = await c.get("/api/events" + query)
                assert r.status_code == 200, r.text
                return [e["title"] for e in r.json()["events"]]

            assert await titles("?type=talks") == ["Rudenko and Qanbari hold talks"]
            assert await titles("?type=talks,session") == [
                "Rudenko and Qanbari hold talks",
                "Russia–Iran Permanent Commission, session",
            ]
            assert await titles("?status=scheduled") == ["Russia–Iran Permanent Commission, session"]
            assert await titles("?from=2026-02-01") == ["Russia–Iran Permanent Commission, session"]
            assert await titles("?to=2026-01-29") == ["Rudenko and Qanbari hold talks"]
            assert len(await titles("?country=ir")) == 2
            assert await titles("?actor=putin") == ["Putin receives Ali Larijani at the Kremlin"]
            assert await titles("?min_confidence=0.85") == ["Putin receives Ali Larijani at the Kremlin"]
            assert len(await titles("?limit=1")) == 1

            one = await c.get(f"/api/events/{events['Putin'].uid}")
            assert one.status_code == 200
            assert one.json()["uid"] == events["Putin"].uid
            assert one.json()["participants"][0] == {
                "name": "Vladimir Putin",
                "role": "host",
                "title": None,
                "country": "RU",
            }

    run(go())


@pytest.mark.parametrize(
    ("query", "message"),
    [
        pytest.param("?from=2026-02-30", "from must be a date", id="impossible-date"),
        pytest.param("?to=tomorrow", "to must be a date", id="word-date"),
        pytest.param("?type=party", "type must be one of", id="unknown-type"),
        pytest.param("?status=maybe", "status must be one of", id="unknown-status"),
        pytest.param("?min_confidence=2", "min_confidence must be", id="confidence-range"),
        pytest.param("?min_confidence=high", "min_confidence must be", id="confidence-word"),
        pytest.param("?limit=-1", "limit must be", id="negative-limit"),
        pytest.param("?from=2026-03-01&to=2026-02-01", "to is before from", id="reversed-window"),
        pytest.param("?colour=red", "unknown parameter 'colour'", id="unknown-parameter"),
    ],
)
def test_api_rejects_bad_filters(settings: Settings, store: Store, query: str, message: str) -> None:
    async def go() -> None:
        async with client(make_app(settings, store)) as c:
            r = await c.get("/api/events" + query)
            assert r.status_code == 400
            assert message in r.json()["error"]

    run(go())


def test_api_unknown_and_deleted_events_are_404(settings: Settings, store: Store) -> None:
    events = seed(store)
    store.delete_event(events["Rudenko"].uid, by="person")

    async def go() -> None:
        async with client(make_app(settings, store)) as c:
            for uid in ("nope@tracker", events["Rudenko"].uid):
                r = await c.get(f"/api/events/{uid}")
                assert r.status_code == 404 and r.json() == {"error": "not found"}
            assert (await c.get("/api/events")).json()["count"] == 2
            assert (await c.get("/no/such/route")).status_code == 404
            assert (await c.post("/api/events")).status_code == 405

    run(go())


def test_openapi_describes_the_api(settings: Settings, store: Store) -> None:
    async def go() -> None:
        async with client(make_app(settings, store)) as c:
            doc = (await c.get("/openapi.json")).json()
            assert doc["openapi"].startswith("3.")
            assert {"/api/events", "/api/events/{uid}", "/calendar.ics", "/feeds/{token}.ics"} <= set(doc["paths"])
            names = {p["name"] for p in doc["paths"]["/api/events"]["get"]["parameters"]}
            assert names == {"from", "to", "country", "actor", "type", "status", "min_confidence", "limit"}
            # Every field of the JSON contract is described.
            event = seed_drafts()[0]
            stored = await asyncio.to_thread(store.add_event, event)
            described = set(doc["components"]["schemas"]["Event"]["properties"])
            assert set(stored.to_json()) <= described
            assert doc["servers"] == [{"url": settings.public_base_url}]

    run(go())


class BrokenStore:
    """A store whose database has gone away."""

    def change_marker(self) -> str:
        raise DatabaseError("database error on sqlite:///gone: unable to open database file")

    def list_events(self, *args: object, **kwargs: object) -> list[Event]:
        raise DatabaseError("database error on sqlite:///gone: unable to open database file")

    def listing_changes(self, *args: object, **kwargs: object) -> object:
        raise DatabaseError("database error on sqlite:///gone: unable to open database file")


def test_database_errors_become_503_without_details(settings: Settings) -> None:
    app = create_app(settings, BrokenStore())  # type: ignore[arg-type]

    async def go() -> None:
        async with client(app) as c:
            for path in ("/healthz", "/calendar.ics", "/api/events"):
                r = await c.get(path)
                assert r.status_code == 503
                assert r.json() == {"error": "the database is not available"}

    run(go())


def test_json_is_gzipped_on_request(settings: Settings, store: Store) -> None:
    for i in range(12):
        store.add_event(
            EventDraft(
                title=f"Meeting number {i} about a long agenda",
                type=EventType.MEETING,
                status=Status.SCHEDULED,
                span=DateSpan(date(2026, 3, 1 + i), date(2026, 3, 1 + i)),
            )
        )

    async def go() -> None:
        async with client(make_app(settings, store)) as c:
            r = await c.get("/api/events", headers={"Accept-Encoding": "gzip"})
            assert r.headers["content-encoding"] == "gzip"
            assert r.json()["count"] == 12

    run(go())


def test_incremental_rerenders_equal_cold_renders(settings: Settings, store: Store) -> None:
    """The server patches its listings with what changed; after every kind of write, each feed must
    be byte for byte what a cold server renders, including writes that change how other events
    show (a merge re-points links, a participant gives an actor its country, an alias)."""
    events = seed(store)
    feeds = [
        None,
        store.add_feed("russia", EventFilter(countries=("RU",))).token,
        store.add_feed("wladimir", EventFilter(actors=("wladimir",))).token,
        store.add_feed("held", EventFilter(statuses=(Status.HELD,))).token,
    ]
    lavrov = EventDraft(title="Lavrov speaks", type=EventType.STATEMENT, status=Status.HELD,
                        span=DateSpan(date(2026, 1, 20), date(2026, 1, 20)),
                        participants=(Participant("Sergei Lavrov"),))  # fmt: skip
    with_country = EventDraft(title="Lavrov visits Ankara", type=EventType.VISIT, status=Status.SCHEDULED,
                              span=DateSpan(date(2026, 3, 2), date(2026, 3, 2)),
                              participants=(Participant("Sergei Lavrov", country_code="RU"),))  # fmt: skip
    putin, rudenko, commission = events["Putin"].uid, events["Rudenko"].uid, events["Russia–Iran"].uid
    writes: list[tuple[str, Any]] = [
        ("edit", lambda: store.update_event(putin, {"title": "Putin; edited"}, by="person")),
        ("leaves a filter", lambda: store.update_event(rudenko, {"status": "scheduled"}, by="person")),
        ("add", lambda: store.add_event(lavrov)),
        ("follow-up", lambda: store.add_event(with_country, follows=putin)),  # Lavrov's actor gets RU
        ("alias", lambda: store.add_alias("Vladimir Putin", "Wladimir Putin")),
        ("merge re-points the link", lambda: store.merge_events(commission, putin)),
        ("delete", lambda: store.delete_event(rudenko)),
    ]
    app = make_app(settings, store)

    async def bodies(c: httpx.AsyncClient) -> dict[str | None, bytes]:
        urls = {t: "/calendar.ics" if t is None else f"/feeds/{t}.ics" for t in feeds}
        return {t: (await c.get(url)).content for t, url in urls.items()}

    async def go() -> None:
        async with client(app) as warm:
            before = await bodies(warm)
            for name, write in writes:
                await asyncio.to_thread(write)
                patched = await bodies(warm)
                async with client(make_app(settings, store)) as cold:
                    expected = await bodies(cold)
                for token in feeds:
                    assert patched[token] == expected[token], f"{name}: feed {token} differs from a cold render"
                assert patched != before, f"{name}: no feed changed"
                before = patched

    run(go())


def test_listing_changes_reads_only_what_changed(store: Store) -> None:
    events = seed(store)
    flt = EventFilter(include_deleted=True)
    first = store.listing_changes(flt)
    assert first.full and len(first.events) == 3
    same = store.listing_changes(flt, first.version)
    assert not same.full and same.events == [] and not same.removed
    store.update_event(events["Putin"].uid, {"note": "edited"}, by="person")
    edited = store.listing_changes(flt, same.version)
    assert not edited.full and [e.uid for e in edited.events] == [events["Putin"].uid]
    store.update_event(events["Putin"].uid, {"status": "cancelled"}, by="person")
    held = EventFilter(statuses=(Status.HELD,))
    before = store.listing_changes(held)
    store.update_event(events["Rudenko"].uid, {"status": "scheduled"}, by="person")
    left = store.listing_changes(held, before.version)
    assert not left.full and left.events == [] and left.removed == {events["Rudenko"].id}
    store.add_alias("Andrei Rudenko", "A. Rudenko")  # shown inside other events: everything is read again
    assert store.listing_changes(held, left.version).full
