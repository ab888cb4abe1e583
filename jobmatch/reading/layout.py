"""Text → layout, once per posting: its sections (where requirements, preferences, duties and
boilerplate start and end), its clauses and paragraphs, and where equal-opportunity wording
sits. Every field reader looks positions up here (a binary search) instead of scanning the text
again, so reading a posting costs time in proportion to its length.
"""

from __future__ import annotations

import bisect
import heapq
import re
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from .cues import (
    ANY_DEGREE_RE,
    CUE_KEYWORDS,
    DEGREE_KEYWORDS,
    DEGREE_PATTERNS,
    EEO_KEYWORDS,
    EEO_RE,
    EXCLUDED_RE,
    MUST_RE,
    NEGATED_RE,
    PREFERRED_RE,
    REQUIRED_RE,
)
from .scan import Regex, Scan, lower_or_none

__all__ = [
    "BOILERPLATE", "DUTIES", "JOB_NOUNS", "PREFERRED", "REQUIRED", "YEARS_FIGURE_RE", "Layout", "Section",
    "find_sections",
]  # fmt: skip

REQUIRED, PREFERRED, DUTIES, BOILERPLATE = "required", "preferred", "responsibilities", "boilerplate"


@dataclass(frozen=True)
class Section:
    """A stretch of the posting under one header: ``kind`` is required, preferred,
    responsibilities, boilerplate, or None for text before any header or under an unknown one."""

    start: int
    end: int
    kind: str | None
    header: str


# the last word of a job's title ("Senior Data Engineer", "Project Manager", "Staff Nurse")
JOB_NOUNS = (
    r"manager|engineer|developer|analyst|scientist|designer|architect|administrator|consultant|specialist|"
    r"coordinator|officer|assistant|technician|representative|associate|director|intern|nurse|accountant|"
    r"advisor|adviser|lead|programmer|tester|researcher|strategist|executive|supervisor|practitioner"
)
_HEADER_KINDS: list[tuple[str, str]] = [
    (
        PREFERRED,
        # ("Preferred Job Qualifications", "Preferred Educational Requirements", "Preferred Education & Experience")
        r"nice[- ]to[- ]haves?|(?:preferred|desired|desirable|additional|bonus|optional)\s*"
        r"(?:(?:job|education(?:al)?)\s*(?:(?:and|&)\s*)?)?"
        r"(?:qualifications?|skills|experience|requirements|criteria|points|characteristics|attributes)?|"
        r"bonus points?|pluses|"
        r"(?:it'?s |would be )?(?:a )?(?:big )?plus|good to have|great to have|extra credit|ideally|even better|"
        r"nice if you (?:also )?have|we'?d love (?:it )?if you (?:also )?have|brownie points|"
        r"what would make you stand out|"
        # ("What Will Put You Ahead", "What sets you apart")
        r"what (?:will |would )?(?:put you ahead|sets? you apart)|"
        r"you'?ll stand out (?:if|with)|standout",
    ),
    (
        REQUIRED,
        r"(?:(?:minimum|basic|required|essential|key|core|must[- ]have|job|technical|the|entrance)\s*){0,2}"
        r"(?:qualifications?|requirements|skills|criteria|competenc(?:ies|e)|experience)"
        r"(?:\s*(?:and|&)\s*(?:qualifications|requirements|skills|experience|education))?|"
        # ("Qualification: B.E./B.Tech in Computer Science", "Eligibility Criteria")
        r"eligibility(?: criteria)?|"
        r"what you(?:'ll)? (?:bring|need|have)|what we(?:'re| are)? look(?:ing)? for(?: in (?:you|a candidate))?|"
        # ("We Require", as a county's postings head their requirements)
        r"(?:what )?we require|"
        # (a heading asked as the reader would: "What do I need to have?")
        r"what (?:do|will) (?:i|you) need(?: to (?:have|bring|know))?|"
        r"who (?:you are|we'?re looking for)|"
        r"about you|must[- ]haves?|you have|you bring|you'?ll need|your (?:skills|profile|experience|background)|"
        r"(?:the )?ideal candidate|"
        r"about (?:the|you as (?:the|a)|our) (?:ideal |successful )?(?:candidate|applicant|person)|"
        r"what we need|you should have|to (?:succeed|be successful)(?: in this role)?|"
        r"skills required|essential criteria|person specification|candidate profile|requirements? (?:&|and) skills|"
        r"(?:experience|education|educational|skill|technical) requirements|education(?:al background)?|"
        # ("Knowledge, Skills and Abilities", "Skills & Abilities", "Required Education and Experience")
        r"(?:knowledge,?\s*)?skills,?\s*(?:and|&)\s*abilities|(?:required|minimum) education (?:and|&) experience|"
        r"education (?:and|&) (?:experience|training|qualifications)|licen[cs]es?(?: (?:and|&) certifications?)?|"
        r"certifications?(?: (?:and|&) licen[cs]es?)?",
    ),
    (
        DUTIES,
        # ("Essential Duties and Responsibilities", "Roles & Responsibilities", "Job Duties", "Essential Functions")
        r"(?:(?:key|main|your|primary|essential|major|principal|core|general|job|supervisory)\s+)?"
        r"(?:roles?\s*(?:and|&)\s*|duties\s*(?:and|&)\s*)?(?:responsibilities|duties|tasks|functions|accountabilities)|"
        r"what you(?:'ll| will) (?:do|be doing|work on)|what will (?:i|you) be doing|what will i do|"
        r"(?:the |your )?role|role overview|"
        r"about (?:the|this|your) (?:role|job|position|team|opportunity|vacancy|post)|"
        # the project a contractor joins is the job ("About the project: stack: Java, Spring"), and so
        # is the job's own title ("About the Project Manager:", "About the Senior Data Engineer")
        r"about (?:the|this|our) project|"
        r"about (?:the|this) (?:[\w&/+-]+ ){0,3}(?:" + JOB_NOUNS + r")(?: (?:role|position|job|opportunity))?|"
        r"day[- ]to[- ]day|in this role|"
        r"your (?:mission|impact)|the job|(?:job|position|role) (?:description|summary|overview|details)|"
        r"main duties of the job|overview|"
        r"summary|the opportunity|the position|what the job involves|how you'?ll contribute",
    ),
    (
        BOILERPLATE,
        r"about (?:us|the company|[A-Z][\w&.' -]{1,40})|who we are|our (?:company|story|mission|values|culture|team)|"
        r"company (?:description|overview|profile|information|info)|"
        r"(?:our |the |employee )?benefits?(?: (?:and|&) perks)?|perks(?: (?:and|&) benefits)?|"
        r"what we(?:'ll| will| can)? offer(?: you)?|what you(?:'ll| will)? get(?! to\b)(?: in return)?|"
        r"what(?:'s| is) in it for you|in return(?:,? we(?:'ll| will)? offer(?: you)?)?|our offer|"
        r"(?:total )?rewards?(?: (?:and|&) (?:benefits|recognition))?|"
        r"why (?:join us|you'?ll love|work (?:with|for) us|us)|compensation(?: (?:and|&) benefits)?|pay and benefits|"
        r"equal (?:opportunity|employment)(?: employer)?|eeo(?: statement)?|diversity(?: (?:and|&) inclusion)?|"
        r"how to apply|next steps|our commitment|life at [\w ]+|working (?:here|at [\w ]+)|"
        # (not the accounts a list intro names: "Accounts payable: 1 year", "Payroll: 2 years")
        r"(?:salary|pay(?!able|roll))(?: range)?|additional information|accessibility|privacy notice",
    ),
]
# a kind at a time, in this order: the first kind whose pattern matches is the line's (as one
# alternation of them in named groups would say, but that one cost as much again to compile)
_HEADER_RES = [(kind, Regex(rf"(?:{pattern})", re.IGNORECASE)) for kind, pattern in _HEADER_KINDS]


