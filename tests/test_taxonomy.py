"""The bundled taxonomy: size, categories, aliases, implications, and the loader's own errors."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

from jobmatch import TaxonomyError, load_taxonomy
from jobmatch.taxonomy import normalize_form

REQUIRED_CATEGORIES = {
    "programming_languages", "ml_frameworks", "ml_concepts", "data_tools", "databases", "cloud",
    "devops", "web_mobile", "math_stats", "soft_skills", "certifications", "methodologies",
}  # fmt: skip


def test_bundled_taxonomy_is_large_and_covers_every_required_category(taxonomy):
    assert len(taxonomy) >= 1200
    counts: dict[str, int] = {}
    for skill in taxonomy:
        counts[skill.category] = counts.get(skill.category, 0) + 1
    assert set(counts) >= REQUIRED_CATEGORIES
    assert all(counts[c] >= 15 for c in REQUIRED_CATEGORIES), counts


def test_data_note_says_the_data_is_the_projects_own():
    note = (ROOT / "models" / "NOTE.md").read_text(encoding="utf-8")
    assert "project's own work" in note


@pytest.mark.parametrize(
    ("form", "skill_id"),
    [
        ("k8s", "kubernetes"), ("Kubernetes", "kubernetes"), ("sklearn", "scikit_learn"),
        ("scikit learn", "scikit_learn"), ("scikit-learn", "scikit_learn"), ("Amazon Web Services", "aws"),
        ("AWS", "aws"), ("postgres", "postgresql"), ("PostgreSQL", "postgresql"), ("NodeJS", "nodejs"),
        ("Node.js", "nodejs"), ("csharp", "csharp"), ("C#", "csharp"), ("dotnet", "dotnet"), (".NET", "dotnet"),
        ("Google Cloud Platform", "gcp"), ("GCP", "gcp"), ("ML Ops", "mlops"), ("MLOps", "mlops"),
        ("JS", "javascript"), ("golang", "go"), ("DY0-001", "comptia_datax"), ("CompTIA DataX", "comptia_datax"),
        ("linear algebra", "linear_algebra"), ("problem-solving", "problem_solving"), ("RAG", "rag"),
    ],
)  # fmt: skip
def test_aliases_resolve_to_one_canonical_id(taxonomy, form, skill_id):
    skill = taxonomy.resolve(form)
    assert skill is not None, form
    assert skill.id == skill_id


@pytest.mark.parametrize(
    ("skill_id", "implied"),
    [
        ("aws_sagemaker", {"aws"}),
        ("pytorch_lightning", {"pytorch"}),
        ("aws_eks", {"aws", "kubernetes"}),
        ("spring_boot", {"spring", "java"}),
    ],
)
def test_implications_are_transitive_sets_of_ids(taxonomy, skill_id, implied):
    assert implied <= taxonomy.implied(skill_id)
    assert skill_id not in taxonomy.implied(skill_id)


AMBIGUOUS = ["Go", "R", "C", "D", "Julia", "Swift", "Rust", "Ruby", "Spark", "Excel", "Access", "React", "Spring",
             "Chef", "Puppet", "Express", "Shell", "Unity", "Dart", "Elm", "Scheme", "Make", "Processing", "Hive",
             "Pig", "Flask", "Bash", "Redux", "Ember", "Meteor"]  # fmt: skip


@pytest.mark.parametrize("form", AMBIGUOUS)
def test_everyday_word_names_need_evidence(taxonomy, form):
    skill = taxonomy.resolve(form)
    assert skill is not None, f"{form} is not in the taxonomy"
    assert normalize_form(form) in {normalize_form(a) for a in skill.ambiguous}


def test_every_surface_form_belongs_to_one_skill(taxonomy):
    owner: dict[str, str] = {}
    for skill in taxonomy:
        for form in skill.forms:
            assert owner.setdefault(normalize_form(form), skill.id) == skill.id


def _write(tmp_path, *records) -> str:
    path = tmp_path / "skills.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records), encoding="utf-8")
    return str(path)


PY = {"id": "python", "name": "Python", "category": "programming_languages", "aliases": ["py3"]}


@pytest.mark.parametrize(
    ("records", "message"),
    [
        ([PY, "{not json"], "skills.jsonl:2: invalid JSON"),
        ([PY, dict(PY, aliases=[])], "skills.jsonl:2: duplicate id 'python'"),
        ([PY, {"id": "py", "name": "Py3", "category": "x"}], "'Py3' of 'py' is already a form of 'python'"),
        ([dict(PY, implies=["nope"])], "implies names unknown id 'nope'"),
        ([dict(PY, id="Python!")], "must be lower-case"),
        ([dict(PY, ambiguous=["Pie"])], "ambiguous form 'Pie' is not the name or an alias"),
        ([dict(PY, colour="blue")], "unknown field(s) ['colour']"),
        ([dict(PY, aliases="py3")], "'aliases' must be a list"),
        (["[1, 2]"], "expected a JSON object"),
    ],
)  # fmt: skip
def test_malformed_taxonomy_files_name_file_and_line(tmp_path, records, message):
    with pytest.raises(TaxonomyError, match=None) as info:
        load_taxonomy(_write(tmp_path, *records))
    assert message in str(info.value)


def test_missing_taxonomy_file_is_a_clear_error(tmp_path):
    with pytest.raises(TaxonomyError, match="no such taxonomy file"):
        load_taxonomy(tmp_path / "nope.jsonl")


def test_a_custom_taxonomy_round_trips(tmp_path):
    tax = load_taxonomy(
        _write(
            tmp_path, PY, {"id": "django", "name": "Django", "category": "web", "aliases": [], "implies": ["python"]}
        ),
        extend=False,  # the file alone, not extending the bundled skills
    )
    assert len(tax) == 2
    assert tax.resolve("PY3").id == "python"
    assert tax.implied("django") == {"python"}
    assert tax.category_name("web") == "Web"


def _copy_tree(source, target, pattern):
    import shutil

    target.mkdir()
    for path in source.rglob(pattern):  # subpackages too (jobmatch/reading)
        (target / path.relative_to(source)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target / path.relative_to(source))
    return target


def test_the_extraction_key_covers_skills_rules_and_code(taxonomy, tmp_path):
    from jobmatch.taxonomy import _extraction_version, data_path

    def key_of(version, data, code):
        _extraction_version.cache_clear()  # kept per process; here the files change under it
        return _extraction_version(version, data, code)

    package = ROOT / "jobmatch"
    data = _copy_tree(data_path(""), tmp_path / "models", "*.json")
    code = _copy_tree(package, tmp_path / "jobmatch", "*.py")
    key = key_of(taxonomy.version, data, code)
    assert key == key_of(taxonomy.version, data_path(""), package)  # same files, same key
    assert key != taxonomy.version
    assert key_of("another skill set", data, code) != key
    # a context rule changed: a new cue phrase
    context = json.loads((data / "context.json").read_text(encoding="utf-8"))
    context["cues"].append("versed in")
    (data / "context.json").write_text(json.dumps(context), encoding="utf-8")
    ruled = key_of(taxonomy.version, data, code)
    assert ruled != key
    # the extraction code changed
    (code / "patterns.py").write_text((code / "patterns.py").read_text(encoding="utf-8") + "\n# edited\n")
    coded = key_of(taxonomy.version, data, code)
    assert coded not in (key, ruled)
    # the reference IDF is scoring's, not extraction's: refitting it keeps the extractions
    (data / "reference_idf.json").write_text("{}", encoding="utf-8")
    assert key_of(taxonomy.version, data, code) == coded


def test_a_user_taxonomy_has_its_own_extraction_key(taxonomy, tmp_path):
    path = tmp_path / "mine.jsonl"
    path.write_text('{"id": "cobol", "name": "COBOL", "category": "programming_languages"}\n', encoding="utf-8")
    mine = load_taxonomy(path)
    assert mine.extraction_version != taxonomy.extraction_version
    assert taxonomy.extraction_version == load_taxonomy().extraction_version


def test_every_subpackage_ships_in_the_wheel():
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {
        ".".join(path.parent.relative_to(ROOT).parts) for path in (ROOT / "jobmatch").rglob("__init__.py")
    }  # an editable install imports a subpackage the wheel would leave out: CI's clean install would not
    assert found <= listed, sorted(found - listed)


def test_the_validated_taxonomy_round_trips_through_its_cache_entry(tmp_path, monkeypatch):
    # user files with O*NET links and a patch, so every kind of field goes through the entry; a
    # damaged entry, or one of the older layout (the Taxonomy object itself), is rebuilt
    from jobmatch import _cache
    from jobmatch.taxonomy import _from_rows, _load

    data = ROOT / "tests" / "data" / "skills"
    paths = [str(data / "nurse_educator.jsonl"), str(data / "hot_onet.jsonl")]
    monkeypatch.setenv("JOBMATCH_CACHE_DIR", str(tmp_path))
    _load.cache_clear()
    fresh = load_taxonomy(paths)  # validated, then written
    [entry] = tmp_path.glob("taxonomy-*.msgpack")
    for bad in (None, b"\xc1 not msgpack", _cache.dumps(fresh), _cache.dumps([["id"], [["x"]], {}, "v", {}, []])):
        if bad is not None:
            entry.write_bytes(bad)
        _load.cache_clear()
        cached = load_taxonomy(paths)
        assert cached is not fresh
        assert cached.skills == fresh.skills and list(cached.skills) == list(fresh.skills)
        assert (cached.categories, cached.version, cached.files) == (fresh.categories, fresh.version, fresh.files)
        assert dict(cached.origins) == dict(fresh.origins)
        assert cached["python"].hot and cached["python"].onet == fresh["python"].onet
        assert cached.resolve("k8s").id == "kubernetes" and cached.resolve("SimMan 3G").id == "laerdal_simman"
        assert cached._forms == fresh._forms  # kept in the entry, or worked out again
        assert _from_rows(_cache.read(entry)) is not None  # the entry is a good one again
    _load.cache_clear()
