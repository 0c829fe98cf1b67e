"""Reference dates: metadata first, else a dateline near the top, else none (never today)."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.extract.reference import find_reference
from tracker.model import ReferenceSource

TODAY = dt.date(2026, 3, 1)  # only used for year-less datelines

DATELINES = [
    ("reuters", "en", "MOSCOW, Jan 30 (Reuters) – Putin met Larijani.", dt.date(2026, 1, 30)),
    ("mna", "en", "TEHRAN, Feb. 15 (MNA) – Iran said.", dt.date(2026, 2, 15)),
    ("tehrantimes", "en", "Title\n\nFebruary 15, 2026 - 16:37\n\nTEHRAN – The committee", dt.date(2026, 2, 15)),
    ("tass", "ru", "МОСКВА, 30 января. /ТАСС/. Путин встретился с Лариджани.", dt.date(2026, 1, 30)),
    ("antara", "id", "Jakarta, 30 Januari 2026 (ANTARA) - Menteri Luar Negeri bertemu.", dt.date(2026, 1, 30)),
    ("lenta", "ru", "Реклама\n\n12:59, 17 декабря 2025Мир\n\nЛавров встретился", dt.date(2025, 12, 17)),
    ("yearless-takes-text-year", "en", "ANKARA, Jan 28 (AP) - Talks. In 2025 they met.", dt.date(2025, 1, 28)),
]


@pytest.mark.parametrize(("language", "text", "day"), [d[1:] for d in DATELINES], ids=[d[0] for d in DATELINES])
def test_dateline(language: str, text: str, day: dt.date) -> None:
    ref = find_reference(text, language, None, today=TODAY)
    assert ref.source is ReferenceSource.DATELINE
    assert ref.day == day
    assert ref.text and ref.text in text


def test_metadata_wins() -> None:
    ref = find_reference("MOSCOW, Jan 30 (Reuters) – x", "en", dt.date(2026, 2, 1))
    assert ref.day == dt.date(2026, 2, 1) and ref.source is ReferenceSource.METADATA


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "Talks were held on Friday; the next round is due next week."), ("id", "Jakarta (ANTARA) - Menteri")],
    ids=["relative-only", "dateline-without-date"],
)
def test_no_reference(language: str, text: str) -> None:
    ref = find_reference(text, language, None, today=TODAY)
    assert ref.day is None and ref.source is ReferenceSource.NONE


def test_antara_lead_date() -> None:
    text = "Jakarta (ANTARA) - Menteri Luar Negeri Sugiono, Jumat (30/1/2026), bertemu Lavrov di Moskow."
    ref = find_reference(text, "id", None, today=TODAY)
    assert ref.source is ReferenceSource.DATELINE and ref.day == dt.date(2026, 1, 30)


def test_a_sentence_is_not_a_dateline() -> None:
    ref = find_reference("Talks resume on 16 February, officials said.", "en", None, today=TODAY)
    assert ref.source is ReferenceSource.NONE
