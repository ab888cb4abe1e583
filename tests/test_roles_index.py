"""Roles read from running text, and the first-word index finding role phrases exactly where one
case-insensitive regex of them all would."""

from __future__ import annotations

import re
import string

import pytest
from conftest import load_cases
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from jobmatch import roles
from jobmatch.roles import load_roles

TEXTS = load_cases("roles_text.jsonl")


@pytest.mark.parametrize("case", TEXTS, ids=[c["why"] for c in TEXTS])
def test_the_role_a_text_names(case):
    assert list(load_roles().in_text(case["text"])) == case["roles"]


def test_a_title_that_is_a_sentence_gives_way_to_the_text():
    text = "We are hiring a Front-End Developer for our booking pages."
    assert load_roles().of_posting("We are growing our team.", text) == ("frontend_developer",)
    assert load_roles().of_posting("Data Scientist", text) == ("data_scientist",)


def test_only_the_window_is_read():
    text = "Welcome to our company. " * 20 + "We are hiring a Data Scientist."
    assert load_roles().in_text(text) == ("data_scientist",)
    assert load_roles().in_text(text, window=100) == ()


def test_a_title_is_read_to_its_200th_character():
    assert load_roles().in_title("x" * 190 + " Data Scientist") == ()
    assert load_roles().in_title("x" * 180 + " Data Scientist") == ("data_scientist",)


@pytest.mark.parametrize(
    "name", ["front end developer", "FRONTEND-DEVELOPER", "Front_End Developer", "frontend_developer"]
)
def test_a_role_is_resolved_however_its_name_is_written(name):
    assert (role := load_roles().resolve(name)) is not None and role.id == "frontend_developer"


def test_folding_is_what_ignorecase_compares():
    every = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)
    folded = roles._fold(every)
    assert len(folded) == len(every)
    # every character re.IGNORECASE matches to an ASCII letter or digit folds to it ("İ", "ı", "ſ", the Kelvin sign)
    for m in re.finditer(r"[a-z0-9]", every, re.IGNORECASE):
        assert folded[m.start()] in string.ascii_lowercase + string.digits
        assert re.fullmatch(folded[m.start()], m.group(), re.IGNORECASE)
    # and folding changes nothing the word edges, separators and words look at
    for kind in (r"[^\W_]", r"[\w+#]", r"[\s_]", r"[\s\-]", r"\."):
        assert [m.start() for m in re.finditer(kind, every)] == [m.start() for m in re.finditer(kind, folded)], kind


# Phrases of letters that fold oddly (i, s, k), digits and the punctuation titles hold, and texts that
# write them in other cases and separators, glue on what blocks a word edge (+, #, .js, _) and mix in
# letters that casefold unusually.
_WORD = st.text(alphabet="iskaISK19", min_size=1, max_size=3)
_JOIN = st.sampled_from([" ", " ", "-", "-", ".", "#", "+", "/", " & ", "++"])
_REWRITE = st.sampled_from(
    [("-", ""), ("-", ""), ("-", " "), (" ", "_"), (" ", "\n "), ("s", "ſ"), ("i", "İ"), ("k", "K")]
)
_NOISE = st.sampled_from(
    ["", " ", "  ", "-", "--", "_", ".", ".js", "#", "+", "s", "/", ",", "\t", "İ", "ı", "ſ", "ß", "ﬁ", "é"]
)


@st.composite
def _phrase(draw) -> str:
    words = draw(st.lists(_WORD, min_size=1, max_size=3))
    phrase = words[0] + "".join(draw(_JOIN) + w for w in words[1:])
    return draw(st.sampled_from(["", "", "", ".", "#"])) + phrase + draw(st.sampled_from(["", "", "", "#", "++", "-x"]))


@st.composite
def _case(draw, more: tuple[str, ...] = ()) -> tuple[list[str], str]:
    """Phrases, and a text of them (and of ``more``) rewritten and glued to noise."""
    phrases = draw(st.lists(_phrase(), min_size=1, max_size=6))
    pieces = []
    for _ in range(draw(st.integers(1, 8))):
        piece = draw(st.sampled_from(phrases + list(more)))
        for old, new in draw(st.lists(_REWRITE, max_size=3)):
            piece = piece.replace(old, new)
        pieces.append(draw(_NOISE) + piece + draw(_NOISE))
    return phrases, "".join(pieces)


def _by_index(phrases: list[str], text: str, then: str | None = None) -> list[tuple[int, int]]:
    index = roles._Phrases(phrases, then=then)
    return list(index.finditer(roles._Words(text, index.words)))


def _by_regex(phrases: list[str], text: str, then: str = roles._WORD_EDGE_R) -> list[tuple[int, int]]:
    return [m.span() for m in roles._compile(phrases, then).finditer(text)]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_case())
@example((["front-end", "front end dev", "end"], "Frontend_dev front  end dev FRONT-END.js front-ends end"))
@example((["c#", "c++", "c", ".net", "c/c++"], "c#, c++ c/c++ c#x vb.net .net .NETs C+ +c c_"))
@example((["si", "sk-i"], "ſi İS Sİ sı SKİ sk i"))
def test_the_index_finds_what_the_whole_regex_finds(case):
    phrases, text = case
    assert _by_index(phrases, text) == _by_regex(phrases, text)


# the adjacent qualifier + head pattern's tail: up to two words, then a head noun
_HEADS = roles._alternation(["sk", "ia lead", "k-1"])
_TAIL = r"(?:[\s/,&+-]+[\w.#+]+){0,2}?[\s/,&+-]+(?:" + _HEADS + ")" + roles._WORD_EDGE_R


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_case(more=(" sk", ", sk", " ia lead", "/k1", " a b sk", " a b c sk", "ia-lead", "k-1")))
@example((["a", "a sk"], "a sk sk"))  # the longer qualifier first, though the shorter one's head comes sooner
@example((["a-b", "a"], "ab sk a b sk a-b 1 2 3 sk"))
def test_a_qualifier_then_a_head_is_found_as_the_whole_regex_finds_it(case):
    phrases, text = case
    assert _by_index(phrases, text, then=_TAIL) == _by_regex(phrases, text, then=_TAIL)


@pytest.mark.parametrize(
    ("phrases", "text"),
    [
        ([" lead", "x"], "the  lead x"),  # a leading space: not a word to look up
        (["-ops", "x"], "ops x -ops"),  # a leading hyphen may be left out
        (["ärztin", "x"], "ÄRZTIN x"),  # not ASCII
        ([], "a , b"),  # no phrases: the empty alternative matches between non-words, as the regex did
    ],
)
def test_phrases_the_index_cannot_take_are_found_by_the_whole_regex(phrases, text):
    assert _by_index(phrases, text) == _by_regex(phrases, text)
    assert _by_index(phrases, text) or not phrases


CUES = ["hiring", "looking for", "seeking", "searching for", "recruiting", "to hire", "join Acme Retail as",
        "as a", "as our", "role of", "position of", "position as", "we need a", "vacancy for a", "opportunity for a",
        "opening for a", "you will be a", "you'll be our"]  # fmt: skip


@pytest.mark.parametrize("cue", CUES)
def test_every_hiring_cue_in_any_case_names_the_job(cue):
    for written in (cue, cue.upper(), cue.title()):
        text = f"{written} Data Scientist to model our prices. The Data Engineer builds pipelines for the team."
        assert load_roles().in_text(text) == ("data_scientist",), written  # counted, the engineer would win
