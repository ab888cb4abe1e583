"""The reading's keyword windows (reading/scan.py) find exactly what a scan of the whole text finds.

Each pattern is searched only near words every match of it holds; if a keyword list missed one of
a pattern's forms, or a window were cut too short, matches would go missing or change. So every
pattern and its keywords run both ways over the sample postings, the case tables, the same texts
as scrapers garble them, and texts written to sit on the edges (a keyword at a window's end, a
word boundary right after it, odd lower-casing).
"""

from __future__ import annotations

import pickle
import re
from re import _compiler, _constants, _parser  # type: ignore[attr-defined]

import pytest
from conftest import CASES, SAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

from jobmatch.reading import cues, employment, layout, place, salary, seniority, years
from jobmatch.reading import scan as scan_module
from jobmatch.reading.layout import _CLAUSE_BREAK_RE, Layout
from jobmatch.reading.scan import Regex, Scan, finditer_near, lower_or_none

# every (pattern, keywords, keywords as written, how far before a keyword a match may start) in use
PATTERNS: list[tuple[str, re.Pattern[str], tuple[str, ...], tuple[str, ...], int | None]] = [
    *[(f"degree {level}", regex, *cues.DEGREE_KEYWORDS[level], None) for level, regex in cues.DEGREE_PATTERNS],
    ("degree any", cues.ANY_DEGREE_RE, *cues.DEGREE_KEYWORDS["any"], None),
    ("equal opportunity", cues.EEO_RE, cues.EEO_KEYWORDS, (), None),
    *[
        (f"cue {kind}", regex, cues.CUE_KEYWORDS[kind], (), None)
        for kind, regex in [
            ("negated", cues.NEGATED_RE),
            ("preferred", cues.PREFERRED_RE),
            ("must", cues.MUST_RE),
            ("strong", cues.REQUIRED_RE),
            ("excluded", cues.EXCLUDED_RE),
        ]
    ],
    ("years", years._YEARS_RE, years._YEARS_KEYWORDS, (), None),
    ("salary", salary._SALARY_RE, salary._DIGITS, (), salary._lead_width()),
    ("hybrid", place._HYBRID_RE, ("hybrid",), (), None),
    ("split week", place._SPLIT_WEEK_RE, ("day",), (), None),
    ("office share", place._OFFICE_SHARE_RE, place._SHARE_KEYWORDS, (), None),
    ("remote", place._REMOTE_RE, place._REMOTE_KEYWORDS, (), None),
    ("on-site", place._ONSITE_RE, place._ONSITE_KEYWORDS, (), None),
    ("clinical department", place._CLINICAL_DEPARTMENT_RE, place._DEPARTMENT_KEYWORDS, (), None),
    ("times a week or month", place._TIMES_A_PERIOD_RE, place._PERIOD_KEYWORDS, (), None),
    ("one of our", place._ONE_OF_OURS_RE, place._ONE_KEYWORDS, (), None),
    ("in the plant", place._IN_THE_PLANT_RE, place._PLANT_KEYWORDS, (), None),
    ("local resident", place._LOCAL_RESIDENT_RE, place._RESIDENT_KEYWORDS, (), None),
    ("location label", place._LOCATION_LABEL_RE, place._LOCATION_LABEL_KEYWORDS, (), place._LOCATION_LABEL_BEFORE),
    ("remote place", place._REMOTE_PLACE_RE, ("remote",), (), place._REMOTE_PLACE_BEFORE),
    ("office place", place._OFFICE_PLACE_RE, (), place._OFFICE_PLACE_CASED, place._OFFICE_PLACE_BEFORE),
    ("city, state", place._CITY_STATE_RE, (), (",",), None),
    ("seniority text", seniority._SENIORITY_TEXT_RE, seniority._TEXT_KEYWORDS, (), None),
    ("seniority label", seniority._SENIORITY_LABEL_RE, seniority._LABEL_KEYWORDS, (), None),
    *[(f"employment {kind}", regex, employment._KEYWORDS[kind], (), None) for kind, regex in employment._EMPLOYMENT],
]


# the characters a first-letter look is checked against: Latin, symbols and marks postings use,
# and the characters ``re.IGNORECASE`` pairs with ASCII letters (Kelvin sign, long s, dotted I)
_ALPHABET = [chr(c) for c in range(0x250)] + list("₹€£¥–—•▪●’“”\u212a\u017f\u0130\u2028\u3000")
_ZERO_WIDTH = (_constants.ASSERT, _constants.ASSERT_NOT)
_LINE_STARTS = (_constants.AT_BEGINNING, _constants.AT_BEGINNING_LINE, _constants.AT_BEGINNING_STRING)


