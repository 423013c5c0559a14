"""Unwrapping and article splitting (sitrep.ingest.segment): unit tables and properties.

The property tests generate paragraphs of invented words, wrap them with ``textwrap`` the way
users' dumps are wrapped, and check that nothing is lost or reordered.
"""

from __future__ import annotations

import re
import textwrap

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sitrep.ingest.segment import (
    break_kind,
    estimate_wrap_width,
    first_chunk,
    fits,
    segment,
    unwrap,
)

WIDTH = 80


# --- unwrap ---------------------------------------------------------------------------------


def test_unwrap_joins_wrapped_lines_and_splits_where_the_next_word_would_have_fitted() -> None:
    text = (
        "The ministry said the order covered forty armored vehicles and spare parts for\n"
        "five years.\n"
        "Deliveries start in May.\n"
        "A second order is expected later this year, officials said, once parliament\n"
        "approves the budget.\n"
    )
    assert unwrap(text, 80) == [
        "The ministry said the order covered forty armored vehicles and spare parts for "
        "five years.",
        "Deliveries start in May.",
        "A second order is expected later this year, officials said, once parliament "
        "approves the budget.",
    ]


def test_unwrap_keeps_line_end_hyphens() -> None:
    text = "The long-\nrange radar arrived.\n"
    assert unwrap(text, 12) == ["The long- range radar arrived."]


def test_unwrap_treats_blank_lines_as_paragraph_ends() -> None:
    assert unwrap("One line.\n\nAnother line.\n") == ["One line.", "Another line."]


def test_first_chunk_stops_after_an_inner_hyphen() -> None:
    assert first_chunk("long-range fires") == "long-"
    assert first_chunk("radar") == "radar"
    assert first_chunk("— and") == "—"
    # A no-break space glues words for wrappers.
    assert first_chunk("growth,\u00a0through the") == "growth,\u00a0through"


def test_fits_and_break_kind() -> None:
    line = "x" * 70
    assert fits(line, "abc", 80)
    assert not fits(line, "abcdefghijk", 80)
    assert break_kind(line, "abc and more", 80) == "hard"
    assert break_kind(line + ".", "abcdefghijk", 80) == "soft"
    assert break_kind(line, "abcdefghijk", 80) == ""
    # Fitting only exactly, or only up to a hyphen, is not proof of a paragraph end.
    assert break_kind("x" * 71 + ".", "abcdefgh", 80) == "soft"
    assert break_kind("x" * 71, "abc-defgh", 80) == ""


def test_estimate_wrap_width_ignores_a_lone_long_line() -> None:
    assert estimate_wrap_width([80, 79, 80, 60] * 5 + [300]) == 80
    assert estimate_wrap_width([6, 79, 4]) == 79
    assert estimate_wrap_width([72, 70, 71]) == 72
    assert estimate_wrap_width([]) == 0


# --- segment --------------------------------------------------------------------------------


def _wrap(*paragraphs: str) -> str:
    return "".join(line + "\n" for p in paragraphs for line in textwrap.wrap(p, WIDTH))


def test_dateline_and_tag_line_start_new_articles() -> None:
    text = (
        _wrap(
            "OSLO — Norway will buy two more submarines, the defense ministry said on Monday, "
            "raising its order to six boats.",
            "The boats are built together with Germany.",
        )
        + "Tag - Air defense\n"
        + _wrap(
            "Romania received its first Patriot battery from the United States on Thursday, "
            "officials in Bucharest said.",
            "The battery will protect the capital.",
        )
        + _wrap(
            "RIGA — Latvia reintroduced conscription for men aged 18 to 27 on Wednesday.",
            "About 1,000 recruits a year are expected.",
        )
    )
    seg = segment(text)
    assert [a.first_line for a in seg.articles] == [1, 5, 8]
    assert [a.dateline for a in seg.articles] == ["OSLO", None, "RIGA"]
    assert seg.articles[1].tags == ("Air defense",)
    assert [(n.line, n.kind) for n in seg.articles[1].noise] == [(4, "tag")]


def test_headline_line_becomes_the_title() -> None:
    text = _wrap(
        "Dutch Navy Tests Robot Boats Off Den Helder",
        "The Dutch navy began testing uncrewed boats on Monday to guard undersea cables "
        "in the North Sea, the defense ministry said.",
        "The trial will run for a month.",
    )
    (article,) = segment(text).articles
    assert article.title == "Dutch Navy Tests Robot Boats Off Den Helder"
    assert article.title_lines == (1,)
    assert article.first_line == 1
    assert article.body.startswith("The Dutch navy began")


def test_section_header_and_pull_quote_are_dropped_not_split() -> None:
    text = (
        _wrap(
            "BERLIN — Germany will set up a new brigade in Lithuania, the defense minister "
            "said on Tuesday.",
            "The brigade will have about 5,000 soldiers by 2027, he said.",
        )
        + "THE COST OF THE BRIGADE\n"
        + _wrap(
            "The ministry put the cost of the brigade at about 11 billion euros over ten years.",
        )
        + "> The brigade will have about 5,000 soldiers.\n"
        + _wrap(
            "Lithuania will build the barracks and training ranges for the soldiers.",
        )
    )
    (article,) = segment(text).articles
    assert [n.kind for n in article.noise] == ["section_header", "pull_quote"]
    assert "COST OF THE BRIGADE" not in article.body
    assert article.body.count("\n\n") == 3


