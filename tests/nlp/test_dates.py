"""Dates: resolution rules (no model), tense on hand-built Docs, exact tables and a floor.

Sentences are the project's own. The publication date of most rows is Friday 2025-09-12, so
weekday arithmetic is easy to check by eye: Wed 10, Thu 11, Fri 12, Sat 13, Tue 16, Thu 18.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from sitrep.nlp.dates import extract_dates, find_dates, parse_published
from sitrep.nlp.tense import _resolve_weekday, _tense, _year_for
from sitrep.records import stable_id

PUB = "2025-09-12"  # a Friday


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    from sitrep.nlp.pipeline import load_model

    yield load_model()


# ---------------------------------------------------------------- rules (no model)


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2025-09-12", date(2025, 9, 12)),
        ("2025-09-12T23:10:00Z", date(2025, 9, 12)),
        ("2025-09-12T08:00:00+02:00", date(2025, 9, 12)),
        ("", None),
        (None, None),
        ("last Friday", None),
    ],
)
def test_parse_published(published: str | None, expected: date | None) -> None:
    assert parse_published(published) == expected


def test_resolve_weekday() -> None:
    friday = date(2025, 9, 12)
    assert _resolve_weekday(friday, 3, "past", inclusive=True) == date(2025, 9, 11)
    assert _resolve_weekday(friday, 3, "future", inclusive=True) == date(2025, 9, 18)
    assert _resolve_weekday(friday, 4, "past", inclusive=True) == friday
    assert _resolve_weekday(friday, 4, "past", inclusive=False) == date(2025, 9, 5)
    assert _resolve_weekday(friday, 4, "future", inclusive=False) == date(2025, 9, 19)


def test_year_for_a_yearless_date() -> None:
    base = date(2025, 2, 10)
    assert _year_for(base, 12, 3, "past") == 2024
    assert _year_for(base, 12, 3, None) == 2025
    assert _year_for(base, 1, None, "future") == 2026
    assert _year_for(base, 1, None, "past") == 2025


def _hand_doc(words: list[str], heads: list[int], deps: list[str], tags: list[str]) -> Doc:
    pos = {"MD": "AUX", "VB": "VERB", "VBD": "VERB", "VBZ": "VERB", "NNP": "PROPN", "IN": "ADP"}
    vocab = spacy.blank("en").vocab
    return Doc(
        vocab,
        words=words,
        heads=heads,
        deps=deps,
        tags=tags,
        pos=[pos.get(t, "NOUN") for t in tags],
    )


def test_tense_reads_future_auxiliary() -> None:
    doc = _hand_doc(
        ["Ministers", "will", "meet", "on", "Thursday"],
        [2, 2, 2, 2, 3],
        ["nsubj", "aux", "ROOT", "prep", "pobj"],
        ["NNS", "MD", "VB", "IN", "NNP"],
    )
    assert _tense(doc[4]) == "future"


def test_tense_reads_past_verb() -> None:
    doc = _hand_doc(
        ["Russia", "attacked", "on", "Thursday"],
        [1, 1, 1, 2],
        ["nsubj", "ROOT", "prep", "pobj"],
        ["NNP", "VBD", "IN", "NNP"],
    )
    assert _tense(doc[3]) == "past"


# ---------------------------------------------------------------- exact tables (model)

EXACT: list[tuple[str, str | None, list[tuple[str, str | None, str | None]]]] = [
    ("Drones entered Polish airspace last week.", PUB, [("last week", "2025-W36", "week")]),
    ("The envoy visited Kyiv last month.", PUB, [("last month", "2025-08", "month")]),
    ("Russia launched 40 missiles on Thursday.", PUB, [("Thursday", "2025-09-11", "day")]),
    ("Ministers will meet on Thursday.", PUB, [("Thursday", "2025-09-18", "day")]),
    (
        "The drills are expected to end on Tuesday.",
        PUB,
        [("Tuesday", "2025-09-16", "day")],
    ),
    ("Troops crossed the border in February 2022.", PUB, [("February 2022", "2022-02", "month")]),
    ("Leaders gathered for talks on March 20-21.", PUB, [("March 20-21", "2025-03-20", "day")]),
    ("Allies pledged to reach the goal by 2035.", PUB, [("2035", "2035", "year")]),
    ("The memo was dated April 30.", PUB, [("April 30", "2025-04-30", "day")]),
    ("The treaty was signed on June 4, 2025.", None, [("June 4, 2025", "2025-06-04", "day")]),
    ("The minister resigned yesterday.", PUB, [("yesterday", "2025-09-11", "day")]),
    ("Strikes intensified in recent months.", PUB, [("recent months", None, None)]),
    ("Officials met Saturday morning in Rome.", PUB, [("Saturday morning", "2025-09-06", "day")]),
    ("The base was built in the 1990s.", PUB, [("the 1990s", "1990", "decade")]),
    ("The minister resigned yesterday.", None, [("yesterday", None, "day")]),
    ("The pact was signed three years ago.", PUB, [("three years ago", "2022", "year")]),
    # Regressions: a weekday in a name, "since" marks the past, a named past event.
    (
        "The visit is expected in September, The Sunday Times reported.",
        PUB,
        [("September", "2025-09", "month")],
    ),
    (
        "She has led the agency since returning to office in January.",
        PUB,
        [("January", "2025-01", "month")],
    ),
    (
        "The fallout from Monday night's debate is still felt.",
        PUB,
        [("Monday night", "2025-09-08", "day")],
    ),
    ("The base was built in the mid-1990s.", PUB, [("the mid-1990s", "1990", "decade")]),
]


@pytest.mark.parametrize(("text", "published", "expected"), EXACT, ids=[t for t, _, _ in EXACT])
def test_exact(
    nlp: Language,
    text: str,
    published: str | None,
    expected: list[tuple[str, str | None, str | None]],
) -> None:
    got = [(d.text, d.value, d.precision) for d in extract_dates(nlp(text), "art", published)]
    assert got == expected


NOTHING = [
    "He served in the army for 45 years.",
    "The loans carry a 10-year grace period.",
    "The 45-year-old pilot survived the crash.",
    "Kyiv asked for 2000 more shells and 300 drones.",
    "May I ask what the general will march on?",
]


@pytest.mark.parametrize("text", NOTHING)
def test_extracts_nothing(nlp: Language, text: str) -> None:
    assert list(extract_dates(nlp(text), "art", PUB)) == []


def test_span_and_id_match_text(nlp: Language) -> None:
    doc = nlp("On Monday the council met, and it will vote next week.")
    records = list(extract_dates(doc, "art", PUB))
    assert [r.text for r in records] == ["Monday", "next week"]
    for r in records:
        assert doc.text[r.span[0] : r.span[1]] == r.text
        assert r.id == stable_id("date", "art", r.span[0], r.span[1])


def test_no_publication_date_never_uses_the_clock(nlp: Language) -> None:
    doc = nlp("The talks failed on Thursday and resume next month.")
    assert [v for _, _, v, _ in find_dates(doc, None)] == [None, None]


# ---------------------------------------------------------------- accuracy floor (model)

#: (sentence, published, expected value of the one date expression in it)
ANNOTATED: list[tuple[str, str, str | None]] = [
    ("The general was dismissed on Monday.", "2025-03-14", "2025-03-10"),
    ("Parliament will vote on Wednesday.", "2025-03-14", "2025-03-19"),
    ("The strike hit a depot earlier this week.", "2025-03-14", "2025-W11"),
    ("Exports collapsed last year.", "2025-03-14", "2024"),
    ("A new package is due next month.", "2025-03-14", "2025-04"),
    ("The talks collapsed in January.", "2025-03-14", "2025-01"),
    ("The summit is planned for October.", "2025-03-14", "2025-10"),
    ("Shelling resumed in December.", "2025-03-14", "2024-12"),
    ("The ship sank on Nov. 3, 2023.", "2025-03-14", "2023-11-03"),
    ("The army withdrew in 2019.", "2025-03-14", "2019"),
    ("Troops pulled back two weeks ago.", "2025-03-14", "2025-W09"),
    ("The deal expires at the end of 2026.", "2025-03-14", "2026"),
    ("Negotiators met again today.", "2025-03-14", "2025-03-14"),
    ("The envoy arrives tomorrow.", "2025-03-14", "2025-03-15"),
    ("Attacks rose in the last 48 hours.", "2025-03-14", None),
    ("The ministers talked by phone last Friday.", "2025-03-14", "2025-03-07"),
    ("The drills began on 5 March.", "2025-03-14", "2025-03-05"),
    ("Elections are scheduled for mid-2026.", "2025-03-14", "2026"),
    ("The embassy reopened this month.", "2025-03-14", "2025-03"),
    ("Fighting eased over the weekend.", "2025-03-14", "2025-W10"),
]


def test_accuracy_floor(nlp: Language) -> None:
    exact = 0
    for text, published, value in ANNOTATED:
        got = [d.value for d in extract_dates(nlp(text), "art", published)]
        exact += got == [value]
    assert exact / len(ANNOTATED) >= 0.85, exact


# ---------------------------------------------------------------- robustness (tokenizer only)

_WORDS = [
    "the",
    "a",
    "two",
    "days",
    "ago",
    "last",
    "next",
    "this",
    "week",
    "month",
    "year",
    "Monday",
    "March",
    "May",
    "June",
    "4",
    "20",
    "2025",
    "1990s",
    "mid-2026",
    "Sept.",
    ",",
    "of",
    "recent",
    "months",
    "end",
    "early",
    "late",
    "weekend",
    "over",
    "in",
    "'s",
    "tonight",
    "yesterday",
    "night",
    "morning",
    "-",
    "to",
    "and",
    "Feb",
    "31",
    "since",
]
_BLANK = spacy.blank("en")


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(_WORDS), min_size=1, max_size=20),
    st.sampled_from([None, "2025-03-31", "2024-02-29T23:00:00Z", "not a date"]),
)
def test_any_token_soup_yields_valid_spans(words: list[str], published: str | None) -> None:
    doc = _BLANK(" ".join(words))
    for d in extract_dates(doc, "art", published):
        assert doc.text[d.span[0] : d.span[1]] == d.text
        if parse_published(published) is None and d.value is not None:
            # Without a publication date only text that writes its own year may resolve.
            assert re.search(r"\d{4}|\d{3}0s", d.text), d
