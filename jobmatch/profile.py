"""A person's skill profile: from a TOML file they edit, or read from their résumé (.txt, .md, .pdf).

A TOML profile names skills by any name or alias the taxonomy knows, each with years, a level,
or just ``true``::

    [profile]
    name = "Sample ML engineer"

    [skills]
    roles = ["Machine Learning Engineer"]   # what you are after (optional; see models/roles.jsonl)

    [skills]
    Python = 6                          # years
    PyTorch = { years = 3, level = "advanced" }
    k8s = true                          # Kubernetes, by its alias

A profile also has target roles (from ``roles``, a résumé's headline and the job titles it holds,
or ``--role``) and a weight per skill: what it stresses (its roles' core skills, years, level, a
skill a résumé names again and again) counts more in ranking than a skill listed once in passing.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ProfileError
from .roles import RoleTaxonomy, load_roles
from .taxonomy import Taxonomy, normalize_form

if TYPE_CHECKING:
    from .extract import SkillExtractor

__all__ = [
    "Profile",
    "ProfileError",
    "ProfileSkill",
    "credentials_held",
    "load_profile",
    "profile_from_text",
    "profile_to_toml",
    "titles_held",
    "with_roles",
]

LEVELS = ("beginner", "intermediate", "advanced", "expert")
RESUME_SUFFIXES = (".txt", ".md", ".pdf")


@dataclass(frozen=True)
class ProfileSkill:
    """One skill a person has: its canonical id, the name they gave it, years and level if stated;
    ``weight``, how much the profile stresses it (1 = a skill listed once); ``from_role`` when only a
    job title the person holds shows it (a data scientist does data analysis)."""

    id: str
    name: str
    given_as: str
    years: float | None = None
    level: str | None = None
    weight: float = 1.0
    from_role: bool = False


@dataclass(frozen=True)
class Profile:
    """The skills a person has, by canonical id; ``roles``, the roles they are after (role id →
    weight, 1 for the main one); ``unknown`` holds names the taxonomy does not know, each with the
    closest known names, and ``unknown_roles`` the role names it does not know, likewise."""

    skills: dict[str, ProfileSkill]
    source: str = ""
    name: str | None = None
    unknown: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())
    roles: dict[str, float] = field(default_factory=dict)
    unknown_roles: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(self.skills)

    def __contains__(self, skill_id: object) -> bool:
        return skill_id in self.skills


MAX_SUGGESTED = 30
"""Unknown names past this many get no "did you mean" search: a fuzzy search per name over every
known form takes milliseconds, and a profile of a million unknown names must not take hours."""


def _closest(taxonomy: Taxonomy, name: str, forms: dict[str, str] | None = None) -> tuple[str, ...]:
    forms = forms if forms is not None else _known_forms(taxonomy)
    close = difflib.get_close_matches(normalize_form(name)[:100], list(forms), n=5, cutoff=0.75)
    return tuple(dict.fromkeys(forms[c] for c in close))[:3]


def _known_forms(taxonomy: Taxonomy) -> dict[str, str]:
    return {normalize_form(f): s.name for s in taxonomy for f in s.forms}


def _line_of(lines: list[str], key: str) -> int:
    """The 1-based line where a key of the [skills] table is written (0 when not found)."""
    pattern = re.compile(rf"^\s*(?:\"{re.escape(key)}\"|'{re.escape(key)}'|{re.escape(key)})\s*=")
    return next((number for number, line in enumerate(lines, 1) if pattern.match(line)), 0)


def _toml_loads(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    return tomllib.loads(text)


def _parse_value(where: str, name: str, value: Any) -> tuple[float | None, str | None]:
    if value is True:
        return None, None
    if isinstance(value, bool) or value is None:
        raise ProfileError(f"{where}: '{name}' must be true, a number of years, or a table with years/level")
    if isinstance(value, (int, float)):
        value = {"years": value}
    if not isinstance(value, dict):
        raise ProfileError(f"{where}: '{name}' must be true, a number of years, or a table with years/level")
    extra = set(value) - {"years", "level"}
    if extra:
        raise ProfileError(f"{where}: '{name}' has unknown key(s) {sorted(extra)}; expected years, level")
    years = value.get("years")
    if years is not None and (isinstance(years, bool) or not isinstance(years, (int, float)) or not 0 <= years <= 60):
        raise ProfileError(f"{where}: years for '{name}' must be a number from 0 to 60, got {years!r}")
    level = value.get("level")
    if level is not None and level not in LEVELS:
        raise ProfileError(f"{where}: level for '{name}' must be one of {', '.join(LEVELS)}, got {level!r}")
    return (float(years) if years is not None else None), level


def _profile_from_toml(path: Path, text: str, taxonomy: Taxonomy) -> Profile:
    try:
        data = _toml_loads(text)
    except ValueError as err:  # tomllib.TOMLDecodeError; its message ends "(at line N, column M)"
        line = re.search(r"line (\d+)", str(err))
        raise ProfileError(f"{path}:{line.group(1) if line else '?'}: invalid TOML ({err})") from None
    skills_table = data.get("skills")
    if not isinstance(skills_table, dict) or not skills_table:
        raise ProfileError(f"{path}: expected a [skills] table naming at least one skill")
    header = data.get("profile", {})
    lines = text.splitlines()
    skills: dict[str, ProfileSkill] = {}
    unknown: list[tuple[str, tuple[str, ...]]] = []
    forms: dict[str, str] | None = None
    for name, value in skills_table.items():
        try:
            years, level = _parse_value(str(path), name, value)
        except ProfileError as err:  # the line is looked up only now: a scan per name would be quadratic
            where = f"{path}:{_line_of(lines, name) or '?'}"
            raise ProfileError(where + str(err).removeprefix(str(path))) from None
        skill = taxonomy.resolve(name)
        if skill is None:
            if len(unknown) < MAX_SUGGESTED:
                forms = forms if forms is not None else _known_forms(taxonomy)
                unknown.append((name, _closest(taxonomy, name, forms)))
            else:
                unknown.append((name, ()))
            continue
        known = skills.get(skill.id)
        if known is not None:  # "k8s" and "Kubernetes" both listed: keep the most years
            stated = [y for y in (years, known.years) if y is not None]
            years = max(stated) if stated else None
        skills[skill.id] = ProfileSkill(skill.id, skill.name, name, years, level or (known.level if known else None))
    name = header.get("name") if isinstance(header, dict) and isinstance(header.get("name"), str) else None
    listed = data.get("roles", header.get("roles", []) if isinstance(header, dict) else [])
    if isinstance(listed, str):
        listed = [listed]
    if not isinstance(listed, list) or not all(isinstance(r, str) for r in listed):
        where = f"{path}:{_line_of(lines, 'roles') or '?'}"
        raise ProfileError(f'{where}: roles must be a list of job titles, e.g. roles = ["Data Scientist"]')
    roles, unknown_roles = resolve_roles(listed, load_roles())
    profile = Profile(
        skills=skills, source=str(path), name=name, unknown=tuple(unknown), roles=roles, unknown_roles=unknown_roles
    )
    return weigh(profile, taxonomy)


def resolve_roles(
    names: list[str], roles: RoleTaxonomy
) -> tuple[dict[str, float], tuple[tuple[str, tuple[str, ...]], ...]]:
    """Role ids for role names or titles (the first 1.0, the rest 0.8), and the unknown ones with the
    closest known roles."""
    found: dict[str, float] = {}
    unknown = []
    for name in names:
        role = roles.resolve(name)
        if role is None:
            unknown.append((name, roles.closest(name)))
        else:
            found.setdefault(role.id, 1.0 if not found else 0.8)
    return found, tuple(unknown)


def with_roles(profile: Profile, names: list[str], taxonomy: Taxonomy) -> Profile:
    """The profile with these target roles instead of its own (``--role``); unknown names are added
    to ``unknown`` with suggestions, and the skills are weighed again."""
    from dataclasses import replace

    roles, unknown = resolve_roles(names, load_roles())
    return weigh(replace(profile, roles=roles, unknown_roles=unknown), taxonomy)


def _pdf_text(path: Path) -> str:
    import logging
    import warnings

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    # pypdf logs what it repairs ("incorrect startxref pointer"); our one line says what matters
    logger = logging.getLogger("pypdf")
    quiet, propagate = logging.NullHandler(), logger.propagate
    logger.addHandler(quiet)
    logger.propagate = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(str(path))
            if reader.is_encrypted and not reader.decrypt(""):  # many are encrypted with an empty password
                raise ProfileError(
                    f"{path}: this PDF is protected by a password; save an unprotected copy or the résumé as text"
                )
            text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except DependencyError:
        raise ProfileError(
            f"{path}: this PDF is encrypted (AES) and reading it needs the cryptography package"
            " (pip install cryptography)"
        ) from None
    except (PdfReadError, OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as err:
        raise ProfileError(f"{path}: cannot read this PDF ({str(err)[:120] or type(err).__name__})") from None
    finally:
        logger.removeHandler(quiet)
        logger.propagate = propagate
    if not text.strip():
        raise ProfileError(f"{path}: this PDF has no text layer (a scan?); save the résumé as text or run OCR first")
    return text


def profile_from_text(text: str, extractor: SkillExtractor, *, source: str = "") -> Profile:
    """A profile read from a résumé's text with the posting extractor, years where it states them
    ("Python (5 years)", "4+ years of AWS"); its target roles from its headline and the job titles
    it holds ("Senior Data Scientist, Acme — 2019–2023"), and the skills those titles show (a data
    scientist does data analysis; see ``titles_held``)."""
    taxonomy = extractor.taxonomy
    roles = load_roles()
    result = extractor.extract(text)
    headline = next((line.strip(" \t#*") for line in text.splitlines() if line.strip(" \t#*")), "")
    target = dict.fromkeys(roles.in_title(headline) if len(headline.split()) <= 12 else (), 1.0)
    held = titles_held(text, roles)
    for role_id in held:
        target.setdefault(role_id, 0.6 if target else 1.0)
    skills: dict[str, ProfileSkill] = {}
    for role_id, title in held.items():
        # a front-end developer is a web developer, who is a software developer: the skills of each
        for skill_id in (s for r in (role_id, *roles.ancestors(role_id)) for s in roles[r].skills):
            if skill_id in taxonomy.skills:
                skills.setdefault(skill_id, ProfileSkill(skill_id, taxonomy[skill_id].name, title, from_role=True))
    for skill_id, title in credentials_held(text, roles).items():
        if skill_id in taxonomy.skills:
            skills.setdefault(skill_id, ProfileSkill(skill_id, taxonomy[skill_id].name, title, from_role=True))
    # a résumé written in a language shows its writer's command of it
    written_in = _spoken_language(taxonomy, result.language)
    if written_in is not None:
        name = taxonomy[written_in].name
        skills.setdefault(written_in, ProfileSkill(written_in, name, f"a résumé written in {name}", from_role=True))
    mentions = {}
    for s in result.skills:
        if not s.boilerplate:
            skills[s.id] = ProfileSkill(s.id, s.name, s.mentions[0].text, s.years)
            mentions[s.id] = len(s.mentions)
    return weigh(Profile(skills=skills, source=source, roles=target), taxonomy, mentions=mentions)


def _spoken_language(taxonomy: Taxonomy, code: str | None) -> str | None:
    """The taxonomy's spoken-language skill of a language code ("en" → English), if it has one."""
    from .language import LANGUAGE_NAMES

    name = LANGUAGE_NAMES.get(code or "")
    skill = taxonomy.resolve(name) if name else None
    return skill.id if skill is not None and skill.category == "spoken_languages" else None


