"""Every command's JSON, and the web API's, validates against its JSON Schema in docs/schema/; the
schemas are strict enough to catch a changed shape, open to keys added later, and all documented in
docs/json.md."""

from __future__ import annotations

import copy
import json
from datetime import datetime

import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLES
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from jobmatch.cli import cli

SCHEMAS = ROOT / "docs" / "schema"
PROFILE = SAMPLES / "profiles" / "ml-engineer.toml"
RESUME = ROOT / "sample_resumes" / "data-scientist.txt"
ONE = SAMPLES / "ml-engineer-northwind.md"
# A posting that fills every field the reading finds, and names skills both ways and in groups.
STRUCTURED = """Senior Data Engineer (Contract)

Location: Austin, TX (hybrid)
Pay: $70–$85 per hour

Requirements
- 5+ years of Python and SQL; Spark or Flink
- Bachelor's degree in Computer Science or equivalent experience
- AWS Certified Solutions Architect – Associate

Nice to have
- dbt, Airflow
"""


def _schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def registry() -> Registry:
    # each schema under its file name: the relative $refs between them ("extract.json#/$defs/id")
    # resolve here as they do for any tool reading the files from docs/schema/
    return Registry().with_resources(
        (path.name, Resource.from_contents(json.loads(path.read_text(encoding="utf-8"))))
        for path in sorted(SCHEMAS.glob("*.json"))
    )


@pytest.fixture(scope="module")
def errors(registry):
    """errors(instance, "match.json") or errors(instance, "extract.json", "posting"): the validation
    errors, as readable lines ([] when the instance is valid)."""

    def _errors(instance, name: str, definition: str | None = None) -> list[str]:
        ref = f"{name}#/$defs/{definition}" if definition else name
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": ref}
        validator = Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)
        return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]

    return _errors


def _json(*args: str, input: str | None = None, code: int = 0):
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    assert result.exit_code == code, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    """A store holding two sample postings."""
    path = str(tmp_path_factory.mktemp("store") / "jobmatch.db")
    result = CliRunner().invoke(cli, ["save", str(ONE), str(SAMPLES / "nurse-pinevalley.html"), "--db", path])
    assert result.exit_code == 0, result.output
    return path


def test_every_schema_is_a_valid_draft_2020_12_schema():
    names = sorted(p.name for p in SCHEMAS.glob("*.json"))
    assert {"extract.json", "match.json", "rank.json", "gaps.json", "list.json", "taxonomy.json"} <= set(names)
    for name in names:
        Draft202012Validator.check_schema(_schema(name))


# ---- the commands' real output -------------------------------------------------------------------


def test_extract_json_and_jsonl_validate(errors):
    folder = _json("extract", str(SAMPLES), "--format", "json")
    assert isinstance(folder, list) and len(folder) > 30
    assert errors(folder, "extract.json") == []
    one = _json("extract", "-", "--format", "json", input=STRUCTURED)
    assert errors(one, "extract.json") == []
    # the tricky posting fills the nullable fields, so their non-null shapes are checked too
    assert one["salary"]["period"] == "hour" and one["education"]["level"] == "bachelor"
    assert one["years"]["min"] == 5 and one["alternatives"] and one["certifications"]
    assert next(s for s in one["skills"] if s["id"] == "dbt")["required"] is False
    result = CliRunner().invoke(cli, ["extract", str(SAMPLES), "--format", "jsonl"], catch_exceptions=False)
    for line in result.stdout.splitlines():
        assert errors(json.loads(line), "extract.json", "posting") == []


def test_extract_json_of_a_url_and_of_an_empty_posting_validate(errors, httpserver):
    page = "<html><head><title>Data Engineer</title></head><body><p>Python, Spark and Kafka.</p></body></html>"
    httpserver.expect_request("/jobs/7").respond_with_data(page, content_type="text/html; charset=utf-8")
    fetched = _json("extract", httpserver.url_for("/jobs/7"), "--format", "json")
    assert fetched["source"].startswith("http://127.0.0.1:") and errors(fetched, "extract.json") == []
    empty = _json("extract", "-", "--format", "json", input="")
    assert empty["skills"] == [] and errors(empty, "extract.json") == []


