"""The ``jobmatch`` command: arguments → library calls → output; errors → one line and exit code 2.

Heavy imports (spaCy, rich, beautifulsoup4) happen inside the commands that need them, so
``jobmatch --help`` starts at once.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from . import __version__
from .errors import JobmatchError

if TYPE_CHECKING:
    from .extract import Extraction, SkillMatch
    from .profile import Profile
    from .rank import Ranked
    from .score import Ask, Idf, Match
    from .sources import Posting
    from .store import Store
    from .taxonomy import Taxonomy

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


_DB_OPTION = click.option(
    "--db", "db", type=click.Path(dir_okay=False), default=None, envvar="JOBMATCH_DB",
    help="The saved-listings database (default: jobmatch.db in your data folder; or set JOBMATCH_DB).",
)  # fmt: skip


def _open_store(db: str | None) -> Store:
    from .store import Store

    try:
        return Store(db)
    except JobmatchError as err:
        _error(str(err))
        sys.exit(EXIT_BAD_INPUT)


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
        title = extraction.title or posting.title
        heading = posting.source + (f" — {title}" if title else "")
        console.print(f"[bold]{_escape(heading)}[/bold]")
        header = Table(box=None, show_header=False, padding=(0, 1), pad_edge=False, expand=False)
        header.add_column("field", style="bold", no_wrap=True)
        header.add_column("value", overflow="fold")
        for field, value in _header_rows(extraction):
            header.add_row(field, _escape(value))
        if header.row_count:
            console.print(header)
        if not extraction.skills:
            console.print("  no skills found")
            continue
        table = Table(box=None, show_header=False, padding=(0, 1), pad_edge=False, expand=False)
        table.add_column("category", style="cyan", no_wrap=True)
        table.add_column("skills", overflow="fold")
        by_category: dict[str, list[str]] = {}
        for skill in extraction.skills:
            by_category.setdefault(skill.category, []).append(_skill_label(skill))
        for category, names in by_category.items():
            table.add_row(category_name(category), ", ".join(names))
        console.print(table)
        counts = [sum(s.required is level for s in extraction.skills) for level in (True, False)]
        console.print(
            f"  [dim]{len(extraction.skills)} skills: {counts[0]} required (bold), {counts[1]} preferred (+),"
            " boilerplate only in grey[/dim]"
        )


def _skill_label(skill: SkillMatch) -> str:
    label = _escape(skill.name)
    if skill.years:
        label += f" {skill.years:g}y+"
    if len(skill.mentions) > 1:
        label += f" ×{len(skill.mentions)}"
    if skill.boilerplate:
        return f"[dim]{label}[/dim]"
    if skill.required:
        return f"[bold]{label}[/bold]"
    return label + " (+)" if skill.required is False else label


def _header_rows(extraction: Extraction) -> list[tuple[str, str]]:
    """The posting's fields as (label, text) rows for the table view; empty ones left out."""
    rows: list[tuple[str, str]] = []
    years = extraction.years
    level = " · ".join(
        part
        for part in (
            extraction.seniority,
            years
            and (f"{years.min:g}–{years.max:g} years" if years.max and years.min else f"{years.min or 0:g}+ years"),
        )
        if part
    )
    if level:
        rows.append(("Level", level))
    salary = extraction.salary
    if salary is not None:
        amounts = "–".join(f"{v:,.2f}".removesuffix(".00") for v in (salary.min, salary.max) if v is not None)
        if salary.min is None:
            amounts = f"up to {amounts}"
        rows.append(
            ("Pay", " ".join(p for p in (salary.currency, amounts, salary.period and f"per {salary.period}") if p))
        )
    where = " · ".join(
        [*extraction.locations[:3], *(p for p in (extraction.work_mode, extraction.employment_type) if p)]
    )
    if where:
        rows.append(("Where", where))
    education = extraction.education
    if education is not None:
        text = education.level.replace("_", " ") if education.level else "no degree required"
        if education.fields:
            text += f" in {', '.join(education.fields[:4])}"
        if education.equivalent_experience:
            text += ", or equivalent experience"
        if education.required is False and education.level:
            text += " (preferred)"
        rows.append(("Education", text))
    if extraction.certifications:
        rows.append(
            (
                "Certifications",
                ", ".join(c.name + (" (+)" if c.required is False else "") for c in extraction.certifications),
            )
        )
    names = {s.id: s.name for s in extraction.skills}
    if extraction.alternatives:
        rows.append(("Either of", "; ".join(" | ".join(names[i] for i in group) for group in extraction.alternatives)))
    return rows


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


