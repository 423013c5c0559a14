"""The filters users type, checked once for the CLI, the API and the pages (sitrep.filters)."""

from __future__ import annotations

import pytest

from sitrep.filters import FilterError, event_type, since
from sitrep.records import EVENT_TYPES


def test_event_types_are_plovers_sixteen() -> None:
    assert len(EVENT_TYPES) == 16 and "ASSAULT" in EVENT_TYPES and "AGREE" in EVENT_TYPES


@pytest.mark.parametrize(("typed", "meant"), [("ASSAULT", "ASSAULT"), (" assault ", "ASSAULT")])
def test_an_event_type_is_read_in_any_case(typed: str, meant: str) -> None:
    assert event_type(typed) == meant


def test_an_unknown_event_type_lists_the_known_ones() -> None:
    with pytest.raises(FilterError) as caught:
        event_type("BOMBING")
    assert "'BOMBING' is not a PLOVER event type" in str(caught.value)
    assert "ASSAULT" in str(caught.value) and "COERCE" in str(caught.value)


@pytest.mark.parametrize("empty", [None, "", "  "])
def test_an_empty_filter_filters_nothing(empty: str | None) -> None:
    assert event_type(empty) is None and since(empty) is None


@pytest.mark.parametrize("day", ["2025", "2025-03", "2025-03-31", "2024-02-29"])
def test_since_takes_a_year_a_month_or_a_day(day: str) -> None:
    assert since(day) == day


@pytest.mark.parametrize("bad", ["notadate", "2025-13-01", "2025-02-30", "25-03-01", "2025/03/01"])
def test_since_refuses_what_is_not_a_date(bad: str) -> None:
    with pytest.raises(FilterError, match=r"is not a date: write YYYY-MM-DD"):
        since(bad)
