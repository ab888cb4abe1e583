"""Time to print the `rank` table of many postings, next to rich's Table printing the same rows.

    python benchmarks/bench_table.py [--rows 1200] [--folder DIR] [--runs 3]

The ranking is made once (the bundled samples, each repeated under its own file name until there
are --rows of them; or the postings of --folder), its lazily explained matches worked out before
any timing: only printing is measured. Then `_print_ranking` (jobmatch's renderer) and the
reference, the same cells in a rich ``Table`` as `rank` printed them before, each print into a
file, as from a pipe and as on an 80-column terminal (FORCE_COLOR, TTY_COMPATIBLE: colours and all).
The figures are the fastest of --runs (noise on a shared machine only ever adds time), wall and
CPU time.
Target: 1,200 rows in well under 0.3 s; at most a tenth of the reference.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PROFILE = str(ROOT / "sample_listings" / "profiles" / "ml-engineer.toml")


def _ranking(rows: int, folder: str | None) -> list[Any]:
    import click

    from jobmatch.cli import _ranked

    with click.Context(click.Command("rank")):
        source = folder or str(ROOT / "sample_listings")
        ranked, *_ = _ranked((source,), PROFILE, (), False, None, 1, True)
    if not folder:  # the samples again under other names, as many as asked
        ranked = [
            dataclasses.replace(
                r, posting=dataclasses.replace(r.posting, source=r.posting.source.replace(".", f"-{n:04d}.", 1))
            )
            for n in range(-(-rows // len(ranked)))
            for r in ranked
        ][:rows]
    for r in ranked:  # worked out now, not inside the printing timed below
        r.match  # noqa: B018
        r.shared  # noqa: B018
    return ranked


def _rich_reference(ranked: list[Any]) -> None:
    """How `rank` printed its table with rich's Table (jobmatch 0.1.0 before this renderer)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from jobmatch.cli import _safe, _short_sources, _why

    names, folder = _short_sources([r.posting.source for r in ranked])
    table = Table(box=None, padding=(0, 1), pad_edge=False, caption=f"sources in {folder}" if folder else None)
    table.add_column("#", justify="right")
    table.add_column("fit", justify="right", style="bold")
    table.add_column("score", justify="right")
    console = Console(soft_wrap=False)
    free = console.width - len(str(len(ranked))) - 16
    widest = max((len(n) for n in names), default=0)
    table.add_column("title / source", width=max(free // 2, min(widest, free - 24)))
    table.add_column("why · missing")
    for number, (r, name) in enumerate(zip(ranked, names, strict=True), 1):
        cell = Text(_safe(r.title or ""), overflow="fold")
        cell.append("\n" if r.title else "")
        cell.append(_safe(name), style="dim")
        why = Text(_safe(_why(r)), overflow="fold")
        missing = ", ".join(i.name for i in r.match.missing[:3])
        if missing:
            why.append(("\n" if why else "") + "missing " + missing, style="red")
        table.add_row(str(number), f"{r.fit:g}", f"{r.score:g}", cell, why)
    console.print(table)
    console.print("[dim]fit: how well the posting fits you; score: how much of what it asks for you have[/dim]")


def _best(
    print_table: Callable[[list[Any]], None], ranked: list[Any], runs: int, env: dict[str, str]
) -> tuple[float, float]:
    """The fastest wall time and CPU time of ``runs`` printings."""
    kept = {k: os.environ.get(k) for k in ("FORCE_COLOR", "TTY_COMPATIBLE", "COLUMNS")}
    os.environ.update(env)
    try:
        wall, cpu = float("inf"), float("inf")
        for _ in range(runs):
            with tempfile.TemporaryFile("w+", encoding="utf-8") as out, contextlib.redirect_stdout(out):
                t0, c0 = time.perf_counter(), time.process_time()
                print_table(ranked)
                wall, cpu = min(wall, time.perf_counter() - t0), min(cpu, time.process_time() - c0)
        return wall, cpu
    finally:
        for key, value in kept.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1200)
    parser.add_argument("--folder", help="rank these postings instead of the repeated samples")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from jobmatch.cli import _print_ranking

    ranked = _ranking(args.rows, args.folder)
    print(f"{len(ranked)} rows", file=sys.stderr)
    for label, env in (
        ("to a file", {"COLUMNS": "80"}),
        ("to a terminal", {"COLUMNS": "80", "FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"}),
    ):
        (reference, reference_cpu), (ours, ours_cpu) = (
            _best(print_table, ranked, args.runs, env) for print_table in (_rich_reference, _print_ranking)
        )
        print(
            f"{label:14}: jobmatch {ours:.3f} s (CPU {ours_cpu:.3f} s), rich Table {reference:.3f} s "
            f"(CPU {reference_cpu:.3f} s); ratio {ours / reference:.3f}"
        )


if __name__ == "__main__":
    main()
