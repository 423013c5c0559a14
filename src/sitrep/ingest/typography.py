"""House style of a dump's stretches: which quotation marks, apostrophes and dashes they print.

Every outlet keeps one typographic convention: “curly” or "straight" or ''doubled'' quotation
marks, ’ or ' apostrophes, em dashes or "--" or " - ". A dump pastes articles from many outlets
together, so where the convention changes, an article most likely ends; where it holds, it
says little (half the articles of a mixed dump share any one convention).

The evidence is a description length (:mod:`sitrep.ingest.stretch_costs`): each article draws
its own preference within every family from a Dirichlet prior. Two stretches in two styles are
cheaper apart; one style throughout is cheaper whole. The prior is centred on the dump's own mix
of marks, so that in a dump printed in one style throughout, where the convention cannot tell
articles apart, a cut costs next to nothing.

The families live in ``data/typography.json``.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from sitrep.datafiles import load_json
from sitrep.ingest.blocks import Block
from sitrep.ingest.stretch_costs import CategoryCosts

# Prior weight per family member, times the number of members: small, so that an article is
# expected to keep to one member of a family (a prior of 1 per member would expect a mix).
CONCENTRATION = 0.2


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


class HouseStyle(CategoryCosts):
    """Description length of the house-style marks of any stretch of blocks as one article
    (noise blocks count nothing)."""

    def __init__(self, blocks: list[Block]) -> None:
        groups: list[tuple[slice, float]] = []
        start = 0
        for members in families():
            groups.append((slice(start, start + len(members)), CONCENTRATION * len(members)))
            start += len(members)
        rows = np.zeros((len(blocks), start), dtype=np.int64)
        for i, block in enumerate(blocks):
            if block.kind is None:
                rows[i] = mark_counts(block.text)
        super().__init__(rows, groups)
