"""Wall time of one `jobmatch match` next to importing spaCy and making a blank pipeline.

    python benchmarks/bench_startup.py [--runs 9]

Each command runs in a fresh process, the four interleaved: the spaCy baseline; the same with
spaCy's own command line put off, as the `jobmatch` command does (jobmatch/_spacy_cli.py: 0.4 s of
`import spacy` is spacy.cli, which jobmatch never runs), so that what jobmatch adds shows like for
like; `jobmatch match`
on a first run, its cache folder empty (each run a new one: it compiles the taxonomy's patterns
and fills the cache); and `jobmatch match` with that cache filled. The figure is the fastest of the
runs (noise on a shared machine only ever adds time), the median beside it; the CPU time each
used (user + system, fastest run) is printed too, as it suffers less from a busy machine.
Targets (issue 10 item 4): first run <= 1.5x the spaCy baseline, warm <= 1.1x.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JOBMATCH = str(Path(sys.executable).parent / "jobmatch")


def _time(command: list[str], env: dict[str, str], stdin: str = "") -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(command, input=stdin, text=True, capture_output=True, check=True, env=env)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jobmatch-bench-") as caches:  # every cache made, removed at the end
        _measure(args.runs, Path(caches))


def _measure(runs: int, caches: Path) -> None:
    warm_env = dict(os.environ, JOBMATCH_CACHE_DIR=str(caches / "warm"))
    posting = (ROOT / "sample_listings" / "ml-engineer-northwind.md").read_text(encoding="utf-8")
    profile = str(ROOT / "sample_listings" / "profiles" / "ml-engineer.toml")
    match = [JOBMATCH, "match", "-", "--profile", profile, "--format", "json"]
    baseline = [sys.executable, "-c", "import spacy; spacy.blank('en')"]
    # the same, spaCy's own command line put off as the jobmatch command does (jobmatch/_spacy_cli.py):
    # what jobmatch adds to spaCy, like for like
    lean_script = "from jobmatch import _spacy_cli; _spacy_cli.defer(); import spacy; spacy.blank('en')"
    lean = [sys.executable, "-c", lean_script]

    # as an installed package would be: byte-compiled (pip compiles on install; an editable checkout
    # run with PYTHONDONTWRITEBYTECODE=1 would otherwise recompile jobmatch on every start)
    import compileall

    import jobmatch

    compileall.compile_dir(str(Path(jobmatch.__file__).parent), quiet=1)
    _time(match, warm_env, posting)  # fills the warm cache
    spacy_times, lean_times, cold_times, warm_times, help_times = [], [], [], [], []
    for run in range(runs):
        cold_env = dict(os.environ, JOBMATCH_CACHE_DIR=str(caches / f"cold-{run}"))
        spacy_times.append(_time(baseline, warm_env))
        lean_times.append(_time(lean, warm_env))
        cold_times.append(_time(match, cold_env, posting))
        warm_times.append(_time(match, warm_env, posting))
        help_times.append(_time([JOBMATCH, "--help"], warm_env))
    base, base_cpu = min(w for w, _ in spacy_times), min(c for _, c in spacy_times)
    print(
        f"python -c 'import spacy; spacy.blank(\"en\")'  : {base:.2f} s"
        f" (fastest of {runs}; median {statistics.median(w for w, _ in spacy_times):.2f}; cpu {base_cpu:.2f} s)"
        "  (reference)"
    )
    lean_base, lean_cpu = min(w for w, _ in lean_times), min(c for _, c in lean_times)
    print(
        f"  the same, spacy.cli put off as jobmatch does: {lean_base:.2f} s"
        f" (median {statistics.median(w for w, _ in lean_times):.2f}; cpu {lean_cpu:.2f} s)  (like for like)"
    )
    for label, times, target in (
        ("jobmatch match (first run, empty cache)", cold_times, 1.5),
        ("jobmatch match (warm cache)            ", warm_times, 1.1),
    ):
        ours, cpu = min(w for w, _ in times), min(c for _, c in times)
        print(
            f"{label}    : {ours:.2f} s (fastest; median {statistics.median(w for w, _ in times):.2f})"
            f"  {ours / base:.2f}x; target <= {target}x  (cpu {cpu:.2f} s, {cpu / base_cpu:.2f}x)"
            f"  | like for like {ours / lean_base:.2f}x (cpu {cpu / lean_cpu:.2f}x)"
        )
    print(f"jobmatch --help                            : {statistics.median(w for w, _ in help_times):.2f} s")


if __name__ == "__main__":
    main()
