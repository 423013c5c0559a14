"""HTML pages and fragments (sitrep.ingest.html): body, metadata, and pages with no article."""

from __future__ import annotations

import pytest

from sitrep.errors import InputError
from sitrep.ingest.dedupe import article_id
from sitrep.ingest.html import NO_ARTICLE, fragment_text, read_html
from sitrep.records import Article

BODY = [
    "RIGA — Latvia will buy two more coastal patrol boats to watch shipping near its undersea "
    "cables, the defense ministry said on Wednesday.",
    "The boats, worth about €40 million together, are due in 2027. They will carry sonar and "
    "small drones that can inspect the sea floor.",
    "“We have learned that a cable can be cut in minutes and repaired only in weeks,” a "
    "ministry spokesperson told reporters. Officials said that Estonia and Finland had been "
    "invited to share the boats’ data.",
]


def _page(head: str, body_html: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Latvia buys patrol boats | Example News</title>
{head}</head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li>
<li><a href="/sport">Sport and leisure</a></li></ul></nav></header>
<main><article><h1>Latvia buys patrol boats to guard undersea cables</h1>
{body_html}
</article></main>
<footer><p>Copyright Example News. All rights reserved.</p>
<ul><li><a href="/privacy">Privacy</a></li><li><a href="/jobs">Careers at Example</a></li></ul>
</footer></body></html>"""


HEAD = """<meta name="author" content="Ilze Berzina">
<meta property="og:title" content="Latvia buys patrol boats to guard undersea cables">
<meta property="article:published_time" content="2025-05-14T10:00:00+03:00">
<link rel="canonical" href="https://news.example.com/world/latvia-patrol-boats">"""


@pytest.fixture(scope="module")
def article() -> Article:
    body = "\n".join(f"<p>{p}</p>" for p in BODY)
    return read_html("latvia.html", _page(HEAD, body))


def test_body_is_paragraphs_separated_by_blank_lines(article: Article) -> None:
    assert article.text == "\n\n".join(BODY)
    assert article.id == article_id(article.text)
    assert article.source == "latvia.html"


def test_navigation_and_footer_are_left_out(article: Article) -> None:
    for boilerplate in ("World news", "Sport and leisure", "Copyright", "Careers"):
        assert boilerplate not in article.text


def test_metadata(article: Article) -> None:
    assert article.title == "Latvia buys patrol boats to guard undersea cables"
    assert article.byline == "Ilze Berzina"
    assert article.published == "2025-05-14"
    assert article.url == "https://news.example.com/world/latvia-patrol-boats"


def test_og_url_is_used_without_canonical_link() -> None:
    head = '<meta property="og:url" content="https://news.example.com/a/og-only">'
    page = _page(head, "\n".join(f"<p>{p}</p>" for p in BODY))
    assert read_html("p.html", page).url == "https://news.example.com/a/og-only"


def test_page_without_dates_has_no_published_date() -> None:
    page = _page("", "\n".join(f"<p>{p}</p>" for p in BODY))
    assert read_html("p.html", page).published is None


@pytest.mark.parametrize(
    "page",
    [
        _page("", "<form><input name='user'><input type='password'><button>Log in</button></form>"),
        "<html><body><nav><a href='/'>Home</a> <a href='/about'>About</a></nav></body></html>",
        "<html><head><title>Empty</title></head><body></body></html>",
    ],
)
def test_page_without_article_text_is_an_input_error(page: str) -> None:
    with pytest.raises(InputError) as caught:
        read_html("login.html", page)
    assert (caught.value.source, caught.value.reason) == ("login.html", NO_ARTICLE)


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
        ("One line<br>same paragraph<br><br>Next one", "One line same paragraph\n\nNext one"),
        ("<div>Kept <b>bold</b>, <a href='#'>a</a>.</div><script>x=1;</script>", "Kept bold, a."),
        ("<ul><li>Tanks</li><li>Drones</li></ul>", "Tanks\n\nDrones"),
        ("Plain &amp; simple\n  text", "Plain & simple text"),
        ("  <p>\n  Wrapped\n  across   lines </p>", "Wrapped across lines"),
        ("", ""),
    ],
)  # fmt: skip
def test_fragment_text(markup: str, expected: str) -> None:
    assert fragment_text(markup) == expected


def test_fetched_page_without_canonical_url_uses_its_address() -> None:
    page = _page("", "\n".join(f"<p>{p}</p>" for p in BODY))
    assert read_html("https://news.example.com/x?id=1", page).url == (
        "https://news.example.com/x?id=1"
    )
    assert read_html("saved/x.html", page).url is None


def test_section_and_keywords_become_tags() -> None:
    head = (
        '<meta property="article:section" content="World">'
        '<meta name="keywords" content="Latvia, navy,World">'
    )
    page = _page(head, "\n".join(f"<p>{p}</p>" for p in BODY))
    assert read_html("p.html", page).tags == ("World", "Latvia", "navy")
