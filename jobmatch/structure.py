"""Read how a posting asks for its skills: sections, requirement levels, alternatives and years of
experience; ``PostingReading`` gathers these and the posting's fields (``fields.py``: seniority,
education, salary, place, employment type), each read on first use.

Everything here works on plain text plus the character spans of the skills already found, and
returns plain frozen dataclasses; ``extract.py`` assembles them into an ``Extraction``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .fields import Education, Salary

__all__ = [
    "PostingReading",
    "Section",
    "Years",
    "find_alternatives",
    "find_sections",
    "find_years",
    "requirement_of",
]

REQUIRED, PREFERRED, DUTIES, BOILERPLATE = "required", "preferred", "responsibilities", "boilerplate"


@dataclass(frozen=True)
class Section:
    """A stretch of the posting under one header: ``kind`` is required, preferred,
    responsibilities, boilerplate, or None for text before any header or under an unknown one."""

    start: int
    end: int
    kind: str | None
    header: str


@dataclass(frozen=True)
class Years:
    """Years of experience asked for: ``min`` (and ``max`` for a range like 8–10)."""

    min: float | None
    max: float | None = None


# Degree levels, highest first; fields.py reads education with them, score.py keeps the fields of
# study a degree clause names out of the skills to score.
DEGREE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("phd", re.compile(r"\bph\.?\s?d\b\.?|\bdoctorate\b|\bdoctoral\b|\b(?-i:M\.D\.|D\.O\.)", re.I)),
    (
        "master",
        re.compile(
            r"\bmaster'?s\b|\bmaster’s\b|\bmasters?\s+degree\b|\bmba\b|\bm\.?sc\b\.?|\bm\.?eng\b|\bpostgraduate\b|"
            r"\bgraduate degree\b|\badvanced degree\b|"
            r"(?-i:\b(?:M\.S\.|M\.A\.)|\b(?:MS|MA)(?![\w.'’])(?=\s*(?:/|or\b|in\b|degree\b|,)))",
            re.I,
        ),
    ),
    (
        "bachelor",
        re.compile(
            r"\bbachelor(?:'s|’s|s)?\b|\bb\.?sc\b\.?|\bb\.?eng\b|\bb\.?tech\b|\bundergraduate degree\b|\bBSN\b|"
            r"\buniversity degree\b|\bcollege degree\b|\bfour[- ]year degree\b|\b4[- ]year degree\b|"
            r"(?-i:\b(?:B\.S\.|B\.A\.)|\b(?:BS|BA)(?![\w.'’])(?=\s*(?:/|or\b|in\b|degree\b|,)))",
            re.I,
        ),
    ),
    (
        "associate",
        re.compile(
            r"\bassociate(?:'s|’s|s)? degree\b|\bassociate of (?:arts|science)\b|"
            r"(?:\b|(?-i:(?<=[a-z])(?=A)))associate(?:'s|’s)?(?=\s*(?:or|/)\s*(?:an?\s+)?bachelor)",
            re.I,
        ),
    ),
    ("high_school", re.compile(r"\bhigh[- ]school\b|\bGED\b|\bsecondary school\b|\bA[- ]levels?\b|\bGCSEs?\b", re.I)),
]
# a degree of no stated level ("a degree in a quantitative field"): it names education, not a level
_ANY_DEGREE_RE = re.compile(r"\bdegree\b", re.I)


def names_a_degree(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` names a degree above school level."""
    return _ANY_DEGREE_RE.search(text, start, end) is not None or any(
        regex.search(text, start, end) for level, regex in DEGREE_PATTERNS if level != "high_school"
    )


# -- sections ---------------------------------------------------------------------------------

