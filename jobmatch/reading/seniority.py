"""The level of the job: intern, junior, mid, senior, staff, principal, lead, manager, director."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from .scan import Regex, Scan, keywords, longest

__all__ = ["read_seniority"]

_MANAGER_ROLES = (
    r"product|project|program|programme|account|accounts|case|office|marketing|sales|community|property|brand|"
    r"content|social media|store|restaurant|kitchen|campaign|relationship|release|delivery|practice|facilities|"
    r"operations|territory|category|customer success|success|event|events|payroll|hr|talent|nurse|care|ward"
)
_SENIORITY_TITLE: list[tuple[str, Regex]] = [
    # (an apprentice, a trainee or a working student is on no level of the scale: a job of its own kind)
    ("intern", Regex(r"\b(?:intern|internship|co-?op)\b", re.I)),
    # (an assistant or associate vice president is on no level: "Assistant Vice President, Analytics")
    (
        "director",
        # (not a chief of staff, a post of its own: "Chief of Staff to the CEO")
        Regex(
            r"\b(?:director|head of|vp|(?<!assistant )(?<!associate )vice president|chief(?!\s{1,3}of\s{1,3}staff\b)|"
            r"cto|cio|cdo)\b",
            re.I,
        ),
    ),
    ("principal", Regex(r"\bprincipal\b(?!['’]s)", re.I)),  # (not a school's: "Principal's Assistant")
    (
        "staff",
        # the engineer's level ("Staff Site Reliability Engineer", "Staff Front End Engineer"), not a
        # nurse's, an accountant's or an attorney's title ("Staff Nurse", "Staff Accountant")
        Regex(
            r"\bstaff\s{1,3}(?:(?:engineer|scientist|developer|software|data|ml|machine|mlops|sre|architect|swe)\b|"
            r"(?:[\w+#./-]+\s{1,3}){1,3}(?:engineer|developer|scientist|architect|designer|researcher)s?\b)",
            re.I,
        ),
    ),
    # (a grade's number, "Analyst II", "Engineer III", is no level word: as an NHS band, not on the scale)
    # (not the old people a job serves: "Senior Living Community Cook", "Senior Care Aide")
    (
        "senior",
        Regex(
            r"\b(?:senior(?!\s{1,3}(?:living|care|citizens?|homes?|housing|cent(?:er|re)s?|communit(?:y|ies)|residents?|"
            r"apartments?|adults?|high)\b)|sr\.?|snr)(?![\w-])",
            re.I,
        ),
    ),
    # (a title's Senior comes before its Lead or Manager, as the conventions list them: "Senior Construction
    # Manager", "Senior Lead Java Developer" are senior; Director, Principal and Staff stand above it)
    # (not sales leads: "Lead Generation Specialist"; and a leader, of a team or not: "Team Leader -
    # Warehouse", "Data Science & Analytics Leader", "Worship Leader")
    ("lead", Regex(r"\b(?:lead(?!\s{1,3}gen(?:eration)?\b)|leader)\b", re.I)),
    ("manager", Regex(r"\bmanager\b", re.I)),
    # (not a market's or a place's middle: "Account Executive, Mid-Market", "Mid-Atlantic", "Mid Shift")
    (
        "mid",
        Regex(
            r"\b(?:mid(?:[- ]?level\b|(?![- ]?(?:market|size|sized|range|career|tier|west|western|atlantic|south|"
            r"north|east|lands|town|shift|day|week|year|term|point|century|cap)\b))|intermediate\b|"
            # (as Eastern Europe's boards write it: "Middle DevOps Engineer"; not "Middle East Sales Engineer")
            r"middle(?!\s{1,3}(?:east|eastern|school|office|market)\b)"
            r"(?=\s{1,3}(?:[\w+#./-]+\s{1,3}){0,2}(?:engineer|developer|programmer|designer|tester)s?\b))(?![\w'’])",
            re.I,
        ),
    ),
    # ("New Grad Software Engineer"; not a graduate scheme's "Graduate Analyst", on no level)
    ("junior", Regex(r"\b(?:junior|jr\.?|entry[- ]level|new grad)\b", re.I)),
]
_MANAGER_ROLE_RE = Regex(rf"\b(?:{_MANAGER_ROLES})\s{{1,3}}manager\b", re.I)
_LEVEL_WORD = (
    r"(?:junior|jr\.?|middle|mid(?:[- ]?level)?|regular|reg\.?|intermediate|senior|sr\.?|lead|principal|staff|entry)"
)
# "Mid/Senior", "Regular & Senior", "Mid-Senior level", "jr through sr": a title open to several levels
_LEVEL_SPAN_RE = Regex(
    # ("Senior/Tech Lead Java Developer")
    rf"\b{_LEVEL_WORD}\s*(?:/|&|\+|-|–|\band\b|\bor\b|\bto\b|\bthrough\b)\s*(?:(?:tech|technical|team)\s{{1,3}})?"
    rf"{_LEVEL_WORD}(?![\w-])|"
    # (a level in brackets, to be had or not: "(Senior) Data Engineer"; a job and its senior grade:
    # "Lecturer / Senior Lecturer")
    # (but a level after the job is its own: "Data Analyst (Senior)")
    # ("Foundation Staff Nurse / Senior Staff Nurse")
    rf"\(\s*{_LEVEL_WORD}\s*\)\s{{1,3}}(?-i:[A-Z])|"
    # ("Radiographer (Band 5)/Senior Radiographer (Band 6)")
    rf"\b(?P<job>[A-Z][a-z]{{3,}})(?:\s*\([^()\n]{{1,20}}\))?\s*/\s*{_LEVEL_WORD}\s+(?:[A-Z][a-z]+\s+){{0,2}}(?P=job)\b",
    re.I,
)
# a level the body states for this job; other people's levels ("mentor junior engineers") are not it
# (opening with a look at where a match can begin: one of its first letters, or a line's start for a
# "Title:" line; ``re`` turns every other position, spaces too, away at once)
# Its branches: "a senior-level role", "hiring a senior", "Title: ...", "this internship".
_PHRASE_LEAD = (
    r"\b(?P<phrase>entry[- ]level|junior|mid[- ]level|senior[- ]level|senior|staff[- ]level|principal[- ]level)"
    r"\s{1,20}"
)
# (not the next label of a board's block: "Experience level: Mid-Level Senior Role: DevOps")
_PHRASE_END = r"(?:role|position|opening|candidates?|hire|individual contributor)\b(?!\s{0,3}:)"
_WHO = (
    # ("As our new Lead Developer, you will…")
    # ("Join our team as an Entry-Level Loan Officer", "join the Finance team as a Senior Analyst")
    r"\b(?:hiring|seeking|looking for|recruiting|in your role as|as our(?:\s{1,3}new)?|"
    r"join (?:us|(?:our|the)\s{1,3}(?:[\w-]{1,20}\s{1,3}){0,2}team) as)\s{1,20}(?:an?\s{1,20})?"
    # ("an experienced Senior Java Developer", "a Mid Java Developer")
    r"(?:(?:experienced|talented|skilled|seasoned|motivated|passionate|driven|ambitious|enthusiastic)\s{1,20})?"
    # (a whole word: not "looking for leaders at all levels")
    r"(?P<who>senior|sr\b\.?|junior|jr\b\.?|mid[- ]level|mid(?=\s{1,3}(?-i:[A-Z]))|staff|principal|lead|entry[- ]level)"
    r"(?!\w)"
)
_TITLE_LEAD = r"^[ \t*•-]{0,6}"
# ("Job Title - Training Programme Director (East Midlands)")
_TITLE_LINE = (
    _TITLE_LEAD + r"(?:job title[ \t]{0,3}[-–]|(?:job title|title|role|position)[ \t]{0,3}[*:]{1,3})[ \t]{0,3}"
    r"(?P<label>[^\n]{3,60})"
)
# ("this internship", and a board's label: "Contract: Internship (6 months)")
_INTERN = (
    r"\b(?P<intern>this (?:paid |summer |remote )?internship|this is an internship|"
    r"(?:contract|job type|employment type|type of contract)\s{0,3}:\s{0,3}internship|"
    # (a header line's fact between slashes or bars: "Boston / Internship / Number of vacancies: 2")
    r"(?<=[/|·] )internship(?=[ \t]{1,3}[/|·]))\b"
)
# the job named with its level: "an exciting opportunity for a Senior Speech and Language Therapist",
# "to fulfil the role of Senior SLT" (a title's words in capitals after it: not "the role of senior management")
_TITLED = (
    r"\b(?:opportunity for an?|role of)\s{1,3}(?P<titled>senior|sr\b\.?|junior|jr\b\.?|lead|principal|staff|"
    r"mid[- ]level)"
    r"(?=\s{1,3}(?-i:[A-Z]))"
)
# the job's level in so many words, which outweighs a level named before it ("act as a senior
# individual contributor"): "This is a Principal Software Engineering position", and the level
# the reader takes on: "As an Entry Level Software Engineer, you will…"
# (each with the words after it, read as a title is: "Staff Nurse" and "Lead Generation" are on no level)
_LEVEL_NAMED = r"(?:senior|sr\b\.?|junior|jr\b\.?|entry|mid|lead|principal|staff)(?:[- ]level)?(?![\w-])"
_THIS_IS = rf"\bthis is an?\s{{1,3}}(?P<this>{_LEVEL_NAMED}[^.\n]{{0,60}}?)\s{{1,3}}(?:position|role|job|opening)\b"
# (the comma may be missing: "As a Senior Software Engineer ( m/f/d ) – FinTech Application you will")
_AS_A = rf"\bas an?\s{{1,3}}(?P<as_a>{_LEVEL_NAMED}\s{{1,3}}(?-i:[A-Z])[^,.\n]{{0,50}}?)(?:,\s{{0,3}}|\s{{1,3}})you\b"
_SENIORITY_TEXT_RE = Regex(
    rf"(?=\b[aejmsphlritoc]|^)(?:{_PHRASE_LEAD}{_PHRASE_END}|{_WHO}|{_TITLE_LINE}|{_INTERN}|{_TITLED}|{_THIS_IS}|"
    rf"{_AS_A})",
    re.I | re.M,
)
# a word every match of a branch holds: only the text near them is searched, each branch's words
# within that branch's reach of them (``_text_matches``)
_PHRASE_KEYWORDS = keywords("role", "position", "opening", "candidate", "hire", "contributor")  # its last word
# its first word ("in your role as")
_WHO_KEYWORDS = keywords("hiring", "seeking", "looking for", "recruiting", "role", "as our", "join")
_YOUR_ROLE = "in your "  # (before "role" in that branch)
_TITLE_KEYWORDS = keywords("title", "role", "position")  # after _TITLE_LEAD and "job "
_INTERN_KEYWORDS = keywords("internship")
_TITLED_KEYWORDS = keywords("opportunity for", "role of")  # its first words
_THIS_IS_KEYWORDS = keywords("this is a")
_AS_A_KEYWORDS = keywords("as a")  # (and "as an")
_TEXT_KEYWORDS = tuple(
    dict.fromkeys(
        _PHRASE_KEYWORDS
        + _WHO_KEYWORDS
        + _TITLE_KEYWORDS
        + _INTERN_KEYWORDS
        + _TITLED_KEYWORDS
        + _THIS_IS_KEYWORDS
        + _AS_A_KEYWORDS
    )
)  # (every match holds one)
_LABEL_KEYWORDS = keywords("level", "seniority")
# a board's "Experience: Mid", a level word on its own line (not of years: "Experience: 5 years")
_EXPERIENCE_WORD_RE = Regex(
    r"^[ \t*•-]{0,6}experience[ \t]{0,3}:[ \t]{0,3}(?P<word>junior|mid|regular|senior|lead|expert)[ \t]*$", re.I | re.M
)
_EXPERIENCE_WORD_KEYWORDS = keywords("experience:")
_BOARD_WORDS = {"regular": "mid", "expert": "senior"}  # Poland's boards' mid and senior
_ENTRY_RE = Regex(r"\s{0,3}entry\b", re.I)
_LEVEL_SUFFIX_RE = Regex(r"(?:(?<=senior)|(?<=staff)|(?<=principal))[- ]level$", re.I)
# job-board blocks: "Experience level: Senior", LinkedIn's "Seniority level\nEntry level"
_SENIORITY_LABEL_RE = Regex(
    # (the value on the next line too, and a board's several levels a line each: "Experience level:\nMid-Level\nSenior")
    # (in bold, after a bar, or a blank line on: "**Seniority level:** Director", "Level | Junior")
    r"\b(?:experience level|seniority(?: level)?|level)[ \t*]{0,3}"
    r"(?:[:|][ \t*]{0,3}(?:\n[ \t]{0,3}){0,2}|\n(?:[ \t]{0,3}\n)?)[ \t*]{0,3}"
    r"(?P<label>[\w -]{3,30}"
    r"(?:\n[ \t]{0,3}(?:junior|mid|senior|lead|manager|principal|staff|entry|intern)\b[\w -]{0,12}){0,4})|"
    # (or among a board's facts on one line: "Full-time · Entry level")
    r"[·|][ \t]{0,3}(?P<fact>entry[ -]level)\b",
    re.I,
)


@cache
def _text_reaches() -> tuple[tuple[int, int], ...]:
    """(before, after) a keyword of each branch of _SENIORITY_TEXT_RE, as ``_text_matches`` pairs
    them with its words (worked out on first use, not on import)."""
    reach = _SENIORITY_TEXT_RE.reach_of()
    assert reach is not None
    around = reach[1]  # what the lookarounds and a word boundary read past a match

    def width(pattern: str) -> int:
        return longest(pattern, re.I | re.M)

    return (
        (width(_PHRASE_LEAD), width(_PHRASE_END) + around),
        (len(_YOUR_ROLE), width(_WHO) + around),
        (width(_TITLE_LEAD) + len("job "), width(_TITLE_LINE) + around),
        (width(_INTERN), width(_INTERN) + around),
        (0, width(_TITLED) + around),
        (0, width(_THIS_IS) + around),
        (0, width(_AS_A) + around),
    )


def _text_matches(scan: Scan) -> Iterator[re.Match[str]]:
    """``_SENIORITY_TEXT_RE.finditer(text)``, searched near each branch's words within that
    branch's reach: a phrase back from its last word, "hiring …" on from its first, a title line
    on from its label. And "role" or "position" starts the two long branches only where they
    can: after "in your ", or near a line's start. (Every word within the longest match either
    side read a sixth of a posting: "role", "position" and "candidate" are everywhere in one.)"""
    lower = scan.lower
    if lower is None:  # (no keyword can be trusted: the text whole)
        return scan.finditer_reaching(_SENIORITY_TEXT_RE, ())
    phrase, who, title, intern, titled, this_is, as_a = _text_reaches()
    starts = scan.starts
    text = scan.text

    def your_role_at(at: int) -> bool:
        return at >= len(_YOUR_ROLE) and lower.startswith(_YOUR_ROLE, at - len(_YOUR_ROLE))

    return scan.finditer_reaching(
        _SENIORITY_TEXT_RE,
        [
            (starts(_PHRASE_KEYWORDS), *phrase),
            ([at for at in starts(_WHO_KEYWORDS) if not lower.startswith("role", at) or your_role_at(at)], *who),
            # (at most _TITLE_LEAD and "job " between a line's start and its label)
            ([at for at in starts(_TITLE_KEYWORDS) if at - text.rfind("\n", 0, at) - 1 <= title[0]], *title),
            (starts(_INTERN_KEYWORDS), *intern),
            (starts(_TITLED_KEYWORDS), *titled),
            (starts(_THIS_IS_KEYWORDS), *this_is),
            (starts(_AS_A_KEYWORDS), *as_a),
        ],
    )


# what follows a contact's job title in a posting's contact details (NHS Jobs lists them so)
_CONTACT_RE = Regex(
    r"^\s{0,6}(?:e-?mail(?: address)?|telephone(?: number)?|phone(?: number)?|tel)\s{0,3}:", re.I | re.M
)
_CONTACT_REACH = 40


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


def _stated_level(match: re.Match[str]) -> str | None:
    """The level a match of _SENIORITY_TEXT_RE states."""
    if match.group("intern"):
        return "intern"
    phrase = match.group("phrase")
    if phrase:  # "a senior-level role", "a staff-level position": the level word itself
        phrase = _LEVEL_SUFFIX_RE.sub("", phrase).lower()
        if phrase in ("senior", "staff", "principal"):
            return phrase
    named = match.group("this") or match.group("as_a")
    if named:  # ("a senior-level position", "a staff-level position": the level word itself)
        word = named.split()[0]
        named = _LEVEL_SUFFIX_RE.sub("", word) + named[len(word) :]
        if named.lower() in ("senior", "staff", "principal", "lead"):
            return named.lower()
    return _seniority_in(match.group("label") or phrase or match.group("who") or match.group("titled") or named or "")


def read_seniority(title: str | None, scan: Scan) -> str | None:
    """intern, junior, mid, senior, staff, principal, lead, manager or director: from the title, else
    from what the text states for this job ("This is a Principal … position" and "As a Senior …,
    you" before all else; then the first of "Role: Senior …", "hiring a senior engineer", "this
    internship"), else from a job board's level label. Never guessed from the years asked."""
    if title:
        if _LEVEL_SPAN_RE.search(title):
            return None
        level = _seniority_in(title)
        if level:
            return level
    first = None
    for match in _text_matches(scan):
        if match.group("label") and _CONTACT_RE.search(scan.text, match.end(), match.end() + _CONTACT_REACH):
            continue  # the title of the person to contact: "Name: … Job Title: Lead Nurse E-mail address: …"
        level = _stated_level(match)
        if level and (match.group("this") or match.group("as_a")):
            return level  # the job's level in so many words
        first = first or level
    if first:
        return first
    for match in scan.finditer(_SENIORITY_LABEL_RE, _LABEL_KEYWORDS):
        label = match.group("label") or match.group("fact")
        if _LEVEL_SPAN_RE.search(label) or sum(1 for _, regex in _SENIORITY_TITLE if regex.search(label)) > 1:
            return None  # a board's levels, more than one: "Experience level: Mid-Level Senior"
        # (a board's "Level: Entry"; "entry" alone is no level word in a title: "Data Entry Clerk")
        level = _seniority_in(label) or ("junior" if _ENTRY_RE.match(label) else None)
        if level:
            return level
    board = next(scan.finditer(_EXPERIENCE_WORD_RE, _EXPERIENCE_WORD_KEYWORDS, before=6), None)
    if board is None:
        return None
    word = board.group("word").lower()
    return _BOARD_WORDS.get(word) or _seniority_in(word)