def _firsts(items, flags: int) -> tuple[list[tuple[object, int]], bool]:
    """(what a match of the parsed ``items`` can start with: one-character items with their flags,
    or a line's start; whether it can be empty)."""
    found: list[tuple[object, int]] = []
    for op, av in items:
        if op is _constants.AT:
            if av in _LINE_STARTS:
                return [*found, (av, flags)], False
            continue  # a word boundary: looks, reads nothing
        if op in _ZERO_WIDTH:
            continue
        if op in (_constants.LITERAL, _constants.NOT_LITERAL, _constants.IN, _constants.ANY):
            return [*found, ((op, av), flags)], False
        if op is _constants.SUBPATTERN:
            inner, empty = _firsts(av[3].data, (flags | av[1]) & ~av[2])
        elif op is _constants.BRANCH:
            parts = [_firsts(branch.data, flags) for branch in av[1]]
            inner, empty = [f for part, _ in parts for f in part], any(e for _, e in parts)
        elif op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT):
            inner, empty = _firsts(av[2].data, flags)
            empty = empty or av[0] == 0
        elif op is _constants.ATOMIC_GROUP:
            inner, empty = _firsts(av.data, flags)
        else:
            raise AssertionError(f"no first characters worked out for {op}")
        found += inner
        if not empty:
            return found, False
    return found, True


def _takes(item: tuple[object, int], char: str) -> bool:
    (op, av), flags = item
    state = _parser.State()
    state.flags = flags
    return _compiler.compile(_parser.SubPattern(state, [(op, av)]), flags).fullmatch(char) is not None


@pytest.mark.parametrize(("name", "regex"), [(p[0], p[1]) for p in PATTERNS], ids=[p[0] for p in PATTERNS])
def test_a_first_letter_look_lets_through_every_character_a_match_can_start_with(name, regex):
    """A busy pattern opens with a look at the characters its branches start with ("(?=[mpga])"),
    so that ``re`` turns other positions away at once: a character a branch starts with that the
    look leaves out loses that branch its matches ("as our new Lead…" once did, after "a")."""
    parsed = _parser.parse(regex.pattern, regex.flags)
    op, av = parsed.data[0]
    if op is not _constants.ASSERT or av[0] != 1:
        return  # no look first
    looked, _ = _firsts(av[1].data, parsed.state.flags)
    starts, _ = _firsts(parsed.data[1:], parsed.state.flags)
    for start in starts:
        if not isinstance(start[0], tuple):  # a line's start: the look must allow it too
            assert any(not isinstance(s[0], tuple) for s in looked), (name, start)
            continue
        missed = [
            c
            for c in _ALPHABET
            if _takes(start, c) and not any(_takes(s, c) for s in looked if isinstance(s[0], tuple))
        ]
        assert not missed, (name, missed[:10])


def test_a_location_label_opens_at_most_its_lead_before_its_word():
    assert scan_module.longest(place._LABEL_LEAD, re.M) == place._LOCATION_LABEL_BEFORE


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.rglob("*")) if p.suffix in (".md", ".txt")]
    for table in sorted(CASES.glob("*.jsonl")):
        texts += re.findall(r'"text": "((?:[^"\\]|\\.)*)"', table.read_text(encoding="utf-8"))
    # as scrapers give them: line breaks lost between blocks, no-break spaces, bullets
    texts += [t.replace("\n", "") for t in texts[:40]] + [t.replace(" ", "\xa0") for t in texts[:40]]
    return [
        *texts,
        "Position Type: Direct HirePosition Location: Remote",  # a boundary right after a keyword
        "Type of Position: Part-TimeLocation: Malvern, PA",
        "Bachelor’s degree (BS/BA) or M.S. in CS; MBA a plus; PhD preferred; high-school diploma; A-levels",
        "İstanbul office. Hybrid: 3 days in the office each week. Salary: $120k–$150k a year. 5+ yrs exp.",
        "We pay £55,000 - £65,000 per annum plus a 10% bonus; up to $40/hr for contractors (C2C).",
        "Part-time (20 hours). Job type: Temporary. This paid internship suits a freelance designer. 6 months contract",
        "  \t- **Job Location**: Leeds\n*   **Job Site**: York; on-site in Leeds, office in Hull; on site in Bath",
        "Fully remote (EU time zones) or Remote — anywhere in Canada, based in our Manchester office",
    ]


TEXTS = _texts()


@pytest.mark.parametrize(("name", "regex", "keywords", "cased", "before"), PATTERNS, ids=[p[0] for p in PATTERNS])
def test_windows_find_what_the_whole_text_holds(name, regex, keywords, cased, before):
    checked = 0
    for text in TEXTS:
        whole = [m.span() for m in regex.finditer(text)]
        near = [m.span() for m in finditer_near(regex, text, keywords, case_keywords=cased, before=before)]
        assert near == whole, (name, text[:200])
        checked += bool(whole)
    assert checked >= 1, f"no text exercises {name}"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["year", "yrs", "5+", "$", "120k", "remote", "hybrid", "degree", "Bachelor",
                                 "BS", "MA", "day", "office", "Senior", "role", " ", "\n", ".", ",", "Full-time",
                                 "Hire", "CA", "–", "İ", "a", "plus", "not", "required", "location", ": ", " - ",
                                 "Leeds", "on-site in ", "in our ", "**", "\t"]), max_size=40))  # fmt: skip
