"""A learned lede model: how much a paragraph reads like the first paragraph of a news story.

The hand-set lede cues of :mod:`sitrep.ingest.boundary` (a weekday, a full name with a title,
one long sentence) see a few habits of news ledes. This model learns the rest from annotated
news: a logistic regression over hashed features of a paragraph's first words, the shapes of its
first four tokens, its last word, the words of its first sentence and its length. Ledes open on
"The", a name or a place and say what happened; a paragraph inside a story opens on "But", "He"
or a quotation and reads as part of an argument.

It is trained offline (``bench/train_lede.py``) on the first body paragraphs of the PolNeAR
train articles against their other paragraphs; ``data/lede_model.npz`` holds the weights and
nothing else: no word of the training text, only numbers in hashed buckets.

A model trained on one kind of news knows less about another. In a dump where its scores set
paragraphs little apart (a spread under ``CONFIDENT_SPREAD``), it is trusted less, down to not at
all (:func:`confidence`).
"""

from __future__ import annotations

import io
import math
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
from numpy.typing import NDArray

from sitrep.datafiles import load_bytes

DIM = 1 << 15  # hashed feature buckets
MODEL_FILE = "lede_model.npz"
# The standard deviation of log-odds over a dump's body paragraphs: dumps of held-out news
# like the training news (PolNeAR dev) spread 1.5 to 2.1 (median 1.7), of synthetic wire stories
# 1.0 to 1.7 (median 1.3); the defence-news seed dump 1.5. Trust ramps from 0 to 1 between:
CONFIDENT_SPREAD = (1.3, 1.7)

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’.-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*|[\"“”‘’'—–:;?!()]")
_SENTENCE_END = re.compile(r"(?<=[.?!])[\"”’]?\s+(?=[\"“‘A-Z])")


def tokens(text: str) -> list[str]:
    """The words, numbers and punctuation marks the features are made of."""
    return _TOKEN.findall(text)


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph (split after a stop before a capital or a quotation)."""
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def shape(token: str) -> str:
    """A token's shape: "X" capitalised, "x" lower case, "d" a number, else the mark itself."""
    if token[0].isupper():
        return "X"
    if token[0].islower():
        return "x"
    if token[0].isdigit():
        return "d"
    return token


# Segmenting reads each paragraph alone, then after a break: once per dump of up to this many.
@lru_cache(maxsize=1024)
def features(text: str) -> tuple[str, ...]:
    """The named features of a paragraph (before hashing)."""
    words = tokens(text)
    lower = [t.lower() for t in words]
    parts = sentences(text)
    first = [t.lower() for t in tokens(parts[0])] if parts else []
    out = [
        "b1:" + " ".join(lower[:1]),
        "b2:" + " ".join(lower[:2]),
        "sh:" + "".join(shape(t) for t in words[:4]),
        "e:" + (lower[-1] if lower else ""),
        f"len:{log_bin(len(words))}",
        f"ns:{min(5, len(parts))}",
        f"ns1len:{log_bin(len(first))}",
    ]
    out.extend("f:" + w for w in sorted(set(first)))
    return tuple(out)


def log_bin(count: int) -> int:
    """A count in doubling bins, the last from 255 on."""
    return min(8, int(math.log2(count + 1)))


def buckets(names: Iterable[str]) -> NDArray[np.int64]:
    """The distinct hashed buckets of named features, in a stable order."""
    found = {zlib.crc32(f.encode("utf-8")) % DIM for f in names}
    return np.fromiter(sorted(found), dtype=np.int64, count=len(found))


def hashed(text: str) -> NDArray[np.int64]:
    """The distinct feature buckets of a paragraph."""
    return buckets(features(text))


