"""The store under faults: concurrent writers, read-only and full files, foreign, older, newer and
corrupt databases, ids out of SQLite's range. Each is one line or just works."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import warnings

import pytest
from click.testing import CliRunner

from jobmatch import Posting
from jobmatch.cli import cli
from jobmatch.errors import JobmatchWarning
from jobmatch.store import APPLICATION_ID, SCHEMA_VERSION, Store

PROFILE = "[skills]\nPython = true\nSQL = true\n"


def _run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


def _one_line(result, fragment: str) -> None:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("jobmatch: error: "), result.stderr
    assert fragment in result.stderr


def _profile(tmp_path) -> str:
    path = tmp_path / "me.toml"
    path.write_text(PROFILE, encoding="utf-8")
    return str(path)


def _commands(db: str, tmp_path) -> list[list[str]]:
    """Every command that opens the store, reading or writing."""
    posting = tmp_path / "p.txt"
    posting.write_text("Analyst\n\nSQL and Python.\n", encoding="utf-8")
    profile = _profile(tmp_path)
    return [
        ["list", "--db", db],
        ["show", "1", "--db", db],
        ["rm", "1", "--db", db],
        ["save", str(posting), "--db", db],
        ["match", "--saved", "--db", db, "--profile", profile],
        ["rank", "--saved", "--db", db, "--profile", profile],
        ["gaps", "--saved", "--db", db, "--profile", profile],
    ]


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


SAVE = "from jobmatch.cli import main; main()"


def test_concurrent_savers_with_postings_in_common_all_land(tmp_path):
    db = tmp_path / "j.db"
    folders = [tmp_path / "a", tmp_path / "b"]
    for folder, numbers in zip(folders, (range(0, 150), range(50, 200)), strict=True):
        folder.mkdir()
        for n in numbers:  # 100 postings in common
            (folder / f"job-{n:03}.txt").write_text(f"Job {n}\n\nPython and SQL, posting {n}.\n", encoding="utf-8")
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", SAVE, "save", str(folder), "--db", str(db)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in folders * 2  # four runs, two of each folder
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    for (stdout, stderr), run in zip(outputs, runs, strict=True):
        assert run.returncode == 0 and stderr == "", stderr
        assert len(stdout.splitlines()) == 150
    with Store(db) as store:
        assert len(store.postings()) == 200
    states = [line.split("\t")[1] for stdout, _ in outputs for line in stdout.splitlines()]
    assert states.count("saved") == 200 and states.count("already saved") == 400


def _saved_store(tmp_path, n: int = 3) -> str:
    db = tmp_path / "j.db"
    with Store(db) as store:
        for i in range(n):
            store.save(
                Posting(text=f"Data analyst {i}: SQL, Python and Tableau.", source=f"job-{i}.txt", title=f"Job {i}")
            )
    return str(db)


def _read_only_connect(monkeypatch):
    """Every connection read-only, as SQLite opens a write-protected file (tests may run as root,
    whom chmod does not stop)."""
    connect = Store._connect

    def read_only(self, mode):
        return connect(self, "ro")

    monkeypatch.setattr(Store, "_connect", read_only)


def test_a_read_only_store_is_listed_and_ranked_with_a_warning_for_the_cache(tmp_path, monkeypatch):
    db = _saved_store(tmp_path)
    before = _digest(tmp_path / "j.db")
    _read_only_connect(monkeypatch)
    listed = _run("list", "--db", db)
    assert listed.exit_code == 0 and "Job 2" in listed.stdout
    assert _run("show", "2", "--db", db).exit_code == 0
    ranked = _run("rank", "--saved", "--db", db, "--profile", _profile(tmp_path), "--format", "json")
    assert ranked.exit_code == 0 and len(ranked.stdout) > 10
    warned = [line for line in ranked.stderr.splitlines() if line.startswith("jobmatch: warning: ")]
    assert warned and "the cache was not kept" in warned[0] and "readonly" in warned[0]
    _one_line(_run("rm", "1", "--db", db), "readonly")  # writing is still an error: one line
    assert _digest(tmp_path / "j.db") == before


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes to read-only files")
def test_a_write_protected_file_is_listed(tmp_path):
    db = _saved_store(tmp_path)
    os.chmod(db, 0o444)
    assert _run("list", "--db", db).exit_code == 0


def test_a_full_disk_while_caching_is_a_warning_not_a_failure(tmp_path):
    db = _saved_store(tmp_path)
    with Store(db) as store:
        pages = store._db.execute("PRAGMA page_count").fetchone()[0]
        store._db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full: not one page more
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            store.cache_extractions("v1", {f"{i:064x}": {"skills": ["x" * 5000]} for i in range(50)})
        assert len(caught) == 1 and issubclass(caught[0].category, JobmatchWarning)
        assert "full" in str(caught[0].message)
        assert store.cached_extractions("v1") == {}  # nothing half-written
        assert len(store.postings()) == 3


def _foreign(tmp_path):
    path = tmp_path / "someone-else.db"
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE postings (id INTEGER PRIMARY KEY, body TEXT);"
        "INSERT INTO postings VALUES (1, 'their row'), (2, 'another');"
        "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);"
    )
    db.commit()
    db.close()
    return path


def test_a_foreign_database_is_refused_by_every_command_and_never_written(tmp_path):
    path = _foreign(tmp_path)
    before = _digest(path)
    for args in _commands(str(path), tmp_path):
        _one_line(_run(*args), "not a jobmatch database (it holds postings, users)")
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("someone")) == ["someone-else.db"]
    db = sqlite3.connect(path)
    assert db.execute("SELECT body FROM postings WHERE id = 1").fetchone() == ("their row",)
    assert db.execute("PRAGMA journal_mode").fetchone() == ("delete",)


LEGACY_SHAPES = {
    "postings only (0.1)": "",
    "extractions without asks": """CREATE TABLE extractions (content_hash TEXT NOT NULL, taxonomy_version TEXT NOT NULL,
        data TEXT NOT NULL, PRIMARY KEY (content_hash, taxonomy_version));
        INSERT INTO extractions VALUES ('abc', 'old', '{}');""",
}


@pytest.mark.parametrize("shape", LEGACY_SHAPES)
def test_an_older_store_of_ours_is_upgraded_without_losing_a_posting(tmp_path, shape):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript(
        """CREATE TABLE postings (id INTEGER PRIMARY KEY, content_hash TEXT NOT NULL UNIQUE, source TEXT NOT NULL,
        title TEXT, text TEXT NOT NULL, meta TEXT NOT NULL DEFAULT '{}', fetched_at TEXT, saved_at TEXT NOT NULL);
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta VALUES ('schema', '1');
        INSERT INTO postings (content_hash, source, title, text, saved_at) VALUES
            ('h1', 'a.txt', 'Analyst', 'Analyst: SQL and Python, Tableau.', '2026-01-01'),
            ('h2', 'b.txt', 'Engineer', 'Engineer: Python and PostgreSQL.', '2026-01-02');"""
        + LEGACY_SHAPES[shape]
    )
    db.commit()
    db.close()
    ranked = _run("rank", "--saved", "--db", str(path), "--profile", _profile(tmp_path), "--format", "json")
    assert ranked.exit_code == 0, ranked.stderr
    assert "Analyst" in ranked.stdout and "Engineer" in ranked.stdout
    listed = _run("list", "--db", str(path))
    assert listed.exit_code == 0 and "a.txt" in listed.stdout and "b.txt" in listed.stdout
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    assert db.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)


def test_a_store_from_a_newer_jobmatch_is_refused(tmp_path):
    db = _saved_store(tmp_path)
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    for args in _commands(db, tmp_path):
        _one_line(_run(*args), f"made by a newer jobmatch (store schema {SCHEMA_VERSION + 1}")


def test_a_corrupt_store_is_one_line_for_every_command(tmp_path):
    db = tmp_path / "j.db"
    with Store(db) as store:
        for i in range(300):
            store.save(Posting(text=f"Posting {i}: " + "Python and SQL. " * 40, source=f"job-{i}.txt"))
        store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db.read_bytes())
    data[8192:40960] = os.urandom(32768)  # pages in the middle of the file: a header that still looks right
    db.write_bytes(bytes(data))
    failed = []
    for args in _commands(str(db), tmp_path):
        result = _run(*args)
        assert result.exit_code in (0, 2), result.stderr
        assert "Traceback" not in result.stderr
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        errors = [line for line in result.stderr.splitlines() if line.startswith("jobmatch: error: ")]
        assert len(errors) <= 1 and len(result.stderr.splitlines()) <= 2
        failed.append(bool(errors))
    assert sum(failed) >= 4  # the damage is seen, not read as postings


@pytest.mark.parametrize("command", ["show", "rm"])
def test_ids_beyond_sqlites_integers_are_one_line(tmp_path, command):
    db = _saved_store(tmp_path)
    _one_line(_run(command, str(2**70), "--db", db), f"no saved posting with id {2**70}")


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_a_device_as_the_database_is_one_line():
    _one_line(_run("list", "--db", "/dev/null"), "/dev/null: not a regular file")
