"""Language stage: article text -> ISO 639-1 code of one of the eight supported languages.

lingua (accurate on short texts) restricted to our eight languages, built once per process.
"""

from __future__ import annotations

import functools
import re

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

SUPPORTED = {
    Language.INDONESIAN: "id",
    Language.ENGLISH: "en",
    Language.RUSSIAN: "ru",
    Language.PERSIAN: "fa",
    Language.ARABIC: "ar",
    Language.FRENCH: "fr",
    Language.SPANISH: "es",
    Language.GERMAN: "de",
}
DEFAULT = "en"
# Letters only Persian uses (پ چ ژ گ and the Persian yeh/kaf): decisive between fa and ar.
_PERSIAN_ONLY = re.compile("[پچژگیک]")
_ARABIC_ONLY = re.compile("[ةيك]")


@functools.cache
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*SUPPORTED).build()


def detect_language(text: str) -> str:
    """The most likely of "id", "en", "ru", "fa", "ar", "fr", "es", "de" ("en" when unsure)."""
    sample = text[:4000]
    if not sample.strip():
        return DEFAULT
    language = _detector().detect_language_of(sample)
    if language is None:
        return DEFAULT
    code = SUPPORTED.get(language)
    if code in {"fa", "ar"}:
        persian, arabic = len(_PERSIAN_ONLY.findall(sample)), len(_ARABIC_ONLY.findall(sample))
        if persian > 2 * arabic and persian >= 3:
            return "fa"
        if arabic > 2 * persian and arabic >= 3:
            return "ar"
    return code or DEFAULT
