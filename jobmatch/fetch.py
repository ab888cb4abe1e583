"""Fetch postings from the web with requests: timeouts, a size cap, bounded redirects and retries,
the right character set; then read the page as ``sources`` reads a saved one.

Only http and https are fetched. Every failure is a SourceError with one line naming the URL and
the reason: not found, timed out, DNS, TLS, too many redirects, too large, not a web page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import __version__
from .errors import SourceError
from .sources import _URL_RE, Posting, posting_from_html, posting_from_json

if TYPE_CHECKING:
    import requests

__all__ = ["FetchOptions", "fetch", "is_url"]

USER_AGENT = f"jobmatch/{__version__} (job-posting skill extractor; python-requests)"
_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/json", "application/ld+json")
_RETRIED = (429, 500, 502, 503, 504)
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", re.IGNORECASE)


@dataclass(frozen=True)
class FetchOptions:
    """How patient and how generous a fetch is."""

    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    retries: int = 3
    backoff: float = 0.5  # seconds, doubled each retry
    max_retry_after: float = 30.0  # a server's Retry-After is honoured up to this


def is_url(source: str) -> bool:
    """Whether a SOURCE names a URL (of any scheme: only http and https are then fetched)."""
    return bool(_URL_RE.match(source))


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
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    if best is None:
        raise SourceError(f"{url}: cannot tell the page's character set")
    return str(best)


def fetch(url: str, *, options: FetchOptions | None = None) -> Posting:
    """Fetch one posting page and read it (schema.org JobPosting JSON-LD, else the visible text).

    The URL stays the posting's source.
    """
    import requests

    options = options or FetchOptions()
    scheme = url.split("://", 1)[0].lower()
    if scheme not in ("http", "https"):
        raise SourceError(f"{url}: only http and https URLs are fetched")
    try:
        with _session(options) as session:
            response = session.get(url, stream=True, timeout=(options.connect_timeout, options.read_timeout))
            with response:
                status = response.status_code
                if status in (404, 410):
                    raise SourceError(f"{url}: {'not found' if status == 404 else 'gone'} (HTTP {status})")
                if status >= 400:
                    again = f" after {options.retries} retries" if status in _RETRIED and options.retries else ""
                    raise SourceError(f"{url}: HTTP {status} {response.reason or ''}".rstrip() + again)
                kind = response.headers.get("Content-Type", "text/html").split(";")[0].strip().lower()
                if kind not in _PAGE_TYPES:
                    raise SourceError(f"{url}: not a web page ({kind})")
                body = bytearray()
                for chunk in response.iter_content(64 * 1024):
                    body.extend(chunk)
                    if len(body) > options.max_bytes:
                        raise SourceError(f"{url}: page larger than the {options.max_bytes:,} byte cap")
                declared = requests.utils.get_encoding_from_headers(response.headers)
                if (
                    declared
                    and declared.lower() == "iso-8859-1"
                    and "charset" not in response.headers.get("Content-Type", "")
                ):
                    declared = None  # requests' default for text/*, not the server's word
    except requests.exceptions.SSLError:
        raise SourceError(f"{url}: TLS error (the secure connection failed)") from None
    except requests.exceptions.Timeout:
        raise SourceError(f"{url}: timed out") from None
    except requests.exceptions.TooManyRedirects:
        raise SourceError(f"{url}: too many redirects (more than {options.max_redirects})") from None
    except requests.exceptions.RetryError as err:
        raise SourceError(f"{url}: the server kept failing ({_reason(err)})") from None
    except requests.exceptions.ConnectionError as err:
        text = str(err)
        if "NameResolution" in text or "getaddrinfo" in text or "Name or service not known" in text:
            raise SourceError(f"{url}: DNS lookup failed (no such host)") from None
        if "timed out" in text.lower():
            raise SourceError(f"{url}: timed out") from None
        raise SourceError(f"{url}: cannot connect ({_reason(err)})") from None
    except requests.exceptions.RequestException as err:
        raise SourceError(f"{url}: {_reason(err)}") from None
    text = _decode(bytes(body), declared, url)
    if kind in ("application/json", "application/ld+json"):
        postings = posting_from_json(text, url)
        if len(postings) != 1:
            raise SourceError(f"{url}: expected one posting, found {len(postings)}")
        return postings[0]
    if kind == "text/plain":
        title = next((line.strip() for line in text.splitlines() if line.strip()), None)
        return Posting(text=text, source=url, title=title)
    return posting_from_html(text, url)


def _reason(err: Exception) -> str:
    """The last, most specific line of a requests/urllib3 error, shortened."""
    text = str(err).strip().splitlines()[-1] if str(err).strip() else type(err).__name__
    match = re.search(r"\(Caused by ([A-Za-z]+)", text)
    return (match.group(1) if match else text)[:120]
