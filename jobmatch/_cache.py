"""The user's cache folder: compiled patterns and the validated taxonomy, so commands start fast.

``JOBMATCH_CACHE_DIR`` chooses the folder (``off`` turns caching off), else
``$XDG_CACHE_HOME/jobmatch``, else the platform's user cache folder (``platformdirs``:
``~/.cache/jobmatch``, ``~/Library/Caches/jobmatch``, ``%LOCALAPPDATA%\\jobmatch\\Cache``).

Entries are msgpack (``srsly``, spaCy's own serialisation) named by a hash of what they were built
from: plain data, numpy arrays, sets, regular expressions and jobmatch's own classes, rebuilt from
their fields. Nothing in an entry is ever run, so a damaged or planted entry can at worst be
rebuilt. A missing, stale or damaged entry is rebuilt, never trusted; a folder that another user
owns or that others may write to is not used at all (one warning, then the work is done in memory).
"""

from __future__ import annotations

import dataclasses
import importlib
import os
import re
import stat
import tempfile
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import JobmatchWarning

__all__ = ["cache_dir", "dumps", "loads", "read", "write"]

_OFF = ("off", "0", "none")
# msgpack extension codes: a jobmatch object (class name, fields), a frozen set, a compiled regex,
# a numpy array (dtype, shape, bytes)
_OBJECT, _FROZENSET, _REGEX, _ARRAY = 1, 2, 3, 4
_warned: set[str] = set()


def cache_dir() -> Path | None:
    """Where cache entries live, or None when caching is off or the folder is not safe to use."""
    where = os.environ.get("JOBMATCH_CACHE_DIR", "")
    if where.lower() in _OFF:
        return None
    if where:
        root = Path(where)
    elif os.environ.get("XDG_CACHE_HOME"):
        root = Path(os.environ["XDG_CACHE_HOME"]) / "jobmatch"
    else:
        import platformdirs

        root = Path(platformdirs.user_cache_dir("jobmatch", appauthor=False))
    return root if _usable(root) else None


def _usable(root: Path) -> bool:
    """Whether ``root`` exists (made if need be, private) and only this user can write there."""
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = root.stat()
    except OSError:
        return False  # a read-only home: build each time instead
    if not hasattr(os, "geteuid"):  # Windows: a user's folders are private by their ACLs
        return True
    if not stat.S_ISDIR(info.st_mode):
        problem = "is not a folder"
    elif info.st_uid != os.geteuid():
        problem = f"belongs to another user (uid {info.st_uid})"
    elif info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        problem = f"is writable by other users (mode {stat.S_IMODE(info.st_mode):o})"
    else:
        return True
    if str(root) not in _warned:
        _warned.add(str(root))
        warnings.warn(
            f"cache folder {root} {problem}: not used (compiled patterns are rebuilt in memory each run; "
            "set JOBMATCH_CACHE_DIR to a private folder)",
            JobmatchWarning,
            stacklevel=3,
        )
    return False


def _encode(value: Any) -> Any:
    from srsly.msgpack import ExtType

    if isinstance(value, (frozenset, set)):
        return ExtType(_FROZENSET, dumps(list(value)))
    if isinstance(value, re.Pattern):
        return ExtType(_REGEX, dumps([value.pattern, value.flags]))
    cls = type(value)
    if cls.__module__ == "numpy" and cls.__name__ == "ndarray":
        return ExtType(_ARRAY, dumps([value.dtype.str, list(value.shape), value.tobytes()]))
    if cls.__module__.startswith("jobmatch."):
        if dataclasses.is_dataclass(value):
            state = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        else:
            state = vars(value)
        return ExtType(_OBJECT, dumps([f"{cls.__module__}:{cls.__qualname__}", state]))
    raise TypeError(f"cannot cache a {cls.__name__}")


def _decode(code: int, data: bytes) -> Any:
    value = _unpack(data)
    if code == _FROZENSET:
        return frozenset(value)
    if code == _REGEX:
        return re.compile(value[0], value[1])
    if code == _ARRAY:
        import numpy

        dtype, shape, data = value
        return numpy.frombuffer(data, dtype=numpy.dtype(dtype)).reshape(shape)
    if code == _OBJECT:
        name, state = value
        cls, fields = _class(name)
        if fields is not None and state.keys() != fields:
            raise ValueError(f"{name} has other fields now")  # a stale entry: rebuilt
        # as pickle does, without its power to call anything: a new instance given its fields
        obj: Any = object.__new__(cls)
        obj.__dict__.update(state)
        return obj
    raise ValueError(f"unknown extension {code}")


@lru_cache(maxsize=64)
def _class(name: str) -> tuple[type, frozenset[str] | None]:
    """The jobmatch class named ``module:qualname``, and its field names if a dataclass."""
    module, _, qualname = name.partition(":")
    if not module.startswith("jobmatch."):  # only our own classes, rebuilt from their fields
        raise ValueError(f"not a jobmatch class: {name}")
    cls = getattr(importlib.import_module(module), qualname)
    if not isinstance(cls, type):
        raise ValueError(f"not a class: {name}")
    fields = frozenset(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None
    return cls, fields


def _unpack(data: bytes) -> Any:
    # srsly's own msgpack, without the wrapper that looks up plugin decoders at every call
    from srsly.msgpack._unpacker import unpackb

    # tuples stay tuples (frozen dataclasses hold them), and map keys may be ints
    return unpackb(data, raw=False, use_list=False, ext_hook=_decode, strict_map_key=False)


_packers: list[Any] = []  # idle packers, one per nesting level in use: making one costs more than packing a skill


def dumps(value: object) -> bytes:
    """``value`` as msgpack bytes; raises TypeError for anything that cannot be rebuilt safely."""
    from srsly.msgpack._packer import Packer

    packer = _packers.pop() if _packers else Packer(default=_encode, use_bin_type=True)
    data = packer.pack(value)  # on an error the packer is dropped, whatever it holds
    _packers.append(packer)
    return data


def loads(data: bytes) -> Any:
    """The value ``dumps`` made; raises ValueError (or another Exception) for damaged data."""
    return _unpack(data)


def read(path: Path) -> Any:
    """The entry at ``path``, or None when it is absent or unreadable."""
    try:
        return loads(path.read_bytes())
    except Exception:  # absent, stale (classes that changed since) or damaged
        return None


def write(path: Path, value: object) -> None:
    """Store ``value`` at ``path`` whole or not at all (a temporary file renamed into place)."""
    try:
        data = dumps(value)
    except (TypeError, ValueError, OverflowError):
        return  # something that cannot be kept safely: build it each time
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as f:
            f.write(data)
        os.replace(f.name, path)
    except OSError:
        pass  # a read-only or full disk: build each time instead
