"""Build development text dumps with gold labels, the way users' dumps are built.

Each dump concatenates about ten articles from a PolNeAR split (read at run time from the
shared data directory; nothing is copied into the repository): every paragraph is wrapped with
``textwrap`` at 80 columns, blank lines are dropped, the headline (the article's first
paragraph) is kept with probability 0.5, and self-invented tag or credit lines are inserted
between some articles. Randomness is seeded, so the same arguments give the same dumps.

The ``wire`` source is a check on other text than PolNeAR's long US election stories: the
PLOVER synthetic wire stories (short, about 1,300 characters, every one on another country and
event, no headlines), those with three paragraphs or more that end on a full sentence (many
were cut off mid-sentence when they were generated). Their gold counts every line of a story
as body, including the wire furniture the generator imitated (copyright footers, "read more"
links, photo captions), which sitrep drops as noise on purpose: on this source "lost" lines are
mostly such furniture, and only the boundary figures are comparable.

Every line carries its gold role (``headline`` / ``body`` / ``noise``) and article index, which
is what ``bench/segmentation.py`` scores against.
"""

from __future__ import annotations

import csv
import json
import os
import random
import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

WIDTH = 80

# Self-invented separator furniture (never taken from any corpus).
_TAGS = ["Elections", "Campaign 2016", "US politics", "Congress", "Foreign policy", "Opinion"]
_OUTLETS = ["Riverside Ledger", "DailyInk.example", "Northfield Courier", "PenStroke Syndicate"]
_ARTISTS = ["Ana Ruiz", "Tom Becker", "Lena Ortmann", "Sam O'Dell"]
_MONTHS = ["January", "March", "May", "July", "September", "November"]


@dataclass(frozen=True, slots=True)
class DumpForm:
    """How a dump is put together beyond its articles: the wrap ``width``; ``rules``: rule
    lines ("-----", "* * *") between some articles instead of tag or credit lines; ``unknown``
    (one of ``UNKNOWN_FORMS``): separator lines of that form, which no noise pattern knows;
    ``furniture``: a web page's furniture ("Advertisement", "Read more: ...") between some
    paragraphs inside the stories; ``web_tops``: under every kept headline, a byline, a date
    line and sometimes a share button, as web pages print an article's top, and after some
    stories a list of other stories' headlines ("Most read", ...). ``headline_share``: the
    chance that an article's headline line is kept; ``separator_share``: the chance that a
    separator (tag, credit or rule lines) stands before an article after the first."""

    width: int = WIDTH
    rules: bool = False
    unknown: str | None = None
    furniture: bool = False
    web_tops: bool = False
    headline_share: float = 0.5
    separator_share: float = 0.3


PLAIN = DumpForm()  # 80 columns, tag and credit lines between some articles, nothing more


@dataclass(frozen=True, slots=True)
class GoldLine:
    text: str
    role: str  # headline | body | noise
    article: int  # index of the article in the dump; -1 for noise between articles


@dataclass(frozen=True, slots=True)
class GoldDump:
    name: str
    lines: tuple[GoldLine, ...]

    @property
    def text(self) -> str:
        return "".join(line.text + "\n" for line in self.lines)

    def first_lines(self) -> list[int]:
        """Gold first line (0-based) of every article: its headline when kept, else its body."""
        seen: dict[int, int] = {}
        for i, line in enumerate(self.lines):
            if line.role != "noise" and line.article not in seen:
                seen[line.article] = i
        return sorted(seen.values())


def shared_dir() -> Path:
    override = os.environ.get("SITREP_SHARED")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2] / "shared"


SOURCES = ("train", "dev", "wire")
_WIRE = Path("eval") / "plover_synthetic" / "gpt_synthetic_events_2023-10-19_19.csv"


def load_split(split: str) -> list[str]:
    """Article texts of a PolNeAR split, or of the synthetic wire stories (``wire``)."""
    if split == "wire":
        return _load_wire()
    path = shared_dir() / "eval" / "polnear" / f"{split}.jsonl"
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


def _load_wire() -> list[str]:
    csv.field_size_limit(1 << 24)
    texts = []
    with (shared_dir() / _WIRE).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            text = row["text"].strip()
            if text.count("\n\n") >= 2 and text.endswith((".", '"', "”")):
                texts.append(text)
    return texts


