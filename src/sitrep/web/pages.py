"""The analyst's workbench: server-rendered pages, each the HTML twin of one JSON endpoint.

Every page calls the same service function as its ``/api/...`` twin and links to it, so what an
analyst sees is what a script gets. Templates are Jinja2 with autoescaping on for everything;
the only pre-built HTML is the highlighted article text (``highlight.py``) and search snippets
(:func:`snippet_html`), both assembled from escaped pieces. Pages work without JavaScript; the
one small script adds keyboard shortcuts and nothing a reader needs.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Annotated, Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from sitrep.api import services
from sitrep.api.deps import PagingDep, StoreDep
from sitrep.api.models import Listing
from sitrep.records import EVENT_TYPES, Article
from sitrep.store.search import MARK_END, MARK_START
from sitrep.web.charts import bar_chart, star_graph
from sitrep.web.highlight import anchor_id, highlight, marks_for

router = APIRouter(include_in_schema=False)

#: How the store marks matched terms in search snippets (private-use characters, so brackets
#: in the article text stay brackets).
SNIPPET_OPEN = MARK_START
SNIPPET_CLOSE = MARK_END
TYPE_ORDER = ("quote", "actor", "event", "figure", "date")


def snippet_html(snippet: str) -> Markup:
    """A search snippet with its matched terms in ``<mark>``; every other character escaped."""
    out: list[str] = []
    rest = snippet
    while True:
        start = rest.find(SNIPPET_OPEN)
        end = rest.find(SNIPPET_CLOSE, start + 1) if start >= 0 else -1
        if start < 0 or end < 0:
            out.append(str(escape(rest)))
            break
        out.append(str(escape(rest[:start])))
        out.append(f"<mark>{escape(rest[start + 1 : end])}</mark>")
        rest = rest[end + 1 :]
    return Markup("".join(out))


def path_segment(value: str) -> str:
    """An id as one URL path segment: ``/`` and everything else special percent-encoded."""
    return quote(str(value), safe="")


def safe_url(value: str | None) -> str | None:
    """An article's own URL when it is http(s); anything else (javascript:, data:) is dropped."""
    if not value:
        return None
    return value if urlsplit(value.strip()).scheme.lower() in ("http", "https") else None


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


