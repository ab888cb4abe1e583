"""The per-posting work on a Dask cluster: millions of postings in, one extraction row each out.

Optional: ``pip install "jobmatch[dask]"`` brings Dask (distributed), pandas and pyarrow; nothing
here is imported by the rest of jobmatch. (``import dask`` below is the top-level Dask package:
imports are absolute in Python 3, so this module's own name never shadows it.)

Each row says of its posting exactly what ``jobmatch extract --format json`` says, built by the
same function (``jobmatch.records.posting_record``) from the posting the command would read from
a JSON object with the same fields, so a row and the command's record compare equal. Rows that
cannot be read (no text, not a string, too large, anything the extractor raises) carry the reason
in ``error`` and nothing else; they never stop a run.

Every worker process builds the extractor once, on its first task, and keeps it (``_extractor``):
a task ships only its partition and a few options, never a pipeline.

>>> import dask.dataframe as dd, pandas as pd
>>> frame = dd.from_pandas(pd.DataFrame({"id": ["a"], "text": ["5+ years of Python; Go a plus"]}), npartitions=1)
>>> rows = extract_postings(frame).compute()
>>> list(rows.loc[0, "skills_required"]), list(rows.loc[0, "skills_preferred"])
(['python'], ['go'])
"""

from __future__ import annotations

import json
import math
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import JobmatchError, SourceError
from .sources import MAX_SIZE

if TYPE_CHECKING:
    import pyarrow as pa

    from .extract import SkillExtractor
    from .taxonomy import TaxonomySource

__all__ = [
    "BatchResult",
    "check_batch",
    "connect",
    "extract_postings",
    "extract_rows",
    "local_client",
    "output_schema",
    "run_batch",
    "warm_up",
]

#: Input files by suffix: JSON lines split into blocks of bytes, CSV a partition a file (a posting's
#: text may hold line breaks inside quotes, so a CSV file cannot be cut at any line), Parquet by row groups.
FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}
MANIFEST = "_jobmatch_batch.json"


def _require() -> None:
    """Dask, pandas and pyarrow, or a clear error naming the extra that brings them."""
    missing = []
    for name in ("dask", "distributed", "pandas", "pyarrow"):
        try:
            __import__(name)
        except ImportError:
            missing.append(name)
    if missing:
        raise JobmatchError(f'this needs {", ".join(missing)}: pip install "jobmatch[dask]"')


# --- on each worker -------------------------------------------------------------------------------

_EXTRACTORS: dict[tuple[str, ...], SkillExtractor] = {}
_LOCK = threading.Lock()


def _extractor(taxonomy: tuple[str, ...] = ()) -> SkillExtractor:
    """This process's extractor for the bundled taxonomy extended by the files ``taxonomy``: built
    on first use, then kept for every task."""
    extractor = _EXTRACTORS.get(taxonomy)
    if extractor is None:
        with _LOCK:  # a worker with several threads builds it once
            extractor = _EXTRACTORS.get(taxonomy)
            if extractor is None:
                from .extract import SkillExtractor
                from .roles import load_roles

                extractor = SkillExtractor(list(taxonomy) or None)
                load_roles()
                _EXTRACTORS[taxonomy] = extractor
    return extractor


def warm_up(taxonomy: tuple[str, ...] = ()) -> float:
    """Build this process's extractor now; the seconds it took (0 when already built).

    Run it on every worker to pay the start-up before the work: ``client.run(warm_up)``.
    """
    if taxonomy in _EXTRACTORS:
        return 0.0
    start = time.perf_counter()
    _extractor(taxonomy)
    import pyarrow.parquet  # noqa: F401  (a batch writes with it: its import is start-up too)

    return time.perf_counter() - start


@dataclass(frozen=True)
class _Options:
    """What every task needs besides its rows: a few strings and numbers."""

    text_col: str = "text"
    title_col: str | None = "title"
    id_col: str | None = "id"
    taxonomy: tuple[str, ...] = ()  # the files extending the bundled skills, as the client found them
    max_size: int = MAX_SIZE


