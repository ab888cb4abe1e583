"""What people expect of a command-line tool: type hints shipped, shell completion, help that says
what each command takes, and `match` paging the posting on a terminal while scripts see no change."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import ROOT

from jobmatch.cli import cli

BIN = Path(sys.executable).parent  # where `jobmatch` is installed, beside this Python


def _env(**extra: str) -> dict[str, str]:
    """The environment with this venv's `jobmatch` first on PATH."""
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **extra}


# ---- py.typed ------------------------------------------------------------------------------------


def test_the_installed_package_ships_its_type_hints():
    from importlib import metadata, resources

    import jobmatch

    assert resources.files(jobmatch).joinpath("py.typed").is_file()
    # an installed wheel lists its files; an editable install lists only its finder, and then the
    # package data that builds the wheel must name the marker (CI's clean install checks the former)
    installed = {str(f).replace(os.sep, "/") for f in metadata.files("jobmatch") or ()}
    if "jobmatch/__init__.py" in installed:
        assert "jobmatch/py.typed" in installed
    else:
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover - Python 3.10
            import tomli as tomllib
        pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
        assert "py.typed" in pyproject["tool"]["setuptools"]["package-data"]["jobmatch"]


# ---- completion ----------------------------------------------------------------------------------


def _script(shell: str, tmp_path: Path) -> Path:
    result = CliRunner().invoke(cli, ["completion", shell], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    path = tmp_path / f"jobmatch.{shell}"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def test_bash_completion_registers_and_completes_commands_options_and_files(tmp_path):
    script = _script("bash", tmp_path)
    (tmp_path / "posting-one.md").write_text("Python", encoding="utf-8")
    (tmp_path / "posting-two.txt").write_text("SQL", encoding="utf-8")
    program = f"""
        . {script}
        complete -p jobmatch
        complete_line() {{ COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=(); _jobmatch_completion jobmatch; }}
        complete_line jobmatch ma; echo "command: ${{COMPREPLY[*]}}"
        complete_line jobmatch match --no-t; echo "option: ${{COMPREPLY[*]}}"
        complete_line jobmatch completion f; echo "shell: ${{COMPREPLY[*]}}"
        compopt() {{ echo compopt "$@"; }}  # outside a real completion: show what the script asks of bash
        complete_line jobmatch extract {tmp_path}/post
    """
    out = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", program], capture_output=True, text=True, env=_env(), check=True
    ).stdout
    assert "complete -o nosort -F _jobmatch_completion jobmatch" in out
    assert "command: match\n" in out
    assert "option: --no-text\n" in out
    assert "shell: fish\n" in out
    # a SOURCE hands over to the shell's own file-name completion
    assert out.rstrip().endswith("compopt -o default")


def test_zsh_script_registers_its_function_with_compinit(tmp_path):
    script = _script("zsh", tmp_path)
    text = script.read_text(encoding="utf-8")
    assert text.startswith("#compdef jobmatch") and "_JOBMATCH_COMPLETE=zsh_complete jobmatch" in text
    # the protocol the script speaks: type, value and description, one a line
    answer = subprocess.run(
        ["jobmatch"], capture_output=True, text=True, check=True,
        env=_env(_JOBMATCH_COMPLETE="zsh_complete", COMP_WORDS="jobmatch ra", COMP_CWORD="1"),
    ).stdout.splitlines()  # fmt: skip
    assert answer[:2] == ["plain", "rank"]
    if shutil.which("zsh") is None:
        pytest.skip("zsh is not installed: its script was checked by content and protocol only")
    program = f"autoload -Uz compinit && compinit -u -D; source {script}; print -r -- ${{_comps[jobmatch]}}"
    out = subprocess.run(["zsh", "-f", "-c", program], capture_output=True, text=True, env=_env(), check=True)
    assert out.stdout.strip() == "_jobmatch_completion"


def test_fish_completion_completes_commands_and_files(tmp_path):
    script = _script("fish", tmp_path)
    text = script.read_text(encoding="utf-8")
    assert "complete --no-files --command jobmatch" in text and "_JOBMATCH_COMPLETE=fish_complete" in text
    answer = subprocess.run(
        ["jobmatch"], capture_output=True, text=True, check=True,
        env=_env(_JOBMATCH_COMPLETE="fish_complete", COMP_WORDS="jobmatch ga", COMP_CWORD="ga"),
    ).stdout  # fmt: skip
    assert answer.startswith("plain,gaps\t")
    if shutil.which("fish") is None:
        pytest.skip("fish is not installed: its script was checked by content and protocol only")
    (tmp_path / "posting-one.md").write_text("Python", encoding="utf-8")
    program = f'source {script}; complete -C "jobmatch sa"; complete -C "jobmatch save {tmp_path}/post"'
    out = subprocess.run(["fish", "--no-config", "-c", program], capture_output=True, text=True, env=_env())
    lines = out.stdout.splitlines()
    assert lines[0].startswith("save\t")
    assert f"{tmp_path}/posting-one.md" in lines


