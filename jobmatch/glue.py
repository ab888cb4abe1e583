"""Glued blocks: split tokens where scraped text lost the line break between two blocks.

Text copied from web pages often loses the breaks between blocks, so that one block's last word
runs into the next one's first: "SQLSkills Desired", "JavaScriptIf you are", "TechnologiesJava",
"DevOps!Who". spaCy keeps such a run as one token and no skill form matches it.

A boundary inside a token is a candidate where a lower-case letter or digit meets a capital
("JavaScript|If"), where capitals meet a capitalised word ("SQL|Skills"), where a header word runs
into a lower-case word ("Technologies|java") and at a sentence stop before a capitalised word
("DevOps|!|Who"). A candidate is cut only where the pieces it makes are known: a skill form, a
word that ends (on the left) or starts (on the right) a longer skill form, or a block header word.
So "JavaScript", "DevOps" and "CircleCI" stay whole, and "CircleCIUses" becomes "CircleCI Uses".

The split is made in the Doc itself (spaCy's retokenizer), from the same characters, so token
offsets still index the original text exactly. A text with no candidate is returned as it came,
at the cost of a few regex searches.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["GLUE_FORMAT", "GlueSplitter"]

GLUE_FORMAT = 1  # bump when GlueSplitter's state changes: the pattern cache keeps a pickled one

# inside a word: lower/digit → capital, capitals → capitalised word, a stop before a capitalised word
_CASE_RE = re.compile(r"(?<=[a-z0-9+#])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_STOP_RE = re.compile(r"(?<=[A-Za-z0-9])(?:[!?;.]|[)\]*•:]+)(?=[A-Z][a-z])")
# closing marks and bullets at a token's end: "RabbitMQ-", "Testcontainers)-", "esbuild)**"
_TAIL_RE = re.compile(r"(?<=[A-Za-z0-9+#])[)\]*•:;.,!?]*[-–—)\]*•][)\]*•:;.,!?\-–—]*$")
# where a cut may be, cheaply: a few plain regexes over the text (one alternation of them all
# scans several times slower), then exact checks on the few tokens they point at. Each opens with
# a class of rarer characters, so that ``re`` skips ahead in C; a hit is the position of the
# pattern's first character, less the offset beside it (the first finds the capital after a letter).
_CANDIDATE_RES = (
    (re.compile(r"[A-Z](?<=[a-z0-9+#][A-Z])"), 1),
    (re.compile(r"[A-Z][A-Z][a-z]"), 0),
    (re.compile(r"[!?;.)\]*•:][A-Z][a-z]"), 0),
    (re.compile(r"[-–—*•](?<=[A-Za-z0-9+#)\]:;.,!?][-–—*•])[-–—*•]*(?=\s|$)"), 0),  # not a bullet opening a line
)
_WORD_SPLIT_RE = re.compile(r"[\s\-/]+")
_SKIP = frozenset({"and", "or", "of", "the", "for", "to", "in", "on", "with", "a", "an", "at", "by", "de"})


class GlueSplitter:
    """Splits glued tokens of a Doc, knowing the skill forms and the block header words.

    >>> splitter = GlueSplitter(["JavaScript", "SQL", "CircleCI"], headers=["Skills"])
    >>> splitter.pieces("CircleCIUses"), splitter.pieces("SQLSkills"), splitter.pieces("JavaScript")
    (['CircleCI', 'Uses'], ['SQL', 'Skills'], ['JavaScript'])
    """

    def __init__(self, forms: Iterable[str], *, headers: Iterable[str] = ()) -> None:
        whole: set[str] = set()
        pairs: set[str] = set()  # two-word forms: a piece may complete one with its neighbour token
        lasts: set[str] = set()
        firsts: set[str] = set()
        for form in forms:
            words = [w for w in _WORD_SPLIT_RE.split(form.lower()) if w]
            if len(words) == 1 and len(words[0]) > 1:
                whole.add(words[0])
            elif len(words) > 1:
                if len(words) == 2:
                    pairs.add(" ".join(words))
                if len(words[-1]) > 2 and words[-1] not in _SKIP:
                    lasts.add(words[-1])
                if len(words[0]) > 2 and words[0] not in _SKIP:
                    firsts.add(words[0])
        self._headers = frozenset(h.lower() for h in headers)
        self._forms = frozenset(whole)
        self._whole = self._forms | self._headers  # a token that is one of these stays whole
        self._pairs = frozenset(pairs)
        self._lasts = frozenset(lasts)
        self._firsts = frozenset(firsts)
        # a header word run into a lower-case word: "Technologiesjava", "Skillspython"
        alternation = "|".join(sorted((re.escape(h.capitalize()) for h in self._headers), key=len, reverse=True))
        self._header_re = re.compile(rf"(?:{alternation})(?=[a-z])" if alternation else r"(?!x)x")

    def split(self, doc: Doc, text: str | None = None) -> Doc:
        """``doc`` with its glued tokens split (in place), or as it came when none is. ``text`` is the
        doc's text when the caller has it at hand (``doc.text`` is rebuilt token by token)."""
        if text is None:
            text = doc.text
        hits = [m.start() - back for pattern, back in _CANDIDATE_RES for m in pattern.finditer(text)]
        hits += [m.start() for m in self._header_re.finditer(text)]
        if not hits:
            return doc
        import numpy as np

        starts_array = doc.to_array("IDX").astype(np.int64)
        starts = starts_array.tolist()
        last = len(starts) - 1
        split: dict[int, list[str]] = {}
        for i in sorted(set((np.searchsorted(starts_array, hits, side="right") - 1).tolist())):
            token = doc[i].text
            if len(token) < 3 or _bare(token) in self._whole:
                continue  # most candidates: "JavaScript", "PostgreSQL"
            # a mark dragged from the next block comes before a capital ("RabbitMQ- Write"); before
            # a lower-case word it is a suspended compound ("food- and pharmaceutical-")
            following = text[starts[i + 1]] if i < last else ""
            before = doc[i - 1].text if i else ""
            after = doc[i + 1].text if i < last else ""
            pieces = self.pieces(token, before_capital=not following.islower(), before=before, after=after)
            if len(pieces) > 1:
                split[i] = pieces
        if not split:
            return doc
        # in place: a retokenizer shifts the arrays once, where a Doc rebuilt from its words looks
        # every word up again (several times slower)
        with doc.retokenize() as retokenizer:
            for i, cut in split.items():
                token = doc[i]
                retokenizer.split(token, cut, heads=[(token, 0)] * len(cut))
        return doc

    def pieces(self, text: str, *, before_capital: bool = True, before: str = "", after: str = "") -> list[str]:
        """The pieces of one token: itself alone when it is a known form or no cut is sure.
        ``before`` and ``after`` are the neighbouring words: a first piece may end a two-word form
        with the one before ("Spring BootMicro"), a last piece start one with the one after."""
        if len(text) < 3 or _bare(text) in self._whole:
            return [text]
        tail = _TAIL_RE.search(text) if before_capital else None
        if tail:  # a bullet or bracket of the next block dragged along: "RabbitMQ-", "Spark)-"
            text, marks = text[: tail.start()], list(tail.group())
        else:
            marks = []
        out: list[str] = []
        start = 0
        for stop in _STOP_RE.finditer(text):
            out += self._segment(text[start : stop.start()], before if start == 0 else "", "")
            out += list(stop.group())
            start = stop.end()
        out += self._segment(text[start:], before if start == 0 else "", after)
        return [p for p in out if p] + marks

    def _segment(self, chunk: str, before: str = "", after: str = "") -> list[str]:
        """The best cut of a chunk at its case and header boundaries: every cut justified by the
        pieces beside it, then the most known characters, then the fewest pieces."""
        if len(chunk) < 4 or _bare(chunk) in self._whole:
            return [chunk]
        after_header = {m.end() for m in self._header_re.finditer(chunk)}
        cuts = sorted(
            {c for c in {m.start() for m in _CASE_RE.finditer(chunk)} | after_header if 1 < c < len(chunk) - 1}
        )
        if not cuts or len(cuts) > 6:
            return [chunk]
        best: tuple[float, list[str]] = (0.0, [chunk])
        for mask in range(1, 1 << len(cuts)):
            chosen = [c for k, c in enumerate(cuts) if mask >> k & 1]
            points = [0, *chosen, len(chunk)]
            pieces = [chunk[a:b] for a, b in itertools.pairwise(points)]
            kinds = [self._kind(piece, first=k == 0) for k, piece in enumerate(pieces)]
            if before and f"{before.lower()} {pieces[0].lower()}" in self._pairs:
                kinds[0] = _FORM  # "Spring Boot|Micro"
            if after and f"{pieces[-1].lower()} {after.lower()}" in self._pairs:
                kinds[-1] = _FORM  # "…|Spring Boot"
            if not all(
                _justified(kinds[k], kinds[k + 1], header_cut=chosen[k] in after_header) for k in range(len(chosen))
            ):
                continue
            score = sum(len(p) for p, kind in zip(pieces, kinds, strict=True) if kind) - 0.5 * len(chosen)
            if score > best[0]:
                best = (score, pieces)
        return best[1]

    def _kind(self, piece: str, *, first: bool) -> int:
        """What a piece is: a skill form, a header word (not first), a skill's edge word, or nothing."""
        word = _bare(piece)
        if word in self._forms:
            return _FORM if len(word) > 2 else _SHORT  # "Go", "IB": too often the start of a name
        if word in self._headers and not first:
            return _HEADER
        if word in self._lasts or (not first and word in self._firsts):
            return _EDGE
        return _NOTHING


_NOTHING, _EDGE, _SHORT, _HEADER, _FORM = 0, 1, 2, 3, 4


def _justified(left: int, right: int, *, header_cut: bool) -> bool:
    """Whether a cut between pieces of these kinds is sure: a skill form on the left, or a header
    word or skill form on the right. An edge word or a two-letter form ("Go") alone is not enough,
    and a header run into a lower-case word ("Technologiesjava") is cut only before a form."""
    if header_cut:
        return right in (_FORM, _SHORT)
    return left == _FORM or right >= _HEADER


def _bare(text: str) -> str:
    """The lower-case word without the punctuation a scraped token may drag along ("GraphQL/")."""
    return text.lower().strip("/.,;:!?()[]'\"")
