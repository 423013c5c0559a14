"""A small store of self-written articles with hand-built records, and a client over it.

Records are built by hand (not by the NLP pipeline) so the API tests check the API, whatever the
extraction stages make of the texts. Spans are computed from the texts, never typed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sitrep.analyze import Analysis
from sitrep.api.app import create_app
from sitrep.api.services import Analyzer
from sitrep.config import Settings
from sitrep.ingest.dedupe import article_id
from sitrep.records import (
    Actor,
    ActorRef,
    Article,
    DateRecord,
    Event,
    Figure,
    Mention,
    Quote,
    TextSpan,
    stable_id,
)
from sitrep.store import Store

TOKEN = "s3cret-token-for-tests"

DRONES = (
    "VILNIUS — At least 12 drones crossed into Lithuanian airspace on Tuesday, officials said.\n\n"
    "“Our air defence tracked every one of them,” said Jonas Vaitkus, the defence minister. "
    "He added that the alliance would review its posture along the border.\n\n"
    "The government plans to spend €2.5 billion on new radars."
)
LOANS = (
    "BRUSSELS — European ministers agreed on a €150 billion loan programme for air defence.\n\n"
    "“This is a turning point for our common security,” Maria Lindqvist told reporters. "
    "Jonas Vaitkus welcomed the deal."
)
WARNING = (
    "RIGA — Jonas Vaitkus warned that the Baltic states could close their borders.\n\n"
    "“We are ready for every scenario,” he said, adding that spending would rise to "
    "3 percent of GDP."
)


def span_of(text: str, part: str, start: int = 0) -> tuple[int, int]:
    at = text.index(part, start)
    return (at, at + len(part))


def _actor(aid: str, text: str, part: str, name: str, kind: str, **kw: Any) -> Actor:
    return Actor(
        id=f"act_{name.lower().replace(' ', '_')}",
        article=aid,
        span=span_of(text, part),
        name=name,
        kind=kind,
        **kw,
    )


def _quote(
    aid: str, text: str, content: str, kind: str, speaker: Actor | None, mention: str, cue: str
) -> Quote:
    span = span_of(text, content)
    return Quote(
        id=stable_id("quo", aid, *span),
        article=aid,
        span=span,
        text=content,
        kind=kind,
        speaker=speaker.name if speaker else None,
        speaker_id=speaker.id if speaker else None,
        speaker_mention=TextSpan(mention, span_of(text, mention)),
        cue=TextSpan(cue, span_of(text, cue, span[0] - 40 if span[0] > 40 else 0)),
    )


def _ref(actor: Actor) -> ActorRef:
    return ActorRef(actor.id, actor.name, actor.country, actor.sector)


def _sentence(text: str, part: str) -> tuple[int, int]:
    start, end = span_of(text, part)
    dot = text.rfind(". ", 0, start)
    left = max(dot + 2 if dot >= 0 else 0, text.rfind("\n", 0, start) + 1)
    return (left, text.find(".", end) + 1)


def seed_articles() -> list[tuple[Article, list[object]]]:
    """Three articles with actors, mentions, quotes, events, figures and dates."""
    out: list[tuple[Article, list[object]]] = []

    aid = article_id(DRONES)
    art = Article(
        id=aid,
        text=DRONES,
        source="tests/drones.txt",
        title="Drones breach Lithuanian airspace",
        published="2025-09-10",
        dateline="VILNIUS",
    )
    vaitkus = _actor(
        aid,
        DRONES,
        "Jonas Vaitkus",
        "Jonas Vaitkus",
        "person",
        roles=("defence minister",),
        aliases=("Vaitkus",),
        country="LTU",
        sector="GOV",
    )
    lithuania = _actor(
        aid, DRONES, "Lithuanian", "Lithuania", "country", country="LTU", sector="GOV"
    )
    out.append(
        (
            art,
            [
                vaitkus,
                lithuania,
                Mention(
                    id=stable_id("men", aid, 1),
                    article=aid,
                    span=span_of(DRONES, "Jonas Vaitkus"),
                    actor=vaitkus.id,
                    text="Jonas Vaitkus",
                ),
                _quote(
                    aid,
                    DRONES,
                    "Our air defence tracked every one of them,",
                    "direct",
                    vaitkus,
                    "Jonas Vaitkus",
                    "said",
                ),
                _quote(
                    aid,
                    DRONES,
                    "the alliance would review its posture along the border",
                    "indirect",
                    vaitkus,
                    "He",
                    "added",
                ),
                Event(
                    id=stable_id("evt", aid, 1),
                    article=aid,
                    span=_sentence(DRONES, "crossed into"),
                    event_type="COERCE",
                    target=_ref(lithuania),
                    location="Lithuanian airspace",
                    date="2025-09-09",
                    trigger=TextSpan("crossed", span_of(DRONES, "crossed")),
                ),
                Figure(
                    id=stable_id("fig", aid, 1),
                    article=aid,
                    span=span_of(DRONES, "At least 12 drones"),
                    text="At least 12 drones",
                    value=12.0,
                    unit="drones",
                    kind="count",
                    qualifier="at least",
                    refers_to="drones",
                ),
                Figure(
                    id=stable_id("fig", aid, 2),
                    article=aid,
                    span=span_of(DRONES, "€2.5 billion"),
                    text="€2.5 billion",
                    value=2.5e9,
                    unit="EUR",
                    kind="money",
                    refers_to="radars",
                ),
                DateRecord(
                    id=stable_id("dat", aid, 1),
                    article=aid,
                    span=span_of(DRONES, "on Tuesday"),
                    text="on Tuesday",
                    value="2025-09-09",
                    precision="day",
                ),
            ],
        )
    )

    aid = article_id(LOANS)
    art = Article(
        id=aid,
        text=LOANS,
        source="tests/loans.txt",
        title="EU agrees air defence loans",
        published="2025-09-05",
        dateline="BRUSSELS",
    )
    lindqvist = _actor(
        aid,
        LOANS,
        "Maria Lindqvist",
        "Maria Lindqvist",
        "person",
        roles=("EU commissioner",),
        sector="GOV",
    )
    vaitkus2 = _actor(
        aid, LOANS, "Jonas Vaitkus", "Jonas Vaitkus", "person", country="LTU", sector="GOV"
    )
    eu = _actor(aid, LOANS, "European", "European Union", "igo", aliases=("EU",))
    out.append(
        (
            art,
            [
                lindqvist,
                vaitkus2,
                eu,
                _quote(
                    aid,
                    LOANS,
                    "This is a turning point for our common security,",
                    "direct",
                    lindqvist,
                    "Maria Lindqvist",
                    "told reporters",
                ),
                Event(
                    id=stable_id("evt", aid, 1),
                    article=aid,
                    span=_sentence(LOANS, "agreed"),
                    event_type="AGREE",
                    source=_ref(eu),
                    date="2025-09-04",
                    trigger=TextSpan("agreed", span_of(LOANS, "agreed")),
                ),
                Event(
                    id=stable_id("evt", aid, 2),
                    article=aid,
                    span=_sentence(LOANS, "welcomed"),
                    event_type="SUPPORT",
                    source=_ref(vaitkus2),
                    target=_ref(eu),
                    trigger=TextSpan("welcomed", span_of(LOANS, "welcomed")),
                ),
                Figure(
                    id=stable_id("fig", aid, 1),
                    article=aid,
                    span=span_of(LOANS, "€150 billion"),
                    text="€150 billion",
                    value=1.5e11,
                    unit="EUR",
                    kind="money",
                    refers_to="loan programme",
                ),
            ],
        )
    )

    aid = article_id(WARNING)
    art = Article(
        id=aid,
        text=WARNING,
        source="tests/warning.txt",
        title="Baltic minister warns of border closures",
        published="2025-08-20",
    )
    vaitkus3 = _actor(
        aid,
        WARNING,
        "Jonas Vaitkus",
        "Jonas Vaitkus",
        "person",
        country="LTU",
        sector="GOV",
        roles=("defence minister",),
    )
    out.append(
        (
            art,
            [
                vaitkus3,
                _quote(
                    aid,
                    WARNING,
                    "the Baltic states could close their borders",
                    "indirect",
                    vaitkus3,
                    "Jonas Vaitkus",
                    "warned",
                ),
                _quote(
                    aid,
                    WARNING,
                    "We are ready for every scenario,",
                    "direct",
                    vaitkus3,
                    "he",
                    "said",
                ),
                Event(
                    id=stable_id("evt", aid, 1),
                    article=aid,
                    span=_sentence(WARNING, "warned"),
                    event_type="THREATEN",
                    source=_ref(vaitkus3),
                    hypothetical=True,
                    reported=True,
                    trigger=TextSpan("warned", span_of(WARNING, "warned")),
                ),
                Figure(
                    id=stable_id("fig", aid, 1),
                    article=aid,
                    span=span_of(WARNING, "3 percent"),
                    text="3 percent",
                    value=3.0,
                    unit="percent",
                    kind="percent",
                    refers_to="GDP",
                ),
            ],
        )
    )
    return out


def fill(store: Store) -> None:
    for article, records in seed_articles():
        result = store.add(article, records)  # type: ignore[arg-type]  # hand-built records
        assert result.status == "new", result


def no_records(articles: Iterable[Article]) -> Iterator[Analysis]:
    """A stand-in for the NLP stages: every article, no records (ingest tests test the API)."""
    for article in articles:
        yield Analysis(article, [])


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(f"sqlite:///{tmp_path / 'api.db'}")
    fill(s)
    yield s
    s.close()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        database_url=f"sqlite:///{tmp_path / 'api.db'}",
        write_token=TOKEN,
        max_request_bytes=64 * 1024,
    )


@pytest.fixture
def client(store: Store, settings: Settings) -> Iterator[TestClient]:
    app = create_app(settings, store=store, analyzer=no_records)
    with TestClient(app) as c:
        yield c


@pytest.fixture
def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def stub_analyzer() -> Analyzer:
    return no_records


@pytest.fixture
def seed() -> list[tuple[Article, list[object]]]:
    return seed_articles()


@pytest.fixture
def drones_text() -> str:
    return DRONES


@pytest.fixture
def ids() -> dict[str, str]:
    return {
        "drones": article_id(DRONES),
        "loans": article_id(LOANS),
        "warning": article_id(WARNING),
    }
