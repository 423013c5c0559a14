"""RSS and Atom feeds: every entry that carries text becomes an article.

feedparser handles the many dialects (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, RDF) and their broken
real-world variants. It is given an in-memory byte stream, never the string itself: given a
string that looks like a URL or an existing file name, ``feedparser.parse`` fetches or opens
it, and sitrep never touches the network while reading. The text was decoded already, so the
stream is declared UTF-8 through a response header, overriding an XML declaration that still
names the file's original encoding.

An entry's text is its longest ``content`` (Atom ``<content>``, RSS ``<content:encoded>``),
else its ``summary``/``description``; entries with neither (headline-only feeds) are skipped,
and a feed where every entry is like that is one :class:`InputError` that says so.
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

import feedparser

from sitrep.errors import InputError
from sitrep.ingest.dedupe import article_id
from sitrep.ingest.html import fragment_text, join_paragraphs
from sitrep.records import Article

_UTF8_XML = {"content-type": "application/xml; charset=utf-8"}


def _entry_text(entry: Mapping[str, Any]) -> str:
    """The entry's body as plain text: its longest content block, else its summary."""
    blocks: list[tuple[str, str]] = []
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        blocks.append((value, content.get("type") or "text/html"))
    if not any(value.strip() for value, _ in blocks):
        detail = entry.get("summary_detail") or {}
        blocks = [(entry.get("summary") or "", detail.get("type") or "text/html")]
    value, kind = max(blocks, key=lambda block: len(block[0]))
    # feedparser labels RSS descriptions text/html whether or not they hold markup;
    # fragment_text leaves markup-free text as it is apart from entities and spacing.
    if kind == "text/plain":
        return join_paragraphs(value)
    return fragment_text(value)


def _published(entry: Mapping[str, Any]) -> str | None:
    """Publication (else update) time in UTC, ISO 8601; feedparser parses the dialects'
    date formats (RFC 822, W3C-DTF, ...) and converts them to UTC ``struct_time``."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if isinstance(parsed, time.struct_time):
            moment = datetime(*parsed[:6], tzinfo=UTC)
            return moment.isoformat().replace("+00:00", "Z")
    return None


def _text_field(entry: Mapping[str, Any], key: str) -> str | None:
    value = entry.get(key)
    if not isinstance(value, str):
        return None
    value = " ".join(fragment_text(value).split()) if "<" in value else " ".join(value.split())
    return value or None


def read_feed(source: str, text: str) -> Iterator[Article | InputError]:
    """The articles of an RSS/Atom feed held in ``text``; ``source`` names the feed."""
    parsed = feedparser.parse(
        io.BytesIO(text.encode("utf-8")),
        response_headers=_UTF8_XML,
        resolve_relative_uris=False,
    )
    entries = list(parsed.get("entries") or [])
    if not entries:
        if parsed.get("bozo"):
            problem = parsed.get("bozo_exception")
            yield InputError(source, f"not a readable RSS/Atom feed: {problem}")
        else:
            yield InputError(source, "feed has no entries")
        return
    produced = 0
    for entry in entries:
        body = _entry_text(entry)
        if not body:
            continue
        produced += 1
        yield Article(
            id=article_id(body),
            text=body,
            source=source,
            source_id=_text_field(entry, "id"),
            title=_text_field(entry, "title"),
            byline=_text_field(entry, "author"),
            published=_published(entry),
            url=_text_field(entry, "link"),
            tags=tuple(
                term for tag in entry.get("tags") or [] if (term := (tag.get("term") or "").strip())
            ),
        )
    if not produced:
        yield InputError(
            source,
            f"none of the feed's {len(entries)} entries has content or a summary "
            "(a headline-only feed: read the linked pages instead)",
        )
