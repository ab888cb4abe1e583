"""Profiles: TOML files people edit, résumés (.txt, .md, .pdf), and the errors they can carry."""

from __future__ import annotations

import pytest
from conftest import SAMPLES

from jobmatch.profile import ProfileError, load_profile, profile_to_toml

GOOD = """# my profile
[profile]
name = "Ada"

[skills]
Python = 6
k8s = { years = 2, level = "intermediate" }
"scikit learn" = true
Pytorc = 3
"""


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_toml_profile_names_skills_by_any_alias_with_years_and_levels(tmp_path, extractor):
    profile = load_profile(_write(tmp_path, "me.toml", GOOD), extractor=extractor)
    assert profile.name == "Ada"
    assert set(profile.skills) == {"python", "kubernetes", "scikit_learn"}
    assert profile.skills["python"].years == 6
    k8s = profile.skills["kubernetes"]
    assert (k8s.years, k8s.level, k8s.given_as, k8s.name) == (2, "intermediate", "k8s", "Kubernetes")
    assert profile.skills["scikit_learn"].years is None


def test_unknown_names_are_kept_aside_with_the_closest_known_skills(tmp_path, extractor):
    profile = load_profile(_write(tmp_path, "me.toml", GOOD), extractor=extractor)
    [(name, suggestions)] = profile.unknown
    assert name == "Pytorc"
    assert "PyTorch" in suggestions


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[skills]\nPython = 6\nGo = \n", "me.toml:3: invalid TOML"),
        ("[skills]\nPython = 6\nGo = -2\n", "me.toml:3: years for 'Go' must be a number from 0 to 60"),
        ('[skills]\nPython = 6\n"Go" = "lots"\n', "me.toml:3: 'Go' must be true, a number of years"),
        ('[skills]\nPython = { years = 2, level = "guru" }\n', "me.toml:2: level for 'Python' must be one of"),
        ("[skills]\nPython = { yrs = 2 }\n", "me.toml:2: 'Python' has unknown key(s) ['yrs']"),
        ("[profile]\nname = 'x'\n", "me.toml: expected a [skills] table"),
    ],
)
def test_bad_profiles_name_the_file_and_line(tmp_path, extractor, text, message):
    with pytest.raises(ProfileError) as info:
        load_profile(_write(tmp_path, "me.toml", text), extractor=extractor)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_and_unsupported_profile_files_are_clear_errors(tmp_path, extractor):
    with pytest.raises(ProfileError, match="no such file"):
        load_profile(tmp_path / "nope.toml", extractor=extractor)
    with pytest.raises(ProfileError, match=r"a \.toml file or a résumé"):
        load_profile(_write(tmp_path, "me.docx", "x"), extractor=extractor)


RESUME = """Jane Doe — Data Scientist

Skills: Python (6 years), SQL, PyTorch, AWS SageMaker, Tableau
Experience
- 4+ years of experience with Kubernetes and Docker at Acme
"""


def test_a_resume_gives_its_skills_and_the_years_it_states(tmp_path, extractor):
    profile = load_profile(_write(tmp_path, "cv.md", RESUME), extractor=extractor)
    assert {"python", "sql", "pytorch", "aws_sagemaker", "tableau", "kubernetes", "docker"} <= set(profile.skills)
    assert profile.skills["python"].years == 6
    assert profile.skills["kubernetes"].years == 4
    assert profile.skills["sql"].years is None


def _pdf(lines: list[str]) -> bytes:
    """A minimal one-page PDF whose text layer holds ``lines`` (or none when empty)."""
    text = "".join(f"BT /F1 11 Tf 72 {720 - 16 * n} Td ({line}) Tj ET\n" for n, line in enumerate(lines))
    stream = text.encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_a_pdf_resume_is_read_through_its_text_layer(tmp_path, extractor):
    path = tmp_path / "cv.pdf"
    path.write_bytes(_pdf(["Machine learning engineer", "Python (5 years), PyTorch, Docker and Kubernetes"]))
    profile = load_profile(path, extractor=extractor)
    assert {"machine_learning", "python", "pytorch", "docker", "kubernetes"} <= set(profile.skills)
    assert profile.skills["python"].years == 5


def test_a_pdf_without_a_text_layer_is_a_clear_error(tmp_path, extractor):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf([]))
    with pytest.raises(ProfileError, match="no text layer"):
        load_profile(path, extractor=extractor)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot really")
    with pytest.raises(ProfileError, match=r"broken\.pdf"):
        load_profile(broken, extractor=extractor)


def test_a_written_profile_reads_back_the_same(tmp_path, extractor):
    profile = load_profile(_write(tmp_path, "cv.md", RESUME), extractor=extractor)
    again = load_profile(_write(tmp_path, "me.toml", profile_to_toml(profile)), extractor=extractor)
    assert set(again.skills) == set(profile.skills)
    assert {k: s.years for k, s in again.skills.items()} == {k: s.years for k, s in profile.skills.items()}
    assert not again.unknown


