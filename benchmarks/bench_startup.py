"""Cold wall time of one `jobmatch match` next to importing spaCy and making a blank pipeline.

    python benchmarks/bench_startup.py [--runs 9]

Each command runs in a fresh process, the two interleaved; the figure is the fastest of the runs
(noise on a shared machine only ever adds time), the median beside it. The compiled-pattern cache is
warmed first (the first run after an install or a taxonomy change compiles and caches; its time is
printed too). Target (issue 4): `jobmatch match` on one posting <= 1.25x the spaCy baseline.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JOBMATCH = str(Path(sys.executable).parent / "jobmatch")


def _time(command: list[str], env: dict[str, str], stdin: str = "") -> float:
    t0 = time.perf_counter()
    subprocess.run(command, input=stdin, text=True, capture_output=True, check=True, env=env)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    env = dict(os.environ, JOBMATCH_CACHE_DIR=tempfile.mkdtemp(prefix="jobmatch-bench-"))
    posting = (ROOT / "sample_listings" / "ml-engineer-northwind.md").read_text(encoding="utf-8")
    profile = str(ROOT / "sample_listings" / "profiles" / "ml-engineer.toml")
    match = [JOBMATCH, "match", "-", "--profile", profile, "--format", "json"]
    baseline = [sys.executable, "-c", "import spacy; spacy.blank('en')"]

    # as an installed package would be: byte-compiled (pip compiles on install; an editable checkout
    # run with PYTHONDONTWRITEBYTECODE=1 would otherwise recompile jobmatch on every start)
    import compileall

    import jobmatch

    compileall.compile_dir(str(Path(jobmatch.__file__).parent), quiet=1)
    first = _time(match, env, posting)  # compiles the patterns and fills the cache
    spacy_times, match_times, help_times = [], [], []
    for _ in range(args.runs):
        spacy_times.append(_time(baseline, env))
        match_times.append(_time(match, env, posting))
        help_times.append(_time([JOBMATCH, "--help"], env))
    base, ours = min(spacy_times), min(match_times)
    med_base, med_ours = statistics.median(spacy_times), statistics.median(match_times)
    print(
        f"python -c 'import spacy; spacy.blank(\"en\")'  : {base:.2f} s (fastest of {args.runs}; median {med_base:.2f})"
    )
    print(
        f"jobmatch match (one posting, warm cache)   : {ours:.2f} s (fastest; median {med_ours:.2f})"
        f"  {ours / base:.2f}x; target <= 1.25x"
    )
    print(f"jobmatch match (first run, cold cache)     : {first:.2f} s")
    print(f"jobmatch --help                            : {statistics.median(help_times):.2f} s")


if __name__ == "__main__":
    main()