def _case_sensitive_twin(regex: Regex) -> Regex:
    """``regex`` (case-insensitive, lower-case words, "[A-Z]" its only cased class) for a text
    already lowered (``lower_or_none``): the same matches, several times faster, as ``re`` then
    compares characters as they are and skips ahead on the words' first letters. (Both are
    compiled on first use: the case-blind ones only for a line that does not lower in place.)"""
    return Regex(regex.pattern.replace("[A-Z]", "[a-z]"), regex.flags & ~re.IGNORECASE)


_LOWER_HEADER_RES = [(kind, _case_sensitive_twin(regex)) for kind, regex in _HEADER_RES]
# a list intro with no colon: "You'll go above and beyond our minimum qualifications if you"
_INTRO_END_RE = Regex(r"\bif you(?: have| are| also have)?$", re.IGNORECASE)
# a list intro of what the job does: "In our team you will:", "In this role you'll:"
_DUTIES_INTRO_RE = Regex(r"\byou(?:'ll| will)(?: be| get to)?\W*$", re.IGNORECASE)
_PREFERRED_INTRO_RE = Regex(r"\babove and beyond\b|\bset you apart\b|\bstand out\b", re.IGNORECASE)
# what decorates a header line, before and after its words: white space (``re``'s ``\s``, all of
# it), markdown's marks, bullets and rules ("## Requirements:", "**Benefits**", "— Perks —")
_SPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_DECOR_BEFORE, _DECOR_AFTER = _SPACE + "#*_>•-–—=|", _SPACE + "*_:#=|?-–—.…"


def _symbol(char: str) -> bool:
    """Whether ``char`` is a sign beyond ASCII that is no letter or digit (an emoji, "✅", "➤")."""
    return char > "\x7f" and not char.isalnum()


_SYMBOLS_AROUND_RE = re.compile(r"^[^\w\s\"'(\[]+|[^\w\s.)\]?!:\"']+$")


def header_kind(line: str) -> tuple[str | None, bool]:
    """The section kind a line (stripped) opens (``REQUIRED``, ``BOILERPLATE``…, or None), and
    whether it is a section's header at all ("Requirements", "About the job", "Overview:")."""
    if len(line) > 95:
        return None, False
    if "\\" in line or "\u2019" in line or "\ufffd" in line:
        # scraped markdown's escapes ("Reward \& Security"), curly apostrophes, and an apostrophe a wrong
        # decoding left as U+FFFD ("What You\ufffdll Bring")
        line = line.replace("\\", "").replace("\u2019", "'").replace("\ufffd", "'")
    label = line.lstrip(_DECOR_BEFORE).rstrip(_DECOR_AFTER)
    if label and (_symbol(label[0]) or _symbol(label[-1])):
        # an emoji or a sign beside the words: "**✅ What we're looking for**", "🎯 What you'll do"
        label = _SYMBOLS_AROUND_RE.sub("", label).strip(_DECOR_BEFORE + _DECOR_AFTER)
    if not label:
        return None, False
    # a label that lowers in place is matched lowered, case-sensitively; an odd one as written
    lowered = lower_or_none(label)
    header_res = _HEADER_RES if lowered is None else _LOWER_HEADER_RES
    if len(label) <= 70:
        subject = label if lowered is None else lowered
        for kind, regex in header_res:
            if regex.fullmatch(subject):
                return kind, True
        if subject.endswith(")") and (bracketed := _BRACKETED_RE.fullmatch(subject)) is not None:
            # a header with a word on its kind in brackets: "Who You Are (Basic Qualifications)", "Skills
            # (Preferred)"; not a line a job board marks so ("Python: 2 years (Preferred)", "Bachelor's (Required)")
            base = next((kind for kind, regex in header_res if regex.fullmatch(bracketed.group(1))), None)
            inner = next((kind for kind, regex in header_res if regex.fullmatch(bracketed.group(2))), None)
            if base is not None:
                return inner or base, True
            if inner is not None and not _MARK_WORD_RE.match(bracketed.group(2)) and not _DIGIT_RE.search(subject):
                # or a section's name in brackets after words of the employer's own: "Do you have the right
                # ingredients? (Requirements)", "About this role: (Responsibilities)"; not a board's mark
                # of how strongly it asks ("Bachelor's (Required)")
                return inner, True
    # (_INTRO_END_RE searched only where its "you" stands: it would try every position of the line)
    intro = label.lower() if lowered is None else lowered
    if (line.rstrip().endswith(":") or ("you" in intro and _INTRO_END_RE.search(label))) and len(label) <= 90:
        # a list intro: "Bonus points if you have:", "To succeed you must have:"
        # (and what is "not required", "valued but not essential": a preference)
        if PREFERRED_RE.search(intro) or _PREFERRED_INTRO_RE.search(intro) or NEGATED_RE.search(intro):
            return PREFERRED, True
        if MUST_RE.search(intro) or REQUIRED_RE.search(intro):
            return REQUIRED, True
        # what the job does: "In our team you will:" (not the team's "about us"), "In this role, you'll:"
        duties = _DUTIES_INTRO_RE.search(intro) is not None
        for kind, regex in header_res:
            if regex.search(label if lowered is None else lowered):
                return (DUTIES if duties and kind == BOILERPLATE else kind), True
        if duties:
            return DUTIES, True
    return None, False


# a heading of one topic ("Experience", "Education"): inside a list of preferences, a part of it
_TOPIC = r"(?:experience|education|(?:technical )?skills|certifications?|licen[cs](?:es?|ure)|training)"
_TOPIC_HEADER_RE = re.compile(rf"[\W_]*{_TOPIC}[\W_]*", re.IGNORECASE)
# or of several ("EDUCATION, CERTIFICATION, AND/OR LICENSURE:"), right under the preferences' own heading
_TOPICS_HEADER_RE = re.compile(rf"[\W_]*{_TOPIC}(?:\s*[,&/]?\s*(?:and/or|and|or)?\s*{_TOPIC})+[\W_]*", re.IGNORECASE)


def _under(found: str | None, header: str, kind: str | None, *, first: bool = False) -> str | None:
    """The kind of a section headed ``header`` (``found``) that follows one of ``kind``: a topic's
    heading inside preferences goes on preferring ("What Will Put You Ahead … Experience: 10+ years"),
    and the first heading under theirs goes on, of several topics too ("PREFERRED QUALIFICATIONS:
    EDUCATION, CERTIFICATION, AND/OR LICENSURE:"). (``first``: nothing stands between the two headings.)"""
    if kind != PREFERRED or found != REQUIRED:
        return found
    if _TOPIC_HEADER_RE.fullmatch(header) or (first and _TOPICS_HEADER_RE.fullmatch(header)):
        return PREFERRED
    return found


