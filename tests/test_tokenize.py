"""jobmatch's tokenizing: the tokens are spaCy's own (jobmatch's rules), whatever the chunk cache
holds, and a long run without white space is found from the chunks, without a regex stepping
through every word."""

from __future__ import annotations

import re

import pytest

from jobmatch.patterns import _LONG_RUN, _LONG_RUN_RE, _may_hold_special, make_nlp

# postings full of special cases (abbreviations, contractions, company suffixes, emoticons), which
# stop spaCy keeping the chunks after them, and of chunks met again in the next text
POSTINGS = [
    "Senior Data Engineer (Acme Inc.)\n\nYou'll build pipelines, e.g. Spark/Kafka jobs; "
    "we don't ship on Fridays :) Must-have: Python 3.11+, SQL (PostgreSQL), dbt.\n"
    "• Remote within the U.S. only — 9 a.m. to 5 p.m. ET.\xa0Apply now!",
    "Front-end developer: React, TypeScript & CSS-in-JS. Nice to have: Node.js/Express, i.e. "
    "back-end work. It's a full-time role at Globex Corp. (NYC).  Salary: $120k–$140k.",
    "DevOps Engineer\nTools:\tTerraform, Ansible, k8s (EKS), C++/C#, .NET 8.\n\nWe're hiring "
    "e.g. SREs, don't apply twice; Dr. Smith's team, St. Louis, MO. Spark/Kafka jobs; e.g. dbt.",
    "  leading spaces, trailing ones  \n\n\n ( nested ( brackets ) ) 'quoted' “curly” ’tis can't won’t ",
]


def _tokens(doc):
    return [(t.text, t.whitespace_, t.idx) for t in doc]


def test_tokens_are_the_tokenizers_own_in_any_order_and_on_a_second_reading(extractor):
    patterns = extractor._patterns
    plain = make_nlp().tokenizer  # a fresh tokenizer: its cache filled only as spaCy fills it
    for text in [*POSTINGS, *reversed(POSTINGS), *POSTINGS]:
        doc = patterns.tokenize(text)
        assert _tokens(doc) == _tokens(plain(text))
        assert doc.text == text


def test_a_chunk_that_may_hold_a_special_case_is_tokenized_alone():
    specials = frozenset(make_nlp().tokenizer.rules or ())
    for chunk in ("e.g.", "(Inc.)", "don't", "You'll", "U.S.", "a.m.,", "won’t", "Corp.", "St.", ":)"):
        assert _may_hold_special(chunk, specials), chunk
    for chunk in ("Python", "Spark/Kafka", "pipelines,", "(PostgreSQL),", "jobs;", "C++/C#", "pipelines."):
        assert not _may_hold_special(chunk, specials), chunk


@pytest.mark.parametrize(
    "text",
    [
        "",
        "x" * (_LONG_RUN - 1),
        "x" * _LONG_RUN,
        "word " * 100 + "y" * _LONG_RUN + " end",
        "word\n" * 37 + "z" * (_LONG_RUN + 57),
        ("a" * (_LONG_RUN // 2 + 1) + " ") * 6,
        ("a" * (_LONG_RUN - 1) + "\xa0") * 3,
        "https://example.com/" + "very-long-path/" * 20 + " and more",
    ],
)
def test_a_long_run_is_found_from_the_chunks_and_kept_whole_whatever_came_before(extractor, text):
    # the chunks (str.split) tell a long run exactly as the run's regex does
    has_run = _LONG_RUN_RE.search(text) is not None
    assert has_run == (max(map(len, text.split()), default=0) >= _LONG_RUN)
    assert has_run == bool(re.search(rf"\S{{{_LONG_RUN}}}", text))
    patterns = extractor._patterns
    plain = make_nlp().tokenizer
    for _ in range(2):  # read twice: the second time every chunk but a long run's was met before
        doc = patterns.tokenize(text)
        assert doc.text == text
        if has_run:
            run = _LONG_RUN_RE.search(text)
            assert run is not None and run.group() in [t.text for t in doc]
        else:
            assert _tokens(doc) == _tokens(plain(text))
