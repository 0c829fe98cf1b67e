"""Feed server: the store's events as subscribable calendars and a read-only JSON API (ASGI).

Stage: a thin face over `Store` and `tracker.calendar.build_calendar`. HTTP request in → calendar
bytes, JSON or a status out. `create_app(settings)` gives a Starlette app; `serve(settings, host,
port)` runs it on uvicorn (that is what `tracker serve` does).

Routes
  GET|HEAD /calendar.ics          every event
  GET|HEAD /feeds/{token}.ics     a saved feed (its filter); an unknown token is a bare 404
  GET      /api/events            JSON list; filters from, to, country, actor, type, status,
                                  min_confidence, limit (repeat a parameter or use commas)
  GET      /api/events/{uid}      one event
  GET      /openapi.json          the API described as OpenAPI 3.1
  GET      /healthz               {"status": "ok"} when the database answers, 503 otherwise

Caching and validators. Each poll asks the store for its change marker (one cheap query, shared
by concurrent polls), which moves whenever any event, link or feed changes. A feed rendered at the
current marker and today's UTC date (the date matters because cancelled and removed events leave
after their grace period) is answered from memory, so a 10,000-event feed is rendered once per
change. After a change, polls share one re-render per feed (at most one runs and one waits,
however many subscribers and however busy the ingest). A poll waits up to `fresh_wait` seconds
(1 s) for it; past that it gets the previous render with that render's own validators, so a big
feed under continuous ingest never stalls its subscribers, and the next poll sees the change.
A re-render reads only the events that changed since the feed's previous listing
(`Store.listing_changes`) and does not serialise unchanged events again (see `tracker.calendar`).
After a big feed is read whole, the heap is settled (`_settle_heap`) so that the collector's full
passes stop walking the events the server keeps.

The ETag is a strong hash of the identity bytes; the gzip representation (precomputed once per
render, deterministic) has its own strong ETag with a "-gz" suffix, and either one validates the
calendar in If-None-Match, which wins over If-Modified-Since. Last-Modified is the store's last
change, or midnight UTC of today when that is later (the grace period may have changed the feed
then). The calendars are compressed here rather than by GZipMiddleware, which would keep the
identity ETag on compressed bytes; the middleware compresses the JSON only.

Every database call runs in the thread pool: a slow query delays its own request, never the loop.
"""

from __future__ import annotations

import asyncio
import gc
import gzip
import hashlib
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from email.utils import format_datetime, parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tracker.calendar import build_calendar
from tracker.config import Settings
from tracker.errors import (
    DatabaseError,
    InputError,
    NotFoundError,
    TrackerError,
    ValidationError,
)
from tracker.model import Event, EventFilter, EventType, Status

if TYPE_CHECKING:
    from tracker.store import Store
    from tracker.store.changes import ListingVersion

CALENDAR_TYPE = "text/calendar; charset=utf-8"
SETTLE_AFTER = 1000  # events read at once after which the heap is settled (see _settle_heap)
FRESH_WAIT = 1.0  # seconds a poll waits for a render reflecting a change before it gets the previous one


@dataclass(frozen=True)
class Rendered:
    """One calendar as bytes, both encodings, and its validators."""

    body: bytes
    gzipped: bytes
    etag: str
    gzip_etag: str
    last_modified: datetime
    events: int


@dataclass
class _FeedState:
    """One feed on one day: its newest render, the render running and the one queued after it."""

    latest: Rendered | None = None
    latest_marker: str | None = None
    current: asyncio.Future[Rendered] | None = None
    next: asyncio.Future[Rendered] | None = None
    overdue: bool = False  # a poll gave up waiting for the render under way: answer from `latest`

    @property
    def idle(self) -> bool:
        return self.current is None and self.next is None


@dataclass(frozen=True)
class _Listing:
    """A feed's events as last read, by event id, and the store's version of that listing."""

    filter: EventFilter
    version: ListingVersion
    events: dict[int, Event]


