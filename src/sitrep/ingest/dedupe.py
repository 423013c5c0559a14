"""Article identity: stable ids from normalised text, so the same story read twice is one article.

Normalisation folds what differs between copies of the same text without changing its words:
Unicode compatibility forms, curly versus straight quotes, dash variants, case and whitespace
(including the hard wraps of text dumps). Near-duplicates (syndicated copies with small edits)
are the store's job: see ``sitrep.store.neardup``.
"""

from __future__ import annotations

import re
import unicodedata

from sitrep.records import stable_id

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_SPACE = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """The text as compared for identity: NFKC, folded quotes and dashes, lower case, one space."""
    folded = unicodedata.normalize("NFKC", text).translate(_FOLD).lower()
    return _SPACE.sub(" ", folded).strip()


def article_id(text: str) -> str:
    """Stable article id (``art_`` + 16 hex digits) derived from the normalised text only."""
    return stable_id("art", normalize_text(text))
