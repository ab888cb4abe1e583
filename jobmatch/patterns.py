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
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .taxonomy import Taxonomy, data_path

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import Matcher, PhraseMatcher
    from spacy.tokens import Doc

__all__ = ["SkillPatterns", "build_patterns", "make_nlp"]

# Kinds of match: a plain form; an ambiguous form as written; in lower case; in capitals though
# written otherwise ("SWIFT" for "Swift").
_PLAIN, _CASED, _LOWER, _SHOUT = 0, 1, 2, 3
_WEAK_CUES = frozenset({"in", "with", "using", "use", "uses", "run", "runs", "on", "and"})
_VERSION_RE = re.compile(r"^v?\d{1,2}(\.\d+)*\+?$")
_URL_RE = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)\S+$", re.IGNORECASE)
_FRAMEWORK_NOUNS = frozenset({"framework", "frameworks", "libraries", "stack", "ecosystem", "applications"})


def make_nlp() -> Language:
    """spaCy's blank English pipeline, its tokenizer taught three things postings need.

    Brackets and slashes split inside words ("Python(4", "Node.js/Express", "C++17/20"), and a
    final period splits after any letter or digit ("Objective-C.", "Unity3D.", "in R."), where
    spaCy keeps it after capitals as if the word were an initial. Web addresses need a scheme
    or "www." to stay whole.
    """
    import spacy
    from spacy.util import compile_infix_regex, compile_suffix_regex

    nlp = spacy.blank("en")
    infixes = [*nlp.Defaults.infixes, r"[\(\)\[\]]", r"(?<=[\w.+#])/(?=[\w.])"]
    suffixes = [*nlp.Defaults.suffixes, r"(?<=[A-Za-z0-9+#])\."]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    # spaCy's URL rule takes "Node.js/Express" for a web address; ask for a scheme or www.
    nlp.tokenizer.url_match = _URL_RE.match
    return nlp


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
    cues: dict[str, tuple[tuple[str, ...], ...]]
    strict_cues: dict[str, tuple[tuple[str, ...], ...]]
    fillers: frozenset[str]
    tech_nouns: frozenset[str]
    strict_nouns: frozenset[str]
    separators: frozenset[str]
    closers: frozenset[str]


def _load_context() -> dict:
    return json.loads(data_path("context.json").read_text(encoding="utf-8"))


