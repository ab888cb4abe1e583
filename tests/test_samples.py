"""The bundled sample postings: enough of them, every format, and what each really asks for."""

from __future__ import annotations

import collections

import pytest
from conftest import SAMPLES, load_cases

from jobmatch import Posting, load_postings

CASES = load_cases("samples.jsonl")


def _postings() -> list[Posting]:
    return [p for p in load_postings([str(SAMPLES)]) if isinstance(p, Posting)]


def test_at_least_30_postings_load_in_every_format_without_errors():
    items = list(load_postings([str(SAMPLES)]))
    assert not [i for i in items if not isinstance(i, Posting)]
    assert len(items) >= 30
    formats = collections.Counter(p.source.rsplit(".", 1)[1] for p in items)
    assert {"txt", "md", "html", "json"} <= set(formats), formats
    assert all(p.title for p in items)
    assert all(250 <= len(p.text.split()) <= 900 for p in items)


def test_every_sample_has_a_case():
    files = {p.source.rsplit("/", 1)[1] for p in _postings()}
    assert files == {c["file"] for c in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c["why"] for c in CASES])
def test_sample_postings_yield_what_they_ask_for(extractor, case):
    [posting] = [p for p in _postings() if p.source.endswith("/" + case["file"])]
    found = extractor.extract(posting.text).ids
    assert not set(case["present"]) - found, f"missing {sorted(set(case['present']) - found)}"
    assert not set(case["absent"]) & found, f"wrongly found {sorted(set(case['absent']) & found)}"