def test_match_json_validates_for_one_posting_and_for_several(errors, db):
    one = _json("match", str(ONE), "--profile", str(PROFILE), "--format", "json")
    assert isinstance(one, dict) and errors(one, "match.json") == []
    assert any("alternatives" in i for i in one["matched"] + one["partial"] + one["missing"])
    several = _json("match", str(SAMPLES), "--profile", str(RESUME), "--format", "json", "--saved", "--db", db)
    assert isinstance(several, list) and len(several) > 30
    assert errors(several, "match.json") == []
    assert {r["role_match"] for r in several} >= {"target", "other"}


def test_rank_and_gaps_json_validate(errors):
    ranked = _json("rank", str(SAMPLES), "--profile", str(PROFILE), "--format", "json", "-q")
    assert errors(ranked, "rank.json") == []
    assert [r["fit"] for r in ranked] == sorted((r["fit"] for r in ranked), reverse=True)
    gaps = _json("gaps", str(SAMPLES), "--profile", str(PROFILE), "--format", "json", "-q")
    assert errors(gaps, "gaps.json") == [] and gaps["gaps"] and gaps["learn_next"]
    # out of reach: the plan lifts nothing and a threshold is suggested (the other branch of the shape)
    out_of_reach = _json("gaps", str(SAMPLES), "--profile", str(RESUME), "--format", "json", "--threshold", "100")
    assert out_of_reach["plan_lifts_any"] is False and isinstance(out_of_reach["suggested_threshold"], float)
    assert errors(out_of_reach, "gaps.json") == []


def test_list_json_validates_with_saved_files_and_urls(errors, tmp_path, httpserver):
    httpserver.expect_request("/jobs/9").respond_with_data(
        "<html><title>Nurse</title><p>Registered nurse: BLS, ACLS, patient care.</p></html>", content_type="text/html"
    )
    path = str(tmp_path / "jobmatch.db")
    assert _json("list", "--format", "json", "--db", path) == []
    CliRunner().invoke(cli, ["save", str(ONE), httpserver.url_for("/jobs/9"), "--db", path], catch_exceptions=False)
    saved = _json("list", "--format", "json", "--db", path)
    assert errors(saved, "list.json") == []
    assert [s["fetched_at"] is None for s in saved] == [True, False]
    for record in saved:  # ISO 8601 with a zone (jsonschema checks "date-time" only with an extra package)
        assert datetime.fromisoformat(record["saved_at"]).tzinfo is not None


def test_taxonomy_show_json_validates(errors):
    if "taxonomy" not in cli.commands:  # pragma: no cover - the command comes with issue 13's taxonomy work
        pytest.skip("no `jobmatch taxonomy` command in this version")
    for name in ("k8s", "Python", "scikit-learn"):
        shown = _json("taxonomy", "show", name, "--format", "json")
        assert errors(shown, "taxonomy.json") == []
        assert set(shown) <= _documented("taxonomy.json")
    assert _json("taxonomy", "show", "k8s", "--format", "json")["id"] == "kubernetes"


# ---- the web API ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(db):
    from fastapi.testclient import TestClient

    from jobmatch.web import create_app

    app = create_app(profile=str(PROFILE), db=db)
    app.state.work.warm_up()
    with TestClient(app, base_url="http://127.0.0.1:8765") as test_client:
        yield test_client


def test_the_web_api_answers_validate(errors, client):
    def ok(response, name: str, definition: str | None = None):
        assert response.status_code < 300, response.text
        assert errors(response.json(), name, definition) == [], response.json()
        return response.json()

    ok(client.post("/api/extract", json={"text": STRUCTURED}), "extract.json", "posting")
    ok(client.post("/api/match", json={"text": STRUCTURED}), "match.json", "result")
    ranked = ok(client.get("/api/rank"), "rank.json")
    assert all(isinstance(r["id"], int) for r in ranked)
    ok(client.get("/api/gaps"), "gaps.json")
    listed = ok(client.get("/api/saved"), "list.json")
    ok(client.get(f"/api/saved/{listed[0]['id']}"), "list.json", "posting_with_text")
    new = ok(client.post("/api/saved", json={"text": STRUCTURED, "source": "pasted"}), "api.json", "saved")
    ok(client.delete(f"/api/saved/{new['id']}"), "api.json", "removed")
    ok(client.get("/api/profiles"), "api.json", "profiles")
    assert "toml" in ok(client.get("/api/profile"), "profile.json")
    for response in (client.get("/api/saved/999999"), client.get("/api/rank", params={"top": "0"})):
        assert response.status_code in (404, 422) and errors(response.json(), "api.json", "error") == []


