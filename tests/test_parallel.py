"""A process pool gives the same records, in the same order, as one process."""

from __future__ import annotations

from sitrep.analyze import analyze
from sitrep.ingest.dedupe import article_id
from sitrep.parallel import analyze_parallel
from sitrep.records import Article

TEXTS = [
    "Estonia will buy six coastal missile launchers, the defense minister said on Monday.",
    "“We are ready,” said General Anna Kask. Finland sent 40 soldiers to the exercise.",
    "The alliance agreed to spend 2 percent of GDP on defense by 2030, officials said.",
]


def test_pool_matches_single_process() -> None:
    articles = [Article(id=article_id(t), text=t, source=f"t{i}") for i, t in enumerate(TEXTS)]
    single = [(a.article.id, [r.to_dict() for r in a.records]) for a in analyze(articles)]
    pooled = [
        (a.article.id, [r.to_dict() for r in a.records])
        for a in analyze_parallel(articles, workers=2, chunk_size=1)
    ]
    assert pooled == single
    assert any(records for _, records in single)


def test_dask_cluster_matches_single_process() -> None:
    import pytest

    distributed = pytest.importorskip("dask.distributed")
    from sitrep.parallel import analyze_on_dask

    articles = [Article(id=article_id(t), text=t, source=f"t{i}") for i, t in enumerate(TEXTS)]
    single = [[r.to_dict() for r in a.records] for a in analyze(articles)]
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = [[r.to_dict() for r in a.records] for a in analyze_on_dask(articles, client, 2)]
    assert on_dask == single
