"""Helpers for the dashboard tests (no tests here): the app over the test database and a small known dataset."""

from __future__ import annotations

import importlib
import sys
from datetime import date
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from tracker.model import (
    ActorKind,
    Article,
    DateSpan,
    EventDraft,
    EventType,
    Evidence,
    Participant,
    Place,
    Precision,
    Reference,
    ReferenceSource,
    Role,
    Status,
)
from tracker.store import Store

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
# The app imports its helpers as top-level modules (Streamlit puts the app's folder on sys.path);
# the tests do the same so that `data` here is the very module the pages use.
if str(APP.parent) not in sys.path:
    sys.path.insert(0, str(APP.parent))
data = importlib.import_module("data")

ARTICLE = Article(
    text=("Presiden Rusia Vladimir Putin menerima Ali Larijani di Kremlin pada Jumat.\n"
          "Andrei Rudenko menggelar pembicaraan awal pekan ini dengan Hamed Qanbari.\n"
          "Sidang Komisi Tetap dijadwalkan berlangsung di Teheran pada 16–18 Februari.\n"),
    language="id", published=date(2026, 1, 31), outlet="FAKTAGLOBAL.COM", title="Putin dan Larijani",
)


def _quote(text: str, needle: str, date_text: str) -> Evidence:
    start = ARTICLE.text.index(needle)
    return Evidence(start=start, end=start + len(needle), text=needle, date_text=date_text, rule="test")


PUTIN = Participant("Vladimir Putin", ActorKind.PERSON, Role.HOST, "President", "RU")
LARIJANI = Participant("Ali Larijani", ActorKind.PERSON, Role.GUEST, None, "IR")
DRAFTS = (
    EventDraft("Putin receives Larijani at the Kremlin", EventType.MEETING, Status.HELD,
               DateSpan(date(2026, 1, 30), date(2026, 1, 30)), (PUTIN, LARIJANI),
               Place("Moscow", "RU", 55.7558, 37.6173), 0.9,
               (_quote(ARTICLE.text, "Vladimir Putin menerima Ali Larijani di Kremlin pada Jumat", "pada Jumat"),)),
    EventDraft("Rudenko–Qanbari talks on trade", EventType.TALKS, Status.HELD,
               DateSpan(date(2026, 1, 26), date(2026, 1, 28), Precision.WEEK),
               (Participant("Andrei Rudenko", country_code="RU"), Participant("Hamed Qanbari", country_code="IR")),
               None, 0.4,
               (_quote(ARTICLE.text, "Andrei Rudenko menggelar pembicaraan awal pekan ini", "awal pekan ini"),)),
    EventDraft("Russia–Iran Permanent Commission session", EventType.SESSION, Status.SCHEDULED,
               DateSpan(date(2026, 2, 16), date(2026, 2, 18)), (), Place("Tehran", "IR"), 0.8,
               (_quote(ARTICLE.text, "Sidang Komisi Tetap dijadwalkan", "16–18 Februari"),)),
)


def seed(store: Store) -> dict[str, str]:
    """The three seed-like events, stored as an ingest would; returns uid by event type."""
    result = store.ingest(ARTICLE, "id", Reference(date(2026, 1, 31), ReferenceSource.METADATA), DRAFTS)
    events = {store.get_event(uid).type.value: uid for uid in result.created}
    assert len(events) == 3
    return events


def fresh_app() -> AppTest:
    st.cache_data.clear()
    st.cache_resource.clear()
    return AppTest.from_file(str(APP), default_timeout=60)


def open_page(page: str, **query: str) -> AppTest:
    """The app run once, then switched to `screens/<page>.py` (with query parameters) and run."""
    at = fresh_app().run()
    assert not at.exception, at.exception
    at.switch_page(f"screens/{page}.py")
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> str:
    """Everything readable on the page (markdown, captions, titles, alerts, code), one string."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success",
                 "code", "text"):
        parts += [str(getattr(e, "value", "")) for e in getattr(at, kind)]
    parts += [str(getattr(e.proto, "label", "")) for e in at.get("page_link")]
    return "\n".join(parts)
