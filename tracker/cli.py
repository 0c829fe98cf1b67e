"""The command line: thin commands over the library, with one error boundary.

Each command opens the library object, calls one function and prints. Library errors
(`TrackerError`) become one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time as clock
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any, NoReturn

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from tracker import articles as reading
from tracker.config import Settings
from tracker.errors import InputError, TrackerError
from tracker.model import (
    ActorKind,
    Article,
    DateSpan,
    EventDraft,
    EventFilter,
    EventType,
    Participant,
    Place,
    Precision,
    Role,
    Status,
)

err = Console(stderr=True)
TYPES = [t.value for t in EventType]
STATUSES = [s.value for s in Status]
PRECISIONS = [p.value for p in Precision]


class TrackerGroup(click.Group):
    """Turns library errors into one line and an exit code, in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TrackerError as exc:
            fail(str(exc), exc.exit_code)
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except BrokenPipeError:
            sys.exit(0)


def fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


@dataclass
class State:
    database: str | None

    def settings(self, **overrides: object) -> Settings:
        return Settings.from_env(None, database_url=self.database, **overrides)

    def store(self) -> Any:
        from tracker.store import Store

        return Store.open(self.settings())


pass_state = click.make_pass_decorator(State)


def day_option(value: str | None, what: str) -> date | None:
    if value is None:
        return None
    try:
        return reading.parse_day(value, what)
    except TrackerError as exc:
        raise click.BadParameter(str(exc)) from None


def parse_date_param(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    return day_option(value, f"--{param.name}")


def read_input(path: str) -> tuple[bytes, str]:
    if path == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file")
    if not p.is_file():
        raise InputError(f"{path}: not a regular file")
    return p.read_bytes(), path


def jsonl_rows(path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    data, name = read_input(path)
    text = reading.decode(data, name)
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name} line {number}: not JSON ({exc.msg})") from None
        if not isinstance(row, dict) or "doc_id" not in row or not isinstance(row.get("text"), str):
            raise InputError(f"{name} line {number}: expected an object with 'doc_id' and 'text'")
        yield number, row


def emit(obj: object) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False))


def progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    console=err, transient=True)


# ------------------------------------------------------------------------------ the group


@click.group(cls=TrackerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--database", envvar="TRACKER_DATABASE_URL", metavar="URL",
              help="Database URL (default: SQLite in ~/.local/share/tracker; env TRACKER_DATABASE_URL).")
@click.version_option(package_name="tracker")
@click.pass_context
def cli(ctx: click.Context, database: str | None) -> None:
    """Track diplomatic events from news in many languages and publish them as calendars.

    \b
    Example:
      tracker ingest seeds/
      tracker events --country IR
      tracker export -o relations.ics
    """
    ctx.obj = State(database)


# ------------------------------------------------------------------------------ extraction


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=parse_date_param, help="Publication date YYYY-MM-DD (overrides the file's).")
@click.option("--lang", help="Language code (id, en, ru, fa, ar, fr, es, de); detected when absent.")
@click.option("--url", help="The article's URL.")
@click.option("--outlet", help="The outlet that published it.")
@pass_state
def ingest(state: State, paths: tuple[str, ...], published: date | None, lang: str | None, url: str | None,
           outlet: str | None) -> None:
    """Read articles, extract their events and store them (idempotent).

    PATHS are .txt/.md/.html files, folders, or - for stdin. Files may start with a front
    matter (published, url, outlet, lang, title).

    \b
    Example:
      tracker ingest seeds/
      cat article.txt | tracker ingest - --published 2026-01-31 --lang id
    """
    from tracker.pipeline import ingest as ingest_one
    from tracker.pipeline import registry_for

    stdin = sys.stdin.buffer.read() if "-" in paths else None
    # Read and check every input first: a bad file stops the run before anything is stored.
    found = list(reading.read_articles(list(paths), stdin=stdin, published=published, language=lang, url=url,
                                       outlet=outlet))
    store = state.store()
    new = unchanged = created = merged = 0
    try:
        registry = registry_for(store)
        with progress() as bar:
            task = bar.add_task("ingesting", total=len(found))
            for article in found:
                result = ingest_one(store, article, registry=registry)
                new += result.article_new
                unchanged += not result.article_new
                created += len(result.created)
                merged += len(result.merged)
                bar.advance(task)
    finally:
        store.close()
    click.echo(f"articles: {new} new, {unchanged} unchanged; events: {created} created, {merged} merged")


