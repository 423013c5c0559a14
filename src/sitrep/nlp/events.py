"""PLOVER events: who did what to whom, where and when, sentence by sentence.

``extract_events`` reads a parsed ``Doc`` plus what earlier stages found (actors, quotes, dates)
and yields ``sitrep.records.Event`` records. It is a dictionary coder in the PETRARCH tradition,
rebuilt on spaCy's dependency parse:

1. Triggers. Every verb whose lemma is in sitrep's lexicon (``data/events_lexicon.json``) is
   read by its first matching rule (object class, particle, preposition); a noun trigger
   ("incursion", "talks") counts only as the object of a light verb ("launched an incursion",
   "held talks") or with its own actor ("Russia's invasion", "Israeli airstrikes"), because bare
   event nouns are mostly background.
2. Governors. Climbing the parse from a trigger through ``xcomp``/``ccomp``/``pcomp``/``conj``
   applies the PLOVER manual's rules for embedded acts: "urged Iran to release" is one REQUEST
   (mode from the embedded act), "refused to send" one REJECT, "threatened to strike" and "vowed
   to retaliate" one THREATEN, "accused Russia of shelling" one ACCUSE; cooperative acts promised
   or in the future ("agreed to hold talks", "will send tanks") are AGREE, a future RETREAT is
   CONCEDE (manual, AGREE and CONCEDE "potential ambiguities").
3. Flags. negated (``neg`` dependents, "no plans to", "failed to"), hypothetical (modals,
   conditionals, "is expected to", future "will"), reported (inside a quote or under a reporting
   verb); ``quote`` is the id of the quote whose span holds the trigger.
4. Participants. The source is the syntactic subject (the ``by`` agent of a passive, the
   controller of an infinitive), the target the object or the object of "on/against/with/to";
   both resolved to the actor stage's ``DocActor`` through ``ActorIndex.actor_at``.

Pure and cheap: a few dictionary lookups per token and short walks up the parse, so the stage
costs a small fraction of the spaCy model it runs after.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from sitrep.nlp.entities import ActorIndex, DocActor, mentions_before
from sitrep.nlp.event_patterns import (
    Cues,
    Lexicon,
    TriggerMatch,
    direct_object,
    load_cues,
    load_lexicon,
    match_noun,
    match_verb,
    mode_from_cues,
    particle,
    subject,
)
from sitrep.records import ActorRef, DateRecord, Event, Quote, TextSpan, stable_id

#: Sector-less codes PLOVER uses for bodies that are not one country (plover_2024_spec.json).
IGO_CODE = "IGO"
_TARGET_PREPS = frozenset(
    {"on", "against", "at", "with", "to", "toward", "towards", "into", "upon"}
)
_LOCATION_PREPS = frozenset(
    {"in", "into", "over", "near", "across", "inside", "outside", "at", "throughout"}
)
#: Edges followed when looking below a trigger for its target or place: "pledged 500 million
#: euros in military aid to Ukraine", "killed in a Russian strike on Odesa".
_DOWN_DEPS = frozenset({"prep", "pobj", "dobj", "dative", "agent", "obj"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_ACTOR_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
#: Actor kinds (and gender) a subject pronoun can stand for. "they" is left to bodies and
#: countries: plural people ("they pledged") are groups the actor stage has no one actor for,
#: and the nearest single person is then the wrong answer.
_NONPERSON = ("country", "org", "igo", "group")
_PRONOUN_KINDS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "he": (("person",), "m"),
    "she": (("person",), "f"),
    "it": (_NONPERSON, None),
    "they": (_NONPERSON, None),
}
#: How far back (characters) a pronoun's antecedent may be: about two sentences.
_ANTECEDENT_WINDOW = 400
#: Background frames: an event noun after these is context for another event, not news.
_BACKGROUND_PREPS = frozenset({"since", "after", "before", "amid", "despite", "during", "like"})


@dataclass(slots=True)
class _Frame:
    """What climbing the parse from one trigger found out about it."""

    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    would: bool = False
    commit: bool = False
    reported: bool = False
    wrapper: str | None = None
    wrapper_token: Token | None = None
    controller: Token | None = None  # the verb whose subject/object is the embedded act's actor


@dataclass(slots=True)
class _Context:
    """Per-document inputs shared by every sentence."""

    article_id: str
    actors: Sequence[DocActor]
    quotes: Sequence[Quote]
    dates: Sequence[DateRecord]
    lexicon: Lexicon
    cues: Cues
    index: ActorIndex  # the actors' mentions by position


def extract_events(
    doc: Doc,
    article_id: str,
    actors: Sequence[DocActor],
    quotes: Sequence[Quote],
    dates: Sequence[DateRecord],
) -> Iterator[Event]:
    """Yield the PLOVER events of ``doc``, one sentence at a time, in text order.

    ``actors`` come from the actor stage (``find_actors``), ``quotes`` from ``extract_quotes``
    and ``dates`` from ``extract_dates``; any may be empty. ``doc`` must be parsed (``token.dep``)
    because participants and flags are read from the dependency tree.
    """
    if len(doc) and not doc.has_annotation("DEP"):
        raise ValueError(
            "extract_events needs a parsed Doc (token.dep): run it after spaCy's parser"
        )
    ctx = _Context(
        article_id, actors, quotes, dates, load_lexicon(), load_cues(), ActorIndex(actors)
    )
    for sent in doc.sents:
        yield from _sentence_events(sent, ctx)


def _sentence_events(sent: Span, ctx: _Context) -> Iterator[Event]:
    lex, cues = ctx.lexicon, ctx.cues
    verb_matches: dict[int, TriggerMatch] = {}
    noun_matches: list[TriggerMatch] = []
    warnings: list[Token] = []
    threat_verbs = cues.warning_verbs | cues.vow_verbs
    for tok in sent:
        # An adjectival participle ("the detained sailors") describes a state, not a new act.
        m = match_verb(tok, lex) if tok.dep_ != "amod" and not _nominal_gerund(tok) else None
        if m is not None:
            verb_matches[tok.i] = m
            continue
        n = match_noun(tok, lex)
        if n is not None:
            noun_matches.append(n)
        elif tok.pos_ == "VERB" and tok.lemma_.lower() in threat_verbs:
            warnings.append(tok)

    for i, m in list(verb_matches.items()):
        noun = m.token.head
        if (
            m.token.dep_ == "acl"
            and noun.head.i in verb_matches
            and (m.token.tag_ == "VBN" or noun.lemma_.lower() in cues.speech_act_nouns)
        ):
            # "rejected the ultimatum issued by Guyana", "denied requests to extradite him": a
            # clause on the main act's object only identifies what that act is about.
            del verb_matches[i]
    consumed: set[int] = set()  # governor tokens whose own reading an embedded act replaced
    drafts: list[tuple[str, str | None, Token, Token, _Frame, TriggerMatch]] = []
    for m in verb_matches.values():
        frame = _climb(m.token, m.event_type, cues)
        drafts.append(_resolve(m, m.token, frame, cues, consumed))
    for n in noun_matches:
        anchor = _noun_anchor(n.token, verb_matches, lex)
        if anchor is None:
            continue
        frame = _climb(anchor, n.event_type, cues) if anchor.i != n.token.i else _Frame()
        if anchor.i == n.token.i:
            _noun_local(n.token, frame, cues)
        drafts.append(_resolve(n, anchor, frame, cues, consumed))
    for warn in warnings:
        if any(d[3].i == warn.i for d in drafts):
            continue
        if _is_threat(warn, cues):
            frame = _climb(warn, "THREATEN", cues)
            m = TriggerMatch("THREATEN", None, warn)
            drafts.append(("THREATEN", None, warn, warn, frame, m))

    # The content of a request, refusal or threat is not an event of its own, nor is anything
    # inside it ("warned it would retaliate if missiles were used to strike").
    wrapped: set[int] = set()
    for d in drafts:
        if d[4].wrapper is not None and d[5].token.i != d[3].i:
            wrapped.update(t.i for t in d[5].token.subtree)
    seen: set[tuple[str, int]] = set()
    types_at = {d[3].i: d[0] for d in drafts}
    trigger_tokens = {d[3].i for d in drafts} | {d[5].token.i for d in drafts}
    for event_type, mode, anchor, trig, frame, m in drafts:
        if trig.i in consumed and trig.i == m.token.i and frame.wrapper is None:
            continue
        if frame.wrapper is None and trig.i in wrapped:
            continue
        if (
            frame.wrapper is None
            and trig.dep_ == "advcl"
            and trig.head.i in types_at
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in trig.children)
        ):
            continue  # a purpose clause is the motive of the act ("blockaded roads to protest")
        if (
            (trig.dep_ == "advcl" or (trig.dep_ == "conj" and direct_object(trig.head) is None))
            and types_at.get(trig.head.i) == event_type
            and trig.head.i not in consumed
        ):
            # "shelled the city, killing four", "attacked and killed ten": one act; but
            # "closed its airspace and suspended trade" are two.
            continue
        key = (event_type, trig.i)
        if key in seen:
            continue
        seen.add(key)
        event = _build(sent, event_type, mode, anchor, trig, frame, m, ctx, trigger_tokens)
        if event.source is None and event_type in cues.verbal_types and _agentless_passive(trig):
            # "The agreement was signed in 2015": a statement act with no one making it is
            # background, not news.
            continue
        yield event


def _agentless_passive(verb: Token) -> bool:
    children = list(verb.children)
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in children) and not any(
        c.dep_ == "agent" for c in children
    )


def _nominal_gerund(tok: Token) -> bool:
    """ "after weeks of fighting": a gerund inside a noun's prepositional phrase is background."""
    if tok.dep_ not in ("pcomp", "pobj") or tok.head.dep_ != "prep":
        return False
    prep = tok.head
    return prep.lower_ in _BACKGROUND_PREPS or prep.head.pos_ in ("NOUN", "PROPN", "PRON")


