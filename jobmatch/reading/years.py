"""Years of experience: asked per skill ("5+ years of Python") and for the posting as a whole."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from .layout import BOILERPLATE, PREFERRED, REQUIRED, Layout
from .scan import Regex, Scan, keywords, longest

__all__ = ["Years", "find_years"]


@dataclass(frozen=True)
class Years:
    """Years of experience asked for: ``min`` (and ``max`` for a range like 8–10)."""

    min: float | None
    max: float | None = None


_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "a": 1, "an": 1,
}  # fmt: skip
# (a number of its own: not the end of "2.5" or "1,5", but after a sentence glued on, "preferred.5-7 years")
# (a word glued to the one before it too: "RequirementsThree (3) years")
_NUM = (
    r"(?<![\d,])(?<!\d\.)\d{1,2}(?:\.\d)?|(?:\b|(?-i:(?<=[a-z])(?=[A-Z])))(?:"
    + "|".join(w for w in _NUMBER_WORDS if len(w) > 2)
    + ")"
)
# the unit every match ends in: it holds the match's keyword (_YEARS_KEYWORDS)
# (also glued to the next word by scraping: "3+ yearsExperience with SQL")
# (or decades: "over a decade of experience", "two decades in retail"; or months: "12 months' experience")
# (and its possessive, "1 year's experience", whole: what follows it is read from its end)
_UNIT = r"(?:years?(?:\(s\))?|yrs?|(?P<decade>decades?)|(?P<month>months?))(?-i:(?![a-z\d_]))(?:['’](?-i:s\b)?)?"
# "5+ years", "3–5+ years", "0-2 yrs", "license3 + years" (a figure glued to the word before it)
_YEARS_RE = Regex(  # (opening with a look at the first character: most positions turned away at once)
    # ("(10+) years industry experience": a figure in brackets)
    rf"(?=[amoutfsenbz\d>(])(?P<prefix>\b(?:at least|minimum(?: of)?|min\.?|over|more than|up to|a minimum of|"
    rf"(?P<between>between))\s{{1,3}}|>\s{{0,2}}|(?P<paren>\()(?=\d{{1,2}}\+?\)))?"
    # ("one (1) to two (2) years")
    # (and "2 (Two) years", the figure in words after it)
    rf"(?P<low>{_NUM}|\ban?(?=\s{{1,3}}decade))\s{{0,3}}(?:\((?:\d{{1,4}}|[A-Za-z]{{3,6}})\)\s{{0,3}})?"
    rf"(?P<plus>\\?\+|-?plus|or\s{{1,3}}more)?(?(paren)\))\s{{0,3}}"
    # ("between 3 and 5 years": "and" joins a range only after "between")
    # ("1 year to less than 2 years", as Canada's Job Bank writes it)
    # ("at least 4/5 years": a range, of small figures only, not a date's "12/15")
    rf"(?:(?:years?\s{{1,3}}(?=to\s))?(?:\\?-|–|—|to(?:\s{{1,3}}less\s{{1,3}}than)?|(?<=\b\d)/(?=\d\b)|(?(between)and|(?!)))"
    rf"\s{{0,3}}"
    # ("Two to five (2-5) years")
    rf"(?P<high>{_NUM})\s{{0,3}}\\?\+?\s{{0,3}})?(?:\(\d{{1,4}}(?:\s{{0,3}}[-–]\s{{0,3}}\d{{1,2}})?\)\s{{0,3}})?"
    # ("Minimum 1-year experience"; read as experience only so said: not "a 4-year degree")
    # ("One full year of specialized experience", as the US federal postings say it)
    r"(?P<hyphen>-(?=y))?(?:full[ \t]{1,3}(?=y))?" + _UNIT,
    re.IGNORECASE,
)
_YEARS_LEAD_RE = Regex(
    r"\s{0,3}(?:of\s{1,3})?(?:(?:relevant|professional|industry|hands-on|commercial|production|practical|proven|solid|extensive|"
    r"overall|total|work|working|full-time|progressive|related|direct|recent|demonstrable|prior)\s{1,3}){0,4}"
    r"(?P<exp>experience|exp\.?|background(?=\s{1,3}in\b))?\s{0,3}"
    r"(?:(?:with|in|using|of|building|developing|writing|working with|"
    r"programming in|coding in|designing|deploying|running|operating|managing|as an?)\s{1,3})?"
    r"(?:(?:the|a|an|modern|production|large-scale|enterprise|professional)\s{1,3}){0,4}",
    re.IGNORECASE,
)
# years of something that is experience itself: "3+ years of management", "2 years of work in a similar role"
# and years in a role like this one: "2 years in a similar role", "3+ years within a related position"
_EXPERIENCE_ITSELF_RE = Regex(
    # (of a kind: "At least 1-2 years' of full-service restaurant management", "5 years of project management")
    r"\s{0,3}of\s{1,3}(?:[\w-]{1,30}\s{1,3}){0,3}?(?:management|leadership|supervisory|supervision)\b|"
    r"\s{0,3}of\s{1,3}work(?=\s{1,3}(?:in|as|on|with|at)\b)|"
    # (or of any kind: "3–5 years in a customer-facing role", "2 years in a client-facing position")
    r"\s{0,3}(?:in|within)\s{1,3}an?\s{1,3}(?:[\w-]{2,30}\s{1,3}){1,3}"
    r"(?:role|position|capacity|job|post)\b|"
    # (or as one: "Minimum 3 years as a Sous Chef", "2 years as an RN"; not a company's "as a family business")
    r"\s{0,3}as\s{1,3}an?\s{1,3}(?!(?:[\w-]{2,30}\s{1,3}){0,2}(?:company|business|firm|family|partner|leader|"
    r"provider|supplier|brand|team|member)\b)[\w-]{2,30}|"
    # (or of work of a kind: "At least 4 years of hands-on UX / interaction design work")
    r"\s{0,3}of\s{1,3}(?!(?:starting|joining|beginning|commencing|hire|employment|service)\b)"
    r"(?:[\w/-]{1,30}\s{1,3}){1,5}?work\b",
    re.IGNORECASE,
)
# years of doing the work: "at least 4 years running production systems", "3 years working in retail"
# (not "voted best employer 5 years running.": a thing done follows)
_DOING_RE = Regex(
    r"\s{1,3}(?:building|developing|running|operating|managing|leading|designing|writing|deploying|supporting|"
    r"delivering|working|selling|teaching|coding|programming|maintaining|administering|engineering|architecting|"
    r"analy[sz]ing|implementing|shipping|caring|applying|using|creating|conducting|providing|performing|"
    r"handling|serving|testing|researching|recruiting)\s{1,3}(?:for\s{1,3}|with\s{1,3}|in\s{1,3}|on\s{1,3})?[A-Za-z]",
    re.IGNORECASE,
)
_AFTER_SKILL_RE = Regex(r"^\s{0,3}[(:\-–—,]\s{0,3}$")
# ("5 years running", in a row; not "4 years running production systems")
_NOT_REQUIRED_YEARS_RE = Regex(
    # (and a team's sum: "over two decades of combined experience")
    # (and an application's "seven (7) year work history")
    # (and glued to what follows: "Must be at least 18 years of ageAdded plus: …")
    r"\s{0,3}of age(?-i:(?=[A-Z]))|"
    r"\s{0,3}(?:ago|old|or older|later|from now|in business|running(?!\s{1,3}[a-z])|of age|of (?:combined|collective)|"
    r"(?:work |employment )?history)\b|"
    # (or of schooling: "4 years education above high school", "2 full years of progressively higher-level
    # graduate education"; not experience in it, "3 years of experience in education")
    # (on the figure's line: "1 year to less than 2 years\nEducation: …" is the next label)
    r"[ \t]{0,3}(?:of[ \t]{1,3})?(?:(?!experience\b|in\b|within\b|teaching\b|working\b)[\w-]{1,20}[ \t]{1,3}){0,3}?"
    r"(?:education|study|studies|schooling|course[ \t]{0,3}work)\b"
    # (not experience of it: "2 years of early childhood education experience")
    r"(?!\s{1,3}(?:experience|settings?|sector|industry|environments?)\b)|"
    # (or years that stand in for a degree: "Four (4) years of SWE experience … may be substituted for a
    # bachelor's degree")
    # (within the figure's sentence, glued or not: "(3) years of related experienceAdditional related
    # experience … may be substituted for formal education" asks for the three)
    r"(?:(?!(?-i:(?<=[a-z])[A-Z][a-z]))[^.;\n]){0,100}?\b(?:(?:may|can|will)\s{1,3}be\s{1,3}substituted\s{1,3}for|"
    # ("2 years clinical experience in a physician's office in lieu of degree/diploma")
    # (not the next choice's opening: "2-4 years' experience or in lieu of degree, a diploma with 3-6 years")
    r"(?<!\bor )(?<!, )in\s{1,3}lieu\s{1,3}of\s{1,3}(?:an?\s{1,3}|the\s{1,3})?(?:[\w'’-]{1,20}\s{1,3})?"
    r"(?:degree|diploma|education|bachelor|master|associate)(?:['’]?s)?)\b",
    re.IGNORECASE,
)
_COMBINED_RE = Regex(r"\s{0,3}of (?:combined|collective)\b", re.IGNORECASE)
_AT_LEAST_RE = Regex(r"(?:at least|(?:a )?minimum|min\.?)\b", re.IGNORECASE)
# the length of a course of study, not experience: "a diploma from a program of 1 year to 2 years"
_LENGTH_OF_STUDY_RE = Regex(r"\b(?:programs?|programmes?|courses?|studies|degree)\s{1,3}(?:of|lasting)\s{1,3}$", re.I)
# "at least", "a minimum of": what may stand between a requirement's words and its figure
_AT_LEAST = r"(?:at least|a minimum of|minimum|min\.?)\s{1,3}"
_OF_RE = Regex(r"\s{0,3}of\b", re.IGNORECASE)
_OF_IN_RE = Regex(r"\s{0,3}(?:of|in|doing|working|as)\b", re.IGNORECASE)
# what joins a degree to the years that come with it: "BS + 5 years", "Master's degree with 3+ years"
_WITH_DEGREE_RE = Regex(
    # (or a tier's label: "With Bachelor's Degree: 6-8 years")
    rf"[.'’s]{{0,3}}(?:\s{{1,3}}degree)?\s{{0,3}}(?:\+|with|and|plus|&|:)\s{{0,3}}(?:{_AT_LEAST})?",
    re.IGNORECASE,
)
# a requirement in so many words right before the figure: "Must have 2-3 years of manual testing"
# (the clause opening so, of the person sought: not "The project must have 2 years of funding")
_MUST_OPENING_RE = Regex(
    r"[\s\-•*–]*(?:(?:you(?:'ll|’ll| will)?|candidates?|applicants?|the (?:ideal |successful )?(?:candidate|applicant))"
    r"\s{1,3})?(?:must (?:have|possess|bring|demonstrate)|requires?|have|need|bring|should have)\s{1,3}"
    rf"(?:{_AT_LEAST}|over\s{{1,3}})?",
    re.IGNORECASE,
)
# experience a few words after a figure: "a minimum of 12 months telephone triage experience"
_EXPERIENCE_SOON_RE = Regex(r"(?:\s{1,3}[\w/-]+){0,3}?\s{1,3}experience\b", re.IGNORECASE)
_LIST_GAP_RE = Regex(r"\s{0,3}(?:,|/|&|and|or|and/or|,\s{0,3}and|,\s{0,3}or)\s{0,3}", re.IGNORECASE)
# ("6+ years of software development expertise")
_EXPERIENCE_RE = Regex(r"\bexperience\b|\bexp\b|\bexpertise\b", re.IGNORECASE)
# figures that are alternatives ("BS + 5 years, or MS + 3"), not all asked ("5 years; and 10 years")
# (or numbered: "Option 1: Bachelor's degree … and 1 year's experience … Option 2: 3 years' experience")
_ALTERNATIVE_RE = re.compile(r"\b(?:or|otherwise|in lieu|instead|without|equivalent|option\s{0,3}\d)\b", re.IGNORECASE)
# job-board lines: "Nursing: 5 years (Required)" counts, "(Preferred)" does not
_MARKED_RE = Regex(r"\s{0,3}\((?P<mark>required|preferred)\)", re.IGNORECASE)
# the employer's own history: "we have over 20 years of experience", "With 30 years in business, Acme…"
_OWN_HISTORY_RE = Regex(
    r"\b(?:we(?:'ve|’ve| have| bring| are)|(?:our|the) (?:company|firm|team|business|agency|group|founders?)\s{1,3}"
    # (not a field of study: "Bachelor's Degree in business with 2-4 years' experience")
    r"(?:has|have|brings?|with)|(?<!\bin )(?:company|firm|business|agency) with)\b"
    # (not the one sought: "We are looking for a developer with 3-4 years", "we have an opening for…")
    r"(?![^.;\n]{0,30}?\b(?:looking|seeking|hiring|searching|recruiting|an? opening|a vacancy|a need|someone|"
    r"candidates?|you)\b)[^.;\n]{0,30}$",
    re.IGNORECASE,
)
# (after a heading too: "Company Overview:With over 20 years of experience, our client…")
_BARE_OPENING_RE = Regex(r"[\s\-•*–]*(?:[A-Z][\w ]{0,30}:\s{0,3})?(?:with\s{0,3})?", re.IGNORECASE)
# (a label before it: "Experience: 5 years"; or a header scraping glued to it: "Qualifications4+ years")
_LABEL_OPENING_RE = Regex(r"[\s\-•*–]*(?:[A-Za-z][\w ]{0,40}:\s{0,3}|(?:[A-Z][a-z]+ ){0,3}[A-Z][a-z]{3,})?")
_EXPERIENCE_BEFORE_RE = Regex(
    # (or "experience (with a minimum of 5 years post-registration)")
    # (and a label's, in bold or before a bar: "**Experience required:** 2+ years", "Work experience | 4+ years")
    # (and the unit in brackets: "Experience (yrs.): 4-6 years")
    r"\bexp(?:erience)?\b(?:\s{1,3}(?:required|level))?(?:\s{0,3}\((?:yrs?|years?)\.?\))?[^.;\n\w]{0,4}[(:\-–—|]\s{0,3}"
    r"(?:\*\*\s{0,3})?(?:with\s{1,3})?$|"
    # "Experience in product analytics or a similar role (typically 2–4 years)", "Proven experience in UX
    # design, typically 5-8 years"
    r"experience\b[^.;:()\n]{1,80}(?:\(|,)\s{0,3}(?:typically|usually|approximately|approx\.?|about|around|roughly)"
    r"\s{1,3}$|"
    # "work experience should include four or more years of Java"
    r"\bexperience\s{1,3}(?:should|must|will|to)\s{1,3}include\s{1,3}$|"
    # "Complex machine design experience 5+ years or more", "Experience of at least 7 years"
    # (or glued to the figure by scraping, "Experience3-5 years"; "Work experience from 3 years")
    # (and a board's code after the label: "Year(s) of Experience (BQ) 10 year(s)")
    r"\bexperience\s{0,3}(?:\([^()\n]{1,10}\)\s{0,3})?(?:(?:of|from)\s{1,3})?$|"
    # "An experienced leader with at least 10 years of mine operations management"
    r"\bexperienced\s{1,3}[\w-]{1,30}(?:\s{1,3}[\w-]{1,30})?\s{1,3}with\s{1,3}"
    r"(?:at least|a minimum of|over|more than)?\s{0,3}$|"
    # "Experience in a data analytics or BI role with at least 2 - 3 years in a Lloyd's syndicate"
    r"\bexperience\s{1,3}(?:in|as|with)\s{1,3}[^.;:\n]{1,60}?\s{1,3}with\s{1,3}"
    r"(?:at least|a minimum of|over|more than)?\s{0,3}$|"
    # "experience at qualified practitioner level within Mental Health of at least 2 years"
    r"\bexperience\b[^.;:\n]{1,60}?\bof\s{1,3}(?:(?:at least|a minimum of|over|more than)\s{1,3})?$|"
    # "Previous experience as a site superintendent or in a similar role for a minimum of 5 years"
    r"\bexperience\b[^.;:\n]{1,80}?\bfor\s{1,3}(?:(?:at least|a minimum of|over|more than)\s{1,3})?$",
    re.IGNORECASE,
)
# years a sentence about the person's own work ends on: "You've been building web applications for at
# least two years", "you have worked in retail for 3+ years"
_DONE_FOR_RE = Regex(
    r"\byou(?:'ve|’ve|\s{1,3}have)\s{1,3}(?:been\s{1,3})?[a-z]{2,20}(?:ed|ing|en|ne)\b[^.;\n]{0,80}?"
    r"\bfor\s{1,3}$",
    re.IGNORECASE,
)
# a degree named right after the figure it comes with: "Requires 5 to 8 years with BS/BA or 3 to 5 years
# with MS/MA or 0 to 2 years with PhD"
_WITH_DEGREE_AFTER_RE = Regex(r"(?:\s{1,3}of\s{1,3}experience)?\s{1,3}(?:with|and|plus)\s{1,3}(?:an?\s{1,3})?", re.I)
_OR_BEFORE_RE = Regex(r"\bor\s{1,3}\+?\s{0,2}$", re.IGNORECASE)
_OPENS_WITH_OR_RE = Regex(r"[\s,;•*–-]{0,6}or\s{1,3}\+?\s{0,2}", re.IGNORECASE)  # a clause that is the other choice
_ALTERNATIVELY_RE = Regex(r"\b(?:alternatively|otherwise)\s{0,3},?\s{0,3}$", re.IGNORECASE)
_HISTORY_AFTER_RE = Regex(
    r"[^.;\n]{0,160}?,\s{0,3}(?:we|our|the company|[A-Z][\w&]+(?: [A-Z][\w&]+)?\s{1,3}(?:is|has|are|have))\b"
)

_YEARS_KEYWORDS = keywords("year", "yr", "decade", "month")  # a word every match of _YEARS_RE holds

_OPENING = 120  # how far back a figure's clause is read for what introduces it
# an experience label alone on the line before a figure ("Experience required\n2+ years"), or before a bar
_LABEL_LINE_BEFORE_RE = Regex(
    r"(?:^|\n)[ \t*•-]{0,6}(?:[\w-]{1,20}\s{1,3})?exp(?:erience)?(?:\s{1,3}(?:required|level))?"
    # (or before a bar on its line: "Work experience | 4+ years")
    r"(?:[ \t*:|]{0,6}\n(?:[ \t]{0,3}\n)?[ \t*•-]{0,6}|[ \t]{0,3}\|[ \t]{0,3})$",
    re.IGNORECASE,
)
# a board's label of years, its figure bare: "Years of experience: 3-5", "Years of Experience | 5+"
_YEARS_LABEL_RE = Regex(
    r"\byears\s{1,3}of\s{1,3}(?:relevant\s{1,3}|professional\s{1,3}|work\s{1,3})?experience(?:\s{1,3}required)?"
    r"[ \t*]{0,3}(?:[:|][ \t*]{0,3}(?:\n[ \t]{0,3}){0,2}|\n(?:[ \t]{0,3}\n)?)[ \t*]{0,3}"
    r"(?P<low>\d{1,2})(?:\s{0,3}(?:[-–]|to)\s{0,3}(?P<high>\d{1,2}))?\+?(?![\d.,%])",
    re.IGNORECASE,
)
_YEARS_LABEL_KEYWORDS = keywords("years of")


@cache
def _reach() -> tuple[int, int]:
    """How far before and after a keyword's start _YEARS_RE's windows reach: a whole match back,
    but on only to the end of the unit that holds the keyword (and what is read past it), where
    a window a match's length on as well read twice as much (worked out on first use)."""
    reach = _YEARS_RE.reach_of()
    assert reach is not None
    longest_match, around = reach
    return longest_match, longest(_UNIT, re.IGNORECASE) + around