_BRACKETED_RE = re.compile(r"(.{2,50}?)\s*\(([^()]{2,40})\)")
_DIGIT_RE = re.compile(r"\d")


# a figure of years: what follows the label of a job board's line of years in a skill ("QuickBooks:
# 2 years (Required)"), and what ends a degree's fields ("B.Tech/MCA with 3+ years in Java")
YEARS_FIGURE_RE = Regex(r"\d{1,2}\s{0,3}\+?\s{0,3}(?:years?|yrs?)\b", re.IGNORECASE)
# a line this long holds a whole posting; a company's blurb at its start runs this far at most
_WHOLE_POSTING_LINE = 1500
_BLURB = 800
# an inline label that states one fact of the job, on its line: pay, place, hours, dates, type
_FACT_LABEL_RE = re.compile(
    r"[\W_]*(?:[\w&-]+[\s/–—-]{1,3}){0,3}(?:salary|pay|pay rate|rate|wages?|compensation|location|hours|"
    r"schedule|shift|job type|contract|duration|start date|closing date|grade|band)(?:[\s/–—-]{1,3}[\w&-]+){0,3}"
    r"[\W_]*",
    re.IGNORECASE,
)
# where that fact ends in a line that scraping glued to the next: a sentence's end, a lower-case
# word glued to a capital ("…per hourJob Type"), or a figure glued to one ("£47,000Requirements")
_LABEL_END_RE = re.compile(r":|\s?[·∙](?=\s)")
# the end of a list's intro: "You could be right for this opportunity if you have:", "What you'll need"
_LONG_INTRO_RE = re.compile(
    r"\b(?:if you(?: have| are| also have)?|you(?:'ll| will)? (?:need|have|bring)|we(?:'re| are) looking for|"
    r"you should have|we need)\W*$",
    re.IGNORECASE,
)
# (where a line's one fact ends: a sentence's end, spaced or glued to the next ("…based on base pay and
# bonuses.High school diploma required"), a word glued to the next line's capital, or the next label
# on the line: "Salary: £105,000 - 130,000 per year Requirements: We are looking for 4+ years")
_FACT_END_RE = re.compile(
    r"[.;!?](?=\s+[A-Z])|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])|(?<=[a-z0-9)])(?=[A-Z][a-z])|"
    r"(?<=[\w)]) (?=[A-Z][a-z]+(?: [A-Za-z&]+){0,2}:\s)"
)


# A stretch of text this long with no break of its kind (no line break, no clause break) was scraped
# flat: longer than a sentence or a paragraph's line runs
_FLAT = 250
# A header inside a line that holds a posting scraped flat (over _FLAT characters): "…with
# stakeholders Requirements To be successful…", "…as needed. Preferred Qualifications: Hands on
# experience with Kotlin". Words in title case after a word in lower case or a sentence's end, before
# a capital, a figure or a bullet; not after a word that leads on ("meet the Requirements of", "in
# Education Technology"). A header of up to four words: the longest that is one, its last word cut
# where scraping glued the next on ("Minimum Entrance RequirementsA Bachelor's degree"). Not a
# label of one fact ("Salary Range: $175,000"); and the company's part ("About Us", "Benefits") runs
# _BLURB characters at most, as the part it interrupts goes on after it.
# (the capital first, so that ``re`` skips ahead to one; the end of a header in the pattern, so that
# most capitals are turned away there: before a capital, a figure or a bullet, at the line's end, or
# where a word runs into the next, "POSITIONReporting", "SkillsDemonstrated")
_INLINE_HEADER_RE = re.compile(
    # (or a header's word of how strongly it asks, glued to the line before: "…in clinical
    # specialtyPreferred Educational Requirements: Bachelor of Nursing")
    r"[A-Z](?:(?<=[a-z0-9.)!?] [A-Z])|(?<=[a-z][PDRM])(?=(?:referred|esired|esirable|equired|inimum) [A-Z]))"
    r"[\w'’/&-]*(?: (?:[A-Z][\w'’/&-]*|and|to|of|&)){0,3}"
    r"(?:(?=:?\s+[A-Z0-9•·*(-]|:?\s*$)|(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z]))"
)
# a label of a few words that opens a sentence, inside a line: "… our platform. Requirements:"
_LABEL_IN_LINE_RE = re.compile(r"[.!?] ([A-Z][\w'’/&-]*(?: [\w'’/&-]+){0,5}):(?!/)")  # (not "https://")
_AFTER_HEADER_RE = re.compile(r":?\s+[A-Z0-9•·*(-]|:?\s*$")
_GLUED_TAIL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_BEFORE_A_NAME = frozenset({
    "the", "a", "an", "our", "your", "their", "its", "this", "that", "these", "those", "all", "any", "each",
    "every", "some", "such", "of", "in", "on", "at", "to", "for", "with", "by", "from", "into", "about", "and",
    "or", "as", "no", "my", "his", "her",
})  # fmt: skip


@lru_cache(maxsize=8192)
def _header_of(words: str) -> tuple[str | None, bool]:
    """``header_kind`` of a few words inside a flat line (the same few, again and again)."""
    return header_kind(words)


def _inline_headers(line: str) -> Iterator[tuple[int, str, str]]:
    """(where, kind, header) of each header inside a line of a posting scraped flat."""
    for m in _INLINE_HEADER_RE.finditer(line):
        before = line[line.rfind(" ", 0, m.start() - 1) + 1 : m.start() - 1].strip(".,;:!?()").lower()
        # (the run is a name after "in", "the"…, "in Snowflake", but a header may follow it)
        found = _header_in_run(m.group(), before in _BEFORE_A_NAME)
        if found is not None:
            yield m.start() + found[0], found[1], found[2]


@lru_cache(maxsize=16384)
def _header_in_run(run: str, led_on: bool) -> tuple[int, str, str] | None:
    """(offset, kind, header) of the header a run of capitalised words holds, if any: the longest
    from its first word (unless ``led_on``: a name); else one of two words or more from a later
    word ("Snowflake What You'll Bring"). Not a label of one fact. What follows a header inside the
    run is the run's next word, so the answer is the run's own (kept: runs repeat from posting to
    posting, "Strong SQL", "Nice to Have")."""
    words = run.split(" ")
    for j, word in enumerate(words):  # cut where a word runs into the next
        glued = _GLUED_TAIL_RE.search(word, 1)
        if glued is not None:
            words = [*words[:j], word[: glued.start()]]
            break
    whole = " ".join(words)
    at = 0
    for first, word in enumerate(words):
        if first or not led_on:
            for n in range(len(words), first + (0 if first == 0 else 1), -1):  # the longest first
                head = " ".join(words[first:n])
                if at + len(head) < len(whole) and not _AFTER_HEADER_RE.match(whole, at + len(head)):
                    continue  # (it must end before a capital, a figure, a bullet, or where the run ends)
                found, is_header = _header_of(head)
                if is_header and found is not None:
                    return None if _FACT_LABEL_RE.fullmatch(head) else (at, found, head)
        at += len(word) + 1
    return None


