"""Latency of the list endpoints at 10,000 articles: p50 / p95 per endpoint, served on loopback.

Builds (once; cached in bench/out/) a store of generated articles with records — the text is
produced here from small word lists, so it is the project's own — serves it with uvicorn on a
free loopback port, and times sequential requests over one keep-alive connection. Each endpoint
gets a bounded number of requests and a time budget, whichever runs out first. Paging is
exercised by spreading offsets across the whole result.

The baseline, measured in the same run, is ``/api/health`` (no database work): the ``x health``
column is an endpoint's p50 over the baseline's p50, which stays comparable across noisy
machines. The target is p95 <= 100 ms for every list endpoint at 10,000 articles.

Usage::

    python bench/api_load.py [--articles 10000] [--requests 60] [--budget 15] [--rebuild]
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from sitrep.api.app import create_app
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

OUT = Path(__file__).resolve().parent / "out"

FIRST = [
    "Anna",
    "Jonas",
    "Maria",
    "Piotr",
    "Kadri",
    "Lars",
    "Elena",
    "Tomas",
    "Ines",
    "Marek",
    "Sofia",
    "Henrik",
    "Laura",
    "Mikko",
    "Olga",
    "Pavel",
    "Rita",
    "Stefan",
    "Vera",
    "Aleksander",
    "Nina",
    "Emil",
    "Clara",
    "Dmitri",
    "Hanna",
]
LAST = [
    "Vaitkus",
    "Lindqvist",
    "Saar",
    "Nowak",
    "Berzins",
    "Kowalski",
    "Virtanen",
    "Jensen",
    "Dubois",
    "Moretti",
    "Novak",
    "Horvat",
    "Petrescu",
    "Ivanova",
    "Schmidt",
    "Olsen",
    "Kask",
    "Ozols",
    "Rossi",
    "Weber",
    "Lehto",
    "Brandt",
    "Marin",
    "Svoboda",
    "Kral",
]
ROLES = (
    "defence minister",
    "foreign minister",
    "army chief",
    "navy spokesperson",
    "air force commander",
    "prime minister",
    "security adviser",
    "EU commissioner",
)
COUNTRIES = (
    ("Estonia", "EST"),
    ("Latvia", "LVA"),
    ("Lithuania", "LTU"),
    ("Poland", "POL"),
    ("Finland", "FIN"),
    ("Sweden", "SWE"),
    ("Norway", "NOR"),
    ("Denmark", "DNK"),
    ("Germany", "DEU"),
    ("Romania", "ROU"),
    ("Moldova", "MDA"),
    ("Ukraine", "UKR"),
)
CITIES = [
    "TALLINN",
    "RIGA",
    "VILNIUS",
    "WARSAW",
    "HELSINKI",
    "STOCKHOLM",
    "OSLO",
    "COPENHAGEN",
    "BERLIN",
    "BUCHAREST",
    "CHISINAU",
    "KYIV",
    "BRUSSELS",
]
THINGS = (
    "drones",
    "radars",
    "tanks",
    "frigates",
    "missiles",
    "howitzers",
    "jets",
    "cutters",
    "satellites",
    "trucks",
    "rifles",
    "patrol boats",
    "helicopters",
    "bunkers",
)
TOPICS = (
    "air defence",
    "border security",
    "naval patrols",
    "ammunition output",
    "cyber defence",
    "military mobility",
    "training missions",
    "early warning",
    "logistics hubs",
    "reserve forces",
    "coastal defence",
    "space surveillance",
)
VERBS = (
    ("ordered", "AID"),
    ("deployed", "MOBILIZE"),
    ("sent", "AID"),
    ("tested", "MOBILIZE"),
    ("intercepted", "ASSAULT"),
    ("shot down", "ASSAULT"),
    ("withdrew", "RETREAT"),
    ("inspected", "CONSULT"),
    ("promised", "SUPPORT"),
    ("requested", "REQUEST"),
)
SAYINGS = (
    "We will not wait for the next incident",
    "Our forces are ready and watching",
    "This decision makes the whole region safer",
    "The threat has not gone away",
    "Every partner must carry a fair share",
    "We are buying time and deterrence",
    "Nobody should doubt our resolve",
    "The money must reach the units quickly",
    "We learned hard lessons this year",
    "The alliance is stronger when it acts together",
)
FILLER = (
    "Officials in {city} described the plan as a response to {topic} gaps.",
    "The programme covers {topic} and {topic2} over {years} years.",
    "Analysts said the {things} would arrive in batches.",
    "Parliament in {country} is expected to vote on the budget in {month}.",
    "Exercises near the coast involved {n} {things} and several crews.",
    "A report on {topic} found shortages of {things} and spare parts.",
)
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


class Writer:
    """Builds an article text piece by piece and remembers where each piece landed."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.size
        self.parts.append(piece)
        self.size += len(piece)
        return (start, self.size)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def person(rng: random.Random) -> tuple[str, str, str, str]:
    """(id, name, role, country code) of one of ~600 recurring people."""
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    ident = stable_id("act", name)
    fixed = int(ident[-8:], 16)  # stable across runs, unlike hash()
    return (ident, name, ROLES[fixed % len(ROLES)], COUNTRIES[fixed % len(COUNTRIES)][1])


