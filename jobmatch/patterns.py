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
"""

from __future__ import annotations

import json
import re
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, cast

from . import _cache
from .glue import GLUE_FORMAT, GlueSplitter
from .taxonomy import Taxonomy, data_path

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import Matcher, PhraseMatcher
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc

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


def make_nlp() -> Language:
    """spaCy's blank English pipeline, its tokenizer taught three things postings need.

    A slash splits after digits, "+" and "#" too ("C++17/20", "C#/.NET"); a final period splits
    after any letter or digit ("Objective-C.", "Unity3D.", "in R."), where spaCy keeps it after
    capitals as if the word were an initial; and web addresses need a scheme or "www." to stay
    whole, where spaCy took "Node.js/Express" for one.
    """
    import spacy

    _register_tokenizer()
    return spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "jobmatch.tokenizer.v1"}}})


@lru_cache(maxsize=1)
def _register_tokenizer() -> None:
    # Registered with spaCy's registry and named in the config, the tokenizer is built once, whole:
    # setting rules on the default tokenizer afterwards reloads its special cases every time.
    import spacy
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    @spacy.registry.tokenizers("jobmatch.tokenizer.v1")
    def create_tokenizer() -> Callable[[Language], Tokenizer]:
        def make(nlp: Language) -> Tokenizer:
            defaults = nlp.Defaults
            infixes = [*(defaults.infixes or []), r"(?<=[+#0-9])/(?=[\w.])"]
            suffixes = [*(defaults.suffixes or []), r"(?<=[A-Za-z0-9+#])\."]
            # spaCy's white-space exceptions (" ", "\n", "\xa0"…) give the very tokens the rules give
            # anyway, but meeting one stops the chunk cache for the rest of a text: scraped postings,
            # a line break in every few words, then tokenized at half speed.
            rules = {k: v for k, v in (defaults.tokenizer_exceptions or {}).items() if not k.isspace()}
            return Tokenizer(
                nlp.vocab,
                rules=rules,
                prefix_search=compile_prefix_regex(defaults.prefixes or []).search,
                suffix_search=compile_suffix_regex(suffixes).search,
                infix_finditer=compile_infix_regex(infixes).finditer,
                token_match=defaults.token_match,
                url_match=_URL_RE.match,
                max_cache_size=_CHUNK_CACHE,
            )

        return make


def _tokenizer(nlp: Language) -> Tokenizer:
    # spaCy types nlp.tokenizer as any callable; a blank pipeline's is always a Tokenizer
    return cast("Tokenizer", nlp.tokenizer)


def _variants(form: str) -> set[str]:
    """A form plus its hyphen/space twins: "amazon web services" ~ "amazon-web-services"."""
    out = {form}
    if " " in form:
        out.add(form.replace(" ", "-"))
    if "-" in form and " " not in form:
        out.add(form.replace("-", " "))
    return out


@dataclass(frozen=True)
class _Rules:
    """The context rules of ``context.json``, as sets of spaCy LOWER hashes for quick lookups."""

    cues: dict[int, tuple[tuple[int, ...], ...]]
    strict_cues: dict[int, tuple[tuple[int, ...], ...]]
    phrase_cues: dict[int, tuple[tuple[int, ...], ...]]
    weak_cues: frozenset[int]
    fillers: frozenset[int]
    tech_nouns: frozenset[int]
    strict_nouns: frozenset[int]
    clause_nouns: frozenset[int]
    separators: frozenset[int]
    closers: frozenset[int]
    list_heads: frozenset[int]


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


def _load_context() -> dict:
    return json.loads(data_path("context.json").read_text(encoding="utf-8"))


def _make_rules(nlp: Language, context: dict) -> _Rules:
    def phrases(name: str) -> dict[int, tuple[tuple[int, ...], ...]]:
        # tokenized like the text and indexed by the last token, for a backwards look
        index: dict[int, list[tuple[int, ...]]] = {}
        for doc in _tokenizer(nlp).pipe(context[name]):
            words = tuple(t.lower for t in doc)
            index.setdefault(words[-1], []).append(words)
        return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}

    def words(name: str) -> frozenset[int]:
        return frozenset(nlp.vocab.strings.add(w.lower()) for w in context[name])

    strict = phrases("strict_cues")
    return _Rules(
        cues=phrases("cues"),
        strict_cues=strict,
        # everyday phrases ("testing", "staffing") need more than "in" or "using" before them
        phrase_cues={k: v for k, v in ((k, tuple(p for p in v if len(p) > 1)) for k, v in strict.items()) if v},
        weak_cues=words("weak_cues"),
        fillers=words("fillers"),
        tech_nouns=words("tech_nouns"),
        strict_nouns=words("strict_nouns"),
        clause_nouns=words("clause_nouns") | words("strict_nouns"),
        separators=words("list_separators"),
        closers=words("list_closers") | words("tech_nouns"),
        list_heads=words("list_heads"),
    )


class SkillPatterns:
    """Compiled matchers for one taxonomy; ``find(doc)`` gives ``(start, end, skill_id)`` token spans."""

    def __init__(
        self,
        nlp: Language,
        matcher: PhraseMatcher | None,
        blockers: Matcher,
        keys: dict[int, _Key],
        rules: _Rules,
        blocker_patterns: list[list[dict]],
        *,
        load_matcher: Callable[[], PhraseMatcher] | None = None,
        first_words: dict[str, str] | None = None,
        make_glue: Callable[[], GlueSplitter] | None = None,
        kindred: frozenset[tuple[str, str]] = frozenset(),
    ) -> None:
        self.nlp = nlp
        # The PhraseMatcher, or how to get it. Loading all 24,000 patterns takes a tenth of a
        # second; a process that reads one text builds a small matcher of the patterns whose first
        # word that text holds (``first_words``), and loads the whole one from the second text on.
        assert matcher is not None or load_matcher is not None, "a matcher or a way to load one"
        self._matcher = matcher
        self._load_matcher = load_matcher
        self._first_words = first_words
        self._blockers = blockers
        self._keys = keys
        self._rules = rules
        self._blocker_patterns = blocker_patterns
        self._words: dict[int, str] = {}
        self._blockable_cache: dict[tuple[str, str, str], bool] = {}
        self._make_glue = make_glue
        self._kindred = kindred  # pairs of ambiguous skills related in the taxonomy, both orders
        self._glue: GlueSplitter | None = None

    def unglue(self, doc: Doc, text: str | None = None) -> Doc:
        """``doc`` (of ``text``) with the tokens of glued blocks split ("SQLSkills" → "SQL",
        "Skills"); see glue.py."""
        if self._glue is None:
            if self._make_glue is None:
                return doc
            self._glue = self._make_glue()
        return self._glue.split(doc, text)

    def tokenize(self, text: str) -> Doc:
        """``text`` as a Doc, in time proportional to its length: a long run without white space
        becomes one token (spaCy would take time that grows with the square of its length)."""
        tokenizer = self.nlp.tokenizer
        if _LONG_RUN_RE.search(text) is None:
            return tokenizer(text)
        from spacy.tokens import Doc as SpacyDoc

        # tokenize a copy where each long run is one plain word, then lay the real text over it
        masked = tokenizer(_LONG_RUN_RE.sub(lambda m: "x" * len(m.group()), text))
        words = [text[t.idx : t.idx + len(t)] for t in masked]
        return SpacyDoc(self.nlp.vocab, words=words, spaces=[bool(t.whitespace_) for t in masked])

    def _phrase_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        if self._matcher is None:
            if self._first_words is not None:
                first_words, self._first_words = self._first_words, None  # once only
                return list(self._sparse_matcher(doc, first_words)(doc))
            assert self._load_matcher is not None
            self._matcher = self._load_matcher()
        return list(self._matcher(doc))

    def _sparse_matcher(self, doc: Doc, first_words: dict[str, str]) -> PhraseMatcher:
        from spacy.matcher import PhraseMatcher
        from spacy.tokens import Doc as SpacyDoc

        wanted: dict[str, list[list[str]]] = {}
        present = {t.lower_ for t in doc}
        for word in present:
            for line in filter(None, first_words.get(word, "").split("\n")):  # not splitlines: it splits at RS
                label, _, joined = line.partition("\x1e")
                words = joined.split("\x1f")
                if present.issuperset(words):  # a pattern can only match where all its words are
                    wanted.setdefault(label, []).append(words)
        matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        for label, specs in wanted.items():
            matcher.add(label, [SpacyDoc(self.nlp.vocab, words=words) for words in specs])
        return matcher

    def _word(self, lower: int) -> str:
        """The lower-case text of a LOWER hash."""
        word = self._words.get(lower)
        if word is None:
            word = self._words[lower] = self.nlp.vocab.strings[lower]
        return word

    def _is_space(self, lower: int) -> bool:
        """Whether the token with this LOWER hash is white space (a line break, say)."""
        return self._word(lower).isspace()

    def _blockable(self, before: str, word: str, after: str) -> bool:
        """Whether some blocker could cover ``word`` between these neighbours: a cheap, cached
        necessary condition, so that most matches need no Matcher call."""
        key = (before, word, after)
        known = self._blockable_cache.get(key)
        if known is None:
            known = self._blockable_cache[key] = any(
                _spec_may_match(spec, word)
                and (p == 0 or pattern[p - 1].get("OP") == "?" or _spec_may_match(pattern[p - 1], before))
                and (p == len(pattern) - 1 or pattern[p + 1].get("OP") == "?" or _spec_may_match(pattern[p + 1], after))
                for pattern in self._blocker_patterns
                for p, spec in enumerate(pattern)
            )
        return known

    def find(self, doc: Doc) -> list[tuple[int, int, str]]:
        """Skill spans in ``doc``, in text order, after longest-match and the ambiguity gate."""
        # longest first, then leftmost: (-length, start) sorts natively
        found = [(s - e, s, e, key) for key, s, e in self._phrase_matches(doc)]
        if not found:
            return []
        found.sort()
        taken = bytearray(len(doc))
        chosen: list[tuple[int, int, int]] = []
        for _, s, e, key in found:
            if not any(taken[s:e]):
                taken[s:e] = b"\x01" * (e - s)
                chosen.append((s, e, key))
        chosen.sort()
        spans: list[_Span] = []
        gated = False
        for s, e, key in chosen:
            skill_id, surfaces, flag = self._keys[key]
            if surfaces is None:
                spans.append((s, e, skill_id, _PLAIN, flag))
                gated = gated or flag
                continue
            # an ambiguous form: its case decides the kind ("Go", "go", "GO"), or rules it out
            surface = doc[s].text if e - s == 1 else " ".join(t.text for t in doc[s:e])
            kind = surfaces.get(surface)
            if kind is not None:
                spans.append((s, e, skill_id, kind, flag))
                gated = True
        if gated:
            spans = _Gate(self, doc, spans).run()
        return [(s, e, skill_id) for s, e, skill_id, _, _ in spans]


class _Gate:
    """The ambiguity gate for one doc: which ambiguous matches have evidence enough to count."""

    def __init__(self, patterns: SkillPatterns, doc: Doc, chosen: list[_Span]) -> None:
        self.p = patterns
        self.rules = patterns._rules
        self.doc = doc
        self.n = len(doc)
        self.chosen = chosen
        self.lower = array("Q", doc.to_array("LOWER").tobytes())  # ints made only where read
        self.starts = {span[0]: i for i, span in enumerate(chosen)}
        self.ends = {span[1] - 1: i for i, span in enumerate(chosen)}
        self.blocked: dict[int, bool] = {}
        self.quiet: set[int] = set()  # capitals amid lower-case words: listed with a written separator only

    def run(self) -> list[_Span]:
        chosen = self.chosen
        accepted = [span[3] == _PLAIN for span in chosen]
        pending: list[int] = []
        for i, (s, e, _, kind, flag) in enumerate(chosen):
            if kind == _PLAIN:
                if flag and self.is_blocked(i):
                    accepted[i] = False
                continue
            if kind == _SHOUT and not self.shouting(s, e):
                # "SWIFT" in a normal sentence is the bank network, not Swift; "Scripting BASH, Ruby"
                # is a list: only a written list vouches for it
                self.quiet.add(i)
                pending.append(i)
                continue
            strict = flag
            # a cue before, a tech noun after, or a list its head names ("Tools: Chef, Puppet")
            if (kind != _LOWER and self.local_evidence(s, e, strict, kind == _PHRASE)) or (
                not strict and self.headed_list(s, e)
            ):
                accepted[i] = not self.is_blocked(i)
            else:
                pending.append(i)
        self.accepted = accepted
        changed = True
        while changed and pending:
            changed = False
            for i in list(pending):
                if self.listed(i):
                    pending.remove(i)
                    accepted[i] = not self.is_blocked(i)
                    changed = changed or accepted[i]
        pending = [i for i in pending if i not in self.quiet]  # a written list only, never a run
        if len(pending) > 1:
            self.accept_runs(pending)
        return [span for span, ok in zip(chosen, accepted, strict=True) if ok]

    def is_blocked(self, i: int) -> bool:
        """Whether a blocker phrase ("C-level", "head chef", "AWS D1.1") covers match i."""
        if i not in self.blocked:
            s, e = self.chosen[i][:2]
            blocked = False
            doc = self.doc
            before = doc[s - 1].text if s > 0 else ""
            after = doc[e].text if e < self.n else ""
            if any(self.p._blockable(before, doc[k].text, after) for k in range(s, e)):
                lo, hi = max(0, s - 2), min(self.n, e + 3)
                blocked = any(bs + lo < e and s < be + lo for _, bs, be in self.p._blockers(self.doc[lo:hi]))
            self.blocked[i] = blocked
        return self.blocked[i]

    def neighbour(self, j: int, step: int, marks_only: bool = False) -> tuple[int | None, bool]:
        """The match next to token j in direction step, across list separators only (punctuation
        alone with ``marks_only``); and whether a written separator (comma, slash, "and"…) stands
        between, not just white space."""
        hops, written, new_line = 0, False, False
        while 0 <= j < self.n and hops <= 2:
            target = self.ends.get(j) if step < 0 else self.starts.get(j)
            if target is not None:
                return target, written
            word = self.p._word(self.lower[j])
            if step < 0 and j - 1 in self.ends and _VERSION_RE.match(word):
                return self.ends[j - 1], written  # "Sencha ExtJS 6, React": a version ends its item
            skip = self.parenthetical(j, step) if word in "()" else None
            if skip is not None:
                j = skip  # "SQL (6 years), R (3 years)": a short aside does not break the list
                continue
            if word.isspace():
                new_line = new_line or "\n" in word
            elif marks_only and word == (")" if step > 0 else "("):
                return None, False  # a lower-case word closing an aside ("free of rust)") ends its list
            elif self.lower[j] in self.rules.separators and not (marks_only and word.isalpha()):
                # a bullet or a separator across a line break does not make a list of two lines
                bullet = word in _BULLETS and (j == 0 or "\n" in self.p._word(self.lower[j - 1]))
                written = written or not (new_line or bullet)
            else:
                return None, False
            j += step
            hops += 1
        return None, False

    def parenthetical(self, j: int, step: int) -> int | None:
        """Past a short bracketed aside on one line that opens (step 1) or closes (step -1) at token j."""
        opener, closer = ("(", ")") if step > 0 else (")", "(")
        if self.p._word(self.lower[j]) != opener:
            return None
        for k in range(j + step, j + 8 * step, step):
            if not 0 <= k < self.n or "\n" in self.p._word(self.lower[k]):
                return None
            if self.p._word(self.lower[k]) == closer:
                return k + step
        return None

    def closes(self, j: int) -> bool:
        """Whether token j ends a list item: edge of text, line break, punctuation, noun or skill."""
        return (
            j < 0 or j >= self.n or self.lower[j] in self.rules.closers or self.p._is_space(self.lower[j])
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
        marks_only = kind == _LOWER
        left, left_written = self.neighbour(s - 1, -1, marks_only)
        right, right_written = self.neighbour(e, 1, marks_only)
        left_ok = left is not None and self.accepted[left]
        right_ok = right is not None and self.accepted[right]
        if i in self.quiet:
            return (left_ok and left_written) or (right_ok and right_written)
        if kind == _LOWER and strict:
            return left_ok and right_ok  # "python r sql": a lone lower-case letter needs both
        # "Python, Go" needs nothing more; bare adjacency ("java spring react") needs the other
        # side to end the item too, so "Kubernetes Go above…" stays out.
        return (left_ok and (left_written or self.closes(e))) or (right_ok and (right_written or self.closes(s - 1)))

    def accept_runs(self, pending: list[int]) -> None:
        """Ambiguous names vouching for each other: three or more in one list ("dart swift unity"),
        or two joined after a weak cue ("models in R and SAS", "runs Hive and Presto")."""
        waiting = set(pending)
        links: dict[int, int] = {}
        for i in pending:
            right, _ = self.neighbour(self.chosen[i][1], 1)
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
                or (s > 0 and self.lower[s - 1] in self.rules.weak_cues)
                or self.etc(self.chosen[run[-1]][1])
                or self.kindred(run)
            ):
                for i in run:
                    self.accepted[i] = not self.is_blocked(i)

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
        rules, lower = self.rules, self.lower
        if s == 0 or lower[s - 1] not in rules.separators or not self.closes(e):
            return False  # an item of its own: "Tools: Chef, Puppet", not "applications: the EMS offerings"
        words = 0  # words of the current item, which stays short in a list
        for j in range(s - 1, max(-1, s - 16), -1):
            word = self.p._word(lower[j])
            if word in ("(", ":"):
                return j > 0 and lower[j - 1] in rules.list_heads
            if "\n" in word:
                return False
            if lower[j] in rules.separators:
                words = 0
            elif not word.isspace():
                words += 1
                if words > 3:
                    return False
        return False

    def local_evidence(self, s: int, e: int, strict: bool, everyday: bool) -> bool:
        """A cue before, or a tech noun or version after; one-letter names and everyday phrases
        need stronger ones."""
        rules, lower = self.rules, self.lower
        cues = rules.phrase_cues if everyday else rules.strict_cues if strict else rules.cues
        j = s - 1
        skipped = 0
        while j >= 0 and lower[j] in rules.fillers and skipped < 2:
            j -= 1
            skipped += 1
        if j >= 0:
            for phrase in cues.get(lower[j], ()):
                k = len(phrase)
                if j + 1 >= k and tuple(lower[j + 1 - k : j + 1]) == phrase:
                    return True
        if e < self.n:
            after = lower[e]
            if after in (rules.strict_nouns if strict else rules.tech_nouns):
                return True
            if not strict:
                if _VERSION_RE.match(self.doc[e].text):
                    return True
                # "React or other modern web frameworks": a tech noun a few words on, same clause
                for k in range(e + 1, min(e + 4, self.n)):
                    if self.p._is_space(lower[k]) or self.doc[k].is_punct:
                        break
                    if lower[k] in rules.clause_nouns:
                        return True
        return False


def build_patterns(taxonomy: Taxonomy, nlp: Language | None = None, *, cache: bool = True) -> SkillPatterns:
    """Compile ``taxonomy`` into matchers on ``nlp`` (a fresh ``make_nlp()`` by default).

    Compiling tokenizes some 26,000 surface forms (most of a second); the result is kept in the
    user's cache folder (``JOBMATCH_CACHE_DIR``, else ``$XDG_CACHE_HOME/jobmatch`` or
    ``~/.cache/jobmatch``), keyed by the taxonomy, the context rules and the spaCy version, so that
    a one-posting command starts quickly. ``cache=False`` (or ``JOBMATCH_CACHE_DIR=off``) skips it.
    """
    from spacy.matcher import Matcher

    nlp = nlp or make_nlp()
    context = _load_context()
    base = _cache_file(taxonomy, context) if cache else None
    cached = _cache.read(base.with_suffix(".index")) if base else None
    blockers = Matcher(nlp.vocab)
    patterns = [rule["pattern"] for rule in context["blockers"]]
    for number, pattern in enumerate(patterns):
        blockers.add(f"block{number}", [pattern])
    rules = _make_rules(nlp, context)

    kindred = _kindred_pairs(taxonomy)

    def make_glue() -> GlueSplitter:
        # built from 26,000 forms in a tenth of a second: kept beside the compiled patterns
        where = base.with_suffix(f".glue{GLUE_FORMAT}") if base else None
        glue = _cache.read(where) if where else None
        if not isinstance(glue, GlueSplitter):
            glue = GlueSplitter((form for skill in taxonomy for form in skill.forms), headers=context["glue_headers"])
            if where:
                _cache.write(where, glue)
        return glue

    if cached is not None:
        keys, first_words = cached

        def load_matcher() -> PhraseMatcher:
            found = _cache.read(base.with_suffix(".matcher")) if base else None
            return found if found is not None else _compile_matcher(taxonomy, context, nlp)[0]

        return SkillPatterns(
            nlp, None, blockers, keys, rules, patterns, load_matcher=load_matcher, first_words=first_words,
            make_glue=make_glue, kindred=kindred,
        )  # fmt: skip
    matcher, keys, first_words = _compile_matcher(taxonomy, context, nlp)
    if base is not None:
        _cache.write(base.with_suffix(".matcher"), matcher)
        _cache.write(base.with_suffix(".index"), (keys, first_words))  # last: it says "all there"
    return SkillPatterns(nlp, matcher, blockers, keys, rules, patterns, make_glue=make_glue, kindred=kindred)


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


def _compile_matcher(
    taxonomy: Taxonomy, context: dict, nlp: Language
) -> tuple[PhraseMatcher, dict[int, _Key], dict[str, str]]:
    from spacy.matcher import PhraseMatcher

    vocab = nlp.vocab
    matcher = PhraseMatcher(vocab, attr="LOWER")
    keys: dict[int, _Key] = {}

    # Patterns are tokenized by a twin pipeline so that their ~12,000 words stay out of the vocab
    # that texts are tokenized with: a vocab that size slows the tokenizer by a tenth. Matching
    # compares LOWER hashes, which are the same in every vocab.
    twin = make_nlp()

    # each pattern under its first word, as "label RS word US word" lines: a text's own words then
    # pick the few patterns that could match it (see SkillPatterns._sparse_matcher)
    by_first: dict[str, list[str]] = {}

    def tokens(texts: list[str], label: str | None = None) -> list[Doc]:
        docs = list(_tokenizer(twin).pipe(texts))
        for doc in docs if label else ():
            words = [t.lower_ for t in doc]
            by_first.setdefault(words[0], []).append(f"{label}\x1e" + "\x1f".join(words))
        return docs

    taken: dict[str, str] = {}  # generated variant → skill id, so twins never steal another's form
    for skill in taxonomy:
        for form in skill.forms:
            taken[form.lower()] = skill.id

    checked = set(context["checked_plain_skills"])
    for skill in taxonomy:
        ambiguous = {a.lower() for a in skill.ambiguous}
        plain = sorted(
            {
                variant
                for form in skill.forms
                if form.lower() not in ambiguous
                for variant in _variants(form)
                if taken.setdefault(variant.lower(), skill.id) == skill.id
            }
        )
        if plain:
            keys[vocab.strings.add(skill.id)] = (skill.id, None, skill.id in checked)
            matcher.add(skill.id, tokens(plain, skill.id))
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
            surfaces = {" ".join(t.text for t in doc): kinds[doc.text] for doc in tokens(list(kinds))}
            strict = all(len(form) == 1 for form in skill.ambiguous)
            label = f"{skill.id}\tambiguous"
            keys[vocab.strings.add(label)] = (skill.id, surfaces, strict)
            matcher.add(label, tokens(sorted({form.lower() for form in skill.ambiguous}), label))

    return matcher, keys, {word: "\n".join(lines) for word, lines in by_first.items()}


_CACHE_FORMAT = 5  # bump when the compiled form changes


def _cache_file(taxonomy: Taxonomy, context: dict) -> Path | None:
    """The cache's base name for this taxonomy and these rules, or None when caching is off."""
    import hashlib

    import spacy

    root = _cache.cache_dir()
    if root is None:
        return None
    key = hashlib.sha256(
        json.dumps([_CACHE_FORMAT, spacy.__version__, taxonomy.version, context], sort_keys=True).encode()
    ).hexdigest()[:20]
    return root / f"patterns-{key}.pickle"