def find_sections(text: str) -> tuple[Section, ...]:
    """The posting cut at its headers: header lines, markdown headings, bold intros that end in a
    colon, and "Requirements: Python, SQL"-style inline labels."""
    sections: list[Section] = []
    start, kind, header = 0, None, ""
    offset = 0
    resume: tuple[int, tuple[str | None, str]] | None = None  # an inline company part's end, the part it broke
    for line in text.splitlines(keepends=True):
        if resume is not None and offset >= resume[0]:  # the part an inline company part broke goes on
            if offset > start:
                sections.append(Section(start, offset, kind, header))
            start, (kind, header) = offset, resume[1]
            resume = None
        # only a short line (or a short label before a colon) can be a header: bounded work a line
        stripped = line.strip() if len(line) <= 200 else line[:100].strip()
        found, is_header = header_kind(stripped) if stripped and len(line) <= 200 else (None, False)
        one_line = 0  # a label of the line's own fact ("Salary: £43,000"): its section ends with it
        # (a label ends at a colon, or at the middle dot a list scraped onto its line opens with:
        # "Valued but not required ...· Bachelor's degree· CRM experience")
        label_end = _LABEL_END_RE.search(stripped, 0, 62) if not is_header else None
        if (
            label_end is not None
            and label_end.start() >= 45
            and not _LONG_INTRO_RE.search(stripped, 0, label_end.start())
        ):
            label_end = None  # (past 45 characters, only a list's intro: "…for this opportunity if you have:")
        if label_end is not None:
            label, rest = stripped[: label_end.start()], stripped[label_end.end() :]
            # (a longer label is no header, whatever it says: not read at all)
            found, is_header = (
                header_kind(label + ":") if len(label) <= 40 or label_end.start() >= 45 else (None, False)
            )
            if found in (BOILERPLATE, DUTIES) and YEARS_FIGURE_RE.match(rest.lstrip()):
                # a job board's line of years in a skill ("Benefits administration: 2 years (Required)")
                # opens no company's part or duties, as "Requirements: 5+ years" opens requirements
                found = None
            is_header = is_header and found is not None
            if (
                is_header
                and found == BOILERPLATE
                and rest.strip()
                and label_end.group() == ":"
                and _FACT_LABEL_RE.fullmatch(label)
            ):
                colon = line.index(":")
                fact = _FACT_END_RE.search(line, colon + 2)  # where scraping glued the next line on, if it did
                one_line = fact.end() if fact is not None else len(line)
        inline = is_header and label_end is not None and bool(rest.strip())
        if not is_header and (glued := _GLUED_HEADER_RE.match(stripped)) is not None:
            # a header glued to the line after it, as scraping loses line breaks: "QualificationsBachelor's…"
            found, is_header = header_kind(glued.group("head"))
            is_header = inline = is_header and found is not None
        if inline and found == BOILERPLATE and not one_line and len(line) > _WHOLE_POSTING_LINE:
            # "About Us: We are…" opening a line that holds the whole posting (scraping kept no line
            # break): the company's part is its start, not the requirements and duties glued after it
            one_line = _BLURB
        if is_header:
            resume = None
            if offset > start:
                sections.append(Section(start, offset, kind, header))
            if one_line:  # then the section it stood in goes on
                sections.append(Section(offset, offset + one_line, found, stripped))
                start = offset + one_line
            else:
                first = not text[start:offset].strip().count("\n")  # (the section before holds its heading only)
                start, kind, header = (
                    offset,
                    _under(found, stripped, kind, first=first) if label_end is None else found,
                    stripped,
                )
        if len(line) > _FLAT:
            inside = [(offset + at, found, head) for at, found, head in _inline_headers(line)]
            # each header inside the line, then its end (where a company part still open may end too)
            for where, found, head in [*inside, (offset + len(line), None, "")]:
                if resume is not None and where > resume[0]:  # the part the company's broke goes on
                    sections.append(Section(start, resume[0], kind, header))
                    start, (kind, header) = resume[0], resume[1]
                    resume = None
                if head and where > start:
                    sections.append(Section(start, where, kind, header))
                    if found == BOILERPLATE:
                        resume = (where + _BLURB, resume[1] if resume is not None else (kind, header))
                    else:
                        resume = None
                    start, kind, header = where, _under(found, head, kind), head
        elif ":" in line:
            # a label that opens a sentence inside a line that is not flat ("…a Senior Data
            # Engineer. Requirements: 5+ years of Python", "…in Leeds. Must have: Java"), not the
            # company's (its end is not known in a line that goes on): the line is cut there
            for m in _LABEL_IN_LINE_RE.finditer(line):
                label = m.group(1)
                found, is_header = header_kind(label + ":")
                where = offset + m.start(1)
                if (
                    is_header
                    and found not in (None, BOILERPLATE)
                    and not _FACT_LABEL_RE.fullmatch(label)
                    and where > start
                ):
                    sections.append(Section(start, where, kind, header))
                    start, kind, header = where, found, label
                    resume = None
        offset += len(line)
    if offset > start or not sections:
        sections.append(Section(start, max(offset, start), kind, header))
    if not any(s.kind == REQUIRED and not _not_the_requirements(s, text) for s in sections):
        # "Preferred Qualifications" over a posting's only list of them: its requirements still
        # (beside a degree's section, "Education and Certifications:", or a "Qualifications" one
        # that only points to them: "Please see Preferred Qualifications.")
        sections = [
            Section(s.start, s.end, REQUIRED, s.header) if s.kind == PREFERRED and _GENERIC_PREFERRED_RE.match(s.header)
            else s
            for s in sections
        ]  # fmt: skip
    return tuple(sections)


# a heading that names a posting's qualifications as preferred out of habit, not "nice to have"
_GENERIC_PREFERRED_RE = re.compile(
    r"[\W_]*(?:preferred|desired)\s+(?:job\s+)?(?:qualifications?|requirements|skills|experience|candidate|profile|"
    r"background|knowledge|education(?:al)?\b(?:\s*(?:and|&)\s*(?:experience|qualifications|requirements|skills))?)\b",
    re.IGNORECASE,
)
# a required section that is not a list of requirements: a degree's or licence's own
_SCHOOLING_HEADER_RE = re.compile(
    r"[\W_]*(?:education|certifications?|licen[cs](?:es?|ure)|credentials?)"
    r"(?:\s*(?:,|and|&|/)\s*(?:education|certifications?|licen[cs](?:es?|ure)|credentials?|training))*[\s:]*",
    re.IGNORECASE,
)
_SEE_PREFERRED_RE = re.compile(r"\bsee (?:the )?(?:preferred|desired) (?:qualifications|requirements)\b", re.I)
# a list of the ways of working an employer values, not its requirements: "Competencies: Communication
# proficiency, Ethical Conduct…"
_COMPETENCIES_HEADER_RE = re.compile(r"[\W_]*(?:(?:core|key|job)\s+)?competenc(?:ies|e)(?-i:(?![a-z]))", re.IGNORECASE)


def _not_the_requirements(section: Section, text: str) -> bool:
    """Whether a required section is not where a posting lists its requirements: a degree's or a
    licence's own ("Education and Certifications:"), a list of competencies, or one that points to the
    preferred ones."""
    return bool(
        _SCHOOLING_HEADER_RE.fullmatch(section.header)
        or _COMPETENCIES_HEADER_RE.match(section.header)
        or _SEE_PREFERRED_RE.search(text, section.start, section.end)
    )


