"""The ``jobmatch`` command: arguments → library calls → output; errors → one line and exit code 2.

Heavy imports (spaCy, rich, beautifulsoup4) happen inside the commands that need them, so
``jobmatch --help`` starts at once.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import click

from . import __version__
from ._table import safe as _safe  # control characters from a posting shown harmless (a light module)
from .errors import JobmatchError, JobmatchWarning

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._ahead import Ahead
    from .extract import Extraction, SkillExtractor, SkillMatch
    from .profile import Profile
    from .rank import Ranked
    from .reading import Years
    from .score import Idf
    from .sources import Posting, Unread
    from .store import Store
    from .taxonomy import Taxonomy

EXIT_BAD_INPUT = 2
T = TypeVar("T")


def _error(message: str) -> None:
    click.echo(f"jobmatch: error: {_safe(message)}", err=True)


def _warn(message: str) -> None:
    click.echo(f"jobmatch: warning: {_safe(message)}", err=True)


class _Group(click.Group):
    """Any JobmatchError a command lets through is one line and exit code 2, never a traceback;
    jobmatch's warnings (a cache the store could not write) are one line each."""

    def invoke(self, ctx: click.Context) -> Any:
        with warnings.catch_warnings():
            shown = warnings.showwarning

            def show(message: Any, category: type[Warning], *args: Any, **kwargs: Any) -> None:
                if issubclass(category, JobmatchWarning):
                    _warn(str(message))
                else:
                    shown(message, category, *args, **kwargs)

            warnings.showwarning = show
            warnings.simplefilter("always", JobmatchWarning)
            try:
                return super().invoke(ctx)
            except JobmatchError as err:
                _error(str(err))
                sys.exit(EXIT_BAD_INPUT)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="jobmatch")
def cli() -> None:
    """Extract the skills job postings ask for, and match them against your skill profile.

    SOURCE: a file (.txt, .md, .html, .htm, .json), a folder (every posting in it), - for standard
    input, or an http(s) URL. Your profile (--profile) is a résumé (.txt, .md, .pdf) or a TOML list
    of your skills (`jobmatch profile init` writes one from a résumé). Everything runs on this
    computer; only a URL you give is fetched.

    Start here: the skills a posting asks for; your score against it, with what matched and what
    is missing; many postings, the best fit first; what to learn next:

    \b
      jobmatch extract posting.html
      jobmatch match posting.html --profile resume.pdf
      jobmatch rank postings/ --profile resume.pdf
      jobmatch gaps postings/ --profile resume.pdf

    Run `jobmatch COMMAND --help` for a command's options and examples. --format json output is
    described, with a JSON Schema for each command, in docs/json.md.
    """


_DB_OPTION = click.option(
    "--db", "db", type=click.Path(dir_okay=False), default=None, envvar="JOBMATCH_DB",
    help="The saved-listings database (default: jobmatch.db in your data folder; or set JOBMATCH_DB).",
)  # fmt: skip


_ROLE_OPTION = click.option(
    "--role", "roles", multiple=True, metavar="TITLE",
    help="A role you are after (repeatable), e.g. --role \"Data Scientist\"; replaces the roles read from the profile.",
)  # fmt: skip


_UNITS = {"": 1, "k": 1_000, "kb": 1_000, "m": 1_000_000, "mb": 1_000_000, "g": 1_000_000_000, "gb": 1_000_000_000}


class _Size(click.ParamType):
    """A size: 2MB, 500KB, 1.5M, or a number of characters."""

    name = "SIZE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        import re

        match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", str(value))
        unit = match.group(2).lower() if match else ""
        if not match or unit not in _UNITS or float(match.group(1)) * _UNITS[unit] < 1:
            self.fail(f"{value!r} is not a size (say 2MB, 500KB or 1500000)", param, ctx)
        return int(float(match.group(1)) * _UNITS[unit])


def _keep_max_size(ctx: click.Context, param: click.Parameter, value: int) -> None:
    ctx.meta["jobmatch.max_size"] = value


_MAX_SIZE_OPTION = click.option(
    "--max-size", type=_Size(), default="2MB", show_default=True, expose_value=False, callback=_keep_max_size,
    help="Refuse a posting of more text than this (an HTML or JSON file may be 5 times larger), e.g. 500KB, 10MB.",
)  # fmt: skip


