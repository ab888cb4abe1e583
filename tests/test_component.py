"""The jobmatch_skills spaCy component, and the pattern cache behind it and SkillExtractor."""

from __future__ import annotations

import json
import os
import pickle
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
import spacy
from conftest import SAMPLES, load_cases

from jobmatch import Posting, load_postings
from jobmatch.errors import JobmatchWarning, TaxonomyError

CASES = load_cases("component.jsonl")
_LEVEL = {True: "required", False: "preferred", None: None}


@pytest.fixture(scope="session")
def nlp():
    """The spaCy user's pipeline: spaCy's own blank English, its own tokenizer, plus the component."""
    nlp = spacy.blank("en")
    nlp.add_pipe("jobmatch_skills")
    return nlp


@pytest.fixture(scope="session")
def samples() -> list[str]:
    return [p.text for p in load_postings([str(SAMPLES)]) if isinstance(p, Posting)]


def _spans(doc, key: str = "skills") -> list[tuple]:
    return [
        (s.start_char, s.end_char, s.text, s.label_, s.kb_id_, s._.skill_requirement, s._.skill_years)
        for s in doc.spans[key]
    ]


@pytest.mark.parametrize("case", CASES, ids=[c["why"] for c in CASES])
def test_the_component_finds_the_cases(nlp, case):
    doc = nlp(case["text"])
    spans = list(doc.spans["skills"])
    assert [[s.text, s.kb_id_] for s in spans] == [expected[:2] for expected in case["spans"]]
    for span, expected in zip(spans, case["spans"], strict=True):
        if len(expected) > 2:
            assert span._.skill_requirement == expected[2], span.text
    if "years" in case:
        assert {s.kb_id_: s._.skill_years for s in spans if s._.skill_years is not None} == case["years"]


def test_a_plain_spacy_script_finds_what_jobmatch_extract_finds(nlp, extractor, samples):
    """Same skills, levels and years on every bundled sample; spans match the mentions except where
    spaCy's tokenizer keeps a name inside a longer token (then the span covers that token)."""
    widened = 0
    for text in samples:
        doc = nlp(text)
        extraction = extractor.extract(text)
        found = {s.kb_id_: (s._.skill_requirement, s._.skill_years) for s in doc.spans["skills"]}
        assert found == {s.id: (_LEVEL[s.required], s.years) for s in extraction.skills}
        mentions = sorted((m.start, m.end, s.id) for s in extraction.skills for m in s.mentions)
        spans = sorted((s.start_char, s.end_char, s.kb_id_) for s in doc.spans["skills"])
        assert len(spans) == len(mentions)
        for (start, end, sid), (span_start, span_end, span_id) in zip(mentions, spans, strict=True):
            assert sid == span_id and span_start <= start and end <= span_end, text[start:end]
            widened += (span_start, span_end) != (start, end)
    assert widened < len(samples)  # rare on clean postings