_CUES = {
    "negated": NEGATED_RE, "preferred": PREFERRED_RE, "must": MUST_RE, "strong": REQUIRED_RE, "eeo": EEO_RE,
    "excluded": EXCLUDED_RE,
}  # fmt: skip
_CUE_WORDS = {**CUE_KEYWORDS, "eeo": EEO_KEYWORDS}
# Where one clause ends and the next begins: a sentence end, a semicolon, a line break, or a
# spaced dash ("– 3+ years of Java – Bachelor's degree a plus"); ".\xa0" ends a sentence too, and
# so does one glued to the number of a list's next item, as scraped lists lose their line breaks
# ("…contacts.2.Communications", "(not required, but recommended).3.Flexibility"). A period before
# a word in lower case is an abbreviation's, not a sentence's end ("8+ yrs. of Java", "e.g. SQL");
# one glued to the next sentence's capital is one ("…is preferred.At least 2 years"), or to the
# next item's bullet ("…or related field.- Prior experience in litigation support"), or to one that
# opens with years ("Bachelor's degree in Engineering.2-5 years prior sales experience preferred").
# (one character class first, the conditions after it: ``re`` then skips ahead to candidates in C)
_CLAUSE_BREAK_RE = Regex(
    # (a bullet inside a line opens an item, as scraping glues a list's lines: "competences: • 2 years … • Knowledge")
    # (and a middle dot before a space, or a pipe between spaces, as a list scraped onto a line gives its
    # items: "… · 6+ years …", "…skills· Excellent…", "… | 2-4 years …")
    # (and the bullets a word processor's Symbol font leaves in a copied list: U+F0B7, U+F0A7)
    r"[.;!?\n–—•▪●\uf0b7\uf0a7·∙|](?:(?<=[\n•▪●\uf0b7\uf0a7])|(?<=[·∙])(?=\s)|(?<=\s\|)(?=\s)|(?<=[;!?])(?=\s|$)|"
    r"(?<=\.)(?=$|\s(?![ \t\xa0]*[a-z]{2}))|"
    # (and a header in capitals glued on: "…in Pharmacy.EXPERIENCE: Five (5) years"; a semicolon glued to
    # the next sentence too: "…college/university required;Minimum of 5 years")
    r"(?<=[.!?])(?=\d{1,2}[.)]\s?[A-Z])|(?<=[a-z)][.;!?])(?=[-•·▪*]?\s?[A-Z][a-z]|[A-Z]{3,}\b|[AI]\s)|(?<=\s[–—])(?=\s)|"
    # ("…or related field.6 to 9 years of progressive experience")
    r"(?<=[a-z]\.)(?=\d{1,2}\+?(?:\s?[-–]\s?\d{1,2}\+?|\s(?:to|or)\s\d{1,2}\+?)?\s?(?:years?|yrs?)\b))"
)
# a mark of how the sentence before it asks, standing alone after its period: "Experience with
# Kafka. (Not Required)", "Knowledge of Tableau. Preferred." (of the sentence it follows: no break
# between them); looked for in the few characters up to the next break only
_MARK_AFTER_RE = Regex(
    r"\s{0,3}[(\[]?\s{0,3}(?:(?:highly|strongly)\s{1,3})?(?:(?:not\s{1,3})?(?:required|mandatory|essential|"
    r"necessary)|preferred|preferable|optional|desired|desirable|an?\s{1,3}(?:big\s{1,3})?(?:plus|bonus|advantage)|"
    r"plus|bonus|nice[- ]to[- ]have)\s{0,3}[)\]]?\s{0,3}!?",
    re.I,
)
_MARK_AFTER = 30

# the degrees above school level, each pattern with its words: a clause names one if any of them
# matches in it (the patterns ``degrees`` runs anyway, not one more alternation of them all)
_HIGHER_DEGREES = [
    (regex, *DEGREE_KEYWORDS[level])
    for level, regex in [*DEGREE_PATTERNS, ("any", ANY_DEGREE_RE)]
    if level != "high_school"
]
_PARAGRAPH_BREAK_RE = Regex(r"\n(?=\n)")
# a figure of years glued to a word in lower case, as a lost line break leaves it: "…not required10 – 15 years"
# (the figure first: ``re`` skips ahead to digits)
_GLUED_YEARS_RE = re.compile(r"\d(?<=[a-z]{4}\d)(?=\d?\+?\s?(?:[-–]\s?\d{1,2}\+?\s?)?(?:years?|yrs?)\b)")
_BULLETS = frozenset("•-*·▪●◦‣–")
# A line break scraping lost between two words: a word in lower case, or a header ("Qualifications",
# "Job Description"), or a closed bracket ("(preferred)Strong SQL") glued to the capital of the next
# ("skillsAbility to…", "insurancePaid time off", "QualificationsBachelor's degree"). Not a name
# written so ("JavaScript", "PowerPoint", "iPhone"): a word of lower case before the capital has
# four letters at least, a capitalised one must be a header. (Candidates first: a small letter
# before a capital is rare in prose; the capital first, a faster scan.) Or to an abbreviation in
# capitals: "…or related fieldCPA certification…", "…planning experienceC.P.I.M certificate…"
# (after a word all in lower case only: not "PostgreSQL", "DynamoDB"). Or a word in capitals to a
# capitalised one: "High school diploma or GEDAuthorization to work", "CERTIFICATIONSBachelor's degree".
_GLUED_CANDIDATE_RE = re.compile(
    r"[A-Z](?:(?<=[a-z][A-Z])(?=[a-z]{2}|[A-Z]{1,5}\b|\.[A-Z]\.)|(?<=\)[A-Z])(?=[a-z])|(?<=[A-Z]{2}[A-Z])(?=[a-z]{3}))"
)
_HEADER_BEFORE_RE = re.compile(r"(?:[A-Z][a-z]+ ){1,2}$")
_LONG_WORD_RE = re.compile(r"[A-Z][a-z]{5,}\b")
# (a header of a few capitalised words, "and"/"&"/"of" between them: "Skills & QualificationsBachelor's…",
# or glued to a figure: "Qualifications4+ years of Java", not "Windows10" or "Office365", no header;
# or to a short word: "QualificationsA Master's Degree", "Role DescriptionTo assess and treat")
_GLUED_HEADER_RE = re.compile(
    r"(?P<head>(?:[A-Z][a-z]+ (?:(?:and|&|of|to) )?){0,3}[A-Z][a-z]{3,})(?=[A-Z][a-z]{2}|[A-Z][a-z]?\s|\d)"
)