def titles_held(text: str, roles: RoleTaxonomy) -> dict[str, str]:
    """The roles of the job titles a résumé holds, with the title as written. A title counts where a
    line starts with it, after bullets, emphasis and words of rank ("**Senior Front-end Developer**,
    Pixelmint"), in the singular: "worked with data scientists" is not having been one."""
    found: dict[str, str] = {}
    for head in _title_heads(text):
        for role_id in roles.in_title(head):
            found.setdefault(role_id, _title_words(head))
    return found


def credentials_held(text: str, roles: RoleTaxonomy) -> dict[str, str]:
    """The credentials a résumé holds by the titles it holds (a role's ``credentials``: the law
    reserves "Registered Nurse" to holders of an RN licence), skill id → the title as written."""
    found: dict[str, str] = {}
    for head in _title_heads(text):
        title = _title_words(head)
        for role_id in roles.in_title(head):
            for skill_id in roles[role_id].credentials.get(title.lower(), ()):
                found.setdefault(skill_id, title)
    return found


def _title_heads(text: str) -> Iterator[str]:
    """The job titles a résumé's lines open with (see ``titles_held``)."""
    for line in text.splitlines()[:2000]:
        m = _TITLE_LINE.match(line)
        if not m:
            continue
        head = m.group("head").strip(" *_")
        if head and len(head.split()) <= 8 and not head.endswith("."):
            yield head