@cli.command()
@click.argument("file", required=False, default="-")
@click.option("--published", callback=parse_date_param, help="Reference date YYYY-MM-DD.")
@click.option("--lang", help="Language code; detected when absent.")
@click.option("--jsonl", "jsonl", metavar="FILE",
              help='Batch: lines {"doc_id","lang"?,"dct","text"} → lines {"doc_id","pred":[...]}.')
def dates(file: str, published: date | None, lang: str | None, jsonl: str | None) -> None:
    """Print the temporal expressions in a text as JSON (offsets, type, TIMEX3 value).

    \b
    Example:
      tracker dates seeds/000_2bda8f653aab7373.md --published 2026-01-31 --lang id
      tracker dates --jsonl corpus.jsonl > pred.jsonl
    """
    from tracker.extract.language import detect_language
    from tracker.extract.temporal import find_dates

    if jsonl:
        for number, row in jsonl_rows(jsonl):
            dct = day_or_fail(row.get("dct"), f"{jsonl} line {number}: dct")
            language = row.get("lang") or lang or detect_language(row["text"])
            found = find_dates(row["text"], language, dct or published)
            emit({"doc_id": row["doc_id"], "pred": [m.to_json() for m in found]})
        return
    data, name = read_input(file)
    article = reading.parse_article(data, name)
    language = lang or article.language or detect_language(article.text)
    emit([m.to_json() for m in find_dates(article.text, language, published or article.published)])


def day_or_fail(value: object, what: str) -> date | None:
    return reading.parse_day(value, what) if value else None


@cli.command()
@click.argument("file", required=False, default="-")
@click.option("--published", callback=parse_date_param, help="Publication date YYYY-MM-DD.")
@click.option("--lang", help="Language code; detected when absent.")
@click.option("--jsonl", "jsonl", metavar="FILE",
              help='Batch: lines {"doc_id","lang"?,"published"?,"text"} → lines {"doc_id","events":[...]}.')
def extract(file: str, published: date | None, lang: str | None, jsonl: str | None) -> None:
    """Print the events found in an article as JSON, without storing anything.

    \b
    Example:
      tracker extract seeds/000_2bda8f653aab7373.md
      tracker extract --jsonl articles.jsonl > events.jsonl
    """
    from tracker.extract.entities import ActorRegistry
    from tracker.pipeline import analyse

    registry = ActorRegistry.default()
    if jsonl:
        for number, row in jsonl_rows(jsonl):
            day = day_or_fail(row.get("published"), f"{jsonl} line {number}: published")
            article = Article(text=row["text"], language=row.get("lang") or lang, published=day or published,
                              url=row.get("url"))
            found = analyse(article, registry=registry)
            emit({"doc_id": row["doc_id"], "events": [d.to_json() for d in found.drafts]})
        return
    data, name = read_input(file)
    article = reading.parse_article(data, name)
    article = replace(article, published=published or article.published, language=lang or article.language)
    found = analyse(article, registry=registry)
    if found.needs_reference:
        err.print("[yellow]note:[/] no publication date or dateline: relative dates were left unresolved "
                  "(give --published)")
    emit([d.to_json() for d in found.drafts])