def _resolve(
    m: TriggerMatch, anchor: Token, frame: _Frame, cues: Cues, consumed: set[int]
) -> tuple[str, str | None, Token, Token, _Frame, TriggerMatch]:
    """Apply the governor rules: the final type, mode and trigger token of one match."""
    event_type, mode = m.event_type, m.mode
    if frame.wrapper is not None and frame.wrapper_token is not None:
        gov = frame.wrapper_token
        consumed.add(gov.i)
        wrapped_mode = _wrapper_mode(frame.wrapper, event_type, mode, cues)
        return frame.wrapper, wrapped_mode, gov, gov, frame, m
    future_like = frame.commit or frame.future or (frame.would and frame.reported)
    if future_like and not frame.hypothetical and event_type in cues.future_conversion:
        # PLOVER: a promised or future cooperative act is AGREE; a future RETREAT is CONCEDE.
        if frame.controller is not None and frame.commit:
            consumed.add(frame.controller.i)
        return cues.future_conversion[event_type], None, anchor, m.token, frame, m
    if frame.commit and frame.controller is not None:
        consumed.add(frame.controller.i)
    if frame.negated and event_type in cues.negation_conversion and not frame.hypothetical:
        # "will never accept the ultimatum", "did not agree to": a refusal is a REJECT.
        frame.negated = False
        return cues.negation_conversion[event_type], None, anchor, m.token, frame, m
    if future_like or frame.would:
        frame.hypothetical = True
    return event_type, mode, anchor, m.token, frame, m


