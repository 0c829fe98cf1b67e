"""Language data for the temporal stage: dateparser's names plus our YAML, compiled once.

Input: an ISO 639-1 code. Output: a `Lexicon` of word → meaning tables and regex alternations.
Month and weekday names, unit words and fixed relative phrases come from dateparser's
`date_translation_data/<lang>.py`; what dateparser lacks (week expressions, "early/mid/late",
tense cues, number words, connectors) comes from `lexicon/temporal/<lang>.yaml`.
"""

from __future__ import annotations

import functools
import importlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

LEXICON_DIR = Path(__file__).resolve().parent.parent / "lexicon" / "temporal"

MONTH_KEYS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
UNIT_KEYS = {
    "year": "Y", "month": "M", "week": "W", "day": "D", "hour": "H", "minute": "MIN",
    "decade": "DE", "century": "CE", "fortnight": "FN",
}  # fmt: skip

# Persian and Arabic digits and letter variants map one to one onto a canonical form, so that
# offsets in the normalised text are offsets in the original. French typography's superscript
# ordinal letters ("XXᵉ siècle", "1ᵉʳ janvier") become plain ones.
_FOLD_FROM = "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩يكىۀ\u2013\u2014\u2212\u2019\u1d49\u02b3"
_FOLD_TO = "01234567890123456789یکیه---'er"
FOLD = str.maketrans(_FOLD_FROM, _FOLD_TO)


def fold(text: str) -> str:
    """Digits to ASCII, Arabic/Persian letter variants to one form, dashes to '-' (same length)."""
    return text.translate(FOLD)


def key(text: str) -> str:
    """The lookup key of a matched word: folded, lower-case, single-spaced, without a final dot."""
    if not isinstance(text, str):  # YAML 1.1 reads a bare `on` or `no` as a boolean: quote them
        raise TypeError(f"lexicon word {text!r} is not a string")
    return " ".join(fold(text).lower().replace("\u200c", " ").split()).rstrip(".")


def alternation(
    words: list[str] | set[str] | dict[str, Any], dotted: bool = False, undotted: frozenset[str] = frozenset()
) -> str:
    """A regex alternation of `words`, longest first; spaces match any run of whitespace.

    `dotted`: short words may end with an abbreviation dot ("Jan.", "Sept."), except those in `undotted`
    (full names such as "mars", "Mai": the dot after them ends the sentence).
    """
    uniq = sorted({key(w) for w in words if w}, key=lambda w: (-len(w), w))
    parts = []
    for w in uniq:
        p = r"[\s\u200c]+".join(re.escape(x) for x in w.split(" "))
        if dotted and len(w) <= 4 and w not in undotted:
            p += r"\.?"  # "Jan.", "Sept." - never a full stop after a full name
        parts.append(p)
    return "(?:" + "|".join(parts) + ")" if parts else "(?!x)x"


