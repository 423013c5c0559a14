"""Where benchmarks find the third-party data: ../shared beside the repository, or $SITREP_SHARED.

That data is read at run time and never copied into the repository.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def shared_dir() -> Path:
    """The shared data folder, or exit with a clear message when it is absent."""
    path = Path(os.environ.get("SITREP_SHARED", Path(__file__).resolve().parents[2] / "shared"))
    if not path.is_dir():
        sys.exit(f"bench: shared data not found at {path} (set SITREP_SHARED)")
    return path