def _wrapper_mode(wrapper: str, inner: str, inner_mode: str | None, cues: Cues) -> str | None:
    if wrapper in ("REQUEST", "REJECT"):
        return cues.request_modes.get(inner, "change")
    if wrapper == "THREATEN":
        if inner == "COERCE" and inner_mode in cues.threat_mode_by_coerce_mode:
            return cues.threat_mode_by_coerce_mode[inner_mode]
        if inner == "SANCTION" and inner_mode == "expel":
            return "expel"
        return cues.threat_modes.get(inner)
    if wrapper == "ACCUSE":
        return "allege"
    return None


def _local(tok: Token, frame: _Frame, cues: Cues, modals: bool = True) -> None:
    """Negation, modality and conditionals written on ``tok``'s own dependents."""
    for child in tok.children:
        low = child.lower_
        if child.dep_ == "neg" or (child.dep_ in ("advmod", "det") and low in ("never", "no")):
            frame.negated = True
        elif modals and child.dep_ in ("aux", "auxpass"):
            lemma = child.lemma_.lower()
            if low == "would" or lemma == "would":
                frame.would = True
            elif low in cues.hypothetical_modals or lemma in cues.hypothetical_modals:
                frame.hypothetical = True
            elif low in cues.future_modals or lemma in cues.future_modals:
                frame.future = True
        elif child.dep_ == "mark" and low in cues.conditional_marks:
            frame.hypothetical = True


