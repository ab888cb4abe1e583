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


def test_a_port_in_use_is_one_line_and_exit_2():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert result.output.startswith(f"jobmatch: error: cannot listen on 127.0.0.1:{port}")
    assert result.output.count("\n") == 1


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
        _concurrent_requests_all_answer(base)
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


def _concurrent_requests_all_answer(base):
    """A page, matches, saves and ranks at once: every one answers, and every save is in the store."""
    from concurrent.futures import ThreadPoolExecutor

    posting = (SAMPLES / "data-analyst-bluewillow.txt").read_text(encoding="utf-8")

    def call(path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(base + path, data=data, headers={"content-type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read()) if path.startswith("/api/") else None

    jobs = [("/", None), ("/api/rank", None), ("/api/gaps", None)]
    jobs += [("/api/match", {"text": posting + f"\nTeam {n}."}) for n in range(4)]
    jobs += [("/api/saved", {"text": posting + f"\nOffice {n}."}) for n in range(6)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda job: call(*job), jobs))
    assert all(status in (200, 201) for status, _ in results)
    saved_ids = {body["id"] for (path, _), (_, body) in zip(jobs, results, strict=True) if path == "/api/saved"}
    assert len(saved_ids) == 6
    assert {r["id"] for r in call("/api/saved")[1]} >= saved_ids
    assert len(call("/api/rank")[1]) >= 6