def generate(i: int, rng: random.Random) -> tuple[Article, list[Any]]:
    """One generated article with its actors, mentions, quotes, events, figures and dates."""
    day = 1 + i % 28
    month = 1 + (i // 28) % 12
    published = f"2025-{month:02d}-{day:02d}"
    country, code = rng.choice(COUNTRIES)
    things = rng.choice(THINGS)
    w = Writer()
    records: list[Any] = []
    pending: list[tuple[str, Any]] = []
    w.add(f"{rng.choice(CITIES)} — ")
    country_span = w.add(country)
    verb, event_type = rng.choice(VERBS)
    n = rng.randint(2, 400)
    sentence_start = country_span[0]
    w.add(f" {verb} ")
    count_span = w.add(f"{n} {things}")
    w.add(" ")
    date_span = w.add(rng.choice(("on Monday", "on Tuesday", "last week", "on Friday")))
    sentence = (sentence_start, w.add(f" as part of its {rng.choice(TOPICS)} plan.")[1])
    w.add("\n\n")
    speakers = [person(rng) for _ in range(2)]
    for sid, name, role, scode in speakers:
        w.add("“")
        quote_span = w.add(f"{rng.choice(SAYINGS)}, and {rng.choice(TOPICS)} comes first,")
        w.add("” said ")
        mention_span = w.add(name)
        w.add(f", the {role}. ")
        pending.append(("actor", (sid, name, role, scode, mention_span)))
        pending.append(("quote", (sid, name, quote_span, mention_span)))
    money = rng.randint(1, 900)
    w.add("The government will spend ")
    money_span = w.add(f"€{money} million")
    w.add(f" on {rng.choice(TOPICS)}.\n\n")
    for _ in range(3):
        w.add(
            rng.choice(FILLER).format(
                city=rng.choice(CITIES).title(),
                topic=rng.choice(TOPICS),
                topic2=rng.choice(TOPICS),
                years=rng.randint(2, 12),
                things=rng.choice(THINGS),
                country=rng.choice(COUNTRIES)[0],
                month=rng.choice(MONTHS),
                n=rng.randint(3, 90),
            )
            + " "
        )
    text = w.text
    aid = text_id = article_id(text)
    state = Actor(
        id=stable_id("act", country),
        article=text_id,
        span=country_span,
        name=country,
        kind="country",
        country=code,
        sector="GOV",
    )
    records.append(state)
    for kind, data in pending:
        if kind == "actor":
            sid, name, role, scode, span = data
            records.append(
                Actor(
                    id=sid,
                    article=text_id,
                    span=span,
                    name=name,
                    kind="person",
                    roles=(role,),
                    country=scode,
                    sector="GOV",
                )
            )
            records.append(
                Mention(
                    id=stable_id("men", text_id, *span),
                    article=text_id,
                    span=span,
                    actor=sid,
                    text=name,
                )
            )
        else:
            sid, name, span, mspan = data
            records.append(
                Quote(
                    id=stable_id("quo", text_id, *span),
                    article=text_id,
                    span=span,
                    text=text[span[0] : span[1]],
                    kind="direct",
                    speaker=name,
                    speaker_id=sid,
                    speaker_mention=TextSpan(name, mspan),
                    cue=TextSpan("said", (span[1] + 2, span[1] + 6)),
                )
            )
    records.append(
        Event(
            id=stable_id("evt", text_id, *sentence),
            article=text_id,
            span=sentence,
            event_type=event_type,
            source=ActorRef(state.id, country, code, "GOV"),
            date=published,
            trigger=TextSpan(verb, (country_span[1] + 1, country_span[1] + 1 + len(verb))),
        )
    )
    records.append(
        Figure(
            id=stable_id("fig", text_id, *count_span),
            article=text_id,
            span=count_span,
            text=text[count_span[0] : count_span[1]],
            value=float(n),
            unit=things,
            kind="count",
        )
    )
    records.append(
        Figure(
            id=stable_id("fig", text_id, *money_span),
            article=text_id,
            span=money_span,
            text=text[money_span[0] : money_span[1]],
            value=money * 1e6,
            unit="EUR",
            kind="money",
        )
    )
    records.append(
        DateRecord(
            id=stable_id("dat", text_id, *date_span),
            article=text_id,
            span=date_span,
            text=text[date_span[0] : date_span[1]],
            value=published,
            precision="day",
        )
    )
    article = Article(
        id=aid,
        text=text,
        source=f"generated/{i:05d}.txt",
        title=f"{country} {verb} {things} ({i})",
        published=published,
    )
    return article, sorted(records, key=lambda r: (r.span, r.type))


def build(path: Path, articles: int, seed: int = 7) -> dict[str, int]:
    """Add generated articles until the store holds ``articles`` (resumes an interrupted build:
    article i is generated from its own seed, so the ones already stored need not be replayed)."""
    started = time.perf_counter()
    statuses: dict[str, int] = {}
    with Store.open(f"sqlite:///{path}") as store:
        for i in range(store.stats()["articles"], articles):
            article, records = generate(i, random.Random(seed * 1_000_003 + i))
            status = store.add(article, records).status
            statuses[status] = statuses.get(status, 0) + 1
            if (i + 1) % 1000 == 0:
                print(f"  built {i + 1} articles ({time.perf_counter() - started:.0f} s)")
    return statuses


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def endpoints(total: int, rng: random.Random) -> dict[str, Any]:
    """Endpoint name -> function giving the next URL to request (offsets spread over results)."""
    deep = max(total - 50, 0)

    def names() -> str:
        return f"{rng.choice(FIRST)} {rng.choice(LAST)}"

    return {
        "/api/health (baseline)": lambda: "/api/health",
        "/api/articles": lambda: "/api/articles?limit=50",
        "/api/articles deep offset": lambda: f"/api/articles?offset={rng.randint(0, deep)}",
        "/api/quotes": lambda: "/api/quotes?limit=50",
        "/api/quotes?speaker=": lambda: f"/api/quotes?speaker={names()}",
        "/api/quotes?q=": lambda: f"/api/quotes?q={rng.choice(TOPICS).split()[0]}",
        "/api/events": lambda: "/api/events?limit=50",
        "/api/events?type=": lambda: f"/api/events?type={rng.choice(VERBS)[1]}",
        "/api/events?actor=": lambda: f"/api/events?actor={rng.choice(COUNTRIES)[0]}",
        "/api/figures?unit=": lambda: f"/api/figures?unit={rng.choice(('EUR', 'drones', 'tanks'))}",
        "/api/actors": lambda: "/api/actors",
        "/api/actors?q=": lambda: f"/api/actors?q={rng.choice(LAST).lower()[:4]}",
        "/api/search?q=": lambda: f"/api/search?q={rng.choice(THINGS).split()[0]}",
        "/api/stats": lambda: "/api/stats",
    }


def measure(base: str, requests: int, budget: float, total: int) -> list[tuple[str, list[float]]]:
    rng = random.Random(11)
    results = []
    with httpx.Client(base_url=base, timeout=30) as client:
        for name, next_url in endpoints(total, rng).items():
            for _ in range(3):  # warm-up: connection, page cache, prepared statements
                client.get(next_url()).raise_for_status()
            times: list[float] = []
            deadline = time.perf_counter() + budget
            while len(times) < requests and time.perf_counter() < deadline:
                url = next_url()
                t0 = time.perf_counter()
                client.get(url).raise_for_status()
                times.append((time.perf_counter() - t0) * 1000)
            results.append((name, times))
    return results


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=60, help="per endpoint")
    parser.add_argument("--budget", type=float, default=15.0, help="seconds per endpoint")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()

    OUT.mkdir(exist_ok=True)
    path = OUT / f"api_load_{args.articles}.db"
    if args.rebuild and path.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    store = Store.open(f"sqlite:///{path}")
    stats = store.stats()
    if stats["articles"] < args.articles:
        print(f"building {args.articles} generated articles in {path} …")
        print(f"  add() results: {build(path, args.articles)}")
        stats = store.stats()
    print("store:", ", ".join(f"{k} {v}" for k, v in stats.items()))
    app = create_app(Settings(database_url=f"sqlite:///{path}"), store=store)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        results = measure(f"http://127.0.0.1:{port}", args.requests, args.budget, stats["articles"])
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()

    base = statistics.median(results[0][1])
    header = f"{'endpoint':<28}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'x health':>10}"
    print(f"\n{header}  target")
    for name, times in results:
        p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
        verdict = "" if "baseline" in name else ("ok" if p95 <= 100 else "OVER 100 ms")
        print(
            f"{name:<28}{len(times):>5}{p50:>9.1f}{p95:>9.1f}{max(times):>9.1f}"
            f"{p50 / base:>10.1f}  {verdict}"
        )


if __name__ == "__main__":
    main()
