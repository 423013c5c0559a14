"""Reading inputs into articles: the one entry point every command and the API go through.

``read_articles`` takes what a user names on the command line (files, directories, ``-`` for
stdin) and yields :class:`~sitrep.records.Article` objects, and one
:class:`~sitrep.errors.InputError` per input it cannot read. It never raises for bad input and
never stops early: in a batch of a thousand files, one PDF or one broken JSON line is reported
and the rest are read (the "batch work logs and skips a bad item" habit).

``read_text_input`` is the same dispatch for text already in memory (a POSTed body, a fetched
page): the format is detected from the content (:mod:`sitrep.ingest.detect`) and the text
goes to the HTML, feed, JSON Lines or text-dump reader.

Directories are walked recursively in sorted order; hidden entries are skipped, and so is
documentation beside the news (``README.md``: see
:data:`sitrep.ingest.sources.DOCUMENTATION_SUFFIXES`), with a note on stderr. Every other file
is read, so a stray binary file gets its own error line. A file named explicitly is always
read, whatever its name, and its content decides how. Compressed files and archives (gzip,
bzip2, xz, ZIP, tar) are unpacked in memory and read as the files they hold
(:mod:`sitrep.ingest.archives`).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from sitrep.errors import InputError
from sitrep.ingest.archives import Member, unpack
from sitrep.ingest.clean import parse_dateline
from sitrep.ingest.detect import InputFormat, detect_format
from sitrep.ingest.fetch import Fetcher, PageFetcher, is_web_address
from sitrep.ingest.sources import (
    STDIN_NAME,
    decode_bytes,
    input_files,
    read_file_bytes,
    read_stream_bytes,
    source_name,
    walk_files,
)
from sitrep.records import Article

if TYPE_CHECKING:
    from sitrep.config import Settings

logger = logging.getLogger(__name__)

ArticleOrError = Article | InputError

__all__ = [
    "ArticleOrError",
    "InputFormat",
    "detect_format",
    "read_articles",
    "read_text_input",
]


def read_text_input(
    source: str, text: str, *, input_format: InputFormat | None = None
) -> Iterator[ArticleOrError]:
    """Articles in already-decoded ``text``, and an InputError for each unreadable part.

    ``source`` names the input in articles and errors (a path, a URL, ``"<stdin>"``); its file
    extension only breaks ties in format detection. ``input_format`` skips detection when the
    caller knows better (an HTTP ``Content-Type``).
    """
    text = text.removeprefix("\ufeff")  # a BOM left by an editor or an HTTP client
    fmt = input_format or detect_format(text, source)
    logger.debug("%s: reading as %s", source, fmt)
    for item in _guarded(source, fmt, lambda: _dispatch(source, text, fmt)):
        yield _with_dateline(item) if fmt is not InputFormat.DUMP else item


def _with_dateline(item: ArticleOrError) -> ArticleOrError:
    """Fill ``dateline`` (the place: "TALLINN" from "TALLINN (AP) — ...") from the lede of an
    HTML, feed or JSONL article that does not name one, as the dump reader does for dumps.
    The text itself is left as it is, so callers' offsets stay valid."""
    if isinstance(item, InputError) or item.dateline is not None:
        return item
    found = parse_dateline(item.text)
    return item if found is None else replace(item, dateline=found.place)


def _dispatch(source: str, text: str, fmt: InputFormat) -> Iterator[ArticleOrError]:
    if fmt is InputFormat.HTML:
        from sitrep.ingest.html import read_html

        yield read_html(source, text)
    elif fmt is InputFormat.FEED:
        from sitrep.ingest.feed import read_feed

        yield from read_feed(source, text)
    elif fmt is InputFormat.JSONL:
        from sitrep.ingest.jsonl import read_jsonl

        yield from read_jsonl(source, text)
    else:
        # Imported here: the dump reader pulls in the segmenter, which HTML, feed and JSONL
        # inputs never need.
        try:
            from sitrep.ingest.dump import read_dump
        except ImportError:
            raise InputError(
                source,
                "plain-text dumps cannot be read: sitrep.ingest.dump "
                "is missing from this installation",
            ) from None

        # Dumps are plain text pasted from anywhere; Windows and old-Mac line endings are
        # read as "\n" (as Python's text mode does), so source spans count characters the
        # way an editor or ``open()`` shows the file.
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        yield from read_dump(source, text)


