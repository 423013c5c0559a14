"""Direct quotes: pass 2 of the quote stage (``sitrep.nlp.quotes``), quotations and their cues.

A quoted span with a cue right after it (“...,” said X / “...,” X said), or right before it
after a colon or comma (X said: “...”). A quoted sentence with no cue of its own continues the
speaker of the quote just before it ("“A,” said X. “B.”") or, if none, takes the speaker of the
quote right after it. A cued quote that starts mid-sentence ("..., the UK is set on becoming a
leading “tech-enabled superpower,” she said") is *mixed*: its content runs from the sentence
start. A bare name after a dash signs a quotation (“...” ― Name, as in vox pops), and so does a
name before a colon in digests and round-ups ("- Ann Lee: “...”", "More from the report: “...”").

A cue paragraph that ends in a colon ("She went on to say:") introduces the quotation opening
the next paragraph; a cue closed by a colon after one quotation ("..., adding: “...”") belongs to
the quotation after it. A cue sentence after a closed quotation attributes it when it opens with
the speaker and a cue verb that reports nothing of its own ("“...” Okafor told reporters during
a call."); one with an object of its own ("He praised the port.") does not.
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

_DASHES = frozenset({"―", "—", "–"})


_POST_WINDOW = 32  # tokens after a closing mark searched for "said X, a fellow at ..."


class _DirectQuotes(_QuoteContext):
    """Pass 2: quotations attributed by a cue next to them, or by the quotation before."""

    # -- pass 2: direct ------------------------------------------------------------------
    def direct(self) -> None:
        pending: list[int] = []  # uncued quotations that read as whole sentences
        attributed: dict[int, _Found] = {}
        for qi, m in enumerate(self.marks):
            first, last = self.mark_tokens[qi]
            if last <= first:
                continue
            # A colon before the mark ("they added: “...”") outranks words after the quotation.
            if self._colon_before(qi):
                cue = self._pre_cue(qi) or self._post_cue(qi)
            else:
                cue = self._post_cue(qi) or self._pre_cue(qi)
            if cue is not None:
                verb, subject = cue
                starts_sentence = self._starts_sentence(qi)
                if subject is None or (not starts_sentence and self._is_term(qi)):
                    # "On the “Morning Show,” she said ...": a title, not the words said.
                    continue
                self.used_cues.add(verb.i)
                if starts_sentence:
                    span = _strip_span(self.text, m.start, m.end)
                    kind = "direct"
                else:
                    span = _strip_span(self.text, self._clause_start(first), m.outer[1])
                    kind = "mixed"
                found = _Found(span, kind, subject, cues.cue_span(verb), m)
                self.found.append(found)
                attributed[qi] = found
                # Quotations waiting in the same run take this speaker (forward attribution).
                for p in pending:
                    if self._adjacent(p, qi):
                        self._attribute(p, found, attributed)
                pending = [p for p in pending if p not in attributed]
                continue
            if not self._sentential(qi):
                continue
            prev = self._previous_attributed(qi, attributed)
            if prev is not None:
                self._attribute(qi, prev, attributed)
            else:
                pending.append(qi)

    def _attribute(self, qi: int, source: _Found, attributed: dict[int, _Found]) -> None:
        m = self.marks[qi]
        found = _Found(
            _strip_span(self.text, m.start, m.end),
            "direct",
            None,
            source.cue,
            m,
            source if source.source is None else source.source,
        )
        self.found.append(found)
        attributed[qi] = found

    def _previous_attributed(self, qi: int, attributed: dict[int, _Found]) -> _Found | None:
        """The attributed quotation this one continues, if nothing but its cue lies between."""
        for pj in range(qi - 1, -1, -1):
            if pj in attributed:
                return attributed[pj] if self._adjacent(pj, qi) else None
            if not self._adjacent(pj, qi):
                return None
        return None

    def _adjacent(self, a: int, b: int) -> bool:
        """True when between quotations ``a`` and ``b`` there is at most ``a``'s cue sentence.

        With real paragraphs a quotation may also open the paragraph right after ``a``'s.
        """
        a_end = self.mark_tokens[a][1]
        b_start = self.mark_tokens[b][0]
        if b_start < a_end:
            return False
        # Only the tail of a's own sentence may sit between: no sentence end before the last
        # token, and the between text holds a's cue. Read token by token and stop at the first
        # sentence end with more after it: quotations far apart must not cost their distance.
        between: list[Token] = []
        for t in self.doc[a_end:b_start]:
            if t.is_space:
                continue
            if between and between[-1].text in _TERMINAL:
                return False
            between.append(t)
        if not between:
            return True
        return any(t.i in self.used_cues for t in between) and (
            between[-1].text == "," or cues.full_stop(between[-1])
        )

    def _post_cue(self, qi: int) -> tuple[Token, Token | None] | None:
        m = self.marks[qi]
        if not m.closed:
            return None
        _, last = self.mark_tokens[qi]
        inner = self.text[m.start : m.end]
        ends_open = bool(inner) and inner[-1] in ",—–-:;" or inner.endswith("...")
        ends_question = bool(inner) and inner[-1] in "?!"
        window: list[Token] = []
        for tok in self.doc[last : last + _POST_WINDOW]:
            if tok.is_space:
                if "\n" in tok.text:
                    break
                continue
            if self.in_quote[tok.i] >= 0:
                break
            window.append(tok)
            if tok.text == ";" or (
                tok.text in _TERMINAL
                and not (tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].text == ")")
            ):
                break  # a full stop ends the clause, unless it closes "(D-Md.)"
        if not window:
            return None
        if window[-1].text == ":" and self._opens_quotation_after(window[-1]):
            # "..., a “major breach,” adding: “...”": a cue closed by a colon introduces the
            # quotation after it, not the one before.
            return None
        if window[0].pos_ == "CCONJ" and self._reports_own_quotation(window):
            # "... workaround “is not accepted,” and warns that “...” ...": a coordinated cue
            # with quoted words of its own opens a new report; this quotation belongs to the
            # verb before it.
            return None
        if window[0].text in _DASHES:
            # "“...” ― Carla Sanchez": a dash and a bare name sign the quotation.
            name = []
            for t in window[1:]:
                if t.text in _TERMINAL or t.text in (",", "("):
                    break  # "― Oksana Melnyk, a nurse in Sumy": the name ends at the comma
                name.append(t)
            return self._byline_cue([*name, window[0]])
        lowercase_start = window[0].is_lower or window[0].lower_ in ("according", "said", "says")
        short_clause = (
            len(window) <= _SHORT_CUE_CLAUSE
            and window[-1].text in _TERMINAL
            and any(t.tag_ in _FINITE for t in window)
            and not any(_reports_own_object(t) for t in window)
        )
        if not (
            ends_open
            or (ends_question and lowercase_start)
            or lowercase_start
            or short_clause
            or self._named_cue_clause(window)
        ):
            return None
        return self._cue_in(window, qi)

    @staticmethod
    def _named_cue_clause(window: list[Token]) -> bool:
        """ "“....” Okafor told reporters during a call.": a sentence that opens with a
        speaker and a cue verb and reports nothing of its own attributes the quotation before
        it, however long its tail of circumstances (the comma inside the marks is often lost).
        """
        if len(window) < 3 or window[-1].text not in _TERMINAL:
            return False
        speaker, verb = window[0], window[1]
        return (
            speaker.pos_ in ("PROPN", "PRON")
            and speaker.dep_ == "nsubj"
            and speaker.head.i == verb.i
            and cues.is_reporting_verb(verb)
            and not any(c.dep_ in ("ccomp", "xcomp") for c in verb.rights)
            and not _reports_own_object(verb)
        )

    def _reports_own_quotation(self, window: list[Token]) -> bool:
        for tok in window:
            if cues.is_reporting_verb(tok):
                return any(
                    self.in_quote[t.i] >= 0
                    for c in tok.children
                    if c.dep_ == "ccomp"
                    for t in self.doc[c.left_edge.i : c.right_edge.i + 1]
                )
        return False

    def _colon_before(self, qi: int) -> bool:
        first, _ = self.mark_tokens[qi]
        for tok in reversed(self.doc[max(0, first - 3) : first]):
            if not tok.is_space:
                return tok.text == ":"
        return False

    def _pre_cue(self, qi: int) -> tuple[Token, Token | None] | None:
        first, _ = self.mark_tokens[qi]
        window: list[Token] = []
        crossed = False
        for tok in reversed(self.doc[max(0, first - 40) : first]):
            if tok.is_space:
                if "\n" in tok.text:
                    if window or crossed or not self._colon_ends_before(tok.i):
                        break
                    # "She went on to say:" closing a paragraph introduces the quotation
                    # that opens the next one (long statements, transcripts).
                    crossed = True
                continue
            if self.in_quote[tok.i] >= 0 or (cues.full_stop(tok) and window):
                break
            window.append(tok)
        window.reverse()
        if not window:
            return None
        if window[-1].text in _DASHES:
            return self._byline_cue(window)
        if window[-1].text not in (":", ","):
            # "X said Monday “...”": only time words may sit between the verb and the mark.
            tail = len(window)
            while tail > 0 and (
                window[tail - 1].ent_type_ in ("DATE", "TIME")
                or window[tail - 1].lower_ in ("on", "in", "late", "early")
            ):
                tail -= 1
            if tail == 0 or not cues.is_reporting_verb(window[tail - 1]):
                return None
            return self._cue_in(window[:tail], qi, nearest_last=True)
        if window[-1].text == ":":
            # "Pollsters agree - Ann Lee: “...”": a name set off by a dash before the colon
            # signs the quotation, whatever verb the headline before it holds.
            signed = self._colon_name_cue(window, after_dash=True)
            if signed is not None:
                return signed
        cue = self._cue_in(window[:-1], qi, nearest_last=True)
        if cue is not None:
            return cue
        if window[-1].text == ":":
            return self._title_cue(window[:-1]) or self._colon_name_cue(window)
        return None

    def _colon_name_cue(
        self, window: list[Token], after_dash: bool = False
    ) -> tuple[Token, Token | None] | None:
        """A name and a colon introduce the quotation, as in digests, Q&As and round-ups:
        "Mark Jones and Ann Lee: “...”", "More from the report: “...”", "- Ann Lee: “...”"."""
        body = window[:-1]
        n = len(body)
        while n > 0 and _name_word(body[n - 1], last=n == len(body)):
            n -= 1
        name = body[n:]
        lead = [t.lower_ for t in body[:n]]
        if not name:
            # "From the report:": a written source after a lead-in.
            if not body or not cues.is_source_document(body[-1]):
                return None
            name = [body[-1]]
            lead = [t.lower_ for t in body[:-1] if t.pos_ != "DET"]
            if not lead:
                return None
        if len(name) > 6 or not any(t.pos_ in ("PROPN", "NOUN") for t in name):
            return None
        dashed = bool(lead) and (lead[-1] in _DASHES or lead[-1] == "-")
        if after_dash and not dashed:
            return None
        if lead and not (dashed or cues.is_colon_lead_in(lead)):
            return None
        head = name[-1]
        while head.head in name and head.head.i != head.i:
            head = head.head
        return window[-1], head

    def _opens_quotation_after(self, tok: Token) -> bool:
        for nxt in self.doc[tok.i + 1 : tok.i + 4]:
            if not nxt.is_space:
                return self.in_quote[nxt.i] >= 0
        return False

    def _colon_ends_before(self, i: int) -> bool:
        """True when the last word before token ``i`` is a colon."""
        for tok in reversed(self.doc[max(0, i - 4) : i]):
            if not tok.is_space:
                return tok.text == ":"
        return False

    def _byline_cue(self, window: list[Token]) -> tuple[Token, Token | None] | None:
        """A bare name and a dash attribute the quotation ("Maria Lopez ― “...”", vox pops)."""
        name = window[:-1]
        if (
            not name
            or len(name) > 6
            or not all(t.pos_ == "PROPN" or t.is_punct or t.is_title for t in name)
        ):
            return None
        head = name[0]
        while head.head in name and head.head.i != head.i:
            head = head.head
        return window[-1], head

    def _title_cue(self, window: list[Token]) -> tuple[Token, Token | None] | None:
        """The possessor of an utterance noun speaks ("Its conclusion: “...”"), or the subject of
        the verb that issues it ("X released this statement: “...”")."""
        if not window:
            return None
        noun = window[-1]
        if not cues.is_title_noun(noun):
            return None
        for child in noun.children:
            if child.dep_ == "poss":
                return noun, child
        verb = noun.head
        if noun.dep_ == "dobj" and cues.issues_statements(verb):
            # "The ministry released the following statement: “...”": who issues it speaks.
            subject = cues.subject_of(verb)
            if subject is not None:
                return verb, subject
        return None

    def _cue_in(
        self, window: list[Token], qi: int, nearest_last: bool = False
    ) -> tuple[Token, Token | None] | None:
        ordered = reversed(window) if nearest_last else iter(window)
        inside = {t.i for t in window}
        for tok in ordered:
            if tok.i in self.used_cues:
                continue
            source = cues.according_to_source(tok)
            if source is not None:
                return tok, source
            if (
                not cues.is_reporting_verb(tok)
                or cues.is_naming_verb(tok)
                or cues.is_unasserted(tok)
            ):
                continue
            subject = cues.subject_of(tok)
            if subject is not None and self._crosses_paragraph(subject, tok):
                subject = None  # a run-on parse across a paragraph break (see _subject)
            parsed = subject is not None
            if subject is None and (not nearest_last or tok.is_sent_start):
                # ("Said Ellis: “...”" inverts the cue before a quotation too.)
                # After a quotation the parser often loses "“...,” a spokesman for X said":
                # the noun phrase between the closing mark and the verb is the speaker.
                subject = cues.window_subject(window, tok)
            elif subject is None and tok.tag_ == "VBG":
                # "X seemed ready to joke, telling the crowd, “...”": the parser hung the
                # participle on a verb inside the quotation; the sentence's subject speaks.
                subject = cues.window_subject(window, tok)
                if subject is not None and (subject.i > tok.i or not cues.is_speaker_like(subject)):
                    subject = None
            if subject is None:
                continue
            if subject.i not in inside and self.in_quote[subject.i] >= 0:
                if nearest_last:
                    continue
                # "“..., this guy,” Petrov, the minister ..., said": the parser took a noun
                # inside the quotation as the subject; the speaker is the name after the mark.
                subject, parsed = cues.window_subject(window, tok), False
                if subject is None or subject.i > tok.i or self.in_quote[subject.i] >= 0:
                    continue
            if not nearest_last and not self._only_cue_clause(window, tok, subject, parsed):
                continue
            return tok, subject
        return None

    @staticmethod
    def _only_cue_clause(window: list[Token], verb: Token, subject: Token, parsed: bool) -> bool:
        """True when nothing but the speaker sits between a closing mark and the cue verb.

        Otherwise a clause of its own intervenes ("“...” composed by countries seeking to
        agree ...", "“...,” due to fears they can no longer rely on X. Y posted on X") and the
        verb does not attribute this quotation.
        """
        before = [t for t in window if t.i < verb.i]
        if parsed:
            # Names and their titles may hang anywhere ("Tulsa police Chief X said"); verbs
            # outside the speaker's phrase mean another clause.
            allowed = _subtree(subject)
            return not any(
                t.pos_ in ("VERB", "AUX") and not t.is_title and t.i not in allowed for t in before
            )
        return not any(t.tag_ in _FINITE for t in before)

    def _clause_start(self, first: int) -> int:
        """Character where the reported clause holding token ``first`` starts: the sentence
        start (after earlier quotes), or just after another cue and its addressee
        ("Zelenskyy told leaders “...,” he posted": the content starts at the quotation)."""
        start = first
        for tok in reversed(self.doc[max(0, first - 80) : first]):
            if tok.text in _TERMINAL or ("\n" in tok.text) or self.in_quote[tok.i] >= 0:
                break
            if cues.is_reporting_verb(tok) and cues.subject_of(tok) is not None:
                if cues.object_is_recipient(tok):
                    for child in tok.rights:
                        if child.dep_ in ("dobj", "dative") and child.left_edge.i == tok.i + 1:
                            start = max(start, child.right_edge.i + 1)  # "told *leaders*"
                break
            start = tok.i
        return self.doc[min(start, first)].idx

    def _sentential(self, qi: int) -> bool:
        m = self.marks[qi]
        inner = self.text[m.start : m.end]
        first, last = self.mark_tokens[qi]
        if last - first < 4 or not inner or not (inner[0].isupper() or inner[0] in "[("):
            return False
        if not self._starts_sentence(qi):
            return False
        return not m.closed or inner.rstrip("”’'\"")[-1:] in _TERMINAL


def _name_word(tok: Token, last: bool) -> bool:
    """A word of a speaker's name before a colon ("Mark Jones and Ann Lee:")."""
    if tok.text in _DASHES or tok.text == "-":
        return False
    if tok.ent_type_ in ("PERSON", "ORG"):
        return True
    if tok.pos_ == "PROPN" and tok.ent_type_ not in ("GPE", "DATE"):
        return True
    return not last and tok.lower_ in ("and", "&")


def _reports_own_object(verb: Token) -> bool:
    """ "He praised *the new port*.": a cue whose object is what it reports (not an addressee,
    as in "told *reporters*") does not attribute the quotation before its sentence."""
    return cues.is_reporting_verb(verb) and any(
        c.dep_ == "dobj" and not cues.object_is_recipient(verb) for c in verb.rights
    )
