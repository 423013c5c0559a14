"""The extract contract: every record type serialises to its documented dict and back."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from sitrep.records import (
    Actor,
    ActorRef,
    Article,
    DateRecord,
    Event,
    Figure,
    Mention,
    Quote,
    TextSpan,
    record_from_dict,
    stable_id,
)

texts = st.text(min_size=0, max_size=40)
opt_texts = st.none() | texts
spans = st.tuples(st.integers(0, 10_000), st.integers(0, 10_000)).map(lambda p: (min(p), max(p)))
text_spans = st.builds(TextSpan, text=texts, span=spans)
actor_refs = st.builds(ActorRef, id=opt_texts, name=texts, code=opt_texts, sector=opt_texts)
finite = st.floats(allow_nan=False, allow_infinity=False)

records = st.one_of(
    st.builds(
        Article,
        id=texts,
        text=texts,
        source=texts,
        source_id=opt_texts,
        source_span=st.none() | spans,
        title=opt_texts,
        published=opt_texts,
        tags=st.lists(texts, max_size=3).map(tuple),
    ),
    st.builds(
        Actor,
        id=texts,
        article=texts,
        span=spans,
        name=texts,
        kind=texts,
        aliases=st.lists(texts, max_size=3).map(tuple),
        roles=st.lists(texts, max_size=3).map(tuple),
        country=opt_texts,
        sector=opt_texts,
    ),
    st.builds(Mention, id=texts, article=texts, span=spans, actor=texts, text=texts),
    st.builds(
        Quote,
        id=texts,
        article=texts,
        span=spans,
        text=texts,
        kind=st.sampled_from(["direct", "indirect", "mixed"]),
        speaker=opt_texts,
        speaker_id=opt_texts,
        speaker_mention=st.none() | text_spans,
        cue=st.none() | text_spans,
    ),
    st.builds(
        Event,
        id=texts,
        article=texts,
        span=spans,
        event_type=texts,
        source=st.none() | actor_refs,
        target=st.none() | actor_refs,
        negated=st.booleans(),
        trigger=st.none() | text_spans,
    ),
    st.builds(
        Figure,
        id=texts,
        article=texts,
        span=spans,
        text=texts,
        value=st.none() | finite,
        value_max=st.none() | finite,
        unit=opt_texts,
    ),
    st.builds(DateRecord, id=texts, article=texts, span=spans, text=texts, value=opt_texts),
)


@given(records)
def test_record_round_trips_through_json(record: object) -> None:
    encoded = json.dumps(record.to_dict())  # type: ignore[attr-defined]
    assert record_from_dict(json.loads(encoded)) == record


def test_article_dict_has_contract_keys() -> None:
    d = Article(id="art_1", text="Body.", source="x.txt", source_span=(0, 5)).to_dict()
    assert d["type"] == "article"
    for key in (
        "id",
        "source",
        "source_id",
        "source_span",
        "title",
        "dateline",
        "byline",
        "published",
        "text",
    ):
        assert key in d
    assert d["source_span"] == [0, 5]


def test_quote_dict_nests_cue_and_speaker_mention() -> None:
    q = Quote(
        id="q",
        article="a",
        span=(10, 20),
        text="x" * 10,
        kind="direct",
        speaker="Jane Roe",
        speaker_mention=TextSpan("Roe", (25, 28)),
        cue=TextSpan("said", (21, 25)),
    )
    d = q.to_dict()
    assert d["cue"] == {"text": "said", "span": [21, 25]}
    assert d["speaker_mention"]["span"] == [25, 28]
    assert d["span"] == [10, 20] and d["article"] == "a" and d["type"] == "quote"


def test_unknown_record_type_is_refused() -> None:
    try:
        record_from_dict({"type": "nonsense"})
    except ValueError as exc:
        assert "nonsense" in str(exc)
    else:
        raise AssertionError("expected ValueError")


def test_stable_id_is_deterministic_and_distinguishes_inputs() -> None:
    assert stable_id("q", "a", 1, 2) == stable_id("q", "a", 1, 2)
    assert stable_id("q", "a", 1, 2) != stable_id("q", "a", 12, "")
    assert stable_id("q", "a").startswith("q_")
