"""Fetch postings from the web with requests: timeouts, a size cap, bounded redirects and retries,
the right character set; then read the page as ``sources`` reads a saved one.

Only http and https are fetched. Every failure is a SourceError with one line naming the URL and
the reason: not found, timed out, DNS, TLS, too many redirects, too large, not a web page. The URL
is named with its user name, password and secret-looking query values masked (``***``), in
messages and as the posting's source.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from . import __version__
from .errors import SourceError
from .sources import _URL_RE, Posting, _human, guess_decode, posting_from_html, posting_from_json

T = TypeVar("T")

if TYPE_CHECKING:
    from collections.abc import Callable

    import requests

__all__ = ["FetchOptions", "fetch", "is_url", "mask_url"]

USER_AGENT = f"jobmatch/{__version__} (job-posting skill extractor; python-requests)"
_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/json", "application/ld+json")
_RETRIED = (429, 500, 502, 503, 504)
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", re.IGNORECASE)


@dataclass(frozen=True)
class FetchOptions:
    """How patient and how generous a fetch is."""

    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    max_bytes: int = 10_000_000  # the page as sent; sources passes 5 × its --max-size
    deadline: float = 60.0  # seconds for the whole fetch: a server trickling bytes cannot hold it
    max_redirects: int = 5
    retries: int = 3
    backoff: float = 0.5  # seconds, doubled each retry
    max_retry_after: float = 30.0  # a server's Retry-After is honoured up to this


def is_url(source: str) -> bool:
    """Whether a SOURCE names a URL (of any scheme: only http and https are then fetched)."""
    return bool(_URL_RE.match(source))


# query (and fragment) keys whose values are secrets: tokens, keys, passwords, signatures, sessions
_SECRET_WORDS = {
    "token", "key", "secret", "password", "passwd", "pass", "pwd", "auth", "authorization", "sig", "signature",
    "session", "sessionid", "sid", "jwt", "code", "ticket", "credential", "credentials", "otp", "hash",
}  # fmt: skip
_SECRET_ENDINGS = ("token", "key", "secret", "password", "signature", "credential", "session")


def _is_secret(name: str) -> bool:
    name = name.lower()
    return name.endswith(_SECRET_ENDINGS) or any(p in _SECRET_WORDS for p in re.split(r"[-_.\[\]]+", name))


def _mask_pairs(text: str) -> str:
    pairs = text.split("&")
    return "&".join(
        f"{name}=***" if sep and _is_secret(name) and value else pair
        for pair in pairs
        for name, sep, value in [pair.partition("=")]
    )


def mask_url(url: str) -> str:
    """The URL fit to print and to keep: user name and password, and the values of query keys that
    look like secrets (token, api_key, password, signature, session…), replaced by ``***``.

    >>> mask_url("https://alice:s3cret@jobs.example.com/1?id=7&access_token=abc")
    'https://***@jobs.example.com/1?id=7&access_token=***'
    """
    match = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*://)([^/?#]*)(.*)$", url, re.DOTALL)
    if not match:
        return url
    scheme, netloc, rest = match.groups()
    if "@" in netloc:
        netloc = "***@" + netloc.rsplit("@", 1)[1]
    path, hash_, fragment = rest.partition("#")
    path, question, query = path.partition("?")
    if query:
        query = _mask_pairs(query)
    if "=" in fragment:
        fragment = _mask_pairs(fragment)
    return f"{scheme}{netloc}{path}{question}{query}{hash_}{fragment}"


def _session(options: FetchOptions) -> requests.Session:
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.util.retry import Retry

    settings = {
        "total": options.retries,
        "connect": options.retries,
        "read": 0,  # a slow page is reported, not fetched again and again
        "status": options.retries,
        "status_forcelist": _RETRIED,
        "allowed_methods": ("GET",),
        "backoff_factor": options.backoff,
        "respect_retry_after_header": True,
        "raise_on_status": False,
    }
    try:
        retry = Retry(**settings, retry_after_max=max(1, int(options.max_retry_after)))  # type: ignore[arg-type]
    except TypeError:  # urllib3 before retry_after_max: Retry-After is honoured uncapped
        retry = Retry(**settings)  # type: ignore[arg-type]
    session = requests.Session()
    session.max_redirects = options.max_redirects
    session.headers["User-Agent"] = USER_AGENT
    session.headers["Accept"] = "text/html,application/xhtml+xml,application/json;q=0.9,text/plain;q=0.8"
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def _decode(body: bytes, declared: str | None, url: str) -> str:
    """The page's text: the charset the header declares, else a meta tag's, else UTF-8, else a guess."""
    meta = _META_CHARSET.search(body[:4096])
    for encoding in (declared, meta.group(1).decode("ascii") if meta else None, "utf-8"):
        if encoding:
            try:
                return body.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                continue
    text = guess_decode(body)
    if text is None:
        raise SourceError(f"{url}: cannot tell the page's character set")
    return text


def fetch(url: str, *, options: FetchOptions | None = None) -> Posting:
    """Fetch one posting page and read it (schema.org JobPosting JSON-LD, else the visible text).

    The URL, its secrets masked (``mask_url``), stays the posting's source.
    """
    import requests
    from urllib3.exceptions import HTTPError as Urllib3Error
    from urllib3.exceptions import ReadTimeoutError

    options = options or FetchOptions()
    shown = mask_url(url)
    scheme = url.split("://", 1)[0].lower()
    if scheme not in ("http", "https"):
        raise SourceError(f"{shown}: only http and https URLs are fetched")
    ends = time.monotonic() + options.deadline
    try:
        with _session(options) as session:
            response = _within(ends, options, shown, lambda: session.get(
                url, stream=True, timeout=(options.connect_timeout, options.read_timeout)
            ))  # fmt: skip
            with response:
                status = response.status_code
                if status in (404, 410):
                    raise SourceError(f"{shown}: {'not found' if status == 404 else 'gone'} (HTTP {status})")
                if status >= 400:
                    again = f" after {options.retries} retries" if status in _RETRIED and options.retries else ""
                    raise SourceError(f"{shown}: HTTP {status} {response.reason or ''}".rstrip() + again)
                kind = response.headers.get("Content-Type", "text/html").split(";")[0].strip().lower()
                if kind not in _PAGE_TYPES:
                    raise SourceError(f"{shown}: not a web page ({kind})")
                body = _read_body(response, options, ends, shown)
                declared = requests.utils.get_encoding_from_headers(response.headers)
                if (
                    declared
                    and declared.lower() == "iso-8859-1"
                    and "charset" not in response.headers.get("Content-Type", "")
                ):
                    declared = None  # requests' default for text/*, not the server's word
    except requests.exceptions.SSLError:
        raise SourceError(f"{shown}: TLS error (the secure connection failed)") from None
    except (requests.exceptions.Timeout, ReadTimeoutError):
        raise SourceError(f"{shown}: timed out") from None
    except requests.exceptions.TooManyRedirects:
        raise SourceError(f"{shown}: too many redirects (more than {options.max_redirects})") from None
    except requests.exceptions.RetryError as err:
        raise SourceError(f"{shown}: the server kept failing ({_reason(err)})") from None
    except requests.exceptions.ConnectionError as err:
        text = str(err)
        if "NameResolution" in text or "getaddrinfo" in text or "Name or service not known" in text:
            raise SourceError(f"{shown}: DNS lookup failed (no such host)") from None
        if "timed out" in text.lower():
            raise SourceError(f"{shown}: timed out") from None
        raise SourceError(f"{shown}: cannot connect ({_reason(err)})") from None
    except (requests.exceptions.RequestException, Urllib3Error) as err:
        raise SourceError(f"{shown}: {_reason(err)}") from None
    text = _decode(bytes(body), declared, shown)
    if kind in ("application/json", "application/ld+json"):
        postings = posting_from_json(text, shown)
        if len(postings) != 1:
            raise SourceError(f"{shown}: expected one posting, found {len(postings)}")
        return postings[0]
    if kind == "text/plain":
        title = next((line.strip() for line in text.splitlines() if line.strip()), None)
        return Posting(text=text, source=shown, title=title)
    return posting_from_html(text, shown)


def _within(ends: float, options: FetchOptions, shown: str, request: Callable[[], T]) -> T:
    """``request()`` (connecting, and reading the status line and headers), given no longer than the
    fetch's deadline: a server trickling its headers a byte at a time resets the read timeout at
    every byte, so the request runs in a thread of its own and is left behind when time is up (it
    ends at its next read timeout; the socket is the server's to keep busy, not this process)."""
    import threading

    outcome: list[tuple[bool, Any]] = []

    def run() -> None:
        try:
            outcome.append((True, request()))
        except BaseException as err:  # handed to the caller, as if raised there
            outcome.append((False, err))

    worker = threading.Thread(target=run, name="jobmatch-fetch", daemon=True)
    worker.start()
    worker.join(max(0.0, ends - time.monotonic()))
    if not outcome:
        raise SourceError(f"{shown}: took more than {options.deadline:g} s in all (the server sends too slowly)")
    ok, value = outcome[0]
    if not ok:
        raise value
    return value


def _read_body(response: requests.Response, options: FetchOptions, ends: float, shown: str) -> bytearray:
    """The body, up to ``max_bytes`` and within the fetch's deadline. Each read returns what has
    come (``read1``), so a server sending a byte every few seconds meets the deadline; a plain
    read would wait for a whole chunk, the read timeout restarting at every byte."""
    raw = response.raw
    read1 = getattr(raw, "read1", None)  # urllib3 2.1 and later
    body = bytearray()
    while True:
        if time.monotonic() > ends:
            raise SourceError(f"{shown}: took more than {options.deadline:g} s in all (the server sends too slowly)")
        chunk = read1(64 * 1024, decode_content=True) if read1 else raw.read(1024, decode_content=True)
        if not chunk:
            return body
        body.extend(chunk)
        if len(body) > options.max_bytes:
            raise SourceError(f"{shown}: page is more than {_human(options.max_bytes, whole=True)}, over the limit")


def _reason(err: Exception) -> str:
    """The last, most specific line of a requests/urllib3 error, shortened."""
    text = str(err).strip().splitlines()[-1] if str(err).strip() else type(err).__name__
    match = re.search(r"\(Caused by ([A-Za-z]+)", text)
    return (match.group(1) if match else text)[:120]
