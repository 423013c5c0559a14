"""A learned headline model: how much a heading-shaped line reads as a story's headline.

The hand-set heading weights (:func:`sitrep.ingest.headlines.heading_score`) see shapes:
Headline Case, "Headline; Deck", capitals, a short line with or without a final stop. A short
sentence has the shape of a headline ("AFL-CIO to endorse Clinton.") and of a one-line
paragraph inside a story ("Clinton and the DNC rejected the allegation.") alike; what tells them
apart is headlinese: dropped articles, the present tense, "to" for the future, "Poll: ...". Of
the heading-shaped PolNeAR dev paragraphs not in Headline Case, the heading weight ranks a
headline above another line 64 times in 100; this model, 91 (of all of them, 83 and 95).

It has the lede model's form and features (:mod:`sitrep.ingest.lede_model`), trained offline
(``bench/train_lede.py``) on the PolNeAR train paragraphs that are heading-shaped
(:func:`~sitrep.ingest.headlines.heading_shaped`): each article's headline against the other
ones (section headers, one-line paragraphs, closing lines). ``data/headline_model.npz`` holds
only the weights.

Only what speaks for a headline counts (:func:`evidence` is never below zero): headlines
unlike the training ones (a quotation as a headline, "We need law and order. If we don't have
it, ...") keep their hand-set weight instead of losing it, and the hand-set rules already weigh
what speaks against one. The evidence is weighed by the trust the lede model earns in the dump
(:func:`sitrep.ingest.lede_model.weighed`): both models learned from the same news.
"""

from __future__ import annotations

from functools import cache

from sitrep.datafiles import load_bytes
from sitrep.ingest.headlines import heading_shaped
from sitrep.ingest.lede_model import LedeModel

__all__ = ["MODEL_FILE", "evidence", "heading_shaped", "load"]

MODEL_FILE = "headline_model.npz"


@cache
def load() -> LedeModel:
    """The shipped model (read once)."""
    return LedeModel.read(load_bytes("sitrep.ingest", MODEL_FILE))


def evidence(text: str, trust: float) -> float:
    """What the model says for ``text`` being a headline, as a log-likelihood ratio weighed by
    ``trust`` (0 to 1); zero when it says nothing for it."""
    return trust * max(0.0, load().llr(text))
