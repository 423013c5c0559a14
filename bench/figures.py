"""Benchmark the figures extractor: accuracy on a self-written annotated set, a dump of what it
finds in the real corpus, and throughput against bare ``en_core_web_sm``.

There is no gold file for figures in ../shared, so the annotated set below is the project's
own sentences (60+ figures over every kind). The corpus is read at run time from
``../shared/corpus/defense-news-2025.txt`` (override the shared directory with
``SITREP_SHARED``); it is split into articles by the real dump reader (as ``sitrep extract`` does)
and every figure found is printed for a human to check.

Run: ``python bench/figures.py`` (add ``--no-dump`` to skip the corpus listing).
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from pathlib import Path

from spacy.language import Language

from sitrep.config import Settings
from sitrep.ingest import read_articles
from sitrep.nlp.figures import extract_figures
from sitrep.nlp.pipeline import load_model
from sitrep.records import Article

# (text, value, value_max, unit, kind, qualifier, refers_to)
Gold = tuple[str, float, float | None, str | None, str, str | None, str | None]

ANNOTATED: list[tuple[str, list[Gold]]] = [
    (
        "The ministry said 12 drones and three cruise missiles were shot down overnight.",
        [
            ("12 drones", 12, None, "drone", "count", None, "drones"),
            ("three cruise missiles", 3, None, "missile", "count", None, "cruise missiles"),
        ],
    ),
    (
        "Berlin approved a €4.2 billion package of air defense systems for Kyiv.",
        [("€4.2 billion", 4.2e9, None, "EUR", "money", None, "package")],
    ),
    (
        "The Pentagon announced $500 million in military aid on Tuesday.",
        [("$500 million", 5e8, None, "USD", "money", None, "military aid")],
    ),
    (
        "Britain will raise defense spending to 2.5 percent of GDP by 2027.",
        [("2.5 percent", 2.5, None, "percent", "percent", None, "GDP")],
    ),
    (
        "More than 300 civilians have been killed since the offensive began.",
        [("More than 300 civilians", 300, None, "civilian", "count", "more than", "civilians")],
    ),
    (
        "The convoy stopped about 40 kilometers north of the city.",
        [("about 40 kilometers", 40, None, "kilometer", "distance", "about", None)],
    ),
    (
        "The two sides agreed to a 72-hour truce.",
        [("72-hour", 72, None, "hour", "duration", None, "truce")],
    ),
    (
        "He was sentenced to 15 years in a penal colony.",
        [("15 years", 15, None, "year", "duration", None, None)],
    ),
    (
        "Nearly 1.2 million people fled the region in the first month.",
        [("Nearly 1.2 million people", 1.2e6, None, "people", "count", "nearly", "people")],
    ),
    (
        "The contract, worth £1.1bn, covers 14 new helicopters.",
        [
            ("£1.1bn", 1.1e9, None, "GBP", "money", None, "contract"),
            ("14 new helicopters", 14, None, "helicopter", "count", None, "new helicopters"),
        ],
    ),
    (
        "Between 20 and 30 percent of the shells failed to detonate.",
        [("Between 20 and 30 percent", 20, 30, "percent", "percent", None, "shells")],
    ),
    (
        "Some 4,500 troops will take part in the exercise.",
        [("Some 4,500 troops", 4500, None, "troop", "count", "about", "troops")],
    ),
    (
        "Up to 60 tanks could be delivered within six months.",
        [
            ("Up to 60 tanks", 60, None, "tank", "count", "up to", "tanks"),
            ("six months", 6, None, "month", "duration", None, None),
        ],
    ),
    (
        "The alliance counts 32 members after Sweden joined.",
        [("32 members", 32, None, "member", "count", None, "members")],
    ),
    (
        "Japan pledged ¥1 trillion for reconstruction.",
        [("¥1 trillion", 1e12, None, "JPY", "money", None, "reconstruction")],
    ),
    (
        "Prices rose 18% in a year, the central bank said.",
        [("18%", 18, None, "percent", "percent", None, None)],
    ),
    (
        "At least seven soldiers were wounded when the shell hit.",
        [("At least seven soldiers", 7, None, "soldier", "count", "at least", "soldiers")],
    ),
    (
        "The fence stretches 190 miles along the frontier.",
        [("190 miles", 190, None, "mile", "distance", None, None)],
    ),
    (
        "Moscow spent an estimated 13 trillion rubles on the military.",
        [("an estimated 13 trillion rubles", 13e12, None, "RUB", "money", "estimated", "military")],
    ),
    (
        "Half a million shells will be produced this year.",
        [("Half a million shells", 5e5, None, "shell", "count", None, "shells")],
    ),
    (
        "The loan has a 20-year maturity and a five-year grace period.",
        [
            ("20-year", 20, None, "year", "duration", None, "maturity"),
            ("five-year", 5, None, "year", "duration", None, "grace period"),
        ],
    ),
    (
        "Around 40 percent of the budget goes to salaries.",
        [("Around 40 percent", 40, None, "percent", "percent", "about", "budget")],
    ),
    (
        "The country has fewer than 100 working fighter jets.",
        [
            (
                "fewer than 100 working fighter jets",
                100,
                None,
                "jet",
                "count",
                "less than",
                "working fighter jets",
            )
        ],
    ),
    (
        "Kyiv needs $10 billion to $15 billion a year to keep the grid running.",
        [("$10 billion to $15 billion", 1e10, 1.5e10, "USD", "money", None, None)],
    ),
    (
        "The navy operates 11 aircraft carriers and 68 submarines.",
        [
            ("11 aircraft carriers", 11, None, "carrier", "count", None, "aircraft carriers"),
            ("68 submarines", 68, None, "submarine", "count", None, "submarines"),
        ],
    ),
    (
        "Four of the attackers were arrested within two days.",
        [
            ("Four of the attackers", 4, None, "attacker", "count", None, "attackers"),
            ("two days", 2, None, "day", "duration", None, None),
        ],
    ),
    (
        "Warsaw ordered 96 Apache helicopters for about $12 billion.",
        [
            ("96 Apache helicopters", 96, None, "helicopter", "count", None, "Apache helicopters"),
            ("about $12 billion", 1.2e10, None, "USD", "money", "about", None),
        ],
    ),
    (
        "The strike killed 25 people, including six children.",
        [
            ("25 people", 25, None, "people", "count", None, "people"),
            ("six children", 6, None, "child", "count", None, "children"),
        ],
    ),
    (
        "Unemployment in the border region stands at 9.7 percent.",
        [("9.7 percent", 9.7, None, "percent", "percent", None, None)],
    ),
    (
        "The reactor lies 550 kilometres from the front line.",
        [("550 kilometres", 550, None, "kilometer", "distance", None, None)],
    ),
    (
        "The EU has frozen roughly €210 billion of central bank assets.",
        [("roughly €210 billion", 2.1e11, None, "EUR", "money", "about", "central bank assets")],
    ),
    (
        "Over 2,000 sorties were flown in the past month.",
        [("Over 2,000 sorties", 2000, None, "sortie", "count", "more than", "sorties")],
    ),
    (
        "A two-week pause in deliveries angered commanders.",
        [("two-week", 2, None, "week", "duration", None, "pause")],
    ),
    (
        "Turnout was just 38 percent, the lowest in 20 years.",
        [
            ("just 38 percent", 38, None, "percent", "percent", "only", None),
            ("20 years", 20, None, "year", "duration", None, None),
        ],
    ),
    (
        "The coalition will send 5,000 to 10,000 peacekeepers.",
        [
            (
                "5,000 to 10,000 peacekeepers",
                5000,
                10000,
                "peacekeeper",
                "count",
                None,
                "peacekeepers",
            )
        ],
    ),
    (
        "Seoul will spend 3.6 trillion won on drones.",
        [("3.6 trillion won", 3.6e12, None, "KRW", "money", None, "drones")],
    ),
    ("The home side won 3-1 after extra time.", []),
    (
        "The tanker carried 700,000 barrels of crude.",
        [("700,000 barrels", 7e5, None, "barrel", "volume", None, "crude")],
    ),
    (
        "The bill adds $61 billion for Ukraine and $14 billion for Israel.",
        [
            ("$61 billion", 6.1e10, None, "USD", "money", None, None),
            ("$14 billion", 1.4e10, None, "USD", "money", None, None),
        ],
    ),
    (
        "Nine ships and 1,400 sailors took part.",
        [
            ("Nine ships", 9, None, "ship", "count", None, "ships"),
            ("1,400 sailors", 1400, None, "sailor", "count", None, "sailors"),
        ],
    ),
    (
        "The missile has a range of 2,500 km.",
        [("2,500 km", 2500, None, "kilometer", "distance", None, None)],
    ),
    (
        "Inflation could reach 30 percent next year.",
        [("30 percent", 30, None, "percent", "percent", None, None)],
    ),
    (
        "The government set aside 8 billion zlotys for shelters.",
        [("8 billion zlotys", 8e9, None, "PLN", "money", None, "shelters")],
    ),
    (
        "Almost 90 percent of the weapons came from three countries.",
        [
            ("Almost 90 percent", 90, None, "percent", "percent", "nearly", "weapons"),
            ("three countries", 3, None, "country", "count", None, "countries"),
        ],
    ),
    (
        "The blockade lasted 11 months.",
        [("11 months", 11, None, "month", "duration", None, None)],
    ),
    (
        "A 500-kilogram bomb struck the bridge.",
        [("500-kilogram", 500, None, "kilogram", "weight", None, "bomb")],
    ),
    (
        "Officials counted 14 ballistic missiles and 90 attack drones in a single night.",
        [
            ("14 ballistic missiles", 14, None, "missile", "count", None, "ballistic missiles"),
            ("90 attack drones", 90, None, "drone", "count", None, "attack drones"),
        ],
    ),
    (
        "The brigade advanced less than 3 miles in a week.",
        [("less than 3 miles", 3, None, "mile", "distance", "less than", None)],
    ),
    (
        "Denmark gave 19 jets and pledged another $1 billion.",
        [
            ("19 jets", 19, None, "jet", "count", None, "jets"),
            ("$1 billion", 1e9, None, "USD", "money", None, None),
        ],
    ),
    (
        "A quarter of the fleet is under repair, and 12 vessels are idle.",
        [
            ("A quarter", 0.25, None, None, "fraction", None, "fleet"),
            ("12 vessels", 12, None, "vessel", "count", None, "vessels"),
        ],
    ),
    (
        "Talks could take as many as 18 months.",
        [("as many as 18 months", 18, None, "month", "duration", "up to", None)],
    ),
    (
        "The plant produces 250,000 rounds a month.",
        [("250,000 rounds", 2.5e5, None, "round", "count", None, "rounds")],
    ),
    (
        "Lithuania will devote 6 percent of its economic output to defense.",
        [("6 percent", 6, None, "percent", "percent", None, "economic output")],
    ),
    (
        "The summit drew leaders from 44 countries.",
        [("44 countries", 44, None, "country", "count", None, "countries")],
    ),
    # Texts that hold no figure.
    ("Article 5 of the treaty has been invoked only once.", []),
    ("The Second World War ended in 1945.", []),
    ("The meeting starts at 10 a.m. on June 4.", []),
    ("The one in Poland was larger than the others.", []),
    ("The F-16 and the MiG-29 met over the Black Sea.", []),
    ("Under Article 41(2), the court may suspend the ruling.", []),
    ("For more details call +44 20 7946 0000.", []),
    ("One of the key questions is who pays.", []),
]


def shared_dir() -> Path:
    override = os.environ.get("SITREP_SHARED")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2] / "shared"


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def score(nlp: Language) -> dict[str, float]:
    tp = fp = fn = 0
    same = Counter[str]()
    for text, gold in ANNOTATED:
        found = list(extract_figures(nlp(text), "bench"))
        remaining = list(gold)
        for f in found:
            match = next(
                (g for g in remaining if _close(f.value, g[1]) and _close(f.value_max, g[2])),
                None,
            )
            if match is None:
                fp += 1
                print(f"  false positive: {f.text!r} {f.value} {f.unit} in {text!r}")
                continue
            remaining.remove(match)
            tp += 1
            same["unit"] += f.unit == match[3]
            same["kind"] += f.kind == match[4]
            same["qualifier"] += f.qualifier == match[5]
            same["refers_to"] += f.refers_to == match[6]
            same["text"] += f.text == match[0]
        for g in remaining:
            fn += 1
            print(f"  missed: {g[0]!r} in {text!r}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    out = {"gold": float(tp + fn), "precision": precision, "recall": recall, "value_f1": f1}
    for key in ("unit", "kind", "qualifier", "refers_to", "text"):
        out[f"{key}_accuracy"] = same[key] / tp if tp else 0.0
    return out


def corpus_texts() -> list[str]:
    """The corpus's articles as ``sitrep extract`` sees them: split, cleaned and unwrapped by
    the real dump reader, so the listing matches what users get."""
    path = shared_dir() / "corpus" / "defense-news-2025.txt"
    items = read_articles([str(path)], Settings())
    return [a.text for a in items if isinstance(a, Article)]


def throughput(nlp: Language, texts: list[str], rounds: int = 2) -> tuple[float, float]:
    """Best-of-``rounds`` seconds for bare ``nlp.pipe`` and for ``nlp.pipe`` + figures."""
    # CPU time of this process, not wall time: five other engineers share two cores, and the
    # ratio must not move with their load.
    bare = with_figures = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        for _doc in nlp.pipe(texts):
            pass
        t1 = time.process_time()
        for doc in nlp.pipe(texts):
            for _f in extract_figures(doc, "bench"):
                pass
        t2 = time.process_time()
        bare, with_figures = min(bare, t1 - t0), min(with_figures, t2 - t1)
    return bare, with_figures


def main(argv: list[str]) -> int:
    nlp = load_model()
    print("== annotated set (self-written)")
    result = score(nlp)
    for key, value in result.items():
        print(f"{key:>20}: {value:.3f}")
    path = shared_dir() / "corpus" / "defense-news-2025.txt"
    if not path.exists():
        print(f"(no corpus at {path}; set SITREP_SHARED)")
        return 0
    texts = corpus_texts()
    kinds = Counter[str]()
    print("== corpus figures")
    for doc in nlp.pipe(texts):
        for f in extract_figures(doc, "corpus"):
            kinds[f.kind] += 1
            if "--no-dump" not in argv:
                rng = f" .. {f.value_max:g}" if f.value_max is not None else ""
                print(
                    f"  {f.text!r:45} value={f.value:g}{rng} unit={f.unit} kind={f.kind} "
                    f"qualifier={f.qualifier} refers_to={f.refers_to}"
                )
    print("== figures per kind:", dict(kinds.most_common()))
    bare, with_figures = throughput(nlp, texts)
    print(
        f"== throughput: bare {bare:.2f}s, with figures {with_figures:.2f}s, "
        f"ratio {bare / with_figures:.3f} (1.0 = free)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