def _complete_sources(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """A SOURCE completes as a file or folder name (the shell lists them)."""
    from click.shell_completion import CompletionItem

    return [CompletionItem(incomplete, type="file")]


def _complete_saved_ids(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """An ID completes as the saved postings' ids, each with its title; nothing when the store cannot be read."""
    from click.shell_completion import CompletionItem

    from .store import Store

    try:
        with Store(ctx.params.get("db"), write=False) as store:
            headers = store.headers()
    except Exception:  # a locked, foreign or corrupt file: completion offers nothing, and never a traceback
        return []
    return [
        CompletionItem(str(i), help=_safe(title or source)[:60])
        for i, _, source, title in headers
        if str(i).startswith(incomplete)
    ]


def _max_size() -> int:
    from .sources import MAX_SIZE

    ctx = click.get_current_context(silent=True)
    return int(ctx.meta.get("jobmatch.max_size", MAX_SIZE)) if ctx is not None else MAX_SIZE


def _keep_taxonomy(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> None:
    if value:
        ctx.meta["jobmatch.taxonomy"] = (*ctx.meta.get("jobmatch.taxonomy", ()), *value)


_JOBS_OPTION = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Read and extract the postings in N processes.",
)
_QUIET_OPTION = click.option("--quiet", "-q", is_flag=True, help="No progress bar on stderr.")
_TAXONOMY_OPTION = click.option(
    "--taxonomy", type=click.Path(), multiple=True, metavar="PATH", expose_value=False, callback=_keep_taxonomy,
    help="Your own skills: a .jsonl file or folder that extends the bundled taxonomy (repeatable; "
    "JOBMATCH_TAXONOMY and the user skills folder do too; see `jobmatch taxonomy`).",
)  # fmt: skip


def _taxonomy() -> Taxonomy:
    """The taxonomy this command uses: the bundled one extended by the user skills folder,
    JOBMATCH_TAXONOMY and --taxonomy; or one line and exit code 2."""
    from .taxonomy import load_taxonomy

    paths = _taxonomy_paths()
    return _or_exit(lambda: load_taxonomy(paths))


def _taxonomy_paths() -> list[str]:
    """The --taxonomy paths given to this command."""
    ctx = click.get_current_context(silent=True)
    return list(ctx.meta.get("jobmatch.taxonomy", ())) if ctx is not None else []


def _open_store(db: str | None, *, write: bool = False) -> Store:
    """The store, opened to read (nothing written on opening; caches kept where the file allows) or
    to ``write``; or one line and exit code 2."""
    from .store import Store

    try:
        return Store(db, write=write)
    except JobmatchError as err:
        _error(str(err))
        sys.exit(EXIT_BAD_INPUT)


def _posting_dict(posting: Posting, extraction: Extraction) -> dict[str, Any]:
    from .records import posting_record

    return posting_record(posting, extraction)


def _role_names(posting: Posting, extraction: Extraction) -> list[str]:
    from .records import role_names

    return role_names(posting, extraction)


def _table_record(posting: Posting, extraction: Extraction, category_name: Any) -> dict[str, Any]:
    """What the table view shows of one posting, as plain data (made where the posting was read)."""
    title = extraction.title or posting.title
    role = ", ".join(_role_names(posting, extraction))
    by_category: dict[str, list[tuple[str, str]]] = {}
    for skill in extraction.skills:
        by_category.setdefault(skill.category, []).append(_skill_label(skill))
    return {
        "heading": posting.source + (f" — {title}" if title else ""),
        "rows": [("Role", role)] * bool(role) + _header_rows(extraction),
        "categories": [(category_name(category), names) for category, names in by_category.items()],
        "counts": [
            len(extraction.skills),
            *(sum(s.required is level for s in extraction.skills) for level in (True, False)),
        ],
    }


def _print_table(records: Iterable[dict[str, Any]]) -> None:
    from ._table import Column, paragraph, render, styled, terminal

    width, styles = terminal()
    fields = [Column("field", wrap=False, style="bold"), Column("value")]
    categories = [Column("category", wrap=False, style="cyan"), Column("skills")]
    for number, record in enumerate(records):
        text = "\n" if number else ""
        text += paragraph(record["heading"], width=width, style="bold", styles=styles)
        if record["rows"]:
            text += render(fields, record["rows"], width=width, styles=styles, show_header=False)
        if not record["categories"]:
            click.echo(text + "  no skills found", color=bool(styles))
            continue
        rows = [(category, [styled(_joined(labels, ", "))]) for category, labels in record["categories"]]
        text += render(categories, rows, width=width, styles=styles, show_header=False)
        total, required, preferred = record["counts"]
        text += paragraph(
            f"{total} skills: {required} required (bold), {preferred} preferred (+), boilerplate only in grey",
            width=width, style="dim", styles=styles, indent=2,
        )  # fmt: skip
        click.echo(text, nl=False, color=bool(styles))


def _joined(pieces: list[tuple[str, str]], between: str) -> Iterator[tuple[str, str]]:
    """(text, style) pieces with ``between`` (unstyled) between them."""
    for number, piece in enumerate(pieces):
        if number:
            yield between, ""
        yield piece


def _extract_output(fmt: str, extractor: SkillExtractor, posting: Posting) -> tuple[Any, str | None]:
    """One posting's whole ``extract`` work, done where the posting is read (a worker with --jobs):
    the record to print (table rows, or its JSON text) and its language; the text stays there."""
    extraction = extractor.extract(posting)
    if fmt == "table":
        return _table_record(posting, extraction, extractor.taxonomy.category_name), extraction.language
    return _dumped(_posting_dict(posting, extraction), fmt), extraction.language


def _skill_label(skill: SkillMatch) -> tuple[str, str]:
    """A skill as the table shows it, and its style: bold if required, grey if only in boilerplate."""
    label = skill.name
    if skill.years:
        label += f" {skill.years:g}y+"
    if len(skill.mentions) > 1:
        label += f" ×{len(skill.mentions)}"
    if skill.boilerplate:
        return label, "dim"
    if skill.required:
        return label, "bold"
    return (label + " (+)" if skill.required is False else label), ""


def _experience_text(years: Years) -> str:
    """ "3–5 years", "5+ years"; in months where a figure is not a whole year ("6+ months")."""
    low, high = years.min or 0, years.max
    whole = float(low).is_integer() and (high is None or float(high).is_integer())
    unit, scale = ("years", 1) if whole else ("months", 12)
    if high is not None and years.min is not None:
        return f"{round(low * scale, 1):g}–{round(high * scale, 1):g} {unit}"
    return f"{round(low * scale, 1):g}+ {unit}"


def _header_rows(extraction: Extraction) -> list[tuple[str, str]]:
    """The posting's fields as (label, text) rows for the table view; empty ones left out."""
    rows: list[tuple[str, str]] = []
    years = extraction.years
    level = " · ".join(part for part in (extraction.seniority, years and _experience_text(years)) if part)
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
    # (the certifications are skills of their own category, listed with the other skills below)
    names = {s.id: s.name for s in extraction.skills}
    if extraction.alternatives:
        rows.append(("Either of", "; ".join(" | ".join(names[i] for i in group) for group in extraction.alternatives)))
    return rows


def _emit_json(records: list[dict[str, Any]], fmt: str, single: bool) -> None:
    _emit_dumped([_dumped(record, fmt) for record in records], fmt, single)


def _dumped(record: dict[str, Any], fmt: str) -> str:
    """One record as JSON text: a line for ``jsonl``, indented for ``json`` (``_emit_dumped``)."""
    return json.dumps(record, ensure_ascii=False, indent=None if fmt == "jsonl" else 2)


def _emit_dumped(texts: list[str], fmt: str, single: bool) -> None:
    """Records already dumped (``_dumped``, where they were made: a worker with --jobs) printed as
    ``json.dumps`` would print them all: a line each (jsonl), the one object, or a list of them."""
    if fmt == "jsonl":
        if texts:
            click.echo("\n".join(texts))
    elif single and len(texts) == 1:
        click.echo(texts[0])
    elif not texts:
        click.echo("[]")
    else:  # each object one level in (a newline in JSON text is only ever between tokens)
        click.echo("[\n" + ",\n".join("  " + text.replace("\n", "\n  ") for text in texts) + "\n]")


def _profile_or_exit(path: str, **where: Any) -> Profile:
    """The profile at ``path``, its unknown names warned about; or one line and exit code 2."""
    from .profile import load_profile

    roles = where.pop("roles", ())
    try:
        profile = load_profile(path, **where)
    except JobmatchError as err:
        _error(str(err))
        sys.exit(EXIT_BAD_INPUT)
    if roles:
        from .profile import with_roles

        profile = with_roles(profile, list(roles), where.get("taxonomy") or _taxonomy())
    from .profile import MAX_SUGGESTED

    for name, suggestions in profile.unknown[:MAX_SUGGESTED]:
        hint = f" (did you mean {', '.join(suggestions)}?)" if suggestions else ""
        _warn(f"{path}: unknown skill {name[:80]!r}{hint}")
    if len(profile.unknown) > MAX_SUGGESTED:
        more = len(profile.unknown) - MAX_SUGGESTED
        _warn(f"{path}: {more:,} more unknown skills (names and suggestions shown for the first {MAX_SUGGESTED} only)")
    for name, suggestions in profile.unknown_roles[:MAX_SUGGESTED]:
        hint = f" (did you mean {', '.join(suggestions)}?)" if suggestions else ""
        _warn(f"unknown role {name[:80]!r}{hint}; ranking by skills alone")
    if not profile.skills:
        click.echo(f"jobmatch: warning: {path}: no known skills, so every score is 0", err=True)
    return profile


def _read_all(sources: Iterable[str]) -> tuple[list[Posting], int]:
    """Every posting of ``sources``, and how many could not be read (each said in one line)."""
    from .sources import load_postings

    return _said(load_postings(sources, max_size=_max_size()))


def _pending_all(sources: Iterable[str]) -> tuple[list[Posting | Unread], int]:
    """``_read_all``, with files left unread (``sources.Unread``): read where each posting's work
    is done, in the ``--jobs`` workers."""
    from .sources import pending_postings

    return _said(pending_postings(sources, max_size=_max_size()))


def _said(items: Iterable[T | JobmatchError]) -> tuple[list[T], int]:
    """The items that are no error, and how many were: each said in one line."""
    kept: list[T] = []
    failures = 0
    for item in items:
        if isinstance(item, JobmatchError):
            _error(str(item))
            failures += 1
        else:
            kept.append(item)
    return kept, failures


@cli.command()
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...", shell_complete=_complete_sources)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default="table", show_default=True,
    help="table: skills grouped by category; json: one object (a list for several postings); jsonl: one object a line.",
)  # fmt: skip
@_TAXONOMY_OPTION
@_JOBS_OPTION
@_QUIET_OPTION
@_MAX_SIZE_OPTION
def extract(sources: tuple[str, ...], fmt: str, jobs: int, quiet: bool) -> None:
    """List the skills each posting asks for, with every mention.

    Also read: how firmly each skill is asked for (required, preferred), the years asked, and the
    posting's level, pay, place, education and certifications.

    SOURCE: a file, a folder, - for standard input, or an http(s) URL.

    \b
    Examples:
      jobmatch extract sample_listings/ml-engineer-northwind.md
      jobmatch extract https://careers.example.com/jobs/123
      cat posting.txt | jobmatch extract - --format json
      jobmatch extract sample_listings/ --format jsonl > skills.jsonl
    """
    from ._headstart import HeadStart
    from .extract import SkillExtractor, prepared_of
    from .roles import posting_roles
    from .sources import each_posting

    taxonomy = _taxonomy()
    pending, failures = _pending_all(sources)
    # with --jobs, what needs no spaCy is read meanwhile on the idle core (``jobmatch._headstart``)
    read_ahead = functools.partial(prepared_of, roles=posting_roles)
    with HeadStart(pending if jobs != 1 else [], read_ahead) as ahead:
        try:
            extractor = SkillExtractor(taxonomy)
        except JobmatchError as err:
            _error(str(err))
            sys.exit(EXIT_BAD_INPUT)
        # every posting's whole work (the file read, fields, role, the record printed) in --jobs processes
        work = functools.partial(each_posting, functools.partial(_extract_output, fmt))
        mapped = extractor.map(work, pending, n_process=jobs, batch_size=16, head_start=ahead)
        outputs = list(_progress(mapped, len(pending), "Extracting", quiet))
    read, unread = _said(outputs)
    failures += unread
    results = [result for out in read for _, result in out]
    _warn_languages((posting.source, language) for out in read for posting, (_, language) in out)
    if fmt == "table":
        _print_table(record for record, _ in results)
    else:
        single = len(sources) == 1 and not _is_dir(sources[0])
        _emit_dumped([text for text, _ in results], fmt, single)
    if failures:
        sys.exit(EXIT_BAD_INPUT)


@cli.command()
@click.argument("sources", nargs=-1, metavar="[SOURCE]...", shell_complete=_complete_sources)
@click.option(
    "--profile", "profile_path", required=True, type=click.Path(),
    help="Your skills: a .toml profile (see `jobmatch profile init`) or a résumé (.txt, .md, .pdf).",
)  # fmt: skip
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
    help="table: score, matched, partial and missing skills (and the posting highlighted on a terminal); json: one "
    "object (a list for several postings).",
)  # fmt: skip
@click.option(
    "--no-text", is_flag=True, expose_value=False,
    callback=lambda ctx, _, flag: ctx.meta.update({"jobmatch.text": not flag}),
    help="Show only the score and the lists. Without it, on a terminal, the posting follows with its skills "
    "highlighted, through your pager ($PAGER, else less).",
)  # fmt: skip
@click.option("--saved", is_flag=True, help="Also match every posting saved with `jobmatch save` (no network needed).")
@_DB_OPTION
@click.option("--quiet", "-q", is_flag=True, help="No progress bar on stderr.")
@_ROLE_OPTION
@_TAXONOMY_OPTION
@_MAX_SIZE_OPTION
def match(
    sources: tuple[str, ...], profile_path: str, fmt: str, saved: bool, db: str | None, quiet: bool,
    roles: tuple[str, ...],
) -> None:  # fmt: skip
    """Score postings against your profile: matched and missing.

    The score (0-100) says how much of what a posting asks for you have; the fit (0-100), how well
    the posting fits you (see `jobmatch rank`).

    Each skill a posting asks for weighs by how rare it is across postings (TF-IDF) and by how
    firmly it is asked for (required > unspecified > preferred); related skills and fewer years
    than asked earn partial credit. On a terminal the score and lists come first, then the posting
    with its skills highlighted, through your pager.

    SOURCE: a file, a folder, - for standard input, or an http(s) URL.

    \b
    Examples:
      jobmatch match sample_listings/ml-engineer-northwind.md \\
          --profile sample_listings/profiles/ml-engineer.toml
      jobmatch match https://careers.example.com/jobs/123 --profile resume.pdf --no-text
      pbpaste | jobmatch match - --profile me.toml --format json
      jobmatch match --saved --profile me.toml
    """
    from dataclasses import replace

    from .extract import SkillExtractor
    from .rank import gather, rank_items, read_item, summary
    from .score import batch_idf, load_idf

    if not sources and not saved:
        raise click.UsageError("give at least one SOURCE, or --saved")
    batch = saved or len(sources) > 1 or any(_is_dir(source) for source in sources)
    with _fit_idf_ahead() if batch else contextlib.nullcontext() as fit:
        extractor = SkillExtractor(_taxonomy())
        profile = _profile_or_exit(profile_path, extractor=extractor, roles=roles)
        postings, failures = _read_all(sources)
        extractions = list(_progress(extractor.pipe(postings), len(postings), "Reading postings", quiet))
        items = [read_item(p, e) for p, e in zip(postings, extractions, strict=True)]
        if saved:  # the saved postings as ranking keeps them: from the store's cache, extracted only when new
            with _open_store(db) as store:
                kept, _, matrix = _or_exit(lambda: gather([], taxonomy=extractor.taxonomy, store=store))
            items += [kept[n] if kept[n].asks is not None or matrix is None else
                      replace(kept[n], asks=matrix.asks_of(n)) for n in range(len(kept))]  # fmt: skip
        # one posting: the shipped reference IDF; a batch: refitted with the batch's own postings
        idf = batch_idf([i.asks or () for i in items], fit=fit) if len(items) > 1 else load_idf()
    ranked = {id(r.posting): r for r in rank_items(profile, items, taxonomy=extractor.taxonomy, idf=idf)}
    _warn_unread_language(zip(postings, extractions, strict=True))
    if fmt == "json":
        records = [summary(ranked[id(i.posting)]) for i in items]
        single = len(sources) == 1 and not _is_dir(sources[0]) and not saved
        _emit_json(records, "json", single)
    else:
        shown = dict(zip((id(p) for p in postings), extractions, strict=True))
        _print_matches([(i.posting, shown.get(id(i.posting)), ranked[id(i.posting)]) for i in items])
    if failures:
        sys.exit(EXIT_BAD_INPUT)


