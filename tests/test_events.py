"""The seed article, event by event: the foundation issue's acceptance test for the event stage.

Date mentions are built by hand here (so the test pins the event rules alone); a second test runs the
real temporal engine when it is importable.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tracker.extract.events import assemble_events, split_sentences
from tracker.model import DateMention, DateSpan, EventType, Precision, Role, Status, TimexType

ROOT = Path(__file__).resolve().parent.parent
SEED_NAME = "000_2bda8f653aab7373.txt"
SEED = ROOT / "seeds" / SEED_NAME.replace(".txt", ".md")  # the project's own copy, with front matter
REFERENCE = date(2026, 1, 31)


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8").split("---", 2)[2].lstrip("\n")


def mention(
    text: str,
    needle: str,
    first: date,
    last: date | None = None,
    *,
    precision: Precision = Precision.DAY,
    range_id: int | None = None,
    after: int = 0,
) -> DateMention:
    start = text.index(needle, after)
    return DateMention(
        start,
        start + len(needle),
        needle,
        TimexType.DATE,
        first.isoformat(),
        "hand",
        span=DateSpan(first, last or first, precision),
        range_id=range_id,
    )


def hand_mentions(text: str) -> list[DateMention]:
    feb = text.index("16–18 Februari")
    return [
        mention(text, "pada Jumat", date(2026, 1, 30)),
        mention(text, "awal pekan ini", date(2026, 1, 26), date(2026, 1, 28), precision=Precision.WEEK),
        mention(text, "16", date(2026, 2, 16), range_id=1, after=feb),
        mention(text, "18 Februari", date(2026, 2, 18), range_id=1, after=feb),
    ]


def check_seed(text: str, mentions: list[DateMention]) -> None:
    drafts = assemble_events(text, "id", REFERENCE, mentions)
    assert len(drafts) == 3, [d.title for d in drafts]
    putin, rudenko, session = drafts

    assert putin.type is EventType.MEETING
    assert putin.status is Status.HELD
    assert (putin.span.first, putin.span.last, putin.span.precision) == (
        date(2026, 1, 30),
        date(2026, 1, 30),
        Precision.DAY,
    )
    roles = {p.name: (p.role, p.country_code) for p in putin.participants}
    assert roles == {"Vladimir Putin": (Role.HOST, "RU"), "Ali Larijani": (Role.GUEST, "IR")}
    assert putin.place is not None and putin.place.name == "Moscow" and putin.place.latitude
    assert putin.title == "Putin – Larijani meeting, Moscow"
    quotes = " ".join(e.text for e in putin.evidence)
    assert "Pertemuan ini berlangsung" in quotes and "pertemuan tersebut" in quotes
    assert len(putin.evidence) >= 3

    assert rudenko.type is EventType.TALKS
    assert rudenko.status is Status.HELD
    assert rudenko.span.precision is Precision.WEEK
    assert date(2026, 1, 26) <= rudenko.span.first <= rudenko.span.last <= date(2026, 2, 1)
    assert {p.name for p in rudenko.participants} == {"Andrei Rudenko", "Hamed Qanbari"}

    assert session.type is EventType.SESSION
    assert session.status is Status.SCHEDULED
    assert (session.span.first, session.span.last) == (date(2026, 2, 16), date(2026, 2, 18))
    assert session.place is not None and session.place.name == "Tehran"
    assert session.title == "Russia–Iran Permanent Commission session, Tehran"

    for d in drafts:
        for e in d.evidence:
            assert text[e.start : e.end] == e.text


def test_seed_article_with_hand_made_dates() -> None:
    text = seed_text()
    check_seed(text, hand_mentions(text))


def test_seed_article_with_the_temporal_engine() -> None:
    from tracker.extract.temporal import find_dates

    text = seed_text()
    check_seed(text, list(find_dates(text, "id", REFERENCE)))


@pytest.mark.parametrize(
    ("text", "count"),
    [
        pytest.param("Jan. 30 is the day. U.S. President Trump spoke.", 2, id="abbreviations-and-initials"),
        pytest.param("Headline without stop\nFirst sentence. Second one!", 3, id="headline-lines"),
        pytest.param("M. Tsvilev est là. Il part.", 2, id="french-initial"),
    ],
)
def test_split_sentences(text: str, count: int) -> None:
    assert len(split_sentences(text)) == count


def test_unresolved_mentions_date_nothing() -> None:
    text = "The two ministers met earlier to discuss the agenda."
    unresolved = DateMention(
        text.index("earlier"), text.index("earlier") + 7, "earlier", TimexType.DATE, "PAST_REF", "hand", span=None
    )
    assert assemble_events(text, "en", date(2026, 2, 1), [unresolved]) == []


def test_nothing_in_nothing_out() -> None:
    assert assemble_events("", "en", date(2026, 2, 1), []) == []
    assert assemble_events("   \n\n  ", "ru", None, []) == []


def test_unknown_language_falls_back_to_english_rules() -> None:
    text = "Lavrov met Araghchi in Moscow on Friday."
    friday = mention(text, "on Friday", date(2026, 1, 30))
    drafts = assemble_events(text, "tr", date(2026, 1, 31), [friday])
    assert [d.type for d in drafts] == [EventType.MEETING]


def test_deterministic_and_evidence_quotes_the_text() -> None:
    text = seed_text()
    first = assemble_events(text, "id", REFERENCE, hand_mentions(text))
    second = assemble_events(text, "id", REFERENCE, hand_mentions(text))
    assert first == second
    for draft in first:
        assert 0.0 <= draft.confidence <= 1.0
        assert any(e.date_value for e in draft.evidence)
        for e in draft.evidence:
            assert e.rule


def test_registry_aliases_from_the_store_are_used() -> None:
    from tracker.extract.entities import ActorRegistry
    from tracker.model import ActorKind

    text = "Hallaj met Rudenko in Tehran on Friday."
    friday = mention(text, "on Friday", date(2026, 1, 30))
    registry = ActorRegistry.default().with_aliases([("Hessamedin Hallaj", "Hallaj", ActorKind.PERSON, "IR")])
    (draft,) = assemble_events(text, "en", date(2026, 1, 31), [friday], registry)
    assert {p.name for p in draft.participants} == {"Hessamedin Hallaj", "Andrei Rudenko"}
    roles = {p.name: p.role for p in draft.participants}
    assert roles == {"Hessamedin Hallaj": Role.HOST, "Andrei Rudenko": Role.GUEST}


@pytest.mark.parametrize("language", ["en", "id", "ru", "fa", "ar", "fr", "es", "de"])
def test_never_raises_on_scrambled_reports(language: str) -> None:
    """Shuffled words from the language's own examples, with dates at random places: lenient per
    mention, so whatever the text, drafts come back and their evidence quotes the text."""
    import random

    from tracker.extract.events import load_event_lexicon

    rng = random.Random(20260131)
    examples = load_event_lexicon(language).raw.get("examples") or []
    words = " ".join(ex["text"] for ex in examples).split()
    for _ in range(30):
        rng.shuffle(words)
        text = " ".join(words[: rng.randint(1, len(words))]).replace(" . ", ".\n")
        mentions = []
        for n in range(rng.randint(0, 4)):
            start = rng.randrange(len(text))
            end = min(len(text), start + rng.randint(1, 12))
            day = date(2026, 1, 1) + timedelta(days=rng.randint(0, 60))
            precision = rng.choice(list(Precision))
            span = None if rng.random() < 0.2 else DateSpan(day, day, precision)
            mentions.append(
                DateMention(
                    start,
                    end,
                    text[start:end],
                    TimexType.DATE,
                    day.isoformat(),
                    "fuzz",
                    span=span,
                    range_id=rng.choice([None, None, n // 2]),
                )
            )
        for draft in assemble_events(text, language, rng.choice([None, date(2026, 1, 31)]), mentions):
            for e in draft.evidence:
                assert text[e.start : e.end] == e.text
