"""The server-rendered pages (without a browser): content, JSON twins, accessibility basics."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from sitrep.store import MARK_END, MARK_START
from sitrep.web.pages import safe_url, snippet_html


class Labels(HTMLParser):
    """Form controls and the ids their labels point at."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[str | None] = []
        self.labelled: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("input", "select", "textarea") and a.get("type") != "hidden":
            self.controls.append(a.get("id"))
        if tag == "label" and a.get("for"):
            self.labelled.add(str(a["for"]))


PAGES = [
    "/",
    "/search?q=drones",
    "/articles",
    "/actors",
    "/quotes",
    "/events",
    "/figures",
    "/actors/act_kadri_saar",
]


@pytest.mark.parametrize("url", PAGES)
def test_page_is_accessible_html_with_a_json_twin(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    parser = Labels()
    parser.feed(html)
    assert parser.controls and all(c in parser.labelled for c in parser.controls)
    twin = re.search(r'This page as JSON: <a href="([^"]+)"', html)
    assert twin is not None
    assert client.get(twin.group(1).replace("&amp;", "&")).status_code == 200


def test_search_page_marks_matches(client: TestClient) -> None:
    html = client.get("/search?q=drones").text
    assert "Drones tested Estonian air defence" in html
    assert "<mark>drones</mark>" in html
    assert "Poland expands" not in html


def test_article_page_highlights_quote_with_speaker(client: TestClient) -> None:
    article = client.get("/api/search?q=drones").json()["data"][0]["id"]
    html = client.get(f"/articles/{article}").text
    quote = re.search(r'<mark class="hl hl-quote" data-record[^>]*>', html)
    assert quote is not None
    assert 'title="Kadri Saar · cue: said (direct quote)"' in quote.group(0)
    assert 'href="/actors/act_kadri_saar"' in html
    assert "We followed each drone until it turned back," in html


def test_actor_page_lists_quotations_and_links_back(client: TestClient) -> None:
    html = client.get("/actors/Kadri Saar").text
    assert "<h1>Kadri Saar</h1>" in html
    assert "chief of air defence" in html
    assert "We followed each drone" in html
    assert re.search(r'href="/articles/art_[0-9a-f]+#r-quo_[0-9a-f]+"', html)


def test_quotes_page_filters_by_speaker(client: TestClient) -> None:
    assert "We followed each drone" in client.get("/quotes?speaker=kadri saar").text
    html = client.get("/quotes?speaker=Nobody").text
    assert "0 quotations." in html


def test_dashboard_shows_counts_and_speakers(client: TestClient) -> None:
    html = client.get("/").text
    assert re.search(r"<dt>Articles</dt><dd><a href=\"/articles\">2</a></dd>", html)
    assert 'href="/actors/act_kadri_saar">Kadri Saar</a>' in html


def test_pager_links_keep_filters(client: TestClient) -> None:
    html = client.get("/articles?limit=1").text
    assert 'rel="next" href="http://testserver/articles?limit=1&amp;offset=1"' in html
    html = client.get("/articles?limit=1&offset=1").text
    assert 'rel="prev"' in html and 'rel="next"' not in html


def test_unknown_pages_are_html_404(client: TestClient) -> None:
    for url in ("/articles/art_missing", "/actors/nobody", "/no/such/page"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("text/html")
        assert "<h1>Not found</h1>" in response.text


def test_bad_parameters_are_an_html_422(client: TestClient) -> None:
    response = client.get("/articles?limit=0")
    assert response.status_code == 422
    assert "limit" in response.text


def test_snippet_markup_is_built_from_escaped_pieces() -> None:
    marked = f"a {MARK_START}<b>x</b>{MARK_END} c"
    assert str(snippet_html(marked)) == "a <mark>&lt;b&gt;x&lt;/b&gt;</mark> c"
    # An unbalanced marker is left as it is; the text around it is still escaped.
    assert str(snippet_html(f"unbalanced {MARK_START} <i>")) == f"unbalanced {MARK_START} &lt;i&gt;"


def test_brackets_in_article_text_stay_brackets() -> None:
    assert str(snippet_html("a [b] c")) == "a [b] c"


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://a.example/x", True),
        ("HTTP://a.example", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,x", False),
        (None, False),
        ("", False),
    ],
)
def test_only_http_urls_become_links(url: str | None, kept: bool) -> None:
    assert (safe_url(url) is not None) is kept
