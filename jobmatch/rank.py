"""Many postings against one profile: rank them by fit, find the skills the profile lacks across
them, and plan which to learn next.

**Fit** is a TF-IDF cosine similarity between the profile and each posting, computed for the whole
batch at once as a sparse matrix product (CSR arrays and numpy, see ``_Weighed``):

- a posting is a vector over what it asks for (a skill, or an alternative group such as "PyTorch or
  TensorFlow" as one ask), each weighing its IDF times how firmly it is asked (required 1.0,
  unspecified 0.6, preferred 0.3; boilerplate left out), L2-normalised;
- the profile is a vector over the same asks: IDF × the credit it earns there (1 for the skill,
  0.6 implied, 0.3 related, less when short of the years asked) × how much the profile stresses
  the skill (``ProfileSkill.weight``: its target role's core skills, years, level, repetition),
  normalised by its own skills' weight;
- both carry a role block: the posting's role (its title, or the role its text names) and the
  person's target roles, each expanded to ancestors, family and related roles (``roles.features``),
  weighing ``ROLE_SHARE`` of the vector. The same role adds fully, a neighbour in part, another
  trade nothing; a posting whose role is unknown sits between.

The **match score** (``jobmatch.score``) stays what it was: how much of this posting you meet. Fit
also asks how much of the posting is *your* trade, so a posting of your own role that asks for eight
things you have ranks above a neighbouring trade's that asks for thirty.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from typing import TYPE_CHECKING, Any

from .errors import SourceError
from .profile import Profile, ProfileSkill
from .roles import RoleTaxonomy, load_roles, posting_roles
from .score import (
    IMPLIED_CREDIT,
    LEVEL_FACTORS,
    RELATED_CREDIT,
    Ask,
    CreditBook,
    Idf,
    Match,
    asks_of,
    batch_idf,
    match_asks,
)

if TYPE_CHECKING:
    import numpy as np

    from .extract import Extraction, Prepared, SkillExtractor
    from .sources import Posting, Unread
    from .taxonomy import Taxonomy

__all__ = [
    "ROLE_SHARE",
    "AskMatrix",
    "Gap",
    "Item",
    "Plan",
    "Ranked",
    "Step",
    "cache_version",
    "gaps",
    "gather",
    "learning_plan",
    "rank",
    "rank_items",
    "read_item",
    "suggest_roles",
    "summary",
]

# alpha² in the module's note: the role block's weight against the skills block's (1 = as much)
ROLE_SHARE = 1.0


@dataclass(frozen=True)
class Item:
    """One posting ready to rank: the posting, its title, what it asks for and its roles. ``asks``
    is None when the batch's ``AskMatrix`` holds them (a store's cached batch)."""

    posting: Posting
    title: str | None
    asks: tuple[Ask, ...] | None
    roles: tuple[str, ...] = ()


def read_item(posting: Posting, extraction: Extraction, *, roles: RoleTaxonomy | None = None) -> Item:
    """The ranking view of one extracted posting: its asks and the role it is for."""
    title = extraction.title or posting.title
    found = extraction.roles_ahead if roles is None else None  # read ahead by the bundled taxonomy
    if found is None:
        found = (roles or load_roles()).of_posting(posting.title or None, extraction.text)
    return Item(posting, title, asks_of(extraction), found)


@dataclass(frozen=True)
class Ranked:
    """One posting, ranked: its fit (the order), match score, how much of the profile it uses, its
    role and how it stands to the person's target, the shared skills that weigh most, and (worked out
    when first asked for) the explained match."""

    posting: Posting
    title: str | None
    asks: tuple[Ask, ...]
    score: float
    fit: float
    uses: float
    roles: tuple[str, ...]
    role_match: str  # "target", "related", "other", "unknown" (posting names no role), "" (profile has none)
    explain: Callable[[], Match] = field(repr=False, compare=False)
    contributions: Callable[[], list[tuple[float, str]]] = field(repr=False, compare=False, default=list)

    @cached_property
    def match(self) -> Match:
        return self.explain()

    @cached_property
    def shared(self) -> tuple[str, ...]:
        """The skills you have that carry most of this posting's fit, heaviest first (at most three)."""
        return tuple(dict.fromkeys(name for _, name in self.contributions()))[:3]


