"""``jobmatch serve``: a local web page and JSON API over the library.

Routes translate, as ``cli.py`` does: form fields and query parameters → ``_work.Work`` (the library
calls) → a page (Jinja2, autoescaped) or the CLI's JSON. A JobmatchError is a message on the page and
a 4xx ``{"error": ...}`` from the API, never a traceback. ``_guard`` refuses foreign Host headers,
cross-origin changes and bodies over 5 MB before any route runs.

    from jobmatch.web import create_app
    app = create_app(profile="me.toml")   # serve with uvicorn
"""

# No `from __future__ import annotations` here: FastAPI reads the routes' annotations, which name
# classes local to create_app (imported there so that importing jobmatch stays light).

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import JobmatchError
from ._guard import Guard, allowed_hosts
from ._work import MAX_BODY, NotFound, ProfileEntry, Work, highlight, profile_dict

if TYPE_CHECKING:
    from fastapi import FastAPI

    from ..taxonomy import TaxonomySource

__all__ = ["create_app"]

_HERE = Path(__file__).resolve().parent


def create_app(
    profile: str | None = None, db: str | None = None, *, host: str = "127.0.0.1", warm: bool = True,
    taxonomy: "TaxonomySource" = None,
) -> "FastAPI":  # fmt: skip
    """The web app: ``profile`` (a TOML profile or a résumé) chosen at first, ``db`` the store
    (default: the user's), answering only to the Host names ``host`` stands for. With ``warm``, the
    extractor is built (and the profile read) in a background thread at once; without, the caller
    calls ``app.state.work.warm_up()`` when it likes (``jobmatch serve``: once it listens).
    ``taxonomy`` extends the bundled skills as ``load_taxonomy`` does (a Taxonomy, or paths)."""
    from fastapi import FastAPI, File, Form, Query, Request, UploadFile
    from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
    from fastapi.staticfiles import StaticFiles
    from jinja2 import Environment, FileSystemLoader
    from pydantic import BaseModel, Field

    work = Work(profile=profile, db=db, taxonomy=taxonomy)
    if warm:
        threading.Thread(target=work.warm_up, name="jobmatch-warm-up", daemon=True).start()

    app = FastAPI(
        title="jobmatch",
        summary="Match job postings against your skill profile: the JSON API of `jobmatch serve`.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI and ReDoc load their scripts from a CDN: /api/docs is our own page instead
        redoc_url=None,
    )
    app.state.work = work
    app.mount("/static", StaticFiles(directory=_HERE / "static"), name="static")
    env = Environment(
        loader=FileSystemLoader(_HERE / "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        entries = work.profiles() if work._loaded_start.is_set() else []
        html = env.get_template(name).render(
            request=request, profiles=entries, current=work.current, start_error=work.start_error,
            taxonomy_error=work.taxonomy_error,
            max_mb=MAX_BODY / 1e6, **context,
        )  # fmt: skip
        return HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": _CSP})

    def status_of(err: JobmatchError) -> int:
        return 404 if isinstance(err, NotFound) else 400

    @app.exception_handler(JobmatchError)
    async def jobmatch_error(request: Request, err: JobmatchError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": str(err)}, status_code=status_of(err))
        return page(request, "error.html", status_of(err), message=str(err))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, err: Exception) -> Response:  # a bug: a message, never a traceback
        message = f"internal error ({type(err).__name__}); the server keeps running"
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=500)
        return page(request, "error.html", 500, message=message)

    # ------------------------------------------------------------------ pages

    def profile_from_form(upload: UploadFile | None, key: str) -> ProfileEntry:
        if upload is not None and upload.filename:
            return work.add_profile(upload.filename, upload.file.read())
        return work.choose(key) if key else work.profile()

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def match_form(request: Request, profile: str = "") -> HTMLResponse:
        if profile:
            work.choose(profile)
        return page(request, "match.html", active="match")

    @app.post("/", response_class=HTMLResponse, include_in_schema=False)
    def match_page(
        request: Request, text: str = Form(""), url: str = Form(""), title: str = Form(""),
        profile: str = Form(""), profile_file: UploadFile | None = File(None),
    ) -> HTMLResponse:  # fmt: skip
        form = {"text": text, "url": url, "title": title}
        try:
            entry = profile_from_form(profile_file, profile)
            posting = work.read_posting(text=text, url=url, title=title)
            view = work.match(posting, entry)
        except JobmatchError as err:
            return page(request, "match.html", status_of(err), active="match", error=str(err), form=form)
        return page(request, "match.html", active="match", view=view, pieces=highlight(view), form=form, entry=entry)

    @app.post("/save", include_in_schema=False)
    def save_page(text: str = Form(...), title: str = Form(""), source: str = Form("")) -> Response:
        from ..sources import Posting

        if not text.strip():
            raise JobmatchError("nothing to save: the posting is empty")
        text = text.replace("\r\n", "\n")  # a form sends its fields' lines CRLF-ended: back to the posting's own
        posting_id, _ = work.save(Posting(text=text, source=source or "pasted", title=title or None))
        return RedirectResponse(f"/saved/{posting_id}?saved=1", status_code=303)

    @app.get("/saved", response_class=HTMLResponse, include_in_schema=False)
    def saved_page(
        request: Request, top: str = "", min_score: str = "", min_fit: str = "", role: str = "", profile: str = ""
    ) -> HTMLResponse:
        filters = {"top": top, "min_score": min_score, "min_fit": min_fit, "role": role}
        try:
            entry = work.choose(profile) if profile else work.profile()
            numbers = _numbers(top=top, min_score=min_score, min_fit=min_fit)
            rows = work.rank(
                work.profile(entry.key, [role]), top=int(numbers["top"]) if numbers["top"] else None,
                min_fit=numbers["min_fit"] or 0, min_score=numbers["min_score"] or 0,
            )  # fmt: skip
            count = len(work.saved_list())
        except JobmatchError as err:
            return page(request, "saved.html", status_of(err), active="saved", error=str(err), filters=filters)
        return page(request, "saved.html", active="saved", rows=rows, filters=filters, count=count)

    @app.get("/saved/{posting_id}", response_class=HTMLResponse, include_in_schema=False)
    def saved_one(request: Request, posting_id: int, saved: int = 0) -> HTMLResponse:
        try:
            posting = work.saved_posting(posting_id)
            entry = work.profile()
            view = work.match(posting, entry)
        except JobmatchError as err:
            return page(request, "match.html", status_of(err), active="saved", error=str(err))
        return page(
            request, "match.html", active="saved", view=view, pieces=highlight(view), entry=entry,
            saved_id=posting_id, just_saved=bool(saved),
        )  # fmt: skip

    @app.post("/saved/{posting_id}/delete", include_in_schema=False)
    def delete_page(posting_id: int) -> Response:
        work.remove(posting_id)
        return RedirectResponse("/saved?deleted=1", status_code=303)

    @app.post("/saved/{posting_id}/refetch", include_in_schema=False)
    def refetch_page(posting_id: int) -> Response:
        old = work.saved_posting(posting_id)
        if not old.source.startswith(("http://", "https://")):
            raise JobmatchError(f"{old.source}: not fetched from an address, so there is nothing to fetch again")
        new_id, _ = work.save(work.read_posting(url=old.source))
        if new_id != posting_id:
            work.remove(posting_id)
        return RedirectResponse(f"/saved/{new_id}?saved=1", status_code=303)

    @app.get("/gaps", response_class=HTMLResponse, include_in_schema=False)
    def gaps_page(request: Request, threshold: str = "70", role: str = "", profile: str = "") -> HTMLResponse:
        try:
            entry = work.choose(profile) if profile else work.profile()
            limit = _numbers(threshold=threshold)["threshold"]
            result = work.gaps(work.profile(entry.key, [role]), top=10, threshold=70 if limit is None else limit)
        except JobmatchError as err:
            return page(request, "gaps.html", status_of(err), active="gaps", error=str(err), role=role)
        return page(request, "gaps.html", active="gaps", result=result, chart=_chart(result["gaps"]), role=role)

    @app.get("/profile", response_class=HTMLResponse, include_in_schema=False)
    def profile_page(request: Request, profile: str = "") -> HTMLResponse:
        try:
            entry = work.choose(profile) if profile else work.profile()
        except NotFound as err:
            return page(request, "profile.html", active="profile", notice=str(err))
        return page(request, "profile.html", active="profile", info=profile_dict(entry), toml=work.profile_toml(entry))

    @app.post("/profile", response_class=HTMLResponse, include_in_schema=False)
    def profile_edit(
        request: Request, toml: str = Form(""), profile_file: UploadFile | None = File(None)
    ) -> HTMLResponse:
        try:
            if profile_file is not None and profile_file.filename:
                entry = work.add_profile(profile_file.filename, profile_file.file.read())
            else:
                entry = work.add_toml(toml)
        except JobmatchError as err:
            return page(request, "profile.html", 400, active="profile", error=str(err), toml=toml)
        return page(
            request, "profile.html", active="profile", info=profile_dict(entry), toml=work.profile_toml(entry),
            updated=True,
        )  # fmt: skip

    @app.post("/profile/keep", response_class=HTMLResponse, include_in_schema=False)
    def profile_keep(request: Request, profile: str = Form("")) -> HTMLResponse:
        path = work.keep(work.profile(profile or None))
        entry = work.profile()
        return page(
            request, "profile.html", active="profile", info=profile_dict(entry), toml=work.profile_toml(entry),
            kept=str(path),
        )  # fmt: skip

    @app.get("/profile.toml", include_in_schema=False)
    def profile_download(profile: str = "") -> Response:
        entry = work.profile(profile or None)
        return PlainTextResponse(
            work.profile_toml(entry),
            media_type="application/toml; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="profile.toml"'},
        )

    @app.get("/api/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request) -> HTMLResponse:
        return page(request, "docs.html", active="api", schema=app.openapi())

    # ------------------------------------------------------------------ API

    class PostingIn(BaseModel):
        text: str = ""
        url: str = ""
        title: str = ""
        source: str = ""

    class MatchIn(PostingIn):
        profile: str = ""
        roles: list[str] = Field(default_factory=list)

    @app.post("/api/extract", tags=["postings"])
    def api_extract(body: PostingIn) -> dict[str, Any]:
        """The skills a posting asks for: `jobmatch extract --format json`."""
        posting = work.read_posting(text=body.text, url=body.url, title=body.title, source=body.source)
        return work.posting_dict(posting, work.extract(posting))

    @app.post("/api/match", tags=["postings"])
    def api_match(body: MatchIn) -> dict[str, Any]:
        """One posting scored against a profile (the current one, or `profile` by key): `jobmatch match
        --format json`."""
        entry = work.profile(body.profile or None, body.roles)
        posting = work.read_posting(text=body.text, url=body.url, title=body.title, source=body.source)
        return work.match(posting, entry).summary

    @app.get("/api/rank", tags=["saved"])
    def api_rank(
        profile: str = "", top: int | None = Query(None, ge=1), min_fit: float = 0, min_score: float = 0,
        role: list[str] = Query([]),
    ) -> list[dict[str, Any]]:  # fmt: skip
        """The saved postings ranked: `jobmatch rank --saved --format json`, each with its saved `id`."""
        return work.rank(work.profile(profile or None, role), top=top, min_fit=min_fit, min_score=min_score)

    @app.get("/api/gaps", tags=["saved"])
    def api_gaps(
        profile: str = "", top: int = Query(10, ge=1), threshold: float = 70, role: list[str] = Query([])
    ) -> dict[str, Any]:
        """What the profile lacks across the saved postings, and what to learn next: `jobmatch gaps --saved
        --format json`."""
        return work.gaps(work.profile(profile or None, role), top=top, threshold=threshold)

    @app.get("/api/saved", tags=["saved"])
    def api_saved() -> list[dict[str, Any]]:
        """The saved postings: `jobmatch list --format json`."""
        return work.saved_list()

    @app.post("/api/saved", tags=["saved"], status_code=201)
    def api_save(body: PostingIn) -> dict[str, Any]:
        """Save a posting (pasted or fetched): its id, and whether it is new."""
        posting = work.read_posting(text=body.text, url=body.url, title=body.title, source=body.source)
        posting_id, new = work.save(posting)
        return {"id": posting_id, "new": new, "source": posting.source, "title": posting.title}

    @app.get("/api/saved/{posting_id}", tags=["saved"])
    def api_saved_one(posting_id: int) -> dict[str, Any]:
        """One saved posting with its text (`jobmatch show`)."""
        return work.saved(posting_id)

    @app.delete("/api/saved/{posting_id}", tags=["saved"])
    def api_delete(posting_id: int) -> dict[str, Any]:
        """Delete a saved posting (`jobmatch rm`)."""
        work.remove(posting_id)
        return {"removed": posting_id}

    @app.post("/api/profile/keep", tags=["profile"], status_code=201)
    def api_profile_keep(profile: str = "") -> dict[str, Any]:
        """Keep a profile (the current one, or `profile` by key) as a TOML file, offered again at every start."""
        path = work.keep(work.profile(profile or None))
        return {**profile_dict(work.profile()), "path": str(path)}

    @app.get("/api/profiles", tags=["profile"])
    def api_profiles() -> dict[str, Any]:
        """The profiles this server holds (given at start, uploaded, edited) and the current one."""
        return {"current": work.current, "profiles": [{"key": e.key, "label": e.label} for e in work.profiles()]}

    @app.get("/api/profile", tags=["profile"])
    def api_profile(profile: str = "") -> dict[str, Any]:
        """A profile's skills and roles, the names it did not know (with suggestions), and its TOML."""
        entry = work.profile(profile or None)
        return {**profile_dict(entry), "toml": work.profile_toml(entry)}

    @app.post("/api/profile", tags=["profile"], status_code=201)
    def api_profile_add(
        file: UploadFile | None = File(None, description="A résumé (.txt, .md, .pdf) or a TOML profile"),
        toml: str = Form("", description="A TOML profile's text, when no file is sent"),
    ) -> dict[str, Any]:
        """Add a profile and make it the current one."""
        entry = work.add_profile(file.filename or "", file.file.read()) if file and file.filename else None
        entry = entry or work.add_toml(toml)
        return {**profile_dict(entry), "toml": work.profile_toml(entry)}

    app.add_middleware(Guard, hosts=allowed_hosts(host), limit=MAX_BODY)
    return app


# Everything is served from here: no inline script, no outside origin (the page works offline).
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def _numbers(**fields: str) -> dict[str, float | None]:
    """Form fields that should be numbers (empty: None), or a JobmatchError naming the bad one."""
    out: dict[str, float | None] = {}
    for name, value in fields.items():
        value = value.strip()
        try:
            out[name] = float(value) if value else None
        except ValueError:
            raise JobmatchError(f"{name.replace('_', ' ')}: {value[:40]!r} is not a number") from None
        if out[name] is not None and not 0 <= float(out[name] or 0) <= 10_000:
            raise JobmatchError(f"{name.replace('_', ' ')}: {value[:40]!r} is out of range")
    return out


def _chart(gaps: list[dict[str, Any]], *, width: int = 560, bar: int = 24) -> dict[str, Any]:
    """The top gaps as bars of an SVG chart: each bar's label, length and value (drawn by the template)."""
    top = max((g["importance"] for g in gaps), default=0) or 1
    label_width, gap = 185, 8
    room = width - label_width - 60
    bars = [
        {"name": g["name"], "value": g["importance"], "listings": g["listings"], "y": n * (bar + gap),
         "length": max(2, round(room * g["importance"] / top)), "required": g["required"]}
        for n, g in enumerate(gaps)
    ]  # fmt: skip
    return {"bars": bars, "width": width, "height": max(len(bars) * (bar + gap), 1), "label_width": label_width,
            "bar": bar}  # fmt: skip
