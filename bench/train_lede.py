"""Train the learned models of dump splitting on PolNeAR train and check them on dev: the lede
model (``sitrep.ingest.lede_model``), the headline model (``sitrep.ingest.headline_model``) and
the break model (``sitrep.ingest.break_model``).

Run: ``python bench/train_lede.py [--c C] [--steps N] [--out-dir DIR] [--crossfit K]``.

Lede model: the positives are each train article's first body paragraph (the paragraph under
its headline), the negatives its other paragraphs; articles with fewer than two body paragraphs
are left out. Headline model: every paragraph that is heading-shaped when wrapped at 80 columns
(``headline_model.heading_shaped``), the article's headline positive, the others negative. Break
model: the train articles' bodies laid end to end as in a dump, in random orders (``breaks``),
each break between two articles positive, each inside one negative, read with the paragraphs
around it. The data is read from the shared folder at run time;
only the fitted numbers are written, by default to the files the package ships
(``src/sitrep/ingest/data/lede_model.npz``, ``headline_model.npz``, ``break_model.npz``). Prints
each model's ROC AUC on the train and dev examples (dev breaks in five orders), and the lede
model's on the synthetic wire stories (no headlines), text unlike the training news.

Train dumps score the shipped models on the articles they learned from. ``--crossfit K``
measures what they are worth on unseen articles instead, and writes no model: the train
articles are cut into K folds; for each, models fitted on the other folds are put in place of
the shipped ones and dumps built from the held-out fold (seeds 1 to 3, as
``bench/segmentation.py`` builds them) are split without the models, with the lede model, with
the lede and headline models, and with all three. It prints boundary F1 each way over all
folds.
"""

from __future__ import annotations

import argparse
import random
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dumps import dumps_of, load_split  # noqa: E402
from segmentation import Counts, score_dump  # noqa: E402
from sitrep.ingest import boundary, break_model, headline_model, lede_model  # noqa: E402
from sitrep.ingest.blocks import Block  # noqa: E402
from sitrep.ingest.break_model import CONTEXT, Break  # noqa: E402
from sitrep.ingest.lede_model import LedeModel, fit, fit_rows  # noqa: E402
from sitrep.ingest.reflow import split_lines  # noqa: E402
from sitrep.ingest.segment import segment  # noqa: E402

DATA_DIR = Path(__file__).resolve().parents[1] / "src/sitrep/ingest/data"
WIDTH = 80  # the wrap width of the dev dumps


def paragraphs(split: str) -> tuple[list[str], list[bool]]:
    """Body paragraphs of a split with their labels (True: the article's first)."""
    return labelled(load_split(split), skip=0 if split == "wire" else 1)


def labelled(articles: list[str], skip: int = 1) -> tuple[list[str], list[bool]]:
    """Body paragraphs past the first ``skip`` (PolNeAR's first is the headline), labelled."""
    texts: list[str] = []
    labels: list[bool] = []
    for article in articles:
        body = _paragraphs(article)[skip:]
        if len(body) < 2:
            continue
        texts.extend(body)
        labels.extend(k == 0 for k in range(len(body)))
    return texts, labels


def breaks(articles: list[str], seed: int, rounds: int = 3) -> tuple[list[Break], list[bool]]:
    """The paragraph breaks of the articles' bodies (past the headline) laid end to end as in a
    dump, in ``rounds`` random orders, labelled True where another article begins: every break
    of the first order, and the breaks between articles of the others (more of the rare kind).
    Articles with fewer than two body paragraphs are left out."""
    bodies = [body for body in (_paragraphs(a)[1:] for a in articles) if len(body) >= 2]
    rng = random.Random(seed)
    found: list[Break] = []
    labels: list[bool] = []
    for round_ in range(rounds):
        order = rng.sample(range(len(bodies)), len(bodies))
        laid = [(text, k == 0) for index in order for k, text in enumerate(bodies[index])]
        texts = [text for text, _ in laid]
        for at in range(1, len(laid)):
            if round_ and not laid[at][1]:
                continue
            following = texts[at + 1] if at + 1 < len(texts) else None
            found.append(Break(texts[max(0, at - CONTEXT) : at], texts[at], following))
            labels.append(laid[at][1])
    return found, labels


def _paragraphs(article: str) -> list[str]:
    """An article's paragraphs (PolNeAR's first is the headline)."""
    return [p.strip() for p in article.split("\n\n") if p.strip()]


def headline_lines(articles: list[str]) -> tuple[list[str], list[bool]]:
    """The heading-shaped paragraphs of the articles wrapped at WIDTH columns, labelled (True:
    the article's headline, its first paragraph)."""
    texts: list[str] = []
    labels: list[bool] = []
    for article in articles:
        for k, paragraph in enumerate(_paragraphs(article)):
            if headline_model.heading_shaped(_wrapped(paragraph), WIDTH):
                texts.append(paragraph)
                labels.append(k == 0)
    return texts, labels


def _wrapped(paragraph: str) -> Block:
    """The paragraph as a block of lines wrapped at WIDTH columns, as a dump prints it."""
    return Block(split_lines(textwrap.fill(paragraph, WIDTH)), "hard")


