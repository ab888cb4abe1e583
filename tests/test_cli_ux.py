"""What people expect of a command-line tool: type hints shipped, shell completion, help that says
what each command takes, and `match` paging the posting on a terminal while scripts see no change."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

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
        complete_line jobmatch match --sav; echo "option: ${{COMPREPLY[*]}}"
        complete_line jobmatch completion f; echo "shell: ${{COMPREPLY[*]}}"
        compopt() {{ echo compopt "$@"; }}  # outside a real completion: show what the script asks of bash
        complete_line jobmatch extract {tmp_path}/post
    """
    out = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", program], capture_output=True, text=True, env=_env(), check=True
    ).stdout
    assert "complete -o nosort -F _jobmatch_completion jobmatch" in out
    assert "command: match\n" in out
    assert "option: --saved\n" in out
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


def test_completion_refuses_an_unknown_shell():
    result = CliRunner().invoke(cli, ["completion", "tcsh"])
    assert result.exit_code == 2
    assert "'tcsh' is not one of 'bash', 'zsh', 'fish'" in result.stderr
