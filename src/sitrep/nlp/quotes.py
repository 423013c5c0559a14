"""Quotations: direct, mixed and indirect reported speech, each with its canonical speaker.

``extract_quotes(doc, article_id, actors)`` is the QUOTE stage. It works in three passes over
a parsed ``Doc``, cheapest evidence first, because news writing is formulaic (the conventions
are those of wire-service style guides: a quote is attributed once, next to it, with "said"):

1. **Quotation marks** (``find_quote_marks``, in ``sitrep.nlp.quote_marks``): every span
   between quotation marks, curly or straight.
2. **Direct quotes**: a quoted span with a cue right after it (“...,” said X / “...,” X said),
   or right before it after a colon or comma (X said: “...”). A quoted sentence with no cue of
   its own continues the speaker of the quote just before it ("“A,” said X. “B.”") or, if none,
   takes the speaker of the quote right after it. A cued quote that starts mid-sentence
   ("..., the UK is set on becoming a leading “tech-enabled superpower,” she said") is *mixed*:
   its content runs from the sentence start. A bare name after a dash signs a quotation
   (“...” ― Name, as in vox pops).
3. **Indirect and mixed quotes**: every remaining reporting verb with a subject and a clausal
   complement ("X said (that) ...", "..., X said", "X told Y ...", "adding that ..."), a
   parenthetical ("The hope, said X, is ..."), an object for verbs like "noted" / "denied", or
   "according to X". Content containing quoted words is *mixed*. Naming verbs ("called the
   plan “reckless”") count only when their complement holds quoted words; "what X calls “...”"
   names a thing and never counts.

Reported speech stays inside its paragraph, except after a paragraph-final colon ("He said:"):
a cue never takes its speaker or its content from another paragraph, because the small parser
runs sentences together when an abbreviation swallows the full stop ("U.S.", "MoD.").

Quoted words that no cue claims are terms, names or scare quotes (“coalition of the willing”,
“freeloading”) and yield nothing. Speakers are resolved by ``sitrep.nlp.speakers``.

Speakers are resolved after both passes, in text order, so that "the diplomat" or "he" sees
every earlier speaker. Everything is a walk over tokens plus set lookups: the stage costs a few
per cent of the parser's time (bench/quotes.py measures it).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from sitrep.nlp import cues
from sitrep.nlp.entities import DocActor
from sitrep.nlp.quote_marks import QuoteMarks, find_quote_marks
from sitrep.nlp.speakers import Speaker, SpeakerResolver
from sitrep.records import Quote, Span, TextSpan, stable_id

_QUOTE_CHARS = frozenset('“”„«»"')
_TERMINAL = frozenset(".?!…")
_DASHES = frozenset({"―", "—", "–"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_TRAIL_PUNCT = frozenset({",", ";", ":", "—", "–", "-", ".", "…"})
_POST_WINDOW = 32  # tokens after a closing mark searched for "said X, a fellow at ..."
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


class _Extractor:
    """The passes of one document; holds the token index of quotation marks."""

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
        between = [t for t in self.doc[a_end:b_start] if not t.is_space]
        if not between:
            return True
        # Only the tail of a's own sentence may sit between: no sentence end before the last
        # token, and the between text holds a's cue.
        ends = [t for t in between[:-1] if t.text in _TERMINAL]
        if ends:
            return False
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
        )
        if not (
            ends_open or (ends_question and lowercase_start) or lowercase_start or short_clause
        ):
            return None
        return self._cue_in(window, qi)

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
        for tok in reversed(self.doc[max(0, first - 25) : first]):
            if tok.is_space:
                if "\n" in tok.text:
                    break
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
        cue = self._cue_in(window[:-1], qi, nearest_last=True)
        if cue is not None:
            return cue
        if window[-1].text == ":":
            return self._title_cue(window[:-1])
        return None

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
        """The possessor of an utterance noun speaks: "Its conclusion: “...”"."""
        if not window:
            return None
        noun = window[-1]
        if not cues.is_title_noun(noun):
            return None
        for child in noun.children:
            if child.dep_ == "poss":
                return noun, child
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
            if subject is None:
                continue
            if subject.i not in inside and self.in_quote[subject.i] >= 0:
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

    def _crosses_paragraph(self, a: Token, b: Token) -> bool:
        lo, hi = min(a.i, b.i), max(a.i, b.i)
        return any("\n" in t.text for t in self.doc[lo:hi])

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
        subject = cues.window_subject(window, verb)
        if subject is None or subject.i > verb.i or not cues.is_speaker_like(subject):
            return None
        return subject

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

    def resolve_speakers(self) -> None:
        """Resolve speakers in text order, so "the diplomat" and "he" see every earlier one."""
        cued = sorted(
            (f for f in self.found if f.subject is not None),
            key=lambda f: f.subject.idx if f.subject is not None else 0,
        )
        for found in cued:
            assert found.subject is not None
            speaker = self.resolver.resolve(found.subject, found.span)
            found.speaker = speaker
            self.resolver.remember(found.subject.idx, speaker)
            self.resolver.remember(found.span[0], speaker)
        for found in self.found:
            if found.source is not None:
                found.speaker = found.source.speaker

    def run(self) -> list[_Found]:
        self.direct()
        self.indirect()
        self.resolve_speakers()
        self.found.sort(key=lambda f: f.span)
        return self.found


def _subtree(tok: Token) -> range:
    return range(tok.left_edge.i, tok.right_edge.i + 1)


def _without(lo: int, hi: int, cut_lo: int, cut_hi: int) -> tuple[int, int] | None:
    """The larger side of [lo, hi) once [cut_lo, cut_hi) is taken out."""
    left = (lo, min(hi, cut_lo))
    right = (max(lo, cut_hi), hi)
    best = max(left, right, key=lambda r: r[1] - r[0])
    return best if best[1] > best[0] else None


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _strip_span(text: str, start: int, end: int) -> Span:
    """Trim whitespace and a trailing comma (the attribution comma is not part of a quote)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def extract_quotes(doc: Doc, article_id: str, actors: Sequence[DocActor]) -> Iterator[Quote]:
    """Yield every quotation of ``doc`` (direct, mixed, indirect) with its speaker.

    ``actors`` are the document's actor clusters from the actor stage; speakers that match
    one get its canonical name and id. The doc must be parsed (dependency labels).
    """
    if len(doc) and not doc.has_annotation("DEP"):
        raise ValueError("extract_quotes needs a parsed Doc (run the parser before the quotes)")
    seen: set[Span] = set()
    text = doc.text  # Doc.text joins every token on each access: read it once
    for found in _Extractor(doc, actors).run():
        if found.span in seen or found.span[1] <= found.span[0]:
            continue
        seen.add(found.span)
        start, end = found.span
        speaker = found.speaker
        yield Quote(
            id=stable_id("quo", article_id, start, end),
            article=article_id,
            span=found.span,
            text=text[start:end],
            kind=found.kind,
            speaker=speaker.name if speaker else None,
            speaker_id=speaker.actor_id if speaker else None,
            speaker_mention=speaker.mention if speaker else None,
            cue=TextSpan(text[found.cue[0] : found.cue[1]], found.cue) if found.cue else None,
        )
