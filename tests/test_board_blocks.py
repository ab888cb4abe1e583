"""A job board's block of facts, as scraping gives it: each label with its value on the same line,
on the next, a blank line on, in bold, bulleted or after a bar. Every layout reads the same."""

from __future__ import annotations

import pytest

from jobmatch.extract import SkillExtractor

LAYOUTS = ["{l}: {v}", "{l}:\n{v}", "{l}\n{v}", "**{l}:** {v}", "- {l}: {v}", "{l} | {v}", "{l}:\n\n{v}"]

# (field, label, value, what the field reads)
BLOCKS = [
    ("work_mode", "Workplace type", "Remote", "remote"),
    ("work_mode", "Workplace type", "Hybrid", "hybrid"),
    ("work_mode", "Workplace type", "On-site", "on-site"),
    ("work_mode", "Work arrangement", "Hybrid", "hybrid"),
    ("work_mode", "Remote status", "Fully Remote", "remote"),
    ("work_mode", "Remote", "Yes", "remote"),
    ("work_mode", "Work Location", "Hybrid remote in Austin, TX", "hybrid"),
    ("work_mode", "Location", "Remote (US)", "remote"),
    ("employment_type", "Employment type", "Full-time", "full-time"),
    ("employment_type", "Job Type", "Part-time", "part-time"),
    ("employment_type", "Contract type", "Permanent", "full-time"),
    ("employment_type", "Contract type", "Fixed term", "contract"),
    ("employment_type", "Job type", "Temporary", "temporary"),
    ("employment_type", "Employment", "Internship", "internship"),
    ("employment_type", "Engagement", "Freelance", "freelance"),
    ("employment_type", "Contract", "B2B", "contract"),
    ("seniority", "Seniority level", "Mid-Senior level", None),
    ("seniority", "Seniority level", "Entry level", "junior"),
    ("seniority", "Seniority level", "Director", "director"),
    ("seniority", "Experience level", "Senior", "senior"),
    ("seniority", "Career level", "Senior", "senior"),
    ("seniority", "Position level", "Manager", "manager"),
    ("seniority", "Job level", "Mid", "mid"),
    ("years", "Experience", "5 years", (5.0, None)),
    ("years", "Years of experience", "3-5", (3.0, 5.0)),
    ("years", "Experience required", "2+ years", (2.0, None)),
    ("years", "Work experience", "4+ years", (4.0, None)),
    ("education", "Education", "Bachelor's degree", "bachelor"),
    ("education", "Education level", "High school or equivalent", "high_school"),
    ("education", "Minimum education", "Associate degree", "associate"),
    ("salary", "Salary", "$90,000 - $110,000 per year", (90000.0, 110000.0, "USD", "year")),
    ("salary", "Compensation", "£45k-£55k", (45000.0, 55000.0, "GBP", "year")),
    ("salary", "Hourly rate", "$30 - $35", (30.0, 35.0, "USD", "hour")),
]
POSTING = (
    "Software Engineer\n\nAbout the job\nWe build payment software for small businesses.\n\n{block}\n\n"
    "Responsibilities\nWrite code and review it."
)


@pytest.fixture(scope="module")
def extractor() -> SkillExtractor:
    return SkillExtractor()


def _read(field: str, value: object) -> object:
    if not value:
        return None
    if field == "years":
        return (value["min"], value["max"])  # type: ignore[index]
    if field == "education":
        return value["level"]  # type: ignore[index]
    if field == "salary":
        return (value["min"], value["max"], value["currency"], value["period"])  # type: ignore[index]
    return value


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize(("field", "label", "value", "want"), BLOCKS)
def test_a_board_fact_reads_the_same_in_every_layout(
    extractor: SkillExtractor, field: str, label: str, value: str, want: object, layout: str
) -> None:
    text = POSTING.format(block=layout.format(l=label, v=value))
    assert _read(field, extractor.extract(text).to_dict()[field]) == want


def test_a_label_with_no_value_reads_nothing(extractor: SkillExtractor) -> None:
    text = POSTING.format(block="Employment type:\n\nSeniority level:\n\nYears of experience:")
    fields = extractor.extract(text).to_dict()
    assert (fields["employment_type"], fields["seniority"], fields["years"]) == (None, None, None)
