"""`jobmatch serve`: time from starting the process to its first answer, next to `jobmatch --help` in a
fresh process; and a warm match through the API (and the page) next to the same match in-process.

    python benchmarks/bench_serve.py [--runs 5] [--matches 15]

Start: fastest of --runs (the two commands interleaved; noise on a shared machine only adds time),
median beside it. Match: median of --matches requests once the extractor is built.
Targets (issue 12): serve answers in under 2 s; a pasted sample posting shows its match in under 1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JOBMATCH = str(Path(sys.executable).parent / "jobmatch")
PROFILE = str(ROOT / "sample_listings" / "profiles" / "ml-engineer.toml")
POSTING = (ROOT / "sample_listings" / "ml-engineer-northwind.md").read_text(encoding="utf-8")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(db: str) -> tuple[subprocess.Popen, str, float]:
    port = _port()
    base = f"http://127.0.0.1:{port}"
    t0 = time.perf_counter()
    command = [JOBMATCH, "serve", "--port", str(port), "--profile", PROFILE, "--db", db]
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    while True:
        try:
            urllib.request.urlopen(base + "/static/style.css", timeout=5).read()
            return process, base, time.perf_counter() - t0
        except OSError:
            time.sleep(0.01)


def _timed(request: urllib.request.Request) -> float:
    t0 = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        response.read()
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--matches", type=int, default=15)
    args = parser.parse_args()
    db = str(Path(os.environ.get("TMPDIR", "/tmp")) / f"jobmatch-bench-serve-{os.getpid()}.db")
    starts, helps = [], []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        subprocess.run([JOBMATCH, "--help"], capture_output=True, check=True)
        helps.append(time.perf_counter() - t0)
        process, base, took = _start(db)
        starts.append(took)
        process.terminate()
        process.wait()
    process, base, _ = _start(db)
    try:
        api = urllib.request.Request(
            base + "/api/match",
            data=json.dumps({"text": POSTING}).encode(),
            headers={"content-type": "application/json"},
        )
        first = _timed(api)  # waits for the extractor the server builds once it listens
        api_times = [_timed(api) for _ in range(args.matches)]
        form = urllib.parse.urlencode({"text": POSTING}).encode()
        page = urllib.request.Request(base + "/", data=form)
        page_times = [_timed(page) for _ in range(args.matches)]
    finally:
        process.terminate()
        process.wait()
        Path(db).unlink(missing_ok=True)

    from jobmatch.web._work import Work

    work = Work(profile=PROFILE)
    work.warm_up()
    entry = work.profile()
    local = []
    for _ in range(args.matches):
        t0 = time.perf_counter()
        work.match(work.read_posting(text=POSTING), entry)
        local.append(time.perf_counter() - t0)

    ref, ours = min(helps), min(starts)
    print(
        f"jobmatch --help (fresh process)   : {ref:.2f} s "
        f"(fastest of {args.runs}; median {statistics.median(helps):.2f})"
    )
    print(
        f"jobmatch serve, first answer      : {ours:.2f} s (median {statistics.median(starts):.2f}) = {ours / ref:.2f}x"
    )
    print(f"first /api/match after start      : {first:.2f} s (includes building the extractor)")
    base_match = statistics.median(local)
    for label, times in (("/api/match (warm)", api_times), ("match page POST / (warm)", page_times)):
        median = statistics.median(times)
        print(f"{label:<34}: {median * 1000:.0f} ms median = {median / base_match:.2f}x the in-process match")
    print(f"in-process match (reference)      : {base_match * 1000:.0f} ms median")


if __name__ == "__main__":
    main()
