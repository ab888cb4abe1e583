"""One posting's extraction as plain data: the record ``jobmatch extract --format json`` prints.

The command, the Dask batch (``jobmatch.dask``) and anything else that writes extractions out build
their records here, so that each says exactly the same of the same posting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .extract import Extraction
    from .sources import Posting

__all__ = ["posting_record", "role_names"]


def posting_record(posting: Posting, extraction: Extraction) -> dict[str, Any]:
    """The JSON-ready record of one posting: its source, every field of the extraction and its role.

    ``title`` is left out when the posting has none, as ``jobmatch extract`` prints it.
    """
    out: dict[str, Any] = {"source": posting.source, **extraction.to_dict(), "role": role_names(posting, extraction)}
    if out["title"] is None:
        del out["title"]
    return out


def role_names(posting: Posting, extraction: Extraction) -> list[str]:
    """The role a posting is for (its title's, else its text's), by name; [] when it names none."""
    from .roles import load_roles

    roles = load_roles()
    found = extraction.roles_ahead
    if found is None:
        found = roles.of_posting(posting.title, extraction.text)
    return [roles[r].name for r in found]