def test_byline_closes_the_article_and_is_recorded() -> None:
    text = (
        _wrap(
            "ROME — Italy will send two minehunters to the Black Sea once a ceasefire holds, "
            "officials said on Friday.",
            "The ships would clear mines from shipping lanes.",
        )
        + "Lea Brandt contributed reporting from Ankara.\n"
        + _wrap(
            "Finland opened its first ammunition plant in decades on Thursday, the government "
            "in Helsinki said.",
            "The plant will make artillery shells.",
        )
    )
    seg = segment(text)
    assert [a.first_line for a in seg.articles] == [1, 5]
    assert seg.articles[0].byline == "Lea Brandt contributed reporting from Ankara."


def test_export_labels_open_and_stay_inside_an_article() -> None:
    """Regression: "FULL TEXT." and the dateline after it were taken for a new article."""
    first = _wrap(
        "Sweden joined a joint air-policing mission over the Baltic states on Monday, the "
        "armed forces in Stockholm said.",
        "Four Gripen fighters will be based in Lithuania until the end of the year.",
        "The mission has run since 2004.",
    )
    second = (
        "ABSTRACT.\n"
        + _wrap("A new rail link will speed up military transport across Poland.")
        + "FULL TEXT.\n"
        + _wrap(
            "WARSAW — Poland will build a rail link to carry heavy armor east, officials said "
            "on Tuesday.",
            "Work starts next spring.",
        )
    )
    seg = segment(first + second)
    assert [a.first_line for a in seg.articles] == [1, 5]
    assert seg.articles[1].dateline is None  # the lede is the abstract, not the dateline
    assert "FULL TEXT." in seg.articles[1].body


def test_source_span_is_the_raw_text_of_the_article() -> None:
    text = "Tag - Navy\n" + _wrap(
        "Spain ordered four new frigates from its state shipyard on Monday.",
        "The first ship is due in 2030.",
    )
    (article,) = segment(text).articles
    start, end = article.span
    assert text[start:end] == text[len("Tag - Navy\n") :].rstrip("\n")


# --- properties ---------------------------------------------------------------------------

_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)
_SENTENCE = st.lists(_WORD, min_size=3, max_size=18).map(
    lambda ws: " ".join([ws[0].capitalize(), *ws[1:]]) + "."
)
_PARAGRAPH = st.lists(_SENTENCE, min_size=1, max_size=5).map(" ".join)


def _unambiguous(paragraphs: list[str], width: int) -> bool:
    """True when every paragraph end is visible to the fit rule with a column to spare."""
    for a, b in zip(paragraphs, paragraphs[1:], strict=False):
        last = textwrap.wrap(a, WIDTH)[-1]
        if len(last) + 1 + len(b.split()[0]) >= width:
            return False
    return True


@settings(max_examples=60, deadline=None)
@given(st.lists(_PARAGRAPH, min_size=1, max_size=6))
def test_unwrap_inverts_textwrap(paragraphs: list[str]) -> None:
    wrapped = "\n".join(line for p in paragraphs for line in textwrap.wrap(p, WIDTH))
    # The width is estimated from the text itself; a paragraph end is recoverable when the
    # next first word would have fitted within that estimate.
    width = estimate_wrap_width([len(line) for line in wrapped.splitlines()])
    assume(_unambiguous(paragraphs, width))
    assert unwrap(wrapped) == paragraphs


@settings(max_examples=60, deadline=None)
@given(st.lists(_PARAGRAPH, min_size=1, max_size=6))
def test_unwrap_never_loses_or_reorders_words(paragraphs: list[str]) -> None:
    wrapped = "\n".join(line for p in paragraphs for line in textwrap.wrap(p, WIDTH))
    assert " ".join(unwrap(wrapped)).split() == " ".join(paragraphs).split()


_NOISE = st.sampled_from(["Tag - Defense", "First published on X.example, May 1, 2025 | By Jo Ro"])


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.lists(_PARAGRAPH, min_size=1, max_size=4), st.booleans()),
        min_size=1,
        max_size=4,
    )
)
def test_segment_loses_no_body_text(articles: list[tuple[list[str], bool]]) -> None:
    """Every word of every paragraph is in exactly one article body, in input order."""
    lines: list[str] = []
    for paragraphs, noisy in articles:
        if noisy:
            lines.append("Tag - Defense")
        lines.extend(line for p in paragraphs for line in textwrap.wrap(p, WIDTH))
    text = "\n".join(lines) + "\n"
    seg = segment(text)
    words_in = [w for paragraphs, _ in articles for p in paragraphs for w in p.split()]
    words_out: list[str] = []
    for article in seg.articles:
        words_out.extend((article.title or "").split())
        words_out.extend(article.body.split())
    assert words_out == words_in
    body_lines = [n for a in seg.articles for n in (*a.title_lines, *a.body_lines)]
    assert body_lines == sorted(set(body_lines))
    assert re.search(r"Tag - ", " ".join(a.body for a in seg.articles)) is None
