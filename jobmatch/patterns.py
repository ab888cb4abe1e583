"""Taxonomy → spaCy patterns, and the ambiguity gate that decides which matches count.

Two kinds of surface form come out of the taxonomy:

* plain forms ("Kubernetes", "k8s", "scikit-learn") go to a PhraseMatcher on ``LOWER``: they count
  wherever they appear;
* ambiguous forms ("Go", "R", "Spark", "Excel") go to a PhraseMatcher on ``ORTH``, as written and in
  capitals (and in lower case, except one- and two-letter forms). They count only with evidence from
  the context: a neighbouring skill in a list ("Python, Go and Rust"), a cue before ("experience
  with Go"), a tech noun or version after ("Go services", "Spring 5"). Token patterns (spaCy
  ``Matcher``) from ``context.json`` block ordinary phrases ("C-level", "go live", "pension scheme").

Overlapping matches resolve longest first, so "Objective-C" hides "C" and "Apache Spark" hides nothing.

Compiling turns each of the taxonomy's 35,000 forms into the ``LOWER`` hashes of its tokens. Forms
of plain words ("amazon web services", "amazon-web-services") are split the way the tokenizer
would split them, without it; only the rest ("node.js", "C++17", "5 Whys") go through the
tokenizer, in one batch. The hashes are kept as arrays in the user's cache (``_cache``), and the
PhraseMatcher is built from them: for a first text, only of the patterns whose every word that
text holds; the whole one from the second text on.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING, Any, cast

from . import _affixes, _cache
from .glue import GLUE_FORMAT, GlueSplitter
from .taxonomy import Taxonomy, data_path

if TYPE_CHECKING:
    import numpy as np
    from spacy.language import Language
    from spacy.matcher import Matcher, PhraseMatcher
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

__all__ = ["SkillPatterns", "build_patterns", "make_nlp"]

# Kinds of match: a plain form; an ambiguous name as written ("Go"); in lower case ("go"); in
# capitals though written otherwise ("SWIFT" for "Swift"); an everyday phrase in any case ("testing").
_PLAIN, _CASED, _LOWER, _SHOUT, _PHRASE = 0, 1, 2, 3, 4
_BULLETS = frozenset({"-", "•", "*", "–", "·", "‣", "▪", "o"})
_ETC = frozenset({"etc", "etc.", "…", "...", "&c"})
_VERSION_RE = re.compile(r"^v?\d{1,2}(\.\d+)*\+?$")
# (skill id, surfaces → kind for ambiguous forms or None for plain ones, flag); the flag is
# "one-letter form" for ambiguous ones and "checked against the blockers" for plain ones.
_Key = tuple[str, "dict[str, int] | None", bool]
# a match in a doc: (start token, end token, skill id, kind, flag)
_Span = tuple[int, int, str, int, bool]
_URL_RE = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)\S+$", re.IGNORECASE)
# distinct chunks the tokenizer keeps tokenized (spaCy's default of 10,000 fills within a few hundred postings)
_CHUNK_CACHE = 250_000
# a run of this many characters without white space is no prose (a data blob, a line of dashes):
# it is kept as one token, since spaCy peels affixes off a chunk one at a time, copying the rest
_LONG_RUN = 200
_LONG_RUN_RE = re.compile(rf"\S{{{_LONG_RUN},}}")
# words the tokenizer leaves whole or splits only at their hyphens: ASCII letters, hyphens between
_PLAIN_FORM_RE = re.compile(r"[A-Za-z]+(?:[ -][A-Za-z]+)*")
_TOKENIZER = "jobmatch.tokenizer.v1"


def make_nlp() -> Language:
    """spaCy's blank English pipeline, its tokenizer taught three things postings need.

    A slash splits after digits, "+" and "#" too ("C++17/20", "C#/.NET"); a final period splits
    after any letter or digit ("Objective-C.", "Unity3D.", "in R."), where spaCy keeps it after
    capitals as if the word were an initial; and web addresses need a scheme or "www." to stay
    whole, where spaCy took "Node.js/Express" for one.
    """
    import spacy

    _register_tokenizer()
    return spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": _TOKENIZER}}})


# The lexical attributes jobmatch's own code reads (ORTH and LENGTH aside: every lexeme has them,
# no getter makes them): LOWER, the attribute of the PhraseMatcher, the compiled patterns and the
# gate's words; IS_PUNCT and IS_TITLE, read off tokens by the gate (``_Gate``, ``_flags``).
_READ_BY_CODE = ("LOWER", "IS_PUNCT", "IS_TITLE")
# Matcher pattern keys that name no lexical attribute of their own: TEXT is ORTH, as spaCy reads it
_PATTERN_KEYS = {"TEXT": "ORTH"}


def _keep_read_attributes(
    nlp: Language, patterns: Iterable[Sequence[Mapping[str, Any]]] | None = None
) -> tuple[str, ...]:
    """Have ``nlp``'s vocab work out, for each word it meets first, only the lexical attributes
    jobmatch reads: those its code reads (``_READ_BY_CODE``) and every token attribute named in
    the Matcher ``patterns`` the pipeline holds (by default the blockers of ``context.json``, which
    ``SkillPatterns`` adds: IS_ALPHA, IS_TITLE, LOWER…; a taxonomy brings forms only, matched on
    LOWER, never token patterns). Returns the names of those kept.

    spaCy's blank English works out 23 for each new word (LIKE_NUM, SHAPE, NORM, IS_STOP, LIKE_URL…):
    a new lexeme costs 13.5 microseconds with them all, 3.4 with these four, and a fresh process
    meets some 29,000 new words in 1,200 postings. Lexemes made before keep all theirs; those made
    after have 0 and False for the rest (``Token.like_num`` is False for "42", ``norm_`` empty).

    Only for the pipeline ``SkillExtractor`` builds for itself (``extract._compiled``), whose docs
    never leave jobmatch: ``make_nlp()`` as users call it, and the ``jobmatch_skills`` component
    in their pipelines, keep every attribute. A Matcher pattern added to that pipeline must come
    through here: its attributes would read as 0 and False otherwise (tests/test_lexemes.py holds
    the pipeline to this). The compiled patterns are LOWER hashes alone, the same with either
    vocab: the pattern cache serves both.
    """
    from spacy.attrs import IDS

    if patterns is None:
        patterns = [rule["pattern"] for rule in _load_context()["blockers"]]
    wanted = {IDS[name] for name in _READ_BY_CODE}
    for pattern in patterns:
        for spec in pattern:
            for key in spec:
                name = key.upper()
                attr = IDS.get(_PATTERN_KEYS.get(name, name))
                if attr is not None:  # OP, "_" (extensions): no attribute of a token
                    wanted.add(attr)
    vocab = cast("Any", nlp.vocab)
    # a dict of its own (spaCy makes one a vocab; this one must not thin another's)
    vocab.lex_attr_getters = {attr: get for attr, get in vocab.lex_attr_getters.items() if attr in wanted}
    names: dict[int, str] = {}
    for name, attr in IDS.items():
        names.setdefault(attr, name)
    return tuple(names.get(attr, str(attr)) for attr in vocab.lex_attr_getters)


@lru_cache(maxsize=1)
def _register_tokenizer() -> None:
    # Registered with spaCy's registry and named in the config, the tokenizer is built once, whole:
    # setting rules on the default tokenizer afterwards reloads its special cases every time.
    # (The package's spacy_tokenizers entry point registers it too, for spacy.load of a saved pipeline.)
    import spacy

    spacy.registry.tokenizers.register(_TOKENIZER, func=create_tokenizer)


def create_tokenizer() -> Callable[[Language], Tokenizer]:
    """spaCy's registered ``jobmatch.tokenizer.v1``: jobmatch's tokenizer for a pipeline (``make_nlp``)."""

    def make(nlp: Language) -> Tokenizer:
        return _make_tokenizer(nlp.vocab)

    return make


def _make_tokenizer(vocab: Vocab) -> Tokenizer:
    """jobmatch's tokenizer (see ``make_nlp``) over ``vocab``, with English rules whatever the pipeline."""
    from spacy.tokenizer import Tokenizer

    rules, prefix_search, suffix_search, infix_finditer, token_match = _tokenizer_rules()
    return Tokenizer(
        vocab,
        rules=rules,
        prefix_search=prefix_search,
        suffix_search=suffix_search,
        infix_finditer=infix_finditer,
        token_match=token_match,
        url_match=_URL_RE.match,
        max_cache_size=_CHUNK_CACHE,
    )