# Rule lines some users paste between articles instead (``rules=True``).
_RULES = ["-----", "* * *", "###", "=" * 40, "---"]

# Separator lines in forms sitrep's noise patterns do not know (``unknown=True``), invented to
# check that a dump's own furniture is still told from its headlines (sitrep.ingest.strays).
# No separator pattern was written for these forms: they measure the general mechanism.
# ("Read more: ..." and "Share this article" are known as page furniture, which says nothing of
# where a story ends. Two breadcrumb forms, "POLITICS | WHITE HOUSE" and "Home / Politics /
# Analysis", were here until noise.json learned breadcrumb trails as tag lines.)
_U_OUTLETS = ["Harbor Gazette", "The Evening Lantern", "Midland Wire Service", "Copperfield Post"]
_U_TOPICS = ["Politics", "White House", "Campaign trail", "Elections 2016", "Analysis"]
_U_PEOPLE = ["Ruth Okafor", "Mark Delaney", "Ines Varga"]
UNKNOWN_FORMS = [
    "More from {outlet}",
    "{person} / {outlet}",
    "{person} for {outlet}",
    "From the {outlet} archive",
    "Read more: {topic}",
    "Share this article",
    "Illustrated by {person}",
    "Presented by {outlet}",
    "{outlet} — {date}",
    "Words: {person}. Pictures: {person}",
    "This column appeared in {outlet} on {date}",
    "({outlet} via {outlet})",
]


def _unknown_separator(rng: random.Random, form: str) -> str:
    def pick(field: str) -> str:
        if field == "outlet":
            return rng.choice(_U_OUTLETS)
        if field == "person":
            return rng.choice(_U_PEOPLE)
        if field == "date":
            return f"{rng.choice(_MONTHS)} {rng.randint(1, 28)}, 2016"
        topic = rng.choice(_U_TOPICS)
        return topic.upper() if field == "TOPIC" else topic

    return re.sub(r"\{(\w+)\}", lambda m: pick(m.group(1)), form)


def _separator(rng: random.Random, form: DumpForm) -> list[str]:
    if form.unknown is not None:
        return [_unknown_separator(rng, form.unknown)]
    if form.rules:
        return [rng.choice(_RULES)]
    kind = rng.random()
    if kind < 0.35:
        return [f"Tag - {rng.choice(_TAGS)}"]
    if kind < 0.45:
        return [f"Tags: {rng.choice(_TAGS)}, {rng.choice(_TAGS)}"]
    day = rng.randint(1, 28)
    credit = (
        f"First published on {rng.choice(_OUTLETS)}, {rng.choice(_MONTHS)} {day}, 2016"
        f" | By {rng.choice(_ARTISTS)}"
    )
    if kind < 0.8:
        return [credit]
    second = (
        f"First published in {rng.choice(_OUTLETS)}, {rng.choice(_MONTHS)} {day + 1}, 2016"
        f" | By {rng.choice(_ARTISTS)}"
    )
    # Two credits pasted as one run and re-wrapped, as happens in real dumps.
    return textwrap.wrap(credit + " " + second, form.width)


# Web page furniture pasted inside stories (``furniture=True``), self-invented.
_TEASERS = ["Senate panel delays vote on budget", "What the new poll means", "Governor signs bill"]
_FURNITURE = [
    "Advertisement",
    "Story continues below advertisement",
    "Share this article",
    "Read more: {teaser}",
    "RELATED: {teaser}",
    "Sign up for our daily politics newsletter",
]
P_FURNITURE = 0.08  # of the paragraph ends inside a story
P_WEB_BYLINE = 0.6  # of the web page article tops that print a byline
# Date lines as web pages print them under a headline (``web_tops=True``), self-invented.
_WEB_DATES = [
    "Updated {h}:{m} PM EDT, Thu {month} {day}, 2016",
    "Published {month} {day}, 2016 at {h}:{m} a.m. ET",
    "{day} {month} 2016 • 4 min read",
    "Last updated: {month} {day}, 2016",
]


