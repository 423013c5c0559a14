"""Numerals in a spaCy ``Doc``: digits, number words and scale words read as one value.

The figures and dates stages both need "how much does this stretch of tokens say": ``3.2
million``, ``€1.5bn`` (``1.5bn`` is one token), ``twenty-five``, ``one hundred and fifty``,
``half a million``, ``20–30`` (one token holding a range). spaCy's ``like_num`` is too loose
for that (it accepts ordinals such as "Second" and phone prefixes such as "+48"), so numerals
are read here from a word list (``data/figures_numbers.json``) and one regular expression.

Reading is greedy and left to right, like a person reads a numeral: the longest run of
number tokens starting at a position is one value. Vague plurals ("dozens", "thousands of")
are not numerals: they carry no value an analyst could sum.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from sitrep.datafiles import load_json

# One token of digits: "150", "150,000", "3.2", "1.5bn"; a range token "20–30" is read by
# _RANGE_TOKEN. Thousands separators must be well placed so that "41,2" is not read as 412.
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_DIGITS = re.compile(rf"^(?P<num>{_NUMBER})(?P<sfx>[a-z]{{1,3}})?$", re.IGNORECASE)
_RANGE_TOKEN = re.compile(rf"^(?P<a>{_NUMBER})[-–—](?P<b>{_NUMBER})$")
_HYPHENS = frozenset({"-", "–", "—"})


@dataclass(frozen=True, slots=True)
class Numeral:
    """A numeral read from tokens ``doc[start:end]``."""

    start: int
    end: int
    value: float
    value_max: float | None = None
    is_word: bool = False  # spelled out ("five"), not digits
    scaled: bool = False  # a scale word or suffix applied ("million", "bn")
    factor: float = 1.0  # the scale applied, so "between 2 and 3 billion" can share it
    bare_integer: bool = False  # plain digits only ("2025"): could be a year


@dataclass(frozen=True, slots=True)
class _Lexicon:
    units: dict[str, float]
    tens: dict[str, float]
    scales: dict[str, float]
    suffix_scales: dict[str, float]
    standalone: dict[str, float]
    article_as_one: frozenset[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    raw = load_json("sitrep.nlp", "figures_numbers.json")
    return _Lexicon(
        units={k: float(v) for k, v in raw["units"].items()},
        tens={k: float(v) for k, v in raw["tens"].items()},
        scales={k: float(v) for k, v in raw["scales"].items()},
        suffix_scales={k: float(v) for k, v in raw["suffix_scales"].items()},
        standalone={k: float(v) for k, v in raw["standalone"].items()},
        article_as_one=frozenset(raw["article_as_one"]),
    )


def _to_float(text: str) -> float:
    return float(text.replace(",", ""))


def parse_digits(text: str) -> tuple[float, float] | None:
    """``"1.5bn"`` -> ``(1.5e9, 1e9)``; ``"150,000"`` -> ``(150000.0, 1.0)``; else None.

    The second item is the scale factor a glued suffix applied."""
    m = _DIGITS.match(text)
    if m is None:
        return None
    value = _to_float(m.group("num"))
    sfx = m.group("sfx")
    if sfx is None:
        return value, 1.0
    scale = _lexicon().suffix_scales.get(sfx.lower())
    if scale is None:
        return None  # "1st", "41a", "3D": not a quantity
    return value * scale, scale


def word_value(word: str) -> float | None:
    """The value of one number word ("seven", "forty", "million"), None for other words."""
    lex = _lexicon()
    w = word.lower()
    for table in (lex.units, lex.tens, lex.scales):
        if w in table:
            return table[w]
    return None


def is_number_word(word: str) -> bool:
    return word_value(word) is not None


def words_to_number(words: list[str]) -> float | None:
    """``["one", "hundred", "and", "fifty"]`` -> 150.0 (the usual English composition)."""
    lex = _lexicon()
    total = 0.0
    current = 0.0
    seen = False
    for raw in words:
        w = raw.lower()
        if w in ("and", "-", "a", "an"):
            continue
        if w in lex.units or w in lex.tens:
            current += lex.units.get(w, lex.tens.get(w, 0.0))
        elif w == "hundred":
            current = (current or 1.0) * 100
        elif w in lex.scales:
            total += (current or 1.0) * lex.scales[w]
            current = 0.0
        elif w == "dozen":
            current = (current or 1.0) * 12
        else:
            return None
        seen = True
    return total + current if seen else None


def _scale_after(doc: Doc, j: int) -> tuple[float, int]:
    """Multiply by the scale words or glued suffixes after ``doc[j-1]``; returns (factor, end)."""
    lex = _lexicon()
    factor = 1.0
    n = len(doc)
    # A glued suffix written as its own token ("£100m" tokenizes as "100", "m").
    if j < n and doc[j - 1].whitespace_ == "" and doc[j].lower_ in lex.suffix_scales:
        return lex.suffix_scales[doc[j].lower_], j + 1
    while j < n and doc[j].lower_ in lex.scales:
        factor *= lex.scales[doc[j].lower_]
        j += 1
    return factor, j


def read_numeral(doc: Doc, i: int) -> Numeral | None:
    """The longest numeral starting at token ``i``, or None when ``doc[i]`` does not start one."""
    tok = doc[i]
    text = tok.text
    if text[:1].isdigit():
        return _read_digits(doc, i)
    return _read_words(doc, i)


def _read_digits(doc: Doc, i: int) -> Numeral | None:
    text = doc[i].text
    rng = _RANGE_TOKEN.match(text)
    if rng is not None:
        lo, hi = _to_float(rng.group("a")), _to_float(rng.group("b"))
        if hi < lo:
            return None  # "2-1" is a score or a vote, not a range
        factor, end = _scale_after(doc, i + 1)
        return Numeral(i, end, lo * factor, hi * factor, scaled=factor != 1.0, factor=factor)
    parsed = parse_digits(text)
    if parsed is None:
        return None
    value, factor = parsed
    end = i + 1
    if factor == 1.0:
        factor, end = _scale_after(doc, end)
        value *= factor
    scaled = factor != 1.0
    bare = not scaled and text.isdigit()
    return Numeral(i, end, value, scaled=scaled, bare_integer=bare, factor=factor)


def _read_words(doc: Doc, i: int) -> Numeral | None:
    lex = _lexicon()
    n = len(doc)
    first = doc[i].lower_
    words: list[str] = []
    j = i
    if first == "half":
        # "half a million": a half of the scale that follows.
        if (
            i + 2 < n
            and doc[i + 1].lower_ in lex.article_as_one
            and doc[i + 2].lower_ in lex.scales
        ):
            scale = lex.scales[doc[i + 2].lower_]
            return Numeral(i, i + 3, 0.5 * scale, is_word=True, scaled=True, factor=scale)
        return None
    if first in lex.article_as_one:
        # "a million", "a dozen": the article stands for one, but only before a scale word.
        if i + 1 < n and (doc[i + 1].lower_ in lex.scales or doc[i + 1].lower_ == "dozen"):
            words.append("one")
            j = i + 1
        else:
            return None
    while j < n:
        w = doc[j].lower_
        if w in lex.units or w in lex.tens or w in lex.scales or w == "dozen":
            words.append(w)
            j += 1
            continue
        nxt = doc[j + 1].lower_ if j + 1 < n else ""
        if w in _HYPHENS and words and words[-1] in lex.tens and nxt in lex.units:
            j += 1  # "twenty-five"
            continue
        if (
            w == "and"
            and words
            and words[-1] in ("hundred", *lex.scales)
            and (nxt in lex.units or nxt in lex.tens)
        ):
            j += 1  # "one hundred and fifty"
            continue
        break
    if not words or (
        len(words) == 1 and words[0] in lex.scales and first not in lex.article_as_one
    ):
        return None  # a bare "million" or "hundred" is not a numeral by itself
    value = words_to_number(words)
    if value is None:
        return None
    # The factor a range partner may borrow: the last scale word ("two to three million").
    factor = next((lex.scales[w] for w in reversed(words) if w in lex.scales), 1.0)
    return Numeral(i, j, value, is_word=True, scaled=factor != 1.0, factor=factor)


__all__ = [
    "Numeral",
    "is_number_word",
    "parse_digits",
    "read_numeral",
    "word_value",
    "words_to_number",
]