@lru_cache(maxsize=1)
def _tokenizer_rules() -> tuple[dict, Callable, Callable, Callable, Callable | None]:
    """The exceptions and compiled affix rules of jobmatch's tokenizer, made once per process."""
    from spacy.lang.en import English
    from spacy.util import compile_prefix_regex

    defaults = English.Defaults
    # spaCy types the pieces as strings or compiled expressions; English's are all strings
    infixes = [*cast("list[str]", defaults.infixes or []), r"(?<=[+#0-9])/(?=[\w.])"]
    suffixes = [*cast("list[str]", defaults.suffixes or []), r"(?<=[A-Za-z0-9+#])\."]
    # spaCy's white-space exceptions (" ", "\n", "\xa0"…) give the very tokens the rules give
    # anyway, but meeting one stops the chunk cache for the rest of a text: scraped postings,
    # a line break in every few words, then tokenized at half speed.
    rules = {k: v for k, v in (defaults.tokenizer_exceptions or {}).items() if not k.isspace()}
    return (
        rules,
        compile_prefix_regex(defaults.prefixes or []).search,
        # spaCy's compile_suffix_regex(suffixes).search and compile_infix_regex(infixes).finditer,
        # the same matches found 2-10x cheaper: most of a posting's words are new to a process
        _affixes.suffix_search(suffixes),
        _affixes.infix_finditer(infixes),
        defaults.token_match,
    )


def _tokenizer(nlp: Language) -> Tokenizer:
    """jobmatch's tokenizer for ``nlp``: its own when it has it, else a new one over its vocab."""
    if _uses_own_tokenizer(nlp):
        # spaCy types nlp.tokenizer as any callable; this config makes it a Tokenizer
        tokenizer = cast("Tokenizer", nlp.tokenizer)
        _cheap_affixes(tokenizer)
        return tokenizer
    return _make_tokenizer(nlp.vocab)


def _cheap_affixes(tokenizer: Tokenizer) -> None:
    """Give a tokenizer loaded back (``spacy.load``, ``from_bytes``: spaCy compiles the saved
    expressions again) the cheaper searchers of the very same rules (``_affixes``): the same
    matches, a new word split at a fraction of the cost."""
    _, _, suffix_search, infix_finditer, _ = _tokenizer_rules()
    for name, cheap in (("suffix_search", suffix_search), ("infix_finditer", infix_finditer)):
        current = getattr(tokenizer, name)
        if current != cheap and _pattern_of(current) == _pattern_of(cheap) is not None:
            setattr(tokenizer, name, cheap)


def _pattern_of(method: Any) -> str | None:
    """The expression a tokenizer's searcher stands for, as spaCy saves it (``method.__self__.pattern``)."""
    return getattr(getattr(method, "__self__", None), "pattern", None)


def _uses_own_tokenizer(nlp: Language) -> bool:
    """Whether ``nlp`` tokenizes the way jobmatch does (``make_nlp``, or a pipeline saved from one)."""
    return nlp.config["nlp"]["tokenizer"].get("@tokenizers") == _TOKENIZER


def _plain_tokens(form: str, exceptions: frozenset[str], tokenizer: Tokenizer | None = None) -> list[str] | None:
    """The tokens jobmatch's tokenizer makes of ``form``, when that is plain to see without it:
    words of ASCII letters, single spaces and hyphens between, split at both, no word a special
    case (``exceptions``: "Whys"). Given the ``tokenizer``, also words that none of its affix rules
    would cut ("k8s", "EC2"). None for anything else ("node.js", "C++17"): the tokenizer reads it."""
    if _PLAIN_FORM_RE.fullmatch(form):
        words = form.split(" ")
        if exceptions and not exceptions.isdisjoint(words):
            return None
        return form.replace("-", " - ").split(" ") if "-" in form else words
    if tokenizer is None or not form.isprintable():
        return None
    out: list[str] = []
    for chunk in form.split(" "):
        if not chunk or chunk in exceptions:
            return None
        if _PLAIN_FORM_RE.fullmatch(chunk):
            out += chunk.replace("-", " - ").split(" ") if "-" in chunk else (chunk,)
        elif (
            (tokenizer.token_match and tokenizer.token_match(chunk))
            or (tokenizer.url_match and tokenizer.url_match(chunk))
            or tokenizer.prefix_search(chunk)
            or tokenizer.suffix_search(chunk)
            or next(tokenizer.infix_finditer(chunk), None)
        ):
            return None
        else:
            out.append(chunk)
    return out


@dataclass(frozen=True)
class _Rules:
    """The context rules of ``context.json``, as sets of spaCy LOWER hashes for quick lookups."""

    cues: dict[int, tuple[tuple[int, ...], ...]]
    strict_cues: dict[int, tuple[tuple[int, ...], ...]]
    phrase_cues: dict[int, tuple[tuple[int, ...], ...]]
    weak_cues: frozenset[int]
    everyday_names: frozenset[int]
    fillers: frozenset[int]
    tech_nouns: frozenset[int]
    strict_nouns: frozenset[int]
    clause_nouns: frozenset[int]
    separators: frozenset[int]
    closers: frozenset[int]
    list_heads: frozenset[int]
    predicates: dict[int, tuple[tuple[int, ...], ...]]


def _spec_may_match(spec: dict, word: str) -> bool:
    """Whether a Matcher token spec could match ``word``, judging by its text conditions only."""
    for attr, condition in spec.items():
        if attr not in ("LOWER", "ORTH", "TEXT", "NORM"):
            continue  # OP, SPACY, IS_DIGIT…: not decidable from the word, so assume it may match
        value = word.lower() if attr in ("LOWER", "NORM") else word
        if isinstance(condition, str):
            if value != condition:
                return False
        elif isinstance(condition, dict):
            if "IN" in condition and value not in condition["IN"]:
                return False
            if "NOT_IN" in condition and value in condition["NOT_IN"]:
                return False
            if "REGEX" in condition and not re.search(condition["REGEX"], value):
                return False
    return True


def _spec_words(spec: dict) -> frozenset[str] | None:
    """The words a Matcher token spec can match (in lower case for LOWER), when its text
    conditions name them; None when they do not (a regex, NOT_IN, IS_TITLE alone)."""
    for attr in ("LOWER", "ORTH", "TEXT"):
        condition = spec.get(attr)
        if isinstance(condition, str):
            return frozenset((condition,))
        if isinstance(condition, dict) and isinstance(condition.get("IN"), list):
            return frozenset(condition["IN"])
    return None


@lru_cache(maxsize=1)
def _context_text() -> str:
    return data_path("context.json").read_text(encoding="utf-8")


def _load_context() -> dict:
    return json.loads(_context_text())


def _make_rules(tokenizer: Tokenizer, context: dict) -> _Rules:
    strings = tokenizer.vocab.strings

    def phrases(name: str, *, by: int = -1) -> dict[int, tuple[tuple[int, ...], ...]]:
        # tokenized like the text and indexed by the last token, for a backwards look (or by the
        # first, ``by=0``, for a forward one)
        index: dict[int, list[tuple[int, ...]]] = {}
        for doc in tokenizer.pipe(context[name]):
            words = tuple(t.lower for t in doc)
            index.setdefault(words[by], []).append(words)
        return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}

    def words(name: str) -> frozenset[int]:
        return frozenset(strings.add(w.lower()) for w in context[name])

    strict = phrases("strict_cues")
    return _Rules(
        cues=phrases("cues"),
        strict_cues=strict,
        # everyday phrases ("testing", "staffing") need more than "in" or "using" before them
        phrase_cues={k: v for k, v in ((k, tuple(p for p in v if len(p) > 1)) for k, v in strict.items()) if v},
        weak_cues=words("weak_cues"),
        everyday_names=words("everyday_names"),
        fillers=words("fillers"),
        tech_nouns=words("tech_nouns"),
        strict_nouns=words("strict_nouns"),
        clause_nouns=words("clause_nouns") | words("strict_nouns"),
        separators=words("list_separators"),
        closers=words("list_closers") | words("tech_nouns"),
        list_heads=words("list_heads"),
        predicates=phrases("predicates", by=0),
    )


