"""The role taxonomy: what job a posting is for, and what job a person is after.

Roles are data (``models/roles.jsonl``): each has a name, the titles that name it ("Staff Nurse",
"SDE", "Site Reliability Engineer"), optionally qualifiers and head nouns that compose a title
("Senior Software Engineer (Java)", "Back End JAVA Developer": a qualifier *java* and a head
*developer*), a parent ("Java Developer" is a back-end developer, who is a software developer), a
family, related roles with how close they are, the skills holding the role shows, and its core skills.

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
from functools import cached_property, lru_cache

from .taxonomy import data_path

__all__ = ["Role", "RoleTaxonomy", "load_roles"]

# Head nouns that make a software role from a qualifier: "Java" + "Developer", "React" + "Engineer".
_DEV_HEADS = (
    "developer", "engineer", "programmer", "software engineer", "software developer", "architect", "tech lead",
    "technical lead", "team lead", "team leader", "lead", "specialist", "consultant", "expert", "craftsman",
    "coder", "dev", "contractor", "development engineer",
)  # fmt: skip
_HEADS = {"dev": _DEV_HEADS}

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


def _alternation(phrases: Iterable[str]) -> str:
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"[\s_]+").replace(r"\-", r"[\s\-]?") for p in ordered)


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
    def _title_pattern(self) -> re.Pattern[str]:
        return re.compile(
            _WORD_EDGE_L + "(?:" + _alternation(self._titles + self._fields) + ")" + _WORD_EDGE_R, re.IGNORECASE
        )

    @cached_property
    def _qualified(self) -> list[tuple[str, re.Pattern[str], re.Pattern[str]]]:
        out = []
        for role in self.roles.values():
            if role.qualifiers:
                q = re.compile(_WORD_EDGE_L + "(?:" + _alternation(role.qualifiers) + ")" + _WORD_EDGE_R, re.I)
                h = re.compile(_WORD_EDGE_L + "(?:" + _alternation(role.heads) + ")" + _WORD_EDGE_R, re.I)
                out.append((role.id, q, h))
        return out

    @cached_property
    def _adjacent_pattern(self) -> re.Pattern[str]:
        """A qualifier followed within two words by a head, in running text: "Java backend developer"."""
        quals = _alternation(q for r in self.roles.values() for q in r.qualifiers)
        heads = _alternation(h for r in self.roles.values() for h in r.heads)
        return re.compile(
            _WORD_EDGE_L + rf"(?P<q>{quals})(?:[\s/,&+-]+[\w.#+]+){{0,2}}?[\s/,&+-]+(?P<h>{heads})" + _WORD_EDGE_R,
            re.IGNORECASE,
        )

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
        found = [(m.start(), self._title_of[_norm(m.group())]) for m in self._title_pattern.finditer(title)]
        for role_id, qualifier, head in self._qualified:
            q = qualifier.search(title)
            if q and head.search(title):
                found.append((q.start(), role_id))
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
        fields = set(map(_norm, self._fields))
        for m in self._title_pattern.finditer(text[: window * 4]):
            phrase = _norm(m.group())
            if len(phrase) <= 3:  # a bare "RN" or "SRE" in running text is weak
                continue
            # the name of a field ("DevOps", "Nursing") is half a vote: a practice, not the job
            votes[self._title_of[phrase]] += (2 if m.start() < _OPENING else 1) * (0.5 if phrase in fields else 1)
        for m in self._adjacent_pattern.finditer(text[: window * 4]):
            for role_id in self.in_title(m.group()):
                votes[role_id] += 2 if m.start() < _OPENING else 1
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

_CUE = re.compile(
    r"(?:\bhiring|\blooking for|\bseeking|\bsearching for|\brecruiting|\bto hire|\bjoin\b[^.!?\n]{0,40}?\bas"
    r"|\bas (?:an?|our|the)|\brole of|\bposition of|\bposition as|\bwe need|\bvacancy for|\bopportunity for"
    r"|\bopening for|\byou will be (?:an?|our)|\byou'll be (?:an?|our))"
    r"\s+(?P<rest>[^.!?\n;:]{1,80})",
    re.IGNORECASE,
)


def _looks_like_title(title: str) -> bool:
    """A short line, not a sentence: "Senior Java Developer (Remote)", not "We are growing our team."."""
    words = title.split()
    return 0 < len(words) <= 14 and not title.rstrip().endswith((".", "!", "?"))


def _norm(text: str) -> str:
    """A title's lookup key: lower case, separators dropped ("Front-end", "front end", "frontend")."""
    return re.sub(r"[\s_\-]+", "", text.strip().lower())


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
                )
            )
    return RoleTaxonomy(roles)