def _warn_unread_language(results: Iterable[tuple[Posting, Extraction]]) -> None:
    _warn_languages((posting.source, extraction.language) for posting, extraction in results)


def _warn_languages(languages: Iterable[tuple[str, str | None]]) -> None:
    """One warning line for each posting (source, language) not in English: only its tool names were read."""
    from .language import LANGUAGE_NAMES

    for source, language in languages:
        if language not in (None, "en"):
            name = LANGUAGE_NAMES.get(language, language)
            click.echo(
                f"jobmatch: warning: {source}: written in {name}, not English; only names of tools and "
                "skills were read",
                err=True,
            )


@cli.group()
def profile() -> None:
    """Make a skill profile (--profile) from your résumé.

    A profile is what `match`, `rank`, `gaps` and `serve` compare postings with: the skills you
    have (each true, a number of years, or years and a level) and the roles you are after. They
    read a résumé directly too; `profile init` writes what they read from it as a TOML file you
    can correct (add a skill it missed, fix the years) and keep.

    \b
    Examples:
      jobmatch profile init --from resume.pdf -o me.toml
      jobmatch match posting.html --profile me.toml
    """


@profile.command("init")
@click.option(
    "--from", "resume", required=True, type=click.Path(), help="Your résumé (.txt, .md or .pdf) to read skills from."
)
@click.option(
    "--output", "-o", type=click.Path(), default=None, help="Write the profile here instead of stdout (-: stdout)."
)
@click.option("--force", is_flag=True, help="Overwrite --output if it exists.")
@_TAXONOMY_OPTION
def profile_init(resume: str, output: str | None, force: bool) -> None:
    """Write an editable TOML profile from the skills (and years) your résumé states.

    Unknown or misspelt names in a profile are warned about, with the closest known ones, by every
    command that reads it.

    \b
    Examples:
      jobmatch profile init --from resume.pdf -o me.toml
      jobmatch profile init --from sample_resumes/data-scientist.txt      # print it
    """
    from pathlib import Path

    from .profile import RESUME_SUFFIXES, load_profile, profile_to_toml

    if not resume.lower().endswith(RESUME_SUFFIXES):
        _error(f"{resume}: a résumé is a .txt, .md or .pdf file")
        sys.exit(EXIT_BAD_INPUT)
    try:
        text = profile_to_toml(load_profile(resume, taxonomy=_taxonomy()))
    except JobmatchError as err:
        _error(str(err))
        sys.exit(EXIT_BAD_INPUT)
    if output is None or output == "-":  # "-o -": standard output, as everywhere
        click.echo(text, nl=False)
        return
    target = Path(output)
    if target.is_dir():
        _error(f"{output}: is a folder; give a file name, such as {Path(output) / 'me.toml'}")
        sys.exit(EXIT_BAD_INPUT)
    if not target.parent.is_dir():
        _error(f"{output}: no such folder {str(target.parent)!r}; create it first")
        sys.exit(EXIT_BAD_INPUT)
    if target.exists() and not force:
        _error(f"{output}: already exists (use --force to overwrite)")
        sys.exit(EXIT_BAD_INPUT)
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as err:
        _error(f"{output}: cannot write ({err.strerror or err})")
        sys.exit(EXIT_BAD_INPUT)
    click.echo(f"wrote {_safe(output)}", err=True)


