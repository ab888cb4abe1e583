"""Speed of re-ranking many saved postings from the store's cache, whole CLI process, and how it grows
with the number of postings.

    python benchmarks/bench_rank.py [--sizes 10000 100000] [--first 2000] [--jobs 2]

For each size, postings are made from the bundled samples (each a sample with a reference line
added, so each is its own content with the sample's skills), saved to a fresh database, and their
extractions cached as a first `jobmatch rank --saved` would cache them (the samples are extracted
once, for real; each posting's cached row is its sample's). Then `jobmatch rank --saved --top 20`
runs: the first time it builds the batch's compact record, later runs load it (best of 3). The
reference is the same machine's `python -c "import numpy, scipy.sparse"`, measured in the same run.
`--first N` also times a real first rank of N new postings (extraction included).

Targets (issue 9): 100,000 re-ranked in <= 1 s; time grows no faster than the number of postings.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JOBMATCH = str(Path(sys.executable).parent / "jobmatch")
PROFILE = str(ROOT / "sample_listings" / "profiles" / "ml-engineer.toml")


def _run(args: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def _store(n: int, folder: Path) -> Path:
    """A database of ``n`` saved postings with their extractions cached."""
    from jobmatch import Posting, SkillExtractor, load_postings
    from jobmatch.rank import _item_row, cache_version, read_item
    from jobmatch.store import Store, content_hash

    samples = [p for p in load_postings([str(ROOT / "sample_listings")]) if isinstance(p, Posting)]
    extractor = SkillExtractor()
    version = cache_version(extractor.taxonomy)
    rows = []
    for sample in samples:
        extraction = extractor.extract(sample)
        rows.append((extraction.to_cache(), _item_row(read_item(sample, extraction))))
    db = folder / f"bench-{n}.db"
    with Store(db) as store:
        db_conn = store._db  # one transaction for all: saving is not what is measured here
        entries, asks = {}, {}
        with db_conn:
            for i in range(n):
                sample = samples[i % len(samples)]
                text = f"{sample.text}\nReference {i}"
                db_conn.execute(
                    "INSERT INTO postings (content_hash, source, title, text, saved_at) VALUES (?, ?, ?, ?, ?)",
                    (content_hash(text), f"saved/{i:06d}-{Path(sample.source).name}", sample.title, text, "2026"),
                )
                entries[content_hash(text)], asks[content_hash(text)] = rows[i % len(samples)]
        store.cache_extractions(version, entries, asks)
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--first", type=int, default=0, help="also time a first rank of N new postings")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="jobmatch-bench-"))
    reference = min(_run([sys.executable, "-c", "import numpy, scipy.sparse"]) for _ in range(3))
    print(f"reference: python importing numpy and scipy.sparse: {reference:.2f} s")
    times = {}
    for n in args.sizes:
        db = _store(n, folder)
        command = [JOBMATCH, "rank", "--saved", "--db", str(db), "--profile", PROFILE, "--quiet", "--top", "20"]
        building = _run(command)
        times[n] = min(_run(command) for _ in range(3))
        print(
            f"{n:>7,} saved postings: re-rank {times[n]:.2f} s ({times[n] / reference:.1f}x the reference; "
            f"target <= 1 s); the first re-rank, building the compact record: {building:.2f} s"
        )
    if len(times) >= 2:
        (small, a), (large, b) = min(times.items()), max(times.items())
        print(f"growth from {small:,} to {large:,}: {b / a:.2f}x the time for {large / small:.0f}x the postings")
    if args.first:
        from jobmatch import Posting, load_postings
        from jobmatch.store import Store

        samples = [p for p in load_postings([str(ROOT / "sample_listings")]) if isinstance(p, Posting)]
        db = folder / "first.db"
        with Store(db) as store:
            for i in range(args.first):
                sample = samples[i % len(samples)]
                store.save(Posting(text=f"{sample.text}\nReference {i}", source=f"new/{i}", title=sample.title))
        first = _run([JOBMATCH, "rank", "--saved", "--db", str(db), "--profile", PROFILE, "--quiet", "--top", "20",
                      "--jobs", str(args.jobs)])  # fmt: skip
        print(f"first rank of {args.first:,} new postings, --jobs {args.jobs}: {first:.1f} s (extraction included)")


if __name__ == "__main__":
    main()
