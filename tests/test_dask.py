"""`jobmatch batch` and `jobmatch.dask` on a LocalCluster of two worker processes, started here.

One cluster serves the module. The batch is checked against `jobmatch extract` posting by posting,
over a couple of thousand postings made from sample_listings/ (test_dask_postings.py), with bad
rows mixed in; then resuming, a worker killed half-way, the other input formats and the library API.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from click.testing import CliRunner
from test_dask_postings import realistic_postings

from jobmatch.cli import cli

pq = pytest.importorskip("pyarrow.parquet")
distributed = pytest.importorskip("distributed")

FLAT = ("id", "skill_ids", "skills_required", "skills_preferred", "error")
COUNT = 2000


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _rows(folder) -> list[dict]:
    return pq.read_table(str(folder)).to_pylist()


def _as_extract(row: dict) -> dict:
    """A batch row in the shape of `jobmatch extract --format json` (less its source)."""
    record = {k: v for k, v in row.items() if k not in FLAT}
    if record["title"] is None:
        del record["title"]
    return record


def _write_jsonl(path, items) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for item in items:
            f.write(item if isinstance(item, str) else json.dumps(item, ensure_ascii=False))
            f.write("\n")


@pytest.fixture(scope="module")
def cluster(extractor):  # the test process fills the pattern cache first: workers start from it
    from jobmatch.dask import local_client

    client = local_client(2)  # the cluster `jobmatch batch --workers 2` starts; shared by the tests
    cluster = client.cluster
    client.close()
    yield cluster
    cluster.close()


BAD_ROWS = [
    ({"id": "bad-empty", "text": ""}, "empty text"),
    ({"id": "bad-blank", "text": "  \n\t "}, "empty text"),
    ({"id": "bad-number", "text": 42}, "text is int, not a string"),
    ({"id": "bad-list", "text": ["Python", "SQL"]}, "text is list, not a string"),
    ({"id": "bad-null", "text": None}, "no text"),
    ({"id": "bad-absent", "title": "Data Analyst"}, "no text"),
    ({"id": "bad-huge", "text": "Python developer wanted. " * 3000}, "over the 60,000 limit"),
]


@pytest.fixture(scope="module")
def batch_run(cluster, tmp_path_factory):
    """A couple of thousand postings, bad rows among them, through `jobmatch batch` and — at the
    same time, in another process — the good ones through `jobmatch extract`."""
    folder = tmp_path_factory.mktemp("batch")
    good = realistic_postings(COUNT)
    lines: list = list(good)
    for number, (row, _) in enumerate(BAD_ROWS):  # spread through the file, so several parts meet one
        lines.insert(137 * (number + 1), row)
    lines.insert(500, "{not json")
    lines.insert(900, "[1, 2]")
    _write_jsonl(folder / "postings.jsonl", lines)
    (folder / "postings.json").write_text(json.dumps(good, ensure_ascii=False), encoding="utf-8")
    reference = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from jobmatch.cli import main; main()",
            "extract",
            str(folder / "postings.json"),
            "--format",
            "jsonl",
            "--quiet",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    start = time.perf_counter()
    out = folder / "out.parquet"
    result = _run(
        "batch", str(folder / "postings.jsonl"), "-o", str(out), "--scheduler", cluster.scheduler_address,
        "--blocksize", "100KB", "--max-size", "60KB",
    )  # fmt: skip
    seconds = time.perf_counter() - start
    expected = [json.loads(line) for line in reference.communicate(timeout=600)[0].splitlines()]
    assert reference.returncode == 0
    return {"folder": folder, "out": out, "result": result, "good": good, "expected": expected, "seconds": seconds}


def test_batch_says_of_each_posting_exactly_what_extract_says(batch_run):
    result = batch_run["result"]
    assert result.exit_code == 0, result.output
    rows = _rows(batch_run["out"])
    assert len(rows) == COUNT + len(BAD_ROWS) + 2
    by_id = {row["id"]: row for row in rows}
    assert len(by_id) == len(rows)
    expected = batch_run["expected"]
    assert len(expected) == COUNT
    for posting, record in zip(batch_run["good"], expected, strict=True):
        row = by_id[posting["id"]]
        assert row["error"] is None
        record.pop("source")
        assert _as_extract(row) == record, posting["id"]
    # the runs found something worth comparing: skills, levels, roles, places, pay
    assert sum(bool(r["skills"]) for r in expected) > 0.95 * COUNT
    assert sum(bool(r["role"]) for r in expected) > 0.8 * COUNT
    assert {s["required"] for r in expected for s in r["skills"]} == {True, False, None}
    assert sum(r["salary"] is not None for r in expected) > 0.3 * COUNT
    assert sum(bool(r["locations"]) for r in expected) > 0.5 * COUNT
    assert {r["date_posted"][:7] for r in expected} >= {"2025-01", "2025-06"}


def test_flat_skill_columns_follow_the_nested_ones(batch_run):
    for row in _rows(batch_run["out"])[:500]:
        asked = [s for s in row["skills"] if not s["boilerplate"]]
        assert row["skill_ids"] == [s["id"] for s in row["skills"]]
        assert row["skills_required"] == [s["id"] for s in asked if s["required"] is True]
        assert row["skills_preferred"] == [s["id"] for s in asked if s["required"] is False]


def test_bad_rows_are_reported_in_the_error_column_and_never_stop_the_run(batch_run):
    result = batch_run["result"]
    assert result.exit_code == 0
    assert f"{len(BAD_ROWS) + 2} postings could not be read" in result.output
    by_id = {row["id"]: row for row in _rows(batch_run["out"])}
    for row, reason in BAD_ROWS:
        found = by_id[row["id"]]
        assert reason in found["error"], found["error"]
        assert found["skills"] == [] and found["role"] == [] and found["title"] is None
    errors = [row["error"] for row in by_id.values() if row["error"] and not row["id"].startswith("bad-")]
    assert len(errors) == 2
    assert any(e.startswith("line is not JSON") for e in errors)
    assert "line is a JSON list, not an object" in errors


def test_a_rerun_keeps_whole_parts_and_redoes_missing_or_broken_ones(batch_run, cluster):
    out = batch_run["out"]
    parts = sorted(out.glob("part.*.parquet"), key=lambda p: int(p.name.split(".")[1]))
    assert len(parts) >= 10
    before = {p.name: p.stat().st_mtime_ns for p in parts}
    rows_before = sorted(_rows(out), key=lambda r: r["id"])
    parts[1].unlink()  # never written
    parts[4].write_bytes(parts[4].read_bytes()[:1000])  # a half file (not how batch writes, but a disk can)
    (out / f".{parts[6].name}.0123.tmp").write_bytes(b"PAR1 half")  # left by a killed run
    result = _run("batch", str(batch_run["folder"] / "postings.jsonl"), "-o", str(out),
                  "--scheduler", cluster.scheduler_address, "--blocksize", "100KB", "--max-size", "60KB")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"{len(parts) - 2} of {len(parts)} parts were already written and kept" in result.output
    after = {p.name: p.stat().st_mtime_ns for p in out.glob("part.*.parquet")}
    assert set(after) == set(before)
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {parts[1].name, parts[4].name}
    assert not list(out.glob(".*.tmp"))
    assert sorted(_rows(out), key=lambda r: r["id"]) == rows_before

    # other options, or inputs changed since: refused, nothing touched
    other = _run("batch", str(batch_run["folder"] / "postings.jsonl"), "-o", str(out),
                 "--scheduler", cluster.scheduler_address, "--blocksize", "50KB")  # fmt: skip
    assert other.exit_code == 2
    assert other.output.startswith("jobmatch: error: ") and "other inputs or options" in other.output
    assert other.output.count("\n") == 1
    again = _run("batch", str(batch_run["folder"] / "postings.jsonl"), "-o", str(out),
                 "--scheduler", cluster.scheduler_address, "--blocksize", "100KB", "--max-size", "60KB")  # fmt: skip
    assert again.exit_code == 0 and f"nothing to do: all {len(parts)} parts" in again.output


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(cluster, tmp_path, extractor):
    from jobmatch.dask import run_batch

    postings = realistic_postings(400, seed=99)
    _write_jsonl(tmp_path / "in.jsonl", postings)
    out = tmp_path / "out.parquet"
    done: dict = {}
    with distributed.Client(cluster) as client:
        pids = client.run(os.getpid)
        runner = threading.Thread(
            target=lambda: done.update(result=run_batch([str(tmp_path / "in.jsonl")], out, client, blocksize=12_000))
        )
        runner.start()
        deadline = time.monotonic() + 300
        while len(list(out.glob("part.*.parquet"))) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        written_at_kill = len(list(out.glob("part.*.parquet")))
        os.kill(next(iter(pids.values())), signal.SIGKILL)
        runner.join(timeout=600)
        assert not runner.is_alive()
        # the nanny brought a new worker up in its place
        client.wait_for_workers(2, timeout=120)
        assert set(client.run(os.getpid).values()) != set(pids.values())
    result = done["result"]
    assert written_at_kill < result.partitions, "the kill came after the work was done"
    assert result.written == result.partitions
    rows = _rows(out)
    assert sorted(row["id"] for row in rows) == sorted(p["id"] for p in postings)
    assert all(row["error"] is None for row in rows)
    # and the rows are the extractor's, whichever worker made them
    from jobmatch.records import posting_record
    from jobmatch.sources import posting_from_json

    by_id = {row["id"]: row for row in rows}
    for item in postings[::20]:
        (posting,) = posting_from_json(json.dumps(item), "x")
        record = posting_record(posting, extractor.extract(posting))
        record.pop("source")
        assert _as_extract(by_id[item["id"]]) == record


def test_each_worker_builds_its_extractor_once_and_keeps_it(cluster):
    def extractor_id(_: int) -> int:
        from jobmatch.dask import _extractor

        return id(_extractor())

    with distributed.Client(cluster) as client:
        workers = list(client.scheduler_info()["workers"])
        assert len(workers) == 2
        for address in workers:
            ids = client.gather([client.submit(extractor_id, n, workers=[address], pure=False) for n in range(3)])
            assert len(set(ids)) == 1
        from jobmatch.dask import warm_up

        assert set(client.run(warm_up).values()) == {0.0}  # already built: nothing to do


def test_csv_and_parquet_inputs_give_the_same_rows_as_json_lines(cluster, tmp_path):
    import pandas as pd

    postings = realistic_postings(60, seed=7)
    frame = pd.DataFrame(
        [{"job_id": p["id"], "job_title": p.get("title", ""), "description": p["text"]} for p in postings]
    )
    frame.to_csv(tmp_path / "in.csv", index=False)
    frame.to_parquet(tmp_path / "in.parquet", index=False)
    _write_jsonl(tmp_path / "in.jsonl", frame.to_dict("records"))
    columns = ["--text-col", "description", "--title-col", "job_title", "--id-col", "job_id"]
    results = {}
    for kind in ("jsonl", "csv", "parquet"):
        out = tmp_path / f"out-{kind}.parquet"
        run = _run("batch", str(tmp_path / f"in.{kind}"), "-o", str(out), "--scheduler", cluster.scheduler_address,
                   *columns)  # fmt: skip
        assert run.exit_code == 0, run.output
        results[kind] = sorted(_rows(out), key=lambda r: r["id"])
    assert [r["id"] for r in results["jsonl"]] == sorted(p["id"] for p in postings)
    assert all(r["error"] is None for r in results["jsonl"])
    assert sum(bool(r["skills"]) for r in results["jsonl"]) > 50
    assert results["csv"] == results["jsonl"]
    assert results["parquet"] == results["jsonl"]
    for kind in ("csv", "parquet"):  # the text's column named wrong: one line before any row is read
        wrong = _run("batch", str(tmp_path / f"in.{kind}"), "-o", str(tmp_path / f"wrong-{kind}"),
                     "--scheduler", cluster.scheduler_address)  # fmt: skip
        assert wrong.exit_code == 2 and wrong.output.count("\n") == 1
        assert (
            "no column 'text' (it has job_id, job_title, description); name the text's with --text-col" in wrong.output
        )


def test_extract_postings_on_a_dask_dataframe_and_bag(cluster, extractor):
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

    from jobmatch.dask import extract_postings

    postings = realistic_postings(24, seed=3)
    rows = [{"id": p["id"], "title": p.get("title"), "text": p["text"]} for p in postings]
    rows[5]["text"] = "  "  # reported, not raised (in a Bag a non-string too; Dask makes a frame's text strings)
    odd = [*rows[:9], {**rows[9], "text": 3.5}, *rows[10:]]
    with distributed.Client(cluster):
        frame = extract_postings(dd.from_pandas(pd.DataFrame(rows), npartitions=3)).compute()
        bag = extract_postings(db.from_sequence(odd, npartitions=2)).compute()
        texts = extract_postings(db.from_sequence([p["text"] for p in postings[:4]], npartitions=2)).compute()
    assert list(frame["id"]) == [r["id"] for r in rows]
    assert [r["id"] for r in bag] == [r["id"] for r in rows]
    assert frame.loc[5, "error"] == bag[5]["error"] == "empty text"
    assert bag[9]["error"] == "text is float, not a string" and bag[9]["skill_ids"] == []
    assert str(frame["skills"].dtype).startswith("list<item: struct<id: string")  # typed, as written to Parquet
    assert [ids for n, ids in enumerate(frame["skill_ids"]) if n != 9] == [
        r["skill_ids"] for n, r in enumerate(bag) if n != 9
    ]
    assert sum(bool(ids) for ids in frame["skill_ids"]) > 15
    assert [r["id"] for r in texts] == ["0.0", "0.1", "1.0", "1.1"]  # partition.row when there is no id
    assert texts[0]["skill_ids"] == [s.id for s in extractor.extract(postings[0]["text"]).skills]


def test_batch_refuses_bad_inputs_in_one_line_before_any_cluster_starts(tmp_path):
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "mine.txt").write_text("keep", encoding="utf-8")
    (tmp_path / "in.jsonl").write_text('{"text": "Python"}\n', encoding="utf-8")
    cases = [
        ([str(tmp_path / "missing.jsonl")], "missing.jsonl: no such file"),
        ([str(tmp_path / "notes.txt")], "not a file jobmatch batch reads"),
        ([str(tmp_path / "in.jsonl"), "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"], "--workers sets up"),
    ]
    for args, message in cases:
        result = _run("batch", *args, "-o", str(tmp_path / "out"))
        assert result.exit_code == 2, result.output
        assert result.output.startswith("jobmatch: error: ") and message in result.output
        assert result.output.count("\n") == 1
    taken = _run("batch", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "taken"))
    assert taken.exit_code == 2 and "not written by jobmatch batch" in taken.output
    assert not (tmp_path / "out").exists()


def _demand_from_records(records: list[dict], key) -> dict:
    """(group, skill) → [postings, required, preferred], counted from `jobmatch extract` records."""
    counts: dict = {}
    for record in records:
        for skill in record["skills"]:
            if skill["boilerplate"]:
                continue
            entry = counts.setdefault((key(record), skill["id"]), [0, 0, 0])
            entry[0] += 1
            entry[1] += skill["required"] is True
            entry[2] += skill["required"] is False
    return counts


@pytest.mark.parametrize(
    ("by", "key"),
    [
        (None, lambda r: ""),
        ("role", lambda r: r["role"][0] if r["role"] else "(no role)"),
        ("month", lambda r: r["date_posted"][:7] if r["date_posted"] else "(no date)"),
        ("location", lambda r: r["locations"][0] if r["locations"] else "(no place)"),
    ],
    ids=["overall", "by role", "by month", "by location"],
)
def test_demand_counts_what_extract_says_each_posting_asks_for(batch_run, by, key):
    expected = _demand_from_records(batch_run["expected"], key)
    args = ["demand", str(batch_run["out"]), "--format", "json", "--top", "12", *(["--by", by] if by else [])]
    result = _run(*args)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    groups = {}
    for row in rows:
        group = row.get("group", "")
        groups.setdefault(group, []).append(row)
        assert [row["postings"], row["required"], row["preferred"]] == expected[(group, row["skill"])]
        assert row["unstated"] == row["postings"] - row["required"] - row["preferred"]
    for group, items in groups.items():
        # the top of each group, most asked for first (ties by id)
        ranked = sorted(((-v[0], s) for (g, s), v in expected.items() if g == group))[: len(items)]
        assert [(-r["postings"], r["skill"]) for r in items] == ranked
        assert len(items) == min(12, sum(1 for g, _ in expected if g == group))
        size = sum(1 for r in batch_run["expected"] if key(r) == group)
        assert all(r["share"] == round(r["postings"] / size, 4) for r in items) and (
            not by or items[0]["group_postings"] == size
        )
    if by == "month":
        assert list(groups) == sorted(groups)
        assert len(groups) == 6
    if by == "role":
        assert len(groups) > 10


def test_demand_as_csv_table_and_chart(batch_run, tmp_path):
    out = str(batch_run["out"])
    as_json = json.loads(_run("demand", out, "--by", "month", "--top", "5", "--format", "json").stdout)
    import csv
    import io

    as_csv = list(
        csv.DictReader(io.StringIO(_run("demand", out, "--by", "month", "--top", "5", "--format", "csv").stdout))
    )
    assert [(r["group"], r["skill"], int(r["postings"]), int(r["required"])) for r in as_csv] == [
        (r["group"], r["skill"], r["postings"], r["required"]) for r in as_json
    ]
    table = _run("demand", out, "--top", "5").stdout
    top = json.loads(_run("demand", out, "--top", "5", "--format", "json").stdout)
    assert table.splitlines()[0].split() == ["skill", "postings", "share", "required", "preferred", "unstated"]
    assert [line.split()[0] for line in table.splitlines()[1:6]] == [r["name"].split()[0] for r in top]
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        result = _run("demand", out, "--format", "png", "-o", str(tmp_path / "d.png"))
        assert result.exit_code == 2 and "needs matplotlib" in result.output
    else:
        result = _run("demand", out, "--by", "role", "--format", "png", "-o", str(tmp_path / "d.png"))
        assert result.exit_code == 0, result.output
        data = (tmp_path / "d.png").read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 20_000


def test_demand_without_matplotlib_or_on_bad_input_says_so_in_one_line(batch_run, tmp_path, monkeypatch):
    (tmp_path / "notes.parquet").write_text("not parquet", encoding="utf-8")
    cases = [
        (["demand", str(tmp_path / "missing.parquet")], "missing.parquet: no such file"),
        (["demand", str(tmp_path / "notes.parquet")], "cannot read as Parquet"),
        (["demand", str(batch_run["out"]), "--format", "png"], "--format png writes an image"),
    ]
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    cases.append(
        (["demand", str(batch_run["out"]), "--format", "png", "-o", str(tmp_path / "x.png")], "needs matplotlib")
    )
    for args, message in cases:
        result = _run(*args)
        assert result.exit_code == 2, result.output
        assert result.output.startswith("jobmatch: error: ") and message in result.output
        assert result.output.count("\n") == 1
    assert not (tmp_path / "x.png").exists()
