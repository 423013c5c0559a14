"""Hard-wrapped dump text back into lines, paragraphs and blocks.

Unwrapping uses the classic reflow rule (as in ``par`` and ``fmt``): a wrapped line ends a
paragraph when the next line's first word would have fitted on it, given the wrap width, which is
estimated from the dump itself. When the next word would not have fitted but the line ends a
sentence, the break is *soft*: it may or may not be a paragraph end, and is a weaker candidate
for an article boundary.

:func:`read_blocks` cuts a dump's lines into :class:`~sitrep.ingest.blocks.Block` runs (body
lines between breaks) and the noise lines recognisable on their own (tag, credit and byline
lines); :mod:`sitrep.ingest.segment` finds the articles among the blocks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sitrep.ingest import clean
from sitrep.ingest.blocks import Block, Line, NoiseLine, count_reference_rows, segment_words

# Wrappers break only at ASCII whitespace (a no-break space glues words) and after the hyphen
# of a hyphenated word, as textwrap does.
OUTLIER_MIN_LINES = 20  # below this many lines every line counts for the wrap width
_FIRST_CHUNK = re.compile(r"[^ \t\r\n\f\v]+?-(?=[A-Za-z])|[^ \t\r\n\f\v]+")
_NAME_ONLY = re.compile(r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2}")


def split_lines(text: str) -> list[Line]:
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
        if found is None and clean.is_by_line(line.text):
            # "By Ana Ruiz" alone on a line is a byline even under a full line: prose does not
            # end a paragraph on a name after "By" without a stop.
            kinds[i] = "byline"
            continue
        # A byline, a date or a source line opens its own paragraph: a line the one above wraps
        # into ("... Reporters Ana" / "Holm contributed reporting ...", "... signed on" / "June
        # 5, 2025.", "... on the website" / "https://...") is inside a paragraph, whose whole
        # text the paragraph patterns judge later.
        if (
            found in ("byline", "date", "source", "link", "furniture")
            and i > 0
            and (i - 1) not in kinds
            and lines[i - 1].text.strip()
            and _wraps_into(lines[i - 1].text, line.text, found, width_hint)
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


def _wraps_into(line: str, next_line: str, kind: str, width: int) -> bool:
    """Does ``line`` run on into ``next_line``, a line that looks like noise of ``kind``? An
    address opens in lower case, which says nothing there: it runs on only after a line that
    ends no sentence and that it did not fit on."""
    if kind == "link":
        return break_kind(line, next_line, width) != "hard" and not clean.ends_sentence(line)
    return not break_kind(line, next_line, width)


def _wrapped_capitals(text: str) -> bool:
    """A line in capitals with no closing punctuation: a run-in heading that goes on below."""
    letters = [c for c in text if c.isalpha()]
    return (
        len(text.split()) >= 2
        and bool(letters)
        and not any(c.islower() for c in letters)
        and not text.rstrip().endswith((".", "!", "?", ":", '"', "”", "’", "'"))
    )


#: A text is double-spaced when at least this share of its lines (but the last) are followed
#: by a blank line, and its lines are wrapped (no wider than DOUBLE_SPACED_MAX_WIDTH): a dump of
#: one unwrapped paragraph per line puts blank lines between paragraphs, and they mean it.
DOUBLE_SPACED_SHARE = 0.9
DOUBLE_SPACED_MAX_WIDTH = 120
DOUBLE_SPACED_MIN_LINES = 6


def without_line_spacing(lines: list[Line]) -> list[Line]:
    """The lines of a double-spaced text (a blank line after every line, as some tools paste a
    dump) without the single blank lines, which say nothing about paragraphs; a run of two or
    more blank lines still ends one. Other texts come back as they are."""
    text = [i for i, ln in enumerate(lines) if ln.text.strip()]
    if len(text) < DOUBLE_SPACED_MIN_LINES:
        return lines
    spaced = sum(1 for i in text[:-1] if not lines[i + 1].text.strip())
    if spaced < DOUBLE_SPACED_SHARE * (len(text) - 1):
        return lines
    if estimate_wrap_width([len(lines[i].text) for i in text]) > DOUBLE_SPACED_MAX_WIDTH:
        return lines
    kept: list[Line] = []
    for i, line in enumerate(lines):
        blank = not line.text.strip()
        single = 0 < i < len(lines) - 1 and lines[i - 1].text.strip() and lines[i + 1].text.strip()
        if blank and single:
            continue
        if blank and kept and not kept[-1].text.strip():
            continue  # a longer run of blank lines: one paragraph break
        kept.append(line)
    return kept


def read_blocks(lines: list[Line]) -> tuple[list[Block], list[NoiseLine], int]:
    lines = without_line_spacing(lines)
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
            if clean.is_rule(line.text) or clean.is_rule(prev_body.text):
                before = "hard"  # a rule line is a paragraph of its own, never a wrapped part
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
