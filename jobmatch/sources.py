"""Read postings from files, folders and standard input: .txt, .md, .html/.htm and .json.

HTML keeps only what a reader sees (scripts, styles, navigation, headers, footers and cookie banners
dropped), or, where the page carries a schema.org ``JobPosting`` JSON-LD block, its title and
description. JSON is a JobPosting object, an object with "title" and "description" or "text", or a
list of either. Everything that goes wrong raises SourceError with a one-line message naming the
source.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import SourceError

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

__all__ = ["SUFFIXES", "Posting", "load_postings", "posting_from_html", "posting_from_json", "read_source"]

SUFFIXES = (".txt", ".md", ".html", ".htm", ".json")
_URL_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")  # any scheme; fetch.py takes http(s) only
_SKIPPED_NAMES = re.compile(r"^(readme|changelog|license|licence|notice)(\.|$)", re.IGNORECASE)
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section",
    "table", "td", "th", "tr", "ul",
}  # fmt: skip
_DROPPED_TAGS = ["script", "style", "noscript", "template", "nav", "header", "footer", "svg", "iframe", "button"]
# ids, classes and roles of page furniture: navigation, footers, sidebars, cookie banners…
_FURNITURE_RE = re.compile(
    r"nav|menu|footer|sidebar|breadcrumb|cookie|consent|onetrust|gdpr|banner|newsletter|modal|popup|"
    r"skip-link|related|share|social|contentinfo|dialog",
    re.IGNORECASE,
)


# schema.org JobPosting fields beside the description, and the headers they are read under
_JSONLD_SECTIONS = {
    "responsibilities": "Responsibilities",
    "qualifications": "Qualifications",
    "skills": "Skills",
    "experienceRequirements": "Experience requirements",
    "educationRequirements": "Education requirements",
}


@dataclass(frozen=True)
class Posting:
    """One job posting as read from its source: plain text plus what the source says of it."""

    text: str
    source: str
    title: str | None = None
    meta: dict[str, Any] = field(default_factory=dict, compare=False)


def _clean_lines(text: str) -> str:
    lines = (" ".join(line.replace("\xa0", " ").split()) for line in text.splitlines())
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def _parse_html(html: str) -> BeautifulSoup:
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


def _html_to_text(html: str) -> tuple[str, str | None]:
    """Visible text of an HTML page or fragment, one block a line; and its <h1>/<title>."""
    return _soup_to_text(_parse_html(html))


def _soup_to_text(soup: BeautifulSoup) -> tuple[str, str | None]:
    """Visible text of parsed HTML (which it consumes), one block a line; and its <h1>/<title>."""
    heading = soup.find("h1") or soup.find("title")  # before <header> goes: titles often live there
    title = _clean_lines(heading.get_text(" ")) if heading else None
    for tag in soup.find_all(_DROPPED_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        marks = " ".join([str(tag.get("id") or ""), *tag.get_attribute_list("class"), str(tag.get("role") or "")])
        if tag.name not in ("html", "body", "main", "article") and _FURNITURE_RE.search(marks):
            tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for tag in soup.find_all(_BLOCK_TAGS):
        if tag.name == "li":
            tag.insert(0, "\n- ")
        else:
            tag.insert(0, "\n")
        tag.append("\n")
    return _clean_lines(soup.get_text("")), title or None


def _find_job_posting(data: Any) -> dict[str, Any] | None:
    """The first schema.org JobPosting in a JSON-LD value: an object, a list, or an @graph."""
    if isinstance(data, list):
        for item in data:
            found = _find_job_posting(item)
            if found:
                return found
    elif isinstance(data, dict):
        kind = data.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if "JobPosting" in kinds:
            return data
        if "@graph" in data:
            return _find_job_posting(data["@graph"])
    return None


def _jsonld_text(value: Any) -> str:
    """A JSON-LD field as plain text: strings may hold HTML, lists are joined a line each."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(filter(None, (_jsonld_text(v) for v in value)))
    if isinstance(value, dict):
        months = value.get("monthsOfExperience")
        if isinstance(months, (int, float)) and not isinstance(months, bool):
            return f"{months / 12:g} years of experience"
        return _jsonld_text(value.get("name") or value.get("description") or value.get("credentialCategory") or "")
    text = str(value)
    return _html_to_text(text)[0] if "<" in text else _clean_lines(text)


def _posting_from_jobposting(data: dict[str, Any], source: str) -> Posting:
    title = _jsonld_text(data.get("title")) or None
    parts = [_jsonld_text(data.get("description"))]
    for key, header in _JSONLD_SECTIONS.items():
        extra = _jsonld_text(data.get(key))
        if extra and extra not in parts[0]:
            parts.append(f"{header}:\n{extra}")  # a header line, so the section reader sees it
    text = "\n\n".join(p for p in parts if p)
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return Posting(text=text, source=source, title=title, meta=data)


def _jsonld_posting(soup: BeautifulSoup) -> dict[str, Any] | None:
    for script in soup.find_all("script", type=re.compile(r"ld\+json", re.IGNORECASE)):
        try:
            found = _find_job_posting(json.loads(script.string or script.get_text() or "null"))
        except json.JSONDecodeError:
            continue  # a broken JSON-LD block is common; the visible text is still there
        if found and found.get("description"):
            return found
    return None