def test_job_titles_a_resume_holds_give_its_roles():
    from jobmatch.profile import titles_held
    from jobmatch.roles import load_roles

    resume = (
        "PRIYA NATARAJAN\nData Scientist · Leeds, UK\n\nEXPERIENCE\n"
        "Senior Data Scientist, Northgate Retail Group — 2022–present\n"
        "- Worked with data engineers and product managers on the pricing roadmap.\n"
        "**Lead Software Engineer**, Pixelmint (Kraków) — 2019–2022\n"
        "# Staff Nurse\n"
        "Nurse-led clinics and a registered nurse mentor programme.\n"
    )
    assert titles_held(resume, load_roles()) == {
        "data_scientist": "Data Scientist",
        "software_developer": "Software Engineer",
        "nurse": "Nurse",
    }  # plural colleagues ("data engineers"), "Nurse-led" and titles mid-sentence are not the person's


def test_every_role_in_the_roles_file_names_skills_and_roles_that_exist(taxonomy):
    from jobmatch.roles import load_roles

    roles = load_roles()
    for role in roles:
        assert set(role.skills) | set(role.core) <= set(taxonomy.skills), role.id
        assert role.parent is None or role.parent in roles, role.id
        assert set(role.related) <= set(roles.roles) and all(0 < v <= 1 for v in role.related.values()), role.id
        # a credential is a skill, shown by one of the role's own titles
        assert {sid for ids in role.credentials.values() for sid in ids} <= set(taxonomy.skills), role.id
        assert set(role.credentials) <= {t.lower() for t in role.titles}, role.id
    titles = [t.lower() for role in roles for t in role.titles]
    assert len(titles) == len(set(titles))  # one role a title


def test_a_resume_profile_has_the_skills_of_its_titles_and_its_text(extractor):
    resume = SAMPLES.parent / "sample_resumes" / "data-scientist.txt"
    profile = load_profile(resume, extractor=extractor)
    assert {"data_science", "data_analysis", "python", "sql", "r"} <= set(profile.skills)
    assert profile.skills["python"].years == 6 and profile.skills["r"].years == 3
    assert profile.skills["data_science"].given_as == "Data Scientist"


def test_a_title_the_law_reserves_gives_its_credential(tmp_path, extractor):
    """A résumé that holds the title "Registered Nurse" holds the RN licence (no one may use it
    without): gaps must not tell a nurse to get one. An LPN holds an LPN licence, not an RN one;
    nurses one worked with give nothing."""
    nurse = load_profile(SAMPLES.parent / "sample_resumes" / "registered-nurse.txt", extractor=extractor)
    assert "rn_license" in nurse.skills and nurse.skills["rn_license"].from_role
    assert nurse.skills["rn_license"].given_as == "Registered Nurse"
    assert "lpn_license" not in nurse.skills

    lpn = _write(
        tmp_path,
        "lpn.txt",
        "Dana Whitfield\nLicensed Practical Nurse | Dayton, OH\n\nEXPERIENCE\n"
        "LPN, Maple Grove Care Center — 2019–present\n"
        "- Medication administration and wound care for 20 residents; worked with registered nurses.\n",
    )
    held = load_profile(lpn, extractor=extractor).skills
    assert "lpn_license" in held and "rn_license" not in held

    aide = _write(
        tmp_path,
        "aide.txt",
        "Sam Ortiz\nCertified Nursing Assistant\n\nEXPERIENCE\n"
        "CNA, Riverside Hospital — 2021–present\n- Supported registered nurses on a 30-bed ward.\n",
    )
    held = load_profile(aide, extractor=extractor).skills
    assert not {"rn_license", "lpn_license"} & set(held)


def test_a_resume_shows_the_language_it_is_written_in(tmp_path, extractor):
    english = load_profile(SAMPLES.parent / "sample_resumes" / "registered-nurse.txt", extractor=extractor)
    assert english.skills["english"].given_as == "a résumé written in English"
    assert english.skills["spanish"].given_as.lower().startswith("spanish")  # stated, not shown
    german = _write(
        tmp_path,
        "lebenslauf.txt",
        "Jonas Weber\nDatenanalyst | Köln\n\nBERUFSERFAHRUNG\n"
        "Datenanalyst, Rheinbahn AG — seit 2020\n"
        "- Ich habe die Berichte für den Vertrieb mit SQL und Python erstellt und mit dem Team "
        "die Auswertungen der Kunden gepflegt, die wir jeden Monat an die Leitung geben.\n"
        "- Wir haben Dashboards in Power BI für die Planung der Fahrten gebaut und sie mit den "
        "Daten aus dem Lager und der Buchhaltung verbunden.\n",
    )
    held = load_profile(german, extractor=extractor).skills
    assert "german" in held and "english" not in held


def test_a_title_held_gives_the_skills_of_the_roles_it_belongs_to(extractor):
    """A front-end developer is a web developer, who is a software developer: `gaps` must not tell
    one to learn software development."""
    profile = load_profile(SAMPLES.parent / "sample_resumes" / "frontend-developer.md", extractor=extractor)
    assert profile.skills["software_development"].from_role
    assert profile.skills["software_development"].given_as == "Front-end Developer"
    assert profile.skills["frontend_development"].from_role
    nurse = load_profile(SAMPLES.parent / "sample_resumes" / "registered-nurse.txt", extractor=extractor)
    assert "software_development" not in nurse.skills
