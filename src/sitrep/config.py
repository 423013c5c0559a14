"""One settings object for the whole of sitrep, read from ``SITREP_*`` environment variables.

Nothing else in the package reads the environment: commands build a ``Settings`` once and pass
it down (the datasette / full-stack-fastapi habit), so tests can build their own.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_FILE = "sitrep.db"


class Settings(BaseSettings):
    """Runtime configuration. Every field maps to ``SITREP_<FIELD>`` in the environment."""

    model_config = SettingsConfigDict(env_prefix="SITREP_", extra="ignore")

    database_url: str = Field(
        default=f"sqlite:///{DEFAULT_DATABASE_FILE}",
        description="SQLAlchemy URL of the store; default a SQLite file in the working directory.",
    )
    max_input_bytes: int = Field(
        default=50 * 1024 * 1024,
        description="Inputs larger than this many bytes are refused with a clear error.",
    )
    near_duplicate_threshold: float = Field(
        default=0.8,
        description="Jaccard similarity above which an article counts as a copy of another.",
    )
    write_token: str | None = Field(
        default=None,
        description="Token that unlocks write endpoints of the API; unset = read-only.",
    )
    max_request_bytes: int = Field(default=5 * 1024 * 1024)
    cors_origins: list[str] = Field(default_factory=list)

    def sqlite_path(self) -> Path | None:
        """The database file when the store is SQLite on disk, else None."""
        prefix = "sqlite:///"
        if self.database_url.startswith(prefix) and ":memory:" not in self.database_url:
            return Path(self.database_url[len(prefix) :])
        return None
