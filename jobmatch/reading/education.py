"""The education a posting asks for: the minimum degree level, its fields, equivalent experience."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .layout import PREFERRED, YEARS_FIGURE_RE
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
    r"\bdegree (?:is )?not (?:required|necessary|needed)|\bwithout a degree\b|\bdegrees? (?:are|is) optional\b|"
    # ("No experience or high school diploma needed")
    r"\bno\s{1,3}(?:[\w/]+\s{1,3}){0,2}(?:or\s{1,3})?(?:high school\s{1,3})?diplomas?\s{1,3}(?:is\s{1,3})?"
    r"(?:required|needed|necessary)\b|"
    # ("We do not require a university / college degree, high school diploma or GED")
    r"\b(?:do(?:es)?\s{1,3}not|don[’']t|doesn[’']t)\s{1,3}require\s{1,3}an?\s{1,3}(?:[\w/]+\s{1,3}){0,4}?"
    r"(?:degree|diploma)\b",
    re.I,
)
# years of experience that come with a degree named just before: "… diploma / GED with at least 6 years"
_WITH_YEARS_RE = Regex(
    # (or a tier's label: "With High School Diploma/GED: 12 years")
    r"[^.;\n]{0,40}?(?:\b(?:with|and|plus)|\+|:)\s{0,3}(?:at least\s{1,3}|a minimum of\s{1,3}|minimum\s{1,3})?"
    r"(?:\d{1,2}(?:\s{0,3}[-–]\s{0,3}\d{1,2})?|one|two|three|four|five|six|seven|eight|nine|ten)\+?\s{0,3}"
    # ("High school diploma plus 3 or more continuous years of … experience")
    r"(?:or\s{1,3}more\s{1,3})?(?:continuous\s{1,3}|full[- ]time\s{1,3})?(?:years?|yrs?)\b",
    re.I,
)
_EQUIVALENT_RE = Regex(
    r"\bequivalent (?:practical |professional |work |industry |relevant )?(?:experience|combination)|"
    r"\bor equivalent\b|\bcomparable experience\b|"
    # ("we will consider candidates with equivalent education or experience")
    r"\bequivalent (?:education|training|qualifications?) (?:and/or|or|and) (?:work |relevant )?experience\b",
    re.I,
)
# the students, courses or programmes of a degree, named after it: "MSc students", "BSc (Hons)
# Accounting and Finance programmes"
_OF_A_DEGREE_RE = Regex(
    r"(?:\s{1,3}\(?[A-Z][\w&, ]{0,40}\)?)?\s{1,3}"
    r"(?:students|researchers|dissertations|theses|programmes|programs|courses|modules)\b"
)
# the employer's own degree: "teach in our MSc", "our Associate Degree Nursing (ADN) program"
_OURS_RE = Regex(r"(?i:\bour)[ \t]{1,3}(?:[A-Z][\w'’]*[ \t]{1,3}){0,4}\(?$")
# school grades, asked beside a degree ("A-levels at ABB")
_SCHOOL_GRADES_RE = Regex(r"(?-i:\bA[- ]?[Ll]evels?\b|\bGCSEs?\b|\bHighers\b)")
# (the first "in"/"of" after a degree; only the names in capitals in it are fields: "in human resources,
# Business Administration" names Business Administration)
_FIELDS_RE = Regex(r"\b(?:in|of)\s{1,3}(?P<fields>[A-Za-z][^.;:\n()]{0,200})")
# a field named right after a degree's letters, with no "in": "BSc Computer Science", "MSc (Hons) Data Science"
_FIELD_AFTER_RE = Regex(
    r"(?<=[A-Za-z.])\s{1,3}(?:\((?:Hons?|Honours|Honors)\)\s{1,3})?"
    r"(?!(?i:degrees?|diploma|required|preferred|or|and|level|qualification)\b)"
    r"(?P<fields>(?-i:[A-Z][\w&-]*(?:(?:\s{1,3}|,\s{0,3})(?:[A-Z][\w&-]*|and|&|or|/)){0,8}))"
)
_LETTERS_END_RE = Regex(
    r"(?-i:\b(?:B\.?Sc|M\.?Sc|B\.?Eng|M\.?Eng|B\.?Tech|M\.?Tech|B\.E|M\.E|BS|MS|BA|MA|B\.S|M\.S|B\.A|M\.A|BCA|MCA|BBA|"
    r"B\.Com|MBA)\.?)$"
)
# a degree's own name before its field: "Bachelor of Science (Degree) in Accounting" is a degree in Accounting
_DEGREE_NAME_RE = Regex(
    r"(?:Applied |Fine )?(?:Science|Arts|Commerce|Technology|Education|Engineering)"
    r"(?:\s{1,3}[Dd]egree)?\s{1,3}in\s{1,3}"
)
# words that end no field's name: "Mechanical Engineering a", "Information Technology field of study"
_LOWER_TAIL_RE = Regex(
    r"(?:\s+(?:a|an|the|field|fields|of|study|studies|along|degree|or|and|with|from|in|related|discipline|area|areas|"
    r"strongly|highly|preferably|ideally|"
    r"equivalent|preferred|required))+$"
)
# a degree named among the fields ("in Computer Science, or a Master's Degree, or PhD") is none of them
_DEGREE_WORD_RE = Regex(
    r"\b(?:degrees?|diploma|ph\.?\s?d|masters?|master['’]s|bachelors?|bachelor['’]s|doctorate|LL|mba|m\.?sc|b\.?sc|"
    r"(?-i:MS|BS|MA|BA))\b",
    re.I,
)
# where a field's name ends, if not before: a lost line break ("Atmospheric SciencesComfortable with",
# "CFOStrong understanding"), a figure ("Finance0 - 2 years")
_FIELD_END_RE = Regex(r"(?<=[a-z])(?=[A-Z][a-z])|(?<=[A-Z])(?=[A-Z][a-z]{2})|(?<=[a-z])\d")
_FIELD_STOP_RE = Regex(
    r"\b(?:or (?:a )?(?:related|equivalent|similar|comparable|relevant|another)|related (?:field|discipline)|"
    r"and\s+\d|(?:in|by|since)\s+\d|with\s|from\s|is\s|are\s|required|preferred|plus\b|or higher)",
    re.I,
)


_OWN_MARK = 30  # how near a degree its own mark of a requirement stands
_OWN_PART_END_RE = Regex(r"[,;]|\bwith\s{1,3}an?\b", re.I)
_PREFERENCE_BEFORE_RE = Regex(r"\b(?:ideally|preferably|optionally)\s{1,3}$", re.I)


def read_education(clauses: Clauses) -> Education | None:
    """The minimum degree asked for, its fields, "or equivalent experience", and whether required.

    None when the degrees named are only preferred ("a plus") or of no stated level ("a degree in
    a quantitative field"): there is no minimum to report."""
    layout = clauses.layout
    text = layout.text
    # (rank, level, required, clause, where the degree's name ends)
    found: list[tuple[int, str | None, bool | None, tuple[int, int], int]] = []
    leveled_clauses: set[tuple[int, int]] = set()
    no_degree_in: dict[tuple[int, int], bool] = {}
    no_degree = False
    degrees = layout.degrees
    # a degree the employer teaches or its students take is not asked of the candidate ("co-supervise
    # two MSc students", "teach in our Associate Degree Nursing (ADN) program")
    degrees = tuple(
        d
        for d in degrees
        if d[2] == "any" or not (_OF_A_DEGREE_RE.match(text, d[1]) or _OURS_RE.search(text, max(0, d[0] - 50), d[0]))
    )
    starts = [start for start, _, level in degrees if level != "any"]
    # (and a degree of no stated level standing on its own: "…, College Degree Preferred"; not the
    # "degree" of a levelled one, "Bachelor's degree")
    alone = [start for start, _, level in degrees if level == "any" and not any(0 <= start - s < 25 for s in starts)]
    starts = sorted(starts + alone)
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
                # ("Bachelor's Degree required with a graduate degree preferred")
                (
                    own_end < right
                    # (or "with" one preferred: "Associates Degree with a Bachelors Degree preferred")
                    and (
                        _OWN_PART_END_RE.search(text, match_start, own_end)
                        or layout.has_cue("must", match_start, own_end)
                    )
                    and not layout.has_cue("preferred", match_start, own_end)
                )
                # (or, last in its clause, its own mark right after it: "Bachelor's degree preferred, High School
                # Diploma required"; not "(ideally PhD)")
                or (
                    layout.has_cue("must", match_end, min(own_end, match_end + _OWN_MARK))
                    and not layout.has_cue("preferred", match_start, own_end)
                    and not _PREFERENCE_BEFORE_RE.search(text, max(left, match_start - 14), match_start)
                )
            ):
                required = True
        # a degree a posting names is asked for unless it says otherwise
        rank = len(_LEVELS) if level is None else _LEVELS.index(level)
        found.append((rank, level, True if required is None else required, (left, right), match_end))
        if level is not None:
            leveled_clauses.add((left, right))
    asked = [f for f in found if f[2] is not False]
    leveled = [f for f in asked if f[1] is not None]
    if not leveled:  # none, only preferred, or of no stated level: no minimum to report
        return Education(None, required=False) if no_degree else None
    if any(f[0] >= _LEVELS.index("bachelor") for f in leveled):
        # school grades asked beside a degree, not instead of it: "A minimum 2:1 degree" and
        # "A-levels at ABB" in the next bullet ask for the degree
        degree_clauses = {f[3] for f in leveled if f[0] >= _LEVELS.index("bachelor")}
        leveled = [
            f
            for f in leveled
            if f[1] != "high_school" or f[3] in degree_clauses or not _SCHOOL_GRADES_RE.search(text, *f[3])
        ]
    if any(f[1] == "bachelor" for f in leveled):
        # a lower tier taken with years of experience instead: "a Bachelor's degree (or a high school
        # diploma / GED with at least 6 years of experience)" asks for the bachelor's
        leveled = [
            f for f in leveled if f[1] not in ("high_school", "associate") or not _WITH_YEARS_RE.match(text, f[4])
        ]
    level = min(leveled, key=lambda f: f[0])[1]
    spans = list(dict.fromkeys(f[3] for f in found))
    # a clause's fields follow its first degree ("For roles in USA - Bachelor's degree in X": X)
    first_end = {span: min(f[4] for f in found if f[3] == span) for span in spans}
    fields: list[str] = []
    for left, right in spans:
        start = first_end[left, right]
        # a degree's fields end at the years after it ("B.Tech/MCA with 3+ years in Java", "…in Computer
        # Science 2+ years' experience in…"), unless another degree follows them in a run-on clause
        years = YEARS_FIGURE_RE.search(text, start, right)
        end = years.start() if years and not layout.degrees_in(years.end(), right) else right
        named = None
        if _LETTERS_END_RE.search(text, max(0, start - 8), start):
            named = _FIELD_AFTER_RE.match(text, start, end)
        named = named or _FIELDS_RE.search(text, start, end)
        if named:
            chunk = _FIELD_STOP_RE.split(named.group("fields"))[0]
            chunk = chunk[own.end() :] if (own := _DEGREE_NAME_RE.match(chunk)) else chunk
            for part in re.split(r",|/|\bor\b|\band\b|&", chunk):
                # (a field's name ends at its last word in capitals: "Information Technology field of study")
                name = _FIELD_END_RE.split(part, maxsplit=1)[0]
                name = _LOWER_TAIL_RE.sub("", name.strip(" ,.-")).rstrip(" ,.-'’\u2013\u2014\x97")
                if name and len(name.split()) <= 5 and name[0].isupper() and not _DEGREE_WORD_RE.search(name):
                    fields.append(name)
    return Education(
        level=level,
        fields=tuple(dict.fromkeys(fields)),
        equivalent_experience=any(_EQUIVALENT_RE.search(text, left, right) for left, right in spans),
        required=combine_requirements([f[2] for f in asked]),
    )