def _profile_or_exit(path: str, **where: Any) -> Profile:
    """The profile at ``path``, its unknown names warned about; or one line and exit code 2."""
    from .profile import load_profile

    try:
        profile = load_profile(path, **where)
    except JobmatchError as err:
        _error(str(err))
        sys.exit(EXIT_BAD_INPUT)
    for name, suggestions in profile.unknown:
        hint = f" (did you mean {', '.join(suggestions)}?)" if suggestions else ""
        click.echo(f"jobmatch: warning: {path}: unknown skill {name!r}{hint}", err=True)
    if not profile.skills:
        click.echo(f"jobmatch: warning: {path}: no known skills, so every score is 0", err=True)
    return profile


def _gather(sources: tuple[str, ...], saved: bool, db: str | None) -> tuple[list[Posting], int]:
    """The postings of the SOURCE arguments, and of the store with --saved; and how many failed."""
    if not sources and not saved:
        raise click.UsageError("give at least one SOURCE, or --saved")
    postings, failures = _read_all(sources)
    if saved:
        with _open_store(db) as store:
            postings += [s.posting for s in store.postings()]
    return postings, failures


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
    _warn_unread_language(results)
    if fmt == "table":
        _print_table(results, extractor.taxonomy.category_name)
    else:
        single = len(sources) == 1 and not _is_dir(sources[0])
        _emit_json([_posting_dict(p, e) for p, e in results], fmt, single)
    if failures:
        sys.exit(EXIT_BAD_INPUT)


@cli.command()
@click.argument("sources", nargs=-1, metavar="[SOURCE]...")
@click.option(
    "--profile", "profile_path", required=True, type=click.Path(),
    help="Your skills: a .toml profile (see `jobmatch profile init`) or a résumé (.txt, .md, .pdf).",
)  # fmt: skip
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
    help="table: score, matched, partial and missing skills (and the posting highlighted on a terminal); json: one "
    "object (a list for several postings).",
)  # fmt: skip
@click.option("--saved", is_flag=True, help="Also match every posting saved with `jobmatch save` (no network needed).")
@_DB_OPTION
@click.option("--quiet", "-q", is_flag=True, help="No progress bar on stderr.")
def match(sources: tuple[str, ...], profile_path: str, fmt: str, saved: bool, db: str | None, quiet: bool) -> None:
    """Score postings against your profile (0-100) and show what matched and what is missing.

    Each skill a posting asks for weighs by how rare it is across postings (TF-IDF) and by how
    firmly it is asked for (required > unspecified > preferred); related skills and fewer years
    than asked earn partial credit.

    \b
    Examples:
      jobmatch match sample_listings/ml-engineer-northwind.md --profile sample_listings/profiles/ml-engineer.toml
      pbpaste | jobmatch match - --profile me.toml --format json
    """
    from .extract import SkillExtractor
    from .score import batch_idf, match_to_dict
    from .score import match as score_match

    extractor = SkillExtractor()
    profile = _profile_or_exit(profile_path, extractor=extractor)
    postings, failures = _gather(sources, saved, db)
    extractions = list(_progress(extractor.pipe(postings), len(postings), "Reading postings", quiet))
    # one posting: the shipped reference IDF; a batch: refitted with the batch's own postings
    idf = batch_idf(extractions) if len(extractions) > 1 else None
    results = [
        (posting, extraction, score_match(profile, extraction, taxonomy=extractor.taxonomy, idf=idf))
        for posting, extraction in zip(postings, extractions, strict=True)
    ]
    _warn_unread_language((p, e) for p, e, _ in results)
    if fmt == "json":
        records = [match_to_dict(m, source=p.source, title=e.title or p.title) for p, e, m in results]
        single = len(sources) == 1 and not _is_dir(sources[0])
        _emit_json(records, "json", single)
    else:
        _print_matches(results)
    if failures:
        sys.exit(EXIT_BAD_INPUT)


def _warn_unread_language(results: Iterable[tuple[Posting, Extraction]]) -> None:
    """One warning line for each posting not written in English: only its tool names were read."""
    from .language import LANGUAGE_NAMES

    for posting, extraction in results:
        language = extraction.language
        if language not in (None, "en"):
            name = LANGUAGE_NAMES.get(language, language)
            click.echo(
                f"jobmatch: warning: {posting.source}: written in {name}, not English; only names of tools and "
                "skills were read",
                err=True,
            )


