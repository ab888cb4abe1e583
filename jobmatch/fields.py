"""A posting's fields: seniority, education, salary, locations, work mode and employment type.

Read from the text (and schema.org JobPosting fields where the source has them) on first use by
``structure.PostingReading``; matching never needs them, so they stay out of its start-up.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .structure import (
    _ANY_DEGREE_RE,
    BOILERPLATE,
    DEGREE_PATTERNS,
    PREFERRED,
    Section,
    clause_around,
    combine_requirements,
    requirement_of,
    section_at,
)
from .structure import _PREFERRED_RE as _PREFERENCE_RE

__all__ = [
    "Education",
    "Salary",
    "read_company",
    "read_education",
    "read_employment_type",
    "read_locations",
    "read_salary",
    "read_seniority",
    "read_work_mode",
]


@dataclass(frozen=True)
class Salary:
    """Pay as stated: amounts in units of ``currency`` (ISO code, None when unstated) per ``period``
    (year, month, week, day or hour); ``min`` is None for "up to 90k"."""

    min: float | None
    max: float | None
    currency: str | None
    period: str | None
    text: str


@dataclass(frozen=True)
class Education:
    """The minimum degree level asked for (high_school, associate, bachelor, master, phd), the fields
    named, whether equivalent experience counts instead, and whether it is required."""

    level: str | None
    fields: tuple[str, ...] = ()
    equivalent_experience: bool = False
    required: bool | None = None


# -- seniority --------------------------------------------------------------------------------

_MANAGER_ROLES = (
    r"product|project|program|programme|account|accounts|case|office|marketing|sales|community|property|brand|"
    r"content|social media|store|restaurant|kitchen|campaign|relationship|release|delivery|practice|facilities|"
    r"operations|territory|category|customer success|success|event|events|payroll|hr|talent|nurse|care|ward"
)
_SENIORITY_TITLE: list[tuple[str, re.Pattern[str]]] = [
    ("intern", re.compile(r"\b(?:intern|internship|co-?op|working student|trainee|apprentice)\b", re.I)),
    ("director", re.compile(r"\b(?:director|head of|vp|vice president|chief|cto|cio|cdo)\b", re.I)),
    ("principal", re.compile(r"\bprincipal\b", re.I)),
    (
        "staff",
        re.compile(r"\bstaff (?:engineer|scientist|developer|software|data|ml|machine|mlops|sre|architect)", re.I),
    ),
    ("lead", re.compile(r"\b(?:lead|tech lead|team lead)\b", re.I)),
    ("manager", re.compile(r"\bmanager\b", re.I)),
    ("senior", re.compile(r"\b(?:senior|sr\.?|snr)(?![\w-])|\bIII\b|\bIV\b", re.I)),
    ("mid", re.compile(r"(?i:\b(?:mid[- ]?(?:level)?|intermediate)\b)|\bII\b")),
    ("junior", re.compile(r"\b(?:junior|jr\.?|entry[- ]level|graduate|grad|new grad)\b|\bI\b", re.I)),
]
_MANAGER_ROLE_RE = re.compile(rf"\b(?:{_MANAGER_ROLES})\s+manager\b", re.I)
_LEVEL_WORD = r"(?:junior|jr\.?|mid(?:[- ]?level)?|regular|intermediate|senior|sr\.?|lead|principal|staff|entry)"
# "Mid/Senior", "Regular & Senior", "Mid-Senior level", "jr through sr": a title open to several levels
_LEVEL_SPAN_RE = re.compile(
    rf"\b{_LEVEL_WORD}\s*(?:/|&|\+|-|–|\band\b|\bor\b|\bto\b|\bthrough\b)\s*{_LEVEL_WORD}(?![\w-])", re.I
)
# a level the body states for this job; other people's levels ("mentor junior engineers") are not it
_SENIORITY_TEXT_RE = re.compile(
    r"\b(?P<phrase>entry[- ]level|junior|mid[- ]level|senior[- ]level|senior|staff[- ]level|principal[- ]level)\s+"
    r"(?:role|position|opening|candidates?|hire)\b|"
    r"\b(?:hiring|seeking|looking for|recruiting|in your role as)\s+(?:an?\s+)?(?P<who>senior|sr\b\.?|junior|jr\b\.?|"
    r"mid[- ]level|staff|principal|lead|entry[- ]level)|"
    r"^[\s*•-]*(?:job title|title|role|position)\s*[*:]+\s*(?P<label>[^\n]{3,60})|"
    r"\b(?P<intern>this (?:paid |summer |remote )?internship|this is an internship)\b",
    re.I | re.M,
)
# job-board blocks: "Experience level: Senior", LinkedIn's "Seniority level\nEntry level"
_SENIORITY_LABEL_RE = re.compile(
    r"\b(?:experience level|seniority(?: level)?|level)\s*(?::|\n)\s*(?P<label>[\w -]{3,30})", re.I
)


def _seniority_in(label: str) -> str | None:
    if _LEVEL_SPAN_RE.search(label):
        return None  # several levels at once: the posting does not settle on one
    role_manager = False
    for level, regex in _SENIORITY_TITLE:
        if regex.search(label):
            if level == "manager" and _MANAGER_ROLE_RE.search(label):
                role_manager = True  # "Senior Product Manager" is senior; "Product Manager" alone, manager
                continue
            return level
    return "manager" if role_manager else None


def read_seniority(title: str | None, text: str) -> str | None:
    """intern, junior, mid, senior, staff, principal, lead, manager or director: from the title, else
    from what the text states for this job ("Role: Senior …", "hiring a senior engineer", "this
    internship"), else from a job board's level label. Never guessed from the years asked."""
    if title:
        if _LEVEL_SPAN_RE.search(title):
            return None
        level = _seniority_in(title)
        if level:
            return level
    for match in _SENIORITY_TEXT_RE.finditer(text):
        if match.group("intern"):
            return "intern"
        level = _seniority_in(match.group("label") or match.group("phrase") or match.group("who") or "")
        if level:
            return level
    for match in _SENIORITY_LABEL_RE.finditer(text):
        label = match.group("label")
        if _LEVEL_SPAN_RE.search(label):
            return None
        level = _seniority_in(label)
        if level:
            return level
    return None


# -- education --------------------------------------------------------------------------------

_LEVELS = ("high_school", "associate", "bachelor", "master", "phd")
_NO_DEGREE_RE = re.compile(
    r"\bno (?:college |university |formal )?degree(?: is)? (?:required|needed|necessary)|"
    r"\bdegree (?:is )?not (?:required|necessary|needed)|\bwithout a degree\b|\bdegrees? (?:are|is) optional\b",
    re.I,
)
_EQUIVALENT_RE = re.compile(
    r"\bequivalent (?:practical |professional |work |industry |relevant )?(?:experience|combination)|"
    r"\bor equivalent\b|\bcomparable experience\b",
    re.I,
)
_FIELDS_RE = re.compile(r"\b(?:in|of)\s+(?P<fields>[A-Z][^.;:\n()]*)")
_FIELD_STOP_RE = re.compile(
    r"\b(?:or (?:a )?(?:related|equivalent|similar|comparable|relevant|another)|related (?:field|discipline)|"
    r"and\s+\d|with\s|from\s|is\s|are\s|required|preferred|plus\b|or higher)",
    re.I,
)


def read_education(text: str, sections: Sequence[Section]) -> Education | None:
    """The minimum degree asked for, its fields, "or equivalent experience", and whether required.

    None when the degrees named are only preferred ("a plus") or of no stated level ("a degree in
    a quantitative field"): there is no minimum to report."""
    found: list[tuple[int, str | None, bool | None, str]] = []  # (level rank, level, required, clause)
    no_degree = False
    patterns: list[tuple[str | None, re.Pattern[str]]] = [*DEGREE_PATTERNS, (None, _ANY_DEGREE_RE)]
    starts = sorted(m.start() for _, regex in DEGREE_PATTERNS for m in regex.finditer(text))
    for level, regex in patterns:
        for match in regex.finditer(text):
            required, boilerplate = requirement_of(text, sections, match.start(), match.end())
            if boilerplate:
                continue
            left, right = clause_around(text, match.start(), match.end())
            clause = text[left:right]
            if required is False and section_at(sections, match.start()).kind != PREFERRED:
                # "Bachelor's degree in X, Master's degree preferred": the cue is the master's alone
                later = bisect.bisect_right(starts, match.end())
                own_end = starts[later] if later < len(starts) and starts[later] < right else right
                own = text[match.start() : own_end]
                if own_end < right and re.search(r"[,;]", own) and not _PREFERENCE_RE.search(own):
                    required = True
            if _NO_DEGREE_RE.search(clause):
                no_degree = True
                continue
            if level is None and any(f[3] == clause for f in found):
                continue  # "Master's degree": the level word already said it
            # a degree a posting names is asked for unless it says otherwise
            rank = len(_LEVELS) if level is None else _LEVELS.index(level)
            found.append((rank, level, True if required is None else required, clause))
    if not found:
        return Education(None, required=False) if no_degree else None
    asked = [f for f in found if f[2] is not False]
    leveled = [f for f in asked if f[1] is not None]
    if not leveled:  # only preferred, or of no stated level: no minimum to report
        return Education(None, required=False) if no_degree else None
    level = min(leveled, key=lambda f: f[0])[1]
    clauses = list(dict.fromkeys(f[3] for f in found))
    fields: list[str] = []
    for clause in clauses:
        named = _FIELDS_RE.search(clause)
        if named:
            chunk = _FIELD_STOP_RE.split(named.group("fields"))[0]
            for part in re.split(r",|/|\bor\b|\band\b|&", chunk):
                name = part.strip(" ,.-")
                if name and len(name.split()) <= 5 and name[0].isupper():
                    fields.append(name)
    return Education(
        level=level,
        fields=tuple(dict.fromkeys(fields)),
        equivalent_experience=any(_EQUIVALENT_RE.search(c) for c in clauses),
        required=combine_requirements([f[2] for f in asked]),
    )


# -- salary -----------------------------------------------------------------------------------

_SYMBOLS = {"$": "USD", "£": "GBP", "€": "EUR", "₹": "INR", "¥": "JPY"}
_PREFIXED = {"C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD", "US$": "USD", "S$": "SGD"}
_CODES = r"USD|GBP|EUR|CAD|AUD|NZD|INR|CHF|SEK|NOK|DKK|SGD|JPY|PLN|ZAR"
_AMOUNT = (
    r"(?:\d{1,3}(?:,\d{2,3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3})+(?![\d,])|\d{1,3}(?:['’]\d{3})+|\d+(?:\.\d+)?)\s*"
    r"(?:[kK](?![a-zA-Z])|(?:LPA|lakhs?|lacs?|crores?)\b)?"
)
_CURRENCY = rf"(?:(?:{_CODES})\s*)?(?:C\$|CA\$|A\$|AU\$|NZ\$|US\$|S\$|[$£€₹¥])?"
_PERIOD = (
    r"(?:\s*(?:per|a|an|/|p\.?)\s*(?P<unit>year|yr|annum|hour|hr|month|mo|week|wk|day)\b|"
    r"\s*(?P<adverb>annually|annual|yearly|hourly|monthly|weekly|daily|p\.?a\.?(?!\w)|ph\b|pro[- ]rata\b))?"
)
# a symbol after the figure, as much of Europe writes it: "65.000 €", "55 k€"
_AFTER = r"(?:\s?(?P<{}>[€£$]))?"
_SALARY_RE = re.compile(
    rf"(?P<upto>(?i:\bup to\s+|\bup\s+(?=[$£€₹¥])))?(?P<cur1>{_CURRENCY})\s*(?P<low>{_AMOUNT}){_AFTER.format('post1')}"
    rf"(?:\s*\\?(?:-|–|—|to)\s*(?P<cur2>{_CURRENCY})\s*(?P<high>{_AMOUNT}){_AFTER.format('post2')})?"
    rf"(?:\s*(?P<code>{_CODES})\b)?{_PERIOD}",
)
# the period named before the figure: "a daily rate of £500", "hourly pay: $22"
_PERIOD_BEFORE_RE = re.compile(
    r"\b(?P<adverb>annual|yearly|hourly|monthly|weekly|daily|day)\s+(?:rate|pay|salary|wage)s?\b[^.\d\n]{0,12}$", re.I
)
# a job board's guess, not the posting's figure
_ESTIMATED_RE = re.compile(r"\s*(?:[-–—(]\s*)?(?:estimated|est\.)", re.I)
_OPEN_ENDED_RE = re.compile(r"\s*(?:\(?\s*and up|and above|or more)\b", re.I)
_SALARY_WORDS_RE = re.compile(
    r"salary|compensation|\bpay\b|\bbase\b|\brate\b|\bOTE\b|wage|per annum|remuneration|\bCTC\b|\brange\b", re.I
)
# amounts that are not the pay: a premium on top, a budget, a bonus, an allowance
_EXTRA_PAY_RE = re.compile(
    r"(?:(?!\b(?:plus|and|with)\b)[^.;,+\n$£€₹\d]){0,25}?\b(?:premium|differential|bonus|allowance|budget|reimburse\w*|discount|stipend for|"
    r"match|cover|credit|relocation|signing|sign-on)\b",
    re.I,
)
_BASE_RE = re.compile(r"\s*(?:base|salary|basic)\b", re.I)
_ADD_ON_RE = re.compile(r"(?:\bplus|\+|\badditional|\bextra|\bon top of)\s*$", re.I)
_NOT_SALARY_RE = re.compile(r"\s*(?:billion|million|bn|mn|m\b|M\b|B\b|in (?:funding|revenue|assets|sales)|ARR)", re.I)
_UNITS = {"year": "year", "yr": "year", "annum": "year", "annually": "year", "annual": "year", "yearly": "year",
          "pa": "year", "p.a.": "year", "p.a": "year", "hour": "hour", "hr": "hour", "hourly": "hour",
          "ph": "hour", "month": "month", "mo": "month", "monthly": "month", "week": "week", "wk": "week",
          "weekly": "week", "day": "day", "daily": "day", "pro rata": "year"}  # fmt: skip


_MULTIPLIERS = {"k": 1e3, "lpa": 1e5, "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "crore": 1e7, "crores": 1e7}


def _money(raw: str) -> float:
    """ "120,000" → 120000; "55k" → 55000; "12,00,000" (Indian grouping) → 1200000; "7 LPA" → 700000."""
    match = re.fullmatch(r"([\d,.'’]+)\s*([a-zA-Z]*)", raw.strip())
    assert match is not None, raw
    digits = re.sub(r"['’]", "", match.group(1))  # "120'000", as Switzerland writes it
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits):
        digits = digits.replace(".", "")  # "€78.000": a dot between thousands, as much of Europe writes
    value = float(digits.replace(",", ""))
    return value * _MULTIPLIERS.get(match.group(2).lower(), 1)


def _scaled(raw: str) -> bool:
    return bool(re.search(r"[kK]$|LPA|lakh|lac|crore", raw.strip()))


def _currency_of(*marks: str | None) -> str | None:
    for mark in marks:
        if not mark:
            continue
        mark = mark.strip()
        code = re.match(rf"({_CODES})", mark)
        if code:
            return code.group(1)
        for prefix, name in _PREFIXED.items():
            if mark.endswith(prefix):
                return name
        if mark[-1:] in _SYMBOLS:
            return _SYMBOLS[mark[-1]]
    return None


def read_salary(
    text: str, meta: Mapping[str, Any] | None = None, sections: Sequence[Section] | None = None
) -> Salary | None:
    """The stated pay: "$120,000 - $160,000 a year", "£55k–£65k", "€45/hour", "up to 90k"; a
    schema.org ``baseSalary`` when the source has one. None for "competitive salary"."""
    from_meta = _salary_from_jsonld(meta.get("baseSalary")) if meta else None
    if from_meta is not None:
        return from_meta
    best: tuple[int, Salary] | None = None
    for match in _SALARY_RE.finditer(text):
        low, high = match.group("low"), match.group("high")
        currency = _currency_of(
            match.group("cur1"), match.group("cur2"), match.group("code"), match.group("post1"), match.group("post2")
        )
        unit = match.group("unit") or match.group("adverb")
        before = text[max(0, match.start() - 40) : match.start()]
        if unit is None and (named_period := _PERIOD_BEFORE_RE.search(before)):
            unit = named_period.group("adverb")
        thousands = _scaled(low) or bool(high and _scaled(high))
        if not (currency or thousands or unit or match.group("upto")):
            continue
        if (
            _NOT_SALARY_RE.match(text, match.end())
            or _ESTIMATED_RE.match(text, match.end())
            or (_EXTRA_PAY_RE.match(text, match.end()) and not _BASE_RE.match(text, match.end()))
            or re.match(r"[\d,.]*\d\s*[%x]", text[match.end() - 1 : match.end() + 2])
        ):
            continue
        # what stands before this amount and after any earlier one
        context = re.split(r"[$£€₹]\s?\d[\d,.]*\S*", text[max(0, match.start() - 80) : match.start()])[-1]
        if _ADD_ON_RE.search(context):
            continue  # "$20.25/hour starting pay, plus $1.50/hour once certified"
        named = _SALARY_WORDS_RE.search(context) is not None
        if sections and section_at(sections, match.start()).kind == BOILERPLATE and not named:
            continue  # "€1,000 a year for learning" in the benefits
        score = (2 if named else 0) + (2 if high else 0) + (1 if unit else 0)
        score += 1 if currency else 0
        if score < 2 or (high is None and currency is None and not match.group("upto") and not unit):
            continue
        low_value = _money(low)
        high_value = _money(high) if high else None
        if high is not None and _scaled(high) and not _scaled(low) and low_value < 1000:
            low_value = _money(low + re.sub(r"^[\d,.'’\s]+", "", high))  # "55–65k", "7–10 LPA"
        period = _UNITS.get(unit.lower().rstrip(".").replace("-", " ")) if unit else None
        if period is None and "LPA" in (high or low):
            period = "year"
        if period is None:
            top = high_value or low_value
            period = "year" if top >= 10000 else "hour" if top < 300 else None
        open_ended = high is None and _OPEN_ENDED_RE.match(text, match.end()) is not None
        salary = Salary(
            min=None if match.group("upto") else low_value,
            max=None if open_ended else high_value if high_value is not None else low_value,
            currency=currency,
            period=period,
            text=match.group(0).strip(),
        )
        if best is None or score > best[0]:
            best = (score, salary)
    return best[1] if best else None


def _salary_from_jsonld(value: Any) -> Salary | None:
    if not isinstance(value, dict):
        return None
    inner = value.get("value")
    amounts = inner if isinstance(inner, dict) else {"value": inner}
    low = amounts.get("minValue", amounts.get("value"))
    high = amounts.get("maxValue")
    try:
        low_value = float(low) if low is not None else None
        high_value = float(high) if high is not None else None
    except (TypeError, ValueError):
        return None
    if low_value is None and high_value is None:
        return None
    unit = str(amounts.get("unitText") or value.get("unitText") or "").lower()
    period = {"year": "year", "month": "month", "week": "week", "day": "day", "hour": "hour"}.get(unit)
    currency = value.get("currency") if isinstance(value.get("currency"), str) else None
    return Salary(low_value, high_value, currency, period, "baseSalary")


# -- where and how ----------------------------------------------------------------------------

_REMOTE_RE = re.compile(
    r"\b(?:fully remote|remote[- ]first|100% remote|remote[- ]friendly|work(?:ing)? (?:from home|remotely)|wfh|"
    r"telecommut\w*|remote (?:role|position|job|working|opportunity|within|from|in|across|only|anywhere)|"
    r"remote work(?! (?:opportunit|option|days?\b|allowance|stipend|budget|flexibility|policy|benefit))|"
    r"remote\s*(?:\(|-|–|—|,|/|\|)|"
    r"(?:work arrangement|workplace|location|work mode|type|working)\s*[*:]+\s*remote|\(remote\)|remote\s*$)",
    re.I | re.M,
)
# "not a remote role", "no remote work": a mode named only to be ruled out
_NEGATED_MODE_RE = re.compile(r"\b(?:not|no|non|isn'?t|cannot|can'?t)\b[\s-]+(?:an?\s+|a\s+fully\s+|fully\s+)?$", re.I)
_HYBRID_RE = re.compile(
    r"\bhybrid\b(?!\s+(?:cloud|clouds|model|models|app|apps|mobile|search|approach|architectures?|environments?|"
    r"infrastructure|it\b|systems?|networks?|solutions?|deployments?|setups?|vehicles?|car|cars|engines?))",
    re.I,
)
_HYBRID_CONTEXT_RE = re.compile(
    r"(?:public|private|on[- ]?prem\w*|cloud|multi-cloud)\s*(?:,|/|\band\b|\bor\b)\s*$", re.I
)
# a working week split between home and office: "remotely two days a week", "3 days in the office"
_SPLIT_WEEK_RE = re.compile(
    r"\b(?:remote(?:ly)?|from home|in (?:the|our) office|on[- ]?site|in[- ]office)\s+(?:for\s+)?(?:\w+|\d)\s+days?\s+"
    r"(?:a|per|each|every)\s+week|\b(?:\d|one|two|three|four)\s+days?\s+(?:a week\s+|per week\s+)?"
    r"(?:in (?:the|our) office|on[- ]?site|in[- ]office|(?:working\s+)?(?:from home|remote(?:ly)?))",
    re.I,
)
# a named workplace: "the Royal London Hospital", "the Critical care unit", "our Manchester studio"
_NAME = r"(?:(?-i:[A-Z0-9][\w'’.-]*)\s+|(?:and|of|&)\s+)"
_WORKPLACE = (
    r"(?:hospital|ward|unit|clinic|centre|center|campus|site|facility|facilities|practice|surgery|labs?|"
    r"theatres?|plant|warehouse|store|studio|headquarters)s?\b"
)
_ONSITE_RE = re.compile(
    r"\b(?:on[- ]?site(?!\s+(?:parking|gym|cafeteria|canteen|childcare|daycare|amenities|clinic))|"
    r"in[- ]?\\?-?office\b(?!\s+(?:days?|snacks|lunch|perks))|in[- ]person\b|office[- ]based\b|"
    r"work(?:ing)? (?:from|out of|at) (?:our|the) (?:headquarters|hq|office|studio|site|campus)|"
    r"(?:in|be in) the office as (?:your|the) default|office setting|must be local|local candidates|"
    r"(?:must be )?willing(?:ness)? to relocate|work location\s*:\s*(?:in person|one location)|"
    r"based at (?-i:[A-Z])|based out of (?:the|our) (?:office|studio|headquarters|hq|site|campus)|"
    r"(?:join|joining|working|work|based|occurring|located)\b[^.;\n]{0,60}?\b(?:at|on|in)\s+"
    rf"(?:(?:the|our)\s+{_NAME}{{0,5}}|{_NAME}{{1,5}}){_WORKPLACE})",
    re.I,
)
_TITLE_WORKPLACE_RE = re.compile(
    r"[-–—,|@(]\s*(?:[A-Z][\w'’.]*\s+){0,4}(?:Campus|Hospital|Clinic|Store|Warehouse|Plant|Branch)\b"
)
_TITLE_MODE_RE = re.compile(
    r"\b(?P<mode>remote(?!\s+(?:sensing|monitoring|patient|support|access|pilot|operations?|desktop))|hybrid|"
    r"on[- ]?site|in[- ]office)\b",
    re.I,
)
_LOCATION_LABEL_RE = re.compile(
    r"^\s*[-•*]?\s*(?:\*\*)?(?:job )?(?:locations?|based in|office|where|site|city)(?:\*\*)?\s*:\s*(?:\*\*)?\s*(?P<place>[^\n]{2,80})$",
    re.I | re.M,
)
_PLACE = (
    r"(?P<place>(?:US|USA|UK|EU|EMEA|APAC|LATAM|Canada|Europe|[A-Z][a-z]+(?: [A-Z][a-z]+)?)"
    r"(?: (?:time ?zones?|only|states))?)"
)
# "Remote (EU time zones)", "Remote — anywhere in Canada", "remote within the US"; not "Remote Config"
_REMOTE_PLACE_RE = re.compile(
    r"\b(?i:remote)(?:\s*[(\-–—,]\s*(?:(?:anywhere\s+)?(?:within|from|in|across)\s+(?:the\s+)?)?|"
    r"\s+(?:anywhere\s+)?(?:within|from|in|across)\s+(?:the\s+)?)" + _PLACE
)
_OFFICE_PLACE_RE = re.compile(
    r"\b(?:based in|office in|offices in|on[- ]site in|located in|(?:in|at|from) our)\s+(?:the\s+)?"
    r"(?P<place>[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*(?:,\s*[A-Z]{2}\b|,\s*[A-Z][a-z]+)?)"
)
_OFFICE_WORDS_RE = re.compile(r"\s+(?:office|offices|headquarters|HQ|hub|studio|campus|site|branch)\b", re.I)
_STATES = [
    "AL",
    "AK",
    "AZ",
    "AR",
    "CA",
    "CO",
    "CT",
    "DE",
    "DC",
    "FL",
    "GA",
    "HI",
    "ID",
    "IL",
    "IN",
    "IA",
    "KS",
    "KY",
    "LA",
    "ME",
    "MD",
    "MA",
    "MI",
    "MN",
    "MS",
    "MO",
    "MT",
    "NE",
    "NV",
    "NH",
    "NJ",
    "NM",
    "NY",
    "NC",
    "ND",
    "OH",
    "OK",
    "OR",
    "PA",
    "RI",
    "SC",
    "SD",
    "TN",
    "TX",
    "UT",
    "VT",
    "VA",
    "WA",
    "WV",
    "WI",
    "WY",
    "AB",
    "BC",
    "MB",
    "NB",
    "NL",
    "NS",
    "ON",
    "PE",
    "QC",
    "SK",
]
_CITY_STATE_RE = re.compile(rf"\b(?P<place>[A-Z][a-z]+(?:[ .][A-Z][a-z]+)*,\s*(?:{'|'.join(_STATES)}))\b")
_MODE_WORDS_RE = re.compile(r"\s*\(?\s*(?:remote|hybrid|on[- ]?site|in[- ]office)\b.*$", re.I)
_LABEL = r"(?:job type|type|employment(?: type)?|contract(?: type)?|engagement)\s*[*:]*\s*[*:]\s*[*\s]*"
_EMPLOYMENT: list[tuple[str, re.Pattern[str]]] = [
    ("full-time", re.compile(r"\bfull[- ]?time\b|(?-i:\bFULL_TIME\b|\bFT\b)|\bpermanent\b|\bdirect hire\b", re.I)),
    ("part-time", re.compile(r"\bpart[- ]?time\b|(?-i:\bPART_TIME\b)", re.I)),
    (
        "contract",
        re.compile(
            r"\bcontract(?:or)?\s+(?:role|position|basis|engagement|assignment|job|opportunity)\b|"
            r"\bcontract[- ]to[- ](?:hire|perm)\b|\bright[- ]to[- ]hire\b|"
            r"\b\d+\+?[- ]?months?(?:'|’)?\s*(?:[-–—,]\s*)?(?:contract|right to hire)\b|\bfixed[- ]term\b|"
            r"(?-i:\bCONTRACTOR\b|(?<!no )(?<!not a )(?<!non-)\b(?:C2C|W2)\b)|\bon a contract\b|\bcontract duration\b|"
            r"\bduration\s*[*:]*\s*\d+\+?\s*months?\b|\bB2B\s+(?:cooperation|contract|agreement|basis|form)\b|"
            rf"{_LABEL}(?:contract|contractor|freelance contract)\b|"
            r"^\s*contract\s*$(?!\n\s*(?:permanent|fixed|temporary|casual))",
            re.I | re.M,
        ),
    ),
    (
        "temporary",
        re.compile(
            r"\btemporary (?:role|position|job|work|worker|employment|contract|assignment|basis)\b|"
            r"\bseasonal (?:role|position|job|work|worker|employment|contract)\b|\btemp role\b|"
            rf"{_LABEL}temporary\b|\btemp(?:orary)?[- ]to[- ]perm\b",
            re.I | re.M,
        ),
    ),
    (
        "internship",
        re.compile(
            r"\b(?:this|an|the|our|paid|summer|\d+[- ]week|\d+[- ]month)\s+internship\b|"
            r"\binternship (?:role|position|program|programme|opportunity)\b|^\s*internship\b|"
            rf"(?-i:\bINTERN\b)|{_LABEL}intern(?:ship)?\b",
            re.I | re.M,
        ),
    ),
    ("freelance", re.compile(r"\bfreelance(?!\s+(?:work|experience|projects?|clients|gigs))\b|\bfreelancer\b", re.I)),
]
# a kind of engagement says more than its hours: "Contract · Full time" is a contract
_ENGAGEMENTS = ("contract", "temporary", "internship", "freelance")
_JSONLD_TYPES = {"FULL_TIME": "full-time", "PART_TIME": "part-time", "CONTRACTOR": "contract",
                 "TEMPORARY": "temporary", "INTERN": "internship", "PER_DIEM": "temporary"}  # fmt: skip


def read_work_mode(text: str, meta: Mapping[str, Any] | None = None, title: str | None = None) -> str | None:
    """remote, hybrid or on-site, as the posting states it: the title's word first ("Remote Java
    Developer"), then hybrid, remote and on-site cues in the text, skipping ruled-out ones ("this
    is not a remote role") and borrowed words ("hybrid cloud", "remote work opportunities")."""
    if meta and str(meta.get("jobLocationType", "")).upper() == "TELECOMMUTE":
        return "remote"
    if title and (named := _TITLE_MODE_RE.search(title)):
        word = named.group("mode").lower()
        return "remote" if word == "remote" else "hybrid" if word == "hybrid" else "on-site"
    if title and _TITLE_WORKPLACE_RE.search(title):
        return "on-site"  # "Life Coach - Birmingham Campus"

    def stated(regex: re.Pattern[str], context: re.Pattern[str] | None = None) -> bool:
        for match in regex.finditer(text):
            before = text[max(0, match.start() - 20) : match.start()]
            if _NEGATED_MODE_RE.search(before) or (context is not None and context.search(before)):
                continue
            return True
        return False

    if stated(_HYBRID_RE, _HYBRID_CONTEXT_RE) or _SPLIT_WEEK_RE.search(text):
        return "hybrid"
    if stated(_REMOTE_RE):
        return "remote"
    if stated(_ONSITE_RE):
        return "on-site"
    return None


def _place(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if not isinstance(value, dict):
        return None
    address = value.get("address", value)
    if isinstance(address, str):
        return address.strip() or None
    if not isinstance(address, dict):
        return _place(value.get("name"))
    parts = [address.get(k) for k in ("addressLocality", "addressRegion", "addressCountry")]
    names = [p.get("name") if isinstance(p, dict) else p for p in parts]
    joined = ", ".join(str(n) for n in names if n)
    return joined or _place(value.get("name"))  # {"@type": "Country", "name": "Germany"}


def read_locations(text: str, meta: Mapping[str, Any] | None = None) -> tuple[str, ...]:
    """Where the job is: schema.org jobLocation, "Location:" lines, "remote within the US",
    "based in London"."""
    places: list[str] = []
    if meta:
        for key in ("jobLocation", "applicantLocationRequirements"):
            value = meta.get(key)
            for item in value if isinstance(value, list) else [value]:
                place = _place(item)
                if place:
                    places.append(place)
        if isinstance(meta.get("location"), str):
            places.append(meta["location"])
    for match in _LOCATION_LABEL_RE.finditer(text):
        place = re.sub(r"\s+(?:or|and)$", "", _MODE_WORDS_RE.sub("", match.group("place")).strip(" -–—|*,;"))
        if place and not place.lower().startswith(("remote", "hybrid", "on-site", "onsite")):
            places.append(place)
    for regex in (_REMOTE_PLACE_RE, _OFFICE_PLACE_RE, _CITY_STATE_RE):
        for match in regex.finditer(text):
            if (
                regex is _OFFICE_PLACE_RE
                and " our " in match.group(0)
                and not _OFFICE_WORDS_RE.match(text, match.end())
            ):
                continue  # "in our ERP system" is no place; "in our Manchester office" is
            places.append(match.group("place").strip())
    return tuple(dict.fromkeys(p for p in places if p))


def read_employment_type(text: str, meta: Mapping[str, Any] | None = None) -> str | None:
    """full-time, part-time, contract, temporary, internship or freelance: schema.org's
    employmentType when given, else the first the text states."""
    if meta:
        value = meta.get("employmentType")
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item.upper().replace("-", "_") in _JSONLD_TYPES:
                return _JSONLD_TYPES[item.upper().replace("-", "_")]
    found = [(m.start(), kind) for kind, regex in _EMPLOYMENT if (m := regex.search(text))]
    engagements = [f for f in found if f[1] in _ENGAGEMENTS]
    return min(engagements or found)[1] if found else None


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
