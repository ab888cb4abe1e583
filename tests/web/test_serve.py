"""`jobmatch serve` as a user starts it: a process listening on the loopback address, the profile
given at start in use, a foreign Host refused; a bad --profile is one line and exit code 2."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from click.testing import CliRunner
from conftest import SAMPLES

from jobmatch.cli import cli


def test_a_bad_profile_is_one_line_and_exit_2(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--profile", str(tmp_path / "nope.toml")])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "nope.toml" in result.output and "Traceback" not in result.output


def test_serve_listens_on_loopback_with_the_given_profile(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    profile = SAMPLES / "profiles" / "data-analyst.toml"
    command = [sys.executable, "-c", "from jobmatch.cli import main; main()", "serve", "--port", str(port),
               "--profile", str(profile), "--db", str(tmp_path / "j.db")]  # fmt: skip
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env={**os.environ})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/api/profile", timeout=30) as response:
                    profile = json.loads(response.read())
                break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline and process.poll() is None, "serve did not start"
                time.sleep(0.1)
        assert profile["key"] == "start" and "SQL" in {s["name"] for s in profile["skills"]}
        foreign = urllib.request.Request(base + "/", headers={"Host": "rebound.example"})
        try:
            urllib.request.urlopen(foreign, timeout=10)
            raise AssertionError("a foreign Host was served")
        except urllib.error.HTTPError as err:
            assert err.code == 400
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=20)
    assert f"serving on http://127.0.0.1:{port}" in stderr
    assert "warning" not in stderr  # loopback: no warning about the missing login
