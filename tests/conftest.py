"""Shared fixtures: one compiled extractor for the whole session (building it takes a second)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

# Compiled patterns are cached per user; tests keep theirs to themselves.
os.environ.setdefault("JOBMATCH_CACHE_DIR", tempfile.mkdtemp(prefix="jobmatch-test-cache-"))
# The developer's own skill files (user skills folder, JOBMATCH_TAXONOMY) would change every result.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="jobmatch-test-data-")
os.environ.pop("JOBMATCH_TAXONOMY", None)
# Tables are drawn 80 columns wide, as on a CI machine with no terminal, whatever the developer's window is.
os.environ["COLUMNS"] = "80"

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_listings"
CASES = Path(__file__).resolve().parent / "cases"


# what forks a helper process at a command's start (``_ahead``, ``_headstart``) is tested where it can
needs_fork_and_two_cores = pytest.mark.skipif(
    os.name == "nt" or len(getattr(os, "sched_getaffinity", lambda _: range(os.cpu_count() or 1))(0)) < 2,
    reason="needs fork and two cores",
)


def run_fresh(code: str, *args: str, timeout: float = 300) -> str:
    """What ``code`` prints, run in a fresh interpreter (whether a process is forked depends on the
    process's imports and threads, which a test session's own state would decide instead)."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args], capture_output=True, text=True, cwd=ROOT, timeout=timeout
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def load_cases(name: str) -> list[dict]:
    """Rows of tests/cases/NAME.jsonl, as dicts."""
    with open(CASES / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="session")
def extractor():
    from jobmatch import SkillExtractor

    return SkillExtractor()


@pytest.fixture(scope="session")
def taxonomy():
    from jobmatch import load_taxonomy

    return load_taxonomy()


@pytest.fixture(scope="session")
def httpserver_listen_address():
    """pytest-httpserver binds to 127.0.0.1: network tests talk to nothing else."""
    return ("127.0.0.1", 0)