# A web page's list of other stories after a story (``web_tops=True``), self-invented.
P_LINK_LIST = 0.3  # of the stories a list follows
_LIST_HEADINGS = ["Most read", "Related stories", "You may also like", "TRENDING NOW"]
_LISTED = [
    "Senate panel delays vote on budget",
    "What the new poll means for the race",
    "Governor signs water bill",
    "Five takeaways from the debate",
    "Storm closes coastal highways",
    "Mayor names new police chief",
]


def _link_list(rng: random.Random) -> list[str]:
    """A heading and three listed headlines, as a page prints them after a story."""
    return [rng.choice(_LIST_HEADINGS), *rng.sample(_LISTED, 3)]


def _web_top(rng: random.Random) -> list[str]:
    """The lines under a web page article's headline: a byline (not on every page), a date
    line, a share button."""
    fields = {
        "h": str(rng.randint(1, 12)),
        "m": f"{rng.randint(0, 59):02d}",
        "month": rng.choice(_MONTHS),
        "day": str(rng.randint(1, 28)),
    }
    date = re.sub(r"\{(\w+)\}", lambda m: fields[m.group(1)], rng.choice(_WEB_DATES))
    byline = f"By {rng.choice(_ARTISTS)}"
    top = [byline, date] if rng.random() < P_WEB_BYLINE else [date]
    if rng.random() < 0.5:
        top.append("Share this article")
    return top


def build_dump(
    name: str,
    articles: list[str],
    rng: random.Random,
    headlines: bool = True,
    form: DumpForm = PLAIN,
) -> GoldDump:
    """One dump; ``headlines`` says whether each article's first paragraph is its headline;
    ``form`` says how it is wrapped and what stands between and inside its articles."""
    lines: list[GoldLine] = []
    for index, text in enumerate(articles):
        paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
        if len(paragraphs) < 2:
            continue
        if index > 0 and rng.random() < form.separator_share:
            lines.extend(GoldLine(t, "noise", -1) for t in _separator(rng, form))
        headline, body = (paragraphs[0], paragraphs[1:]) if headlines else ("", paragraphs)
        if headline and rng.random() < form.headline_share:
            wrapped = textwrap.wrap(headline, form.width)
            lines.extend(GoldLine(t, "headline", index) for t in wrapped)
            if form.web_tops:
                lines.extend(GoldLine(t, "noise", index) for t in _web_top(rng))
        for k, paragraph in enumerate(body):
            if k > 0 and form.furniture and rng.random() < P_FURNITURE:
                line = rng.choice(_FURNITURE).replace("{teaser}", rng.choice(_TEASERS))
                lines.append(GoldLine(line, "noise", index))
            wrapped = textwrap.wrap(paragraph, form.width)
            lines.extend(GoldLine(t, "body", index) for t in wrapped)
        if form.web_tops and rng.random() < P_LINK_LIST:
            lines.extend(GoldLine(t, "noise", index) for t in _link_list(rng))
    return GoldDump(name=name, lines=tuple(lines))


def build_dumps(
    split: str,
    n_dumps: int = 40,
    per_dump: int = 10,
    seed: int = 2025,
    form: DumpForm = PLAIN,
) -> Iterator[GoldDump]:
    """``n_dumps`` dumps of ``per_dump`` articles each, drawn from a shuffled split (cycling)."""
    yield from dumps_of(load_split(split), split, n_dumps, per_dump, seed, split != "wire", form)


def dumps_of(
    texts: list[str],
    name: str,
    n_dumps: int,
    per_dump: int = 10,
    seed: int = 2025,
    headlines: bool = True,
    form: DumpForm = PLAIN,
) -> Iterator[GoldDump]:
    """Dumps built from the given article texts, as :func:`build_dumps` builds them."""
    rng = random.Random(f"{seed}-{name}")
    order = list(range(len(texts)))
    rng.shuffle(order)
    for d in range(n_dumps):
        picked = [texts[order[(d * per_dump + k) % len(order)]] for k in range(per_dump)]
        yield build_dump(f"{name}-{d:03d}", picked, rng, headlines=headlines, form=form)


if __name__ == "__main__":
    import sys

    split = sys.argv[1] if len(sys.argv) > 1 else "train"
    dump = next(build_dumps(split, n_dumps=1))
    sys.stdout.write(dump.text)
