"""``/api/search``: full-text search (BM25) over titles and texts, with snippets."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from sitrep.api import services
from sitrep.api.deps import PagingDep, StoreDep
from sitrep.api.models import Listing, SearchHitOut

router = APIRouter(tags=["search"])


@router.get("/search", response_model=Listing[SearchHitOut], summary="Full-text search")
def search(
    store: StoreDep,
    paging: PagingDep,
    q: Annotated[str, Query(max_length=500, description='Words; "quoted phrases" match exactly.')],
) -> Listing[SearchHitOut]:
    return services.search(store, q, paging.limit, paging.offset)
