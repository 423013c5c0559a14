"""``POST /api/ingest``: add articles over HTTP, through the same path as ``sitrep ingest``.

Behind the write token. The body is either JSON (``{"text": ...}`` or ``{"url": ...}``) or the
raw input itself (``text/plain``, ``text/html``, ``application/x-ndjson``, feeds), dispatched by
content exactly like a file given to the CLI: read_text_input -> analyze -> Store.add. A URL is
fetched once, now, because the caller asked for it; nothing else in sitrep goes online.
"""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, status
from fastapi.concurrency import run_in_threadpool
from pydantic import ValidationError

from sitrep.api import services
from sitrep.api.deps import AnalyzerDep, FetcherDep, StoreDep, WriteAccess
from sitrep.api.models import IngestReport, IngestRequest
from sitrep.errors import InputError

router = APIRouter(tags=["ingest"])

_BODY_DOC = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": IngestRequest.model_json_schema()},
            "text/plain": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string"}},
            "application/x-ndjson": {"schema": {"type": "string"}},
        },
    }
}


@router.post(
    "/ingest",
    response_model=IngestReport,
    status_code=status.HTTP_200_OK,
    summary="Read, analyse and store articles (needs the write token)",
    openapi_extra=_BODY_DOC,
    responses={
        401: {"description": "No bearer token"},
        403: {"description": "Wrong token, or the server is read-only"},
        413: {"description": "Body over SITREP_MAX_REQUEST_BYTES"},
        422: {"description": "Nothing to ingest, or the URL could not be fetched"},
    },
)
async def ingest(
    request: Request,
    _: WriteAccess,
    store: StoreDep,
    analyzer: AnalyzerDep,
    fetcher: FetcherDep,
    source: Annotated[
        str | None, Query(max_length=500, description="Source name for a raw body.")
    ] = None,
) -> IngestReport:
    body = await request.body()
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HTTPException(422, "the body is not UTF-8 text") from exc
    name = source or "api"
    if ctype == "application/json":
        try:
            payload = IngestRequest.model_validate(json.loads(text or "null"))
        except (ValueError, ValidationError) as exc:
            raise HTTPException(422, f"invalid JSON body: {exc}") from exc
        if (payload.text is None) == (payload.url is None):
            raise HTTPException(422, 'send exactly one of "text" or "url"')
        if payload.url is not None:
            try:
                text = await run_in_threadpool(fetcher, payload.url)
            except InputError as exc:
                raise HTTPException(422, str(exc)) from exc
            name = payload.source or payload.url
        else:
            text = payload.text or ""
            name = payload.source or name
    if not text.strip():
        raise HTTPException(422, "nothing to ingest: the body is empty")
    return await run_in_threadpool(services.ingest_text, store, analyzer, name, text)
