"""Input format detection: which reader a decoded text goes to, decided by its content.

Users name files ``news.txt`` that hold HTML, save feeds as ``.xml`` or pipe everything through
stdin, so the content decides; the file extension only breaks ties when the content is
ambiguous (a first JSON line that is malformed, markup that is not clearly HTML or a feed).

The tests, in order:

1. markup whose first element is ``<rss>``, ``<feed>`` or ``<rdf:RDF>`` -> a feed;
2. a doctype, or a first element that is an HTML tag -> an HTML page;
3. a first non-blank line that is a JSON object -> JSON Lines (also when it starts with ``{``
   but is malformed, if one of the next lines is an object or the name ends in ``.jsonl``),
   or a JSON document made of article objects (``[{"text": ...}]``) -> JSON;
4. body markup (``<p>``, ``<article>``, ``<body>``) in a text that does not start with a tag,
   at least :data:`_MIN_FRAGMENT_TAGS` times -> an HTML fragment;
5. otherwise a text dump (one or many articles of plain text).
"""

from __future__ import annotations

import json
import re
from enum import StrEnum
from pathlib import PurePath


class InputFormat(StrEnum):
    """The kinds of input sitrep reads; the value names the reader in messages."""

    HTML = "html"
    FEED = "feed"
    JSONL = "jsonl"
    DUMP = "dump"


#: How far into the text the sniffing looks; formats announce themselves at the start.
_HEAD_CHARS = 8192
#: Things that may precede the first element of an XML/HTML document.
_PROLOG = re.compile(
    r"\A(?:\s+|<\?[^>]*\?>|<!--.*?-->|<!(?!doctype\s+html)[^>]*>)*", re.IGNORECASE | re.DOTALL
)
_DOCTYPE_HTML = re.compile(r"<!doctype\s+html", re.IGNORECASE)
_FIRST_TAG = re.compile(r"<([A-Za-z][\w:.-]*)")
_FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf"})
#: Elements that start an HTML document or a fragment of one.
_HTML_TAGS = frozenset(
    {
        "html", "head", "body", "meta", "title", "link", "script", "style", "article", "main",
        "section", "header", "nav", "div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "span",
        "table", "ul", "ol", "figure", "img", "a", "blockquote", "br", "form", "iframe",
    }
)  # fmt: skip
_BODY_MARKUP = re.compile(r"<(?:p|article|body|html|br|div)(?:\s[^>]*)?/?>", re.IGNORECASE)
_MIN_FRAGMENT_TAGS = 3
#: A JSON array of objects or a pretty-printed object: ``[{"``, ``{\n  "text":``.
_JSON_DOCUMENT = re.compile(r'\A\s*(?:\[\s*)?\{\s*"[^"\n]{1,100}"\s*:')
#: Non-blank lines looked at when the first one starts like JSON but does not parse.
_JSONL_PROBE_LINES = 4

_EXTENSIONS: dict[str, InputFormat] = {
    ".html": InputFormat.HTML,
    ".htm": InputFormat.HTML,
    ".xhtml": InputFormat.HTML,
    ".rss": InputFormat.FEED,
    ".atom": InputFormat.FEED,
    ".xml": InputFormat.FEED,
    ".jsonl": InputFormat.JSONL,
    ".ndjson": InputFormat.JSONL,
    ".json": InputFormat.JSONL,
}


def _extension_format(name: str | None) -> InputFormat | None:
    if not name:
        return None
    return _EXTENSIONS.get(PurePath(name).suffix.lower())


def _leading_lines(text: str, count: int) -> list[str]:
    """The first ``count`` non-blank lines, stripped, found without splitting the whole text."""
    lines: list[str] = []
    start = 0
    while len(lines) < count and start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end].strip()
        if line:
            lines.append(line)
        start = end + 1
    return lines


def _is_json_object(line: str) -> bool:
    if not line.startswith("{"):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def detect_format(text: str, name: str | None = None) -> InputFormat:
    """The format of ``text``; ``name`` (a file name or path) only breaks ties."""
    head = text[:_HEAD_CHARS].lstrip("\ufeff")
    by_extension = _extension_format(name)
    prolog = _PROLOG.match(head)
    rest = head[prolog.end() if prolog else 0 :]
    if rest.startswith("<"):
        if _DOCTYPE_HTML.match(rest):
            return InputFormat.HTML
        tag = _FIRST_TAG.match(rest)
        root = tag.group(1).lower() if tag else ""
        if root in _FEED_ROOTS:
            return InputFormat.FEED
        if root in _HTML_TAGS:
            return InputFormat.HTML
        if by_extension in (InputFormat.HTML, InputFormat.FEED):
            return by_extension
        # Unknown XML or markup-looking text: HTML if it has body markup, else prose.
        return InputFormat.HTML if _BODY_MARKUP.search(rest) else InputFormat.DUMP
    if _JSON_DOCUMENT.match(head):
        return InputFormat.JSONL
    lines = _leading_lines(text, _JSONL_PROBE_LINES)
    if lines and lines[0].startswith("{"):
        if _is_json_object(lines[0]):
            return InputFormat.JSONL
        # A malformed first record is still JSON Lines when the next records parse or the
        # name says so: the reader then reports that one line and keeps the good ones.
        if by_extension is InputFormat.JSONL or any(_is_json_object(x) for x in lines[1:]):
            return InputFormat.JSONL
    if len(_BODY_MARKUP.findall(head)) >= _MIN_FRAGMENT_TAGS:
        return InputFormat.HTML
    return InputFormat.DUMP
