"""Speed of ranking many saved postings: the first rank (extraction included) and a re-rank from
the store's extraction cache, with peak memory.

    python benchmarks/bench_rank.py [--postings 10000] [--jobs 2]

Postings are made from the bundled samples, their lines shuffled into distinct texts (so each is
its own content), saved to a fresh database, then ranked twice with `jobmatch rank --saved`.
Targets (issue 6): re-rank of 10,000 postings from the cache <= 1 s.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JOBMATCH = str(Path(sys.executable).parent / "jobmatch")


def _postings(n: int) -> list[tuple[str, str]]:
    from jobmatch import Posting, load_postings

    samples = [p for p in load_postings([str(ROOT / "sample_listings")]) if isinstance(p, Posting)]
    rng = random.Random(7)
    out = []
    for i in range(n):
        base = samples[i % len(samples)]
        lines = base.text.splitlines()
        head, body = lines[:3], lines[3:]
        rng.shuffle(body)
        out.append((f"generated-{i:05d}-{Path(base.source).name}", "\n".join([*head, *body, f"Ref {i}"])))
    return out


def _run(args: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postings", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    from jobmatch import Posting
    from jobmatch.store import Store

    db = Path(tempfile.mkdtemp(prefix="jobmatch-bench-")) / "bench.db"
    t0 = time.perf_counter()
    with Store(db) as store:
        for source, text in _postings(args.postings):
            store.save(Posting(text=text, source=source, title=text.splitlines()[0]))
    saving = time.perf_counter() - t0
    profile = str(ROOT / "sample_listings" / "profiles" / "ml-engineer.toml")
    command = [JOBMATCH, "rank", "--saved", "--db", str(db), "--profile", profile, "--quiet"]
    first = _run([*command, "--format", "json", "--jobs", str(args.jobs)])
    again = min(_run([*command, "--top", "20"]) for _ in range(3))
    again_json = min(_run([*command, "--format", "json"]) for _ in range(2))
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    n = args.postings
    print(f"saved {n} postings in {saving:.1f} s ({n / saving:.0f}/s, one transaction each)")
    print(f"first rank, --jobs {args.jobs} : {first:.1f} s  ({n / first:.0f} docs/s, extraction included)")
    print(f"re-rank from the cache : {again:.2f} s  (whole command, top 20 shown, best of 3; target <= 1 s)")
    print(f"  ... explaining all   : {again_json:.2f} s  (--format json: every posting's matched and missing)")
    print(f"peak memory of a rank  : {peak:.0f} MB")


if __name__ == "__main__":
    main()
