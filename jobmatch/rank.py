"""Many postings against one profile: rank them, find the skills the profile lacks across them, and
plan which to learn next.

``rank`` scores every posting as ``score.match`` does (IDF refitted on the batch) and sorts best
first. ``gaps`` weighs each missing skill by how much it matters across the listings (how many ask,
how firmly, how good a match those listings otherwise are) and finds the skill whose addition
raises the listings' scores the most, then the next given the first: a short plan.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING

from .profile import Profile, ProfileSkill
from .score import Ask, CreditBook, Idf, Match, asks_of, batch_idf, match_asks, quick_fit, quick_score

if TYPE_CHECKING:
    from .extract import Extraction
    from .sources import Posting
    from .taxonomy import Taxonomy

__all__ = ["Gap", "Ranked", "Step", "gaps", "learning_plan", "rank", "rank_asks"]


@dataclass(frozen=True)
class Ranked:
    """One posting, what it asks for, its score and fit, and (worked out when first asked for) its
    explained match against the profile."""

    posting: Posting
    title: str | None
    asks: tuple[Ask, ...]
    score: float
    fit: float
    explain: Callable[[], Match] = field(repr=False, compare=False)

    @cached_property
    def match(self) -> Match:
        return self.explain()


def rank(
    profile: Profile,
    postings: Sequence[tuple[Posting, Extraction]],
    *,
    taxonomy: Taxonomy,
    idf: Idf | None = None,
) -> list[Ranked]:
    """Every posting scored against ``profile``, best fit first (then score, then source, so the order
    is stable). Fit rather than score: a posting asking for three things the profile has scores 100,
    yet a posting of the person's own trade that asks for thirty, twenty of which they have, is the
    better match (see ``jobmatch.score``)."""
    items = [(p, e.title or p.title, asks_of(e)) for p, e in postings]
    return rank_asks(profile, items, taxonomy=taxonomy, idf=idf)


def rank_asks(
    profile: Profile,
    items: Sequence[tuple[Posting, str | None, tuple[Ask, ...]]],
    *,
    taxonomy: Taxonomy,
    idf: Idf | None = None,
) -> list[Ranked]:
    """``rank`` for postings whose asks are read already (from the store's cache, say)."""
    idf = idf or batch_idf([asks for _, _, asks in items])
    book = CreditBook(profile, taxonomy)

    def explain(asks: tuple[Ask, ...]) -> Callable[[], Match]:
        return lambda: match_asks(profile, asks, taxonomy=taxonomy, idf=idf, credits=book)

    ranked = [
        Ranked(p, title, asks, *quick_fit(asks, idf=idf, credits=book), explain(asks)) for p, title, asks in items
    ]
    return sorted(ranked, key=lambda r: (-r.fit, -r.score, r.posting.source))


@dataclass(frozen=True)
class Gap:
    """A skill the profile lacks (or has only in part) and how much it matters across the listings."""

    id: str
    name: str
    importance: float
    listings: int
    required: int
    preferred: int


def gaps(ranked: Sequence[Ranked], *, top: int = 10) -> list[Gap]:
    """The skills the profile lacks across ``ranked``, most important first.

    A listing contributes the share of its score the skill would add (its weight, less what the
    profile already earns on it), scaled by the square of how well that listing otherwise matches:
    a skill missing from near misses matters far more than one missing from another trade's postings.
    """
    found: dict[str, dict[str, float]] = {}
    names: dict[str, str] = {}
    for item in ranked:
        total = sum(i.weight for i in item.match.items) or 1.0
        closeness = _closeness(item.score, len(item.asks))
        for ask in item.match.items:
            if ask.credit >= 1:
                continue
            entry = found.setdefault(ask.id, {"importance": 0.0, "listings": 0, "required": 0, "preferred": 0})
            names[ask.id] = ask.name
            entry["importance"] += 100 * ask.weight * (1 - ask.credit) / total * closeness
            entry["listings"] += 1
            entry["required"] += ask.required is True
            entry["preferred"] += ask.required is False
    result = [
        Gap(
            id=skill_id,
            name=names[skill_id],
            importance=round(entry["importance"], 2),
            listings=int(entry["listings"]),
            required=int(entry["required"]),
            preferred=int(entry["preferred"]),
        )
        for skill_id, entry in found.items()
    ]
    return sorted(result, key=lambda g: (-g.importance, g.id))[:top]


@dataclass(frozen=True)
class Step:
    """One skill of a learning plan: the score gain it brings (averaged over the listings, near
    matches counting most) and how many listings it lifts over the threshold, given the steps before."""

    id: str
    name: str
    mean_gain: float
    newly_over_threshold: int
    over_threshold: int


def learning_plan(
    profile: Profile,
    ranked: Sequence[Ranked],
    *,
    taxonomy: Taxonomy,
    idf: Idf,
    threshold: float = 70,
    steps: int = 3,
    candidates: int = 15,
) -> list[Step]:
    """Which skill to learn next: the one whose addition raises the listings' scores the most (with
    how many listings it lifts over ``threshold``), then the next given the first, ``steps`` long."""
    asks = [r.asks for r in ranked]
    current = profile
    scores = [r.score for r in ranked]
    plan: list[Step] = []
    for _ in range(steps):
        closeness = [_closeness(o, len(a)) for o, a in zip(scores, asks, strict=True)]
        closeness_total = sum(closeness) or 1.0
        pool = [g.id for g in gaps(_rescore(current, asks, taxonomy, idf), top=candidates)]
        best: tuple[float, int, str, list[float]] | None = None
        for skill_id in pool:
            trial = _with_skill(current, skill_id, taxonomy)
            book = CreditBook(trial, taxonomy)
            new = [quick_score(a, idf=idf, credits=book) for a in asks]
            # gains count by how close each listing already is: a nurse posting that a nursing
            # course would lift is no reason for an ML engineer to learn nursing
            gain = sum(c * (n - o) for c, n, o in zip(closeness, new, scores, strict=True)) / closeness_total
            crossing = sum(n >= threshold > o for n, o in zip(new, scores, strict=True))
            if best is None or (gain, crossing) > (best[0], best[1]):
                best = (gain, crossing, skill_id, new)
        if best is None or best[0] <= 0:
            break
        gain, crossing, skill_id, new = best
        plan.append(
            Step(
                id=skill_id,
                name=taxonomy[skill_id].name,
                mean_gain=round(gain, 2),
                newly_over_threshold=crossing,
                over_threshold=sum(n >= threshold for n in new),
            )
        )
        current, scores = _with_skill(current, skill_id, taxonomy), new
    return plan


def _closeness(score: float, asks: int) -> float:
    """How much a listing's needs count for this person: near matches far more than other trades,
    and a listing that names few skills less (one ask of six is a sixth of its score, which says
    more about the listing than about what to learn)."""
    return ((score / 100) ** 2 + 0.01) * min(1.0, asks / _FULL_LISTING)


_FULL_LISTING = 15  # asks a typical posting names (the bundled ones: 10-45)


def _with_skill(profile: Profile, skill_id: str, taxonomy: Taxonomy) -> Profile:
    skill = taxonomy[skill_id]
    return replace(profile, skills={**profile.skills, skill_id: ProfileSkill(skill_id, skill.name, skill.name)})


def _rescore(profile: Profile, asks: Sequence[tuple[Ask, ...]], taxonomy: Taxonomy, idf: Idf) -> list[Ranked]:
    from .sources import Posting

    blank = Posting(text="", source="")
    return rank_asks(profile, [(blank, None, a) for a in asks], taxonomy=taxonomy, idf=idf)