@dataclass(frozen=True)
class Lexicon:
    """Everything the rules of one language need, as lookup tables keyed by `key()`."""

    language: str
    numeric_order: str  # "DMY" or "MDY", for 11/2
    months: dict[str, int]  # every form, abbreviations included
    month_full: set[str]  # forms safe to read on their own
    month_guarded: set[str]  # full forms that are also ordinary words ("may", "mars")
    weekdays: dict[str, int]
    weekday_guarded: set[str]  # weekday names that are also ordinary words ("minggu")
    units: dict[str, str]  # word -> Y/M/W/D/H/MIN/DE/CE/Q/WE/FN
    numbers: dict[str, int]
    ordinals: dict[str, int]
    this: tuple[list[str], list[str]]  # (before the noun, after the noun)
    last: tuple[list[str], list[str]]
    next: tuple[list[str], list[str]]
    ago: tuple[list[str], list[str]]
    later: tuple[list[str], list[str]]
    earlier: tuple[list[str], list[str]]
    within: list[str]
    mods: dict[str, str]  # word -> START/MID/END/APPROX
    mod_link: list[str]  # "of", "de", ...
    unit_link: list[str]  # "(earlier) in (the week)": links a part to a unit only, never to a month or year
    relative: dict[str, str]  # fixed phrase -> spec ("D-1", "PRESENT_REF", "D0TNI", ...)
    relative_lowercase: set[str]  # phrases that are something else when capitalised (de "Morgen")
    bc_suffix: list[str]  # "BC", "v. Chr."
    decade_suffix: list[str]  # "1990-an", "1930er-Jahre"
    decade_pre: list[str]  # "era 1990-an", "los años 90" (kept in the span)
    holidays: dict[str, str]  # "christmas" -> "12-25" (see calendars.holiday)
    parts_of_day: dict[str, str]
    pod_link: list[str]  # "the morning OF June 5", "Morgen DES 22. Juni"
    seasons: dict[str, str]
    season_guarded: set[str]  # seasons that are also verbs ("fall"): need an article, a year or "in"
    season_pre: list[str]  # the words before a guarded season that make it one ("in the fall")
    weekday_week_cue: str  # with no tense to go by, a weekday in a sentence naming this week is of this week
    month_past_link: list[str]  # "opened IN September": a past form and this word before a month make it past
    quarter_the: list[str]  # "the second half of THE year": the article that makes it the year in hand
    season_name_post: str  # a capitalised season before these words names an event ("the Summer Olympics")
    sets: dict[str, str]
    refs: dict[str, str]  # word -> PAST_REF/PRESENT_REF/FUTURE_REF
    anaphoric: dict[str, str]  # "the next day" -> "D+1" relative to the last date mentioned
    range_words: list[str]
    range_from: list[str]
    range_and: list[str]
    articles: list[str]
    of: list[str]
    year_pre: list[str]
    year_suffix: list[str]
    day_pre: list[str]
    clock_pre: list[str]
    clock_suffix: dict[str, str]
    ordinal_suffix: str
    future_cues: str
    tense_after: int  # how far after an expression its verb may come (far in verb-final Persian)
    after_penalty: int  # how much farther a cue after an expression counts than one before it (verb-final: less)
    clock_words: dict[str, int]  # hours by name: "الساعة الثالثة" (3 o'clock), "las seis de la mañana"
    clock_fractions: dict[str, int]  # minutes after (before, negative) the hour: "والنصف" (half past)
    day_ordinals: dict[str, int]  # days by ordinal word before a month: "الأول من مارس" (the first of March)
    past_cues: str
    # present-tense verbs of movement and meetings ("arrives", "llega", "kommt ... an"): with a bare weekday
    # they announce the coming day; reporting verbs ("says", "dice") are never among them
    present_cues: str
    report_cues: str  # reporting verbs: "..., kata Bambang, Selasa." closes a statement with the day it was made
    past_forms: str  # regular past forms ("opened"): too common to be past cues, but they outweigh a present one
    present_reach: int  # how far before a weekday its present verb may stand (far in verb-first Arabic)
    pod_before_weekday: list[str]  # parts of the day said before a weekday: "صباح الأحد" (Sunday morning)
    pod_weekday_link: list[str]  # between the two: "عصر روز دوشنبه"
    weekday_guard_by_pre: bool  # a guarded weekday needs a preposition before it, not a capital
    bare_plurals: bool  # "years" alone is a duration (PXY); elsewhere only after "several", "the last"
    clitics: str  # one-letter words written joined to the next ("وأمس", "وعشية"): an expression may follow them
    months_capitalised: bool  # month names are written with a capital (en, de, id)
    months_lowercase: bool  # month names are written in lower case (fr): a capitalised guarded one is a name ("Mars")
    weekdays_capitalised: bool
    durations: dict[str, str]  # fused words: "setahun" -> P1Y
    fixed_preceded: dict[str, str]  # fixed words only after these words: "desde entonces"
    fixed_not_preceded: dict[str, str]  # fixed words never after these words: "futuro" -> "su|sus"
    fixed_followed: dict[str, str]  # fixed words only before these words: "the year" -> "ended|ending"
    every: list[str]
    vague_pre: list[str]  # "several", "los últimos": a duration of unknown length (PXY)
    plural_units: list[str]  # "years", "años" on their own: PXY
    month_articles: list[str]  # kept in a month's span: "el mes de (marzo de 2024)", "bulan (Februari 2026)"
    year_articles: list[str]  # words kept in a year's span ("el 2000", "tahun 2025")
    weekday_pre: list[str]  # prepositions before a weekday, named in the rule id ("id.weekday.pada")
    month_pre: list[str]  # words that make a guarded month a month ("in May")
    duration_mid: list[str]  # between the number and the unit: "los cinco últimos años"
    duration_pre: list[str]  # kept in a duration's span ("the past two months")
    duration_mods: dict[str, str]  # those of duration_pre that set a mod: "plus de" -> MORE_THAN
    # a mod word that means "more than" only after these words ("lasted over a week", "in over six years");
    # elsewhere it spans the length and is no part of it ("used over three years")
    duration_mod_after: dict[str, str]
    duration_post: list[str]  # kept after a duration's unit: "tiga hari TERAKHIR", "tiga bulan KE DEPAN"
    vague_count: bool  # a vague quantity stands for a duration's number: "beberapa hari" -> PXD
    year_after_name: bool  # a 4-digit number right after a name inside a sentence is a year ("APBN 2015")
    clock_joins_relative: bool  # a clock and the relative day after it are one TIME ("pukul 10.00 WIB kemarin")
    holiday_offset: list[str]  # "H" of "H-3 Lebaran": days before (after) a holiday
    numeric_day_month: bool  # "pada 29/12", "kemarin (29/12)": day/month in figures without a year
    unit_not_before: dict[str, str]  # unit word -> the words after which it names a thing ("jam" + "tangan")
    clock_seps: str
    year_follower: str  # "lowercase" / "capitalised" / "any": which next word marks a count, not a year
    jalali_years: bool  # 13xx/14xx years are Solar Hijri (Persian)
    clock_link: list[str]  # between a date and its clock time ("January 30 at 7 p.m.")
    decade_age_pre: list[str]  # "his (early) 30s": a two-digit decade after them is an age
    deictic_month_joins: bool  # "the same period last year": the words deictic_month matched join the expression
    unit_hyphen_word: (
        bool  # "a year-earlier loss": a unit glued on by a hyphen ends no length (German "90-Tage-Frist" does)
    )
    half_sport: str  # a regex: a sentence with it speaks of a match, whose halves are no halves of the year
    last_recent: set[str]  # "this past": of the "last" words, those naming the most recent one (a season)
    week_of: dict[str, str]  # "the week of (March 6)" -> W, "the weekend of" -> WE: the unit that holds the day
    clock_day_link: list[str]  # between a clock time and its day after it ("7 p.m. on Friday"): two expressions
    hours_as_days: bool  # "48 Stunden" -> P2D
    calendar_months: dict[str, tuple[str, int]]  # Jalali/Hijri month names -> (calendar, month)
    calendar_year_suffix: dict[str, str]
    full_names: frozenset[str]  # the longest name of each month and weekday ("mars", "rabu")
    anaphoric_after: dict[str, str]  # anaphoric phrases only after these words: "the day" -> "end|finish"
    duration_not_after: str  # "es|fue|ha sido": "es un día difícil" describes a day, it is no duration
    unit_described: str  # what after "un año" makes it that year, described ("un año teñido de", "un día donde")
    clock_pre_weak: set[str]  # clock words that make a bare number a time only at the end of a phrase ("las")
    name_pre: list[str]  # words that make the date after them a name: "Avenida (17 de Junio)"
    year_after_bare: bool  # "(el tercer trimestre) del año" is of this year
    clock_apart: list[str]  # link words after which a clock stays apart from a named date ("el 1 de junio , a las")
    deictic_month: str  # right before "last year", where it means the month last named ("el mismo mes del")
    deictic_period: str  # where "last year" means the same period of it ("the period last year")
    ref_not_before: str  # what after a vague reference word makes it no time ("próximo A")
    age_context: str  # where a number of years is an age, not annotated: "§" stands for it ("âgé de §", ", §,")
    year_verbs: str  # an alternation of the verbs after a 4-digit number that make it a year: "2015 a été", "2024 sera"
    year_centuries: dict[str, int]  # "nineteen" -> 19 ("nineteen ninety-six"), "two thousand" -> 2000
    clock_pre_bare: bool  # a bare number after a clock word is a time ("pukul 10", "a las 11"), not in French
    vague_ago_duration: bool  # "hace unos días" -> PXD (a duration) rather than PAST_REF
    weekday_future_firm: bool  # "hasta el jueves" looks ahead even in a sentence told in the past
    shared_unit_links: list[str]  # "dos a tres años", "tres o cuatro días": the first count shares the unit
    decade_words: dict[str, int]  # "noventa" -> 9 ("los años noventa"), only after a decade word
    decade_pre_bare: set[str]  # decade words that need a stop after the two digits ("en los 80 ,", not "los 80 km")
    decade_pre_suffix: set[str]  # decade words that need a suffix after a 4-digit year ("tahun 1990-an")
    year_aside_pre: list[str]  # "since", "ab": a year after them looks back; the story's year stays
    weekday_past_pre: list[str]  # "said": a weekday right after it is past, whatever follows
    signal_pre: str  # a regex: a preposition that opens a found expression but stays out of it (a SIGNAL)
    plural_articles: list[str]  # "les", "des": a unit after them is plural ("les mois à venir" is no one month)
    weekday_plurals: list[str]  # "les mardis": a plural weekday is every such day (a SET)
    weekday_future_pre: list[str]  # "until", "hasta el": a weekday after them lies ahead
    aside_pattern: str  # a regex opening such a clause too: a participle ("The ban, imposed in December, will")
    present_aux: list[str]  # "is", "are": before "scheduled to" it is now; without them "planned to" is past
    tense_far_future: bool  # a future verb at the head of a long sentence governs a date at its end
    aside_openers: list[str]  # "which", "who": a clause set off by commas keeps its own tense
    weekday_mods: bool  # "late Friday", "early Monday": early/mid/late before a weekday (English wire style)
    weekday_past_post: list[str]  # "'s": "Friday's ruling", "Thursday's close" name a day that has been
    half_mid: list[str]  # "satu SETENGAH tahun": a half between the number and the unit
    half_post: list[str]  # "a minute AND A HALF", "dos años Y MEDIO"
    half_decimal: bool  # "y medio" -> P2.5Y rather than P2Y6M
    decimal_half_compound: bool  # "1,5 jam" -> PT1H30M (TimeNorm's fractional periods) rather than PT1.5H
    year_after_link: list[str]  # between a date and the year phrase after it: "septiembre DEL año pasado"
    # fixed words never before these: "future" before a noun ("future earnings") is an adjective, no time
    fixed_not_followed: dict[str, str] = field(default_factory=dict)
    # after "today's": the nouns that make it the present in general ("today's youth"); unset, "today's" is never a day
    today_generic: str = ""
    # words between the hour and the minutes of a clock time ("9 heures 30"); an alternation, empty for none
    clock_sep_words: str = ""
    # where a clock-shaped "1 h 30" is a length ("pendant §", "§ de jeu"); "§" stands for it
    clock_duration_context: str = ""
    # where a count of hours or days is a name ("le 20 heures de TF1"), neither a length nor a time; "§" is
    # followed by the count itself ("§un jour")
    count_name_context: str = ""
    # between a date and the part of the day after it: "le 2 avril AU soir"
    pod_after_link: list[str] = field(default_factory=list)
    # parts of the day that, told in the past, belong to the day last named ("dans la soirée")
    relative_anaphoric: frozenset[str] = frozenset()
    # official dates that differ from the computed calendar, by holiday spec: {"H:10-01": {2011: date(2011, 8, 31)}}
    holiday_dates: dict[str, dict[int, date]] = field(default_factory=dict)
    # how far (characters) after a named day a bare clock still falls on it ("Rabu (2/3) malam ... pukul 19.49")
    clock_day_reach: int = 400
    # "hari ke-11 operasi SAR": the n-th day of an operation under way is the day of the report
    nth_day_today: bool = False
    # "HUT ke-79 Kemerdekaan RI": words naming an anniversary, before its number and the rest of a holiday's name
    anniversary_pre: list[str] = field(default_factory=list)
    # "последнюю неделю ноября", "هفته پایانی آذر", "letzten Novemberwoche": words for the last of a month's weeks
    final_words: list[str] = field(default_factory=list)
    # "15 числа текущего месяца", "am 3. des kommenden Monats": words between a day's number and a month counted
    # from now; a language with any takes such a number as that month's day
    month_day_link: list[str] = field(default_factory=list)
    # short month forms that are also common words ("mar", the sea): a month only right after a day ("3 mar (EFE)")
    day_first_months: frozenset[str] = frozenset()
    # reporting verbs that, after a comma right after a date, are the report's tense, not the date's
    aside_cues: str = ""
    day_words: dict[str, int] = field(default_factory=dict)  # "(el) primero (de enero)", "(el) dos (de mayo)"
    # the words right before a month that make it a month's published figures ("el paro de"): no future month
    month_figures: str = ""
    examples: list[dict[str, Any]] = field(default_factory=list)
    negatives: list[dict[str, Any]] = field(default_factory=list)

    @functools.cached_property
    def plural_set(self) -> frozenset[str]:
        """The plural unit words, as lookup keys."""
        return frozenset(key(w) for w in self.plural_units)

    @functools.cached_property
    def vague_set(self) -> frozenset[str]:
        """The vague quantity words ("several", "beberapa"), as lookup keys."""
        return frozenset(key(w) for w in self.vague_pre)


