"""The countries each stretch of a dump is about, as evidence for article boundaries.

A news article keeps to a few countries: it names them, their people ("Polish") and their seats
of power ("the Kremlin") again and again. Where a dump moves from one set of countries to
another, an article most likely ends. The countries are read with the actor gazetteer
(:mod:`sitrep.actors.gazetteer`: names, demonyms, seats, known persons' countries) and weighed
as a description length (:mod:`sitrep.ingest.stretch_costs`), with the prior centred on the
dump's own mix, so that a country every article of the dump names tells none apart. How much
the cost weighs grows with how widely the dump's mentions spread over countries (``spread``): a
change of country says more in a dump of news from everywhere than in one about a single country.
"""

from __future__ import annotations

import numpy as np

from sitrep.actors.gazetteer import load_gazetteer, split_words
from sitrep.ingest.blocks import Block
from sitrep.ingest.stretch_costs import CategoryCosts

# Total prior weight over the dump's countries: an article is expected to keep to a few.
CONCENTRATION = 1.0


def countries(text: str) -> list[str]:
    """ISO 3166 alpha-3 codes of the countries the text names, once per mention."""
    return [m.entry.country for m in load_gazetteer().scan(split_words(text)) if m.entry.country]


class Places(CategoryCosts):
    """Description length of the country mentions of any stretch of blocks as one article
    (noise blocks count nothing)."""

    def __init__(self, blocks: list[Block]) -> None:
        mentions = [countries(b.text) if b.kind is None else [] for b in blocks]
        codes = sorted({c for found in mentions for c in found})
        column = {code: k for k, code in enumerate(codes)}
        rows = np.zeros((len(blocks), max(1, len(codes))), dtype=np.int64)
        for i, found in enumerate(mentions):
            for code in found:
                rows[i, column[code]] += 1
        super().__init__(rows, [(slice(0, rows.shape[1]), CONCENTRATION)])
        totals = rows.sum(axis=0)
        share = totals[totals > 0] / max(1, int(totals.sum()))
        # Entropy in nats of the dump's country mix: about 1 in a dump of US election news,
        # over 2 in one of defense or wire news that moves from country to country.
        self.spread = float(-(share * np.log(share)).sum())
