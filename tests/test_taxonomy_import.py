"""`jobmatch taxonomy import esco|onet`: the official download files (small ones written in their
layout under tests/data) are linked to jobmatch's skills, the links and the added skills land in a
user extension that every command then uses, and a file that is not the expected one changes nothing."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner
from conftest import ROOT, load_cases

from jobmatch import load_taxonomy
from jobmatch.cli import cli
from jobmatch.taxonomy_import import HEADER, import_esco, import_onet

DATA = ROOT / "tests" / "data"
ESCO = DATA / "esco" / "skills_en.csv"
ONET = DATA / "onet" / "Technology Skills.txt"
NURSE = DATA / "skills" / "nurse_educator.jsonl"
POSTING = (
    "Platform Engineer\n\nRequirements:\n- Kubernetes and SQL in production\n- Java services\n"
    "Nice to have: Guidewire PolicyCenter\n"
)


def run(*args: str, input: str | None = None, data_home=None):
    env = {"XDG_DATA_HOME": str(data_home)} if data_home else None
    return CliRunner().invoke(cli, list(args), input=input, env=env, catch_exceptions=False)


@pytest.fixture(scope="module")
def imported(taxonomy):
    return {
        "esco": import_esco(ESCO, taxonomy=taxonomy, add_unmatched=True),
        "onet": import_onet(ONET, taxonomy=taxonomy, add_unmatched=True),
    }


@pytest.mark.parametrize("case", load_cases("taxonomy_import.jsonl"), ids=lambda c: c["why"])
def test_each_entry_links_to_the_skill_its_names_name(imported, case):
    assert imported[case["kind"]].outcomes[case["entry"]] == case["expected"]


def test_the_esco_import_counts_and_records(imported, taxonomy):
    result = imported["esco"]
    assert result.entries == 11
    assert sum(result.linked.values()) == 6 and result.added == 3
    assert dict(result.skipped) == {"its names belong to different skills": 1, "status obsolete": 1}
    links = {r["id"]: r["esco"] for r in result.records if "name" not in r}
    assert links["kubernetes"] == ["http://data.europa.eu/esco/skill/00000001-test-4000-8000-000000000001"]
    added = {r["id"]: r for r in result.records if "name" in r}
    assert added["cope_with_uncertainty"]["category"] == "soft_skills"  # ESCO's transversal skills
    assert added["operate_patient_simulators"]["category"] == "domain"
    # "run a simulation lab" is an alternative label of two new skills: the first keeps it
    assert "run a simulation lab" in added["manage_simulation_laboratory"]["aliases"]
    assert added["operate_patient_simulators"]["aliases"] == ["high-fidelity manikin operation"]
    assert result.dropped_aliases == 1


def test_the_onet_import_merges_occupations_and_flags(imported):
    result = imported["onet"]
    assert result.entries == 14  # 16 rows: Kubernetes and SQL are listed for two occupations each
    links = {r["id"]: r["onet"] for r in result.records if "name" not in r}
    assert links["kubernetes"] == [
        {"example": "Kubernetes", "commodity": "43233004", "commodity_title": "Operating system software",
         "hot": True, "in_demand": True, "occupations": 2},
    ]  # fmt: skip
    assert links["sql"][0]["occupations"] == 2 and links["sql"][0]["in_demand"] is True
    added = {r["id"]: r for r in result.records if "name" in r}
    assert added["laerdal_simman_3g"]["name"] == "Laerdal SimMan 3G"
    assert added["laerdal_simman_3g"]["aliases"] == ["Laerdal SimMan 3G software"]
    assert added["laerdal_simman_3g"]["category"] == "data_tools"  # from "Analytical or scientific software"
    assert added["guidewire_policycenter"]["category"] == "business_tools"


def test_without_add_unmatched_the_rest_is_skipped_and_says_how_to_add_it(taxonomy):
    result = import_onet(ONET, taxonomy=taxonomy)
    assert result.added == 0
    assert result.skipped["no skill has this name (--add-unmatched adds it)"] == 4
    assert all("name" not in r for r in result.records)


def test_a_link_another_file_holds_is_not_made_twice():
    result = import_esco(ESCO, taxonomy=load_taxonomy(NURSE))  # NURSE links curriculum development already
    assert result.outcomes["curriculum development"] == "skipped: linked already in another file"


def test_import_then_every_command_shows_the_ids(tmp_path):
    esco = run("taxonomy", "import", "esco", str(ESCO), data_home=tmp_path)
    assert esco.exit_code == 0, esco.stderr
    lines = esco.stdout.splitlines()
    assert lines[0] == f"ESCO {ESCO}: 11 concepts read"
    assert lines[1] == "  linked   6 to 6 skills"
    assert "  added    0 new skills (no --add-unmatched)" in lines
    assert any(line.strip().startswith("3  no skill has this name") for line in lines)
    written = tmp_path / "jobmatch" / "skills" / "esco.jsonl"
    assert lines[-1] == f"wrote 6 records to {written}"
    assert written.read_text(encoding="utf-8").startswith(HEADER)
    onet = run("taxonomy", "import", "onet", str(ONET), "--add-unmatched", data_home=tmp_path)
    assert onet.exit_code == 0, onet.stderr
    assert onet.stdout.splitlines()[-1] == f"wrote 14 records to {tmp_path / 'jobmatch' / 'skills' / 'onet.jsonl'}"

    extracted = run("extract", "-", "--format", "json", input=POSTING, data_home=tmp_path)
    skills = {s["id"]: s for s in json.loads(extracted.stdout)["skills"]}
    assert skills["kubernetes"]["esco"] == ["http://data.europa.eu/esco/skill/00000001-test-4000-8000-000000000001"]
    assert skills["kubernetes"]["onet"][0]["hot"] is True
    assert skills["guidewire_policycenter"]["onet"][0]["example"] == "Guidewire PolicyCenter"  # an added skill
    assert "esco" not in skills["java"] and skills["java"]["onet"][0]["example"] == "Oracle Java"

    profile = tmp_path / "me.toml"
    profile.write_text("[skills]\nJava = 5\n", encoding="utf-8")
    posting = tmp_path / "platform.txt"
    posting.write_text(POSTING, encoding="utf-8")
    matched = json.loads(run("match", str(posting), "--profile", str(profile), "--format", "json",
                             data_home=tmp_path).stdout)  # fmt: skip
    missing = {i["id"]: i for i in matched["missing"]}
    assert missing["sql"]["esco"] and missing["sql"]["onet"][0]["hot"] is True
    gaps = json.loads(run("gaps", str(posting), "--profile", str(profile), "--format", "json",
                          data_home=tmp_path).stdout)  # fmt: skip
    hot = {g["id"]: g["hot"] for g in gaps["gaps"]}
    assert hot["kubernetes"] is True and hot["guidewire_policycenter"] is False

    again = run("taxonomy", "import", "esco", str(ESCO), data_home=tmp_path)  # rewrites its own file
    assert again.exit_code == 0 and "linked   6 to 6 skills" in again.stdout


def test_dry_run_writes_nothing_and_a_foreign_file_is_not_overwritten(tmp_path):
    target = tmp_path / "mine.jsonl"
    dry = run("taxonomy", "import", "onet", str(ONET), "-o", str(target), "--dry-run")
    assert dry.exit_code == 0 and not target.exists()
    assert dry.stdout.splitlines()[-1] == f"nothing written (--dry-run); would write 10 records to {target}"
    target.write_text('{"id": "my_tool", "name": "My tool", "category": "business_tools"}\n', encoding="utf-8")
    refused = run("taxonomy", "import", "onet", str(ONET), "-o", str(target))
    assert refused.exit_code == 2
    assert (
        refused.stderr
        == f"jobmatch: error: {target}: exists and no import wrote it; give another -o PATH, or --force\n"
    )
    assert "my_tool" in target.read_text(encoding="utf-8")
    forced = run("taxonomy", "import", "onet", str(ONET), "-o", str(target), "--force")
    assert forced.exit_code == 0 and "my_tool" not in target.read_text(encoding="utf-8")


def _bad(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


ONET_HEADER = b"O*NET-SOC Code\tTitle\tExample\tCommodity Code\tCommodity Title\tHot Technology\tIn Demand\n"
ONET_ROW = b"15-1252.00\tSoftware Developers\tKubernetes\t43233004\tOperating system software\tY\tN\n"


@pytest.mark.parametrize(
    ("kind", "data", "message"),
    [
        ("esco", ONET.read_bytes(), ":1: not an ESCO skills file (skills_en.csv): no column 'conceptUri', "),
        ("onet", ESCO.read_bytes(), ':1: not an O*NET "Technology Skills.txt" file (tab-separated): no column '),
        ("onet", ONET_HEADER + ONET_ROW + "15-1252.00\tDéveloppeurs\tGit\t43232402\tX\tN\tN\n".encode("latin-1"),
         ":3: not UTF-8 text (byte 0xe9); O*NET's text downloads are UTF-8"),
        ("onet", ONET_HEADER + b"15-1252.00\tSoftware Developers\tKubernetes\n",
         ":2: 3 tab-separated fields where the header has 7"),
        ("onet", ONET_HEADER + ONET_ROW.replace(b"\tY\tN", b"\tYes\tN"), ":2: Hot Technology is 'Yes', not Y or N"),
        ("onet", ONET_HEADER + ONET_ROW.replace(b"43233004", b"4323"), ":2: Commodity Code '4323' is not 8 digits"),
        ("esco", ESCO.read_bytes().replace(b"Kubernetes orchestration\",", b"Kubernetes orchestration\",x,"),
         ":2: 14 fields where the header has 13"),
        ("esco", b"", ":1: not an ESCO skills file (skills_en.csv): no column 'conceptUri', "),
    ],
    ids=["esco-given-onet", "onet-given-esco", "latin-1", "short-row", "flag", "commodity", "esco-row", "empty"],
)  # fmt: skip
def test_a_bad_file_is_one_line_and_changes_nothing(tmp_path, kind, data, message):
    target = tmp_path / "ext.jsonl"
    assert run("taxonomy", "import", "onet", str(ONET), "-o", str(target)).exit_code == 0
    before = target.read_bytes()
    bad = _bad(tmp_path, "download.txt", data)
    result = run("taxonomy", "import", kind, str(bad), "-o", str(target), "--force")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"jobmatch: error: {bad}{message}")
    assert len(result.stderr.splitlines()) == 1 and result.stdout == ""
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_a_missing_file_and_an_unknown_category_are_one_line(tmp_path):
    missing = run("taxonomy", "import", "esco", str(tmp_path / "nope.csv"), "-o", str(tmp_path / "x.jsonl"))
    assert missing.exit_code == 2 and missing.stderr.startswith(
        f"jobmatch: error: {tmp_path / 'nope.csv'}: cannot read"
    )
    category = run("taxonomy", "import", "esco", str(ESCO), "--category", "nursing", "-o", str(tmp_path / "x.jsonl"))
    assert category.exit_code == 2 and category.stderr.startswith("jobmatch: error: --category 'nursing': not one of ")
    assert not (tmp_path / "x.jsonl").exists()


def test_added_skills_that_clash_with_a_later_file_are_named(tmp_path):
    target = tmp_path / "skills" / "onet.jsonl"  # the folder is made
    assert run("taxonomy", "import", "onet", str(ONET), "--add-unmatched", "-o", str(target)).exit_code == 0
    mine = tmp_path / "mine.jsonl"
    mine.write_text('{"id": "policy_admin", "name": "Policy admin", "category": "business_tools", '
                    '"aliases": ["Guidewire PolicyCenter"]}\n', encoding="utf-8")  # fmt: skip
    result = run("extract", "-", "--taxonomy", str(target), "--taxonomy", str(mine), input=POSTING)
    assert result.exit_code == 2
    assert result.stderr == (
        f"jobmatch: error: {mine}:1: 'Guidewire PolicyCenter' of 'policy_admin' is already a form of "
        f"'guidewire_policycenter' (at {target}:12)\n"  # line 1: the header; 2-11: the links
    )


def test_esco_aliases_come_from_concepts_whose_preferred_label_is_the_skill(taxonomy):
    records = {r["id"]: r for r in import_esco(ESCO, taxonomy=taxonomy, aliases=True).records}
    assert records["kubernetes"]["aliases"] == ["Kubernetes orchestration"]
    assert records["python"]["aliases"] == ["Python 3 programming"]  # preferred label without "(computer programming)"
    assert records["curriculum_development"]["aliases"] == ["develop curricula"]
    # linked by an alternative label ("Microsoft Excel", "empathy"): the concept may be wider than
    # the skill, so "work with spreadsheets" is not made a name of Excel
    assert "aliases" not in records["microsoft_excel"] and "aliases" not in records["empathy"]
    assert "aliases" not in records["sql"]  # "structured query language" is SQL's alias already
    without = import_esco(ESCO, taxonomy=taxonomy)
    assert not any("aliases" in r for r in without.records) and without.aliases_added == 0


def test_esco_aliases_leave_out_single_words_long_phrases_and_other_skills_names(tmp_path, taxonomy):
    rows = [
        ("Kubernetes", "kube\nDocker\nrun containers on Kubernetes clusters in production at scale\n"
                       "Kubernetes cluster administration"),
        ("Terraform", "Kubernetes cluster administration\nTerraform infrastructure code"),
    ]  # fmt: skip
    path = tmp_path / "skills_en.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["conceptType", "conceptUri", "preferredLabel", "altLabels", "status"])
        for n, (label, alt) in enumerate(rows, 1):
            uri = f"http://data.europa.eu/esco/skill/0000{n}-local-4000-8000-000000000000"
            writer.writerow(["KnowledgeSkillCompetence", uri, label, alt, "released"])
    result = import_esco(path, taxonomy=taxonomy, aliases=True)
    records = {r["id"]: r for r in result.records}
    # "kube": one word; "Docker": another skill's name; the 9-word label: a phrase, not a name
    assert records["kubernetes"]["aliases"] == ["Kubernetes cluster administration"]
    # a label the import gave one skill already is not given a second
    assert records["terraform"]["aliases"] == ["Terraform infrastructure code"]
    assert result.aliases_added == 2


def test_esco_aliases_from_the_command_find_the_skill_by_its_new_name(tmp_path):
    text = "You will develop curricula for the nursing school's simulation programme.\n"
    before = json.loads(run("extract", "-", "--format", "json", input=text, data_home=tmp_path).stdout)
    assert "curriculum_development" not in {s["id"] for s in before["skills"]}
    imported = run("taxonomy", "import", "esco", str(ESCO), "--aliases", data_home=tmp_path)
    assert imported.exit_code == 0, imported.stderr
    assert "  aliases  3 added to linked skills" in imported.stdout.splitlines()
    after = json.loads(run("extract", "-", "--format", "json", input=text, data_home=tmp_path).stdout)
    found = {s["id"]: s for s in after["skills"]}
    assert [m["text"] for m in found["curriculum_development"]["mentions"]] == ["develop curricula"]
    onet = run("taxonomy", "import", "onet", str(ONET), "--aliases", data_home=tmp_path)
    assert onet.exit_code == 2 and "--aliases: ESCO only" in onet.output
