"""The store: SQLite by default, PostgreSQL for shared servers, behind one ``Store`` class."""

from sitrep.store.queries import (
    ActorDetail,
    ActorSummary,
    ArticleRef,
    CoActor,
    Page,
    RecordItem,
)
from sitrep.store.search import SearchHit
from sitrep.store.store import AddResult, NearDuplicate, Store

__all__ = [
    "ActorDetail",
    "ActorSummary",
    "AddResult",
    "ArticleRef",
    "CoActor",
    "NearDuplicate",
    "Page",
    "RecordItem",
    "SearchHit",
    "Store",
]
