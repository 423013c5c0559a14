"""JSON Lines input: one article per line, the format other tools hand sitrep their articles in.

(A JSON array of such objects, or one pretty-printed object, is read the same way.)

Each line is a JSON object with a required ``text`` and optional ``id`` (kept as the article's
``source_id``), ``title``, ``published``, ``url``, ``source``, ``byline`` (or ``author``),
``dateline`` and ``tags``. Unknown fields are ignored, so exports of other tools can be fed as
they are.

The ``text`` is kept verbatim, not cleaned or re-wrapped: callers that already hold offsets
into their texts (annotations, highlights) must be able to use sitrep's spans with them.

sitrep's own output reads back: a file ``sitrep extract`` or ``sitrep export`` wrote gives its
articles with every field they had (``source``, ``source_id``, ``source_span`` ...), and the
other records of the contract in it (actor, quote, event ...) are skipped with one note, since
sitrep analyses the articles again. Such a line is known by its shape (``"type": "article"``
with a ``source_id`` field; other record types with ``"article"`` and ``"span"``), so another
tool's ``type`` field is read as before.

A bad line is reported as its own :class:`InputError` with its line number and the reader
moves on: one malformed record must not cost the thousands of good ones around it.

``published`` is normalised to ISO 8601 at the precision the value has (``2025-09``,
``2025-09-11``, ``2025-09-11T08:00:00+02:00``). Values that are not dates are kept out
(``None``) rather than guessed, with a note on stderr naming the line: dateparser runs
without its relative-date parser, so "yesterday" or "now" never become the date of the run.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from sitrep.errors import InputError
from sitrep.ingest.dedupe import article_id
from sitrep.ingest.published import normalize_published
from sitrep.ingest.sources import nothing_to_read
from sitrep.records import RECORD_TYPES, Article

#: Optional string fields and the Article field each one fills. When two fill the same field
#: the first one present wins (``byline`` before ``author``).
_STRING_FIELDS: tuple[tuple[str, str], ...] = (
    ("title", "title"),
    ("published", "published"),
    ("url", "url"),
    ("source", "source"),
    ("byline", "byline"),
    ("author", "byline"),
    ("dateline", "dateline"),
)


logger = logging.getLogger(__name__)


def _line_article(source: str, record: dict[str, Any], where: str) -> Article:
    """The article of one parsed line (``where``: the line, to name in a note); raises
    ValueError naming the bad field."""
    text = record.get("text")
    if text is None:
        raise ValueError('missing "text" (each line needs the article text in "text")')
    if not isinstance(text, str):
        raise ValueError(f'"text" must be a string, not {_json_type(text)}')
    if not text.strip():
        raise ValueError('"text" is empty')
    unreadable = nothing_to_read(text)
    if unreadable is not None:
        raise ValueError(f'"text" holds nothing to read ({unreadable})')
    fields: dict[str, Any] = {}
    for key, field in _STRING_FIELDS:
        value = record.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise ValueError(f'"{key}" must be a string, not {_json_type(value)}')
        if value.strip() and field not in fields:
            fields[field] = value.strip()
    raw_id = record.get("id")
    if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, (str, int))):
        raise ValueError(f'"id" must be a string or an integer, not {_json_type(raw_id)}')
    tags = record.get("tags", [])
    if tags is None:
        tags = []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ValueError('"tags" must be a list of strings')
    published = fields.pop("published", None)
    when = normalize_published(published) if published else None
    if published and when is None:
        # A date the reader cannot read is left out, not guessed; the article still counts.
        logger.warning(
            'note: %s: "published" is %r, not a date; stored without one', where, published
        )
    return Article(
        id=article_id(text),
        text=text,
        source=fields.pop("source", source),
        source_id=str(raw_id) if raw_id is not None else None,
        published=when,
        tags=tuple(t.strip() for t in tags if t.strip()),
        **fields,
    )


def _contract_type(record: dict[str, Any]) -> str | None:
    """The record type of a line sitrep wrote (``sitrep extract``, ``sitrep export``), else None."""
    kind = record.get("type")
    if kind == "article":
        return kind if "source_id" in record else None
    if kind in RECORD_TYPES and "article" in record and "span" in record:
        return str(kind)
    return None


def _contract_article(source: str, record: dict[str, Any], where: str) -> Article:
    """An article line of sitrep's own output, back as the article it was: its ``id`` is
    sitrep's (recomputed from the text), ``source_id`` the input's own id."""
    article = _line_article(source, {**record, "id": record.get("source_id")}, where)
    span = record.get("source_span")
    if span is None:
        return article
    if not (
        isinstance(span, list) and len(span) == 2 and all(type(x) is int and x >= 0 for x in span)
    ):
        raise ValueError('"source_span" must be a list of two offsets')
    return replace(article, source_span=(span[0], span[1]))


class _Records:
    """Reads the objects of one input: articles, sitrep's own records counted and skipped."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.articles = 0
        self.skipped: Counter[str] = Counter()

    def read(self, record: dict[str, Any], where: str) -> Article | None:
        kind = _contract_type(record)
        if kind == "article":
            article = _contract_article(self.source, record, where)
        elif kind is not None:
            self.skipped[kind] += 1
            return None
        else:
            article = _line_article(self.source, record, where)
        self.articles += 1
        return article

    def closing(self) -> InputError | None:
        """After the last object: a note on the skipped records, or the error for an input
        that held records and no article."""
        if not self.skipped:
            return None
        count = sum(self.skipped.values())
        kinds = ", ".join(sorted(self.skipped))
        if not self.articles:
            return InputError(
                self.source,
                f"holds {count} extract records ({kinds}) but no article: sitrep reads "
                "articles; sitrep export writes them with their records",
            )
        logger.warning(
            "note: %s: skipped %d extract records (%s) that are not articles: "
            "sitrep analyses their articles again",
            self.source,
            count,
            kinds,
        )
        return None


