"""Read postings from files, folders and standard input: .txt, .md, .html/.htm and .json.

HTML keeps only what a reader sees (scripts, styles, navigation, headers, footers and cookie banners
dropped), or, where the page carries a schema.org ``JobPosting`` JSON-LD block, its title and
description. JSON is a JobPosting object, an object with "title" and "description" or "text", or a
list of either. Everything that goes wrong raises SourceError with a one-line message naming the
source.

Reading is bounded: a posting of more than ``MAX_SIZE`` characters (``max_size``) is refused, and
no file, stream or page is read past its limit; only regular files are opened (a FIFO would block,
a device may never end); JSON nested more than ``MAX_JSON_DEPTH`` deep is refused; HTML is walked
with an explicit stack, never recursion.
"""

from __future__ import annotations

import html
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import SourceError

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

__all__ = [
    "SUFFIXES",
    "Posting",
    "Unread",
    "each_posting",
    "load_postings",
    "pending_postings",
    "posting_from_html",
    "posting_from_json",
    "read_source",
]

C = TypeVar("C")
R = TypeVar("R")

SUFFIXES = (".txt", ".md", ".html", ".htm", ".json")
MAX_SIZE = 2_000_000
"""The largest posting read, in characters of text after reading (``--max-size`` changes it)."""
# An HTML or JSON file may hold this many times the text limit in markup before it is refused unread.
MARKUP_FACTOR = 5
# JSON (and JSON-LD) nested deeper than this is refused: no posting needs it, and parsers recurse.
MAX_JSON_DEPTH = 100
_URL_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")  # any scheme; fetch.py takes http(s) only
_SKIPPED_NAMES = re.compile(r"^(readme|changelog|license|licence|notice)(\.|$)", re.IGNORECASE)
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section",
    "table", "td", "th", "tr", "ul",
}  # fmt: skip
_INVISIBLE_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "button"}
_FURNITURE_TAGS = {"nav", "header", "footer"}
# Page furniture (navigation, footers, sidebars, cookie banners, share buttons…) by its class and
# id tokens, read as words, never as substrings: a token is furniture when its head (last) word is
# a furniture noun ("og-footer", "header-nav", "cookie-banner", "share--li" as BEM), when it starts
# with a consent vendor or "sidebar" ("onetrust-banner-sdk", "sidebar-card"), or when it is one
# glued word ending in one ("topnav", "megafooter"). So "share-wrapper", "main-menu-offset" and
# "hero-banner-content" are not furniture.
_FURNITURE_HEADS = {
    "nav", "navbar", "navigation", "menu", "menubar", "footer", "sidebar", "breadcrumb", "breadcrumbs",
    "cookie", "cookies", "consent", "gdpr", "banner", "newsletter", "modal", "popup", "related", "similar",
    "share", "sharing", "social", "contentinfo", "dialog", "skiplink",
}  # fmt: skip
_FURNITURE_FIRSTS = {"onetrust", "gdpr", "cookie", "cookies", "consent", "sidebar", "skip", "breadcrumb"}
_GLUED_FURNITURE = re.compile(r"[a-z]*(?:nav|navbar|menu|footer|sidebar)", re.IGNORECASE)
_WORD_SPLIT = re.compile(r"[-_\s]+|(?<=[a-z])(?=[A-Z])")
_FURNITURE_ROLES = {"navigation", "banner", "contentinfo", "dialog", "alertdialog"}
# never dropped as furniture by their class: they are the page, not its frame
_PAGE_TAGS = {"html", "body", "main", "article"}
_ESCAPED_TAG = re.compile(r"&lt;/?[a-zA-Z][a-zA-Z0-9]*(?:\s|/?&gt;)")
_TAG = re.compile(r"<[a-zA-Z/!]")
# an HTML character reference left in text a scraper saved ("Business Analyst&nbsp;", "Don&#39;t",
# "R&amp;D"): only whole ones, with their ";" ("AT&T", "Q&A" and "&notice" are words)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


