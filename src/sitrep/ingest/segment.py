"""Split a hard-wrapped text dump into articles: unwrap lines, drop noise, find boundaries.

Users paste many articles into one file with no separator: lines hard-wrapped near 80 columns,
no blank lines, noise between and inside articles (see :mod:`sitrep.ingest.clean`). This module
owns turning that back into articles with their raw character spans, so that every article
points at the exact stretch of the input it came from.

Unwrapping uses the classic reflow rule (as in ``par`` and ``fmt``): a wrapped line ends a
paragraph when the next line's first word would have fitted on it, given the wrap width, which is
estimated from the dump itself. When the next word would not have fitted but the line ends a
sentence, the break is *soft*: it may or may not be a paragraph end, and is a weaker candidate
for an article boundary.

Boundaries with a marker are easy: a dateline ("BERLIN — "), a tag/credit/byline line, a
headline-shaped line. Unmarked ones are found by adding evidence at each paragraph start, read
in order against the article running so far; :mod:`sitrep.ingest.boundary` owns that evidence
(lede cues, the first-mention convention, the whole-article merge pass), with headline shapes
in :mod:`sitrep.ingest.headlines`, lexical cohesion in :mod:`sitrep.ingest.cohesion` and a lede
model learned from annotated news in :mod:`sitrep.ingest.lede_model`, whose evidence is read
once per body paragraph before the walk.

A first, greedy reading (a start wherever the evidence passes ``THRESHOLD`` at a local maximum)
only decides which running article each candidate is read against, and gives a first guess of
the dump's typical article length. The starts themselves are then chosen all at once, as a best
path (Utiyama and Isahara 2001): every start brings its evidence over a threshold that falls as
the dump's own articles get shorter (a dump of short wire items has more starts per paragraph),
and every article pays a log-normal length cost around the dump's own typical length (guessed
from the greedy reading, then re-read off the decoded articles and decoded again) and a lexical
cost, the description length of its words under a model of its own, so that two stretches with
different vocabularies are cheaper apart and one story is cheaper whole; the same holds for its
house style, the quotation marks, apostrophes and dashes it prints
(:mod:`sitrep.ingest.typography`: outlets differ in them), and for the countries it names
(:mod:`sitrep.ingest.places`).
Local evidence cannot tell a long article's second topic from a new article, nor a stray
paragraph from a short article; the article-level costs can, when the evidence is close.
Last, headlines are put back on top of their articles: decoding scores a heading-shaped line
only through the lede under it, so a headline stacked over a deck, or over a dateline lede, can
be read as the last line of the article before; an article that is a headline alone joins the
next one (``_attach_headlines``).
The noise patterns live in ``data/noise.json``.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from sitrep.ingest import clean, lede_model
from sitrep.ingest.blocks import (
    Block,
    Line,
    NoiseLine,
    count_reference_rows,
    next_body,
    segment_words,
)
from sitrep.ingest.boundary import (
    MERGE_PROTECT,
    THRESHOLD,
    Running,
    candidate,
    marked,
    merge_cohesive,
)
from sitrep.ingest.cohesion import content_words, dump_idf
from sitrep.ingest.headlines import (
    MAX_STACKED_TITLES,
    W_HEADING_STRONG,
    after_closing_line,
    heading_score,
    headline_before,
    headline_only,
    is_section_header,
    opens_with_title,
    reads_as_headline,
)
from sitrep.ingest.places import Places
from sitrep.ingest.typography import HouseStyle

# Wrappers break only at ASCII whitespace (a no-break space glues words) and after the hyphen
# of a hyphenated word, as textwrap does.
OUTLIER_MIN_LINES = 20  # below this many lines every line counts for the wrap width
_FIRST_CHUNK = re.compile(r"[^ \t\r\n\f\v]+?-(?=[A-Za-z])|[^ \t\r\n\f\v]+")
_NAME_ONLY = re.compile(r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2}")

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
# their upper quartile, then off the median of the decoded articles (see _decode).
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


# --- public result types ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One unwrapped body paragraph and the 1-based input lines it was made from."""

    text: str
    lines: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Segment:
    """One article found in a dump.

    ``span`` is ``[start, end)`` in the raw input, from the article's first line (its headline
    when present) to the end of its last line. ``first_line``/``last_line`` are 1-based.
    ``noise`` lists the lines dropped inside and around the article (tags before it, bylines
    after it); ``tags`` and ``byline`` are read from those.
    """

    span: tuple[int, int]
    first_line: int
    last_line: int
    title: str | None
    title_lines: tuple[int, ...]
    dateline: str | None
    byline: str | None
    tags: tuple[str, ...]
    paragraphs: tuple[Paragraph, ...]
    noise: tuple[NoiseLine, ...]

    @property
    def body(self) -> str:
        """The cleaned body: paragraphs joined by a blank line."""
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def body_lines(self) -> tuple[int, ...]:
        return tuple(n for p in self.paragraphs for n in p.lines)


