"""FastAPI dependencies as ``Annotated`` aliases: the store, settings, paging and write access.

Everything a route needs comes from ``request.app.state`` (filled by ``create_app``), never from
module globals, so two apps with two stores can live in one process (tests do exactly that).
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Header, HTTPException, Query, Request, status

from sitrep.api.services import Analyzer
from sitrep.config import Settings
from sitrep.ingest.fetch import Fetcher

if TYPE_CHECKING:
    from sitrep.store import Store

MAX_LIMIT = 500


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_analyzer(request: Request) -> Analyzer:
    analyzer: Analyzer = request.app.state.analyzer
    return analyzer


def get_fetcher(request: Request) -> Fetcher:
    fetcher: Fetcher = request.app.state.fetcher
    return fetcher


@dataclass(frozen=True, slots=True)
class Paging:
    limit: int
    offset: int


def get_paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = 50,
    offset: Annotated[int, Query(ge=0, description="Items to skip.")] = 0,
) -> Paging:
    return Paging(limit=limit, offset=offset)


def require_write_token(
    settings: Annotated[Settings, Depends(get_settings)],
    authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> None:
    """Allow a write only with ``Authorization: Bearer <SITREP_WRITE_TOKEN>``.

    No token configured means the server is read-only (403 for everyone). The comparison is
    constant-time (``hmac.compare_digest``) so response timing does not leak the token.
    """
    if not settings.write_token:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            "this server is read-only: start it with SITREP_WRITE_TOKEN set to allow writes",
        )
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "missing write token: send 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not hmac.compare_digest(token.strip().encode(), settings.write_token.encode()):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "wrong write token")


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated["Store", Depends(get_store)]
AnalyzerDep = Annotated[Analyzer, Depends(get_analyzer)]
FetcherDep = Annotated[Fetcher, Depends(get_fetcher)]
PagingDep = Annotated[Paging, Depends(get_paging)]
WriteAccess = Annotated[None, Depends(require_write_token)]
