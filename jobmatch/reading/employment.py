"""The terms of the job: its employment type, and what the source says of the employer and dates."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .scan import Regex, Scan, keywords

__all__ = ["read_company", "read_dates", "read_employment_type"]

_LABEL = (
    # (and Poland's boards: "Cooperation model: B2B")
    r"(?:(?:job types?|types?|employment(?: types?)?|contract(?: types?)?|engagement|cooperation model)"
    # (its value after a colon, a bar or on the next line: "Job type:\nTemporary", "Employment | Internship")
    r"(?:[ \t]{0,3}[*:]{0,3}[ \t]{0,3}[*:|][ \t*]{0,6}(?:\n[ \t*]{0,6}){0,2}|[ \t]{0,3}\n(?:[ \t]{0,3}\n)?[ \t*]{0,6})"
    # (and the values a board lists before this one: "Job Types: Full-time, Contract")
    r"(?:[A-Za-z][A-Za-z -]{1,20},[ \t]{0,3}){0,3}|"
    # (or Indeed's label with its value glued on, where scraping lost the line break: "Job typeSeasonal")
    r"(?-i:Job type(?=[A-Z])))"
)
# a word's end, also where scraping glued the next word's capital to it ("Job Type: ContractDuration:")
_END = r"(?-i:(?![a-z\d_]))"

# right after a rate or a salary ("18 000 PLN netto + VAT (B2B)", "130-160 PLN/h (B2B)"), where a
# "(B2B)" is the contract, not a market ("business-to-business (B2B) sales")
_AFTER_PAY = (
    "(?:"
    + "|".join(
        f"(?<={re.escape(end)}{space})"
        for end in ("VAT", "net", "PLN", "EUR", "USD", "/h", "nth")
        for space in ("", " ")
    )
    + r"|(?<=\d)|(?<=\d ))"
)
# right after a net or gross rate's word: "PLN 160-215 / h net for B2B" (looked back at from "B2B",
# where the match starts: a word as common as "net" opens no match of its own)
_AFTER_NET = (
    "(?:"
    + "|".join(
        f"(?<={pay} {word} )"
        for pay in ("net", "netto", "gross", "brutto", "VAT")
        for word in ("for", "on", "via", "in")
    )
    + ")"
)
# full time that is not the job's: of the experience asked ("2+ years of full-time teaching
# experience"), of study, a measure of hours ("0.6 full-time equivalent"), or the staff a benefit
# is for ("covered at 100% for full-time qualified staff members", "part-time employees")
_NOT_OF_THE_JOB = (
    r"(?![ \t]{1,3}(?!(?:position|role|job|post|opportunity|employment)\b)(?:[\w/-]{1,30}[ \t]{1,3}){0,2}?"
    # ("provided free-of-charge for all full-time associates"; but a board's next label is none: "Job type:
    # Full-time Experience level: Senior")
    r"(?:experience(?![ \t]{1,3}level\b)|equivalent|study|students?|education|employees|associates|"
    r"(?:staff|team) members|colleagues|workers|personnel|faculty|staff(?=\s{0,3}(?:[.,;)]|and\b|&)))\b)"
)
# (nor, with part time, what a benefit is for: "Full-time & part-time paid time off")
_NOT_A_BENEFIT = (
    # (or a status benefits vary by: "Benefits vary based on full-time/part-time status")
    r"(?!(?:[ \t]{0,3}(?:or|/|&|and)[ \t]{0,3}part[- ]?time)?[ \t]{1,3}(?:paid|pto|benefits?|employees|staff|status)\b)"
    # ("All salaried, full-time candidates are eligible for our generous benefits")
    r"(?![ \t]{1,3}(?:candidates|associates|team members|hires)[ \t]{1,3}(?:are|will be)[ \t]{1,3}eligible\b)"
    # (nor who a benefit is for: "401K (Full-time only)")
    r"(?![ \t]{1,3}only[ \t]{0,3}\))"
)
# full time as the mode, not the hours: "work from home full time", "remotely full-time"; nor a
# length of service a benefit waits for: "(after 1 year of full-time employment)"
_NOT_THE_HOURS = (
    r"(?<!home )(?<!remote )(?<!remotely )(?<!office )(?<!year of )(?<!years of )(?<!months of )(?<!days of )"
)
# nor a form's question, whose answer follows: "Full Time or Part Time? Part Time"
_NOT_A_QUESTION = r"(?![ \t]{0,3}(?:or|/)[ \t]{0,3}part[- ]?time[ \t]{0,3}\?)"
# full time's hyphen, also spaced as a line's hyphenation joined leaves it: "full- time", "full - time"
_FULL_TIME = r"full(?:[ \t]?-[ \t]?|[ \t])?time"
# (the busier patterns open with a look at where a match can begin: a letter or digit a branch
# starts with, or a line's start; ``re`` turns every other position away at once, not after
# trying each branch there, which made the contract pattern the costliest of the reading's)
_EMPLOYMENT: list[tuple[str, Regex]] = [
    (
        "full-time",
        # (and glued where scraping lost a line break: "03/12/2024Full-time Exempt", "Full TimeCompany:")
        Regex(
            # (and glued to the line before, its capital after a small letter: "Employment TypeFull-time")
            rf"(?=[fpdjtecJC1])(?:(?:(?<![^\W\d])|(?-i:(?<=[a-z])(?=F))){_NOT_THE_HOURS}{_FULL_TIME}{_END}"
            rf"{_NOT_OF_THE_JOB}{_NOT_A_BENEFIT}{_NOT_A_QUESTION}|"
            r"(?-i:\bFULL_TIME\b|\bFT\b)|"
            # (either, full time named first: "We have full or part time positions available")
            # (not a benefit's: "Full-time & part-time paid time off")
            # (nor a form's question, nor the staff a benefit is for: "available to full & part time team members")
            rf"\bfull\s{{0,3}}(?:or|/|&|and)\s{{0,3}}part[- ]?time\b(?!\s{{0,3}}\?){_NOT_A_BENEFIT}{_NOT_OF_THE_JOB}|"
            r"\bpart[- ]?time\s{0,3}(?:or|/|&|and)\s{0,3}full[- ]?time\b|"
            # (a whole FTE: "1.0 FTE")
            rf"\b1(?:\.0{{1,2}})?\s{{0,3}}FTE\b|\bFTE\s{{0,3}}:?\s{{0,3}}1(?:\.0{{1,2}})?(?![\d.])|"
            # (France's permanent contract: "CDI"; not a permanent resident's status, a team or a fix:
            # "US citizen or permanent resident", "Working in permanent teams", "permanent solutions")
            # (nor a right to work: "permanent work authorization")
            rf"\bpermanent{_END}(?!\s{{1,3}}(?:residen\w{{0,4}}|teams?|solutions?|fix(?:es)?|health|changes?|"
            rf"(?:work\s{{1,3}})?authori[sz]ation|visas?|"
            # (nor a recruiter's service: "contract, temporary and permanent placement solutions")
            rf"placements?|recruit\w{{0,6}}|staffing|schedules?|shifts?|change\s{{1,3}}of\s{{1,3}}station|corrective|"
            # (nor a benefit's: "a car salary sacrifice scheme (available to all permanent staff)")
            # (a kind of them between: "permanent Federal employees")
            rf"(?:(?-i:[A-Z]\w{{1,20}})\s{{1,3}})?"
            rf"(?:staff|employees|colleagues|team members|members of staff|faculty)\b"
            rf"(?!\s{{1,3}}(?:position|post|role))))|"
            rf"(?-i:\bCDI\b)|(?-i:Job type)full[- ]?time{_END}|"
            rf"\bdirect[- ]hires?\b|{_LABEL}perm{_END})",
            re.I,
        ),
    ),
    # (and a fraction of a full-time post up to 0.8: "0.6 FTE", the NHS's "0.8wte"; "0.9 FTE, Full-time" is
    # what it says)
    (
        "part-time",
        # (not a flexible way of working offered to all: "part-time working and job sharing"; nor
        # hours a full post may be had in: "Part time available", "such as Night Shifts or Part-time hours")
        Regex(
            # (nor experience counted so: "four years of full-time, or equivalent part-time, experience")
            # (nor a way of working an employer is open to: "roles are open to part-time, job-share and…")
            rf"(?:(?<![^\W\d])|(?-i:(?<=[a-z])(?=P)))(?<!\bor )(?<!equivalent )(?<!open to )part[- ]?time{_END}"
            rf"{_NOT_OF_THE_JOB}"
            r"(?![ \t]{1,3}(?:paid\s{1,3}time\s{1,3}off|pto\b|status\b|benefits?\b))"
            r"(?![ \t]{1,3}working\s{0,3}(?:,|and\b|or\b|/))(?!\s{0,3}(?:or|/|&|and)\s{0,3}full[- ]?time\b)"
            # (nor a way of working an employer is open to: "open to discussions about part-time and
            # flexible working")
            # ("Part-time hours and flexible working may be considered")
            r"(?![ \t]{1,3}(?:hours[ \t]{1,3})?(?:and|or|&|/)[ \t]{1,3}flexible[ \t]{1,3}working\b)"
            r"(?![ \t]{1,3}(?:hours\s{1,3})?(?:is\s{1,3}|are\s{1,3})?(?:available|considere?d?|negotiable|possible)\b)|"
            # (not a colleague's, in brackets: "a team (2.0 WTE consultants, a specialist dietician (0.5 WTE))")
            rf"(?-i:\bPART_TIME\b)|(?<![\d.(])0?\.[1-8]\d?\s{{0,3}}[FW]TE\b|\b[FW]TE\s{{0,3}}:?\s{{0,3}}0?\.[1-8]\d?(?![\d.])",
            re.I,
        ),
    ),
    (
        "contract",
        Regex(
            r"(?=[crfwodbjteui\d(]|^)(?:"
            # (and the mode between: "This is a contract remote role")
            r"\bcontract(?:or)?\s{1,3}(?:(?:remote|hybrid|on-?site|in-office)\s{1,3})?"
            # (and an agency's "for contract positions at AIA Staffing"; not "contract opportunities with
            # public organizations", "do not apply to contract roles")
            r"(?:role|positions?|basis|engagement|assignment|job|opportunity)\b|"
            r"(?-i:\bC2H\b)|\b1099\s{1,3}(?:contract(?:or)?|position|role|basis|only)\b|"
            # (not the legal right an employer keeps: "CohnReznick will have the right to hire")
            r"\bcontract[- ]to[- ](?:hire|perm)\b|(?<!the )\bright[- ]to[- ]hire\b|"
            # (a contract to be made permanent: "Conversion to full-time at 6 months")
            r"\bconver(?:sion|ted|t)\s{1,3}to\s{1,3}(?:full[- ]?time|perm(?:anent)?|fte)\b|"
            # (and glued to the place before it: "Los Angeles, CA9 month contract")
            r"(?:\b|(?<=[A-Z]))\d{1,4}\+?[- ]?(?:months?|weeks?|years?)(?:'|’)?\s{0,3}(?:[-–—,]\s{0,3})?"
            r"(?:contract|right to hire)\b|"
            # ("work as an independent contractor", "This is a contract 1099 work from home role", "temp-to-hire")
            # (not a status ruled out: "The administrator may not be an independent contractor")
            r"(?<!not be an )(?<!not an )\bindependent\s{1,3}contractor\b|"
            r"\bcontract\s{1,3}(?:1099|w2|c2c)\b|\btemp[- ]to[- ]hire\b|"
            # (a contractor's pay through an umbrella company, or inside or outside IR35, as the UK's are)
            r"(?<=\()umbrella\)|\bumbrella company\b|(?-i:\bIR35\b)|"
            r"(?-i:(?<!GENERAL )\bCONTRACTOR\b|(?<!no )(?<!not a )(?<!non-)\b(?:C2C|W2)(?:\b|(?=[A-Z][a-z])))|"
            r"\bon a contract\b|\bcontract duration\b|\(contract(?:or)?\)|"
            # ("Duration: 6 months", "Duration-6 Months")
            # ("Project Duration: 18-24 Months")
            r"\b(?:duration|contract length)\s{0,3}(?:[*:]{1,6}|[-–])?\s{0,3}\d{1,4}\+?(?:\s{0,3}[-–]\s{0,3}\d{1,4})?"
            r"\s{0,3}(?:months?|weeks?)(?:\b|(?-i:(?=[A-Z])))|"
            r"\bB2B\s{1,3}(?:cooperation|contract|agreement|"
            r"basis|form)\b|"
            # (as Poland's boards write it: "Contract: B2B", "PLN netto + VAT (B2B)", "PLN/h net for B2B",
            # "B2B or UoP"; not a market, "B2B SaaS", "focuses on B2B startups")
            # (each looked at first where it must stand, "(B2B)" or "B2B": cheaper than its look back)
            rf"(?-i:(?=\(B2B\)){_AFTER_PAY}\(B2B\)|(?=B2B){_AFTER_NET}B2B\b|"
            r"\bB2B\s{0,3}(?:/|or|,)\s{0,3}(?:UoP|UoD|UZ|employment contract|permanent))|"
            # (and the pay's form before it: "Type: Hourly contract")
            rf"{_LABEL}(?:(?:hourly|daily|fixed[- ]price)[ \t]{{1,3}})?(?:contract|contractor|freelance contract|"
            rf"(?-i:B2B)){_END}|"
            r"^[ \t]{0,6}contract[ \t]{0,6}$(?!\s{0,6}(?:permanent|fixed|temporary|casual))|"
            # (a header line's fact after a dash or a bar: "Remote (US) - Contract (6 months, …)")
            r"(?<=[-–—|·] )contract(?=[ \t]{0,3}(?:\(\s{0,3}\d|[|·]|$)|(?-i:[A-Z][a-z])))",
            re.I | re.M,
        ),
    ),
    # a fixed term: a contract, unless the hours are stated beside it ("a Fixed term, full time post")
    ("fixed-term", Regex(r"\bfixed[- ]term\b", re.I)),
    (
        "temporary",
        Regex(
            # (not a form's no: "Temporary Position No")
            r"\btemporary (?:role|position|job|work|worker|employment|contract|assignment|basis)\b"
            r"(?![ \t]{0,3}[?:]?[ \t]{0,3}(?-i:No|NO|no)$)|"
            # (not the recruiting done in a season: "Coordinates seasonal job fairs")
            r"\bseasonal (?:role|position|job(?!\s{1,3}(?:fairs?|boards?|postings?))|work|worker|employment|"
            r"contract)\b|"
            r"\btemp (?:role|position|job|assignment|contract)\b|"
            # a locum's post, or a title that opens with it ("Locum Consultant Radiologist"), not a
            # colleague ("join 5 consultants and 1 locum consultant")
            r"\blocum (?:posts?|positions?|roles?|contracts?|basis|cover|assignments?|jobs?)\b|^[ \t]{0,6}locum\b|"
            # (and Seek's "Work type: Casual/Temporary")
            rf"{_LABEL}(?:casual[ \t]{{0,3}}/[ \t]{{0,3}})?(?:temporary|seasonal){_END}|"
            r"\btemp(?:orary)?[- ]to[- ]perm\b|"
            # (France's fixed-term contract, "CDD"; a header line's fact: "$18.50 an hour - Seasonal")
            r"(?-i:\bCDD\b)|(?<=[-–—|·] )(?:seasonal|temporary)(?=[ \t]{0,3}(?:[|·,(]|$)|(?-i:[A-Z][a-z]))|"
            r"^[ \t]{0,6}seasonal[ \t]{0,3}\(|"
            # a title's mark ("Retail Sales Associate (Seasonal)") and a nurse's per-diem post, not a
            # traveller's daily allowance ("a per diem for meals")
            r"\((?:seasonal|temporary|temp|per[- ]diem)\)|(?:\s[-–—|]\s{0,3}|^[ \t]{0,6})per[- ]diem[ \t]{0,3}$|"
            r"\b(?:a|this)\s{1,3}per[- ]diem\s{1,3}(?:position|role|job|post|opportunity)\b",
            re.I | re.M,
        ),
    ),
    (
        "internship",
        Regex(
            r"(?=[taopsijecy\d]|^)(?:\b(?:this|an|the|our|your|paid|summer|\d{1,4}[- ]week|\d{1,4}[- ]month)\s{1,3}"
            r"internship\b|\binternship (?:role|position|program|programme|opportunity)\b|^[ \t]{0,6}internship\b|"
            # (and a header line's fact between slashes or bars: "Boston / Internship / Number of vacancies: 2")
            rf"(?-i:\bINTERN\b)|{_LABEL}intern(?:ship)?{_END}|(?<=[/|·] )internship(?=[ \t]{{1,3}}[/|·]))",
            re.I | re.M,
        ),
    ),
    (
        "freelance",
        # (not the freelancers the job works with: "a trusted network of freelance content creators")
        Regex(
            r"\bfreelance(?!\s{1,3}(?:work|experience|projects?|clients|gigs|(?:[\w-]{1,20}\s{1,3})?(?:creators|writers|"
            r"designers|videographers|photographers|editors|talent|contributors|resources|network)))\b|\bfreelancer\b",
            re.I,
        ),
    ),
]
# a word every match of a kind's pattern holds where a word starts: a substring test spares a scan
# of the text, and only the text near where one starts a word is searched ("ft" in "software" and
# "part" in "department" are passed over: tests/test_scan.py holds each pattern to it)
_KEYWORDS = {
    # ("perm" stands in "permanent" too)
    "full-time": ("full", "ft", "perm", "direct hire", "direct-hire", "cdi", "fte"),
    "part-time": ("part", "fte", "wte"),
    # (a term's length comes with "contract" or "right to hire": "6 months contract")
    "contract": ("contract", "hire", "c2c", "w2", "b2b", "duration", "c2h", "1099", "umbrella", "ir35", "conver"),
    "fixed-term": ("fixed",),
    "temporary": ("temp", "seasonal", "locum", "per diem", "per-diem", "cdd"),
    "internship": ("intern",),
    "freelance": ("freelance",),
}
for _words in _KEYWORDS.values():
    keywords(*_words)
# a kind of engagement says more than its hours: "Contract · Full time" is a contract
_ENGAGEMENTS = ("contract", "temporary", "internship", "freelance")
# full time in so many words ("Full or Part Time" too), not only a permanent post ("Permanent, Part
# time (30 hours)" is part-time)
_FULL_HOURS_RE = Regex(
    rf"(?:(?<![^\W\d])|(?-i:(?<=[a-z])(?=F)))(?:{_FULL_TIME}|full\s{{0,3}}(?:or|/|and|&)\s{{0,3}}part[- ]?time){_END}|"
    r"(?-i:\bFULL_TIME\b|\bFT\b)",
    re.I,
)
_INTERN_TITLE_RE = Regex(r"\bintern(?:ship)?s?\b", re.I)
# a title that opens with its term: "Seasonal Teller", "Temporary Administrative Assistant"
_TEMPORARY_TITLE_RE = Regex(r"^\W{0,3}(?:seasonal|temporary|temp)\b(?!\s{0,3}(?:-|to)\s{0,3}(?:hire|perm))", re.I)
_JSONLD_TYPES = {"FULL_TIME": "full-time", "PART_TIME": "part-time", "CONTRACTOR": "contract",
                 "TEMPORARY": "temporary", "INTERN": "internship", "PER_DIEM": "temporary"}  # fmt: skip


def read_employment_type(scan: Scan, meta: Mapping[str, Any] | None = None, title: str | None = None) -> str | None:
    """full-time, part-time, contract, temporary, internship or freelance: schema.org's
    employmentType when given, else the first the text states; an intern's job ("Social Media
    Marketing Intern") is an internship, and one whose title opens with its term ("Seasonal Teller")
    temporary, unless the text states another engagement."""
    if meta:
        value = meta.get("employmentType")
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item.upper().replace("-", "_") in _JSONLD_TYPES:
                return _JSONLD_TYPES[item.upper().replace("-", "_")]
    # (a text that lowers oddly holds every keyword, and is searched whole)
    found = [
        (m.start(), kind)
        for kind, regex in _EMPLOYMENT
        if scan.holds_any(_KEYWORDS[kind])
        and (m := next(scan.finditer_at(regex, scan.word_starts(_KEYWORDS[kind])), None))
    ]
    kinds = [kind for _, kind in found]
    if "full-time" in kinds and "part-time" in kinds and (declared := _declared_hours(scan)) is not None:
        # the hours the job is said to have, in so many words ("This is a part-time job"), over hours
        # named elsewhere ("opportunities for growth into full-time roles", "(pro-rata for part-time)")
        found = [f for f in found if f[1] != ("part-time" if declared == "full-time" else "full-time")]
        kinds = [kind for _, kind in found]
    if "full-time" in kinds and "part-time" in kinds:
        # a permanent post (or a direct hire) of part-time hours is part-time: full time must be said
        full_hours = scan.word_starts(("full", "ft"))
        if next(scan.finditer_at(_FULL_HOURS_RE, full_hours), None) is None:
            found = [f for f in found if f[1] != "full-time"]
    if "fixed-term" in kinds and ("full-time" in kinds or "part-time" in kinds):
        found = [f for f in found if f[1] != "fixed-term"]
    engagements = [f for f in found if f[1] in _ENGAGEMENTS]
    if not engagements and title and _INTERN_TITLE_RE.search(title):
        return "internship"
    if not engagements and title and _TEMPORARY_TITLE_RE.search(title):
        return "temporary"
    if not found:
        return None
    kind = min(engagements or found)[1]
    return "contract" if kind == "fixed-term" else kind


# the job's hours said of the job itself: "This is a part-time job", "This position is full-time",
# "This is an exempt, full-time position"
_DECLARED_HOURS_RE = Regex(
    r"\b(?:this|the)\s{1,3}(?:is\s{1,3}an?|(?:role|position|job|post|opportunity|vacancy)\s{1,3}is(?:\s{1,3}an?)?)"
    # (one kind of hours, not a choice: "This is a part-time or full time permanent role")
    r"\s{1,3}(?:[\w-]{1,20},?\s{1,3}){0,2}?(?P<hours>full|part)(?:[ \t]?-[ \t]?|[ \t])?time\b"
    r"(?!\s{0,3}(?:or|/|&|and)\s{0,3}(?:full|part)[- ]?time\b)",
    re.I,
)
_DECLARED_KEYWORDS = keywords("full", "part")


def _declared_hours(scan: Scan) -> str | None:
    """full-time or part-time, as the text first says the job is ("This is a part-time job")."""
    match = next(scan.finditer(_DECLARED_HOURS_RE, _DECLARED_KEYWORDS), None)
    return None if match is None else f"{match.group('hours').lower()}-time"


def read_company(meta: Mapping[str, Any] | None) -> str | None:
    """The hiring organisation a source names: schema.org ``hiringOrganization``, or "company"."""
    if not meta:
        return None
    value = meta.get("hiringOrganization", meta.get("company"))
    if isinstance(value, dict):
        value = value.get("name")
    if not isinstance(value, str):
        return None
    return value.strip() or None


def read_dates(meta: Mapping[str, Any] | None) -> tuple[str | None, str | None]:
    """(date posted, valid through) as the source states them (schema.org datePosted, validThrough)."""
    posted, until = (meta.get("datePosted"), meta.get("validThrough")) if meta else (None, None)
    return (str(posted) if posted else None, str(until) if until else None)
