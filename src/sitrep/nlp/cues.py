"""Cues of reported speech: which tokens say "someone said this", read from data files.

The quote stage needs to answer a few narrow questions about a token: is it a reporting verb
("said", "warned", "pointed out"), does it name instead of report ("what the Kremlin *calls*"),
is it the start of "according to", and which characters make up the cue a reader should be shown
("posted on X"). The language knowledge lives in ``data/quotes_verbs.json``,
``data/quotes_cues.json`` and ``data/quotes_nonspeech.json``; this module only loads it once per
process and applies it to spaCy tokens, so that adding a verb never means touching code.

The second half of the module is cue *grammar*: from a cue verb to its speaker (``subject_of``,
``window_subject`` when the parse lost it), which complements carry the content
(``extra_content``), and when a cue reports nothing (``is_unasserted``: "did not say").

Verbs are matched on their lemma and on a verbal part of speech (spaCy's ``VERB``); the small
model sometimes tags a sentence-final "said" as ``AUX`` or ``NOUN``, so ``is_reporting_verb``
also accepts those tags when the dependency label shows the word heads a clause.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Token

from sitrep.datafiles import load_json
from sitrep.records import Span

_COMMON_FORMS = frozenset({"said", "says", "told", "added", "noted", "warned"})
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "conj", "parataxis", "relcl", "xcomp"})

_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})

_NOT_SPEAKER_ENTS = frozenset(
    {
        "DATE",
        "TIME",
        "CARDINAL",
        "PERCENT",
        "MONEY",
        "QUANTITY",
        "ORDINAL",
        "WORK_OF_ART",
        "EVENT",
        "LAW",
    }
)

_QUOTE_CHARS = frozenset('“”„«»"')
_TERMINAL = frozenset(".?!…")


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """Everything the quote stage knows about cues, as sets for O(1) lookups."""

    speech: frozenset[str]
    object_content: frozenset[str]
    recipient_object: frozenset[str]
    particles: dict[str, frozenset[str]]
    clausal_only: frozenset[str]
    asserting_controllers: frozenset[str]
    infinitive_content: frozenset[str]
    statement_verbs: frozenset[str]
    gerund_prepositions: frozenset[str]
    colon_lead_ins: tuple[tuple[str, ...], ...]
    according_to: tuple[tuple[str, ...], ...]
    source_documents: frozenset[str]
    platforms: frozenset[str]
    title_nouns: frozenset[str]
    person_titles: frozenset[str]
    body_nouns: frozenset[str]
    speaker_nouns: frozenset[str]
    generic_nouns: frozenset[str]
    female_titles: frozenset[str]
    male_titles: frozenset[str]
    nonspeech_preceders: tuple[tuple[str, ...], ...]
    naming_verbs: frozenset[str]
    max_term_tokens: int


def _load(name: str) -> dict[str, Any]:
    return load_json("sitrep.nlp", name)


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    """The cue lexicon, read from the package data once per process."""
    verbs = _load("quotes_verbs.json")
    cues = _load("quotes_cues.json")
    nonspeech = _load("quotes_nonspeech.json")
    return CueLexicon(
        speech=frozenset(verbs["speech"]),
        object_content=frozenset(verbs["object_content"]),
        recipient_object=frozenset(verbs["recipient_object"]),
        particles={k: frozenset(v) for k, v in verbs["particles"].items()},
        clausal_only=frozenset(verbs["clausal_only"]),
        asserting_controllers=frozenset(verbs["asserting_controllers"]),
        infinitive_content=frozenset(verbs["infinitive_content"]),
        statement_verbs=frozenset(verbs["statement_verbs"]),
        gerund_prepositions=frozenset(verbs["gerund_prepositions"]),
        according_to=tuple(tuple(p) for p in cues["according_to"]),
        colon_lead_ins=tuple(tuple(p) for p in cues["colon_lead_ins"]),
        source_documents=frozenset(cues["source_documents"]),
        platforms=frozenset(cues["platforms"]),
        title_nouns=frozenset(cues["title_nouns"]),
        person_titles=frozenset(cues["titles"]),
        body_nouns=frozenset(cues["body_nouns"]),
        speaker_nouns=frozenset(cues["speaker_nouns"]),
        generic_nouns=frozenset(cues["generic_nouns"]),
        female_titles=frozenset(cues["female_titles"]),
        male_titles=frozenset(cues["male_titles"]),
        nonspeech_preceders=tuple(tuple(p) for p in nonspeech["preceders"]),
        naming_verbs=frozenset(nonspeech["naming_verbs"]),
        max_term_tokens=int(nonspeech["max_term_tokens"]),
    )


def _particle(token: Token, lex: CueLexicon) -> Token | None:
    """The particle or preposition a particle verb needs ("pointed *out*"), if present."""
    wanted = lex.particles.get(token.lemma_.lower())
    if wanted is None:
        return None
    for child in token.rights:
        if child.lower_ not in wanted:
            continue
        # The small parser tags "shot *back*" as an adverb: right after the verb it is the
        # particle all the same.
        if child.dep_ in ("prt", "prep") or (child.dep_ == "advmod" and child.i == token.i + 1):
            return child
    return None


def is_reporting_verb(token: Token) -> bool:
    """True when ``token`` is a verb of saying in a position where it can introduce speech."""
    lex = cue_lexicon()
    lemma = _verb_lemma(token)
    # A mis-tagged "said" can come out of the small model with lemma "said".
    if lemma not in lex.speech and token.lower_ not in _COMMON_FORMS:
        return False
    verbal = token.pos_ == "VERB" or (token.pos_ in ("AUX", "NOUN") and token.dep_ in _CLAUSE_DEPS)
    # "Said Ellis: “...”": the parser reads a sentence-initial "Said" as a name's modifier.
    inverted = token.is_sent_start and token.lower_ in _COMMON_FORMS
    if not (verbal or inverted):
        return False
    if token.dep_ in ("amod", "compound", "nsubj", "dobj", "pobj") and not inverted:
        return False
    return not (lemma in lex.particles and _particle(token, lex) is None)


def _verb_lemma(token: Token) -> str:
    """The lemma, or for a participle the small model tagged as a noun (", *remarking*, “...”")
    the verb it comes from, so that the clause it heads still counts as a cue."""
    lemma = token.lemma_.lower()
    low = token.lower_
    if token.pos_ != "NOUN" or token.dep_ not in _CLAUSE_DEPS or not low.endswith("ing"):
        return lemma
    speech = cue_lexicon().speech
    stem = low[:-3]
    for guess in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""):
        if guess in speech:
            return guess
    return lemma


def is_clausal_only(token: Token) -> bool:
    """Verbs that count as cues only with a clausal complement or next to a quotation."""
    return token.lemma_.lower() in cue_lexicon().clausal_only


def takes_object_content(token: Token) -> bool:
    return token.lemma_.lower() in cue_lexicon().object_content


def object_is_recipient(token: Token) -> bool:
    return token.lemma_.lower() in cue_lexicon().recipient_object


def content_preposition(token: Token) -> Token | None:
    """The preposition that introduces the content of a particle verb ("pointed *to* X")."""
    particle = _particle(token, cue_lexicon())
    if particle is not None and particle.dep_ == "prep":
        return particle
    return None


def is_naming_verb(token: Token) -> bool:
    return token.lemma_.lower() in cue_lexicon().naming_verbs


def according_to_source(token: Token) -> Token | None:
    """For the first word of "according to X" (or "as per X"), the head of X; else None."""
    for first, second in cue_lexicon().according_to:
        if token.lower_ != first:
            continue
        doc = token.doc
        if token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != second:
            continue
        prep = doc[token.i + 1]
        for child in prep.children:
            if child.dep_ == "pobj":
                return child
        # The parser sometimes hangs the object on "according" itself.
        for child in token.children:
            if child.dep_ == "pobj":
                return child
    return None


def cue_span(token: Token) -> Span:
    """Characters of the cue a reader sees: the verb plus its particle, or "posted on X"."""
    lex = cue_lexicon()
    start, end = token.idx, token.idx + len(token.text)
    source = according_to_source(token)
    if source is not None:
        return start, token.doc[token.i + 1].idx + len(token.doc[token.i + 1].text)
    particle = _particle(token, lex)
    if particle is not None and particle.i == token.i + 1:
        end = particle.idx + len(particle.text)
    if token.lemma_.lower() in ("post", "write", "tweet"):
        for child in token.rights:
            if child.dep_ == "prep" and child.lower_ == "on":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs and objs[0].text in lex.platforms:
                    end = objs[0].idx + len(objs[0].text)
                break
    return start, end


def is_source_document(token: Token) -> bool:
    """A written source that can 'say' things: "the report notes", "the analysis states"."""
    return token.lemma_.lower() in cue_lexicon().source_documents


def is_body_noun(token: Token) -> bool:
    """An institution that speaks as a body: "the ministry said", "the Kremlin said"."""
    return token.lemma_.lower() in cue_lexicon().body_nouns


def is_speaker_like(token: Token) -> bool:
    """Subjects that can say things: names, pronouns, bodies, documents and people nouns."""
    lex = cue_lexicon()
    return (
        token.pos_ in ("PRON", "PROPN")
        or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
        or token.lemma_.lower() in lex.source_documents
        or token.lemma_.lower() in lex.body_nouns
        or token.lemma_.lower() in lex.speaker_nouns
    )


def is_generic_noun(token: Token) -> bool:
    """A description so general ("the person") that it only continues an earlier speaker."""
    return token.lemma_.lower() in cue_lexicon().generic_nouns


def issues_statements(token: Token) -> bool:
    """Verbs whose object utterance is attributed to their subject ("issued a statement")."""
    return token.lemma_.lower() in cue_lexicon().statement_verbs


def is_title_noun(token: Token) -> bool:
    return token.lemma_.lower() in cue_lexicon().title_nouns


def is_colon_lead_in(words_before: list[str]) -> bool:
    """True when the lowercase words before "Name:" introduce a source ("More from")."""
    for pattern in cue_lexicon().colon_lead_ins:
        n = len(pattern)
        if n <= len(words_before) and tuple(words_before[-n:]) == pattern:
            return True
    return False


def follows_nonspeech_preceder(tokens_before: list[str]) -> bool:
    """True when the lowercase words right before an opening mark make the quote a term."""
    for pattern in cue_lexicon().nonspeech_preceders:
        n = len(pattern)
        if n <= len(tokens_before) and tuple(tokens_before[-n:]) == pattern:
            return True
    return False


def split_title(words: list[str]) -> tuple[int, str | None]:
    """How many leading words of a name are titles ("Rear Admiral"), and the gender they give.

    The last word is never a title, so "General" alone stays a name.
    """
    lex = cue_lexicon()
    n = 0
    gender: str | None = None
    while n < len(words) - 1 and words[n].lower() in lex.person_titles:
        low = words[n].lower()
        if low in lex.female_titles:
            gender = "f"
        elif low in lex.male_titles:
            gender = "m"
        n += 1
    return n, gender


# -- cue grammar: who speaks and what a cue verb governs ------------------------------------


def subject_of(verb: Token) -> Token | None:
    """The speaker head of a reporting verb: its subject, or its host clause's subject."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS or c.dep_ == "nsubjpass"]
    if any(c.dep_ == "nsubjpass" for c in subjects):
        return None
    if subjects:
        # With two subjects ("The hope, said X, is ...", or one inside a quotation the parser
        # attached to the cue) the speaker is the one nearest the verb.
        subject = min(subjects, key=lambda c: gap(c, verb))
        if subject.dep_ != "nsubj":
            return None
        if subject.i < verb.i and any(t.text == ":" for t in verb.doc[subject.i + 1 : verb.i]):
            # "Case in point: when your ally calls you ..., accuses you ...": a label before a
            # colon is no speaker, whatever the parser made of it.
            return None
        if subject.tag_ in ("WP", "WDT") or subject.lower_ == "that":
            # "the minister, who said ...": the relative pronoun stands for the noun it hangs on.
            return verb.head if verb.dep_ == "relcl" else None
        return subject
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    if verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBZ") and verb.head.pos_ in ("NOUN", "PROPN"):
        # "Dmitry Medvedev, deputy chairman of X, accused Helsinki ...": a finite verb the
        # parser hung on the name as a reduced relative clause still has it as its subject.
        return verb.head
    if (
        verb.dep_ == "pcomp"
        and verb.tag_ == "VBG"
        and verb.head.lower_ in cue_lexicon().gerund_prepositions
        and verb.head.head.i != verb.head.i
    ):
        # "X closed his speech by saying ...": whoever does the host action speaks.
        return subject_of(verb.head.head)
    if verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.i != verb.i:
        if verb.dep_ == "advcl" and verb.tag_ != "VBG" and _verb_lemma(verb) == verb.lemma_.lower():
            return None
        host = verb.head
        if (
            verb.dep_ == "advcl"
            and host.dep_ == "ccomp"
            and host.head.i != host.i
            and (is_reporting_verb(verb) or is_naming_verb(verb))
            and is_reporting_verb(host.head)
        ):
            # "X said he would go, observing that ...": the parser hangs the second cue on the
            # reported clause, but it is X who observes, not the "he" of the content.
            host = host.head
        return subject_of(host)
    return None