@dataclass(frozen=True, slots=True)
class Segmentation:
    """All articles of a dump, the wrap width it was read with, and noise outside articles."""

    articles: tuple[Segment, ...]
    wrap_width: int
    stray_noise: tuple[NoiseLine, ...] = ()


# --- lines and unwrapping -----------------------------------------------------------------


def _split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        body = raw[:-1] if raw.endswith("\r") else raw
        lines.append(Line(number, pos, pos + len(body), body.rstrip()))
        pos += len(raw) + 1
    if lines and not lines[-1].text and lines[-1].start >= len(text):
        lines.pop()
    return lines


def first_chunk(line: str) -> str:
    """The shortest piece of the line's first word a wrapper could have placed on the line
    before: the whole word, or up to its first inner hyphen (``textwrap`` breaks there)."""
    m = _FIRST_CHUNK.match(line.lstrip(" \t"))
    return m.group(0) if m else ""


def estimate_wrap_width(lengths: Sequence[int]) -> int:
    """The wrap width of a dump: its longest line, ignoring lone outliers (in a dump of many
    lines, a line much longer than any other is unwrapped furniture, not a wider wrap)."""
    ordered = sorted((n for n in lengths if n > 0), reverse=True)
    if not ordered:
        return 0
    if len(ordered) < OUTLIER_MIN_LINES:
        return ordered[0]
    for i, n in enumerate(ordered[:-1]):
        if ordered[i + 1] >= n - 2:
            return n
    return ordered[0]


def fits(line: str, next_line: str, width: int) -> bool:
    """Would the first word of ``next_line`` (or its part up to a hyphen) have fitted at the
    end of ``line``?"""
    return len(line.rstrip()) + 1 + len(first_chunk(next_line)) <= width


#: The most words a Headline Case line wrapped onto the next line leaves there.
WRAPPED_TITLE_REST_WORDS = 8


def break_kind(line: str, next_line: str, width: int) -> str:
    """How strongly the break between two wrapped lines shows a paragraph end.

    ``"hard"``: the next line's whole first word would have fitted with a column to spare, so
    only a paragraph end explains the break. ``"soft"``: the line ends a sentence but the word
    would not have fitted, or fitted only exactly or only up to its hyphen (wrappers differ in
    whether they count the last column and break hyphenated words). ``""``: a wrapped line,
    which includes a Headline Case line ending in a stop or a quote with the short capitalised
    rest of its headline under it.
    """
    used = len(line.rstrip()) + 1
    word = next_line.lstrip(" \t").split(" ", 1)[0]
    if used + len(word) < width:
        return "hard"
    # A paragraph never opens in lower case: "... quickly,”" then "said Owen ..." is one.
    if word[:1].islower():
        return ""
    # "... former Gov." then "Ana Holm ...", "... Ana J." then "Holm ...": the
    # full stop of a title or an initial ends no sentence.
    last = line.rstrip().rsplit(None, 1)[-1] if line.strip() else ""
    if last in segment_words().title_abbreviations or re.fullmatch(r"[A-Z]\.", last):
        return ""
    if not clean.ends_sentence(line):
        return ""
    # A Headline Case line wrapped after a stop or a quote ("... To Enter U.S." then "As
    # Refugees."): a short run of capitalised words under it is the rest of the headline.
    # Not a list of names ("Ana Holm, Tom Vale, Lea Brandt and Mikk Saar.", a caption's or a
    # closing note's), nor a label opening the next article ("ABSTRACT.").
    rest = next_line.split()
    if (
        clean.title_case_ratio(line) >= 0.8
        and line.count(",") < 2
        and len(rest) <= WRAPPED_TITLE_REST_WORDS
        and all(w[0].isupper() for w in rest if w[0].isalpha())
        and not clean.is_article_end(line)
        and not (clean.is_start_label(next_line) or clean.is_inside_label(next_line))
    ):
        return ""
    return "soft"