def _index_phrases(nlp: Language, phrases: list[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Cue phrases tokenized like the text and indexed by their last token, for a backwards look."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for doc in nlp.tokenizer.pipe(phrases):
        words = tuple(t.lower_ for t in doc)
        index.setdefault(words[-1], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


class SkillPatterns:
    """Compiled matchers for one taxonomy; ``find(doc)`` gives ``(start, end, skill_id)`` token spans."""

    def __init__(
        self,
        nlp: Language,
        plain: PhraseMatcher,
        ambiguous: PhraseMatcher,
        blockers: Matcher,
        keys: dict[int, tuple[str, int, bool]],
        rules: _Rules,
    ) -> None:
        self.nlp = nlp
        self._plain = plain
        self._ambiguous = ambiguous
        self._blockers = blockers
        # match key → (skill id, kind, flag); the flag is "one-letter form" for ambiguous kinds and
        # "checked against the blockers" for plain ones ("AWS D1.1" is a welding code)
        self._keys = keys
        self._rules = rules

    def find(self, doc: Doc) -> list[tuple[int, int, str]]:
        """Skill spans in ``doc``, in text order, after longest-match and the ambiguity gate."""
        found = [(s, e, key) for key, s, e in self._plain(doc)]
        found += [(s, e, key) for key, s, e in self._ambiguous(doc)]
        if not found:
            return []
        found.sort(key=lambda m: (m[0] - m[1], m[0]))
        taken = bytearray(len(doc))
        chosen: list[tuple[int, int, int]] = []
        for s, e, key in found:
            if not any(taken[s:e]):
                taken[s:e] = b"\x01" * (e - s)
                chosen.append((s, e, key))
        chosen.sort()
        keys = self._keys
        if any(keys[key][1] != _PLAIN or keys[key][2] for _, _, key in chosen):
            chosen = self._gate(doc, chosen)
        return [(s, e, keys[key][0]) for s, e, key in chosen]

    # -- the ambiguity gate -------------------------------------------------------------------

    def _gate(self, doc: Doc, chosen: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
        keys, rules = self._keys, self._rules
        n = len(doc)
        lower = [t.lower_ for t in doc]
        # Blocked phrases ("C-level", "head chef", "AWS D1.1") are no skill at all.
        chosen = [
            (s, e, key)
            for s, e, key in chosen
            if not ((keys[key][1] != _PLAIN or keys[key][2]) and self._blocked(doc, s, e))
        ]
        starts = {s: i for i, (s, _, _) in enumerate(chosen)}
        ends = {e - 1: i for i, (_, e, _) in enumerate(chosen)}
        accepted = [keys[key][1] == _PLAIN for _, _, key in chosen]
        pending: list[int] = []
        for i, (s, e, key) in enumerate(chosen):
            if accepted[i]:
                continue
            _, kind, strict = keys[key]
            if kind == _SHOUT and not self._shouting(doc, s, e):
                continue  # "SWIFT" in a normal sentence is the bank network, not Swift
            if kind != _LOWER and self._local_evidence(doc, lower, s, e, strict):
                accepted[i] = True
            else:
                pending.append(i)

        def neighbour(j: int, step: int) -> tuple[int | None, bool]:
            """The chosen span next to token j in direction step, across list separators only;
            and whether a written separator (comma, slash, "and"…) stands between, not just space."""
            hops, written = 0, False
            while 0 <= j < n and hops <= 2:
                target = ends.get(j) if step < 0 else starts.get(j)
                if target is not None:
                    return target, written
                if doc[j].is_space:
                    pass
                elif lower[j] in rules.separators:
                    written = True
                else:
                    return None, False
                j += step
                hops += 1
            return None, False

        def closes(j: int) -> bool:
            """Whether token j ends a list item: edge of text, line break, punctuation or a skill."""
            return (
                j < 0
                or j >= n
                or doc[j].is_space
                or lower[j] in rules.closers
                or lower[j] in rules.tech_nouns
                or j in starts
                or j in ends
            )

        def listed(i: int) -> bool:
            s, e, key = chosen[i]
            (left, left_written), (right, right_written) = neighbour(s - 1, -1), neighbour(e, 1)
            left_ok = left is not None and accepted[left]
            right_ok = right is not None and accepted[right]
            if keys[key][1] == _LOWER and keys[key][2]:
                return left_ok and right_ok  # "python r sql": a lone lower-case letter needs both
            # "Python, Go" needs nothing more; bare adjacency ("java spring react") needs the
            # other side to end the item too, so "Kubernetes Go above…" stays out.
            return (left_ok and (left_written or closes(e))) or (right_ok and (right_written or closes(s - 1)))

        changed = True
        while changed and pending:
            changed = False
            for i in list(pending):
                if listed(i):
                    accepted[i] = True
                    pending.remove(i)
                    changed = True
        if len(pending) > 1:
            self._accept_runs(chosen, pending, accepted, neighbour, lower)
        return [span for span, ok in zip(chosen, accepted) if ok]

    def _accept_runs(self, chosen, pending, accepted, neighbour, lower) -> None:  # type: ignore[no-untyped-def]
        """Ambiguous names vouching for each other: three or more in one list ("dart swift unity"),
        or two joined after a weak cue ("models in R and SAS", "runs Hive and Presto")."""
        waiting = set(pending)
        links: dict[int, int] = {}
        for i in pending:
            right, written = neighbour(chosen[i][1], 1)
            if right is not None and right in waiting:
                links[i] = right
        heads = [i for i in links if i not in links.values()]
        for head in heads:
            run = [head]
            while run[-1] in links:
                run.append(links[run[-1]])
            s = chosen[head][0]
            weak = s > 0 and lower[s - 1] in _WEAK_CUES
            if len(run) >= 3 or weak:
                for i in run:
                    accepted[i] = True

    def _shouting(self, doc: Doc, s: int, e: int) -> bool:
        """Whether the words around a capitalised name are capitalised too ("SKILLS: C, PYTHON")."""
        for k in (*range(s - 1, max(-1, s - 4), -1), *range(e, min(len(doc), e + 3))):
            token = doc[k]
            if token.is_alpha and len(token) > 1:
                return token.is_upper
        return False

    def _blocked(self, doc: Doc, s: int, e: int) -> bool:
        lo, hi = max(0, s - 2), min(len(doc), e + 3)
        window = doc[lo:hi]
        return any(bs + lo < e and s < be + lo for _, bs, be in self._blockers(window))

    def _local_evidence(self, doc: Doc, lower: list[str], s: int, e: int, strict: bool) -> bool:
        """A cue before, or a tech noun or version after; one-letter forms need stronger ones."""
        rules = self._rules
        cues = rules.strict_cues if strict else rules.cues
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
        if e < len(doc):
            after = lower[e]
            if after in (rules.strict_nouns if strict else rules.tech_nouns):
                return True
            if not strict:
                if _VERSION_RE.match(after):
                    return True
                # "React or other modern web frameworks": a tech noun a few words on, same clause
                for k in range(e + 1, min(e + 4, len(doc))):
                    if doc[k].is_punct or doc[k].is_space:
                        break
                    if lower[k] in rules.strict_nouns or lower[k] in _FRAMEWORK_NOUNS:
                        return True
        return False


def build_patterns(taxonomy: Taxonomy, nlp: Language | None = None) -> SkillPatterns:
    """Compile ``taxonomy`` into matchers on ``nlp`` (a fresh ``make_nlp()`` by default)."""
    from spacy.matcher import Matcher, PhraseMatcher

    nlp = nlp or make_nlp()
    vocab = nlp.vocab
    plain = PhraseMatcher(vocab, attr="LOWER")
    ambiguous = PhraseMatcher(vocab, attr="ORTH")
    keys: dict[int, tuple[str, int, bool]] = {}

    taken: dict[str, str] = {}  # generated variant → skill id, so twins never steal another's form
    for skill in taxonomy:
        for form in skill.forms:
            taken[form.lower()] = skill.id

    plain_forms: dict[str, list[str]] = {}
    ambiguous_forms: dict[tuple[str, int, bool], set[str]] = {}
    for skill in taxonomy:
        ambiguous_lower = {a.lower() for a in skill.ambiguous}
        for form in skill.forms:
            if form.lower() in ambiguous_lower:
                continue
            for variant in _variants(form):
                if taken.setdefault(variant.lower(), skill.id) == skill.id:
                    plain_forms.setdefault(skill.id, []).append(variant)
        for form in skill.ambiguous:
            strict = len(form) == 1
            cased = {form}
            if form.islower():  # a phrase that needs evidence whatever its case: "quality engineering"
                cased |= {form.capitalize(), form.title(), form.upper()}
            else:
                ambiguous_forms.setdefault((skill.id, _LOWER, strict), set()).add(form.lower())
                if form.upper() != form:
                    ambiguous_forms.setdefault((skill.id, _SHOUT, strict), set()).add(form.upper())
            ambiguous_forms.setdefault((skill.id, _CASED, strict), set()).update(cased)

    context = _load_context()
    checked = set(context["checked_plain_skills"])
    for skill_id, forms in plain_forms.items():
        key = vocab.strings.add(skill_id)
        keys[key] = (skill_id, _PLAIN, skill_id in checked)
        plain.add(skill_id, list(nlp.tokenizer.pipe(sorted(set(forms)))))
    for (skill_id, kind, strict), forms in ambiguous_forms.items():
        label = f"{skill_id}\t{kind}"
        key = vocab.strings.add(label)
        keys[key] = (skill_id, kind, strict)
        ambiguous.add(label, list(nlp.tokenizer.pipe(sorted(forms))))

    blockers = Matcher(vocab)
    for number, rule in enumerate(context["blockers"]):
        blockers.add(f"block{number}", [rule["pattern"]])

    def words(name: str) -> frozenset[str]:
        return frozenset(w.lower() for w in context[name])

    rules = _Rules(
        cues=_index_phrases(nlp, context["cues"]),
        strict_cues=_index_phrases(nlp, context["strict_cues"]),
        fillers=words("fillers"),
        tech_nouns=words("tech_nouns"),
        strict_nouns=words("strict_nouns"),
        separators=words("list_separators"),
        closers=words("list_closers"),
    )
    return SkillPatterns(nlp, plain, ambiguous, blockers, keys, rules)