@lru_cache(maxsize=1)
def templates() -> Jinja2Templates:
    """The template set, built on first use (never at import)."""
    env = Environment(
        loader=PackageLoader("sitrep.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["snippet"] = snippet_html
    env.filters["number"] = _number
    env.filters["seg"] = path_segment
    env.filters["safe_url"] = safe_url
    env.globals["anchor_id"] = anchor_id
    return Jinja2Templates(env=env)


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return templates().TemplateResponse(request, name, context, status_code=status_code)


def error_page(request: Request, status_code: int, message: str) -> HTMLResponse:
    titles = {404: "Not found", 405: "Not allowed", 422: "Invalid request"}
    return render(
        request,
        "error.html",
        status_code=status_code,
        title=titles.get(status_code, "Error"),
        message=message,
    )


def _json_url(path: str, **params: Any) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{path}?{query}" if query else path


def _pager(request: Request, listing: Listing[Any]) -> dict[str, Any]:
    """Links to the previous and next pages, keeping every other query parameter."""
    prev_url = next_url = None
    if listing.offset > 0:
        prev_url = str(
            request.url.include_query_params(offset=max(listing.offset - listing.limit, 0))
        )
    if listing.offset + listing.limit < listing.count:
        next_url = str(request.url.include_query_params(offset=listing.offset + listing.limit))
    first = listing.offset + 1 if listing.data else 0
    return {
        "prev": prev_url,
        "next": next_url,
        "first": first,
        "last": listing.offset + len(listing.data),
        "count": listing.count,
    }


Text = Annotated[str | None, Query(max_length=200)]


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, store: StoreDep) -> Response:
    data = services.dashboard(store)
    return render(
        request,
        "dashboard.html",
        title="Dashboard",
        d=data,
        chart=bar_chart(data.events_over_time),
        json_url="/api/dashboard",
    )


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    store: StoreDep,
    paging: PagingDep,
    q: Annotated[str, Query(max_length=500)] = "",
) -> Response:
    results = services.search(store, q, paging.limit, paging.offset) if q.strip() else None
    return render(
        request,
        "search.html",
        title=f"Search: {q}" if q else "Search",
        q=q,
        site_q=q,
        results=results,
        paging=_pager(request, results) if results else None,
        json_url=_json_url("/api/search", q=q, offset=paging.offset or None),
    )


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, store: StoreDep, paging: PagingDep) -> Response:
    listing = services.list_articles(store, paging.limit, paging.offset)
    return render(
        request,
        "articles.html",
        title="Articles",
        listing=listing,
        paging=_pager(request, listing),
        json_url=_json_url("/api/articles", offset=paging.offset or None),
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str, store: StoreDep) -> Response:
    detail = services.article_detail(store, article_id)
    groups: dict[str, list[Any]] = defaultdict(list)
    for record in detail.records:
        if record.type != "mention":
            groups[record.type].append(record)
    names = {r.id: r.name for r in groups.get("actor", [])}
    heading = services.headline(
        Article(
            id=detail.article.id,
            text=detail.article.text,
            source=detail.article.source,
            title=detail.article.title,
        )
    )
    return render(
        request,
        "article.html",
        title=heading,
        heading=heading,
        a=detail.article,
        body=highlight(detail.article.text, marks_for(detail.records)),
        groups=[(kind, groups[kind]) for kind in TYPE_ORDER if groups.get(kind)],
        actor_names=names,
        json_url=f"/api/articles/{article_id}",
    )


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, store: StoreDep, paging: PagingDep, q: Text = None) -> Response:
    listing = services.actors(store, q, paging.limit, paging.offset)
    return render(
        request,
        "actors.html",
        title="Actors",
        q=q or "",
        listing=listing,
        paging=_pager(request, listing),
        json_url=_json_url("/api/actors", q=q, offset=paging.offset or None),
    )


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor(request: Request, actor_id: str, store: StoreDep) -> Response:
    detail = services.actor_detail(store, actor_id)
    over_time = services.periods(q.article_published for q in detail.quotations)
    graph = star_graph(
        (detail.actor.id, detail.actor.name),
        [(c.id, c.name, c.count) for c in detail.co_mentioned[:12]],
    )
    return render(
        request,
        "actor.html",
        title=detail.actor.name,
        d=detail,
        chart=bar_chart([(p.period, p.count) for p in over_time], height=110),
        graph=graph,
        json_url=f"/api/actors/{actor_id}",
    )


@router.get("/quotes", response_class=HTMLResponse)
def quotes(
    request: Request,
    store: StoreDep,
    paging: PagingDep,
    speaker: Text = None,
    about: Text = None,
    q: Text = None,
    since: Annotated[str | None, Query(max_length=40)] = None,
) -> Response:
    listing = services.quotes(store, speaker, about, q, since, paging.limit, paging.offset)
    form = {"speaker": speaker or "", "about": about or "", "q": q or "", "since": since or ""}
    return render(
        request,
        "quotes.html",
        title="Quotations",
        form=form,
        listing=listing,
        paging=_pager(request, listing),
        json_url=_json_url("/api/quotes", **form, offset=paging.offset or None),
    )


@router.get("/events", response_class=HTMLResponse)
def events(
    request: Request,
    store: StoreDep,
    paging: PagingDep,
    type: Annotated[str | None, Query(max_length=40)] = None,
    actor: Text = None,
    since: Annotated[str | None, Query(max_length=40)] = None,
) -> Response:
    listing = services.events(store, type, actor, since, paging.limit, paging.offset)
    timeline = services.event_timeline(store, type, actor, since)
    form = {"type": type or "", "actor": actor or "", "since": since or ""}
    return render(
        request,
        "events.html",
        title="Events",
        form=form,
        types=EVENT_TYPES,
        listing=listing,
        chart=bar_chart([(p.period, p.count) for p in timeline.periods]),
        timeline=timeline,
        paging=_pager(request, listing),
        json_url=_json_url("/api/events", **form, offset=paging.offset or None),
    )


@router.get("/figures", response_class=HTMLResponse)
def figures(request: Request, store: StoreDep, paging: PagingDep, unit: Text = None) -> Response:
    listing = services.figures(store, unit, paging.limit, paging.offset)
    return render(
        request,
        "figures.html",
        title="Figures",
        unit=unit or "",
        listing=listing,
        paging=_pager(request, listing),
        json_url=_json_url("/api/figures", unit=unit, offset=paging.offset or None),
    )
