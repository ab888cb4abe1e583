"""The few exceptions jobmatch raises. The CLI turns each into one line on stderr and exit code 2."""

from __future__ import annotations


class JobmatchError(Exception):
    """Base class: every error jobmatch raises on purpose is one of these."""


class TaxonomyError(JobmatchError):
    """The skill data is missing, malformed or inconsistent (message names file and line)."""


class SourceError(JobmatchError):
    """A posting could not be read: missing, binary, undecodable or malformed (message names it)."""


class ProfileError(JobmatchError):
    """A profile that cannot be used: unreadable, malformed TOML, a bad value (message names the line)."""


class JobmatchWarning(UserWarning):
    """Something worked less well than it should and the user should know: a cache the store could
    not write (read-only, disk full), so the next run does the work again."""