# ------------------------------------------------------------------------------ events


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--from", "date_from", callback=parse_date_param, help="Events ending on or after this day."),
        click.option("--to", "date_to", callback=parse_date_param, help="Events starting on or before this day."),
        click.option("--country", "countries", multiple=True, help="ISO country code (repeatable), e.g. IR."),
        click.option("--actor", "actors", multiple=True, help="Participant name or alias (repeatable)."),
        click.option("--type", "types", multiple=True, type=click.Choice(TYPES), help="Event type (repeatable)."),
        click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES), help="Status (repeatable)."),
        click.option("--min-confidence", type=click.FloatRange(0, 1), help="Only events at least this confident."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def make_filter(kw: dict[str, Any]) -> EventFilter:
    return EventFilter(
        date_from=kw.pop("date_from"), date_to=kw.pop("date_to"),
        countries=tuple(c.upper() for c in kw.pop("countries")), actors=tuple(kw.pop("actors")),
        types=tuple(EventType(t) for t in kw.pop("types")), statuses=tuple(Status(s) for s in kw.pop("statuses")),
        min_confidence=kw.pop("min_confidence"),
    )


@cli.command()
@filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@pass_state
def events(state: State, fmt: str, **kw: Any) -> None:
    """List stored events.

    \b
    Example:
      tracker events --country IR --status scheduled --format json
    """
    flt = make_filter(kw)
    store = state.store()
    try:
        found = store.list_events(flt)
    finally:
        store.close()
    if fmt == "json":
        emit([e.to_json() for e in found])
        return
    rows = [(e.uid, e.span.first.isoformat(), e.span.last.isoformat(), e.span.precision.value, e.type.value,
             e.status.value, e.title, "; ".join(p.name for p in e.participants), e.place.name if e.place else "",
             f"{e.confidence:.2f}") for e in found]
    header = ("uid", "start", "end", "precision", "type", "status", "title", "participants", "location",
              "confidence")
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(header)
        writer.writerows(rows)
        click.echo(buf.getvalue(), nl=False)
        return
    table = Table(*header[1:], title=f"{len(found)} events")
    for row in rows:
        table.add_row(*row[1:])
    Console().print(table)


@cli.command()
@click.argument("uid")
@pass_state
def show(state: State, uid: str) -> None:
    """Show one event with its evidence, follow-ups and revision history as JSON.

    \b
    Example:
      tracker show 9b031fbf-...@tracker
    """
    store = state.store()
    try:
        event = store.get_event(uid)
        out = event.to_json()
        out["revisions"] = [{"field": r.field, "old": r.old, "new": r.new, "at": r.at.isoformat(), "by": r.by}
                            for r in store.revisions(uid)]
        out["follow_ups"] = [e.uid for e in store.follow_ups(uid)]
    finally:
        store.close()
    emit(out)


def span_of(start: date, end: date | None, precision: str) -> DateSpan:
    last = end or start
    if last < start:
        raise InputError(f"--end {last} is before --start {start}")
    return DateSpan(start, last, Precision(precision))


@cli.command()
@click.argument("title")
@click.option("--start", required=True, callback=parse_date_param, help="First day, YYYY-MM-DD.")
@click.option("--end", callback=parse_date_param, help="Last day (inclusive), YYYY-MM-DD.")
@click.option("--precision", type=click.Choice(PRECISIONS), default="day", show_default=True)
@click.option("--type", "type_", type=click.Choice(TYPES), default="meeting", show_default=True)
@click.option("--status", type=click.Choice(STATUSES), default="scheduled", show_default=True)
@click.option("--time", "start_time", help="Local start time HH:MM (needs --tz).")
@click.option("--tz", "timezone", help="IANA time zone of --time, e.g. Asia/Tehran.")
@click.option("--location", help="Place name.")
@click.option("--country", help="ISO country code of the place.")
@click.option("--participant", "participants", multiple=True, help="Participant name (repeatable).")
@click.option("--follows", metavar="UID", help="Make this a follow-up of the event UID.")
@click.option("--note", help="Free text.")
@pass_state
def add(state: State, title: str, start: date, end: date | None, precision: str, type_: str, status: str,
        start_time: str | None, timezone: str | None, location: str | None, country: str | None,
        participants: tuple[str, ...], follows: str | None, note: str | None) -> None:
    """Add an event by hand (for instance a follow-up) and print its uid.

    \b
    Example:
      tracker add "Follow-up talks, Tehran" --start 2026-03-02 --type talks \\
        --participant "Andrei Rudenko" --follows 9b031fbf-...@tracker
    """
    if not title.strip():
        raise InputError("the title is empty")
    clock_time = parse_time(start_time)
    if clock_time and not timezone:
        raise InputError("--time needs --tz (an IANA zone such as Europe/Moscow)")
    if timezone:
        check_zone(timezone)
    draft = EventDraft(
        title=title, type=EventType(type_), status=Status(status), span=span_of(start, end, precision),
        participants=tuple(Participant(name=p, kind=ActorKind.PERSON, role=Role.PARTICIPANT) for p in participants),
        place=Place(location, country.upper() if country else None) if location else None, confidence=1.0,
        start_time=clock_time, timezone=timezone, note=note,
    )
    store = state.store()
    try:
        event = store.add_event(draft, follows=follows, by="person:cli")
    finally:
        store.close()
    click.echo(event.uid)


def parse_time(value: str | None) -> time | None:
    if not value:
        return None
    try:
        return time.fromisoformat(value)
    except ValueError:
        raise InputError(f"bad time {value!r}: expected HH:MM") from None


def check_zone(name: str) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(f"unknown time zone {name!r}: use an IANA name such as Asia/Tehran") from None


@cli.command()
@click.argument("uid")
@click.option("--title")
@click.option("--start", callback=parse_date_param)
@click.option("--end", callback=parse_date_param)
@click.option("--precision", type=click.Choice(PRECISIONS))
@click.option("--type", "type_", type=click.Choice(TYPES))
@click.option("--status", type=click.Choice(STATUSES))
@click.option("--location")
@click.option("--note")
@click.option("--delete", is_flag=True, help="Remove the event (kept in history; feeds show it as removed).")
@pass_state
def edit(state: State, uid: str, delete: bool, **fields: Any) -> None:
    """Correct an event; what you set is never overwritten by later extraction.

    \b
    Example:
      tracker edit 9b031fbf-...@tracker --status postponed --note "moved to March"
    """
    changes = {("type" if k == "type_" else k): v for k, v in fields.items() if v is not None}
    if "location" in changes:
        changes["place"] = Place(changes.pop("location"))
    store = state.store()
    try:
        if delete:
            store.delete_event(uid, by="person:cli")
            click.echo(f"deleted {uid}")
            return
        if not changes:
            raise InputError("nothing to change: give at least one of --title, --start, --status ...")
        event = store.update_event(uid, changes, by="person:cli")
    finally:
        store.close()
    click.echo(f"{event.uid} now at sequence {event.sequence}")


# ------------------------------------------------------------------------------ calendars


@cli.command()
@filter_options
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="File to write (default stdout).")
@pass_state
def export(state: State, output: str | None, **kw: Any) -> None:
    """Write the events as an iCalendar (.ics) file.

    \b
    Example:
      tracker export -o iran-russia.ics --country IR --country RU
    """
    from tracker.calendar import build_calendar

    flt = make_filter(kw)
    settings = state.settings()
    store = state.store()
    try:
        found = store.list_events(replace(flt, include_deleted=True))
    finally:
        store.close()
    data = build_calendar(found, name=settings.calendar_name, refresh_minutes=settings.refresh_minutes,
                          url=settings.feed_url(), today=datetime.now(UTC).date(),
                          cancelled_grace_days=settings.cancelled_grace_days)
    if output:
        Path(output).write_bytes(data)
        err.print(f"wrote {len(found)} events to {output}")
    else:
        sys.stdout.buffer.write(data)


