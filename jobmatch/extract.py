"""SkillExtractor: a blank English spaCy pipeline plus the taxonomy's patterns → Extraction."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .patterns import SkillPatterns, build_patterns
from .taxonomy import Taxonomy, load_taxonomy

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Extraction", "Mention", "SkillExtractor", "SkillMatch"]


@dataclass(frozen=True, slots=True)
class Mention:
    """One place a skill is named: ``text[start:end] == mention.text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class SkillMatch:
    """A skill found in a text, reported once with every mention, in text order."""

    id: str
    name: str
    category: str
    mentions: tuple[Mention, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "category": self.category,
            "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in self.mentions],
        }


@dataclass(frozen=True)
class Extraction:
    """What a text asks for: its skills, ordered by first mention."""

    text: str
    skills: tuple[SkillMatch, ...] = field(default=())

    @property
    def ids(self) -> frozenset[str]:
        """The canonical ids of every skill found."""
        return frozenset(s.id for s in self.skills)

    def __contains__(self, skill_id: object) -> bool:
        return any(s.id == skill_id for s in self.skills)

    def get(self, skill_id: str) -> SkillMatch | None:
        """The match for ``skill_id``, or None when the text does not name it."""
        return next((s for s in self.skills if s.id == skill_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {"skills": [s.to_dict() for s in self.skills]}


@lru_cache(maxsize=4)
def _compiled(taxonomy_path: str | None) -> tuple[Taxonomy, SkillPatterns]:
    """Build the pipeline once per process and taxonomy: compiling takes a second, matching far less."""
    taxonomy = load_taxonomy(taxonomy_path)
    return taxonomy, build_patterns(taxonomy)


class SkillExtractor:
    """Find the skills a text names, by canonical id, with character offsets of every mention.

    >>> ex = SkillExtractor()
    >>> [s.id for s in ex.extract("5+ years of Python and k8s; Go or Rust a plus").skills]
    ['python', 'kubernetes', 'go', 'rust']
    """

    def __init__(self, taxonomy: str | Path | None = None) -> None:
        self.taxonomy_path = None if taxonomy is None else str(Path(taxonomy).resolve())
        self.taxonomy, self._patterns = _compiled(self.taxonomy_path)

    def extract(self, text: str) -> Extraction:
        """Extract the skills of one text."""
        if not isinstance(text, str):
            raise TypeError(f"extract() expects a str, got {type(text).__name__}")
        return self._from_doc(self._patterns.nlp.tokenizer(text), text)

    def pipe(self, texts: Iterable[str], *, batch_size: int = 64, n_process: int = 1) -> Iterator[Extraction]:
        """Extract many texts, yielding one Extraction per text in input order.

        With ``n_process`` > 1 (or -1 for every core) the texts go to worker processes in chunks of
        ``batch_size``, each worker with its own pipeline; only the Extraction results travel back.
        """
        if n_process == -1:
            n_process = os.cpu_count() or 1
        if n_process <= 1:
            # spaCy's Tokenizer.pipe is a plain loop too; calling it per text keeps each text at hand
            tokenizer = self._patterns.nlp.tokenizer
            for text in _checked(texts):
                yield self._from_doc(tokenizer(text), text)
            return
        import multiprocessing

        ctx = multiprocessing.get_context("spawn" if os.name == "nt" else "fork")
        with ctx.Pool(n_process, initializer=_init_worker, initargs=(self.taxonomy_path,)) as pool:
            yield from pool.imap(_extract_in_worker, _checked(texts), chunksize=max(1, batch_size))

    def _from_doc(self, doc: Doc, text: str) -> Extraction:
        mentions: dict[str, list[Mention]] = {}
        for s, e, skill_id in self._patterns.find(doc):
            start = doc[s].idx
            last = doc[e - 1]
            end = last.idx + len(last.text)
            mentions.setdefault(skill_id, []).append(Mention(start, end, text[start:end]))
        skills = self.taxonomy.skills
        return Extraction(
            text=text,
            skills=tuple(
                SkillMatch(sid, skills[sid].name, skills[sid].category, tuple(found)) for sid, found in mentions.items()
            ),
        )


def _checked(texts: Iterable[str]) -> Iterator[str]:
    for text in texts:
        if not isinstance(text, str):
            raise TypeError(f"pipe() expects str items, got {type(text).__name__}")
        yield text


_worker: SkillExtractor | None = None


def _init_worker(taxonomy_path: str | None) -> None:
    global _worker
    _worker = SkillExtractor(taxonomy_path)


def _extract_in_worker(text: str) -> Extraction:
    assert _worker is not None, "worker used before _init_worker"
    return _worker.extract(text)
