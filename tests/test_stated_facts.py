"""The common ways a posting states its terms, one sentence each inside an ordinary posting: each
reads as a person reads it, and what only looks like one reads nothing."""

from __future__ import annotations

import pytest

from jobmatch.extract import SkillExtractor

POSTING = (
    "Software Engineer\n\nAbout the job\nWe build payment software for small businesses.\n{sentence}\n\n"
    "Responsibilities\nWrite code and review it."
)

WORK_MODE = [
    ("This is a hybrid role.", "hybrid"),
    ("Hybrid working (2 days in the office).", "hybrid"),
    ("You'll be in the office 3 days a week.", "hybrid"),
    ("We work from the office Tuesday to Thursday and from home on Mondays and Fridays.", "hybrid"),
    ("Home working is available 2 days per week.", "hybrid"),
    ("We expect you in the office at least three days per week.", "hybrid"),
    ("Our team works in a hybrid model with two anchor days.", "hybrid"),
    ("Onsite 4 days/week, 1 day remote.", "hybrid"),
    ("3 days in office, 2 days WFH", "hybrid"),
    ("Fully remote within the UK.", "remote"),
    ("Location: Anywhere", "remote"),
    ("You can work from anywhere in the US.", "remote"),
    ("This position can be performed remotely from anywhere in Canada.", "remote"),
    ("Work remotely with quarterly team offsites.", "remote"),
    ("The team is distributed across Europe and works remotely.", "remote"),
    ("This role is 100% onsite.", "on-site"),
    ("This role requires you to be in the office five days a week.", "on-site"),
    ("Must be able to commute to our Austin office.", "on-site"),
    ("You will work from our London office.", "on-site"),
    ("The role is office based.", "on-site"),
    ("This is not a remote position.", "on-site"),
    ("Remote work is not available for this position.", "on-site"),
    ("This is an in-office role in Chicago.", "on-site"),
    ("The successful candidate will be based in our Manchester office.", "on-site"),
    ("You will be required to work on site at our plant in Dayton.", "on-site"),
    ("This is a field-based role covering the North West.", None),
    ("Occasional remote work may be possible.", None),
    ("We use a hybrid model with transformers and rules.", None),
]
TERMS = [
    ("employment_type", "This is a full-time, permanent position.", "full-time"),
    ("employment_type", "This is a 12-month fixed-term contract.", "contract"),
    ("employment_type", "We are hiring for a part-time role (20 hours per week).", "part-time"),
    ("employment_type", "This is a contract-to-hire opportunity.", "contract"),
    ("employment_type", "Summer internship, June to August.", "internship"),
    ("employment_type", "This is a temporary position for 3 months.", "temporary"),
    ("employment_type", "Hours: 37.5 per week, Monday to Friday.", None),
    ("seniority", "We are looking for a mid-level engineer to join the team.", "mid"),
    ("seniority", "This is an entry-level position.", "junior"),
    ("seniority", "You will mentor junior engineers.", None),
    ("seniority", "You will report to the Engineering Manager.", None),
    ("years", "3-5 years of experience in backend development.", (3.0, 5.0)),
    ("years", "At least two years' experience with Python.", (2.0, None)),
    ("years", "Minimum of 4 years in a similar role.", (4.0, None)),
    ("years", "You bring 7+ yrs. of industry experience.", (7.0, None)),
    ("years", "A decade of experience in software.", (10.0, None)),
    ("years", "We have been in business for 25 years.", None),
    ("years", "Ideally 3+ years of experience, but we are open to juniors.", None),
    ("education", "A Master's degree is required; a PhD is a plus.", "master"),
    ("education", "BSc/MSc in a quantitative field.", "bachelor"),
    ("education", "High school diploma or GED required.", "high_school"),
    ("education", "A degree is nice to have but not required.", None),
    ("education", "Bachelor's degree preferred.", None),
    ("salary", "Pay: $22 - $26 per hour", (22.0, 26.0, "USD", "hour")),
    ("salary", "We offer £50,000 - £60,000 per annum plus benefits.", (50000.0, 60000.0, "GBP", "year")),
    ("salary", "Salary: up to €75k.", (None, 75000.0, "EUR", "year")),
    ("salary", "Base salary of $95K-$110K + equity.", (95000.0, 110000.0, "USD", "year")),
    ("salary", "Daily rate: £450-£500", (450.0, 500.0, "GBP", "day")),
    ("salary", "Competitive salary and benefits.", None),
]