class FeedServer:
    """The app's state: settings, the store and the render cache. Endpoints are its methods."""

    def __init__(
        self,
        settings: Settings,
        store: Store | None,
        clock: Callable[[], datetime] | None = None,
        fresh_wait: float = FRESH_WAIT,
    ) -> None:
        self.settings = settings
        self._store = store
        self._owns_store = store is None
        self._clock = clock or (lambda: datetime.now(UTC))
        self.fresh_wait = fresh_wait
        self._feeds: dict[tuple[str | None, date], _FeedState] = {}
        self._last_served: dict[str | None, Rendered] = {}  # per feed token, across days
        self._marker_current: asyncio.Future[str] | None = None
        self._marker_next: asyncio.Future[str] | None = None
        self._prewarm: asyncio.Task[Rendered] | None = None
        self._listings: dict[str | None, _Listing] = {}  # per feed token: the last events read
        self._unsettled = False  # a big feed was read whole since the heap was last settled
        self._settling: asyncio.Future[None] | None = None
        self.renders = 0  # how many times a calendar was actually built (tests, bench)

    @property
    def store(self) -> Store:
        if self._store is None:
            raise DatabaseError("the feed server's store is not open")
        return self._store

    @asynccontextmanager
    async def lifespan(self, _app: Starlette) -> AsyncIterator[None]:
        if self._store is None:
            from tracker.store import Store  # the store pulls in SQLAlchemy; only when serving

            self._store = await run_in_threadpool(Store.open, self.settings)
        # Render the full calendar in the background so the first subscriber finds it ready.
        self._prewarm = asyncio.create_task(self._prewarm_calendar())
        try:
            yield
        finally:
            self._prewarm.cancel()
            await asyncio.gather(self._prewarm, return_exceptions=True)
            if self._owns_store and self._store is not None:
                await run_in_threadpool(self._store.close)
                self._store = None

    async def _prewarm_calendar(self) -> Rendered:
        return await self._fresh(None, self._clock().astimezone(UTC).date())

    async def _change_marker(self) -> str:
        """The store's change marker, with concurrent requests sharing one query.

        A request may only share a query that starts after it arrived (otherwise it could miss a
        change committed just before it came in), so newcomers wait for the next query while one
        is running: at most one query runs, and one more waits, however many subscribers poll.
        """
        if self._marker_next is None:
            self._marker_next = asyncio.ensure_future(self._marker_query())
        return await asyncio.shield(self._marker_next)

    async def _marker_query(self) -> str:
        if self._marker_current is not None:
            await asyncio.wait([self._marker_current])
        me = asyncio.current_task()
        assert me is not None
        self._marker_current, self._marker_next = me, None
        try:
            return await run_in_threadpool(self.store.change_marker)
        finally:
            if self._marker_current is me:
                self._marker_current = None

    # ------------------------------------------------------------------------------ calendars

    async def calendar(self, request: Request) -> Response:
        return await self._serve_calendar(request, None)

    async def feed(self, request: Request) -> Response:
        return await self._serve_calendar(request, request.path_params["token"])

    async def _serve_calendar(self, request: Request, token: str | None) -> Response:
        today = self._clock().astimezone(UTC).date()
        marker = await self._change_marker()
        state = self._feeds.get((token, today))
        if state is not None and state.latest is not None and state.latest_marker == marker:
            rendered = state.latest  # nothing changed since the last render: the common case
        elif state is None or state.latest is None:
            rendered = await self._fresh(token, today)
        elif state.overdue:
            # A poll has already waited fresh_wait for the render under way: don't make everyone
            # wait. Make sure a render that includes this poll's change is queued, answer at once.
            self._schedule(token, today)
            rendered = state.latest
        else:
            previous = state.latest
            try:
                rendered = await asyncio.wait_for(self._fresh(token, today), self.fresh_wait)
            except TimeoutError:
                state.overdue = True
                rendered = previous  # consistent with its own validators; the next poll gets the new one

        use_gzip = _accepts_gzip(request.headers.get("accept-encoding", ""))
        etag = rendered.gzip_etag if use_gzip else rendered.etag
        headers = {
            "ETag": etag,
            "Last-Modified": format_datetime(rendered.last_modified, usegmt=True),
            "Cache-Control": "no-cache",  # always revalidate: a 304 is cheap and changes show at once
            "Vary": "Accept-Encoding",
        }
        if _not_modified(request, rendered):
            return Response(status_code=304, headers=headers)
        body = rendered.gzipped if use_gzip else rendered.body
        if use_gzip:
            headers["Content-Encoding"] = "gzip"
        headers["Content-Disposition"] = 'inline; filename="calendar.ics"'
        headers["Content-Length"] = str(len(body))
        # HEAD: the same headers, no body (uvicorn would drop it anyway; ASGI test clients do not).
        content = b"" if request.method == "HEAD" else body
        return Response(content, headers=headers, media_type=CALENDAR_TYPE)

    async def _fresh(self, token: str | None, today: date) -> Rendered:
        """A render of the feed that started after this call: it reflects every change before it.

        Like the marker queries: at most one render per feed runs and one more waits; everyone
        who arrives meanwhile shares the waiting one. Continuous ingest therefore costs one
        render at a time per feed, however many subscribers poll.
        """
        return await asyncio.shield(self._schedule(token, today))

    def _schedule(self, token: str | None, today: date) -> asyncio.Future[Rendered]:
        """The queued render of this feed (queued now if there is none): it starts after now."""
        key = (token, today)
        state = self._feeds.get(key)
        if state is None:
            # A new day (or feed): forget other days' renders that nobody is producing any more.
            for old in [k for k, v in self._feeds.items() if k[1] != today and v.idle]:
                del self._feeds[old]
            state = self._feeds[key] = _FeedState()
        if state.next is None:
            state.next = asyncio.ensure_future(self._render_after_current(key, state))
            state.next.add_done_callback(_retrieve)
        return state.next

    async def _render_after_current(self, key: tuple[str | None, date], state: _FeedState) -> Rendered:
        if state.current is not None:
            await asyncio.wait([state.current])
        me = asyncio.current_task()
        assert me is not None
        state.current, state.next = me, None
        try:
            marker, rendered = await run_in_threadpool(self._render, *key)
        except NotFoundError:
            # The feed is gone (or never was): keep nothing for it, not even an old render.
            if self._feeds.get(key) is state and state.next is None:
                del self._feeds[key]
            state.latest = None
            self._last_served.pop(key[0], None)
            self._listings.pop(key[0], None)
            raise
        finally:
            if state.current is me:
                state.current = None
        previous = self._last_served.get(key[0])
        if previous is not None and previous.etag == rendered.etag:
            # Same bytes (a change elsewhere, or a new day that changed nothing here): keep the
            # validators too, or If-Modified-Since clients would download an unchanged feed.
            rendered = previous
        self._last_served[key[0]] = rendered
        state.latest, state.latest_marker, state.overdue = rendered, marker, False
        if self._unsettled and (self._settling is None or self._settling.done()):
            self._unsettled = False
            self._settling = asyncio.get_running_loop().run_in_executor(None, _settle_heap)
        return rendered

    def _render(self, token: str | None, today: date) -> tuple[str, Rendered]:
        """Build one calendar (runs in a worker thread) and the change marker it is at least as new as."""
        settings = self.settings
        marker = self.store.change_marker()  # read first: the data read below is at least this new
        if token is None:
            flt, name = EventFilter(), settings.calendar_name
            description = "Every event the tracker knows about."
        else:
            feed = self.store.feed_by_token(token)
            flt, name = feed.filter, f"{settings.calendar_name} · {feed.name}"
            description = "Filtered feed: " + (_describe_filter(feed.filter) or "every event")
        # Deleted events are asked for too: build_calendar shows them as "[Removed]" for a while.
        events, read_all = self._listing(token, replace(flt, include_deleted=True))
        body = build_calendar(
            events,
            name=name,
            description=description,
            refresh_minutes=settings.refresh_minutes,
            url=settings.feed_url(token),
            today=today,
            cancelled_grace_days=settings.cancelled_grace_days,
        )
        digest = hashlib.sha256(body).hexdigest()[:32]
        changed = self.store.last_changed() or datetime(1970, 1, 1, tzinfo=UTC)
        midnight = datetime.combine(today, time.min, tzinfo=UTC)
        self.renders += 1
        rendered = Rendered(
            body=body,
            gzipped=gzip.compress(body, compresslevel=6, mtime=0),
            etag=f'"{digest}"',
            gzip_etag=f'"{digest}-gz"',
            last_modified=max(_utc(changed), midnight).replace(microsecond=0),
            events=body.count(b"BEGIN:VEVENT"),
        )
        # Settled after the answer is out, in the pool: the collection takes ~0.2 s of GIL.
        self._unsettled = self._unsettled or (read_all and len(events) >= SETTLE_AFTER)
        return marker, rendered

    def _listing(self, token: str | None, flt: EventFilter) -> tuple[list[Event], bool]:
        """The feed's events, patched from the previous listing with only what changed since, and
        whether they were all read (first render, or a change that shows in many events).

        Reading 10,000 events costs far more than asking which of them changed (see
        `Store.listing_changes`), and after an edit usually one did. The entry is replaced whole,
        never mutated, so two renders of one feed (two days at midnight) cannot mix their states.
        """
        cached = self._listings.get(token)
        since = cached.version if cached is not None and cached.filter == flt else None
        changes = self.store.listing_changes(flt, since)
        if changes.full or cached is None:
            by_id = {event.id: event for event in changes.events}
        else:
            by_id = {i: event for i, event in cached.events.items() if i not in changes.removed}
            by_id.update((event.id, event) for event in changes.events)
        self._listings[token] = _Listing(flt, changes.version, by_id)
        return list(by_id.values()), changes.full

    # ------------------------------------------------------------------------------- JSON API

    async def list_events(self, request: Request) -> Response:
        flt, limit = _filter_from_query(request)

        def listing() -> Response:  # query and JSON encoding both off the loop: 10,000 events add up
            events = self.store.list_events(flt, limit=limit)
            return JSONResponse({"count": len(events), "events": [e.to_json() for e in events]})

        return await run_in_threadpool(listing)

    async def get_event(self, request: Request) -> Response:
        event = await run_in_threadpool(self.store.get_event, request.path_params["uid"])
        if event.deleted is not None:
            raise NotFoundError("no such event")
        return JSONResponse(event.to_json())

    async def openapi(self, request: Request) -> Response:
        return JSONResponse(openapi_document(self.settings))

    async def healthz(self, request: Request) -> Response:
        await run_in_threadpool(self.store.change_marker)
        return JSONResponse({"status": "ok"})


