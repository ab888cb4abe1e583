"""Old home of the posting's structure, kept so that code written against it still imports:
the reading stage now lives in ``jobmatch.reading`` (text → layout once → each field)."""

from __future__ import annotations

from .reading import Layout, Section, Years
from .reading.cues import ANY_DEGREE_RE, DEGREE_PATTERNS
from .reading.layout import BOILERPLATE, DUTIES, PREFERRED, REQUIRED

__all__ = ["BOILERPLATE", "DUTIES", "PREFERRED", "REQUIRED", "Section", "Years", "clause_around", "names_a_degree"]


def clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause holding ``text[start:end]`` (lays the whole text out: prefer ``Layout``)."""
    return Layout.of(text).clause_around(start, end)


def names_a_degree(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` names a degree above school level."""
    return ANY_DEGREE_RE.search(text, start, end) is not None or any(
        regex.search(text, start, end) for level, regex in DEGREE_PATTERNS if level != "high_school"
    )
