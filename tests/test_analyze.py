"""analyze: one article's records, in the order the articles came (sitrep.analyze)."""

from __future__ import annotations

import pytest

from sitrep.analyze import analyze
from sitrep.ingest.dedupe import article_id
from sitrep.nlp.pipeline import load_nlp
from sitrep.records import Article

SHORT = [
    "Estonia will buy six coastal missile launchers, the defense minister said on Monday.",
    "“We are ready,” said General Anna Kask. Finland sent 40 soldiers to the exercise.",
]


def test_an_article_too_long_for_the_pipeline_is_named_and_the_rest_analysed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    nlp = load_nlp()
    monkeypatch.setattr(nlp, "max_length", 100)
    long = "Officials said the talks would resume next week. " * 3
    articles = [
        Article(id=article_id(t), text=t, source=f"t{i}")
        for i, t in enumerate([SHORT[0], long, SHORT[1]])
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
