"""Speed of `jobmatch batch` on 1 and 2 Dask workers next to one process, and each worker's start-up.

    python benchmarks/bench_dask.py [--postings 1000] [--repeat 3] [--blocksize 40000]

The postings are made from sample_listings/ (tests/test_dask_postings.py: about 900 characters,
a title, a place, pay, some sections), written as JSON lines. The reference, in the same run, is
one process doing the same work on the same postings: ``SkillExtractor.pipe`` over them, each made
into the full record (``posting_record``: every field, the role) as a batch row is. Then, for 1
and 2 workers: the LocalCluster `jobmatch batch --workers N` starts (one thread a process); each worker builds
its extractor (the start-up, timed on the worker, from the pattern cache); then `run_batch` over
the file into a fresh folder, timed without the start-up. As a check on the machine itself, a plain
multiprocessing pool of 1 and 2 processes does the same per-row work on as many partitions, without
Dask: where 2 processes get no more than one core, no scheduler can scale. Each configuration runs ``--repeat``
times, interleaved, and every run is printed with the cores the workers actually got (their CPU
seconds over the run's wall-clock seconds): on a shared machine that, not the code, may cap 2 workers.

Target (issue 14): on 2 cores, 2 workers >= 1.6x one worker.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def _rows(part: list[dict]) -> tuple[int, float]:
    """The batch's per-row work on one partition: (rows, CPU seconds it took)."""
    from jobmatch.dask import extract_rows

    start = time.process_time()
    count = len(extract_rows(part))
    return count, time.process_time() - start


def _pool(processes: int, postings: list[dict], parts: int) -> tuple[float, float]:
    """(postings a second, cores used) for a plain multiprocessing pool doing the batch's per-row
    work on as many partitions: what this machine gives that many processes right now, no Dask."""
    import multiprocessing

    from jobmatch.dask import warm_up

    size = max(1, len(postings) // parts)
    chunks = [postings[i : i + size] for i in range(0, len(postings), size)]
    with multiprocessing.get_context("spawn").Pool(processes, initializer=warm_up) as pool:
        pool.map(_rows, [postings[:1]] * processes, chunksize=1)
        start = time.perf_counter()
        done = pool.map(_rows, chunks, chunksize=1)
        wall = time.perf_counter() - start
    assert sum(count for count, _ in done) == len(postings)
    return len(postings) / wall, sum(cpu for _, cpu in done) / wall


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
    from jobmatch.dask import local_client, run_batch, warm_up

    start = time.perf_counter()
    client = local_client(workers)  # the cluster `jobmatch batch --workers N` starts
    cluster = client.cluster
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
        parts = size // args.blocksize + 1
        runs: dict[str, list[float]] = {"pipe": [], "pool 1": [], "pool 2": [], "1 worker": [], "2 workers": []}
        for number in range(args.repeat):
            runs["pipe"].append(_single(postings))
            print(f"run {number + 1}: one process (pipe + records)  {runs['pipe'][-1]:7.1f} postings/s")
            for processes in (1, 2):
                rate, cores = _pool(processes, postings, parts)
                runs[f"pool {processes}"].append(rate)
                print(
                    f"run {number + 1}: plain pool of {processes}"
                    f"          {rate:7.1f} postings/s   cores used {cores:.2f}"
                )
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
    pool1, pool2 = (statistics.median(runs[k]) for k in ("pool 1", "pool 2"))
    print(f"the machine, same run: a plain pool of 2 / pool of 1: {pool2 / pool1:.2f}x (median); per run: "
          + ", ".join(f"{b / a:.2f}x" for a, b in zip(runs["pool 1"], runs["pool 2"], strict=True)))  # fmt: skip


if __name__ == "__main__":
    main()