def output_schema() -> pa.Schema:
    """The Arrow schema of the rows: ``jobmatch extract``'s JSON fields, nested where it nests them,
    then flat lists of skill ids (all, required, preferred; boilerplate-only skills in neither) and
    ``error``. Every partition is written with it, so the files of one run read as one table."""
    import pyarrow as pa

    s, f, b = pa.string(), pa.float64(), pa.bool_()
    mention = pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", s)])
    skill = pa.struct(
        [
            ("id", s),
            ("name", s),
            ("category", s),
            ("required", b),
            ("boilerplate", b),
            ("years", f),
            ("mentions", pa.list_(mention)),
        ]
    )
    return pa.schema(
        [
            ("id", s),
            ("title", s),
            ("company", s),
            ("date_posted", s),
            ("valid_through", s),
            ("seniority", s),
            ("years", pa.struct([("min", f), ("max", f)])),
            (
                "education",
                pa.struct([("level", s), ("fields", pa.list_(s)), ("equivalent_experience", b), ("required", b)]),
            ),
            ("salary", pa.struct([("min", f), ("max", f), ("currency", s), ("period", s), ("text", s)])),
            ("locations", pa.list_(s)),
            ("work_mode", s),
            ("employment_type", s),
            ("certifications", pa.list_(pa.struct([("id", s), ("name", s), ("required", b)]))),
            ("alternatives", pa.list_(pa.list_(s))),
            ("skills", pa.list_(skill)),
            ("role", pa.list_(s)),
            ("skill_ids", pa.list_(s)),
            ("skills_required", pa.list_(s)),
            ("skills_preferred", pa.list_(s)),
            ("error", s),
        ]
    )


class _BadRow(Exception):
    pass


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return type(value).__name__ in ("NAType", "NaTType")


def _plain(value: Any) -> Any:
    """A cell as plain JSON data: numpy scalars and arrays, timestamps and the like made plain."""
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        value = value.tolist()  # numpy scalars and arrays
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items() if not _missing(v)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _id_of(value: Any, fallback: str) -> str:
    if _missing(value):
        return fallback
    value = _plain(value)
    return value if isinstance(value, str) else json.dumps(value)


def _posting_of(row: Mapping[str, Any], rid: str, options: _Options) -> Any:
    """The Posting ``jobmatch extract`` reads from a JSON object of the row's fields, the text
    under "text" and the title under "title"; or _BadRow saying why there is none."""
    from .sources import posting_from_json

    text = row.get(options.text_col)
    if _missing(text):
        raise _BadRow(f"no text (column {options.text_col!r} is empty or absent)")
    if not isinstance(text, str):
        raise _BadRow(f"text is {type(text).__name__}, not a string")
    if not text.strip():
        raise _BadRow("empty text")
    if len(text) > options.max_size:
        raise _BadRow(f"text is {len(text):,} characters, over the {options.max_size:,} limit")
    named = {options.text_col, options.title_col, "text", "description"}
    item = {str(k): _plain(v) for k, v in row.items() if k not in named and not _missing(v)}
    title = row.get(options.title_col) if options.title_col else None
    if not _missing(title):
        item["title"] = _plain(title)
    item["text"] = text
    (posting,) = posting_from_json(json.dumps(item, ensure_ascii=False), rid)
    if len(posting.text) > options.max_size:
        raise _BadRow(f"text is {len(posting.text):,} characters, over the {options.max_size:,} limit")
    return posting


_EMPTY_LISTS = ("locations", "certifications", "alternatives", "skills", "role", "skill_ids")


def _error_row(rid: str, reason: str) -> dict[str, Any]:
    row: dict[str, Any] = {"id": rid, "error": reason[:500]}
    row.update({name: [] for name in (*_EMPTY_LISTS, "skills_required", "skills_preferred")})
    return row


def _row(row: Mapping[str, Any], rid: str, options: _Options) -> dict[str, Any]:
    from .records import posting_record

    try:
        posting = _posting_of(row, rid, options)
        record = posting_record(posting, _extractor(options.taxonomy).extract(posting))
    except _BadRow as err:
        return _error_row(rid, str(err))
    except SourceError as err:
        return _error_row(rid, str(err))
    except Exception as err:  # one posting never stops a batch: the reason goes in its row
        return _error_row(rid, f"{type(err).__name__}: {err}")
    del record["source"]
    skills = [s for s in record["skills"] if not s["boilerplate"]]
    return {
        "id": rid,
        **record,
        "skill_ids": [s["id"] for s in record["skills"]],
        "skills_required": [s["id"] for s in skills if s["required"] is True],
        "skills_preferred": [s["id"] for s in skills if s["required"] is False],
        "error": None,
    }


