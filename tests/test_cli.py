"""The command line: formats, exit codes, one-line errors, lazy imports, help kept in step with README."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLES

from jobmatch.cli import cli

POSTING = "Backend Engineer\n\nServices in Go and Python on k8s. Ready to go live! Postgres and Redis.\n"


@pytest.fixture()
def run():
    def _run(*args: str, input: str | bytes | None = None):
        return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)

    return _run


def test_extract_json_for_one_source_is_one_object(run, tmp_path):
    path = tmp_path / "job.txt"
    path.write_text(POSTING, encoding="utf-8")
    result = run("extract", str(path), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["source"] == str(path)
    assert data["title"] == "Backend Engineer"
    ids = [s["id"] for s in data["skills"]]
    assert ids == ["backend_development", "go", "python", "kubernetes", "postgresql", "redis"]
    go = data["skills"][1]
    assert set(go) == {"id", "name", "category", "required", "boilerplate", "years", "mentions"}
    m = go["mentions"][0]
    assert POSTING[m["start"] : m["end"]] == m["text"] == "Go"
    assert len(go["mentions"]) == 1  # "go live" is not Go


def test_extract_from_standard_input(run):
    result = run("extract", "-", "--format", "json", input=POSTING)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["source"] == "-"


def test_jsonl_prints_one_object_a_line_and_json_a_list_for_several(run):
    result = run("extract", str(SAMPLES), "--format", "jsonl")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) >= 30
    assert all("skills" in json.loads(line) for line in lines)
    listed = json.loads(run("extract", str(SAMPLES), "--format", "json").stdout)
    assert isinstance(listed, list) and len(listed) == len(lines)


def test_table_groups_skills_by_category_within_80_columns(run, tmp_path):
    path = tmp_path / "job.txt"
    path.write_text(POSTING, encoding="utf-8")
    result = run("extract", str(path))
    assert result.exit_code == 0
    out = result.stdout
    assert "Programming languages" in out and "Databases" in out
    assert "Go, Python" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_empty_input_gives_no_skills_and_exit_zero(run):
    result = run("extract", "-", "--format", "json", input="")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["skills"] == []


def test_bad_sources_give_one_line_each_exit_2_and_the_good_ones_still_print(run, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Kotlin and Swift developer", encoding="utf-8")
    (tmp_path / "bad.json").write_text("{oops", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("extract", str(good), str(tmp_path / "bad.json"), str(tmp_path / "bin.txt"),
                 str(tmp_path / "nope.md"), str(empty), "--format", "jsonl")  # fmt: skip
    assert result.exit_code == 2
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [str(good)]
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 4
    assert all(line.startswith("jobmatch: error: ") for line in errors)
    assert "Traceback" not in result.stderr


def test_a_bad_taxonomy_is_a_one_line_error(run, tmp_path):
    bad = tmp_path / "t.jsonl"
    bad.write_text("{", encoding="utf-8")
    result = run("extract", "-", "--taxonomy", str(bad), input="Python")
    assert result.exit_code == 2
    assert result.stderr.startswith("jobmatch: error: ") and "t.jsonl:1: invalid JSON" in result.stderr


def _imported_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_help_imports_neither_spacy_nor_sklearn():
    code = "from jobmatch.cli import cli\ntry:\n    cli(['--help'])\nexcept SystemExit:\n    pass"
    modules = _imported_after(code)
    assert "jobmatch.cli" in modules
    assert not {m for m in modules if m.split(".")[0] in {"spacy", "sklearn", "bs4", "rich", "numpy"}}


def test_every_command_has_help_and_appears_in_the_readme(run):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert command.help and len(command.help) > 20, name
        assert f"jobmatch {name}" in readme, f"README does not show `jobmatch {name}`"
        assert run(name, "--help").exit_code == 0


def test_the_installed_command_runs_from_another_directory(tmp_path):
    from pathlib import Path

    exe = str(Path(sys.executable).parent / "jobmatch")  # the script pip installed beside this python
    out = subprocess.run([exe, "extract", "-", "--format", "json"], input="MLOps with Kubeflow and k8s",
                         capture_output=True, text=True, cwd=tmp_path, check=True)  # fmt: skip
    assert [s["id"] for s in json.loads(out.stdout)["skills"]] == ["mlops", "kubeflow", "kubernetes"]


STRUCTURED = """Senior Data Engineer
Location: Austin, TX (Hybrid) · Full-time · $140,000 – $175,000 a year

Requirements
- 5+ years of Python; Snowflake or BigQuery
- BS in Computer Science or equivalent experience

Nice to have
- Kubernetes
"""


def test_extract_json_carries_the_posting_structure(run):
    data = json.loads(run("extract", "-", "--format", "json", input=STRUCTURED).stdout)
    assert data["seniority"] == "senior"
    assert data["salary"]["min"] == 140000 and data["salary"]["currency"] == "USD"
    assert data["work_mode"] == "hybrid" and data["employment_type"] == "full-time"
    assert "Austin, TX" in data["locations"]
    assert data["education"]["level"] == "bachelor" and data["education"]["equivalent_experience"] is True
    assert ["snowflake", "bigquery"] in data["alternatives"]
    skills = {s["id"]: s for s in data["skills"]}
    assert skills["python"]["required"] is True and skills["python"]["years"] == 5
    assert skills["kubernetes"]["required"] is False


def test_table_shows_a_header_block_above_the_skills(run):
    out = run("extract", "-", input=STRUCTURED).stdout
    lines = out.splitlines()
    assert any(line.startswith("Pay") and "140,000–175,000" in line for line in lines)
    assert any(line.startswith("Where") and "hybrid" in line for line in lines)
    assert out.index("Pay") < out.index("Programming languages")
    assert "Kubernetes (+)" in out
