"""Quantities: the number, currency, unit, qualifier and range of a figure, read from tokens.

At every numeral (``sitrep.nlp.numbers``) the figure stage (``sitrep.nlp.figures``) reads here
what the text says about the amount: it looks left for a currency sign and a qualifier ("at
least", "an estimated", "between"), right for what the number measures (a percent word, a
currency word, a unit such as "kilometers"), and for a second numeral that closes a range
("£50,000 to £100,000"). The entity recognizer's MONEY/PERCENT/CARDINAL labels are not trusted
for boundaries (it tags "100,000" alone as MONEY and "US$5 million and €" as one span); entity
labels are used only to reject numerals inside names, laws and dates. What the figure counts
or refers to is decided by ``sitrep.nlp.figures``, which reads the parse.

Language knowledge (currency signs and names, units, qualifiers, reference nouns such as
"Article", vague quantities) lives in ``data/figures_lexicon.json``; its loader is here because
both modules read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from sitrep.datafiles import load_json
from sitrep.nlp.numbers import Numeral, read_numeral

_HYPHENS = frozenset({"-", "–", "—"})
_PHRASE_MAX = 4

Phrase = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Lexicon:
    currency_symbols: dict[str, str]
    currency_codes: frozenset[str]
    currency_words: dict[Phrase, str]
    percent_words: dict[Phrase, str]
    units: dict[Phrase, tuple[str, str]]
    hyphen_units: dict[Phrase, tuple[str, str]]
    qualifiers: dict[Phrase, str]
    fractions: dict[str, float]
    scaled_only: dict[str, str]
    range_openers: frozenset[str]
    range_links: frozenset[str]
    reference_nouns: frozenset[str]
    time_followers: dict[Phrase, str]
    non_unit_followers: frozenset[str]
    age_followers: frozenset[str]
    non_figure_labels: frozenset[str]
    date_labels: frozenset[str]
    pronoun_dets: frozenset[str]
    money_link_heads: dict[Phrase, str]
    counted_blocklist: frozenset[str]
    determiners: frozenset[str]
    count_openers: frozenset[str]  # open a counted phrase without being counted: "118 more"
    max_np: int
    vague_counts: dict[Phrase, tuple[float, str]]  # "dozens of" -> (24, "at least")
    vague_starts: frozenset[str]  # first words of vague_counts: a cheap test per token


def _phrases(items: dict[str, Any] | list[str]) -> dict[Phrase, Any]:
    if isinstance(items, list):
        return {tuple(k.split()): k for k in items}
    return {tuple(k.split()): (tuple(v) if isinstance(v, list) else v) for k, v in items.items()}


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    raw = load_json("sitrep.nlp", "figures_lexicon.json")
    return _Lexicon(
        currency_symbols=dict(raw["currency_symbols"]),
        currency_codes=frozenset(raw["currency_codes"]),
        currency_words=_phrases(raw["currency_words"]),
        percent_words=_phrases(raw["percent_words"]),
        units=_phrases(raw["units"]),
        hyphen_units=_phrases(raw["hyphen_units_only"]),
        qualifiers=_phrases(raw["qualifiers"]),
        fractions={k: float(v) for k, v in raw["fraction_denominators"].items()},
        scaled_only=dict(raw["currency_words_after_scale_only"]),
        range_openers=frozenset(raw["range_openers"]),
        range_links=frozenset(raw["range_links"]),
        reference_nouns=frozenset(raw["reference_nouns"]),
        time_followers=_phrases(raw["time_followers"]),
        non_unit_followers=frozenset(raw["non_unit_followers"]),
        age_followers=frozenset(raw["age_followers"]),
        non_figure_labels=frozenset(raw["non_figure_entity_labels"]),
        date_labels=frozenset(raw["date_entity_labels"]),
        pronoun_dets=frozenset(raw["pronoun_one_determiners"]),
        money_link_heads=_phrases(raw["money_link_heads"]),
        counted_blocklist=frozenset(raw["counted_noun_blocklist"]),
        determiners=frozenset(raw["determiners"]),
        count_openers=frozenset(raw["count_openers"]),
        max_np=int(raw["max_noun_phrase_tokens"]),
        vague_counts=_phrases(raw["vague_counts"]),
        vague_starts=frozenset(k.split()[0] for k in raw["vague_counts"]),
    )


def _match_forward(doc: Doc, j: int, table: dict[Phrase, Any]) -> tuple[Any, int] | None:
    """The longest entry of ``table`` starting at token ``j``; the last word may be inflected
    ("kilometers" matches "kilometer")."""
    n = len(doc)
    for size in range(min(_PHRASE_MAX, n - j), 0, -1):
        toks = doc[j : j + size]
        words = tuple(t.lower_ for t in toks)
        if words in table:
            return table[words], j + size
        lemma = words[:-1] + (toks[-1].lemma_.lower(),)
        if lemma in table:
            return table[lemma], j + size
    return None


def _match_backward(doc: Doc, end: int, table: dict[Phrase, Any]) -> tuple[Any, int] | None:
    """The longest entry of ``table`` ending just before token ``end``; returns (value, start)."""
    for size in range(min(_PHRASE_MAX, end), 0, -1):
        words = tuple(t.lower_ for t in doc[end - size : end])
        if words in table:
            return table[words], end - size
    return None


@dataclass(slots=True)
class _Measure:
    """What follows a numeral: its unit and the token where the figure's text ends."""

    unit: str
    kind: str
    end: int
    hyphenated: bool = False
    unit_token: int = -1


