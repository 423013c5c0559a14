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
in order against the article running so far:

* lexical cohesion in the spirit of TextTiling (Hearst 1997): tf-idf cosine of the next
  paragraphs against the running article's last paragraphs and against all of it, with idf
  taken over stretches of the dump itself, so that words every article of the dump shares
  ("Trump" in a dump of election news) carry no weight;
* news-lede cues: people introduced by role and full name ("Vermont Sen. Bernie Sanders"),
  surnames the running article already used alone now given in full, names the running
  article never used, a weekday ("said on Sunday"), one long sentence standing alone;
* the previous paragraph closes an article ("Follow X on Twitter", "(Reporting by ...)");
* against a boundary: pronoun, conjunction, quotation or bare-surname starts, a live-blog time
  stamp just before, a running article of one or two paragraphs.

Boundaries are kept only at local maxima (the next paragraph start must not score higher), and
a last pass looks at whole articles (as C99, Choi 2000, does): two neighbours that share more
vocabulary than each shares with itself are merged back, unless a marker separates them.
The weights are a few hand-set numbers, documented where they are defined; the word lists live
in ``data/segment_words.json``, the noise patterns in ``data/noise.json``.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from sitrep.ingest import clean

# --- evidence weights ---------------------------------------------------------------------
# Hand-set, on a natural-log odds scale: each number is roughly how much more often the cue was
# seen at article starts than elsewhere when reading the errors on the train dumps (rounded, not
# fitted). A boundary is declared when the sum reaches THRESHOLD; articles are rare among
# paragraph starts (about 1 in 20), which is why it sits well above zero.
THRESHOLD = 3.0
W_SEPARATOR = 6.0  # a tag / credit / byline line sits between the two paragraphs
W_DATELINE = 6.0  # the lede opens with "PLACE — "
W_ARTICLE_END = 5.0  # the previous paragraph is "Follow X on Twitter", "(Reporting by ...)"
W_START_LABEL = 5.0  # the paragraph is an export label that opens an article ("ABSTRACT.")
W_INSIDE_LABEL = -8.0  # the previous paragraph is a label inside an article ("FULL TEXT.")
W_AFTER_ENTRY_MARK = -3.0  # the previous paragraph is a live-blog time stamp or a "___" rule
W_HEADING_STRONG = 3.0  # a Headline Case line, or "Headline; Deck"
W_HEADING = 0.7  # a short line without final stop, or a question (section headers look alike)
W_SHORT_LINE = 0.9  # a one-line paragraph of at most 14 words
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

# Wrappers break only at ASCII whitespace (a no-break space glues words) and after the hyphen
# of a hyphenated word, as textwrap does.
OUTLIER_MIN_LINES = 20  # below this many lines every line counts for the wrap width
_FIRST_CHUNK = re.compile(r"[^ \t\r\n\f\v]+?-(?=[A-Za-z])|[^ \t\r\n\f\v]+")
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[A-Z“\"‘'])")
_NAME_TOKEN = re.compile(r"\b[A-Z][a-z]+(?:[-'’][A-Za-z]+)*\b|\b[A-Z]{2,}\b")
# Overlapping (lookahead) so that "President Donald Trump" yields "Donald Trump" too.
_FULL_NAME = re.compile(
    r"(?=\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+(?:[A-Z]\.\s+)?([A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*)\b)"
)
# "Headline; Deck" — a semicolon followed by a capital is rare in body prose.
_DECK = re.compile(r"^(?:[^.;]|(?<=[A-Z])\.){8,140};\s+[A-Z‘“\"']")
_ABBREVIATION = re.compile(r"(?:[A-Za-z]\.){1,4}|[A-Z][a-z]{0,3}\.")
_NAME_ONLY = re.compile(r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2}")
_OPENS_WITH_NAME = re.compile(
    r"(?:[A-Z][a-z]+\.? )?(?:[A-Z][a-z]+|[A-Z]\.) (?:[A-Z]\. )?[A-Z][a-z]+(?:[-'’][A-Za-z]+)*\b"
)
_LIST_ITEM = re.compile(r"^\(?\d{1,2}(?:[.)]\s|\s+[A-Z])")
_ATTRIBUTION = re.compile(r"[,.!?][\"”’']\s+(?:\w+\s+){0,3}(?:said|says|added|adds|asked|told)\b")
_RULE = re.compile(r"^[_~*=-]{3,}\.?$")
_CLOCK = re.compile(r"^\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?$", re.IGNORECASE)
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


# --- public result types ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NoiseLine:
    """A dropped input line: 1-based ``line`` number, its text and why it was dropped."""

    line: int
    text: str
    kind: str


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


