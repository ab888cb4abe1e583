"""The ambiguity gate, driven by tests/cases/ambiguity.jsonl: everyday words vs technology names."""

from __future__ import annotations

import pytest
from conftest import load_cases

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
