"""Load and validate the skill taxonomy: canonical ids, names, categories, aliases, implications.

The data lives in JSONL files, one skill a line (see ``models/NOTE.md`` for the schema)::

    {"id": "kubernetes", "name": "Kubernetes", "category": "devops",
     "aliases": ["k8s"], "ambiguous": [], "implies": ["containers"], "related": ["docker"]}

Every comparison elsewhere in jobmatch is by ``id``: "k8s" and "Kubernetes" are one skill.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import TaxonomyError

__all__ = ["Skill", "Taxonomy", "data_path", "load_taxonomy", "normalize_form"]

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_FIELDS = {"id", "name", "category", "aliases", "ambiguous", "implies", "related"}
_LIST_FIELDS = ("aliases", "ambiguous", "implies", "related")


def normalize_form(form: str) -> str:
    """The key two surface forms collide on: lower case, single spaces."""
    return " ".join(form.lower().split())


@dataclass(frozen=True)
class Skill:
    """One skill of the taxonomy. ``forms`` is the name followed by every alias."""

    id: str
    name: str
    category: str
    aliases: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    implies: tuple[str, ...] = ()
    related: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, eq=False)  # identity hash: lookups are cached per instance
class Taxonomy:
    """A validated set of skills, with lookups by id and by any surface form."""

    skills: dict[str, Skill]
    categories: dict[str, str]
    version: str

    def __len__(self) -> int:
        return len(self.skills)

    def __iter__(self) -> Iterator[Skill]:
        return iter(self.skills.values())

    def __contains__(self, skill_id: object) -> bool:
        return skill_id in self.skills

    def __getitem__(self, skill_id: str) -> Skill:
        return self.skills[skill_id]

    @property
    def extraction_version(self) -> str:
        """A key for what an extraction made with this taxonomy depends on: the skill records
        (``version``), the bundled data beside them (context rules, roles, categories) and the
        code that extracts and reads (the package version and a fingerprint of its modules).
        Caches of extractions key on this, so a change to any of them is never served stale."""
        return _extraction_version(self.version, data_path(""), Path(__file__).resolve().parent)

    def category_name(self, category: str) -> str:
        return self.categories.get(category, category.replace("_", " ").capitalize())

    def resolve(self, form: str) -> Skill | None:
        """The skill whose id, name or alias is ``form`` (case-insensitive), else None.

        >>> load_taxonomy().resolve("k8s").id
        'kubernetes'
        """
        skill_id = _form_index(self).get(normalize_form(form))
        return self.skills[skill_id] if skill_id else None

    def implied(self, skill_id: str) -> frozenset[str]:
        """Every id that ``skill_id`` implies, transitively (EKS ⇒ AWS, Kubernetes), itself excluded."""
        seen: set[str] = set()
        todo = list(self.skills[skill_id].implies)
        while todo:
            other = todo.pop()
            if other not in seen and other != skill_id:
                seen.add(other)
                todo.extend(self.skills[other].implies)
        return frozenset(seen)


@lru_cache(maxsize=8)
def _form_index(taxonomy: Taxonomy) -> dict[str, str]:
    index: dict[str, str] = {}
    for skill in taxonomy:
        index.setdefault(skill.id, skill.id)
        for form in skill.forms:
            index[normalize_form(form)] = skill.id
    return index


@lru_cache(maxsize=8)
def _extraction_version(taxonomy_version: str, data: Path, package: Path) -> str:
    from . import __version__

    digest = hashlib.sha256(f"{taxonomy_version}\0{__version__}".encode())
    # the bundled data other than the skill records (which ``version`` covers) and the reference
    # IDF (which scoring reads, not extraction); then every module of the package, by name
    files = [p for p in sorted(data.glob("*.json")) if not p.name.startswith("reference")]
    # (the web shell, jobmatch/web, extracts nothing: editing it keeps the cache)
    code = [p for p in sorted(package.rglob("*.py")) if "web" not in p.relative_to(package).parts[:1]]
    for path in [*files, *code]:
        try:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        except OSError:  # a file unreadable now is read by nothing either
            continue
    return digest.hexdigest()[:16]


def data_path(name: str) -> Path:
    """A file or folder of the bundled data (``models/`` in the source tree, ``jobmatch/models`` installed)."""
    try:
        root = Path(str(resources.files("jobmatch.models")))
    except ModuleNotFoundError:  # running from a source checkout that was never installed
        root = Path(__file__).resolve().parent.parent / "models"
    return root / name


def _bundled_paths() -> list[Path]:
    return sorted(data_path("skills").glob("*.jsonl"))


def _bundled_categories() -> dict[str, str]:
    text = data_path("categories.json").read_text(encoding="utf-8")
    return {c["id"]: c["name"] for c in json.loads(text)}


def _read_skills(path: Path) -> Iterable[tuple[str, dict]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise TaxonomyError(f"{path}: cannot read taxonomy file ({err})") from None
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise TaxonomyError(f"{where}: invalid JSON ({err.msg})") from None
        if not isinstance(record, dict):
            raise TaxonomyError(f"{where}: expected a JSON object, got {type(record).__name__}")
        yield where, record


def _make_skill(where: str, record: dict, categories: dict[str, str], strict: bool) -> Skill:
    unknown = set(record) - _FIELDS
    if unknown:
        raise TaxonomyError(f"{where}: unknown field(s) {sorted(unknown)}; expected {sorted(_FIELDS)}")
    for key in ("id", "name", "category"):
        if not isinstance(record.get(key), str) or not record[key].strip():
            raise TaxonomyError(f"{where}: field {key!r} must be a non-empty string")
    if not _ID_RE.match(record["id"]):
        raise TaxonomyError(f"{where}: id {record['id']!r} must be lower-case ascii, digits and _")
    if strict and record["category"] not in categories:
        raise TaxonomyError(f"{where}: unknown category {record['category']!r}; expected one of {sorted(categories)}")
    lists = {}
    for key in _LIST_FIELDS:
        value = record.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise TaxonomyError(f"{where}: field {key!r} must be a list of non-empty strings")
        lists[key] = tuple(dict.fromkeys(value))
    skill = Skill(id=record["id"], name=record["name"], category=record["category"], **lists)
    known = {normalize_form(f) for f in skill.forms}
    for form in skill.ambiguous:
        if normalize_form(form) not in known:
            raise TaxonomyError(f"{where}: ambiguous form {form!r} is not the name or an alias of {skill.id!r}")
    return skill


def load_taxonomy(path: str | Path | None = None, *, check_references: bool = True) -> Taxonomy:
    """Load and validate a taxonomy: the bundled one, a ``.jsonl`` file, or a folder of them.

    Raises TaxonomyError, naming file and line, for malformed records, duplicate ids, a surface
    form claimed by two skills, or an implication to an unknown id.
    """
    if path is None:
        paths, strict = _bundled_paths(), True
    else:
        path = Path(path)
        if path.is_dir():
            paths = sorted(path.glob("*.jsonl"))
        elif path.is_file():
            paths = [path]
        else:
            raise TaxonomyError(f"{path}: no such taxonomy file or folder")
        strict = False
    return _load(tuple(paths), strict, check_references)


@lru_cache(maxsize=8)
def _load(paths: tuple[Path, ...], strict: bool, check_references: bool) -> Taxonomy:
    """Validate and build, or reuse the validated build cached for these exact file contents."""
    import hashlib

    from . import _cache

    digest = hashlib.sha256(repr((strict, check_references)).encode())
    for path in paths:
        try:
            digest.update(path.read_bytes())
        except OSError as err:
            raise TaxonomyError(f"{path}: cannot read taxonomy file ({err})") from None
    root = _cache.cache_dir()
    entry = root / f"taxonomy-{digest.hexdigest()[:20]}.msgpack" if root else None
    cached = _cache.read(entry) if entry else None
    if isinstance(cached, Taxonomy):
        return cached
    taxonomy = _validate(paths, strict, check_references)
    if entry:
        _cache.write(entry, taxonomy)
    return taxonomy


def _validate(paths: tuple[Path, ...], strict: bool, check_references: bool) -> Taxonomy:
    if not paths:
        raise TaxonomyError("no taxonomy files found")
    categories = _bundled_categories()
    skills: dict[str, Skill] = {}
    where_of: dict[str, str] = {}
    owner: dict[str, str] = {}
    digest = hashlib.sha256()
    for path in paths:
        for where, record in _read_skills(path):
            skill = _make_skill(where, record, categories, strict)
            if skill.id in skills:
                raise TaxonomyError(f"{where}: duplicate id {skill.id!r} (first at {where_of[skill.id]})")
            for form in skill.forms:
                key = normalize_form(form)
                if key in owner and owner[key] != skill.id:
                    raise TaxonomyError(f"{where}: {form!r} of {skill.id!r} is already a form of {owner[key]!r}")
                owner[key] = skill.id
            skills[skill.id] = skill
            where_of[skill.id] = where
            digest.update(json.dumps(record, sort_keys=True).encode())
    for skill in skills.values() if check_references else ():
        for key in ("implies", "related"):
            for other in getattr(skill, key):
                if other not in skills:
                    raise TaxonomyError(f"{where_of[skill.id]}: {key} names unknown id {other!r}")
    return Taxonomy(skills=skills, categories=categories, version=digest.hexdigest()[:16])


def _main(argv: list[str]) -> int:
    """``python -m jobmatch.taxonomy [PATH] [--no-references]``: validate and summarise a taxonomy."""
    import collections
    import sys

    check = "--no-references" not in argv
    argv = [a for a in argv if a != "--no-references"]
    try:
        tax = load_taxonomy(argv[0], check_references=check) if argv else load_taxonomy()
    except TaxonomyError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    counts = collections.Counter(s.category for s in tax)
    print(f"{len(tax)} skills, version {tax.version}")
    for category, n in counts.most_common():
        print(f"  {n:5d}  {category}")
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(_main(sys.argv[1:]))
