"""Choosing a dump's article starts all at once, as a best path.

Segmentation as a best path (Utiyama and Isahara 2001): every start brings its evidence over a
threshold that falls as the dump's own articles get shorter (a dump of short wire items has more
starts per paragraph), and every article pays a log-normal length cost around the dump's own
typical length (guessed from a greedy reading, then re-read off the decoded articles and decoded
again) and a lexical cost, the description length of its words under a model of its own, so that
two stretches with different vocabularies are cheaper apart and one story is cheaper whole; the
same holds for its house style, the quotation marks, apostrophes and dashes it prints
(:mod:`sitrep.ingest.typography`: outlets differ in them), and for the countries it names
(:mod:`sitrep.ingest.places`). Local evidence cannot tell a long article's second topic from a
new article, nor a stray paragraph from a short article; the article-level costs can, when the
evidence is close.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from sitrep.ingest.blocks import Block
from sitrep.ingest.boundary import THRESHOLD, marked
from sitrep.ingest.cohesion import content_words
from sitrep.ingest.places import Places
from sitrep.ingest.typography import HouseStyle

# Global decoding: a log-normal prior on article length in characters (news articles run from
# about 1,000 to 10,000 characters, typically 3,500), weighed against the boundary evidence.
ARTICLE_MEDIAN_CHARS = 3500
ARTICLE_LOG_SIGMA = 0.85
W_LENGTH = 1.4
# The evidence a start must bring to pay for itself before length costs, in a dump of typical
# news articles. A dump of shorter items has more starts among its paragraphs: the threshold
# falls by the log of how much shorter than SHORT_ITEMS_CHARS its own typical article is.
DECODE_THRESHOLD = 3.5
SHORT_ITEMS_CHARS = 2500
# A greedy reading's articles include fragments of split ones: the typical article is read off
# their upper quartile, then off the median of the decoded articles (see decode_dump).
GREEDY_LENGTH_SHARE = 0.75
MAX_ARTICLE_CHARS = 20000  # about twice the longest usual article: no longer ones are tried
W_LEXICAL = 0.15  # per nat of an article's description length (Utiyama and Isahara 2001)
W_STYLE = 0.4  # per nat of the description length of its house-style marks (typography.py)
# Per nat of the description length of the countries it names (places.py), per nat of the
# spread of the dump's own country mentions: a dump of US election news (spread about 1)
# weighs countries little, one of defense or wire news (2 to 3) weighs them more. Past
# WIDE_SPREAD nats, a dump of news from everywhere, each further nat adds W_PLACES_WIDE: there
# a change of countries is about the surest sign of a new story, the more so the wider.
W_PLACES = 0.12
WIDE_SPREAD = 2.0
W_PLACES_WIDE = 0.7
LEXICAL_MIN_IDF = 1.5  # words in more than about a fifth of the dump's stretches do not count
# V of the smoothing, fixed rather than the dump's own vocabulary size: as V grows past the
# words of an article, every model flattens and two stretches never pay for being apart, so a
# long dump would be read into ever fewer articles. About a ten-article dump's counted words.
LEXICAL_VOCABULARY = 2000
VOCABULARY_CHUNK_CHARS = 40000  # stretch starts sharing one table of word counts
FORCED = 100.0  # added to marked boundaries: decoding keeps them


@dataclass(frozen=True, slots=True)
class Candidate:
    """A scored paragraph start: block ``index``, its evidence, and the block its lede is in
    (``lede != index`` when the block is taken as the new article's headline)."""

    index: int
    score: float
    why: tuple[str, ...]
    lede: int


def length_cost(chars: int, typical: int = ARTICLE_MEDIAN_CHARS) -> float:
    """How unlikely an article of ``chars`` characters is, as a log-normal prior: zero at the
    ``typical`` length, growing with the squared log-ratio on either side."""
    z = (math.log(max(chars, 1)) - math.log(max(typical, 1))) / ARTICLE_LOG_SIGMA
    return W_LENGTH * z * z / 2


def _length_costs(chars: NDArray[np.float64], typical: int) -> NDArray[np.float64]:
    """:func:`length_cost` of many lengths at once."""
    z = (np.log(np.maximum(chars, 1.0)) - math.log(max(typical, 1))) / ARTICLE_LOG_SIGMA
    costs: NDArray[np.float64] = W_LENGTH * z * z / 2
    return costs


def start_cost(typical: int) -> float:
    """The evidence a start must bring in a dump whose articles run ``typical`` characters.

    Boundary evidence is weighed on a log-odds scale whose prior suits news-length articles
    (about one start in twenty paragraphs). Starts are as many times more frequent as articles
    are shorter, so in a dump of short items (typically under SHORT_ITEMS_CHARS) the prior odds
    rise by the log of that ratio: 1,300-character wire items need about 0.65 less evidence per
    start. News-length dumps keep the full threshold: their typical length, read off a greedy
    reading that misses starts, is too rough to tune it by.
    """
    return DECODE_THRESHOLD - max(0.0, math.log(SHORT_ITEMS_CHARS / max(typical, 1)))


def block_offsets(blocks: list[Block]) -> list[int]:
    """Character offset of every block in the unwrapped dump, and of its end (last item)."""
    offsets = [0]
    for b in blocks:
        offsets.append(offsets[-1] + len(b.text) + 1)
    return offsets


def typical_length(blocks: list[Block], starts: Sequence[int], share: float = 0.5) -> int:
    """The dump's own typical article length, so that a dump of short items is not pushed into
    news-length articles: the length that ``share`` of the articles between ``starts`` stay
    under (by default the upper median), at most ARTICLE_MEDIAN_CHARS."""
    offsets = block_offsets(blocks)
    bounds = [*starts, len(blocks)]
    lengths = sorted(offsets[b] - offsets[a] for a, b in zip(bounds, bounds[1:], strict=False))
    if not lengths:
        return ARTICLE_MEDIAN_CHARS
    return min(ARTICLE_MEDIAN_CHARS, lengths[min(len(lengths) - 1, int(len(lengths) * share))])


class Vocabulary:
    """Content-word counts of the blocks, for the description length of any stretch as one
    article (Utiyama and Isahara 2001: a stretch whose words repeat each other is cheap to
    encode as one segment, two stretches with different words are cheaper apart).

    Counts are kept as prefix sums over windows of about VOCABULARY_CHUNK_CHARS characters,
    each with its own word ids. Decoding asks about stretches in dump order, so only the window
    in use is kept: memory stays that of one window (a few MB) however long the dump. Keeping
    every window cost about 70 MB per MB of dump, 3.5 GB for a 50 MB one.
    """

    def __init__(
        self, blocks: list[Block], idf: dict[str, float], min_idf: float = LEXICAL_MIN_IDF
    ) -> None:
        self._rows: list[Counter[str]] = []
        words: set[str] = set()
        top = 0
        for b in blocks:
            row: Counter[str] = Counter()
            if b.kind is None:
                # Words all over the dump ("defense" in defense news) glue any two neighbours
                # together: only words some stretches own are counted.
                row = Counter(
                    {w: c for w, c in content_words(b.text).items() if idf.get(w, 0.0) >= min_idf}
                )
            words.update(row)
            top += max(row.values(), default=0)
            self._rows.append(row)
        self.size = max(1, len(words))
        self._offsets = block_offsets(blocks)
        self._longest = max((len(b.text) + 1 for b in blocks), default=0)
        values = np.arange(top + 1, dtype=np.float64)
        self._c_log = values * np.log(values + 1)
        self._chunk_key = -1
        self._chunk_value: tuple[int, NDArray[np.int32]] = (0, np.zeros((1, 1), dtype=np.int32))

    def _chunk(self, first_block: int) -> tuple[int, NDArray[np.int32]]:
        """(first block, prefix counts) of the window holding stretches that start at
        ``first_block`` and run at most MAX_ARTICLE_CHARS (plus one block)."""
        key = self._offsets[first_block] // VOCABULARY_CHUNK_CHARS
        if key != self._chunk_key:
            lo = bisect.bisect_left(self._offsets, key * VOCABULARY_CHUNK_CHARS)
            reach = (key + 1) * VOCABULARY_CHUNK_CHARS + MAX_ARTICLE_CHARS + self._longest
            hi = min(len(self._rows), bisect.bisect_right(self._offsets, reach))
            ids: dict[str, int] = {}
            for row in self._rows[lo:hi]:
                for w in row:
                    ids.setdefault(w, len(ids))
            prefix = np.zeros((hi - lo + 1, max(1, len(ids))), dtype=np.int32)
            for i, row in enumerate(self._rows[lo:hi]):
                prefix[i + 1] = prefix[i]
                for w, c in row.items():
                    prefix[i + 1, ids[w]] += c
            self._chunk_key, self._chunk_value = key, (lo, prefix)
        return self._chunk_value

    def costs(self, starts: Sequence[int], end: int) -> NDArray[np.float64]:
        """Description length in nats of each stretch ``[start, end)`` as one article, with
        Laplace-smoothed word probabilities: n log(n + V) - sum over words of c log(c + 1), with
        V = LEXICAL_VOCABULARY."""
        lo, prefix = self._chunk(min(starts))
        rows = np.asarray(starts, dtype=np.intp) - lo
        stop = end - lo
        # Only the words of the longest stretch can count: the rest are zero in every row.
        (cols,) = np.nonzero(prefix[stop] - prefix[rows.min()])
        counts = prefix[stop, cols] - prefix[np.ix_(rows, cols)]
        n = counts.sum(axis=1).astype(np.float64)
        v = LEXICAL_VOCABULARY
        cost: NDArray[np.float64] = n * np.log(n + v) - self._c_log[counts].sum(axis=1)
        return cost


def places_weight(spread: float) -> float:
    """The weight of the countries' description length in a dump whose country mentions
    spread over ``spread`` nats (see W_PLACES, WIDE_SPREAD)."""
    return W_PLACES * spread + W_PLACES_WIDE * max(0.0, spread - WIDE_SPREAD)


def decode(
    blocks: list[Block],
    first: int,
    candidates: Sequence[Candidate],
    typical: int = ARTICLE_MEDIAN_CHARS,
    vocabulary: Vocabulary | None = None,
    style: HouseStyle | None = None,
    places: Places | None = None,
) -> list[Candidate]:
    """The best set of article starts, as a whole (segmentation as a best path, cf. Utiyama and
    Isahara 2001): each start adds its evidence over :func:`start_cost`, each article pays its
    length cost around the ``typical`` length, given a ``vocabulary`` W_LEXICAL times the
    description length of its words, given a ``style`` W_STYLE times that of its quotation
    marks, apostrophes and dashes and, given ``places``, that of the countries it names, weighed
    by :func:`places_weight` of the spread of the dump's own country mentions.

    Local evidence alone cannot tell a long article's second story from a new article, nor a
    stray paragraph from a short one; the article-level costs can, when the evidence is close.
    Candidates whose marker no neighbour can beat (:func:`marked`) are kept whatever it costs.
    """
    offsets = block_offsets(blocks)
    threshold = start_cost(typical)
    w_places = places_weight(places.spread) if places is not None else 0.0
    # Index 0 stands for the dump's first article, which starts at block ``first``.
    starts = [first, *(c.index for c in candidates)]
    gains = [0.0] + [
        c.score - threshold + (FORCED if marked(list(c.why)) and c.score >= THRESHOLD else 0.0)
        for c in candidates
    ]
    n = len(starts)
    best = np.zeros(n)
    back = [0] * n
    start_at = np.asarray([offsets[b] for b in starts], dtype=np.float64)
    last = 0
    for k in range(1, n + 1):
        end = len(blocks) if k == n else starts[k]
        lo = k - 1
        while lo > 0 and offsets[end] - start_at[lo] <= MAX_ARTICLE_CHARS:
            lo -= 1
        # Every article ending here, from each earlier start in reach, at once.
        values = best[lo:k] - _length_costs(offsets[end] - start_at[lo:k], typical)
        if vocabulary is not None:
            values -= W_LEXICAL * vocabulary.costs(starts[lo:k], end)
        if style is not None:
            values -= W_STYLE * style.costs(starts[lo:k], end)
        if places is not None:
            values -= w_places * places.costs(starts[lo:k], end)
        arg = lo + int(np.argmax(values))
        if k == n:
            last = arg
            break
        best[k] = values[arg - lo] + gains[k]
        back[k] = arg
    chosen: list[Candidate] = []
    while last:
        chosen.append(candidates[last - 1])
        last = back[last]
    return chosen[::-1]


def decode_dump(
    blocks: list[Block],
    greedy: list[int],
    candidates: list[Candidate],
    idf: dict[str, float],
    style: HouseStyle,
) -> list[Candidate]:
    """Decode the candidates twice: around the typical article length a greedy reading
    suggests, then around the typical length of the articles that first decoding found.

    The greedy reading takes a start wherever the local evidence passes, so its articles
    include fragments of split ones: their upper quartile (GREEDY_LENGTH_SHARE) is the better
    guess of the typical article, the more so in a dump of a few articles, where one fragment
    moves the median. Decoding splits less, and its median is the estimate it is decoded by.

    The lexical cost counts the words that fewer than a fifth of the dump's stretches share
    (LEXICAL_MIN_IDF); in a dump of a few articles one article's own words fill more than
    that, so there the bar is the stretches that two typical articles fill.
    """
    places = Places(blocks)
    typical = typical_length(blocks, greedy, GREEDY_LENGTH_SHARE)
    articles = block_offsets(blocks)[-1] / typical
    min_idf = min(LEXICAL_MIN_IDF, math.log(max(articles / 2, 1.0)))
    vocabulary = Vocabulary(blocks, idf, min_idf)
    chosen = decode(blocks, greedy[0], candidates, typical, vocabulary, style, places)
    decoded = typical_length(blocks, [greedy[0], *(c.index for c in chosen)])
    if decoded == typical:
        return chosen
    return decode(blocks, greedy[0], candidates, decoded, vocabulary, style, places)