def test_show_and_rm_complete_the_saved_ids_with_their_titles(tmp_path):
    db = tmp_path / "jobmatch.db"
    for name, text in (
        ("sous-chef.txt", "Sous Chef\n\nKnife skills, food safety."),
        ("nurse.txt", "ICU Nurse\n\nBLS."),
    ):
        (tmp_path / name).write_text(text, encoding="utf-8")
        CliRunner().invoke(cli, ["save", str(tmp_path / name), "--db", str(db)], catch_exceptions=False)

    def complete(line: str, **env: str) -> list[str]:
        words = line.split()
        env = {"_JOBMATCH_COMPLETE": "zsh_complete", "COMP_WORDS": line, "COMP_CWORD": str(len(words)), **env}
        done = subprocess.run(["jobmatch"], capture_output=True, text=True, env=_env(**env), check=True)
        assert done.stderr == ""  # never a traceback under the user's prompt
        return [line for line in done.stdout.splitlines() if line]

    assert complete("jobmatch show ", JOBMATCH_DB=str(db)) == ["plain", "1", "Sous Chef", "plain", "2", "ICU Nurse"]
    assert complete(f"jobmatch rm --db {db} ") == ["plain", "1", "Sous Chef", "plain", "2", "ICU Nurse"]
    # a file that is not a store offers nothing, quietly
    (tmp_path / "notes.db").write_text("not a database", encoding="utf-8")
    assert complete(f"jobmatch show --db {tmp_path / 'notes.db'} ") == []


def test_completion_refuses_an_unknown_shell():
    result = CliRunner().invoke(cli, ["completion", "tcsh"])
    assert result.exit_code == 2
    assert "'tcsh' is not one of 'bash', 'zsh', 'fish'" in result.stderr


# ---- match: the lists first, then the posting paged on a terminal --------------------------------

PROFILE = ROOT / "sample_listings" / "profiles" / "ml-engineer.toml"
# Long enough to need a pager: the lists come first, the text after, and scripts see neither change.
POSTING = (
    "Machine Learning Engineer, Fraud\n\n"
    "About us\nWe move money for 40,000 small shops; our fraud models decide in 80 ms.\n\n"
    "Requirements\n- 4+ years of Python and PyTorch in production\n- Kubernetes and Terraform\n"
    "- Experience with Rust services is required\n\n"
    "Nice to have\n- Feast or another feature store\n"
    + "".join(f"- Duty {n}: keep the models honest and the dashboards green.\n" for n in range(60))
)


def _on_a_terminal(args: list[str], *, stdin: str | None = None, **env: str) -> tuple[str, int]:
    """Run `jobmatch ARGS` with stdout (and stdin unless given) on a pseudo-terminal: what a person sees."""
    import pty
    import select

    master, slave = pty.openpty()
    process = subprocess.Popen(
        ["jobmatch", *args], stdin=subprocess.PIPE if stdin is not None else slave, stdout=slave,
        stderr=subprocess.DEVNULL, env=_env(TERM="xterm-256color", COLUMNS="100", **env),
    )  # fmt: skip
    os.close(slave)
    if stdin is not None:
        assert process.stdin is not None
        process.stdin.write(stdin.encode())
        process.stdin.close()
    seen = b""
    while select.select([master], [], [], 120)[0]:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the other end closed: Linux says EIO
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    return seen.decode("utf-8", "replace").replace("\r\n", "\n"), process.wait(timeout=60)


@pytest.fixture()
def posting(tmp_path):
    path = tmp_path / "fraud-ml.txt"
    path.write_text(POSTING, encoding="utf-8")
    return path


