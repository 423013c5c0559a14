"""A process pool gives the same records, in the same order, as one process."""

from __future__ import annotations

import pytest

from sitrep.analyze import analyze
from sitrep.ingest.dedupe import article_id
from sitrep.nlp.pipeline import load_nlp
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


def test_an_article_too_long_for_the_pipeline_is_named_and_the_rest_analysed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    nlp = load_nlp()
    monkeypatch.setattr(nlp, "max_length", 100)
    long = "Officials said the talks would resume next week. " * 3
    articles = [
        Article(id=article_id(t), text=t, source=f"t{i}")
        for i, t in enumerate([TEXTS[0], long, TEXTS[1]])
    ]
    analyses = list(analyze(articles, nlp))
    assert [a.article.id for a in analyses] == [a.id for a in articles]
    assert analyses[1].records == []
    assert analyses[1].errors == [
        f"not analysed: {len(long)} characters, over the 100 the language pipeline takes in one"
        " article (the text is stored and searchable)"
    ]
    assert analyses[0].records and analyses[2].records
    assert not analyses[0].errors and not analyses[2].errors