@cli.command("import-ics")
@click.argument("source")
@pass_state
def import_ics(state: State, source: str) -> None:
    """Import an external calendar (file or http(s) URL); idempotent by UID.

    \b
    Example:
      tracker import-ics official-agenda.ics
    """
    from tracker.calendar import read_calendar

    if source.startswith(("http://", "https://", "webcal://")):
        data = fetch(source)
    else:
        data, _ = read_input(source)
        if not data.strip():
            raise InputError(f"{source}: the file is empty")
    drafts = read_calendar(data)
    store = state.store()
    try:
        result = store.import_events(drafts)
    finally:
        store.close()
    click.echo(f"events: {result.created} created, {result.updated} updated, {result.unchanged} unchanged")


def fetch(url: str) -> bytes:
    import urllib.error
    import urllib.request

    url = "https://" + url[len("webcal://"):] if url.startswith("webcal://") else url
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return bytes(response.read())
    except (urllib.error.URLError, TimeoutError, ValueError) as exc:
        raise InputError(f"cannot fetch {url}: {getattr(exc, 'reason', exc)}") from None


@cli.group()
def feeds() -> None:
    """Saved calendar feeds: a filter behind an unguessable URL."""


@feeds.command("add")
@click.argument("name")
@filter_options
@pass_state
def feeds_add(state: State, name: str, **kw: Any) -> None:
    """Save a filtered feed and print its https:// and webcal:// links.

    \b
    Example:
      tracker feeds add "Iran scheduled" --country IR --status scheduled
    """
    flt = make_filter(kw)
    settings = state.settings()
    store = state.store()
    try:
        feed = store.add_feed(name, flt)
    finally:
        store.close()
    click.echo(f"{feed.name}\n  {settings.feed_url(feed.token)}\n  {settings.webcal_url(feed.token)}")