def _pager(tmp_path: Path) -> tuple[str, Path]:
    """A $PAGER that says when it starts and keeps what it is given."""
    import shlex

    kept = tmp_path / "paged.txt"
    return f"sh -c {shlex.quote(f'echo PAGER-STARTS; cat > {kept}')}", kept


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_on_a_terminal_the_lists_come_first_then_the_posting_is_paged(posting, tmp_path):
    pager, kept = _pager(tmp_path)
    seen, code = _on_a_terminal(["match", str(posting), "--profile", str(PROFILE)], PAGER=pager)
    assert code == 0
    before, _, after = seen.partition("PAGER-STARTS")
    assert "Score" in before and "Matched" in before and "Missing" in before and "Rust" in before
    assert "fraud models decide" not in seen  # the text went to the pager, not past the lists
    assert after.strip() == ""
    paged = kept.read_text(encoding="utf-8")
    assert " ".join(paged.split()).startswith(f"{posting} — Machine Learning Engineer, Fraud score ")
    assert "- Experience with Rust services is required" in paged and "Duty 59" in paged


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_no_text_and_json_page_nothing_on_a_terminal(posting, tmp_path):
    pager, kept = _pager(tmp_path)
    seen, code = _on_a_terminal(["match", str(posting), "--profile", str(PROFILE), "--no-text"], PAGER=pager)
    assert code == 0 and "Missing" in seen and "PAGER-STARTS" not in seen and not kept.exists()
    seen, code = _on_a_terminal(["match", str(posting), "--profile", str(PROFILE), "--format", "json"], PAGER=pager)
    assert code == 0 and "PAGER-STARTS" not in seen and not kept.exists()
    assert json.loads(seen)["source"] == str(posting)


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_posting_piped_in_is_shown_highlighted_after_the_lists_without_a_pager(tmp_path):
    # the pager would need the keyboard on standard input, which holds the posting
    pager, kept = _pager(tmp_path)
    seen, code = _on_a_terminal(["match", "-", "--profile", str(PROFILE)], stdin=POSTING, PAGER=pager)
    assert code == 0 and not kept.exists()
    lists, _, text = seen.partition("fraud models decide")
    assert "Missing" in lists and text  # lists first, then the posting
    assert "\x1b[32mPython\x1b[0m" in text  # held: green
    assert "\x1b[33mPyTorch\x1b[0m" in text  # in part (fewer years than asked): yellow
    assert "\x1b[31mRust\x1b[0m" in text  # missing: red


def test_scripts_see_the_lists_and_no_posting_text(posting):
    table = CliRunner().invoke(cli, ["match", str(posting), "--profile", str(PROFILE)], catch_exceptions=False)
    assert table.exit_code == 0
    assert "Score" in table.stdout and "Missing" in table.stdout and "Rust" in table.stdout
    assert "fraud models decide" not in table.stdout and "Duty 59" not in table.stdout
    args = ["match", str(posting), "--profile", str(PROFILE), "--format", "json"]
    plain = CliRunner().invoke(cli, args, catch_exceptions=False).stdout
    assert CliRunner().invoke(cli, [*args, "--no-text"], catch_exceptions=False).stdout == plain
    assert "rust" in [i["id"] for i in json.loads(plain)["missing"]]


def test_forced_colour_into_a_pipe_prints_the_posting_inline_unless_no_text(posting):
    forced = _env(FORCE_COLOR="1", TTY_COMPATIBLE="1", COLUMNS="100", PAGER="false")
    args = ["jobmatch", "match", str(posting), "--profile", str(PROFILE)]
    shown = subprocess.run(args, capture_output=True, text=True, env=forced, check=True).stdout
    assert "fraud models decide" in shown.split("Missing", 1)[1]  # no pager into a pipe: after the lists
    bare = subprocess.run([*args, "--no-text"], capture_output=True, text=True, env=forced, check=True).stdout
    assert "Missing" in bare and "fraud models decide" not in bare


# ---- help for a first-time user ------------------------------------------------------------------


def _commands(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command's path (("extract",), ("profile", "init")…), groups included."""
    found = []
    for name, command in group.commands.items():
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found += _commands(command, (*prefix, name))
    return found


def _help(*path: str) -> str:
    result = CliRunner().invoke(cli, [*path, "--help"], catch_exceptions=False)
    assert result.exit_code == 0
    return result.stdout


def test_every_command_that_takes_a_source_says_a_url_will_do():
    takers = [path for path in _commands() if "SOURCE" in _help(*path).splitlines()[0]]
    assert {"extract", "match", "rank", "gaps", "save"} <= {path[0] for path in takers}
    for path in takers:
        text = " ".join(_help(*path).split())  # as one line, however it wrapped
        assert "SOURCE: a file, a folder, - for standard input, or an http(s) URL." in text, path
    assert "or an http(s) URL" in " ".join(_help().split())


def test_every_command_shows_an_example_and_fits_the_command_list_unclipped():
    for path in _commands():
        assert "Example" in _help(*path), f"`jobmatch {' '.join(path)} --help` shows no example"
    listing = _help().split("Commands:", 1)[1]  # 80 columns (tests/conftest.py)
    assert "..." not in listing, "a command's first sentence is too long for the list: it is cut"


def test_profile_help_says_what_a_profile_is_and_what_reads_it():
    text = " ".join(_help("profile").split())
    assert "Make a skill profile (--profile) from your résumé." in text
    assert "`match`, `rank`, `gaps` and `serve` compare postings with" in text
    assert "jobmatch profile init --from resume.pdf -o me.toml" in text