@pytest.fixture(scope="module")
def extractor() -> SkillExtractor:
    return SkillExtractor()


def _read(field: str, value: object) -> object:
    if not value or not isinstance(value, dict):
        return value or None
    if field == "years":
        return (value["min"], value["max"])
    if field == "education":
        return value["level"]
    return (value["min"], value["max"], value["currency"], value["period"])


@pytest.mark.parametrize(("sentence", "want"), WORK_MODE)
def test_a_stated_work_mode_reads_as_said(extractor: SkillExtractor, sentence: str, want: str | None) -> None:
    assert extractor.extract(POSTING.format(sentence=sentence)).to_dict()["work_mode"] == want


@pytest.mark.parametrize(("field", "sentence", "want"), TERMS)
def test_a_stated_term_reads_as_said(extractor: SkillExtractor, field: str, sentence: str, want: object) -> None:
    assert _read(field, extractor.extract(POSTING.format(sentence=sentence)).to_dict()[field]) == want


# pay as boards and employers across the world write it
PAY = [
    ("Salary: €45.000 - €55.000 brutto/Jahr", (45000.0, 55000.0, "EUR", "year")),
    ("Salary: CHF 120'000 - 140'000 per year", (120000.0, 140000.0, "CHF", "year")),
    ("Pay: $120K–$140K/yr", (120000.0, 140000.0, "USD", "year")),
    ("CTC: ₹12-18 LPA", (1200000.0, 1800000.0, "INR", "year")),
    ("Salary: AUD 130k + super", (130000.0, 130000.0, "AUD", "year")),
    ("Salary: R 45,000 per month", (45000.0, 45000.0, "ZAR", "month")),
    ("PLN 15 000 - 20 000 net B2B", (15000.0, 20000.0, "PLN", "month")),
    ("Up to $50/hr", (None, 50.0, "USD", "hour")),
    ("Salary from $80,000", (80000.0, None, "USD", "year")),
    ("S$5,000 - S$6,000 monthly", (5000.0, 6000.0, "SGD", "month")),
    ("Salary: 550 000 - 650 000 SEK per year", (550000.0, 650000.0, "SEK", "year")),
    ("Weekly pay: $1,200", (1200.0, 1200.0, "USD", "week")),
]
# degrees as postings name them, under a requirements heading
DEGREES = [
    ("B.Tech / B.E. in any discipline", "bachelor"),
    ("Degree in Engineering (2:1 or above)", "bachelor"),
    ("4-year degree required", "bachelor"),
    ("Currently pursuing a Bachelor's degree", "bachelor"),
    ("Master's degree preferred; Bachelor's required", "bachelor"),
    ("A graduate degree in Economics", "master"),
    ("GCSEs in English and Maths (grade C or above)", "high_school"),
    ("Juris Doctor (JD) from an ABA-accredited law school", "phd"),
    ("University degree in a technical field", None),
    ("No degree required", None),
]
# titles and the level they state
TITLES = [
    ("Sr. Software Engineer", "senior"),
    ("Mid-Level Java Developer", "mid"),
    ("Head of Data", "director"),
    ("Software Engineering Internship (Summer 2025)", "intern"),
    ("Entry Level Accountant", "junior"),
    ("Software Engineer III", None),
    ("Staff Nurse", None),
    ("Senior/Lead Backend Engineer", None),
    ("Senior Living Cook", None),
    ("Lead Generation Specialist", None),
    ("Assistant Vice President, Analytics", None),
]


@pytest.mark.parametrize(("sentence", "want"), PAY)
def test_pay_reads_as_written_anywhere(extractor: SkillExtractor, sentence: str, want: object) -> None:
    assert _read("salary", extractor.extract(POSTING.format(sentence=sentence)).to_dict()["salary"]) == want


@pytest.mark.parametrize(("line", "want"), DEGREES)
def test_a_degree_asked_reads_at_its_level(extractor: SkillExtractor, line: str, want: str | None) -> None:
    text = f"Analyst\n\nAbout the job\nWe build payment software.\n\nRequirements\n- {line}\n\nBenefits\nA pension."
    assert _read("education", extractor.extract(text).to_dict()["education"]) == want


@pytest.mark.parametrize(("title", "want"), TITLES)
def test_a_title_states_its_level_or_none(extractor: SkillExtractor, title: str, want: str | None) -> None:
    text = f"{title}\n\nAbout the job\nWe build payment software.\n\nResponsibilities\nWrite code and review it."
    assert extractor.extract(text).to_dict()["seniority"] == want
