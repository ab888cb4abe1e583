r"""The reading stage: a posting's text and the skills found in it → plain frozen data.

One direction only: the text is laid out once (``Layout``: sections, clauses, paragraphs); each
field is then read from that layout by its own module (levels, alternatives, years, seniority,
education, salary, place, employment), none of which imports another's results back.

    >>> layout = Layout.of("Requirements\n- 5+ years of Python\n- PyTorch or TensorFlow")
    >>> spans = [(27, 33, "python"), (36, 43, "pytorch"), (47, 57, "tensorflow")]
    >>> skills = read_skills(layout, spans, {"pytorch": "ml", "tensorflow": "ml", "python": "lang"})
    >>> skills.years["python"], skills.posting_years, skills.alternatives
    (5.0, Years(min=5.0, max=None), (('pytorch', 'tensorflow'),))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .alternatives import find_alternatives
from .education import Education, read_education
from .employment import read_company, read_dates, read_employment_type
from .layout import Layout, Section
from .levels import Clauses, read_degree_fields
from .levels import read_levels as _read_levels
from .place import currency_of_place, dollar_of, dollar_of_head, read_locations, read_work_mode
from .salary import Salary, in_local_dollars, read_salary
from .seniority import read_seniority
from .years import Years, find_years

__all__ = [
    "Education",
    "Layout",
    "PostingFields",
    "Salary",
    "Section",
    "SkillReading",
    "Years",
    "read_degree_fields",
    "read_fields",
    "read_skills",
]

Level = tuple[bool | None, bool]


@dataclass(frozen=True)
class SkillReading:
    """How a posting asks for the skills it names.

    ``levels``: skill id → (required, boilerplate only), required being True (must), False
    (preferred) or None (unsaid); ``years``: skill id → minimum years asked for it;
    ``posting_years``: the posting's main experience statement; ``alternatives``: groups of ids
    any one of which satisfies the posting.
    """

    levels: Mapping[str, Level] = field(default_factory=dict)
    years: Mapping[str, float] = field(default_factory=dict)
    posting_years: Years | None = None
    alternatives: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class PostingFields:
    """The posting's own fields: level, education, pay, place, terms, and the source's dates."""

    seniority: str | None = None
    education: Education | None = None
    salary: Salary | None = None
    locations: tuple[str, ...] = ()
    work_mode: str | None = None
    employment_type: str | None = None
    company: str | None = None
    date_posted: str | None = None
    valid_through: str | None = None


def read_skills(layout: Layout, spans: Sequence[tuple[int, int, str]], categories: Mapping[str, str]) -> SkillReading:
    """Read how the posting asks for its skills; ``spans`` are (start, end, skill id) in text order."""
    clauses = Clauses(layout)
    levels = _read_levels(clauses, spans)
    per_skill, posting_years = find_years(layout, spans)
    kept = [s for s in spans if not levels[s[2]][1]]  # boilerplate mentions make no alternatives
    return SkillReading(
        levels=levels,
        years=per_skill,
        posting_years=posting_years,
        alternatives=find_alternatives(layout.text, kept, categories),
    )


def _in_local_dollars(salary: Salary | None, locations: tuple[str, ...], text: str) -> Salary | None:
    """The pay in the currency of where the job is: for pay written with none ("73,194.86 -
    137,408.98 Yearly"), that of the places read or of a US address (``currency_of_place``); for a
    bare dollar, the dollar of the places read, else of those a board's header names
    (``in_local_dollars``, ``dollar_of_head``)."""
    if salary is not None and salary.currency is None:
        currency = currency_of_place(locations, text)
        return salary if currency is None else replace(salary, currency=currency)
    if salary is None or salary.currency != "USD":
        return salary
    return in_local_dollars(salary, dollar_of(locations) if locations else dollar_of_head(text))


def read_fields(layout: Layout, title: str | None = None, meta: Mapping[str, Any] | None = None) -> PostingFields:
    """Read the posting's fields from its layout, its title and the source's schema.org ``meta``."""
    scan = layout.scan
    posted, until = read_dates(meta)
    locations = read_locations(scan, meta)
    return PostingFields(
        seniority=read_seniority(title, scan),
        education=read_education(Clauses(layout)),
        # a bare "$" is the dollar of where the job is: Canada's in Toronto
        salary=_in_local_dollars(read_salary(layout, meta), locations, layout.text),
        locations=locations,
        work_mode=read_work_mode(scan, meta, title),
        employment_type=read_employment_type(scan, meta, title),
        company=read_company(meta),
        date_posted=posted,
        valid_through=until,
    )