def test_windows_agree_on_any_mix_of_keywords(parts):
    text = "".join(parts)
    for name, regex, keywords, cased, before in PATTERNS:
        near = [m.span() for m in finditer_near(regex, text, keywords, case_keywords=cased, before=before)]
        assert near == [m.span() for m in regex.finditer(text)], (name, text)


# patterns searched back from the word their matches end in (``place._ending_in``)
ENDING_IN = [
    ("our site", place._OUR_SITE_RE, place._OUR_SITE_KEYWORDS, place._SITE_END, False),
    ("clinical unit", place._CLINICAL_UNIT_RE, place._CLINICAL_UNIT_KEYWORDS, place._UNIT_WORDS, True),
]


@pytest.mark.parametrize(("name", "regex", "words", "end", "cased"), ENDING_IN, ids=[p[0] for p in ENDING_IN])
def test_a_pattern_searched_back_from_its_last_word_finds_what_the_whole_text_holds(name, regex, words, end, cased):
    checked = 0
    for text in TEXTS:
        whole = [m.span() for m in regex.finditer(text)]
        assert [m.span() for m in place._ending_in(Scan(text), regex, words, end, cased)] == whole, (name, text[:200])
        checked += bool(whole)
    assert checked >= 2, f"too few texts exercise {name}"


# patterns searched only near where one of their keywords starts a word (``Scan.word_starts``)
AT_WORD_STARTS = [(f"employment {kind}", regex, employment._KEYWORDS[kind]) for kind, regex in employment._EMPLOYMENT]
GLUED_TERMS = [
    "03/12/2024Full-time Exempt; Full TimeCompany: Acme; software FT-ish after shift; a left-FT role",
    "Job Types: Full-time, Contract,Perm; Job Type:PermDuration: 6months contract; Subcontract Type: contract",
    "department particular partner; Part-TimeLocation: Leeds; C2HW2 and C2C; 1099contractor; 1099 contractor",
    "Internships: paid internship; INTERN; Job type:internship; interns; international; temp-to-perm; Temporary",
    "Contract: Fixed Term, 14 Months; a fixed-term post; prefixed terms; FixedTerm; (Umbrella) umbrellas; IR35",
]


@pytest.mark.parametrize(("name", "regex", "keywords"), AT_WORD_STARTS, ids=[p[0] for p in AT_WORD_STARTS])
def test_a_pattern_searched_where_its_keywords_start_a_word_finds_what_the_whole_text_holds(name, regex, keywords):
    checked = 0
    for text in [*TEXTS, *GLUED_TERMS]:
        scan = Scan(text)
        whole = [m.span() for m in regex.finditer(text)]
        assert [m.span() for m in scan.finditer_at(regex, scan.word_starts(keywords))] == whole, (name, text[:200])
        checked += bool(whole)
    assert checked >= 3, f"too few texts exercise {name}"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["soft", "ware", "depart", "ment", "6", "months", " month ", "contract", "or",
                                 "Full", "full", "time", "-", " ", "perm", "Perm", "anent", "Job Type: ", ", ",
                                 "FT", "ft", "intern", "ship", "temp", "orary", "sub", "to", "hire", "C2H", "W2",
                                 "1099", "_", "2024", "locum", "Locum", "\n", "fixed", "term", "B2B", "seasonal"]),
                max_size=30))  # fmt: skip
def test_word_start_windows_agree_on_any_mix_of_words(parts):
    text = "".join(parts)
    scan = Scan(text)
    for name, regex, keywords in AT_WORD_STARTS:
        near = [m.span() for m in scan.finditer_at(regex, scan.word_starts(keywords))]
        assert near == [m.span() for m in regex.finditer(text)], (name, text)


def test_one_scan_shared_by_every_pattern_gives_each_the_whole_text_matches():
    """A posting's readers share one Scan (each word looked up once): a word one pattern asked for
    must not leak into another's windows or change its matches, whatever order they ask in."""
    for text in TEXTS:
        scan = Scan(text)
        for name, regex, keywords, cased, before in [*PATTERNS, *reversed(PATTERNS)]:
            near = [m.span() for m in scan.finditer(regex, keywords, cased=cased, before=before)]
            assert near == [m.span() for m in regex.finditer(text)], (name, text[:200])


def _find_all(text: str, word: str) -> list[int]:
    return [i for i in range(len(text)) if text.startswith(word, i)]


def test_one_pass_finds_every_declared_word_where_a_find_a_word_would():
    """The declared words are found in one pass of an automaton; each must stand exactly where
    str.find puts it, overlapping ("intern", "internship") and repeated ones too, after characters
    outside the Basic Multilingual Plane as well."""
    words = sorted(scan_module._VOCABULARY.words)
    assert {"intern", "internship", "year", "requir", "site"} <= set(words)
    for text in [
        *TEXTS[:200],
        "Internship: an intern-ship year; a year degree; yearyear; site/onsite/on-site",
        "🚀 Remote-first 🌍 onsite 👩‍💻 internships 𝐑𝐞𝐪𝐮𝐢𝐫𝐞𝐝: 3 years",
    ]:
        scan = Scan(text)
        lower = text.lower()
        if scan.lower is None:
            continue
        for word in words:
            assert scan.positions(word) == _find_all(lower, word), (word, text[:100])