_HEADER_KINDS: list[tuple[str, str]] = [
    (
        PREFERRED,
        r"nice[- ]to[- ]haves?|(?:preferred|desired|desirable|additional|bonus|optional)\s*"
        r"(?:qualifications|skills|experience|requirements|criteria|points)?|bonus points?|pluses|"
        r"(?:it'?s |would be )?(?:a )?(?:big )?plus|good to have|great to have|extra credit|ideally|even better|"
        r"nice if you (?:also )?have|we'?d love (?:it )?if you (?:also )?have|brownie points|what would make you stand out|"
        r"you'?ll stand out (?:if|with)|standout",
    ),
    (
        REQUIRED,
        r"(?:minimum|basic|required|essential|key|core|must[- ]have|job|technical|the)?\s*"
        r"(?:qualifications|requirements|skills|criteria|competenc(?:ies|e)|experience)"
        r"(?:\s*(?:and|&)\s*(?:qualifications|requirements|skills|experience|education))?|"
        r"what you(?:'ll)? (?:bring|need|have)|what we(?:'re| are) looking for|who (?:you are|we'?re looking for)|"
        r"about you|must[- ]haves?|you have|you bring|you'?ll need|your (?:skills|profile|experience|background)|"
        r"(?:the )?ideal candidate|what we need|you should have|to (?:succeed|be successful)(?: in this role)?|"
        r"skills required|essential criteria|person specification|candidate profile|requirements? (?:&|and) skills|"
        r"(?:experience|education|educational|skill|technical) requirements|education(?:al background)?|"
        r"education (?:and|&) (?:experience|training|qualifications)|licen[cs]es?(?: (?:and|&) certifications?)?|"
        r"certifications?(?: (?:and|&) licen[cs]es?)?",
    ),
    (
        DUTIES,
        r"(?:key |main |your |primary )?(?:responsibilities|duties|tasks)|what you(?:'ll| will) (?:do|be doing|work on)|"
        r"(?:the |your )?role|role overview|about the (?:role|job|position|team)|day[- ]to[- ]day|in this role|"
        r"your (?:mission|impact)|the job|job (?:description|summary|overview)|main duties of the job|overview|"
        r"summary|the opportunity|the position|what the job involves|how you'?ll contribute",
    ),
    (
        BOILERPLATE,
        r"about (?:us|the company|[A-Z][\w&.' -]{1,40})|who we are|our (?:company|story|mission|values|culture|team)|"
        r"(?:our |the |employee )?benefits?(?: (?:and|&) perks)?|perks(?: (?:and|&) benefits)?|what we offer|"
        r"why (?:join us|you'?ll love|work (?:with|for) us|us)|compensation(?: (?:and|&) benefits)?|pay and benefits|"
        r"equal (?:opportunity|employment)(?: employer)?|eeo(?: statement)?|diversity(?: (?:and|&) inclusion)?|"
        r"how to apply|next steps|our commitment|life at [\w ]+|working (?:here|at [\w ]+)|"
        r"(?:salary|pay)(?: range)?|additional information|accessibility|privacy notice",
    ),
]
_HEADER_RES = [(kind, re.compile(rf"(?:{pattern})", re.IGNORECASE)) for kind, pattern in _HEADER_KINDS]
_HEADER_RE = re.compile("|".join(rf"(?P<{kind}>{pattern})" for kind, pattern in _HEADER_KINDS), re.IGNORECASE)
# a list intro with no colon: "You'll go above and beyond our minimum qualifications if you"
_INTRO_END_RE = re.compile(r"\bif you(?: have| are| also have)?$", re.IGNORECASE)
_PREFERRED_INTRO_RE = re.compile(r"\babove and beyond\b|\bset you apart\b|\bstand out\b", re.IGNORECASE)
_DECOR_RE = re.compile(r"^[\s#*_>•\-–—=|]+|[\s*_:#=|\-–—]+$")


