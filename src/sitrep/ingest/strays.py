"""Lines between two articles that belong to neither: furniture ``noise.json`` does not know.

A dump's separator lines come in whatever form its source prints: "Courtesy of the Ledger",
"Ana Ruiz / Harbor Gazette", "More from the Evening Lantern". The patterns of ``noise.json``
know common ones; any other is read as the next article's headline (or as a one-line first
paragraph), and the article then starts a line early, or as a one-line last paragraph of the
article above. What gives such a line away is that it is not about the story next to it, and a
headline is.

So an edge line of an article (its title, or its first or last paragraph when that is one line
without a final stop) that names something (a capitalised word that opens no sentence) and
shares no content word with the rest of its article is a stray line. The dump's own furniture
repeats: an edge line of the same shape as a stray one ("X / X" for "Ana Ruiz / Harbor Gazette"
and "Sam Oduya / Copperfield Post") is one too, even when a word of it turns up in its article
by chance ("Post" in "The New York Post reports").

Measured (``bench/segmentation.py``): 5 of the 840 PolNeAR train headlines share no content
word with their article (after a plural "s"), 3 of them name something. Those 3 are lost as
titles, and their articles start a line late: the 2-fold cross-fit moves from F1 0.9487 to
0.9479. In exchange, dev dumps whose separator lines take forms no pattern knows
(``--unknown-separators``) go from 0.886 to 0.951 pooled, and the synthetic wire dumps gain a
little ("Our Standards: The Thomson Reuters Trust Principles." and the like). Requiring the
shape to repeat before any line is stray cost nothing on PolNeAR but kept only about half of
those gains.
"""

from __future__ import annotations

import re

from sitrep.ingest import clean
from sitrep.ingest.blocks import Block
from sitrep.ingest.cohesion import content_words

MIN_WORDS = 2  # a line of fewer content words says too little to judge ("In Brief")
_OPENING = "\"“‘'("
_CLOSING = "\"”’')"
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’.-]*|\d+|[^\sA-Za-z\d]")


def mark_strays(blocks: list[Block], starts: list[int], titles: set[int]) -> None:
    """Mark the stray edge lines of the articles at ``starts`` (kind "stray": noise of the
    article they are in) and take them out of ``titles``."""
    bounds = [*starts, len(blocks)]
    edges: dict[int, str | None] = {}  # edge line -> its shape
    unlinked: set[int] = set()
    for start, end in zip(starts, bounds[1:], strict=True):
        body = [j for j in range(start, end) if blocks[j].kind is None]
        for edge in _edge_lines(blocks, body, titles):
            edges[edge] = _shape(blocks[edge].text)
            article: set[str] = set()
            for j in body:
                if j != edge:
                    article |= _words(blocks[j].text)
            line = _words(blocks[edge].text)
            if (
                article
                and len(line) >= MIN_WORDS
                and _names_something(blocks[edge].text)
                and not line & article
            ):
                unlinked.add(edge)
    shapes = {edges[edge] for edge in unlinked} - {None}
    for edge, shape in edges.items():
        if edge in unlinked or shape in shapes:
            titles.discard(edge)
            blocks[edge].kind = "stray"


def _edge_lines(blocks: list[Block], body: list[int], titles: set[int]) -> list[int]:
    """The lines at an article's edges that may be furniture: its title, or its first
    paragraph when that is one line without a final stop; its last paragraph when that is
    one. ``body`` lists the article's text blocks."""
    if len(body) < 2:
        return []
    edges = [j for j in (body[0], body[-1]) if _line_without_stop(blocks[j])]
    if body[0] in titles and body[0] not in edges:
        edges.insert(0, body[0])
    return edges


def _line_without_stop(block: Block) -> bool:
    return block.rows == 1 and not clean.ends_sentence(block.text)


def _names_something(text: str) -> bool:
    """Does the line hold a capitalised word that opens no sentence (a name)?"""
    words = text.split()
    return any(
        word.lstrip(_OPENING)[:1].isupper()
        and not before.rstrip(_CLOSING).endswith((".", "!", "?"))
        for before, word in zip(words, words[1:], strict=False)
    )


def _words(text: str) -> set[str]:
    return {w.removesuffix("s") for w in content_words(text)}


def _shape(text: str) -> str | None:
    """A line's shape: capitalised runs as "X", numbers as "0", other words and marks as they
    are ("Ana Ruiz / Harbor Gazette" -> "X / X"). None when nothing but capitalised words and
    a final stop is left: every Headline Case headline has that shape."""
    shape: list[str] = []
    for token in _TOKEN.findall(text):
        mark = "X" if token[0].isupper() else "0" if token[0].isdigit() else token
        if not (mark == "X" and shape and shape[-1] == "X"):
            shape.append(mark)
    if all(t in ("X", ".") for t in shape):
        return None
    return " ".join(shape)
