"""Wall time of ``jobmatch extract`` and ``jobmatch rank`` with ``--jobs 2`` against ``--jobs 1``,
in one run, on the same 1,200 realistic postings.

    python benchmarks/bench_jobs.py [--postings 1200] [--repeat 3] [--jobs 2] [--html]

The postings are real scraped ones (../shared/eval/rank_dev/postings.jsonl, read at run time,
never copied) when that file is present, else (or with ``--samples``) the bundled samples as
scrapers give them (bullets, no-break spaces, blocks glued together: ``bench_extract._scraped``),
each made distinct by its own seed and reference line; written as text files to a temporary
folder; with ``--html``, as saved job pages (``_as_page``: a site's head, scripts, menu and footer
around the posting), which are read and parsed where they are extracted. The samples repeat 36
texts nearly word for word, which every per-process cache (the tokenizer's chunks, the glue
splitter's words) turns to the one process's advantage; distinct real postings cost each process
its own first sight of their words, as a user's folder does. Each command runs as a user runs it (a fresh
process, output to a file), ``--jobs 1`` and ``--jobs N`` taking turns so that load from other
work hits both alike; the best and the median of ``--repeat`` runs are shown, with their ratios,
and the CPU seconds each spent: by the command's own process and by its workers.

From those CPU seconds, a projection that other work on the machine does not blur: on idle cores
``--jobs N`` takes at most the main process's CPU time plus the workers' divided by N (as if the
main process overlapped with none of it), and ``--jobs 1`` its whole CPU time.

Reference, in the same run: the same ratio for work that is parallel through and through (a
pure-Python loop in 1 process, then split over N). On a machine other work keeps busy it is well
above 1/N, and no command can do better than it.
Target (issue 10): on 2 cores, ``--jobs 2`` at most 0.65x the time of ``--jobs 1``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_extract import REAL, ROOT, _realistic_texts, _samples, _scraped


def _write_postings(folder: Path, n: int, *, samples_only: bool = False, html: bool = False) -> str:
    """``n`` postings as text files (or saved pages) in ``folder``; what they are."""
    real = [] if samples_only or not REAL.is_file() else list(dict.fromkeys(_realistic_texts()))[:n]
    if len(real) == n:
        texts, what = real, f"{n} distinct real scraped postings ({REAL.name})"
    else:
        samples = _samples()
        texts = [_scraped(samples[i % len(samples)], i) + f"\n\nReference: JM-{i:05d}\n" for i in range(n)]
        what = f"{n} postings from the {len(samples)} bundled samples, made scraped-like and distinct"
    for i, text in enumerate(texts):
        if html:
            (folder / f"posting-{i:05d}.html").write_text(_as_page(text, i), encoding="utf-8")
        else:
            (folder / f"posting-{i:05d}.txt").write_text(text, encoding="utf-8")
    return what + (", as saved job pages" if html else "")


def _as_page(text: str, seed: int) -> str:
    """A posting as a job board's saved page gives it: about 60 KB, most of it the site's own (head,
    inline scripts and styles, a menu of links, a footer), the posting a title and paragraphs."""
    import html

    lines = [line.strip() for line in text.splitlines() if line.strip()] or [""]
    links = "".join(f'<li><a href="/jobs/c{k}?s={seed}">Category {k}</a></li>' for k in range(80))
    script = "var jobBoard = {" + ",".join(f'"k{k}": {k * seed % 997}' for k in range(2500)) + "};"
    style = "".join(f".c{k} {{ margin: {k % 9}px; color: #{k * 4099 % 0xFFFFFF:06x}; }}\n" for k in range(600))
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines[1:])
    return (
        f"<!DOCTYPE html><html><head><title>{html.escape(lines[0])} | Jobs</title><style>{style}</style>"
        f"<script>{script}</script></head><body><header><nav><ul>{links}</ul></nav></header>"
        f'<main><article class="job"><h1>{html.escape(lines[0])}</h1>{body}</article></main>'
        f"<footer><ul>{links}</ul><p>&copy; Example Jobs {seed}</p></footer></body></html>"
    )


# `jobmatch ARGS`, then its own and its workers' CPU seconds written to a file
_RUNNER = """
import resource, sys
from jobmatch.cli import main
usage, sys.argv = sys.argv[1], ["jobmatch", *sys.argv[2:]]
try:
    main()
finally:
    own, workers = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    with open(usage, "w") as f:
        f.write(f"{own.ru_utime + own.ru_stime} {workers.ru_utime + workers.ru_stime}")
