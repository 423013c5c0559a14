"""Converting contract records to table rows and back.

Each row carries the columns queries filter on plus ``data``, the record's full contract dict;
reading uses ``data`` only, so what comes back is exactly what went in (``record_from_dict`` is
the inverse of ``to_dict``). Articles are the one exception: their ``text`` lives in its own
column (the full-text index reads it there) and is left out of ``data`` to avoid storing the
largest field twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa

from sitrep.records import (
    PLURALS,
    Actor,
    Article,
    DateRecord,
    Event,
    Figure,
    Mention,
    Quote,
    Record,
    record_from_dict,
)
from sitrep.store import schema

#: Record types in the order ``records()`` breaks ties between records with the same span.
TYPE_ORDER: tuple[str, ...] = ("actor", "mention", "quote", "event", "figure", "date")
_SINGULAR = {plural: singular for singular, plural in PLURALS.items()}


def normalize_types(types: Iterable[str] | None, *, allow_article: bool = False) -> list[str]:
    """Record type names (singular or plural, any case) -> singular names; ValueError if unknown."""
    known = (("article",) if allow_article else ()) + TYPE_ORDER
    if types is None:
        return list(known)
    if isinstance(types, str):
        types = [types]
    wanted: list[str] = []
    for name in types:
        key = name.strip().lower()
        key = _SINGULAR.get(key, key)
        if key not in known:
            raise ValueError(f"unknown record type {name!r}; expected one of {', '.join(known)}")
        if key not in wanted:
            wanted.append(key)
    return wanted


def article_values(article: Article, added_at: str) -> dict[str, Any]:
    data = article.to_dict()
    del data["text"]
    return {
        "id": article.id,
        "source": article.source,
        "source_id": article.source_id,
        "url": article.url,
        "title": article.title,
        "published": article.published,
        "text": article.text,
        "data": data,
        "added_at": added_at,
    }


def article_from_row(row: Mapping[Any, Any]) -> Article:
    data = dict(row["data"])
    data["text"] = row["text"]
    article: Article = record_from_dict(data)
    return article


def record_values(record: Record) -> tuple[sa.Table, dict[str, Any]]:
    """The table and row of a non-article record."""
    if isinstance(record, Article):
        raise TypeError("articles are not stored as records")
    table = schema.RECORD_TABLES[record.type]
    values: dict[str, Any] = {
        "id": record.id,
        "article_id": record.article,
        "span_start": record.span[0],
        "span_end": record.span[1],
        "data": record.to_dict(),
    }
    values.update(_columns(record))
    return table, values


def _columns(record: Record) -> dict[str, Any]:
    if isinstance(record, Actor):
        return {"actor_id": record.id, "name": record.name, "kind": record.kind}
    if isinstance(record, Mention):
        return {"actor_id": record.actor, "text": record.text}
    if isinstance(record, Quote):
        return {
            "text": record.text,
            "kind": record.kind,
            "speaker": record.speaker,
            "speaker_id": record.speaker_id,
        }
    if isinstance(record, Event):
        return {
            "event_type": record.event_type,
            "mode": record.mode,
            "source_actor_id": record.source.id if record.source else None,
            "source_name": record.source.name if record.source else None,
            "target_actor_id": record.target.id if record.target else None,
            "target_name": record.target.name if record.target else None,
            "date": record.date,
            "negated": bool(record.negated),
            "hypothetical": bool(record.hypothetical),
            "quote_id": record.quote,
        }
    if isinstance(record, Figure):
        return {"value": record.value, "unit": record.unit, "kind": record.kind}
    if isinstance(record, DateRecord):
        return {"value": record.value, "precision": record.precision}
    raise TypeError(f"not a sitrep record: {type(record).__name__}")


def record_from_row(row: Mapping[Any, Any]) -> Record:
    record: Record = record_from_dict(dict(row["data"]))
    return record
