"""Noise in text dumps: which lines and paragraphs are not article body, and datelines.

Pasted or exported news dumps carry furniture between and inside articles: tag lines
("Tag - UK defense"), cartoon and photo credits ("First published on ... | By ..."), pull quotes
("> " lines repeating the body), image captions, "X contributed reporting from Y" bylines and
section headers. This module owns recognising them. It works at two levels because hard wrapping
hides some of them: a *line* pattern fires on any one wrapped line (a credit run glued into one
line with the next credit, a pull quote's every line starts with ">"), a *paragraph* pattern fires
on text already unwrapped by :mod:`sitrep.ingest.reflow` (a caption, a byline wrapped over two
lines). All patterns live in ``data/noise.json`` so that new outlets' furniture is a data change.

Section headers and headlines look alike (a short line without final punctuation); telling them
apart needs the surrounding article, so that decision belongs to the segmenter, which asks
:func:`looks_like_heading` here for the shape only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from sitrep.datafiles import load_json
from sitrep.ingest import date_lines

NoiseKind = Literal[
    "tag",
    "credit",
    "source",
    "link",
    "furniture",
    "pull_quote",
    "byline",
    "date",
    "caption",
    "section_header",
    "rule",
    "stray",
    "blank",
]
#: Line-level kinds, in the order they are tried (first match wins).
LINE_KINDS: tuple[NoiseKind, ...] = (
    "pull_quote",
    "tag",
    "credit",
    "source",
    "link",
    "furniture",
    "byline",
    "date",
)
#: Kinds that sit between articles and therefore argue for a boundary next to them.
SEPARATOR_KINDS: frozenset[str] = frozenset({"tag", "credit", "source", "byline", "date"})

# ";" is left out on purpose: "Headline;  Deck" headlines wrap after it.
# A bare closing quote ends a sentence ("... the “red line”"), but not after a comma: `,”` hands
# over to an attribution on the next line ("... quickly,” said Owen ...").
_TERMINAL = re.compile(r"[.!?…:][\"'”’)\]]*$|(?<![,;])[\"”’]$")
_BY_LINE = re.compile(r"\s*(?:By|BY)\s")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")
_MINOR_WORDS = frozenset(
    {"a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "from"}
    | {"by", "with", "as", "vs", "vs.", "via", "into", "over", "after", "about", "up", "is"}
    | {"are", "was", "be"}
)


@dataclass(frozen=True, slots=True)
class Dateline:
    """The opening ``PLACE (AGENCY) — `` of a lede; ``end`` is where the sentence proper starts."""

    place: str
    agency: str | None
    end: int


@dataclass(frozen=True, slots=True)
class _Patterns:
    line: dict[str, tuple[re.Pattern[str], ...]]
    paragraph: dict[str, tuple[re.Pattern[str], ...]]
    dateline_caps: re.Pattern[str]
    dateline_agency: re.Pattern[str]
    not_places: frozenset[str]
    not_place_words: frozenset[str]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    raw: dict[str, Any] = load_json("sitrep.ingest", "noise.json")

    def compile_group(group: dict[str, list[str]]) -> dict[str, tuple[re.Pattern[str], ...]]:
        return {
            kind: tuple(re.compile(p) for p in pats)
            for kind, pats in group.items()
            if not kind.startswith("_")
        }

    return _Patterns(
        line=compile_group(raw["line"]),
        paragraph=compile_group(raw["paragraph"]),
        dateline_caps=re.compile(raw["dateline"]["caps"]),
        dateline_agency=re.compile(raw["dateline"]["agency"]),
        not_places=frozenset(raw["not_places"]),
        not_place_words=frozenset(raw["not_place_words"]),
    )


def classify_line(line: str) -> NoiseKind | None:
    """The noise kind a single wrapped line shows by itself, or None for (possible) body.

    Only kinds recognisable from one line are reported: pull quotes, tag lines, credits, source
    lines and addresses, the first line of a "contributed reporting" byline, and date lines.
    """
    text = line.strip()
    if not text:
        return "blank"
    pats = _patterns().line
    for kind in LINE_KINDS:
        if kind == "date":
            if date_lines.is_date_line(text):
                return kind
        elif any(p.search(text) for p in pats.get(kind, ())):
            return kind
        elif kind == "furniture" and is_link_list_heading(text):
            return kind  # a list heading ("Most read") is furniture too
    return None


def is_link_list_heading(text: str) -> bool:
    """Is the line the heading over a web page's list of other stories ("Most read", "Related
    stories:")? It is furniture, and so are the one-line headlines under it
    (:mod:`sitrep.ingest.link_lists`)."""
    return any(p.search(text) for p in _patterns().line.get("link_list", ()))


def classify_paragraph(text: str) -> NoiseKind | None:
    """The noise kind of an unwrapped paragraph that is noise whatever surrounds it, or None.

    Reports bylines, captions and all-capitals section headers. Sentence-like headers
    ("Is there enough support for SMEs?") are left to the segmenter, which sees the context.
    """
    text = text.strip()
    pats = _patterns().paragraph
    if any(p.search(text) for p in pats["byline"]):
        return "byline"
    if any(p.search(text) for p in pats["caption"]):
        return "caption"
    if is_caps_heading(text):
        return "section_header"
    return None


def is_by_line(text: str) -> bool:
    """A byline that opens an article ("By Ana Ruiz", "By Tom Becker, Harbor Gazette"), not
    one that closes it ("Ana Ruiz contributed reporting.") nor a heading ("BY THE NUMBERS")."""
    return _BY_LINE.match(text) is not None and classify_paragraph(text) == "byline"


def in_capitals(text: str) -> bool:
    """Several words in capitals ("PREVENTING WORLD WAR 3", "THE MONEY."); one capitalised
    word is an acronym ("NATO")."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and not any(c.islower() for c in letters) and len(text.split()) >= 2