def _noun_local(noun: Token, frame: _Frame, cues: Cues) -> None:
    for child in noun.children:
        if child.dep_ == "det" and child.lower_ == "no":
            frame.negated = True
    verb = noun.head
    if verb.i != noun.i and noun.dep_ in ("nsubj", "nsubjpass", "dobj", "attr"):
        _local(verb, frame, cues)


def _climb(trigger: Token, event_type: str, cues: Cues) -> _Frame:
    """Walk up the parse from ``trigger``, collecting flags and the governing verb rules."""
    frame = _Frame()
    _local(trigger, frame, cues)
    cur = trigger
    in_clause = True  # modals of governors apply only up to the first finite clause boundary
    for _ in range(12):  # parses are shallow; the bound only guards against odd cycles
        head, dep = cur.head, cur.dep_
        if head.i == cur.i:
            break
        if dep == "conj":
            if in_clause:
                _local(head, frame, cues)
            cur = head
            continue
        infinitive = dep == "xcomp" or (
            dep in ("acl", "advcl", "ccomp")
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
        )
        if infinitive or dep == "pcomp":
            gov = head.head if dep == "pcomp" and head.dep_ == "prep" else head
            _governor(gov, dep, event_type, frame, cues)
            if in_clause:
                if gov.pos_ in ("NOUN", "PROPN"):
                    _noun_local(gov, frame, cues)
                else:
                    _local(gov, frame, cues)
            if frame.controller is None:
                frame.controller = gov
            cur = gov
            continue
        if dep in ("ccomp", "parataxis") or (
            dep == "advcl" and head.lemma_.lower() in cues.reporting_verbs
        ):
            lemma = head.lemma_.lower()
            if lemma in cues.reporting_verbs:
                frame.reported = True
            if frame.wrapper is None and dep == "ccomp":
                # "demanded that both sides halt", "threatened that it would cut".
                if lemma in cues.request_governors:
                    frame.wrapper, frame.wrapper_token = "REQUEST", head
                elif lemma == "threaten":
                    frame.wrapper, frame.wrapper_token = "THREATEN", head
            if (
                lemma in cues.warning_verbs
                and frame.wrapper is None
                and (
                    event_type in cues.conflict_types
                    or frame.hypothetical
                    or frame.future
                    or frame.would
                )
            ):
                frame.wrapper, frame.wrapper_token = "THREATEN", head
            in_clause = False
            cur = head
            continue
        if dep == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in cues.conditional_marks for c in cur.children
        ):
            frame.hypothetical = True
        break
    return frame


def _governor(gov: Token, dep: str, event_type: str, frame: _Frame, cues: Cues) -> None:
    """The rule a governing verb ("urge", "refuse", "agree", "expect") imposes on its act."""
    lemma = gov.lemma_.lower()
    if frame.wrapper is not None:
        return
    if dep == "pcomp":
        if lemma in cues.accuse_governors:
            frame.wrapper, frame.wrapper_token = "ACCUSE", gov
        return
    if gov.pos_ in ("NOUN", "PROPN"):
        # A nominal governor ("a request to extradite", "no plans to strike") colours the act
        # but is not itself a new statement.
        if lemma in cues.commit_governors:
            frame.commit = True
        elif lemma in cues.hypothetical_governors or lemma in cues.request_governors:
            frame.hypothetical = True
        return
    if lemma in cues.request_governors:
        frame.wrapper, frame.wrapper_token = "REQUEST", gov
    elif lemma in cues.reject_governors:
        frame.wrapper, frame.wrapper_token = "REJECT", gov
    elif (
        lemma in cues.threat_governors
        and (lemma == "threaten" or event_type in cues.conflict_types)
        or lemma in cues.promise_governors
        and event_type in cues.conflict_types
    ):
        frame.wrapper, frame.wrapper_token = "THREATEN", gov
    elif lemma in cues.negating_governors:
        frame.negated = True
    elif lemma in cues.commit_governors:
        frame.commit = True
    elif lemma in cues.hypothetical_governors:
        frame.hypothetical = True