def looks_like_title(inner: str) -> bool:
    """“The Morning Briefing With Ana Ruiz,” “Face the Nation”: every long word capitalised, as in
    titles of shows, books and operations (a quoted sentence has lowercase words)."""
    words = [w for w in inner.replace("-", " ").split() if w[:1].isalpha()]
    long_words = [w for w in words if len(w) > 3]
    return 0 < len(words) <= 8 and bool(long_words) and all(w[0].isupper() for w in long_words)


def gap(phrase_head: Token, verb: Token) -> int:
    """Tokens between a phrase and a verb (0 when adjacent), on whichever side it lies."""
    if phrase_head.i > verb.i:
        return phrase_head.left_edge.i - verb.i - 1
    return verb.i - phrase_head.right_edge.i - 1


def window_subject(window: list[Token], verb: Token) -> Token | None:
    """The head of the first noun phrase next to ``verb`` in a post-quotation cue clause."""
    before = [t for t in window if t.i < verb.i]
    after = [t for t in window if t.i > verb.i]
    for group in (before, after):
        for tok in group:
            if tok.ent_type_ in _NOT_SPEAKER_ENTS or tok.like_num:
                continue
            if (
                group is after
                and tok.pos_ == "PRON"
                and not (tok.dep_ == "nsubj" and tok.head.i == verb.i)
            ):
                # "..., accuses *you* of ...", "says *you* should pay": an object or the subject
                # of the content, not an inverted speaker ("said he").
                return None
            # "said Brandt, explaining ...": the small model can tag a rare surname right
            # after an inverted cue as an adverb; its capital still marks a name.
            misread_name = group is after and tok.i == verb.i + 1 and _looks_like_name(tok)
            if tok.pos_ in ("NOUN", "PROPN", "PRON") or misread_name:
                head = tok
                while head.dep_ in ("compound", "amod", "det", "poss") and head.head in group:
                    head = head.head
                return head
    return None


