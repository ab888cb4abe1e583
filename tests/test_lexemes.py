"""The pipeline SkillExtractor builds for itself works out only the lexical attributes jobmatch
reads (``patterns._keep_read_attributes``): the same results as with every attribute, and users'
pipelines untouched."""

from __future__ import annotations

import ast
import json
import pickle

import pytest
import spacy
from conftest import CASES, ROOT, SAMPLES
from spacy.attrs import IDS

from jobmatch import Posting, SkillExtractor, load_postings

# the modules that read the internal pipeline's tokens (``reading`` works on the text alone)
_TOKEN_READERS = ("extract.py", "patterns.py", "glue.py", "component.py")

TRICKY = [
    # glued blocks, split by glue.py on the pipeline's own tokens
    "Skills Required: Java Unix XML SQLSkills Desired: Spring BootMicroservices",
    "Experience with JavaScriptIf you are curious, TechnologiesPython and CircleCIUses",
    # ambiguous names: cues, lists, blockers, shouting, versions
    "C-level executives; head chef wanted; Java the island; go live next week; AWS D1.1 welding.",
    "SKILLS: C, PYTHON, GO. Scripting BASH, Ruby. The SWIFT network and Swift 5.",
    "Experience with Go or Rust; Spring 5, React or other modern web frameworks (a plus).",
    "python r sql; java, spring, react; Chef, Puppet, etc.; Exchange and Outlook",
    # numbers, URLs, e-mail, non-ASCII, quotes, brackets: the attributes no longer worked out
    "5+ years (2019–2024) of C++17/20, C#/.NET and Node.js/Express; see https://x.example/jobs?id=42",
    "Contact jobs@example.com — “Kubernetes” and ‘k8s’ £60,000–£70,000 Köln, São Paulo, 東京 ¡Sí! R.",
    "Requirements:\n• 3+ yrs Terraform\n• SQL (6 years), R (3 years)\n\nNice to have: Go.",
]


def _lexical_names() -> dict[int, str]:
    names: dict[int, str] = {}
    for name, attr in IDS.items():
        names.setdefault(attr, name)
    return names


