"""Description length of category counts over stretches of a dump's blocks.

Some evidence about article boundaries is a choice every article makes once and keeps: which
quotation marks it prints (:mod:`sitrep.ingest.typography`), which countries it is about
(:mod:`sitrep.ingest.places`). Each is read as counts of categories per block, in groups of
rivals; an article draws its own preference within each group from a Dirichlet prior, and a
stretch of blocks costs the negative log of the Dirichlet-multinomial probability of its counts
(the description-length view of segmentation, Utiyama and Isahara 2001). Two stretches that
favour different categories are cheaper apart; one that keeps to its categories is cheaper
whole. Each group's prior is centred on the dump's own mix (empirical Bayes), so a category the
whole dump shares tells no article from another.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

SMOOTHING = 0.5  # added to every category's dump-wide count before the dump's mix is taken


class CategoryCosts:
    """Costs of stretches ``[start, end)`` of blocks, from ``rows`` (one row of category counts
    per block) whose columns fall into ``groups``: (columns, total prior weight of the group).

    Counts are kept as prefix sums; the log-gamma values the Dirichlet-multinomial needs are
    tabulated over counts, and the tables grow only as far as the longest stretch asked about
    needs (an article's counts, not a whole dump's).
    """

    def __init__(self, rows: NDArray[np.int64], groups: Sequence[tuple[slice, float]]) -> None:
        width = rows.shape[1]
        self._prefix = np.vstack([np.zeros((1, width), dtype=np.int64), rows.cumsum(axis=0)])
        totals = self._prefix[-1]
        self._groups: list[tuple[slice, NDArray[np.float64]]] = []
        for cols, weight in groups:
            size = cols.stop - cols.start
            mix = (totals[cols] + SMOOTHING) / (totals[cols].sum() + SMOOTHING * size)
            self._groups.append((cols, weight * mix))
        # Per group: lgamma(prior + x) category by category, and lgamma(sum of priors + n).
        self._member_tables = [np.zeros((len(prior), 0)) for _, prior in self._groups]
        self._family_tables = [np.zeros(0) for _ in self._groups]

    def _tables(self, f: int, top: int) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Group ``f``'s log-gamma tables, covering counts up to ``top``."""
        have = self._family_tables[f].shape[0]
        if top >= have:
            prior = self._groups[f][1]
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
        for f, (cols, _) in enumerate(self._groups):
            x = counts[:, cols]
            n = x.sum(axis=1)
            members, family = self._tables(f, int(n.max(initial=0)))
            empty = members[:, 0].sum() - family[0]
            cost += empty - (members[np.arange(x.shape[1]), x].sum(axis=1) - family[n])
        return cost

    def cut_saving(self, start: int, cut: int, end: int) -> float:
        """Nats saved by reading ``[start, end)`` as two articles split at ``cut``: large when
        the two halves favour different categories, below zero when they share them."""
        whole = self.costs([start], end)[0]
        return float(whole - self.costs([start], cut)[0] - self.costs([cut], end)[0])