def _year_matches(scan: Scan) -> Iterator[re.Match[str]]:
    """``_YEARS_RE.finditer(text)``, searched near its keywords (``_reach``)."""
    return scan.finditer_reaching(_YEARS_RE, [(scan.starts(_YEARS_KEYWORDS), *_reach())])


def _number(word: str) -> float:
    value = _NUMBER_WORDS.get(word.lower())
    return float(word if value is None else value)


def _in_title(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies in the text's first line, a title: a line of a title's
    length that more text follows and that no period ends (not a text of one sentence); or stands
    in brackets just after that title on a line, as a board's header repeats it: "Java
    Software Engineer | Earn $70K-$78K Yearly! (1-3+ Years)"."""
    line_end = text.find("\n")
    if not 0 < line_end <= _TITLE_LENGTH or text[:line_end].rstrip().endswith("."):
        return False
    if end <= line_end:
        return True
    title = text[:line_end].strip()
    named = text.rfind(title, max(text.rfind("\n", 0, start) + 1, start - _TITLE_LENGTH), start) if title else -1
    return named >= 0 and text[:start].rstrip().endswith("(") and text[end : end + 3].lstrip().startswith(")")


_TITLE_LENGTH = 100
_MOST_ASKED = 30  # years


def find_years(layout: Layout, mentions: Sequence[tuple[int, int, str]]) -> tuple[dict[str, float], Years | None]:
    """Years asked per skill ("5+ years of Python", "3-5 years of AWS", "Python (4 years)") and for
    the posting (its main experience statement, "8–10 years of industry experience"). A number
    attaches to a skill only when nothing but experience words stands between them."""
    text = layout.text
    per_skill: dict[str, float] = {}
    overall: list[tuple[Years, str | None, int]] = []  # with the degree named just before, if any, and where
    # figures of a skill a clause requires ("We need an engineer with 4-6 years of Python"): the
    # posting's when it states no figure of experience as a whole (the largest required figure)
    of_skills: list[Years] = []
    starts = {m[0]: i for i, m in enumerate(mentions)}
    ends = [m[1] for m in mentions]
    previous_end = 0
    for match in _year_matches(layout.scan):
        months = match.group("month") is not None
        scale = 10 if match.group("decade") else 1 / 12 if months else 1
        low, high = round(_number(match.group("low")) * scale, 2), match.group("high")
        if (
            (not low and not high)
            # (no one is asked for more than a working life: "With 40+ years of work experience … we offer")
            or low > _MOST_ASKED
            or (
                (not_required := _NOT_REQUIRED_YEARS_RE.match(text, match.end())) is not None
                # (a team's sum, not a minimum asked: "At least 5 years of combined experience in Java")
                and not (_COMBINED_RE.match(not_required.group()) and _AT_LEAST_RE.match(match.group("prefix") or ""))
            )
            or _LENGTH_OF_STUDY_RE.search(text, max(0, match.start() - 30), match.start())
        ):
            continue
        years = Years(None if match.group("prefix") and "up to" in match.group("prefix").lower() else low,
                      round(_number(high) * scale, 2) if high else None)  # fmt: skip
        if years.min is None and years.max is None:
            continue  # no figure left: "up to three (3) or more years"
        lead = _YEARS_LEAD_RE.match(text, match.end())
        assert lead is not None  # every part of it is optional
        if match.group("hyphen") and not (lead.group("exp") or _EXPERIENCE_SOON_RE.match(text, match.end())):
            continue
        attached: list[int] = []
        # (months attach to a skill only as experience of it: "3 months of experience with Angular",
        # not "a 3 month onboarding programme", "100+ customers within 12 months Technical Leadership")
        first = None if months and not (lead.group("exp") or _OF_RE.match(lead.group(0))) else starts.get(lead.end())
        if first is not None:
            attached.append(first)
            while attached[-1] + 1 < len(mentions):  # "5+ years of Python and Go"
                gap_start, gap_end = mentions[attached[-1]][1], mentions[attached[-1] + 1][0]
                if gap_end - gap_start > 12 or not _LIST_GAP_RE.fullmatch(text, gap_start, gap_end):
                    break
                attached.append(attached[-1] + 1)
        else:
            # "Python (4 years)", "Kubernetes: 2+ years"
            before = bisect.bisect_right(ends, match.start()) - 1
            if (
                before >= 0
                and match.start() - mentions[before][1] <= 8
                and _AFTER_SKILL_RE.match(text[mentions[before][1] : match.start()])
            ):
                attached.append(before)
        for i in attached:
            skill = mentions[i][2]
            if years.min:
                per_skill[skill] = max(per_skill.get(skill, 0.0), years.min)
        clause_start, clause_end = layout.clause_around(match.start(), match.end())
        whole = clause_start >= match.start() - _OPENING  # the opening below is the clause's start
        opening = text[max(clause_start, match.start() - _OPENING) : match.start()]
        if _OWN_HISTORY_RE.search(opening) or (
            whole and _BARE_OPENING_RE.fullmatch(opening) and _HISTORY_AFTER_RE.match(text, match.end())
        ):
            continue  # the company's years, not the job's
        if _ALTERNATIVELY_RE.search(opening):
            continue  # years in place of what was asked before: "… a diploma. Alternatively, 4+ years of work"
        kind = layout.section_at(match.start()).kind
        marked = _MARKED_RE.match(text, match.end())
        if marked and marked.group("mark").lower() == "preferred":
            continue
        degree_after = _degree_after(layout, match.end())
        says_experience = (
            marked is not None
            or lead.group("exp") is not None
            or _EXPERIENCE_ITSELF_RE.match(text, match.end()) is not None
            or _EXPERIENCE_SOON_RE.match(text, match.end()) is not None
            # "Data engineering experience (min. 4 years)", "Experience: 5 years"
            or _EXPERIENCE_BEFORE_RE.search(opening) is not None
            # (a label on the line before: "Experience required\n2+ years")
            or (whole and _LABEL_LINE_BEFORE_RE.search(text, max(0, clause_start - 60), clause_start) is not None)
            # years that come with a degree: "BS + 5 years, MS + 3 years, or PhD"
            or _comes_with_a_degree(layout, max(clause_start, match.start() - 40), match.start())
            # years of something a clause requires in so many words: "Must have 2-3 years of testing"
            or (whole and _MUST_OPENING_RE.fullmatch(opening) is not None and _OF_IN_RE.match(text, match.end()))
            or _DONE_FOR_RE.search(opening) is not None
            or degree_after is not None
        )
        # (months are experience only so stated: not "a 6 months contract", "within 12 months of hire";
        # "6 months of B2B sales, hospitality or other customer-facing experience" is)
        says_experience = says_experience or (
            months
            and _OF_RE.match(text, match.end()) is not None
            and _EXPERIENCE_RE.search(text, match.end(), min(clause_end, match.end() + 70)) is not None
        )
        says_experience = says_experience or (
            not months
            and (
                _DOING_RE.match(text, match.end()) is not None
                or _EXPERIENCE_RE.search(text, match.end(), min(clause_end, match.end() + 80)) is not None
                # a requirement bullet that opens with the number: "- 3+ years in a similar role"
                or (kind == REQUIRED and whole and _LABEL_OPENING_RE.fullmatch(opening) is not None)
                # or that says so after it: "• 2+ years of complex commercial litigation required"
                or (
                    whole
                    and _LABEL_OPENING_RE.fullmatch(opening) is not None
                    and _OF_IN_RE.match(text, match.end()) is not None
                    and layout.has_cue("must", match.end(), clause_end)
                )
                # the title: "Senior Engineer (10+ years)", "QA Engineer (min. 4 years)"
                or _in_title(text, match.start(), match.end())
            )
        )
        if (
            not says_experience
            and attached
            and years.min
            and (kind == REQUIRED or (kind is None and layout.has_cue("must", clause_start, clause_end)))
            and not any(
                layout.has_cue("preferred", a, b)
                for a, b in layout.asked_parts(clause_start, clause_end, match.start(), match.end())
            )
        ):
            of_skills.append(years)
        if says_experience and (
            kind not in (PREFERRED, BOILERPLATE)
            # (among preferences, a figure its clause requires: "Preferred Education and Experience: …
            # Three to five years of HR experience required", as a skill's level is read)
            or (kind == PREFERRED and layout.has_cue("must", clause_start, clause_end))
        ):
            # (the layout keeps each clause's answer)
            # (the part that asks for the figure: "5+ years, preferably in fintech" asks for five)
            parts = layout.asked_parts(clause_start, clause_end, match.start(), match.end())
            optional = any(layout.has_cue("preferred", a, b) for a, b in parts) or layout.has_cue(
                "eeo", clause_start, clause_end
            )
            if marked is not None or not optional:
                # the degree named just before the figure: "Bachelor's and 8 years, or Master's and 5"
                levels = [d[2] for d in layout.degrees_in(max(clause_start, previous_end), match.start())]
                named = [level for level in levels if level != "any"]
                if (named and _instead_of_a_degree(layout, named[-1], clause_start, match.start())) or (
                    # (years as the other choice to the degree: "Baccalaureate degree in X, or +4 years",
                    # "University degree in computer science and/or 5 years equivalent experience")
                    _OR_BEFORE_RE.search(text, max(clause_start, match.start() - 12), match.start())
                    and (levels or (_OPENS_WITH_OR_RE.fullmatch(opening) and _degree_just_before(layout, clause_start)))
                ):
                    previous_end = match.end()
                    continue
                overall.append((years, degree_after or (named[-1] if named else None), match.start()))
        previous_end = match.end()
    if not overall and not of_skills:
        # a board's label that names the unit, its figure bare: "Years of experience: 3-5"
        for label in layout.scan.finditer(_YEARS_LABEL_RE, _YEARS_LABEL_KEYWORDS):
            if layout.section_at(label.start()).kind not in (PREFERRED, BOILERPLATE):
                high = label.group("high")
                return per_skill, Years(float(label.group("low")), float(high) if high else None)
    if not overall:
        return per_skill, _largest(of_skills) if of_skills else None
    # "BS + 5 years, MS + 3 years, PhD": a figure per degree; the posting's minimum is the bachelor's
    # (only among alternatives: "a Bachelor's, 5 years of management; and 10 years of maintenance"
    # asks for both, the larger)
    tiered = [y for y, level, _ in overall if level == "bachelor"]
    if tiered and len(overall) > 1:
        at = [where for _, _, where in overall]
        if not _ALTERNATIVE_RE.search(text, min(at), max(at)):
            tiered = []
    figures = tiered or [y for y, _, _ in overall]
    chosen = _largest(figures)
    # (the same figure given as a range elsewhere: "Five to Seven (5-7) years … Bachelor's Degree and at
    # least 5 years" asks for 5 to 7)
    return per_skill, _largest([y for y, _, _ in overall if y.min == chosen.min])


def _instead_of_a_degree(layout: Layout, level: str, clause_start: int, at: int) -> bool:
    """Whether a figure after a school diploma stands in for the degree asked before it, the
    bachelor's tier giving none: "Bachelor's degree (or a high school diploma / GED with at least
    6 years of experience)". (Where the bachelor's tier names a figure too, it is taken anyway.)"""
    if level not in ("high_school", "associate"):
        return False
    left = max(0, clause_start - _TIER_REACH, at - _TIER_REACH)
    higher = [d for d in layout.degrees_in(left, at) if d[2] in ("bachelor", "master", "phd")]
    return bool(higher) and _ALTERNATIVE_RE.search(layout.text, higher[-1][1], at) is not None


_TIER_REACH = 200


def _degree_just_before(layout: Layout, clause_start: int) -> bool:
    """Whether the clause before one that opens with "or" names a degree: "High School diploma or GED;
    or three to six months related experience" offers the months in its place."""
    before = layout.clause_around(max(0, clause_start - 2), max(0, clause_start - 1))[0]
    return before < clause_start and any(d[2] != "any" for d in layout.degrees_in(before, clause_start))


def _comes_with_a_degree(layout: Layout, left: int, at: int) -> bool:
    """Whether a degree stands just before ``at``, joined to it: "BS + ", "Master's degree with "."""
    degrees = [d for d in layout.degrees_in(left, at) if d[2] != "any"]
    return bool(degrees) and _WITH_DEGREE_RE.fullmatch(layout.text, degrees[-1][1], at) is not None


def _degree_after(layout: Layout, at: int) -> str | None:
    """The level of a degree named right after a figure, joined to it ("5 to 8 years with BS/BA")."""
    joined = _WITH_DEGREE_AFTER_RE.match(layout.text, at)
    if joined is None:
        return None
    degrees = [d for d in layout.degrees_in(joined.end(), joined.end() + 1) if d[2] != "any"]
    return degrees[0][2] if degrees else None


def _largest(figures: Sequence[Years]) -> Years:
    """The largest figure asked: by its minimum, then its maximum."""
    return max(figures, key=lambda y: (y.min or 0, y.max or 0))