@feeds.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@pass_state
def feeds_list(state: State, fmt: str) -> None:
    """List saved feeds with their links.

    \b
    Example:
      tracker feeds list --format json
    """
    settings = state.settings()
    store = state.store()
    try:
        found = store.list_feeds()
    finally:
        store.close()
    if fmt == "json":
        emit([{"name": f.name, "filter": f.filter.to_json(), "url": settings.feed_url(f.token),
               "webcal": settings.webcal_url(f.token)} for f in found])
        return
    for f in found:
        click.echo(f"{f.name}  {json.dumps(f.filter.to_json(), ensure_ascii=False)}\n"
                   f"  {settings.feed_url(f.token)}\n  {settings.webcal_url(f.token)}")
    if not found:
        click.echo("no saved feeds (everything is at " + settings.feed_url() + ")")


@feeds.command("rm")
@click.argument("name")
@pass_state
def feeds_rm(state: State, name: str) -> None:
    """Remove a saved feed (by name or token); its URL stops working.

    \b
    Example:
      tracker feeds rm "Iran scheduled"
    """
    store = state.store()
    try:
        store.remove_feed(name)
    finally:
        store.close()
    click.echo(f"removed {name}")


# ------------------------------------------------------------------------------ articles and actors


@cli.command("articles")
@click.option("--unresolved", is_flag=True, help="Only articles without a reference date.")
@pass_state
def articles_cmd(state: State, unresolved: bool) -> None:
    """List stored articles and where their reference date came from.

    \b
    Example:
      tracker articles --unresolved
    """
    store = state.store()
    try:
        found = store.list_articles(without_reference=unresolved)
    finally:
        store.close()
    for a in found:
        ref = a.reference.isoformat() if a.reference else "—"
        source = a.reference_source.value
        click.echo(f"{a.id}\t{a.language or '?'}\t{ref} ({source})\t{a.outlet or ''}\t{a.title or ''}")


@cli.command()
@click.argument("article_id", type=int)
@click.argument("day")
@pass_state
def reference(state: State, article_id: int, day: str) -> None:
    """Set an article's reference date; its dates and events are resolved again.

    \b
    Example:
      tracker reference 3 2026-01-30
    """
    from tracker.pipeline import set_reference

    parsed = reading.parse_day(day, "reference date")
    assert parsed is not None
    store = state.store()
    try:
        result = set_reference(store, article_id, parsed)
    finally:
        store.close()
    click.echo(f"article {article_id}: events {len(result.created)} created, {len(result.merged)} merged")


@cli.command()
@click.argument("name")
@click.argument("alias")
@click.option("--kind", type=click.Choice([k.value for k in ActorKind]), default="person", show_default=True)
@click.option("--country", help="ISO country code of the actor.")
@pass_state
def alias(state: State, name: str, alias: str, kind: str, country: str | None) -> None:
    """Teach the actor registry another spelling of a name.

    \b
    Example:
      tracker alias "Ali Larijani" "Али Лариджани" --country IR
    """
    store = state.store()
    try:
        store.add_alias(name, alias, kind=ActorKind(kind), country_code=country.upper() if country else None)
    finally:
        store.close()
    click.echo(f"{alias} → {name}")


# ------------------------------------------------------------------------------ services


@cli.group()
def db() -> None:
    """Database schema: upgrade, downgrade, current."""


@db.command("upgrade")
@click.argument("revision", default="head")
@pass_state
def db_upgrade(state: State, revision: str) -> None:
    """Bring the schema to REVISION (default head).

    \b
    Example:
      TRACKER_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1/tracker tracker db upgrade
    """
    from tracker.store.db import current_revision, make_engine, upgrade

    engine = make_engine(state.settings().database_url)
    try:
        upgrade(engine, revision)
        click.echo(f"schema at {current_revision(engine)}")
    finally:
        engine.dispose()