# A list scraped into one run of words, its line breaks lost and nothing glued ("…1+ years of
# accounting experience ERP system experience Top notch analytical skills Great attention to
# detail…"): in a stretch longer than a sentence runs (_FLAT characters with no clause break), a
# capitalised word opening a phrase after a word in lower case opens the next item. Not after a word
# that leads on ("experience with Microsoft Excel", "3 years Nursing experience"), nor inside a
# name of capitals ("Customer Service"), nor a job board's mark of what precedes it ("respiratory
# therapy Preferred and…"), nor one the next words join to ("Python and Go").
# (the space first, the letter before it looked back at from there: ``re`` then skips ahead to a
# space in C, where a pattern that opens with a look behind is tried at every position)
_RUN_ON_CANDIDATE_RE = re.compile(r" (?<=[a-z] )(?=[A-Z][a-z]+ [a-z]{3})")
# an item that opens with years ("Proficient in Microsoft Excel 10+ years' experience in accounting")
_RUN_ON_YEARS_RE = re.compile(r" (?<=[A-Za-z] )(?=\d{1,2}\+?(?:\s?[-–]\s?\d{1,2}\+?)?\s?(?:years?|yrs?)\b)")
# a dash between spaces before a capital: the bullet of a list scraped onto one line
_RUN_ON_DASH_RE = re.compile(r"(?<=\S) [-–] (?=[A-Z])")
_BEFORE_A_FIGURE = frozenset({"minimum", "min", "least", "than", "approximately", "around", "about", "additional"})
_LEADING_ON = frozenset({
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "and", "or", "nor", "but", "by", "from", "as",
    "into", "like", "using", "via", "including", "such", "than", "per", "about", "across", "within", "is", "are",
    "be", "our", "your", "their", "its", "this", "that", "these", "those", "especially", "particularly",
    "vs", "over", "under", "between", "among", "through", "towards", "toward", "upon", "without", "use", "uses",
    "used", "knows", "know", "year", "years", "yr", "yrs", "month", "months",
    # verbs that lead on to what they ask: "Good to have Experience with Kafka"
    "have", "has", "having", "need", "needs", "require", "requires", "want", "prefer", "love",
})  # fmt: skip
_MARKS_BEFORE = frozenset({
    "preferred", "required", "desired", "desirable", "optional", "mandatory", "essential", "necessary",
    "preferable", "needed", "helpful", "beneficial", "advantageous",
})  # fmt: skip
_JOINING = frozenset({"and", "or"})


def _run_on_breaks(text: str, breaks: Sequence[int]) -> Iterator[int]:
    """Where an item of a list scraped into one run of words starts (see ``_RUN_ON_CANDIDATE_RE``), in
    the stretches longer than ``_FLAT`` between clause ``breaks`` (words glued by a lost line break
    within a stretch only say that its list lost its line breaks)."""
    left = 0
    for right in (*breaks, len(text)):
        if right - left > _FLAT:
            for m in _RUN_ON_CANDIDATE_RE.finditer(text, left, right):
                p = m.start()
                word = text[text.rfind(" ", left, p) + 1 : p]
                if not word.islower() or word in _LEADING_ON:
                    continue
                q = text.find(" ", p + 1)
                if text[p + 1 : q].lower() in _MARKS_BEFORE:
                    continue
                r = text.find(" ", q + 1)
                if text[q + 1 : r if r > 0 else len(text)].strip(",.;:").lower() in _JOINING:
                    continue
                yield p + 1
            for m in _RUN_ON_DASH_RE.finditer(text, left, right):
                # (a list's dash: "… Who you are - 6 months of B2B sales … - Coachable …"; not the
                # mark of the item before it, "Kafka - Preferred")
                mark = _MARK_AFTER_RE.match(text, m.end() - 1)
                if mark is None or text[mark.end() : mark.end() + 1].isalpha():
                    yield m.end()
            for m in _RUN_ON_YEARS_RE.finditer(text, left, right):
                p = m.start()
                word = text[text.rfind(" ", left, p) + 1 : p].lower()
                if word not in _LEADING_ON and word not in _BEFORE_A_FIGURE:
                    yield p + 1
        left = right + 1


def _glued_breaks(text: str) -> Iterator[int]:
    """Where a lost line break parts two glued words: the second's start (in order); a figure of
    years glued to a word too ("…but not required10 – 15 years of accounting experience")."""
    return heapq.merge((m.start() for m in _GLUED_YEARS_RE.finditer(text)), _glued_words(text))


def _glued_words(text: str) -> Iterator[int]:
    """``_glued_breaks`` between two words."""
    for m in _GLUED_CANDIDATE_RE.finditer(text):
        p = m.start()
        if text[p - 1] == ")":  # "(highly preferred)Strong research skills", "(CPA)Strong knowledge"
            yield p
            continue
        k = p - 1
        while k > 0 and p - k < 30 and text[k - 1].isalpha():
            k -= 1
        word = text[k:p]
        if k > 0 and (text[k - 1].isalnum() or text[k - 1] in "'’_"):
            continue  # inside a longer token: "C3PO", "don'tKnow"
        if word.islower():
            if len(word) >= 4:
                yield p
        elif word.isupper():  # a word in capitals glued to the next ("…or GEDAuthorization to work")
            if len(word) >= 2:
                yield p
        elif len(word) >= 4 and word[0].isupper() and word[1:].islower():
            if header_kind(word)[1]:
                yield p
            elif len(word) >= 6 and _LONG_WORD_RE.match(text, p):
                # two long words, not a name made of two ("PowerPoint", "JavaScript", "LinkedIn"): "…in
                # Accounting or FinanceRelevant certifications…", "High School Diploma/EquivalencyCollege degree"
                yield p
            else:  # "Job DescriptionThis role"
                more = _HEADER_BEFORE_RE.search(text, max(0, k - 30), k)
                if more is not None and header_kind(more.group() + word)[1]:
                    yield p


# A preference that qualifies what comes before it with what follows: "5+ years of experience,
# preferably in fintech", "a Bachelor's degree, ideally in Computer Science", "Python (preferably
# with Django)", "experience preferably in healthcare": the years, the degree and Python are asked
# for as the clause asks, the fintech, the field and Django are the preference. Not a preference
# that ends its clause ("Banking experience, preferably."): that one is of what comes before it.
_QUALIFIER_RE = re.compile(
    r"(?:[,;(–—]|\s-)\s*(?:and\s+|but\s+)?(?:preferably|ideally|optimally)\b(?=,?\s+\w)|"
    # ("…with HTML, CSS, TypeScript and ideally modern frameworks")
    r"\s(?:and|but)\s+(?:preferably|ideally|optimally)\b(?=,?\s+\w)|"
    # ("4+ years of experience in marketing ideally within B2B software")
    r"\b(?:preferably|ideally)\s+(?=(?:in|with|within|on|using|from|at|for|a|an)\s)",
    re.IGNORECASE,
)
# A phrase added with ", with", a figure or a short tail that holds a preference of its own: "5+ years of
# recent experience in a similar role, with a background in B2B marketing strongly preferred", "Strong
# SQL, with dbt a plus", "3 years of experience required, 5 preferred"
_ADDED_RE = re.compile(
    r",\s*(?:and\s+)?(?:with\s|(?=\d)|"
    # or, after years asked for, a short tail that is its own preference: "2+ years of payroll
    # experience, ADP preferred" (a list's last item does not: "Python, Java, or Go preferred")
    r"(?P<tail>(?!\s*(?:or|and)\b)(?=[^,;()]{1,40}?\b(?:preferred|desired|desirable|a plus|an advantage|a bonus|"
    r"nice to have)\b[\s.!]*$)))",
    re.IGNORECASE,
)
_YEARS_WORD_RE = re.compile(r"\b(?:years?|yrs?)\b", re.IGNORECASE)
_CLOSED_LIST_RE = re.compile(r",\s*(?:and|or)\s[^,]{1,80}$", re.IGNORECASE)
# a tail that names what it prefers ("…, B2B preferred"), not a bare mark of the whole ("…, preferred")
_NAMED_TAIL_RE = re.compile(
    r",\s*(?:and\s+)?\w[^,;()]{0,38}?\s(?:preferred|desired|desirable|a plus|an advantage|a bonus)", re.I
)
# a part that ends in its own mark of a requirement, before a short tail that prefers something
# else: "Python (required), Go preferred", "B.S. in Mechanical Engineering required, M.S. preferred"
_REQUIRED_MARK_END_RE = re.compile(
    r"(?:\(\s*(?:required|mandatory|essential|a must)\s*\)|\b(?:required|mandatory|essential|a must))\s*$",
    re.IGNORECASE,
)


