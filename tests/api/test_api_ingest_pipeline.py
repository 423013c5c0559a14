"""POST /api/ingest through the real analysis path (spaCy pipeline), as ``sitrep ingest`` runs it.

One model load for the module. Only the contract is checked (records point into the stored
text); what the stages extract is model-dependent and gated by the accuracy benchmarks.
"""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from sitrep.api.app import create_app
from sitrep.config import Settings

TEXT = (
    "COPENHAGEN — Denmark will buy eight air defence systems, the defence minister said on "
    "Thursday. “We must close the gaps in our air defence quickly,” Troels Lund Poulsen told "
    "reporters."
)


def test_ingest_runs_read_analyze_store(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'p.db'}", write_token="t")
    with TestClient(create_app(settings)) as client:
        line = json.dumps({"id": "dk-1", "title": "Denmark buys air defence", "text": TEXT})
        response = client.post(
            "/api/ingest", json={"text": line}, headers={"Authorization": "Bearer t"}
        )
        assert response.status_code == 200, response.text
        [item] = response.json()["items"]
        assert item["status"] == "new", item
        detail = client.get(f"/api/articles/{item['article_id']}").json()
    assert detail["article"]["text"] == TEXT
    assert len(detail["records"]) == item["records"]
    for record in detail["records"]:
        start, end = record["span"]
        assert 0 <= start < end <= len(TEXT)
        assert record["article"] == item["article_id"]