_PROFILE_OPTION = click.option(
    "--profile", "profile_path", required=True, type=click.Path(),
    help="Your skills: a .toml profile (see `jobmatch profile init`) or a résumé (.txt, .md, .pdf).",
)  # fmt: skip
_SAVED_OPTION = click.option("--saved", is_flag=True, help="Also use every posting saved with `jobmatch save`.")


def _ranked(
    sources: tuple[str, ...], profile_path: str, roles: tuple[str, ...], saved: bool, db: str | None, jobs: int,
    quiet: bool, **keep: Any,
) -> tuple[list[Ranked], Profile, Taxonomy, Idf, int]:  # fmt: skip
    """Load the profile and the postings, and rank them (``jobmatch.rank``): the start of rank and gaps."""
    from .rank import gather, rank_items

    if not sources and not saved:
        raise click.UsageError("give at least one SOURCE, or --saved")
    with _fit_idf_ahead() as fit:
        taxonomy = _taxonomy()  # the extractor (and spaCy) only if something needs extracting
        profile = _profile_or_exit(profile_path, taxonomy=taxonomy, roles=roles)
        postings, failures = _pending_all(sources)  # files are read where they are extracted
        if failures and not postings and not saved:
            sys.exit(EXIT_BAD_INPUT)  # nothing to rank: said why, one line a source

        def progress(items: Iterable[T], total: int) -> Iterable[T]:
            return _progress(items, total, "Reading postings", quiet)

        unread: list[JobmatchError] = []
        if saved:
            with _open_store(db) as store:
                items, idf, matrix = _or_exit(lambda: gather(postings, taxonomy=taxonomy, store=store, jobs=jobs,
                                                             progress=progress, fit=fit,
                                                             failed=unread.append))  # fmt: skip
        else:
            items, idf, matrix = gather(postings, taxonomy=taxonomy, jobs=jobs, progress=progress, fit=fit,
                                        failed=unread.append)  # fmt: skip
        failures += _said(unread)[1]
    if not items and failures:
        sys.exit(EXIT_BAD_INPUT)
    ranked = rank_items(profile, items, taxonomy=taxonomy, idf=idf, matrix=matrix, **keep)
    return ranked, profile, taxonomy, idf, failures


def _fit_idf_ahead() -> Ahead[list[Sequence[str]], Idf]:
    """``score.fit_idf``, with scikit-learn (a second to import) imported meanwhile in a process of
    its own, on a core the start-up leaves idle (``jobmatch._ahead``): for a command that ends by
    fitting a batch's IDF."""
    from ._ahead import Ahead
    from .score import fit_idf

    return Ahead(fit_idf, modules=("sklearn.feature_extraction.text",), without=("pandas",), deferred=("scipy.stats",))


def _or_exit(work: Callable[[], T]) -> T:
    """``work()``, or its JobmatchError as one line and exit code 2."""
    try:
        return work()
    except JobmatchError as err:
        _error(str(err))
        sys.exit(EXIT_BAD_INPUT)