"""


def _run(command: list[str], out: Path) -> tuple[float, float, float]:
    """Wall seconds of one run of ``jobmatch *command``, and CPU seconds of its process and its workers."""
    usage = out.with_suffix(".cpu")
    start = time.perf_counter()
    with out.open("wb") as sink:
        subprocess.run(
            [sys.executable, "-c", _RUNNER, str(usage), *command], stdout=sink, stderr=subprocess.DEVNULL, check=True
        )
    wall = time.perf_counter() - start
    own, workers = map(float, usage.read_text().split())
    return wall, own, workers


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def _reference(jobs: int) -> tuple[float, float]:
    """Wall seconds of 8 equal pieces of pure-Python work in 1 process, then in ``jobs``."""
    pieces = [2_000_000] * 8
    start = time.perf_counter()
    for n in pieces:
        _burn(n)
    one = time.perf_counter() - start
    start = time.perf_counter()
    with multiprocessing.get_context("fork" if os.name != "nt" else "spawn").Pool(jobs) as pool:
        pool.map(_burn, pieces, chunksize=1)
    return one, time.perf_counter() - start


def _line(label: str, values: list[float], unit: str = "s") -> str:
    return f"  {label:<18}: best {min(values):6.2f} {unit}   median {statistics.median(values):6.2f} {unit}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postings", type=int, default=1200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--samples", action="store_true", help="the bundled samples, even where real postings are at hand"
    )
    parser.add_argument("--html", action="store_true", help="the postings as saved job pages (.html)")
    args = parser.parse_args()

    if shutil.which("jobmatch") is None:
        sys.exit("jobmatch is not on PATH: activate the project's venv")
    profile = ROOT / "sample_listings" / "profiles" / "ml-engineer.toml"
    with tempfile.TemporaryDirectory(prefix="bench-jobs-") as tmp:
        folder = Path(tmp) / "postings"
        folder.mkdir()
        what = _write_postings(folder, args.postings, samples_only=args.samples, html=args.html)
        print(f"{os.cpu_count()} cores; {what}; best and median of {args.repeat} runs each")
        commands = {
            "extract": ["extract", str(folder), "--format", "jsonl", "-q"],
            "rank": ["rank", str(folder), "--profile", str(profile), "--format", "csv", "-q"],
        }
        first = next(folder.iterdir())
        _run(["extract", str(first), "-q"], Path(tmp) / "warm.out")  # the pattern cache
        reference: dict[int, list[float]] = {1: [], args.jobs: []}
        for name, command in commands.items():
            times: dict[int, list[float]] = {1: [], args.jobs: []}
            cpu: dict[int, list[tuple[float, float]]] = {1: [], args.jobs: []}
            outputs: dict[int, bytes] = {}
            for _ in range(args.repeat):
                for jobs in times:  # taking turns
                    out = Path(tmp) / f"{name}-{jobs}.out"
                    wall, own, workers = _run([*command, "--jobs", str(jobs)], out)
                    times[jobs].append(wall)
                    cpu[jobs].append((own, workers))
                    outputs[jobs] = out.read_bytes()
                one, many = _reference(args.jobs)
                reference[1].append(one)
                reference[args.jobs].append(many)
            same = "same output" if outputs[1] == outputs[args.jobs] else "OUTPUT DIFFERS"
            print(f"\njobmatch {name} ({same})")
            for jobs in times:
                own, workers = (statistics.median(c[k] for c in cpu[jobs]) for k in (0, 1))
                print(_line(f"--jobs {jobs}", times[jobs]) + f"   CPU: main {own:5.2f} s, workers {workers:5.2f} s")
            one, many = times[1], times[args.jobs]
            print(
                f"  ratio jobs {args.jobs}/1     : best {min(many) / min(one):.2f}x   "
                f"median {statistics.median(many) / statistics.median(one):.2f}x   (target <= 0.65x on 2 cores)"
            )
            alone = statistics.median(own + workers for own, workers in cpu[1])
            shared = statistics.median(own + workers / args.jobs for own, workers in cpu[args.jobs])
            print(f"  projected, idle   : {shared / alone:.2f}x   (from CPU seconds: at most)")
        one, many = reference[1], reference[args.jobs]
        print(f"\nreference: pure-Python work split over {args.jobs} processes, beside each round above")
        print(
            f"  ratio {args.jobs}/1          : best {min(many) / min(one):.2f}x   "
            f"median {statistics.median(many) / statistics.median(one):.2f}x   (1/{args.jobs} on an idle machine)"
        )


if __name__ == "__main__":
    main()
