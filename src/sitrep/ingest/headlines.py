"""Headline shapes, and which heading-shaped lines around an article start are its headline.

A headline in a dump is a short paragraph: no final stop, Headline Case, "Headline; Deck", or a
short sentence in headlinese. Section headers inside an article look alike, so the shape only
weighs in (:func:`heading_score`) and the context decides: a headline shares words with the
article below it, a closing one-liner or a section heading with the article above. After the
boundaries are decoded, :func:`headline_before` and :func:`headline_only` put headlines (and
the deck lines under them) back on top of their articles.
"""

from __future__ import annotations

import re

from sitrep.ingest import clean, date_lines
from sitrep.ingest.blocks import (
    QUOTES,
    SENTENCE_END,
    Block,
    first_word,
    previous_body,
    segment_words,
    separated,
    top_matter,
)
from sitrep.ingest.cohesion import content_words, cosine, window_after, window_before_block

# A web address or a link ("http://...", "example.org/vote"): no headline carries one.
_LINK = re.compile(r"https?://|\bwww\.|\b[\w-]+\.(?:com|org|net|gov|ly|co)(?:/\S*)?\b")

# Weights on the log-odds scale of :mod:`sitrep.ingest.boundary`.
W_HEADING_STRONG = 3.0  # a Headline Case line, or "Headline; Deck"
W_HEADING = 0.7  # a short line without final stop, or a question (section headers look alike)
W_SHORT_LINE = 1.4  # a one-line paragraph of at most SHORT_LINE_WORDS words
W_SHORT_LINE_PLAIN = 0.5  # ... that opens with an article, pronoun or connective, as prose does
# About the most words one 80-column line holds: a headline may run that long, but an unwrapped
# paragraph (a dump with one paragraph per line) is no headline for being on one line.
SHORT_LINE_WORDS = 18
W_CAPS_HEADING = 0.0  # all-capitals headings are section headers more often than headlines

# "Headline; Deck" — a semicolon followed by a capital is rare in body prose.
# The headline may run on over a semicolon first ("Clinton takes three states; most delegates
# locked up;  Sanders wins one").
_DECK = re.compile(r"^(?:[^.;]|(?<=[A-Z])\.|;\s+(?=[a-z])){8,140};\s+[A-Z‘“\"']")
_ABBREVIATION_STOP = re.compile(r"\b([A-Za-z]{1,5})\.(?=\s)")
_LIST_ITEM = re.compile(r"^\(?\d{1,2}(?:[.)]\s|\s+[A-Z])")
_ATTRIBUTION = re.compile(r"[,.!?][\"”’']\s+(?:\w+\s+){0,3}(?:said|says|added|adds|asked|told)\b")
# "People like Scott, he said." — reported speech closed by a pronoun and a speech verb.
_PRONOUN_ATTRIBUTION = re.compile(
    r",\s+(?:he|she|they|we|I|it)\s+(?:said|says|added|adds|asked|told\s+\w+)\.?$"
)
# Past-tense prose ("He was not available for comment.", "... said he welcomed it"): headlines
# speak in the present ("says", "is"). In PolNeAR train, 3 of 650 short headlines have "was",
# "were", "had", "did" or "said", against 25 of 156 short closing paragraphs.
_PAST_PROSE = re.compile(r"\b(?:was|were|had|did|said|told|added|reported|announced|stated)\b")
# Personal pronouns: a line holding one points back at someone named before it ("us" in
# lower case only: "US" is the country).
_REFERS_BACK = re.compile(
    r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Hh]im|[Hh]is|[Hh]ers?|[Tt]heirs?|[Tt]hem|[Ww]e|us|[Oo]ur|I|[Mm]e|[Mm]y)\b"
)

# A headline may open on a quoted word or phrase ("'Thin-skinned' Trump quells critics"); a
# quotation that closes an article is speech, closed by its punctuation ("“You tell me,” he said.").
_SCARE_QUOTE = re.compile(r"^[\"“‘']+[^\"“”‘’',.!?]{1,40}[\"”’']+ \w")
CLOCK = re.compile(r"^\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?:?$", re.IGNORECASE)


