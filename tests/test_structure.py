"""Posting structure, driven by tests/cases/structure.jsonl: required vs preferred, boilerplate,
alternatives, years, seniority, education, certifications, salary, place and employment type."""

from __future__ import annotations

import pytest
from conftest import load_cases

CASES = load_cases("structure.jsonl")


def _check(result, expect: dict) -> list[str]:
    problems: list[str] = []

    def differ(what: str, got: object, want: object) -> None:
        if got != want:
            problems.append(f"{what}: got {got!r}, want {want!r}")

    for skill_id, want in expect.get("required", {}).items():
        match = result.get(skill_id)
        differ(f"required[{skill_id}]", match.required if match else "<not found>", want)
    for skill_id in expect.get("boilerplate", []):
        match = result.get(skill_id)
        differ(f"boilerplate[{skill_id}]", match.boilerplate if match else "<not found>", True)
    for skill_id in expect.get("not_boilerplate", []):
        match = result.get(skill_id)
        differ(f"boilerplate[{skill_id}]", match.boilerplate if match else "<not found>", False)
    groups = [set(g) for g in result.alternatives]
    for group in expect.get("alternatives", []):
        if set(group) not in groups:
            problems.append(f"alternatives: {group} not in {result.alternatives}")
    if expect.get("no_alternatives"):
        differ("alternatives", result.alternatives, ())
    for skill_id, want in expect.get("skill_years", {}).items():
        match = result.get(skill_id)
        differ(f"years[{skill_id}]", match.years if match else "<not found>", want)
    for skill_id in expect.get("no_years", []):
        match = result.get(skill_id)
        differ(f"years[{skill_id}]", match.years if match else None, None)
    if "years" in expect:
        want = expect["years"]
        got = result.years
        differ("years.min", got.min if got else None, want.get("min"))
        if "max" in want:
            differ("years.max", got.max if got else None, want["max"])
    for key in ("seniority", "work_mode", "employment_type", "title"):
        if key in expect:
            differ(key, getattr(result, key), expect[key])
    if "education" in expect:
        want, got = expect["education"], result.education
        for key in ("level", "equivalent_experience", "required"):
            if key in want:
                default = False if key == "equivalent_experience" else None
                differ(f"education.{key}", getattr(got, key) if got else default, want[key])
        fields = [f.lower() for f in (got.fields if got else ())]
        for name in want.get("fields", []):
            if not any(name.lower() in f for f in fields):
                problems.append(f"education.fields: {name!r} not in {fields}")
    for skill_id, want in expect.get("certifications", {}).items():
        match = result.get(skill_id)
        differ(f"certification[{skill_id}]", match.required if match else "<not found>", want)
    if "salary" in expect:
        want, got = expect["salary"], result.salary
        for key in ("min", "max", "currency", "period"):
            if key in want:
                differ(f"salary.{key}", getattr(got, key) if got else None, want[key])
    places = [p.lower() for p in result.locations]
    for place in expect.get("locations", []):
        if not any(place.lower() in p for p in places):
            problems.append(f"locations: {place!r} not in {result.locations}")
    return problems


def test_the_case_table_covers_every_part_of_the_structure():
    assert len(CASES) >= 60
    keys = {key for case in CASES for key in case["expect"]}
    assert {"required", "boilerplate", "alternatives", "skill_years", "years", "seniority", "education",
            "certifications", "salary", "work_mode", "locations", "employment_type"} <= keys  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c["why"] for c in CASES])
def test_posting_structure(extractor, case):
    problems = _check(extractor.extract(case["text"]), case["expect"])
    assert not problems, "; ".join(problems)


JOB_POSTING = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    "title": "Staff Data Engineer",
    "description": "<p>Build our lakehouse on Databricks.</p>",
    "qualifications": "Strong Scala; Apache Kafka",
    "skills": ["Terraform", "dbt"],
    "experienceRequirements": {"@type": "OccupationalExperienceRequirements", "monthsOfExperience": 96},
    "educationRequirements": {"@type": "EducationalOccupationalCredential", "credentialCategory": "bachelor degree"},
    "employmentType": ["CONTRACTOR"],
    "jobLocationType": "TELECOMMUTE",
    "applicantLocationRequirements": {"@type": "Country", "name": "Germany"},
    "baseSalary": {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {"@type": "QuantitativeValue", "minValue": 700, "maxValue": 800, "unitText": "DAY"},
    },
}


