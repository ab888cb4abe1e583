"""The words a posting's reading keys on: how strongly a clause asks (must, preferred, not
required), company boilerplate (equal opportunity) and degree levels. Regular expressions only;
each quantifier bounded, so that a search costs time in proportion to the text it runs over."""

from __future__ import annotations

import re

from .scan import Regex, keywords, keywords_as_written

__all__ = [
    "ANY_DEGREE_RE",
    "CUE_KEYWORDS",
    "DEGREE_KEYWORDS",
    "DEGREE_PATTERNS",
    "EEO_KEYWORDS",
    "EEO_RE",
    "EXCLUDED_RE",
    "MUST_RE",
    "NEGATED_RE",
    "PREFERRED_RE",
    "REQUIRED_RE",
]

# Each pattern opens with a look at its first character ("(?=[...])": every letter a match can
# start with): ``re`` then turns most positions away at once instead of trying every alternative.
NEGATED_RE = Regex(
    r"(?=[nidow])"
    r"\b(?:not (?:required|necessary|essential|needed|a (?:must|requirement))|isn'?t (?:required|necessary|needed)|"
    r"no (?:[\w+#./-]+ ){0,4}(?:experience |knowledge |background |degree )?(?:required|needed|necessary)|"
    r"don'?t (?:need|require)|optional|won'?t hold it against you|we can teach)\b",
    re.IGNORECASE,
)
# A clause that keeps people out rather than asks for something ("not appropriate for those with a
# trucking/logistics background"): what it names is no ask at all.
EXCLUDED_RE = Regex(
    r"(?=[n])\bnot (?:(?:appropriate|suitable|intended|(?:a )?(?:good |great )?fit) for (?:those|people|candidates|"
    r"applicants|anyone|individuals|someone)|looking for (?:someone|people|candidates|applicants|those))\b",
    re.IGNORECASE,
)
PREFERRED_RE = Regex(
    r"(?=[niawpbdhgse])"
    r"(?:nice[- ]to[- ]have|"
    r"\b(?:is |are |would be |as )?an? (?:big |huge |definite |strong )?(?:plus|bonus|advantage)\b|"
    r"\bpluses\b|\bbonus\b|\bprefer(?:r)?ed\b|\bpreferably\b|"
    # (and the verb before what it asks: "Prefer at least one (1) year experience", "We prefer candidates with…")
    r"\bprefer\s{1,3}(?:at least|a minimum of|candidates|applicants|someone|experience|knowledge|\d)|"
    # (or opening a requirement of its own: "Prefer working knowledge in quality control"; not a form's
    # "Prefer not to say")
    r"(?-i:\bPrefer\b)(?!\s{1,3}(?:not|to)\b)|"
    # (not a choice named: "a specialty certification in desired area(s)", "your desired location")
    r"\bdesirable\b|\bdesired\b(?!\s{1,3}(?:areas?|fields?|locations?|roles?|positions?|salary|start|shifts?)\b)|"
    r"\bideally\b|\bhelpful\b|"
    r"\badvantageous\b|\bbeneficial\b|\bappreciated\b|\bgood to have\b|\bgreat to have\b|\bwelcome\b|"
    r"\bstand out\b|\bnot a must\b|\bwould love\b|\bextra points?\b|\bis valued\b|\bwould be ideal\b)",
    re.IGNORECASE,
)
MUST_RE = Regex(
    r"(?=[mreynw])\b(?:must|required|requirement|mandatory|essential|you(?:'ll| will)? need|needs? to (?:have|be)|"
    r"we need|necessary)\b",
    re.IGNORECASE,
)
REQUIRED_RE = Regex(
    r"(?=[spdef\d])\b(?:strong|solid|proven|deep|extensive|significant|demonstrated|demonstrable|expert|expertise|"
    r"proficien(?:t|cy)|fluent|fluency|\d{1,3}\+?\s{0,3}(?:years?|yrs))\b",
    re.IGNORECASE,
)
EEO_RE = Regex(
    r"(?=[ewrp])"
    r"(?:equal (?:opportunity|employment)|without regard to|regardless of|protected (?:veteran|characteristic|by law)|"
    r"reasonable accommodation|e-verify)",
    re.IGNORECASE,
)

