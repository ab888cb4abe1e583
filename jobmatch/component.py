"""The ``jobmatch_skills`` spaCy component: the taxonomy's skills as spans, in any English pipeline.

    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("jobmatch_skills")
    doc = nlp("Requirements: 5+ years of Python and k8s. Go or Rust a plus.")
    for span in doc.spans["skills"]:
        print(span.text, span.label_, span.kb_id_, span._.skill_requirement, span._.skill_years)
    # Python Python python required 5.0
    # k8s Kubernetes kubernetes required 5.0
    # Go Go go preferred None
    # Rust Rust rust preferred None

The factory is registered with spaCy through the package's ``spacy_factories`` entry point, so a
pipeline needs no ``import jobmatch``, and ``spacy.load`` finds it in a saved pipeline.

Each span's label is the skill's name and its ``kb_id_`` the canonical id ("k8s" → "kubernetes").
Span extensions say how the posting asks for the skill: ``skill_requirement`` ("required",
"preferred" or None when unsaid), ``skill_years`` (minimum years asked for it, or None) and
``skill_boilerplate`` (every mention sits in company boilerplate).

The component reads the text with jobmatch's own tokenizer, whatever the pipeline's, so it finds
what ``jobmatch extract`` finds; the spans are then laid on the pipeline's tokens. Where the
pipeline keeps a name inside a longer token ("R." at the end of a sentence, "Node.js/Express" or a
glued "SQLSkills" with spaCy's default tokenizer), the span covers that whole token.
"""

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc, Span

if TYPE_CHECKING:
    from .patterns import SkillPatterns
    from .taxonomy import Taxonomy

__all__ = ["SkillFinder"]

# spaCy imports every registered factory's module whenever it makes a pipeline, jobmatch's or not:
# this module imports nothing else of jobmatch until the component is used.

_EXTENSIONS = ("skill_requirement", "skill_years", "skill_boilerplate")
for _name in _EXTENSIONS:
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


@Language.factory(
    "jobmatch_skills",
    default_config={"taxonomy": None, "gate": True, "spans_key": "skills"},
    assigns=["doc.spans"],
)
def make_skill_finder(nlp: Language, name: str, taxonomy: str | None, gate: bool, spans_key: str) -> "SkillFinder":
    """spaCy's factory for ``nlp.add_pipe("jobmatch_skills", config={...})``.

    ``taxonomy``: a skill file or folder (JSONL, see ``models/NOTE.md``) for ``load_taxonomy``;
    ``gate``: False counts ambiguous names ("Go", "R", "Excel") wherever they appear, without the
    evidence the ambiguity gate asks for; ``spans_key``: the ``doc.spans`` group written.
    """
    return SkillFinder(nlp, name, taxonomy=taxonomy, gate=gate, spans_key=spans_key)