def test_schema_org_fields_feed_the_structure(extractor):
    import json

    from jobmatch.sources import posting_from_json

    [posting] = posting_from_json(json.dumps(JOB_POSTING), "job.json")
    result = extractor.extract(posting)
    assert result.title == "Staff Data Engineer"
    assert result.seniority == "staff"
    assert result.salary is not None
    assert (result.salary.min, result.salary.max, result.salary.currency, result.salary.period) == (
        700,
        800,
        "EUR",
        "day",
    )
    assert result.employment_type == "contract"
    assert result.work_mode == "remote"
    assert "Germany" in result.locations
    assert result.years is not None and result.years.min == 8
    assert result.education is not None and result.education.level == "bachelor"
    for skill_id in ("scala", "apache_kafka", "terraform", "dbt"):
        match = result.get(skill_id)
        assert match is not None and match.required is True, skill_id


def test_structure_is_the_same_whether_read_early_late_or_in_another_process(extractor):
    text = "Requirements\n- 5+ years of Python\n- PyTorch or TensorFlow\n\nNice to have\n- Kubernetes\n"
    [piped] = list(extractor.pipe([text], n_process=2))
    direct = extractor.extract(text)
    assert piped.to_dict() == direct.to_dict()
    assert direct.get("python").years == 5 and direct.get("kubernetes").required is False
    assert direct.alternatives == (("pytorch", "tensorflow"),)


def test_company_comes_from_the_source_fields_whatever_their_shape():
    from jobmatch.reading.employment import read_company

    assert read_company({"hiringOrganization": {"@type": "Organization", "name": " Acme "}}) == "Acme"
    assert read_company({"company": "Pinecrest Outdoor Co."}) == "Pinecrest Outdoor Co."
    assert read_company({"hiringOrganization": ["odd"]}) is None
    assert read_company({}) is None and read_company(None) is None


def test_a_lost_line_break_between_glued_words_parts_clauses_but_a_name_written_so_does_not():
    from jobmatch.reading.layout import Layout

    text = (
        "JavaScript, TypeScript, PowerPoint, QuickBooks, WordPress, iPhone and eBay skillsAbility to travel "
        "insurancePaid time off QualificationsBachelor's degree Job DescriptionThis role"
    )
    layout = Layout.of(text)
    glued = [text[p : p + 8] for p in layout._glued]
    assert glued == ["Ability ", "Paid tim", "Bachelor", "This rol"]
    start = text.index("Paid")
    assert text[slice(*layout.clause_around(start, start + 4))] == "Paid time off Qualifications"


def test_an_equal_opportunity_statement_in_a_posting_without_blank_lines_is_only_that_statement(extractor):
    # scraped text often keeps no blank line: the whole posting is one paragraph, and its
    # equal-opportunity statement at the end must not make every requirement boilerplate
    duties = "".join(
        f"Own the {area} roadmap and report on it to the leadership team every quarter.\n"
        for area in ("pricing", "billing", "payments", "reporting", "onboarding", "support", "retention", "growth")
    )
    text = (
        "Senior Data Analyst\nAbout the role\n" + duties * 3 + "What you need\n"
        "Bachelor's degree in Economics or Statistics.\n4+ years of experience with SQL and Tableau.\n"
        "Strong Python skills for analysis.\n"
        "Acme is an equal opportunity employer. All qualified applicants will receive consideration for "
        "employment without regard to race, religion, age or disability. Reasonable accommodation and "
        "Microsoft Teams interviews are available on request.\n"
    )
    assert "\n\n" not in text and len(text) > 1500
    result = extractor.extract(text)
    skills = {s.id: s for s in result.skills}
    assert not any(skills[i].boilerplate for i in ("sql", "tableau", "python"))
    assert skills["microsoft_teams"].boilerplate  # named in the statement itself
    fields = result.to_dict()
    assert fields["education"]["level"] == "bachelor" and fields["years"]["min"] == 4
    # a statement in a paragraph of its own still makes what it names boilerplate, however short
    short = extractor.extract(
        "Data Analyst\n\nSQL required.\n\nWe are an equal opportunity employer; interviews on Microsoft Teams."
    )
    assert {s.id: s.boilerplate for s in short.skills} == {"sql": False, "microsoft_teams": True}