@cli.command()
@click.argument("sources", nargs=-1, metavar="[SOURCE]...", shell_complete=_complete_sources)
@_PROFILE_OPTION
@_ROLE_OPTION
@_SAVED_OPTION
@_DB_OPTION
@click.option("--top", type=click.IntRange(min=1), default=None, help="Show only the N best postings.")
@click.option("--min-fit", type=float, default=0, show_default=True, help="Hide postings whose fit is below F.")
@click.option("--min-score", type=float, default=0, show_default=True, help="Hide postings scoring below S.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
    help="table: rank, fit, score, title, why, missing skills; json: a list; csv: one row a posting (lists joined "
    "by '; ').",
)  # fmt: skip
@_JOBS_OPTION
@_QUIET_OPTION
@_TAXONOMY_OPTION
@_MAX_SIZE_OPTION
def rank(
    sources: tuple[str, ...], profile_path: str, roles: tuple[str, ...], saved: bool, db: str | None,
    top: int | None, min_fit: float, min_score: float, fmt: str, jobs: int, quiet: bool,
) -> None:  # fmt: skip
    """Rank postings by how well they fit you, and say why.

    The best fit comes first.

    FIT (the order, 0-100) is the TF-IDF cosine similarity of your profile and the posting: the
    skills both name, each weighed by how rare it is, how firmly the posting asks and how much your
    profile stresses it, and the role the posting is for against the roles you are after. SCORE is
    the match score: how much of what the posting asks for you have.

    SOURCE: a file, a folder, - for standard input, or an http(s) URL.

    \b
    Examples:
      jobmatch rank sample_listings/ --profile sample_resumes/data-scientist.txt
      jobmatch rank sample_listings/ --profile me.toml --role "Data Engineer" --top 5
      jobmatch rank --saved --profile me.toml --top 10 --format csv
    """
    from .rank import summary

    shown, _, _, _, failures = _ranked(
        sources, profile_path, roles, saved, db, jobs, quiet, top=top, min_fit=min_fit, min_score=min_score
    )
    if fmt == "json":
        click.echo(json.dumps([summary(r) for r in shown], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout)
        columns = ["rank", "fit", "score", "uses", "title", "source", "role", "role_match", "shared", "matched",
                   "partial", "missing"]  # fmt: skip
        writer.writerow(columns)
        for number, r in enumerate(shown, 1):
            record = summary(r, items=False)  # the items' names only: no dict of each
            for key in ("role", "shared"):
                record[key] = "; ".join(record[key])
            for key in ("matched", "partial", "missing"):
                record[key] = "; ".join(i.name for i in getattr(r.match, key))
            for key in ("title", "source"):
                record[key] = _safe(record[key] or "")
            writer.writerow([number, *(record[c] if record[c] is not None else "" for c in columns[1:])])
    else:
        _print_ranking(shown)
    if failures:
        sys.exit(EXIT_BAD_INPUT)


def _why(r: Ranked) -> str:
    """Why a posting placed where it did: its role against the target, and the skills that carry it."""
    from .roles import load_roles

    roles = load_roles()
    role = " / ".join(roles[i].name for i in r.roles if i in roles)
    parts = []
    if r.role_match == "target":
        parts.append(f"role: {role} = yours")
    elif r.role_match == "related":
        parts.append(f"role: {role} ~ yours")
    elif r.role_match == "other":
        parts.append(f"role: {role}, not yours")
    elif role:
        parts.append(f"role: {role}")
    if r.shared:
        parts.append("you have " + ", ".join(r.shared))
    return "; ".join(parts)


def _print_ranking(ranked: list[Ranked]) -> None:
    from ._table import Column, Part, paragraph, render, terminal

    names, folder = _short_sources([r.posting.source for r in ranked])
    width, styles = terminal()
    # The title column takes half of what the numbers leave, more where a file name needs it and
    # the reasons keep 24 columns; the reasons get the rest.
    free = width - len(str(len(ranked))) - 16
    widest = max((len(n) for n in names), default=0)
    columns = [
        Column("#", justify="right", wrap=False),
        Column("fit", justify="right", wrap=False, style="bold"),
        Column("score", justify="right", wrap=False),
        Column("title / source", width=max(free // 2, min(widest, free - 24), 8)),
        Column("why · missing"),
    ]
    rows = []
    for number, (r, name) in enumerate(zip(ranked, names, strict=True), 1):
        # The source goes under the title: a file name has no spaces to wrap at, so a column of its own
        # would cut it mid-word in an 80-column terminal. A title that is really a paragraph (the
        # posting's first lines) is cut at three lines.
        missing = ", ".join(i.name for i in r.match.missing[:3])
        rows.append((
            str(number), f"{r.fit:g}", f"{r.score:g}",
            (Part(r.title or "", max_lines=3), Part(name, "dim")),
            (Part(_why(r)), Part(missing and "missing " + missing, "red")),
        ))  # fmt: skip
    text = render(columns, rows, width=width, styles=styles, caption=f"sources in {folder}" if folder else "")
    if ranked:
        text += paragraph(
            "fit: how well the posting fits you (skills both name, and its role against yours); "
            "score: how much of what it asks for you have",
            width=width, style="dim", styles=styles,
        )  # fmt: skip
    click.echo(text, nl=False, color=bool(styles))


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
@click.argument("sources", nargs=-1, metavar="[SOURCE]...", shell_complete=_complete_sources)
@_PROFILE_OPTION
@_ROLE_OPTION
@_SAVED_OPTION
@_DB_OPTION
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="How many gaps to list.")
@click.option("--threshold", type=float, default=70, show_default=True, help="The score that counts as a match.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
    help="table: the gaps and the plan; json: one object (see docs/json.md).",
)  # fmt: skip
@_JOBS_OPTION
@_QUIET_OPTION
@_TAXONOMY_OPTION
@_MAX_SIZE_OPTION
def gaps(
    sources: tuple[str, ...], profile_path: str, roles: tuple[str, ...], saved: bool, db: str | None, top: int,
    threshold: float, fmt: str, jobs: int, quiet: bool,
) -> None:  # fmt: skip
    """The skills you lack, and what to learn next.

    The skills your profile lacks across the postings you are after, most important first, and a
    plan of three skills to learn.

    Each posting counts by its fit (see `jobmatch rank`), so the gaps come from the postings of your
    own trade, not from every trade in the folder; what your roles imply counts as held. Soft skills
    and spoken languages are listed apart. "Learn next" is the learnable skill that lifts the most
    postings over --threshold (then raises their scores the most), then the next given the first.

    SOURCE: a file, a folder, - for standard input, or an http(s) URL.

    \b
    Examples:
      jobmatch gaps sample_listings/ --profile sample_resumes/data-scientist.txt
      jobmatch gaps --saved --profile me.toml --role "Data Engineer" --threshold 60
    """
    from .rank import gaps as find_gaps
    from .rank import learning_plan

    ranked, profile, taxonomy, idf, failures = _ranked(sources, profile_path, roles, saved, db, jobs, quiet)
    found = find_gaps(ranked, taxonomy=taxonomy, top=top * 2)
    learn = [g for g in found if g.kind == "skill"][:top]
    soft = [g for g in found if g.kind == "soft"][:5]
    domains = [g for g in found if g.kind == "domain"][:5]
    plan = learning_plan(profile, ranked, taxonomy=taxonomy, idf=idf, threshold=threshold)
    over = sum(r.score >= threshold for r in ranked)
    if fmt == "json":
        click.echo(json.dumps({
            "postings": len(ranked), "threshold": threshold, "over_threshold": over,
            "gaps": [g.__dict__ for g in learn], "soft_gaps": [g.__dict__ for g in soft],
            "domain_gaps": [g.__dict__ for g in domains],
            "learn_next": [s.__dict__ for s in plan.steps], "plan_lifts_any": plan.lifts_any,
            "suggested_threshold": plan.suggested_threshold,
        }, ensure_ascii=False, indent=2))  # fmt: skip
    else:
        _print_gaps(len(ranked), over, threshold, learn, soft, domains, plan)
    if failures:
        sys.exit(EXIT_BAD_INPUT)


def _print_gaps(
    n: int, over: int, threshold: float, learn: list[Any], soft: list[Any], domains: list[Any], plan: Any
) -> None:
    """``gaps`` for a person: the table of missing skills, the others asked for, and the plan, each
    line wrapped at words to the terminal (a pipe: 80 columns), a numbered step's lines under its text."""
    from ._table import Column, paragraph, render, safe, terminal, wrap

    width, styles = terminal()
    title = paragraph("Skills you lack, most important first", width=width, style="bold", styles=styles)
    out = [f"{n} postings; {over} score {threshold:g} or more.\n", title]
    hot = any(g.hot for g in learn)  # O*NET's hot technologies, where an import linked them
    columns = [
        Column("skill"),
        *(Column(c, justify="right", wrap=False) for c in ("importance", "postings", "required", "preferred")),
    ]
    rows = [[g.name, f"{g.importance:g}", str(g.listings), str(g.required), str(g.preferred)] for g in learn]
    if hot:
        columns.append(Column("hot"))
        rows = [[*row, "hot" if g.hot else ""] for row, g in zip(rows, learn, strict=True)]
    out.append(render(columns, rows, width=width, styles=styles))
    if hot:
        out.append(paragraph("hot: a hot technology in O*NET (often in employers' postings)", width=width, style="dim",
                             styles=styles))  # fmt: skip
    for label, listed in (("soft skills and languages", soft), ("domains", domains)):
        if listed:
            out.append(paragraph(f"Also asked for ({label}): {', '.join(g.name for g in listed)}", width=width,
                                 style="dim", styles=styles))  # fmt: skip
    out.append(paragraph("Learn next", width=width, style="bold", styles=styles))
    for number, step in enumerate(plan.steps, 1):
        reach = "posting reaches" if step.newly_over_threshold == 1 else "postings reach"
        text = (f"{step.name}: +{step.mean_gain:g} points where you fit best; {step.newly_over_threshold} more {reach} "
                f"{threshold:g} ({step.over_threshold} in all)")  # fmt: skip
        mark = f"  {number}. "
        for i, (line, _) in enumerate(wrap(safe(text), max(width - len(mark), 20))):
            out.append((mark if i == 0 else " " * len(mark)) + line + "\n")
    if not plan.steps:
        out.append("  nothing left that would raise your scores\n")
    elif not plan.lifts_any:
        hint = f"; try --threshold {plan.suggested_threshold:g}" if plan.suggested_threshold else ""
        out.append(paragraph(f"None of these lifts a posting to {threshold:g}: the postings that fit you best score "
                             f"about {plan.suggested_threshold:g}{hint}.", width=width, indent=2))  # fmt: skip
    click.echo("".join(out), nl=False, color=bool(styles))


@cli.command()
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...", shell_complete=_complete_sources)
@_DB_OPTION
@_MAX_SIZE_OPTION
def save(sources: tuple[str, ...], db: str | None) -> None:
    """Save postings to use later without the files or the network.

    The text, title and source are kept (for a URL, the fetch time too; never the raw page). A
    posting whose content is saved already is not saved twice. `match`, `rank` and `gaps` use the
    saved postings with --saved; `list`, `show` and `rm` manage them.

    SOURCE: a file, a folder, - for standard input, or an http(s) URL.

    \b
    Examples:
      jobmatch save https://careers.example.com/jobs/123
      jobmatch save sample_listings/
    """
    from .sources import load_postings
    from .store import _now

    failures = 0
    with _open_store(db, write=True) as store:
        for item in load_postings(sources, max_size=_max_size()):
            if isinstance(item, JobmatchError):
                _error(str(item))
                failures += 1
                continue
            fetched = _now() if item.source.startswith(("http://", "https://")) else None
            try:
                posting_id, new = store.save(item, fetched_at=fetched)
            except JobmatchError as err:  # reported; the rest of the batch is still saved
                _error(f"{item.source}: not saved: {err}")
                failures += 1
                continue
            state = "saved" if new else "already saved"
            title = f"\t{_safe(item.title)}" if item.title else ""
            click.echo(f"{posting_id}\t{state}\t{_safe(item.source)}{title}")
    if failures:
        sys.exit(EXIT_BAD_INPUT)


@cli.command("list")
@_DB_OPTION
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
    help="table: one line a posting; json: a list of objects.",
)  # fmt: skip
def list_saved(db: str | None, fmt: str) -> None:
    """List saved postings: id, when saved, title and source.

    \b
    Examples:
      jobmatch list
      jobmatch list --format json
    """
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
    from ._table import wrap

    for s in saved:  # one line a posting: a long title cut at 40 cells with …, wide characters counted as 2
        title, used = (wrap(_safe(s.posting.title or ""), 40, max_lines=1) or [("", 0)])[0]
        click.echo(f"{s.id:>5}  {s.saved_at[:10]}  {title}{' ' * (40 - used)}  {_safe(s.posting.source)}")


@cli.command()
@click.argument("posting_id", type=int, metavar="ID", shell_complete=_complete_saved_ids)
@_DB_OPTION
def show(posting_id: int, db: str | None) -> None:
    """Print one saved posting's text.

    The ids are in `jobmatch list`.

    \b
    Example:
      jobmatch show 3 | less
    """
    with _open_store(db) as store:
        saved = store.get(posting_id)
    if saved is None:
        _error(f"no saved posting with id {posting_id} (see `jobmatch list`)")
        sys.exit(EXIT_BAD_INPUT)
    posting = saved.posting
    click.echo(f"# {_safe(posting.title or '')}\n# {_safe(posting.source)} (saved {saved.saved_at})\n")
    click.echo(_safe(posting.text.replace("\r\n", "\n")))


@cli.command()
@click.argument("posting_ids", nargs=-1, type=int, required=True, metavar="ID...", shell_complete=_complete_saved_ids)
@_DB_OPTION
def rm(posting_ids: tuple[int, ...], db: str | None) -> None:
    """Delete saved postings by id.

    The ids are in `jobmatch list`.

    \b
    Example:
      jobmatch rm 3 7
    """
    missing = 0
    with _open_store(db, write=True) as store:
        for posting_id in posting_ids:
            if store.remove(posting_id):
                click.echo(f"removed {posting_id}")
            else:
                _error(f"no saved posting with id {posting_id}")
                missing += 1
    if missing:
        sys.exit(EXIT_BAD_INPUT)


@cli.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="The port to listen on.")
@click.option(
    "--host", default="127.0.0.1", show_default=True,
    help="The address to listen on. Only this computer can reach the default; the page has no login, so another "
    "address lets anyone who can reach it read your profile and saved postings.",
)  # fmt: skip
@click.option(
    "--profile", "profile_path", type=click.Path(), default=None,
    help="Your skills, chosen at first: a .toml profile or a résumé (.txt, .md, .pdf); the page can upload others.",
)  # fmt: skip
@_DB_OPTION
@_TAXONOMY_OPTION
def serve(port: int, host: str, profile_path: str | None, db: str | None) -> None:
    """Start a local web page and JSON API.

    Paste a posting or give its address and see the match; rank and plan over saved postings;
    upload or edit a profile. It answers only on this computer unless --host says otherwise.

    \b
    Examples:
      jobmatch serve --profile sample_listings/profiles/ml-engineer.toml
      then open http://127.0.0.1:8765 (the API is described at /api/docs)
    """
    from pathlib import Path

    from .profile import RESUME_SUFFIXES

    if profile_path is not None:
        path = Path(profile_path)
        if not path.is_file() or path.suffix.lower() not in (".toml", *RESUME_SUFFIXES):
            _error(f"{profile_path}: not a .toml profile or a résumé (.txt, .md, .pdf) file")
            sys.exit(EXIT_BAD_INPUT)
    import socket

    import uvicorn

    from .web import create_app
    from .web._guard import LOOPBACK_NAMES

    try:  # a port taken or an address not ours: one line, before uvicorn logs its own
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host.strip("[]"), port))
    except OSError as err:
        _error(f"cannot listen on {host}:{port} ({err.strerror or err})")
        sys.exit(EXIT_BAD_INPUT)
    if host not in LOOPBACK_NAMES:
        _warn(f"listening on {host}: the page has no login, so anyone who can reach it sees your profile and postings")
    _taxonomy()  # a skill file that does not read: one line and exit 2, before anything listens
    # the paths, not the taxonomy read now: an edited skill file counts from the next request on
    app = create_app(profile=profile_path, db=db, host=host, warm=False, taxonomy=_taxonomy_paths())
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning", server_header=False))
    import threading
    import time

    def warm_when_listening() -> None:  # spaCy loads once the page answers, not before
        while not server.started and not server.should_exit:
            time.sleep(0.05)
        app.state.work.warm_up()
        if app.state.work.start_error:  # the page says so too, and lets you upload another
            _warn(app.state.work.start_error)

    threading.Thread(target=warm_when_listening, daemon=True).start()
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"jobmatch: serving on http://{shown}:{port}  (Ctrl+C to stop)", err=True)
    server.run()


