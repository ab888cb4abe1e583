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


POSTING_WORDS = [*WORDS, "Requirements", "Nice to have:", "years", "5+", "3-5", "$120,000", "£55k", "–", "-",
                 "per hour", "a year", "Remote", "hybrid", "BS/MS", "degree", "or equivalent", "About us", "\n\n",
                 "Benefits", "PyTorch or TensorFlow", "Senior", "intern", "Location:", "Austin, TX",
                 "€45/hour"]  # fmt: skip


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(POSTING_WORDS), max_size=60), st.sampled_from([" ", "\n", " - "]))
def test_reading_the_structure_of_any_posting_like_text_never_crashes(extractor, words, sep):
    import json

    text = sep.join(words)
    data = extractor.extract(text).to_dict()
    assert json.loads(json.dumps(data)) == data
    salary = data["salary"]
    if salary:
        assert salary["period"] in {None, "year", "month", "week", "day", "hour"}
        assert all(v is None or v >= 0 for v in (salary["min"], salary["max"]))
        assert salary["text"] in text
    assert data["work_mode"] in {None, "remote", "hybrid", "on-site"}
    for skill in data["skills"]:
        assert skill["required"] in {True, False, None}
        assert skill["years"] is None or 0 < skill["years"] <= 20


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text())
def test_reading_the_structure_of_any_unicode_text_never_crashes(extractor, text):
    extractor.extract(text).to_dict()