# A line that opens with a job title: bullets and emphasis, then the title up to a comma, a bracket,
# a dash between spaces, "at", a pipe or the line's end.
_TITLE_LINE = re.compile(
    r"^[ \t>#*•·\-–|]*(?P<head>[^,(|:·•—\n]{2,80}?)(?=\s*(?:,|\(|\||:|\s[-–—]\s|\sat\s|\s@\s|\*\*|$))", re.IGNORECASE
)
_RANK_WORDS = re.compile(
    r"^(?:(?:senior|sr\.?|junior|jr\.?|lead|principal|staff|chief|head|associate|graduate|trainee|assistant|deputy"
    r"|intern|mid-level)\s+)+",
    re.IGNORECASE,
)


def _title_words(head: str) -> str:
    """A title without its words of rank: "Senior Data Scientist" → "Data Scientist" ("Staff Nurse" stays)."""
    stripped = _RANK_WORDS.sub("", head)
    return stripped or head


# How much a profile stresses a skill (multiplied together; see ``weigh``).
_CORE_BONUS = 1.0  # a core skill of the main target role counts double
_LEVEL_FACTOR = {"beginner": 0.7, "intermediate": 0.9, "advanced": 1.1, "expert": 1.25}
_BACKGROUND = {"soft_skills": 0.5, "spoken_languages": 0.5}  # they say little of a trade
_FROM_ROLE = 0.6  # held because a title shows it, not stated


