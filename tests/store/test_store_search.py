"""Full-text search: BM25 ranking with the title weighted, phrases, and no query ever raises."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.ingest.dedupe import article_id
from sitrep.records import Article
from sitrep.store import Store
from sitrep.store.search import (
    MARK_END,
    MARK_START,
    Term,
    fts5_expression,
    parse_query,
    render_marks,
    websearch_expression,
)

ARTICLES = [
    (
        "Navy orders three attack submarines",
        "The navy ordered three attack submarines from a northern shipyard on Friday. Each "
        "submarine will carry cruise missiles, and the first submarine is due in 2031.",
        "2025-05-02",
    ),
    (
        "Parliament debates the defence budget",
        "Lawmakers argued over the defence budget for hours. One deputy mentioned a submarine "
        "program in passing before the vote on artillery ammunition and air defence systems.",
        "2025-05-03",
    ),
    (
        "Army tests a new radar",
        "The army said its new radar tracked drones at long range. Air crews and defence "
        "engineers watched the trial, which ended without incident.",
        None,
    ),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("search") / "search.db"
    with Store.open(f"sqlite:///{path}") as opened:
        for title, text, published in ARTICLES:
            art = Article(
                id=article_id(text), text=text, source="feed", title=title, published=published
            )
            assert opened.add(art, []).status == "new"
        yield opened


def titles(hits: Sequence[object]) -> list[str | None]:
    return [hit.title for hit in hits]  # type: ignore[attr-defined]


def test_most_relevant_article_ranks_first(store: Store) -> None:
    hits = store.search("submarine")
    assert titles(hits) == [ARTICLES[0][0], ARTICLES[1][0]]
    assert hits[0].score > hits[1].score
    assert hits[0].published == "2025-05-02" and hits[0].source == "feed"


def test_title_match_outranks_body_match() -> None:
    about = Article(
        id="art_about",
        source="a",
        title="Drone factory expands",
        text="A plant outside the capital will double its output of loitering munitions, "
        "its owner said, hiring four hundred workers by the end of the year.",
    )
    aside = Article(
        id="art_aside",
        source="b",
        title="Border guards get new boats",
        text="Border guards received six patrol boats. A drone flew overhead during the "
        "ceremony; a second drone filmed it.",
    )
    with Store.open("sqlite://") as store:
        store.add(aside, [])
        store.add(about, [])
        assert [hit.id for hit in store.search("drone")] == ["art_about", "art_aside"]


def test_snippet_marks_the_match(store: Store) -> None:
    [hit] = store.search("radar tracked")
    assert f"{MARK_START}radar{MARK_END} {MARK_START}tracked{MARK_END}" in hit.snippet
    assert render_marks(hit.snippet, "[", "]").count("[") == 2


def test_brackets_in_the_text_are_not_match_marks(tmp_path_factory: pytest.TempPathFactory) -> None:
    text = "The minister said the [classified] annex on mine clearance stays secret [sic]."
    path = tmp_path_factory.mktemp("brackets") / "b.db"
    with Store.open(f"sqlite:///{path}") as opened:
        opened.add(Article(id=article_id(text), text=text, source="feed"), [])
        [hit] = opened.search("annex")
    assert "[classified]" in hit.snippet and "[sic]" in hit.snippet
    assert f"{MARK_START}annex{MARK_END}" in hit.snippet
    assert hit.snippet.count(MARK_START) == hit.snippet.count(MARK_END) == 1


def test_exact_phrase(store: Store) -> None:
    assert titles(store.search('"air defence"')) == [ARTICLES[1][0]]
    # Without quotes both articles containing "air" and "defence" match.
    assert set(titles(store.search("air defence"))) == {ARTICLES[1][0], ARTICLES[2][0]}


def test_stemming_prefix_and_or(store: Store) -> None:
    assert titles(store.search("submarines"))[0] == ARTICLES[0][0]
    assert set(titles(store.search("artill*"))) == {ARTICLES[1][0]}
    assert set(titles(store.search("radar OR ammunition"))) == {ARTICLES[1][0], ARTICLES[2][0]}
    assert store.search("radar ammunition") == []


def test_paging_and_count(store: Store) -> None:
    everything = store.search("the")
    assert len(everything) == 3 == store.search_count("the")
    assert store.search("the", limit=1, offset=1) == everything[1:2]
    assert store.search("the", limit=0) == []


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "AND",
        "OR",
        "NOT",
        "*",
        "(",
        ")",
        "submarine)",
        "(submarine",
        "sub*marine",
        'navy"s',
        "title:navy",
        "NEAR(navy radar)",
        "-navy",
        "^navy",
        "navy AND",
        "OR navy OR",
        "a AND OR b",
        "{navy}",
        "navy:",
        "'",
        "\\",
        "%",
        "_",
        "",
        "   ",
        "🚢",
        "navy*radar*",
    ],
)
def test_queries_that_break_fts_syntax_do_not_raise(store: Store, query: str) -> None:
    hits = store.search(query)
    assert isinstance(hits, list)
    assert store.search_count(query) == len(store.search(query, limit=100))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40))
def test_property_any_query_is_safe(query: str) -> None:
    parsed = parse_query(query)
    assert all(term.text for group in parsed for term in group)
    # Every FTS5 term is a quoted string (optionally with a prefix star): no user syntax.
    expression = fts5_expression(parsed)
    assert expression.count('"') % 2 == 0


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40))
def test_property_any_query_runs(store: Store, query: str) -> None:
    store.search(query, limit=3)


def test_parse_query() -> None:
    assert parse_query('"Air  defence" AND radar* OR (drones)') == [
        [Term("Air defence", phrase=True), Term("radar", prefix=True)],
        [Term("drones")],
    ]
    assert fts5_expression(parse_query('say "no"')) == '("say" AND "no")'
    assert websearch_expression(parse_query('"air defence" -radar or drones')) == (
        '"air defence" radar drones'
    )
