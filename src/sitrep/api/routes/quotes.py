"""``/api/quotes``: quotations filtered by speaker, topic, words and date."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from sitrep.api import services
from sitrep.api.deps import PagingDep, StoreDep
from sitrep.api.models import Listing, QuoteItem

router = APIRouter(tags=["quotes"])


@router.get("/quotes", response_model=Listing[QuoteItem], summary="Quotations")
def list_quotes(
    store: StoreDep,
    paging: PagingDep,
    speaker: Annotated[
        str | None, Query(max_length=200, description="Canonical name, alias or actor id.")
    ] = None,
    about: Annotated[
        str | None, Query(max_length=200, description="An actor the quote or its article names.")
    ] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in the quote.")] = None,
    since: Annotated[
        str | None, Query(max_length=40, description="ISO date: articles published on or after.")
    ] = None,
) -> Listing[QuoteItem]:
    return services.quotes(store, speaker, about, q, since, paging.limit, paging.offset)
