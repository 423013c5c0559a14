"""Lines between two articles that belong to neither: furniture ``noise.json`` does not know.

A dump's separator lines come in whatever form its source prints: "Courtesy of the Ledger",
"Ana Ruiz / Harbor Gazette", "More from the Evening Lantern". The patterns of ``noise.json``
know common ones; any other is read as the next article's headline (or as a one-line first
paragraph), and the article then starts a line early. What gives such a line away is that it
is not about the story under it, and a headline is.

So the top line of an article (its title, or a one-line first paragraph without a final stop)
that names something (a capitalised word that opens no sentence) and shares no content word with the
rest of its article is a stray line. The dump's own furniture repeats: a top line of the same
shape as a stray one ("X / X" for "Ana Ruiz / Harbor Gazette" and "Sam Oduya / Copperfield
Post") is one too, even when a word of it turns up in its article by chance ("Post" in "The
New York Post reports").

Measured (``bench/segmentation.py``, PolNeAR dumps): 5 of the 840 train headlines share no
content word with their article (after a plural "s"), 3 of them name something. Those 3 are
lost as titles, and their articles start a line late: the 2-fold cross-fit moves from F1 0.9487
to 0.9479. In exchange, the synthetic wire dumps gain (0.938 to 0.943: "Our Standards: The
Thomson Reuters Trust Principles." and the like), and so do dev dumps whose separator lines are
credit lines in forms no pattern knows (for example 0.80 to 0.96 with "Ana Ruiz / Harbor
Gazette" lines). Requiring the shape to repeat before any line is stray cost nothing on
PolNeAR but kept only about half of those gains.
"""

from __future__ import annotations

import re

from sitrep.ingest import clean
from sitrep.ingest.blocks import Block, next_body
from sitrep.ingest.cohesion import content_words

MIN_WORDS = 2  # a line of fewer content words says too little to judge ("In Brief")
_OPENING = "\"“‘'("
_CLOSING = "\"”’')"
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’.-]*|\d+|[^\sA-Za-z\d]")


def mark_strays(blocks: list[Block], starts: list[int], titles: set[int]) -> None:
    """Mark the stray top lines of the articles at ``starts`` (kind "stray": noise of the
    article under them) and take them out of ``titles``."""
    bounds = [*starts, len(blocks)]
    tops: dict[int, str | None] = {}  # top line -> its shape
    unlinked: set[int] = set()
    for k, start in enumerate(starts):
        top = _top_line(blocks, start, titles)
        if top is None:
            continue
        tops[top] = _shape(blocks[top].text)
        article: set[str] = set()
        for j in range(top + 1, bounds[k + 1]):
            if blocks[j].kind is None:
                article |= _words(blocks[j].text)
        line = _words(blocks[top].text)
        if (
            article
            and len(line) >= MIN_WORDS
            and _names_something(blocks[top].text)
            and not line & article
        ):
            unlinked.add(top)
    shapes = {tops[top] for top in unlinked} - {None}
    for top, shape in tops.items():
        if top in unlinked or shape in shapes:
            titles.discard(top)
            blocks[top].kind = "stray"


def _top_line(blocks: list[Block], start: int, titles: set[int]) -> int | None:
    """The article's title, or its first paragraph when that is one line without a final stop
    and more text follows; None otherwise."""
    if start in titles:
        return start
    block = blocks[start]
    if block.kind is not None or block.rows != 1 or clean.ends_sentence(block.text):
        return None
    return start if next_body(blocks, start) is not None else None


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