class AskMatrix:
    """A batch of postings as a sparse matrix: one row a posting, one column a distinct ask (its
    skill ids and the years stated), each entry how firmly the posting asks (``LEVEL_FACTORS``).
    IDF and the profile's credits are per column, so ranking is two sparse products. ``to_arrays``
    and ``from_arrays`` give the compact form the store keeps."""

    def __init__(
        self,
        columns: list[tuple[tuple[str, ...], tuple[float | None, ...]]],
        indptr: np.ndarray,
        indices: np.ndarray,
        data: np.ndarray,
        role_sets: list[tuple[str, ...]],
        role_index: np.ndarray,
    ) -> None:
        self.columns, self.indptr, self.indices, self.data = columns, indptr, indices, data
        # each posting's roles: an index into the distinct sets of roles (a batch has few)
        self.role_sets, self.role_index = role_sets, role_index

    @classmethod
    def build(cls, asks: Sequence[Sequence[Ask]], roles: Sequence[tuple[str, ...]]) -> AskMatrix:
        import numpy as np

        index: dict[tuple[tuple[str, ...], tuple[float | None, ...]], int] = {}
        indptr, indices, data = [0], [], []
        for posting in asks:
            for ids, required, years in posting:  # Ask tuples, or the same as plain JSON rows from a cache
                key = (tuple(ids), tuple(years))
                indices.append(index.setdefault(key, len(index)))
                data.append(LEVEL_FACTORS[required])
            indptr.append(len(indices))
        sets: dict[tuple[str, ...], int] = {}
        role_index = [sets.setdefault(tuple(r), len(sets)) for r in roles]
        return cls(
            list(index),
            np.asarray(indptr, dtype=np.int64),
            np.asarray(indices, dtype=np.int32),
            np.asarray(data, dtype=np.float32),
            list(sets),
            np.asarray(role_index, dtype=np.int32),
        )

    @cached_property
    def rows(self) -> np.ndarray:
        """The posting (row) of each entry: with ``indices``, the matrix in coordinates."""
        import numpy as np

        return np.repeat(np.arange(len(self), dtype=np.intp), np.diff(self.indptr))

    def roles_of(self, row: int) -> tuple[str, ...]:
        return self.role_sets[int(self.role_index[row])]

    def __len__(self) -> int:
        return len(self.indptr) - 1

    def to_arrays(self) -> dict[str, Any]:
        import json

        import numpy as np

        levels = np.array(sorted(set(LEVEL_FACTORS.values())), dtype=np.float32)
        small = np.uint16 if len(self.columns) < 2**16 else np.int32
        return {
            "columns": np.frombuffer(json.dumps(self.columns).encode(), dtype=np.uint8),
            "role_sets": np.frombuffer(json.dumps(self.role_sets).encode(), dtype=np.uint8),
            "role_index": self.role_index,
            "indptr": self.indptr,
            "indices": self.indices.astype(small),
            "levels": levels,  # the data as a code into these: three values, one byte each
            "codes": np.searchsorted(levels, self.data).astype(np.uint8),
        }

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, Any]) -> AskMatrix:
        import json

        columns = [(tuple(ids), tuple(years)) for ids, years in json.loads(bytes(arrays["columns"]))]
        role_sets = [tuple(r) for r in json.loads(bytes(arrays["role_sets"]))]
        data = arrays["levels"][arrays["codes"]]
        indices = arrays["indices"].astype("int32")
        return cls(columns, arrays["indptr"], indices, data, role_sets, arrays["role_index"])

    def asks_of(self, row: int) -> tuple[Ask, ...]:
        """The asks of one posting, as they went in."""
        start, end = int(self.indptr[row]), int(self.indptr[row + 1])
        out = []
        for col, level in zip(self.indices[start:end], self.data[start:end], strict=True):
            ids, years = self.columns[col]
            required = min(LEVEL_FACTORS, key=lambda k: abs(LEVEL_FACTORS[k] - float(level)))
            out.append(Ask(ids, required, years))
        return tuple(out)


@dataclass(frozen=True)
class _Fits:
    score: np.ndarray
    fit: np.ndarray
    uses: np.ndarray
    role_sim: np.ndarray
    has_role: np.ndarray
    contribution: Callable[[int], list[tuple[float, str]]]


def _weights(profile: Profile, book: CreditBook, idf: Idf, matrix: AskMatrix) -> tuple[Any, Any, Any, float]:
    """Per column: its IDF weight, the credit the profile earns there and the profile's vector value
    there (weight × credit × how much the profile stresses the skills earning it); and the
    profile's norm."""
    import numpy as np

    weight = np.empty(len(matrix.columns))
    credit = np.empty(len(matrix.columns))
    value = np.empty(len(matrix.columns))
    for col, (ids, years) in enumerate(matrix.columns):
        weight[col] = max(idf[i] for i in ids)
        best = max((book.credit(i, y) for i, y in zip(ids, years, strict=True)), key=lambda c: c.value)
        stress = max((profile.skills[v].weight for v in best.via if v in profile.skills), default=0.0)
        credit[col] = best.value
        value[col] = weight[col] * best.value * stress
    norm = math.sqrt(sum((idf[s] * p.weight) ** 2 for s, p in profile.skills.items()))
    return weight, credit, value, norm


