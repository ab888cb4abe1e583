"""The store's extraction cache is keyed on everything that can change an extraction."""

from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import SAMPLES

from jobmatch.cli import cli


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_changed_rules_or_code_read_saved_postings_again(tmp_path, monkeypatch):
    import jobmatch.extract
    from jobmatch.rank import cache_version
    from jobmatch.store import Store
    from jobmatch.taxonomy import Taxonomy, load_taxonomy

    db = str(tmp_path / "j.db")
    profile = str(SAMPLES / "profiles" / "ml-engineer.toml")
    folder = tmp_path / "postings"
    folder.mkdir()
    for name in ("backend-java-saltmarsh.txt", "data-analyst-bluewillow.txt", "ml-engineer-quillpay.txt"):
        (folder / name).write_text((SAMPLES / name).read_text(encoding="utf-8"), encoding="utf-8")
    assert _run("save", str(folder), "--db", db).exit_code == 0
    first = json.loads(_run("rank", "--saved", "--db", db, "--profile", profile, "--format", "json").stdout)
    taxonomy = load_taxonomy()
    with Store(db) as store:
        assert len(store.cached_extractions(cache_version(taxonomy))) == 3
        assert store.cached_extractions(taxonomy.version) == {}  # not the skill records alone

    # the same skill records, but rules or code that changed: every saved posting is read again
    calls = []
    original = jobmatch.extract.SkillExtractor._from_doc

    def counting(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(jobmatch.extract.SkillExtractor, "_from_doc", counting)
    monkeypatch.setattr(Taxonomy, "extraction_version", property(lambda self: "rules-or-code-changed"))
    again = json.loads(_run("rank", "--saved", "--db", db, "--profile", profile, "--format", "json").stdout)
    assert len(calls) == 3
    assert [r["source"] for r in again] == [r["source"] for r in first]