def posting_from_html(html: str, source: str) -> Posting:
    """A posting from an HTML page: its JobPosting JSON-LD when it has one, else its visible text.

    Some sites put only a teaser in the JSON-LD; when the page shows more than twice as many
    words, the visible text is taken, with the JSON-LD's title and fields kept.
    """
    soup = _parse_html(html)
    jsonld = _jsonld_posting(soup) if "ld+json" in html else None  # before the text, which drops scripts
    text, title = _soup_to_text(soup)
    if jsonld is not None:
        posting = _posting_from_jobposting(jsonld, source)
        if len(text.split()) <= 2 * len(posting.text.split()):
            return posting
        return Posting(text=text, source=source, title=posting.title or title, meta=jsonld)
    if not text and html.strip():
        raise SourceError(f"{source}: no visible text in this HTML (a page drawn by JavaScript?)")
    return Posting(text=text, source=source, title=title)


def posting_from_json(raw: str, source: str) -> list[Posting]:
    """Postings from JSON text: a JobPosting, an object with title and description/text, or a list."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as err:
        raise SourceError(f"{source}: invalid JSON at line {err.lineno} column {err.colno}: {err.msg}") from None
    items = data if isinstance(data, list) else [data]
    postings = []
    for number, item in enumerate(items):
        where = source if len(items) == 1 else f"{source}#{number}"
        if not isinstance(item, dict):
            raise SourceError(f"{where}: expected a JSON object, got {type(item).__name__}")
        posting = _find_job_posting(item)
        if posting is not None:
            postings.append(_posting_from_jobposting(posting, where))
            continue
        body = item.get("description", item.get("text"))
        if not isinstance(body, str):
            raise SourceError(
                f'{where}: expected a JobPosting or an object with "description" or "text"; '
                f"found keys {sorted(item)[:8]}"
            )
        title = item.get("title") if isinstance(item.get("title"), str) else None
        text = _html_to_text(body)[0] if re.search(r"<[a-zA-Z]", body) else _clean_lines(body)
        if title and not text.startswith(title):
            text = f"{title}\n\n{text}"
        meta = {k: v for k, v in item.items() if k not in ("description", "text")}
        postings.append(Posting(text=text, source=where, title=title, meta=meta))
    return postings


def _decode(data: bytes, source: str) -> str:
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(f"{source}: binary file, not a posting")
    boms = {b"\xef\xbb\xbf": "utf-8-sig", b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16"}
    encoding = next((name for bom, name in boms.items() if data.startswith(bom)), "utf-8")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        declared = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", data[:4096], re.IGNORECASE)
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
        raise SourceError(f"{source}: not UTF-8 text (save it as UTF-8)") from None


def _parse(text: str, source: str, kind: str) -> list[Posting]:
    if kind == "json":
        return posting_from_json(text, source)
    if kind == "html":
        return [posting_from_html(text, source)]
    title = next((line.strip("# ").strip() for line in text.splitlines() if line.strip()), None)
    return [Posting(text=text, source=source, title=title or None)]


def _kind_of(path: Path) -> str:
    suffix = path.suffix.lower()
    return {".json": "json", ".html": "html", ".htm": "html"}.get(suffix, "text")


def _sniff(text: str) -> str:
    head = text.lstrip()[:1]
    if head in "{[" and head:
        return "json"
    if head == "<":
        return "html"
    return "text"


def read_source(source: str, *, stdin: Any = None) -> list[Posting]:
    """The postings of one source: a file, an http(s) URL, or ``-`` for standard input (format sniffed).

    A folder is expanded by ``load_postings``; here it is an error.
    """
    if _URL_RE.match(source):
        from .fetch import fetch

        return [fetch(source)]
    if source == "-":
        import sys

        stream = stdin if stdin is not None else sys.stdin.buffer
        raw = stream.read()
        text = _decode(raw, "-") if isinstance(raw, bytes) else raw
        return _parse(text, "-", _sniff(text))
    path = Path(source)
    if path.is_dir():
        raise SourceError(f"{source}: is a folder")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{source}: no such file") from None
    except OSError as err:
        raise SourceError(f"{source}: cannot read ({err.strerror or err})") from None
    return _parse(_decode(data, source), source, _kind_of(path))


def _expand(source: str) -> Iterator[str] | SourceError:
    path = Path(source)
    if source == "-" or _URL_RE.match(source) or not path.is_dir():
        return iter([source])
    files = sorted(
        p
        for p in path.rglob("*")
        if p.is_file()
        and p.suffix.lower() in SUFFIXES
        and not _SKIPPED_NAMES.match(p.name)
        and not any(part.startswith(".") for part in p.relative_to(path).parts)
    )
    if not files:
        return SourceError(f"{source}: no postings ({' '.join(SUFFIXES)}) in this folder")
    return (str(p) for p in files)


def load_postings(sources: Iterable[str], *, stdin: Any = None) -> Iterator[Posting | SourceError]:
    """Every posting of every source, in order; a source that fails yields its SourceError instead.

    Folders give every posting file in them (README, CHANGELOG and hidden files skipped), so one bad
    file never stops the rest of a batch.
    """
    for source in sources:
        expanded = _expand(source)
        if isinstance(expanded, SourceError):
            yield expanded
            continue
        for item in expanded:
            try:
                yield from read_source(item, stdin=stdin)
            except SourceError as err:
                yield err
