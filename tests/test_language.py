"""Language detection: one of the eight supported codes, on short news sentences."""

from __future__ import annotations

import pytest

from tracker.extract.language import detect_language

CASES = [
    ("id", "Presiden Rusia Vladimir Putin menggelar pembicaraan dengan Ali Larijani pada Jumat."),
    ("en", "The foreign minister met his counterpart in Ankara on Friday."),
    ("ru", "Переговоры министров иностранных дел прошли 30 января в Москве."),
    ("fa", "این نشست در ۱۱ بهمن ۱۴۰۴ با حضور وزیران خارجه برگزار شد."),
    ("ar", "أعلنت وزارة الخارجية الروسية اليوم أن لافروف ناقش الوضع مع نظيره الإيراني."),
    ("fr", "Le ministre iranien du Pétrole est en visite à Moscou ce jeudi."),
    ("es", "El canciller colombiano confirmó la reunión entre los presidentes el lunes."),
    ("de", "Außenminister Maas reist nach Argentinien und in die Vereinigten Staaten."),
]


@pytest.mark.parametrize(("expected", "text"), CASES, ids=[c[0] for c in CASES])
def test_detects_language(expected: str, text: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "12345 67"], ids=["empty", "blank", "digits"])
def test_always_returns_a_supported_code(text: str) -> None:
    assert detect_language(text) in {"id", "en", "ru", "fa", "ar", "fr", "es", "de"}
