"""The saved-listings store: an embedded SQLite database of postings (text, title, source, times).

Postings are de-duplicated by content; every write is one transaction (a process killed mid-save
loses nothing saved before, and the database stays readable). The default database lives in the
user's data folder; ``JOBMATCH_DB`` or an explicit path chooses another.

A jobmatch database says so: ``PRAGMA application_id`` holds ``APPLICATION_ID`` and
``PRAGMA user_version`` its schema version. A database that is neither jobmatch's nor empty is
refused and never written; an older one of ours is upgraded by ``_MIGRATIONS`` in one transaction;
a newer one is refused. Opening only to read never writes (a read-only file can be listed), and a
cache that cannot be written (read-only, disk full) is a ``JobmatchWarning``, not a failure.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .errors import JobmatchError, JobmatchWarning
from .sources import Posting

__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "SavedPosting", "Store", "StoreError", "content_hash", "default_db_path"]

APPLICATION_ID = 0x6A6F626D  # "jobm": marks a SQLite file as jobmatch's
# Each entry takes the database from version i to version i + 1 (statements run in one transaction);
# the schema version is the number of entries. To change the schema, append an entry, never edit one.
_MIGRATIONS: list[tuple[str, ...]] = [
    (  # 1: the postings, and the meta table jobmatch 0.1 kept its schema number in
        """CREATE TABLE IF NOT EXISTS postings (
            id INTEGER PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            title TEXT,
            text TEXT NOT NULL,
            meta TEXT NOT NULL DEFAULT '{}',
            fetched_at TEXT,
            saved_at TEXT NOT NULL
        )""",
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ),
    (  # 2: the extraction cache with compact asks, and the batch IDF; caches of older shapes are
        # dropped (they are rebuilt on use), never a posting
        "DROP TABLE IF EXISTS extractions",
        """CREATE TABLE extractions (
            content_hash TEXT NOT NULL,
            taxonomy_version TEXT NOT NULL,
            data TEXT NOT NULL,
            asks TEXT NOT NULL,
            PRIMARY KEY (content_hash, taxonomy_version)
        )""",
        "DROP TABLE IF EXISTS idf",
        "CREATE TABLE idf (batch TEXT PRIMARY KEY, data TEXT NOT NULL)",
    ),
    (  # 3: a whole batch of saved postings kept as one compact record (jobmatch.rank), keyed by a
        # generation that every change to the postings bumps, whoever makes it; an index that lets a
        # re-rank read every posting's header without the pages holding the texts
        "DROP TABLE IF EXISTS idf",
        "CREATE TABLE IF NOT EXISTS batches (key TEXT PRIMARY KEY, data BLOB NOT NULL)",
        "CREATE INDEX IF NOT EXISTS postings_headers ON postings (id, content_hash, source, title)",
        "INSERT OR IGNORE INTO meta (key, value) VALUES ('generation', '0')",
        *(
            f"""CREATE TRIGGER IF NOT EXISTS postings_{event.lower()}_generation AFTER {event} ON postings
            BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'; END"""
            for event in ("INSERT", "DELETE", "UPDATE")
        ),
    ),
]
SCHEMA_VERSION = len(_MIGRATIONS)
_SQLITE_INTEGERS = range(-(2**63), 2**63)


class StoreError(JobmatchError):
    """The database cannot be used: locked by another process, corrupt, or not a jobmatch store."""


@dataclass(frozen=True)
class SavedPosting:
    """A posting as stored: its id, the posting itself, when it was saved (and fetched, for URLs)."""

    id: int
    posting: Posting
    saved_at: str
    fetched_at: str | None = None
    content_hash: str = field(default="", repr=False)


def default_db_path() -> Path:
    """``$JOBMATCH_DB``, else ``jobmatch.db`` in the user's data folder."""
    chosen = os.environ.get("JOBMATCH_DB")
    if chosen:
        return Path(chosen)
    from platformdirs import user_data_dir

    return Path(user_data_dir("jobmatch", appauthor=False)) / "jobmatch.db"