def test_a_short_posting_scraped_into_one_line_reads_its_sections_clauses_and_statement(extractor):
    # one line, its headers kept inline; a header right after a name ("…in Snowflake What You'll
    # Bring"); the equal-opportunity sentence at its end is the statement, not the whole posting
    text = (
        "Senior Data Engineer About the job Acme Health is transforming patient outcomes with data. "
        "This is a hybrid role based in our Boston, MA office (3 days/week). What You'll Do Build and "
        "maintain pipelines in Spark and Kafka Own our dbt models in Snowflake What You'll Bring 5+ years "
        "of experience in data engineering Strong SQL and Python Bachelor's degree in Computer Science or "
        "a related field Nice to Have Experience with Airflow and dbt tests Benefits Medical, dental, 401(k) and "
        "Microsoft Teams licences Acme Health is an equal opportunity employer."
    )
    assert "\n" not in text and len(text) < 1500
    result = extractor.extract(text)
    skills = {s.id: s for s in result.skills}
    assert [skills[i].required for i in ("sql", "python", "apache_airflow", "apache_kafka")] == [
        True,
        True,
        False,
        None,
    ]
    assert not any(skills[i].boilerplate for i in ("sql", "python", "apache_airflow", "apache_kafka"))
    assert skills["microsoft_teams"].boilerplate
    assert result.years is not None and result.years.min == 5
    assert result.education is not None and result.education.level == "bachelor" and result.education.required


def test_a_company_blurb_opening_a_posting_scraped_into_one_line_does_not_take_the_whole_line(extractor):
    blurb = (
        "About Us: Brightline is a forward-thinking insurance broker that our clients trust, and we run on "
        "Salesforce. " * 5
    )
    duties = "You will review claims, prepare renewals and keep client files in order every day. " * 12
    text = (
        "Insurance Agent\n" + blurb + duties + "What you need: 2+ years of experience with Microsoft Excel and "
        "HubSpot, and strong negotiation skills."
    )
    assert text.count("\n") == 1 and len(text.splitlines()[1]) > 1500
    result = extractor.extract(text)
    skills = {s.id: s for s in result.skills}
    assert skills["salesforce"].boilerplate  # the company's own tools, in its blurb
    assert not any(skills[i].boilerplate for i in ("microsoft_excel", "hubspot", "negotiation"))
    assert result.to_dict()["years"]["min"] == 2


def test_a_degree_named_bachelor_of_science_in_a_field_is_a_degree_in_that_field(extractor):
    # (the case table checks fields by containment: "Science in Accounting" would pass there)
    text = "Staff Accountant\n\nRequirements:\n- Bachelor of Science in Accounting or Finance\n- 2+ years in audit"
    education = extractor.extract(text).education
    assert education is not None and education.level == "bachelor"
    assert education.fields == ("Accounting", "Finance")


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        # the fields follow the degree: not "USA - Bachelor's degree" from "For roles in USA - …"
        (
            "For roles in USA - Bachelor's degree in Business Administration from an accredited university",
            ("Business Administration",),
        ),
        # a lost line break ends a field's name; words that end no name are left off
        ("Bachelor's degree in Civil EngineeringUnderground pipeline estimating experience", ("Civil Engineering",)),
        (
            "Bachelor's degree in Computer Engineering or Information Technology field of study",
            ("Computer Engineering", "Information Technology"),
        ),
        # a degree named among the fields is none of them
        (
            "Bachelor's degree in Computer Science or Bioinformatics, Master's Degree or PhD a plus",
            ("Computer Science", "Bioinformatics"),
        ),
        # and a degree by its letters: "MS" after the field
        ("PhD in Machine Learning, or MS with 3+ years industry experience", ("Machine Learning",)),
        ("BS in Mechanical Engineering required, MS in Mechanical Engineering preferred", ("Mechanical Engineering",)),
        # a field right after a degree's letters, with no "in": not a word of the requirement itself
        ("BSc Computer Science or equivalent", ("Computer Science",)),
        ("BSc (Hons) Radiography or equivalent.", ("Radiography",)),
        ("BA Economics, Finance or Accounting", ("Economics", "Finance", "Accounting")),
        ("BS Computer Science, 5 years of Python", ("Computer Science",)),
        ("BSc Degree in Maths", ("Maths",)),
        # years after the degree end its fields: Java is what the years are in
        ("B.Tech/MCA with 3+ years in Java", ()),
        # nor does the year the degree was completed
        ("Completed a Bachelor of Nursing in 2025 or 2026", ("Nursing",)),
        (
            "Bachelor's degree or equivalent in Computer Science 2+ years' experience in JavaScript, HTML5",
            ("Computer Science",),
        ),
    ],
)
def test_an_education_s_fields_are_the_names_after_its_degree(extractor, text, fields):
    education = extractor.extract("Analyst\n\nRequirements:\n- " + text).education
    assert education is not None and education.fields == fields