def _credits(book: CreditBook, matrix: AskMatrix) -> Any:
    import numpy as np

    return np.array(
        [max(book.credit(i, y).value for i, y in zip(ids, years, strict=True)) for ids, years in matrix.columns]
    )


class _Weighed:
    """A batch's asks weighed (IDF × level): ``AskMatrix``'s entries (``rows``, ``indices``:
    posting and column) with new values, and the two products ranking needs, in numpy alone
    (scipy.sparse costs a command a sixth of a second to import). Each sums a row's entries one
    after another in their order, as scipy's CSR products did, so the figures are the very same."""

    def __init__(self, indptr: np.ndarray, indices: np.ndarray, rows: np.ndarray, data: np.ndarray) -> None:
        self.indptr, self.indices, self.rows, self.data = indptr, indices, rows, data

    @classmethod
    def of(cls, matrix: AskMatrix, data: np.ndarray) -> _Weighed:
        return cls(matrix.indptr, matrix.indices, matrix.rows, data)

    def dot(self, vector: np.ndarray) -> np.ndarray:
        """Each row's entries times ``vector`` at their columns, summed (the matrix-vector product)."""
        import numpy as np

        products = self.data * vector[self.indices] if len(self.indices) else np.zeros(0)
        return np.bincount(self.rows, weights=products, minlength=len(self.indptr) - 1)

    def row_sums(self, data: np.ndarray | None = None) -> np.ndarray:
        """Each row's entries summed (or those of ``data``, values in the same places)."""
        import numpy as np

        values = self.data if data is None else data
        out = np.zeros(len(self.indptr) - 1)
        filled = np.flatnonzero(np.diff(self.indptr))
        if len(filled):
            out[filled] = np.add.reduceat(values, self.indptr[filled])
        return out

    def by_column(self) -> _Weighed:
        """The same entries, each row's in column order: the order scipy summed them in for the
        fit (squaring a matrix sorted it), kept so that no fit changes in its last digit."""
        import numpy as np

        if not len(self.indices) or bool(np.all((np.diff(self.indices) > 0) | (np.diff(self.rows) > 0))):
            return self
        order = np.lexsort((self.indices, self.rows))
        return _Weighed(self.indptr, self.indices[order], self.rows, self.data[order])


def _asked(matrix: AskMatrix, idf: Idf, weight: Any = None) -> tuple[_Weighed, Any]:
    """The batch's asks weighed (IDF × level), and each posting's total weight."""
    import numpy as np

    if weight is None:
        weight = np.array([max(idf[i] for i in ids) for ids, _ in matrix.columns])
    levels = matrix.data.astype(np.float64)
    asked = _Weighed.of(matrix, levels * weight[matrix.indices] if len(weight) else levels)
    return asked, asked.row_sums()


def _round_scores(asked: _Weighed, credit: Any, total: Any) -> Any:
    """Match scores (0–100, one decimal) of every posting: what the credits earn of the asks' weight."""
    import numpy as np

    earned = asked.dot(credit)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, np.round(100 * earned / np.where(total > 0, total, 1), 1), 0.0)


