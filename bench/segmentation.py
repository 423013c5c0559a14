"""Segmentation quality of ``sitrep.ingest.segment`` on the seed dump and on built dev dumps.

Run: ``python bench/segmentation.py [--dumps N] [--split train|dev|wire|both|all] [--seed S]
[--width W] [--headline-share P] [--separator-share P] [--rules] [--furniture] [--web-tops]
[--variants] [--long] [--unknown-separators] [--errors]``.
The default seed is the one the rules were developed against; other seeds combine the same
articles into other dumps and are the fairer check.
``--headline-share`` sets how often an article keeps its headline line (default 0.5; a start
under a headline is far easier to find than a bare lede) and ``--separator-share`` how often
tag, credit or rule lines stand before an article (default 0.3): held-out dumps keep "sometimes"
of each, in shares not stated.
``--width`` wraps the dev dumps at another width than the held-out dumps' 80 columns (a check on
other wrappers); ``--rules`` puts rule lines ("-----", "* * *") between some articles where
tag and credit lines would be, as some users' dumps separate articles; ``--furniture`` puts a
web page's furniture ("Advertisement", "Read more: ...") between some paragraphs inside the
stories, as a dump pasted from web pages carries it; ``--web-tops`` puts a date line (and on most
a byline, on half a share button) under every kept headline, as web pages print an article's
top, and a list of other stories' headlines ("Most read", ...) after some stories;
``--variants`` also splits
the seed dump with such lines (rules, dates, addresses, "Source:" lines) between its articles.
``--long`` splits one dump of every PolNeAR train article (about 3.8 MB) and reports its time and
peak memory per MB of text against a 10-article dump's, in the same process: a long dump should
cost about what its parts do. ``--unknown-separators`` builds dev dumps whose separator lines
all take one of a dozen forms no noise pattern knows ("Ruth Okafor / Harbor Gazette", "More
from ...", one form per row): a check that a dump's own furniture is told from its headlines.

Seed dump (``corpus/defense-news-2025.txt`` under the shared directory, read at run time): the
annotation below is the project's own (line numbers only, no text): where each article starts
and which lines are noise. Dev dumps are built by ``bench/dumps.py`` from PolNeAR (``wire``: from
short synthetic wire stories with no headlines, a check on other text); a boundary is
correct when a predicted article's first line equals a gold article's first line (its headline
when kept, else its first body line).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dumps import (  # noqa: E402
    PLAIN,
    SOURCES,
    UNKNOWN_FORMS,
    WIDTH,
    DumpForm,
    GoldDump,
    build_dump,
    build_dumps,
    load_split,
    shared_dir,
)
from sitrep.ingest.reflow import unwrap  # noqa: E402
from sitrep.ingest.segment import Segmentation, segment  # noqa: E402

# Project annotation of the seed dump (1-based line numbers).
SEED_STARTS = (1, 85, 182, 230, 255, 285, 343, 413, 490)
SEED_NOISE = (
    84, 105, 106, 107, 112, 133, 134, 152, 156, 157, 158, 227, 228, 229, 341, 342,
    365, 383, 437, 475, 526,
)  # fmt: skip


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    body: int = 0
    lost: int = 0
    noise: int = 0
    kept: int = 0
    headlines: int = 0
    titled: int = 0
    # Recall by the kind of boundary: after a tag/credit line, at a headline, or unmarked.
    kinds: dict[str, list[int]] = field(default_factory=dict)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def _kept_lines(seg: Segmentation) -> set[int]:
    return {n for a in seg.articles for n in a.body_lines}


def score_dump(gold: GoldDump, seg: Segmentation, counts: Counts, errors: bool) -> None:
    gold_starts = {i + 1 for i in gold.first_lines()}
    pred_starts = {a.first_line for a in seg.articles}
    for start in gold_starts - {1}:
        line, before = gold.lines[start - 1], gold.lines[start - 2]
        kind = "head" if line.role == "headline" else "sep" if before.role == "noise" else "bare"
        found, total = counts.kinds.setdefault(kind, [0, 0])
        counts.kinds[kind] = [found + (start in pred_starts), total + 1]
    counts.tp += len(gold_starts & pred_starts)
    counts.fp += len(pred_starts - gold_starts)
    counts.fn += len(gold_starts - pred_starts)
    kept = _kept_lines(seg)
    titles = {n for a in seg.articles for n in a.title_lines}
    for i, line in enumerate(gold.lines, start=1):
        if line.role == "body":
            counts.body += 1
            if i not in kept:
                counts.lost += 1
                if errors:
                    print(f"  LOST {gold.name}:{i}: {line.text[:70]}")
        elif line.role == "noise":
            counts.noise += 1
            counts.kept += i in kept or i in titles
        else:
            counts.headlines += 1
            counts.titled += i in titles
    if errors:
        for n in sorted(pred_starts ^ gold_starts):
            tag = "FP" if n in pred_starts else "FN"
            print(f"  {tag} {gold.name}:{n}: {gold.lines[n - 1].text[:70]}")
            for k in range(max(1, n - 2), min(len(gold.lines), n + 2) + 1):
                print(f"      {k:4d} {gold.lines[k - 1].role[:4]} {gold.lines[k - 1].text[:70]}")


def seed_row(errors: bool) -> None:
    path = shared_dir() / "corpus" / "defense-news-2025.txt"
    if not path.exists():
        print(f"seed dump not found at {path}; set SITREP_SHARED")
        return
    text = path.read_text(encoding="utf-8")
    seg = segment(text)
    n_lines = len(text.splitlines())
    pred = [a.first_line for a in seg.articles]
    kept = _kept_lines(seg) | {n for a in seg.articles for n in a.title_lines}
    body = [n for n in range(1, n_lines + 1) if n not in SEED_NOISE]
    lost = [n for n in body if n not in kept]
    kept_noise = [n for n in SEED_NOISE if n in kept]
    exact = len(set(pred) & set(SEED_STARTS))
    print("seed dump")
    print(f"  {'articles found':<22}{len(seg.articles):>6}   (gold {len(SEED_STARTS)})")
    print(f"  {'exact boundaries':<22}{exact:>6}")
    print(f"  {'body lines lost':<22}{len(lost):>6}   {lost[:10]}")
    print(f"  {'noise lines kept':<22}{len(kept_noise):>6}   {kept_noise[:10]}")
    if errors:
        print(f"  predicted starts {pred}")
        for a in seg.articles:
            print(f"   {a.first_line}-{a.last_line} dl={a.dateline} by={a.byline} tags={a.tags}")


# What users put between the articles they paste together (self-written; none is from a corpus).
SEED_BETWEEN = {
    "blank line": [""],
    "two blank lines": ["", ""],
    "rule -----": ["-----"],
    "rule * * *": ["* * *"],
    "rule ###": ["###"],
    "date line": ["June 5, 2025"],
    "labelled date": ["Published: 2025-06-05"],
    "by-line": ["By Staff Reporter"],
    "web address": ["https://example.org/news/123"],
    "source line": ["Source: Defense News"],
    "web date line": ["Updated 5:32 PM EDT, Thu June 5, 2025"],
    "page furniture": ["Share this article"],
    "unknown credit": ["Ruth Okafor / Harbor Gazette"],
    "breadcrumb trail": ["Home / World / Europe"],
}


def seed_variants() -> None:
    """The seed dump with the same line between every two articles, and double-spaced: how
    many of its 9 articles start where they should (and how many articles are found)."""
    path = shared_dir() / "corpus" / "defense-news-2025.txt"
    if not path.exists():
        return
    lines = path.read_text(encoding="utf-8").split("\n")
    print("seed dump, with lines between its articles")
    for name, between in SEED_BETWEEN.items():
        out: list[str] = []
        starts: list[int] = []
        for number, line in enumerate(lines, start=1):
            if number in SEED_STARTS and number != 1:
                out.extend(between)
            if number in SEED_STARTS:
                starts.append(len(out) + 1)
            out.append(line)
        found = [a.first_line for a in segment("\n".join(out)).articles]
        print(f"  {name:<22}{len(set(found) & set(starts)):>3}/9 exact, {len(found)} articles")
    double = "\n".join(lines).replace("\n", "\n\n")
    found = [(a.first_line + 1) // 2 for a in segment(double).articles]
    exact = len(set(found) & set(SEED_STARTS))
    print(f"  {'double-spaced':<22}{exact:>3}/9 exact, {len(found)} articles")


# Dumps per source by default: PolNeAR train's 840 articles each once; dev's 84 articles about
# ten times each; each of the 1,044 usable wire stories once.
DEFAULT_DUMPS = {"train": 84, "dev": 84, "wire": 104}
UNKNOWN_DUMPS = 20  # dev dumps per separator form


def dev_rows(
    splits: list[str],
    n_dumps: int | None,
    errors: bool,
    seed: int = 2025,
    form: DumpForm = PLAIN,
) -> None:
    print(
        f"\n{'split':<8}{'dumps':>6}{'P':>8}{'R':>8}{'F1':>8}{'lost %':>9}{'noise kept %':>14}"
        f"{'titled %':>10}{'ms/dump':>9}{'vs unwrap':>11}   recall by boundary kind"
    )
    for split in splits:
        counts = Counts()
        elapsed = baseline = 0.0
        n = n_dumps or DEFAULT_DUMPS[split]
        dumps = list(build_dumps(split, n_dumps=n, seed=seed, form=form))
        for gold in dumps:
            t0 = time.perf_counter()
            seg = segment(gold.text)
            t1 = time.perf_counter()
            # Baseline measured in the same run: reflowing the same dump, nothing more.
            unwrap(gold.text)
            t2 = time.perf_counter()
            elapsed += t1 - t0
            baseline += t2 - t1
            score_dump(gold, seg, counts, errors)
        p, r, f = counts.prf()
        lost = 100 * counts.lost / max(1, counts.body)
        kept = 100 * counts.kept / max(1, counts.noise)
        titled = 100 * counts.titled / max(1, counts.headlines)
        ms = 1000 * elapsed / max(1, len(dumps))
        ratio = elapsed / baseline if baseline else 0.0
        print(
            f"{split:<8}{len(dumps):>6}{p:>8.3f}{r:>8.3f}{f:>8.3f}{lost:>9.2f}{kept:>14.2f}"
            f"{titled:>10.1f}{ms:>9.1f}{ratio:>10.0f}x   "
            + "  ".join(
                f"{kind} {found / total:.2f} ({total})"
                for kind, (found, total) in sorted(counts.kinds.items())
            )
        )


def long_row() -> None:
    """Time and peak traced memory (Python and NumPy allocations, in a second, traced run) per
    MB of dump text: one dump of all PolNeAR train articles against one of ten."""
    articles = load_split("train")
    print(f"\n{'dump':<22}{'MB':>6}{'articles':>10}{'s':>8}{'s/MB':>8}{'peak MB':>9}{'MB/MB':>7}")
    per_mb = []
    for name, chosen in (("10 articles", articles[:10]), ("all train articles", articles)):
        text = build_dump(name, chosen, random.Random(1)).text
        size = len(text.encode("utf-8")) / 2**20
        start = time.perf_counter()
        found = len(segment(text).articles)
        seconds = time.perf_counter() - start
        tracemalloc.start()  # a second run: tracing slows the first one down threefold
        segment(text)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        per_mb.append((seconds / size, peak / size))
        print(
            f"{name:<22}{size:>6.2f}{found:>10}{seconds:>8.1f}{seconds / size:>8.1f}"
            f"{peak:>9.0f}{peak / size:>7.0f}"
        )
    (t_short, m_short), (t_long, m_long) = per_mb
    print(
        f"long vs short, per MB: time {t_long / t_short:.2f}x, peak memory {m_long / m_short:.2f}x"
    )


def unknown_rows(n_dumps: int | None, seed: int) -> None:
    """Dev dumps whose separator lines all take one form no noise pattern knows, per form."""
    n = n_dumps or UNKNOWN_DUMPS
    print(f"\nseparator lines in forms no pattern knows (dev, {n} dumps each)")
    print(f"  {'form':<44}{'F1':>7}{'sep recall':>12}{'noise kept %':>14}")
    pooled = Counts()
    for form in UNKNOWN_FORMS:
        counts = Counts()
        for gold in build_dumps("dev", n_dumps=n, seed=seed, form=DumpForm(unknown=form)):
            score_dump(gold, segment(gold.text), counts, False)
        found, total = counts.kinds.get("sep", [0, 0])
        kept = 100 * counts.kept / max(1, counts.noise)
        print(f"  {form:<44}{counts.prf()[2]:>7.3f}{found / max(1, total):>12.2f}{kept:>14.1f}")
        for name in ("tp", "fp", "fn"):
            setattr(pooled, name, getattr(pooled, name) + getattr(counts, name))
    print(f"  {'all forms pooled':<44}{pooled.prf()[2]:>7.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--dumps", type=int, default=None, help="dumps per source (default: every article once)"
    )
    parser.add_argument(
        "--split",
        default="both",
        choices=[*SOURCES, "both", "all"],
        help="both: PolNeAR train and dev; all: those and the synthetic wire stories",
    )
    parser.add_argument(
        "--seed", type=int, default=2025, help="how articles are drawn into dumps (default 2025)"
    )
    parser.add_argument(
        "--width",
        type=int,
        default=WIDTH,
        help=f"columns the dev dumps are wrapped at (default {WIDTH}, as the held-out dumps are)",
    )
    parser.add_argument(
        "--rules",
        action="store_true",
        help='rule lines ("-----", "* * *") between some articles instead of tag or credit lines',
    )
    parser.add_argument(
        "--variants",
        action="store_true",
        help="also split the seed dump with rules, dates, addresses ... between its articles",
    )
    parser.add_argument(
        "--long",
        action="store_true",
        help="also time one dump of every train article against a 10-article one (per MB)",
    )
    parser.add_argument(
        "--furniture",
        action="store_true",
        help='web page furniture ("Advertisement", "Read more: ...") inside some stories',
    )
    parser.add_argument(
        "--web-tops",
        action="store_true",
        help="a web page's top (date line, most with a byline) under every kept headline, "
        "and a list of other stories after some stories",
    )
    parser.add_argument(
        "--unknown-separators",
        action="store_true",
        help="also split dev dumps whose separator lines take forms no noise pattern knows",
    )
    parser.add_argument(
        "--headline-share",
        type=float,
        default=PLAIN.headline_share,
        metavar="P",
        help=f"chance that an article keeps its headline line (default {PLAIN.headline_share})",
    )
    parser.add_argument(
        "--separator-share",
        type=float,
        default=PLAIN.separator_share,
        metavar="P",
        help="chance of tag, credit or rule lines before an article "
        f"(default {PLAIN.separator_share})",
    )
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    for share in (args.headline_share, args.separator_share):
        if not 0 <= share <= 1:
            parser.error(f"a share is a chance from 0 to 1, not {share}")
    seed_row(args.errors)
    if args.variants:
        seed_variants()
    if args.long:
        long_row()
    if args.unknown_separators:
        unknown_rows(args.dumps, args.seed)
    splits = {"both": ["train", "dev"], "all": list(SOURCES)}.get(args.split, [args.split])
    form = DumpForm(
        width=args.width,
        rules=args.rules,
        furniture=args.furniture,
        web_tops=args.web_tops,
        headline_share=args.headline_share,
        separator_share=args.separator_share,
    )
    dev_rows(splits, args.dumps, args.errors, args.seed, form)


if __name__ == "__main__":
    main()
