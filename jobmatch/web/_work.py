"""What the pages and the API do, composed from the library: read a posting, match it, rank the store,
find the gaps, hold the profiles. Everything returns plain data (the CLI's JSON shapes); the routes in
``jobmatch.web`` only turn it into pages or JSON, and a JobmatchError into a message."""

from __future__ import annotations

import io
import tempfile
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import JobmatchError, ProfileError, SourceError

if TYPE_CHECKING:
    from ..extract import Extraction, SkillExtractor
    from ..profile import Profile
    from ..rank import Ranked
    from ..sources import Posting
    from ..store import Store
    from ..taxonomy import Taxonomy, TaxonomySource

MAX_BODY = 5_000_000  # bytes of a request body: a pasted posting or an uploaded file
PROFILE_SUFFIXES = (".toml", ".txt", ".md", ".pdf")


class NotFound(JobmatchError):
    """An unknown saved posting or profile (a 404, where other JobmatchErrors are 400s)."""


@dataclass
class ProfileEntry:
    """A profile the server holds: the one given at start, an upload, an edit. ``toml`` is the text
    it was read from when that was TOML (kept as written: its roles and comments too)."""

    key: str
    label: str
    profile: Profile
    toml: str | None = None


@dataclass
class MatchView:
    """One posting matched: the CLI's JSON (``summary``), the posting and its extraction for the page."""

    summary: dict[str, Any]
    posting: Posting
    extraction: Extraction
    ranked: Ranked
    header: list[tuple[str, str]] = field(default_factory=list)