def is_caps_heading(text: str) -> bool:
    """An all-capitals short line ("PREVENTING WORLD WAR 3", "‘NOT GOOD ENOUGH’")."""
    if len(text) > 80 or not in_capitals(text):
        return False
    # "ABSTRACT." or "FULL TEXT." are labels inside a body; section headers carry no full stop.
    if text.rstrip("’'\"”").endswith("."):
        return False
    if parse_dateline(text) is not None:
        return False
    return any(p.match(text) for p in _patterns().paragraph["section_header_caps"])


def is_closing_note(text: str) -> bool:
    """A note that only ever closes an article ("Follow X on Twitter", "(Reporting by ...")."""
    text = text.strip()
    return any(p.search(text) for p in _patterns().paragraph["article_end"])


def is_article_end(text: str) -> bool:
    """Body text that typically closes an article: a closing note, or an author's tagline
    ("Ana Holm is a senior fellow at ..."), which a lede can resemble."""
    text = text.strip()
    return is_closing_note(text) or any(
        p.search(text) for p in _patterns().paragraph["article_end_tagline"]
    )


def is_start_label(text: str) -> bool:
    """A database-export label that opens an article ("ABSTRACT.")."""
    return any(p.search(text.strip()) for p in _patterns().paragraph["article_start_label"])


def is_inside_label(text: str) -> bool:
    """A database-export label inside an article, before its body ("FULL TEXT.")."""
    return any(p.search(text.strip()) for p in _patterns().paragraph["inside_label"])


def is_signature(text: str) -> bool:
    """A letter's signature: the writer's name alone or the town ("Dana Whitfield.")."""
    return any(p.search(text.strip()) for p in _patterns().paragraph["signature"])


def is_rule(text: str) -> bool:
    """A rule line ("-----", "* * *", "___") between articles, sections or live-blog entries."""
    return any(p.search(text.strip()) for p in _patterns().paragraph["rule"])


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with sentence-final punctuation (closing quotes allowed)."""
    return bool(_TERMINAL.search(text.rstrip()))


def looks_like_heading(text: str, max_words: int = 22) -> bool:
    """Shape of a headline or section header: short, one line, capitalised, and either without
    final punctuation, a question, or in Title Case. Context decides which of the two it is."""
    text = text.strip()
    words = text.split()
    if (
        not words
        or len(words) > max_words
        or not (text[0].isupper() or text[0] in "‘'\"“0123456789")
    ):
        return False
    if is_caps_heading(text):
        return True
    if not ends_sentence(text) or text.endswith("?"):
        return True
    return title_case_ratio(text) >= 0.7


def title_case_ratio(text: str) -> float:
    """Share of non-minor words that start with a capital (Headline Case scores near 1)."""
    words = [w for w in _WORD.findall(text) if w.lower() not in _MINOR_WORDS]
    if len(words) < 3:
        return 0.0
    return sum(1 for w in words if w[0].isupper()) / len(words)


def parse_dateline(text: str) -> Dateline | None:
    """Parse a dateline at the start of ``text``: "BERLIN — ", "WASHINGTON (AP) — ",
    "STATE COLLEGE, Pa. - ", "Washington (AFP) – ". Returns None when there is none."""
    pats = _patterns()
    m = pats.dateline_caps.match(text)
    if m is not None:
        place = m.group("place") or m.group("place2")
        agency = m.group("agency") or m.group("agency2")
    else:
        m = pats.dateline_agency.match(text)
        if m is None:
            return None
        place, agency = m.group("place"), m.group("agency")
        if place is None:
            # "Aug 27 (Reuters) - ": the wire's date, no place.
            return Dateline(place="", agency=agency, end=m.end())
    place = place.strip()
    if place.upper() in pats.not_places or len(place) < 2:
        return None
    # "CONGRESS HAS INVESTIGATED HIM — ..." is a run-in heading, not a place.
    if any(word in pats.not_place_words for word in place.upper().replace(",", " ").split()):
        return None
    # The dateline must open a sentence: a lower-case continuation means a dash inside a clause.
    rest = text[m.end() :]
    if not rest or not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "‘'\"“"):
        return None
    # "NOW OPEN—“Pop-up show ...”": a newsletter's run-in item heading glues the dash to the
    # words and quotes the item's headline; a dateline opens the lede's own sentence.
    if rest[0] in "‘'\"“" and not re.search(r"\s[—–―-]{1,2}\s*$", m.group(0)):
        return None
    return Dateline(place=place, agency=agency, end=m.end())


__all__ = [
    "Dateline",
    "LINE_KINDS",
    "NoiseKind",
    "SEPARATOR_KINDS",
    "classify_line",
    "classify_paragraph",
    "ends_sentence",
    "is_article_end",
    "in_capitals",
    "is_by_line",
    "is_rule",
    "is_caps_heading",
    "is_closing_note",
    "is_inside_label",
    "is_link_list_heading",
    "is_signature",
    "is_start_label",
    "looks_like_heading",
    "parse_dateline",
    "title_case_ratio",
]