def unwrap(text: str, width: int | None = None) -> list[str]:
    """Unwrap hard-wrapped text into paragraphs (lines joined by one space, hyphens kept).

    A paragraph ends where the next line's first word would have fitted on the line, or where a
    blank line is. ``width`` defaults to the estimate from the text itself.
    """
    lines = [ln.rstrip() for ln in text.splitlines()]
    if width is None:
        width = estimate_wrap_width([len(ln) for ln in lines])
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for i, line in enumerate(lines):
        if not line.strip():
            if current:
                paragraphs.append(current)
                current = []
            continue
        current.append(line.strip())
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if not nxt.strip() or break_kind(line, nxt, width) == "hard":
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return [" ".join(p) for p in paragraphs]


# --- blocks: runs of body lines between breaks --------------------------------------------


def _mark_line_noise(lines: list[Line], width_hint: int) -> dict[int, str]:
    """Line index -> noise kind for lines recognisable on their own (and their continuations)."""
    kinds: dict[int, str] = {}
    for i, line in enumerate(lines):
        found = clean.classify_line(line.text)
        # A byline opens its own paragraph: a line the one above wraps into ("... Reporters
        # Ana" / "Holm contributed reporting ...") is inside a paragraph, whose whole text
        # the paragraph patterns judge later.
        if (
            found == "byline"
            and i > 0
            and (i - 1) not in kinds
            and lines[i - 1].text.strip()
            and not break_kind(lines[i - 1].text, line.text, width_hint)
        ):
            found = None
        if found is not None:
            kinds[i] = found
    # A byline or credit wrapped over more lines: the next lines may not match by themselves.
    for i in sorted(kinds):
        kind = kinds[i]
        j = i + 1
        while kind in ("byline", "credit") and j < len(lines) and j not in kinds:
            nxt = lines[j].text
            if not nxt.strip() or fits(lines[j - 1].text, nxt, width_hint):
                break
            joined = lines[j - 1].text.strip() + " " + nxt.strip()
            byline_tail = kind == "byline" and clean.classify_paragraph(joined) == "byline"
            # A credit's sentence running on ("... This dispatch may / not be copied ..."):
            # a line opening in lower case never starts an article.
            credit_tail = kind == "credit" and (
                (_NAME_ONLY.fullmatch(nxt.strip()) is not None and not clean.is_start_label(nxt))
                or nxt.lstrip()[:1].islower()
            )
            if not (byline_tail or credit_tail):
                break
            kinds[j] = kind
            j += 1
    return kinds


def _wrapped_capitals(text: str) -> bool:
    """A line in capitals with no closing punctuation: a run-in heading that goes on below."""
    letters = [c for c in text if c.isalpha()]
    return (
        len(text.split()) >= 2
        and bool(letters)
        and not any(c.islower() for c in letters)
        and not text.rstrip().endswith((".", "!", "?", ":", '"', "”", "’", "'"))
    )


def _blocks(lines: list[Line]) -> tuple[list[Block], list[NoiseLine], int]:
    provisional = estimate_wrap_width([len(ln.text) for ln in lines])
    kinds = _mark_line_noise(lines, provisional)
    width = (
        estimate_wrap_width([len(ln.text) for i, ln in enumerate(lines) if i not in kinds])
        or provisional
    )
    blocks: list[Block] = []
    pending_noise: list[NoiseLine] = []
    trailing: list[NoiseLine] = []
    current: Block | None = None
    prev_body: Line | None = None
    for i, line in enumerate(lines):
        kind = kinds.get(i)
        if kind is not None:
            if kind != "blank":
                pending_noise.append(NoiseLine(line.number, line.text, kind))
            if current is not None:
                blocks.append(current)
                current = None
            prev_body = None
            continue
        if current is not None and prev_body is not None:
            before = break_kind(prev_body.text, line.text, width)
            if (
                not before
                and clean.parse_dateline(line.text) is not None
                and not _wrapped_capitals(prev_body.text)
            ):
                # A dateline only ever opens a paragraph (a headline without a final stop
                # can sit right before it, too long for the fit rule to see the break). A line
                # in capitals that wrapped runs on: its last word is no dateline's place.
                before = "hard"
            if before:
                current.after_hard = before == "hard"
                blocks.append(current)
                current = None
            else:
                current.lines.append(line)
                prev_body = line
                continue
        else:
            before = "start" if not blocks else "hard"
        current = Block([line], before, pending_noise)
        pending_noise = []
        prev_body = line
    if current is not None:
        blocks.append(current)
    trailing = pending_noise
    count_reference_rows(blocks, width)
    return blocks, trailing, width


