"""A learned model of a paragraph break: does the paragraph after it open a new story, read
between the paragraphs around it?

The lede model (:mod:`sitrep.ingest.lede_model`) reads one paragraph alone. A bare lede in a
dump, with no headline or separator over it, follows the last paragraphs of another story and
goes on into its own, and what it shares with either side says more than the paragraph alone:
the story before ends on a closing quote or an aside ("..., he said."); the new one opens on a
name or a place, shares few words and no names with the paragraphs before it, and many with the
paragraph after it. This model reads a break with that context. Its features are

* the lede model's of the paragraph after the break;
* how the paragraph before it ends: its last words and token shapes, its length and sentence
  count;
* what the two share: content words, names, their share of the next paragraph's words, and its
  first word crossed with how much they share ("He" after a paragraph that names no one is not
  the "He" of a story going on);
* what the paragraph after shares with the last ``CONTEXT`` paragraphs before the break;
* what the paragraph after it (the one that follows, if any) shares with it, against what that
  one shares with the paragraphs before the break: a new story's second paragraph goes on from
  its lede, not from the story before.

It has the lede model's form and fit, trained offline (``bench/train_lede.py``) on PolNeAR
train articles laid end to end as in a dump, in random orders: every break inside an article
against every break between two. On PolNeAR dev's breaks it ranks a break between stories above
one inside a story 96 times in 100; the lede model alone, reading only the paragraph after, 91.
``data/break_model.npz`` holds only the weights.

Segmenting reads it in place of the lede model at every body paragraph that has a paragraph
before it, weighed by the trust the lede model earns in the dump
(:func:`sitrep.ingest.lede_model.weighed`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
from numpy.typing import NDArray

from sitrep.datafiles import load_bytes
from sitrep.ingest import lede_model
from sitrep.ingest.cohesion import content_words
from sitrep.ingest.lede_model import LedeModel, buckets, fit_rows, log_bin, shape, tokens

MODEL_FILE = "break_model.npz"
CONTEXT = 3  # paragraphs before a break that the model reads
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+")
# Capitalised words that open sentences of any story: no name.
_OPENERS = frozenset(
    {"the", "but", "he", "she", "it", "in", "a", "and", "this", "that", "they", "we", "i"}
    | {"mr", "mrs", "ms"}
)


@dataclass(frozen=True)
class Break:
    """A paragraph break: the paragraphs before it (nearest last, at most ``CONTEXT`` read),
    the paragraph after it, and the paragraph that follows that one (None at the end)."""

    before: Sequence[str]
    after: str
    following: str | None = None


def features(at: Break) -> list[str]:
    """The named features of a break (the paragraphs before it must not be empty)."""
    context = at.before[-CONTEXT:]
    last = context[-1]
    return [
        *("L:" + f for f in lede_model.features(at.after)),
        *_ending(last),
        *_shared(last, at.after),
        *_context(context, at.after),
        *_going_on(context, at.after, at.following),
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
    """What two adjacent paragraphs share: content words, names, and the share of the second
    one's words; the second one's first word crossed with how much they share."""
    words_after = _words(after)
    shared = len(_words(before) & words_after)
    first = (tokens(after) or [""])[0].lower()
    return [
        f"ov:{min(shared, 6)}",
        f"ovn:{min(len(_names(before) & _names(after)), 4)}",
        f"ovr:{int(10 * shared / max(1, len(words_after)))}",
        f"b1xov:{first}:{min(shared, 2)}",
    ]


def _context(context: Sequence[str], after: str) -> list[str]:
    """What a paragraph shares with the paragraphs before it."""
    words_after = _words(after)
    shared = len(_all_words(context) & words_after)
    return [
        f"c3ov:{min(shared, 8)}",
        f"c3ovn:{min(len(_all_names(context) & _names(after)), 4)}",
        f"c3r:{int(10 * shared / max(1, len(words_after)))}",
    ]


def _going_on(context: Sequence[str], after: str, following: str | None) -> list[str]:
    """Whether the paragraph that follows goes on from the paragraph after the break or from
    the paragraphs before it."""
    if following is None:
        return ["fnone"]
    words, names = _words(following), _names(following)
    from_after = len(_words(after) & words)
    from_before = len(_all_words(context) & words)
    return [
        f"fov:{min(from_after, 6)}",
        f"fbo:{min(from_before, 6)}",
        f"fd:{max(-3, min(3, from_after - from_before))}",
        f"fnn:{min(len(_names(after) & names), 3)}:{min(len(_all_names(context) & names), 3)}",
    ]


# A paragraph is read in up to CONTEXT + 2 breaks in a row: its words and names are found once.
@lru_cache(maxsize=4 * CONTEXT)
def _words(text: str) -> frozenset[str]:
    return frozenset(content_words(text))


@lru_cache(maxsize=4 * CONTEXT)
def _names(text: str) -> frozenset[str]:
    """Capitalised words, lower-cased, but for common sentence openers."""
    return frozenset(m.lower() for m in _CAPITALISED.findall(text)) - _OPENERS


def _all_words(texts: Sequence[str]) -> set[str]:
    return set().union(*(_words(t) for t in texts))


def _all_names(texts: Sequence[str]) -> set[str]:
    return set().union(*(_names(t) for t in texts))


def hashed(at: Break) -> NDArray[np.int64]:
    """The distinct feature buckets of a break."""
    return buckets(features(at))


@cache
def load() -> LedeModel:
    """The shipped model (read once)."""
    return LedeModel.read(load_bytes("sitrep.ingest", MODEL_FILE))


def llr(at: Break) -> float:
    """The log-likelihood ratio that the paragraph after the break opens a new story (0 means
    no evidence)."""
    model = load()
    return model.score(hashed(at)) - model.prior


def fit(
    breaks: Sequence[Break], labels: Sequence[bool], c: float = 0.2, steps: int = 400
) -> LedeModel:
    """Fit the model on breaks labelled True where the paragraph after opens another story
    (see :func:`sitrep.ingest.lede_model.fit`)."""
    return fit_rows([hashed(at) for at in breaks], labels, c, steps)
