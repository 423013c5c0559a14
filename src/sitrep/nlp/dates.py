"""Dates: explicit and relative date expressions, resolved against the publication date.

``extract_dates`` scans the tokens of a spaCy ``Doc`` with a small grammar of English date
expressions (``sitrep.nlp.date_grammar``, word lists in ``data/dates_lexicon.json``): "June 4,
2025", "March 20-21", "in February 2022", "by 2035", "the 1990s", "on Thursday", "Saturday
morning", "yesterday", "last week", "earlier this month", "three years ago", "in recent
months". Each match becomes a ``DateRecord`` whose ``value`` is ISO 8601 at the precision the
text allows (``2025-09-11``, ``2025-W37``, ``2025-09``, ``2025``) and ``precision`` says which
(day, week, month, year, decade).

Why our own grammar first and dateparser second: news text leaves the year and week implicit
and leans on tense ("on Thursday" is last Thursday in "Russia launched ... on Thursday" and
next Thursday in "ministers will meet on Thursday"), which dateparser cannot see. So:

- A weekday, or a month without a year, is read by the tense of the clause that governs it
  (``sitrep.nlp.tense`` says how).
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
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Token

from sitrep.nlp.date_grammar import (
    _DECADE,
    _MOD_YEAR,
    _YEAR,
    _day_value,
    _Found,
    _iso_month,
    _iso_week,
    _Scanner,
)
from sitrep.nlp.date_lexicon import _lexicon
from sitrep.nlp.tense import _tense
from sitrep.records import DateRecord, stable_id

_HAS_MONTH_OR_YEAR = re.compile(
    r"\b(1[89]\d\d|20\d\d)\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
    re.IGNORECASE,
)
_NAME_LABELS = frozenset({"ORG", "WORK_OF_ART", "PRODUCT", "FAC", "LAW", "PERSON", "NORP"})


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