# schema.org JobPosting fields beside the description, and the headers they are read under
_JSONLD_SECTIONS = {
    "responsibilities": "Responsibilities",
    "qualifications": "Qualifications",
    "skills": "Skills",
    "experienceRequirements": "Experience requirements",
    "educationRequirements": "Education requirements",
}


# a backslash before ASCII punctuation, as markdown escapes it (not "C:\\Users", "\\d+")
_MARKDOWN_ESCAPE_RE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")


@dataclass(frozen=True)
class Posting:
    """One job posting as read from its source: plain text plus what the source says of it."""

    text: str
    source: str
    title: str | None = None
    meta: dict[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        # Windows ("\r\n") and old Mac ("\r") line endings are line breaks: the readers split sections
        # and clauses on "\n", and a text of "\r\n" lines read as boilerplate from its first header on
        if "\r" in self.text:
            object.__setattr__(self, "text", self.text.replace("\r\n", "\n").replace("\r", "\n"))
        # a page scraped to markdown escapes its punctuation ("site\-based", "Skills \& experience",
        # "£17\.94"): the posting says what the escapes stand for (1 posting in 25 holds some)
        if "\\" in self.text:
            object.__setattr__(self, "text", _MARKDOWN_ESCAPE_RE.sub(r"\1", self.text))
            if self.title and "\\" in self.title:
                object.__setattr__(self, "title", _MARKDOWN_ESCAPE_RE.sub(r"\1", self.title))


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
    """Visible text of parsed HTML, one block a line; and its <h1>/<title>.

    One walk with an explicit stack, never recursion, and no change to the tree: 100,000 nested
    elements take a fraction of a second. Page furniture is left out, but never the element that
    holds most of the page's text (outside links): a description inside a "share" or "dialog"
    container stays.
    """
    from bs4.element import CData, NavigableString, Tag

    heading = soup.find("h1") or soup.find("title")  # before <header> goes: titles often live there
    title = _clean_lines(heading.get_text(" ")) if heading else None
    sizes = _text_sizes(soup)
    half = sizes.get(id(soup), 0) / 2
    out: list[str] = []
    stack: list[tuple[Any, bool]] = [(soup, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            out.append("\n")
            continue
        if not isinstance(node, Tag):
            if type(node) is NavigableString or type(node) is CData:
                out.append(str(node))
            continue
        name = node.name
        if name in _INVISIBLE_TAGS or (node is not soup and _is_furniture(node) and sizes.get(id(node), 0) <= half):
            continue
        if name == "br":
            out.append("\n")
            continue
        if name in _BLOCK_TAGS:
            out.append("\n- " if name == "li" else "\n")
            stack.append((node, True))
        stack.extend((child, False) for child in reversed(node.contents))
    return _clean_lines("".join(out)), title or None


def _text_sizes(soup: BeautifulSoup) -> dict[int, int]:
    """id(tag) → characters of visible text inside it, outside links (a footer of a thousand
    links is not where the description is); one post-order walk with an explicit stack."""
    from bs4.element import NavigableString, Tag

    sizes: dict[int, int] = {}
    stack: list[tuple[Any, Any, bool]] = [(soup, None, False)]
    while stack:
        node, parent, leaving = stack.pop()
        if leaving:
            if parent is not None:
                sizes[id(parent)] = sizes.get(id(parent), 0) + sizes.get(id(node), 0)
            continue
        if isinstance(node, Tag):
            if node.name in _INVISIBLE_TAGS or node.name == "a":
                continue
            stack.append((node, parent, True))
            stack.extend((child, node, False) for child in reversed(node.contents))
        elif type(node) is NavigableString and parent is not None:
            sizes[id(parent)] = sizes.get(id(parent), 0) + len(node.strip())
    return sizes


def _is_furniture(tag: Any) -> bool:
    if tag.name in _FURNITURE_TAGS:
        return True
    if tag.name in _PAGE_TAGS:
        return False
    role = str(tag.get("role") or "").strip().lower()
    if role in _FURNITURE_ROLES:
        return True
    tokens = [*str(tag.get("id") or "").split(), *tag.get_attribute_list("class")]
    return any(token and _furniture_token(token) for token in tokens)


def _furniture_token(token: str) -> bool:
    block = token.split("__", 1)[0].split("--", 1)[0]  # BEM: the block names the thing
    words = [w.lower() for w in _WORD_SPLIT.split(block) if w]
    if not words:
        return False
    if len(words) == 1 and _GLUED_FURNITURE.fullmatch(words[0]):
        return True
    return words[-1] in _FURNITURE_HEADS or words[0] in _FURNITURE_FIRSTS


def _find_job_posting(data: Any) -> dict[str, Any] | None:
    """The first schema.org JobPosting in a JSON-LD value: an object, a list, or an @graph."""
    stack = [data]  # depth first, in document order, without recursion
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if "JobPosting" in kinds:
                return item
            if "@graph" in item:
                stack.append(item["@graph"])
    return None


def _too_deep(data: Any, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether parsed JSON nests lists and objects more than ``limit`` deep (walked without recursion)."""
    stack = [(data, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        for child in children:
            if isinstance(child, (dict, list)):
                if depth >= limit:
                    return True
                stack.append((child, depth + 1))
    return False


def _load_json(raw: str, source: str) -> Any:
    """Parsed JSON, or a SourceError for malformed or too deeply nested JSON."""
    too_deep = f"{source}: JSON nested more than {MAX_JSON_DEPTH} levels deep, not a posting"
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as err:
        raise SourceError(f"{source}: invalid JSON at line {err.lineno} column {err.colno}: {err.msg}") from None
    except RecursionError:
        raise SourceError(too_deep) from None
    if _too_deep(data):
        raise SourceError(too_deep)
    return data


def _markup_text(text: str) -> str:
    """A field that may hold HTML, or HTML escaped once more (``&lt;p&gt;…``), as plain text."""
    if "&" in text and not _TAG.search(text) and _ESCAPED_TAG.search(text):
        text = html.unescape(text)  # career sites often escape the description's markup in JSON-LD
    if _TAG.search(text):
        return _html_to_text(text)[0]
    return _clean_lines(html.unescape(text) if "&" in text else text)


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
    return _markup_text(str(value))


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
            found = _find_job_posting(_load_json(script.string or script.get_text() or "null", "JSON-LD"))
        except SourceError:
            continue  # a broken (or absurdly nested) JSON-LD block is common; the visible text is still there
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
    data = _load_json(raw, source)
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
        text = _markup_text(body)
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
        return _without_c1(data.decode(encoding))
    except UnicodeDecodeError:
        declared = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", data[:4096], re.IGNORECASE)
        if declared:
            try:
                return _without_c1(data.decode(declared.group(1).decode("ascii")))
            except (LookupError, UnicodeDecodeError):
                pass
    text = guess_decode(data)
    if text is None:
        raise SourceError(f"{source}: not text in any character set jobmatch can tell (save it as UTF-8)")
    return text


# Windows-1252's punctuation where a text holds C1 control characters in its place, as a page that
# says Latin-1 and means 1252 gives it, or a scraper that decoded it so ("Master\x92s degree"): the
# characters meant, one for one (the five bytes 1252 leaves undefined stay as they are)
_C1_PUNCTUATION = {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
_C1_RE = re.compile("[\x80-\x9f]")


def _without_c1(text: str) -> str:
    return text.translate(_C1_PUNCTUATION) if _C1_RE.search(text) else text


def guess_decode(data: bytes) -> str | None:
    """Text that is not UTF-8: Windows-1252 (what Windows editors save Western text in, Latin-1's
    superset in practice) when it reads as Western text, mostly ASCII letters with some accents;
    else the character set charset-normalizer finds. On a short posting charset-normalizer cannot
    tell 1252 from 1250 or 1257, so it is asked second. None when nothing fits."""
    try:
        western: str | None = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None:
        sample = western[:100_000]
        letters = sum(c.isalpha() for c in sample)
        accented = sum(c.isalpha() and c > "\x7f" for c in sample)
        if not letters or accented / letters < 0.3:  # Cyrillic read as 1252 is all accented letters
            return western
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return str(best) if best is not None else western


def _parse(text: str, source: str, kind: str) -> list[Posting]:
    if kind == "json":
        return posting_from_json(text, source)
    if kind == "html":
        return [posting_from_html(text, source)]
    text = _unescaped(text)
    return [Posting(text=text, source=source, title=title_of_text(text))]


def _unescaped(text: str) -> str:
    """Plain text with the HTML character references a scraper left in it read ("&nbsp;" a space)."""
    if "&" not in text or _ENTITY.search(text) is None:
        return text
    from html.entities import html5

    def read(m: re.Match[str]) -> str:
        ref = m.group()
        if ref[1] != "#" and ref[1:] not in html5:
            return ref  # no entity of that name ("&notice;" is not "&not" and "ice;")
        return html.unescape(ref).replace("\xa0", " ")

    return _ENTITY.sub(read, text)


def title_of_text(text: str) -> str | None:
    """The title a plain text gives: its first non-blank line, markdown marks aside ("## Data
    Engineer"); none when that line is too long to be a title, or is a section's header ("Job
    Description", "About the job", "Overview:"), as a posting copied from a job board may open."""
    # The title opens the text: its head is split first (splitting a whole posting into lines
    # costs ten times more); the head's last line may be cut short, so it counts only in the whole.
    head = text[:_TITLE_HEAD]
    lines = head.splitlines()
    if len(head) < len(text):
        lines = lines[:-1]
    line = next((line.strip(" #*\t") for line in lines if line.strip(" #*\t")), None)
    if line is None and len(head) < len(text):
        line = next((line.strip(" #*\t") for line in text.splitlines() if line.strip(" #*\t")), None)
    if line is None:
        return None
    label, colon, rest = line.partition(":")
    labelled = bool(colon) and len(label) <= 40
    if labelled and _TITLE_LABEL_RE.fullmatch(label.strip()):
        line, labelled = rest.strip(" #*\t"), False  # "Job Title: Data Engineer"
    if not line or len(line) > 100:
        return None
    # (the reading stage's header words: imported by every extraction anyway)
    from .reading.layout import BOILERPLATE, header_kind, opens_with_header

    if opens_with_header(line):
        return None  # "Job Description", "About the job", "OverviewResponsibilities"
    if _is_sentence(line):
        return None  # "Kyotu Technology is a young organization with a lot of experience."
    if labelled:
        kind, header = header_kind(f"{label}:")
        if header:
            # "Job Description: Litigation Support Specialist" names the job; "Summary: The main
            # function of this role is…", "About Us: We are…", "Salary: $40/hour" do not
            words = rest.split()
            titled = kind != BOILERPLATE and 0 < len(words) <= 8 and not rest.rstrip().endswith(".")
            return rest.strip(" #*\t") if titled else None
    return line


_TITLE_HEAD = 400
# the abbreviations whose period ends a title, not a sentence ("Acme Holdings Co.", "Nurse, 5 West St.")
_TITLE_ABBREVIATIONS = frozenset(
    {"inc", "ltd", "co", "corp", "llc", "plc", "jr", "sr", "st", "dept", "no", "etc", "yrs", "yr", "exp", "min"}
)


def _is_sentence(line: str) -> bool:
    """Whether a first line is a sentence (five words or more, ended by "." or "?"), which names no
    job: "We are looking for a Senior Engineer with Java knowledge.", "Are you a skilled electrician
    looking for a change?"; not "Position Summary...", "Sales Lead – Acme Holdings Co." nor an
    exclamation ("Registered Nurse – ICU – Nights!")."""
    words = line.split()
    if len(words) < 5 or words[-1].endswith(")"):
        return False  # (a period in brackets ends no sentence: "Senior Data Engineer (8+ yrs.)")
    last = words[-1].rstrip("'\"\u201d\u2019")
    if not last.endswith((".", "?")) or last.endswith(".."):
        return False
    return last.rstrip(".?").lower() not in _TITLE_ABBREVIATIONS


# the labels a posting's title may open with: "Job Title: Data Engineer", "Position: Lead Installer"
_TITLE_LABEL_RE = re.compile(r"(?:(?:job|position|vacancy|role)\s+)?title|position|role|vacancy|job", re.IGNORECASE)


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


def _human(size: float, *, whole: bool = False) -> str:
    """52,428,800 → "52.4 MB", 500,000 → "500.0 KB"; with ``whole`` (a limit), 2,000,000 → "2 MB"."""
    for unit, scale in (("MB", 1e6), ("KB", 1e3)):
        if size >= scale:
            return (f"{size / scale:g}" if whole else f"{size / scale:.1f}") + f" {unit}"
    return f"{int(size)} bytes"


def _over(source: str, size: str, limit: int, cap: int | None = None) -> SourceError:
    """The one line for a source over the limit: ``cap`` is the limit on the raw file or page, when
    that is what was exceeded."""
    if cap is not None and cap > limit:
        return SourceError(
            f"{source}: file is {size}, over the {_human(cap, whole=True)} limit for an HTML or JSON file"
            f" ({MARKUP_FACTOR} × the {_human(limit, whole=True)} posting limit)"
        )
    return SourceError(f"{source}: posting is {size}, over the {_human(limit, whole=True)} limit")


def _read_stream(stream: Any, source: str, cap: int, limit: int) -> bytes | str:
    """At most ``cap`` of a stream, refusing anything longer without reading the rest."""
    raw = stream.read(cap + 1)
    if len(raw) > cap:
        raise SourceError(f"{source}: more than {_human(cap, whole=True)} of input, over the limit")
    return raw


_KINDS = {stat.S_IFIFO: "a FIFO", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device", stat.S_IFSOCK: "a socket"}


def _read_file(path: Path, source: str, cap: int, limit: int) -> bytes:
    """A regular file's bytes, up to ``cap``. FIFOs, devices and sockets are refused before they are
    opened for reading (a FIFO with no writer would block, /dev/zero never ends)."""
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise SourceError(f"{source}: is a folder")
        if not stat.S_ISREG(mode):
            kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
            raise SourceError(f"{source}: {kind}, not a file; only regular files are read")
        # non-blocking: should the path become a FIFO after the check, opening it does not wait
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as f:
            info = os.fstat(f.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise SourceError(f"{source}: not a regular file; only regular files are read")
            if info.st_size > cap:
                raise _over(source, _human(info.st_size), limit, cap)
            data = f.read(cap + 1)
    except FileNotFoundError:
        raise SourceError(f"{source}: no such file") from None
    except OSError as err:
        raise SourceError(f"{source}: cannot read ({err.strerror or err})") from None
    if len(data) > cap:  # it grew while being read
        raise _over(source, f"more than {_human(cap, whole=True)}", limit, cap)
    return data


def _check_size(postings: list[Posting], limit: int) -> list[Posting]:
    for posting in postings:
        if len(posting.text) > limit:
            raise _over(posting.source, f"{_human(len(posting.text))} of text", limit)
    return postings


def read_source(source: str, *, stdin: Any = None, max_size: int = MAX_SIZE) -> list[Posting]:
    """The postings of one source: a file, an http(s) URL, or ``-`` for standard input (format sniffed).

    A posting of more than ``max_size`` characters of text is refused (SourceError), and so is a
    text file, page or standard input larger than that, or an HTML or JSON one more than
    ``MARKUP_FACTOR`` times larger: nothing larger is read into memory. A folder is expanded by
    ``load_postings``; here it is an error.
    """
    markup_cap = max_size * MARKUP_FACTOR
    if _URL_RE.match(source):
        from .fetch import FetchOptions, fetch

        return _check_size([fetch(source, options=FetchOptions(max_bytes=markup_cap))], max_size)
    if source == "-":
        import sys

        stream = stdin if stdin is not None else sys.stdin.buffer
        raw = _read_stream(stream, "-", markup_cap, max_size)
        text = _decode(raw, "-") if isinstance(raw, bytes) else raw
        return _check_size(_parse(text, "-", _sniff(text)), max_size)
    path = Path(source)
    kind = _kind_of(path)
    data = _read_file(path, source, max_size if kind == "text" else markup_cap, max_size)
    return _check_size(_parse(_decode(data, source), source, kind), max_size)


def _expand(source: str) -> Iterator[str] | SourceError:
    path = Path(source)
    if source == "-" or _URL_RE.match(source) or not path.is_dir():
        return iter([source])
    # not only regular files: a FIFO or device named like a posting is reported, not silently skipped
    files = sorted(
        p
        for p in path.rglob("*")
        if p.suffix.lower() in SUFFIXES
        and not _SKIPPED_NAMES.match(p.name)
        and not any(part.startswith(".") for part in p.relative_to(path).parts)
        and p.exists()
        and not p.is_dir()
    )
    if not files:
        return SourceError(f"{source}: no postings ({' '.join(SUFFIXES)}) in this folder")
    return (str(p) for p in files)


def load_postings(
    sources: Iterable[str], *, stdin: Any = None, max_size: int = MAX_SIZE
) -> Iterator[Posting | SourceError]:
    """Every posting of every source, in order; a source that fails yields its SourceError instead.

    Folders give every posting file in them (README, CHANGELOG and hidden files skipped), so one bad
    file never stops the rest of a batch. ``max_size`` is as for ``read_source``.
    """
    for item in pending_postings(sources, stdin=stdin, max_size=max_size):
        if isinstance(item, Unread):
            read = item.read()
            yield from ([read] if isinstance(read, SourceError) else read)
        else:
            yield item


@dataclass(frozen=True)
class Unread:
    """A posting file not read yet: ``read()`` gives its postings (a JSON file may hold several), or
    its SourceError. Handed to where a posting's work is done (``--jobs`` workers), so that a
    folder's files are read and parsed (HTML, JSON) there, side by side, not one by one here."""

    source: str
    max_size: int = MAX_SIZE

    def read(self) -> list[Posting] | SourceError:
        return _read_guarded(self.source, None, self.max_size)


def pending_postings(
    sources: Iterable[str], *, stdin: Any = None, max_size: int = MAX_SIZE
) -> Iterator[Posting | Unread | SourceError]:
    """``load_postings``, with each file (a folder's too) left ``Unread``, to be read where it is
    worked on; standard input and URLs are read here, in order."""
    for source in sources:
        expanded = _expand(source)
        if isinstance(expanded, SourceError):
            yield expanded
            continue
        for item in expanded:
            if item != "-" and not _URL_RE.match(item):
                yield Unread(item, max_size)
                continue
            read = _read_guarded(item, stdin, max_size)
            yield from ([read] if isinstance(read, SourceError) else read)


def each_posting(
    work: Callable[[C, Posting], R], context: C, item: Posting | Unread
) -> list[tuple[Posting, R]] | SourceError:
    """``work(context, posting)`` for each posting of ``item`` (an ``Unread`` read first), each with
    its posting less its text (what comes back from a worker is small); or the file's SourceError.
    For ``SkillExtractor.map``: ``functools.partial(each_posting, work)``."""
    postings = item.read() if isinstance(item, Unread) else [item]
    if isinstance(postings, SourceError):
        return postings
    return [(replace(posting, text=""), work(context, posting)) for posting in postings]


def _read_guarded(source: str, stdin: Any, max_size: int) -> list[Posting] | SourceError:
    """``read_source``, its failure as a value: one posting never stops a batch."""
    try:
        return read_source(source, stdin=stdin, max_size=max_size)
    except SourceError as err:
        return err
    except (RecursionError, MemoryError) as err:  # a last guard
        return SourceError(f"{source}: cannot read ({type(err).__name__}: too large or too deeply nested)")