@cli.group("taxonomy")
def taxonomy_group() -> None:
    """Your own skills, ESCO and O*NET links.

    Check skill files, look a name up, import ESCO's and O*NET's official files. Every command uses
    the bundled taxonomy extended by the .jsonl files of the user skills folder (see `jobmatch
    taxonomy path`), of JOBMATCH_TAXONOMY (paths separated by ':', ';' on Windows) and of
    --taxonomy.

    \b
    Examples:
      jobmatch taxonomy show k8s
      jobmatch taxonomy check nursing.jsonl
      jobmatch taxonomy import onet "Technology Skills.txt"
      jobmatch match posting.txt --profile me.toml --taxonomy nursing.jsonl
    """


@taxonomy_group.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(), metavar="PATH...")
def taxonomy_check(paths: tuple[str, ...]) -> None:
    """Validate skill files (.jsonl) as extensions of the taxonomy, and count what each brings.

    \b
    Example:
      jobmatch taxonomy check nursing.jsonl
    """
    from .taxonomy import check_files

    for report in _or_exit(lambda: check_files(paths)):
        links = f"; {report.esco} ESCO and {report.onet} O*NET links" if report.esco or report.onet else ""
        records = f"{report.records} record{'s' * (report.records != 1)}"
        click.echo(
            f"{_safe(report.path)}: ok, {records}: {report.added} new skills, "
            f"{report.replaced} replacing one, {report.extended} adding to one{links}"
        )
        if report.new_categories:
            click.echo(
                f"  note: categories not among jobmatch's: {', '.join(report.new_categories)} (fine; they are shown "
                "by name, and `gaps` lists their skills as skills to learn, not as domains or soft skills)"
            )
        total = report.total
    click.echo(f"taxonomy with them: {total:,} skills")


@taxonomy_group.command("show")
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_TAXONOMY_OPTION
def taxonomy_show(name: str, fmt: str) -> None:
    """What jobmatch knows of a skill name or alias.

    Its id, category, aliases, relations, ESCO and O*NET ids, and the files that define it.

    \b
    Example:
      jobmatch taxonomy show k8s
    """
    from .taxonomy import describe

    taxonomy = _taxonomy()
    record = _or_exit(lambda: describe(taxonomy, name))
    if fmt == "json":
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    click.echo(f"{record['id']}  {_safe(record['name'])}")
    names = {k: taxonomy[k].name for k in (*record["implies"], *record["related"])}
    rows = [
        ("category", f"{taxonomy.category_name(record['category'])} ({record['category']})"),
        ("aliases", ", ".join(record["aliases"])),
        ("ambiguous", ", ".join(record["ambiguous"]) + " (count only with context)" * bool(record["ambiguous"])),
        ("implies", ", ".join(f"{names[k]} ({k})" for k in record["implies"])),
        ("related", ", ".join(f"{names[k]} ({k})" for k in record["related"])),
        *(("esco", uri) for uri in record.get("esco", ())),
        *(("onet", _onet_line(link)) for link in record.get("onet", ())),
        *(("file" if n == 0 else "", place) for n, place in enumerate(record["files"])),
    ]
    for label, value in rows:
        if value:
            click.echo(f"  {label:<10} {_safe(value)}")


def _onet_line(link: dict[str, Any]) -> str:
    flags = [flag for flag, on in (("hot technology", link["hot"]), ("in demand", link["in_demand"])) if on]
    line = f"{link['example']} — {link['commodity']} {link['commodity_title']}".rstrip()
    if link["occupations"]:
        flags.append(f"in {link['occupations']} occupations")
    return line + (f" ({', '.join(flags)})" if flags else "")


