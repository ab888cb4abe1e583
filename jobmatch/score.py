"""Score a posting against a profile: TF-IDF-weighted skill coverage, every point explained.

Each thing a posting asks for (a skill, or an alternative group such as "PyTorch or TensorFlow")
weighs its IDF, a skill few postings ask for weighing more than one every posting asks for, times
how firmly the posting asks (required 1.0, unspecified 0.6, preferred 0.3; boilerplate-only
mentions ignored). The profile earns credit on each: 1 for the skill itself, 0.6 when a skill it
has implies it (SageMaker ⇒ AWS), 0.3 for a close relation (PyTorch ~ deep learning), scaled down
to no less than half when it has fewer years than the posting states. The score is
100 × Σ weight·credit / Σ weight.

The score says how much of the posting the profile meets. What ranking sorts by, fit, also asks
how much of the posting is the person's trade: see ``jobmatch.rank``.

The IDF comes from scikit-learn's ``TfidfVectorizer`` fitted on skill ids: a reference fit over
the bundled postings ships in ``models/reference_idf.json`` (so one match needs no scikit-learn),
and ``fit_idf`` refits on a batch.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from .taxonomy import Taxonomy, data_path, normalize_form

if TYPE_CHECKING:
    from .extract import Extraction, SkillMatch
    from .profile import Profile, ProfileSkill

__all__ = [
    "LEVEL_FACTORS",
    "Ask",
    "Credit",
    "CreditBook",
    "Idf",
    "Match",
    "MatchItem",
    "asks_of",
    "asks_to_json",
    "batch_idf",
    "fit_idf",
    "load_idf",
    "match",
    "match_asks",
    "reference_postings",
]

LEVEL_FACTORS = {True: 1.0, None: 0.6, False: 0.3}
IMPLIED_CREDIT, RELATED_CREDIT, MIN_YEARS_CREDIT = 0.6, 0.3, 0.5


@dataclass(frozen=True)
class Idf:
    """Inverse document frequency per skill id; ``default`` for skills the fit never saw."""

    values: Mapping[str, float]
    default: float
    n_postings: int

    def __getitem__(self, skill_id: str) -> float:
        return self.values.get(skill_id, self.default)


@lru_cache(maxsize=1)
def load_idf() -> Idf:
    """The reference IDF shipped in ``models/reference_idf.json``: ``fit_idf`` over the reference
    postings, stored so that scoring one posting needs no scikit-learn."""
    data = json.loads(data_path("reference_idf.json").read_text(encoding="utf-8"))
    return Idf(values=data["idf"], default=data["default"], n_postings=data["n_postings"])


@lru_cache(maxsize=1)
def reference_postings() -> tuple[tuple[str, ...], ...]:
    """The skill ids of each reference posting (``models/reference_postings.jsonl``)."""
    lines = data_path("reference_postings.jsonl").read_text(encoding="utf-8").splitlines()
    return tuple(tuple(json.loads(line)["skills"]) for line in lines if line.strip())


def batch_idf(
    postings: Iterable[Extraction | Sequence[Ask]], *, fit: Callable[[list[Sequence[str]]], Idf] | None = None
) -> Idf:
    """IDF fitted on the reference postings plus a batch (extractions, or their asks), so a
    batch's own rarities count too. ``fit`` is ``fit_idf``, or the same made elsewhere (a
    ``jobmatch._ahead.Ahead`` of it)."""
    batch = []
    for item in postings:
        asks = item if isinstance(item, (list, tuple)) else asks_of(item)  # type: ignore[arg-type]
        batch.append([i for ids, _, _ in asks for i in ids])
    return (fit or fit_idf)([*reference_postings(), *batch])


def fit_idf(postings: Iterable[Iterable[str]]) -> Idf:
    """Fit IDF on the skill ids of many postings with scikit-learn (smooth idf, as TfidfVectorizer).

    >>> fit_idf([["python", "sql"], ["python"]])["sql"] > fit_idf([["python", "sql"], ["python"]])["python"]
    True
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    documents = [sorted(set(ids)) for ids in postings]
    if not any(documents):
        return Idf(values={}, default=1.0, n_postings=len(documents))
    vectorizer = TfidfVectorizer(analyzer=lambda ids: ids, smooth_idf=True, norm=None)
    vectorizer.fit(documents)
    values = dict(zip(vectorizer.get_feature_names_out(), (float(v) for v in vectorizer.idf_), strict=True))
    # a skill no posting named: as rare as can be, df = 0 in the smoothed formula
    default = math.log((1 + len(documents)) / 1) + 1
    return Idf(values=values, default=default, n_postings=len(documents))


