"""Postings read from their text alone on the core a command's start-up leaves idle.

``jobmatch extract`` and ``rank`` with ``--jobs N`` spend their first second in one process:
importing spaCy, building the pipeline and the whole matcher, which the N workers then share by
being forked. Meanwhile the other core waits. What of a posting needs no spaCy (its layout: sections,
clauses, the keyword pass; its fields; its language) can be read then: ``HeadStart(items, read)``
forks a process, before spaCy is imported, that calls ``read(item)`` on the items in order, from the
first, and writes each result into memory it shares with this process and with the workers forked
later. ``stop()``, called just before they fork, ends it and keeps what it finished; a worker takes
item i's result (``Ready.take(i)``) instead of reading it again. Results are the same either way:
only where the work is done changes.

Where it cannot pay (no ``fork``, one core, threads running, a handful of items) nothing is forked
and ``stop()`` gives nothing: every item is read where it is extracted.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import pickle
import struct
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from ._ahead import idle_core_to_fork

__all__ = ["HeadStart", "Ready"]

T = TypeVar("T")

_MIN_ITEMS = 32  # fewer: the start-up is short next to forking, and there is little to share out
_PER_ITEM = 64 * 1024  # room a result may take on average (a posting's layout pickles to about 11 KB)
_MAX_BYTES = 1 << 29  # the shared memory is only reserved: pages are taken as results are written
_ENTRY = struct.Struct("<QQ")  # a result's (offset, length); a count of results done first


class Ready:
    """What the head start finished: items ``0 .. done - 1``, each result pickled in shared memory."""

    def __init__(self, memory: mmap.mmap | None = None, done: int = 0) -> None:
        self._memory, self.done = memory, done

    def take(self, i: int) -> Any:
        """Item ``i``'s result, or None if the head start did not get to it (or read nothing)."""
        if i >= self.done or self._memory is None:
            return None
        offset, length = _ENTRY.unpack_from(self._memory, _ENTRY.size * (i + 1))
        if not length:
            return None
        return pickle.loads(self._memory[offset : offset + length])


class HeadStart(Generic[T]):
    """``read`` called on ``items`` in order, in a process forked now, until ``stop()``."""

    def __init__(self, items: Sequence[T], read: Callable[[T], Any]) -> None:
        self._process: Any = None
        self._memory: mmap.mmap | None = None
        if len(items) < _MIN_ITEMS or not idle_core_to_fork():
            return
        import multiprocessing

        size = min(_MAX_BYTES, _ENTRY.size * (len(items) + 1) + _PER_ITEM * len(items))
        try:
            memory = mmap.mmap(-1, size)  # anonymous and shared: the workers forked later see it too
            process = multiprocessing.get_context("fork").Process(
                target=_read_ahead, args=(memory, items, read), daemon=True, name="jobmatch-headstart"
            )
            process.start()
        except (OSError, ValueError):  # no memory or no process to be had (limits): nothing read ahead
            return
        self._process, self._memory = process, memory

    def stop(self) -> Ready:
        """End the reading ahead, and what it finished (read by every process forked from now on)."""
        process, memory = self._process, self._memory
        if process is None or memory is None:
            return Ready()
        self._process = None
        process.kill()  # mid-item, it may be: only a result written whole is counted
        process.join()  # and its memory writes are all seen here once it has ended
        (done,) = struct.unpack_from("<Q", memory, 0)
        return Ready(memory, done)

    def close(self) -> None:
        """End the reading ahead unused (a command that stops early, or reads with one process)."""
        self.stop()

    def __enter__(self) -> HeadStart[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _read_ahead(memory: mmap.mmap, items: Sequence[Any], read: Callable[[Any], Any]) -> None:
    """The forked process: each item's result written after the ones before it, then counted."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the command's to handle, not a traceback here
    with contextlib.suppress(OSError):  # only idle time: no share of a core the start-up needs (rank's imports)
        os.nice(19)
    offset = _ENTRY.size * (len(items) + 1)
    for i, item in enumerate(items):
        try:
            blob = pickle.dumps(read(item), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # read again where it is extracted, where an error is reported
            blob = b""
        if offset + len(blob) > len(memory):
            return  # out of room: the rest is read where it is extracted
        memory[offset : offset + len(blob)] = blob
        _ENTRY.pack_into(memory, _ENTRY.size * (i + 1), offset, len(blob))
        struct.pack_into("<Q", memory, 0, i + 1)
        offset += len(blob)
