"""Quote stage regressions from the PolNeAR train error review (issue 3 follow-up).

Each test is named for the class of error it guards against; every text was written for
these tests. Expectations are (content, kind, speaker) triples as in ``test_quotes.py``.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from sitrep.nlp import cues
from sitrep.nlp.quote_marks import find_quote_marks
from sitrep.nlp.quotes import extract_quotes
from sitrep.records import Quote


@pytest.fixture(scope="module")
def nlp() -> Language:
    from sitrep.nlp.pipeline import load_model

    return load_model()


def quotes_of(nlp: Language, text: str) -> list[Quote]:
    return list(extract_quotes(nlp(text), "art", []))


def triples(nlp: Language, text: str) -> list[tuple[str, str, str | None]]:
    return [(q.text, q.kind, q.speaker) for q in quotes_of(nlp, text)]


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        # Manner-of-speaking verbs next to a quotation are cues.
        (
            "“We will never surrender this town,” Petrov barked at the reporters.",
            "We will",
            "Petrov",
        ),
        (
            "“This is a historic day for the alliance!” beamed Anna Lind, a delegate from Sweden.",
            "This is a historic day",
            "Anna Lind",
        ),
        (
            "“You have failed the soldiers,” Kowalski charged in a speech.",
            "You have failed",
            "Kowalski",
        ),
        ("“I made a mistake,” the colonel confessed on Monday.", "I made a mistake", "the colonel"),
    ],
)
def test_manner_of_speaking_cue_verbs(nlp: Language, text: str, content: str, speaker: str) -> None:
    got = triples(nlp, text)
    assert len(got) == 1
    assert got[0][0].startswith(content)
    assert got[0][1] == "direct"
    assert got[0][2] == speaker


def test_shouted_slogan_without_comma(nlp: Language) -> None:
    got = quotes_of(nlp, "When the minister arrived, a protester yelled “Go home now!” at him.")
    assert [q.speaker for q in got] == ["a protester"]
    assert "Go home now!" in got[0].text


def test_particle_verb_tagged_as_adverb(nlp: Language) -> None:
    """ "shot back" is a cue although the parser tags "back" as an adverb."""
    got = triples(nlp, "Hillary shot back, “I could have stayed home, but I chose to work.”")
    assert got == [("I could have stayed home, but I chose to work.", "direct", "Hillary")]


def test_bare_shoot_is_no_cue(nlp: Language) -> None:
    doc = nlp("The soldiers shot the lock off the gate.")
    assert not any(cues.is_reporting_verb(t) for t in doc)


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "The prime minister vowed to “crush the insurgency within a year” during a visit.",
            "crush the insurgency",
            "The prime minister",
        ),
        (
            "Sanders promised on Sunday to end the “wasteful and cruel” detention programme.",
            "to end the “wasteful and cruel” detention programme",
            "Sanders",
        ),
    ],
)
def test_promise_with_infinitive_content(
    nlp: Language, text: str, content: str, speaker: str
) -> None:
    got = quotes_of(nlp, text)
    assert len(got) == 1
    assert content in got[0].text
    assert got[0].kind == "mixed"
    assert got[0].speaker_mention is not None
    assert got[0].speaker_mention.text == speaker


def test_infinitive_of_a_non_commissive_verb_is_no_content(nlp: Language) -> None:
    assert triples(nlp, "The ministry said nothing and tried to calm the markets.") == []


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "Lena Ortmann, a 19-year-old cadet, echoed:\n\n"
            "“She says what she thinks, and I believe that is what the army needs.”",
            "She says what she thinks, and I believe that is what the army needs.",
            "Lena Ortmann",
        ),
        (
            "She went on to say:\n\n“Our allies know we will stand with them. Nothing will "
            "change that.”",
            "Our allies know we will stand with them. Nothing will change that.",
            "She",
        ),
    ],
)
def test_cue_paragraph_ending_in_colon(
    nlp: Language, text: str, content: str, speaker: str
) -> None:
    got = quotes_of(nlp, text)
    assert [(q.text, q.kind) for q in got] == [(content, "direct")]
    assert got[0].speaker_mention is not None
    assert got[0].speaker_mention.text == speaker


def test_issued_statement_before_colon(nlp: Language) -> None:
    text = (
        "The defence minister released the following statement:\n\n"
        "“Our troops will remain in the region until the mission is complete.”\n\n"
        "The statement came a day after the attack."
    )
    got = quotes_of(nlp, text)
    assert len(got) == 1
    assert got[0].text.startswith("Our troops will remain")
    assert got[0].speaker_mention is not None
    assert "minister" in got[0].speaker_mention.text


def test_paragraph_without_colon_does_not_lend_its_cue(nlp: Language) -> None:
    text = (
        "The defence minister spoke to reporters on Monday.\n\n"
        "“Dark clouds over the valley” was the title of the exhibition."
    )
    assert triples(nlp, text) == []


def test_name_next_to_cue_beats_sentence_opening_place(nlp: Language) -> None:
    """A run-on parse left the cue without subject; the first noun phrase is a place."""
    text = (
        "Campaigning in Tallinn for his party, former defence minister Artis Kalns said his party "
        "was ready because “the region is in a dangerous state.”"
    )
    got = quotes_of(nlp, text)
    assert len(got) == 1
    assert got[0].speaker_mention is not None
    assert got[0].speaker_mention.text == "Artis Kalns"


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        (
            "“The border will hold,“ said the colonel. “We are ready.”",
            ["The border will hold,", "We are ready."],
        ),
        ("He wrote: “A new day.“ Then he left.", ["A new day."]),
        # An opening mark before a word still opens a new quotation.
        ("“First one never closed “Second one.”", ["First one never closed", "Second one."]),
    ],
)
def test_opening_mark_typed_as_closer(text: str, inner: list[str]) -> None:
    assert [text[m.start : m.end] for m in find_quote_marks(text)] == inner


def test_gerund_after_by_takes_the_host_subject(nlp: Language) -> None:
    got = quotes_of(nlp, "Petrov closed his speech by saying “Never again.”")
    assert [q.speaker for q in got] == ["Petrov"]
    assert "Never again." in got[0].text


def test_participle_cue_whose_host_the_parser_put_in_the_quotation(nlp: Language) -> None:
    text = (
        "The president seemed ready to joke about the incident, telling the crowd, "
        "“Some people get carried away, have you noticed?”"
    )
    got = quotes_of(nlp, text)
    assert len(got) == 1
    assert got[0].text == "Some people get carried away, have you noticed?"
    assert got[0].speaker_mention is not None
    assert got[0].speaker_mention.text == "The president"


def test_cue_sentence_with_long_tail_after_quotation(nlp: Language) -> None:
    text = (
        "“When the order came in, her first answer was, ‘Let’s see what the yard can do.’” "
        "Okafor told reporters during Friday’s briefing at the shipyard."
    )
    got = quotes_of(nlp, text)
    assert [(q.kind, q.speaker) for q in got] == [("direct", "Okafor")]


@pytest.mark.parametrize("cue", ["touted the new port and the rail link", "praised the new port"])
def test_next_sentence_reporting_its_own_object_is_no_cue(nlp: Language, cue: str) -> None:
    text = f"The minister said the region has “treated us very well.” He {cue}."
    quoted = [q for q in quotes_of(nlp, text) if "treated us" in q.text]
    assert len(quoted) == 1
    assert quoted[0].speaker_mention is not None
    assert quoted[0].speaker_mention.text == "The minister"


def test_subject_inside_quotation_falls_back_to_the_name_after_it(nlp: Language) -> None:
    text = (
        "“Very good analyst, very good analyst this guy,” Petrov, the defence minister and "
        "front-runner in the race for the party leadership, said on Monday."
    )
    got = quotes_of(nlp, text)
    assert [(q.kind, q.speaker) for q in got] == [("direct", "Petrov")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "POLLS WERE NOT WRONG, JUST EARLY - Mark Jones and Ann Lee: “Although the polls "
            "missed the result, it is not because they were badly built.”",
            "Mark Jones",
        ),
        (
            "What the audit means for the navy. More from the report: “Numerous shipyards plan "
            "their schedules around budgets that never arrive.”",
            "the report",
        ),
    ],
)
def test_name_before_colon_signs_the_quotation(nlp: Language, text: str, speaker: str) -> None:
    got = quotes_of(nlp, text)
    assert len(got) == 1
    assert got[0].kind == "direct"
    assert got[0].speaker_mention is not None
    assert speaker in got[0].speaker_mention.text


@pytest.mark.parametrize(
    "text",
    [
        "The agenda for the summit: “Security, energy and trade.”",
        "Ukraine: “Rebuild and defend” is the motto of the new fund.",
    ],
)
def test_label_before_colon_signs_nothing(nlp: Language, text: str) -> None:
    assert all(q.speaker is None for q in quotes_of(nlp, text))


def test_cue_closed_by_colon_introduces_the_next_quotation(nlp: Language) -> None:
    text = (
        "In the letter, Holm called the leak a “grave breach of security,” adding: “I have now "
        "told every member of the defence committee about the leak.”"
    )
    got = {q.text: q for q in quotes_of(nlp, text)}
    key = "I have now told every member of the defence committee about the leak."
    assert key in got
    assert got[key].cue is not None
    assert got[key].cue.text == "adding"


def test_inverted_cue_with_misread_surname(nlp: Language) -> None:
    text = (
        "“Having the radar logs and two engineers who can read them is priceless,” said Brandt, "
        "explaining he had worked on the radar with Kowalczyk."
    )
    got = quotes_of(nlp, text)
    assert [(q.kind, q.speaker) for q in got][:1] == [("direct", "Brandt")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Asked which county was his favourite, he demurred: “Whichever one I am in today.”", "he"),
        ("“Poland will always be Poland,” an angry Kowalski retaliated.", "Kowalski"),
        ("Article 33 affirms: “No state shall expel a refugee to a place of danger.”", "Article"),
    ],
)
def test_more_cue_verbs(nlp: Language, text: str, speaker: str) -> None:
    got = quotes_of(nlp, text)
    assert len(got) == 1
    assert got[0].kind == "direct"
    assert got[0].speaker_mention is not None
    assert speaker in got[0].speaker_mention.text


def test_participle_cue_tagged_as_noun(nlp: Language) -> None:
    text = (
        "The minister ended her speech with a reference to the new film, remarking, “Thank you, "
        "and may the wind be with you.”"
    )
    got = quotes_of(nlp, text)
    assert len(got) == 1
    assert got[0].text == "Thank you, and may the wind be with you."
    assert got[0].speaker_mention is not None
    assert got[0].speaker_mention.text == "The minister"


def test_noun_ending_in_ing_is_no_cue(nlp: Language) -> None:
    doc = nlp("The briefing covered the new budget.")
    assert not any(cues.is_reporting_verb(t) for t in doc)
