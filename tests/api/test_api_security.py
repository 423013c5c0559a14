"""Security defaults of the app: CORS off, security headers, no docs UI loading remote scripts."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from sitrep.api.app import create_app
from sitrep.api.services import Analyzer
from sitrep.config import Settings
from sitrep.store import Store

ORIGIN = "https://dashboard.example.org"


def test_cors_is_off_by_default(client: TestClient) -> None:
    response = client.get("/api/stats", headers={"Origin": ORIGIN})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers
    preflight = client.options(
        "/api/stats", headers={"Origin": ORIGIN, "Access-Control-Request-Method": "GET"}
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_allows_only_configured_origins(
    store: Store, tmp_path: Path, stub_analyzer: Analyzer
) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path}/x.db", cors_origins=[ORIGIN])
    with TestClient(create_app(settings, store=store, analyzer=stub_analyzer)) as c:
        allowed = c.get("/api/stats", headers={"Origin": ORIGIN})
        assert allowed.headers["access-control-allow-origin"] == ORIGIN
        other = c.get("/api/stats", headers={"Origin": "https://evil.example.net"})
        assert "access-control-allow-origin" not in other.headers


def test_pages_and_api_carry_security_headers(client: TestClient) -> None:
    for url in ("/", "/api/stats"):
        headers = client.get(url).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


def test_no_docs_ui_that_needs_a_cdn(client: TestClient) -> None:
    assert client.get("/docs").status_code == 404
    assert client.get("/openapi.json").status_code == 200


def test_app_opens_and_closes_its_own_store(tmp_path: Path, stub_analyzer: Analyzer) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'own.db'}")
    app = create_app(settings, analyzer=stub_analyzer)
    assert app.state.store is None  # nothing opened by building the app
    with TestClient(app) as c:
        assert c.get("/api/stats").json()["articles"] == 0
    assert app.state.store is None
    assert (tmp_path / "own.db").exists()
