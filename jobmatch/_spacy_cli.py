"""spaCy's own command line, put off until something asks for it (the ``jobmatch`` command only).

``import spacy`` imports ``spacy.cli`` (typer, weasel, their dependencies) for the one name
``spacy.info``: about 0.4 s of CPU, a third of a one-posting ``jobmatch match``, for a command line
jobmatch never runs. ``defer()``, called before spaCy is first imported, puts two stand-ins in
``sys.modules``: ``spacy.info`` still works (it imports the real module on its first call), and so
does any later ``import spacy.cli`` or attribute of it (the stand-in loads the real package and
steps aside). Where spaCy's layout is not the one expected, nothing is deferred.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import types
from typing import Any

_PACKAGE, _INFO = "spacy.cli", "spacy.cli.info"


class _StandIn(types.ModuleType):
    """A module of spaCy's command line not loaded yet: any attribute asked for loads it."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # import machinery probing (__path__ is set, __spec__ is None)
            raise AttributeError(name)
        if self.__name__ == _INFO and name == "info":
            # ``from .cli.info import info`` in spaCy's __init__: a module found in sys.modules is
            # not set on its package, as an imported one is; the stand-in is, so ``spacy.cli`` works
            spacy = sys.modules.get("spacy")
            if spacy is not None and not hasattr(spacy, "cli"):
                spacy.cli = sys.modules[_PACKAGE]  # type: ignore[attr-defined]
            return _info
        return getattr(_load(self.__name__), name)


def _load(name: str) -> types.ModuleType:
    """The real module ``name``, the stand-ins out of the way."""
    for stand_in in (_INFO, _PACKAGE):
        if isinstance(sys.modules.get(stand_in), _StandIn):
            del sys.modules[stand_in]
    spacy = sys.modules.get("spacy")
    if spacy is not None and isinstance(getattr(spacy, "cli", None), _StandIn):
        del spacy.cli  # the real package takes its place as it loads
    return importlib.import_module(name)


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``, imported on its first call."""
    return _load(_INFO).info(*args, **kwargs)


def defer() -> bool:
    """Put ``spacy.cli`` off (see the module's docstring); whether it was."""
    if any(name == "spacy" or name.startswith("spacy.") for name in sys.modules):
        return False  # spaCy is (being) imported already: too late, and nothing to gain
    spec = importlib.util.find_spec("spacy")
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    folders = [os.path.join(location, "cli") for location in locations]
    if not folders or not all(os.path.isfile(os.path.join(f, "info.py")) for f in folders):
        return False
    package, info = _StandIn(_PACKAGE), _StandIn(_INFO)
    package.__path__ = folders  # ``import spacy.cli.train`` still finds the real submodule
    sys.modules[_PACKAGE], sys.modules[_INFO] = package, info
    return True
