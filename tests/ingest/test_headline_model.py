"""The learned headline model (sitrep.ingest.headline_model) and its place in boundary evidence."""

from __future__ import annotations

import numpy as np
import pytest

from sitrep.ingest import boundary, headline_model, lede_model
from sitrep.ingest.blocks import Block, Line
from sitrep.ingest.lede_model import LedeModel, hashed
from sitrep.ingest.segment import segment

# Texts of our own: short sentences in headlinese, and one-line paragraphs from inside stories
# that have the same shape (a short sentence with a final stop).
HEADLINES = [
    "Navy to buy four frigates from Kiel yard.",
    "Poll: Voters split on bigger defence budget.",
    "Senate panel backs Holm for armed services post.",
    "Chile, Peru sign coastal patrol pact.",
    "Drone maker wins army contract despite delays.",
]
INSIDE = [
    "That is the largest order in two decades.",
    "Not everyone in the ministry agrees.",
    "The vote is expected later this month.",
    "So far, no other country has followed.",
    "Still, the deal may not survive the summer.",
]
LEDE = (
    "The Danish defence ministry on Tuesday ordered four more patrol ships for the Baltic, "
    "its largest naval order in two decades, officials said."
)
BODY = (
    "The ships will be built at the yard in Frederikshavn, the ministry said, and the first is "
    "due in the water by the spring of 2028, a year later than the navy had asked for."
)


def _block(text: str, width: int = 80) -> Block:
    lines: list[Line] = []
    at = 0
    while text:
        row = text[:width].rsplit(" ", 1)[0] if len(text) > width else text
        lines.append(Line(len(lines) + 1, at, at + len(row), row))
        at += len(row) + 1
        text = text[len(row) :].lstrip()
    return Block(lines, "hard")


def test_the_model_reads_short_lines_and_two_line_headlines_only() -> None:
    assert headline_model.heading_shaped(_block(HEADLINES[0]), 80)
    assert headline_model.heading_shaped(_block(INSIDE[0]), 80)
    assert not headline_model.heading_shaped(_block(LEDE), 80)  # two lines, not heading-wide
    assert not headline_model.heading_shaped(_block(f"{LEDE} {BODY}"), 80)  # four lines


def test_the_shipped_model_reads_headlinese_above_lines_from_inside_a_story() -> None:
    # Trained on US political news, it is right here on average, not on every single line.
    model = headline_model.load()
    mean_headline = sum(model.llr(t) for t in HEADLINES) / len(HEADLINES)
    mean_inside = sum(model.llr(t) for t in INSIDE) / len(INSIDE)
    assert mean_headline > mean_inside + 1.0
    assert mean_headline > 0.0 > mean_inside


def _model_for(text: str, weight: float) -> LedeModel:
    coef = np.zeros(lede_model.DIM, dtype=np.float32)
    coef[hashed(text)] = weight
    return LedeModel(coef=coef, intercept=0.0, prior=0.0)


def test_evidence_counts_only_for_a_headline_and_is_weighed_by_trust(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(headline_model, "load", lambda: _model_for(HEADLINES[0], 0.5))
    full = headline_model.evidence(HEADLINES[0], 1.0)
    assert full == pytest.approx(0.5 * len(hashed(HEADLINES[0])))
    assert headline_model.evidence(HEADLINES[0], 0.5) == pytest.approx(full / 2)
    monkeypatch.setattr(headline_model, "load", lambda: _model_for(HEADLINES[0], -0.5))
    assert headline_model.evidence(HEADLINES[0], 1.0) == 0.0  # never against a headline


def _candidate(headline_llr: float) -> tuple[float, list[str]]:
    blocks = [_block(BODY), _block(HEADLINES[0]), _block(LEDE), _block(BODY)]
    blocks[1].headline_llr = headline_llr
    running = boundary.Running()
    running.add(BODY)
    score, why, lede = boundary.candidate(blocks, 1, running, 80, {})
    assert lede == 2  # read as a headline over its lede
    return score, why


def test_headline_evidence_counts_toward_a_boundary_at_a_heading() -> None:
    base, why = _candidate(0.0)
    assert not any(w.startswith("headline-model") for w in why)
    score, why = _candidate(1.5)
    assert score == pytest.approx(base + 1.5 * boundary.W_HEADLINE_MODEL)
    assert "headline-model:+1.5" in why


def test_segment_asks_the_model_of_heading_shaped_paragraphs_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[tuple[str, float]] = []

    def spy(text: str, trust: float) -> float:
        asked.append((text, trust))
        return 0.0

    monkeypatch.setattr(headline_model, "evidence", spy)
    monkeypatch.setattr(lede_model, "weighed", lambda texts: ([0.0] * len(texts), 1.0))
    segment(f"{BODY}\n{HEADLINES[1]}\n{LEDE}\n{BODY}\n")
    assert [text for text, _ in asked] == [HEADLINES[1]]
    assert asked[0][1] == 1.0
    asked.clear()
    monkeypatch.setattr(lede_model, "weighed", lambda texts: ([0.0] * len(texts), 0.0))
    segment(f"{BODY}\n{HEADLINES[1]}\n{LEDE}\n{BODY}\n")
    assert asked == []  # a dump the news models are not trusted in
