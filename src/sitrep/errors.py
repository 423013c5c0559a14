"""Errors that are part of sitrep's interface: each one names the input and the reason."""

from __future__ import annotations


class SitrepError(Exception):
    """Base class for errors shown to users as one clean line (never a traceback)."""


class InputError(SitrepError):
    """An input (file, stdin, JSONL line, URL) that cannot be read as articles.

    ``str(err)`` is the one line printed on stderr: ``<source>[:line]: <reason>``.
    """

    def __init__(self, source: str, reason: str, line: int | None = None) -> None:
        self.source = source
        self.reason = reason
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")


class StoreError(SitrepError):
    """The store cannot be opened or written (bad URL, locked, wrong schema version)."""
