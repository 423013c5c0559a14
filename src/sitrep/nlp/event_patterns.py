"""The PLOVER trigger lexicon: loading sitrep's own data files and matching one token against them.

Language knowledge lives in ``data/events_lexicon.json`` (verb and noun triggers, the object
classes that decide between readings, mode cues) and ``data/events_cues.json`` (negation,
modality, governing verbs). This module only turns a token and its dependency children into a
``TriggerMatch``; sentence-level logic (governors, participants, flags) lives in
``sitrep.nlp.events``.

Why lemma + object classes, the way PETRARCH's verb dictionary worked: the same verb codes as
different PLOVER categories depending on what it takes ("send troops" MOBILIZE, "send weapons"
AID, "send drones into" ASSAULT; "impose sanctions" SANCTION, "impose a curfew" COERCE). Each
verb carries an ordered list of rules, the first whose conditions hold wins, and a rule may be a
stop rule (``none``) so that "call" alone or "hold" with an unrelated object code nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.tokens import Token

from sitrep.datafiles import load_json

#: Deps that attach a direct object, and those of a passive subject (which is the object).
_OBJ_DEPS = frozenset({"dobj", "obj", "dative", "attr", "oprd"})
_PASSIVE_SUBJ = frozenset({"nsubjpass", "csubjpass"})
_SUBJ_DEPS = frozenset({"nsubj", "csubj"})
#: Pseudo-lemmas standing for entity labels, so classes can say "any sum of money".
_ENT_PSEUDO = {"MONEY": "money_ent", "GPE": "gpe_ent", "LOC": "gpe_ent", "PERSON": "person_ent"}


@dataclass(frozen=True, slots=True)
class Rule:
    """One reading of a trigger word; every condition given must hold."""

    type: str | None
    mode: str | None = None
    obj: frozenset[str] | None = None
    prt: str | None = None
    prep: str | None = None
    pobj: frozenset[str] | None = None
    subj: frozenset[str] | None = None
    intransitive: bool = False
    clause: bool = False
    xcomp: bool = False
    plural_only: bool = False


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """A trigger token read as a PLOVER event type (before flags and participants)."""

    event_type: str
    mode: str | None
    token: Token
    particle: Token | None = None


@dataclass(frozen=True, slots=True)
class Cues:
    """Cue-word sets from ``events_cues.json`` (all lemmas, lower case)."""

    negators: frozenset[str]
    negating_governors: frozenset[str]
    hypothetical_modals: frozenset[str]
    future_modals: frozenset[str]
    conditional_marks: frozenset[str]
    commit_governors: frozenset[str]
    promise_governors: frozenset[str]
    hypothetical_governors: frozenset[str]
    request_governors: frozenset[str]
    reject_governors: frozenset[str]
    threat_governors: frozenset[str]
    accuse_governors: frozenset[str]
    passthrough_governors: frozenset[str]
    object_control: frozenset[str]
    reporting_verbs: frozenset[str]
    warning_verbs: frozenset[str]
    vow_verbs: frozenset[str]
    retaliation_verbs: frozenset[str]
    verbal_types: frozenset[str]
    speech_act_nouns: frozenset[str]
    first_person: frozenset[str]
    request_modes: dict[str, str]
    threat_modes: dict[str, str]
    threat_mode_by_coerce_mode: dict[str, str]
    future_conversion: dict[str, str]
    negation_conversion: dict[str, str]
    conflict_types: frozenset[str]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Verb and noun triggers, light verbs and mode cues."""

    verbs: dict[str, tuple[Rule, ...]]
    nouns: dict[str, Rule]
    light_verbs: dict[str, str | None]
    mode_cues: dict[str, dict[str, str]]
    noun_subject_verbs: frozenset[str] = frozenset()
    classes: dict[str, frozenset[str]] = field(default_factory=dict)


def _read(name: str) -> dict[str, Any]:
    return load_json("sitrep.nlp", name)


def _word_set(value: str | None, classes: dict[str, frozenset[str]]) -> frozenset[str] | None:
    # A condition names an object class; a name that is no class is a single literal lemma, so
    # rare one-word conditions ("assets", "warrant") need no class of their own.
    if value is None:
        return None
    return classes.get(value, frozenset({value}))


