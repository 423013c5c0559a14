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

    Counts are kept as prefix sums over the blocks (noise blocks count nothing); the log-gamma
    values the Dirichlet-multinomial needs are tabulated over counts, and the tables grow only
    as far as the longest stretch asked about needs (an article's marks, not a whole dump's).
    """

    def __init__(self, blocks: list[Block]) -> None:
        width = sum(len(members) for members in families())
        rows = np.zeros((len(blocks), width), dtype=np.int64)
        for i, block in enumerate(blocks):
            if block.kind is None:
                rows[i] = mark_counts(block.text)
        self._prefix = np.vstack([np.zeros((1, width), dtype=np.int64), rows.cumsum(axis=0)])
        totals = self._prefix[-1]
        self._families: list[tuple[slice, NDArray[np.float64]]] = []
        start = 0
        for members in families():
            cols = slice(start, start + len(members))
            mix = (totals[cols] + SMOOTHING) / (totals[cols].sum() + SMOOTHING * len(members))
            self._families.append((cols, CONCENTRATION * len(members) * mix))
            start += len(members)
        # Per family: lgamma(prior + x) member by member, and lgamma(sum of priors + n).
        self._member_tables = [np.zeros((len(prior), 0)) for _, prior in self._families]
        self._family_tables = [np.zeros(0) for _ in self._families]

    def _tables(self, f: int, top: int) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Family ``f``'s log-gamma tables, covering counts up to ``top``."""
        have = self._family_tables[f].shape[0]
        if top >= have:
            prior = self._families[f][1]
            steps = range(have, max(top + 1, 2 * have))
            more = np.asarray([[math.lgamma(a + x) for x in steps] for a in prior])
            self._member_tables[f] = np.hstack([self._member_tables[f], more])
            total = float(prior.sum())
            extra = np.asarray([math.lgamma(total + x) for x in steps])
            self._family_tables[f] = np.concatenate([self._family_tables[f], extra])
        return self._member_tables[f], self._family_tables[f]

    def costs(self, starts: Sequence[int], end: int) -> NDArray[np.float64]:
        """Description length in nats of each stretch ``[start, end)`` of blocks."""
        counts = self._prefix[end] - self._prefix[np.asarray(starts, dtype=np.intp)]
        cost = np.zeros(len(starts))
        for f, (cols, _) in enumerate(self._families):
            x = counts[:, cols]
            n = x.sum(axis=1)
            members, family = self._tables(f, int(n.max(initial=0)))
            empty = members[:, 0].sum() - family[0]
            cost += empty - (members[np.arange(x.shape[1]), x].sum(axis=1) - family[n])
        return cost

    def cut_saving(self, start: int, cut: int, end: int) -> float:
        """Nats saved by reading ``[start, end)`` as two articles split at ``cut``: large when
        the two halves print their marks two ways, below zero when they print them alike."""
        whole = self.costs([start], end)[0]
        return float(whole - self.costs([start], cut)[0] - self.costs([cut], end)[0])
