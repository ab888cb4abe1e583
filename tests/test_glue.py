"""Glued blocks (tests/cases/glued.jsonl): scraped text whose line breaks were lost between blocks."""

from __future__ import annotations

import pytest
from conftest import SAMPLES, load_cases
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobmatch.glue import GlueSplitter

CASES = load_cases("glued.jsonl")


@pytest.mark.parametrize("case", CASES, ids=[c["why"] for c in CASES])
def test_skills_are_found_across_glued_block_boundaries(extractor, case):
    extraction = extractor.extract(case["text"])
    found = extraction.ids
    implied = set().union(*(extractor.taxonomy.implied(i) for i in found)) if found else set()
    missing = set(case["present"]) - found - implied
    wrong = set(case["absent"]) & found
    assert not missing and not wrong, f"missing {sorted(missing)}, wrongly found {sorted(wrong)} in {case['text']!r}"
    # offsets still index the text as it came, not the split tokens
    for skill in extraction.skills:
        for mention in skill.mentions:
            assert case["text"][mention.start : mention.end] == mention.text


def test_sample_postings_read_almost_the_same_with_their_line_breaks_lost(extractor):
    # every sample posting glued as a scraper would leave it: the title line, then one run of text
    clean_total = lost_total = 0
    for path in sorted(SAMPLES.glob("*.txt")) + sorted(SAMPLES.glob("*.md")):
        if path.name == "README.md":
            continue
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        clean = extractor.extract(f"{title}\n{body}").ids
        glued = extractor.extract(f"{title}\n{body.replace(chr(10), '')}").ids
        clean_total += len(clean)
        lost_total += len(clean - glued)
    assert clean_total > 300
    assert lost_total <= clean_total * 0.02, f"{lost_total} of {clean_total} skills lost to glued text"


def test_a_cut_needs_a_known_piece_beside_it():
    splitter = GlueSplitter(
        ["JavaScript", "SQL", "CircleCI", "GraphQL", "Rancher", "IT Consulting", "RabbitMQ"],
        headers=["Skills", "Company", "Technologies"],
    )
    assert splitter.pieces("CircleCIUses") == ["CircleCI", "Uses"]
    assert splitter.pieces("SQLSkills") == ["SQL", "Skills"]
    assert splitter.pieces("JavaScriptIf") == ["JavaScript", "If"]
    assert splitter.pieces("ConsultingCompany") == ["Consulting", "Company"]  # the tail of "IT Consulting"
    assert splitter.pieces("Technologiessql") == ["Technologies", "sql"]
    assert splitter.pieces("Rancher!Who") == ["Rancher", "!", "Who"]
    assert splitter.pieces("RabbitMQ)-") == ["RabbitMQ", ")", "-"]  # the next bullet dragged along
    assert splitter.pieces("RabbitMQ-", before_capital=False) == ["RabbitMQ-"]  # "food- and drink"
    # a first piece that ends a two-word form with the word before it: "IT Consulting|Insights"
    assert splitter.pieces("ConsultingInsights", before="IT") == ["Consulting", "Insights"]
    assert splitter.pieces("ConsultingInsights") == ["ConsultingInsights"]
    # known names, names the taxonomy does not know, and header words inside ordinary words stay whole
    for word in ("JavaScript", "GraphQL/", "YouTube", "MacBook", "Technologiesfoo", "Skillset", "Companyname"):
        assert splitter.pieces(word) == [word]


def test_clean_text_is_left_as_it_came(extractor):
    patterns = extractor._patterns
    doc = patterns.nlp.tokenizer("Python, Go and Rust on Kubernetes.\nNice to have: Terraform")
    assert patterns.unglue(doc) is doc


_PARTS = ["Java", "Script", "SQL", "Skills", "python", "Technologies", "RabbitMQ", "Experience", "If", "c++",
          "Job", "-", ")", "!", ".", ":", "•", "*", " ", "\n", "é", "Go", "Word", "Ünïcode", "3", "k8s"]  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_PARTS), max_size=40))
def test_any_glued_text_keeps_its_characters_and_offsets(extractor, parts):
    text = "".join(parts)
    patterns = extractor._patterns
    doc = patterns.unglue(patterns.nlp.tokenizer(text), text)
    assert doc.text == text
    for skill in extractor.extract(text).skills:
        for mention in skill.mentions:
            assert text[mention.start : mention.end] == mention.text


def test_the_splitter_is_kept_in_the_pattern_cache_and_rebuilt_when_damaged(taxonomy, tmp_path, monkeypatch):
    from jobmatch.patterns import build_patterns

    monkeypatch.setenv("JOBMATCH_CACHE_DIR", str(tmp_path))
    text = "Skills Required: Java Unix XML SQLSkills Desired: Spring"
    first = build_patterns(taxonomy)
    words = [t.text for t in first.unglue(first.nlp.tokenizer(text), text)]
    assert "SQL" in words and "Skills" in words
    (kept,) = tmp_path.glob("*.glue*")
    kept.write_bytes(b"not a pickle")
    second = build_patterns(taxonomy)
    assert [t.text for t in second.unglue(second.nlp.tokenizer(text), text)] == words
    third = build_patterns(taxonomy)  # from the entry the second build wrote again
    assert [t.text for t in third.unglue(third.nlp.tokenizer(text), text)] == words
