"""analyze: one article's records, in the order the articles came (sitrep.analyze)."""

from __future__ import annotations

import pytest

from sitrep.analyze import analyze
from sitrep.ingest.dedupe import article_id
from sitrep.nlp.language import english_share, not_english
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


GERMAN = (
    "Die Bundesregierung hat am Dienstag beschlossen, weitere Luftabwehrsysteme an die Ukraine "
    "zu liefern. Verteidigungsminister Pistorius sagte in Berlin, die Lieferung solle noch vor "
    "dem Winter erfolgen. Die Opposition kritisierte, dass der Bundestag nicht rechtzeitig "
    "informiert worden sei. Die Regierung wies die Kritik am Mittwoch zurück."
)
ENGLISH = (
    "The government decided on Tuesday to send more air defence systems to Ukraine. The "
    "defence minister said in Berlin that the delivery would arrive before the winter. The "
    "opposition said that parliament had not been told in time and asked for a debate."
)


def test_an_article_that_does_not_read_as_english_is_analysed_with_a_warning() -> None:
    articles = [Article(id=article_id(t), text=t, source="t") for t in (GERMAN, ENGLISH)]
    german, english = analyze(articles, load_nlp())
    [warning] = german.errors
    assert warning.startswith("does not read as English")
    assert "English-only" in warning
    assert not english.errors


def test_english_share_counts_function_words_among_words() -> None:
    nlp = load_nlp()
    assert english_share(nlp.make_doc(ENGLISH)) > 0.3
    assert english_share(nlp.make_doc(GERMAN)) < 0.1
    assert english_share(nlp.make_doc("")) == 1.0  # nothing to judge: no warning
    # Too few words to judge: a headline-length text in any language passes.
    assert not_english(nlp.make_doc("Bundeswehr kauft neue Fregatten")) is None
