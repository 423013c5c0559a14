"""Split a hard-wrapped text dump into articles: unwrap lines, drop noise, find boundaries.

Users paste many articles into one file with no separator: lines hard-wrapped near 80 columns,
no blank lines, noise between and inside articles (see :mod:`sitrep.ingest.clean`). This module
owns turning that back into articles with their raw character spans, so that every article
points at the exact stretch of the input it came from. :mod:`sitrep.ingest.reflow` unwraps the
lines into blocks (body lines between breaks, *soft* where a break may or may not end a
paragraph).

Boundaries with a marker are easy: a dateline ("BERLIN — "), a tag/credit/byline line, a
headline-shaped line. Unmarked ones are found by adding evidence at each paragraph start, read
in order against the article running so far; :mod:`sitrep.ingest.boundary` owns that evidence
(lede cues, the first-mention convention, the whole-article merge pass), with headline shapes
in :mod:`sitrep.ingest.headlines`, lexical cohesion in :mod:`sitrep.ingest.cohesion`, and a lede
model, a paragraph-break model and a headline model learned from annotated news
(:mod:`sitrep.ingest.lede_model`, :mod:`sitrep.ingest.break_model`,
:mod:`sitrep.ingest.headline_model`), whose evidence is read once per body paragraph (and per
heading-shaped one) before the walk.

A first, greedy reading (a start wherever the evidence passes ``THRESHOLD`` at a local maximum)
only decides which running article each candidate is read against, and gives a first guess of
the dump's typical article length. The starts themselves are then chosen all at once, as a best
path weighing every start's evidence against each article's length, words, house style and
countries (:mod:`sitrep.ingest.decoding`).
Last, headlines are put back on top of their articles: decoding scores a heading-shaped line
only through the lede under it, so a headline stacked over a deck, or over a dateline lede, can
be read as the last line of the article before; an article that is a headline alone joins the
next one (``_attach_headlines``).
The noise patterns live in ``data/noise.json``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from sitrep.ingest import break_model, clean, date_lines, headline_model, lede_model
from sitrep.ingest.blocks import Block, Line, NoiseLine, next_body
from sitrep.ingest.boundary import (
    MERGE_PROTECT,
    THRESHOLD,
    Running,
    candidate,
    marked,
    merge_cohesive,
)
from sitrep.ingest.break_model import Break
from sitrep.ingest.cohesion import dump_idf
from sitrep.ingest.decoding import Candidate, decode_dump
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
from sitrep.ingest.link_lists import mark_link_lists
from sitrep.ingest.published import normalize_published
from sitrep.ingest.reflow import read_blocks, split_lines
from sitrep.ingest.strays import mark_strays
from sitrep.ingest.typography import HouseStyle

# A dump where at least this share of the decoded starts are headlines prints decks under them
# (see _attach_headlines). Decoded PolNeAR dumps, which keep half of their headlines, have 0.2
# to 0.9 (mostly 0.3 or more); dumps of synthetic wire stories, which print none, 0 (a few 0.1
# to 0.2, short closing sentences taken for headlines).
HEADLINED_SHARE = 0.25

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
    after it); ``tags``, ``byline`` and ``published`` (ISO 8601, from a date line over the
    article or under its headline) are read from those.
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
    published: str | None = None

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


# --- segmentation -------------------------------------------------------------------------


Trace = Callable[[int, float, list[str]], None]


def segment(text: str, *, trace: Trace | None = None) -> Segmentation:
    """Split a dump into articles; see the module docstring for how boundaries are found.

    ``trace``, when given, is called for every boundary candidate with its first 1-based line
    number, its score and the names of the evidence that fired (for benchmarks and debugging).
    """
    lines = split_lines(text)
    blocks, trailing, width = read_blocks(lines)
    for b in blocks:
        b.kind = clean.classify_paragraph(b.text)
    for b in blocks:  # rule lines over the first article separate it from nothing
        if b.kind is not None:
            continue
        if not clean.is_rule(b.text):
            break
        b.kind = "rule"
    mark_link_lists(blocks)
    body = [b for b in blocks if b.kind is None]
    _read_models(body, width)
    idf = dump_idf(blocks)

    starts, titles, candidates = _read(blocks, width, idf, trace)
    if not starts:
        return _assemble(lines, blocks, starts, titles, trailing, width)
    style = HouseStyle(blocks)
    chosen = decode_dump(blocks, starts, candidates, idf, style)
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
    _drop_separating_rules(blocks, starts)
    mark_strays(blocks, starts, titles)
    return _assemble(lines, blocks, starts, titles, trailing, width)


def _drop_separating_rules(blocks: list[Block], starts: list[int]) -> None:
    """A rule line ("-----", "* * *") that ends an article separates it from the next one:
    noise, not the article's text. Inside an article ("___" between a live blog's entries) a
    rule stays, as the article prints it."""
    for end in [*starts[1:], len(blocks)]:
        j = end - 1
        while j >= 0 and blocks[j].kind is not None:
            j -= 1
        if j >= 0 and j not in starts and clean.is_rule(blocks[j].text):
            blocks[j].kind = "rule"


def _read_models(body: list[Block], width: int) -> None:
    """Set each body paragraph's learned evidence of opening a story and, when it is
    heading-shaped, of being a headline; all weighed by the trust the lede model earns in the
    dump. A story's opening is read by the break model, between the body paragraphs around it
    that are not heading-shaped (a headline may stand between two stories); the first, with
    none before it, by the lede model alone."""
    ledes, trust = lede_model.weighed([b.text for b in body])
    shaped = [headline_model.heading_shaped(b, width) for b in body]
    plain = [k for k, s in enumerate(shaped) if not s]  # the paragraphs breaks are read between
    for k, (b, llr) in enumerate(zip(body, ledes, strict=True)):
        b.lede_llr = llr
        start, end = bisect_left(plain, k), bisect_right(plain, k)
        if trust and start:
            before = [body[i].text for i in plain[max(0, start - break_model.CONTEXT) : start]]
            following = body[plain[end]].text if end < len(plain) else None
            b.lede_llr = trust * break_model.llr(Break(before, b.text, following))
        if trust and shaped[k]:
            b.headline_llr = headline_model.evidence(b.text, trust)


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

    Articles that print headlines print decks and kickers under them: in a dump where at least
    HEADLINED_SHARE of the decoded starts (after the first) are headlines, a short sentence
    over a start that shares words with neither article reads as that start's deck or kicker
    (:func:`headlines.reads_as_headline`).
    """
    decks = len(titles & set(starts[1:])) >= HEADLINED_SHARE * max(1, len(starts) - 1)
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
            tops = _tops_its_article(blocks, starts[k], titles, width)
            if tops and not reads_as_headline(blocks[p], width, decks=False):
                # Over a Headline Case title only a one-line kicker in headlinese stands; a
                # sentence wrapped over two lines, or one that opens as prose does ("It would
                # bring ..."), closes the article above, whatever it shares with the story.
                break
            if tie and moved:
                # Over a headline that shares words with the story, a line sharing none is the
                # close of the article above, not a kicker.
                break
            if tie:
                # No shared words either way. The line is the deck under a headline that does
                # share words with the article below; else it is the headline when it reads as
                # one: closing one-liners are quotations, reported speech or sign-offs
                # (noise.json). Over a lede, or over a sentence the decoding took for the
                # headline (a deck: headline stacks are the top of news articles), but not over
                # a headline in Headline Case or "Headline; Deck": no such line tops that one.
                above = headline_before(
                    blocks, p, starts[k - 1], width, idf, after=starts[k], next_start=end
                )
                if above is not None and not above[1] and not _over_start_label(blocks, p):
                    p = above[0]
                elif tops or not reads_as_headline(blocks[p], width, decks=decks):
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
    """Is ``start`` a headline the decoding found, in Headline Case or "Headline; Deck" (a short
    sentence taken for the headline may be the deck)? Above one, only a one-line kicker in
    headlinese that shares words with the story stands."""
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
            if nl.kind in ("tag", "date"):
                # Tags and a date line sit over the article they describe.
                noise.append(nl)
                if nl.kind == "tag":
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
        dates = [nl.text for nl in noise if nl.kind == "date" and nl.line < paragraphs[0].lines[0]]
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
                published=_published(dates),
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
        published=prev.published,
    )


def _published(texts: list[str]) -> str | None:
    """The publication date the date lines over an article give (the last one that reads as a
    date: "Updated" lines come after "Published" ones, and the later date is the current)."""
    for text in reversed(texts):
        found = normalize_published(date_lines.value(text))
        if found is not None:
            return found
    return None


_TAG_LABEL = re.compile(r"\s*[A-Za-z ]+?\s*[-–—:]\s*(.+)$")
_HOME_CRUMB = re.compile(r"^\s*(?:Home|HOME)\s*[/>›»|]\s*")


def _tag_value(text: str) -> str:
    """What a tag line says: "Tags: drones, Poland" -> "drones, Poland"; a breadcrumb trail
    without its "Home" crumb: "Home / World / Europe" -> "World / Europe"."""
    m = _TAG_LABEL.match(text)
    return _HOME_CRUMB.sub("", m.group(1) if m else text, count=1).strip()


__all__ = ["NoiseLine", "Paragraph", "Segment", "Segmentation", "segment"]