def _fits(
    profile: Profile, matrix: AskMatrix, *, taxonomy: Taxonomy, idf: Idf, roles: RoleTaxonomy, book: CreditBook
) -> _Fits:
    import numpy as np

    n = len(matrix)
    weight, credit, value, norm = _weights(profile, book, idf, matrix)
    asked, total = _asked(matrix, idf, weight)
    score = _round_scores(asked, credit, total)
    asked = asked.by_column()
    with np.errstate(invalid="ignore", divide="ignore"):
        row_norm = np.sqrt(asked.row_sums(asked.data**2))
        skill_dot = asked.dot(value)
        skill_sim = np.where(row_norm > 0, skill_dot / (row_norm * (norm or 1.0)), 0.0)
    skill_sim = np.clip(skill_sim, 0.0, 1.0)
    held = sum(idf[s] * p.weight for s, p in profile.skills.items())
    present = _Weighed(asked.indptr, asked.indices, asked.rows, np.ones(len(asked.indices)))  # however firmly
    uses = np.clip(present.dot(value) / (held or 1), 0.0, 1.0)

    # the role block: posting roles and target roles as normalised feature vectors; a profile that
    # names no role gets the roles its skills suggest, at half the weight
    targets, share = (profile.roles, ROLE_SHARE) if profile.roles else (suggest_roles(profile, roles), ROLE_SHARE / 2)
    target = roles.features(targets) if targets else {}
    target_norm = math.sqrt(sum(v * v for v in target.values())) or 1.0
    set_sim = np.zeros(max(len(matrix.role_sets), 1))
    set_known = np.zeros(max(len(matrix.role_sets), 1), dtype=bool)
    for k, found in enumerate(matrix.role_sets):
        known = tuple(r for r in found if r in roles)
        if known:
            feats = roles.features(dict.fromkeys(known, 1.0))
            dot = sum(v * target.get(f, 0.0) for f, v in feats.items())
            set_sim[k] = dot / ((math.sqrt(sum(v * v for v in feats.values())) or 1.0) * target_norm)
            set_known[k] = True
    role_sim = set_sim[matrix.role_index] if n else np.zeros(0)
    has_role = set_known[matrix.role_index] if n else np.zeros(0, dtype=bool)
    if target:
        a2 = share
        fit = (skill_sim + a2 * role_sim) / (np.sqrt(1 + a2 * has_role) * math.sqrt(1 + a2))
    else:
        fit = skill_sim
    fit = np.round(100 * fit, 1)

    def contribution(row: int) -> list[tuple[float, str]]:
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        out = []
        for col, level in zip(matrix.indices[start:end], matrix.data[start:end], strict=True):
            if value[col] > 0:
                ids, years = matrix.columns[col]
                best = max(ids, key=lambda i: book.credit(i, years[ids.index(i)]).value)
                # named by the skill of yours that earns it: "R" asked, "Python" (related) held
                via = book.credit(best, years[ids.index(best)]).via
                out.append((float(level) * weight[col] * value[col], taxonomy[via[0] if via else best].name))
        return sorted(out, reverse=True)

    return _Fits(score, fit, uses, role_sim, has_role, contribution)


def suggest_roles(profile: Profile, roles: RoleTaxonomy) -> dict[str, float]:
    """The roles a profile's skills suggest, for a profile that names none: each role by the share
    of its core skills (and the skills it shows) the profile has, against the profile's size; the
    best and any within a quarter of it, when the best is clear enough to mean something."""
    scores = []
    for role in roles:
        core = set(role.core) | set(role.skills)
        if core:
            have = sum(1 for s in core if s in profile.skills and not profile.skills[s].from_role)
            scores.append((have / math.sqrt(len(core) * max(len(profile.skills), 1)), role.id))
    if not scores:
        return {}
    best = max(scores)[0]
    if best < _SUGGEST_AT_LEAST:
        return {}
    return {role_id: 1.0 for score, role_id in sorted(scores, reverse=True) if score >= 0.75 * best}


_SUGGEST_AT_LEAST = 0.3


def _role_match(roles: tuple[str, ...], sim: float, has_role: bool, profile: Profile) -> str:
    if not profile.roles:
        return ""
    if not has_role:
        return "unknown"
    return "target" if set(roles) & set(profile.roles) else "related" if sim >= 0.2 else "other"


def rank(
    profile: Profile,
    postings: Sequence[tuple[Posting, Extraction]],
    *,
    taxonomy: Taxonomy,
    idf: Idf | None = None,
) -> list[Ranked]:
    """Every posting ranked against ``profile``, best fit first (then score, then source, so the
    order is stable). See the module's note for what fit is."""
    roles = load_roles()
    return rank_items(profile, [read_item(p, e, roles=roles) for p, e in postings], taxonomy=taxonomy, idf=idf)


