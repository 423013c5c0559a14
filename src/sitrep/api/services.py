"""The service functions behind every endpoint and every page: store queries -> public models.

Each JSON route and each HTML page is a thin shell around one function here (datasette's habit:
every page has a JSON twin built from the same call), so what the analyst reads in the browser
is, field for field, what ``/api/...`` returns. Functions take the open ``Store`` explicitly and
raise :class:`NotFound` for unknown ids; the app maps it to 404 (JSON or HTML).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, Field

from sitrep import filters
from sitrep.api.models import (
    ActorDetail,
    ActorSummary,
    ArticleDetail,
    ArticleOut,
    ArticleRefOut,
    ArticleSummary,
    CoMentioned,
    EventItem,
    FigureItem,
    IngestItem,
    IngestReport,
    Listing,
    QuoteItem,
    SearchHitOut,
    Stats,
    record_out,
)
from sitrep.errors import InputError, SitrepError
from sitrep.records import Article

if TYPE_CHECKING:
    from sitrep.analyze import Analysis
    from sitrep.store import ActorSummary as StoredActor
    from sitrep.store import RecordItem, Store

#: Runs the NLP stages over articles; the default is ``sitrep.analyze.analyze``.
M = TypeVar("M", bound=BaseModel)

Analyzer = Callable[[Iterable[Article]], Iterator["Analysis"]]

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])")
MAX_MONTHS = 60
HEADLINE_CHARS = 110
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n")
LEAD_CHARS = 220
#: How many quotations / events an actor page shows (each list links to its full explorer).
ACTOR_PAGE_ITEMS = 50
#: Events read (newest first) to draw a timeline, in pages of TIMELINE_BATCH.
TIMELINE_CAP = 2000
TIMELINE_BATCH = 500


class NotFound(SitrepError):
    """An id that names nothing in the store; shown as 404."""

    def __init__(self, kind: str, ident: str) -> None:
        self.kind = kind
        self.ident = ident
        super().__init__(f"no {kind} with id {ident!r}")


@dataclass(frozen=True, slots=True)
class PeriodCount:
    """One bar of a time chart: a period label (``2025-09``) and how many things fell in it."""

    period: str
    count: int


class Dashboard(BaseModel):
    stats: Stats
    latest: list[ArticleSummary]
    top_speakers: list[ActorSummary]
    events_over_time: list[tuple[str, int]]
    events_counted: int = Field(description="How many of the newest events the chart counts.")


def _listing(items: Sequence[Any], count: int, limit: int, offset: int) -> Listing[Any]:
    return Listing[Any](data=list(items), count=count, limit=limit, offset=offset)


def _in_article(model: type[M], item: RecordItem) -> M:
    """A store ``RecordItem`` (record + article facts) as a listing model."""
    return model.model_validate(
        {
            **item.record.to_dict(),
            "article_title": item.article_title,
            "article_published": item.published,
            "article_source": item.source,
        }
    )


def headline(article: Article) -> str:
    """The title, or for untitled articles (text dumps) the first sentence, shortened."""
    if article.title and article.title.strip():
        return article.title.strip()
    first = _SENTENCE_END.split(article.text.strip(), maxsplit=1)[0]
    first = " ".join(first.split())
    if len(first) <= HEADLINE_CHARS:
        return first or article.id
    return first[:HEADLINE_CHARS].rsplit(" ", 1)[0] + "…"


def summarize_article(article: Article) -> ArticleSummary:
    text = " ".join(article.text[: LEAD_CHARS * 2].split())
    lead = text if len(text) <= LEAD_CHARS else text[:LEAD_CHARS].rsplit(" ", 1)[0] + "…"
    return ArticleSummary(
        id=article.id,
        title=article.title,
        headline=headline(article),
        source=article.source,
        published=article.published,
        byline=article.byline,
        dateline=article.dateline,
        url=article.url,
        lead=lead,
    )


def stats(store: Store) -> Stats:
    return Stats.model_validate(store.stats())


def list_articles(store: Store, limit: int, offset: int) -> Listing[ArticleSummary]:
    items = store.list_articles(limit=limit, offset=offset)
    count = store.article_count()
    return _listing([summarize_article(a) for a in items], count, limit, offset)


def article_detail(store: Store, article_id: str) -> ArticleDetail:
    article = store.get_article(article_id)
    if article is None:
        raise NotFound("article", article_id)
    records = [record_out(r) for r in store.records(article_id)]
    return ArticleDetail(article=ArticleOut.model_validate(article.to_dict()), records=records)


def search(store: Store, q: str, limit: int, offset: int) -> Listing[SearchHitOut]:
    if not q.strip():
        return _listing([], 0, limit, offset)
    items = store.search(q, limit=limit, offset=offset)
    count = store.search_count(q)
    hits = [
        SearchHitOut(
            id=h.id,
            title=h.title,
            headline=h.title or _untitled_headline(store, h.id),
            score=h.score,
            snippet=h.snippet,
            published=h.published,
            source=h.source,
        )
        for h in items
    ]
    return _listing(hits, count, limit, offset)


def _untitled_headline(store: Store, ident: str) -> str:
    # Only untitled hits (text dumps) pay this lookup: one primary-key read each.
    article = store.get_article(ident)
    return headline(article) if article is not None else ident


def _actor_summary(item: StoredActor) -> ActorSummary:
    return ActorSummary.model_validate(asdict(item))


def actors(store: Store, q: str | None, limit: int, offset: int) -> Listing[ActorSummary]:
    page = store.actors(q=q or None, limit=limit, offset=offset)
    return _listing([_actor_summary(a) for a in page.items], page.count, limit, offset)


def actor_detail(store: Store, ident: str) -> ActorDetail:
    """An actor by id, name or alias, with what it said and did and who appears alongside it."""
    detail = store.actor(ident)
    if detail is None:
        raise NotFound("actor", ident)
    summary = _actor_summary(detail.actor)
    said = store.quotes(speaker=summary.id, limit=ACTOR_PAGE_ITEMS, offset=0)
    # Events are looked up by the resolved id, not the name the caller typed, so an ambiguous
    # name never mixes two actors' events.
    involved = store.events(actor=summary.id, limit=ACTOR_PAGE_ITEMS * 2, offset=0)
    events = [_in_article(EventItem, e) for e in involved.items]
    return ActorDetail(
        actor=summary,
        quotations=sorted(
            (_in_article(QuoteItem, q) for q in said.items),
            key=lambda q: (q.article_published or "", q.span[0]),
        ),
        quote_count=said.count,
        events_as_source=[e for e in events if e.source is not None and e.source.id == summary.id],
        events_as_target=[e for e in events if e.target is not None and e.target.id == summary.id],
        co_mentioned=[
            CoMentioned(id=c.id, name=c.name, kind=c.kind, count=c.articles)
            for c in detail.co_mentioned
        ],
        articles=[
            ArticleRefOut(id=a.id, title=a.title, published=a.published, source=a.source)
            for a in detail.articles
        ],
    )


def quotes(
    store: Store,
    speaker: str | None,
    about: str | None,
    q: str | None,
    since: str | None,
    limit: int,
    offset: int,
) -> Listing[QuoteItem]:
    page = store.quotes(
        speaker=speaker or None,
        about=about or None,
        q=q or None,
        since=filters.since(since),
        limit=limit,
        offset=offset,
    )
    return _listing([_in_article(QuoteItem, r) for r in page.items], page.count, limit, offset)


def events(
    store: Store,
    event_type: str | None,
    actor: str | None,
    since: str | None,
    limit: int,
    offset: int,
) -> Listing[EventItem]:
    page = store.events(
        type=filters.event_type(event_type),
        actor=actor or None,
        since=filters.since(since),
        limit=limit,
        offset=offset,
    )
    return _listing([_in_article(EventItem, r) for r in page.items], page.count, limit, offset)


def figures(store: Store, unit: str | None, limit: int, offset: int) -> Listing[FigureItem]:
    page = store.figures(unit=unit or None, limit=limit, offset=offset)
    return _listing([_in_article(FigureItem, r) for r in page.items], page.count, limit, offset)


def periods(dates: Iterable[str | None]) -> list[PeriodCount]:
    """Count ISO dates per month, oldest first, with empty months in between as zero.

    Dates without a month (``2025``, unresolved) are left out: they have no place on the axis.
    Spans longer than ``MAX_MONTHS`` are counted per year instead, so a stray old date does not
    turn the chart into hundreds of hairline bars.
    """
    counter = Counter(d[:7] for d in dates if d and _MONTH.match(d))
    if not counter:
        return []
    first, last = min(counter), max(counter)
    year, month = int(first[:4]), int(first[5:7])
    out: list[PeriodCount] = []
    while (label := f"{year:04d}-{month:02d}") <= last:
        out.append(PeriodCount(label, counter.get(label, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if len(out) > MAX_MONTHS:
        years: Counter[str] = Counter()
        for p in out:
            years[p.period[:4]] += p.count
        return [PeriodCount(y, n) for y, n in sorted(years.items())]
    return out


@dataclass(frozen=True, slots=True)
class Timeline:
    """Events per month; ``counted`` < ``total`` when only the newest ``counted`` were read."""

    periods: list[PeriodCount]
    counted: int
    total: int


def event_timeline(
    store: Store,
    event_type: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    cap: int = TIMELINE_CAP,
) -> Timeline:
    """Matching events per month (event date, else the article's publication date).

    Reads at most ``cap`` events, newest first, so a page never scans a whole large store; the
    chart says so when it is partial.
    """
    event_type, since = filters.event_type(event_type), filters.since(since)
    dates: list[str | None] = []
    total = 0
    offset = 0
    while offset < cap:
        page = store.events(
            type=event_type,
            actor=actor or None,
            since=since,
            limit=min(TIMELINE_BATCH, cap - offset),
            offset=offset,
        )
        total = page.count
        dates.extend(getattr(item.record, "date", None) or item.published for item in page.items)
        offset += len(page.items)
        if not page.items or offset >= total:
            break
    return Timeline(periods(dates), counted=len(dates), total=total)


def dashboard(store: Store, latest: int = 8, speakers: int = 8) -> Dashboard:
    newest = store.list_articles(limit=latest, offset=0)
    # Quote counts are stored and indexed on the actors table, so this is one index scan.
    most_quoted = store.actors(q=None, limit=speakers, offset=0, order="quotes").items
    ranked = [_actor_summary(a) for a in most_quoted]
    timeline = event_timeline(store)
    return Dashboard(
        stats=stats(store),
        latest=[summarize_article(a) for a in newest],
        top_speakers=[a for a in ranked if a.quote_count > 0][:speakers],
        events_over_time=[(p.period, p.count) for p in timeline.periods],
        events_counted=timeline.counted,
    )


def ingest_text(store: Store, analyzer: Analyzer, source: str, text: str) -> IngestReport:
    """Read POSTed text exactly as the CLI reads a file, analyse it and store every article."""
    from sitrep.ingest import read_text_input

    items: list[IngestItem] = []
    articles: list[Article] = []
    for item in read_text_input(source, text):
        if isinstance(item, InputError):
            items.append(IngestItem(status="error", error=str(item)))
        else:
            articles.append(item)
    for analysis in analyzer(articles):
        article = analysis.article
        try:
            result = store.add(article, analysis.records)
        except SitrepError as exc:
            items.append(
                IngestItem(
                    status="error",
                    article_id=article.id,
                    title=article.title,
                    error=f"could not store article: {exc}",
                )
            )
            continue
        items.append(
            IngestItem(
                status=result.status,
                article_id=result.article_id,
                title=article.title,
                duplicate_of=result.duplicate_of,
                records=len(analysis.records) if result.status == "new" else 0,
                warnings=analysis.errors if result.status == "new" else [],
            )
        )
    return IngestReport(source=source, items=items)
