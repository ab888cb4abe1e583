"""A posting's language (tests/cases/languages.jsonl): named when it is not English, what can be read kept."""

from __future__ import annotations

from collections import Counter

import pytest
from click.testing import CliRunner
from conftest import load_cases

from jobmatch.cli import cli
from jobmatch.language import _LANGUAGES_OF, _WORD_RE, _counts, detect_language

CASES = load_cases("languages.jsonl")


@pytest.mark.parametrize("case", CASES, ids=[c["why"] for c in CASES])
def test_the_language_is_told_and_the_tool_names_still_found(extractor, case):
    extraction = extractor.extract(case["text"])
    assert extraction.language == case["language"]
    found = extraction.ids | set().union(*(extractor.taxonomy.implied(i) for i in extraction.ids))
    assert set(case["present"]) <= found, sorted(set(case["present"]) - found)


def test_the_detector_needs_words_enough_to_tell():
    assert detect_language("") is None
    assert detect_language("Python Kubernetes Terraform " * 20) is None  # names alone say nothing
    german = next(c["text"] for c in CASES if c["language"] == "de")
    assert detect_language(german) == "de"
    assert detect_language(german[:60]) is None


@pytest.mark.parametrize(
    "text",
    [
        *(case["text"] for case in CASES),
        "Wir suchen für unser Team über 5Jahre Erfahrung_mit Python3; l'équipe, d’être très motivé.",
        "Vous êtes motivé(e)s? Nous cherchons des développeurs/développeuses pour notre équipe² à Paris Ⅻ.",
        "🚀 We're hiring!!! The role: build the API—and the docs…with our team (remote/hybrid) 中文 ١٢٣ the2the",
        "",
    ],
)
def test_the_words_counted_from_tokens_are_the_runs_of_letters(text):
    """Words are counted from whitespace-parted tokens (a token of letters is one word); glued
    words, digits, underscores, apostrophes, numerals that are not digits ("²", "Ⅻ"), other scripts
    and emoji must count as the runs of letters do, each language's words among them too."""
    words = _WORD_RE.findall(text.lower())
    by_language = Counter(lang for word in words for lang in _LANGUAGES_OF.get(word, ()))
    assert _counts(text.lower()) == (len(words), by_language)


@pytest.mark.parametrize("command", [["extract", "--format", "json"], ["match", "--format", "json", "--profile"]])
def test_the_cli_warns_once_naming_the_language(tmp_path, command):
    from conftest import SAMPLES

    french = next(c["text"] for c in CASES if c["language"] == "fr")
    english = next(c["text"] for c in CASES if c["language"] == "en")
    (tmp_path / "fr.txt").write_text(french, encoding="utf-8")
    (tmp_path / "en.txt").write_text(english, encoding="utf-8")
    if command[-1] == "--profile":
        command = [*command, str(SAMPLES / "profiles" / "backend-java.toml")]
    result = CliRunner().invoke(cli, [*command, str(tmp_path / "fr.txt"), str(tmp_path / "en.txt")])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert warnings == [f"jobmatch: warning: {tmp_path / 'fr.txt'}: written in French, not English; only names of "
                        "tools and skills were read"]  # fmt: skip
    assert "typescript" in result.stdout  # what could be read is kept