# -------------------------------------------------------------------------------------- helpers


def _settle_heap() -> None:
    """Take what the server holds for good out of the cycle collector's way (after reading a big feed whole).

    A 10,000-event listing and its remembered VEVENTs are a few hundred thousand objects that
    live as long as the server. Left in the collector's oldest generation, every full collection
    walks them all (~0.1 s with the GIL held: a re-render after an edit took 0.25 s instead of
    0.15 s, and a poll landing on it waited as long). Frozen, they are still freed by reference
    counting when replaced (events hold no cycles); only cycles among them would never be.
    """
    gc.collect()
    gc.freeze()


def _retrieve(future: asyncio.Future[Rendered]) -> None:
    """Mark a render's failure as seen: polls that got a previous render never await it."""
    if not future.cancelled():
        future.exception()


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _accepts_gzip(accept_encoding: str) -> bool:
    """True when the client takes gzip (and does not refuse it with q=0)."""
    for part in accept_encoding.lower().split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip() in ("gzip", "x-gzip", "*"):
            q = params.strip().removeprefix("q=").strip() if params.strip().startswith("q=") else "1"
            try:
                return float(q) > 0
            except ValueError:
                return True
    return False


def _not_modified(request: Request, rendered: Rendered) -> bool:
    """RFC 9110 §13.1: If-None-Match (weak comparison) decides alone when present."""
    inm = request.headers.get("if-none-match")
    if inm is not None:
        tags = {t.strip().removeprefix("W/") for t in inm.split(",")}
        return "*" in tags or bool(tags & {rendered.etag, rendered.gzip_etag})
    ims = request.headers.get("if-modified-since")
    if ims:
        try:
            since = parsedate_to_datetime(ims)
        except (TypeError, ValueError, IndexError):
            return False  # an unreadable date is ignored, as the RFC says
        if since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        return rendered.last_modified <= since
    return False