@cli.group()
def profile() -> None:
    """Make and check skill profiles (the TOML files `jobmatch match --profile` reads)."""


@profile.command("init")
@click.option(
    "--from", "resume", required=True, type=click.Path(), help="Your résumé (.txt, .md or .pdf) to read skills from."
)
@click.option("--output", "-o", type=click.Path(), default=None, help="Write the profile here instead of stdout.")
@click.option("--force", is_flag=True, help="Overwrite --output if it exists.")
def profile_init(resume: str, output: str | None, force: bool) -> None:
    """Write an editable TOML profile from the skills (and years) your résumé states.

    \b
    Example:
      jobmatch profile init --from resume.pdf -o me.toml
    """
    from pathlib import Path

    from .profile import RESUME_SUFFIXES, load_profile, profile_to_toml

    if not resume.lower().endswith(RESUME_SUFFIXES):
        _error(f"{resume}: a résumé is a .txt, .md or .pdf file")
        sys.exit(EXIT_BAD_INPUT)
    try:
        text = profile_to_toml(load_profile(resume))
    except JobmatchError as err:
        _error(str(err))
        sys.exit(EXIT_BAD_INPUT)
    if output is None:
        click.echo(text, nl=False)
        return
    target = Path(output)
    if target.exists() and not force:
        _error(f"{output}: already exists (use --force to overwrite)")
        sys.exit(EXIT_BAD_INPUT)
    target.write_text(text, encoding="utf-8")
    click.echo(f"wrote {output}", err=True)


_PROFILE_OPTION = click.option(
    "--profile", "profile_path", required=True, type=click.Path(),
    help="Your skills: a .toml profile (see `jobmatch profile init`) or a résumé (.txt, .md, .pdf).",
)  # fmt: skip
_SAVED_OPTION = click.option("--saved", is_flag=True, help="Also use every posting saved with `jobmatch save`.")
_JOBS_OPTION = click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True, help="Extract in N processes."
)
_QUIET_OPTION = click.option("--quiet", "-q", is_flag=True, help="No progress bar on stderr.")


def _ranked(
    sources: tuple[str, ...], profile_path: str, saved: bool, db: str | None, jobs: int, quiet: bool
) -> tuple[list[Ranked], Profile, Taxonomy, Idf, int]:
    """Load the profile and the postings, extract, and rank: the shared start of rank and gaps."""
    from .rank import rank_asks
    from .score import asks_of, asks_to_json
    from .sources import Posting
    from .taxonomy import load_taxonomy

    taxonomy = load_taxonomy()  # the extractor (and spaCy) only if something needs extracting
    profile = _profile_or_exit(profile_path, taxonomy=taxonomy)
    if not sources and not saved:
        raise click.UsageError("give at least one SOURCE, or --saved")
    postings, failures = _read_all(sources)
    # (posting, title, asks); None until read: the saved ones from the store's cache when it has them
    items: list[tuple[Posting, str | None, tuple[Ask, ...]] | None] = [None] * len(postings)
    version = taxonomy.extraction_version  # skills, rules and code: a change to any is never served stale
    saved_hashes: dict[int, str] = {}  # position in postings → content hash, for the saved ones
    if saved:
        with _open_store(db) as store:
            cache = store.cached_asks(version)
            for posting_id, digest, source, title in store.headers():
                saved_hashes[len(postings)] = digest
                data = cache.get(digest)
                if data is None:  # not read yet: its whole text, to extract below
                    record = store.get(posting_id)
                    assert record is not None
                    postings.append(record.posting)
                    items.append(None)
                else:  # read before: no text needed
                    posting = Posting(text="", source=source, title=title)
                    postings.append(posting)
                    items.append((posting, data["title"] or title, data["asks"]))  # rows score as they are
    if not postings:
        _error("no postings to rank")
        sys.exit(EXIT_BAD_INPUT)
    todo = [i for i, item in enumerate(items) if item is None]
    fresh: Iterable[Extraction] = iter(())
    if todo:
        from .extract import SkillExtractor  # and with it spaCy: only when something is new

        fresh = SkillExtractor().pipe([postings[i] for i in todo], n_process=jobs, batch_size=16)
    new_entries, new_asks = {}, {}
    for i, extraction in zip(todo, _progress(fresh, len(todo), "Reading postings", quiet), strict=True):
        title, asks = extraction.title or postings[i].title, asks_of(extraction)
        items[i] = (postings[i], title, asks)
        if i in saved_hashes:
            new_entries[saved_hashes[i]] = extraction.to_cache()
            new_asks[saved_hashes[i]] = {"title": title, "asks": asks_to_json(asks)}
    if new_entries:  # re-ranking saved postings never extracts them again
        with _open_store(db) as store:
            store.cache_extractions(version, new_entries, new_asks)
    ready = [item for item in items if item is not None]
    idf = _batch_idf(ready, saved_hashes if len(saved_hashes) == len(ready) else None, version, db)
    ranked = rank_asks(profile, ready, taxonomy=taxonomy, idf=idf)
    return ranked, profile, taxonomy, idf, failures