@dataclass(frozen=True)
class LedeModel:
    """Weights per bucket, the intercept, and the log prior odds of a lede in training."""

    coef: NDArray[np.float32]
    intercept: float
    prior: float

    def log_odds(self, text: str) -> float:
        """Log-odds that ``text`` is an article's first paragraph, at the training prior."""
        return self.score(hashed(text))

    def score(self, row: NDArray[np.int64]) -> float:
        """Log-odds of an example given as its feature buckets, at the training prior."""
        return float(self.coef[row].sum()) + self.intercept

    def llr(self, text: str) -> float:
        """The log-likelihood ratio: log-odds less the prior (0 means no evidence)."""
        return self.log_odds(text) - self.prior

    def save(self, path: str) -> None:
        """Write the model as ``.npz`` (weights as float16: a third the size, same decisions)."""
        np.savez_compressed(
            path,
            coef=self.coef.astype(np.float16),
            intercept=np.array(self.intercept),
            prior=np.array(self.prior),
        )

    @classmethod
    def read(cls, raw: bytes) -> LedeModel:
        """A model from the bytes :meth:`save` wrote."""
        with np.load(io.BytesIO(raw), allow_pickle=False) as data:
            return cls(
                coef=data["coef"].astype(np.float32),
                intercept=float(data["intercept"]),
                prior=float(data["prior"]),
            )


@cache
def load() -> LedeModel:
    """The shipped model (read once)."""
    return LedeModel.read(load_bytes("sitrep.ingest", MODEL_FILE))


def confidence(log_odds: Sequence[float]) -> float:
    """How far to trust the model in one dump, from 0 to 1, by the spread of its scores."""
    if len(log_odds) < 2:
        return 0.0
    low, high = CONFIDENT_SPREAD
    spread = float(np.std(log_odds))
    return min(1.0, max(0.0, (spread - low) / (high - low)))


def evidence(texts: Sequence[str]) -> list[float]:
    """Each paragraph's log-likelihood ratio of opening an article, weighed by the model's
    confidence in this dump."""
    return weighed(texts)[0]


def weighed(texts: Sequence[str]) -> tuple[list[float], float]:
    """:func:`evidence` of the paragraphs, and the confidence it was weighed by: how far news
    models learned from the same news (this one, :mod:`sitrep.ingest.headline_model`) are to
    be trusted in this dump."""
    model = load()
    scores = [model.log_odds(t) for t in texts]
    trust = confidence(scores)
    return [trust * (s - model.prior) for s in scores], trust


def fit(
    texts: Sequence[str],
    labels: Sequence[bool],
    c: float = 0.2,
    steps: int = 400,
    rate: float = 0.05,
) -> LedeModel:
    """L2-regularised logistic regression (penalty ``1/(2c)·|w|²``, intercept free) fitted by
    full-batch Adam on the paragraphs' hashed features."""
    return fit_rows([hashed(t) for t in texts], labels, c, steps, rate)


def fit_rows(
    rows: Sequence[NDArray[np.int64]],
    labels: Sequence[bool],
    c: float = 0.2,
    steps: int = 400,
    rate: float = 0.05,
) -> LedeModel:
    """:func:`fit` on examples given as their feature buckets (any model of this form)."""
    y = np.asarray(labels, dtype=np.float64)
    if not rows or y.min() == y.max():
        raise ValueError("fit needs both ledes and other paragraphs")
    lengths = np.array([len(r) for r in rows])
    cols = np.concatenate(rows)
    row_of = np.repeat(np.arange(len(rows)), lengths)
    w = np.zeros(DIM + 1)  # the last entry is the intercept
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    beta1, beta2 = 0.9, 0.999
    for step in range(1, steps + 1):
        z = np.bincount(row_of, weights=w[cols], minlength=len(rows)) + w[-1]
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        residual = p - y
        grad = np.empty_like(w)
        grad[:-1] = np.bincount(cols, weights=residual[row_of], minlength=DIM) + w[:-1] / c
        grad[-1] = residual.sum()
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad * grad
        m_hat = m / (1 - beta1**step)
        v_hat = v / (1 - beta2**step)
        w -= rate * m_hat / (np.sqrt(v_hat) + 1e-8)
    share = float(y.mean())
    return LedeModel(
        coef=w[:-1].astype(np.float32),
        intercept=float(w[-1]),
        prior=math.log(share / (1 - share)),
    )