def _looks_like_name(tok: Token) -> bool:
    return (
        tok.is_title and tok.is_alpha and not tok.is_sent_start and tok.pos_ in ("ADV", "ADJ", "X")
    )


def extra_content(verb: Token, child: Token) -> bool:
    """Complements that carry the content besides an object: "urged X *to leave*",
    "accused X *of lying*", "vowed *to fight on*" (but not "asking *not to be named*")."""
    lemma = verb.lemma_.lower()
    if child.dep_ == "xcomp":
        if lemma in cue_lexicon().infinitive_content:
            return True
        return object_is_recipient(verb) and lemma != "ask"
    return child.dep_ == "prep" and child.lower_ == "of" and lemma in ("accuse", "warn")


def is_unasserted(verb: Token) -> bool:
    """Nothing was actually reported: "to say", "did not confirm", "would say"."""
    for child in verb.children:
        # Only words right before the verb count: the parser also hangs the "not" of a
        # quotation on the cue ("“Probably not,” Moore said").
        if not 0 < verb.i - child.i <= 3 or any(
            t.text in _QUOTE_CHARS for t in child.doc[child.i : verb.i]
        ):
            continue
        if child.dep_ == "neg" or (child.dep_ == "aux" and child.tag_ == "MD"):
            return True
        if child.dep_ == "aux" and child.tag_ == "TO" and not _asserted_infinitive(verb):
            return True
    return False


