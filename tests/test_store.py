"""The saved-listings store: round trips, de-duplication, URL saves, and what breaks it."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

from jobmatch import Posting
from jobmatch.cli import cli
from jobmatch.store import Store, StoreError


def _posting(n: int) -> Posting:
    return Posting(text=f"Posting {n}: Python, SQL and Kubernetes.", source=f"job-{n}.txt", title=f"Job {n}")


def test_save_list_get_remove_round_trip_and_dedupe_by_content(tmp_path):
    with Store(tmp_path / "j.db") as store:
        first, new = store.save(_posting(1))
        assert new
        again, new_again = store.save(Posting(text="Posting 1:  Python, SQL and\nKubernetes.", source="copy.txt"))
        assert (again, new_again) == (first, False)  # same words, other spacing: one posting
        second, _ = store.save(Posting(text="Rust role", source="https://x.example/1", meta={"a": [1]}), fetched_at="t")
        saved = store.postings()
        assert [s.id for s in saved] == [first, second]
        got = store.get(second)
        assert got is not None and got.posting == Posting(text="Rust role", source="https://x.example/1")
        assert got.posting.meta == {"a": [1]} and got.fetched_at == "t"
        assert store.remove(first) and not store.remove(first)
        assert store.get(first) is None
    with Store(tmp_path / "j.db") as reopened:
        assert [s.posting.text for s in reopened.postings()] == ["Rust role"]


def test_a_corrupt_database_is_a_one_line_error(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a readable jobmatch database"):
        Store(bad)
    result = CliRunner().invoke(cli, ["list", "--db", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.startswith("jobmatch: error: ") and result.stderr.count("\n") == 1


def test_a_locked_database_is_a_one_line_error(tmp_path, monkeypatch):
    monkeypatch.setitem(Store.__init__.__kwdefaults__, "timeout", 0.2)  # the CLI waits 30 s for a lock
    path = tmp_path / "j.db"
    Store(path).close()
    holder = sqlite3.connect(path)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        # opening or saving: either step may be the one that meets the lock
        with pytest.raises(StoreError, match="locked by another jobmatch process"), Store(path, timeout=0.2) as store:
            store.save(_posting(1))
        result = CliRunner().invoke(cli, ["save", "-", "--db", str(path)], input="Go role")
        assert result.exit_code == 2 and "locked" in result.stderr and "Traceback" not in result.stderr
    finally:
        holder.rollback()
        holder.close()


SAVER = textwrap.dedent(
    """
    import sys
    from jobmatch import Posting
    from jobmatch.store import Store
    store = Store(sys.argv[1])
    n = 0
    while True:
        n += 1
        store.save(Posting(text=f"Posting {n} " + "Python and SQL " * 200, source=f"job-{n}.txt"))
        print(n, flush=True)
    """
)


def test_killing_a_saving_process_loses_nothing_saved_before(tmp_path):
    path = tmp_path / "j.db"
    process = subprocess.Popen([sys.executable, "-c", SAVER, str(path)], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    confirmed = 0
    for line in process.stdout:
        confirmed = int(line)
        if confirmed >= 40:
            break
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    with Store(path) as store:
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        saved = store.postings()
    assert len(saved) >= confirmed
    assert [s.posting.source for s in saved[:confirmed]] == [f"job-{n}.txt" for n in range(1, confirmed + 1)]


def test_save_a_url_then_match_it_without_the_network(httpserver, tmp_path):
    httpserver.expect_request("/jobs/7").respond_with_data(
        "<h1>ML Engineer</h1><p>Python, PyTorch and AWS SageMaker.</p>", content_type="text/html"
    )
    url = httpserver.url_for("/jobs/7")
    db = str(tmp_path / "j.db")
    runner = CliRunner()
    saved = runner.invoke(cli, ["save", url, "--db", db])
    assert saved.exit_code == 0 and saved.stdout.startswith("1\tsaved\t" + url)
    assert runner.invoke(cli, ["save", url, "--db", db]).stdout.startswith("1\talready saved")
    httpserver.clear()  # the page is gone from the web now
    listed = json.loads(runner.invoke(cli, ["list", "--db", db, "--format", "json"]).stdout)
    assert listed[0]["source"] == url and listed[0]["fetched_at"] and listed[0]["title"] == "ML Engineer"
    profile = tmp_path / "me.toml"
    profile.write_text("[skills]\nPython = true\nPyTorch = true\nSageMaker = true\n", encoding="utf-8")
    matched = runner.invoke(cli, ["match", "--saved", "--db", db, "--profile", str(profile), "--format", "json"])
    assert matched.exit_code == 0
    [record] = json.loads(matched.stdout)
    assert record["source"] == url and record["score"] > 80
    assert {"python", "pytorch", "aws_sagemaker"} <= {i["id"] for i in record["matched"]}