@dataclass(frozen=True, slots=True)
class _Line:
    number: int  # 1-based
    start: int
    end: int  # exclusive, without the line terminator
    text: str


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        body = raw[:-1] if raw.endswith("\r") else raw
        lines.append(_Line(number, pos, pos + len(body), body.rstrip()))
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


def break_kind(line: str, next_line: str, width: int) -> str:
    """How strongly the break between two wrapped lines shows a paragraph end.

    ``"hard"``: the next line's whole first word would have fitted with a column to spare, so
    only a paragraph end explains the break. ``"soft"``: the line ends a sentence but the word
    would not have fitted, or fitted only exactly or only up to its hyphen (wrappers differ in
    whether they count the last column and break hyphenated words). ``""``: a wrapped line.
    """
    used = len(line.rstrip()) + 1
    word = next_line.lstrip(" \t").split(" ", 1)[0]
    if used + len(word) < width:
        return "hard"
    return "soft" if clean.ends_sentence(line) else ""


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


@dataclass(slots=True)
class _Block:
    lines: list[_Line]
    before: str  # "start" | "hard" | "soft"
    noise_before: list[NoiseLine] = field(default_factory=list)
    kind: str | None = None  # noise kind decided for the whole block
    after_hard: bool = True  # the block ends at a proven paragraph end

    @property
    def text(self) -> str:
        return " ".join(ln.text.strip() for ln in self.lines)


def _mark_line_noise(lines: list[_Line], width_hint: int) -> dict[int, str]:
    """Line index -> noise kind for lines recognisable on their own (and their continuations)."""
    kinds: dict[int, str] = {}
    for i, line in enumerate(lines):
        found = clean.classify_line(line.text)
        if found is not None:
            kinds[i] = found
    # A byline or credit wrapped over two lines: the second line may not match by itself.
    for i in sorted(kinds):
        kind = kinds[i]
        j = i + 1
        if kind not in ("byline", "credit") or j >= len(lines) or j in kinds:
            continue
        nxt = lines[j].text
        if not nxt.strip() or fits(lines[i].text, nxt, width_hint):
            continue
        joined = lines[i].text.strip() + " " + nxt.strip()
        byline_tail = kind == "byline" and clean.classify_paragraph(joined) == "byline"
        credit_tail = kind == "credit" and _NAME_ONLY.fullmatch(nxt.strip()) is not None
        if byline_tail or credit_tail:
            kinds[j] = kind
    return kinds


def _blocks(lines: list[_Line]) -> tuple[list[_Block], list[NoiseLine], int]:
    provisional = estimate_wrap_width([len(ln.text) for ln in lines])
    kinds = _mark_line_noise(lines, provisional)
    width = (
        estimate_wrap_width([len(ln.text) for i, ln in enumerate(lines) if i not in kinds])
        or provisional
    )
    blocks: list[_Block] = []
    pending_noise: list[NoiseLine] = []
    trailing: list[NoiseLine] = []
    current: _Block | None = None
    prev_body: _Line | None = None
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
            if not before and clean.parse_dateline(line.text) is not None:
                # A dateline only ever opens a paragraph (a headline without a final stop
                # can sit right before it, too long for the fit rule to see the break).
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
        current = _Block([line], before, pending_noise)
        pending_noise = []
        prev_body = line
    if current is not None:
        blocks.append(current)
    trailing = pending_noise
    return blocks, trailing, width


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
class _Running:
    """What the article being read so far has said: names, and surnames used on their own."""

    names: set[str] = field(default_factory=set)
    surnames_alone: set[str] = field(default_factory=set)
    full_names: set[tuple[str, str]] = field(default_factory=set)
    blocks: int = 0
    recent: deque[str] = field(default_factory=lambda: deque(maxlen=COHESION_MAX_BLOCKS))
    words: Counter[str] = field(default_factory=Counter)

    @classmethod
    def copy_of(cls, other: _Running) -> _Running:
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
        self.words.update(_content_words(text))
        names = _names(text)
        fulls = _full_names(text)
        self.names |= names
        self.full_names.update(fulls)
        firsts = {f for f, _ in fulls}
        lasts = {last for _, last in fulls}
        # A surname "used alone" is a name token that is not (only) part of a full name here.
        for n in names:
            if n in firsts:
                continue
            if n not in lasts or self._alone(n, text):
                self.surnames_alone.add(n)

    @staticmethod
    def _alone(name: str, text: str) -> bool:
        cap = name[:1].upper() + name[1:]
        for m in re.finditer(rf"\b{re.escape(cap)}\b", text):
            before = text[max(0, m.start() - 20) : m.start()].rstrip()
            prev = before.split()[-1] if before.split() else ""
            if not (prev[:1].isupper() and prev.isalpha()) or prev in _words().titles:
                return True
        return False


