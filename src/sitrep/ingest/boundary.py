"""Boundary evidence for dump segmentation: how much a paragraph start looks like a new article.

:mod:`sitrep.ingest.segment` turns a dump into :class:`Block` runs (body lines between breaks,
with the noise lines dropped before them) and walks them in order; this module owns everything
it asks along the way: the evidence weights, the news-lede cues, headline shapes, lexical
cohesion, and the whole-article merge pass. It is split out so that the reading of lines
(segment) and the judging of boundaries (here) can each be read, and tuned, on their own.

Evidence is added on a natural-log odds scale at each paragraph start, read against the article
running so far:

* lexical cohesion in the spirit of TextTiling (Hearst 1997): tf-idf cosine of the next
  paragraphs against the running article's last paragraphs and against all of it, with idf
  taken over stretches of the dump itself, so that words every article of the dump shares
  carry no weight;
* news-lede cues: people introduced by role and full name ("Vermont Sen. Bernie Sanders"),
  surnames the running article already used alone now given in full, names the running
  article never used, a weekday ("said on Sunday"), one long sentence standing alone;
* the previous paragraph closes an article ("Follow X on Twitter", "(Reporting by ...)");
* against a boundary: pronoun, conjunction, quotation or bare-surname starts, a live-blog time
  stamp just before, a running article of one or two paragraphs;
* the first-mention convention of news writing: a person is introduced by full name before
  the surname is used alone, so a surname the next paragraphs use alone, introduced only by the
  running article, argues that they continue it.

The whole-article pass (as C99, Choi 2000, does) merges two neighbours that share more
vocabulary than each shares with itself, unless a marker separates them. A Headline Case start is
exempt from that pass only when its words point to the article below ("title-affinity"); one
that points above is a section heading of it. After decoding, :func:`headline_before` and
:func:`headline_only` say which heading-shaped lines left around a start are its headline and
deck: the line shares more words with the article below than with the close of the one above.
The weights are a few hand-set numbers, documented where they are defined; the word lists live
in ``data/segment_words.json``.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from sitrep.ingest import clean

# --- evidence weights ---------------------------------------------------------------------
# Hand-set, on a natural-log odds scale: each number is roughly how much more often the cue was
# seen at article starts than elsewhere when reading the errors on the train dumps (rounded, not
# fitted). A first, greedy reading declares a boundary when the sum reaches THRESHOLD (articles
# are rare among paragraph starts, about 1 in 20, which is why it sits well above zero); the
# final starts are chosen by decoding all candidates at once (``segment.decode``).
THRESHOLD = 3.0
W_SEPARATOR = 6.0  # a tag / credit / byline line sits between the two paragraphs
W_DATELINE = 6.0  # the lede opens with "PLACE — "
W_ARTICLE_END = 5.0  # the previous paragraph is "Follow X on Twitter", "(Reporting by ...)"
W_START_LABEL = 5.0  # the paragraph is an export label that opens an article ("ABSTRACT.")
W_INSIDE_LABEL = -8.0  # the previous paragraph is a label inside an article ("FULL TEXT.")
W_AFTER_ENTRY_MARK = -3.0  # the previous paragraph is a live-blog time stamp or a "___" rule
W_RUN_IN_HEAD = -3.0  # "TWO MORE DROP OUT OF THE DEBATE Rand Paul and ...": a newsletter item
W_HEADING_STRONG = 3.0  # a Headline Case line, or "Headline; Deck"
W_HEADING = 0.7  # a short line without final stop, or a question (section headers look alike)
W_SHORT_LINE = 1.4  # a one-line paragraph of at most 14 words
W_SHORT_LINE_PLAIN = 0.5  # ... that opens with an article, pronoun or connective, as prose does
W_CAPS_HEADING = 0.0  # all-capitals headings are section headers more often than headlines
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
# First-mention convention of news writing: an article introduces a person by full name before
# using the surname alone. A surname used alone in the next paragraphs, never introduced there
# but introduced by the running article, says those paragraphs continue it.
W_ORPHAN_SURNAME = -0.8  # per such surname, at most MAX_ORPHANS
MAX_ORPHANS = 2
ORPHAN_BLOCKS = 4  # how many body blocks from the lede on are read for it
# Lexical cohesion (TextTiling, Hearst 1997): tf-idf cosine of the would-be new article's first
# blocks against the running article's last blocks (local) and against all of it (global).
# Evidence is read off a piecewise-linear curve (cosine -> log-odds), set by hand from how often
# each cosine was seen at article starts versus inside articles; both curves look at the same
# words, so each is damped by COHESION_DAMPING before they are added.
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
# Whole-article tf-idf cosine above which two neighbouring articles are merged back into one.
MERGE_COSINE = 0.04
MERGE_PROTECT = 2.5  # boundaries scoring this far above THRESHOLD are never merged
MERGE_RATIO = 1.0  # and above this share of the less cohesive article's own half-to-half cosine
W_SHORT_ARTICLE = -1.0  # per paragraph the running article would end short of MIN_ARTICLE_BLOCKS
MIN_ARTICLE_BLOCKS = 3
COHESION_WORDS = 40  # content words either side, TextTiling's "block size"
COHESION_MAX_BLOCKS = 8

_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[A-Z“\"‘'])")
_NAME_TOKEN = re.compile(r"\b[A-Z][a-z]+(?:[-'’][A-Za-z]+)*\b|\b[A-Z]{2,}\b")
# Overlapping (lookahead) so that "President Donald Trump" yields "Donald Trump" too.
_FULL_NAME = re.compile(
    r"(?=\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+(?:[A-Z]\.\s+)?([A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*)\b)"
)
# "Headline; Deck" — a semicolon followed by a capital is rare in body prose.
_DECK = re.compile(r"^(?:[^.;]|(?<=[A-Z])\.){8,140};\s+[A-Z‘“\"']")
_ABBREVIATION = re.compile(r"(?:[A-Za-z]\.){1,4}|[A-Z][a-z]{0,3}\.")
_OPENS_WITH_NAME = re.compile(
    r"(?:[A-Z][a-z]+\.? )?(?:[A-Z][a-z]+|[A-Z]\.) (?:[A-Z]\. )?[A-Z][a-z]+(?:[-'’][A-Za-z]+)*\b"
)
_LIST_ITEM = re.compile(r"^\(?\d{1,2}(?:[.)]\s|\s+[A-Z])")
_ATTRIBUTION = re.compile(r"[,.!?][\"”’']\s+(?:\w+\s+){0,3}(?:said|says|added|adds|asked|told)\b")
# "People like Scott, he said." — reported speech closed by a pronoun and a speech verb.
_PRONOUN_ATTRIBUTION = re.compile(
    r",\s+(?:he|she|they|we|I|it)\s+(?:said|says|added|adds|asked|told\s+\w+)\.?$"
)
_RULE = re.compile(r"^[_~*=-]{3,}\.?$")
# A newsletter item opens with its heading in capitals run into the text of the item.
_RUN_IN_HEAD = re.compile(r"^(?:[\"“‘']?[A-Z0-9][A-Z0-9'’,.:&-]*[\"”’']? ){3,}[A-Z][a-z]")
_CLOCK = re.compile(r"^\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?:?$", re.IGNORECASE)
_QUOTES = "\"“‘'«"


@dataclass(frozen=True, slots=True)
class _Words:
    strong: frozenset[str]
    weak: frozenset[str]
    weekdays: frozenset[str]
    titles: frozenset[str]
    stopwords: frozenset[str]
    abbreviations: frozenset[str]
    titled_name: re.Pattern[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    raw: dict[str, Any] = json.loads(
        resources.files("sitrep.ingest").joinpath("data/segment_words.json").read_text("utf-8")
    )
    return _Words(
        strong=frozenset(raw["strong_continuation_starts"]),
        weak=frozenset(raw["weak_continuation_starts"]),
        weekdays=frozenset(raw["weekdays"]),
        titles=frozenset(raw["titles"]),
        stopwords=frozenset(raw["stopwords"]),
        abbreviations=frozenset(raw["abbreviations"]),
        titled_name=re.compile(
            r"\b(?:"
            + "|".join(re.escape(r) for r in raw["role_words"])
            + r")\s+(?:[A-Z][a-z]+\s+){1,2}[A-Z][a-z]+"
        ),
    )


# --- lines and blocks ------------------------------------------------------------------


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
    lines: list[Line]
    before: str  # "start" | "hard" | "soft"
    noise_before: list[NoiseLine] = field(default_factory=list)
    kind: str | None = None  # noise kind decided for the whole block
    after_hard: bool = True  # the block ends at a proven paragraph end

    @property
    def text(self) -> str:
        return " ".join(ln.text.strip() for ln in self.lines)


# --- evidence -----------------------------------------------------------------------------


def _first_word(text: str) -> str:
    m = re.match(r"[\"“‘'(]*([A-Za-z’']+)", text)
    return m.group(1).lower() if m else ""


def _names(text: str) -> set[str]:
    w = _words()
    out: set[str] = set()
    for tok in _NAME_TOKEN.findall(text):
        low = tok.lower()
        if low in w.stopwords or tok in w.titles or tok in w.weekdays or len(tok) < 3:
            continue
        out.add(low.removesuffix("’s").removesuffix("'s"))
    return out


def _full_names(text: str) -> list[tuple[str, str]]:
    w = _words()
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
    for m in _SENTENCE_END.finditer(text):
        token = text[: m.start()].rsplit(None, 1)[-1].strip("\"“”’')(")
        if _ABBREVIATION.fullmatch(token) or token.rstrip(".").lower() in _words().abbreviations:
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
        if not (prev[:1].isupper() and prev.isalpha()) or prev in _words().titles:
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
    seen = 0
    for j in range(start, len(blocks)):
        if blocks[j].kind is not None:
            continue
        text = blocks[j].text
        alone = _used_alone(text)
        # A paragraph that gives the full name may use the surname alone after it.
        introduced |= {last for _, last in _full_names(text)}
        orphans |= {n for n in alone if n in known and n not in introduced}
        seen += 1
        if seen >= ORPHAN_BLOCKS:
            break
    return len(orphans)


def _lede_score(lede: Block, running: Running) -> tuple[float, list[str]]:
    """Evidence from the first paragraph of a would-be new article against the running one."""
    w = _words()
    score = 0.0
    why: list[str] = []
    text = lede.text
    first = _first_word(text)
    if first in w.strong:
        score += W_CONTINUATION
        why.append("continuation")
    elif first in w.weak:
        score += W_WEAK_CONTINUATION
    if text[:1] in _QUOTES:
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
    return score, why


def _heading_score(block: Block, width: int) -> float:
    """How much a block looks like a headline (or a section header: context decides)."""
    lines = block.lines
    text = block.text
    words = text.split()
    if not words or len(lines) > 2 or len(words) > 30:
        return 0.0
    # A two-line heading only arises from wrapping a headline longer than the width.
    if len(lines) == 2 and len(lines[0].text) < 0.75 * width:
        return 0.0
    if not (text[0].isupper() or text[0] in "‘'\"“0123456789"):
        return 0.0
    # List items ("3. WHAT TO WATCH") and sign-offs ("Follow X on Twitter") are not headlines.
    if _LIST_ITEM.match(text) or clean.is_article_end(text) or clean.parse_dateline(text):
        return 0.0
    if clean.is_start_label(text) or clean.is_inside_label(text):
        return 0.0
    # A line handing over to more of its sentence ("... quickly,”", "... said that") is body.
    if text.rstrip("\"”’'").endswith((",", ";")) or text.endswith(("“", "‘", "(")):
        return 0.0
    # Quoted speech ("“Really,” she added.") and live-blog times ("9:25 p.m.") are body.
    if _ATTRIBUTION.search(text) or _PRONOUN_ATTRIBUTION.search(text) or _CLOCK.match(text):
        return 0.0
    if clean.is_caps_heading(text):
        return W_HEADING + W_CAPS_HEADING
    title_case = len(words) >= 4 and clean.title_case_ratio(text) >= 0.8
    if title_case or _DECK.search(text):
        return W_HEADING_STRONG
    if not clean.ends_sentence(text) or text.endswith("?"):
        return W_HEADING
    if len(lines) == 1 and len(words) <= 14:
        # Headlines drop articles and pronouns ("GOP targets Clinton's foreign policy"); a
        # short body line opening with one ("She also said ...", "The poll ...") continues.
        w = _words()
        first = _first_word(text)
        if first in w.strong or first in w.weak or first in ("a", "an"):
            return W_SHORT_LINE_PLAIN
        return W_SHORT_LINE
    return 0.0


@lru_cache(maxsize=8192)
def content_words(text: str) -> Counter[str]:
    """Content-word counts of a text (cached: callers must not modify the result)."""
    stop = _words().stopwords
    return Counter(
        w.removesuffix("’s").removesuffix("'s")
        for w in re.findall(r"[a-z][a-z'’-]{2,}", text.lower())
        if w not in stop
    )


def _cosine(a: Counter[str], b: Counter[str], idf: dict[str, float]) -> float:
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


def _curve(x: float, points: tuple[tuple[float, float], ...]) -> float:
    """Piecewise-linear interpolation, flat beyond the first and last points."""
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[-1][1]


def _window_after(blocks: list[Block], start: int) -> Counter[str]:
    """Content words of the body blocks from ``start`` on, up to COHESION_WORDS of them."""
    after: Counter[str] = Counter()
    for j in range(start, min(len(blocks), start + COHESION_MAX_BLOCKS)):
        if blocks[j].kind is None:
            after.update(content_words(blocks[j].text))
            if after.total() >= COHESION_WORDS:
                break
    return after


def _window_before(running: Running) -> Counter[str]:
    """Content words of the running article's last blocks, up to COHESION_WORDS of them."""
    before: Counter[str] = Counter()
    for text in reversed(running.recent):
        before.update(content_words(text))
        if before.total() >= COHESION_WORDS:
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
        lines += len(b.lines)
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


