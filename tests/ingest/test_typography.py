"""House-style evidence: quotation marks, apostrophes and dashes (sitrep.ingest.typography)."""

from __future__ import annotations

from sitrep.ingest.blocks import Block, Line
from sitrep.ingest.boundary import merge_cohesive
from sitrep.ingest.decoding import DECODE_THRESHOLD, Candidate, decode
from sitrep.ingest.typography import HouseStyle, mark_counts

CURLY = "The aide’s deputy said the “review” was over — for now, at least, and that’s final."
STRAIGHT = "The aide's deputy said the \"review\" was over -- for now, at least, and that's final."
PLAIN = "The committee met on Tuesday and adjourned without a vote on the budget."


def _blocks(*texts: str) -> list[Block]:
    return [Block([Line(k + 1, 0, len(t), t)], "hard") for k, t in enumerate(texts)]


def test_mark_counts_tell_the_conventions_apart() -> None:
    assert mark_counts(CURLY) != mark_counts(STRAIGHT)
    assert sum(mark_counts(PLAIN)) == 0
    # Two apostrophes, two quotation marks and one dash each way.
    assert sum(mark_counts(CURLY)) == sum(mark_counts(STRAIGHT)) == 5


def test_a_change_of_house_style_is_cheaper_apart() -> None:
    style = HouseStyle(_blocks(CURLY, CURLY, CURLY, STRAIGHT, STRAIGHT, STRAIGHT))
    assert style.cut_saving(0, 3, 6) > 3.0
    # Cutting inside one style costs: the marks repeat each other.
    assert style.cut_saving(0, 1, 3) < 0.0


def test_one_style_throughout_makes_a_cut_cost_little() -> None:
    # A dump printed in one style: the convention cannot tell its articles apart.
    style = HouseStyle(_blocks(*[CURLY] * 6))
    assert -0.5 < style.cut_saving(0, 3, 6) <= 0.0
    mixed = HouseStyle(_blocks(CURLY, CURLY, CURLY, STRAIGHT, STRAIGHT, STRAIGHT))
    assert mixed.cut_saving(0, 1, 3) < style.cut_saving(0, 1, 3)


def test_text_without_marks_costs_nothing() -> None:
    style = HouseStyle(_blocks(PLAIN, PLAIN, PLAIN))
    assert list(style.costs([0, 1, 2], 3)) == [0.0, 0.0, 0.0]


def test_noise_blocks_count_no_marks() -> None:
    blocks = _blocks(CURLY, STRAIGHT, CURLY)
    blocks[1].kind = "pull_quote"
    style = HouseStyle(blocks)
    assert style.cut_saving(0, 1, 3) < 0.0


def test_decode_cuts_where_the_house_style_changes() -> None:
    # Ten paragraphs, one weak candidate in the middle: alone it does not pay for a start; with
    # the quotation marks changing there, it does.
    texts = [(CURLY if k < 5 else STRAIGHT) * 8 for k in range(10)]
    blocks = _blocks(*texts)
    candidates = [Candidate(5, DECODE_THRESHOLD - 1.5, (), 5)]
    assert decode(blocks, 0, candidates) == []
    chosen = decode(blocks, 0, candidates, style=HouseStyle(blocks))
    assert [c.index for c in chosen] == [5]
    # The same candidate in one style throughout stays unchosen.
    same = _blocks(*[CURLY * 8] * 10)
    assert decode(same, 0, candidates, style=HouseStyle(same)) == []


def test_neighbours_in_two_house_styles_are_not_merged_back() -> None:
    # Two stretches on one subject, sharing more words than their own halves do: the merge
    # pass reads them as one article, unless they print their marks two ways (two outlets).
    order = "The frigate order for the navy was confirmed, the yard said. "
    hull = "Welders at the yard began on the hull of the frigate for the navy. "
    blocks = _blocks(
        order + CURLY,
        hull + CURLY,
        hull + CURLY,
        order + STRAIGHT,
        order + STRAIGHT,
        hull + STRAIGHT,
    )
    idf = {"frigate": 2.0, "navy": 2.0, "yard": 2.0}
    assert merge_cohesive(blocks, [0, 3], set(), {3: []}, idf) == [0]
    assert merge_cohesive(blocks, [0, 3], set(), {3: []}, idf, HouseStyle(blocks)) == [0, 3]
    # In one style throughout, the same neighbours are merged.
    same = _blocks(*[t.replace(STRAIGHT, CURLY) for t in (b.text for b in blocks)])
    assert merge_cohesive(same, [0, 3], set(), {3: []}, idf, HouseStyle(same)) == [0]


def test_costs_do_not_depend_on_the_order_they_are_asked_in() -> None:
    # The log-gamma tables grow with the longest stretch asked about so far.
    texts = [CURLY * 3, STRAIGHT, CURLY * 5, STRAIGHT * 2, CURLY, STRAIGHT * 4]
    small_first = HouseStyle(_blocks(*texts))
    singles = [float(small_first.costs([k], k + 1)[0]) for k in range(6)]
    whole = float(small_first.costs([0], 6)[0])
    fresh = HouseStyle(_blocks(*texts))
    assert float(fresh.costs([0], 6)[0]) == whole
    assert [float(fresh.costs([k], k + 1)[0]) for k in range(6)] == singles