def test_the_factory_is_found_through_the_entry_point_without_importing_jobmatch(extractor, samples):
    text = samples[0]
    script = (
        "import json, sys, spacy\n"
        "nlp = spacy.blank('en')\n"
        "nlp.add_pipe('jobmatch_skills')\n"
        "doc = nlp(sys.stdin.read())\n"
        "print(json.dumps(sorted({s.kb_id_ for s in doc.spans['skills']})))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], input=text, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == sorted(extractor.extract(text).ids)


def test_a_spacy_pipeline_without_the_component_loads_little_of_jobmatch():
    """spaCy imports every factory's module when it makes any pipeline: only the component's own."""
    script = "import sys, spacy\nspacy.blank('en')\nprint(sorted(m for m in sys.modules if m.startswith('jobmatch')))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    loaded = set(json.loads(out.stdout.replace("'", '"')))
    assert loaded <= {"jobmatch", "jobmatch.component", "jobmatch.errors"}


def test_a_saved_pipeline_loads_with_the_same_spans(nlp, samples, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["jobmatch_skills"]
    for text in samples[:8]:
        assert _spans(loaded(text)) == _spans(nlp(text))


def test_a_saved_pipeline_with_jobmatch_tokenizer_loads_in_a_plain_spacy_script(tmp_path):
    from jobmatch.patterns import make_nlp

    own = make_nlp()
    own.add_pipe("jobmatch_skills")
    own.to_disk(tmp_path / "pipeline")
    text = "Objective-C, C++17/20 and statistics in R."
    doc = own(text)
    expected = [(s.text, s.kb_id_) for s in doc.spans["skills"]]
    script = (
        "import json, sys, spacy\n"
        "doc = spacy.load(sys.argv[1])(sys.argv[2])\n"
        "print(json.dumps([[s.text, s.kb_id_] for s in doc.spans['skills']]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "pipeline"), text], capture_output=True, text=True, check=True
    )
    assert [tuple(pair) for pair in json.loads(out.stdout)] == expected
    assert ("R", "r") in expected  # jobmatch's tokenizer splits the final period off


def test_a_saved_pipeline_with_jobmatch_tokenizer_gets_the_cheap_affix_searches_back(tmp_path):
    from jobmatch import _affixes
    from jobmatch.patterns import make_nlp

    own = make_nlp()
    own.add_pipe("jobmatch_skills")
    own.to_disk(tmp_path / "pipeline")
    text = "Objective-C, C++17/20, Node.js/Express and statistics in R; 5kg... e.g. James’s"
    loaded = spacy.load(tmp_path / "pipeline")
    # spaCy compiles the saved expressions again; once the component is at work, the tokenizer has
    # jobmatch's cheaper searchers of the same rules, and the same tokens and spans
    doc = loaded(text)
    assert isinstance(loaded.tokenizer.suffix_search.__self__, _affixes._SuffixSearch)
    assert not isinstance(loaded.tokenizer.infix_finditer.__self__, re.Pattern)
    assert [t.text for t in doc] == [t.text for t in own(text)]
    assert _spans(doc) == _spans(own(text))


def _own_taxonomy_pipeline(tmp_path: Path) -> tuple[spacy.language.Language, Path]:
    skills = tmp_path / "mine.jsonl"
    skills.write_text(
        json.dumps({"id": "widgets", "name": "Widgetry", "category": "domain", "aliases": ["widget making"]}) + "\n",
        encoding="utf-8",
    )
    nlp = spacy.blank("en")
    nlp.add_pipe("jobmatch_skills", config={"taxonomy": str(skills), "spans_key": "found", "gate": False})
    return nlp, skills


def test_a_saved_pipeline_keeps_its_own_taxonomy_and_options(tmp_path):
    nlp, skills = _own_taxonomy_pipeline(tmp_path)
    text = "Widget making and Go."
    before = _spans(nlp(text), "found")
    assert ("widget making", "widgets") in {(s[2].lower(), s[4]) for s in before}
    nlp.to_disk(tmp_path / "pipeline")
    skills.unlink()  # the saved pipeline holds a copy
    loaded = spacy.load(tmp_path / "pipeline")
    assert _spans(loaded(text), "found") == before


def test_a_pipeline_as_bytes_keeps_its_own_taxonomy(tmp_path):
    nlp, skills = _own_taxonomy_pipeline(tmp_path)
    text = "Widget making and Go, with Python."
    before = _spans(nlp(text), "found")
    assert {"widgets", "go", "python"} <= {s[4] for s in before}
    data = nlp.to_bytes()
    skills.unlink()  # the bytes hold the taxonomy, not a path to it
    loaded = spacy.blank("en").from_config(nlp.config).from_bytes(data)
    assert _spans(loaded(text), "found") == before


def test_a_pipeline_in_use_pickles_for_a_spawned_process(tmp_path):
    # nlp.pipe(n_process=2) pickles the pipeline where processes are spawned (macOS, Windows):
    # after a first text the component holds matchers that do not pickle; they are made again
    nlp, skills = _own_taxonomy_pipeline(tmp_path)
    text = "Widget making and Go, with Python."
    before = _spans(nlp(text), "found")
    skills.unlink()
    copy = pickle.loads(pickle.dumps(nlp))
    assert _spans(copy(text), "found") == before
    assert _spans(copy("Requirements: 5+ years of Python."), "found")[0][4:] == ("python", "required", 5.0)


def test_a_damaged_saved_pipeline_compiles_its_patterns_again(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    (tmp_path / "pipeline" / "jobmatch_skills" / "patterns.msgpack").write_bytes(b"\x93garbage")
    loaded = spacy.load(tmp_path / "pipeline")
    text = "Python, Go and Rust on Kubernetes."
    assert _spans(loaded(text)) == _spans(nlp(text))


def test_spans_and_their_extensions_survive_a_docbin(nlp):
    from spacy.tokens import DocBin

    doc = nlp(CASES[0]["text"])
    docs = list(DocBin(docs=[doc], store_user_data=True).get_docs(nlp.vocab))
    assert _spans(docs[0]) == _spans(doc)


def test_without_the_gate_ambiguous_names_count_anywhere(nlp):
    loose = spacy.blank("en")
    loose.add_pipe("jobmatch_skills", config={"gate": False})
    text = "We go live next week, and we excel at service."
    strict_doc, loose_doc = nlp(text), loose(text)
    assert [s.kb_id_ for s in strict_doc.spans["skills"]] == []
    assert [s.kb_id_ for s in loose_doc.spans["skills"]] == ["go", "microsoft_excel"]


def test_in_a_pipeline_with_jobmatch_tokenizer_spans_are_the_mentions(extractor, samples):
    from jobmatch.patterns import make_nlp

    own = make_nlp()
    own.add_pipe("jobmatch_skills")
    for text in samples[:10]:
        mentions = sorted((m.start, m.end, s.id) for s in extractor.extract(text).skills for m in s.mentions)
        doc = own(text)
        assert sorted((s.start_char, s.end_char, s.kb_id_) for s in doc.spans["skills"]) == mentions


def test_a_missing_taxonomy_file_is_named(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("jobmatch_skills", config={"taxonomy": str(tmp_path / "nope.jsonl")})
    with pytest.raises(TaxonomyError, match=r"nope\.jsonl"):
        nlp.initialize()


def test_plain_forms_are_split_as_the_tokenizer_splits_them(extractor):
    """The compile fast path (no tokenizer for forms of plain words) agrees with the tokenizer
    on every form and hyphen/space twin of the bundled taxonomy."""
    from jobmatch.patterns import _plain_tokens

    tokenizer = extractor._patterns._tokenizer
    exceptions = frozenset(tokenizer.rules)
    forms = {f for skill in extractor.taxonomy for form in skill.forms for f in (form, form.replace(" ", "-"))}
    forms |= {form.replace("-", " ") for form in forms}
    forms |= {f.upper() for f in forms} | {f.lower() for f in forms} | {"Oracle 11g", "3pm", "k8s", "Keil-µVision"}
    fast = 0
    for form in forms:
        words = _plain_tokens(form, exceptions, tokenizer)
        if words is not None:
            fast += 1
            assert words == [t.text for t in tokenizer(form)], form
    assert fast > len(forms) * 0.9
    for hard in ("5 Whys", "Whys", "Oracle 11g", "C++17/20", "amazon  web"):
        assert _plain_tokens(hard, exceptions, tokenizer) is None, hard


# --- the cache -------------------------------------------------------------------------------


@pytest.fixture
def fresh_warnings(monkeypatch):
    from jobmatch import _cache

    monkeypatch.setattr(_cache, "_warned", set())


def test_the_cache_folder_follows_the_environment(tmp_path, monkeypatch, fresh_warnings):
    import platformdirs

    from jobmatch._cache import cache_dir

    monkeypatch.setenv("JOBMATCH_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"
    assert (tmp_path / "mine").stat().st_mode & 0o777 == 0o700
    monkeypatch.setenv("JOBMATCH_CACHE_DIR", "off")
    assert cache_dir() is None
    monkeypatch.delenv("JOBMATCH_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "jobmatch"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == Path(platformdirs.user_cache_dir("jobmatch", appauthor=False))
    assert str(cache_dir()).startswith(str(tmp_path / "home"))


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_a_cache_folder_others_can_write_is_not_used(taxonomy, tmp_path, monkeypatch, fresh_warnings):
    from jobmatch.patterns import build_patterns

    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("JOBMATCH_CACHE_DIR", str(shared))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        first = build_patterns(taxonomy)
        build_patterns(taxonomy)
    messages = [str(w.message) for w in caught if issubclass(w.category, JobmatchWarning)]
    assert len(messages) == 1 and "writable by other users" in messages[0] and str(shared) in messages[0]
    assert list(shared.iterdir()) == []
    doc = first.tokenize("Python and k8s")
    assert first.find(doc) == [(0, 1, "python"), (2, 3, "kubernetes")]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a folder away")
def test_a_cache_folder_of_another_user_is_not_used(taxonomy, tmp_path, monkeypatch, fresh_warnings):
    from jobmatch.patterns import build_patterns

    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o700)
    os.chown(theirs, 4242, 4242)
    monkeypatch.setenv("JOBMATCH_CACHE_DIR", str(theirs))
    with pytest.warns(JobmatchWarning, match="belongs to another user"):
        build_patterns(taxonomy)
    assert list(theirs.iterdir()) == []


def test_the_cli_says_so_once_and_goes_on(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    env = dict(os.environ, JOBMATCH_CACHE_DIR=str(shared))
    jobmatch = str(Path(sys.executable).parent / "jobmatch")
    out = subprocess.run(
        [jobmatch, "extract", "-", "--format", "json"], input="Python and k8s", env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert [s["id"] for s in json.loads(out.stdout)["skills"]] == ["python", "kubernetes"]
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "cache folder" in lines[0] and "Traceback" not in out.stderr


def test_a_planted_pickle_is_never_run(taxonomy, tmp_path, monkeypatch):
    from jobmatch import _cache
    from jobmatch.patterns import _cache_key, build_patterns

    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (Path.touch, (marker,))

    monkeypatch.setenv("JOBMATCH_CACHE_DIR", str(tmp_path / "cache"))
    entry = tmp_path / "cache" / f"patterns-{_cache_key(taxonomy)}.msgpack"
    entry.parent.mkdir(mode=0o700)
    entry.write_bytes(pickle.dumps(Payload()))
    patterns = build_patterns(taxonomy)
    assert not marker.exists()
    assert patterns.find(patterns.tokenize("Terraform and Go services")) == [(0, 1, "terraform"), (2, 3, "go")]
    assert _cache.read(entry) is not None  # replaced by a good entry


def test_the_cache_rebuilds_only_jobmatch_classes():
    from srsly.msgpack import ExtType, packb

    from jobmatch import _cache

    for name in ("os:system", "jobmatch.patterns:json"):
        planted = packb(ExtType(1, packb([name, {}], use_bin_type=True)), use_bin_type=True)
        with pytest.raises(ValueError):
            _cache.loads(planted)


def test_the_taxonomy_and_glue_splitter_round_trip_through_the_cache(taxonomy, extractor):
    from jobmatch import _cache

    again = _cache.loads(_cache.dumps(taxonomy))
    assert again.skills == taxonomy.skills
    assert (again.categories, again.version) == (taxonomy.categories, taxonomy.version)
    glue = extractor._patterns.glue
    restored = _cache.loads(_cache.dumps(glue))
    assert vars(restored).keys() == vars(glue).keys()
    for name, value in vars(glue).items():
        other = vars(restored)[name]
        if isinstance(value, tuple):  # compiled expressions
            assert [p.pattern for p in other] == [p.pattern for p in value]
        elif hasattr(value, "pattern"):
            assert other.pattern == value.pattern
        else:
            assert other == value, name
    text = "Skills Required: Java Unix XML SQLSkills Desired: Spring"
    doc = extractor._patterns.tokenize(text)
    assert [t.text for t in restored.split(doc, text)] == [t.text for t in glue.split(doc, text)]
