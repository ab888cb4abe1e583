"""``jobmatch._headstart``: postings read from their text alone on the core start-up leaves idle,
and taken by the ``--jobs`` workers instead of being read again.

Each case runs in a fresh interpreter: whether a process is forked depends on the process's
threads, which a test session's own state would decide instead."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SAMPLES, needs_fork_and_two_cores, run_fresh

PROFILE = SAMPLES / "profiles" / "ml-engineer.toml"

pytestmark = needs_fork_and_two_cores


def test_each_item_is_read_in_order_and_kept_whole_and_a_failed_read_is_left_to_the_worker() -> None:
    out = run_fresh(
        """
        import json
        from jobmatch._headstart import HeadStart

        def read(item):
            if item == "bad":
                raise ValueError(item)
            return {"item": item, "words": item.split()}

        items = [f"posting number {n}" for n in range(40)] + ["bad", "last one"]
        ahead = HeadStart(items, read)
        ahead._process.join(60)  # let it finish every item
        ready = ahead.stop()
        print(json.dumps([ready.done, [ready.take(i) for i in range(len(items) + 2)]]))
        """
    )
    done, taken = json.loads(out)
    assert done == 42
    assert taken[0] == {"item": "posting number 0", "words": ["posting", "number", "0"]}
    assert taken[39]["item"] == "posting number 39"
    assert taken[40] is None  # its read failed: the worker reads it, and reports what is wrong
    assert taken[41] == {"item": "last one", "words": ["last", "one"]}
    assert taken[42:] == [None, None]  # beyond the items


def test_a_handful_of_items_forks_nothing_and_a_stopped_head_start_gives_only_what_it_finished() -> None:
    out = run_fresh(
        """
        import json, struct, time
        from jobmatch._headstart import HeadStart

        few = HeadStart(["a", "b", "c"], str.upper)
        small = [few._process is not None, few.stop().done, few.stop().take(0)]

        def slow(item):
            if item >= 5:
                time.sleep(30)  # stopped while on this one
            return item * 2

        ahead = HeadStart(list(range(40)), slow)
        deadline = time.monotonic() + 120  # (niced: on a busy machine its first items may take a while)
        while struct.unpack_from("<Q", ahead._memory, 0)[0] < 5 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.2)  # now on item 5, asleep
        start = time.perf_counter()
        ready = ahead.stop()
        print(json.dumps([small, ready.done, [ready.take(i) for i in range(7)], time.perf_counter() - start]))
        """
    )
    small, done, taken, waited = json.loads(out)
    assert small == [False, 0, None]
    assert done == 5 and taken == [0, 2, 4, 6, 8, None, None]
    assert waited < 5  # stopped at once, mid-item


_WORKERS = """
import json, sys
from functools import partial
from pathlib import Path
import jobmatch.extract as extract
from jobmatch._headstart import HeadStart
from jobmatch.records import role_names
from jobmatch.roles import posting_roles
from jobmatch.sources import pending_postings

def work(extractor, item):
    posting = item.read()[0]
    extraction = extractor.extract(posting)
    ahead = extraction.roles_ahead is not None and extraction.reading._fields is not None
    return extraction.to_dict(), role_names(posting, extraction), ahead

files = sorted(str(p) for p in Path(sys.argv[1]).iterdir())
items = list(pending_postings(files))
extractor = extract.SkillExtractor()
here = list(extractor.map(work, items))
ahead = HeadStart(items, partial(extract.prepared_of, roles=posting_roles))
ahead._process.join(120)
Path(files[3]).write_text(sys.argv[2], encoding="utf-8")  # changed since it was read ahead
there = list(extractor.map(work, items, n_process=2, batch_size=4, head_start=ahead))
print(json.dumps({"here": here, "there": there}))
"""


def _postings(folder: Path, n: int) -> list[Path]:
    """``n`` distinct postings written to ``folder``: the bundled samples, each with its own line."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.md"))]
    folder.mkdir()
    paths = []
    for i in range(n):
        path = folder / f"posting-{i:03d}.txt"
        path.write_text(texts[i % len(texts)] + f"\n\nReference: JM-{i:05d}\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_workers_take_what_was_read_ahead_and_read_the_same_as_without_it(tmp_path: Path) -> None:
    paths = _postings(tmp_path / "postings", 36)
    changed = (
        "Senior Data Engineer\n\nRemote (US). Full-time. $150,000 - $180,000 a year.\n\n"
        "Requirements:\n- 5+ years with Python and Spark\n- A bachelor's degree in Computer Science\n"
    )
    out = json.loads(run_fresh(_WORKERS, str(paths[0].parent), changed))
    here, there = out["here"], out["there"]
    assert [record for record, _, _ in there[:3]] == [record for record, _, _ in here[:3]]
    assert [roles for _, roles, _ in there] == [roles for _, roles, _ in here[:3]] + [["Data Engineer"]] + [
        roles for _, roles, _ in here[4:]
    ]
    # the file changed after it was read ahead: its new text is read, not the old one's layout
    record = there[3][0]
    assert record["title"] == "Senior Data Engineer" and record["work_mode"] == "remote"
    assert record["years"]["min"] == 5 and record["salary"]["min"] == 150000
    assert [r for r, _, _ in there[4:]] == [r for r, _, _ in here[4:]]
    # every item taken from the head start but the first (done here, before the workers fork)
    # and the changed one
    assert [taken for _, _, taken in there] == [False, True, True, False] + [True] * 32
    assert not any(taken for _, _, taken in here)


_COMMAND = """
import os, sys
from pathlib import Path
import jobmatch.extract
from jobmatch.cli import main

taken = Path(sys.argv[1])
keep = jobmatch.extract._Reading.take

def noted(self, prepared):  # inherited by the forked workers
    with taken.open("a") as f:
        f.write(f"{os.getpid()}\\n")
    keep(self, prepared)

jobmatch.extract._Reading.take = noted
Path(sys.argv[1] + ".main").write_text(str(os.getpid()))
sys.argv = ["jobmatch", *sys.argv[2:]]
main()
"""


@pytest.mark.parametrize("command", ["extract", "rank"])
def test_with_jobs_two_the_commands_print_what_one_process_prints_and_only_workers_take_the_head_start(
    tmp_path: Path, command: str
) -> None:
    paths = _postings(tmp_path / "postings", 40)
    args = [command, str(paths[0].parent), "--format", "json", "-q"]
    if command == "rank":
        args += ["--profile", str(PROFILE)]
    taken = tmp_path / "taken"
    one = run_fresh(_COMMAND, str(taken), *args, "--jobs", "1")
    assert not taken.exists()  # one process: nothing read ahead
    two = run_fresh(_COMMAND, str(taken), *args, "--jobs", "2")
    assert two == one
    # what was read ahead (if anything: the head start only has the time the start-up leaves idle, and
    # none on a busy machine) is taken in the workers only, never by the command's own process
    readers = taken.read_text().split() if taken.exists() else []
    assert Path(f"{taken}.main").read_text() not in readers
