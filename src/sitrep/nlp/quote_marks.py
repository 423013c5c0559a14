"""Quotation marks: where quoted words start and end in a text, before any parsing.

Pass 1 of the quote stage (``sitrep.nlp.quotes``), kept apart because it needs no model and is
tested on plain strings. Every span between quotation marks, curly or straight, is found in
one left-to-right scan. Single quotes inside double quotes are nested quotes and stay part of
the content; a quote still open at the end of a paragraph runs to it (a multi-paragraph
quotation reopens the next paragraph without closing the last), and so does one still open
when the next opening mark arrives (unwrapped text that lost its paragraph breaks), unless
that mark was typed for a closing one: right after the quoted words' final punctuation, with
no word after it ("... for her here,“ said X").
"""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.records import Span

_OPENERS = frozenset({"“", "„", "«", '"'})
_CLOSERS = frozenset({"”", "»", '"'})
_QUOTE_CHARS = frozenset('“”„«»"')


@dataclass(slots=True)
class QuoteMarks:
    """One stretch of text between quotation marks; ``start``/``end`` exclude the marks."""

    open_at: int
    start: int
    end: int
    closed: bool
    paragraph: int

    @property
    def outer(self) -> Span:
        """The span including the marks (the closing mark only when there is one)."""
        return self.open_at, self.end + (1 if self.closed else 0)


def find_quote_marks(text: str) -> list[QuoteMarks]:
    """Every top-level quotation in ``text`` (nested single quotes stay inside)."""
    found: list[QuoteMarks] = []
    paragraph = 0
    open_at = -1
    for i, ch in enumerate(text):
        if ch == "\n":
            if open_at >= 0:
                found.append(_marks(text, open_at, i, False, paragraph))
                open_at = -1
            if i + 1 < len(text) and text[i + 1] != "\n":
                paragraph += 1
            continue
        if ch not in _QUOTE_CHARS:
            continue
        if open_at >= 0:
            # Any closing mark closes: pasted text mixes styles ("...” opened straight).
            if ch in _CLOSERS or _typed_as_closer(text, i):
                found.append(_marks(text, open_at, i, True, paragraph))
                open_at = -1
            elif ch in _OPENERS and ch != '"':
                # A new opening mark before the last one closed: the last was a quotation
                # whose paragraph break was lost (unwrapped text); end it here.
                found.append(_marks(text, open_at, i, False, paragraph))
                open_at = i
        elif ch in _OPENERS:
            if ch == '"' and _looks_like_inches(text, i):
                continue
            open_at = i
        elif _reversed_opener(text, i):
            # A closing mark typed where an opening one belongs (”Fear. ...”), common after
            # copy-paste and autocorrect: it opens when a word follows and none precedes.
            open_at = i
    if open_at >= 0:
        found.append(_marks(text, open_at, len(text), False, paragraph))
    return [m for m in found if m.end > m.start]


def _marks(text: str, open_at: int, end: int, closed: bool, paragraph: int) -> QuoteMarks:
    start = open_at + 1
    while start < end and text[start].isspace():
        start += 1
    stop = end
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    return QuoteMarks(open_at, start, stop, closed, paragraph)


def _typed_as_closer(text: str, i: int) -> bool:
    """An opening mark typed where a closing one belongs (“... for her here,“ said X): it
    closes when it follows punctuation that ends quoted words and no word follows it."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return text[i] == "“" and before in ".,!?…—-" and not (after.isalnum() or after in "[(")


def _reversed_opener(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "―—–-:(") and (after.isalnum() or after in "[(")


def _looks_like_inches(text: str, i: int) -> bool:
    return i > 0 and text[i - 1].isdigit()
