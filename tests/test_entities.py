"""Actors and places across scripts: the registry, its aliases and the gazetteer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tracker.extract.entities import ActorRegistry, find_place, same_name
from tracker.model import ActorKind

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "events" / "entities.yaml").read_text(encoding="utf-8"))


def params(section: str) -> list[Any]:
    return [pytest.param(case, id=case["id"]) for case in CASES[section]]


@pytest.mark.parametrize("case", params("resolve"))
def test_resolve(case: dict[str, Any]) -> None:
    got = ActorRegistry.default().resolve(case["name"])
    assert (got.name if got else None) == case["expect"]


@pytest.mark.parametrize("case", params("places"))
def test_find_place(case: dict[str, Any]) -> None:
    place = find_place(case["name"], "en")
    if case["expect"] is None:
        assert place is None
        return
    assert place is not None and place.name == case["expect"]
    assert place.country_code == case["country"]
    assert place.latitude is not None and place.longitude is not None


def test_same_place_whatever_the_spelling() -> None:
    names = ["Moskow", "Москва", "Moscou", "Moskau", "موسكو", "مسکو"]
    assert len({find_place(n, "en") for n in names}) == 1


def test_default_registry_is_cached() -> None:
    assert ActorRegistry.default() is ActorRegistry.default()


def test_with_aliases_adds_a_person_and_keeps_the_default_untouched() -> None:
    base = ActorRegistry.default()
    extended = base.with_aliases([("Hessamedin Hallaj", "Hallaj", ActorKind.PERSON, "IR")])
    got = extended.resolve("Hallaj")
    assert got is not None and got.name == "Hessamedin Hallaj" and got.country_code == "IR"
    assert base.resolve("Hallaj") is None


def test_with_aliases_extends_a_known_actor() -> None:
    extended = ActorRegistry.default().with_aliases([("Vladimir Putin", "ВВП", ActorKind.PERSON, "RU")])
    got = extended.resolve("ВВП")
    assert got is not None and got.name == "Vladimir Putin" and got.title == "President"


def test_find_keeps_offsets_into_the_text() -> None:
    text = "Встреча Лаврова и Аракчи прошла в Москве."
    matches = ActorRegistry.default().find(text)
    names = [(m.participant.name, text[m.start : m.end]) for m in matches if m.participant.kind is ActorKind.PERSON]
    assert names == [("Sergei Lavrov", "Лаврова"), ("Abbas Araghchi", "Аракчи")]


def test_holder_respects_terms() -> None:
    from datetime import date

    registry = ActorRegistry.default()
    now = registry.holder("president", "US", date(2026, 2, 1))
    before = registry.holder("president", "US", date(2023, 6, 1))
    assert now is not None and now.name == "Donald Trump"
    assert before is not None and before.name == "Joe Biden"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("İstanbul Téhéran Ёлка", id="latin-cyrillic"),
        pytest.param("گفت‌وگوی تلفنی عراقچی ۲۹ بهمن", id="persian-zwnj-digits"),
        pytest.param("اتصالاً هاتفياً بين لافروف وعراقجي في 20 فبراير/شباط", id="arabic-tanwin"),
        pytest.param("ﬁnance ß ǅ ẞ ﬀ", id="ligatures-and-special-cases"),
    ],
)
def test_fold_keeps_every_offset(text: str) -> None:
    from tracker.extract.entities import fold

    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == folded.lower() or any(not c.isascii() for c in folded)


def test_find_place_in_a_sentence() -> None:
    place = find_place("Президент провел встречу в Тегеране в пятницу", "ru")
    assert place is not None and place.name == "Tehran"


@pytest.mark.parametrize("case", params("transliterated"))
def test_transliterated_names_find_the_registered_person(case: dict[str, Any]) -> None:
    got = ActorRegistry.default().transliterated(case["name"])
    assert (got.name if got else None) == case["expect"]


@pytest.mark.parametrize("case", params("same_name"))
def test_same_name_across_scripts(case: dict[str, Any]) -> None:
    assert same_name(case["a"], case["b"]) is case["expect"]
    assert same_name(case["b"], case["a"]) is case["expect"]
