"""Boundary evidence for dump segmentation: how much a paragraph start looks like a new article.

:mod:`sitrep.ingest.segment` turns a dump into :class:`~sitrep.ingest.blocks.Block` runs and walks
them in order; this module owns the evidence it asks for at each paragraph start, read against
the article running so far, and the whole-article merge pass. Headline shapes and headline
attachment live in :mod:`sitrep.ingest.headlines`, lexical cohesion in
:mod:`sitrep.ingest.cohesion`.

Evidence is added on a natural-log odds scale:

* lexical cohesion in the spirit of TextTiling (Hearst 1997): the next paragraphs against the
  running article's last paragraphs and against all of it;
* news-lede cues: people introduced by role and full name ("Vermont Sen. Bernie Sanders"),
  surnames the running article already used alone now given in full, names the running
  article never used, a weekday ("said on Sunday"), one long sentence standing alone;
* what a model learned from annotated news says of the paragraph opening a story: read
  between the paragraphs around it (:mod:`sitrep.ingest.break_model`), or alone for the
  dump's first (:mod:`sitrep.ingest.lede_model`); its log-likelihood ratio, weighed by
  ``W_LEDE_MODEL``,
  and at a heading, what a headline model says for it (:mod:`sitrep.ingest.headline_model`);
* the previous paragraph closes an article ("Follow X on Twitter", "(Reporting by ...)", an
  op-ed author's tagline);
* against a boundary: pronoun, conjunction, quotation or bare-surname starts, a live-blog time
  stamp just before, a newsletter item's run-in capital heading, a running article of one or
  two paragraphs;
* the first-mention convention of news writing: a person is introduced by full name before
  the surname is used alone, so a surname the next paragraphs use alone, introduced only by the
  running article, argues that they continue it;
* a lede introduces the people and places its story goes on about: the share of the names new
  to the running article that the next paragraphs use again (few, for a paragraph inside an
  article that brings in someone it mentions once).

The whole-article pass (as C99, Choi 2000, does) merges two neighbours that share more
vocabulary than each shares with itself, unless a marker separates them. A Headline Case start is
exempt from that pass only when its words point to the article below ("title-affinity"); one
that points above is a section heading of it. The weights are a few hand-set numbers, documented
where they are defined (the lede model's are fitted); the word lists live in
``data/segment_words.json``.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from dataclasses import dataclass, field
from functools import lru_cache

from sitrep.ingest import clean
from sitrep.ingest.blocks import (
    QUOTES,
    SENTENCE_END,
    Block,
    first_word,
    next_body,
    previous_body,
    segment_words,
    separated,
)
from sitrep.ingest.cohesion import (
    COHESION_CURVE,
    COHESION_DAMPING,
    COHESION_FULL_CURVE,
    COHESION_MAX_BLOCKS,
    COHESION_WORDS,
    article_words,
    content_words,
    cosine,
    curve,
    inner_cohesion,
    window_after,
    window_before,
)
from sitrep.ingest.headlines import (
    CLOCK,
    W_HEADING_STRONG,
    W_SHORT_LINE_PLAIN,
    heading_score,
    is_link_line,
    is_section_header,
)
from sitrep.ingest.link_lists import after_link_list
from sitrep.ingest.typography import HouseStyle

# --- evidence weights ---------------------------------------------------------------------
# Hand-set, on a natural-log odds scale: each number is roughly how much more often the cue was
# seen at article starts than elsewhere when reading the errors on the train dumps (rounded, not
# fitted). A first, greedy reading declares a boundary when the sum reaches THRESHOLD (articles
# are rare among paragraph starts, about 1 in 20, which is why it sits well above zero); the
# final starts are chosen by decoding all candidates at once (``decoding.decode``).
THRESHOLD = 3.0
W_SEPARATOR = 6.0  # a tag / credit / byline line sits between the two paragraphs
W_DATELINE = 6.0  # the lede opens with "PLACE — "
W_ARTICLE_END = 5.0  # the previous paragraph is "Follow X on Twitter", "(Reporting by ...)"
HEADLINE_AFTER_END = W_HEADING_STRONG  # a heading this strong under a closing line: marked
# A heading this strong over a lede it shares words with, whose next paragraphs share less than
# this cosine with the whole running article, heads a new story however short: marked.
NEW_STORY_COSINE = 0.06
W_START_LABEL = 5.0  # the paragraph is an export label that opens an article ("ABSTRACT.")
W_INSIDE_LABEL = -8.0  # the previous paragraph is a label inside an article ("FULL TEXT.")
W_AFTER_RULE = 3.0  # the previous paragraph is a rule line ("-----", "* * *") over no time stamp
# The previous paragraphs are a web page's list of other stories ("Most read", then headlines:
# link_lists.py). Pages print those around a story's text, seldom inside it.
W_AFTER_LINK_LIST = 3.0
W_AFTER_ENTRY_MARK = -3.0  # the previous paragraph is a live-blog time stamp, or a rule over one
W_RUN_IN_HEAD = -3.0  # "NAVY ORDERS TWO FRIGATES The defence ministry ...": a newsletter item
W_TITLE_AFFINITY = 1.0  # the heading shares more words with the next paragraph than the last
W_TITLE_TO_PREVIOUS = -2.5  # ... fewer: it is the last line of the article before
W_TITLE_NO_AFFINITY = -1.4  # ... shares words with neither
W_SOFT_BREAK = -0.8  # the break is only "sentence ends at line end", not a proven paragraph end
W_CONTINUATION = -3.0  # lede starts with a pronoun or connective ("He", "But", "These")
W_WEAK_CONTINUATION = -0.5  # lede starts with a weak connective ("The", "It", "This", "In")
W_QUOTE_START = -3.0  # lede opens with a quotation mark
W_KNOWN_SURNAME = -2.2  # lede opens with a surname the running article already uses
W_REINTRODUCED = 1.0  # per full name whose surname the running article already used alone
MAX_REINTRODUCED = 2
W_NOVELTY = 2.5  # times (share of lede names new to the running article - NOVELTY_PIVOT)
NOVELTY_PIVOT = 0.55
W_LONG_LEDE = 0.6  # the lede is a single sentence of LONG_LEDE_WORDS words or more
LONG_LEDE_WORDS = 25
W_TITLED_NAME = 1.5  # the lede's first sentence names someone by role and full name
W_WEEKDAY = 1.2  # the lede's first sentence names a weekday ("said on Sunday")
W_NAME_OPENING = 1.0  # the lede opens with a full name or a title ("Sen. Ted Cruz", "Former ...")
W_LEDE_MODEL = 0.4  # per unit of the learned models' log-likelihood ratio (Block.lede_llr)
W_HEADLINE_MODEL = 1.0  # per unit of what the headline model says for a headline (never < 0)
# First-mention convention of news writing: an article introduces a person by full name before
# using the surname alone. A surname used alone in the next paragraphs, never introduced there
# but introduced by the running article, says those paragraphs continue it.
W_ORPHAN_SURNAME = -0.8  # per such surname, at most MAX_ORPHANS
MAX_ORPHANS = 2
ORPHAN_BLOCKS = 4  # how many body blocks from the lede on are read for it
# A news lede introduces the people and places its story goes on about; a paragraph inside an
# article may bring in someone it mentions once ("Louisiana Gov. Bobby Jindal on Monday ...").
# Per unit of the share of the lede's names new to the running article that the next
# RECURRING_BLOCKS paragraphs use again, around RECURRING_PIVOT.
W_RECURRING = 1.2
RECURRING_PIVOT = 0.45
RECURRING_BLOCKS = 3
# Whole-article tf-idf cosine above which two neighbouring articles are merged back into one.
MERGE_COSINE = 0.04
MERGE_PROTECT = 2.5  # boundaries scoring this far above THRESHOLD are never merged
MERGE_RATIO = 1.0  # and above this share of the less cohesive article's own half-to-half cosine
MERGE_STYLE_APART = 4.0  # nats a cut saves in house-style marks (typography.py): never merged
W_SHORT_ARTICLE = -0.5  # per paragraph the running article would end short of MIN_ARTICLE_BLOCKS
# (the length prior of the decoding already weighs short articles: this only tips close calls)
MIN_ARTICLE_BLOCKS = 3

_NAME_TOKEN = re.compile(r"\b[A-Z][a-z]+(?:[-'’][A-Za-z]+)*\b|\b[A-Z]{2,}\b")
# Overlapping (lookahead) so that "President Donald Trump" yields "Donald Trump" too.
_FULL_NAME = re.compile(
    r"(?=\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+(?:[A-Z]\.\s+)?([A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*)\b)"
)
_ABBREVIATION = re.compile(r"(?:[A-Za-z]\.){1,4}|[A-Z][a-z]{0,3}\.")
_OPENS_WITH_NAME = re.compile(
    r"(?:[A-Z][a-z]+\.? )?(?:[A-Z][a-z]+|[A-Z]\.) (?:[A-Z]\. )?[A-Z][a-z]+(?:[-'’][A-Za-z]+)*\b"
)
#: A closing note is a sentence or two; a longer paragraph only ends in one.
CLOSING_NOTE_WORDS = 60
# A turn of an interview printed as questions and answers ("Q: ...", "A: ...") goes on with the
# interview its article introduced.
_INTERVIEW_TURN = re.compile(r"^(?:Q|A|QUESTION|ANSWER):\s")
# A newsletter item opens with its heading in capitals run into the text of the item.
_RUN_IN_HEAD = re.compile(r"^(?:[\"“‘']?[A-Z0-9][A-Z0-9'’,.:&-]*[\"”’']? ){3,}[\"“‘']?[A-Z][a-z]")


def _names(text: str) -> set[str]:
    w = segment_words()
    out: set[str] = set()
    for tok in _NAME_TOKEN.findall(text):
        low = tok.lower()
        if low in w.stopwords or tok in w.titles or tok in w.weekdays or len(tok) < 3:
            continue
        out.add(low.removesuffix("’s").removesuffix("'s"))
    return out


def _full_names(text: str) -> list[tuple[str, str]]:
    w = segment_words()
    out: list[tuple[str, str]] = []
    for m in _FULL_NAME.finditer(text):
        first, last = m.group(1), m.group(2)
        if first in w.titles or last in w.titles or first in w.weekdays:
            continue
        if first.lower() in w.stopwords or last.lower() in w.stopwords:
            continue
        out.append((first.lower(), last.lower()))
    return out


def _first_sentence(text: str) -> str:
    """Text up to the first sentence end that is not an abbreviation ("U.S.", "Sen.", "J.")."""
    abbreviations = segment_words().abbreviations
    for m in SENTENCE_END.finditer(text):
        token = text[: m.start()].rsplit(None, 1)[-1].strip("\"“”’')(")
        if _ABBREVIATION.fullmatch(token) or token.rstrip(".").lower() in abbreviations:
            continue
        return text[: m.start()]
    return text


@dataclass(slots=True)
class Running:
    """What the article being read so far has said: names, and surnames used on their own."""

    names: set[str] = field(default_factory=set)
    surnames_alone: set[str] = field(default_factory=set)
    full_names: set[tuple[str, str]] = field(default_factory=set)
    blocks: int = 0
    recent: deque[str] = field(default_factory=lambda: deque(maxlen=COHESION_MAX_BLOCKS))
    words: Counter[str] = field(default_factory=Counter)

    @classmethod
    def copy_of(cls, other: Running) -> Running:
        return cls(
            names=set(other.names),
            surnames_alone=set(other.surnames_alone),
            full_names=set(other.full_names),
            blocks=other.blocks,
            recent=deque(other.recent, maxlen=other.recent.maxlen),
            words=Counter(other.words),
        )

    def add(self, text: str) -> None:
        self.blocks += 1
        self.recent.append(text)
        self.words.update(content_words(text))
        self.names |= _names(text)
        self.full_names.update(_full_names(text))
        self.surnames_alone |= _used_alone(text)


@lru_cache(maxsize=8192)
def _used_alone(text: str) -> frozenset[str]:
    """Name tokens the text uses on their own, not (only) as part of a full name."""
    names = _names(text)
    fulls = _full_names(text)
    firsts = {f for f, _ in fulls}
    lasts = {last for _, last in fulls}
    return frozenset(n for n in names if n not in firsts and (n not in lasts or _alone(n, text)))


def _alone(name: str, text: str) -> bool:
    cap = name[:1].upper() + name[1:]
    for m in re.finditer(rf"\b{re.escape(cap)}\b", text):
        before = text[max(0, m.start() - 20) : m.start()].rstrip()
        prev = before.split()[-1] if before.split() else ""
        if not (prev[:1].isupper() and prev.isalpha()) or prev in segment_words().titles:
            return True
    return False


def _orphan_surnames(blocks: list[Block], start: int, running: Running) -> int:
    """How many surnames the body blocks from ``start`` on use alone without introducing them,
    while the running article introduced them by full name (the first-mention convention)."""
    known = {last for _, last in running.full_names}
    if not known:
        return 0
    introduced: set[str] = set()
    orphans: set[str] = set()
    for text in _body_texts(blocks, start, ORPHAN_BLOCKS):
        alone = _used_alone(text)
        # A paragraph that gives the full name may use the surname alone after it.
        introduced |= {last for _, last in _full_names(text)}
        orphans |= {n for n in alone if n in known and n not in introduced}
    return len(orphans)


def _recurring_names(blocks: list[Block], lede: int, running: Running) -> float | None:
    """Of the names the ``lede`` block brings that the running article never used, the share
    that the next RECURRING_BLOCKS body blocks use again; None when it brings none, or no body
    follows it."""
    new = _names(blocks[lede].text) - running.names
    following = _body_texts(blocks, lede + 1, RECURRING_BLOCKS)
    if not new or not following:
        return None
    after = set().union(*(_names(text) for text in following))
    return len(new & after) / len(new)


def _body_texts(blocks: list[Block], start: int, limit: int) -> list[str]:
    """The texts of the first ``limit`` body blocks from block ``start`` on."""
    texts: list[str] = []
    for block in blocks[start:]:
        if block.kind is None:
            texts.append(block.text)
            if len(texts) >= limit:
                break
    return texts


def _lede_score(lede: Block, running: Running) -> tuple[float, list[str]]:
    """Evidence from the first paragraph of a would-be new article against the running one."""
    w = segment_words()
    score = 0.0
    why: list[str] = []
    text = lede.text
    first = first_word(text)
    if first in w.strong or _INTERVIEW_TURN.match(text):
        score += W_CONTINUATION
        why.append("continuation")
    elif first in w.weak:
        score += W_WEAK_CONTINUATION
    if text[:1] in QUOTES:
        score += W_QUOTE_START
        why.append("quote-start")
    sentence = _first_sentence(text)
    first_cap = re.match(r"[A-Z][a-z]+(?:[-'’][A-Za-z]+)*", text)
    if (
        first_cap
        and first_cap.group(0).lower() in running.surnames_alone
        and not re.match(r"\s+[A-Z][a-z]", text[first_cap.end() :])
    ):
        score += W_KNOWN_SURNAME
        why.append("known-surname")
    reintroduced = 0.0
    for first_name, last in _full_names(sentence):
        if last in running.surnames_alone and (first_name, last) not in running.full_names:
            reintroduced += 1.0
        elif last in running.surnames_alone and running.blocks >= 6:
            # Long articles do repeat a full name now and then: half credit only.
            reintroduced += 0.5
    if reintroduced:
        score += W_REINTRODUCED * min(MAX_REINTRODUCED, reintroduced)
        why.append(f"reintroduced:{reintroduced}")
    lede_names = _names(sentence)
    if running.names and len(lede_names) >= 2:
        novelty = len(lede_names - running.names) / len(lede_names)
        score += W_NOVELTY * (novelty - NOVELTY_PIVOT)
        why.append(f"novelty:{novelty:.2f}")
    if len(sentence) >= len(text) - 2 and len(sentence.split()) >= LONG_LEDE_WORDS:
        # News ledes are typically one long sentence standing alone as a paragraph.
        score += W_LONG_LEDE
        why.append("long-lede")
    if w.titled_name.search(sentence):
        # "Vermont Sen. Bernie Sanders": introducing someone by role and full name.
        score += W_TITLED_NAME
        why.append("titled-name")
    if any(t in w.weekdays for t in re.findall(r"[A-Za-z]+", sentence)):
        # "... said on Sunday", "The council on Wednesday approved": news ledes date the news.
        score += W_WEEKDAY
        why.append("weekday")
    opener = first in w.stopwords or first in w.strong or first in w.weak
    if _OPENS_WITH_NAME.match(text) and not opener and "known-surname" not in why:
        score += W_NAME_OPENING
        why.append("name-opening")
    if lede.lede_llr:
        score += W_LEDE_MODEL * lede.lede_llr
        why.append(f"lede-model:{lede.lede_llr:+.1f}")
    return score, why


def merge_cohesive(
    blocks: list[Block],
    starts: list[int],
    titles: set[int],
    evidence: dict[int, list[str]],
    idf: dict[str, float],
    style: HouseStyle | None = None,
) -> list[int]:
    """Second look at unmarked boundaries with whole articles in view: two neighbours that
    share as much vocabulary as the halves of one article usually do are one article (window
    cohesion is noisy; whole-article cohesion is not, cf. Choi's C99, 2000), unless, given a
    ``style``, they print their quotation marks, apostrophes and dashes two different ways."""
    starts = list(starts)
    changed = True
    while changed:
        changed = False
        for k in range(1, len(starts)):
            start = starts[k]
            why = evidence.get(start, [])
            # A Headline Case line is kept apart only when it reads as the title of what
            # follows: one that shares words with the article above is a section heading of it.
            if (
                "protected" in why
                or marked(why)
                or (
                    any(w.startswith("heading:") and float(w[8:]) >= W_HEADING_STRONG for w in why)
                    and "title-affinity" in why
                )
            ):
                continue
            end = starts[k + 1] if k + 1 < len(starts) else len(blocks)
            apart = style.cut_saving(starts[k - 1], start, end) if style is not None else 0.0
            if apart > MERGE_STYLE_APART:
                # Two house styles: two outlets, however close their subjects.
                continue
            left = article_words(blocks, starts[k - 1], start)
            right = article_words(blocks, start, end)
            cross = cosine(left, right, idf)
            inner = min(
                inner_cohesion(blocks, starts[k - 1], start, idf),
                inner_cohesion(blocks, start, end, idf),
            )
            if cross > MERGE_COSINE and cross > MERGE_RATIO * inner:
                del starts[k]
                if start in titles:
                    titles.discard(start)
                    if is_section_header(blocks[start]):
                        blocks[start].kind = "section_header"
                changed = True
                break
    return starts


def _candidate_plain(
    blocks: list[Block], i: int, running: Running, width: int, idf: dict[str, float]
) -> tuple[float, list[str], int | None]:
    """Score a boundary before block ``i`` taking the block as body, never as a title."""
    return candidate(blocks, i, running, width, idf, allow_title=False)


def _short(text: str) -> bool:
    """Is the paragraph short enough to be a closing note or tagline (CLOSING_NOTE_WORDS)?"""
    return len(text.split()) <= CLOSING_NOTE_WORDS


def _closing_paragraph(text: str) -> bool:
    """Is the paragraph a closing line ("(Reporting by ...)", "Ana Holm is a fellow at ...")?
    Not a long one that only ends in one: a one-paragraph wire story ends in its "Editing by"
    note and is an article of its own."""
    return _short(text) and clean.is_article_end(text)


def candidate(
    blocks: list[Block],
    i: int,
    running: Running,
    width: int,
    idf: dict[str, float],
    allow_title: bool = True,
) -> tuple[float, list[str], int | None]:
    """Score a boundary before block ``i``: (score, evidence names, index of the lede block).

    When block ``i`` is headline-shaped the lede is the next body block and ``i`` the title.
    """
    block = blocks[i]
    why: list[str] = []
    score = 0.0
    if clean.is_inside_label(block.text):
        return -100.0, ["inside-label"], i
    if clean.is_rule(block.text):
        # A "___" rule closes an article or an entry; it never opens one.
        return -100.0, ["rule"], i
    if clean.is_signature(block.text):
        # A letter's signature ("Dana Whitfield.", "Springfield, Ill.") closes the letter above.
        return -100.0, ["signature"], i
    if _short(block.text) and clean.is_closing_note(block.text):
        # A closing note ("This story was updated ...", "Reporting by ...") closes the article
        # above, even when a byline or credit line sits between. Not an author's tagline: "Ana
        # Holm is pushing fellow senators ..." reads like one and opens articles. Nor a long
        # paragraph: a one-paragraph wire story ends in its "Editing by" note.
        return -100.0, ["closing-line"], i
    if separated(blocks, i):
        score += W_SEPARATOR
        why.append("separator")
    prev = previous_body(blocks, i)
    # Link lines and rules under a closing line ("Full results: ...", "___") are more of its
    # furniture.
    j = i - 1
    while j >= 0 and (
        blocks[j].kind is not None or is_link_line(blocks[j]) or clean.is_rule(blocks[j].text)
    ):
        j -= 1
    closing = blocks[j] if j >= 0 else None
    if closing is not None and clean.is_article_end(closing.text) and not is_link_line(block):
        score += W_ARTICLE_END
        why.append("article-end")
    if after_link_list(blocks, i):
        score += W_AFTER_LINK_LIST
        why.append("after-link-list")
    if clean.is_start_label(block.text):
        score += W_START_LABEL
        why.append("start-label")
    if prev is not None and clean.is_inside_label(prev.text):
        score += W_INSIDE_LABEL
        why.append("inside-label")
    if prev is not None and (
        CLOCK.match(prev.text) or (clean.is_rule(prev.text) and CLOCK.match(block.text))
    ):
        # Live blogs: a time stamp, or a "___" rule over one, opens the next entry of the same
        # page.
        score += W_AFTER_ENTRY_MARK
        why.append("entry-mark")
    elif prev is not None and clean.is_rule(prev.text):
        # A rule line ("-----", "* * *") over anything but a time stamp: how users separate
        # the articles they paste together (and, less often, sections of one article).
        score += W_AFTER_RULE
        why.append("after-rule")
    if _RUN_IN_HEAD.match(block.text) and clean.parse_dateline(block.text) is None:
        score += W_RUN_IN_HEAD
        why.append("run-in-head")
    if block.before == "soft" and not block.noise_before:
        score += W_SOFT_BREAK
        why.append("soft")
    heading = heading_score(block, width) if allow_title else 0.0
    lede_idx = next_body(blocks, i) if heading > 0 else i
    if (
        lede_idx is not None
        and lede_idx != i
        and (
            separated(blocks, lede_idx)
            or clean.is_signature(blocks[lede_idx].text)
            or _closing_paragraph(blocks[lede_idx].text)
        )
    ):
        # Tag or credit lines between a heading and the next paragraph, or a signature or a
        # closing line as that paragraph: the heading closes the article before; the boundary,
        # if any, is after them.
        heading, lede_idx = 0.0, i
    if (
        lede_idx is not None
        and lede_idx != i
        and heading <= W_SHORT_LINE_PLAIN
        and clean.is_start_label(blocks[lede_idx].text)
    ):
        # A one-liner that reads as prose ("The ministry did not respond ...") right above an
        # export label closes the article before; the label opens the next one.
        heading, lede_idx = 0.0, i
    if (
        lede_idx is not None
        and lede_idx != i
        and heading >= W_HEADING_STRONG
        and blocks[lede_idx].rows == 1
        and heading_score(blocks[lede_idx], width) >= W_HEADING_STRONG
    ):
        # Headline Case under Headline Case: a list of headlines ("Related:"), not a headline
        # over its lede.
        heading, lede_idx = 0.0, i
        why.append("title-list")
    if lede_idx is None:
        return score + heading, why, None
    # Export labels ("ABSTRACT.", "FULL TEXT.") carry no lede evidence: read past them.
    text_idx = lede_idx
    while clean.is_start_label(blocks[text_idx].text) or clean.is_inside_label(
        blocks[text_idx].text
    ):
        if text_idx != i and clean.is_start_label(blocks[text_idx].text):
            score += W_START_LABEL
            why.append("label-ahead")
            if heading >= W_HEADING_STRONG:
                # An export's title line over its label ("ABSTRACT."): as sure as the label.
                why.append("title-over-label")
        elif clean.is_inside_label(blocks[text_idx].text):
            # "FULL TEXT." ahead: the article this block belongs to has already begun.
            score += W_INSIDE_LABEL
            why.append("inside-label")
        following = next_body(blocks, text_idx)
        if following is None:
            break
        text_idx = following
    lede = blocks[text_idx]
    if heading > 0:
        score += heading
        why.append(f"heading:{heading:.1f}")
        if block.headline_llr:
            score += W_HEADLINE_MODEL * block.headline_llr
            why.append(f"headline-model:+{block.headline_llr:.1f}")
        if "article-end" in why and heading >= HEADLINE_AFTER_END:
            # A headline under a closing line: nothing of the article above follows its
            # closing line, however short the article under the headline is.
            why.append("headline-after-end")
        # A headline shares words with the article under it; a closing one-liner with the
        # article above it.
        title_words = content_words(block.text)
        to_next = cosine(title_words, window_after(blocks, lede_idx), idf)
        to_prev = cosine(title_words, window_before(running.recent), idf)
        if (
            clean.parse_dateline(lede.text)
            and heading < W_HEADING_STRONG
            and to_next <= to_prev
            and "separator" not in why
        ):
            # A closing one-liner right before a dateline: the dateline starts the article.
            # (Not after a tag or credit line: nothing closes an article after those.)
            return _candidate_plain(blocks, i, running, width, idf)
        if to_next > to_prev:
            score += W_TITLE_AFFINITY
            why.append("title-affinity")
        elif to_prev > to_next:
            score += W_TITLE_TO_PREVIOUS
            why.append("title-to-previous")
        else:
            score += W_TITLE_NO_AFFINITY
            why.append("title-unrelated")
    if clean.parse_dateline(lede.text) is not None:
        score += W_DATELINE
        why.append("dateline")
    lede_score, lede_why = _lede_score(lede, running)
    score += lede_score
    why += lede_why
    orphans = _orphan_surnames(blocks, text_idx, running)
    if orphans:
        score += W_ORPHAN_SURNAME * min(MAX_ORPHANS, orphans)
        why.append(f"orphans:{orphans}")
    recurring = _recurring_names(blocks, text_idx, running)
    if recurring is not None:
        score += W_RECURRING * (recurring - RECURRING_PIVOT)
        why.append(f"recurring:{recurring:.2f}")
    after = window_after(blocks, text_idx)
    before = window_before(running.recent)
    # Small windows make any two texts look unrelated: scale the evidence by how much was seen.
    seen = COHESION_DAMPING * min(1.0, min(after.total(), before.total()) / COHESION_WORDS)
    if before and after:
        cos = cosine(before, after, idf)
        score += seen * curve(cos, COHESION_CURVE)
        why.append(f"cos:{cos:.2f}")
    if running.words and after:
        cos = cosine(running.words, after, idf)
        score += seen * curve(cos, COHESION_FULL_CURVE)
        why.append(f"cosfull:{cos:.2f}")
        if heading >= W_HEADING_STRONG and "title-affinity" in why and cos < NEW_STORY_COSINE:
            # A Headline Case title over a story of other words than the article so far: a
            # one-paragraph article under its headline is still an article, whatever the
            # length prior says. (Section heads inside an article share its words.)
            why.append("headline-new-story")
    if running.blocks < MIN_ARTICLE_BLOCKS:
        # One paragraph is a far rarer article than two.
        score += W_SHORT_ARTICLE * (MIN_ARTICLE_BLOCKS - running.blocks)
        why.append("short-article")
    return score, why, lede_idx


_MARKS = (
    "separator",
    "dateline",
    "start-label",
    "title-over-label",
    "headline-after-end",
    "headline-new-story",
)


def marked(why: list[str]) -> bool:
    """Evidence no neighbouring paragraph can beat: a separator line, a dateline, an export
    label that opens articles (or a Headline Case title over one), a Headline Case line under a
    closing line, or one over a story the running article does not share words with."""
    return any(w in _MARKS for w in why)
