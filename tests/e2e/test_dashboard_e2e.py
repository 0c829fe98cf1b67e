"""The dashboard in a real browser over a fresh database, with the real feed server beside it.

Ingest the seed article through the Ingest page, see its three events on the Timeline, add a
follow-up through the form, then fetch the feed URL the Subscribe page shows and find the
follow-up in it. With DASHBOARD_SCREENSHOTS=<folder> every page is also saved as a PNG
(docs/dashboard.md shows the ones in docs/screenshots).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import harness
import httpx
import pytest
from playwright.sync_api import Page, expect, sync_playwright

SEED = harness.ROOT / "seeds" / "000_2bda8f653aab7373.md"
SHOTS = os.environ.get("DASHBOARD_SCREENSHOTS")
FOLLOW_UP = "Russia–Iran commission: follow-up review in Moscow"

pytestmark = pytest.mark.browser


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[harness.Running]:
    with harness.running(f"sqlite:///{tmp_path / 'tracker.sqlite3'}", tmp_path / "logs") as running:
        yield running


@pytest.fixture
def page(servers: harness.Running) -> Iterator[Page]:
    with sync_playwright() as p:
        browser = harness.launch(p)
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
        page = context.new_page()
        page.set_default_timeout(60_000)
        yield page
        context.close()
        browser.close()


def shoot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.wait_for_timeout(800)  # charts animate in
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def open_page(page: Page, servers: harness.Running, path: str) -> None:
    page.goto(f"{servers.app_url}/{path}")
    harness.wait_idle(page)


def main(page: Page) -> Any:
    return page.get_by_test_id("stMain")


def test_ingest_timeline_follow_up_and_feed(page: Page, servers: harness.Running) -> None:
    # 1. Ingest the seed article by pasting it, preview, save.
    open_page(page, servers, "ingest")
    page.get_by_label("Article text").fill(SEED.read_text("utf-8"))
    page.get_by_label("Article text").press("Control+Enter")
    harness.wait_idle(page)
    page.get_by_role("button", name="Preview events").click()
    harness.wait_idle(page)
    expect(main(page)).to_contain_text("3 events")
    expect(main(page)).to_contain_text("reference date 2026-01-31 (metadata)")
    shoot(page, "ingest")
    page.get_by_role("button", name="Save to the database").click()
    harness.wait_idle(page)
    expect(main(page)).to_contain_text("Saved: 3 events created")

    stored = httpx.get(f"{servers.feed_url}/api/events", timeout=10).json()["events"]
    titles = sorted(e["title"] for e in stored)
    assert len(titles) == 3

    # 2. The three events are on the timeline (the chart and the list under it).
    open_page(page, servers, "")
    expect(main(page)).to_contain_text("3 events in this window")
    expect(main(page).locator(".vega-embed").first).to_be_visible()
    for title in titles:
        expect(main(page)).to_contain_text(title)
    # Clicking the single-day point (the meeting) opens its details under the chart.
    main(page).locator(".vega-embed svg .mark-symbol path").first.click(force=True)
    harness.wait_idle(page)
    meeting = next(e["title"] for e in stored if e["type"] == "meeting")
    expect(main(page).get_by_role("heading", name=meeting)).to_be_visible()
    expect(main(page).get_by_role("link", name="Open the event")).to_be_visible()
    shoot(page, "timeline")

    # 3. A follow-up through the form (the parent preselected is the latest event: the session).
    open_page(page, servers, "follow_up")
    page.get_by_role("button", name="Add follow-up").click()
    harness.wait_idle(page)
    expect(main(page)).to_contain_text("A title is required.")
    page.get_by_label("Title").fill(FOLLOW_UP)
    page.get_by_label("Start (YYYY-MM-DD)").fill("2026-03-10")
    page.get_by_label("End (YYYY-MM-DD, optional)").fill("2026-03-11")
    shoot(page, "follow_up")
    page.get_by_role("button", name="Add follow-up").click()
    harness.wait_idle(page)
    expect(main(page)).to_contain_text("as a follow-up of")

    open_page(page, servers, "")
    expect(main(page)).to_contain_text(FOLLOW_UP)

    # 4. The feed URL shown on the Subscribe page serves the follow-up.
    open_page(page, servers, "subscribe")
    link = main(page).get_by_role("link", name="/calendar.ics").first
    feed_url = link.get_attribute("href")
    assert feed_url == f"{servers.feed_url}/calendar.ics"
    shoot(page, "subscribe")
    body = httpx.get(feed_url, timeout=30).text
    assert "BEGIN:VCALENDAR" in body
    assert "follow-up review in Moscow" in body.replace("\r\n ", "")
    assert body.count("BEGIN:VEVENT") == 4

    # 5. The .ics download button gives the same events.
    with page.expect_download() as download:
        main(page).get_by_role("button", name="Download .ics").first.click()
    data = Path(download.value.path()).read_text("utf-8")
    assert data.count("BEGIN:VEVENT") == 4

    if SHOTS:
        uid = next(e["uid"] for e in stored if e["type"] == "meeting")
        for path, name in ((f"event_detail?uid={uid}", "event_detail"), ("events", "events"),
                           ("calendar_view?date=2026-02-01", "calendar"), ("insights", "insights")):
            open_page(page, servers, path)
            shoot(page, name)
        # Something to review: an article without a date (through the CLI) and a higher threshold.
        undated = "Sergey Lavrov will meet Abbas Araghchi in Moscow on Friday to discuss the nuclear talks."
        subprocess.run([sys.executable, "-m", "tracker", "ingest", "-", "--lang", "en"], input=undated.encode(),
                       env=servers.env, check=True, capture_output=True)
        open_page(page, servers, "review")
        main(page).get_by_role("slider").first.press("End")
        harness.wait_idle(page)
        shoot(page, "review")
