"""Language knowledge shipped as data: the one way modules read their ``data/`` files.

Word lists, patterns and gazetteers live in JSON files inside the package (STYLE: data, not
code, for language knowledge); reading them through ``importlib.resources`` works from a wheel,
a zip or a source checkout alike.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def load_json(package: str, name: str) -> dict[str, Any]:
    """The JSON object in ``<package>/data/<name>``."""
    text = resources.files(package).joinpath("data", name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def load_bytes(package: str, name: str) -> bytes:
    """The raw bytes of ``<package>/data/<name>`` (fitted weights and other binary data)."""
    return resources.files(package).joinpath("data", name).read_bytes()