def _records(part: Any, options: _Options, *, json_lines: bool) -> Iterator[Mapping[str, Any] | str]:
    """A partition's rows as mappings; a JSON line that is no object as the reason why."""
    if hasattr(part, "to_dict") and hasattr(part, "columns"):  # a pandas DataFrame
        yield from part.to_dict("records")
        return
    for item in part:
        if isinstance(item, Mapping):
            yield item
        elif json_lines:
            line = item.strip() if isinstance(item, str) else item
            if not line:
                continue
            try:
                value = json.loads(line)
            except (ValueError, RecursionError) as err:
                yield f"line is not JSON ({str(err)[:120]})"
                continue
            yield value if isinstance(value, Mapping) else f"line is a JSON {type(value).__name__}, not an object"
        else:
            yield {options.text_col: item}  # a Bag of texts


def extract_rows(
    part: Any, number: int = 0, options: _Options | None = None, *, json_lines: bool = False
) -> list[dict[str, Any]]:
    """One partition (a pandas DataFrame, or a list of mappings or texts) → one row per posting.

    A row's ``id`` is the id column's value, else ``"{number}.{row}"`` (partition and place in it).
    """
    options = options or _Options()
    out = []
    for place, record in enumerate(_records(part, options, json_lines=json_lines)):
        fallback = f"{number}.{place}"
        if isinstance(record, str):
            out.append(_error_row(fallback, record))
            continue
        rid = _id_of(record.get(options.id_col) if options.id_col else None, fallback)
        out.append(_row(record, rid, options))
    return out


def _to_frame(rows: list[dict[str, Any]]) -> Any:
    import pandas as pd
    import pyarrow as pa

    # Arrow-backed columns: nested lists and structs keep their types (Dask would turn plain
    # object columns into strings) and a frame's to_parquet writes the schema as it is
    return pa.Table.from_pylist(rows, schema=output_schema()).to_pandas(types_mapper=pd.ArrowDtype)


def _frame_part(part: Any, number: int, options: _Options) -> Any:
    """A DataFrame partition's rows, under the partition's own index."""
    return _to_frame(extract_rows(part, number, options)).set_axis(part.index)


def extract_postings(
    postings: Any,
    *,
    text_col: str = "text",
    title_col: str | None = "title",
    id_col: str | None = "id",
    taxonomy: TaxonomySource = None,
    max_size: int = MAX_SIZE,
) -> Any:
    """The extraction of every posting of a Dask DataFrame or Bag, lazily, one row per posting.

    A DataFrame needs a ``text_col`` column; ``title_col`` and ``id_col`` are used when present, and
    every other column is read as ``jobmatch extract`` reads the fields of a JSON posting
    (``datePosted``, ``location``, ``baseSalary``…). A Bag holds mappings like those rows, or texts.
    A DataFrame gives a DataFrame (columns of ``output_schema()``; write it with
    ``.to_parquet(path, schema=output_schema())``), a Bag gives a Bag of row dicts.
    """
    _require()
    import dask
    import dask.bag as db
    import dask.dataframe as dd

    files = _taxonomy_files(taxonomy)
    if isinstance(postings, dd.DataFrame):
        if text_col not in postings.columns:
            raise JobmatchError(f"no column {text_col!r} (columns: {', '.join(map(str, postings.columns))})")
        options = _Options(
            text_col,
            title_col if title_col in postings.columns else None,
            id_col if id_col in postings.columns else None,
            files,
            max_size,
        )
        parts = [dask.delayed(_frame_part)(part, number, options) for number, part in enumerate(postings.to_delayed())]
        return dd.from_delayed(parts, meta=_to_frame([]), divisions=postings.divisions, verify_meta=False)
    if isinstance(postings, db.Bag):
        options = _Options(text_col, title_col, id_col, files, max_size)
        return db.from_delayed(
            [dask.delayed(extract_rows)(part, number, options) for number, part in enumerate(postings.to_delayed())]
        )
    raise TypeError(f"expected a Dask DataFrame or Bag, got {type(postings).__name__}")


def _taxonomy_files(taxonomy: TaxonomySource) -> tuple[str, ...]:
    """The user's files that extend the bundled skills (the user skills folder, JOBMATCH_TAXONOMY and
    ``taxonomy``), as this machine finds them and checked here, before any work is sent: workers
    load these same paths (on a cluster, they must be there too)."""
    from .taxonomy import load_taxonomy

    return tuple(load_taxonomy(taxonomy).files)


# --- jobmatch batch: files in, a folder of Parquet parts out, resumable --------------------------