def _measure_at(doc: Doc, k: int) -> _Measure | None:
    """Percent word, currency word or unit at token ``k`` ("percent", "dollars", "-year")."""
    lex = _lexicon()
    n = len(doc)
    if k >= n:
        return None
    hyphenated = doc[k].text in _HYPHENS and k > 0 and doc[k - 1].whitespace_ == ""
    j = k + 1 if hyphenated else k
    if j >= n:
        return None
    hit = _match_forward(doc, j, lex.percent_words)
    if hit is not None:
        return _Measure(hit[0], "percent", hit[1], hyphenated, hit[1] - 1)
    hit = _match_forward(doc, j, lex.units)
    if hit is not None:
        unit, kind = hit[0]
        return _Measure(unit, kind, hit[1], hyphenated, hit[1] - 1)
    if hyphenated:
        hit = _match_forward(doc, j, lex.hyphen_units)  # "500-pound bomb": weight, not GBP
        if hit is not None:
            unit, kind = hit[0]
            return _Measure(unit, kind, hit[1], hyphenated, hit[1] - 1)
        return None
    hit = _match_forward(doc, j, lex.currency_words)
    if hit is not None:
        return _Measure(hit[0], "money", hit[1], False, hit[1] - 1)
    if doc[j].text in lex.currency_codes:  # "5 million USD"
        return _Measure(doc[j].text, "money", j + 1, False, j)
    return None


def _currency_before(doc: Doc, i: int) -> str | None:
    if i <= 0:
        return None
    lex = _lexicon()
    prev = doc[i - 1]
    if prev.lower_ in lex.currency_symbols:
        return lex.currency_symbols[prev.lower_]
    if prev.text in lex.currency_codes:
        return prev.text
    return None


def _fraction_at(doc: Doc, num: Numeral) -> tuple[float, int] | None:
    """A denominator after a small numeral: "two thirds of", "one-third", "a quarter of";
    returns (denominator, end). Plain "half" is left alone: "the second half", "half an hour"."""
    lex = _lexicon()
    n = len(doc)
    if num.scaled or num.value_max is not None or num.value >= 10:
        return None
    k = num.end
    if k + 1 < n and doc[k].lower_ == "in" or k + 2 < n and doc[k : k + 2].text.lower() == "out of":
        # "one in five Ukrainians", "eight out of 10": a ratio, read as the fraction it is.
        j = k + 1 if doc[k].lower_ == "in" else k + 2
        other = read_numeral(doc, j)
        if other is not None and other.value > num.value and other.value_max is None:
            return other.value, other.end
    hyphen = k < n and doc[k].text in _HYPHENS and doc[k - 1].whitespace_ == ""
    if hyphen:
        k += 1
    if k >= n or doc[k].lower_ not in lex.fractions:
        return None
    if not hyphen and not (k + 1 < n and doc[k + 1].lower_ == "of"):
        return None
    return lex.fractions[doc[k].lower_], k + 1