@pytest.mark.parametrize(
    ("line", "locations"),
    [
        ("Locations: New York, NY; San Francisco, CA", ("New York, NY", "San Francisco, CA")),
        ("Work location: Manchester", ("Manchester",)),
        ("Location - Dublin, Ireland", ("Dublin, Ireland",)),
        ("Based in Berlin, we build payment software.", ("Berlin",)),
        # a job board's values that name no place, and what scraping glued after a place
        ("Work Location: One location", ()),
        ("Work Location : Fully remote", ()),
        ("Locations – working within community locations throughout the Plymouth area", ()),
        ("Location - Fort Myers, FL Full Time / Permanent Pay rate - $40 - $47", ("Fort Myers, FL",)),
        # a city and its country beyond the US and Canada, unlabelled; not a list of countries or of
        # cities, nor a company's or a unit's name
        ("Berlin, Germany · Hybrid", ("Berlin, Germany",)),
        ("Bengaluru, Karnataka, India (3 days WFO)", ("Bengaluru, Karnataka, India",)),
        ("Newcastle Upon Tyne, UK", ("Newcastle Upon Tyne, UK",)),
        ("Sydney, NSW (hybrid)", ("Sydney, NSW",)),
        # an Australian address: suburb, state, postcode; not a US street address's five-digit ZIP
        ("Royal North Shore Hospital, St Leonards NSW 2065", ("St Leonards NSW 2065",)),
        ("Our office: 1200 Pine St, Seattle WA 98101", ()),
        # a word after "Remote (" that says something else of the work is no place
        ("Work Arrangement: Remote (Must be based in the UK)", ("UK",)),
        ("Remote (Work from anywhere)", ()),
        ("Remote (Anywhere in the US) · $120K - $150K", ("US",)),
        ("Location: Wrocław (Fully remote possible)", ("Wrocław",)),
        ("We have built projects for clients from the USA, Canada, Mexico, Brazil and Turkey.", ()),
        ("Our teams sit in London, Paris, Berlin, Dubai, Mumbai, Singapore and Tokyo.", ()),
        ("Acme Ltd, UK is an equal opportunities employer.", ()),
        # a short line that names a place beside the mode; not a title or a term beside it
        ("Kraków / Remote", ("Kraków",)),
        ("📍 Lisbon | Fully Remote", ("Lisbon",)),
        ("On-site in Leeds", ("Leeds",)),
        ("Data Engineer - Remote", ()),
        ("Remote / Contract", ()),
        ("Office / Remote", ()),
        ("Hybrid: 3 days in the office", ()),
    ],
)
def test_the_places_a_posting_names(extractor, line, locations):
    assert extractor.extract(f"Data Analyst\n\nWe analyse claims in SQL.\n{line}\n").locations == locations


def test_a_place_beside_the_mode_is_read_in_the_postings_head_only(extractor):
    """Under the title, "Lisbon / Remote" says where the job is; far down the page, such a line is
    as likely a list of the company's other offices or openings."""
    body = "We are a design studio.\n" + "You will design onboarding flows in Figma with our product team.\n" * 12
    assert extractor.extract(f"Product Designer\nLisbon / Remote\n\n{body}").locations == ("Lisbon",)
    assert extractor.extract(f"Product Designer\n\n{body}\nLisbon / Remote\n").locations == ()


# (each label past the 45 characters a line's own opening label is looked for in)
@pytest.mark.parametrize(
    ("line", "cuts"),
    [
        # a label that opens a sentence inside a line heads what follows it
        (
            "We are hiring a data engineer for our payments platform. Requirements: 5+ years of Python.",
            [("required", "Requirements")],
        ),
        (
            "Join our friendly payments team in central Leeds this spring. Nice to have: Go. Must have: Java.",
            [("preferred", "Nice to have"), ("required", "Must have")],
        ),
        (
            "The clinic opens at eight and closes at six each weekday. 2. Administrative Duties: filing.",
            [("responsibilities", "Administrative Duties")],
        ),
        # not a label's second word, a company's label (its end unknown), a fact, a web address, a word mid-sentence
        (
            "We are hiring a data engineer for our payments platform. Preferred Qualifications: Go.",
            [("required", "Preferred Qualifications")],  # (the only list: as a header line's)
        ),
        ("We build tools for accountants and their many clients. About Us: a team of ten in Leeds.", []),
        ("We build tools for accountants and their many clients. Salary: £40,000 a year.", []),
        (
            "We build tools for accountants and their many clients. The position is posted at https://example.org/jobs.",
            [],
        ),
        ("We build tools for accountants and their clients, with the Requirements: team on audits.", []),
    ],
)
def test_a_label_inside_a_line_that_is_not_flat(line, cuts):
    from jobmatch.reading import Layout

    sections = Layout.of(f"Data Engineer\n{line}\nBenefits\n- A pension").sections
    assert [(s.kind, s.header) for s in sections[1:-1]] == cuts
    assert (sections[0].kind, sections[-1].kind) == (None, "boilerplate")
