"""Match scores: TF-IDF weights, requirement levels, alternatives, partial credit, explanations,
and the properties a person relies on (all skills 100, none 0, monotone, order-free)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobmatch.profile import Profile, ProfileSkill
from jobmatch.score import fit_idf, load_idf, match

POSTING = """Machine Learning Engineer

Requirements
- 5+ years of Python and strong SQL
- PyTorch or TensorFlow
- AWS (EKS, S3)

Nice to have
- Kubernetes
- Apache Airflow

About us
We use Slack and Notion.
"""


def _profile(taxonomy, *names: str, years: dict[str, float] | None = None) -> Profile:
    skills = {}
    for name in names:
        skill = taxonomy.resolve(name)
        assert skill is not None, name
        skills[skill.id] = ProfileSkill(skill.id, skill.name, name, (years or {}).get(name))
    return Profile(skills=skills)


@pytest.fixture(scope="module")
def posting(extractor):
    return extractor.extract(POSTING)


def _score(extractor, posting, profile):
    return match(profile, posting, taxonomy=extractor.taxonomy)


def test_every_skill_asked_scores_100_and_none_scores_0(extractor, posting, taxonomy):
    everything = _profile(taxonomy, *(s.name for s in posting.skills))
    assert _score(extractor, posting, everything).score == 100
    assert _score(extractor, posting, Profile(skills={})).score == 0
    unrelated = _profile(taxonomy, "Nursing", "ServSafe", "Knife skills")
    assert _score(extractor, posting, unrelated).score == 0


def test_boilerplate_skills_are_ignored(extractor, posting, taxonomy):
    result = _score(extractor, posting, _profile(taxonomy, "Slack", "Notion"))
    assert result.score == 0
    assert not {"slack", "notion"} & {i.id for i in result.items}


def test_either_alternative_satisfies_the_group(extractor, posting, taxonomy):
    with_torch = _score(extractor, posting, _profile(taxonomy, "PyTorch"))
    with_tf = _score(extractor, posting, _profile(taxonomy, "TensorFlow"))
    [group] = [i for i in with_torch.items if len(i.ids) > 1]
    [other] = [i for i in with_tf.items if len(i.ids) > 1]
    assert set(group.ids) == {"pytorch", "tensorflow"}
    assert (group.id, other.id) == ("pytorch", "tensorflow")
    assert group.credit == other.credit == 1 and group.points == other.points  # one ask, one weight


def test_a_required_skill_weighs_more_than_a_preferred_one(extractor, posting):
    items = {i.id: i for i in _score(extractor, posting, Profile(skills={})).items}
    assert items["sql"].required is True and items["kubernetes"].required is False
    idf = load_idf()
    assert items["sql"].weight / idf["sql"] > items["kubernetes"].weight / idf["kubernetes"]


def test_rarer_skills_weigh_more(extractor):
    idf = fit_idf([["python", "sql"], ["python", "go"], ["python", "sql", "rust"]])
    assert idf["rust"] > idf["sql"] > idf["python"]
    assert idf["never_seen"] >= idf["rust"]


def test_implications_and_relations_give_partial_credit_with_a_reason(extractor, posting, taxonomy):
    result = _score(extractor, posting, _profile(taxonomy, "SageMaker", "Keras"))
    items = {i.id: i for i in result.items}
    assert 0 < items["aws"].credit < 1 and "SageMaker" in items["aws"].reason
    group = next(i for i in result.items if len(i.ids) > 1)
    assert 0 < group.credit < 1 and "related" in group.reason


def test_every_kind_of_testing_is_software_testing(extractor, taxonomy):
    """Jest and Cypress (unit testing, test automation) earn a posting's "software testing" in
    part, through the implication, as SageMaker earns AWS: a front-end developer who tests was
    told to learn software testing."""
    posting = extractor.extract("Requirements\n- Experience with software testing and QA practices\n- React")
    result = _score(extractor, posting, _profile(taxonomy, "Jest", "Cypress", "React"))
    items = {i.id: i for i in result.items}
    assert 0 < items["software_testing"].credit < 1
    assert "Jest" in items["software_testing"].reason or "Cypress" in items["software_testing"].reason
    kinds = [s for s in taxonomy if s.id.endswith("_testing") and s.category == "software_engineering"]
    assert len(kinds) > 15
    assert all("software_testing" in taxonomy.implied(s.id) for s in kinds if s.id != "software_testing")


def test_forecasting_and_regression_earn_predictive_and_statistical_modeling(extractor, taxonomy):
    """A data scientist who builds forecasting and churn models and regressions does predictive and
    statistical modelling: `gaps` listed both for the bundled one."""
    posting = extractor.extract(
        "Requirements\n- Predictive modeling and statistical modeling\n- Experience with churn prediction"
    )
    assert {"predictive_modeling", "statistical_modeling"} <= posting.ids
    result = _score(extractor, posting, _profile(taxonomy, "time series forecasting", "regression analysis"))
    items = {i.id: i for i in result.items}
    for skill_id in ("predictive_modeling", "statistical_modeling"):
        assert 0 < items[skill_id].credit < 1 and "implies" in items[skill_id].reason, items[skill_id].reason


def test_credits_name_the_profile_skills_that_earn_them_by_id_whatever_the_profile_order(taxonomy):
    """Every skill of the taxonomy, credited as the plain rule says: held; else implied by a skill
    held (transitively); else related either way to one; the reason names the first of those by id,
    and ``via`` lists them all in id order, however the profile lists its skills."""
    from jobmatch.score import IMPLIED_CREDIT, RELATED_CREDIT, CreditBook

    names = ["Keras", "SageMaker", "Django", "PostgreSQL", "Terraform", "Excel", "React", "EKS"]
    for order in (names, names[::-1]):
        profile = _profile(taxonomy, *order)
        book = CreditBook(profile, taxonomy)
        held = sorted(profile.skills.values(), key=lambda o: o.id)
        for skill in taxonomy:
            credit = book.credit(skill.id, None)
            if skill.id in profile.skills:
                assert credit.value == 1.0 and credit.via == (skill.id,)
                continue
            implying = [o for o in held if skill.id in taxonomy.implied(o.id)]
            related = [o for o in held if skill.id in taxonomy[o.id].related or o.id in taxonomy[skill.id].related]
            if implying:
                assert credit.value == IMPLIED_CREDIT and credit.via == tuple(o.id for o in implying)
                assert credit.reason == f"partial via {implying[0].name} (implies {skill.name})"
            elif related:
                assert credit.value == RELATED_CREDIT and credit.via == tuple(o.id for o in related)
                assert credit.reason == f"partial via {related[0].name} (related)"
            else:
                assert credit.value == 0 and credit.reason == "missing"
    # the rule is not idle here: some skills are implied, some related one way only
    assert any(book.credit(s.id, None).value == IMPLIED_CREDIT for s in taxonomy)
    assert any(book.credit(s.id, None).value == RELATED_CREDIT for s in taxonomy)


def test_fewer_years_than_asked_give_partial_credit_and_a_note(extractor, posting, taxonomy):
    short = _score(extractor, posting, _profile(taxonomy, "Python", years={"Python": 2}))
    enough = _score(extractor, posting, _profile(taxonomy, "Python", years={"Python": 7}))
    python = next(i for i in short.items if i.id == "python")
    assert python.credit == 0.5 and python.reason == "years short: 2 of 5"
    assert short.score < enough.score


def test_every_point_is_accounted_for_and_missing_lists_required_first(extractor, posting, taxonomy):
    result = _score(extractor, posting, _profile(taxonomy, "Python", "k8s"))
    assert sum(i.points for i in result.items) == pytest.approx(result.score, abs=0.06)
    reasons = {i.id: i.reason for i in result.items}
    assert reasons["kubernetes"] == "via alias 'k8s'" and reasons["python"] == "matched"
    levels = [i.required for i in result.missing]
    assert levels == sorted(levels, key=lambda r: {True: 0, None: 1, False: 2}[r])
    assert result.missing[0].required is True


def test_the_reference_idf_covers_every_skill_the_samples_ask_for(extractor):
    from conftest import SAMPLES

    from jobmatch import Posting, load_postings

    idf = load_idf()
    postings = [p for p in load_postings([str(SAMPLES)]) if isinstance(p, Posting)]
    asked = {s.id for e in extractor.pipe(postings) for s in e.skills if not s.boilerplate}
    assert asked <= set(idf.values), sorted(asked - set(idf.values))[:10]
    assert idf.n_postings == len(postings)


SKILLS = ["Python", "SQL", "PyTorch", "TensorFlow", "AWS", "Kubernetes", "Apache Airflow", "Docker", "Go",
          "Snowflake", "Tableau", "Excel", "SageMaker", "Keras", "Terraform", "Scala"]  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    have=st.lists(st.sampled_from(SKILLS), unique=True),
    extra=st.sampled_from(SKILLS),
    order=st.randoms(use_true_random=False),
)
def test_adding_a_skill_never_lowers_the_score_and_order_changes_nothing(
    extractor, taxonomy, posting, have, extra, order
):
    base = _score(extractor, posting, _profile(taxonomy, *have)).score
    more = _score(extractor, posting, _profile(taxonomy, *have, extra)).score if extra not in have else base
    assert more >= base
    shuffled = list(have)
    order.shuffle(shuffled)
    assert _score(extractor, posting, _profile(taxonomy, *shuffled)).score == base
    assert 0 <= base <= 100


def test_match_json_is_serialisable(extractor, posting, taxonomy):
    from jobmatch.score import match_to_dict

    data = match_to_dict(_score(extractor, posting, _profile(taxonomy, "Python")), source="-", title="x")
    assert json.loads(json.dumps(data)) == data
    assert set(data) == {"source", "title", "score", "matched", "partial", "missing"}
    assert set(data["matched"][0]) >= {"id", "name", "weight", "required", "credit", "reason"}


def test_the_shipped_idf_is_the_scikit_learn_fit_of_the_shipped_reference_postings():
    from jobmatch.score import reference_postings

    refit = fit_idf(reference_postings())
    shipped = load_idf()
    assert shipped.n_postings == len(reference_postings()) >= 30
    assert set(refit.values) == set(shipped.values)
    assert all(abs(refit[k] - shipped[k]) < 1e-5 for k in shipped.values)
    assert abs(refit.default - shipped.default) < 1e-5


def test_a_batch_refits_idf_with_its_own_postings(extractor):
    from jobmatch.score import batch_idf

    batch = list(extractor.pipe(["Rust and Go", "Rust and Kubernetes", "Rust, Python and Go"] * 5))
    idf = batch_idf(batch)
    assert idf.n_postings == load_idf().n_postings + len(batch)
    assert idf["rust"] < load_idf()["rust"]  # every posting of this batch asks for Rust


def test_fields_of_study_in_a_degree_clause_are_education_not_skills_to_score(extractor, taxonomy):
    from jobmatch.score import asks_of

    text = (
        "Requirements\n- Python and SQL\n- Bachelor's degree in Economics, Geography or a related field\n"
        "- Experience in economics research is a plus\n"
    )
    result = extractor.extract(text)
    assert {"economics", "geography"} <= result.ids  # still extracted, and the education reads them
    assert result.education is not None and "Economics" in result.education.fields
    asked = {i for ask in asks_of(result) for i in ask.ids}
    assert {"python", "sql", "economics"} <= asked  # economics is asked for outside the degree too
    assert "geography" not in asked
    assert match(_profile(taxonomy, "Python", "SQL", "Economics"), result, taxonomy=taxonomy).score == 100
