"""The main job (`tracker run`, what `make run` starts): seeds ingested, feed and dashboard answering."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, deadline: float) -> httpx.Response:
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            response = httpx.get(url, timeout=2)
            if response.status_code == 200:
                return response
        except httpx.HTTPError as exc:
            last = exc
        time.sleep(0.3)
    raise AssertionError(f"{url} did not answer in time ({last})")


def test_run_serves_seed_calendar_and_dashboard(tmp_path: Path) -> None:
    feed_port, ui_port = free_port(), free_port()
    env = {**os.environ, "TRACKER_DATABASE_URL": f"sqlite:///{tmp_path / 'run.sqlite3'}"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tracker", "run", "--seeds", str(ROOT / "seeds"), "--port", str(ui_port),
         "--feed-port", str(feed_port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        calendar = wait_for(f"http://127.0.0.1:{feed_port}/calendar.ics", deadline)
        assert calendar.headers["content-type"].startswith("text/calendar")
        assert calendar.text.count("BEGIN:VEVENT") == 3
        assert "DTSTART;VALUE=DATE:20260216" in calendar.text
        health = wait_for(f"http://127.0.0.1:{ui_port}/_stcore/health", deadline)
        assert health.text.strip() == "ok"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        out, _ = proc.communicate(timeout=30)
    assert "articles: 1 new" in out, out
