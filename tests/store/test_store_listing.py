"""Stored list columns: actor counts kept by add(), events' timeline date, article and monthly
counts, and the most-quoted order, checked against counts taken from the rows themselves; and
the planner statistics SQLite gets when a store that added articles closes."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from sitrep.records import Actor, ActorRef, Article, Event, Quote, Record
from sitrep.store import Store, schema
from sitrep.store.testing import postgres_test_url, scratch_schema_url


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return (start, start + len(part))


def person(article: str, text: str, ident: str, name: str) -> Actor:
    return Actor(id=ident, article=article, span=_span(text, name), name=name, kind="person")


def quote(article: str, text: str, ident: str, words: str, speaker: str, sid: str | None) -> Quote:
    return Quote(
        id=ident,
        article=article,
        span=_span(text, words),
        text=words,
        kind="direct",
        speaker=speaker,
        speaker_id=sid,
    )


def event(
    article: str, text: str, ident: str, words: str, kind: str, date: str | None, source: str
) -> Event:
    return Event(
        id=ident,
        article=article,
        span=_span(text, words),
        event_type=kind,
        source=ActorRef(source, source.title(), None, None),
        date=date,
    )


# Invented articles. "kallas" is quoted in art_a before any article carries an Actor record for
# her (art_c does): her quote must count once her canonical row exists.
TA = 'Kaja Kallas met officials. "We stand ready," said Kallas. Jonas Berg agreed to talks.'
TB = 'Jonas Berg inspected the port. "The ships are late," Jonas Berg said. Berg left.'
TC = 'Kaja Kallas visited the base. "Training goes on," Kallas said. Jonas Berg attended.'
TD = "Officials said the drills ended without incident, and the crews returned."


def corpus() -> list[tuple[Article, list[Record]]]:
    return [
        (
            Article(id="art_a", text=TA, source="a", published="2025-01-10"),
            [
                person("art_a", TA, "berg", "Jonas Berg"),
                quote("art_a", TA, "qa", "We stand ready,", "Kallas", "kallas"),
                event("art_a", TA, "ea", "Jonas Berg agreed to talks.", "AGREE", None, "berg"),
            ],
        ),
        (
            Article(id="art_b", text=TB, source="b", published="2025-02-03"),
            [
                person("art_b", TB, "berg", "Jonas Berg"),
                quote("art_b", TB, "qb", "The ships are late,", "Jonas Berg", "berg"),
                event(
                    "art_b",
                    TB,
                    "eb",
                    "Jonas Berg inspected the port.",
                    "CONSULT",
                    "2024-12-30",
                    "berg",
                ),
            ],
        ),
        (
            Article(id="art_c", text=TC, source="c", published="2025-02-20"),
            [
                person("art_c", TC, "kallas", "Kaja Kallas"),
                person("art_c", TC, "berg", "Jonas Berg"),
                quote("art_c", TC, "qc", "Training goes on,", "Kallas", "kallas"),
                event(
                    "art_c", TC, "ec", "Kaja Kallas visited the base.", "CONSULT", "2025", "kallas"
                ),
            ],
        ),
        (
            Article(id="art_d", text=TD, source="d"),  # no publication date
            [
                event(
                    "art_d", TD, "ed", "the drills ended without incident", "RETREAT", None, "crews"
                ),
                quote("art_d", TD, "qd", "the drills ended", "Officials", None),
            ],
        ),
    ]


@contextmanager
def database(kind: str) -> Iterator[str]:
    if kind == "sqlite":
        yield "sqlite://"
        return
    url = postgres_test_url()
    if url is None:
        pytest.skip("set SITREP_TEST_POSTGRES_URL to run the PostgreSQL tests")
    with scratch_schema_url(url) as scoped:
        yield scoped


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    with database(request.param) as url, Store.open(url) as opened:
        for article, records in corpus():
            assert opened.add(article, records).status == "new"
        yield opened


def recounted(store: Store) -> dict[str, tuple[int, int]]:
    """(quote_count, article_count) per actor, counted from the record rows."""
    q, aa = schema.quotes, schema.article_actors
    with store._engine.connect() as conn:
        quoted = Counter(conn.execute(sa.select(q.c.speaker_id)).scalars())
        pairs = {(a, b) for a, b in conn.execute(sa.select(aa.c.actor_id, aa.c.article_id))}
        ids = conn.execute(sa.select(schema.actors.c.id)).scalars().all()
    written = Counter(actor for actor, _ in pairs)
    return {i: (quoted[i], written[i]) for i in ids}


def stored(store: Store) -> dict[str, tuple[int, int]]:
    return {a.id: (a.quote_count, a.article_count) for a in store.actors(limit=100).items}


def test_stored_actor_counts_equal_counts_from_rows(store: Store) -> None:
    assert stored(store) == recounted(store)
    assert stored(store) == {"berg": (1, 3), "kallas": (2, 1)}


def test_quote_counted_when_its_speaker_row_arrives_later(store: Store) -> None:
    # qa (art_a) names "kallas" before art_c created her row; both quotes count.
    detail = store.actor("kallas")
    assert detail is not None and detail.actor.quote_count == 2


def test_actors_most_written_about_or_most_quoted_first(store: Store) -> None:
    assert [a.id for a in store.actors().items] == ["berg", "kallas"]
    assert [a.id for a in store.actors(order="quotes").items] == ["kallas", "berg"]
    page = store.actors(order="quotes", limit=1, offset=1)
    assert [a.id for a in page.items] == ["berg"] and page.count == 2
    with pytest.raises(ValueError, match="unknown actor order"):
        store.actors(order="loudest")  # type: ignore[arg-type]


def test_article_count_leaves_out_duplicates(store: Store) -> None:
    assert store.article_count() == 4
    article, records = corpus()[0]
    assert store.add(article, records).status == "duplicate"
    assert store.article_count() == 4 == store.stats()["articles"]


def test_events_ordered_by_event_date_else_publication_date(store: Store) -> None:
    # ea is undated in a January article, ec dated by year only (ISO strings: "2025" sorts
    # before "2025-01-10"), eb dated 2024-12-30 in a February article; ed has neither a date
    # nor a dated article and comes last.
    assert [i.record.id for i in store.events().items] == ["ea", "ec", "eb", "ed"]
    assert [i.record.id for i in store.events(since="2025-01-01").items] == ["ea"]
    assert store.events(since="2024-12-31").count == 2


def test_event_counts_by_month(store: Store) -> None:
    # ec's date is a bare year: it has no month and is left out; ed has no date at all.
    assert store.event_counts_by_month() == [("2024-12", 1), ("2025-01", 1)]
    assert store.event_counts_by_month(type="consult") == [("2024-12", 1)]
    assert store.event_counts_by_month(actor="berg") == [("2024-12", 1), ("2025-01", 1)]
    assert store.event_counts_by_month(since="2025-01-01") == [("2025-01", 1)]
    assert store.event_counts_by_month(type="THREATEN") == []


def test_event_counts_by_month_agree_with_the_listing(store: Store) -> None:
    listed = store.events(limit=100).items
    months = Counter(
        d[:7]
        for d in (getattr(i.record, "date", None) or i.published for i in listed)
        if d and len(d) >= 7
    )
    assert store.event_counts_by_month() == sorted(months.items())


def test_counts_without_article_filter_equal_joined_counts(store: Store) -> None:
    assert store.quotes().count == 4
    assert store.quotes(speaker="kallas").count == 2
    assert store.quotes(since="2025-02-01").count == 2  # article filter: counted over the join
    assert store.events(type="consult").count == 2


def _has_statistics(path: Path) -> bool:
    conn = sqlite3.connect(path)
    try:
        found = conn.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        return found.fetchone() is not None
    finally:
        conn.close()


def test_closing_after_adding_refreshes_planner_statistics(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    Store.open(f"sqlite:///{path}").close()
    assert not _has_statistics(path)  # nothing added: nothing to analyse
    with Store.open(f"sqlite:///{path}") as store:
        for article, records in corpus():
            store.add(article, records)
    assert _has_statistics(path)


def test_close_does_not_wait_for_another_writer(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    store = Store.open(f"sqlite:///{path}")
    article, records = corpus()[0]
    store.add(article, records)
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        store.close()
        other.execute("ROLLBACK")
    finally:
        other.close()
    assert not _has_statistics(path)
    with Store.open(f"sqlite:///{path}") as reopened:
        assert reopened.article_count() == 1
