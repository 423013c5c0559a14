"""Benchmark the PLOVER event stage: accuracy on synthetic labelled stories, events on the seed
dump for a human to read, and throughput against bare spaCy in the same run.

Data is read at run time from the shared folder next to the repository (``../shared``, or
``$SITREP_SHARED``); nothing from it is copied into the project.

- ``eval/plover_synthetic/gpt_synthetic_events_2023-10-19_19.csv``: LLM-written stories with one
  document-level PLOVER label each (noisy pseudo-labels). Reported: how often the label is among
  the event types found in the story (hit rate), per label; and the share of found events whose
  type is the story's label (a rough precision: other true events in a story count against it).
- ``corpus/defense-news-2025.txt``: every event found, with its sentence, for human checking
  (``--dump``).

Usage: ``python bench/events.py [--sample 300] [--seed 7] [--dump]``
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from spacy.tokens import Doc

from sitrep.nlp.entities import ActorMention, DocActor
from sitrep.nlp.events import extract_events
from sitrep.nlp.pipeline import load_model
from sitrep.records import Event, stable_id

SHARED = Path(os.environ.get("SITREP_SHARED", Path(__file__).resolve().parents[2] / "shared"))
SYNTHETIC = SHARED / "eval" / "plover_synthetic" / "gpt_synthetic_events_2023-10-19_19.csv"
DUMP = SHARED / "corpus" / "defense-news-2025.txt"


def stand_in_actors(doc: Doc, article_id: str) -> list[DocActor]:
    """Actors for runs before the actor stage exists: sitrep's gazetteer over the tokens
    (countries, demonyms, seats, organisations, office holders, with their codes), then the
    remaining PERSON/ORG/GPE entities without a code."""
    from sitrep.actors.gazetteer import load_gazetteer

    by_key: dict[str, DocActor] = {}
    covered: set[int] = set()
    for m in load_gazetteer().scan([t.text for t in doc], [bool(t.is_sent_start) for t in doc]):
        e = m.entry
        actor = by_key.setdefault(
            e.key, DocActor(id=e.id, name=e.name, kind=e.kind, country=e.country, sector=e.sector)
        )
        span = doc[m.start : m.end]
        actor.mentions.append(ActorMention((span.start_char, span.end_char), span.text))
        covered.update(range(m.start, m.end))
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "NORP", "ORG", "PERSON") or covered & set(
            range(ent.start, ent.end)
        ):
            continue
        actor = by_key.setdefault(
            ent.text, DocActor(id=stable_id("act", ent.text), name=ent.text, kind="org")
        )
        actor.mentions.append(ActorMention((ent.start_char, ent.end_char), ent.text))
    return list(by_key.values())


def actor_finder() -> tuple[str, object]:
    try:
        from sitrep.nlp.actors import find_actors
    except ImportError:
        return "stand-in (sitrep gazetteer + doc.ents)", stand_in_actors
    return "sitrep.nlp.actors.find_actors", find_actors


def events_of(doc: Doc, finder: object) -> list[Event]:
    actors: Sequence[DocActor] = finder(doc, "bench")  # type: ignore[operator]
    return list(extract_events(doc, "bench", actors, [], []))


def synthetic(sample: int, seed: int) -> list[tuple[str, str]]:
    with SYNTHETIC.open(newline="", encoding="utf-8") as fh:
        rows = [(r["text"], r["label"]) for r in csv.DictReader(fh)]
    random.Random(seed).shuffle(rows)
    return rows[:sample]


def score_synthetic(nlp: object, rows: list[tuple[str, str]], finder: object) -> None:
    hits = Counter[str]()
    totals = Counter[str]()
    found_types = 0
    matching_events = 0
    all_events = 0
    empty = 0
    for doc, (_, label) in zip(nlp.pipe([t for t, _ in rows]), rows, strict=True):  # type: ignore[attr-defined]
        events = [e for e in events_of(doc, finder) if not e.negated]
        types = {e.event_type for e in events}
        totals[label] += 1
        hits[label] += label in types
        found_types += len(types)
        all_events += len(events)
        matching_events += sum(e.event_type == label for e in events)
        empty += not events
    n = len(rows)
    print(f"\n## synthetic PLOVER stories (n={n}, document-level, noisy labels)")
    print(f"label among predicted types: {sum(hits.values()) / n:.3f}")
    print(f"events whose type is the story label: {matching_events / max(all_events, 1):.3f}")
    print(
        f"distinct types per story: {found_types / n:.2f}; stories with no event: {empty / n:.3f}"
    )
    print(f"{'label':<10} {'n':>4} {'hit':>6}")
    for label in sorted(totals):
        print(f"{label:<10} {totals[label]:>4} {hits[label] / totals[label]:>6.2f}")


def throughput(nlp: object, texts: list[str], finder: object) -> None:
    """Bare parse vs parse + events, interleaved and best of two, because the cores are shared
    and a single timing swings by tens of percent."""

    def bare() -> float:
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts):  # type: ignore[attr-defined]
            pass
        return time.perf_counter() - t0

    def with_events() -> float:
        t0 = time.perf_counter()
        for doc in nlp.pipe(texts):  # type: ignore[attr-defined]
            list(extract_events(doc, "bench", [], [], []))
        return time.perf_counter() - t0

    bare_s = min(bare(), bare())
    events_s = min(with_events(), with_events())
    docs = list(nlp.pipe(texts))  # type: ignore[attr-defined]
    t0 = time.perf_counter()
    for doc in docs:
        list(extract_events(doc, "bench", [], [], []))
    stage_only = time.perf_counter() - t0
    print("\n## throughput (same texts, same run, best of two)")
    print(f"bare nlp.pipe: {bare_s:.2f}s; nlp.pipe + extract_events: {events_s:.2f}s")
    print(f"ratio (bare / with events): {bare_s / events_s:.2f}x of bare throughput")
    print(f"event stage alone: {stage_only:.3f}s = {100 * stage_only / bare_s:.1f}% of bare parse")


def _articles() -> list[tuple[str, str, str | None]]:
    """(id, text, published) per article of the seed dump: sitrep's dump reader when it is
    there, else one naively unwrapped text (blank lines stay paragraph breaks)."""
    raw = DUMP.read_text(encoding="utf-8")
    try:
        from sitrep.ingest.dump import read_dump
    except ImportError:
        return [("dump", re.sub(r"(?<!\n)\n(?!\n)", " ", raw), None)]
    return [(a.id, a.text, a.published) for a in read_dump(str(DUMP), raw)]


def dump_events(nlp: object, finder: object) -> None:
    """Every event on the seed dump, with the earlier stages (quotes, dates) when present."""
    try:
        from sitrep.nlp.quotes import extract_quotes
    except ImportError:
        extract_quotes = None  # type: ignore[assignment]
    try:
        from sitrep.nlp.dates import extract_dates
    except ImportError:
        extract_dates = None  # type: ignore[assignment]
    print(f"\n## events on {DUMP.name}")
    counts = Counter[str]()
    for art_id, text, published in _articles():
        doc = nlp(text)  # type: ignore[operator]
        actors: Sequence[DocActor] = finder(doc, art_id)  # type: ignore[operator]
        quotes = list(extract_quotes(doc, art_id, actors)) if extract_quotes else []
        dates = list(extract_dates(doc, art_id, published)) if extract_dates else []
        print(f"\n### article {art_id}: {text[:70]!r}")
        for ev in extract_events(doc, art_id, actors, quotes, dates):
            counts[ev.event_type] += 1
            flags = "".join(
                f
                for f, on in (
                    ("N", ev.negated),
                    ("H", ev.hypothetical),
                    ("R", ev.reported),
                    ("Q", ev.quote is not None),
                )
                if on
            )
            src = f"{ev.source.name}/{ev.source.code}" if ev.source else "-"
            tgt = f"{ev.target.name}/{ev.target.code}" if ev.target else "-"
            sent = text[ev.span[0] : ev.span[1]].replace("\n", " ")
            trig = ev.trigger.text if ev.trigger else ""
            extra = f" loc={ev.location}" if ev.location else ""
            extra += f" date={ev.date}" if ev.date else ""
            print(
                f"{ev.event_type:<9} {ev.mode or '':<13} {flags:<4} {src} -> {tgt} [{trig}]{extra}"
            )
            print(f"    {sent[:160]}")
    print(f"\nevents by type: {dict(counts.most_common())}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dump", action="store_true", help="list events on the seed dump")
    args = parser.parse_args(argv)
    if not SYNTHETIC.exists():
        print(f"shared data not found at {SHARED}; set SITREP_SHARED", file=sys.stderr)
        return 2
    nlp = load_model()
    name, finder = actor_finder()
    print(f"actors: {name}")
    rows = synthetic(args.sample, args.seed)
    score_synthetic(nlp, rows, finder)
    throughput(nlp, [t for t, _ in rows[:100]], finder)
    if args.dump:
        dump_events(nlp, finder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
