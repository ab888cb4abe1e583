"""ESCO and O*NET download files → links to jobmatch's skills, and a user taxonomy extension.

Neither file ships with jobmatch (their licences and size): a user downloads their own and runs
``jobmatch taxonomy import esco skills_en.csv`` or ``jobmatch taxonomy import onet "Technology
Skills.txt"``. Each entry (an ESCO concept; an O*NET example, over all the occupations that list it)
is linked to the one skill whose name or alias its labels are, and the links are written as records
that add to those skills (``{"id": "kubernetes", "esco": [...]}``); with ``add_unmatched``, the
entries no skill answers to become skills of their own. Nothing is written when the file is bad.

    result = import_onet("Technology Skills.txt", taxonomy=load_taxonomy())
    write_extension(result, "onet.jsonl")
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .errors import TaxonomyError
from .taxonomy import Skill, Taxonomy, check_records, normalize_form

__all__ = ["ESCO_COLUMNS", "HEADER", "ONET_COLUMNS", "ImportResult", "import_esco", "import_onet", "write_extension"]

ESCO_COLUMNS = ("conceptUri", "preferredLabel", "altLabels")  # required; the others are read when present
ONET_COLUMNS = ("O*NET-SOC Code", "Example", "Commodity Code", "Commodity Title", "Hot Technology")
HEADER = "// written by `jobmatch taxonomy import"  # marks a file an import may rewrite

NO_SKILL = "no skill has this name (--add-unmatched adds it)"
SEVERAL = "its names belong to different skills"
ELSEWHERE = "linked already in another file"


@dataclass
class ImportResult:
    """What an import found: ``entries`` read, ``linked`` to existing skills (by which rule),
    ``added`` as new skills, ``skipped`` (by reason, with a few labels each), the ``records`` to
    write (links first), and each entry's ``outcomes`` by its label: the id it links to, "+id" for
    a skill added, or "skipped: reason"."""

    kind: str
    path: str
    entries: int = 0
    linked: Counter[str] = field(default_factory=Counter)
    added: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    records: list[dict[str, Any]] = field(default_factory=list)
    dropped_aliases: int = 0
    aliases_added: int = 0  # ESCO labels added as aliases of the skills they link to (``aliases``)
    outcomes: dict[str, str] = field(default_factory=dict)
    new_skills: list[dict[str, Any]] = field(default_factory=list)  # the added skills' records

    def link(self, rule: str, label: str, skill_id: str) -> None:
        self.linked[rule] += 1
        self.outcomes[label] = skill_id

    def add(self, record: dict[str, Any] | None, label: str, *, clash: str) -> None:
        """``label`` as a new skill, ``record``; None when another entry took its name (``clash``)."""
        if record is None:
            self.skip(clash, label)
            return
        self.new_skills.append(record)
        self.added += 1
        self.outcomes[label] = "+" + record["id"]

    def skip(self, reason: str, label: str) -> None:
        self.outcomes[label] = f"skipped: {reason}"
        self.skipped[reason] += 1
        shown = self.examples.setdefault(reason, [])
        if len(shown) < 3:
            shown.append(label)


# -- reading the files


def _text(path: Path, what: str) -> str:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise TaxonomyError(f"{path}: cannot read ({err.strerror or err})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise TaxonomyError(
            f"{path}:{line}: not UTF-8 text (byte 0x{data[err.start]:02x}); {what} downloads are UTF-8"
        ) from None


def _header(path: Path, found: Sequence[str], required: Sequence[str], what: str) -> None:
    missing = [c for c in required if c not in found]
    if missing:
        shown = ", ".join(found[:6]) + (", …" if len(found) > 6 else "")
        raise TaxonomyError(
            f"{path}:1: not {what}: no column {', '.join(repr(c) for c in missing)} (found: {shown or 'nothing'})"
        )


def _esco_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    text = _text(path, "ESCO's CSV")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, [])
        _header(path, header, ESCO_COLUMNS, "an ESCO skills file (skills_en.csv)")
        line = reader.line_num + 1
        for row in reader:
            if any(cell.strip() for cell in row):
                if len(row) != len(header):
                    raise TaxonomyError(f"{path}:{line}: {len(row)} fields where the header has {len(header)}")
                yield line, dict(zip(header, row, strict=True))
            line = reader.line_num + 1
    except csv.Error as err:
        raise TaxonomyError(f"{path}:{reader.line_num}: not CSV ({err})") from None


def _onet_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    lines = _text(path, "O*NET's text").splitlines()
    header = lines[0].split("\t") if lines else []
    _header(path, header, ONET_COLUMNS, 'an O*NET "Technology Skills.txt" file (tab-separated)')
    for number, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        row = line.split("\t")
        if len(row) != len(header):
            raise TaxonomyError(f"{path}:{number}: {len(row)} tab-separated fields where the header has {len(header)}")
        record = dict(zip(header, (cell.strip() for cell in row), strict=True))
        if not re.fullmatch(r"\d{8}", record["Commodity Code"]):
            raise TaxonomyError(f"{path}:{number}: Commodity Code {record['Commodity Code']!r} is not 8 digits")
        for flag in ("Hot Technology", "In Demand"):
            if record.get(flag, "N") not in ("Y", "N"):
                raise TaxonomyError(f"{path}:{number}: {flag} is {record[flag]!r}, not Y or N")
        yield number, record


# -- linking an entry's names to a skill


def _link(
    tiers: Sequence[tuple[str, Sequence[str]]], taxonomy: Taxonomy, accept: Callable[[Skill], bool] = lambda s: True
) -> tuple[Skill | None, str]:
    """The skill the first tier of names that names any skill names, and that tier's rule; a tier
    whose names belong to different skills is ambiguous (None, SEVERAL)."""
    for rule, names in tiers:
        found = {s.id: s for n in names if n.strip() and (s := taxonomy.resolve(n)) is not None and accept(s)}
        if len(found) == 1:
            return next(iter(found.values())), rule
        if found:
            return None, SEVERAL
    return None, NO_SKILL


_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")  # "Python (computer programming)"


def _labels(cell: str) -> list[str]:
    return [label.strip() for label in cell.split("\n") if label.strip()]


def _slug(name: str, taken: set[str]) -> str:
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower().replace("+", "plus").replace("#", "sharp")).strip("_")
    base = base[:60].rstrip("_") or "skill"
    if not base[0].isalnum():
        base = "skill_" + base
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}_{n}", n + 1
    taken.add(slug)
    return slug


class _NewSkills:
    """The skills an import adds: ids free in the taxonomy, each form claimed once (a form another
    new skill has is dropped from the later one)."""

    def __init__(self, taxonomy: Taxonomy, result: ImportResult) -> None:
        self.ids = set(taxonomy.skills)
        self.forms: set[str] = set()
        self.result = result

    def add(self, name: str, aliases: Sequence[str], category: str, **external: Any) -> dict[str, Any] | None:
        key = normalize_form(name)
        if key in self.forms:
            return None
        self.forms.add(key)
        kept = []
        for alias in aliases:
            alias_key = normalize_form(alias)
            if alias_key in self.forms:
                self.result.dropped_aliases += 1
                continue
            self.forms.add(alias_key)
            kept.append(alias)
        record: dict[str, Any] = {"id": _slug(name, self.ids), "name": name, "category": category}
        if kept:
            record["aliases"] = kept
        return {**record, **external}


# -- ESCO


def import_esco(
    path: str | os.PathLike,
    *,
    taxonomy: Taxonomy,
    add_unmatched: bool = False,
    category: str | None = None,
    aliases: bool = False,
) -> ImportResult:
    """Link the concepts of ESCO's ``skills_en.csv`` (conceptType, conceptUri, skillType, reuseLevel,
    preferredLabel, altLabels, hiddenLabels, status, …) to ``taxonomy``'s skills by their labels: the
    preferred label, then the alternative ones, the hidden ones, then the labels without a
    "(qualifier)". ``add_unmatched`` adds the rest as skills (``category``, else soft skills for
    ESCO's transversal ones and domain skills for the others). ``aliases`` adds the alternative
    labels of a concept whose preferred label is the skill's name as aliases of that skill (see
    ``_new_aliases``)."""
    source = Path(path)
    result = ImportResult("ESCO", str(path))
    links: dict[str, list[str]] = {}
    added_aliases: dict[str, list[str]] = {}
    new = _NewSkills(taxonomy, result)
    for _line, row in _esco_rows(source):
        result.entries += 1
        uri, label = row["conceptUri"].strip(), row["preferredLabel"].strip()
        concept_type = row.get("conceptType", "KnowledgeSkillCompetence").strip()
        status = row.get("status", "released").strip() or "released"
        if concept_type != "KnowledgeSkillCompetence":
            result.skip(f"not a skill concept (conceptType {concept_type})", label or uri)
            continue
        if status != "released":
            result.skip(f"status {status}", label or uri)
            continue
        if not label or not re.match(r"^https?://data\.europa\.eu/esco/\S+$", uri):
            result.skip("no preferred label or no ESCO URI", label or uri or "(empty)")
            continue
        alt, hidden = _labels(row["altLabels"]), _labels(row.get("hiddenLabels", ""))
        unqualified = [_QUALIFIER.sub("", n) for n in (label, *alt)]
        skill, rule = _link(
            [
                ("by its preferred label", [label]),
                ("by an alternative label", alt),
                ("by a hidden label", hidden),
                ("by a label without its qualifier", [n for n in unqualified if n not in (label, *alt)]),
            ],
            taxonomy,
        )
        if skill is not None:
            if uri in skill.esco:
                result.skip(ELSEWHERE, label)
                continue
            links.setdefault(skill.id, []).append(uri)
            result.link(rule, label, skill.id)
            if aliases and skill in (taxonomy.resolve(label), taxonomy.resolve(_QUALIFIER.sub("", label))):
                found = _new_aliases(alt, taxonomy, new.forms)
                added_aliases.setdefault(skill.id, []).extend(found)
                result.aliases_added += len(found)
        elif rule == NO_SKILL and add_unmatched:
            kind = category or ("soft_skills" if row.get("reuseLevel", "").strip() == "transversal" else "domain")
            record = new.add(label, [n for n in alt if normalize_form(n) != normalize_form(label)], kind, esco=[uri])
            result.add(record, label, clash="another entry has this label")
        else:
            result.skip(rule, label)
    result.records = [
        {"id": skill_id, "esco": uris, **({"aliases": added_aliases[skill_id]} if added_aliases.get(skill_id) else {})}
        for skill_id, uris in sorted(links.items())
    ] + result.new_skills
    return result


_ALIAS_WORDS = (2, 6)  # an alias taken from ESCO: a name of a few words, not one word nor a phrase


def _new_aliases(labels: Sequence[str], taxonomy: Taxonomy, claimed: set[str]) -> list[str]:
    """The alternative labels of a concept whose preferred label names a skill that may become
    aliases of it: ESCO gives them as other names of the very concept ("Kubernetes orchestration",
    "Python 3 programming"). Only where the preferred label is the skill's name: a concept linked by
    an alternative label may be wider than the skill ("use spreadsheets software", linked by
    "Microsoft Excel", also says "work with spreadsheets", which is not Excel). A label of one word
    is left out (ESCO's are often everyday words: the gate would need to know them ambiguous), as is
    a long phrase, one another skill has, and one ``claimed`` (by this import) already."""
    out = []
    for label in labels:
        name = _QUALIFIER.sub("", label).strip()
        key = normalize_form(name)
        if not _ALIAS_WORDS[0] <= len(name.split()) <= _ALIAS_WORDS[1] or key in claimed:
            continue
        if taxonomy.resolve(name) is None:
            claimed.add(key)
            out.append(name)
    return out


# -- O*NET


_VENDORS = {
    "adobe", "amazon", "apache", "apple", "atlassian", "autodesk", "cisco", "google", "ibm", "intuit",
    "mathworks", "microsoft", "oracle", "red hat", "salesforce", "sap", "the mathworks", "vmware", "the",
}  # fmt: skip
# a vendor's name dropped ("Oracle Java" → Java) links only to a tool, never to a concept or a field
_TOOL_CATEGORIES_ONLY = {"soft_skills", "spoken_languages", "domain", "methodologies", "ml_concepts", "math_stats"}
# UNSPSC commodity titles (as O*NET words them) → the category of a skill an import adds
_COMMODITY_CATEGORIES = (
    ("database", "databases"),
    ("development environment", "software_engineering"),
    ("object or component oriented", "software_engineering"),
    ("program testing", "software_engineering"),
    ("compiler", "software_engineering"),
    ("configuration management", "devops"),
    ("operating system", "security_networking"),
    ("network", "security_networking"),
    ("security", "security_networking"),
    ("web platform", "web_mobile"),
    ("web page", "web_mobile"),
    ("business intelligence", "data_tools"),
    ("analytical or scientific", "data_tools"),
    ("data mining", "data_tools"),
)


def _abbreviates(token: str, words: str) -> bool:
    """Whether ``token`` is an acronym of ``words``: its letters in order, from the first ("SQL",
    "Structured query language"; "JSON", "JavaScript Object Notation"), unlike "CI" after "Jenkins"."""
    letters, text = re.sub(r"[^a-z0-9]", "", token.lower()), re.sub(r"[^a-z0-9]", "", words.lower())
    if not letters or not text or letters[0] != text[0]:
        return False
    rest = iter(text)
    return all(char in rest for char in letters)


def _onet_names(example: str) -> list[tuple[str, list[str]]]:
    """O*NET's example names, then the same without "software", split from a trailing acronym
    ("Structured query language SQL") or edition ("Jenkins CI"), and without a vendor's name
    ("Microsoft PowerShell")."""
    bare = re.sub(r"\s+software$", "", example, flags=re.IGNORECASE).strip()
    words = bare.split()
    tail = []
    if len(words) > 1 and re.fullmatch(r"[A-Z0-9][A-Z0-9.+#/-]+", words[-1]):
        before = " ".join(words[:-1])
        if _abbreviates(words[-1], before):
            tail = [words[-1], before]
        elif before.lower() not in _VENDORS:  # "Microsoft ASP.NET" is the vendor's product: see below
            tail = [before]
    vendor = []
    for size in (2, 1):
        if len(words) > size and " ".join(words[:size]).lower() in _VENDORS:
            vendor.append(" ".join(words[size:]))
    return [
        ("by its name", [example]),
        ('by its name without "software"', [bare]),
        ("by its name before an acronym or edition", tail),
        ("by its name without the vendor's", vendor),
    ]


def import_onet(
    path: str | os.PathLike, *, taxonomy: Taxonomy, add_unmatched: bool = False, category: str | None = None
) -> ImportResult:
    """Link the examples of O*NET's ``Technology Skills.txt`` (tab-separated: O*NET-SOC Code, Title,
    Example, Commodity Code, Commodity Title, Hot Technology, In Demand) to ``taxonomy``'s skills by
    name, each example once over every occupation that lists it: hot or in demand where any
    occupation marks it, and in how many occupations. ``add_unmatched`` adds the rest as skills
    (``category``, else one from the commodity title)."""
    source = Path(path)
    result = ImportResult("O*NET", str(path))
    examples: dict[tuple[str, str], dict[str, Any]] = {}
    for _line, row in _onet_rows(source):
        key = (normalize_form(row["Example"]), row["Commodity Code"])
        entry = examples.setdefault(
            key,
            {"example": row["Example"], "commodity": row["Commodity Code"], "commodity_title": row["Commodity Title"],
             "hot": False, "in_demand": False, "occupations": set()},
        )  # fmt: skip
        entry["hot"] |= row["Hot Technology"] == "Y"
        entry["in_demand"] |= row.get("In Demand", "N") == "Y"
        entry["occupations"].add(row["O*NET-SOC Code"])
    links: dict[str, list[dict[str, Any]]] = {}
    new = _NewSkills(taxonomy, result)
    for entry in examples.values():
        result.entries += 1
        link = {**entry, "occupations": len(entry["occupations"])}
        example = link["example"]
        tiers = _onet_names(example)
        skill, rule = _link(tiers[:3], taxonomy)
        if skill is None and rule == NO_SKILL:
            skill, rule = _link(tiers[3:], taxonomy, lambda s: s.category not in _TOOL_CATEGORIES_ONLY)
        if skill is not None:
            if any((old.example, old.commodity) == (example, link["commodity"]) for old in skill.onet):
                result.skip(ELSEWHERE, example)
                continue
            links.setdefault(skill.id, []).append(link)
            result.link(rule, example, skill.id)
        elif rule == NO_SKILL and add_unmatched:
            title = link["commodity_title"].lower()
            kind = category or next((c for words, c in _COMMODITY_CATEGORIES if words in title), "business_tools")
            bare = tiers[1][1][0]  # the name without "software", which postings write
            aliases = [example] if normalize_form(bare) != normalize_form(example) else []
            result.add(new.add(bare, aliases, kind, onet=[link]), example, clash="another entry has this name")
        else:
            result.skip(rule, example)
    result.records = [{"id": skill_id, "onet": found} for skill_id, found in sorted(links.items())] + result.new_skills
    return result


# -- writing the extension


def write_extension(
    result: ImportResult, output: str | os.PathLike, *, taxonomy: Taxonomy, force: bool = False
) -> None:
    """Write ``result.records`` to ``output`` whole or not at all, after checking they fit
    ``taxonomy`` (which must not hold ``output`` itself). An existing file is replaced only when an
    import wrote it, or with ``force``."""
    target = Path(output)
    if target.is_dir():
        raise TaxonomyError(f"{output}: is a folder; give a file name such as {target / 'esco.jsonl'}")
    if target.exists() and not force:
        try:
            with target.open(encoding="utf-8", errors="replace") as f:
                first = f.readline()
        except OSError as err:
            raise TaxonomyError(f"{output}: cannot read ({err.strerror or err})") from None
        if not first.startswith(HEADER):
            raise TaxonomyError(f"{output}: exists and no import wrote it; give another -o PATH, or --force")
    check_records(result.records, path=target, taxonomy=taxonomy)
    import json

    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"{HEADER} {result.kind.lower().replace('*', '')} {Path(result.path).name}` on {stamp}; "
             "an import rewrites it, so keep your own edits in another file"]  # fmt: skip
    lines += [json.dumps(record, ensure_ascii=False) for record in result.records]
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as err:
        raise TaxonomyError(f"{output}: cannot write ({err.strerror or err})") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        os.replace(temporary, target)
    except OSError as err:
        Path(temporary).unlink(missing_ok=True)
        raise TaxonomyError(f"{output}: cannot write ({err.strerror or err})") from None
