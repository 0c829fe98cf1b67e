"""Benchmark the calendar feeds: render time, and a real server under a bounded load on loopback.

    .venv/bin/python bench/bench_feeds.py                # 10,000 events, concurrency 1, 8, 32
    .venv/bin/python bench/bench_feeds.py --events 2000 --seconds 5

1. Builds a SQLite database of N events through the Store (one import transaction).
2. Render: list_events + build_calendar directly (cold), then through the app's cache (cold
   request, cached request), in this process.
3. Starts uvicorn serving `create_app(settings)` in a child process on 127.0.0.1 and drives it
   with an httpx async load generator: full 200 responses (gzip, as calendar clients ask) and
   304 revalidations (If-None-Match), each at several concurrencies, bounded by a request count
   and a time limit. Meanwhile it times store edits ("ingest") against idle.
Prints requests/s, p50 and p99 latency and the ratios between them. Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

import httpx

from tracker.calendar import build_calendar
from tracker.config import Settings
from tracker.feeds import create_app
from tracker.model import (
    ActorKind,
    DateSpan,
    EventDraft,
    EventFilter,
    EventType,
    Evidence,
    Participant,
    Place,
    Precision,
    Role,
    Status,
)
from tracker.store import Store

HOST = "127.0.0.1"
COUNTRIES = ["RU", "IR", "CN", "IN", "TR", "DE", "FR", "US", "BR", "ZA", "ID", "SA", "EG", "JP", "KR"]
PEOPLE = ["Vladimir Putin", "Ali Larijani", "Andrei Rudenko", "Hamed Qanbari", "Wang Yi", "S. Jaishankar",
          "Hakan Fidan", "Annalena Baerbock", "Mauro Vieira", "Sugiono", "Faisal bin Farhan"]  # fmt: skip
CITIES = [("Moscow", "RU", 55.75, 37.62), ("Tehran", "IR", 35.69, 51.39), ("Beijing", "CN", 39.90, 116.40),
          ("New Delhi", "IN", 28.61, 77.21), ("Ankara", "TR", 39.93, 32.86), ("Berlin", "DE", 52.52, 13.40),
          ("Jakarta", "ID", -6.21, 106.85), ("Riyadh", "SA", 24.71, 46.68)]  # fmt: skip
ZONES = ["Europe/Moscow", "Asia/Tehran", "Asia/Shanghai", "Asia/Kolkata", "Europe/Berlin", "Asia/Jakarta"]


def make_drafts(n: int, seed: int = 7) -> list[EventDraft]:
    rng = random.Random(seed)
    types = list(EventType)
    drafts = []
    for i in range(n):
        first = date(2025, 1, 1) + timedelta(days=rng.randrange(3 * 365))
        precision = rng.choices([Precision.DAY, Precision.WEEK, Precision.MONTH], [8, 1, 1])[0]
        last = first + timedelta(days=rng.choice([0, 0, 0, 1, 2]))
        city = rng.choice(CITIES)
        host, guest = rng.sample(PEOPLE, 2)
        timed = rng.random() < 0.2
        drafts.append(
            EventDraft(
                title=f'{host} meets {guest}, round {i}: trade; energy, and "security"',
                type=rng.choice(types),
                status=rng.choices(list(Status), [5, 4, 1, 1])[0],
                span=DateSpan(first, last, precision),
                participants=(
                    Participant(host, role=Role.HOST, country_code=rng.choice(COUNTRIES)),
                    Participant(guest, role=Role.GUEST, country_code=rng.choice(COUNTRIES)),
                    Participant(rng.choice(COUNTRIES), kind=ActorKind.COUNTRY),
                ),
                place=Place(city[0], city[1], city[2], city[3]),
                confidence=round(rng.uniform(0.3, 1.0), 2),
                evidence=(
                    Evidence(
                        0,
                        80,
                        f"{host} received {guest} in {city[0]} — a quote, with commas; #{i}",
                        date_text="on Friday",
                        article_url=f"https://news.example/{i}",
                        outlet="WIRE",
                    ),
                ),  # fmt: skip
                start_time=clock_time(rng.randrange(8, 18), rng.choice([0, 30])) if timed else None,
                end_time=clock_time(19, 0) if timed else None,
                timezone=rng.choice(ZONES) if timed else None,
                external_uid=f"bench-{i}@bench",
            )
        )
    return drafts


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


@dataclass
class LoadResult:
    status: int
    concurrency: int
    requests: int
    seconds: float
    latencies: list[float]
    errors: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        return (f"  {self.status} c={self.concurrency:<3} {self.requests:>6} req in {self.seconds:5.2f}s "
                f"{self.rps:9.1f} req/s  p50 {pct(self.latencies, .5) * 1000:8.2f} ms  "
                f"p99 {pct(self.latencies, .99) * 1000:8.2f} ms  max {max(self.latencies) * 1000:8.1f} ms  "
                f"errors {self.errors}")  # fmt: skip


async def load(url: str, *, concurrency: int, max_requests: int, max_seconds: float,
               headers: dict[str, str], expect: int) -> LoadResult:  # fmt: skip
    """`concurrency` keep-alive connections, each a loop of GETs; stops at max_requests or max_seconds.

    A minimal HTTP/1.1 client on asyncio streams rather than httpx: with two cores shared with the
    server, httpx's own per-request cost would be what gets measured.
    """
    parsed = httpx.URL(url)
    host, port, path = parsed.host, parsed.port or 80, parsed.raw_path.decode()
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}", *(f"{k}: {v}" for k, v in headers.items())]
    request = ("\r\n".join(lines) + "\r\n\r\n").encode()
    latencies: list[float] = []
    errors = 0
    issued = 0
    start = time.perf_counter()
    deadline = start + max_seconds

    async def worker() -> None:
        nonlocal issued, errors
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while issued < max_requests and time.perf_counter() < deadline:
                issued += 1
                t0 = time.perf_counter()
                writer.write(request)
                status = int((await reader.readline()).split()[1])
                length = 0
                while (line := await reader.readline()) not in (b"\r\n", b""):
                    name, _, value = line.decode("latin-1").partition(":")
                    if name.lower() == "content-length":
                        length = int(value)
                if length:
                    await reader.readexactly(length)
                latencies.append(time.perf_counter() - t0)
                if status != expect:
                    errors += 1
        finally:
            writer.close()

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - start
    return LoadResult(expect, concurrency, len(latencies), elapsed, latencies, errors)


def start_server(database_url: str, port: int) -> subprocess.Popen[bytes]:
    code = (
        "import uvicorn; from tracker.config import Settings; from tracker.feeds import create_app; "
        f"uvicorn.run(create_app(Settings(database_url={database_url!r})), host={HOST!r}, port={port}, "
        "log_level='warning', access_log=False)"
    )
    proc = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://{HOST}:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.terminate()
    raise SystemExit("the server did not start")


def time_edits(store: Store, uids: list[str], label: str) -> list[float]:
    times = []
    for uid in uids:
        t0 = time.perf_counter()
        store.update_event(uid, {"note": f"{label} {time.time()}"}, by="bench")
        times.append(time.perf_counter() - t0)
    return times


async def edits_in_another_process(database_url: str, count: int, label: str) -> list[float]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, __file__, "--time-edits", str(count), "--label", label, "--database-url", database_url,
        stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, _ = await proc.communicate()
    return [float(x) for x in out.split()]


def edit_worker(database_url: str, count: int, label: str) -> None:
    """`--time-edits N`: N store edits, their durations in seconds on stdout (one per line)."""
    store = Store.open(Settings(database_url=database_url))
    uids = [e.uid for e in store.list_events(limit=count)]
    print("\n".join(str(t) for t in time_edits(store, uids, label)))
    store.close()


async def run_load(base: str, store: Store, args: argparse.Namespace) -> tuple[list[LoadResult], dict[str, float]]:
    url = f"{base}/calendar.ics"
    async with httpx.AsyncClient(timeout=120) as client:
        first = await client.get(url, headers={"Accept-Encoding": "gzip"})
        etag = first.headers["etag"]
    results = []
    for concurrency in args.concurrency:
        results.append(
            await load(
                url,
                concurrency=concurrency,
                max_requests=args.requests_200,
                max_seconds=args.seconds,
                headers={"Accept-Encoding": "gzip"},
                expect=200,
            )
        )
        print(results[-1].line(), flush=True)
    for concurrency in args.concurrency:
        results.append(
            await load(
                url,
                concurrency=concurrency,
                max_requests=args.requests_304,
                max_seconds=args.seconds,
                headers={"Accept-Encoding": "gzip", "If-None-Match": etag},
                expect=304,
            )
        )
        print(results[-1].line(), flush=True)

    # Ingest while subscribers poll: edits from a third process (as `tracker ingest` would run),
    # idle and then under the heaviest load, so neither the server nor this load generator
    # shares its interpreter with them.
    idle = await edits_in_another_process(store.settings.database_url, 20, "idle")
    loaded_task = asyncio.create_task(load(url, concurrency=max(args.concurrency), max_requests=10**9,
                                           max_seconds=args.seconds, headers={"Accept-Encoding": "gzip"},
                                           expect=200))  # fmt: skip
    await asyncio.sleep(0.5)
    busy = await edits_in_another_process(store.settings.database_url, 20, "busy")
    under = await loaded_task
    print(f"  200 c={under.concurrency} while 20 edits land (each one invalidates the feed): "
          f"{under.rps:.1f} req/s, p50 {pct(under.latencies, .5) * 1000:.1f} ms, "
          f"p99 {pct(under.latencies, .99) * 1000:.1f} ms, "
          f"max {max(under.latencies) * 1000:.0f} ms")  # fmt: skip
    return results, {
        "edit_idle_p50": statistics.median(idle),
        "edit_busy_p50": statistics.median(busy),
        "edit_idle_max": max(idle),
        "edit_busy_max": max(busy),
    }


async def app_render(settings: Settings, store: Store) -> dict[str, float]:
    """Through the app (ASGI, in process): a cold render, cached answers, a re-render after an edit."""
    app = create_app(settings, store, fresh_wait=600)  # wait for re-renders: they are what is timed
    transport = httpx.ASGITransport(app=app)
    headers = {"Accept-Encoding": "gzip"}
    async with httpx.AsyncClient(transport=transport, base_url="http://bench", timeout=300) as client:
        t0 = time.perf_counter()
        await client.get("/calendar.ics", headers=headers)
        cold = time.perf_counter() - t0
        cached = []
        for _ in range(50):
            t0 = time.perf_counter()
            await client.get("/calendar.ics", headers=headers)
            cached.append(time.perf_counter() - t0)
        after_edits = []
        for event in store.list_events(limit=5):  # a unique note: the edit must change something
            await asyncio.to_thread(store.update_event, event.uid, {"note": f"bench {time.time()}"}, by="bench")
            t0 = time.perf_counter()
            await client.get("/calendar.ics", headers=headers)
            after_edits.append(time.perf_counter() - t0)
    return {"cold": cold, "cached": statistics.median(cached), "after_edit": statistics.median(after_edits),
            "after_edit_max": max(after_edits), "renders": app.state.server.renders}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--requests-200", type=int, default=2000, help="at most this many 200s per level")
    parser.add_argument("--requests-304", type=int, default=20000, help="at most this many 304s per level")
    parser.add_argument("--seconds", type=float, default=10.0, help="and at most this long per level")
    parser.add_argument("--db", type=Path, help="SQLite file to (re)use; a temporary one by default")
    parser.add_argument("--time-edits", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--label", default="", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.time_edits:
        edit_worker(args.database_url, args.time_edits, args.label)
        return

    db = args.db or Path(tempfile.mkdtemp(prefix="tracker-bench-")) / "bench.sqlite3"
    settings = Settings(database_url=f"sqlite:///{db}")
    store = Store.open(settings)
    print(f"database: {db}")
    have = store.count_events()
    if have < args.events:
        t0 = time.perf_counter()
        result = store.import_events(make_drafts(args.events)[have:])
        print(f"built {result.created} events in {time.perf_counter() - t0:.1f}s")
    total = store.count_events()
    print(f"events: {total}")

    print(f"\nrender ({total} events)")
    timing = asyncio.run(app_render(settings, store))
    print(f"  app, cold request (list_events + build_calendar + gzip): {timing['cold'] * 1000:.0f} ms")
    print(f"  app, cached request: {timing['cached'] * 1000:.2f} ms")
    print(f"  app, first request after one edit (re-render; median of 5, max): "
          f"{timing['after_edit'] * 1000:.0f} ms, {timing['after_edit_max'] * 1000:.0f} ms")  # fmt: skip
    t0 = time.perf_counter()
    events = store.list_events(EventFilter(include_deleted=True))
    t_list = time.perf_counter() - t0
    t0 = time.perf_counter()
    body = build_calendar(events, name="bench", today=datetime.now(UTC).date(), url="http://127.0.0.1/c.ics")
    t_build = time.perf_counter() - t0
    print(f"  store.list_events {t_list * 1000:.0f} ms, build_calendar (warm) {t_build * 1000:.0f} ms; "
          f"{len(body) / 1e6:.1f} MB, {body.count(b'BEGIN:VEVENT')} VEVENTs")  # fmt: skip
    if hasattr(store, "listing_changes"):  # what a re-render reads instead of list_events
        flt = EventFilter(include_deleted=True)
        version = store.listing_changes(flt).version
        store.update_event(events[0].uid, {"note": f"bench {time.time()}"}, by="bench")
        t0 = time.perf_counter()
        changes = store.listing_changes(flt, version)
        print(f"  store.listing_changes after one edit {(time.perf_counter() - t0) * 1000:.0f} ms "
              f"({len(changes.events)} event read)")  # fmt: skip
    print(f"  ratio cold/cached: {timing['cold'] / timing['cached']:.0f}x; "
          f"cold/after-edit: {timing['cold'] / timing['after_edit']:.1f}x")  # fmt: skip

    port = free_port()
    print(f"\nload on http://{HOST}:{port} (uvicorn in a child process; gzip accepted)")
    proc = start_server(settings.database_url, port)
    try:
        results, edits = asyncio.run(run_load(f"http://{HOST}:{port}", store, args))
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    store.close()

    print("\nratios")
    by = {(r.status, r.concurrency): r for r in results}
    for c in args.concurrency:
        ok, nm = by[(200, c)], by[(304, c)]
        print(f"  c={c:<3} 304/200 throughput {nm.rps / ok.rps:6.1f}x   200 p99/p50 "
              f"{pct(ok.latencies, .99) / pct(ok.latencies, .5):4.1f}   304 p99/p50 "
              f"{pct(nm.latencies, .99) / pct(nm.latencies, .5):4.1f}")  # fmt: skip
    lo, hi = min(args.concurrency), max(args.concurrency)
    for status in (200, 304):
        print(f"  {status}: throughput at c={hi} / c={lo}: {by[(status, hi)].rps / by[(status, lo)].rps:.1f}x")
    print(f"  store edit p50 idle {edits['edit_idle_p50'] * 1000:.1f} ms, under c={hi} load "
          f"{edits['edit_busy_p50'] * 1000:.1f} ms (max {edits['edit_busy_max'] * 1000:.1f} ms): "
          f"{edits['edit_busy_p50'] / edits['edit_idle_p50']:.1f}x")  # fmt: skip
    if os.environ.get("BENCH_STRICT") and any(r.errors for r in results):
        raise SystemExit("some responses had an unexpected status")


if __name__ == "__main__":
    main()
