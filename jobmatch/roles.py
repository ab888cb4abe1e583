"""The role taxonomy: what job a posting is for, and what job a person is after.

Roles are data (``models/roles.jsonl``): each has a name, the titles that name it ("Staff Nurse",
"SDE", "Site Reliability Engineer"), optionally qualifiers and head nouns that compose a title
("Senior Software Engineer (Java)", "Back End JAVA Developer": a qualifier *java* and a head
*developer*), a parent ("Java Developer" is a back-end developer, who is a software developer), a
family, related roles with how close they are, the skills holding the role shows, its core skills,
and the credentials some of its titles show ("Registered Nurse": the RN licence, which the title
needs by law).

A title is read with words of rank ignored by construction (they are simply not part of any title
phrase); a posting with no usable title gets the role its text names ("We are hiring a Java
developer…", "As a Staff Nurse you will…"), or the role its text names most often.

``role_features`` turns roles into weighted features (the role itself, its ancestors, family and
related roles, each weaker), so that ranking can compare a posting's role with a person's target by
cosine: the same role 1, a neighbour part, another trade 0.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache

from .taxonomy import data_path

__all__ = ["Role", "RoleTaxonomy", "load_roles", "posting_roles"]

# Head nouns that make a software role from a qualifier: "Java" + "Developer", "React" + "Engineer".
_DEV_HEADS = (
    "developer", "engineer", "programmer", "software engineer", "software developer", "architect", "tech lead",
    "technical lead", "team lead", "team leader", "lead", "specialist", "consultant", "expert", "craftsman",
    "coder", "dev", "contractor", "development engineer",
)  # fmt: skip
_HEADS = {"dev": _DEV_HEADS}
# Heads that also modify other jobs' nouns ("Lead Maintenance Planner", "Sales Specialist"): with a
# qualifier only right before them ("Mobile Lead", "React Specialist"), not anywhere in the title
# ("Lead Maintenance Planner – Mobile Fleet" is no mobile developer)
_NEAR_ONLY_HEADS = frozenset({
    "lead", "team lead", "team leader", "tech lead", "technical lead", "specialist", "consultant", "expert",
    "contractor",
})  # fmt: skip

# what may stand between a head and the qualifier right after it: "Team Lead Java", "Tech Lead - iOS",
# "Tech Lead with Java", "expert in AWS"
_BETWEEN_RE = re.compile(r"[\s/,&:()–—-]*(?:(?:in|with|for|of|on)\s+)?", re.I)

# How much of a role's weight its relatives carry in its feature vector.
_PARENT_DECAY = 0.6
_FAMILY_WEIGHT = 0.25

_WORD_EDGE_L = r"(?<![\w+#])"
_WORD_EDGE_R = r"(?![\w+#]|\.\w)"


@dataclass(frozen=True)
class Role:
    """One role of the taxonomy."""

    id: str
    name: str
    family: str
    parent: str | None
    titles: tuple[str, ...]
    title_only: tuple[str, ...] = ()  # names of a field that make a title but not a mention ("DevOps", "Nursing")
    qualifiers: tuple[str, ...] = ()
    heads: tuple[str, ...] = ()
    related: Mapping[str, float] = field(default_factory=dict)
    skills: tuple[str, ...] = ()
    core: tuple[str, ...] = ()
    # titles the law reserves to holders of a credential, in lower case → the credential's skills:
    # a résumé that holds the title "Registered Nurse" holds the RN licence
    credentials: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def _longest_first(phrases: Iterable[str]) -> list[str]:
    """Longest first, so that the longest phrase that matches at a position wins."""
    return sorted(set(phrases), key=lambda p: (-len(p), p))


def _alternation(phrases: Iterable[str]) -> str:
    r"""The phrases as regex alternatives, longest first, a space read as ``[\s_]+`` and a hyphen as
    ``[\s\-]?``: "front-end" is also "front end" and "frontend"."""
    return "|".join(re.escape(p).replace(r"\ ", r"[\s_]+").replace(r"\-", r"[\s\-]?") for p in _longest_first(phrases))


def _ends_vary(phrase: str) -> bool:
    """Whether a match of the phrase at one place could end at two (a space or hyphen before another or last)."""
    return re.search(r"[ -](?:[\s_-]|$)", phrase) is not None


def _compile(phrases: Iterable[str], then: str = "") -> re.Pattern[str]:
    """The phrases as one regex, as the taxonomy always read them: whole words, case ignored."""
    return re.compile(_WORD_EDGE_L + "(?:" + _alternation(phrases) + ")" + then, re.IGNORECASE)


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# A phrase is looked up by the first word a match of it starts with: its first run of letters and digits.
# Phrases are ASCII and a text is folded first, so ASCII runs find them.
_RUN = re.compile(r"[a-z0-9]+")


def _fold(text: str) -> str:
    """``text`` in lower case as re.IGNORECASE compares it with ASCII phrases, one character for one:
    "İ", "ı" and "ſ" match i, i and s there, where lower() keeps the last two and makes "İ" two characters."""
    if text.isascii():
        return text.lower()
    return text.replace("İ", "i").replace("ı", "i").replace("ſ", "s").lower()


def _lead_words(phrase: str) -> set[tuple[str, str | None]] | None:
    """The first two words a match of ``phrase`` can start with in a text (runs of letters and digits), a
    pair for each way of writing its hyphens: "front-end developer": (front, end), (frontend, developer).
    A phrase that starts with punctuation starts with that (".net core": (".", "net")); a phrase of one
    word has None for the second. None when a text's words can't say where it starts (a phrase that starts
    with a space or a hyphen, or is not ASCII)."""
    if not phrase.isascii() or not phrase or phrase[0] == "-" or phrase[0].isspace():
        return None
    low = phrase.lower()
    runs = _RUN.findall(low)
    if low[0].isalnum() and "-" not in low:  # most phrases: words and spaces
        return {(runs[0], runs[1] if len(runs) > 1 else None)}
    seps = _RUN.split(low)  # seps[i] comes before runs[i]

    def words_from(i: int) -> list[tuple[str, int]]:
        """The words that can start at run i, each with the run after it: a hyphen left out joins two."""
        out, word = [], ""
        for j in range(i, len(runs)):
            word += runs[j]
            out.append((word, j + 1))  # a space, a written hyphen, other punctuation or the end ends it
            if seps[j + 1] != "-":
                break
        return out

    def seconds(i: int) -> list[str | None]:
        return [word for word, _ in words_from(i)] or [None]

    if seps[0]:
        return {(low[0], second) for second in seconds(0)}
    return {(first, second) for first, after in words_from(0) for second in seconds(after)}


class _Words:
    """Where a phrase may start in ``text``: each word of it that is one of ``known`` (folded), and each
    punctuation mark of ``known`` that follows no letter or digit, in order."""

    def __init__(self, text: str, known: frozenset[str]) -> None:
        self.text = text
        self.low = low = _fold(text)
        self.starts = [(m.start(), w) for m in _RUN.finditer(low) if (w := m.group()) in known]
        marks = [(at, mark) for mark in _punctuation(known) if mark in low for at in _marks(low, mark)]
        if marks:
            self.starts = sorted(self.starts + marks)


@lru_cache(maxsize=8)
def _punctuation(known: frozenset[str]) -> tuple[str, ...]:
    """The marks among ``known`` (what opens with no letter or digit: "c#", "."): a few of its thousands
    of words, picked out once, not for every text."""
    return tuple(mark for mark in known if not mark[0].isalnum())


def _marks(low: str, mark: str) -> Iterator[int]:
    at = low.find(mark)
    while at >= 0:
        if not (at and low[at - 1].isalnum()):
            yield at
        at = low.find(mark, at + 1)


class _Phrases:
    r"""Finds what one case-insensitive regex would, ``(?<![\w+#])(?:`` the phrases' _alternation ``)`` and then
    ``then`` (by default the end of a word), without compiling that regex whole. Phrases are indexed by the
    first words a match of them can start with, so where a match may start is a look-up in a text's _Words,
    and only there does a small regex run: the phrases of that word, compiled the first time a text holds it
    followed by a word one of them can go on with. ``then`` must not let a letter or digit follow a phrase.
    When ``then`` reads on (it is not a look-ahead), it is matched after each phrase in turn, longest first,
    as the whole regex would backtrack from one alternative to the next.
    """

    def __init__(self, phrases: Iterable[str], *, then: str | None = None) -> None:
        phrases = _longest_first(phrases)
        leads = [(p, _lead_words(p)) for p in phrases]
        self._by_word: dict[str, list[str]] = defaultdict(list)  # first word → its phrases, longest first
        self._pairs: set[tuple[str, str | None]] = set()
        for phrase, pairs in leads:
            for first in dict.fromkeys(first for first, _ in pairs or ()):
                self._by_word[first].append(phrase)
            self._pairs.update(pairs or ())
        self.words = frozenset(self._by_word)  # what a text's _Words must know
        self._then = then
        self._ready: set[str] = set()  # words whose phrases are compiled, or will be at once
        self._groups: dict[str, re.Pattern[str]] = {}  # a word's phrases, then the end of a word
        self._singles: dict[str, re.Pattern[str]] = {}  # one phrase, for a ``then`` that reads on
        self._whole: re.Pattern[str] | None = None
        if not phrases or any(pairs is None for _, pairs in leads) or (then and any(map(_ends_vary, phrases))):
            # phrases a word can't find, or one whose end a following pattern could move: the whole regex
            self._whole = _compile(phrases, then or _WORD_EDGE_R)

    def _could_start(self, words: _Words, at: int, word: str) -> bool:
        """Whether the word after ``word`` lets one of its phrases start at ``at``: asked before compiling
        them, so that the phrases of common words ("support", "process") are compiled only when needed."""
        after = _RUN.search(words.low, at + len(word))
        return (word, after.group() if after else None) in self._pairs or (word, None) in self._pairs

    def _match(self, words: _Words, at: int, word: str) -> tuple[int, int] | None:
        """The span of the match at ``at`` of the phrases that start with ``word``, if there is one."""
        if word not in self._ready:  # its phrases not compiled yet
            if not self._could_start(words, at, word):
                return None
            self._ready.add(word)
        text = words.text
        if self._then is None:
            if (group := self._groups.get(word)) is None:
                group = self._groups[word] = _compile(self._by_word[word], _WORD_EDGE_R)
            m = group.match(text, at)
            return m.span() if m else None
        for phrase in self._by_word[word]:
            if (single := self._singles.get(phrase)) is None:
                single = self._singles[phrase] = _compile([phrase])
            if (m := single.match(text, at)) and (t := _regex(self._then).match(text, m.end())):
                return at, t.end()
        return None

    def finditer(self, words: _Words) -> Iterator[tuple[int, int]]:
        """The spans of the matches in ``words.text``, as ``re.finditer`` would give them: leftmost first, none
        overlapping."""
        if self._whole is not None:
            yield from (m.span() for m in self._whole.finditer(words.text))
            return
        end = 0
        for at, word in words.starts:
            if at >= end and word in self._by_word and (span := self._match(words, at, word)):
                yield span
                end = span[1]

    def search(self, words: _Words) -> tuple[int, int] | None:
        """The span of the first match, as ``re.search`` would give it."""
        return next(self.finditer(words), None)


class RoleTaxonomy:
    """The roles, with lookups from titles, texts and names."""

    def __init__(self, roles: Iterable[Role]) -> None:
        self.roles = {r.id: r for r in roles}
        self._title_of: dict[str, str] = {}  # lookup key of a title → role id
        self._titles: list[str] = []
        for role in self.roles.values():
            for title in (role.name, *role.titles, *role.title_only):
                self._title_of.setdefault(_norm(title), role.id)
            self._titles.extend(t.lower() for t in (role.name, *role.titles))
        self._fields = [t.lower() for role in self.roles.values() for t in role.title_only]

    def __getitem__(self, role_id: str) -> Role:
        return self.roles[role_id]

    def __contains__(self, role_id: object) -> bool:
        return role_id in self.roles

    def __iter__(self) -> Iterator[Role]:
        return iter(self.roles.values())

    @cached_property
    def _title_phrases(self) -> _Phrases:
        return _Phrases(self._titles + self._fields)

    @cached_property
    def _field_keys(self) -> set[str]:
        return set(map(_norm, self._fields))

    @cached_property
    def _qualified(self) -> list[tuple[str, _Phrases, _Phrases]]:
        heads: dict[tuple[str, ...], _Phrases] = {}  # one per set of head nouns (every software role has the same)
        out = []
        for role in self.roles.values():
            if role.qualifiers:
                if role.heads not in heads:
                    heads[role.heads] = _Phrases(h for h in role.heads if h not in _NEAR_ONLY_HEADS)
                out.append((role.id, _Phrases(role.qualifiers), heads[role.heads]))
        return out

    @cached_property
    def _near_only_heads(self) -> _Phrases:
        return _Phrases(h for r in self.roles.values() for h in r.heads if h in _NEAR_ONLY_HEADS)

    @cached_property
    def _adjacent_phrases(self) -> _Phrases:
        """A qualifier followed within two words by a head, in running text: "Java backend developer"."""
        heads = _alternation(h for r in self.roles.values() for h in r.heads)
        return _Phrases(
            (q for r in self.roles.values() for q in r.qualifiers),
            then=rf"(?:[\s/,&+-]+[\w.#+]+){{0,2}}?[\s/,&+-]+(?:{heads})" + _WORD_EDGE_R,
        )

    @cached_property
    def _known(self) -> frozenset[str]:
        """Every word a phrase is looked up by: what a text's _Words must know."""
        found = [
            self._title_phrases,
            self._adjacent_phrases,
            self._near_only_heads,
            *(p for _, q, h in self._qualified for p in (q, h)),
        ]
        return frozenset().union(*(p.words for p in found))

    def ancestors(self, role_id: str) -> list[str]:
        chain, seen = [], {role_id}
        parent = self.roles[role_id].parent
        while parent and parent not in seen:
            chain.append(parent)
            seen.add(parent)
            parent = self.roles[parent].parent
        return chain

    def _most_specific(self, found: Iterable[str]) -> tuple[str, ...]:
        found = list(dict.fromkeys(found))
        above = {a for r in found for a in self.ancestors(r)}
        return tuple(r for r in found if r not in above)

    def in_title(self, title: str | None) -> tuple[str, ...]:
        """The roles a job title names, most specific only ("Senior Software Engineer (Java)": Java
        Developer), in the order they appear; () when it names none."""
        if not title:
            return ()
        title = title[:200]
        words = _Words(title, self._known)
        found = [(a, self._title_of[_norm(title[a:b])]) for a, b in self._title_phrases.finditer(words)]
        # a qualifier with a head anywhere in the title ("Senior Software Engineer (Java)"), or right
        # before one that also modifies other jobs' nouns ("Mobile Lead")
        near = {a for a, _ in self._adjacent_phrases.finditer(words)}
        # (or right after one: "Team Lead Java", "Technical Lead – Mobile")
        near.update(m.end() for _, d in self._near_only_heads.finditer(words) if (m := _BETWEEN_RE.match(title, d)))
        spans = [
            (a, b, role_id)
            for role_id, qualifier, head in self._qualified
            for anywhere in (head.search(words) is not None,)
            for a, b in qualifier.finditer(words)
            if anywhere or a in near
        ]
        # a qualifier inside another role's longer one names nothing: "Java" in "Java Script
        # Developer", "React" in "React Native Developer"
        found += [
            (a, role_id)
            for a, b, role_id in spans
            if not any(a2 <= a and b <= b2 and b2 - a2 > b - a for a2, b2, _ in spans)
        ]
        return self._most_specific(r for _, r in sorted(found))

    def in_text(self, text: str, *, window: int = 3000) -> tuple[str, ...]:
        """The role a posting's text says it is for: one named after a hiring cue ("we are looking for
        a Java developer", "as a Staff Nurse you will") in its opening, else the one it names most
        often (twice at least). Plurals don't count: "work with data scientists" is not the job."""
        head = text[:window]
        votes: dict[str, float] = defaultdict(float)
        for m in _CUE.finditer(head):
            for role_id in self.in_title(m.group("rest")):
                votes[role_id] += 3
        if votes:
            return self._top(votes)
        # else count mentions; one in the opening lines counts twice
        text = text[: window * 4]
        fields, words = self._field_keys, _Words(text, self._known)
        for start, end in self._title_phrases.finditer(words):
            phrase = _norm(text[start:end])
            if len(phrase) <= 3:  # a bare "RN" or "SRE" in running text is weak
                continue
            # the name of a field ("DevOps", "Nursing") is half a vote: a practice, not the job
            votes[self._title_of[phrase]] += (2 if start < _OPENING else 1) * (0.5 if phrase in fields else 1)
        for start, end in self._adjacent_phrases.finditer(words):
            for role_id in self.in_title(text[start:end]):
                votes[role_id] += 2 if start < _OPENING else 1
        return self._top(votes, least=2)

    def _top(self, votes: Mapping[str, float], least: float = 1) -> tuple[str, ...]:
        if not votes:
            return ()
        best = max(votes.values())
        if best < least:
            return ()
        return self._most_specific(r for r, v in votes.items() if v == best)

    def of_posting(self, title: str | None, text: str) -> tuple[str, ...]:
        """A posting's role: its title's, when the title is a title and names one; else its text's."""
        if title and _looks_like_title(title):
            found = self.in_title(title)
            if found:
                return found
        return self.in_text(text)

    def resolve(self, name: str) -> Role | None:
        """A role by id, name or title ("Data Scientist", "sre", "Senior Java Engineer")."""
        key = _norm(name)
        by_id = re.sub(r"[\s\-]+", "_", name.strip().lower())
        if by_id in self.roles:
            return self.roles[by_id]
        if key in self._title_of:
            return self.roles[self._title_of[key]]
        found = self.in_title(name)
        return self.roles[found[0]] if found else None

    def closest(self, name: str, n: int = 3) -> tuple[str, ...]:
        """Known role names closest to ``name``, for a "did you mean" hint."""
        names = {r.name.lower(): r.name for r in self.roles.values()}
        for role in self.roles.values():
            names.update({t.lower(): role.name for t in role.titles})
        close = difflib.get_close_matches(name.lower()[:100], list(names), n=n * 3, cutoff=0.6)
        return tuple(dict.fromkeys(names[c] for c in close))[:n]

    def features(self, roles: Mapping[str, float]) -> dict[str, float]:
        """Weighted features of roles (role id → weight): each role, its ancestors (weaker at each
        step), its family and its related roles; a feature takes the most any role gives it."""
        out: dict[str, float] = {}

        def put(key: str, value: float) -> None:
            if value > out.get(key, 0.0):
                out[key] = value

        for role_id, weight in roles.items():
            role = self.roles[role_id]
            put(role_id, weight)
            value = weight
            for ancestor in self.ancestors(role_id):
                value *= _PARENT_DECAY
                put(ancestor, value)
            for other, closeness in role.related.items():
                put(other, weight * closeness)
            put("family:" + role.family, weight * _FAMILY_WEIGHT)
        return out


_OPENING = 600  # characters of a text that usually hold what the job is

# The word edge once and the cues' first letters up front let the scan skip most places at once.
_CUE = re.compile(
    r"\b(?=[hlsrtjapwvoy])(?:hiring|looking for|seeking|searching for|recruiting|to hire|join\b[^.!?\n]{0,40}?\bas"
    r"|as (?:an?|our|the)|role of|position of|position as|we need|vacancy for|opportunity for"
    r"|opening for|you will be (?:an?|our)|you'll be (?:an?|our))"
    r"\s+(?P<rest>[^.!?\n;:]{1,80})",
    re.IGNORECASE,
)


def _looks_like_title(title: str) -> bool:
    """A short line, not a sentence: "Senior Java Developer (Remote)", not "We are growing our team."."""
    words = title.split()
    return 0 < len(words) <= 14 and not title.rstrip().endswith((".", "!", "?"))


def _norm(text: str) -> str:
    """A title's lookup key: lower case as the patterns compare it ("İT" is "it"), separators dropped
    ("Front-end", "front end", "frontend")."""
    return re.sub(r"[\s_\-]+", "", _fold(text.strip()))


def posting_roles(title: str | None, text: str) -> tuple[str, ...]:
    """The role a posting is for by the bundled taxonomy (``RoleTaxonomy.of_posting``)."""
    return load_roles().of_posting(title, text)


@lru_cache(maxsize=1)
def load_roles() -> RoleTaxonomy:
    """The bundled role taxonomy (``models/roles.jsonl``)."""
    roles = []
    with open(data_path("roles.jsonl"), encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            roles.append(
                Role(
                    id=d["id"],
                    name=d["name"],
                    family=d["family"],
                    parent=d.get("parent"),
                    titles=tuple(d.get("titles", ())),
                    title_only=tuple(d.get("title_only", ())),
                    qualifiers=tuple(d.get("qualifiers", ())),
                    heads=tuple(_HEADS.get(d.get("heads") or "", ())),
                    related=dict(d.get("related", {})),
                    skills=tuple(d.get("skills", ())),
                    core=tuple(d.get("core", ())),
                    credentials={title: tuple(ids) for title, ids in d.get("credentials", {}).items()},
                )
            )
    return RoleTaxonomy(roles)