def auc(scores: list[float], labels: list[bool]) -> float:
    """Probability that a random positive outscores a random negative (ties count half)."""
    s = np.asarray(scores)
    y = np.asarray(labels, dtype=bool)
    _, inverse, counts = np.unique(s, return_inverse=True, return_counts=True)
    ranks = (np.cumsum(counts) - (counts - 1) / 2)[inverse]  # 1-based, ties averaged
    pos, neg = int(y.sum()), int((~y).sum())
    return float((ranks[y].sum() - pos * (pos + 1) / 2) / (pos * neg))


Rows = tuple[list[NDArray[np.int64]], list[bool]]  # examples as feature buckets, labels


def paragraph_rows(examples: tuple[list[str], list[bool]]) -> Rows:
    texts, labels = examples
    return [lede_model.hashed(t) for t in texts], labels


def break_rows(examples: tuple[list[Break], list[bool]]) -> Rows:
    found, labels = examples
    return [break_model.hashed(at) for at in found], labels


def report(name: str, model: LedeModel, rows: Rows) -> str:
    examples, labels = rows
    value = auc([model.score(row) for row in examples], labels)
    return f"{name}: {len(examples)} examples, {sum(labels)} positive, AUC {value:.3f}"


def crossfit(folds: int, c: float, steps: int) -> None:
    articles = load_split("train")
    weights = boundary.W_LEDE_MODEL, boundary.W_HEADLINE_MODEL
    settings = {  # the two weights, and whether breaks are read by the break model
        "without the models": (0.0, 0.0, False),
        "with the lede model": (weights[0], 0.0, False),
        "with the lede and headline models": (*weights, False),
        "with all three (the break model)": (*weights, True),
    }
    counts = {setting: Counts() for setting in settings}
    shipped = lede_model.load, headline_model.load, break_model.load, break_model.llr
    try:
        for fold in range(folds):
            held = [a for k, a in enumerate(articles) if k % folds == fold]
            rest = [a for k, a in enumerate(articles) if k % folds != fold]
            ledes = fit(*labelled(rest), c, steps)
            headlines = fit(*headline_lines(rest), c, steps)
            breaks_ = fit_rows(*break_rows(breaks(rest, seed=1)), c, steps)
            lede_model.load = lambda model=ledes: model  # type: ignore[assignment]
            headline_model.load = lambda model=headlines: model  # type: ignore[assignment]
            break_model.load = lambda model=breaks_: model  # type: ignore[assignment]
            golds = [
                gold
                for seed in (1, 2, 3)
                for gold in dumps_of(held, f"fold{fold}", len(held) // 10, seed=seed)
            ]
            for setting, (w_lede, w_headline, read_breaks) in settings.items():
                boundary.W_LEDE_MODEL, boundary.W_HEADLINE_MODEL = w_lede, w_headline
                # Without the break model, every paragraph gets the lede model's word alone.
                break_model.llr = shipped[3] if read_breaks else _lede_alone
                for gold in golds:
                    score_dump(gold, segment(gold.text), counts[setting], errors=False)
            print(f"fold {fold + 1}/{folds}: {len(golds)} dumps", flush=True)
    finally:
        lede_model.load, headline_model.load, break_model.load, break_model.llr = shipped
        boundary.W_LEDE_MODEL, boundary.W_HEADLINE_MODEL = weights
    for setting, tally in counts.items():
        p, r, f = tally.prf()
        print(f"{setting}: F1 {f:.4f} (P {p:.4f}, R {r:.4f})")


def _lede_alone(at: Break) -> float:
    return lede_model.load().llr(at.after)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--c", type=float, default=0.2, help="inverse L2 strength (default 0.2)")
    parser.add_argument("--steps", type=int, default=400, help="Adam steps (default 400)")
    parser.add_argument("--out-dir", type=Path, default=DATA_DIR, help="where to write")
    parser.add_argument(
        "--crossfit", type=int, metavar="K", help="measure on unseen train folds; write nothing"
    )
    args = parser.parse_args()
    if args.crossfit:
        crossfit(args.crossfit, args.c, args.steps)
        return
    train, dev = load_split("train"), load_split("dev")
    args.out_dir.mkdir(parents=True, exist_ok=True)
    examples = {
        lede_model.MODEL_FILE: {
            split: paragraph_rows(paragraphs(split)) for split in ("train", "dev", "wire")
        },
        headline_model.MODEL_FILE: {
            "train": paragraph_rows(headline_lines(train)),
            "dev": paragraph_rows(headline_lines(dev)),
        },
        break_model.MODEL_FILE: {  # dev: five orders, for an AUC less bound to one of them
            "train": break_rows(breaks(train, seed=1)),
            "dev": break_rows(breaks(dev, seed=2, rounds=5)),
        },
    }
    for name, splits in examples.items():
        started = time.perf_counter()
        model = fit_rows(*splits["train"], c=args.c, steps=args.steps)
        took = time.perf_counter() - started
        print(f"{name}: fitted on {len(splits['train'][0])} examples in {took:.1f} s")
        for split, rows in splits.items():
            print("  " + report(split, model, rows))
        out = args.out_dir / name
        model.save(str(out))
        print(f"  wrote {out}")


if __name__ == "__main__":
    main()