def _glued_hyphen_pair(doc: Doc, k: int) -> bool:
    """A hyphen at ``k`` glued on both sides to digits: "5-4"."""
    return (
        0 < k < len(doc) - 1
        and doc[k].text in _HYPHENS
        and doc[k - 1].whitespace_ == ""
        and doc[k].whitespace_ == ""
        and doc[k + 1].text[:1].isdigit()
    )


def _glued_hyphen(doc: Doc, k: int) -> bool:
    """A hyphen at ``k`` joining the token before it to an alphabetic token: "10-point"."""
    return (
        k + 1 < len(doc)
        and doc[k].text in _HYPHENS
        and doc[k - 1].whitespace_ == ""
        and doc[k].whitespace_ == ""
        and doc[k + 1].is_alpha
    )


def _year_like(num: Numeral) -> bool:
    return num.bare_integer and 1000 <= num.value <= 2100


def _range_partner(
    doc: Doc, k: int, opener: str
) -> tuple[Numeral, str | None, _Measure | None] | None:
    """The numeral after a range link at token ``k`` ("to", "-", "and" after "between")."""
    lex = _lexicon()
    n = len(doc)
    if k + 1 >= n or doc[k].lower_ not in lex.range_links:
        return None
    if doc[k].lower_ == "and" and opener != "between":
        return None
    j = k + 1
    currency2 = _currency_before(doc, j + 1) if j + 1 < n else None
    if currency2 is not None:
        j += 1
    if j >= n:
        return None
    num2 = read_numeral(doc, j)
    if num2 is None or doc[j].ent_type_ in lex.non_figure_labels:
        return None
    if doc[k].lower_ == "or" and (_year_like(num2) or num2.value_max is not None):
        return None  # "2024 or 2025" are dates, not a range of counts
    return num2, currency2, _measure_at(doc, num2.end)


#: Largest first term read as a ratio ("4 to 1"); bigger pairs are tallies ("312 to 101").
_RATIO_MAX = 10


def _ratio_end(doc: Doc, num: Numeral) -> int | None:
    """End of a bare "4 to 1" / "2-to-1" ratio or vote starting at ``num``, else None."""
    n = len(doc)
    k = num.end
    if num.value_max is not None or (num.start > 0 and doc[num.start - 1].lower_ == "from"):
        return None
    if num.value > _RATIO_MAX:
        return None  # "voted 312 to 101": a tally, whose numbers are figures
    while k < n and doc[k].text in _HYPHENS:
        k += 1
    if k < n and doc[k].lower_.startswith("to-") and doc[k].lower_[3:].isdigit():
        return k + 1  # the tokenizer keeps "to-1" of "2-to-1" whole
    if k >= n or doc[k].lower_ != "to":
        return None
    k += 1
    while k < n and doc[k].text in _HYPHENS:
        k += 1
    other = read_numeral(doc, k) if k < n else None
    if other is None or other.value > num.value or _measure_at(doc, other.end) is not None:
        return None
    if other.end < n and doc[other.end].tag_ in ("NNS", "NNPS"):
        return None  # "from 30 to 20 drones" without "from" still counts drones
    return other.end


def _is_phone_or_code(doc: Doc, i: int) -> int:
    """End of a run of bare digit groups ("+48 22 123 4567"), or ``i`` when there is none."""
    if i > 0 and doc[i - 1].text.startswith("+") and doc[i - 1].text[1:].isdigit():
        j = i
        while j < len(doc) and doc[j].text.isdigit():
            j += 1
        return j
    j = i
    while j < len(doc) and doc[j].text.isdigit() and (j == i or doc[j - 1].whitespace_):
        j += 1
    return j if j - i >= 3 else i