def test_one_pass_finds_every_word_declared_as_written_where_a_find_a_word_would():
    words = sorted(scan_module._AS_WRITTEN.words)
    assert {"MS", "M.S.", "BA", "B.A"} <= set(words)
    for text in [*TEXTS[:200], "MS/MSc, M.S.MS; MAMA BSBA B.A.B.S. D.O.M.D. İ BS", "ms ba MS"]:
        scan = Scan(text)
        for word in words:
            assert scan.positions(word, cased=True) == _find_all(text, word), (word, text[:100])


def test_one_pass_for_both_vocabularies_agrees_whichever_is_asked_first():
    """The lower-case words and those declared as written are found in one pass of the lower-cased
    text (a form as written kept where the text has it so): asked in either order, or of a text
    that does not lower in place (searched as written by itself), each stands where str.find puts it."""
    words, cased = sorted(scan_module._VOCABULARY.words), sorted(scan_module._AS_WRITTEN.words)
    assert all(len(form.lower()) == len(form) for form in cased)  # (found as its lower-case form)
    for text in [
        *TEXTS[:100],
        "Based in Berlin, based in MS; ms BA ba B.A. b.a.; Located in LOCATED IN at our At Our",
        "İstanbul: MS/BA, Based in Ankara; remote",  # (lowers out of place)
    ]:
        lower_first, cased_first = Scan(text), Scan(text)
        expect_lower = [_find_all(text.lower(), w) for w in words] if lower_first.lower is not None else None
        expect_cased = [_find_all(text, w) for w in cased]
        got_lower = [lower_first.positions(w) for w in words]
        assert [lower_first.positions(w, cased=True) for w in cased] == expect_cased, text[:80]
        assert [cased_first.positions(w, cased=True) for w in cased] == expect_cased, text[:80]
        assert [cased_first.positions(w) for w in words] == got_lower
        if expect_lower is not None:
            assert got_lower == expect_lower, text[:80]


def test_a_word_nobody_declared_is_looked_up_by_itself():
    scan = Scan("Kubernetes and kubectl, then Kubernetes again")
    assert scan.positions("kube") == [0, 15, 29]
    assert scan.positions("Kube", cased=True) == [0, 29]


DIGIT_EDGES = [
    "Pay: $120,000 - $160,000 a year; 401(k) match up to 4%; founded 1999; call 555-0100 ext 12",
    "ID 12345678901234567890123456789012345678901234567890123456789012345678901234567890 £40k a year",
    "0" * 700 + " up to 90k " + "7" * 300 + "£45/hour",
    "Salary 55–65k\xa0per annum, 7–10 LPA in Pune, €78.000 brutto, CHF 120'000, ₹12,00,000 CTC",
]


@pytest.mark.parametrize("text", [*TEXTS, *DIGIT_EDGES])
def test_salary_searched_near_digits_as_written_finds_what_the_whole_text_holds(text):
    """Salary windows open around each digit of the text as written (a digit is found with memchr,
    cheaper than a pattern over the text): long runs, runs at a window's edge, grouped figures;
    and salary is searched from just before each next digit: the same matches."""
    found = [
        m.span() for m in Scan(text).finditer(salary._SALARY_RE, (), cased=salary._DIGITS, before=salary._lead_width())
    ]
    assert found == [m.span() for m in salary._SALARY_RE.finditer(text)]
    led = scan_module.finditer_led(salary._SALARY_RE, text, salary._DIGIT_RE, salary._lead_width())
    assert [m.span() for m in led] == found


SALARY_PARTS = ["$", "£", "USD ", "CA$", "up to ", "Up ", "120", "k", ",000", ".5", " - ", "–", " to ", " per year",
                "/hr", " ", "\n", "x" * 30, "٣", "7" * 14, "%", " million"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(SALARY_PARTS), max_size=30))
def test_salary_searched_from_each_next_digit_agrees_on_any_mix(parts):
    text = "".join(parts)
    led = scan_module.finditer_led(salary._SALARY_RE, text, salary._DIGIT_RE, salary._lead_width())
    assert [m.span() for m in led] == [m.span() for m in salary._SALARY_RE.finditer(text)], text


STATE_EDGES = [
    "Malvern, PA 19355. Austin,TX; Boston,   MA and Reno,    NV (four spaces: none)",
    "Offices: San Francisco, CAL and Denver, COLORADO; Portland, OR, or Seattle, WA.",
    "Location: New York, NY" + " x" * 400 + ", NY, ny, Ny",
]


@pytest.mark.parametrize("text", [*TEXTS, *STATE_EDGES])
def test_city_and_state_found_near_a_comma_before_a_state_as_in_the_whole_text(text):
    found = [m.group("place") for m in place._CITY_STATE_RE.finditer(text)]
    scan = Scan(text)
    assert [m.group("place") for m in scan.finditer_at(place._CITY_STATE_RE, place._state_commas(scan))] == found


