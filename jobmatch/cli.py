"""The ``jobmatch`` command: arguments → library calls → output; errors → one line and exit code 2.

Heavy imports (spaCy, rich, beautifulsoup4) happen inside the commands that need them, so
``jobmatch --help`` starts at once.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from . import __version__
from .errors import JobmatchError

if TYPE_CHECKING:
    from .extract import Extraction
    from .sources import Posting

EXIT_BAD_INPUT = 2
T = TypeVar("T")


def _error(message: str) -> None:
    click.echo(f"jobmatch: error: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="jobmatch")
def cli() -> None:
    """Extract the skills job postings ask for, and match them against your skill profile.

    SOURCE arguments are files (.txt, .md, .html, .htm, .json), folders (every posting in them)
    or - for standard input. Run `jobmatch COMMAND --help` for each command.
    """


def _posting_dict(posting: Posting, extraction: Extraction) -> dict[str, Any]:
    out: dict[str, Any] = {"source": posting.source, **extraction.to_dict()}
    if out["title"] is None:
        del out["title"]
    return out


def _print_table(results: list[tuple[Posting, Extraction]], category_name: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(soft_wrap=False)
    for number, (posting, extraction) in enumerate(results):
        if number:
            console.print()
        heading = posting.source + (f" — {posting.title}" if posting.title else "")
        console.print(f"[bold]{_escape(heading)}[/bold]")
        if not extraction.skills:
            console.print("  no skills found")
            continue
        table = Table(box=None, show_header=False, padding=(0, 1), pad_edge=False, expand=False)
        table.add_column("category", style="cyan", no_wrap=True)
        table.add_column("skills", overflow="fold")
        by_category: dict[str, list[str]] = {}
        for skill in extraction.skills:
            count = len(skill.mentions)
            label = skill.name + (f" ×{count}" if count > 1 else "")
            by_category.setdefault(skill.category, []).append(_escape(label))
        for category, names in by_category.items():
            table.add_row(category_name(category), ", ".join(names))
        console.print(table)
        console.print(f"  [dim]{len(extraction.skills)} skills[/dim]")


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _emit_json(records: list[dict[str, Any]], fmt: str, single: bool) -> None:
    if fmt == "jsonl":
        for record in records:
            click.echo(json.dumps(record, ensure_ascii=False))
    elif single and len(records) == 1:
        click.echo(json.dumps(records[0], ensure_ascii=False, indent=2))
    else:
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))


def _read_all(sources: Iterable[str]) -> tuple[list[Posting], int]:
    from .sources import load_postings

    postings, failures = [], 0
    for item in load_postings(sources):
        if isinstance(item, JobmatchError):
            _error(str(item))
            failures += 1
        else:
            postings.append(item)
    return postings, failures


@cli.command()
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default="table", show_default=True,
    help="table: skills grouped by category; json: one object (a list for several postings); jsonl: one object a line.",
)  # fmt: skip
@click.option(
    "--taxonomy", type=click.Path(), default=None, help="A .jsonl skill file or folder instead of the bundled taxonomy."
)
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True, help="Extract in N processes.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar on stderr.")
def extract(sources: tuple[str, ...], fmt: str, taxonomy: str | None, jobs: int, quiet: bool) -> None:
    """List the skills each posting asks for, with every mention.

    \b
    Examples:
      jobmatch extract sample_listings/ml-engineer-northwind.md
      cat posting.txt | jobmatch extract - --format json
      jobmatch extract sample_listings/ --format jsonl
    """
    from .extract import SkillExtractor

    postings, failures = _read_all(sources)
    try:
        extractor = SkillExtractor(taxonomy)
    except JobmatchError as err:
        _error(str(err))
        sys.exit(EXIT_BAD_INPUT)
    extractions = extractor.pipe(postings, n_process=jobs, batch_size=16)
    results = list(zip(postings, _progress(extractions, len(postings), "Extracting", quiet), strict=True))
    if fmt == "table":
        _print_table(results, extractor.taxonomy.category_name)
    else:
        single = len(sources) == 1 and not _is_dir(sources[0])
        _emit_json([_posting_dict(p, e) for p, e in results], fmt, single)
    if failures:
        sys.exit(EXIT_BAD_INPUT)


def _progress(items: Iterable[T], total: int, label: str, quiet: bool) -> Iterable[T]:
    """``items``, with a progress bar on stderr for long work when a person is watching."""
    if quiet or total < 20 or not sys.stderr.isatty():
        return items
    from rich.console import Console
    from rich.progress import track

    return track(items, total=total, description=label, console=Console(stderr=True), transient=True)


def _is_dir(source: str) -> bool:
    from pathlib import Path

    return source != "-" and Path(source).is_dir()


def main() -> None:
    """Console-script entry point."""
    cli()
