"""The store: SQLite by default, PostgreSQL for shared servers, behind one ``Store`` class."""

from sitrep.store.queries import (
    ActorDetail,
    ActorSummary,
    ArticleRef,
    CoActor,
    Page,
    RecordItem,
)
from sitrep.store.search import MARK_END, MARK_START, SearchHit, render_marks
from sitrep.store.store import AddResult, NearDuplicate, Store

__all__ = [
    "ActorDetail",
    "ActorSummary",
    "AddResult",
    "ArticleRef",
    "MARK_END",
    "MARK_START",
    "CoActor",
    "NearDuplicate",
    "Page",
    "RecordItem",
    "SearchHit",
    "Store",
    "render_marks",
]
