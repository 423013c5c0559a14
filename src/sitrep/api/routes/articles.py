"""``/api/articles``: the stored articles, newest first, and one article with all its records."""

from __future__ import annotations

from fastapi import APIRouter

from sitrep.api import services
from sitrep.api.deps import PagingDep, StoreDep
from sitrep.api.models import ArticleDetail, ArticleSummary, Listing

router = APIRouter(tags=["articles"])


@router.get(
    "/articles",
    response_model=Listing[ArticleSummary],
    summary="Stored articles, newest published first",
)
def list_articles(store: StoreDep, paging: PagingDep) -> Listing[ArticleSummary]:
    return services.list_articles(store, paging.limit, paging.offset)


@router.get(
    "/articles/{article_id}",
    response_model=ArticleDetail,
    summary="One article: its text and every record with its span",
    responses={404: {"description": "No article with this id"}},
)
def get_article(article_id: str, store: StoreDep) -> ArticleDetail:
    return services.article_detail(store, article_id)
