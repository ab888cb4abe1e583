"""Many postings against one profile: rank them by fit, find the skills the profile lacks across
them, and plan which to learn next.

**Fit** is a TF-IDF cosine similarity between the profile and each posting, computed for the whole
batch at once as a sparse matrix product (scipy.sparse):

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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from typing import TYPE_CHECKING, Any

from .profile import Profile, ProfileSkill
from .roles import RoleTaxonomy, load_roles
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

    from .extract import Extraction
    from .sources import Posting
    from .taxonomy import Taxonomy

__all__ = [
    "ROLE_SHARE",
    "AskMatrix",
    "Gap",
    "Plan",
    "Ranked",
    "Step",
    "gaps",
    "learning_plan",
    "rank",
    "rank_items",
    "read_item",
]

# alpha² in the module's note: the role block's weight against the skills block's (1 = as much)
ROLE_SHARE = 1.0


@dataclass(frozen=True)
class Item:
    """One posting ready to rank: the posting, its title, what it asks for and its roles."""

    posting: Posting
    title: str | None
    asks: tuple[Ask, ...]
    roles: tuple[str, ...] = ()


def read_item(posting: Posting, extraction: Extraction, *, roles: RoleTaxonomy | None = None) -> Item:
    """The ranking view of one extracted posting: its asks and the role it is for."""
    title = extraction.title or posting.title
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
        roles: list[tuple[str, ...]],
    ) -> None:
        self.columns, self.indptr, self.indices, self.data, self.roles = columns, indptr, indices, data, roles

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
        return cls(
            list(index),
            np.asarray(indptr, dtype=np.int64),
            np.asarray(indices, dtype=np.int32),
            np.asarray(data, dtype=np.float32),
            [tuple(r) for r in roles],
        )

    def __len__(self) -> int:
        return len(self.indptr) - 1

    def to_arrays(self) -> dict[str, Any]:
        import json

        import numpy as np

        return {
            "columns": np.frombuffer(json.dumps(self.columns).encode(), dtype=np.uint8),
            "roles": np.frombuffer(json.dumps(self.roles).encode(), dtype=np.uint8),
            "indptr": self.indptr,
            "indices": self.indices,
            "data": self.data,
        }

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, Any]) -> AskMatrix:
        import json

        columns = [(tuple(ids), tuple(years)) for ids, years in json.loads(bytes(arrays["columns"]))]
        roles = [tuple(r) for r in json.loads(bytes(arrays["roles"]))]
        return cls(columns, arrays["indptr"], arrays["indices"], arrays["data"], roles)

    def skill_ids(self) -> list[list[str]]:
        """Each posting's skill ids (for fitting IDF)."""
        out = []
        for start, end in zip(self.indptr[:-1], self.indptr[1:], strict=True):
            out.append([i for c in self.indices[start:end] for i in self.columns[c][0]])
        return out


@dataclass(frozen=True)
class _Fits:
    score: np.ndarray
    fit: np.ndarray
    uses: np.ndarray
    role_sim: np.ndarray
    has_role: np.ndarray
    contribution: Callable[[int], list[tuple[float, str]]]


def _weights(profile: Profile, book: CreditBook, idf: Idf, matrix: AskMatrix) -> tuple[Any, Any, float]:
    """Per column: its IDF weight and the profile's vector value there; and the profile's norm."""
    import numpy as np

    weight = np.empty(len(matrix.columns))
    value = np.empty(len(matrix.columns))
    for col, (ids, years) in enumerate(matrix.columns):
        weight[col] = max(idf[i] for i in ids)
        best = max((book.credit(i, y) for i, y in zip(ids, years, strict=True)), key=lambda c: c.value)
        stress = max((profile.skills[v].weight for v in best.via if v in profile.skills), default=0.0)
        value[col] = weight[col] * best.value * stress
    norm = math.sqrt(sum((idf[s] * p.weight) ** 2 for s, p in profile.skills.items()))
    return weight, value, norm


def _credits(book: CreditBook, matrix: AskMatrix) -> Any:
    import numpy as np

    return np.array(
        [max(book.credit(i, y).value for i, y in zip(ids, years, strict=True)) for ids, years in matrix.columns]
    )


def _levels(matrix: AskMatrix) -> Any:
    import numpy as np
    import scipy.sparse as sp

    shape = (len(matrix), max(len(matrix.columns), 1))
    return sp.csr_matrix((matrix.data.astype(np.float64), matrix.indices, matrix.indptr), shape=shape)


