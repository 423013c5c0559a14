"""Quote context: one parsed document as both quote passes see it.

The direct pass (``sitrep.nlp.direct_quotes``) and the reported-speech pass
(``sitrep.nlp.reported_speech``) share one state: the quotation marks mapped to token ranges,
the index of the quotation each token lies in, the cue verbs already used, and the quotes found
so far. They also ask the same questions of it: does a quotation start its sentence, is it a
term rather than speech, do two tokens lie in different paragraphs. That state and those
questions live here; the passes are mixins over it, combined into one extractor by
``sitrep.nlp.quotes``, because the second pass must see what the first one took.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from sitrep.nlp import cues
from sitrep.nlp.entities import DocActor
from sitrep.nlp.quote_marks import QuoteMarks, find_quote_marks
from sitrep.nlp.speakers import Speaker, SpeakerResolver
from sitrep.records import Span

_TERMINAL = frozenset(".?!…")
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_SHORT_CUE_CLAUSE = 6  # "“…” Petrov said." — a sentence this short can attribute the quote


@dataclass(slots=True)
class _Found:
    """A quote decided on, before it becomes a record."""

    span: Span
    kind: str
    subject: Token | None  # the speaker mention's head; None for a continuation
    cue: Span | None
    marks: QuoteMarks | None = None
    source: _Found | None = None  # the quotation whose speaker a continuation shares
    speaker: Speaker | None = None


class _QuoteContext:
    """One document's quotation marks, their token index, used cues and found quotes."""

    def __init__(self, doc: Doc, actors: Sequence[DocActor]) -> None:
        self.doc = doc
        self.text = doc.text
        self.marks = find_quote_marks(self.text)
        self.resolver = SpeakerResolver(doc, actors)
        self.resolver.quoted = [(m.start, m.end) for m in self.marks]
        # token index -> index of the quotation it lies in (marks included), or -1
        self.in_quote = [-1] * len(doc)
        self.mark_tokens: list[tuple[int, int]] = []  # token range [first, last+1) per quote
        for qi, m in enumerate(self.marks):
            span = doc.char_span(m.open_at, m.outer[1], alignment_mode="expand")
            if span is None or len(span) == 0:
                self.mark_tokens.append((0, 0))
                continue
            self.mark_tokens.append((span.start, span.end))
            for t in range(span.start, span.end):
                self.in_quote[t] = qi
        self.used_cues: set[int] = set()
        self.found: list[_Found] = []

    def _starts_sentence(self, qi: int) -> bool:
        """True when nothing but a cue clause precedes the quotation in its sentence."""
        first, _ = self.mark_tokens[qi]
        for tok in reversed(self.doc[max(0, first - 40) : first]):
            if tok.is_space:
                if "\n" in tok.text:
                    return True
                continue
            if cues.full_stop(tok) or self.in_quote[tok.i] >= 0:
                return True
            # "X said: “...”": the words before the colon or comma are the cue clause.
            return tok.text in (":", ",")
        return True

    def _crosses_paragraph(self, a: Token, b: Token) -> bool:
        lo, hi = min(a.i, b.i), max(a.i, b.i)
        return any("\n" in t.text for t in self.doc[lo:hi])

    def _is_term(self, qi: int, in_content: bool = False) -> bool:
        """A quoted name or label rather than quoted speech.

        Inside the content of a cue (``in_content``) a short quotation after a determiner is a
        fragment of the speaker's words ("described it as a “terrible situation”", "likened
        them to a “vicious snake”"), so only fixed labels and titles count as terms there.
        """
        first, last = self.mark_tokens[qi]
        before = [t.lower_ for t in self.doc[max(0, first - 3) : first] if not t.is_space]
        if cues.follows_nonspeech_preceder(before):
            return True
        if first > 0:
            prev = self.doc[first - 1]
            if cues.is_naming_verb(prev) or (
                not in_content
                and prev.dep_ == "det"
                and last - first <= cues.cue_lexicon().max_term_tokens
            ):
                return True
        return cues.looks_like_title(self.text[self.marks[qi].start : self.marks[qi].end])


def _subtree(tok: Token) -> range:
    return range(tok.left_edge.i, tok.right_edge.i + 1)


def _strip_span(text: str, start: int, end: int) -> Span:
    """Trim whitespace and a trailing comma (the attribution comma is not part of a quote)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end