def _dateparser_info(language: str) -> dict[str, Any]:
    module = importlib.import_module(f"dateparser.data.date_translation_data.{language}")
    info: dict[str, Any] = module.info
    return info


def _pair(data: dict[str, Any], name: str) -> tuple[list[str], list[str]]:
    entry = data.get(name) or {}
    return list(entry.get("pre", [])), list(entry.get("post", []))


def _usable(word: str, minimum: int) -> bool:
    return len(word) >= minimum and not word.isdigit()


@functools.cache
def load_lexicon(language: str) -> Lexicon:
    """The lexicon of `language`, read once per process."""
    path = LEXICON_DIR / f"{language}.yaml"
    # libyaml's loader when PyYAML has it: the same safe subset, several times faster to start
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) if path.exists() else {}
    info = _dateparser_info(language)
    minimum = int(data.get("min_name_length", 3))
    skip = {key(w) for w in data.get("skip_names", [])}

    months: dict[str, int] = {}
    month_full: set[str] = set()
    longest: set[str] = set()  # the full name of each month and weekday: never followed by an abbreviation dot
    for i, name in enumerate(MONTH_KEYS, start=1):
        ours = [str(w) for w in data.get("months", {}).get(i, [])]
        # forms chosen by hand are full names ('мае', 'мая'), unless abbreviated ('agt.') or two letters ('آب')
        ours_full = {key(w) for w in ours if "." not in w and len(key(w)) >= 3}
        forms = [key(w) for w in info.get(name, [])] + [key(w) for w in ours]
        for w in forms:
            if w in skip or not _usable(w, 2):
                continue
            months[w] = i
        # the full name: the longest single name ("فبراير/شباط" pairs two of them); an old spelling the
        # lexicon skips ("Djuni") leaves "juni" the full name
        kept = [w for w in forms if w not in skip]
        names = [w for w in kept if w.replace(" ", "").isalpha()] or kept
        full = max(names, key=len) if names else ""
        longest.add(full)
        longest.update(key(w) for w in data.get("full_months", {}).get(i, []))
        for w in forms:
            if w not in skip and (len(w) >= 4 or w == full or w in ours_full) and _usable(w, minimum):
                month_full.add(w)
    # abbreviations that are also ordinary words read only beside a day or a year: French "sept" (seven)
    month_full -= {key(w) for w in data.get("month_not_alone", [])}
    weekdays: dict[str, int] = {}
    for i, name in enumerate(WEEKDAY_KEYS):
        forms = [key(w) for w in info.get(name, [])] + [key(w) for w in data.get("weekdays", {}).get(i, [])]
        longest.add(max(forms, key=len) if forms else "")
        for w in forms:
            if w not in skip and _usable(w, max(minimum, 3)) and not (len(w) <= 3 and w.isascii()):
                weekdays[w] = i
    units: dict[str, str] = {}
    for dp_name, code in UNIT_KEYS.items():
        for w in info.get(dp_name, []):
            k = key(w)
            if k not in skip and _usable(k, minimum):
                units[k] = code
    for code, words in (data.get("units") or {}).items():
        for w in words:
            units[key(w)] = code
    relative: dict[str, str] = {}
    for phrase_key, phrases in (info.get("relative-type") or {}).items():
        spec = _relative_spec(phrase_key)
        if spec:
            for p in phrases:
                if key(p) not in skip:
                    relative[key(p)] = spec
    for phrase, spec in (data.get("relative") or {}).items():
        relative[key(phrase)] = str(spec)
    ago_pre, ago_post = _pair(data, "ago")
    cal_months: dict[str, tuple[str, int]] = {}
    for cal, table in (data.get("calendar_months") or {}).items():
        for i, words in table.items():
            for w in words:
                cal_months[key(w)] = (cal, int(i))
    return Lexicon(
        language=language,
        numeric_order=str(data.get("numeric_order", info.get("date_order", "DMY"))).replace("YMD", "DMY"),
        months=months,
        month_full=month_full,
        month_guarded={key(w) for w in data.get("month_guarded", [])},
        weekdays=weekdays,
        weekday_guarded={key(w) for w in data.get("weekday_guarded", [])},
        units=units,
        numbers={key(str(k)): int(v) for k, v in (data.get("numbers") or {}).items()},
        ordinals={key(str(k)): int(v) for k, v in (data.get("ordinals") or {}).items()},
        this=_pair(data, "this"),
        last=_pair(data, "last"),
        next=_pair(data, "next"),
        ago=(ago_pre, ago_post),
        later=_pair(data, "later"),
        earlier=_pair(data, "earlier"),
        within=list(data.get("within", [])),
        mods={key(w): mod for mod, words in (data.get("mods") or {}).items() for w in words},
        mod_link=list(data.get("mod_link", [])),
        unit_link=list(data.get("unit_link", [])),
        relative=relative,
        relative_lowercase={key(w) for w in data.get("relative_lowercase", [])},
        bc_suffix=list(data.get("bc_suffix", [])),
        decade_suffix=list(data.get("decade_suffix", [])),
        decade_pre=list(data.get("decade_pre", [])),
        holidays={key(k): str(v) for k, v in (data.get("holidays") or {}).items()},
        parts_of_day={key(k): v for k, v in (data.get("parts_of_day") or {}).items()},
        pod_link=list(data.get("pod_link", [])),
        seasons={key(k): v for k, v in (data.get("seasons") or {}).items()},
        season_guarded={key(w) for w in data.get("season_guarded", [])},
        season_pre=list(data.get("season_pre", [])),
        weekday_week_cue=str(data.get("weekday_week_cue", "")),
        month_past_link=list(data.get("month_past_link", [])),
        quarter_the=list(data.get("quarter_the", [])),
        season_name_post=str(data.get("season_name_post", "")),
        sets={key(k): v for k, v in (data.get("sets") or {}).items()},
        refs={key(w): ref for ref, words in (data.get("refs") or {}).items() for w in words},
        anaphoric={key(k): str(v) for k, v in (data.get("anaphoric") or {}).items()},
        range_words=list(data.get("range_words", [])),
        range_from=list(data.get("range_from", [])),
        range_and=list(data.get("range_and", [])),
        articles=list(data.get("articles", [])),
        of=list(data.get("of", [])),
        year_pre=list(data.get("year_pre", [])),
        year_suffix=list(data.get("year_suffix", [])),
        day_pre=list(data.get("day_pre", [])),
        clock_pre=list(data.get("clock_pre", [])),
        clock_suffix={key(k): str(v) for k, v in (data.get("clock_suffix") or {}).items()},
        ordinal_suffix=str(data.get("ordinal_suffix", r"\.?")),
        future_cues=_cue(data.get("future_cues")),
        tense_after=int(data.get("tense_after", 120)),
        after_penalty=int(data.get("after_penalty", 20)),
        clock_words={key(str(k)): int(v) for k, v in (data.get("clock_words") or {}).items()},
        clock_fractions={key(str(k)): int(v) for k, v in (data.get("clock_fractions") or {}).items()},
        day_ordinals={key(str(k)): int(v) for k, v in (data.get("day_ordinals") or {}).items()},
        past_cues=_cue(data.get("past_cues")),
        present_cues=_cue(data.get("present_cues")),
        past_forms=_cue(data.get("past_forms")),
        present_reach=int(data.get("present_reach", 40)),
        clitics=fold(str(data.get("clitics", ""))),
        report_cues=_cue(data.get("report_cues")),
        bare_plurals=bool(data.get("bare_plurals", True)),
        weekday_guard_by_pre=bool(data.get("weekday_guard_by_pre", False)),
        pod_before_weekday=list(data.get("pod_before_weekday", [])),
        pod_weekday_link=list(data.get("pod_weekday_link", [])),
        months_capitalised=bool(data.get("months_capitalised", False)),
        months_lowercase=bool(data.get("months_lowercase", False)),
        weekdays_capitalised=bool(data.get("weekdays_capitalised", False)),
        durations={key(k): str(v) for k, v in (data.get("durations") or {}).items()},
        fixed_followed={key(k): str(v) for k, v in (data.get("fixed_followed") or {}).items()},
        fixed_preceded={key(k): str(v) for k, v in (data.get("fixed_preceded") or {}).items()},
        fixed_not_preceded={key(k): str(v) for k, v in (data.get("fixed_not_preceded") or {}).items()},
        every=list(data.get("every", [])),
        vague_pre=list(data.get("vague_pre", [])),
        plural_units=list(data.get("plural_units", [])),
        year_articles=list(data.get("year_articles", [])),
        month_articles=list(data.get("month_articles", [])),
        month_pre=list(data.get("month_pre", [])),
        weekday_pre=list(data.get("weekday_pre", [])),
        duration_pre=list(data.get("duration_pre", [])),
        duration_mods={key(w): mod for mod, words in (data.get("duration_mods") or {}).items() for w in words},
        duration_mod_after={key(k): alternation(v) for k, v in (data.get("duration_mod_after") or {}).items()},
        duration_post=list(data.get("duration_post", [])),
        vague_count=bool(data.get("vague_count", False)),
        year_after_name=bool(data.get("year_after_name", False)),
        clock_joins_relative=bool(data.get("clock_joins_relative", False)),
        holiday_offset=list(data.get("holiday_offset", [])),
        numeric_day_month=bool(data.get("numeric_day_month", False)),
        unit_not_before={key(k): str(v) for k, v in (data.get("unit_not_before") or {}).items()},
        duration_mid=list(data.get("duration_mid", [])),
        clock_seps=str(data.get("clock_seps", ":.")),
        year_follower=str(data.get("year_follower", "lowercase")),
        jalali_years=bool(data.get("jalali_years", False)),
        clock_link=list(data.get("clock_link", [])),
        clock_day_link=list(data.get("clock_day_link", [])),
        unit_hyphen_word=bool(data.get("unit_hyphen_word", False)),
        half_sport=str(data.get("half_sport", "")),
        last_recent={key(w) for w in data.get("last_recent", [])},
        week_of={key(w): u for w, u in (data.get("week_of") or {}).items()},
        deictic_month_joins=bool(data.get("deictic_month_joins", False)),
        decade_age_pre=list(data.get("decade_age_pre", [])),
        hours_as_days=bool(data.get("hours_as_days", False)),
        calendar_months=cal_months,
        calendar_year_suffix={key(k): str(v) for k, v in (data.get("calendar_year_suffix") or {}).items()},
        full_names=frozenset(longest),
        ref_not_before=str(data.get("ref_not_before", "")),
        age_context=_cue(data.get("age_context")) if data.get("age_context") else "",
        year_verbs=alternation(data["year_verbs"]) if data.get("year_verbs") else "",
        deictic_period=str(data.get("deictic_period", "")),
        deictic_month=str(data.get("deictic_month", "")),
        clock_apart=list(data.get("clock_apart", [])),
        year_after_bare=bool(data.get("year_after_bare", False)),
        name_pre=list(data.get("name_pre", [])),
        clock_pre_weak={key(w) for w in data.get("clock_pre_weak", [])},
        unit_described=str(data.get("unit_described", "")),
        duration_not_after=str(data.get("duration_not_after", "")),
        anaphoric_after={key(k): str(v) for k, v in (data.get("anaphoric_after") or {}).items()},
        year_centuries={key(str(k)): int(v) for k, v in (data.get("year_centuries") or {}).items()},
        clock_pre_bare=bool(data.get("clock_pre_bare", True)),
        vague_ago_duration=bool(data.get("vague_ago_duration", False)),
        decade_pre_suffix={key(w) for w in data.get("decade_pre_suffix", [])},
        decade_pre_bare={key(w) for w in data.get("decade_pre_bare", [])},
        decade_words={key(k): int(v) for k, v in (data.get("decade_words") or {}).items()},
        shared_unit_links=list(data.get("shared_unit_links", [])),
        weekday_future_firm=bool(data.get("weekday_future_firm", False)),
        year_aside_pre=list(data.get("year_aside_pre", [])),
        weekday_past_pre=list(data.get("weekday_past_pre", [])),
        signal_pre=_cue(data.get("signal_pre")) if data.get("signal_pre") else "",
        plural_articles=[key(w) for w in data.get("plural_articles", [])],
        weekday_plurals=[key(w) for w in data.get("weekday_plurals", [])],
        weekday_future_pre=list(data.get("weekday_future_pre", [])),
        weekday_mods=bool(data.get("weekday_mods", False)),
        weekday_past_post=list(data.get("weekday_past_post", [])),
        aside_openers=list(data.get("aside_openers", [])),
        aside_pattern=str(data.get("aside_pattern", "")),
        present_aux=list(data.get("present_aux", [])),
        tense_far_future=bool(data.get("tense_far_future", False)),
        half_mid=list(data.get("half_mid", [])),
        half_post=list(data.get("half_post", [])),
        half_decimal=bool(data.get("half_decimal", False)),
        decimal_half_compound=bool(data.get("decimal_half_compound", False)),
        year_after_link=list(data.get("year_after_link", [*data.get("of", []), *data.get("mod_link", [])])),
        fixed_not_followed={key(k): _cue(v) for k, v in (data.get("fixed_not_followed") or {}).items()},
        today_generic=str(data.get("today_generic", "")),
        clock_sep_words=alternation(data["clock_sep_words"]) if data.get("clock_sep_words") else "",
        clock_duration_context=_cue(data.get("clock_duration_context")) if data.get("clock_duration_context") else "",
        count_name_context=_cue(data.get("count_name_context")) if data.get("count_name_context") else "",
        pod_after_link=list(data.get("pod_after_link", [])),
        relative_anaphoric=frozenset(key(w) for w in data.get("relative_anaphoric", [])),
        holiday_dates={
            str(spec): {d.year: d for d in (_iso_date(x) for x in days) if d}
            for spec, days in (data.get("holiday_dates") or {}).items()
        },
        clock_day_reach=int(data.get("clock_day_reach", 400)),
        nth_day_today=bool(data.get("nth_day_today", False)),
        anniversary_pre=list(data.get("anniversary_pre", [])),
        final_words=list(data.get("final_words", [])),
        month_day_link=list(data.get("month_day_link", [])),
        day_words={key(k): int(v) for k, v in (data.get("day_words") or {}).items()},
        aside_cues=_cue(data["aside_cues"]) if data.get("aside_cues") else "",
        month_figures=_cue(data["month_figures"]) if data.get("month_figures") else "",
        day_first_months=frozenset(key(w) for w in data.get("day_first_months", [])),
        examples=list(data.get("examples", [])),
        negatives=list(data.get("negatives", [])),
    )


def _iso_date(value: object) -> date | None:
    """A date from YAML (read as a date, or as text)."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _cue(pattern: object) -> str:
    """A cue pattern from YAML; lines folded after a '|' join without the folding space."""
    return re.sub(r"\|\s+", "|", str(pattern)) if pattern else "(?!x)x"


_REL = re.compile(r"^(?:(in) )?(\d+) (day|week|month|year|hour|minute|second|century|decade|fortnight)( ago)?$")


def _relative_spec(phrase_key: str) -> str | None:
    """dateparser's "1 day ago" / "in 2 day" / "0 week ago" keys as our specs ("D-1", "W+0")."""
    m = _REL.match(phrase_key)
    if not m:
        return None
    n = int(m.group(2))
    unit = UNIT_KEYS.get(m.group(3))
    if m.group(3) == "second":
        return "PRESENT_REF" if n == 0 else None
    if unit is None or unit in {"H", "MIN", "FN", "DE", "CE"}:
        return None  # dateparser files "this century" under "1 century ago"; our YAML has these
    if m.group(1):
        return f"{unit}+{n}"
    if m.group(4):
        return f"{unit}-{n}"
    return None  # "1 year" (a duration) is handled by the duration rule
