"""Publication dates as users' inputs print them, normalised to ISO 8601 at their own precision.

A JSONL ``published`` field ("2025-09-11T08:00:00Z", "11 September 2025", "Sept. 2025") and a
dump's date line ("June 5, 2025") both come through :func:`normalize_published`: ISO values as
they are, the rest through dateparser, never resolved against today's clock.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache, lru_cache

from dateparser.date import DateDataParser

#: Languages dateparser tries for non-ISO dates. Bounded because trying all ~200 locales
#: costs over a second on the first value that is not a date at all.
_DATE_LANGUAGES = ["en", "fr", "de", "es", "it", "pt", "nl", "pl", "ru", "uk"]
_ISO_PARTIAL = re.compile(r"\d{4}(?:-(0[1-9]|1[0-2]))?")


@cache
def _date_parser() -> DateDataParser:
    """Built on first use, not at import: loading dateparser's locale data takes a moment."""
    return DateDataParser(
        languages=_DATE_LANGUAGES,
        settings={
            "RETURN_TIME_AS_PERIOD": True,
            # No "relative-time": "today", "2 days ago" would resolve against the clock.
            "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
            # A value without a year ("Sept. 3") would get the current year: refuse it.
            "REQUIRE_PARTS": ["year"],
        },
    )


@lru_cache(maxsize=4096)
def normalize_published(value: str) -> str | None:
    """``value`` as ISO 8601 at its own precision, or None when it is not a date.

    Cached: a batch repeats the same few dates, and dateparser takes about a millisecond each.
    """
    value = value.strip()
    if not value:
        return None
    if _ISO_PARTIAL.fullmatch(value):
        return value  # already ISO 8601 at year or month precision
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    else:
        has_time = "T" in value or " " in value or ":" in value
        return parsed.isoformat() if has_time else parsed.date().isoformat()
    data = _date_parser().get_date_data(value)
    moment: datetime | None = data.date_obj
    if moment is None:
        return None
    if data.period == "time":
        return moment.isoformat()
    if data.period == "month":
        return moment.strftime("%Y-%m")
    if data.period == "year":
        return moment.strftime("%Y")
    return moment.date().isoformat()