def _is_threat(verb: Token, cues: Cues) -> bool:
    """ "vowed to respond", "warned it would retaliate", "warned that ... could/would/will ..."
    or "warned of consequences": a THREATEN without a coded act inside."""
    is_warning = verb.lemma_.lower() in cues.warning_verbs
    for child in verb.children:
        if child.dep_ in ("xcomp", "ccomp") and child.lemma_.lower() in cues.retaliation_verbs:
            return True
        if not is_warning:
            continue
        if child.dep_ == "ccomp":
            frame = _Frame()
            _local(child, frame, cues)
            if frame.hypothetical or frame.future or frame.would:
                return True
        if child.dep_ == "prep" and child.lower_ == "of":
            return True
    return False


def _noun_anchor(noun: Token, verb_matches: dict[int, TriggerMatch], lex: Lexicon) -> Token | None:
    """Where an event noun's clause is read from, or None when the noun is only background."""
    head = noun.head
    if head.i in verb_matches and noun.dep_ in ("dobj", "nsubjpass", "nsubj", "pobj", "attr"):
        # The verb already codes this act ("signed the agreement", "X's strikes killed").
        return None
    if head.dep_ == "prep" and head.lower_ in _BACKGROUND_PREPS:
        return None
    if head.dep_ == "prep" and head.head.i in verb_matches:
        return None
    if noun.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in lex.light_verbs:
        required = lex.light_verbs[head.lemma_.lower()]
        prt = particle(head)
        if (
            required is None
            or (prt is not None and prt.lower_ == required)
            or any(c.dep_ == "prep" and c.lower_ == required for c in head.children)
        ):
            return head
    if noun.dep_ in ("nsubj", "nsubjpass"):
        # "the talks resumed", "the talks are expected to resume": that verb carries tense and
        # modality for the act the noun names.
        if head.lemma_.lower() in lex.noun_subject_verbs:
            return head
        for child in head.children:
            if child.dep_ == "xcomp" and child.lemma_.lower() in lex.noun_subject_verbs:
                return child
    if _modifier_actor_token(noun) is not None:
        return noun
    return None


def _modifier_actor_token(noun: Token) -> Token | None:
    """The actor written on an event noun: "Russia's invasion", "Israeli strikes", "strikes by
    Israel"."""
    for child in noun.children:
        if child.dep_ == "poss" and (
            child.ent_type_ in _ACTOR_LABELS or (child.pos_ == "PROPN" and not child.ent_type_)
        ):
            return child
        if child.dep_ in ("amod", "compound", "nmod") and child.ent_type_ in _ACTOR_LABELS:
            return child
        if child.dep_ in ("prep", "agent") and child.lower_ == "by":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


# -- participants -------------------------------------------------------------------------


def _phrase_span(tok: Token) -> tuple[int, int]:
    # The head noun with its pre-modifiers: a relative clause or "of" phrase after the head names
    # other things ("the minister who met Putin").
    return tok.left_edge.idx, tok.idx + len(tok.text)


def _actor_for(tok: Token | None, ctx: _Context, quote: Quote | None) -> DocActor | None:
    if tok is None:
        return None
    start, end = _phrase_span(tok)
    actor = ctx.index.actor_at(start, end)
    if actor is not None:
        return actor
    if tok.lower_ in ctx.cues.first_person and quote is not None and quote.speaker_id:
        for a in ctx.actors:
            if a.id == quote.speaker_id:
                return a
    if tok.pos_ == "PRON" and tok.lower_ in _PRONOUN_KINDS:
        return _antecedent(tok, ctx)
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return ctx.index.actor_at(*_phrase_span(pobj))
    return None


def _antecedent(pron: Token, ctx: _Context) -> DocActor | None:
    """A cheap antecedent for a third-person subject pronoun: the subject of the reporting verb
    it is embedded under ("Serbia said it would withdraw"), else the nearest earlier mention of
    a fitting kind within a short window. The actor stage keeps no pronoun mentions, and an
    event without its source loses most of its value."""
    kinds, gender = _PRONOUN_KINDS[pron.lower_]

    def fits(actor: DocActor) -> bool:
        if actor.kind not in kinds:
            return False
        return gender is None or actor.gender in (None, gender)

    cur = pron.head
    for _ in range(6):
        if cur.lemma_.lower() in ctx.cues.reporting_verbs:
            subj = subject(cur)
            if subj is not None and subj.pos_ != "PRON":
                actor = ctx.index.actor_at(*_phrase_span(subj))
                if actor is not None and fits(actor):
                    return actor
            break
        if cur.head.i == cur.i:
            break
        cur = cur.head
    for mention, actor in reversed(mentions_before(ctx.actors, pron.idx)):
        if pron.idx - mention.span[1] > _ANTECEDENT_WINDOW:
            break
        if fits(actor):
            return actor
    return None


