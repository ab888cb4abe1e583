"""The tokenizer's suffix search and infix finditer (jobmatch/_affixes.py): spaCy's expressions' very matches."""

from __future__ import annotations

import pickle
import re

import pytest
import srsly
from conftest import SAMPLES, load_cases
from hypothesis import given, settings
from hypothesis import strategies as st

from jobmatch import _affixes
from jobmatch.patterns import _tokenizer_rules, make_nlp

CASES = load_cases("affixes.jsonl")


@pytest.fixture(scope="module")
def searchers():
    """(suffix search, infix finditer) of jobmatch's tokenizer, and the plain expressions spaCy would compile."""
    _rules, _prefix, suffix, infix, _token_match = _tokenizer_rules()
    # the cheaper searchers are in use, not a fallback compared with itself
    assert isinstance(suffix.__self__, _affixes._SuffixSearch)
    assert isinstance(infix.__self__, _affixes._InfixFinditer)
    return suffix, infix, re.compile(suffix.__self__.pattern).search, re.compile(infix.__self__.pattern).finditer


def spans(suffix, infix, text):
    match = suffix(text)
    return (match.span() if match else None), [m.span() for m in infix(text)]


@pytest.mark.parametrize("case", CASES, ids=[c["why"] for c in CASES])
def test_the_affixes_of_a_tricky_chunk_are_spacys(searchers, case):
    suffix, infix, plain_suffix, plain_infix = searchers
    text = case["text"]
    assert spans(suffix, infix, text) == spans(plain_suffix, plain_infix, text)
    match = suffix(text)
    assert (match.group() if match else None) == case["suffix"]
    assert [m.group() for m in infix(text)] == case["infixes"]
    assert match is None or isinstance(match, re.Match)


def test_the_patterns_are_spacys_own():
    # spaCy saves a tokenizer's rules as method.__self__.pattern: it must be the expression spaCy joins
    from spacy.lang.en import English
    from spacy.util import compile_infix_regex, compile_suffix_regex

    suffixes, infixes = English.Defaults.suffixes or [], English.Defaults.infixes or []
    assert "" in suffixes  # a blank piece, left out by spaCy and here alike
    assert _affixes.suffix_search(suffixes).__self__.pattern == compile_suffix_regex(suffixes).pattern
    assert _affixes.infix_finditer(infixes).__self__.pattern == compile_infix_regex(infixes).pattern


# the characters the rules turn on, letters and digits around them, and pieces of real chunks
_ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzACDEFJKMNRSUZ0123456789éßïЖжя日本"
    ".,;:!?¿¡'\"`´‘’“”«»‚„()[]{}<>/\\|-–—~_+*^=#$%&@…°©®™€£¥₹§¶·。，、；：！？「」\n\t"
)
_FRAGMENTS = ["km", "m²", "US$", "C$", "'s", "’S", "...", "e.g.", "C++", "C#", ".js", "°C", "--", "10", "😀", ".NET"]
_chunks = st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(_ALPHABET, max_size=3)), max_size=8).map("".join)


@settings(max_examples=1500, deadline=None)
@given(_chunks)
def test_any_chunk_gets_the_plain_expressions_matches(searchers, text):
    suffix, infix, plain_suffix, plain_infix = searchers
    assert spans(suffix, infix, text) == spans(plain_suffix, plain_infix, text)
    # the tokenizer searches each chunk again after cutting a suffix off: every shorter end too;
    # and before a final line break, where "$" matches too
    for end in range(len(text) + 1):
        for part in (text[:end], text[:end] + "\n"):
            assert spans(suffix, infix, part) == spans(plain_suffix, plain_infix, part)


@pytest.mark.parametrize(
    ("pieces", "texts"),
    [
        # "$" ends only the last branch of a piece with a "|" of its own: "a" matches anywhere
        (["a|b", ","], ["xa,", "b", "ab", "ba", "x,"]),
        # "\w+" may end with any letter: it is tried whatever the last character
        ([r"\w+", ","], ["word,", "word", "x", ",,"]),
        # may end with nothing it consumes: tried everywhere
        ([r"x?", "y"], ["y", "xy", "z", "yx"]),
        ([r"(?:ab)+", r"b+"], ["abab", "xb", "bbb", "ba"]),
        # a line break of its own, and pieces that may match nothing, before and at a final "\n"
        ([r"\n", ",", r"x?"], ["a,\n", "\n", ",\n\n", "", "x\n", ",", "a"]),
        ([r"(?<=,)", "km"], ["10km\n", ",\n", "", "\n", ","]),
    ],
)
def test_pieces_it_cannot_read_for_certain_are_tried_everywhere(pieces, texts):
    suffix = _affixes.suffix_search(pieces)
    assert isinstance(suffix.__self__, _affixes._SuffixSearch)
    plain = re.compile("|".join(p + "$" for p in pieces)).search
    for text in texts:
        ours, theirs = suffix(text), plain(text)
        assert (ours.span() if ours else None) == (theirs.span() if theirs else None), text


