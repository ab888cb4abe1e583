"""What your own skills cost: a cold `jobmatch match` with a user skill file next to one without, and
an ESCO import of ESCO's size next to reading the same CSV with the csv module alone.

    python benchmarks/bench_taxonomy.py [--runs 5] [--concepts 14000]

Commands run in fresh processes, interleaved, with the compiled-pattern cache warmed for both
taxonomies first; figures are the fastest of the runs (noise on a shared machine only adds time).
The ESCO file is generated (made-up labels in ESCO's layout, about as many concepts as ESCO has).
Targets: a user file costs a match start <= 1.10x; an import <= 20x reading its CSV.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JOBMATCH = str(Path(sys.executable).parent / "jobmatch")
USER_FILE = ROOT / "tests" / "data" / "skills" / "nurse_educator.jsonl"
HEADER = ["conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels", "hiddenLabels",
          "status", "modifiedDate", "scopeNote", "definition", "inScheme", "description"]  # fmt: skip


def _time(command: list[str], env: dict[str, str], stdin: str = "") -> float:
    t0 = time.perf_counter()
    subprocess.run(command, input=stdin, text=True, capture_output=True, check=True, env=env)
    return time.perf_counter() - t0


def _esco_file(path: Path, concepts: int) -> None:
    rng = random.Random(13)
    words = [
        "manage", "operate", "assess", "plan", "design", "teach", "monitor", "evaluate", "maintain", "develop",
        "patient", "equipment", "safety", "quality", "records", "budget", "staff", "training", "laboratory",
        "clinical", "network", "logistics", "inventory", "contract", "marine", "crop", "vehicle", "engine",
    ]  # fmt: skip
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(HEADER)
        for n in range(concepts):
            label = " ".join(rng.sample(words, 3)) + f" {n}"
            alt = "\n".join(" ".join(rng.sample(words, 4)) + f" {n}" for _ in range(3))
            uri = f"http://data.europa.eu/esco/skill/{n:08d}-0000-4000-8000-000000000000"
            writer.writerow(["KnowledgeSkillCompetence", uri, "skill/competence", "sector-specific", label, alt, "",
                             "released", "2024-01-01", "", "", "", "made-up for a benchmark"])  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--concepts", type=int, default=14000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="jobmatch-bench-taxonomy-"))
    env = dict(os.environ, JOBMATCH_CACHE_DIR=str(work / "cache"), XDG_DATA_HOME=str(work / "data"))
    env.pop("JOBMATCH_TAXONOMY", None)
    posting = (ROOT / "sample_listings" / "ml-engineer-northwind.md").read_text(encoding="utf-8")
    profile = str(ROOT / "sample_listings" / "profiles" / "ml-engineer.toml")
    plain = [JOBMATCH, "match", "-", "--profile", profile, "--format", "json"]
    mine = [*plain, "--taxonomy", str(USER_FILE)]
    _time(plain, env, posting), _time(mine, env, posting)  # both pattern caches filled
    plain_times, mine_times = [], []
    for _ in range(args.runs):
        plain_times.append(_time(plain, env, posting))
        mine_times.append(_time(mine, env, posting))
    base, ours = min(plain_times), min(mine_times)
    print(f"jobmatch match, bundled taxonomy      : {base:.2f} s (fastest of {args.runs})")
    print(f"jobmatch match, + a user skill file   : {ours:.2f} s  ratio {ours / base:.2f} (target <= 1.10)")

    esco = work / "skills_en.csv"
    _esco_file(esco, args.concepts)
    read = [sys.executable, "-c", f"import csv; sum(1 for _ in csv.reader(open({str(esco)!r}, encoding='utf-8')))"]
    imported = [JOBMATCH, "taxonomy", "import", "esco", str(esco), "--add-unmatched", "-o", str(work / "esco.jsonl"),
                "--force"]  # fmt: skip
    read_times, import_times = [], []
    for _ in range(max(1, args.runs // 2)):
        read_times.append(_time(read, env))
        import_times.append(_time(imported, env))
    base, ours = min(read_times), min(import_times)
    print(f"read {args.concepts:,} ESCO rows with csv : {base:.2f} s")
    print(f"jobmatch taxonomy import esco          : {ours:.2f} s  ratio {ours / base:.1f} (target <= 20)")


if __name__ == "__main__":
    main()
