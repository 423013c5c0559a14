"""The read endpoints over a small hand-built store: shapes, paging, filters and 404s."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from sitrep.api.services import headline
from sitrep.records import Article
from sitrep.store import MARK_END, MARK_START


def get(client: TestClient, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.text
    return response.json()


def test_health_says_read_only_only_without_token(client: TestClient) -> None:
    body = get(client, "/api/health")
    assert body["status"] == "ok"
    assert body["read_only"] is False  # the fixture's settings carry a write token


def test_stats_counts_every_record_type(client: TestClient) -> None:
    stats = get(client, "/api/stats")
    assert stats["articles"] == 3
    assert stats["quotes"] == 5
    assert stats["events"] == 4
    assert stats["figures"] == 4
    assert stats["dates"] == 1
    assert stats["actors"] == 4  # canonical actors: Vaitkus is one actor across three articles


def test_articles_newest_first_with_total_count(client: TestClient, ids: dict[str, str]) -> None:
    body = get(client, "/api/articles")
    assert body["count"] == 3
    assert [a["id"] for a in body["data"]] == [ids["drones"], ids["loans"], ids["warning"]]
    assert "text" not in body["data"][0]  # listings carry a lead, not the whole text
    assert body["data"][0]["lead"].startswith("VILNIUS — At least 12 drones")


def test_articles_paging(client: TestClient, ids: dict[str, str]) -> None:
    body = get(client, "/api/articles?limit=1&offset=1")
    assert (body["count"], body["limit"], body["offset"]) == (3, 1, 1)
    assert [a["id"] for a in body["data"]] == [ids["loans"]]
    assert get(client, "/api/articles?offset=3")["data"] == []


@pytest.mark.parametrize("query", ["limit=0", "limit=501", "offset=-1", "limit=abc"])
def test_bad_paging_is_422(client: TestClient, query: str) -> None:
    assert client.get(f"/api/articles?{query}").status_code == 422


def test_article_has_text_and_records_with_spans(
    client: TestClient, ids: dict[str, str], drones_text: str
) -> None:
    body = get(client, f"/api/articles/{ids['drones']}")
    assert body["article"]["text"] == drones_text
    records = body["records"]
    assert {r["type"] for r in records} == {"actor", "mention", "quote", "event", "figure", "date"}
    starts = [r["span"][0] for r in records]
    assert starts == sorted(starts)
    for r in records:
        if r["type"] in ("quote", "figure", "date", "mention"):
            start, end = r["span"]
            assert drones_text[start:end] == r["text"]
    quote = next(r for r in records if r["type"] == "quote" and r["kind"] == "direct")
    assert quote["speaker"] == "Jonas Vaitkus"
    assert quote["cue"]["text"] == "said"


def test_unknown_article_is_404(client: TestClient) -> None:
    body = get(client, "/api/articles/art_0000000000000000", 404)
    assert "art_0000000000000000" in body["detail"]


def test_search_finds_the_drone_article(client: TestClient, ids: dict[str, str]) -> None:
    body = get(client, "/api/search?q=drones")
    assert body["count"] == 1
    hit = body["data"][0]
    assert hit["id"] == ids["drones"]
    assert f"{MARK_START}drones{MARK_END}" in hit["snippet"]


@pytest.mark.parametrize("q", ['"unclosed', "drones AND (", "*", "NEAR(", "title:x"])
def test_search_never_fails_on_odd_queries(client: TestClient, q: str) -> None:
    response = client.get("/api/search", params={"q": q})
    assert response.status_code == 200


def test_search_needs_q(client: TestClient) -> None:
    assert client.get("/api/search").status_code == 422
    assert get(client, "/api/search?q=")["count"] == 0


def test_actors_filter_and_counts(client: TestClient) -> None:
    body = get(client, "/api/actors?q=vaitk")
    assert [a["name"] for a in body["data"]] == ["Jonas Vaitkus"]
    vaitkus = body["data"][0]
    assert (vaitkus["quote_count"], vaitkus["article_count"]) == (4, 3)
    assert get(client, "/api/actors?q=nobody-by-this-name")["count"] == 0


@pytest.mark.parametrize(
    "ident", ["act_jonas_vaitkus", "Jonas Vaitkus", "jonas vaitkus", "Vaitkus"]
)
def test_actor_detail_by_id_name_or_alias(client: TestClient, ident: str) -> None:
    body = get(client, f"/api/actors/{ident}")
    assert body["actor"]["id"] == "act_jonas_vaitkus"
    assert body["actor"]["roles"] == ["defence minister"]
    assert body["quote_count"] == 4
    # Quotations over time: oldest article first.
    assert [q["article_published"] for q in body["quotations"]] == sorted(
        q["article_published"] for q in body["quotations"]
    )
    assert [e["event_type"] for e in body["events_as_source"]] == sorted(["SUPPORT", "THREATEN"])
    assert body["events_as_target"] == []
    co = {c["name"]: c["count"] for c in body["co_mentioned"]}
    assert co["Maria Lindqvist"] == 1
    assert len(body["articles"]) == 3


def test_actor_as_event_target(client: TestClient) -> None:
    body = get(client, "/api/actors/European Union")
    assert [e["event_type"] for e in body["events_as_source"]] == ["AGREE"]
    assert [e["event_type"] for e in body["events_as_target"]] == ["SUPPORT"]


def test_unknown_actor_is_404(client: TestClient) -> None:
    get(client, "/api/actors/Nobody%20Known", 404)


def test_quotes_by_speaker_name_or_id(client: TestClient) -> None:
    by_name = get(client, "/api/quotes?speaker=Jonas Vaitkus")
    by_id = get(client, "/api/quotes?speaker=act_jonas_vaitkus")
    assert by_name["count"] == by_id["count"] == 4
    assert {q["speaker"] for q in by_name["data"]} == {"Jonas Vaitkus"}
    assert by_name["data"][0]["article_title"] == "Drones breach Lithuanian airspace"
    lindqvist = get(client, "/api/quotes?speaker=maria lindqvist")
    assert [q["text"] for q in lindqvist["data"]] == [
        "This is a turning point for our common security,"
    ]


def test_quotes_filters(client: TestClient) -> None:
    assert get(client, "/api/quotes?q=scenario")["count"] == 1
    assert get(client, "/api/quotes?q=SCENARIO ready")["count"] == 1
    assert get(client, "/api/quotes?since=2025-09-01")["count"] == 3
    assert get(client, "/api/quotes?speaker=Jonas Vaitkus&since=2025-09-06")["count"] == 2
    about = get(client, "/api/quotes?about=European Union")
    assert [q["speaker"] for q in about["data"]] == ["Maria Lindqvist"]
    paged = get(client, "/api/quotes?limit=2&offset=2")
    assert (paged["count"], len(paged["data"])) == (5, 2)


def test_events_filters(client: TestClient) -> None:
    assert get(client, "/api/events")["count"] == 4
    agree = get(client, "/api/events?type=agree")
    assert [e["event_type"] for e in agree["data"]] == ["AGREE"]
    assert agree["data"][0]["source"]["name"] == "European Union"
    assert get(client, "/api/events?actor=Lithuania")["count"] == 1
    assert get(client, "/api/events?actor=Jonas Vaitkus")["count"] == 2
    assert get(client, "/api/events?since=2025-09-05")["count"] == 2
    threat = get(client, "/api/events?type=THREATEN")["data"][0]
    assert threat["hypothetical"] is True


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("/api/events?type=BOMBING", "not a PLOVER event type"),
        ("/api/events?since=2025-13-01", "is not a date"),
        ("/api/quotes?since=notadate", "is not a date"),
    ],
)
def test_a_filter_that_cannot_match_is_422(client: TestClient, path: str, says: str) -> None:
    response = client.get(path)
    assert response.status_code == 422
    assert says in response.json()["detail"]
    page = client.get(path.removeprefix("/api"))  # the page twin says it in its error page
    assert page.status_code == 422 and says in page.text


def test_figures_by_unit(client: TestClient) -> None:
    eur = get(client, "/api/figures?unit=EUR")
    assert sorted(f["value"] for f in eur["data"]) == [2.5e9, 1.5e11]
    assert get(client, "/api/figures?unit=eur")["count"] == 2
    assert get(client, "/api/figures?unit=percent")["data"][0]["refers_to"] == "GDP"
    assert get(client, "/api/figures")["count"] == 4


def test_dashboard_json_twin(client: TestClient) -> None:
    body = get(client, "/api/dashboard")
    assert body["stats"]["articles"] == 3
    assert body["top_speakers"][0]["name"] == "Jonas Vaitkus"
    assert ["2025-09", 3] in body["events_over_time"]


def test_openapi_documents_every_path(client: TestClient) -> None:
    schema = get(client, "/openapi.json")
    paths = set(schema["paths"])
    for path in (
        "/api/health",
        "/api/stats",
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/search",
        "/api/actors",
        "/api/actors/{actor_id}",
        "/api/quotes",
        "/api/events",
        "/api/figures",
        "/api/ingest",
    ):
        assert path in paths, path
    assert not any(p.startswith("/static") or p in ("/", "/search") for p in paths)
    quotes = schema["paths"]["/api/quotes"]["get"]
    assert {p["name"] for p in quotes["parameters"]} >= {
        "speaker",
        "about",
        "q",
        "since",
        "limit",
        "offset",
    }
    ok = quotes["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok["$ref"].endswith("Listing_QuoteItem_")
    ingest = schema["paths"]["/api/ingest"]["post"]["requestBody"]["content"]
    assert {"application/json", "text/plain"} <= set(ingest)


def test_untitled_articles_are_headed_by_their_first_sentence() -> None:
    untitled = Article(
        id="art_x",
        source="dump.txt",
        text="RIGA — Latvia closed two crossings. Officials cited drones.\nMore text.",
    )
    assert headline(untitled) == "RIGA — Latvia closed two crossings."
    long = Article(id="art_y", source="dump.txt", text="word " * 60)
    assert headline(long).endswith("…") and len(headline(long)) <= 111
    assert headline(Article(id="art_z", source="s", text="x", title=" Title ")) == "Title"


def test_search_hit_has_a_headline(client: TestClient) -> None:
    hit = get(client, "/api/search?q=drones")["data"][0]
    assert hit["headline"] == hit["title"] == "Drones breach Lithuanian airspace"
