"""Reported speech: pass 3 of the quote stage (``sitrep.nlp.quotes``), read from the cue verb.

Indirect and mixed quotes: every reporting verb the direct pass left with a subject and a
clausal complement ("X said (that) ...", "..., X said", "X told Y ...", "adding that ..."), a
parenthetical ("The hope, said X, is ..."), an object for verbs like "noted" / "denied", or
"according to X". Content containing quoted words is *mixed*. Naming verbs ("called the plan
“reckless”") count only when their complement holds quoted words; "what X calls “...”" names a
thing and never counts.

Reported speech stays inside its paragraph, except after a paragraph-final colon ("He said:"):
a cue never takes its speaker or its content from another paragraph, because the small parser
runs sentences together when an abbreviation swallows the full stop ("U.S.", "MoD.").
"""

from __future__ import annotations

from spacy.tokens import Token

from sitrep.nlp import cues
from sitrep.nlp.quote_context import (
    _FINITE,
    _SHORT_CUE_CLAUSE,
    _TERMINAL,
    _Found,
    _QuoteContext,
    _strip_span,
    _subtree,
)
from sitrep.nlp.quote_marks import QuoteMarks
from sitrep.records import Span

_TRAIL_PUNCT = frozenset({",", ";", ":", "—", "–", "-", ".", "…"})


