"""Your own skills everywhere: a user file, the user skills folder and JOBMATCH_TAXONOMY extend the
bundled taxonomy in the library, on every command and in the web server; a user skill replaces a
bundled one by id; a clash, a bad file or a bad field is one line naming file, line and problem;
a changed file is never served from a cache."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLES

from jobmatch import SkillExtractor, TaxonomyError, load_taxonomy
from jobmatch.cli import cli
from jobmatch.taxonomy import user_skills_dir

DATA = ROOT / "tests" / "data" / "skills"
NURSE = DATA / "nurse_educator.jsonl"
HOT = DATA / "hot_onet.jsonl"
POSTING = (
    "Nurse Educator\n\nRequirements:\n"
    "- Experience running high-fidelity simulation with SimMan 3G and structured debriefing\n"
    "- Nursing curriculum design and BLS certification\n"
    "Nice to have: Python for data work\n"
)
ESCO_URI = "http://data.europa.eu/esco/skill/00000000-test-4000-8000-000000000001"


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), input=input, env=env, catch_exceptions=False)


def write(path, *records) -> str:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def nurse():
    return SkillExtractor(NURSE)


def test_a_user_file_extends_the_bundled_taxonomy(taxonomy):
    mine = load_taxonomy(NURSE)
    assert len(mine) == len(taxonomy) + 3  # three new skills; the fourth record adds to a bundled one
    assert mine.resolve("SimMan 3G").id == "laerdal_simman"
    assert mine.resolve("k8s").id == "kubernetes"  # the bundled skills are all still there
    assert mine.implied("laerdal_simman") == {"clinical_simulation"}
    curriculum = mine["curriculum_development"]
    assert curriculum.esco == (ESCO_URI,)
    assert mine.resolve("nursing curriculum design") is curriculum
    assert set(taxonomy["curriculum_development"].aliases) < set(curriculum.aliases)  # added to, not replaced
    assert mine.files == (str(NURSE.resolve()),)
    assert mine.version != taxonomy.version


def test_several_files_apply_in_order_and_extend_false_loads_them_alone(taxonomy):
    both = load_taxonomy([NURSE, HOT])  # HOT adds to a skill NURSE defines: the order holds
    assert both["python"].hot and not taxonomy["python"].hot and not both["laerdal_simman"].hot
    assert both["laerdal_simman"].onet[0].commodity_title == "Analytical or scientific software"
    with pytest.raises(TaxonomyError, match="no skill 'curriculum_development' to add to"):
        load_taxonomy([NURSE], extend=False)  # alone: nothing for its last record to add to


def test_the_extractor_finds_user_skills_with_their_external_ids(nurse):
    result = nurse.extract(POSTING)
    assert {"clinical_simulation", "laerdal_simman", "simulation_debriefing", "curriculum_development", "bls"} <= (
        result.ids
    )
    data = {s["id"]: s for s in result.to_dict()["skills"]}
    assert data["curriculum_development"]["esco"] == [ESCO_URI]
    assert "esco" not in data["bls"] and "onet" not in data["bls"]  # only where known
    assert data["laerdal_simman"]["required"] is True


def test_a_user_skill_replaces_a_bundled_one_by_id(tmp_path, taxonomy):
    path = write(tmp_path / "k.jsonl", {"id": "kubernetes", "name": "Kubernetes", "category": "devops",
                                        "aliases": ["kube"]})  # fmt: skip
    mine = load_taxonomy(path)
    assert mine.resolve("k8s") is None  # the bundled record's forms go with it
    assert mine.resolve("kube").id == "kubernetes"
    assert "containers" in taxonomy["kubernetes"].implies and mine["kubernetes"].implies == ()
    assert any("replaces" in place for place in mine.origins["kubernetes"])


def test_the_user_folder_and_the_environment_extend_every_load(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    folder = user_skills_dir()
    assert str(folder).startswith(str(tmp_path))
    folder.mkdir(parents=True)
    write(folder / "sim.jsonl", {"id": "simman_x", "name": "SimMan X", "category": "business_tools"})
    assert load_taxonomy().resolve("simman x").id == "simman_x"
    other = write(tmp_path / "env.jsonl", {"id": "simman_x", "name": "SimMan X", "category": "domain"})
    monkeypatch.setenv("JOBMATCH_TAXONOMY", os.pathsep.join([other, str(NURSE)]))
    extended = load_taxonomy()
    assert extended["simman_x"].category == "domain"  # JOBMATCH_TAXONOMY comes after the folder
    assert extended.resolve("SimMan").id == "laerdal_simman"
    monkeypatch.setenv("JOBMATCH_TAXONOMY", str(tmp_path / "gone.jsonl"))
    with pytest.raises(TaxonomyError, match=r"JOBMATCH_TAXONOMY: .*gone\.jsonl: no such taxonomy file"):
        load_taxonomy()


SIM = {"id": "sim_tools", "name": "Simulation tools", "category": "domain"}


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([dict(SIM, aliases=["K8s"])], ":1: 'K8s' of 'sim_tools' is already a form of 'kubernetes' (at "),
        ([SIM, {"id": "python", "aliases": ["simulation tools"]}],
         ":2: 'simulation tools' of 'python' is already a form of 'sim_tools' (at "),
        ([SIM, dict(SIM, name="Sim")], ":2: duplicate id 'sim_tools' (first at "),
        ([SIM, "{'id': 'x'}"], ":2: invalid JSON"),
        ([{"id": "no_such_skill", "aliases": ["x"]}], ":1: no skill 'no_such_skill' to add to"),
        ([dict(SIM, esco=["https://example.com/esco/1"])], "'https://example.com/esco/1' is not an ESCO concept URI"),
        ([dict(SIM, onet=[{"example": "Sim", "commodity": "4323"}])], ":1: 'onet' commodity must be an 8-digit code"),
        ([dict(SIM, onet={"example": "Sim"})], ":1: field 'onet' must be a list of objects"),
        ([dict(SIM, onet=[{"example": "Sim", "commodity": "43232605", "hot": "Y"}])], "hot, in_demand true or false"),
        ([dict(SIM, implies=["nothing_here"])], ":1: implies names unknown id 'nothing_here'"),
        ([dict(SIM, category="")], ":1: field 'category' must be a non-empty string"),
    ],
)  # fmt: skip
def test_bad_user_files_name_file_line_and_problem(tmp_path, lines, message):
    path = write(tmp_path / "mine.jsonl", *lines)
    with pytest.raises(TaxonomyError) as info:
        load_taxonomy(path)
    assert str(info.value).startswith(path + ":")
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_a_clash_between_two_user_files_names_both(tmp_path):
    first = write(tmp_path / "a.jsonl", SIM)
    second = write(tmp_path / "b.jsonl", {"id": "sims", "name": "Sims", "category": "domain",
                                          "aliases": ["Simulation Tools"]})  # fmt: skip
    with pytest.raises(TaxonomyError) as info:
        load_taxonomy([first, second])
    assert str(info.value) == (
        f"{second}:1: 'Simulation Tools' of 'sims' is already a form of 'sim_tools' (at {first}:1)"
    )


def test_a_file_in_another_encoding_is_one_line(tmp_path):
    path = tmp_path / "latin.jsonl"
    path.write_bytes(json.dumps(SIM).encode() + b'\n{"id": "creme", "name": "Cr\xe8me", "category": "domain"}\n')
    with pytest.raises(TaxonomyError, match=r"latin.jsonl:2: not UTF-8 text \(byte 0xe8\)"):
        load_taxonomy(path)


def test_a_changed_user_file_changes_every_key(tmp_path):
    from jobmatch.rank import cache_version

    path = tmp_path / "mine.jsonl"
    write(path, SIM)
    before = load_taxonomy(path)
    write(path, SIM, {"id": "sim_debrief", "name": "Sim debrief", "category": "domain"})
    after = load_taxonomy(path)
    assert "sim_debrief" in after and "sim_debrief" not in before  # seen in the same process
    assert after.version != before.version
    assert after.extraction_version != before.extraction_version
    assert cache_version(after) != cache_version(before)


# -- the commands


def test_extract_json_shows_user_skills_and_esco_ids():
    result = run("extract", "-", "--taxonomy", str(NURSE), "--taxonomy", str(HOT), "--format", "json", input=POSTING)
    assert result.exit_code == 0, result.stderr
    skills = {s["id"]: s for s in json.loads(result.stdout)["skills"]}
    assert skills["curriculum_development"]["esco"] == [ESCO_URI]
    assert skills["python"]["onet"][0]["hot"] is True
    assert "laerdal_simman" in skills


def test_worker_processes_extract_with_the_user_skills_too(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(POSTING, encoding="utf-8")
    result = run("extract", str(tmp_path), "--jobs", "2", "--taxonomy", str(NURSE), "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    for line in result.stdout.splitlines():
        assert {"laerdal_simman", "simulation_debriefing"} <= {s["id"] for s in json.loads(line)["skills"]}


def test_the_environment_reaches_every_command(tmp_path):
    profile = tmp_path / "me.toml"
    profile.write_text('[skills]\n"SimMan" = 3\nBLS = true\n', encoding="utf-8")
    posting = tmp_path / "educator.txt"
    posting.write_text(POSTING, encoding="utf-8")
    env = {"JOBMATCH_TAXONOMY": os.pathsep.join([str(NURSE), str(HOT)])}
    matched = run("match", str(posting), "--profile", str(profile), "--format", "json", env=env)
    assert matched.exit_code == 0, matched.stderr
    record = json.loads(matched.stdout)
    assert "laerdal_simman" in {i["id"] for i in record["matched"]}
    missing = {i["id"]: i for i in record["missing"]}
    assert missing["curriculum_development"]["esco"] == [ESCO_URI]
    ranked = run("rank", str(posting), str(SAMPLES / "ml-engineer-northwind.md"), "--profile", str(profile),
                 "--format", "json", env=env)  # fmt: skip
    assert ranked.exit_code == 0, ranked.stderr
    assert json.loads(ranked.stdout)[0]["source"] == str(posting)


def test_gaps_marks_onet_hot_technologies(tmp_path):
    profile = tmp_path / "me.toml"
    profile.write_text('[skills]\n"Clinical simulation" = 3\nBLS = true\n', encoding="utf-8")
    posting = tmp_path / "educator.txt"
    posting.write_text(POSTING, encoding="utf-8")
    args = ["gaps", str(posting), "--profile", str(profile), "--taxonomy", str(NURSE), "--taxonomy", str(HOT)]
    data = json.loads(run(*args, "--format", "json").stdout)
    hot = {g["id"]: g["hot"] for g in data["gaps"]}
    assert hot == {"python": True, "laerdal_simman": False}
    table = run(*args).stdout.splitlines()
    assert next(line for line in table if line.startswith("Python")).endswith(" hot")
    assert not next(line for line in table if line.startswith("Laerdal SimMan")).endswith("hot")
    assert "hot: a hot technology in O*NET (often in employers' postings)" in table
    plain = run("gaps", str(posting), "--profile", str(profile), "--taxonomy", str(NURSE)).stdout
    assert "hot" not in plain  # no O*NET links, no column


@pytest.mark.parametrize(
    "command",
    [
        ["extract", "-"],
        ["match", "-", "--profile", str(SAMPLES / "profiles" / "ml-engineer.toml")],
        ["rank", "-", "--profile", str(SAMPLES / "profiles" / "ml-engineer.toml")],
        ["gaps", "-", "--profile", str(SAMPLES / "profiles" / "ml-engineer.toml")],
        ["profile", "init", "--from", str(ROOT / "sample_resumes" / "data-scientist.txt")],
        ["taxonomy", "show", "python"],
        ["serve", "--port", "0"],
    ],
    ids=lambda c: c[0] if c[0] != "profile" else "profile init",
)
def test_a_bad_taxonomy_stops_every_command_with_one_line(tmp_path, command):
    bad = write(tmp_path / "bad.jsonl", SIM, dict(SIM, id="sim_two", name="Sim two", aliases=["simulation tools"]))
    result = run(*command, "--taxonomy", bad, input=POSTING)
    assert result.exit_code == 2
    assert result.stderr == (
        f"jobmatch: error: {bad}:2: 'simulation tools' of 'sim_two' is already a form of 'sim_tools' (at {bad}:1)\n"
    )
    assert result.stdout == ""


def test_taxonomy_check_counts_what_a_file_brings(taxonomy):
    result = run("taxonomy", "check", str(NURSE), str(HOT))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{NURSE}: ok, 4 records: 3 new skills, 0 replacing one, 1 adding to one; 1 ESCO and 0 O*NET links",
        f"{HOT}: ok, 2 records: 0 new skills, 0 replacing one, 2 adding to one; 0 ESCO and 2 O*NET links",
        f"taxonomy with them: {len(taxonomy) + 3:,} skills",
    ]


def test_taxonomy_check_of_a_folder_checks_its_files_together(tmp_path):
    write(tmp_path / "a.jsonl", SIM)
    write(tmp_path / "b.jsonl", {"id": "sim_tools", "aliases": ["sim kit"]})  # adds to a's skill
    result = run("taxonomy", "check", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        f"{tmp_path / 'a.jsonl'}: ok, 1 record: 1 new skills, 0 replacing one, 0 adding to one",
        f"{tmp_path / 'b.jsonl'}: ok, 1 record: 0 new skills, 0 replacing one, 1 adding to one",
    ]
    write(tmp_path / "c.jsonl", {"id": "triage", "name": "ED triage", "category": "emergency_nursing"})
    noted = run("taxonomy", "check", str(tmp_path / "c.jsonl")).stdout.splitlines()
    assert noted[1].startswith("  note: categories not among jobmatch's: emergency_nursing (fine; ")
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = run("taxonomy", "check", str(empty))
    assert nothing.exit_code == 2 and nothing.stderr == f"jobmatch: error: {empty}: no .jsonl taxonomy files\n"


def test_taxonomy_check_of_a_bad_file_is_one_line(tmp_path):
    bad = write(tmp_path / "bad.jsonl", SIM, '{"id": "x", "name": "X", "category": "domain", "colour": 1}')
    result = run("taxonomy", "check", bad)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"jobmatch: error: {bad}:2: unknown field(s) ['colour']")
    assert len(result.stderr.splitlines()) == 1


def test_taxonomy_show_says_what_jobmatch_knows_of_a_name():
    result = run("taxonomy", "show", "k8s")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "kubernetes  Kubernetes"
    assert "  category   MLOps and DevOps (devops)" in lines
    assert any(line.startswith("  implies    Containerization (containers)") for line in lines)
    assert any(line.startswith("  file       bundled ") and line.endswith(".jsonl:4") for line in lines)
    mine = json.loads(run("taxonomy", "show", "SimMan", "--taxonomy", str(NURSE), "--format", "json").stdout)
    assert mine["id"] == "laerdal_simman" and mine["implies"] == ["clinical_simulation"]
    assert mine["files"] == [f"{NURSE.resolve()}:4"]
    linked = run("taxonomy", "show", "curriculum development", "--taxonomy", str(NURSE)).stdout
    assert f"  esco       {ESCO_URI}" in linked.splitlines()
    assert f"{NURSE.resolve()}:5 (adds to it)" in linked


def test_taxonomy_show_of_an_unknown_name_suggests_close_ones():
    result = run("taxonomy", "show", "kubernets")
    assert result.exit_code == 2
    assert result.stderr == "jobmatch: error: no skill is called 'kubernets' (did you mean Kubernetes?)\n"


def test_the_web_server_uses_the_extended_taxonomy(tmp_path):
    from fastapi.testclient import TestClient

    from jobmatch.web import create_app

    profile = tmp_path / "me.toml"
    profile.write_text('[skills]\n"Clinical simulation" = 3\nBLS = true\n', encoding="utf-8")
    app = create_app(profile=str(profile), db=str(tmp_path / "web.db"), taxonomy=[NURSE, HOT], warm=False)
    app.state.work.warm_up()
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        data = client.post("/api/extract", json={"text": POSTING, "source": "-"}).json()
        client.post("/api/saved", json={"text": POSTING})
        gaps = client.get("/api/gaps").json()["gaps"]
        page = client.get("/gaps").text
    skills = {s["id"]: s for s in data["skills"]}
    assert "laerdal_simman" in skills
    assert skills["python"]["onet"][0]["commodity"] == "43232402"
    assert {g["id"]: g["hot"] for g in gaps} == {"python": True, "laerdal_simman": False}
    assert '<td>Python <abbr class="hot" title="a hot technology in O*NET">hot</abbr></td>' in page


def test_the_web_server_reads_an_edited_skill_file_at_the_next_request(tmp_path):
    from fastapi.testclient import TestClient

    from jobmatch.web import create_app

    mine = tmp_path / "mine.jsonl"
    mine.write_text(json.dumps({"id": "widgetry", "name": "Widgetry", "category": "domain"}) + "\n", encoding="utf-8")
    posting = "Requirements: Widgetry and gizmo tuning, with Python."
    app = create_app(db=str(tmp_path / "web.db"), taxonomy=[str(mine)], warm=False)
    app.state.work.warm_up()
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:

        def found() -> set[str]:
            return {s["id"] for s in client.post("/api/extract", json={"text": posting}).json()["skills"]}

        assert found() == {"widgetry", "python"}
        mine.write_text(
            mine.read_text(encoding="utf-8")
            + json.dumps({"id": "gizmo_tuning", "name": "Gizmo tuning", "category": "domain"})
            + "\n",
            encoding="utf-8",
        )
        assert found() == {"widgetry", "gizmo_tuning", "python"}  # no restart
        mine.write_text('{"id": "broken", "name": \n', encoding="utf-8")  # saved half-way through an edit
        assert found() == {"widgetry", "gizmo_tuning", "python"}  # the skills as they last read
        banner = client.get("/").text
        assert "Your skills file:" in banner and f"{mine}:1" in banner
        mine.write_text(json.dumps({"id": "widgetry", "name": "Widgetry", "category": "domain"}) + "\n")
        assert found() == {"widgetry", "python"}
        assert "Your skills file:" not in client.get("/").text