def _values(request: Request, name: str) -> list[str]:
    """A repeated or comma-separated query parameter."""
    return [v.strip() for raw in request.query_params.getlist(name) for v in raw.split(",") if v.strip()]


def _one_date(request: Request, name: str) -> date | None:
    raw = request.query_params.get(name)
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise InputError(f"{name} must be a date like 2026-01-30, not {raw!r}") from exc


def _filter_from_query(request: Request) -> tuple[EventFilter, int | None]:
    known = {"from", "to", "country", "actor", "type", "status", "min_confidence", "limit"}
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        raise InputError(f"unknown parameter {unknown[0]!r}; known: {', '.join(sorted(known))}")
    try:
        types = tuple(EventType(v) for v in _values(request, "type"))
    except ValueError as exc:
        raise InputError(f"type must be one of {', '.join(t.value for t in EventType)}") from exc
    try:
        statuses = tuple(Status(v) for v in _values(request, "status"))
    except ValueError as exc:
        raise InputError(f"status must be one of {', '.join(s.value for s in Status)}") from exc
    min_confidence: float | None = None
    if raw := request.query_params.get("min_confidence"):
        try:
            min_confidence = float(raw)
        except ValueError:
            min_confidence = -1.0
        if not 0.0 <= min_confidence <= 1.0:
            raise InputError(f"min_confidence must be a number from 0 to 1, not {raw!r}")
    limit: int | None = None
    if raw := request.query_params.get("limit"):
        if not raw.isdigit() or int(raw) < 1:
            raise InputError(f"limit must be a positive whole number, not {raw!r}")
        limit = int(raw)
    flt = EventFilter(
        date_from=_one_date(request, "from"),
        date_to=_one_date(request, "to"),
        countries=tuple(c.upper() for c in _values(request, "country")),
        actors=tuple(_values(request, "actor")),
        types=types,
        statuses=statuses,
        min_confidence=min_confidence,
    )
    if flt.date_from and flt.date_to and flt.date_to < flt.date_from:
        raise InputError("to is before from")
    return flt, limit


