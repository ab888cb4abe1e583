"""The server's gate, as plain ASGI middleware (it runs before any route):

- a ``Host`` header that is not one of the names the server was bound as is refused (400): a page on
  another site that rebinds its own DNS name to 127.0.0.1 must not reach this one (DNS rebinding);
- a request that changes something (POST, PUT, PATCH, DELETE) from a browser must come from this
  origin: its ``Origin`` (else ``Sec-Fetch-Site``, else ``Referer``) says so, or 403. A client that
  sends none of them is no browser (curl, a script) and cannot be made to send it by another site;
- a body over ``limit`` bytes is refused with 413 before a route reads it.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def allowed_hosts(host: str) -> set[str] | None:
    """The Host names a server bound to ``host`` answers to; None for any (bound to every address)."""
    if host in ("0.0.0.0", "::", ""):
        return None
    names = {host.lower().strip("[]")}
    if names & {n.strip("[]") for n in LOOPBACK_NAMES}:
        names |= {n.strip("[]") for n in LOOPBACK_NAMES}
    return names


def _host_name(value: str) -> str:
    """``host[:port]`` → host, lower case, an IPv6 address without its brackets."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class Guard:
    def __init__(self, app: ASGIApp, *, hosts: Iterable[str] | None, limit: int) -> None:
        self.app = app
        self.hosts = None if hosts is None else {h.lower() for h in hosts}
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        if self.hosts is not None and _host_name(host) not in self.hosts:
            await _refuse(scope, send, 400, f"unknown Host {host[:100]!r}: open this page as http://127.0.0.1")
            return
        if scope["method"] not in _SAFE_METHODS:
            problem = _cross_origin(headers, host)
            if problem:
                await _refuse(scope, send, 403, problem)
                return
            length = headers.get("content-length", "")
            if length.isdigit() and int(length) > self.limit:
                await _refuse(scope, send, 413, _too_large(self.limit))
                return
            body, more, size = [], True, 0
            while more:  # read it all here (at most ``limit``): a body without a length is counted too
                message = await receive()
                if message["type"] != "http.request":
                    break
                size += len(message.get("body", b""))
                if size > self.limit:
                    await _refuse(scope, send, 413, _too_large(self.limit))
                    return
                body.append(message.get("body", b""))
                more = message.get("more_body", False)
            whole = b"".join(body)
            sent = False

            async def replay() -> Message:
                nonlocal sent
                if not sent:
                    sent = True
                    return {"type": "http.request", "body": whole, "more_body": False}
                return await receive()

            await self.app(scope, replay, send)
            return
        await self.app(scope, receive, send)


def _too_large(limit: int) -> str:
    return f"the request is over {limit / 1e6:g} MB; paste or upload less (a posting or résumé is far smaller)"


def _cross_origin(headers: dict[str, str], host: str) -> str:
    """Why a state-changing request is not from this origin ('' when it is, or comes from no browser)."""
    origin = headers.get("origin")
    if origin is not None:
        if origin == "null" or urlsplit(origin).netloc.lower() != host.lower():
            return f"a change from another origin ({origin[:100]!r}) is refused: use this page's own forms"
        return ""
    site = headers.get("sec-fetch-site")
    if site is not None:
        return "" if site in ("same-origin", "none") else f"a change from another site ({site}) is refused"
    referer = headers.get("referer")
    if referer is not None and urlsplit(referer).netloc.lower() != host.lower():
        return "a change from another page is refused: use this page's own forms"
    return ""


async def _refuse(scope: Scope, send: Send, status: int, message: str) -> None:
    """A short error: JSON under /api/, a plain page elsewhere."""
    if scope.get("path", "").startswith("/api/"):
        body = json.dumps({"error": message}, ensure_ascii=False).encode()
        kind = b"application/json"
    else:
        from html import escape

        body = (
            "<!doctype html><meta charset=utf-8><title>jobmatch: error</title>"
            f"<p style='font:16px system-ui;margin:2em'>{escape(message)} — <a href='/'>back to jobmatch</a></p>"
        ).encode()
        kind = b"text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