def _asserted_infinitive(verb: Token) -> bool:
    """An infinitive cue under an aspectual verb ("continued to insist that ...") reports
    speech that took place, unlike "declined to say" or "wants to say"."""
    host = verb.head
    return (
        verb.dep_ == "xcomp"
        and host.i != verb.i
        and host.lemma_.lower() in cue_lexicon().asserting_controllers
        and not is_unasserted(host)
    )


def under_reduced_relative(verb: Token, subject: Token) -> bool:
    """True when ``verb`` hangs on ``subject`` through an ``acl`` (a reduced relative):
    "X, deputy chairman, accused ..., threatening that ..."."""
    tok = verb
    while tok.i != subject.i and tok.head.i != tok.i:
        if tok.dep_ == "acl" and tok.head.i == subject.i:
            return True
        tok = tok.head
    return False


def root_of(tok: Token) -> Token:
    while tok.head.i != tok.i:
        tok = tok.head
    return tok


def full_stop(tok: Token) -> bool:
    """A sentence end before a quotation mark, also when an abbreviation or a one-letter name
    swallowed it ("posted on X. “...", "the U.S. “..."): the tokenizer keeps the stop."""
    if tok.text in _TERMINAL:
        return True
    doc = tok.doc
    nxt = tok.i + 1
    while nxt < len(doc) and doc[nxt].is_space:
        nxt += 1
    return (
        len(tok.text) > 1
        and tok.text.endswith(".")
        and nxt < len(doc)
        and doc[nxt].text in _QUOTE_CHARS
        and nxt + 1 < len(doc)
        and doc[nxt + 1].text[:1].isupper()
    )