def _describe_filter(flt: EventFilter) -> str:
    return "; ".join(
        f"{key} {', '.join(map(str, value)) if isinstance(value, list) else value}"
        for key, value in flt.to_json().items()
    )


# ---------------------------------------------------------------------------------- errors


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def _tracker_error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, NotFoundError):
        # One answer for every unknown token or uid: nothing about what does exist.
        if request.url.path.endswith(".ics"):
            return Response("not found\n", status_code=404, media_type="text/plain")
        return _error(404, "not found")
    if isinstance(exc, ValidationError | InputError):
        return _error(400, str(exc))
    if isinstance(exc, DatabaseError):
        return _error(503, "the database is not available")
    return _error(500, "internal error")


async def _not_found(request: Request, exc: Exception) -> Response:
    return Response("not found\n", status_code=404, media_type="text/plain")


# ---------------------------------------------------------------------------------- the app


def create_app(
    settings: Settings,
    store: Store | None = None,
    *,
    clock: Callable[[], datetime] | None = None,
    fresh_wait: float = FRESH_WAIT,
) -> Starlette:
    """The feed server. With `store` given the caller owns it; otherwise the lifespan opens one.

    `clock` (UTC-aware "now") is for tests that move past a grace period; `fresh_wait` is how long
    a poll waits for a re-render after a change before it is answered with the previous render.
    """
    server = FeedServer(settings, store, clock, fresh_wait)
    routes = [
        Route("/calendar.ics", server.calendar, methods=["GET", "HEAD"]),
        Route("/feeds/{token}.ics", server.feed, methods=["GET", "HEAD"]),
        Route("/api/events", server.list_events, methods=["GET"]),
        Route("/api/events/{uid}", server.get_event, methods=["GET"]),
        Route("/openapi.json", server.openapi, methods=["GET"]),
        Route("/healthz", server.healthz, methods=["GET"]),
    ]
    middleware = [
        Middleware(
            GZipMiddleware,
            minimum_size=1000,
            exclude_content_types=(*DEFAULT_EXCLUDED_CONTENT_TYPES, "text/calendar"),
        )
    ]
    app = Starlette(
        routes=routes,
        middleware=middleware,
        lifespan=server.lifespan,
        exception_handlers={TrackerError: _tracker_error, 404: _not_found},
    )
    app.state.server = server
    return app


def serve(settings: Settings, host: str, port: int) -> None:
    """Run the feed server on uvicorn until interrupted (`tracker serve`)."""
    import uvicorn

    uvicorn.run(create_app(settings), host=host, port=port, log_level="info", proxy_headers=True)


