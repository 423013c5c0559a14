"""The extract contract: every record sitrep produces, stores, serves and exports.

One dataclass per record type. ``to_dict`` gives exactly the JSON object of the contract
(documented in README.md, "The extract contract"); ``record_from_dict`` reads it back, so the
JSON Lines of ``sitrep extract``, the rows of the store and the API speak the same shape.

Every record except ``Article`` carries ``article`` (the article id) and ``span``
(``[start, end)`` character offsets into that article's clean ``text``). Dataclasses rather than
pydantic models: they are cheap to build in the hot NLP loop and pickle cleanly for process pools
and Dask.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields
from typing import Any, ClassVar

Span = tuple[int, int]


def stable_id(prefix: str, *parts: object) -> str:
    """A short deterministic id: the same inputs give the same id on every machine."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}_{digest[:16]}"


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A piece of article text with its offsets (a cue, a speaker mention, a trigger)."""

    text: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": list(self.span)}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> TextSpan | None:
        if d is None:
            return None
        return cls(text=d["text"], span=_span(d["span"]))


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An event participant: the actor id plus its CAMEO/PLOVER-style code and sector."""

    id: str | None
    name: str
    code: str | None = None
    sector: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "code": self.code, "sector": self.sector}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> ActorRef | None:
        if d is None:
            return None
        return cls(id=d.get("id"), name=d["name"], code=d.get("code"), sector=d.get("sector"))


def _span(value: Any) -> Span:
    start, end = value
    return (int(start), int(end))


@dataclass(frozen=True, slots=True)
class Article:
    """One news article. ``text`` is what every other record's span points into."""

    type: ClassVar[str] = "article"
    id: str
    text: str
    source: str
    source_id: str | None = None
    source_span: Span | None = None
    title: str | None = None
    dateline: str | None = None
    byline: str | None = None
    published: str | None = None
    url: str | None = None
    tags: tuple[str, ...] = ()
    duplicate_of: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor as seen in one article; ``id`` is stable across articles."""

    type: ClassVar[str] = "actor"
    id: str
    article: str
    span: Span
    name: str
    kind: str  # person | org | country | igo | group | document
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    country: str | None = None
    sector: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(frozen=True, slots=True)
class Mention:
    type: ClassVar[str] = "mention"
    id: str
    article: str
    span: Span
    actor: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(frozen=True, slots=True)
class Quote:
    """Reported speech. ``text`` is the article text of ``span`` (no enclosing quote marks)."""

    type: ClassVar[str] = "quote"
    id: str
    article: str
    span: Span
    text: str
    kind: str  # direct | indirect | mixed
    speaker: str | None = None
    speaker_id: str | None = None
    speaker_mention: TextSpan | None = None
    cue: TextSpan | None = None

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


#: The 16 event types of the PLOVER ontology, the values of ``Event.event_type``.
EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Event:
    type: ClassVar[str] = "event"
    id: str
    article: str
    span: Span
    event_type: str  # one of the 16 PLOVER event types
    mode: str | None = None
    source: ActorRef | None = None
    target: ActorRef | None = None
    location: str | None = None
    date: str | None = None
    negated: bool = False
    hypothetical: bool = False
    reported: bool = False
    quote: str | None = None
    trigger: TextSpan | None = None

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(frozen=True, slots=True)
class Figure:
    type: ClassVar[str] = "figure"
    id: str
    article: str
    span: Span
    text: str
    value: float | None
    unit: str | None = None
    kind: str = "count"  # money | percent | count | duration | distance | ...
    qualifier: str | None = None
    value_max: float | None = None
    refers_to: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(frozen=True, slots=True)
class DateRecord:
    type: ClassVar[str] = "date"
    id: str
    article: str
    span: Span
    text: str
    value: str | None  # ISO 8601 at the text's precision, None when unresolvable
    precision: str | None = None  # day | week | month | year | decade

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


Record = Article | Actor | Mention | Quote | Event | Figure | DateRecord

RECORD_TYPES: dict[str, type[Any]] = {
    cls.type: cls for cls in (Article, Actor, Mention, Quote, Event, Figure, DateRecord)
}
#: Plural names used by the store tables, ``sitrep stats`` and the API.
PLURALS: dict[str, str] = {
    "article": "articles",
    "actor": "actors",
    "mention": "mentions",
    "quote": "quotes",
    "event": "events",
    "figure": "figures",
    "date": "dates",
}

_NESTED: dict[str, type[TextSpan] | type[ActorRef]] = {
    "speaker_mention": TextSpan,
    "cue": TextSpan,
    "trigger": TextSpan,
    "source": ActorRef,
    "target": ActorRef,
}


def _plain(record: Any) -> dict[str, Any]:
    d: dict[str, Any] = {"type": record.type}
    for f in fields(record):
        value = getattr(record, f.name)
        if isinstance(value, (TextSpan, ActorRef)):
            value = value.to_dict()
        elif isinstance(value, tuple):
            value = list(value)
        d[f.name] = value
    return d


def record_from_dict(d: dict[str, Any]) -> Any:
    """Rebuild a record from its contract dict (the inverse of ``to_dict``)."""
    kind = d.get("type")
    cls = RECORD_TYPES.get(kind or "")
    if cls is None:
        raise ValueError(f"unknown record type {kind!r}; expected one of {sorted(RECORD_TYPES)}")
    kwargs: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in d:
            continue
        value = d[f.name]
        if f.name in ("span", "source_span") and value is not None:
            value = _span(value)
        elif f.name in _NESTED and isinstance(value, dict):
            # Article.source is a plain string; only records with nested objects reach here.
            value = _NESTED[f.name].from_dict(value)
        elif isinstance(value, list):
            value = tuple(value)
        kwargs[f.name] = value
    return cls(**kwargs)


__all__ = [
    "Actor",
    "ActorRef",
    "Article",
    "DateRecord",
    "Event",
    "Figure",
    "Mention",
    "PLURALS",
    "Quote",
    "RECORD_TYPES",
    "Record",
    "Span",
    "TextSpan",
    "record_from_dict",
    "stable_id",
]