@dataclass(frozen=True, slots=True)
class MatchItem:
    """One thing the posting asks for, and what the profile earns on it.

    ``ids`` is one skill id, or several for an alternative group; ``id``/``name`` the member that
    scored best (the first when none did). ``points`` are this item's share of the 0–100 score.
    """

    ids: tuple[str, ...]
    id: str
    name: str
    required: bool | None
    weight: float
    credit: float
    points: float
    reason: str
    external: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)  # ESCO, O*NET ids

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "weight": round(self.weight, 4),
            "required": self.required,
            "credit": round(self.credit, 4),
            "points": round(self.points, 2),
            "reason": self.reason,
        }
        if len(self.ids) > 1:
            out["alternatives"] = list(self.ids)
        out.update(self.external)
        return out


@dataclass(frozen=True)
class Match:
    """A posting scored against a profile: ``score`` 0–100 and the items that make it up."""

    score: float
    items: tuple[MatchItem, ...]

    @property
    def matched(self) -> tuple[MatchItem, ...]:
        return tuple(i for i in self.items if i.credit >= 1.0)

    @property
    def partial(self) -> tuple[MatchItem, ...]:
        return tuple(i for i in self.items if 0 < i.credit < 1.0)

    @property
    def missing(self) -> tuple[MatchItem, ...]:
        """What the profile lacks: required first, then unspecified, then preferred; heaviest first."""
        order = {True: 0, None: 1, False: 2}
        return tuple(sorted((i for i in self.items if i.credit == 0), key=lambda i: (order[i.required], -i.weight)))


class Ask(NamedTuple):
    """One thing a posting asks for: a skill, or an alternative group (any member satisfies it),
    how firmly, and the years it states per member. Scoring also takes the same three as a plain
    ``[ids, required, years]`` row, as the store's cache keeps them."""

    ids: tuple[str, ...]
    required: bool | None
    years: tuple[float | None, ...]


def _asks(
    skills: Iterable[tuple[str, bool | None, bool, float | None]], alternatives: Iterable[Sequence[str]]
) -> tuple[Ask, ...]:
    """Asks from (id, required, boilerplate, years) per skill: groups claim their members first."""
    kept = {sid: (required, years) for sid, required, boilerplate, years in skills if not boilerplate}
    asks: list[Ask] = []
    claimed: set[str] = set()
    for group in alternatives:
        members = tuple(i for i in group if i in kept and i not in claimed)
        if len(members) >= 2:
            claimed.update(members)
            levels = [kept[i][0] for i in members]
            level = True if True in levels else False if False in levels else None
            asks.append(Ask(members, level, tuple(kept[i][1] for i in members)))
    for skill_id, (required, years) in kept.items():
        if skill_id not in claimed:
            asks.append(Ask((skill_id,), required, (years,)))
    return tuple(asks)


def asks_of(extraction: Extraction) -> tuple[Ask, ...]:
    """What a posting asks for, ready to score. A field of study named only in a degree clause
    ("BA in Economics or Geography") is the posting's education, not a skill to score or learn."""

    def only_a_degree_field(skill: SkillMatch) -> bool:
        return skill.category == "domain" and skill.degree_field  # read with the posting's clauses

    return _asks(
        ((s.id, s.required, s.boilerplate or only_a_degree_field(s), s.years) for s in extraction.skills),
        extraction.alternatives,
    )


def asks_to_json(asks: Sequence[Ask]) -> list[list[Any]]:
    """Asks as compact JSON: ``[[ids...], required, [years...]]`` each; scoring takes these rows
    as they are."""
    return [[list(a.ids), a.required, list(a.years)] for a in asks]


class Credit(NamedTuple):
    """What a profile earns on one skill: the credit (0–1), why, and the profile skills that earn it."""

    value: float
    reason: str
    via: tuple[str, ...]


_MISSING = Credit(0.0, "missing", ())


