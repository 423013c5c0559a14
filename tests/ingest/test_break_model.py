"""The learned break model (sitrep.ingest.break_model) and its place in segmenting."""

from __future__ import annotations

import math

import pytest

from sitrep.ingest import break_model, headline_model, lede_model, segment
from sitrep.ingest.blocks import Block, Line
from sitrep.ingest.break_model import Break

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


# What each lede's story says next, and what each story going on says next.
LEDES_GO_ON = [
    "Kenyan officials said the patrols would start in the Tanzanian border districts in May.",
    "Reid said the howitzers would replace guns the Australian army has used since the 1980s.",
    "Georgian police said 40 protesters were detained in the capital overnight.",
]
STORIES_GO_ON = [
    "The crews have not been at sea since the radar was fitted in March, Vogt said.",
    "The ministry said the parts would come from suppliers in Europe.",
    "Diplomats in Geneva said the elections would slow the talks.",
]


def _block(text: str) -> Block:
    return Block([Line(1, 0, len(text), text)], "hard")


def test_features_read_the_next_paragraph_the_ones_around_it_and_what_they_share() -> None:
    named = break_model.features(Break([LEDES[2], ENDS[0]], GOES_ON[0], STORIES_GO_ON[0]))
    assert "L:b1:vogt" in named  # the lede model's features of the paragraph after
    assert {f for f in named if f.startswith("L:")} == {
        "L:" + f for f in lede_model.features(GOES_ON[0])
    }
    assert "e1:said" in named  # how the paragraph before ends
    assert "e2:vogt said" in named
    assert "esh:XXx" in named  # "Lena Vogt said"
    assert "ens:1" in named
    assert "ovn:1" in named  # one name in both: Vogt ("The" opens sentences, names nothing)
    assert "b1xov:vogt:1" in named
    assert "c3ovn:1" in named  # with both paragraphs before, still Vogt alone
    assert "fnn:1:1" in named  # the paragraph that follows names Vogt: both sides did
    apart = break_model.features(Break([ENDS[0]], LEDES[0], LEDES_GO_ON[0]))
    assert {"ov:0", "ovn:0", "b1xov:kenya:0", "c3ov:0", "fbo:0"} <= set(apart)
    assert "fnone" in break_model.features(Break([ENDS[0]], LEDES[0]))
    row = break_model.hashed(Break([ENDS[0]], GOES_ON[0]))
    assert list(row) == sorted(set(row))


def test_only_the_last_paragraphs_before_a_break_are_read() -> None:
    far = "Admiral Sato inspected the fleet in Yokosuka."
    near = [ENDS[1], ENDS[2], ENDS[0]]
    assert len(near) == break_model.CONTEXT
    assert break_model.features(Break([far, *near], LEDES[0])) == break_model.features(
        Break(near, LEDES[0])
    )


def test_the_shipped_model_reads_a_break_between_stories_above_one_inside() -> None:
    # Texts of our own: right on each of these breaks, and by a clear margin on average.
    between = [
        break_model.llr(Break([end], lede, more))
        for end, lede, more in zip(ENDS, LEDES, LEDES_GO_ON, strict=True)
    ]
    inside = [
        break_model.llr(Break([end], text, more))
        for end, text, more in zip(ENDS, GOES_ON, STORIES_GO_ON, strict=True)
    ]
    assert all(b > i for b, i in zip(between, inside, strict=True))
    assert sum(between) / 3 > sum(inside) / 3 + 1.0


def test_fit_learns_from_what_paragraphs_share() -> None:
    breaks, labels = [], []
    for k in range(40):
        end = f"Officials in Port{k} said the harbour would reopen soon."
        breaks.append(Break([end], f"Port{k} officials added that the ferries would run again."))
        labels.append(False)
        breaks.append(Break([end], f"Storms hit Vale{k} on Monday, closing roads for days."))
        labels.append(True)
    model = break_model.fit(breaks, labels, steps=150)
    assert model.prior == pytest.approx(math.log(1.0))
    end = ["Officials in Port99 said the harbour would reopen soon."]
    new = model.score(break_model.hashed(Break(end, "Storms hit Vale99 on Monday, closing roads.")))
    same = model.score(break_model.hashed(Break(end, "Port99 officials added that it would.")))
    assert new > 1.0 > -1.0 > same


def test_segmenting_reads_each_break_between_the_paragraphs_around_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    headline = _block("Navy Orders Four Patrol Ships")
    texts = [LEDES[0], LEDES[2], LEDES[1], f"{GOES_ON[1]} {STORIES_GO_ON[1]}"]  # over a line
    body = [_block(t) for t in texts]
    body.insert(2, headline)
    assert [headline_model.heading_shaped(b, 80) for b in body] == [0, 0, 1, 0, 0]
    read: list[Break] = []

    def break_llr(at: Break) -> float:
        read.append(at)
        return 4.0

    monkeypatch.setattr(lede_model, "weighed", lambda texts: ([1.0, 2.0, 3.0, 4.0, 5.0], 0.5))
    monkeypatch.setattr(break_model, "llr", break_llr)
    segment._read_models(body, 80)
    assert body[0].lede_llr == 1.0  # nothing before it: the lede model alone
    assert [b.lede_llr for b in body[1:]] == [2.0, 2.0, 2.0, 2.0]  # trust × the break model
    # A heading-shaped paragraph is read, but never as one around a break.
    assert [(list(at.before), at.after, at.following) for at in read] == [
        (texts[:1], texts[1], texts[2]),
        (texts[:2], headline.text, texts[2]),
        (texts[:2], texts[2], texts[3]),
        (texts[:3], texts[3], None),
    ]


def test_no_break_reading_where_the_lede_model_earns_no_trust(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    body = [_block(ENDS[0]), _block(LEDES[0])]
    monkeypatch.setattr(lede_model, "weighed", lambda texts: ([0.0, 0.0], 0.0))
    monkeypatch.setattr(break_model, "llr", lambda at: pytest.fail("read"))
    segment._read_models(body, 80)
    assert [b.lede_llr for b in body] == [0.0, 0.0]
