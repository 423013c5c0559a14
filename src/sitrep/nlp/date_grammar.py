"""Date grammar: the English date expressions ``sitrep.nlp.dates`` recognises, token by token.

``_Scanner`` holds one Doc and, at a token, tries one matcher per expression shape: ISO dates,
"June 4, 2025" and "4 June", years and decades, weekdays, "yesterday", calendar periods
relative to publication ("last week"), weekends, offsets ("three years ago", "two days
before"), windows ("in recent months"); the first that matches wins, in the order ``_core``
fixes. A period edge ("the end of", "early", "mid-") widens a match, not its value. Values are
ISO 8601 strings at the precision the text allows, made here; which way a weekday or a
year-less date points is the tense's decision (``sitrep.nlp.tense``). The words come from the
date lexicon (``sitrep.nlp.date_lexicon``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from spacy.tokens import Doc, Token

from sitrep.nlp.date_lexicon import Phrase, _lexicon
from sitrep.nlp.numbers import read_numeral
from sitrep.nlp.tense import _resolve_weekday, _tense, _year_for

_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$", re.IGNORECASE)
_DAY_RANGE = re.compile(r"^(\d{1,2})[-–](\d{1,2})$")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d|2100)$")
_YEAR_SPAN = re.compile(r"^(1[89]\d\d|20\d\d)[-–/](\d\d|\d{4})$")
_MOD_YEAR = re.compile(r"^(mid|early|late)-(1[89]\d\d|20\d\d)$", re.IGNORECASE)
_DECADE = re.compile(r"^(?:(?:mid|early|late)-)?(1[89]\d|20\d)0s$", re.IGNORECASE)
_LINKS = frozenset({"-", "–", "—", "to", "and", "through", "until"})


# ---------------------------------------------------------------- values


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


_FIRST_WORDS: dict[int, frozenset[str]] = {}


def _first_words(key: int, table: frozenset[Phrase] | dict[Phrase, Any]) -> frozenset[str]:
    """First words of a phrase table (tables live as long as the cached lexicon)."""
    found = _FIRST_WORDS.get(key)
    if found is None:
        found = _FIRST_WORDS[key] = frozenset(p[0] for p in table)
    return found
