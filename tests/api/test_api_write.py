"""POST /api/ingest: the write token, body formats, URL fetching (canned), and size limits."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from sitrep.analyze import Analysis
from sitrep.api.app import create_app
from sitrep.api.services import Analyzer
from sitrep.config import Settings
from sitrep.errors import InputError
from sitrep.ingest.fetch import PageFetcher
from sitrep.records import Article
from sitrep.store import Store

NEW_TEXT = (
    "OSLO — Norway will buy six more patrol aircraft, the defence ministry said on Friday. "
    "“We need eyes over the northern seas,” the minister told parliament."
)
PAGE = (
    "<!doctype html><html><head><title>Coast guard gets new cutters</title>"
    '<meta property="og:title" content="Coast guard gets new cutters"></head><body>'
    "<nav>Home | World</nav><article><h1>Coast guard gets new cutters</h1>"
    "<p>HELSINKI — Finland ordered four ice-capable cutters for its coast guard on Wednesday, "
    "the interior ministry said in a statement published in the capital.</p>"
    "<p>The vessels will patrol the Gulf of Finland from 2028 and replace ships built in the "
    "1980s, officials added, noting that the contract also covers training for the crews.</p>"
    "</article><footer>© A news site</footer></body></html>"
)


def test_ingest_without_token_is_401(client: TestClient) -> None:
    response = client.post("/api/ingest", json={"text": NEW_TEXT})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("header", ["Bearer wrong", "Basic {token}", "Bearer {token}x", "Bearer"])
def test_ingest_with_wrong_token_is_refused(
    client: TestClient, settings: Settings, header: str
) -> None:
    header = header.format(token=settings.write_token)
    response = client.post(
        "/api/ingest", json={"text": NEW_TEXT}, headers={"Authorization": header}
    )
    assert response.status_code in (401, 403)
    assert client.get("/api/stats").json()["articles"] == 3


def test_read_only_server_refuses_writes(
    store: Store, tmp_path: Path, auth: dict[str, str], stub_analyzer: Analyzer
) -> None:
    app = create_app(
        Settings(database_url=f"sqlite:///{tmp_path}/x.db"), store=store, analyzer=stub_analyzer
    )
    with TestClient(app) as c:
        assert c.get("/api/health").json()["read_only"] is True
        response = c.post("/api/ingest", json={"text": NEW_TEXT}, headers=auth)
        assert response.status_code == 403
        assert "read-only" in response.json()["detail"]


def test_ingest_text_then_duplicate(client: TestClient, auth: dict[str, str]) -> None:
    line = json.dumps({"id": "n1", "title": "Patrol aircraft", "text": NEW_TEXT})
    first = client.post("/api/ingest", json={"text": line, "source": "pasted"}, headers=auth)
    assert first.status_code == 200, first.text
    [item] = first.json()["items"]
    assert item["status"] == "new"
    stored = client.get(f"/api/articles/{item['article_id']}").json()["article"]
    assert stored["source"] == "pasted"
    assert stored["text"] == NEW_TEXT  # JSONL text is kept verbatim
    again = client.post("/api/ingest", json={"text": line}, headers=auth).json()
    assert [i["status"] for i in again["items"]] == ["duplicate"]
    assert client.get("/api/stats").json()["articles"] == 4


def test_ingest_raw_jsonl_body_keeps_good_lines(client: TestClient, auth: dict[str, str]) -> None:
    lines = [
        json.dumps({"id": "a1", "title": "Patrol aircraft", "text": NEW_TEXT}),
        "{not json",
        json.dumps(
            {
                "id": "a2",
                "text": "ROME — Italy sent two frigates to the Red Sea, "
                "the navy confirmed on Sunday.",
            }
        ),
    ]
    response = client.post(
        "/api/ingest?source=batch.jsonl",
        content="\n".join(lines).encode(),
        headers={**auth, "Content-Type": "application/x-ndjson"},
    )
    assert response.status_code == 200, response.text
    statuses = sorted(i["status"] for i in response.json()["items"])
    assert statuses == ["error", "new", "new"]
    error = next(i for i in response.json()["items"] if i["status"] == "error")
    assert ":2:" in error["error"]  # the bad line is named


def test_ingest_plain_text_body(client: TestClient, auth: dict[str, str]) -> None:
    response = client.post(
        "/api/ingest",
        content=NEW_TEXT.encode(),
        headers={**auth, "Content-Type": "text/plain; charset=utf-8"},
    )
    assert response.status_code == 200, response.text
    assert [i["status"] for i in response.json()["items"]] == ["new"]


@pytest.mark.parametrize(
    "body",
    [{}, {"text": "x", "url": "http://example.org"}, {"text": "   "}, {"text": 5}, {"other": 1}],
)
def test_ingest_bad_json_bodies_are_422(
    client: TestClient, auth: dict[str, str], body: dict[str, object]
) -> None:
    response = client.post("/api/ingest", json=body, headers=auth)
    assert response.status_code == 422


def test_ingest_body_over_the_limit_is_413(client: TestClient, auth: dict[str, str]) -> None:
    big = "x" * (64 * 1024 + 1)
    response = client.post(
        "/api/ingest", content=big.encode(), headers={**auth, "Content-Type": "text/plain"}
    )
    assert response.status_code == 413
    assert "SITREP_MAX_REQUEST_BYTES" in response.json()["detail"]


def test_chunked_body_over_the_limit_is_413(client: TestClient, auth: dict[str, str]) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(80):
            yield b"y" * 1024

    response = client.post(
        "/api/ingest", content=chunks(), headers={**auth, "Content-Type": "text/plain"}
    )
    assert response.status_code == 413
    assert client.get("/api/stats").json()["articles"] == 3


def _canned(pages: dict[str, httpx.Response]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        return pages.get(str(request.url), httpx.Response(404))

    return httpx.MockTransport(handler)


def _client_with_fetcher(store: Store, settings: Settings, fetcher: PageFetcher) -> TestClient:
    return TestClient(create_app(settings, store=store, analyzer=_no_records, fetcher=fetcher))


def _no_records(articles: Iterable[Article]) -> Iterator[Analysis]:
    for article in articles:
        yield Analysis(article, [])


def test_ingest_url_fetches_the_page_once(
    store: Store, settings: Settings, auth: dict[str, str]
) -> None:
    url = "https://news.example.org/cutters"
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(str(request.url))
        return httpx.Response(200, text=PAGE, headers={"content-type": "text/html"})

    fetcher = PageFetcher(max_bytes=100_000, transport=httpx.MockTransport(handler))
    with _client_with_fetcher(store, settings, fetcher) as c:
        response = c.post("/api/ingest", json={"url": url}, headers=auth)
        assert response.status_code == 200, response.text
        [item] = response.json()["items"]
        assert item["status"] == "new"
        article = c.get(f"/api/articles/{item['article_id']}").json()["article"]
    assert calls == [url]
    assert "ice-capable cutters" in article["text"]
    assert "Home | World" not in article["text"]
    assert article["source"] == url


@pytest.mark.parametrize(
    ("url", "response", "message"),
    [
        ("https://news.example.org/missing", httpx.Response(404), "HTTP 404"),
        (
            "https://news.example.org/pdf",
            httpx.Response(200, content=b"%PDF-1.7", headers={"content-type": "application/pdf"}),
            "not a text page",
        ),
        (
            "https://news.example.org/huge",
            httpx.Response(200, text="<p>" + "z" * 5000, headers={"content-type": "text/html"}),
            "over the limit of 1000 bytes",
        ),
        ("file:///etc/passwd", httpx.Response(200), "only http"),
    ],
)
def test_ingest_url_failures_are_422(
    store: Store,
    settings: Settings,
    auth: dict[str, str],
    url: str,
    response: httpx.Response,
    message: str,
) -> None:
    fetcher = PageFetcher(max_bytes=1000, transport=_canned({url: response}))
    with _client_with_fetcher(store, settings, fetcher) as c:
        result = c.post("/api/ingest", json={"url": url}, headers=auth)
    assert result.status_code == 422
    assert message in result.json()["detail"]


def test_fetcher_timeout_is_an_input_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectTimeout("timed out", request=request)

    fetcher = PageFetcher(max_bytes=1000, transport=httpx.MockTransport(handler))
    with pytest.raises(InputError, match="could not fetch"):
        fetcher("https://slow.example.org/")


def test_ingest_reports_what_went_wrong_in_an_articles_analysis(
    store: Store, settings: Settings, auth: dict[str, str]
) -> None:
    warning = "does not read as English (3% English function words; ...)"

    def warns(articles: Iterable[Article]) -> Iterator[Analysis]:
        for article in articles:
            yield Analysis(article, [], [] if "BERGEN" in article.text else [warning])

    other = "BERGEN — Norway opened a new naval base on Monday, officials said."
    with TestClient(create_app(settings, store=store, analyzer=warns)) as c:
        lines = [json.dumps({"id": n, "text": t}) for n, t in (("n1", NEW_TEXT), ("n2", other))]
        response = c.post("/api/ingest", json={"text": "\n".join(lines)}, headers=auth)
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert [i["status"] for i in items] == ["new", "new"]  # stored all the same
    assert [i["warnings"] for i in items] == [[warning], []]
