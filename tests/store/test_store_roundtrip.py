"""Writing articles and records and reading them back equal; one transaction per article."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.errors import StoreError
from sitrep.ingest.dedupe import article_id
from sitrep.records import (
    Actor,
    ActorRef,
    Article,
    DateRecord,
    Event,
    Figure,
    Mention,
    Quote,
    Record,
    TextSpan,
)
from sitrep.store import Store, rows, schema
from sitrep.store import store as store_module

TEXT = (
    "Poland signed a contract for 96 attack helicopters on Wednesday. "
    '"This strengthens our eastern flank," Defence Minister Wladyslaw Kosiniak-Kamysz said. '
    "The deal is worth about $10 billion, officials said last week."
)


def span_of(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return (start, start + len(part))


def sample(text: str = TEXT, **article: Any) -> tuple[Article, list[Record]]:
    art = Article(id=article_id(text), text=text, source="sample.txt", **article)
    aid = art.id
    minister = "Wladyslaw Kosiniak-Kamysz"
    quote = "This strengthens our eastern flank,"
    records: list[Record] = [
        DateRecord(
            id="d1",
            article=aid,
            span=span_of(text, "last week"),
            text="last week",
            value="2025-W36",
            precision="week",
        ),
        Actor(
            id="POL",
            article=aid,
            span=span_of(text, "Poland"),
            name="Poland",
            kind="country",
            country="POL",
            sector="GOV",
        ),
        Mention(id="m1", article=aid, span=span_of(text, minister), actor="wkk", text=minister),
        Quote(
            id="q1",
            article=aid,
            span=span_of(text, quote),
            text=quote,
            kind="direct",
            speaker=minister,
            speaker_id="wkk",
            speaker_mention=TextSpan(minister, span_of(text, minister)),
            cue=TextSpan("said", span_of(text, "said")),
        ),
        Event(
            id="e1",
            article=aid,
            span=span_of(text, "Poland signed a contract"),
            event_type="AGREE",
            source=ActorRef("POL", "Poland", "POL", "GOV"),
            trigger=TextSpan("signed", span_of(text, "signed")),
        ),
        Figure(
            id="f1",
            article=aid,
            span=span_of(text, "about $10 billion"),
            text="about $10 billion",
            value=1e10,
            unit="USD",
            kind="money",
            qualifier="about",
        ),
        Actor(
            id="wkk",
            article=aid,
            span=span_of(text, minister),
            name=minister,
            kind="person",
            aliases=("Kosiniak-Kamysz",),
            roles=("Defence Minister",),
            country="POL",
        ),
    ]
    return art, records


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'store.db'}") as opened:
        yield opened


def test_article_and_records_read_back_equal_in_span_order(store: Store) -> None:
    article, records = sample(published="2025-09-10", title="Poland buys helicopters")
    assert store.add(article, records).status == "new"
    assert store.get_article(article.id) == article
    back = store.records(article.id)
    assert sorted(back, key=repr) == sorted(records, key=repr)
    assert [r.span for r in back] == sorted(r.span for r in records)


def test_records_filtered_by_type_singular_or_plural(store: Store) -> None:
    article, records = sample()
    store.add(article, records)
    assert [r.type for r in store.records(article.id, ["quotes", "event"])] == ["event", "quote"]
    with pytest.raises(ValueError, match="unknown record type"):
        store.records(article.id, ["tweets"])


def test_stats_count_canonical_actors_and_records(store: Store) -> None:
    article, records = sample()
    store.add(article, records)
    assert store.stats() == {
        "articles": 1,
        "actors": 2,
        "mentions": 1,
        "quotes": 1,
        "events": 1,
        "figures": 1,
        "dates": 1,
        "near_duplicates": 0,
    }


def test_duplicate_writes_nothing_even_after_reopen(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'dup.db'}"
    article, records = sample()
    with Store.open(url) as store:
        assert store.add(article, records).status == "new"
        before = store.stats()
    with Store.open(url) as store:
        result = store.add(article, records)
        assert (result.status, result.duplicate_of) == ("duplicate", article.id)
        assert store.stats() == before


def test_failing_record_rolls_back_the_whole_article(store: Store) -> None:
    article, records = sample()
    # kind is NOT NULL in the quotes table: the insert fails after the article row, its bands
    # and its actors were written in the same transaction.
    broken = Quote(id="bad", article=article.id, span=(0, 6), text="Poland", kind=None)  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="not stored"):
        store.add(article, [*records, broken])
    assert store.get_article(article.id) is None
    assert all(count == 0 for count in store.stats().values())
    with store._engine.connect() as conn:
        for table in (schema.lsh_bands, schema.actor_names, schema.article_actors):
            assert conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() == 0
    # The same article with good records goes in afterwards.
    assert store.add(article, records).status == "new"


def test_exception_mid_insert_leaves_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    article, records = sample()
    real = rows.record_values
    calls = {"n": 0}

    def fail_on_fourth(record: Record) -> Any:
        calls["n"] += 1
        if calls["n"] == 4:
            raise RuntimeError("disk on fire")
        return real(record)

    monkeypatch.setattr(rows, "record_values", fail_on_fourth)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.add(article, records)
    assert calls["n"] == 4
    assert store.get_article(article.id) is None
    assert all(count == 0 for count in store.stats().values())


def test_record_of_another_article_is_refused(store: Store) -> None:
    article, records = sample()
    stray = Mention(id="m9", article="art_other", span=(0, 6), actor="POL", text="Poland")
    with pytest.raises(StoreError, match="belongs to article art_other"):
        store.add(article, [*records, stray])
    assert store.stats()["articles"] == 0


def test_span_outside_text_is_refused(store: Store) -> None:
    article, _ = sample()
    bad = Mention(id="m9", article=article.id, span=(5, len(TEXT) + 1), actor="POL", text="x")
    with pytest.raises(StoreError, match="outside the article text"):
        store.add(article, [bad])


def test_article_itself_in_records_is_accepted(store: Store) -> None:
    article, records = sample()
    assert store.add(article, [article, *records]).status == "new"
    assert len(store.records(article.id)) == len(records)


def test_canonical_actor_merges_aliases_roles_and_missing_fields(store: Store) -> None:
    first, _ = sample()
    text2 = "Kosiniak-Kamysz, who is also deputy prime minister, visited Rzeszow on Monday."
    second = Article(id=article_id(text2), text=text2, source="b.txt")
    store.add(
        first,
        [
            Actor(
                id="wkk",
                article=first.id,
                span=(0, 6),
                name="W. Kosiniak-Kamysz",
                kind="person",
                roles=("Defence Minister",),
            )
        ],
    )
    store.add(
        second,
        [
            Actor(
                id="wkk",
                article=second.id,
                span=(0, 15),
                name="W. Kosiniak-Kamysz",
                kind="person",
                aliases=("Kosiniak-Kamysz",),
                roles=("deputy prime minister", "Defence Minister"),
                country="POL",
                sector="GOV",
            )
        ],
    )
    detail = store.actor("kosiniak-kamysz")
    assert detail is not None
    assert detail.actor.aliases == ("Kosiniak-Kamysz",)
    assert detail.actor.roles == ("Defence Minister", "deputy prime minister")
    assert (detail.actor.country, detail.actor.sector) == ("POL", "GOV")
    assert detail.actor.article_count == 2
    # Each article keeps its own Actor record as written.
    [own] = store.records(second.id)
    assert isinstance(own, Actor)
    assert own.roles == ("deputy prime minister", "Defence Minister")


def test_list_articles_newest_first_then_insertion_order(store: Store) -> None:
    texts = [
        f"Article number {n} reports on a different naval exercise near {place}."
        for n, place in enumerate(["Gotland", "Crete", "Okinawa", "Malta"])
    ]
    published = [None, "2025-01-05", "2025-03-01", "2025-01-05"]
    ids = []
    for text, date in zip(texts, published, strict=True):
        art = Article(id=article_id(text), text=text, source="s", published=date)
        store.add(art, [])
        ids.append(art.id)
    listed = [a.id for a in store.list_articles()]
    assert listed == [ids[2], ids[1], ids[3], ids[0]]
    assert [a.id for a in store.list_articles(limit=2, offset=1)] == [ids[1], ids[3]]


def test_iter_records_streams_each_article_then_its_records(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "_EXPORT_BATCH", 2)  # cross batch boundaries
    openings = [
        "Finland opened a new border fence section.",
        "A cyber attack hit a logistics firm.",
        "Two destroyers sailed through the strait.",
    ]
    added = []
    for opening in openings:
        article, records = sample(opening + " " + TEXT)
        assert store.add(article, records).status == "new"
        added.append((article, store.records(article.id)))
    expected = [item for article, recs in added for item in (article, *recs)]
    assert list(store.iter_records()) == expected
    assert [r.type for r in store.iter_records(["quote"])] == ["quote"] * 3
    assert list(store.iter_records(["article"])) == [article for article, _ in added]


# -- property: any record reads back equal ---------------------------------------------------

_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
_opt_text = st.none() | _text
_opt_float = st.none() | st.floats(allow_nan=False, allow_infinity=False)


@st.composite
def article_with_records(draw: st.DrawFn) -> tuple[Article, list[Record]]:
    body = draw(st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=200))
    art = Article(
        id=draw(st.text(min_size=1, max_size=40).map(lambda s: "art_" + s.encode().hex()[:40])),
        text=body,
        source=draw(_text),
        source_id=draw(_opt_text),
        source_span=draw(st.none() | st.tuples(st.integers(0, 10**6), st.integers(0, 10**6))),
        title=draw(_opt_text),
        dateline=draw(_opt_text),
        byline=draw(_opt_text),
        published=draw(_opt_text),
        url=draw(_opt_text),
        tags=tuple(draw(st.lists(_text, max_size=3))),
    )

    def span() -> tuple[int, int]:
        start = draw(st.integers(0, len(body)))
        return (start, draw(st.integers(start, len(body))))

    def text_span() -> TextSpan | None:
        return draw(st.none() | st.builds(TextSpan, _text, st.just(span())))

    def ref() -> ActorRef | None:
        return draw(st.none() | st.builds(ActorRef, _opt_text, _text, _opt_text, _opt_text))

    aid = art.id
    makers = [
        lambda i: Actor(
            id=f"a{i}",
            article=aid,
            span=span(),
            name=draw(_text),
            kind=draw(_text),
            aliases=tuple(draw(st.lists(_text, max_size=3))),
            roles=tuple(draw(st.lists(_text, max_size=3))),
            country=draw(_opt_text),
            sector=draw(_opt_text),
        ),
        lambda i: Mention(
            id=f"m{i}", article=aid, span=span(), actor=draw(_text), text=draw(_text)
        ),
        lambda i: Quote(
            id=f"q{i}",
            article=aid,
            span=span(),
            text=draw(_text),
            kind=draw(_text),
            speaker=draw(_opt_text),
            speaker_id=draw(_opt_text),
            speaker_mention=text_span(),
            cue=text_span(),
        ),
        lambda i: Event(
            id=f"e{i}",
            article=aid,
            span=span(),
            event_type=draw(_text),
            mode=draw(_opt_text),
            source=ref(),
            target=ref(),
            location=draw(_opt_text),
            date=draw(_opt_text),
            negated=draw(st.booleans()),
            hypothetical=draw(st.booleans()),
            reported=draw(st.booleans()),
            quote=draw(_opt_text),
            trigger=text_span(),
        ),
        lambda i: Figure(
            id=f"f{i}",
            article=aid,
            span=span(),
            text=draw(_text),
            value=draw(_opt_float),
            unit=draw(_opt_text),
            kind=draw(_text),
            qualifier=draw(_opt_text),
            value_max=draw(_opt_float),
            refers_to=draw(_opt_text),
        ),
        lambda i: DateRecord(
            id=f"d{i}",
            article=aid,
            span=span(),
            text=draw(_text),
            value=draw(_opt_text),
            precision=draw(_opt_text),
        ),
    ]
    picks = draw(st.lists(st.integers(0, len(makers) - 1), max_size=8))
    return art, [makers[k](n) for n, k in enumerate(picks)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article_with_records())
def test_property_any_article_and_records_read_back_equal(
    case: tuple[Article, list[Record]],
) -> None:
    article, records = case
    with Store.open("sqlite://") as store:
        assert store.add(article, records).status == "new"
        assert store.get_article(article.id) == article
        back = store.records(article.id)
        assert sorted(back, key=repr) == sorted(records, key=repr)
        assert list(store.iter_records())[0] == article


def test_two_writers_on_one_file_both_succeed(tmp_path: Path) -> None:
    # Two Store objects stand in for two processes; WAL, BEGIN IMMEDIATE and the busy timeout
    # must serialise them without "database is locked".
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    stores = [Store.open(url), Store.open(url)]
    words = ["tank", "radar", "frigate", "drone", "satellite", "rifle", "bunker", "missile"]

    def write(worker: int) -> list[str]:
        statuses = []
        for n in range(8):
            text = " ".join(f"{words[(n + k + worker * 3) % 8]}{worker}{n}{k}" for k in range(12))
            art = Article(id=article_id(text), text=text, source=f"w{worker}")
            statuses.append(stores[worker].add(art, []).status)
        return statuses

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(write, [0, 1]))
    for store in stores:
        store.close()
    assert results == [["new"] * 8, ["new"] * 8]
    with Store.open(url) as store:
        assert store.stats()["articles"] == 16