# --- segmentation -------------------------------------------------------------------------


Trace = Callable[[int, float, list[str]], None]


def segment(text: str, *, trace: Trace | None = None) -> Segmentation:
    """Split a dump into articles; see the module docstring for how boundaries are found.

    ``trace``, when given, is called for every boundary candidate with its first 1-based line
    number, its score and the names of the evidence that fired (for benchmarks and debugging).
    """
    lines = _split_lines(text)
    blocks, trailing, width = _blocks(lines)
    for b in blocks:
        b.kind = clean.classify_paragraph(b.text)
    body = [b for b in blocks if b.kind is None]
    for b, llr in zip(body, lede_model.evidence([b.text for b in body]), strict=True):
        b.lede_llr = llr
    idf = dump_idf(blocks)

    starts, titles, candidates = _read(blocks, width, idf, trace)
    if not starts:
        return _assemble(lines, blocks, starts, titles, trailing, width)
    style = HouseStyle(blocks)
    chosen = _decode(blocks, starts, candidates, idf, style)
    starts = [starts[0], *(c.index for c in chosen)]
    evidence: dict[int, list[str]] = {}
    for c in chosen:
        # Strong local evidence: two articles on the same story stay two.
        protected = ["protected"] if c.score >= THRESHOLD + MERGE_PROTECT else []
        evidence[c.index] = [*c.why, *protected]
        if c.lede != c.index:
            titles.add(c.index)
    for c in candidates:
        if c.lede != c.index and c.index not in titles and is_section_header(blocks[c.index]):
            blocks[c.index].kind = "section_header"
    starts = merge_cohesive(blocks, starts, titles, evidence, idf, style)
    _attach_headlines(blocks, starts, titles, width, idf)
    return _assemble(lines, blocks, starts, titles, trailing, width)