def _agent_token(verb: Token, frame: _Frame, cues: Cues) -> Token | None:
    """The token naming who performed the act of ``verb``."""
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    subj = subject(verb)
    if subj is not None:
        if subj.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
            return verb.head
        return subj
    if any(c.dep_ in ("nsubjpass", "csubjpass") for c in verb.children):
        return None
    head, dep = verb.head, verb.dep_
    if head.i == verb.i:
        return None
    if dep == "conj":
        return _agent_token(head, frame, cues)
    if dep == "xcomp" and head.pos_ in ("VERB", "AUX", "ADJ"):
        # Raising and passive control: "Qatar is expected to host", "X was forced to withdraw".
        for child in head.children:
            if child.dep_ == "nsubjpass" and not any(c.dep_ == "agent" for c in head.children):
                return child
    if dep in ("xcomp", "advcl", "ccomp", "acl") and head.pos_ in ("VERB", "AUX"):
        if head.lemma_.lower() in cues.object_control:
            obj = direct_object(head)
            if obj is not None:
                return obj
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in ("on", "upon"):
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            return pobj
        return _agent_token(head, frame, cues)
    if dep == "acl" and verb.tag_ == "VBN":
        return None  # "troops deployed to Ukraine": the noun is what was acted on
    if dep in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN"):
        # "the decision by Morocco to release", "Turkey's plan to send": the noun's own actor.
        if dep == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return _modifier_actor_token(head)
        return head
    return None


def _below(root: Token, depth: int = 4) -> Iterator[Token]:
    """Tokens under ``root`` reached through object and prepositional edges, nearest first."""
    frontier = [root]
    for _ in range(depth):
        nxt: list[Token] = []
        for tok in frontier:
            for child in tok.children:
                if child.dep_ in _DOWN_DEPS:
                    yield child
                    nxt.append(child)
        frontier = nxt


def _target_token_candidates(anchor: Token, trigger: Token) -> Iterator[Token]:
    for child in anchor.children:
        if child.dep_ in ("nsubjpass", "dobj", "dative", "obj"):
            yield child
    roots = [anchor] + ([trigger] if trigger.i != anchor.i else [])
    for root in roots:
        for tok in _below(root):
            if tok.dep_ == "pobj" and tok.head.lower_ in _TARGET_PREPS:
                yield tok


def _location(anchor: Token, trigger: Token, event_type: str) -> str | None:
    preps = _LOCATION_PREPS | {"on"} if event_type == "ASSAULT" else _LOCATION_PREPS
    roots = [anchor] + ([trigger] if trigger.i != anchor.i else [])
    for root in roots:
        for tok in _below(root):
            if tok.dep_ == "pobj" and tok.head.lower_ in preps and tok.ent_type_ in _PLACE_LABELS:
                for ent in tok.doc.ents:
                    if ent.start <= tok.i < ent.end:
                        return str(ent.text)
    return None


def _ref(actor: DocActor | None) -> ActorRef | None:
    if actor is None:
        return None
    code = actor.country
    if code is None and actor.kind == "igo":
        code = IGO_CODE
    return ActorRef(id=actor.id, name=actor.name, code=code, sector=actor.sector)


def _mode_tokens(anchor: Token, trigger: Token, lexicon: Lexicon, event_type: str) -> list[Token]:
    """Words that describe how an act was done: the trigger's modifiers, its subject ("Russian
    drones attacked"), its instrument ("with missiles") and an object only when the object is
    itself a means ("fired rockets"), never the target ("attacked a nuclear plant")."""
    cues = lexicon.mode_cues.get(event_type, {})
    out = [trigger]
    out.extend(c for c in trigger.children if c.dep_ in ("compound", "amod", "nmod"))
    for holder in [anchor] + ([trigger] if trigger.i != anchor.i else []):
        for child in holder.children:
            if (
                child.dep_ in ("nsubj", "agent", "compound", "amod")
                or (child.dep_ == "prep" and child.lower_ in ("with", "by", "using", "in"))
                or child.dep_ == "dobj"
                and (child.lemma_.lower() in cues or child.i == trigger.i)
            ):
                out.extend(child.subtree)
    return out


