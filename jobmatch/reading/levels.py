"""How a posting asks for each skill it names: required, preferred or unsaid; boilerplate or not;
and (asked for apart: scoring needs it, a field listing does not) which skills are named only as a
degree's field of study ("BA in Economics")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .layout import BOILERPLATE, PREFERRED, REQUIRED, Layout

__all__ = ["Clauses", "combine_requirements", "read_degree_fields", "read_levels"]

Level = tuple[bool | None, bool]  # (required, boilerplate)

# A conjunction that opens a clause of its own, in contrast: "… is not needed, but Excel is a must",
# "SQL is required, whereas Python is a plus" (not "not only … but also", "including but not limited to")
_CONTRAST_RE = re.compile(r"\b(?:but(?!\s+(?:also|not\s+limited|rather))|whereas|while)\s", re.IGNORECASE)


class Clauses:
    """What each clause of one posting says, worked out once per clause: its requirement level
    and whether it names a degree. One per posting and reader; mentions in one clause share it."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        # by clause and section kind, or by a clause's parts ("part" and the kind)
        self._levels: dict[tuple[object, ...], Level] = {}

    def requirement_of(self, start: int, end: int) -> Level:
        """How the posting asks for what is named at ``text[start:end]``: (required, boilerplate).

        required is True (must, required, a requirements section, "strong experience"), False
        (nice to have, a plus, preferred section, "not required") or None (the posting does not
        say); boilerplate is True in About us, Benefits, Equal opportunity and the like.
        """
        layout = self.layout
        section = layout.section_at(start)
        kind = section.kind
        left, right = layout.clause_around(start, end)
        if left == section.start and section.header:
            # an inline label opens the clause ("Preferred Qualifications: Strong skills in React"):
            # its words are the section's kind, not a cue of the clause
            colon = layout.text.find(":", left, min(right, left + 46))
            if 0 <= colon < start:
                left = colon + 1
        key: tuple[object, ...] = (left, right, kind)
        level = self._levels.get(key)
        if level is not None:  # a clause read whole, or one in boilerplate
            return level
        if kind == BOILERPLATE or layout.in_equal_opportunity_paragraph(left, right):
            level = self._levels[key] = (None, True)
            return level
        parts: tuple[tuple[int, int], ...] = ((left, right),)
        if layout.has_cue("preferred", left, right) or layout.has_cue("negated", left, right):
            parts = self._parts_around(left, right, start, end)
            if parts != ((left, right),):  # a clause parted: each part read on its own
                key = (parts, f"part {kind}")
                level = self._levels.get(key)
                if level is not None:
                    return level
        if len(parts) == 1:  # (most clauses: a cue searched once over one range)
            ((a, b),) = parts
            excluded, negated = layout.has_cue("excluded", a, b), layout.has_cue("negated", a, b)
            preferred, must = layout.has_cue("preferred", a, b), layout.has_cue("must", a, b)
        else:
            excluded, negated, preferred, must = (
                any(layout.has_cue(name, a, b) for a, b in parts)
                for name in ("excluded", "negated", "preferred", "must")
            )
        if excluded:
            level = (None, True)  # "not suitable for those with a logistics background": no ask
        elif negated or preferred:
            level = (False, False)
        elif must:
            level = (True, False)
        elif kind == PREFERRED:
            level = (False, False)
        elif kind == REQUIRED or any(layout.has_cue("strong", a, b) for a, b in parts):
            level = (True, False)
        else:
            level = (None, False)
        self._levels[key] = level
        return level

    def _parts_around(self, left: int, right: int, start: int, end: int) -> tuple[tuple[int, int], ...]:
        """The parts of clause ``text[left:right]`` that ask for ``text[start:end]``: as
        ``Layout.asked_parts`` says, and where a contrast ("but", "whereas", "while") parts a clause
        that asks both ways (not needed or a plus, and a must), its side: "Accounting is not needed
        but Excel is a must" asks for Excel, not for accounting."""
        layout = self.layout
        parts = layout.asked_parts(left, right, start, end)
        if len(parts) != 1:
            return parts
        left, right = parts[0]
        if not (layout.has_cue("negated", left, right) or layout.has_cue("preferred", left, right)):
            return parts
        if not (layout.has_cue("must", left, right) or layout.has_cue("strong", left, right)):
            return parts
        for m in _CONTRAST_RE.finditer(layout.text, left, right):
            if m.start() >= end:
                return ((left, m.start()),)
            if m.end() <= start:
                left = m.start()
        return ((left, right),)


def combine_requirements(levels: Sequence[bool | None]) -> bool | None:
    """A skill asked for several times takes the strongest: True, then False, then None."""
    if True in levels:
        return True
    if False in levels:
        return False
    return None


def read_levels(clauses: Clauses, spans: Sequence[tuple[int, int, str]]) -> dict[str, Level]:
    """skill id → (required, boilerplate only)."""
    found: dict[str, list[bool | None]] = {}
    boilerplate: dict[str, bool] = {}
    for start, end, skill_id in spans:
        required, in_boilerplate = clauses.requirement_of(start, end)
        if not in_boilerplate:
            found.setdefault(skill_id, []).append(required)
        boilerplate[skill_id] = boilerplate.get(skill_id, True) and in_boilerplate
    return {sid: (combine_requirements(found.get(sid, [])), only) for sid, only in boilerplate.items()}


def read_degree_fields(layout: Layout, spans: Sequence[tuple[int, int, str]]) -> frozenset[str]:
    """The ids every mention of which sits in a clause naming a degree: a field of study ("BA in
    Economics or Geography"), not a skill asked for."""
    in_degree: dict[str, bool] = {}
    for start, end, skill_id in spans:
        if in_degree.get(skill_id, True):
            in_degree[skill_id] = layout.names_a_degree(*layout.clause_around(start, end))
    return frozenset(sid for sid, only in in_degree.items() if only)
