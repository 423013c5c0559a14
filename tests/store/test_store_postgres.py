"""The same store on PostgreSQL: run only when SITREP_TEST_POSTGRES_URL names a database.

Each test works in its own freshly created schema (``sitrep.store.testing``), dropped
afterwards, so pointing the variable at a database that holds other data never touches it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sitrep.errors import StoreError
from sitrep.ingest.dedupe import article_id
from sitrep.records import Actor, Article, Mention, Quote
from sitrep.store import MARK_END, MARK_START, Store
from sitrep.store.testing import postgres_test_url, scratch_schema_url

POSTGRES_URL = postgres_test_url() or ""
pytestmark = pytest.mark.skipif(
    not POSTGRES_URL, reason="set SITREP_TEST_POSTGRES_URL to run the PostgreSQL tests"
)

TEXT = (
    "The coast guard seized a tanker suspected of damaging an undersea cable, a spokesman "
    'said on Saturday. "We acted within our waters," Admiral Jane Holm said. Investigators '
    "boarded the ship and questioned its crew of twenty-four, who were held in the port."
)
OTHER = (
    "A shipyard launched the first of six frigates on Tuesday, the company said, with "
    "delivery to the navy expected after two years of trials at sea and in the harbour."
)


@pytest.fixture
def store() -> Iterator[Store]:
    with scratch_schema_url(POSTGRES_URL) as url, Store.open(url) as opened:
        yield opened


def sample(text: str = TEXT) -> tuple[Article, list[object]]:
    art = Article(
        id=article_id(text),
        text=text,
        source="pg.txt",
        title="Tanker seized",
        published="2025-02-01",
    )
    start = text.index("Admiral Jane Holm")
    span = (start, start + len("Admiral Jane Holm"))
    qs = text.index("We acted")
    quote_text = "We acted within our waters,"
    return art, [
        Actor(
            id="holm",
            article=art.id,
            span=span,
            name="Jane Holm",
            kind="person",
            aliases=("Holm",),
            roles=("Admiral",),
        ),
        Mention(id="m1", article=art.id, span=span, actor="holm", text="Admiral Jane Holm"),
        Quote(
            id="q1",
            article=art.id,
            span=(qs, qs + len(quote_text)),
            text=quote_text,
            kind="direct",
            speaker="Jane Holm",
            speaker_id="holm",
        ),
    ]


def test_round_trip_duplicates_and_queries(store: Store) -> None:
    assert store.dialect == "postgresql"
    article, records = sample()
    assert store.add(article, records).status == "new"  # type: ignore[arg-type]
    assert store.add(article, records).status == "duplicate"  # type: ignore[arg-type]
    assert store.get_article(article.id) == article
    assert sorted(store.records(article.id), key=repr) == sorted(records, key=repr)
    assert [i.record.id for i in store.quotes(speaker="holm").items] == ["q1"]
    detail = store.actor("Jane Holm")
    assert detail is not None and detail.actor.quote_count == 1
    copy = Article(id="art_copy", text=TEXT + " Reporting by staff.", source="b")
    assert store.add(copy, []).status == "near_duplicate"
    assert store.stats()["near_duplicates"] == 1
    assert list(store.iter_records())[0] == article


def test_failed_record_rolls_back(store: Store) -> None:
    article, records = sample()
    broken = Quote(id="bad", article=article.id, span=(0, 3), text="The", kind=None)  # type: ignore[arg-type]
    with pytest.raises(StoreError):
        store.add(article, [*records, broken])  # type: ignore[list-item]
    assert store.get_article(article.id) is None
    assert all(count == 0 for count in store.stats().values())


def test_search_ranks_and_never_raises(store: Store) -> None:
    for text, title in ((TEXT, "Tanker seized near cable"), (OTHER, "Frigate launched")):
        store.add(Article(id=article_id(text), text=text, source="s", title=title), [])
    hits = store.search("tanker")
    assert [h.title for h in hits] == ["Tanker seized near cable"]
    assert f"{MARK_START}tanker{MARK_END}" in hits[0].snippet.lower()
    assert [h.title for h in store.search('"undersea cable"')] == ["Tanker seized near cable"]
    assert store.search('"cable undersea"') == []
    assert store.search_count("navy OR tanker") == 2
    for query in ['"', "AND", "*", "(", "-", "OR navy OR", "!", "&|", "🚢", "a:b"]:
        store.search(query)
