"""The ``sitrep`` command line: ``sitrep.cli:main`` is the console script."""

# The import order below is the order of the commands in --help: corpus commands first.
# isort: off
from sitrep.cli import corpus as _corpus  # noqa: F401  # registers the corpus commands
from sitrep.cli import analyst as _analyst  # noqa: F401  # registers the analyst commands
from sitrep.cli.app import app, main

# isort: on

__all__ = ["app", "main"]
