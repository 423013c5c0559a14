"""Dates: explicit and relative date expressions, resolved against the publication date.

``extract_dates`` scans the tokens of a spaCy ``Doc`` with a small grammar of English date
expressions (word lists in ``data/dates_lexicon.json``): "June 4, 2025", "March 20-21",
"in February 2022", "by 2035", "the 1990s", "on Thursday", "Saturday morning", "yesterday",
"last week", "earlier this month", "three years ago", "in recent months". Each match becomes a
``DateRecord`` whose ``value`` is ISO 8601 at the precision the text allows (``2025-09-11``,
``2025-W37``, ``2025-09``, ``2025``) and ``precision`` says which (day, week, month, year,
decade).

Why our own grammar first and dateparser second: news text leaves the year and week implicit
and leans on tense ("on Thursday" is last Thursday in "Russia launched ... on Thursday" and
next Thursday in "ministers will meet on Thursday"), which dateparser cannot see. So:

- A weekday, or a month without a year, is read by the tense of the clause that governs it
  (``_tense``): past (a past verb, "has", "since", the reporting present "tells MSNBC on
  Friday") -> the most recent such day on or before the publication date; future ("will",
  "would", "is expected to", "going to") or a bare present used for schedules ("leaders meet
  next week") -> the coming one on or after it. "last Friday" / "next Friday" are exclusive
  of the publication day. A year-less month moves to next year only for a marked future, or
  for a bare present more than two months back ("the law takes effect on January 1").
- "last week", "this month", "next year" are calendar periods relative to the publication
  date (ISO weeks for weeks).
- Windows ("in recent months", "in the last 48 hours") and offsets from another event ("two
  days before", "the following day") are kept with ``value=None``: they are dates an analyst
  wants to see, but they do not name one day.
- A decade ("the 1990s") is ``value="1990"`` with ``precision="decade"``: ISO 8601 has no
  decade form that readers recognise, and the start year keeps values sortable.
- Without a publication date, relative expressions, weekdays and year-less dates stay
  ``None``: nothing is ever resolved against the machine's clock.

Entity-recognizer DATE spans that the grammar does not cover but that name a month or a year
are handed to dateparser (RELATIVE_BASE = publication date, PREFER_DATES_FROM by tense, and a
required year when there is no publication date). Durations ("45 years", "10-year") and ages
are not dates and are never emitted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Token

from sitrep.datafiles import load_json
from sitrep.nlp.numbers import read_numeral
from sitrep.records import DateRecord, stable_id

_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$", re.IGNORECASE)
_DAY_RANGE = re.compile(r"^(\d{1,2})[-–](\d{1,2})$")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d|2100)$")
_YEAR_SPAN = re.compile(r"^(1[89]\d\d|20\d\d)[-–/](\d\d|\d{4})$")
_MOD_YEAR = re.compile(r"^(mid|early|late)-(1[89]\d\d|20\d\d)$", re.IGNORECASE)
_DECADE = re.compile(r"^(?:(?:mid|early|late)-)?(1[89]\d|20\d)0s$", re.IGNORECASE)
_HAS_MONTH_OR_YEAR = re.compile(
    r"\b(1[89]\d\d|20\d\d)\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
    re.IGNORECASE,
)
_LINKS = frozenset({"-", "–", "—", "to", "and", "through", "until"})

Phrase = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Lexicon:
    months: dict[str, int]
    ambiguous_months: frozenset[str]
    month_context: frozenset[str]
    weekdays: dict[str, int]
    day_parts: frozenset[str]
    day_words: dict[str, int]
    this_day_parts: dict[Phrase, int]
    period_units: dict[str, str]
    deictics: dict[Phrase, int]
    within_period: frozenset[str]
    period_edges: frozenset[Phrase]
    year_modifiers: frozenset[str]
    year_prepositions: frozenset[str]
    seasons: dict[str, tuple[int, int]]
    time_units: dict[str, str]
    not_year_before: frozenset[str]
    not_year_after: frozenset[str]
    count_openers: frozenset[str]
    ago_words: frozenset[str]
    event_relative: frozenset[str]
    window_openers: frozenset[Phrase]
    vague_counts: frozenset[Phrase]
    relative_to_event: frozenset[Phrase]
    future_aux: frozenset[str]
    past_aux: frozenset[str]
    reporting_verbs: frozenset[str]


def _phrase_set(items: list[str]) -> frozenset[Phrase]:
    return frozenset(tuple(s.split()) for s in items)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    raw = load_json("sitrep.nlp", "dates_lexicon.json")
    return _Lexicon(
        months=dict(raw["months"]),
        ambiguous_months=frozenset(raw["ambiguous_months"]),
        month_context=frozenset(raw["month_context_words"]),
        weekdays=dict(raw["weekdays"]),
        day_parts=frozenset(raw["day_parts"]),
        day_words=dict(raw["day_words"]),
        this_day_parts={tuple(k.split()): v for k, v in raw["this_day_parts"].items()},
        period_units=dict(raw["period_units"]),
        deictics={tuple(k.split()): v for k, v in raw["deictics"].items()},
        within_period=frozenset(raw["within_period"]),
        period_edges=_phrase_set(raw["period_edges"]),
        year_modifiers=frozenset(raw["year_modifiers"]),
        year_prepositions=frozenset(raw["year_prepositions"]),
        seasons={k: (v[0], v[1]) for k, v in raw["seasons"].items()},
        time_units=dict(raw["time_units"]),
        not_year_before=frozenset(raw["not_year_before"]),
        not_year_after=frozenset(raw["not_year_after"]),
        count_openers=frozenset(raw["count_openers"]),
        ago_words=frozenset(raw["ago_words"]),
        event_relative=frozenset(raw["event_relative_words"]),
        window_openers=_phrase_set(raw["vague_window_openers"]),
        vague_counts=_phrase_set(raw["vague_counts"]),
        relative_to_event=_phrase_set(raw["relative_to_event"]),
        future_aux=frozenset(raw["future_auxiliaries"]),
        past_aux=frozenset(raw["past_auxiliaries"]),
        reporting_verbs=frozenset(raw["reporting_verbs"]),
    )


# ---------------------------------------------------------------- values


def parse_published(published: str | None) -> date | None:
    """The publication day of an ISO 8601 date or datetime string; None if absent or unreadable."""
    if not published:
        return None
    text = published.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _day_value(d: date) -> str:
    return d.isoformat()


def _iso_week(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def _iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class _Found:
    start: int  # token index
    end: int  # token index, exclusive
    value: str | None
    precision: str | None


# ---------------------------------------------------------------- tense


def _tense(tok: Token) -> str | None:
    """ "past", "future", "present" or None for the clause governing ``tok``.

    "future" is a marked future (will, would, going to, is expected to); "present" is a bare
    present tense, which with a date usually states a schedule ("NATO leaders meet next
    week") and is read as a weak future (see ``_year_for``).

    Climbs the dependency tree from the date to the first verb whose form settles the time:
    a finite verb or one with auxiliaries. Participles and infinitives without their own
    auxiliary ("those joining Saturday's call included ...", "are expected to conclude on
    Tuesday") hand over to the verb that governs them. "since" on the way means the past."""
    node = tok
    fallback: str | None = None
    for _ in range(12):
        if node.lower_ == "since" and node.dep_ in ("prep", "mark"):
            return "past"
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("amod", "compound"):
            verdict = _verb_tense(node)
            if verdict is not None:
                return verdict
            if fallback is None and node.tag_ == "VBN":
                fallback = "past"  # a bare past participle reports: "fighting flared in May"
        if node.head.i == node.i:
            break
        node = node.head
    return fallback


#: Days back from publication within which a present-tense year-less date stays in this year.
_PRESENT_TENSE_LOOKBACK = 62
_PRESENT_AUX = frozenset({"is", "are", "am", "'s", "'re", "’s", "’re", "be", "does", "do"})


def _verb_tense(verb: Token) -> str | None:
    """The time one verb's own form gives, or None when it has no finite form of its own."""
    lex = _lexicon()
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxes & lex.future_aux or "going" in auxes:
        return "future"
    if verb.tag_ == "VBD" or auxes & lex.past_aux:
        return "past"
    if auxes & _PRESENT_AUX or verb.tag_ in ("VBZ", "VBP"):
        if verb.lemma_.lower() in lex.reporting_verbs and not auxes:
            return "past"  # the reporting present: "Johnson tells MSNBC on Friday that ..."
        # Otherwise a schedule: "NATO leaders meet next week", "the vote is planned for May".
        return "present"
    return None  # a participle or an infinitive: its governor decides


def _resolve_weekday(base: date, weekday: int, direction: str | None, inclusive: bool) -> date:
    if direction in ("future", "present"):
        delta = (weekday - base.weekday()) % 7
        if delta == 0 and not inclusive:
            delta = 7
        return base + timedelta(days=delta)
    delta = (base.weekday() - weekday) % 7
    if delta == 0 and not inclusive:
        delta = 7
    return base - timedelta(days=delta)


def _year_for(base: date, month: int, day: int | None, tense: str | None) -> int:
    """The year of a year-less "April 30" / "in August": the publication year, moved back for
    a past event that would lie after publication, forward for a future one before it."""
    year = base.year
    candidate = (month, day or 1)
    here = (base.month, base.day if day else 1)
    if tense == "past" and candidate > here:
        return year - 1
    if tense == "future" and candidate < here:
        return year + 1
    if tense == "present" and (base - date(year, month, 1)).days > _PRESENT_TENSE_LOOKBACK:
        # A bare present is a weak future: "the law takes effect on January 1" is next year,
        # but a dateline "Sept. 28 (UPI) — ... sings" three weeks back is this year.
        return year + 1
    return year


# ---------------------------------------------------------------- grammar


class _Scanner:
    """The date grammar over one Doc; each ``_m_*`` method matches at a token index."""

    def __init__(self, doc: Doc, base: date | None) -> None:
        self.doc = doc
        self.base = base
        self.n = len(doc)
        self.lex = _lexicon()
        self.words = [t.lower_ for t in doc]  # token attribute access is slow in a hot loop

    # --- small readers

    def low(self, i: int) -> str:
        return self.words[i] if 0 <= i < self.n else ""

    def phrase_at(self, i: int, table: frozenset[Phrase] | dict[Phrase, Any]) -> int:
        """End of the longest phrase of ``table`` starting at ``i``, or ``i``."""
        words = self.words
        if i >= self.n or words[i] not in _first_words(id(table), table):
            return i
        for size in range(min(5, self.n - i), 0, -1):
            if tuple(words[i : i + size]) in table:
                return i + size
        return i

    def month_at(self, i: int) -> int | None:
        if i >= self.n:
            return None
        tok = self.doc[i]
        month = self.lex.months.get(tok.lower_)
        if month is None or not tok.text[:1].isupper():
            return None
        if tok.lower_ in self.lex.ambiguous_months:
            # "May" and "March" are also verbs: want a date shape around them.
            nxt = self.doc[i + 1].text if i + 1 < self.n else ""
            if not (
                _DAY.match(nxt)
                or _YEAR.match(nxt)
                or _DAY_RANGE.match(nxt)
                or self.low(i - 1) in self.lex.month_context
            ):
                return None
        return month

    def day_at(self, i: int) -> int | None:
        if i >= self.n:
            return None
        m = _DAY.match(self.doc[i].text) or _DAY_RANGE.match(self.doc[i].text)
        if m is None:
            return None
        day = int(m.group(1))
        return day if 1 <= day <= 31 else None

    def year_at(self, i: int) -> int | None:
        if i >= self.n:
            return None
        m = _YEAR.match(self.doc[i].text)
        return int(m.group(1)) if m else None

    # --- explicit dates

    def _m_month(self, i: int) -> _Found | None:
        month = self.month_at(i)
        if month is None:
            return None
        j = i + 1
        day = self.day_at(j)
        if day is not None:
            j += 1
            if (
                self.low(j) in _LINKS
                and self.day_at(j + 1) is not None
                and self.year_at(j + 1) is None
            ):
                j += 2  # "March 20-21": the record keeps the first day
        year = None
        if self.low(j) == "," and self.year_at(j + 1) is not None:
            year, j = self.year_at(j + 1), j + 2
        elif self.year_at(j) is not None:
            year, j = self.year_at(j), j + 1
        elif day is None and self.low(j) == "of" and self.year_at(j + 1) is not None:
            year, j = self.year_at(j + 1), j + 2
        return self._explicit(i, j, year, month, day, self.doc[i])

    def _m_day_month(self, i: int) -> _Found | None:
        day = self.day_at(i)
        if day is None or _DAY_RANGE.match(self.doc[i].text):
            return None
        j = i + 1
        if self.low(j) == "of":
            j += 1
        month = self.month_at(j)
        if month is None:
            return None
        j += 1
        year = None
        if self.year_at(j) is not None:
            year, j = self.year_at(j), j + 1
        elif self.low(j) == "," and self.year_at(j + 1) is not None:
            year, j = self.year_at(j + 1), j + 2
        return self._explicit(i, j, year, month, day, self.doc[i])

    def _explicit(
        self, i: int, j: int, year: int | None, month: int, day: int | None, anchor: Token
    ) -> _Found | None:
        if year is None:
            if self.base is None:
                return _Found(i, j, None, "day" if day else "month")
            year = _year_for(self.base, month, day, _tense(anchor))
        if day is None:
            return _Found(i, j, _iso_month(year, month), "month")
        d = _safe_date(year, month, day)
        if d is None:
            return None  # "February 30": not a date
        return _Found(i, j, _day_value(d), "day")

    def _m_iso(self, i: int) -> _Found | None:
        # "2025-09-11" tokenizes as 2025 - 09 - 11.
        if i + 4 >= self.n or self.year_at(i) is None:
            return None
        doc = self.doc
        texts = [doc[k].text for k in range(i, i + 5)]
        glued = all(doc[k].whitespace_ == "" for k in range(i, i + 4))
        if not glued or texts[1] != "-" or texts[3] != "-":
            return None
        if not (texts[2].isdigit() and texts[4].isdigit()):
            return None
        d = _safe_date(int(texts[0]), int(texts[2]), int(texts[4]))
        return _Found(i, i + 5, _day_value(d), "day") if d else None

    def _m_year(self, i: int) -> _Found | None:
        tok = self.doc[i]
        m = _MOD_YEAR.match(tok.text)
        if m:
            return _Found(i, i + 1, m.group(2), "year")
        m = _DECADE.match(tok.text)
        if m:
            start = i - 1 if self.low(i - 1) == "the" else i
            return _Found(start, i + 1, f"{m.group(1)}0", "decade")
        m = _YEAR_SPAN.match(tok.text)
        year = int(m.group(1)) if m else self.year_at(i)
        if year is None:
            return None
        prev = self.low(i - 1)
        if prev in self.lex.not_year_before or self.low(i + 1) in self.lex.not_year_after:
            return None  # "$2025", "Resolution 2000", "2000 troops", "1990 percent"
        in_date = tok.ent_type_ == "DATE"
        anchored = prev in self.lex.year_prepositions | self.lex.year_modifiers or (
            tok.dep_ == "pobj" and tok.head.lower_ in self.lex.year_prepositions
        )
        if not in_date and not anchored:
            return None
        determined = i > 0 and self.doc[i - 1].pos_ in ("DET", "PRON")
        counts = tok.dep_ == "nummod" and tok.head.tag_ == "NNS" and tok.head.i > i
        if counts and not determined and (not in_date or self.low(i + 1) in self.lex.count_openers):
            # "for 2000 more shells" counts; "the 2022 elections", "below 2005 levels" are
            # years (the recognizer's DATE label decides between the two readings).
            return None
        end = i + 1
        if (
            not m
            and self.low(end) in ("-", "–", "/")
            and end + 1 < self.n
            and re.match(r"^\d\d$", self.doc[end + 1].text)
            and self.doc[end - 1].whitespace_ == ""
        ):
            end += 2  # "2025-26": the first year
        return _Found(i, end, f"{year:04d}", "year")

    # --- weekdays and days

    def _m_weekday(self, i: int) -> _Found | None:
        start = i
        mod = None
        j = self.phrase_at(i, self.lex.deictics)
        if j > i:
            mod = self.lex.deictics[tuple(self.low(k) for k in range(i, j))]
        weekday = self.lex.weekdays.get(self.low(j))
        if weekday is None or not self.doc[j].text[:1].isupper():
            return None
        end = j + 1
        if self.low(end) in self.lex.day_parts:
            end += 1
        if self.base is None:
            return _Found(start, end, None, "day")
        if mod == -1:
            d = _resolve_weekday(self.base, weekday, "past", inclusive=False)
        elif mod == 1:
            d = _resolve_weekday(self.base, weekday, "future", inclusive=False)
        else:
            tense = _tense(self.doc[j])
            if tense == "present" and self.low(end) in ("'s", "’s"):
                tense = "past"  # "the fallout from Monday's debate is ...": a named event
            d = _resolve_weekday(self.base, weekday, tense, inclusive=True)
        return _Found(start, end, _day_value(d), "day")

    def _m_day_word(self, i: int) -> _Found | None:
        j = self.phrase_at(i, self.lex.this_day_parts)
        if j > i:
            offset = self.lex.this_day_parts[tuple(self.low(k) for k in range(i, j))]
        elif self.low(i) in self.lex.day_words:
            offset = self.lex.day_words[self.low(i)]
            j = i + 1
            if self.low(j) in self.lex.day_parts:
                j += 1
        else:
            return None
        if self.base is None:
            return _Found(i, j, None, "day")
        return _Found(i, j, _day_value(self.base + timedelta(days=offset)), "day")

    # --- calendar periods relative to publication

    def _period(self, unit: str, offset: int, anchor: Token) -> tuple[str, str] | None:
        base = self.base
        if base is None:
            return None
        if unit == "week":
            return _iso_week(base + timedelta(weeks=offset)), "week"
        if unit == "month":
            y, m = _add_months(base.year, base.month, offset)
            return _iso_month(y, m), "month"
        if unit == "year":
            return f"{base.year + offset:04d}", "year"
        if unit == "weekend":
            direction = "past" if offset < 0 else "future" if offset > 0 else _tense(anchor)
            saturday = _resolve_weekday(base, 5, direction or "past", inclusive=offset == 0)
            return _iso_week(saturday), "week"
        return None

    def _m_deictic(self, i: int) -> _Found | None:
        lex = self.lex
        start = i
        j = i
        if self.low(j) in lex.within_period and self.low(j + 1) == "this":
            j += 1  # "earlier this month": this month
        k = self.phrase_at(j, lex.deictics)
        if k == j:
            return None
        offset = lex.deictics[tuple(self.low(t) for t in range(j, k))]
        word = self.low(k)
        if self.low(i - 1) == "the" and offset != 0:
            return None  # "the last week" is a window, read by _m_window
        unit = lex.period_units.get(word)
        if unit is not None:
            found = self._period(unit, offset, self.doc[k])
            if found is None:
                return _Found(start, k + 1, None, None if unit == "weekend" else unit)
            return _Found(start, k + 1, found[0], found[1])
        month = self.month_at(k)
        if month is not None and self.base is not None:
            year = self.base.year
            if offset == -1 and month >= self.base.month:
                year -= 1
            elif offset == 1 and month <= self.base.month:
                year += 1
            return _Found(start, k + 1, _iso_month(year, month), "month")
        if word in lex.seasons:
            return self._season(start, k + 1, word, offset)
        return None

    def _season(self, start: int, end: int, season: str, offset: int) -> _Found:
        if self.base is None:
            return _Found(start, end, None, "year")
        first, last = self.lex.seasons[season]
        year = self.base.year
        if offset == -1:
            ended = last < first or self.base.month > last
            year = year if ended and last >= first else year - 1
        elif offset == 1 and self.base.month >= first:
            year += 1
        return _Found(start, end, f"{year:04d}", "year")

    def _m_weekend(self, i: int) -> _Found | None:
        # "over the weekend", "at the weekend": the weekend nearest in the clause's tense.
        if self.low(i) != "the" or self.low(i + 1) != "weekend":
            return None
        if self.low(i - 1) not in ("over", "at", "during", "on", "this"):
            return None
        found = self._period("weekend", 0, self.doc[i + 1])
        return _Found(i, i + 2, found[0] if found else None, "week" if found else None)

    # --- offsets and windows

    def _count_then_unit(self, i: int) -> tuple[float | None, int, str] | None:
        """``N unit`` / ``a unit`` / ``several units`` at ``i``: (count or None, end, unit)."""
        lex = self.lex
        count: float | None
        if i >= self.n:
            return None
        if self.low(i) in ("a", "an") and self.low(i + 1) in lex.time_units:
            count, j = 1.0, i + 1
        else:
            j = self.phrase_at(i, lex.vague_counts)
            if j > i:
                count = None
                if self.low(j) == "of":
                    j += 1
            else:
                num = read_numeral(self.doc, i) if self.doc[i].like_num else None
                if num is None:
                    return None
                count, j = num.value, num.end
        unit = lex.time_units.get(self.low(j))
        if unit is None:
            return None
        return count, j + 1, unit

    def _m_offset(self, i: int) -> _Found | None:
        """ "three years ago" (resolved) and "two days before" (relative to an event: None)."""
        read = self._count_then_unit(i)
        if read is None and self.low(i) in self.lex.time_units:
            read = (None, i + 1, self.lex.time_units[self.low(i)])  # "weeks ago"
        if read is None:
            return None
        count, j, unit = read
        word = self.low(j)
        if word in self.lex.event_relative:
            return _Found(i, j + 1, None, None)
        sign = -1
        end = j + 1
        if word not in self.lex.ago_words:
            # "will meet again in two weeks": a future offset; "done in two weeks" is a span.
            if self.low(i - 1) != "in" or count is None or _tense(self.doc[i]) != "future":
                return None
            sign, end = 1, j
        if count is None or self.base is None or count != int(count):
            return _Found(i, end, None, None)
        return self._offset(i, end, sign * int(count), unit)

    def _offset(self, i: int, end: int, k: int, unit: str) -> _Found:
        """The period ``k`` units after (negative: before) publication, at the unit's precision."""
        assert self.base is not None
        base = self.base
        j = end - 1
        if unit in ("day", "hour"):
            days = k if unit == "day" else int(k / 24)
            return _Found(i, j + 1, _day_value(base + timedelta(days=days)), "day")
        if unit in ("week", "fortnight"):
            weeks = k if unit == "week" else 2 * k
            return _Found(i, j + 1, _iso_week(base + timedelta(weeks=weeks)), "week")
        if unit == "month":
            y, m = _add_months(base.year, base.month, k)
            return _Found(i, j + 1, _iso_month(y, m), "month")
        years = k * 10 if unit == "decade" else k
        return _Found(i, j + 1, f"{base.year + years:04d}", "year")

    def _m_window(self, i: int) -> _Found | None:
        """ "in recent months", "the last 48 hours", "the coming weeks": kept, unresolved."""
        lex = self.lex
        j = self.phrase_at(i, lex.window_openers)
        if j == i:
            return None
        read = self._count_then_unit(j)
        if read is not None:
            return _Found(i, read[1], None, None)
        if self.low(j) in lex.time_units and self.low(j) != "weekend":
            return _Found(i, j + 1, None, None)
        return None

    def _m_event_relative(self, i: int) -> _Found | None:
        j = self.phrase_at(i, self.lex.relative_to_event)
        return _Found(i, j, None, None) if j > i else None

    # --- driver

    def _core(self, i: int) -> _Found | None:
        for matcher in (
            self._m_iso,
            self._m_month,
            self._m_day_month,
            self._m_year,
            self._m_weekday,
            self._m_day_word,
            self._m_deictic,
            self._m_weekend,
            self._m_event_relative,
            self._m_window,
            self._m_offset,
        ):
            found = matcher(i)
            if found is not None:
                return found
        return None

    def match_at(self, i: int) -> _Found | None:
        lex = self.lex
        # "the end of 2025", "early March", "mid-April": the edge widens the span, not the value.
        j = self.phrase_at(i, lex.period_edges)
        if j == i and self.low(i) in lex.year_modifiers:
            j = i + 1
            if self.low(j) == "-":
                j += 1
        if j > i and self.low(j) == "the" and self.low(j + 1) in ("year", "month", "week"):
            # "by the end of the year": the current one, as news writes it.
            found = self._period(self.low(j + 1), 0, self.doc[j + 1])
            if found is not None:
                return _Found(i, j + 2, found[0], found[1])
            return _Found(i, j + 2, None, self.low(j + 1))
        if j > i and j < self.n:
            inner = self._core(j)
            if inner is not None and inner.precision in ("month", "year", "decade"):
                return _Found(i, inner.end, inner.value, inner.precision)
            season = self.low(j - 1)
            if season in lex.seasons and self.year_at(j) is not None:
                return _Found(i, j + 1, f"{self.year_at(j):04d}", "year")
        return self._core(i)


_NAME_LABELS = frozenset({"ORG", "WORK_OF_ART", "PRODUCT", "FAC", "LAW", "PERSON", "NORP"})
_FIRST_WORDS: dict[int, frozenset[str]] = {}


def _first_words(key: int, table: frozenset[Phrase] | dict[Phrase, Any]) -> frozenset[str]:
    """First words of a phrase table (tables live as long as the cached lexicon)."""
    found = _FIRST_WORDS.get(key)
    if found is None:
        found = _FIRST_WORDS[key] = frozenset(p[0] for p in table)
    return found


@lru_cache(maxsize=1)
def _trigger_words() -> frozenset[str]:
    """Every word a date expression can start with: a cheap filter before the grammar runs."""
    lex = _lexicon()
    words: set[str] = set()
    words.update(lex.months, lex.weekdays, lex.day_words, lex.within_period)
    words.update(lex.year_modifiers, lex.time_units, lex.seasons)
    for table in (
        lex.deictics,
        lex.this_day_parts,
        lex.window_openers,
        lex.vague_counts,
        lex.period_edges,
        lex.relative_to_event,
    ):
        words.update(p[0] for p in table)
    words.update(("a", "an"))
    return frozenset(words)


def _is_trigger(tok: Token, word: str) -> bool:
    return (
        word in _trigger_words()
        or tok.text[:1].isdigit()
        or tok.like_num
        or _MOD_YEAR.match(tok.text) is not None
        or _DECADE.match(tok.text) is not None
    )


# ---------------------------------------------------------------- dateparser fallback


@lru_cache(maxsize=512)
def _dateparser_value(text: str, base: date | None, prefer: str) -> tuple[str, str] | None:
    """ISO value and precision dateparser reads in ``text``; cached: articles repeat dates."""
    import dateparser  # imported lazily: it costs about a second and is rarely needed

    settings: dict[str, Any] = {
        "PREFER_DATES_FROM": prefer,
        "RETURN_TIME_AS_PERIOD": True,
        "PREFER_DAY_OF_MONTH": "first",
    }
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    else:
        # No publication date: only text that writes its year resolves; dateparser would
        # otherwise fill the gaps from today's date. (STRICT_PARSING, which demands day, month
        # and year, would also drop "June 2025"; the grammar has read those already.)
        settings["REQUIRE_PARTS"] = ["year"]
    parser = dateparser.date.DateDataParser(languages=["en"], settings=settings)
    data = parser.get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    period = data.period or "day"
    if period == "year":
        return f"{d.year:04d}", "year"
    if period == "month":
        return _iso_month(d.year, d.month), "month"
    if period == "week":
        return _iso_week(d), "week"
    return _day_value(d), "day"


def _fallback(doc: Doc, start: int, end: int, base: date | None) -> _Found | None:
    text = doc[start:end].text
    if not _HAS_MONTH_OR_YEAR.search(text):
        return None  # "45 years", "the early days": durations and vague phrases
    if _YEAR.match(text.strip()):
        return None  # a lone number the grammar already judged ("for 2000 more shells")
    tense = _tense(doc[start])
    prefer = "future" if tense == "future" else "past" if tense == "past" else "current_period"
    try:
        read = _dateparser_value(text, base, prefer)
    except Exception:  # noqa: BLE001  # dateparser raises many types on odd input; skip it
        return None
    if read is None:
        return None
    return _Found(start, end, read[0], read[1])


# ---------------------------------------------------------------- entry point


def _strip(doc: Doc, found: _Found) -> _Found:
    start, end = found.start, found.end
    while end > start + 1 and doc[end - 1].is_punct:
        end -= 1
    return _Found(start, end, found.value, found.precision)


def find_dates(doc: Doc, published: str | None) -> list[tuple[int, int, str | None, str | None]]:
    """Token spans ``(start, end, value, precision)`` of every date expression in ``doc``."""
    base = parse_published(published)
    scanner = _Scanner(doc, base)
    found: list[_Found] = []
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        # Words inside names are not dates: "The Sunday Times", "the March Hare".
        in_name = tok.ent_type_ in _NAME_LABELS
        hit = scanner.match_at(i) if not in_name and _is_trigger(tok, scanner.words[i]) else None
        if hit is None:
            i += 1
            continue
        found.append(_strip(doc, hit))
        i = max(hit.end, i + 1)
    covered = {k for f in found for k in range(f.start, f.end)}
    for ent in doc.ents:
        if ent.label_ != "DATE" or any(k in covered for k in range(ent.start, ent.end)):
            continue
        hit = _fallback(doc, ent.start, ent.end, base)
        if hit is not None:
            found.append(hit)
    found.sort(key=lambda f: f.start)
    return [(f.start, f.end, f.value, f.precision) for f in found]


def extract_dates(doc: Doc, article_id: str, published: str | None) -> Iterator[DateRecord]:
    """Yield a ``DateRecord`` for every date expression in ``doc``, resolved against
    ``published`` (ISO 8601 date or datetime; None leaves relative expressions unresolved)."""
    for start, end, value, precision in find_dates(doc, published):
        # doc.text joins every token on each access; the span's own text is cheap.
        span = doc[start:end]
        start_char, end_char = span.start_char, span.end_char
        yield DateRecord(
            id=stable_id("date", article_id, start_char, end_char),
            article=article_id,
            span=(start_char, end_char),
            text=span.text,
            value=value,
            precision=precision,
        )


__all__ = ["extract_dates", "find_dates", "parse_published"]