def weigh(profile: Profile, taxonomy: Taxonomy, *, mentions: dict[str, int] | None = None) -> Profile:
    """The profile with each skill's ``weight``: the core skills of its target roles, years, a stated
    level and a résumé's repetition count more; soft skills, spoken languages and skills only a title
    shows count less."""
    from dataclasses import replace

    roles = load_roles()
    core: dict[str, float] = {}
    for role_id, weight in profile.roles.items():
        for skill_id in roles[role_id].core:
            core[skill_id] = max(core.get(skill_id, 0.0), weight)
    weighed = {}
    for skill_id, skill in profile.skills.items():
        w = 1.0 + _CORE_BONUS * core.get(skill_id, 0.0)
        if skill.years:
            w *= 1 + min(skill.years, 10) / 20
        w *= _LEVEL_FACTOR.get(skill.level or "", 1.0)
        w *= 1 + 0.15 * min((mentions or {}).get(skill_id, 1) - 1, 4)
        w *= _BACKGROUND.get(taxonomy[skill_id].category, 1.0) if skill_id in taxonomy else 1.0
        if skill.from_role:
            w *= _FROM_ROLE
        weighed[skill_id] = replace(skill, weight=round(w, 4))
    return replace(profile, skills=weighed)


def load_profile(
    path: str | Path, *, extractor: SkillExtractor | None = None, taxonomy: Taxonomy | None = None
) -> Profile:
    """Load a profile: a ``.toml`` file (names resolved with ``taxonomy``, the extractor's, or the
    bundled one), or a résumé (``.txt``, ``.md``, ``.pdf``) read with the extractor (built when
    none is given). Raises ProfileError with the file (and line) for anything unusable."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".toml", *RESUME_SUFFIXES):
        raise ProfileError(f"{path}: a profile is a .toml file or a résumé (.txt, .md, .pdf)")
    if not path.exists():
        raise ProfileError(f"{path}: no such file")
    if not path.is_file():  # a folder, a FIFO (which would block), a device (which may never end)
        raise ProfileError(f"{path}: not a regular file")
    from .sources import MAX_SIZE

    limit = {".toml": 20_000_000, ".pdf": 50_000_000}.get(suffix, MAX_SIZE)  # a résumé's text is read as a posting
    size = path.stat().st_size
    if size > limit:
        raise ProfileError(f"{path}: file is {size / 1e6:.1f} MB, over the {limit / 1e6:g} MB limit for this kind")
    if suffix == ".pdf":
        return profile_from_text(_pdf_text(path), extractor or _extractor(taxonomy), source=str(path))
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProfileError(f"{path}: not UTF-8 text (save it as UTF-8)") from None
    except OSError as err:
        raise ProfileError(f"{path}: cannot read ({err.strerror or err})") from None
    if suffix == ".toml":
        from .taxonomy import load_taxonomy

        return _profile_from_toml(path, text, taxonomy or (extractor.taxonomy if extractor else load_taxonomy()))
    if "\x00" in text:
        raise ProfileError(f"{path}: binary file, not a résumé")
    return profile_from_text(text, extractor or _extractor(taxonomy), source=str(path))


def _extractor(taxonomy: Taxonomy | None) -> SkillExtractor:
    from .extract import SkillExtractor  # spaCy and the patterns: only for a résumé

    return SkillExtractor(taxonomy)


def profile_to_toml(profile: Profile) -> str:
    """An editable TOML profile: one line a skill, years where known."""
    import tomli_w

    skills: dict[str, Any] = {}
    for skill in sorted(profile.skills.values(), key=lambda s: s.name.lower()):
        years = None if skill.years is None else int(skill.years) if skill.years.is_integer() else skill.years
        if skill.level:
            skills[skill.name] = {"level": skill.level, **({"years": years} if years is not None else {})}
        else:
            skills[skill.name] = True if years is None else years  # `Python = 5`: five years
    header = (
        "# jobmatch skill profile: edit freely. Each skill is `Name = true`, a number of years,\n"
        f'# or {{ years = 3, level = "advanced" }} (levels: {", ".join(LEVELS)}).\n'
    )
    if profile.source:
        header += f"# Read from {profile.source}.\n"
    body = tomli_w.dumps({"profile": {"name": profile.name or "me"}, "skills": skills})
    return header + "\n" + body
