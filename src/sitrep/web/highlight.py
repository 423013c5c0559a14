"""Article text with its records highlighted: safe HTML built from spans, never from raw text.

The text is cut at every span boundary and each piece is escaped on its own; the only markup in
the output is the tags written here, with escaped attribute values. Article text can therefore
carry ``<script>`` or ``" onmouseover=...`` and it still renders as the characters it is.

Spans may nest (a quote inside an event's sentence, a name inside a quote) or cross (a figure
straddling a quote's end). Marks are ordered outermost first — earlier start, then longer span,
then kind priority (event, quote, speaker, mention, figure, date) — and the open elements are
kept as a stack: at each boundary the stack is closed down to the deepest mark still running and
re-opened with the marks now active, so crossing spans become properly nested pieces (the usual
way of rendering overlapping annotations in HTML, as brat and displaCy do). Only the first piece
of a mark carries its ``id`` (the side panel's link target) and its tab stop. A link is never
opened inside another link (nested ``<a>`` is invalid HTML), it falls back to a plain mark.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup, escape

from sitrep.api.models import DateOut, EventOut, FigureOut, MentionOut, QuoteOut

#: Outer before inner when two marks cover the same characters.
KIND_PRIORITY = {"event": 0, "quote": 1, "speaker": 2, "mention": 3, "figure": 4, "date": 5}


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str
    record_id: str
    tip: str = ""
    href: str | None = None

    def rank(self) -> tuple[int, int, int, str]:
        return (self.start, -self.end, KIND_PRIORITY.get(self.kind, 9), self.record_id)


def anchor_id(record_id: str) -> str:
    """The element id of a record's first highlighted piece (``#r-<id>`` links to it)."""
    return f"r-{record_id}"


def _open(mark: Mark, first: bool, inside_link: bool) -> tuple[str, str]:
    attrs = [f'class="hl hl-{escape(mark.kind)}"', f'data-record="{escape(mark.record_id)}"']
    if first:
        attrs.append(f'id="{escape(anchor_id(mark.record_id))}"')
    if mark.tip:
        attrs.append(f'title="{escape(mark.tip)}" data-tip="{escape(mark.tip)}"')
    if mark.href and not inside_link:
        attrs.append(f'href="{escape(mark.href)}"')
        return f"<a {' '.join(attrs)}>", "</a>"
    if first and mark.kind == "quote":
        # Quotes are the facts analysts check most: reachable from the keyboard, with their
        # speaker and cue shown on focus as well as on hover.
        attrs.append('tabindex="0"')
    return f"<mark {' '.join(attrs)}>", "</mark>"


def highlight(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` as HTML with every valid mark wrapped around its span (see module docstring)."""
    valid = sorted((m for m in marks if 0 <= m.start < m.end <= len(text)), key=Mark.rank)
    bounds = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    out: list[str] = []
    stack: list[tuple[Mark, str]] = []  # open marks with their closing tag
    opened: set[tuple[str, str, int]] = set()
    for left, right in zip(bounds, bounds[1:], strict=False):
        active = [m for m in valid if m.start <= left and m.end >= right]
        keep = 0
        while keep < min(len(stack), len(active)) and stack[keep][0] is active[keep]:
            keep += 1
        for _, closing in reversed(stack[keep:]):
            out.append(closing)
        del stack[keep:]
        for mark in active[keep:]:
            key = (mark.kind, mark.record_id, mark.start)
            inside_link = any(s[0].href for s in stack)
            opening, closing = _open(mark, key not in opened, inside_link)
            opened.add(key)
            out.append(opening)
            stack.append((mark, closing))
        out.append(str(escape(text[left:right])))
    for _, closing in reversed(stack):
        out.append(closing)
    return Markup("".join(out))


def _actor_href(actor_id: str | None) -> str | None:
    return f"/actors/{quote(actor_id, safe='')}" if actor_id else None


def marks_for(records: Sequence[object]) -> list[Mark]:
    """The marks the article reader shows for a list of public record models."""
    marks: list[Mark] = []
    for r in records:
        if isinstance(r, QuoteOut):
            speaker = r.speaker or "unknown speaker"
            cue = f" · cue: {r.cue.text}" if r.cue else ""
            marks.append(Mark(*r.span, "quote", r.id, f"{speaker}{cue} ({r.kind} quote)"))
            if r.speaker_mention is not None:
                marks.append(
                    Mark(
                        *r.speaker_mention.span,
                        "speaker",
                        f"{r.id}-speaker",
                        f"speaker: {speaker}",
                        _actor_href(r.speaker_id),
                    )
                )
        elif isinstance(r, MentionOut):
            marks.append(Mark(*r.span, "mention", r.id, r.text, _actor_href(r.actor)))
        elif isinstance(r, EventOut):
            who = " → ".join(x.name for x in (r.source, r.target) if x is not None)
            flags = "".join(
                f" ({flag})"
                for flag, on in (("negated", r.negated), ("hypothetical", r.hypothetical))
                if on
            )
            tip = f"{r.event_type}{': ' + who if who else ''}{flags}"
            marks.append(Mark(*r.span, "event", r.id, tip))
        elif isinstance(r, FigureOut):
            value = "?" if r.value is None else f"{r.value:g}"
            about = f" · {r.refers_to}" if r.refers_to else ""
            marks.append(Mark(*r.span, "figure", r.id, f"{r.kind}: {value} {r.unit or ''}{about}"))
        elif isinstance(r, DateOut):
            marks.append(Mark(*r.span, "date", r.id, f"date: {r.value or 'unresolved'}"))
    return marks