ONSITE_EDGES = [
    "You will be working closely with the wider team at the Royal London Hospital on the Critical care unit.",
    "Join our friendly team at the Harbour Street  Clinic; based in our Manchester\nStudios. Work at Acme Labs",
    "Our community of website owners works toward a reward: collaborate on-site parking, in-office days.",
    "Working in the " + "Big " * 6 + "Warehouse, joining the Data Centre (not a center), located at Unit 5 store",
    "This is not an on-site role. Join the A&E ward" + "." * 300 + " occurring at the St Mary's Hospitality suite",
    "Must be local; willing to relocate. Work location: In person. Based at Leeds. working from our HQ",
    "x" * 300 + " working in A" + "b" * 30 + "   Hospital, work at the\tUnit, join us at 3  labs, based in OUR\nStudio",
    "Work in A&E and Theatres; working at St. Ann's & Mary’s  Clinic; joining on-site the best practices lab",
]


# patterns searched in windows of their own reach from each keyword (``Scan.finditer_reaching``)
REACHING = [
    ("on-site", place._ONSITE_RE, place._onsite_matches),
    ("years", years._YEARS_RE, years._year_matches),
    ("seniority text", seniority._SENIORITY_TEXT_RE, seniority._text_matches),
]


SENIORITY_EDGES = [
    "We are hiring a Senior engineer; seeking an  entry-level candidate. In your role as lead you will",
    "Job Title: Senior Data Engineer\n  *- Title:: Staff ML\n\t•  Role:  Principal\nthis paid internship",
    "Mid-level " + " " * 19 + "position; a junior  hire, a senior-level opening; this is an internship",
    "The role: senior\nPosition - lead\n" + "x" * 90 + " looking for  a  principal",
    "x" * 100 + "\n\t\t*•- Job Title: Senior\n" + "x" * 100,  # each branch at its longest reach
    "x" * 100 + " principal-level" + " " * 20 + "candidates " + "x" * 100,
    "x" * 100 + " hiring" + " " * 20 + "an" + " " * 20 + "entry-level " + "x" * 100,
    "x" * 100 + " In your role as" + " " * 20 + "a" + " " * 20 + "Principal " + "x" * 100,
    "in your role as lead\n  - Role: Senior\n" + "x" * 100 + " the role:senior",
]


@pytest.mark.parametrize("text", [*TEXTS, *ONSITE_EDGES, *SENIORITY_EDGES])
def test_windows_of_a_reach_a_keyword_find_what_the_whole_text_holds(text):
    """_ONSITE_RE is searched near a phrase's word within a phrase's reach, and before a workplace
    word that follows a space within its last branch's reach; _YEARS_RE back from its unit; the
    seniority text pattern each branch within its own reach: the whole text's matches still."""
    for name, regex, matches in REACHING:
        assert [m.span() for m in matches(Scan(text))] == [m.span() for m in regex.finditer(text)], name


def test_a_workplace_word_is_searched_back_from_where_a_name_can_stand_before_it():
    assert scan_module.longest(place._NAME) == place._NAMED_BEFORE_WIDTH


def test_on_site_edges_hold_workplace_matches():
    spans = [m.group() for text in ONSITE_EDGES for m in place._ONSITE_RE.finditer(text)]
    assert "working closely with the wider team at the Royal London Hospital" in spans
    assert "Work at Acme Labs" in spans and "on-site" in spans


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["join", "working", "based", " at ", " the ", "Royal ", "London ", " ", "\n", ".",
                                 "unit", "Hospital", "ward", "toward", "site", "on-site", "office", "İ", "x" * 70,
                                 "of ", "Lab", "s"]), max_size=40))  # fmt: skip
def test_on_site_windows_agree_on_any_mix_of_words(parts):
    text = "".join(parts)
    found = [m.span() for m in place._onsite_matches(Scan(text))]
    assert found == [m.span() for m in place._ONSITE_RE.finditer(text)], text


SENIORITY_PARTS = ["senior", "Junior", "entry-level", " ", "\n", "role", "position", "candidates", "hire", "hiring",
                   "a ", "an ", "Title", "job title", ": ", "*", "- ", "\t", "in your role as ", "this ", "paid ",
                   "internship", "x" * 40, "İ", "looking for ", "lead"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(SENIORITY_PARTS), max_size=40))
def test_seniority_windows_agree_on_any_mix_of_words(parts):
    text = "".join(parts)
    found = [m.span() for m in seniority._text_matches(Scan(text))]
    assert found == [m.span() for m in seniority._SENIORITY_TEXT_RE.finditer(text)], text


YEARS_PARTS = ["5", "10", "+", " ", "-", "–", " to ", "years", "Yrs", "yr", "’", "(3)", "at least ", "minimum of ",
               "five", "x" * 70, "\n", "İ", "year", "s", "."]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(YEARS_PARTS), max_size=40))
