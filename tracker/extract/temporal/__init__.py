"""Temporal stage: article text + language + reference date -> `DateMention`s (TIMEX3-like).

    find_dates("... pada Jumat ...", "id", date(2026, 1, 31))

Relative expressions are anchored to `reference` with the tense of their sentence; without a
reference they come back `resolved=False` with X placeholders, never guessed from today.
"""

from __future__ import annotations

import datetime

from tracker.errors import InputError
from tracker.model import DateMention

from .engine import extract
from .lexicon import load_lexicon

LANGUAGES = ("id", "en", "ru", "fa", "ar", "fr", "es", "de")

__all__ = ["LANGUAGES", "find_dates", "load_lexicon"]


def find_dates(text: str, language: str, reference: datetime.date | None) -> list[DateMention]:
    """Every temporal expression in `text`, in text order, normalised against `reference`."""
    if language not in LANGUAGES:
        raise InputError(f"unsupported language {language!r}; expected one of {', '.join(LANGUAGES)}")
    if isinstance(reference, datetime.datetime):
        reference = reference.date()
    return extract(text, language, reference)