# -- records ------------------------------------------------------------------------------


def _build(
    sent: Span,
    event_type: str,
    mode: str | None,
    anchor: Token,
    trig: Token,
    frame: _Frame,
    m: TriggerMatch,
    ctx: _Context,
    trigger_tokens: set[int],
) -> Event:
    start = trig.idx
    last = trig  # the trigger's last token: its particle when right after it ("shot down")
    prt = particle(trig) if trig.pos_ in ("VERB", "AUX") else None
    if prt is not None and prt.i == trig.i + 1:
        last = prt
    end = last.idx + len(last.text)
    quote = next((q for q in ctx.quotes if q.span[0] <= start < q.span[1]), None)

    # Source and target: a wrapped act ("urged Iran to release") has the governor's subject as
    # source and, for requests, the addressee as target.
    if frame.wrapper is not None:
        source_tok = _agent_token(trig, frame, ctx.cues)
        target_candidates = list(_target_token_candidates(trig, trig))
        embedded = m.token
        target_candidates += list(_target_token_candidates(embedded, embedded))
    else:
        if anchor.pos_ in ("NOUN", "PROPN"):
            source_tok = _modifier_actor_token(anchor)
        else:
            source_tok = _agent_token(anchor, frame, ctx.cues)
        target_candidates = list(_target_token_candidates(anchor, trig))
    source = _actor_for(source_tok, ctx, quote)
    if source is None and anchor.i != trig.i and anchor.pos_ not in ("NOUN", "PROPN"):
        mod = _modifier_actor_token(trig)
        source = _actor_for(mod, ctx, quote)
    if source is None and frame.wrapper is None and event_type in ctx.cues.conflict_types:
        source = _source_from_instrument(anchor, ctx, quote)
    target = None
    for cand in target_candidates:
        actor = _actor_for(cand, ctx, quote)
        if actor is not None and (source is None or actor.id != source.id):
            target = actor
            break

    if mode is None and frame.wrapper is None:
        tokens = _mode_tokens(anchor, m.token, ctx.lexicon, event_type)
        mode = mode_from_cues(event_type, tokens, ctx.lexicon)
    date = _date_for(sent, anchor, trigger_tokens, ctx.dates)
    return Event(
        id=stable_id("evt", ctx.article_id, start, end, event_type),
        article=ctx.article_id,
        span=(sent.start_char, sent.end_char),
        event_type=event_type,
        mode=mode,
        source=_ref(source),
        target=_ref(target),
        location=_location(anchor, m.token, event_type),
        date=date,
        negated=frame.negated,
        hypothetical=frame.hypothetical,
        reported=frame.reported or quote is not None,
        quote=quote.id if quote is not None else None,
        # Doc.text joins every token of the article on each access: read the trigger's own.
        trigger=TextSpan(text=trig.doc[trig.i : last.i + 1].text, span=(start, end)),
    )


def _source_from_instrument(verb: Token, ctx: _Context, quote: Quote | None) -> DocActor | None:
    """ "Ten people were killed in a Russian drone strike": the actor of the event noun the verb
    names as its means."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "by", "during", "with"):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.lemma_.lower() in ctx.lexicon.nouns:
                    actor = _actor_for(_modifier_actor_token(pobj), ctx, quote)
                    if actor is not None:
                        return actor
    return None


def _date_for(
    sent: Span, anchor: Token, trigger_tokens: set[int], dates: Sequence[DateRecord]
) -> str | None:
    """The date of the act: a date of the sentence that hangs in the act's own clause, not
    under another event ("accused Helsinki ... ahead of the invasion in February 2022" is not
    dated February 2022). The nearest such date wins."""
    best: tuple[int, str] | None = None
    for d in dates:
        if not d.value or d.span[0] < sent.start_char or d.span[1] > sent.end_char:
            continue
        span = sent.doc.char_span(d.span[0], d.span[1], alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        while tok.i != anchor.i and tok.head.i != tok.i:
            tok = tok.head
            if tok.i != anchor.i and tok.i in trigger_tokens:
                break
        if tok.i != anchor.i:
            continue
        distance = abs(d.span[0] - anchor.idx)
        if best is None or distance < best[0]:
            best = (distance, d.value)
    return best[1] if best else None