def _case_texts() -> list[str]:
    texts = []
    for path in sorted(CASES.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else {}
            if isinstance(row.get("text"), str):
                texts.append(row["text"])
    return texts


@pytest.fixture(scope="module")
def texts() -> list[str]:
    samples = [p.text for p in load_postings([str(SAMPLES)]) if isinstance(p, Posting)]
    return [*samples, *_case_texts(), *TRICKY]


@pytest.fixture(scope="module")
def full_extractor(extractor):
    """A SkillExtractor whose vocab works out every attribute, as a user's pipeline does."""
    from jobmatch import extract

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(extract, "_compiled", lambda taxonomy: extract._build_pipeline(taxonomy, every_attribute=True))
        full = SkillExtractor()
    assert full._finder is not extractor._finder
    return full


def _getters(nlp) -> set[int]:
    return set(nlp.vocab.lex_attr_getters)


def test_the_internal_pipeline_works_out_every_attribute_its_patterns_name(extractor):
    from jobmatch.patterns import _READ_BY_CODE, make_nlp

    kept, every = _getters(extractor._finder.nlp), _getters(make_nlp())
    named = set()
    for pattern in extractor._patterns._blocker_patterns:  # what the pipeline's Matcher holds
        for spec in pattern:
            named |= {IDS["ORTH" if key == "TEXT" else key] for key in spec if key in IDS or key == "TEXT"}
    assert named & every, "the blockers name lexical attributes: IS_ALPHA, IS_TITLE, LOWER"
    assert (named | {IDS[name] for name in _READ_BY_CODE}) & every <= kept
    assert kept < every  # and only those: LIKE_NUM, SHAPE, NORM… are not worked out


def test_every_token_attribute_the_code_reads_is_kept(extractor):
    """An attribute read off a token (``token.is_title``, ``doc.to_array("LOWER")``) in the modules
    that see the internal pipeline's docs must be one it works out: 0 and False otherwise."""
    names = _lexical_names()
    kept = {names[attr].lower() for attr in _getters(extractor._finder.nlp)}
    lexical = {names[attr].lower() for attr in _getters(spacy.blank("en"))}
    read = set()
    for module in _TOKEN_READERS:
        tree = ast.parse((ROOT / "jobmatch" / module).read_text(encoding="utf-8"))
        calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
        called = {id(call.func) for call in calls}
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and id(node) not in called and node.attr.rstrip("_") in lexical:
                read.add(node.attr.rstrip("_"))  # token.lower, token.is_punct; not "text".lower()
        for call in calls:  # doc.to_array("LOWER"), PhraseMatcher(vocab, attr="LOWER")
            to_array = isinstance(call.func, ast.Attribute) and call.func.attr == "to_array"
            named = [*(call.args if to_array else ()), *(k.value for k in call.keywords if k.arg == "attr")]
            for value in named:
                if isinstance(value, ast.Constant) and str(value.value).lower() in lexical:
                    read.add(str(value.value).lower())
    assert {"lower", "is_punct", "is_title"} <= read  # the scan sees what the gate reads
    assert read <= kept, read - kept


def test_extraction_is_the_same_with_every_attribute(extractor, full_extractor, texts):
    assert len(texts) > 100
    trimmed = [json.dumps(e.to_dict(), sort_keys=True) for e in extractor.pipe(texts)]
    full = [json.dumps(e.to_dict(), sort_keys=True) for e in full_extractor.pipe(texts)]
    for text, mine, theirs in zip(texts, trimmed, full, strict=True):
        assert mine == theirs, text[:80]
    found = {s.id for e in extractor.pipe(TRICKY) for s in e.skills}
    assert {"java", "go", "rust", "kubernetes", "r", "swift", "terraform"} <= found


def test_the_tokens_the_gate_reads_are_the_same(extractor, full_extractor, texts):
    """Token by token, the attributes jobmatch reads agree; those it does not read are not worked out."""
    for text in TRICKY + texts[:20]:
        mine, theirs = extractor._patterns.tokenize(text), full_extractor._patterns.tokenize(text)
        assert [(t.text, t.lower_, t.is_punct, t.is_title, t.is_alpha) for t in mine] == [
            (t.text, t.lower_, t.is_punct, t.is_title, t.is_alpha) for t in theirs
        ]
    fresh = extractor._patterns.tokenize("zq4071 Qwxyzzy")  # words this process has not met
    assert [t.like_num for t in fresh] == [False, False] and fresh[1].is_title
    assert full_extractor._patterns.tokenize("zq4072 Qwxyzzz")[1].shape_ == "Xxxxx"


def test_users_pipelines_keep_every_attribute(extractor):
    from jobmatch.patterns import make_nlp

    assert len(_getters(extractor._finder.nlp)) < len(_getters(spacy.blank("en")))
    own = make_nlp()
    theirs = spacy.blank("en")
    theirs.add_pipe("jobmatch_skills")
    for nlp in (own, theirs):
        assert _getters(nlp) == _getters(spacy.blank("en"))
        doc = nlp("We need 42 engineers for https://example.com now")
        assert doc[2].like_num and doc[0].shape_ == "Xx" and doc[4].is_stop and doc[-2].like_url


def test_the_pattern_cache_serves_both_vocabs(taxonomy, extractor):
    """The compiled patterns are LOWER hashes: the same whichever attributes the vocab works out,
    so one cache entry (keyed by taxonomy, rules and spaCy) is right for both."""
    import numpy as np

    from jobmatch.patterns import _keep_read_attributes, build_patterns, make_nlp

    trimmed = make_nlp()
    _keep_read_attributes(trimmed)
    a = build_patterns(taxonomy, trimmed, cache=False).compiled
    b = build_patterns(taxonomy, make_nlp(), cache=False).compiled
    assert (a.key, a.labels, a.entries) == (b.key, b.labels, b.entries)
    for name in ("label_of", "offsets", "words", "word_of"):
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    assert a.key == extractor._patterns.compiled.key


def test_the_internal_component_pickles_and_saves(extractor):
    text = "Requirements: 5+ years of Python and k8s. Go or Rust a plus; C-level reporting."
    expected = sorted((m.start, s.id) for s in extractor.extract(text).skills for m in s.mentions)
    nlp = extractor._finder.nlp
    copy = pickle.loads(pickle.dumps(nlp))
    assert _getters(copy) == _getters(nlp)
    found = copy(text)
    spans = [(s.kb_id_, s.start_char) for s in found.spans["skills"]]
    assert spans == [(sid, start) for start, sid in expected]
    # its bytes load into a user's pipeline, which keeps every attribute and finds the same
    theirs = spacy.blank("en")
    theirs.add_pipe("jobmatch_skills").from_bytes(extractor._finder.to_bytes())
    doc = theirs(text)
    assert [(s.kb_id_, s.start_char) for s in doc.spans["skills"]] == spans
    assert [t.text for t in doc if t.like_num] == ["5"]
