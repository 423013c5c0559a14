"""analyze: Article -> records, a pure function of the text (runs in-process, in a pool, on Dask).

Articles stream through ``nlp.pipe``: the caller's iterable is consumed lazily, so memory stays
flat however large the corpus. An article longer than the pipeline takes in one text
(``nlp.max_length``, spaCy's guard against running out of memory) is not analysed: it comes back
with no records and says why in ``errors``, and the articles around it are analysed as usual.
An article that does not read as English is analysed, with a warning in ``errors``
(:mod:`sitrep.nlp.language`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language

from sitrep.nlp.language import not_english
from sitrep.records import Article


@dataclass(slots=True)
class Analysis:
    """One article with the records extracted from it, in span order.

    ``errors`` says what went wrong with this article's analysis: a stage that failed (its
    records are left out; the other stages' records are complete), an article too long to
    analyse, or one that does not read as English.
    """

    article: Article
    records: list[Any]
    errors: list[str] = field(default_factory=list)


def analyze(
    articles: Iterable[Article], nlp: Language | None = None, batch_size: int = 16
) -> Iterator[Analysis]:
    """Yield each article with its records (actors, mentions, quotes, figures, dates), in order."""
    if nlp is None:
        from sitrep.nlp.pipeline import load_nlp

        nlp = load_nlp()
    limit = nlp.max_length

    def docs() -> Iterator[Any]:
        for article in articles:
            # An article over the limit passes through as an empty text, to keep the order.
            doc = nlp.make_doc(article.text if len(article.text) <= limit else "")
            doc._.article_id = article.id
            doc._.published = article.published
            yield doc, article

    for doc, article in nlp.pipe(docs(), as_tuples=True, batch_size=batch_size):
        if len(article.text) > limit:
            yield Analysis(article, [], [_too_long(len(article.text), limit)])
            continue
        records = sorted(doc._.records or [], key=lambda r: (r.span, r.type, r.id))
        errors = list(doc._.errors or [])
        language = not_english(doc)
        if language is not None:
            errors.append(language)
        yield Analysis(article, records, errors)


def _too_long(chars: int, limit: int) -> str:
    return (
        f"not analysed: {chars} characters, over the {limit} the language pipeline takes in one"
        " article (the text is stored and searchable)"
    )
