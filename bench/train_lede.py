"""Train the lede model (``sitrep.ingest.lede_model``) on PolNeAR train and check it on dev.

Run: ``python bench/train_lede.py [--c C] [--steps N] [--out PATH] [--crossfit K]``.

The positives are each train article's first body paragraph (the paragraph under its
headline), the negatives its other paragraphs; articles with fewer than two body paragraphs are
left out. The data is read from the shared folder at run time; only the fitted numbers are
written, by default to the file the package ships (``src/sitrep/ingest/data/lede_model.npz``).
Prints the ROC AUC on the train and dev paragraphs, and on the synthetic wire stories (no
headlines), text unlike the training news.

Train dumps score the shipped model on the articles it learned from. ``--crossfit K`` measures
what it is worth on unseen articles instead, and writes no model: the train articles are cut
into K folds; for each, a model fitted on the other folds is put in place of the shipped one and
dumps built from the held-out fold (seeds 1 to 3, as ``bench/segmentation.py`` builds them) are
split with and without it. It prints boundary F1 both ways over all folds.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dumps import dumps_of, load_split  # noqa: E402
from segmentation import Counts, score_dump  # noqa: E402
from sitrep.ingest import boundary, lede_model  # noqa: E402
from sitrep.ingest.lede_model import LedeModel, fit  # noqa: E402
from sitrep.ingest.segment import segment  # noqa: E402

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "src/sitrep/ingest/data/lede_model.npz"


def paragraphs(split: str) -> tuple[list[str], list[bool]]:
    """Body paragraphs of a split with their labels (True: the article's first)."""
    return labelled(load_split(split), skip=0 if split == "wire" else 1)


def labelled(articles: list[str], skip: int = 1) -> tuple[list[str], list[bool]]:
    """Body paragraphs past the first ``skip`` (PolNeAR's first is the headline), labelled."""
    texts: list[str] = []
    labels: list[bool] = []
    for article in articles:
        body = [p.strip() for p in article.split("\n\n") if p.strip()][skip:]
        if len(body) < 2:
            continue
        texts.extend(body)
        labels.extend(k == 0 for k in range(len(body)))
    return texts, labels


def auc(scores: list[float], labels: list[bool]) -> float:
    """Probability that a random positive outscores a random negative (ties count half)."""
    s = np.asarray(scores)
    y = np.asarray(labels, dtype=bool)
    _, inverse, counts = np.unique(s, return_inverse=True, return_counts=True)
    ranks = (np.cumsum(counts) - (counts - 1) / 2)[inverse]  # 1-based, ties averaged
    pos, neg = int(y.sum()), int((~y).sum())
    return float((ranks[y].sum() - pos * (pos + 1) / 2) / (pos * neg))


def report(model: LedeModel, split: str) -> str:
    texts, labels = paragraphs(split)
    value = auc([model.log_odds(t) for t in texts], labels)
    return f"{split}: {len(texts)} paragraphs, {sum(labels)} ledes, AUC {value:.3f}"


def crossfit(folds: int, c: float, steps: int) -> None:
    articles = load_split("train")
    counts = {"without": Counts(), "with": Counts()}
    shipped = lede_model.load
    weight = boundary.W_LEDE_MODEL
    try:
        for fold in range(folds):
            held = [a for k, a in enumerate(articles) if k % folds == fold]
            model = fit(
                *labelled([a for k, a in enumerate(articles) if k % folds != fold]), c, steps
            )
            lede_model.load = lambda model=model: model  # type: ignore[assignment]
            golds = [
                gold
                for seed in (1, 2, 3)
                for gold in dumps_of(held, f"fold{fold}", len(held) // 10, seed=seed)
            ]
            for setting, w in (("without", 0.0), ("with", weight)):
                boundary.W_LEDE_MODEL = w
                for gold in golds:
                    score_dump(gold, segment(gold.text), counts[setting], errors=False)
            print(f"fold {fold + 1}/{folds}: {len(golds)} dumps", flush=True)
    finally:
        lede_model.load = shipped  # type: ignore[assignment]
        boundary.W_LEDE_MODEL = weight
    for setting, tally in counts.items():
        p, r, f = tally.prf()
        print(f"{setting} the lede model: F1 {f:.4f} (P {p:.4f}, R {r:.4f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--c", type=float, default=0.2, help="inverse L2 strength (default 0.2)")
    parser.add_argument("--steps", type=int, default=400, help="Adam steps (default 400)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write")
    parser.add_argument(
        "--crossfit", type=int, metavar="K", help="measure on unseen train folds; write nothing"
    )
    args = parser.parse_args()
    if args.crossfit:
        crossfit(args.crossfit, args.c, args.steps)
        return
    texts, labels = paragraphs("train")
    started = time.perf_counter()
    model = fit(texts, labels, c=args.c, steps=args.steps)
    print(f"fitted on {len(texts)} paragraphs in {time.perf_counter() - started:.1f} s")
    for split in ("train", "dev", "wire"):
        print(report(model, split))
    model.save(str(args.out))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
