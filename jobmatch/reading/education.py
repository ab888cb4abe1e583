"""The education a posting asks for: the minimum degree level, its fields, equivalent experience."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .layout import PREFERRED
from .levels import Clauses, combine_requirements
from .scan import Regex

__all__ = ["Education", "read_education"]


@dataclass(frozen=True)
class Education:
    """The minimum degree level asked for (high_school, associate, bachelor, master, phd), the fields
    named, whether equivalent experience counts instead, and whether it is required."""

    level: str | None
    fields: tuple[str, ...] = ()
    equivalent_experience: bool = False
    required: bool | None = None


_LEVELS = ("high_school", "associate", "bachelor", "master", "phd")
# highest level first, a "degree" of no stated level last: the order clauses and fields are reported in
_ORDER = {"phd": 0, "master": 1, "bachelor": 2, "associate": 3, "high_school": 4, "any": 5}
_NO_DEGREE_RE = Regex(
    r"\bno (?:college |university |formal )?degree(?: is)? (?:required|needed|necessary)|"
    r"\bdegree (?:is )?not (?:required|necessary|needed)|\bwithout a degree\b|\bdegrees? (?:are|is) optional\b",
    re.I,
)
_EQUIVALENT_RE = Regex(
    r"\bequivalent (?:practical |professional |work |industry |relevant )?(?:experience|combination)|"
    r"\bor equivalent\b|\bcomparable experience\b",
    re.I,
)
_FIELDS_RE = Regex(r"\b(?:in|of)\s{1,3}(?P<fields>[A-Z][^.;:\n()]{0,200})")
# a degree's own name before its field: "Bachelor of Science (Degree) in Accounting" is a degree in Accounting
_DEGREE_NAME_RE = Regex(
    r"(?:Applied |Fine )?(?:Science|Arts|Commerce|Technology|Education|Engineering)"
    r"(?:\s{1,3}[Dd]egree)?\s{1,3}in\s{1,3}"
)
_FIELD_STOP_RE = Regex(
    r"\b(?:or (?:a )?(?:related|equivalent|similar|comparable|relevant|another)|related (?:field|discipline)|"
    r"and\s+\d|with\s|from\s|is\s|are\s|required|preferred|plus\b|or higher)",
    re.I,
)


def read_education(clauses: Clauses) -> Education | None:
    """The minimum degree asked for, its fields, "or equivalent experience", and whether required.

    None when the degrees named are only preferred ("a plus") or of no stated level ("a degree in
    a quantitative field"): there is no minimum to report."""
    layout = clauses.layout
    text = layout.text
    found: list[tuple[int, str | None, bool | None, tuple[int, int]]] = []  # (rank, level, required, clause)
    leveled_clauses: set[tuple[int, int]] = set()
    no_degree_in: dict[tuple[int, int], bool] = {}
    no_degree = False
    degrees = layout.degrees
    starts = [start for start, _, level in degrees if level != "any"]
    # the levelled words first: a "degree" in a clause that already named its level adds nothing
    for match_start, match_end, name in sorted(degrees, key=lambda d: (_ORDER[d[2]], d[0])):
        level = None if name == "any" else name
        required, boilerplate = clauses.requirement_of(match_start, match_end)
        if boilerplate:
            continue
        left, right = layout.clause_around(match_start, match_end)
        says_none = no_degree_in.get((left, right))
        if says_none is None:
            says_none = no_degree_in[left, right] = _NO_DEGREE_RE.search(text, left, right) is not None
        if says_none:
            no_degree = True
            continue
        if level is None and (left, right) in leveled_clauses:
            continue  # "Master's degree": the level word already said it
        if required is False and layout.section_at(match_start).kind != PREFERRED:
            # "Bachelor's degree in X, Master's degree preferred": the cue is the master's alone
            later = bisect.bisect_right(starts, match_end)
            own_end = starts[later] if later < len(starts) and starts[later] < right else right
            if (
                own_end < right
                and re.search(r"[,;]", text[match_start:own_end])
                and not layout.has_cue("preferred", match_start, own_end)
            ):
                required = True
        # a degree a posting names is asked for unless it says otherwise
        rank = len(_LEVELS) if level is None else _LEVELS.index(level)
        found.append((rank, level, True if required is None else required, (left, right)))
        if level is not None:
            leveled_clauses.add((left, right))
    asked = [f for f in found if f[2] is not False]
    leveled = [f for f in asked if f[1] is not None]
    if not leveled:  # none, only preferred, or of no stated level: no minimum to report
        return Education(None, required=False) if no_degree else None
    level = min(leveled, key=lambda f: f[0])[1]
    spans = list(dict.fromkeys(f[3] for f in found))
    fields: list[str] = []
    for left, right in spans:
        named = _FIELDS_RE.search(text, left, right)
        if named:
            chunk = _FIELD_STOP_RE.split(named.group("fields"))[0]
            chunk = chunk[own.end() :] if (own := _DEGREE_NAME_RE.match(chunk)) else chunk
            for part in re.split(r",|/|\bor\b|\band\b|&", chunk):
                name = part.strip(" ,.-")
                if name and len(name.split()) <= 5 and name[0].isupper():
                    fields.append(name)
    return Education(
        level=level,
        fields=tuple(dict.fromkeys(fields)),
        equivalent_experience=any(_EQUIVALENT_RE.search(text, left, right) for left, right in spans),
        required=combine_requirements([f[2] for f in asked]),
    )
