"""Full-text search over article titles and texts, safe for anything a user types.

User input never reaches the FTS parser as syntax. ``parse_query`` reads it as terms and
"quoted phrases"; ``OR`` between terms means either, ``AND`` is the default and dropped, a
trailing ``*`` asks for a prefix match; parentheses, stray quotes, colons, ``NEAR``, ``-`` and
the like are just characters of a term. Each term is then re-emitted as a quoted FTS5 string
(which the FTS tokenizer splits like the indexed text, so "F-35" finds "F-35"). Terms without a
letter or digit are dropped: they cannot match anything and an empty FTS5 string is an error.

SQLite ranks with FTS5's BM25 with the title weighted ``TITLE_WEIGHT`` times the body (a title
match is the strongest evidence an article is *about* the query). bm25() is lower-is-better, so
the score we return is its negation. PostgreSQL uses the weighted tsvector of
``migrations.PG_DOCUMENT`` (title A, body B) with ts_rank and ts_headline.

Snippets mark each match between ``MARK_START`` and ``MARK_END``, two Unicode private-use
characters: article text never means anything by them, whereas brackets, asterisks or tags all
occur in real news text and would be mistaken for marks. Whoever shows a snippet turns them into
its own markup (``<mark>`` on web pages, ``render_marks`` for plain text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa

from sitrep.store.migrations import PG_DOCUMENT

TITLE_WEIGHT = 10.0
#: Opens a matched term in a snippet (U+E000, private use).
MARK_START = "\ue000"
#: Closes a matched term in a snippet (U+E001, private use).
MARK_END = "\ue001"
SNIPPET_TOKENS = 16

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_HAS_WORD = re.compile(r"[^\W_]")


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: str
    title: str | None
    score: float  # higher is better; comparable only within one result list
    snippet: str  # article text around the match, matches between MARK_START and MARK_END
    published: str | None
    source: str


@dataclass(frozen=True, slots=True)
class Term:
    text: str
    phrase: bool = False
    prefix: bool = False


#: A query is OR over groups; a group is AND over terms.
Query = list[list[Term]]


def render_marks(snippet: str, start: str, end: str) -> str:
    """``snippet`` with its match markers replaced, e.g. ``render_marks(s, "[", "]")``."""
    return snippet.replace(MARK_START, start).replace(MARK_END, end)


def parse_query(query: str) -> Query:
    groups: Query = [[]]
    # SQLite ends a string at NUL, which would leave the FTS5 expression unterminated.
    for match in _TOKEN.finditer(query.replace("\x00", " ")):
        phrase, bare = match.group(1), match.group(2)
        if phrase is not None:
            if _HAS_WORD.search(phrase):
                groups[-1].append(Term(" ".join(phrase.split()), phrase=True))
            continue
        if bare == "AND":
            continue
        if bare == "OR":
            if groups[-1]:
                groups.append([])
            continue
        prefix = bare.endswith("*")
        text = bare.strip("*()+-^:").strip()
        if _HAS_WORD.search(text):
            groups[-1].append(Term(text, prefix=prefix))
    return [group for group in groups if group]


def fts5_expression(query: Query) -> str:
    """The FTS5 MATCH expression of a parsed query ('' when nothing is searchable)."""

    def term(t: Term) -> str:
        quoted = '"' + t.text.replace('"', '""') + '"'
        return quoted + "*" if t.prefix else quoted

    return " OR ".join("(" + " AND ".join(term(t) for t in group) + ")" for group in query)


def websearch_expression(query: Query) -> str:
    """The same query in PostgreSQL ``websearch_to_tsquery`` syntax (which never raises)."""

    def term(t: Term) -> str:
        clean = t.text.replace('"', " ")
        if t.phrase:
            return f'"{clean}"'
        # A leading "-" would mean NOT to websearch_to_tsquery; a bare "or" would mean OR.
        return " ".join(w for w in clean.lstrip("-").split() if w.lower() != "or")

    groups = (" ".join(filter(None, (term(t) for t in group))) for group in query)
    return " or ".join(filter(None, groups))


_SQLITE_SEARCH = sa.text(
    f"""
    SELECT a.id, a.title, a.published, a.source,
           -bm25(articles_fts, {TITLE_WEIGHT}, 1.0) AS score,
           snippet(articles_fts, 1, :mark_start, :mark_end, '…', {SNIPPET_TOKENS}) AS snippet
    FROM articles_fts JOIN articles AS a ON a.seq = articles_fts.rowid
    WHERE articles_fts MATCH :query
    ORDER BY bm25(articles_fts, {TITLE_WEIGHT}, 1.0), a.seq
    LIMIT :limit OFFSET :offset
    """
)
_SQLITE_COUNT = sa.text("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH :query")

_PG_SEARCH = sa.text(
    f"""
    SELECT a.id, a.title, a.published, a.source,
           ts_rank({PG_DOCUMENT}, q.query) AS score,
           ts_headline('english', a.text, q.query,
                       'StartSel=' || :mark_start || ', StopSel=' || :mark_end ||
                       ', MaxWords=35, MinWords=15, MaxFragments=1') AS snippet
    FROM articles AS a, (SELECT websearch_to_tsquery('english', :query) AS query) AS q
    WHERE {PG_DOCUMENT} @@ q.query
    ORDER BY score DESC, a.seq
    LIMIT :limit OFFSET :offset
    """
)
_PG_COUNT = sa.text(
    f"SELECT count(*) FROM articles WHERE {PG_DOCUMENT} @@ websearch_to_tsquery('english', :query)"
)


def search(conn: sa.Connection, query: str, limit: int, offset: int) -> list[SearchHit]:
    expression = _expression(conn, query)
    if not expression or limit <= 0:
        return []
    statement = _SQLITE_SEARCH if conn.dialect.name == "sqlite" else _PG_SEARCH
    rows = conn.execute(
        statement,
        {
            "query": expression,
            "limit": limit,
            "offset": max(offset, 0),
            "mark_start": MARK_START,
            "mark_end": MARK_END,
        },
    ).mappings()
    return [
        SearchHit(
            id=row["id"],
            title=row["title"],
            score=float(row["score"]),
            snippet=row["snippet"] or "",
            published=row["published"],
            source=row["source"],
        )
        for row in rows
    ]


def count(conn: sa.Connection, query: str) -> int:
    expression = _expression(conn, query)
    if not expression:
        return 0
    statement = _SQLITE_COUNT if conn.dialect.name == "sqlite" else _PG_COUNT
    return int(conn.execute(statement, {"query": expression}).scalar() or 0)


def _expression(conn: sa.Connection, query: str) -> str:
    parsed = parse_query(query)
    if conn.dialect.name == "sqlite":
        return fts5_expression(parsed)
    return websearch_expression(parsed)
