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

Most words repeat, and most of those a candidate pattern points at stay whole ("JavaScript"), so a
splitter remembers, word by word (ORTH hash), whether any neighbours could get it cut: a Doc's
words are checked against a table of those that never could in one numpy look-up, and only the
rest are looked at, their cut kept per (word before, word, word after). A word whose candidate
pattern runs into the characters glued to it ("Kafka•'") is checked in the text itself.

A Doc with cuts is rebuilt from the same characters (word hashes and spaces), or split in place
with spaCy's retokenizer when asked; either way token offsets still index the original text
exactly. A Doc with no cut is returned as it came.
"""

from __future__ import annotations

import itertools
import re
import weakref
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from spacy.strings import StringStore
    from spacy.tokens import Doc

__all__ = ["GLUE_FORMAT", "GlueSplitter"]

GLUE_FORMAT = 1  # bump when GlueSplitter's state changes: the pattern cache keeps a pickled one

# inside a word: lower/digit → capital, capitals → capitalised word, a stop before a capitalised word
_CASE_RE = re.compile(r"(?<=[a-z0-9+#])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_STOP_RE = re.compile(r"(?<=[A-Za-z0-9])(?:[!?;.]|[)\]*•:]+)(?=[A-Z][a-z])")
# closing marks and bullets at a token's end: "RabbitMQ-", "Testcontainers)-", "esbuild)**"
_TAIL_RE = re.compile(r"(?<=[A-Za-z0-9+#])[)\]*•:;.,!?]*[-–—)\]*•][)\]*•:;.,!?\-–—]*$")
# the tokens a cut may be in: those where one of these patterns of the text (or the header
# pattern) has a hit, the position of the pattern's first character less the offset beside it (the
# first finds the capital after a letter). None reaches over white space, and a hit of the first
# three inside a word is one wherever the word stands.
_CANDIDATE_RES = (
    (re.compile(r"[A-Z](?<=[a-z0-9+#][A-Z])"), 1),
    (re.compile(r"[A-Z][A-Z][a-z]"), 0),
    (re.compile(r"[!?;.)\]*•:][A-Z][a-z]"), 0),
    (re.compile(r"[-–—*•](?<=[A-Za-z0-9+#)\]:;.,!?][-–—*•])[-–—*•]*(?=\s|$)"), 0),  # not a bullet opening a line
)
# those that a word alone decides (the last looks at what follows the word)
_INNER_RES = tuple(pattern for pattern, _ in _CANDIDATE_RES[:3])
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

    def split(self, doc: Doc, text: str | None = None, *, in_place: bool = True) -> Doc:
        """``doc`` with its glued tokens split, or ``doc`` itself when none is. ``text`` is the doc's
        text when the caller has it at hand (``doc.text`` is rebuilt token by token). ``doc`` is
        split in place (spaCy's retokenizer) when ``in_place``; otherwise a Doc with more than one
        cut is rebuilt from its word hashes instead, which costs less: use the Doc returned."""
        memo = _memo(self)
        orths: Any = doc.to_array("ORTH")  # uint64 hashes (spaCy's stub says float)
        # most tokens are words seen before that no context could cut: one vectorised look-up
        unsure = (memo.plain.take(orths & memo.mask) != orths).nonzero()[0]
        if not len(unsure):
            return doc
        verdicts = memo.verdicts
        cuts = memo.cuts
        plain = memo.plain
        mask = int(memo.mask)
        strings = doc.vocab.strings
        split: dict[int, list[str]] = {}
        last = len(orths) - 1
        for i, orth in zip(unsure.tolist(), orths.take(unsure).tolist(), strict=True):
            verdict = verdicts.get(orth)
            if verdict is None:
                verdict = memo.learn(orth, strings[orth])
            if verdict == _PLAIN:
                plain[orth & mask] = orth  # its slot held another word: the one seen last keeps it
                continue
            if verdict == _CUT_IF_HIT:
                if text is None:
                    text = doc.text
                start = doc[i].idx
                if not _hit(text, start, start + len(strings[orth]), self._header_re):
                    continue  # as the text's candidate patterns say: its case boundary runs past its edge
            # the cut of a word between these two neighbours, as ``pieces`` makes it
            key = (int(orths[i - 1]) if i else 0, orth, int(orths[i + 1]) if i < last else 0)
            pieces = cuts.get(key)
            if pieces is None:
                pieces = memo.cut(*key, strings)
            if len(pieces) > 1:
                split[i] = pieces
        if not split:
            return doc
        if in_place or len(split) == 1:  # the retokenizer shifts the whole Doc once per cut
            with doc.retokenize() as retokenizer:
                for i, cut in split.items():
                    token = doc[i]
                    retokenizer.split(token, cut, heads=[(token, 0)] * len(cut))
            return doc
        from spacy.tokens import Doc as SpacyDoc

        words: list[int | str] = orths.tolist()
        spaces: list[int] = doc.to_array("SPACY").tolist()
        for i in sorted(split, reverse=True):  # from the end, so that indices hold
            cut = split[i]
            words[i : i + 1] = cut
            spaces[i:i] = [0] * (len(cut) - 1)  # the last piece keeps the token's space
        # words may be hashes, spaces 0 and 1
        return SpacyDoc(doc.vocab, words=cast("list[str]", words), spaces=cast("list[bool]", spaces))

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

    def _segment(
        self, chunk: str, before: str = "", after: str = "", *, pair_ends: tuple[frozenset[str], ...] = ()
    ) -> list[str]:
        """The best cut of a chunk at its case and header boundaries: every cut justified by the
        pieces beside it, then the most known characters, then the fewest pieces. Given
        ``pair_ends`` (the first and the last words of two-word forms) instead of neighbours, the
        cut that the most favourable neighbours would allow."""
        if len(chunk) < 4 or _bare(chunk) in self._whole:
            return [chunk]
        after_header = {m.end() for m in self._header_re.finditer(chunk)}
        cuts = sorted(
            {c for c in {m.start() for m in _CASE_RE.finditer(chunk)} | after_header if 1 < c < len(chunk) - 1}
        )
        if not cuts or len(cuts) > 6:
            return [chunk]
        n = len(chunk)
        if len(cuts) == 1:  # most chunks: one cut, made or not
            c = cuts[0]
            left = self._piece_kind(chunk, 0, c, before, after, pair_ends)
            right = self._piece_kind(chunk, c, n, before, after, pair_ends)
            made = _justified(left, right, header_cut=c in after_header)
            return [chunk[:c], chunk[c:]] if made and (c if left else 0) + (n - c if right else 0) > 0.5 else [chunk]
        known: dict[tuple[int, int], int] = {}  # the kind of each piece, whatever cut made it
        best_score, best = 0.0, None
        for mask in range(1, 1 << len(cuts)):
            chosen = [c for k, c in enumerate(cuts) if mask >> k & 1]
            points = [0, *chosen, n]
            spans = list(itertools.pairwise(points))
            kinds = []
            for a, b in spans:
                kind = known.get((a, b))
                if kind is None:
                    kind = known[a, b] = self._piece_kind(chunk, a, b, before, after, pair_ends)
                kinds.append(kind)
            if not all(
                _justified(kinds[k], kinds[k + 1], header_cut=chosen[k] in after_header) for k in range(len(chosen))
            ):
                continue
            score = sum(b - a for (a, b), kind in zip(spans, kinds, strict=True) if kind) - 0.5 * len(chosen)
            if score > best_score:
                best_score, best = score, spans
        return [chunk] if best is None else [chunk[a:b] for a, b in best]

    def _piece_kind(
        self, chunk: str, a: int, b: int, before: str, after: str, pair_ends: tuple[frozenset[str], ...]
    ) -> int:
        """The kind of ``chunk[a:b]``, a first piece completing a two-word form with the word before
        ("Spring Boot|Micro") and a last one with the word after ("…|Spring Boot")."""
        piece = chunk[a:b]
        kind = self._kind(piece, first=a == 0)
        if a == 0 and (
            (before and f"{before.lower()} {piece.lower()}" in self._pairs)
            or (pair_ends and piece.lower() in pair_ends[1])
        ):
            kind = _FORM
        if b == len(chunk) and (
            (after and f"{piece.lower()} {after.lower()}" in self._pairs)
            or (pair_ends and piece.lower() in pair_ends[0])
        ):
            kind = _FORM
        return kind

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
# what a token's text alone says: no context could cut it; it holds a candidate pattern; it may
# hold one, depending on the characters glued to it
_PLAIN, _CUT_IF_CUTTABLE, _CUT_IF_HIT = 0, 1, 2
_PLAIN_BITS = 18  # a table of 2**18 hashes (2 MB): most words a corpus repeats, with few collisions
_MEMO_LIMIT = 200_000  # words (and words in context) remembered before starting again: ~30 MB
_SPACE_RE = re.compile(r"\s")
_TAIL_ENDS = frozenset(")]*•:;.,!?-–—")  # what a word that _TAIL_RE cuts ends with


class _Memo:
    """What a splitter learns from the texts it splits, word by word (ORTH hash): kept beside the
    splitter, not in its state, so that the pattern cache holds no text."""

    def __init__(self, splitter: GlueSplitter) -> None:
        import numpy as np

        self.splitter = weakref.proxy(splitter)  # a memo must not keep its splitter alive
        # the hash of a word no context could cut, at its low bits (0: none yet; no word hashes to 0)
        self.plain = np.zeros(1 << _PLAIN_BITS, dtype=np.uint64)
        self.mask = np.uint64((1 << _PLAIN_BITS) - 1)
        self.verdicts: dict[int, int] = {}
        self.cuts: dict[tuple[int, int, int], list[str]] = {}  # (before, word, after) → pieces
        pairs = [pair.split(" ") for pair in splitter._pairs]
        self.pair_firsts = frozenset(words[0] for words in pairs)
        self.pair_lasts = frozenset(words[-1] for words in pairs)

    def learn(self, orth: int, word: str) -> int:
        """The verdict on ``word`` (hash ``orth``), kept for its next occurrences."""
        splitter = self.splitter
        if len(self.verdicts) >= _MEMO_LIMIT:
            self.verdicts.clear()
            self.cuts.clear()
        if len(word) < 3 or self._uncuttable(word) or _bare(word) in splitter._whole or not self._cuttable(word):
            verdict = _PLAIN
        elif any(pattern.search(word) for pattern in (*_INNER_RES, splitter._header_re)):
            verdict = _CUT_IF_CUTTABLE
        else:
            verdict = _CUT_IF_HIT
        self.verdicts[orth] = verdict
        return verdict

    def cut(self, before: int, word: int, after: int, strings: StringStore) -> list[str]:
        """The pieces of a word (ORTH hash) between two others (0 at an edge), kept for next time."""
        if len(self.cuts) >= _MEMO_LIMIT:
            self.cuts.clear()
        before_text = strings[before].lower() if before else ""
        after_text = strings[after] if after else ""
        pieces = self.cuts[before, word, after] = self.splitter.pieces(
            strings[word],
            # a mark dragged from the next block comes before a capital ("RabbitMQ- Write");
            # before a lower-case word it is a suspended compound ("food- and pharmaceutical-")
            before_capital=not after_text[:1].islower(),
            before=before_text,
            after=after_text,
        )
        return pieces

    def _uncuttable(self, word: str) -> bool:
        """Whether ``word`` surely has no place to cut, at a glance: no capital after its first
        letter, no header word opening it, no closing mark at its end (most words: "experience",
        "Experience"). A quick sufficient test; ``_cuttable`` decides the others."""
        return (
            word[1:].islower()
            and word[-1] not in _TAIL_ENDS
            and (not word[0].isupper() or self.splitter._header_re.match(word) is None)
        )

    def _cuttable(self, word: str) -> bool:
        """Whether ``pieces`` could cut ``word`` beside some neighbours, before a capital."""
        if _TAIL_RE.search(word) or _STOP_RE.search(word):
            return True
        if _CASE_RE.search(word) is None and self.splitter._header_re.search(word) is None:
            return False  # no place to cut at all: most words, decided without weighing cuts
        return len(self.splitter._segment(word, pair_ends=(self.pair_firsts, self.pair_lasts))) > 1


_MEMOS: weakref.WeakKeyDictionary[GlueSplitter, _Memo] = weakref.WeakKeyDictionary()


def _memo(splitter: GlueSplitter) -> _Memo:
    memo = _MEMOS.get(splitter)
    if memo is None:
        memo = _MEMOS[splitter] = _Memo(splitter)
    return memo


def _hit(text: str, start: int, end: int, header_re: re.Pattern[str]) -> bool:
    """Whether a candidate pattern of the text points into the token at ``text[start:end]``. No
    pattern reaches over white space, so the search ends where the token's run of text does."""
    space = _SPACE_RE.search(text, end)
    stop = space.start() if space else len(text)
    for pattern, back in _CANDIDATE_RES:
        m = pattern.search(text, start + back, stop)
        if m is not None and m.start() - back < end:
            return True
    m = header_re.search(text, start, stop)
    return m is not None and m.start() < end


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