@taxonomy_group.command("import")
@click.argument("kind", type=click.Choice(["esco", "onet"]), metavar="esco|onet")
@click.argument("file", type=click.Path())
@click.option(
    "--output", "-o", type=click.Path(), default=None,
    help="Write the links here (default: esco.jsonl or onet.jsonl in the user skills folder: every command uses it).",
)  # fmt: skip
@click.option("--add-unmatched", is_flag=True, help="Add the entries no skill answers to as new skills.")
@click.option(
    "--category", default=None, metavar="ID",
    help="The category of added skills (default: ESCO: soft_skills for transversal ones, else domain; O*NET: from "
    "the commodity title).",
)  # fmt: skip
@click.option(
    "--aliases", is_flag=True,
    help="ESCO: also add a concept's alternative labels (of 2 to 6 words, that no skill has) as aliases of the skill "
    "its preferred label names.",
)  # fmt: skip
@click.option("--dry-run", "-n", is_flag=True, help="Report what would be linked and added; write nothing.")
@click.option("--force", is_flag=True, help="Replace --output even when no import wrote it.")
@_TAXONOMY_OPTION
def taxonomy_import(
    kind: str, file: str, output: str | None, add_unmatched: bool, category: str | None, aliases: bool,
    dry_run: bool, force: bool,
) -> None:  # fmt: skip
    """Link ESCO's skills_en.csv or O*NET's "Technology Skills.txt" to jobmatch's skills.

    Each entry is linked to the skill its names or aliases name; the links (and, with
    --add-unmatched, the entries no skill answers to, as new skills) are written as a taxonomy
    extension: `extract --format json` then shows each skill's ESCO URIs and O*NET codes, and `gaps`
    marks O*NET's hot technologies. Download the files yourself (esco.europa.eu, onetcenter.org);
    a file that is not the expected one changes nothing.

    \b
    Examples:
      jobmatch taxonomy import esco skills_en.csv
      jobmatch taxonomy import esco skills_en.csv --aliases
      jobmatch taxonomy import onet "Technology Skills.txt" --add-unmatched
    """
    from pathlib import Path

    from .taxonomy import load_taxonomy, user_skills_dir
    from .taxonomy_import import import_esco, import_onet, write_extension

    target = Path(output) if output else user_skills_dir() / f"{kind}.jsonl"
    ctx = click.get_current_context()
    paths = list(ctx.meta.get("jobmatch.taxonomy", ()))
    taxonomy = _or_exit(lambda: load_taxonomy(paths, exclude=[target]))  # what the file rewrites is not linked to
    if category is not None and category not in taxonomy.categories:
        _error(f"--category {category!r}: not one of {', '.join(sorted(taxonomy.categories))}")
        sys.exit(EXIT_BAD_INPUT)
    if aliases and kind != "esco":
        raise click.UsageError("--aliases: ESCO only (O*NET's examples are products, not other names of a skill)")
    if kind == "esco":
        result = _or_exit(lambda: import_esco(file, taxonomy=taxonomy, add_unmatched=add_unmatched,
                                              category=category, aliases=aliases))  # fmt: skip
    else:
        result = _or_exit(lambda: import_onet(file, taxonomy=taxonomy, add_unmatched=add_unmatched, category=category))
    noun = "concepts" if kind == "esco" else "examples"
    linked = sum(result.linked.values())
    click.echo(f"{result.kind} {_safe(file)}: {result.entries:,} {noun} read")
    click.echo(f"  linked   {linked:,} to {sum(1 for r in result.records if 'name' not in r):,} skills")
    for rule, n in result.linked.most_common():
        click.echo(f"    {n:6,}  {rule}")
    dropped = result.dropped_aliases
    left_out = f" ({dropped:,} {'alias' if dropped == 1 else 'aliases'} left out: another new skill has it)"
    click.echo(
        f"  added    {result.added:,} new skills"
        + (left_out * bool(dropped) if add_unmatched else " (no --add-unmatched)")
    )
    if aliases:
        click.echo(f"  aliases  {result.aliases_added:,} added to linked skills")
    click.echo(f"  skipped  {sum(result.skipped.values()):,}")
    for reason, n in result.skipped.most_common():
        click.echo(f"    {n:6,}  {reason}: {_safe(', '.join(result.examples[reason]))}{', …' * (n > 3)}")
    if dry_run:
        click.echo(f"nothing written (--dry-run); would write {len(result.records):,} records to {_safe(str(target))}")
        return
    _or_exit(lambda: write_extension(result, target, taxonomy=taxonomy, force=force))
    click.echo(f"wrote {len(result.records):,} records to {_safe(str(target))}")


@taxonomy_group.command("path")
def taxonomy_path() -> None:
    """Print the user skills folder.

    Every .jsonl file in it extends the taxonomy on every command.

    \b
    Example:
      cp nursing.jsonl "$(jobmatch taxonomy path)"
    """
    from .taxonomy import user_skills_dir

    click.echo(str(user_skills_dir()))


def _print_matches(results: list[tuple[Posting, Extraction | None, Ranked]]) -> None:
    """Each posting's score, fit and lists first; then, on a terminal, the postings whose text was read
    here (a saved one comes from the cache: no text to show) with their skills highlighted, through a
    pager when there is one (``--no-text`` leaves them out)."""
    from rich.console import Console
    from rich.text import Text

    from ._table import paragraph, styled, terminal

    width, styles = terminal()
    blocks = []
    for number, (posting, _, ranked) in enumerate(results):
        result = ranked.match
        lines = [
            paragraph(_heading(posting, ranked), width=width, style="bold", styles=styles),
            paragraph(
                styled([
                    ("Score ", ""), (f"{result.score:g}", "bold"),
                    (" / 100 (how much of what it asks for you have) · fit ", ""), (f"{ranked.fit:g}", "bold"),
                    (f" (how well it fits you; it asks for {ranked.uses:.0%} of your profile)", ""),
                ]),
                width=width, styles=styles,
            ),
            paragraph(_why(ranked), width=width),
        ]  # fmt: skip
        groups = (
            ("Matched", "green", result.matched, lambda i: i.name),
            ("Partial", "yellow", result.partial, lambda i: f"{i.name} ({i.reason})"),
            ("Missing", "red", result.missing, lambda i: i.name + (" (+)" if i.required is False else "")),
        )
        for label, colour, items, describe in groups:
            if items:
                names = ", ".join(describe(i) for i in items)
                lines.append(paragraph(styled([(f"{label} ({len(items)}):", colour), (f" {names}", "")]), width=width,
                                       styles=styles))  # fmt: skip
        blocks.append("\n" * bool(number) + "".join(lines))
    click.echo("".join(blocks), nl=False, color=bool(styles))
    console = Console(soft_wrap=False)
    ctx = click.get_current_context(silent=True)
    texts = [(p, e, r) for p, e, r in results if e is not None]
    if not texts or not console.is_terminal or (ctx is not None and not ctx.meta.get("jobmatch.text", True)):
        return
    pages: list[Any] = []
    for posting, extraction, ranked in texts:
        shown = Text(_safe(extraction.text))  # one character for one: the offsets still hold
        colours = {i.id: "green" if i.credit >= 1 else "yellow" if i.credit else "red" for i in ranked.match.items}
        for skill in extraction.skills:
            for mention in skill.mentions:
                shown.stylize(colours.get(skill.id, "dim"), mention.start, mention.end)
        pages += [
            Text(_safe(_heading(posting, ranked)), style="bold"),
            Text.from_markup(
                f"score {ranked.match.score:g} · [green]you have it[/green] · [yellow]in part[/yellow] · "
                "[red]missing[/red] · [dim]not counted[/dim]"
            ),
            Text(),
            shown,
            Text(),
        ]
    pages.pop()  # no blank line after the last
    if not _can_page():
        console.print()
        for page in pages:
            console.print(page)
        return
    with console.capture() as captured:
        for page in pages:
            console.print(page)
    # less: colours (R), gone at once when the text fits the screen (F), the lists left on it (X)
    kept = os.environ.get("LESS")
    os.environ.setdefault("LESS", "-FRX")
    try:
        click.echo_via_pager(captured.get())
    finally:
        if kept is None:
            os.environ.pop("LESS", None)


def _heading(posting: Posting, ranked: Ranked) -> str:
    return posting.source + (f" — {ranked.title}" if ranked.title else "")


def _can_page() -> bool:
    """Whether a pager can run: a person at both ends (click pages nothing otherwise) and a pager to run."""
    import shutil

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return False
    if os.environ.get("PAGER"):
        return True
    return os.environ.get("TERM") not in ("dumb", "emacs") and shutil.which("less") is not None


_SHELLS = ("bash", "zsh", "fish")