class Work:
    """The server's state: the extractor (built once, in the background at start), the profiles, the
    store's path. Thread-safe: routes run in a thread pool."""

    def __init__(self, *, profile: str | None = None, db: str | None = None, taxonomy: TaxonomySource = None) -> None:
        self.db = db
        self.taxonomy_source = taxonomy  # the user's skills: extend the bundled ones (``load_taxonomy``)
        self.start_profile = profile
        self._extractor: SkillExtractor | None = None
        self._extractor_lock = threading.Lock()
        self._run_lock = threading.Lock()  # one spaCy run at a time: a pipeline is not made for threads
        self._profiles: dict[str, ProfileEntry] = {}
        self._profiles_lock = threading.Lock()
        self.current: str | None = None
        self.start_error: str | None = None
        self.taxonomy_error: str | None = None  # a skill file edited into one that does not read
        self._loaded_start = threading.Event()

    # -- the extractor and the start profile, made in the background so the server answers at once

    def warm_up(self) -> None:
        """Build the extractor and read the start profile (called in a thread at start)."""
        try:
            self.extractor()
            self.load_start_profile()
            self.load_kept()
        except Exception as err:  # reported on the pages; the server keeps serving
            self.start_error = self.start_error or f"could not start: {err}"
        finally:
            self._loaded_start.set()

    def extractor(self) -> SkillExtractor:
        """The extractor of the taxonomy as its files are now: the user's skill files are looked at
        (a stat each) on every call, so an edited file counts from the next request on; a file that
        no longer reads keeps the skills as they were, and ``taxonomy_error`` says why."""
        with self._extractor_lock:
            taxonomy = self._current_taxonomy()
            if self._extractor is None or self._extractor.taxonomy is not taxonomy:
                from ..extract import SkillExtractor

                self._extractor = SkillExtractor(taxonomy)
            return self._extractor

    def _current_taxonomy(self) -> Taxonomy:
        from ..errors import TaxonomyError
        from ..taxonomy import load_taxonomy

        try:
            taxonomy = load_taxonomy(self.taxonomy_source)  # the same object while no file changes
        except TaxonomyError as err:
            if self._extractor is None:
                raise
            self.taxonomy_error = f"{err} (your skills as they last read are used until it is fixed)"
            return self._extractor.taxonomy
        self.taxonomy_error = None
        return taxonomy

    @property
    def taxonomy(self) -> Taxonomy:
        return self.extractor().taxonomy

    def load_start_profile(self) -> None:
        if self.start_profile is None or "start" in self._profiles:
            return
        try:
            path = Path(self.start_profile)
            profile = self._read_profile(path)
            text = path.read_text(encoding="utf-8-sig") if path.suffix.lower() == ".toml" else None
            self._add(ProfileEntry("start", f"{path.name} (given at start)", profile, text), current=True)
        except JobmatchError as err:
            self.start_error = str(err)

    # -- profiles kept between runs: TOML files in a folder beside the store

    def kept_dir(self) -> Path:
        from ..store import default_db_path

        return (Path(self.db).parent if self.db else default_db_path().parent) / "jobmatch-profiles"

    def load_kept(self) -> None:
        """Every profile kept earlier, offered beside the start one (one that no longer reads is skipped)."""
        folder = self.kept_dir()
        for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
            try:
                profile = self._read_profile(path)
                text = path.read_text(encoding="utf-8-sig")
            except (JobmatchError, OSError):
                continue
            self._add(ProfileEntry(f"kept-{path.stem}", f"{path.stem} (kept)", profile, text), current=False)

    def keep(self, entry: ProfileEntry) -> Path:
        """Write ``entry`` as TOML into the kept folder (named after its label), so the next start offers it."""
        import re

        folder = self.kept_dir()
        stem = re.sub(r"[^A-Za-z0-9_-]+", "-", Path(entry.label).stem.removesuffix(" (kept)")).strip("-")[:60]
        text = self.profile_toml(entry)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path, n = folder / f"{stem or 'profile'}.toml", 1
            while path.exists() and path.read_text(encoding="utf-8-sig") != text:
                n += 1
                path = folder / f"{stem or 'profile'}-{n}.toml"
            path.write_text(text, encoding="utf-8")
        except OSError as err:
            raise ProfileError(f"{folder}: cannot keep the profile there ({err.strerror or err})") from None
        self._add(ProfileEntry(f"kept-{path.stem}", f"{path.stem} (kept)", entry.profile, text), current=True)
        return path

    def _read_profile(self, path: Path) -> Profile:
        from ..profile import load_profile

        with self._run_lock:
            return load_profile(path, extractor=self.extractor())

    # -- profiles

    def _add(self, entry: ProfileEntry, *, current: bool = True) -> ProfileEntry:
        with self._profiles_lock:
            self._profiles[entry.key] = entry
            if current:
                self.current = entry.key
        return entry

    def profiles(self) -> list[ProfileEntry]:
        self._loaded_start.wait(timeout=60)
        with self._profiles_lock:
            return list(self._profiles.values())

    def profile(self, key: str | None = None, roles: list[str] | None = None) -> ProfileEntry:
        """The profile ``key`` names (the current one by default), with ``roles`` as its target roles
        when given (as ``--role`` does); NotFound when there is none."""
        self._loaded_start.wait(timeout=60)
        with self._profiles_lock:
            key = key or self.current
            entry = self._profiles.get(key or "")
        if entry is None:
            if key:
                raise NotFound(f"no profile {key!r}: upload a résumé or a TOML profile")
            raise NotFound("no profile yet: upload a résumé (.txt, .md, .pdf) or a TOML profile")
        roles = [r.strip() for r in roles or [] if r.strip()]
        if roles:
            from ..profile import with_roles

            entry = replace(entry, profile=with_roles(entry.profile, roles, self.taxonomy))
        return entry

    def choose(self, key: str) -> ProfileEntry:
        entry = self.profile(key)
        with self._profiles_lock:
            self.current = entry.key
        return entry

    def add_profile(self, filename: str, data: bytes, *, label: str | None = None) -> ProfileEntry:
        """A profile from an uploaded file (a résumé .txt/.md/.pdf or a TOML profile), made current.
        Errors name the file as uploaded, never the temporary copy."""
        name = Path(filename or "").name or "profile.toml"
        suffix = Path(name).suffix.lower()
        if suffix not in PROFILE_SUFFIXES:
            raise ProfileError(f"{name}: a profile is a .toml file or a résumé (.txt, .md, .pdf)")
        if not data.strip():
            raise ProfileError(f"{name}: the file is empty")
        with tempfile.TemporaryDirectory(prefix="jobmatch-web-") as folder:
            path = Path(folder) / f"upload{suffix}"
            path.write_bytes(data)
            try:
                profile = self._read_profile(path)
            except JobmatchError as err:
                raise ProfileError(str(err).replace(str(path), name)) from None
        profile = replace(profile, source=name)
        toml = None
        if suffix == ".toml":
            toml = data.decode("utf-8-sig", errors="replace")
        with self._profiles_lock:
            key = f"p{len(self._profiles) + 1}"
        return self._add(ProfileEntry(key, label or name, profile, toml))

    def add_toml(self, text: str, *, label: str = "edited profile") -> ProfileEntry:
        return self.add_profile("profile.toml", text.encode(), label=label)

    def profile_toml(self, entry: ProfileEntry) -> str:
        from ..profile import profile_to_toml

        return entry.toml if entry.toml is not None else profile_to_toml(entry.profile)

    # -- postings

    def read_posting(self, *, text: str = "", url: str = "", title: str = "", source: str = "") -> Posting:
        """A posting pasted (HTML, JSON-LD or plain text, sniffed as standard input is) or fetched
        from ``url``; SourceError when it cannot be read."""
        from ..sources import read_source

        # a browser sends a textarea's lines ended by CRLF (the HTML standard); the library reads LF
        # (a posting in CRLF is read as all boilerplate today), so pasted text is LF before it goes in
        url, text = url.strip(), text.strip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        if url:
            if not url.startswith(("http://", "https://")):
                raise SourceError(f"{url[:200]}: not an http(s) address")
            found = read_source(url)
        elif text.strip():
            found = read_source("-", stdin=io.BytesIO(text.encode("utf-8")))
            found = [replace(p, source=source or "pasted") for p in found]
        else:
            raise SourceError("paste a posting or give its address")
        if not found:
            raise SourceError(f"{url or 'pasted text'}: no posting found")
        posting = found[0]
        if title.strip():
            posting = replace(posting, title=title.strip())
        return posting

    def extract(self, posting: Posting) -> Extraction:
        extractor = self.extractor()
        with self._run_lock:
            return next(iter(extractor.pipe([posting])))

    def posting_dict(self, posting: Posting, extraction: Extraction) -> dict[str, Any]:
        """``jobmatch extract --format json`` for one posting."""
        out: dict[str, Any] = {
            "source": posting.source,
            **extraction.to_dict(),
            "role": role_names(posting, extraction),
        }
        if out["title"] is None:
            del out["title"]
        return out

    def match(self, posting: Posting, entry: ProfileEntry) -> MatchView:
        """``jobmatch match SOURCE --format json`` for one posting: the shipped reference IDF."""
        from ..cli import _header_rows
        from ..rank import rank_items, read_item, summary
        from ..score import load_idf

        extraction = self.extract(posting)
        item = read_item(posting, extraction)
        ranked = rank_items(entry.profile, [item], taxonomy=self.taxonomy, idf=load_idf())[0]
        roles = ", ".join(role_names(posting, extraction))
        header = [("Role", roles)] * bool(roles) + _header_rows(extraction)
        return MatchView(summary(ranked), posting, extraction, ranked, header)

    # -- the store

    def store(self, *, write: bool = False) -> Store:
        from ..store import Store

        return Store(self.db, write=write)

    def save(self, posting: Posting) -> tuple[int, bool]:
        from ..store import _now

        fetched = _now() if posting.source.startswith(("http://", "https://")) else None
        with self.store(write=True) as store:
            return store.save(posting, fetched_at=fetched)

    def saved_list(self) -> list[dict[str, Any]]:
        """``jobmatch list --format json``."""
        with self.store() as store:
            saved = store.postings()
        return [
            {"id": s.id, "title": s.posting.title, "source": s.posting.source, "saved_at": s.saved_at,
             "fetched_at": s.fetched_at}
            for s in saved
        ]  # fmt: skip

    def saved(self, posting_id: int) -> dict[str, Any]:
        with self.store() as store:
            saved = store.get(posting_id)
        if saved is None:
            raise NotFound(f"no saved posting with id {posting_id}")
        return {
            "id": saved.id, "title": saved.posting.title, "source": saved.posting.source,
            "saved_at": saved.saved_at, "fetched_at": saved.fetched_at, "text": saved.posting.text,
        }  # fmt: skip

    def saved_posting(self, posting_id: int) -> Posting:
        from ..sources import Posting

        record = self.saved(posting_id)
        return Posting(text=record["text"], source=record["source"], title=record["title"])

    def remove(self, posting_id: int) -> None:
        with self.store(write=True) as store:
            if not store.remove(posting_id):
                raise NotFound(f"no saved posting with id {posting_id}")

    def ranked(self, entry: ProfileEntry, **keep: Any) -> tuple[list[Ranked], dict[int, int], Any]:
        """The store ranked against the profile as ``jobmatch rank --saved`` does; each ranked
        posting's saved id (by ``id(ranked)``); and the batch IDF (for a learning plan)."""
        from ..rank import gather, rank_items

        with self.store() as store:
            headers = store.headers()
            with self._run_lock:  # a new posting is extracted here
                items, idf, matrix = gather([], taxonomy=self.taxonomy, store=store)
        if len(items) == len(headers):  # the batch lists the saved postings in the headers' order
            items = [
                replace(items[n], posting=replace(items[n].posting, meta={"jobmatch_id": headers[n][0]}))
                for n in range(len(items))
            ]
        ranked = rank_items(entry.profile, items, taxonomy=self.taxonomy, idf=idf, matrix=matrix, **keep)
        ids = {id(r): r.posting.meta.get("jobmatch_id") for r in ranked}
        return ranked, {k: v for k, v in ids.items() if v is not None}, idf

    def rank(self, entry: ProfileEntry, *, top: int | None, min_fit: float, min_score: float) -> list[dict[str, Any]]:
        """``jobmatch rank --saved --format json``, each record with its saved ``id`` too."""
        from ..rank import summary

        ranked, ids, _ = self.ranked(entry, top=top, min_fit=min_fit, min_score=min_score)
        return [{**summary(r), "id": ids.get(id(r))} for r in ranked]

    def gaps(self, entry: ProfileEntry, *, top: int, threshold: float) -> dict[str, Any]:
        """``jobmatch gaps --saved --format json``."""
        from ..rank import gaps as find_gaps
        from ..rank import learning_plan

        ranked, _, idf = self.ranked(entry)
        found = find_gaps(ranked, taxonomy=self.taxonomy, top=top * 2)
        plan = learning_plan(entry.profile, ranked, taxonomy=self.taxonomy, idf=idf, threshold=threshold)
        return {
            "postings": len(ranked), "threshold": threshold,
            "over_threshold": sum(r.score >= threshold for r in ranked),
            "gaps": [g.__dict__ for g in found if g.kind == "skill"][:top],
            "soft_gaps": [g.__dict__ for g in found if g.kind == "soft"][:5],
            "domain_gaps": [g.__dict__ for g in found if g.kind == "domain"][:5],
            "learn_next": [s.__dict__ for s in plan.steps], "plan_lifts_any": plan.lifts_any,
            "suggested_threshold": plan.suggested_threshold,
        }  # fmt: skip


