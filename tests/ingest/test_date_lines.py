"""Date lines (sitrep.ingest.date_lines): a line that only dates the article under it."""

from __future__ import annotations

import pytest

from sitrep.ingest.date_lines import is_date_line, value
from sitrep.ingest.published import normalize_published


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("June 5, 2025", "2025-06-05"),
        ("Thursday, June 5, 2025.", "2025-06-05"),
        ("Published: 2025-06-05 14:30", "2025-06-05T14:30:00"),
        ("Posted: 5 June 2025", "2025-06-05"),
        ("Last updated: 5 June 2025 • 3 min read", "2025-06-05"),
        ("Updated 5:32 PM EDT, Thu June 5, 2025", "2025-06-05T17:32:00-04:00"),
        ("Thu 5 Jun 2025 10.15 BST", "2025-06-05T10:15:00+01:00"),
        ("June 5, 2025, 10:15 a.m.", "2025-06-05T10:15:00"),
        ("Sat, 07 Jun 2025 08:00:00 GMT", "2025-06-07T08:00:00+00:00"),
        ("May 2025", "2025-05"),
    ],
)
def test_a_line_that_only_dates_an_article_is_a_date_line(line: str, published: str) -> None:
    assert is_date_line(line)
    assert normalize_published(value(line)) == published


@pytest.mark.parametrize(
    "line",
    [
        "In May 2025 the army said it would buy more drones.",
        "June 5, 2025: the day the talks ended",
        "May 5, 2025 NATO summit in The Hague",
        "The May 2025 summit",
        "Mayor 2025",
        "June 5",  # no year: which one?
        "2025",
        "Updated 2 hours ago",
        "Published in the Harbour Review on June 5, 2025",  # a credit, not a date alone
    ],
)
def test_a_line_with_more_than_a_date_is_no_date_line(line: str) -> None:
    assert not is_date_line(line)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Friday, June 12, 2026.", True),
        ("Tuesday, Sept. 8, 2026", True),
        ("March 3, 2026.", True),
        ("Friday was the day the talks began.", False),
        ("March 3, 2026, was the day the talks began.", False),
    ],
)
def test_is_date_line(text: str, expected: bool) -> None:
    assert is_date_line(text) is expected
