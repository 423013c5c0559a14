"""Figures: money, percentages, counts, durations and measures read from a spaCy ``Doc``.

``extract_figures`` walks the tokens once. At every numeral (``sitrep.nlp.numbers``) it looks
left for a currency sign and a qualifier ("at least", "an estimated", "between"), right for
what the number measures (a percent word, a currency word, a unit such as "kilometers", or a
counted noun), and for a second numeral that closes a range ("£50,000 to £100,000"). The
entity recognizer's MONEY/PERCENT/CARDINAL labels are not trusted for boundaries (it tags
"100,000" alone as MONEY and "US$5 million and €" as one span); entity labels are used only to
reject numerals inside names, laws and dates.

What a figure ``refers_to`` comes from the dependency parse where the syntax is plain: the
counted noun phrase for counts ("27 EU leaders"), the "of" complement for percentages
("5 percent of GDP"), the noun a sum modifies or funds for money ("€150 billion in loans"), the
noun a hyphenated duration modifies ("a 10-year grace period").

Vague quantities ("dozens of civilians", "a few weeks", "several drones") are figures only
when a counted plural noun or a unit follows, with a fixed value convention kept in the
lexicon next to the phrases: a plural scale word means at least two of it ("dozens" = 24,
qualifier "at least"), "a few" about 3, "a couple of" about 2, "several" at least 3. An
analyst can then filter and sort them with the exact figures; the qualifier says how loose the
value is. "One or two others" and "two or three drones" are ranges (value, value_max).
Ordinals ("the first time", "a second diplomat") are never figures: they rank, not count.

Language knowledge (currency signs and names, units, qualifiers, reference nouns such as
"Article", vague quantities) lives in ``data/figures_lexicon.json``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Token

from sitrep.datafiles import load_json
from sitrep.nlp.numbers import Numeral, read_numeral
from sitrep.records import Figure, stable_id

_HYPHENS = frozenset({"-", "–", "—"})
_NOUNS = frozenset({"NOUN", "PROPN"})
_NP_INNER = frozenset({"ADJ", "NOUN", "PROPN", "NUM", "VERB"})  # "armed drones", "EU leaders"
_NP_INNER_DEPS = frozenset({"amod", "compound", "nmod", "punct", "poss", "case", "nummod"})
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


def _noun_phrase(doc: Doc, start: int, head: Token) -> str | None:
    """Text of ``doc[start:head+1]`` without leading determiners, if it reads as one phrase."""
    lex = _lexicon()
    while start < head.i and (doc[start].lower_ in _lexicon().determiners or doc[start].like_num):
        start += 1
    if head.i - start >= lex.max_np:
        start = head.i - lex.max_np + 1
    span = doc[start : head.i + 1]
    for tok in span[:-1]:
        if tok.pos_ not in _NP_INNER and tok.dep_ not in _NP_INNER_DEPS:
            return None
        if tok.is_punct and tok.text not in _HYPHENS:
            return None
    return span.text


def _counted_noun(doc: Doc, last: Token, k: int) -> tuple[Token, int, int] | None:
    """The noun a count counts: (noun, phrase start, figure end). ``k`` follows the numeral."""
    lex = _lexicon()
    n = len(doc)
    if k >= n:
        return None
    head = last.head
    # "90 attack drones" parsed with "attack" as the head: the plural noun after it counts.
    while head.i + 1 < n and head.tag_ in ("NN", "NNP") and doc[head.i + 1].tag_ in ("NNS", "NNPS"):
        head = doc[head.i + 1]
    if (
        last.dep_ in ("nummod", "quantmod", "compound", "amod")
        and head.pos_ in _NOUNS
        and k <= head.i < k + lex.max_np
        and head.lower_ not in lex.counted_blocklist
        and head.ent_type_ not in lex.date_labels
        and all(t.pos_ in _NP_INNER or t.dep_ in _NP_INNER_DEPS for t in doc[k : head.i])
        and not any(t.is_punct and t.text not in _HYPHENS for t in doc[k : head.i])
    ):
        return head, k, head.i + 1
    # The parser often leaves a count unattached ("... troops" as an appositive): accept
    # adjectives then a plural noun right after the numeral.
    j = k
    while j < n and j - k < lex.max_np and doc[j].pos_ == "ADJ":
        j += 1
    if _is_counted(doc, j):
        return doc[j], k, j + 1
    # "five of the drones"
    if doc[k].lower_ == "of":
        j = k + 1
        while j < n and doc[j].lower_ in _lexicon().determiners:
            j += 1
        start = j
        while (
            j < n
            and j - start < lex.max_np
            and (doc[j].pos_ in ("ADJ", "NUM") or doc[j].dep_ == "compound")
        ):
            j += 1
        if _is_counted(doc, j):
            return doc[j], start, j + 1
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


def _fraction_figure(
    doc: Doc, num: Numeral, fraction: tuple[float, int], article_id: str
) -> _Found:
    denominator, end = fraction
    left = num.start
    qualifier = None
    qual = _match_backward(doc, left, _lexicon().qualifiers)
    if qual is not None:
        qualifier, left = qual
    span = doc[left:end]
    start_char, end_char = span.start_char, span.end_char
    refers_to = _of_complement(doc, end)
    if refers_to is None:
        counted = _counted_noun(doc, doc[end - 1], end)  # "one in five Ukrainians"
        if counted is not None:
            refers_to = _noun_phrase(doc, counted[1], counted[0])
    figure = Figure(
        id=stable_id("fig", article_id, start_char, end_char),
        article=article_id,
        span=(start_char, end_char),
        text=span.text,
        value=round(num.value / denominator, 4),
        unit=None,
        kind="fraction",
        qualifier=qualifier,
        refers_to=refers_to,
    )
    return _Found(figure, end)


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


def _hyphen_compound(doc: Doc, noun: Token) -> tuple[Token, str]:
    """The last token and lemma of a hyphenated noun split by the tokenizer: "sub-themes"
    -> ("themes", "sub-theme"); a plain noun -> (noun, its lemma)."""
    start = noun.i
    j = noun.i
    n = len(doc)
    while (
        j + 2 < n
        and doc[j].whitespace_ == ""
        and doc[j + 1].text in _HYPHENS
        and doc[j + 1].whitespace_ == ""
        and doc[j + 2].is_alpha
    ):
        j += 2
    last = doc[j]
    lemma = last.lemma_
    if last.tag_ == "NNPS" and lemma == last.text and lemma.endswith("s"):
        lemma = lemma[:-1]  # the lemmatizer leaves proper plurals alone: "Ukrainians"
    return last, (doc[start:j].text + lemma).lower() if j > start else lemma.lower()


def _is_counted(doc: Doc, j: int) -> bool:
    """A plural noun at ``j`` that stands alone (not the first half of "sub-themes")."""
    if j >= len(doc) or doc[j].tag_ not in ("NNS", "NNPS"):
        return False
    return doc[j].lower_ not in _lexicon().counted_blocklist


def _of_complement(doc: Doc, k: int) -> str | None:
    """``of X`` right after token ``k - 1``: "of GDP", "of the value of the weapons"."""
    n = len(doc)
    if k >= n or doc[k].lower_ != "of":
        return None
    prep = doc[k]
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None:
        j = k + 1
        while j < n and (doc[j].pos_ in ("DET", "ADJ") or doc[j].dep_ == "compound"):
            j += 1
        if j < n and doc[j].pos_ in _NOUNS:
            return _noun_phrase(doc, k + 1, doc[j])
        return None
    if pobj.pos_ == "PRON":
        return None  # "40 percent of whom"
    right = pobj
    # Follow "of" chains: "the value of the weapons".
    for _ in range(3):
        nxt = next((c for c in right.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in nxt.children if c.dep_ == "pobj"), None) if nxt else None
        if obj is None:
            break
        right = obj
    start = pobj.left_edge.i
    while start < right.i and doc[start].lower_ in _lexicon().determiners:
        start += 1
    if start <= k or right.i - start > 12:
        return None
    return doc[start : right.i + 1].text


def _money_refers_to(doc: Doc, left: int, last: Token, end: int) -> str | None:
    lex = _lexicon()
    n = len(doc)
    head = last.head
    # "a €150 billion loan programme": the sum modifies the noun to its right.
    if head.pos_ in _NOUNS and end <= head.i and head.ent_type_ == "":
        phrase = _noun_phrase(doc, end, head) if head.i < end + lex.max_np else None
        if phrase:
            return phrase
        # A long name in between ("€150 billion Security Action For Europe loans-for-weapons
        # regulation"): the first common noun says what the money is.
        for tok in doc[end : min(head.i + 1, end + 2 * lex.max_np)]:
            if tok.pos_ == "NOUN":
                return tok.text
    # "€150 billion in loans", "$3 million for ammunition", "$2bn worth of drones",
    # "spend $5 billion on air defense".
    j = end
    if j < n and doc[j].lower_ == "worth" and j + 1 < n and doc[j + 1].lower_ == "of":
        j += 1
    if j < n and doc[j].lower_ in ("in", "of", "for", "on"):
        prep = doc[j]
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.pos_ in _NOUNS and pobj.ent_type_ == "" and pobj.i > j:
            return _noun_phrase(doc, pobj.left_edge.i if pobj.left_edge.i > j else j + 1, pobj)
    # "loans worth €150 billion", "a deal valued at $5 billion".
    link = _match_backward(doc, left, lex.money_link_heads)
    if link is not None:
        k = link[1] - 1
        while k >= 0 and k >= link[1] - 3 and doc[k].pos_ not in _NOUNS:
            k -= 1
        if k >= 0 and doc[k].pos_ in _NOUNS and doc[k].ent_type_ == "":
            start = k
            while (
                start > 0
                and doc[start - 1].dep_ in ("compound", "amod")
                and doc[start - 1].head.i == k
            ):
                start -= 1
            return doc[start : k + 1].text
    return None


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


@dataclass(slots=True)
class _Found:
    figure: Figure
    resume: int  # the token index where scanning continues


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


@dataclass(slots=True)
class _Meaning:
    kind: str
    unit: str | None = None
    refers_to: str | None = None


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


def _measured(doc: Doc, r: _Reading, prev: Token | None) -> _Meaning | None:
    """Meaning of a numeral with a measure word: percent, duration, distance, weight..."""
    lex = _lexicon()
    n = len(doc)
    measure, end, num = r.measure, r.end, r.num
    assert measure is not None
    kind, unit = measure.kind, measure.unit
    if kind == "duration" and (
        (end < n and doc[end].lower_ in lex.age_followers)
        or (end + 1 < n and doc[end].text in _HYPHENS and doc[end + 1].lower_ in lex.age_followers)
    ):
        return None  # "a 45-year-old", "45 years old": an age
    if (
        unit == "day"
        and num.is_word
        and num.value == 1
        and (prev is None or prev.tag_ == "MD" or prev.is_punct or prev.is_sent_start)
    ):
        return None  # "America would one day return", "One day, ...": an idiom, not 24h
    refers_to = None
    head = doc[measure.unit_token].head
    if kind == "percent":
        refers_to = _of_complement(doc, end)
        if (
            refers_to is None
            and end <= head.i < end + 3
            and head.pos_ in _NOUNS
            and head.ent_type_ not in lex.date_labels
            and _match_forward(doc, head.i, lex.units) is None
        ):
            refers_to = _noun_phrase(doc, end, head)  # "10 percent duties"
    elif kind in ("weight", "volume") and not measure.hyphenated:
        refers_to = _of_complement(doc, end)  # "40kg of explosives", "barrels of crude"
    elif measure.hyphenated and head.i >= end and head.pos_ in _NOUNS:
        refers_to = _noun_phrase(doc, end, head)  # "a 10-year grace period"
    return _Meaning(kind, unit, refers_to)


def _counted(doc: Doc, r: _Reading, prev: Token | None) -> _Meaning | None:
    """Meaning of a numeral without a measure word: a count of a noun, or a bare number."""
    lex = _lexicon()
    n = len(doc)
    num = r.num
    first, last = doc[num.start], doc[num.end - 1]
    if _glued_hyphen(doc, num.end):
        noun = doc[num.end + 1]
        if noun.pos_ == "ADJ":
            return None  # "a 4,800-strong brigade": a size written as an adjective
        if noun.pos_ == "NOUN":
            # "a 10-point peace plan", "a 20-member council": the hyphenated noun is counted.
            r.end = num.end + 2
            head = noun.head
            phrase = (
                _noun_phrase(doc, r.end, head) if head.i >= r.end and head.pos_ in _NOUNS else None
            )
            return _Meaning("count", noun.lemma_.lower(), phrase)
    if num.is_word and num.value == 1 and not num.scaled and r.value_max is None:
        # "one EU diplomat", "One thing seems clear", "one of the biggest": an article-like
        # "one" counts nothing an analyst would sum.
        return None
    counted = _counted_noun(doc, last, r.end)
    is_borrowed = False
    if counted is None and r.borrowed is not None:
        counted = _counted_noun(doc, doc[r.borrowed.end - 1], r.borrowed.end)
        is_borrowed = counted is not None
    if counted is not None:
        noun, np_start, counted_end = counted
        if _year_like(num) and (
            first.ent_type_ in lex.date_labels or noun.tag_ not in ("NNS", "NNPS")
        ):
            return None  # "the 2025 budget", "its 2022 output"
        noun, unit = _hyphen_compound(doc, noun)
        if not is_borrowed:
            r.end = max(counted_end, noun.i + 1)
        while np_start < noun.i and doc[np_start].lower_ in lex.count_openers:
            np_start += 1
        # After "nine of the 32 allies" scanning resumes inside, so "32 allies" counts too.
        via_of = num.end < n and doc[num.end].lower_ == "of"
        r.resume = num.end if via_of else max(r.resume, r.end)
        return _Meaning("count", unit, _noun_phrase(doc, np_start, noun))
    if r.end < n and doc[r.end].lower_ == "others" and (r.value_max is not None or num.value > 1):
        # "five others were hurt", "one or two others": "others" is blocked as a counted noun
        # (it mostly follows "one of the"), but right after a count it is what is counted.
        r.end = r.resume = r.end + 1
        return _Meaning("count", "other", None)
    if first.ent_type_ in lex.date_labels or num.is_word and r.value_max is None:
        return None  # "June 4", "the two", "one" as a pronoun
    if (
        num.start >= 2
        and doc[num.start - 1].text == ","
        and doc[num.start - 2].ent_type_ == "PERSON"
    ):
        return None  # "Crutcher, 40, a father of four": an age
    if _year_like(num) and r.value_max is None:
        return None  # a year outside a DATE entity
    if prev is not None and prev.text[:1].isupper() and prev.pos_ == "PROPN":
        return None  # a number in a name: "World War 3", "Leopard 2"
    return _Meaning("number")


def _figure_at(doc: Doc, num: Numeral, article_id: str) -> _Found | None:
    """The figure whose numeral is ``num``, or None when it is not a figure."""
    lex = _lexicon()
    if _not_a_quantity(doc, num):
        return None
    fraction = _fraction_at(doc, num)
    if fraction is not None:
        return _fraction_figure(doc, num, fraction, article_id)

    r = _start_reading(doc, num)
    opener = doc[r.left - 1].lower_ if r.left > 0 else ""
    if not _read_range(doc, r, opener):
        return None

    # Qualifier and range opener on the left.
    span_left = r.left - 1 if opener == "between" and r.value_max is not None else r.left
    qualifier = None
    qual = _match_backward(doc, span_left, lex.qualifiers)
    if qual is not None:
        qualifier, span_left = qual[0], qual[1]

    prev = doc[num.start - 1] if num.start > 0 else None
    meaning: _Meaning | None
    if r.currency is not None or (r.measure is not None and r.measure.kind == "money"):
        # The sum's head decides what it modifies: the currency word ("3 billion dollars")
        # or the last numeral token ("$3.2 million").
        head_tok = doc[r.end - 1] if r.end > num.end else doc[num.end - 1]
        unit = r.currency or (r.measure.unit if r.measure else None)
        meaning = _Meaning("money", unit, _money_refers_to(doc, span_left, head_tok, r.end))
    elif r.measure is not None:
        meaning = _measured(doc, r, prev)
        during = qual is not None and doc[qual[1]].lower_ in ("over", "under")
        if meaning is not None and meaning.kind == "duration" and during:
            qualifier, span_left = None, r.left  # "over 45 years" reads as "during"
    else:
        meaning = _counted(doc, r, prev)
    if meaning is None:
        return None
    if (
        num.is_word
        and num.value <= 2
        and not num.scaled
        and prev is not None
        and prev.lower_ in lex.pronoun_dets
        and meaning.kind in ("count", "number")
    ):
        return None  # "the one in Poland"; "the two sides" names, it does not count

    span = doc[span_left : r.end]
    start_char, end_char = span.start_char, span.end_char
    figure = Figure(
        id=stable_id("fig", article_id, start_char, end_char),
        article=article_id,
        span=(start_char, end_char),
        text=span.text,
        value=r.value,
        unit=meaning.unit,
        kind=meaning.kind,
        qualifier=qualifier,
        value_max=r.value_max,
        refers_to=meaning.refers_to,
    )
    return _Found(figure, max(r.resume, num.end))


def _vague_figure(doc: Doc, i: int, article_id: str) -> _Found | None:
    """A vague quantity at token ``i`` before a plural noun or a unit ("dozens of civilians",
    "a few weeks"); its value follows the lexicon's convention (see the module docstring)."""
    lex = _lexicon()
    n = len(doc)
    if doc[i].lower_ not in lex.vague_starts:
        return None
    hit = _match_forward(doc, i, lex.vague_counts)
    if hit is None:
        return None
    (value, qualifier), j = hit
    if j < n and doc[j].lower_ == "of" and doc[j - 1].lower_ != "of":
        j += 1  # "a few of the drones"
        while j < n and doc[j].lower_ in lex.determiners:
            j += 1
    measure = _measure_at(doc, j)
    unit: str | None
    if measure is not None and not measure.hyphenated:
        kind, unit, end, refers_to = measure.kind, measure.unit, measure.end, None
        if kind == "money":
            refers_to = _money_refers_to(doc, i, doc[end - 1], end)
    else:
        k = j
        # Adjectives and noun modifiers before the counted noun: "dozens of attack drones".
        while (
            k < n
            and k - j < lex.max_np
            and (
                doc[k].pos_ == "ADJ"
                or (doc[k].tag_ in ("NN", "NNP") and k + 1 < n and doc[k + 1].pos_ in _NOUNS)
            )
        ):
            k += 1
        if not _is_counted(doc, k) or doc[k].ent_type_ in lex.date_labels:
            return None
        noun, unit = _hyphen_compound(doc, doc[k])
        kind, end, refers_to = "count", noun.i + 1, _noun_phrase(doc, j, noun)
    span = doc[i:end]
    figure = Figure(
        id=stable_id("fig", article_id, span.start_char, span.end_char),
        article=article_id,
        span=(span.start_char, span.end_char),
        text=span.text,
        value=float(value),
        unit=unit,
        kind=kind,
        qualifier=qualifier,
        refers_to=refers_to,
    )
    return _Found(figure, end)


def extract_figures(doc: Doc, article_id: str) -> Iterator[Figure]:
    """Yield every figure in ``doc`` in text order (see the module docstring)."""
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        if not (tok.text[:1].isdigit() or tok.is_alpha):
            i += 1
            continue
        skip = _is_phone_or_code(doc, i) if tok.text[:1].isdigit() else i
        if skip > i:
            i = skip
            continue
        num = read_numeral(doc, i)
        if num is None and tok.lower_ in ("a", "an"):
            num = Numeral(i, i + 1, 1.0, is_word=True)  # only a fraction may follow: "a third of"
            if _fraction_at(doc, num) is None:
                num = None
        if num is None:
            vague = _vague_figure(doc, i, article_id) if tok.is_alpha else None
            if vague is not None:
                yield vague.figure
                i = vague.resume
                continue
            i += 1
            continue
        ratio = _ratio_end(doc, num)
        if ratio is not None:
            i = ratio  # "split 4 to 1", "a 2-to-1 vote": neither number is a figure
            continue
        found = _figure_at(doc, num, article_id)
        if found is None:
            i = num.end
            continue
        yield found.figure
        i = found.resume


__all__ = ["extract_figures"]
