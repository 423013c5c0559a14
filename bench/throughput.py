"""Throughput and memory of the whole ``sitrep extract`` against bare ``en_core_web_sm``.

Both runs see the same texts (PolNeAR dev articles plus the seed dump's articles) in the same
process, in interleaved pairs (baseline, sitrep, baseline, sitrep, ...), each side keeping its
best run. Times are process CPU seconds (``time.process_time``), which other processes on a
shared machine disturb far less than wall-clock time; the figure that matters is the ratio.

- baseline: ``nlp.pipe`` of the bare model with every component, nothing else;
- sitrep: read -> ``analyze`` (every sitrep stage) -> the contract's JSON Lines, as
  ``sitrep extract`` does.

Long articles: the same texts joined into one article go through ``analyze`` against the texts
as separate articles, in the same process; a ratio near 1 means the stages stay linear in an
article's length (a stage that rescans the whole article per quote or per event makes long
articles slower per character than short ones).

Memory: the resident set size is sampled while one long stream (the corpus repeated) goes
through ``analyze``; flat memory means the late samples are not above the early ones.

Usage: python bench/throughput.py [--articles N] [--repeat K]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Iterable, Iterator

from _shared import shared_dir
from sitrep.analyze import analyze
from sitrep.config import Settings
from sitrep.ingest import read_articles
from sitrep.nlp.pipeline import load_model, load_nlp
from sitrep.records import Article


def corpus(limit: int) -> list[Article]:
    shared = shared_dir()
    settings = Settings()
    paths = [str(shared / "corpus" / "defense-news-2025.txt")]
    found = [a for a in read_articles(paths, settings) if isinstance(a, Article)]
    with open(shared / "eval" / "polnear" / "dev.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            found.append(Article(id=row["id"], text=row["text"], source="polnear-dev"))
    return found[:limit]


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def run_baseline(texts: list[str]) -> float:
    nlp = load_model()
    start = time.process_time()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return time.process_time() - start


def run_sitrep(articles: list[Article]) -> float:
    start = time.process_time()
    for analysis in analyze(articles):
        json.dumps(analysis.article.to_dict())
        for record in analysis.records:
            json.dumps(record.to_dict())
    return time.process_time() - start


def stream(articles: list[Article], repeat: int) -> Iterator[Article]:
    for i in range(repeat):
        for a in articles:
            yield Article(id=f"{a.id}-{i}", text=a.text, source=a.source)


def memory_profile(articles: list[Article], repeat: int) -> list[tuple[int, float]]:
    samples: list[tuple[int, float]] = []
    total = len(articles) * repeat
    every = max(1, total // 8)
    for n, _ in enumerate(analyze(stream(articles, repeat)), start=1):
        if n % every == 0:
            samples.append((n, rss_mb()))
    return samples


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=4, help="corpus repeats for the memory run")
    parser.add_argument("--pairs", type=int, default=3, help="interleaved baseline/sitrep runs")
    args = parser.parse_args(list(argv) if argv is not None else None)

    articles = corpus(args.articles)
    texts = [a.text for a in articles]
    chars = sum(len(t) for t in texts)
    load_nlp()  # load outside the timed runs
    run_baseline(texts[:5])
    # Interleaved pairs, so that a burst of load from other processes hits both sides alike.
    bases: list[float] = []
    fulls: list[float] = []
    for _ in range(args.pairs):
        bases.append(run_baseline(texts))
        fulls.append(run_sitrep(articles))
    base, full = min(bases), min(fulls)
    ratios = sorted(b / f for b, f in zip(bases, fulls, strict=True))
    print(f"{len(texts)} articles, {chars:,} characters")
    print(f"{'run':<28}{'CPU s':>9}{'chars/s':>12}")
    print(f"{'bare en_core_web_sm':<28}{base:>9.2f}{chars / base:>12,.0f}")
    print(f"{'sitrep extract (all stages)':<28}{full:>9.2f}{chars / full:>12,.0f}")
    print(
        f"throughput ratio sitrep / bare model (best of each): {base / full:.2f} (target >= 0.70)"
    )
    print("per-pair ratios: " + ", ".join(f"{r:.2f}" for r in ratios))

    # One long article made of the same characters, against them as separate articles.
    joined = Article(id="long", text="\n\n".join(texts), source="joined")
    longs: list[float] = []
    shorts: list[float] = []
    for _ in range(max(1, args.pairs - 1)):
        shorts.append(run_sitrep(articles))
        longs.append(run_sitrep([joined]))
    print(
        f"\none article of {len(joined.text):,} characters vs the same as {len(texts)} articles: "
        f"speed ratio {min(shorts) / min(longs):.2f} (best of each; 1.00 = linear in length)"
    )

    samples = memory_profile(articles, args.repeat)
    print("\nRSS while streaming the corpus x", args.repeat)
    for n, mb in samples:
        print(f"  after {n:>5} articles: {mb:8.1f} MB")
    if len(samples) >= 4:
        # RSS swings with the allocator and the garbage collector; a leak shows as the middle
        # of the second half sitting above the middle of the first, not as one high sample.
        early = statistics.median(mb for _, mb in samples[: len(samples) // 2])
        late = statistics.median(mb for _, mb in samples[len(samples) // 2 :])
        low, high = min(mb for _, mb in samples), max(mb for _, mb in samples)
        print(
            f"median RSS, second half vs first: {late - early:+.1f} MB "
            f"(samples range {low:.0f}-{high:.0f} MB)"
        )


if __name__ == "__main__":
    main()
