"""House style of a dump's stretches: which quotation marks, apostrophes and dashes they print.

Every outlet keeps one typographic convention: “curly” or "straight" or ''doubled'' quotation
marks, ’ or ' apostrophes, em dashes or "--" or " - ". A dump pastes articles from many outlets
together, so where the convention changes, an article most likely ends; where it holds, it
says little (half the articles of a mixed dump share any one convention).

The evidence is a description length, as for the words (Utiyama and Isahara 2001): each article
draws its own preference within every family from a Dirichlet prior, and a stretch costs the
negative log of the Dirichlet-multinomial probability of the marks it prints. Two stretches in
two styles are cheaper apart; one style throughout is cheaper whole. The prior is centred on the
dump's own mix of marks (empirical Bayes), so that in a dump printed in one style throughout,
where the convention cannot tell articles apart, a cut costs next to nothing.

The families live in ``data/typography.json``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from sitrep.datafiles import load_json
from sitrep.ingest.blocks import Block

# Prior weight per family member, times the number of members: small, so that an article is
# expected to keep to one member of a family (a prior of 1 per member would expect a mix).
CONCENTRATION = 0.2
SMOOTHING = 0.5  # added to every member's dump-wide count before the dump's mix is taken


@lru_cache(maxsize=1)
def families() -> tuple[tuple[re.Pattern[str], ...], ...]:
    """The rival marks of each family, in the order of ``data/typography.json``."""
    data = load_json("sitrep.ingest", "typography.json")
    return tuple(
        tuple(re.compile(pattern) for pattern in members) for members in data["families"].values()
    )


def mark_counts(text: str) -> list[int]:
    """How often the text prints each member of each family, family after family."""
    return [len(p.findall(text)) for members in families() for p in members]


class HouseStyle:
    """Description length of the house-style marks of any stretch of blocks as one article.

    Counts are kept as prefix sums over the blocks (noise blocks count nothing), and the
    log-gamma values the Dirichlet-multinomial needs as tables over the counts the dump holds.
    """

    def __init__(self, blocks: list[Block]) -> None:
        width = sum(len(members) for members in families())
        rows = np.zeros((len(blocks), width), dtype=np.int64)
        for i, block in enumerate(blocks):
            if block.kind is None:
                rows[i] = mark_counts(block.text)
        self._prefix = np.vstack([np.zeros((1, width), dtype=np.int64), rows.cumsum(axis=0)])
        totals = self._prefix[-1]
        self._families: list[tuple[slice, NDArray[np.float64], NDArray[np.float64], float]] = []
        start = 0
        for members in families():
            cols = slice(start, start + len(members))
            mix = (totals[cols] + SMOOTHING) / (totals[cols].sum() + SMOOTHING * len(members))
            prior = CONCENTRATION * len(members) * mix
            # lgamma(prior + x) for every count x up to the dump's total, member by member,
            # and lgamma(sum of priors + n) for every family total n.
            top = int(totals[cols].sum())
            steps = np.arange(top + 1, dtype=np.float64)
            members_table = np.asarray(
                [[math.lgamma(a + x) for x in steps] for a in prior], dtype=np.float64
            )
            family_table = np.asarray([math.lgamma(prior.sum() + x) for x in steps])
            empty = float(members_table[:, 0].sum() - family_table[0])
            self._families.append((cols, members_table, family_table, empty))
            start += len(members)

    def costs(self, starts: Sequence[int], end: int) -> NDArray[np.float64]:
        """Description length in nats of each stretch ``[start, end)`` of blocks."""
        counts = self._prefix[end] - self._prefix[np.asarray(starts, dtype=np.intp)]
        cost = np.zeros(len(starts))
        for cols, members_table, family_table, empty in self._families:
            x = counts[:, cols]
            member_terms = members_table[np.arange(x.shape[1]), x].sum(axis=1)
            cost += empty - (member_terms - family_table[x.sum(axis=1)])
        return cost

    def cut_saving(self, start: int, cut: int, end: int) -> float:
        """Nats saved by reading ``[start, end)`` as two articles split at ``cut``: large when
        the two halves print their marks two ways, below zero when they print them alike."""
        whole = self.costs([start], end)[0]
        return float(whole - self.costs([start], cut)[0] - self.costs([cut], end)[0])