# ---- strict enough, open enough ------------------------------------------------------------------


def test_a_changed_shape_fails_validation(errors):
    posting = _json("extract", "-", "--format", "json", input=STRUCTURED)
    result = _json("match", "-", "--profile", str(PROFILE), "--format", "json", input=STRUCTURED)
    broken = []
    for change in (
        lambda p, r: p.pop("skills"),
        lambda p, r: p["skills"][0]["mentions"][0].update(start="12"),
        lambda p, r: p["skills"][0].update(required="yes"),
        lambda p, r: p.update(work_mode="sometimes"),
        lambda p, r: p["salary"].update(currency="dollars"),
        lambda p, r: r.update(score="58"),
        lambda p, r: r.update(role_match="maybe"),
        lambda p, r: r["missing"][0].pop("points"),
        lambda p, r: r.update(fit=140),
    ):
        p, r = copy.deepcopy(posting), copy.deepcopy(result)
        change(p, r)
        broken.append(bool(errors(p, "extract.json")) or bool(errors(r, "match.json")))
    assert broken == [True] * len(broken)


def test_keys_added_later_still_validate(errors):
    posting = _json("extract", "-", "--format", "json", input=STRUCTURED)
    python = next(s for s in posting["skills"] if s["id"] == "python")
    python["esco"] = ["http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"]
    python["onet"] = [{"example": "Python", "commodity": "43232402", "commodity_title": "Development environment "
                       "software", "hot": True, "in_demand": True, "occupations": 4}]  # fmt: skip
    posting["confidence"] = 0.93  # a key no version has yet
    assert errors(posting, "extract.json") == []
    python["onet"][0]["commodity"] = 43232402  # a documented key keeps its type
    assert errors(posting, "extract.json") != []


def _documented(name: str, definition: str | None = None) -> set[str]:
    schema = _schema(name)
    node = schema["$defs"][definition] if definition else schema
    if "allOf" in node:
        return set().union(*(part.get("properties", {}) for part in node["allOf"]))
    return set(node["properties"])


def test_every_key_the_commands_print_is_documented():
    posting = _json("extract", "-", "--format", "json", input=STRUCTURED)
    assert set(posting) <= _documented("extract.json", "posting")
    assert set().union(*map(set, posting["skills"])) <= _documented("extract.json", "skill")
    result = _json("match", "-", "--profile", str(PROFILE), "--format", "json", input=STRUCTURED)
    assert set(result) <= _documented("match.json", "result")
    items = result["matched"] + result["partial"] + result["missing"]
    assert set().union(*map(set, items)) <= _documented("match.json", "item")
    gaps = _json("gaps", str(SAMPLES), "--profile", str(PROFILE), "--format", "json", "-q")
    assert set(gaps) <= _documented("gaps.json")
    assert set().union(*map(set, gaps["gaps"] + gaps["soft_gaps"])) <= _documented("gaps.json", "gap")
    assert set().union(*map(set, gaps["learn_next"])) <= _documented("gaps.json", "step")


def test_docs_json_md_describes_every_schema_and_the_readme_points_to_it(errors):
    guide = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    example = json.loads(guide.split("```json\n", 1)[1].split("```", 1)[0])
    assert errors(example, "extract.json", "posting") == []  # the page's own example keeps the shape
    for path in SCHEMAS.glob("*.json"):
        assert f"schema/{path.name}" in guide, f"docs/json.md does not mention {path.name}"
    assert "docs/json.md" in (ROOT / "README.md").read_text(encoding="utf-8")