def _lede_score(lede: _Block, running: _Running) -> tuple[float, list[str]]:
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


def _heading_score(block: _Block, width: int) -> float:
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
    # Quoted speech ("“Really,” she added.") and live-blog times ("9:25 p.m.") are body.
    if _ATTRIBUTION.search(text) or _CLOCK.match(text):
        return 0.0
    if clean.is_caps_heading(text):
        return W_HEADING + W_CAPS_HEADING
    title_case = len(words) >= 4 and clean.title_case_ratio(text) >= 0.8
    if title_case or _DECK.search(text):
        return W_HEADING_STRONG
    if not clean.ends_sentence(text) or text.endswith("?"):
        return W_HEADING
    if len(lines) == 1 and len(words) <= 14:
        return W_SHORT_LINE
    return 0.0


@lru_cache(maxsize=8192)
def _content_words(text: str) -> Counter[str]:
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


def _window_after(blocks: list[_Block], start: int) -> Counter[str]:
    """Content words of the body blocks from ``start`` on, up to COHESION_WORDS of them."""
    after: Counter[str] = Counter()
    for j in range(start, min(len(blocks), start + COHESION_MAX_BLOCKS)):
        if blocks[j].kind is None:
            after.update(_content_words(blocks[j].text))
            if after.total() >= COHESION_WORDS:
                break
    return after


def _window_before(running: _Running) -> Counter[str]:
    """Content words of the running article's last blocks, up to COHESION_WORDS of them."""
    before: Counter[str] = Counter()
    for text in reversed(running.recent):
        before.update(_content_words(text))
        if before.total() >= COHESION_WORDS:
            break
    return before


def _dump_idf(blocks: list[_Block]) -> dict[str, float]:
    """Inverse document frequency over stretches of the dump itself (about IDF_LINES lines
    each): words every article of this dump shares ("Trump" in a dump of election news) carry
    no boundary evidence, words one stretch owns carry a lot."""
    chunks: list[set[str]] = []
    current: set[str] = set()
    lines = 0
    for b in blocks:
        if b.kind is not None:
            continue
        current |= set(_content_words(b.text))
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
    idf = _dump_idf(blocks)

    starts: list[int] = []  # block indices where an article starts
    titles: set[int] = set()
    evidence: dict[int, list[str]] = {}
    running = _Running()
    i = 0
    n = len(blocks)
    while i < n:
        block = blocks[i]
        if block.kind is not None:
            i += 1
            continue
        if not starts:
            starts.append(i)
            lede_idx = _next_body(blocks, i)
            if lede_idx is not None and _opens_with_title(blocks, i, lede_idx, width):
                titles.add(i)
                running.add(blocks[lede_idx].text)
                i = lede_idx + 1
                continue
            running.add(block.text)
            i += 1
            continue
        score, why, lede_idx = _candidate(blocks, i, running, width, idf)
        if trace is not None:
            trace(block.lines[0].number, score, why)
        if score >= THRESHOLD and lede_idx is not None and not _marked(why):
            # TextTiling places boundaries at local maxima only: when the next paragraph start
            # is the better boundary (the current block closes the old article), wait for it.
            nxt = _next_body(blocks, i)
            if nxt is not None and nxt <= lede_idx + 1:
                ahead = _Running.copy_of(running)
                ahead.add(block.text)
                next_score, _, _ = _candidate(blocks, nxt, ahead, width, idf)
                if next_score > score:
                    score = THRESHOLD - 1.0
        if score >= THRESHOLD and lede_idx is not None:
            starts.append(i)
            evidence[i] = why
            if score >= THRESHOLD + MERGE_PROTECT:
                # Strong local evidence: two articles on the same story stay two.
                evidence[i] = [*why, "protected"]
            running = _Running()
            if lede_idx != i:
                titles.add(i)
                # The lede belongs to this article: it is not a boundary candidate itself.
                for j in range(i + 1, lede_idx + 1):
                    if blocks[j].kind is None:
                        running.add(blocks[j].text)
                i = lede_idx + 1
                continue
            running.add(block.text)
        elif lede_idx != i and _is_section_header(block):
            block.kind = "section_header"
        else:
            running.add(block.text)
        i += 1
    starts = _merge_cohesive(blocks, starts, titles, evidence, idf)
    return _assemble(lines, blocks, starts, titles, trailing, width)