@dataclass(frozen=True)
class BatchResult:
    """What a run did: partitions written now and found written before, postings and error rows
    written now, and the seconds it took."""

    output: Path
    partitions: int
    written: int
    skipped: int
    postings: int
    errors: int
    seconds: float


def _input_files(inputs: Sequence[str]) -> list[tuple[Path, str]]:
    files: list[tuple[Path, str]] = []
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.suffix.lower() in FORMATS and not p.name.startswith((".", "_"))
            )
            if not found:
                raise SourceError(f"{name}: no postings ({', '.join(FORMATS)}) in this folder")
            files += [(p, FORMATS[p.suffix.lower()]) for p in found]
        elif not path.exists():
            raise SourceError(f"{name}: no such file")
        elif path.suffix.lower() not in FORMATS:
            raise SourceError(f"{name}: not a file jobmatch batch reads (expected {', '.join(FORMATS)})")
        else:
            files.append((path, FORMATS[path.suffix.lower()]))
    return files


def _plan(files: list[tuple[Path, str]], blocksize: int, text_col: str) -> list[tuple[Any, bool]]:
    """Every input partition, in a fixed order (so a rerun numbers them alike): (delayed part, JSON lines?)."""
    import dask.bag as db
    import dask.dataframe as dd

    parts: list[tuple[Any, bool]] = []
    for path, kind in files:
        if kind == "jsonl":
            bag = db.read_text(str(path), blocksize=blocksize, encoding="utf-8", errors="replace")
            parts += [(part, True) for part in bag.to_delayed()]
            continue
        if kind == "csv":
            try:
                frame = dd.read_csv(str(path), blocksize=None, dtype=object, keep_default_na=False)
            except Exception as err:
                raise SourceError(f"{path}: cannot read as CSV ({err})") from None
        else:
            try:
                frame = dd.read_parquet(str(path))
            except Exception as err:
                raise SourceError(f"{path}: cannot read as Parquet ({err})") from None
        if text_col not in frame.columns:  # known before any row is read: say so now, not in every row
            named = ", ".join(map(str, list(frame.columns)[:12]))
            raise SourceError(f"{path}: no column {text_col!r} (it has {named}); name the text's with --text-col")
        parts += [(part, False) for part in frame.to_delayed()]
    return parts


def _manifest(files: list[tuple[Path, str]], options: _Options, blocksize: int, partitions: int) -> dict[str, Any]:
    from . import __version__

    inputs = []
    for path, _ in files:
        info = path.stat()
        inputs.append({"path": str(path.resolve()), "size": info.st_size, "mtime_ns": info.st_mtime_ns})
    return {
        "jobmatch": __version__,
        "inputs": inputs,
        "options": {**asdict(options), "taxonomy": list(options.taxonomy), "blocksize": blocksize},
        "partitions": partitions,
    }


def _part_path(output: Path, number: int) -> Path:
    return output / f"part.{number}.parquet"


def _is_written(path: Path) -> bool:
    """A part is done when it is in place (only ever renamed there whole) and its footer reads."""
    if not path.is_file():
        return False
    import pyarrow.parquet as pq

    try:
        pq.read_metadata(path)
    except Exception:
        return False
    return True


