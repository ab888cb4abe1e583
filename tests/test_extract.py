"""SkillExtractor's API: ids, names, categories, mentions with offsets; pipe; caching."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLES

from jobmatch import Extraction, SkillExtractor

POSTING = """Senior Machine Learning Engineer

Requirements
- 5+ years of Python; strong SQL and experience with PyTorch or TensorFlow.
- Deploy models on AWS (SageMaker, EKS) with Docker, k8s and Terraform; CI/CD with GitHub Actions.
- Solid grasp of linear algebra, probability and statistics.
- Excellent communication and problem-solving skills.

Nice to have: Scala or Go, Apache Spark, MLflow, CompTIA DataX (DY0-001). Python again.
"""


def test_extract_reports_each_skill_once_with_all_its_mentions(extractor):
    result = extractor.extract(POSTING)
    assert isinstance(result, Extraction)
    ids = [s.id for s in result.skills]
    assert len(ids) == len(set(ids))
    for expected in ["python", "sql", "pytorch", "tensorflow", "aws", "aws_sagemaker", "aws_eks", "docker",
                     "kubernetes", "terraform", "ci_cd", "github_actions", "linear_algebra", "probability",
                     "statistics", "communication", "problem_solving", "scala", "go", "apache_spark", "mlflow",
                     "comptia_datax"]:  # fmt: skip
        assert expected in result, expected
    python = result.get("python")
    assert python is not None
    assert [m.text for m in python.mentions] == ["Python", "Python"]
    assert python.name == "Python" and python.category == "programming_languages"


def test_every_mention_slices_back_to_its_text(extractor):
    result = extractor.extract(POSTING)
    for skill in result.skills:
        for m in skill.mentions:
            assert POSTING[m.start : m.end] == m.text
        starts = [m.start for m in skill.mentions]
        assert starts == sorted(starts)


def test_mentions_are_ordinary_frozen_mentions(extractor):
    # extraction sets a Mention's three slots itself (its dataclass __init__ costs a microsecond a
    # mention): what comes out must be a Mention like any other, and nothing may run after __init__
    from dataclasses import FrozenInstanceError

    from jobmatch.extract import Mention

    text = "Google Kubernetes Engine (GKE) and plain Kubernetes; AWS, then AWS again."
    result = extractor.extract(text)
    mentions = [m for skill in result.skills for m in skill.mentions]
    assert "Google Kubernetes Engine" in [m.text for m in mentions]  # a name of three tokens
    assert all(type(m) is Mention and text[m.start : m.end] == m.text for m in mentions)
    assert [Mention(m.start, m.end, m.text) for m in mentions] == mentions
    assert len(set(mentions)) == len(mentions) and repr(mentions[0]).startswith("Mention(start=")
    with pytest.raises(FrozenInstanceError):
        mentions[0].start = 0
    assert not hasattr(Mention, "__post_init__")


def test_skill_matches_are_ordinary_frozen_skill_matches(extractor):
    # a SkillMatch's slots are set directly too: each must equal one made by its __init__, every
    # field set, and its dict the one its properties give
    from dataclasses import FrozenInstanceError, fields

    from jobmatch.extract import SkillMatch

    result = extractor.extract("Requirements: 5+ years of Python and AWS. Nice to have: Go services, Terraform.")
    assert [s.id for s in result.skills] == ["python", "aws", "go", "terraform"]
    for skill in result.skills:
        made = SkillMatch(**{f.name: getattr(skill, f.name) for f in fields(SkillMatch)})
        assert type(skill) is SkillMatch and skill == made and repr(skill) == repr(made)
        assert made.to_dict() == skill.to_dict()
        assert (skill.to_dict()["required"], skill.to_dict()["years"]) == (skill.required, skill.years)
        with pytest.raises(FrozenInstanceError):
            skill.name = "x"
    assert [s.to_dict()["required"] for s in result.skills] == [True, True, False, False]
    assert result.get("python").years == 5
    assert not hasattr(SkillMatch, "__post_init__")


def test_to_dict_copies_what_a_caller_may_change(extractor):
    # the dict is the caller's: changing its lists changes nothing kept in the extraction
    text = (
        "Senior Data Engineer. Requirements: Bachelor's degree in Computer Science; Python. "
        "Salary: $120,000 - $150,000 per year."
    )
    result = extractor.extract(text)
    data = result.to_dict()
    assert data["education"]["fields"] and data["salary"]["min"] == 120000
    data["education"]["fields"].append("x")
    data["skills"][0]["mentions"].clear()
    data["salary"]["min"] = 0
    again = result.to_dict()
    assert again["education"]["fields"] == list(result.education.fields) and "x" not in again["education"]["fields"]
    assert again["skills"][0]["mentions"] and again["salary"]["min"] == 120000


def test_the_title_is_the_first_line_however_far_down_the_text_starts(extractor):
    body = "Requirements: 5+ years of Python and SQL."
    assert extractor.extract("\n\n## Data Engineer\n" + body).title == "Data Engineer"
    # a scraped page's blank lines before the title: past the head of the text split first
    assert extractor.extract(" \n" * 300 + "Data Engineer (Remote)\r\n" + body).title == "Data Engineer (Remote)"
    # a first line too long to be a title gives none, even where the head cuts it
    assert extractor.extract("We are hiring for our platform team " * 15 + "\nData Engineer\n" + body).title is None
    # a section's header opening a copied posting is no title ("About the job" heads every LinkedIn copy)
    for header in ("About the job", "Job Description:", "**Overview**", "What You\u2019ll Do", "About Acme Corp"):
        assert extractor.extract(f"{header}\nWe build payment systems.\n\n{body}").title is None, header
    # nor one glued to what follows where a scraper lost the line break
    for glued in ("OverviewResponsibilities", "Job DescriptionData Analyst", "About UsWe build payment systems"):
        assert extractor.extract(f"{glued}\n{body}").title is None, glued
    # nor a sentence: a posting copied from its first paragraph
    for sentence in (
        "We are looking for an experienced Frontend Developer to join our growing team.",
        "Are you a skilled electrician looking for an exciting opportunity to make a difference?",
        "Information on our vaccination requirement can be found at the bottom of this posting.",
    ):
        assert extractor.extract(f"{sentence}\n{body}").title is None, sentence
    for title in ("Senior Data Engineer", "Requirements Engineer", "Quality Assurance Analyst", "About.com Editor",
                  "Marketing Coordinator - JavaScript/TypeScript", "Registered Nurse - ICU",
                  "Sales Lead – Acme Holdings Co.", "Registered Nurse (RN) – ICU – Nights!"):  # fmt: skip
        assert extractor.extract(f"{title}\n\n{body}").title == title
    # a labelled first line: the label goes, and a section's label with a sentence after it is no title
    labelled = {
        "Job Title: Chief Operating Officer": "Chief Operating Officer",
        "**Role:** Senior Data Engineer": "Senior Data Engineer",
        "POSITION OVERVIEW: Data Analyst": "Data Analyst",
        "Data Scientist: Fraud Team": "Data Scientist: Fraud Team",
        "Job Description: The painter is responsible for completing all jobs safely.": None,
        "About Us: We are a 40-person design firm": None,
        "Pay Range: $40-$70/Hour": None,
        "Position:": None,
    }
    for line, title in labelled.items():
        assert extractor.extract(f"{line}\n{body}").title == title, line


def test_skills_come_in_order_of_first_mention(extractor):
    result = extractor.extract(POSTING)
    firsts = [s.mentions[0].start for s in result.skills]
    assert firsts == sorted(firsts)


def test_aliases_map_to_the_canonical_skill(extractor):
    result = extractor.extract("We use k8s, sklearn, postgres, NodeJS, csharp and dotnet on Google Cloud Platform.")
    assert {"kubernetes", "scikit_learn", "postgresql", "nodejs", "csharp", "dotnet", "gcp"} <= result.ids
    k8s = result.get("kubernetes")
    assert k8s is not None and k8s.name == "Kubernetes" and k8s.mentions[0].text == "k8s"


def test_longest_match_wins(extractor):
    result = extractor.extract("Experience with PyTorch Lightning, Apache Spark and Objective-C.")
    assert "pytorch_lightning" in result
    assert result.get("pytorch") is None or all(m.text != "PyTorch" for m in result.get("pytorch").mentions)
    assert "objective_c" in result
    assert "c" not in result


def test_empty_and_blank_text_give_no_skills(extractor):
    assert extractor.extract("").skills == ()
    assert extractor.extract("   \n\t ").skills == ()


def test_extract_rejects_non_text(extractor):
    with pytest.raises(TypeError, match="expected a str or a Posting"):
        extractor.extract(b"Python")  # type: ignore[arg-type]


def test_pipe_yields_in_input_order_and_matches_extract(extractor):
    texts = ["Python and Go services", "", "react to incidents", "ReactJS and Redux", POSTING] * 3
    piped = list(extractor.pipe(texts, batch_size=2))
    assert [e.text for e in piped] == texts
    assert piped == [extractor.extract(t) for t in texts]


def test_pipe_in_two_processes_sends_back_the_same_results(extractor):
    texts = [POSTING, "Golang and Rust", "nothing to see here"] * 4
    assert list(extractor.pipe(texts, n_process=2, batch_size=2)) == [extractor.extract(t) for t in texts]


def _read_whole(extraction):
    return {
        **extraction.to_dict(),
        "cache": extraction.to_cache(),
        "sections": extraction.sections,
        "language": extraction.language,
        "degree_fields": [s.degree_field for s in extraction.skills],
    }


def test_workers_read_every_field_and_send_back_no_text(extractor):
    from jobmatch.extract import _extract_in_worker
    from jobmatch.sources import load_postings

    postings = [p for p in load_postings([str(SAMPLES)]) if not isinstance(p, Exception)]
    here = [_read_whole(e) for e in extractor.pipe(postings)]
    there = list(extractor.pipe(postings, n_process=2, batch_size=3))
    assert [_read_whole(e) for e in there] == here
    assert [e.text for e in there] == [p.text for p in postings]
    # what travels back: ids, offsets and the frozen readings; never the posting's text
    packed = _extract_in_worker(extractor, postings[0])
    assert postings[0].text not in repr(packed)
    # nothing is read again here: the reading came whole from the worker
    assert all(e.reading is not None and e.reading._layout is None for e in there)


def _skill_count(ex, text):
    return len(ex.extract(text).skills)


def test_map_runs_any_module_level_work_in_workers_in_input_order(extractor):
    texts = ["Python and SQL", "Go", "", "Kubernetes, Terraform and AWS"] * 5
    expected = [len(extractor.extract(t).skills) for t in texts]
    assert list(extractor.map(_skill_count, texts)) == expected
    assert list(extractor.map(_skill_count, texts, n_process=2, batch_size=3)) == expected


def test_the_pipeline_is_built_once_per_process():
    # two made one after the other (the session's fixture may predate a test that reloads the
    # taxonomy, which rightly gives a pipeline of its own)
    first, again = SkillExtractor(), SkillExtractor()
    assert again._patterns is first._patterns and again.taxonomy is first.taxonomy


def test_a_custom_taxonomy_file_extends_the_bundled_one(tmp_path):
    path = tmp_path / "mine.jsonl"
    path.write_text(
        json.dumps({"id": "widgets", "name": "Widgetry", "category": "domain", "aliases": ["widget making"]}) + "\n",
        encoding="utf-8",
    )
    ex = SkillExtractor(taxonomy=path)
    result = ex.extract("Python and widget making")
    assert [s.id for s in result.skills] == ["python", "widgets"]


def test_to_dict_is_json_ready(extractor):
    data = extractor.extract("Kubernetes and k8s").to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["skills"][0]["mentions"][1] == {"start": 15, "end": 18, "text": "k8s"}


def test_compiled_patterns_are_cached_and_a_damaged_cache_is_rebuilt(tmp_path, monkeypatch):
    from jobmatch import load_taxonomy
    from jobmatch.patterns import build_patterns

    monkeypatch.setenv("JOBMATCH_CACHE_DIR", str(tmp_path))
    taxonomy = load_taxonomy()
    text = "Go services on k8s; ready to go live. Excel at Excel."
    fresh = build_patterns(taxonomy)
    [cached_file] = tmp_path.glob("patterns-*.msgpack")
    cached = build_patterns(taxonomy)
    expected = fresh.find(fresh.nlp.tokenizer(text))
    # the first text goes through the small matcher of its own first words, the next ones the whole
    assert cached._matcher is None
    assert cached.find(cached.nlp.tokenizer(text)) == expected
    assert cached.find(cached.nlp.tokenizer(text)) == expected
    assert cached._matcher is not None
    cached_file.write_bytes(b"not msgpack")
    rebuilt = build_patterns(taxonomy)
    rebuilt.find(rebuilt.nlp.tokenizer("a first text"))
    assert rebuilt.find(rebuilt.nlp.tokenizer(text)) == expected
    monkeypatch.setenv("JOBMATCH_CACHE_DIR", "off")
    for leftover in tmp_path.glob("*"):
        leftover.unlink()
    build_patterns(taxonomy)
    assert not list(tmp_path.glob("*"))


def test_the_small_first_text_matcher_finds_what_the_whole_one_finds(tmp_path, monkeypatch, extractor):
    from conftest import SAMPLES

    from jobmatch import Posting, load_postings
    from jobmatch.patterns import build_patterns

    monkeypatch.setenv("JOBMATCH_CACHE_DIR", str(tmp_path))
    taxonomy = extractor.taxonomy
    whole = build_patterns(taxonomy)  # compiles, caches, and keeps the whole matcher
    texts = [p.text for p in load_postings([str(SAMPLES)]) if isinstance(p, Posting)]
    for text in texts:
        first = build_patterns(taxonomy)  # from the cache: its first text goes through the small matcher
        assert first._matcher is None
        assert first.find(first.nlp.tokenizer(text)) == whole.find(whole.nlp.tokenizer(text))


def test_a_field_of_study_is_marked_and_kept_through_the_cache(extractor, taxonomy):
    from jobmatch import Extraction

    text = (
        "Policy Analyst\nRequirements\n- A BA in Economics or a related subject\n- Strong SQL\n\n"
        "You'll model pricing with Python."
    )
    fresh = extractor.extract(text)
    economics, sql = fresh.get("economics"), fresh.get("sql")
    assert economics is not None and sql is not None
    assert economics.degree_field and not sql.degree_field  # named only in the degree clause
    data = fresh.to_cache()
    cached = Extraction.from_cache(text, data, taxonomy)
    assert [(s.id, s.degree_field, s.required) for s in cached.skills] == [
        (s.id, s.degree_field, s.required) for s in fresh.skills
    ]
    del data["degree_fields"]  # an entry cached before the flag existed is read again
    older = Extraction.from_cache(text, data, taxonomy)
    assert older.get("economics").degree_field and not older.get("python").degree_field


def test_workers_keep_the_external_ids_of_the_users_skills():
    """ESCO and O*NET ids from a user's file survive the trip through worker processes, the cache
    and the single-process path alike (each builds an Extraction's skills)."""
    skills = SAMPLES.parent / "tests" / "data" / "skills"
    extractor = SkillExtractor([skills / "nurse_educator.jsonl", skills / "hot_onet.jsonl"])
    texts = ["Requirements: 3+ years of Python and SQL.", "Python scripting is a plus; Excel required."]
    here = [e.to_dict() for e in extractor.pipe(texts)]
    there = [e.to_dict() for e in extractor.pipe(texts, n_process=2, batch_size=1)]
    cached = [
        Extraction.from_cache(text, e.to_cache(), extractor.taxonomy).to_dict()
        for text, e in zip(texts, extractor.pipe(texts), strict=True)
    ]
    assert there == here == cached
    python = next(s for s in here[0]["skills"] if s["id"] == "python")
    assert python["onet"][0]["commodity"] == "43232402" and python["onet"][0]["hot"] is True
