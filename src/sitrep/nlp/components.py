"""Every spaCy registration of sitrep lives here: Doc extensions and the stage components.

Each component is a thin wrapper: it calls one pure function from its stage module
(``actors``, ``quotes``, ``figures``, ``dates``) and appends the records it yields to
``doc._.records``. Components read the article id and publication date the caller put on the
Doc (``doc._.article_id``, ``doc._.published``) before the pipeline ran.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc

for _name, _default in (
    ("article_id", ""),
    ("published", None),
    ("actors", None),
    ("records", None),
    ("errors", None),
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def _records(doc: Doc) -> list[object]:
    if doc._.records is None:
        doc._.records = []
    return doc._.records  # type: ignore[no-any-return]  # set just above


def _run(doc: Doc, stage: str, produce: Callable[[], Iterable[object]]) -> None:
    """Run one stage's extractor and keep its records only if it completes.

    A stage that fails on one article must not lose the batch (nor the article's other
    records): the error is noted on ``doc._.errors`` for the caller to report, and the stage's
    partial output is discarded so no half-made record escapes.
    """
    try:
        made = list(produce())
    except Exception as exc:  # noqa: BLE001  # any bug in a stage is reported, not fatal
        if doc._.errors is None:
            doc._.errors = []
        doc._.errors.append(f"{stage} stage failed: {type(exc).__name__}: {exc}")
        return
    _records(doc).extend(made)


@Language.component(
    "sitrep_actors", requires=["doc.ents", "token.dep"], assigns=["doc._.actors", "doc._.records"]
)
def actors_component(doc: Doc) -> Doc:
    from sitrep.nlp.actors import find_actors

    def produce() -> Iterable[object]:
        doc._.actors = find_actors(doc, doc._.article_id)
        for actor in doc._.actors:
            yield from actor.to_records(doc._.article_id)

    _run(doc, "actors", produce)
    return doc


@Language.component(
    "sitrep_quotes", requires=["doc._.actors", "token.dep"], assigns=["doc._.records"]
)
def quotes_component(doc: Doc) -> Doc:
    from sitrep.nlp.quotes import extract_quotes

    _run(doc, "quotes", lambda: extract_quotes(doc, doc._.article_id, doc._.actors or []))
    return doc


@Language.component("sitrep_figures", requires=["doc.ents"], assigns=["doc._.records"])
def figures_component(doc: Doc) -> Doc:
    from sitrep.nlp.figures import extract_figures

    _run(doc, "figures", lambda: extract_figures(doc, doc._.article_id))
    return doc


@Language.component("sitrep_dates", requires=["doc.ents"], assigns=["doc._.records"])
def dates_component(doc: Doc) -> Doc:
    from sitrep.nlp.dates import extract_dates

    _run(doc, "dates", lambda: extract_dates(doc, doc._.article_id, doc._.published))
    return doc


@Language.component(
    "sitrep_events",
    requires=["doc._.actors", "doc._.records", "token.dep"],
    assigns=["doc._.records"],
)
def events_component(doc: Doc) -> Doc:
    from sitrep.nlp.events import extract_events
    from sitrep.records import DateRecord, Quote

    made = doc._.records or []
    quotes = [r for r in made if isinstance(r, Quote)]
    dates = [r for r in made if isinstance(r, DateRecord)]
    _run(
        doc,
        "events",
        lambda: extract_events(doc, doc._.article_id, doc._.actors or [], quotes, dates),
    )
    return doc