def _decode(
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


def _attach_headlines(
    blocks: list[Block], starts: list[int], titles: set[int], width: int, idf: dict[str, float]
) -> None:
    """Move each start (after the first) back over its headline and deck when the decoding
    left them closing the article before (see :func:`headlines.after_closing_line` and
    :func:`headlines.headline_before`).

    Decoding scores a heading-shaped line as a start only when its lede carries the evidence;
    a headline stacked over a deck, or over a lede that opens with a dateline, is read as the
    last line of the previous article and the boundary lands one or two lines late. The top
    block becomes the title; a deck under it stays body text, as the article prints it.
    """
    for k in range(1, len(starts)):
        top = after_closing_line(blocks, starts[k], starts[k - 1], width)
        if top is not None:
            titles.discard(starts[k])
            starts[k] = top
            titles.add(top)
    k = 0
    while k + 1 < len(starts):
        if headline_only(blocks, starts[k], starts[k + 1], width):
            titles.discard(starts[k + 1])
            titles.add(starts[k])
            del starts[k + 1]
        k += 1
    for k in range(1, len(starts)):
        moved = False
        end = starts[k + 1] if k + 1 < len(starts) else len(blocks)
        for _ in range(MAX_STACKED_TITLES):
            if _over_start_label(blocks, starts[k]):
                break
            found = headline_before(blocks, starts[k], starts[k - 1], width, idf, next_start=end)
            if found is None:
                break
            p, tie = found
            if tie:
                # No shared words either way. The line is the deck under a headline that does
                # share words with the article below; else it is the headline when it reads as
                # one: closing one-liners are quotations, reported speech or sign-offs
                # (noise.json). Over a lede, or over a sentence the decoding took for the
                # headline (a deck: headline stacks are the top of news articles), but not over
                # a headline in Headline Case or "Headline; Deck": nothing tops that one.
                above = headline_before(
                    blocks, p, starts[k - 1], width, idf, after=starts[k], next_start=end
                )
                if above is not None and not above[1] and not _over_start_label(blocks, p):
                    p = above[0]
                elif _tops_its_article(blocks, starts[k], titles, width) or not reads_as_headline(
                    blocks[p], width
                ):
                    break
                titles.discard(starts[k])
                starts[k] = p
                moved = True
                break
            titles.discard(starts[k])
            starts[k] = p
            moved = True
        if moved:
            titles.add(starts[k])


def _tops_its_article(blocks: list[Block], start: int, titles: set[int], width: int) -> bool:
    """Is ``start`` a headline the decoding found that nothing can sit above: one in Headline
    Case or "Headline; Deck" (a short sentence taken for the headline may be the deck)?"""
    return start in titles and heading_score(blocks[start], width) >= W_HEADING_STRONG


def _over_start_label(blocks: list[Block], start: int) -> bool:
    """Is ``start`` a line right above an export label that opens articles ("ABSTRACT.")? One
    headline line sits over such a label, never a stack."""
    below = next_body(blocks, start)
    return below is not None and clean.is_start_label(blocks[below].text)


def _read(
    blocks: list[Block],
    width: int,
    idf: dict[str, float],
    trace: Trace | None,
) -> tuple[list[int], set[int], list[Candidate]]:
    """Read the blocks in order, scoring every paragraph start against the running article.

    Returns the starts of a greedy reading (the running article is reset at each), the first
    article's title, and every scored candidate. A second reading with the running article
    reset at the decoded starts was tried and did not pay for its time.
    """
    starts: list[int] = []  # block indices where an article starts
    titles: set[int] = set()
    candidates: list[Candidate] = []
    running = Running()
    i = 0
    n = len(blocks)
    while i < n:
        block = blocks[i]
        if block.kind is not None:
            i += 1
            continue
        if not starts:
            starts.append(i)
            lede_idx = next_body(blocks, i)
            if lede_idx is not None and opens_with_title(blocks, i, lede_idx, width):
                titles.add(i)
                running.add(blocks[lede_idx].text)
                i = lede_idx + 1
                continue
            running.add(block.text)
            i += 1
            continue
        score, why, lede_idx = candidate(blocks, i, running, width, idf)
        if trace is not None:
            trace(block.lines[0].number, score, why)
        if lede_idx is not None:
            candidates.append(Candidate(i, score, tuple(why), lede_idx))
        # A first, greedy reading decides the running article the next candidates are read
        # against; the starts themselves are chosen by decoding all candidates at once.
        if score >= THRESHOLD and lede_idx is not None and not marked(why):
            # TextTiling places boundaries at local maxima only: when the next paragraph start
            # is the better boundary (the current block closes the old article), wait for it.
            nxt = next_body(blocks, i)
            if nxt is not None and nxt <= lede_idx + 1:
                ahead = Running.copy_of(running)
                ahead.add(block.text)
                next_score, _, _ = candidate(blocks, nxt, ahead, width, idf)
                if next_score > score:
                    score = THRESHOLD - 1.0
        if score >= THRESHOLD and lede_idx is not None:
            starts.append(i)
            running = Running()
            if lede_idx != i:
                # The lede belongs to this article: it is not a boundary candidate itself.
                for j in range(i + 1, lede_idx + 1):
                    if blocks[j].kind is None:
                        running.add(blocks[j].text)
                i = lede_idx + 1
                continue
            running.add(block.text)
        else:
            running.add(block.text)
        i += 1
    return starts, titles, candidates


# --- global decoding ----------------------------------------------------------------------


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
    each with its own word ids, so that memory grows with the dump, not with its square.
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
        self._chunks: dict[int, tuple[int, NDArray[np.int32]]] = {}

    def _chunk(self, first_block: int) -> tuple[int, NDArray[np.int32]]:
        """(first block, prefix counts) of the window holding stretches that start at
        ``first_block`` and run at most MAX_ARTICLE_CHARS (plus one block)."""
        key = self._offsets[first_block] // VOCABULARY_CHUNK_CHARS
        if key not in self._chunks:
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
            self._chunks[key] = (lo, prefix)
        return self._chunks[key]

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


def _assemble(
    lines: list[Line],
    blocks: list[Block],
    starts: list[int],
    titles: set[int],
    trailing: list[NoiseLine],
    width: int,
) -> Segmentation:
    by_number = {ln.number: ln for ln in lines}
    articles: list[Segment] = []
    stray: list[NoiseLine] = []
    bounds = [*starts, len(blocks)]
    # Noise before the first article's first block that is not a tag stays stray.
    for k, start in enumerate(starts):
        end = bounds[k + 1]
        noise: list[NoiseLine] = []
        tags: list[str] = []
        byline_parts: list[str] = []
        paragraphs: list[Paragraph] = []
        title: str | None = None
        title_lines: tuple[int, ...] = ()
        current_text: list[str] = []
        current_lines: list[int] = []
        for nl in blocks[start].noise_before:
            if nl.kind == "tag":
                noise.append(nl)
                tags.append(_tag_value(nl.text))
            elif articles:
                # Credits and bylines before an article close the previous one.
                _attach(articles, nl)
            else:
                stray.append(nl)
        for j in range(start, end):
            block = blocks[j]
            if j != start:
                for nl in block.noise_before:
                    noise.append(nl)
                    if nl.kind == "tag":
                        tags.append(_tag_value(nl.text))
            if j in titles:
                title = block.text
                title_lines = tuple(ln.number for ln in block.lines)
                continue
            if block.kind is not None:
                for ln in block.lines:
                    noise.append(NoiseLine(ln.number, ln.text, block.kind))
                if block.kind == "byline":
                    byline_parts.append(block.text)
                continue
            if block.before == "soft" and current_text and j != start:
                current_text.append(block.text)
                current_lines.extend(ln.number for ln in block.lines)
                continue
            if current_text:
                paragraphs.append(Paragraph(" ".join(current_text), tuple(current_lines)))
            current_text = [block.text]
            current_lines = [ln.number for ln in block.lines]
        if current_text:
            paragraphs.append(Paragraph(" ".join(current_text), tuple(current_lines)))
        for nl in noise:
            if nl.kind == "byline" and not any(nl.text in part for part in byline_parts):
                byline_parts.append(nl.text)
        if k == len(starts) - 1:
            for nl in trailing:
                noise.append(nl)
                if nl.kind == "byline":
                    byline_parts.append(nl.text)
        if not paragraphs:
            continue
        first = min([*title_lines, *(p.lines[0] for p in paragraphs)])
        last = max(p.lines[-1] for p in paragraphs)
        dl = _dateline(paragraphs)
        articles.append(
            Segment(
                span=(by_number[first].start, by_number[last].end),
                first_line=first,
                last_line=last,
                title=title,
                title_lines=title_lines,
                dateline=_dateline_text(dl),
                byline=" ".join(byline_parts) or None,
                tags=tuple(tags),
                paragraphs=tuple(paragraphs),
                noise=tuple(sorted(noise, key=lambda nl: nl.line)),
            )
        )
    if not articles:
        stray.extend(trailing)
    return Segmentation(articles=tuple(articles), wrap_width=width, stray_noise=tuple(stray))


def _dateline(paragraphs: list[Paragraph]) -> clean.Dateline | None:
    """The dateline of the lede, which may sit under one-line deck paragraphs."""
    for paragraph in paragraphs[: 1 + MAX_STACKED_TITLES]:
        found = clean.parse_dateline(paragraph.text)
        if found is not None or len(paragraph.lines) > 1:
            return found
    return None


def _dateline_text(dl: clean.Dateline | None) -> str | None:
    """ "BERLIN", "WASHINGTON (AP)", or "(Reuters)" when the wire gave only its date."""
    if dl is None:
        return None
    return f"{dl.place} ({dl.agency})".strip() if dl.agency else dl.place


def _attach(articles: list[Segment], nl: NoiseLine) -> None:
    """Give a credit or byline line that precedes an article to the article before it."""
    prev = articles[-1]
    byline = prev.byline
    if nl.kind == "byline":
        byline = f"{byline} {nl.text}".strip() if byline else nl.text
    articles[-1] = Segment(
        span=prev.span,
        first_line=prev.first_line,
        last_line=prev.last_line,
        title=prev.title,
        title_lines=prev.title_lines,
        dateline=prev.dateline,
        byline=byline,
        tags=prev.tags,
        paragraphs=prev.paragraphs,
        noise=(*prev.noise, nl),
    )


def _tag_value(text: str) -> str:
    m = re.match(r"\s*[A-Za-z ]+?\s*[-–—:]\s*(.+)$", text)
    return (m.group(1) if m else text).strip()


__all__ = [
    "NoiseLine",
    "Paragraph",
    "Segment",
    "Segmentation",
    "estimate_wrap_width",
    "first_chunk",
    "break_kind",
    "fits",
    "segment",
    "unwrap",
]
