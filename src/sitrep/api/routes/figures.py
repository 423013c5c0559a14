"""``/api/figures``: normalised figures (money, percentages, counts), filtered by unit."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from sitrep.api import services
from sitrep.api.deps import PagingDep, StoreDep
from sitrep.api.models import FigureItem, Listing

router = APIRouter(tags=["figures"])


@router.get("/figures", response_model=Listing[FigureItem], summary="Figures")
def list_figures(
    store: StoreDep,
    paging: PagingDep,
    unit: Annotated[
        str | None, Query(max_length=100, description="EUR, USD, percent, drones, ...")
    ] = None,
) -> Listing[FigureItem]:
    return services.figures(store, unit, paging.limit, paging.offset)
