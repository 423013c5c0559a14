"""Lexical cohesion between stretches of a dump: content words, tf-idf cosines, windows.

Cohesion in the spirit of TextTiling (Hearst 1997): a would-be new article's first blocks are
compared with the running article's last blocks (local) and with all of it (global), with idf
taken over stretches of the dump itself, so that words every article of the dump shares carry
no weight. Evidence is read off piecewise-linear curves (cosine -> log-odds), set by hand from
how often each cosine was seen at article starts versus inside articles.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from sitrep.ingest.blocks import Block, segment_words

# Both curves look at the same words, so each is damped by COHESION_DAMPING before they are added.
COHESION_CURVE = (
    (0.0, 2.4),
    (0.01, 1.5),
    (0.02, 0.9),
    (0.04, 0.15),
    (0.065, -1.1),
    (0.1, -2.8),
    (0.15, -4.5),
)
COHESION_FULL_CURVE = (
    (0.01, 2.3),
    (0.03, 1.9),
    (0.05, 1.1),
    (0.075, -0.15),
    (0.105, -1.5),
    (0.14, -3.3),
    (0.2, -4.0),
)
COHESION_DAMPING = 0.5
IDF_LINES = 5
COHESION_WORDS = 40  # content words either side, TextTiling's "block size"
COHESION_MAX_BLOCKS = 8


@lru_cache(maxsize=8192)
def content_words(text: str) -> Counter[str]:
    """Content-word counts of a text (cached: callers must not modify the result)."""
    stop = segment_words().stopwords
    return Counter(
        w.removesuffix("’s").removesuffix("'s")
        for w in re.findall(r"[a-z][a-z'’-]{2,}", text.lower())
        if w not in stop
    )


def cosine(a: Counter[str], b: Counter[str], idf: dict[str, float]) -> float:
    """tf-idf cosine (every word of a dump is in its ``idf``; others weigh 1)."""
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = 0.0
    for k, v in a.items():
        if k in b:
            dot += v * b[k] * idf.get(k, 1.0) ** 2
    if not dot:
        return 0.0
    na = math.sqrt(sum((v * idf.get(k, 1.0)) ** 2 for k, v in a.items()))
    nb = math.sqrt(sum((v * idf.get(k, 1.0)) ** 2 for k, v in b.items()))
    return dot / (na * nb)


def curve(x: float, points: tuple[tuple[float, float], ...]) -> float:
    """Piecewise-linear interpolation, flat beyond the first and last points."""
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[-1][1]


def window_after(
    blocks: list[Block],
    start: int,
    words: int = COHESION_WORDS,
    stop: int | None = None,
) -> Counter[str]:
    """Content words of the body blocks from ``start`` on, up to ``words`` of them, looking no
    further than block ``stop`` (by default, COHESION_MAX_BLOCKS blocks on)."""
    after: Counter[str] = Counter()
    end = start + COHESION_MAX_BLOCKS if stop is None else stop
    for j in range(start, min(len(blocks), end)):
        if blocks[j].kind is None:
            after.update(content_words(blocks[j].text))
            if after.total() >= words:
                break
    return after


def window_before(recent: Iterable[str]) -> Counter[str]:
    """Content words of the last texts of ``recent`` (oldest first), up to COHESION_WORDS."""
    before: Counter[str] = Counter()
    for text in reversed(list(recent)):
        before.update(content_words(text))
        if before.total() >= COHESION_WORDS:
            break
    return before


def window_before_block(
    blocks: list[Block], end: int, first: int, words: int = COHESION_WORDS
) -> Counter[str]:
    """Content words of the body blocks before ``end`` (not before ``first``), up to ``words``
    of them: the close of the article a heading-shaped line would end."""
    before: Counter[str] = Counter()
    for j in range(end - 1, first - 1, -1):
        if blocks[j].kind is None:
            before.update(content_words(blocks[j].text))
            if before.total() >= words:
                break
    return before


def dump_idf(blocks: list[Block]) -> dict[str, float]:
    """Inverse document frequency over stretches of the dump itself (about IDF_LINES lines
    each): words every article of this dump shares ("Trump" in a dump of election news) carry
    no boundary evidence, words one stretch owns carry a lot."""
    chunks: list[set[str]] = []
    current: set[str] = set()
    lines = 0
    for b in blocks:
        if b.kind is not None:
            continue
        current |= set(content_words(b.text))
        lines += b.rows
        if lines >= IDF_LINES:
            chunks.append(current)
            current, lines = set(), 0
    if current:
        chunks.append(current)
    df: Counter[str] = Counter()
    for chunk in chunks:
        df.update(chunk)
    n = len(chunks)
    return {w: math.log((n + 1) / c) for w, c in df.items()}


def inner_cohesion(blocks: list[Block], start: int, end: int, idf: dict[str, float]) -> float:
    """Cosine between the two halves of an article: how much vocabulary it shares with itself."""
    body = [j for j in range(start, end) if blocks[j].kind is None]
    if len(body) < 2:
        return 0.0
    mid = body[len(body) // 2]
    return cosine(article_words(blocks, start, mid), article_words(blocks, mid, end), idf)


def article_words(blocks: list[Block], start: int, end: int) -> Counter[str]:
    words: Counter[str] = Counter()
    for b in blocks[start:end]:
        if b.kind is None:
            words.update(content_words(b.text))
    return words
