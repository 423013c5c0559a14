"""Public models of the HTTP API: what ``/openapi.json`` documents and what the pages render.

The record models mirror the extract contract of ``sitrep.records`` field for field (a test
compares them, so the two cannot drift apart silently); they exist because the contract types are
plain dataclasses, cheap for the NLP loop, while the API needs pydantic models for its schema.
Listings share one envelope, ``{"data": [...], "count": N, "limit": L, "offset": O}``, where
``count`` is the total number of matches, not the length of this page.
"""

from __future__ import annotations

from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

SpanOut = tuple[int, int]
T = TypeVar("T")


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class TextSpanOut(_Out):
    text: str
    span: SpanOut


class ActorRefOut(_Out):
    id: str | None = None
    name: str
    code: str | None = None
    sector: str | None = None


class ArticleOut(_Out):
    type: Literal["article"] = "article"
    id: str
    text: str
    source: str
    source_id: str | None = None
    source_span: SpanOut | None = None
    title: str | None = None
    dateline: str | None = None
    byline: str | None = None
    published: str | None = None
    url: str | None = None
    tags: list[str] = []
    duplicate_of: str | None = None


class ActorOut(_Out):
    type: Literal["actor"] = "actor"
    id: str
    article: str
    span: SpanOut
    name: str
    kind: str
    aliases: list[str] = []
    roles: list[str] = []
    country: str | None = None
    sector: str | None = None


class MentionOut(_Out):
    type: Literal["mention"] = "mention"
    id: str
    article: str
    span: SpanOut
    actor: str
    text: str


class QuoteOut(_Out):
    type: Literal["quote"] = "quote"
    id: str
    article: str
    span: SpanOut
    text: str
    kind: str
    speaker: str | None = None
    speaker_id: str | None = None
    speaker_mention: TextSpanOut | None = None
    cue: TextSpanOut | None = None


class EventOut(_Out):
    type: Literal["event"] = "event"
    id: str
    article: str
    span: SpanOut
    event_type: str
    mode: str | None = None
    source: ActorRefOut | None = None
    target: ActorRefOut | None = None
    location: str | None = None
    date: str | None = None
    negated: bool = False
    hypothetical: bool = False
    reported: bool = False
    quote: str | None = None
    trigger: TextSpanOut | None = None


class FigureOut(_Out):
    type: Literal["figure"] = "figure"
    id: str
    article: str
    span: SpanOut
    text: str
    value: float | None
    unit: str | None = None
    kind: str = "count"
    qualifier: str | None = None
    value_max: float | None = None
    refers_to: str | None = None


class DateOut(_Out):
    type: Literal["date"] = "date"
    id: str
    article: str
    span: SpanOut
    text: str
    value: str | None
    precision: str | None = None


RecordOut = Annotated[
    ActorOut | MentionOut | QuoteOut | EventOut | FigureOut | DateOut,
    Field(discriminator="type"),
]

#: Contract type name -> public model, used to validate store output and by the drift test.
RECORD_MODELS: dict[str, type[_Out]] = {
    "article": ArticleOut,
    "actor": ActorOut,
    "mention": MentionOut,
    "quote": QuoteOut,
    "event": EventOut,
    "figure": FigureOut,
    "date": DateOut,
}


class InArticle(_Out):
    """Where a listed record comes from, so a list can show it without a second request."""

    article_title: str | None = None
    article_published: str | None = None
    article_source: str | None = None


class QuoteItem(QuoteOut, InArticle):
    """A quotation in a listing: the contract record plus its article's title and date."""


class EventItem(EventOut, InArticle):
    """An event in a listing: the contract record plus its article's title and date."""


class FigureItem(FigureOut, InArticle):
    """A figure in a listing: the contract record plus its article's title and date."""


class Health(_Out):
    status: Literal["ok"] = "ok"
    version: str
    read_only: bool


class Stats(_Out):
    articles: int = 0
    actors: int = 0
    mentions: int = 0
    quotes: int = 0
    events: int = 0
    figures: int = 0
    dates: int = 0
    near_duplicates: int = 0


class ArticleSummary(_Out):
    """An article without its text: what listings and dashboards show."""

    id: str
    title: str | None = None
    headline: str = Field(description="The title, or the first sentence for untitled articles.")
    source: str
    published: str | None = None
    byline: str | None = None
    dateline: str | None = None
    url: str | None = None
    lead: str = Field(default="", description="The first words of the text, for listings.")


class ArticleDetail(_Out):
    """One article with its text and every record that points into it, in span order."""

    article: ArticleOut
    records: list[RecordOut]


class SearchHitOut(_Out):
    id: str
    title: str | None = None
    headline: str = Field(description="The title, or the first sentence for untitled articles.")
    score: float = Field(description="Relevance; higher is better.")
    snippet: str = Field(
        description="Matching passage; each matched term sits between U+E000 and U+E001."
    )
    published: str | None = None
    source: str | None = None


class ActorSummary(_Out):
    id: str
    name: str
    kind: str | None = None
    country: str | None = None
    sector: str | None = None
    aliases: list[str] = []
    roles: list[str] = []
    quote_count: int = 0
    article_count: int = 0


class CoMentioned(_Out):
    id: str
    name: str
    kind: str | None = None
    count: int = Field(default=0, description="Articles mentioning both actors.")


class ArticleRefOut(_Out):
    id: str
    title: str | None = None
    published: str | None = None
    source: str | None = None


class ActorDetail(_Out):
    """An actor with its quotations, events on either side and the actors seen alongside it.

    ``quotations`` holds at most the first page (oldest first); ``quote_count`` is the total,
    and ``/api/quotes?speaker=<id>`` pages through all of them.
    """

    actor: ActorSummary
    quotations: list[QuoteItem]
    quote_count: int = 0
    events_as_source: list[EventItem]
    events_as_target: list[EventItem]
    co_mentioned: list[CoMentioned]
    articles: list[ArticleRefOut]


class Listing(_Out, Generic[T]):
    """A page of results: ``count`` is the total number of matches across all pages."""

    data: list[T]
    count: int
    limit: int
    offset: int


class IngestItem(_Out):
    status: Literal["new", "duplicate", "near_duplicate", "error"]
    article_id: str | None = None
    title: str | None = None
    duplicate_of: str | None = None
    records: int = 0
    error: str | None = None
    # What went wrong in a stored article's analysis (a stage that failed, an article too long
    # to analyse, one that does not read as English), as ``sitrep ingest`` warns on stderr.
    warnings: list[str] = Field(default_factory=list)


class IngestReport(_Out):
    source: str
    items: list[IngestItem]


class IngestRequest(BaseModel):
    """A JSON ingest body: either ``text`` (a dump, HTML page, feed or JSONL) or a ``url``."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, description="Raw input, dispatched by content.")
    url: str | None = Field(
        default=None, description="http(s) page to fetch once, now, on the caller's request."
    )
    source: str | None = Field(default=None, description="Name recorded as the article source.")


def record_out(record: Any) -> Any:
    """Validate one contract record (dataclass) as its public model."""
    d = record.to_dict()
    return RECORD_MODELS[d["type"]].model_validate(d)
