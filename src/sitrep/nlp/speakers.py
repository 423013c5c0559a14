"""Speaker resolution: from the words in front of a cue to the canonical actor who spoke.

The quote stage finds the *mention* of a speaker (the subject of "said", the object of
"according to"); this module decides *who* that is, in four steps that mirror how a reader does
it (the ordering follows the classic salience-based anaphora heuristics of Lappin & Leass 1994,
cut down to what quotations need):

1. A mention the actor stage already clustered ("Petrov", "the Russian president", a resolved
   "he") is that actor.
2. A pronoun ("he", "she", "they", "it") takes the nearest compatible antecedent outside
   quotation marks, where earlier speakers and grammatical subjects count as nearer: quotes
   come in runs by one speaker, and a pronoun subject of "said" almost always continues the
   previous one.
3. A definite description ("the minister", "the diplomat", "the representative") takes the
   earlier speaker or actor it describes: an anonymous source with the same head noun
   ("a U.K. diplomat" ... "the diplomat"), or a named person the text gave that role
   ("Defense Minister X", "X, the minister").
4. Anything else stays what the text says: an unnamed source keeps its description
   ("a senior EU official"), a document or body keeps its name ("the Bundestag report").

The resolver is stateful per document: it remembers the speakers of earlier quotes, in order.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sitrep.nlp.cues import is_body_noun, is_generic_noun, is_source_document, split_title
from sitrep.nlp.entities import ActorIndex, DocActor
from sitrep.records import TextSpan

_PRONOUNS: dict[str, tuple[str, str | None]] = {
    # pronoun -> (kind it can refer to, gender); "any" kinds accept persons and bodies alike.
    "he": ("person", "m"),
    "him": ("person", "m"),
    "she": ("person", "f"),
    "her": ("person", "f"),
    "they": ("any", None),
    "them": ("any", None),
    "it": ("body", None),
    "we": ("any", None),
    "i": ("person", None),
}
_MAX = 1 << 62
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_INDEFINITE = frozenset({"a", "an", "one", "another", "some", "two", "three", "several", "many"})
_BODY_KINDS = frozenset({"org", "country", "igo", "group", "document", "body"})
_ENT_KINDS = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "country",
    "NORP": "group",
    "FAC": "org",
}
_NP_LEFT_DEPS = frozenset({"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod"})
_NP_RIGHT_PREPS = frozenset({"from", "for", "at", "of", "with", "in", "to"})
_MAX_RIGHT_PREP_TOKENS = 6
# Distance multipliers of pronoun antecedents (lower is nearer). Centering theory (Grosz, Joshi &
# Weinstein 1995) ranks the entities of the previous utterance subject > object > other, and
# news attribution adds the "he said" convention: a pronoun cue continues the last speaker or
# the last subject. So an earlier speaker or a subject beats a nearer object ("... deter Putin
# from sending troops. “...,” he said" is the running speaker, not Putin), while an object
# still wins when no speaker or subject is anywhere near.
_W_SUBJECT_HERE = 0.15  # a subject in the pronoun's own sentence ("X told Y “...,” he said")
_W_SPEAKER = 0.3  # the speaker of an earlier quote
_W_SUBJECT = 0.6  # a subject of an earlier sentence
_W_OTHER = 3.0  # objects, obliques and modifiers


@dataclass(slots=True)
class Speaker:
    """Who said it: the canonical name (or description), the actor id, the literal mention."""

    name: str
    actor_id: str | None
    mention: TextSpan
    kind: str  # person | body | anonymous | unknown
    gender: str | None = None
    head_lemma: str = ""
    words: frozenset[str] = frozenset()  # lowercase words of the mention, for "the diplomat"
    plural: bool = False


@dataclass(slots=True)
class _Candidate:
    position: int
    name: str
    actor_id: str | None
    kind: str
    gender: str | None
    weight: float  # distance multiplier, one of the _W_* constants


@dataclass(slots=True)
class SpeakerResolver:
    """Resolves speaker mentions of one document, remembering earlier speakers."""

    doc: Doc
    actors: Sequence[DocActor]
    quoted: list[tuple[int, int]] = field(default_factory=list)  # char spans inside quotes
    history: list[tuple[int, Speaker]] = field(default_factory=list)
    _content: tuple[int, int] | None = None  # the content of the quote being resolved
    _segment_ids: list[int] | None = None
    _ents: tuple[SpacySpan, ...] | None = None
    _static: list[tuple[int, int, bool, _Candidate]] | None = None
    _index: ActorIndex | None = None  # built on first use, once the actor stage is done

    def _actor_at(self, start: int, end: int) -> DocActor | None:
        if self._index is None:
            self._index = ActorIndex(self.actors)
        return self._index.actor_at(start, end)

    def remember(self, position: int, speaker: Speaker) -> None:
        self.history.append((position, speaker))

    def resolve(self, head: Token, content: tuple[int, int] | None = None) -> Speaker:
        """The speaker whose mention has ``head`` as its syntactic head."""
        mention = mention_span(head)
        self._content = content
        speaker = self._resolve(head, mention)
        if not speaker.words:
            speaker.words = _words(mention)
        speaker.plural = head.tag_ in ("NNS", "NNPS")
        return speaker

    def _resolve(self, head: Token, mention: SpacySpan) -> Speaker:
        text_span = TextSpan(mention.text, (mention.start_char, mention.end_char))
        lemma = head.lemma_.lower()
        actor = self._actor_at(head.idx, head.idx + len(head.text))
        if head.pos_ == "PRON" or head.lower_ in _PRONOUNS:
            # Pronouns are resolved here against earlier speakers (the actor stage does not
            # know which quotes came before); its own resolution is the fallback.
            speaker = self._pronoun(head, text_span)
            if speaker.kind == "unknown" and actor is not None and not _pronoun_clash(head, actor):
                return Speaker(
                    actor.name, actor.id, text_span, _actor_kind(actor.kind), actor.gender, lemma
                )
            return speaker
        common = head.pos_ == "NOUN" or (head.pos_ == "PROPN" and head.is_lower)
        if common:
            # An unnamed source stays unnamed ("a senior EU official", "analysts"), and "the
            # diplomat" continues an earlier unnamed diplomat before any named actor.
            determiners = _determiners(mention, head, ("det", "nummod"))
            if determiners & _INDEFINITE or (
                not determiners
                and head.tag_ == "NNS"
                and not any(t.dep_ == "poss" for t in mention)
            ):
                return self._description(head, mention, text_span, use_history=False)
            if determiners & _DEFINITE:
                earlier = self._earlier_description(head, mention, text_span)
                if earlier is not None:
                    return earlier
        if actor is not None:
            return Speaker(
                actor.name, actor.id, text_span, _actor_kind(actor.kind), actor.gender, lemma
            )
        if (head.pos_ == "PROPN" and not head.is_lower) or head.ent_type_ in _ENT_KINDS:
            return self._name(mention, text_span, lemma)
        return self._description(head, mention, text_span)

    # -- pronouns --------------------------------------------------------------------------
    def _pronoun(self, head: Token, text_span: TextSpan) -> Speaker:
        kind, gender = _PRONOUNS.get(head.lower_, ("any", None))
        best: _Candidate | None = None
        best_score = float("inf")
        content = self._content
        for cand in self._candidates(head.idx):
            if not _compatible(cand, kind, gender):
                continue
            if content is not None and content[0] <= cand.position < content[1]:
                continue  # the speaker is never someone inside what they are reported to say
            distance = head.idx - cand.position
            score = distance * cand.weight
            if score < best_score:
                best, best_score = cand, score
        if best is None:
            return Speaker(head.text, None, text_span, "unknown", gender, head.lower_)
        return Speaker(best.name, best.actor_id, text_span, best.kind, best.gender or gender)

    def _candidates(self, offset: int) -> list[_Candidate]:
        """Antecedent candidates before ``offset``, weighted for a pronoun at ``offset``."""
        here = _token_at(self.doc, offset)
        segments = self._segments()
        here_segment = segments[here.i] if here is not None else -1
        cands: list[_Candidate] = []
        for position, tok_i, subject, cand in self._static_candidates():
            if position >= offset:
                break
            if subject:
                cand.weight = _W_SUBJECT_HERE if segments[tok_i] == here_segment else _W_SUBJECT
            cands.append(cand)
        for position, speaker in self.history:
            if position < offset:
                kind = "plural" if speaker.plural and speaker.kind != "person" else speaker.kind
                cands.append(
                    _Candidate(
                        position, speaker.name, speaker.actor_id, kind, speaker.gender, _W_SPEAKER
                    )
                )
        return cands

    def _static_candidates(self) -> list[tuple[int, int, bool, _Candidate]]:
        """Every actor mention, entity and unnamed subject outside quotations, in text order:
        (position, token index, is a subject, candidate). Built once per document."""
        if self._static is not None:
            return self._static
        found: list[tuple[int, int, bool, _Candidate]] = []
        covered: set[int] = set()
        for actor in self.actors:
            for m in actor.mentions:
                covered.update(range(m.span[0], m.span[1]))
                tok = _token_at(self.doc, m.span[0])
                if m.form == "pronoun" or tok is None or self._in_quote(m.span[0]):
                    continue
                if _modifier_only(tok):
                    continue
                cand = _Candidate(
                    m.span[0], actor.name, actor.id, _actor_kind(actor.kind), actor.gender, _W_OTHER
                )
                found.append((m.span[0], tok.i, _subject_like(tok), cand))
        for ent in self._entities():
            kind = _ENT_KINDS.get(ent.label_)
            if kind is None or self._in_quote(ent.start_char) or ent.start_char in covered:
                continue
            if _modifier_only(ent.root):
                continue
            name = self._full_name(ent.text, ent.start_char) if kind == "person" else ent.text
            cand = _Candidate(ent.start_char, name, None, _actor_kind(kind), None, _W_OTHER)
            found.append((ent.start_char, ent.root.i, _subject_like(ent.root), cand))
        for tok in self.doc:
            # Unnamed subjects can be antecedents too: "The authors ... They caution that".
            if tok.dep_ != "nsubj" or tok.pos_ != "NOUN" or self._in_quote(tok.idx):
                continue
            plural = tok.tag_ == "NNS"
            body = is_source_document(tok) or _is_body_noun(tok)
            if not (plural or body):
                continue
            desc = _description_text(mention_span(tok))
            kind = "body" if body and not plural else "plural"
            cand = _Candidate(tok.idx, desc, None, kind, None, _W_SUBJECT)
            found.append((tok.idx, tok.i, False, cand))
        found.sort(key=lambda f: f[0])
        self._static = found
        return found

    def _segments(self) -> list[int]:
        """Sentence number of every token, counting only full stops outside quotations (the
        parser ends sentences inside them). Computed once per document."""
        if self._segment_ids is None:
            ids, current = [], 0
            for t in self.doc:
                ids.append(current)
                if t.text in (".", "?", "!") and not self._in_quote(t.idx):
                    current += 1
            self._segment_ids = ids
        return self._segment_ids

    def _entities(self) -> tuple[SpacySpan, ...]:
        if self._ents is None:
            self._ents = tuple(self.doc.ents)
        return self._ents

    def _in_quote(self, offset: int) -> bool:
        # ``quoted`` is sorted and non-overlapping (find_quote_marks scans left to right).
        i = bisect_right(self.quoted, (offset, _MAX)) - 1
        return i >= 0 and self.quoted[i][0] <= offset < self.quoted[i][1]

    # -- names ---------------------------------------------------------------------------
    def _name(self, mention: SpacySpan, text_span: TextSpan, lemma: str) -> Speaker:
        label = mention.root.ent_type_
        kind = _actor_kind(_ENT_KINDS.get(label, "person" if label == "" else "org"))
        if label == "" and mention.root.pos_ == "PROPN" and is_source_document(mention.root):
            kind = "body"
        common = mention.root.pos_ == "NOUN" or mention.root.is_lower
        name = _description_text(mention) if common else mention.text
        gender: str | None = None
        if not common:
            words = name.split()
            titles, gender = split_title(words)
            if titles:
                # "Rear Admiral Sofia Marin": a titled name is a person, whatever NER said.
                name, kind = " ".join(words[titles:]), "person"
        if kind == "person" or " " not in name:
            full = self._full_name(name, mention.start_char)
            if full != name:
                name, kind = full, "person"
        return Speaker(name, None, text_span, kind, gender, lemma)

    def _full_name(self, name: str, offset: int) -> str:
        """The earlier full name a surname stands for ("Petrov" -> "Nikolai Petrov")."""
        if " " in name:
            return name
        for ent in self._entities():
            if ent.start_char >= offset:
                break
            if ent.label_ == "PERSON" and ent.text.endswith(" " + name):
                return ent.text
        for _, speaker in reversed(self.history):
            if speaker.kind == "person" and speaker.name.endswith(" " + name):
                return speaker.name
        return name

    # -- descriptions --------------------------------------------------------------------
    def _earlier_description(
        self, head: Token, mention: SpacySpan, text_span: TextSpan
    ) -> Speaker | None:
        """The earlier speaker a definite description continues ("the diplomat")."""
        lemma = head.lemma_.lower()
        plural = head.tag_ == "NNS"
        words = _words(mention)
        if is_generic_noun(head) and not plural:
            # "This, the person said, ...": the most recent single speaker, named or not.
            for position, speaker in reversed(self.history):
                if (
                    position < head.idx
                    and speaker.kind in ("person", "anonymous")
                    and not (speaker.plural)
                ):
                    return Speaker(
                        speaker.name,
                        speaker.actor_id,
                        text_span,
                        speaker.kind,
                        speaker.gender,
                        lemma,
                        speaker.words,
                    )
        for _, speaker in reversed(self.history):
            if (
                speaker.head_lemma == lemma
                and speaker.plural == plural
                and words <= speaker.words | _words_of(speaker.name)
            ):
                return Speaker(
                    speaker.name,
                    speaker.actor_id,
                    text_span,
                    speaker.kind,
                    speaker.gender,
                    lemma,
                    speaker.words,
                )
        return None

    def _description(
        self, head: Token, mention: SpacySpan, text_span: TextSpan, use_history: bool = True
    ) -> Speaker:
        lemma = head.lemma_.lower()
        determiners = _determiners(mention, head, ("det",))
        definite = bool(determiners & _DEFINITE)
        document = is_source_document(head)
        plural = head.tag_ == "NNS"
        if definite and use_history:
            words = _words(mention)
            earlier = self._earlier_description(head, mention, text_span)
            if earlier is not None:
                return earlier
            person_noun = not (plural or document or _is_body_noun(head))
            named = self._role_holder(head, words) if person_noun else None
            if named is not None:
                return Speaker(named[0], named[1], text_span, "person", named[2], lemma)
        kind = "body" if document or _is_body_noun(head) else "anonymous"
        return Speaker(_description_text(mention), None, text_span, kind, None, lemma)

    def _role_holder(
        self, head: Token, words: frozenset[str]
    ) -> tuple[str, str | None, str | None] | None:
        """The named person the text earlier gave the role ``head`` names ("the minister")."""
        lemma = head.lemma_.lower()
        best: tuple[int, DocActor] | None = None
        for actor in self.actors:
            if actor.kind != "person" or actor.first_span()[0] >= head.idx:
                continue
            if any(lemma in _words_of(r) and words <= _words_of(r) for r in actor.roles):
                last = max(m.span[0] for m in actor.mentions if m.span[0] < head.idx)
                if best is None or last > best[0]:
                    best = (last, actor)
        if best is not None:
            return best[1].name, best[1].id, best[1].gender
        for tok in reversed(self.doc[: head.i]):
            if tok.lemma_.lower() != lemma or self._in_quote(tok.idx):
                continue
            person = _person_for_role(tok)
            if person is not None and words <= _words(mention_span(tok)) | _role_words(tok):
                holder = self._actor_at(person.start_char, person.end_char)
                if holder is not None:
                    return holder.name, holder.id, holder.gender
                return self._full_name(person.text, person.start_char), None, None
        return None


def mention_span(head: Token) -> SpacySpan:
    """The literal speaker mention around ``head``: a name, a pronoun or a short description.

    Names use the entity span ("Nikolai Petrov", not "analyst Nikolai Petrov, ..."); a common
    noun keeps its left modifiers and one short prepositional phrase ("a representative from
    KX"); a description with a named apposition ("the U.S. ambassador, Matthew Whitaker") is
    the name.
    """
    doc = head.doc
    if head.pos_ == "PRON":
        return doc[head.i : head.i + 1]
    if head.ent_type_ and head.ent_iob_ != "O":
        ent = _entity_around(head)
        if len(ent) > 1 and _is_said(ent[0]):
            return ent[1:]  # NER swallows the cue of "Said Ellis: “...”"
        return ent
    if head.pos_ != "PROPN":
        for child in head.rights:
            if child.dep_ == "appos" and child.ent_type_ == "PERSON":
                return mention_span(child)
    start = head.i
    sent_start = head.sent.start
    for child in reversed(list(head.lefts)):
        if child.left_edge.i < sent_start or _is_said(child):
            break
        if (
            child.dep_ in _NP_LEFT_DEPS
            and child.i == start - 1
            or (child.dep_ in _NP_LEFT_DEPS and child.right_edge.i == start - 1)
        ):
            start = child.left_edge.i
        elif child.dep_ == "punct" and child.text == "-":
            start = child.i
        else:
            break
    if (
        start > sent_start
        and doc[start - 1].tag_ == "DT"
        and doc[start - 1].head.i > head.i
        and head.pos_ == "NOUN"
    ):
        # "the analysis states": with the cue mis-tagged as a noun, the parser hangs the
        # determiner on the cue ("the ... states") and the mention would lose it.
        start -= 1
    for tok in doc[start : head.i]:
        # The small parser sometimes hangs a previous sentence's (or paragraph's) tail on the
        # subject.
        if (
            tok.text in (".", "?", "!", ";")
            or "\n" in tok.text
            or (tok.text.endswith(".") and doc[tok.i + 1].lower_ in ("a", "an", "the"))
        ):
            start = tok.i + 1
    end = head.i + 1
    if head.pos_ == "NOUN":
        for child in head.rights:
            if child.i != end:
                break
            if child.dep_ == "prep" and child.lower_ in _NP_RIGHT_PREPS:
                sub_end = child.right_edge.i + 1
                if sub_end - child.i <= _MAX_RIGHT_PREP_TOKENS and not any(
                    t.is_punct for t in doc[child.i : sub_end]
                ):
                    end = sub_end
            break
    return doc[start:end]


def _determiners(mention: SpacySpan, head: Token, deps: tuple[str, ...]) -> set[str]:
    """Lowercase determiners of ``head`` in ``mention``, counting a leading determiner the
    parser hung elsewhere ("the analysis states" with "states" read as a noun)."""
    found = {t.lower_ for t in mention if t.dep_ in deps and t.head == head}
    if len(mention) > 1 and mention[0].tag_ == "DT" and mention[0].head != head:
        found.add(mention[0].lower_)
    return found


def _modifier_only(tok: Token) -> bool:
    """A name used as a modifier ("the Trump administration") names no antecedent."""
    root = tok
    while root.dep_ == "compound" and root.head.pos_ == "PROPN" and root.head.i != root.i:
        root = root.head
    return root.dep_ == "compound" and root.head.pos_ == "NOUN"


def _is_said(tok: Token) -> bool:
    """The cue of an inverted attribution at a sentence start ("Said Ellis: ...")."""
    return bool(tok.is_sent_start) and tok.lower_ in ("said", "says")


def _description_text(mention: SpacySpan) -> str:
    """A description as a speaker name: sentence-initial "A U.K. diplomat" -> "a U.K. diplomat"."""
    text = mention.text
    first = mention[0]
    lower_det = first.dep_ in ("det", "nummod") and first.text.lower() in (
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "some",
        "another",
        "one",
        "two",
    )
    sentence_initial_noun = first.pos_ in ("NOUN", "ADJ") and first.is_sent_start
    if (
        first.text[:1].isupper()
        and (lower_det or sentence_initial_noun)
        and not (first.text.isupper() and len(first.text) > 1)
    ):
        return first.text[:1].lower() + text[1:]
    return text


_STOP = frozenset({"a", "an", "the", "this", "that", "these", "those", "'s", "’s", ",", "-"})


def _words(mention: SpacySpan) -> frozenset[str]:
    return frozenset(t.lemma_.lower() for t in mention if t.lower_ not in _STOP)


def _words_of(text: str) -> frozenset[str]:
    return frozenset(w.lower().rstrip("s") for w in text.split()) | frozenset(
        w.lower() for w in text.split()
    )


def _role_words(tok: Token) -> frozenset[str]:
    """Words around a role noun that qualify it: "Prime" in "Prime Minister Keir Starmer"."""
    out = {tok.lemma_.lower()}
    for t in tok.doc[max(tok.sent.start, tok.i - 4) : tok.i]:
        if t.dep_ in ("compound", "amod") or t.ent_type_ in ("NORP", "GPE"):
            out.add(t.lemma_.lower())
    return frozenset(out)


def _token_index(doc: Doc, offset: int) -> int:
    tok = _token_at(doc, offset)
    return tok.i if tok is not None else len(doc)


def _actor_kind(kind: str) -> str:
    return "person" if kind == "person" else "body"


def _compatible(cand: _Candidate, kind: str, gender: str | None) -> bool:
    if kind == "person":
        if cand.kind not in ("person", "anonymous"):
            return False
        return gender is None or cand.gender in (None, gender)
    if kind == "body":
        return cand.kind == "body"
    return True  # "they", "we": persons (singular they), bodies and plural sources alike


def _pronoun_clash(head: Token, actor: DocActor) -> bool:
    kind, gender = _PRONOUNS.get(head.lower_, ("any", None))
    if kind == "person" and actor.kind != "person":
        return True
    return gender is not None and actor.gender not in (None, gender)


def _subject_like(tok: Token) -> bool:
    return tok.dep_ in ("nsubj", "nsubjpass") or (
        tok.head.dep_ in ("nsubj", "nsubjpass") and tok.dep_ in ("compound", "appos")
    )


def _is_body_noun(head: Token) -> bool:
    return is_body_noun(head)


def _token_at(doc: Doc, offset: int) -> Token | None:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _person_for_role(tok: Token) -> SpacySpan | None:
    """The PERSON entity a role noun is attached to: "Minister X", "X, the minister"."""
    candidates = [tok.head, *tok.children] if tok.dep_ in ("compound", "appos") else [*tok.children]
    if tok.dep_ == "appos":
        candidates.insert(0, tok.head)
    for cand in candidates:
        if cand.ent_type_ == "PERSON":
            return _entity_around(cand)
    return None


def _entity_around(tok: Token) -> SpacySpan:
    """The entity span holding ``tok``, read from IOB tags (``doc.ents`` rebuilds a tuple over
    the whole document on every access)."""
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]
