"""Date lexicon: the word lists of English date expressions, from ``data/dates_lexicon.json``.

Loaded once and shared: the date grammar (``sitrep.nlp.date_grammar``), the tense reader
(``sitrep.nlp.tense``) and the trigger filter of ``sitrep.nlp.dates`` all read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sitrep.datafiles import load_json

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
