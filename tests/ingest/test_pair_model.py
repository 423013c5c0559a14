"""The learned break model (sitrep.ingest.pair_model) and its place in segmenting."""

from __future__ import annotations

import math

import pytest

from sitrep.ingest import headline_model, lede_model, pair_model, segment
from sitrep.ingest.blocks import Block, Line

# Last paragraphs of stories, the paragraph that goes on in the same story, and a lede of another.
ENDS = [
    "“We will keep the ships in port until the weather turns,” Captain Lena Vogt said.",
    "The ministry did not say when the first of the drones would be delivered.",
    "Talks are expected to resume in Geneva next month, diplomats said.",
]
GOES_ON = [
    "Vogt said the crews would use the time to train on the new radar.",
    "A spokesman for the ministry said the delay was caused by a shortage of parts.",
    "But diplomats said little progress was likely before the elections.",
]
LEDES = [
    "Kenya and Tanzania agreed on Thursday to hold joint border patrols against cattle raiders, "
    "the two governments said in a statement.",
    "The Australian army will buy 40 new howitzers from a South Korean firm under a deal "
    "announced on Monday by Defence Minister Paul Reid.",
    "Protesters in the Georgian capital clashed with police for a third night on Saturday after "
    "the government delayed talks on joining the European Union.",
]


def _block(text: str) -> Block:
    return Block([Line(1, 0, len(text), text)], "hard")


def test_features_read_the_next_paragraph_the_end_of_the_last_and_what_they_share() -> None:
    named = pair_model.features(ENDS[0], GOES_ON[0])
    assert "L:b1:vogt" in named  # the lede model's features of the paragraph after
    assert {f for f in named if f.startswith("L:")} == {
        "L:" + f for f in lede_model.features(GOES_ON[0])
    }
    assert "e1:said" in named  # how the paragraph before ends
    assert "e2:vogt said" in named
    assert "esh:XXx" in named  # "Lena Vogt said"
    assert "ens:1" in named
    assert "ovn:1" in named  # one name in both: Vogt
    assert "b1xov:vogt:1" in named
    apart = pair_model.features(ENDS[0], LEDES[0])
    assert "ov:0" in apart and "ovn:0" in apart and "b1xov:kenya:0" in apart
    row = pair_model.hashed(ENDS[0], GOES_ON[0])
    assert list(row) == sorted(set(row))


def test_the_shipped_model_reads_a_break_between_stories_above_one_inside() -> None:
    # Texts of our own: right on each of these breaks, and by a clear margin on average.
    between = [pair_model.llr(end, lede) for end, lede in zip(ENDS, LEDES, strict=True)]
    inside = [pair_model.llr(end, more) for end, more in zip(ENDS, GOES_ON, strict=True)]
    assert all(b > i for b, i in zip(between, inside, strict=True))
    assert sum(between) / 3 > sum(inside) / 3 + 1.0


def test_fit_learns_from_what_two_paragraphs_share() -> None:
    breaks, labels = [], []
    for k in range(40):
        end = f"Officials in Port{k} said the harbour would reopen soon."
        breaks.append((end, f"Port{k} officials added that the ferries would run again."))
        labels.append(False)
        breaks.append((end, f"Storms hit Vale{k} on Monday, closing roads for days."))
        labels.append(True)
    model = pair_model.fit(breaks, labels, steps=150)
    assert model.prior == pytest.approx(math.log(1.0))
    end = "Officials in Port99 said the harbour would reopen soon."
    after_new = model.score(pair_model.hashed(end, "Storms hit Vale99 on Monday, closing roads."))
    after_same = model.score(pair_model.hashed(end, "Port99 officials added that it would."))
    assert after_new > 1.0 > -1.0 > after_same


def test_segmenting_averages_the_lede_and_the_break_readings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    headline = _block("Navy Orders Four Patrol Ships")
    body = [_block(LEDES[1]), headline, _block(GOES_ON[1])]
    assert headline_model.heading_shaped(headline, 80)
    read: list[tuple[str, str]] = []

    def break_llr(before: str, after: str) -> float:
        read.append((before, after))
        return 4.0

    monkeypatch.setattr(lede_model, "weighed", lambda texts: ([1.0, 2.0, 3.0], 0.5))
    monkeypatch.setattr(pair_model, "llr", break_llr)
    segment._read_models(body, 80)
    assert body[0].lede_llr == 1.0  # nothing before it: the lede model alone
    assert body[1].lede_llr == pytest.approx((2.0 + 0.5 * 4.0) / 2)
    assert body[2].lede_llr == pytest.approx((3.0 + 0.5 * 4.0) / 2)
    # A heading-shaped paragraph is read, but never as the paragraph before a break.
    assert read == [(LEDES[1], headline.text), (LEDES[1], GOES_ON[1])]


def test_no_break_reading_where_the_lede_model_earns_no_trust(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    body = [_block(ENDS[0]), _block(LEDES[0])]
    monkeypatch.setattr(lede_model, "weighed", lambda texts: ([0.0, 0.0], 0.0))
    monkeypatch.setattr(pair_model, "llr", lambda before, after: pytest.fail("read"))
    segment._read_models(body, 80)
    assert [b.lede_llr for b in body] == [0.0, 0.0]