def heading_score(block: Block, width: int) -> float:
    """How much a block looks like a headline (or a section header: context decides)."""
    lines = block.lines
    text = block.text
    words = text.split()
    if not words or block.rows > 2 or len(words) > 30:
        return 0.0
    # A heading over more lines only arises from wrapping a headline longer than the width.
    if len(lines) >= 2 and len(lines[0].text) < 0.75 * width:
        return 0.0
    if not (text[0].isupper() or text[0] in "‘'\"“0123456789"):
        return 0.0
    # List items ("3. WHAT TO WATCH") and sign-offs ("Follow X on Twitter") are not headlines.
    if _LIST_ITEM.match(text) or clean.is_article_end(text) or clean.parse_dateline(text):
        return 0.0
    if clean.is_start_label(text) or clean.is_inside_label(text) or clean.is_signature(text):
        return 0.0
    if date_lines.is_date_line(text):
        return 0.0
    # Headlines carry no links ("Live map: https://...", "More at example.com").
    if _LINK.search(text):
        return 0.0
    # A line handing over to more of its sentence, or to a quotation or list below ("... quickly,”",
    # "The ministry said:"), is body.
    if text.rstrip("\"”’'").endswith((",", ";", ":")) or text.endswith(("“", "‘", "(")):
        return 0.0
    # Quoted speech ("“Really,” she added.") and live-blog times ("9:25 p.m.") are body.
    if _ATTRIBUTION.search(text) or _PRONOUN_ATTRIBUTION.search(text) or CLOCK.match(text):
        return 0.0
    if closes_open_quote(text):
        return 0.0
    if clean.in_capitals(text):
        # Capitals say nothing of Headline Case, and with a final stop or without, a line in
        # capitals is a section header far more often than a headline: in PolNeAR train, 146
        # of 147 such lines with a stop are inside an article.
        return W_HEADING + W_CAPS_HEADING
    title_case = len(words) >= 4 and clean.title_case_ratio(text) >= 0.8
    if title_case or _DECK.search(_without_abbreviation_stops(text)):
        return W_HEADING_STRONG
    if not clean.ends_sentence(text) or text.endswith("?"):
        return W_HEADING
    if block.rows == 1 and len(words) <= SHORT_LINE_WORDS:
        # A one-line sentence may be a headline as long as the line ("We need order. Without
        # it we will not have a country."). Headlines drop articles and pronouns ("Navy
        # orders two frigates from Kiel"); a short body line opening with one ("She also
        # said ...", "The poll ...") continues.
        w = segment_words()
        first = first_word(text)
        if first in w.strong or first in w.weak or first in ("a", "an"):
            return W_SHORT_LINE_PLAIN
        if _PAST_PROSE.search(text):
            return W_SHORT_LINE_PLAIN  # "He was not available for comment."
        return W_SHORT_LINE
    return 0.0


def heading_shaped(block: Block, width: int) -> bool:
    """Does the block have a heading's shape: one or two lines with a heading weight? (The
    lines the headline model reads, :mod:`sitrep.ingest.headline_model`.)"""
    return heading_score(block, width) > 0


CLOSING_QUOTES = ('"', "”", "’", "'", "»")


def closes_open_quote(text: str) -> bool:
    """Does the line close a quotation it did not open ("... a lesson.'\"", "... next week.”")?
    Then it ends a quotation begun on an earlier line: body text, never a headline."""
    text = text.rstrip()
    if text.endswith("”") and "“" not in text:
        return True
    return text.endswith('"') and text.count('"') % 2 == 1


def _without_abbreviation_stops(text: str) -> str:
    """The text with the stops of known abbreviations dropped ("Calif. win ... vs. Clinton"),
    so that a headline's abbreviations do not read as sentence ends."""
    abbreviations = segment_words().abbreviations
    return _ABBREVIATION_STOP.sub(
        lambda m: m.group(1) if m.group(1).lower() in abbreviations else m.group(0), text
    )


def is_link_line(block: Block) -> bool:
    """A one-line paragraph of a few words around a link ("Full results: example.org/vote"):
    furniture of the article it follows, never the start of one."""
    text = block.text
    return block.rows == 1 and len(text.split()) <= 12 and bool(_LINK.search(text))