# A word every match of a cue holds (lower case): a clause without one needs no search, and a text
# is searched only near them (``scan.py``; ``tests/test_scan.py`` checks each list against its pattern).
CUE_KEYWORDS: dict[str, tuple[str, ...]] = {
    "negated": ("requir", "necessary", "essential", "need", "must", "optional", "against you", "teach"),
    "preferred": (
        "nice", "plus", "bonus", "advantage", "prefer", "desir", "ideal", "helpful", "beneficial", "appreciated",
        "to have", "welcome", "stand out", "must", "love", "extra", "valued",
    ),
    "must": ("must", "requir", "mandatory", "essential", "need", "necessary"),
    "excluded": ("appropriate", "suitable", "intended", "fit for", "looking for"),
    "strong": (
        "strong", "solid", "proven", "deep", "extensive", "significant", "demonstra", "expert", "proficien",
        "fluen", "year", "yr",
    ),
}  # fmt: skip
EEO_KEYWORDS = keywords("equal", "regard", "protected", "accommodation", "e-verify")
for _words in CUE_KEYWORDS.values():
    keywords(*_words)

# Degree levels, highest first.
DEGREE_PATTERNS: list[tuple[str, Regex]] = [
    (
        "phd",
        Regex(
            r"(?=[pdmbjJ])(?:\bph\.?\s?d\b\.?|\bdoctorate\b|\bdoctoral\b|\bdoctor of philosophy\b|"
            r"\b(?-i:M\.D\.|D\.O\.)|"
            # ("Doctor of Medicine (MD or DO)", "MD/DO")
            r"\bdoctor of (?:medicine|osteopathic medicine|pharmacy|dental (?:surgery|medicine)|veterinary medicine)\b|"
            r"(?-i:\bMD(?=\s{0,3}(?:or|/)\s{0,3}DO\b))|"
            # a lawyer's professional doctorate: "Juris Doctor", "JD from an ABA-accredited law school"
            r"\bjuris doctor(?:ate)?\b|(?-i:\bJ\.D\.|\bJD\b(?=\s{0,3}(?:degree|from|or\b|/|\()))|"
            # France's years after the baccalauréat: "Bac+8" a doctorate, "Bac+5" a master's…
            r"\bbac ?\+ ?8\b)",
            re.I,
        ),
    ),
    (
        "master",
        Regex(
            # bare "masters" after a word only when that word leads to a degree ("a Masters in", "BSc or
            # masters"), not after a word it describes ("mosaic masters in Ravenna", "Scrum Masters")
            r"(?=[mpgab])(?:\bmaster's\b|\bbac ?\+ ?5\b|\bpost[- ]?graduation\b|\bmaster’s\b|"
            r"(?:(?<=\ba )|(?<=\ban )|(?<=\bor )|(?<=\band )|(?<=\byour )|"
            r"(?<=\bwith )|(?<=\bhave )|(?<=\bhold )|(?<![^\W\d_] ))\bmasters\b|"
            # (and glued to the word before, where scraping lost a line break: "…practicesMaster's degree",
            # not a name made so: "ScrumMaster")
            r"(?-i:(?<=[a-z])(?=M))master(?:'s|’s|s)\b|\bmasters?\s{1,3}degree\b|\bmba\b|\bm\.?sc\b\.?|\bm\.?eng\b|"
            # (not the training a hospital gives: "postgraduate and undergraduate teaching")
            r"\bpostgraduate\b(?!\s{1,3}(?:and\s{1,3}undergraduate\s{1,3})?(?:training|teaching|students?|education|"
            r"medical|dean\w{0,4}|programmes?|programs?|courses?|research|trainees?|doctors?))|"
            # India's: "M.Tech", "M.E.", "MCA" beside another degree ("B.Tech/MCA", "MCA or M.Sc")
            r"\bm\.?tech\b|(?-i:\bM\.E\b\.?|(?<=/)MCA\b|\bMCA(?=\s{0,3}(?:/|,|or\b|degree\b|in\b)))|\bmpharm\b|"
            r"\bgraduate degree\b|\badvanced degree\b|"
            # ("Master in Computer Science", as Europe's postings write it; not "Scrum Master in a team")
            r"(?-i:(?<!Scrum )(?<!Product )\bMaster\s{1,3}in\s{1,3}(?:[A-Z]|(?i:the\s{1,3}field)))|"
            # a degree by its name: "Master of Science", "Master of Business Administration"
            r"\bmaster of (?:science|arts|engineering|business|education|public|fine|laws|social|computer|"
            r"information|applied|nursing|health)\b|"
            # "MS/PhD", "MS or PhD", "MA in", "BS, MS, or PhD"; not a state ("in MA, RI or NH", "MA or NH")
            r"(?-i:\b(?:M\.S\.|M\.A\.)|\b(?:MS|MA)(?![\w.'’])(?=\s{0,3}(?:/|or\b(?!\s{1,3}[A-Z]{2}\b)|in\b|degree\b|"
            r",\s{0,3}(?:or\s{1,3}|and\s{1,3})?(?:Ph\.?D|MBA|MSc|MS|MA|M\.[SA]\.|doctorate|master)))|"
            # "MS with 3+ years", "MS + 3 years" (not "MA with": Boston, MA with a hybrid schedule)
            r"\bMS(?![\w.'’])(?=\s{0,3}(?:with\b|\+\s{0,3}\d))))",
            re.I,
        ),
    ),
    (
        "bachelor",
        Regex(
            r"(?=[bucfh42agpWH])(?:(?:\b|(?-i:(?<=[a-zA-Z])(?=B)))bachelor(?:'s|’s|s)?\b|\bb\.?sc\b\.?|\bb\.?eng\b|\bb\.?tech\b|"
            # a graduate in a field, as India's boards ask ("Any Graduate", "a graduate in English",
            # "Graduation in any discipline", "Graduation/Post-Graduation in Mathematics"); not a
            # "graduate degree" (a master's) nor "upon graduation"
            r"\bany graduate\b|(?<=\ba )graduate in\b|(?<![-\w])graduat(?:e|ion) in any (?:discipline|stream|field)\b|"
            r"(?<![-\w])graduation(?=\s{0,3}/\s{0,3}post|\s{1,3}in\s{1,3}[A-Z])|"
            # "Bac+3" (a licence), "Bac+4"; the Netherlands' "HBO or WO"; Ireland's "primary degree"
            r"\bbac ?\+ ?[34]\b|\bprimary degree\b|"
            # (the US's formal name for it: "Baccalaureate degree in Mathematics")
            r"\bbaccalaureate(?=\s{1,3}degree)|"
            r"(?-i:\bHBO(?=\s{0,3}(?:/|or\b|degree|diploma|level|bachelor))|(?<=HBO or )WO\b|(?<=HBO/)WO\b)|"
            # a British honours degree by its class: "a 2:1 degree", "a First Class Honours degree"
            r"(?<![\d.:])(?:\b2[:.]1|\bfirst[- ]class|\bupper[- ]second(?:[- ]class)?)\s{1,3}"
            r"(?:honou?rs\s{1,3})?degree\b|"
            # (and the class alone: "a 2:1 or above in Computer Science"; not a version's "2.1 or above")
            r"(?-i:(?<![\d.:])\b2:1(?=\s{1,3}(?:or (?:above|higher|better)\b|in\s{1,3}[A-Z])))|"
            # India's: "B.E./B.Tech", "BCA", "BBA", "B.Com"
            r"(?-i:\bB\.E\b\.?|\bBCA\b|\bBBA\b|\bB\.Com\b\.?|\bBCom\b)|"
            # (a college or university degree is one of no stated level, as labellers read it; a
            # four-year one is a bachelor's)
            r"(?:\b|(?-i:(?<=[a-z])(?=U)))undergraduate degree\b|\bBSN\b|"
            # (a student enrolled for one: "be a currently enrolled undergraduate student")
            r"(?<=enrolled )undergraduate\b|(?<=enrolled as an )undergraduate\b|(?<=be a current )undergraduate\b|"
            r"\bhono(?:u)?rs degree\b|"
            # (and glued to the word before: "…with Meraki4-year technical degree")
            r"(?:\b|(?<=[a-z]))(?:four|4)[- ]year (?:college |university |technical )?degree\b|"
            # (or graduation from such a school: "Graduation from an accredited four year college or university")
            r"\bgraduat(?:ion|ed?)\s{1,3}from\s{1,3}an?\s{1,3}(?:accredited\s{1,3})?(?:four|4)[- ]year\s{1,3}"
            r"(?:college|university)\b|"
            # (and without the last period, or before the master's it lists with: "B.S or M.S degree",
            # "BS MS or PhD")
            r"(?-i:\b(?:B\.S\.|B\.A\.)|\bB\.[SA](?=\s{1,3}or\b)|"
            r"\b(?:BS|BA)(?![\w.'’])(?=\s{0,3}(?:/|or\b|in\b|degree\b|,|MS\b|MA\b)|\s{1,3}"
            # (or before its field: "BS Computer Science", "BA Economics")
            r"(?:Computer|Electrical|Mechanical|Civil|Chemical|Information|Math|Mathematics|Statistics|Physics|"
            r"Engineering|Chemistry|Biology|Finance|Accounting|Economics|Nursing|Business|Psychology|Data|"
            # (or its field's initials: "BS EE/CS or equivalent experience")
            r"EE|CS|ME|CE|ECE|EECS|MIS)\b)|"
            r"\bBS(?![\w.'’])(?=\s{0,3}(?:with\b|\+\s{0,3}\d))))",
            re.I,
        ),
    ),
    (
        "associate",
        Regex(
            # (and a nurse's: "BSN preferred; ADN accepted")
            # (glued to the word before it too: "…in a teamAssociate's degree in…")
            # (and to the word after it: "Educational Requirements: Associates DegreeMinimum Experience:")
            # (its apostrophe after the s too: "Requires an Associates’ Degree")
            r"(?:\b|(?-i:(?<=[a-z])(?=A)))associate(?:'s|’s|s['’]?)? degree(?:\b|(?-i:(?=[A-Z][a-z])))|"
            r"\bassociate of (?:arts|science)\b|(?-i:\bA\.?[AS]\.?(?=\s{1,3}degree\b))|"
            r"(?-i:\bADN\b)|"
            # (Indeed's education line: "Education: Associate (Required)")
            r"(?-i:\bAssociate(?=\s{0,3}\((?:Required|Preferred)\)))|"
            r"\bbac ?\+ ?2\b|"
            # Canada's Job Bank: a college diploma of a one- or two-year program or longer
            r"\bcollege, cegep or other non-university certificate or diploma from a program of "
            r"(?:1 year to 2 years|more than 2 years)|"
            # (or before another degree it shares "degree" with: "an associates or college degree")
            r"(?:\b|(?-i:(?<=[a-z])(?=A)))associate(?:'s|’s|s['’]?)?(?=\s{0,3}(?:or|/)\s{0,3}(?:an?\s{1,3})?"
            r"(?:bachelor|college\s{1,3}degree|university\s{1,3}degree))",
            re.I,
        ),
    ),
    (
        "high_school",
        Regex(
            # (not a school's kind or its staff: "High School Teaching", "high school students")
            # (nor the schools taught at: "focusing on middle and high school", "Middle School/High School")
            r"(?=[hgsa1mlSHGMO])(?:(?:\b|(?-i:(?<=[a-z])(?=H)))(?<!middle and )(?<!middle & )(?<!middle school/)"
            # (nor a setting: "advising or counseling in higher education or high school")
            r"(?<!middle/)(?<!\bin )(?<!\bat )(?<!education or )high[- ]school\b"
            r"(?!\s{1,3}(?:teach\w{0,5}|math\w{0,8}|english|science|history|counsel\w{0,5}|principal|students?|"
            # (nor the schools an employer calls on: "25-100+ high school visits")
            r"coach\w{0,5}|visits?|fairs?|events?|outreach|seniors|juniors))(?![- ]aged\b)|"
            # (and glued to the next line's capital: "High school diploma or GEDAuthorization to work…")
            r"\bGED(?:\b|(?-i:(?=[A-Z][a-z])))|"
            # (Singapore's, Malaysia's and South Africa's: "GCE 'O' Level", "Matric (Grade 12)")
            r"(?-i:\bGCE\b|\bO[- ]Levels?\b|\bMatric\b)|\bgrade 12\b|"
            r"\bsecondary (?:\(high\) )?school\b|"
            # as India, Malaysia and Europe name it: "12th pass", "10+2", "HSC", "Minimum SPM", "Abitur"
            r"\b12th (?:pass|grade|standard|std)\b|(?<![\d+])\b10\s?\+\s?2\b(?!\s?\d)|\bhigher secondary\b|"
            r"(?-i:\bHSC\b|\bSTPM\b|(?<=[Mm]inimum )SPM\b|"
            r"\bSPM(?=\s{0,3}(?:/|or\b|certificate|holders?|qualification))|"
            r"\bAbitur\b|\bMatura\b|\bMittlere Reife\b)|\bleaving cert(?:ificate)?\b|"
            # A-levels, in capitals: not "a level of autonomy", "a Level III NICU"
            r"(?-i:\bA[- ]?[Ll]evels\b|\bA-[Ll]evel\b|\bA Level(?=\s{1,3}(?:in|or|and|grades?|results?|qualifications?|"
            r"standard|equivalent)\b|\s{0,3}[(/,]))|\bGCSEs?\b)",
            re.I,
        ),
    ),
]
# a word every match of a level holds: lower case, and as written ("MS" and "BA" are words only in capitals)
DEGREE_KEYWORDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "phd": (("ph", "doctor", "bac+", "bac +", "juris"), ("M.D.", "D.O.", "J.D.", "JD", "MD")),
    "master": (
        ("master", "mba", "msc", "m.sc", "meng", "m.eng", "mtech", "m.tech", "mpharm", "graduat", "advanced degree",
         "bac+", "bac +"),
        ("M.S.", "M.A.", "MS", "MA", "M.E", "MCA"),
    ),
    "bachelor": (
        ("bachelor", "bsc", "b.sc", "beng", "b.eng", "btech", "b.tech", "undergraduate degree", "bsn",
         "university degree", "college degree", "year degree", "year technical", "honours degree", "honors degree",
         "2:1", "2.1", "first class", "first-class", "upper second", "upper-second", "graduat", "bac+", "bac +",
         "primary degree", "baccalaureate"),
        ("B.S", "B.A", "BS", "BA", "B.E", "BCA", "BBA", "B.Com", "BCom", "HBO", "WO"),
    ),
    "associate": (("associate", "bac+", "bac +", "cegep"), ("ADN", "AS", "AA", "A.S", "A.A")),
    "high_school": (
        ("high", "ged", "secondary", "level", "gcse", "12th", "10+2", "10 +2", "leaving cert", "grade 12"),
        ("HSC", "STPM", "SPM", "Abitur", "Matura", "Mittlere Reife", "GCE", "O-Level", "O Level", "Matric"),
    ),
    "any": (("degree",), ()),
}  # fmt: skip
for _words, _cased in DEGREE_KEYWORDS.values():
    keywords(*_words)
    keywords_as_written(*_cased)
# a degree of no stated level ("a degree in a quantitative field"): it names education, not a level
ANY_DEGREE_RE = Regex(r"\bdegree\b", re.I)
