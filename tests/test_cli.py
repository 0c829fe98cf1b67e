"""CLI: every command, its help text, its JSON contracts and its error cases (on every backend)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from tests.conftest import SEED
from tracker.articles import parse_article
from tracker.cli import cli
from tracker.config import Settings

Run = Callable[..., Result]


@pytest.fixture
def run(settings: Settings) -> Run:
    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None) -> Result:
        return runner.invoke(cli, ["--database", settings.database_url, *args], input=input,
                             catch_exceptions=False)

    return invoke


def walk(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from walk(command, (*prefix, name))


@pytest.mark.parametrize("path", [p for p, c in walk(cli) if not isinstance(c, click.Group)],
                         ids=lambda p: " ".join(p))
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output, f"tracker {' '.join(path)} --help has no example"


def one_line_error(result: Result, *needles: str) -> None:
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert "Traceback" not in result.output
    assert any(all(n in line for n in needles) for line in lines), result.output


def test_ingest_bad_inputs_fail_cleanly_and_store_nothing(run: Run, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Menteri bertemu pada 5 Februari 2026 di Jakarta.")
    cases = {
        "missing": (str(tmp_path / "nope.txt"), "no such file"),
        "empty": ("empty.txt", "empty"),
        "binary": ("bin.txt", "binary"),
        "latin1": ("latin.txt", "UTF-8"),
        "front": ("front.md", "malformed front matter"),
    }
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02PNG")
    (tmp_path / "latin.txt").write_bytes("Bogotá 5 de febrero".encode("latin-1"))
    (tmp_path / "front.md").write_text("---\ntitle: [x\n---\nText")
    for name, (path, needle) in cases.items():
        target = path if name == "missing" else str(tmp_path / path)
        result = run("ingest", str(good), target)
        one_line_error(result, needle)
    events = json.loads(run("events", "--format", "json").output)
    assert events == []
    one_line_error(run("ingest", str(good), "--published", "2026-13-01"), "2026-13-01")


def test_unreachable_database_is_one_line() -> None:
    result = CliRunner().invoke(cli, ["--database", "postgresql+psycopg://nobody@127.0.0.1:9/none", "events"])
    one_line_error(result, "cannot reach the database")
    assert result.exit_code == 4


def test_add_show_edit_follow_up(run: Run) -> None:
    parent = run("add", "Putin receives Larijani", "--start", "2026-01-30", "--type", "meeting", "--status",
                 "held", "--location", "Moscow", "--country", "ru", "--participant", "Vladimir Putin").output.strip()
    assert parent.endswith("@tracker")
    child = run("add", "Follow-up talks", "--start", "2026-03-02", "--end", "2026-03-03", "--follows",
                parent).output.strip()
    shown = json.loads(run("show", child).output)
    assert shown["links"] == [{"kind": "follow_up_of", "uid": parent}]
    assert (shown["start"], shown["end"], shown["origin"]) == ("2026-03-02", "2026-03-03", "manual")
    assert json.loads(run("show", parent).output)["follow_ups"] == [child]
    assert "sequence 1" in run("edit", child, "--status", "postponed").output
    assert json.loads(run("show", child).output)["revisions"][-1]["field"] == "status"
    one_line_error(run("add", "X", "--start", "2026-03-02", "--end", "2026-03-01"), "before")
    one_line_error(run("add", "X", "--start", "2026-02-30"), "2026-02-30")
    one_line_error(run("add", "X", "--start", "2026-03-02", "--follows", "missing@tracker"), "missing@tracker")
    one_line_error(run("add", "X", "--start", "2026-03-02", "--time", "10:00", "--tz", "Mars/Base"), "time zone")
    one_line_error(run("edit", child), "nothing to change")


def test_events_formats_and_filters(run: Run) -> None:
    run("add", "Tehran session", "--start", "2026-02-16", "--end", "2026-02-18", "--type", "session",
        "--location", "Tehran", "--country", "IR")
    run("add", "Berlin talks", "--start", "2026-05-04", "--type", "talks", "--location", "Berlin", "--country", "DE")
    rows = json.loads(run("events", "--format", "json", "--country", "IR").output)
    assert [r["title"] for r in rows] == ["Tehran session"]
    csv_out = run("events", "--format", "csv", "--type", "talks").output.splitlines()
    assert csv_out[0].startswith("uid,start,end") and "Berlin talks" in csv_out[1]
    assert "2 events" in run("events").output
    assert json.loads(run("events", "--format", "json", "--from", "2026-03-01").output)[0]["title"] == "Berlin talks"
    one_line_error(run("events", "--from", "yesterday"), "yesterday")


def test_export_and_import_ics(run: Run, tmp_path: Path) -> None:
    run("add", "Tehran session", "--start", "2026-02-16", "--end", "2026-02-18", "--type", "session")
    out = tmp_path / "out.ics"
    assert run("export", "-o", str(out)).exit_code == 0
    data = out.read_bytes()
    assert b"BEGIN:VCALENDAR" in data
    assert b"DTSTART;VALUE=DATE:20260216" in data and b"DTEND;VALUE=DATE:20260219" in data
    agenda = tmp_path / "agenda.ics"
    agenda.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//gov//agenda//EN\r\nBEGIN:VEVENT\r\nUID:visit-1@gov.example\r\n"
        "DTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260310\r\nDTEND;VALUE=DATE:20260311\r\n"
        "SUMMARY:State visit\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    assert "1 created" in run("import-ics", str(agenda)).output
    assert "1 unchanged" in run("import-ics", str(agenda)).output
    bad = tmp_path / "bad.ics"
    bad.write_text("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:broken")
    one_line_error(run("import-ics", str(bad)))
    one_line_error(run("import-ics", str(tmp_path / "missing.ics")), "no such file")
    titles = [e["title"] for e in json.loads(run("events", "--format", "json").output)]
    assert sorted(titles) == ["State visit", "Tehran session"]


def test_feeds_commands(run: Run) -> None:
    out = run("feeds", "add", "Iran", "--country", "IR").output
    assert "/feeds/" in out and "webcal://" in out
    listed = json.loads(run("feeds", "list", "--format", "json").output)
    assert listed[0]["name"] == "Iran" and listed[0]["filter"] == {"countries": ["IR"]}
    one_line_error(run("feeds", "add", "Iran"), "already exists")
    assert run("feeds", "rm", "Iran").exit_code == 0
    one_line_error(run("feeds", "rm", "Iran"), "no feed")


def test_db_commands(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    runner = CliRunner()
    assert runner.invoke(cli, ["--database", url, "db", "current"]).output.strip() == "empty"
    assert "schema at" in runner.invoke(cli, ["--database", url, "db", "upgrade"]).output
    assert runner.invoke(cli, ["--database", url, "db", "downgrade", "base"]).output.strip() == "schema at base"


def test_console_script_errors_have_no_traceback(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("tracker")
    proc = subprocess.run([str(exe), "ingest", str(tmp_path / "missing.txt")], capture_output=True, text=True,
                          env={"TRACKER_DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}", "PATH": "/usr/bin"})
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "no such file" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_dates_single_file_and_jsonl_contract(tmp_path: Path) -> None:
    runner = CliRunner()
    found = json.loads(runner.invoke(cli, ["dates", str(SEED), "--published", "2026-01-31"]).output)
    assert {"start", "end", "text", "type", "value"} <= set(found[0])
    values = {m["text"]: m["value"] for m in found}
    assert values["Jumat"] == "2026-01-30" and values["awal pekan ini"] == "2026-W05"
    text = parse_article(SEED.read_bytes(), str(SEED)).text  # offsets point into the article body
    for m in found:
        assert text[m["start"]:m["end"]] == m["text"]
    week = next(m for m in found if m["text"] == "awal pekan ini")  # week-level stays week-level
    assert (week["mod"], week["precision"]) == ("START", "week")
    assert (week["first"], week["last"]) == ("2026-01-26", "2026-01-28")
    ends = [m for m in found if "range" in m]  # "16–18 Februari": two expressions linked by one id
    assert [m["text"] for m in ends] == ["16", "18 Februari"] and ends[0]["range"] == ends[1]["range"]
    unanchored = json.loads(runner.invoke(cli, ["dates", "-", "--lang", "en"], input="We met yesterday.").output)
    assert unanchored[0]["resolved"] is False and "first" not in unanchored[0]
    lines = tmp_path / "in.jsonl"
    docs = [{"doc_id": "a", "lang": "en", "dct": "2026-01-31", "text": "We met on Friday."},
            {"doc_id": "b", "dct": "2026-01-31", "text": "Kami bertemu kemarin."}]
    lines.write_text("\n\n".join(json.dumps(d) for d in docs) + "\n")
    out = [json.loads(line) for line in runner.invoke(cli, ["dates", "--jsonl", str(lines)]).output.splitlines()]
    assert [o["doc_id"] for o in out] == ["a", "b"]
    assert out[0]["pred"][0]["value"] == "2026-01-30" and out[1]["pred"][0]["value"] == "2026-01-30"
    lines.write_text('{"doc_id": "a", "text": "x"}\nnot json\n')
    one_line_error(runner.invoke(cli, ["dates", "--jsonl", str(lines)]), "line 2", "not JSON")
    lines.write_text('{"doc_id": "a", "dct": "31/01/2026", "text": "x"}\n')
    one_line_error(runner.invoke(cli, ["dates", "--jsonl", str(lines)]), "line 1")


def test_extract_single_file_and_jsonl_contract(tmp_path: Path) -> None:
    runner = CliRunner()
    events = json.loads(runner.invoke(cli, ["extract", str(SEED)]).output)
    keys = {"title", "type", "status", "start", "end", "precision", "participants", "location", "evidence"}
    assert all(keys <= set(e) for e in events)
    assert sorted((e["type"], e["start"], e["end"]) for e in events) == [
        ("meeting", "2026-01-30", "2026-01-30"), ("session", "2026-02-16", "2026-02-18"),
        ("talks", "2026-01-26", "2026-01-28")]
    lines = tmp_path / "in.jsonl"
    text = parse_article(SEED.read_bytes(), str(SEED)).text
    lines.write_text(json.dumps({"doc_id": "seed", "lang": "id", "published": "2026-01-31", "text": text}) + "\n")
    (row,) = [json.loads(line) for line in runner.invoke(cli, ["extract", "--jsonl", str(lines)]).output.splitlines()]
    assert row["doc_id"] == "seed" and len(row["events"]) == 3
    for event in row["events"]:
        for ev in event["evidence"]:
            assert text[ev["start"]:ev["end"]] == ev["text"]
    one_line_error(runner.invoke(cli, ["extract", str(tmp_path / "nope.txt")]), "no such file")


def test_articles_reference_and_alias(run: Run, tmp_path: Path) -> None:
    undated = tmp_path / "undated.txt"
    undated.write_text("Presiden Rusia Vladimir Putin menerima Ali Larijani di Kremlin pada Jumat.")
    assert run("ingest", str(undated), "--lang", "id").exit_code == 0
    listed = run("articles", "--unresolved").output.strip().splitlines()
    assert len(listed) == 1 and "(none)" in listed[0]
    article_id = listed[0].split("\t")[0]
    assert "events 1 created" in run("reference", article_id, "2026-01-31").output
    assert run("articles", "--unresolved").output.strip() == ""
    (event,) = json.loads(run("events", "--format", "json").output)
    assert event["start"] == "2026-01-30"
    one_line_error(run("reference", "999", "2026-01-31"), "no article")
    one_line_error(run("reference", article_id, "2026-02-30"), "2026-02-30")
    assert "→ Ali Larijani" in run("alias", "Ali Larijani", "Лариджани", "--country", "ir").output
    assert json.loads(run("events", "--format", "json", "--actor", "лариджани").output)
    one_line_error(run("alias", "Ali Larijani", " "), "alias")
