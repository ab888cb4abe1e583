"""The command line: formats, exit codes, one-line errors, lazy imports, help kept in step with README."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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


@pytest.mark.parametrize(
    ("asked", "shown"),
    [
        ("at least 6 months acute experience", "6+ months"),
        ("6-18 months of nursing experience", "6–18 months"),
        ("3-5 years of nursing experience", "3–5 years"),
        ("a minimum of 12 months' experience in a similar role", "1+ years"),
    ],
)
def test_the_table_shows_experience_in_months_where_it_is_not_whole_years(run, asked, shown):
    result = run("extract", "-", input=f"Staff Nurse\n\nRequirements\n- {asked}\n")
    assert result.exit_code == 0
    [level] = [line for line in result.stdout.splitlines() if line.startswith("Level")]
    assert level.split(None, 1)[1] == shown
    data = json.loads(run("extract", "-", "--format", "json", input=f"Staff Nurse\n\n- {asked}\n").stdout)
    assert data["years"]["min"] == float(shown.split("+")[0].split("–")[0]) / (12 if "months" in shown else 1)


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


def test_table_lists_a_certification_once(run):
    # a certification is a skill of its own category: the header block does not repeat it
    posting = "Staff Accountant\n\nRequirements\n- CPA preferred\n- 3 years of experience\n"
    out = run("extract", "-", input=posting).stdout
    assert out.count("CPA") == 1 and "CPA (+)" in out
    assert sum(line.startswith("Certifications") for line in out.splitlines()) == 1


PROFILE = "sample_listings/profiles/ml-engineer.toml"


def test_match_json_scores_and_explains(run):
    result = run(
        "match", str(SAMPLES / "ml-engineer-northwind.md"), "--profile", str(ROOT / PROFILE), "--format", "json"
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {
        "source", "title", "score", "fit", "uses", "role", "role_match", "shared", "matched", "partial", "missing"
    }  # fmt: skip
    assert 0 < data["score"] < 100 and 0 < data["fit"] < 100 and 0 < data["uses"] < 1
    matched = {i["id"]: i for i in data["matched"]}
    assert "python" in matched and matched["python"]["credit"] == 1
    assert any(i["id"] == "aws" and "SageMaker" in i["reason"] for i in data["partial"])
    total = sum(i["points"] for group in ("matched", "partial", "missing") for i in data[group])
    assert abs(total - data["score"]) < 0.2


def test_match_table_and_stdin(run):
    result = run("match", "-", "--profile", str(ROOT / PROFILE), input="Requirements\n- Python and Rust\n")
    assert result.exit_code == 0
    assert "Matched (1): Python" in result.stdout and "Missing (1): Rust" in result.stdout
    score = float(next(line for line in result.stdout.splitlines() if line.startswith("Score")).split()[1])
    assert 0 < score < 50  # Python is asked for everywhere, Rust rarely: the rare skill weighs more


def test_a_bad_profile_is_one_line_naming_file_and_line(run, tmp_path):
    bad = tmp_path / "me.toml"
    bad.write_text("[skills]\nPython = 6\nGo = -1\n", encoding="utf-8")
    result = run("match", "-", "--profile", str(bad), input="Go")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"jobmatch: error: {bad}:3: years for 'Go' must be a number from 0 to 60, got -1"


def test_unknown_profile_skills_warn_with_suggestions(run, tmp_path):
    profile = tmp_path / "me.toml"
    profile.write_text("[skills]\nPyhton = 3\nSQL = true\n", encoding="utf-8")
    result = run("match", "-", "--profile", str(profile), input="SQL and Python")
    assert result.exit_code == 0
    assert "unknown skill 'Pyhton' (did you mean Python" in result.stderr


def test_profile_init_writes_an_editable_toml_profile(run, tmp_path):
    resume = tmp_path / "cv.txt"
    resume.write_text("Data engineer. Python (5 years), Spark, Airflow and dbt.", encoding="utf-8")
    out = tmp_path / "me.toml"
    assert run("profile", "init", "--from", str(resume), "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "[skills]" in text
    assert "\nPython = 5\n" in text
    again = run("profile", "init", "--from", str(resume), "-o", str(out))
    assert again.exit_code == 2 and "already exists" in again.stderr
    result = run("match", "-", "--profile", str(out), "--format", "json", input="Python and dbt")
    assert json.loads(result.stdout)["score"] == 100


def test_profile_init_to_a_dash_prints_it(run, tmp_path, monkeypatch):
    """ "-o -" is standard output, as in every tool: no file named "-" is left behind."""
    resume = tmp_path / "cv.txt"
    resume.write_text("Data engineer. Python (5 years), Spark, Airflow and dbt.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("profile", "init", "--from", str(resume), "-o", "-")
    assert result.exit_code == 0
    assert "\nPython = 5\n" in result.stdout
    assert not (tmp_path / "-").exists()


def test_on_a_terminal_the_posting_is_shown_with_skills_highlighted(tmp_path):
    from pathlib import Path

    exe = str(Path(sys.executable).parent / "jobmatch")
    env = {**__import__("os").environ, "FORCE_COLOR": "1", "TTY_COMPATIBLE": "1", "COLUMNS": "100"}
    out = subprocess.run(
        [exe, "match", "-", "--profile", str(ROOT / PROFILE)],
        input="Requirements\n- Python and Rust\n", capture_output=True, text=True, env=env, check=True,
    ).stdout  # fmt: skip
    assert "\x1b[" in out  # colour codes
    body = out.split("Missing", 1)[1]
    assert "Python" in body and "Rust" in body  # the posting itself follows the lists


def test_a_profile_with_no_known_skills_warns_that_every_score_is_zero(run, tmp_path):
    resume = tmp_path / "cv.md"
    resume.write_text("I like long walks and good coffee.", encoding="utf-8")
    result = run("match", "-", "--profile", str(resume), "--format", "json", input="Python and SQL")
    assert result.exit_code == 0
    assert "no known skills" in result.stderr
    assert json.loads(result.stdout)["score"] == 0


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_extract_in_two_processes_prints_what_one_prints(run, fmt):
    sources = sorted(str(p) for p in SAMPLES.iterdir() if p.is_file())[:12]
    one = run("extract", *sources, "--format", fmt, "-q", "--jobs", "1")
    two = run("extract", *sources, "--format", fmt, "-q", "--jobs", "2")
    assert one.exit_code == two.exit_code == 0
    assert two.stdout == one.stdout and two.stderr == one.stderr


def test_a_posting_in_another_language_is_warned_about_from_the_workers_too(run, tmp_path):
    german = tmp_path / "stelle.txt"
    german.write_text(
        "Wir suchen eine erfahrene Entwicklerin für unser Team in Berlin. Du hast Erfahrung mit Python und "
        "Kubernetes und arbeitest gern mit anderen zusammen. Wir bieten dir ein tolles Team und sind für dich da.",
        encoding="utf-8",
    )
    result = run("extract", str(german), str(SAMPLES / "ml-engineer-northwind.md"), "-q", "--jobs", "2")
    assert result.exit_code == 0
    assert "stelle.txt: written in German" in result.stderr
    assert "northwind" not in result.stderr


@pytest.mark.parametrize("command", ["extract", "rank"])
def test_a_folder_of_saved_pages_is_read_in_the_workers_and_a_bad_file_is_one_line(run, tmp_path, monkeypatch, command):
    """With --jobs 2 a folder's files are read and parsed (HTML takes most of a saved page's time)
    where they are extracted, side by side; what one process prints, two print."""
    import os

    import jobmatch.sources

    folder = tmp_path / "saved"
    folder.mkdir()
    for name in ("backend-java-meridianbank.html", "data-analyst-ridgeway.html", "ml-engineer-lumenhealth.html"):
        (folder / name).write_bytes((SAMPLES / name).read_bytes())
    (folder / "broken.json").write_text('{"title": "Data Engineer",', encoding="utf-8")
    readers = tmp_path / "readers"
    parse = jobmatch.sources.posting_from_html

    def noted(*args, **kwargs):
        with readers.open("a") as f:
            f.write(f"{os.getpid()}\n")
        return parse(*args, **kwargs)

    monkeypatch.setattr(jobmatch.sources, "posting_from_html", noted)  # forked workers inherit it
    args = [command, str(folder), "--format", "json", "-q"]
    if command == "rank":
        args += ["--profile", str(ROOT / PROFILE)]
    one = run(*args, "--jobs", "1")
    assert set(readers.read_text().split()) == {str(os.getpid())}
    readers.unlink()
    two = run(*args, "--jobs", "2")
    pids = readers.read_text().split()
    # every page parsed in a worker, but the first: read here, before the workers fork, it loads
    # what they then share (the whole matcher)
    assert len(pids) == 3 and pids.count(str(os.getpid())) == 1
    assert one.exit_code == two.exit_code == 2  # a file could not be read
    assert two.stdout == one.stdout and two.stderr == one.stderr
    assert two.stderr.count("\n") == 1 and "broken.json: invalid JSON" in two.stderr
    sources = sorted(Path(r["source"]).name for r in json.loads(two.stdout))
    assert sources == ["backend-java-meridianbank.html", "data-analyst-ridgeway.html", "ml-engineer-lumenhealth.html"]