# a bracket in a clause, and one that opens with a preference: the mark of what it follows
# ("(preferred)", "(preferred for RNs)", "(a plus, not required)"), not one of its own ("(Master's
# preferred)", "(preferably with Django)", "(nice to have: Kafka)")
_BRACKET_RE = re.compile(r"\(([^()]{1,150})\)")
_BARE_PREFERENCE_RE = re.compile(
    r"\s*(?:(?:highly|strongly|very much|much)\s+)?(?:preferred|prefered|preferable|desired|desirable|optional|"
    r"an? (?:big |huge |definite )?(?:plus|bonus|advantage)|plus|bonus|nice[- ]to[- ]have|good to have)\b(?!\s*:)",
    re.IGNORECASE,
)


def opens_with_header(line: str) -> bool:
    """Whether a line (stripped) is a section's header, or opens with one glued to what follows
    where scraping lost a line break ("OverviewResponsibilities", "Job DescriptionData Analyst")."""
    if header_kind(line)[1]:
        return True
    glued = next(_glued_breaks(line), None)
    return glued is not None and header_kind(line[:glued])[1]


# a school's name before "High School", and what follows the level of education, not a name
_NAME_BEFORE_RE = re.compile(r"(?<![\w'’.-])[A-Z][\w'’.-]{1,30} $")
_EDUCATION_AFTER_RE = re.compile(
    r"\s{0,3}(?:diplomas?|degrees?|education|equivalen\w*|certificates?|graduat\w*|completion|level|leaver|or\b|and\b|/)",
    re.I,
)
# an equal-opportunity paragraph is rarely longer; a longer one is a posting that lost its blank
# lines, where the statement reaches this far past its wording
# a header that is a single word a requirement can also end in
_MARK_WORD_RE = re.compile(
    r"(?:preferred|required|desired|desirable|essential|mandatory|optional|a plus|plus|bonus)\W*$", re.I
)
_LONG_PARAGRAPH = 1500
_EEO_REACH = 400