@dataclass(frozen=True, eq=False)
class _Compiled:
    """A taxonomy's patterns as the LOWER hashes of their tokens: what the PhraseMatcher is built
    from, and what the cache and a saved pipeline keep. Pattern i is the words
    ``words[word_of[offsets[i]:offsets[i + 1]]]`` under label ``labels[label_of[i]]``;
    ``entries[k]`` tells what label k's matches mean. ``words`` holds each word's hash once, sorted,
    so that the words a text holds are found by one binary search. ``key`` names the taxonomy,
    rules and spaCy version it was made for."""

    key: str
    labels: tuple[str, ...]
    entries: tuple[_Key, ...]
    label_of: np.ndarray
    offsets: np.ndarray
    words: np.ndarray
    word_of: np.ndarray

    @classmethod
    def valid(cls, value: Any, key: str) -> _Compiled | None:
        """``value`` when it is a compiled form made for ``key``, else None (absent, stale or damaged)."""
        if not isinstance(value, cls) or value.key != key:
            return None
        n = len(value.label_of)
        if len(value.offsets) != n + 1 or (n and int(value.offsets[-1]) != len(value.word_of)):
            return None
        if len(value.word_of) and int(value.word_of.max()) >= len(value.words):
            return None
        return value

    def held_by(self, lowers: np.ndarray) -> np.ndarray:
        """Whether each pattern has all its words among ``lowers`` (LOWER hashes of a text)."""
        import numpy as np

        words = self.words
        found = np.zeros(len(words) + 1, dtype=bool)  # the last slot: a text word no pattern has
        at = np.searchsorted(words, lowers)
        at[(at >= len(words)) | (words[np.minimum(at, len(words) - 1)] != lowers)] = len(words)
        found[at] = True
        found[-1] = False
        return np.logical_and.reduceat(found[self.word_of], self.offsets[:-1])


