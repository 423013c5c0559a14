"""sitrep: structured, sourced intelligence from defense and security news."""

__version__ = "0.1.0"