def _inner_cohesion(blocks: list[_Block], start: int, end: int, idf: dict[str, float]) -> float:
    """Cosine between the two halves of an article: how much vocabulary it shares with itself."""
    body = [j for j in range(start, end) if blocks[j].kind is None]
    if len(body) < 2:
        return 0.0
    mid = body[len(body) // 2]
    return _cosine(_article_words(blocks, start, mid), _article_words(blocks, mid, end), idf)


def _article_words(blocks: list[_Block], start: int, end: int) -> Counter[str]:
    words: Counter[str] = Counter()
    for b in blocks[start:end]:
        if b.kind is None:
            words.update(_content_words(b.text))
    return words


def _merge_cohesive(
    blocks: list[_Block],
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
            if (
                "protected" in why
                or _marked(why)
                or any(w.startswith("heading:") and float(w[8:]) >= W_HEADING_STRONG for w in why)
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
                    if _is_section_header(blocks[start]):
                        blocks[start].kind = "section_header"
                changed = True
                break
    return starts


def _candidate_plain(
    blocks: list[_Block], i: int, running: _Running, width: int, idf: dict[str, float]
) -> tuple[float, list[str], int | None]:
    """Score a boundary before block ``i`` taking the block as body, never as a title."""
    return _candidate(blocks, i, running, width, idf, allow_title=False)


def _candidate(
    blocks: list[_Block],
    i: int,
    running: _Running,
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
    if block.before == "soft" and not block.noise_before:
        score += W_SOFT_BREAK
        why.append("soft")
    heading = _heading_score(block, width) if allow_title else 0.0
    lede_idx = _next_body(blocks, i) if heading > 0 else i
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
        following = _next_body(blocks, text_idx)
        if following is None:
            break
        text_idx = following
    lede = blocks[text_idx]
    if heading > 0:
        score += heading
        why.append(f"heading:{heading:.1f}")
        # A headline shares words with the article under it; a closing one-liner with the
        # article above it.
        title_words = _content_words(block.text)
        to_next = _cosine(title_words, _window_after(blocks, lede_idx), idf)
        to_prev = _cosine(title_words, _window_before(running), idf)
        if clean.parse_dateline(lede.text) and heading < W_HEADING_STRONG and to_next <= to_prev:
            # A closing one-liner right before a dateline: the dateline starts the article.
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


def _marked(why: list[str]) -> bool:
    """Evidence no neighbouring paragraph can beat: a separator line, a dateline, or an
    export label that opens articles."""
    return any(w in ("separator", "dateline", "start-label") for w in why)


def _opens_with_title(blocks: list[_Block], i: int, lede_idx: int, width: int) -> bool:
    """Does the dump open with a headline? A heading-shaped line, or a short one-line
    paragraph followed by a longer one that shares words with it."""
    block = blocks[i]
    heading = _heading_score(block, width)
    if heading <= 0:
        return False
    if _is_title_shape(block):
        return True
    lede = blocks[lede_idx]
    shared = set(_content_words(block.text)) & set(_content_words(lede.text))
    return len(lede.lines) >= 2 and bool(shared)


def _is_title_shape(block: _Block) -> bool:
    return len(block.lines) <= 2 and clean.looks_like_heading(block.text, max_words=30)


def _is_section_header(block: _Block) -> bool:
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


def _noise_between(blocks: list[_Block], i: int) -> list[NoiseLine]:
    out: list[NoiseLine] = list(blocks[i].noise_before)
    j = i - 1
    while j >= 0 and blocks[j].kind is not None:
        out.extend(blocks[j].noise_before)
        j -= 1
    return out


def _separated(blocks: list[_Block], i: int) -> bool:
    """Is there a tag, credit or byline line between block ``i`` and the body before it?"""
    return any(nl.kind in clean.SEPARATOR_KINDS for nl in _noise_between(blocks, i))


def _previous_body(blocks: list[_Block], i: int) -> _Block | None:
    j = i - 1
    while j >= 0:
        if blocks[j].kind is None:
            return blocks[j]
        j -= 1
    return None


def _next_body(blocks: list[_Block], i: int) -> int | None:
    j = i + 1
    while j < len(blocks):
        if blocks[j].kind is None:
            return j
        j += 1
    return None


def _assemble(
    lines: list[_Line],
    blocks: list[_Block],
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
        first_para = paragraphs[0].text
        dl = clean.parse_dateline(first_para)
        articles.append(
            Segment(
                span=(by_number[first].start, by_number[last].end),
                first_line=first,
                last_line=last,
                title=title,
                title_lines=title_lines,
                dateline=(f"{dl.place} ({dl.agency})" if dl.agency else dl.place) if dl else None,
                byline=" ".join(byline_parts) or None,
                tags=tuple(tags),
                paragraphs=tuple(paragraphs),
                noise=tuple(sorted(noise, key=lambda nl: nl.line)),
            )
        )
    if not articles:
        stray.extend(trailing)
    return Segmentation(articles=tuple(articles), wrap_width=width, stray_noise=tuple(stray))


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