class SkillPatterns:
    """Compiled matchers for one taxonomy; ``find(doc)`` gives ``(start, end, skill_id)`` token spans.

    ``nlp`` gives the vocab; texts are read with jobmatch's tokenizer (``tokenize``), which is
    ``nlp``'s own when it was made by ``make_nlp``.
    """

    def __init__(
        self,
        nlp: Language,
        compiled: _Compiled,
        context: dict,
        *,
        make_glue: Callable[[], GlueSplitter] | None = None,
        kindred: frozenset[tuple[str, str]] = frozenset(),
        families: Mapping[str, str] | None = None,
        vouches: Mapping[str, frozenset[str]] | None = None,
        senses: Sequence[_Sense] = (),
        tokenizer: Tokenizer | None = None,
    ) -> None:
        from spacy.matcher import Matcher

        self.nlp = nlp
        self.own_tokens = _uses_own_tokenizer(nlp)  # whether nlp's docs are tokenized as ``tokenize`` does
        self._tokenizer = tokenizer or _tokenizer(nlp)
        self.compiled = compiled
        # The PhraseMatcher, made on first use: of the patterns a first text could match, then whole
        # (adding all 35,000 patterns takes a tenth of a second, a command on one posting needs few).
        self._matcher: PhraseMatcher | None = None
        self._first = True
        strings = nlp.vocab.strings
        self._keys = {strings.add(label): entry for label, entry in zip(compiled.labels, compiled.entries, strict=True)}
        self._blocker_patterns = [rule["pattern"] for rule in context["blockers"]]
        self._blockers = Matcher(nlp.vocab)
        for number, pattern in enumerate(self._blocker_patterns):
            self._blockers.add(f"block{number}", [pattern])
        self._rules = _make_rules(self._tokenizer, context)
        self._words: dict[int, str] = {}
        self._blockable_cache: dict[tuple[str, str, str], tuple[int, ...]] = {}
        self._make_glue = make_glue
        self._kindred = kindred  # pairs of ambiguous skills related in the taxonomy, both orders
        self._families = families or {}  # skill id → its family in a list (``_families``)
        self._vouches = vouches  # family → the families a listed name of it vouches for (None: all)
        self._senses = {sense.of for sense in senses}, tuple(senses)  # a name's other readings (``_senses``)
        self._glue: GlueSplitter | None = None
        self._seen_chunks: set[str] = set()  # chunks sent to the tokenizer's cache (``_warm``)
        self._specials: frozenset[str] | None = None  # the tokenizer's special cases, once needed

    def state(self) -> dict[str, Any]:
        """What ``build_patterns(saved=...)`` takes back: the compiled patterns and the glue splitter."""
        return {"compiled": self.compiled, "glue": self.glue}

    @property
    def glue(self) -> GlueSplitter | None:
        """The glued-block splitter (see glue.py), made on first use."""
        if self._glue is None and self._make_glue is not None:
            self._glue = self._make_glue()
        return self._glue

    def unglue(self, doc: Doc, text: str | None = None, *, in_place: bool = False) -> Doc:
        """``doc`` (of ``text``) with the tokens of glued blocks split ("SQLSkills" → "SQL",
        "Skills"): ``doc`` itself when ``in_place``, else perhaps a new Doc; see glue.py."""
        glue = self.glue
        return doc if glue is None else glue.split(doc, text, in_place=in_place)

    def tokenize(self, text: str) -> Doc:
        """``text`` as a Doc, in time proportional to its length: a long run without white space
        becomes one token (spaCy would take time that grows with the square of its length)."""
        tokenizer = self._tokenizer
        # the chunks spaCy reads (white space to white space: str.split and spaCy both go by
        # str.isspace), split once for the long-run test and the chunk cache (``_warm``)
        chunks = text.split()
        if self._seen_chunks.issuperset(chunks):
            # every chunk met before (a text read again, or made of common words only): none is a
            # long run, as only the chunks of texts without one are kept, and none is new to the
            # cache. A text with a new chunk costs little more: the test stops at its first one.
            return tokenizer(text)
        if max(map(len, chunks), default=0) < _LONG_RUN:
            self._warm(chunks)
            return tokenizer(text)
        from spacy.tokens import Doc as SpacyDoc

        # tokenize a copy where each long run is one plain word, then lay the real text over it
        masked = tokenizer(_LONG_RUN_RE.sub(lambda m: "x" * len(m.group()), text))
        words = [text[t.idx : t.idx + len(t)] for t in masked]
        return SpacyDoc(self.nlp.vocab, words=words, spaces=[bool(t.whitespace_) for t in masked])

    def _warm(self, chunks: list[str]) -> None:
        """Fill spaCy's chunk cache with a text's chunks it has not met yet, before the text is
        tokenized: then every chunk of it is found there.

        The tokenizer keeps the tokens of each chunk (white space to white space) for the next time
        it meets it, but stops keeping them for the rest of a text once it meets a special case
        ("e.g.", "Inc.", "don't"): in a posting most chunks come after one, and are split by the
        affix rules afresh every time (two thirds of the tokenizing time on real postings). So the
        new chunks are first tokenized apart, in one text of them all, those that may hold a
        special case each alone. The tokens are spaCy's own either way: only when they are kept
        changes. Chunks already sent are not sent again, up to the cache's size.
        """
        seen = self._seen_chunks
        if len(seen) >= _CHUNK_CACHE:
            return
        new = set(chunks)
        new -= seen
        if not new:
            return
        seen |= new
        if self._specials is None:
            self._specials = frozenset(self._tokenizer.rules or ())
        specials = self._specials
        alone = [chunk for chunk in new if _may_hold_special(chunk, specials)]
        tokenize = self._tokenizer
        if len(alone) < len(new):
            tokenize(" ".join(new.difference(alone)))
        for chunk in alone:
            tokenize(chunk)

    def build_matcher(self) -> None:
        """Make the whole PhraseMatcher now, rather than at the second text (before worker processes
        fork: they share it, instead of each making its own)."""
        if self._matcher is None:
            self._first = False
            self._matcher = self._matcher_for(None)

    def _phrase_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        if self._matcher is None:
            if self._first:
                self._first = False  # once only: a batch pays for the whole matcher at its second text
                return list(self._matcher_for(doc)(doc))
            self._matcher = self._matcher_for(None)
        return list(self._matcher(doc))

    def _matcher_for(self, doc: Doc | None) -> PhraseMatcher:
        """A PhraseMatcher of every pattern, or (given a doc) of those whose every word the doc holds."""
        import numpy as np
        from spacy.matcher import PhraseMatcher

        c = self.compiled
        matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        if not len(c.label_of) or (doc is not None and not len(doc)):
            return matcher
        wanted: dict[int, list[tuple[int, ...]]] = {}
        if doc is None:
            hashes, offsets = c.words[c.word_of].tolist(), c.offsets.tolist()
            for i, label in enumerate(c.label_of.tolist()):
                wanted.setdefault(label, []).append(tuple(hashes[offsets[i] : offsets[i + 1]]))
        else:
            # (every word as often as the text has it: np.unique would import numpy.ma, 20 ms)
            for i in np.flatnonzero(c.held_by(doc.to_array("LOWER"))).tolist():
                start, end = int(c.offsets[i]), int(c.offsets[i + 1])
                wanted.setdefault(int(c.label_of[i]), []).append(tuple(c.words[c.word_of[start:end]].tolist()))
        for label, specs in wanted.items():
            # PhraseMatcher.add takes a pattern as a Doc or as the sequence of its attribute values
            matcher.add(c.labels[label], cast("list[Doc]", specs))
        return matcher

    def _word(self, lower: int) -> str:
        """The lower-case text of a LOWER hash."""
        word = self._words.get(lower)
        if word is None:
            word = self._words[lower] = self.nlp.vocab.strings[lower]
        return word

    def _blockable(self, before: str, word: str, after: str) -> tuple[int, ...]:
        """The blockers (numbers in ``_blocker_patterns``) that could cover ``word`` between these
        neighbours: a cheap, cached necessary condition, so that most matches need no Matcher call."""
        key = (before, word, after)
        known = self._blockable_cache.get(key)
        if known is None:
            by_word, anywhere = self._blocker_index
            patterns = self._blocker_patterns
            known = self._blockable_cache[key] = tuple(
                sorted(
                    {
                        number
                        for number, p in (*by_word.get(word.lower(), ()), *by_word.get(word, ()), *anywhere)
                        if _spec_may_match((pattern := patterns[number])[p], word)
                        and (p == 0 or pattern[p - 1].get("OP") == "?" or _spec_may_match(pattern[p - 1], before))
                        and (
                            p == len(pattern) - 1
                            or pattern[p + 1].get("OP") == "?"
                            or _spec_may_match(pattern[p + 1], after)
                        )
                    }
                )
            )
        return known

    @cached_property
    def _function_words(self) -> frozenset[str]:
        """English function words ("in", "and", "of"…: spaCy's stop words), which make no compound
        of the name after them (``_Gate.modified``)."""
        from spacy.lang.en.stop_words import STOP_WORDS

        return frozenset(STOP_WORDS)

    @cached_property
    def _blocker_index(self) -> tuple[dict[str, list[tuple[int, int]]], list[tuple[int, int]]]:
        """Each blocker token (pattern number, position) under the words it names ("LOWER":
        "chef", "ORTH": {"IN": ["C", "D"]}), and those naming none (a regex, IS_TITLE): what
        ``_blockable`` checks a new word against, where trying all 80 took a hundred microseconds."""
        by_word: dict[str, list[tuple[int, int]]] = {}
        anywhere: list[tuple[int, int]] = []
        for number, pattern in enumerate(self._blocker_patterns):
            for p, spec in enumerate(pattern):
                words = _spec_words(spec)
                if words is None:
                    anywhere.append((number, p))
                for word in words or ():
                    by_word.setdefault(word, []).append((number, p))
        return by_word, anywhere

    @cached_property
    def _blockers_alone(self) -> list[Matcher] | None:
        """A Matcher for each blocker, when ``_blockable`` names every blocker that can cover a
        one-token match (no NORM, no operator but "?"): one blocker tried instead of all 36 (a
        Matcher call over a few tokens costs 10 microseconds a blocker, its set look-ups in Python)."""
        from spacy.matcher import Matcher

        if any(
            spec.get("OP") not in (None, "?") or "NORM" in spec
            for pattern in self._blocker_patterns
            for spec in pattern
        ):
            return None
        matchers = []
        for number, pattern in enumerate(self._blocker_patterns):
            matcher = Matcher(self.nlp.vocab)
            matcher.add(f"block{number}", [pattern])
            matchers.append(matcher)
        return matchers

    @cached_property
    def _flags(self) -> _WordFlags:
        """What the gate asks of a word, by the LOWER hash of its token: worked out once a word."""
        from spacy.attrs import IS_PUNCT
        from spacy.lang.lex_attrs import is_punct

        # spaCy's punctuation test gives the same for a word and its lower case (no punctuation
        # mark has a case): the lower case tells, unless the pipeline tests otherwise
        vocab = self.nlp.vocab
        exact = cast("Any", vocab).lex_attr_getters.get(IS_PUNCT) is is_punct
        return _WordFlags(vocab.strings, self._rules, is_punct=is_punct if exact else None)

    @cached_property
    def _cue_index(self) -> tuple[_CueIndex, _CueIndex, _CueIndex]:
        """The cue phrases (plain, strict, everyday) by their last word, as sets by length: one
        look-up a length instead of a comparison a phrase ("experience with" shares "with" with
        twenty others)."""
        rules = self._rules
        return _cue_index(rules.cues), _cue_index(rules.strict_cues), _cue_index(rules.phrase_cues)

    def find(self, doc: Doc, *, gate: bool = True) -> list[tuple[int, int, str]]:
        """Skill spans in ``doc``, in text order, after longest-match and (unless ``gate`` is
        False) the ambiguity gate; ``doc`` tokenized as ``tokenize`` does."""
        matches = self._phrase_matches(doc)
        if not matches:
            return []
        keys = self._keys
        spans: list[_Span] = []
        todo: list[int] = []  # the spans the gate decides: ambiguous ones, plain ones the blockers check
        for key, s, e in _longest(matches):
            skill_id, surfaces, flag = keys[key]
            if surfaces is None:
                if flag:
                    todo.append(len(spans))
                spans.append((s, e, skill_id, _PLAIN, flag))
                continue
            # an ambiguous form: its case decides the kind ("Go", "go", "GO"), or rules it out
            surface = doc[s].text if e - s == 1 else " ".join([doc[k].text for k in range(s, e)])
            kind = surfaces.get(surface)
            if kind is not None:
                todo.append(len(spans))
                spans.append((s, e, skill_id, kind, flag))
        if todo and gate:
            accepted = _Gate(self, doc, spans).run(todo)
            found = [(s, e, skill_id) for (s, e, skill_id, _, _), ok in zip(spans, accepted, strict=True) if ok]
            return self._read_senses(doc, found)
        return [(s, e, skill_id) for s, e, skill_id, _, _ in spans]

    def _read_senses(self, doc: Doc, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """``found`` with each name that the text's other skills give another reading read so
        (``senses`` of context.json: "coding" beside ICD-10 or medical billing is medical coding)."""
        names, senses = self._senses
        ids = {skill_id for _, _, skill_id in found}
        if not ids & names:
            return found
        for sense in senses:
            if sense.of not in ids or not ids & sense.beside or ids & sense.unless:
                continue
            out: list[tuple[int, int, str]] = []
            for s, e, skill_id in found:
                if skill_id != sense.of or doc[s:e].text.lower() != sense.form:
                    out.append((s, e, skill_id))
                elif sense.reads_as is not None:
                    out.append((s, e, sense.reads_as))
            found = out
        return found


# What the gate asks of a word, as bits: white space, a line break in it, a list separator, letters
# only, a bullet, a version number ("6", "v3.1"), "(", ")", a list head's opener ("(" or ":"), and
# what ends a list item (a closer or white space); and punctuation, maybe (the token tells).
_SPACE, _NEW_LINE, _SEPARATOR, _ALPHA, _BULLET, _VERSION, _OPEN, _CLOSE, _HEAD_OPEN, _ITEM_END, _PUNCT = (
    1 << bit for bit in range(11)
)
# what, beside a match, may lead on to another match in its list (see ``_Gate.neighbour``)
_JOINS_LEFT = _SPACE | _SEPARATOR | _CLOSE | _VERSION
_JOINS_RIGHT = _SPACE | _SEPARATOR | _OPEN
_NOBODY: tuple[int | None, bool] = (None, False)
# cue phrases by their last word's hash: (length, the phrases of that length), shortest first
_CueIndex = dict[int, tuple[tuple[int, frozenset[tuple[int, ...]]], ...]]
_START = itemgetter(1)


def _cue_index(cues: dict[int, tuple[tuple[int, ...], ...]]) -> _CueIndex:
    index: _CueIndex = {}
    for last, phrases in cues.items():
        lengths = sorted({len(phrase) for phrase in phrases})
        index[last] = tuple((k, frozenset(p for p in phrases if len(p) == k)) for k in lengths)
    return index


class _WordFlags(dict[int, int]):
    """LOWER hash → the gate's flags of its word (``_SPACE``…), worked out on first sight."""

    def __init__(self, strings: Any, rules: _Rules, *, is_punct: Callable[[str], bool] | None) -> None:
        super().__init__()
        self._strings = strings
        self._rules = rules
        self._is_punct = is_punct  # None: a word's punctuation is the token's to tell

    def __missing__(self, lower: int) -> int:
        word: str = self._strings[lower]
        rules = self._rules
        space = word.isspace()
        flags = (
            (_SPACE if space else 0)
            | (_NEW_LINE if "\n" in word else 0)
            | (_SEPARATOR if lower in rules.separators else 0)
            | (_ALPHA if word.isalpha() else 0)
            | (_BULLET if word in _BULLETS else 0)
            | (_VERSION if _VERSION_RE.match(word) else 0)
            | (_OPEN if word == "(" else 0)
            | (_CLOSE if word == ")" else 0)
            | (_HEAD_OPEN if word in ("(", ":") else 0)
            | (_ITEM_END if space or lower in rules.closers else 0)
            | (_PUNCT if self._is_punct is None or self._is_punct(word) else 0)
        )
        self[lower] = flags
        return flags


# what may stand before a name that opens a clause (beside a line break or a bullet; not a
# bracket: "record systems (Athena preferred)" names the medical one), and the words after a
# predicate that leave the name its subject ("Go is a plus for this role")
_CLAUSE_OPENERS = frozenset({".", ";", ":", "!", "?"})
# words that open a clause of their own after another: "…is not needed, but Excel is a must"
_CLAUSE_CONJUNCTIONS = frozenset({"but", "while", "whereas", "although", "though"})
_CLAUSE_GOES_ON = frozenset({"and", "but", "for", "too", "as", "though", "although", "or"})


def _longest(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The PhraseMatcher's ``(key, start, end)`` matches that stay when overlaps resolve longest
    first, then leftmost (then by key: one span under two labels), in text order.

    Matches that overlap none other (most) stay as they are; only a run of overlapping ones
    ("Apache Spark" over "Spark") is ranked, on its own, as nothing outside it can touch it.
    """
    matches.sort(key=_START)  # the PhraseMatcher gives them in this order: a pass to confirm
    chosen: list[tuple[int, int, int]] = []
    n = len(matches)
    i = 0
    while i < n:
        end = matches[i][2]
        j = i + 1
        while j < n and matches[j][1] < end:
            end = max(end, matches[j][2])
            j += 1
        if j == i + 1:
            chosen.append(matches[i])
        else:
            ranked = sorted([(s - e, s, e, key) for key, s, e in matches[i:j]])
            _, s, e, key = ranked[0]
            if s == matches[i][1] and e == end:  # the longest spans the run ("Apache Spark" over "Spark")
                chosen.append((key, s, e))
            else:
                kept: list[tuple[int, int, int]] = []
                for _, s, e, key in ranked:
                    if all(e <= ks or ke <= s for _, ks, ke in kept):
                        kept.append((key, s, e))
                chosen += sorted(kept, key=_START)
        i = j
    return chosen


class _Lower(dict[int, int]):
    """Token number → its LOWER hash, read from the doc the first time it is asked for: the gate
    reads some 30 tokens of a posting's 500, near its ambiguous matches (``Doc.to_array`` would
    read all 500, in more time)."""

    def __init__(self, doc: Doc) -> None:
        super().__init__()
        self.doc = doc

    def __missing__(self, j: int) -> int:
        lower: int = self.doc[j].lower
        self[j] = lower
        return lower


class _Gate:
    """The ambiguity gate for one doc: which ambiguous matches have evidence enough to count.

    Words are read by their LOWER hashes (``_Lower``: only the tokens near ambiguous matches) and
    asked about through ``SkillPatterns._flags``; Token objects only where the written case counts
    (blockers, shouting, glued blocks).
    """

    def __init__(self, patterns: SkillPatterns, doc: Doc, chosen: list[_Span]) -> None:
        self.p = patterns
        self.rules = patterns._rules
        self.flags = patterns._flags
        self.doc = doc
        self.n = len(doc)
        self.chosen = chosen
        self.blocked: dict[int, bool] = {}
        self.quiet: set[int] = set()  # capitals amid lower-case words: listed with a written separator only
        self.sides: dict[int, tuple[int | None, bool, int | None, bool]] = {}

    def run(self, todo: list[int]) -> list[bool]:
        """Whether each match counts, deciding those numbered in ``todo`` (the rest are plain)."""
        chosen = self.chosen
        accepted = [True] * len(chosen)
        ambiguous = [i for i in todo if chosen[i][3] != _PLAIN]
        for i in todo:
            if chosen[i][3] == _PLAIN:  # a plain skill the blockers check ("Java" the island)
                accepted[i] = not self.is_blocked(i)
            else:
                accepted[i] = False
        if not ambiguous:
            return accepted
        self.lower = lower = _Lower(self.doc)
        flags_of = self.flags
        self.starts = {span[0]: i for i, span in enumerate(chosen)}
        self.ends = {span[1] - 1: i for i, span in enumerate(chosen)}
        pending: list[int] = []
        for i in ambiguous:
            s, e, _, kind, flag = chosen[i]
            if kind == _SHOUT and not self.shouting(s, e):
                # "SWIFT" in a normal sentence is the bank network, not Swift; "Scripting BASH, Ruby"
                # is a list: only a written list vouches for it
                self.quiet.add(i)
                pending.append(i)
                continue
            strict = flag
            # a cue before, a tech noun after, or a list its head names ("Tools: Chef, Puppet")
            if (kind != _LOWER and self.local_evidence(s, e, strict, kind == _PHRASE)) or (
                not strict and s > 0 and flags_of[lower[s - 1]] & _SEPARATOR and self.headed_list(s, e)
            ):
                accepted[i] = not self.is_blocked(i)
            elif any(self.joins(i)):
                pending.append(i)
            # else a word of prose on each side (or no match at all on a side): in no list, no run
        self.accepted = accepted
        # A match is listed beside an accepted one, and acceptance spreads along a list; only
        # matches with a neighbour at all can ever be (a match's neighbours never change).
        waiting = [i for i in pending if self.beside(i) != (None, False, None, False)]
        listed: set[int] = set()
        changed = True
        while changed and waiting:
            changed = False
            for i in list(waiting):
                if self.listed(i):
                    waiting.remove(i)
                    listed.add(i)
                    accepted[i] = not self.is_blocked(i)
                    changed = changed or accepted[i]
        pending = [i for i in pending if i not in listed and i not in self.quiet]  # a written list only, never a run
        if len(pending) > 1:
            self.accept_runs(pending)
        return accepted

    def is_blocked(self, i: int) -> bool:
        """Whether a blocker phrase ("C-level", "head chef", "AWS D1.1") covers match i."""
        blocked = self.blocked.get(i)
        if blocked is None:
            blocked = self.blocked[i] = self.covered(*self.chosen[i][:2])
        return blocked

    def covered(self, s: int, e: int) -> bool:
        """Whether a blocker matches over tokens s to e, in a window of two tokens either side."""
        doc, n, blockable = self.doc, self.n, self.p._blockable
        before = doc[s - 1].text if s > 0 else ""
        after = doc[e].text if e < n else ""
        lo, hi = max(0, s - 2), min(n, e + 3)
        if e - s == 1:
            numbers = blockable(before, doc[s].text, after)
            if numbers and (alone := self.p._blockers_alone) is not None:
                window = doc[lo:hi]  # only the blockers that could cover it
                return any(bs + lo < e and s < be + lo for number in numbers for _, bs, be in alone[number](window))
            maybe = bool(numbers)
        else:
            maybe = any(blockable(before, doc[k].text, after) for k in range(s, e))
        return maybe and any(bs + lo < e and s < be + lo for _, bs, be in self.p._blockers(doc[lo:hi]))

    def beside(self, i: int) -> tuple[int | None, bool, int | None, bool]:
        """Match i's neighbours in a list, left and right, each with whether a written separator
        stands between (see ``neighbour``); lower-case names look past punctuation only."""
        sides = self.sides.get(i)
        if sides is None:
            s, e, _, kind, _ = self.chosen[i]
            marks_only = kind == _LOWER
            joins_left, joins_right = self.joins(i)
            left = self.neighbour(s - 1, -1, marks_only) if joins_left else _NOBODY
            right = self.neighbour(e, 1, marks_only) if joins_right else _NOBODY
            sides = self.sides[i] = (*left, *right)
        return sides

    def joins(self, i: int) -> tuple[bool, bool]:
        """Whether match i may have a list neighbour on its left, and on its right: the token
        beside tells most (a word of prose, or no match on that side, ends any walk)."""
        s, e = self.chosen[i][:2]
        flags_of, lower = self.flags, self.lower
        left = i > 0 and s > 0 and (s - 1 in self.ends or bool(flags_of[lower[s - 1]] & _JOINS_LEFT))
        right = (
            i + 1 < len(self.chosen) and e < self.n and (e in self.starts or bool(flags_of[lower[e]] & _JOINS_RIGHT))
        )
        return left, right

    def right_of(self, i: int) -> int | None:
        """The match next right of match i in a list of any separators (``neighbour``)."""
        right = self.beside(i)[2]
        _, e, _, kind, _ = self.chosen[i]
        if right is not None or kind != _LOWER or i + 1 == len(self.chosen) or e >= self.n:
            return right  # what punctuation alone joins, any separator joins: the same match
        return self.neighbour(e, 1)[0] if self.joins(i)[1] else None

    def neighbour(self, j: int, step: int, marks_only: bool = False) -> tuple[int | None, bool]:
        """The match next to token j in direction step, across list separators only (punctuation
        alone with ``marks_only``); and whether a written separator (comma, slash, "and"…) stands
        between, not just white space."""
        flags_of, lower, n = self.flags, self.lower, self.n
        edges = self.ends if step < 0 else self.starts
        opener, closer = (_OPEN, _CLOSE) if step > 0 else (_CLOSE, _OPEN)
        hops, written, new_line = 0, False, False
        while 0 <= j < n and hops <= 2:
            target = edges.get(j)
            if target is not None:
                return target, written
            flags = flags_of[lower[j]]
            if step < 0 and flags & _VERSION and j - 1 in self.ends:
                return self.ends[j - 1], written  # "Sencha ExtJS 6, React": a version ends its item
            if flags & opener:
                skip = self.parenthetical(j, step)
                if skip is not None:
                    j = skip  # "SQL (6 years), R (3 years)": a short aside does not break the list
                    continue
            if flags & _SPACE:
                new_line = new_line or bool(flags & _NEW_LINE)
            elif marks_only and flags & closer:
                return None, False  # a lower-case word closing an aside ("free of rust)") ends its list
            elif flags & _SEPARATOR and not (marks_only and flags & _ALPHA):
                # a bullet or a separator across a line break does not make a list of two lines
                bullet = flags & _BULLET and (j == 0 or flags_of[lower[j - 1]] & _NEW_LINE)
                written = written or not (new_line or bullet)
            else:
                return None, False
            j += step
            hops += 1
        return None, False

    def parenthetical(self, j: int, step: int) -> int | None:
        """Past a short bracketed aside on one line that opens (step 1) or closes (step -1) at token j."""
        flags_of, lower = self.flags, self.lower
        opener, closer = (_OPEN, _CLOSE) if step > 0 else (_CLOSE, _OPEN)
        if not flags_of[lower[j]] & opener:
            return None
        for k in range(j + step, j + 8 * step, step):
            if not 0 <= k < self.n:
                return None
            flags = flags_of[lower[k]]
            if flags & _NEW_LINE:
                return None
            if flags & closer:
                return k + step
        return None

    def closes(self, j: int) -> bool:
        """Whether token j ends a list item: edge of text, line break, punctuation, noun or skill."""
        return (
            j < 0 or j >= self.n or self.flags[self.lower[j]] & _ITEM_END != 0
            or j in self.starts or j in self.ends or self.glued(j)
        )  # fmt: skip

    def glued(self, j: int) -> bool:
        """Whether token j starts a block glued to the one before ("RancherWorking"): a lost line break."""
        if j <= 0:
            return False
        before, token = self.doc[j - 1], self.doc[j]
        return not before.whitespace_ and token.text[:1].isupper() and before.text[-1:].isalnum()

    def listed(self, i: int) -> bool:
        """Whether match i stands in a list beside an accepted skill."""
        s, e, _, kind, strict = self.chosen[i]
        # a lower-case everyday word needs a tag list ("java, spring, react"), not prose: in
        # "transaction processing and asset management" the "and" joins two phrases
        left, left_written, right, right_written = self.beside(i)
        # a neighbour vouches only for a name of a family it may stand with ("list_vouches"):
        # "Python, Go", "security, QA and compliance", but not "education, testing and counseling",
        # "dialysis access" or "your energy and creativity"
        left_ok = left is not None and self.accepted[left] and self.vouches(left, i)
        right_ok = right is not None and self.accepted[right] and self.vouches(right, i)
        if kind == _LOWER and e - s == 1 and self.lower[s] in self.rules.everyday_names:
            # a product's name written in lower case is an everyday word ("solid", "processing",
            # "make") unless tags surround it: a name, not a lower-case phrase ("code review,
            # solid"; "data manipulation, processing"), vouches for it, and across bare white
            # space only a name in lower case too ("java spring", not "solid Linux", "ETL processing")
            if self.modified(s):
                return False
            left_ok = left_ok and self.tag_beside(left, left_written)
            right_ok = right_ok and self.tag_beside(right, right_written)
        if i in self.quiet:
            return (left_ok and left_written) or (right_ok and right_written)
        if kind == _LOWER and strict:
            return left_ok and right_ok  # "python r sql": a lone lower-case letter needs both
        # "Python, Go" needs nothing more; bare adjacency ("java spring react") needs the other
        # side to end the item too, so "Kubernetes Go above…" stays out.
        return (left_ok and (left_written or self.closes(e))) or (right_ok and (right_written or self.closes(s - 1)))

    def modified(self, s: int) -> bool:
        """Whether the word before token s, no skill and no function word, makes a compound of it
        ("Data processing", "natural processing", "Rock-solid"): a tag stands after a mark, a
        line break, a function word ("in", "and") or another tag."""
        if s == 0 or s - 1 in self.ends:
            return False
        before = self.doc[s - 1]
        if before.text == "-" and s > 1 and not self.doc[s - 2].whitespace_ and not before.whitespace_:
            return True  # "Rock-solid"
        rules, word = self.rules, self.lower[s - 1]
        if word in rules.fillers or word in rules.weak_cues or word in rules.separators or word in rules.cues:
            return False  # "advanced excel", "in excel", "and excel", "experience with excel"
        if word in rules.list_heads:
            return False  # "Technologies spring java"
        return before.text.isalpha() and before.text.lower() not in self.p._function_words

    def tag_beside(self, j: int | None, written: bool) -> bool:
        """Whether match j, beside a lower-case name, reads as a tag: no lower-case phrase of words
        ("code review"; "advanced excel" is a name), and across bare white space in lower case too
        ("java-ee spring")."""
        assert j is not None
        s, e = self.chosen[j][:2]
        text = self.doc[s:e].text
        if not written and not text.islower():
            return False
        if " " not in text or not text.islower():
            return True
        rules, lower = self.rules, self.lower
        return lower[s] in rules.fillers or any(lower[k] in rules.everyday_names for k in range(s, e))

    def vouches(self, j: int, i: int) -> bool:
        """Whether match j, listed beside match i, may vouch for it: by their skills' families."""
        vouches = self.p._vouches
        if vouches is None:
            return True
        families = self.p._families
        return families.get(self.chosen[i][2], "tech") in vouches.get(families.get(self.chosen[j][2], "tech"), ())

    def accept_runs(self, pending: list[int]) -> None:
        """Ambiguous names vouching for each other: three or more in one list ("dart swift unity"),
        or two joined after a weak cue ("models in R and SAS", "runs Hive and Presto")."""
        waiting = set(pending)
        links: dict[int, int] = {}
        for i in pending:
            right = self.right_of(i)
            if right is not None and right in waiting:
                links[i] = right
        followers = set(links.values())
        for head in (i for i in links if i not in followers):
            run = [head]
            while run[-1] in links:
                run.append(links[run[-1]])
            s = self.chosen[head][0]
            if (
                len(run) >= 3
                or (s > 0 and self.lower[s - 1] in self.rules.weak_cues and self.written_run(run))
                or self.etc(self.chosen[run[-1]][1])
                or self.kindred(run)
            ):
                for i in run:
                    self.accepted[i] = not self.is_blocked(i)

    def written_run(self, run: list[int]) -> bool:
        """Whether a run after a weak cue holds no lower-case name, or only with written separators
        ("with go and rust"): "and advocacy arm", "and natural processing" are phrases."""
        everyday = self.rules.everyday_names
        return all(self.chosen[i][3] != _LOWER or self.lower[self.chosen[i][0]] not in everyday for i in run) or all(
            self.beside(i)[3] for i in run[:-1]
        )

    def kindred(self, run: list[int]) -> bool:
        """Whether two names side by side are related tools ("Exchange and Outlook", "Chef and
        Puppet"): the taxonomy's relations vouch for each other's reading."""
        ids = [self.chosen[i][2] for i in run]
        if len(ids) != 2 or (ids[0], ids[1]) not in self.p._kindred:
            return False
        e = self.chosen[run[-1]][1]  # not before a capitalised word: "UX & UI Designer" is a title
        return e >= self.n or not self.doc[e].is_title

    def shouting(self, s: int, e: int) -> bool:
        """Whether the words around a capitalised name are capitalised too ("SKILLS: C, PYTHON",
        "NODE.JS; EXPRESS"): the nearest word of two letters or more on either side decides."""
        for k in (*range(s - 1, max(-1, s - 7), -1), *range(e, min(self.n, e + 6))):
            text = self.doc[k].text
            if sum(c.isalpha() for c in text) > 1:
                return text.isupper()
        return False

    def etc(self, e: int) -> bool:
        """Whether the list ending before token e goes on with "etc" ("Chef, Puppet, etc")."""
        for k in range(e, min(self.n, e + 2)):
            word = self.p._word(self.lower[k])
            if word in _ETC:
                return True
            if word not in (",", ";"):
                return False
        return False

    def headed_list(self, s: int, e: int) -> bool:
        """Whether the match at token s stands in a list opened by a head noun and a colon or
        bracket on its line: "Web Service Technologies (SOAP, REST)", "Tools: Ansible, Chef"."""
        rules, lower, flags_of = self.rules, self.lower, self.flags
        if s == 0 or lower[s - 1] not in rules.separators or not self.closes(e):
            return False  # an item of its own: "Tools: Chef, Puppet", not "applications: the EMS offerings"
        words = 0  # words of the current item, which stays short in a list
        for j in range(s - 1, max(-1, s - 16), -1):
            flags = flags_of[lower[j]]
            if flags & _HEAD_OPEN:
                return j > 0 and lower[j - 1] in rules.list_heads
            if flags & _NEW_LINE:
                return False
            if flags & _SEPARATOR:
                words = 0
            elif not flags & _SPACE:
                words += 1
                if words > 3:
                    return False
        return False

    def local_evidence(self, s: int, e: int, strict: bool, everyday: bool) -> bool:
        """A cue before, or a tech noun or version after; one-letter names and everyday phrases
        need stronger ones."""
        rules, lower = self.rules, self.lower
        plain, strict_cues, phrase_cues = self.p._cue_index
        cues = phrase_cues if everyday else strict_cues if strict else plain
        j = s - 1
        skipped = 0
        while j >= 0 and lower[j] in rules.fillers and skipped < 2:
            j -= 1
            skipped += 1
        if j >= 0:
            for k, phrases in cues.get(lower[j], ()):
                # a one-word cue is the word itself: the index is by last word
                if k == 1 or (j + 1 >= k and tuple(map(lower.__getitem__, range(j + 1 - k, j + 1))) in phrases):
                    return True
        if e < self.n:
            after = lower[e]
            if after in (rules.strict_nouns if strict else rules.tech_nouns):
                return True
            if not strict:
                # a version as written ("Spring 5"; its lower case is a version too)
                if self.flags[after] & _VERSION and _VERSION_RE.match(self.doc[e].text):
                    return True
                # "React or other modern web frameworks": a tech noun a few words on, same clause
                for k in range(e + 1, min(e + 4, self.n)):
                    flags = self.flags[lower[k]]
                    if flags & _SPACE or (flags & _PUNCT and self.doc[k].is_punct):
                        break
                    if lower[k] in rules.clause_nouns:
                        return True
        # the subject of a clause that asks for it: "Go is a plus.", "Rust would be a bonus."
        return not everyday and self.asked_for(s, e)

    def asked_for(self, s: int, e: int) -> bool:
        """Whether the name at tokens s..e opens its clause and a predicate of asking ends it
        ("• Go is a plus.", "Python required; R preferred"): not "Let us go is…", not "Chef is
        required to…"."""
        lower, flags_of, n = self.lower, self.flags, self.n
        if e >= n:
            return False
        phrases = self.rules.predicates.get(lower[e])
        if not phrases:
            return False
        if s > 0:
            before = lower[s - 1]
            flags = flags_of[before]
            if not (
                flags & (_NEW_LINE | _BULLET)
                or (flags & _PUNCT and self.p._word(before) in _CLAUSE_OPENERS)
                or self.p._word(before) in _CLAUSE_CONJUNCTIONS
            ):
                return False
        for phrase in phrases:
            end = e + len(phrase)
            if end <= n and all(lower[e + k] == word for k, word in enumerate(phrase)):
                if end == n:
                    return True
                after = lower[end]
                flags = flags_of[after]
                return bool(flags & _NEW_LINE or (flags & _PUNCT and self.doc[end].is_punct)) or (
                    self.p._word(after) in _CLAUSE_GOES_ON
                )
        return False


def build_patterns(
    taxonomy: Taxonomy, nlp: Language | None = None, *, cache: bool = True, saved: Any = None
) -> SkillPatterns:
    """Compile ``taxonomy`` into matchers on ``nlp`` (a fresh ``make_nlp()`` by default).

    The compiled form is kept in the user's cache folder (see ``_cache``), keyed by the taxonomy,
    the context rules and the spaCy version, so that a one-posting command starts quickly.
    ``cache=False`` (or ``JOBMATCH_CACHE_DIR=off``) skips it. ``saved`` is a ``SkillPatterns.state()``
    from a saved pipeline: used when it was made for the same taxonomy, rules and spaCy.
    """
    nlp = nlp or make_nlp()
    tokenizer = _tokenizer(nlp)
    context = _load_context()
    key = _cache_key(taxonomy)
    root = _cache.cache_dir() if cache else None
    base = root / f"patterns-{key}" if root else None
    saved = saved if isinstance(saved, dict) else {}
    compiled = _Compiled.valid(saved.get("compiled"), key)
    if compiled is None and base is not None:
        compiled = _Compiled.valid(_cache.read(base.with_suffix(".msgpack")), key)
    if compiled is None:
        compiled = _compile(taxonomy, context, key, tokenizer)
        if base is not None:
            _cache.write(base.with_suffix(".msgpack"), compiled)
    saved_glue = saved.get("glue")

    def make_glue() -> GlueSplitter:
        # built from 26,000 forms in a tenth of a second: kept beside the compiled patterns
        if isinstance(saved_glue, GlueSplitter):
            return saved_glue
        where = base.with_suffix(f".glue{GLUE_FORMAT}") if base else None
        glue = _cache.read(where) if where else None
        if not isinstance(glue, GlueSplitter):
            glue = GlueSplitter((form for skill in taxonomy for form in skill.forms), headers=context["glue_headers"])
            if where:
                _cache.write(where, glue)
        return glue

    return SkillPatterns(
        nlp,
        compiled,
        context,
        make_glue=make_glue,
        kindred=_kindred_pairs(taxonomy),
        families=_families(taxonomy, context),
        vouches=_vouches(context),
        senses=_senses(taxonomy, context),
        tokenizer=tokenizer,
    )


@dataclass(frozen=True)
class _Sense:
    """Another reading of a name (``form`` of skill ``of``) in a text that holds one of the skills
    ``beside`` and none of ``unless``: skill ``reads_as``, or none (None)."""

    form: str
    of: str
    beside: frozenset[str]
    unless: frozenset[str]
    reads_as: str | None


def _senses(taxonomy: Taxonomy, context: dict) -> list[_Sense]:
    """``senses`` of context.json whose skills this taxonomy has; ``unless`` names categories."""
    known = {skill.id: skill.category for skill in taxonomy}
    senses = []
    for rule in context.get("senses", ()):
        reads_as, beside = rule.get("reads_as"), frozenset(rule["beside"]) & known.keys()
        if rule["of"] not in known or not beside or (reads_as is not None and reads_as not in known):
            continue
        unless = frozenset(rule.get("unless_categories", ()))
        senses.append(
            _Sense(
                rule["form"].lower(),
                rule["of"],
                beside,
                frozenset(sid for sid, category in known.items() if category in unless),
                reads_as,
            )
        )
    return senses


def _families(taxonomy: Taxonomy, context: dict) -> dict[str, str]:
    """Each skill's family for the gate's lists (``list_families`` of context.json: soft skills,
    domains, spoken languages; every other category, a user's own too, is "tech")."""
    named = context.get("list_families", {})
    return {skill.id: named.get(skill.category, "tech") for skill in taxonomy}


def _vouches(context: dict) -> dict[str, frozenset[str]] | None:
    """``list_vouches`` of context.json: the families a listed name of each family vouches for
    (None, where the rules name none: any name vouches for any)."""
    if "list_vouches" not in context:
        return None
    return {family: frozenset(kinds) for family, kinds in context["list_vouches"].items()}


def _kindred_pairs(taxonomy: Taxonomy) -> frozenset[tuple[str, str]]:
    """Pairs of skills with ambiguous forms that the taxonomy relates (implies or related), both orders."""
    ambiguous = {skill.id for skill in taxonomy if skill.ambiguous}
    pairs = set()
    for skill in taxonomy:
        if skill.id in ambiguous:
            for other in (*skill.implies, *skill.related):
                if other in ambiguous:
                    pairs.update({(skill.id, other), (other, skill.id)})
    return frozenset(pairs)


def _compile(taxonomy: Taxonomy, context: dict, key: str, tokenizer: Tokenizer) -> _Compiled:
    import gc

    # some 200,000 small objects made and dropped: the cyclic collector would walk spaCy's heap
    # again and again meanwhile, for nothing (nothing here makes a cycle)
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _compile_forms(taxonomy, context, key, tokenizer)
    finally:
        if enabled:
            gc.enable()


def _compile_forms(taxonomy: Taxonomy, context: dict, key: str, tokenizer: Tokenizer) -> _Compiled:
    import numpy as np
    from spacy.strings import get_string_id

    taken: dict[str, str] = {}  # form or twin (lower case) → skill id, so twins never steal another's form
    for skill in taxonomy:
        for form in skill.forms:
            taken[form.lower()] = skill.id

    # what each label's patterns are, as forms; each form's tokens come after, in one batch
    checked = set(context["checked_plain_skills"])
    labels: list[tuple[str, str, dict[str, int] | None, bool, list[str]]] = []
    for skill in taxonomy:
        sid = skill.id
        ambiguous = {a.lower() for a in skill.ambiguous}
        plain: list[str] = []
        for form in skill.forms:
            lower = form.lower()
            if lower in ambiguous:
                continue
            plain.append(form)
            # its hyphen/space twin: "amazon web services" ~ "amazon-web-services"
            if " " in form:
                twin = form.replace(" ", "-")
            elif "-" in form:
                twin = form.replace("-", " ")
            else:
                continue
            if taken.setdefault(twin.lower(), sid) == sid:
                plain.append(twin)
        if plain:
            labels.append((sid, sid, None, sid in checked, plain))
        if skill.ambiguous:
            # an ambiguous form's kind per surface: as written, lower case, or capitals
            kinds: dict[str, int] = {}
            for form in skill.ambiguous:
                if form.islower() and len(form) > 3 and not any(c.isdigit() for c in form):
                    # an everyday phrase, whatever its case: "quality engineering", "testing"
                    kinds.update(dict.fromkeys({form, form.capitalize(), form.title(), form.upper()}, _PHRASE))
                elif form.islower():  # a short lower-case name: "sbt", "k6"
                    kinds.setdefault(form.upper(), _SHOUT)
                    kinds[form] = _CASED
                else:
                    kinds.setdefault(form.upper(), _SHOUT)
                    kinds[form.lower()] = _LOWER
                    kinds[form] = _CASED
            strict = all(len(form) == 1 for form in skill.ambiguous)
            forms = sorted({form.lower() for form in skill.ambiguous})
            labels.append((f"{sid}\tambiguous", sid, kinds, strict, forms))

    # Tokens: plain words are split here as the tokenizer would split them; the rest (one in
    # thirty: "node.js", "C++17") goes through the tokenizer in one batch. Patterns need the LOWER
    # hashes of their tokens; ambiguous forms also the tokens as written, to tell "Go" from "go".
    exceptions = frozenset(tokenizer.rules or {})
    plain_form = _PLAIN_FORM_RE.fullmatch
    hash_of = _Hashes(get_string_id).__getitem__  # a hash, or the symbol id of a word spaCy knows ("prep")
    lowers: dict[str, list[int]] = {}
    written: dict[str, list[str]] = {}
    hard: dict[str, None] = {}
    for *_, kinds_or_none, _, forms in labels:
        for form in forms:
            if form in lowers:
                continue
            if plain_form(form) and exceptions.isdisjoint(form.split(" ")):
                # ASCII letters: lower case keeps every position, so split the lower-case form
                lower = form.lower()
                lowers[form] = list(map(hash_of, (lower.replace("-", " - ") if "-" in lower else lower).split(" ")))
                continue
            split = _plain_tokens(form, exceptions, tokenizer)
            if split is None:
                hard[form] = None
            else:
                lowers[form] = [hash_of(w.lower()) for w in split]
        for surface in kinds_or_none or ():
            split = _plain_tokens(surface, exceptions, tokenizer)
            if split is None:
                hard[surface] = None
            else:
                written[surface] = split
    for form, doc in zip(hard, tokenizer.pipe(list(hard)), strict=True):
        written[form] = [t.text for t in doc]
        lowers[form] = [hash_of(t.text.lower()) for t in doc]

    names: list[str] = []
    entries: list[_Key] = []
    label_of: list[int] = []
    offsets = [0]
    hashes: list[int] = []
    for label, skill_id, kinds_or_none, flag, forms in labels:
        surfaces = None
        if kinds_or_none is not None:  # tokenized as written, to compare with a match's own text
            surfaces = {" ".join(written[s]): kind for s, kind in kinds_or_none.items()}
        number = len(names)
        names.append(label)
        entries.append((skill_id, surfaces, flag))
        for form in forms:
            form_hashes = lowers[form]
            if form_hashes:
                hashes += form_hashes
                label_of.append(number)
                offsets.append(len(hashes))
    words, word_of = np.unique(np.array(hashes, dtype=np.uint64), return_inverse=True)
    return _Compiled(
        key=key,
        labels=tuple(names),
        entries=tuple(entries),
        label_of=np.array(label_of, dtype=np.int32),
        offsets=np.array(offsets, dtype=np.int64),
        words=words,
        word_of=word_of.astype(np.int32),
    )


class _Hashes(dict):
    """word → its string hash (spaCy's LOWER of a lower-case word), computed once per word."""

    def __init__(self, hash_string: Callable[[str], int]) -> None:
        super().__init__()
        self._hash = hash_string

    def __missing__(self, word: str) -> int:
        value = self[word] = self._hash(word)
        return value


_CACHE_FORMAT = 7  # bump when the compiled form changes


def _cache_key(taxonomy: Taxonomy) -> str:
    """A name for what compiled patterns depend on: their format, spaCy, the taxonomy and the rules."""
    import spacy

    text = f"{_CACHE_FORMAT}\0{spacy.__version__}\0{taxonomy.version}\0{_context_text()}"
    return hashlib.sha256(text.encode()).hexdigest()[:20]


_AFFIX_MARKS = '()[]{},;:!?"*•'


def _may_hold_special(chunk: str, specials: frozenset[str]) -> bool:
    """Whether spaCy may read a special case in this chunk ("e.g.", "(Inc.)", "don't"): then it is
    tokenized alone, as a special case stops the tokenizer keeping the chunks after it."""
    core = chunk.strip(_AFFIX_MARKS)
    bare = core.rstrip(".")
    return chunk in specials or core in specials or bare in specials or "." in bare or "'" in core or "’" in core