def role_names(posting: Posting, extraction: Extraction) -> list[str]:
    from ..roles import load_roles

    roles = load_roles()
    return [roles[r].name for r in roles.of_posting(posting.title, extraction.text)]


def profile_dict(entry: ProfileEntry) -> dict[str, Any]:
    """A profile as JSON: its skills, roles, and the names not known (with suggestions)."""
    from ..roles import load_roles

    profile, roles = entry.profile, load_roles()
    return {
        "key": entry.key,
        "label": entry.label,
        "source": profile.source,
        "name": profile.name,
        "roles": [roles[r].name for r in profile.roles if r in roles],
        "skills": [
            {
                "id": s.id,
                "name": s.name,
                "given_as": s.given_as,
                "years": s.years,
                "level": s.level,
                "weight": round(s.weight, 3),
                "from_role": s.from_role,
            }
            for s in sorted(profile.skills.values(), key=lambda s: s.name.lower())
        ],
        "unknown": [{"name": n, "suggestions": list(s)} for n, s in profile.unknown],
        "unknown_roles": [{"name": n, "suggestions": list(s)} for n, s in profile.unknown_roles],
    }


def highlight(view: MatchView) -> list[tuple[str, str, str]]:
    """The posting's text as pieces (text, kind, note): kind "matched", "partial", "missing",
    "other" (a skill the score leaves out: boilerplate) or "" (plain text)."""
    kinds: dict[str, tuple[str, str]] = {}
    for item in view.ranked.match.items:
        kind = "matched" if item.credit >= 1 else "partial" if item.credit > 0 else "missing"
        for skill_id in item.ids:
            kinds.setdefault(skill_id, (kind, item.reason))
    spans = sorted(
        (m.start, m.end, *kinds.get(s.id, ("other", "not scored: company boilerplate")), s.name)
        for s in view.extraction.skills
        for m in s.mentions
    )
    text, out, at = view.extraction.text, [], 0
    for start, end, kind, reason, name in spans:
        if start < at:  # overlapping mentions: the first one stands
            continue
        if start > at:
            out.append((text[at:start], "", ""))
        out.append((text[start:end], kind, f"{name}: {kind}" + (f" ({reason})" if reason else "")))
        at = end
    if at < len(text):
        out.append((text[at:], "", ""))
    return out