class CreditBook:
    """What a profile earns on each skill id, worked out once per id: a batch asks the same skills
    again and again, and implications are walked only the first time."""

    def __init__(self, profile: Profile, taxonomy: Taxonomy) -> None:
        self.profile = profile
        self.taxonomy = taxonomy
        self._memo: dict[str, Credit] = {}
        # the profile's skills by id (so that no reason depends on the order the profile lists them
        # in), and for each skill id the profile's skills implying it and related to it: made once,
        # where each new id used to walk the whole profile
        others = sorted(profile.skills.values(), key=lambda o: o.id)
        self._implying: dict[str, list[ProfileSkill]] = {}
        self._related: dict[str, list[ProfileSkill]] = {}
        for other in others:
            for implied in taxonomy.implied(other.id):
                self._implying.setdefault(implied, []).append(other)
            for related in taxonomy[other.id].related:
                self._related.setdefault(related, []).append(other)

    def credit(self, skill_id: str, needed_years: float | None) -> Credit:
        have = self.profile.skills.get(skill_id) if needed_years else None
        if have is not None and needed_years and have.years is not None and have.years < needed_years:
            value = max(MIN_YEARS_CREDIT, have.years / needed_years)
            return Credit(value, f"years short: {have.years:g} of {needed_years:g}", (skill_id,))
        known = self._memo.get(skill_id)
        if known is None:
            known = self._memo[skill_id] = self._base(skill_id)
        return known

    def _base(self, skill_id: str) -> Credit:
        taxonomy, name = self.taxonomy, self.taxonomy[skill_id].name
        have = self.profile.skills.get(skill_id)
        if have is not None:
            if have.from_role:
                return Credit(1.0, f"held: your role {have.given_as} implies it", (skill_id,))
            same = normalize_form(have.given_as) == normalize_form(name)
            return Credit(1.0, "matched" if same else f"via alias {have.given_as!r}", (skill_id,))
        # every profile skill that earns the credit counts as used; the reason names the first by id
        implying = self._implying.get(skill_id)
        if implying:
            reason = f"partial via {implying[0].name} (implies {name})"
            return Credit(IMPLIED_CREDIT, reason, tuple(o.id for o in implying))
        # "related" is read both ways: the profile's skills naming this one, and those it names
        held = self.profile.skills
        related = {o.id: o for o in self._related.get(skill_id, ())}
        related.update((r, held[r]) for r in taxonomy[skill_id].related if r in held)
        if related:
            by_id = [related[i] for i in sorted(related)]
            return Credit(RELATED_CREDIT, f"partial via {by_id[0].name} (related)", tuple(o.id for o in by_id))
        return _MISSING


def match(
    profile: Profile,
    extraction: Extraction,
    *,
    taxonomy: Taxonomy,
    idf: Idf | None = None,
    credits: CreditBook | None = None,
) -> Match:
    """Score ``extraction`` against ``profile`` (0–100), with one explained item per ask.

    A profile with every skill the posting asks for scores 100, one with none of them (nor
    anything implying or related to them) 0; adding a skill never lowers the score. ``credits``
    (a ``CreditBook`` of this profile) spares a batch the same work for every posting.
    """
    return match_asks(profile, asks_of(extraction), taxonomy=taxonomy, idf=idf, credits=credits)


def match_asks(
    profile: Profile,
    asks: Sequence[Ask],
    *,
    taxonomy: Taxonomy,
    idf: Idf | None = None,
    credits: CreditBook | None = None,
) -> Match:
    """``match`` for asks already read (from an extraction or the store's cache)."""
    idf = idf or load_idf()
    book = credits if credits is not None and credits.profile is profile else CreditBook(profile, taxonomy)
    scored: list[tuple[tuple[str, ...], str, bool | None, float, float, str]] = []
    for ids, required, years in asks:  # Ask tuples, or the same as plain JSON rows from the cache
        members = tuple(ids)
        level = LEVEL_FACTORS[required]
        if len(members) == 1:  # most asks: no group to search
            best_id = members[0]
            weight = idf[best_id] * level
            best = book.credit(best_id, years[0])
        else:
            weight = max(idf[i] for i in members) * level
            best_id, best = members[0], _MISSING
            for skill_id, needed in zip(members, years, strict=True):
                credit = book.credit(skill_id, needed)
                if credit.value > best.value:
                    best_id, best = skill_id, credit
        scored.append((members, best_id, required, weight, best.value, best.reason))
    total = sum(s[3] for s in scored)
    earned = sum(s[3] * s[4] for s in scored)
    items = tuple(
        MatchItem(
            ids=members,
            id=best_id,
            name=taxonomy[best_id].name,
            required=required,
            weight=weight,
            credit=credit,
            points=100 * weight * credit / total if total else 0.0,
            reason=reason,
            external=taxonomy[best_id].external,
        )
        for members, best_id, required, weight, credit, reason in scored
    )
    score = round(100 * earned / total, 1) if total else 0.0
    return Match(score=score, items=items)


def match_to_dict(result: Match, *, source: str, title: str | None) -> dict[str, Any]:
    """The JSON shape of one explained match: the score and its matched, partial and missing items."""
    return {
        "source": source,
        "title": title,
        "score": result.score,
        "matched": [i.to_dict() for i in result.matched],
        "partial": [i.to_dict() for i in result.partial],
        "missing": [i.to_dict() for i in result.missing],
    }


def build_reference(
    extractions: Sequence[Extraction], sources: Sequence[str]
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The contents of ``models/reference_postings.jsonl`` and ``models/reference_idf.json`` for
    these postings (see scripts/build_reference_idf.py)."""
    postings = [
        {"source": source, "skills": sorted({s.id for s in e.skills if not s.boilerplate})}
        for source, e in zip(sources, extractions, strict=True)
    ]
    idf = fit_idf(p["skills"] for p in postings)
    return postings, {
        "_note": "IDF of skill ids over the bundled sample postings, fitted with scikit-learn; the project's own work.",
        "n_postings": idf.n_postings,
        "default": round(idf.default, 6),
        "idf": {k: round(v, 6) for k, v in sorted(idf.values.items())},
    }