def test_years_windows_agree_on_any_mix_of_words(parts):
    text = "".join(parts)
    found = [m.span() for m in years._year_matches(Scan(text))]
    assert found == [m.span() for m in years._YEARS_RE.finditer(text)], text


def test_city_and_state_edges_read_as_places():
    found = [m.group("place") for m in place._CITY_STATE_RE.finditer(STATE_EDGES[0] + " " + STATE_EDGES[1])]
    assert found == ["Malvern, PA", "Austin,TX", "Boston,   MA", "Portland, OR", "Seattle, WA"]


def test_a_text_that_lowers_to_another_length_is_scanned_whole():
    text = "İİ Bachelor's degree, full-time, 5 years"
    assert lower_or_none(text) is None
    assert [m.group() for m in finditer_near(cues.ANY_DEGREE_RE, text, ("degree",))] == ["degree"]
    scan = Scan(text)
    # no keyword can rule a pattern out: every one is searched for over the whole text
    assert scan.holds_any(("no such word",))
    assert scan.search(cues.ANY_DEGREE_RE, ("no such word",)) is not None
    assert [m.group() for m in scan.finditer(years._YEARS_RE, ())] == ["5 years"]


def test_clause_breaks_are_those_of_the_plain_pattern():
    plain = re.compile(
        r"[;!?](?=\s|$)|\.(?=$|\s(?![ \t\xa0]*[a-z]{2}))|[.!?](?=\d{1,2}[.)]\s?[A-Z])|"
        r"(?<=[a-z)])[.;!?](?=[-•·▪*]?\s?[A-Z][a-z]|[A-Z]{3,}\b|[AI]\s)|\n|[•▪●\uf0b7\uf0a7]|(?<=\s)[–—](?=\s)|[·∙](?=\s)|(?<=\s)\|(?=\s)|"
        r"(?<=[a-z])\.(?=\d{1,2}\+?(?:\s?[-–]\s?\d{1,2}\+?|\s(?:to|or)\s\d{1,2}\+?)?\s?(?:years?|yrs?)\b)"
    )
    for text in TEXTS:
        assert [m.start() for m in _CLAUSE_BREAK_RE.finditer(text)] == [m.start() for m in plain.finditer(text)]


def test_a_clause_without_a_cue_keyword_is_not_searched_but_one_with_it_is():
    layout = Layout.of("Requirements\n- Python. Go is a plus; Rust optional")
    text = layout.text
    python = layout.clause_around(text.index("Python"), text.index("Python") + 6)
    go = layout.clause_around(text.index("Go"), text.index("Go") + 2)
    rust = layout.clause_around(text.index("Rust"), text.index("Rust") + 4)
    assert not layout.has_cue("preferred", *python)
    assert layout.has_cue("preferred", *go)
    assert layout.has_cue("negated", *rust) and not layout.has_cue("negated", *go)


OPENED = [(name, regex) for name, regex, *_ in PATTERNS if regex.pattern.startswith("(?=[")]


@pytest.mark.parametrize(("name", "regex"), OPENED, ids=[name for name, _ in OPENED])
def test_a_first_character_look_ahead_turns_no_match_away(name, regex):
    """A pattern opening with "(?=[...])" (the characters its matches can start with, to be quick)
    matches exactly what it matches without it."""
    # the look-ahead ends at the first ")" after its class: "(?=[...])" or "(?=[...]|\s{1,3}\d)"
    plain = re.compile(regex.pattern[regex.pattern.index(")", regex.pattern.index("]")) + 1 :], regex.flags)
    for text in TEXTS:
        assert [m.span() for m in regex.finditer(text)] == [m.span() for m in plain.finditer(text)], (name, text)
    assert len(OPENED) >= 8


def test_a_clause_searched_near_its_keywords_finds_what_a_search_of_the_whole_clause_finds():
    """A cue is looked for in a clause near its keywords only (a long clause is not read end to
    end); the first match must be the one a search of the clause finds, at every clause of every
    text, for each cue, equal-opportunity wording and degree names."""
    checks = [(layout._CUES[kind], layout._CUE_WORDS[kind], ()) for kind in layout._CUES]
    checks += layout._HIGHER_DEGREES
    found = 0
    for text in TEXTS[:150]:
        scan = Scan(text)
        breaks = [-1, *(m.start() for m in _CLAUSE_BREAK_RE.finditer(text)), len(text)]
        for left, right in zip([b + 1 for b in breaks[:-1]], breaks[1:], strict=True):
            for regex, words, cased in checks:
                whole = regex.search(text, left, right)
                near = scan.search_between(regex, words, left, right, cased=cased)
                assert (near and near.span()) == (whole and whole.span()), (regex.pattern[:30], text[left:right])
                found += whole is not None
    assert found > 100


# the header kinds as one alternation of named groups, case-blind and lowered: what the reading
# matched a line with before it matched a kind at a time (the first kind that matches wins in both)
HEADER_RE = re.compile("|".join(rf"(?P<{kind}>{pattern})" for kind, pattern in layout._HEADER_KINDS), re.IGNORECASE)
LOWER_HEADER_RE = re.compile(HEADER_RE.pattern.replace("[A-Z]", "[a-z]"))

