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


# What ``split`` decided before it remembered words: every candidate pattern over the whole text,
# then ``pieces`` for each token a hit falls in. The remembered verdicts must cut exactly as this.
def _split_by_scanning(splitter: GlueSplitter, doc, text: str) -> list[str]:
    from bisect import bisect_right

    from jobmatch.glue import _CANDIDATE_RES

    starts = [token.idx for token in doc]
    hits = [m.start() - back for pattern, back in _CANDIDATE_RES for m in pattern.finditer(text)]
    hits += [m.start() for m in splitter._header_re.finditer(text)]
    cut = {}
    for i in {bisect_right(starts, hit) - 1 for hit in hits}:
        after = doc[i + 1].text if i + 1 < len(doc) else ""
        before = doc[i - 1].text if i else ""
        cut[i] = splitter.pieces(doc[i].text, before_capital=not after[:1].islower(), before=before, after=after)
    return [word for i, token in enumerate(doc) for word in cut.get(i, [token.text])]


def _assert_split_as_scanning(patterns, text: str) -> list[str]:
    expected = _split_by_scanning(patterns.glue, patterns.tokenize(text), text)
    copy = patterns.glue.split(patterns.tokenize(text), text, in_place=False)
    in_place = patterns.glue.split(patterns.tokenize(text), text, in_place=True)
    for doc in (copy, in_place):
        assert [t.text for t in doc] == expected, text
        assert doc.text == text  # every character, every space, where it was
        assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)
    assert [t.whitespace_ for t in copy] == [t.whitespace_ for t in in_place]
    return expected


def _scraped_texts() -> list[str]:
    texts = [case["text"] for case in CASES]
    for path in sorted(SAMPLES.glob("*.txt")) + sorted(SAMPLES.glob("*.md")):
        if path.name != "README.md":
            body = path.read_text(encoding="utf-8")
            texts += [body, body.replace("\n", "")]  # as written, and with its line breaks lost
    return texts


def test_remembered_words_are_cut_as_a_scan_of_the_whole_text_cuts_them(extractor):
    patterns = extractor._patterns
    texts = _scraped_texts()
    first = [_assert_split_as_scanning(patterns, text) for text in texts]
    # a second pass, every word now known: the same cuts
    assert [_assert_split_as_scanning(patterns, text) for text in texts] == first
    assert sum(len(words) for words in first) > sum(len(patterns.tokenize(t)) for t in texts)  # some were cut


@pytest.mark.parametrize(
    ("text", "whole", "cut"),
    [
        # a bullet dragged along, unless a mark glued after it shows it is no block's end
        ("Kafka, Redis and Kafka• Who we are", [], ["Kafka", "•"]),
        ("Kafka, Redis and Kafka•' quoted", ["Kafka•"], []),
        ("We run Kubernetes- Docker too", [], ["Kubernetes", "-"]),
        ("We run Kubernetes-… and more", ["Kubernetes-"], []),
        # the same word before a capital and before a lower-case word ("food- and drink")
        ("Spark)- Write the code", [], ["Spark", ")", "-"]),
        ("Spark)- write the code", ["Spark)-"], []),
        # a piece that completes a two-word form with the word before, and the same word without it
        ("We do IT ConsultingInsights daily", [], ["Consulting", "Insights"]),
        ("We do ConsultingInsights daily", ["ConsultingInsights"], []),
        ("Dashboards in Power BIReports", [], ["BI", "Reports"]),
        ("Dashboards in BIReports", ["BIReports"], []),
    ],
)
def test_a_remembered_word_is_still_cut_by_its_neighbours(extractor, text, whole, cut):
    patterns = extractor._patterns
    for _ in range(2):  # as first seen, then as remembered
        words = _assert_split_as_scanning(patterns, text)
        assert all(word in words for word in whole + cut), words


def test_a_small_table_of_plain_words_changes_nothing_but_speed(monkeypatch, extractor):
    from jobmatch import glue

    # four slots for every word no context could cut, and verdicts forgotten every few words:
    # most words then collide or are decided again
    monkeypatch.setattr(glue, "_PLAIN_BITS", 2)
    monkeypatch.setattr(glue, "_MEMO_LIMIT", 7)
    glue._MEMOS.pop(extractor._patterns.glue, None)
    try:
        for text in _scraped_texts()[:40]:
            _assert_split_as_scanning(extractor._patterns, text)
    finally:
        glue._MEMOS.pop(extractor._patterns.glue, None)  # the full-size table again for later tests


def test_what_split_learns_stays_out_of_the_splitter_state(extractor):
    splitter = extractor._patterns.glue
    before = dict(vars(splitter))
    text = "Company type:PrivateTechnologiesjava python terraformJob descriptionWe are growing"
    extractor._patterns.unglue(extractor._patterns.tokenize(text), text)
    assert vars(splitter) == before  # the pattern cache keeps the same entry


def test_a_splitter_that_is_dropped_takes_what_it_learnt_along(extractor):
    import gc

    from jobmatch import glue

    splitter = GlueSplitter(["CircleCI", "Jenkins"], headers=["Skills"])
    text = "CI with Jenkins and CircleCIUses testing"
    doc = splitter.split(extractor._patterns.tokenize(text), text, in_place=False)
    assert [t.text for t in doc][-3:] == ["CircleCI", "Uses", "testing"]
    assert splitter in glue._MEMOS
    held = len(glue._MEMOS)
    del splitter
    gc.collect()
    assert len(glue._MEMOS) == held - 1


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from([*_PARTS, "'", "…", "IT", "Consulting", "Insights", "Power", "BI", "Reports", "a"]), max_size=30
    )
)
def test_any_glued_text_is_cut_as_a_scan_of_the_whole_text_cuts_it(extractor, parts):
    _assert_split_as_scanning(extractor._patterns, "".join(parts))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(["Skills", "Experienced", "java", "d", "S", "QL", ")", "-", "•", ".", "É", "é", "1"]),
        min_size=1,
        max_size=5,
    )
)
def test_a_word_plain_at_a_glance_has_no_cut_beside_any_neighbours(extractor, parts):
    from jobmatch.glue import _memo

    word = "".join(parts)
    memo = _memo(extractor._patterns.glue)
    if memo._uncuttable(word):
        assert not memo._cuttable(word)
        for before, after in (("", ""), ("IT", "Who"), ("Spring", "skills")):
            assert extractor._patterns.glue.pieces(word, before=before, after=after) == [word]
