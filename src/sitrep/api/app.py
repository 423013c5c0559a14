"""The application factory: ``create_app(settings)`` builds the JSON API and the web pages.

Nothing happens at import time (datasette's habit): the store is opened when the app starts
(lifespan) and closed when it stops, unless the caller hands in an open store, which then stays
the caller's to close. Security defaults, each switched on here and nowhere else:

* read-only unless ``Settings.write_token`` is set (see ``deps.require_write_token``);
* CORS off unless ``Settings.cors_origins`` lists origins;
* request bodies over ``Settings.max_request_bytes`` are refused with 413 before any route runs;
* pages carry a Content-Security-Policy that allows only our own scripts and styles, as a second
  wall behind Jinja2's autoescaping should stored article text ever carry markup.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Iterable, Iterator
from contextlib import asynccontextmanager
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sitrep import __version__
from sitrep.api.limits import BodySizeLimit
from sitrep.api.routes import actors, articles, events, figures, ingest, meta, quotes, search
from sitrep.api.services import Analyzer, NotFound
from sitrep.config import Settings
from sitrep.errors import StoreError
from sitrep.filters import FilterError
from sitrep.ingest.fetch import Fetcher, PageFetcher
from sitrep.records import Article

if TYPE_CHECKING:
    from sitrep.analyze import Analysis
    from sitrep.store import Store

_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class PipelineAnalyzer:
    """The CLI's analysis path, with the spaCy pipeline loaded on first use.

    One lock: a spaCy ``Language`` is not documented as thread-safe and requests run in a
    thread pool, so ingests are analysed one at a time (reads are never blocked by it).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def __call__(self, articles: Iterable[Article]) -> Iterator[Analysis]:
        from sitrep.analyze import analyze

        with self._lock:
            done = list(analyze(articles))
        return iter(done)


class SecurityHeaders:
    """Adds CSP and friends to every response (pure ASGI, so streaming stays untouched)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", _CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and request.url.path != "/openapi.json"


def create_app(
    settings: Settings,
    *,
    store: Store | None = None,
    analyzer: Analyzer | None = None,
    fetcher: Fetcher | None = None,
) -> FastAPI:
    """Build the sitrep web application.

    ``store``, ``analyzer`` and ``fetcher`` default to the real things (the store at
    ``settings.database_url``, the spaCy pipeline, an on-demand page fetcher); tests and
    embedders pass their own.
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = None
        if getattr(app.state, "store", None) is None:
            from sitrep.store import Store

            owned = Store.open(
                settings.database_url, near_duplicate_threshold=settings.near_duplicate_threshold
            )
            app.state.store = owned
        try:
            yield
        finally:
            if owned is not None:
                app.state.store = None
                owned.close()

    app = FastAPI(
        title="sitrep",
        version=__version__,
        summary="Structured, sourced records from defense and security news.",
        description=(
            "Articles, actors, quotations, events, figures and dates, each pointing at character "
            "spans of its article. Lists return `{data, count, limit, offset}`. Writes need "
            "`Authorization: Bearer <SITREP_WRITE_TOKEN>`."
        ),
        lifespan=lifespan,
        # Swagger UI and ReDoc load their scripts from a CDN: useless offline and blocked by our
        # CSP. The schema itself is served at /openapi.json.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.analyzer = analyzer if analyzer is not None else PipelineAnalyzer()
    app.state.fetcher = (
        fetcher if fetcher is not None else PageFetcher(max_bytes=settings.max_input_bytes)
    )

    for module in (meta, articles, search, actors, quotes, events, figures, ingest):
        app.include_router(module.router, prefix="/api")

    from sitrep.web import pages

    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(files("sitrep.web") / "static")), name="static")

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        if _wants_html(request):
            return pages.error_page(request, 404, str(exc))
        return JSONResponse({"detail": str(exc)}, status_code=404)

    @app.exception_handler(FilterError)
    async def bad_filter(request: Request, exc: FilterError) -> Response:
        if _wants_html(request):
            return pages.error_page(request, 422, str(exc))
        return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.exception_handler(StoreError)
    async def store_failed(request: Request, exc: StoreError) -> Response:
        return JSONResponse({"detail": f"store unavailable: {exc}"}, status_code=503)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_html(request) and exc.status_code in (404, 405):
            return pages.error_page(request, exc.status_code, str(exc.detail))
        return JSONResponse(
            {"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers
        )

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        if _wants_html(request):
            return pages.error_page(request, 422, "invalid parameters: " + _explain(exc))
        return JSONResponse({"detail": jsonable_errors(exc)}, status_code=422)

    # Middleware wraps in reverse order of addition: the size limit runs first, outermost.
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_request_bytes)
    return app


def _explain(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path"))
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts)


def jsonable_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    return [
        {"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")}
        for e in exc.errors()
    ]
