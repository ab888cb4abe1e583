"""jobmatch: extract the skills job postings ask for and match them against a skill profile.

The public surface is small; everything else is an implementation detail::

    from jobmatch import SkillExtractor
    result = SkillExtractor().extract("5+ years of Python, k8s and AWS")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import JobmatchError, ProfileError, SourceError, TaxonomyError

__version__ = "0.1.0"

__all__ = [
    "Extraction",
    "JobmatchError",
    "Mention",
    "Posting",
    "Profile",
    "ProfileError",
    "SkillExtractor",
    "SkillMatch",
    "SourceError",
    "Taxonomy",
    "TaxonomyError",
    "__version__",
    "load_postings",
    "load_profile",
    "load_taxonomy",
    "match",
]

if TYPE_CHECKING:
    from .extract import Extraction, Mention, SkillExtractor, SkillMatch
    from .profile import Profile, load_profile
    from .score import match
    from .sources import Posting, load_postings
    from .taxonomy import Taxonomy, load_taxonomy

_LAZY = {
    "Extraction": "extract",
    "Mention": "extract",
    "SkillExtractor": "extract",
    "SkillMatch": "extract",
    "Posting": "sources",
    "Profile": "profile",
    "load_profile": "profile",
    "match": "score",
    "load_postings": "sources",
    "Taxonomy": "taxonomy",
    "load_taxonomy": "taxonomy",
}


def __getattr__(name: str) -> Any:
    # Imported on first use, so `jobmatch --help` never pays for spaCy.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'jobmatch' has no attribute {name!r}")
