"""``/api/actors``: canonical actors with quote and article counts, and one actor in full."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from sitrep.api import services
from sitrep.api.deps import PagingDep, StoreDep
from sitrep.api.models import ActorDetail, ActorSummary, Listing

router = APIRouter(tags=["actors"])


@router.get("/actors", response_model=Listing[ActorSummary], summary="Actors, filtered by name")
def list_actors(
    store: StoreDep,
    paging: PagingDep,
    q: Annotated[str | None, Query(max_length=200, description="Part of a name or alias.")] = None,
) -> Listing[ActorSummary]:
    return services.actors(store, q, paging.limit, paging.offset)


@router.get(
    "/actors/{actor_id}",
    response_model=ActorDetail,
    summary="One actor: roles, aliases, quotations, events as source and target, co-mentions",
    responses={404: {"description": "No actor with this id or name"}},
)
def get_actor(actor_id: str, store: StoreDep) -> ActorDetail:
    return services.actor_detail(store, actor_id)