def openapi_document(settings: Settings) -> dict[str, Any]:
    """OpenAPI 3.1 description of the read-only API and the calendar routes."""
    text_list = {"type": "array", "items": {"type": "string"}}
    type_enum = {"type": "string", "enum": [t.value for t in EventType]}
    status_enum = {"type": "string", "enum": [s.value for s in Status]}
    param = {"in": "query", "required": False, "style": "form", "explode": True}
    event = {
        "type": "object",
        "required": ["uid", "title", "type", "status", "start", "end", "precision"],
        "properties": {
            "uid": {"type": "string"},
            "title": {"type": "string"},
            "type": type_enum,
            "status": status_enum,
            "start": {"type": "string", "format": "date"},
            "end": {"type": "string", "format": "date", "description": "inclusive"},
            "precision": {"type": "string", "enum": ["day", "week", "month", "year"]},
            "start_time": {"type": ["string", "null"]},
            "end_time": {"type": ["string", "null"]},
            "timezone": {"type": ["string", "null"], "description": "IANA zone of the local times"},
            "participants": {"type": "array", "items": {"type": "object"}},
            "location": {"type": ["string", "null"]},
            "country": {"type": ["string", "null"]},
            "confidence": {"type": "number"},
            "origin": {"type": "string", "enum": ["extracted", "manual", "calendar"]},
            "sequence": {"type": "integer"},
            "created": {"type": "string", "format": "date-time"},
            "updated": {"type": "string", "format": "date-time"},
            "links": {"type": "array", "items": {"type": "object"}},
            "sources": text_list,
            "evidence": {"type": "array", "items": {"type": "object"}},
            "note": {"type": ["string", "null"]},
        },
    }
    error = {"type": "object", "properties": {"error": {"type": "string"}}}
    listing = {
        "type": "object",
        "properties": {
            "count": {"type": "integer"},
            "events": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}},
        },
    }
    calendar_responses = {
        "200": {"description": "The calendar", "content": {"text/calendar": {"schema": {"type": "string"}}}},
        "304": {"description": "Not modified (If-None-Match / If-Modified-Since)"},
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "tracker feeds", "version": "1", "description": "Read-only diplomatic events."},
        "servers": [{"url": settings.public_base_url}],
        "paths": {
            "/api/events": {
                "get": {
                    "summary": "List events",
                    "parameters": [
                        {**param, "name": "from", "schema": {"type": "string", "format": "date"}},
                        {**param, "name": "to", "schema": {"type": "string", "format": "date"}},
                        {**param, "name": "country", "schema": text_list, "description": "ISO 3166 alpha-2"},
                        {**param, "name": "actor", "schema": text_list},
                        {**param, "name": "type", "schema": {"type": "array", "items": type_enum}},
                        {**param, "name": "status", "schema": {"type": "array", "items": status_enum}},
                        {
                            **param,
                            "name": "min_confidence",
                            "schema": {"type": "number", "minimum": 0, "maximum": 1},
                        },
                        {**param, "name": "limit", "schema": {"type": "integer", "minimum": 1}},
                    ],
                    "responses": {
                        "200": {
                            "description": "Events ordered by start",
                            "content": {"application/json": {"schema": listing}},
                        },
                        "400": {
                            "description": "A bad filter",
                            "content": {"application/json": {"schema": error}},
                        },
                    },
                }
            },
            "/api/events/{uid}": {
                "get": {
                    "summary": "One event",
                    "parameters": [{"in": "path", "name": "uid", "required": True, "schema": {"type": "string"}}],
                    "responses": {
                        "200": {
                            "description": "The event",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Event"}}},
                        },
                        "404": {
                            "description": "No such event",
                            "content": {"application/json": {"schema": error}},
                        },
                    },
                }
            },
            "/calendar.ics": {"get": {"summary": "Every event as iCalendar", "responses": calendar_responses}},
            "/feeds/{token}.ics": {
                "get": {
                    "summary": "A saved feed as iCalendar",
                    "parameters": [{"in": "path", "name": "token", "required": True, "schema": {"type": "string"}}],
                    "responses": {**calendar_responses, "404": {"description": "Unknown token"}},
                }
            },
            "/healthz": {
                "get": {
                    "summary": "Liveness and database check",
                    "responses": {"200": {"description": "ok"}, "503": {"description": "no database"}},
                }
            },
        },
        "components": {"schemas": {"Event": event, "Error": error}},
    }