def _inner_cohesion(blocks: list[Block], start: int, end: int, idf: dict[str, float]) -> float:
    """Cosine between the two halves of an article: how much vocabulary it shares with itself."""
    body = [j for j in range(start, end) if blocks[j].kind is None]
    if len(body) < 2:
        return 0.0
    mid = body[len(body) // 2]
    return _cosine(_article_words(blocks, start, mid), _article_words(blocks, mid, end), idf)


def _article_words(blocks: list[Block], start: int, end: int) -> Counter[str]:
    words: Counter[str] = Counter()
    for b in blocks[start:end]:
        if b.kind is None:
            words.update(content_words(b.text))
    return words


def merge_cohesive(
    blocks: list[Block],
    starts: list[int],
    titles: set[int],
    evidence: dict[int, list[str]],
    idf: dict[str, float],
) -> list[int]:
    """Second look at unmarked boundaries with whole articles in view: two neighbours that
    share as much vocabulary as the halves of one article usually do are one article (window
    cohesion is noisy; whole-article cohesion is not, cf. Choi's C99, 2000)."""
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
            left = _article_words(blocks, starts[k - 1], start)
            right = _article_words(blocks, start, end)
            cross = _cosine(left, right, idf)
            inner = min(
                _inner_cohesion(blocks, starts[k - 1], start, idf),
                _inner_cohesion(blocks, start, end, idf),
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
    if _RULE.match(block.text):
        # A "___" rule closes an article or an entry; it never opens one.
        return -100.0, ["rule"], i
    if _separated(blocks, i):
        score += W_SEPARATOR
        why.append("separator")
    prev = _previous_body(blocks, i)
    if prev is not None and clean.is_article_end(prev.text):
        score += W_ARTICLE_END
        why.append("article-end")
    if clean.is_start_label(block.text):
        score += W_START_LABEL
        why.append("start-label")
    if prev is not None and clean.is_inside_label(prev.text):
        score += W_INSIDE_LABEL
        why.append("inside-label")
    if prev is not None and (_CLOCK.match(prev.text) or _RULE.match(prev.text)):
        # Live blogs: a time stamp or a "___" rule opens the next entry of the same page.
        score += W_AFTER_ENTRY_MARK
        why.append("entry-mark")
    if _RUN_IN_HEAD.match(block.text) and clean.parse_dateline(block.text) is None:
        score += W_RUN_IN_HEAD
        why.append("run-in-head")
    if block.before == "soft" and not block.noise_before:
        score += W_SOFT_BREAK
        why.append("soft")
    heading = _heading_score(block, width) if allow_title else 0.0
    lede_idx = next_body(blocks, i) if heading > 0 else i
    if lede_idx is not None and lede_idx != i and _separated(blocks, lede_idx):
        # Tag or credit lines between a heading and the next paragraph: the heading closes the
        # article before; the boundary, if any, is after the separator.
        heading, lede_idx = 0.0, i
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
        # A headline shares words with the article under it; a closing one-liner with the
        # article above it.
        title_words = content_words(block.text)
        to_next = _cosine(title_words, _window_after(blocks, lede_idx), idf)
        to_prev = _cosine(title_words, _window_before(running), idf)
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
    after = _window_after(blocks, text_idx)
    before = _window_before(running)
    # Small windows make any two texts look unrelated: scale the evidence by how much was seen.
    seen = COHESION_DAMPING * min(1.0, min(after.total(), before.total()) / COHESION_WORDS)
    if before and after:
        cos = _cosine(before, after, idf)
        score += seen * _curve(cos, COHESION_CURVE)
        why.append(f"cos:{cos:.2f}")
    if running.words and after:
        cos = _cosine(running.words, after, idf)
        score += seen * _curve(cos, COHESION_FULL_CURVE)
        why.append(f"cosfull:{cos:.2f}")
    if running.blocks < MIN_ARTICLE_BLOCKS:
        # One paragraph is a far rarer article than two.
        score += W_SHORT_ARTICLE * (MIN_ARTICLE_BLOCKS - running.blocks)
        why.append("short-article")
    return score, why, lede_idx


def marked(why: list[str]) -> bool:
    """Evidence no neighbouring paragraph can beat: a separator line, a dateline, or an
    export label that opens articles."""
    return any(w in ("separator", "dateline", "start-label") for w in why)


def opens_with_title(blocks: list[Block], i: int, lede_idx: int, width: int) -> bool:
    """Does the dump open with a headline? A heading-shaped line, or a short one-line
    paragraph followed by a longer one that shares words with it."""
    block = blocks[i]
    heading = _heading_score(block, width)
    if heading <= 0:
        return False
    if _is_title_shape(block):
        return True
    lede = blocks[lede_idx]
    shared = set(content_words(block.text)) & set(content_words(lede.text))
    return len(lede.lines) >= 2 and bool(shared)


def _is_title_shape(block: Block) -> bool:
    return len(block.lines) <= 2 and clean.looks_like_heading(block.text, max_words=30)


def is_section_header(block: Block) -> bool:
    """A heading-shaped line judged not to start an article is dropped as a section header
    when it cannot be a body sentence: no final stop, a short question, or all capitals."""
    text = block.text.strip()
    if len(block.lines) != 1:
        return False
    if clean.is_caps_heading(text):
        return True
    if not clean.ends_sentence(text):
        return len(text.split()) <= 12
    return text.endswith("?") and len(text.split()) <= 8


def _noise_between(blocks: list[Block], i: int) -> list[NoiseLine]:
    out: list[NoiseLine] = list(blocks[i].noise_before)
    j = i - 1
    while j >= 0 and blocks[j].kind is not None:
        out.extend(blocks[j].noise_before)
        j -= 1
    return out


def _separated(blocks: list[Block], i: int) -> bool:
    """Is there a tag, credit or byline line between block ``i`` and the body before it?"""
    return any(nl.kind in clean.SEPARATOR_KINDS for nl in _noise_between(blocks, i))


def _previous_body(blocks: list[Block], i: int) -> Block | None:
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


# --- headline attachment ------------------------------------------------------------------

WRAPPED_HEADLINE_WORDS = 25
WRAPPED_MIN_AFFINITY = 0.1  # tf-idf cosine a wrapped headline needs with the article below
MAX_STACKED_TITLES = 2  # headline + deck: at most this many one-line blocks move to the next start
STACK_WORDS = 25  # a deck or kicker line under a headline is at most this many words


def _window_before_block(blocks: list[Block], end: int, first: int) -> Counter[str]:
    """Content words of the body blocks before ``end`` (not before ``first``), up to
    COHESION_WORDS of them: the close of the article a heading-shaped line would end."""
    before: Counter[str] = Counter()
    for j in range(end - 1, first - 1, -1):
        if blocks[j].kind is None:
            before.update(content_words(blocks[j].text))
            if before.total() >= COHESION_WORDS:
                break
    return before


def _wrapped_headline(block: Block, width: int) -> bool:
    """A sentence-case headline longer than the wrap width: two lines, the first one full, one
    sentence of at most WRAPPED_HEADLINE_WORDS words. :func:`_heading_score` leaves these out
    (a two-line sentence is as often a short closing paragraph); read against the articles
    either side, only a strict word affinity with the article below makes one a headline."""
    text = block.text
    if len(block.lines) != 2 or len(block.lines[0].text) < 0.75 * width:
        return False
    if len(text.split()) > WRAPPED_HEADLINE_WORDS or not text[0].isupper():
        return False
    if _SENTENCE_END.search(text) or _ATTRIBUTION.search(text) or _PRONOUN_ATTRIBUTION.search(text):
        return False
    return not (clean.parse_dateline(text) or clean.is_article_end(text))


def headline_before(
    blocks: list[Block],
    start: int,
    previous_start: int,
    width: int,
    idf: dict[str, float],
    *,
    after: int | None = None,
) -> tuple[int, bool] | None:
    """The block just before an article ``start`` when it may be the article's own headline
    (or deck) left at the end of the article before: (its index, whether the evidence is a tie),
    else None. ``after`` is where the article's text is read from (``start`` by default).

    A one-line paragraph shaped like a heading (no final stop, Headline Case, or a short
    sentence) that shares more words with the article below than with the close of the one
    above belongs to the one below: a closing one-liner talks about what preceded it, a headline
    about what follows. When it shares words with neither, the caller decides from the context.
    Nothing moves across a tag, credit or byline line (those close the article before), and
    the article before keeps at least two body blocks.
    """
    if _separated(blocks, start):
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
    if len(block.lines) > 2 or (_heading_score(block, width) <= 0 and not wrapped):
        return None
    if block.text.startswith(tuple(_QUOTES)) and clean.title_case_ratio(block.text) < 0.8:
        return None
    title_words = content_words(block.text)
    to_next = _cosine(title_words, _window_after(blocks, start if after is None else after), idf)
    to_prev = _cosine(title_words, _window_before_block(blocks, p, previous_start), idf)
    if to_next > to_prev and (not wrapped or to_next >= WRAPPED_MIN_AFFINITY):
        return p, False
    if to_next == to_prev and not wrapped:
        return p, True
    return None


def headline_only(blocks: list[Block], start: int, next_start: int, width: int) -> bool:
    """Is the article from ``start`` to ``next_start`` nothing but a headline stack: a
    heading-shaped block, and at most MAX_STACKED_TITLES short blocks under it (deck lines,
    a kicker)? Then it is the top of the article at ``next_start`` (unless a tag, credit or
    byline line sits between them): no article is a headline alone."""
    if _separated(blocks, next_start):
        return False
    body = [j for j in range(start, next_start) if blocks[j].kind is None]
    if not body or len(body) > 1 + MAX_STACKED_TITLES:
        return False
    block = blocks[body[0]]
    if len(body) == 1:
        return len(block.lines) <= 2 and (
            _heading_score(block, width) > 0 or _wrapped_headline(block, width)
        )
    # Under a headline, deck lines are one line each; two short paragraphs are an article.
    decks = body[1:]
    if any(len(blocks[j].lines) > 1 or len(blocks[j].text.split()) > STACK_WORDS for j in decks):
        return False
    return len(block.lines) <= 2 and _heading_score(block, width) > 0