def _not_a_quantity(doc: Doc, num: Numeral) -> bool:
    """Numerals that name, label or time things rather than measure them."""
    lex = _lexicon()
    n = len(doc)
    if doc[num.start].ent_type_ in lex.non_figure_labels:
        return True  # "Group of Seven", "Resolution 2231" when tagged LAW
    prev = doc[num.start - 1] if num.start > 0 else None
    if prev is not None:
        if prev.lower_ in lex.reference_nouns or prev.lower_ == "aged":
            return True  # "Article 5", "Flight 17", "aged 45"
        if prev.text == "." and prev.i > 0 and doc[prev.i - 1].lower_ + "." in lex.reference_nouns:
            return True  # "No. 2" split by the tokenizer
        if (
            prev.text in _HYPHENS
            and prev.i > 0
            and doc[prev.i - 1].whitespace_ == ""
            and (doc[prev.i - 1].is_alpha or doc[prev.i - 1].text[-1:].isdigit())
            and prev.whitespace_ == ""
        ):
            return True  # "Kh-101" (a model split by the tokenizer), the "4" of a "5-4" vote
    if (
        num.end < n
        and doc[num.end - 1].whitespace_ == ""
        and doc[num.end].is_alpha
        and _measure_at(doc, num.end) is None
    ):
        return True  # glued to a word the numeral reader did not take: "155mm", "5G"
    if _match_forward(doc, num.end, lex.time_followers) is not None:
        return True  # "3 p.m."
    if num.end < n and doc[num.end].lower_ in lex.non_unit_followers:
        return True  # "41 times", "the 80's"
    return num.end < n and doc[num.end].text in (":", "/")  # "10:30", "9/11"


@dataclass(slots=True)
class _Reading:
    """What is known about one figure while it is read, left to right."""

    num: Numeral
    value: float
    value_max: float | None
    currency: str | None
    measure: _Measure | None
    left: int  # first token of the sum (the currency sign when there is one)
    end: int  # token after the figure's text
    resume: int  # token where scanning continues
    borrowed: Numeral | None = None  # "from 250 to 400 drones": the first counts drones too


def _start_reading(doc: Doc, num: Numeral) -> _Reading:
    """Currency sign on the left, measure word on the right."""
    lex = _lexicon()
    n = len(doc)
    left = num.start
    currency = _currency_before(doc, left)
    if currency is not None:
        left -= 1
    measure = _measure_at(doc, num.end)
    if measure is None and num.scaled and num.end < n and doc[num.end].lower_ in lex.scaled_only:
        # "3.6 trillion won": after a scale word "won" is the currency, elsewhere the verb.
        code = lex.scaled_only[doc[num.end].lower_]
        measure = _Measure(code, "money", num.end + 1, False, num.end)
    end = measure.end if measure else num.end
    return _Reading(num, num.value, num.value_max, currency, measure, left, end, end)


def _read_range(doc: Doc, r: _Reading, opener: str) -> bool:
    """Fold a second numeral closing a range into ``r`` ("£50,000 to £100,000", "between 0.4
    and 1.0", "20-30"); False when the pair is a vote or a score instead ("a 5-4 decision")."""
    partner = _range_partner(doc, r.end, opener) if r.value_max is None else None
    if partner is None:
        return True
    num2, currency2, measure2 = partner
    if _glued_hyphen_pair(doc, r.end) and num2.value <= r.value:
        return False
    unit1 = r.currency or (r.measure.unit if r.measure else None)
    unit2 = currency2 or (measure2.unit if measure2 else None)
    if not (unit1 is None or unit2 is None or unit1 == unit2):
        return True  # "rose 7 percent to $74": two figures
    v1 = r.value * num2.factor if (num2.scaled and not r.num.scaled) else r.value
    if opener == "from":
        # "from 2 to 3.5 percent" is a change, not a range: two figures, and the first
        # borrows the unit written after the second.
        r.value = v1
        r.currency = r.currency or currency2
        r.measure = r.measure or measure2
        r.borrowed = num2
    elif v1 < num2.value or (v1 == num2.value and doc[r.end].lower_ != "or"):
        r.value, r.value_max = v1, num2.value
        r.currency = r.currency or currency2
        r.measure = measure2 or r.measure
        r.end = r.resume = measure2.end if measure2 else num2.end
    return True
