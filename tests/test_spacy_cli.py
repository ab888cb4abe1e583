"""The jobmatch command puts spaCy's own command line off (jobmatch/_spacy_cli.py), and spaCy's
command line still works in that process when asked for."""

from __future__ import annotations

import json
import subprocess
import sys

import spacy

from jobmatch import _spacy_cli


def _python(script: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", script, *args], input=stdin, capture_output=True, text=True)


def test_the_command_reads_a_posting_without_loading_spacys_command_line():
    script = (
        "import json, sys\n"
        "from jobmatch.cli import main\n"
        "sys.argv = ['jobmatch', 'extract', '-', '--format', 'json']\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        "    loaded = [m for m in ('spacy', 'typer', 'weasel', 'spacy.cli.download') if m in sys.modules]\n"
        "    print(json.dumps(loaded), file=sys.stderr)\n"
    )
    done = _python(script, stdin="Requirements: 5+ years of Python and Kubernetes. Go or Rust a plus.")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stderr.strip().splitlines()[-1]) == ["spacy"]
    skills = {s["id"]: s for s in json.loads(done.stdout)["skills"]}
    assert skills["python"]["years"] == 5 and skills["rust"]["required"] is False


def test_spacys_command_line_loads_when_asked_for_after_being_put_off():
    script = (
        "import json\n"
        "from jobmatch import _spacy_cli\n"
        "assert _spacy_cli.defer()\n"
        "import spacy\n"
        "nlp = spacy.blank('en')\n"
        "import sys\n"
        "put_off = 'typer' not in sys.modules\n"
        "about = spacy.info()\n"  # spacy.info loads the real module on its first call
        "import spacy.cli.train\n"
        "from spacy.cli import download\n"
        "print(json.dumps([put_off, about['spacy_version'], spacy.cli.train.__name__, callable(download),\n"
        "                  type(sys.modules['spacy.cli']).__name__, [t.text for t in nlp('C++ and Go')]]))\n"
    )
    done = _python(script)
    assert done.returncode == 0, done.stderr
    put_off, version, train, has_download, kind, tokens = json.loads(done.stdout)
    assert put_off and version == spacy.__version__ and train == "spacy.cli.train" and has_download
    assert kind == "module"  # the stand-in stepped aside for the real package
    assert tokens == ["C++", "and", "Go"]


def test_nothing_is_put_off_once_spacy_is_imported():
    before = sys.modules.get("spacy.cli")
    assert not _spacy_cli.defer()
    assert sys.modules.get("spacy.cli") is before
