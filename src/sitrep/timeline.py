"""A dated sequence of what actors said and did, merged from the store's events and quotes.

An entry's date is the event's own date when the text gives one, else the publication date of
its article; undated entries sort last. Entries come from the store's indexed list queries, so a
timeline costs two paged queries, not a scan.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: str | None
    what: str  # "event:<PLOVER type>" or "quote"
    who: str | None
    detail: str
    article_id: str
    record_id: str

    def to_dict(self) -> dict[str, Any]:
        return {"type": "timeline_entry", **asdict(self)}


def build_timeline(
    store: Any, actor: str | None = None, since: str | None = None, limit: int = 100
) -> list[TimelineEntry]:
    """The newest ``limit`` events and quotations (by or about ``actor``), oldest first."""
    entries: list[TimelineEntry] = []
    for item in store.events(actor=actor, since=since, limit=limit).items:
        e = item.record
        target = f" → {e.target.name}" if e.target else ""
        entries.append(
            TimelineEntry(
                date=e.date or item.published,
                what=f"event:{e.event_type}",
                who=e.source.name if e.source else None,
                detail=f"{e.event_type}{target}" + (" (negated)" if e.negated else ""),
                article_id=item.article_id,
                record_id=e.id,
            )
        )
    for item in store.quotes(speaker=actor, since=since, limit=limit).items:
        q = item.record
        entries.append(
            TimelineEntry(
                date=item.published,
                what="quote",
                who=q.speaker,
                detail=q.text,
                article_id=item.article_id,
                record_id=q.id,
            )
        )
    entries.sort(key=lambda e: (e.date is None, e.date or "", e.what))
    return entries[:limit]
