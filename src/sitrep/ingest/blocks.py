"""Lines and blocks of a dump, as the segmenter reads them, and the word lists it reads them with.

:mod:`sitrep.ingest.reflow` cuts a dump into :class:`Block` runs (body lines between breaks,
with the noise lines dropped before each); the boundary evidence (:mod:`~sitrep.ingest.boundary`,
:mod:`~sitrep.ingest.headlines`, :mod:`~sitrep.ingest.cohesion`) walks them with the helpers here.
The word lists live in ``data/segment_words.json``.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from sitrep.datafiles import load_json
from sitrep.ingest import clean

SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[A-Z“\"‘'])")
QUOTES = "\"“‘'«"


@dataclass(frozen=True, slots=True)
class SegmentWords:
    strong: frozenset[str]
    weak: frozenset[str]
    weekdays: frozenset[str]
    titles: frozenset[str]
    stopwords: frozenset[str]
    abbreviations: frozenset[str]
    title_abbreviations: frozenset[str]
    titled_name: re.Pattern[str]


@lru_cache(maxsize=1)
def segment_words() -> SegmentWords:
    raw: dict[str, Any] = load_json("sitrep.ingest", "segment_words.json")
    return SegmentWords(
        strong=frozenset(raw["strong_continuation_starts"]),
        weak=frozenset(raw["weak_continuation_starts"]),
        weekdays=frozenset(raw["weekdays"]),
        titles=frozenset(raw["titles"]),
        stopwords=frozenset(raw["stopwords"]),
        abbreviations=frozenset(raw["abbreviations"]),
        title_abbreviations=frozenset(raw["title_abbreviations"]),
        titled_name=re.compile(
            r"\b(?:"
            + "|".join(re.escape(r) for r in raw["role_words"])
            + r")\s+(?:[A-Z][a-z]+\s+){1,2}[A-Z][a-z]+"
        ),
    )


@dataclass(frozen=True, slots=True)
class NoiseLine:
    """A dropped input line: 1-based ``line`` number, its text and why it was dropped."""

    line: int
    text: str
    kind: str


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based
    start: int
    end: int  # exclusive, without the line terminator
    text: str


@dataclass(slots=True)
class Block:
    """A run of body lines between two breaks: a paragraph, or part of one at a soft break."""

    lines: list[Line]
    before: str  # "start" | "hard" | "soft"
    noise_before: list[NoiseLine] = field(default_factory=list)
    kind: str | None = None  # noise kind decided for the whole block
    after_hard: bool = True  # the block ends at a proven paragraph end
    # What the learned break model (the lede model for the dump's first block) says of this
    # block opening an article: its log-likelihood ratio, weighed by the trust the models
    # earn in the dump (sitrep.ingest.break_model, lede_model, segment._read_models).
    lede_llr: float = 0.0
    # What the learned headline model says for a heading-shaped block being a headline (never
    # below zero, weighed alike; see sitrep.ingest.headline_model).
    headline_llr: float = 0.0
    # How many lines the block takes wrapped at REFERENCE_WIDTH, when the dump is wrapped at
    # another width (see ``rows``); None: as many as it has.
    reference_rows: int | None = None

    @property
    def text(self) -> str:
        return " ".join(ln.text.strip() for ln in self.lines)

    @property
    def rows(self) -> int:
        """Its length in lines as the headline and deck rules count them: one-liners, two-line
        headlines. Those rules were set on text wrapped at REFERENCE_WIDTH columns, so a block
        of a dump wrapped at another width counts the lines it would take at REFERENCE_WIDTH."""
        return len(self.lines) if self.reference_rows is None else self.reference_rows


#: The wrap width the headline and deck rules were set on (news dumps, email: ~80 columns).
REFERENCE_WIDTH = 80
#: Dumps wrapped this close to REFERENCE_WIDTH count their own lines (wrappers differ by a
#: column in where they break).
REFERENCE_SLACK = 2


def count_reference_rows(blocks: list[Block], width: int) -> None:
    """Set each block's ``reference_rows`` when the dump is wrapped at another width than
    REFERENCE_WIDTH: a deck that fits one line at 80 columns takes two at 72."""
    if abs(width - REFERENCE_WIDTH) <= REFERENCE_SLACK or width <= 0:
        return
    for block in blocks:
        block.reference_rows = max(1, len(textwrap.wrap(block.text, REFERENCE_WIDTH)))


def first_word(text: str) -> str:
    """The first word of a paragraph, lower-cased, past any opening quote or bracket."""
    m = re.match(r"[\"“‘'(]*([A-Za-z’']+)", text)
    return m.group(1).lower() if m else ""


def _noise_between(blocks: list[Block], i: int) -> list[NoiseLine]:
    out: list[NoiseLine] = list(blocks[i].noise_before)
    j = i - 1
    while j >= 0 and blocks[j].kind is not None:
        out.extend(blocks[j].noise_before)
        j -= 1
    return out


def separated(blocks: list[Block], i: int) -> bool:
    """Is there a tag, credit or byline line between block ``i`` and the body before it?"""
    return any(nl.kind in clean.SEPARATOR_KINDS for nl in _noise_between(blocks, i))


#: What a web page prints between an article's headline and its lede, besides "By" lines.
_TOP_MATTER = frozenset({"date", "furniture"})


def top_matter(blocks: list[Block], i: int) -> Literal["byline", "date"] | None:
    """What stands between block ``i`` and the body before it, when it is an article's top
    matter as web pages print it under the headline: "byline" for a "By ..." byline, perhaps
    with date lines and furniture ("Share this article"); "date" for date lines (and furniture)
    alone; else None. Furniture alone is no top matter: it stands anywhere in a story. A date
    line alone is a weaker sign than a byline, as plain dumps print one between articles too:
    the headline rules (:mod:`sitrep.ingest.headlines`) weigh the line above it."""
    texts: list[tuple[str, str]] = [(nl.kind, nl.text) for nl in blocks[i].noise_before]
    j = i - 1
    while j >= 0 and blocks[j].kind is not None:
        texts.append((str(blocks[j].kind), blocks[j].text))
        texts.extend((nl.kind, nl.text) for nl in blocks[j].noise_before)
        j -= 1
    bylines = [kind == "byline" and clean.is_by_line(text) for kind, text in texts]
    if not all(by or kind in _TOP_MATTER for by, (kind, _) in zip(bylines, texts, strict=True)):
        return None
    if any(bylines):
        return "byline"
    return "date" if any(kind == "date" for kind, _ in texts) else None


def previous_body(blocks: list[Block], i: int) -> Block | None:
    j = i - 1
    while j >= 0:
        if blocks[j].kind is None:
            return blocks[j]
        j -= 1
    return None


def next_body(blocks: list[Block], i: int) -> int | None:
    j = i + 1
    while j < len(blocks):
        if blocks[j].kind is None:
            return j
        j += 1
    return None
