"""Unwrapping hard-wrapped dumps into paragraphs and blocks (sitrep.ingest.reflow)."""

from __future__ import annotations

import textwrap

import pytest

from sitrep.ingest.blocks import Line
from sitrep.ingest.headlines import heading_score
from sitrep.ingest.reflow import (
    break_kind,
    estimate_wrap_width,
    first_chunk,
    fits,
    read_blocks,
    split_lines,
    unwrap,
    without_line_spacing,
)

WIDTH = 80


def _wrap(*paragraphs: str) -> str:
    return "".join(line + "\n" for p in paragraphs for line in textwrap.wrap(p, WIDTH))


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
    assert break_kind(line + ".", "Abcdefghijk", 80) == "soft"
    assert break_kind(line, "abcdefghijk", 80) == ""
    # Fitting only exactly, or only up to a hyphen, is not proof of a paragraph end.
    assert break_kind("x" * 71 + ".", "Abcdefgh", 80) == "soft"
    assert break_kind("x" * 71, "abc-defgh", 80) == ""


@pytest.mark.parametrize("width", [60, 72, 80, 100])
def test_headline_rules_count_lines_as_at_80_columns_whatever_the_wrap(width: int) -> None:
    # A one-line sentence headline at 80 columns takes two lines at 60: the headline rules,
    # set on 80-column text, still read it as a one-liner.
    headline = "Navy orders two more frigates from the Kiel yard after a long delay."
    paragraphs = [
        "The coast guard received its third patrol boat on Monday, officials said, and the "
        "fourth is due to arrive from the yard in the spring of next year.",
        "Crews have trained on the first two boats since the summer.",
        headline,
        "The navy ordered two more frigates on Tuesday, the defense ministry said in a statement.",
    ]
    text = "".join(line + "\n" for p in paragraphs for line in textwrap.wrap(p, width))
    blocks, _, found = read_blocks(split_lines(text))
    title = next(b for b in blocks if b.text == headline)
    assert len(title.lines) == (2 if width < len(headline) else 1)
    assert title.rows == 1
    assert heading_score(title, found) > 0
    lede = blocks[-1]
    assert lede.rows == len(textwrap.wrap(lede.text, 80))


def test_estimate_wrap_width_ignores_a_lone_long_line() -> None:
    assert estimate_wrap_width([80, 79, 80, 60] * 5 + [300]) == 80
    assert estimate_wrap_width([6, 79, 4]) == 79
    assert estimate_wrap_width([72, 70, 71]) == 72
    assert estimate_wrap_width([]) == 0


# --- blocks -------------------------------------------------------------------------------


def test_a_wrapped_line_in_capitals_runs_on_over_what_looks_like_a_dateline() -> None:
    # "... THE YARDS OF THE" / "SOUTH - Ana Ruiz: ...": the run-in heading wrapped, and its last
    # word followed by a dash is no dateline opening a paragraph.
    text = (
        _wrap(
            "The yard in Gdansk has waited since spring for the plate steel it ordered, and the "
            "ministry now expects the second hull to be laid down a year late, officials said."
        )
        + "NORTHERN SHIPYARDS FACE LONGER WAITS FOR PLATE STEEL THAN THE YARDS OF THE\n"
        + _wrap(
            "SOUTH - Ana Ruiz: \u201cThe queue for steel is long, and it is getting longer,\u201d "
            "she wrote in a note to clients on Tuesday.",
            "The note did not name the mills.",
        )
    )
    blocks, _, width = read_blocks(split_lines(text))
    assert width == WIDTH - 1
    assert [b.lines[0].number for b in blocks] == [1, 4, 7]
    # A dateline under a heading of the same width with a closing stop still opens a paragraph.
    text = text.replace("YARDS OF THE\n", "YARDS OF THE.\n")
    blocks, _, _ = read_blocks(split_lines(text))
    assert [b.lines[0].number for b in blocks] == [1, 4, 5, 7]


def test_break_before_a_lowercase_word_is_never_soft() -> None:
    line = "“It is only half the problem. The other half is building things quickly,”"
    assert break_kind(line, "said the minister.", 78) == ""
    assert break_kind("The order was signed.", "said the minister.", 24) == ""


def test_a_line_ending_with_a_title_abbreviation_is_never_a_soft_break() -> None:
    line = "The plan has the backing of Defense Minister Ana Holm and of former Gov."
    width = len(line) + 4  # "Pia" would not have fitted
    assert break_kind(line, "Pia Sand, who led the review.", width) == ""
    # The same line ending with a real sentence stop is a soft break.
    assert break_kind(line.replace("Gov.", "Tom."), "Pia Sand led the review.", width) == "soft"
    assert break_kind(line.replace("Gov.", "Ana J."), "Holm, who led the review.", width) == ""


def _texts(lines: list[Line]) -> list[str]:
    return [ln.text for ln in lines]


def test_single_blank_lines_of_a_double_spaced_text_go_and_longer_runs_stay_one() -> None:
    wrapped = [textwrap.wrap(p, 40) for p in (_LONG, _LONG)]
    text = "\n\n".join(wrapped[0]) + "\n\n\n\n" + "\n\n".join(wrapped[1]) + "\n"
    assert _texts(without_line_spacing(split_lines(text))) == [*wrapped[0], "", *wrapped[1]]


def test_blank_lines_between_unwrapped_paragraphs_are_kept() -> None:
    text = "\n\n".join([_LONG] * 8) + "\n"  # one paragraph per line: the blanks mean it
    lines = split_lines(text)
    assert without_line_spacing(lines) == lines


def test_a_text_with_paragraph_breaks_only_is_not_double_spaced() -> None:
    text = "\n\n".join(textwrap.fill(p, 40) for p in [_LONG] * 4) + "\n"
    lines = split_lines(text)
    assert without_line_spacing(lines) == lines


_LONG = (
    "The navy will order six new patrol boats for the coast guard, the defense minister told "
    "parliament on Monday, in a deal worth about four hundred million euros over ten years."
)


def test_a_date_the_line_above_wraps_into_is_body_text() -> None:
    text = (
        "The two governments said the agreement on joint patrols in the North Sea was signed on\n"
        "June 5, 2025.\n"
        "June 6, 2025\n"
        "Denmark will buy four patrol aircraft, the defense ministry said on Friday.\n"
    )
    blocks, noise, _ = read_blocks(split_lines(text))
    assert [b.lines[0].number for b in blocks] == [1, 4]
    assert [(n.line, n.kind) for b in blocks for n in b.noise_before] == [(3, "date")]
