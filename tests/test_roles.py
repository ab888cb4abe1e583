"""The role taxonomy, and ranking that puts the postings of the person's role first."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import load_cases

from jobmatch import Posting
from jobmatch.cli import cli
from jobmatch.profile import Profile, load_profile, with_roles
from jobmatch.rank import rank
from jobmatch.roles import load_roles

CASES = load_cases("roles.jsonl")


@pytest.mark.parametrize("case", CASES, ids=[c["why"] for c in CASES])
def test_the_role_a_title_names(case):
    assert list(load_roles().in_title(case["title"])) == case["roles"]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("We are hiring a Java developer to build our payment services. You will work with data scientists.", "java"),
        ("As a Staff Nurse you will provide safe, compassionate care on a busy surgical ward.", "nurse"),
        ("Join Acme Health as a Front-End Developer! You will build patient-facing web apps.", "frontend"),
        ("Our analytics team works with data scientists and engineers on many products every day.", None),
    ],
)
def test_the_role_a_text_names(text, role):
    found = load_roles().in_text(text)
    if role is None:  # plurals of colleagues are not the job
        assert found == ()
    else:
        assert found and found[0].startswith(role)


def test_a_role_is_closest_to_itself_then_its_neighbours():
    roles = load_roles()

    def cosine(a: str, b: str) -> float:
        fa, fb = roles.features({a: 1.0}), roles.features({b: 1.0})
        dot = sum(v * fb.get(k, 0) for k, v in fa.items())
        return dot / (sum(v * v for v in fa.values()) ** 0.5 * sum(v * v for v in fb.values()) ** 0.5)

    assert cosine("java_developer", "java_developer") == pytest.approx(1)
    assert cosine("java_developer", "backend_developer") > cosine("java_developer", "frontend_developer")
    assert cosine("java_developer", "frontend_developer") > cosine("java_developer", "nurse") == 0
    assert cosine("data_analyst", "data_scientist") > cosine("data_analyst", "devops_engineer")


JAVA = [
    ("Java Developer", "Java Developer\n\nWe need Java and Spring Boot for our payment services. Git is a plus."),
    (
        "Senior Java Engineer",
        "Senior Java Engineer\n\nRequirements: Java 17, Spring, Hibernate, PostgreSQL, Kafka, Docker, JUnit.",
    ),
]
NURSE = [
    (
        "Staff Nurse",
        "Staff Nurse\n\nRegistered nurse for a surgical ward: patient care, medication administration, "
        "wound care. Excel for rota reporting is a plus.",
    ),
]
DATA = [
    (
        "Data Scientist",
        "Data Scientist\n\nPython, SQL, machine learning, statistics, scikit-learn, pandas, A/B testing. "
        "Java is a plus, and so are Docker and Git.",
    ),
    (
        "Solutions Engineer, Google Cloud",
        "Solutions Engineer, Google Cloud\n\nJava, Python, Go, Kubernetes, Docker, Spring, SQL, Terraform, "
        "Git, Linux, REST APIs, microservices, BigQuery, Kafka, Hibernate and JUnit.",
    ),
]


@pytest.fixture(scope="module")
def three_trades(extractor):
    postings = [Posting(text=t, source=f"{i}-{title}.txt", title=title) for i, (title, t) in
                enumerate(JAVA + NURSE + DATA)]  # fmt: skip
    return [(p, extractor.extract(p)) for p in postings]


def test_a_toml_profile_with_roles_and_one_without_both_rank_their_trade_first(tmp_path, extractor, three_trades):
    body = '[skills]\nJava = 6\n"Spring Boot" = 4\nHibernate = true\nKafka = true\nGit = true\nPython = true\n'
    plain = tmp_path / "plain.toml"
    plain.write_text(body, encoding="utf-8")
    targeted = tmp_path / "roles.toml"
    targeted.write_text('roles = ["Java Developer"]\n' + body, encoding="utf-8")
    for path in (plain, targeted):
        profile = load_profile(path, taxonomy=extractor.taxonomy)
        order = [r.title for r in rank(profile, three_trades, taxonomy=extractor.taxonomy)]
        assert set(order[:2]) == {"Java Developer", "Senior Java Engineer"}, (path.name, order)
        assert order[-1] == "Staff Nurse"
    with_target = rank(load_profile(targeted, taxonomy=extractor.taxonomy), three_trades, taxonomy=extractor.taxonomy)
    java = next(r for r in with_target if r.title == "Java Developer")
    cloud = next(r for r in with_target if r.title == "Solutions Engineer, Google Cloud")
    # the short posting of one's own trade beats the long one that names more of the profile
    assert java.fit > cloud.fit and cloud.uses > java.uses
    assert java.role_match == "target" and cloud.role_match in ("related", "other")
    assert "Java" in java.shared


def test_a_posting_with_no_title_ranks_by_the_role_its_text_names(extractor, three_trades):
    text = "We are hiring a Java developer. You will work on Java services with Kafka."
    untitled = Posting(text=text, source="untitled.txt")
    batch = [*three_trades, (untitled, extractor.extract(untitled))]
    profile = with_roles(Profile(skills={}), ["Java Developer"], extractor.taxonomy)
    ranked = rank(profile, batch, taxonomy=extractor.taxonomy)
    found = next(r for r in ranked if r.posting.source == "untitled.txt")
    assert found.roles == ("java_developer",) and found.role_match == "target"
    assert ranked.index(found) < 3  # among the Java postings, by role alone


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_rank_explains_filters_and_takes_a_role(tmp_path):
    for i, (_, text) in enumerate(JAVA + NURSE + DATA):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
    profile = tmp_path / "me.toml"
    profile.write_text('[skills]\nPython = true\nSQL = true\n"Machine Learning" = true\nJava = true\n', "utf-8")
    as_java = json.loads(_run("rank", str(tmp_path), "--profile", str(profile), "--role", "Sr. Java Engineer",
                              "--format", "json").stdout)  # fmt: skip
    assert as_java[0]["role"] == ["Java Developer"] and as_java[0]["role_match"] == "target"
    as_ds = json.loads(_run("rank", str(tmp_path), "--profile", str(profile), "--role", "Data Scientist",
                            "--format", "json").stdout)  # fmt: skip
    assert as_ds[0]["title"] == "Data Scientist"
    fits = [r["fit"] for r in as_ds]
    some = json.loads(_run("rank", str(tmp_path), "--profile", str(profile), "--role", "Data Scientist",
                           "--min-fit", str(fits[2]), "--format", "json").stdout)  # fmt: skip
    assert [r["fit"] for r in some] == [f for f in fits if f >= fits[2]]
    table = _run("rank", str(tmp_path), "--profile", str(profile), "--role", "Data Scientist").stdout
    assert "role: Data Scientist = yours" in table


def test_an_unknown_role_warns_with_the_closest_and_ranks_by_skills(tmp_path):
    (tmp_path / "a.txt").write_text(JAVA[0][1], encoding="utf-8")
    profile = tmp_path / "me.toml"
    profile.write_text('roles = ["Data Scientits"]\n[skills]\nJava = true\n', encoding="utf-8")
    result = _run("rank", str(tmp_path), "--profile", str(profile), "--format", "json")
    assert result.exit_code == 0
    assert "unknown role 'Data Scientits' (did you mean Data Scientist" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert json.loads(result.stdout)[0]["fit"] > 0


def test_an_empty_batch_ranks_nothing_and_exits_0(tmp_path):
    (tmp_path / "README.md").write_text("not a posting", encoding="utf-8")
    empty = tmp_path / "jobs"
    empty.mkdir()
    profile = tmp_path / "me.toml"
    profile.write_text("[skills]\nJava = true\n", encoding="utf-8")
    result = _run("rank", "--saved", "--db", str(tmp_path / "j.db"), "--profile", str(profile), "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_a_bad_roles_value_is_one_line(tmp_path):
    profile = tmp_path / "me.toml"
    profile.write_text("roles = 3\n[skills]\nJava = true\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(JAVA[0][1], encoding="utf-8")
    result = CliRunner().invoke(cli, ["rank", str(tmp_path / "a.txt"), "--profile", str(profile)])
    assert result.exit_code == 2 and "roles must be a list of job titles" in result.stderr


def test_a_profile_that_names_no_role_gets_the_roles_its_skills_suggest(taxonomy):
    from conftest import SAMPLES

    from jobmatch.rank import suggest_roles

    analyst = load_profile(SAMPLES / "profiles" / "data-analyst.toml", taxonomy=taxonomy)
    assert not analyst.roles and "data_analyst" in suggest_roles(analyst, load_roles())
    few = load_profile_text(taxonomy, "[skills]\nCommunication = true\n")
    assert suggest_roles(few, load_roles()) == {}  # nothing clear enough to suggest


def load_profile_text(taxonomy, text: str) -> Profile:
    import tempfile
    from pathlib import Path

    path = Path(tempfile.mkdtemp()) / "p.toml"
    path.write_text(text, encoding="utf-8")
    return load_profile(path, taxonomy=taxonomy)
