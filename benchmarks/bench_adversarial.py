"""Time of each pathological input family beside ordinary postings of the same size.

    python benchmarks/bench_adversarial.py [--sizes 100KB,1MB] [--timeout 60] [--only C++,nested]

Each case is a file read and extracted as `jobmatch extract` would (sources → extract → every
structure field), in a subprocess of its own with a timeout, so a hang is reported as "> N s"
instead of hanging the script; the pipeline is built before the clock starts. The reference is
ordinary posting text (the bundled samples, repeated) of the same size, as text and as HTML,
measured in the same run; the ratio is the case's time over the reference's. The size limit is
lifted (--max-size) so the code's own time is measured, except for the 50 MB file, which shows
what the default limit does with it. Target (issue 15): every family within a few times the
ordinary text of its size, with a posting or a one-line error.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# name → (unit repeated to the size, file suffix); the units of issue 15 and of its property test
FAMILIES: dict[str, tuple[str, str]] = {
    "C++ ": ("C++ ", ".txt"),
    "Bachelor's or Master's or ": ("Bachelor's or Master's or ", ".txt"),
    "– (en dash)": ("– ", ".txt"),
    "+": ("+", ".txt"),
    "(": ("(", ".txt"),
    "blank lines": ("\n", ".txt"),
    "spaces": (" ", ".txt"),
    "Python, ": ("Python, ", ".txt"),
    "Java/": ("Java/", ".txt"),
    "one of Python, ": ("one of Python, ", ".txt"),
    "5+ years of ": ("5+ years of ", ".txt"),
    "Python or ": ("Python or ", ".txt"),
    "$120,000 - ": ("$120,000 - ", ".txt"),
    "• bullets": ("• Python\n", ".txt"),
    "Requirements: headers": ("Requirements:\n", ".txt"),
    "tabs": ("\t", ".txt"),
}

# Run in the subprocess: build first, then time reading and extracting one file.
CHILD = """
import json, sys, time
from jobmatch import SkillExtractor
from jobmatch.sources import load_postings
path, max_size = sys.argv[1], int(sys.argv[2])
extractor = SkillExtractor()
extractor.extract("warm up: Python and SQL").to_dict()
t0 = time.perf_counter()
outcome = "ok"
for item in load_postings([path], max_size=max_size):
    if isinstance(item, Exception):
        outcome = "error: " + str(item).split(": ", 1)[-1][:60]
    else:
        extractor.extract(item).to_dict()
print(json.dumps({"seconds": time.perf_counter() - t0, "outcome": outcome}))
"""


def _size(text: str) -> int:
    units = {"KB": 1_000, "MB": 1_000_000}
    text = text.strip().upper()
    for unit, scale in units.items():
        if text.endswith(unit):
            return int(float(text[: -len(unit)]) * scale)
    return int(text)


def _label(size: int) -> str:
    return f"{size / 1e6:g} MB" if size >= 1e6 else f"{size / 1e3:g} KB"


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit.encode("utf-8")) + 1))[:size]


def _ordinary(size: int) -> str:
    from jobmatch.sources import load_postings

    texts = [p.text for p in load_postings([str(ROOT / "sample_listings")]) if not isinstance(p, Exception)]
    body = "\n\n".join(texts)
    return (body * (size // len(body) + 1))[:size]


def _ordinary_html(size: int) -> str:
    paragraphs = _ordinary(size).split("\n")
    page = "".join(f"<p>{p}</p>\n" for p in paragraphs if p)
    return "<html><body><main>" + page[:size] + "</main></body></html>"


def _nested_html(size: int) -> str:
    depth = size // 24  # "<div class='x'>" and "</div>"
    return "<html><body>" + "<div class='x'>" * depth + "<p>Python and SQL</p>" + "</div>" * depth + "</body></html>"


def _nested_json(size: int) -> str:
    return "[" * (size // 2) + "]" * (size // 2)


def _run(path: Path, max_size: int, timeout: float) -> tuple[float | None, str]:
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(path), str(max_size)],
            capture_output=True,
            text=True,
            timeout=timeout + 15,  # + building the pipeline, outside the clock
        )
    except subprocess.TimeoutExpired:
        return None, "timed out (killed)"
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return None, f"crashed: {last[:60]}"
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result["seconds"], result["outcome"]  # past the timeout, if the pipeline built quickly: shown as it was


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100KB,1MB", help="comma-separated sizes (default 100KB,1MB)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds a case may take (default 60)")
    parser.add_argument("--only", default="", help="comma-separated substrings of the family names to run")
    args = parser.parse_args()
    sizes = [_size(s) for s in args.sizes.split(",")]
    wanted = [w for w in args.only.split(",") if w]

    with tempfile.TemporaryDirectory(prefix="jobmatch-adversarial-") as folder:
        where = Path(folder)

        def case(name: str, text: str, suffix: str, size: int, max_size: int) -> tuple[float | None, str]:
            path = where / f"case{suffix}"
            path.write_text(text, encoding="utf-8")
            return _run(path, max_size, args.timeout)

        print(f"{'family':<28} {'size':>7} {'seconds':>9} {'× ordinary':>11}  outcome")
        for size in sizes:
            unlimited = 100 * size
            reference, _ = case("ordinary text", _ordinary(size), ".txt", size, unlimited)
            reference_html, _ = case("ordinary HTML", _ordinary_html(size), ".html", size, unlimited)
            print(f"{'ordinary postings (text)':<28} {_label(size):>7} {_seconds(reference):>9} {'1.0':>11}  ok")
            print(f"{'ordinary postings (HTML)':<28} {_label(size):>7} {_seconds(reference_html):>9} {'1.0':>11}  ok")
            cases = [
                ("nested <div>s (HTML)", _nested_html(size), ".html", reference_html),
                ("nested lists (JSON)", _nested_json(size), ".json", reference),
                *((name, _repeat(unit, size), suffix, reference) for name, (unit, suffix) in FAMILIES.items()),
            ]
            for name, text, suffix, against in cases:
                if wanted and not any(w in name for w in wanted):
                    continue
                seconds, outcome = case(name, text, suffix, size, unlimited)
                ratio = f"{seconds / against:.1f}" if seconds is not None and against else "-"
                shown = _seconds(seconds) if seconds is not None else f"> {args.timeout:g}"
                print(f"{name:<28} {_label(size):>7} {shown:>9} {ratio:>11}  {outcome}", flush=True)
        # the limit itself: a 50 MB file is refused by its size, unread (a sparse file: no disk used)
        big = where / "dump.txt"
        with open(big, "wb") as f:
            f.truncate(50_000_000)
        from jobmatch.sources import MAX_SIZE

        seconds, outcome = _run(big, MAX_SIZE, args.timeout)
        shown = _seconds(seconds) if seconds is not None else f"> {args.timeout:g}"
        print(f"{'50 MB file (default limit)':<28} {'50 MB':>7} {shown:>9} {'-':>11}  {outcome}")


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


if __name__ == "__main__":
    main()
