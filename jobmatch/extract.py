"""SkillExtractor: a blank English spaCy pipeline plus the taxonomy's patterns → Extraction."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from dataclasses import fields as dataclass_fields
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, TypeVar, cast

from .language import detect_language
from .reading import (
    Education,
    Layout,
    PostingFields,
    Salary,
    Section,
    SkillReading,
    Years,
    read_degree_fields,
    read_fields,
    read_skills,
)
from .sources import Posting, title_of_text
from .taxonomy import Skill, Taxonomy, TaxonomySource, load_taxonomy

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ._headstart import HeadStart, Ready
    from .component import SkillFinder
    from .sources import Unread

__all__ = ["Extraction", "Mention", "Prepared", "SkillExtractor", "SkillMatch", "prepared_of"]

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Prepared:
    """What is read of a posting from its text alone, with no spaCy: made ahead of its extraction, in
    another process (``jobmatch._headstart``), and taken by the extraction of the same text."""

    key: tuple[int, int]  # the text's length and hash
    layout: Layout  # with its keyword pass made
    fields: PostingFields | None  # when asked for
    language: tuple[str | None] | None
    roles: tuple[str, ...] | None  # by the bundled role taxonomy, when asked for


def prepared_of(
    item: Posting | Unread,
    *,
    fields: bool = True,
    roles: Callable[[str | None, str], tuple[str, ...]] | None = None,
) -> tuple[Prepared, ...] | None:
    """What can be read of ``item``'s postings (an ``Unread`` file read first) before spaCy is there:
    each one's layout; with ``fields`` its fields and language; with ``roles`` (``roles.posting_roles``)
    the role it is for. None for a file that cannot be read."""
    from .sources import Unread

    postings = item.read() if isinstance(item, Unread) else [item]
    if not isinstance(postings, list):
        return None  # its SourceError: said where the file is read again
    out = []
    for posting in postings:
        text = posting.text
        layout = Layout.of(text)
        _ = layout.scan  # the keyword pass, which every field and the skills' levels read
        read = None
        if fields:
            read = read_fields(layout, posting.title or title_of_text(text), posting.meta)
        language = (detect_language(text),) if fields else None
        found = roles(posting.title, text) if roles is not None else None
        out.append(Prepared((len(text), hash(text)), layout, read, language, found))
    return tuple(out)


class _Reading:
    """One posting's reading (``jobmatch.reading``), done on first use and then kept.

    Skills are found for every text; how they are asked for and the posting's fields cost as much
    again and a batch that only counts skills never needs them, so they wait here: the inputs,
    and each frozen result once made. ``spans`` are (start, end, skill id) in text order. Results
    read elsewhere (the store's cache, a worker process) come in ready-made.
    """

    def __init__(
        self,
        text: str,
        spans: Sequence[tuple[int, int, str]],
        categories: Mapping[str, str],
        title: str | None = None,
        meta: Mapping[str, Any] | None = None,
        skills: SkillReading | None = None,
        degree_fields: frozenset[str] | None = None,
        *,
        fields: PostingFields | None = None,
        sections: tuple[Section, ...] | None = None,
        language: tuple[str | None] | None = None,
    ) -> None:
        self.text, self.spans, self.categories, self.title = text, tuple(spans), dict(categories), title
        self.meta = dict(meta or {})
        self._layout: Layout | None = None
        self._skills = skills
        self._fields = fields
        self._degree_fields = degree_fields
        self._sections = sections
        self._language = language  # (language,) once known: None is an answer too
        self.roles_ahead: tuple[str, ...] | None = None  # the role, where read ahead (``Prepared``)

    def take(self, prepared: Prepared) -> None:
        """What was read of this text ahead (``prepared_of``), kept as if read here."""
        self._layout = prepared.layout
        if prepared.fields is not None:
            self._fields = prepared.fields
        if prepared.language is not None:
            self._language = prepared.language
        self.roles_ahead = prepared.roles

    def read_all(self) -> _Reading:
        """Everything read now (in a worker process, before the results travel back)."""
        _ = self.skills, self.fields, self.degree_fields, self.sections, self.language
        return self

    @property
    def sections(self) -> tuple[Section, ...]:
        if self._sections is None:
            self._sections = self.layout.sections
        return self._sections

    @property
    def language(self) -> str | None:
        if self._language is None:
            self._language = (detect_language(self.text),)
        return self._language[0]

    @property
    def layout(self) -> Layout:
        if self._layout is None:
            self._layout = Layout.of(self.text)
        return self._layout

    @property
    def skills(self) -> SkillReading:
        if self._skills is None:
            self._skills = read_skills(self.layout, self.spans, self.categories)
        return self._skills

    @property
    def degree_fields(self) -> frozenset[str]:
        if self._degree_fields is None:
            self._degree_fields = read_degree_fields(self.layout, self.spans)
        return self._degree_fields

    @property
    def fields(self) -> PostingFields:
        if self._fields is None:
            self._fields = read_fields(self.layout, self.title, self.meta)
        return self._fields


@dataclass(frozen=True, slots=True)
class Mention:
    """One place a skill is named: ``text[start:end] == mention.text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class SkillMatch:
    """A skill found in a text, reported once with every mention, in text order.

    ``required`` is True when the posting demands it (a requirements section, "must", "strong
    experience"), False when it only prefers it ("nice to have", "a plus", "not required") and None
    when it does not say; a skill asked for both ways takes the stronger. ``boilerplate`` is True
    when every mention sits in company boilerplate (About us, Benefits, Equal opportunity), which
    scoring should ignore. ``years`` is the minimum years of experience stated for this skill.
    ``degree_field`` is True when every mention sits in a clause naming a degree ("BA in
    Economics"): a field of study. These are read from the posting the first time one is asked for.
    """

    id: str
    name: str
    category: str
    mentions: tuple[Mention, ...]
    reading: _Reading | None = field(default=None, compare=False, repr=False)
    # the skill's ESCO and O*NET ids where the taxonomy knows them (``Skill.external``)
    external: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def required(self) -> bool | None:
        return self.reading.skills.levels[self.id][0] if self.reading else None

    @property
    def boilerplate(self) -> bool:
        return self.reading.skills.levels[self.id][1] if self.reading else False

    @property
    def years(self) -> float | None:
        return self.reading.skills.years.get(self.id) if self.reading else None

    @property
    def degree_field(self) -> bool:
        return self.id in self.reading.degree_fields if self.reading else False

    def to_dict(self) -> dict[str, Any]:
        # what the properties above give, read from the posting's reading once for all three
        reading = self.reading
        if reading is None:
            required, boilerplate, years = None, False, None
        else:
            skills = reading.skills
            required, boilerplate = skills.levels[self.id]
            years = skills.years.get(self.id)
        # a loop, not a list comprehension: most skills have one mention, and a comprehension is a
        # function call of its own (Python 3.11), a third of the time of this method
        mentions = []
        for m in self.mentions:
            mentions.append({"start": m.start, "end": m.end, "text": m.text})
        return {
            "id": self.id,
            "name": self.name,
            "category": self.category,
            "required": required,
            "boilerplate": boilerplate,
            "years": years,
            "mentions": mentions,
            **self.external,
        }


@dataclass(frozen=True)
class Extraction:
    """What a posting asks for: its skills (ordered by first mention) and how it asks for them.

    Beside ``skills`` and ``title``, read the first time they are asked for: ``sections`` (where
    requirements, preferences, duties and boilerplate start and end); ``alternatives`` (groups of
    skill ids any one of which satisfies the posting: "PyTorch or TensorFlow"); ``years`` (the main
    experience statement, "8–10 years"); ``seniority`` (intern, junior, mid, senior, staff,
    principal, lead, manager, director); ``education``; ``salary``; ``locations``; ``work_mode``
    (remote, hybrid, on-site); ``employment_type`` (full-time, part-time, contract, temporary,
    internship, freelance); ``certifications``; and, where the source says, ``company``,
    ``date_posted`` and ``valid_through``.
    """

    text: str
    skills: tuple[SkillMatch, ...] = field(default=())
    title: str | None = None
    reading: _Reading | None = field(default=None, compare=False, repr=False)

    @property
    def language(self) -> str | None:
        """The language the text is written in ("en", "de", "fr"…), None when too short to tell.
        Only English is read whole; in another language only names of tools and skills are found."""
        return self._read.language

    @property
    def roles_ahead(self) -> tuple[str, ...] | None:
        """The role the posting is for by the bundled taxonomy (``roles.posting_roles``) where it was
        read ahead of the extraction, in another process (``prepared_of``); else None."""
        return self.reading.roles_ahead if self.reading is not None else None

    @property
    def ids(self) -> frozenset[str]:
        """The canonical ids of every skill found."""
        return frozenset(s.id for s in self.skills)

    @cached_property
    def _read(self) -> _Reading:
        if self.reading is not None:
            return self.reading
        # an Extraction built by hand: read it from its own skills, once
        spans = [(m.start, m.end, s.id) for s in self.skills for m in s.mentions]
        return _Reading(self.text, sorted(spans), {s.id: s.category for s in self.skills}, self.title)

    @property
    def sections(self) -> tuple[Section, ...]:
        return self._read.sections

    @property
    def alternatives(self) -> tuple[tuple[str, ...], ...]:
        return self._read.skills.alternatives

    @property
    def years(self) -> Years | None:
        return self._read.skills.posting_years

    @property
    def seniority(self) -> str | None:
        return self._read.fields.seniority

    @property
    def education(self) -> Education | None:
        return self._read.fields.education

    @property
    def salary(self) -> Salary | None:
        return self._read.fields.salary

    @property
    def locations(self) -> tuple[str, ...]:
        return self._read.fields.locations

    @property
    def work_mode(self) -> str | None:
        return self._read.fields.work_mode

    @property
    def employment_type(self) -> str | None:
        return self._read.fields.employment_type

    @property
    def company(self) -> str | None:
        """The hiring organisation, where the source names it (schema.org hiringOrganization)."""
        return self._read.fields.company

    @property
    def date_posted(self) -> str | None:
        return self._read.fields.date_posted

    @property
    def valid_through(self) -> str | None:
        return self._read.fields.valid_through

    @property
    def certifications(self) -> tuple[SkillMatch, ...]:
        """The certifications named, each with its ``required`` level."""
        return tuple(s for s in self.skills if s.category == "certifications")

    def __contains__(self, skill_id: object) -> bool:
        return any(s.id == skill_id for s in self.skills)

    def get(self, skill_id: str) -> SkillMatch | None:
        """The match for ``skill_id``, or None when the text does not name it."""
        return next((s for s in self.skills if s.id == skill_id), None)

    def to_cache(self) -> dict[str, Any]:
        """What scoring needs, compactly, for the store's extraction cache (see ``from_cache``)."""
        years = self.years
        return {
            "title": self.title,
            "alternatives": [list(group) for group in self.alternatives],
            "years": None if years is None else [years.min, years.max],
            "skills": [
                [s.id, [edge for m in s.mentions for edge in (m.start, m.end)], s.required, s.boilerplate, s.years]
                for s in self.skills
            ],
            "degree_fields": sorted(s.id for s in self.skills if s.degree_field),
        }

    @classmethod
    def from_cache(
        cls, text: str, data: dict[str, Any], taxonomy: Taxonomy, meta: Mapping[str, Any] | None = None
    ) -> Extraction:
        """An Extraction rebuilt from ``to_cache`` data without running the extractor; the
        taxonomy must be the one it was made with (the store keys the cache by taxonomy version)."""
        skills = taxonomy.skills
        spans = []
        levels: dict[str, tuple[bool | None, bool]] = {}
        skill_years: dict[str, float] = {}
        for skill_id, edges, required, boilerplate, years in data["skills"]:
            levels[skill_id] = (required, boilerplate)
            if years is not None:
                skill_years[skill_id] = years
            spans += [(edges[i], edges[i + 1], skill_id) for i in range(0, len(edges), 2)]
        spans.sort()
        categories = {sid: skills[sid].category for sid in levels}
        read = SkillReading(
            levels=levels,
            years=skill_years,
            posting_years=None if data["years"] is None else Years(*data["years"]),
            alternatives=tuple(map(tuple, data["alternatives"])),
        )
        in_degree = data.get("degree_fields")  # absent from older entries: read again if asked
        reading = _Reading(
            text, spans, categories, data["title"], meta, read, None if in_degree is None else frozenset(in_degree)
        )
        return cls(
            text=text,
            skills=_skill_matches(
                skills, ((sid, _mentions(text, edges)) for sid, edges, *_ in data["skills"]), reading
            ),
            title=data["title"],
            reading=reading,
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape ``jobmatch extract`` prints (without ``source``)."""
        # the properties' values, each reading's result fetched once (a property is a call each)
        read = self._read
        fields = read.fields
        skill_reading = read.skills
        years = skill_reading.posting_years
        education = fields.education
        skills = [s.to_dict() for s in self.skills]
        return {
            "title": self.title,
            "company": fields.company,
            "date_posted": fields.date_posted,
            "valid_through": fields.valid_through,
            "seniority": fields.seniority,
            "years": None if years is None else {"min": years.min, "max": years.max},
            "education": None if education is None else {**_asdict(education), "fields": list(education.fields)},
            "salary": None if fields.salary is None else _asdict(fields.salary),
            "locations": list(fields.locations),
            "work_mode": fields.work_mode,
            "employment_type": fields.employment_type,
            # ``certifications``, as their skills' dicts already say
            "certifications": [
                {"id": s["id"], "name": s["name"], "required": s["required"]}
                for s in skills
                if s["category"] == "certifications"
            ],
            "alternatives": [list(group) for group in skill_reading.alternatives],
            "skills": skills,
        }


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _asdict(data: Any) -> dict[str, Any]:
    """``dataclasses.asdict`` of a reading's result (Education, Salary), in a fifth of its time
    where each value is a scalar or a tuple of scalars: asdict deep-copies every value, which for
    these gives the values themselves."""
    out = {}
    for f in dataclass_fields(data):
        value = getattr(data, f.name)
        if type(value) not in _SCALARS and (type(value) is not tuple or any(type(v) not in _SCALARS for v in value)):
            return asdict(data)  # something to copy or convert: a list, a nested result
        out[f.name] = value
    return out


@lru_cache(maxsize=4)
def _compiled(taxonomy: Taxonomy) -> tuple[Taxonomy, SkillFinder]:
    """Build the pipeline once per process and taxonomy: jobmatch's tokenizer and the
    ``jobmatch_skills`` component, its patterns loaded (from the cache, or compiled); its vocab
    works out only the lexical attributes jobmatch reads (``patterns._keep_read_attributes``)."""
    return _build_pipeline(taxonomy)


def _build_pipeline(taxonomy: Taxonomy, *, every_attribute: bool = False) -> tuple[Taxonomy, SkillFinder]:
    """``_compiled``'s pipeline, made anew; ``every_attribute``: its vocab works out all of spaCy's
    lexical attributes, as a user's pipeline does (what the trimmed one is tested against)."""
    import gc

    from .component import SkillFinder
    from .patterns import _keep_read_attributes, make_nlp

    # What is loaded by now (spaCy, jobmatch) lives as long as the process: out of the cyclic
    # collector's sight, its full collections while the pipeline is built and a posting read no
    # longer walk all of spaCy's objects again and again (a fifth of a one-posting command's time).
    gc.freeze()
    # and while the taxonomy and its patterns load (or, on a first run, are validated, compiled
    # and cached) nothing made is cyclic garbage: no collection at all until the pipeline is whole
    enabled = gc.isenabled()
    gc.disable()
    try:
        nlp = make_nlp()
        if not every_attribute:
            # this pipeline's docs never leave jobmatch: a new word's lexeme costs 3.4 µs, not 13.5
            _keep_read_attributes(nlp)
        finder = nlp.add_pipe("jobmatch_skills")
        assert isinstance(finder, SkillFinder)
        finder.use(taxonomy)
        finder.initialize()
    finally:
        if enabled:
            gc.enable()
    return finder.taxonomy, finder


class SkillExtractor:
    """Find the skills a text names, by canonical id, with character offsets of every mention.

    >>> ex = SkillExtractor()
    >>> [s.id for s in ex.extract("5+ years of Python and k8s; Go or Rust a plus").skills]
    ['python', 'kubernetes', 'go', 'rust']
    """

    def __init__(self, taxonomy: TaxonomySource = None) -> None:
        # the bundled taxonomy extended by the user's files (see ``load_taxonomy``), or a Taxonomy;
        # the spaCy component finds the skills (one implementation, in a pipeline or here); this
        # class adds the tokenizing of a batch and the reading of each posting
        self.taxonomy, self._finder = _compiled(load_taxonomy(taxonomy))
        self._patterns = self._finder.patterns
        # what was read of the texts at hand from their text alone, by (length, hash): a worker's
        # share of the head start (``map``), taken by the extraction of the same text
        self._prepared: dict[tuple[int, int], Prepared] | None = None

    def extract(self, text: str | Posting) -> Extraction:
        """Extract one posting: a text, or a ``Posting`` (whose title and schema.org fields help)."""
        text, title, meta = _unpack(text)
        return self._from_doc(self._patterns.tokenize(text), text, title, meta)

    def pipe(self, texts: Iterable[str | Posting], *, batch_size: int = 64, n_process: int = 1) -> Iterator[Extraction]:
        """Extract many texts or Postings, yielding one Extraction each, in input order.

        With ``n_process`` > 1 (or -1 for every core) the texts go to worker processes in chunks of
        ``batch_size``, each worker with its own pipeline built once; each reads its postings whole
        (skills, how they are asked for, every field, sections, language) and only those results
        travel back, never the text: the Extraction is put together here from them. The workers
        start when ``pipe`` is called, before any progress display starts a thread of its own.
        """
        if _processes(n_process) <= 1:
            return self._pipe_here(texts)
        items = list(texts)
        packed = self.map(_extract_in_worker, items, n_process=n_process, batch_size=batch_size)
        return (self._unpacked(item, found) for item, found in zip(items, packed, strict=True))

    def _pipe_here(self, texts: Iterable[str | Posting]) -> Iterator[Extraction]:
        # spaCy's Tokenizer.pipe is a plain loop too; calling it per text keeps each text at hand
        tokenize = self._patterns.tokenize
        for item in texts:
            text, title, meta = _unpack(item)
            yield self._from_doc(tokenize(text), text, title, meta)

    def map(
        self,
        work: Callable[[SkillExtractor, T], R],
        items: Iterable[T],
        *,
        n_process: int = 1,
        batch_size: int = 16,
        head_start: HeadStart[T] | None = None,
    ) -> Iterator[R]:
        """``work(extractor, item)`` for each item, yielded in input order: here, or with ``n_process``
        > 1 (-1: every core) in worker processes, each building the extractor once, so that the whole
        per-posting job is shared out and only what ``work`` returns comes back. ``work`` must be a
        module-level function (workers find it by name). ``head_start``, started on the same items
        before this process imported spaCy (``HeadStart(items, prepared_of)``), is stopped as the
        workers start, and each extraction of an item it read takes its ``Prepared`` readings.

        >>> def count(ex, text): return len(ex.extract(text).skills)
        >>> list(SkillExtractor().map(count, ["Python and SQL", "Go"]))
        [2, 1]
        """
        n_process = _processes(n_process)
        if n_process <= 1:
            if head_start is not None:
                head_start.close()
            return (work(self, item) for item in items)
        import itertools
        import multiprocessing

        fork = os.name != "nt"
        done: list[R] = []
        rest = iter(items)
        if fork:
            # What loads on first use (the whole matcher, patterns compiled when a text first needs
            # them) is loaded here, once, by doing the first item: forked workers share it all,
            # where each would make its own.
            self._patterns.build_matcher()
            done = [work(self, item) for item in itertools.islice(rest, 1)]
        ready = head_start.stop() if head_start is not None else None  # what it read, the workers' to take
        ctx = multiprocessing.get_context("fork" if fork else "spawn")
        # started now, not on the first result: a progress bar's thread must not be running at the fork
        pool = ctx.Pool(n_process, initializer=_init_worker, initargs=(self.taxonomy, work, ready))
        numbered = enumerate(rest, start=len(done))
        return itertools.chain(done, _results(pool, pool.imap(_work_in_worker, numbered, chunksize=max(1, batch_size))))

    def _unpacked(self, item: str | Posting, packed: _Packed) -> Extraction:
        """The Extraction of ``item`` from what a worker read of it (``_extract_in_worker``)."""
        text, _, meta = _unpack(item)
        title, found, levels, fields, degree_fields, sections, language = packed
        skills = self.taxonomy.skills
        spans = sorted(
            (start, end, sid) for sid, edges in found for start, end in zip(edges[::2], edges[1::2], strict=True)
        )
        reading = _Reading(
            text,
            spans,
            {sid: skills[sid].category for sid, _ in found},
            title,
            meta,
            levels,
            degree_fields,
            fields=fields,
            sections=sections,
            language=(language,),
        )
        return Extraction(
            text=text,
            skills=_skill_matches(skills, ((sid, _mentions(text, edges)) for sid, edges in found), reading),
            title=title,
            reading=reading,
        )

    def _from_doc(self, doc: Doc, text: str, title: str | None, meta: Mapping[str, Any] | None) -> Extraction:
        doc = self._patterns.unglue(doc, text)  # scraped text: "SQLSkills" → "SQL", "Skills"
        spans = []
        mentions: dict[str, list[Mention]] = {}
        new, set_start, set_end, set_text = _MENTION_SLOTS
        for s, e, skill_id in self._finder.find(doc):
            token = doc[s]  # most names are one token: one Token gives both ends
            start = token.idx
            if e - s > 1:
                token = doc[e - 1]
            end = token.idx + len(token)
            spans.append((start, end, skill_id))
            mention = new(Mention)
            set_start(mention, start)
            set_end(mention, end)
            set_text(mention, text[start:end])
            found = mentions.get(skill_id)
            if found is None:
                mentions[skill_id] = [mention]
            else:
                found.append(mention)
        skills = self.taxonomy.skills
        title = title or title_of_text(text)
        reading = _Reading(text, spans, {sid: skills[sid].category for sid in mentions}, title, meta)
        if self._prepared is not None:
            prepared = self._prepared.pop((len(text), hash(text)), None)
            if prepared is not None:
                reading.take(prepared)
        return Extraction(
            text=text,
            skills=_skill_matches(skills, mentions.items(), reading),
            title=title,
            reading=reading,
        )


# Mention made without its dataclass __init__, which sets each field through object.__setattr__ (the
# frozen way): a microsecond a mention, a tenth of reading a posting's skills. The same three slots
# set directly; Mention has no __post_init__ to skip (tests/test_extract.py holds it to that).
_MENTION_SLOTS: tuple[Callable[[type[Mention]], Mention], Any, Any, Any] = (
    object.__new__,
    *(cast("Any", Mention).__dict__[name].__set__ for name in ("start", "end", "text")),
)


def _mentions(text: str, edges: Sequence[int]) -> tuple[Mention, ...]:
    """Mentions from flat (start, end, start, end, …) offsets, as caches and workers keep them."""
    return tuple(Mention(s, e, text[s:e]) for s, e in zip(edges[::2], edges[1::2], strict=True))


def _skill_matches(
    skills: Mapping[str, Skill], found: Iterable[tuple[str, Sequence[Mention]]], reading: _Reading
) -> tuple[SkillMatch, ...]:
    """One SkillMatch a skill id, with its mentions: the one place an Extraction's skills are made."""
    new, set_id, set_name, set_category, set_mentions, set_reading, set_external = _SKILL_MATCH_SLOTS
    out = []
    for sid, mentions in found:
        skill = skills[sid]
        match = new(SkillMatch)
        set_id(match, sid)
        set_name(match, skill.name)
        set_category(match, skill.category)
        set_mentions(match, tuple(mentions))
        set_reading(match, reading)
        set_external(match, skill.external)
        out.append(match)
    return tuple(out)


# SkillMatch made as Mention is (see ``_MENTION_SLOTS``): its six slots set directly, a third of the
# time of its frozen __init__ (tests/test_extract.py holds it to having no __post_init__ to skip)
_SKILL_MATCH_SLOTS: tuple[Callable[[type[SkillMatch]], SkillMatch], Any, Any, Any, Any, Any, Any] = (
    object.__new__,
    # in field order: a field added to SkillMatch makes this one longer, and its unpacking above fail
    *(cast("Any", SkillMatch).__dict__[f.name].__set__ for f in dataclass_fields(SkillMatch)),
)


def _unpack(item: str | Posting) -> tuple[str, str | None, Mapping[str, Any] | None]:
    if isinstance(item, Posting):
        return item.text, item.title, item.meta
    if not isinstance(item, str):
        raise TypeError(f"expected a str or a Posting, got {type(item).__name__}")
    return item, None, None


def _results(pool: Any, results: Iterator[R]) -> Iterator[R]:
    """``results``, then the pool's workers stopped (also when the caller stops early)."""
    with pool:
        yield from results


def _processes(n_process: int) -> int:
    return (os.cpu_count() or 1) if n_process == -1 else n_process


# what a worker sends back for one posting: title, (skill id, mention edges) in order of first
# mention, then the reading's frozen results (skills' levels, fields, degree fields, sections, language)
_Packed = tuple[
    str | None,
    list[tuple[str, list[int]]],
    SkillReading,
    PostingFields,
    frozenset[str],
    tuple[Section, ...],
    str | None,
]

_worker: SkillExtractor | None = None
_work: Callable[[SkillExtractor, Any], Any] | None = None


_ready: Ready | None = None


def _init_worker(taxonomy: Taxonomy, work: Callable[[SkillExtractor, Any], Any], ready: Ready | None) -> None:
    """A worker process's start: its extractor, built once (a forked worker finds it built).
    Ctrl-C is the parent's to handle (it stops the pool): here it would print each worker's traceback."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _worker, _work, _ready
    _worker, _work, _ready = SkillExtractor(taxonomy), work, ready


def _work_in_worker(numbered: tuple[int, Any]) -> Any:
    assert _worker is not None and _work is not None, "worker used before _init_worker"
    i, item = numbered
    prepared = _ready.take(i) if _ready is not None else None
    if not prepared:
        return _work(_worker, item)
    _worker._prepared = {p.key: p for p in prepared}
    try:
        return _work(_worker, item)
    finally:
        _worker._prepared = None


def _extract_in_worker(extractor: SkillExtractor, item: str | Posting) -> _Packed:
    """One posting extracted and read whole, as the compact data ``SkillExtractor._unpacked`` takes."""
    extraction = extractor.extract(item)
    reading = extraction._read.read_all()
    return (
        extraction.title,
        [(s.id, [edge for m in s.mentions for edge in (m.start, m.end)]) for s in extraction.skills],
        reading.skills,
        reading.fields,
        reading.degree_fields,
        reading.sections,
        reading.language,
    )