def rank_items(
    profile: Profile,
    items: Sequence[Item],
    *,
    taxonomy: Taxonomy,
    idf: Idf | None = None,
    matrix: AskMatrix | None = None,
    top: int | None = None,
    min_fit: float = 0,
    min_score: float = 0,
) -> list[Ranked]:
    """``rank`` for postings whose asks and roles are read already (from the store's cache, say);
    ``matrix`` is their ``AskMatrix`` when one is at hand. Only postings with at least ``min_fit``
    and ``min_score`` are kept, the ``top`` best of them: the rest are never built."""
    import numpy as np

    roles = load_roles()
    if matrix is None:
        matrix = AskMatrix.build([i.asks or () for i in items], [i.roles for i in items])
    idf = idf or batch_idf([matrix.asks_of(n) if i.asks is None else i.asks for n, i in enumerate(items)])
    book = CreditBook(profile, taxonomy)
    found = _fits(profile, matrix, taxonomy=taxonomy, idf=idf, roles=roles, book=book)

    def explain(asks: tuple[Ask, ...]) -> Callable[[], Match]:
        return lambda: match_asks(profile, asks, taxonomy=taxonomy, idf=idf, credits=book)

    sources = np.array(getattr(items, "sources", None) or [i.posting.source for i in items], dtype=str)
    order = np.lexsort((sources, -found.score, -found.fit)) if len(items) else np.zeros(0, dtype=int)
    keep = (found.fit >= min_fit) & (found.score >= min_score)
    order = order[keep[order]][:top]
    out = []
    for i in order.tolist():
        item = items[i]
        asks = matrix.asks_of(i) if item.asks is None else item.asks
        out.append(
            Ranked(
                item.posting,
                item.title,
                asks,
                float(found.score[i]),
                float(found.fit[i]),
                float(found.uses[i]),
                item.roles,
                _role_match(item.roles, float(found.role_sim[i]), bool(found.has_role[i]), profile),
                explain(asks),
                partial(found.contribution, i),
            )
        )
    return out


# What people grow over a career rather than learn next: reported apart from the skills to learn.
_KIND_OF_CATEGORY = {"soft_skills": "soft", "spoken_languages": "soft", "domain": "domain"}


@dataclass(frozen=True)
class Gap:
    """A skill the profile lacks (or has only in part) and how much it matters across the listings
    the person is after. ``kind`` is "skill" (something to learn), "soft" (soft skills and spoken
    languages) or "domain" (an industry or field: Fintech, Marketing, Nursing); the last two are
    listed apart, as nobody learns them in a week."""

    id: str
    name: str
    importance: float
    listings: int
    required: int
    preferred: int
    kind: str = "skill"
    hot: bool = False  # O*NET marks it a hot technology (``Skill.hot``)


def _closeness(fit: float) -> float:
    """How much a listing's needs count for this person: by the square of its fit, so the listings of
    their own trade decide, and another trade's count next to nothing."""
    return (fit / 100) ** 2


def gaps(ranked: Sequence[Ranked], *, taxonomy: Taxonomy, top: int = 10) -> list[Gap]:
    """The skills the profile lacks across ``ranked``, most important first.

    A listing contributes the share of its score the skill would add (its weight, less what the
    profile already earns on it), scaled by ``_closeness`` of its fit: a skill missing from the
    postings a person is after matters far more than one missing from another trade's postings.
    """
    found: dict[str, dict[str, float]] = {}
    names: dict[str, str] = {}
    for item in ranked:
        closeness = _closeness(item.fit)
        if closeness <= 0:
            continue
        total = sum(i.weight for i in item.match.items) or 1.0
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
            kind=_KIND_OF_CATEGORY.get(taxonomy[skill_id].category, "skill"),
            hot=taxonomy[skill_id].hot,
        )
        for skill_id, entry in found.items()
    ]
    return sorted(result, key=lambda g: (-g.importance, g.id))[:top]


@dataclass(frozen=True)
class Step:
    """One skill of a learning plan: the score gain it brings (averaged over the listings, the best
    fitting counting most) and how many listings it lifts over the threshold, given the steps before."""

    id: str
    name: str
    mean_gain: float
    newly_over_threshold: int
    over_threshold: int


@dataclass(frozen=True)
class Plan:
    """What to learn next, in order; ``lifts_any`` is False when no step lifts a posting over the
    threshold, and ``suggested_threshold`` is then a threshold that means something for these
    listings (the score the best-fitting ones reach)."""

    steps: tuple[Step, ...]
    threshold: float
    lifts_any: bool
    suggested_threshold: float | None