def _header_kind(line: str) -> tuple[str | None, bool]:
    """The section kind a line opens, and whether it is a header at all."""
    if len(line) > 95:
        return None, False
    label = _DECOR_RE.sub("", line)
    if not label:
        return None, False
    if len(label) <= 70:
        match = _HEADER_RE.fullmatch(label)
        if match:
            return match.lastgroup, True
    if (line.rstrip().endswith(":") or _INTRO_END_RE.search(label)) and len(label) <= 90:
        # a list intro: "Bonus points if you have:", "To succeed you must have:"
        lowered = label.lower()
        if _PREFERRED_RE.search(lowered) or _PREFERRED_INTRO_RE.search(lowered):
            return PREFERRED, True
        if _MUST_RE.search(lowered) or _REQUIRED_RE.search(lowered):
            return REQUIRED, True
        for kind, regex in _HEADER_RES:
            if regex.search(label):
                return kind, True
    return None, False


def find_sections(text: str) -> tuple[Section, ...]:
    """The posting cut at its headers: header lines, markdown headings, bold intros that end in a
    colon, and "Requirements: Python, SQL"-style inline labels."""
    sections: list[Section] = []
    start, kind, header = 0, None, ""
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        found, is_header = _header_kind(stripped) if stripped else (None, False)
        if not is_header and ":" in stripped[:45]:
            label = stripped.split(":", 1)[0]
            found, is_header = _header_kind(label + ":")
            is_header = is_header and found is not None and len(label) <= 40
        if is_header:
            if offset > start:
                sections.append(Section(start, offset, kind, header))
            start, kind, header = offset, found, stripped
        offset += len(line)
    if offset > start or not sections:
        sections.append(Section(start, max(offset, start), kind, header))
    return tuple(sections)


def section_at(sections: Sequence[Section], position: int) -> Section:
    """The section holding character ``position``."""
    starts = [s.start for s in sections]
    return sections[max(0, bisect.bisect_right(starts, position) - 1)]


# -- requirement level of one mention -----------------------------------------------------------

_NEGATED_RE = re.compile(
    r"\b(?:not (?:required|necessary|essential|needed|a (?:must|requirement))|isn'?t (?:required|necessary|needed)|"
    r"no (?:[\w+#./-]+ ){0,4}(?:experience |knowledge |background |degree )?(?:required|needed|necessary)|"
    r"don'?t (?:need|require)|optional|won'?t hold it against you|we can teach)\b",
    re.IGNORECASE,
)
_PREFERRED_RE = re.compile(
    r"nice[- ]to[- ]have|\b(?:is |are |would be |as )?an? (?:big |huge |definite |strong )?(?:plus|bonus|advantage)\b|"
    r"\bpluses\b|\bbonus\b|\bpreferred\b|\bpreferably\b|\bdesirable\b|\bdesired\b|\bideally\b|\bhelpful\b|"
    r"\badvantageous\b|\bbeneficial\b|\bappreciated\b|\bgood to have\b|\bgreat to have\b|\bwelcome\b|"
    r"\bstand out\b|\bnot a must\b|\bwould love\b|\bextra points?\b|\bis valued\b",
    re.IGNORECASE,
)
_MUST_RE = re.compile(
    r"\b(?:must|required|requirement|mandatory|essential|you(?:'ll| will)? need|needs? to (?:have|be)|"
    r"we need|necessary)\b",
    re.IGNORECASE,
)
_REQUIRED_RE = re.compile(
    r"\b(?:strong|solid|proven|deep|extensive|significant|demonstrated|demonstrable|expert|expertise|"
    r"proficien(?:t|cy)|fluent|fluency|\d+\+?\s*(?:years?|yrs))\b",
    re.IGNORECASE,
)
_EEO_RE = re.compile(
    r"equal (?:opportunity|employment)|without regard to|regardless of|protected (?:veteran|characteristic|by law)|"
    r"reasonable accommodation|e-verify",
    re.IGNORECASE,
)
_CLAUSE_END_RE = re.compile(r"[.;!?](?:\s|$)|\n|\s[–—]\s")


def clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause (sentence, bullet or line) holding ``text[start:end]``; a spaced dash parts
    clauses too ("– 3+ years of Java – Bachelor's degree a plus")."""
    left = max(
        text.rfind("\n", 0, start),
        text.rfind(". ", 0, start),
        text.rfind(".\xa0", 0, start),
        text.rfind("; ", 0, start),
        *(found + 2 for dash in (" – ", " — ") if (found := text.rfind(dash, 0, start)) >= 0),
    )
    match = _CLAUSE_END_RE.search(text, end)
    return left + 1, match.start() if match else len(text)


def _paragraph(text: str, start: int, end: int) -> str:
    """The paragraph (text between blank lines) holding ``text[start:end]``."""
    left = text.rfind("\n\n", 0, start)
    right = text.find("\n\n", end)
    return text[left + 1 if left >= 0 else 0 : right if right >= 0 else len(text)]


def requirement_of(
    text: str, sections: Sequence[Section], start: int, end: int, cache: dict[Any, Any] | None = None
) -> tuple[bool | None, bool]:
    """How a posting asks for what is named at ``text[start:end]``: (required, boilerplate).

    required is True (must, required, a requirements section, "strong experience"), False (nice to
    have, a plus, preferred section, "not required") or None (the posting does not say);
    boilerplate is True in About us, Benefits, Equal opportunity and the like. ``cache`` (one dict
    per text) spares mentions in one clause the same work.
    """
    kind = section_at(sections, start).kind
    left, right = clause_around(text, start, end)
    key = (left, right, kind)
    if cache is not None and key in cache:
        return cache[key]
    clause = text[left:right]
    if kind == BOILERPLATE or _EEO_RE.search(clause) or _EEO_RE.search(_paragraph(text, left, right)):
        level: tuple[bool | None, bool] = (None, True)
    elif _NEGATED_RE.search(clause) or _PREFERRED_RE.search(clause):
        level = (False, False)
    elif _MUST_RE.search(clause):
        level = (True, False)
    elif kind == PREFERRED:
        level = (False, False)
    elif kind == REQUIRED or _REQUIRED_RE.search(clause):
        level = (True, False)
    else:
        level = (None, False)
    if cache is not None:
        cache[key] = level
    return level


def combine_requirements(levels: Sequence[bool | None]) -> bool | None:
    """A skill asked for several times takes the strongest: True, then False, then None."""
    if True in levels:
        return True
    if False in levels:
        return False
    return None


# -- alternatives -----------------------------------------------------------------------------

_OR_GAP_RE = re.compile(r"\s*,?\s*(?:or|and/or|\|)\s*", re.IGNORECASE)
_SLASH_GAP_RE = re.compile(r"\s*/\s*")
_COMMA_GAP_RE = re.compile(r"\s*,\s*")
_ONE_OF_RE = re.compile(
    r"\b(?:one of|either|any of|any one of|one or more of|at least one of)\s*(?:the following\s*)?:?\s*$"
)


def find_alternatives(
    text: str, mentions: Sequence[tuple[int, int, str]], categories: Mapping[str, str]
) -> tuple[tuple[str, ...], ...]:
    """Groups of skills of which any one satisfies the posting: "PyTorch or TensorFlow",
    "AWS, GCP or Azure", "Java/Kotlin", "one of Python, Go, Rust". ``mentions`` are
    (start, end, skill id) in text order."""
    groups: list[tuple[str, ...]] = []
    chain: list[tuple[int, int, str]] = []
    gaps: list[str] = []

    def close() -> None:
        ids = tuple(dict.fromkeys(m[2] for m in chain))
        if len(ids) >= 2:
            intro = text[max(0, chain[0][0] - 40) : chain[0][0]].lower()
            if (
                "or" in gaps
                or (set(gaps) == {"/"} and len({categories.get(i) for i in ids}) == 1)
                or (gaps and set(gaps) <= {",", "or"} and _ONE_OF_RE.search(intro))
            ):
                groups.append(ids)

    for mention in mentions:
        if chain and "or" in gaps and _COMMA_GAP_RE.fullmatch(text[chain[-1][1] : mention[0]]):
            # "pandas or Polars, NumPy, scikit-learn": the list goes on after the choice
            close()
            chain, gaps = [mention], []
            continue
        if chain:
            gap = text[chain[-1][1] : mention[0]]
            kind = (
                "or"
                if _OR_GAP_RE.fullmatch(gap)
                else "/"
                if _SLASH_GAP_RE.fullmatch(gap)
                else ","
                if _COMMA_GAP_RE.fullmatch(gap)
                else None
            )
            if kind is not None:
                chain.append(mention)
                gaps.append(kind)
                continue
            close()
        chain, gaps = [mention], []
    if chain:
        close()
    return tuple(dict.fromkeys(groups))


# -- years ------------------------------------------------------------------------------------

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "a": 1, "an": 1,
}  # fmt: skip
_NUM = r"(?<![\d.,])\d{1,2}(?:\.\d)?|\b(?:" + "|".join(w for w in _NUMBER_WORDS if len(w) > 2) + ")"
# "5+ years", "3–5+ years", "0-2 yrs", "license3 + years" (a figure glued to the word before it)
_YEARS_RE = re.compile(
    rf"(?P<prefix>\b(?:at least|minimum(?: of)?|min\.?|over|more than|up to|a minimum of)\s+)?"
    rf"(?P<low>{_NUM})\s*(?P<plus>\\?\+|plus)?\s*(?:(?:\\?-|–|—|to)\s*(?P<high>{_NUM})\s*\\?\+?\s*)?(?:\(\d+\)\s*)?"
    r"(?:years?|yrs?)\b['’]?",
    re.IGNORECASE,
)
_YEARS_LEAD_RE = re.compile(
    r"\s*(?:of\s+)?(?:(?:relevant|professional|industry|hands-on|commercial|production|practical|proven|solid|"
    r"overall|total|work|working|full-time|progressive|related|direct|recent|demonstrable|prior)\s+)*"
    r"(?P<exp>experience|exp\.?)?\s*(?:(?:with|in|using|of|building|developing|writing|working with|"
    r"programming in|coding in|designing|deploying|running|operating|managing|as an?)\s+)?"
    r"(?:(?:the|a|an|modern|production|large-scale|enterprise|professional)\s+)*",
    re.IGNORECASE,
)
_AFTER_SKILL_RE = re.compile(r"^\s*[(:\-–—,]\s*$")
_NOT_REQUIRED_YEARS_RE = re.compile(r"\s*(?:ago|old|later|from now|in business|running)\b", re.IGNORECASE)
_LIST_GAP_RE = re.compile(r"\s*(?:,|/|&|and|or|and/or|,\s*and|,\s*or)\s*", re.IGNORECASE)
_EXPERIENCE_RE = re.compile(r"\bexperience\b|\bexp\b", re.IGNORECASE)
# job-board lines: "Nursing: 5 years (Required)" counts, "(Preferred)" does not
_MARKED_RE = re.compile(r"\s*\((?P<mark>required|preferred)\)", re.IGNORECASE)
# the employer's own history: "we have over 20 years of experience", "With 30 years in business, Acme…"
_OWN_HISTORY_RE = re.compile(
    r"\b(?:we(?:'ve|’ve| have| bring| are)|(?:our|the) (?:company|firm|team|business|agency|group|founders?)\s+"
    r"(?:has|have|brings?|with)|(?:company|firm|business|agency) with)\b[^.;\n]{0,30}$",
    re.IGNORECASE,
)
_BARE_OPENING_RE = re.compile(r"[\s\-•*–]*(?:with\s*)?", re.IGNORECASE)
_LABEL_OPENING_RE = re.compile(r"[\s\-•*–]*(?:[A-Za-z][\w ]{0,40}:\s*)?")
_EXPERIENCE_BEFORE_RE = re.compile(r"\bexp(?:erience)?\b[^.;\n\w]{0,3}[(:\-–—]\s*$", re.IGNORECASE)
_HISTORY_AFTER_RE = re.compile(
    r"[^.;\n]{0,60}?,\s*(?:we|our|the company|[A-Z][\w&]+(?: [A-Z][\w&]+)?\s+(?:is|has|are|have))\b"
)


def _number(word: str) -> float:
    return float(_NUMBER_WORDS.get(word.lower(), 0) or word)


def find_years(
    text: str, mentions: Sequence[tuple[int, int, str]], sections: Sequence[Section]
) -> tuple[dict[str, float], Years | None]:
    """Years asked per skill ("5+ years of Python", "3-5 years of AWS", "Python (4 years)") and for
    the posting (its main experience statement, "8–10 years of industry experience"). A number
    attaches to a skill only when nothing but experience words stands between them."""
    per_skill: dict[str, float] = {}
    overall: list[tuple[Years, str | None]] = []  # with the degree its clause names, if any
    starts = {m[0]: i for i, m in enumerate(mentions)}
    ends = [m[1] for m in mentions]
    previous_end = 0
    for match in _YEARS_RE.finditer(text):
        low, high = _number(match.group("low")), match.group("high")
        if (not low and not high) or _NOT_REQUIRED_YEARS_RE.match(text, match.end()):
            continue
        years = Years(None if match.group("prefix") and "up to" in match.group("prefix").lower() else low,
                      _number(high) if high else None)  # fmt: skip
        lead = _YEARS_LEAD_RE.match(text, match.end())
        assert lead is not None  # every part of it is optional
        attached: list[int] = []
        first = starts.get(lead.end())
        if first is not None:
            attached.append(first)
            while attached[-1] + 1 < len(mentions):  # "5+ years of Python and Go"
                nxt = attached[-1] + 1
                if not _LIST_GAP_RE.fullmatch(text[mentions[attached[-1]][1] : mentions[nxt][0]]):
                    break
                attached.append(nxt)
        else:
            # "Python (4 years)", "Kubernetes: 2+ years"
            before = bisect.bisect_right(ends, match.start()) - 1
            if before >= 0 and _AFTER_SKILL_RE.match(text[mentions[before][1] : match.start()]):
                attached.append(before)
        for i in attached:
            skill = mentions[i][2]
            if years.min:
                per_skill[skill] = max(per_skill.get(skill, 0.0), years.min)
        clause_start, clause_end = clause_around(text, match.start(), match.end())
        opening = text[clause_start : match.start()]
        if _OWN_HISTORY_RE.search(opening) or (
            _BARE_OPENING_RE.fullmatch(opening) and _HISTORY_AFTER_RE.match(text, match.end())
        ):
            continue  # the company's years, not the job's
        kind = section_at(sections, match.start()).kind
        marked = _MARKED_RE.match(text, match.end())
        if marked and marked.group("mark").lower() == "preferred":
            continue
        says_experience = (
            marked is not None
            or lead.group("exp") is not None
            or _EXPERIENCE_RE.search(text, match.end(), min(clause_end, match.end() + 80)) is not None
            # "Data engineering experience (min. 4 years)", "Experience: 5 years"
            or _EXPERIENCE_BEFORE_RE.search(opening) is not None
            # a requirement bullet that opens with the number: "- 3+ years in a similar role"
            or (kind == REQUIRED and _LABEL_OPENING_RE.fullmatch(opening) is not None)
        )
        if says_experience and kind not in (PREFERRED, BOILERPLATE):
            clause = text[clause_start:clause_end]
            if marked is not None or not (_PREFERRED_RE.search(clause) or _EEO_RE.search(clause)):
                # the degree named just before the figure: "Bachelor's and 8 years, or Master's and 5"
                overall.append((years, _degree_level(text[max(clause_start, previous_end) : match.start()])))
        previous_end = match.end()
    if not overall:
        return per_skill, None
    # "BS + 5 years, MS + 3 years, PhD": a figure per degree; the posting's minimum is the bachelor's
    tiered = [y for y, level in overall if level == "bachelor"]
    figures = tiered or [y for y, _ in overall]
    return per_skill, max(figures, key=lambda y: (y.min or 0, y.max or 0))


def _degree_level(words: str) -> str | None:
    """The degree level named last in ``words``, if any."""
    named = [(m.start(), level) for level, regex in DEGREE_PATTERNS for m in regex.finditer(words)]
    return max(named)[1] if named else None


# -- all of it, read on demand ------------------------------------------------------------------


class PostingReading:
    """The structure of one posting, each part read the first time it is asked for.

    Skills are found for every text; their requirement levels, years and the posting's fields cost
    as much again and are often not wanted (a batch that only counts skills), so they wait here.
    ``spans`` are the skills' (start, end, skill id) character spans in text order.
    """

    def __init__(
        self,
        text: str,
        spans: Sequence[tuple[int, int, str]],
        categories: Mapping[str, str],
        title: str | None = None,
        meta: Mapping[str, Any] | None = None,
    ) -> None:
        self.text = text
        self.spans = tuple(spans)
        self.categories = dict(categories)
        self.title = title
        self.meta = dict(meta or {})

    @cached_property
    def sections(self) -> tuple[Section, ...]:
        return find_sections(self.text)

    @cached_property
    def levels(self) -> dict[str, tuple[bool | None, bool]]:
        """skill id → (required, boilerplate-only)."""
        found: dict[str, list[bool | None]] = {}
        boilerplate: dict[str, bool] = {}
        clauses: dict[Any, Any] = {}
        for start, end, skill_id in self.spans:
            required, in_boilerplate = requirement_of(self.text, self.sections, start, end, clauses)
            if not in_boilerplate:
                found.setdefault(skill_id, []).append(required)
            boilerplate[skill_id] = boilerplate.get(skill_id, True) and in_boilerplate
        return {sid: (combine_requirements(found.get(sid, [])), only) for sid, only in boilerplate.items()}

    @cached_property
    def _years(self) -> tuple[dict[str, float], Years | None]:
        return find_years(self.text, self.spans, self.sections)

    @property
    def skill_years(self) -> dict[str, float]:
        return self._years[0]

    @property
    def years(self) -> Years | None:
        return self._years[1]

    @cached_property
    def alternatives(self) -> tuple[tuple[str, ...], ...]:
        spans = [s for s in self.spans if not self.levels[s[2]][1]]
        return find_alternatives(self.text, spans, self.categories)

    # The posting's fields live in fields.py, imported on first use: matching never needs them.

    @cached_property
    def seniority(self) -> str | None:
        from .fields import read_seniority

        return read_seniority(self.title, self.text)

    @cached_property
    def education(self) -> Education | None:
        from .fields import read_education

        return read_education(self.text, self.sections)

    @cached_property
    def salary(self) -> Salary | None:
        from .fields import read_salary

        return read_salary(self.text, self.meta, self.sections)

    @cached_property
    def locations(self) -> tuple[str, ...]:
        from .fields import read_locations

        return read_locations(self.text, self.meta)

    @cached_property
    def work_mode(self) -> str | None:
        from .fields import read_work_mode

        return read_work_mode(self.text, self.meta, self.title)

    @cached_property
    def employment_type(self) -> str | None:
        from .fields import read_employment_type

        return read_employment_type(self.text, self.meta)

    @cached_property
    def company(self) -> str | None:
        from .fields import read_company

        return read_company(self.meta)

    @cached_property
    def dates(self) -> tuple[str | None, str | None]:
        """(date posted, valid through) as the source states them (schema.org datePosted, validThrough)."""
        posted, until = self.meta.get("datePosted"), self.meta.get("validThrough")
        return (str(posted) if posted else None, str(until) if until else None)
