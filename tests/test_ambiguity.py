"""The ambiguity gate, driven by tests/cases/ambiguity.jsonl: everyday words vs technology names."""

from __future__ import annotations

import random

import pytest
from conftest import SAMPLES, load_cases

CASES = load_cases("ambiguity.jsonl")


def test_the_case_table_is_large_and_two_sided():
    assert len(CASES) >= 80
    assert sum(bool(c["present"]) for c in CASES) >= 40
    assert sum(bool(c["absent"]) for c in CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[c["why"] for c in CASES])
def test_ambiguous_names_count_only_with_evidence(extractor, case):
    found = extractor.extract(case["text"]).ids
    # "present" may be met through an implication (Ruby on Rails ⇒ Ruby); "absent" never is.
    implied = set().union(*(extractor.taxonomy.implied(i) for i in found)) if found else set()
    missing = set(case["present"]) - found - implied
    wrong = set(case["absent"]) & found
    assert not missing and not wrong, f"missing {sorted(missing)}, wrongly found {sorted(wrong)} in {case['text']!r}"


# The gate's shortcuts must give what the rules they stand for give, on realistic text: the
# bundled sample postings, and sentences the blockers are for.
BLOCKER_SENTENCES = [
    "You will present to C-level stakeholders and the C-suite every quarter.",
    "We plan to go live in Spring 2025, after the Spring semester.",
    "Our head chef and sous chef run a kitchen of twelve; chef de partie wanted.",
    "Generous pension scheme, bonus scheme and share scheme.",
    "AWS D1.1 certified welder; AWS CWI preferred.",
    "R&D tax credits and an R & D budget.",
    "Make sure every release is tested; make an impact from day one.",
    "Go above and beyond for our customers; go the extra mile.",
    "Unity of purpose matters here, as does Unity 3D for our games.",
    "Access to a Shell service station fleet card and Microsoft Exchange Online.",
]


def _sample_docs(extractor):
    patterns = extractor._patterns
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.iterdir()) if p.suffix in (".txt", ".md")]
    return [patterns.unglue(patterns.tokenize(text), text) for text in (*texts, *BLOCKER_SENTENCES)]


def _longest_by_ranking(matches):
    """Every match ranked longest first, then leftmost, then by label; kept where it overlaps none kept."""
    taken: set[int] = set()
    kept = []
    for key, s, e in sorted(matches, key=lambda m: (m[1] - m[2], m[1], m[2], m[0])):
        if taken.isdisjoint(range(s, e)):
            taken.update(range(s, e))
            kept.append((key, s, e))
    return sorted(kept, key=lambda m: m[1])


def test_longest_match_ranks_runs_of_overlapping_matches_as_ranking_all_would(extractor):
    from jobmatch.patterns import _longest

    patterns = extractor._patterns
    extra = "Apache Spark Streaming, Spark SQL and Google Kubernetes Engine (GKE) on Google Cloud Platform."
    docs = [*_sample_docs(extractor), patterns.tokenize(extra)]
    overlapping = 0
    for doc in docs:
        matches = patterns._phrase_matches(doc)
        overlapping += sum(any(s < e2 and s2 < e for _, s2, e2 in matches if (s2, e2) != (s, e)) for _, s, e in matches)
        expected = _longest_by_ranking(matches)
        assert _longest(list(matches)) == expected
        shuffled = list(matches)
        random.Random(len(doc)).shuffle(shuffled)
        assert _longest(shuffled) == expected
    assert overlapping >= 200  # the runs the shortcut must rank were there to rank


def test_each_blocker_run_alone_covers_what_all_blockers_together_cover(extractor):
    from jobmatch.patterns import _Gate

    patterns = extractor._patterns
    assert patterns._blockers_alone is not None  # the bundled blockers allow it: no NORM, no "*" or "+"
    blocked = 0
    for doc in _sample_docs(extractor):
        gate = _Gate(patterns, doc, [])
        for s in range(len(doc)):
            before = doc[s - 1].text if s else ""
            after = doc[s + 1].text if s + 1 < len(doc) else ""
            lo, hi = max(0, s - 2), min(len(doc), s + 4)
            whole = any(bs + lo <= s < be + lo for _, bs, be in patterns._blockers(doc[lo:hi]))
            expected = bool(patterns._blockable(before, doc[s].text, after)) and whole
            assert gate.covered(s, s + 1) == expected, (doc[lo:hi].text, doc[s].text)
            blocked += expected
    assert blocked >= 100


def test_a_words_punctuation_flag_is_what_spacy_says_of_its_token(extractor):
    from jobmatch.patterns import _PUNCT

    patterns = extractor._patterns
    odd = patterns.tokenize("C++ / C#; «Go» ¿R? ‘Excel’ … • — Node.js, (SQL) [AWS] {Rust} ¡Hola! 5% #1 @team")
    checked = 0
    for doc in (*_sample_docs(extractor), odd):
        for token in doc:
            # a lower-case word is punctuation exactly when its token is (no punctuation mark has case)
            assert bool(patterns._flags[token.lower] & _PUNCT) == token.is_punct, token.text
            checked += token.is_punct
    assert checked >= 1000


def test_a_sense_whose_skills_a_taxonomy_lacks_is_skipped(tmp_path):
    """``senses`` of context.json name bundled skills: a user's own taxonomy without them reads
    "coding" as its own software skill still, in any posting."""
    from jobmatch import SkillExtractor
    from jobmatch.patterns import _load_context, _senses
    from jobmatch.taxonomy import load_taxonomy

    own = tmp_path / "own.jsonl"
    own.write_text(
        '{"id": "software_development", "name": "Software development", "category": "software_engineering",'
        ' "aliases": ["coding"], "ambiguous": ["coding"]}\n'
        '{"id": "icd10", "name": "ICD-10", "category": "domain", "aliases": []}\n',
        encoding="utf-8",
    )
    taxonomy = load_taxonomy(own, extend=False)
    assert _senses(taxonomy, _load_context()) == []
    text = "Medical Coder. Knowledge of ICD-10; strong coding skills required."
    assert {"software_development", "icd10"} <= SkillExtractor(taxonomy).extract(text).ids
    bundled = _senses(load_taxonomy(), _load_context())
    assert {(s.form, s.of, s.reads_as) for s in bundled} == {
        ("coding", "software_development", "medical_coding"),
        ("coding", "software_development", None),
    }