def _guarded(
    source: str, fmt: InputFormat, items: Callable[[], Iterator[ArticleOrError]]
) -> Iterator[ArticleOrError]:
    """Yield the reader's items; turn anything it raises into one InputError for ``source``.

    Readers raise InputError for input they refuse. Any other exception comes from a parser
    meeting input nobody foresaw; it is still this input's problem, not the batch's, so it is
    reported (with a traceback in the debug log) and reading goes on with the next input.
    """
    try:
        yield from items()
    except InputError as exc:
        yield exc
    except Exception as exc:
        logger.debug("%s: %s reader failed", source, fmt, exc_info=True)
        yield InputError(source, f"could not read as {fmt}: {type(exc).__name__}: {exc}")


def _read_bytes(source: str, read: Callable[[], bytes], limit: int) -> Iterator[ArticleOrError]:
    """Articles in the bytes ``read`` returns; a packed input (gzip, ZIP, tar: see
    :mod:`sitrep.ingest.archives`) gives those of every file it holds."""
    try:
        data = read()
    except InputError as exc:
        yield exc
        return
    for member in _unpacked(source, data, limit):
        if isinstance(member, InputError):
            yield member
        else:
            yield from _decoded(member.source, member.data, member.hint)


def _unpacked(source: str, data: bytes, limit: int) -> Iterator[Member | InputError]:
    """:func:`~sitrep.ingest.archives.unpack`, with anything it raises turned into one
    InputError for ``source`` (an archive damaged in a way nobody foresaw), as in
    :func:`_guarded`."""
    try:
        yield from unpack(source, data, limit)
    except Exception as exc:
        logger.debug("%s: unpacking failed", source, exc_info=True)
        yield InputError(source, f"could not unpack: {type(exc).__name__}: {exc}")


def _decoded(source: str, data: bytes, hint: str) -> Iterator[ArticleOrError]:
    try:
        decoded = decode_bytes(source, data)
    except InputError as exc:
        yield exc
        return
    fmt = detect_format(decoded.text, hint)
    yield from read_text_input(source, decoded.text, input_format=fmt)


def _read_page(url: str, fetch: Fetcher) -> Iterator[ArticleOrError]:
    try:
        text = fetch(url)
    except InputError as exc:
        yield exc
        return
    yield from read_text_input(url, text)


def read_articles(
    paths: Sequence[str],
    settings: Settings,
    stdin: BinaryIO | None = None,
    fetch: Fetcher | None = None,
    on_input: Callable[[str], None] | None = None,
) -> Iterator[ArticleOrError]:
    """Articles from files, directories (recursively, sorted), ``"-"`` (stdin) and web
    addresses, in order.

    Every input that cannot be read (missing, too large, binary, undecodable, no article in
    it, a malformed JSONL line, a page the server refuses) yields one :class:`InputError` in
    its place; nothing raises for bad input. ``stdin`` defaults to ``sys.stdin.buffer``.
    Inputs over ``settings.max_input_bytes`` are refused without being read. An ``http://`` or
    ``https://`` address is fetched once, now, with ``fetch`` (by default a
    :class:`~sitrep.ingest.fetch.PageFetcher` under the same size limit): the user named it,
    and nothing else in sitrep goes online. ``on_input`` is told the name of each input as
    reading it begins (a progress display: one long dump can take minutes to split).

    Example::

        for item in read_articles(["dumps/", "feed.xml", "-"], Settings()):
            if isinstance(item, InputError):
                print(item, file=sys.stderr)
            else:
                store.add(item)
    """
    limit = settings.max_input_bytes
    began = on_input or (lambda name: None)
    for raw in paths:
        if raw == "-":
            began(STDIN_NAME)
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_bytes(STDIN_NAME, partial(read_stream_bytes, stream, limit), limit)
            continue
        if is_web_address(raw):
            began(raw)
            fetch = fetch or PageFetcher(max_bytes=limit)
            yield from _read_page(raw, fetch)
            continue
        path = Path(raw)
        name = source_name(raw)
        if not path.is_dir():
            began(name)
            yield from _read_bytes(name, partial(read_file_bytes, path, limit, name), limit)
            continue
        entries = (i if isinstance(i, InputError) else (i, i) for i in walk_files(path))
        for item in input_files(name, "directory", entries):
            if isinstance(item, InputError):
                yield item
                continue
            item_name = source_name(str(item))
            began(item_name)
            read = partial(read_file_bytes, item, limit, item_name)
            yield from _read_bytes(item_name, read, limit)