def _batch_idf(
    ready: list[tuple[Posting, str | None, tuple[Ask, ...]]], saved_hashes: dict[int, str] | None, version: str,
    db: str | None,
) -> Idf:  # fmt: skip
    """The batch's IDF; for a batch of saved postings only, fitted once and kept in the store, so a
    re-rank needs no scikit-learn."""
    from .score import Idf, batch_idf

    if saved_hashes is None:
        return batch_idf([asks for _, _, asks in ready])
    import hashlib

    key = hashlib.sha256(" ".join([version, *sorted(saved_hashes.values())]).encode()).hexdigest()
    with _open_store(db) as store:
        kept = store.cached_idf(key)
        if kept is not None:
            return Idf(values=kept["values"], default=kept["default"], n_postings=kept["n_postings"])
        idf = batch_idf([asks for _, _, asks in ready])
        store.cache_idf(key, {"values": dict(idf.values), "default": idf.default, "n_postings": idf.n_postings})
    return idf


@cli.command()
@click.argument("sources", nargs=-1, metavar="[SOURCE]...")
@_PROFILE_OPTION
@_SAVED_OPTION
@_DB_OPTION
@click.option("--top", type=click.IntRange(min=1), default=None, help="Show only the N best postings.")
@click.option("--min-score", type=float, default=0, show_default=True, help="Hide postings scoring below S.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
    help="table: rank, fit, score, title, source, top missing skills; json: a list; csv: one row a posting.",
)  # fmt: skip
@_JOBS_OPTION
@_QUIET_OPTION
def rank(
    sources: tuple[str, ...], profile_path: str, saved: bool, db: str | None, top: int | None, min_score: float,
    fmt: str, jobs: int, quiet: bool,
) -> None:  # fmt: skip
    """Rank postings by how well they fit your profile, best first, with what each is missing.

    SCORE is the match score (how much of what a posting asks for you have); FIT, the order, also
    weighs how much of your profile the posting asks for, so a posting of your own trade comes
    before one that asks for three things you happen to know.

    \b
    Examples:
      jobmatch rank sample_listings/ --profile sample_listings/profiles/ml-engineer.toml
      jobmatch rank --saved --profile me.toml --top 10 --format csv
    """
    ranked, _, _, _, failures = _ranked(sources, profile_path, saved, db, jobs, quiet)
    shown = [r for r in ranked if r.score >= min_score][:top]
    if fmt == "json":
        records = [{**match_summary(r), "missing": [i.to_dict() for i in r.match.missing[:5]]} for r in shown]
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(["rank", "fit", "score", "title", "source", "matched", "missing"])
        for number, r in enumerate(shown, 1):
            writer.writerow([number, r.fit, r.score, r.title or "", r.posting.source, len(r.match.matched),
                             "; ".join(i.name for i in r.match.missing[:5])])  # fmt: skip
    else:
        _print_ranking(shown)
    if failures:
        sys.exit(EXIT_BAD_INPUT)


def match_summary(r: Ranked) -> dict[str, Any]:
    return {
        "source": r.posting.source,
        "title": r.title,
        "score": r.score,
        "fit": r.fit,
        "matched": [i.to_dict() for i in r.match.matched],
    }


