"""Read a plain-text dump of many concatenated news articles as ``Article`` records.

The reader is the thin public face of :mod:`sitrep.ingest.segment` (which finds the articles)
and :mod:`sitrep.ingest.clean` (which knows the noise): it turns each segment into the extract
contract's ``Article``, with the cleaned, unwrapped body as ``text``, the raw character span of
the article in the input as ``source_span``, and the headline, dateline, byline, tags and
publication date (from a date line over the article) the dump showed. The id is derived from
the body text only, so the same article read from two dumps, or from a dump and a JSONL file,
gets the same id.
"""

from __future__ import annotations

from collections.abc import Iterator

from sitrep.errors import InputError
from sitrep.ingest.dedupe import article_id
from sitrep.ingest.segment import Segment, segment
from sitrep.records import Article


def read_dump(source: str, text: str) -> Iterator[Article]:
    """Yield the articles of a text dump, in input order.

    ``source`` names the input (a path or URL) for the records and for errors; ``text`` is its
    decoded content. Raises :class:`sitrep.errors.InputError` when the text holds no article
    (empty, whitespace, or nothing but noise lines).

    Example::

        for article in read_dump("news.txt", Path("news.txt").read_text("utf-8")):
            print(article.id, article.title, article.source_span)
    """
    result = segment(text)
    if not result.articles:
        raise InputError(
            source,
            "no article found: the text is empty or holds only tag, credit or quote lines; "
            "pass a dump of news articles",
        )
    for seg in result.articles:
        yield to_article(source, seg)


def to_article(source: str, seg: Segment) -> Article:
    """The contract ``Article`` for one segment of a dump."""
    body = seg.body
    return Article(
        id=article_id(body),
        text=body,
        source=source,
        source_span=seg.span,
        title=seg.title,
        dateline=seg.dateline,
        byline=seg.byline,
        published=seg.published,
        tags=seg.tags,
    )


__all__ = ["read_dump", "to_article"]