def reads_as_headline(block: Block, width: int, *, decks: bool = True) -> bool:
    """Is a heading-shaped one-liner the top of the article below even when its words tie (it
    shares none with the article below, nor with the one above)?

    Yes when it has no final stop and three words or more: an article does not end on a
    section header. A short sentence may be a closing line instead, and a closing line refers
    back to what it closes: it closes a quotation, is past-tense prose ("A lawyer did not
    respond.") or points back at someone with a pronoun ("It was not a problem for her."); such
    a line stays with the article above. Any other short sentence tops the article below in a
    dump whose articles print ``decks``: a kicker or deck under the headline names its subject
    afresh ("Another first.", "A sharper tone as stakes rise."), and is the article's first line
    when the dump drops the headline. In PolNeAR train 29% of the articles have such a one-line
    second paragraph, 19% a one-line last paragraph. Without decks (wire copy prints neither
    headlines nor decks, and "Another 5,000 have been wounded." closes its story), only a short
    sentence in headlinese of three words or more does: heading weight :data:`W_SHORT_LINE` or
    more, it does not open as prose does."""
    text = block.text.strip()
    heading = heading_score(block, width)
    if heading <= 0 or block.rows != 1:
        return False
    if not clean.ends_sentence(text) and not text.endswith("?"):
        return len(text.split()) >= 3
    if text.endswith(CLOSING_QUOTES) or _PAST_PROSE.search(text) or _REFERS_BACK.search(text):
        return False
    return decks or (heading >= W_SHORT_LINE and len(text.split()) >= 3)


def opens_with_title(blocks: list[Block], i: int, lede_idx: int, width: int) -> bool:
    """Does the dump open with a headline? A heading-shaped line, or a short one-line
    paragraph followed by a longer one that shares words with it."""
    block = blocks[i]
    heading = heading_score(block, width)
    if heading <= 0:
        return False
    if _is_title_shape(block):
        return True
    lede = blocks[lede_idx]
    shared = set(content_words(block.text)) & set(content_words(lede.text))
    return lede.rows >= 2 and bool(shared)


def _is_title_shape(block: Block) -> bool:
    return block.rows <= 2 and clean.looks_like_heading(block.text, max_words=30)


def is_section_header(block: Block) -> bool:
    """A heading-shaped line judged not to start an article is dropped as a section header
    when it cannot be a body sentence: no final stop, a short question, or all capitals."""
    text = block.text.strip()
    if block.rows != 1:
        return False
    if clean.is_caps_heading(text):
        return True
    if not clean.ends_sentence(text):
        return len(text.split()) <= 12
    return text.endswith("?") and len(text.split()) <= 8


WRAPPED_HEADLINE_WORDS = 25
WRAPPED_MIN_AFFINITY = 0.1  # tf-idf cosine a wrapped headline needs with the article below
# Content words read on either side of a would-be headline: a headline names what the article
# below is about, anywhere in its first paragraphs; the window stops at the next start.
HEADLINE_WORDS = 150
MAX_STACKED_TITLES = 2  # headline + deck: at most this many one-line blocks move to the next start
STACK_WORDS = 25  # a deck or kicker line under a headline is at most this many words


def _wrapped_headline(block: Block, width: int) -> bool:
    """A sentence-case headline longer than the wrap width: two lines, the first one full, one
    sentence of at most WRAPPED_HEADLINE_WORDS words. :func:`_heading_score` leaves these out
    (a two-line sentence is as often a short closing paragraph); read against the articles
    either side, only a strict word affinity with the article below makes one a headline."""
    text = block.text
    if block.rows != 2 or len(block.lines[0].text) < 0.75 * width:
        return False
    if len(text.split()) > WRAPPED_HEADLINE_WORDS or not text[0].isupper():
        return False
    if SENTENCE_END.search(text) or _ATTRIBUTION.search(text) or _PRONOUN_ATTRIBUTION.search(text):
        return False
    return not (clean.parse_dateline(text) or clean.is_article_end(text))


def _under_top_matter(blocks: list[Block], start: int, width: int) -> bool:
    """Is ``start`` under a web page's top matter (:func:`blocks.top_matter`), so that the
    heading-shaped line above it may be its headline? Under a byline, yes; under date lines
    alone, only when the line above them reads as a headline by its shape, not as a sentence
    closing the article before (no final stop, or a short sentence in headlinese): plain dumps
    print a date line between articles too."""
    kind = top_matter(blocks, start)
    if kind != "date":
        return kind == "byline"
    above = previous_body(blocks, start)
    if above is None:
        return False
    heading = heading_score(above, width)
    return heading >= W_SHORT_LINE or (heading > 0 and not clean.ends_sentence(above.text))