def _asked(matrix: AskMatrix, idf: Idf, weight: Any = None) -> tuple[Any, Any]:
    """The batch's asks weighed (IDF × level), and each posting's total weight."""
    import numpy as np
    import scipy.sparse as sp

    if weight is None:
        weight = np.array([max(idf[i] for i in ids) for ids, _ in matrix.columns])
    asked = _levels(matrix) @ sp.diags(weight if len(weight) else np.zeros(1))
    return asked, np.asarray(asked.sum(axis=1)).ravel()


def _round_scores(asked: Any, credit: Any, total: Any) -> Any:
    """Match scores (0–100, one decimal) of every posting: what the credits earn of the asks' weight."""
    import numpy as np

    earned = asked @ (credit if len(credit) else np.zeros(1))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, np.round(100 * earned / np.where(total > 0, total, 1), 1), 0.0)


def _fits(profile: Profile, matrix: AskMatrix, *, taxonomy: Taxonomy, idf: Idf, roles: RoleTaxonomy) -> _Fits:
    import numpy as np

    n, width = len(matrix), len(matrix.columns)
    book = CreditBook(profile, taxonomy)
    weight, value, norm = _weights(profile, book, idf, matrix)
    credit = _credits(book, matrix)
    levels = _levels(matrix)
    asked, total = _asked(matrix, idf, weight)
    score = _round_scores(asked, credit, total)
    with np.errstate(invalid="ignore", divide="ignore"):
        row_norm = np.sqrt(np.asarray(asked.multiply(asked).sum(axis=1)).ravel())
        dot = asked @ (value if width else np.zeros(1))
        skill_sim = np.where(row_norm > 0, dot / (row_norm * (norm or 1.0)), 0.0)
    skill_sim = np.clip(skill_sim, 0.0, 1.0)
    held = sum(idf[s] * p.weight for s, p in profile.skills.items())
    present = levels.copy()
    present.data[:] = 1.0
    uses = np.clip((present @ (value if width else np.zeros(1))) / (held or 1), 0.0, 1.0)

    # the role block: posting roles and target roles as normalised feature vectors
    target = roles.features(profile.roles) if profile.roles else {}
    target_norm = math.sqrt(sum(v * v for v in target.values())) or 1.0
    role_sim = np.zeros(n)
    has_role = np.zeros(n, dtype=bool)
    memo: dict[tuple[str, ...], float] = {}
    for row, found in enumerate(matrix.roles):
        known = tuple(r for r in found if r in roles)
        if not known:
            continue
        has_role[row] = True
        if known not in memo:
            feats = roles.features(dict.fromkeys(known, 1.0))
            dot = sum(v * target.get(k, 0.0) for k, v in feats.items())
            memo[known] = dot / ((math.sqrt(sum(v * v for v in feats.values())) or 1.0) * target_norm)
        role_sim[row] = memo[known]
    if target:
        a2 = ROLE_SHARE
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
                out.append((float(level) * weight[col] * value[col], taxonomy[best].name))
        return sorted(out, reverse=True)

    return _Fits(score, fit, uses, role_sim, has_role, contribution)


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
) -> list[Ranked]:
    """``rank`` for postings whose asks and roles are read already (from the store's cache, say);
    ``matrix`` is their ``AskMatrix`` when one is at hand."""
    roles = load_roles()
    if matrix is None:
        matrix = AskMatrix.build([i.asks for i in items], [i.roles for i in items])
    idf = idf or batch_idf([i.asks for i in items])
    found = _fits(profile, matrix, taxonomy=taxonomy, idf=idf, roles=roles)
    book = CreditBook(profile, taxonomy)

    def explain(asks: tuple[Ask, ...]) -> Callable[[], Match]:
        return lambda: match_asks(profile, asks, taxonomy=taxonomy, idf=idf, credits=book)

    order = sorted(range(len(items)), key=lambda i: (-found.fit[i], -found.score[i], items[i].posting.source))
    out = []
    for i in order:
        item = items[i]
        out.append(
            Ranked(
                item.posting,
                item.title,
                item.asks,
                float(found.score[i]),
                float(found.fit[i]),
                float(found.uses[i]),
                item.roles,
                _role_match(item.roles, float(found.role_sim[i]), bool(found.has_role[i]), profile),
                explain(item.asks),
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
    """What a cached posting row depends on: the skills and the roles (and this row format)."""
    import hashlib

    from .taxonomy import data_path

    digest = hashlib.sha256(f"rows-2:{taxonomy.version}:".encode())
    digest.update(data_path("roles.jsonl").read_bytes())
    return digest.hexdigest()[:16]


def _item_row(item: Item) -> dict[str, Any]:
    from .score import asks_to_json

    return {"title": item.title, "asks": asks_to_json(item.asks), "roles": list(item.roles)}


def gather(
    postings: Sequence[Posting],
    *,
    taxonomy: Taxonomy,
    store: Any = None,
    jobs: int = 1,
    progress: Callable[[Any, int], Any] = lambda items, total: items,
    warn: Callable[[str], None] = lambda message: None,
) -> tuple[list[Item], Idf]:
    """The postings ready to rank, and the batch's IDF: ``postings`` (extracted here) and, with a
    ``store`` (a ``jobmatch.store.Store``), every saved posting, read from the store's cache when it
    has them; what is new is extracted (in ``jobs`` processes) and cached. A batch of saved postings
    only takes its IDF from the store too, fitted once. ``progress(iterable, total)`` wraps the
    extraction; ``warn`` hears of a cache that could not be written (ranking goes on without it)."""
    from .sources import Posting
    from .store import StoreError

    version = cache_version(taxonomy)
    slots: list[Item | None] = [None] * len(postings)
    todo: list[Posting] = list(postings)
    digests: dict[int, str] = {}  # position → content hash, for the saved ones
    if store is not None:
        cache = store.cached_asks(version)
        for posting_id, digest, source, title in store.headers():
            row = cache.get(digest)
            digests[len(slots)] = digest
            if row is None or "roles" not in row:  # not read yet: its whole text, to extract below
                record = store.get(posting_id)
                todo.append(record.posting)
                slots.append(None)
            else:  # read before: no text needed; asks as plain JSON rows score as they are
                todo.append(Posting(text="", source=source, title=title))
                slots.append(Item(todo[-1], row["title"] or title, row["asks"], tuple(row["roles"])))
    missing = [i for i, slot in enumerate(slots) if slot is None]
    if missing:
        from .extract import SkillExtractor  # and with it spaCy: only when something is new

        roles = load_roles()
        fresh = SkillExtractor(None).pipe([todo[i] for i in missing], n_process=jobs, batch_size=16)
        new_rows: dict[str, dict[str, Any]] = {}
        new_extractions: dict[str, dict[str, Any]] = {}
        for i, extraction in zip(missing, progress(fresh, len(missing)), strict=True):
            slots[i] = read_item(todo[i], extraction, roles=roles)
            if i in digests:
                new_rows[digests[i]] = _item_row(slots[i])  # type: ignore[arg-type]
                new_extractions[digests[i]] = extraction.to_cache()
        if new_rows and store is not None:  # re-ranking saved postings never extracts them again
            try:
                store.cache_extractions(version, new_extractions, new_rows)
            except StoreError as err:
                warn(f"could not cache the extractions ({err}); the next run reads them again")
    items = [slot for slot in slots if slot is not None]
    return items, _batch_idf(items, digests if len(digests) == len(items) else None, version, store, warn)


def _batch_idf(
    items: Sequence[Item], digests: Mapping[int, str] | None, version: str, store: Any, warn: Callable[[str], None]
) -> Idf:
    """The batch's IDF; for a batch of saved postings only, fitted once and kept in the store, so a
    re-rank needs no scikit-learn."""
    import hashlib

    from .store import StoreError

    if digests is None or store is None:
        return batch_idf([i.asks for i in items])
    key = hashlib.sha256(" ".join([version, *sorted(digests.values())]).encode()).hexdigest()
    kept = store.cached_idf(key)
    if kept is not None:
        return Idf(values=kept["values"], default=kept["default"], n_postings=kept["n_postings"])
    idf = batch_idf([i.asks for i in items])
    try:
        store.cache_idf(key, {"values": dict(idf.values), "default": idf.default, "n_postings": idf.n_postings})
    except StoreError as err:
        warn(f"could not cache the batch's IDF ({err})")
    return idf


def summary(r: Ranked, roles: RoleTaxonomy | None = None) -> dict[str, Any]:
    """One ranked posting as the JSON (and CSV) of ``jobmatch rank``: the same fields everywhere."""
    names = roles or load_roles()
    return {
        "source": r.posting.source,
        "title": r.title,
        "fit": r.fit,
        "score": r.score,
        "uses": round(r.uses, 4),
        "role": [names[i].name for i in r.roles if i in names],
        "role_match": r.role_match or None,
        "shared": list(r.shared),
        "matched": [i.to_dict() for i in r.match.matched],
        "partial": [i.to_dict() for i in r.match.partial],
        "missing": [i.to_dict() for i in r.match.missing],
    }
