"""Benchmark of the actor stage on the seed dump: person listing, merge counts, throughput ratio.

Run: ``python bench/actors.py [--no-speed] [--repeat N] [--splitter]``. Reads the seed dump at
run time from
``../shared/corpus/defense-news-2025.txt`` (next to the repository) or ``$SITREP_SHARED``;
nothing of it is stored in the repository.

By default the dump is split at hand-chosen line ranges (below) and each article's lines are
joined with spaces (a naive unwrap); cartoon credits and contributor lines are left out, as the
splitter drops them. ``--splitter`` reads it with sitrep's own dump reader instead.

Scores
------
* **persons**: distinct person actor ids over the corpus.
* **full name**: persons whose canonical name is a full personal name (two words or more, or a
  regnal name such as "Charles III") with a corpus-wide id (not an article-local surname).
* **merged**: persons with every variant merged: corpus-wide id, and in no article another
  person actor shares its surname (a split "Starmer" next to "Keir Starmer"), and no other id
  in the corpus carries the same canonical name.

Throughput: docs/second of ``nlp.pipe`` plus ``find_actors`` against bare ``nlp.pipe`` of the
same model on the same texts, in the same run; the ratio is what matters on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import time
from collections import defaultdict
from pathlib import Path

from sitrep.actors.gazetteer import fold
from sitrep.nlp.actors import find_actors
from sitrep.nlp.entities import DocActor
from sitrep.nlp.names import parse_person
from sitrep.nlp.pipeline import load_model

#: 1-based inclusive line ranges of the nine articles of the seed dump
ARTICLE_LINES = (
    (1, 83),
    (85, 181),
    (182, 226),
    (230, 254),
    (255, 284),
    (285, 340),
    (343, 412),
    (413, 489),
    (490, 525),
)


def shared_dir() -> Path:
    env = os.environ.get("SITREP_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared"


def seed_articles(splitter: bool = False) -> list[str]:
    """The seed dump's article texts: split at ``ARTICLE_LINES`` and joined naively, or by
    sitrep's own dump reader when ``splitter`` is set."""
    path = shared_dir() / "corpus" / "defense-news-2025.txt"
    if not path.is_file():
        raise SystemExit(f"{path}: seed dump not found; set SITREP_SHARED to the shared directory")
    raw = path.read_text(encoding="utf-8")
    if splitter:
        from sitrep.ingest.dump import read_dump

        return [article.text for article in read_dump(str(path), raw)]
    lines = raw.split("\n")
    return [" ".join(lines[a - 1 : b]) for a, b in ARTICLE_LINES]


def _surname(name: str) -> str:
    parsed = parse_person(name)
    return parsed.surname_key if parsed is not None else fold(name)


def _is_full(actor: DocActor) -> bool:
    parsed = parse_person(actor.name)
    return parsed is not None and (parsed.is_full or len(actor.name.split()) > 1)


def report(per_article: list[list[DocActor]]) -> dict[str, int]:
    persons: dict[str, list[tuple[int, DocActor]]] = defaultdict(list)
    for i, actors in enumerate(per_article):
        for a in actors:
            if a.kind == "person":
                persons[a.id].append((i, a))
    split: set[str] = set()
    for actors in per_article:
        people = [a for a in actors if a.kind == "person"]
        for a in people:
            keys = {_surname(a.name)} | {_surname(x) for x in a.aliases}
            for b in people:
                if b.id != a.id and _surname(b.name) in keys:
                    split.update((a.id, b.id))
    by_name: dict[str, set[str]] = defaultdict(set)
    for pid, seen in persons.items():
        by_name[fold(seen[0][1].name)].add(pid)
    for ids in by_name.values():
        if len(ids) > 1:
            split.update(ids)
    local = {pid for pid, seen in persons.items() if not _is_full(seen[0][1])}

    print(f"{'person':28} {'arts':>4} {'flag':6} aliases | roles")
    for pid, seen in sorted(persons.items(), key=lambda kv: kv[1][0][1].name):
        name = seen[0][1].name
        aliases = sorted({x for _, a in seen for x in a.aliases})
        roles = sorted({x for _, a in seen for x in a.roles})
        flag = "LOCAL" if pid in local else ("SPLIT" if pid in split else "")
        country = seen[0][1].country or "-"
        gender = seen[0][1].gender or "-"
        print(f"{name:28} {len(seen):>4} {flag:6} [{country} {gender}] {aliases} | {roles}")
    full = [pid for pid in persons if pid not in local]
    merged = [pid for pid in full if pid not in split]
    scores = {"persons": len(persons), "full_name": len(full), "merged": len(merged)}
    print()
    print(" | ".join(f"{k}: {v}" for k, v in scores.items()))
    return scores


def throughput(texts: list[str], repeat: int) -> None:
    """Time bare ``nlp.pipe`` and, on its Docs, the actor stage alone, in the same run: the
    ratio bare / (bare + actors) is the pipeline's throughput with the stage relative to the
    model alone, and does not suffer from two noisy pipe runs on a shared machine."""
    nlp = load_model()
    batch = texts * repeat
    list(nlp.pipe(texts[:2]))  # warm up
    find_actors(nlp(texts[0]), "warmup")
    t0 = time.perf_counter()
    docs = list(nlp.pipe(batch))
    bare = time.perf_counter() - t0
    t0 = time.perf_counter()
    for i, doc in enumerate(docs):
        find_actors(doc, f"art{i}")
    actors = time.perf_counter() - t0
    n = len(batch)
    print()
    print(f"{'pipeline':28} {'docs/s':>8} {'seconds':>8}")
    print(f"{'en_core_web_sm (bare)':28} {n / bare:8.1f} {bare:8.2f}")
    print(f"{'find_actors alone':28} {n / actors:8.1f} {actors:8.2f}")
    print(f"{'model + find_actors':28} {n / (bare + actors):8.1f} {bare + actors:8.2f}")
    print(f"throughput ratio (model + actors) / bare: {bare / (bare + actors):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-speed", action="store_true", help="skip the throughput runs")
    parser.add_argument("--repeat", type=int, default=3, help="corpus copies per speed run")
    parser.add_argument(
        "--splitter", action="store_true", help="split the dump with sitrep.ingest.dump"
    )
    args = parser.parse_args()
    texts = seed_articles(args.splitter)
    print(f"{len(texts)} articles ({'dump reader' if args.splitter else 'hand-chosen lines'})")
    nlp = load_model()
    docs = list(nlp.pipe(texts))
    report([find_actors(doc, f"art{i}") for i, doc in enumerate(docs)])
    if not args.no_speed:
        throughput(texts, args.repeat)


if __name__ == "__main__":
    main()
