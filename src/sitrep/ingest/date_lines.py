"""Date lines: a line that only dates the article under it, in the many forms pages print.

"June 5, 2025", "Published: 2025-06-05 14:30", "Updated 5:32 PM EDT, Thu June 5, 2025",
"Thu 5 Jun 2025 10.15 BST", "Last updated: 5 June 2025 • 3 min read": a label, a date with its
year, perhaps a weekday, a time and a zone, perhaps a reading time, and nothing else. Rather
than one pattern per outlet's form, a line is read word by word: every word must be one of
these parts, and the line must name a month (or be an ISO date) and a year. Its value is what
dateparser makes of it (:func:`sitrep.ingest.published.normalize_published`).
"""

from __future__ import annotations

import re

_LABEL = re.compile(
    r"^(?:(?:Last )?(?:[Pp]ublished|[Pp]osted|[Uu]pdated|[Mm]odified)|Date)(?: on)?:?\s+"
)
_READING_TIME = re.compile(r"\s*[•·|/–—-]?\s*\d{1,2} min(?:ute)?s? read\s*$")
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = (
    r"(?:Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:r(?:s(?:day)?)?)?|Fri(?:day)?"
    r"|Sat(?:urday)?|Sun(?:day)?)\.?"
)
_PARTS = re.compile(
    rf"{_MONTH}(?=$|[\s,])|{_WEEKDAY}(?=$|[\s,])"
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}[:.]\d\d(?::\d\d)?|\d{1,4}(?:st|nd|rd|th)?"
    r"|[ap]\.m\.?|[AaPp][Mm]\b|at\b|[A-Z]{2,4}\b|[,/|•·–—-]"
)
_YEAR = re.compile(r"(?<![\d:.])(?:19|20)\d\d(?![\d:])")
_HAS_MONTH = re.compile(rf"(?<![A-Za-z]){_MONTH}(?![a-z])|\d{{4}}-\d{{2}}-\d{{2}}")
MAX_CHARS = 80


def value(text: str) -> str:
    """The date and time a date line gives, without its label, reading time and final stop."""
    return _READING_TIME.sub("", _LABEL.sub("", text.strip())).strip().rstrip(".")


def is_date_line(text: str) -> bool:
    """Is ``text`` a line that only dates an article (see the module docstring)?"""
    text = text.strip()
    if len(text) > MAX_CHARS or not _YEAR.search(text):
        return False
    rest = value(text)
    if not _HAS_MONTH.search(rest):
        return False
    pos = 0
    while pos < len(rest):
        if rest[pos].isspace():
            pos += 1
            continue
        found = _PARTS.match(rest, pos)
        if found is None or found.end() == pos:
            return False
        pos = found.end()
    return True