def content_hash(text: str) -> str:
    """The identity of a posting's content: the same words in the same order, whitespace aside."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """Saved postings in one SQLite file. Use as a context manager, or call ``close()``.

    ``write=False`` opens to read: nothing is written on opening, a missing file is an empty store
    (not created), and a read-only file can be read; caches are still kept where the file allows.
    """

    def __init__(self, path: str | Path | None = None, *, timeout: float = 30.0, write: bool = True) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        self._timeout = timeout
        try:
            self._db = self._open(write)
        except (sqlite3.DatabaseError, OSError) as err:
            raise StoreError(self._explain(err)) from None

    def _connect(self, mode: str) -> sqlite3.Connection:
        uri = f"file:{quote(str(self.path.absolute()))}?mode={mode}"
        return sqlite3.connect(uri, uri=True, timeout=self._timeout)

    def _open(self, write: bool) -> sqlite3.Connection:
        exists = self.path.exists()
        if exists and not self.path.is_file():
            raise StoreError(f"{self.path}: not a regular file (a folder or a device?), so not a database")
        version = self._version() if exists else 0
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: made by a newer jobmatch (store schema {version}; this one reads up to"
                f" {SCHEMA_VERSION}): upgrade jobmatch"
            )
        if version == 0 and not write:
            return self._empty()  # nothing saved yet: nothing to create just to read it
        if version < SCHEMA_VERSION:
            if not exists:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._migrate(create=not exists)
        return self._connect("rw")  # read-only where the file is: SQLite falls back by itself

    def _empty(self) -> sqlite3.Connection:
        db = sqlite3.connect(":memory:")
        for statements in _MIGRATIONS:
            for statement in statements:
                db.execute(statement)
        return db

    def _version(self) -> int:
        """The schema version of an existing file (0: empty), read without writing; StoreError for
        a file that is not a jobmatch database."""
        try:
            db = self._connect("ro")
        except sqlite3.OperationalError:
            db = sqlite3.connect(f"file:{quote(str(self.path.absolute()))}?mode=ro&immutable=1", uri=True)
        try:
            return _version_of(db, self.path)
        finally:
            db.close()

    def _migrate(self, *, create: bool) -> None:
        """Bring the file to SCHEMA_VERSION in one transaction (another process may be doing the same:
        the version is read again once the write lock is held)."""
        db = self._connect("rwc" if create else "rw")
        db.isolation_level = None  # transactions by hand: DDL inside one
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                version = _version_of(db, self.path)
                for statements in _MIGRATIONS[version:]:
                    for statement in statements:
                        db.execute(statement)
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            if version == 0:  # readers need not wait for a saving process; should another process have
                # the file open this instant, the store works without it
                with suppress(sqlite3.OperationalError):
                    db.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError as err:
            if "readonly" in str(err) or "read-only" in str(err):
                raise StoreError(
                    f"{self.path}: store schema is older than this jobmatch's and the file is read-only, so it"
                    " cannot be upgraded; make it writable once"
                ) from None
            raise
        finally:
            db.close()

    def _explain(self, err: Exception) -> str:
        if isinstance(err, StoreError):
            return str(err)
        text = str(err)
        if "locked" in text or "busy" in text:
            return f"{self.path}: the database is locked by another jobmatch process; try again when it is done"
        if "not a database" in text or "malformed" in text or "disk image" in text:
            return f"{self.path}: not a readable jobmatch database ({text})"
        if isinstance(err, OSError):
            return f"{self.path}: {err.strerror or text}"
        return f"{self.path}: {text}"

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Any database failure inside becomes one StoreError line naming the file."""
        try:
            yield
        except sqlite3.DatabaseError as err:
            raise StoreError(self._explain(err)) from None

    @contextmanager
    def _cache_write(self) -> Iterator[None]:
        """A cache write that fails (read-only file, full disk, a long lock) is a warning: the cache
        only saves work, and reading must not fail for it."""
        try:
            with self._guard(), self._db:
                yield
        except StoreError as err:
            warnings.warn(
                f"{err} (the cache was not kept: the next run does this work again)", JobmatchWarning, stacklevel=3
            )

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def save(self, posting: Posting, *, fetched_at: str | None = None) -> tuple[int, bool]:
        """Store ``posting`` unless the same content is stored already: (id, whether it is new).

        Insert first, then look: two processes saving the same posting at once both succeed, one
        of them finding it saved (a look first would let both insert, and one fail)."""
        digest = content_hash(posting.text)
        with self._guard(), self._db:  # one transaction
            cursor = self._db.execute(
                "INSERT INTO postings (content_hash, source, title, text, meta, fetched_at, saved_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (content_hash) DO NOTHING",
                (
                    digest,
                    posting.source,
                    posting.title,
                    posting.text,
                    json.dumps(posting.meta, ensure_ascii=False, default=str),
                    fetched_at,
                    _now(),
                ),
            )
            if cursor.rowcount == 1:
                return int(cursor.lastrowid or 0), True
            row = self._db.execute("SELECT id FROM postings WHERE content_hash = ?", (digest,)).fetchone()
            return int(row[0]), False

    def _row(self, row: tuple[Any, ...]) -> SavedPosting:
        id_, digest, source, title, text, meta, fetched_at, saved_at = row
        posting = Posting(text=text, source=source, title=title, meta=json.loads(meta))
        return SavedPosting(id=id_, posting=posting, saved_at=saved_at, fetched_at=fetched_at, content_hash=digest)

    def postings(self) -> list[SavedPosting]:
        """Every saved posting, oldest first."""
        with self._guard():
            rows = self._db.execute(
                "SELECT id, content_hash, source, title, text, meta, fetched_at, saved_at FROM postings ORDER BY id"
            ).fetchall()
        return [self._row(row) for row in rows]

    def headers(self) -> list[tuple[int, str, str, str | None]]:
        """(id, content hash, source, title) of every saved posting, oldest first: what a re-rank
        from the extraction cache needs, without reading every text."""
        with self._guard():
            rows = self._db.execute("SELECT id, content_hash, source, title FROM postings ORDER BY id").fetchall()
        return [(int(i), digest, source, title) for i, digest, source, title in rows]

    def get(self, posting_id: int) -> SavedPosting | None:
        """One saved posting, or None."""
        if posting_id not in _SQLITE_INTEGERS:
            return None
        with self._guard():
            row = self._db.execute(
                "SELECT id, content_hash, source, title, text, meta, fetched_at, saved_at FROM postings WHERE id = ?",
                (posting_id,),
            ).fetchone()
        return self._row(row) if row else None

    def cached_extractions(self, taxonomy_version: str) -> dict[str, dict[str, Any]]:
        """content hash → cached extraction data, for this taxonomy version only: a changed
        taxonomy finds none of the old entries, and the old ones are pruned when it saves its own."""
        with self._guard():
            rows = self._db.execute(
                "SELECT content_hash, data FROM extractions WHERE taxonomy_version = ?", (taxonomy_version,)
            ).fetchall()
        return {digest: json.loads(data) for digest, data in rows}

    def cached_asks(self, taxonomy_version: str) -> dict[str, Any]:
        """content hash → the compact asks kept beside each cached extraction (what a re-rank
        reads: a fraction of the whole)."""
        with self._guard():
            rows = self._db.execute(
                "SELECT content_hash, asks FROM extractions WHERE taxonomy_version = ?", (taxonomy_version,)
            ).fetchall()
        return {digest: json.loads(asks) for digest, asks in rows}

    def cache_extractions(
        self, taxonomy_version: str, entries: dict[str, dict[str, Any]], asks: dict[str, Any] | None = None
    ) -> None:
        """Keep extraction data (and, by the same content hash, compact asks) for this taxonomy
        version, in one transaction."""
        asks = asks or {}
        with self._cache_write():
            self._db.execute("DELETE FROM extractions WHERE taxonomy_version != ?", (taxonomy_version,))
            self._db.executemany(
                "INSERT OR REPLACE INTO extractions (content_hash, taxonomy_version, data, asks) VALUES (?, ?, ?, ?)",
                [
                    (digest, taxonomy_version, json.dumps(data), json.dumps(asks.get(digest)))
                    for digest, data in entries.items()
                ],
            )

    def generation(self) -> str:
        """A name for the store's postings as they are now: it changes with every save, removal or
        edit (triggers keep it), so a cache of the whole store keyed by it is never stale."""
        with self._guard():
            value = self._db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
            count = self._db.execute("SELECT count(*) FROM postings").fetchone()
        return f"{value[0] if value else 0}:{count[0]}"

    def cached_batch(self, key: str) -> bytes | None:
        """The compact form of a whole batch of saved postings (see ``jobmatch.rank``), if kept under ``key``."""
        with self._guard():
            row = self._db.execute("SELECT data FROM batches WHERE key = ?", (key,)).fetchone()
        return bytes(row[0]) if row else None

    def cache_batch(self, key: str, data: bytes) -> None:
        """Keep one batch's compact form (only the latest: a batch that changed is a new batch)."""
        with self._cache_write():
            self._db.execute("DELETE FROM batches")
            self._db.execute("INSERT INTO batches (key, data) VALUES (?, ?)", (key, sqlite3.Binary(data)))

    def remove(self, posting_id: int) -> bool:
        """Delete one saved posting; whether there was one."""
        if posting_id not in _SQLITE_INTEGERS:
            return False
        with self._guard(), self._db:
            return self._db.execute("DELETE FROM postings WHERE id = ?", (posting_id,)).rowcount > 0


def _version_of(db: sqlite3.Connection, path: Path) -> int:
    """The jobmatch schema version of an open database (0: an empty file), or StoreError for one
    that belongs to something else."""
    # one statement, so one snapshot: read apart, another process creating the store could commit
    # between the version and the tables, and a store half-seen would look foreign
    app_id, version, names = db.execute(
        "SELECT (SELECT application_id FROM pragma_application_id()),"
        " (SELECT user_version FROM pragma_user_version()),"
        " (SELECT group_concat(name, char(10)) FROM"
        " (SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name))"
    ).fetchone()
    if app_id == APPLICATION_ID:
        return int(version)
    tables = names.split("\n") if names else []
    if app_id == 0 and version == 0:
        if not tables:
            return 0
        if {"postings", "meta"} <= set(tables):  # jobmatch 0.1 marked its stores in a meta table
            try:
                row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            except sqlite3.OperationalError:  # a meta table of other columns: someone else's
                row = None
            if row is not None and row[0] == "1":
                return 1
    listed = ", ".join(tables[:5]) + (", …" if len(tables) > 5 else "")
    raise StoreError(
        f"{path}: not a jobmatch database (it holds {listed or 'no tables'}); jobmatch leaves it alone:"
        " choose another --db"
    )