@db.command("downgrade")
@click.argument("revision")
@pass_state
def db_downgrade(state: State, revision: str) -> None:
    """Take the schema back to REVISION ('base' drops every table).

    \b
    Example:
      tracker db downgrade base
    """
    from tracker.store.db import current_revision, downgrade, make_engine

    engine = make_engine(state.settings().database_url)
    try:
        downgrade(engine, revision)
        click.echo(f"schema at {current_revision(engine) or 'base'}")
    finally:
        engine.dispose()


@db.command("current")
@pass_state
def db_current(state: State) -> None:
    """Print the schema revision of the database.

    \b
    Example:
      tracker db current
    """
    from tracker.store.db import current_revision, make_engine

    engine = make_engine(state.settings().database_url)
    try:
        click.echo(current_revision(engine) or "empty")
    finally:
        engine.dispose()


@cli.command()
@click.option("--host", envvar="TRACKER_FEED_HOST", default="127.0.0.1", show_default=True)
@click.option("--port", envvar="TRACKER_FEED_PORT", type=int, default=8765, show_default=True)
@pass_state
def serve(state: State, host: str, port: int) -> None:
    """Serve the calendar feeds over HTTP (/calendar.ics, /feeds/TOKEN.ics, /api/events).

    \b
    Example:
      tracker serve --port 8765
      # then subscribe to webcal://127.0.0.1:8765/calendar.ics
    """
    from tracker.feeds import serve as run_server

    settings = state.settings(feed_host=host, feed_port=port)
    state.store().close()  # bring the schema up (and fail early on a bad database)
    run_server(settings, host, port)


def dashboard_command(settings: Settings, port: int) -> list[str]:
    app = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
    return [sys.executable, "-m", "streamlit", "run", str(app), "--server.headless", "true",
            "--server.port", str(port), "--browser.gatherUsageStats", "false", "--client.toolbarMode", "viewer"]


@cli.command()
@click.option("--port", envvar="TRACKER_DASHBOARD_PORT", type=int, default=8501, show_default=True)
@pass_state
def dashboard(state: State, port: int) -> None:
    """Start the Streamlit dashboard (headless).

    \b
    Example:
      tracker dashboard --port 8501
    """
    settings = state.settings()
    state.store().close()
    env_db = {"TRACKER_DATABASE_URL": settings.database_url}
    sys.exit(subprocess.call(dashboard_command(settings, port), env={**os.environ, **env_db}))


@cli.command()
@click.option("--seeds", "seed_dir", default="seeds", show_default=True, help="Folder of articles to ingest first.")
@click.option("--port", envvar="TRACKER_DASHBOARD_PORT", type=int, default=8501, show_default=True)
@click.option("--feed-port", envvar="TRACKER_FEED_PORT", type=int, default=8765, show_default=True)
@click.pass_context
def run(ctx: click.Context, seed_dir: str, port: int, feed_port: int) -> None:
    """The main job: ingest the seed articles, serve the feed and start the dashboard.

    \b
    Example:
      tracker run --seeds seeds/
    """
    state: State = ctx.obj
    if Path(seed_dir).is_dir():
        ctx.invoke(ingest, paths=(seed_dir,), published=None, lang=None, url=None, outlet=None)
    settings = state.settings(feed_port=feed_port)
    env = {**os.environ, "TRACKER_DATABASE_URL": settings.database_url, "TRACKER_FEED_PORT": str(feed_port)}
    feed = subprocess.Popen([sys.executable, "-m", "tracker", "serve", "--port", str(feed_port)], env=env)
    click.echo(f"calendar feed: {settings.feed_url()}  ({settings.webcal_url()})")
    click.echo(f"dashboard:     http://127.0.0.1:{port}")
    children = [feed]
    try:
        children.append(subprocess.Popen(dashboard_command(settings, port), env=env))
        while all(proc.poll() is None for proc in children):
            clock.sleep(0.5)
    finally:
        for proc in children:
            if proc.poll() is None:
                proc.terminate()


def main(argv: Sequence[str] | None = None) -> None:
    cli.main(args=list(argv) if argv is not None else None, prog_name="tracker")


if __name__ == "__main__":
    main()