@cli.command()
@click.argument("shell", type=click.Choice(_SHELLS))
def completion(shell: str) -> None:
    """Print a shell script that completes jobmatch commands.

    It completes commands, options, choices and file names.

    Save it once and load it from your shell's start-up file (a saved script starts faster than
    `eval "$(jobmatch completion bash)"` in every new shell, which works too):

    \b
    Examples:
      bash:  jobmatch completion bash > ~/.jobmatch-complete.bash
             echo '. ~/.jobmatch-complete.bash' >> ~/.bashrc
      zsh:   jobmatch completion zsh > ~/.jobmatch-complete.zsh
             echo '. ~/.jobmatch-complete.zsh' >> ~/.zshrc    # after compinit
      fish:  jobmatch completion fish > ~/.config/fish/completions/jobmatch.fish
    """
    from click.shell_completion import get_completion_class

    # click's own completion: the script calls `jobmatch` back with _JOBMATCH_COMPLETE set
    complete = get_completion_class(shell)
    assert complete is not None  # click registers all three
    click.echo(complete(cli, {}, "jobmatch", "_JOBMATCH_COMPLETE").source())


# --- millions of postings on Dask: `batch` writes Parquet, `demand` counts skills in it (issue 14) ---


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="OUT.parquet",
    help="The output: a folder of part.N.parquet files, made if absent. Run again with the same one to resume.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="A running Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: a local cluster on this machine).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes of the local cluster, one thread each (default: one per core).",
)
@click.option("--text-col", default="text", show_default=True, help="The column holding each posting's text.")
@click.option("--title-col", default="title", show_default=True, help="The column holding its title, if any.")
@click.option("--id-col", default="id", show_default=True, help="The column holding its id (else partition.row).")
@click.option(
    "--blocksize", type=_Size(), default="1MB", show_default=True,
    help="Bytes of JSON lines per partition (a CSV file is one partition, Parquet goes by row groups).",
)  # fmt: skip
@_TAXONOMY_OPTION
@click.option("--quiet", "-q", is_flag=True, help="No progress bar on stderr.")
@_MAX_SIZE_OPTION
def batch(
    inputs: tuple[str, ...],
    output: str,
    scheduler: str | None,
    workers: int | None,
    text_col: str,
    title_col: str,
    id_col: str,
    blocksize: int,
    quiet: bool,
) -> None:
    """Extract millions of postings on Dask into Parquet.

    One row per posting, on a Dask cluster or a local one.

    INPUT is a JSON lines (.jsonl), CSV or Parquet file, or a folder of them. Each row holds what
    `jobmatch extract --format json` says of the posting; a row that cannot be read (no text, not
    a string, too large) says why in its error column and the run goes on.

    \b
    Examples:
      jobmatch batch postings.jsonl -o skills.parquet --workers 4
      jobmatch batch 2025/ -o skills.parquet --scheduler tcp://10.0.0.5:8786 --text-col description
    """
    from .dask import check_batch, connect, local_client, run_batch

    if scheduler and workers:
        _error("--workers sets up a local cluster; a cluster at --scheduler has the workers it has")
        sys.exit(EXIT_BAD_INPUT)
    check_batch(inputs, output)
    taxonomy = _taxonomy()  # checked before a cluster starts; workers load the same files
    client = connect(scheduler) if scheduler else local_client(workers or os.cpu_count() or 1)
    shown = not quiet and sys.stderr.isatty()
    progress: Any = None
    task: Any = None
    counts = {"postings": 0, "errors": 0}

    def on_start(total: int, skipped: int) -> None:
        nonlocal progress, task
        if not shown or total == skipped:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        progress = Progress(
            TextColumn("Extracting"), BarColumn(), MofNCompleteColumn(), TextColumn("parts · {task.fields[postings]}"),
            TimeRemainingColumn(), console=Console(stderr=True), transient=True,
        )  # fmt: skip
        task = progress.add_task("batch", total=total - skipped, postings="0 postings")
        progress.start()

    def on_part(postings: int, errors: int) -> None:
        counts["postings"] += postings
        counts["errors"] += errors
        if progress is not None:
            progress.update(task, advance=1, postings=f"{counts['postings']:,} postings")

    try:
        result = run_batch(
            inputs, output, client, text_col=text_col, title_col=title_col or None, id_col=id_col or None,
            taxonomy=taxonomy, max_size=_max_size(), blocksize=blocksize, on_start=on_start, on_part=on_part,
        )  # fmt: skip
    finally:
        if progress is not None:
            progress.stop()
        cluster = None if scheduler else client.cluster
        client.close()
        if cluster is not None:
            cluster.close()
    if not result.written:
        click.echo(f"nothing to do: all {result.partitions} parts of {output} were written before")
        return
    rate = result.postings / result.seconds if result.seconds else 0.0
    message = f"{result.postings:,} postings in {result.written} parts written to {output} ({rate:,.1f}/s)"
    if result.skipped:
        message += f"; {result.skipped} of {result.partitions} parts were already written and kept"
    click.echo(message)
    if result.errors:
        _warn(f"{result.errors:,} postings could not be read: see the error column")


@cli.command()
@click.argument("source", metavar="OUT.parquet")
@click.option(
    "--by", type=click.Choice(["role", "month", "location"]), default=None, help="Count per role, month or place."
)
@click.option("--top", type=click.IntRange(min=1), default=30, show_default=True, help="Skills shown (per group).")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json", "png"]), default="table", show_default=True,
    help="table, csv or json on stdout; png: a bar chart (needs matplotlib and --output).",
)  # fmt: skip
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help="Write here instead of stdout.")
def demand(source: str, by: str | None, top: int, fmt: str, output: str | None) -> None:
    """Skill demand: how often each skill is asked for.

    Counts, in `jobmatch batch` output, the postings that ask for each skill and how many of them
    require or prefer it, overall or by role, month or place.

    \b
    Examples:
      jobmatch demand skills.parquet --top 20
      jobmatch demand skills.parquet --by month --format csv > demand.csv
      jobmatch demand skills.parquet --by role --format png -o demand.png
    """
    from .demand import demand_chart, skill_demand

    if output == "-":  # "-o -": standard output, as everywhere
        output = None
    if fmt == "png" and not output:
        _error("--format png writes an image: give it a file with --output")
        sys.exit(EXIT_BAD_INPUT)
    rows = skill_demand(source, by=by, top=top)
    if fmt == "png":
        assert output is not None
        demand_chart(rows, output, title=f"Skills asked for in {source}" + (f", by {by}" if by else ""))
        click.echo(f"wrote {output}")
        return
    if fmt == "json":
        text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        import csv
        import io

        buffer = io.StringIO()
        fields = [*(["group", "group_postings"] if by else []), "skill", "name", "postings", "share"]
        writer = csv.DictWriter(buffer, fieldnames=[*fields, "required", "preferred", "unstated"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        text = buffer.getvalue()
    else:
        text = _demand_table(rows, by)
    if output:
        with open(output, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    else:
        click.echo(text, nl=False)


def _demand_table(rows: list[dict[str, Any]], by: str | None) -> str:
    """The demand rows as plain text, 100 columns wide (it is often written to a file); a group's
    heading over each group's rows."""
    from ._table import Column, paragraph, render

    if not rows:
        return "no skills asked for (no posting without an error names one)\n"
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row.get("group", ""), []).append(row)
    numbers = ("postings", "share", "required", "preferred", "unstated")
    columns = [Column("skill"), *(Column(name, justify="right", wrap=False) for name in numbers)]
    text = []
    for number, (group, items) in enumerate(groups.items()):
        if number:
            text.append("\n")
        if by:
            text.append(paragraph(f"{group} — {items[0]['group_postings']:,} postings", width=100))
        table = [
            (item["name"], f"{item['postings']:,}", f"{item['share']:.0%}",
             *(f"{item[name]:,}" for name in ("required", "preferred", "unstated")))
            for item in items
        ]  # fmt: skip
        text.append(render(columns, table, width=100))
    return "".join(text)


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
    from . import _spacy_cli

    # jobmatch's arrays are small: OpenBLAS's threads (numpy's and scipy's, one per core, started as
    # they are imported) only spin, about 0.25 s of CPU a command, taken from the --jobs workers and
    # the process importing scikit-learn ahead. One thread each, unless the user has said otherwise.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    _spacy_cli.defer()  # spaCy's own command line, 0.4 s of every start, loads only if asked for
    cli()
