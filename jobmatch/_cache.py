"""The user's cache folder: compiled patterns and the validated taxonomy, so commands start fast.

``JOBMATCH_CACHE_DIR`` chooses the folder (``off`` turns caching off), else
``$XDG_CACHE_HOME/jobmatch`` or ``~/.cache/jobmatch``. Entries are pickles named by a hash of what
they were built from; a missing, stale or damaged entry is rebuilt, never trusted.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Any


def cache_dir() -> Path | None:
    """Where cache entries live, or None when caching is off."""
    where = os.environ.get("JOBMATCH_CACHE_DIR", "")
    if where.lower() in ("off", "0", "none"):
        return None
    return Path(where) if where else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "jobmatch"


def read(path: Path) -> Any:
    """The entry at ``path``, or None when it is absent or unreadable."""
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except Exception:  # absent, stale (another version's classes) or damaged
        return None


def write(path: Path, value: object) -> None:
    """Store ``value`` at ``path`` whole or not at all (a temporary file renamed into place)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(f.name, path)
    except OSError:
        pass  # a read-only home: build each time instead