def headline_before(
    blocks: list[Block],
    start: int,
    previous_start: int,
    width: int,
    idf: dict[str, float],
    *,
    after: int | None = None,
    next_start: int | None = None,
) -> tuple[int, bool] | None:
    """The block just before an article ``start`` when it may be the article's own headline
    (or deck) left at the end of the article before: (its index, whether the evidence is a tie),
    else None. ``after`` is where the article's text is read from (``start`` by default).

    A one-line paragraph shaped like a heading (no final stop, Headline Case, or a short
    sentence) that shares more words with the article below than with the close of the one
    above belongs to the one below: a closing one-liner talks about what preceded it, a headline
    about what follows, anywhere in its first HEADLINE_WORDS content words (up to ``next_start``,
    the start after it, when given). When it shares words with neither, the caller decides from
    the context.
    Nothing moves across a tag, credit or byline line (those close the article before), but
    it does across the top matter web pages print under a headline: a "By" line, a date line,
    share buttons (:func:`_under_top_matter`). The article before keeps at least two
    body blocks.
    """
    if separated(blocks, start) and not _under_top_matter(blocks, start, width):
        return None
    p = start - 1
    while p >= 0 and blocks[p].kind is not None:
        p -= 1
    if p <= previous_start:
        return None
    body_left = sum(1 for j in range(previous_start, p) if blocks[j].kind is None)
    if body_left < 2:
        return None
    block = blocks[p]
    wrapped = _wrapped_headline(block, width)
    if block.rows > 2 or (heading_score(block, width) <= 0 and not wrapped):
        return None
    if (
        block.text.startswith(tuple(QUOTES))
        and clean.title_case_ratio(block.text) < 0.8
        and not _SCARE_QUOTE.match(block.text)
    ):
        return None
    title_words = content_words(block.text)
    stop = len(blocks) if next_start is None else next_start
    below = window_after(blocks, start if after is None else after, HEADLINE_WORDS, stop)
    to_next = cosine(title_words, below, idf)
    above = window_before_block(blocks, p, previous_start, HEADLINE_WORDS)
    to_prev = cosine(title_words, above, idf)
    if to_next > to_prev and (not wrapped or to_next >= WRAPPED_MIN_AFFINITY):
        return p, False
    if to_next == to_prev and not wrapped:
        return p, True
    return None


def after_closing_line(
    blocks: list[Block], start: int, previous_start: int, width: int
) -> int | None:
    """The first of the heading-shaped blocks between an article's closing line ("Follow X on
    Twitter", "(Reporting by ...)") and the next ``start``, when decoding left them on the
    article before: nothing of an article follows its closing line, so a headline stack there
    (at most MAX_STACKED_TITLES one- or two-line blocks) tops the next article. None when there
    is no such stack, or a tag, credit or byline line before ``start`` already marks it (a web
    page's top matter under a headline does not)."""
    if separated(blocks, start) and not _under_top_matter(blocks, start, width):
        return None
    body = [j for j in range(previous_start + 1, start) if blocks[j].kind is None]
    ends = [j for j in body if clean.is_article_end(blocks[j].text)]
    if not ends:
        return None
    stack = [j for j in body if j > ends[-1]]
    if not stack or len(stack) > MAX_STACKED_TITLES:
        return None
    if all(
        blocks[j].rows <= 2
        and (heading_score(blocks[j], width) > 0 or _wrapped_headline(blocks[j], width))
        for j in stack
    ):
        return stack[0]
    return None


def headline_only(blocks: list[Block], start: int, next_start: int, width: int) -> bool:
    """Is the article from ``start`` to ``next_start`` nothing but a headline stack: a
    heading-shaped block, and at most MAX_STACKED_TITLES short blocks under it (deck lines,
    a kicker)? Then it is the top of the article at ``next_start`` (unless a tag, credit or
    byline line sits between them, other than a web page's top matter): no article is a
    headline alone."""
    if separated(blocks, next_start) and not _under_top_matter(blocks, next_start, width):
        return False
    body = [j for j in range(start, next_start) if blocks[j].kind is None]
    if not body or len(body) > 1 + MAX_STACKED_TITLES:
        return False
    block = blocks[body[0]]
    if len(body) == 1:
        return block.rows <= 2 and (
            heading_score(block, width) > 0 or _wrapped_headline(block, width)
        )
    # Under a headline, deck lines are one line each; two short paragraphs are an article.
    decks = body[1:]
    if any(blocks[j].rows > 1 or len(blocks[j].text.split()) > STACK_WORDS for j in decks):
        return False
    return heading_shaped(block, width)
