"""Every event lexicon's worked examples, positive and negative, run through `assemble_events`,
plus the article-like cases in tests/cases/events/articles_*.yaml.

The date mentions are built by hand (text, first/last day, precision, range), so these tests pin the
event rules alone, whatever the temporal engine does; cases marked `engine: true` run the real
temporal engine instead. The reference date is always explicit.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from tracker.extract.events import LANGUAGES, LEXICON_DIR, assemble_events, load_event_lexicon
from tracker.extract.temporal import find_dates
from tracker.model import DateMention, DateSpan, Precision, TimexType

CASES_DIR = Path(__file__).parent / "cases" / "events"


def mentions_for(text: str, specs: list[dict[str, Any]]) -> list[DateMention]:
    out: list[DateMention] = []
    cursor = 0
    for spec in specs:
        start = text.find(spec["text"], cursor if spec.get("range") else 0)
        assert start >= 0, f"date text {spec['text']!r} not in the example"
        first = spec["first"]
        last = spec.get("last", first)
        precision = Precision(spec.get("precision", "day"))
        span = None if spec.get("unresolved") else DateSpan(first, last, precision)
        out.append(
            DateMention(
                start=start,
                end=start + len(spec["text"]),
                text=spec["text"],
                type=TimexType.DATE,
                value=first.isoformat(),
                rule="hand",
                span=span,
                range_id=spec.get("range"),
            )
        )
        cursor = start + len(spec["text"])
    return out


def load_cases() -> list[Any]:
    cases = []
    for lang in LANGUAGES:
        path = LEXICON_DIR / f"{lang}.yaml"
        if not path.exists():
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for ex in data.get("examples") or []:
            cases.append(pytest.param(lang, ex, id=f"{lang}-{ex['id']}"))
    for path in sorted(CASES_DIR.glob("articles_*.yaml")):
        for ex in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            cases.append(pytest.param(ex["language"], ex, id=f"{path.stem}-{ex['id']}"))
    return cases


def check(language: str, case: dict[str, Any]) -> None:
    text = case["text"]
    reference: date | None = case.get("reference")
    if case.get("engine"):
        mentions = list(find_dates(text, language, reference))
    else:
        mentions = mentions_for(text, case.get("dates") or [])
    drafts = assemble_events(text, language, reference, mentions)
    expected = case.get("expect") or []
    got = [(d.type.value, d.status.value, d.span.first, d.span.last) for d in drafts]
    assert len(drafts) == len(expected), f"expected {len(expected)} events, got {got}"
    for want, draft in zip(expected, sorted(drafts, key=lambda d: d.evidence[0].start), strict=True):
        if "type" in want:  # some cases pin only the day and the status
            assert draft.type.value == want["type"], got
        if "status" in want:
            assert draft.status.value == want["status"], got
        if "first" in want:
            assert draft.span.first == want["first"], got
        if "last" in want:
            assert draft.span.last == want["last"], got
        if "precision" in want:
            assert draft.span.precision.value == want["precision"], got
        if "participants" in want:
            assert sorted(p.name for p in draft.participants) == sorted(want["participants"])
        if "place" in want:
            assert (draft.place.name if draft.place else None) == want["place"], draft.place
        if "title" in want:
            assert draft.title == want["title"]
        if "roles" in want:
            assert {p.name: p.role.value for p in draft.participants} == want["roles"]


@pytest.mark.parametrize(("language", "case"), load_cases())
def test_worked_example(language: str, case: dict[str, Any]) -> None:
    check(language, case)


@pytest.mark.parametrize("language", LANGUAGES)
def test_lexicon_integrity(language: str) -> None:
    lex = load_event_lexicon(language)
    assert lex.language == language
    types = {etype for _p, etype, _w in lex.triggers}
    assert len(types) >= 8, f"{language}: trigger words for only {sorted(types)}"
    assert lex.status, f"{language}: no status cues"
    data = lex.raw
    examples = data.get("examples") or []
    assert any(ex.get("expect") for ex in examples), f"{language}: no positive example"
    assert any(not ex.get("expect") for ex in examples), f"{language}: no negative example"