def _json_type(value: object) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", str: "a string",
             list: "a list", dict: "an object"}  # fmt: skip
    return "null" if value is None else names.get(type(value), type(value).__name__)


def read_jsonl(source: str, text: str) -> Iterator[Article | InputError]:
    """One article per non-blank line of ``text``; a bad line yields an InputError with its
    (1-based) line number instead, and reading goes on.

    A whole JSON document is accepted too, as exports often are: an array of article objects
    (a bad item is reported by its position) or one pretty-printed object.
    """
    records = _Records(source)
    document = _json_document(text)
    if isinstance(document, dict):
        document = [document]
    if isinstance(document, list):
        yield from _read_items(records, document)
    else:
        yield from _read_lines(records, text)
    closing = records.closing()
    if closing is not None:
        yield closing


def _read_lines(records: _Records, text: str) -> Iterator[Article | InputError]:
    source = records.source
    # Split on "\n" only: str.splitlines() also breaks at U+2028 and U+0085, which JSON
    # allows unescaped inside strings.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(source, f"not valid JSON: {exc.msg} (column {exc.colno})", number)
            continue
        if not isinstance(record, dict):
            yield InputError(
                source, f"expected a JSON object per line, got {_json_type(record)}", number
            )
            continue
        try:
            article = records.read(record, f"{source}:{number}")
        except ValueError as exc:
            yield InputError(source, str(exc), number)
            continue
        if article is not None:
            yield article


def _json_document(text: str) -> Any:
    """``text`` parsed as one JSON document when it is not JSON Lines, else None."""
    stripped = text.lstrip()
    first_line = stripped.split("\n", 1)[0]
    if not stripped.startswith(("[", "{")) or _parses_as_object(first_line):
        return None  # JSON Lines (or not JSON at all): read line by line
    try:
        return json.loads(text)
    except ValueError:
        return None  # broken: the line-by-line reading reports where


def _parses_as_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _read_items(records: _Records, items: list[Any]) -> Iterator[Article | InputError]:
    source = records.source
    if not items:
        yield InputError(source, "the JSON array is empty")
    for number, record in enumerate(items, start=1):
        where = f"item {number} of the JSON array"
        if not isinstance(record, dict):
            yield InputError(source, f"{where}: expected an object, got {_json_type(record)}")
            continue
        try:
            article = records.read(record, f"{source}, {where}")
        except ValueError as exc:
            yield InputError(source, f"{where}: {exc}")
            continue
        if article is not None:
            yield article
