"""Real processes for browser tests and benchmarks: `tracker serve` and the Streamlit app on free ports.

Used by tests/e2e (pytest) and bench/bench_dashboard.py. Each process starts in its own session so
that it and its children are stopped together, by process group id, and never by name.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "dashboard" / "app.py"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Running:
    app_url: str
    feed_url: str
    app: subprocess.Popen[bytes]
    feed: subprocess.Popen[bytes] | None
    env: dict[str, str]


def _wait_http(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args!r} exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout}s:\n{log.read_text()[-3000:]}")


def _stop(proc: subprocess.Popen[bytes] | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


@contextmanager
def running(database_url: str, logs: Path, *, with_feed: bool = True) -> Iterator[Running]:
    """The feed server (optional) and the dashboard over `database_url`, stopped on exit."""
    logs.mkdir(parents=True, exist_ok=True)
    feed_port, app_port = free_port(), free_port()
    env = {**os.environ, "TRACKER_DATABASE_URL": database_url, "TRACKER_FEED_PORT": str(feed_port),
           "TRACKER_FEED_HOST": "127.0.0.1", "PYTHONUNBUFFERED": "1"}
    env.pop("TRACKER_PUBLIC_BASE_URL", None)
    feed = app = None
    try:
        if with_feed:
            feed_log = logs / "feed.log"
            feed = subprocess.Popen(
                [sys.executable, "-m", "tracker", "serve", "--port", str(feed_port)], env=env, cwd=ROOT,
                stdout=feed_log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True)
            _wait_http(f"http://127.0.0.1:{feed_port}/healthz", feed, feed_log)
        app_log = logs / "app.log"
        app = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(APP), "--server.headless", "true", "--server.port",
             str(app_port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            env=env, cwd=ROOT, stdout=app_log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True)
        _wait_http(f"http://127.0.0.1:{app_port}/_stcore/health", app, app_log)
        yield Running(f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{feed_port}", app, feed, env)
    finally:
        _stop(app)
        _stop(feed)


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident set size (VmHWM), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def wait_idle(page: Any, timeout: float = 60_000) -> None:
    """Until Streamlit has finished running the script (a rerun may start just after an action)."""
    with suppress(Exception):
        page.wait_for_selector('[data-testid="stApp"][data-test-script-state="running"]', timeout=300)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout)
    page.wait_for_timeout(150)  # let the last deltas paint


def launch(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
