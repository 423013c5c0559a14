"""A live sitrep server on a free loopback port, and headless Chromium driven by Playwright.

The server runs uvicorn in a thread over a temp store filled with self-written articles and
hand-built records (so the browser tests do not depend on NLP accuracy). Chromium is Debian's
(``/usr/bin/chromium``, or ``SITREP_CHROMIUM``), started with a fresh empty profile and every
background network feature off; ``playwright install`` is never needed. Without Chromium or the
playwright package the browser tests skip and say why.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from sitrep.analyze import Analysis
from sitrep.api.app import create_app
from sitrep.config import Settings
from sitrep.ingest.dedupe import article_id
from sitrep.records import Actor, Article, Mention, Quote, TextSpan, stable_id
from sitrep.store import Store

TOKEN = "browser-test-token"
SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

DRONES = (
    "TALLINN — Estonian radar crews counted at least nine drones over the border on Monday.\n\n"
    "“We followed each drone until it turned back,” said Kadri Saar, the chief of air defence. "
    "She said the flights were meant to test how fast the alliance reacts."
)
PORTS = (
    "GDANSK — Poland will expand two naval bases, the navy announced. "
    "The work starts next spring and lasts four years."
)
_QUOTE = re.compile(r"“([^”]+)”")
_SAID = re.compile(r"said ([^.]+)\.")


def span_of(text: str, part: str) -> tuple[int, int]:
    at = text.index(part)
    return (at, at + len(part))


def drone_records(aid: str) -> list[Any]:
    saar = Actor(
        id="act_kadri_saar",
        article=aid,
        span=span_of(DRONES, "Kadri Saar"),
        name="Kadri Saar",
        kind="person",
        roles=("chief of air defence",),
        country="EST",
        sector="MIL",
    )
    content = "We followed each drone until it turned back,"
    span = span_of(DRONES, content)
    return [
        saar,
        Mention(
            id=stable_id("men", aid, 1),
            article=aid,
            span=saar.span,
            actor=saar.id,
            text="Kadri Saar",
        ),
        Quote(
            id=stable_id("quo", aid, *span),
            article=aid,
            span=span,
            text=content,
            kind="direct",
            speaker=saar.name,
            speaker_id=saar.id,
            speaker_mention=TextSpan("Kadri Saar", saar.span),
            cue=TextSpan("said", span_of(DRONES, "said")),
        ),
    ]


def quote_marks_analyzer(articles: Iterable[Article]) -> Iterator[Analysis]:
    """A stand-in for the NLP stages: the first “...” is a quote by whatever follows "said".

    Deliberately naive, so hostile text reaches the speaker name, the tooltip and the link.
    """
    for article in articles:
        records: list[Any] = []
        quote, said = _QUOTE.search(article.text), _SAID.search(article.text)
        if quote and said:
            name = said.group(1)
            actor = Actor(
                id=stable_id("act", name),
                article=article.id,
                span=said.span(1),
                name=name,
                kind="person",
            )
            records += [
                actor,
                Quote(
                    id=stable_id("quo", article.id, *quote.span(1)),
                    article=article.id,
                    span=quote.span(1),
                    text=quote.group(1),
                    kind="direct",
                    speaker=name,
                    speaker_id=actor.id,
                    speaker_mention=TextSpan(name, said.span(1)),
                    cue=TextSpan("said", (said.start(), said.start() + 4)),
                ),
            ]
        yield Analysis(article, records)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def seeded_app(folder: Path) -> tuple[FastAPI, Store]:
    """The app over a new store holding the two self-written articles above."""
    url = f"sqlite:///{folder / 'web.db'}"
    store = Store.open(url)
    aid = article_id(DRONES)
    store.add(
        Article(
            id=aid,
            text=DRONES,
            source="tests/drones.txt",
            title="Drones tested Estonian air defence",
            published="2025-09-15",
            dateline="TALLINN",
        ),
        drone_records(aid),
    )
    store.add(
        Article(
            id=article_id(PORTS),
            text=PORTS,
            source="tests/ports.txt",
            title="Poland expands naval bases",
            published="2025-09-12",
        ),
        [],
    )
    settings = Settings(database_url=url, write_token=TOKEN)
    return create_app(settings, store=store, analyzer=quote_marks_analyzer), store


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    app, store = seeded_app(tmp_path)
    with TestClient(app) as c:
        yield c
    store.close()


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    app, store = seeded_app(tmp_path_factory.mktemp("web"))
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


def _chromium() -> str | None:
    path = os.environ.get("SITREP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return path if Path(path).exists() else None


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
    )
    executable = _chromium()
    if executable is None:
        pytest.skip(
            "no Chromium found (looked at $SITREP_CHROMIUM, PATH and /usr/bin/chromium); "
            "install it with apt-get install chromium"
        )
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile),
            executable_path=executable,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    p = browser.new_page()
    p.set_default_timeout(10_000)
    yield p
    p.close()


@pytest.fixture
def token() -> str:
    return TOKEN


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