HEADER_LINES = [
    "About Acme Robotics",
    "ABOUT THE ROLE",
    "Nice to have:",
    "Minimum Qualifications",
    "What you'll do",
    "Benefits & Perks",
    "Life at \u212aelvin Labs",  # a Kelvin sign, lowered to "k" as re.IGNORECASE matches it
    "About \u212aelvin:",
    "Requirements & Skills:",
    "Bonus points if you have:",
    "To succeed in this role you must have:",
    "You'll go above and beyond our minimum qualifications if you",
    "Our Story",
    "Salary Range",
    "Equal Opportunity Employer",
    "Who we're looking for:",
    "Location: London",
    "İstanbul office:",  # lowers to a longer text: matched as written
    "ſalary:",  # a long s: matched as written
]


# a header line's decoration, as a pattern says it: what ``header_kind`` strips off
_DECOR_RE = re.compile(r"^[\s#*_>•\-–—=|]+|[\s*_:#=|?\-–—.…]+$")


def test_the_white_space_stripped_off_a_header_line_is_all_the_pattern_white_space():
    every = (chr(code) for code in range(0x110000))
    assert set(layout._SPACE) == {char for char in every if re.fullmatch(r"\s", char)}


@given(st.text(alphabet=st.sampled_from(list("#*_>•-–—=|:?aZ. 1\t\n\xa0\u2003\u3000")), max_size=14))
@settings(max_examples=400, deadline=None)
def test_a_header_line_is_stripped_of_what_the_decoration_pattern_takes_off(line):
    assert line.lstrip(layout._DECOR_BEFORE).rstrip(layout._DECOR_AFTER) == _DECOR_RE.sub("", line)


@pytest.mark.parametrize("line", HEADER_LINES)
def test_header_patterns_matched_lowered_agree_with_the_case_blind_ones(line):
    """Header lines are matched lower-cased by case-sensitive twins of the header patterns (several
    times faster); each twin finds what the case-blind pattern finds in the line as written."""
    label = _DECOR_RE.sub("", line)
    lowered = lower_or_none(label)
    if lowered is None:
        return
    pairs = [
        (HEADER_RE, LOWER_HEADER_RE),
        *zip([r for _, r in layout._HEADER_RES], [r for _, r in layout._LOWER_HEADER_RES], strict=True),
    ]
    for blind, twin in pairs:
        plain, fast = blind.search(label), twin.search(lowered)
        assert (plain and (plain.span(), plain.lastgroup)) == (fast and (fast.span(), fast.lastgroup)), line
        plain, fast = blind.fullmatch(label), twin.fullmatch(lowered)
        assert (plain and plain.lastgroup) == (fast and fast.lastgroup), line


def test_every_short_line_of_the_texts_gets_the_header_kind_the_case_blind_patterns_give():
    def blind_kind(line: str) -> tuple[str | None, bool]:
        line = line.replace("\\", "").replace("\u2019", "'")  # markdown's escapes, curly apostrophes
        label = _DECOR_RE.sub("", line)
        if len(line) > 95 or not label:
            return None, False
        if len(label) <= 70 and (match := HEADER_RE.fullmatch(label)):
            return match.lastgroup, True
        if (line.rstrip().endswith(":") or layout._INTRO_END_RE.search(label)) and len(label) <= 90:
            lowered = label.lower()
            if cues.PREFERRED_RE.search(lowered) or layout._PREFERRED_INTRO_RE.search(lowered):
                return layout.PREFERRED, True
            if cues.MUST_RE.search(lowered) or cues.REQUIRED_RE.search(lowered):
                return layout.REQUIRED, True
            for kind, regex in layout._HEADER_RES:
                if regex.search(label):
                    return kind, True
        return None, False

    lines = {line.strip() for text in TEXTS for line in text.splitlines() if 0 < len(line.strip()) <= 95}
    lines |= {line.split(":", 1)[0] + ":" for line in lines if ":" in line[:45]} | set(HEADER_LINES)
    kinds = [layout.header_kind(line) for line in sorted(lines)]
    assert kinds == [blind_kind(line) for line in sorted(lines)]
    assert sum(is_header for _, is_header in kinds) > 100


def test_a_clause_names_a_degree_where_one_pattern_of_every_higher_degree_finds_one():
    """``names_a_degree`` asks each level's pattern in turn (the ones ``degrees`` compiled anyway)
    where one alternation of them all was asked before: the same answer at every clause."""
    union = re.compile(
        "|".join(f"(?:{regex.pattern})" for level, regex in cues.DEGREE_PATTERNS if level != "high_school")
        + f"|{cues.ANY_DEGREE_RE.pattern}",
        re.IGNORECASE,
    )
    named = 0
    for text in [*TEXTS, "İİ MS in Physics; BA or MS/PhD", "Associate's or Bachelor's\nMS\nor BS"]:
        laid_out = Layout.of(text)
        breaks = [-1, *(m.start() for m in _CLAUSE_BREAK_RE.finditer(text)), len(text)]
        for left, right in zip([b + 1 for b in breaks[:-1]], breaks[1:], strict=True):
            expected = union.search(text, left, right) is not None
            assert laid_out.names_a_degree(left, right) == expected, text[left:right]
            named += expected
    assert named > 50


