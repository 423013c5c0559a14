"""``/api/events``: PLOVER events filtered by type, participant and date."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from sitrep.api import services
from sitrep.api.deps import PagingDep, StoreDep
from sitrep.api.models import EventItem, Listing

router = APIRouter(tags=["events"])


@router.get("/events", response_model=Listing[EventItem], summary="Events")
def list_events(
    store: StoreDep,
    paging: PagingDep,
    type: Annotated[
        str | None, Query(max_length=40, description="PLOVER type, e.g. ASSAULT.")
    ] = None,
    actor: Annotated[
        str | None, Query(max_length=200, description="Source or target: actor id or name.")
    ] = None,
    since: Annotated[str | None, Query(max_length=40, description="ISO date, inclusive.")] = None,
) -> Listing[EventItem]:
    return services.events(store, type, actor, since, paging.limit, paging.offset)