class SkillFinder:
    """Writes ``doc.spans["skills"]``: every skill the taxonomy names in the text, one span a mention.

    The taxonomy and its compiled patterns are loaded on first use (or by ``initialize``), from the
    pattern cache when it holds them, or from a saved pipeline (``to_disk``/``from_disk``).
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "jobmatch_skills",
        *,
        taxonomy: str | Path | None = None,
        gate: bool = True,
        spans_key: str = "skills",
    ) -> None:
        self.nlp = nlp
        self.name = name
        self.taxonomy_path = None if taxonomy is None else str(taxonomy)
        self.gate = gate
        self.spans_key = spans_key
        self._taxonomy: Taxonomy | None = None
        self._patterns: SkillPatterns | None = None
        self._saved: Any = None  # compiled patterns read by from_disk, used when still current
        self._saved_taxonomy: Path | None = None  # the copy of a user taxonomy a saved pipeline holds

    @property
    def taxonomy(self) -> "Taxonomy":
        """The skills this component finds (raises TaxonomyError for a bad taxonomy file)."""
        if self._taxonomy is None:
            from .taxonomy import load_taxonomy

            source = self._saved_taxonomy or self.taxonomy_path
            self._taxonomy = load_taxonomy(source)
        return self._taxonomy

    def use(self, taxonomy: "Taxonomy") -> None:
        """Find the skills of ``taxonomy``, a loaded one (the bundled taxonomy extended by several
        files, as the CLI gives ``SkillExtractor``), instead of the configured path's."""
        self._taxonomy, self._patterns = taxonomy, None

    @property
    def patterns(self) -> "SkillPatterns":
        """The compiled matchers and the ambiguity gate."""
        if self._patterns is None:
            from .patterns import build_patterns

            self._patterns = build_patterns(self.taxonomy, self.nlp, saved=self._saved)
            self._saved = None
        return self._patterns

    def initialize(
        self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp: Language | None = None
    ) -> None:
        """Load the taxonomy and patterns now rather than at the first text (``nlp.initialize()``)."""
        self.patterns  # noqa: B018 - built for its side effect

    def find(self, doc: Doc) -> list[tuple[int, int, str]]:
        """``(start, end, skill id)`` token spans of ``doc``, which jobmatch's tokenizer made."""
        return self.patterns.find(doc, gate=self.gate)

    def __call__(self, doc: Doc) -> Doc:
        from .reading import Layout, read_skills

        patterns = self.patterns
        text = doc.text
        ours = doc if patterns.own_tokens else patterns.tokenize(text)
        # scraped text: "SQLSkills" → "SQL", "Skills", in the pipeline's own doc when it is ours
        read = patterns.unglue(ours, text, in_place=ours is doc)
        found = self.find(read)
        skills = self.taxonomy.skills
        edges = []
        for s, e, skill_id in found:
            last = read[e - 1]
            edges.append((read[s].idx, last.idx + len(last.text), skill_id))
        spans: list[Span] = []
        if edges:
            reading = read_skills(Layout.of(text), edges, {sid: skills[sid].category for _, _, sid in edges})
            for (s, e, skill_id), (start, end, _) in zip(found, edges, strict=True):
                name = skills[skill_id].name
                if read is doc:
                    span: Span | None = Span(doc, s, e, label=name, kb_id=skill_id)
                else:  # laid on the pipeline's own tokens, widened to whole ones
                    span = doc.char_span(start, end, label=name, kb_id=skill_id, alignment_mode="expand")
                if span is None:
                    continue
                required, boilerplate = reading.levels[skill_id]
                span._.skill_requirement = None if required is None else "required" if required else "preferred"
                span._.skill_years = reading.years.get(skill_id)
                span._.skill_boilerplate = boilerplate
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the compiled patterns, and a copy of a user taxonomy, so that ``spacy.load`` finds
        the same spans without the original taxonomy file."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        source = self._saved_taxonomy or (Path(self.taxonomy_path) if self.taxonomy_path else None)
        if source is not None:
            copy = path / "taxonomy"
            copy.mkdir(exist_ok=True)
            for old in copy.glob("*.jsonl"):
                old.unlink()
            files = sorted(source.glob("*.jsonl")) if source.is_dir() else [source]
            for file in files:
                (copy / file.name).write_bytes(file.read_bytes())
        from . import _cache

        (path / "patterns.msgpack").write_bytes(_cache.dumps(self.patterns.state()))

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """What ``to_disk`` saves, as bytes (``nlp.to_bytes()``): the compiled patterns, and the
        taxonomy itself when it is not the bundled one alone (a user file, or one given to ``use``)."""
        import srsly

        from . import _cache
        from .taxonomy import _to_rows

        own = self._taxonomy is not None and bool(self._taxonomy.files)
        taxonomy = _to_rows(self.taxonomy) if own or self.taxonomy_path or self._saved_taxonomy else None
        return srsly.msgpack_dumps({"patterns": _cache.dumps(self.patterns.state()), "taxonomy": taxonomy})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "SkillFinder":
        """Load what ``to_bytes`` made; patterns made for another taxonomy, rule set or spaCy
        version are compiled again."""
        import srsly

        from . import _cache
        from .taxonomy import _from_rows

        saved = srsly.msgpack_loads(data)
        self._taxonomy = _from_rows(saved["taxonomy"]) if saved.get("taxonomy") is not None else None
        try:
            self._saved = _cache.loads(saved["patterns"])
        except Exception:  # damaged: compile from the taxonomy instead
            self._saved = None
        self._patterns = None
        return self

    def __getstate__(self) -> dict[str, Any]:
        # pickled (a pipeline sent to a spawned process by ``nlp.pipe(n_process=2)`` on macOS or
        # Windows): the taxonomy travels, the matchers are made again there (from the pattern cache)
        state = dict(self.__dict__)
        state["_patterns"] = None
        state["_taxonomy"] = self.taxonomy
        return state

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "SkillFinder":
        """Load what ``to_disk`` saved; patterns made for another taxonomy, rule set or spaCy
        version are compiled again."""
        path = Path(path)
        copy = path / "taxonomy"
        self._saved_taxonomy = copy if copy.is_dir() else None
        from . import _cache

        try:
            self._saved = _cache.loads((path / "patterns.msgpack").read_bytes())
        except Exception:  # absent or damaged: compile from the taxonomy instead
            self._saved = None
        self._taxonomy = None
        self._patterns = None
        return self