@dataclass(frozen=True)
class Layout:
    r"""A posting's text with its sections, clause and paragraph breaks, found once.

    >>> layout = Layout.of("Requirements\n- Python. Go a plus")
    >>> layout.section_at(15).kind, layout.text[slice(*layout.clause_around(23, 25))]
    ('required', ' Go a plus')
    """

    text: str
    sections: tuple[Section, ...]
    _section_starts: tuple[int, ...] = field(repr=False)
    _breaks: array = field(repr=False)  # positions of clause-break characters
    _glued: array = field(repr=False)  # starts of words after a lost line break: glued, or in a run-on list
    _paragraph_breaks: array = field(repr=False)  # positions of the first "\n" of each "\n\n"
    _eeo: array = field(repr=False)  # starts of equal-opportunity wording
    # what each clause asks, found the first time a reader asks (a memo, not state: the text is fixed)
    _clause_cues: dict[tuple[int, int, str], bool] = field(default_factory=dict, repr=False, compare=False)
    _clause_degrees: dict[tuple[int, int], bool] = field(default_factory=dict, repr=False, compare=False)
    _cue_starts: dict[str, list[int]] = field(default_factory=dict, repr=False, compare=False)  # kind → keywords'
    _degree_starts: list[list[int]] = field(default_factory=list, repr=False, compare=False)  # _HIGHER_DEGREES'

    @classmethod
    def of(cls, text: str) -> Layout:
        """Read ``text``'s layout: sections and breaks, in one pass each."""
        sections = find_sections(text)
        breaks = array("q", (m.start() for m in _CLAUSE_BREAK_RE.finditer(text)))
        marks = [
            i
            for i in range(len(breaks) - 1)
            if breaks[i + 1] - breaks[i] <= _MARK_AFTER
            and text[breaks[i]] in ".;"
            and _MARK_AFTER_RE.fullmatch(text, breaks[i] + 1, breaks[i + 1])
        ]
        for i in reversed(marks):  # (each mark of how a sentence asks joins it)
            del breaks[i]
        glued = list(_glued_breaks(text))
        run_on = list(_run_on_breaks(text, breaks))
        # a header inside a line (a posting scraped flat: "…in Snowflake What You'll Bring 5+ years…")
        # ends the clause before it as it ends its section; not a word that may mark that clause
        # ("…from an accredited school Preferred…")
        inline = [
            s.start
            for s in sections
            if s.start and text[s.start - 1] not in "\n\r" and not _MARK_WORD_RE.match(s.header)
        ]
        layout = cls(
            text,
            sections,
            tuple(s.start for s in sections),
            breaks,
            array("q", sorted({*glued, *run_on, *inline}) if run_on or inline else glued),
            array("q", (m.start() for m in _PARAGRAPH_BREAK_RE.finditer(text))),
            array("q"),
        )
        layout._eeo.extend(m.start() for m in layout.scan.finditer(EEO_RE, EEO_KEYWORDS))
        return layout

    @cached_property
    def scan(self) -> Scan:
        """Where words stand in the text, each looked up once for all the readers."""
        return Scan(self.text)

    @property
    def lower(self) -> str | None:
        """The text in lower case, for keyword look-ups (``scan.lower_or_none``)."""
        return self.scan.lower

    @cached_property
    def degrees(self) -> tuple[tuple[int, int, str], ...]:
        """(start, end, level or "any") of every degree word, in text order (one scan, on first use)."""
        # a scan per level: one alternation of them all runs several times slower in Python's re
        patterns = [*DEGREE_PATTERNS, ("any", ANY_DEGREE_RE)]
        scan = self.scan
        return tuple(
            sorted(
                (m.start(), m.end(), level)
                for level, regex in patterns
                for m in scan.finditer(regex, DEGREE_KEYWORDS[level][0], cased=DEGREE_KEYWORDS[level][1])
                if not (level == "high_school" and self._names_a_school(m.start(), m.end()))
            )
        )

    def _names_a_school(self, start: int, end: int) -> bool:
        """Whether "High School" at ``text[start:end]`` ends a school's name ("Westbrook High School",
        where the job is), not a level of education ("High School diploma", "Completed High School or GED")."""
        text = self.text
        return (
            text.startswith("High", start)
            and _NAME_BEFORE_RE.search(text, max(0, start - 31), start) is not None
            and _EDUCATION_AFTER_RE.match(text, end) is None
        )

    @staticmethod
    def _any_in(starts: Sequence[int], left: int, right: int) -> bool:
        i = bisect.bisect_left(starts, left)
        return i < len(starts) and starts[i] < right

    def has_cue(self, kind: str, left: int, right: int) -> bool:
        """Whether the clause ``text[left:right]`` holds a cue of ``kind`` (negated, preferred, must,
        strong, eeo: equal-opportunity wording); each clause is searched once a kind."""
        # a cue holds one of its keywords: searched near them, and a clause without one (most) not
        # at all, nor kept; where they stand is kept a kind, not asked of the scan (by all its words)
        starts = self._cue_starts.get(kind)
        if starts is None:
            starts = self._cue_starts[kind] = self.scan.starts(_CUE_WORDS[kind])
        i = bisect.bisect_left(starts, left)
        if (i == len(starts) or starts[i] >= right) and self.scan.lower is not None:
            return False  # (a text that lowers oddly has no keyword positions: its clauses are searched)
        key = (left, right, kind)
        found = self._clause_cues.get(key)
        if found is None:  # a search per kind: one alternation of them all runs slower in Python's re
            found = self._clause_cues[key] = self.scan.search_between_at(_CUES[kind], starts, left, right) is not None
        return found

    def asked_parts(self, left: int, right: int, start: int, end: int) -> tuple[tuple[int, int], ...]:
        """The parts of clause ``text[left:right]`` that ask for ``text[start:end]``: the whole
        clause, but for a bracket that holds a preference of its own ("Bachelor's degree (Master's
        preferred)", "A (B preferred) and C", "3+ years of Python (Go a plus)"), which is a part
        alone (for what it names) or left out (for the rest); and where a preference qualifies what
        precedes it, the part before it or the part from it ("5+ years of experience | , preferably
        in fintech", "5+ years in a similar role | , with B2B marketing strongly preferred", "3 years
        required | , 5 preferred")."""
        if not self.has_cue("preferred", left, right):
            return ((left, right),)
        text = self.text
        cuts: list[tuple[int, int]] = []
        for m in _BRACKET_RE.finditer(text, left, right):
            if _BARE_PREFERENCE_RE.match(m.group(1)) or not self.has_cue("preferred", m.start(), m.end()):
                continue  # "Experience with Kafka (preferred)": the mark of what it follows
            if m.start() <= start and end <= m.end():
                return ((m.start(), m.end()),)
            cuts.append((m.start(), m.end()))
        for m in _QUALIFIER_RE.finditer(text, left, right):
            if any(a <= m.start() < b for a, b in cuts):
                continue
            if m.start() >= end:
                right = m.start()
                break
            if m.end() <= start:
                left = m.start()
        if "," in text[left:right]:
            for m in _ADDED_RE.finditer(text, left, right):
                if any(a <= m.start() < b for a, b in cuts) or self.has_cue("preferred", left, m.start()):
                    continue
                if (
                    m.group("tail") is not None
                    and ("," in text[left : m.start()] or not _YEARS_WORD_RE.search(text, left, m.start()))
                    and not _REQUIRED_MARK_END_RE.search(text, left, m.start())
                    # (a list closed before the tail is none of its items: "2+ years copywriting, proofreading,
                    # and copyediting experience working with top brands, B2B preferred")
                    and not (_CLOSED_LIST_RE.search(text, left, m.start()) and _NAMED_TAIL_RE.match(text, m.start()))
                ):
                    continue  # a list's last item ("…of Python, Java, Go preferred"), or no years before
                if not self.has_cue("preferred", m.start(), right):
                    break
                if m.start() >= end:
                    right = m.start()
                    break
                if m.end() <= start:
                    left = m.start()
        parts: list[tuple[int, int]] = []
        at = left
        for a, b in cuts:
            if left < b and a < right:
                if at < a:
                    parts.append((at, a))
                at = max(at, b)
        if at < right:
            parts.append((at, right))
        return tuple(parts)

    def names_a_degree(self, left: int, right: int) -> bool:
        """Whether the clause ``text[left:right]`` names a degree above school level."""
        named = self._clause_degrees.get((left, right))
        if named is None:
            scan = self.scan
            if not self._degree_starts:  # (where each level's words stand, kept: not asked a clause)
                self._degree_starts.extend(scan.starts(words, cased) for _, words, cased in _HIGHER_DEGREES)
            named = self._clause_degrees[left, right] = any(
                scan.search_between_at(regex, starts, left, right) is not None
                for (regex, _, _), starts in zip(_HIGHER_DEGREES, self._degree_starts, strict=True)
            )
        return named

    def degrees_in(self, left: int, right: int) -> list[tuple[int, int, str]]:
        """The degree words starting in ``text[left:right]``: (start, end, level or "any")."""
        i = bisect.bisect_left(self.degrees, (left,))
        found = []
        while i < len(self.degrees) and self.degrees[i][0] < right:
            found.append(self.degrees[i])
            i += 1
        return found

    def section_at(self, position: int) -> Section:
        """The section holding character ``position``."""
        return self.sections[max(0, bisect.bisect_right(self._section_starts, position) - 1)]

    def clause_around(self, start: int, end: int) -> tuple[int, int]:
        """The clause (sentence, bullet, line, or dash-parted item) holding ``text[start:end]``;
        a line break lost between glued words ("skillsAbility") parts clauses too."""
        breaks = self._breaks
        before = bisect.bisect_left(breaks, start) - 1
        after = bisect.bisect_left(breaks, end)
        left = breaks[before] + 1 if before >= 0 else 0
        right = breaks[after] if after < len(breaks) else len(self.text)
        glued = self._glued
        if glued:
            g = bisect.bisect_right(glued, start) - 1
            if g >= 0 and glued[g] > left:
                left = glued[g]
            g = bisect.bisect_left(glued, end)
            if g < len(glued) and glued[g] < right:
                right = glued[g]
        return left, right

    def paragraph_around(self, start: int, end: int) -> tuple[int, int]:
        """The paragraph (text between blank lines) holding ``text[start:end]``."""
        breaks = self._paragraph_breaks
        before = bisect.bisect_left(breaks, start - 1) - 1
        after = bisect.bisect_left(breaks, end)
        return (breaks[before] + 1 if before >= 0 else 0), (breaks[after] if after < len(breaks) else len(self.text))

    def in_equal_opportunity_paragraph(self, start: int, end: int) -> bool:
        """Whether the paragraph holding ``text[start:end]`` speaks of equal opportunity. A
        paragraph as long as a posting (scraped text keeps no blank line: 1 posting in 9) is no
        statement's paragraph: there, the statement is the clause that holds the wording and the
        clauses that follow it closely. Nor does a paragraph reach past the section it is in: a posting
        scraped into one line keeps its headers ("What You'll Bring …") but no paragraph at all. A
        bullet of a list is its own: "• Master's Degree." is not part of the "• We follow equal
        employment opportunity" two bullets on."""
        left, right = self.paragraph_around(start, end)
        text = self.text
        line_left = text.rfind("\n", 0, start) + 1
        if text[line_left : line_left + 4].lstrip()[:1] in _BULLETS:
            line_right = text.find("\n", end)
            left, right = max(left, line_left), min(right, line_right if line_right >= 0 else len(text))
        elif right - left > _LONG_PARAGRAPH:
            clause_left, clause_right = self.clause_around(start, end)
            left, right = max(left, clause_left - _EEO_REACH), clause_right
        section = self.section_at(start)
        left, right = max(left, section.start), min(right, section.end)
        return self._any_in(self._eeo, left, right)