def _write_part(part: Any, number: int, options: _Options, output: str, json_lines: bool) -> tuple[int, int]:
    """On a worker: extract one partition and write it as part.N.parquet, whole or not at all."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = extract_rows(part, number, options, json_lines=json_lines)
    table = pa.Table.from_pylist(rows, schema=output_schema())
    final = _part_path(Path(output), number)
    temporary = final.with_name(f".{final.name}.{uuid.uuid4().hex}.tmp")  # hidden: readers skip it
    try:
        pq.write_table(table, temporary)
        os.replace(temporary, final)  # a rerun of the same partition writes the same rows over it
    finally:
        temporary.unlink(missing_ok=True)
    return len(rows), sum(row["error"] is not None for row in rows)


def run_batch(
    inputs: Sequence[str],
    output: str | os.PathLike[str],
    client: Any,
    *,
    text_col: str = "text",
    title_col: str | None = "title",
    id_col: str | None = "id",
    taxonomy: TaxonomySource = None,
    max_size: int = MAX_SIZE,
    blocksize: int = 1_000_000,
    on_start: Callable[[int, int], None] | None = None,
    on_part: Callable[[int, int], None] | None = None,
) -> BatchResult:
    """Extract every posting of ``inputs`` (JSON lines, CSV, Parquet files or folders of them) on
    the cluster of ``client`` into ``output``, a folder of ``part.N.parquet`` files.

    Resumable: a part already in place from an earlier run over the same inputs and options is
    kept, not redone; a part is written under a hidden temporary name and renamed into place, so a
    run killed half-way leaves only whole parts. ``on_start(total, skipped)`` is called once the
    parts are counted, ``on_part(postings, errors)`` as each one is written.
    """
    _require()
    from distributed import as_completed

    start = time.perf_counter()
    output = Path(output)
    files = _input_files(inputs)
    extension = _taxonomy_files(taxonomy)
    options = _Options(text_col, title_col, id_col, extension, max_size)
    plan = _plan(files, blocksize, text_col)
    manifest = _manifest(files, options, blocksize, len(plan))
    _prepare(output, manifest)
    todo = [n for n in range(len(plan)) if not _is_written(_part_path(output, n))]
    if on_start:
        on_start(len(plan), len(plan) - len(todo))
    import dask

    tasks = [dask.delayed(_write_part)(plan[n][0], n, options, str(output), plan[n][1]) for n in todo]
    futures = client.compute(tasks, retries=1) if tasks else []
    postings = errors = 0
    failed: list[str] = []
    for future in as_completed(futures):
        try:
            count, bad = future.result()
        except Exception as err:  # a part whose task kept killing workers, a full disk: the rest go on
            failed.append(f"{type(err).__name__}: {str(err)[:200]}")
            continue
        postings += count
        errors += bad
        if on_part:
            on_part(count, bad)
    if failed:
        raise JobmatchError(
            f"{output}: {len(failed)} of {len(todo)} parts failed ({failed[0]}); "
            "run the same command again to retry them"
        )
    seconds = time.perf_counter() - start
    return BatchResult(output, len(plan), len(todo), len(plan) - len(todo), postings, errors, seconds)


def check_batch(inputs: Sequence[str], output: str | os.PathLike[str]) -> None:
    """Refuse, before any cluster starts, inputs that cannot be read and an output that is not a
    batch's (``run_batch`` checks the rest: that an earlier run's output had the same inputs)."""
    _input_files(inputs)
    output = Path(output)
    if output.exists() and not output.is_dir():
        raise JobmatchError(f"{output}: exists and is not a folder (batch output is a folder of Parquet parts)")
    if output.is_dir() and any(output.iterdir()) and not (output / MANIFEST).is_file():
        raise JobmatchError(f"{output}: exists and was not written by jobmatch batch; choose another output")


def _prepare(output: Path, manifest: dict[str, Any]) -> None:
    """Make the output folder, or check that the one there was written from the same inputs."""
    marker = output / MANIFEST
    if output.exists() and not output.is_dir():
        raise JobmatchError(f"{output}: exists and is not a folder (batch output is a folder of Parquet parts)")
    if output.is_dir() and any(output.iterdir()):
        try:
            before = json.loads(marker.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise JobmatchError(
                f"{output}: exists and was not written by jobmatch batch; choose another output"
            ) from None
        if before != manifest:
            raise JobmatchError(
                f"{output}: written from other inputs or options (or the inputs changed since); "
                "choose another output or remove it"
            )
        for stale in output.glob(".part.*.tmp"):  # left by a run that was killed
            stale.unlink(missing_ok=True)
        return
    output.mkdir(parents=True, exist_ok=True)
    temporary = output / f".{MANIFEST}.tmp"
    temporary.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    os.replace(temporary, marker)


def local_client(workers: int) -> Any:
    """A client of a new LocalCluster of ``workers`` processes, one thread each (the extractor is
    pure Python: threads would share one core). Close it with ``client.close(); client.cluster.close()``."""
    _require()
    import logging

    import dask
    from distributed import Client, LocalCluster

    # the workers' sampling profiler walks the task's stack every 10 ms: some 10 % of the CPU here
    with dask.config.set({"distributed.worker.profile.enabled": False}):
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.CRITICAL,
        )
    return Client(cluster)


def connect(address: str) -> Any:
    """A client of the running Dask scheduler at ``address``, or a one-line error."""
    _require()
    from distributed import Client

    try:
        return Client(address, timeout="20s")
    except (OSError, TimeoutError, ValueError) as err:
        raise JobmatchError(f"{address}: cannot reach a Dask scheduler ({err})") from None