def test_a_pattern_is_compiled_on_first_use_and_then_used_as_compiled():
    regex = Regex(r"\bhybrid\b(?!\s{1,3}cloud)", re.I)
    assert regex._compiled is None
    assert [m.span() for m in Scan("On site, no remote work").finditer(regex, ("hybrid",))] == []
    assert regex._compiled is None  # no keyword in the text: not compiled
    assert regex.search("Hybrid cloud; Hybrid (2 days)").span() == (14, 20)
    assert regex.compiled is regex._compiled and regex.search == regex.compiled.search
    assert regex.sub("-", "hybrid") == "-" and regex.split("a hybrid b") == ["a ", " b"]
    assert pickle.loads(pickle.dumps(regex)).fullmatch("HYBRID") is not None
    with pytest.raises(AttributeError):
        regex.no_such_method  # noqa: B018


def test_the_first_text_found_a_word_at_a_time_and_later_ones_in_one_pass_agree(monkeypatch):
    """A process's first text has its words found one at a time (the automaton is not worth
    building for one text); every later text is searched in one pass. Both give each word's every start."""
    monkeypatch.setattr(scan_module._VOCABULARY, "_texts", 0)  # as in a fresh process
    words = sorted(scan_module._VOCABULARY.words)
    text = "Internship: an intern-ship year; a year degree; yearyear; site/onsite/on-site; Remote, REMOTE"
    first, later = Scan(text), Scan(text)
    for scan in (first, later):
        assert [scan.positions(word) for word in words] == [_find_all(text.lower(), word) for word in words]
    assert first._passed and later._passed and scan_module._VOCABULARY._texts == 2


@pytest.mark.parametrize(("name", "regex"), [(p[0], p[1]) for p in PATTERNS], ids=[p[0] for p in PATTERNS])
def test_a_pattern_compiled_from_the_parse_its_reach_came_from_is_the_pattern(name, regex):
    """A pattern Scan runs near its keywords is parsed once, for its reach and its compiling: the
    compiled pattern and the reach must be those of a pattern compiled and parsed apart."""
    fresh = Regex(regex.pattern, regex.flags)
    reach = scan_module._reach(fresh)
    assert reach == scan_module._reach_of_parsed(scan_module._parser.parse(regex.pattern, regex.flags))
    plain = re.compile(regex.pattern, regex.flags)
    assert (fresh.compiled.flags, fresh.compiled.groupindex) == (plain.flags, plain.groupindex)
    for text in TEXTS[:60]:
        assert [m.span() for m in fresh.finditer(text)] == [m.span() for m in plain.finditer(text)], name


def _every_lookaround(items: object) -> int:
    """The widest lookaround in a parsed pattern, every item walked (no leaf passed over)."""
    widest = 0
    if isinstance(items, scan_module._parser.SubPattern):
        for op, value in items.data:
            if op in (scan_module._parser.ASSERT, scan_module._parser.ASSERT_NOT):
                widest = max(widest, value[1].getwidth()[1], _every_lookaround(value[1]))
            elif isinstance(value, (tuple, list)):
                widest = max(widest, *(_every_lookaround(v) for v in value), 0)
    elif isinstance(items, (tuple, list)):
        widest = max([0, *(_every_lookaround(v) for v in items)])
    return widest


def test_the_lookaround_width_passes_over_leaves_only():
    patterns = [regex.pattern for _, regex, *_ in PATTERNS] + [
        r"(?<=[a-z])(?=A)x(?!\s{1,3}(?:a|(?=bcd)))",
        r"a(?=[^b]{0,9})",
    ]
    widths = [scan_module._lookaround_width(scan_module._parser.parse(p, re.I)) for p in patterns]
    assert widths == [_every_lookaround(scan_module._parser.parse(p, re.I)) for p in patterns]
    assert widths[-2:] == [4, 9]  # "\\s{1,3}a" in the look-ahead; "[^b]{0,9}"


# searched another way than in windows around their keywords: the salary from each next digit
# (``finditer_led``), the full-time words where a keyword starts a word, the negation cues once a text
_SEARCHED_OTHERWISE = ("salary", "employment full-time", "cue negated")
_WINDOWED = [p for p in PATTERNS if p[0] not in _SEARCHED_OTHERWISE]


@pytest.mark.parametrize(("name", "regex"), [p[:2] for p in _WINDOWED], ids=[p[0] for p in _WINDOWED])
def test_a_pattern_searched_near_its_keywords_has_a_bounded_reach(name, regex):
    """Where a pattern's reach cannot be worked out (an unbounded ``\\w*`` in a lookahead, say), the
    search near its keywords falls back to the whole text, each text: correct, and many times the
    cost (an unbounded look after "high school" once made every field 0.1 ms a posting dearer)."""
    assert scan_module._reach(regex) is not None, name
