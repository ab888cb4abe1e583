"""Property tests: any Unicode text, any mix of skill names, never a crash, offsets always exact."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

WORDS = ["Python", "Go", "C", "C++", "k8s", "AWS", "React", "Excel", "go", "R", "-", "/", ",", "(", ")",
         "level", "live", "and", "or", "experience", "with", "\n", "•", "Spark", "SageMaker", "é", "日本"]  # fmt: skip


def _check(extractor, text):
    result = extractor.extract(text)
    assert result.text == text
    seen = set()
    for skill in result.skills:
        assert skill.id not in seen
        seen.add(skill.id)
        assert skill.mentions
        for m in skill.mentions:
            assert 0 <= m.start < m.end <= len(text)
            assert text[m.start : m.end] == m.text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text())
def test_any_unicode_text_never_crashes_and_offsets_slice_back(extractor, text):
    _check(extractor, text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), max_size=40), st.sampled_from([" ", "", "  ", "\t"]))
def test_skill_soup_never_crashes_and_offsets_slice_back(extractor, words, sep):
    _check(extractor, sep.join(words))
