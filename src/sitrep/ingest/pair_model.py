"""A learned model of a paragraph break: does the paragraph after it open a new story, given the
paragraph before it?

The lede model (:mod:`sitrep.ingest.lede_model`) reads one paragraph alone. A bare lede in a
dump, with no headline or separator over it, follows the last paragraph of another story, and
the break between them says more than either side: the story before ends on a closing quote or
an aside ("..., he said."), the new one opens on a name or a place, and the two share few words
and no names. This model reads both sides. Its features are the lede model's of the paragraph
after the break, the last words, token shapes, length and sentence count of the paragraph
before it, and what the two share (content words, capitalised names, their share of the next
paragraph's words, and the next paragraph's first word crossed with how much they share: "He"
after a paragraph that names no one is not the "He" of a continuing story).

It has the lede model's form and fit, trained offline (``bench/train_lede.py``) on PolNeAR
train: the breaks inside each article (adjacent paragraphs) against breaks between articles (an
article's last paragraph, then the first body paragraph of another one). On PolNeAR dev's breaks
it ranks a break between stories above one inside a story 95 times in 100; the lede model alone,
reading only the paragraph after, 90. ``data/pair_model.npz`` holds only the weights.

Segmenting reads it in place of the lede model at every body paragraph that has a paragraph
before it, weighed by the same trust (:func:`sitrep.ingest.lede_model.weighed`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

import numpy as np
from numpy.typing import NDArray

from sitrep.datafiles import load_bytes
from sitrep.ingest import lede_model
from sitrep.ingest.cohesion import content_words
from sitrep.ingest.lede_model import LedeModel, buckets, fit_rows, log_bin, shape, tokens

MODEL_FILE = "pair_model.npz"
_NAME = re.compile(r"\b[A-Z][a-z]+")


def features(before: str, after: str) -> list[str]:
    """The named features of the break between paragraph ``before`` and paragraph ``after``."""
    return [
        *("L:" + f for f in lede_model.features(after)),
        *_ending(before),
        *_shared(before, after),
    ]


def _ending(text: str) -> list[str]:
    """How a paragraph ends: its last words and token shapes, its length and sentence count."""
    words = tokens(text)
    lower = [t.lower() for t in words]
    return [
        "e1:" + " ".join(lower[-1:]),
        "e2:" + " ".join(lower[-2:]),
        "esh:" + "".join(shape(t) for t in words[-3:]),
        f"elen:{log_bin(len(words))}",
        f"ens:{min(5, len(lede_model.sentences(text)))}",
    ]


def _shared(before: str, after: str) -> list[str]:
    """What two paragraphs share: content words, capitalised names, and the share of the second
    one's words; the second one's first word crossed with how much they share."""
    words_before, words_after = set(content_words(before)), set(content_words(after))
    names_before = {m.lower() for m in _NAME.findall(before)}
    names_after = {m.lower() for m in _NAME.findall(after)}
    shared = len(words_before & words_after)
    first = (tokens(after) or [""])[0].lower()
    return [
        f"ov:{min(shared, 6)}",
        f"ovn:{min(len(names_before & names_after), 4)}",
        f"ovr:{int(10 * shared / max(1, len(words_after)))}",
        f"b1xov:{first}:{min(shared, 2)}",
    ]


def hashed(before: str, after: str) -> NDArray[np.int64]:
    """The distinct feature buckets of a break."""
    return buckets(features(before, after))


@cache
def load() -> LedeModel:
    """The shipped model (read once)."""
    return LedeModel.read(load_bytes("sitrep.ingest", MODEL_FILE))


def llr(before: str, after: str) -> float:
    """The log-likelihood ratio that ``after`` opens a new story (0 means no evidence)."""
    model = load()
    return model.score(hashed(before, after)) - model.prior


def fit(
    breaks: Sequence[tuple[str, str]],
    labels: Sequence[bool],
    c: float = 0.2,
    steps: int = 400,
) -> LedeModel:
    """Fit the model on breaks (the paragraph before, the paragraph after), labelled True where
    the paragraph after opens another story (see :func:`sitrep.ingest.lede_model.fit`)."""
    return fit_rows([hashed(before, after) for before, after in breaks], labels, c, steps)
