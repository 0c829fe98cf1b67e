"""The temporal rules: text + language + reference date -> `DateMention`s.

Each rule is a regular expression built from the lexicon (compiled once per process). The text is
walked word by word; at a word that can begin an expression, the rules that can start with such a
word are tried in order, most specific first, and the first whose handler accepts its match wins.
A handler normalises the match against the reference date (or, for anaphoric expressions, the last
date the text gave).
Afterwards two passes join a date with the clock time that follows it and link the two ends of
ranges ("16 to 18 February").
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from tracker.model import DateMention, DateSpan, Precision, TimexType

from . import calendars as cal
from .lexicon import Lexicon, alternation, fold, key, load_lexicon

YEAR = r"(?:1[0-9]|20)\d\d"
L = r"(?<!\w)"
R = r"(?!\w)"
ROMAN_NUMERALS = frozenset(
    [
        "i",
        "ii",
        "iii",
        "iv",
        "v",
        "vi",
        "vii",
        "viii",
        "ix",
        "x",
        "xi",
        "xii",
        "xiii",
        "xiv",
        "xv",
        "xvi",
        "xvii",
        "xviii",
        "xix",
        "xx",
        "xxi",
    ]
)  # "el siglo XXI", "kuartal III"
DURATION_CODE = {"Y": "Y", "M": "M", "W": "W", "D": "D", "DE": "DE", "CE": "CE", "Q": "Q", "FN": "W"}
TIME_CODE = {"H": "H", "MIN": "M", "SEC": "S"}


_LISTED_DAY = re.compile(r"(?<![\d.,:/])([0-3]?\d)\s*,\s*$")  # "12 , " before "13 y 14 de septiembre"
_STOP = re.compile(r"[.!?](?=\s)|\n")
_WORD_BEFORE = re.compile(r"[^\W\d_]+$")
_WORDS_AFTER = re.compile(r"\s+([^\W\d_]+)(?:\s+([^\W\d_]+))?")  # the next two words ("of the month")
# Abbreviations whose full stop ends no sentence (news English, Spanish, German, French, Indonesian).
_ABBREVIATIONS = frozenset([
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "gov", "sen", "rep", "lt", "col", "sgt", "capt", "prof",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "inc", "co",
    "corp", "ltd", "bros", "sra", "sres", "dña", "av", "nr", "bzw", "vgl", "mme", "mlle", "dll", "pk", "tgl",
])  # fmt: skip


@dataclass
class _Ctx:
    """What a rule handler needs while reading one text."""

    text: str  # folded (same length as the original)
    lex: Lexicon
    grammar: _Grammar
    reference: date | None
    narrative: bool
    anchor: date | None = None  # the last explicit day the text gave
    anchor_year: int | None = None
    range_ids: int = 0
    last_day: date | None = None  # the last day-level date found, and where it ended
    last_day_end: int = -(10**9)
    last_future_day: date | None = None  # the last day found that lies after the reference
    last_day_report: bool = False  # whether that day was the day of a statement ("police said on Sunday")
    story_day: tuple[date, int] | None = None  # the last day not of a statement, and where it ended
    last_quarter: int | None = None  # the quarter the text last named ("third-quarter profit")
    last_holiday: date | None = None  # the feast the text last named ("Lebaran tahun ini ... pada H-3")
    last_half: int | None = None  # the half-year the text last named, if named after any quarter ("semester I 2014")
    last_clock: tuple[int, int] = (-1, -(10**9))  # where the last clock time began and ended
    last_clock_at: tuple[date, time] | None = None  # the day and time of the last clock time
    last_month: tuple[int, int, int] | None = None  # the month the text last named: year, month, end ("en enero")
    quarter_day: date | None = None  # the first day of that quarter, when its year is known
    period_end: int = -1  # where the last quarter or half-year named ended
    year_end: int = -1  # where the last bare year named ended ("... في عام ٢٠٢٥، مقابل ... في العام السابق")
    period_year: tuple[int, int] | None = None  # the year of the last quarter or half dated, and where it ended
    last_hit: tuple[int, int] = (-1, -1)  # where the last expression found lies: its own words are no tense cue

    @functools.cached_property
    def stops(self) -> list[int]:
        """Where sentences end: full stops that are not in 'a.m.', 'U.S.', 'Mr.', 'Jan.'; line breaks."""
        out = []
        for m in _STOP.finditer(self.text):
            if m.group(0) == "." and (w := _WORD_BEFORE.search(self.text, max(0, m.start() - 8), m.start())):
                word = w.group(0)
                if len(word) == 1 or word.lower() in _ABBREVIATIONS:
                    continue
            out.append(m.start())
        return out

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around [start, end): the last stop before it and the first one after it."""
        i = bisect.bisect_left(self.stops, start)
        left = self.stops[i - 1] if i > 0 else -1
        j = bisect.bisect_left(self.stops, end)
        right = self.stops[j] if j < len(self.stops) else len(self.text)
        return max(left, start - 250), min(right, end + 250)

    def tense(self, start: int, end: int, present: bool = False) -> str | None:
        """'future' / 'past' / None from the cue words of the sentence around [start, end).

        With `present`, a present-tense verb of movement or meeting counts as future: "arrives on
        Monday" is the coming Monday (only a bare weekday asks; a dated day needs no such guess).
        """
        left, right = self.bounds(start, end)
        after = self.lex.tense_after
        fronted = len(self.text[left + 1 : start].split()) <= 1 and self.text.startswith(",", end)
        if fronted:
            after = max(after, 150)  # "On Tuesday, the league of ... plans to": a fronted date waits for its verb
        sentence_left = left + 1
        left, right = max(left + 1, start - 100), min(right, end + after)
        best: tuple[int, str] | None = None  # the nearest cue
        best_after = False  # and whether it follows the expression
        verb: tuple[int, str] | None = None  # the nearest present verb or regular past form
        cues = [("future", self.grammar.future), ("past", self.grammar.past)]
        openers = (*self.lex.aside_openers, self.lex.aside_pattern)
        aside = bool(self.lex.aside_openers) and bool(
            _aside_opener(openers, False).search(self.text, sentence_left, start)
        )
        # asides closed before the expression: their verbs are not its own ("which has divided ..., to")
        closed = (
            [(a.start(), a.end()) for a in _aside_opener(openers, True).finditer(self.text, left, start)]
            if self.lex.aside_openers
            else []
        )
        if fronted and not present:
            cues.append(("past", self.grammar.past_forms))  # "In January, the commissioner ruled that ... should"
        if present:
            # a regular past form ("opened") is no cue of its own, but it outweighs a present verb further away
            cues += [("present", self.grammar.present), ("past form", self.grammar.past_forms)]
        # the expression before this one told its own tense ("el jueves pasado"): the verb before it is its verb
        hit_start, hit_end = self.last_hit
        own = (self.grammar.past, self.grammar.future)
        marked = left <= hit_start and hit_end <= start and any(c.search(self.text, hit_start, hit_end) for c in own)
        for tense, cue in cues:
            for m in cue.finditer(self.text, left, right):
                if start <= m.start() < end or self.last_hit[0] <= m.start() < self.last_hit[1] <= start:
                    continue  # "y el martes visitará": the "pasado" of "el jueves pasado" tells nothing of it
                report_aside = self.grammar.aside
                if report_aside is not None and m.start() >= end and report_aside.fullmatch(self.text, end, m.end()):
                    continue  # "cobrarán la paga el día 15 , informó la Seguridad Social": the report is no tense
                if tense == "present" and not 0 <= start - m.end() <= self.lex.present_reach:
                    continue  # only the verb of the phrase: "arrives on Monday", not "who left Monday, arrives"
                if (
                    fronted
                    and tense == "future"
                    and self.lex.present_aux
                    and m.start() >= end
                    and self.grammar.past_forms.match(self.text, m.start())
                    and not _word_before(tuple(self.lex.present_aux)).search(
                        self.text, max(0, m.start() - 8), m.start()
                    )
                ):
                    tense = "past"  # "On Friday, the government planned to pay": the plan was made that day
                distance = start - m.end() if m.end() <= start else m.start() - end
                # A cue before the expression governs it more often than one after it, and one past a comma
                # less still ("after an attack on Thursday night, but blackouts would"); one past the comma
                # that closes an aside holding the expression belongs to the main clause ("The rover, which
                # landed in December, is scheduled to"); verb-final languages weigh a cue after it less
                if m.end() > start:
                    comma = "," in self.text[end : m.start()]
                    if aside and comma:
                        continue
                    distance += 50 if comma and not fronted else self.lex.after_penalty
                    if comma and m.start() >= end and self.grammar.reports(m.group(0)):
                        distance += 100  # "will meet on Monday, the ministry said": the clause's own verb rules
                if marked and m.end() <= self.last_hit[0]:
                    distance += 30  # "ganó el jueves pasado y el martes visitará": "ganó" tells of the first day
                if tense in {"present", "past form"}:
                    if any(a <= m.start() < b for a, b in closed):
                        continue
                    if tense == "past form" and self.grammar.future.match(self.text, m.start()):
                        continue  # "scheduled", "planned to": a future cue, whatever its ending
                    if verb is None or distance < verb[0]:
                        verb = (distance, tense)
                elif best is None or distance < best[0]:
                    best = (distance, tense)
                    best_after = m.end() > start
        if verb is not None and verb[1] == "present" and (best is None or verb[0] < best[0]):
            return "future"
        if verb is not None and verb[0] <= 2 and (best is None or best_after):
            return "past"  # "Talks collapsed Tuesday, and ... would return Friday": the verb right before it
        # No cue near: the verb of a long sentence may stand further back ("will present a draft of the
        # reform, which ..., to parliament on Friday"); a far past cue is no such guide ("had not signed
        # ... when the case is heard in May").
        if (
            best is None
            and verb is None
            and self.lex.tense_far_future
            and sentence_left < left
            and (far := self.grammar.future.search(self.text, sentence_left, start)) is not None
            and far.start() < left
        ):
            return "future"
        return best[1] if best else None

    def sentence(self, start: int, end: int) -> str:
        left, right = self.bounds(start, end)
        return self.text[left + 1 : right]

    def same_sentence(self, a: int, b: int) -> bool:
        """No sentence ends between positions `a` and `b`."""
        return bisect.bisect_left(self.stops, a) == bisect.bisect_left(self.stops, b)

    def new_range(self) -> int:
        self.range_ids += 1
        return self.range_ids

    def linked(self, first: _Hit, second: _Hit) -> list[_Hit]:
        """The two ends of a range, as TimeML marks it: two expressions sharing a range id."""
        rid = self.new_range()
        return [replace(first, range_id=rid), replace(second, range_id=rid)]

    def year_context(self) -> int | None:
        """The year a year-less date takes from the text itself: in a narrative, the last one named."""
        if self.narrative and self.anchor_year is not None:
            return self.anchor_year
        return None


@functools.cache
def _aside_opener(words: tuple[str, ...], closed: bool) -> re.Pattern[str]:
    """', which ...' still open at the end of the searched stretch, or (`closed`) ', which ... ,'.

    The last of `words` is a regex of its own (a lexicon's aside_pattern: "imposed in December,"), maybe empty.
    """
    pattern = alternation(list(words[:-1])) + (f"|{words[-1]}" if words[-1] else "")
    return re.compile(r",\s+(?:" + pattern + r")\b[^,]*" + ("," if closed else "$"), re.IGNORECASE)


@dataclass
class _Hit:
    start: int
    end: int
    type: TimexType
    value: str
    rule: str
    mod: str | None = None
    span: DateSpan | None = None
    clock: time | None = None
    range_id: int | None = None
    resolved: bool = True
    day: date | None = None  # the day it denotes, when it denotes one (for ranges and clocks)
    extras: dict[str, str] = field(default_factory=dict)


class _Groups:
    """The named groups of one rule inside the combined match."""

    def __init__(self, match: re.Match[str], rule: str, names: frozenset[str]) -> None:
        self.match = match
        self.prefix = rule + "_"
        self.names = names

    def __call__(self, name: str) -> str | None:
        group = self.prefix + name
        return self.match.group(group) if group in self.names else None

    def start(self, name: str) -> int:
        return self.match.start(self.prefix + name)

    def end(self, name: str) -> int:
        return self.match.end(self.prefix + name)


Handler = Callable[[_Groups, _Ctx], list[_Hit]]


@dataclass(frozen=True)
class _Grammar:
    first_words: dict[str, frozenset[str]]  # lexicon class -> the words its phrases begin with
    language: str
    order: tuple[str, ...]  # rule names, most specific first
    sources: dict[str, str]  # rule name -> its expression (a named group), compiled on first use
    handlers: dict[str, Handler]
    future: re.Pattern[str]
    past: re.Pattern[str]
    present: re.Pattern[str]
    past_forms: re.Pattern[str]
    range_gap: re.Pattern[str]
    range_end: re.Pattern[str]  # "-", "to", "hingga" (not "and"): what leads to the end of a range
    list_gap: re.Pattern[str]  # ", ", " and ", ", and ": between the items of a list
    clock_joins_relative: bool  # "pukul 10.00 WIB kemarin", "pukul 20.00 nanti malam": one TIME
    day_word: re.Pattern[str]  # "tanggal" right before a number
    report: re.Pattern[str]  # reporting verbs ("kata", "ujar"): a weekday closing their clause has passed
    pod_before: re.Pattern[str]  # "the morning of", "Morgen des", "la mañana del" right before a date
    clock_gap: re.Pattern[str]
    clock_apart: re.Pattern[str] | None  # "el 1 de junio a las 16:15", "mañana , a las 8": two; "hoy a las 12": one
    quarter_word: re.Pattern[str]
    deictic_after: re.Pattern[str]  # "(رمضان) الماضي", "(فروردین) آینده": last/next right after a name
    bc_years: re.Pattern[str]  # "262 v. Chr.", "146 BC": years of a story long before any news
    half_word: re.Pattern[str]
    month_after: re.Pattern[str]  # "(el pasado mes) de mayo", "(le mois) de mars"
    of_year: re.Pattern[str]  # " de 1999", " of 1989" right after a quarter
    of_gap: re.Pattern[str]  # "(las 10.30 horas) de (hoy)": a clock joined to the day after it
    of_words: str  # the lexicon's "of" words as one alternation ("de|del"), built once
    zone_after: re.Pattern[str]  # " GMT", " UTC" right after four digits: a clock, not a year
    clock_day_gap: re.Pattern[str]  # "(7 p.m.) on (Friday)": the clock takes the day, two expressions
    year_after: re.Pattern[str]  # "last year", "del año pasado", "tahun depan" right after a month or a day
    before: dict[str, re.Pattern[str]]  # "year"/"weekday"/"month"/"clock" -> words that may precede
    starters: frozenset[str]  # the first word of anything a rule can start with
    whole: frozenset[str]  # one-word expressions ("Friday", "today"): worth a try on their own
    continuations: frozenset[str]  # any word of any phrase: what must follow a starter like "the"
    aside: re.Pattern[str] | None = None  # ", informó la Seguridad Social": a reporting clause after a date
    month_figures: re.Pattern[str] | None = None  # "los precios de (octubre)": a month's published figures

    def preceded(self, kind: str, text: str, pos: int) -> str | None:
        """The licensing word right before `pos` ("in" 1998, "pada" Jumat), if any."""
        m = self.before[kind].search(text, max(0, pos - 40), pos)
        return m.group(1) if m else None

    def reports(self, word: str) -> bool:
        """A reporting verb ("said", "сообщили"), where the lexicon names them."""
        return bool(self.report.pattern) and self.report.fullmatch(word) is not None


# ---------------------------------------------------------------- values and spans


def _at_part_of_day(hit: _Hit, pod: str | None) -> _Hit:
    """The same day at a part of the day ("Jumat malam" -> 2026-01-30TNI): a TIME; unchanged without one."""
    if not pod or hit.day is None:
        return hit
    return replace(hit, type=TimexType.TIME, value=f"{hit.day.isoformat()}T{pod}")


def _day_hit(g: _Groups, rule: str, d: date, start: int, end: int, mod: str | None = None) -> _Hit:
    return _Hit(start, end, TimexType.DATE, d.isoformat(), rule, mod, cal.with_mod(cal.day_span(d), mod), day=d)


