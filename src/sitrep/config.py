"""One settings object for the whole of sitrep, read from ``SITREP_*`` environment variables.

Nothing else in the package reads the environment: commands build a ``Settings`` once and pass
it down (the datasette / full-stack-fastapi habit), so tests can build their own.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict, SettingsError

from sitrep.errors import SitrepError

DEFAULT_DATABASE_FILE = "sitrep.db"
ENV_PREFIX = "SITREP_"


class Settings(BaseSettings):
    """Runtime configuration. Every field maps to ``SITREP_<FIELD>`` in the environment."""

    # An empty variable (SITREP_DATABASE_URL=) is as if unset: the default holds.
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore", env_ignore_empty=True)

    database_url: str = Field(
        default=f"sqlite:///{DEFAULT_DATABASE_FILE}",
        description="SQLAlchemy URL of the store; default a SQLite file in the working directory.",
    )
    max_input_bytes: int = Field(
        default=50 * 1024 * 1024,
        description=(
            "Inputs larger than this many bytes are refused with a clear error; for a "
            "compressed file, what it unpacks to; in an archive, each file in it."
        ),
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


class SettingError(SitrepError):
    """A SITREP_* variable whose value cannot be used; ``str(err)`` names it and says why."""


def load_settings() -> Settings:
    """The settings of this process, from its environment. A bad value raises
    :class:`SettingError` naming the variable, its value and the reason, on one line."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = [
            f"{_variable(str(e['loc'][0]))}={e['input']!r}: {e['msg']}" for e in exc.errors()
        ]
        raise SettingError("; ".join(problems)) from None
    except SettingsError as exc:
        # A list-valued setting (SITREP_CORS_ORIGINS) whose value is not JSON.
        found = re.search(r'field "(\w+)"', str(exc))
        name = _variable(found.group(1)) if found else f"{ENV_PREFIX}*"
        value = os.environ.get(name, "")
        raise SettingError(
            f'{name}={value!r}: not a JSON list (write it as ["https://a.example"])'
        ) from None


def _variable(field: str) -> str:
    return f"{ENV_PREFIX}{field.upper()}"