def _rule(raw: dict[str, Any], classes: dict[str, frozenset[str]]) -> Rule:
    return Rule(
        type=None if raw.get("none") else raw["type"],
        mode=raw.get("mode"),
        obj=_word_set(raw.get("obj"), classes),
        prt=raw.get("prt"),
        prep=raw.get("prep"),
        pobj=_word_set(raw.get("pobj"), classes),
        subj=_word_set(raw.get("subj"), classes),
        intransitive=bool(raw.get("intransitive", False)),
        clause=bool(raw.get("clause", False)),
        xcomp=bool(raw.get("xcomp", False)),
        plural_only=bool(raw.get("plural_only", False)),
    )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The trigger lexicon, read once per process."""
    data = _read("events_lexicon.json")
    classes = {k: frozenset(v) for k, v in data["object_classes"].items()}
    verbs = {
        lemma: tuple(_rule(r, classes) for r in rules) for lemma, rules in data["verbs"].items()
    }
    nouns = {lemma: _rule(r, classes) for lemma, r in data["nouns"].items()}
    return Lexicon(
        verbs=verbs,
        nouns=nouns,
        light_verbs=dict(data["light_verbs"]),
        mode_cues={k: dict(v) for k, v in data["mode_cues"].items()},
        noun_subject_verbs=frozenset(data.get("noun_subject_verbs", ())),
        classes=classes,
    )


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    """The flag and governor cue words, read once per process."""
    d = _read("events_cues.json")
    sets = {k: frozenset(v) for k, v in d.items() if isinstance(v, list) and not k.startswith("_")}
    maps = {k: dict(v) for k, v in d.items() if isinstance(v, dict)}
    # Field names are the file's keys; the dataclass rejects a missing or unknown one.
    fields: dict[str, Any] = {**sets, **maps}
    return Cues(**fields)


def phrase_lemmas(token: Token) -> set[str]:
    """What a noun phrase is about: its head, compounds, and the noun of an "of"/"in" complement
    ("a batch of drones", "500 million euros in military aid"), plus entity pseudo-lemmas."""
    out = {token.lemma_.lower(), token.lower_}
    if token.ent_type_ in _ENT_PSEUDO:
        out.add(_ENT_PSEUDO[token.ent_type_])
    for child in token.children:
        if child.dep_ in ("compound", "amod", "nmod") or (
            child.dep_ == "nummod" and child.ent_type_ == "MONEY"
        ):
            out.add(child.lemma_.lower())
            if child.ent_type_ in _ENT_PSEUDO:
                out.add(_ENT_PSEUDO[child.ent_type_])
        elif child.dep_ == "prep" and child.lower_ in ("of", "in"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out.add(pobj.lemma_.lower())
                    out.update(c.lemma_.lower() for c in pobj.children if c.dep_ == "compound")
                    if pobj.ent_type_ in _ENT_PSEUDO:
                        out.add(_ENT_PSEUDO[pobj.ent_type_])
    return out


def direct_object(verb: Token) -> Token | None:
    """The object of ``verb``: its direct object, or the subject when the verb is passive."""
    for child in verb.children:
        if child.dep_ in _OBJ_DEPS and child.dep_ != "attr":
            return child
    for child in verb.children:
        if child.dep_ in _PASSIVE_SUBJ:
            return child
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return verb.head  # a reduced passive relative: "troops deployed to the border"
    return None


def subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in _SUBJ_DEPS:
            return child
    return None


def particle(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "prt":
            return child
    return None


def _preps(verb: Token) -> list[Token]:
    # A particle tagged as a preposition ("pulled out of") and the complement of the object
    # ("imposed sanctions on Belarus") count as the verb's prepositions.
    out = [c for c in verb.children if c.dep_ in ("prep", "agent", "dative")]
    return out


def _rule_holds(rule: Rule, verb: Token, obj: Token | None, prt: Token | None) -> bool:
    if rule.prt is not None:
        preps = {c.lower_ for c in verb.children if c.dep_ == "prep"}
        if (prt is None or prt.lower_ != rule.prt) and rule.prt not in preps:
            return False
    if rule.clause and not any(c.dep_ == "ccomp" for c in verb.children):
        return False
    if rule.xcomp and not any(c.dep_ == "xcomp" for c in verb.children):
        return False
    if rule.intransitive and obj is not None and obj.dep_ not in _PASSIVE_SUBJ:
        return False
    if rule.obj is not None and (obj is None or not (phrase_lemmas(obj) & rule.obj)):
        return False
    if rule.subj is not None:
        subj = subject(verb)
        if subj is None or not (phrase_lemmas(subj) & rule.subj):
            return False
    if rule.prep is not None or rule.pobj is not None:
        found = False
        for prep in _preps(verb):
            if rule.prep is not None and prep.lower_ != rule.prep:
                continue
            if rule.pobj is None:
                found = True
                break
            for pobj in prep.children:
                if pobj.dep_ in ("pobj", "pcomp") and phrase_lemmas(pobj) & rule.pobj:
                    found = True
            if found:
                break
        if not found:
            return False
    return True


def match_verb(token: Token, lexicon: Lexicon) -> TriggerMatch | None:
    """The event a verb token triggers, by its lemma and the first rule whose conditions hold."""
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBN", "VBG"):
        # The small model tags "attacks"/"strikes" as nouns now and then even with a subject and
        # a clause role; the parse still shows the verb.
        verbal_role = token.dep_ in ("ROOT", "advcl", "ccomp", "relcl", "xcomp", "conj")
        if not (verbal_role and any(c.dep_ == "nsubj" for c in token.children)):
            return None
    rules = None
    if token.i >= 2 and token.nbor(-1).text == "-":
        # spaCy splits "test-fired" into test - fired; the compound has its own reading.
        rules = lexicon.verbs.get(f"{token.nbor(-2).lower_}-{token.lemma_.lower()}")
    if rules is None:
        rules = lexicon.verbs.get(token.lemma_.lower())
    if rules is None:
        return None
    obj = direct_object(token)
    prt = particle(token)
    for rule in rules:
        if _rule_holds(rule, token, obj, prt):
            if rule.type is None:
                return None
            return TriggerMatch(rule.type, rule.mode, token, prt if rule.prt else None)
    return None


def match_noun(token: Token, lexicon: Lexicon) -> TriggerMatch | None:
    """The event a noun token names ("incursion", "talks"), before any context check."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    rule = lexicon.nouns.get(token.lemma_.lower())
    if rule is None or rule.type is None:
        return None
    # "talks" (negotiations) but not "talk" (speech): the plural alone carries the event sense.
    if rule.plural_only and token.tag_ not in ("NNS", "NNPS"):
        return None
    return TriggerMatch(rule.type, rule.mode, token)


def mode_from_cues(event_type: str, tokens: list[Token], lexicon: Lexicon) -> str | None:
    """A PLOVER mode from words around the trigger ("drone strike" -> drone) when the rule has
    none; the first cue in text order wins."""
    cues = lexicon.mode_cues.get(event_type)
    if not cues:
        return None
    for tok in tokens:
        mode = cues.get(tok.lemma_.lower()) or cues.get(tok.lower_)
        if mode is not None:
            return mode
    return None
