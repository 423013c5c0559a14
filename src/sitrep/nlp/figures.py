"""Figures: money, percentages, counts, durations and measures read from a spaCy ``Doc``.

``extract_figures`` walks the tokens once. At every numeral it reads the quantity with
``sitrep.nlp.quantities`` (currency, qualifier, measure word, range) and then decides what kind
of figure it is and what it measures.

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
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from sitrep.nlp.numbers import Numeral, read_numeral
from sitrep.nlp.quantities import (
    _HYPHENS,
    _fraction_at,
    _glued_hyphen,
    _is_phone_or_code,
    _lexicon,
    _match_backward,
    _match_forward,
    _measure_at,
    _not_a_quantity,
    _ratio_end,
    _read_range,
    _Reading,
    _start_reading,
    _year_like,
)
from sitrep.records import Figure, stable_id

_NOUNS = frozenset({"NOUN", "PROPN"})
_NP_INNER = frozenset({"ADJ", "NOUN", "PROPN", "NUM", "VERB"})  # "armed drones", "EU leaders"
_NP_INNER_DEPS = frozenset({"amod", "compound", "nmod", "punct", "poss", "case", "nummod"})


@dataclass(slots=True)
class _Found:
    figure: Figure
    resume: int  # the token index where scanning continues


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


@dataclass(slots=True)
class _Meaning:
    kind: str
    unit: str | None = None
    refers_to: str | None = None


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
