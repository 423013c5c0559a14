"""List queries over hand-built records: quotes, actors, events, figures, dates, with paging."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from sitrep.records import (
    Actor,
    ActorRef,
    Article,
    DateRecord,
    Event,
    Figure,
    Mention,
    Quote,
    Record,
)
from sitrep.store import Store
from sitrep.store.testing import postgres_test_url, scratch_schema_url

# Three invented articles. Offsets are computed, never typed, so the texts can change freely.
A1 = (
    "art_one",
    "2025-03-04",
    "Ursula von der Leyen presented a plan to raise defence "
    'spending. "Europe must be able to defend itself," von der Leyen said. The fund '
    "holds 150 billion euros in loans.",
)
A2 = (
    "art_two",
    "2025-06-20",
    "Mark Rutte met Volodymyr Zelensky in Kyiv. Rutte said "
    "allies would send more air defence. Zelensky thanked NATO for 12 Patriot batteries.",
)
A3 = (
    "art_three",
    None,
    "Russia struck the city overnight, officials said. A U.K. diplomat "
    "said the attack would not change the talks. Rutte condemned the strike.",
)

UVDL = (
    "uvdl",
    "Ursula von der Leyen",
    "person",
    ("von der Leyen",),
    ("European Commission President",),
    None,
    "GOV",
)
RUTTE = ("rutte", "Mark Rutte", "person", ("Rutte",), ("NATO Secretary General",), None, "IGO")
ZEL = ("zelensky", "Volodymyr Zelensky", "person", ("Zelensky",), ("President",), "UKR", "GOV")
RUS = ("RUS", "Russia", "country", (), (), "RUS", "GOV")
NATO = ("NATO", "NATO", "igo", (), (), None, "IGO")


def at(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return (start, start + len(part))


def actor(aid: str, text: str, spec: tuple, surface: str) -> Actor:  # type: ignore[type-arg]
    id_, name, kind, aliases, roles, country, sector = spec
    return Actor(
        id=id_,
        article=aid,
        span=at(text, surface),
        name=name,
        kind=kind,
        aliases=aliases,
        roles=roles,
        country=country,
        sector=sector,
    )


def build() -> list[tuple[Article, list[Record]]]:
    out = []
    aid, pub, t = A1
    out.append(
        (
            Article(id=aid, text=t, source="one", title="EU defence plan", published=pub),
            [
                actor(aid, t, UVDL, "Ursula von der Leyen"),
                Mention(
                    id="m1",
                    article=aid,
                    span=at(t, "von der Leyen", 1),
                    actor="uvdl",
                    text="von der Leyen",
                ),
                Quote(
                    id="q1",
                    article=aid,
                    span=at(t, "Europe must be able to defend itself,"),
                    text="Europe must be able to defend itself,",
                    kind="direct",
                    speaker="Ursula von der Leyen",
                    speaker_id="uvdl",
                ),
                Figure(
                    id="f1",
                    article=aid,
                    span=at(t, "150 billion euros"),
                    text="150 billion euros",
                    value=1.5e11,
                    unit="EUR",
                    kind="money",
                ),
                DateRecord(
                    id="d1", article=aid, span=(0, 0), text="", value="2025-03-04", precision="day"
                ),
            ],
        )
    )
    aid, pub, t = A2
    out.append(
        (
            Article(id=aid, text=t, source="two", title="Rutte in Kyiv", published=pub),
            [
                actor(aid, t, RUTTE, "Mark Rutte"),
                actor(aid, t, ZEL, "Volodymyr Zelensky"),
                actor(aid, t, NATO, "NATO"),
                Quote(
                    id="q2",
                    article=aid,
                    span=at(t, "allies would send more air defence"),
                    text="allies would send more air defence",
                    kind="indirect",
                    speaker="Mark Rutte",
                    speaker_id="rutte",
                ),
                Event(
                    id="e1",
                    article=aid,
                    span=at(t, "Mark Rutte met Volodymyr Zelensky in Kyiv."),
                    event_type="CONSULT",
                    source=ActorRef("rutte", "Mark Rutte", "IGO", "IGO"),
                    target=ActorRef("zelensky", "Volodymyr Zelensky", "UKR", "GOV"),
                    location="Kyiv",
                    date="2025-06-19",
                ),
                Figure(
                    id="f2",
                    article=aid,
                    span=at(t, "12 Patriot batteries"),
                    text="12 Patriot batteries",
                    value=12,
                    unit="battery",
                    kind="count",
                ),
                DateRecord(
                    id="d2", article=aid, span=(0, 0), text="", value="2025-06", precision="month"
                ),
            ],
        )
    )
    aid, pub, t = A3
    out.append(
        (
            Article(id=aid, text=t, source="three", title="Overnight strike"),
            [
                actor(aid, t, RUS, "Russia"),
                actor(aid, t, RUTTE, "Rutte"),
                Quote(
                    id="q3",
                    article=aid,
                    span=at(t, "the attack would not change the talks"),
                    text="the attack would not change the talks",
                    kind="indirect",
                    speaker="a U.K. diplomat",
                ),
                Event(
                    id="e2",
                    article=aid,
                    span=at(t, "Russia struck the city overnight"),
                    event_type="ASSAULT",
                    source=ActorRef("RUS", "Russia", "RUS", "GOV"),
                ),
                Event(
                    id="e3",
                    article=aid,
                    span=at(t, "Rutte condemned the strike."),
                    event_type="DISAPPROVE",
                    source=ActorRef("rutte", "Mark Rutte", "IGO", "IGO"),
                    target=ActorRef("RUS", "Russia", "RUS", "GOV"),
                    date="2025-07-01",
                ),
                DateRecord(
                    id="d3", article=aid, span=at(t, "overnight"), text="overnight", value=None
                ),
            ],
        )
    )
    return out


@contextmanager
def database(kind: str) -> Iterator[str]:
    if kind == "sqlite":
        yield "sqlite://"
        return
    url = postgres_test_url()
    if url is None:
        pytest.skip("set SITREP_TEST_POSTGRES_URL to run the PostgreSQL tests")
    with scratch_schema_url(url) as scoped:
        yield scoped


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    with database(request.param) as url, Store.open(url) as opened:
        for article, records in build():
            assert opened.add(article, records).status == "new"
        yield opened


def ids(page: object) -> list[str]:
    return [item.record.id for item in page.items]  # type: ignore[attr-defined]


@pytest.mark.parametrize("speaker", ["Mark Rutte", "mark rutte", "Rutte", "rutte", " RUTTE "])
def test_quotes_by_speaker_name_alias_or_id(store: Store, speaker: str) -> None:
    assert ids(store.quotes(speaker=speaker)) == ["q2"]


def test_quotes_by_anonymous_speaker_description(store: Store) -> None:
    assert ids(store.quotes(speaker="a u.k. diplomat")) == ["q3"]
    assert ids(store.quotes(speaker="Nobody Known")) == []


def test_quotes_about_an_actor_in_text_or_article(store: Store) -> None:
    # q2 is in an article where Zelensky appears; no quote text names him.
    assert ids(store.quotes(about="Zelensky")) == ["q2"]
    # "Europe" is in the text of q1 only.
    assert ids(store.quotes(about="europe")) == ["q1"]
    # Russia appears in A3 only, Rutte in A2 and A3: newest article first, undated last.
    assert ids(store.quotes(about="rutte")) == ["q2", "q3"]


def test_quotes_by_words_and_since(store: Store) -> None:
    assert ids(store.quotes(q="defence AIR")) == ["q2"]
    assert ids(store.quotes(q="100%")) == []
    assert ids(store.quotes(since="2025-06-01")) == ["q2"]
    assert ids(store.quotes()) == ["q2", "q1", "q3"]


def test_quote_items_carry_article_facts(store: Store) -> None:
    [item] = store.quotes(speaker="uvdl").items
    assert (item.article_id, item.article_title, item.published, item.source) == (
        "art_one",
        "EU defence plan",
        "2025-03-04",
        "one",
    )


def test_paging_reports_total_count(store: Store) -> None:
    page = store.quotes(limit=2)
    assert len(page.items) == 2 and page.count == 3
    rest = store.quotes(limit=2, offset=2)
    assert ids(rest) == ["q3"] and rest.count == 3


def test_actors_with_counts_and_filter(store: Store) -> None:
    page = store.actors()
    assert page.count == 5
    first = page.items[0]
    assert (first.id, first.article_count, first.quote_count) == ("rutte", 2, 1)
    assert [a.id for a in store.actors(q="leyen").items] == ["uvdl"]
    assert [a.id for a in store.actors(q="RUS").items] == ["RUS"]
    assert store.actors(q="%").count == 0


def test_actor_detail(store: Store) -> None:
    detail = store.actor("Rutte")
    assert detail is not None
    assert detail.actor.roles == ("NATO Secretary General",)
    assert [a.id for a in detail.articles] == ["art_two", "art_three"]
    co = {c.id: c.articles for c in detail.co_mentioned}
    assert co == {"zelensky": 1, "NATO": 1, "RUS": 1}
    assert store.actor("nobody at all") is None


def test_events_by_type_actor_and_since(store: Store) -> None:
    assert ids(store.events(type="consult")) == ["e1"]
    assert ids(store.events(actor="Zelensky")) == ["e1"]
    assert ids(store.events(actor="Mark Rutte")) == ["e3", "e1"]
    assert ids(store.events(actor="russia")) == ["e3", "e2"]
    # e2 has no date and an undated article: it is excluded by since, listed last otherwise.
    assert ids(store.events(since="2025-06-20")) == ["e3"]
    assert store.events().count == 3


def test_figures_by_unit_and_kind(store: Store) -> None:
    assert ids(store.figures(unit="eur")) == ["f1"]
    assert ids(store.figures(kind="count")) == ["f2"]
    assert store.figures().count == 2


def test_dates_by_prefix_and_range(store: Store) -> None:
    assert ids(store.dates(value="2025-06")) == ["d2"]
    assert ids(store.dates(since="2025-03-05")) == ["d2"]
    assert ids(store.dates(until="2025-03")) == ["d1"]
    assert ids(store.dates()) == ["d2", "d1", "d3"]