def learning_plan(
    profile: Profile,
    ranked: Sequence[Ranked],
    *,
    taxonomy: Taxonomy,
    idf: Idf,
    threshold: float = 70,
    steps: int = 3,
    candidates: int = 15,
) -> Plan:
    """Which skill to learn next: among the learnable gaps (not soft skills, languages or domains),
    the one that raises the scores of the listings the person is after the most, a listing it lifts
    over ``threshold`` counting a hundred points more (each listing by how well it fits); then the
    next given the first, ``steps`` long.

    Each trial is one sparse product: a new skill earns 1 on the asks naming it, 0.6 on those it
    implies and 0.3 on related ones, and keeps whatever the profile earned there before."""
    import numpy as np

    matrix = AskMatrix.build([r.asks for r in ranked], [()] * len(ranked))
    closeness = np.array([_closeness(r.fit) for r in ranked])
    closeness_total = float(closeness.sum()) or 1.0
    book = CreditBook(profile, taxonomy)
    credit = _credits(book, matrix)
    asked, total = _asked(matrix, idf)
    scores = _round_scores(asked, credit, total)
    pool = [g.id for g in gaps(ranked, taxonomy=taxonomy, top=candidates * 4) if g.kind == "skill"][:candidates]
    members: dict[str, list[int]] = {}
    for col, (ids, _) in enumerate(matrix.columns):
        for skill_id in ids:
            members.setdefault(skill_id, []).append(col)
    related_to: dict[str, list[str]] = {}  # relations hold both ways
    for skill in taxonomy:
        for other in skill.related:
            related_to.setdefault(other, []).append(skill.id)
    chosen: list[Step] = []
    for _ in range(steps):
        best: tuple[float, float, str, Any, Any] | None = None
        for skill_id in pool:
            if skill_id in profile.skills or any(s.id == skill_id for s in chosen):
                continue
            trial = credit.copy()
            for earned, reached in (
                (RELATED_CREDIT, (*taxonomy[skill_id].related, *related_to.get(skill_id, ()))),
                (IMPLIED_CREDIT, taxonomy.implied(skill_id)),
                (1.0, (skill_id,)),
            ):
                for other in reached:
                    cols = members.get(other)
                    if cols is not None:  # (an empty index would select every column)
                        trial[cols] = np.maximum(trial[cols], earned)
            new = _round_scores(asked, trial, total)
            gain = float((closeness * (new - scores)).sum()) / closeness_total
            crossed = (new >= threshold) & (scores < threshold)
            # a posting lifted over the threshold counts as a hundred points more, by how well it fits
            value = gain + 100 * float(closeness[crossed].sum()) / closeness_total
            if best is None or value > best[0]:
                best = (value, gain, skill_id, new, trial)
        if best is None or best[1] <= 0:
            break
        _, gain, skill_id, new, credit = best
        chosen.append(
            Step(
                id=skill_id,
                name=taxonomy[skill_id].name,
                mean_gain=round(gain, 2),
                newly_over_threshold=int(((new >= threshold) & (scores < threshold)).sum()),
                over_threshold=int((new >= threshold).sum()),
            )
        )
        scores = new
    lifts = any(s.newly_over_threshold for s in chosen)
    return Plan(tuple(chosen), threshold, lifts, None if lifts else _suggest_threshold(ranked))


