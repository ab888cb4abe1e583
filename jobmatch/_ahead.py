"""A function whose imports are made now, in a process of its own, while this one starts up.

``jobmatch rank`` needs scikit-learn only at its end, to fit the batch's IDF, and importing it
costs about a second of CPU; the command's first second goes to spaCy and its pipeline, on one
core, while the other waits. ``Ahead(fit_idf, modules=...)`` forks a process at the command's
start that imports those modules on the idle core and then makes the one call asked of it; the
argument and the result go by pipe (the fit itself takes milliseconds). This process never
imports the modules, so its workers (``--jobs``) have both cores to themselves. Over there, optional
packages the work never uses are kept out (``without``: pandas, which scikit-learn imports only to
accept DataFrames), and modules the imports name but the work may not use are stand-ins that import
the real one the first time anything of it is asked for (``deferred``: scipy.stats, which
scikit-learn imports at its start for functions a fit never calls). scikit-learn's import then
costs half (1.3-1.5 s of CPU instead of 2.5-3.0 on a busy host): on two cores it ends about when
``--jobs 2``'s workers start, instead of taking a core from them.

Where it cannot pay (no ``fork``, one core, threads already running, the modules imported
already) or anything goes wrong over there, the call is made here instead, as it would have been.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from importlib import import_module
from types import ModuleType
from typing import Any, Generic, TypeVar

__all__ = ["Ahead"]

T = TypeVar("T")
R = TypeVar("R")


class Ahead(Generic[T, R]):
    """``work``, to be called once, with ``modules`` imported meanwhile in a forked process.

    >>> double = Ahead(lambda n: 2 * n, modules=())
    >>> double(21)
    42
    """

    def __init__(
        self,
        work: Callable[[T], R],
        *,
        modules: tuple[str, ...],
        without: tuple[str, ...] = (),
        deferred: tuple[str, ...] = (),
    ) -> None:
        self._work = work
        self._conn: Any = None
        self._process: Any = None
        if not _worth_a_process(modules):
            return
        import multiprocessing

        ctx = multiprocessing.get_context("fork")
        here, there = ctx.Pipe()
        process = ctx.Process(
            target=_serve, args=(there, here, work, modules, without, deferred), daemon=True, name="jobmatch-ahead"
        )
        try:
            process.start()
        except OSError:  # no process to be had (limits): the call is made here
            here.close()
            there.close()
            return
        there.close()
        self._conn, self._process = here, process

    @property
    def forked(self) -> bool:
        """Whether a process was forked for the call (and has not been used or closed yet)."""
        return self._conn is not None

    def __call__(self, arg: T) -> R:
        conn = self._conn
        if conn is not None:
            self._conn = None
            try:
                conn.send(arg)
                done, value = conn.recv()
            except (OSError, EOFError, ValueError, TypeError, AttributeError):  # (pickling, a pipe gone)
                done, value = False, None
            finally:
                self._end(conn)
            if done:
                return value
        return self._work(arg)  # here: as before, and with the real traceback if it fails

    def close(self) -> None:
        """Stop the process unused, at once: a command that fails early must not wait for its imports."""
        if self._conn is not None:
            conn, self._conn = self._conn, None
            self._end(conn, stop=True)

    def _end(self, conn: Any, *, stop: bool = False) -> None:
        conn.close()
        if stop:
            self._process.terminate()
        self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.kill()

    def __enter__(self) -> Ahead[T, R]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _worth_a_process(modules: tuple[str, ...]) -> bool:
    if all(name in sys.modules for name in modules):
        return False  # nothing left to import: the call costs the same here
    return idle_core_to_fork()


def idle_core_to_fork() -> bool:
    """Whether a process forked now can run on a core of its own, safely: fork is there, the
    process may use more than one core, and no other thread runs (also used by ``_headstart``)."""
    import multiprocessing
    import threading

    if os.name == "nt" or "fork" not in multiprocessing.get_all_start_methods():
        return False  # a spawned process would import jobmatch and spaCy's stack again first
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # (macOS)
        cores = os.cpu_count() or 1
    # a fork while another thread runs can copy a lock held by it, and hang the child
    return cores > 1 and threading.active_count() == 1


class _Deferred(ModuleType):
    """A module imported for real the first time anything of it is asked for (an ``import`` of it
    finds this in ``sys.modules`` and asks nothing)."""

    def __getattr__(self, attribute: str) -> Any:
        name = self.__name__
        if sys.modules.get(name) is self:
            del sys.modules[name]
        return getattr(import_module(name), attribute)


def _serve(
    conn: Any,
    other_end: Any,
    work: Callable[[Any], Any],
    modules: tuple[str, ...],
    without: tuple[str, ...],
    deferred: tuple[str, ...],
) -> None:
    """The forked process: import, wait for the argument, send back (True, result), or (False,
    None) when the work failed (the caller then does it itself, and sees why)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the command's to handle, not a traceback here
    other_end.close()
    for name in without:  # an import of it fails here, as if it were not installed
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]
    for name in deferred:
        sys.modules.setdefault(name, _Deferred(name))
    for name in modules:
        try:
            import_module(name)
        except Exception:  # the call made here then says what is wrong
            break
    try:
        arg = conn.recv()
    except (EOFError, OSError):
        return  # closed unused
    try:
        reply = (True, work(arg))
    except Exception:  # redone by the caller, where the error is reported
        reply = (False, None)
    try:
        conn.send(reply)
    except Exception:  # an unpicklable result: the caller does the work itself
        conn.send((False, None))
    finally:
        conn.close()
