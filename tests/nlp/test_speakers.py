"""Speaker resolution: actor-stage names, pronouns, descriptions and anonymous sources.

Texts are written for these tests; actor clusters are built by hand (the actor stage has its own
tests), so each case pins one rule of ``sitrep.nlp.speakers``.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from sitrep.nlp.cues import split_title
from sitrep.nlp.entities import ActorMention, DocActor
from sitrep.nlp.quotes import extract_quotes
from sitrep.nlp.speakers import mention_span


@pytest.fixture(scope="module")
def nlp() -> Language:
    from sitrep.nlp.pipeline import load_model

    return load_model()


def actor(
    text: str, name: str, *forms: str, kind: str = "person", gender: str | None = None
) -> DocActor:
    """A DocActor with one mention per occurrence of each form in ``text``."""
    mentions = []
    for form in forms:
        start = text.find(form)
        while start >= 0:
            mentions.append(ActorMention((start, start + len(form)), form))
            start = text.find(form, start + 1)
    actor_id = "act_" + name.split()[-1].lower()
    return DocActor(id=actor_id, name=name, kind=kind, mentions=mentions, gender=gender)


def speakers(nlp: Language, text: str, actors: list[DocActor]) -> list[tuple[str | None, str]]:
    out = []
    for q in extract_quotes(nlp(text), "art", actors):
        assert q.speaker_mention is not None
        out.append((q.speaker, q.speaker_mention.text))
    return out


def test_actor_name_gives_canonical_name_and_id(nlp: Language) -> None:
    text = "Nikolai Petrov spoke first. “The war will go on,” Petrov said."
    petrov = actor(text, "Nikolai Petrov", "Nikolai Petrov", "Petrov")
    (q,) = list(extract_quotes(nlp(text), "art", [petrov]))
    assert (q.speaker, q.speaker_id) == ("Nikolai Petrov", "act_petrov")


def test_pronoun_takes_gender_compatible_antecedent(nlp: Language) -> None:
    text = "Anna Berg met Karl Lind in Oslo on Monday. “We agreed on the next steps,” she said."
    berg = actor(text, "Anna Berg", "Anna Berg", gender="f")
    lind = actor(text, "Karl Lind", "Karl Lind", gender="m")
    assert speakers(nlp, text, [berg, lind]) == [("Anna Berg", "she")]


def test_pronoun_continues_previous_speaker(nlp: Language) -> None:
    text = (
        "“The line is holding,” said Colonel Mark Duval. The army has lost ground near the river "
        "since May. “We need more shells,” he said."
    )
    duval = actor(text, "Mark Duval", "Mark Duval", gender="m")
    assert [s for s, _ in speakers(nlp, text, [duval])] == ["Mark Duval", "Mark Duval"]


def test_pronoun_never_resolves_inside_its_own_content(nlp: Language) -> None:
    text = (
        "Prime Minister Ana Costa spoke in Lisbon. President Luis Ortega would have to "
        "“stop the shelling first,” she said."
    )
    costa = actor(text, "Ana Costa", "Ana Costa", gender="f")
    ortega = actor(text, "Luis Ortega", "Luis Ortega", gender="m")
    assert speakers(nlp, text, [costa, ortega])[0][0] == "Ana Costa"


def test_definite_description_continues_anonymous_source(nlp: Language) -> None:
    text = (
        "A Dutch diplomat said the summit would be postponed. "
        "The diplomat noted that no new date had been agreed."
    )
    assert [s for s, _ in speakers(nlp, text, [])] == ["a Dutch diplomat", "a Dutch diplomat"]


def test_generic_description_continues_previous_speaker(nlp: Language) -> None:
    text = (
        "A Dutch diplomat said the summit would be postponed. "
        "This, the person said, would anger Washington."
    )
    assert [s for s, _ in speakers(nlp, text, [])] == ["a Dutch diplomat", "a Dutch diplomat"]


def test_indefinite_source_stays_anonymous_even_if_an_actor_claims_it(nlp: Language) -> None:
    text = "Maria Rossi, the bloc's top diplomat, arrived. One EU diplomat said the plan was dead."
    # An over-eager actor stage that clustered every "diplomat" with Rossi.
    rossi = actor(text, "Maria Rossi", "Maria Rossi", "diplomat")
    assert speakers(nlp, text, [rossi]) == [("one EU diplomat", "One EU diplomat")]


def test_role_description_resolves_to_titled_person(nlp: Language) -> None:
    text = (
        "Defense Minister Lars Holm visited the base on Friday. "
        "The minister said the brigade would move east."
    )
    assert speakers(nlp, text, [])[0][0] == "Lars Holm"


def test_organisation_and_document_speak(nlp: Language) -> None:
    text = (
        "The Polish defense ministry said two drones had crashed. "
        "The report notes that radar coverage was patchy."
    )
    got = [s for s, _ in speakers(nlp, text, [])]
    assert got == ["the Polish defense ministry", "the report"]


@pytest.mark.parametrize(
    ("text", "head", "expected"),
    [
        ("A representative from Acme said so.", "representative", "A representative from Acme"),
        ("The U.S. ambassador, Jane Doe, said so.", "ambassador", "Jane Doe"),
        ("A senior EU official said so.", "official", "A senior EU official"),
    ],
)
def test_mention_span(nlp: Language, text: str, head: str, expected: str) -> None:
    doc = nlp(text)
    tok = next(t for t in doc if t.text == head)
    assert mention_span(tok).text == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["Rear", "Admiral", "Sofia", "Marin"], (2, None)),
        (["Mrs.", "Ada", "Lang"], (1, "f")),
        (["General"], (0, None)),
        (["Nikolai", "Petrov"], (0, None)),
    ],
)
def test_split_title(words: list[str], expected: tuple[int, str | None]) -> None:
    assert split_title(words) == expected


def test_body_noun_never_takes_a_persons_role(nlp: Language) -> None:
    # Regression: any one-word description matched any role ("the ministry" -> a General).
    text = "“We will not retreat,” said General Tom Hale. The ministry said the brigade would move."
    hale = actor(text, "Tom Hale", "Tom Hale")
    hale.roles = ["General"]
    got = [s for s, _ in speakers(nlp, text, [hale])]
    assert got == ["Tom Hale", "the ministry"]


def test_pronoun_prefers_running_speaker_over_nearer_object(nlp: Language) -> None:
    # "he" went to Ivan Drago, the object of "deter" in the paragraph before, instead of the
    # speaker of the quotes around it (centering: subjects and speakers outrank objects).
    text = (
        "Germany and Poland will draft a border plan, German Chancellor Olaf Brandt said on "
        "Sunday.\n\n“We have agreed to work on a plan to calm the border,” Brandt said in an "
        "interview.\n\nRegional leaders are racing to find a way forward after a tense meeting. "
        "Under the plan outlined by Brandt, the two countries would lead talks on a joint "
        "patrol force.\n\nBut the talks have stalled over whether Washington would provide a "
        "guarantee that would deter Russian President Ivan Drago from sending troops again.\n\n"
        "“I’m not blaming anyone here, but we have to move faster than the slowest member,” "
        "he said."
    )
    brandt = actor(text, "Olaf Brandt", "Olaf Brandt", "Brandt", gender="m")
    drago = actor(text, "Ivan Drago", "Ivan Drago", gender="m")
    got = speakers(nlp, text, [brandt, drago])
    assert got[-1] == ("Olaf Brandt", "he")


def test_mention_keeps_determiner_hung_on_a_mistagged_cue() -> None:
    # "the analysis states" with "states" tagged as a noun: the parser hangs "the" on it and the
    # mention was "analysis".
    import spacy
    from spacy.tokens import Doc

    doc = Doc(
        spacy.blank("en").vocab,
        words=["the", "analysis", "states", "."],
        heads=[2, 2, 2, 2],
        deps=["det", "compound", "ROOT", "punct"],
        tags=["DT", "NN", "NNS", "."],
        pos=["DET", "NOUN", "NOUN", "PUNCT"],
    )
    assert mention_span(doc[1]).text == "the analysis"