@pytest.mark.parametrize(
    ("pieces", "suffix_too"),
    [
        (["(a)b", ","], True),  # a capturing group: its number would shift in a smaller expression
        (["(?i)k", ","], True),  # a global flag: it applies to the whole joined expression
        ([r"\w", ","], False),  # an infix that may start with any letter
        (["x*"], False),  # an infix that may match the empty string
        ([], True),  # spaCy's "" matches everywhere
    ],
)
def test_pieces_it_cannot_read_leave_the_plain_expressions(pieces, suffix_too):
    infix, suffix = _affixes.infix_finditer(pieces), _affixes.suffix_search(pieces)
    assert isinstance(infix.__self__, re.Pattern)
    assert isinstance(suffix.__self__, re.Pattern) or not suffix_too
    plain_infix = re.compile("|".join(pieces)).finditer
    plain_suffix = re.compile("|".join(p + "$" for p in pieces)).search
    for text in ["K,", "abk", "x, y", ""]:
        assert spans(suffix, infix, text) == spans(plain_suffix, plain_infix, text)


def test_without_re_s_parser_the_plain_expressions_are_used(monkeypatch, searchers):
    suffix_pieces, infix_pieces = searchers[0].__self__._pieces, searchers[1].__self__._pieces
    monkeypatch.setattr(_affixes, "_PARSER", None)
    suffix, infix = _affixes.suffix_search(suffix_pieces), _affixes.infix_finditer(infix_pieces)
    assert isinstance(suffix.__self__, re.Pattern)
    assert isinstance(infix.__self__, re.Pattern)
    assert suffix.__self__.pattern == searchers[0].__self__.pattern
    assert infix.__self__.pattern == searchers[1].__self__.pattern
    for case in CASES:
        assert spans(suffix, infix, case["text"]) == spans(*searchers[:2], case["text"])


def _sample_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.iterdir()) if path.is_file()]


def _tokens(tokenizer, text):
    return [(t.text, t.whitespace_) for t in tokenizer(text)]


def test_sample_postings_are_tokenized_as_with_the_plain_expressions():
    from spacy.tokenizer import Tokenizer

    tokenizer = make_nlp().tokenizer
    # a tokenizer loaded back from bytes has spaCy's plain compiled expressions
    plain = Tokenizer(make_nlp().vocab).from_bytes(tokenizer.to_bytes())
    assert isinstance(plain.suffix_search.__self__, re.Pattern)
    assert isinstance(plain.infix_finditer.__self__, re.Pattern)
    assert not isinstance(tokenizer.suffix_search.__self__, re.Pattern)
    texts = _sample_texts()
    assert len(texts) >= 30
    for text in texts:
        assert _tokens(tokenizer, text) == _tokens(plain, text)
    text = "Node.js/Express, C#/.NET and C++17/20 (5kg., 10km) e.g. 37°C... James’s"
    assert tokenizer.explain(text) == plain.explain(text)


def test_the_tokenizer_saves_and_pickles_with_its_searchers():
    from spacy.lang.en import English
    from spacy.util import compile_infix_regex

    nlp = make_nlp()
    saved = srsly.msgpack_loads(nlp.tokenizer.to_bytes(exclude=["vocab"]))
    assert saved["suffix_search"] == nlp.tokenizer.suffix_search.__self__.pattern
    infixes = [*(English.Defaults.infixes or []), r"(?<=[+#0-9])/(?=[\w.])"]
    assert saved["infix_finditer"] == compile_infix_regex(infixes).pattern

    copy = pickle.loads(pickle.dumps(nlp))
    assert isinstance(copy.tokenizer.suffix_search.__self__, _affixes._SuffixSearch)
    assert isinstance(copy.tokenizer.infix_finditer.__self__, _affixes._InfixFinditer)
    loaded = make_nlp().from_bytes(nlp.to_bytes())
    text = _sample_texts()[0]
    for other in (copy, loaded):
        assert _tokens(other.tokenizer, text) == _tokens(nlp.tokenizer, text)