def _unit_value(unit: str, d: date) -> tuple[str, DateSpan]:
    """The TIMEX3 value and span of the `unit` (D/W/WE/M/Q/Y/DE/CE) containing day `d`."""
    if unit == "D":
        return d.isoformat(), cal.day_span(d)
    if unit in {"W", "FN"}:
        return cal.week_value(d), cal.week_span(d)
    if unit == "WE":
        return cal.week_value(d) + "-WE", cal.weekend_span(d)
    if unit == "M":
        return f"{d.year:04d}-{d.month:02d}", cal.month_span(d.year, d.month)
    if unit == "Q":
        q = (d.month - 1) // 3 + 1
        return f"{d.year:04d}-Q{q}", cal.quarter_span(d.year, q)
    if unit == "HALF":
        h = 1 if d.month <= 6 else 2
        return f"{d.year:04d}-H{h}", cal.half_span(d.year, h)
    if unit == "DE":
        return str(d.year // 10), cal.decade_span(d.year // 10)
    if unit == "CE":
        return str(d.year // 100), DateSpan(
            date(d.year // 100 * 100, 1, 1), date(d.year // 100 * 100 + 99, 12, 31), Precision.YEAR
        )
    return f"{d.year:04d}", cal.year_span(d.year)


UNRESOLVED = {
    "D": "XXXX-XX-XX",
    "W": "XXXX-WXX",
    "WE": "XXXX-WXX-WE",
    "M": "XXXX-XX",
    "Q": "XXXX-QX",
    "Y": "XXXX",
    "DE": "XXX",
    "CE": "XX",
    "FN": "XXXX-WXX",
}


def _shift(d: date, unit: str, n: int) -> date:
    if unit == "D":
        return d + timedelta(days=n)
    if unit in {"W", "WE"}:
        return d + timedelta(weeks=n)
    if unit == "FN":
        return d + timedelta(weeks=2 * n)
    if unit == "M":
        return cal.add_months(d, n)
    if unit == "Q":
        return cal.add_months(d, 3 * n)
    if unit == "HALF":
        return cal.add_months(d, 6 * n)
    if unit == "DE":
        return cal.add_months(d, 120 * n)
    if unit == "CE":
        return cal.add_months(d, 1200 * n)
    return cal.add_months(d, 12 * n)


def _relative_hit(
    unit: str, n: int, base: date | None, start: int, end: int, rule: str, mod: str | None = None
) -> _Hit:
    if base is None:
        return _Hit(start, end, TimexType.DATE, UNRESOLVED.get(unit, "XXXX"), rule, mod, resolved=False)
    d = _shift(base, unit, n)
    value, span = _unit_value(unit, d)
    hit = _Hit(start, end, TimexType.DATE, value, rule, mod, cal.with_mod(span, mod), day=d if unit == "D" else None)
    if unit == "Y" and n != 0:
        hit.extras["year_shift"] = str(n)
    return hit


def _story_base(ctx: _Ctx, base: date | None, unit: str | None) -> date | None:
    """In a history narrative, a year-relative expression ('that year', 'Jahresende') counts from the story's year."""
    if not ctx.narrative or unit != "Y" or ctx.anchor_year is None:
        return base
    if ctx.anchor is not None and ctx.anchor.year == ctx.anchor_year:
        return ctx.anchor
    return cal.safe_date(ctx.anchor_year, 1, 1) or base


def _quarterise(hit: _Hit, ctx: _Ctx) -> _Hit:
    """'a year ago' in a sentence about quarterly results means the same quarter a year ago."""
    if not hit.value.isdigit() or hit.extras.get("year_shift") not in {"1", "-1"}:
        return hit  # "two years ago" names a year even among quarterly figures
    half = ctx.last_half is not None
    word = ctx.grammar.half_word if half else ctx.grammar.quarter_word
    if (ctx.last_quarter is None and not half) or not word.search(ctx.text, max(0, hit.start - 600), hit.end + 100):
        return hit
    if ".anaphoric" in hit.rule and ctx.period_end < ctx.year_end <= hit.start:
        return hit  # a year named since the quarter: "in 2025, against 15 billion the year before" is 2024
    if ".deictic." in hit.rule and not (
        ctx.lex.deictic_period
        and re.search(ctx.lex.deictic_period, ctx.text[max(0, hit.start - 12) : hit.end + 16], re.IGNORECASE)
    ):
        return hit  # "last year" names the year ("$4.41 a share last year"), unless "the period last year"
    year, q = int(hit.value), ctx.last_quarter or 1
    if ctx.quarter_day is not None and ctx.reference is not None and ctx.quarter_day < ctx.reference:
        # a year before the (reported, so past) quarter named, not before the article's year (in January)
        year = ctx.quarter_day.year + int(hit.extras["year_shift"])
    if ctx.last_half is not None:  # "semester I 2014 ... periode yang sama tahun lalu": the first half of 2013
        return replace(hit, value=f"{year:04d}-H{ctx.last_half}", span=cal.half_span(year, ctx.last_half))
    return replace(hit, value=f"{year:04d}-Q{q}", span=cal.quarter_span(year, q))


def _same_month(hit: _Hit, ctx: _Ctx) -> _Hit:
    """'el mismo mes del año anterior' after 'en enero' is January a year before."""
    if ctx.last_month is None or not hit.value.isdigit() or "year_shift" not in hit.extras:
        return hit
    year, month, pos = ctx.last_month
    if not 0 <= hit.start - pos <= 250:
        return hit
    lead = max(0, hit.start - 24)
    m = re.search(ctx.lex.deictic_month, ctx.text[lead : hit.start], re.IGNORECASE)
    if not m:
        return hit
    year += int(hit.extras["year_shift"])  # a year before that January, not before the article's year
    # "the same period last year" is one expression, as TimeML (MEANTIME) marks it
    start = lead + m.start() + len(m.group(0)) - len(m.group(0).lstrip()) if ctx.lex.deictic_month_joins else hit.start
    return replace(hit, start=start, value=f"{year:04d}-{month:02d}", span=cal.month_span(year, month))


def _number(lex: Lexicon, word: str | None) -> int | None:
    if word is None:
        return None
    w = key(word)
    if w.isdigit():
        return int(w)
    return lex.numbers.get(w)


def _year2(y: str, near: int | None = None) -> int:
    """A two-digit year in the century that puts it nearest `near` (at most ten years ahead)."""
    n = int(y)
    if len(y) != 2:
        return n
    if near is None:
        return 1900 + n if n >= 50 else 2000 + n
    candidates = [c * 100 + n for c in (near // 100 - 1, near // 100, near // 100 + 1)]
    return min((c for c in candidates if c <= near + 10), key=lambda c: abs(c - near))


def _mod(lex: Lexicon, g: _Groups) -> str | None:
    m = g("mod")
    return lex.mods.get(key(m)) if m else None


# ---------------------------------------------------------------- handlers


def _calendar_day(
    g: _Groups,
    ctx: _Ctx,
    rule: str,
    day: int,
    month: int,
    year: int | None,
    start: int,
    end: int,
    mod: str | None = None,
    direction: str | None = None,
) -> _Hit | None:
    """A day of the Gregorian calendar, with the year inferred when the text leaves it out."""
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    inferred = year is None
    if year is None:
        context = ctx.year_context()
        if context is not None:
            year = context
        elif ctx.reference is not None:
            # an explicit "last"/"pasado" binds the year; a tense cue from the sentence only leans it
            tense = direction or ctx.tense(start, end)
            if tense != "future" and not direction and ctx.grammar.preceded("weekday_future", ctx.text, start):
                ahead = cal.safe_date(ctx.reference.year, month, day)
                if ahead is not None and ahead < ctx.reference:
                    ahead = cal.safe_date(ctx.reference.year + 1, month, day)
                if (
                    tense is None
                    or ctx.lex.weekday_future_firm  # "hasta el 3 de marzo" looks ahead in any tense
                    or (ahead is not None and (ahead - ctx.reference).days <= 120)
                ):
                    # "à partir du 1er septembre, la règle change": a start ahead; "a mis sa décision en
                    # délibéré au 12 novembre": a past verb sets a date ahead, a few months away at most
                    tense = "future"
            year = cal.year_for(ctx.reference, month, day, tense, strict=direction is not None)
        else:
            if cal.safe_date(2000, month, day) is None:
                return None
            return _Hit(start, end, TimexType.DATE, f"XXXX-{month:02d}-{day:02d}", rule, mod, resolved=False)
    d = cal.safe_date(year, month, day)
    if d is None:
        return None
    ctx.anchor, ctx.anchor_year = d, d.year
    hit = _day_hit(g, rule, d, start, end, mod)
    if inferred:
        hit.extras["inferred_year"] = "1"
    return hit


def _year_after(ctx: _Ctx, pos: int) -> tuple[int, int] | None:
    """(year, end) when 'last year', 'del año pasado', 'tahun depan' follows a year-less date at `pos`."""
    if ctx.reference is None or ctx.narrative:
        return None
    m = ctx.grammar.year_after.match(ctx.text, pos)
    if m is None:
        return None
    groups = m.groupdict()
    this = m.group("this") or m.group("this2") or any(groups.get(n) is not None for n in ("this3", "same"))
    shift = 0 if this else (-1 if m.group("last") or m.group("last2") else 1)
    phrase = key(m.group(0))
    if any(phrase.endswith(a) or a.endswith(phrase) for a in ctx.lex.anaphoric):
        # "marzo del año siguiente", "mars de l'année suivante": the year after the one the text named
        if ctx.anchor_year is None:
            return None
        return ctx.anchor_year + shift, m.end()
    return ctx.reference.year + shift, m.end()


def h_iso(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    y, m, day = int(g("y") or 0), int(g("m") or g("m2") or 0), int(g("d") or g("d2") or 0)
    if ctx.lex.jalali_years and 1300 <= y <= 1499:  # "۱۴۰۵-۰۹-۰۴": a Solar Hijri date
        d = cal.jalali_to_gregorian(y, m, day) if 1 <= m <= 12 and 1 <= day <= 31 else None
    else:
        d = cal.safe_date(y, m, day)
    if d is None:
        return []
    ctx.anchor, ctx.anchor_year = d, d.year
    hit = _day_hit(g, "iso", d, g.match.start(), g.match.end())
    if g("h"):
        clock = time(int(g("h") or 0) % 24, int(g("mi") or 0))
        hit = replace(hit, type=TimexType.TIME, value=f"{d.isoformat()}T{clock:%H:%M}", clock=clock)
    return [hit]


def h_numeric(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    if g("s") == "-" and len(g("y") or "") < 4:
        return []  # "15-10-2008" is a date; "3-1-08" may be anything
    a, b = int(g("a") or 0), int(g("b") or 0)
    year = _year2(g("y") or "0", ctx.anchor_year or (ctx.reference.year if ctx.reference else None))
    day, month = (b, a) if ctx.lex.numeric_order == "MDY" else (a, b)
    if month > 12 and day <= 12:
        day, month = month, day
    hit = _calendar_day(g, ctx, f"{ctx.lex.language}.date.numeric", day, month, year, g.match.start(), g.match.end())
    return [hit] if hit else []


def h_numeric_day_month(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    """'pada 29/12', 'kemarin (29/12)': a year-less numeric date, where the language writes them (not '2/3')."""
    lex = ctx.lex
    start, end = g.match.start(), g.match.end()
    if not lex.numeric_day_month:
        return []
    bracketed = ctx.text[max(0, start - 2) : start].strip().endswith("(") and ctx.text[end : end + 2].strip()[:1] == ")"
    licensed = ctx.grammar.preceded("weekday", ctx.text, start) or ctx.grammar.day_word.search(
        ctx.text, max(0, start - 12), start
    )
    if not (bracketed or licensed):
        return []
    a, b = int(g("a") or 0), int(g("b") or 0)
    day, month = (b, a) if lex.numeric_order == "MDY" else (a, b)
    hit = _calendar_day(g, ctx, f"{lex.language}.date.numeric_dm", day, month, None, start, end)
    pod = lex.parts_of_day.get(key(g("pod") or "")) if g("pod") else None
    hit = hit and _at_part_of_day(hit, pod)  # "pada 29/12 sore"
    return [hit] if hit else []


def h_day_month_numeric(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    """'am 20.05.', 'bis zum 3.3.': a day and month in figures, after a word that introduces a day."""
    lex = ctx.lex
    start = g.match.start()
    if lex.numeric_order != "DMY" or not ctx.grammar.preceded("weekday", ctx.text, start):
        return []
    day, month = int(g("d") or 0), int(g("m") or 0)
    hit = _calendar_day(g, ctx, f"{lex.language}.date.numeric_day", day, month, None, start, g.match.end())
    return [hit] if hit else []


def h_day_range(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    """'16–18 Februari', 'from 16 to 18 February': two mentions sharing a range id."""
    lex = ctx.lex
    month = lex.months.get(key(g("m") or ""))
    d1, d2 = int(re.sub(r"\D", "", g("d1") or "")), int(re.sub(r"\D", "", g("d2") or ""))
    if month is None or d2 < d1 or key(g("m") or "") in lex.day_first_months:
        return []
    year = int(g("y") or 0) if g("y") else None
    mod = _mod(lex, g)
    rule = f"{lex.language}.range.days"
    direction = "past" if g("dlast") else ("future" if g("dnext") else None)  # "del 2 al 28 de abril próximos"
    listed: list[tuple[int, int, int]] = []  # "los días 12 , 13 y 14 de septiembre": the days before the pair
    at = g.match.start()
    while (m := _LISTED_DAY.search(ctx.text, max(0, at - 12), at)) and int(m.group(1)) < (
        listed[0][0] if listed else d1
    ):
        listed.insert(0, (int(m.group(1)), m.start(1), m.end(1)))
        at = m.start(1)
    if listed and direction is None and ctx.grammar.preceded("weekday_future", ctx.text, at):
        direction = "future"  # "para los días 12 , 13 y 14 de septiembre"
    second = _calendar_day(g, ctx, rule, d2, month, year, g.start("d2"), g.match.end(), mod, direction=direction)
    if second is None:
        return []
    y = second.day.year if second.day else None
    if y is not None:
        first = _calendar_day(g, ctx, rule, d1, month, y, g.start("d1"), g.end("d1"))
        before = [_calendar_day(g, ctx, rule, d, month, y, a, b) for d, a, b in listed]
    else:
        first = _Hit(g.start("d1"), g.end("d1"), TimexType.DATE, f"XXXX-{month:02d}-{d1:02d}", rule, resolved=False)
        before = []
    if first is None:
        return []
    if second.day:
        ctx.anchor = second.day
    return [h for h in before if h is not None] + ctx.linked(first, second)


def h_month_day_range(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    """'February 16-18, 2026': 'February 16' and '18, 2026' sharing a range id."""
    lex = ctx.lex
    month = lex.months.get(key(g("m") or ""))
    d1, d2 = int(re.sub(r"\D", "", g("d1") or "")), int(re.sub(r"\D", "", g("d2") or ""))
    if month is None or d2 < d1:
        return []
    year = int(g("y") or 0) if g("y") else None
    rule = f"{lex.language}.range.month_days"
    first = _calendar_day(g, ctx, rule, d1, month, year, g.match.start(), g.end("d1"))
    if first is None:
        return []
    y = first.day.year if first.day else None
    second = _calendar_day(g, ctx, rule, d2, month, y, g.start("d2"), g.match.end())
    if second is None:
        return []
    return ctx.linked(first, second)


def h_day_month(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    lex = ctx.lex
    month = lex.months.get(key(g("m") or ""))
    if month is None:
        return []
    raw_month = g("m") or ""
    if (
        key(raw_month) not in lex.month_full
        and len(key(raw_month)) <= 3
        and not g("y")
        and (lex.months_capitalised and not raw_month[:1].isupper())
    ):
        return []  # "5 mar" in running text is rarely a date without a capital or a year
    day = lex.day_words.get(key(g("dw") or ""), 0) if g("dw") else int(re.sub(r"\D", "", g("d") or ""))
    year = int(g("y") or 0) if g("y") else None
    end = g.match.end()
    if lex.name_pre and ctx.grammar.preceded("name", ctx.text, g.match.start()):
        return []  # "la Avenida 17 de Junio", "la plaza del Dos de Mayo" are places
    if year is None and not (g("dlast") or g("dnext")) and (after := _year_after(ctx, end)):
        year, end = after  # "el 3 de marzo del año pasado"
    if year is None and g("dthis") and ctx.reference is not None and month == ctx.reference.month:
        year = ctx.reference.year  # "15 نوفمبر الجاري": this month's
    # "le 3 mars dernier", "el próximo 3 de febrero"
    direction = "past" if g("dlast") or g("plast") else ("future" if g("dnext") or g("pnext") else None)
    hit = _calendar_day(
        g,
        ctx,
        f"{lex.language}.date.day_month",
        day,
        month,
        year,
        g.match.start(),
        end,
        _mod(lex, g),
        direction=direction,
    )
    return [hit] if hit else []


def h_month_day(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    lex = ctx.lex
    raw = g("m") or ""
    month = lex.months.get(key(raw))
    if month is None or key(raw) in lex.day_first_months:
        return []
    if lex.months_capitalised and not raw[:1].isupper():
        return []
    day = int(re.sub(r"\D", "", g("d") or ""))
    year = int(g("y") or 0) if g("y") else None
    end = g.match.end()
    if year is None and (after := _year_after(ctx, end)):
        year, end = after  # "March 3 last year"
    hit = _calendar_day(g, ctx, f"{lex.language}.date.month_day", day, month, year, g.match.start(), end, _mod(lex, g))
    return [hit] if hit else []


def h_month_year(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    lex = ctx.lex
    month = lex.months.get(key(g("m") or ""))
    if month is None or key(g("m") or "") in lex.day_first_months:
        return []
    year = int(g("y") or 0)
    mod = _mod(lex, g)
    ctx.anchor_year = year
    ctx.anchor = date(year, month, 1)
    ctx.period_year = (year, g.match.end())  # "entre mars 2020 et juin": June 2020
    ctx.last_month = (year, month, g.match.end())  # "Desember 2014 ... bulan yang sama tahun lalu": December 2013
    span = cal.with_mod(cal.month_span(year, month), mod)
    return [
        _Hit(
            g.match.start(),
            g.match.end(),
            TimexType.DATE,
            f"{year:04d}-{month:02d}",
            f"{lex.language}.date.month_year",
            mod,
            span,
        )
    ]


def h_other_calendar(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    """Solar Hijri (Persian) and Hijri (Arabic) dates, normalised to Gregorian."""
    lex = ctx.lex
    entry = lex.calendar_months.get(key(g("cm") or ""))
    mod = _mod(lex, g)
    # A bare "Mehr" or "Safar" is too often an ordinary word; a day, a year, "mah", "early" or "last" make it a month.
    deictic = None if g("d") or g("y") else ctx.grammar.deictic_after.match(ctx.text, g.match.end())
    if entry is None or not (
        g("d") or g("y") or mod or deictic or " " in key(g("cm") or "") or key(g("cm") or "").endswith("ماه")
    ):
        return []
    calendar_name, month = entry
    if g("y"):
        year = int(g("y") or 0)
    elif ctx.reference is not None:
        year = (
            cal.gregorian_year_of_jalali(ctx.reference)
            if calendar_name == "jalali"
            else cal.hijri_year_of(ctx.reference)
        )
    else:
        return [
            _Hit(
                g.match.start(),
                g.match.end(),
                TimexType.DATE,
                "XXXX-XX-XX",
                f"{lex.language}.date.{calendar_name}",
                resolved=False,
            )
        ]
    convert = cal.jalali_to_gregorian if calendar_name == "jalali" else cal.hijri_to_gregorian
    rule = f"{lex.language}.date.{calendar_name}"
    if g("d"):
        tense = ctx.tense(g.match.start(), g.match.end()) if not g("y") else None
        d = _nearest_in_calendar(convert, year, month, int(g("d") or 0), ctx, not g("y"), tense)
        if d is None:
            return []
        ctx.anchor, ctx.anchor_year = d, d.year
        hit = _day_hit(g, rule, d, g.match.start(), g.match.end())
        if g("d0"):  # "۲۶ و ۲۷ بهمن": the first day of a range in that calendar
            d0 = _nearest_in_calendar(convert, year, month, int(g("d0") or 0), ctx, not g("y"), tense)
            if d0 is None or d0 > d:
                return [hit]
            rid = ctx.new_range()
            first_hit = _day_hit(g, rule, d0, g.start("d0"), g.end("d0"))
            return [replace(first_hit, range_id=rid), replace(hit, start=g.start("d"), range_id=rid)]
        return [hit]
    end = g.match.end()
    if not g("y") and ctx.reference is not None:
        after = None if ctx.narrative else ctx.grammar.year_after.match(ctx.text, end)
        if after and after.groupdict().get("same") is not None:
            after = None  # "مهر همان سال": the year of another calendar last named is not kept
        if after:  # "فروردین سال آینده": that month of the next year of its calendar
            this, last = after.group("this") or after.group("this2"), after.group("last") or after.group("last2")
            year += 0 if this else (-1 if last else 1)
            end = after.end()
        elif deictic is not None:  # "رمضان الماضي": the last one over before today, "المقبل" the next to begin
            reference, starts = ctx.reference, [(y, convert(y, month, 1)) for y in (year - 1, year, year + 1)]
            if deictic.group("last"):
                year = max((y for y, d in starts if d is not None and d + timedelta(days=29) < reference), default=year)
            else:
                year = min((y for y, d in starts if d is not None and d > reference), default=year)
            end = deictic.end()
        else:  # the nearest such month in the sentence's tense, as for a day of that calendar
            mid = _nearest_in_calendar(convert, year, month, 15, ctx, True, ctx.tense(g.match.start(), end))
            year = next((y for y in (year - 1, year, year + 1) if convert(y, month, 15) == mid), year)
    first = convert(year, month, 1)
    if first is None:
        return []
    last_day = 31 if calendar_name == "jalali" and month <= 6 else 30
    last = convert(year, month, last_day) or convert(year, month, last_day - 1) or first
    # A month of another calendar straddles two Gregorian months: name the one it mostly covers, or, for its
    # first or last ten days ("بداية شهر رمضان", "اوایل فروردین"), the one where most of them fall.
    part = {"START": first + timedelta(days=4), "END": last - timedelta(days=4)}
    middle = part.get(mod or "", first + (last - first) / 2)
    return [
        _Hit(
            g.match.start(),
            end,
            TimexType.DATE,
            f"{middle.year:04d}-{middle.month:02d}",
            rule,
            mod,
            span=cal.with_mod(DateSpan(first, last, Precision.MONTH), mod),
        )
    ]


def _nearest_in_calendar(
    convert: Callable[[int, int, int], date | None],
    year: int,
    month: int,
    day: int,
    ctx: _Ctx,
    free_year: bool,
    tense: str | None = None,
) -> date | None:
    """A day of the Jalali/Hijri calendar; without a year, the one nearest the reference in the tense's way."""
    if not free_year or ctx.reference is None:
        return convert(year, month, day)
    reference = ctx.reference
    candidates = [d for d in (convert(y, month, day) for y in (year - 1, year, year + 1)) if d is not None]
    if not candidates:
        return None

    def distance(d: date) -> int:
        gap = (d - reference).days
        if tense == "future":  # "برگزار خواهد شد": the coming one, unless it is only days past
            return gap if gap >= 0 else (-3 * gap if gap >= -31 else 10**6)
        if tense == "past":
            return -gap if gap <= 0 else (3 * gap if gap <= 31 else 10**6)
        return -gap if gap <= 0 else 2 * gap  # lean to the past, as for Gregorian dates

    return min(candidates, key=distance)


def h_weekday_numeric(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    """'Rabu (11/2)', 'Sonntag (20.05.)': the weekday confirms a day/month written with numbers."""
    lex = ctx.lex
    a, b = int(g("d") or 0), int(g("m") or 0)
    day, month = (b, a) if lex.numeric_order == "MDY" else (a, b)
    year = _year2(g("y") or "0") if g("y") else None
    end = g.match.end()
    hit = _calendar_day(g, ctx, f"{lex.language}.weekday.numeric", day, month, year, g.match.start(), end)
    pod = lex.parts_of_day.get(key(g("pod") or "")) if g("pod") else None
    hit = hit and _at_part_of_day(hit, pod)  # "Jumat (13/2) malam"
    return [hit] if hit else []


def h_weekday_numeric_range(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    """'Senin-Rabu (16-18/2)': two days of one month, each named by its weekday."""
    lex = ctx.lex
    d0, d1, month = int(g("d0") or 0), int(g("d") or 0), int(g("m") or 0)
    if lex.numeric_order == "MDY" or d0 >= d1:
        return []
    year = _year2(g("y") or "0") if g("y") else None
    rule = f"{lex.language}.weekday.numeric_range"
    second = _calendar_day(g, ctx, rule, d1, month, year, g.start("wd"), g.match.end())
    if second is None or second.day is None:
        return []
    first = _calendar_day(g, ctx, rule, d0, month, second.day.year, g.start("wd0"), g.end("wd0"))
    if first is None:
        return []
    ctx.anchor = second.day
    return ctx.linked(first, second)


def h_weekday_day(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    """'viernes 13', 'Friday the 13th': the day of the month nearest the reference with that weekday."""
    lex = ctx.lex
    wd = lex.weekdays.get(key(g("wd") or ""))
    day = int(re.sub(r"\D", "", g("d") or ""))
    if wd is None or not 1 <= day <= 31:
        return []
    rule = f"{lex.language}.weekday.day"
    base = ctx.anchor if ctx.narrative and ctx.anchor else ctx.reference
    if base is None:
        return []
    candidates = []
    for months in range(-12, 13):
        first = cal.add_months(base.replace(day=1), months)
        d = cal.safe_date(first.year, first.month, day)
        if d is not None and d.weekday() == wd:
            candidates.append(d)
    if not candidates:
        d = cal.safe_date(base.year, base.month, day)
        if d is None:
            return []
    else:
        d = min(candidates, key=lambda c: abs((c - base).days))
    ctx.anchor = d
    return [_day_hit(g, rule, d, g.match.start(), g.match.end())]


def _target_unit(lex: Lexicon, g: _Groups) -> tuple[str | None, int | None, int | None, str | None]:
    """(unit code, weekday, month, season) named by a deictic expression's noun."""
    if g("u"):
        return lex.units.get(key(g("u") or "")), None, None, None
    if g("wd"):
        return None, lex.weekdays.get(key(g("wd") or "")), None, None
    if g("mn"):
        return None, None, lex.months.get(key(g("mn") or "")), None
    if g("se"):
        return None, None, None, lex.seasons.get(key(g("se") or ""))
    return None, None, None, None


def _solar_year_base(ctx: _Ctx, base: date | None, unit: str | None, end: int) -> date | None:
    """Where years are Solar Hijri, "this year" before Nowruz is the one that began last March (1404 -> 2025)."""
    if not ctx.lex.jalali_years or unit != "Y" or base is None or ctx.narrative or base != ctx.reference:
        return base
    if re.match(r"\s*(?:میلادی|مسیحی)", ctx.text[end : end + 12]):
        return base  # "سال گذشته میلادی": the Gregorian year
    year = cal.gregorian_year_of_jalali(base) + 621
    return base if year == base.year else date(year, base.month, min(base.day, 28))


def h_deictic(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    """'this week', 'pekan lalu', 'el próximo lunes', 'last November', 'awal pekan ini'."""
    lex = ctx.lex
    direction = 0 if g("this") else (-1 if g("last") else 1)
    unit, wd, month, season = _target_unit(lex, g)
    mod = _mod(lex, g)
    start, end = g.match.start(), g.match.end()
    rule = f"{lex.language}.deictic"
    raw_u = g("u") or ""
    if key(raw_u) in lex.weekday_guarded and raw_u[:1].isupper() and ctx.grammar.preceded("weekday", ctx.text, start):
        unit, wd = None, lex.weekdays.get(key(raw_u))  # "pada Minggu lalu" is last Sunday, "minggu lalu" last week
    if (
        mod
        and g("u")
        and (fused := lex.units.get(key(f"{g('mod')} {g('u')}")))
        and _word_context_ok(lex, key(f"{g('mod')} {g('u')}"), ctx.text, start, end)
    ):
        unit, mod = fused, None  # "akhir pekan lalu" is last weekend, not the end of last week
    base = (ctx.anchor or ctx.reference) if ctx.narrative else ctx.reference  # "im nächsten Jahr" of the story
    base = _story_base(ctx, base, unit)
    pod_word = g("pod") or g("pod0")  # "صباح الأحد المقبل": next Sunday morning
    pod = lex.parts_of_day.get(key(pod_word or "")) if pod_word else None
    if unit == "M" and direction != 0 and (named := ctx.grammar.month_after.match(ctx.text, end)):
        # "el pasado mes de mayo", "le mois de mars prochain": the month named, in that direction
        unit, month, end = None, lex.months.get(key(named.group("m"))), named.end()
    if unit is not None:
        if unit in TIME_CODE:
            return []
        if unit in {"Q", "HALF"} and ctx.grammar.of_year.match(ctx.text, end):
            return []  # "el último trimestre de 1999", "the last half of 1989": the quarter rule reads the year
        plural = bool(lex.plural_articles) and key(ctx.text[start : g.start("u")].strip()) in lex.plural_articles
        if key(g("u") or "") in lex.plural_set or plural:
            # "coming weeks", "les prochains mois", "les mois à venir": a stretch of unknown length
            return [_Hit(start, end, TimexType.DURATION, f"PX{DURATION_CODE.get(unit, unit)}", f"{rule}.vague")]
        if unit == "DE" and direction < 0:
            # "the past decade", "la última década": the ten years up to now (TimeML: P10Y)
            return [_Hit(start, end, TimexType.DURATION, "P10Y", f"{rule}.de")]
        base = _solar_year_base(ctx, base, unit, end)
        hit = _relative_hit(unit, direction, base, start, end, f"{rule}.{unit.lower()}", mod)
        if unit == "Y" and direction == 0 and hit.value.isdigit() and " " not in key(raw_u):
            # "tahun ini, setelah MH370 hilang pada Maret": this year's March ("el año pasado ... en enero" may
            # be this January; "the current fiscal year, which ends in March" spans two calendar years)
            ctx.period_year = (int(hit.value), end)
        return [hit]
    if wd is not None:
        if base is None:
            return [_Hit(start, end, TimexType.DATE, "XXXX-XX-XX", f"{rule}.weekday", mod, resolved=False)]
        if direction < 0:
            d = cal.weekday_near(base - timedelta(days=1), wd, "past")
        elif direction > 0:
            d = cal.weekday_near(base + timedelta(days=1), wd, "future")
        elif (tense := ctx.tense(start, end)) is not None:
            d = cal.weekday_near(base, wd, tense)  # "jugará este miércoles" on a Sunday is the coming one
        else:
            d = cal.week_monday(base) + timedelta(days=wd)
        hit = _day_hit(g, f"{rule}.weekday", d, start, end, mod)
        hit = _at_part_of_day(hit, pod)
        return [hit]
    if month is not None:
        if lex.months_capitalised and not (g("mn") or "")[:1].isupper():
            return []
        if base is None:
            return [_Hit(start, end, TimexType.DATE, f"XXXX-{month:02d}", f"{rule}.month", mod, resolved=False)]
        year = base.year
        if direction < 0 and (month > base.month or month == base.month and mod != "START"):
            year -= 1  # but "awal Januari lalu" written on 20 January is this January's start
        elif direction > 0 and month <= base.month:
            year += 1
        span = cal.with_mod(cal.month_span(year, month), mod)
        return [_Hit(start, end, TimexType.DATE, f"{year:04d}-{month:02d}", f"{rule}.month", mod, span)]
    if season is not None:
        if base is None:
            return [_Hit(start, end, TimexType.DATE, f"XXXX-{season}", f"{rule}.season", mod, resolved=False)]
        year = base.year + direction
        if direction > 0 and cal.season_span(base.year, season).first > base:
            year = base.year  # "next autumn" said in May is this year's ("last summer" stays the year before's)
        elif direction < 0 and key(g("last") or "") in lex.last_recent:
            # "this past spring" written in October is this year's spring ("last spring" is last year's)
            first = cal.season_span(base.year, season).first
            year = base.year if first is not None and first <= base else base.year - 1
        return [
            _Hit(
                start, end, TimexType.DATE, f"{year:04d}-{season}", f"{rule}.season", mod, cal.season_span(year, season)
            )
        ]
    return []


def _ago(g: _Groups, ctx: _Ctx, sign: int, anaphoric: bool) -> list[_Hit]:
    lex = ctx.lex
    n = _number(lex, g("n"))
    unit = lex.units.get(key(g("u") or ""))
    start, end = g.match.start(), g.match.end()
    rule = f"{lex.language}.{'later' if anaphoric else 'ago'}"
    if n is None and unit is not None and g("n") and sign < 0 and not anaphoric:
        if lex.vague_ago_duration and unit in DURATION_CODE:  # "hace unos días" is PXD in the Spanish corpora
            return [_Hit(start, end, TimexType.DURATION, f"PX{DURATION_CODE[unit]}", f"{rule}.vague")]
        if lex.vague_ago_duration and unit in TIME_CODE and ctx.reference is not None:
            # "desde hace unas horas" is earlier the same day: the corpora give the day
            return [_day_hit(g, f"{rule}.vague", ctx.reference, start, end)]
        return [_Hit(start, end, TimexType.DATE, "PAST_REF", f"{rule}.vague")]  # "a few days ago"
    if n is None or unit is None or unit == "HALF":
        return []  # "a minute and a half later": "a half later" is no date
    if unit in TIME_CODE:
        if anaphoric and ctx.last_clock_at is not None:
            # "à 4 h 17, suivie d'une réplique neuf heures plus tard": that clock time, moved on
            day, clock = ctx.last_clock_at
            step = {"H": timedelta(hours=1), "MIN": timedelta(minutes=1)}.get(unit, timedelta(seconds=1))
            moment = datetime.combine(day, clock) + sign * n * step
            hit = _Hit(start, end, TimexType.TIME, f"{moment:%Y-%m-%dT%H:%M}", rule, span=cal.day_span(moment.date()))
            return [replace(hit, clock=moment.time(), day=moment.date())]
        if ctx.reference is None:
            return [_Hit(start, end, TimexType.TIME, "XXXX-XX-XXTXX:XX", rule, resolved=False)]
        return [
            _Hit(start, end, TimexType.TIME, f"{ctx.reference.isoformat()}", rule, span=cal.day_span(ctx.reference))
        ]
    base = (ctx.anchor or ctx.reference) if anaphoric else ctx.reference
    if anaphoric:
        base = _story_base(ctx, base, unit)
        if unit == "Y" and not ctx.narrative and ctx.anchor_year is not None and base and base.year != ctx.anchor_year:
            base = cal.safe_date(ctx.anchor_year, 1, 1) or base  # "En 2010 ... Douze ans plus tard": 2022
    hit = _relative_hit(unit, sign * n, base, start, end, f"{rule}.{unit.lower()}")
    if hit.day:
        ctx.anchor = hit.day
    return [hit]


def h_ago(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    return _ago(g, ctx, -1, anaphoric=False)


def h_in(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    return _ago(g, ctx, 1, anaphoric=False)


def h_later(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    return _ago(g, ctx, 1, anaphoric=True)


def h_earlier(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    return _ago(g, ctx, -1, anaphoric=True)


def _spec_hit(
    spec: str, base: date | None, start: int, end: int, rule: str, mod: str | None = None, pod: str | None = None
) -> _Hit:
    """A fixed phrase's spec ("D-1", "W+0", "PRESENT_REF", "D+0@NI", "D+0@T12:00")."""
    if spec.endswith("_REF"):
        return _Hit(start, end, TimexType.DATE, spec, rule)
    part = None
    if "!" in spec:  # "Jahresbeginn": "Y+0!START", a part of the unit the word names
        spec, own = spec.split("!", 1)
        mod = mod or own or None
    if "@" in spec:
        spec, part = spec.split("@", 1)
    part = pod or part
    m = re.match(r"^([A-Z]+)([+-]\d+)$", spec)
    if not m:
        return _Hit(start, end, TimexType.DATE, spec, rule)
    hit = _relative_hit(m.group(1), int(m.group(2)), base, start, end, rule, mod)
    if part:
        day = hit.day.isoformat() if hit.day else "XXXX-XX-XX"
        if part.startswith("T") and ":" in part:
            hh, mm = part[1:].split(":")
            clock = time(int(hh), int(mm)) if int(hh) < 24 else None  # "Mitternacht": T24:00 ends the day
            return replace(hit, type=TimexType.TIME, value=f"{day}{part}", clock=clock)
        return replace(hit, type=TimexType.TIME, value=f"{day}T{part}")
    return hit


def h_relative(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    lex = ctx.lex
    raw = g("r") or ""
    spec = lex.relative.get(key(raw))
    if spec is None or (key(raw) in lex.relative_lowercase and raw[:1].isupper()):
        return []
    spec, _, fixed_mod = spec.partition("!")  # "en fin de matinée: D+0@MO!END": the phrase states its mod
    fused_key = key(f"{g('mod')} {raw}") if g("mod") else ""
    if fused_key not in lex.relative and not _word_context_ok(lex, key(raw), ctx.text, g.start("r"), g.end("r")):
        return []  # ("tengah malam" is a phrase of its own: the words "malam" needs before it do not apply)
    if ctx.text[g.match.start() - 1 : g.match.start()] == "-":
        return []  # the tail of a compound: "midi" in "après-midi"
    if ctx.narrative and spec == "D+0":
        spec = "PRESENT_REF"  # "today" in a history narrative means nowadays
    if spec == "D+0" and ctx.text.startswith("'s", g.end("r")):
        generic = ctx.lex.today_generic
        if not generic or re.match(generic, ctx.text[g.end("r") + 2 : g.end("r") + 40], re.IGNORECASE):
            return []  # "today's world" is the present in general; "today's editions" is the day
    mod = _mod(lex, g)
    if mod and (fused := lex.relative.get(key(f"{g('mod')} {raw}"))):
        spec, mod = fused, None  # "tengah malam nanti" is midnight, not the middle of tonight
    mod = mod or fixed_mod or None
    pod = lex.parts_of_day.get(key(g("pod") or "")) if g("pod") else None
    base = _story_base(ctx, ctx.reference, spec[:1] if spec[1:2] in {"+", "-"} else None)  # "Jahresende" of 1914
    base = _solar_year_base(ctx, base, spec[:1] if spec[1:2] in {"+", "-"} else None, g.match.end())
    start, end = g.match.start(), g.match.end()
    wd = lex.weekdays.get(key(g("wd") or "")) if g("wd") else None
    if base is not None and wd is not None and spec.startswith("D+0"):
        # "said noon Thursday", "until noon Sunday", "hasta la mañana del miércoles": as for a bare weekday, but
        # "from 6 p.m. Saturday until noon Sunday" looks ahead from its start (the range moves the start after)
        tense = _weekday_tense(ctx, start, end, present=False, range_end=False)
        base = cal.weekday_near(base, wd, tense)
    elif base is not None and spec == "WE+0":
        # "the weekend": the one just past, unless the sentence looks ahead
        saturday = cal.week_monday(base) + timedelta(days=5)
        if ctx.tense(start, end) == "future":
            base = saturday if saturday >= base else saturday + timedelta(days=7)
        else:
            base = saturday if saturday <= base else saturday - timedelta(days=7)
    if (
        key(raw) in lex.relative_anaphoric
        and wd is None
        and ctx.last_day is not None
        and 0 <= start - ctx.last_day_end <= 300
        and ctx.tense(start, end) == "past"
    ):
        base = ctx.last_day  # "hier matin ... s'est adressé à la nation dans la soirée": that day's evening
    if spec.startswith("Y+0!") and (year := _YEAR_NEXT.match(ctx.text, end)):
        base, end = date(int(year.group(0)), 1, 1), year.end()  # "Jahresende 1789": the end of that year
        ctx.anchor_year = base.year
    hit = _spec_hit(spec, base, start, end, f"{lex.language}.relative", mod, pod)
    if hit.clock is not None:
        ctx.last_clock = (start, end)  # "noon (1100 GMT)": its aside is no time of its own
    if hit.value[5:6] == "Q" and hit.value[6:].isdigit():
        ctx.last_quarter = int(hit.value[6:])
        ctx.quarter_day = hit.span.first if hit.span else None
    return [hit]


def h_mod_unit(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    """'the end of the year', 'finales de año', 'Ende des Jahres': part of the unit we are in."""
    lex = ctx.lex
    unit = lex.units.get(key(g("u") or ""))
    mod = _mod(lex, g)
    if unit not in {"D", "W", "M", "Y", "Q", "DE", "CE"} or mod not in {"START", "MID", "END"}:
        return []
    if lex.units.get(key(f"{g('mod')} {g('u')}")) or key(f"{g('mod')} {g('u')}") in lex.relative:
        return []  # "akhir pekan" is the weekend, "tengah hari" noon, not parts of the unit: a later rule reads them
    if lex.relative.get(key(g.match.group(0))):
        return []  # "la mi-journée" is midday, a fixed phrase
    if unit == "DE" and re.match(r"\s*(?:" + ctx.grammar.of_words + r"|\d)", ctx.text[g.match.end() :]):
        return []  # "a mediados de la década" is this decade's middle; "de la década de los noventa" is not
    if g("ulink") and unit == "D":
        return []  # "later in the day" is a span of the day in TimeBank, and no date at all in AQUAINT
    if (
        unit == "Q"
        and (following := _WORDS_AFTER.match(ctx.text, g.match.end()))
        and key(following.group(1)) in lex.ordinals
    ):
        return []  # "نهاية الربع الثالث": the end of the third quarter, read by the quarter rule
    base = (ctx.anchor or ctx.reference) if ctx.narrative else ctx.reference
    if ctx.narrative and unit in {"Y", "DE"} and ctx.anchor_year is not None:
        base = date(ctx.anchor_year, 1, 1)
    if g("y"):  # "Ende des Jahres 1940"
        if unit != "Y":
            return []
        base = date(int(g("y") or 0), 1, 1)
        ctx.anchor_year = base.year
    return [_relative_hit(unit, 0, base, g.match.start(), g.match.end(), f"{lex.language}.mod_unit", mod)]


def _holiday(lex: Lexicon, spec: str, year: int) -> date | None:
    """A holiday's date in a year: the official one where the lexicon lists it ("Lebaran 2023" was 22 April in
    Indonesia, a day after the computed 1 Syawal), else the computed one."""
    return lex.holiday_dates.get(spec, {}).get(year) or cal.holiday(spec, year)


def h_holiday(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    """'Christmas', 'last Thanksgiving', 'Idul Fitri', 'Nowruz': the nearest one that fits the tense."""
    lex = ctx.lex
    spec = lex.holidays.get(key(g("h") or ""))
    if g("anv"):
        spec = lex.holidays.get(key(f"{g('anv')} {g('h')}"), spec)  # "HUT ke-79 Kemerdekaan RI"
    if spec is None:
        return []
    week = spec.endswith("@W")  # "Semana Santa": the week (Monday to Sunday) of that day, Easter
    spec = spec.removesuffix("@W")
    start, end = g.match.start(), g.match.end()
    rule = f"{lex.language}.holiday"
    week = week or g("hw") is not None  # "Easter week"
    after = None if g("y") else _year_after(ctx, end)
    if after is not None:
        year, end = after  # "Idul Fitri tahun ini", "Christmas last year"
        d = _holiday(lex, spec, year)
    elif g("y"):
        year = int(g("y") or 0)
        if spec.startswith(("J:", "H:")) and year < 1600:  # "Nowruz 1404": the year is in that calendar
            month, day = (int(x) for x in spec[2:].split("-"))
            convert = cal.jalali_to_gregorian if spec[0] == "J" else cal.hijri_to_gregorian
            d = convert(year, month, day)
        else:
            d = _holiday(lex, spec, year)
        words = key(g("h") or "").split(" ")
        eve_of = lex.holidays.get(" ".join(words[1:])) if words[0] in lex.parts_of_day else None
        feast = _holiday(lex, eve_of, year) if eve_of else None
        eve = feast - timedelta(days=1) if feast is not None else None
        if d is not None and eve is not None and eve != d and _holiday(lex, spec, eve.year) == eve:
            d = eve  # "malam Tahun Baru 2016": the eve of 2016, in 2015
    else:
        base = ctx.reference if not ctx.narrative else (ctx.anchor or ctx.reference)
        if base is None:
            return [_Hit(start, end, TimexType.DATE, "XXXX-XX-XX", rule, resolved=False)]
        last, following = g("last") or g("plast"), g("next") or g("pnext")
        direction = "past" if last else ("future" if following else ctx.tense(start, end))
        days = [x for x in (_holiday(lex, spec, y) for y in (base.year - 1, base.year, base.year + 1)) if x]
        if week and any(abs((x - base).days) <= 7 for x in days):
            pass  # the holiday's week at hand ("as Easter week began"), whatever the tense
        elif direction == "past":
            days = [x for x in days if x <= base] or days
        elif direction == "future":
            days = [x for x in days if x >= base] or days
        d = min(days, key=lambda x: abs((x - base).days)) if days else None
    if d is None:
        return []
    ctx.last_holiday = day_of_feast = d
    if g("off"):  # "H-3 Lebaran": three days before the day itself
        d += timedelta(days=int(g("n") or 0) * (1 if g("sign") == "+" else -1))
    if week:
        return [_Hit(start, end, TimexType.DATE, cal.week_value(d), rule + ".week", span=cal.week_span(d))]
    hit = _day_hit(g, rule, d, start, end)
    words = key(g("h") or "").split(" ")
    if len(words) > 1:
        hit = _at_part_of_day(hit, lex.parts_of_day.get(words[0]))  # "malam Tahun Baru": its eve
    hit.extras["feast"] = day_of_feast.isoformat()
    return [hit]


def h_week_of_month(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    """'pekan kedua Januari', 'первую неделю декабря', 'letzten Novemberwoche': a week counted within a month.

    TimeML has no value for it; as ISO 8601 counts the weeks of a year from the one holding 4 January, the
    n-th week of a month is the ISO week holding its (7n-3)-th day, the one where most of its n-th seven days
    fall, and the last week the one holding most of its last seven days.
    """
    lex = ctx.lex
    raw_o = g("o") or g("o2") or ""
    final = bool(g("fin") or g("fin2")) or key(raw_o) in {key(w) for w in lex.final_words}
    n = 0 if final else lex.ordinals.get(key(raw_o))
    unit = g("u") or g("u2") or g("u3") or ""
    if lex.units.get(key(unit)) != "W" or n is None or not (final or 1 <= n <= 5):
        return []
    start, end = g.match.start(), g.match.end()
    if g("cm"):  # a month of another calendar: "هفته پایانی آذر"
        entry = lex.calendar_months.get(key(g("cm") or ""))
        if entry is None or ctx.reference is None or g("y"):
            return []
        calendar_name, month = entry
        convert = cal.jalali_to_gregorian if calendar_name == "jalali" else cal.hijri_to_gregorian
        this_year = cal.gregorian_year_of_jalali if calendar_name == "jalali" else cal.hijri_year_of
        year = this_year(ctx.reference)
        mid = _nearest_in_calendar(convert, year, month, 15, ctx, True, ctx.tense(start, end))
        if mid is None:
            return []
        year = next((y for y in (year - 1, year, year + 1) if convert(y, month, 15) == mid), year)
        first = convert(year, month, 1)
        last_day = 31 if calendar_name == "jalali" and month <= 6 else 30
        last = convert(year, month, last_day) or convert(year, month, last_day - 1)
    else:
        number = lex.months.get(key(g("m") or ""))
        if number is None:
            return []
        month = number
        known = int(g("y") or 0) if g("y") else ctx.year_context()
        if known is None and ctx.reference is not None:
            known = cal.year_for(ctx.reference, month, None, ctx.tense(start, end))
        first = cal.safe_date(known, month, 1) if known else None
        last = cal.month_last(known, month) if known and first else None
    if first is None or last is None:
        return []
    day = last - timedelta(days=3) if final else first + timedelta(days=7 * (n - 1) + 3)
    if day > last:
        return []
    mod = _mod(lex, g)  # "в конце первой недели декабря", "Ende der ersten Dezemberwoche"
    span = cal.with_mod(cal.week_span(day), mod)
    return [_Hit(start, end, TimexType.DATE, cal.week_value(day), f"{lex.language}.week_of_month", mod, span)]


def h_holiday_offset(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    """'H-3' alone: days before the feast the text last named ('menjelang Lebaran ... puncak arus mudik H-3')."""
    if ctx.last_holiday is None:
        # "mulai H-4 hingga H+4 Lebaran": the feast comes after; _offsets_ahead dates it
        hit = _Hit(
            g.match.start(),
            g.match.end(),
            TimexType.DATE,
            "XXXX-XX-XX",
            f"{ctx.lex.language}.holiday.offset",
            resolved=False,
        )
        hit.extras["offset"] = str(int(g("n") or 0) * (1 if g("sign") == "+" else -1))
        return [hit]
    d = ctx.last_holiday + timedelta(days=int(g("n") or 0) * (1 if g("sign") == "+" else -1))
    return [_day_hit(g, f"{ctx.lex.language}.holiday.offset", d, g.match.start(), g.match.end())]


def _holiday_tails(lex: Lexicon) -> list[str]:
    """What follows an anniversary word in a holiday's name: "kemerdekaan ri" of "hut kemerdekaan ri"."""
    tails = []
    for name in lex.holidays:
        for pre in lex.anniversary_pre:
            if key(name).startswith(key(pre) + " "):
                tails.append(key(name)[len(key(pre)) + 1 :])
    return tails


def h_anaphoric(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    lex = ctx.lex
    spec = lex.anaphoric.get(key(g("an") or ""))
    if spec is None:
        return []
    before = lex.anaphoric_after.get(key(g("an") or ""))
    start = g.match.start()
    if not _word_context_ok(lex, key(g("an") or ""), ctx.text, start, g.match.end()):
        # "un día después de que lo hiciera Auriol" measures one day (the rule for durations reads it); "au lendemain
        # du rejet des motions", "накануне заседания": the day after or before an event, dated by the event
        return []
    if before and not re.search(rf"\b(?:{before})\s+$", ctx.text[max(0, start - 30) : start], re.IGNORECASE):
        return []  # "to end the day at 8,017" is the trading day; "the day he died" is no date of its own
    if before and re.match(rf"\s+(?:{ctx.grammar.of_words})\s", ctx.text[g.match.end() : g.match.end() + 12]):
        return []  # "cerró la jornada del martes": the day is the weekday that follows
    # "the day" of a market report is the trading day last named ("on Friday ... ended the day"); "the next
    # day", "am selben Tag", "накануне", "el mismo día" count from the last day the text named, a weekday or
    # "yesterday" too
    day_base = ctx.last_day if before or spec[:1] in {"D", "W"} else None  # "Samedi ... la semaine précédente"
    anchor = ctx.anchor
    if "@" in spec and not 0 <= start - ctx.last_day_end <= 200:
        day_base = anchor = None  # a part of the day with no day named nearby ("podrán votar por la tarde"): today's
    if (
        day_base is not None
        and ctx.reference is not None
        and day_base > ctx.reference
        and ctx.tense(start, g.match.end()) == "past"
    ):
        day_base = ctx.reference  # "(talks on Thursday.) Накануне вечером генсек призвал": the eve of today
    elif (
        day_base is not None
        and ctx.reference is not None
        and ctx.last_future_day is not None
        and spec.startswith("D-")
        and day_base <= ctx.reference
        and ctx.tense(start, g.match.end()) == "future"
    ):
        # "(talks on Thursday, said on Wednesday.) He will arrive the eve before": an eve still to come lies
        # before a day still to come
        day_base = ctx.last_future_day
    base = _story_base(ctx, day_base or anchor or ctx.reference, spec[:1])
    if spec[:1] == "Q" and ctx.quarter_day is not None:
        base = ctx.quarter_day  # "kuartal sebelumnya": the quarter before the one just named
    elif spec[:1] == "M" and spec[1:3] != "+0" and ctx.last_month is not None and not day_base and not ctx.narrative:
        base = date(ctx.last_month[0], ctx.last_month[1], 1)  # "en mars ... par rapport au mois précédent"
    elif spec[:1] == "Y" and not ctx.narrative and ctx.anchor_year and base and base.year != ctx.anchor_year:
        # "En 1981 ... cette année-là", "Pada 2014 ... tahun sebelumnya": from the year last named
        base = cal.safe_date(ctx.anchor_year, 1, 1) or base
    hit = _spec_hit(spec, base, g.match.start(), g.match.end(), f"{lex.language}.anaphoric")
    if hit.day:
        ctx.anchor = hit.day
    return [hit]


def h_weekday(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    """'pada Jumat', 'on Friday', 'el lunes': the nearest such day in the tense's direction."""
    lex = ctx.lex
    raw = g("wd") or ""
    wd = lex.weekdays.get(key(raw))
    if wd is None:
        return []
    start, end = g.match.start(), g.match.end()
    if key(raw) in lex.weekday_guarded and not _guarded_weekday_ok(ctx, raw, g.start("wd"), g.end("wd")):
        return []
    if lex.weekdays_capitalised and not raw[:1].isupper() and len(key(raw)) < 6:
        # "wed", "sun" are words; a full name in lower case ("friday night") is still a weekday
        return []
    pod_word = g("pod") or g("pod0")  # "Friday night", "صباح الأحد"
    pod = lex.parts_of_day.get(key(pod_word)) if pod_word else None
    if not _word_context_ok(lex, key(raw), ctx.text, g.start("wd"), g.end("wd")):
        return []  # "در دوشنبه، پایتخت تاجیکستان": the city, not Monday
    rule = f"{lex.language}.weekday"
    if key(raw) in lex.weekday_plurals and not g("wk") and not g("wk2"):
        # "le marché a lieu les mardis": every Tuesday (TimeML SET), not one Tuesday
        value = f"XXXX-WXX-{wd + 1}" + (f"T{pod}" if pod and not pod[:1].isdigit() else "")
        return [_Hit(start, end, TimexType.SET, value, f"{rule}.plural")]
    pre = ctx.grammar.preceded("weekday", ctx.text, start)
    if pre:
        rule += "." + key(pre).replace(" ", "_")
    base = ctx.reference  # news wording ("said Friday") even inside a history-heavy article
    if base is None:
        return [_Hit(start, end, TimexType.DATE, "XXXX-XX-XX", rule, resolved=False)]
    if g("wk") or g("wk2"):  # "Jumat pekan lalu", "Donnerstag vergangener Woche": the Friday of last week
        if lex.units.get(key(g("wk") or "")) == "D" and g("wthis") and not pod:
            return [_day_hit(g, rule + ".today", base, start, end)]  # "mulai Sabtu hari ini": today, a Saturday
        if lex.units.get(key(g("wk") or g("wk2") or "")) != "W":
            return []
        shift = -1 if g("wlast") or g("wlast2") else (1 if g("wnext") or g("wnext2") else 0)
        d = cal.week_monday(base) + timedelta(days=7 * shift + wd)
        hit = _day_hit(g, rule + ".week", d, start, end)
        hit = _at_part_of_day(hit, pod)  # "Jumat malam pekan lalu"
        return [hit]
    tense = _weekday_tense(ctx, start, end)
    d = cal.weekday_near(base, wd, tense)
    if tense is None and lex.weekday_week_cue and re.search(lex.weekday_week_cue, ctx.sentence(start, end), re.I):
        d = cal.week_monday(base) + timedelta(days=wd)  # "rain every day this week, heaviest on Wednesday"
    if (
        ctx.last_day is not None
        and d < ctx.last_day
        and 0 <= start - ctx.last_day_end <= 12
        and ctx.grammar.range_end.match(ctx.text[ctx.last_day_end : start])
    ):
        # "mulai hari ini hingga Kamis", "from today to Thursday": a range ends after it starts
        d = ctx.last_day + timedelta(days=(wd - ctx.last_day.weekday() - 1) % 7 + 1)
    mod = _mod(lex, g)
    if mod not in {None, "START", "MID", "END"} or (mod and not lex.weekday_mods):
        # "about Friday night", "some Sunday": no day of its own; "prendre fin samedi" is no late Saturday
        return []
    hit = _day_hit(g, rule, d, start, end, mod)  # "late Thursday", "early Tuesday"
    hit = _at_part_of_day(hit, pod)
    return [hit]


def _weekday_tense(ctx: _Ctx, start: int, end: int, present: bool = True, range_end: bool = True) -> str | None:
    """Which way a weekday between `start` and `end` looks: its sentence's tense, unless the words before it decide.

    `present`: whether present-tense verbs of movement ("arrives") count as looking ahead. `range_end`: whether a
    weekday right after a day ("Rabu hingga Jumat") keeps that day's direction rather than looking ahead.
    """
    tense = ctx.tense(start, end, present=present)
    clock_start, clock_end = ctx.last_clock
    # "until 9 a.m. Tuesday": the words before the clock time govern its day
    lead = clock_start if 0 <= start - clock_end <= 3 and not ctx.text[clock_end:start].strip(" ,") else start
    if (
        ctx.grammar.preceded("weekday_past", ctx.text, lead)
        or _reported_on(ctx, start, end)
        or any(ctx.text.startswith(post, end) for post in ctx.lex.weekday_past_post)
    ):
        return "past"  # "a spokesman said Thursday that the troops will remain"
    if (
        (tense != "past" or ctx.lex.weekday_future_firm)
        and (ahead := ctx.grammar.before["weekday_future"].search(ctx.text, max(0, lead - 40), lead))
        and not (range_end and ctx.last_day is not None and 0 <= ahead.start(1) - ctx.last_day_end <= 12)
    ):
        return "future"  # "until Tuesday", "hasta el jueves", "à partir de vendredi": a deadline ahead
    return tense


def _reported_on(ctx: _Ctx, start: int, end: int) -> bool:
    """'..., kata Bambang di Pangkalan Bun, Selasa.': a weekday closing a reported statement is the day it was made."""
    if not re.search(r",\s*$", ctx.text[max(0, start - 3) : start]):
        return False
    if not re.match(r"\s*(?:[.,;:\"”']|$)", ctx.text[end : end + 3]):
        return False
    left, _ = ctx.bounds(start, end)
    return bool(ctx.grammar.report.search(ctx.text, max(left + 1, start - 200), start))


def _guarded_weekday_ok(ctx: _Ctx, raw: str, start: int, end: int) -> bool:
    """'Minggu' is Sunday only when capitalised and not a count or a week ('dua minggu', 'minggu lalu')."""
    if ctx.lex.weekday_guard_by_pre:  # "в среду" is Wednesday, "окружающую среду" the environment
        return bool(ctx.grammar.preceded("weekday", ctx.text, start))
    if not raw[:1].isupper():
        return False
    before = ctx.text[max(0, start - 20) : start].split()
    if before and (before[-1].isdigit() or key(before[-1]) in ctx.lex.numbers):
        return False
    after = ctx.text[end : end + 20].split()
    lex = ctx.lex
    week_words = {key(w) for w in lex.this[1] + lex.last[1] + lex.next[1] + lex.ago[1]}
    return not (after and key(after[0]) in week_words)


def h_century(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    """'the 20th century', '20. Jahrhunderts' -> "19" (TIMEX3 counts centuries from 0)."""
    lex = ctx.lex
    if lex.units.get(key(g("u") or "")) != "CE":
        return []
    raw = g("n") or g("rn") or "0"
    n = int(raw) if raw.isdigit() else _roman(raw)
    if g("o"):
        n = lex.ordinals.get(key(g("o") or ""), 0)  # "le vingtième siècle"
    if not 1 <= n <= 21:
        return []
    first = date((n - 1) * 100 or 1, 1, 1)
    mod = _mod(lex, g)  # "awal abad ke-20", "в начале XXI века", "la fin du XIXe siècle"
    span = cal.with_mod(DateSpan(first, date((n - 1) * 100 + 99, 12, 31), Precision.YEAR), mod)
    return [_Hit(g.match.start(), g.match.end(), TimexType.DATE, f"{n - 1:02d}", f"{lex.language}.century", mod, span)]


def _roman(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for i, ch in enumerate(text):
        v = values.get(ch, 0)
        total += -v if i + 1 < len(text) and values.get(text[i + 1], 0) > v else v
    return total


def h_day_word(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    """'الأول من مارس', 'العاشر من الشهر الماضي': a day named by its ordinal, in a month named or counted."""
    lex = ctx.lex
    day = lex.day_ordinals.get(key(g("dw") or "")) if g("dw") else int(g("dn") or 0) or None  # "15 من الشهر الجاري"
    ref = ctx.reference
    if day is None or ref is None:
        return []
    before = _WORD_BEFORE.search(ctx.text, max(0, g.match.start() - 20), g.match.start() - 1)
    if before and g("dw") and key(before.group(0)) in lex.units:
        return []  # "الأسبوع الأول من نوفمبر": the first week of November, not its first day
    start, end = g.match.start(), g.match.end()
    if g("cm"):  # "الأول من محرم": a day of the Hijri (or Jalali) month, the nearest such in the tense
        entry = lex.calendar_months.get(key(g("cm") or ""))
        if entry is None:
            return []
        calendar_name, cal_month = entry
        convert = cal.jalali_to_gregorian if calendar_name == "jalali" else cal.hijri_to_gregorian
        if g("cy"):
            d = convert(int(g("cy") or 0), cal_month, day)
        else:
            this_year = cal.gregorian_year_of_jalali(ref) if calendar_name == "jalali" else cal.hijri_year_of(ref)
            d = _nearest_in_calendar(convert, this_year, cal_month, day, ctx, True, ctx.tense(start, end))
        if d is None:
            return []
        ctx.anchor = d
        return [_day_hit(g, f"{lex.language}.date.word", d, start, end)]
    if g("mu"):
        shift = -1 if g("last") else (1 if g("next") else 0)
        first = cal.add_months(ref.replace(day=1), shift)
        year, month = first.year, first.month
    else:
        month = lex.months.get(key(g("m") or "")) or 0
        if g("y"):
            year = int(g("y") or 0)
        elif g("mlast"):
            year = ref.year if month < ref.month else ref.year - 1
        elif g("mnext"):
            year = ref.year if month > ref.month else ref.year + 1
        elif g("mthis"):
            year = ref.year
        else:
            year = ctx.year_context() or cal.year_for(ref, month, day, ctx.tense(start, end), strict=False)
    d = cal.safe_date(year, month, day)
    if d is None:
        return []
    ctx.anchor = d
    return [_day_hit(g, f"{lex.language}.date.word", d, start, end)]


def h_day_only(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    """'el día 8': a day of the reference month (the next one if the tense says so)."""
    lex = ctx.lex
    day = int(g("d") or 0)
    base = ctx.anchor if ctx.narrative and ctx.anchor else ctx.reference
    start, end = g.match.start(), g.match.end()
    rule = f"{lex.language}.date.day"
    if ctx.last_day is not None and 0 <= start - ctx.last_day_end <= 200 and 0 < day - ctx.last_day.day <= 7:
        base = ctx.last_day  # "después del 11 de septiembre . El día 12": the month just named
    if base is None:
        return [_Hit(start, end, TimexType.DATE, f"XXXX-XX-{day:02d}", rule, resolved=False)]
    tense = ctx.tense(start, end)
    first = base.replace(day=1)
    if tense == "future" and day < base.day:
        first = cal.add_months(first, 1)
    elif tense == "past" and day > base.day:
        first = cal.add_months(first, -1)
    d = cal.safe_date(first.year, first.month, day)
    if d is None:
        return []
    ctx.anchor = d
    return [_day_hit(g, rule, d, start, end)]


def h_quarter(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    lex = ctx.lex
    raw_o = g("o") or ""
    n = lex.ordinals.get(key(raw_o)) or (int(raw_o) if raw_o.isdigit() else _roman(raw_o) or None)
    unit = lex.units.get(key(g("q") or ""))
    if n is None or unit not in {"Q", "HALF"}:
        return []
    start, end = g.match.start(), g.match.end()
    if lex.unit_hyphen_word and ctx.text[g.end("o") : g.start("q")] == "-" and not g("y") and not g("yu"):
        start = g.start("o")  # "the third-quarter loss": an adjective, "the" is the noun's (as TimeBank marks it)
    if unit == "HALF" and not g("y") and lex.half_sport and re.search(lex.half_sport, ctx.sentence(start, end), re.I):
        return []  # "scored in the first half": a half of the match, not of the year
    following = None if g("y") else _WORDS_AFTER.match(ctx.text, end)
    if following and any(lex.units.get(key(w or "")) in {"D", "W", "M", "H"} for w in following.groups()):
        return []  # "в первой половине дня", "the first half of the month": not a half of the year
    if unit == "HALF" and n == 4:
        n = 2  # "last" is the fourth quarter but the second half ("the last half of 1989")
    if unit == "Q" and not 1 <= n <= 4 or unit == "HALF" and not 1 <= n <= 2:
        return []
    unit = "Q" if unit == "Q" else "H"
    rule = f"{lex.language}.quarter"
    if g("y"):
        ctx.period_year = (int(g("y") or 0), end)
        year: int | None = ctx.period_year[0]
        if lex.jalali_years and year is not None and 1300 <= year <= 1499:
            # "سه ماهه نخست سال ۱۴۰۵": a Solar Hijri quarter starts late in a Gregorian one (21 March -> Q2)
            year += 621
            if unit == "Q":
                year, n = (year + 1, 1) if n == 4 else (year, n + 1)
    else:
        year = ctx.year_context() or (ctx.reference.year if ctx.reference else None)
        if g("yu") and lex.units.get(key(g("yu") or "")) != "Y":
            return []
        after = None if g("yu") else _year_after(ctx, end)
        if after is not None:
            year, end = after  # "el primer trimestre del año pasado"
        elif not g("yu") and ctx.period_year is not None and ctx.same_sentence(ctx.period_year[1], start):
            year = ctx.period_year[0]  # "au premier semestre 2025, puis au second semestre": of 2025 (same sentence)
        elif year is not None and g("yu"):
            year += -1 if g("last") else (1 if g("next") else 0)
        elif year is not None and ctx.reference is not None and not ctx.narrative:
            first = cal.quarter_span(year, n).first if unit == "Q" else cal.half_span(year, n).first
            if first > ctx.reference and ctx.tense(start, end) != "future":
                year -= 1  # "the fourth quarter" in a January report is the one just ended
    if year is None:
        return [_Hit(start, end, TimexType.DATE, f"XXXX-{unit}{n}", rule, resolved=False)]
    span = cal.quarter_span(year, n) if unit == "Q" else cal.half_span(year, n)
    if unit == "Q":
        ctx.last_quarter, ctx.quarter_day, ctx.last_half = n, span.first, None
    else:
        ctx.last_half = n
    ctx.period_end = end
    mod = _mod(lex, g)  # "до конца второго квартала", "a finales del tercer trimestre"
    return [_Hit(start, end, TimexType.DATE, f"{year:04d}-{unit}{n}", rule, mod, cal.with_mod(span, mod))]


def h_quarter_note(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    """'Q1 2015', 'Q4-2014', 'H1 2015': a quarter or half of a year, as companies write them."""
    n, year, unit = int(g("o") or 0), int(g("y") or 0), g("qh") or "Q"
    if unit == "H" and n > 2:
        return []
    span = cal.quarter_span(year, n) if unit == "Q" else cal.half_span(year, n)
    if unit == "Q":
        ctx.last_quarter, ctx.quarter_day, ctx.last_half = n, span.first, None
    ctx.period_end = g.match.end()
    rule = f"{ctx.lex.language}.quarter.note"
    return [_Hit(g.match.start(), g.match.end(), TimexType.DATE, f"{year:04d}-{unit}{n}", rule, span=span)]


def h_season(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    lex = ctx.lex
    season = lex.seasons.get(key(g("se") or ""))
    if season is None:
        return []
    start, end = g.match.start(), g.match.end()
    rule = f"{lex.language}.season"
    mod = _mod(lex, g)
    if key(g("se") or "") in lex.season_guarded and not (
        mod or g("y") or ctx.grammar.preceded("season", ctx.text, start)
    ):
        return []
    if key(g("se") or "") in lex.season_guarded and not g("y") and re.match(r"\s+of\s+\D", ctx.text[end : end + 8]):
        return []  # "the fall of Atlanta", "the fall of the regime": a collapse, not autumn
    se = g("se") or ""
    if lex.season_name_post and se[:1].isupper() and re.match(lex.season_name_post, ctx.text[end : end + 30]):
        return []  # "the 2028 Summer Olympics", "the Winter Games": the name of an event
    if g("y"):
        year: int | None = int(g("y") or 0)
        ctx.anchor_year = year  # "By the spring of 1915 ... in May": May 1915
        ctx.period_year = (int(g("y") or 0), end)
    elif (after := _year_after(ctx, end)) is not None:
        year, end = after  # "летом прошлого года", "im Sommer vergangenen Jahres": that year's season
    else:
        year = ctx.year_context() or (ctx.reference.year if ctx.reference else None)
    if year is None:
        return [_Hit(start, end, TimexType.DATE, f"XXXX-{season}", rule, mod, resolved=False)]
    return [_Hit(start, end, TimexType.DATE, f"{year:04d}-{season}", rule, mod, cal.season_span(year, season))]


def h_bc(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    """'490 BC', '490 v. Chr.' -> BC0490 (no span: Python dates stop at year 1)."""
    y = int(g("y") or 0)
    if y == 0:
        return []
    return [_Hit(g.match.start(), g.match.end(), TimexType.DATE, f"BC{y:04d}", f"{ctx.lex.language}.year.bc")]


def h_decade(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    raw = (g("y") or "0").lstrip("'")
    if (tens := ctx.lex.decade_words.get(key(raw))) is not None:
        raw = f"{tens}0"  # "los años noventa"
    if g("dp") and len(raw) == 4 and g.match.end() == g.end("y") and key(g("dp") or "") in ctx.lex.decade_pre_suffix:
        return []  # "tahun 2030" is a year; only "tahun 2030-an" is a decade
    end = g.match.end()
    if (
        g("dp")
        and key(g("dp") or "") in ctx.lex.decade_pre_bare
        and not (len(raw) == 2 and _DECADE_BARE_END.match(ctx.text, end))
    ):
        return []  # "en los 80 ," is the eighties; "los 80 dólares", "los 80.000 millones" are amounts
    if (
        len(raw) == 2
        and ctx.lex.decade_age_pre
        and _word_before(tuple(ctx.lex.decade_age_pre)).search(ctx.text, max(0, g.match.start() - 20), g.match.start())
    ):
        return []  # "when he was in his 30s": an age
    y = int(raw) if len(raw) == 4 else 1900 + int(raw)
    if ctx.lex.jalali_years and 1300 <= y <= 1499:
        y += 621  # "دهه ۱۳۹۰": the Solar Hijri 1390s are (mostly) the 2010s
    mod = _mod(ctx.lex, g)
    rule = f"{ctx.lex.language}.decade"
    hits = [_Hit(g.match.start(), end, TimexType.DATE, str(y // 10), rule, mod, cal.decade_span(y // 10))]
    more = _DECADE_AND.match(ctx.text, end) if len(raw) == 2 else None
    if more and key(more.group(1)) in {key(w) for w in ctx.lex.range_and}:
        d2 = (1900 + int(more.group(2))) // 10  # "los años 20 y 30": the second decade is one of its own
        hits.append(_Hit(more.start(2), more.end(2), TimexType.DATE, str(d2), rule, None, cal.decade_span(d2)))
    return hits


_DECADE_BARE_END = re.compile(r"\s*(?:[,;:)]|\.(?!\d)|$)|\s+\w{1,2}\s+(?:\w{2,3}\s+)?[1-9]0(?![\w.,]\d|\s*[^\W\d])")
_DECADE_AND = re.compile(r"\s+(\w{1,3})\s+(?:\w{2,3}\s+)?([1-9]0)(?=\s*(?:[^\w\s]|$))")


def h_year_range(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    y1 = int(g("y1") or 0)
    raw2 = g("y2") or ""
    y2 = int(raw2) if len(raw2) == 4 else y1 // 100 * 100 + int(raw2)
    if y2 <= y1 or y2 - y1 > 100 or (g("sl") and y2 != y1 + 1):
        return []  # "2014/2015" is a season or a fiscal year; other slashes are no span of years
    rid = ctx.new_range()
    rule = f"{ctx.lex.language}.range.years"
    ctx.anchor_year = y2
    return [
        _Hit(g.start("y1"), g.end("y1"), TimexType.DATE, f"{y1:04d}", rule, span=cal.year_span(y1), range_id=rid),
        _Hit(g.start("y2"), g.match.end(), TimexType.DATE, f"{y2:04d}", rule, span=cal.year_span(y2), range_id=rid),
    ]


def h_spelled_year(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    """'nineteen ninety-six', 'the year two thousand', 'two thousand and one' (broadcast transcripts)."""
    lex = ctx.lex
    base = lex.year_centuries.get(key(g("c") or ""))
    if base is None:
        return []
    tail = 0
    if g("t"):
        for word in re.split(r"[\s-]+", key(g("t") or "")):
            n = lex.numbers.get(word, 0 if word == "oh" else None)
            if n is None:
                return []
            tail += n
        if tail >= 100 or (base % 100 == 0 and tail == 0):
            return []
    elif base % 100 != 0 or not (g("art") or ctx.grammar.preceded("year", ctx.text, g.match.start())):
        return []  # "nineteen" alone is a number; "two thousand" a year only after "in", "the year"
    if base % 100 != 0:
        if tail < 10 and " oh" not in f" {key(g('t') or '')}":
            return []  # "nineteen five" is no way to say 1905
        y = base * 100 + tail
    else:
        y = base + tail
    ctx.anchor_year = y
    mod = _mod(lex, g)
    span = cal.with_mod(cal.year_span(y), mod)
    return [_Hit(g.match.start(), g.match.end(), TimexType.DATE, f"{y:04d}", f"{lex.language}.year.words", mod, span)]


def h_year(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    """A bare year, unless it counts something ('2000 tentara', '1500 people')."""
    lex = ctx.lex
    y = int(g("y") or 0)
    if ctx.grammar.zone_after.match(ctx.text, g.match.end()):
        return []  # "1430 GMT" is a clock
    before, after = ctx.text[max(0, g.match.start() - 2) : g.match.start()], ctx.text[g.match.end() : g.match.end() + 2]
    if re.fullmatch(r"\d[\s/-]", before) and re.fullmatch(r"[\s/-]\d", after):
        return []  # a group of a telephone number: "030 18 2000 123"
    mod = _mod(lex, g)
    licensed = bool(
        (lex.year_after_name and _NAME_BEFORE.search(ctx.text, max(0, g.match.start() - 25), g.match.start()))
        or _YEAR_BEFORE.search(ctx.text, max(0, g.match.start() - 25), g.match.start())
        or g("art")
        or g("suf")
        or mod in {"START", "MID", "END"}
        or ctx.grammar.preceded("year", ctx.text, g.match.start())
    )
    after = ctx.text[g.end("y") : g.end("y") + 2]
    followed_by_word = len(after) == 2 and after[0] == " " and after[1].isalpha()
    # "2015 a été une année record", "1998 ha sido": a verb follows a year, a noun a count ("2000 ha de viñedo"
    # are hectares)
    year_verb = bool(
        followed_by_word
        and lex.year_verbs
        and y >= 1800  # "le vol AF 1234 a été détourné": a number, not the year
        and re.match(r"\s+" + lex.year_verbs + R + r"(?!\s+de\b)", ctx.text[g.end("y") : g.end("y") + 20], re.I)
    )
    if year_verb:
        licensed = True
    if followed_by_word and _counts_something(lex, after[1], licensed, mod):
        return []
    if not year_verb and re.match(
        r"\s*(?:km|kg|mm|cm|m|t|ha|mi|ft|lb|qm|m²|km²)\b", ctx.text[g.end("y") : g.end("y") + 5]
    ):
        return []
    before = ctx.text[max(0, g.start("y") - 3) : g.start("y")].rstrip()
    if before.endswith(("Rp", "$", "№", "No", "no", "Nr", "#")):
        return []
    start = g.match.start()
    if lex.jalali_years and 1300 <= y <= 1499:
        # A Solar Hijri year runs from late March to late March: name the Gregorian year it mostly covers.
        first, last = cal.jalali_to_gregorian(y, 1, 1), cal.jalali_to_gregorian(y, 12, 29)
        if first is None or last is None:
            return []
        ctx.anchor_year = first.year
        span = DateSpan(first, last, Precision.YEAR)
        return [
            _Hit(start, g.match.end(), TimexType.DATE, f"{first.year:04d}", f"{lex.language}.year.jalali", mod, span)
        ]
    if not (ctx.narrative and ctx.grammar.preceded("year_aside", ctx.text, start)):
        # "Am 6. Juni 1944 landeten ... ab 1941 ausgearbeiteten Plänen": the story stays in 1944
        ctx.anchor_year = y
    ctx.year_end = g.match.end()
    return [
        _Hit(
            start,
            g.match.end(),
            TimexType.DATE,
            f"{y:04d}",
            f"{lex.language}.year",
            mod,
            cal.with_mod(cal.year_span(y), mod),
        )
    ]


_YEAR_NEXT = re.compile(r"\s+(?:1[0-9]|20)\d\d(?![\d.,]\d)")
# "between 1994 and 1997", "in 1994, 1995 and 1997": a year right before licenses the next one.
# "APBN 2015", "APBN-P 2015", "Piala Dunia 2014": a name inside a sentence (not its first word) dates its year.
_NAME_BEFORE = re.compile(r"(?<=[^\W\d_])\s+(?:[A-Z]{2,}(?:-[A-Z]+)?|[A-Z][a-z]+)\s+$")
# "2024 and 2025", "2024, 2025", "2024-", "٢٠٢٤ و٢٠٢٥" (a joined "and")
_YEAR_BEFORE = re.compile(r"(?<!\d)(?:1\d|20)\d\d\s*(?:,\s*|\s+\w{1,3}\s+|\s*-\s*|\s+[^\W\d_])$")


def _counts_something(lex: Lexicon, next_letter: str, licensed: bool, mod: str | None) -> bool:
    """Whether a 4-digit number followed by a word counts things ("2000 tentara") rather than dating.

    The word after a year is a verb or a preposition; after a count it is a noun. Case tells them
    apart where the script has case (German capitalises nouns); elsewhere only a licensing word
    before the number ("in", "tahun", "عام") makes it a year.
    """
    if mod == "APPROX":
        return True
    if lex.year_follower == "capitalised":
        return next_letter.isupper() and not licensed
    if lex.year_follower == "any":
        return not licensed
    return next_letter.islower() and not licensed


def _past_form_before(ctx: _Ctx, pos: int) -> bool:
    """'(which) opened in (September)': a regular past form right before the link word, with no auxiliary of
    the present ('is expected in') nor a future cue ('scheduled in') of its own."""
    if not ctx.lex.month_past_link:
        return False
    m = re.search(r"(\S+)\s+(\S+)\s+(\S+)\s+$", ctx.text[max(0, pos - 60) : pos])
    if m is None or key(m.group(3)) not in ctx.lex.month_past_link:
        return False
    verb = m.group(2)
    return (
        ctx.grammar.past_forms.fullmatch(verb) is not None
        and ctx.grammar.future.match(verb) is None
        and key(m.group(1)) not in {key(a) for a in ctx.lex.present_aux}
    )


def h_month(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    """A month on its own: 'in February' (the year that fits the tense), 'early February'."""
    lex = ctx.lex
    raw = g("m") or ""
    k = key(raw)
    month = lex.months.get(k)
    if month is None or k not in lex.month_full:
        return []
    mod = _mod(lex, g)
    if lex.months_capitalised and not raw[:1].isupper():
        return []
    if k in lex.month_guarded and not (mod or g("art") or ctx.grammar.preceded("month", ctx.text, g.match.start())):
        return []
    if lex.months_lowercase and k in lex.month_guarded and raw[:1].isupper():
        before = ctx.text[max(0, g.start("m") - 20) : g.start("m")].rstrip()
        if before and before[-1] not in '.!?:;\n"«»([—–-':
            return []  # "la mission vers Mars": mid-sentence, a capitalised month is a name
    start, end = g.match.start(), g.match.end()
    num = (
        re.search(r"(?<!\S)\d{1,2}\s+(?:\w{1,3}\s+)?$", ctx.text[max(0, start - 12) : start]) if lex.name_pre else None
    )
    if num and ctx.grammar.preceded("name", ctx.text, max(0, start - 12) + num.start()):
        return []  # the month of "la Avenida 17 de Junio"
    rule = f"{lex.language}.month"
    year = ctx.year_context()
    if year is None and (after := _year_after(ctx, end)):
        year, end = after  # "July last year", "septiembre del año pasado", "Maret tahun depan"
    if year is None and ctx.period_year is not None and ctx.same_sentence(ctx.period_year[1], start):
        year = ctx.period_year[0]  # "le printemps 1968 et les grèves de mai": that May
    if (
        year is None
        and ctx.last_day is not None
        and ctx.last_day.month == month
        and 0 <= start - ctx.last_day_end <= 200
        and ctx.same_sentence(ctx.last_day_end, start)
    ):
        year = ctx.last_day.year  # "until Jan. 15 ... and set a hearing for late January": that January
    if year is None and ctx.reference is not None:
        tense = ctx.tense(start, end)
        figures = ctx.grammar.month_figures
        if tense == "future" and figures and figures.search(ctx.text, max(0, start - 80), start):
            tense = None  # "informará el jueves el índice de precios de octubre": the figures of a month gone by
        if tense != "past" and _past_form_before(ctx, g.start("m")):
            tense = "past"  # "which opened in September, will close": the verb of the month is its own
        if ctx.grammar.preceded("weekday_past", ctx.text, start):
            tense = "past"  # "depuis janvier": a month right after a word of the past is past, whatever the verb
        year = cal.year_for(ctx.reference, month, None, tense)
    if year is None:
        return [_Hit(start, end, TimexType.DATE, f"XXXX-{month:02d}", rule, mod, resolved=False)]
    span = cal.with_mod(cal.month_span(year, month), mod)
    hit = _Hit(start, end, TimexType.DATE, f"{year:04d}-{month:02d}", rule, mod, span)
    if end == g.match.end():
        hit.extras["inferred_year"] = "1"
    ctx.last_month = (year, month, end)
    return [hit]


def h_clock(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    """'19:00', '7 p.m.', 'pukul 19.00 WIB', '4:45 Uhr' - never a bare number."""
    lex = ctx.lex
    hour = int(g("h") or 0) if not g("hw") else lex.clock_words.get(key(g("hw") or ""), 99)
    if g("hw"):
        word_pre = ctx.grammar.preceded("clock", ctx.text, g.match.start())
        if not g("suf") and not (word_pre and key(word_pre) not in lex.clock_pre_weak):
            # "las seis de la mañana", "الساعة الثالثة" are times; "las seis" or "الثالثة" alone may be anything
            return []
    minute = int(g("mi") or 0)
    if g("fr"):  # "الثامنة والنصف": half past eight; "إلا ربعا": a quarter to
        minute = lex.clock_fractions.get(key(g("fr") or ""), 0)
        if minute < 0:
            hour, minute = hour - 1, 60 + minute
    ap = (g("ap") or "").lower().replace(".", "").replace(" ", "")
    suffix = key(g("suf") or "") if g("suf") else None
    sep = g("sep")
    pre = ctx.grammar.preceded("clock", ctx.text, g.match.start())
    if not (lex.clock_pre_bare or sep or suffix is not None):
        pre = None  # French "à 3 contre 1": a bare number after "à" is no time without "h" or "heures"
    sep_word = bool(sep and g("mi") and lex.clock_sep_words and re.fullmatch(lex.clock_sep_words, sep.strip(), re.I))
    if not (
        sep == ":" or (sep and sep.strip() == "h" and g("mi")) or sep_word or ap or pre or suffix is not None or g("hw")
    ):
        return []
    if (
        pre
        and key(pre) in lex.clock_pre_weak
        and not (sep or ap or suffix is not None)
        and re.match(r"\s+[^\W\d]", ctx.text[g.match.end() : g.match.end() + 3])
    ):
        return []  # "una de las 10 mejores": "las" alone makes a time only of a number that ends the phrase
    if _capitalised_name(lex, g("suf") or "", ctx.text, g.match.end()):
        return []  # "les 24 Heures du Mans"
    if lex.count_name_context and suffix and not g("mi"):
        s = g.match.start()
        if re.search(lex.count_name_context, ctx.text[max(0, s - 20) : s] + "§" + g.match.group(0), re.I):
            return []  # "l'invité du 20 heures de TF1": a name
    if lex.clock_duration_context and not ap and not ctx.grammar.preceded("clock", ctx.text, g.match.start()):
        s, e = g.match.start(), g.match.end()
        if re.search(lex.clock_duration_context, ctx.text[max(0, s - 30) : s] + "§" + ctx.text[e : e + 20], re.I):
            # "pendant 1 h 30", "au terme de 3 h 13 de jeu": a length, not a time of day
            value = f"PT{int(g('h') or 0)}H" + (f"{minute}M" if minute else "")
            return [_Hit(s, e, TimexType.DURATION, value, f"{lex.language}.duration.clock")]
        if suffix is not None and 24 <= hour < 1000 and not g("mi") and not g("hw"):
            # "depuis 48 h", "une grève de 24 h": no clock reads 48 h, and "24 h" is a day's length
            return [_Hit(s, e, TimexType.DURATION, f"PT{hour}H", f"{lex.language}.duration.clock")]
    zone = lex.clock_suffix.get(suffix or "", "") if suffix else ""
    if zone == "NIGHT":  # "pukul 9 malam" is 21:00, "pukul 12 malam" midnight, "pukul 2 malam" 02:00
        zone = "AM" if hour == 12 or hour < 5 else "PM"
    elif zone == "MIDDAY":  # "pukul 11 siang" is 11:00, "pukul 1 siang" 13:00
        zone = "AM" if 10 <= hour < 12 else "PM"
    clock_end = g.match.end()
    if zone in {"AM", "PM"} and ap:
        zone, clock_end = "", g.end("ap")  # "3 a.m. in the morning": the part of the day is its own expression
    elif zone in {"AM", "PM"}:  # "las 11 de la noche": a part of the day, not a zone
        ap, zone = zone.lower(), ""
    if ap == "pm" and hour < 12:
        hour += 12
    elif ap == "am" and hour == 12:
        hour = 0
    if hour > 24 or minute > 59 or (ap and hour > 24):
        return []
    end_of_day = hour == 24 and minute == 0 and not ap  # "pukul 24.00": the midnight that ends the day
    hour %= 24
    clock = time(hour, minute)
    start = g.start("hw") if g("hw") else g.start("h")
    if sep == "" and ctx.text[ctx.last_clock[1] : start].strip() == "(":
        return []  # "10:35 a.m. (0735 GMT) Friday": the same time in another zone, an aside
    rule = f"{lex.language}.clock"
    base = ctx.anchor if ctx.narrative and ctx.anchor else ctx.reference
    named_day = ctx.last_day is not None and 0 <= start - ctx.last_day_end <= lex.clock_day_reach
    if named_day:
        base = ctx.last_day  # "the blast on Friday ... at 10:35 a.m." is Friday's
        story = ctx.story_day
        if (
            ctx.last_day_report
            and story is not None
            and base is not None
            and story[0] < base
            and 0 <= start - story[1] <= lex.clock_day_reach
            and not ctx.same_sentence(ctx.last_day_end, start)
            and ctx.tense(start, clock_end) == "past"
        ):
            # "shot dead late Saturday, police said on Sunday. Officers were called at 11:45 p.m.": the story's
            # day, not the day of the statement
            base = story[0]
    if end_of_day and base is not None:
        base += timedelta(days=1)
    prev = ctx.last_clock_at
    if base is not None and prev is not None and prev[0] == base and prev[1].hour >= 12 and clock.hour < 8:
        base += timedelta(days=1)  # "hier vers 18 h 50 ... vers 3 h 30 du matin", "de 20 h à 6 h": the night after
    if base is not None:
        ctx.last_clock_at = (base, clock)
    day = base.isoformat() if base else "XXXX-XX-XX"
    value = f"{day}T{clock:%H:%M}{zone}"
    hit = _Hit(
        start,
        clock_end,
        TimexType.TIME,
        value,
        rule,
        clock=clock,
        span=cal.day_span(base) if base else None,
        resolved=base is not None,
        day=base,
    )
    hit.extras["zone"] = zone
    if end_of_day:
        hit.extras["end_of_day"] = "1"
    ctx.last_clock = (start, clock_end)
    return [hit]


def _capitalised_name(lex: Lexicon, word: str, text: str, end: int) -> bool:
    """A unit word written with a capital, in a language that writes them in lower case, before a
    lower-case word: part of a name ("les 24 Heures du Mans"), not a length."""
    return (
        lex.months_lowercase
        and word[:1].isupper()
        and not word.isupper()
        and bool(re.match(r"\s+[^\W\d_]*[a-z]", text[end : end + 20]))
    )


def h_nth_day(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    """'hari ke-11 operasi SAR': the n-th day of an operation under way is the day of the report ("hari ketiga")."""
    lex = ctx.lex
    if lex.units.get(key(g("u") or "")) != "D" or not lex.nth_day_today or ctx.narrative:
        return []
    base = ctx.reference
    if base is None:
        return []
    if lex.numeric_order == "DMY" and (
        apposed := _NTH_DAY_APPOSED.match(ctx.text, g.match.end(), min(len(ctx.text), g.match.end() + 60))
    ):
        # "hari ke-10 pencarian, Selasa (6/1/2015)": the day the apposition dates, in a report of the day after
        d, m, y = (int(apposed.group(i) or 0) for i in (1, 2, 3))
        years = [_year2(str(y), base.year)] if y else [base.year - 1, base.year, base.year + 1]
        days = [day for day in (cal.safe_date(year, m, d) for year in years) if day is not None]
        ref: date = base
        base = min(days, key=lambda day: abs((day - ref).days)) if days else base
    return [_day_hit(g, f"{lex.language}.nth_day", base, g.match.start(), g.match.end())]


_NTH_DAY_APPOSED = re.compile(r"(?:\s+[^\W\d_]+){0,3},\s+[^\W\d_]+\s+\((\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?\)")


def h_half_clock(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    """'pukul setengah delapan pagi': half an hour before eight, 07:30 (the clock word stays out of the span)."""
    lex = ctx.lex
    n = _number(lex, g("n"))
    if n is None or not 1 <= n <= 12:
        return []
    zone = lex.clock_suffix.get(key(g("suf") or ""), "") if g("suf") else ""
    hour = n - 1
    if zone == "PM" or (zone in {"NIGHT", "MIDDAY"} and hour < 5) or (zone == "NIGHT" and 5 <= hour < 12):
        hour += 12  # "setengah delapan malam" is 19:30, "setengah dua siang" 13:30
    zone = zone if zone not in {"AM", "PM", "NIGHT", "MIDDAY"} else ""
    clock = time(hour % 24, 30)
    start = g.start("hm")
    near = ctx.last_day is not None and 0 <= start - ctx.last_day_end <= lex.clock_day_reach
    base = ctx.last_day if near else ctx.reference
    value = f"{base.isoformat() if base else 'XXXX-XX-XX'}T{clock:%H:%M}{zone}"
    hit = _Hit(start, g.match.end(), TimexType.TIME, value, f"{lex.language}.clock.half", clock=clock, day=base)
    hit.span, hit.resolved = (cal.day_span(base), True) if base else (None, False)
    hit.extras["zone"] = zone
    return [hit]


def h_duration(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    lex = ctx.lex
    raw_n = g("n") or ""
    unit = lex.units.get(key(g("u") or ""))
    if unit is None:
        return []
    if raw_n and raw_n[0].isdigit():
        n_text = raw_n.replace(",", ".")
        if re.fullmatch(r"[1-9]\d?,\d{3}", raw_n):
            n_text = raw_n.replace(",", "")  # "1,460 years": a thousands comma, never three decimals
        elif len(n_text) >= 4:
            return []
    elif lex.vague_count and key(raw_n) in lex.vague_set:
        n_text = "X"  # "beberapa hari (terakhir)": some days, PXD
    else:
        n = _number(lex, raw_n)
        if n is None:
            return []
        n_text = str(n)
    if g("mul") and n_text.isdigit():
        n_text = str(int(g("mul") or 1) * int(n_text))  # "2 x 24 jam": 48 hours
    if unit == "Y" and ctx.text.startswith(" old", g.match.end()):
        return []  # "52 years old" is an age, not annotated in news TimeML ("16 days old" is)
    if unit == "Y" and lex.age_context:
        s, e = g.match.start(), g.match.end()
        around = ctx.text[max(0, s - 30) : s] + "§" + ctx.text[e : e + 3]
        n_at = g.start("n") if g("pre") and g("n") else s  # "les moins de 25 ans": the qualifier is read as context
        inner = ctx.text[max(0, n_at - 30) : n_at] + "§" + ctx.text[e : e + 3]
        if re.search(lex.age_context, around, re.IGNORECASE) or (
            n_at != s and re.search(lex.age_context, inner, re.IGNORECASE)
        ):
            return []  # "Jean Dupont, 45 ans, a été interpellé", "âgé de 20 ans"
    if (after := lex.unit_not_before.get(key(g("u") or ""))) and re.match(
        rf"\s+(?:{after})(?!\w)", ctx.text[g.end("u") : g.end("u") + 20], re.IGNORECASE
    ):
        return []  # "dua jam dinding" (clocks), "hari libur" (holidays): the unit word names a thing
    if lex.unit_hyphen_word and re.match(r"-[^\W\d_]", ctx.text[g.end("u") : g.end("u") + 2]):
        return []  # "a year-earlier loss", "a 10-year-old boy": the unit is part of a longer word
    if unit == "Y" and _YEAR_NEXT.match(ctx.text, g.end("u")):
        return []  # "UU No 1 Tahun 2009": the law's number, then its year
    if (
        lex.duration_not_after
        and _number(lex, raw_n) == 1
        and not raw_n[:1].isdigit()
        and re.search(
            rf"(?<!\w)(?:{lex.duration_not_after})\s+$", ctx.text[max(0, g.match.start() - 20) : g.match.start()], re.I
        )
    ):
        return []  # "ha sido un día maravilloso" describes a day; it measures no time
    if (
        lex.unit_described
        and unit in {"D", "M", "Y"}
        and _number(lex, raw_n) == 1
        and not raw_n[:1].isdigit()
        and not g("pre")
        and re.match(rf"\s+(?:{lex.unit_described})\b", ctx.text[g.match.end() : g.match.end() + 30], re.I)
    ):
        # "en un año teñido de patriotismo", "vivió ayer un día inusualmente turbulento": that year, that day
        near = ctx.last_day if ctx.last_day is not None and 0 <= g.match.start() - ctx.last_day_end <= 30 else None
        base = near or ctx.reference  # "vivió ayer un día turbulento": yesterday
        return [_relative_hit(unit, 0, base, g.match.start(), g.match.end(), f"{lex.language}.described")]
    clock_hour = not (n_text.isdigit() and int(n_text) >= 24)  # "à 48 heures du scrutin" is a span
    if unit == "H" and clock_hour and not g("pre") and ctx.grammar.preceded("clock", ctx.text, g.match.start()):
        return []  # "à 20 heures", "a las 11 horas": a time of day
    if (
        unit == "H"
        and g("pre")
        and lex.clock_pre_weak
        and (clock_pre := ctx.grammar.preceded("clock", ctx.text, g.start("n")))
        and key(clock_pre) not in lex.clock_pre_weak
        and n_text.isdigit()
        and int(n_text) <= 24
    ):
        return []  # "hasta las 22 horas" is a time; "exigen las 35 horas" a working week
    s, e = g.match.start(), g.match.end()
    if (
        unit == "H"
        and clock_hour
        and not g("pre")
        and raw_n[:1].isdigit()
        and ctx.last_day is not None
        and 0 < s - ctx.last_day_end <= 2
        and not ctx.text[ctx.last_day_end : s].strip()
    ):
        # "ce soir 22 heures", "jeudi 14 heures": the clock time of that day ("sore ini, dua jam" is a length)
        return []
    if _capitalised_name(lex, g("u") or "", ctx.text, e):
        return []  # "les 24 Heures du Mans"
    if lex.count_name_context and re.search(
        lex.count_name_context, ctx.text[max(0, s - 20) : s] + "§" + ctx.text[s:e], re.I
    ):
        return []  # "l'invité du 20 heures": a name
    if unit == "Q" and (key(raw_n) in {"a", "an", "un", "une", "ein", "eine"} or "-" in (g.match.group(0) or "")):
        return []  # "three-quarters", "a quarter of" are fractions
    if lex.hours_as_days and unit == "H" and n_text.isdigit() and int(n_text) % 24 == 0 and int(n_text) >= 24:
        value = f"P{int(n_text) // 24}D"  # "48 Stunden" is two days in the German corpus
    elif unit in TIME_CODE:
        value = f"PT{n_text}{TIME_CODE[unit]}"
    elif unit in {"DE", "CE"}:
        value = f"P{float(n_text) * (10 if unit == 'DE' else 100):g}Y"
    elif unit in DURATION_CODE:
        value = f"P{n_text}{DURATION_CODE[unit]}"
        if unit == "FN":
            value = f"P{float(n_text) * 2:g}W"
    else:
        return []
    if (g("half") or g("hmid") or g("hpost")) and n_text.isdigit():
        value = _plus_half(value, int(n_text), unit, lex.half_decimal)  # "2 1/2 years", "un año y medio"
    elif lex.decimal_half_compound and unit in _HALF_OF and re.fullmatch(r"[1-9]\d{0,2}\.5", n_text):
        # "selama 1,5 jam" is PT1H30M, as "satu setengah jam" (TimeNorm's fractional periods)
        value = _plus_half(value.replace(n_text, n_text[:-2], 1), int(n_text[:-2]), unit, False)
    start = g.start("mul") if g("mul") and not g("pre") else g.start("n") if not g("pre") else g.match.start()
    if (
        g("pre")
        and key(g("pre") or "") in {key(a) for a in lex.articles}
        and ctx.text[g.end("n") : g.start("u")] == "-"
    ):
        start = g.start("n")  # "the 14-day waiting period": the length is an adjective, "the" is the noun's
    unit2 = lex.units.get(key(g("u2") or "")) if g("u2") else None
    n2 = _number(lex, g("n2"))
    end = g.match.end()
    if unit2 is not None and n2 is not None and f"{unit2}," not in _SMALLER_UNITS.get(unit, ""):
        # "two years and 12 years" are two lengths, not one
        first = _Hit(start, g.end("u"), TimexType.DURATION, value, f"{lex.language}.duration")
        code2 = TIME_CODE.get(unit2)
        value2 = f"PT{n2}{code2}" if code2 else f"P{n2}{DURATION_CODE.get(unit2, unit2)}"
        if unit2 in {"DE", "CE"}:
            value2 = f"P{n2 * (10 if unit2 == 'DE' else 100)}Y"
        return [first, _Hit(g.start("n2"), end, TimexType.DURATION, value2, f"{lex.language}.duration")]
    if unit2 is not None and n2 is not None and value[-1:] != "W":
        # "dos años y tres meses" -> P2Y3M, "two hours and 30 minutes" -> PT2H30M
        code2 = TIME_CODE.get(unit2) if value.startswith("PT") else DURATION_CODE.get(unit2)
        if code2 and unit2 not in {"DE", "CE", "W", "FN"}:
            value += f"{n2}{code2}"
        elif code2 is None and unit2 in TIME_CODE and "T" not in value:
            value += f"T{n2}{TIME_CODE[unit2]}"  # "three days and two hours" -> P3DT2H
    mod = lex.duration_mods.get(key(g("pre") or ""))  # "plus de six mois": MORE_THAN
    keep = lex.duration_mod_after.get(key(g("pre") or ""))
    if mod and keep and g("n") and not re.search(rf"(?<!\w)(?:{keep})\s+$", ctx.text[max(0, start - 25) : start], re.I):
        start, mod = g.start("n"), None  # "deliberating for nine hours over two days": across them, not more
    hit = _Hit(start, end, TimexType.DURATION, value, f"{lex.language}.duration", mod)
    shared = (
        _shared_unit_count(lex.language).search(ctx.text, max(0, start - 40), start) if lex.shared_unit_links else None
    )
    n1 = None if shared is None else shared.group(1) if shared.group(1)[0].isdigit() else _number(lex, shared.group(1))
    if shared is not None and n1 is not None and re.match(r"^PT?\d+[A-Z]$", value):
        # "de dos a tres años", "tres o cuatro semanas": the first count is a duration of the same unit
        value1 = re.sub(r"^(PT?)\d+", rf"\g<1>{n1}", value)
        return [_Hit(shared.start(1), shared.end(1), TimexType.DURATION, value1, hit.rule + ".shared"), hit]
    return [hit]


@functools.lru_cache(maxsize=16)
def _shared_unit_count(language: str) -> re.Pattern[str]:
    """A count right before "a", "o" that shares the unit of the duration after it ("dos a tres años")."""
    lex = load_lexicon(language)
    numbers = alternation([w for w in lex.numbers if " " not in w])
    links = alternation([w for w in lex.shared_unit_links if w != "-"])
    dash = r"|\s*[-–]\s*" if "-" in lex.shared_unit_links else ""  # "2-3 hari"
    return re.compile(rf"(?<![\w.,-])(\d{{1,3}}|{numbers})(?:\s+(?:{links})\s+{dash})$", re.IGNORECASE)


# The units a compound length may go on with after each unit: "two years and three months", not "... and 12 years".
_SMALLER_UNITS = {"Y": "M,W,D,", "M": "W,D,", "W": "D,", "D": "H,MIN,", "H": "MIN,"}


# Half of each unit in the next smaller one: "2 1/2 years" -> P2Y6M, "5 1/2 hours" -> PT5H30M (TimeBank).
_HALF_OF = {"Y": "6M", "M": "15D", "W": "3DT12H", "D": "T12H", "H": "30M", "MIN": "30S"}


def _plus_half(value: str, n: int, unit: str, decimal: bool) -> str:
    """The value of `n` and a half `unit`s: compound (P2Y6M) or, where the corpus writes it so, decimal (P2.5Y)."""
    if decimal:
        return re.sub(r"\d+(?=[A-Z]+$)", f"{n}.5", value, count=1)
    half = _HALF_OF.get(unit)
    return value + half if half and value[-1:].isalpha() and value[1:2] != "X" else value


def h_fixed(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    """Fixed words: sets ('daily' -> SET P1D), vague refs ('recently' -> PAST_REF), 'sehari' -> P1D."""
    lex = ctx.lex
    k = key(g("w") or "")
    start, end = g.match.start(), g.match.end()
    if g("pre") and key(g("pre") or "") not in lex.duration_mods:
        start = g.start("w")  # only a qualifier joins a fused length ("selama hampir sebulan"), not "durante"
    if (after := lex.fixed_followed.get(k)) and not re.match(rf"\s+(?:{after})\b", ctx.text[end : end + 20]):
        return []  # "the year ended June 30" is a year's length, "annual loss" a year's result; alone, neither
    if not _word_context_ok(lex, k, ctx.text, start, end):
        return []
    if k in lex.sets:
        return [_Hit(start, end, TimexType.SET, lex.sets[k], f"{lex.language}.set")]
    if k in lex.refs:
        if lex.ref_not_before and re.match(lex.ref_not_before, ctx.text[end : end + 12], re.IGNORECASE):
            return []  # "próximo a Panticosa" is near, not next
        return [_Hit(start, end, TimexType.DATE, lex.refs[k], f"{lex.language}.ref")]
    if k in lex.durations:
        if lex.durations[k].endswith("Y") and lex.age_context:
            around = ctx.text[max(0, start - 30) : start] + "§" + ctx.text[end : end + 3]
            if re.search(lex.age_context, around, re.IGNORECASE):
                return []  # "âgé d'une trentaine d'années" is an age
        mod = lex.duration_mods.get(key(g("pre") or ""))  # "selama hampir sebulan": LESS_THAN
        return [_Hit(start, end, TimexType.DURATION, lex.durations[k], f"{lex.language}.duration.word", mod)]
    return []


def _word_context_ok(lex: Lexicon, k: str, text: str, start: int, end: int) -> bool:
    """The words around a fixed word or phrase that the lexicon requires or forbids."""
    if (before := lex.fixed_preceded.get(k)) and not re.search(
        rf"(?<!\w)(?:{before})\s*$", text[max(0, start - 30) : start], re.IGNORECASE
    ):  # "\s*": a quotation mark or the start of the text may touch the word ('"Dulu kami ...')
        return False  # "desde entonces" is a time; "y entonces escribí" is the next step of a story
    if (after := lex.fixed_not_followed.get(k)) and re.match(after, text[end : end + 30]):
        return False  # "el futuro de las pensiones" is what becomes of them, "ahora bien" means "however"
    return not (
        (before := lex.fixed_not_preceded.get(k))
        and re.search(rf"(?<!\w)(?:{before})\s+$", text[max(0, start - 20) : start], re.IGNORECASE)
    )  # "su futuro está protegido", "ha sido una pasada"


def h_vague(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    """'several years', 'los últimos meses', 'years': a duration of unknown length (PXY, PXM)."""
    lex = ctx.lex
    unit = lex.units.get(key(g("u") or ""))
    if unit is None or not (g("pre") or lex.bare_plurals):
        return []  # "в годы войны", "в дни праздников": a plural alone is no stretch of time there
    start, end = g.match.start(), g.match.end()
    link = re.match(r"\s+(\w+)\s+(\w+)", ctx.text[end : end + 30])
    if (
        link
        and key(f"{g.match.group(0)} {link.group(1)}") in lex.mods
        and (link.group(2).isdigit() or key(link.group(2)) in lex.months or key(link.group(2)) in lex.units)
    ):
        return []  # "los primeros días de agosto" is early August: the rule for a month reads it
    if not g("pre") and ctx.text[max(0, start - 2) : start].lower() == "d'":
        return []  # "une trentaine d'années" (an age there): a bare plural after an elided "de" is part of a count
    if unit in TIME_CODE:
        value = f"PTX{TIME_CODE[unit]}"
    else:
        value = "PXY" if unit == "DE" else f"PX{DURATION_CODE.get(unit, unit)}"
    return [_Hit(start, end, TimexType.DURATION, value, f"{lex.language}.duration.vague")]


def h_every(g: _Groups, ctx: _Ctx) -> list[_Hit]:
    lex = ctx.lex
    start, end = g.match.start(), g.match.end()
    raw = g("wd") or ""
    if g("ed") and (month := lex.months.get(key(g("em") or ""))) and 1 <= int(g("ed") or 0) <= 31:
        # "setiap 21 April": that day every year
        return [
            _Hit(start, end, TimexType.SET, f"XXXX-{month:02d}-{int(g('ed') or 0):02d}", f"{lex.language}.set.date")
        ]
    if raw and key(raw) in lex.weekday_guarded and not raw[:1].isupper() and key(raw) in lex.units:
        # "setiap minggu" is every week, "setiap Minggu" every Sunday
        return [_Hit(start, end, TimexType.SET, f"P1{lex.units[key(raw)]}", f"{lex.language}.set.every")]
    if raw:
        wd = lex.weekdays.get(key(raw), 0)
        pod = lex.parts_of_day.get(key(g("pod") or "")) if g("pod") else None  # "setiap Minggu pagi"
        pod = pod if pod and pod.isalpha() else None
        value = f"XXXX-WXX-{wd + 1}" + (f"T{pod}" if pod else "")
        return [_Hit(start, end if pod else g.end("wd"), TimexType.SET, value, f"{lex.language}.set.weekday")]
    if g("se") and not g("n"):  # "cada verano", "every winter"
        season = lex.seasons.get(key(g("se") or ""))
        return [_Hit(start, end, TimexType.SET, f"XXXX-{season}", f"{lex.language}.set.season")] if season else []
    unit = lex.units.get(key(g("u") or ""))
    mod = lex.mods.get(key(g("emod") or "")) if g("emod") else None
    if mod not in {None, "START", "MID", "END"}:
        return []
    if g("emod") and (joined := lex.units.get(key(f"{g('emod')} {g('u')}"))):
        unit, mod = joined, None  # "setiap akhir pekan": every weekend, not every end of a week
    n = _number(lex, g("n")) if g("n") else 1
    if unit is None or n is None:
        return []
    if unit == "WE":
        return [_Hit(start, end, TimexType.SET, "XXXX-WXX-WE", f"{lex.language}.set.every")]
    code = TIME_CODE.get(unit)
    value = f"PT{n}{code}" if code else f"P{n}{DURATION_CODE.get(unit, unit)}"
    return [_Hit(start, end, TimexType.SET, value, f"{lex.language}.set.every", mod)]  # "setiap awal bulan": START


# ---------------------------------------------------------------- grammar


def _pre_post(words: tuple[list[str], list[str]]) -> tuple[str, str]:
    return alternation(words[0]), alternation(words[1])


RULES: list[tuple[str, str, Handler]] = [
    (
        "iso",
        # "2026-11-25", and the year-first slashes of Persian dates ("۱۴۰۵/۰۹/۰۴")
        r"(?<![\w/.-])(?P<@y>«Y»)(?:-(?P<@m>[01]\d)-(?P<@d>[0-3]\d)|/(?P<@m2>[01]?\d)/(?P<@d2>[0-3]?\d))"
        r"(?:[T ](?P<@h>[0-2]\d):(?P<@mi>[0-5]\d))?"
        r"(?![\w/]|-\d)",
        h_iso,
    ),
    (
        "numeric",
        # "le 12/06/2024", "7 / 8 / 07", "12-06-2024" (a hyphen only before a four-digit year: "2-1" is a score)
        r"(?:«ARTS»)?(?<![\w/.,:-])(?<!/\s)(?P<@a>[0-3]?\d)(?P<@s>[/.]|\s/\s|-(?=[0-3]?\d-«Y»(?!\d)))(?P<@b>[0-3]?\d)"
        r"(?P=@s)(?P<@y>«Y»|\d\d)"
        r"(?![\w/]|[.,:-]\d)",
        h_numeric,
    ),
    ("dmnum", r"(?<![\w/.,:-])(?P<@d>[0-3]?\d)\.(?P<@m>[01]?\d)\.(?![\d]|[.,]\d)", h_day_month_numeric),
    (
        "numdm",
        r"(?<![\w/.,:-])(?P<@a>[0-3]?\d)/(?P<@b>[01]?\d)(?![\w/]|[.,:-]\d|\s*%)(?:\s+(?P<@pod>«POD»)«R»)?",
        h_numeric_day_month,
    ),
    (
        "drange",
        # "16 و17 فبراير": a one-letter "and" is written joined to the next day; "3, dan 5 Januari"
        r"«MODPRE»(?:(?:«RFROM»)\s+)?(?:«ARTS»)?(?P<@d1>«D»)(?:\s*[-/]\s*|(?:\s+«RANGEW»|,?\s+«RAND»)\s*)"
        r"(?:«ARTS»)?(?P<@d2>«D»)\s*(?:«OF»\s+)?(?P<@m>«MON»)(?:,?\s+(?:«OF»\s+)?(?P<@y>«Y»)(?!\d)(?:\s*«YSUF»)?)?«R»"
        r"(?:\s+(?:(?P<@dlast>«LASTPOST»)|(?P<@dnext>«NEXTPOST»))«R»)?",
        h_day_range,
    ),
    (
        "mrange",
        r"(?P<@m>«MON»)\s+(?P<@d1>«D»)\s*(?:-|\s(?:«RANGEW»|«RAND»)\s)\s*(?P<@d2>«D»)(?:,?\s+(?P<@y>«Y»))?(?![\d:])",
        h_month_day_range,
    ),
    (
        "dmy",
        r"«MODPRE»(?:(?:«THISPRE»|«ART»)\s+)?(?:(?P<@wd>«WD»),?\s+)?(?:«ARTS»)?"
        r"(?:(?P<@plast>«LASTPRE»)\s+|(?P<@pnext>«NEXTPRE»)\s+)?(?:«DPRE»\s+)?(?:(?P<@d>«D»)|(?P<@dw>«DAYW»)«R»)\s*"
        r"(?:«OF»\s+)?(?P<@m>«MON»)«R»(?:,?\s*(?:«OF»\s+)?(?P<@y>«Y»)(?!\d)(?:\s*«YSUF»(?!\w))?"
        r"|\s+(?:(?P<@dlast>«LASTPOST»)|(?P<@dnext>«NEXTPOST»)|(?P<@dthis>«THISPOST»))«R»)?",
        h_day_month,
    ),
    (
        "mdy",
        r"«MODPRE»(?:(?P<@wd>«WD»),?\s+)?(?P<@m>«MON»)\s+(?P<@d>«D»)(?![\d:.,]\d|\d|\s*%)(?:,?\s+(?P<@y>«Y»)(?!\d))?",
        h_month_day,
    ),
    ("my", r"«MODPRE»(?:«MARTS»\s+)?(?P<@m>«MON»),?\s+(?:«OF»\s+)?(?P<@y>«Y»)(?!\d)(?:\s*«YSUF»(?!\w))?", h_month_year),
    (
        "othercal",
        r"«MODPRE»(?:(?P<@wd>«WD»)[,،]?\s+(?=[0-3]?\d\s))?"
        r"(?:(?P<@d0>[0-3]?\d)\s*(?:-|\s(?:«RANGEW»|«RAND»)\s)\s*)?(?:(?P<@d>[0-3]?\d)\s+)?(?P<@cm>«CALMON»)"
        r"(?:\s+(?P<@y>1[34]\d\d))?(?:\s*«CALSUF»)?«R»",
        h_other_calendar,
    ),
    (
        "wdnumr",
        r"(?P<@wd0>«WD»)\s*-\s*(?P<@wd>«WD»)\s*,?\s*\(\s*(?P<@d0>[0-3]?\d)\s*-\s*(?P<@d>[0-3]?\d)/(?P<@m>[01]?\d)"
        r"(?:/(?P<@y>\d{4}|\d\d))?\s*\)",
        h_weekday_numeric_range,
    ),
    (
        "wdnum",
        r"(?P<@wd>«WD»)\s*,?\s*\(\s*(?P<@d>[0-3]?\d)(?P<@s>[/.])(?P<@m>[01]?\d)(?:(?P=@s)(?P<@y>\d{4}|\d\d)|\.)?\s*\)"
        r"(?:\s+(?P<@pod>«POD»)«R»)?(?:\s+(?:«LASTPOST»|«NEXTPOST»)«R»)?",
        h_weekday_numeric,
    ),
    (
        "wdday",
        r"(?:«ARTS»)?(?P<@wd>«WD»),?\s+(?:«ARTS»)?(?P<@d>[0-3]?\d)(?:«ORDSUF»)?"
        r"(?![\d/.:,]\d|\d|\s*-\s*\d|\s*(?:%|«UNIT»|«MON»|«CALMON»|«CSUF»«R»))",  # "jeudi 14 h" is a clock
        h_weekday_day,
    ),
    # "20th century", "20. Jahrhundert", "le vingtième siècle"; a Roman numeral needs no suffix ("в XX веке")
    (
        "century",
        r"(?:«ARTS»)?«MODPRE»(?:«ARTS»)?(?:(?P<@n>[12]?\d)(?:«ORDSUF»)|(?P<@rn>(?-i:«ROMAN»))(?:«ORDSUF»)?)[\s-]+"
        r"(?P<@u>«UNIT»)«R»",
        h_century,
    ),
    ("century3", r"(?:«ARTS»)?«MODPRE»(?:«ARTS»)?(?P<@o>«ORD»)[\s-]+(?P<@u>«UNIT»)«R»", h_century),
    (
        "century2",
        r"(?:«ARTS»)?«MODPRE»(?:«ARTS»)?(?P<@u>«UNIT»)\s+(?:ke-?\s*)?(?P<@n>[12]?\d|(?-i:«ROMAN»))(?!\w)",
        h_century,
    ),
    (
        "dayonly",
        r"(?:«ARTS»)?«DPRE»\s+(?P<@d>[0-3]?\d)(?![\d/.:,]\d|\d|\s*(?:«OF»\s+)?(?:«MON»|%))",
        h_day_only,
    ),
    ("ana", r"(?P<@an>«ANA»)«R»", h_anaphoric),
    (
        "holiday",
        r"(?:«ARTS»)?(?:(?P<@off>«HOFF»)\s*(?P<@sign>[-+−])\s*(?P<@n>\d{1,2})\s+)?"
        r"(?:(?:(?P<@this>«THISPRE»)|(?P<@last>«LASTPRE»)|(?P<@next>«NEXTPRE»))\s+)?"
        r"(?:(?P<@anv>«ANNIV»)\s+ke-?\s?\d{1,3}\s+(?=«HOLTAIL»«R»))?"  # "HUT ke-79 Kemerdekaan RI"
        r"(?P<@h>«HOLIDAY»|«HOLTAIL»)«R»(?:\s+ke-?\s?\d{1,3}«R»)?"  # "HUT RI ke-70"
        r"(?:\s+(?P<@hw>«WUNIT»)«R»)?"  # "Easter week"
        # "Tahun Baru Islam 1437 H", "la Navidad de 2023", "la Navidad pasada"
        r"(?:,?\s+(?:«OF»\s+)?(?P<@y>«Y»)(?!\d)(?:\s*«CALSUF»«R»)?|\s+(?:(?P<@plast>«LASTPOST»)|(?P<@pnext>«NEXTPOST»))«R»)?",
        h_holiday,
    ),
    (
        "weekofmonth",
        # "pekan kedua Januari", "الأسبوع الأول من ديسمبر", "هفته پایانی آذر"; "первую неделю декабря";
        # "ersten Dezemberwoche" (the month glued to the week)
        r"«MODPRE»(?:(?P<@u>«UNIT»)\s+(?:(?P<@o>«ORD»)|(?P<@fin>«FINAL»))\s+(?:(?:«MARTS»|«OF»)\s+)?"
        r"|(?:(?P<@o2>«ORD»)|(?P<@fin2>«FINAL»))\s+(?:(?P<@u2>«WUNIT»)\s+(?:(?:«MARTS»|«OF»)\s+)?"
        r"|(?=«MONF»«WUNIT»«R»)))"
        r"(?:(?P<@m>«MONF»)|(?P<@cm>«CALMON»))(?P<@u3>«WUNIT»)?«R»(?:\s+(?P<@y>«Y»)(?!\d))?",
        h_week_of_month,
    ),
    ("hoff", r"(?P<@off>«HOFF»)\s*(?P<@sign>[-+−])\s*(?P<@n>\d{1,2})«R»(?![-+−/.,]\d)", h_holiday_offset),
    (
        # "на прошлой неделе в среду", "vergangene Woche am Mittwoch", "الأسبوع الماضي يوم الأربعاء": the week first
        "weekwd",
        r"(?:(?:(?P<@wthis2>«THISPRE»)|(?P<@wlast2>«LASTPRE»)|(?P<@wnext2>«NEXTPRE»))\s+(?P<@wk2>«WUNIT»)"
        r"|(?P<@wk>«WUNIT»)\s+(?:(?P<@wthis>«THISPOST»)|(?P<@wlast>«LASTPOST»)|(?P<@wnext>«NEXTPOST»)))«R»"
        r"\s+(?:«WPRE»\s+)?(?P<@wd>«WD»)«R»(?:\s+(?P<@pod>«POD»)«R»)?",
        h_weekday,
    ),
    (
        "deicpre",
        r"«MODPRE»(?:«ARTS»)?(?:(?P<@this>«THISPRE»)|(?P<@last>«LASTPRE»)|(?P<@next>«NEXTPRE»))\s+"
        r"(?:(?P<@u>«UNIT»)|(?P<@wd>«WD»)|(?P<@mn>«MONF»)|(?P<@se>«SEASON»))«R»"
        r"(?(@this)(?:\s*«THISPOST»«R»)?)"  # "ce mois-ci": both halves of "this"
        r"(?:\s+(?P<@pod>«POD»)«R»)?",
        h_deictic,
    ),
    (
        "deicpost",
        r"«MODPRE»(?:«ARTS»)?(?:(?P<@u>«UNIT»)|(?:(?P<@pod0>«PODPRE»)\s+(?:«PODWDLINK»\s+)?)?(?P<@wd>«WD»)|(?P<@mn>«MONF»)|(?P<@se>«SEASON»))\s+"
        r"(?:(?P<@this>«THISPOST»)|(?P<@last>«LASTPOST»)|(?P<@next>«NEXTPOST»))«R»",
        h_deictic,
    ),
    (
        "modunit",
        r"(?P<@mod>«MOD»)(?:\s*-\s*|\s+)(?:«MODLINK»\s*|(?P<@ulink>«UNITLINK»)\s+)?(?:«ARTS»)?(?P<@u>«UNIT»)«R»"
        r"(?!\s+(?:\w{1,3}\s+|\w')?«MONF»«R»|\s+(?:1\d\d0|20\d0)«DECSUF»)"
        r"(?:\s+(?P<@y>«Y»)(?!\d))?",
        h_mod_unit,
    ),
    ("agopre", r"«AGOPRE»\s+(?P<@n>«NUM»|«VAGUEPRE»)\s+(?P<@u>«UNIT»)«R»", h_ago),
    ("agopost", r"(?:«DURPRE»\s+)?(?P<@n>«NUM»|«VAGUEPRE»)[\s-]+(?P<@u>«UNIT»)\s+«AGOPOST»«R»", h_ago),
    ("inpre", r"«INPRE»\s+(?P<@n>«NUM»)\s+(?P<@u>«UNIT»)«R»", h_in),
    ("laterpost", r"(?P<@n>«NUM»)[\s-]+(?P<@u>«UNIT»)\s+«LATERPOST»«R»", h_later),
    ("laterpre", r"«LATERPRE»\s+(?P<@n>«NUM»)\s+(?P<@u>«UNIT»)«R»", h_later),
    ("earlierpost", r"(?P<@n>«NUM»)[\s-]+(?P<@u>«UNIT»)\s+«EARLIERPOST»«R»", h_earlier),
    (
        "quarter",
        r"«MODPRE»(?:«ARTS»)?(?P<@o>«ORD»)[\s-]+(?P<@q>«QUNIT»)«R»(?:\s+(?:«OF»\s+)?(?:(?P<@y>«Y»)(?!\d)(?:\s*«YSUF»)?"
        r"|(?:(?P<@this>«THISPRE»|«QTHE»)|(?P<@last>«LASTPRE»)|(?P<@next>«NEXTPRE»))\s+(?P<@yu>«UNIT»)«R»)"
        # "во второй половине года": the year we are in, named by its unit alone; "of the year": the year in hand
        r"|\s+(?P<@yb>«YUNIT»)«R»(?!-|\s*(?:«THISPOST»|«LASTPOST»|«NEXTPOST»|\d)))?",
        h_quarter,
    ),
    (
        "quarter2",
        r"«MODPRE»(?:«ARTS»)?(?P<@q>«QUNIT»)\s+(?:ke-?\s*)?(?P<@o>«ORD»|(?-i:I{1,3}|IV)|[1-4])«R»"
        r"(?:(?:\s+(?:«OF»\s+)?(?:«YART»\s+)?|\s*[-/]\s*)(?P<@y>«Y»)(?!\d))?",  # "kuartal III-2014"
        h_quarter,
    ),
    ("qnote", r"(?-i:(?P<@qh>[QH])(?P<@o>[1-4]))(?:\s*[-/]\s*|\s+)(?P<@y>«Y»)(?![\d/.,-]\d|\d)", h_quarter_note),
    (
        "season",
        r"«MODPRE»(?:(?P<@art>«ARTS»))?(?P<@se>«SEASON»)(?:\s+(?:«OF»\s+)?(?P<@y>«Y»)(?:\s*«YSUF»(?!\w))?)?«R»",
        h_season,
    ),
    ("bc", r"(?P<@y>\d{1,4})\s*(?P<@bc>«BC»)(?!\w)", h_bc),
    (
        "decade",
        r"(?:«ARTS»)?(?:(?P<@mod>«MOD»)[\s-]*)?(?:(?P<@dp>«DECPRE»)\s+)?(?P<@y>1\d\d0|20\d0|'?[1-9]0|(?(@dp)«DECWORD»|(?!)))"
        r"(?:'?s|«DECSUF»|(?(@dp)(?=\W|$)|(?!)))«R»",
        h_decade,
    ),
    (
        "yrange",
        r"(?<![\w/.,:$€£#-])(?P<@y1>«Y»)(?:\s*-\s*|(?P<@sl>/))(?P<@y2>«Y»|\d\d)(?![\w/%]|[.,:-]\d)(?:\s*«YSUF»(?!\w))?",
        h_year_range,
    ),
    (
        "yearw",
        r"«MODPRE»(?:(?P<@art>«YART»)\s+)?(?P<@c>«YCENT»)(?:(?:\s+«RAND»)?[\s-]+(?P<@t>«NUM»(?:[\s-]+«NUM»)?))?«R»",
        h_spelled_year,
    ),
    (
        "year",
        # "FY2007": an abbreviation may be glued to its year; "وعام ٢٠٢٥": a joined clitic
        r"«MODPRE»(?:(?P<@art>«YART»)(?:\s+|(?=\d)))?(?(@art)|(?:(?<![\w/.,:$€£#])|«CLITB»))(?<!\d-)(?P<@y>«Y»)"
        r"(?![\w/]|[.,:-]\d|\s*%)(?:\s*(?P<@suf>«YSUF»)(?!\w))?",
        h_year,
    ),
    (
        "every",
        r"«EVERY»\s+(?:(?:«WPRE»\s+)?(?P<@wd>«WD»)«R»(?:\s+(?P<@pod>«POD»)«R»)?|(?:(?P<@n>«NUM»)\s+)?(?:(?P<@emod>«MOD»)\s+)?(?P<@u>«UNIT»)"
        r"|(?P<@ed>[0-3]?\d)\s+(?P<@em>«MONF»)|(?P<@se>«SEASON»))«R»",
        h_every,
    ),
    (
        "dur",
        r"(?:(?P<@pre>«DURPRE»)(?:\s+|(?<=')))?(?:(?P<@mul>[1-9])\s?[x×]\s?)?(?<!\d[.,])(?P<@n>«NUM»|\d+(?:[.,]\d+)?|«VCOUNT»)"
        r"(?:\s*(?P<@half>1/2|½)|\s+(?P<@hmid>«HALFMID»))?"
        r"[\s-]+(?:«DURMID»\s+)?(?P<@u>«UNIT»)«R»"
        r"(?:\s+(?P<@hpost>«HALFPOST»)«R»|(?:\s+«RAND»)?\s+(?P<@n2>«NUM»|\d{1,3})\s+(?P<@u2>«UNIT»)«R»)?"
        r"(?:\s+«DURPOST»«R»)?"
        r"(?!-old|-long|\s+(?:«AGOPOST»|«LATERPOST»|«EARLIERPOST»)«R»)",  # "a year-long trial": the fixed word
        h_duration,
    ),
    (
        "vague",
        r"(?:(?P<@pre>«VAGUEPRE»)\s+)?(?<!\d\s)(?P<@u>«PLURAL»)«R»(?!\s+«AGOPOST»«R»|\s+\d|\s+old\b|-long)",
        h_vague,
    ),
    (
        "rel",
        r"«MODPRE»(?P<@r>«REL»)«R»(?:,?\s+(?P<@pod>«POD»)«R»)?(?:\s*,?\s*(?:«PODLINK»\s+)?(?P<@wd>«WD»)«R»)?",
        h_relative,
    ),
    (
        # "الأول من مارس (المقبل)", "العاشر من الشهر الماضي", "يوم الثلاثاء الأول من محرم": a day by its ordinal word
        "dayword",
        r"(?:(?P<@wd>«WD»)\s+)?(?:(?P<@dw>«DORD»)|(?P<@dn>[0-3]?\d)(?=\s+«OF»\s+«MUNIT»\s))\s+(?:«OF»\s+)?(?:(?P<@m>«MON»)«R»(?:,?\s+(?P<@y>«Y»)(?!\d)(?:\s*«YSUF»(?!\w))?"
        r"|\s+(?:(?P<@mthis>«THISPOST»)|(?P<@mlast>«LASTPOST»)|(?P<@mnext>«NEXTPOST»))«R»)?"
        r"|(?P<@cm>«CALMON»)«R»(?:\s+(?P<@cy>\d{4})(?!\d)(?:\s*«CALSUF»(?!\w))?)?"
        r"|(?P<@mu>«MUNIT»)\s+(?:(?P<@this>«THISPOST»)|(?P<@last>«LASTPOST»)|(?P<@next>«NEXTPOST»))«R»)",
        h_day_word,
    ),
    (
        "weekday",
        r"«MODPRE»(?:(?P<@pod0>«PODPRE»)\s+(?:«PODWDLINK»\s+)?)?(?:(?P<@art>«ARTS»))?(?P<@wd>«WD»)«R»(?:\s+(?P<@pod>«POD»)«R»)?"
        r"(?:\s+(?P<@wk>«UNIT»)\s+(?:(?P<@wthis>«THISPOST»)|(?P<@wlast>«LASTPOST»)|(?P<@wnext>«NEXTPOST»))«R»"
        r"|\s+(?:(?P<@wthis2>«THISPRE»)|(?P<@wlast2>«LASTPRE»)|(?P<@wnext2>«NEXTPRE»))\s+(?P<@wk2>«WUNIT»)«R»)?",
        h_weekday,
    ),
    ("month", r"«MODPRE»(?:(?P<@art>«ARTS»))?(?P<@m>«MONF»)«R»(?!\s*\d)", h_month),
    (
        "clock",
        # "1430 GMT", "0800 UTC": wire copy's four-digit clock, only with its zone; "430pm", "7.30am": glued
        # or dotted minutes only before a.m./p.m.; "las seis", "الساعة الثالثة والنصف": hours in words
        r"(?<![\d.,:])(?:(?P<@h>[0-2]?\d)|(?P<@hw>«CWORD»)«R»)"
        r"(?:(?P<@sep>«CSEP»|\s(?-i:h)\s(?=\d)|\s+«CSEPW»\s+(?=[0-5]\d(?!\d))"
        r"|(?<=\d\d)(?=\d\d\s*«CZONE»«R»)|\.?(?=\d\d\s?[ap]\.?m\b))(?P<@mi>[0-5]\d))?"
        r"(?:\s+(?P<@fr>«CFRAC»)«R»)?"
        r"(?:\s*(?P<@ap>[ap]\.\s?m\.?|[ap]\s?m)(?!\w))?(?:\s*(?P<@suf>«CSUF»)«R»)?(?![\w]|[.,:]\d)",
        h_clock,
    ),
    (
        "halfclock",
        r"(?:«CPRE»)\s+(?P<@hm>«HALFMID»)\s+(?P<@n>«NUM»|1?\d)(?:\s+(?P<@suf>«CSUF»)«R»)?(?!\w|[.:]\d)",
        h_half_clock,
    ),
    ("nthday", r"(?P<@u>«UNIT»)\s+ke-\s?(?P<@n>\d{1,3})«R»", h_nth_day),
    ("fixed", r"(?:(?P<@pre>«DURPRE»)\s+(?=(?:«DURWORD»)«R»))?(?P<@w>«FIXED»)«R»", h_fixed),
]


# What each rule can begin with: lexicon classes (see _first_words), "digit" or "roman". Trying at a word
# only the rules that can begin with it keeps each attempt cheap; the results are the same.
FIRST: dict[str, frozenset[str]] = {
    name: frozenset(classes.split())
    for name, classes in {
        "iso": "digit", "numeric": "ART digit", "numdm": "digit", "dmnum": "digit", "bc": "digit",
        "yrange": "digit", "clock": "digit CWORD", "dayword": "DORD WD digit",
        "drange": "MOD RFROM ART digit", "mrange": "MON", "dmy": "MOD THISPRE LASTPRE NEXTPRE ART WD DPRE DAYW digit",
        "mdy": "MOD WD MON", "my": "MOD MON MART", "othercal": "MOD WD digit CALMON", "wdnum": "WD", "wdday": "ART WD",
        "wdnumr": "WD",
        "century": "ART MOD digit roman", "century2": "ART MOD UNIT", "century3": "ART MOD ORD",
        "dayonly": "ART DPRE", "ana": "ANA",
        "holiday": "ART HOFF THISPRE LASTPRE NEXTPRE HOLIDAY ANNIV digit", "hoff": "HOFF",
        "weekofmonth": "MOD UNIT ORD FINAL", "halfclock": "CPRE", "modunit": "MOD", "qnote": "qnote", "nthday": "UNIT",
        "weekwd": "THISPRE LASTPRE NEXTPRE UNIT",
        "deicpre": "MOD ART THISPRE LASTPRE NEXTPRE", "deicpost": "MOD ART UNIT PODPRE WD MONF SEASON",
        "agopre": "AGOPRE", "agopost": "DURPRE NUM VAGUEPRE digit", "inpre": "INPRE", "laterpost": "NUM digit",
        "laterpre": "LATERPRE", "earlierpost": "NUM digit", "quarter": "MOD ART ORD digit", "quarter2": "MOD ART QUNIT",
        "season": "MOD ART SEASON", "decade": "ART MOD DECPRE digit", "year": "MOD YART digit", "every": "EVERY",
        "yearw": "MOD YART YCENT",
        "dur": "DURPRE NUM VCOUNT digit", "vague": "VAGUEPRE PLURAL", "rel": "MOD REL",
        "weekday": "MOD PODPRE ART WD",
        "month": "MOD ART MONF", "fixed": "DURPRE FIXED",
    }.items()
}  # fmt: skip


def _first_words(lex: Lexicon) -> dict[str, frozenset[str]]:
    """For each lexicon class that can begin a rule, the first words of its phrases."""
    tables: dict[str, Any] = {
        "MON": lex.months, "MONF": lex.month_full, "WD": lex.weekdays, "UNIT": lex.units,
        "QUNIT": [w for w, c in lex.units.items() if c in {"Q", "HALF"}], "NUM": lex.numbers, "ORD": lex.ordinals,
        "THISPRE": lex.this[0], "LASTPRE": lex.last[0], "NEXTPRE": lex.next[0], "AGOPRE": lex.ago[0],
        "INPRE": lex.within, "LATERPRE": lex.later[0], "MOD": lex.mods, "ART": lex.articles,
        "YART": lex.year_articles, "REL": lex.relative, "MART": lex.month_articles,
        "ANA": lex.anaphoric, "SEASON": lex.seasons,
        "PODPRE": lex.pod_before_weekday,
        "FIXED": [*lex.sets, *lex.refs, *lex.durations], "EVERY": lex.every, "DECPRE": lex.decade_pre,
        "HOLIDAY": lex.holidays, "ANNIV": lex.anniversary_pre,
        "VAGUEPRE": lex.vague_pre, "PLURAL": lex.plural_units, "RFROM": lex.range_from,
        "DPRE": lex.day_pre, "DAYW": lex.day_words, "DURPRE": lex.duration_pre, "CALMON": lex.calendar_months,
        "VCOUNT": lex.vague_pre if lex.vague_count else [],
        "YCENT": lex.year_centuries, "HOFF": lex.holiday_offset, "CWORD": lex.clock_words,
        "CPRE": lex.clock_pre if lex.half_mid else [], "DORD": lex.day_ordinals, "FINAL": lex.final_words,
    }  # fmt: skip
    out = {}
    for name, phrases in tables.items():
        firsts = set()
        for phrase in phrases:
            tokens = _TOKEN.findall(key(phrase))
            if tokens:
                firsts.add(tokens[0])
        out[name] = frozenset(firsts)
    return out


def _classes(lex: Lexicon) -> dict[str, str]:
    this_pre, this_post = _pre_post(lex.this)
    last_pre, last_post = _pre_post(lex.last)
    next_pre, next_post = _pre_post(lex.next)
    ago_pre, ago_post = _pre_post(lex.ago)
    later_pre, later_post = _pre_post(lex.later)
    _, earlier_post = _pre_post(lex.earlier)
    mod = alternation(lex.mods)
    mod_link = alternation(lex.mod_link)
    classes = {
        "Y": YEAR,
        # not inside "11/2" or "3.5"; "27./28. September" pairs two days
        "D": r"(?<![\d.,:])(?<!\d/)(?:[012]?\d|3[01])(?:" + lex.ordinal_suffix + r")?(?![\d,]\d)",
        "ORDSUF": lex.ordinal_suffix,
        "MON": alternation(lex.months, dotted=True, undotted=lex.full_names),
        "MONF": alternation(lex.month_full),
        "WD": alternation(lex.weekdays, dotted=True, undotted=lex.full_names),
        "UNIT": alternation(lex.units),
        "QUNIT": alternation({w for w, c in lex.units.items() if c in {"Q", "HALF"}}),
        "WUNIT": alternation({w for w, c in lex.units.items() if c == "W"}),
        "YUNIT": alternation({w for w, c in lex.units.items() if c == "Y"}),
        "CWORD": alternation(lex.clock_words),
        "CFRAC": alternation(lex.clock_fractions),
        "DORD": alternation(lex.day_ordinals),
        "MUNIT": alternation({w for w, c in lex.units.items() if c == "M"}),
        "NUM": r"(?:\d{1,3}|" + alternation(lex.numbers) + ")",
        "ORD": alternation(lex.ordinals),
        "FINAL": alternation(lex.final_words),
        "DAYW": alternation(lex.day_words),
        "THISPRE": this_pre, "THISPOST": this_post,
        "LASTPRE": last_pre, "LASTPOST": last_post,
        "NEXTPRE": next_pre, "NEXTPOST": next_post,
        "AGOPRE": ago_pre, "AGOPOST": ago_post,
        "INPRE": alternation(lex.within),
        "LATERPRE": later_pre, "LATERPOST": later_post, "EARLIERPOST": earlier_post,
        "MOD": mod,
        "MODLINK": mod_link,
        "UNITLINK": alternation(lex.unit_link),
        "MODPRE": rf"(?:(?P<@mod>{mod})(?:\s*-\s*|\s+)(?:{mod_link}\s*)?)?",
        "ART": alternation(lex.articles),
        # "the first half of THE year": the year in hand (unset: never)
        "QTHE": alternation(lex.quarter_the) if lex.quarter_the else r"(?!x)x",
        # an article and its space; an elided one ("l'an dernier") glues to the next word
        "ARTS": "(?:"
        + alternation([a for a in lex.articles if not a.endswith("'")])
        + r"\s+|"
        + alternation([a for a in lex.articles if a.endswith("'")])
        + ")",
        "YART": alternation(lex.year_articles),
        "MARTS": alternation(lex.month_articles),
        "OF": alternation(lex.of),
        "REL": alternation(lex.relative),
        "ANA": alternation(lex.anaphoric),
        "POD": alternation(lex.parts_of_day),
        "PODLINK": alternation(lex.pod_link),  # "dans la soirée DE mardi"
        # "صباح الأحد", "عصر روز دوشنبه": languages that name the part of the day before the weekday
        "PODPRE": alternation(lex.pod_before_weekday),
        "PODWDLINK": alternation(lex.pod_weekday_link),
        "SEASON": alternation(lex.seasons),
        "FIXED": alternation({**lex.sets, **lex.refs, **lex.durations}),
        "DURWORD": alternation(lex.durations),
        "EVERY": alternation(lex.every),
        # "B.C." keeps its final dot, "BC." at the end of a sentence does not
        "DECSUF": alternation(lex.decade_suffix),
        "DECPRE": alternation(lex.decade_pre),
        "DECWORD": alternation(lex.decade_words),
        "ROMAN": r"(?:(?=[XVI])X{0,2}(?:IX|IV|V?I{0,3}))",
        "BC": "(?:"
        + alternation([w for w in lex.bc_suffix if "." in w.rstrip(".")])
        + r"\.?|"
        + alternation([w for w in lex.bc_suffix if "." not in w.rstrip(".")])
        + ")",
        "HOLIDAY": alternation(lex.holidays),
        "ANNIV": alternation(lex.anniversary_pre),
        # the rest of a holiday's name after its anniversary word: "kemerdekaan ri" of "hut kemerdekaan ri"
        "HOLTAIL": alternation(_holiday_tails(lex)),
        "VAGUEPRE": alternation(lex.vague_pre),
        "PLURAL": alternation(lex.plural_units),
        "RANGEW": alternation(lex.range_words),
        "RFROM": alternation(lex.range_from),
        "RAND": alternation(lex.range_and),
        "YPRE": alternation(lex.year_pre),
        "YSUF": alternation(lex.year_suffix),
        "DPRE": alternation(lex.day_pre),
        "WPRE": alternation(lex.weekday_pre),
        "MPRE": alternation(lex.month_pre),
        "DURPRE": alternation(lex.duration_pre),
        "DURMID": alternation(lex.duration_mid),
        "DURPOST": alternation(lex.duration_post),
        "VCOUNT": alternation(lex.vague_pre) if lex.vague_count else "(?!x)x",
        "CPRE": alternation(lex.clock_pre),
        "CSUF": alternation(lex.clock_suffix),
        # zones and "local time" (not "o'clock", nor a part of the day): what a four-digit clock needs after it
        "CZONE": alternation(
            [w for w, z in lex.clock_suffix.items() if z not in {"AM", "PM"} and "'" not in w and len(w) > 2]
        )
        or "(?!x)x",
        "CSEP": "[" + re.escape(lex.clock_seps) + "]",
        "CSEPW": lex.clock_sep_words or "(?!x)x",
        "CALMON": alternation(lex.calendar_months),
        "CALSUF": alternation(lex.calendar_year_suffix),
        "HALFMID": alternation(lex.half_mid),
        "HOFF": alternation(lex.holiday_offset),
        "YCENT": alternation(lex.year_centuries),
        "HALFPOST": alternation(lex.half_post),
        # right after a joined one-letter word ("و٢٠٢٥": "and 2025")
        "CLITB": rf"(?<=(?<!\w)[{re.escape(lex.clitics)}])" if lex.clitics else r"(?!x)x",
        "R": R,
    }  # fmt: skip
    return classes


def _before_regex(words: list[str]) -> re.Pattern[str]:
    """Any of `words` right before a position: a word after a non-word character; "'s" glued to its noun."""
    glued = [w for w in words if w and not (w[0].isalnum() or w[0] == "_")]
    free = [w for w in words if w not in glued]
    return re.compile(
        r"((?:^|(?<=\W))" + alternation(free) + (r"|" + alternation(glued) if glued else "") + r")\s*$", re.IGNORECASE
    )


def _year_after_regex(lex: Lexicon, classes: dict[str, str]) -> re.Pattern[str]:
    """'(in July) last year', '(septiembre) del año pasado', '(Maret) tahun depan', '(mars) de l'année dernière'."""
    years = alternation([w for w, c in lex.units.items() if c == "Y"])
    link = alternation(lex.year_after_link)
    deictic = (
        rf"(?:(?P<this>{classes['THISPRE']})|(?P<last>{classes['LASTPRE']})|(?P<next>{classes['NEXTPRE']}))"
        rf"\s+{years}{R}"
        rf"|{years}\s+(?:(?P<this2>{classes['THISPOST']})|(?P<last2>{classes['LASTPOST']})"
        rf"|(?P<next2>{classes['NEXTPOST']})){R}"
    )
    # "أكتوبر من العام نفسه", "im Oktober desselben Jahres", "в октябре того же года": the year last named
    same = [w for w, spec in lex.anaphoric.items() if spec == "Y+0" and re.search(years, key(w))]
    if same:
        deictic += rf"|(?P<same>{alternation(same)}){R}"
    if lex.year_after_bare:  # "el tercer trimestre del año": of this year
        deictic += (
            rf"|{years}(?P<this3>){R}(?!\s+(?:\d|{classes['THISPOST']}|{classes['LASTPOST']}|{classes['NEXTPOST']}))"
        )
    return re.compile(rf"\s+(?:{link}\s*)?(?:{classes['ARTS']})?(?:{deictic})", re.IGNORECASE)


@functools.cache
def grammar(language: str) -> _Grammar:
    """The compiled rules of `language` (built once per process)."""
    lex = load_lexicon(language)
    classes = _classes(lex)
    parts = []
    sources = []
    handlers: dict[str, Handler] = {}
    # a word boundary, or a joined one-letter word before ("وأمس": "and yesterday")
    left = rf"(?:{L}|(?<=(?<!\w)[{re.escape(lex.clitics)}]))" if lex.clitics else L
    for name, pattern, handler in RULES:
        body = re.sub(r"«(\w+)»", lambda m: classes[m.group(1)], pattern)
        body = body.replace("@", f"{name}_")
        if "(?!x)x" in body and name in {"agopre", "inpre", "laterpre"} and body.startswith("(?!x)x"):
            continue
        parts.append(f"(?P<{name}>{left}{body})")
        sources.append((name, parts[-1]))
        handlers[name] = handler
    range_gap = re.compile(
        r"^\s*(?:-|" + alternation(lex.range_words) + "|" + alternation(lex.range_and) + r")\s*$", re.IGNORECASE
    )
    clock_gap = re.compile(r"^\s*,?\s*(?:" + alternation(lex.clock_link) + r"\s*)?$", re.IGNORECASE)
    before = {
        kind: _before_regex(words)
        for kind, words in (
            ("year", lex.year_pre),
            ("weekday", lex.weekday_pre),
            ("month", lex.month_pre),
            ("clock", lex.clock_pre),
            ("season", lex.season_pre),
            ("weekday_future", lex.weekday_future_pre),
            ("weekday_past", lex.weekday_past_pre),
            ("year_aside", lex.year_aside_pre),
            ("name", lex.name_pre),
        )
    }
    starters, whole, continuations = _starters(lex)
    missing = set(handlers) - set(FIRST)
    if missing:
        raise RuntimeError(f"rules without a FIRST entry: {sorted(missing)}")
    return _Grammar(
        first_words=_first_words(lex),
        language=language,
        order=tuple(name for name, _ in sources),
        sources=dict(sources),
        starters=starters,
        whole=whole,
        continuations=continuations,
        before=before,
        handlers=handlers,
        # the text is folded ("ي" -> "ی"), so the cues must be too
        future=re.compile(fold(lex.future_cues), re.IGNORECASE),
        past=re.compile(fold(lex.past_cues), re.IGNORECASE),
        present=re.compile(fold(lex.present_cues), re.IGNORECASE),
        past_forms=re.compile(fold(lex.past_forms), re.IGNORECASE),
        range_gap=range_gap,
        range_end=re.compile(r"^\s*(?:-|" + alternation(lex.range_words) + r")\s*$", re.IGNORECASE),
        report=re.compile(fold(lex.report_cues), re.IGNORECASE),
        month_figures=re.compile(r"(?:" + fold(lex.month_figures) + r")\s+(?:del mes\s+)?$", re.IGNORECASE)
        if lex.month_figures
        else None,
        aside=re.compile(r"\s*,\s*(?:" + fold(lex.aside_cues) + r")(?!\w)", re.IGNORECASE) if lex.aside_cues else None,
        day_word=re.compile(r"(?<!\w)" + alternation(lex.day_pre) + r"\s*$", re.IGNORECASE),
        clock_joins_relative=lex.clock_joins_relative,
        list_gap=re.compile(r"^\s*(?:,|,?\s*" + alternation(lex.range_and) + r")\s*$", re.IGNORECASE),
        pod_before=re.compile(
            r"(?:(?<=\W)|^)(?:"
            + alternation(lex.articles)
            + r"\s+)?(?:\w+\s+)?(?P<pod>"
            + alternation(lex.parts_of_day)
            + r")\s+(?:(?:"
            + alternation(lex.pod_link)
            + r")\s*)?$",
            re.IGNORECASE,
        ),
        quarter_word=re.compile(
            L + alternation({w for w, c in lex.units.items() if c in {"Q", "HALF"}}) + R, re.IGNORECASE
        ),
        deictic_after=re.compile(
            rf"\s+(?:(?P<last>{classes['LASTPOST']})|(?P<next>{classes['NEXTPOST']})){R}", re.IGNORECASE
        ),
        bc_years=re.compile(r"(?:(?<=\d)|(?<=\d\s))" + alternation(lex.bc_suffix) + R, re.IGNORECASE),
        half_word=re.compile(L + alternation({w for w, c in lex.units.items() if c == "HALF"}) + R, re.IGNORECASE),
        year_after=_year_after_regex(lex, classes),
        of_year=re.compile(
            r"\s+(?:" + alternation([*lex.of, *lex.mod_link]) + r"\s+)?" + YEAR + r"(?!\d)", re.IGNORECASE
        ),
        of_gap=re.compile(r"^\s+" + alternation(lex.of) + r"\s+$", re.IGNORECASE),
        of_words=alternation(lex.of),
        zone_after=re.compile(r"\s*(?:" + classes["CZONE"] + r")" + R, re.IGNORECASE),
        clock_day_gap=re.compile(
            (r"^\s+" + alternation(lex.clock_day_link) + r"\s+$") if lex.clock_day_link else r"(?!)", re.IGNORECASE
        ),
        month_after=re.compile(
            rf"\s+(?:{alternation([*lex.of, *lex.mod_link])}\s*)?(?P<m>{classes['MONF']}){R}", re.IGNORECASE
        ),
        clock_gap=clock_gap,
        clock_apart=re.compile(alternation(lex.clock_apart), re.IGNORECASE) if lex.clock_apart else None,
    )


# ---------------------------------------------------------------- driver

_TOKEN = re.compile(r"[^\W_]+")
_QNOTES = frozenset(["q1", "q2", "q3", "q4", "h1", "h2"])  # "Q1 2015", "H1-2014": the business notation
_ROMAN_TOKEN = re.compile(r"[xvi]+(?:e|er|ème|th)?")  # "XXe siècle"


def _starters(lex: Lexicon) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """First words of every phrase of the lexicon: a rule can only start on one of these or a digit.

    Trying the combined expression only there (instead of at every character) is what makes the
    engine fast: most words of a text cannot begin a temporal expression.
    """
    phrases: list[str] = []
    for table in (
        lex.holidays,
        lex.months,
        lex.weekdays,
        lex.units,
        lex.numbers,
        lex.ordinals,
        lex.mods,
        lex.relative,
        lex.anaphoric,
        lex.parts_of_day,
        lex.seasons,
        lex.sets,
        lex.refs,
        lex.durations,
        lex.calendar_months,
        lex.year_centuries,
        lex.clock_words,
        lex.day_ordinals,
    ):
        phrases.extend(table)
    for pair in (lex.this, lex.last, lex.next, lex.ago, lex.later, lex.earlier):
        phrases.extend(pair[0])
    followers = [w for pair in (lex.this, lex.last, lex.next, lex.ago, lex.later, lex.earlier) for w in pair[1]]
    for group in (
        lex.within,
        lex.every,
        lex.vague_pre,
        lex.plural_units,
        lex.range_from,
        lex.articles,
        lex.year_articles,
        lex.day_pre,
        lex.duration_pre,
        lex.mod_link,
        lex.unit_link,
        lex.decade_pre,
        lex.holiday_offset,
        lex.clock_pre if lex.half_mid else [],  # "pukul setengah delapan"
        lex.final_words,  # "последнюю неделю ноября"
    ):
        phrases.extend(group)
    starters: set[str] = set(_QNOTES)
    whole: set[str] = set(_QNOTES)
    words: set[str] = set()
    for phrase in phrases:
        tokens = _TOKEN.findall(key(phrase))
        if tokens:
            starters.add(tokens[0])
            if len(tokens) == 1:
                whole.add(tokens[0])
    extra = [*lex.duration_mid, *lex.half_mid, *lex.half_post, *lex.clock_fractions]
    for phrase in phrases + followers + lex.range_words + lex.range_and + lex.of + list(lex.clock_suffix) + extra:
        words.update(_TOKEN.findall(key(phrase)))
    words.update(ROMAN_NUMERALS)
    weeks = [key(w) for w, c in lex.units.items() if c == "W" and " " not in w]
    words.update(key(m) + w for m in lex.month_full for w in weeks)  # "(ersten) Dezemberwoche"
    words.add("ke")  # "abad ke-21"
    if lex.year_centuries:
        words.add("oh")  # "nineteen oh five"
    single = (
        lex.holidays,
        lex.months,
        lex.weekdays,
        lex.relative,
        lex.refs,
        lex.sets,
        lex.seasons,
        lex.durations,
        lex.anaphoric,
        lex.calendar_months,  # "مهرماه" on its own
        lex.clock_words,  # "(الساعة) الثالثة"
    )
    whole &= {key(w) for table in single for w in table} | {key(w) for w in lex.plural_units}
    return frozenset(starters), frozenset(whole), frozenset(words)


_YEARS = re.compile(r"(?<![\d.,/:-])(1[0-9]\d\d|20\d\d)(?![\d%])")


def _is_narrative(text: str, reference: date | None, bc_years: re.Pattern[str] | None = None) -> bool:
    """A history narrative (WikiWars) rather than news: its explicit years lie far from the reference."""
    if reference is None:
        return False
    years = [int(y) for y in _YEARS.findall(text)]
    near = sum(1 for y in years if abs(y - reference.year) <= 1)
    if len(years) < 8:
        # a story of the ancient world counts its years BC ("262 v. Chr."): never near the reference
        return near == 0 and bc_years is not None and len(years) + len(bc_years.findall(text)) >= 8
    return near / len(years) < 0.1


@functools.cache
def _news_days(language: str) -> re.Pattern[str]:
    """Weekday names and 'yesterday'/'tomorrow': the days news counts from its own date, never a history."""
    lex = load_lexicon(language)
    words = {w for w in lex.weekdays if w in lex.full_names}
    words |= {w for w, spec in lex.relative.items() if spec in {"D-1", "D+1"}}
    return re.compile(rf"{L}{alternation(list(words))}{R}", re.IGNORECASE)


def _reads_as_news(text: str, language: str) -> bool:
    """A news story with history in it ("fled in 1948", "founded in 1949") still says 'Friday' every few lines."""
    count = len(_news_days(language).findall(text))
    return count >= 3 and count * 3000 >= len(text)


_POD_HOUR = {"AF": 15, "EV": 20, "NI": 23}  # a part of the day as a clock time, to order a later clock against


def extract(text: str, language: str, reference: date | None) -> list[DateMention]:
    """All temporal expressions of `text`, normalised against `reference` (see `find_dates`)."""
    gram = grammar(language)
    folded = fold(text)
    narrative = _is_narrative(folded, reference, gram.bc_years) and not _reads_as_news(folded, language)
    ctx = _Ctx(folded, load_lexicon(language), gram, reference, narrative)
    hits: list[_Hit] = []
    consumed = 0
    starters, whole, continuations = gram.starters, gram.whole, gram.continuations
    tokens = [(m.start(), m.group(0).lower()) for m in _TOKEN.finditer(folded)]
    clitics = ctx.lex.clitics
    for i, (pos, word) in enumerate(tokens):
        if pos < consumed:
            continue
        if (
            clitics
            and len(word) > 2
            and word[0] in clitics
            and word not in starters
            and (word[1:] in starters or word[1].isdigit())
        ):
            pos, word = pos + 1, word[1:]  # "وعشية": "and" + "eve"; "و٢٠٢٥": "and" + a year
        if not (word[0].isdigit() or (word[0] in "xvi" and _ROMAN_TOKEN.fullmatch(word))):
            if word[-1].isdigit() and (glued := _GLUED_PREFIX.match(word)) and glued.group(0) in starters:
                pass  # "fy2007": a starter glued to its number
            elif word not in starters:
                continue
            elif word not in whole:
                # "the", "a", "last": only the start of an expression if a lexicon word or a number follows
                following = tokens[i + 1][1] if i + 1 < len(tokens) else ""
                if not following or not (
                    following[0].isdigit()
                    or following in continuations
                    or (following[0] in "xvi" and _ROMAN_TOKEN.fullmatch(following))
                ):
                    continue
        match, found = _first_rule(gram, ctx, _rules_at(gram, word), pos)
        if match is None:
            continue
        if found and (ctx.last_quarter is not None or ctx.last_half is not None):
            found = [_quarterise(h, ctx) for h in found]
        if found and ctx.last_month is not None and ctx.lex.deictic_month:
            found = [_same_month(h, ctx) for h in found]
        if found:
            hits.extend(found)
            consumed = max(match.end(), *(h.end for h in found))
            if (
                found[-1].day is not None
                and found[-1].clock is None
                and found[-1].value[-3:-2] == "T"
                and found[-1].value[-2:] in _POD_HOUR
            ):
                # "hier après-midi ... vers 3 h 40 du matin": a clock after that part of the day
                ctx.last_clock_at = (found[-1].day, time(_POD_HOUR[found[-1].value[-2:]]))
            ctx.last_hit = (min(h.start for h in found), consumed)
            if found[-1].day is not None:
                # "that same day" after "at midday" is the day of that clock time; only a date, though,
                # makes a following weekday the end of a range ("Rabu hingga Jumat")
                ctx.last_day = found[-1].day
                if ctx.reference is not None and ctx.last_day > ctx.reference:
                    ctx.last_future_day = ctx.last_day
                if found[-1].clock is None:
                    ctx.last_day_end = found[-1].end
                    ctx.last_day_report = ctx.grammar.preceded("weekday_past", ctx.text, found[-1].start) is not None
                    if not ctx.last_day_report:
                        ctx.story_day = (found[-1].day, found[-1].end)
    hits = _join_clocks(hits, folded, gram)
    hits = _year_quarters(hits, folded)
    hits = _parts_of_day_before(hits, folded, gram, ctx.lex)
    hits = _week_of(hits, folded, ctx.lex)
    hits = _half_of_month(hits, folded, ctx.lex)
    hits = _day_of_counted_month(hits, folded, ctx.lex)
    _years_from_next(hits, folded, gram)
    _weekday_sets(hits, folded, gram)
    hits = _numeric_asides(hits, folded)
    hits = _day_lists(hits, folded)
    hits = _yearly_days(hits, folded)
    hits = _offsets_ahead(hits, folded, gram)
    _link_ranges(hits, folded, gram, ctx)
    out = []
    signal = _signal_pre(language)
    for h in hits:
        start, end = h.start, h.end
        while end > start and text[end - 1] in " ,\t\n":
            end -= 1
        if signal is not None and (m := signal.match(folded, start, end)) and m.end() < end:
            start = m.end()  # "dans la soirée de mardi": the preposition is a SIGNAL, not part of the expression
        out.append(
            DateMention(
                start=start, end=end, text=text[start:end], type=h.type, value=h.value, rule=h.rule,
                mod=h.mod, span=h.span if h.resolved and h.type in {TimexType.DATE, TimexType.TIME} else None,
                clock=h.clock, range_id=h.range_id, resolved=h.resolved,
            )
        )  # fmt: skip
    return out


@functools.cache
def _signal_pre(language: str) -> re.Pattern[str] | None:
    lex = load_lexicon(language)
    return re.compile(fold(lex.signal_pre), re.IGNORECASE) if lex.signal_pre else None


_GLUED_PREFIX = re.compile(r"[^\W\d_]+(?=\d)")


@functools.lru_cache(maxsize=16384)
def _signature(language: str, word: str) -> frozenset[str]:
    """The lexicon classes a word can begin (bounded cache: texts bring endless numbers)."""
    gram = grammar(language)
    sig = {cls for cls, firsts in gram.first_words.items() if word in firsts}
    if word[0].isdigit():
        sig.add("digit")
    elif (
        word[-1].isdigit()
        and (glued := _GLUED_PREFIX.match(word))
        and glued.group(0) in gram.first_words.get("YART", ())
    ):
        sig.add("YART")  # "fy2007"
    if word[0] in "xvi" and _ROMAN_TOKEN.fullmatch(word):
        sig.add("roman")
    if word in _QNOTES:
        sig.add("qnote")
    return frozenset(sig)


@functools.cache
def _subset(language: str, signature: frozenset[str]) -> tuple[str, ...]:
    """The rules, in grammar order, that can begin with a word of this signature."""
    gram = grammar(language)
    return tuple(n for n in gram.order if FIRST[n] & signature)


def _rules_at(gram: _Grammar, word: str) -> tuple[str, ...]:
    return _subset(gram.language, _signature(gram.language, word))


@functools.cache
def _single_rule(language: str, name: str) -> tuple[re.Pattern[str], frozenset[str]]:
    regex = re.compile(grammar(language).sources[name], re.IGNORECASE)
    return regex, frozenset(regex.groupindex)


def _first_rule(gram: _Grammar, ctx: _Ctx, names: tuple[str, ...], pos: int) -> tuple[re.Match[str] | None, list[_Hit]]:
    """The first rule, in grammar order, that matches at `pos` and whose handler accepts the match.

    A handler may say no ("11.45 horas" is not a duration): the later rules then try the same place.
    """
    text = ctx.text
    for name in names:
        regex, groups = _single_rule(gram.language, name)
        match = regex.match(text, pos)
        if match is not None and (line_end := text.find("\n", pos, match.end())) >= 0:
            # no expression runs over a line break: "hasta el viernes" ends a headline, "18 de ..." is its dateline
            match = regex.match(text, pos, line_end)
        if match is None:
            continue
        found = gram.handlers[name](_Groups(match, name, groups), ctx)
        if found:
            return match, found
    return None, []


_QUARTER_VALUE = re.compile(r"(\d{4})-(Q[1-4]|H[12])$")


def _year_quarters(hits: list[_Hit], text: str) -> list[_Hit]:
    """'the 1988 third quarter', 'the year-ago second quarter', 'this year's third quarter': one quarter, of the
    year named before it."""
    out: list[_Hit] = []
    for h in hits:
        prev = out[-1] if out else None
        m = _QUARTER_VALUE.match(h.value)
        if (
            prev is not None
            and m
            and h.type is TimexType.DATE
            and prev.type is TimexType.DATE
            and prev.range_id is None
            and h.range_id is None
            and text[prev.end : h.start].strip() in {"", "'s", "’s"}  # "next year's first quarter"
            and (year := prev.value[:4]).isdigit()
            and (len(prev.value) == 4 or _QUARTER_VALUE.match(prev.value))
            and ("year_shift" in prev.extras or len(prev.value) == 4)
        ):
            part = m.group(2)
            span = cal.quarter_span(int(year), int(part[1])) if part[0] == "Q" else None
            out[-1] = replace(h, start=prev.start, value=f"{year}-{part}", span=span or h.span, rule=h.rule + "+year")
            continue
        out.append(h)
    return out


# a clock's aside before its day: "10:35 a.m. (0735 GMT) Friday", "noon (1100 GMT) on Saturday"
_ASIDE_GAP = re.compile(r"\s*\([^()\n]{1,24}\)\s*,?\s*(?:[^\W\d_]{1,3}\s+)?$")


def _clock_day(day: date, clock: _Hit) -> date:
    """The day a clock falls on: 'Rabu pukul 24.00' is the midnight that ends Wednesday, so Thursday's."""
    return day + timedelta(days=1) if clock.extras.get("end_of_day") else day


def _join_clocks(hits: list[_Hit], text: str, gram: _Grammar) -> list[_Hit]:
    """'Friday at 7 p.m.' is one TIME: the day of the date, the clock of the time."""
    out: list[_Hit] = []
    for h in hits:
        prev = out[-1] if out else None
        if (
            prev is not None
            and h.clock is not None
            and prev.clock is None
            and prev.day is not None
            and prev.type in {TimexType.DATE, TimexType.TIME}
            and prev.range_id is None
            and gram.clock_gap.match(text[prev.end : h.start])
            and not (
                gram.clock_apart
                and gram.clock_apart.search(text[prev.end : h.start])
                and (".relative" not in prev.rule or "," in text[prev.end : h.start])
            )
        ):
            zone = h.extras.get("zone", "")
            out[-1] = replace(
                prev,
                end=h.end,
                type=TimexType.TIME,
                clock=h.clock,
                value=f"{_clock_day(prev.day, h).isoformat()}T{h.clock:%H:%M}{zone}",
                rule=prev.rule + "+clock",
            )
            continue
        if (
            prev is not None
            and prev.clock is not None
            and prev.type is TimexType.TIME
            and h.day is not None
            and (
                h.type is TimexType.DATE
                or (h.type is TimexType.TIME and h.clock is None)  # "12.30 WIB, Rabu (31/12/2014) siang"
                or (gram.clock_joins_relative and ".relative" in h.rule)
            )
            and (
                re.match(r"^\s*,?\s*$", text[prev.end : h.start])
                or (".relative" in h.rule and gram.of_gap.match(text[prev.end : h.start]))
                or _ASIDE_GAP.match(text[prev.end : h.start])  # "10:35 a.m. (0735 GMT) Friday"
                or gram.clock_day_gap.match(text[prev.end : h.start])  # "at 7 p.m. on Friday"
            )
        ):
            # "7 p.m. Friday", "16:08 UTC yesterday": the clock belongs to the day after it.
            zone = prev.extras.get("zone", "")
            moved = replace(
                prev,
                value=f"{_clock_day(h.day, prev).isoformat()}T{prev.clock:%H:%M}{zone}",
                day=h.day,
                span=cal.day_span(h.day),
                resolved=True,
            )
            gap = text[prev.end : h.start]
            joined = (
                h.rule.split(".")[1:2] == ["weekday"]
                or bool(gram.of_gap.match(gap))
                # "pukul 20.00 WIB nanti malam", "pukul 13.30 WIB hari ini"
                or (gram.clock_joins_relative and (".relative" in h.rule or h.rule.endswith(".deictic.d")))
                # "5 p.m. EST Nov. 9", "5 p.m. EST, Nov. 6": one TIME too
                or (h.rule.split(".")[1:2] == ["date"] and bool(re.match(r"^\s*,?\s*$", gap)))
            )
            joined = joined and not _ASIDE_GAP.match(gap) and not gram.clock_day_gap.match(gap)
            first = out[-2] if len(out) > 1 else None
            if (
                first is not None
                and first.clock is not None
                and first.type is TimexType.TIME
                and first.day == prev.day
                and gram.range_gap.match(text[first.end : prev.start])
            ):
                # "de 9 h à 17 h ce dimanche": the start of the span is that day's too
                out[-2] = replace(
                    first,
                    value=f"{h.day.isoformat()}T{first.clock:%H:%M}{first.extras.get('zone', '')}",
                    day=h.day,
                    span=cal.day_span(h.day),
                    resolved=True,
                )
            if h.range_id is None and joined:
                # "10 p.m. Wednesday", "las 12:00 UTC del lunes", "las 10.30 horas de hoy": one TIME, as TimeML marks it
                out[-1] = replace(moved, end=h.end, rule=h.rule + "+clock")
                continue
            out[-1] = moved
        out.append(h)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if (
            a.clock is not None
            and a.type is TimexType.TIME
            and b.clock is not None
            and b.day is not None
            and b.day != a.day
            and re.match(r"^\s*\(\s*$", text[a.end : b.start])
        ):
            # "at 4 in the morning (4 a.m. EDT Thursday)": the aside dates the clock before it
            zone = a.extras.get("zone", "")
            out[i] = replace(a, value=f"{b.day.isoformat()}T{a.clock:%H:%M}{zone}", day=b.day, span=cal.day_span(b.day))
    return out


@functools.cache
def _word_before(words: tuple[str, ...]) -> re.Pattern[str]:
    """One of `words` right before, or with one word between ("his early 30s", "her mid-40s")."""
    return re.compile(r"(?<!\w)(?:" + alternation(list(words)) + r")\s+(?:\w+[\s-]+)?$", re.IGNORECASE)


@functools.cache
def _week_of_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(" + alternation(list(words)) + r")\s+$", re.IGNORECASE)


def _week_of(hits: list[_Hit], text: str, lex: Lexicon) -> list[_Hit]:
    """'the week of March 6', 'the weekend of May 18-19': the (ISO) week or weekend that holds the day."""
    if not lex.week_of:
        return hits
    before = _week_of_regex(tuple(lex.week_of))
    out: list[_Hit] = []
    skip = False
    for i, h in enumerate(hits):
        if skip:
            skip = False
            continue
        if h.day is not None and h.clock is None and h.type is TimexType.DATE:
            m = before.search(text, max(0, h.start - 30), h.start)
            nxt = hits[i + 1] if i + 1 < len(hits) else None
            pair = nxt is not None and h.range_id is not None and nxt.range_id == h.range_id  # "May 18-19"
            if m and (h.range_id is None or pair):
                unit = lex.week_of[key(m.group(1))]
                value, span = _unit_value(unit, h.day)
                end = nxt.end if pair and nxt is not None else h.end
                h = replace(h, start=m.start(), end=end, value=value, span=span, range_id=None, rule=h.rule + ".week")
                skip = pair
        out.append(h)
    return out


@functools.cache
def _month_day_before(language: str) -> re.Pattern[str]:
    lex = load_lexicon(language)
    links = alternation([*lex.month_day_link, *lex.of, *lex.articles])
    return re.compile(rf"(?<![\w.,/:-])(?P<d>[0-3]?\d)(?:{lex.ordinal_suffix})?\s+(?:{links}\s+)*$", re.IGNORECASE)


def _day_of_counted_month(hits: list[_Hit], text: str, lex: Lexicon) -> list[_Hit]:
    """'15 числа текущего месяца', 'am 3. des kommenden Monats': that day of the month counted from now."""
    if not lex.month_day_link:
        return hits
    before = _month_day_before(lex.language)
    pre = {key(w) for w in (*lex.month_pre, *lex.weekday_pre)}
    out: list[_Hit] = []
    for h in hits:
        words = key(text[h.start : h.end]).split()
        if (
            words
            and (words[0] not in pre or words[0] in lex.units)  # "5 im vergangenen Monat": a count, then a month
            and h.mod is None
            and h.range_id is None
            and h.span is not None
            and re.fullmatch(r"\d{4}-\d\d", h.value)
            and any(lex.units.get(w) == "M" for w in words)
            and (m := before.search(text, max(0, h.start - 30), h.start))
            and (d := cal.safe_date(h.span.first.year, h.span.first.month, int(m.group("d"))))
        ):
            h = replace(h, start=m.start(), value=d.isoformat(), span=cal.day_span(d), day=d, rule=h.rule + ".day")
        out.append(h)
    return out


@functools.cache
def _half_link(language: str) -> re.Pattern[str]:
    lex = load_lexicon(language)
    return re.compile(r"\s+(?:" + alternation([*lex.of, *lex.month_articles, *lex.articles]) + r"\s+)*", re.IGNORECASE)


def _half_of_month(hits: list[_Hit], text: str, lex: Lexicon) -> list[_Hit]:
    """'the second half of December', 'в первой половине декабря', 'النصف الثاني من ديسمبر': that month.

    TimeML has no value for half a month: the value is the month's, the span the half that the text names
    (a half-year value there, "2026-H2", would be wrong).
    """
    out: list[_Hit] = []
    i = 0
    while i < len(hits):
        h, nxt = hits[i], hits[i + 1] if i + 1 < len(hits) else None
        if (
            nxt is not None
            and h.value[-3:] in {"-H1", "-H2"}
            and h.mod is None
            and h.range_id is None
            and nxt.mod is None
            and nxt.range_id is None
            and re.fullmatch(r"\d{4}-\d\d", nxt.value)
            and nxt.span is not None
            and _half_link(lex.language).fullmatch(text, h.end, nxt.start)
        ):
            first, last = nxt.span.first, nxt.span.last
            middle = first + timedelta(days=((last - first).days + 1) // 2)  # the 16th, or the 16th day of its calendar
            span = (
                DateSpan(first, middle - timedelta(days=1), nxt.span.precision)
                if h.value.endswith("1")
                else DateSpan(middle, last, nxt.span.precision)
            )
            out.append(replace(nxt, start=h.start, span=span, rule=nxt.rule + ".half"))
            i += 2
            continue
        out.append(h)
        i += 1
    return out


@functools.cache
def _pod_after(language: str) -> re.Pattern[str] | None:
    """'(le 2 avril) au soir': a part of the day after a date, through a link word."""
    lex = load_lexicon(language)
    if not lex.pod_after_link:
        return None
    return re.compile(
        r"\s+" + alternation(lex.pod_after_link) + r"\s+(?P<pod>" + alternation(lex.parts_of_day) + r")(?!\w)",
        re.IGNORECASE,
    )


def _parts_of_day_before(hits: list[_Hit], text: str, gram: _Grammar, lex: Lexicon) -> list[_Hit]:
    """'the morning of June 5', 'Morgen des 22. Juni 1941', 'la mañana del miércoles': one TIME."""
    if not lex.pod_link:
        return hits
    out: list[_Hit] = []
    for h in hits:
        if (
            out
            and out[-1].value.endswith("TNI")
            and h.day is not None
            and h.type is TimexType.DATE
            and out[-1].day is not None
            and (h.day - out[-1].day).days % 7 == 1  # the next weekday, whatever tense resolved it to
            and re.match(r"\s+" + alternation(lex.range_words) + r"\s+$", text[out[-1].end : h.start], re.IGNORECASE)
        ):
            out[-1] = replace(out[-1], end=h.end)  # "la nuit de samedi à dimanche": one night, Saturday's
            continue
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.type is TimexType.DATE
            and prev.day is not None
            and prev.range_id is None
            and h.type is TimexType.TIME
            and h.mod in {"START", "MID", "END"}
            and h.value.startswith(f"{prev.day.isoformat()}T")
            and text[prev.end : h.start].isspace()
        ):
            out[-1] = replace(h, start=prev.start)  # "jeudi en fin de matinée": that day's part, one TIME
            continue
        if h.day is not None and h.type is TimexType.DATE and h.range_id is None:
            m = gram.pod_before.search(text, max(0, h.start - 40), h.start)
            part = lex.parts_of_day.get(key(m.group("pod"))) if m else None
            if m and part and out and out[-1].end > m.start():
                if out[-1].start >= m.start():
                    out.pop()  # "la mañana" + "de ayer": the part of the day joins the date
                else:
                    part = None
            if m and part:
                h = replace(h, start=m.start(), type=TimexType.TIME, value=f"{h.day.isoformat()}T{part}")
            after = _pod_after(lex.language)
            m = after.match(text, h.end) if after and h.type is TimexType.DATE else None
            part = lex.parts_of_day.get(key(m.group("pod"))) if m else None
            if m and part and not part[:1].isdigit() and h.day is not None:
                h = replace(h, end=m.end(), type=TimexType.TIME, value=f"{h.day.isoformat()}T{part}")
        if out and h.start < out[-1].end:
            continue  # inside the date and part of the day just joined
        out.append(h)
    return out


def _numeric_asides(hits: list[_Hit], text: str) -> list[_Hit]:
    """'kemarin (29/12)', 'hari ini (30/12/2014)': the date in brackets restates the day before it; one mention."""
    out: list[_Hit] = []
    for h in hits:
        prev = out[-1] if out else None
        if (
            prev is not None
            and ".date.numeric" in h.rule
            and prev.day is not None
            and prev.day == h.day
            and re.fullmatch(r"\s*\(\s*", text[prev.end : h.start])
            and (close := re.match(r"\s*\)", text[h.end :]))
        ):
            out[-1] = replace(prev, end=h.end + close.end())
            continue
        out.append(h)
    return out


def _yearly_days(hits: list[_Hit], text: str) -> list[_Hit]:
    """'31 Maret setiap tahun', 'March 31 every year': that day of every year, one SET."""
    out: list[_Hit] = []
    for h in hits:
        prev = out[-1] if out else None
        if (
            prev is not None
            and h.type is TimexType.SET
            and h.value == "P1Y"
            and prev.type is TimexType.DATE
            and re.fullmatch(r"\d{4}-\d\d-\d\d", prev.value)
            and not re.search(r"\d{4}", text[prev.start : prev.end])
            and not text[prev.end : h.start].strip()
        ):
            value = "XXXX" + prev.value[4:]
            out[-1] = _Hit(prev.start, h.end, TimexType.SET, value, h.rule + ".day")
            continue
        out.append(h)
    return out


def _offsets_ahead(hits: list[_Hit], text: str, gram: _Grammar) -> list[_Hit]:
    """'H-4 hingga H+4 Lebaran': a bare offset before a range word counts from the feast of the offset after it.

    A bare offset with no feast before it nor after it ("pesawat H-1") is no date and is dropped.
    """
    for i in range(len(hits) - 1):
        a, b = hits[i], hits[i + 1]
        if "offset" not in a.extras or "feast" not in b.extras or not gram.range_gap.match(text[a.end : b.start]):
            continue
        d = date.fromisoformat(b.extras["feast"]) + timedelta(days=int(a.extras["offset"]))
        hits[i] = replace(a, value=d.isoformat(), day=d, span=cal.day_span(d), resolved=True)
    return [h for h in hits if h.resolved or "offset" not in h.extras]


_DAY_LIST = re.compile(r"(?<![\w.,/:])((?:[0-3]?\d\s*,\s*)+)$")


def _day_lists(hits: list[_Hit], text: str) -> list[_Hit]:
    """'8, 9, 12, dan 15 April', '8, 9, 12 and 15 April': the days listed before a day pair are days of its month."""
    out: list[_Hit] = []
    for h in hits:
        m = (
            _DAY_LIST.search(text, max(0, h.start - 40), h.start)
            if h.day is not None and ".range.days" in h.rule
            else None
        )
        if m and h.day is not None and h.type is TimexType.DATE:
            days = [(int(x.group()), x.start()) for x in re.finditer(r"\d+", m.group(1))]
            listed = [cal.safe_date(h.day.year, h.day.month, n) for n, _ in days]
            numbers = [n for n, _ in days] + [h.day.day]
            if all(listed) and all(a < b for a, b in zip(numbers, numbers[1:], strict=False)):
                for (n, at), d in zip(days, listed, strict=True):
                    if d is not None:
                        start = m.start(1) + at
                        rule = h.rule + ".list"
                        out.append(_Hit(start, start + len(str(n)), TimexType.DATE, d.isoformat(), rule, day=d))
                        out[-1].span = cal.day_span(d)
        out.append(h)
    return out


def _weekday_sets(hits: list[_Hit], text: str, gram: _Grammar) -> None:
    """'setiap Senin, Selasa, dan Kamis', 'every Monday and Friday': the weekdays listed after one are sets too."""
    for i in range(1, len(hits)):
        a, b = hits[i - 1], hits[i]
        parts = b.rule.split(".")
        if not (a.type is TimexType.SET and a.value.startswith("XXXX-WXX-") and parts[1:2] == ["weekday"]):
            continue
        if (
            b.day is None
            or parts[2:3] in (["numeric"], ["week"], ["day"])
            or not gram.list_gap.match(text[a.end : b.start])
        ):
            continue
        hits[i] = replace(b, type=TimexType.SET, value=f"XXXX-WXX-{b.day.weekday() + 1}", span=None, day=None)


def _years_from_next(hits: list[_Hit], text: str, gram: _Grammar) -> None:
    """'In April and June 1955', 'from 3 March to 5 May 1998': a year-less date takes the year of the next one."""
    for i in range(len(hits) - 1):
        a, b = hits[i], hits[i + 1]
        if "inferred_year" not in a.extras or "inferred_year" in b.extras or not b.span or not a.span:
            continue
        if not (re.match(r"\d{4}-\d\d", a.value) and re.match(r"\d{4}-\d\d", b.value)):
            continue
        if a.day is not None and b.day is not None:
            continue  # days: _link_ranges moves them ("Dec 30 - Jan 2, 2026")
        if not gram.range_gap.match(text[a.end : b.start]):
            continue
        year = int(b.value[:4]) - (1 if int(a.value[5:7]) > int(b.value[5:7]) else 0)
        if year == int(a.value[:4]):
            continue
        month = int(a.value[5:7])
        if a.day is not None:
            d = cal.safe_date(year, month, a.day.day)
            if d is None:
                continue
            hits[i] = replace(a, day=d, value=d.isoformat() + a.value[10:], span=cal.day_span(d))
        else:
            span = cal.with_mod(cal.month_span(year, month), a.mod)
            hits[i] = replace(a, value=f"{year:04d}-{month:02d}" + a.value[7:], span=span)


def _bare_weekday(rule: str) -> bool:
    """A weekday placed by the tense alone, not one written with its date ("Jumat (29/7)", "Friday, May 3")."""
    return ".weekday" in rule and not re.search(r"\.weekday\.(?:numeric|day)", rule)


def _link_ranges(hits: list[_Hit], text: str, gram: _Grammar, ctx: _Ctx) -> None:
    """Two dates joined by a range word ('16 January to 18 February') share a range id."""
    for i in range(len(hits) - 1):
        a, b = hits[i], hits[i + 1]
        if a.range_id is not None or b.range_id is not None:
            continue
        if a.type is not b.type or a.type not in {TimexType.DATE, TimexType.TIME}:
            continue
        if a.span is None or b.span is None:
            continue
        if a.day is not None and a.day == b.day and not (a.clock or b.clock):
            continue  # "today - Tuesday 21 October": one day named twice, in apposition
        gap = text[a.end : b.start]
        if a.clock and b.clock and (word := gram.preceded("clock", text, b.start)):
            gap = gap[: gap.lower().rfind(word.lower())]  # "jam 8 pagi hingga pukul 9 malam"
        if not gram.range_gap.match(gap):
            continue
        if a.day and b.day and "inferred_year" in a.extras and "inferred_year" not in b.extras:
            # "Dec 30 - Jan 2, 2026": the start takes its year from the end
            moved = cal.safe_date(b.day.year, a.day.month, a.day.day)
            if moved is not None and moved > b.day:
                moved = cal.safe_date(b.day.year - 1, a.day.month, a.day.day)
            if moved is not None:
                a = replace(a, day=moved, value=moved.isoformat() + a.value[10:], span=cal.day_span(moved))
        if a.day and b.day and _bare_weekday(a.rule) and (b.day - a.day).days > 6:
            # "from 6 p.m. Saturday until noon Sunday": a range's weekday lies in the week before its end (not
            # "Jumat (29/7/2016)", whose date is written)
            moved = a.day + timedelta(days=7 * ((b.day - a.day).days // 7))
            if moved > b.day:
                moved -= timedelta(days=7)
            a = replace(a, day=moved, value=moved.isoformat() + a.value[10:], span=cal.day_span(moved))
        if (
            a.span is None
            or a.span.first > b.span.last
            or (a.clock and b.clock and a.span == b.span and a.clock > b.clock)
        ):
            continue
        rid = ctx.new_range()
        hits[i] = replace(a, range_id=rid)
        hits[i + 1] = replace(b, range_id=rid)
