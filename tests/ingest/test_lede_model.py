"""The learned lede model (sitrep.ingest.lede_model) and its place in boundary evidence."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from sitrep.ingest import boundary, lede_model
from sitrep.ingest.blocks import Block, Line
from sitrep.ingest.lede_model import LedeModel, confidence, features, fit, hashed
from sitrep.ingest.segment import segment

LEDE = (
    "The Danish defence ministry on Tuesday ordered four more patrol ships for the Baltic, "
    "its largest naval order in two decades, officials said."
)
INSIDE = "But he said the money would not arrive before next year."
QUOTE = "“We will not wait for them,” she said."
MORE_LEDES = [
    "Senator Ana Holm, the Vermont Democrat who leads the armed services panel, said on Monday "
    "that she would block the sale of fighter jets to the Gulf until the State Department "
    "answers her questions about civilian deaths in Yemen.",
    "Chile and Peru signed a pact on Friday to patrol their shared coast together, ending a "
    "decade of quarrels over fishing rights and smuggling routes along the Pacific border.",
    "President Maria Duarte of Portugal will ask parliament next week to raise military "
    "spending to 2 percent of economic output, two years earlier than planned, her office "
    "announced on Wednesday.",
]
MORE_INSIDE = [
    "The ministry did not say how much the ships would cost. A spokesman declined to comment "
    "further on the talks.",
    "That is a change from last year, when he argued the opposite. He has since said his views "
    "evolved as the war went on.",
]


def _block(text: str) -> Block:
    return Block([Line(1, 0, len(text), text)], "hard")


def test_features_read_the_opening_words_shapes_and_first_sentence() -> None:
    named = features("But the navy said no. It will wait.")
    assert "b1:but" in named
    assert "b2:but the" in named
    assert "sh:Xxxx" in named
    assert "e:wait" in named
    assert "ns:2" in named
    assert "f:navy" in named
    assert "f:wait" not in named  # only the first sentence's words
    assert list(hashed(INSIDE)) == sorted(set(hashed(INSIDE)))  # distinct buckets, stable order


def test_the_shipped_model_reads_news_ledes_above_paragraphs_from_inside() -> None:
    # Texts of our own, in the style of defence news; the model is trained on US political
    # news and is right here on average, not on every single paragraph.
    model = lede_model.load()
    ledes = [LEDE, *MORE_LEDES]
    inside = [INSIDE, QUOTE, *MORE_INSIDE]
    mean_lede = sum(model.llr(t) for t in ledes) / len(ledes)
    mean_inside = sum(model.llr(t) for t in inside) / len(inside)
    assert mean_lede > mean_inside + 1.0
    assert mean_inside < -1.0
    assert model.llr(QUOTE) < min(model.llr(t) for t in ledes)


def test_fit_learns_what_opens_an_article_and_the_prior() -> None:
    texts, labels = [], []
    for k in range(40):
        texts.append(f"Alpha Corp{k} announced a merger on Monday.")
        labels.append(True)
        for j in range(3):
            texts.append(f"But the deal {k} {j} may still fail, analysts said.")
            labels.append(False)
    model = fit(texts, labels, steps=150)
    assert model.prior == pytest.approx(math.log(1 / 3))
    assert model.llr("Alpha Corp99 announced a merger on Monday.") > 2.0
    assert model.llr("But the deal 99 0 may still fail, analysts said.") < -2.0


def test_fit_needs_both_kinds_of_paragraph() -> None:
    with pytest.raises(ValueError, match="both"):
        fit(["One.", "Two."], [False, False])


def test_a_saved_model_reads_back(tmp_path: Path) -> None:
    coef = np.zeros(lede_model.DIM, dtype=np.float32)
    coef[hashed(LEDE)] = 0.5
    path = tmp_path / "model.npz"
    LedeModel(coef=coef, intercept=-1.0, prior=-2.5).save(str(path))
    back = LedeModel.read(path.read_bytes())
    assert back.llr(LEDE) == pytest.approx(0.5 * len(hashed(LEDE)) - 1.0 + 2.5, abs=1e-3)


def test_the_model_is_trusted_only_where_its_scores_spread() -> None:
    low, high = lede_model.CONFIDENT_SPREAD
    assert confidence([-4.0] * 10) == 0.0
    assert confidence([-4.0]) == 0.0
    wide = [-4.0 - high, -4.0 + high] * 5  # standard deviation ``high``
    assert confidence(wide) == pytest.approx(1.0)
    middle = (low + high) / 2
    assert confidence([-4.0 - middle, -4.0 + middle]) == pytest.approx(0.5)


def test_evidence_is_the_likelihood_ratio_weighed_by_trust(monkeypatch: pytest.MonkeyPatch) -> None:
    coef = np.zeros(lede_model.DIM, dtype=np.float32)
    coef[hashed(LEDE)] = 1.0
    model = LedeModel(coef=coef, intercept=-3.0, prior=-3.0)
    monkeypatch.setattr(lede_model, "load", lambda: model)
    scores = lede_model.evidence([LEDE, INSIDE, INSIDE, INSIDE])
    # The lede's buckets all weigh 1: its scores spread far past CONFIDENT_SPREAD (full trust).
    assert scores[0] == pytest.approx(model.llr(LEDE))
    assert scores[0] > 10.0
    assert scores[1] == scores[2] == scores[3] == pytest.approx(model.llr(INSIDE))
    flat = lede_model.evidence([INSIDE, INSIDE])
    assert flat == [0.0, 0.0]


def test_lede_evidence_counts_toward_a_boundary() -> None:
    plain = _block(INSIDE)
    weighed = _block(INSIDE)
    weighed.lede_llr = 2.0
    base, _ = boundary._lede_score(plain, boundary.Running())
    score, why = boundary._lede_score(weighed, boundary.Running())
    assert score == pytest.approx(base + 2.0 * boundary.W_LEDE_MODEL)
    assert "lede-model:+2.0" in why


def test_segment_sets_the_evidence_on_body_paragraphs(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []
    real = lede_model.weighed

    def spy(texts: list[str]) -> tuple[list[float], float]:
        seen.append(list(texts))
        return real(texts)

    monkeypatch.setattr(lede_model, "weighed", spy)
    segment(f"{LEDE}\n{INSIDE}\nTags: navy, Baltic\n{QUOTE}\n")
    assert seen and all("Tags:" not in t for t in seen[0])
    assert LEDE in seen[0][0]
