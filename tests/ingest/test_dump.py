"""read_dump: golden dumps written by the project, and the errors of the interface.

Each ``golden/<name>.txt`` is a self-written dump (invented articles wrapped at 80 columns, with
tag, credit, pull-quote, caption, byline and section-header noise, marked and unmarked article
boundaries); ``golden/<name>.json`` is the expected output, checked by hand when written. After
a deliberate change of behaviour, regenerate with ``SITREP_REGEN_GOLDEN=1 pytest
tests/ingest/test_dump.py`` and review the diff before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from sitrep.errors import InputError
from sitrep.ingest.dedupe import article_id
from sitrep.ingest.dump import read_dump
from sitrep.ingest.segment import segment

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.stem for p in GOLDEN.glob("*.txt"))


def _observed(name: str, text: str) -> dict[str, Any]:
    articles = [a.to_dict() for a in read_dump(name, text)]
    seg = segment(text)
    return {
        "articles": articles,
        "segments": [
            {
                "first_line": s.first_line,
                "last_line": s.last_line,
                "title_lines": list(s.title_lines),
                "body_lines": list(s.body_lines),
                "noise": [[n.line, n.kind] for n in s.noise],
            }
            for s in seg.articles
        ],
    }


def test_golden_cases_exist() -> None:
    assert len(CASES) >= 3


@pytest.mark.parametrize("name", CASES)
def test_golden_dump(name: str) -> None:
    text = (GOLDEN / f"{name}.txt").read_text(encoding="utf-8")
    observed = _observed(f"{name}.txt", text)
    expected_path = GOLDEN / f"{name}.json"
    if os.environ.get("SITREP_REGEN_GOLDEN"):
        expected_path.write_text(
            json.dumps(observed, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert observed == expected


@pytest.mark.parametrize("name", CASES)
def test_golden_spans_cover_articles(name: str) -> None:
    """Every source span starts at the article's first line and ends at its last body line,
    and every body word comes from inside the span."""
    text = (GOLDEN / f"{name}.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    for article, seg in zip(read_dump(name, text), segment(text).articles, strict=True):
        assert article.source_span is not None
        start, end = article.source_span
        raw = text[start:end]
        assert raw.startswith(lines[seg.first_line - 1])
        assert raw.endswith(lines[seg.last_line - 1])
        assert article.text.split() == " ".join(p.text for p in seg.paragraphs).split()
        for word in article.text.split():
            assert word in raw
        assert article.id == article_id(article.text)


def test_every_golden_dump_keeps_all_noise_kinds_out_of_bodies() -> None:
    kinds: set[str] = set()
    for name in CASES:
        text = (GOLDEN / f"{name}.txt").read_text(encoding="utf-8")
        for seg in segment(text).articles:
            kinds.update(n.kind for n in seg.noise)
            for n in seg.noise:
                assert n.line not in seg.body_lines
    assert {"tag", "credit", "pull_quote", "caption", "byline", "section_header"} <= kinds


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n  \n", "Tag - Defense\n> a pull quote only\n"],
    ids=["empty", "blank-lines", "noise-only"],
)
def test_no_article_raises_input_error(text: str) -> None:
    with pytest.raises(InputError) as info:
        list(read_dump("empty.txt", text))
    assert info.value.source == "empty.txt"
    assert "no article" in str(info.value)


def test_single_unwrapped_paragraph_is_one_article() -> None:
    text = "Officials in Oslo said on Monday that a new radar would be installed by June.\n"
    (article,) = read_dump("one.txt", text)
    assert article.text == text.strip()
    assert article.source_span == (0, len(text) - 1)
    assert article.source == "one.txt"
    assert article.title is None


def test_same_body_gets_same_id_in_two_dumps() -> None:
    body = (
        "VILNIUS — Lithuania will host a new training center for drone operators, the\n"
        "defense ministry said on Wednesday.\n"
        "The center will open next year near the capital.\n"
    )
    (a,) = read_dump("a.txt", body)
    (b,) = read_dump("b.txt", "Tag - Baltics\n" + body)
    assert a.id == b.id
    assert b.tags == ("Baltics",)
    assert a.dateline == "VILNIUS"


def test_concatenated_golden_dumps_add_up_their_articles() -> None:
    # Article-level costs (length, vocabulary) must not depend on how long the dump is: a dump
    # of many dumps is read into as many articles as its parts.
    texts = [(GOLDEN / f"{name}.txt").read_text(encoding="utf-8") for name in CASES]
    parts = [[a.first_line for a in segment(t).articles] for t in texts]
    whole = [a.first_line for a in segment("".join(texts)).articles]
    expected: list[int] = []
    offset = 0
    for text, starts in zip(texts, parts, strict=True):
        expected.extend(offset + n for n in starts)
        offset += text.count("\n")
    assert whole == expected


def test_a_date_line_over_an_article_becomes_its_published_date() -> None:
    text = (
        "Friday, March 7, 2025\n"
        "OSLO — Norway will buy two more submarines, the defense ministry said on Friday,\n"
        "raising its order to six boats built together with Germany.\n"
        "The first of the new boats is due in 2029.\n"
    )
    (article,) = read_dump("d.txt", text)
    assert article.published == "2025-03-07"
    assert not article.text.startswith("Friday")
