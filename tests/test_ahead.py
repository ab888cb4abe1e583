"""``jobmatch._ahead.Ahead``: a call whose imports are made in a forked process meanwhile.

Each case runs in a fresh interpreter: whether a process is forked depends on what the process has
imported and on its threads, which a test session's own state would decide instead."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import ROOT, needs_fork_and_two_cores, run_fresh

pytestmark = needs_fork_and_two_cores


def test_the_fit_is_made_in_the_forked_process_and_equals_the_one_made_here() -> None:
    out = run_fresh(
        """
        import sys
        from jobmatch._ahead import Ahead
        from jobmatch.score import fit_idf
        documents = [["python", "sql"], ["python", "aws"], ["python"], ["kubernetes", "aws"]]
        fit = Ahead(
            fit_idf, modules=("sklearn.feature_extraction.text",), without=("pandas",), deferred=("scipy.stats",)
        )
        print(fit.forked)
        there = fit(documents)
        print("sklearn" in sys.modules)  # the fit came back without scikit-learn imported here
        here = fit_idf(documents)
        print(there == here, sorted(there.values) == ["aws", "kubernetes", "python", "sql"])
        print(fit.forked)  # one call: the process is done with
        """
    )
    assert out.split() == ["True", "False", "True", "True", "False"]


def test_a_package_kept_out_cannot_be_imported_over_there_and_still_can_here() -> None:
    out = run_fresh(
        """
        from jobmatch._ahead import Ahead
        def probe(_):
            try:
                import fractions
            except ImportError:
                return "absent"
            return "present"
        call = Ahead(probe, modules=("decimal",), without=("fractions",))
        print(call.forked, call(None), probe(None))
        """
    )
    assert out.split() == ["True", "absent", "present"]


def test_a_deferred_module_is_imported_over_there_only_when_something_of_it_is_used() -> None:
    out = run_fresh(
        """
        import sys
        from jobmatch._ahead import Ahead
        def unused(_):
            import fractions  # finds the stand-in: nothing of it asked for
            return type(sys.modules["fractions"]).__name__, "fractions.Fraction" in repr(vars(fractions))
        def used(_):
            import fractions
            return str(fractions.Fraction(2, 6)), type(sys.modules["fractions"]).__name__
        print(*Ahead(unused, modules=("decimal",), deferred=("fractions",))(None))
        print(*Ahead(used, modules=("decimal",), deferred=("fractions",))(None))
        """
    )
    assert out.split() == ["_Deferred", "False", "1/3", "module"]


def test_a_failure_over_there_is_redone_here_and_raises_the_real_error() -> None:
    out = run_fresh(
        """
        from jobmatch._ahead import Ahead
        def parse(text):
            return int(text)
        call = Ahead(parse, modules=("fractions",))
        print(call.forked)
        try:
            call("forty-two")
        except ValueError as err:
            print("ValueError:", "forty-two" in str(err))
        """
    )
    assert out.split() == ["True", "ValueError:", "True"]


def test_nothing_is_forked_when_the_modules_are_imported_already_or_threads_run() -> None:
    out = run_fresh(
        """
        import threading, time
        import decimal
        from jobmatch._ahead import Ahead
        print(Ahead(str, modules=("decimal",)).forked)  # imported already: the call costs the same here
        stop = threading.Event()
        worker = threading.Thread(target=stop.wait)
        worker.start()
        call = Ahead(str, modules=("fractions",))
        print(call.forked, call(7))  # a thread runs: no fork, and the call is made here
        stop.set()
        """
    )
    assert out.split() == ["False", "False", "7"]


def test_an_unused_process_ends_at_once_when_closed_even_while_importing() -> None:
    """A command that fails early (a missing file) must not wait a second for imports it will not use."""
    out = run_fresh(
        """
        import signal
        from jobmatch._ahead import Ahead
        with Ahead(str, modules=("sklearn.feature_extraction.text",)) as call:
            process = call._process
            print(call.forked, process.is_alive())
        # stopped, not waited for: its import had a second to go
        print(process.is_alive(), process.exitcode == -signal.SIGTERM)
        """
    )
    assert out.split() == ["True", "True", "False", "True"]


def test_a_command_that_fails_early_says_why_in_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "from jobmatch.cli import main; main()", "rank", str(tmp_path / "missing"),
         "--profile", "sample_listings/profiles/ml-engineer.toml"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2 and done.stderr.strip() == f"jobmatch: error: {tmp_path / 'missing'}: no such file"


def test_rank_fits_the_batch_idf_without_importing_scikit_learn_itself(tmp_path: Path) -> None:
    """The command's own process never imports scikit-learn: the forked one fits the IDF, and the
    ranking is the one a fit made here gives."""
    code = """
        import contextlib, io, json, sys
        from jobmatch.cli import main
        sys.argv = ["jobmatch", "rank", "sample_listings", "--profile",
                    "sample_listings/profiles/ml-engineer.toml", "--format", "json", "-q", *sys.argv[1:]]
        out = io.StringIO()
        try:
            with contextlib.redirect_stdout(out):
                main()
        except SystemExit as exit:
            assert not exit.code, exit.code
        print(json.dumps({"sklearn": "sklearn" in sys.modules, "ranked": json.loads(out.getvalue())}))
        """
    import json

    ahead = json.loads(run_fresh(code))
    # the same command with scikit-learn imported first: nothing to import ahead, the fit made here
    here = json.loads(run_fresh("import sklearn.feature_extraction.text\n" + textwrap.dedent(code)))
    assert ahead["sklearn"] is False and here["sklearn"] is True
    assert len(ahead["ranked"]) >= 5
    assert ahead["ranked"] == here["ranked"]