def _suggest_threshold(ranked: Sequence[Ranked]) -> float | None:
    """A threshold worth aiming at for these listings: the median score of the ten that fit best,
    rounded down to a multiple of five."""
    best = sorted(ranked, key=lambda r: -r.fit)[:10]
    if not best:
        return None
    scores = sorted(r.score for r in best)
    return float(5 * math.floor(scores[len(scores) // 2] / 5))


def _with_skill(profile: Profile, skill_id: str, taxonomy: Taxonomy) -> Profile:
    skill = taxonomy[skill_id]
    return replace(profile, skills={**profile.skills, skill_id: ProfileSkill(skill_id, skill.name, skill.name)})


def cache_version(taxonomy: Taxonomy) -> str:
    """What a cached posting row depends on: everything an extraction does (skills, rules, code: see
    ``Taxonomy.extraction_version``), the roles, and this row's format."""
    import hashlib

    from .taxonomy import data_path

    digest = hashlib.sha256(f"rows-2:{taxonomy.extraction_version}:".encode())
    digest.update(data_path("roles.jsonl").read_bytes())
    return digest.hexdigest()[:16]


def _item_row(item: Item) -> dict[str, Any]:
    from .score import asks_to_json

    return {"title": item.title, "asks": asks_to_json(item.asks or ()), "roles": list(item.roles)}


def gather(
    postings: Sequence[Posting | Unread],
    *,
    taxonomy: Taxonomy,
    store: Any = None,
    jobs: int = 1,
    progress: Callable[[Any, int], Any] = lambda items, total: items,
    fit: Callable[[list[Sequence[str]]], Idf] | None = None,
    failed: Callable[[SourceError], object] | None = None,
) -> tuple[Sequence[Item], Idf, AskMatrix | None]:
    """The postings ready to rank, the batch's IDF and, when at hand, its ``AskMatrix``: ``postings``
    (extracted here) and, with a ``store`` (a ``jobmatch.store.Store``), every saved posting.

    Saved postings are read from the store's cache: a batch of saved postings only comes back from
    one compact record (matrix, titles, roles and IDF) when the set of postings is the one cached;
    else from each posting's cached row, and what is new is extracted (in ``jobs`` processes) and
    cached. ``progress(iterable, total)`` wraps the extraction; ``fit`` fits the IDF (``batch_idf``'s);
    a cache that cannot be written is a ``JobmatchWarning`` from the store, and ranking goes on
    without it. A posting file left ``Unread`` (``sources.pending_postings``) is read where it is
    extracted; one that cannot be read is given to ``failed`` once the rest are done (raised without
    it)."""
    from .sources import Posting

    version = cache_version(taxonomy)
    key = _batch_key(version, store.generation()) if store is not None else ""
    if store is not None and not postings:
        kept = store.cached_batch(key)
        if kept is not None:
            try:
                return _from_batch(kept)
            except (KeyError, ValueError, OSError, EOFError):  # unreadable (another version's, or damaged): rebuilt
                pass
    headers = store.headers() if store is not None else []
    slots: list[list[Item] | None] = [None] * len(postings)  # a file's items (a JSON file may hold several)
    todo: list[Posting | Unread] = list(postings)
    digests: dict[int, str] = {}  # position → content hash, for the saved ones
    if headers:
        cache = store.cached_asks(version)
        for posting_id, digest, source, title in headers:
            row = cache.get(digest)
            digests[len(slots)] = digest
            if row is None or "roles" not in row:  # not read yet: its whole text, to extract below
                todo.append(store.get(posting_id).posting)
                slots.append(None)
            else:  # read before: no text needed; asks as plain JSON rows score as they are
                known = Posting(text="", source=source, title=title)
                todo.append(known)
                slots.append([Item(known, row["title"] or title, row["asks"], tuple(row["roles"]))])
    missing = [i for i, slot in enumerate(slots) if slot is None]
    if missing:
        from ._headstart import HeadStart
        from .extract import SkillExtractor  # and with it spaCy: only when something is new

        # each posting's whole work (extraction, reading, role, the rows cached) in ``jobs`` processes;
        # its layout, which needs no spaCy, read meanwhile on the idle core (``jobmatch._headstart``)
        jobs_todo = [(todo[i], i in digests) for i in missing]
        with HeadStart(jobs_todo if jobs != 1 else [], _prepared_for_rank) as ahead:
            extractor = SkillExtractor(taxonomy)
            fresh = extractor.map(_read_for_rank, jobs_todo, n_process=jobs, batch_size=16, head_start=ahead)
        if jobs > 1 and fit is None:  # this process only waits now: it loads what fitting needs meanwhile
            import threading

            threading.Thread(target=_load_ranking_modules, daemon=True).start()
        new_rows: dict[str, dict[str, Any]] = {}
        new_extractions: dict[str, dict[str, Any]] = {}
        unread: list[SourceError] = []
        for i, out in zip(missing, progress(fresh, len(missing)), strict=True):
            if isinstance(out, SourceError):
                unread.append(out)
                continue
            slots[i] = [Item(posting, title, asks, roles) for posting, (title, asks, roles, _) in out]
            for _, (*_, rows) in out:
                if rows is not None:
                    new_rows[digests[i]], new_extractions[digests[i]] = rows
        if new_rows:  # re-ranking saved postings never extracts them again
            store.cache_extractions(version, new_extractions, new_rows)  # a failed write is a warning
        for err in unread:
            if failed is None:
                raise err
            failed(err)
    items = [item for slot in slots if slot is not None for item in slot]
    idf = batch_idf([i.asks or () for i in items], fit=fit)
    matrix = AskMatrix.build([i.asks or () for i in items], [i.roles for i in items])
    if headers and not postings:  # a batch of saved postings only: kept whole for the next time
        blob = _to_batch(matrix, [i.title for i in items], headers, idf)
        store.cache_batch(key, blob)
    return items, idf, matrix


def _load_ranking_modules() -> None:
    """Import what fitting IDF uses (scikit-learn alone takes about a second)."""
    import sklearn.feature_extraction.text  # noqa: F401


_RankingView = tuple[str | None, tuple[Ask, ...] | None, tuple[str, ...], tuple[dict[str, Any], dict[str, Any]] | None]


def _read_for_rank(
    extractor: SkillExtractor, job: tuple[Posting | Unread, bool]
) -> list[tuple[Posting, _RankingView]] | SourceError:
    """A posting (or a file's postings: ``sources.each_posting``) read for ranking where it is
    extracted (a worker with ``jobs``), each with its ``_ranking_view``; never its text."""
    from .sources import each_posting

    item, saved = job
    return each_posting(partial(_ranking_view, saved), extractor, item)


def _prepared_for_rank(job: tuple[Posting | Unread, bool]) -> tuple[Prepared, ...] | None:
    """What ranking reads of a posting before spaCy is there (``HeadStart``): its layout and role."""
    from .extract import prepared_of

    return prepared_of(job[0], fields=False, roles=posting_roles)


def _ranking_view(saved: bool, extractor: SkillExtractor, posting: Posting) -> _RankingView:
    """One posting's title, asks and roles, and for a saved one the store's two cache rows."""
    extraction = extractor.extract(posting)
    item = read_item(posting, extraction)
    return item.title, item.asks, item.roles, (_item_row(item), extraction.to_cache()) if saved else None


_BATCH_FORMAT = "batch-4"  # the compact record's layout: a new one is rebuilt, never misread


def _batch_key(version: str, generation: str) -> str:
    return f"{_BATCH_FORMAT} {version} {generation}"


class _SavedItems(Sequence[Item]):
    """The items of a cached batch, each made when first asked for: a re-rank shows a few of many."""

    def __init__(self, sources: list[str], titles: list[str], read_titles: list[str], matrix: AskMatrix) -> None:
        self.sources, self.titles, self.read_titles, self.matrix = sources, titles, read_titles, matrix

    def __len__(self) -> int:
        return len(self.sources)

    def __getitem__(self, n):
        if isinstance(n, slice):
            return [self[i] for i in range(*n.indices(len(self)))]
        from .sources import Posting

        title = self.titles[n] or None
        posting = Posting(text="", source=self.sources[n], title=title)
        return Item(posting, self.read_titles[n] or title, None, self.matrix.roles_of(n))


def _lines(values: Iterable[str | None]) -> Any:
    """Strings as one array of UTF-8 bytes, one a line (a line break inside one becomes a space):
    100,000 of them split back far faster than JSON parses them."""
    import numpy as np

    text = "\n".join((v or "").replace("\n", " ").replace("\r", " ") for v in values)
    return np.frombuffer(text.encode(), dtype=np.uint8)


def _unlines(array: Any, n: int) -> list[str]:
    return bytes(array).decode().split("\n") if n else []


def _to_batch(
    matrix: AskMatrix, titles: Sequence[str | None], headers: Sequence[tuple[int, str, str, str | None]], idf: Idf
) -> bytes:
    """A batch's compact record in one .npz: the matrix as numpy arrays, each posting's source, title
    and read title a line of text, the IDF as JSON."""
    import io
    import json

    import numpy as np

    idf_json = json.dumps({"values": dict(idf.values), "default": idf.default, "n_postings": idf.n_postings})
    out = io.BytesIO()
    np.savez(
        out,
        **matrix.to_arrays(),
        sources=_lines(source for _, _, source, _ in headers),
        titles=_lines(title for _, _, _, title in headers),
        read_titles=_lines(titles),
        idf=np.frombuffer(idf_json.encode(), dtype=np.uint8),
    )
    return out.getvalue()


def _from_batch(blob: bytes) -> tuple[Sequence[Item], Idf, AskMatrix]:
    import io
    import json

    import numpy as np

    with np.load(io.BytesIO(blob)) as arrays:
        matrix = AskMatrix.from_arrays({k: arrays[k] for k in arrays.files})
        n = len(matrix)
        sources, titles, read_titles = (_unlines(arrays[k], n) for k in ("sources", "titles", "read_titles"))
        items = _SavedItems(sources, titles, read_titles, matrix)
        kept = json.loads(bytes(arrays["idf"]))
    if not len(items.sources) == len(items.titles) == len(items.read_titles) == n:
        raise ValueError("a damaged record")
    return items, Idf(values=kept["values"], default=kept["default"], n_postings=kept["n_postings"]), matrix


def summary(r: Ranked, roles: RoleTaxonomy | None = None, *, items: bool = True) -> dict[str, Any]:
    """One ranked posting as the JSON (and CSV) of ``jobmatch rank``: the same fields everywhere;
    without the matched, partial and missing ``items`` (the CSV names them from ``r.match``)."""
    names = roles or load_roles()
    head = {
        "source": r.posting.source,
        "title": r.title,
        "fit": r.fit,
        "score": r.score,
        "uses": round(r.uses, 4),
        "role": [names[i].name for i in r.roles if i in names],
        "role_match": r.role_match or None,
        "shared": list(r.shared),
    }
    if not items:
        return head
    match = r.match
    return {
        **head,
        "matched": [i.to_dict() for i in match.matched],
        "partial": [i.to_dict() for i in match.partial],
        "missing": [i.to_dict() for i in match.missing],
    }
