"""Figures: numeral reading (no model), exact extraction tables and an accuracy floor.

The sentences are the project's own. Model-dependent tables load ``en_core_web_sm`` once per
module; the numeral tests need only a tokenizer.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from sitrep.nlp.figures import extract_figures
from sitrep.nlp.numbers import parse_digits, read_numeral, words_to_number
from sitrep.records import Figure, stable_id


@pytest.fixture(scope="module")
def tokenizer() -> Language:
    return spacy.blank("en")


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    from sitrep.nlp.pipeline import load_model

    yield load_model()


# ---------------------------------------------------------------- numerals (tokenizer only)


@pytest.mark.parametrize(
    ("text", "value", "value_max"),
    [
        ("3.2 million", 3_200_000, None),
        ("150,000", 150_000, None),
        ("1.5bn", 1_500_000_000, None),
        ("one million", 1_000_000, None),
        ("twenty-five", 25, None),
        ("one hundred and fifty", 150, None),
        ("half a million", 500_000, None),
        ("a dozen", 12, None),
        ("20–30", 20, 30),
        ("0.4", 0.4, None),
    ],
)
def test_read_numeral(
    tokenizer: Language, text: str, value: float, value_max: float | None
) -> None:
    doc = tokenizer(text)
    num = read_numeral(doc, 0)
    assert num is not None
    assert num.value == pytest.approx(value)
    assert num.value_max == (pytest.approx(value_max) if value_max is not None else None)
    assert num.end == len(doc)


@pytest.mark.parametrize("text", ["Second", "first", "dozens", "thousands", "+48", "1st", "3D"])
def test_not_a_numeral(tokenizer: Language, text: str) -> None:
    assert read_numeral(tokenizer(text), 0) is None


def test_parse_digits_suffix_and_separators() -> None:
    assert parse_digits("2bn") == (2e9, 1e9)
    assert parse_digits("41,2") is None  # misplaced separator: not 412
    assert words_to_number(["two", "hundred", "thousand"]) == 200_000


# ---------------------------------------------------------------- exact tables (model)

Row = tuple[str, float, str | None, str, str | None, float | None, str | None]

EXACT: list[tuple[str, list[Row]]] = [
    (
        "Moscow launched at least 19 drones toward the border overnight.",
        [("at least 19 drones", 19, "drone", "count", "at least", None, "drones")],
    ),
    (
        "The bloc approved €150 billion in loans for member states.",
        [("€150 billion", 150e9, "EUR", "money", None, None, "loans")],
    ),
    (
        "Washington pledged $3.2 million to the demining effort.",
        [("$3.2 million", 3.2e6, "USD", "money", None, None, None)],
    ),
    (
        "Each grant is worth £50,000 to £100,000 depending on the project.",
        [("£50,000 to £100,000", 50_000, "GBP", "money", None, 100_000, "grant")],
    ),
    (
        "Allies agreed to spend 5 percent of GDP on defense.",
        [("5 percent", 5, "percent", "percent", None, None, "GDP")],
    ),
    (
        "The loans come with a 10-year grace period.",
        [("10-year", 10, "year", "duration", None, None, "grace period")],
    ),
    (
        "The wreck was found some 100 kilometers east of the capital.",
        [("some 100 kilometers", 100, "kilometer", "distance", "about", None, None)],
    ),
    (
        "Officials said the army has suffered an estimated one million casualties.",
        [
            (
                "an estimated one million casualties",
                1e6,
                "casualty",
                "count",
                "estimated",
                None,
                "casualties",
            )
        ],
    ),
    (
        "Readings varied between 0.4 and 1.0 across the sites.",
        [("between 0.4 and 1.0", 0.4, None, "number", None, 1.0, None)],
    ),
    (
        "The coalition met with 27 EU leaders in the capital.",
        [("27 EU leaders", 27, "leader", "count", None, None, "EU leaders")],
    ),
]


EXACT += [
    (
        "Nearly two thirds of voters backed the deal.",
        [("Nearly two thirds", 0.6667, None, "fraction", "nearly", None, "voters")],
    ),
    (
        "Zelensky presented a 10-point peace plan.",
        [("10-point", 10, "point", "count", None, None, "peace plan")],
    ),
    (
        "Production rose from 250 to 400 drones a day.",
        [
            ("250", 250, "drone", "count", None, None, "drones"),
            ("400 drones", 400, "drone", "count", None, None, "drones"),
        ],
    ),
    (
        "Seoul will spend 3.6 trillion won on drones.",
        [("3.6 trillion won", 3.6e12, "KRW", "money", None, None, "drones")],
    ),
    (
        "The drone carried 40kg of explosives.",
        [("40kg", 40, "kilogram", "weight", None, None, "explosives")],
    ),
]


# Vague quantities: a fixed value convention (plural scale word = at least two of it, "a few"
# = about 3, "a couple of" = about 2, "several" = at least 3), and "or" ranges.
EXACT += [
    (
        "Weeks of shelling killed dozens of civilians in the port.",
        [("dozens of civilians", 24, "civilian", "count", "at least", None, "civilians")],
    ),
    (
        "Hundreds of thousands of refugees crossed the border in March.",
        [
            (
                "Hundreds of thousands of refugees",
                200_000,
                "refugee",
                "count",
                "at least",
                None,
                "refugees",
            )
        ],
    ),
    (
        "The envoy arrived a few weeks before the summit.",
        [("a few weeks", 3, "week", "duration", "about", None, None)],
    ),
    (
        "Over the last few years the navy has shrunk.",
        [("last few years", 3, "year", "duration", "about", None, None)],
    ),
    (
        "Several senior officers were arrested on Monday.",
        [("Several senior officers", 3, "officer", "count", "at least", None, "senior officers")],
    ),
    (
        "He met a couple of ministers in Rome.",
        [("a couple of ministers", 2, "minister", "count", "about", None, "ministers")],
    ),
    (
        "Britain and possibly one or two others will send troops.",
        [("one or two others", 1, "other", "count", None, 2, None)],
    ),
    (
        "Two or three drones were seen near the base.",
        [("Two or three drones", 2, "drone", "count", None, 3, "drones")],
    ),
    (
        "Five others were wounded in the blast.",
        [("Five others", 5, "other", "count", None, None, None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), EXACT, ids=[t[:40] for t, _ in EXACT])
def test_exact(nlp: Language, text: str, expected: list[Row]) -> None:
    got = [
        (f.text, f.value, f.unit, f.kind, f.qualifier, f.value_max, f.refers_to)
        for f in extract_figures(nlp(text), "art")
    ]
    assert len(got) == len(expected), got
    for g, e in zip(got, expected, strict=True):
        assert g[0] == e[0]
        assert g[1] == pytest.approx(e[1])
        assert g[2:5] == e[2:5]
        assert g[5] == (pytest.approx(e[5]) if e[5] is not None else None)
        assert g[6] == e[6]


NOTHING = [
    "Article 5 of the treaty was invoked after the attack.",
    "The Second World War ended in Europe on May 8, 1945.",
    "The talks resumed on June 4 at 3 p.m. local time.",
    "Reporters could call +48 22 555 0199 for accreditation.",
    "Of all the bases, the one in Poland was the largest.",
    "One of the biggest problems is that no one has a plan.",
    "Pilots of the F-35 and the Su-35 trained near the G7 venue.",
    "Under Article 41(2), the court may suspend the ruling.",
    "The court issued a 5-4 decision and the home side won 3-1.",
    "Petrov, 58, was detained at the airport.",
    "Both parties split 4 to 1 in favor, and the mine No. 2 closed.",
    "The 155mm shells were fired 41 times in the 80's.",
    "One of them said it was the first time a ministry was hit.",
    "A second diplomat said the third round would follow.",
    "Few countries agree, and several of them said so.",
    "The vote could come in 2026 or 2027.",
    "Dozens were hurt and hundreds of them fled.",
    "Dutch F-35 jets were scrambled in 2025 under Article 5.",
    "The one in Poland was larger than the others.",
]


@pytest.mark.parametrize("text", NOTHING)
def test_extracts_nothing(nlp: Language, text: str) -> None:
    assert list(extract_figures(nlp(text), "art")) == []


def test_span_and_id_match_text(nlp: Language) -> None:
    doc = nlp("Kyiv said nearly 40 percent of the grid was damaged and 300 drones were used.")
    figures = list(extract_figures(doc, "art"))
    assert figures
    for f in figures:
        assert isinstance(f, Figure)
        assert doc.text[f.span[0] : f.span[1]] == f.text
        assert f.id == stable_id("fig", "art", f.span[0], f.span[1])


def test_a_change_is_two_figures_sharing_the_unit(nlp: Language) -> None:
    doc = nlp("Defense spending rose from 2 percent to 3.5 percent of GDP.")
    got = [(f.value, f.unit, f.value_max) for f in extract_figures(doc, "art")]
    assert got == [(2, "percent", None), (3.5, "percent", None)]


# ---------------------------------------------------------------- accuracy floor (model)

#: (sentence, [(value, value_max, unit)]) written for the test; the floor is pinned below what
#: the extractor reaches today and is never lowered silently.
ANNOTATED: list[tuple[str, list[tuple[float, float | None, str | None]]]] = [
    ("Ukraine received 40 Patriot missiles last spring.", [(40, None, "missile")]),
    (
        "The navy will buy six frigates for $4.5 billion.",
        [(6, None, "frigate"), (4.5e9, None, "USD")],
    ),
    ("About 1,200 soldiers crossed the river.", [(1200, None, "soldier")]),
    ("Inflation reached 12.5% in the occupied regions.", [(12.5, None, "percent")]),
    ("The ceasefire should last 30 days.", [(30, None, "day")]),
    ("The drone flew 350 miles before it was shot down.", [(350, None, "mile")]),
    ("Nearly two thirds of voters backed the deal.", [(0.6667, None, None)]),
    (
        "Ministers approved a €2bn aid package and 15 tanks.",
        [(2e9, None, "EUR"), (15, None, "tank")],
    ),
    ("Between 3 and 5 brigades will rotate next year.", [(3, 5, "brigade")]),
    ("The court sentenced him to up to 12 years in prison.", [(12, None, "year")]),
    ("Three ships and 200 sailors were seized.", [(3, None, "ship"), (200, None, "sailor")]),
    ("The fund holds 800 million euros.", [(800e6, None, "EUR")]),
    ("Exports fell by 7 percent of total volume.", [(7, None, "percent")]),
    ("Nine of the 32 allies missed the target.", [(9, None, "ally"), (32, None, "ally")]),
    (
        "The exercise involved 4,000 troops and 50 aircraft.",
        [(4000, None, "troop"), (50, None, "aircraft")],
    ),
    ("Kyiv asked for 20-25 air defense systems.", [(20, 25, "system")]),
    ("The summit in 2024 produced no agreement.", []),
    ("The 45-year-old commander resigned on Monday.", []),
    ("Losses of ¥300 billion were reported.", [(300e9, None, "JPY")]),
    ("The border is 1,300 kilometres long.", [(1300, None, "kilometer")]),
]


def _score(nlp: Language) -> tuple[float, float]:
    tp = fp = fn = 0
    unit_ok = 0
    for text, gold in ANNOTATED:
        got = [(f.value, f.value_max, f.unit) for f in extract_figures(nlp(text), "art")]
        remaining = list(gold)
        for value, value_max, unit in got:
            match = next(
                (
                    g
                    for g in remaining
                    if g[0] == pytest.approx(value) and (g[1] is None) == (value_max is None)
                ),
                None,
            )
            if match is None:
                fp += 1
                continue
            remaining.remove(match)
            tp += 1
            unit_ok += match[2] == unit
        fn += len(remaining)
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return f1, unit_ok / tp if tp else 0.0


def test_accuracy_floor(nlp: Language) -> None:
    f1, unit_accuracy = _score(nlp)
    assert f1 >= 0.85, f1
    assert unit_accuracy >= 0.85, unit_accuracy


# ---------------------------------------------------------------- robustness (tokenizer only)

_WORDS = [
    "the",
    "a",
    "one",
    "twenty",
    "-",
    "five",
    "million",
    "$",
    "€",
    "to",
    "and",
    "between",
    "from",
    "of",
    "percent",
    "%",
    "years",
    "day",
    "ago",
    "No.",
    "Article",
    "+48",
    "22",
    "3.2",
    "bn",
    "m",
    "kg",
    "thirds",
    "in",
    "out",
    "times",
    "'s",
    "won",
    "half",
    "dozen",
    "1,500",
    "0.4",
    "2-1",
    "5-4",
    "to-1",
    ":",
    "/",
    "9/11",
    "2025",
    "1990s",
    "10-year",
    ",",
    ".",
]
_BLANK = spacy.blank("en")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=20))
def test_any_token_soup_yields_valid_spans(words: list[str]) -> None:
    doc = _BLANK(" ".join(words))
    for f in extract_figures(doc, "art"):
        assert doc.text[f.span[0] : f.span[1]] == f.text
        assert f.value is None or f.value_max is None or f.value <= f.value_max
