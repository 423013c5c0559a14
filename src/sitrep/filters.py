"""The filters users type (an event type, a start date), checked once for the CLI, the API
and the pages, so that a value that can match nothing as typed is said to be wrong instead of
answering with an empty list.
"""

from __future__ import annotations

import re
from datetime import date

from sitrep.errors import SitrepError
from sitrep.records import EVENT_TYPES

# Dates are stored as ISO 8601 strings and compared as strings: a year or a month is a prefix.
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class FilterError(SitrepError):
    """A filter value that cannot mean anything; ``str(err)`` says what was expected."""


def event_type(value: str | None) -> str | None:
    """A PLOVER event type in any case ("assault"), as stored ("ASSAULT"); None for no filter."""
    if value is None or not value.strip():
        return None
    wanted = value.strip().upper()
    if wanted not in EVENT_TYPES:
        raise FilterError(
            f"{value.strip()!r} is not a PLOVER event type; one of: {', '.join(EVENT_TYPES)}"
        )
    return wanted


def since(value: str | None) -> str | None:
    """A start date as YYYY-MM-DD, YYYY-MM or YYYY; None for no filter."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    found = _PARTIAL_DATE.fullmatch(text)
    try:
        if found is None:
            raise ValueError(text)
        date(int(found[1]), int(found[2] or 1), int(found[3] or 1))
    except ValueError:
        raise FilterError(f"{text!r} is not a date: write YYYY-MM-DD (or YYYY-MM, YYYY)") from None
    return text