def _print_ranking(ranked: list[Ranked]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    names, folder = _short_sources([r.posting.source for r in ranked])
    table = Table(box=None, padding=(0, 1), pad_edge=False, caption=f"sources in {folder}" if folder else None)
    table.add_column("#", justify="right")
    table.add_column("fit", justify="right", style="bold")
    table.add_column("score", justify="right")
    console = Console(soft_wrap=False)
    # The title column takes half of what the numbers leave, more where a file name needs it and
    # the missing skills keep 24 columns; the missing skills get the rest.
    free = console.width - len(str(len(ranked))) - 16
    widest = max((len(n) for n in names), default=0)
    table.add_column("title / source", width=max(free // 2, min(widest, free - 24)))
    table.add_column("missing")
    for number, (r, name) in enumerate(zip(ranked, names, strict=True), 1):
        # The source goes under the title: a file name has no spaces to wrap at, so a column of its own
        # would cut it mid-word in an 80-column terminal.
        cell = Text(r.title or "", overflow="fold")
        cell.append("\n" if r.title else "")
        cell.append(name, style="dim")
        missing = ", ".join(i.name for i in r.match.missing[:3])
        table.add_row(str(number), f"{r.fit:g}", f"{r.score:g}", cell, Text(missing, overflow="fold"))
    console.print(table)


def _short_sources(sources: list[str]) -> tuple[list[str], str]:
    """Local paths shortened to their names under the folder they share, so a narrow table does not break them."""
    if len(sources) < 2 or any("://" in s or s == "-" for s in sources):
        return sources, ""
    try:
        folder = os.path.commonpath(sources)
    except ValueError:  # absolute and relative paths mixed
        return sources, ""
    if not folder or folder in sources:
        return sources, ""
    return [os.path.relpath(s, folder) for s in sources], folder.rstrip(os.sep) + os.sep


@cli.command()
@click.argument("sources", nargs=-1, metavar="[SOURCE]...")
@_PROFILE_OPTION
@_SAVED_OPTION
@_DB_OPTION
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="How many gaps to list.")
@click.option("--threshold", type=float, default=70, show_default=True, help="The score that counts as a match.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@_JOBS_OPTION
@_QUIET_OPTION
def gaps(
    sources: tuple[str, ...], profile_path: str, saved: bool, db: str | None, top: int, threshold: float, fmt: str,
    jobs: int, quiet: bool,
) -> None:  # fmt: skip
    """The skills your profile lacks across the postings, and which to learn next.

    Gaps are ranked by how much they matter: how many postings ask, how firmly, and how good a
    match those postings otherwise are. "Learn next" is the skill whose addition raises the
    postings' scores the most (and how many it lifts over --threshold), then the next given the
    first: a plan of three.

    \b
    Example:
      jobmatch gaps sample_listings/ --profile sample_listings/profiles/ml-engineer.toml
    """
    from .rank import gaps as find_gaps
    from .rank import learning_plan

    ranked, profile, taxonomy, idf, failures = _ranked(sources, profile_path, saved, db, jobs, quiet)
    found = find_gaps(ranked, top=top)
    plan = learning_plan(profile, ranked, taxonomy=taxonomy, idf=idf, threshold=threshold)
    over = sum(r.score >= threshold for r in ranked)
    if fmt == "json":
        click.echo(json.dumps({
            "postings": len(ranked), "threshold": threshold, "over_threshold": over,
            "gaps": [g.__dict__ for g in found], "learn_next": [s.__dict__ for s in plan],
        }, ensure_ascii=False, indent=2))  # fmt: skip
    else:
        from rich.console import Console
        from rich.table import Table

        console = Console(soft_wrap=False)
        console.print(f"{len(ranked)} postings; {over} score {threshold:g} or more.")
        table = Table(box=None, padding=(0, 1), pad_edge=False, title="Skills you lack, most important first")
        for column in ("skill", "importance", "postings", "required", "preferred"):
            table.add_column(column, justify="left" if column == "skill" else "right")
        for g in found:
            table.add_row(_escape(g.name), f"{g.importance:g}", str(g.listings), str(g.required), str(g.preferred))
        console.print(table)
        console.print("[bold]Learn next[/bold]")
        for number, step in enumerate(plan, 1):
            console.print(
                f"  {number}. {_escape(step.name)}: +{step.mean_gain:g} points where you match best; "
                f"{step.newly_over_threshold} more postings reach {threshold:g} ({step.over_threshold} in all)"
            )
        if not plan:
            console.print("  nothing left that would raise your scores")
    if failures:
        sys.exit(EXIT_BAD_INPUT)


@cli.command()
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@_DB_OPTION
def save(sources: tuple[str, ...], db: str | None) -> None:
    """Save postings (files, folders, URLs or -) so later commands need neither the files nor the network.

    The text, title and source are kept (for a URL, the fetch time too; never the raw page). A
    posting whose content is saved already is not saved twice.

    \b
    Examples:
      jobmatch save https://careers.example.com/jobs/123
      jobmatch save sample_listings/
    """
    from .sources import load_postings
    from .store import _now

    failures = 0
    with _open_store(db) as store:
        for item in load_postings(sources):
            if isinstance(item, JobmatchError):
                _error(str(item))
                failures += 1
                continue
            fetched = _now() if item.source.startswith(("http://", "https://")) else None
            try:
                posting_id, new = store.save(item, fetched_at=fetched)
            except JobmatchError as err:
                _error(str(err))
                sys.exit(EXIT_BAD_INPUT)
            state = "saved" if new else "already saved"
            click.echo(f"{posting_id}\t{state}\t{item.source}" + (f"\t{item.title}" if item.title else ""))
    if failures:
        sys.exit(EXIT_BAD_INPUT)


@cli.command("list")
@_DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def list_saved(db: str | None, fmt: str) -> None:
    """List saved postings: id, when saved, title and source."""
    with _open_store(db) as store:
        saved = store.postings()
    if fmt == "json":
        records = [
            {"id": s.id, "title": s.posting.title, "source": s.posting.source, "saved_at": s.saved_at,
             "fetched_at": s.fetched_at}
            for s in saved
        ]  # fmt: skip
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    if not saved:
        click.echo("no saved postings (save some with `jobmatch save SOURCE...`)")
    for s in saved:
        click.echo(f"{s.id:>5}  {s.saved_at[:10]}  {(s.posting.title or '')[:40]:<40}  {s.posting.source}")


@cli.command()
@click.argument("posting_id", type=int, metavar="ID")
@_DB_OPTION
def show(posting_id: int, db: str | None) -> None:
    """Print one saved posting's text."""
    with _open_store(db) as store:
        saved = store.get(posting_id)
    if saved is None:
        _error(f"no saved posting with id {posting_id} (see `jobmatch list`)")
        sys.exit(EXIT_BAD_INPUT)
    click.echo(f"# {saved.posting.title or ''}\n# {saved.posting.source} (saved {saved.saved_at})\n")
    click.echo(saved.posting.text)


@cli.command()
@click.argument("posting_ids", nargs=-1, type=int, required=True, metavar="ID...")
@_DB_OPTION
def rm(posting_ids: tuple[int, ...], db: str | None) -> None:
    """Delete saved postings by id."""
    missing = 0
    with _open_store(db) as store:
        for posting_id in posting_ids:
            if store.remove(posting_id):
                click.echo(f"removed {posting_id}")
            else:
                _error(f"no saved posting with id {posting_id}")
                missing += 1
    if missing:
        sys.exit(EXIT_BAD_INPUT)


def _print_matches(results: list[tuple[Posting, Extraction, Match]]) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(soft_wrap=False)
    for number, (posting, extraction, result) in enumerate(results):
        if number:
            console.print()
        title = extraction.title or posting.title
        console.print(f"[bold]{_escape(posting.source + (f' — {title}' if title else ''))}[/bold]")
        console.print(
            f"Score [bold]{result.score:g}[/bold] / 100 · fit {result.fit:g} "
            f"(it asks for {result.uses:.0%} of your profile, by weight)"
        )
        groups = (
            ("Matched", "green", result.matched, lambda i: i.name),
            ("Partial", "yellow", result.partial, lambda i: f"{i.name} ({i.reason})"),
            ("Missing", "red", result.missing, lambda i: i.name + (" (+)" if i.required is False else "")),
        )
        for label, colour, items, describe in groups:
            if items:
                names = ", ".join(_escape(describe(i)) for i in items)
                console.print(f"[{colour}]{label} ({len(items)}):[/{colour}] {names}")
        if console.is_terminal:
            shown = Text(extraction.text)
            colours = {i.id: ("green" if i.credit >= 1 else "yellow" if i.credit else "red") for i in result.items}
            for skill in extraction.skills:
                for mention in skill.mentions:
                    shown.stylize(colours.get(skill.id, "dim"), mention.start, mention.end)
            console.print()
            console.print(shown)


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
