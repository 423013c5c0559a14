"""A web page's lists of other stories: "Most read", "Related stories:", then their headlines.

A page pasted whole carries, between or after its stories, lists of other stories' headlines
under a heading of the page ("Most read", "Trending now", "You may also like"). Read as text,
each listed headline is a candidate headline of the next article, or a one-line paragraph of the
article above. The heading is furniture by its words (``noise.json``, see
:func:`clean.is_link_list_heading`); the lines under it are furniture by their shape and place:
one-line paragraphs without a final stop, one after the other, right under the heading.

The last of them may be the next article's own headline, when it stands right over a paragraph
of text: it is, when it shares a word with the text below (a headline is about its story, a
listed headline about another one); that one is left to the segmenter.

Pages print such lists around a story, not inside its text: a list is evidence that the story
above it has ended (:func:`after_link_list`, weighed in :mod:`sitrep.ingest.boundary`).
"""

from __future__ import annotations

from sitrep.ingest import clean
from sitrep.ingest.blocks import Block
from sitrep.ingest.cohesion import content_words, window_after

MAX_ITEM_WORDS = 16  # a listed headline is one line of a headline's length
MAX_ITEMS = 12  # no page lists more under one heading
BELOW_WORDS = 150  # content words of the text under a list its last line is read against


def mark_link_lists(blocks: list[Block]) -> None:
    """Mark the listed headlines under each list heading as furniture (block kind)."""
    for i, block in enumerate(blocks):
        if block.kind is None and _under_list_heading(block):
            _mark_items(blocks, i)


def after_link_list(blocks: list[Block], i: int) -> bool:
    """Does a list of other stories stand between block ``i`` and the body before it?"""
    j = i - 1
    while j >= 0 and blocks[j].kind is not None:
        if blocks[j].kind == "furniture" and _under_list_heading(blocks[j]):
            return True
        j -= 1
    return False


def _under_list_heading(block: Block) -> bool:
    return any(
        nl.kind == "furniture" and clean.is_link_list_heading(nl.text) for nl in block.noise_before
    )


def _mark_items(blocks: list[Block], first: int) -> None:
    items: list[int] = []
    j = first
    while j < len(blocks) and len(items) < MAX_ITEMS and _is_item(blocks[j]):
        if items and blocks[j].noise_before:
            break  # a credit, tag or date line ends the list
        items.append(j)
        j += 1
    if not items:
        return
    nxt = blocks[j] if j < len(blocks) else None
    if nxt is not None and nxt.kind is None and not nxt.noise_before and not _is_item(nxt):
        # The last line stands right over text: that article's own headline when it shares a
        # word with it.
        below = window_after(blocks, j, BELOW_WORDS, len(blocks))
        if set(content_words(blocks[items[-1]].text)) & set(below):
            items.pop()
    for k in items:
        blocks[k].kind = "furniture"


def _is_item(block: Block) -> bool:
    text = block.text.strip()
    return (
        block.kind is None
        and len(block.lines) == 1
        and 0 < len(text.split()) <= MAX_ITEM_WORDS
        and (text[0].isupper() or text[0].isdigit() or text[0] in "\"“‘'")
        and not clean.ends_sentence(text)
        and not text.endswith((",", ";", ":"))
    )
