"""The in-document view of actors that the actor stage builds and later stages read.

The actor stage (``sitrep.nlp.actors``) groups every mention of one real person or body in a
document into a ``DocActor``; the quote and event stages resolve speakers and participants
against these clusters instead of re-reading entities themselves. ``DocActor.id`` is the
corpus-wide actor id (stable across articles), so records from different articles about the
same person join in the store.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from sitrep.records import Actor, Mention, Span, stable_id


@dataclass(slots=True)
class ActorMention:
    """One mention of an actor: ``form`` is "name", "nominal" ("the Russian president") or
    "pronoun"."""

    span: Span
    text: str
    form: str = "name"


@dataclass(slots=True)
class DocActor:
    """All mentions of one actor in one document, with what the text says about it."""

    id: str
    name: str
    kind: str  # person | org | country | igo | group | document
    mentions: list[ActorMention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    gender: str | None = None  # "m" | "f" | None, when the text makes it clear
    # event-data code of an international organisation ("IGOWSTNAT" for NATO); for other
    # actors None: their code is ``country`` (ISO 3166 alpha-3) plus ``sector``
    code: str | None = None

    def first_span(self) -> Span:
        return min(m.span for m in self.mentions) if self.mentions else (0, 0)

    def to_records(self, article_id: str) -> Iterator[Actor | Mention]:
        """The contract records for this actor: one Actor plus one Mention per mention."""
        yield Actor(
            id=self.id,
            article=article_id,
            span=self.first_span(),
            name=self.name,
            kind=self.kind,
            aliases=tuple(self.aliases),
            roles=tuple(self.roles),
            country=self.country,
            sector=self.sector,
        )
        for m in sorted(self.mentions, key=lambda m: m.span):
            yield Mention(
                id=stable_id("men", article_id, m.span[0], m.span[1]),
                article=article_id,
                span=m.span,
                actor=self.id,
                text=m.text,
            )


class ActorIndex:
    """The actor a character range names, looked up among a document's actors: the one with a
    mention overlapping the range the most (on a tie, the earlier actor, then its earlier
    mention).

    Mentions are kept sorted by where they start, so that :meth:`actor_at` reads only those
    near the range: stages that look up an actor per quote or per event stay linear in the
    article's length (a scan of every mention per lookup is quadratic, and a long article has
    thousands). Build it once the actor stage is done: mentions added later are not seen."""

    def __init__(self, actors: Sequence[DocActor]) -> None:
        self._actors = list(actors)
        # (start, end, actor rank, mention rank): ranks break ties as the plain scan does.
        self._mentions = sorted(
            (m.span[0], m.span[1], a, k)
            for a, actor in enumerate(self._actors)
            for k, m in enumerate(actor.mentions)
        )
        self._starts = [m[0] for m in self._mentions]
        self._longest = max((e - s for s, e, _, _ in self._mentions), default=0)

    def actor_at(self, start: int, end: int) -> DocActor | None:
        """The actor with a mention overlapping ``[start, end)`` the most, or None."""
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, end)
        best: tuple[int, int, int] | None = None  # (overlap, -actor rank, -mention rank)
        for m_start, m_end, a, k in self._mentions[lo:hi]:
            overlap = min(end, m_end) - max(start, m_start)
            if overlap > 0 and (best is None or (overlap, -a, -k) > best):
                best = (overlap, -a, -k)
        return self._actors[-best[1]] if best is not None else None


def mentions_before(actors: Sequence[DocActor], offset: int) -> list[tuple[ActorMention, DocActor]]:
    """Every mention ending at or before ``offset``, in text order (nearest last)."""
    pairs = [(m, a) for a in actors for m in a.mentions if m.span[1] <= offset]
    pairs.sort(key=lambda p: p[0].span)
    return pairs
