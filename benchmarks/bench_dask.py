"""Speed of `jobmatch batch` on 1 and 2 Dask workers next to one process, and each worker's start-up.

    python benchmarks/bench_dask.py [--postings 1000] [--repeat 3] [--blocksize 40000]

The postings are made from sample_listings/ (tests/test_dask_postings.py: about 900 characters,
a title, a place, pay, some sections), written as JSON lines. The reference, in the same run, is
one process doing the same work on the same postings: ``SkillExtractor.pipe`` over them, each made
into the full record (``posting_record``: every field, the role) as a batch row is. Then, for 1
and 2 workers: a LocalCluster of that many processes (one thread each) starts; each worker builds
its extractor (the start-up, timed on the worker, from the pattern cache); then `run_batch` over
the file into a fresh folder, timed without the start-up. Each configuration runs ``--repeat``
times, interleaved, and every run is printed with the cores the workers actually got (their CPU
seconds over the run's wall-clock seconds): on a shared machine that, not the code, may cap 2 workers.

Target (issue 14): on 2 cores, 2 workers >= 1.6x one worker.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def _single(postings: list[dict]) -> float:
    """Postings a second for one process: pipe + the full record of each."""
    from jobmatch import SkillExtractor
    from jobmatch.records import posting_record
    from jobmatch.sources import posting_from_json

    extractor = SkillExtractor()
    items = [posting_from_json(json.dumps(p), p["id"])[0] for p in postings]
    start = time.perf_counter()
    for posting, extraction in zip(items, extractor.pipe(items), strict=True):
        posting_record(posting, extraction)
    return len(items) / (time.perf_counter() - start)


def _cluster(workers: int, source: Path, blocksize: int, folder: Path) -> tuple[float, list[float], float, float]:
    """(cluster start seconds, each worker's extractor build seconds, postings a second, cores the
    workers got: their CPU seconds over the wall-clock seconds of the run)."""
    from distributed import Client, LocalCluster

    from jobmatch.dask import run_batch, warm_up

    start = time.perf_counter()
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
    )
    client = Client(cluster)
    started = time.perf_counter() - start
    try:
        builds = sorted(client.run(warm_up).values())
        before = client.run(time.process_time)
        result = run_batch([str(source)], folder, client, blocksize=blocksize)
        after = client.run(time.process_time)
    finally:
        client.close()
        cluster.close()
    cores = sum(after[w] - before[w] for w in after) / result.seconds
    return started, builds, result.postings / result.seconds, cores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postings", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--blocksize", type=int, default=40_000, help="bytes of JSON lines a partition")
    args = parser.parse_args()

    from test_dask_postings import realistic_postings

    postings = realistic_postings(args.postings, seed=2026)
    with tempfile.TemporaryDirectory(prefix="bench-dask-") as tmp:
        source = Path(tmp) / "postings.jsonl"
        source.write_text("".join(json.dumps(p) + "\n" for p in postings), encoding="utf-8")
        size = source.stat().st_size
        print(f"{len(postings):,} postings, {size / len(postings):,.0f} bytes each, {size // args.blocksize + 1} parts")
        runs: dict[str, list[float]] = {"pipe": [], "1 worker": [], "2 workers": []}
        for number in range(args.repeat):
            runs["pipe"].append(_single(postings))
            print(f"run {number + 1}: one process (pipe + records)  {runs['pipe'][-1]:7.1f} postings/s")
            for workers in (1, 2):
                name = "1 worker" if workers == 1 else f"{workers} workers"
                folder = Path(tmp) / f"out-{number}-{workers}"
                started, builds, rate, cores = _cluster(workers, source, args.blocksize, folder)
                runs[name].append(rate)
                print(
                    f"run {number + 1}: {name:<9} {rate:7.1f} postings/s   cluster start {started:4.1f} s,"
                    f" extractor build per worker {', '.join(f'{b:.1f}' for b in builds)} s,"
                    f" cores used {cores:.2f}"
                )
    print()
    one, two, pipe = (statistics.median(runs[k]) for k in ("1 worker", "2 workers", "pipe"))
    print(f"median postings/s: one process {pipe:.1f}, 1 worker {one:.1f}, 2 workers {two:.1f}")
    print(f"2 workers / 1 worker: {two / one:.2f}x (median); per run: "
          + ", ".join(f"{b / a:.2f}x" for a, b in zip(runs["1 worker"], runs["2 workers"], strict=True)))  # fmt: skip
    print(f"1 worker / one process: {one / pipe:.2f}x; 2 workers / one process: {two / pipe:.2f}x")


if __name__ == "__main__":
    main()
