"""The temporal engine: the seed article, the traps of issue 3, and every lexicon example.

Every case passes its reference date explicitly; nothing here depends on today's date.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from tracker.extract.temporal import LANGUAGES, find_dates, load_lexicon
from tracker.model import DateMention

CASES = Path(__file__).parent / "cases" / "temporal"
REPO = Path(__file__).resolve().parent.parent


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _check(mentions: list[DateMention], expected: list[dict[str, Any]], where: str) -> None:
    """Every expected mention is found (by text) with the expected attributes; ranges are shared."""
    ranges: dict[str, int | None] = {}
    for exp in expected:
        found = [m for m in mentions if m.text == str(exp["text"])]
        assert found, f"{where}: no mention {exp['text']!r} in {[(m.text, m.value) for m in mentions]}"
        m = found[0]
        assert m.value == str(exp["value"]), f"{where}: {m.text!r} -> {m.value}, expected {exp['value']}"
        if "type" in exp:
            assert m.type.value == exp["type"], f"{where}: {m.text!r} type {m.type}"
        if "mod" in exp:
            assert m.mod == exp["mod"], f"{where}: {m.text!r} mod {m.mod}"
        if "resolved" in exp:
            assert m.resolved is exp["resolved"], f"{where}: {m.text!r} resolved {m.resolved}"
            if not exp["resolved"]:
                assert m.span is None
        if "precision" in exp:
            assert m.span is not None and m.span.precision.value == exp["precision"], f"{where}: {m.span}"
        if "first" in exp:
            assert m.span is not None and m.span.first == _date(exp["first"]), f"{where}: {m.span}"
        if "last" in exp:
            assert m.span is not None and m.span.last == _date(exp["last"]), f"{where}: {m.span}"
        if "range" in exp:
            assert m.range_id is not None, f"{where}: {m.text!r} is not part of a range"
            ranges.setdefault(exp["range"], m.range_id)
            assert ranges[exp["range"]] == m.range_id, f"{where}: range ids differ"


def test_seed_article() -> None:
    case = yaml.safe_load((CASES / "seed.yaml").read_text(encoding="utf-8"))
    text = (REPO / case["file"]).read_text(encoding="utf-8")
    mentions = find_dates(text, case["language"], _date(case["reference"]))
    _check(mentions, case["expect"], "seed")
    assert not any(m.text.strip().lower() == "di" for m in mentions)
    for m in mentions:
        assert text[m.start : m.end] == m.text


# Every case file except the seed's: traps.yaml, rules.yaml and the per-language news batteries (news_<lang>.yaml).
TRAPS = [
    case
    for path in sorted(CASES.glob("*.yaml"))
    if path.name != "seed.yaml"
    for case in yaml.safe_load(path.read_text(encoding="utf-8"))
]


@pytest.mark.parametrize("case", TRAPS, ids=[c["id"] for c in TRAPS])
def test_trap(case: dict[str, Any]) -> None:
    if case.get("open"):  # a blind case the engine does not read yet: reported as xfail, not hidden
        try:
            _run_trap(case)
        except AssertionError as exc:
            pytest.xfail(f"open: {case['open']}: {exc}")
        return
    _run_trap(case)


def _run_trap(case: dict[str, Any]) -> None:
    mentions = find_dates(case["text"], case["language"], _date(case["reference"]))
    if case.get("none"):
        assert mentions == [], [(m.text, m.value, m.rule) for m in mentions]
        return
    _check(mentions, case["expect"], case["id"])
    if case.get("complete"):
        # A fully annotated text: nothing beyond what is expected may be found.
        expected = {str(e["text"]) for e in case["expect"]}
        extra = [(m.text, m.value) for m in mentions if m.text not in expected]
        assert not extra, f"{case['id']}: spurious {extra}"


def _lexicon_examples() -> list[Any]:
    params = []
    for lang in LANGUAGES:
        lex = load_lexicon(lang)
        for i, ex in enumerate(lex.examples):
            params.append(pytest.param(lang, ex, id=f"{lang}-example-{i}-{str(ex['text'])[:30]}"))
    return params


def _lexicon_negatives() -> list[Any]:
    params = []
    for lang in LANGUAGES:
        for i, text in enumerate(load_lexicon(lang).negatives):
            params.append(pytest.param(lang, text, id=f"{lang}-negative-{i}-{str(text)[:30]}"))
    return params


@pytest.mark.parametrize(("language", "example"), _lexicon_examples())
def test_lexicon_example(language: str, example: dict[str, Any]) -> None:
    mentions = find_dates(example["text"], language, _date(example["reference"]))
    _check(mentions, example["expect"], f"{language}: {example['text']}")


@pytest.mark.parametrize(("language", "text"), _lexicon_negatives())
def test_lexicon_negative(language: str, text: str) -> None:
    mentions = find_dates(text, language, dt.date(2026, 1, 31))
    assert mentions == [], [(m.text, m.value, m.rule) for m in mentions]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_examples(language: str) -> None:
    lex = load_lexicon(language)
    assert len(lex.examples) >= 5, f"{language} needs positive examples"
    assert len(lex.negatives) >= 3, f"{language} needs negative examples"
    assert len(set(lex.months.values())) == 12 and len(set(lex.weekdays.values())) == 7


def test_offsets_and_range_ids_are_consistent() -> None:
    text = "Talks ran 3-5 March and 16–18 Februari; delegates met on 12 May 2025."
    mentions = find_dates(text, "en", dt.date(2026, 1, 31))
    for m in mentions:
        assert text[m.start : m.end] == m.text
    ids = [m.range_id for m in mentions if m.range_id is not None]
    assert all(ids.count(i) == 2 for i in ids)


def test_unknown_language_is_an_input_error() -> None:
    from tracker.errors import InputError

    with pytest.raises(InputError):
        find_dates("x", "xx", None)


def _all_example_texts() -> list[str]:
    texts = [str(ex["text"]) for lang in LANGUAGES for ex in load_lexicon(lang).examples]
    texts += [str(t) for lang in LANGUAGES for t in load_lexicon(lang).negatives]
    return texts


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("reference", [None, dt.date(2026, 1, 31), dt.date(1990, 2, 28)], ids=["none", "2026", "1990"])
def test_invariants_on_every_text_in_every_language(language: str, reference: dt.date | None) -> None:
    """Whatever the language, offsets point at the text, spans are ordered, unresolved means no span."""
    for text in _all_example_texts():
        mentions = find_dates(text, language, reference)
        ids = [m.range_id for m in mentions if m.range_id is not None]
        for m in mentions:
            assert text[m.start : m.end] == m.text
            assert m.span is None or m.span.first <= m.span.last
            if not m.resolved:
                assert m.span is None
            if m.type.value in {"DURATION", "SET"}:
                assert m.span is None
        assert all(ids.count(i) == 2 for i in ids), ids


def test_relative_dates_never_guess_from_today() -> None:
    for text, language in [("They met yesterday and will meet next week.", "en"), ("Mereka bertemu kemarin.", "id")]:
        for m in find_dates(text, language, None):
            assert not m.resolved and m.span is None and m.value.startswith("X")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "Llegó la mañana de ayer y habló la mañana del miércoles ."),
        ("de", "Am Morgen des 22. Juni 1941 um 4 Uhr."),
    ],
    ids=["es-la-manana", "de-morgen"],
)
def test_mentions_are_ordered_and_disjoint(language: str, text: str) -> None:
    mentions = find_dates(text, language, dt.date(2000, 5, 15))
    assert mentions
    for a, b in zip(mentions, mentions[1:], strict=False):
        assert a.end <= b.start, (a.text, b.text)
