"""The saved-listings store: an embedded SQLite database of postings (text, title, source, times).

Postings are de-duplicated by content; every write is one transaction (a process killed mid-save
loses nothing saved before, and the database stays readable). The default database lives in the
user's data folder; ``JOBMATCH_DB`` or an explicit path chooses another.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .errors import JobmatchError
from .sources import Posting

__all__ = ["SavedPosting", "Store", "StoreError", "content_hash", "default_db_path"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS postings (
    id INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    title TEXT,
    text TEXT NOT NULL,
    meta TEXT NOT NULL DEFAULT '{}',
    fetched_at TEXT,
    saved_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS extractions (
    content_hash TEXT NOT NULL,
    taxonomy_version TEXT NOT NULL,
    data TEXT NOT NULL,
    asks TEXT NOT NULL,
    PRIMARY KEY (content_hash, taxonomy_version)
);
CREATE TABLE IF NOT EXISTS idf (batch TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS batches (key TEXT PRIMARY KEY, data BLOB NOT NULL);
-- what a re-rank reads of every posting, without the pages that hold the texts
CREATE INDEX IF NOT EXISTS postings_headers ON postings (id, content_hash, source, title);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', '1');
-- bumped by every change to the postings, whoever makes it: what a cache of the whole store is keyed by
INSERT OR IGNORE INTO meta (key, value) VALUES ('generation', '0');
CREATE TRIGGER IF NOT EXISTS postings_insert_generation AFTER INSERT ON postings
BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'; END;
CREATE TRIGGER IF NOT EXISTS postings_delete_generation AFTER DELETE ON postings
BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'; END;
CREATE TRIGGER IF NOT EXISTS postings_update_generation AFTER UPDATE ON postings
BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'; END;
"""


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
    """Saved postings in one SQLite file. Use as a context manager, or call ``close()``."""

    def __init__(self, path: str | Path | None = None, *, timeout: float = 5.0) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=timeout)
            self._db.execute("PRAGMA journal_mode=WAL")
            with self._db:
                self._db.executescript(_SCHEMA)
        except (sqlite3.DatabaseError, OSError) as err:
            raise StoreError(self._explain(err)) from None

    def _explain(self, err: Exception) -> str:
        text = str(err)
        if "locked" in text or "busy" in text:
            return f"{self.path}: the database is locked by another jobmatch process; try again when it is done"
        if "not a database" in text or "malformed" in text or "disk image" in text:
            return f"{self.path}: not a readable jobmatch database ({text})"
        return f"{self.path}: {text}"

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Any database failure inside becomes one StoreError line naming the file."""
        try:
            yield
        except sqlite3.DatabaseError as err:
            raise StoreError(self._explain(err)) from None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def save(self, posting: Posting, *, fetched_at: str | None = None) -> tuple[int, bool]:
        """Store ``posting`` unless the same content is stored already: (id, whether it is new)."""
        digest = content_hash(posting.text)
        with self._guard(), self._db:  # one transaction
            row = self._db.execute("SELECT id FROM postings WHERE content_hash = ?", (digest,)).fetchone()
            if row:
                return int(row[0]), False
            cursor = self._db.execute(
                "INSERT INTO postings (content_hash, source, title, text, meta, fetched_at, saved_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
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
            return int(cursor.lastrowid or 0), True

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
        with self._guard(), self._db:
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
        with self._guard(), self._db:
            self._db.execute("DELETE FROM batches")
            self._db.execute("INSERT INTO batches (key, data) VALUES (?, ?)", (key, sqlite3.Binary(data)))

    def remove(self, posting_id: int) -> bool:
        """Delete one saved posting; whether there was one."""
        with self._guard(), self._db:
            return self._db.execute("DELETE FROM postings WHERE id = ?", (posting_id,)).rowcount > 0
