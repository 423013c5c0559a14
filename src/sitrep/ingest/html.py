"""HTML pages and fragments to article text.

Whole pages go through trafilatura (``bare_extraction``), which separates the article body from
navigation, related links, cookie notes and footers and reads the page metadata (title,
author, publication date, canonical URL) from ``<meta>``/``<link>`` tags and JSON-LD. It is
configured for precision: no comments, no tables, and no "extensive" date search in free text,
because a wrong date silently corrupts every relative date resolved against it. Nothing is
fetched: trafilatura only sees the string it is given.

Fragments (the HTML inside a feed entry) are too short for trafilatura's boilerplate
detection, which refuses texts under a few hundred characters; they are flattened with lxml
instead, keeping paragraph breaks.

Either way the body text has one paragraph per block, separated by a blank line (``"\\n\\n"``),
the convention every other reader and the NLP stages rely on.
"""

from __future__ import annotations

import html as html_lib
import re

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import set_date_params

from sitrep.errors import InputError
from sitrep.ingest.dedupe import article_id
from sitrep.records import Article

NO_ARTICLE = "no article text found in HTML page"

#: A page has an article when at least one paragraph has this many words: menus, headlines,
#: login forms and "page not found" notices are shorter; the shortest news briefs are not.
_MIN_PROSE_WORDS = 12
_SPACE = re.compile(r"[ \t\r\f\v\u00a0]+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")
#: Elements whose text is never article prose.
_DROPPED = ("script", "style", "noscript", "iframe", "template", "svg", "form", "button")
#: Block elements: each starts a new paragraph in flattened text.
_BLOCKS = frozenset(
    {
        "p", "div", "li", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
        "table", "ul", "ol", "dl", "dt", "dd", "section", "article", "header", "footer",
        "figure", "figcaption", "aside", "main", "hr",
    }
)  # fmt: skip


def _paragraphs(text: str) -> str:
    """Lines of extracted text -> paragraphs separated by blank lines, spaces collapsed."""
    lines = (_SPACE.sub(" ", line).strip() for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def read_html(source: str, markup: str) -> Article:
    """The article in an HTML page, or :class:`InputError` when the page has none.

    ``published`` is the page's publication date (``YYYY-MM-DD``), ``url`` its canonical URL
    (``<link rel=canonical>`` or ``og:url``; else ``source`` when that is a web address),
    ``byline`` the author(s) as the page names them, ``tags`` its section and keywords.
    """
    document = trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        date_extraction_params=set_date_params(extensive=False),
    )
    body = getattr(document, "text", None) if document is not None else None
    title = _clean(getattr(document, "title", None))
    paragraphs = _paragraphs(body).split("\n\n") if isinstance(body, str) else []
    if paragraphs and title and _same_words(paragraphs[0], title):
        # The headline is the title, not body: trafilatura keeps an <h1> that sits inside
        # <article>, and every other reader leaves the headline out of ``text``.
        paragraphs = paragraphs[1:]
    if not any(len(p.split()) >= _MIN_PROSE_WORDS for p in paragraphs):
        raise InputError(source, NO_ARTICLE)
    text = "\n\n".join(paragraphs)
    return Article(
        id=article_id(text),
        text=text,
        source=source,
        title=title,
        byline=_clean(getattr(document, "author", None)),
        published=_clean(getattr(document, "date", None)),
        url=_clean(getattr(document, "url", None)) or _web_address(source),
        tags=_labels(document),
    )


def _web_address(source: str) -> str | None:
    """A page fetched from the web is its own URL when it names no canonical one."""
    return source if source.startswith(("https://", "http://")) else None


def _labels(document: object) -> tuple[str, ...]:
    """The page's sections and keywords (``article:section``, ``article:tag``), deduplicated."""
    labels: list[str] = []
    for key in ("categories", "tags"):
        values = getattr(document, key, None) or []
        for value in values:
            if isinstance(value, str):
                # <meta name="keywords"> arrives as one comma-separated string.
                labels.extend(part.strip() for part in value.split(",") if part.strip())
    return tuple(dict.fromkeys(labels))


def _same_words(a: str, b: str) -> bool:
    return a.casefold().split() == b.casefold().split()


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = _SPACE.sub(" ", value).strip()
    return value or None


def fragment_text(markup: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), one paragraph per block.

    Text without any tag is only unescaped (feeds often carry ``&amp;`` in plain summaries).
    ``<br>`` ends a line; two of them in a row (the common "paragraph" in feed HTML) or a
    block element end a paragraph.
    """
    if "<" not in markup:
        return join_paragraphs(html_lib.unescape(markup))
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return join_paragraphs(html_lib.unescape(markup))
    for element in list(root.iter(*_DROPPED)):
        element.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        tag = element.tag.lower()
        if tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif tag in _BLOCKS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    return join_paragraphs(root.text_content())


def join_paragraphs(text: str) -> str:
    """Split on blank lines; inside a paragraph, single newlines and runs of spaces are one
    space (feed HTML is wrapped arbitrarily)."""
    paragraphs = (" ".join(part.split()) for part in _PARAGRAPH_BREAK.split(text))
    return "\n\n".join(p for p in paragraphs if p)
