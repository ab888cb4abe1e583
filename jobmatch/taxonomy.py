"""Load and validate the skill taxonomy: canonical ids, names, categories, aliases, implications,
external ids (ESCO, O*NET), and the user's own skill files that extend the bundled ones.

The data lives in JSONL files, one skill a line (see ``models/NOTE.md`` for the schema)::

    {"id": "kubernetes", "name": "Kubernetes", "category": "devops",
     "aliases": ["k8s"], "ambiguous": [], "implies": ["containers"], "related": ["docker"]}

Every comparison elsewhere in jobmatch is by ``id``: "k8s" and "Kubernetes" are one skill.

The taxonomy jobmatch uses is the bundled one *extended* by, in this order: the ``.jsonl`` files of
the user skills folder (``user_skills_dir()``), the files and folders ``JOBMATCH_TAXONOMY`` lists
(separated by ``os.pathsep``) and the paths given to ``load_taxonomy`` (``--taxonomy``). A record
with a name and category adds a skill, or replaces the one with its id; a record with only an id
and lists (``{"id": "kubernetes", "esco": [...]}``) adds aliases, relations or external ids to a
skill defined before.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Union

from .errors import TaxonomyError

__all__ = [
    "ENV_VAR",
    "FileCheck",
    "OnetLink",
    "Skill",
    "Taxonomy",
    "TaxonomySource",
    "check_files",
    "check_records",
    "data_path",
    "describe",
    "extension_paths",
    "load_taxonomy",
    "normalize_form",
    "user_skills_dir",
]

ENV_VAR = "JOBMATCH_TAXONOMY"
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_ESCO_RE = re.compile(r"^https?://data\.europa\.eu/esco/\S+$")
_COMMODITY_RE = re.compile(r"^\d{8}$")
_LIST_FIELDS = ("aliases", "ambiguous", "implies", "related")
_EXTERNAL_FIELDS = ("esco", "onet")
_FIELDS = {"id", "name", "category", *_LIST_FIELDS, *_EXTERNAL_FIELDS}
_ONET_FIELDS = {"example", "commodity", "commodity_title", "hot", "in_demand", "occupations"}
# a record as its version hashes it: json.dumps(record, sort_keys=True), without making an encoder each time
_canonical_json = json.JSONEncoder(sort_keys=True).encode
_FORMAT = "taxonomy-4"  # the validated build's layout, for the disk cache: a new one is rebuilt

# what ``load_taxonomy`` takes: None (the extended default), a Taxonomy, a file or folder, or several
_Paths = Union[str, os.PathLike, Sequence[Union[str, os.PathLike]], None]  # noqa: UP007 (a runtime alias on 3.10)
TaxonomySource = Union["Taxonomy", _Paths]


def normalize_form(form: str) -> str:
    """The key two surface forms collide on: lower case, single spaces."""
    return " ".join(form.lower().split())


@dataclass(frozen=True)
class OnetLink:
    """A skill's entry in O*NET's Technology Skills: the ``example`` (O*NET's name for the tool),
    its UNSPSC ``commodity`` code and title, whether O*NET marks it a hot technology or in demand
    (in any occupation), and in how many occupations it is listed."""

    example: str
    commodity: str
    commodity_title: str = ""
    hot: bool = False
    in_demand: bool = False
    occupations: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "example": self.example,
            "commodity": self.commodity,
            "commodity_title": self.commodity_title,
            "hot": self.hot,
            "in_demand": self.in_demand,
            "occupations": self.occupations,
        }


_NO_EXTERNAL: Mapping[str, Any] = {}


@dataclass(frozen=True)
class Skill:
    """One skill of the taxonomy. ``forms`` is the name followed by every alias; ``esco`` the ESCO
    concept URIs it stands for, ``onet`` its O*NET Technology Skills entries."""

    id: str
    name: str
    category: str
    aliases: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    implies: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    esco: tuple[str, ...] = ()
    onet: tuple[OnetLink, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def hot(self) -> bool:
        """Whether O*NET marks this skill a hot technology (frequently in employers' postings)."""
        return any(link.hot for link in self.onet)

    @property
    def external(self) -> Mapping[str, Any]:
        """The external ids as JSON fields, only those known: ``{"esco": [...], "onet": [...]}`` or ``{}``."""
        if not self.esco and not self.onet:
            return _NO_EXTERNAL
        out: dict[str, Any] = {}
        if self.esco:
            out["esco"] = list(self.esco)
        if self.onet:
            out["onet"] = [link.to_dict() for link in self.onet]
        return out


@dataclass(frozen=True, eq=False)  # identity hash: lookups are cached per instance
class Taxonomy:
    """A validated set of skills, with lookups by id and by any surface form.

    ``origins`` says where each skill was defined and extended ("file:line"), ``files`` the user's
    files that extend the bundled data, in the order they apply."""

    skills: dict[str, Skill]
    categories: dict[str, str]
    version: str
    origins: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    files: tuple[str, ...] = ()

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
        (``version``, which covers the user's files too), the bundled data beside them (context
        rules, roles, categories) and the code that extracts and reads (the package version and a
        fingerprint of its modules). Caches of extractions key on this, so a change to any of them
        is never served stale."""
        return _extraction_version(self.version, data_path(""), Path(__file__).resolve().parent)

    def category_name(self, category: str) -> str:
        return self.categories.get(category, category.replace("_", " ").capitalize())

    def resolve(self, form: str) -> Skill | None:
        """The skill whose id, name or alias is ``form`` (case-insensitive), else None.

        >>> load_taxonomy().resolve("k8s").id
        'kubernetes'
        """
        skill_id = self._forms.get(normalize_form(form))
        return self.skills[skill_id] if skill_id else None

    @cached_property
    def _forms(self) -> dict[str, str]:
        """Each id, and each name and alias normalised, → its skill's id (the cache keeps it too)."""
        index: dict[str, str] = {}
        for skill in self:
            index.setdefault(skill.id, skill.id)
            for form in skill.forms:
                index[normalize_form(form)] = skill.id
        return index

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
def _extraction_version(taxonomy_version: str, data: Path, package: Path) -> str:
    from . import __version__

    digest = hashlib.sha256(f"{taxonomy_version}\0{__version__}".encode())
    # the bundled data other than the skill records (which ``version`` covers) and the reference
    # IDF (which scoring reads, not extraction); then every module of the package, by name
    files = [p for p in sorted(data.glob("*.json")) if not p.name.startswith("reference")]
    # (the web shell, jobmatch/web, extracts nothing: editing it keeps the cache)
    # (nor does an import of ESCO or O*NET files: it writes skill records, which ``version`` covers)
    code = [
        p
        for p in sorted(package.rglob("*.py"))
        if "web" not in p.relative_to(package).parts[:1] and p.name != "taxonomy_import.py"
    ]
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


def user_skills_dir() -> Path:
    """The user skills folder: every ``*.jsonl`` in it extends the bundled taxonomy on every command
    (``~/.local/share/jobmatch/skills`` on Linux; platformdirs' data folder on every OS)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("jobmatch", appauthor=False)) / "skills"


def _bundled_paths() -> list[Path]:
    return sorted(data_path("skills").glob("*.jsonl"))


def _bundled_categories() -> dict[str, str]:
    text = data_path("categories.json").read_text(encoding="utf-8")
    return {c["id"]: c["name"] for c in json.loads(text)}


def _expand(path: Path, what: str = "") -> list[Path]:
    """A file, or a folder's ``*.jsonl`` files in name order."""
    if path.is_dir():
        return sorted(p for p in path.glob("*.jsonl") if p.is_file())
    if path.is_file():
        return [path]
    raise TaxonomyError(f"{what}{path}: no such taxonomy file or folder")


def extension_paths(*, exclude: Iterable[str | os.PathLike] = ()) -> list[Path]:
    """The user's files that extend the bundled taxonomy without being asked for: the user skills
    folder's, then those ``JOBMATCH_TAXONOMY`` lists; ``exclude`` leaves some out."""
    skip = {Path(p).resolve() for p in exclude}
    folder = user_skills_dir()
    paths = sorted(p for p in folder.glob("*.jsonl") if p.is_file()) if folder.is_dir() else []
    for entry in os.environ.get(ENV_VAR, "").split(os.pathsep):
        if entry.strip():
            paths += _expand(Path(entry), f"{ENV_VAR}: ")
    return [p for p in paths if p.resolve() not in skip]


def _given_paths(path: _Paths) -> list[Path]:
    if path is None:
        return []
    if isinstance(path, (str, os.PathLike)):
        return _expand(Path(path))
    return [p for one in path for p in _expand(Path(one))]


def load_taxonomy(
    path: TaxonomySource = None,
    *,
    extend: bool = True,
    check_references: bool = True,
    exclude: Iterable[str | os.PathLike] = (),
) -> Taxonomy:
    """Load and validate the taxonomy: the bundled one extended by the user skills folder,
    ``JOBMATCH_TAXONOMY`` and ``path`` (a ``.jsonl`` file, a folder of them, or a list of either),
    later files winning. ``extend=False`` loads ``path`` alone; ``exclude`` leaves files out (an
    import leaves out the file it is about to rewrite). A Taxonomy is returned as it is.

    >>> load_taxonomy("nurse.jsonl").resolve("wound care").id   # doctest: +SKIP
    'wound_care'

    Raises TaxonomyError, naming file and line, for malformed records, an id defined twice in one
    file, a surface form claimed by two skills (naming both), or a reference to an unknown id.
    """
    if isinstance(path, Taxonomy):
        return path
    given = _given_paths(path)
    if not extend:
        if not given:
            raise TaxonomyError("no taxonomy files given")
        return _load(tuple((p, False, *_stamp(p)) for p in given), check_references)
    skip = {Path(p).resolve() for p in exclude}
    return _extended([p for p in [*extension_paths(), *given] if p.resolve() not in skip], check_references)


def check_records(records: Sequence[dict], *, path: str | os.PathLike, taxonomy: Taxonomy) -> Taxonomy:
    """The taxonomy ``taxonomy`` would be with ``records`` as one more file at ``path`` (not
    written): TaxonomyError, naming ``path`` and a line, if they do not fit (a form of two skills)."""
    files: list[tuple[Path, bool, Iterable[tuple[str, dict]]]] = []
    for file in (*_bundled_paths(), *map(Path, taxonomy.files)):
        try:
            data = file.read_bytes()
        except OSError as err:
            raise TaxonomyError(f"{file}: cannot read taxonomy file ({err.strerror or err})") from None
        files.append((file, str(file) not in taxonomy.files, _read_skills(file, data)))
    lines = [(f"{path}:{number}", record) for number, record in enumerate(records, 2)]  # after a header line
    files.append((Path(path), False, lines))
    return _validate(files, check_references=True)


def _extended(extra: Iterable[Path], check_references: bool = True) -> Taxonomy:
    """The bundled taxonomy extended by ``extra``, each file once (named as given), in order."""
    once: dict[Path, Path] = {}
    for path in extra:
        once.setdefault(path.resolve(), path)
    files = list(once.values())
    layers = [(p, True) for p in _bundled_paths()] + [(p, False) for p in files]
    return _load(tuple((p, strict, *_stamp(p)) for p, strict in layers), check_references)


def _stamp(path: Path) -> tuple[int, int]:
    """What a changed file changes (its size and time), so a process sees an edited file anew."""
    try:
        info = path.stat()
    except OSError as err:
        raise TaxonomyError(f"{path}: cannot read taxonomy file ({err.strerror or err})") from None
    return info.st_mtime_ns, info.st_size


@lru_cache(maxsize=8)
def _load(layers: tuple[tuple[Path, bool, int, int], ...], check_references: bool) -> Taxonomy:
    """Validate and build, or reuse the validated build cached for these exact file contents."""
    from . import _cache

    digest = hashlib.sha256(repr((_FORMAT, check_references)).encode())
    contents = []
    for path, strict, *_ in layers:
        try:
            data = path.read_bytes()
        except OSError as err:
            raise TaxonomyError(f"{path}: cannot read taxonomy file ({err.strerror or err})") from None
        digest.update(f"\0{path}\0{strict}\0".encode() + data)
        contents.append((path, strict, data))
    root = _cache.cache_dir()
    entry = root / f"taxonomy-{digest.hexdigest()[:20]}.msgpack" if root else None
    cached = _from_rows(_cache.read(entry)) if entry else None
    if cached is not None:
        return cached
    files = [(path, strict, _read_skills(path, data)) for path, strict, data in contents]
    taxonomy = _validate(files, check_references)
    if entry:
        _cache.write(entry, _to_rows(taxonomy))
    return taxonomy


_SKILL_FIELDS = tuple(f.name for f in fields(Skill))


def _to_rows(taxonomy: Taxonomy) -> list[Any]:
    """A taxonomy as the cache keeps it: each skill a row of its fields, in ``_SKILL_FIELDS`` order
    (read back in half the time of 3,000 objects each packed with its field names)."""
    rows = [tuple(getattr(skill, name) for name in _SKILL_FIELDS) for skill in taxonomy]
    # the form index too (20,000 forms normalised: 10 ms), as two blocks of lines: split in 1 ms
    forms = taxonomy._forms
    keys, ids = "\n".join(forms), "\n".join(forms.values())
    kept = [keys, ids] if keys.count("\n") == ids.count("\n") == len(forms) - 1 else None
    return [_SKILL_FIELDS, rows, taxonomy.categories, taxonomy.version, dict(taxonomy.origins), taxonomy.files, kept]


def _from_rows(entry: Any) -> Taxonomy | None:
    """The taxonomy ``_to_rows`` kept, or None for anything else (an older layout, a damaged entry)."""
    try:
        names, rows, categories, version, origins, files, kept = entry
        if tuple(names) != _SKILL_FIELDS:
            return None
        new = object.__new__
        skills = {}
        for row in rows:
            skill = new(Skill)  # as _cache rebuilds an object: its fields set, nothing run
            skill.__dict__.update(zip(names, row, strict=True))
            skills[skill.id] = skill
        taxonomy = Taxonomy(skills=skills, categories=categories, version=version, origins=origins, files=files)
        if kept is not None:  # the cached_property's value, as it would work it out
            keys, ids = kept
            taxonomy.__dict__["_forms"] = dict(zip(keys.split("\n"), ids.split("\n"), strict=True))
        return taxonomy
    except (TypeError, ValueError, AttributeError):
        return None


def _read_skills(path: Path, data: bytes) -> Iterator[tuple[str, dict]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        number = data[: err.start].count(b"\n") + 1
        raise TaxonomyError(
            f"{path}:{number}: not UTF-8 text (byte 0x{data[err.start]:02x}); save the file as UTF-8"
        ) from None
    for number, line in enumerate(text.splitlines(), 1):
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


def _string_list(where: str, record: dict, key: str) -> tuple[str, ...]:
    value = record.get(key, [])
    if value == []:  # most lists: absent or empty
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise TaxonomyError(f"{where}: field {key!r} must be a list of non-empty strings")
    return tuple(dict.fromkeys(value))


def _onet_links(where: str, value: Any) -> tuple[OnetLink, ...]:
    shape = '[{"example": "Kubernetes", "commodity": "43233004", "hot": true, ...}]'
    if not isinstance(value, list):
        raise TaxonomyError(f"{where}: field 'onet' must be a list of objects like {shape}")
    links = []
    for item in value:
        if not isinstance(item, dict) or not set(item) <= _ONET_FIELDS:
            raise TaxonomyError(f"{where}: each 'onet' entry must be an object with keys {sorted(_ONET_FIELDS)}")
        example, code = item.get("example"), item.get("commodity")
        if not isinstance(example, str) or not example.strip():
            raise TaxonomyError(f"{where}: an 'onet' entry needs an 'example' (O*NET's name for the tool)")
        if not isinstance(code, str) or not _COMMODITY_RE.match(code):
            raise TaxonomyError(f"{where}: 'onet' commodity must be an 8-digit code as a string, got {code!r}")
        title = item.get("commodity_title", "")
        occupations = item.get("occupations", 0)
        flags = [item.get(k, False) for k in ("hot", "in_demand")]
        if not isinstance(title, str) or not all(isinstance(f, bool) for f in flags):
            raise TaxonomyError(f"{where}: 'onet' commodity_title must be a string and hot, in_demand true or false")
        if not isinstance(occupations, int) or isinstance(occupations, bool) or occupations < 0:
            raise TaxonomyError(f"{where}: 'onet' occupations must be a count (0 or more)")
        links.append(OnetLink(example, code, title, flags[0], flags[1], occupations))
    return tuple(links)


def _fields(where: str, record: dict) -> dict[str, Any]:
    """The lists and external ids of a record, checked."""
    unknown = set(record) - _FIELDS
    if unknown:
        raise TaxonomyError(f"{where}: unknown field(s) {sorted(unknown)}; expected {sorted(_FIELDS)}")
    if not isinstance(record.get("id"), str) or not record["id"].strip():
        raise TaxonomyError(f"{where}: field 'id' must be a non-empty string")
    if not _ID_RE.match(record["id"]):
        raise TaxonomyError(f"{where}: id {record['id']!r} must be lower-case ascii, digits and _")
    out: dict[str, Any] = {key: _string_list(where, record, key) for key in _LIST_FIELDS}
    out["esco"] = _string_list(where, record, "esco")
    for uri in out["esco"]:
        if not _ESCO_RE.match(uri):
            raise TaxonomyError(f"{where}: {uri!r} is not an ESCO concept URI (http://data.europa.eu/esco/...)")
    out["onet"] = _onet_links(where, record.get("onet", []))
    return out


def _make_skill(where: str, record: dict, categories: dict[str, str], strict: bool) -> Skill:
    lists = _fields(where, record)
    for key in ("name", "category"):
        if not isinstance(record.get(key), str) or not record[key].strip():
            raise TaxonomyError(f"{where}: field {key!r} must be a non-empty string")
    if strict and record["category"] not in categories:
        raise TaxonomyError(f"{where}: unknown category {record['category']!r}; expected one of {sorted(categories)}")
    skill = Skill(id=record["id"], name=record["name"], category=record["category"], **lists)
    _check_ambiguous(where, skill)
    return skill


def _check_ambiguous(where: str, skill: Skill) -> None:
    if not skill.ambiguous:  # most skills: then no form to normalise here
        return
    known = {normalize_form(f) for f in skill.forms}
    for form in skill.ambiguous:
        if normalize_form(form) not in known:
            raise TaxonomyError(f"{where}: ambiguous form {form!r} is not the name or an alias of {skill.id!r}")


def _is_patch(record: dict) -> bool:
    """A record with neither name nor category adds to a skill defined before."""
    return "name" not in record and "category" not in record


def _merge(skill: Skill, where: str, patch: dict[str, Any]) -> Skill:
    def union(old: tuple, new: tuple) -> tuple:
        return tuple(dict.fromkeys((*old, *new)))

    onet = {(link.example, link.commodity): link for link in skill.onet}
    onet.update({(link.example, link.commodity): link for link in patch["onet"]})
    merged = Skill(
        id=skill.id,
        name=skill.name,
        category=skill.category,
        **{key: union(getattr(skill, key), patch[key]) for key in (*_LIST_FIELDS, "esco")},
        onet=tuple(onet.values()),
    )
    _check_ambiguous(where, merged)
    return merged


def _validate(files: Sequence[tuple[Path, bool, Iterable[tuple[str, dict]]]], check_references: bool) -> Taxonomy:
    """Definitions first, file by file (a later one replacing an earlier by id), then the records
    that add to them, then every surface form is checked to have one owner."""
    if not files:
        raise TaxonomyError("no taxonomy files found")
    categories = _bundled_categories()
    skills: dict[str, Skill] = {}
    defined_at: dict[str, str] = {}
    origins: dict[str, list[str]] = {}
    form_at: dict[tuple[str, str], str] = {}  # (skill id, normalized form) → where that form was given
    patches: list[tuple[str, dict, dict[str, Any]]] = []
    digest = hashlib.sha256()
    for _, strict, records in files:
        in_this_file: dict[str, str] = {}
        for where, record in records:
            digest.update(_canonical_json(record).encode())
            if _is_patch(record):
                patches.append((where, record, _fields(where, record)))
                continue
            skill = _make_skill(where, record, categories, strict)
            if skill.id in in_this_file:
                raise TaxonomyError(f"{where}: duplicate id {skill.id!r} (first at {in_this_file[skill.id]})")
            in_this_file[skill.id] = where
            if skill.id in skills:  # a user's skill replaces the bundled (or an earlier file's) one
                origins[skill.id].append(f"{where} (replaces {defined_at[skill.id]})")
                for claim in [k for k in form_at if k[0] == skill.id]:
                    del form_at[claim]
            else:
                origins[skill.id] = [where]
            skills[skill.id] = skill
            defined_at[skill.id] = where
            for form in skill.forms:
                form_at.setdefault((skill.id, normalize_form(form)), where)
    for where, record, lists in patches:
        skill_id = record["id"]
        if skill_id not in skills:
            raise TaxonomyError(f"{where}: no skill {skill_id!r} to add to (a new skill needs 'name' and 'category')")
        skills[skill_id] = _merge(skills[skill_id], where, lists)
        origins[skill_id].append(f"{where} (adds to it)")
        for form in lists["aliases"]:
            form_at.setdefault((skill_id, normalize_form(form)), where)
    _check_forms(skills, form_at)
    for skill in skills.values() if check_references else ():
        for key in ("implies", "related"):
            for other in getattr(skill, key):
                if other not in skills:
                    raise TaxonomyError(f"{origins[skill.id][-1].split(' (')[0]}: {key} names unknown id {other!r}")
    user_files = tuple(str(path) for path, strict, _ in files if not strict)
    return Taxonomy(
        skills=skills,
        categories=categories,
        version=digest.hexdigest()[:16],
        origins={k: tuple(v) for k, v in origins.items()},
        files=user_files,
    )


def _check_forms(skills: dict[str, Skill], form_at: dict[tuple[str, str], str]) -> None:
    """Every surface form (and id) has one owner; a clash names both skills and where each got it,
    reported at the later of the two."""
    owner: dict[str, tuple[str, str]] = {}
    for (skill_id, key), where in form_at.items():  # in the order the files gave them
        seen = owner.get(key)
        if seen is not None and seen[0] != skill_id:
            form = next((f for f in skills[skill_id].forms if normalize_form(f) == key), key)
            raise TaxonomyError(f"{where}: {form!r} of {skill_id!r} is already a form of {seen[0]!r} (at {seen[1]})")
        owner.setdefault(key, (skill_id, where))


@dataclass(frozen=True)
class FileCheck:
    """What one user taxonomy file brings (``jobmatch taxonomy check``): its records, the skills it
    adds, replaces and adds to, its ESCO and O*NET links, and the size of the taxonomy with it."""

    path: str
    records: int
    added: int
    replaced: int
    extended: int
    esco: int
    onet: int
    total: int
    new_categories: tuple[str, ...] = ()  # categories jobmatch does not have (shown by their id)


def check_files(paths: Sequence[str | os.PathLike]) -> list[FileCheck]:
    """Validate ``paths`` (files or folders) together as extensions of the taxonomy in use (bundled,
    user folder, ``JOBMATCH_TAXONOMY``) and count what each file brings; TaxonomyError, naming file
    and line, at the first problem."""
    targets = [p for one in paths for p in _expand(Path(one))]
    if not targets:
        raise TaxonomyError(f"{', '.join(map(str, paths)) or 'no path'}: no .jsonl taxonomy files")
    others = extension_paths(exclude=targets)
    base = _extended(others)
    full = _extended([*others, *targets])
    reports = []
    for target in targets:
        counts = dict.fromkeys(("records", "added", "replaced", "extended", "esco", "onet"), 0)
        categories: dict[str, None] = {}
        for _, record in _read_skills(target, target.read_bytes()):
            if "category" in record and record["category"] not in full.categories:
                categories[record["category"]] = None
            counts["records"] += 1
            kind = "extended" if _is_patch(record) else "replaced" if record["id"] in base else "added"
            counts[kind] += 1
            counts["esco"] += len(record.get("esco", ()))
            counts["onet"] += len(record.get("onet", ()))
        reports.append(FileCheck(path=str(target), total=len(full), new_categories=tuple(categories), **counts))
    return reports


def describe(taxonomy: Taxonomy, name: str) -> dict[str, Any]:
    """All the taxonomy knows of ``name`` (an id, name or alias) as JSON fields, with the files
    that define and extend it; TaxonomyError, with close names, when it knows none."""
    skill = taxonomy.resolve(name)
    if skill is None:
        import difflib

        forms = {normalize_form(f): s.name for s in taxonomy for f in s.forms}
        close = difflib.get_close_matches(normalize_form(name), list(forms), n=3, cutoff=0.75)
        hint = f" (did you mean {', '.join(dict.fromkeys(forms[c] for c in close))}?)" if close else ""
        raise TaxonomyError(f"no skill is called {name!r}{hint}")
    bundled = str(data_path("skills").resolve()) + os.sep
    return {
        "id": skill.id,
        "name": skill.name,
        "category": skill.category,
        "aliases": list(skill.aliases),
        "ambiguous": list(skill.ambiguous),
        "implies": list(skill.implies),
        "related": list(skill.related),
        **skill.external,
        "files": [place.replace(bundled, "bundled ") for place in taxonomy.origins.get(skill.id, ())],
    }


def _main(argv: list[str]) -> int:
    """``python -m jobmatch.taxonomy [PATH...] [--no-references]``: validate and summarise the
    taxonomy (bundled, extended by the user's files and PATHs)."""
    import collections
    import sys

    check = "--no-references" not in argv
    argv = [a for a in argv if a != "--no-references"]
    try:
        tax = load_taxonomy(argv or None, check_references=check)
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
