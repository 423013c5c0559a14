"""``/api/health``, ``/api/stats`` and ``/api/dashboard``: the server and the store at a glance."""

from __future__ import annotations

from fastapi import APIRouter

from sitrep import __version__
from sitrep.api import services
from sitrep.api.deps import SettingsDep, StoreDep
from sitrep.api.models import Health, Stats

router = APIRouter(tags=["meta"])


@router.get("/health", response_model=Health, summary="Liveness, version and write mode")
def health(settings: SettingsDep) -> Health:
    return Health(version=__version__, read_only=not settings.write_token)


@router.get("/stats", response_model=Stats, summary="How many records of each type are stored")
def stats(store: StoreDep) -> Stats:
    return services.stats(store)


@router.get(
    "/dashboard",
    response_model=services.Dashboard,
    summary="The dashboard page's data: counts, latest articles, top speakers, events by month",
)
def dashboard(store: StoreDep) -> services.Dashboard:
    return services.dashboard(store)