class _ReportedSpeech(_QuoteContext):
    """Pass 3: quotes found from a reporting verb and its content."""

    # -- pass 3: indirect and mixed --------------------------------------------------------
    def indirect(self) -> None:
        direct_spans = [f.span for f in self.found if f.kind == "direct"]
        mixed_spans = [f.span for f in self.found if f.kind == "mixed"]
        for tok in self.doc:
            if tok.i in self.used_cues or self.in_quote[tok.i] >= 0:
                continue
            source = cues.according_to_source(tok)
            if source is not None:
                self._according(tok, source, direct_spans, mixed_spans)
                continue
            naming = cues.is_naming_verb(tok) and tok.pos_ == "VERB"
            if not (naming or cues.is_reporting_verb(tok)) or cues.is_unasserted(tok):
                continue
            subject = self._subject(tok)
            if subject is None or self.in_quote[subject.i] >= 0:
                continue
            if cues.is_clausal_only(tok) and not cues.is_speaker_like(subject):
                continue  # "history suggested", "the data show"
            content = self._naming_content(tok) if naming else self._content(tok, subject)
            if content is None:
                continue
            self._emit(content, tok, subject, direct_spans, mixed_spans, naming)

    def _subject(self, verb: Token) -> Token | None:
        """The speaker head of cue ``verb``, never in another paragraph than the verb: the
        parser runs sentences together across a paragraph break when a token such as "MoD." or
        "U.S." swallows the full stop, and then hands the verb a subject from the paragraph
        before. Such a cue gets the first noun phrase of its own sentence instead."""
        subject = cues.subject_of(verb)
        if subject is None:
            if verb.tag_ in _FINITE or self._crosses_paragraph(cues.root_of(verb), verb):
                subject = self._lost_subject(verb)
        elif self._crosses_paragraph(subject, verb):
            subject = self._lost_subject(verb)
        return subject

    def _colon_ends_paragraph(self, verb: Token) -> bool:
        """ "He said:" closing a paragraph introduces the quotation in the next one."""
        doc = self.doc
        i = verb.i + 1
        while i < len(doc) and "\n" not in doc[i].text:
            i += 1
        j = i - 1
        while j > verb.i and doc[j].is_space:
            j -= 1
        return j > verb.i and doc[j].text == ":" and j - verb.i <= _SHORT_CUE_CLAUSE

    def _clause_in_paragraph(self, part: Token, verb: Token) -> bool:
        """True when the words of ``part``'s subtree in ``verb``'s paragraph hold a finite
        verb."""
        doc = self.doc
        lo = verb.i
        while lo > 0 and "\n" not in doc[lo - 1].text:
            lo -= 1
        hi = verb.i
        while hi < len(doc) and "\n" not in doc[hi].text:
            hi += 1
        start, end = max(lo, part.left_edge.i), min(hi, part.right_edge.i + 1)
        return any(t.tag_ in _FINITE and t.i != verb.i for t in doc[start:end])

    def _lost_subject(self, verb: Token) -> Token | None:
        """The subject of a finite cue the parser attached to the wrong clause: the first
        noun phrase of its sentence ("X, who ..., warned that ..." in a run-on parse)."""
        window: list[Token] = []
        for tok in reversed(self.doc[max(0, verb.i - 40) : verb.i]):
            if tok.text in _TERMINAL or "\n" in tok.text or self.in_quote[tok.i] >= 0:
                break
            if window and tok.text.endswith(".") and window[-1].is_title:
                break  # "... posted on X. Former adviser Y, ..., warned": "X." ends a sentence
            window.append(tok)
        window.reverse()
        subject = self._adjacent_subject(verb)
        if subject is None:
            subject = cues.window_subject(window, verb)
        if subject is None or subject.i > verb.i or not cues.is_speaker_like(subject):
            return None
        return subject

    def _adjacent_subject(self, verb: Token) -> Token | None:
        """A name right before the cue is its speaker, whatever the parser attached it to:
        in "Campaigning in New York City, former president X said ..." the first noun phrase
        of the sentence is a place, but the one touching the verb is who speaks."""
        if verb.i == 0:
            return None
        tok = self.doc[verb.i - 1]
        if tok.text == ")":
            # "Sen. X (D-MA) said": skip the party tag.
            j = verb.i - 2
            while j > 0 and self.doc[j].text != "(" and verb.i - j < 8:
                j -= 1
            if j <= 0 or self.doc[j].text != "(":
                return None
            tok = self.doc[j - 1]
        if not (tok.pos_ == "PROPN" and tok.ent_type_ in ("PERSON", "ORG")):
            return None
        if self.in_quote[tok.i] >= 0:
            return None
        return tok

    def _naming_content(self, verb: Token) -> tuple[int, int] | None:
        """Naming is speech only with quoted words: "Clinton called them “deplorables”"."""
        if any(c.dep_ == "dobj" and c.tag_ in ("WP", "WDT") for c in verb.children):
            return None  # "what the Kremlin calls “...”" names a thing, it reports no words
        parts = [
            c
            for c in verb.rights
            if c.dep_ in ("dobj", "oprd", "xcomp", "ccomp", "attr")
            or (c.dep_ == "prep" and c.lower_ == "as")
        ]
        if not parts:
            return None
        lo = min(p.left_edge.i for p in parts)
        hi = max(p.right_edge.i for p in parts) + 1
        if not any(self.in_quote[i] >= 0 for i in range(lo, hi)):
            return None
        return lo, hi

    def _content(self, verb: Token, subject: Token) -> tuple[int, int] | None:
        """Token range [start, end) of what ``verb`` reports, or None."""
        # The subject's words are never content. A finite cue the parser hung on its subject as
        # a reduced relative ("X, deputy chairman, accused ...") keeps its own subtree; true
        # relative clauses ("a problem that demands ...", "polls that showed ...") stay out,
        # since their heads are rarely speakers.
        skip = set(_subtree(subject))
        if cues.under_reduced_relative(verb, subject):
            skip -= set(_subtree(verb))
        parts: list[Token] = []
        run_on: Token | None = None
        for child in verb.children:
            if child.i in skip or child.dep_ != "ccomp":
                continue
            if self._crosses_paragraph(child, verb) and not self._colon_ends_paragraph(verb):
                # A complement headed in another paragraph is a run-on parse (a full stop lost
                # in "U.S." or "MoD."). Its words on this side of the break are the content
                # when they make a clause of their own; otherwise at most the object of a verb
                # like "noted", below.
                if self._clause_in_paragraph(child, verb):
                    parts.append(child)  # _same_paragraph cuts it at the break
                else:
                    run_on = child
                continue
            parts.append(child)
        if any(p.i > verb.i for p in parts) and any(p.i < verb.i for p in parts):
            # "Later, more signs emerged: X said he would travel": with complements on both
            # sides, the one after the verb is what was said (reporting clauses put the content
            # first only in the inverted ", X said" order, which has nothing after the verb).
            parts = [p for p in parts if p.i > verb.i]
        if not parts and verb.dep_ == "parataxis":
            # "The hope, said X, is ...": the host clause is the content. The span keeps the
            # parenthetical cue inside it, since a quote is one contiguous span.
            host = verb.head
            return host.left_edge.i, host.right_edge.i + 1
        if not parts and self._inverted_cue(verb, subject):
            # "The two countries will draft a plan, X said on Sunday.": the cue clause closes
            # the sentence and the parser made it an adverbial clause of the content.
            return verb.head.left_edge.i, subject.left_edge.i
        if not parts and not cues.is_clausal_only(verb):
            prep = cues.content_preposition(verb)
            if prep is not None:
                parts.extend(c for c in prep.children if c.dep_ == "pobj")
            for child in verb.rights:
                if child.i in skip:
                    continue
                if child.dep_ == "dobj" and cues.takes_object_content(verb):
                    if not cues.object_is_recipient(verb):
                        parts.append(child)
                elif cues.extra_content(verb, child):
                    parts.append(child)
            if not parts and run_on is not None and cues.takes_object_content(verb):
                near = run_on.left_edge if run_on.i > verb.i else run_on.right_edge
                if not self._crosses_paragraph(near, verb):
                    parts.append(run_on)  # _same_paragraph keeps the words before the break
            if parts and any(p.dep_ == "dobj" for p in parts):
                # "accused Helsinki of planning an attack", "described him as “unfit”": the
                # object and its "of" / "as" / "for" / "to" phrase.
                parts.extend(
                    c
                    for c in verb.rights
                    if c.dep_ == "prep" and c.lower_ in ("of", "as", "for", "to")
                )
        if not parts:
            return None
        lo = min(p.left_edge.i for p in parts)
        hi = max(p.right_edge.i for p in parts) + 1
        return lo, self._before_next_cue(verb, lo, hi)

    def _inverted_cue(self, verb: Token, subject: Token) -> bool:
        """True for a finite cue with its own subject that ends the sentence of the clause
        it hangs on as an adverbial ("..., X said on Sunday.") and is no subordinate clause
        ("when X said", "as X said")."""
        host = verb.head
        return (
            verb.dep_ == "advcl"
            and verb.tag_ in _FINITE
            and host.i < subject.left_edge.i
            and subject.head.i == verb.i
            and host.left_edge.i < subject.left_edge.i
            and not any(c.dep_ == "mark" for c in verb.children)
            and all(
                t.is_punct or t.is_space for t in self.doc[verb.right_edge.i + 1 : verb.sent.end]
            )
            and self.doc[subject.left_edge.i - 1].text == ","
        )

    def _before_next_cue(self, verb: Token, lo: int, hi: int) -> int:
        """End of a content range cut before a participial cue inside it: in "X said he would
        go, observing that ..." the parser may hang "observing" on "go", but it reports
        something else, which the indirect pass emits as a quote of its own."""
        for tok in self.doc[lo + 1 : hi]:
            if tok.dep_ != "advcl" or tok.head.i == verb.i:
                continue
            if (
                tok.tag_ == "VBG"
                and cues.is_naming_verb(tok)
                and self._naming_content(tok) is not None
            ):
                return tok.left_edge.i  # "..., describing it as “wild.”" is a quote of its own
            if not cues.is_reporting_verb(tok):
                continue
            if (
                tok.tag_ == "VBG"
                and not cues.is_unasserted(tok)
                and any(c.dep_ == "ccomp" for c in tok.children)
            ):
                return tok.left_edge.i
            # "..., though he did not confirm that ...": a trailing clause with a speech act
            # of its own is the writer's comment on the report, not part of it.
            if (
                tok.right_edge.i + 1 >= hi
                and any(c.dep_ == "nsubj" for c in tok.children)
                and tok.left_edge.i > 0
                and self.doc[tok.left_edge.i - 1].text == ","
            ):
                return tok.left_edge.i
        return hi

    def _according(self, tok: Token, source: Token, direct: list[Span], mixed: list[Span]) -> None:
        host = tok.head if tok.head.i != tok.i else tok
        # "according to" hangs on the clause it qualifies; its content is that clause.
        while host.dep_ in ("prep", "pobj", "punct") and host.head.i != host.i:
            host = host.head
        lo, hi = host.left_edge.i, host.right_edge.i + 1
        sent = tok.sent
        lo, hi = max(lo, sent.start), min(hi, sent.end)
        phrase_lo, phrase_hi = tok.i, source.right_edge.i + 1
        content = _without(lo, hi, phrase_lo, phrase_hi)
        if content is None:
            return
        self._emit(content, tok, source, direct, mixed)

    def _emit(
        self,
        content: tuple[int, int],
        cue_tok: Token,
        subject: Token,
        direct: list[Span],
        mixed: list[Span],
        naming: bool = False,
    ) -> None:
        lo, hi = self._same_paragraph(*content, cue_tok.i)
        lo, hi = self._trim(lo, hi)
        if hi <= lo:
            return
        start, end = self.doc[lo].idx, self.doc[hi - 1].idx + len(self.doc[hi - 1].text)
        if any(_overlap((start, end), d) > 0 for d in direct):
            return
        if any(_overlap((start, end), d) > 0.5 * (end - start) for d in mixed):
            return
        words = [t for t in self.doc[lo:hi] if not t.is_punct]
        if len(words) < 2:
            return
        # Extend to whole quotations the content cuts into, so no quote mark is left dangling.
        for m in self.marks:
            o_start, o_end = m.outer
            if o_start < end and start < o_end:
                start, end = min(start, o_start), max(end, o_end)
        kind = "mixed" if self._has_speech_fragment(start, end, naming) else "indirect"
        if naming and kind != "mixed":
            return
        span = _strip_span(self.text, start, end)
        whole = self._whole_quotation(span)
        if whole is not None:
            # The complement is one quoted sentence ("X told Y: “...”" parsed as a clause).
            kind, span = "direct", _strip_span(self.text, whole.start, whole.end)
        self.used_cues.add(cue_tok.i)
        self.found.append(_Found(span, kind, subject, cues.cue_span(cue_tok)))

    def _same_paragraph(self, lo: int, hi: int, cue: int) -> tuple[int, int]:
        """Cut a content range at paragraph breaks, keeping the part nearest the cue: the
        parser sometimes runs a sentence across a line break, reported speech never does."""
        breaks = [t.i for t in self.doc[lo:hi] if "\n" in t.text]
        if not breaks:
            return lo, hi
        edges = [lo, *breaks, hi]
        parts = [(a if a == lo else a + 1, b) for a, b in zip(edges, edges[1:], strict=False)]
        return min(
            parts, key=lambda p: 0 if p[0] <= cue < p[1] else min(abs(cue - p[0]), abs(cue - p[1]))
        )

    def _whole_quotation(self, span: Span) -> QuoteMarks | None:
        for qi, m in enumerate(self.marks):
            o_start, o_end = m.outer
            if o_start <= span[0] and span[1] <= o_end + 1 and self._starts_sentence(qi):
                return m
        return None

    def _trim(self, lo: int, hi: int) -> tuple[int, int]:
        doc = self.doc
        while lo < hi and (
            doc[lo].is_space
            or doc[lo].text in _TRAIL_PUNCT
            or (doc[lo].lower_ == "that" and doc[lo].dep_ == "mark")
        ):
            lo += 1
        while hi > lo and (doc[hi - 1].is_space or doc[hi - 1].text in _TRAIL_PUNCT):
            hi -= 1
        return lo, hi

    def _has_speech_fragment(self, start: int, end: int, naming: bool = False) -> bool:
        for qi, m in enumerate(self.marks):
            if not (start <= m.open_at and m.outer[1] <= end):
                continue
            if naming:
                # The naming verb is the cue; only a fixed label ("so-called") is not speech.
                first = self.mark_tokens[qi][0]
                if first == 0 or self.doc[first - 1].lower_ not in ("so-called", "called"):
                    return True
            elif not self._is_term(qi, in_content=True):
                return True
        return False


def _without(lo: int, hi: int, cut_lo: int, cut_hi: int) -> tuple[int, int] | None:
    """The larger side of [lo, hi) once [cut_lo, cut_hi) is taken out."""
    left = (lo, min(hi, cut_lo))
    right = (max(lo, cut_hi), hi)
    best = max(left, right, key=lambda r: r[1] - r[0])
    return best if best[1] > best[0] else None


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))
